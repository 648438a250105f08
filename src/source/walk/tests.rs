//! Every rule of the walk, positions, bounds, and agreement with the typed parse.

use super::*;

use std::path::Path;

use crate::model::OkrFile;

/// (rule, line, column, end column, message) of each problem.
fn found(source: &str) -> Vec<(Rule, usize, usize, usize, String)> {
    all_errors(source)
        .into_iter()
        .map(|f| {
            (
                f.rule,
                f.span.start.line,
                f.span.start.column,
                f.span.end.column,
                f.message,
            )
        })
        .collect()
}

fn rules(source: &str) -> Vec<Rule> {
    all_errors(source).into_iter().map(|f| f.rule).collect()
}

fn messages(source: &str) -> Vec<String> {
    all_errors(source).into_iter().map(|f| f.message).collect()
}

/// A valid file with `kr` as the body of its one key result (indented 8).
fn with_key_result(kr: &str) -> String {
    format!(
        "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: api-pain\n    key_results:\n      - id: tickets\n{kr}"
    )
}

const PLACE: &str = "objective `api-pain`, key result `tickets`: ";

#[test]
fn walk_three_errors_on_three_lines_in_one_run() {
    let source = with_key_result(
        "        baseline: 120\n        target: 60\n        tagret: 60\n        grade: \"70%\"\n        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 7\n",
    );
    assert_eq!(
        found(&source),
        [
            (
                Rule::UnknownKey,
                9,
                9,
                15,
                format!("{PLACE}unknown key `tagret`; did you mean `target`?")
            ),
            (
                Rule::WrongType,
                10,
                16,
                21,
                format!("{PLACE}`grade` must be a number from 0.0 to 1.0, not the text `70%`; write the fraction 0.7")
            ),
            (
                Rule::ConfidenceRange,
                14,
                25,
                26,
                "objective `api-pain`, key result `tickets`, check-in `2026-10-06`: confidence 7 is outside 0.0–1.0; did you mean 0.7?".to_string()
            ),
        ]
    );
}

#[test]
fn walk_valid_files_give_nothing() {
    assert_eq!(found(include_str!("../../../okrs/2026-Q4/devrel.yaml")), []);
    assert_eq!(found(include_str!("../../../okrs/2026-Q4/acme.yaml")), []);
    assert_eq!(
        found(include_str!("../../../okrs/2026-Q4/platform.yaml")),
        []
    );
    assert_eq!(
        found(include_str!("../../../okrs/2026-Q4/people/alice.yaml")),
        []
    );
    assert_eq!(
        found(include_str!("../../../tests/fixtures/neighbour.yaml")),
        []
    );
    // Quoted ids and dates, numbers as ids, flow style, optional nulls.
    let source = "quarter: \"2026-Q4\"\nteam: 'devrel'\nobjectives:\n  - {id: 1, key_results: [{id: \"2\", baseline: 0, target: 1e3, weight: 0.5, grade: 1, title: 60, unit: ~, owner: null, current: 3}]}\n  - id: b\n    committed: true\n    key_results:\n      - id: c\n        baseline: -1.5\n        target: +2\n        checkins:\n          - { date: \"2026-10-06\", value: 0x10, confidence: 0 }\n        dropped: |\n          Replaced.\n";
    assert_eq!(found(source), []);
}

#[test]
fn walk_empty_documents_are_left_to_the_caller() {
    assert_eq!(found(""), []);
    assert_eq!(found("# only a comment\n"), []);
    assert_eq!(found("~\n"), []);
    // Not valid YAML: the syntax error is reported elsewhere.
    assert_eq!(found("a: [1\n"), []);
}

