//! `okr tree`: the alignment cascade of a quarter.

use anyhow::Result;

use crate::cli::TreeArgs;
use crate::commands::{everyone, prepare};
use crate::context::Context;
use crate::error::Exit;
use crate::render::{self, Output};
use crate::view::cascade::CascadeView;
use crate::view::status::StatusView;
use crate::workspace::{Keep, People};

pub fn run(args: &TreeArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    // The cascade positions nothing in a file: no text is kept, and person
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
    let view = CascadeView::build(&status);
    render::cascade::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}
