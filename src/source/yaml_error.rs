//! Turns serde_yaml's errors into messages a person can act on: the objective
//! and key result named, the key or value at fault, and the fix.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use crate::diagnostic::Rule;
use crate::source::locate::{child, Pos, SourceIndex, Span};
use crate::suggest::closest;

/// The first error serde_yaml met in a file, as okr reports it.
#[derive(Debug, Clone)]
pub struct Described {
    pub span: Span,
    pub rule: Rule,
    pub message: String,
    /// The YAML path of the value at fault (`objectives[0].id`), empty when unknown.
    pub path: String,
}

/// The position and message for the first error serde_yaml met in `source`.
/// `parses` tells whether the file is at least valid YAML.
pub fn describe(err: &serde_yaml::Error, source: &str, parses: bool) -> Described {
    let mut pos = err.location().map_or(Pos::START, |l| Pos {
        line: l.line().max(1),
        column: l.column().max(1),
    });
    let text = strip_location(&err.to_string());
    let (path, raw) = split_path(&text);
    let index = SourceIndex::build(source);
    let context = context(path, &index);
    let field = path
        .rsplit('.')
        .next()
        .filter(|f| !f.ends_with(']') && !f.is_empty());

    let mut span: Option<Span> = None;
    let rule = rule_for(
        field,
        raw,
        parses,
        path.is_empty() && err.location().is_some(),
    );
    let message = if let Some(name) = between(raw, "unknown field `", "`") {
        span = index.key_span(&child(path, name));
        let allowed = expected_fields(raw);
        match closest(name, allowed.iter().map(String::as_str)) {
            Some(near) => format!("unknown key `{name}`; did you mean `{near}`?"),
            None if allowed.is_empty() => format!("unknown key `{name}`: no keys are allowed here"),
            None => format!(
                "unknown key `{name}`; the keys allowed here are {}",
                allowed.join(", ")
            ),
        }
    } else if let Some(name) = between(raw, "missing field `", "`") {
        format!("`{name}` is missing: {}", missing_hint(name))
    } else if let Some(name) = between(raw, "duplicate field `", "`") {
        // serde points at the mapping; the duplicate key itself is the last one.
        if let Some(key) = index.key_span(&child(path, name)) {
            pos = key.start;
            span = Some(key);
        }
        format!("`{name}` is given twice; keep one")
    } else if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let expected = describe_expected(expected);
        match (found, field) {
            ("unit value", Some(field)) => format!("`{field}` is empty: write {expected}"),
            (_, Some(field)) => format!(
                "`{field}` must be {expected}, not {}",
                describe_found(found)
            ),
            (_, None) => format!("expected {expected} here, not {}", describe_found(found)),
        }
    } else if raw.starts_with("recursion limit exceeded") {
        "the YAML is nested too deeply; an OKR file is only a few levels deep".to_string()
    } else if raw.starts_with("repetition limit exceeded") {
        "aliases expand into too many values (a YAML alias bomb?); write the values out instead"
            .to_string()
    } else if raw.starts_with("deserializing from YAML containing more than one document") {
        "this file holds more than one YAML document (`---`); keep one owner's OKRs per file"
            .to_string()
    } else if raw.starts_with("unknown anchor") {
        "this alias (`*name`) refers to an anchor (`&name`) that is not defined before it"
            .to_string()
    } else if raw.starts_with("EOF while parsing") {
        "the file ends before any value: add `quarter:`, an owner and `objectives:`".to_string()
    } else if let Some(rest) = raw.strip_prefix("must ") {
        match field {
            Some(field) => format!("`{field}` must {rest}"),
            None => format!("must {rest}"),
        }
    } else if let (Some(field), true) = (field, raw.starts_with('`')) {
        format!("invalid `{field}`: {raw}")
    } else if !parses && path.is_empty() && err.location().is_some() {
        format!("YAML syntax error: {raw}; check the indentation and quoting here")
    } else {
        raw.to_string()
    };
    let message = match context {
        Some(context) => format!("{context}: {message}"),
        None => message,
    };
    let span = span
        .filter(|s| s.start == pos)
        .or_else(|| {
            index
                .value_span(path)
                .filter(|s| s.start == pos && !path.is_empty())
        })
        .unwrap_or_else(|| Span::token_at(source, pos));
    Described {
        span,
        rule,
        message,
        path: path.to_string(),
    }
}

/// The rule a serde_yaml error breaks, from the field at fault and the error's words.
fn rule_for(field: Option<&str>, raw: &str, parses: bool, syntax_position: bool) -> Rule {
    if raw.contains("unknown field `") {
        return Rule::UnknownKey;
    }
    if raw.contains("missing field `") {
        return Rule::MissingKey;
    }
    if raw.contains("duplicate field `") {
        return Rule::DuplicateKey;
    }
    if raw.starts_with("recursion limit exceeded") || raw.starts_with("repetition limit exceeded") {
        return Rule::YamlLimits;
    }
    if raw.starts_with("invalid type: ") {
        return Rule::WrongType;
    }
    if !parses && syntax_position {
        return Rule::YamlSyntax;
    }
    if raw.starts_with("deserializing from YAML containing more than one document")
        || raw.starts_with("unknown anchor")
        || raw.starts_with("EOF while parsing")
    {
        return Rule::YamlSyntax;
    }
    match field {
        Some("quarter") => Rule::BadQuarter,
        Some("date") => Rule::BadDate,
        Some("aligns") => Rule::BadAligns,
        Some("dropped") => Rule::DroppedWithoutReason,
        Some("grade") if raw.contains("outside") => Rule::GradeRange,
        Some("confidence") if raw.contains("outside") => Rule::ConfidenceRange,
        Some("weight") if raw.contains("greater than 0") => Rule::WeightNotPositive,
        Some("id" | "team" | "person" | "company" | "owner")
            if raw.contains("not a valid name") =>
        {
            Rule::BadSlug
        }
        _ if !parses => Rule::YamlSyntax,
        _ => Rule::WrongType,
    }
}

