//! Fiscal years (`okr.toml` `[quarters]`, `docs/format.md#okrtoml`): the same OKR
//! files read under two conventions, every date rule checked against a hand
//! computation written next to it, the quarter's dates in every view, and
//! `okr.toml` errors from the real binary.
//!
//! - July, named by the year it starts in: FY2026 is 1 Jul 2026 – 30 Jun 2027,
//!   so 2026-Q2 is 1 Oct – 31 Dec 2026 (92 days).
//! - February, named by the year it ends in (the default label): FY2027 is
//!   1 Feb 2026 – 31 Jan 2027, so 2027-Q1 is 1 Feb – 30 Apr 2026 (28 + 31 + 30
//!   = 89 days) and 2027-Q4 is 1 Nov 2026 – 31 Jan 2027 (30 + 31 + 31 = 92).

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

const JULY_START: &str = "
    [quarters]
    fiscal_year_start = \"july\"
    fiscal_year_label = \"start\"

    [checkins]
    stale_after_days = 10
";

const FEBRUARY_END: &str = "
    [quarters]
    fiscal_year_start = 2
";

/// One key result from 900 down to 400 ms, two check-ins, in quarter `quarter`.
fn web(quarter: &str, checkins: &str) -> String {
    format!(
        "
        quarter: {quarter}
        team: web
        objectives:
          - id: speed
            title: Pages feel instant
            key_results:
              - id: p95
                title: p95 latency falls from 900 to 400 ms
                baseline: 900
                target: 400
                checkins:
{checkins}
        "
    )
}

fn checkin(date: &str, value: u32) -> String {
    format!("                  - {{ date: {date}, value: {value} }}")
}

fn july() -> Okrs {
    Okrs::new()
        .file("okr.toml", JULY_START)
        .file(
            "2026-Q2/web.yaml",
            &web(
                "2026-Q2",
                &[checkin("2026-10-05", 800), checkin("2026-11-01", 650)].join("\n"),
            ),
        )
        // A later quarter with a file: were 2026-Q2 not picked for November
        // 2026, `status` would fall back to this one.
        .file(
            "2026-Q3/web.yaml",
            &web("2026-Q3", &checkin("2027-01-10", 600)),
        )
}

/// A shop team: from 100 to 200 orders a day.
fn shop(quarter: &str, checkins: &str) -> String {
    format!(
        "
        quarter: {quarter}
        team: shop
        objectives:
          - id: sales
            title: Customers buy more
            key_results:
              - id: orders
                title: Orders rise from 100 to 200 a day
                baseline: 100
                target: 200
                checkins:
{checkins}
        "
    )
}

fn february() -> Okrs {
    Okrs::new()
        .file("okr.toml", FEBRUARY_END)
        .file(
            "2027-Q1/shop.yaml",
            &shop(
                "2027-Q1",
                &[checkin("2026-02-10", 120), checkin("2026-03-01", 130)].join("\n"),
            ),
        )
        .file(
            "2027-Q4/shop.yaml",
            &shop(
                "2027-Q4",
                // 31 Jan 2027 is Q4's last day; 14 Feb the end of its grace.
                &[checkin("2026-11-20", 150), checkin("2027-01-31", 160)].join("\n"),
            ),
        )
}

