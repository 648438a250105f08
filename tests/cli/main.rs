//! End-to-end tests: the real `okr` binary on small OKR directories, checking
//! stdout, stderr and the exit code. One module per subcommand.

// Test code states its expectations with unwrap and expect (Cargo.toml's
// [lints] deny them in the library) and prints what it measured.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    clippy::print_stderr
)]

mod support;

mod authoring;
mod check;
mod checkin;
mod ci_formats;
mod color;
mod emitters;
mod fiscal;
mod goalposts;
mod grade;
mod help;
mod honest;
mod hostile;
mod lsp;
mod pipeline;
mod precommit;
mod problems;
mod props;
mod quarters;
mod report;
mod routine;
mod schema;
mod status;
mod transcripts;
mod tree;
mod untrusted;
mod views;
mod write_safety;
