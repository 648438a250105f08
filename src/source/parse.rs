//! Parsing one file's text into the model. Pure: text in, model and
//! diagnostics out; no checks run here (they are `check`'s), and nothing is
//! read from disk, so a git blob parses the same way as a file.
//!
//! Parsing is bounded: [`super::guard`] refuses deep nesting, alias
//! bombs and files of too many values before serde reads them.

use crate::diagnostic::{Diagnostic, Pos, Rule, Span};
use crate::model::OkrFile;
use crate::source::{fast, guard, walk, yaml_error};

/// What a file says, as far as it could be read.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The model, when the file is valid YAML of the right shape.
    pub okr: Option<OkrFile>,
    /// What a broken file still says about itself, for the cross-file checks.
    pub identity: Option<Identity>,
    /// An invalid file read without its reported values ([`super::lenient`]):
    /// for the per-file checks only, so one bad value hides no other problem.
    pub lenient: Option<OkrFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The quarter, owner and objective ids of a file, read leniently so that a
/// file with a typo elsewhere still counts as "this owner exists".
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub quarter: Option<String>,
    /// `company`, `team` or `person`, with the name.
    pub kind: Option<String>,
    pub owner: Option<String>,
    pub objectives: Vec<String>,
}

/// Files larger than this report only their first type or key error: every
/// real OKR file is far smaller, and walking megabytes of YAML a second time
/// would only make hostile input slower.
pub const MAX_WALK_BYTES: usize = 1024 * 1024;

