//! The 1:1 and the weekly routine (`docs/format.md#what-is-computed`, 5 and 6):
//! `okr status --since`, projections, and `okr due`. Every run fixes
//! `--as-of`; every figure is recomputed here by hand, not read back.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

/// A 2026-Q4 team file (`web`) with one key result of each kind the rules
/// tell apart, and a person file (`alice`).
const WEB: &str = "
    quarter: 2026-Q4
    team: web
    objectives:
      - id: growth
        title: More people sign up
        key_results:
          - id: signups
            title: Weekly sign-ups rise from 100 to 200
            baseline: 100
            target: 200
            owner: alice
            checkins:
              - { date: 2026-10-01, value: 100, confidence: 0.6 }
              - { date: 2026-10-08, value: 110 }
              - { date: 2026-10-15, value: 130, confidence: 0.5, note: campaign started }
          - id: latency
            title: p95 latency falls from 900 to 400 ms
            baseline: 900
            target: 400
            checkins:
              - { date: 2026-10-01, value: 900 }
              - { date: 2026-10-31, value: 800, confidence: 0.7 }
              - { date: 2026-11-30, value: 660, confidence: 0.8, note: caching }
          - id: flat
            title: Retention rises from 0 to 10
            baseline: 0
            target: 10
            checkins:
              - { date: 2026-10-05, value: 3 }
              - { date: 2026-10-19, value: 3 }
              - { date: 2026-11-02, value: 3 }
          - id: cross
            title: Referrals rise from 0 to 10
            baseline: 0
            target: 10
            checkins:
              - { date: 2026-10-01, value: 2 }
              - { date: 2026-10-15, value: 6 }
              - { date: 2026-10-29, value: 10 }
          - id: fixed
            title: NPS rises from 0 to 10
            baseline: 0
            target: 10
            current: 5
";

const ALICE: &str = "
    quarter: 2026-Q4
    person: alice
    objectives:
      - id: grow
        title: Grow as a speaker
        key_results:
          - id: talks
            title: Talk rating rises from 3 to 4
            baseline: 3
            target: 4
            checkins:
              - { date: 2026-10-10, value: 3.2 }
";

fn okrs() -> Okrs {
    Okrs::new()
        .file("2026-Q4/web.yaml", WEB)
        .file("2026-Q4/people/alice.yaml", ALICE)
}

/// `okr ARGS --format json` on `dir`, exit 0, parsed.
fn json(dir: &Okrs, args: &[&str]) -> Value {
    let output = dir.okr(args).args(["--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn web_kr<'a>(view: &'a Value, id: &str) -> &'a Value {
    kr(objective(owner(view, "web"), "growth"), id)
}

fn near(actual: &Value, expected: f64) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    // JSON carries 6 decimals (`docs/format.md#json-output`).
    assert!((a - expected).abs() < 1e-6, "{a} != {expected}");
}

/// Least squares the schoolbook way (normal equations over sums), at `x0`:
/// the line's value and the standard error of that prediction.
fn by_hand(points: &[(f64, f64)], x0: f64) -> (f64, f64) {
    let n = points.len() as f64;
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
    let sxx_raw: f64 = points.iter().map(|p| p.0 * p.0).sum();
    let sxy_raw: f64 = points.iter().map(|p| p.0 * p.1).sum();
    let slope = (n * sxy_raw - sx * sy) / (n * sxx_raw - sx * sx);
    let intercept = (sy - slope * sx) / n;
    let sse: f64 = points
        .iter()
        .map(|p| (p.1 - intercept - slope * p.0).powi(2))
        .sum();
    let s = (sse / (n - 2.0)).sqrt();
    let sxx = sxx_raw - sx * sx / n;
    let mean = sx / n;
    (
        intercept + slope * x0,
        s * (1.0 / n + (x0 - mean).powi(2) / sxx).sqrt(),
    )
}

/// Days from 2026-10-01, the quarter's first day.
fn x(date: &str) -> f64 {
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    (d - first).num_days() as f64
}

/// Expected output: dedented, one final newline.
fn block(text: &str) -> String {
    format!("{}\n", dedent(text).trim_end())
}

const LAST_DAY: &str = "2026-12-31";

#[test]
fn a_projection_recomputed_by_hand_for_a_lower_is_better_key_result() {
    let view = json(&okrs(), &["status", "web", "--as-of", "2026-12-01"]);
    let latency = web_kr(&view, "latency");
    let points = [
        (x("2026-10-01"), 900.0),
        (x("2026-10-31"), 800.0),
        (x("2026-11-30"), 660.0),
    ];
    let (value, se) = by_hand(&points, x(LAST_DAY));
    let progress = |v: f64| ((v - 900.0) / (400.0 - 900.0)).clamp(0.0, 1.0);
    near(&latency["projection"]["progress"], progress(value));
    // Lower is better: the value plus the error is the low end of progress.
    near(&latency["projection"]["low"], progress(value + se));
    near(&latency["projection"]["high"], progress(value - se));
    assert!(se > 0.0);
    assert!(latency["projection"]["low"].as_f64() < latency["projection"]["high"].as_f64());
}

#[test]
fn exactly_three_checkins_over_exactly_fourteen_days_project_and_fewer_do_not() {
    let dir = okrs();
    let view = json(&dir, &["status", "web", "--as-of", "2026-10-15"]);
    let signups = web_kr(&view, "signups");
    let points = [
        (x("2026-10-01"), 100.0),
        (x("2026-10-08"), 110.0),
        (x("2026-10-15"), 130.0),
    ];
    let (value, se) = by_hand(&points, x(LAST_DAY));
    let progress = |v: f64| ((v - 100.0) / 100.0).clamp(0.0, 1.0);
    near(&signups["projection"]["progress"], progress(value));
    near(&signups["projection"]["low"], progress(value - se));
    near(&signups["projection"]["high"], progress(value + se));
    assert_eq!(signups["projection_note"], Value::Null);
    // A day earlier only two check-ins count: too little data, said plainly.
    let view = json(&dir, &["status", "web", "--as-of", "2026-10-14"]);
    let signups = web_kr(&view, "signups");
    assert_eq!(signups["projection"], Value::Null);
    assert_eq!(
        signups["projection_note"],
        "too little data to project: 2 check-ins this quarter, 3 needed"
    );
    dir.okr(&["status", "web", "--as-of", "2026-10-14"])
        .env("COLUMNS", "130")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("too little data to project"));
}

