//! Every type error, unknown key, missing key and duplicate key of a file in
//! one run (issue 9, point 4).
//!
//! serde_yaml stops at the first error of a file. When the typed parse fails
//! on a file that is valid YAML, the loader calls [`all_errors_in`]: it reads the
//! file's spanned document (`super::document`) and checks it against
//! the OKR file format (`docs/format.md#one-file-one-owner-one-quarter`), reporting each problem at its own
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

use std::collections::HashSet;

use crate::diagnostic::{Fix, Pos, Rule, Span};
use crate::model::{parse_date, AlignRef, Confidence, Grade, Number, Quarter, Slug, Weight};
use crate::source::document::Document;

/// One problem found in a file: where, which rule, and the message (naming
/// the objective, key result and check-in it belongs to, and the fix).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Found {
    pub span: Span,
    pub rule: Rule,
    pub message: String,
    /// The key it is about: unknown, missing or given twice.
    pub key: Option<String>,
    /// The key meant, for an unknown key close to a known one.
    pub suggestion: Option<String>,
    /// The one sure fix: the key meant in place of a misspelt one, the
    /// number in place of a number written as text.
    pub fix: Option<Fix>,
}

impl Found {
    fn new(span: Span, rule: Rule, message: String) -> Found {
        Found {
            span,
            rule,
            message,
            key: None,
            suggestion: None,
            fix: None,
        }
    }
}

/// Collections nested deeper than this are not read (an OKR file has six levels).
pub use crate::source::document::MAX_DEPTH;

/// At most this many problems are reported for one file.
pub const MAX_FOUND: usize = 200;

/// At most this many nodes are checked: aliases can make a small file name
/// the same large node many times over.
pub const MAX_VISITS: usize = 100_000;

/// Every type error, unknown key, missing key and duplicate key of `source`
/// (valid YAML), read from its document `doc`, against the OKR file format;
/// empty if it finds none.
///
/// Only the first YAML document is checked. A document with no root value is
/// left to the caller (an empty file is its own problem). The results are
/// ordered by position.
pub fn all_errors_in(source: &str, doc: &Document) -> Vec<Found> {
    let Some(tree) = Tree::of(doc) else {
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

/// [`all_errors_in`] of a text's own document, for the tests.
#[cfg(test)]
pub fn all_errors(source: &str) -> Vec<Found> {
    all_errors_in(source, &Document::read(source))
}

/// The message of a model newtype's `Deserialize` for a value, if it refuses it.
macro_rules! newtype_error {
    ($ty:ty, $value:expr) => {
        serde_yaml::from_value::<$ty>($value)
            .err()
            .map(|e| e.to_string())
    };
}

mod format;

pub(crate) use format::missing_hint;
pub use format::{number_fix, NumberFix, Unit};
mod nodes;

use format::*;
use nodes::*;

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
        self.report_found(place, Found::new(span, rule, message));
    }

    /// Reports `found`, its message prefixed with the place it is in.
    fn report_found(&mut self, place: &[String], mut found: Found) {
        if self.found.len() >= MAX_FOUND {
            return;
        }
        if !place.is_empty() {
            found.message = format!("{}: {}", place.join(", "), found.message);
        }
        self.found.push(found);
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
        // The keys a misspelt key here was taken for: a misspelt key
        // (`tagret`) also leaves its key missing, and "did you mean
        // `target`?" says it all, so the missing key is not reported too.
        let mut meant: Vec<&str> = Vec::new();
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
                let (message, near) = unknown_key(name, fields);
                meant.extend(near);
                let span = key_node.span;
                let found = Found {
                    key: Some(name.clone()),
                    suggestion: near.map(str::to_string),
                    fix: near.map(|near| Fix {
                        span,
                        text: near.to_string(),
                    }),
                    ..Found::new(span, Rule::UnknownKey, message)
                };
                self.report_found(place, found);
                continue;
            };
            if seen.contains(&field.name) {
                let found = Found {
                    key: Some(name.clone()),
                    ..Found::new(
                        key_node.span,
                        Rule::DuplicateKey,
                        format!("`{name}` is given twice; keep one"),
                    )
                };
                self.report_found(place, found);
                continue;
            }
            seen.push(field.name);
            self.value(field, key_node.span, value, place);
        }
        for field in fields.iter().filter(|f| f.required) {
            if !seen.contains(&field.name) && !meant.contains(&field.name) {
                let span = self.missing_span(node, dash);
                let found = Found {
                    key: Some(field.name.to_string()),
                    ..Found::new(
                        span,
                        Rule::MissingKey,
                        format!("`{}` is missing: {}", field.name, missing_hint(field.name)),
                    )
                };
                self.report_found(place, found);
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
                if let Some((rule, message, number)) = number_problem(field.ty, name, scalar, plain)
                {
                    let found = Found {
                        fix: number.map(|text| Fix { span, text }),
                        ..Found::new(span, rule, message)
                    };
                    self.report_found(place, found);
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
/// numbers written as text get a fix that keeps their scale (and the number
/// to write instead).
fn number_problem(
    ty: Ty,
    name: &str,
    scalar: Scalar<'_>,
    plain: bool,
) -> Option<(Rule, String, Option<String>)> {
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
        let number = fix.as_ref().and_then(|fix| fix.number.clone());
        let message = match (ty, fix) {
            (Ty::Grade | Ty::Confidence, None) => format!("`{name}` {error}"),
            (_, Some(fix)) => format!("{base}; {fix}"),
            (_, None) => base,
        };
        return Some((Rule::WrongType, message, number));
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
    Some((rule, message, None))
}

#[cfg(test)]
mod tests;
