//! The fast path of parsing: the plain block style nearly every OKR file is
//! written in (`key: value` lines, `- ` items, comments, one-line quoted
//! text), read straight into the model without building libyaml's event list.
//!
//! It is exact or it declines. Every scalar is given to the model's
//! `Deserialize` impls the way serde_yaml gives it (the same `visit_*` call
//! with the same value: [`resolve`] follows serde_yaml's untagged-scalar rules),
//! and anything it does not read with certainty (flow collections other than
//! `[]`, anchors, aliases, tags, block scalars, escapes, text running on to the
//! next line, tabs, unusual numbers, and any model error at all) makes it
//! return `None`; the caller then parses with serde_yaml, which reports
//! every error with its message and position. A differential test
//! (`tests.rs`) holds the two paths to the same model on generated files.
//!
//! serde_yaml reads a 9 KB file into ~250 events before it deserializes; this
//! reads it line by line, about 8× faster (README, Performance).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::borrow::Cow;
use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::model::OkrFile;
use crate::source::guard::{MAX_KEY_FLOW_BYTES, MAX_VALUES};

#[cfg(test)]
mod tests;

/// Reads `source` when it is in the block style this path knows, into the
/// same model serde_yaml would build; `None` when serde_yaml must read it.
pub fn parse(source: &str) -> Option<OkrFile> {
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
    let okr = OkrFile::deserialize(Value {
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

impl de::Error for Decline {
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
            return scalar(rest);
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

impl<'a> Reader<'a> {
    /// A literal (`|`) or folded (`>`) block scalar whose header `header`
    /// ends the line just read, the value of a key at `indent`. Declined:
    /// an indentation indicator, leading or space-only blank lines, folded
    /// lines indented further than the first, and a block that runs to the
    /// end of a file without a final line break.
    fn block_scalar(&mut self, indent: usize, header: &str) -> Result<Node<'a>, Decline> {
        let folded = header.starts_with('>');
        let after = header.get(1..).ok_or(Decline)?;
        let (chomp, after) = match after.as_bytes().first() {
            Some(&c @ (b'-' | b'+')) => (c, after.get(1..).ok_or(Decline)?),
            _ => (b' ', after),
        };
        if !tail_ok(after) {
            return Err(Decline);
        }
        let header_line = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .ok_or(Decline)?;
        let rest_of_file = self.source.get(header_line.start..).ok_or(Decline)?;
        let from = header_line.start + rest_of_file.find('\n').ok_or(Decline)? + 1;
        // Content lines (`Some`) and blank lines (`None`), in order.
        let mut lines: Vec<Option<&'a str>> = Vec::new();
        let mut content_indent: Option<usize> = None;
        let mut end = from;
        for raw in self
            .source
            .get(from..)
            .ok_or(Decline)?
            .split_inclusive('\n')
        {
            let line = raw.strip_suffix('\n').ok_or(Decline)?;
            let line = line.strip_suffix('\r').unwrap_or(line);
            let text = line.trim_start_matches(' ');
            let spaces = line.len() - text.len();
            if line.is_empty() {
                if content_indent.is_none() {
                    return Err(Decline);
                }
                lines.push(None);
                end += raw.len();
                continue;
            }
            if text.is_empty() {
                return Err(Decline);
            }
            let at = match content_indent {
                Some(at) if spaces < at => break,
                Some(at) => at,
                None if spaces <= indent => return Err(Decline),
                None => *content_indent.insert(spaces),
            };
            let content = line.get(at..).ok_or(Decline)?;
            if folded && content.starts_with(' ') {
                return Err(Decline);
            }
            lines.push(Some(content));
            end += raw.len();
        }
        let last = lines.iter().rposition(Option::is_some).ok_or(Decline)?;
        let trailing = lines.len() - last - 1;
        let mut text = String::new();
        let mut blanks = 0;
        for line in lines.iter().take(last + 1) {
            match line {
                None => blanks += 1,
                Some(content) => {
                    if !text.is_empty() || blanks > 0 {
                        if folded {
                            let breaks = if blanks == 0 { " " } else { "" };
                            text.push_str(breaks);
                            text.push_str(&"\n".repeat(blanks));
                        } else {
                            text.push_str(&"\n".repeat(blanks + 1));
                        }
                    }
                    text.push_str(content);
                    blanks = 0;
                }
            }
        }
        match chomp {
            b'-' => {}
            b'+' => text.push_str(&"\n".repeat(trailing + 1)),
            _ => text.push('\n'),
        }
        while self.lines.get(self.pos).is_some_and(|l| l.start < end) {
            self.pos += 1;
        }
        Ok(Node::Scalar {
            text: Cow::Owned(text),
            plain: false,
        })
    }
}

/// More entries than a check-in has keys: the file has an error, for
/// serde_yaml to report.
const MAX_FLOW_ENTRIES: usize = 8;

/// `{ key: value, … }` closed on its line, of plain or quoted scalars. One
/// longer than the guard lets a flow collection run is left to the guard.
fn flow_map(rest: &str) -> Result<Node<'_>, Decline> {
    if rest.len() > MAX_KEY_FLOW_BYTES {
        return Err(Decline);
    }
    let mut entries = Vec::new();
    let mut s = rest.get(1..).ok_or(Decline)?;
    loop {
        s = s.trim_start_matches(' ');
        let (key, after) = key_form(s).ok_or(Decline)?;
        if after.is_empty() {
            return Err(Decline);
        }
        let (value, after) = flow_scalar(after)?;
        if entries.len() == MAX_FLOW_ENTRIES {
            return Err(Decline);
        }
        entries.push((key, value));
        s = after.trim_start_matches(' ');
        match s.as_bytes().first() {
            Some(b',') => {
                s = s.get(1..).ok_or(Decline)?;
                if s.trim_start_matches(' ').starts_with('}') {
                    return Err(Decline);
                }
            }
            Some(b'}') => {
                return match tail_ok(s.get(1..).ok_or(Decline)?) {
                    true => Ok(Node::FlowMap(entries)),
                    false => Err(Decline),
                }
            }
            _ => return Err(Decline),
        }
    }
}

/// A scalar inside a flow mapping, and what follows it.
fn flow_scalar(s: &str) -> Result<(Node<'_>, &str), Decline> {
    match s.as_bytes().first() {
        Some(b'"' | b'\'') => {
            let quote = if s.starts_with('"') { '"' } else { '\'' };
            let body = s.get(1..).ok_or(Decline)?;
            let close = body.find([quote, '\\']).ok_or(Decline)?;
            // A doubled '' or any escape: left to serde_yaml.
            if body.as_bytes().get(close) == Some(&b'\\')
                || body.get(close + 1..).is_some_and(|a| a.starts_with(quote))
            {
                return Err(Decline);
            }
            let text = body.get(..close).ok_or(Decline)?;
            Ok((
                Node::Scalar {
                    text: Cow::Borrowed(text),
                    plain: false,
                },
                body.get(close + 1..).ok_or(Decline)?,
            ))
        }
        _ => {
            let end = s.find([',', '}']).ok_or(Decline)?;
            let text = s.get(..end).ok_or(Decline)?.trim_end_matches(' ');
            let bad_start = text.starts_with([
                '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '#', '?', ':', '\'',
                '"',
            ]) || is_item(text);
            // libyaml refuses a `:` followed by `,?[]{}` inside a flow
            // collection ("found unexpected ':'"): `a:?` is an error there.
            if text.is_empty()
                || bad_start
                || text.contains(['[', ']', '{', '#'])
                || text.contains(": ")
                || text.contains(":?")
                || text.ends_with(':')
            {
                return Err(Decline);
            }
            Ok((
                Node::Scalar {
                    text: Cow::Borrowed(text),
                    plain: true,
                },
                s.get(end..).ok_or(Decline)?,
            ))
        }
    }
}

/// The scalar (or `[]`) that `rest` holds, or `Decline` for anything else.
fn scalar(rest: &str) -> Result<Node<'_>, Decline> {
    let first = *rest.as_bytes().first().ok_or(Decline)?;
    match first {
        b'"' => {
            let body = rest.get(1..).ok_or(Decline)?;
            let close = body.find(['"', '\\']).ok_or(Decline)?;
            if body.as_bytes().get(close) != Some(&b'"')
                || !tail_ok(body.get(close + 1..).ok_or(Decline)?)
            {
                return Err(Decline);
            }
            Ok(Node::Scalar {
                text: Cow::Borrowed(body.get(..close).ok_or(Decline)?),
                plain: false,
            })
        }
        b'\'' => single_quoted(rest.get(1..).ok_or(Decline)?),
        b'[' => match rest.strip_prefix("[]") {
            Some(after) if tail_ok(after) => Ok(Node::EmptySeq),
            _ => Err(Decline),
        },
        b'{' => flow_map(rest),
        b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b',' | b']' | b'}' | b'#'
        | b'?' | b':' => Err(Decline),
        b'-' if is_item(rest) => Err(Decline),
        _ => Ok(Node::Scalar {
            text: Cow::Borrowed(plain(rest)?),
            plain: true,
        }),
    }
}

/// A plain scalar up to its comment (` #`), or `Decline` when it holds `: `
/// or ends with `:` (YAML reads a mapping there).
fn plain(rest: &str) -> Result<&str, Decline> {
    let bytes = rest.as_bytes();
    let mut end = bytes.len();
    for (i, pair) in bytes.windows(2).enumerate() {
        match pair {
            [b' ', b'#'] => {
                end = i;
                break;
            }
            [b':', b' '] => return Err(Decline),
            _ => {}
        }
    }
    let text = rest.get(..end).ok_or(Decline)?.trim_end_matches(' ');
    if text.ends_with(':') {
        return Err(Decline);
    }
    Ok(text)
}

/// `'…'` closed on its line, with `''` for a quote.
fn single_quoted(body: &str) -> Result<Node<'_>, Decline> {
    let mut owned: Option<String> = None;
    let mut from = 0;
    loop {
        let at = from + body.get(from..).ok_or(Decline)?.find('\'').ok_or(Decline)?;
        let piece = body.get(from..at).ok_or(Decline)?;
        if body.as_bytes().get(at + 1) == Some(&b'\'') {
            let text = owned.get_or_insert_with(String::new);
            text.push_str(piece);
            text.push('\'');
            from = at + 2;
            continue;
        }
        if !tail_ok(body.get(at + 1..).ok_or(Decline)?) {
            return Err(Decline);
        }
        let text = match owned {
            Some(mut text) => {
                text.push_str(piece);
                Cow::Owned(text)
            }
            None => Cow::Borrowed(piece),
        };
        return Ok(Node::Scalar { text, plain: false });
    }
}

