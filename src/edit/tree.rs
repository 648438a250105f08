//! Locating: a tree of the document's nodes with byte spans, built from
//! saphyr events, and the key result to edit found in it.

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_yaml::Value;

use super::source::Source;
use super::EditError;

#[derive(Debug)]
pub(super) enum Kind {
    Scalar { value: String, style: ScalarStyle },
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
        matches!(&self.kind, Kind::Scalar { value, style: ScalarStyle::Plain }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub(super) fn is_block_scalar(&self) -> bool {
        matches!(
            self.kind,
            Kind::Scalar {
                style: ScalarStyle::Literal | ScalarStyle::Folded,
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

pub(super) enum Building {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

pub(super) struct Frame {
    pub(super) building: Building,
    pub(super) flow: bool,
    pub(super) start: usize,
}

/// The byte offsets of the nodes that carry an anchor (`&name`) which an
/// alias (`*name`) elsewhere refers to: text shared between two places.
pub(super) fn shared_anchors(src: &Source) -> Vec<usize> {
    let mut anchored = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (event, span) in Parser::new_from_str(src.text).flatten() {
        let anchor = match event {
            Event::Alias(id) => {
                used.insert(id);
                continue;
            }
            Event::Scalar(_, _, id, _)
            | Event::SequenceStart(id, _)
            | Event::MappingStart(id, _) => id,
            _ => continue,
        };
        if anchor != 0 {
            anchored.push((anchor, src.byte(span.start.index())));
        }
    }
    anchored
        .into_iter()
        .filter(|(id, _)| used.contains(id))
        .map(|(_, at)| at)
        .collect()
}

pub(super) fn build_tree(src: &Source) -> Result<Node, EditError> {
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(src.text) {
        let (event, span) = event.map_err(|e| EditError::Invalid(e.info().to_string()))?;
        let start = src.byte(span.start.index());
        let end = src.byte(span.end.index());
        let node = match event {
            Event::Scalar(value, style, ..) => {
                let end = match style {
                    ScalarStyle::Literal | ScalarStyle::Folded => {
                        block_scalar_end(src, &value, start, end)
                    }
                    _ => end,
                };
                Node {
                    kind: Kind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                    flow: false,
                    start,
                    end,
                }
            }
            Event::Alias(_) => Node {
                kind: Kind::Alias,
                flow: false,
                start,
                end,
            },
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                // Block collections have empty spans; flow ones span their bracket.
                let flow = end > start
                    && matches!(
                        src.slice(start, src.text.len()).chars().next(),
                        Some('[' | '{')
                    );
                let building = if matches!(event, Event::SequenceStart(..)) {
                    Building::Seq(Vec::new())
                } else {
                    Building::Map(Vec::new(), None)
                };
                stack.push(Frame {
                    building,
                    flow,
                    start,
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = stack.pop() else {
                    return Err(EditError::Invalid("unbalanced YAML".into()));
                };
                let mut start = frame.start;
                let (kind, last_end) = match frame.building {
                    Building::Seq(items) => {
                        let last = items.iter().map(|n| n.end).max();
                        // A block sequence starts at its first dash (saphyr puts an
                        // indentless one at its first item).
                        if let Some(dash) = items.first().and_then(|i| dash_before(src, i.start)) {
                            if !frame.flow {
                                start = dash;
                            }
                        }
                        (Kind::Seq(items), last)
                    }
                    Building::Map(entries, _) => {
                        let last = entries.iter().map(|(k, v)| k.end.max(v.end)).max();
                        (Kind::Map(entries), last)
                    }
                };
                Node {
                    kind,
                    flow: frame.flow,
                    start,
                    // The span of a flow end runs on over a comment after it:
                    // the bracket itself is one character.
                    end: if frame.flow {
                        src.byte(span.start.index() + 1)
                    } else {
                        last_end.unwrap_or(frame.start)
                    },
                }
            }
            Event::DocumentEnd | Event::StreamEnd => break,
            _ => continue,
        };
        match stack.last_mut() {
            None => return Ok(node),
            Some(Frame {
                building: Building::Seq(items),
                ..
            }) => items.push(node),
            Some(Frame {
                building: Building::Map(_, key @ None),
                ..
            }) => *key = Some(node),
            Some(Frame {
                building: Building::Map(entries, key @ Some(_)),
                ..
            }) => {
                let Some(key) = key.take() else { continue };
                let node = fix_value_span(src, &key, node);
                entries.push((key, node));
            }
        }
    }
    Err(EditError::Invalid("the file holds no YAML document".into()))
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
        matches!(&node.kind, Kind::Scalar { value, style: ScalarStyle::Plain } if value.is_empty());
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

pub(super) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
