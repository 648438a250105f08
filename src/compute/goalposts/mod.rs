//! Comparing committed versions of an OKR file (FORMAT.md section 8): moved
//! goal posts for `okr grade`, and a key result's whole timeline for
//! `okr history`.
//!
//! Versions are compared as parsed models, key results matched by objective
//! id and key result id, never as lines: reformatting, reordering, quoting
//! and comment edits change no model, so they are never reported. A version
//! that does not parse is skipped: the next one that parses is compared with
//! the last one that did.
//!
//! Parsing is what costs (a busy quarter has thousands of versions), and most
//! commits only add check-ins. So before parsing a version for its goal
//! posts, its text is compared with the last version that parsed with the
//! check-in lines left out ([`only_checkins_differ`]): when nothing else
//! differs, its baselines and targets cannot differ, and it is not parsed.
//! A file whose versions all differ only so is not parsed at all.

#[cfg(test)]
mod tests;
mod timeline;

pub use timeline::{timeline, Event, EventKind, FieldValue};

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use serde::{Serialize, Serializer};

use crate::compute::grading::{has_text, Flag};
use crate::model::{KeyResult, OkrFile};
use crate::number::Num;
use crate::source::git::{FileHistory, Version};

/// The one way a committed version is read: the crate's bounded parser,
/// so a hostile blob is refused like a hostile file.
fn parse_version(text: &str) -> Option<OkrFile> {
    // The same bounded loader as the files on disk: a hostile blob is refused alike.
    crate::source::parse("", text).okr
}

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

/// One goal-post change, as in the `changes` list of `grade` JSON (FORMAT.md section 6).
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
    versions: &[Version],
    planning_end: NaiveDate,
) -> BTreeMap<(String, String), Vec<Change>> {
    let mut last: HashMap<(String, String), (f64, f64)> = HashMap::new();
    let mut changes: BTreeMap<(String, String), Vec<Change>> = BTreeMap::new();
    // The usual file: only check-ins changed all quarter. Then no two
    // versions that parse can differ in a goal post, and none is parsed.
    if let Some((first, rest)) = versions.split_first() {
        if rest
            .iter()
            .all(|v| only_checkins_differ(&first.text, &v.text))
        {
            return changes;
        }
    }
    let mut last_parsed: Option<&str> = None;
    for version in versions {
        let text = version.text.as_str();
        if last_parsed.is_some_and(|old| old == text || only_checkins_differ(old, text)) {
            continue;
        }
        let Some(file) = parse_version(text) else {
            continue;
        };
        last_parsed = Some(text);
        for objective in &file.objectives {
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

/// [`goal_post_changes`] of each file, by its path today relative to the
/// OKR folder; files without changes are left out.
pub fn changes_by_file(
    files: &[FileHistory],
    planning_end: NaiveDate,
) -> HashMap<PathBuf, BTreeMap<(String, String), Vec<Change>>> {
    // Files are independent: compared in parallel, like files are loaded.
    files
        .par_iter()
        .map(|file| {
            let changes = goal_post_changes(&file.versions, planning_end);
            (file.current.clone(), changes)
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

/// Whether `new` differs from `old` only in check-in lines: lines of the
/// block form `[- ]date|value|confidence|note: PLAIN`, whose value holds
/// nothing that could open a structure (no quote, bracket, brace, `|`, `>`,
/// `&`, `*`, `!`, `#` or `:`).
///
/// Then every other line is the same, in the same order, so every `id`,
/// `baseline` and `target` line sits where it sat: no key result's goal
/// posts can differ. At worst the new text no longer parses, and a version
/// that does not parse is skipped anyway. Flow-style check-ins
/// (`- { date: …, value: … }`) are not recognised and are simply parsed.
pub fn only_checkins_differ(old: &str, new: &str) -> bool {
    let mut old = old.split('\n').filter(|line| !is_checkin_line(line));
    let mut new = new.split('\n').filter(|line| !is_checkin_line(line));
    loop {
        match (old.next(), new.next()) {
            (None, None) => return true,
            (a, b) if a == b => {}
            _ => return false,
        }
    }
}

fn is_checkin_line(line: &str) -> bool {
    let line = line
        .strip_suffix('\r')
        .unwrap_or(line)
        .trim_start_matches(' ');
    let line = match line.strip_prefix("- ") {
        Some(item) => item.trim_start_matches(' '),
        None => line,
    };
    let Some((key, value)) = line.split_once(": ") else {
        return false;
    };
    let plain = |c: char| c.is_alphanumeric() || " ._,;/()%+-".contains(c);
    matches!(key, "date" | "value" | "confidence" | "note")
        && !value.trim().is_empty()
        && value.chars().all(plain)
}

/// The versions that parse, each with its model; a text identical to the
/// previous version's is skipped without parsing (a commit that only touched
/// other files' lines, or a rename).
fn parsed(versions: &[Version]) -> impl Iterator<Item = (&Version, OkrFile)> {
    let mut previous: Option<&str> = None;
    versions.iter().filter_map(move |version| {
        if previous == Some(version.text.as_str()) {
            return None;
        }
        previous = Some(version.text.as_str());
        parse_version(&version.text).map(|file| (version, file))
    })
}