#[test]
fn walk_missing_keys_at_every_level() {
    // The file: at its first key.
    assert_eq!(
        found("# comment\nteam: devrel\n"),
        [
            (
                Rule::MissingKey,
                2,
                1,
                5,
                "`quarter` is missing: add `quarter: YYYY-Qn`, e.g. `quarter: 2026-Q4`".to_string()
            ),
            (
                Rule::MissingKey,
                2,
                1,
                5,
                "`objectives` is missing: add `objectives:` with the owner's objectives"
                    .to_string()
            ),
        ]
    );
    // An objective, a key result and a check-in: at the item's `-`.
    let source = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - title: Stop the pain\n  - id: b\n    key_results:\n      -   title: x\n      - id: k\n        baseline: 1\n        target: 2\n        checkins:\n          - { value: 1 }\n          -\n            date: 2026-10-06\n";
    assert_eq!(
        found(source),
        [
            (Rule::MissingKey, 4, 3, 4, "objective #1: `id` is missing: add `id:` with a short name such as `api-pain`".to_string()),
            (Rule::MissingKey, 4, 3, 4, "objective #1: `key_results` is missing: add `key_results:` with the numbers that show the objective is met".to_string()),
            (Rule::MissingKey, 7, 7, 8, "objective `b`, key result #1: `id` is missing: add `id:` with a short name such as `api-pain`".to_string()),
            (Rule::MissingKey, 7, 7, 8, "objective `b`, key result #1: `baseline` is missing: add `baseline: NUMBER`, the metric's value when the quarter starts".to_string()),
            (Rule::MissingKey, 7, 7, 8, "objective `b`, key result #1: `target` is missing: add `target: NUMBER`, the value the key result aims for".to_string()),
            (Rule::MissingKey, 12, 11, 12, "objective `b`, key result `k`, check-in #1: `date` is missing: add `date: YYYY-MM-DD`".to_string()),
            (Rule::MissingKey, 13, 11, 12, "objective `b`, key result `k`, check-in `2026-10-06`: `value` is missing: add `value: NUMBER`, the measured value".to_string()),
        ]
    );
    // Items of a flow list have no `-`: at the `{`.
    let source = "quarter: 2026-Q4\nteam: devrel\nobjectives: [ {id: a} ]\n";
    assert_eq!(
        found(source),
        [(Rule::MissingKey, 3, 15, 16, "objective `a`: `key_results` is missing: add `key_results:` with the numbers that show the objective is met".to_string())]
    );
}

#[test]
fn walk_duplicate_keys_at_the_second_occurrence() {
    let source = with_key_result(
        "        baseline: 1\n        target: 2\n        target: 3\n        tagret: 4\n        tagret: 5\n",
    );
    assert_eq!(
        found(&source),
        [
            (
                Rule::DuplicateKey,
                9,
                9,
                15,
                format!("{PLACE}`target` is given twice; keep one")
            ),
            (
                Rule::UnknownKey,
                10,
                9,
                15,
                format!("{PLACE}unknown key `tagret`; did you mean `target`?")
            ),
            (
                Rule::UnknownKey,
                11,
                9,
                15,
                format!("{PLACE}unknown key `tagret`; did you mean `target`?")
            ),
        ]
    );
    let source = "quarter: 2026-Q4\nteam: a\nteam: b\nobjectives: [{id: a, key_results: [{id: k, baseline: 0, target: 1}]}]\n";
    assert_eq!(
        found(source),
        [(
            Rule::DuplicateKey,
            3,
            1,
            5,
            "`team` is given twice; keep one".to_string()
        )]
    );
}

#[test]
fn walk_unknown_keys_suggest_or_list() {
    assert_eq!(
        messages("quarter: 2026-Q4\nteam: a\nobjectivs: []\ndeadline: 2026-12-31\n"),
        [
            // The missing `objectives` is the misspelt one: said once.
            "unknown key `objectivs`; did you mean `objectives`?",
            "unknown key `deadline`; the keys allowed here are quarter, company, team, person, objectives",
        ]
    );
}