/// Removes serde_yaml's " at line N column M" (the position is reported apart)
/// and rewords a second position as "started at line N". Only a position
/// followed by the end of the text or a comma counts, so that a key that
/// happens to read "at line 3" is left alone.
fn strip_location(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut first = true;
    while let Some(found) = rest.find(" at line ") {
        let (before, from) = rest.split_at(found);
        let after = from.get(9..).unwrap_or_default();
        let line_len = after.bytes().take_while(u8::is_ascii_digit).count();
        let (line, mut tail) = after.split_at(line_len);
        if let Some(col) = tail.strip_prefix(" column ") {
            let col_len = col.bytes().take_while(u8::is_ascii_digit).count();
            if col_len > 0 {
                tail = col.get(col_len..).unwrap_or_default();
            }
        }
        out.push_str(before);
        if line_len == 0 || !(tail.is_empty() || tail.starts_with(',')) {
            // Not a position: keep the words and go on after them.
            out.push_str(" at line ");
            rest = after;
            continue;
        }
        if !first {
            out.push_str(" that starts on line ");
            out.push_str(line);
        }
        first = false;
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Splits `objectives[0].id: message` into the path and the message.
fn split_path(text: &str) -> (&str, &str) {
    match text.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && path
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.[]?-".contains(&b)) =>
        {
            (path, rest)
        }
        _ => ("", text),
    }
}

/// "objective `api-pain`, key result `tickets`, check-in 2026-10-06" for a
/// path such as `objectives[0].key_results[1].checkins[0].value`.
fn context(path: &str, index: &SourceIndex) -> Option<String> {
    let mut parts = Vec::new();
    let mut prefix = String::new();
    for segment in path.split('.') {
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(segment);
        let Some((key, rest)) = segment.split_once('[') else {
            continue;
        };
        let Ok(number) = rest.trim_end_matches(']').parse::<usize>() else {
            return None;
        };
        let named = |what: &str, name_key: &str| match index.name(&child(&prefix, name_key)) {
            Some(name) => format!("{what} `{name}`"),
            None => format!("{what} #{}", number + 1),
        };
        parts.push(match key {
            "objectives" => named("objective", "id"),
            "key_results" => named("key result", "id"),
            "checkins" => named("check-in", "date"),
            other => format!("{other} #{}", number + 1),
        });
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let (_, rest) = text.split_once(open)?;
    let (inside, _) = rest.split_once(close)?;
    Some(inside)
}

/// The backticked names after "expected" in serde's unknown-field message.
fn expected_fields(text: &str) -> Vec<String> {
    let Some((_, list)) = text.split_once("expected") else {
        return Vec::new();
    };
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

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

fn describe_expected(expected: &str) -> String {
    match expected {
        "a sequence" => "a list (items starting with `- `)".to_string(),
        "f64" | "a number" => "a number".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "a string" => "text".to_string(),
        "struct OkrFile" => {
            "a mapping with `quarter:`, an owner (`team:`, `person:` or `company:`) and `objectives:`"
                .to_string()
        }
        "struct Objective" => "an objective: a mapping with `id:`, `title:` and `key_results:`".to_string(),
        "struct KeyResult" => {
            "a key result: a mapping with `id:`, `title:`, `baseline:` and `target:`".to_string()
        }
        "struct Checkin" => "a check-in: a mapping with `date:` and `value:`".to_string(),
        other => other.to_string(),
    }
}

fn describe_found(found: &str) -> String {
    if found == "sequence" {
        "a list".to_string()
    } else if found == "map" {
        "a mapping".to_string()
    } else if let Some(text) = found.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some((n, _)) = found
        .strip_prefix("integer `")
        .and_then(|n| n.split_once("` as "))
    {
        // serde's "integer `…` as u128": a whole number past 64 bits.
        let approx = n
            .parse::<f64>()
            .map_or_else(|_| n.to_string(), |v| format!("{v:e}"));
        format!("the whole number {n}, which is too long to read (whole numbers stop at 20 digits); write it as {approx}, or in a larger unit")
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        format!("the number {}", n.trim_matches('`'))
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.to_string()
    } else {
        found.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_positions() {
        assert_eq!(
            strip_location("objectives: bad at line 2 column 13"),
            "objectives: bad"
        );
        assert_eq!(
            strip_location("did not find expected '-' indicator at line 5 column 4, while parsing a block collection at line 3 column 3"),
            "did not find expected '-' indicator, while parsing a block collection that starts on line 3"
        );
        assert_eq!(
            strip_location("unknown field `x at line 5 column 2 y` at line 2 column 1"),
            "unknown field `x at line 5 column 2 y`"
        );
        assert_eq!(strip_location("at line  at line "), "at line  at line ");
    }

    #[test]
    fn splits_paths() {
        assert_eq!(
            split_path("objectives[0].key_results[1]: unknown field `x`"),
            ("objectives[0].key_results[1]", "unknown field `x`")
        );
        assert_eq!(split_path("invalid type: map"), ("", "invalid type: map"));
    }

    #[test]
    fn reads_expected_fields() {
        assert_eq!(
            expected_fields("unknown field `tagret`, expected one of `id`, `target`"),
            ["id", "target"]
        );
        assert_eq!(
            expected_fields("unknown field `a`, expected `quarter` or `objectives`"),
            ["quarter", "objectives"]
        );
    }
}
