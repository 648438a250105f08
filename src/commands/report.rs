//! `okr report`: the quarter's share-out, built from the status and grade
//! views of every owner (person files only with `--include-personal`).

use anyhow::Result;

use crate::cli::ReportArgs;
use crate::commands::{everyone, prepare};
use crate::context::Context;
use crate::error::Exit;
use crate::render::{self, Output};
use crate::view::grade::GradeView;
use crate::view::report::ReportView;
use crate::view::status::StatusView;
use crate::workspace::{Keep, People};

pub fn run(args: &ReportArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    // The report positions nothing in a file: no text is kept, and person
    // files only when it shows them.
    let (workspace, quarter, as_of) = prepare(
        ctx,
        Keep::Models {
            people: People::of(None, args.include_personal),
        },
        args.quarter.as_deref(),
        args.as_of.as_deref(),
        output,
    )?;
    let (selected, left_out) = everyone(&workspace, quarter, args.include_personal);
    let config = &workspace.config;
    let status = StatusView::build(quarter, as_of, None, &selected, left_out, config);
    let grade = GradeView::build(quarter, None, &selected, left_out, as_of, config);
    let view = ReportView::build(status, &grade);
    render::report::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}
