//! The text format: one `PATH:LINE:COLUMN: error|warning: MESSAGE [RULE]` line
//! per diagnostic (the GCC shape editors' problem matchers read), then a
//! summary line.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::{escape, paint, plural, styles};
use crate::view::check::CheckReport;

/// One line per diagnostic, then a summary.
pub fn text(report: &CheckReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", line(d, color))?;
    }
    writeln!(out, "{}", summary(report))
}

/// One diagnostic as `PATH:LINE:COLUMN: error|warning: MESSAGE [RULE]`.
pub fn line(d: &Diagnostic, color: bool) -> String {
    let severity = match d.severity {
        Severity::Error => paint(color, styles::ERROR, "error"),
        Severity::Warning => paint(color, styles::WARNING, "warning"),
    };
    let place = paint(
        color,
        styles::BOLD,
        &format!("{}:{}:{}", escape::terminal(&d.file), d.line(), d.column()),
    );
    let rule = paint(color, styles::DIM, &format!("[{}]", d.rule));
    // The message quotes the file (a key, a value): one problem stays one line.
    format!(
        "{place}: {severity}: {} {rule}",
        escape::terminal(&d.message)
    )
}

/// "checked 7 files: 2 errors, 1 warning", or "checked 7 files: no problems".
pub fn summary(report: &CheckReport) -> String {
    let files = plural(report.files, "file", "files");
    if report.errors == 0 && report.warnings == 0 {
        return format!("checked {files}: no problems");
    }
    format!(
        "checked {files}: {}, {}",
        plural(report.errors, "error", "errors"),
        plural(report.warnings, "warning", "warnings")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, Rule, Span};

    #[test]
    fn lines_are_path_line_column_severity_message_rule() {
        let d = Diagnostic::new(
            "okrs/a.yaml",
            Span::at(Pos { line: 3, column: 7 }),
            Rule::ActivityWording,
            "m".into(),
        );
        assert_eq!(
            line(&d, false),
            "okrs/a.yaml:3:7: warning: m [activity_wording]"
        );
        assert!(line(&d, true).contains("\u{1b}["));
    }
}