#[test]
fn findings_carry_the_key_the_suggestion_and_the_fix() {
    let source = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 0\n        tagret: 4\n        current: \"2.5%\"\n";
    let all = all_errors(source);
    let unknown = all.iter().find(|f| f.rule == Rule::UnknownKey).unwrap();
    assert_eq!(unknown.key.as_deref(), Some("tagret"));
    assert_eq!(unknown.suggestion.as_deref(), Some("target"));
    let fix = unknown.fix.as_ref().unwrap();
    assert_eq!(fix.text, "target");
    assert_eq!((fix.span.start.line, fix.span.start.column), (8, 9));
    assert_eq!(fix.span.end.column, 15);
    // The key it stands for is not also reported missing.
    assert!(all.iter().all(|f| f.rule != Rule::MissingKey), "{all:?}");
    let number = all.iter().find(|f| f.rule == Rule::WrongType).unwrap();
    let fix = number.fix.as_ref().unwrap();
    assert_eq!(fix.text, "2.5");
    assert_eq!((fix.span.start.line, fix.span.start.column), (9, 18));
    // A key with no near match has no fix, and another missing key is reported.
    let all = all_errors("quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: o\n    zzzzzz: 1\n");
    let unknown = all.iter().find(|f| f.rule == Rule::UnknownKey).unwrap();
    assert_eq!(
        (unknown.suggestion.as_ref(), unknown.fix.as_ref()),
        (None, None)
    );
    let missing = all.iter().find(|f| f.rule == Rule::MissingKey).unwrap();
    assert_eq!(missing.key.as_deref(), Some("key_results"));
}

#[test]
fn walk_empty_lists() {
    let source = "quarter: 2026-Q4\nteam: devrel\nobjectives: []\n";
    assert_eq!(
        found(source),
        [(
            Rule::EmptyList,
            3,
            13,
            15,
            "`objectives` is an empty list: add the owner's objectives, each starting with `- id:`"
                .to_string()
        )]
    );
    let source = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: a\n    key_results: []\n  - id: b\n    key_results:\n";
    assert_eq!(
        found(source),
        [
            (Rule::EmptyList, 5, 18, 20, "objective `a`: `key_results` is an empty list: add the numbers that show the objective is met, each starting with `- id:`".to_string()),
            (Rule::EmptyList, 7, 5, 16, "objective `b`: `key_results` is empty: add the numbers that show the objective is met, each starting with `- id:`".to_string()),
        ]
    );
    // An empty check-in history is allowed.
    assert_eq!(
        found(&with_key_result(
            "        baseline: 1\n        target: 2\n        checkins: []\n"
        )),
        []
    );
}

#[test]
fn walk_dropped_needs_a_reason() {
    for (dropped, column, end) in [
        ("dropped: true", 18, 22),
        ("dropped: \"\"", 18, 20),
        ("dropped: '  '", 18, 22),
        ("dropped:", 9, 16),
        ("dropped: ~", 9, 16),
    ] {
        let source = with_key_result(&format!(
            "        baseline: 1\n        target: 2\n        {dropped}\n"
        ));
        let all = found(&source);
        assert_eq!(all.len(), 1, "{dropped}: {all:?}");
        let (rule, line, col, end_col, message) = &all[0];
        assert_eq!(
            (*rule, *line, *col, *end_col),
            (Rule::DroppedWithoutReason, 9, column, end),
            "{dropped}"
        );
        assert!(message.starts_with(PLACE), "{message}");
        assert!(
            message.contains("write why the key result was dropped"),
            "{message}"
        );
    }
    assert_eq!(
        found(&with_key_result(
            "        baseline: 1\n        target: 2\n        dropped: Replaced by the SDK\n"
        )),
        []
    );
    assert_eq!(
        messages(&with_key_result(
            "        baseline: 1\n        target: 2\n        dropped: [a]\n"
        )),
        [format!("{PLACE}`dropped` must be text, not a list")]
    );
}

/// The message for `key: value` in a key result (one problem expected).
fn kr_message(key: &str, value: &str) -> (Rule, String) {
    let mut body = String::new();
    for (k, v) in [("baseline", "1"), ("target", "2")] {
        if k != key {
            body.push_str(&format!("        {k}: {v}\n"));
        }
    }
    body.push_str(&format!("        {key}: {value}\n"));
    let all = all_errors(&with_key_result(&body));
    assert_eq!(all.len(), 1, "{key}: {value}: {all:?}");
    let f = all.into_iter().next().unwrap();
    let message = f.message.strip_prefix(PLACE).unwrap().to_string();
    (f.rule, message)
}

