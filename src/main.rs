//! The `okr` binary: parse the command line, run, turn the outcome into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A panic is a bug in okr, never the user's doing: one line that says so,
    // without the backtrace hint. (The loader also catches panics per file, so
    // the other files are still read.)
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            io::stderr(),
            "okr: internal error (a bug: please report it): {info}"
        );
    }));
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
