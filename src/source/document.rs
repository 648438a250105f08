//! The spanned document of a file: one saphyr-parser pass over its text
//! into nodes with byte offsets, lines and columns, scalar styles and tags,
//! each alias pointing at the node its anchor names.
//!
//! Every reader of how a file is written reads this document instead of
//! parsing the text again: the guard's bounds ([`super::guard`]), the
//! all-errors walk ([`super::walk`]), the positions of findings
//! ([`super::locate`]) and the check-in splice (`crate::edit`). It is the
//! only module that imports saphyr-parser. What the file means (the model)
//! is serde_yaml's, or the fast path's (`super::fast`).
//!
//! The pass is bounded for hostile input, the same way for every reader:
//! collections nested deeper than [`MAX_DEPTH`] become one [`Kind::Opaque`]
//! node, and it stops (with a [`Stop`]) at a syntax error, past
//! [`MAX_VALUES`] values, or when aliases would expand into too many values
//! ([`MAX_ALIAS_VALUES`]); aliases are never expanded. Only the first YAML
//! document is kept; the rest of the stream is read for its bounds and
//! syntax only.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle};

use crate::diagnostic::{Pos, Span};

/// Collections nested deeper than this are not read (an OKR file has six levels).
pub const MAX_DEPTH: usize = 32;

/// The most YAML values (scalars, lists, mappings, aliases, as written) a file
/// may hold: 50,000 key results with a check-in each, far beyond any real
/// OKR file, and about 300 MB at most while it is read.
pub const MAX_VALUES: u64 = 1_000_000;

/// Aliases may add this many values to a file, or as many as the file writes
/// out, whichever is more. A hand-written OKR file that uses anchors at all
/// adds a few dozen.
pub const MAX_ALIAS_VALUES: u64 = 100_000;

/// A place in the text: its byte offset, and its line and column (in
/// characters, both from 1) as the parser counts them. Held in 32 bits each
/// (a file is at most 32 MiB) to keep the document small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    byte: u32,
    line: u32,
    column: u32,
}

impl Mark {
    fn new(byte: usize, pos: Pos) -> Mark {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Mark {
            byte: small(byte),
            line: small(pos.line),
            column: small(pos.column),
        }
    }

    /// The byte offset.
    pub fn byte(self) -> usize {
        self.byte as usize
    }

