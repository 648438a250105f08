//! Positions between okr and the editor. okr counts 1-based lines (line
//! feeds only) and 1-based columns in characters; LSP counts 0-based lines
//! and 0-based columns in the negotiated encoding's code units (UTF-16
//! unless the client offers UTF-8 or UTF-32), as `ruff_server/src/edit/range.rs`
//! and `harper-ls/src/pos_conv.rs` convert them.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::diagnostic::{Pos, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use: UTF-8 or UTF-32 when the client offers it
    /// (they are cheaper for us, and exact), else UTF-16, the default.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> u32 {
        let n = match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        };
        // At most 4.
        u32::try_from(n).unwrap_or(1)
    }
}

/// The line `line` (0-based) of `text`, without its line feed; empty past the end.
pub fn line_of(text: &str, line: usize) -> &str {
    text.split('\n').nth(line).unwrap_or("")
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// okr's position in `text` as the editor counts it. A column past the end
/// of its line counts one unit a column (okr points just past the last
/// character at the end of a line).
pub fn to_lsp(text: &str, pos: Pos, encoding: Encoding) -> Position {
    let line = pos.line.saturating_sub(1);
    let column = pos.column.saturating_sub(1);
    let mut units = 0u32;
    let mut taken = 0usize;
    for c in line_of(text, line).chars().take(column) {
        units = units.saturating_add(encoding.units(c));
        taken += 1;
    }
    units = units.saturating_add(to_u32(column - taken));
    Position {
        line: to_u32(line),
        character: units,
    }
}

pub fn range(text: &str, span: Span, encoding: Encoding) -> Range {
    Range {
        start: to_lsp(text, span.start, encoding),
        end: to_lsp(text, span.end, encoding),
    }
}

/// The editor's position as okr counts it. A position inside a character
/// (half a surrogate pair) counts as that character's start.
pub fn from_lsp(text: &str, position: Position, encoding: Encoding) -> Pos {
    let line = position.line as usize;
    let mut units = 0u32;
    let mut column = 0usize;
    for c in line_of(text, line).chars() {
        let next = units.saturating_add(encoding.units(c));
        if next > position.character {
            break;
        }
        units = next;
        column += 1;
    }
    Pos {
        line: line + 1,
        column: column + 1,
    }
}

/// The character offset of `pos` in its line, as a byte offset into the line.
pub fn byte_in_line(line: &str, pos: Pos) -> usize {
    line.char_indices()
        .nth(pos.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_each_encoding_units() {
        // "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 UTF-16 units.
        let text = "a: x\nt: é😀z\n";
        let pos = Pos { line: 2, column: 6 };
        let at = |e| to_lsp(text, pos, e).character;
        assert_eq!(at(Encoding::Utf32), 5);
        assert_eq!(at(Encoding::Utf16), 6);
        assert_eq!(at(Encoding::Utf8), 9);
        for e in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(from_lsp(text, to_lsp(text, pos, e), e), pos, "{e:?}");
        }
        // Past the end of the line: one unit a column.
        let end = Pos { line: 1, column: 7 };
        assert_eq!(to_lsp(text, end, Encoding::Utf16).character, 6);
    }

    #[test]
    fn negotiation_prefers_what_is_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let offered = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf32);
    }
}
