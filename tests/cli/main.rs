//! End-to-end tests: the real `okr` binary on small OKR directories, checking
//! stdout, stderr and the exit code. One module per subcommand.

mod support;

mod authoring;
mod check;
mod goalposts;
mod grade;
mod help;
mod hostile;
mod pipeline;
mod props;
mod readme;
mod schema;
mod status;
mod write_safety;
