//! Writing scalars: numbers as people write them, strings plain when that
//! reads back the same, else double-quoted.

use serde_yaml::Value;

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
pub(super) fn num_value(value: f64) -> Value {
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

pub(super) fn plain_is_safe(s: &str, flow: bool) -> bool {
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
pub(super) fn looks_typed(s: &str) -> bool {
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

pub(super) fn reads_back(written: &str, text: &str, flow: bool) -> bool {
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

/// `s` double-quoted with JSON's escapes only, which YAML reads the same:
/// for files written as JSON, which must stay JSON.
pub(super) fn json_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn double_quoted(s: &str) -> String {
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