    /// The line and column.
    pub fn pos(self) -> Pos {
        Pos {
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`
    Literal,
    /// `>`
    Folded,
}

impl Style {
    fn of(style: ScalarStyle) -> Style {
        match style {
            ScalarStyle::Plain => Style::Plain,
            ScalarStyle::SingleQuoted => Style::SingleQuoted,
            ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            ScalarStyle::Literal => Style::Literal,
            ScalarStyle::Folded => Style::Folded,
        }
    }

    /// A block scalar (`|` or `>`).
    pub fn is_block(self) -> bool {
        matches!(self, Style::Literal | Style::Folded)
    }
}

/// A scalar's tag, as far as reading it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    None,
    /// `!!str`: always text.
    Str,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Entries as (key node, value node).
    Map(Vec<(usize, usize)>),
    Seq(Vec<usize>),
    Scalar {
        text: Box<str>,
        style: Style,
        tag: Tag,
    },
    /// `*name`: the node its anchor names (`None` for an anchor not
    /// defined, or not complete, before it).
    Alias(Option<usize>),
    /// A collection nested too deeply to read.
    Opaque,
}

/// One node of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Where it starts.
    pub start: Mark,
    /// Where it ends: a scalar's last character (as the parser marks it), a
    /// collection's closing event (after `]` or `}`; for a block collection,
    /// where the next token starts).
    pub end: Mark,
    /// A collection: where its closing event starts (a flow collection's
    /// `]` or `}`); a scalar: its end.
    pub close: Mark,
    /// A flow collection (`[…]`, `{…}`).
    pub flow: bool,
    /// Read to its end (a collection closed before a syntax error, if any).
    pub closed: bool,
}

impl Node {
    /// From its start to its end, in lines and columns.
    pub fn span(&self) -> Span {
        Span {
            start: self.start.pos(),
            end: self.end.pos(),
        }
    }

    /// The scalar's text.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A scalar whose value the YAML core schema resolves (plain, and not
    /// tagged `!!str`); quoted and block scalars are always text.
    pub fn is_plain(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { style: Style::Plain, tag, .. }
            if *tag != Tag::Str)
    }
}

/// Why reading stopped before the end of the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Stop {
    /// Not valid YAML: where, and the parser's reason.
    Syntax { at: Pos, reason: String },
    /// More than [`MAX_VALUES`] values.
    TooManyValues { at: Pos },
    /// The aliases expand into `expanded` values, too many.
    AliasBomb { at: Pos, expanded: u64 },
}

/// The first YAML document of a text, as written.
#[derive(Debug, Default)]
pub struct Document {
    pub nodes: Vec<Node>,
    pub root: Option<usize>,
    /// The first document was read to its end.
    pub complete: bool,
    /// Why the stream was not read to its end, if it was not.
    pub stop: Option<Stop>,
    /// The values (scalars, aliases, collections) of every document of the
    /// stream, as written, as far as it was read.
    pub values: u64,
}

/// A file's text and its document, read the first time it is asked for and
/// then shared by every reader: a valid file in the plain style never pays
/// for it, and no file reads it twice.
#[derive(Debug)]
pub struct SourceText<'a> {
    source: &'a str,
    document: std::cell::OnceCell<Document>,
}

impl<'a> SourceText<'a> {
    pub fn new(source: &'a str) -> SourceText<'a> {
        SourceText {
            source,
            document: std::cell::OnceCell::new(),
        }
    }

    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The document, read now if it was not yet.
    pub fn document(&self) -> &Document {
        self.document.get_or_init(|| Document::read(self.source))
    }

    /// The document, if something asked for it.
    pub fn read_document(&self) -> Option<&Document> {
        self.document.get()
    }

    /// The document, read now if it was not yet, to keep.
    pub fn into_document(self) -> Document {
        let source = self.source;
        self.document
            .into_inner()
            .unwrap_or_else(|| Document::read(source))
    }
}

/// A collection being read.
struct Open {
    node: usize,
    /// The key read whose value comes next (mappings only).
    key: Option<usize>,
    anchor: usize,
}

/// Char index → byte offset, for indexes that mostly move forward.
struct Bytes<'a> {
    text: &'a str,
    /// Every character is one byte: the index is the offset.
    ascii: bool,
    chars: usize,
    byte: usize,
    /// The text ends lines with more than `\n` (a lone `\r`, NEL, LS, PS),
    /// which the parser counts and okr does not: positions are then worked
    /// out from the byte offsets.
    odd_breaks: bool,
    /// The last position worked out that way: byte offset, line and column.
    at: (usize, usize, usize),
}

impl Bytes<'_> {
    fn of(&mut self, index: usize) -> usize {
        if self.ascii {
            return index.min(self.text.len());
        }
        while self.chars < index {
            let Some(c) = self.text.get(self.byte..).and_then(|t| t.chars().next()) else {
                break;
            };
            self.byte += c.len_utf8();
            self.chars += 1;
        }
        while self.chars > index {
            let Some(c) = self
                .text
                .get(..self.byte)
                .and_then(|t| t.chars().next_back())
            else {
                break;
            };
            self.byte -= c.len_utf8();
            self.chars -= 1;
        }
        self.byte
    }

    fn mark(&mut self, marker: Marker) -> Mark {
        let byte = self.of(marker.index());
        let pos = if self.odd_breaks {
            self.pos_of_byte(byte)
        } else {
            pos_of(marker)
        };
        Mark::new(byte, pos)
    }

    /// The line and column of `byte`, counting only `\n` as a line break;
    /// from the last one worked out when it lies ahead (so reading a text is
    /// linear), else from the start of its line.
    fn pos_of_byte(&mut self, byte: usize) -> Pos {
        let (mut from, mut line, mut column) = self.at;
        if byte < from {
            let before = self.text.get(..byte).unwrap_or(self.text);
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let lines = before.matches('\n').count();
            (from, line, column) = (start, lines + 1, 1);
        }
        for c in self.text.get(from..byte).unwrap_or_default().chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        self.at = (byte, line, column);
        Pos { line, column }
    }
}

/// The position of a parser marker.
fn pos_of(marker: Marker) -> Pos {
    Pos {
        line: marker.line().max(1),
        column: marker.col() + 1,
    }
}

/// Counts values as written and as aliases expand them, without expanding
/// anything (the bounds of [`super::guard`]).
#[derive(Default)]
struct Count {
    /// Expanded size of each anchored node, by anchor id.
    sizes: HashMap<usize, u64>,
    /// Open collections: their anchor and expanded size so far.
    open: Vec<(usize, u64)>,
    written: u64,
    expanded: u64,
}

impl Count {
    /// Counts `event`; `at` says where it starts, when it must be said.
    fn event(&mut self, event: &Event<'_>, at: &mut dyn FnMut() -> Pos) -> Result<(), Stop> {
        if self.written > MAX_VALUES {
            return Err(Stop::TooManyValues { at: at() });
        }
        let (anchor, size) = match *event {
            Event::Scalar(_, _, anchor, _) => {
                self.written += 1;
                self.expanded = self.expanded.saturating_add(1);
                (anchor, 1)
            }
            Event::Alias(id) => {
                let size = self.sizes.get(&id).copied().unwrap_or(1);
                self.expanded = self.expanded.saturating_add(size);
                self.written += 1;
                if self.expanded.saturating_sub(self.written) > MAX_ALIAS_VALUES.max(self.written) {
                    return Err(Stop::AliasBomb {
                        at: at(),
                        expanded: self.expanded,
                    });
                }
                (0, size)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.open.push((anchor, 1));
                self.written += 1;
                self.expanded = self.expanded.saturating_add(1);
                return Ok(());
            }
            Event::SequenceEnd | Event::MappingEnd => match self.open.pop() {
                Some(closed) => closed,
                None => return Ok(()),
            },
            _ => return Ok(()),
        };
        if anchor != 0 {
            self.sizes.insert(anchor, size);
        }
        if let Some((_, total)) = self.open.last_mut() {
            *total = total.saturating_add(size);
        }
        Ok(())
    }
}

impl Document {
    /// Reads `source` in one pass. A text that is not valid YAML, or too
    /// large, keeps what was read before the [`Stop`].
    pub fn read(source: &str) -> Document {
        #[cfg(test)]
        crate::source::reads::note("document", source);
        let mut doc = Document::default();
        let mut bytes = Bytes {
            text: source,
            ascii: source.is_ascii(),
            chars: 0,
            byte: 0,
            odd_breaks: source
                .replace("\r\n", "\n")
                .contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']),
            at: (0, 1, 1),
        };
        let mut count = Count::default();
        let mut stack: Vec<Open> = Vec::new();
        let mut anchors: HashMap<usize, usize> = HashMap::new();
        // How many collections deep we are inside one that is not read.
        let mut skipping = 0usize;
        // Past the first document: only counted.
        let mut done = false;
        for event in Parser::new_from_str(source) {
            let (event, marks) = match event {
                Ok(event) => event,
                Err(err) => {
                    doc.stop = Some(Stop::Syntax {
                        at: bytes.mark(*err.marker()).pos(),
                        reason: err.info().to_string(),
                    });
                    break;
                }
            };
            if let Err(stop) = count.event(&event, &mut || bytes.mark(marks.start).pos()) {
                doc.stop = Some(stop);
                break;
            }
            if done {
                continue;
            }
            if skipping > 0 {
                match event {
                    Event::MappingStart(..) | Event::SequenceStart(..) => skipping += 1,
                    Event::MappingEnd | Event::SequenceEnd => skipping -= 1,
                    _ => {}
                }
                continue;
            }
            let start = bytes.mark(marks.start);
            let end = bytes.mark(marks.end);
            match event {
                Event::Scalar(text, style, anchor, tag) => {
                    let node = doc.add(Node {
                        kind: Kind::Scalar {
                            text: text.into_owned().into_boxed_str(),
                            style: Style::of(style),
                            tag: match tag {
                                None => Tag::None,
                                Some(tag) if tag.suffix == "str" => Tag::Str,
                                Some(_) => Tag::Other,
                            },
                        },
                        start,
                        end,
                        close: end,
                        flow: false,
                        closed: true,
                    });
                    if anchor > 0 {
                        anchors.insert(anchor, node);
                    }
                    doc.attach(&mut stack, node);
                }
                Event::Alias(anchor) => {
                    let node = doc.add(Node {
                        kind: Kind::Alias(anchors.get(&anchor).copied()),
                        start,
                        end,
                        close: end,
                        flow: false,
                        closed: true,
                    });
                    doc.attach(&mut stack, node);
                }
                Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                    let flow = end.byte > start.byte
                        && source
                            .get(start.byte()..)
                            .is_some_and(|t| t.starts_with(['[', '{']));
                    let deep = stack.len() >= MAX_DEPTH;
                    let kind = match event {
                        _ if deep => Kind::Opaque,
                        Event::MappingStart(..) => Kind::Map(Vec::new()),
                        _ => Kind::Seq(Vec::new()),
                    };
                    let node = doc.add(Node {
                        kind,
                        start,
                        end,
                        close: end,
                        flow,
                        closed: false,
                    });
                    doc.attach(&mut stack, node);
                    if deep {
                        skipping = 1;
                    } else {
                        stack.push(Open {
                            node,
                            key: None,
                            anchor,
                        });
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    let Some(open) = stack.pop() else { continue };
                    if let Some(node) = doc.nodes.get_mut(open.node) {
                        node.close = start;
                        node.end = end;
                        node.closed = true;
                    }
                    // Registered once complete, so that no node contains itself.
                    if open.anchor > 0 {
                        anchors.insert(open.anchor, open.node);
                    }
                }
                Event::DocumentEnd => {
                    doc.complete = stack.is_empty();
                    done = true;
                }
                _ => {}
            }
        }
        doc.values = count.written;
        doc
    }

    fn add(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Adds a node to the collection being read (or makes it the root). A
    /// collection is added when it starts, so that a document cut short by
    /// an error still holds what was read of it.
    fn attach(&mut self, stack: &mut [Open], node: usize) {
        let Some(open) = stack.last_mut() else {
            self.root.get_or_insert(node);
            return;
        };
        match self.nodes.get_mut(open.node).map(|n| &mut n.kind) {
            Some(Kind::Map(entries)) => match open.key.take() {
                None => open.key = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some(Kind::Seq(items)) => items.push(node),
            _ => {}
        }
    }

    pub fn node(&self, index: usize) -> Option<&Node> {
        self.nodes.get(index)
    }

    /// The node at `index`, or the one it names when it is an alias.
    pub fn resolved(&self, index: usize) -> Option<&Node> {
        match self.nodes.get(index)?.kind {
            Kind::Alias(Some(target)) => self.nodes.get(target),
            _ => self.nodes.get(index),
        }
    }

    /// The node at `index` with the alias followed, and its index.
    pub fn resolved_index(&self, index: usize) -> usize {
        match self.nodes.get(index).map(|n| &n.kind) {
            Some(Kind::Alias(Some(target))) => *target,
            _ => index,
        }
    }

    /// The entries of the mapping at `index` (none for other nodes).
    pub fn entries(&self, index: usize) -> &[(usize, usize)] {
        match self.nodes.get(index).map(|n| &n.kind) {
            Some(Kind::Map(entries)) => entries,
            _ => &[],
        }
    }

    /// The items of the sequence at `index` (none for other nodes).
    pub fn items(&self, index: usize) -> &[usize] {
        match self.nodes.get(index).map(|n| &n.kind) {
            Some(Kind::Seq(items)) => items,
            _ => &[],
        }
    }

    /// The value under the scalar key `key` of the mapping at `index`.
    pub fn get(&self, index: usize, key: &str) -> Option<(usize, usize)> {
        self.entries(index)
            .iter()
            .copied()
            .find(|&(k, _)| self.node(k).and_then(Node::text) == Some(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nodes_with_bytes_positions_and_styles() {
        let text = "é: 'x'\nc: &a |\n  t\nb:\n  - 1\n  - [2, *a]\n";
        let doc = Document::read(text);
        assert!(doc.complete, "{:?}", doc.stop);
        let root = doc.root.unwrap();
        let (k, v) = doc.get(root, "é").unwrap();
        let key = doc.node(k).unwrap();
        assert_eq!(
            (key.start.byte(), key.start.pos()),
            (0, Pos { line: 1, column: 1 })
        );
        let value = doc.node(v).unwrap();
        assert_eq!(value.start.byte(), 4);
        assert_eq!(value.start.pos(), Pos { line: 1, column: 4 });
        assert!(matches!(
            value.kind,
            Kind::Scalar {
                style: Style::SingleQuoted,
                ..
            }
        ));
        let (_, list) = doc.get(root, "b").unwrap();
        let flow = doc.items(list)[1];
        let flow = doc.node(flow).unwrap();
        assert!(flow.flow);
        assert_eq!(&text[flow.start.byte()..=flow.close.byte()], "[2, *a]");
        let Kind::Seq(items) = &flow.kind else {
            panic!()
        };
        let (_, block) = doc.get(root, "c").unwrap();
        assert_eq!(doc.node(items[1]).unwrap().kind, Kind::Alias(Some(block)));
        assert_eq!(doc.resolved(items[1]), doc.node(block));
        assert!(matches!(
            doc.node(block).unwrap().kind,
            Kind::Scalar {
                style: Style::Literal,
                ..
            }
        ));
    }

    #[test]
    fn only_line_feeds_end_lines() {
        // The parser ends a line at a lone `\r` too; okr's positions do not.
        let doc = Document::read("a: 1\rb: x\nc: [\n");
        let root = doc.root.unwrap();
        let (_, c) = doc.get(root, "c").unwrap();
        assert_eq!(doc.node(c).unwrap().start.pos(), Pos { line: 2, column: 4 });
        let Some(Stop::Syntax { at, .. }) = doc.stop else {
            panic!("{:?}", doc.stop)
        };
        assert!(at.line <= 3, "{at:?}");
        let doc = Document::read("a: 1\r\nb: 2\r\n");
        let (_, b) = doc.get(doc.root.unwrap(), "b").unwrap();
        assert_eq!(doc.node(b).unwrap().start.pos(), Pos { line: 2, column: 4 });
    }

    #[test]
    fn keeps_what_was_read_before_an_error() {
        let doc = Document::read("a: [1, 2\nb: {");
        assert!(matches!(doc.stop, Some(Stop::Syntax { .. })));
        assert!(!doc.complete);
        let root = doc.root.unwrap();
        let (_, list) = doc.get(root, "a").unwrap();
        assert_eq!(doc.node(doc.items(list)[0]).unwrap().text(), Some("1"));
    }

    #[test]
    fn reads_only_the_first_document_but_bounds_all() {
        let doc = Document::read("a: 1\n---\nb: [\n");
        assert!(doc.complete);
        assert!(matches!(doc.stop, Some(Stop::Syntax { .. })));
        assert_eq!(doc.nodes.len(), 3);
    }

    #[test]
    fn deep_nesting_is_one_opaque_node() {
        let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
        assert!(Document::read(&deep).nodes.len() <= MAX_DEPTH + 1);
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let doc = Document::read(&deep);
        assert_eq!(doc.stop, None);
        assert_eq!(doc.nodes.len(), MAX_DEPTH + 1);
        assert_eq!(doc.nodes.last().unwrap().kind, Kind::Opaque);
        assert_eq!(doc.values, 101);
    }
}
