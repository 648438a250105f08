//! Format-preserving edits of OKR files: `okr checkin` adds one check-in to a
//! key result and changes nothing else (FORMAT.md section 5).
//!
//! The file is read twice: by serde_yaml into a [`Value`] (what it means) and
//! by saphyr-parser into a small tree of nodes with byte spans (where it is
//! written). The new check-in's lines are spliced into the text in the style of
//! their siblings; then the new text is parsed again and must mean exactly the
//! old file plus that check-in, or nothing is returned.
//!
//! Only whole lines are added, with one exception the format allows: a
//! `checkins: []` (or `~`) line loses its `[]` to become a block list, and a
//! one-line `[...]` flow list gets its new item inside the same line.
//! `replace` touches only the lines of the check-in it replaces.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::fmt;

use chrono::NaiveDate;
use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_yaml::{Mapping, Value};

use crate::model::{parse_date, OkrFile};

/// One check-in to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckin {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

/// Why a check-in was not written. The file is then unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The text is not a YAML document that reads as an OKR file.
    Invalid(String),
    /// No key result with that id in that objective.
    NoSuchKeyResult {
        objective: String,
        key_result: String,
    },
    /// The key result keeps its value in `current`, not in check-ins.
    UsesCurrent,
    /// The key result is dropped; the reason given in the file.
    Dropped(String),
    /// A check-in on that date exists and `replace` was not asked for.
    DateTaken(NaiveDate),
    /// The value or confidence cannot be written (not a finite number).
    BadValue(String),
    /// The file is written in a way this edit does not handle without
    /// touching other lines; says what and how to change it.
    Unsupported(String),
    /// The edited text did not mean the old file plus the check-in (a bug,
    /// caught before anything was written).
    VerifyFailed(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Invalid(why) => write!(f, "the file cannot be edited: {why}"),
            EditError::NoSuchKeyResult {
                objective,
                key_result,
            } => write!(
                f,
                "there is no key result `{key_result}` in objective `{objective}`"
            ),
            EditError::UsesCurrent => f.write_str(
                "this key result keeps its value in `current:`, not in check-ins; \
                 to record check-ins, replace its `current:` line with a `checkins:` list",
            ),
            EditError::Dropped(reason) => write!(
                f,
                "this key result was dropped ({reason}); a dropped key result takes no check-ins"
            ),
            EditError::DateTaken(date) => write!(
                f,
                "there is already a check-in on {date}; use --replace to change its values"
            ),
            EditError::BadValue(why) => f.write_str(why),
            EditError::Unsupported(why) => write!(f, "cannot add the check-in: {why}"),
            EditError::VerifyFailed(why) => write!(
                f,
                "the edit was not written because the result would not read back as expected \
                 (this is a bug in okr; please report it): {why}"
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// The check-in fields in the order the format documents them.
const FIELDS: [&str; 4] = ["date", "value", "confidence", "note"];

/// Adds one check-in to key result `kr_id` of objective `objective_id` in the
/// OKR file `text`, placed in date order in the style of its siblings, and
/// returns the new text.
///
/// With `replace`, a check-in already on that date has its `value` replaced,
/// and its `confidence` and `note` replaced when the new check-in has them
/// (kept otherwise); only that check-in's lines change. Without `replace`, a
/// check-in on that date is [`EditError::DateTaken`]. Dates are not checked
/// against the quarter here: that is the caller's business.
pub fn add_checkin(
    text: &str,
    objective_id: &str,
    kr_id: &str,
    checkin: &NewCheckin,
    replace: bool,
) -> Result<String, EditError> {
    for (name, number) in [
        ("value", Some(checkin.value)),
        ("confidence", checkin.confidence),
    ] {
        if number.is_some_and(|n| !n.is_finite()) {
            return Err(EditError::BadValue(format!(
                "the {name} must be a finite number"
            )));
        }
    }
    if text.replace("\r\n", "").contains('\r') {
        return Err(EditError::Unsupported(
            "the file has line breaks written as a lone carriage return; save it with LF or CRLF line endings"
                .into(),
        ));
    }
    let old: Value = serde_yaml::from_str(text).map_err(|e| EditError::Invalid(e.to_string()))?;
    let src = Source::new(text);
    let root = build_tree(&src)?;
    let found =
        find_key_result(&root, objective_id, kr_id).ok_or_else(|| EditError::NoSuchKeyResult {
            objective: objective_id.to_string(),
            key_result: kr_id.to_string(),
        })?;
    let kr_value = old
        .get("objectives")
        .and_then(|o| o.get(found.objective))
        .and_then(|o| o.get("key_results"))
        .and_then(|k| k.get(found.key_result))
        .filter(|kr| kr.get("id").and_then(scalar_text).as_deref() == Some(kr_id))
        .ok_or_else(|| {
            EditError::Unsupported(
                "the key result is written with YAML anchors or aliases, which okr does not edit"
                    .into(),
            )
        })?;
    if kr_value.get("current").is_some_and(|v| !v.is_null()) {
        return Err(EditError::UsesCurrent);
    }
    if let Some(reason) = kr_value.get("dropped").filter(|v| !v.is_null()) {
        return Err(EditError::Dropped(
            scalar_text(reason).unwrap_or_else(|| "no reason given".into()),
        ));
    }
    let existing: Vec<Option<NaiveDate>> = match kr_value.get("checkins") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| {
                item.get("date")
                    .and_then(Value::as_str)
                    .and_then(|d| parse_date(d).ok())
            })
            .collect(),
        Some(_) => {
            return Err(EditError::Unsupported(
                "`checkins` is not a list; write it as a list of check-ins".into(),
            ))
        }
    };
    let op = match existing.iter().position(|d| *d == Some(checkin.date)) {
        Some(_) if !replace => return Err(EditError::DateTaken(checkin.date)),
        Some(index) => Op::Replace(index),
        None => Op::Insert(
            existing
                .iter()
                .rposition(|d| d.is_some_and(|d| d < checkin.date))
                .map_or(0, |p| p + 1),
        ),
    };
    let splice = Splice {
        src: &src,
        root: &root,
        found: &found,
        checkin,
        items_in_value: existing.len(),
    };
    let edits = splice.edits(op)?;
    let new_text = apply(text, edits)?;
    verify(
        text,
        &old,
        &new_text,
        found.objective,
        found.key_result,
        checkin,
        op,
    )?;
    Ok(new_text)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Insert(usize),
    Replace(usize),
}

// ---------------------------------------------------------------------------
// The source text: lines and byte offsets.

struct Source<'a> {
    text: &'a str,
    /// Byte offset of the start of each line (no empty line after a final newline).
    line_starts: Vec<usize>,
    /// Byte offset of each character, and the length at the end: saphyr
    /// markers count characters.
    char_bytes: Vec<usize>,
    /// The line ending of the file: that of its first line, else `\n`.
    eol: &'static str,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Source<'a> {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' && i + 1 < text.len() {
                line_starts.push(i + 1);
            }
        }
        let mut char_bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        char_bytes.push(text.len());
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
            _ => "\n",
        };
        Source {
            text,
            line_starts,
            char_bytes,
            eol,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.char_bytes
            .get(char_index)
            .copied()
            .unwrap_or(self.text.len())
    }

    fn lines(&self) -> usize {
        self.line_starts.len()
    }

    fn line_of(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= byte)
            .saturating_sub(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The start of the next line (after this line's line ending).
    fn line_end(&self, line: usize) -> usize {
        self.line_start(line + 1)
    }

    /// The end of the line's content, before its line ending.
    fn content_end(&self, line: usize) -> usize {
        let start = self.line_start(line);
        let end = self.line_end(line);
        let full = self.text.get(start..end).unwrap_or_default();
        end - (full.len() - full.trim_end_matches(['\n', '\r']).len())
    }

    /// The line's text without its line ending.
    fn line(&self, line: usize) -> &'a str {
        self.text
            .get(self.line_start(line)..self.content_end(line))
            .unwrap_or_default()
    }

    fn line_eol(&self, line: usize) -> &'a str {
        self.text
            .get(self.content_end(line)..self.line_end(line))
            .unwrap_or_default()
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The column (in characters) of a byte offset.
    fn col(&self, byte: usize) -> usize {
        self.slice(self.line_start(self.line_of(byte)), byte)
            .chars()
            .count()
    }

    fn indent(&self, line: usize) -> usize {
        let text = self.line(line);
        text.len() - text.trim_start_matches(' ').len()
    }

    fn is_comment(&self, line: usize) -> bool {
        self.line(line).trim_start().starts_with('#')
    }

    fn is_blank(&self, line: usize) -> bool {
        self.line(line).trim().is_empty()
    }

    /// `line`, extended over the comment lines right after it indented at
    /// least `min_indent` (they belong to what ends on `line`).
    fn extend_over_comments(&self, mut line: usize, min_indent: usize) -> usize {
        while line + 1 < self.lines()
            && self.is_comment(line + 1)
            && self.indent(line + 1) >= min_indent
        {
            line += 1;
        }
        line
    }
}

