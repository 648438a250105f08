//! Every type error, unknown key, missing key and duplicate key of a file in
//! one run (issue 9, point 4).
//!
//! serde_yaml stops at the first error of a file. When the typed parse fails
//! on a file that is valid YAML, the loader calls [`all_errors`]: it reads the
//! YAML event stream into a small positioned tree and checks that tree against
//! the OKR file format (FORMAT.md section 2), reporting each problem at its own
//! key or value. Constrained values are checked by the model's own newtypes,
//! so the messages are the ones the typed parse gives.
//!
//! The work is bounded for hostile input: nesting deeper than [`MAX_DEPTH`] is
//! not read, aliases share the node they name instead of copying it, at most
//! [`MAX_VISITS`] nodes are checked and at most [`MAX_FOUND`] problems kept.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle};

use crate::diagnostic::{Pos, Rule, Span};
use crate::model::{
    fmt_number, parse_date, AlignRef, Confidence, Grade, Number, Quarter, Slug, Weight,
};
use crate::suggest::closest;

/// One problem found in a file: where, which rule, and the message (naming
/// the objective, key result and check-in it belongs to, and the fix).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Found {
    pub span: Span,
    pub rule: Rule,
    pub message: String,
}

/// Collections nested deeper than this are not read (an OKR file has six levels).
pub const MAX_DEPTH: usize = 32;

/// At most this many problems are reported for one file.
pub const MAX_FOUND: usize = 200;

/// At most this many nodes are checked: aliases can make a small file name
/// the same large node many times over.
pub const MAX_VISITS: usize = 100_000;

/// Every type error, unknown key, missing key and duplicate key of `source`
/// (valid YAML) against the OKR file format; empty if it finds none.
///
/// Only the first YAML document is checked. A document with no root value is
/// left to the caller (an empty file is its own problem). The results are
/// ordered by position.
pub fn all_errors(source: &str) -> Vec<Found> {
    let Some(tree) = Tree::read(source) else {
        return Vec::new();
    };
    let Some(root) = tree.root else {
        return Vec::new();
    };
    let mut walker = Walker {
        tree: &tree,
        source,
        line_starts: line_starts(source),
        found: Vec::new(),
        visits: 0,
    };
    walker.file(root);
    let mut found = walker.found;
    // Stable: problems at one place keep the order of the format's keys.
    found.sort_by_key(|f| f.span);
    // An alias repeats the problems of the node it names, at the same place.
    let mut seen = HashSet::new();
    found.retain(|f| seen.insert(f.clone()));
    found.truncate(MAX_FOUND);
    found
}

// ---------------------------------------------------------------------------
// The positioned tree.

#[derive(Debug)]
enum Kind {
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
struct Node {
    span: Span,
    kind: Kind,
}

/// The nodes of the first document; an alias is the index of the node its
/// anchor names, so an alias costs nothing however much it stands for.
#[derive(Debug, Default)]
struct Tree {
    nodes: Vec<Node>,
    root: Option<usize>,
}

/// A collection being read.
struct Open {
    node: usize,
    /// The key read whose value comes next (mappings only).
    key: Option<usize>,
    anchor: usize,
}

fn pos(marker: Marker) -> Pos {
    Pos {
        line: marker.line().max(1),
        column: marker.col() + 1,
    }
}

impl Tree {
    /// Reads the first document of `source`; `None` when it is not valid YAML.
    fn read(source: &str) -> Option<Tree> {
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

    fn add(&mut self, span: Span, kind: Kind) -> usize {
        self.nodes.push(Node { span, kind });
        self.nodes.len() - 1
    }

    fn open(
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
}

/// The byte offset where each line starts.
fn line_starts(source: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

// ---------------------------------------------------------------------------
// The format.

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Quarter,
    Slug,
    Text,
    Bool,
    Aligns,
    Number,
    Weight,
    Grade,
    Confidence,
    Date,
    Dropped,
    Objectives,
    KeyResults,
    Checkins,
}

struct Field {
    name: &'static str,
    ty: Ty,
    required: bool,
}

const fn field(name: &'static str, ty: Ty, required: bool) -> Field {
    Field { name, ty, required }
}

const FILE_FIELDS: &[Field] = &[
    field("quarter", Ty::Quarter, true),
    field("company", Ty::Slug, false),
    field("team", Ty::Slug, false),
    field("person", Ty::Slug, false),
    field("objectives", Ty::Objectives, true),
];

const OBJECTIVE_FIELDS: &[Field] = &[
    field("id", Ty::Slug, true),
    field("title", Ty::Text, false),
    field("committed", Ty::Bool, false),
    field("aligns", Ty::Aligns, false),
    field("key_results", Ty::KeyResults, true),
    field("reflection", Ty::Text, false),
    field("notes", Ty::Text, false),
];

const KEY_RESULT_FIELDS: &[Field] = &[
    field("id", Ty::Slug, true),
    field("title", Ty::Text, false),
    field("baseline", Ty::Number, true),
    field("target", Ty::Number, true),
    field("unit", Ty::Text, false),
    field("owner", Ty::Slug, false),
    field("weight", Ty::Weight, false),
    field("current", Ty::Number, false),
    field("checkins", Ty::Checkins, false),
    field("grade", Ty::Grade, false),
    field("reflection", Ty::Text, false),
    field("dropped", Ty::Dropped, false),
];

const CHECKIN_FIELDS: &[Field] = &[
    field("date", Ty::Date, true),
    field("value", Ty::Number, true),
    field("confidence", Ty::Confidence, false),
    field("note", Ty::Text, false),
];

/// The kinds of mapping the format has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    File,
    Objective,
    KeyResult,
    Checkin,
}

impl Shape {
    fn fields(self) -> &'static [Field] {
        match self {
            Shape::File => FILE_FIELDS,
            Shape::Objective => OBJECTIVE_FIELDS,
            Shape::KeyResult => KEY_RESULT_FIELDS,
            Shape::Checkin => CHECKIN_FIELDS,
        }
    }

    /// The same words as the typed parse's messages (`describe_expected`).
    fn expected(self) -> &'static str {
        match self {
            Shape::File => "a mapping with `quarter:`, an owner (`team:`, `person:` or `company:`) and `objectives:`",
            Shape::Objective => "an objective: a mapping with `id:`, `title:` and `key_results:`",
            Shape::KeyResult => "a key result: a mapping with `id:`, `title:`, `baseline:` and `target:`",
            Shape::Checkin => "a check-in: a mapping with `date:` and `value:`",
        }
    }

