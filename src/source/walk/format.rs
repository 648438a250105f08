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

/// How to add a required key that is missing (the walk's and the typed
/// parse's messages both say it).
pub(crate) fn missing_hint(name: &str) -> &'static str {
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

/// What goes to `unit:` when a number written as text is fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// `2.5%`: the unit is already the key result's.
    Percent,
    /// `95ms`, `$2.5`: this text goes to `unit:`.
    Put(String),
}

/// The fix for a number written as text (see [`number_fix`]): the number to
/// write, the advice in words, and what is left for `unit:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFix {
    /// The number to write instead, as okr writes numbers (none for a
    /// number too large to write).
    pub number: Option<String>,
    /// "write 2.5", "use a decimal point: 3.1", "remove the quotes", with
    /// the other reading of a comma when there is one.
    pub advice: String,
    /// The comma was a decimal point (the advice then ends before a comma
    /// when a unit follows).
    pub decimal_comma: bool,
    /// What the text held besides the number, when `unit:` can hold it.
    pub unit: Option<Unit>,
}

impl std::fmt::Display for NumberFix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.advice)?;
        let Some(unit) = &self.unit else {
            return Ok(());
        };
        if self.decimal_comma {
            f.write_str(",")?;
        }
        match unit {
            Unit::Percent => f.write_str(" and keep the unit in `unit:`"),
            Unit::Put(text) => write!(f, " and put `{text}` in `unit:`"),
        }
    }
}

/// The fix for a number written as text, keeping its scale: `2.5%` → 2.5
/// (the unit goes to `unit:`), `95ms` → 95, `$2.5` → 2.5, `3,1` → 3.1,
/// `1_000` → 1000. `with_unit` tells whether the key result's `unit:` can
/// hold what is left over. `None` when the text holds no number.
pub fn number_fix(text: &str, with_unit: bool, quoted: bool) -> Option<NumberFix> {
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
                Some(NumberFix {
                    number: None,
                    advice: format!(
                        "it is too large to be a number (the largest is about 1.8e308){unit}"
                    ),
                    decimal_comma: false,
                    unit: None,
                })
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
        let advice = if quoted && !thousands && !text.contains('_') {
            "remove the quotes".to_string()
        } else {
            format!("write {n}")
        };
        return Some(NumberFix {
            number: Some(n),
            advice,
            decimal_comma,
            unit: None,
        });
    }
    let mut advice = if decimal_comma {
        format!("use a decimal point: {n}")
    } else {
        format!("write {n}")
    };
    if thousands && core.matches(',').count() == 1 && !core.contains('.') {
        let decimal = core.replace(',', ".");
        if let Ok(v) = decimal.parse::<f64>() {
            advice.push_str(&format!(
                " (or {} if the comma is a decimal point)",
                fmt_number(v)
            ));
        }
    }
    let unit = match (with_unit, currency, suffix) {
        (false, _, _) => None,
        (true, _, "%") => Some(Unit::Percent),
        (true, Some(c), s) => Some(Unit::Put(format!("{c}{s}"))),
        (true, None, "") => None,
        (true, None, s) => Some(Unit::Put(s.to_string())),
    };
    Some(NumberFix {
        number: Some(n),
        advice,
        decimal_comma,
        unit,
    })
}

/// "unknown key `tagret`; did you mean `target`?", and the key meant.
pub(super) fn unknown_key(name: &str, fields: &[Field]) -> (String, Option<&'static str>) {
    let shown: String = name.chars().take(64).collect();
    let near = closest(&shown, fields.iter().map(|f| f.name))
        .and_then(|near| fields.iter().find(|f| f.name == near))
        .map(|f| f.name);
    let message = match near {
        Some(near) => format!("unknown key `{shown}`; did you mean `{near}`?"),
        None => format!(
            "unknown key `{shown}`; the keys allowed here are {}",
            fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
        ),
    };
    (message, near)
}