// ---------------------------------------------------------------------------
// A tree of the document's nodes with byte spans, from saphyr events.

#[derive(Debug)]
enum Kind {
    Scalar { value: String, style: ScalarStyle },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Alias,
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    /// Flow collection (`[...]`, `{...}`).
    flow: bool,
    /// Byte offset where the node's text starts (a block scalar: its `|`/`>`).
    start: usize,
    /// Byte offset just after its last character of content.
    end: usize,
}

impl Node {
    fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &[],
        }
    }

    fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &[],
        }
    }

    fn get(&self, key: &str) -> Option<&(Node, Node)> {
        self.entries().iter().find(|(k, _)| k.scalar() == Some(key))
    }

    fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    /// A null written as nothing, `~` or `null`.
    fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { value, style: ScalarStyle::Plain }
            if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn is_block_scalar(&self) -> bool {
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
    fn last_line(&self, src: &Source) -> usize {
        let line = src.line_of(self.end);
        if self.end > self.start && src.line_start(line) != self.end {
            src.line_of(self.end - 1)
        } else {
            line
        }
    }
}

enum Building {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

struct Frame {
    building: Building,
    flow: bool,
    start: usize,
}

fn build_tree(src: &Source) -> Result<Node, EditError> {
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
fn dash_before(src: &Source, item: usize) -> Option<usize> {
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
fn fix_value_span(src: &Source, key: &Node, mut node: Node) -> Node {
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
fn block_scalar_end(src: &Source, value: &str, start: usize, scanner_end: usize) -> usize {
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

struct Found<'t> {
    objective: usize,
    key_result: usize,
    /// The `key_results` key and its sequence.
    kr_list: &'t (Node, Node),
    kr: &'t Node,
}

fn find_key_result<'t>(root: &'t Node, objective_id: &str, kr_id: &str) -> Option<Found<'t>> {
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

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Styles: how a check-in is written, copied from a sibling.

/// How the items of a block list are laid out: `- ` at `dash` (a column),
/// content at `dash + gap`.
#[derive(Debug, Clone)]
struct Layout {
    dash: usize,
    gap: usize,
}

#[derive(Debug, Clone)]
struct ItemStyle {
    flow: bool,
    /// A space after `{` and before `}` (flow items).
    open_space: bool,
    close_space: bool,
    /// The sibling's order of the check-in fields.
    order: Vec<&'static str>,
    /// How the sibling quotes its date.
    date: ScalarStyle,
}

impl Default for ItemStyle {
    fn default() -> Self {
        ItemStyle {
            flow: false,
            open_space: true,
            close_space: true,
            order: FIELDS.to_vec(),
            date: ScalarStyle::Plain,
        }
    }
}

fn item_style(src: &Source, item: &Node) -> ItemStyle {
    let order = item
        .entries()
        .iter()
        .filter_map(|(k, _)| FIELDS.iter().copied().find(|f| k.scalar() == Some(f)))
        .collect();
    let date = match item.get("date") {
        Some((
            _,
            Node {
                kind: Kind::Scalar { style, .. },
                ..
            },
        )) if matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) => *style,
        _ => ScalarStyle::Plain,
    };
    let text = src.slice(item.start, item.end);
    ItemStyle {
        flow: item.flow,
        open_space: !item.flow || text.get(1..2).is_none_or(|c| c == " "),
        close_space: !item.flow
            || text
                .len()
                .checked_sub(2)
                .and_then(|i| text.get(i..i + 1))
                .is_none_or(|c| c == " "),
        order,
        date,
    }
}

/// The layout of a block list item, given the list's dash column.
fn item_layout(src: &Source, dash: usize, item: &Node) -> Layout {
    let col = src.col(item.start);
    let line = src.line(src.line_of(item.start));
    let prefix: String = line.chars().take(col).collect();
    let gap = if prefix.trim() == "-" && col > dash {
        col - dash
    } else {
        2
    };
    Layout { dash, gap }
}

/// The fields to write, in the order `style` asks for.
fn ordered(style: &ItemStyle, fields: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let mut order: Vec<&'static str> = style
        .order
        .iter()
        .copied()
        .filter(|k| fields.iter().any(|(f, _)| f == k))
        .collect();
    for (key, _) in &fields {
        if order.contains(key) {
            continue;
        }
        let rank = |k: &str| FIELDS.iter().position(|f| *f == k).unwrap_or(FIELDS.len());
        let at = order
            .iter()
            .rposition(|k| rank(k) < rank(key))
            .map_or(0, |p| p + 1);
        order.insert(at, key);
    }
    order
        .into_iter()
        .filter_map(|k| fields.iter().find(|(f, _)| *f == k).cloned())
        .collect()
}

fn flow_text(style: &ItemStyle, fields: &[(&'static str, String)]) -> String {
    let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!(
        "{{{}{}{}}}",
        if style.open_space { " " } else { "" },
        inner.join(", "),
        if style.close_space { " " } else { "" }
    )
}

fn item_lines(
    style: &ItemStyle,
    layout: &Layout,
    fields: &[(&'static str, String)],
) -> Vec<String> {
    let dash = format!(
        "{}-{}",
        " ".repeat(layout.dash),
        " ".repeat(layout.gap.max(1) - 1)
    );
    if style.flow {
        return vec![format!("{dash}{}", flow_text(style, fields))];
    }
    let indent = " ".repeat(layout.dash + layout.gap.max(1));
    fields
        .iter()
        .enumerate()
        .map(|(i, (k, v))| format!("{}{k}: {v}", if i == 0 { &dash } else { &indent }))
        .collect()
}

// ---------------------------------------------------------------------------
// The splice: byte-range edits of the text.

#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

struct Splice<'a, 't> {
    src: &'a Source<'a>,
    root: &'t Node,
    found: &'t Found<'t>,
    checkin: &'a NewCheckin,
    items_in_value: usize,
}

impl Splice<'_, '_> {
    /// The check-in's fields as YAML text (the note quoted for `flow` or block context).
    fn fields(&self, style: &ItemStyle) -> Vec<(&'static str, String)> {
        let date = self.checkin.date.format("%Y-%m-%d").to_string();
        let date = match style.date {
            ScalarStyle::SingleQuoted => format!("'{date}'"),
            ScalarStyle::DoubleQuoted => format!("\"{date}\""),
            _ => date,
        };
        let mut fields = vec![("date", date), ("value", fmt_num(self.checkin.value))];
        if let Some(c) = self.checkin.confidence {
            fields.push(("confidence", fmt_num(c)));
        }
        if let Some(note) = &self.checkin.note {
            fields.push(("note", scalar(note, style.flow)));
        }
        ordered(style, fields)
    }

    fn edits(&self, op: Op) -> Result<Vec<Edit>, EditError> {
        let kr = self.found.kr;
        let checkins = kr.get("checkins");
        if let Some((_, list)) = checkins {
            if !list.is_null() && list.items().len() != self.items_in_value {
                return Err(unsupported_shape());
            }
        }
        match (op, checkins) {
            (Op::Replace(index), Some((_, list))) => {
                let item = list.items().get(index).ok_or_else(unsupported_shape)?;
                self.replace(item)
            }
            (Op::Replace(_), None) => Err(unsupported_shape()),
            (Op::Insert(_), None) => {
                if kr.flow {
                    return Err(EditError::Unsupported(
                        "the key result is written as a flow mapping `{ ... }`; write it as a block mapping (one field per line)"
                            .into(),
                    ));
                }
                let field_col = self.src.col(kr.start);
                let (layout, style) = self.new_list_style(field_col);
                let mut lines = vec![format!("{}checkins:", " ".repeat(field_col))];
                lines.extend(item_lines(&style, &layout, &self.fields(&style)));
                self.check_append_after(kr)?;
                let after = self
                    .src
                    .extend_over_comments(kr.last_line(self.src), field_col);
                Ok(vec![self.insert_after(after, &lines)])
            }
            (Op::Insert(k), Some((key, list))) => self.insert(k, key, list),
        }
    }

    fn insert(&self, k: usize, key: &Node, list: &Node) -> Result<Vec<Edit>, EditError> {
        let src = self.src;
        let items = list.items();
        let empty_flow = list.flow && items.is_empty() && matches!(list.kind, Kind::Seq(_));
        if list.is_null() || empty_flow {
            if self.found.kr.flow {
                if empty_flow {
                    let style = ItemStyle {
                        flow: true,
                        ..ItemStyle::default()
                    };
                    return Ok(vec![Edit {
                        start: list.start + 1,
                        end: list.start + 1,
                        text: flow_text(&style, &self.fields(&style)),
                    }]);
                }
                return Err(EditError::Unsupported(
                    "the key result is written as a flow mapping `{ ... }`; write it as a block mapping (one field per line)"
                        .into(),
                ));
            }
            let key_line = src.line_of(key.start);
            if src.line_of(list.start) != key_line {
                return Err(EditError::Unsupported(
                    "the empty `checkins` list is not on the `checkins:` line; write `checkins: []` on one line"
                        .into(),
                ));
            }
            let key_col = src.col(key.start);
            let (layout, style) = self.new_list_style(key_col);
            let lines = item_lines(&style, &layout, &self.fields(&style));
            let mut edits = Vec::new();
            if list.end > list.start {
                // `checkins: []` / `checkins: ~` loses its value, keeping any comment.
                let before = src.slice(src.line_start(key_line), list.start);
                let trimmed = src.line_start(key_line) + before.trim_end().len();
                edits.push(Edit {
                    start: trimmed,
                    end: list.end,
                    text: String::new(),
                });
            }
            let after = src.extend_over_comments(key_line, key_col + 1);
            edits.push(self.insert_after(after, &lines));
            return Ok(edits);
        }
        if !matches!(list.kind, Kind::Seq(_)) {
            return Err(unsupported_shape());
        }
        let sibling = items
            .get(k.wrapping_sub(1))
            .or_else(|| items.first())
            .ok_or_else(unsupported_shape)?;
        if !sibling.is_map() {
            return Err(unsupported_shape());
        }
        let style = item_style(src, sibling);
        if list.flow {
            if src.line_of(list.start) != list.last_line(src) {
                return Err(EditError::Unsupported(
                    "the check-ins are a flow list `[...]` over several lines; write them as a block list (one `- ` item per check-in)"
                        .into(),
                ));
            }
            let style = ItemStyle {
                flow: true,
                ..style
            };
            let item = flow_text(&style, &self.fields(&style));
            let sep = match items {
                [a, b, ..] => src.slice(a.end, b.start).to_string(),
                _ => ", ".to_string(),
            };
            let sep = if sep.trim() == "," { sep } else { ", ".into() };
            return Ok(vec![match items.get(k.wrapping_sub(1)) {
                Some(prev) => Edit {
                    start: prev.end,
                    end: prev.end,
                    text: format!("{sep}{item}"),
                },
                None => Edit {
                    start: sibling.start,
                    end: sibling.start,
                    text: format!("{item}{sep}"),
                },
            }]);
        }
        let dash = src.col(list.start);
        let layout = item_layout(src, dash, sibling);
        let lines = item_lines(&style, &layout, &self.fields(&style));
        Ok(vec![match items.get(k.wrapping_sub(1)) {
            Some(prev) => {
                self.check_append_after(prev)?;
                let after = src.extend_over_comments(prev.last_line(src), dash + 1);
                self.insert_after(after, &lines)
            }
            None => self.insert_before(src.line_of(sibling.start), &lines),
        }])
    }

    /// The style of a new block list under a key at `key_col`: that of
    /// another key result's check-ins in the file, else the file's
    /// `key_results` list, else two-space indentation.
    fn new_list_style(&self, key_col: usize) -> (Layout, ItemStyle) {
        let src = self.src;
        let lists = self
            .root
            .get("objectives")
            .map(|(_, o)| o.items())
            .unwrap_or_default()
            .iter()
            .filter_map(|o| o.get("key_results"))
            .flat_map(|(_, krs)| krs.items())
            .filter_map(|kr| kr.get("checkins"));
        for (key, list) in lists {
            let Some(last) = list.items().last() else {
                continue;
            };
            if list.flow || !last.is_map() {
                continue;
            }
            let dash = src.col(list.start);
            let offset = dash.saturating_sub(src.col(key.start));
            let layout = item_layout(src, dash, last);
            return (
                Layout {
                    dash: key_col + offset,
                    gap: layout.gap,
                },
                item_style(src, last),
            );
        }
        let (key, krs) = self.found.kr_list;
        let layout = if krs.flow {
            Layout {
                dash: key_col + 2,
                gap: 2,
            }
        } else {
            let dash = src.col(krs.start);
            let offset = dash.saturating_sub(src.col(key.start));
            Layout {
                dash: key_col + offset,
                gap: item_layout(src, dash, self.found.kr).gap,
            }
        };
        (layout, ItemStyle::default())
    }

    fn replace(&self, item: &Node) -> Result<Vec<Edit>, EditError> {
        let src = self.src;
        if !item.is_map() {
            return Err(unsupported_shape());
        }
        let style = item_style(src, item);
        let mut updates: Vec<(&'static str, String)> = vec![("value", fmt_num(self.checkin.value))];
        if let Some(c) = self.checkin.confidence {
            updates.push(("confidence", fmt_num(c)));
        }
        if let Some(note) = &self.checkin.note {
            updates.push(("note", scalar(note, item.flow)));
        }
        if item.flow {
            if src.line_of(item.start) != item.last_line(src) {
                return Err(EditError::Unsupported(
                    "the check-in to replace is a flow mapping `{ ... }` over several lines; write it on one line"
                        .into(),
                ));
            }
            let mut parts: Vec<String> = Vec::new();
            for (k, v) in item.entries() {
                let name = src.slice(k.start, k.end);
                let new = updates
                    .iter()
                    .find(|(f, _)| k.scalar() == Some(f))
                    .map(|(_, text)| text.clone());
                parts.push(format!(
                    "{name}: {}",
                    new.unwrap_or_else(|| src.slice(v.start, v.end).to_string())
                ));
            }
            for (f, text) in &updates {
                if item.get(f).is_none() {
                    parts.push(format!("{f}: {text}"));
                }
            }
            let text = format!(
                "{{{}{}{}}}",
                if style.open_space { " " } else { "" },
                parts.join(", "),
                if style.close_space { " " } else { "" }
            );
            return Ok(vec![Edit {
                start: item.start,
                end: item.end,
                text,
            }]);
        }
        let content_col = src.col(item.start);
        let mut edits = Vec::new();
        let mut added: Vec<(usize, String)> = Vec::new();
        for (field, text) in updates {
            match item.get(field) {
                Some((_, v)) if matches!(v.kind, Kind::Scalar { .. }) => {
                    let text = if v.start == v.end {
                        format!(" {text}")
                    } else {
                        text
                    };
                    edits.push(Edit {
                        start: v.start,
                        end: v.end,
                        text,
                    });
                }
                Some(_) => return Err(unsupported_shape()),
                None => {
                    // After the nearest field before it in the documented order.
                    let rank = FIELDS.iter().position(|f| *f == field).unwrap_or(0);
                    let anchor = FIELDS
                        .get(..rank)
                        .unwrap_or_default()
                        .iter()
                        .rev()
                        .find_map(|f| item.get(f))
                        .map_or(item.last_line(src), |(k, v)| {
                            if v.end > v.start {
                                v.last_line(src)
                            } else {
                                k.last_line(src)
                            }
                        });
                    added.push((
                        anchor,
                        format!("{}{field}: {text}", " ".repeat(content_col)),
                    ));
                }
            }
        }
        let mut anchors: Vec<usize> = added.iter().map(|(a, _)| *a).collect();
        anchors.dedup();
        for anchor in anchors {
            let lines: Vec<String> = added
                .iter()
                .filter(|(a, _)| *a == anchor)
                .map(|(_, l)| l.clone())
                .collect();
            edits.push(self.insert_after(anchor, &lines));
        }
        Ok(edits)
    }

    /// Refuses to append after `node` when it ends the file with a block
    /// scalar that keeps its line break (`|`, `>`, `|+`) and the file has no
    /// final newline: the added line break would become part of its text.
    fn check_append_after(&self, node: &Node) -> Result<(), EditError> {
        let mut last = node;
        loop {
            last = match &last.kind {
                Kind::Map(entries) => match entries.last() {
                    Some((_, v)) => v,
                    None => break,
                },
                Kind::Seq(items) => match items.last() {
                    Some(item) => item,
                    None => break,
                },
                _ => break,
            };
        }
        let src = self.src;
        let header = src.line(src.line_of(last.start));
        let header = header.get(src.col(last.start)..).unwrap_or_default();
        let strips = header.split('#').next().is_some_and(|h| h.contains('-'));
        if last.is_block_scalar()
            && !strips
            && !src.text.ends_with('\n')
            && last.last_line(src) + 1 == src.lines()
        {
            return Err(EditError::Unsupported(
                "the file ends inside a block scalar (`|` or `>`) without a final line break, and a line added after it would change its text; end the file with a line break and run again"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Inserts whole lines after line `line`, with its line ending; after a
    /// last line without one, the lines go after a new line ending and the
    /// file still ends without one.
    fn insert_after(&self, line: usize, lines: &[String]) -> Edit {
        let eol = self.src.line_eol(line);
        if eol.is_empty() {
            let at = self.src.text.len();
            Edit {
                start: at,
                end: at,
                text: format!("{}{}", self.src.eol, lines.join(self.src.eol)),
            }
        } else {
            let at = self.src.line_end(line);
            Edit {
                start: at,
                end: at,
                text: lines.iter().map(|l| format!("{l}{eol}")).collect(),
            }
        }
    }

    fn insert_before(&self, line: usize, lines: &[String]) -> Edit {
        let eol = match self.src.line_eol(line) {
            "" => self.src.eol,
            eol => eol,
        };
        let at = self.src.line_start(line);
        Edit {
            start: at,
            end: at,
            text: lines.iter().map(|l| format!("{l}{eol}")).collect(),
        }
    }
}

fn unsupported_shape() -> EditError {
    EditError::Unsupported(
        "the key result's `checkins` are written in a shape okr does not edit (YAML anchors, aliases or a non-mapping item)"
            .into(),
    )
}

fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, EditError> {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for edit in edits {
        let (Some(keep), true) = (text.get(at..edit.start), edit.start <= edit.end) else {
            return Err(EditError::VerifyFailed("overlapping edits".into()));
        };
        out.push_str(keep);
        out.push_str(&edit.text);
        at = edit.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    Ok(out)
}

// ---------------------------------------------------------------------------
// Verification.

fn verify(
    old_text: &str,
    old: &Value,
    new_text: &str,
    objective: usize,
    key_result: usize,
    checkin: &NewCheckin,
    op: Op,
) -> Result<(), EditError> {
    let new: Value = serde_yaml::from_str(new_text)
        .map_err(|e| EditError::VerifyFailed(format!("the edited file does not parse: {e}")))?;
    let mut expected = old.clone();
    let kr = expected
        .get_mut("objectives")
        .and_then(|o| o.get_mut(objective))
        .and_then(|o| o.get_mut("key_results"))
        .and_then(|k| k.get_mut(key_result))
        .and_then(Value::as_mapping_mut)
        .ok_or_else(|| EditError::VerifyFailed("key result not found in the old file".into()))?;
    let key = Value::String("checkins".into());
    if kr.get(&key).is_none_or(Value::is_null) {
        kr.insert(key.clone(), Value::Sequence(Vec::new()));
    }
    let list = kr
        .get_mut(&key)
        .and_then(Value::as_sequence_mut)
        .ok_or_else(|| EditError::VerifyFailed("checkins is not a list".into()))?;
    let set = |map: &mut Mapping, k: &str, v: Value| {
        map.insert(Value::String(k.into()), v);
    };
    match op {
        Op::Insert(k) if k <= list.len() => {
            let mut map = Mapping::new();
            set(
                &mut map,
                "date",
                Value::String(checkin.date.format("%Y-%m-%d").to_string()),
            );
            set(&mut map, "value", num_value(checkin.value));
            if let Some(c) = checkin.confidence {
                set(&mut map, "confidence", num_value(c));
            }
            if let Some(note) = &checkin.note {
                set(&mut map, "note", Value::String(note.clone()));
            }
            list.insert(k, Value::Mapping(map));
        }
        Op::Replace(k) => {
            let map = list
                .get_mut(k)
                .and_then(Value::as_mapping_mut)
                .ok_or_else(|| EditError::VerifyFailed("check-in to replace not found".into()))?;
            set(map, "value", num_value(checkin.value));
            if let Some(c) = checkin.confidence {
                set(map, "confidence", num_value(c));
            }
            if let Some(note) = &checkin.note {
                set(map, "note", Value::String(note.clone()));
            }
        }
        Op::Insert(_) => {
            return Err(EditError::VerifyFailed(
                "insert position out of range".into(),
            ))
        }
    }
    if new != expected {
        return Err(EditError::VerifyFailed(
            "the edited file does not equal the old one plus the check-in".into(),
        ));
    }
    if serde_yaml::from_str::<OkrFile>(old_text).is_ok() {
        if let Err(e) = serde_yaml::from_str::<OkrFile>(new_text) {
            return Err(EditError::VerifyFailed(format!(
                "the edited file no longer loads: {e}"
            )));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Writing scalars.

/// A number as people write it: `88`, `0.7`, `-12.5` (never `88.0`).
pub fn fmt_num(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else if value.abs() >= 1e15 {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// The YAML value [`fmt_num`]'s text reads back as.
fn num_value(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Value::Number((value as i64).into())
    } else {
        Value::Number(value.into())
    }
}

/// `text` as a YAML scalar: plain when that reads back as the same string,
/// else double-quoted with escapes. `flow`: for inside `[...]` or `{...}`.
pub fn scalar(text: &str, flow: bool) -> String {
    if plain_is_safe(text, flow) && reads_back(text, text, flow) {
        text.to_string()
    } else {
        double_quoted(text)
    }
}

fn plain_is_safe(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
            || (flow && ",[]{}".contains(c))
    }) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    !looks_typed(s)
}

/// Text that a YAML reader (1.1 or 1.2) may take for a null, bool, number or date.
fn looks_typed(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) || lower.trim_start_matches(['+', '-']).starts_with(".inf")
        || lower == ".nan"
        || s.parse::<f64>().is_ok()
    {
        return true;
    }
    let body = s.trim_start_matches(['+', '-']);
    let numberish = body
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_hexdigit() || "xXoObB_.:+-".contains(c));
    let dateish = s.len() >= 5
        && s.as_bytes().iter().take(4).all(u8::is_ascii_digit)
        && s.as_bytes().get(4) == Some(&b'-');
    numberish || dateish
}

fn reads_back(written: &str, text: &str, flow: bool) -> bool {
    let doc = if flow {
        format!("{{k: {written}}}")
    } else {
        format!("k: {written}")
    };
    serde_yaml::from_str::<Value>(&doc)
        .ok()
        .and_then(|v| v.get("k").and_then(Value::as_str).map(|s| s == text))
        .unwrap_or(false)
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Showing the change.

/// The lines of `new` that are not in `old` (what `checkin` wrote), without
/// their line endings.
pub fn added_lines(old: &str, new: &str) -> Vec<String> {
    let old_lines = split_lines(old);
    let new_lines = split_lines(new);
    diff_ops(&old_lines, &new_lines)
        .into_iter()
        .filter_map(|op| match op {
            DiffOp::Add(j) => new_lines.get(j).map(|l| l.0.to_string()),
            _ => None,
        })
        .collect()
}

/// A unified diff of `old` to `new` for the file at `path` (`--dry-run`),
/// with three lines of context; empty when they are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let old_lines = split_lines(old);
    let new_lines = split_lines(new);
    let ops = diff_ops(&old_lines, &new_lines);
    if ops.iter().all(|op| matches!(op, DiffOp::Keep(_))) {
        return String::new();
    }
    const CONTEXT: usize = 3;
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, DiffOp::Keep(_)))
        .map(|(i, _)| i)
        .collect();
    // Group changes whose contexts touch into hunks.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let lo = i.saturating_sub(CONTEXT);
        let hi = (i + CONTEXT + 1).min(ops.len());
        match hunks.last_mut() {
            Some(last) if lo <= last.1 => last.1 = hi,
            _ => hunks.push((lo, hi)),
        }
    }
    // Lines of each side before each op.
    let mut before = Vec::with_capacity(ops.len() + 1);
    let (mut o, mut n) = (0, 0);
    for op in &ops {
        before.push((o, n));
        match op {
            DiffOp::Keep(_) => (o, n) = (o + 1, n + 1),
            DiffOp::Remove(_) => o += 1,
            DiffOp::Add(_) => n += 1,
        }
    }
    let range = |start: usize, count: usize| match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    };
    for (lo, hi) in hunks {
        let slice = ops.get(lo..hi).unwrap_or_default();
        let (old_start, new_start) = before.get(lo).copied().unwrap_or_default();
        let old_count = slice
            .iter()
            .filter(|op| !matches!(op, DiffOp::Add(_)))
            .count();
        let new_count = slice
            .iter()
            .filter(|op| !matches!(op, DiffOp::Remove(_)))
            .count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(old_start, old_count),
            range(new_start, new_count)
        ));
        for op in slice {
            let (mark, line) = match *op {
                DiffOp::Keep(i) => (' ', old_lines.get(i)),
                DiffOp::Remove(i) => ('-', old_lines.get(i)),
                DiffOp::Add(j) => ('+', new_lines.get(j)),
            };
            if let Some((text, ended)) = line {
                out.push(mark);
                out.push_str(text);
                out.push('\n');
                if !ended {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum DiffOp {
    /// A line of the old text kept.
    Keep(usize),
    Remove(usize),
    Add(usize),
}

/// Lines without their line endings, each with whether it had one.
fn split_lines(text: &str) -> Vec<(&str, bool)> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find('\n') {
            Some(i) => {
                let line = rest.get(..i).unwrap_or_default();
                lines.push((line.strip_suffix('\r').unwrap_or(line), true));
                rest = rest.get(i + 1..).unwrap_or_default();
            }
            None => {
                lines.push((rest, false));
                rest = "";
            }
        }
    }
    lines
}

/// A line diff: common prefix and suffix, and a longest common subsequence
/// of the middle (small for the edits okr makes; beyond a bound, the middle
/// is shown as removed and added).
fn diff_ops(old: &[(&str, bool)], new: &[(&str, bool)]) -> Vec<DiffOp> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .get(prefix..)
        .unwrap_or_default()
        .iter()
        .rev()
        .zip(new.get(prefix..).unwrap_or_default().iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (n, m) = (old.len() - prefix - suffix, new.len() - prefix - suffix);
    let mut ops: Vec<DiffOp> = (0..prefix).map(DiffOp::Keep).collect();
    let a = old.get(prefix..prefix + n).unwrap_or_default();
    let b = new.get(prefix..prefix + m).unwrap_or_default();
    if n.saturating_mul(m) <= 4_000_000 {
        // lcs[i][j]: the LCS length of a[i..] and b[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                let value = if a.get(i) == b.get(j) {
                    lcs.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
                } else {
                    let down = lcs.get((i + 1) * width + j).copied().unwrap_or(0);
                    let right = lcs.get(i * width + j + 1).copied().unwrap_or(0);
                    down.max(right)
                };
                if let Some(cell) = lcs.get_mut(i * width + j) {
                    *cell = value;
                }
            }
        }
        let (mut i, mut j) = (0, 0);
        let at = |i: usize, j: usize| lcs.get(i * width + j).copied().unwrap_or(0);
        while i < n || j < m {
            if i < n && j < m && a.get(i) == b.get(j) {
                ops.push(DiffOp::Keep(prefix + i));
                i += 1;
                j += 1;
            } else if i < n && (j == m || at(i + 1, j) >= at(i, j + 1)) {
                ops.push(DiffOp::Remove(prefix + i));
                i += 1;
            } else {
                ops.push(DiffOp::Add(prefix + j));
                j += 1;
            }
        }
    } else {
        ops.extend((0..n).map(|i| DiffOp::Remove(prefix + i)));
        ops.extend((0..m).map(|j| DiffOp::Add(prefix + j)));
    }
    ops.extend((0..suffix).map(|s| DiffOp::Keep(prefix + n + s)));
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn ci(date: &str, value: f64) -> NewCheckin {
        NewCheckin {
            date: day(date),
            value,
            confidence: None,
            note: None,
        }
    }

    fn full(date: &str, value: f64, confidence: f64, note: &str) -> NewCheckin {
        NewCheckin {
            confidence: Some(confidence),
            note: Some(note.to_string()),
            ..ci(date, value)
        }
    }

    /// A file whose key result `o/k` has the fields `kr` (indented 6).
    fn file(kr: &str) -> String {
        format!(
            "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 120\n        target: 60\n{kr}"
        )
    }

    fn add(text: &str, checkin: &NewCheckin) -> String {
        add_checkin(text, "o", "k", checkin, false).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn block_list_appends_in_sibling_style() {
        let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 0.5\n        grade: 0.7\n");
        let new = add(&old, &full("2026-11-10", 95.0, 0.6, "Error messages v2"));
        assert_eq!(
            new,
            file("        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 0.5\n          - date: 2026-11-10\n            value: 95\n            confidence: 0.6\n            note: Error messages v2\n        grade: 0.7\n")
        );
    }

    #[test]
    fn inserts_in_the_middle_and_at_the_start_by_date() {
        let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n          - date: 2026-11-10\n            value: 95\n");
        let new = add(&old, &ci("2026-10-20", 110.0));
        assert_eq!(new, file("        checkins:\n          - date: 2026-10-06\n            value: 118\n          - date: 2026-10-20\n            value: 110\n          - date: 2026-11-10\n            value: 95\n"));
        let new = add(&old, &ci("2026-10-01", 121.5));
        assert_eq!(new, file("        checkins:\n          - date: 2026-10-01\n            value: 121.5\n          - date: 2026-10-06\n            value: 118\n          - date: 2026-11-10\n            value: 95\n"));
    }

    #[test]
    fn flow_items_keep_their_brace_spacing() {
        let old = file("        checkins:\n          - {date: 2026-10-06, value: 118}\n");
        let new = add(&old, &full("2026-11-10", -12.5, 0.6, "a, b"));
        assert_eq!(new, file("        checkins:\n          - {date: 2026-10-06, value: 118}\n          - {date: 2026-11-10, value: -12.5, confidence: 0.6, note: \"a, b\"}\n"));
        let old = file("        checkins:\n          - { date: 2026-10-06, value: 118 }\n");
        let new = add(&old, &ci("2026-11-10", 95.0));
        assert!(
            new.ends_with("          - { date: 2026-11-10, value: 95 }\n"),
            "{new}"
        );
    }

    #[test]
    fn mixed_list_copies_the_previous_sibling() {
        let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n          - { date: 2026-11-10, value: 95, confidence: 0.6 }\n");
        let new = add(&old, &ci("2026-10-20", 100.0));
        assert!(new.contains("            value: 118\n          - date: 2026-10-20\n            value: 100\n          - { date"), "{new}");
        let new = add(&old, &ci("2026-11-20", 90.0));
        assert!(
            new.ends_with("0.6 }\n          - { date: 2026-11-20, value: 90 }\n"),
            "{new}"
        );
    }

    #[test]
    fn compact_and_four_space_indentation() {
        let compact = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n- id: o\n  key_results:\n  - id: k\n    baseline: 1\n    target: 2\n    checkins:\n    - date: 2026-10-06\n      value: 1\n    grade: 0.5\n";
        let new = add(compact, &ci("2026-11-10", 1.5));
        assert_eq!(
            new,
            compact.replace(
                "      value: 1\n",
                "      value: 1\n    - date: 2026-11-10\n      value: 1.5\n"
            )
        );
        let four = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n    -   id: o\n        key_results:\n            -   id: k\n                baseline: 1\n                target: 2\n                checkins:\n                    -   date: 2026-10-06\n                        value: 1\n";
        let new = add(four, &ci("2026-11-10", 2.0));
        assert_eq!(new, format!("{four}                    -   date: 2026-11-10\n                        value: 2\n"));
    }

    #[test]
    fn crlf_trailing_spaces_and_no_final_newline() {
        let old = file(
            "        checkins:   \n          - date: 2026-10-06  \n            value: 118   \n",
        )
        .replace('\n', "\r\n");
        let new = add(&old, &ci("2026-11-10", 95.0));
        assert_eq!(
            new,
            format!("{old}          - date: 2026-11-10\r\n            value: 95\r\n")
        );
        let old = old.strip_suffix("\r\n").unwrap().to_string();
        let new = add(&old, &ci("2026-11-10", 95.0));
        assert_eq!(
            new,
            format!("{old}\r\n          - date: 2026-11-10\r\n            value: 95")
        );
        let lf = file("        checkins:\n          - date: 2026-10-06\n            value: 118");
        assert_eq!(
            add(&lf, &ci("2026-11-10", 95.0)),
            format!("{lf}\n          - date: 2026-11-10\n            value: 95")
        );
    }

    #[test]
    fn comments_between_items_after_values_and_after_the_list() {
        let old = file("        checkins:   # history\n          # first measurement\n          - date: 2026-10-06   # a Monday\n            value: 118 # tickets\n            # still item 0\n          # before item 1\n          - date: 2026-11-10\n            value: 95\n          # end of list\n        # grade: later\n");
        let new = add(&old, &ci("2026-10-20", 100.0));
        assert!(new.contains("            # still item 0\n          - date: 2026-10-20\n            value: 100\n          # before item 1\n"), "{new}");
        let new = add(&old, &ci("2026-12-01", 90.0));
        assert!(new.contains("            value: 95\n          - date: 2026-12-01\n            value: 90\n          # end of list\n"), "{new}");
        let new = add(&old, &ci("2026-10-01", 130.0));
        assert!(new.contains("          # first measurement\n          - date: 2026-10-01\n            value: 130\n          - date: 2026-10-06"), "{new}");
    }

    #[test]
    fn notes_are_quoted_only_when_needed() {
        let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n");
        for (note, written) in [
            ("Error messages v2 started", "Error messages v2 started"),
            ("ratio: 2", "\"ratio: 2\""),
            ("see #12", "\"see #12\""),
            ("#12 fixed", "\"#12 fixed\""),
            ("it's \"done\"", "it's \"done\""),
            ("\"quoted\"", "\"\\\"quoted\\\"\""),
            (" padded ", "\" padded \""),
            ("- a list?", "\"- a list?\""),
            ("Größe ↑ 日本語 🎉", "Größe ↑ 日本語 🎉"),
            ("42", "\"42\""),
            ("0.5", "\"0.5\""),
            ("true", "\"true\""),
            ("no", "\"no\""),
            ("null", "\"null\""),
            ("~", "\"~\""),
            ("2026-10-06", "\"2026-10-06\""),
            ("1_000", "\"1_000\""),
            ("0x1F", "\"0x1F\""),
            ("two\nlines", "\"two\\nlines\""),
            ("tab\there", "\"tab\\there\""),
            ("back\\slash", "back\\slash"),
            ("", "\"\""),
            ("ends with colon:", "\"ends with colon:\""),
            ("a, b [c]", "a, b [c]"),
            ("@mention", "\"@mention\""),
            ("*star", "\"*star\""),
            ("%pct", "\"%pct\""),
        ] {
            let new = add(&old, &full("2026-11-10", 1.0, 0.5, note));
            assert!(
                new.ends_with(&format!("            note: {written}\n")),
                "{note:?}: {new}"
            );
        }
    }

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(fmt_num(88.0), "88");
        assert_eq!(fmt_num(0.7), "0.7");
        assert_eq!(fmt_num(-12.5), "-12.5");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(fmt_num(1e20), "1e20");
        assert_eq!(fmt_num(1.5e-9), "0.0000000015");
    }

    #[test]
    fn block_scalar_note_as_the_last_checkin() {
        for header in ["|", "|-", ">", "|+", "|2"] {
            let old = file(&format!("        checkins:\n          - date: 2026-10-06\n            value: 118\n            note: {header}\n              line one\n              # not a comment\n\n              line three\n\n        # about the grade\n        grade: 0.5\n"));
            let new = add(&old, &ci("2026-11-10", 95.0));
            let added = "          - date: 2026-11-10\n            value: 95\n";
            if header == "|+" {
                assert!(
                    new.contains(&format!("line three\n\n{added}        # about")),
                    "{header}: {new}"
                );
            } else {
                assert!(
                    new.contains(&format!("line three\n{added}\n        # about")),
                    "{header}: {new}"
                );
            }
        }
        // At the very end of a file without a final newline: `|-` has no line
        // break to lose; `|` would gain one, so it is refused.
        let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118\n            note: |-  # c\n              last words");
        let new = add(&old, &ci("2026-11-10", 95.0));
        assert_eq!(
            new,
            format!("{old}\n          - date: 2026-11-10\n            value: 95")
        );
        let old = old.replace("|-", "|");
        let err = add_checkin(&old, "o", "k", &ci("2026-11-10", 95.0), false).unwrap_err();
        assert!(err.to_string().contains("final line break"), "{err}");
    }

    #[test]
    fn empty_and_null_lists_become_block_lists() {
        for empty in ["[]", "[ ]", "~", "null"] {
            let old = file(&format!(
                "        checkins: {empty}   # none yet\n        grade: 0.5\n"
            ));
            let new = add(&old, &ci("2026-10-06", 118.0));
            assert_eq!(new, file("        checkins:   # none yet\n          - date: 2026-10-06\n            value: 118\n        grade: 0.5\n"), "{empty}");
        }
        let old = file("        checkins:\n        grade: 0.5\n");
        let new = add(&old, &ci("2026-10-06", 118.0));
        assert_eq!(new, file("        checkins:\n          - date: 2026-10-06\n            value: 118\n        grade: 0.5\n"));
    }

    #[test]
    fn one_line_flow_list_gets_the_item_inside_its_line() {
        let old = file("        checkins: [{ date: 2026-10-06, value: 118 }, { date: 2026-11-10, value: 95 }]  # c\n");
        let new = add(&old, &ci("2026-10-20", 100.0));
        assert_eq!(new, file("        checkins: [{ date: 2026-10-06, value: 118 }, { date: 2026-10-20, value: 100 }, { date: 2026-11-10, value: 95 }]  # c\n"));
        let new = add(&old, &ci("2026-10-01", 130.0));
        assert!(
            new.contains("[{ date: 2026-10-01, value: 130 }, { date: 2026-10-06"),
            "{new}"
        );
        let multi =
            file("        checkins: [\n          { date: 2026-10-06, value: 118 }\n        ]\n");
        assert!(matches!(
            add_checkin(&multi, "o", "k", &ci("2026-11-10", 1.0), false),
            Err(EditError::Unsupported(_))
        ));
    }

    #[test]
    fn no_checkins_key_adds_one_after_the_last_field() {
        let old = file(
            "        unit: tickets/week   \n        # dropped: maybe later\n\nnotes_after: x\n",
        )
        .replace("notes_after: x\n", "");
        let new = add(&old, &full("2026-10-06", 118.0, 0.5, "first"));
        assert_eq!(new, file("        unit: tickets/week   \n        # dropped: maybe later\n        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 0.5\n            note: first\n\n"));
        // Copies another key result's check-in style (compact, flow items).
        let old = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: a\n        baseline: 1\n        target: 2\n        checkins:\n        - { date: '2026-10-06', value: 1 }\n      - id: k\n        baseline: 1\n        target: 2\n";
        let new = add(old, &ci("2026-10-07", 3.0));
        assert_eq!(
            new,
            format!("{old}        checkins:\n        - {{ date: '2026-10-07', value: 3 }}\n")
        );
    }

    #[test]
    fn replace_touches_only_that_checkins_lines() {
        let old = file("        checkins:\n          - date: 2026-10-06\n            value: 118   # was\n            note: |\n              old\n              note\n          - { date: 2026-11-10, value: 95 }\n        grade: 0.5\n");
        assert_eq!(
            add_checkin(&old, "o", "k", &ci("2026-10-06", 1.0), false),
            Err(EditError::DateTaken(day("2026-10-06")))
        );
        let new = add_checkin(
            &old,
            "o",
            "k",
            &full("2026-10-06", 117.0, 0.4, "new: note"),
            true,
        )
        .unwrap();
        assert_eq!(new, file("        checkins:\n          - date: 2026-10-06\n            value: 117   # was\n            confidence: 0.4\n            note: \"new: note\"\n          - { date: 2026-11-10, value: 95 }\n        grade: 0.5\n"));
        let new = add_checkin(&old, "o", "k", &full("2026-11-10", 90.0, 0.7, "x"), true).unwrap();
        assert!(
            new.contains("          - { date: 2026-11-10, value: 90, confidence: 0.7, note: x }\n"),
            "{new}"
        );
        // Only the value given: confidence and note stay.
        let new = add_checkin(&old, "o", "k", &ci("2026-10-06", 5.0), true).unwrap();
        assert_eq!(new, old.replace("value: 118", "value: 5"));
        // Replace with nothing on that date adds.
        let new = add_checkin(&old, "o", "k", &ci("2026-12-01", 5.0), true).unwrap();
        assert!(
            new.contains("value: 95 }\n          - { date: 2026-12-01, value: 5 }\n"),
            "{new}"
        );
    }

    #[test]
    fn refusals() {
        let old = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    key_results:\n      - id: cur\n        baseline: 1\n        target: 2\n        current: 1.5\n      - id: gone\n        baseline: 1\n        target: 2\n        dropped: Replaced by the SDK objective\n";
        let c = ci("2026-10-06", 1.0);
        assert_eq!(
            add_checkin(old, "o", "cur", &c, false),
            Err(EditError::UsesCurrent)
        );
        assert_eq!(
            add_checkin(old, "o", "gone", &c, false),
            Err(EditError::Dropped("Replaced by the SDK objective".into()))
        );
        assert!(add_checkin(old, "o", "gone", &c, false)
            .unwrap_err()
            .to_string()
            .contains("Replaced by the SDK"));
        assert_eq!(
            add_checkin(old, "o", "nope", &c, false),
            Err(EditError::NoSuchKeyResult {
                objective: "o".into(),
                key_result: "nope".into()
            })
        );
        assert!(matches!(
            add_checkin(old, "x", "cur", &c, false),
            Err(EditError::NoSuchKeyResult { .. })
        ));
        assert!(matches!(
            add_checkin("a: [", "o", "k", &c, false),
            Err(EditError::Invalid(_))
        ));
        assert!(matches!(
            add_checkin(old, "o", "k", &ci("2026-10-06", f64::NAN), false),
            Err(EditError::BadValue(_))
        ));
        assert!(matches!(
            add_checkin("a: 1\rb: 2\r", "o", "k", &c, false),
            Err(EditError::Unsupported(_))
        ));
    }

    #[test]
    fn quoted_dates_and_unsorted_lists() {
        let old =
            file("        checkins:\n          - date: \"2026-10-06\"\n            value: 1\n");
        let new = add(&old, &ci("2026-10-07", 2.0));
        assert!(
            new.ends_with("          - date: \"2026-10-07\"\n            value: 2\n"),
            "{new}"
        );
    }

    #[test]
    fn diff_shows_the_added_lines() {
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nb\nc\nd\nX\ne\nf\ng\n";
        assert_eq!(
            unified_diff("okrs/x.yaml", old, new),
            "--- a/okrs/x.yaml\n+++ b/okrs/x.yaml\n@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n"
        );
        assert_eq!(unified_diff("x", old, old), "");
        assert_eq!(
            unified_diff("x", "a", "a\nb"),
            "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified_diff("x", "", "a\n"),
            "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n"
        );
        assert_eq!(added_lines("a\r\nb\r\n", "a\r\nX\r\nb\r\n"), ["X"]);
    }
}

/// Property tests: generated OKR files in every supported style; adding a
/// check-in keeps every original line, in order, and means the old file plus
/// that check-in.
#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    struct Item {
        day: u32,
        value: f64,
        confidence: Option<f64>,
        note: Option<String>,
        flow: bool,
        /// The note as a `|` block scalar (block items only).
        block_note: bool,
    }

    #[derive(Debug, Clone)]
    enum Form {
        /// No `checkins` key.
        Absent,
        /// `checkins: []`, `checkins: ~` or a bare `checkins:`.
        Empty(&'static str),
        /// A one-line `[...]` flow list.
        OneLine(Vec<Item>),
        /// A block list.
        Block(Vec<Item>),
    }

    #[derive(Debug, Clone)]
    struct Spec {
        indent: usize,
        gap: usize,
        compact: bool,
        crlf: bool,
        final_newline: bool,
        trailing_spaces: bool,
        comments: bool,
        /// Key results per objective, with their check-ins.
        objectives: Vec<Vec<Form>>,
        /// Which key result gets the check-in.
        target: (usize, usize),
        field_after: bool,
    }

    fn date_of(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap() + chrono::Days::new(u64::from(day))
    }

    fn number() -> impl Strategy<Value = f64> {
        (
            -2000i32..2000,
            prop_oneof![Just(1.0), Just(10.0), Just(100.0)],
        )
            .prop_map(|(n, d)| f64::from(n) / d)
    }

    fn note() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z][a-zA-Z0-9 ]{0,15}",
            "[a-z0-9 :#'\"\\-,\\[\\]{}é日🎉%@*!&|>?]{0,12}",
            Just("42".to_string()),
            Just("true".to_string()),
            Just("2026-10-06".to_string()),
            Just(" spaced ".to_string()),
        ]
    }

    fn items() -> impl Strategy<Value = Vec<Item>> {
        (
            proptest::collection::btree_set(0u32..100, 1..5),
            proptest::collection::vec(
                (
                    number(),
                    proptest::option::of(0u32..=10),
                    proptest::option::of(note()),
                    any::<bool>(),
                    any::<bool>(),
                ),
                5,
            ),
        )
            .prop_map(|(days, rest)| {
                days.into_iter()
                    .zip(rest)
                    .map(|(day, (value, confidence, note, flow, block_note))| Item {
                        day,
                        value,
                        confidence: confidence.map(|c| f64::from(c) / 10.0),
                        block_note: block_note && !flow && note.is_some(),
                        note,
                        flow,
                    })
                    .collect()
            })
    }

    fn form() -> impl Strategy<Value = Form> {
        prop_oneof![
            1 => Just(Form::Absent),
            1 => prop_oneof![Just("[]"), Just("~"), Just("")].prop_map(Form::Empty),
            1 => items().prop_map(|items| Form::OneLine(items.into_iter().map(|i| Item { flow: true, block_note: false, ..i }).collect())),
            4 => items().prop_map(Form::Block),
        ]
    }

    fn spec() -> impl Strategy<Value = Spec> {
        (
            (
                prop_oneof![Just(2usize), Just(4)],
                any::<bool>(),
                any::<bool>(),
            ),
            (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
            proptest::collection::vec(proptest::collection::vec(form(), 1..3), 1..3),
            (any::<usize>(), any::<usize>(), any::<bool>()),
        )
            .prop_map(
                |(
                    (indent, wide_gap, compact),
                    (crlf, final_newline, trailing_spaces, comments),
                    objectives,
                    (o, k, field_after),
                )| {
                    let o = o % objectives.len();
                    let k = k % objectives[o].len();
                    Spec {
                        indent,
                        gap: if wide_gap { indent } else { 2 },
                        compact,
                        crlf,
                        final_newline,
                        trailing_spaces,
                        comments,
                        objectives,
                        target: (o, k),
                        field_after,
                    }
                },
            )
    }

    fn flow_item(item: &Item) -> String {
        let mut parts = vec![
            format!("date: {}", date_of(item.day)),
            format!("value: {}", fmt_num(item.value)),
        ];
        if let Some(c) = item.confidence {
            parts.push(format!("confidence: {}", fmt_num(c)));
        }
        if let Some(n) = &item.note {
            parts.push(format!("note: {}", scalar(n, true)));
        }
        format!("{{ {} }}", parts.join(", "))
    }

    /// The file's lines (without line endings).
    fn render(spec: &Spec) -> Vec<String> {
        let sp = |n: usize| " ".repeat(n);
        let trail = if spec.trailing_spaces { "  " } else { "" };
        let mut out = vec![
            "# yaml-language-server: $schema=../okr.schema.json".to_string(),
            "quarter: 2026-Q4".to_string(),
            format!("team: devrel{trail}"),
            "objectives:".to_string(),
        ];
        let nest = |key_col: usize| {
            if spec.compact {
                key_col
            } else {
                key_col + spec.indent
            }
        };
        let dash = |col: usize| format!("{}-{}", sp(col), sp(spec.gap - 1));
        let d0 = nest(0);
        let c0 = d0 + spec.gap;
        for (oi, krs) in spec.objectives.iter().enumerate() {
            out.push(format!("{}id: o{oi}", dash(d0)));
            out.push(format!("{}title: Objective {oi}", sp(c0)));
            out.push(format!("{}key_results:", sp(c0)));
            let d1 = nest(c0);
            let c1 = d1 + spec.gap;
            for (ki, form) in krs.iter().enumerate() {
                out.push(format!("{}id: k{ki}{trail}", dash(d1)));
                out.push(format!("{}title: Tickets fall", sp(c1)));
                out.push(format!("{}baseline: 0", sp(c1)));
                out.push(format!(
                    "{}target: 1000{}",
                    sp(c1),
                    if spec.comments { "  # a stretch" } else { "" }
                ));
                let d2 = nest(c1);
                let c2 = d2 + spec.gap;
                match form {
                    Form::Absent => {}
                    Form::Empty(e) => {
                        out.push(format!("{}checkins: {e}", sp(c1)).trim_end().to_string())
                    }
                    Form::OneLine(items) => {
                        let items: Vec<String> = items.iter().map(flow_item).collect();
                        out.push(format!("{}checkins: [{}]", sp(c1), items.join(", ")));
                    }
                    Form::Block(items) => {
                        out.push(format!("{}checkins:", sp(c1)));
                        for (i, item) in items.iter().enumerate() {
                            if spec.comments && i > 0 {
                                out.push(format!("{}# before item {i}", sp(d2)));
                            }
                            if item.flow {
                                out.push(format!("{}{}", dash(d2), flow_item(item)));
                                continue;
                            }
                            out.push(format!("{}date: {}{trail}", dash(d2), date_of(item.day)));
                            out.push(format!(
                                "{}value: {}{}",
                                sp(c2),
                                fmt_num(item.value),
                                if spec.comments { " # measured" } else { trail }
                            ));
                            if let Some(c) = item.confidence {
                                out.push(format!("{}confidence: {}", sp(c2), fmt_num(c)));
                            }
                            match &item.note {
                                Some(_) if item.block_note => {
                                    out.push(format!("{}note: |", sp(c2)));
                                    out.push(format!("{}first line", sp(c2 + 2)));
                                    out.push(format!("{}# not a comment", sp(c2 + 2)));
                                    out.push(String::new());
                                    out.push(format!("{}last line", sp(c2 + 2)));
                                }
                                Some(n) => {
                                    out.push(format!("{}note: {}", sp(c2), scalar(n, false)))
                                }
                                None => {}
                            }
                        }
                        if spec.comments {
                            out.push(format!("{}# end of the list", sp(d2)));
                        }
                    }
                }
                if spec.field_after {
                    out.push(format!("{}unit: tickets/week", sp(c1)));
                }
            }
        }
        if spec.comments {
            out.push("# end of file".to_string());
        }
        out
    }

    fn existing(form: &Form) -> &[Item] {
        match form {
            Form::OneLine(items) | Form::Block(items) => items,
            _ => &[],
        }
    }

    /// How many old lines are not in a longest common subsequence with the new.
    fn lines_lost(old: &str, new: &str) -> usize {
        // The old last line may gain a line ending (no final newline).
        let lines = |t| -> Vec<(&str, bool)> {
            split_lines(t).into_iter().map(|(l, _)| (l, true)).collect()
        };
        diff_ops(&lines(old), &lines(new))
            .iter()
            .filter(|op| matches!(op, DiffOp::Remove(_)))
            .count()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2500, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn adding_a_checkin_keeps_every_line(
            spec in spec(),
            day in 0u32..100,
            pick_existing in any::<bool>(),
            value in number(),
            confidence in proptest::option::of(0u32..=10),
            note in proptest::option::of(note()),
        ) {
            let eol = if spec.crlf { "\r\n" } else { "\n" };
            let lines = render(&spec);
            // A file ending in a `|` block scalar without a final newline is
            // refused (tested elsewhere); give such files their newline.
            let ends_in_block = lines.last().is_some_and(|l| l.ends_with("last line"));
            let final_newline = spec.final_newline || ends_in_block;
            let mut text = lines.join(eol);
            if final_newline {
                text.push_str(eol);
            }
            let form = &spec.objectives[spec.target.0][spec.target.1];
            let items = existing(form);
            let (day, replace) = match items.first() {
                Some(first) if pick_existing => (items[day as usize % items.len()].day.max(first.day), true),
                _ => (day, false),
            };
            let taken = items.iter().any(|i| i.day == day);
            let checkin = NewCheckin {
                date: date_of(day),
                value,
                confidence: confidence.map(|c| f64::from(c) / 10.0),
                note,
            };
            let objective = format!("o{}", spec.target.0);
            let kr = format!("k{}", spec.target.1);
            let result = add_checkin(&text, &objective, &kr, &checkin, replace);
            if taken && !replace {
                prop_assert_eq!(result, Err(EditError::DateTaken(checkin.date)));
                return Ok(());
            }
            let new = match result {
                Ok(new) => new,
                Err(e) => return Err(TestCaseError::fail(format!("{e}\n{text}"))),
            };

            // Line endings and the final newline are the file's.
            prop_assert_eq!(new.ends_with('\n'), final_newline);
            if spec.crlf {
                prop_assert_eq!(new.matches('\n').count(), new.matches("\r\n").count());
            } else {
                prop_assert!(!new.contains('\r'));
            }
            // Every old line survives, in order; only a `[]`/`~`/one-line list
            // line (or, with replace, the replaced check-in's lines) may change.
            let old_lines: Vec<&str> = text.lines().collect();
            let new_lines: Vec<&str> = new.lines().collect();
            let missing = lines_lost(&text, &new);
            let may_change = match form {
                Form::Empty("") => 0,
                Form::Empty(_) | Form::OneLine(_) => 1,
                Form::Block(_) if replace => 7,
                _ => 0,
            };
            prop_assert!(missing <= may_change, "{} lines lost\n{}\n---\n{}", missing, text, new);
            if !replace {
                // The sibling whose style is copied: the previous item, else
                // the first; for a new list, the last item of the first block
                // list in the file.
                let sibling_flow = match form {
                    Form::OneLine(_) => None,
                    Form::Block(items) => {
                        let k = items.iter().filter(|i| i.day < day).count();
                        Some(items[k.saturating_sub(1)].flow)
                    }
                    _ => Some(
                        spec.objectives
                            .iter()
                            .flatten()
                            .find_map(|f| match f {
                                Form::Block(items) => items.last().map(|i| i.flow),
                                _ => None,
                            })
                            .unwrap_or(false),
                    ),
                };
                let expected_added = match sibling_flow {
                    None => 0,
                    Some(true) => 1,
                    Some(false) => 2 + usize::from(checkin.confidence.is_some()) + usize::from(checkin.note.is_some()),
                } + usize::from(matches!(form, Form::Absent));
                prop_assert_eq!(new_lines.len(), old_lines.len() + expected_added, "{}\n---\n{}", text, new);
            }

            // The new file means the old one plus the check-in.
            let old_value: Value = serde_yaml::from_str(&text).unwrap();
            let new_value: Value = serde_yaml::from_str(&new).unwrap();
            let mut expected = old_value.clone();
            let kr_map = expected["objectives"][spec.target.0]["key_results"][spec.target.1]
                .as_mapping_mut()
                .unwrap();
            let key = Value::from("checkins");
            if kr_map.get(&key).is_none_or(Value::is_null) {
                kr_map.insert(key.clone(), Value::Sequence(Vec::new()));
            }
            let list = kr_map.get_mut(&key).unwrap().as_sequence_mut().unwrap();
            let number = |v: f64| if v.fract() == 0.0 { Value::from(v as i64) } else { Value::from(v) };
            if replace {
                let at = items.iter().position(|i| i.day == day).unwrap();
                let map = list[at].as_mapping_mut().unwrap();
                map.insert("value".into(), number(checkin.value));
                if let Some(c) = checkin.confidence {
                    map.insert("confidence".into(), number(c));
                }
                if let Some(n) = &checkin.note {
                    map.insert("note".into(), Value::from(n.as_str()));
                }
            } else {
                let at = items.iter().filter(|i| i.day < day).count();
                let mut map = Mapping::new();
                map.insert("date".into(), Value::from(date_of(day).to_string()));
                map.insert("value".into(), number(checkin.value));
                if let Some(c) = checkin.confidence {
                    map.insert("confidence".into(), number(c));
                }
                if let Some(n) = &checkin.note {
                    map.insert("note".into(), Value::from(n.as_str()));
                }
                list.insert(at, Value::Mapping(map));
            }
            prop_assert_eq!(new_value, expected);
            prop_assert!(serde_yaml::from_str::<OkrFile>(&new).is_ok());
        }
    }
}