#[test]
fn three_checkins_over_thirteen_days_are_too_little_data() {
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: o
            key_results:
              - id: k
                baseline: 0
                target: 10
                checkins:
                  - { date: 2026-10-01, value: 1 }
                  - { date: 2026-10-07, value: 2 }
                  - { date: 2026-10-14, value: 3 }
        ",
    );
    let view = json(&dir, &["status", "--as-of", "2026-11-01"]);
    let k = kr(objective(owner(&view, "web"), "o"), "k");
    assert_eq!(k["projection"], Value::Null);
    assert_eq!(
        k["projection_note"],
        "too little data to project: check-ins span 13 days, 14 needed"
    );
}

#[test]
fn a_flat_line_projects_where_it_stands_with_no_range() {
    let view = json(&okrs(), &["status", "web", "--as-of", "2026-11-21"]);
    let flat = web_kr(&view, "flat");
    for field in ["progress", "low", "high"] {
        near(&flat["projection"][field], 0.3);
    }
    assert_eq!(flat["projection"]["band"], "red");
}

#[test]
fn a_line_crossing_the_target_is_clamped_to_one() {
    let view = json(&okrs(), &["status", "web", "--as-of", "2026-11-21"]);
    let cross = web_kr(&view, "cross");
    // 2, 6, 10 every 14 days: the line reaches 28 by the quarter's end.
    let (value, se) = by_hand(
        &[
            (x("2026-10-01"), 2.0),
            (x("2026-10-15"), 6.0),
            (x("2026-10-29"), 10.0),
        ],
        x(LAST_DAY),
    );
    assert!((value - 28.0).abs() < 1e-9 && se.abs() < 1e-9);
    for field in ["progress", "low", "high"] {
        assert_eq!(cross["projection"][field], 1, "{field}");
    }
}

