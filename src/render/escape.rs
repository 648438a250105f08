//! Text from files is data, never markup or control (`docs/robustness.md#untrusted-text`).
//! One escaping function per medium, each the only way file text reaches
//! that medium: [`terminal`] (tables, lists, `check` text, messages),
//! [`markdown`], [`csv`] and [`html`]; JSON is serde's, with [`json_text`]
//! making the characters serde leaves raw visible as `\uXXXX` escapes.
//! [`Guard`] is the last line of defence on the real stdout and stderr: a
//! control character that some renderer forgot still reaches the terminal
//! only as a visible escape.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must never reach a terminal raw: C0 controls (a newline or
/// carriage return from a file would forge an output line; tab is harmless),
/// DEL, C1 controls (U+009B is a CSI to some terminals), the bidirectional
/// formatting characters that reorder what is shown (Trojan Source: U+202A–E,
/// U+2066–9, the marks U+200E, U+200F, U+061C), and the Unicode line and
/// paragraph separators some viewers break lines at.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The visible form of an unsafe character, as Rust and `git` quote them:
/// `\n`, `\r`, else `\u{1b}`.
fn visible(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

/// Whether `text` has a word that starts with `::`. GitHub Actions runs a
/// log line as a workflow command when it starts with `::` after its leading
/// spaces, and a table cell or a wrapped paragraph can put any word there.
fn has_command_word(text: &str) -> bool {
    text.starts_with("::") || text.contains(" ::") || text.contains("\t::")
}

/// Text from a file for a terminal or a plain-text log: every unsafe
/// character as a visible escape, so that it is one line that does nothing;
/// and a word's leading `::` as `\u{3a}:`, so that no wrapped line of it
/// can be a GitHub workflow command.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) && !has_command_word(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut word_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_unsafe(c) {
            visible(c, &mut out);
        } else if c == ':' && word_start && chars.peek() == Some(&':') {
            out.push_str("\\u{3a}");
        } else {
            out.push(c);
        }
        word_start = c.is_whitespace() || is_unsafe(c);
    }
    Cow::Owned(out)
}

/// Prose from a file (a reflection, a note) for a terminal: its line breaks
/// are the writer's layout, not content, so they become spaces (a wrapped
/// paragraph reads on); any other unsafe character is escaped.
pub fn prose(text: &str) -> String {
    let joined = text
        .trim()
        .replace("\r\n", " ")
        .replace(['\n', '\u{2028}', '\u{2029}'], " ");
    terminal(&joined).into_owned()
}

/// Text from a file, safe anywhere in Markdown (a table cell, a heading, a
/// list item): `&`, `<`, `>` as entities (no HTML), `\` and the characters
/// that make links, images, emphasis, code, tables and headings
/// backslash-escaped, line breaks as `<br>`, other unsafe characters as
/// visible escapes.
pub fn markdown(text: &str) -> String {
    markdown_untrimmed(text.trim())
}

