//! Bounds on what a file may cost to read, checked before serde sees it.
//!
//! serde_yaml expands every alias (`*name`) into a copy of its anchored node
//! while deserializing. Its own repetition limit counts alias jumps, not the
//! values they copy, so a small file of aliases to large anchored lists (a
//! "billion laughs" bomb) can still make it build billions of values. This
//! scan counts what the aliases expand into, without expanding anything, and
//! refuses a file whose aliases add far more values than it writes out.
//!
//! Deep flow nesting (`[[[[…` or `{a: {a: …`) costs libyaml time quadratic in
//! the depth (50,000 levels: minutes), before serde's own depth limit is
//! reached. [`check_depth`] refuses it first, from the raw text.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::collections::HashMap;

use saphyr_parser::{Event, Parser};

use crate::locate::Pos;

/// Aliases may add this many values to a file, or as many as the file writes
/// out, whichever is more. A hand-written OKR file that uses anchors at all
/// adds a few dozen.
pub const MAX_ALIAS_VALUES: u64 = 100_000;

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused. An
/// OKR file written entirely in flow style is 7 levels deep.
pub const MAX_FLOW_DEPTH: usize = 64;

/// An error when `source` opens more than [`MAX_FLOW_DEPTH`] brackets without
/// closing them. Brackets are counted everywhere, in quotes and comments too:
/// telling those apart would take a YAML parser, the thing being protected,
/// and 64 unclosed brackets in an OKR file are never meant.
pub fn check_depth(source: &str) -> Result<(), (Pos, String)> {
    let mut depth: usize = 0;
    let mut line = 1;
    let mut column = 0;
    for c in source.chars() {
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
            }
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err((
                        Pos { line, column },
                        format!(
                            "the YAML is nested too deeply (more than {MAX_FLOW_DEPTH} levels of `[` and `{{`); an OKR file is only a few levels deep"
                        ),
                    ));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// An error (position and message) when the aliases of `source` expand into
/// too many values. Text without `*` has no aliases and is not scanned.
pub fn check_aliases(source: &str) -> Result<(), (Pos, String)> {
    if !source.contains('*') {
        return Ok(());
    }
    // Expanded size of each anchored node, by anchor id.
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    // Open collections: their anchor and expanded size so far.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut written: u64 = 0;
    let mut expanded: u64 = 0;
    for event in Parser::new_from_str(source) {
        // A syntax error ends the scan; serde_yaml reports it.
        let Ok((event, span)) = event else { break };
        let (anchor, size) = match event {
            Event::Scalar(_, _, anchor, _) => {
                written += 1;
                expanded = expanded.saturating_add(1);
                (anchor, 1)
            }
            Event::Alias(id) => {
                let size = sizes.get(&id).copied().unwrap_or(1);
                expanded = expanded.saturating_add(size);
                written += 1;
                if expanded.saturating_sub(written) > MAX_ALIAS_VALUES.max(written) {
                    let pos = Pos {
                        line: span.start.line().max(1),
                        column: span.start.col() + 1,
                    };
                    return Err((
                        pos,
                        format!(
                            "the aliases (`*name`) in this file expand into more than {expanded} values (a YAML alias bomb?); write the values out instead"
                        ),
                    ));
                }
                (0, size)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                open.push((anchor, 1));
                written += 1;
                expanded = expanded.saturating_add(1);
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                Some(closed) => closed,
                None => continue,
            },
            _ => continue,
        };
        if anchor != 0 {
            sizes.insert(anchor, size);
        }
        if let Some((_, total)) = open.last_mut() {
            *total = total.saturating_add(size);
        }
    }
    Ok(())
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
        let (pos, message) = check_depth(&deep).unwrap_err();
        assert_eq!(
            pos,
            Pos {
                line: 2,
                column: 4 + MAX_FLOW_DEPTH
            }
        );
        assert!(message.contains("nested too deeply"), "{message}");
        let wide = "[a], ".repeat(10_000);
        assert_eq!(check_depth(&wide), Ok(()));
        assert_eq!(check_depth("]]]]] [[[ ]]]"), Ok(()));
    }

    #[test]
    fn refuses_an_alias_bomb() {
        let (pos, message) = check_aliases(&laughs()).unwrap_err();
        assert!(pos.line > 1, "{pos:?}");
        assert!(message.contains("alias bomb"), "{message}");
    }

    #[test]
    fn refuses_wide_aliases_to_a_long_list() {
        // Few jumps, each to a long list: serde_yaml's own limit lets this pass.
        let list = vec!["1"; 20_000].join(", ");
        let refs = vec!["*a"; 1_000].join(", ");
        let text = format!("a: &a [{list}]\nb: [{refs}]\n");
        assert!(check_aliases(&text).is_err());
    }

    #[test]
    fn allows_ordinary_anchors_and_stars_in_text() {
        let text = "\
base: &base { baseline: 0, target: 10 }
a: *base
b: *base
title: \"*important* work\"
";
        assert_eq!(check_aliases(text), Ok(()));
        assert_eq!(check_aliases("title: 5 * 3\n"), Ok(()));
        assert_eq!(check_aliases("a: *unknown\n"), Ok(()));
    }
}
