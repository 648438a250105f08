//! `okr status`: where key results stand as of a day, per owner.

use anyhow::Result;

use crate::cli::StatusArgs;
use crate::commands::{prepare, selection_failed};
use crate::context::Context;
use crate::error::Exit;
use crate::render::{self, Output};
use crate::view::status::StatusView;
use crate::view::{select, Scope};
use crate::workspace::{Keep, People};

pub fn run(args: &StatusArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    // The view positions nothing in a file: no text is kept, and person
    // files only when the view may show them.
    let people = People::of(args.owner.as_deref(), args.include_personal);
    let (workspace, quarter, as_of) = prepare(
        ctx,
        Keep::Models { people },
        args.quarter.as_deref(),
        args.as_of.as_deref(),
        output,
    )?;
    let scope = Scope::of(args.owner.as_deref(), args.include_personal);
    let (selected, left_out) = match select(&workspace, quarter, scope) {
        Ok(selection) => selection,
        Err(error) => return selection_failed(error, args.owner.as_deref().unwrap_or(""), output),
    };
    let view = StatusView::build(
        quarter,
        as_of,
        args.owner.as_deref(),
        &selected,
        left_out,
        &workspace.config,
    );
    render::status::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}
