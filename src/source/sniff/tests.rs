use proptest::prelude::*;

use super::*;

const BODY: &str = "objectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n";

fn q(text: &str) -> Sniff {
    Sniff::Quarter(text.parse().unwrap())
}

/// Heads okr reads the quarter of with certainty.
#[test]
fn certain_heads() {
    for (text, quarter) in [
        ("quarter: 2026-Q4\nteam: web\n", "2026-Q4"),
        ("quarter: 2026-Q4", "2026-Q4"),
        (
            "# OKRs of web\n\nquarter: 2026-Q1 # the first\nteam: web\n",
            "2026-Q1",
        ),
        (
            "team: web\nquarter: \"2025-Q3\"\nobjectives: []\n",
            "2025-Q3",
        ),
        ("person: ana\nteam: 'web'\nquarter: '2025-Q2'\n", "2025-Q2"),
        ("quarter: 2026-Q4\r\nteam: web\r\n", "2026-Q4"),
        ("---\nquarter: 2026-Q4\nteam: web\n", "2026-Q4"),
        (
            "--- # okr\nquarter: 2026-Q4\n  # an indented comment\nteam: web\n",
            "2026-Q4",
        ),
        (
            "quarter: 2026-Q4\n\n# note\nobjectives:\n  - id: x\n",
            "2026-Q4",
        ),
    ] {
        assert_eq!(text_head(text, true), q(quarter), "{text:?}");
    }
    // A byte-order mark is not part of the text.
    assert_eq!(
        bytes(b"\xEF\xBB\xBFquarter: 2026-Q4\nteam: web\n", true),
        q("2026-Q4")
    );
}

/// Heads only a full parse can tell the quarter of.
#[test]
fn uncertain_heads() {
    for text in [
        "",
        "team: web\n",
        // Late: after nested content.
        "team: web\nobjectives:\n  - id: o\nquarter: 2026-Q4\n",
        // Not a quarter, or not as the model reads it.
        "quarter: 2026-q4\n",
        "quarter: 2026-Q5\n",
        "quarter:\n  2026-Q4\n",
        "quarter: # none\n",
        "quarter: 2026-Q4\n  continued\n",
        "quarter: 2026-Q4\n\n  continued\n",
        "quarter: 2026-Q4\n# c\n  continued\n",
        "quarter: \"2026-\\Q4\"\n",
        "quarter: '2026-Q4''s'\n",
        "quarter: \"2026-Q4\n  \"\n",
        "quarter: \"2026-Q4\"#x\n",
        "quarter: 2026-Q4: x\n",
        "quarter: &q 2026-Q4\n",
        "quarter: *q\n",
        "quarter: !!str 2026-Q4\n",
        "quarter: |\n  2026-Q4\n",
        "quarter: >-\n  2026-Q4\n",
        "quarter: [2026-Q4]\n",
        "quarter: {a: b}\n",
        // Other documents, directives, flow and JSON, keys that are not plain.
        "%YAML 1.2\n---\nquarter: 2026-Q4\n",
        "---\n---\nquarter: 2026-Q4\n",
        "--- quarter: 2026-Q4\n",
        "...\nquarter: 2026-Q4\n",
        "{quarter: 2026-Q4, team: web}\n",
        "{\"quarter\": \"2026-Q4\", \"team\": \"web\"}\n",
        "[1]\n",
        "\"quarter\": 2026-Q4\n",
        "'quarter': 2026-Q4\n",
        "<<: *base\nquarter: 2026-Q4\n",
        "? quarter\n: 2026-Q4\n",
        "- quarter: 2026-Q4\n",
        "quarter : 2026-Q4\n",
        // A value before the quarter that may span lines.
        "team: \"web\n  more\"\nquarter: 2026-Q4\n",
        "team: |\n  web\nquarter: 2026-Q4\n",
        "team: &t web\nquarter: 2026-Q4\n",
        "team: [web,\n  api]\nquarter: 2026-Q4\n",
        // Tabs, lone carriage returns, other line breaks, NUL.
        "quarter:\t2026-Q4\n",
        "quarter: 2026-Q4\rteam: web\n",
        "quarter: 2026-Q4\u{2028}team: web\n",
        "quarter: 2026-Q4\u{85}\n",
        "quarter: 2026-Q4\n\0",
    ] {
        assert_eq!(text_head(text, true), Sniff::Uncertain, "{text:?}");
    }
}

/// A head cut before the end of the file: its last, partial line is never
/// trusted, and neither is a value whose next line is not read yet.
#[test]
fn cut_heads() {
    assert_eq!(text_head("quarter: 2026-Q4\nteam: w", false), q("2026-Q4"));
    assert_eq!(text_head("quarter: 2026-Q4\n", false), Sniff::Uncertain);
    assert_eq!(text_head("quarter: 2026-Q", false), Sniff::Uncertain);
    assert_eq!(
        text_head("team: web\nquarter: 2026-Q4\n\n# c\n", false),
        Sniff::Uncertain
    );
    // Cut inside a character.
    let cut = "quarter: 2026-Q4\nteam: é".as_bytes();
    assert_eq!(bytes(&cut[..cut.len() - 1], false), q("2026-Q4"));
    assert_eq!(bytes(&cut[..cut.len() - 1], true), Sniff::Uncertain);
    // A whole text longer than the head.
    let long = format!(
        "quarter: 2026-Q4\nteam: web\n{}",
        "# é\n".repeat(HEAD_BYTES)
    );
    assert_eq!(text(&long), q("2026-Q4"));
    let late = format!("{}quarter: 2026-Q4\n", "# é\n".repeat(HEAD_BYTES));
    assert_eq!(text(&late), Sniff::Uncertain);
}

