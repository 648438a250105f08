//! `okr grade`: every grade, band and flag pinned over small fixture
//! directories, the readable formats, history, and the shipped examples.
//!
//! Fixtures use past quarters (2024, 2025) so "ungraded after the quarter
//! ended" is stable, and 2030-Q1 for a quarter that is not over.

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::support::*;

/// A 2025-Q1 team with weights, a dropped key result, an ungraded key result
/// (progress 0.35: suggested 0.4, half up), a committed objective with a miss
/// without reflection and one with, grades that disagree with progress, and an
/// objective whose key results are all dropped.
const CORE: &str = "
    quarter: 2025-Q1
    team: core
    objectives:
      - id: speed
        title: Pages load fast
        key_results:
          - id: p95
            title: p95 latency falls from 400 to 200 ms
            baseline: 400
            target: 200
            weight: 3
            current: 220
            grade: 0.9
          - id: errors
            title: Errors per thousand requests fall from 20 to 0
            baseline: 20
            target: 0
            current: 13
          - id: cache
            title: Cache hit rate rises from 0% to 50%
            baseline: 0
            target: 50
            current: 10
            dropped: Replaced by the CDN work
      - id: trust
        title: Customers trust our uptime
        committed: true
        key_results:
          - id: uptime
            title: Monthly uptime rises from 99.0% to 99.9%
            baseline: 99.0
            target: 99.9
            current: 99.95
            grade: 0.5
          - id: incidents
            title: Incidents fall from 10 to 0 a quarter
            baseline: 10
            target: 0
            current: 8
            grade: 0.7
            reflection: Six of the eight incidents were upstream, our own fell to two.
      - id: mobile
        title: Mobile users stay
        key_results:
          - id: retention
            title: Mobile retention rises from 20% to 30%
            baseline: 20
            target: 30
            dropped: The mobile app was sunset in February
";

/// A 2025-Q1 team whose aspirational key results all grade 0.9 or more (one
/// of them suggested), beside a committed miss that is reflected on.
const GROWTH: &str = "
    quarter: 2025-Q1
    team: growth
    objectives:
      - id: signups
        title: More teams sign up
        key_results:
          - id: trials
            title: Trials rise from 0 to 100 a week
            baseline: 0
            target: 100
            current: 95
            grade: 0.9
          - id: paid
            title: Paid conversions rise from 0 to 100 a month
            baseline: 0
            target: 100
            current: 96
      - id: billing
        title: Billing is boring
        committed: true
        reflection: The new invoicing provider slipped a month.
        key_results:
          - id: disputes
            title: Billing disputes fall from 10 to 0 a month
            baseline: 10
            target: 0
            current: 7
            grade: 0.3
";

/// A person graded without any measured value.
const ANA: &str = "
    quarter: 2025-Q1
    person: ana
    team: growth
    objectives:
      - id: speaking
        title: Become a confident speaker
        key_results:
          - id: talks
            title: Conference talks accepted rise from 0 to 4
            baseline: 0
            target: 4
            grade: 0.5
";

fn fixture() -> Okrs {
    Okrs::new()
        .file("2025-Q1/core.yaml", CORE)
        .file("2025-Q1/growth.yaml", GROWTH)
        .file("2025-Q1/people/ana.yaml", ANA)
}

