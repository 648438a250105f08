//! Randomly mutated files (re-indented, spliced, reordered lines) read the
//! same by both paths whenever the fast path reads them at all.

use proptest::prelude::*;

use super::values::VALUES;
use super::{agrees, BASE};

/// One change to a file's lines.
#[derive(Debug, Clone)]
enum Mutation {
    Indent(usize, i8),
    Insert(usize, String),
    Delete(usize),
    Swap(usize),
    Splice(usize, usize, String),
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(VALUES).prop_map(str::to_string),
        proptest::sample::select(vec![
            "# c",
            " #c",
            "- ",
            "-",
            ":",
            ": ",
            "  ",
            "\t",
            "\r",
            "---",
            "...",
            "id: x",
            "- id: x",
            "key_results:",
            "checkins:",
            "  - date: 2026-10-06",
            "    value: 1",
            "'",
            "\"",
            "[",
            "]",
            "{",
            "}",
            "&a ",
            "*a",
            "!",
            "|",
            ">",
            "?",
            "%",
            "\u{a0}",
            "\u{2028}",
        ])
        .prop_map(str::to_string),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..40, -3i8..=3).prop_map(|(l, d)| Mutation::Indent(l, d)),
        (0usize..40, token()).prop_map(|(l, t)| Mutation::Insert(l, t)),
        (0usize..40).prop_map(Mutation::Delete),
        (0usize..40).prop_map(Mutation::Swap),
        (0usize..40, 0usize..60, token()).prop_map(|(l, c, t)| Mutation::Splice(l, c, t)),
    ]
}

fn mutate(mutations: &[Mutation], crlf: bool) -> String {
    let mut lines: Vec<String> = BASE.lines().map(str::to_string).collect();
    for m in mutations {
        let len = lines.len();
        match m.clone() {
            Mutation::Indent(l, d) if l < len => {
                let line = &mut lines[l];
                if d > 0 {
                    line.insert_str(0, &" ".repeat(d as usize));
                } else {
                    let drop = (-d as usize).min(line.len() - line.trim_start_matches(' ').len());
                    line.drain(..drop);
                }
            }
            Mutation::Insert(l, t) => lines.insert(l.min(len), t),
            Mutation::Delete(l) if l < len => {
                lines.remove(l);
            }
            Mutation::Swap(l) if l + 1 < len => lines.swap(l, l + 1),
            Mutation::Splice(l, c, t) if l < len => {
                let line = &mut lines[l];
                let mut at = c.min(line.len());
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.insert_str(at, &t);
            }
            _ => {}
        }
    }
    lines.join(if crlf { "\r\n" } else { "\n" })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Mutated files (re-indented, spliced, reordered lines) read the same
    /// by both paths whenever the fast path reads them at all.
    #[test]
    fn mutated_files_read_the_same_or_are_declined(
        mutations in proptest::collection::vec(mutation(), 1..4),
        crlf in any::<bool>(),
    ) {
        agrees(&mutate(&mutations, crlf));
    }
}