/// serde_yaml's null words.
fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A plain number as people write it: `-?(0|[1-9][0-9]*)` with at most 18
/// digits, optionally followed by `.` and digits. `Some(true)` for an
/// integer, `Some(false)` for a decimal, `None` otherwise.
fn simple_number(text: &str) -> Option<bool> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || whole.len() > 18 || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    match fraction {
        None => Some(true),
        Some(fraction) if all_digits(fraction) => Some(false),
        Some(_) => None,
    }
}

fn visit_text<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, Decline> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

/// A plain scalar read without a type in mind, as serde_yaml does: null,
/// boolean, integer, float or text. Anything that starts like a number but
/// is not a [`simple_number`] (`0x1F`, `1e3`, `+5`, `007`, `.5`, a date) is
/// declined rather than resolved here.
fn resolve<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, Decline> {
    if is_null(&text) {
        return visitor.visit_unit();
    }
    if let Some(value) = parse_bool(&text) {
        return visitor.visit_bool(value);
    }
    let numeric = text
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if !numeric {
        return visit_text(text, visitor);
    }
    match simple_number(&text) {
        Some(true) => match text.strip_prefix('-') {
            Some(_) => visitor.visit_i64(text.parse().map_err(|_| Decline)?),
            None => visitor.visit_u64(text.parse().map_err(|_| Decline)?),
        },
        Some(false) => {
            let value: f64 = text.parse().map_err(|_| Decline)?;
            if !value.is_finite() {
                return Err(Decline);
            }
            visitor.visit_f64(value)
        }
        None => Err(Decline),
    }
}