/// [`markdown`], keeping spaces at the ends.
fn markdown_untrimmed(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A log that shows this Markdown never runs a workflow command.
            ':' if (out.is_empty() || out.ends_with([' ', '>'])) && chars.peek() == Some(&':') => {
                out.push_str("\\:")
            }
            c if is_unsafe(c) => visible(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// One of okr's messages (which quote file text in backticks) in a Markdown
/// table cell: its code spans kept (no markup works inside one; a pipe is
/// escaped, as tables need), the rest [`markdown`]. A quoted backtick would
/// end a span early, so then every backtick is escaped too.
pub fn markdown_message(text: &str) -> String {
    let text = terminal(text);
    if text.matches('`').count() % 2 == 1 {
        return markdown(&text);
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{}`", part.replace('|', "\\|"))
            } else {
                markdown_untrimmed(part)
            }
        })
        .collect()
}

/// Text from a file as a Markdown code span (a path, an id): backticks
/// around it, or [`markdown`] text when a backtick in it would end the span.
pub fn markdown_code(text: &str) -> String {
    let text = terminal(text);
    if text.contains('`') || text.trim() != text || text.is_empty() {
        markdown(&text)
    } else {
        format!("`{text}`")
    }
}

/// One CSV field (RFC 4180), quoted when it holds a comma or a quote. Text that a spreadsheet would run as a formula (it starts with
/// `=`, `+`, `-`, `@`, tab or carriage return: OWASP's list) gets a leading
/// `'`; a number stays a number. Unsafe characters are visible escapes, so
/// one record is one line.
pub fn csv(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text);
    let mut cell = String::with_capacity(text.len() + 2);
    if formula {
        cell.push('\'');
    }
    cell.push_str(&terminal(text));
    if cell.contains([',', '"']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// A plain decimal number (`-5`, `+0.25`, `1e3`): what a spreadsheet reads
/// as a number, not a formula.
fn is_number(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(f64::is_finite)
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
}

/// `&`, `<`, `>`, `"` and `'` as entities: safe in HTML text and in quoted
/// attributes. Control characters (HTML allows none in text) and the
/// bidirectional controls are visible escapes, as on a terminal; line
/// breaks stay for the caller to turn into `<br>`.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(c),
            c if is_unsafe(c) => visible(c, &mut out),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Serialized JSON with the unsafe characters serde writes raw (DEL, C1,
/// the bidirectional controls; it escapes C0 itself) as `\uXXXX`: the same
/// data, but nothing in it acts on a terminal that shows it. They can only
/// occur inside strings, where the escape means the same character.
pub fn json_text(json: String) -> String {
    // The newlines of pretty JSON are its own layout, never inside a string
    // (serde escapes those): they stay.
    let unsafe_in_json = |c: char| c != '\n' && is_unsafe(c);
    if !json.chars().any(unsafe_in_json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The writer `main` puts around stdout and stderr: any unsafe character
/// that reaches it is written as a visible escape, except the newlines and
/// the colour codes (`ESC [ … m`) okr writes itself. Renderers escape file
/// text where they take it (they alone know a file's newline from theirs);
/// this catches what one of them missed, so that no file can move the
/// cursor, set a title, write the clipboard or open a link.
pub struct Guard<W: Write> {
    inner: W,
    /// Bytes held back until the next write: an incomplete UTF-8 character
    /// or an incomplete escape sequence.
    pending: Vec<u8>,
}

/// The longest colour code let through (`ESC[1;38;5;208m` is 14 bytes).
const MAX_SGR: usize = 32;

impl<W: Write> Guard<W> {
    pub fn new(inner: W) -> Guard<W> {
        Guard {
            inner,
            pending: Vec::new(),
        }
    }

    /// Cleans `bytes` (pending bytes first); keeps back an incomplete tail
    /// unless `all`.
    fn clean(&mut self, bytes: &[u8], all: bool) -> Vec<u8> {
        let mut input = std::mem::take(&mut self.pending);
        input.extend_from_slice(bytes);
        let mut out = Vec::with_capacity(input.len());
        let mut i = 0;
        while i < input.len() {
            let b = input[i];
            if b == 0x1b {
                match sgr_len(&input[i..]) {
                    Some(Some(n)) => {
                        out.extend_from_slice(&input[i..i + n]);
                        i += n;
                        continue;
                    }
                    // Possibly a colour code cut by the write: wait for more.
                    Some(None) if !all => {
                        self.pending = input[i..].to_vec();
                        return out;
                    }
                    _ => {
                        out.extend_from_slice(b"\\u{1b}");
                        i += 1;
                        continue;
                    }
                }
            }
            let len = utf8_len(b);
            if i + len > input.len() {
                if all {
                    out.extend_from_slice(&input[i..]);
                } else {
                    self.pending = input[i..].to_vec();
                }
                return out;
            }
            let chunk = &input[i..i + len];
            match std::str::from_utf8(chunk)
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(c) if c != '\n' && c != '\t' && is_unsafe(c) => {
                    let mut s = String::new();
                    visible(c, &mut s);
                    out.extend_from_slice(s.as_bytes());
                }
                _ => out.extend_from_slice(chunk),
            }
            i += len;
        }
        out
    }
}

/// The byte length of the UTF-8 character that starts with `b` (1 for a
/// byte that starts none: it is passed through as it is).
fn utf8_len(b: u8) -> usize {
    match b {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    }
}

/// At an ESC: `Some(Some(n))` for a colour code of `n` bytes, `Some(None)`
/// when the bytes so far could still become one, `None` when they cannot.
fn sgr_len(bytes: &[u8]) -> Option<Option<usize>> {
    if bytes.len() < 2 {
        return Some(None);
    }
    if bytes[1] != b'[' {
        return None;
    }
    for (n, &b) in bytes.iter().enumerate().skip(2).take(MAX_SGR) {
        match b {
            b'0'..=b'9' | b';' => {}
            b'm' => return Some(Some(n + 1)),
            _ => return None,
        }
    }
    if bytes.len() < MAX_SGR {
        Some(None)
    } else {
        None
    }
}

impl<W: Write> Write for Guard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let clean = self.clean(buf, false);
        self.inner.write_all(&clean)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let clean = self.clean(&[], true);
            self.inner.write_all(&clean)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guard<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class of unsafe character, as a file might hold it.
    const HOSTILE: &str =
        "a\u{1b}]0;t\u{7}b\u{1b}[2Jc\u{9b}d\u{7f}e\u{202e}f\u{2066}g\u{200f}h\ri\nj\u{2028}k\u{0}";

    #[test]
    fn terminal_text_shows_every_unsafe_character_as_an_escape() {
        let shown = terminal(HOSTILE);
        assert!(!shown.chars().any(is_unsafe), "{shown}");
        assert_eq!(
            shown,
            "a\\u{1b}]0;t\\u{7}b\\u{1b}[2Jc\\u{9b}d\\u{7f}e\\u{202e}f\\u{2066}g\\u{200f}h\\ri\\nj\\u{2028}k\\u{0}"
        );
        assert_eq!(terminal("tab\tstays"), "tab\tstays");
        assert_eq!(
            terminal("::error::x a ::warning::y\n::z a::b"),
            "\\u{3a}:error::x a \\u{3a}:warning::y\\n\\u{3a}:z a::b"
        );
        assert!(matches!(terminal("plain é 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn prose_joins_lines_and_escapes_the_rest() {
        assert_eq!(prose("one\ntwo\r\nthree\n"), "one two three");
        assert_eq!(prose("x\u{1b}[2J"), "x\\u{1b}[2J");
    }

    #[test]
    fn markdown_text_is_never_markup() {
        assert_eq!(
            markdown("<img src=x onerror=alert(1)> [l](u) ![i](u) *e* _u_ `c` a|b # h ~s~ \\"),
            "&lt;img src=x onerror=alert(1)&gt; \\[l\\](u) \\!\\[i\\](u) \\*e\\* \\_u\\_ \\`c\\` a\\|b \\# h \\~s\\~ \\\\"
        );
        assert_eq!(markdown(" a\nb "), "a<br>b");
        assert_eq!(
            markdown("::error::x\n::y a: b"),
            "\\::error::x<br>\\::y a: b"
        );
        assert!(!markdown(HOSTILE).contains(['\u{1b}', '\n', '\r', '\u{202e}']));
    }

    #[test]
    fn markdown_messages_keep_their_code_spans() {
        assert_eq!(
            markdown_message("key `a|<b>` is *bad* <i>"),
            "key `a\\|<b>` is \\*bad\\* &lt;i&gt;"
        );
        assert_eq!(markdown_message("odd ` tick"), "odd \\` tick");
    }

    #[test]
    fn csv_formulas_get_a_quote_and_numbers_stay_numbers() {
        for formula in [
            "=HYPERLINK(\"x\")",
            "+cmd|x",
            "-2+3",
            "@SUM(1)",
            "\tx",
            "\rx",
        ] {
            let cell = csv(formula);
            assert!(
                cell.starts_with("'") || cell.starts_with("\"'"),
                "{formula:?} gave {cell:?}"
            );
        }
        assert_eq!(csv("=1+1"), "'=1+1");
        assert_eq!(csv("-5"), "-5");
        assert_eq!(csv("-0.25"), "-0.25");
        assert_eq!(csv("+3"), "+3");
        assert_eq!(csv("a, b"), "\"a, b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("two\nlines"), "two\\nlines");
        assert_eq!(csv("plain"), "plain");
    }

    #[test]
    fn json_text_escapes_what_serde_leaves_raw() {
        let json = serde_json::to_string_pretty(&[HOSTILE]).unwrap();
        let safe = json_text(json);
        assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{safe}");
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, [HOSTILE]);
    }

    fn guarded(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut guard = Guard::new(&mut out);
            for chunk in chunks {
                guard.write_all(chunk).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_guard_lets_colours_and_newlines_through_and_nothing_else() {
        let ours = "\u{1b}[1mbold\u{1b}[0m\n\ttab\n";
        assert_eq!(guarded(&[ours.as_bytes()]), ours);
        let shown = guarded(&[HOSTILE.as_bytes()]);
        assert_eq!(
            shown,
            "a\\u{1b}]0;t\\u{7}b\\u{1b}[2Jc\\u{9b}d\\u{7f}e\\u{202e}f\\u{2066}g\\u{200f}h\\ri\nj\\u{2028}k\\u{0}"
        );
    }

    #[test]
    fn the_guard_holds_characters_cut_between_writes() {
        let text = "x\u{202e}y\u{1b}[31mz\u{1b}]8;;";
        let bytes = text.as_bytes();
        for cut in 0..bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(
                guarded(&[a, b]),
                "x\\u{202e}y\u{1b}[31mz\\u{1b}]8;;",
                "cut at {cut}"
            );
        }
    }
}
