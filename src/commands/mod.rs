//! One short module per subcommand: read the arguments, build the view from
//! the workspace, hand it to its renderer. Nothing here computes a figure or
//! formats output.

pub mod check;
pub mod checkin;
pub mod completions;
pub mod due;
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
use crate::model::Quarter;
use crate::render::{self, Output};
use crate::view::{choose_quarter, select, LeftOut, Scope, SelectError, Selected};
use crate::workspace::{Keep, Workspace};

/// Runs the subcommand of `cli`.
pub fn dispatch(cli: Cli, ctx: &Context, output: &mut Output) -> Result<Exit> {
    match cli.command {
        Command::Check(args) => check::run(&args, ctx, output),
        Command::Checkin(args) => checkin::run(&args, ctx, output),
        Command::CompleteKeys(args) => checkin::complete_keys(&args, ctx, output),
        Command::Status(args) => status::run(&args, ctx, output),
        Command::Due(args) => due::run(&args, ctx, output),
        Command::Grade(args) => grade::run(&args, ctx, output),
        Command::Report(args) => report::run(&args, ctx, output),
        Command::Tree(args) => tree::run(&args, ctx, output),
        Command::History(args) => history::run(&args, ctx, output),
        Command::Init(args) => init::run(&args, ctx, output),
        Command::New(args) => new::run(&args, ctx, output),
        Command::Schema => schema::run(output),
        Command::Completions(args) => completions::run(&args, output),
        Command::Man => completions::man(output),
        Command::Lsp => Ok(match crate::lsp::run()? {
            true => Exit::Success,
            false => Exit::Invalid,
        }),
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

/// The quarter a view is about (`--quarter`, else the one containing
/// `as_of`, else the latest with files), with a note on stderr when it is
/// not the one asked for.
pub fn quarter_of(
    workspace: &Workspace,
    given: Option<&str>,
    as_of: NaiveDate,
    output: &mut Output,
) -> Result<Quarter> {
    let choice = choose_quarter(workspace, given, as_of)?;
    if let Some(note) = &choice.note {
        render::note(note, output.color_err, output.err)?;
    }
    Ok(choice.quarter)
}

/// What every quarter view does first: read the files of the quarter shown
/// (keeping what `keep` says), parse `--as-of`, choose the quarter, and say on stderr which
/// files are left out and why (first, so that an owner whose only file is
/// broken learns why it is not found).
pub fn prepare(
    ctx: &Context,
    keep: Keep<'_>,
    quarter: Option<&str>,
    as_of: Option<&str>,
    output: &mut Output,
) -> Result<(Workspace, Quarter, NaiveDate)> {
    // Only the files of the quarter shown are read.
    let (workspace, as_of) = ctx.workspace_of_view(keep, quarter, as_of_date(as_of, ctx))?;
    let choice = choose_quarter(&workspace, quarter, as_of)?;
    report_left_out(&workspace, output)?;
    if let Some(note) = &choice.note {
        render::note(note, output.color_err, output.err)?;
    }
    Ok((workspace, choice.quarter, as_of))
}

/// Every owner of `quarter`, person files only when `include_personal`.
pub fn everyone(
    workspace: &Workspace,
    quarter: Quarter,
    include_personal: bool,
) -> (Vec<Selected<'_>>, LeftOut) {
    // A many-owner selection names no owner, so it cannot fail.
    select(workspace, quarter, Scope::All { include_personal }).unwrap_or_default()
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
