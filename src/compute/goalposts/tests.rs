use super::*;
use crate::model::quarter::Calendar;
use crate::revisions::{self, only_checkins_differ, Depth, FileRevisions};
use crate::source::git::testing::{git_available, okr_file, TestRepo};
use crate::source::git::{history, History, Version};

/// The versions as the read stage gives them for goal posts.
fn defs(versions: &[Version]) -> Vec<Revision> {
    revisions::parse(versions, Depth::Definitions, Calendar::default())
}

/// The versions as the read stage gives them for a timeline.
fn all(versions: &[Version]) -> Vec<Revision> {
    revisions::parse(versions, Depth::Everything, Calendar::default())
}

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

    let changes = goal_post_changes(&defs(&versions(&repo)), q4_planning_end());
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
    assert_eq!(
        json["from"].to_string(),
        "400",
        "whole numbers without a fraction"
    );
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
    assert!(goal_post_changes(&defs(&versions), q4_planning_end()).is_empty());
    // The planning edits were compared all the same: after planning, the
    // change is from 450, not from 400.
    repo.write("web.yaml", &okr_file("400", &[("2026-10-20", "850")]));
    repo.commit("2026-10-27");
    let changes = goal_post_changes(&defs(&super::tests::versions(&repo)), q4_planning_end());
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
    assert!(goal_post_changes(&defs(&versions), q4_planning_end()).is_empty());
    let events = timeline(&all(&versions), "speed", "p95");
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
    let changes = goal_post_changes(&defs(&versions), q4_planning_end());
    let moved: Vec<(f64, f64, &str)> = changes[&key()]
        .iter()
        .map(|c| (c.from, c.to, c.commit.as_str()))
        .collect();
    assert_eq!(moved, [(400.0, 350.0, &fixed[..7])]);
    let kinds: Vec<EventKind> = timeline(&all(&versions), "speed", "p95")
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

    let changes = goal_post_changes(&defs(&versions(&repo)), q4_planning_end());
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
    let s = |n: f64| Some(FieldValue::Number(crate::number::Num(n)));
    let event =
        |date: &str, id: &str, kind, field: Option<&str>, from, to, checkin: Option<&str>| Event {
            date: day(date),
            commit: id[..7].to_string(),
            kind,
            field: field.map(str::to_string),
            from,
            to,
            checkin: checkin.map(day),
        };
    use EventKind::*;
    assert_eq!(
        timeline(&all(&versions), "speed", "p95"),
        [
            event("2026-09-25", &created, Created, None, None, None, None),
            event(
                "2026-10-06",
                &added,
                CheckinAdded,
                None,
                None,
                s(880.0),
                Some("2026-10-06")
            ),
            event(
                "2026-10-20",
                &changed,
                CheckinChanged,
                Some("value"),
                s(880.0),
                s(870.0),
                Some("2026-10-06")
            ),
            event(
                "2026-10-20",
                &changed,
                CheckinAdded,
                None,
                None,
                s(850.0),
                Some("2026-10-20")
            ),
            event(
                "2026-11-02",
                &moved,
                Changed,
                Some("target"),
                s(400.0),
                s(500.0),
                None
            ),
            event(
                "2026-11-02",
                &moved,
                CheckinRemoved,
                None,
                s(870.0),
                None,
                Some("2026-10-06")
            ),
        ]
    );
    assert!(timeline(&all(&versions), "speed", "nope").is_empty());
    let json = serde_json::to_value(timeline(&all(&versions), "speed", "p95")).unwrap();
    assert_eq!(json[0]["kind"], "created");
    assert_eq!(json[1]["kind"], "checkin_added");
    assert_eq!(json[1]["checkin"], "2026-10-06");
    assert_eq!(json[0]["checkin"], serde_json::Value::Null);
    // Values, baselines and targets are JSON numbers (`docs/format.md#json-output`).
    assert_eq!(json[1]["to"], serde_json::json!(880));
    assert_eq!(json[4]["from"], serde_json::json!(400));
    assert_eq!(json[4]["to"], serde_json::json!(500));
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

    let kinds: Vec<EventKind> = timeline(&all(&versions(&repo)), "speed", "p95")
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

#[test]
fn only_checkin_lines_differing_is_told_apart_from_everything_else() {
    let base = okr_file("400", &[("2026-10-06", "880")]);
    let more = okr_file("400", &[("2026-10-06", "870"), ("2026-10-20", "850")]);
    assert!(only_checkins_differ(&base, &more));
    assert!(only_checkins_differ(
        &base,
        &base.replace('\n', "\r\n").replace("\r\n", "\n")
    ));
    let noted = base.replace(
        "value: 880\n",
        "value: 880\n            note: p95 (web), +3% after the CDN\n",
    );
    assert!(only_checkins_differ(&base, &noted));
    // A goal post, a title, a comment or an odd value is another line: parse.
    assert!(!only_checkins_differ(
        &base,
        &okr_file("500", &[("2026-10-06", "880")])
    ));
    assert!(!only_checkins_differ(
        &base,
        &base.replace("title: Pages", "title: Sites")
    ));
    assert!(!only_checkins_differ(&base, &format!("{base}# done\n")));
    for odd in [
        "\"a", "[1", "{a", "|", ">", "&x 1", "*x", "!!str 1", "1 # c", "a: b",
    ] {
        let changed = base.replace("value: 880", &format!("value: {odd}"));
        assert!(!only_checkins_differ(&base, &changed), "{odd}");
    }
}

#[test]
fn a_fix_after_a_version_that_does_not_parse_is_compared_with_the_last_that_did() {
    if !git_available("a_fix_after_a_version_that_does_not_parse") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[("2026-10-06", "880")]));
    repo.commit("2026-09-25");
    // The target moves in a commit whose check-in value is broken…
    repo.write("web.yaml", &okr_file("500", &[("2026-10-06", "oops")]));
    repo.commit("2026-10-20");
    // …and the fix touches only that check-in line.
    repo.write("web.yaml", &okr_file("500", &[("2026-10-06", "880")]));
    let fixed = repo.commit("2026-10-27");

    let versions = versions(&repo);
    assert_eq!(versions.len(), 3);
    let changes = goal_post_changes(&defs(&versions), q4_planning_end());
    let moved: Vec<(f64, f64, &str)> = changes[&key()]
        .iter()
        .map(|c| (c.from, c.to, c.commit.as_str()))
        .collect();
    assert_eq!(moved, [(400.0, 500.0, &fixed[..7])]);
}

#[test]
fn changes_are_listed_by_file_and_files_without_changes_left_out() {
    if !git_available("changes_are_listed_by_file") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.write("api.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-25");
    repo.write("web.yaml", &okr_file("600", &[]));
    repo.write("api.yaml", &okr_file("400", &[("2026-10-20", "850")]));
    repo.commit("2026-10-20");
    let History::Files(files) = history(&repo.okrs(), day("2026-10-01"), day("2026-12-31")) else {
        panic!("expected files");
    };
    let files: Vec<FileRevisions> = files
        .iter()
        .map(|f| FileRevisions {
            path: f.current.clone(),
            revisions: defs(&f.versions),
        })
        .collect();
    let by_file = changes_by_file(&files, q4_planning_end());
    assert_eq!(by_file.len(), 1);
    let web = &by_file[std::path::Path::new("web.yaml")];
    assert_eq!(web[&key()][0].direction, Direction::Eased);
}
