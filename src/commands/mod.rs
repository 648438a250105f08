//! One short module per subcommand: read the arguments, build the view from
//! the workspace, hand it to its renderer. Nothing here computes a figure or
//! formats output.

pub mod check;
pub mod checkin;
pub mod completions;
pub mod grade;
pub mod history;
pub mod init;
pub mod new;
pub mod report;
pub mod schema;
pub mod status;
pub mod tree;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::model::parse_date;
use crate::render::{self, Output};
use crate::view::SelectError;
use crate::workspace::Workspace;

/// Runs the subcommand of `cli`.
pub fn dispatch(cli: Cli, ctx: &Context, output: &mut Output) -> Result<Exit> {
    match cli.command {
        Command::Check(args) => check::run(&args, ctx, output),
        Command::Checkin(args) => checkin::run(&args, ctx, output),
        Command::CompleteKeys(args) => checkin::complete_keys(&args, ctx, output),
        Command::Status(args) => status::run(&args, ctx, output),
        Command::Grade(args) => grade::run(&args, ctx, output),
        Command::Report(args) => report::run(&args, ctx, output),
        Command::Tree(args) => tree::run(&args, ctx, output),
        Command::History(args) => history::run(&args, ctx, output),
        Command::Init(args) => init::run(&args, ctx, output),
        Command::New(args) => new::run(&args, ctx, output),
        Command::Schema => schema::run(output),
        Command::Completions(args) => completions::run(&args, output),
        Command::Man => completions::man(output),
    }
}

/// Parses a `--as-of` date; today when absent.
pub fn as_of_date(text: Option<&str>, ctx: &Context) -> Result<NaiveDate, UsageError> {
    match text {
        None => Ok(ctx.today),
        Some(text) => parse_date(text).map_err(|e| UsageError(format!("--as-of: {e}"))),
    }
}

/// What a view command does when its owner cannot be selected: an unknown
/// owner is a usage error (exit 2); an owner whose only file is invalid gets
/// a note after that file's errors and exit 1.
pub fn selection_failed(error: SelectError, owner: &str, output: &mut Output) -> Result<Exit> {
    match error {
        SelectError::Unknown(usage) => Err(usage.into()),
        SelectError::Invalid(files) => {
            let note = format!(
                "`{owner}` has OKRs only in {}, which {} invalid: fix the errors above to see them",
                files.join(", "),
                if files.len() == 1 { "is" } else { "are" }
            );
            render::note(&note, output.color_err, output.err)?;
            Ok(Exit::Invalid)
        }
    }
}

/// For the views: the errors of the files left out, on stderr first, and
/// what could not be verified.
pub fn report_left_out(workspace: &Workspace, output: &mut Output) -> Result<()> {
    render::diagnostics::left_out(&workspace.all_diagnostics(), output.color_err, output.err)?;
    report_notes(workspace, output)
}

/// The workspace's notes (`aligns` that could not be verified), on stderr.
pub fn report_notes(workspace: &Workspace, output: &mut Output) -> Result<()> {
    for note in &workspace.notes {
        render::note(note, output.color_err, output.err)?;
    }
    Ok(())
}