fn grade_json(okrs: &Okrs, args: &[&str]) -> Value {
    let mut all = vec!["grade", "--include-personal", "--format", "json"];
    all.extend(args);
    let output = okrs.okr(&all).output().expect("okr runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn stdout(okrs: &Okrs, args: &[&str]) -> String {
    let output = okrs.okr(args).output().expect("okr runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn close(value: &Value, expected: f64) -> bool {
    // JSON carries computed figures rounded to 6 decimals (`docs/format.md#json-output`).
    value
        .as_f64()
        .is_some_and(|v| (v - (expected * 1e6).round() / 1e6).abs() < 1e-12)
}

#[track_caller]
fn assert_close(value: &Value, expected: f64) {
    assert!(close(value, expected), "{value} is not {expected}");
}

#[test]
fn json_pins_weights_suggested_grades_dropped_and_committed_flags() {
    let view = grade_json(&fixture(), &["--quarter", "2025-Q1"]);
    assert_eq!(view["quarter"], "2025-Q1");
    assert_eq!(view["ended"], true);
    let owners: Vec<&str> = view["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["owner"].as_str().unwrap())
        .collect();
    assert_eq!(owners, ["core", "growth", "ana"], "teams, then people");

    let core = owner(&view, "core");
    assert_eq!(core["kind"], "team");
    assert_eq!(core["file"], "okrs/2025-Q1/core.yaml");
    // speed: (0.9 × 3 + 0.4) / 4 = 0.775; trust: (0.5 + 0.7) / 2 = 0.6;
    // mobile has no live key result and counts in no mean.
    assert_close(&core["grade"], (0.775 + 0.6) / 2.0);
    assert_eq!(core["band"], "yellow");
    assert_eq!(core["flags"], json!([]));

    let speed = objective(core, "speed");
    assert_close(&speed["grade"], 0.775);
    assert_eq!(speed["band"], "green");
    assert_eq!(speed["committed"], false);
    assert_eq!(speed["flags"], json!([]));
    let p95 = kr(speed, "p95");
    assert_close(&p95["grade"], 0.9);
    assert_close(&p95["progress"], 0.9);
    assert_close(&p95["weight"], 3.0);
    assert_eq!(p95["graded"], true);
    assert_eq!(p95["band"], "green");
    assert_eq!(p95["flags"], json!([]));
    let errors = kr(speed, "errors");
    assert_close(&errors["progress"], 0.35);
    assert_close(&errors["suggested_grade"], 0.4);
    assert_close(&errors["grade"], 0.4);
    assert_eq!(errors["graded"], false);
    assert_eq!(errors["band"], "yellow");
    assert_eq!(errors["flags"], json!(["ungraded_after_quarter_end"]));
    let cache = kr(speed, "cache");
    assert_eq!(cache["dropped"], "Replaced by the CDN work");
    assert_eq!(cache["grade"], Value::Null);
    assert_eq!(cache["band"], Value::Null);
    assert_close(&cache["progress"], 0.2);
    assert_eq!(cache["flags"], json!([]));

    let trust = objective(core, "trust");
    assert_eq!(trust["committed"], true);
    assert_close(&trust["grade"], 0.6);
    assert_eq!(trust["band"], "yellow");
    let uptime = kr(trust, "uptime");
    assert_close(&uptime["progress"], 1.0);
    assert_close(&uptime["grade"], 0.5);
    assert_eq!(uptime["band"], "yellow");
    assert_eq!(
        uptime["flags"],
        json!([
            "committed_miss_without_reflection",
            "grade_disagrees_with_progress"
        ])
    );
    let incidents = kr(trust, "incidents");
    assert_close(&incidents["progress"], 0.2);
    assert_eq!(incidents["band"], "green");
    assert!(incidents["reflection"]
        .as_str()
        .unwrap()
        .starts_with("Six of"));
    assert_eq!(incidents["flags"], json!([]), "reflected on: no flags");

    let mobile = objective(core, "mobile");
    assert_eq!(mobile["grade"], Value::Null);
    assert_eq!(mobile["band"], Value::Null);
}

#[test]
fn all_aspirational_high_is_an_owner_flag_and_objective_reflections_cover_a_committed_miss() {
    let view = grade_json(&fixture(), &["--quarter", "2025-Q1"]);
    let growth = owner(&view, "growth");
    assert_eq!(growth["flags"], json!(["all_aspirational_high"]));
    // signups: (0.9 + 1.0 suggested from 0.96) / 2; billing: 0.3.
    assert_close(&growth["grade"], (0.95 + 0.3) / 2.0);
    assert_eq!(growth["band"], "yellow");
    let signups = objective(growth, "signups");
    assert_close(&signups["grade"], 0.95);
    assert_close(&kr(signups, "paid")["suggested_grade"], 1.0);
    let billing = objective(growth, "billing");
    assert_eq!(billing["band"], "red");
    assert_eq!(kr(billing, "disputes")["flags"], json!([]));
    assert_eq!(
        owner(&view, "core")["flags"],
        json!([]),
        "core's aspirational key results are not all high"
    );
}

#[test]
fn a_grade_without_a_measurement_is_flagged_no_data() {
    let view = grade_json(&fixture(), &["--quarter", "2025-Q1"]);
    let ana = owner(&view, "ana");
    assert_eq!(ana["kind"], "person");
    let talks = kr(objective(ana, "speaking"), "talks");
    assert_eq!(talks["current"], Value::Null);
    assert_close(&talks["progress"], 0.0);
    assert_close(&talks["grade"], 0.5);
    assert_eq!(talks["flags"], json!(["no_data"]));
    assert_eq!(
        ana["flags"],
        json!([]),
        "one aspirational key result at 0.5"
    );
}

#[test]
fn the_summary_counts_bands_distribution_sweet_spot_and_dropped() {
    let view = grade_json(&fixture(), &["--quarter", "2025-Q1"]);
    let s = &view["summary"];
    // Live: p95 0.9, errors 0.4*, uptime 0.5, incidents 0.7, trials 0.9,
    // paid 1.0*, disputes 0.3, talks 0.5.
    assert_eq!(s["key_results"], 8);
    assert_eq!(s["graded"], 6);
    assert_eq!(s["suggested"], 2);
    assert_eq!(s["dropped"], 2);
    assert_eq!(s["bands"], json!({ "red": 1, "yellow": 3, "green": 4 }));
    let counts: Vec<u64> = s["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["key_results"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [0, 0, 0, 1, 1, 2, 0, 1, 0, 2, 1]);
    assert_close(&s["average"], 5.2 / 8.0);
    // Aspirational: p95, errors, trials, paid, talks.
    assert_eq!(s["aspirational"]["key_results"], 5);
    assert_close(&s["aspirational"]["average"], 3.7 / 5.0);
    assert_close(&s["sweet_spot_distance"], 3.7 / 5.0 - 0.7);
    assert_eq!(s["committed"]["key_results"], 3);
    assert_eq!(s["committed"]["below_one"], 3);
    assert_eq!(s["sweet_spot"], json!([0.6, 0.7]));
    assert_eq!(s["warnings"], 6);
}

#[test]
fn table_is_pinned_in_full() {
    let okrs = Okrs::new().file("2025-Q1/core.yaml", CORE);
    let expected = "\
Grades for 2025-Q1 · 1 Jan – 31 Mar 2025: the quarter is over

Owner         Grade   Band     Key results   Dropped   Warnings
───────────────────────────────────────────────────────────────
core (team)    0.69   yellow             4         2          3

core (team) · grade 0.69 yellow · okrs/2025-Q1/core.yaml
Objective / key result                                 Grade   Measured   Band
────────────────────────────────────────────────────────────────────────────────
speed: Pages load fast                                  0.78              green
- p95: p95 latency falls from 400 to 200 ms (weight      0.9       0.90   green
3)
- errors: Errors per thousand requests fall from 20     0.4*       0.35   yellow
to 0
trust [committed]: Customers trust our uptime           0.60              yellow
- uptime: Monthly uptime rises from 99.0% to 99.9%       0.5       1.00   yellow
- incidents: Incidents fall from 10 to 0 a quarter       0.7       0.20   green
Reflection: Six of the eight incidents were
upstream, our own fell to two.
mobile: Mobile users stay                                  –              –
No grade: every key result was dropped
* suggested from the measured progress (rounded to 0.1); write `grade:` to
  confirm or correct it
Dropped, and counted in no grade:
  - speed / cache: Cache hit rate rises from 0% to 50%: Replaced by the CDN work
  - mobile / retention: Mobile retention rises from 20% to 30%: The mobile app
    was sunset in February
warning: objective `speed`, key result `errors`: not graded, and the quarter is
  over; the measured progress 0.35 suggests `grade: 0.4`: write it (or your own
  judgement) and a `reflection:`
warning: objective `trust`, key result `uptime`: committed, but graded 0.5; add
  a `reflection:` saying why the committed key result fell short
warning: objective `trust`, key result `uptime`: graded 0.5, but the measured
  progress is 1.00; add a `reflection:` saying why the grade differs, or correct
  the grade

Summary
  Key results   4: 3 graded, 1 suggested from progress; 2 dropped
  Grades        0.4 ×1 · 0.5 ×1 · 0.7 ×1 · 0.9 ×1
  Bands         2 green (0.7 and up) · 2 yellow (0.4 to 0.7) · 0 red (below 0.4)
  Aspirational  average 0.65 over 2 key results; inside the 0.6–0.7 sweet spot:
                ambitious goals, mostly reached
  Committed     2 key results, average 0.60; 2 below 1.0, where committed key
                results are expected to land
  Dropped       2 key results dropped mid-quarter and left out of every grade;
                changing course is fine when the reason is written down
  Warnings      3 warnings to settle before the grades are shared (listed under
                each owner)
";
    assert_eq!(
        stdout(
            &okrs,
            &["grade", "--include-personal", "--quarter", "2025-Q1"]
        ),
        expected
    );
}

#[test]
fn every_line_fits_80_columns_when_not_on_a_terminal() {
    let text = stdout(
        &fixture(),
        &["grade", "--include-personal", "--quarter", "2025-Q1"],
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
}

#[test]
fn all_aspirational_high_and_no_data_read_as_warnings() {
    let text = stdout(
        &fixture(),
        &["grade", "--include-personal", "--quarter", "2025-Q1"],
    );
    assert!(text
        .contains("warning: every aspirational key result of `growth` grades 0.9 or more: were"));
    assert!(text.contains("warning: objective `speaking`, key result `talks`: no measured value"));
    assert!(
        !text.contains("key result `disputes`"),
        "the objective's reflection explains the committed miss"
    );
}

#[test]
fn markdown_and_csv_render_the_same_view() {
    let okrs = Okrs::new().file("2025-Q1/growth.yaml", GROWTH);
    let markdown = stdout(
        &okrs,
        &[
            "grade",
            "--include-personal",
            "--quarter",
            "2025-Q1",
            "--format",
            "markdown",
        ],
    );
    let expected = "\
# Grades for 2025-Q1 · 1 Jan – 31 Mar 2025: the quarter is over

## Overview

| Owner | Grade | Band | Key results | Dropped | Warnings |
|---|---:|---|---:|---:|---:|
| growth (team) | 0.63 | yellow | 3 | 0 | 2 |

## growth (team) · grade 0.63 yellow · okrs/2025-Q1/growth.yaml

| Objective / key result | Grade | Measured | Band |
|---|---:|---:|---|
| **signups: More teams sign up** | 0.95 | | green |
| ↳ trials: Trials rise from 0 to 100 a week | 0.9 | 0.95 | green |
| ↳ paid: Paid conversions rise from 0 to 100 a month | 1.0\\* | 0.96 | green |
| **billing [committed]: Billing is boring**<br>*Reflection:* The new invoicing provider slipped a month. | 0.30 | | red |
| ↳ disputes: Billing disputes fall from 10 to 0 a month | 0.3 | 0.30 | red |

\\* suggested from the measured progress (rounded to 0.1); write `grade:` to confirm or correct it

- **warning:** every aspirational key result of `growth` grades 0.9 or more: were the goals ambitious enough? Aspirational goals that land at 0.6–0.7 stretch a team
- **warning:** objective `signups`, key result `paid`: not graded, and the quarter is over; the measured progress 0.96 suggests `grade: 1.0`: write it (or your own judgement) and a `reflection:`

## Summary

- **Key results:** 3: 2 graded, 1 suggested from progress
- **Grades:** 0.3 ×1 · 0.9 ×1 · 1.0 ×1
- **Bands:** 2 green (0.7 and up) · 0 yellow (0.4 to 0.7) · 1 red (below 0.4)
- **Aspirational:** average 0.95 over 2 key results; 0.25 above the 0.6–0.7 sweet spot: were the goals ambitious enough?
- **Committed:** 1 key result, average 0.30; 1 below 1.0, where committed key results are expected to land
- **Dropped:** none
- **Warnings:** 2 warnings to settle before the grades are shared (listed under each owner)
";
    assert_eq!(markdown, expected);

    let csv = stdout(
        &okrs,
        &[
            "grade",
            "--include-personal",
            "--quarter",
            "2025-Q1",
            "--format",
            "csv",
        ],
    );
    let expected = "\
quarter,owner,kind,file,owner_grade,objective,committed,objective_grade,key_result,title,weight,progress,grade,graded,band,dropped,reflection,flags,changes
2025-Q1,growth,team,okrs/2025-Q1/growth.yaml,0.625,signups,false,0.95,trials,Trials rise from 0 to 100 a week,1,0.95,0.9,true,green,,,all_aspirational_high,
2025-Q1,growth,team,okrs/2025-Q1/growth.yaml,0.625,signups,false,0.95,paid,Paid conversions rise from 0 to 100 a month,1,0.96,1,false,green,,,all_aspirational_high ungraded_after_quarter_end,
2025-Q1,growth,team,okrs/2025-Q1/growth.yaml,0.625,billing,true,0.3,disputes,Billing disputes fall from 10 to 0 a month,1,0.3,0.3,true,red,,,all_aspirational_high,
";
    assert_eq!(csv, expected);
}

#[test]
fn csv_has_one_row_per_key_result_with_dropped_ones_and_quotes() {
    let csv = stdout(
        &fixture(),
        &[
            "grade",
            "--include-personal",
            "--quarter",
            "2025-Q1",
            "--format",
            "csv",
        ],
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 10, "header and ten key results");
    assert!(csv.contains(
        ",cache,Cache hit rate rises from 0% to 50%,1,0.2,,false,,Replaced by the CDN work,,,\n"
    ));
    assert!(
        csv.contains(",\"Six of the eight incidents were upstream, our own fell to two.\","),
        "a field with a comma is quoted"
    );
}

#[test]
fn a_person_also_gets_the_team_key_results_they_own() {
    let okrs = Okrs::new()
        .file(
            "2025-Q1/core.yaml",
            &CORE.replace("    weight: 3\n", "    weight: 3\n            owner: ana\n"),
        )
        .file("2025-Q1/people/ana.yaml", ANA);
    let view = grade_json(&okrs, &["ana", "--quarter", "2025-Q1"]);
    assert_eq!(view["selected"], "ana");
    let owners = view["owners"].as_array().unwrap();
    assert_eq!(owners.len(), 2);
    assert_eq!(owners[0]["owner"], "ana");
    let core = &owners[1];
    assert_eq!(core["owner"], "core");
    assert_eq!(core["only_owned_by"], "ana");
    assert_eq!(core["objectives"].as_array().unwrap().len(), 1);
    let speed = objective(core, "speed");
    assert_eq!(speed["key_results"].as_array().unwrap().len(), 1);
    assert_close(&speed["grade"], 0.775);
    assert_close(&core["grade"], (0.775 + 0.6) / 2.0);
    let text = stdout(&okrs, &["grade", "ana", "--quarter", "2025-Q1"]);
    assert!(!text.contains("Overview") && !text.contains("│ Owner"));
    assert!(text.contains("core (team), the key results ana owns · team grade 0.69"));
}

#[test]
fn a_running_quarter_has_no_ungraded_flags() {
    let okrs = Okrs::new().file("2030-Q1/core.yaml", &CORE.replace("2025-Q1", "2030-Q1"));
    let view = grade_json(&okrs, &["--quarter", "2030-Q1", "--as-of", "2030-02-01"]);
    assert_eq!(view["ended"], false);
    let errors = kr(objective(owner(&view, "core"), "speed"), "errors");
    assert_eq!(errors["flags"], json!([]));
    assert_close(&errors["grade"], 0.4);
    let text = stdout(
        &okrs,
        &["grade", "--quarter", "2030-Q1", "--as-of", "2030-02-01"],
    );
    assert!(text.starts_with(
        "Grades for 2030-Q1 · 1 Jan – 31 Mar 2030, still running: grades are suggested\nfrom the progress so far\n"
    ));
    assert!(!text.contains("not graded, and the quarter is over"));
}

#[test]
fn an_invalid_neighbour_is_reported_and_the_rest_still_graded() {
    let okrs = fixture().file(
        "2025-Q1/broken.yaml",
        "
        quarter: 2025-Q1
        team: broken
        objectives:
          - id: o
            key_results:
              - { id: k, baseline: 0, target: 10, grade: 70 }
        ",
    );
    okrs.okr(&["grade", "--include-personal", "--quarter", "2025-Q1"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::is_match(r"^okrs/2025-Q1/broken\.yaml:6:\d+: error: .*0\.7").unwrap(),
        )
        .stdout(predicate::str::contains("core (team) · grade 0.69 yellow"))
        .stdout(predicate::str::contains("broken").not());
}

#[test]
fn the_latest_quarter_is_used_with_a_note_when_today_has_none() {
    fixture()
        .okr(&["grade"])
        .assert()
        .success()
        .stderr(predicate::str::starts_with("note: no OKR file is for "))
        .stderr(predicate::str::contains("showing 2025-Q1"))
        .stdout(predicate::str::starts_with("Grades for 2025-Q1"));
}

#[test]
fn an_unknown_owner_is_a_usage_error() {
    fixture()
        .okr(&["grade", "cor", "--quarter", "2025-Q1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `core`?"));
}

/// `easy` grades high in every finished quarter, `hard` low; the running
/// 2030-Q1 (running as of 2030-02-01, the date every test here pins) does
/// not count.
fn history_fixture() -> Okrs {
    let file = |quarter: &str, owner: &str, value: u32, grade: &str| {
        format!(
            "quarter: {quarter}\nteam: {owner}\nobjectives:\n  - id: o\n    title: Things get better\n    key_results:\n      - id: k\n        title: A number rises from 0 to 100\n        baseline: 0\n        target: 100\n        current: {value}\n{grade}"
        )
    };
    Okrs::new()
        .file(
            "2024-Q4/easy.yaml",
            &file("2024-Q4", "easy", 100, "        grade: 1.0\n"),
        )
        .file(
            "2025-Q1/easy.yaml",
            &file("2025-Q1", "easy", 92, "        grade: 0.9\n"),
        )
        .file("2030-Q1/easy.yaml", &file("2030-Q1", "easy", 10, ""))
        .file(
            "2024-Q4/hard.yaml",
            &file("2024-Q4", "hard", 10, "        grade: 0.1\n"),
        )
        .file(
            "2025-Q1/hard.yaml",
            &file("2025-Q1", "hard", 30, "        grade: 0.3\n"),
        )
        .file(
            "2024-Q3/mixed.yaml",
            &file("2024-Q3", "mixed", 95, "        grade: 0.9\n"),
        )
        .file(
            "2025-Q1/mixed.yaml",
            &file("2025-Q1", "mixed", 50, "        grade: 0.5\n"),
        )
}

#[test]
fn history_lists_every_quarter_and_says_when_grades_are_consistently_high() {
    let okrs = history_fixture();
    let view = grade_json(&okrs, &["easy", "--history", "--as-of", "2030-02-01"]);
    assert_eq!(view["owner"], "easy");
    assert_eq!(view["flags"], json!(["consistently_high"]));
    let quarters = view["quarters"].as_array().unwrap();
    let names: Vec<&str> = quarters
        .iter()
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2024-Q3", "2024-Q4", "2025-Q1", "2030-Q1"]);
    assert_eq!(quarters[0]["file"], Value::Null);
    assert_eq!(quarters[0]["grade"], Value::Null);
    assert_close(&quarters[1]["grade"], 1.0);
    assert_eq!(quarters[1]["band"], "green");
    assert_eq!(quarters[1]["key_results"], 1);
    assert_eq!(quarters[1]["dropped"], 0);
    assert_close(&quarters[2]["grade"], 0.9);
    assert_eq!(quarters[3]["ended"], false);
    assert_close(&quarters[3]["grade"], 0.1);

    let expected = "\
Grades of easy per quarter
Quarter   Dates                 Grade   Band    Key results   Dropped   Note
───────────────────────────────────────────────────────────────────────────────
2024-Q3   1 Jul – 30 Sep 2024       –   –                 0         0   no OKRs
2024-Q4   1 Oct – 31 Dec 2024    1.00   green             1         0
2025-Q1   1 Jan – 31 Mar 2025    0.90   green             1         0
2030-Q1   1 Jan – 31 Mar 2030   0.10*   red               1         0   running
* the quarter is still running: suggested from the progress so far
warning: `easy` graded 0.9 or more in all 2 finished quarters: the goals look
  too easy; aim higher (0.6–0.7 is the sweet spot for aspirational OKRs)
";
    assert_eq!(
        stdout(
            &okrs,
            &["grade", "easy", "--history", "--as-of", "2030-02-01"]
        ),
        expected
    );
}

#[test]
fn history_says_when_grades_are_consistently_low_or_shows_no_pattern() {
    let okrs = history_fixture();
    assert_eq!(
        grade_json(&okrs, &["hard", "--history", "--as-of", "2030-02-01"])["flags"],
        json!(["consistently_low"])
    );
    assert!(stdout(
        &okrs,
        &["grade", "hard", "--history", "--as-of", "2030-02-01"]
    )
    .contains("warning: `hard` graded 0.3 or less in all 2 finished quarters"));
    assert_eq!(
        grade_json(&okrs, &["mixed", "--history", "--as-of", "2030-02-01"])["flags"],
        json!([])
    );
    assert!(stdout(
        &okrs,
        &["grade", "mixed", "--history", "--as-of", "2030-02-01"]
    )
    .ends_with("no pattern of too-easy or too-hard goals across 2 finished quarters\n"));
}

#[test]
fn history_in_markdown_and_csv() {
    let okrs = history_fixture();
    let markdown = stdout(
        &okrs,
        &[
            "grade",
            "hard",
            "--history",
            "--as-of",
            "2030-02-01",
            "--format",
            "markdown",
        ],
    );
    assert!(markdown.starts_with("# Grades of hard per quarter\n\n| Quarter | Dates | Grade | Band | Key results | Dropped | Note |\n"));
    assert!(markdown.contains("| 2024-Q4 | 1 Oct – 31 Dec 2024 | 0.10 | red | 1 | 0 | |\n"));
    assert!(markdown.contains("\n**warning:** `hard` graded 0.3 or less"));
    let csv = stdout(
        &okrs,
        &[
            "grade",
            "hard",
            "--history",
            "--as-of",
            "2030-02-01",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv.lines().next(),
        Some("owner,quarter,ended,file,grade,band,key_results,graded,dropped,flags")
    );
    assert!(
        csv.contains("\nhard,2025-Q1,true,okrs/2025-Q1/hard.yaml,0.3,red,1,1,0,consistently_low\n")
    );
}

#[test]
fn history_needs_a_known_owner_and_no_quarter() {
    let okrs = history_fixture();
    okrs.okr(&["grade", "esay", "--history", "--as-of", "2030-02-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `easy`?"));
    okrs.okr(&[
        "grade",
        "easy",
        "--history",
        "--as-of",
        "2030-02-01",
        "--quarter",
        "2025-Q1",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("leave out --quarter"));
    okrs.okr(&["grade", "--history", "--as-of", "2030-02-01"])
        .assert()
        .code(2);
}

#[test]
fn shipped_q3_reads_as_a_clean_quarter_end_review() {
    let output = okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args([
            "grade",
            "--include-personal",
            "--quarter",
            "2026-Q3",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let view: Value = serde_json::from_slice(&output.stdout).unwrap();
    let grades: Vec<(String, f64, String)> = view["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["owner"].as_str().unwrap().to_string(),
                (o["grade"].as_f64().unwrap() * 1000.0).round() / 1000.0,
                o["band"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        grades,
        [
            ("acme".to_string(), 0.65, "yellow".to_string()),
            ("devrel".to_string(), 0.5, "yellow".to_string()),
            ("platform".to_string(), 0.825, "green".to_string()),
            ("alice".to_string(), 0.7, "green".to_string()),
        ]
    );
    let platform = owner(&view, "platform");
    let pages = kr(objective(platform, "on-call"), "pages");
    assert_eq!(
        pages["flags"],
        json!([]),
        "the committed miss is reflected on"
    );
    let devrel = owner(&view, "devrel");
    let search = kr(objective(devrel, "docs-findable"), "search-success");
    assert_close(&search["grade"], 0.8);
    assert_close(&search["progress"], 21.0 / 27.0);
    assert_eq!(
        kr(objective(devrel, "events"), "meetup-retention")["grade"],
        Value::Null
    );
    assert_eq!(view["summary"]["warnings"], 0);
    assert_eq!(view["summary"]["dropped"], 1);

    okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["grade", "--quarter", "2026-Q3"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Grades for 2026-Q3 · 1 Jul – 30 Sep 2026: the quarter is over",
        ))
        .stdout(predicate::str::contains(
            "Dropped, and counted in no grade:",
        ))
        .stdout(predicate::str::contains(
            "Reflection: Committed, and we missed",
        ))
        .stdout(predicate::str::contains("inside the 0.6–0.7 sweet spot"));
}

#[test]
fn an_owner_whose_file_is_invalid_gets_exit_1_not_a_usage_error() {
    let okrs = fixture().file(
        "2025-Q1/broken.yaml",
        "
        quarter: 2025-Q1
        team: broken
        objectives:
          - id: o
            key_results:
              - { id: k, baseline: 0, target: 10, grade: 70 }
        ",
    );
    okrs.okr(&["grade", "broken", "--quarter", "2025-Q1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("okrs/2025-Q1/broken.yaml:6:"))
        .stderr(predicate::str::contains(
            "note: `broken` has OKRs only in okrs/2025-Q1/broken.yaml, which is invalid",
        ))
        .stdout("");
    okrs.okr(&["grade", "broken", "--history"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn the_docs_show_the_real_output_on_the_shipped_okrs() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/grade.md"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let output = okr()
            .arg("--dir")
            .arg(shipped_okrs())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let review = run(&["grade", "--quarter", "2026-Q3"]);
    assert!(
        docs.contains(&review),
        "docs/grade.md is out of date: paste the output of `okr grade --quarter 2026-Q3`"
    );
    // With --as-of the whole history is stable, the running quarter too.
    let output = okr()
        .arg("--dir")
        .arg(shipped_okrs())
        .args(["grade", "devrel", "--history", "--as-of", "2026-11-21"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let history = String::from_utf8(output.stdout).unwrap();
    assert!(
        history.contains("2026-Q3   1 Jul – 30 Sep 2026    0.50   yellow"),
        "{history}"
    );
    assert!(
        docs.contains(&format!("$ okr grade devrel --history --as-of 2026-11-21\n{history}")),
        "docs/grade.md is out of date: paste the output of `okr grade devrel --history --as-of 2026-11-21`\n{history}"
    );
}

#[test]
fn a_person_with_an_invalid_file_still_sees_the_team_key_results_they_own() {
    let okrs = Okrs::new()
        .file(
            "2025-Q1/core.yaml",
            &CORE.replace("    weight: 3\n", "    weight: 3\n            owner: ana\n"),
        )
        .file(
            "2025-Q1/people/ana.yaml",
            &ANA.replace("grade: 0.5", "grade: 5"),
        );
    okrs.okr(&["grade", "ana", "--quarter", "2025-Q1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("okrs/2025-Q1/people/ana.yaml:"))
        .stdout(predicate::str::contains(
            "core (team), the key results ana owns",
        ))
        .stdout(predicate::str::contains("- p95: p95 latency"));
}

#[test]
fn a_running_quarter_summary_does_not_judge_yet() {
    let okrs = Okrs::new().file("2030-Q1/core.yaml", &CORE.replace("2025-Q1", "2030-Q1"));
    let text = stdout(
        &okrs,
        &["grade", "--quarter", "2030-Q1", "--as-of", "2030-02-01"],
    );
    assert!(
        text.contains("  Aspirational  average 0.65 so far over 2 key results; inside the 0.6–0.7 sweet\n                spot, with the quarter still running\n"),
        "{text}"
    );
}
