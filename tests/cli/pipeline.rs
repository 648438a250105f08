//! The redesign's promises, end to end: one number format in every view and
//! format, diagnostics with identity, and `grade --as-of`.

use serde_json::Value;

use crate::support::Okrs;

/// One objective whose mean is 0.625 (0.5 and 0.75), and one at exactly 0.4
/// computed as 0.3999999999999999 (0.7 − 0.3 over a span of 1).
const FILE: &str = "
quarter: 2026-Q4
team: web
objectives:
  - id: mean
    key_results:
      - { id: half, title: Errors fall from 10 to 0, baseline: 10, target: 0, current: 5, grade: 0.5 }
      - { id: most, title: Signups rise from 0 to 4, baseline: 0, target: 4, current: 3, grade: 0.75 }
  - id: edge
    key_results:
      - { id: four, title: Uptime rises from 0.3 to 1.3, baseline: 0.3, target: 1.3, current: 0.7 }
";

fn run(okrs: &Okrs, args: &[&str]) -> (i32, String) {
    let output = okrs.okr(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn status_and_grade_print_the_same_two_decimals_and_bands() {
    let okrs = Okrs::new().file("web.yaml", FILE);
    let (code, status) = run(&okrs, &["status", "--as-of", "2026-11-21"]);
    assert_eq!(code, 0, "{status}");
    let (code, grade) = run(&okrs, &["grade", "--as-of", "2026-11-21"]);
    assert_eq!(code, 0, "{grade}");
    // The objective mean 0.625 is 0.63 in both views.
    assert!(status.contains("0.63"), "{status}");
    assert!(grade.contains("0.63"), "{grade}");
    // 0.3999999999999999 prints 0.40 and is yellow, not red.
    let (_, json) = run(
        &okrs,
        &["status", "--as-of", "2026-11-21", "--format", "json"],
    );
    let view: Value = serde_json::from_str(&json).unwrap();
    let edge = &view["owners"][0]["objectives"][1];
    assert_eq!(edge["id"], "edge");
    assert_eq!(edge["band"], "yellow", "{edge}");
    assert_eq!(edge["score"], 0.4, "rounded to 6 decimals in JSON");
    assert!(status.contains("0.40"), "{status}");
    let (_, json) = run(
        &okrs,
        &["grade", "--as-of", "2026-11-21", "--format", "json"],
    );
    let view: Value = serde_json::from_str(&json).unwrap();
    let four = &view["owners"][0]["objectives"][1]["key_results"][0];
    assert_eq!(four["progress"], 0.4, "{four}");
    assert_eq!(four["suggested_grade"], 0.4, "{four}");
    assert_eq!(four["band"], "yellow", "{four}");
}

#[test]
fn no_json_number_ends_in_dot_zero_or_is_minus_zero() {
    let shipped = crate::support::shipped_okrs();
    for args in [
        vec![
            "status",
            "--include-personal",
            "--as-of",
            "2026-11-21",
            "--format",
            "json",
        ],
        vec![
            "grade",
            "--include-personal",
            "--quarter",
            "2026-Q3",
            "--format",
            "json",
        ],
        vec![
            "grade",
            "--include-personal",
            "--as-of",
            "2026-11-21",
            "--format",
            "json",
        ],
    ] {
        let output = crate::support::okr()
            .arg("--dir")
            .arg(&shipped)
            .args(&args)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut numbers = Vec::new();
        collect_numbers(&value, &mut numbers);
        assert!(!numbers.is_empty());
        for n in numbers {
            let shown = n.to_string();
            assert!(!shown.ends_with(".0"), "{args:?}: {shown}");
            assert!(shown != "-0", "{args:?}");
            let decimals = shown.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 6, "{args:?}: {shown} has more than 6 decimals");
        }
    }
}

fn collect_numbers(value: &Value, out: &mut Vec<serde_json::Number>) {
    match value {
        Value::Number(n) => out.push(n.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_numbers(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_numbers(v, out)),
        _ => {}
    }
}

#[test]
fn check_json_diagnostics_have_a_rule_and_an_end() {
    let okrs = Okrs::new().file(
        "web.yaml",
        "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - { id: k, baseline: 5, target: 5 }\n",
    );
    let (code, json) = run(&okrs, &["check", "--format", "json"]);
    assert_eq!(code, 1, "{json}");
    let view: Value = serde_json::from_str(&json).unwrap();
    let d = &view["diagnostics"][0];
    assert_eq!(d["rule"], "target_equals_baseline", "{d}");
    assert_eq!(d["line"], 6);
    assert_eq!(d["column"], 39);
    assert_eq!(d["end_line"], 6);
    assert_eq!(d["end_column"], 40, "exclusive: just past the `5`");
    let (_, text) = run(&okrs, &["check"]);
    assert!(
        text.starts_with("okrs/web.yaml:6:39: error: objective `o`, key result `k`: target 5 equals the baseline"),
        "{text}"
    );
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(" [target_equals_baseline]"),
        "{text}"
    );
}

#[test]
fn check_rules_lists_every_rule_with_severity_and_description() {
    let okrs = Okrs::new();
    let (code, text) = run(&okrs, &["check", "--rules"]);
    assert_eq!(code, 0);
    for line in [
        "unknown_key",
        "activity_wording",
        "ungraded_after_quarter_end",
        "aligns_loop",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let (_, json) = run(&okrs, &["check", "--rules", "--format", "json"]);
    let view: Value = serde_json::from_str(&json).unwrap();
    let rules = view["rules"].as_array().unwrap();
    assert!(rules.len() > 30);
    assert!(rules
        .iter()
        .all(|r| r["description"].as_str().is_some_and(|d| !d.is_empty())));
}

/// A committed key result checked in after its quarter's end.
const Q3: &str = "
quarter: 2026-Q3
team: web
objectives:
  - id: o
    key_results:
      - id: k
        title: Errors fall from 10 to 0
        baseline: 10
        target: 0
        checkins:
          - { date: 2026-08-01, value: 8 }
          - { date: 2026-10-10, value: 2 }
";

#[test]
fn grade_as_of_ignores_later_checkins_and_judges_the_end_against_that_day() {
    let okrs = Okrs::new().file("web.yaml", Q3);
    let during = |as_of: &str| -> Value {
        let (code, json) = run(
            &okrs,
            &[
                "grade",
                "--quarter",
                "2026-Q3",
                "--as-of",
                as_of,
                "--format",
                "json",
            ],
        );
        assert_eq!(code, 0, "{json}");
        serde_json::from_str(&json).unwrap()
    };
    let running = during("2026-09-15");
    let kr = &running["owners"][0]["objectives"][0]["key_results"][0];
    assert_eq!(running["ended"], false);
    assert_eq!(kr["current"], 8, "the October check-in is after --as-of");
    assert_eq!(
        kr["flags"],
        serde_json::json!([]),
        "not ungraded before the end"
    );
    let over = during("2026-10-20");
    let kr = &over["owners"][0]["objectives"][0]["key_results"][0];
    assert_eq!(over["ended"], true);
    assert_eq!(kr["current"], 2);
    assert_eq!(
        kr["flags"],
        serde_json::json!(["ungraded_after_quarter_end"])
    );
    let d = &over["diagnostics"][0];
    assert_eq!(d["rule"], "ungraded_after_quarter_end");
    assert_eq!(d["line"], 6, "positioned at the key result's id: {d}");
}
