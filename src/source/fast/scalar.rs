//! The scalars of the fast path: plain, quoted, `[]`, one-line flow
//! mappings and block scalars, each read exactly or declined.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::borrow::Cow;

use super::{is_item, key_form, tail_ok, Decline, Node, Reader};
use crate::source::guard::MAX_KEY_FLOW_BYTES;

impl<'a> Reader<'a> {
    /// A literal (`|`) or folded (`>`) block scalar whose header `header`
    /// ends the line just read, the value of a key at `indent`. Declined:
    /// an indentation indicator, leading or space-only blank lines, folded
    /// lines indented further than the first, and a block that runs to the
    /// end of a file without a final line break.
    pub(super) fn block_scalar(
        &mut self,
        indent: usize,
        header: &str,
    ) -> Result<Node<'a>, Decline> {
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
            // Inside a flow collection libyaml reads a `:` followed by a
            // space, or by any of `,?[]{}`, as the end of a key or an error
            // ("found unexpected ':'"): a plain value with a `:` is left to it.
            if text.is_empty() || bad_start || text.contains(['[', ']', '{', '#', ':']) {
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
pub(super) fn scalar(rest: &str) -> Result<Node<'_>, Decline> {
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
