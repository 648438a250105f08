//! `okr completions SHELL` and `okr man`: the shell completion scripts and the
//! man page, both generated from the clap definition of the command line;
//! bash, zsh and fish also complete key-result paths after `okr checkin`.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell as Target;

use crate::cli::{Cli, CompletionsArgs, Shell};
use crate::error::Exit;
use crate::render::completion;
use crate::Output;

pub fn run(args: &CompletionsArgs, output: &mut Output) -> Result<Exit> {
    let target = match args.shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
        Shell::Elvish => Target::Elvish,
    };
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(target, &mut command, "okr", &mut script);
    let shell = match args.shell {
        Shell::Bash => completion::Shell::Bash,
        Shell::Zsh => completion::Shell::Zsh,
        Shell::Fish => completion::Shell::Fish,
        Shell::Powershell | Shell::Elvish => completion::Shell::Other,
    };
    let script = completion::with_key_results(shell, &String::from_utf8_lossy(&script));
    output.out.write_all(script.as_bytes())?;
    Ok(Exit::Success)
}

/// `okr man`: the man page of `okr` as roff, subcommands included.
pub fn man(output: &mut Output) -> Result<Exit> {
    crate::render::man::page(Cli::command(), output.out)?;
    Ok(Exit::Success)
}
