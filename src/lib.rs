//! `okr`: OKRs kept as plain-text YAML files in git.
//!
//! Data flows one way: find files ([`load`]) → parse ([`model`]) → validate
//! ([`check`]) → compute ([`compute`]) → render ([`render`]). Commands
//! ([`commands`]) return views; only renderers write, and only `main` touches
//! the real stdout and stderr.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// Bad input must never panic: no unwrap or expect outside tests. Where a value
// truly cannot be absent, say why with an `#[allow]` next to it.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod check;
pub mod cli;
pub mod commands;
pub mod compute;
pub mod diagnostic;
pub mod error;
pub mod git;
pub mod goalposts;
pub mod guard;
pub mod load;
pub mod locate;
pub mod model;
pub mod quarter;
pub mod render;
pub mod schema;
pub mod suggest;
pub mod template;
pub mod wording;
pub mod write;
pub mod yaml_error;

use std::io::{IsTerminal, Write};

use cli::{Cli, ColorChoice};
use error::{Exit, UsageError};

/// Where a command writes, and whether each stream is coloured.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub color_out: bool,
    pub color_err: bool,
}

/// Colour on a terminal (or with `--color always`), never with `NO_COLOR` set
/// or `--color never`.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        _ if no_color => false,
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => is_terminal,
    }
}

/// Runs the command line; usage and environment errors are written to `err`
/// as `okr: error: …` and give exit status 2.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let mut output = Output {
        color_out: use_color(cli.color, std::io::stdout().is_terminal()),
        color_err: use_color(cli.color, std::io::stderr().is_terminal()),
        out,
        err,
    };
    match commands::dispatch(cli, &mut output) {
        Ok(exit) => exit,
        Err(error) => {
            let message = match error.downcast_ref::<UsageError>() {
                Some(usage) => usage.to_string(),
                None => format!("{error:#}"),
            };
            let _ = writeln!(output.err, "okr: error: {message}");
            Exit::Usage
        }
    }
}
