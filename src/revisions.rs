//! Committed versions of OKR files, read in the read stage: git (through
//! [`crate::source::git`]) gives each version's text, and each is parsed here
//! by the same bounded parser as the files on disk, in the directory's
//! calendar (`okr.toml`), so a fiscal quarter of a past version means the
//! same days as today's file. What comes out is models: the figures
//! ([`crate::compute::goalposts`]) and the views never run git or parse.
//!
//! Parsing is what costs (a busy quarter has thousands of versions), and most
//! commits only add check-ins. So for goal posts ([`Depth::Definitions`]) a
//! version is parsed only when its text differs from the last version that
//! parsed in more than check-in lines ([`only_checkins_differ`]): otherwise
//! its baselines and targets cannot differ. A file whose versions all differ
//! only so is not parsed at all. For a key result's timeline
//! ([`Depth::Everything`]) every version is parsed but one whose text is the
//! previous version's. A version that does not parse is left out: the next
//! one that parses is compared with the last one that did.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::quarter::Calendar;
use crate::model::OkrFile;
use crate::source::git::{self, History, Version};

/// One committed version of a file, parsed.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The commit's id shortened to 7 characters.
    pub short: String,
    /// The committer date, in the commit's own offset.
    pub date: NaiveDate,
    /// This commit created the file (see [`Version::created`]).
    pub created: bool,
    /// The file as it stood at that commit, in the directory's calendar.
    pub okr: OkrFile,
}

/// The parsed versions of one OKR file, oldest first.
#[derive(Debug, Clone)]
pub struct FileRevisions {
    /// The file's path as it was asked for (for a view: as loaded).
    pub path: PathBuf,
    pub revisions: Vec<Revision>,
}

/// How much of each version matters to the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Only objectives' and key results' definitions (goal posts): versions
    /// that differ from the last parsed one only in check-in lines are not
    /// parsed.
    Definitions,
    /// Everything, check-ins included (`okr history`).
    Everything,
}

/// The parsed versions of `files` (paths as loaded) committed from `since`
/// to `until`, each with the version from before `since`: what goal posts
/// are judged from. Files git does not list have no entry.
pub fn of_files(
    okr_dir: &Path,
    files: &[PathBuf],
    since: NaiveDate,
    until: NaiveDate,
    calendar: Calendar,
) -> History<Vec<FileRevisions>> {
    let by_relative: HashMap<PathBuf, &PathBuf> = files
        .iter()
        .map(|path| (git::relative_to_dir(okr_dir, path), path))
        .collect();
    let history = git::files_history(okr_dir, files, since, until);
    history.map(|histories| {
        // Files are independent: parsed in parallel, like files are loaded.
        histories
            .par_iter()
            .filter_map(|file| {
                let path = (*by_relative.get(&file.current)?).clone();
                let revisions = parse(&file.versions, Depth::Definitions, calendar);
                Some(FileRevisions { path, revisions })
            })
            .collect()
    })
}

/// Every parsed version of one file from `since` on, with the version from
/// before it: a key result's timeline is told from these.
pub fn of_file(
    okr_dir: &Path,
    file: &Path,
    since: NaiveDate,
    calendar: Calendar,
) -> History<Vec<Revision>> {
    // Every later commit counts: a target moved while grading is history too.
    git::file_history(okr_dir, file, since, NaiveDate::MAX).map(|histories| {
        histories
            .into_iter()
            .next()
            .map(|file| parse(&file.versions, Depth::Everything, calendar))
            .unwrap_or_default()
    })
}

/// The versions that parse and may differ at `depth` from the one before,
/// each with its model in `calendar`.
pub fn parse(versions: &[Version], depth: Depth, calendar: Calendar) -> Vec<Revision> {
    if depth == Depth::Definitions {
        // The usual file: only check-ins changed all quarter. Then no two
        // versions that parse can differ in a goal post, and none is parsed.
        if let Some((first, rest)) = versions.split_first() {
            if rest
                .iter()
                .all(|v| only_checkins_differ(&first.text, &v.text))
            {
                return Vec::new();
            }
        }
    }
    let mut revisions = Vec::new();
    // The text compared with: the last version that parsed (definitions), or
    // the previous version (everything).
    let mut last: Option<&str> = None;
    for version in versions {
        let text = version.text.as_str();
        let same = last.is_some_and(|old| {
            old == text || (depth == Depth::Definitions && only_checkins_differ(old, text))
        });
        if depth == Depth::Everything {
            last = Some(text);
        }
        if same {
            continue;
        }
        // The same bounded loader as the files on disk: a hostile blob is refused alike.
        let Some(mut okr) = crate::source::parse("", text).okr else {
            continue;
        };
        okr.quarter = okr.quarter.with_calendar(calendar);
        if depth == Depth::Definitions {
            last = Some(text);
        }
        revisions.push(Revision {
            short: version.short.clone(),
            date: version.date,
            created: version.created,
            okr,
        });
    }
    revisions
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quarter::YearLabel;
    use crate::source::git::testing::okr_file;

    fn version(day: &str, text: String) -> Version {
        Version {
            commit: "0".repeat(40),
            short: "0000000".into(),
            date: NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date"),
            path: PathBuf::from("t.yaml"),
            text,
            created: false,
        }
    }

    #[test]
    fn versions_are_read_in_the_directory_calendar() {
        let fiscal = Calendar::new(7, YearLabel::Start);
        let text = okr_file("400", &[]).replace("2026-Q4", "2026-Q1");
        let revisions = parse(&[version("2026-07-01", text)], Depth::Everything, fiscal);
        let quarter = revisions[0].okr.quarter;
        // Fiscal 2026 starting in July: its first quarter is July to September.
        assert_eq!(quarter.first_day().to_string(), "2026-07-01");
        assert_eq!(quarter, quarter.with_calendar(fiscal));
    }

    #[test]
    fn only_versions_that_can_differ_are_parsed() {
        let base = okr_file("400", &[("2026-10-06", "880")]);
        let checked = okr_file("400", &[("2026-10-06", "880"), ("2026-10-20", "700")]);
        let moved = okr_file("500", &[("2026-10-06", "880"), ("2026-10-20", "700")]);
        let versions = [
            version("2026-10-01", base.clone()),
            version("2026-10-20", checked.clone()),
            version("2026-10-21", "objectives: [".into()),
            version("2026-10-22", checked.clone()),
            version("2026-10-23", moved),
        ];
        let days = |depth| -> Vec<String> {
            parse(&versions, depth, Calendar::default())
                .iter()
                .map(|r| r.date.to_string())
                .collect()
        };
        // Definitions: the check-in and its repetition after a broken
        // version cannot move a goal post; the broken one does not parse.
        assert_eq!(days(Depth::Definitions), ["2026-10-01", "2026-10-23"]);
        assert_eq!(
            days(Depth::Everything),
            ["2026-10-01", "2026-10-20", "2026-10-22", "2026-10-23"]
        );
        // All versions differing only in check-ins: nothing is parsed.
        let quiet = [version("2026-10-01", base), version("2026-10-20", checked)];
        assert!(parse(&quiet, Depth::Definitions, Calendar::default()).is_empty());
    }
}
