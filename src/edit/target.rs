//! Which file a check-in goes to: the key result a path names, in the
//! quarters a check-in on that date may go to, and the message for a path
//! that names none.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::checked::{key_result, window, KeyPath, Refusal};
use crate::diagnostic::Severity;
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
    if let Some(quarter) = given {
        return vec![quarter];
    }
    let containing = workspace.config.calendar.containing(date);
    let previous = containing.previous();
    let mut quarters = vec![containing];
    if date <= window(previous).1 {
        quarters.push(previous);
    }
    quarters
}

/// The file holding `path`'s key result in the first of `quarters` where
/// the owner has a file with it (or an invalid file: it cannot be read).
pub fn target(
    workspace: &Workspace,
    path: &KeyPath,
    quarters: &[Quarter],
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
    Err(Refusal::Usage(unknown(
        workspace,
        &path.to_string(),
        quarters,
    )))
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
