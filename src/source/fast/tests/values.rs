//! Every odd value in every place of a file, block scalars and one-line
//! flow check-ins: read as serde_yaml reads them, or declined.

use super::{agrees, parse, BASE};

/// Values that YAML reads in surprising ways, and ordinary ones.
pub(super) const VALUES: &[&str] = &[
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "nul",
    "true",
    "True",
    "TRUE",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "0",
    "-0",
    "00",
    "007",
    "0x1F",
    "0o17",
    "0b11",
    "-0x1F",
    "1e3",
    "1E3",
    "1.5e3",
    ".5",
    "5.",
    "+5",
    "+5.5",
    "-5",
    "-5.25",
    "1_000",
    ".inf",
    "-.inf",
    ".Inf",
    ".nan",
    "nan",
    "inf",
    "Infinity",
    "-Infinity",
    "12345678901234567890",
    "123456789012345678",
    "99999999999999999999999",
    "3.14",
    "-2.50",
    "0.1",
    "1.",
    "1..2",
    "--5",
    "- 5",
    "-",
    "'quoted'",
    "'it''s'",
    "''",
    "'''",
    "'a' b",
    "'a'b",
    "\"dq\"",
    "\"a\\\"b\"",
    "\"\\u00e9\"",
    "\"\"",
    "\"a\" # c",
    "\"a\"#c",
    "\"unclosed",
    "'unclosed",
    "[]",
    "[ ]",
    "[] # none",
    "[]x",
    "{}",
    "[1, 2]",
    "[a]",
    "{a: 1}",
    "&a x",
    "*a",
    "!!str 5",
    "!!float 5",
    "!x y",
    "|",
    "|\n  block",
    ">\n  folded",
    "a: b",
    "a:b",
    "a :b",
    "a : b",
    "a:",
    "a #c",
    "a#c",
    "a # c",
    "a  # c",
    "a\u{a0}b",
    "a\u{a0}",
    "\u{a0}",
    "a\u{2028}b",
    "a\u{85}b",
    "a\u{feff}b",
    "é ü → ✓",
    "-x",
    "2026-10-05",
    "2026-10-5",
    "2026-13-01",
    "2026-Q4",
    "2026-Q5",
    "acme/dev",
    "acme/",
    "a/b/c",
    "x\ty",
    "\tx",
    "?x",
    "? x",
    ":x",
    "@x",
    "`x`",
    "%x",
    "#x",
    ",x",
    "]x",
    "}x",
    "x,y",
    "x]",
    "Api Pain",
    "api-pain",
    "1",
    "20%",
    "\"0.7\"",
    "'60'",
    "tickets/week",
    "a % b",
    "<< ",
    "a\n            continued",
    "a\n  b",
    "a\n# c\n              b",
    "\n  - x",
    "\n  a: 1",
    "\n          - x",
    "x\r",
    "x\ry",
    "a\u{0}b",
    "a\u{7f}b",
    "a\u{1b}b",
];

/// BASE with the value of its `n`th `key: value` line replaced by `value`.
fn with_value(n: usize, value: &str) -> Option<String> {
    let mut seen = 0;
    let mut out = String::new();
    let mut done = false;
    for line in BASE.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let is_value = body.contains(": ") && !body.trim_start().starts_with('#');
        if is_value && !done {
            if seen == n {
                let colon = body.find(": ")?;
                out.push_str(&body[..colon + 2]);
                out.push_str(value);
                out.push('\n');
                done = true;
                continue;
            }
            seen += 1;
        }
        out.push_str(line);
    }
    done.then_some(out)
}

#[test]
fn every_value_in_every_place_reads_the_same_or_is_declined() {
    let (mut tried, mut read) = (0, 0);
    for n in 0.. {
        if with_value(n, "x").is_none() {
            break;
        }
        for value in VALUES {
            let text = with_value(n, value).unwrap();
            tried += 1;
            if agrees(&text) {
                read += 1;
            }
        }
    }
    assert!(tried > 2000, "{tried}");
    // Ordinary values must take the fast path, or it is never taken.
    assert!(read > tried / 5, "read {read} of {tried}");
}

#[test]
fn the_shapes_people_write_take_the_fast_path() {
    let shapes = [
        // Indentless lists, four-space indentation, a document marker,
        // CRLF, no final newline, extra spaces after the dash and colon.
        "---\nquarter: 2026-Q4\nteam: a\nobjectives:\n- id: o\n  key_results:\n  - id: k\n    baseline: 1\n    target: 2\n",
        "quarter: 2026-Q4\nperson: ana\nteam: a\nobjectives:\n    -   id: o\n        key_results:\n            -   id: k\n                baseline:   1\n                target: 2\n",
        "quarter: 2026-Q4\r\nteam: a\r\nobjectives:\r\n  - id: o\r\n    key_results:\r\n      - id: k\r\n        baseline: 1\r\n        target: 2",
        "--- # okrs\nquarter: 2026-Q4\ncompany: acme\nobjectives:\n  - id: o\n    title: \"Be: great\"\n    key_results:\n      - id: k\n        title: 'Latency: p95 ''fast'''\n        baseline: 1\n        target: 2\n        checkins: []\n",
    ];
    for shape in shapes {
        assert!(agrees(shape), "declined:\n{shape}");
    }
}