/// The byte offset of the first `\r` not followed by `\n`.
fn lone_carriage_return(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    (0..bytes.len()).find(|&i| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n'))
}

/// Parses `source`, the text of the file shown as `display`.
pub fn parse(display: &str, source: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut error = |span: Span, rule: Rule, message: String| {
        parsed
            .diagnostics
            .push(Diagnostic::new(display, span, rule, clip_message(&message)));
    };
    if let Some(nul) = source.find('\0') {
        error(
            Span::at(pos_of_byte(source, nul)),
            Rule::NotUtf8,
            "this file contains NUL bytes, which YAML does not allow: is it binary?".to_string(),
        );
        return parsed;
    }
    // YAML reads a carriage return that does not start a CRLF as a line
    // break; editors disagree, and every position okr reports counts LF
    // line endings. Such a file is almost always damaged (or from a classic
    // Mac): say where, rather than report positions that point elsewhere.
    if let Some(cr) = lone_carriage_return(source) {
        error(
            Span::at(pos_of_byte(source, cr)),
            Rule::YamlSyntax,
            "this line holds a carriage return (CR) that is not part of a CRLF line ending; save the file with LF or CRLF line endings".to_string(),
        );
        parsed.identity = Some(scan_identity(source));
        return parsed;
    }
    if is_blank(source) {
        error(
            Span::START,
            Rule::EmptyFile,
            "this file holds no OKRs: add `quarter:`, an owner (`team: NAME`) and `objectives:`, or delete it".to_string(),
        );
        return parsed;
    }
    // Nearly every file is in the plain block style: read it directly.
    if let Some(okr) = fast::parse(source) {
        parsed.okr = Some(okr);
        return parsed;
    }
    if let Err((pos, message)) = guard::check(source) {
        let rule = if message.starts_with("YAML syntax error") {
            Rule::YamlSyntax
        } else {
            Rule::YamlLimits
        };
        // The parser notices a missing colon a line late: point at the line
        // that lacks it.
        match (rule, missing_colon(source, pos.line)) {
            (Rule::YamlSyntax, Some((span, message))) => error(span, rule, message),
            _ => error(Span::token_at(source, pos), rule, message),
        }
        parsed.identity = Some(scan_identity(source));
        return parsed;
    }
    match serde_yaml::from_str::<OkrFile>(source) {
        Ok(okr) => parsed.okr = Some(okr),
        Err(err) => {
            // Bounded like the parse above: serde_yaml's depth and repetition limits apply.
            let value = serde_yaml::from_str::<serde_yaml::Value>(source).ok();
            parsed.identity = Some(match &value {
                Some(value) => identity_of(value),
                None => scan_identity(source),
            });
            // Valid YAML of the wrong shape: every type error, unknown and
            // missing key of the file, not only the first serde met.
            // Files far past any real OKR file's size (hostile input) keep
            // serde's first error: the walk is for files people write.
            let all = match &value {
                Some(_) if source.len() <= MAX_WALK_BYTES => {
                    without_doubles(walk::all_errors(source))
                }
                _ => Vec::new(),
            };
            if !all.is_empty() {
                parsed.lenient = value.as_ref().and_then(super::lenient::model);
            }
            if all.is_empty() {
                let first = yaml_error::describe(&err, source, value.is_some());
                match (first.rule, missing_colon(source, first.span.start.line)) {
                    (Rule::YamlSyntax, Some((span, message))) => error(span, first.rule, message),
                    _ => error(first.span, first.rule, first.message),
                }
            } else {
                for found in all {
                    error(found.span, found.rule, found.message);
                }
            }
        }
    }
    parsed
}

/// A `key value` line without its colon at or just before `error_line`
/// (`target 4`): its span and a message saying so.
fn missing_colon(source: &str, error_line: usize) -> Option<(Span, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let last = error_line.min(lines.len());
    for number in (last.saturating_sub(2).max(1)..=last).rev() {
        let line = lines.get(number - 1)?;
        let body = line.split(" #").next().unwrap_or("").trim_end();
        let indent = body.len() - body.trim_start().len();
        let rest = body.trim_start();
        let (dash, rest) = match rest.strip_prefix("- ") {
            Some(after) => (2, after.trim_start()),
            None => (0, rest),
        };
        let Some((key, value)) = rest.split_once(' ') else {
            continue;
        };
        let is_key = !key.is_empty()
            && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            && !value.trim().is_empty();
        if !is_key || rest.contains(": ") || rest.ends_with(':') {
            continue;
        }
        let column = line[..indent].chars().count() + dash + 1;
        let start = Pos {
            line: number,
            column,
        };
        let span = Span {
            start,
            end: Pos {
                line: number,
                column: column + rest.chars().count(),
            },
        };
        let value = value.trim();
        return Some((
            span,
            format!("`{rest}` has no colon after `{key}`, so YAML cannot read this line: write `{key}: {value}`"),
        ));
    }
    None
}

/// A misspelt key (`tagret`) also leaves its key missing: the unknown key's
/// "did you mean `target`?" says it all, so the missing `target` in the same
/// place is not reported a second time.
fn without_doubles(found: Vec<walk::Found>) -> Vec<walk::Found> {
    let meant: Vec<String> = found
        .iter()
        .filter(|f| f.rule == Rule::UnknownKey)
        .filter_map(|f| {
            let (place, rest) = f.message.rsplit_once("unknown key `")?;
            let near = rest.split("did you mean `").nth(1)?.split('`').next()?;
            Some(format!("{place}`{near}` is missing"))
        })
        .collect();
    found
        .into_iter()
        .filter(|f| f.rule != Rule::MissingKey || !meant.iter().any(|m| f.message.starts_with(m)))
        .collect()
}

/// Longest message kept whole; longer ones quote a huge value or key.
const MAX_MESSAGE_CHARS: usize = 400;

/// Shortens a message that quotes a huge key or value from the file (a
/// multi-megabyte line would otherwise be printed back in full): long
/// `backticked` or "quoted" spans keep their start and end, and the whole
/// message is cut at `MAX_MESSAGE_CHARS`.
pub fn clip_message(message: &str) -> String {
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        return message.to_string();
    }
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut span = String::new();
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push_str(&clip_span(&span));
                out.push(c);
                span.clear();
                quote = None;
            }
            Some(_) => span.push(c),
            None => {
                out.push(c);
                if c == '`' || c == '"' {
                    quote = Some(c);
                }
            }
        }
    }
    out.push_str(&clip_span(&span));
    if out.chars().count() > MAX_MESSAGE_CHARS {
        out = out.chars().take(MAX_MESSAGE_CHARS).collect();
        out.push('…');
    }
    out
}

fn clip_span(span: &str) -> String {
    const KEEP: usize = 30;
    let count = span.chars().count();
    if count <= 2 * KEEP + 10 {
        return span.to_string();
    }
    let head: String = span.chars().take(KEEP).collect();
    let tail: String = span.chars().skip(count - KEEP).collect();
    format!("{head}…({count} characters)…{tail}")
}

