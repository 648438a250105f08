//! Unit tests of the check-in splice: styles, placement, refusals, diffs.

use super::*;
use crate::model::parse_date;

fn day(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

fn ci(date: &str, value: f64) -> NewCheckin {
    NewCheckin {
        date: day(date),
        value,
        confidence: None,
        note: None,
    }
}

fn full(date: &str, value: f64, confidence: f64, note: &str) -> NewCheckin {
    NewCheckin {
        confidence: Some(confidence),
        note: Some(note.to_string()),
        ..ci(date, value)
    }
}

/// A file whose key result `o/k` has the fields `kr` (indented 6).
fn file(kr: &str) -> String {
    format!(
        "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 120\n        target: 60\n{kr}"
    )
}

fn add(text: &str, checkin: &NewCheckin) -> String {
    add_checkin(text, "o", "k", checkin, false)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
        .text
}

#[test]
fn block_list_appends_in_sibling_style() {
    let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 0.5\n        grade: 0.7\n");
    let new = add(&old, &full("2026-11-10", 95.0, 0.6, "Error messages v2"));
    assert_eq!(
        new,
        file("        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 0.5\n          - date: 2026-11-10\n            value: 95\n            confidence: 0.6\n            note: Error messages v2\n        grade: 0.7\n")
    );
}

#[test]
fn inserts_in_the_middle_and_at_the_start_by_date() {
    let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n          - date: 2026-11-10\n            value: 95\n");
    let new = add(&old, &ci("2026-10-20", 110.0));
    assert_eq!(new, file("        checkins:\n          - date: 2026-10-06\n            value: 118\n          - date: 2026-10-20\n            value: 110\n          - date: 2026-11-10\n            value: 95\n"));
    let new = add(&old, &ci("2026-10-01", 121.5));
    assert_eq!(new, file("        checkins:\n          - date: 2026-10-01\n            value: 121.5\n          - date: 2026-10-06\n            value: 118\n          - date: 2026-11-10\n            value: 95\n"));
}

#[test]
fn flow_items_keep_their_brace_spacing() {
    let old = file("        checkins:\n          - {date: 2026-10-06, value: 118}\n");
    let new = add(&old, &full("2026-11-10", -12.5, 0.6, "a, b"));
    assert_eq!(new, file("        checkins:\n          - {date: 2026-10-06, value: 118}\n          - {date: 2026-11-10, value: -12.5, confidence: 0.6, note: \"a, b\"}\n"));
    let old = file("        checkins:\n          - { date: 2026-10-06, value: 118 }\n");
    let new = add(&old, &ci("2026-11-10", 95.0));
    assert!(
        new.ends_with("          - { date: 2026-11-10, value: 95 }\n"),
        "{new}"
    );
}

#[test]
fn mixed_list_copies_the_previous_sibling() {
    let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n          - { date: 2026-11-10, value: 95, confidence: 0.6 }\n");
    let new = add(&old, &ci("2026-10-20", 100.0));
    assert!(new.contains("            value: 118\n          - date: 2026-10-20\n            value: 100\n          - { date"), "{new}");
    let new = add(&old, &ci("2026-11-20", 90.0));
    assert!(
        new.ends_with("0.6 }\n          - { date: 2026-11-20, value: 90 }\n"),
        "{new}"
    );
}

#[test]
fn compact_and_four_space_indentation() {
    let compact = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n- id: o\n  key_results:\n  - id: k\n    baseline: 1\n    target: 2\n    checkins:\n    - date: 2026-10-06\n      value: 1\n    grade: 0.5\n";
    let new = add(compact, &ci("2026-11-10", 1.5));
    assert_eq!(
        new,
        compact.replace(
            "      value: 1\n",
            "      value: 1\n    - date: 2026-11-10\n      value: 1.5\n"
        )
    );
    let four = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n    -   id: o\n        key_results:\n            -   id: k\n                baseline: 1\n                target: 2\n                checkins:\n                    -   date: 2026-10-06\n                        value: 1\n";
    let new = add(four, &ci("2026-11-10", 2.0));
    assert_eq!(
        new,
        format!(
            "{four}                    -   date: 2026-11-10\n                        value: 2\n"
        )
    );
}

#[test]
fn crlf_trailing_spaces_and_no_final_newline() {
    let old =
        file("        checkins:   \n          - date: 2026-10-06  \n            value: 118   \n")
            .replace('\n', "\r\n");
    let new = add(&old, &ci("2026-11-10", 95.0));
    assert_eq!(
        new,
        format!("{old}          - date: 2026-11-10\r\n            value: 95\r\n")
    );
    let old = old.strip_suffix("\r\n").unwrap().to_string();
    let new = add(&old, &ci("2026-11-10", 95.0));
    assert_eq!(
        new,
        format!("{old}\r\n          - date: 2026-11-10\r\n            value: 95")
    );
    let lf = file("        checkins:\n          - date: 2026-10-06\n            value: 118");
    assert_eq!(
        add(&lf, &ci("2026-11-10", 95.0)),
        format!("{lf}\n          - date: 2026-11-10\n            value: 95")
    );
}

#[test]
fn comments_between_items_after_values_and_after_the_list() {
    let old = file("        checkins:   # history\n          # first measurement\n          - date: 2026-10-06   # a Monday\n            value: 118 # tickets\n            # still item 0\n          # before item 1\n          - date: 2026-11-10\n            value: 95\n          # end of list\n        # grade: later\n");
    let new = add(&old, &ci("2026-10-20", 100.0));
    assert!(new.contains("            # still item 0\n          - date: 2026-10-20\n            value: 100\n          # before item 1\n"), "{new}");
    let new = add(&old, &ci("2026-12-01", 90.0));
    assert!(new.contains("            value: 95\n          - date: 2026-12-01\n            value: 90\n          # end of list\n"), "{new}");
    let new = add(&old, &ci("2026-10-01", 130.0));
    assert!(new.contains("          # first measurement\n          - date: 2026-10-01\n            value: 130\n          - date: 2026-10-06"), "{new}");
}

#[test]
fn notes_are_quoted_only_when_needed() {
    let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n");
    for (note, written) in [
        ("Error messages v2 started", "Error messages v2 started"),
        ("ratio: 2", "\"ratio: 2\""),
        ("see #12", "\"see #12\""),
        ("#12 fixed", "\"#12 fixed\""),
        ("it's \"done\"", "it's \"done\""),
        ("\"quoted\"", "\"\\\"quoted\\\"\""),
        (" padded ", "\" padded \""),
        ("- a list?", "\"- a list?\""),
        ("Größe ↑ 日本語 🎉", "Größe ↑ 日本語 🎉"),
        ("42", "\"42\""),
        ("0.5", "\"0.5\""),
        ("true", "\"true\""),
        ("no", "\"no\""),
        ("null", "\"null\""),
        ("~", "\"~\""),
        ("2026-10-06", "\"2026-10-06\""),
        ("1_000", "\"1_000\""),
        ("0x1F", "\"0x1F\""),
        ("two\nlines", "\"two\\nlines\""),
        ("tab\there", "\"tab\\there\""),
        ("back\\slash", "back\\slash"),
        ("", "\"\""),
        ("ends with colon:", "\"ends with colon:\""),
        ("a, b [c]", "a, b [c]"),
        ("@mention", "\"@mention\""),
        ("*star", "\"*star\""),
        ("%pct", "\"%pct\""),
    ] {
        let new = add(&old, &full("2026-11-10", 1.0, 0.5, note));
        assert!(
            new.ends_with(&format!("            note: {written}\n")),
            "{note:?}: {new}"
        );
    }
}

#[test]
fn numbers_as_people_write_them() {
    assert_eq!(fmt_num(88.0), "88");
    assert_eq!(fmt_num(0.7), "0.7");
    assert_eq!(fmt_num(-12.5), "-12.5");
    assert_eq!(fmt_num(-0.0), "0");
    assert_eq!(fmt_num(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(fmt_num(1e20), "1e20");
    assert_eq!(fmt_num(1.5e-9), "0.0000000015");
}

#[test]
fn block_scalar_note_as_the_last_checkin() {
    for header in ["|", "|-", ">", "|+", "|2"] {
        let old = file(&format!("        checkins:\n          - date: 2026-10-06\n            value: 118\n            note: {header}\n              line one\n              # not a comment\n\n              line three\n\n        # about the grade\n        grade: 0.5\n"));
        let new = add(&old, &ci("2026-11-10", 95.0));
        let added = "          - date: 2026-11-10\n            value: 95\n";
        if header == "|+" {
            assert!(
                new.contains(&format!("line three\n\n{added}        # about")),
                "{header}: {new}"
            );
        } else {
            assert!(
                new.contains(&format!("line three\n{added}\n        # about")),
                "{header}: {new}"
            );
        }
    }
    // At the very end of a file without a final newline: `|-` has no line
    // break to lose; `|` would gain one, so it is refused.
    let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n            note: |-  # c\n              last words");
    let new = add(&old, &ci("2026-11-10", 95.0));
    assert_eq!(
        new,
        format!("{old}\n          - date: 2026-11-10\n            value: 95")
    );
    let old = old.replace("|-", "|");
    let err = add_checkin(&old, "o", "k", &ci("2026-11-10", 95.0), false).unwrap_err();
    assert!(err.to_string().contains("final line break"), "{err}");
}

#[test]
fn empty_and_null_lists_become_block_lists() {
    for empty in ["[]", "[ ]", "~", "null"] {
        let old = file(&format!(
            "        checkins: {empty}   # none yet\n        grade: 0.5\n"
        ));
        let new = add(&old, &ci("2026-10-06", 118.0));
        assert_eq!(new, file("        checkins:   # none yet\n          - date: 2026-10-06\n            value: 118\n        grade: 0.5\n"), "{empty}");
    }
    let old = file("        checkins:\n        grade: 0.5\n");
    let new = add(&old, &ci("2026-10-06", 118.0));
    assert_eq!(new, file("        checkins:\n          - date: 2026-10-06\n            value: 118\n        grade: 0.5\n"));
}

#[test]
fn one_line_flow_list_gets_the_item_inside_its_line() {
    let old = file("        checkins: [{ date: 2026-10-06, value: 118 }, { date: 2026-11-10, value: 95 }]  # c\n");
    let new = add(&old, &ci("2026-10-20", 100.0));
    assert_eq!(new, file("        checkins: [{ date: 2026-10-06, value: 118 }, { date: 2026-10-20, value: 100 }, { date: 2026-11-10, value: 95 }]  # c\n"));
    let new = add(&old, &ci("2026-10-01", 130.0));
    assert!(
        new.contains("[{ date: 2026-10-01, value: 130 }, { date: 2026-10-06"),
        "{new}"
    );
    let multi =
        file("        checkins: [\n          { date: 2026-10-06, value: 118 }\n        ]\n");
    assert!(matches!(
        add_checkin(&multi, "o", "k", &ci("2026-11-10", 1.0), false),
        Err(EditError::Unsupported(_))
    ));
}

#[test]
fn no_checkins_key_adds_one_after_the_last_field() {
    let old =
        file("        unit: tickets/week   \n        # dropped: maybe later\n\nnotes_after: x\n")
            .replace("notes_after: x\n", "");
    let new = add(&old, &full("2026-10-06", 118.0, 0.5, "first"));
    assert_eq!(new, file("        unit: tickets/week   \n        # dropped: maybe later\n        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 0.5\n            note: first\n\n"));
    // Copies another key result's check-in style (compact, flow items).
    let old = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: a\n        baseline: 1\n        target: 2\n        checkins:\n        - { date: '2026-10-06', value: 1 }\n      - id: k\n        baseline: 1\n        target: 2\n";
    let new = add(old, &ci("2026-10-07", 3.0));
    assert_eq!(
        new,
        format!("{old}        checkins:\n        - {{ date: '2026-10-07', value: 3 }}\n")
    );
}

#[test]
fn replace_touches_only_that_checkins_lines() {
    let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118   # was\n            note: |\n              old\n              note\n          - { date: 2026-11-10, value: 95 }\n        grade: 0.5\n");
    assert_eq!(
        add_checkin(&old, "o", "k", &ci("2026-10-06", 1.0), false),
        Err(EditError::DateTaken {
            key_result: "o/k".into(),
            date: day("2026-10-06")
        })
    );
    let new = add_checkin(
        &old,
        "o",
        "k",
        &full("2026-10-06", 117.0, 0.4, "new: note"),
        true,
    )
    .unwrap();
    assert!(new.replaced);
    let new = new.text;
    assert_eq!(new, file("        checkins:\n          - date: 2026-10-06\n            value: 117   # was\n            confidence: 0.4\n            note: \"new: note\"\n          - { date: 2026-11-10, value: 95 }\n        grade: 0.5\n"));
    let new = add_checkin(&old, "o", "k", &full("2026-11-10", 90.0, 0.7, "x"), true)
        .unwrap()
        .text;
    assert!(
        new.contains("          - { date: 2026-11-10, value: 90, confidence: 0.7, note: x }\n"),
        "{new}"
    );
    // Only the value given: confidence and note stay.
    let new = add_checkin(&old, "o", "k", &ci("2026-10-06", 5.0), true)
        .unwrap()
        .text;
    assert_eq!(new, old.replace("value: 118", "value: 5"));
    // Replace with nothing on that date adds.
    let added = add_checkin(&old, "o", "k", &ci("2026-12-01", 5.0), true).unwrap();
    assert!(!added.replaced);
    let new = added.text;
    assert!(
        new.contains("value: 95 }\n          - { date: 2026-12-01, value: 5 }\n"),
        "{new}"
    );
}

#[test]
fn refusals() {
    let old = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: cur\n        baseline: 1\n        target: 2\n        current: 1.5\n      - id: gone\n        baseline: 1\n        target: 2\n        dropped: Replaced by the SDK objective\n";
    let c = ci("2026-10-06", 1.0);
    assert_eq!(
        add_checkin(old, "o", "cur", &c, false),
        Err(EditError::UsesCurrent {
            key_result: "o/cur".into(),
            value: 1.5
        })
    );
    assert_eq!(
        add_checkin(old, "o", "gone", &c, false),
        Err(EditError::Dropped {
            key_result: "o/gone".into(),
            reason: "Replaced by the SDK objective".into()
        })
    );
    assert!(add_checkin(old, "o", "gone", &c, false)
        .unwrap_err()
        .to_string()
        .contains("Replaced by the SDK"));
    assert_eq!(
        add_checkin(old, "o", "nope", &c, false),
        Err(EditError::NoSuchKeyResult {
            key_result: "o/nope".into(),
            file: String::new()
        })
    );
    assert!(matches!(
        add_checkin(old, "x", "cur", &c, false),
        Err(EditError::NoSuchKeyResult { .. })
    ));
    assert!(matches!(
        add_checkin("a: [", "o", "k", &c, false),
        Err(EditError::Invalid(_))
    ));
    assert!(matches!(
        add_checkin(old, "o", "k", &ci("2026-10-06", f64::NAN), false),
        Err(EditError::BadValue(_))
    ));
    assert!(matches!(
        add_checkin("a: 1\rb: 2\r", "o", "k", &c, false),
        Err(EditError::Unsupported(_))
    ));
}

#[test]
fn quoted_dates_and_unsorted_lists() {
    let old = file("        checkins:\n          - date: \"2026-10-06\"\n            value: 1\n");
    let new = add(&old, &ci("2026-10-07", 2.0));
    assert!(
        new.ends_with("          - date: \"2026-10-07\"\n            value: 2\n"),
        "{new}"
    );
}

#[test]
fn diff_shows_the_added_lines() {
    let old = "a\nb\nc\nd\ne\nf\ng\n";
    let new = "a\nb\nc\nd\nX\ne\nf\ng\n";
    assert_eq!(
        unified_diff("okrs/x.yaml", old, new),
        "--- a/okrs/x.yaml\n+++ b/okrs/x.yaml\n@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n"
    );
    assert_eq!(unified_diff("x", old, old), "");
    assert_eq!(
        unified_diff("x", "a", "a\nb"),
        "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n"
    );
    assert_eq!(
        unified_diff("x", "", "a\n"),
        "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n"
    );
    assert_eq!(added_lines("a\r\nb\r\n", "a\r\nX\r\nb\r\n"), ["X"]);
}
