//! Which file a check-in goes to: the key result a path names, in the
//! quarters a check-in on that date may go to, and the message for a path
//! that names none.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::checked::{key_result, window, KeyPath, Refusal};
use crate::compute::GRACE_DAYS;
use crate::diagnostic::{Rule, Severity};
use crate::model::quarter::Calendar;
use crate::model::Quarter;
use crate::suggest;
use crate::workspace::Workspace;

/// The file a check-in goes to.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    /// As shown to the user.
    pub display: String,
    /// The file's quarter, in the directory's calendar.
    pub quarter: Quarter,
}

/// The quarters whose files a check-in on `date` may go to, the preferred
/// first: `given`; else the quarter containing `date`, then the previous one
/// while `date` is in its window (the final measurement).
pub fn quarters_for(
    workspace: &Workspace,
    date: NaiveDate,
    given: Option<Quarter>,
) -> Vec<Quarter> {
    quarters_in(workspace.config.calendar, date, given)
}

/// [`quarters_for`], in the directory's `calendar`: known before its files are read.
pub fn quarters_in(calendar: Calendar, date: NaiveDate, given: Option<Quarter>) -> Vec<Quarter> {
    if let Some(quarter) = given {
        return vec![quarter];
    }
    let containing = calendar.containing(date);
    let previous = containing.previous();
    let mut quarters = vec![containing];
    if date <= window(previous).1 {
        quarters.push(previous);
    }
    quarters
}

/// The file holding `path`'s key result in the first of `quarters` where
/// the owner has a file with it (or an invalid file: it cannot be read).
/// `date` is the check-in's, when it picked the quarters (no --quarter).
pub fn target(
    workspace: &Workspace,
    path: &KeyPath,
    quarters: &[Quarter],
    date: Option<NaiveDate>,
) -> Result<Target, Refusal> {
    for &quarter in quarters {
        let files: Vec<_> = workspace
            .files
            .iter()
            .filter(|f| f.claims() == Some((quarter.to_string(), path.owner.clone())))
            .collect();
        if files.iter().any(|f| f.has_errors()) {
            let errors = files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .filter(|d| d.severity == Severity::Error)
                .cloned()
                .collect();
            return Err(Refusal::Invalid(errors));
        }
        let found = files.iter().find(|f| {
            f.okr
                .as_ref()
                .is_some_and(|okr| key_result(okr, path).is_some())
        });
        if let Some(file) = found {
            return Ok(Target {
                path: file.path.clone(),
                display: file.display.clone(),
                quarter: quarter.with_calendar(workspace.config.calendar),
            });
        }
    }
    if let Some(message) = elsewhere(workspace, path, quarters, date) {
        return Err(Refusal::Usage(message));
    }
    // A file okr could not read may be the one (a file with mode 0000).
    let unread: Vec<&str> = workspace
        .files
        .iter()
        .filter(|f| f.claims().is_none())
        .filter(|f| f.diagnostics.iter().any(|d| d.rule == Rule::Unreadable))
        .map(|f| f.display.as_str())
        .collect();
    let message = match unread.as_slice() {
        [] => unknown(workspace, &path.to_string(), quarters),
        [file] => format!("{file} cannot be read (permission denied?), so `{path}` was not found; it may be in that file: make it readable and run again"),
        [file, more @ ..] => format!("{file} and {} other files cannot be read (permission denied?), so `{path}` was not found; it may be in one of them: make them readable and run again", more.len()),
    };
    Err(Refusal::Usage(message))
}

/// When the key result is in another quarter's file than `quarters`: for a
/// `date` that picked them, that the date is outside that quarter's check-in
/// window and which quarter it falls in; for a --quarter, which one has it.
fn elsewhere(
    workspace: &Workspace,
    path: &KeyPath,
    quarters: &[Quarter],
    date: Option<NaiveDate>,
) -> Option<String> {
    let mut found: Vec<(&str, Quarter)> = workspace
        .valid_files()
        .filter(|(_, okr)| {
            okr.owner()
                .is_some_and(|(_, owner)| owner.as_str() == path.owner)
        })
        .filter(|(_, okr)| !quarters.iter().any(|q| same_label(*q, okr.quarter)))
        .filter(|(_, okr)| key_result(okr, path).is_some())
        .map(|(f, okr)| {
            (
                f.display.as_str(),
                okr.quarter.with_calendar(workspace.config.calendar),
            )
        })
        .collect();
    // The latest quarter first: the one a check-in most likely meant.
    found.sort_by_key(|(_, q)| std::cmp::Reverse(*q));
    let (file, quarter) = *found.first()?;
    let names: Vec<String> = quarters.iter().map(ToString::to_string).collect();
    let names = names.join(" or ");
    let picked = quarters.first()?;
    let Some(date) = date else {
        return Some(format!(
            "`{path}` is not in {names}; it is in {quarter}'s file {file}: give --quarter {quarter}"
        ));
    };
    let (first, last) = window(quarter);
    Some(format!(
        "{date} is outside the check-in window of {quarter}, {first} to {last} (the quarter, and {GRACE_DAYS} days after it for the final measurement), whose file {file} has `{path}`; {date} is in {picked}, which has no file with it; give --date in the window"
    ))
}

/// The message for a path that names no key result: the closest one that
/// exists, or how to list them.
pub fn unknown(workspace: &Workspace, wanted: &str, quarters: &[Quarter]) -> String {
    let names: Vec<String> = quarters.iter().map(ToString::to_string).collect::<Vec<_>>();
    let names = names.join(" or ");
    let paths = key_paths(workspace, quarters, false);
    match suggest::closest(wanted, paths.iter().map(String::as_str)) {
        Some(near) => format!(
            "there is no key result `{wanted}` in {names}; did you mean `{near}`?"
        ),
        None if KeyPath::parse(wanted).is_none() => format!(
            "`{wanted}` is not OWNER/OBJECTIVE/KEY_RESULT, e.g. `devrel/api-pain/tickets`; `okr status` lists the key results"
        ),
        None => format!(
            "there is no key result `{wanted}` in {names}; `okr status OWNER` lists an owner's key results"
        ),
    }
}

/// Every `OWNER/OBJECTIVE/KEY_RESULT` of the valid files of `quarters`,
/// sorted; with `open_only`, only those that take check-ins (not dropped,
/// not kept in `current`).
pub fn key_paths(workspace: &Workspace, quarters: &[Quarter], open_only: bool) -> Vec<String> {
    let mut paths: Vec<String> = workspace
        .valid_files()
        .filter(|(_, okr)| quarters.iter().any(|q| same_label(*q, okr.quarter)))
        .filter_map(|(_, okr)| okr.owner().map(|(_, owner)| (owner, okr)))
        .flat_map(|(owner, okr)| {
            okr.objectives.iter().flat_map(move |o| {
                o.key_results
                    .iter()
                    .filter(move |k| !open_only || (k.dropped.is_none() && k.current.is_none()))
                    .map(move |k| format!("{owner}/{}/{}", o.id, k.id))
            })
        })
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Whether two quarters have the same label (`2026-Q4`), whatever the
/// calendar each carries.
fn same_label(a: Quarter, b: Quarter) -> bool {
    (a.year(), a.number()) == (b.year(), b.number())
}
