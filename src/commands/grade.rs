//! `okr grade`: the quarter-end review, or one owner's grades across quarters.

use anyhow::Result;

use crate::cli::GradeArgs;
use crate::commands::{as_of_date, quarter_of, report_left_out, selection_failed};
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::render::{self, Output};
use crate::revisions;
use crate::view::grade::{GoalPosts, GradeView};
use crate::view::history::HistoryView;
use crate::view::{select, Scope};
use crate::workspace::{Keep, People};

pub fn run(args: &GradeArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    // The text of the files shown, to position grading-time warnings; person
    // files only when the view may show them.
    let people = People::of(args.owner.as_deref(), args.include_personal);
    let keep = Keep::Shown { people };
    // One quarter's view reads only that quarter's files; the history reads them all.
    let (workspace, as_of) = if args.history {
        let workspace = ctx.workspace_keeping(keep)?;
        (workspace, as_of_date(args.as_of.as_deref(), ctx)?)
    } else {
        let as_of = as_of_date(args.as_of.as_deref(), ctx);
        ctx.workspace_of_view(keep, args.quarter.as_deref(), as_of)?
    };
    report_left_out(&workspace, output)?;
    if args.history {
        if args.quarter.is_some() {
            return Err(
                UsageError("--history shows every quarter; leave out --quarter".into()).into(),
            );
        }
        let owner = args
            .owner
            .as_deref()
            .ok_or_else(|| UsageError("--history needs an OWNER".into()))?;
        let view = match HistoryView::build(&workspace, owner, as_of) {
            Ok(view) => view,
            Err(unknown) => {
                let invalid = workspace.invalid_files_of(owner, None);
                if invalid.is_empty() {
                    return Err(unknown.into());
                }
                let files = invalid.iter().map(|f| f.display.clone()).collect();
                return selection_failed(crate::view::SelectError::Invalid(files), owner, output);
            }
        };
        render::grade::render_history(&view, args.format, output)?;
        return Ok(Exit::from_failure(workspace.has_errors()));
    }
    let quarter = quarter_of(&workspace, args.quarter.as_deref(), as_of, output)?;
    let scope = Scope::of(args.owner.as_deref(), args.include_personal);
    let (selected, left_out) = match select(&workspace, quarter, scope) {
        Ok(selection) => selection,
        Err(error) => return selection_failed(error, args.owner.as_deref().unwrap_or(""), output),
    };
    // History never changes the exit status: what cannot be read is a note.
    let goal_posts = match GoalPosts::wanted(&selected, quarter, as_of) {
        Some((files, since, until)) => GoalPosts::of(
            revisions::of_files(
                &workspace.root,
                &files,
                since,
                until,
                workspace.config.calendar,
            ),
            quarter,
        ),
        None => GoalPosts::default(),
    };
    if let Some(note) = &goal_posts.note {
        render::note(note, output.color_err, output.err)?;
    }
    let mut view = GradeView::with_goal_posts(
        quarter,
        args.owner.as_deref(),
        &selected,
        left_out,
        as_of,
        &workspace.config,
        &goal_posts,
    );
    view.diagnostics = crate::view::grade::diagnostics(&view, &workspace);
    render::grade::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}
