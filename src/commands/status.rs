//! `okr status`: where key results stand as of a day, per owner.

use anyhow::Result;

use crate::cli::StatusArgs;
use crate::commands::{as_of_date, report_left_out, selection_failed};
use crate::context::Context;
use crate::error::Exit;
use crate::render::{self, Output};
use crate::view::status::StatusView;
use crate::view::{choose_quarter, select, Scope};
use crate::workspace::Keep;

pub fn run(args: &StatusArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    // The view positions nothing in a file: no text is kept.
    let workspace = ctx.workspace_keeping(Keep::Models)?;
    let as_of = as_of_date(args.as_of.as_deref(), ctx)?;
    let choice = choose_quarter(&workspace, args.quarter.as_deref(), as_of)?;
    // Invalid files are left out of the view; say why on stderr, first, so
    // that an owner whose only file is broken learns why it is not found.
    report_left_out(&workspace, output)?;
    if let Some(note) = &choice.note {
        render::note(note, output.color_err, output.err)?;
    }
    let scope = match &args.owner {
        Some(owner) => Scope::Owner(owner),
        None => Scope::All {
            include_personal: args.include_personal,
        },
    };
    let (selected, left_out) = match select(&workspace, choice.quarter, scope) {
        Ok(selection) => selection,
        Err(error) => return selection_failed(error, args.owner.as_deref().unwrap_or(""), output),
    };
    let view = StatusView::build(
        choice.quarter,
        as_of,
        args.owner.as_deref(),
        &selected,
        left_out,
        &workspace.config,
    );
    render::status::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}