#[test]
fn walk_numbers_written_as_text_keep_their_scale() {
    let wrong = |key: &str, value: &str| {
        let (rule, message) = kr_message(key, value);
        assert_eq!(rule, Rule::WrongType, "{message}");
        message
    };
    assert_eq!(
        wrong("baseline", "\"2.5%\""),
        "`baseline` must be a number, not the text `2.5%`; write 2.5 and keep the unit in `unit:`"
    );
    assert_eq!(
        wrong("target", "2.5%"),
        "`target` must be a number, not the text `2.5%`; write 2.5 and keep the unit in `unit:`"
    );
    assert!(!wrong("current", "\"2.5 %\"").contains("0.025"));
    assert_eq!(
        wrong("target", "95ms"),
        "`target` must be a number, not the text `95ms`; write 95 and put `ms` in `unit:`"
    );
    assert_eq!(
        wrong("current", "$2.5"),
        "`current` must be a number, not the text `$2.5`; write 2.5 and put `$` in `unit:`"
    );
    assert_eq!(
        wrong("target", "3,1"),
        "`target` must be a number, not the text `3,1`; use a decimal point: 3.1"
    );
    assert_eq!(
        wrong("target", "1_000"),
        "`target` must be a number, not the text `1_000`; write 1000"
    );
    assert_eq!(
        wrong("target", "\"60\""),
        "`target` must be a number, not the text `60`; remove the quotes"
    );
    assert_eq!(
        wrong("target", "sixty"),
        "`target` must be a number, not the text `sixty`"
    );
    assert_eq!(
        wrong("target", "true"),
        "`target` must be a number, not `true`"
    );
    assert_eq!(wrong("target", ""), "`target` is empty: write a number");
    assert_eq!(
        wrong("target", "[1, 2]"),
        "`target` must be a number, not a list"
    );
    assert_eq!(wrong("target", ".nan"), "`target` must be a finite number");
    // Fractions are for grades and confidences.
    assert_eq!(
        wrong("grade", "70%"),
        "`grade` must be a number from 0.0 to 1.0, not the text `70%`; write the fraction 0.7"
    );
    assert_eq!(
        wrong("grade", "\"0,7\""),
        "`grade` must be a number from 0.0 to 1.0, not the text `0,7`; use a decimal point: 0.7"
    );
    assert_eq!(
        wrong("weight", "\"2\""),
        "`weight` must be a number greater than 0, not the text `2`; remove the quotes"
    );
}

