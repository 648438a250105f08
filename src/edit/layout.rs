//! Locating: the document's nodes with byte spans as the splice needs
//! them, and the key result to edit found in them.

use super::source::Source;
use super::EditError;
use crate::source::document::{self, Document, Stop, Style};

#[derive(Debug)]
pub(super) enum Kind {
    Scalar { value: String, style: Style },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Alias,
}

#[derive(Debug)]
pub(super) struct Node {
    pub(super) kind: Kind,
    /// Flow collection (`[...]`, `{...}`).
    pub(super) flow: bool,
    /// Byte offset where the node's text starts (a block scalar: its `|`/`>`).
    pub(super) start: usize,
    /// Byte offset just after its last character of content.
    pub(super) end: usize,
}

impl Node {
    pub(super) fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    pub(super) fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &[],
        }
    }

    pub(super) fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &[],
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&(Node, Node)> {
        self.entries().iter().find(|(k, _)| k.scalar() == Some(key))
    }

    pub(super) fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    /// A null written as nothing, `~` or `null`.
    pub(super) fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { value, style: Style::Plain }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub(super) fn is_block_scalar(&self) -> bool {
        matches!(
            self.kind,
            Kind::Scalar {
                style: Style::Literal | Style::Folded,
                ..
            }
        )
    }

    /// The line of the node's last character; for a block scalar that keeps
    /// trailing blank lines (`|+`), the last of them.
    pub(super) fn last_line(&self, src: &Source) -> usize {
        let line = src.line_of(self.end);
        if self.end > self.start && src.line_start(line) != self.end {
            src.line_of(self.end - 1)
        } else {
            line
        }
    }
}

/// The edit's view of the file's document: owned nodes with byte spans as
/// the splice needs them (a block sequence from its first dash, a flow
/// collection to its closing bracket, a block scalar to its last line of
/// content, an empty value right after its colon).
pub(super) fn build_tree(src: &Source, doc: &Document) -> Result<Node, EditError> {
    if let Some(Stop::Syntax { reason, .. }) = &doc.stop {
        if !doc.complete {
            return Err(EditError::Invalid(reason.clone()));
        }
    }
    let root = doc
        .root
        .filter(|_| doc.complete)
        .ok_or_else(|| EditError::Invalid("the file holds no YAML document".into()))?;
    Ok(node_of(src, doc, root))
}

fn node_of(src: &Source, doc: &Document, index: usize) -> Node {
    let Some(node) = doc.node(index) else {
        return Node {
            kind: Kind::Alias,
            flow: false,
            start: 0,
            end: 0,
        };
    };
    let (start, end) = (node.start.byte(), node.end.byte());
    match &node.kind {
        document::Kind::Scalar { text, style, .. } => Node {
            end: if style.is_block() {
                block_scalar_end(src, text, start, end)
            } else {
                end
            },
            kind: Kind::Scalar {
                value: text.to_string(),
                style: *style,
            },
            flow: false,
            start,
        },
        document::Kind::Alias(_) | document::Kind::Opaque => Node {
            kind: Kind::Alias,
            flow: false,
            start,
            end,
        },
        document::Kind::Seq(children) => {
            let items: Vec<Node> = children.iter().map(|&i| node_of(src, doc, i)).collect();
            let last = items.iter().map(|n| n.end).max();
            // A block sequence starts at its first dash (saphyr puts an
            // indentless one at its first item).
            let dash = items.first().and_then(|i| dash_before(src, i.start));
            Node {
                start: match dash {
                    Some(dash) if !node.flow => dash,
                    _ => start,
                },
                end: collection_end(src, node, last),
                kind: Kind::Seq(items),
                flow: node.flow,
            }
        }
        document::Kind::Map(children) => {
            let entries: Vec<(Node, Node)> = children
                .iter()
                .map(|&(k, v)| {
                    let key = node_of(src, doc, k);
                    let value = fix_value_span(src, &key, node_of(src, doc, v));
                    (key, value)
                })
                .collect();
            let last = entries.iter().map(|(k, v)| k.end.max(v.end)).max();
            Node {
                start,
                end: collection_end(src, node, last),
                kind: Kind::Map(entries),
                flow: node.flow,
            }
        }
    }
}

