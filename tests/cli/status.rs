//! `okr status`: the numbers of `docs/format.md#what-is-computed` in the JSON of section 6,
//! the 1:1 view of a person, invalid neighbours, and the table, Markdown and
//! CSV shapes. Every run fixes `--as-of`, so no test depends on today.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

const AS_OF: &str = "2026-11-21";

fn close(actual: &Value, expected: f64) -> bool {
    // JSON carries computed figures rounded to 6 decimals (`docs/format.md#json-output`).
    actual
        .as_f64()
        .is_some_and(|a| (a - (expected * 1e6).round() / 1e6).abs() < 1e-12)
}

macro_rules! assert_close {
    ($actual:expr, $expected:expr) => {{
        let (actual, expected) = (&$actual, $expected);
        assert!(close(actual, expected), "{actual} != {expected}");
    }};
}

/// `okr status ARGS --format json` over the shipped `okrs/`, parsed.
fn shipped_json(args: &[&str]) -> Value {
    let output = okr()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--dir")
        .arg(shipped_okrs())
        .arg("status")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn ids(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v[field].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_numbers_follow_section_3_for_the_shipped_okrs() {
    let view = shipped_json(&["--include-personal", "--as-of", AS_OF]);
    assert_eq!(view["quarter"], "2026-Q4");
    assert_eq!(view["as_of"], AS_OF);
    let elapsed = 52.0 / 92.0;
    assert_close!(view["elapsed"], elapsed);
    assert_eq!(
        ids(&view["owners"], "owner"),
        ["acme", "devrel", "platform", "alice", "bob"],
        "companies, then teams, then people"
    );

    let devrel = owner(&view, "devrel");
    assert_eq!(devrel["kind"], "team");
    assert_eq!(
        devrel["file"], "okrs/2026-Q4/devrel.yaml",
        "as in diagnostics"
    );
    let api_pain = objective(devrel, "api-pain");
    assert_eq!(api_pain["aligns"], "acme/developer-love");
    assert_eq!(api_pain["committed"], false);

    let tickets = kr(api_pain, "tickets");
    assert_eq!(tickets["owner"], "alice");
    assert_eq!(tickets["unit"], "tickets/week");
    assert_eq!(tickets["baseline"], 120);
    assert_eq!(tickets["target"], 60);
    assert_eq!(tickets["current"], 95);
    assert_close!(tickets["progress"], 25.0 / 60.0);
    assert_close!(tickets["expected"], elapsed);
    assert_eq!(tickets["health"], "at_risk");
    assert_eq!(tickets["confidence"], 0.6);
    assert_eq!(tickets["last_checkin"], "2026-11-17");
    assert_eq!(tickets["stale"], false);
    assert_eq!(tickets["trend"], serde_json::json!([118, 110, 104, 95]));
    assert_eq!(tickets["grade"], Value::Null);
    assert_close!(tickets["score"], 25.0 / 60.0);
    assert_eq!(tickets["dropped"], Value::Null);
    assert_eq!(tickets["checkin_age_days"], 4);

    // Decreasing metric, stale: 26 days since the last check-in.
    let ttfc = kr(api_pain, "time-to-first-call");
    assert_close!(ttfc["progress"], 14.0 / 35.0);
    assert_eq!(ttfc["health"], "at_risk");
    assert_eq!(ttfc["stale"], true);

    // Dropped: shown, counted in no score.
    let tutorial = kr(api_pain, "tutorial");
    assert_eq!(tutorial["health"], "dropped");
    assert_eq!(tutorial["score"], Value::Null);
    assert_eq!(tutorial["current"], Value::Null);
    assert_eq!(tutorial["progress"], 0);
    assert_eq!(tutorial["stale"], false);
    assert!(tutorial["dropped"]
        .as_str()
        .unwrap()
        .starts_with("The October review"));
    let api_pain_score = (25.0 / 60.0 + 14.0 / 35.0) / 2.0;
    assert_close!(api_pain["score"], api_pain_score);

    let community = objective(devrel, "community");
    let answered = kr(community, "answered");
    assert_close!(answered["progress"], 8.0 / 35.0);
    assert_eq!(answered["health"], "off_track");
    assert_eq!(answered["confidence_fell_from"], 0.3);
    let community_score = (8.0 / 35.0 + 6.0 / 12.0) / 2.0;
    assert_close!(community["score"], community_score);
    assert_close!(devrel["score"], (api_pain_score + community_score) / 2.0);

    // Weights: p95 counts twice. cold-start is a decreasing metric in seconds.
    let platform = owner(&view, "platform");
    let fast_api = objective(platform, "fast-api");
    assert_close!(kr(fast_api, "p95")["progress"], 310.0 / 500.0);
    assert_eq!(kr(fast_api, "p95")["weight"], 2);
    let cold = kr(fast_api, "cold-start");
    assert_eq!(cold["baseline"], 3.2);
    assert_close!(cold["progress"], 0.3 / 2.2);
    assert_eq!(cold["health"], "off_track");
    assert_close!(fast_api["score"], (2.0 * 0.62 + 0.3 / 2.2) / 3.0);

    // Past the target (decreasing, via `current`): clamped to 1, never stale.
    let acme = owner(&view, "acme");
    let reliable = objective(acme, "reliable-platform");
    assert_eq!(reliable["committed"], true);
    let sev1 = kr(reliable, "sev1");
    assert_eq!(sev1["progress"], 1);
    assert_eq!(sev1["health"], "on_track");
    assert_eq!(sev1["stale"], false);
    assert_eq!(sev1["last_checkin"], Value::Null);
    assert_eq!(sev1["trend"], serde_json::json!([]));
    assert_eq!(sev1["confidence"], Value::Null);
    let availability = kr(reliable, "availability");
    assert_eq!(availability["progress"], 1);
    assert_eq!(availability["stale"], true, "21 days since 2026-10-31");
}

#[test]
fn integral_numbers_are_written_without_a_fraction() {
    okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "devrel", "--as-of", AS_OF, "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"baseline\": 120,"))
        .stdout(predicate::str::contains("\"target\": 60,"))
        .stdout(predicate::str::contains(".0,").not());
}