/// Deserializes one [`Node`].
struct Value<'a, 'r> {
    reader: &'r mut Reader<'a>,
    node: Node<'a>,
}

macro_rules! decline {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Decline> {
            Err(Decline)
        })*
    };
}

impl<'de> de::Deserializer<'de> for Value<'de, '_> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Scalar { text, plain: true } => resolve(text, visitor),
            Node::Scalar { text, plain: false } => visit_text(text, visitor),
            Node::Map(_) | Node::FlowMap(_) => self.deserialize_map(visitor),
            Node::Seq(..) | Node::EmptySeq => self.deserialize_seq(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Scalar { text, .. } => visit_text(text, visitor),
            _ => Err(Decline),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match &self.node {
            Node::Scalar { text, plain: true } => {
                visitor.visit_bool(parse_bool(text).ok_or(Decline)?)
            }
            _ => Err(Decline),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match &self.node {
            Node::Scalar { text, plain: true } if is_null(text) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Seq(indent, indentless) => visitor.visit_seq(Items {
                reader: self.reader,
                indent,
                indentless,
            }),
            Node::EmptySeq => visitor.visit_seq(NoItems),
            _ => Err(Decline),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.node {
            Node::Map(indent) => visitor.visit_map(Entries {
                reader: self.reader,
                indent,
                rest: "",
            }),
            Node::FlowMap(entries) => visitor.visit_map(FlowEntries {
                reader: self.reader,
                entries: entries.into_iter(),
                value: None,
            }),
            _ => Err(Decline),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Decline> {
        self.deserialize_map(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Decline> {
        Err(Decline)
    }

    decline! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_ignored_any
    }
}

/// The entries of a block mapping at `indent`.
struct Entries<'a, 'r> {
    reader: &'r mut Reader<'a>,
    indent: usize,
    /// What follows the colon of the key just read.
    rest: &'a str,
}

impl<'de> MapAccess<'de> for Entries<'de, '_> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Decline> {
        let Some(line) = self.reader.lines.get(self.reader.pos) else {
            return Ok(None);
        };
        if line.indent < self.indent {
            return Ok(None);
        }
        if line.indent > self.indent {
            return Err(Decline);
        }
        let (key, rest) = key_form(line.text).ok_or(Decline)?;
        self.rest = rest;
        self.reader.pos += 1;
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Decline> {
        let node = self.reader.value(self.indent, self.rest)?;
        seed.deserialize(Value {
            reader: self.reader,
            node,
        })
    }
}

/// The entries of a one-line flow mapping.
struct FlowEntries<'a, 'r> {
    reader: &'r mut Reader<'a>,
    entries: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de> MapAccess<'de> for FlowEntries<'de, '_> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Decline> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Decline> {
        let node = self.value.take().ok_or(Decline)?;
        seed.deserialize(Value {
            reader: self.reader,
            node,
        })
    }
}

/// The items of a block sequence at `indent`.
struct Items<'a, 'r> {
    reader: &'r mut Reader<'a>,
    indent: usize,
    indentless: bool,
}

impl<'de> SeqAccess<'de> for Items<'de, '_> {
    type Error = Decline;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Decline> {
        let reader = &mut *self.reader;
        let Some(&line) = reader.lines.get(reader.pos) else {
            return Ok(None);
        };
        if line.indent < self.indent {
            return Ok(None);
        }
        if line.indent > self.indent {
            return Err(Decline);
        }
        if !is_item(line.text) {
            return if self.indentless {
                Ok(None)
            } else {
                Err(Decline)
            };
        }
        let after = line.text.get(1..).ok_or(Decline)?;
        let rest = after.trim_start_matches(' ');
        let node = if key_form(rest).is_some() {
            // `- key: value` opens a mapping whose keys line up with `key`:
            // read this line again as that mapping's first line.
            let column = self.indent + 1 + (after.len() - rest.len());
            let slot = reader.lines.get_mut(reader.pos).ok_or(Decline)?;
            *slot = Line {
                indent: column,
                text: rest,
                start: slot.start,
            };
            Node::Map(column)
        } else {
            reader.pos += 1;
            scalar(rest)?
        };
        seed.deserialize(Value { reader, node }).map(Some)
    }
}

/// The items of `[]`.
struct NoItems;

impl<'de> SeqAccess<'de> for NoItems {
    type Error = Decline;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        _seed: S,
    ) -> Result<Option<S::Value>, Decline> {
        Ok(None)
    }
}