/// True for a file of only blank lines and comments.
fn is_blank(source: &str) -> bool {
    source.lines().all(|line| {
        line.trim().is_empty() || line.trim_start().starts_with('#') || line.trim() == "---"
    })
}

fn pos_of_byte(source: &str, byte: usize) -> Pos {
    let before = source.get(..byte).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos { line, column }
}

fn identity_of(value: &serde_yaml::Value) -> Identity {
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let (kind, owner) = ["person", "company", "team"]
        .into_iter()
        .find_map(|kind| Some((kind.to_string(), text(kind)?)))
        .unzip();
    let objectives = value
        .get("objectives")
        .and_then(|v| v.as_sequence())
        .map(|objectives| {
            objectives
                .iter()
                .filter_map(|o| o.get("id").and_then(|id| id.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Identity {
        quarter: text("quarter"),
        kind,
        owner,
        objectives,
    }
}

/// The identity of a file that is not even valid YAML, from its top-level
/// `key: value` lines: a syntax error deep in a file must not make its owner
/// vanish for the files that align with it.
pub fn scan_identity(source: &str) -> Identity {
    let mut identity = Identity::default();
    let mut owners: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value
            .split(" #")
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']);
        if value.is_empty() {
            continue;
        }
        match key {
            "quarter" => identity.quarter = Some(value.to_string()),
            "company" | "team" | "person" => owners.push((key.to_string(), value.to_string())),
            _ => {
                let trimmed = key.trim_start();
                if trimmed == "- id" && key.len() - trimmed.len() <= 2 {
                    identity.objectives.push(value.to_string());
                }
            }
        }
    }
    let owner = owners
        .iter()
        .find(|(k, _)| k == "person")
        .or_else(|| owners.first())
        .cloned();
    if let Some((kind, name)) = owner {
        identity.kind = Some(kind);
        identity.owner = Some(name);
    }
    identity
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_files() {
        assert!(is_blank(""));
        assert!(is_blank("# only a comment\n\n---\n"));
        assert!(!is_blank("quarter: 2026-Q4"));
    }

    #[test]
    fn byte_positions() {
        assert_eq!(pos_of_byte("ab\ncd\0", 5), Pos { line: 2, column: 3 });
    }

    #[test]
    fn a_lone_carriage_return_is_reported_where_it_is() {
        // YAML would count it as a line break and report positions past
        // the file's last line (by LF): okr says where it is instead.
        let parsed = parse("t.yaml", "quarter: 2026-Q4\nteam: web\rx\nobjectives: []\n");
        let [d] = parsed.diagnostics.as_slice() else {
            panic!("{:?}", parsed.diagnostics)
        };
        assert_eq!((d.line(), d.column(), d.rule), (2, 10, Rule::YamlSyntax));
        assert!(parsed.okr.is_none());
        // CRLF files are read as ever.
        let crlf = "quarter: 2026-Q4\r\nteam: web\r\nobjectives: []\r\n";
        assert!(parse("t.yaml", crlf)
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("carriage return")));
    }

    #[test]
    fn a_missing_colon_is_reported_on_its_own_line() {
        let text = "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: o\n    key_results:\n      - id: k\n        baseline: 1\n        target 4\n        unit: x\n";
        let parsed = parse("web.yaml", text);
        let d = &parsed.diagnostics[0];
        assert_eq!((d.span.start.line, d.span.start.column), (8, 9), "{d}");
        assert_eq!(d.rule, Rule::YamlSyntax);
        assert!(d.message.contains("write `target: 4`"), "{d}");
    }

    #[test]
    fn a_broken_file_still_says_who_owns_it() {
        let id = scan_identity(
            "quarter: 2026-Q4\ncompany: acme\nobjectives:\n  - id: love\n    title: [oops\n",
        );
        assert_eq!(id.quarter.as_deref(), Some("2026-Q4"));
        assert_eq!(id.owner.as_deref(), Some("acme"));
        assert_eq!(id.kind.as_deref(), Some("company"));
        assert_eq!(id.objectives, vec!["love".to_string()]);
    }
}
