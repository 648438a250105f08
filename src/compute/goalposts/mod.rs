//! Comparing committed versions of an OKR file (`README.md#goal-posts-targets-moved-mid-quarter`): moved
//! goal posts for `okr grade`, and a key result's whole timeline for
//! `okr history`.
//!
//! Versions come as models, read and parsed in the read stage
//! ([`crate::revisions`]); key results are matched by objective id and key
//! result id, never as lines: reformatting, reordering, quoting and comment
//! edits change no model, so they are never reported.

#[cfg(test)]
mod tests;
mod timeline;

pub use timeline::{timeline, Event, EventKind, FieldValue};

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use serde::{Serialize, Serializer};

use crate::compute::grading::{has_text, Flag};
use crate::model::KeyResult;
use crate::number::Num;
use crate::revisions::{FileRevisions, Revision};

/// The last day of a quarter's planning: its first 14 days. Changes committed
/// on or before this day are planning, not moved goal posts.
pub fn planning_end(first_day: NaiveDate) -> NaiveDate {
    first_day
        .checked_add_days(Days::new(13))
        .unwrap_or(first_day)
}

/// A goal post: the key result field that moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Baseline,
    Target,
}

/// Whether a moved goal post made the key result easier or harder to reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Eased,
    Raised,
}

/// One goal-post change, as in the `changes` list of `grade` JSON (`docs/format.md#json-output`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub field: Field,
    #[serde(serialize_with = "number")]
    pub from: f64,
    #[serde(serialize_with = "number")]
    pub to: f64,
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    /// The commit's short id.
    pub commit: String,
    pub direction: Direction,
}

/// Numbers as everywhere in JSON: `60`, never `60.0`.
fn number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    Num(*value).serialize(serializer)
}

fn date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

fn optional_date<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

/// Whether moving `field` from the old definition to the new one eased the
/// key result: the target moved toward the baseline, or the baseline toward
/// the target. Anything else raised it. The other goal post is taken as it
/// stood before the commit, so a commit that moves both is judged one post
/// at a time against the definition it changed.
pub fn direction(
    field: Field,
    old_baseline: f64,
    old_target: f64,
    new_baseline: f64,
    new_target: f64,
) -> Direction {
    let toward = match field {
        Field::Target => (new_target - old_target) * (old_baseline - old_target),
        Field::Baseline => (new_baseline - old_baseline) * (old_target - old_baseline),
    };
    if toward > 0.0 {
        Direction::Eased
    } else {
        Direction::Raised
    }
}

/// Goal-post changes per (objective id, key result id) across the versions of
/// one file, oldest first, reporting only changes committed after
/// `planning_end` (see [`planning_end`]). Each key result is compared with its
/// last definition seen, so one removed and put back with a new target is
/// still reported. Key results without changes are not listed.
pub fn goal_post_changes(
    revisions: &[Revision],
    planning_end: NaiveDate,
) -> BTreeMap<(String, String), Vec<Change>> {
    let mut last: HashMap<(String, String), (f64, f64)> = HashMap::new();
    let mut changes: BTreeMap<(String, String), Vec<Change>> = BTreeMap::new();
    for version in revisions {
        for objective in &version.okr.objectives {
            for kr in &objective.key_results {
                let key = (objective.id.to_string(), kr.id.to_string());
                let (baseline, target) = (kr.baseline.0, kr.target.0);
                if let Some(&(old_baseline, old_target)) = last.get(&key) {
                    if version.date > planning_end {
                        let moved = [
                            (Field::Baseline, old_baseline, baseline),
                            (Field::Target, old_target, target),
                        ];
                        for (field, from, to) in moved {
                            if from != to {
                                changes.entry(key.clone()).or_default().push(Change {
                                    field,
                                    from,
                                    to,
                                    date: version.date,
                                    commit: version.short.clone(),
                                    direction: direction(
                                        field,
                                        old_baseline,
                                        old_target,
                                        baseline,
                                        target,
                                    ),
                                });
                            }
                        }
                    }
                }
                last.insert(key, (baseline, target));
            }
        }
    }
    changes
}

/// [`goal_post_changes`] of each file, by its path as read; files without
/// changes are left out.
pub fn changes_by_file(
    files: &[FileRevisions],
    planning_end: NaiveDate,
) -> HashMap<PathBuf, BTreeMap<(String, String), Vec<Change>>> {
    files
        .iter()
        .map(|file| {
            let changes = goal_post_changes(&file.revisions, planning_end);
            (file.path.clone(), changes)
        })
        .filter(|(_, changes)| !changes.is_empty())
        .collect()
}

/// The goal-post flags of a key result: `target_moved` and `baseline_moved`
/// for the fields its `changes` moved, unless it is dropped (it counts in no
/// grade) or its own `reflection` says why. The changes are shown either way.
pub fn goal_post_flags(kr: &KeyResult, changes: &[Change]) -> Vec<Flag> {
    if kr.dropped.is_some() || has_text(kr.reflection.as_deref()) {
        return Vec::new();
    }
    let moved = |field| changes.iter().any(|c| c.field == field);
    let mut flags = Vec::new();
    if moved(Field::Target) {
        flags.push(Flag::TargetMoved);
    }
    if moved(Field::Baseline) {
        flags.push(Flag::BaselineMoved);
    }
    flags
}