#[test]
fn checkins_after_the_as_of_date_are_ignored() {
    let view = shipped_json(&["devrel", "--as-of", "2026-10-25"]);
    let tickets = kr(objective(owner(&view, "devrel"), "api-pain"), "tickets");
    assert_eq!(tickets["current"], 110);
    assert_eq!(tickets["trend"], serde_json::json!([118, 110]));
    assert_eq!(tickets["confidence"], 0.5);
    assert_eq!(tickets["last_checkin"], "2026-10-20");
    assert_close!(view["elapsed"], 25.0 / 92.0);
}

#[test]
fn before_the_quarter_nothing_is_expected_and_after_it_everything_is() {
    let before = shipped_json(&["platform", "--quarter", "2026-Q4", "--as-of", "2026-09-15"]);
    assert_eq!(before["elapsed"], 0);
    let p95 = kr(objective(owner(&before, "platform"), "fast-api"), "p95");
    assert_eq!(p95["current"], Value::Null);
    assert_eq!(p95["health"], "no_data");
    assert_eq!(p95["expected"], 0);
    assert_eq!(p95["stale"], false);

    let after = shipped_json(&["platform", "--quarter", "2026-Q4", "--as-of", "2027-01-20"]);
    assert_eq!(after["elapsed"], 1);
    let fast_api = objective(owner(&after, "platform"), "fast-api");
    assert_eq!(kr(fast_api, "p95")["expected"], 1);
    assert_eq!(
        kr(fast_api, "p95")["health"],
        "ended",
        "after the quarter pace means nothing (`docs/format.md#what-is-computed`)"
    );
    assert_eq!(
        kr(fast_api, "cold-start")["stale"],
        false,
        "the quarter is over"
    );
}

#[test]
fn a_persons_view_holds_their_file_and_the_team_key_results_they_own() {
    let view = shipped_json(&["alice", "--as-of", AS_OF]);
    assert_eq!(view["for_owner"], "alice");
    assert_eq!(ids(&view["owners"], "owner"), ["alice", "devrel"]);
    let alice = owner(&view, "alice");
    assert_eq!(alice["kind"], "person");
    assert_eq!(alice["only_owned_by"], Value::Null);
    let devrel = owner(&view, "devrel");
    assert_eq!(devrel["only_owned_by"], "alice");
    assert_eq!(ids(&devrel["objectives"], "id"), ["api-pain", "community"]);
    assert_eq!(
        ids(&objective(devrel, "api-pain")["key_results"], "id"),
        ["tickets"]
    );
    assert_eq!(
        ids(&objective(devrel, "community")["key_results"], "id"),
        ["answered"]
    );
    for point in view["talking_points"].as_array().unwrap() {
        let path = point["key_result"].as_str().unwrap();
        assert!(
            path.starts_with("alice/")
                || path == "devrel/api-pain/tickets"
                || path == "devrel/community/answered",
            "{path}"
        );
    }

    okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "alice", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("doc-feedback"))
        .stdout(predicate::str::contains("tickets"))
        .stdout(predicate::str::contains("answered"))
        .stdout(predicate::str::contains("key results owned by alice"))
        .stdout(predicate::str::contains("time-to-first-call").not())
        .stdout(predicate::str::contains("  champions ").not())
        .stdout(predicate::str::contains("platform").not())
        .stdout(predicate::str::contains("bob").not())
        .stdout(predicate::str::contains("acme").not());
}

