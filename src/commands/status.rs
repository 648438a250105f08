//! `okr status`: where key results stand as of a day, per owner, and with
//! `--since` what changed since an earlier day.

use anyhow::Result;
use chrono::{Days, NaiveDate};

use crate::cli::StatusArgs;
use crate::commands::{prepare, selection_failed};
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::model::Quarter;
use crate::render::{self, Output};
use crate::revisions;
use crate::view::grade::GoalPosts;
use crate::view::status::StatusView;
use crate::view::{select, Scope, Selected};
use crate::workspace::{Keep, People, Workspace};

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
    let since = match args.since {
        None => None,
        Some(arg) => Some(
            arg.resolve(as_of)
                .filter(|day| *day <= as_of)
                .ok_or_else(|| {
                    UsageError(format!(
                        "--since: must not be after the as-of day {as_of} (a date, or a span back from it such as `2w`)"
                    ))
                })?,
        ),
    };
    let scope = Scope::of(args.owner.as_deref(), args.include_personal);
    let (selected, left_out) = match select(&workspace, quarter, scope) {
        Ok(selection) => selection,
        Err(error) => return selection_failed(error, args.owner.as_deref().unwrap_or(""), output),
    };
    let goal_posts = match since {
        Some(day) => goal_posts_since(&workspace, &selected, quarter, day, as_of),
        None => GoalPosts::default(),
    };
    if let Some(note) = &goal_posts.note {
        render::note(note, output.color_err, output.err)?;
    }
    let view = StatusView::build_since(
        quarter,
        as_of,
        since,
        args.owner.as_deref(),
        &selected,
        left_out,
        &workspace.config,
        &goal_posts,
    );
    render::status::render(&view, args.format, output)?;
    Ok(Exit::from_failure(workspace.has_errors()))
}

/// The goal posts moved after `since` up to `as_of`, from git: the grade
/// view's machinery, reading only the commits after `since` (and the
/// version before them).
fn goal_posts_since(
    workspace: &Workspace,
    selected: &[Selected],
    quarter: Quarter,
    since: NaiveDate,
    as_of: NaiveDate,
) -> GoalPosts {
    let Some((files, first_day, until)) = GoalPosts::wanted(selected, quarter, as_of) else {
        return GoalPosts::default();
    };
    let from = since
        .checked_add_days(Days::new(1))
        .unwrap_or(since)
        .max(first_day);
    if from > until {
        return GoalPosts::default();
    }
    GoalPosts::of(
        revisions::of_files(
            &workspace.root,
            &files,
            from,
            until,
            workspace.config.calendar,
        ),
        quarter,
    )
}