    /// How an item is named in messages, and the key that names it.
    fn naming(self) -> (&'static str, &'static str) {
        match self {
            Shape::Objective => ("objective", "id"),
            Shape::KeyResult => ("key result", "id"),
            _ => ("check-in", "date"),
        }
    }
}

const LIST: &str = "a list (items starting with `- `)";

fn missing_hint(name: &str) -> &'static str {
    match name {
        "quarter" => "add `quarter: YYYY-Qn`, e.g. `quarter: 2026-Q4`",
        "objectives" => "add `objectives:` with the owner's objectives",
        "id" => "add `id:` with a short name such as `api-pain`",
        "key_results" => "add `key_results:` with the numbers that show the objective is met",
        "baseline" => "add `baseline: NUMBER`, the metric's value when the quarter starts",
        "target" => "add `target: NUMBER`, the value the key result aims for",
        "date" => "add `date: YYYY-MM-DD`",
        "value" => "add `value: NUMBER`, the measured value",
        _ => "add it",
    }
}

/// How to fill an empty `objectives` or `key_results`.
fn list_hint(ty: Ty) -> &'static str {
    if ty == Ty::Objectives {
        "add the owner's objectives, each starting with `- id:`"
    } else {
        "add the numbers that show the objective is met, each starting with `- id:`"
    }
}

/// A scalar as serde_yaml reads it where any value may come.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scalar<'a> {
    Null,
    Bool(bool),
    Number(f64),
    Text(&'a str),
}

/// Resolves a plain scalar the way serde_yaml does (YAML 1.2 core schema).
fn resolve(text: &str, plain: bool) -> Scalar<'_> {
    if !plain {
        return Scalar::Text(text);
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "true" | "True" | "TRUE" => return Scalar::Bool(true),
        "false" | "False" | "FALSE" => return Scalar::Bool(false),
        _ => {}
    }
    // Only what may be a number is handed to serde_yaml, so that no text is
    // ever read as YAML a second time in a way it was not written.
    let numeric_start = text
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'));
    if numeric_start
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        if let Ok(serde_yaml::Value::Number(n)) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            if let Some(v) = n.as_f64() {
                return Scalar::Number(v);
            }
        }
    }
    Scalar::Text(text)
}

/// What a value is, in the words of the typed parse's messages (`describe_found`).
fn describe_found(scalar: Scalar<'_>, raw: &str) -> String {
    match scalar {
        Scalar::Null => "an empty value".to_string(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Number(_) => format!("the number {raw}"),
        Scalar::Text(text) => format!("the text {text:?}"),
    }
}

/// The message of a model newtype's `Deserialize` for a value, if it refuses it.
macro_rules! newtype_error {
    ($ty:ty, $value:expr) => {
        serde_yaml::from_value::<$ty>($value)
            .err()
            .map(|e| e.to_string())
    };
}

fn number_value(v: f64) -> serde_yaml::Value {
    serde_yaml::Value::Number(serde_yaml::Number::from(v))
}

/// The fix for a number written as text, keeping its scale: `2.5%` → 2.5
/// (the unit goes to `unit:`), `95ms` → 95, `$2.5` → 2.5, `3,1` → 3.1,
/// `1_000` → 1000. `with_unit` tells whether the key result's `unit:` can
/// hold what is left over. `None` when the text holds no number.
pub fn number_fix(text: &str, with_unit: bool, quoted: bool) -> Option<String> {
    let trimmed = text.trim();
    let (currency, rest) = match trimmed.chars().next() {
        Some(c @ ('$' | '€' | '£' | '¥')) => {
            (Some(c), trimmed.get(c.len_utf8()..)?.trim_start())
        }
        _ => (None, trimmed),
    };
    let core_len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | ',' | '_')))
        .map_or(rest.len(), |(i, _)| i);
    let (core, suffix) = rest.split_at(core_len);
    let suffix = suffix.trim();
    if !core.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let core = core.replace('_', "");
    let thousands = {
        let int = core.split('.').next().unwrap_or_default();
        let int = int.trim_start_matches(['+', '-']);
        let mut groups = int.split(',');
        int.contains(',')
            && groups.next().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.all(|g| g.len() == 3)
    };
    let (number, decimal_comma) = if thousands {
        (core.replace(',', ""), false)
    } else if core.matches(',').count() == 1 && !core.contains('.') {
        (core.replace(',', "."), true)
    } else {
        (core.clone(), false)
    };
    let value = number.parse::<f64>().ok().filter(|v| v.is_finite())?;
    let n = fmt_number(value);
    if currency.is_none() && suffix.is_empty() && !decimal_comma && core == trimmed {
        // The number itself, only quoted or with leading zeros.
        return Some(if quoted && !thousands && !text.contains('_') {
            "remove the quotes".to_string()
        } else {
            format!("write {n}")
        });
    }
    let mut fix = if decimal_comma {
        format!("use a decimal point: {n}")
    } else {
        format!("write {n}")
    };
    if thousands && core.matches(',').count() == 1 && !core.contains('.') {
        let decimal = core.replace(',', ".");
        if let Ok(v) = decimal.parse::<f64>() {
            fix.push_str(&format!(
                " (or {} if the comma is a decimal point)",
                fmt_number(v)
            ));
        }
    }
    if with_unit {
        let unit = match (currency, suffix) {
            (_, "%") => Some(" and keep the unit in `unit:`".to_string()),
            (Some(c), "") => Some(format!(" and put `{c}` in `unit:`")),
            (Some(c), s) => Some(format!(" and put `{c}{s}` in `unit:`")),
            (None, "") => None,
            (None, s) => Some(format!(" and put `{s}` in `unit:`")),
        };
        if let Some(unit) = unit {
            if decimal_comma {
                fix.push(',');
            }
            fix.push_str(&unit);
        }
    }
    Some(fix)
}

// ---------------------------------------------------------------------------
// The walk.

struct Walker<'a> {
    tree: &'a Tree,
    source: &'a str,
    line_starts: Vec<usize>,
    found: Vec<Found>,
    visits: usize,
}

