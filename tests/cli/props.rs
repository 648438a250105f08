//! Property tests of the loader (issue 6): arbitrary bytes, and valid files
//! mutated the way hurried hands break them, never panic and always come back
//! either parsed or with a diagnostic that points into the file.
//!
//! 256 cases per property by default; `PROPTEST_CASES=10000 cargo test props`
//! runs more.

use proptest::prelude::*;
use proptest::sample::Index;

use okr::source::LoadedFile;
use okr::workspace::load_bytes;

/// A valid file that uses most of the format: comments, flow and block
/// style, check-ins, anchors, optional fields.
const VALID: &str = "\
# yaml-language-server: $schema=../okr.schema.json
quarter: 2026-Q4
team: devrel
objectives:
  - id: api-pain
    title: Integrating with our public API stops hurting
    committed: true
    aligns: acme/developer-love
    key_results:
      - id: tickets
        title: API support tickets fall from 120 to 60 a week
        baseline: &start 120
        target: 60
        unit: tickets/week
        owner: alice
        weight: 2
        checkins:
          - date: 2026-10-06
            value: 118
            confidence: 0.5
            note: \"Error messages v2: started\"
          - { date: 2026-11-10, value: 95, confidence: 0.6 }
        grade: 0.7
        reflection: >
          Fixing the API beat writing a tutorial for it
      - id: latency
        title: p95 latency falls from 900 ms to 300 ms
        baseline: 900
        target: 300
        current: *start
        dropped: Replaced by the SDK objective
  - id: docs
    title: Developers find answers without asking us
    notes: |
      Measured by the docs survey.
    key_results:
      - { id: survey, title: Docs survey score rises from 3.1 to 4.0, baseline: 3.1, target: 4.0 }
";

/// Values that break types, YAML syntax, or both.
const ODD: &[&str] = &[
    "",
    "~",
    "null",
    "-.inf",
    ".nan",
    "1e999",
    "0x1F",
    "'",
    "\"",
    "&a",
    "*a",
    "*start",
    "[",
    "{",
    "]",
    "}",
    "!!str",
    "!!binary",
    "|",
    ">",
    "- ",
    "? ",
    ": ",
    "2026-13-45",
    "70%",
    "70",
    "-1",
    "0",
    "99999999999999999999999999",
    "true",
    "é",
    "\t",
    "#",
    "@",
    "`",
    "%YAML 1.1",
    "---",
    "...",
    "<<: *start",
    "\u{feff}",
    "\r",
    "\u{2028}",
    "2026-Q5",
    "Team X",
    "[a, b]",
    "{a: 1}",
    "\"\\u0000\"",
    "\"\\xff\"",
];

