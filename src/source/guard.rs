//! Bounds on what a file may cost to read, checked before serde sees it.
//!
//! serde_yaml (libyaml) reads a whole document into memory before it
//! deserializes, at several hundred bytes per value, and a broken file is
//! parsed again for what it still says; 15 million one-digit values in a
//! 30 MB file took 9 GB. Deep flow nesting (`[[[[…`) costs libyaml time
//! quadratic in the depth (50,000 levels: minutes) before serde's own depth
//! limit is reached. And serde_yaml expands every alias (`*name`) into a copy
//! of its anchored node: its repetition limit counts alias jumps, not the
//! values they copy, so a small file of aliases to long anchored lists (a
//! "billion laughs" bomb) can still build billions of values.
//!
//! So, cheapest first:
//! 1. [`scan_text`] reads the raw text once: flow nesting depth, flow
//!    collections in key position that run on (saphyr-parser keeps every
//!    token of those until they close: 1 GB for a 6 MB `[1,1,1,…`), and an
//!    upper bound on the number of values from the YAML indicators.
//! 2. Only when that bound is over [`MAX_VALUES`], or the text has a `*`,
//!    [`bounds`] reads the file's spanned document (`super::document`),
//!    whose one pass counts values as written and as aliases expand them,
//!    without expanding anything.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use crate::diagnostic::Pos;
use crate::source::document::{Document, Stop};

/// The bounds on values that a file's document counts as it is read.
pub use crate::source::document::{MAX_ALIAS_VALUES, MAX_VALUES};

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused. An
/// OKR file written entirely in flow style is 7 levels deep.
pub const MAX_FLOW_DEPTH: usize = 64;

/// A flow collection that starts where a key could (`- {…}`, or a line that
/// starts with `[`) may run on for this many bytes: a check-in written
/// `- { date: …, value: … }` takes 50.
pub const MAX_KEY_FLOW_BYTES: usize = 64 * 1024;

/// Every bound of this module, cheapest first; the document is read only
/// when the text's own bound does not settle it.
pub fn check(source: &str) -> Result<(), (Pos, String)> {
    let bound = scan_text(source)?;
    if !needs_count(source, bound) {
        return Ok(());
    }
    bounds(&Document::read(source))
}

/// Checks the flow nesting of `source` and returns an upper bound on the
/// number of values it holds. Brackets are counted everywhere, in quotes and
/// comments too: telling those apart would take a YAML parser, the thing being
/// protected, and 64 unclosed brackets in an OKR file are never meant.
pub fn scan_text(source: &str) -> Result<u64, (Pos, String)> {
    let mut depth: usize = 0;
    // Where an open flow collection in key position started: position and byte offset.
    let mut key_flow: Option<(Pos, usize)> = None;
    // Every value needs an indicator or a line of its own: `:` and `?` make a
    // key and a value, `,` may too in a flow mapping, `[` and `{` a
    // collection and its first entry, `-` and `*` one value, a line one.
    let mut bound: u64 = 1;
    let mut offset = 0;
    for (number, text) in source.split('\n').enumerate() {
        let line = number + 1;
        bound += 1;
        let key_at = if depth == 0 {
            Some(text.len() - key_position(text).len())
        } else {
            None
        };
        // Every character that matters is ASCII, so bytes will do; a column
        // (in characters) is worked out only where one is needed.
        let column_at = |at: usize| text.get(..at).map_or(at, |p| p.chars().count()) + 1;
        for (at, byte) in text.bytes().enumerate() {
            match byte {
                b'[' | b'{' => {
                    bound += 3;
                    if depth == 0 && key_at == Some(at) {
                        key_flow = Some((
                            Pos {
                                line,
                                column: column_at(at),
                            },
                            offset + at,
                        ));
                    }
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err((
                            Pos {
                                line,
                                column: column_at(at),
                            },
                            format!(
                                "the YAML is nested too deeply (more than {MAX_FLOW_DEPTH} levels of `[` and `{{`); an OKR file is only a few levels deep"
                            ),
                        ));
                    }
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        if let Some((pos, start)) = key_flow.take() {
                            check_key_flow(pos, offset + at - start)?;
                        }
                    }
                }
                b':' | b'?' | b',' => bound += 2,
                b'-' | b'*' => bound += 1,
                _ => {}
            }
        }
        offset += text.len() + 1;
        if let Some((pos, start)) = key_flow {
            check_key_flow(pos, offset - start)?;
        }
    }
    Ok(bound)
}

