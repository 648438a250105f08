//! `okr report`: the quarter's share-out, built from the status and grade
//! views of every owner (person files only with `--include-personal`).

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::ReportArgs;
use crate::commands::{as_of_date, report_left_out};
use crate::context::Context;
use crate::error::Exit;
use crate::model::Quarter;
use crate::render::{self, Output};
use crate::view::grade::GradeView;
use crate::view::report::ReportView;
use crate::view::status::StatusView;
use crate::view::{choose_quarter, select, LeftOut, Scope, Selected};
use crate::workspace::Workspace;

pub fn run(args: &ReportArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    let (workspace, quarter, as_of) =
        prepare(ctx, output, args.quarter.as_deref(), args.as_of.as_deref())?;
    let (selected, left_out) = everyone(&workspace, quarter, args.include_personal);
    let config = &workspace.config;
    let status = StatusView::build(quarter, as_of, None, &selected, left_out, config);
    let grade = GradeView::build(quarter, None, &selected, left_out, as_of, config);
    let view = ReportView::build(status, &grade);
    render::report::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}

/// What `report` and `tree` do first: read the directory, say on stderr
/// which files are left out and why, and choose the quarter.
pub fn prepare(
    ctx: &Context,
    output: &mut Output,
    quarter: Option<&str>,
    as_of: Option<&str>,
) -> Result<(Workspace, Quarter, NaiveDate)> {
    let workspace = ctx.workspace()?;
    let as_of = as_of_date(as_of, ctx)?;
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
