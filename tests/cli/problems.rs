//! Every problem of a file in one run (`docs/format.md#checks`): a bad value
//! (`grade: 70`, `weight: 0`, `dropped: true`, `owner: Alice`, any bad scalar
//! of an optional key, an unknown key) does not hide the file's other
//! problems, and nothing is reported twice.

use serde_json::Value;

use crate::support::*;

/// A file with four problems the per-file and cross-file rules find (a target
/// equal to its baseline, a duplicate objective id, a duplicate key result
/// id, an alignment to nowhere), and room for one bad value at each level:
/// `FILE_BAD`, `OBJECTIVE_BAD`, `KR_BAD`, `CHECKIN_BAD`.
const FILE: &str = "
quarter: 2026-Q4
team: web
FILE_BAD
objectives:
  - id: fast
    title: The site feels fast
    OBJECTIVE_BAD
    key_results:
      - id: p95
        title: p95 latency falls from 900 ms to 400 ms
        baseline: 900
        target: 900
        KR_BAD
        checkins:
          - date: 2026-10-06
            value: 880
            CHECKIN_BAD
  - id: fast
    title: Pages are small
    aligns: nowhere/nothing
    key_results:
      - id: size
        title: Page weight falls from 2 MB to 1 MB
        baseline: 2
        target: 1
      - id: size
        title: Page weight falls from 3 MB to 1 MB
        baseline: 3
        target: 1
";

const OTHERS: [&str; 4] = [
    "target_equals_baseline",
    "duplicate_objective_id",
    "duplicate_key_result_id",
    "aligns_unknown_owner",
];

#[test]
fn a_bad_value_hides_no_other_problem() {
    let bad_values: [(&str, &str, &str); 19] = [
        ("KR_BAD", "grade: 70", "grade_range"),
        ("KR_BAD", "weight: 0", "weight_not_positive"),
        ("KR_BAD", "weight: -2", "weight_not_positive"),
        ("KR_BAD", "dropped: true", "dropped_without_reason"),
        ("KR_BAD", "dropped: \"\"", "dropped_without_reason"),
        ("KR_BAD", "owner: Alice", "bad_slug"),
        ("KR_BAD", "unit: [ms]", "wrong_type"),
        ("KR_BAD", "grade: \"70%\"", "wrong_type"),
        ("KR_BAD", "reflection: { a: b }", "wrong_type"),
        ("KR_BAD", "tagret: 400", "unknown_key"),
        ("CHECKIN_BAD", "confidence: 5", "confidence_range"),
        ("CHECKIN_BAD", "note: [a]", "wrong_type"),
        ("CHECKIN_BAD", "confidance: 0.5", "unknown_key"),
        ("OBJECTIVE_BAD", "committed: maybe", "wrong_type"),
        ("OBJECTIVE_BAD", "notes: [a]", "wrong_type"),
        ("OBJECTIVE_BAD", "reflection: [3]", "wrong_type"),
        ("OBJECTIVE_BAD", "aligns: Not An Align", "bad_aligns"),
        ("FILE_BAD", "person: Alice Smith", "bad_slug"),
        ("FILE_BAD", "owner: web", "unknown_key"),
    ];
    for (place, bad, rule) in bad_values {
        let mut text = FILE.to_string();
        for slot in ["FILE_BAD", "OBJECTIVE_BAD", "KR_BAD", "CHECKIN_BAD"] {
            text = text.replace(slot, if slot == place { bad } else { "" });
        }
        // A person file would be judged as one: the bad person name goes into
        // a person's file.
        let path = if place == "FILE_BAD" && bad.starts_with("person") {
            "2026-Q4/people/alice.yaml"
        } else {
            "2026-Q4/web.yaml"
        };
        let dir = Okrs::new().file(path, &text);
        let out = dir.okr(&["check", "--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let diagnostics = json["diagnostics"].as_array().unwrap();
        let rules: Vec<&str> = diagnostics
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        let count = |r: &str| rules.iter().filter(|&&x| x == r).count();
        assert_eq!(count(rule), 1, "{bad}: {rule} in {rules:?}\n{json}");
        for r in OTHERS {
            assert_eq!(
                count(r),
                1,
                "{bad}: {r} reported {} times\n{json}",
                count(r)
            );
        }
        // Nothing twice: one diagnostic per place and rule.
        let mut seen = std::collections::HashSet::new();
        for d in diagnostics {
            let key = (
                d["line"].clone(),
                d["column"].to_string(),
                d["rule"].clone(),
            );
            assert!(seen.insert(key), "{bad}: reported twice: {d}\n{json}");
        }
    }
}

/// A bad required value (a baseline that is not a number) still reports the
/// problems the walk sees, and never a false one.
#[test]
fn a_bad_required_value_reports_what_it_can_and_nothing_false() {
    let text = FILE
        .replace("baseline: 900", "baseline: sixty")
        .replace("FILE_BAD", "")
        .replace("OBJECTIVE_BAD", "")
        .replace("KR_BAD", "")
        .replace("CHECKIN_BAD", "");
    let dir = Okrs::new().file("2026-Q4/web.yaml", &text);
    let out = dir.okr(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("[wrong_type]"), "{stdout}");
    assert!(!stdout.contains("target_equals_baseline"), "{stdout}");
}
