//! `okr checkin`: what was written, and the key-result paths offered for
//! completion (which file a check-in goes to is `crate::edit::target`'s).

use chrono::NaiveDate;
use serde::Serialize;

use crate::edit::target::{key_paths, quarters_for};
use crate::view::iso_date;
use crate::workspace::Workspace;

/// What `okr checkin` wrote.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinReport {
    pub file: String,
    pub key_result: String,
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    /// An existing check-in on that date was changed (`--replace`).
    pub replaced: bool,
    /// The lines written, without their line endings.
    pub lines: Vec<String>,
}

/// The paths to complete `prefix` with, for a check-in today (`open_only`)
/// or any command naming a key result: those of the quarters a check-in
/// today may go to, else of the latest quarter with files.
pub fn completions(
    workspace: &Workspace,
    today: NaiveDate,
    prefix: &str,
    open_only: bool,
) -> Vec<String> {
    let mut quarters = quarters_for(workspace, today, None);
    if key_paths(workspace, &quarters, open_only).is_empty() {
        quarters = workspace.quarters().last().copied().into_iter().collect();
    }
    key_paths(workspace, &quarters, open_only)
        .into_iter()
        .filter(|p| p.starts_with(prefix))
        .collect()
}