#[test]
fn without_an_owner_the_overview_comes_first() {
    let view = shipped_json(&["--include-personal", "--as-of", AS_OF]);
    assert_eq!(view["for_owner"], Value::Null);
    let devrel = view["overview"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["owner"] == "devrel")
        .unwrap();
    assert_eq!(devrel["on_track"], 1);
    assert_eq!(devrel["at_risk"], 2);
    assert_eq!(devrel["off_track"], 1);
    assert_eq!(devrel["dropped"], 1);
    assert_eq!(devrel["stale"], 1);
    assert_eq!(devrel["no_data"], 0);

    let table = okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    let overview = text.find("On track").expect("overview");
    let details = text.find("okrs/2026-Q4/devrel.yaml").expect("details");
    assert!(overview < details);
    let points = text.find("Talking points").expect("talking points");
    assert!(details < points);
}

#[test]
fn talking_points_name_what_is_behind_quiet_falling_dropped_and_new() {
    let view = shipped_json(&["devrel", "--as-of", AS_OF]);
    let points: Vec<(String, String)> = view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_string(),
                p["key_result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |kind: &str, path: &str| points.contains(&(kind.to_string(), path.to_string()));
    assert!(has("off_track", "devrel/community/answered"), "{points:?}");
    assert!(has("at_risk", "devrel/api-pain/tickets"));
    assert!(has("stale", "devrel/api-pain/time-to-first-call"));
    assert!(has("falling_confidence", "devrel/community/answered"));
    assert!(has("dropped", "devrel/api-pain/tutorial"));
    assert!(has("note", "devrel/api-pain/tickets"));
    assert!(!has("at_risk", "devrel/community/champions"));
    assert_eq!(points[0].0, "off_track", "most pressing first");
}

#[test]
fn an_unknown_owner_is_a_usage_error_listing_the_owners() {
    okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "zed", "--as-of", AS_OF])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no owner `zed`"))
        .stderr(predicate::str::contains(
            "acme, devrel, platform, alice, bob",
        ));
}

#[test]
fn an_invalid_neighbour_is_reported_and_the_valid_owners_still_shown() {
    let okrs = Okrs::new()
        .file("2026-Q4/devrel.yaml", &valid_team("devrel", "2026-Q4"))
        .file("2026-Q4/broken.yaml", "quarter: 2026-Q4\nteam: broken\nobjectives:\n  - id: x\n    key_results:\n      - { id: y, baseline: 1, target: 2, tagret: 3 }\n");
    okrs.okr(&["status", "--as-of", AS_OF])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("devrel (team)"))
        .stdout(predicate::str::contains("nps"))
        .stdout(predicate::str::contains("broken").not())
        .stderr(predicate::str::contains("okrs/2026-Q4/broken.yaml:6:"))
        .stderr(predicate::str::contains(": error: "));
    okrs.okr(&["status", "--as-of", AS_OF, "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"owner\": \"devrel\""));
}

/// The views show errors only, so they skip the wording rule, unless
/// `okr.toml` makes it an error: then a view reports it like any error.
#[test]
fn wording_made_an_error_in_okr_toml_is_an_error_in_every_view() {
    let activity = "quarter: 2026-Q4\nteam: docs\nobjectives:\n  - id: o\n    key_results:\n      - id: guide\n        title: Write a getting-started guide\n        baseline: 0\n        target: 1000\n";
    let plain = Okrs::new().file("2026-Q4/docs.yaml", activity);
    for view in [&["status"][..], &["grade"], &["report"], &["tree"]] {
        plain
            .okr(&[view, &["--as-of", AS_OF]].concat())
            .assert()
            .code(0)
            .stderr(predicate::str::contains("activity_wording").not());
    }
    let strict = Okrs::new()
        .file("okr.toml", "[rules]\nactivity_wording = \"error\"\n")
        .file("2026-Q4/docs.yaml", activity);
    for view in [&["status"][..], &["grade"], &["report"], &["tree"]] {
        strict
            .okr(&[view, &["--as-of", AS_OF]].concat())
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "okrs/2026-Q4/docs.yaml:7:16: error: objective `o`, key result `guide`",
            ))
            .stderr(predicate::str::contains("[activity_wording]"));
    }
}

