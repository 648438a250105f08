//! Comparing committed versions of an OKR file (FORMAT.md section 8): moved
//! goal posts for `okr grade`, and a key result's whole timeline for
//! `okr history`.
//!
//! Versions are compared as parsed models, key results matched by objective
//! id and key result id, never as lines: reformatting, reordering, quoting
//! and comment edits change no model, so they are never reported. A version
//! that does not parse is skipped: the next one that parses is compared with
//! the last one that did.

use std::collections::{BTreeMap, HashMap};

use chrono::{Days, NaiveDate};
use serde::{Serialize, Serializer};

use crate::model::{fmt_number, Checkin, KeyResult, OkrFile};
use crate::source::git::Version;

/// The one way a committed version is read. It will become the crate's
/// bounded loader; every comparison goes through here.
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
    pub from: f64,
    pub to: f64,
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    /// The commit's short id.
    pub commit: String,
    pub direction: Direction,
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
    for (version, file) in parsed(versions) {
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

/// What happened to a key result in one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The key result was added (or the file holding it created).
    Created,
    /// The key result was already there in the oldest version read.
    FirstSeen,
    /// The key result was taken out of the file.
    Removed,
    /// A field of its definition changed: `field`, `from`, `to`.
    Changed,
    /// A check-in was added: `checkin` is its date, `to` its value.
    CheckinAdded,
    /// A check-in's `value`, `confidence` or `note` (`field`) changed.
    CheckinChanged,
    /// A check-in was taken out: `from` was its value.
    CheckinRemoved,
}

/// One entry of a key result's timeline. Values are given as text, numbers
/// written the way people write them (`60`, `0.7`); absent is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    /// The commit's short id.
    pub commit: String,
    pub kind: EventKind,
    pub field: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// For check-in events, the check-in's date.
    #[serde(serialize_with = "optional_date")]
    pub checkin: Option<NaiveDate>,
}

/// The key result's whole timeline for `okr history`: each definition change
/// (title, baseline, target, unit, owner, weight, grade, reflection, dropped,
/// current), each check-in added, changed or removed, with date and commit,
/// oldest first. The first event is `created` (or `first_seen` when the
/// oldest version read did not create it); the check-ins it already had follow
/// as `checkin_added` in the same commit.
pub fn timeline(versions: &[Version], objective: &str, key_result: &str) -> Vec<Event> {
    let mut events = Vec::new();
    let mut previous: Option<KeyResult> = None;
    let mut first = true;
    for (version, file) in parsed(versions) {
        let current = file
            .objectives
            .iter()
            .filter(|o| o.id.as_str() == objective)
            .flat_map(|o| &o.key_results)
            .find(|kr| kr.id.as_str() == key_result)
            .cloned();
        let event = |kind, field: Option<&str>, from, to, checkin| Event {
            date: version.date,
            commit: version.short.clone(),
            kind,
            field: field.map(str::to_string),
            from,
            to,
            checkin,
        };
        match (&previous, &current) {
            (None, Some(kr)) => {
                let kind = if first && !version.created {
                    EventKind::FirstSeen
                } else {
                    EventKind::Created
                };
                events.push(event(kind, None, None, None, None));
                for checkin in kr.checkins() {
                    let value = Some(fmt_number(checkin.value.0));
                    let day = Some(checkin.date.0);
                    events.push(event(EventKind::CheckinAdded, None, None, value, day));
                }
            }
            (Some(_), None) => events.push(event(EventKind::Removed, None, None, None, None)),
            (Some(old), Some(new)) => {
                for (field, from, to) in definition_changes(old, new) {
                    events.push(event(EventKind::Changed, Some(field), from, to, None));
                }
                let old_checkins = by_date(old.checkins());
                let new_checkins = by_date(new.checkins());
                let mut days: Vec<NaiveDate> = old_checkins
                    .keys()
                    .chain(new_checkins.keys())
                    .copied()
                    .collect();
                days.sort();
                days.dedup();
                for day in days {
                    match (old_checkins.get(&day), new_checkins.get(&day)) {
                        (None, Some(added)) => events.push(event(
                            EventKind::CheckinAdded,
                            None,
                            None,
                            Some(fmt_number(added.value.0)),
                            Some(day),
                        )),
                        (Some(removed), None) => events.push(event(
                            EventKind::CheckinRemoved,
                            None,
                            Some(fmt_number(removed.value.0)),
                            None,
                            Some(day),
                        )),
                        (Some(old), Some(new)) => {
                            for (field, from, to) in checkin_changes(old, new) {
                                events.push(event(
                                    EventKind::CheckinChanged,
                                    Some(field),
                                    from,
                                    to,
                                    Some(day),
                                ));
                            }
                        }
                        (None, None) => {}
                    }
                }
            }
            (None, None) => {}
        }
        previous = current;
        first = false;
    }
    events
}

