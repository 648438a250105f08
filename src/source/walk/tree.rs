//! A positioned tree of the YAML events: mappings, sequences and scalars
//! with their spans and styles.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle};

use crate::diagnostic::{Pos, Span};

use super::*;

// ---------------------------------------------------------------------------
// The positioned tree.

#[derive(Debug)]
pub(super) enum Kind {
    /// Entries as (key node, value node).
    Map(Vec<(usize, usize)>),
    Seq(Vec<usize>),
    /// `plain` is false for quoted and block scalars and for `!!str`: those
    /// are always text.
    Scalar {
        text: String,
        plain: bool,
    },
    /// Too deeply nested to read, or an alias to no anchor: never checked.
    Opaque,
}

#[derive(Debug)]
pub(super) struct Node {
    pub(super) span: Span,
    pub(super) kind: Kind,
}

/// The nodes of the first document; an alias is the index of the node its
/// anchor names, so an alias costs nothing however much it stands for.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(super) nodes: Vec<Node>,
    pub(super) root: Option<usize>,
}

/// A collection being read.
pub(super) struct Open {
    pub(super) node: usize,
    /// The key read whose value comes next (mappings only).
    pub(super) key: Option<usize>,
    pub(super) anchor: usize,
}

pub(super) fn pos(marker: Marker) -> Pos {
    Pos {
        line: marker.line().max(1),
        column: marker.col() + 1,
    }
}

impl Tree {
    /// Reads the first document of `source`; `None` when it is not valid YAML.
    pub(super) fn read(source: &str) -> Option<Tree> {
        let mut tree = Tree::default();
        let mut stack: Vec<Open> = Vec::new();
        let mut anchors: HashMap<usize, usize> = HashMap::new();
        // How many collections deep we are inside one that is not read.
        let mut skipping = 0usize;
        for event in Parser::new_from_str(source) {
            let (event, marks) = event.ok()?;
            if skipping > 0 {
                match event {
                    Event::MappingStart(..) | Event::SequenceStart(..) => skipping += 1,
                    Event::MappingEnd | Event::SequenceEnd => skipping -= 1,
                    _ => {}
                }
                continue;
            }
            let span = Span {
                start: pos(marks.start),
                end: pos(marks.end),
            };
            match event {
                Event::Scalar(text, style, anchor, tag) => {
                    let plain =
                        style == ScalarStyle::Plain && tag.is_none_or(|t| t.suffix != "str");
                    let node = tree.add(
                        span,
                        Kind::Scalar {
                            text: text.into_owned(),
                            plain,
                        },
                    );
                    if anchor > 0 {
                        anchors.insert(anchor, node);
                    }
                    tree.attach(&mut stack, node);
                }
                Event::Alias(anchor) => {
                    let node = match anchors.get(&anchor) {
                        Some(&node) => node,
                        None => tree.add(span, Kind::Opaque),
                    };
                    tree.attach(&mut stack, node);
                }
                Event::MappingStart(anchor, _) => {
                    tree.open(
                        &mut stack,
                        span,
                        anchor,
                        Kind::Map(Vec::new()),
                        &mut skipping,
                    );
                }
                Event::SequenceStart(anchor, _) => {
                    tree.open(
                        &mut stack,
                        span,
                        anchor,
                        Kind::Seq(Vec::new()),
                        &mut skipping,
                    );
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    let open = stack.pop()?;
                    if let Some(node) = tree.nodes.get_mut(open.node) {
                        node.span.end = span.end;
                    }
                    // Registered once complete, so that no node contains itself.
                    if open.anchor > 0 {
                        anchors.insert(open.anchor, open.node);
                    }
                    tree.attach(&mut stack, open.node);
                }
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        Some(tree)
    }

    pub(super) fn add(&mut self, span: Span, kind: Kind) -> usize {
        self.nodes.push(Node { span, kind });
        self.nodes.len() - 1
    }

    pub(super) fn open(
        &mut self,
        stack: &mut Vec<Open>,
        span: Span,
        anchor: usize,
        kind: Kind,
        skipping: &mut usize,
    ) {
        if stack.len() >= MAX_DEPTH {
            let node = self.add(span, Kind::Opaque);
            self.attach(stack, node);
            *skipping = 1;
            return;
        }
        let node = self.add(span, kind);
        stack.push(Open {
            node,
            key: None,
            anchor,
        });
    }

    /// Adds a complete node to the collection being read (or makes it the root).
    pub(super) fn attach(&mut self, stack: &mut [Open], node: usize) {
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
}

/// The byte offset where each line starts.
pub(super) fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}