#[test]
fn walk_value_rules_use_the_models_messages() {
    assert_eq!(
        kr_message("grade", "70"),
        (
            Rule::GradeRange,
            "grade 70 is outside 0.0–1.0; did you mean 0.7?".to_string()
        )
    );
    assert_eq!(
        kr_message("weight", "0"),
        (
            Rule::WeightNotPositive,
            "weight 0 must be greater than 0; to stop counting a key result, mark it `dropped: REASON` instead".to_string()
        )
    );
    assert_eq!(kr_message("weight", "-1").0, Rule::WeightNotPositive);
    assert_eq!(
        kr_message("owner", "Alice Smith"),
        (
            Rule::BadSlug,
            "invalid `owner`: `Alice Smith` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `alice-smith`".to_string()
        )
    );
    assert_eq!(
        kr_message("confidence", "0.5").1,
        "unknown key `confidence`; the keys allowed here are id, title, baseline, target, unit, owner, weight, current, checkins, grade, reflection, dropped"
    );
    let source = "quarter: 2026-Q5\nteam: Dev Rel\nobjectives:\n  - id: API\n    committed: yes\n    aligns: acme\n    key_results:\n      - id: k\n        baseline: 0\n        target: 1\n        checkins:\n          - { date: 2026-02-30, value: 1, confidence: 1.5 }\n          - { date: 06/10/2026, value: 1, confidence: 70 }\n";
    assert_eq!(
        found(source),
        [
            (Rule::BadQuarter, 1, 10, 17, "invalid `quarter`: `2026-Q5` is not a quarter: write YYYY-Qn with n from 1 to 4, e.g. `2026-Q4`".to_string()),
            (Rule::BadSlug, 2, 7, 14, "invalid `team`: `Dev Rel` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `dev-rel`".to_string()),
            (Rule::BadSlug, 4, 9, 12, "objective `API`: invalid `id`: `API` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `api`".to_string()),
            (Rule::WrongType, 5, 16, 19, "objective `API`: `committed` must be `true` or `false`, not the text \"yes\"".to_string()),
            (Rule::BadAligns, 6, 13, 17, "objective `API`: invalid `aligns`: `acme` is not OWNER/OBJECTIVE-ID; write e.g. `acme/developer-love`".to_string()),
            (Rule::BadDate, 12, 21, 31, "objective `API`, key result `k`, check-in `2026-02-30`: invalid `date`: `2026-02-30` is not a real date: that day does not exist".to_string()),
            (Rule::ConfidenceRange, 12, 55, 58, "objective `API`, key result `k`, check-in `2026-02-30`: confidence 1.5 is outside 0.0–1.0".to_string()),
            (Rule::BadDate, 13, 21, 31, "objective `API`, key result `k`, check-in `06/10/2026`: invalid `date`: `06/10/2026` is not a date: write YYYY-MM-DD, e.g. `2026-10-06`".to_string()),
            (Rule::ConfidenceRange, 13, 55, 57, "objective `API`, key result `k`, check-in `06/10/2026`: confidence 70 is outside 0.0–1.0; did you mean 0.7?".to_string()),
        ]
    );
    // Empty required values.
    assert_eq!(
        rules("quarter:\nteam: a\nobjectives:\n  - id:\n    key_results:\n      - { id: k, baseline: 0, target: 1, checkins: [{date: , value: 1}] }\n    committed:\n"),
        [Rule::BadQuarter, Rule::BadSlug, Rule::BadDate, Rule::WrongType]
    );
}

#[test]
fn walk_wrong_shapes() {
    assert_eq!(
        found("- a\n- b\n"),
        [(Rule::WrongType, 1, 1, 2, "expected a mapping with `quarter:`, an owner (`team:`, `person:` or `company:`) and `objectives:` here, not a list".to_string())]
    );
    let source = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - api-pain\n  - id: b\n    title: [x]\n    key_results: {id: k}\n";
    assert_eq!(
        found(source),
        [
            (Rule::WrongType, 4, 5, 13, "objective #1: expected an objective: a mapping with `id:`, `title:` and `key_results:` here, not the text \"api-pain\"".to_string()),
            (Rule::WrongType, 6, 12, 15, "objective `b`: `title` must be text, not a list".to_string()),
            (Rule::WrongType, 7, 18, 25, "objective `b`: `key_results` must be a list (items starting with `- `), not a mapping".to_string()),
        ]
    );
    assert_eq!(
        messages("quarter: 2026-Q4\nteam: a\nobjectives:\n  -\n"),
        ["objective #1: expected an objective: a mapping with `id:`, `title:` and `key_results:` here, not an empty value"]
    );
    assert_eq!(
        rules("quarter: 2026-Q4\nteam: a\nobjectives: many\n"),
        [Rule::WrongType]
    );
    assert_eq!(
        rules("quarter: 2026-Q4\nteam: a\n[x]: 1\nobjectives: [{id: a, key_results: [{id: k, baseline: 0, target: 1}]}]\n"),
        [Rule::WrongType]
    );
}