type FieldChange = (&'static str, Option<String>, Option<String>);

/// The definition fields that differ, in the order the format lists them.
fn definition_changes(old: &KeyResult, new: &KeyResult) -> Vec<FieldChange> {
    let number = |n: f64| Some(fmt_number(n));
    let fields = |kr: &KeyResult| -> [(&'static str, Option<String>); 10] {
        [
            ("title", kr.title.clone()),
            ("baseline", number(kr.baseline.0)),
            ("target", number(kr.target.0)),
            ("unit", kr.unit.clone()),
            ("owner", kr.owner.as_ref().map(ToString::to_string)),
            ("weight", kr.weight.and_then(|w| number(w.0))),
            ("current", kr.current.and_then(|c| number(c.0))),
            ("grade", kr.grade.and_then(|g| number(g.0))),
            ("reflection", kr.reflection.clone()),
            ("dropped", kr.dropped.clone()),
        ]
    };
    differing(fields(old), fields(new))
}

/// The check-in fields that differ.
fn checkin_changes(old: &Checkin, new: &Checkin) -> Vec<FieldChange> {
    let fields = |c: &Checkin| -> [(&'static str, Option<String>); 3] {
        [
            ("value", Some(fmt_number(c.value.0))),
            ("confidence", c.confidence.map(|c| fmt_number(c.0))),
            ("note", c.note.clone()),
        ]
    };
    differing(fields(old), fields(new))
}

fn differing<const N: usize>(
    old: [(&'static str, Option<String>); N],
    new: [(&'static str, Option<String>); N],
) -> Vec<FieldChange> {
    old.into_iter()
        .zip(new)
        .filter(|((_, from), (_, to))| from != to)
        .map(|((field, from), (_, to))| (field, from, to))
        .collect()
}

/// Check-ins by date; where a date is repeated (an invalid file), the last wins.
fn by_date(checkins: &[Checkin]) -> BTreeMap<NaiveDate, &Checkin> {
    checkins.iter().map(|c| (c.date.0, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::git::testing::{git_available, okr_file, TestRepo};
    use crate::source::git::{history, History};

    fn day(text: &str) -> NaiveDate {
        crate::model::parse_date(text).unwrap()
    }

    /// The versions of `web.yaml` over 2026-Q4.
    fn versions(repo: &TestRepo) -> Vec<Version> {
        match history(&repo.okrs(), day("2026-10-01"), day("2026-12-31")) {
            History::Files(mut files) => {
                assert_eq!(files.len(), 1, "{files:?}");
                files.remove(0).versions
            }
            other => panic!("expected files, got {other:?}"),
        }
    }

    fn q4_planning_end() -> NaiveDate {
        planning_end(day("2026-10-01"))
    }

    fn key() -> (String, String) {
        ("speed".to_string(), "p95".to_string())
    }

    #[test]
    fn planning_is_the_first_fourteen_days() {
        assert_eq!(q4_planning_end(), day("2026-10-14"));
    }

    #[test]
    fn eased_and_raised_targets_after_planning_are_reported() {
        if !git_available("eased_and_raised_targets_after_planning_are_reported") {
            return;
        }
        let repo = TestRepo::new();
        repo.write("web.yaml", &okr_file("400", &[]));
        repo.commit("2026-09-25");
        repo.write("web.yaml", &okr_file("400", &[("2026-10-20", "850")]));
        repo.commit("2026-10-20");
        repo.write("web.yaml", &okr_file("600", &[("2026-10-20", "850")]));
        let eased = repo.commit("2026-11-02");
        repo.write("web.yaml", &okr_file("300.5", &[("2026-10-20", "850")]));
        let raised = repo.commit("2026-11-16T09:00:00-08:00");

        let changes = goal_post_changes(&versions(&repo), q4_planning_end());
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[&key()],
            [
                Change {
                    field: Field::Target,
                    from: 400.0,
                    to: 600.0,
                    date: day("2026-11-02"),
                    commit: eased[..7].to_string(),
                    direction: Direction::Eased,
                },
                Change {
                    field: Field::Target,
                    from: 600.0,
                    to: 300.5,
                    date: day("2026-11-16"),
                    commit: raised[..7].to_string(),
                    direction: Direction::Raised,
                },
            ]
        );
        let json = serde_json::to_value(&changes[&key()][0]).unwrap();
        assert_eq!(json["field"], "target");
        assert_eq!(json["direction"], "eased");
        assert_eq!(json["date"], "2026-11-02");
        assert_eq!(json["commit"], &eased[..7]);
        assert_eq!(json["from"], 400.0);
        assert_eq!(json["to"], 600.0);
    }

    #[test]
    fn planning_week_edits_are_not_reported() {
        if !git_available("planning_week_edits_are_not_reported") {
            return;
        }
        let repo = TestRepo::new();
        repo.write("web.yaml", &okr_file("400", &[]));
        repo.commit("2026-09-25");
        repo.write("web.yaml", &okr_file("500", &[]));
        repo.commit("2026-10-03");
        repo.write("web.yaml", &okr_file("450", &[]));
        repo.commit("2026-10-14");
        repo.write("web.yaml", &okr_file("450", &[("2026-10-20", "850")]));
        repo.commit("2026-10-20");

        let versions = versions(&repo);
        assert_eq!(versions.len(), 4);
        assert!(goal_post_changes(&versions, q4_planning_end()).is_empty());
        // The planning edits were compared all the same: after planning, the
        // change is from 450, not from 400.
        repo.write("web.yaml", &okr_file("400", &[("2026-10-20", "850")]));
        repo.commit("2026-10-27");
        let changes = goal_post_changes(&super::tests::versions(&repo), q4_planning_end());
        assert_eq!(changes[&key()].len(), 1);
        assert_eq!(changes[&key()][0].from, 450.0);
        assert_eq!(changes[&key()][0].direction, Direction::Raised);
    }

    #[test]
    fn reformatting_reordering_and_comments_are_not_reported() {
        if !git_available("reformatting_reordering_and_comments_are_not_reported") {
            return;
        }
        let repo = TestRepo::new();
        let two = "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: speed\n    key_results:\n      - id: p95\n        baseline: 900\n        target: 400\n      - id: lcp\n        baseline: 3\n        target: 2\n";
        repo.write("web.yaml", two);
        repo.commit("2026-09-25");
        // Flow style, keys and key results reordered, a comment, numbers re-spelt.
        let reformatted = "# Web team\nteam: web\nquarter: 2026-Q4\nobjectives:\n- id: speed\n  key_results:\n  - {id: lcp, target: 2.0, baseline: 3}  # okr: allow activity_wording\n  - id: p95\n    target: 4.0e2\n    baseline: 900\n";
        repo.write("web.yaml", reformatted);
        repo.commit("2026-10-20");
        repo.write("web.yaml", &format!("{reformatted}# a trailing comment\n"));
        repo.commit("2026-11-02");

        let versions = versions(&repo);
        assert_eq!(versions.len(), 3);
        assert!(goal_post_changes(&versions, q4_planning_end()).is_empty());
        let events = timeline(&versions, "speed", "p95");
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].kind, EventKind::Created);
    }

    #[test]
    fn a_version_that_does_not_parse_is_skipped() {
        if !git_available("a_version_that_does_not_parse_is_skipped") {
            return;
        }
        let repo = TestRepo::new();
        repo.write("web.yaml", &okr_file("400", &[]));
        repo.commit("2026-09-25");
        repo.write("web.yaml", "quarter: 2026-Q4\nteam: web\nobjectives: [\n");
        repo.commit("2026-10-20");
        repo.write(
            "web.yaml",
            &okr_file("400", &[]).replace("target", "tagret"),
        );
        repo.commit("2026-10-27");
        repo.write("web.yaml", &okr_file("350", &[]));
        let fixed = repo.commit("2026-11-03");

        let versions = versions(&repo);
        assert_eq!(versions.len(), 4);
        let changes = goal_post_changes(&versions, q4_planning_end());
        let moved: Vec<(f64, f64, &str)> = changes[&key()]
            .iter()
            .map(|c| (c.from, c.to, c.commit.as_str()))
            .collect();
        assert_eq!(moved, [(400.0, 350.0, &fixed[..7])]);
        let kinds: Vec<EventKind> = timeline(&versions, "speed", "p95")
            .iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, [EventKind::Created, EventKind::Changed]);
    }

    #[test]
    fn baselines_are_goal_posts_too() {
        if !git_available("baselines_are_goal_posts_too") {
            return;
        }
        let repo = TestRepo::new();
        repo.write("web.yaml", &okr_file("400", &[]));
        repo.commit("2026-09-25");
        let rebased = okr_file("400", &[]).replace("baseline: 900", "baseline: 700");
        repo.write("web.yaml", &rebased);
        repo.commit("2026-10-20");

        let changes = goal_post_changes(&versions(&repo), q4_planning_end());
        let change = &changes[&key()][0];
        assert_eq!(
            (change.field, change.from, change.to, change.direction),
            (Field::Baseline, 900.0, 700.0, Direction::Eased)
        );
    }

    #[test]
    fn direction_of_each_goal_post() {
        use Direction::{Eased, Raised};
        use Field::{Baseline, Target};
        // Higher is better: 100 → 200.
        assert_eq!(direction(Target, 100.0, 200.0, 100.0, 150.0), Eased);
        assert_eq!(direction(Target, 100.0, 200.0, 100.0, 250.0), Raised);
        assert_eq!(direction(Baseline, 100.0, 200.0, 150.0, 200.0), Eased);
        assert_eq!(direction(Baseline, 100.0, 200.0, 50.0, 200.0), Raised);
        // Lower is better: 900 → 400.
        assert_eq!(direction(Target, 900.0, 400.0, 900.0, 600.0), Eased);
        assert_eq!(direction(Target, 900.0, 400.0, 900.0, 300.0), Raised);
        assert_eq!(direction(Baseline, 900.0, 400.0, 700.0, 400.0), Eased);
        assert_eq!(direction(Baseline, 900.0, 400.0, 1000.0, 400.0), Raised);
        // Both moved in one commit: each judged against the definition before it.
        assert_eq!(direction(Target, 100.0, 200.0, 150.0, 250.0), Raised);
        assert_eq!(direction(Baseline, 100.0, 200.0, 150.0, 250.0), Eased);
    }

    #[test]
    fn timeline_of_one_key_result() {
        if !git_available("timeline_of_one_key_result") {
            return;
        }
        let repo = TestRepo::new();
        repo.write("web.yaml", &okr_file("400", &[]));
        let created = repo.commit("2026-09-25");
        repo.write("web.yaml", &okr_file("400", &[("2026-10-06", "880")]));
        let added = repo.commit("2026-10-06");
        repo.write(
            "web.yaml",
            &okr_file("400", &[("2026-10-06", "870"), ("2026-10-20", "850")]),
        );
        let changed = repo.commit("2026-10-20");
        repo.write("web.yaml", &okr_file("500", &[("2026-10-20", "850")]));
        let moved = repo.commit("2026-11-02");

        let versions = versions(&repo);
        let s = |text: &str| Some(text.to_string());
        let event =
            |date: &str, id: &str, kind, field: Option<&str>, from, to, checkin: Option<&str>| {
                Event {
                    date: day(date),
                    commit: id[..7].to_string(),
                    kind,
                    field: field.map(str::to_string),
                    from,
                    to,
                    checkin: checkin.map(day),
                }
            };
        use EventKind::*;
        assert_eq!(
            timeline(&versions, "speed", "p95"),
            [
                event("2026-09-25", &created, Created, None, None, None, None),
                event(
                    "2026-10-06",
                    &added,
                    CheckinAdded,
                    None,
                    None,
                    s("880"),
                    Some("2026-10-06")
                ),
                event(
                    "2026-10-20",
                    &changed,
                    CheckinChanged,
                    Some("value"),
                    s("880"),
                    s("870"),
                    Some("2026-10-06")
                ),
                event(
                    "2026-10-20",
                    &changed,
                    CheckinAdded,
                    None,
                    None,
                    s("850"),
                    Some("2026-10-20")
                ),
                event(
                    "2026-11-02",
                    &moved,
                    Changed,
                    Some("target"),
                    s("400"),
                    s("500"),
                    None
                ),
                event(
                    "2026-11-02",
                    &moved,
                    CheckinRemoved,
                    None,
                    s("870"),
                    None,
                    Some("2026-10-06")
                ),
            ]
        );
        assert!(timeline(&versions, "speed", "nope").is_empty());
        let json = serde_json::to_value(timeline(&versions, "speed", "p95")).unwrap();
        assert_eq!(json[0]["kind"], "created");
        assert_eq!(json[1]["kind"], "checkin_added");
        assert_eq!(json[1]["checkin"], "2026-10-06");
        assert_eq!(json[0]["checkin"], serde_json::Value::Null);
    }

    #[test]
    fn a_key_result_there_before_the_range_is_first_seen_then_removed() {
        if !git_available("a_key_result_there_before_the_range_is_first_seen") {
            return;
        }
        let repo = TestRepo::new();
        repo.write("web.yaml", &okr_file("400", &[("2026-10-01", "900")]));
        repo.commit("2026-09-20");
        repo.write("web.yaml", &okr_file("400", &[("2026-10-01", "890")]));
        repo.commit("2026-09-28");
        repo.write(
            "web.yaml",
            &okr_file("400", &[]).replace("id: p95", "id: p99"),
        );
        repo.commit("2026-10-20");

        let kinds: Vec<EventKind> = timeline(&versions(&repo), "speed", "p95")
            .iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                EventKind::FirstSeen,
                EventKind::CheckinAdded,
                EventKind::Removed
            ]
        );
    }
}
