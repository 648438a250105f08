//! The source text as lines and byte offsets: where each line starts and
//! ends, its indentation, and the file's line ending.

pub(super) struct Source<'a> {
    pub(super) text: &'a str,
    /// Byte offset of the start of each line (no empty line after a final newline).
    pub(super) line_starts: Vec<usize>,
    /// The line ending of the file: that of its first line, else `\n`.
    pub(super) eol: &'static str,
}

impl<'a> Source<'a> {
    pub(super) fn new(text: &'a str) -> Source<'a> {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' && i + 1 < text.len() {
                line_starts.push(i + 1);
            }
        }
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
            _ => "\n",
        };
        Source {
            text,
            line_starts,
            eol,
        }
    }

    pub(super) fn lines(&self) -> usize {
        self.line_starts.len()
    }

    pub(super) fn line_of(&self, byte: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= byte)
            .saturating_sub(1)
    }

    pub(super) fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The start of the next line (after this line's line ending).
    pub(super) fn line_end(&self, line: usize) -> usize {
        self.line_start(line + 1)
    }

    /// The end of the line's content, before its line ending.
    pub(super) fn content_end(&self, line: usize) -> usize {
        let start = self.line_start(line);
        let end = self.line_end(line);
        let full = self.text.get(start..end).unwrap_or_default();
        end - (full.len() - full.trim_end_matches(['\n', '\r']).len())
    }

    /// The line's text without its line ending.
    pub(super) fn line(&self, line: usize) -> &'a str {
        self.text
            .get(self.line_start(line)..self.content_end(line))
            .unwrap_or_default()
    }

    pub(super) fn line_eol(&self, line: usize) -> &'a str {
        self.text
            .get(self.content_end(line)..self.line_end(line))
            .unwrap_or_default()
    }

    pub(super) fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    /// The column (in characters) of a byte offset.
    pub(super) fn col(&self, byte: usize) -> usize {
        self.slice(self.line_start(self.line_of(byte)), byte)
            .chars()
            .count()
    }

    pub(super) fn indent(&self, line: usize) -> usize {
        let text = self.line(line);
        text.len() - text.trim_start_matches(' ').len()
    }

    pub(super) fn is_comment(&self, line: usize) -> bool {
        self.line(line).trim_start().starts_with('#')
    }

    pub(super) fn is_blank(&self, line: usize) -> bool {
        self.line(line).trim().is_empty()
    }

    /// `line`, extended over the comment lines right after it indented at
    /// least `min_indent` (they belong to what ends on `line`).
    pub(super) fn extend_over_comments(&self, mut line: usize, min_indent: usize) -> usize {
        while line + 1 < self.lines()
            && self.is_comment(line + 1)
            && self.indent(line + 1) >= min_indent
        {
            line += 1;
        }
        line
    }
}
