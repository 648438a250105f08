//! `okr`: OKRs kept as plain-text YAML files in git.
//!
//! Data flows one way: find and read the files ([`source`]) → parse them into
//! the [`model`] → [`check`] them → [`compute`] the figures → build a [`view`]
//! → [`render`] it. [`workspace`] runs that pipeline once; [`commands`] are
//! thin; the environment is read once into a [`context::Context`]; only
//! renderers write, and only `main` touches the real stdout and stderr.

// Lints are set once, in Cargo.toml's [lints] table: no unsafe code; no
// unwrap or expect outside tests (bad input must never panic; where a value
// truly cannot be absent, say why with an `#[allow]` next to it); printing
// only through the renderers' streams.

pub mod check;
pub mod cli;
pub mod commands;
pub mod compute;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod edit;
pub mod error;
pub mod lsp;
pub mod model;
pub mod number;
pub mod render;
pub mod revisions;
pub mod source;
pub mod suggest;
pub mod template;
pub mod view;
pub mod workspace;
pub mod write;

use std::io::Write;

use cli::Cli;
use context::Context;
use error::{Exit, UsageError};
use render::Output;

/// Runs the command line; usage and environment errors are written to `err`
/// as `okr: error: …` and give exit status 2.
pub fn run(cli: Cli, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let ctx = match Context::from_env(cli.dir.clone(), cli.color) {
        Ok(ctx) => ctx,
        Err(error) => {
            let _ = writeln!(err, "okr: error: {error}");
            return Exit::Usage;
        }
    };
    let mut output = Output::new(out, err, &ctx);
    match commands::dispatch(cli, &ctx, &mut output) {
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