#[test]
fn current_key_results_have_no_projection_no_since_checkins_and_are_never_due() {
    let dir = okrs();
    let view = json(
        &dir,
        &[
            "status",
            "web",
            "--as-of",
            "2026-12-20",
            "--since",
            "2026-10-10",
        ],
    );
    let fixed = web_kr(&view, "fixed");
    assert_eq!(fixed["projection"], Value::Null);
    assert_eq!(
        fixed["projection_note"],
        Value::Null,
        "no dates: nothing to say"
    );
    assert_eq!(
        fixed["since"]["value"], 5,
        "current, by the same rules at S"
    );
    assert_eq!(fixed["since"]["checkins"], 0);
    let due = json(
        &dir,
        &["due", "--as-of", "2026-12-20", "--include-personal"],
    );
    let paths: Vec<&str> = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["key_results"].as_array().unwrap())
        .map(|k| k["path"].as_str().unwrap())
        .collect();
    assert!(!paths.contains(&"web/growth/fixed"), "{paths:?}");
    assert!(paths.contains(&"web/growth/flat"), "{paths:?}");
}

#[test]
fn since_a_day_with_a_checkin_on_it_counts_that_checkin_as_then() {
    let view = json(
        &okrs(),
        &[
            "status",
            "web",
            "--as-of",
            "2026-11-21",
            "--since",
            "2026-10-08",
        ],
    );
    assert_eq!(view["since"], "2026-10-08");
    let signups = web_kr(&view, "signups");
    let since = &signups["since"];
    assert_eq!(since["date"], "2026-10-08");
    assert_eq!(since["value"], 110, "the check-in on the since-day");
    near(&since["progress"], 0.1);
    assert_eq!(since["confidence"], 0.6, "the latest stated up to S");
    assert_eq!(since["checkins"], 1, "only 2026-10-15 is after S");
    assert_eq!(
        since["notes"],
        serde_json::json!([{ "date": "2026-10-15", "text": "campaign started" }])
    );
}

#[test]
fn since_before_any_checkin_and_before_the_quarter() {
    let dir = okrs();
    for since in ["2026-09-15", "2026-10-01"] {
        let view = json(
            &dir,
            &["status", "web", "--as-of", "2026-11-21", "--since", since],
        );
        let cross = &web_kr(&view, "cross")["since"];
        if since == "2026-09-15" {
            // Before the quarter: nothing measured yet, every check-in is new.
            assert_eq!(cross["value"], Value::Null);
            assert_eq!(cross["progress"], 0);
            assert_eq!(cross["confidence"], Value::Null);
            assert_eq!(cross["checkins"], 3);
        } else {
            assert_eq!(cross["value"], 2, "the first day's check-in is then");
            assert_eq!(cross["checkins"], 2);
        }
        let flat = &web_kr(&view, "flat")["since"];
        assert_eq!(flat["value"], Value::Null, "no check-in before 2026-10-05");
        assert_eq!(flat["progress"], 0);
        assert_eq!(flat["checkins"], 3);
    }
}

#[test]
fn since_two_weeks_is_fourteen_days_back_from_the_as_of_day() {
    let dir = okrs();
    let weeks = json(
        &dir,
        &["status", "web", "--as-of", "2026-11-21", "--since", "2w"],
    );
    let days = json(
        &dir,
        &["status", "web", "--as-of", "2026-11-21", "--since", "14d"],
    );
    assert_eq!(weeks["since"], "2026-11-07");
    assert_eq!(weeks, days);
    assert_eq!(
        web_kr(&weeks, "latency")["since"]["checkins"],
        0,
        "11-30 is after D"
    );
    let plain = json(&dir, &["status", "web", "--as-of", "2026-11-21"]);
    assert_eq!(plain["since"], Value::Null);
    assert_eq!(web_kr(&plain, "latency")["since"], Value::Null);
}

#[test]
fn bad_since_values_are_usage_errors_before_the_directory_is_read() {
    // No OKR directory here: a bad value must be reported first, by clap.
    let empty = tempfile::tempdir().unwrap();
    for bad in ["2x", "yesterday", "2026-13-01", "-2w", "w", "1.5w"] {
        okr()
            .current_dir(empty.path())
            .args(["status", &format!("--since={bad}")])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "invalid value '{bad}' for '--since"
            )))
            .stderr(predicate::str::contains("no OKR directory").not());
    }
    okrs()
        .okr(&["status", "--as-of", "2026-11-21", "--since", "2026-11-22"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--since: must not be after the as-of day 2026-11-21",
        ));
}