fn json(okrs: &Okrs, args: &[&str]) -> Value {
    let output = okrs
        .okr(&[args, &["--format", "json"]].concat())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn text(okrs: &Okrs, args: &[&str]) -> String {
    let output = okrs.okr(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn assert_close(value: &Value, expected: f64) {
    // JSON rounds computed figures to 6 decimals.
    let rounded = (expected * 1e6).round() / 1e6;
    assert!(
        value.as_f64().is_some_and(|v| (v - rounded).abs() < 1e-12),
        "{value} is not {expected}"
    );
}

#[test]
fn july_start_figures_match_a_hand_computation() {
    let okrs = july();
    // No --quarter: 13 Nov 2026 falls in FY2026-Q2 (Oct–Dec), not in the
    // calendar's 2026-Q4, and no note says another quarter was chosen.
    let view = json(&okrs, &["status", "--as-of", "2026-11-13"]);
    assert_eq!(view["quarter"], "2026-Q2");
    assert_eq!(view["first_day"], "2026-10-01");
    assert_eq!(view["last_day"], "2026-12-31");
    // Elapsed: 31 days of October + 13 = 44 of 92.
    const ELAPSED: f64 = 44.0 / 92.0; // 0.478261
    assert_close(&view["elapsed"], ELAPSED);
    let p95 = kr(objective(owner(&view, "web"), "speed"), "p95");
    // Progress: (650 − 900) / (400 − 900) = 0.5; expected − 0.10 = 0.378: on track.
    assert_close(&p95["progress"], 0.5);
    assert_close(&p95["expected"], ELAPSED);
    assert_eq!(p95["health"], "on_track");
    // Stale: 13 Nov − 1 Nov = 12 days > stale_after_days = 10 (14 would not be).
    assert_eq!(view["stale_after_days"], 10);
    assert_eq!(p95["last_checkin"], "2026-11-01");
    assert_eq!(p95["stale"], true);
    let table = text(&okrs, &["status", "--as-of", "2026-11-13"]);
    assert!(
        table.starts_with(
            "OKR status 2026-Q2 · 1 Oct – 31 Dec 2026 · as of 2026-11-13 · 48% elapsed\n"
        ),
        "{table}"
    );
    // The talking point says the configured threshold (lines wrapped at 80).
    let words = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("no check-in for 12 days (last on 2026-11-01; stale after 10 days)"),
        "{table}"
    );
    // 11 Nov: 10 days, not more than 10: fresh.
    let view = json(&okrs, &["status", "--as-of", "2026-11-11"]);
    assert_eq!(
        kr(objective(owner(&view, "web"), "speed"), "p95")["stale"],
        false
    );
    // 1 Jan 2027 is FY2026-Q3 (Jan–Mar 2027): day 1 of 90.
    let view = json(&okrs, &["status", "--as-of", "2027-01-01"]);
    assert_eq!(view["quarter"], "2026-Q3");
    assert_close(&view["elapsed"], 1.0 / 90.0);
    // Markdown says the dates in its title.
    let markdown = text(
        &okrs,
        &["status", "--as-of", "2026-11-13", "--format", "markdown"],
    );
    assert!(
        markdown.starts_with("# OKR status: 2026-Q2 · 1 Oct – 31 Dec 2026, as of 2026-11-13\n"),
        "{markdown}"
    );
}

#[test]
fn february_end_figures_match_a_hand_computation() {
    let okrs = february();
    // 15 Mar 2026 is in FY2027-Q1 (1 Feb – 30 Apr 2026).
    let view = json(&okrs, &["status", "--as-of", "2026-03-15"]);
    assert_eq!(view["quarter"], "2027-Q1");
    assert_eq!(view["first_day"], "2026-02-01");
    assert_eq!(view["last_day"], "2026-04-30");
    // Elapsed: 28 days of February + 15 = 43 of 89.
    const ELAPSED: f64 = 43.0 / 89.0; // 0.483146
    assert_close(&view["elapsed"], ELAPSED);
    let orders = kr(objective(owner(&view, "shop"), "sales"), "orders");
    // Progress: (130 − 100) / (200 − 100) = 0.30; expected − 0.25 = 0.23 ≤ 0.30
    // < expected − 0.10 = 0.38: at risk.
    assert_close(&orders["progress"], 0.3);
    assert_eq!(orders["health"], "at_risk");
    // Stale after the default 14 days: 15 Mar − 1 Mar = 14, not more.
    assert_eq!(view["stale_after_days"], 14);
    assert_eq!(orders["stale"], false);
    let view = json(&okrs, &["status", "--as-of", "2026-03-16"]);
    assert_eq!(
        kr(objective(owner(&view, "shop"), "sales"), "orders")["stale"],
        true
    );
    // 20 Jan 2027 is in FY2027-Q4 (Nov 2026 – Jan 2027), though the calendar
    // would call it 2027-Q1, which has a file too.
    let view = json(&okrs, &["status", "--as-of", "2027-01-20"]);
    assert_eq!(view["quarter"], "2027-Q4");
    // 30 days of November + 31 of December + 20 = 81 of 92.
    assert_close(&view["elapsed"], 81.0 / 92.0);
    let orders = kr(objective(owner(&view, "shop"), "sales"), "orders");
    // The 31 Jan check-in is after --as-of: 150 counts, (150 − 100) / 100.
    assert_close(&orders["progress"], 0.5);
    let table = text(&okrs, &["status", "--as-of", "2027-01-20"]);
    assert!(
        table.starts_with("OKR status 2027-Q4 · 1 Nov 2026 – 31 Jan 2027 · as of 2027-01-20"),
        "{table}"
    );
}

#[test]
fn grade_judges_the_end_of_the_fiscal_quarter() {
    let okrs = february();
    // FY2027-Q4 ends 31 Jan 2027: still running that day, over the next.
    let running = json(
        &okrs,
        &["grade", "--quarter", "2027-Q4", "--as-of", "2027-01-31"],
    );
    assert_eq!(running["ended"], false);
    assert_eq!(running["first_day"], "2026-11-01");
    assert_eq!(running["last_day"], "2027-01-31");
    let over = json(
        &okrs,
        &["grade", "--quarter", "2027-Q4", "--as-of", "2027-02-01"],
    );
    assert_eq!(over["ended"], true);
    // Ungraded once over: (160 − 100) / 100 = 0.6 suggested.
    let orders = kr(objective(owner(&over, "shop"), "sales"), "orders");
    assert_close(&orders["grade"], 0.6);
    assert!(orders["flags"]
        .as_array()
        .unwrap()
        .contains(&Value::from("ungraded_after_quarter_end")));
    let table = text(
        &okrs,
        &["grade", "--quarter", "2027-Q4", "--as-of", "2027-02-01"],
    );
    assert!(
        table.starts_with("Grades for 2027-Q4 · 1 Nov 2026 – 31 Jan 2027: the quarter is over\n"),
        "{table}"
    );
    let markdown = text(
        &okrs,
        &[
            "grade",
            "--quarter",
            "2027-Q4",
            "--as-of",
            "2027-01-31",
            "--format",
            "markdown",
        ],
    );
    assert!(
        markdown.starts_with("# Grades for 2027-Q4 · 1 Nov 2026 – 31 Jan 2027, still running"),
        "{markdown}"
    );
}

#[test]
fn history_sorts_and_dates_fiscal_quarters() {
    let okrs = february();
    let view = json(
        &okrs,
        &["grade", "shop", "--history", "--as-of", "2026-12-01"],
    );
    let quarters = view["quarters"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str, bool)> = quarters
        .iter()
        .map(|q| {
            (
                q["quarter"].as_str().unwrap(),
                q["first_day"].as_str().unwrap(),
                q["last_day"].as_str().unwrap(),
                q["ended"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2027-Q1", "2026-02-01", "2026-04-30", true),
            ("2027-Q4", "2026-11-01", "2027-01-31", false),
        ]
    );
    // At 80 columns something must wrap (words are never split); at 100
    // every row's dates fit on one line.
    let output = okrs
        .okr(&["grade", "shop", "--history", "--as-of", "2026-12-01"])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    expect_code(&output, 0);
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.contains("2027-Q1   1 Feb – 30 Apr 2026"), "{table}");
    assert!(
        table.contains("2027-Q4   1 Nov 2026 – 31 Jan 2027"),
        "{table}"
    );
}

/// `okr check` on a July/start directory whose 2026-Q2 file has one more check-in.
fn check_july_checkin(date: &str) -> assert_cmd::assert::Assert {
    Okrs::new()
        .file("okr.toml", JULY_START)
        .file(
            "2026-Q2/web.yaml",
            &web(
                "2026-Q2",
                &[checkin("2026-10-05", 800), checkin(date, 650)].join("\n"),
            ),
        )
        .okr(&["check"])
        .assert()
}

#[test]
fn the_checkin_window_is_the_fiscal_quarter_and_14_days_after() {
    // FY2026-Q2 under July/start: 1 Oct – 31 Dec 2026; the grace runs to
    // 31 Dec + 14 days = 14 Jan 2027. (A calendar 2026-Q2 would be April to
    // June, and refuse every one of these dates.)
    for inside in ["2026-10-01", "2026-12-31", "2027-01-14"] {
        check_july_checkin(inside)
            .code(0)
            .stdout(predicate::str::contains("no problems"));
    }
    for outside in ["2026-09-30", "2027-01-15", "2027-01-20", "2027-01-30"] {
        check_july_checkin(outside).code(1).stdout(predicate::str::contains(format!(
            "check-in date {outside} is outside 2026-Q2 (2026-10-01 to 2026-12-31, or up to 14 days after it"
        )));
    }
    // February/end: FY2027-Q4's 31 Jan 2027 is in the quarter, not its grace.
    february().okr(&["check"]).assert().code(0);
}

#[test]
fn a_february_fiscal_q1_holds_the_leap_day() {
    // FY2029-Q1 (February/end) is 1 Feb – 30 Apr 2028: 29 + 31 + 30 = 90 days.
    let okrs = Okrs::new().file("okr.toml", FEBRUARY_END).file(
        "2029-Q1/shop.yaml",
        &shop("2029-Q1", &checkin("2028-02-29", 150)),
    );
    okrs.okr(&["check"]).assert().code(0);
    let view = json(&okrs, &["status", "--as-of", "2028-02-29"]);
    assert_eq!(view["quarter"], "2029-Q1");
    assert_eq!(view["last_day"], "2028-04-30");
    // 29 of 90 days.
    assert_close(&view["elapsed"], 29.0 / 90.0);
}

#[test]
fn the_same_files_read_as_calendar_quarters_without_okr_toml() {
    let okrs = Okrs::new().file(
        "2026-Q2/web.yaml",
        &web("2026-Q2", &checkin("2026-05-01", 650)),
    );
    let view = json(
        &okrs,
        &["status", "--quarter", "2026-Q2", "--as-of", "2026-05-16"],
    );
    assert_eq!(view["first_day"], "2026-04-01");
    // 30 days of April + 16 = 46 of 91.
    assert_close(&view["elapsed"], 46.0 / 91.0);
    // 15 days since the check-in > the default 14: stale.
    assert_eq!(
        kr(objective(owner(&view, "web"), "speed"), "p95")["stale"],
        true
    );
    let table = text(
        &okrs,
        &["status", "--quarter", "2026-Q2", "--as-of", "2026-05-16"],
    );
    assert!(
        table.starts_with("OKR status 2026-Q2 · 1 Apr – 30 Jun 2026 · as of 2026-05-16"),
        "{table}"
    );
}

/// Runs `okr ARGS` in `dir` (below the temporary folder) with `okrs/okr.toml`
/// holding `toml`, and checks the usage error it must give.
fn bad_config(toml: &str, dir: &str, args: &[&str], message: &str) {
    let okrs = Okrs::new()
        .file("2026-Q4/web.yaml", &valid_team("web", "2026-Q4"))
        .raw("okr.toml", toml.as_bytes());
    okrs.okr(args)
        .current_dir(okrs.root().join(dir))
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!("okr: error: {message}\n"));
}

#[test]
fn bad_configuration_is_a_usage_error_at_its_line_and_column() {
    bad_config(
        "[quarters]\nfiscal_year_start = \"juli\"\n",
        ".",
        &["status"],
        "okrs/okr.toml:2:21: `fiscal_year_start = \"juli\"` is not a month: write its name (\"july\") or its number (7); did you mean \"july\"?",
    );
    bad_config(
        "[quarters]\nfiscal_year_start = 13\n",
        ".",
        &["check"],
        "okrs/okr.toml:2:21: `fiscal_year_start = 13` is not a month: write its name (\"july\") or its number (7)",
    );
    bad_config(
        "[quarters]\nfiscal_year_label = \"begin\"\n",
        ".",
        &["grade"],
        "okrs/okr.toml:2:21: `fiscal_year_label = \"begin\"` is not a label: write \"start\" (2026-Q1 is the fiscal year that starts in 2026) or \"end\" (the year it ends in, the default)",
    );
    // The path is shown relative to the current directory, like every path.
    bad_config(
        "[quarters]\nfiscal_year_strat = \"july\"\n",
        "okrs/2026-Q4",
        &["status"],
        "../okr.toml:2:1: unknown key `fiscal_year_strat`; did you mean `fiscal_year_start`?",
    );
    bad_config(
        "[checkins]\nstale_after_dayz = 7\n",
        ".",
        &["status"],
        "okrs/okr.toml:2:1: unknown key `stale_after_dayz`; did you mean `stale_after_days`?",
    );
    bad_config(
        "[checkins]\nstale_after_days = 0\n",
        ".",
        &["status"],
        "okrs/okr.toml:2:20: `stale_after_days = 0` must be a number of days from 1 to 366, e.g. 14",
    );
    let okrs = Okrs::new().raw("okr.toml", b"[quarters\nfiscal_year_start = 7\n");
    okrs.okr(&["status"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "okr: error: okrs/okr.toml:1:10: okr.toml is not valid TOML",
        ));
}

#[test]
fn init_writes_an_okr_toml_whose_every_line_uncommented_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    okr()
        .current_dir(dir.path())
        .args(["init"])
        .assert()
        .success();
    let path = dir.path().join("okrs/okr.toml");
    let template = std::fs::read_to_string(&path).unwrap();
    let settings: Vec<(usize, &str)> = template
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix("# ").is_some_and(|rest| {
                rest.split_once(" = ")
                    .is_some_and(|(k, _)| !k.contains(' '))
            })
        })
        .collect();
    // Every key of `docs/format.md#okrtoml`, each with its default.
    let keys: Vec<&str> = settings
        .iter()
        .map(|(_, line)| line.trim_start_matches("# ").split(" = ").next().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "fiscal_year_start",
            "fiscal_year_label",
            "stale_after_days",
            "too_many_key_results",
            "activity_wording"
        ]
    );
    for (number, line) in settings {
        let mut lines: Vec<&str> = template.lines().collect();
        let uncommented = line.trim_start_matches("# ");
        lines[number] = uncommented;
        std::fs::write(&path, lines.join("\n")).unwrap();
        // The defaults, written out, change nothing: same as the calendar year.
        let output = okr()
            .current_dir(dir.path())
            .args(["status", "--as-of", "2026-11-21", "--format", "json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("okr.toml"), "{uncommented}: {stderr}");
        assert_ne!(output.status.code(), Some(2), "{uncommented}: {stderr}");
    }
}

/// The file of `okrs` at `path`, read.
fn file(okrs: &Okrs, path: &str) -> String {
    std::fs::read_to_string(okrs.okrs().join(path)).unwrap()
}

#[test]
fn checkin_uses_the_fiscal_calendar_in_both_labelling_styles() {
    // July, labelled by the start year: 2026-Q2 is Oct–Dec 2026, its window
    // to 14 Jan 2027; a calendar reading (Apr–Jun) would refuse every date.
    let okrs = july();
    okrs.okr(&["checkin", "web/speed/p95", "600", "--date", "2026-12-01"])
        .assert()
        .success()
        .stdout("okrs/2026-Q2/web.yaml: added a check-in to web/speed/p95\n+          - { date: 2026-12-01, value: 600 }\n");
    assert!(file(&okrs, "2026-Q2/web.yaml").contains("{ date: 2026-12-01, value: 600 }"));
    // 10 Jan 2027 is in 2026-Q3 and in 2026-Q2's grace: the file of 2026-Q3 has p95.
    okrs.okr(&["checkin", "web/speed/p95", "590", "--date", "2027-01-12"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("okrs/2026-Q3/web.yaml: "));
    // Outside FY2026-Q2's window, said with fiscal dates.
    okrs.okr(&["checkin", "web/speed/p95", "1", "--date", "2026-09-30", "--quarter", "2026-Q2"])
        .assert()
        .code(2)
        .stderr("okr: error: 2026-09-30 is outside the check-in window of 2026-Q2, 2026-10-01 to 2027-01-14 (the quarter, and 14 days after it for the final measurement); 2026-09-30 is in 2026-Q1; give --date in the window, or --quarter for another quarter's file\n");

    // February, labelled by the end year: 2027-Q4 is Nov 2026 – Jan 2027.
    let okrs = february();
    okrs.okr(&["checkin", "shop/sales/orders", "170", "--date", "2027-02-03"])
        .assert()
        .success()
        .stdout("okrs/2027-Q4/shop.yaml: added a check-in to shop/sales/orders\n+          - { date: 2027-02-03, value: 170 }\n");
    okrs.okr(&[
        "checkin",
        "shop/sales/orders",
        "140",
        "--date",
        "2026-04-30",
    ])
    .assert()
    .success()
    .stdout(predicate::str::starts_with("okrs/2027-Q1/shop.yaml: "));
    okrs.okr(&["check"]).assert().success();
}
