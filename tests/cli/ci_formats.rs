//! `okr check --format github|gitlab|sarif`: the shape of each format (goldens
//! on two small files, `tests/fixtures/ci/`), escaping, fingerprints that
//! survive moved lines, SARIF validated against the SARIF 2.1.0 schema, the
//! GitHub job summary, and one exit status in every format.

use std::fs;

use serde_json::{json, Value};

use crate::support::*;

const FORMATS: &[&str] = &["text", "json", "github", "gitlab", "sarif"];

/// One error (`invalid.yaml`) and two warnings (`advice.yaml`).
fn mixed() -> Okrs {
    Okrs::new()
        .fixture("ci/invalid.yaml", "invalid.yaml")
        .fixture("ci/advice.yaml", "advice.yaml")
}

/// What `okr ARGS` printed, which must be nothing on stderr, with exit status `code`.
fn stdout(okrs: &Okrs, args: &[&str], code: i32) -> String {
    let output = okrs.okr(args).output().expect("okr runs");
    expect_code(&output, code);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn json_of(okrs: &Okrs, args: &[&str], code: i32) -> Value {
    serde_json::from_str(&stdout(okrs, args, code)).expect("JSON")
}

#[test]
fn github_prints_only_workflow_commands() {
    let expected = "\
::warning file=okrs/advice.yaml,line=12,col=9,endLine=15,endColumn=18,title=okr done_not_done::objective `fast-api`, key result `handbook`: goes from 0 to 1, a done / not-done milestone rather than a measured outcome; measure what finishing it changes instead
::warning file=okrs/advice.yaml,line=13,col=16,endLine=13,endColumn=41,title=okr activity_wording::objective `fast-api`, key result `handbook`: \"Write an on-call handbook\" describes an activity (`write`), not an outcome; name the number that changes because you write: who benefits, and what they then do differently, e.g. \"API support tickets fall from 120 to 60 a week\"
::error file=okrs/invalid.yaml,line=10,col=9,endLine=10,endColumn=15,title=okr unknown_key::objective `api-pain`, key result `tickets`: unknown key `tagret`; did you mean `target`?
";
    mixed()
        .okr(&["check", "--format", "github"])
        .env_remove("GITHUB_STEP_SUMMARY")
        .assert()
        .code(1)
        .stdout(expected)
        .stderr("");
    // No problems: nothing at all, not even a summary line.
    Okrs::new()
        .fixture("ci/advice.yaml", "advice.yaml")
        .file(
            "okr.toml",
            "[rules]\ndone_not_done = \"allow\"\nactivity_wording = \"allow\"\n",
        )
        .okr(&["check", "--strict", "--format", "github"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn github_escapes_messages_and_properties() {
    // A file name with `,`, `:` and `%`, and a key whose message quotes `%`,
    // `:`, `,` and a line break.
    let okrs = Okrs::new().raw(
        "a,b:c%.yaml",
        b"quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n        \"x%y:\\nz, w\": 3\n",
    );
    let out = stdout(&okrs, &["check", "--format", "github"], 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("::error file=okrs/a%2Cb%3Ac%25.yaml,line=9,col=9,"),
        "{out}"
    );
    assert!(out.contains(",title=okr unknown_key::"), "{out}");
    // The file's line break is shown, never decoded into a second line.
    assert!(out.contains("unknown key `x%25y:\\nz, w`"), "{out}");
}

/// A file with `n` unknown keys, one key result each.
fn many_errors(n: usize) -> String {
    let mut text =
        String::from("quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n");
    for i in 0..n {
        // At most 5 key results an objective: the size warning stays out.
        if i > 0 && i % 5 == 0 {
            text.push_str(&format!("  - id: o{}\n    key_results:\n", i / 5));
        }
        text.push_str(&format!(
            "      - id: k{i}\n        baseline: 1\n        target: 2\n        tagret: 3\n"
        ));
    }
    text
}

#[test]
fn github_appends_every_problem_to_the_job_summary_beyond_ten() {
    let okrs = Okrs::new().file("devrel.yaml", &many_errors(11));
    let summary = okrs.root().join("step-summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    let out = okrs
        .okr(&["check", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 11);
    let text = fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n### okr check\n"), "{text}");
    assert!(
        text.contains("checked 1 file: 11 errors, 0 warnings. GitHub shows at most 10"),
        "{text}"
    );
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| okrs/devrel.yaml |"))
        .collect();
    assert_eq!(rows.len(), 11, "{text}");
    assert_eq!(
        rows[0],
        "| okrs/devrel.yaml | 9 | 9 | error | `unknown_key` | objective `o`, key result `k0`: unknown key `tagret`; did you mean `target`? |"
    );

    // Ten or fewer of each kind: GitHub shows them all; the summary is left alone.
    let okrs = Okrs::new().file("devrel.yaml", &many_errors(10));
    let summary = okrs.root().join("step-summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    okrs.okr(&["check", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&summary).unwrap(), "earlier step\n");
}

#[test]
fn github_summary_that_cannot_be_written_is_a_note_not_a_failure() {
    let okrs = Okrs::new().file("devrel.yaml", &many_errors(11));
    okrs.okr(&["check", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", okrs.okrs())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "note: could not append the problem list to $GITHUB_STEP_SUMMARY",
        ));
}

#[test]
fn gitlab_is_a_code_quality_report() {
    let report = json_of(&mixed(), &["check", "--format", "gitlab"], 1);
    let activity = "objective `fast-api`, key result `handbook`: \"Write an on-call handbook\" describes an activity (`write`), not an outcome; name the number that changes because you write: who benefits, and what they then do differently, e.g. \"API support tickets fall from 120 to 60 a week\"";
    assert_eq!(
        report,
        json!([
            {
                "description": "objective `fast-api`, key result `handbook`: goes from 0 to 1, a done / not-done milestone rather than a measured outcome; measure what finishing it changes instead",
                "check_name": "done_not_done",
                "fingerprint": "06ec92d1d9b5e161",
                "severity": "minor",
                "location": { "path": "okrs/advice.yaml", "lines": { "begin": 12 } }
            },
            {
                "description": activity,
                "check_name": "activity_wording",
                "fingerprint": "ee190c907d7c56ae",
                "severity": "minor",
                "location": { "path": "okrs/advice.yaml", "lines": { "begin": 13 } }
            },
            {
                "description": "objective `api-pain`, key result `tickets`: unknown key `tagret`; did you mean `target`?",
                "check_name": "unknown_key",
                "fingerprint": "fcc8041974712e92",
                "severity": "major",
                "location": { "path": "okrs/invalid.yaml", "lines": { "begin": 10 } }
            }
        ])
    );
    let clean = Okrs::new().file("devrel.yaml", &valid_team("devrel", "2026-Q4"));
    assert_eq!(stdout(&clean, &["check", "--format", "gitlab"], 0), "[]\n");
}

/// `(fingerprint, line)` of every issue of the GitLab report.
fn fingerprints(okrs: &Okrs) -> Vec<(String, u64)> {
    json_of(okrs, &["check", "--format", "gitlab"], 1)
        .as_array()
        .expect("array")
        .iter()
        .map(|issue| {
            (
                issue["fingerprint"].as_str().expect("string").to_string(),
                issue["location"]["lines"]["begin"].as_u64().expect("line"),
            )
        })
        .collect()
}

#[test]
fn gitlab_fingerprints_survive_lines_moving() {
    let advice = fs::read_to_string(fixture_path("ci/advice.yaml")).unwrap();
    let invalid = fs::read_to_string(fixture_path("ci/invalid.yaml")).unwrap();
    let before = fingerprints(&mixed());
    // Three lines inserted near the top of each file move every problem down.
    let moved = |text: &str| text.replacen("objectives:\n", "# a comment\n\n\nobjectives:\n", 1);
    let after = fingerprints(
        &Okrs::new()
            .raw("invalid.yaml", moved(&invalid).as_bytes())
            .raw("advice.yaml", moved(&advice).as_bytes()),
    );
    assert_eq!(before.len(), 3);
    for ((fingerprint, line), (moved_fingerprint, moved_line)) in before.iter().zip(&after) {
        assert_eq!(moved_line, &(line + 3));
        assert_eq!(fingerprint, moved_fingerprint);
    }
}

#[test]
fn gitlab_fingerprints_are_unique_even_for_the_same_problem_twice() {
    // The same unknown key twice in one key result: same rule, file and subject.
    let okrs = Okrs::new().file(
        "devrel.yaml",
        "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n        tagret: 3\n        confidance: 3\n",
    );
    let two = fingerprints(&okrs);
    assert_eq!(two.len(), 2, "{two:?}");
    assert_ne!(two[0].0, two[1].0);
    assert_eq!(two, fingerprints(&okrs), "the same on every run");
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(fixture_path("sarif-schema-2.1.0.json")).expect("schema file"),
    )
    .expect("schema JSON");
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(log: &Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_is_a_valid_sarif_2_1_0_log() {
    let log = json_of(&mixed(), &["check", "--format", "sarif"], 1);
    assert_valid_sarif(&log);
    let clean = Okrs::new().file("devrel.yaml", &valid_team("devrel", "2026-Q4"));
    let empty = json_of(&clean, &["check", "--format", "sarif"], 0);
    assert_valid_sarif(&empty);
    assert_eq!(empty["runs"][0]["results"], json!([]));
    // The validator is not a rubber stamp.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_validator().is_valid(&broken));
}

#[test]
fn sarif_describes_every_rule_once_and_points_results_at_them() {
    let log = json_of(&mixed(), &["check", "--format", "sarif"], 1);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "okr");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], env!("CARGO_PKG_REPOSITORY"));
    assert!(env!("CARGO_PKG_REPOSITORY").starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    let listed = json_of(&Okrs::new(), &["check", "--rules", "--format", "json"], 0);
    let ids: Vec<&Value> = listed["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert_eq!(rules.iter().map(|r| &r["id"]).collect::<Vec<_>>(), ids);
    for rule in rules {
        assert!(rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty()));
        assert!(rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(matches!(
            rule["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning")
        ));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    assert_eq!(
        results[2],
        json!({
            "ruleId": "unknown_key",
            "ruleIndex": results[2]["ruleIndex"],
            "level": "error",
            "message": { "text": "objective `api-pain`, key result `tickets`: unknown key `tagret`; did you mean `target`?" },
            "locations": [ { "physicalLocation": {
                "artifactLocation": { "uri": "okrs/invalid.yaml" },
                "region": { "startLine": 10, "startColumn": 9, "endLine": 10, "endColumn": 15 }
            } } ],
            "partialFingerprints": { "okr/v1": "fcc8041974712e92" }
        })
    );
    assert_eq!(results[0]["level"], "warning");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn the_exit_status_is_the_same_in_every_format() {
    let invalid = || Okrs::new().fixture("ci/invalid.yaml", "invalid.yaml");
    let advice = || Okrs::new().fixture("ci/advice.yaml", "advice.yaml");
    let clean = || Okrs::new().file("devrel.yaml", &valid_team("devrel", "2026-Q4"));
    for format in FORMATS {
        let cases: [(Okrs, bool, i32); 5] = [
            (invalid(), false, 1),
            (invalid(), true, 1),
            (advice(), false, 0),
            (advice(), true, 1),
            (clean(), true, 0),
        ];
        for (okrs, strict, code) in cases {
            let mut args = vec!["check", "--format", format];
            if strict {
                args.push("--strict");
            }
            okrs.okr(&args)
                .env_remove("GITHUB_STEP_SUMMARY")
                .assert()
                .code(code);
        }
    }
}
