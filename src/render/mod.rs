//! Renderers: one entry per view, which picks the format and writes the
//! view to the [`Output`]. Nothing else in the crate writes output. The
//! palette and the number formats are [`style`]'s; the table rows shared by
//! the terminal, Markdown and CSV are [`table`]'s.

pub mod authoring;
pub mod cascade;
pub mod checkin;
pub mod completion;
pub mod diagnostics;
pub mod due;
pub mod escape;
pub mod grade;
pub mod man;
pub mod next_quarter;
pub mod report;
pub mod status;
pub mod style;
pub mod table;
pub mod timeline;

use std::io::{self, Write};

use anstyle::Style;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, TableStyle, Width};
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
    let text = serde_json::to_string_pretty(view).map_err(io::Error::other)?;
    writeln!(out, "{}", escape::json_text(text))
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

/// `note: …` on stderr, one line (a note may quote a path or git's words).
pub fn note(text: &str, color: bool, err: &mut dyn Write) -> io::Result<()> {
    let text = escape::terminal(text);
    writeln!(err, "{}: {text}", paint(color, styles::BOLD, "note"))
}

/// A CSV field: see [`escape::csv`].
pub fn csv_field(text: &str) -> String {
    escape::csv(text)
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

/// Keeps every word of a table whole: each column gets at least the width of
/// its longest word (with a line's indentation), so the terminal table never
/// splits an id, a date or a number. Returns false when the table cannot fit
/// `width` that way: the caller then falls back to a narrower layout.
pub fn keep_words_whole(table: &mut Table, width: u16) -> bool {
    let columns = table.column_count();
    // Per column: the longest word (with its line's indentation) and line.
    let mut longest_word: Vec<usize> = vec![0; columns];
    let mut longest_line: Vec<usize> = vec![0; columns];
    let mut measure = |i: usize, text: &str| {
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            if let Some(max) = longest_line.get_mut(i) {
                *max = (*max).max(line.trim_end().chars().count());
            }
            for (n, word) in line.split_whitespace().enumerate() {
                let w = word.chars().count() + if n == 0 { indent } else { 0 };
                if let Some(max) = longest_word.get_mut(i) {
                    *max = (*max).max(w);
                }
            }
        }
    };
    if let Some(header) = table.header() {
        for (i, cell) in header.cell_iter().enumerate() {
            measure(i, &cell.content());
        }
    }
    for row in table.row_iter() {
        for (i, cell) in row.cell_iter().enumerate() {
            measure(i, &cell.content());
        }
    }
    // The table puts one (blank) delimiter between columns.
    let mut total: usize = columns.saturating_sub(1);
    // Per column: the narrowest and widest it can usefully be.
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(columns);
    // Columns asked to stay on one line get their room first.
    let mut preferred: Vec<bool> = Vec::with_capacity(columns);
    for (i, column) in table.column_iter_mut().enumerate() {
        let pad = usize::from(column.padding_width());
        let lower = longest_word.get(i).copied().unwrap_or(0) + pad;
        let upper = longest_line.get(i).copied().unwrap_or(0).max(lower - pad) + pad;
        match column.constraint() {
            Some(ColumnConstraint::Absolute(Width::Fixed(fixed))) => {
                let fixed = usize::from(*fixed);
                if fixed < lower {
                    return false;
                }
                total += fixed;
                bounds.push((fixed, fixed));
                preferred.push(false);
            }
            // A column asked to stay on one line may still wrap between
            // words when the width is short; it gets its room first.
            Some(ColumnConstraint::ContentWidth) => {
                total += lower;
                bounds.push((lower, upper));
                preferred.push(true);
            }
            _ => {
                let lower16 = u16::try_from(lower).unwrap_or(u16::MAX);
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(lower16)));
                total += lower;
                bounds.push((lower, upper));
                preferred.push(false);
            }
        }
    }
    let width = usize::from(width);
    if total > width {
        return false;
    }
    // When every column fits on one line, lay it out so: comfy-table's own
    // layout would first pin any column whose lower boundary passes the
    // average room to that boundary, wrapping `acme (company)` in a table
    // that is exactly as wide as the terminal.
    let natural = columns.saturating_sub(1) + bounds.iter().map(|(_, upper)| upper).sum::<usize>();
    if natural <= width {
        for (column, (_, upper)) in table.column_iter_mut().zip(&bounds) {
            let upper = u16::try_from(*upper).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(upper)));
        }
        return true;
    }
    // Close to the limit, the table's own layout may still overrun the
    // width (it sizes columns before wrapping): lay it out and look, and if
    // it overruns, size every column here: each at least its longest word,
    // the room left shared out to the columns that would wrap most.
    if total * 4 < width * 3 || table.lines().all(|line| visible_width(&line) <= width) {
        return true;
    }
    let mut widths: Vec<usize> = bounds.iter().map(|(lower, _)| *lower).collect();
    let mut room = width - total;
    let mut order: Vec<usize> = (0..bounds.len()).collect();
    order.sort_by_key(|&i| (!preferred[i], std::cmp::Reverse(bounds[i].1 - bounds[i].0)));
    for i in order {
        let grow = (bounds[i].1 - bounds[i].0).min(room);
        widths[i] += grow;
        room -= grow;
    }
    for (column, w) in table.column_iter_mut().zip(widths) {
        let w = u16::try_from(w).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(w)));
    }
    true
}

/// The columns a line takes on a terminal: its characters, less colour codes.
fn visible_width(line: &str) -> usize {
    let mut width = 0;
    let mut in_escape = false;
    for c in line.trim_end().chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => width += 1,
        }
    }
    width
}

/// Said when a terminal is too narrow for a view's tables: what is shown instead.
pub fn narrow_line(width: u16) -> String {
    format!("(a {width}-column terminal is too narrow for the tables without splitting words: a list instead; 80 columns show the tables)")
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
    out.write_all(table_text(table).as_bytes())
}

/// The lines of `table` as [`write_table`] writes them.
pub fn table_text(table: &Table) -> String {
    let mut text = String::new();
    for line in table.lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text
}

/// `prefix` then `text`, word-wrapped to `width` columns; continuation lines
/// start with `hang` spaces. Prose under the tables fits 80 columns like them.
/// Each word is shown as [`escape::terminal`] shows file text, since any word
/// can start a line here (a file's `::command` must not).
pub fn wrap(prefix: &str, text: &str, width: usize, hang: usize) -> String {
    let mut out = prefix.to_string();
    let mut line_len = prefix.chars().count();
    let mut first = true;
    for word in text.split_whitespace() {
        let word = escape::terminal(word);
        let word = word.as_ref();
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

/// Text from a file in Markdown: see [`escape::markdown`].
pub fn md_cell(text: &str) -> String {
    escape::markdown(text)
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
        assert_eq!(csv_field("two\nlines"), "two\\nlines");
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
