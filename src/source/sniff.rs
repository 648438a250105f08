//! A file's quarter from its first lines, without parsing it: what lets a
//! view of one quarter skip the files of the others. Every file okr writes
//! starts with `quarter: YYYY-Qn`; a file is sniffed only when its head is
//! in the plain block style okr writes, and anything that could make the
//! answer differ from the full parse's (another document, a directive, flow
//! or JSON style, tabs, anchors, aliases, tags, quotes or block scalars that
//! may span lines, a merge key, nested content before the `quarter:` line,
//! text that may continue on the next line) makes it say [`Sniff::Uncertain`]:
//! the caller then reads and parses the whole file, as without sniffing.
//!
//! When the sniff is certain, a file that parses has exactly that quarter
//! (the unit tests and the differential tests of `tests/cli` hold it to
//! that); a file that does not parse is of that quarter too (its first
//! `quarter:` line), so skipping never depends on how broken a file is.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::model::Quarter;

/// How much of a file is read to find its quarter: every file okr writes has
/// it on its first line.
pub const HEAD_BYTES: usize = 4096;

/// What a file's head says of its quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    /// The file is for this quarter (its label; read in the directory's calendar by the caller).
    Quarter(Quarter),
    /// Only a full parse can tell.
    Uncertain,
}

impl Sniff {
    pub fn quarter(self) -> Option<Quarter> {
        match self {
            Sniff::Quarter(quarter) => Some(quarter),
            Sniff::Uncertain => None,
        }
    }
}

/// The first read: enough for every file okr writes.
const FIRST_BYTES: usize = 1024;

/// The quarter of the file at `path`, from at most [`HEAD_BYTES`] of it. A
/// file that cannot be read (or is not a regular file) is uncertain: the
/// full read reports why. `regular`: the folder listing showed a regular
/// file (not a link, pipe or device), so its type need not be asked.
pub fn path(path: &Path, regular: bool) -> Sniff {
    path_keeping(path, regular).0
}

/// A file opened and sniffed: what was read of it, and the file to read on.
pub struct Opened {
    file: fs::File,
    head: Vec<u8>,
}

impl Opened {
    /// The whole file: the head and the rest. `None` when reading on fails
    /// or the file is large: the caller reads it again the usual way, which
    /// says why it cannot be read.
    pub fn read_on(mut self) -> Option<Vec<u8>> {
        const MOST: u64 = 1024 * 1024;
        let mut bytes = self.head;
        (&mut self.file).take(MOST).read_to_end(&mut bytes).ok()?;
        (bytes.len() < MOST as usize).then_some(bytes)
    }
}

/// [`path`], with the file still open to read on.
pub fn path_keeping(path: &Path, regular: bool) -> (Sniff, Option<Opened>) {
    if !regular && !fs::metadata(path).is_ok_and(|meta| meta.is_file()) {
        return (Sniff::Uncertain, None);
    }
    let Ok(mut file) = fs::File::open(path) else {
        return (Sniff::Uncertain, None);
    };
    // One read holds the start of a file; the rest of the head is read only
    // when that start did not settle the quarter.
    let mut head = [0u8; HEAD_BYTES + 1];
    let mut len = 0;
    let mut want = FIRST_BYTES + 1;
    loop {
        while let Some(rest) = head.get_mut(len..want).filter(|rest| !rest.is_empty()) {
            match file.read(rest) {
                Ok(0) => break,
                Ok(n) => len += n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return (Sniff::Uncertain, None),
            }
        }
        let whole = len < want;
        let seen = bytes(head.get(..len.min(want - 1)).unwrap_or_default(), whole);
        if seen != Sniff::Uncertain || whole || want > HEAD_BYTES {
            let head = head.get(..len).unwrap_or_default().to_vec();
            return (seen, Some(Opened { file, head }));
        }
        want = HEAD_BYTES + 1;
    }
}

/// The quarter of a file whose first bytes are `head` (`whole`: the file
/// ends there).
pub fn bytes(head: &[u8], whole: bool) -> Sniff {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = match std::str::from_utf8(head) {
        Ok(text) => text,
        // Cut inside a character: what comes before it is still text.
        Err(err) if !whole && err.error_len().is_none() => {
            match head.get(..err.valid_up_to()).map(std::str::from_utf8) {
                Some(Ok(text)) => text,
                _ => return Sniff::Uncertain,
            }
        }
        Err(_) => return Sniff::Uncertain,
    };
    text_head(text, whole)
}