/// An error when a flow collection in key position, starting at `pos`, is
/// `len` bytes long so far.
fn check_key_flow(pos: Pos, len: usize) -> Result<(), (Pos, String)> {
    if len <= MAX_KEY_FLOW_BYTES {
        return Ok(());
    }
    Err((
        pos,
        format!(
            "this `[`/`{{` list runs on for more than {} kB: write long lists one item per line (`- item`), and check that its brackets close",
            MAX_KEY_FLOW_BYTES / 1024
        ),
    ))
}

/// What is left of `line` after indentation, block indicators (`- `, `? `,
/// `--- `), anchors and tags, where a flow collection would start in key
/// position.
fn key_position(line: &str) -> &str {
    let mut rest = line.trim_start_matches([' ', '\t']);
    loop {
        let next = ["- ", "-\t", "? ", "?\t", "--- "]
            .iter()
            .find_map(|indicator| rest.strip_prefix(indicator))
            // An anchor or a tag before the collection: `- &a [`, `!!seq [`.
            .or_else(|| {
                rest.starts_with(['&', '!'])
                    .then(|| rest.split_once([' ', '\t']).map(|(_, after)| after))
                    .flatten()
            });
        match next {
            Some(after) => rest = after.trim_start_matches([' ', '\t']),
            None => return rest,
        }
    }
}

/// An error (position and message) when `source` holds more than
/// [`MAX_VALUES`] values, its aliases expand into too many, or saphyr-parser
/// finds it is not valid YAML: read from its [`Document`], whose one pass
/// counts the values as written and as aliases expand them, without
/// expanding anything.
pub fn bounds(document: &Document) -> Result<(), (Pos, String)> {
    match &document.stop {
        None => Ok(()),
        // libyaml accepts some YAML that saphyr-parser does not (flow
        // content at column 0, say), and would then read it unbounded:
        // the file is refused here, with saphyr's reason.
        Some(Stop::Syntax { at, reason }) => Err((
            *at,
            format!("YAML syntax error: {reason}; check the indentation and quoting here"),
        )),
        Some(Stop::TooManyValues { at }) => Err((
            *at,
            format!(
                "this file holds more than {MAX_VALUES} YAML values, and is not read further; an OKR file holds a few hundred"
            ),
        )),
        Some(Stop::AliasBomb { at, expanded }) => Err((
            *at,
            format!(
                "the aliases (`*name`) in this file expand into more than {expanded} values (a YAML alias bomb?); write the values out instead"
            ),
        )),
    }
}