#[test]
fn without_files_for_the_quarter_the_latest_one_is_shown_with_a_note() {
    Okrs::new()
        .file("2026-Q3/devrel.yaml", &valid_team("devrel", "2026-Q3"))
        .okr(&["status", "--as-of", AS_OF, "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"quarter\": \"2026-Q3\""))
        .stderr(predicate::str::starts_with(
            "note: no OKR file is for 2026-Q4; showing 2026-Q3",
        ));
}

const EDGES: &str = "
    quarter: 2026-Q4
    team: edges
    objectives:
      - id: costs
        title: Costs fall
        key_results:
          - id: past-target
            title: Cloud bill falls from 100 to 50 k$
            baseline: 100
            target: 50
            checkins:
              - { date: 2026-10-10, value: 80 }
              - { date: 2026-11-10, value: 40, confidence: 0.9 }
          - id: below-baseline
            title: Build minutes fall from 30 to 10
            baseline: 30
            target: 10
            weight: 3
            checkins:
              - { date: 2026-11-15, value: 35, confidence: 0.5 }
          - id: nothing-yet
            title: Idle servers fall from 40 to 0
            baseline: 40
            target: 0
      - id: gone
        title: Everything here was dropped
        key_results:
          - { id: a, baseline: 0, target: 1, dropped: 'No longer a goal, see costs' }
";