/// Reading from disk: the head only, and never a pipe or a folder.
#[test]
fn files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("web.yaml");
    std::fs::write(&file, format!("quarter: 2026-Q4\nteam: web\n{BODY}")).unwrap();
    assert_eq!(path(&file, true), q("2026-Q4"));
    assert_eq!(path(&file, false), q("2026-Q4"));
    assert_eq!(path(dir.path(), false), Sniff::Uncertain);
    assert_eq!(path(&dir.path().join("none.yaml"), false), Sniff::Uncertain);
    // Past the first read, and past the head.
    let late = dir.path().join("late.yaml");
    let comments = "# a long header comment\n".repeat(FIRST_BYTES / 10);
    std::fs::write(
        &late,
        format!("{comments}quarter: 2026-Q3\nteam: web\n{BODY}"),
    )
    .unwrap();
    assert_eq!(path(&late, true), q("2026-Q3"));
    let far = format!("{comments}{comments}{comments}quarter: 2026-Q3\nteam: web\n{BODY}");
    assert!(far.find("quarter").unwrap() > HEAD_BYTES);
    std::fs::write(&late, far).unwrap();
    assert_eq!(path(&late, true), Sniff::Uncertain);
    // A file of exactly the first read, or of the head.
    for size in [FIRST_BYTES, FIRST_BYTES + 1, HEAD_BYTES, HEAD_BYTES + 1] {
        let start = "quarter: 2026-Q2\nteam: web\n";
        let text = format!("{start}{}\n", "#".repeat(size - start.len() - 1));
        assert_eq!(text.len(), size);
        std::fs::write(&late, &text).unwrap();
        assert_eq!(path(&late, true), q("2026-Q2"), "{size}");
        let text = format!("# {}\nquarter: 2026-Q2\n", "x".repeat(size - 20));
        assert_eq!(text.len(), size);
        std::fs::write(&late, &text).unwrap();
        let expected = if size <= HEAD_BYTES {
            q("2026-Q2")
        } else {
            Sniff::Uncertain
        };
        assert_eq!(path(&late, true), expected, "{size}");
    }
}

/// Lines a generated head is made of: what okr writes, and what people and
/// other tools write that could fool a sniff.
const LINES: &[&str] = &[
    "quarter: 2026-Q4",
    "quarter: 2025-Q1",
    "quarter: \"2026-Q2\"",
    "quarter: '2026-Q3' # c",
    "quarter: 2026-q4",
    "quarter:",
    "  2026-Q1",
    "quarter: &a 2026-Q1",
    "quarter: *a",
    "team: web",
    "team: \"api\"",
    "person: ana",
    "company: acme",
    "team: |",
    "team: \"long",
    "  text\"",
    "<<: {quarter: 2024-Q1}",
    "\"quarter\": 2024-Q2",
    "{quarter: 2024-Q3, team: web, objectives: []}",
    "---",
    "...",
    "# a comment",
    "",
    "  # indented comment",
    "objectives: []",
    "objectives:",
    "  - id: o",
    "    key_results: []",
    "- id: o",
];

fn generated() -> impl Strategy<Value = (String, bool, bool)> {
    (
        prop::collection::vec(0..LINES.len(), 0..8),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(picked, crlf, bom, body)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            let mut text: String = picked
                .iter()
                .map(|&i| format!("{}{eol}", LINES[i]))
                .collect();
            if body {
                text.push_str(&BODY.replace('\n', eol));
            }
            (text, bom, body)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Whenever the sniff is certain, a file that parses is for that
    /// quarter: what makes skipping the other quarters' files exact.
    #[test]
    fn a_certain_sniff_is_the_parsed_quarter((text, bom, _) in generated()) {
        let mut raw = Vec::new();
        if bom {
            raw.extend_from_slice(b"\xEF\xBB\xBF");
        }
        raw.extend_from_slice(text.as_bytes());
        let sniffed = bytes(&raw, true);
        prop_assert_eq!(sniffed, super::text(&text));
        let parsed = crate::source::parse("t.yaml", &text);
        if let (Sniff::Quarter(quarter), Some(okr)) = (sniffed, &parsed.okr) {
            prop_assert_eq!(okr.quarter, quarter, "{:?}", text);
        }
        // serde_yaml's reading, too (the fast path may decline files it reads).
        let full: Result<crate::model::OkrFile, _> = serde_yaml::from_str(&text);
        if let (Sniff::Quarter(quarter), Ok(okr)) = (sniffed, full) {
            prop_assert_eq!(okr.quarter, quarter, "{:?}", text);
        }
    }
}

/// The generator does reach files that parse with a certain sniff, and files
/// that parse with an uncertain one (so the property above tests something).
#[test]
fn the_generator_reaches_both_answers() {
    let certain = "quarter: 2026-Q4\nteam: web\n".to_string() + BODY;
    assert!(crate::source::parse("t.yaml", &certain).okr.is_some());
    assert_eq!(text(&certain), q("2026-Q4"));
    let late = "team: web\n".to_string() + BODY + "quarter: 2026-Q4\n";
    assert!(crate::source::parse("t.yaml", &late).okr.is_some());
    assert_eq!(text(&late), Sniff::Uncertain);
}