/// Whether the text's value count must be read from its document: its
/// bound is over [`MAX_VALUES`], or it has a `*` (an alias may expand).
pub fn needs_count(source: &str, bound: u64) -> bool {
    bound > MAX_VALUES || source.contains('*')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nine levels of nine aliases each: 9^9 (387 million) values.
    fn laughs() -> String {
        let mut text = "a: &a [x, x, x, x, x, x, x, x, x]\n".to_string();
        for level in 1..9u8 {
            let name = char::from(b'a' + level);
            let prev = char::from(b'a' + level - 1);
            let refs = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        text
    }

    #[test]
    fn refuses_deep_flow_nesting() {
        let deep = format!("a: b\nc: {}{}", "[".repeat(1000), "]".repeat(1000));
        let (pos, message) = scan_text(&deep).unwrap_err();
        let column = 4 + MAX_FLOW_DEPTH;
        assert_eq!(pos, Pos { line: 2, column });
        assert!(message.contains("nested too deeply"), "{message}");
        assert!(scan_text(&"[a], ".repeat(10_000)).is_ok());
        assert!(scan_text("]]]]] [[[ ]]]").is_ok());
    }

    #[test]
    fn refuses_long_flow_collections_in_key_position() {
        let items = "1,\n".repeat(MAX_KEY_FLOW_BYTES);
        for open in [
            "[",
            "- [",
            "  - - {",
            "? [",
            "--- [",
            "- &a [",
            "!!seq [",
            "- &a !!seq [",
        ] {
            let text = format!("a: 1\n{open}{items}1]\n");
            let (pos, message) = scan_text(&text).unwrap_err();
            assert_eq!(
                pos,
                Pos {
                    line: 2,
                    column: open.len()
                },
                "{open}"
            );
            assert!(message.contains("one item per line"), "{message}");
        }
        // On one line, closed.
        let line = format!("- [{}1]\n", "1,".repeat(MAX_KEY_FLOW_BYTES));
        assert!(scan_text(&line).is_err());
        // As a value it cannot be a key: counted, not refused.
        assert!(scan_text(&format!("a: [{items}1]\n")).is_ok());
        // Long text with brackets that close is fine.
        assert!(scan_text(&format!("- {}\n", "[x] ".repeat(MAX_KEY_FLOW_BYTES))).is_ok());
    }

    #[test]
    fn bounds_the_number_of_values() {
        for text in [
            "a",
            "a: 1\nb:\n  - x\n  -\n  - { c, d: }\n",
            "[a, b, [c], {d}, {e: f, g}]",
            "? a\n: b\n? \n",
            "- - - -\n",
            "{a, b, c}",
            "---\n---\n- x\n",
        ] {
            let doc = Document::read(text);
            assert_eq!(doc.stop, None, "{text:?}");
            let values = doc.values;
            let bound = scan_text(text).unwrap();
            assert!(bound >= values, "{text:?}: {values} values, bound {bound}");
        }
    }

    #[test]
    fn refuses_an_alias_bomb() {
        let (pos, message) = bounds(&Document::read(&laughs())).unwrap_err();
        assert!(pos.line > 1, "{pos:?}");
        assert!(message.contains("alias bomb"), "{message}");
    }

    #[test]
    fn refuses_wide_aliases_to_a_long_list() {
        // Few jumps, each to a long list: serde_yaml's own limit lets this pass.
        let list = vec!["1"; 20_000].join(", ");
        let refs = vec!["*a"; 1_000].join(", ");
        let text = format!("a: &a [{list}]\nb: [{refs}]\n");
        assert!(bounds(&Document::read(&text)).is_err());
    }

    #[test]
    fn refuses_too_many_values() {
        let text = format!("a: [{}1]\n", "1,".repeat(MAX_VALUES as usize));
        let (pos, message) = check(&text).unwrap_err();
        assert_eq!(pos.line, 1);
        assert!(message.contains("YAML values"), "{message}");
        let fine = format!("a: [{}1]\n", "1,".repeat(MAX_VALUES as usize / 2));
        assert_eq!(check(&fine), Ok(()));
    }

    #[test]
    fn allows_ordinary_anchors_and_stars_in_text() {
        let text = "\
base: &base { baseline: 0, target: 10 }
a: *base
b: *base
title: \"*important* work\"
";
        assert_eq!(bounds(&Document::read(text)), Ok(()));
        assert_eq!(bounds(&Document::read("title: 5 * 3\n")), Ok(()));
        // saphyr-parser's reasons stand in for serde's when it must scan.
        let (_, message) = check("a: *unknown\n").unwrap_err();
        assert!(message.starts_with("YAML syntax error: "), "{message}");
    }
}
