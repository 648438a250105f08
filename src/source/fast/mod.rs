//! The fast path of parsing: the plain block style nearly every OKR file is
//! written in (`key: value` lines, `- ` items, comments, one-line quoted
//! text, one-line flow check-ins `{ date: …, value: … }`, `|` and `>` block
//! scalars), read line by line straight into the model, without building
//! libyaml's list of events first.
//!
//! It is exact or it declines. Every value reaches the model's `Deserialize`
//! impls through the call serde_yaml makes, with the same value (`de`:
//! plain scalars are resolved by serde_yaml's rules), and anything it does
//! not read with certainty (anchors, aliases, tags, other flow collections,
//! escapes, text continued on the next line, tabs, unusual numbers such as
//! `0x1F` or `1e3`, and any model error at all) makes it return `None`; the
//! caller then guards and parses the file with serde_yaml, which reports every
//! error with its message and position. Differential tests (`tests/`) hold
//! the two paths to the same model.
//!
//! `scalar` reads the values on a line and block scalars; `de` is the
//! serde `Deserializer`. On one thread it reads the benchmark corpus about 5×
//! faster than serde_yaml, reading the files included (README, Performance).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;

use crate::model::OkrFile;
use crate::source::guard::MAX_VALUES;

mod de;
mod scalar;
#[cfg(test)]
mod tests;

/// Reads `source` when it is in the block style this path knows, into the
/// same model serde_yaml would build; `None` when serde_yaml must read it.
pub fn parse(source: &str) -> Option<OkrFile> {
    #[cfg(test)]
    crate::source::reads::note("fast", source);
    if !plain_characters(source) {
        return None;
    }
    let lines = lines(source)?;
    // A line holds at most three values (`- key: value`): stay far inside
    // the guard's bound, so a file it would refuse is left to it.
    if lines.len() as u64 * 3 + 1 > MAX_VALUES || lines.first()?.indent != 0 {
        return None;
    }
    let mut reader = Reader {
        source,
        lines,
        pos: 0,
    };
    let okr = OkrFile::deserialize(de::Value {
        reader: &mut reader,
        node: Node::Map(0),
    })
    .ok()?;
    (reader.pos == reader.lines.len()).then_some(okr)
}

/// Why the fast path gave up; never shown (serde_yaml reads the file again).
#[derive(Debug)]
pub struct Decline;

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the plain block style")
    }
}

impl std::error::Error for Decline {}

impl serde::de::Error for Decline {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Decline
    }
}

/// True when `source` holds only characters YAML reads as themselves: no
/// tab, no control character, no carriage return outside `\r\n`, no BOM,
/// and none of the line breaks YAML 1.1 adds (NEL, U+2028, U+2029).
fn plain_characters(source: &str) -> bool {
    let bytes = source.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 {
            let line_end = b == b'\n' || (b == b'\r' && bytes.get(i + 1) == Some(&b'\n'));
            if !line_end {
                return false;
            }
        } else if b == 0x7f {
            return false;
        }
    }
    source.is_ascii()
        || !source.chars().any(|c| {
            matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
        })
}

/// A line with content: its indentation and the rest, without trailing
/// spaces, and where the line starts in the source. Blank and comment lines
/// are left out.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
    start: usize,
}

/// The content lines of `source`; `None` for a document marker other than
/// one leading `---`, or a directive.
fn lines(source: &str) -> Option<Vec<Line<'_>>> {
    let mut out = Vec::with_capacity((source.len() / 24).min(4096));
    let mut start = 0;
    // Each further `---` opens another document, even before any content.
    let mut marked = false;
    for raw in source.split('\n') {
        let line_start = start;
        start += raw.len() + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let text = raw.trim_start_matches(' ');
        let indent = raw.len() - text.len();
        let text = text.trim_end_matches(' ');
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if indent == 0
            && (text.starts_with("---") || text.starts_with("...") || text.starts_with('%'))
        {
            let marker = text == "---" || text.starts_with("--- #");
            if marker && out.is_empty() && !marked {
                marked = true;
                continue;
            }
            return None;
        }
        out.push(Line {
            indent,
            text,
            start: line_start,
        });
    }
    Some(out)
}

/// `key: rest` or `key:` with a lowercase key: the key and the rest.
fn key_form(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if !(first.is_ascii_lowercase() || first == b'_') {
        return None;
    }
    let end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'))?;
    if bytes.get(end) != Some(&b':') {
        return None;
    }
    let (key, after) = (text.get(..end)?, text.get(end + 1..)?);
    if after.is_empty() {
        return Some((key, ""));
    }
    after
        .strip_prefix(' ')
        .map(|rest| (key, rest.trim_start_matches(' ')))
}

/// A block sequence item: `- …`, or a bare `-`.
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// What follows a closed quote: nothing, or a comment after a space.
fn tail_ok(after: &str) -> bool {
    after.is_empty() || (after.starts_with(' ') && after.trim_start_matches(' ').starts_with('#'))
}

/// A value about to be deserialized.
enum Node<'a> {
    /// A scalar on the line of its key or item; `plain` when unquoted.
    Scalar { text: Cow<'a, str>, plain: bool },
    /// A block mapping whose keys sit at this indentation, from the reader's line.
    Map(usize),
    /// A block sequence whose `- ` sit at this indentation; `true` when it
    /// is the value of a key at the same indentation (it ends at a key).
    Seq(usize, bool),
    /// `[]`.
    EmptySeq,
    /// `{ key: value, … }` on one line, of scalars.
    FlowMap(Vec<(&'a str, Node<'a>)>),
}

struct Reader<'a> {
    source: &'a str,
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl<'a> Reader<'a> {
    /// The value of a key at `indent` whose line goes on with `rest`.
    fn value(&mut self, indent: usize, rest: &'a str) -> Result<Node<'a>, Decline> {
        if rest.starts_with(['|', '>']) {
            return self.block_scalar(indent, rest);
        }
        if !rest.is_empty() && !rest.starts_with('#') {
            return scalar::scalar(rest);
        }
        Ok(match self.lines.get(self.pos) {
            Some(next) if next.indent > indent => {
                if is_item(next.text) {
                    Node::Seq(next.indent, false)
                } else {
                    Node::Map(next.indent)
                }
            }
            Some(next) if next.indent == indent && is_item(next.text) => Node::Seq(indent, true),
            _ => Node::Scalar {
                text: Cow::Borrowed(""),
                plain: true,
            },
        })
    }
}
