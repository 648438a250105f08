//! The OKR file format as the walk checks it: the fields of each level,
//! their types, and how a scalar reads.

use crate::model::fmt_number;
use crate::suggest::closest;

// ---------------------------------------------------------------------------
// The format.

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
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

pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) ty: Ty,
    pub(super) required: bool,
}

pub(super) const fn field(name: &'static str, ty: Ty, required: bool) -> Field {
    Field { name, ty, required }
}

pub(super) const FILE_FIELDS: &[Field] = &[
    field("quarter", Ty::Quarter, true),
    field("company", Ty::Slug, false),
    field("team", Ty::Slug, false),
    field("person", Ty::Slug, false),
    field("objectives", Ty::Objectives, true),
];

pub(super) const OBJECTIVE_FIELDS: &[Field] = &[
    field("id", Ty::Slug, true),
    field("title", Ty::Text, false),
    field("committed", Ty::Bool, false),
    field("aligns", Ty::Aligns, false),
    field("key_results", Ty::KeyResults, true),
    field("reflection", Ty::Text, false),
    field("notes", Ty::Text, false),
];

pub(super) const KEY_RESULT_FIELDS: &[Field] = &[
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

pub(super) const CHECKIN_FIELDS: &[Field] = &[
    field("date", Ty::Date, true),
    field("value", Ty::Number, true),
    field("confidence", Ty::Confidence, false),
    field("note", Ty::Text, false),
];

/// The kinds of mapping the format has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    File,
    Objective,
    KeyResult,
    Checkin,
}

impl Shape {
    pub(super) fn fields(self) -> &'static [Field] {
        match self {
            Shape::File => FILE_FIELDS,
            Shape::Objective => OBJECTIVE_FIELDS,
            Shape::KeyResult => KEY_RESULT_FIELDS,
            Shape::Checkin => CHECKIN_FIELDS,
        }
    }

    /// The same words as the typed parse's messages (`describe_expected`).
    pub(super) fn expected(self) -> &'static str {
        match self {
            Shape::File => "a mapping with `quarter:`, an owner (`team:`, `person:` or `company:`) and `objectives:`",
            Shape::Objective => "an objective: a mapping with `id:`, `title:` and `key_results:`",
            Shape::KeyResult => "a key result: a mapping with `id:`, `title:`, `baseline:` and `target:`",
            Shape::Checkin => "a check-in: a mapping with `date:` and `value:`",
        }
    }

    /// How an item is named in messages, and the key that names it.
    pub(super) fn naming(self) -> (&'static str, &'static str) {
        match self {
            Shape::Objective => ("objective", "id"),
            Shape::KeyResult => ("key result", "id"),
            _ => ("check-in", "date"),
        }
    }
}

pub(super) const LIST: &str = "a list (items starting with `- `)";

pub(super) fn missing_hint(name: &str) -> &'static str {
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
pub(super) fn list_hint(ty: Ty) -> &'static str {
    if ty == Ty::Objectives {
        "add the owner's objectives, each starting with `- id:`"
    } else {
        "add the numbers that show the objective is met, each starting with `- id:`"
    }
}

/// A scalar as serde_yaml reads it where any value may come.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Scalar<'a> {
    Null,
    Bool(bool),
    Number(f64),
    Text(&'a str),
}

/// Resolves a plain scalar the way serde_yaml does (YAML 1.2 core schema).
pub(super) fn resolve(text: &str, plain: bool) -> Scalar<'_> {
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
pub(super) fn describe_found(scalar: Scalar<'_>, raw: &str) -> String {
    match scalar {
        Scalar::Null => "an empty value".to_string(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Number(_) => format!("the number {raw}"),
        Scalar::Text(text) => format!("the text {text:?}"),
    }
}

pub(super) fn number_value(v: f64) -> serde_yaml::Value {
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
    // `0x1G`, `0b12`: a number in another base, not a number and a unit.
    let digits = core.trim_start_matches(['+', '-']);
    if digits.starts_with('0') && suffix.starts_with(['x', 'X', 'o', 'O', 'b', 'B']) {
        return None;
    }
    // `1e309`: an exponent, not a unit; past the largest number there is.
    if let Some(exponent) = suffix.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        return match !exponent.is_empty() && exponent.bytes().all(|b| b.is_ascii_digit()) {
            true if format!("{core}{suffix}")
                .parse::<f64>()
                .is_ok_and(f64::is_infinite) =>
            {
                let unit = if with_unit { "; use a larger unit" } else { "" };
                Some(format!(
                    "it is too large to be a number (the largest is about 1.8e308){unit}"
                ))
            }
            _ => None,
        };
    }
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

/// "unknown key `tagret`; did you mean `target`?"
pub(super) fn unknown_key(name: &str, fields: &[Field]) -> String {
    let shown: String = name.chars().take(64).collect();
    match closest(&shown, fields.iter().map(|f| f.name)) {
        Some(near) => format!("unknown key `{shown}`; did you mean `{near}`?"),
        None => format!(
            "unknown key `{shown}`; the keys allowed here are {}",
            fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
        ),
    }
}
