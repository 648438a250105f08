//! Source positions for values of a parsed file, found by path
//! (`objectives[0].key_results[1].target`, the same notation serde_yaml uses in
//! its errors).
//!
//! serde_yaml reports a position only for the first error it meets. The checks
//! that run on the typed model need positions too, so a file that has findings
//! has its spanned document (`super::document`) indexed by path. Valid files
//! with no findings never pay for it.
//!
//! The index is bounded for hostile input: it stops at [`MAX_DEPTH`] levels
//! of nesting (an OKR file has six) and shortens keys longer than
//! [`MAX_KEY_LEN`], so that every path stays short and building the index is
//! linear in the size of the file.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::collections::HashMap;

pub use crate::diagnostic::{Pos, Span};
use crate::source::document::{Document, Kind};

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The key of a mapping entry (none for sequence items and the root).
    key: Option<Span>,
    /// The value: a scalar's own span; a collection's up to its last scalar.
    value: Span,
}

/// Positions of every node of a YAML document, by path.
#[derive(Debug, Default)]
pub struct SourceIndex {
    entries: HashMap<String, Entry>,
    /// The text of `id` and `date` values, to name objectives, key results and
    /// check-ins in messages even when the file does not parse.
    names: HashMap<String, String>,
}

/// Nesting deeper than this is not indexed: the paths asked for are at most
/// six levels deep, and each level lengthens every path below it.
pub use crate::source::document::MAX_DEPTH;

/// Keys longer than this are indexed under a stand-in: no field name is
/// that long, and copying a long key into the path of every node below it
/// would make the index quadratic in size.
pub const MAX_KEY_LEN: usize = 128;

/// The stand-in for a key longer than [`MAX_KEY_LEN`].
const LONG_KEY: &str = "\0long";

/// The path of what a complex (mapping, sequence or alias) key holds, and
/// the key of its value: paths nobody asks for.
const COMPLEX_KEY: &str = "?";

/// Indexes the document depth first, in the order it is written.
struct Indexer<'a> {
    doc: &'a Document,
    index: &'a mut SourceIndex,
    /// Where the last scalar or alias read ended: a collection ends there.
    last_end: Pos,
}

impl Indexer<'_> {
    /// Indexes the node at `at` under `path` (its key's span, if it has one).
    fn node(&mut self, at: usize, path: String, key: Option<Span>) {
        let Some(node) = self.doc.node(at) else {
            return;
        };
        // A collection that does not close (a syntax error) is its first token.
        let span = node.span();
        self.index
            .entries
            .insert(path.clone(), Entry { key, value: span });
        match &node.kind {
            Kind::Scalar { text, .. } => {
                self.last_end = span.end;
                if path.ends_with(".id") || path.ends_with(".date") {
                    self.index.names.insert(path, text.to_string());
                }
            }
            Kind::Alias(_) => self.last_end = span.end,
            Kind::Opaque => {}
            Kind::Seq(items) => {
                for (number, &child) in items.iter().enumerate() {
                    self.node(child, item(&path, number), None);
                }
                self.close(node, &path);
            }
            Kind::Map(entries) => {
                for &(k, v) in entries {
                    let Some(key_node) = self.doc.node(k) else {
                        continue;
                    };
                    let key_span = key_node.span();
                    let name = match &key_node.kind {
                        Kind::Scalar { text, .. } if text.len() > MAX_KEY_LEN => LONG_KEY,
                        Kind::Scalar { text, .. } => {
                            self.last_end = key_span.end;
                            text
                        }
                        // A complex key gets a path nobody asks for.
                        _ => {
                            self.node(k, COMPLEX_KEY.to_string(), None);
                            COMPLEX_KEY
                        }
                    };
                    if name == LONG_KEY {
                        self.last_end = key_span.end;
                    }
                    self.node(v, child(&path, name), Some(key_span));
                }
                self.close(node, &path);
            }
        }
    }

    /// A closed collection ends where the last scalar in it ended.
    fn close(&mut self, node: &crate::source::document::Node, path: &str) {
        if !node.closed {
            return;
        }
        if let Some(entry) = self.index.entries.get_mut(path) {
            entry.value.end = self.last_end.max(entry.value.start);
        }
    }
}

/// Joins a mapping key onto a path.
pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Joins a sequence index onto a path.
pub fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

impl SourceIndex {
    /// Indexes the document of `source`, for the tests.
    #[cfg(test)]
    pub fn build(source: &str) -> SourceIndex {
        SourceIndex::of(&Document::read(source))
    }