/// The byte offsets of the nodes that carry an anchor (`&name`) which an
/// alias (`*name`) elsewhere refers to: text shared between two places.
pub(super) fn shared_anchors(doc: &Document) -> Vec<usize> {
    let mut shared: Vec<usize> = doc
        .nodes
        .iter()
        .filter_map(|node| match node.kind {
            document::Kind::Alias(Some(target)) => doc.node(target).map(|t| t.start.byte()),
            _ => None,
        })
        .collect();
    shared.sort_unstable();
    shared.dedup();
    shared
}

/// Where a collection ends: just after a flow collection's closing bracket
/// (its closing event runs on over a comment after it), a block
/// collection's last character of content.
fn collection_end(src: &Source, node: &document::Node, last: Option<usize>) -> usize {
    if node.flow {
        let close = node.close.byte();
        close
            + src
                .slice(close, src.text.len())
                .chars()
                .next()
                .map_or(0, char::len_utf8)
    } else {
        last.unwrap_or(node.start.byte())
    }
}

/// The byte offset of the `- ` that introduces the block sequence item
/// starting at `item`: on the item's line, or alone on a line before it.
pub(super) fn dash_before(src: &Source, item: usize) -> Option<usize> {
    let line = src.line_of(item);
    let before = src.slice(src.line_start(line), item).trim_end();
    if let Some(rest) = before.strip_suffix('-') {
        return rest
            .trim()
            .is_empty()
            .then(|| src.line_start(line) + rest.len());
    }
    if !before.trim().is_empty() {
        return None;
    }
    (0..line)
        .rev()
        .find(|&l| !src.is_blank(l) && !src.is_comment(l))
        .filter(|&l| src.line(l).trim() == "-")
        .map(|l| src.line_start(l) + src.indent(l))
}

/// Where a mapping value starts: an empty value right after the colon, a
/// block scalar at its `|` or `>` header.
pub(super) fn fix_value_span(src: &Source, key: &Node, mut node: Node) -> Node {
    let after_key = src.slice(key.end, src.text.len());
    let colon = after_key
        .find(':')
        .filter(|&i| {
            after_key
                .get(..i)
                .is_some_and(|gap| gap.trim().is_empty() || gap.trim() == "\"" || gap.trim() == "'")
        })
        .map(|i| key.end + i + 1);
    let empty =
        matches!(&node.kind, Kind::Scalar { value, style: Style::Plain } if value.is_empty());
    if empty {
        let at = colon.unwrap_or(key.end);
        node.start = at;
        node.end = at;
    } else if node.is_block_scalar() {
        let from = colon.unwrap_or(key.end);
        if let Some(header) = src.slice(from, node.start).find(['|', '>']) {
            node.start = from + header;
        }
    }
    node
}

/// The end of a block scalar's content: the end of its last line that is not
/// blank (blank lines kept when its value keeps them, `|+`).
pub(super) fn block_scalar_end(
    src: &Source,
    value: &str,
    start: usize,
    scanner_end: usize,
) -> usize {
    let mut line = src.line_of(scanner_end);
    if src
        .slice(src.line_start(line), scanner_end)
        .trim()
        .is_empty()
        && scanner_end < src.content_end(line).max(src.line_start(line) + 1)
        && line > 0
        && src.line_of(start) < line
    {
        line -= 1;
    }
    if !value.ends_with("\n\n") {
        let first = src.line_of(start);
        while line > first && src.is_blank(line) {
            line -= 1;
        }
    }
    src.content_end(line).max(start)
}

pub(super) struct Found<'t> {
    pub(super) objective: usize,
    pub(super) key_result: usize,
    /// The `key_results` key and its sequence.
    pub(super) kr_list: &'t (Node, Node),
    pub(super) kr: &'t Node,
}

pub(super) fn find_key_result<'t>(
    root: &'t Node,
    objective_id: &str,
    kr_id: &str,
) -> Option<Found<'t>> {
    let (_, objectives) = root.get("objectives")?;
    let (objective, obj) = objectives
        .items()
        .iter()
        .enumerate()
        .find(|(_, o)| o.get("id").and_then(|(_, id)| id.scalar()) == Some(objective_id))?;
    let kr_list = obj.get("key_results")?;
    let (key_result, kr) = kr_list
        .1
        .items()
        .iter()
        .enumerate()
        .find(|(_, k)| k.get("id").and_then(|(_, id)| id.scalar()) == Some(kr_id))?;
    Some(Found {
        objective,
        key_result,
        kr_list,
        kr,
    })
}
