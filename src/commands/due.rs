//! `okr due`: who owes a check-in, the weekly routine.

use anyhow::Result;

use crate::cli::DueArgs;
use crate::commands::{everyone, prepare};
use crate::context::Context;
use crate::error::Exit;
use crate::render::{self, Output};
use crate::view::due::DueView;
use crate::workspace::{Keep, People};

pub fn run(args: &DueArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
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
    let view = DueView::build(
        quarter,
        as_of,
        &selected,
        left_out,
        workspace.config.stale_after_days,
    );
    render::due::render(&view, args.format, output)?;
    // What it lists never changes the status; an invalid file does, as everywhere.
    Ok(Exit::from_failure(workspace.has_errors()))
}