#[test]
fn the_since_column_and_talking_points_open_with_the_changes() {
    let out = okrs()
        .okr(&[
            "status",
            "web",
            "--as-of",
            "2026-11-21",
            "--since",
            "2026-10-20",
        ])
        .env("COLUMNS", "140")
        .assert()
        .code(0)
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Changes since 2026-10-20 (32 days)"), "{out}");
    let points = out.split("Talking points\n").nth(1).unwrap();
    let lines: Vec<&str> = points.lines().collect();
    // Latency moved 900 → 800 (+20 pp), cross 6 → 10 (+40 pp): most first.
    assert!(
        lines[0].starts_with("moved")
            && lines[0].contains("web/growth/cross: 6 → 10, 60% → 100% (+40 pp)"),
        "{points}"
    );
    assert!(
        lines[1].contains("web/growth/latency: 900 → 800, 0% → 20% (+20 pp)"),
        "{points}"
    );
    assert!(lines[2].starts_with("stalled"), "{points}");
    assert!(
        lines[3].contains(
            "web/growth/flat: no movement since 2026-10-20: still 3 (30%) after 1 check-in"
        ),
        "{points}"
    );
    assert!(
        points.contains("web/growth/signups: no check-in since 2026-10-20 (still 30%)"),
        "{points}"
    );
    let first_usual = lines
        .iter()
        .position(|l| {
            l.starts_with("off track") || l.starts_with("at risk") || l.starts_with("stale")
        })
        .unwrap();
    let last_change = lines
        .iter()
        .rposition(|l| l.starts_with("moved") || l.starts_with("stalled"))
        .unwrap();
    assert!(last_change < first_usual, "{points}");
    // The table's since column.
    assert!(out.contains("no check-in since"), "{out}");
    assert!(out.contains("+40 pp"), "{out}");
}

#[test]
fn confidence_that_fell_since_and_notes_written_since_are_talking_points() {
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: o
            key_results:
              - id: k
                baseline: 0
                target: 10
                checkins:
                  - { date: 2026-10-05, value: 1, confidence: 0.8 }
                  - { date: 2026-10-12, value: 2, confidence: 0.4, note: a customer left }
                  - { date: 2026-10-19, value: 2, note: still looking }
        ",
    );
    let view = json(
        &dir,
        &["status", "--as-of", "2026-10-20", "--since", "2026-10-05"],
    );
    let kinds: Vec<(&str, &str)> = view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].as_str().unwrap(), p["text"].as_str().unwrap()))
        .collect();
    assert_eq!(kinds[0], ("moved", "1 → 2, 10% → 20% (+10 pp)"));
    assert_eq!(
        kinds[1],
        ("confidence_fell", "from 0.8 on 2026-10-05 to 0.4")
    );
    assert_eq!(kinds[2], ("note_since", "2026-10-12: a customer left"));
    assert_eq!(kinds[3], ("note_since", "2026-10-19: still looking"));
    assert!(
        !kinds
            .iter()
            .any(|(k, _)| *k == "note" || *k == "falling_confidence"),
        "said once: {kinds:?}"
    );
    let since = &view["owners"][0]["objectives"][0]["key_results"][0]["since"];
    assert_eq!(since["confidence"], 0.8);
    assert_eq!(since["checkins"], 2);
}

#[test]
fn a_projection_in_another_band_than_today_is_a_talking_point() {
    let view = json(&okrs(), &["status", "web", "--as-of", "2026-11-21"]);
    let heading: Vec<&Value> = view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "heading")
        .collect();
    // signups: 0.30 today (red), heading for green; flat stays red: no point.
    assert!(
        heading
            .iter()
            .any(|p| p["key_result"] == "web/growth/signups"
                && p["text"]
                    .as_str()
                    .unwrap()
                    .starts_with("on pace for 1.00 (")),
        "{heading:?}"
    );
    assert!(
        !heading.iter().any(|p| p["key_result"] == "web/growth/flat"),
        "{heading:?}"
    );
}

#[test]
fn since_after_the_quarter_speaks_in_grades() {
    let out = okrs()
        .okr(&[
            "status",
            "web",
            "--as-of",
            "2027-01-10",
            "--since",
            "2027-01-02",
            "--quarter",
            "2026-Q4",
        ])
        .env("COLUMNS", "140")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        !out.contains("off track") && !out.contains("at risk"),
        "{out}"
    );
    assert!(!out.contains("on pace"), "{out}");
    let view = json(
        &okrs(),
        &[
            "status",
            "web",
            "--as-of",
            "2027-01-10",
            "--since",
            "2027-01-02",
            "--quarter",
            "2026-Q4",
        ],
    );
    let latency = web_kr(&view, "latency");
    assert_eq!(latency["health"], "ended");
    assert_eq!(latency["projection"], Value::Null);
    assert!(view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["kind"] != "stalled" && p["kind"] != "heading"));
    assert!(view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["kind"] == "to_grade"));
    // A final measurement after S is told in suggested grades.
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: o
            key_results:
              - id: k
                baseline: 0
                target: 10
                checkins:
                  - { date: 2026-12-01, value: 3 }
                  - { date: 2027-01-05, value: 6 }
        ",
    );
    let view = json(
        &dir,
        &[
            "status",
            "--as-of",
            "2027-01-10",
            "--since",
            "2027-01-02",
            "--quarter",
            "2026-Q4",
        ],
    );
    let moved = &view["talking_points"][0];
    assert_eq!(moved["kind"], "moved");
    assert_eq!(moved["text"], "3 → 6, suggested grade 0.3 → 0.6");
}