    /// Indexes `doc`. A document cut short by a syntax error is indexed as
    /// far as it was read.
    pub fn of(doc: &Document) -> SourceIndex {
        let mut index = SourceIndex::default();
        if let Some(root) = doc.root {
            let mut indexer = Indexer {
                doc,
                index: &mut index,
                last_end: Pos::START,
            };
            indexer.node(root, String::new(), None);
        }
        index
    }
    /// The text of the `id` or `date` value at `path`.
    pub fn name(&self, path: &str) -> Option<&str> {
        self.names.get(path).map(String::as_str)
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.value_span(path).map(|s| s.start)
    }

    /// Where the key of the entry at `path` starts (its value's position for
    /// sequence items).
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.key_span(path).map(|s| s.start)
    }

    /// The span of the value at `path`.
    pub fn value_span(&self, path: &str) -> Option<Span> {
        self.entries.get(path).map(|e| e.value)
    }

    /// The span of the key of the entry at `path` (its value's for sequence items).
    pub fn key_span(&self, path: &str) -> Option<Span> {
        self.entries.get(path).map(|e| e.key.unwrap_or(e.value))
    }

    /// The span of the key and value of the entry at `path`, from the key's
    /// start to the value's end.
    pub fn entry_span(&self, path: &str) -> Option<Span> {
        self.entries.get(path).map(|e| Span {
            start: e.key.map_or(e.value.start, |k| k.start),
            end: e.value.end,
        })
    }

    /// The position of the value at `path`, else of its nearest ancestor that
    /// has one, else the start of the file.
    pub fn value_or_parent(&self, path: &str) -> Pos {
        self.value_span_or_parent(path).start
    }

    /// [`Self::value_or_parent`], as a span.
    pub fn value_span_or_parent(&self, path: &str) -> Span {
        let mut path = path;
        loop {
            if let Some(span) = self.value_span(path) {
                return span;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = path.get(..cut).unwrap_or_default(),
                None => return self.value_span("").unwrap_or(Span::START),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
quarter: 2026-Q4
team: devrel
objectives:
  - id: api-pain
    key_results:
      - id: tickets
        baseline: 120
        target: 60
        checkins:
          - { date: 2026-10-06, value: 118 }
          - date: 2026-11-10
            value: 95
";

    #[test]
    fn finds_values_and_keys_by_path() {
        let index = SourceIndex::build(SOURCE);
        let at = |line, column| Some(Pos { line, column });
        assert_eq!(index.value("quarter"), at(1, 10));
        assert_eq!(index.key("team"), at(2, 1));
        assert_eq!(index.value("objectives[0]"), at(4, 5));
        assert_eq!(index.value("objectives[0].id"), at(4, 9));
        assert_eq!(
            index.value("objectives[0].key_results[0].target"),
            at(8, 17)
        );
        assert_eq!(index.key("objectives[0].key_results[0].target"), at(8, 9));
        assert_eq!(
            index.value("objectives[0].key_results[0].checkins[0].date"),
            at(10, 21)
        );
        assert_eq!(
            index.value("objectives[0].key_results[0].checkins[1].value"),
            at(12, 20)
        );
        assert_eq!(index.value("objectives[1]"), None);
        assert_eq!(
            index.name("objectives[0].key_results[0].id"),
            Some("tickets")
        );
        assert_eq!(
            index.name("objectives[0].key_results[0].checkins[1].date"),
            Some("2026-11-10")
        );
        assert_eq!(
            index.value_or_parent("objectives[0].key_results[0].grade"),
            Pos { line: 6, column: 9 }
        );
    }

    #[test]
    fn stays_small_on_deep_nesting_and_long_keys() {
        let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
        let index = SourceIndex::build(&deep);
        assert!(index.entries.len() <= MAX_DEPTH + 1);
        let deep_block: String = (0..5_000)
            .map(|i| format!("{}a:\n", "  ".repeat(i)))
            .collect();
        let index = SourceIndex::build(&deep_block);
        assert!(index.entries.len() <= MAX_DEPTH + 1);

        let long = "k".repeat(1_000);
        let source = format!("{long}:\n  - 1\n  - 2\nid: x\n");
        let index = SourceIndex::build(&source);
        assert!(index.entries.keys().all(|path| path.len() < 64));
        assert_eq!(index.value("id"), Some(Pos { line: 4, column: 5 }));
    }

    #[test]
    fn survives_broken_and_odd_input() {
        let index = SourceIndex::build("a: [1, 2\nb: {");
        assert_eq!(index.value("a[0]"), Some(Pos { line: 1, column: 5 }));
        let index = SourceIndex::build("? [a, b]\n: 1\nc: 2\n");
        assert_eq!(index.value("c"), Some(Pos { line: 3, column: 4 }));
        assert_eq!(SourceIndex::build("").value_or_parent("x.y"), Pos::START);
    }
}
