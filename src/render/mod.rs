//! Renderers: one entry per view, which picks the format and writes the
//! view to the [`Output`]. Nothing else in the crate writes output. The
//! palette and the number formats are [`style`]'s; the table rows shared by
//! the terminal, Markdown and CSV are [`table`]'s.

pub mod authoring;
pub mod diagnostics;
pub mod grade;
pub mod man;
pub mod status;
pub mod style;
pub mod table;
pub mod timeline;

use std::io::{self, Write};

use anstyle::Style;
use comfy_table::{ContentArrangement, Table, TableStyle};
use serde::Serialize;

use crate::context::Context;

pub use style::styles;

/// Where a command writes, how wide, and whether each stream is coloured.
pub struct Output<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub color_out: bool,
    pub color_err: bool,
    pub width: u16,
    pub unicode: bool,
}

impl<'a> Output<'a> {
    pub fn new(out: &'a mut dyn Write, err: &'a mut dyn Write, ctx: &Context) -> Output<'a> {
        Output {
            out,
            err,
            color_out: ctx.color_out,
            color_err: ctx.color_err,
            width: ctx.width,
            unicode: ctx.unicode,
        }
    }
}

/// Writes `view` as pretty JSON, with a final newline.
pub fn json<T: Serialize>(view: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, view)?;
    writeln!(out)
}

/// `text` in `style` when `color`, plain otherwise.
pub fn paint(color: bool, style: Style, text: &str) -> String {
    if color {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

/// The line a many-owner view adds when it left person files out, so that
/// nothing seems missing; `None` when none was left out.
pub fn left_out_line(person_files: usize) -> Option<String> {
    (person_files > 0).then(|| {
        format!(
            "{} left out: personal OKRs are for growth between a person and their manager, not for ranking; add --include-personal to show {}.",
            plural(person_files, "person file", "person files"),
            if person_files == 1 { "it" } else { "them" }
        )
    })
}

/// `note: …` on stderr.
pub fn note(text: &str, color: bool, err: &mut dyn Write) -> io::Result<()> {
    writeln!(err, "{}: {text}", paint(color, styles::BOLD, "note"))
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One CSV record.
pub fn csv_row(out: &mut dyn Write, fields: &[String]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    writeln!(out, "{}", line.join(","))
}

/// The one table style of every view: no borders, a rule under the header,
/// laid out in `width` columns.
pub fn new_table(color: bool, width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(
            TableStyle::new()
                .header_separator(comfy_table::LineStyle::none().fill('─').junction('─')),
        )
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// Two spaces between columns and none at the edges.
pub fn pad_columns(table: &mut Table) {
    let count = table.column_count();
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if i + 1 == count { 0 } else { 2 }));
    }
}

/// Writes a table without trailing spaces.
pub fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `prefix` then `text`, word-wrapped to `width` columns; continuation lines
/// start with `hang` spaces. Prose under the tables fits 80 columns like them.
pub fn wrap(prefix: &str, text: &str, width: usize, hang: usize) -> String {
    let mut out = prefix.to_string();
    let mut line_len = prefix.chars().count();
    let mut first = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !first && line_len + 1 + len > width {
            out.push('\n');
            out.push_str(&" ".repeat(hang));
            line_len = hang;
        } else if !first {
            out.push(' ');
            line_len += 1;
        }
        first = false;
        // A word longer than a line (a long id path) is cut where the line ends.
        let mut rest = word;
        loop {
            let room = width.saturating_sub(line_len).max(1);
            match rest.char_indices().nth(room) {
                None => {
                    out.push_str(rest);
                    line_len += rest.chars().count();
                    break;
                }
                Some((cut, _)) => {
                    out.push_str(&rest[..cut]);
                    out.push('\n');
                    out.push_str(&" ".repeat(hang));
                    line_len = hang;
                    rest = &rest[cut..];
                }
            }
        }
    }
    out
}

/// A Markdown table cell: backslashes and pipes escaped, line breaks as `<br>`.
pub fn md_cell(text: &str) -> String {
    text.trim()
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// "1 file", "2 files".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn wrap_breaks_between_words_with_a_hanging_indent() {
        assert_eq!(wrap("", "aa bb cc dd", 5, 2), "aa bb\n  cc\n  dd");
        assert_eq!(wrap("  - ", "short", 80, 4), "  - short");
        assert_eq!(wrap("> ", "aa bb", 5, 2), "> aa\n  bb");
        assert_eq!(
            wrap("", "unbreakable-long-word x", 5, 0),
            "unbre\nakabl\ne-lon\ng-wor\nd x"
        );
    }

    #[test]
    fn markdown_cells_escape_backslashes_and_pipes_and_keep_line_breaks() {
        assert_eq!(md_cell(" a|b\nc "), "a\\|b<br>c");
        assert_eq!(md_cell("C:\\x"), "C:\\\\x");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(0, "file", "files"), "0 files");
    }
}