/// A file whose objective's `notes` is `block`, followed by `after`.
fn with_block(block: &str, after: &str) -> String {
    format!(
        "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: o\n    notes: {block}{after}    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n"
    )
}

#[test]
fn block_scalars_read_the_same_or_are_declined() {
    let blocks = [
        "|\n      one\n      two\n",
        "|-\n      one\n      two\n",
        "|+\n      one\n      two\n\n\n",
        "|\n      one\n\n      two\n\n",
        "|\n      one\n        indented\n      # not a comment\n",
        "|\n      trailing  \n      spaces \n",
        ">\n      one\n      two\n",
        ">-\n      one\n      two\n\n      three\n",
        ">+\n      one\n\n\n      two\n\n",
        ">\n      one\n        more indented\n      two\n",
        ">\n      trailing \n      spaces\n",
        "| # comment\n      one\n",
        ">- # comment\n      one\n",
        "|2\n        one\n",
        "|\n\n      leading blank\n",
        "|\n      \n      space-only line\n",
        "|\n      one\n     less indented\n",
        "|\n    at the key's indent\n",
        "|\n      crlf\r\n      lines\r\n",
        "|\n      é → ✓\n",
        "|\n      one\n  # a comment further left\n",
    ];
    let mut read = 0;
    for block in blocks {
        for after in ["", "    # c\n", "\n"] {
            if agrees(&with_block(block, after)) {
                read += 1;
            }
        }
    }
    assert!(read >= 40, "{read}");
    // At the end of a file, with and without a final line break.
    let end = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n    notes: |\n      one\n      two";
    assert!(!agrees(end));
    assert!(agrees(&format!("{end}\n")));
    assert!(agrees(&format!("{end}\n\n")));
}

/// A file whose one check-in is `checkin`, an item of `checkins:`.
fn with_checkin(checkin: &str) -> String {
    format!(
        "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target: 2\n        checkins:\n          - {checkin}\n        grade: 0.5\n"
    )
}

#[test]
fn flow_checkins_read_the_same_or_are_declined() {
    let checkins = [
        "{ date: 2026-10-05, value: 3, confidence: 0.6 }",
        "{date: 2026-10-05, value: 3}",
        "{ date: 2026-10-05, value: -3.5, note: New search index }",
        "{ date: 2026-10-05, value: 3, note: \"a, b: c\" }",
        "{ date: 2026-10-05, value: 3, note: 'it''s' }",
        "{ date: 2026-10-05, value: 3, note: 'x' }",
        "{ date: 2026-10-05, value: 3, note: \"a\\\"b\" }",
        "{ date: 2026-10-05, value: 3, }",
        "{ date: 2026-10-05, value: 3 } # c",
        "{ date: 2026-10-05, value: 3 }x",
        "{ date: 2026-10-05, value: 3",
        "{ date: 2026-10-05, value: }",
        "{ date: 2026-10-05, value: 3, note: a#b }",
        "{ date: 2026-10-05, value: 3, note: a #b }",
        "{ date: 2026-10-05, value: [3] }",
        "{ date: 2026-10-05, value: {v: 3} }",
        "{ date: 2026-10-05, value: &a 3 }",
        "{ date: 2026-10-05, value: 0x3 }",
        "{ date: 2026-10-05, value: ~ }",
        "{ date: 2026-10-05, value: 3, confidence: }",
        "{ date: 2026-10-05, value: 3, date: 2026-10-06 }",
        "{ date: 2026-10-05, value: 3, nope: 1 }",
        "{ date: 2026-10-05 value: 3 }",
        "{ date:2026-10-05, value: 3 }",
        "{ date: 2026-10-05, value: 3 note: x }",
        "{ date: \"2026-10-05\", value: 3 }",
        "{}",
        "{ }",
        // Found by the fuzzer: `:` before `?` is an error in flow context.
        "{ date: 2026-10-05, value: 3, note: a:? }",
        "{ date: 2026-10-05, value: 3, note: a:?b }",
        "{ date: 2026-10-05, value: 3, note: a?:b }",
        "{ date: 2026-10-05, value: 3, note: a:b }",
    ];
    let mut read = 0;
    for checkin in checkins {
        if agrees(&with_checkin(checkin)) {
            read += 1;
        }
    }
    assert!(read >= 7, "{read}");
}

/// What the guard refuses, the fast path leaves to it: a check-in in flow
/// style running past the guard's bound.
#[test]
fn the_guard_still_refuses_what_it_refused() {
    let note = "x".repeat(crate::source::guard::MAX_KEY_FLOW_BYTES);
    let text = with_checkin(&format!("{{ date: 2026-10-05, value: 3, note: {note} }}"));
    assert!(parse(&text).is_none());
    let parsed = crate::source::parse("f.yaml", &text);
    assert!(parsed.okr.is_none());
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.rule == crate::diagnostic::Rule::YamlLimits),
        "{:?}",
        parsed.diagnostics
    );
}