impl Walker<'_> {
    fn node(&self, index: usize) -> Option<&Node> {
        self.tree.nodes.get(index)
    }

    fn full(&self) -> bool {
        self.found.len() >= MAX_FOUND || self.visits >= MAX_VISITS
    }

    fn report(&mut self, span: Span, rule: Rule, place: &[String], message: String) {
        if self.found.len() >= MAX_FOUND {
            return;
        }
        let message = if place.is_empty() {
            message
        } else {
            format!("{}: {message}", place.join(", "))
        };
        self.found.push(Found {
            span,
            rule,
            message,
        });
    }

    fn file(&mut self, root: usize) {
        let Some(node) = self.node(root) else { return };
        if matches!(node.kind, Kind::Scalar { ref text, plain } if resolve(text, plain) == Scalar::Null)
        {
            // An empty document: the caller's own problem.
            return;
        }
        self.mapping(root, Shape::File, None, &[]);
    }

    /// Checks a mapping of `shape`; `dash` is where its `- ` is, when it is a
    /// list item.
    fn mapping(&mut self, index: usize, shape: Shape, dash: Option<Pos>, place: &[String]) {
        self.visits += 1;
        if self.full() {
            return;
        }
        let tree = self.tree;
        let Some(node) = tree.nodes.get(index) else {
            return;
        };
        let entries = match &node.kind {
            Kind::Map(entries) => entries,
            Kind::Opaque => return,
            other => {
                let found = self.describe_node(other);
                let expected = shape.expected();
                let span = self.value_span(node);
                self.report(
                    span,
                    Rule::WrongType,
                    place,
                    format!("expected {expected} here, not {found}"),
                );
                return;
            }
        };
        let fields = shape.fields();
        let mut seen: Vec<&str> = Vec::new();
        for &(key, value) in entries {
            if self.full() {
                return;
            }
            let Some(key_node) = tree.nodes.get(key) else {
                continue;
            };
            let Kind::Scalar { text: name, .. } = &key_node.kind else {
                let found = self.describe_node(&key_node.kind);
                let span = self.value_span(key_node);
                self.report(
                    span,
                    Rule::WrongType,
                    place,
                    format!("a key must be a name such as `title`, not {found}"),
                );
                continue;
            };
            let Some(field) = fields.iter().find(|f| f.name == name) else {
                let message = unknown_key(name, fields);
                self.report(key_node.span, Rule::UnknownKey, place, message);
                continue;
            };
            if seen.contains(&field.name) {
                self.report(
                    key_node.span,
                    Rule::DuplicateKey,
                    place,
                    format!("`{name}` is given twice; keep one"),
                );
                continue;
            }
            seen.push(field.name);
            self.value(field, key_node.span, value, place);
        }
        for field in fields.iter().filter(|f| f.required) {
            if !seen.contains(&field.name) {
                let span = self.missing_span(node, dash);
                self.report(
                    span,
                    Rule::MissingKey,
                    place,
                    format!("`{}` is missing: {}", field.name, missing_hint(field.name)),
                );
            }
        }
    }

    /// Where to report a key missing from `node`: the item's `- `, else its
    /// first key, else where it starts.
    fn missing_span(&self, node: &Node, dash: Option<Pos>) -> Span {
        if let Some(dash) = dash {
            return Span::at(dash);
        }
        if let Kind::Map(entries) = &node.kind {
            if let Some(first) = entries.first().and_then(|&(key, _)| self.node(key)) {
                if first.span.start == node.span.start {
                    return first.span;
                }
            }
        }
        Span::at(node.span.start)
    }

    /// The span to report a value at: a collection spanning lines is shown by
    /// its first character.
    fn value_span(&self, node: &Node) -> Span {
        if node.span.end.line == node.span.start.line && node.span.end > node.span.start {
            node.span
        } else {
            Span::at(node.span.start)
        }
    }

    fn describe_node(&self, kind: &Kind) -> String {
        match kind {
            Kind::Map(_) => "a mapping".to_string(),
            Kind::Seq(_) => "a list".to_string(),
            Kind::Scalar { text, plain } => describe_found(resolve(text, *plain), text),
            Kind::Opaque => "a value".to_string(),
        }
    }

    /// The `- ` in front of the item starting at `start`, if there is one.
    fn dash_before(&self, start: Pos) -> Option<Pos> {
        let line = |number: usize| -> Option<&str> {
            let from = *self.line_starts.get(number.checked_sub(1)?)?;
            let to = self
                .line_starts
                .get(number)
                .copied()
                .unwrap_or(self.source.len());
            self.source.get(from..to)
        };
        let here = line(start.line)?;
        let byte = here
            .char_indices()
            .nth(start.column.saturating_sub(1))
            .map_or(here.len(), |(i, _)| i);
        let before = here.get(..byte)?.trim_end();
        if !before.is_empty() {
            let dash = before.strip_suffix('-')?;
            return Some(Pos {
                line: start.line,
                column: dash.chars().count() + 1,
            });
        }
        // `-` alone on a line, the item below it: look a few lines up.
        for number in (start.line.saturating_sub(3)..start.line).rev() {
            let text = line(number)?;
            let content = text.split(" #").next().unwrap_or_default().trim_end();
            if content.trim().is_empty() {
                continue;
            }
            let dash = content.strip_suffix('-')?;
            return Some(Pos {
                line: number,
                column: dash.chars().count() + 1,
            });
        }
        None
    }

    /// Checks the value of a known key; `key` is the key's span, for empty values.
    fn value(&mut self, field: &Field, key: Span, index: usize, place: &[String]) {
        self.visits += 1;
        let tree = self.tree;
        let Some(node) = tree.nodes.get(index) else {
            return;
        };
        let name = field.name;
        match field.ty {
            Ty::Objectives | Ty::KeyResults | Ty::Checkins => {
                self.list(field, key, node, place);
                return;
            }
            _ => {}
        }
        let (text, plain) = match &node.kind {
            Kind::Scalar { text, plain } => (text.as_str(), *plain),
            Kind::Opaque => return,
            other => {
                let found = self.describe_node(other);
                let expected = expected(field.ty);
                let span = self.value_span(node);
                self.report(
                    span,
                    Rule::WrongType,
                    place,
                    format!("`{name}` must be {expected}, not {found}"),
                );
                return;
            }
        };
        let scalar = resolve(text, plain);
        let span = node.span;
        if scalar == Scalar::Null {
            match field.ty {
                Ty::Dropped => self.report(
                    key,
                    Rule::DroppedWithoutReason,
                    place,
                    "`dropped` is empty: write why the key result was dropped, e.g. `dropped: Replaced by the SDK objective after the October review`".to_string(),
                ),
                _ if !field.required && field.ty != Ty::Bool => {}
                Ty::Quarter => self.report(
                    key,
                    Rule::BadQuarter,
                    place,
                    "`quarter` is empty: write YYYY-Qn, e.g. `quarter: 2026-Q4`".to_string(),
                ),
                Ty::Slug => self.report(
                    key,
                    Rule::BadSlug,
                    place,
                    format!("`{name}` is empty: write a short name such as `api-pain`"),
                ),
                Ty::Date => self.report(
                    key,
                    Rule::BadDate,
                    place,
                    "`date` is empty: write YYYY-MM-DD, e.g. `2026-10-06`".to_string(),
                ),
                ty => self.report(
                    key,
                    Rule::WrongType,
                    place,
                    format!("`{name}` is empty: write {}", expected(ty)),
                ),
            }
            return;
        }
        match field.ty {
            Ty::Text => {}
            Ty::Dropped => {
                let reason = match scalar {
                    Scalar::Bool(b) => Some(format!("`dropped: {b}` gives no reason")),
                    Scalar::Text(t) if t.trim().is_empty() => {
                        Some("`dropped` is empty".to_string())
                    }
                    _ => None,
                };
                if let Some(reason) = reason {
                    self.report(
                        span_or_key(span, key),
                        Rule::DroppedWithoutReason,
                        place,
                        format!("{reason}: write why the key result was dropped, e.g. `dropped: Replaced by the SDK objective after the October review`"),
                    );
                }
            }
            Ty::Quarter => {
                if let Err(e) = text.parse::<Quarter>() {
                    self.report(
                        span,
                        Rule::BadQuarter,
                        place,
                        format!("invalid `quarter`: {e}"),
                    );
                }
            }
            Ty::Slug => {
                if let Err(e) = Slug::parse(text) {
                    self.report(span, Rule::BadSlug, place, format!("invalid `{name}`: {e}"));
                }
            }
            Ty::Aligns => {
                let value = serde_yaml::Value::String(text.to_string());
                if let Some(e) = newtype_error!(AlignRef, value) {
                    self.report(
                        span,
                        Rule::BadAligns,
                        place,
                        format!("invalid `aligns`: {e}"),
                    );
                }
            }
            Ty::Date => {
                if let Err(e) = parse_date(text) {
                    self.report(span, Rule::BadDate, place, format!("invalid `date`: {e}"));
                }
            }
            Ty::Bool => {
                if !matches!(scalar, Scalar::Bool(_)) {
                    let found = describe_found(scalar, text);
                    self.report(
                        span,
                        Rule::WrongType,
                        place,
                        format!("`{name}` must be `true` or `false`, not {found}"),
                    );
                }
            }
            Ty::Number | Ty::Weight | Ty::Grade | Ty::Confidence => {
                if let Some((rule, message)) = number_problem(field.ty, name, scalar, plain) {
                    self.report(span, rule, place, message);
                }
            }
            Ty::Objectives | Ty::KeyResults | Ty::Checkins => {}
        }
    }

    /// Checks `objectives`, `key_results` or `checkins` and their items.
    fn list(&mut self, field: &Field, key: Span, node: &Node, place: &[String]) {
        let name = field.name;
        let items = match &node.kind {
            Kind::Seq(items) => items,
            Kind::Opaque => return,
            Kind::Scalar { text, plain } if resolve(text, *plain) == Scalar::Null => {
                if field.ty != Ty::Checkins {
                    self.report(
                        key,
                        Rule::EmptyList,
                        place,
                        format!("`{name}` is empty: {}", list_hint(field.ty)),
                    );
                }
                return;
            }
            other => {
                let found = self.describe_node(other);
                let span = self.value_span(node);
                self.report(
                    span,
                    Rule::WrongType,
                    place,
                    format!("`{name}` must be {LIST}, not {found}"),
                );
                return;
            }
        };
        let shape = match field.ty {
            Ty::Objectives => Shape::Objective,
            Ty::KeyResults => Shape::KeyResult,
            _ => Shape::Checkin,
        };
        if items.is_empty() && shape != Shape::Checkin {
            let span = self.value_span(node);
            self.report(
                span,
                Rule::EmptyList,
                place,
                format!("`{name}` is an empty list: {}", list_hint(field.ty)),
            );
            return;
        }
        let (what, naming_key) = shape.naming();
        for (number, &item) in items.iter().enumerate() {
            if self.full() {
                return;
            }
            let Some(item_node) = self.node(item) else {
                continue;
            };
            let label = match self.name_of(item_node, naming_key) {
                Some(name) if shape == Shape::Checkin => format!("{what} `{name}`"),
                Some(name) => format!("{what} `{name}`"),
                None => format!("{what} #{}", number + 1),
            };
            let dash = self.dash_before(item_node.span.start);
            let mut inner = place.to_vec();
            inner.push(label);
            self.mapping(item, shape, dash, &inner);
        }
    }

    /// The text of the scalar under `key` in a mapping, to name the item.
    fn name_of(&self, node: &Node, key: &str) -> Option<String> {
        let Kind::Map(entries) = &node.kind else {
            return None;
        };
        entries.iter().find_map(|&(k, v)| {
            let Kind::Scalar { text, .. } = &self.node(k)?.kind else {
                return None;
            };
            if text != key {
                return None;
            }
            match &self.node(v)?.kind {
                Kind::Scalar { text, .. } if !text.trim().is_empty() => {
                    // Names in messages stay short whatever the file holds.
                    Some(text.chars().take(64).collect())
                }
                _ => None,
            }
        })
    }
}