/// One way to break a file.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteChar(Index),
    InsertChar(Index, char),
    ReplaceChar(Index, char),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    Indent(Index, i8),
    /// Replaces what follows the first `: ` (or `- `) on a line.
    ReplaceValue(Index, &'static str),
    InsertLine(Index, &'static str),
    Truncate(Index),
}

fn yaml_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            ' ', '\n', ':', '-', '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '\'',
            '"', '%', '@', '`', '?', '\t', '\r', '\\', 'a', '0', '.',
        ]),
        1 => any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let odd = proptest::sample::select(ODD);
    prop_oneof![
        any::<Index>().prop_map(Mutation::DeleteChar),
        (any::<Index>(), yaml_char()).prop_map(|(i, c)| Mutation::InsertChar(i, c)),
        (any::<Index>(), yaml_char()).prop_map(|(i, c)| Mutation::ReplaceChar(i, c)),
        any::<Index>().prop_map(Mutation::DeleteLine),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<Index>(), -4i8..=4).prop_map(|(i, d)| Mutation::Indent(i, d)),
        (any::<Index>(), odd.clone()).prop_map(|(i, v)| Mutation::ReplaceValue(i, v)),
        (any::<Index>(), odd).prop_map(|(i, v)| Mutation::InsertLine(i, v)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let join = |lines: Vec<String>| lines.join("\n") + "\n";
    match mutation {
        Mutation::DeleteChar(i) if !chars.is_empty() => {
            chars.remove(i.index(chars.len()));
            chars.into_iter().collect()
        }
        Mutation::InsertChar(i, c) => {
            chars.insert(i.index(chars.len() + 1), *c);
            chars.into_iter().collect()
        }
        Mutation::ReplaceChar(i, c) if !chars.is_empty() => {
            let i = i.index(chars.len());
            chars[i] = *c;
            chars.into_iter().collect()
        }
        Mutation::Truncate(i) => chars[..i.index(chars.len() + 1)].iter().collect(),
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(i.index(lines.len()));
            join(lines)
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let i = i.index(lines.len());
            let line = lines[i].clone();
            lines.insert(i, line);
            join(lines)
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            join(lines)
        }
        Mutation::Indent(i, delta) if !lines.is_empty() => {
            let i = i.index(lines.len());
            let line = &lines[i];
            lines[i] = if *delta >= 0 {
                format!("{}{line}", " ".repeat(usize::from(delta.unsigned_abs())))
            } else {
                let cut = line
                    .chars()
                    .take(usize::from(delta.unsigned_abs()))
                    .take_while(|c| *c == ' ')
                    .count();
                line[cut..].to_string()
            };
            join(lines)
        }
        Mutation::ReplaceValue(i, value) if !lines.is_empty() => {
            let i = i.index(lines.len());
            let line = &lines[i];
            if let Some(at) = line.find(": ").or_else(|| line.find("- ")) {
                lines[i] = format!("{}{value}", &line[..at + 2]);
            }
            join(lines)
        }
        Mutation::InsertLine(i, value) => {
            let i = i.index(lines.len() + 1);
            lines.insert(i, (*value).to_string());
            join(lines)
        }
        _ => text.to_string(),
    }
}

/// What must hold for any input.
fn assert_sound(bytes: &[u8], file: &LoadedFile) -> Result<(), TestCaseError> {
    prop_assert!(
        file.okr.is_some() || !file.diagnostics.is_empty(),
        "no model and no diagnostic"
    );
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
    for d in &file.diagnostics {
        prop_assert!(
            d.line() >= 1 && d.column() >= 1 && d.span.end >= d.span.start,
            "{d}"
        );
        prop_assert!(
            d.line() <= lines + 1,
            "{d}: past the end of a {lines}-line file"
        );
        prop_assert!(!d.message.is_empty());
        prop_assert!(d.file.ends_with("fuzz.yaml"), "{d}");
    }
    if file.has_errors() {
        prop_assert!(file.valid().is_none());
    }
    // The same input, the same answer.
    let again = load_bytes("okrs/fuzz.yaml".into(), bytes);
    prop_assert_eq!(&again.diagnostics, &file.diagnostics);
    // The cross-file checks take any result.
    let mut files = vec![
        again,
        load_bytes("okrs/valid.yaml".into(), VALID.as_bytes()),
    ];
    let index = okr::source::Index::build(&files);
    let _notes =
        okr::check::across::check(&mut files, &index, &okr::config::Config::default(), true);
    Ok(())
}

#[test]
fn the_base_file_is_valid() {
    let file = load_bytes("okrs/fuzz.yaml".into(), VALID.as_bytes());
    assert!(file.valid().is_some(), "{:?}", file.diagnostics);
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let file = load_bytes("okrs/fuzz.yaml".into(), &bytes);
        assert_sound(&bytes, &file)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let file = load_bytes("okrs/fuzz.yaml".into(), text.as_bytes());
        assert_sound(text.as_bytes(), &file)?;
    }

    #[test]
    fn near_valid_files_never_panic(mutations in proptest::collection::vec(mutation(), 1..5)) {
        let text = mutations.iter().fold(VALID.to_string(), |text, m| apply(&text, m));
        let file = load_bytes("okrs/fuzz.yaml".into(), text.as_bytes());
        assert_sound(text.as_bytes(), &file)?;
    }
}
