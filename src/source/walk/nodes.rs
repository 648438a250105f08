//! The walk's view of the file's spanned document: mappings, sequences and
//! scalars with their spans, every alias replaced by the node it names (so
//! an alias costs nothing however much it stands for).

use crate::diagnostic::Span;
use crate::source::document::{self, Document};

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

/// The nodes of the first document, by the document's own indexes.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(super) nodes: Vec<Node>,
    pub(super) root: Option<usize>,
}

impl Tree {
    /// The first document of `doc`; `None` when it is not valid YAML.
    pub(super) fn of(doc: &Document) -> Option<Tree> {
        if !doc.complete {
            return None;
        }
        let at = |index: usize| doc.resolved_index(index);
        let nodes = doc
            .nodes
            .iter()
            .map(|node| Node {
                span: node.span(),
                kind: match &node.kind {
                    document::Kind::Map(entries) => {
                        Kind::Map(entries.iter().map(|&(k, v)| (at(k), at(v))).collect())
                    }
                    document::Kind::Seq(items) => Kind::Seq(items.iter().map(|&i| at(i)).collect()),
                    document::Kind::Scalar { text, .. } => Kind::Scalar {
                        text: text.to_string(),
                        plain: node.is_plain(),
                    },
                    document::Kind::Alias(_) | document::Kind::Opaque => Kind::Opaque,
                },
            })
            .collect();
        Some(Tree {
            nodes,
            root: doc.root.map(at),
        })
    }
}

/// The byte offset where each line starts.
pub(super) fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}
