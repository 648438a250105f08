//! The `okr` binary: parse the command line, run, turn the outcome into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

// Parsing YAML makes many small allocations: mimalloc serves them faster than
// the system allocator (about a quarter of the time went to malloc and free).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = okr::cli::Cli::parse();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let exit = okr::run(cli, &mut out, &mut err);
    // Output goes out in one piece at the end; a reader that went away
    // (`okr status | head -1`) is not an error worth a word.
    let _ = io::stderr().write_all(&err);
    let _ = io::stdout()
        .write_all(&out)
        .and_then(|()| io::stdout().flush());
    exit.into()
}