#[test]
fn walk_messages_name_the_objective_key_result_and_check_in() {
    let source = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: a\n    key_results: [{id: k, baseline: 0, target: 1}]\n  - title: no id\n    key_results:\n      - baseline: 0\n        target: 1\n        x: 1\n        checkins:\n          - { date: 2026-10-06, value: 1, y: 1 }\n          - { value: 1, z: 1 }\n";
    assert_eq!(
        messages(source)
            .into_iter()
            .filter(|m| m.contains("unknown key"))
            .collect::<Vec<_>>(),
        [
            "objective #2, key result #1: unknown key `x`; the keys allowed here are id, title, baseline, target, unit, owner, weight, current, checkins, grade, reflection, dropped",
            "objective #2, key result #1, check-in `2026-10-06`: unknown key `y`; the keys allowed here are date, value, confidence, note",
            "objective #2, key result #1, check-in #2: unknown key `z`; the keys allowed here are date, value, confidence, note",
        ]
    );
}

#[test]
fn walk_results_are_in_order_and_bounded() {
    // Many problems: capped, in order.
    let mut source =
        String::from("quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: a\n    key_results:\n");
    for i in 0..300 {
        source.push_str(&format!("      - {{ id: k{i}, baseline: 0, target: x }}\n"));
    }
    let all = all_errors(&source);
    assert_eq!(all.len(), MAX_FOUND);
    assert!(all.windows(2).all(|w| w[0].span <= w[1].span));
    // Deep nesting is not read (saphyr-parser itself refuses a few hundred levels).
    let deep = format!(
        "quarter: 2026-Q4\nteam: a\nobjectives: {}1{}\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    assert_eq!(rules(&deep), [Rule::WrongType]);
    // An alias bomb costs a bounded walk: one the document's bounds let
    // through (4,096 key results) is walked within the visit limit, and a
    // bigger one is refused by the document before any walk.
    let bomb = |levels: usize| {
        let mut bomb =
            String::from("quarter: 2026-Q4\nteam: a\nx0: &k0 {id: k, baseline: 0, target: z}\n");
        for i in 1..levels {
            let prev = i - 1;
            bomb.push_str(&format!(
                "x{i}: &k{i} [*k{prev}, *k{prev}, *k{prev}, *k{prev}]\n"
            ));
        }
        bomb.push_str(&format!(
            "objectives: [{{id: a, key_results: *k{}}}]\n",
            levels - 1
        ));
        bomb
    };
    let all = all_errors(&bomb(7));
    assert!(!all.is_empty() && all.len() <= MAX_FOUND);
    let big = Document::read(&bomb(12));
    assert!(matches!(
        big.stop,
        Some(crate::source::document::Stop::AliasBomb { .. })
    ));
    assert!(all_errors(&bomb(12)).is_empty());
    // Aliases are read as the value they name.
    let aliased = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: a\n    key_results:\n      - &kr {id: k, baseline: 0, target: 1}\n  - id: b\n    key_results: [*kr]\n";
    assert_eq!(found(aliased), []);
}

/// Every fixture that is valid YAML: the typed parse fails exactly when
/// the walk finds a type or key error, and the walk reports the typed
/// parse's first error on the same line.
#[test]
fn walk_agrees_with_the_typed_parse_on_the_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "tests/fixtures/errors",
        "tests/fixtures/schema/valid",
        "tests/fixtures/schema/invalid",
        "tests/fixtures",
        "okrs/2026-Q4",
        "okrs/2026-Q4/people",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 30, "{}", files.len());
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        if serde_yaml::from_str::<serde_yaml::Value>(&source).is_err() {
            continue;
        }
        let all = all_errors(&source);
        let typed: Vec<_> = all
            .iter()
            .filter(|f| !matches!(f.rule, Rule::EmptyList | Rule::DroppedWithoutReason))
            .collect();
        match serde_yaml::from_str::<OkrFile>(&source) {
            Ok(_) => assert!(typed.is_empty(), "{}: {typed:?}", path.display()),
            Err(err) => {
                assert!(!typed.is_empty(), "{}: {err}", path.display());
                let line = err.location().map(|l| l.line());
                assert!(
                    line.is_none() || typed.iter().any(|f| Some(f.span.start.line) == line),
                    "{}: {err} / {typed:?}",
                    path.display()
                );
            }
        }
    }
}