#[test]
fn decreasing_metrics_missing_data_weights_and_all_dropped() {
    let okrs = Okrs::new().file("2026-Q4/edges.yaml", EDGES);
    let output = okrs
        .okr(&["status", "edges", "--as-of", AS_OF, "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let view: Value = serde_json::from_slice(&output.stdout).unwrap();
    let edges = owner(&view, "edges");
    let costs = objective(edges, "costs");
    let past = kr(costs, "past-target");
    assert_eq!(past["progress"], 1);
    assert_eq!(past["health"], "on_track");
    let below = kr(costs, "below-baseline");
    assert_eq!(below["progress"], 0);
    assert_eq!(below["health"], "off_track");
    let nothing = kr(costs, "nothing-yet");
    assert_eq!(nothing["current"], Value::Null);
    assert_eq!(nothing["progress"], 0);
    assert_eq!(nothing["health"], "no_data");
    assert_eq!(
        nothing["stale"], true,
        "52 days into the quarter, no check-in"
    );
    assert_eq!(nothing["score"], 0);
    // (1·1 + 0·3 + 0·1) / 5
    assert_close!(costs["score"], 0.2);
    let gone = objective(edges, "gone");
    assert_eq!(gone["score"], Value::Null);
    assert_eq!(gone["band"], Value::Null);
    assert_close!(edges["score"], 0.2);
    assert_eq!(view["overview"][0]["no_data"], 1);

    okrs.okr(&["status", "edges", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("no check-in yet"))
        .stdout(predicate::str::contains("No longer a goal, see costs"));
}

#[test]
fn markdown_is_a_pasteable_document() {
    okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "alice", "--as-of", AS_OF, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# OKR status of alice: 2026-Q4 · 1 Oct – 31 Dec 2026, as of 2026-11-21\n",
        ))
        .stdout(predicate::str::contains("\n## alice (person), score 0.60\n"))
        .stdout(predicate::str::contains("\n## devrel (team), key results owned by alice\n"))
        .stdout(predicate::str::contains(
            "| **tickets** API support tickets fall from 120 to 60 a week | 42% | 57% | 95 tickets/week | 120 → 60 | **at risk** | 0.6 | 2026-11-17 (4d ago) | █▆▄▁ |",
        ))
        .stdout(predicate::str::contains("\n## Talking points\n\n- **off track** `devrel/community/answered`"));
}

/// Splits one CSV line into fields (quotes per RFC 4180).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn csv_has_one_row_per_key_result() {
    let output = okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args([
            "status",
            "--include-personal",
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let header = csv_fields(lines[0]);
    assert_eq!(
        &header[..6],
        [
            "quarter",
            "as_of",
            "owner",
            "kind",
            "objective",
            "key_result"
        ]
    );
    assert_eq!(
        lines.len(),
        1 + 4 + 5 + 4 + 3 + 2,
        "header and 18 key results"
    );
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<Vec<String>> = lines[1..].iter().map(|l| csv_fields(l)).collect();
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let tickets = rows
        .iter()
        .find(|r| r[column("key_result")] == "tickets")
        .unwrap();
    assert_eq!(tickets[column("owner")], "devrel");
    assert_eq!(tickets[column("baseline")], "120");
    // CSV carries the numbers the JSON does: 6 decimals at most.
    assert_eq!(tickets[column("progress")], "0.416667");
    assert_eq!(tickets[column("health")], "at_risk");
    assert_eq!(tickets[column("trend")], "118 110 104 95");
    let tutorial = rows
        .iter()
        .find(|r| r[column("key_result")] == "tutorial")
        .unwrap();
    assert!(tutorial[column("dropped")].contains(", at API-key creation;"));
    assert_eq!(tutorial[column("score")], "");
}

const LONG: &str = "
    quarter: 2026-Q4
    team: a-team-with-a-rather-long-name-indeed
    objectives:
      - id: an-objective-whose-identifier-goes-on-and-on-and-on
        title: An objective whose title is far longer than anything that could fit on one line of a terminal
        key_results:
          - id: a-key-result-with-a-very-long-identifier-too
            title: A key result whose title is also much longer than a narrow terminal is wide, to make it wrap
            baseline: 1000000
            target: 2500000.5
            unit: requests per second across all of the regions we operate in
            checkins:
              - { date: 2026-10-01, value: 1000000, confidence: 0.5, note: A note that is long enough to need wrapping on any terminal that is only eighty columns wide }
              - { date: 2026-10-08, value: 1100000 }
              - { date: 2026-10-15, value: 1200000 }
              - { date: 2026-10-22, value: 1150000 }
              - { date: 2026-10-29, value: 1300000 }
              - { date: 2026-11-05, value: 1400000 }
              - { date: 2026-11-12, value: 1500000 }
              - { date: 2026-11-19, value: 1600000, confidence: 0.4, note: A note that is long enough to need wrapping on any terminal that is only eighty columns wide }
";

fn widest_line(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn the_table_fits_80_columns_and_uses_more_when_there_is_more() {
    let shipped = okr()
        .env_remove("COLUMNS")
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8(shipped.stdout).unwrap();
    assert!(widest_line(&text) <= 80, "{text}");

    let okrs = Okrs::new().file("2026-Q4/long.yaml", LONG);
    let narrow = okrs
        .okr(&["status", "--as-of", AS_OF])
        .env_remove("COLUMNS")
        .output()
        .unwrap();
    let text = String::from_utf8(narrow.stdout).unwrap();
    assert!(widest_line(&text) <= 80, "{text}");
    assert!(text.contains("Talking points"));

    let wide = okrs
        .okr(&["status", "--as-of", AS_OF])
        .env("COLUMNS", "160")
        .output()
        .unwrap();
    let text = String::from_utf8(wide.stdout).unwrap();
    assert!(widest_line(&text) > 100, "{text}");
    assert!(widest_line(&text) <= 160, "{text}");
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let run = |no_color: bool| {
        let mut cmd = okr();
        if !no_color {
            cmd.env_remove("NO_COLOR");
        }
        let output = cmd
            .arg("--dir")
            .arg(shipped_okrs())
            .args(["--color", "always", "status", "devrel", "--as-of", AS_OF])
            .output()
            .unwrap();
        expect_code(&output, 0);
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(run(false).contains("\x1b["));
    // An explicit --color always wins over NO_COLOR (no-color.org; README.md#commands).
    assert!(run(true).contains("\x1b["));
    // Not a terminal, no --color: plain.
    okr()
        .env_remove("NO_COLOR")
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "devrel", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn a_bad_as_of_date_is_a_usage_error() {
    okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["status", "--as-of", "21/11/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--as-of"))
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

/// `text` without ANSI escape sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn colour_does_not_change_the_layout() {
    let run = |color: &str| {
        let output = okr()
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .arg("--dir")
            .arg(shipped_okrs())
            .args(["--color", color, "status", "--as-of", AS_OF])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let colored = run("always");
    assert!(colored.contains("\x1b["));
    // Styled cells may keep their padding inside the colour: compare trimmed lines.
    let lines =
        |text: &str| -> Vec<String> { text.lines().map(|l| l.trim_end().to_string()).collect() };
    assert_eq!(lines(&strip_ansi(&colored)), lines(&run("never")));
}
