//! End-to-end tests: the real `okr` binary on small OKR directories, checking
//! stdout, stderr and the exit code. One module per subcommand.

mod support;

mod check;
mod hostile;
mod props;
