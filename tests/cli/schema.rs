//! `okr schema`: the committed copy is current, and the schema agrees with the
//! loader: it accepts every shipped and valid fixture file and rejects each
//! invalid fixture that `okr check` rejects.

use std::fs;
use std::path::{Path, PathBuf};

use okr::model::{OwnerKind, Slug};
use serde_json::Value;

use crate::support::*;

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&okr::model::schema::okr_file_schema().to_value())
        .expect("valid draft-07")
}

/// Every `*.yaml` file below `dir`, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A YAML document as the JSON an editor's language server checks.
fn as_json(yaml: &str) -> Value {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("YAML");
    serde_json::to_value(value).expect("JSON")
}

fn schema_errors(validator: &jsonschema::Validator, yaml: &str) -> Vec<String> {
    let instance = as_json(yaml);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let output = okr().arg("schema").output().expect("okr runs");
    assert!(output.status.success());
    let committed = fs::read(shipped_okrs().join("okr.schema.json")).unwrap_or_default();
    assert!(
        output.stdout == committed,
        "okrs/okr.schema.json is out of date with the model; regenerate it with\n\
         \n    cargo run -- schema > okrs/okr.schema.json\n"
    );
}

#[test]
fn prints_draft_07_with_descriptions() {
    let output = okr().arg("schema").output().expect("okr runs");
    expect_code(&output, 0);
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    let grade = &schema["definitions"]["KeyResult"]["properties"]["grade"];
    assert_eq!(
        (&grade["minimum"], &grade["maximum"]),
        (&0.into(), &1.into())
    );
    assert!(grade["description"].as_str().is_some_and(|d| !d.is_empty()));
}

#[test]
fn accepts_every_shipped_and_valid_fixture_file() {
    let validator = validator();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // Fixtures meant to be valid live in folders named `valid`.
    let valid_fixtures = yaml_files(&fixtures)
        .into_iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "valid"));
    let files: Vec<PathBuf> = yaml_files(&shipped_okrs())
        .into_iter()
        .chain(valid_fixtures)
        .collect();
    assert!(files.len() >= 10, "{files:?}");
    let mut failures = Vec::new();
    for path in &files {
        let errors = schema_errors(&validator, &fs::read_to_string(path).unwrap());
        if !errors.is_empty() {
            failures.push(format!("{}: {errors:#?}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn accepts_the_templates_of_init_and_new() {
    let validator = validator();
    let quarter = "2027-Q1".parse().unwrap();
    for kind in [OwnerKind::Company, OwnerKind::Team, OwnerKind::Person] {
        let name = Slug::parse("x").unwrap();
        let path = okr::template::relative_path(kind, &name, quarter);
        let text = okr::template::okr_file(kind, &name, quarter, &path);
        assert_eq!(
            schema_errors(&validator, &text),
            Vec::<String>::new(),
            "{kind}"
        );
    }
}

#[test]
fn rejects_every_invalid_fixture_like_okr_check_does() {
    let validator = validator();
    let files = yaml_files(&fixture_path("schema/invalid"));
    // One per kind of mistake the issue names, and those a schema can say besides.
    for name in [
        "grade-out-of-range",
        "grade-as-string",
        "confidence-out-of-range",
        "unknown-key",
        "missing-target",
        "target-not-a-number",
        "weight-zero",
        "current-and-checkins",
        "two-owners",
        "bad-slug",
        "bad-quarter",
        "bad-date",
        "bad-aligns",
        "date-month-13",
        "date-month-00",
        "date-day-32",
    ] {
        assert!(
            files.iter().any(|p| p.ends_with(format!("{name}.yaml"))),
            "{name}"
        );
    }
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            !schema_errors(&validator, &text).is_empty(),
            "the schema accepts {}",
            path.display()
        );
        Okrs::new()
            .raw("2026-Q4/devrel.yaml", text.as_bytes())
            .okr(&["check"])
            .assert()
            .code(1);
    }
}

#[test]
fn every_shipped_file_points_at_the_schema() {
    let root = shipped_okrs();
    for path in yaml_files(&root) {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let first_line = fs::read_to_string(&path)
            .unwrap()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            first_line,
            okr::model::schema::modeline(&okr::template::schema_reference(&relative)),
            "{relative}"
        );
    }
}

#[test]
fn covers_the_check_fixtures_too() {
    let validator = validator();
    let neighbour = fs::read_to_string(fixture_path("neighbour.yaml")).unwrap();
    assert_eq!(schema_errors(&validator, &neighbour), Vec::<String>::new());
    // The error fixtures of `okr check` whose mistake a schema can express.
    // (Equal target and baseline, duplicate ids or owners, impossible or
    // repeated dates and `aligns` targets need the loader's own checks.)
    for name in [
        "wrong-type-grade",
        "wrong-type-target",
        "unknown-key",
        "missing-key",
        "bad-quarter",
        "no-owner",
        "ambiguous-owner",
        "bad-slug",
        "grade-range",
        "confidence-range",
        "weight-zero",
        "current-and-checkins",
    ] {
        let text = fs::read_to_string(fixture_path(&format!("errors/{name}.yaml"))).unwrap();
        assert!(
            !schema_errors(&validator, &text).is_empty(),
            "the schema accepts errors/{name}.yaml"
        );
    }
}

