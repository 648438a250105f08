//! `okr history OWNER/OBJECTIVE/KEY_RESULT`: one key result's timeline from git.

use anyhow::Result;

use crate::cli::HistoryArgs;
use crate::commands::{quarter_of, report_left_out, selection_failed};
use crate::context::Context;
use crate::error::Exit;
use crate::render::{self, Output};
use crate::revisions;
use crate::view::timeline::{TimelineView, Wanted};
use crate::view::SelectError;
use crate::workspace::Keep;

pub fn run(args: &HistoryArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    let wanted = Wanted::parse(&args.key_result)?;
    // Only the files of the quarter shown are read.
    let (workspace, _) =
        ctx.workspace_of_view(Keep::Everything, args.quarter.as_deref(), Ok(ctx.today))?;
    report_left_out(&workspace, output)?;
    let quarter = quarter_of(&workspace, args.quarter.as_deref(), ctx.today, output)?;
    let file = match wanted.find(&workspace, quarter) {
        Ok(file) => file,
        Err(unknown) => {
            // An owner whose file is broken is told so, not that it is unknown.
            let invalid = workspace.invalid_files_of(wanted.owner, Some(quarter));
            if invalid.is_empty() {
                return Err(unknown.into());
            }
            let files = invalid.iter().map(|f| f.display.clone()).collect();
            return selection_failed(SelectError::Invalid(files), wanted.owner, output);
        }
    };
    let history = revisions::of_file(
        &workspace.root,
        &file.path,
        quarter.first_day(),
        workspace.config.calendar,
    );
    let view = TimelineView::new(history, file, quarter, &wanted);
    // History never changes the exit status: what cannot be read is a note.
    if let Some(note) = &view.note {
        render::note(note, output.color_err, output.err)?;
    }
    render::timeline::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}