/// The quarter of a file whose text (without its byte-order mark) starts
/// with `text` (`whole`: the file ends there).
pub fn text_head(text: &str, whole: bool) -> Sniff {
    sniff(text, whole).map_or(Sniff::Uncertain, Sniff::Quarter)
}

/// The quarter of the file whose whole text is `text`.
pub fn text(text: &str) -> Sniff {
    let head = match text.get(..HEAD_BYTES) {
        Some(head) => head,
        None if text.len() <= HEAD_BYTES => text,
        // Cut inside a character: step back to its start.
        None => {
            let cut = (0..HEAD_BYTES)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            text.get(..cut).unwrap_or_default()
        }
    };
    text_head(head, head.len() == text.len())
}

fn sniff(text: &str, whole: bool) -> Option<Quarter> {
    let mut lines = text.split('\n').peekable();
    let mut found: Option<Quarter> = None;
    let mut first = true;
    while let Some(line) = lines.next() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Characters that YAML may read as line breaks or indentation, or
        // that no OKR file holds, in any line read (only the first few are).
        if line.contains([
            '\r', '\t', '\0', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}',
        ]) {
            return None;
        }
        // The last piece of a cut head may be a partial line: only its first
        // character is known, which is enough to end the quarter's value.
        if lines.peek().is_none() && !whole {
            let ends = line.starts_with(|c: char| !matches!(c, ' ' | '#'));
            return found.filter(|_| ends);
        }
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if found.is_some() {
            // The quarter's value ends when the next line starts a new key
            // (anything at the start of a line); an indented line could
            // continue it.
            return (trimmed.len() == line.len()).then_some(found?);
        }
        if first && is_document_start(line) {
            first = false;
            continue;
        }
        first = false;
        // Nested content (an indented line) before the quarter: only a full
        // parse knows where it ends.
        if trimmed.len() != line.len() {
            return None;
        }
        let (key, value) = top_level_pair(line)?;
        let value = one_line_value(value)?;
        if key == "quarter" {
            found = Some(value.parse::<Quarter>().ok()?);
        }
    }
    // The file ends after the quarter's line.
    found.filter(|_| whole)
}

/// `---` alone (or with a comment) on the first line: the one document starts.
fn is_document_start(line: &str) -> bool {
    let rest = match line.strip_prefix("---") {
        Some(rest) => rest,
        None => return false,
    };
    rest.trim_end_matches(' ').is_empty() || rest.starts_with(" #")
}

/// A top-level `key: value` line whose key is plain: letters, digits, `_`
/// and `-`, starting with a letter (no quotes, no `<<`, no `? `, no `- `).
fn top_level_pair(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let plain_key = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !plain_key || !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((key, value))
}

/// The value of a top-level key, when it is certainly all on this line and
/// certainly a string as written: plain text, or text in quotes without
/// escapes; a trailing comment is dropped. An empty value is `""` (its
/// content, if any, is on the next lines, which end the sniff).
fn one_line_value(value: &str) -> Option<&str> {
    let value = value.trim_start_matches(' ');
    let (inner, rest) = match value.as_bytes().first() {
        None => return Some(""),
        Some(b'#') => return Some(""),
        Some(&quote @ (b'"' | b'\'')) => {
            let quote = char::from(quote);
            let body = value.get(1..)?;
            let end = body.find(quote)?;
            let inner = body.get(..end)?;
            if inner.contains('\\') {
                return None;
            }
            (inner, body.get(end + 1..)?)
        }
        Some(b) if b.is_ascii_alphanumeric() => {
            let end = value.find(" #").unwrap_or(value.len());
            let inner = value.get(..end)?.trim_end_matches(' ');
            // `a: b: c` is a nested mapping (an error), not text.
            if inner.contains(": ") || inner.ends_with(':') {
                return None;
            }
            (inner, value.get(end..)?)
        }
        // An indicator: flow, anchor, alias, tag, block scalar, directive…
        Some(_) => return None,
    };
    // After the value: nothing, or a comment after a space.
    let after = rest.trim_start_matches(' ');
    let ends =
        rest.is_empty() || (rest.starts_with(' ') && (after.is_empty() || after.starts_with('#')));
    ends.then_some(inner)
}

#[cfg(test)]
mod tests;