#[test]
fn markdown_and_csv_carry_the_since_and_projection_figures() {
    let dir = okrs();
    let args = [
        "status",
        "web",
        "--as-of",
        "2026-11-21",
        "--since",
        "2026-10-20",
    ];
    let md = dir
        .okr(&args)
        .args(["--format", "markdown"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("| Projection | Since 2026-10-20 |"), "{md}");
    assert!(
        md.contains("900 → 800<br>+20 pp<br>conf –→0.7<br>1 check-in"),
        "{md}"
    );
    assert!(md.contains("on pace for 0.30 (0.30–0.30)"), "{md}");
    let csv = dir
        .okr(&args)
        .args(["--format", "csv"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let latency: Vec<&str> = csv
        .lines()
        .find(|l| l.contains(",latency,"))
        .unwrap()
        .split(',')
        .collect();
    let col = |name: &str| latency[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("since"), "2026-10-20");
    assert_eq!(col("since_value"), "900");
    assert_eq!(col("since_progress"), "0");
    assert_eq!(col("since_confidence"), "");
    assert_eq!(col("checkins_since"), "1");
    assert_eq!(col("projection"), "", "two check-ins by 2026-11-21");
}

#[test]
fn due_asks_the_key_result_owner_else_the_file_owner() {
    let dir = okrs();
    let view = json(&dir, &["due", "--as-of", "2026-11-21"]);
    assert_eq!(view["as_of"], "2026-11-21");
    assert_eq!(view["stale_after_days"], 14);
    // signups (alice's): last 10-15, due 10-30, overdue. flat: last 11-02,
    // due 11-17, overdue. cross: last 10-29, due 11-13, overdue. latency:
    // last 10-31, due 11-15, overdue. Person files are left out.
    let due = view["due"].as_array().unwrap();
    let who: Vec<(&str, &str)> = due
        .iter()
        .map(|w| (w["who"].as_str().unwrap(), w["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        who,
        [("alice", "person"), ("web", "team")],
        "oldest overdue first"
    );
    let alice = &due[0]["key_results"];
    assert_eq!(
        alice,
        &serde_json::json!([{
            "path": "web/growth/signups",
            "title": "Weekly sign-ups rise from 100 to 200",
            "file": "okrs/2026-Q4/web.yaml",
            "last_checkin": "2026-10-15",
            "due_on": "2026-10-30",
            "state": "overdue",
            "command": "okr checkin web/growth/signups VALUE"
        }])
    );
    let web: Vec<(&str, &str)> = due[1]["key_results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["path"].as_str().unwrap(), k["due_on"].as_str().unwrap()))
        .collect();
    assert_eq!(
        web,
        [
            ("web/growth/cross", "2026-11-13"),
            ("web/growth/latency", "2026-11-15"),
            ("web/growth/flat", "2026-11-17"),
        ],
        "by due date"
    );
}

#[test]
fn due_within_seven_days_and_person_files_only_when_asked() {
    let dir = okrs();
    // 2026-10-17: alice's talks (last 10-10) is due 10-25, within 7 days.
    let view = json(
        &dir,
        &["due", "--as-of", "2026-10-18", "--include-personal"],
    );
    let alice = view["due"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["who"] == "alice")
        .unwrap();
    let paths: Vec<(&str, &str)> = alice["key_results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["path"].as_str().unwrap(), k["state"].as_str().unwrap()))
        .collect();
    // signups: last 10-15, due 10-30, not within 7 days of 10-18.
    assert_eq!(paths, [("alice/grow/talks", "due")]);
    assert_eq!(alice["key_results"][0]["due_on"], "2026-10-25");
    let view = json(
        &dir,
        &["due", "--as-of", "2026-10-17", "--include-personal"],
    );
    assert!(
        view["due"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w["who"] != "alice"),
        "8 days ahead"
    );
    let view = json(&dir, &["due", "--as-of", "2026-10-18"]);
    assert!(view["due"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["who"] != "alice"));
    assert_eq!(view["person_files_left_out"], 1);
}

#[test]
fn due_in_text_and_markdown() {
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: o
            key_results:
              - id: late
                title: Late <b>one</b>
                baseline: 0
                target: 10
                owner: bob
                checkins: [ { date: 2026-10-01, value: 1 } ]
              - id: soon
                baseline: 0
                target: 10
                checkins: [ { date: 2026-10-10, value: 1 } ]
              - id: fine
                baseline: 0
                target: 10
                checkins: [ { date: 2026-10-14, value: 1 } ]
        ",
    );
    dir.okr(&["due", "--as-of", "2026-10-20"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(block(
            "
            Check-ins due · 2026-Q4 · as of 2026-10-20
            Overdue: no check-in for more than 14 days. Due: overdue within 7 days.

            bob (person) · 1 key result
              overdue since 2026-10-16, last check-in 2026-10-01
                Late <b>one</b>
                okr checkin web/o/late VALUE

            web (team) · 1 key result
              due 2026-10-25, last check-in 2026-10-10
                okr checkin web/o/soon VALUE
            ",
        ));
    dir.okr(&["due", "--as-of", "2026-10-20", "--format", "markdown"])
        .assert()
        .code(0)
        .stdout(block(
            "
            ## Check-ins due · 2026-Q4 · as of 2026-10-20

            Overdue: no check-in for more than 14 days. Due: overdue within 7 days.

            ### bob (person)

            - **overdue since 2026-10-16**: `web/o/late` Late &lt;b&gt;one&lt;/b&gt; (last check-in 2026-10-01)<br>`okr checkin web/o/late VALUE`

            ### web (team)

            - due 2026-10-25: `web/o/soon` (last check-in 2026-10-10)<br>`okr checkin web/o/soon VALUE`
            ",
        ));
    dir.okr(&["due", "--as-of", "2026-10-05"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Nothing is due"));
}

#[test]
fn due_without_any_checkin_counts_from_the_quarters_first_day() {
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: o
            key_results:
              - { id: k, baseline: 0, target: 10 }
              - { id: gone, baseline: 0, target: 10, dropped: replaced }
        ",
    );
    let view = json(&dir, &["due", "--as-of", "2026-10-09"]);
    let k = &view["due"][0]["key_results"][0];
    assert_eq!(k["path"], "web/o/k");
    assert_eq!(k["last_checkin"], Value::Null);
    assert_eq!(k["due_on"], "2026-10-16");
    assert_eq!(k["state"], "due");
    assert_eq!(
        view["due"][0]["key_results"].as_array().unwrap().len(),
        1,
        "dropped is never due"
    );
    let view = json(&dir, &["due", "--as-of", "2026-10-16"]);
    assert_eq!(view["due"][0]["key_results"][0]["state"], "overdue");
    // After the quarter nothing is owed.
    let view = json(
        &dir,
        &["due", "--as-of", "2027-01-05", "--quarter", "2026-Q4"],
    );
    assert_eq!(view["due"], serde_json::json!([]));
}

#[test]
fn notes_written_since_are_text_in_every_format() {
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        r#"
        quarter: 2026-Q4
        team: web
        objectives:
          - id: o
            key_results:
              - id: k
                baseline: 0
                target: 10
                checkins:
                  - { date: 2026-10-05, value: 1 }
                  - { date: 2026-10-12, value: 2, note: "one\ntwo \u001b[31mred <b>x</b> ::error::y" }
        "#,
    );
    let args = ["status", "--as-of", "2026-10-20", "--since", "2026-10-06"];
    let text = dir.okr(&args).assert().code(0).get_output().stdout.clone();
    let text = String::from_utf8(text).unwrap();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains(
            "said since  web/o/k: 2026-10-12: one two \\u{1b}[31mred <b>x</b> \\u{3a}:error::y"
        ),
        "{text}"
    );
    let md = dir
        .okr(&args)
        .args(["--format", "markdown"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.contains("one<br>two \\u{1b}\\[31mred &lt;b&gt;x&lt;/b&gt;"),
        "{md}"
    );
}