/// A scalar value's span; an empty one is reported at its key.
fn span_or_key(span: Span, key: Span) -> Span {
    if span.end > span.start {
        span
    } else {
        key
    }
}

/// What a value of type `ty` is, in the words of the typed parse's messages.
fn expected(ty: Ty) -> &'static str {
    match ty {
        Ty::Quarter => "a quarter written YYYY-Qn, e.g. `2026-Q4`",
        Ty::Slug => "a name such as `api-pain` (lowercase letters, digits, `-`, `_`, `.`)",
        Ty::Text | Ty::Dropped => "text",
        Ty::Bool => "`true` or `false`",
        Ty::Aligns => "OWNER/OBJECTIVE-ID, e.g. `acme/developer-love`",
        Ty::Number => "a number",
        Ty::Weight => "a number greater than 0",
        Ty::Grade | Ty::Confidence => "a number from 0.0 to 1.0",
        Ty::Date => "a date written YYYY-MM-DD, e.g. `2026-10-06`",
        Ty::Objectives | Ty::KeyResults | Ty::Checkins => LIST,
    }
}

/// The problem with a number value, if any: the model's newtypes decide, and
/// numbers written as text get a fix that keeps their scale.
fn number_problem(ty: Ty, name: &str, scalar: Scalar<'_>, plain: bool) -> Option<(Rule, String)> {
    let value = match scalar {
        Scalar::Null => serde_yaml::Value::Null,
        Scalar::Bool(b) => serde_yaml::Value::Bool(b),
        Scalar::Number(v) => number_value(v),
        Scalar::Text(t) => serde_yaml::Value::String(t.to_string()),
    };
    let error = match ty {
        Ty::Weight => newtype_error!(Weight, value),
        Ty::Grade => newtype_error!(Grade, value),
        Ty::Confidence => newtype_error!(Confidence, value),
        _ => newtype_error!(Number, value),
    }?;
    if let Scalar::Text(t) = scalar {
        let expecting = expected(ty);
        let base = format!("`{name}` must be {expecting}, not the text `{t}`");
        // Fractions are advice for grades and confidences only; a metric
        // keeps its scale and its unit goes to `unit:`.
        let fix = match ty {
            Ty::Grade | Ty::Confidence if error.contains("; ") => None,
            Ty::Grade | Ty::Confidence | Ty::Weight => number_fix(t, false, !plain),
            _ => number_fix(t, true, !plain),
        };
        let message = match (ty, fix) {
            (Ty::Grade | Ty::Confidence, None) => format!("`{name}` {error}"),
            (_, Some(fix)) => format!("{base}; {fix}"),
            (_, None) => base,
        };
        return Some((Rule::WrongType, message));
    }
    let rule = match (ty, scalar) {
        (Ty::Grade, Scalar::Number(v)) if v.is_finite() => Rule::GradeRange,
        (Ty::Confidence, Scalar::Number(v)) if v.is_finite() => Rule::ConfidenceRange,
        (Ty::Weight, Scalar::Number(v)) if v.is_finite() => Rule::WeightNotPositive,
        _ => Rule::WrongType,
    };
    let message = if error.starts_with("must ") {
        format!("`{name}` {error}")
    } else {
        error
    };
    Some((rule, message))
}

