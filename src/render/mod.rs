//! Renderers: each takes a view and writes it to a `&mut dyn Write`. Nothing
//! else in the crate writes output.

pub mod authoring;
pub mod check;
pub mod grade;
pub mod man;
pub mod status;

use std::io::{self, Write};

use std::io::IsTerminal;

use anstyle::Style;
use comfy_table::{ContentArrangement, Table, TableStyle};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

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

/// One diagnostic as `PATH:LINE:COLUMN: error|warning: MESSAGE`.
pub fn diagnostic_line(d: &Diagnostic, color: bool) -> String {
    let severity = match d.severity {
        Severity::Error => paint(color, styles::ERROR, "error"),
        Severity::Warning => paint(color, styles::WARNING, "warning"),
    };
    let place = paint(
        color,
        styles::BOLD,
        &format!("{}:{}:{}", d.file, d.line, d.column),
    );
    format!("{place}: {severity}: {}", d.message)
}

/// For the views (`status`, `grade`): the errors of the files left out, and a
/// note saying so. Warnings are `okr check`'s business and are not repeated.
pub fn left_out(diagnostics: &[Diagnostic], color: bool, err: &mut dyn Write) -> io::Result<()> {
    let mut any = false;
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        writeln!(err, "{}", diagnostic_line(d, color))?;
        any = true;
    }
    if any {
        note(
            "invalid files are left out of this view; `okr check` lists every problem",
            color,
            err,
        )?;
    }
    Ok(())
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

/// Columns of a table when stdout is not a terminal (and `COLUMNS` is unset).
pub const DEFAULT_WIDTH: u16 = 80;

/// The width to lay tables out in: the terminal's when stdout is one, else
/// `COLUMNS` when set, else 80.
pub fn output_width() -> u16 {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| Table::new().width())
        .flatten();
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
    };
    terminal
        .or_else(columns)
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(40, 400)
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

/// Common styles, so that every view colours the same things the same way.
pub mod styles {
    use anstyle::{AnsiColor, Style};

    pub const ERROR: Style = AnsiColor::Red.on_default().bold();
    pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
    pub const GOOD: Style = AnsiColor::Green.on_default();
    pub const BAD: Style = AnsiColor::Red.on_default();
    pub const MEH: Style = AnsiColor::Yellow.on_default();
    pub const BOLD: Style = Style::new().bold();
    pub const DIM: Style = Style::new().dimmed();
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
    fn diagnostic_lines_are_path_line_column_severity_message() {
        let d = Diagnostic {
            file: "okrs/a.yaml".into(),
            line: 3,
            column: 7,
            severity: Severity::Warning,
            message: "m".into(),
        };
        assert_eq!(diagnostic_line(&d, false), "okrs/a.yaml:3:7: warning: m");
        assert!(diagnostic_line(&d, true).contains("\u{1b}["));
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
