//! Right answers in every view: what each command says once the quarter is
//! over (`docs/format.md#what-is-computed`), numbers as JSON numbers in every JSON output
//! (section 6), and the terminal tables at every width.

use serde_json::Value;

use crate::support::*;

/// A day after the shipped 2026-Q4's last day.
const AFTER: &str = "2027-01-20";

/// `okr ARGS` over the shipped `okrs/`: stdout, with exit 0.
fn shipped(args: &[&str]) -> String {
    let output = okr()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--dir")
        .arg(shipped_okrs())
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "okr {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Pace words, as people read them and as JSON or CSV values.
const PACE: [&str; 6] = [
    "on track",
    "at risk",
    "off track",
    "on_track",
    "at_risk",
    "off_track",
];

/// Every string value in a JSON document (keys left out: `off_track` stays a
/// field of the public interface, it only counts 0 after the quarter).
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Every view and every format, after the quarter: no key result is called
/// on track, at risk or off track, in words or as a value.
#[test]
fn after_the_quarter_no_view_speaks_of_pace() {
    let views: Vec<Vec<&str>> = vec![
        vec!["status"],
        vec!["status", "devrel"],
        vec!["status", "--include-personal"],
        vec!["status", "--format", "markdown"],
        vec!["status", "--format", "csv"],
        vec!["status", "--format", "json"],
        vec!["grade"],
        vec!["grade", "--format", "markdown"],
        vec!["grade", "--format", "csv"],
        vec!["grade", "--format", "json"],
        vec!["report"],
        vec!["report", "--format", "html"],
        vec!["report", "--format", "csv"],
        vec!["report", "--format", "json"],
        vec!["tree"],
        vec!["tree", "--format", "json"],
    ];
    for view in views {
        let mut args = view.clone();
        args.extend(["--quarter", "2026-Q4", "--as-of", AFTER]);
        let text = shipped(&args);
        if args.contains(&"json") {
            let json: Value = serde_json::from_str(&text).unwrap();
            let mut values = Vec::new();
            strings(&json, &mut values);
            for value in values {
                assert!(
                    !PACE.iter().any(|p| value.to_lowercase().contains(p)),
                    "okr {args:?} says {value:?}"
                );
            }
        } else {
            let lower = text.to_lowercase();
            for word in PACE {
                // A CSV header names the column, it says nothing of a key result.
                let body = if args.contains(&"csv") {
                    lower.split_once('\n').map_or("", |(_, body)| body)
                } else {
                    &lower
                };
                assert!(!body.contains(word), "okr {args:?} says {word:?}:\n{text}");
            }
        }
    }
}

#[test]
fn after_the_quarter_health_is_ended_and_the_score_is_the_grade() {
    let args = ["--quarter", "2026-Q4", "--as-of", AFTER, "--format", "json"];
    let status: Value =
        serde_json::from_str(&shipped(&[&["status"][..], &args[..]].concat())).unwrap();
    let grade: Value =
        serde_json::from_str(&shipped(&[&["grade"][..], &args[..]].concat())).unwrap();
    assert_eq!(status["ended"], true);
    let mut seen = 0;
    for (s_owner, g_owner) in status["owners"]
        .as_array()
        .unwrap()
        .iter()
        .zip(grade["owners"].as_array().unwrap())
    {
        assert_eq!(s_owner["score"], g_owner["grade"], "{}", s_owner["owner"]);
        for (s_obj, g_obj) in s_owner["objectives"]
            .as_array()
            .unwrap()
            .iter()
            .zip(g_owner["objectives"].as_array().unwrap())
        {
            assert_eq!(s_obj["score"], g_obj["grade"], "{}", s_obj["id"]);
            for (s_kr, g_kr) in s_obj["key_results"]
                .as_array()
                .unwrap()
                .iter()
                .zip(g_obj["key_results"].as_array().unwrap())
            {
                let health = s_kr["health"].as_str().unwrap();
                assert!(
                    ["ended", "no_data", "dropped"].contains(&health),
                    "{}: {health}",
                    s_kr["id"]
                );
                assert_eq!(s_kr["score"], g_kr["grade"], "{}", s_kr["id"]);
                assert_eq!(s_kr["band"], g_kr["band"], "{}", s_kr["id"]);
                seen += 1;
            }
        }
    }
    assert!(seen >= 10, "{seen} key results compared");
    // The p95 key result is 62% of the way: in the running quarter "on track"
    // by pace; after it, its suggested grade 0.6, yellow, still to grade.
    let p95 = kr(objective(owner(&status, "platform"), "fast-api"), "p95");
    assert_eq!(p95["health"], "ended");
    assert_eq!(p95["score"], 0.6);
    let points = status["talking_points"].as_array().unwrap();
    let to_grade: Vec<&Value> = points.iter().filter(|p| p["kind"] == "to_grade").collect();
    assert!(
        to_grade
            .iter()
            .any(|p| p["key_result"] == "platform/fast-api/p95"
                && p["text"].as_str().unwrap().contains("suggested 0.6")),
        "{to_grade:?}"
    );
    // The overview counts bands and what is left to grade, pace counts are 0.
    for row in status["overview"].as_array().unwrap() {
        assert_eq!(row["on_track"], 0);
        assert_eq!(row["off_track"], 0);
        let bands = ["green", "yellow", "red"].map(|b| row[b].as_u64().unwrap());
        let live = row["key_results"].as_u64().unwrap()
            - row["dropped"].as_u64().unwrap()
            - row["no_data"].as_u64().unwrap();
        assert_eq!(bands.iter().sum::<u64>(), live, "{row}");
    }
}

/// A graded key result is not "to grade"; one the file has not graded is.
#[test]
fn talking_points_after_the_quarter_list_what_is_left_to_grade() {
    let dir = Okrs::new().file(
        "2026-Q3/web.yaml",
        "
        quarter: 2026-Q3
        team: web
        objectives:
          - id: fast
            title: The site feels fast
            key_results:
              - id: lcp
                title: LCP falls from 4 to 2 seconds
                baseline: 4
                target: 2
                current: 3
                grade: 0.5
              - id: ttfb
                title: TTFB falls from 800 to 200 ms
                baseline: 800
                target: 200
                current: 300
        ",
    );
    let out = dir
        .okr(&["status", "--as-of", "2026-10-10"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("to grade"), "{text}");
    assert!(
        text.contains("web/fast/ttfb: no grade yet; suggested 0.8"),
        "{text}"
    );
    assert!(!text.contains("web/fast/lcp:"), "{text}");
    assert!(!text.to_lowercase().contains("off track"), "{text}");
    // While the quarter runs the same file speaks of pace.
    let running = dir
        .okr(&["status", "--as-of", "2026-09-20"])
        .output()
        .unwrap();
    let running = String::from_utf8(running.stdout).unwrap();
    assert!(running.contains("On track"), "{running}");
    assert!(!running.contains("to grade"), "{running}");
}

/// Fails when a JSON string holds nothing but a number (`"400"`): numbers are
/// JSON numbers in every output (`docs/format.md#json-output`).
pub fn assert_no_stringly_numbers(value: &Value, what: &str) {
    let mut values = Vec::new();
    strings(value, &mut values);
    for text in values {
        assert!(
            text.trim().parse::<f64>().is_err(),
            "{what}: the number {text:?} is a JSON string"
        );
    }
}

#[test]
fn every_json_output_has_numbers_as_json_numbers() {
    let runs: Vec<Vec<&str>> = vec![
        vec!["status", "--as-of", "2026-11-21"],
        vec!["status", "alice", "--as-of", "2026-11-21"],
        vec!["status", "--as-of", AFTER, "--quarter", "2026-Q4"],
        vec!["grade", "--as-of", "2026-11-21"],
        vec!["grade", "devrel", "--history", "--as-of", AFTER],
        vec!["report", "--as-of", "2026-11-21"],
        vec!["tree", "--as-of", "2026-11-21"],
        vec!["check"],
    ];
    for run in runs {
        let mut args = run.clone();
        args.extend(["--format", "json"]);
        let json: Value = serde_json::from_str(&shipped(&args)).unwrap();
        assert_no_stringly_numbers(&json, &format!("okr {args:?}"));
    }
    // A file with problems: diagnostics carry lines and columns as numbers.
    let dir = Okrs::new().file(
        "2026-Q4/web.yaml",
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: fast
            key_results:
              - { id: p95, baseline: 900, target: 900 }
        ",
    );
    let out = dir.okr(&["check", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["diagnostics"][0]["line"].is_u64(), "{json}");
    assert_no_stringly_numbers(&json, "okr check");
}

/// `okr ARGS` over the shipped `okrs/` on a terminal `width` columns wide.
fn at_width(width: u16, args: &[&str]) -> String {
    let output = okr()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", width.to_string())
        .arg("--dir")
        .arg(shipped_okrs())
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "okr {args:?} at {width}");
    String::from_utf8(output.stdout).unwrap()
}

/// No line is wider than the terminal, at any width from 40 to 140, in the
/// running quarter and after it.
#[test]
fn terminal_tables_never_pass_the_width() {
    for as_of in ["2026-11-21", AFTER] {
        for width in 40..=140u16 {
            for view in [
                &["status"][..],
                &["status", "devrel"],
                &["grade"],
                &["tree"],
            ] {
                let mut args = view.to_vec();
                args.extend([
                    "--quarter",
                    "2026-Q4",
                    "--as-of",
                    as_of,
                    "--include-personal",
                ]);
                if width % 10 != 0 && view != ["status"] {
                    continue; // every width for the overview, every tenth for the rest
                }
                let text = at_width(width, &args);
                for line in text.lines() {
                    assert!(
                        line.chars().count() <= usize::from(width),
                        "okr {args:?} at {width} columns: {line:?}\n{text}"
                    );
                }
            }
        }
    }
}

/// The overview is not wrapped when it fits: at the width of its widest line
/// (80 for the shipped files) and at every width above, each owner stays on
/// one line; at 79 it may wrap, but never splits a word.
#[test]
fn the_overview_wraps_only_when_it_does_not_fit() {
    let args = [
        "status",
        "--quarter",
        "2026-Q4",
        "--as-of",
        "2026-11-21",
        "--include-personal",
    ];
    let wide = at_width(200, &args);
    let overview: Vec<&str> = wide
        .lines()
        .skip_while(|l| !l.starts_with("Owner"))
        .take_while(|l| !l.is_empty() && !l.contains("person files"))
        .collect();
    let natural = overview.iter().map(|l| l.chars().count()).max().unwrap();
    assert_eq!(natural, 80, "{wide}");
    for width in [natural as u16, 81, 85, 89, 90, 100, 120] {
        let text = at_width(width, &args);
        let lines: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("Owner"))
            .take(overview.len())
            .collect();
        assert_eq!(lines, overview, "at {width} columns:\n{text}");
    }
}