/// "unknown key `tagret`; did you mean `target`?"
fn unknown_key(name: &str, fields: &[Field]) -> String {
    let shown: String = name.chars().take(64).collect();
    match closest(&shown, fields.iter().map(|f| f.name)) {
        Some(near) => format!("unknown key `{shown}`; did you mean `{near}`?"),
        None => format!(
            "unknown key `{shown}`; the keys allowed here are {}",
            fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::path::Path;

    use crate::model::OkrFile;

    /// (rule, line, column, end column, message) of each problem.
    fn found(source: &str) -> Vec<(Rule, usize, usize, usize, String)> {
        all_errors(source)
            .into_iter()
            .map(|f| {
                (
                    f.rule,
                    f.span.start.line,
                    f.span.start.column,
                    f.span.end.column,
                    f.message,
                )
            })
            .collect()
    }

    fn rules(source: &str) -> Vec<Rule> {
        all_errors(source).into_iter().map(|f| f.rule).collect()
    }

    fn messages(source: &str) -> Vec<String> {
        all_errors(source).into_iter().map(|f| f.message).collect()
    }

    /// A valid file with `kr` as the body of its one key result (indented 8).
    fn with_key_result(kr: &str) -> String {
        format!(
            "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: api-pain\n    key_results:\n      - id: tickets\n{kr}"
        )
    }

    const PLACE: &str = "objective `api-pain`, key result `tickets`: ";

    #[test]
    fn walk_three_errors_on_three_lines_in_one_run() {
        let source = with_key_result(
            "        baseline: 120\n        target: 60\n        tagret: 60\n        grade: \"70%\"\n        checkins:\n          - date: 2026-10-06\n            value: 118\n            confidence: 7\n",
        );
        assert_eq!(
            found(&source),
            [
                (
                    Rule::UnknownKey,
                    9,
                    9,
                    15,
                    format!("{PLACE}unknown key `tagret`; did you mean `target`?")
                ),
                (
                    Rule::WrongType,
                    10,
                    16,
                    21,
                    format!("{PLACE}`grade` must be a number from 0.0 to 1.0, not the text `70%`; write the fraction 0.7")
                ),
                (
                    Rule::ConfidenceRange,
                    14,
                    25,
                    26,
                    "objective `api-pain`, key result `tickets`, check-in `2026-10-06`: confidence 7 is outside 0.0–1.0; did you mean 0.7?".to_string()
                ),
            ]
        );
    }

    #[test]
    fn walk_valid_files_give_nothing() {
        assert_eq!(found(include_str!("../../okrs/2026-Q4/devrel.yaml")), []);
        assert_eq!(found(include_str!("../../okrs/2026-Q4/acme.yaml")), []);
        assert_eq!(found(include_str!("../../okrs/2026-Q4/platform.yaml")), []);
        assert_eq!(
            found(include_str!("../../okrs/2026-Q4/people/alice.yaml")),
            []
        );
        assert_eq!(
            found(include_str!("../../tests/fixtures/neighbour.yaml")),
            []
        );
        // Quoted ids and dates, numbers as ids, flow style, optional nulls.
        let source = "quarter: \"2026-Q4\"\nteam: 'devrel'\nobjectives:\n  - {id: 1, key_results: [{id: \"2\", baseline: 0, target: 1e3, weight: 0.5, grade: 1, title: 60, unit: ~, owner: null, current: 3}]}\n  - id: b\n    committed: true\n    key_results:\n      - id: c\n        baseline: -1.5\n        target: +2\n        checkins:\n          - { date: \"2026-10-06\", value: 0x10, confidence: 0 }\n        dropped: |\n          Replaced.\n";
        assert_eq!(found(source), []);
    }

    #[test]
    fn walk_empty_documents_are_left_to_the_caller() {
        assert_eq!(found(""), []);
        assert_eq!(found("# only a comment\n"), []);
        assert_eq!(found("~\n"), []);
        // Not valid YAML: the syntax error is reported elsewhere.
        assert_eq!(found("a: [1\n"), []);
    }

    #[test]
    fn walk_missing_keys_at_every_level() {
        // The file: at its first key.
        assert_eq!(
            found("# comment\nteam: devrel\n"),
            [
                (
                    Rule::MissingKey,
                    2,
                    1,
                    5,
                    "`quarter` is missing: add `quarter: YYYY-Qn`, e.g. `quarter: 2026-Q4`"
                        .to_string()
                ),
                (
                    Rule::MissingKey,
                    2,
                    1,
                    5,
                    "`objectives` is missing: add `objectives:` with the owner's objectives"
                        .to_string()
                ),
            ]
        );
        // An objective, a key result and a check-in: at the item's `-`.
        let source = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - title: Stop the pain\n  - id: b\n    key_results:\n      -   title: x\n      - id: k\n        baseline: 1\n        target: 2\n        checkins:\n          - { value: 1 }\n          -\n            date: 2026-10-06\n";
        assert_eq!(
            found(source),
            [
                (Rule::MissingKey, 4, 3, 4, "objective #1: `id` is missing: add `id:` with a short name such as `api-pain`".to_string()),
                (Rule::MissingKey, 4, 3, 4, "objective #1: `key_results` is missing: add `key_results:` with the numbers that show the objective is met".to_string()),
                (Rule::MissingKey, 7, 7, 8, "objective `b`, key result #1: `id` is missing: add `id:` with a short name such as `api-pain`".to_string()),
                (Rule::MissingKey, 7, 7, 8, "objective `b`, key result #1: `baseline` is missing: add `baseline: NUMBER`, the metric's value when the quarter starts".to_string()),
                (Rule::MissingKey, 7, 7, 8, "objective `b`, key result #1: `target` is missing: add `target: NUMBER`, the value the key result aims for".to_string()),
                (Rule::MissingKey, 12, 11, 12, "objective `b`, key result `k`, check-in #1: `date` is missing: add `date: YYYY-MM-DD`".to_string()),
                (Rule::MissingKey, 13, 11, 12, "objective `b`, key result `k`, check-in `2026-10-06`: `value` is missing: add `value: NUMBER`, the measured value".to_string()),
            ]
        );
        // Items of a flow list have no `-`: at the `{`.
        let source = "quarter: 2026-Q4\nteam: devrel\nobjectives: [ {id: a} ]\n";
        assert_eq!(
            found(source),
            [(Rule::MissingKey, 3, 15, 16, "objective `a`: `key_results` is missing: add `key_results:` with the numbers that show the objective is met".to_string())]
        );
    }

    #[test]
    fn walk_duplicate_keys_at_the_second_occurrence() {
        let source = with_key_result(
            "        baseline: 1\n        target: 2\n        target: 3\n        tagret: 4\n        tagret: 5\n",
        );
        assert_eq!(
            found(&source),
            [
                (
                    Rule::DuplicateKey,
                    9,
                    9,
                    15,
                    format!("{PLACE}`target` is given twice; keep one")
                ),
                (
                    Rule::UnknownKey,
                    10,
                    9,
                    15,
                    format!("{PLACE}unknown key `tagret`; did you mean `target`?")
                ),
                (
                    Rule::UnknownKey,
                    11,
                    9,
                    15,
                    format!("{PLACE}unknown key `tagret`; did you mean `target`?")
                ),
            ]
        );
        let source = "quarter: 2026-Q4\nteam: a\nteam: b\nobjectives: [{id: a, key_results: [{id: k, baseline: 0, target: 1}]}]\n";
        assert_eq!(
            found(source),
            [(
                Rule::DuplicateKey,
                3,
                1,
                5,
                "`team` is given twice; keep one".to_string()
            )]
        );
    }

    #[test]
    fn walk_unknown_keys_suggest_or_list() {
        assert_eq!(
            messages("quarter: 2026-Q4\nteam: a\nobjectivs: []\ndeadline: 2026-12-31\n"),
            [
                "`objectives` is missing: add `objectives:` with the owner's objectives",
                "unknown key `objectivs`; did you mean `objectives`?",
                "unknown key `deadline`; the keys allowed here are quarter, company, team, person, objectives",
            ]
        );
    }

    #[test]
    fn walk_empty_lists() {
        let source = "quarter: 2026-Q4\nteam: devrel\nobjectives: []\n";
        assert_eq!(
            found(source),
            [(
                Rule::EmptyList,
                3,
                13,
                15,
                "`objectives` is an empty list: add the owner's objectives, each starting with `- id:`".to_string()
            )]
        );
        let source = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: a\n    key_results: []\n  - id: b\n    key_results:\n";
        assert_eq!(
            found(source),
            [
                (Rule::EmptyList, 5, 18, 20, "objective `a`: `key_results` is an empty list: add the numbers that show the objective is met, each starting with `- id:`".to_string()),
                (Rule::EmptyList, 7, 5, 16, "objective `b`: `key_results` is empty: add the numbers that show the objective is met, each starting with `- id:`".to_string()),
            ]
        );
        // An empty check-in history is allowed.
        assert_eq!(
            found(&with_key_result(
                "        baseline: 1\n        target: 2\n        checkins: []\n"
            )),
            []
        );
    }

    #[test]
    fn walk_dropped_needs_a_reason() {
        for (dropped, column, end) in [
            ("dropped: true", 18, 22),
            ("dropped: \"\"", 18, 20),
            ("dropped: '  '", 18, 22),
            ("dropped:", 9, 16),
            ("dropped: ~", 9, 16),
        ] {
            let source = with_key_result(&format!(
                "        baseline: 1\n        target: 2\n        {dropped}\n"
            ));
            let all = found(&source);
            assert_eq!(all.len(), 1, "{dropped}: {all:?}");
            let (rule, line, col, end_col, message) = &all[0];
            assert_eq!(
                (*rule, *line, *col, *end_col),
                (Rule::DroppedWithoutReason, 9, column, end),
                "{dropped}"
            );
            assert!(message.starts_with(PLACE), "{message}");
            assert!(
                message.contains("write why the key result was dropped"),
                "{message}"
            );
        }
        assert_eq!(
            found(&with_key_result(
                "        baseline: 1\n        target: 2\n        dropped: Replaced by the SDK\n"
            )),
            []
        );
        assert_eq!(
            messages(&with_key_result(
                "        baseline: 1\n        target: 2\n        dropped: [a]\n"
            )),
            [format!("{PLACE}`dropped` must be text, not a list")]
        );
    }

    /// The message for `key: value` in a key result (one problem expected).
    fn kr_message(key: &str, value: &str) -> (Rule, String) {
        let mut body = String::new();
        for (k, v) in [("baseline", "1"), ("target", "2")] {
            if k != key {
                body.push_str(&format!("        {k}: {v}\n"));
            }
        }
        body.push_str(&format!("        {key}: {value}\n"));
        let all = all_errors(&with_key_result(&body));
        assert_eq!(all.len(), 1, "{key}: {value}: {all:?}");
        let f = all.into_iter().next().unwrap();
        let message = f.message.strip_prefix(PLACE).unwrap().to_string();
        (f.rule, message)
    }

    #[test]
    fn walk_numbers_written_as_text_keep_their_scale() {
        let wrong = |key: &str, value: &str| {
            let (rule, message) = kr_message(key, value);
            assert_eq!(rule, Rule::WrongType, "{message}");
            message
        };
        assert_eq!(
            wrong("baseline", "\"2.5%\""),
            "`baseline` must be a number, not the text `2.5%`; write 2.5 and keep the unit in `unit:`"
        );
        assert_eq!(
            wrong("target", "2.5%"),
            "`target` must be a number, not the text `2.5%`; write 2.5 and keep the unit in `unit:`"
        );
        assert!(!wrong("current", "\"2.5 %\"").contains("0.025"));
        assert_eq!(
            wrong("target", "95ms"),
            "`target` must be a number, not the text `95ms`; write 95 and put `ms` in `unit:`"
        );
        assert_eq!(
            wrong("current", "$2.5"),
            "`current` must be a number, not the text `$2.5`; write 2.5 and put `$` in `unit:`"
        );
        assert_eq!(
            wrong("target", "3,1"),
            "`target` must be a number, not the text `3,1`; use a decimal point: 3.1"
        );
        assert_eq!(
            wrong("target", "1_000"),
            "`target` must be a number, not the text `1_000`; write 1000"
        );
        assert_eq!(
            wrong("target", "\"60\""),
            "`target` must be a number, not the text `60`; remove the quotes"
        );
        assert_eq!(
            wrong("target", "sixty"),
            "`target` must be a number, not the text `sixty`"
        );
        assert_eq!(
            wrong("target", "true"),
            "`target` must be a number, not `true`"
        );
        assert_eq!(wrong("target", ""), "`target` is empty: write a number");
        assert_eq!(
            wrong("target", "[1, 2]"),
            "`target` must be a number, not a list"
        );
        assert_eq!(wrong("target", ".nan"), "`target` must be a finite number");
        // Fractions are for grades and confidences.
        assert_eq!(
            wrong("grade", "70%"),
            "`grade` must be a number from 0.0 to 1.0, not the text `70%`; write the fraction 0.7"
        );
        assert_eq!(
            wrong("grade", "\"0,7\""),
            "`grade` must be a number from 0.0 to 1.0, not the text `0,7`; use a decimal point: 0.7"
        );
        assert_eq!(
            wrong("weight", "\"2\""),
            "`weight` must be a number greater than 0, not the text `2`; remove the quotes"
        );
    }

    #[test]
    fn walk_value_rules_use_the_models_messages() {
        assert_eq!(
            kr_message("grade", "70"),
            (
                Rule::GradeRange,
                "grade 70 is outside 0.0–1.0; did you mean 0.7?".to_string()
            )
        );
        assert_eq!(
            kr_message("weight", "0"),
            (
                Rule::WeightNotPositive,
                "weight 0 must be greater than 0; to stop counting a key result, mark it `dropped: REASON` instead".to_string()
            )
        );
        assert_eq!(kr_message("weight", "-1").0, Rule::WeightNotPositive);
        assert_eq!(
            kr_message("owner", "Alice Smith"),
            (
                Rule::BadSlug,
                "invalid `owner`: `Alice Smith` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `alice-smith`".to_string()
            )
        );
        assert_eq!(
            kr_message("confidence", "0.5").1,
            "unknown key `confidence`; the keys allowed here are id, title, baseline, target, unit, owner, weight, current, checkins, grade, reflection, dropped"
        );
        let source = "quarter: 2026-Q5\nteam: Dev Rel\nobjectives:\n  - id: API\n    committed: yes\n    aligns: acme\n    key_results:\n      - id: k\n        baseline: 0\n        target: 1\n        checkins:\n          - { date: 2026-02-30, value: 1, confidence: 1.5 }\n          - { date: 06/10/2026, value: 1, confidence: 70 }\n";
        assert_eq!(
            found(source),
            [
                (Rule::BadQuarter, 1, 10, 17, "invalid `quarter`: `2026-Q5` is not a quarter: write YYYY-Qn with n from 1 to 4, e.g. `2026-Q4`".to_string()),
                (Rule::BadSlug, 2, 7, 14, "invalid `team`: `Dev Rel` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `dev-rel`".to_string()),
                (Rule::BadSlug, 4, 9, 12, "objective `API`: invalid `id`: `API` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit, e.g. `api`".to_string()),
                (Rule::WrongType, 5, 16, 19, "objective `API`: `committed` must be `true` or `false`, not the text \"yes\"".to_string()),
                (Rule::BadAligns, 6, 13, 17, "objective `API`: invalid `aligns`: `acme` is not OWNER/OBJECTIVE-ID; write e.g. `acme/developer-love`".to_string()),
                (Rule::BadDate, 12, 21, 31, "objective `API`, key result `k`, check-in `2026-02-30`: invalid `date`: `2026-02-30` is not a real date: that day does not exist".to_string()),
                (Rule::ConfidenceRange, 12, 55, 58, "objective `API`, key result `k`, check-in `2026-02-30`: confidence 1.5 is outside 0.0–1.0".to_string()),
                (Rule::BadDate, 13, 21, 31, "objective `API`, key result `k`, check-in `06/10/2026`: invalid `date`: `06/10/2026` is not a date: write YYYY-MM-DD, e.g. `2026-10-06`".to_string()),
                (Rule::ConfidenceRange, 13, 55, 57, "objective `API`, key result `k`, check-in `06/10/2026`: confidence 70 is outside 0.0–1.0; did you mean 0.7?".to_string()),
            ]
        );
        // Empty required values.
        assert_eq!(
            rules("quarter:\nteam: a\nobjectives:\n  - id:\n    key_results:\n      - { id: k, baseline: 0, target: 1, checkins: [{date: , value: 1}] }\n    committed:\n"),
            [Rule::BadQuarter, Rule::BadSlug, Rule::BadDate, Rule::WrongType]
        );
    }

    #[test]
    fn walk_wrong_shapes() {
        assert_eq!(
            found("- a\n- b\n"),
            [(Rule::WrongType, 1, 1, 2, "expected a mapping with `quarter:`, an owner (`team:`, `person:` or `company:`) and `objectives:` here, not a list".to_string())]
        );
        let source = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - api-pain\n  - id: b\n    title: [x]\n    key_results: {id: k}\n";
        assert_eq!(
            found(source),
            [
                (Rule::WrongType, 4, 5, 13, "objective #1: expected an objective: a mapping with `id:`, `title:` and `key_results:` here, not the text \"api-pain\"".to_string()),
                (Rule::WrongType, 6, 12, 15, "objective `b`: `title` must be text, not a list".to_string()),
                (Rule::WrongType, 7, 18, 25, "objective `b`: `key_results` must be a list (items starting with `- `), not a mapping".to_string()),
            ]
        );
        assert_eq!(
            messages("quarter: 2026-Q4\nteam: a\nobjectives:\n  -\n"),
            ["objective #1: expected an objective: a mapping with `id:`, `title:` and `key_results:` here, not an empty value"]
        );
        assert_eq!(
            rules("quarter: 2026-Q4\nteam: a\nobjectives: many\n"),
            [Rule::WrongType]
        );
        assert_eq!(
            rules("quarter: 2026-Q4\nteam: a\n[x]: 1\nobjectives: [{id: a, key_results: [{id: k, baseline: 0, target: 1}]}]\n"),
            [Rule::WrongType]
        );
    }

    #[test]
    fn walk_messages_name_the_objective_key_result_and_check_in() {
        let source = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: a\n    key_results: [{id: k, baseline: 0, target: 1}]\n  - title: no id\n    key_results:\n      - baseline: 0\n        target: 1\n        x: 1\n        checkins:\n          - { date: 2026-10-06, value: 1, y: 1 }\n          - { value: 1, z: 1 }\n";
        assert_eq!(
            messages(source)
                .into_iter()
                .filter(|m| m.contains("unknown key"))
                .collect::<Vec<_>>(),
            [
                "objective #2, key result #1: unknown key `x`; the keys allowed here are id, title, baseline, target, unit, owner, weight, current, checkins, grade, reflection, dropped",
                "objective #2, key result #1, check-in `2026-10-06`: unknown key `y`; the keys allowed here are date, value, confidence, note",
                "objective #2, key result #1, check-in #2: unknown key `z`; the keys allowed here are date, value, confidence, note",
            ]
        );
    }

    #[test]
    fn walk_results_are_in_order_and_bounded() {
        // Many problems: capped, in order.
        let mut source =
            String::from("quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: a\n    key_results:\n");
        for i in 0..300 {
            source.push_str(&format!("      - {{ id: k{i}, baseline: 0, target: x }}\n"));
        }
        let all = all_errors(&source);
        assert_eq!(all.len(), MAX_FOUND);
        assert!(all.windows(2).all(|w| w[0].span <= w[1].span));
        // Deep nesting is not read (saphyr-parser itself refuses a few hundred levels).
        let deep = format!(
            "quarter: 2026-Q4\nteam: a\nobjectives: {}1{}\n",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert_eq!(rules(&deep), [Rule::WrongType]);
        // An alias bomb costs a bounded walk.
        let mut bomb =
            String::from("quarter: 2026-Q4\nteam: a\nx0: &k0 {id: k, baseline: 0, target: z}\n");
        for i in 1..12 {
            let prev = i - 1;
            bomb.push_str(&format!(
                "x{i}: &k{i} [*k{prev}, *k{prev}, *k{prev}, *k{prev}]\n"
            ));
        }
        bomb.push_str("objectives: [{id: a, key_results: *k11}]\n");
        let all = all_errors(&bomb);
        assert!(!all.is_empty() && all.len() <= MAX_FOUND);
        // Aliases are read as the value they name.
        let aliased = "quarter: 2026-Q4\nteam: a\nobjectives:\n  - id: a\n    key_results:\n      - &kr {id: k, baseline: 0, target: 1}\n  - id: b\n    key_results: [*kr]\n";
        assert_eq!(found(aliased), []);
    }

    /// Every fixture that is valid YAML: the typed parse fails exactly when
    /// the walk finds a type or key error, and the walk reports the typed
    /// parse's first error on the same line.
    #[test]
    fn walk_agrees_with_the_typed_parse_on_the_fixtures() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in [
            "tests/fixtures/errors",
            "tests/fixtures/schema/valid",
            "tests/fixtures/schema/invalid",
            "tests/fixtures",
            "okrs/2026-Q4",
            "okrs/2026-Q4/people",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "yaml") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 30, "{}", files.len());
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap();
            if serde_yaml::from_str::<serde_yaml::Value>(&source).is_err() {
                continue;
            }
            let all = all_errors(&source);
            let typed: Vec<_> = all
                .iter()
                .filter(|f| !matches!(f.rule, Rule::EmptyList | Rule::DroppedWithoutReason))
                .collect();
            match serde_yaml::from_str::<OkrFile>(&source) {
                Ok(_) => assert!(typed.is_empty(), "{}: {typed:?}", path.display()),
                Err(err) => {
                    assert!(!typed.is_empty(), "{}: {err}", path.display());
                    let line = err.location().map(|l| l.line());
                    assert!(
                        line.is_none() || typed.iter().any(|f| Some(f.span.start.line) == line),
                        "{}: {err} / {typed:?}",
                        path.display()
                    );
                }
            }
        }
    }
}