#[test]
fn printed_schema_has_the_editor_keywords() {
    let output = okr().arg("schema").output().expect("okr runs");
    expect_code(&output, 0);
    let schema: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(schema["title"], "OKR file");
    assert!(schema["$comment"]
        .as_str()
        .is_some_and(|c| c.contains(env!("CARGO_PKG_VERSION"))));
    for name in ["Objective", "KeyResult", "Checkin"] {
        let definition = &schema["definitions"][name];
        assert!(definition["title"].is_string(), "{name}");
        assert!(
            definition["defaultSnippets"][0]["body"].is_object(),
            "{name}"
        );
    }
    assert!(schema["properties"]["quarter"]["markdownDescription"]
        .as_str()
        .is_some_and(|d| d.contains("fiscal")));
    let weight = &schema["definitions"]["KeyResult"]["properties"]["weight"];
    assert_eq!(
        (weight.get("default"), &weight["examples"][0]),
        (None, &1.into())
    );
}

#[test]
fn rejects_a_thirteenth_month_as_you_type() {
    let validator = validator();
    let file = |date: &str| {
        format!(
            "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n        checkins:\n          - date: {date}\n            value: 1\n"
        )
    };
    assert_eq!(
        schema_errors(&validator, &file("2026-10-06")),
        Vec::<String>::new()
    );
    assert_eq!(
        schema_errors(&validator, &file("2026-10-6")),
        Vec::<String>::new()
    );
    for date in ["2026-13-01", "2026-00-01", "2026-10-32"] {
        let errors = schema_errors(&validator, &file(date));
        assert_eq!(errors.len(), 1, "{date}: {errors:?}");
        assert!(errors[0].contains("/checkins/0/date"), "{errors:?}");
    }
}

/// A valid person file with a team, every optional key of every level set.
fn full_file() -> Value {
    serde_json::json!({
        "quarter": "2026-Q4",
        "person": "alice",
        "team": "web",
        "objectives": [{
            "id": "fast",
            "title": "The site feels fast",
            "committed": false,
            "aligns": "acme/happy-users",
            "notes": "a note",
            "reflection": "learned",
            "key_results": [{
                "id": "p95",
                "title": "p95 latency falls from 900 to 400 ms",
                "baseline": 900,
                "target": 400,
                "unit": "ms",
                "owner": "alice",
                "weight": 2,
                "checkins": [{ "date": "2026-10-06", "value": 880, "confidence": 0.5, "note": "started" }],
                "grade": 0.7,
                "reflection": "learned",
            }],
        }],
    })
}

/// The key of every level: `(level, key)` where level is the JSON pointer of
/// the object that holds it.
const KEYS: [(&str, &str); 24] = [
    ("", "quarter"),
    ("", "person"),
    ("", "team"),
    ("", "objectives"),
    ("/objectives/0", "id"),
    ("/objectives/0", "title"),
    ("/objectives/0", "committed"),
    ("/objectives/0", "aligns"),
    ("/objectives/0", "notes"),
    ("/objectives/0", "reflection"),
    ("/objectives/0", "key_results"),
    ("/objectives/0/key_results/0", "id"),
    ("/objectives/0/key_results/0", "title"),
    ("/objectives/0/key_results/0", "baseline"),
    ("/objectives/0/key_results/0", "target"),
    ("/objectives/0/key_results/0", "unit"),
    ("/objectives/0/key_results/0", "owner"),
    ("/objectives/0/key_results/0", "weight"),
    ("/objectives/0/key_results/0", "checkins"),
    ("/objectives/0/key_results/0", "grade"),
    ("/objectives/0/key_results/0", "reflection"),
    ("/objectives/0/key_results/0/checkins/0", "date"),
    ("/objectives/0/key_results/0/checkins/0", "value"),
    ("/objectives/0/key_results/0/checkins/0", "confidence"),
];

/// Every key left empty (`key:`), set to `~`, `""`, `" "` or `[]`, and the
/// `current`, `note` and `dropped` keys too: the schema an editor checks
/// with and `okr check` give the same verdict on each. (A template's
/// placeholder `grade:` is "not graded yet" for both.)
#[test]
fn schema_and_check_agree_on_every_empty_value() {
    let validator = validator();
    let mut cases: Vec<(String, String, Value)> = Vec::new();
    let empties = [Value::Null, "".into(), " ".into(), serde_json::json!([])];
    for (level, key) in KEYS {
        for empty in &empties {
            let mut file = full_file();
            file.pointer_mut(level).unwrap()[key] = empty.clone();
            cases.push((format!("{level}/{key}"), empty.to_string(), file));
        }
    }
    let kr = "/objectives/0/key_results/0";
    for (key, extra) in [("current", true), ("dropped", false), ("note", false)] {
        for empty in &empties {
            let mut file = full_file();
            let holder = if key == "note" {
                format!("{kr}/checkins/0")
            } else {
                kr.to_string()
            };
            let object = file.pointer_mut(&holder).unwrap();
            if extra {
                object.as_object_mut().unwrap().remove("checkins");
            }
            object[key] = empty.clone();
            cases.push((format!("{holder}/{key}"), empty.to_string(), file));
        }
    }
    let mut disagree = Vec::new();
    for (what, empty, file) in cases {
        // Written the way people write it: `key:` for null.
        let yaml = serde_yaml::to_string(&file)
            .unwrap()
            .replace(": null\n", ":\n");
        let schema_ok = validator.is_valid(&as_json(&yaml));
        let dir = Okrs::new().file("2026-Q4/people/alice.yaml", &yaml).file(
            "2026-Q4/acme.yaml",
            &valid_team("acme", "2026-Q4").replace("team:", "company:"),
        );
        let out = dir.okr(&["check", "--format", "json"]).output().unwrap();
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let check_ok = !json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error" && d["file"].as_str().unwrap().contains("alice"));
        if schema_ok != check_ok {
            disagree.push(format!(
                "{what} = {empty}: schema {}, check {}: {}",
                if schema_ok { "accepts" } else { "rejects" },
                if check_ok { "accepts" } else { "rejects" },
                json["diagnostics"]
            ));
        }
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
}
