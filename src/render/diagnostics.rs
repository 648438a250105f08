//! Diagnostics in every format, each a small emitter chosen in one `match`:
//! text (`PATH:LINE:COLUMN: error|warning: MESSAGE [RULE]`, the GCC shape
//! editors parse) and JSON; the rule list of `okr check --rules`.

use std::io::{self, Write};

use crate::cli::CheckFormat;
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::table::Grid;
use crate::render::{json, note, paint, plural, styles, Output};
use crate::view::check::{CheckReport, RuleList};

/// Writes `report` in `format`.
pub fn report(report: &CheckReport, format: CheckFormat, output: &mut Output) -> io::Result<()> {
    match format {
        CheckFormat::Text => text(report, output.color_out, output.out),
        CheckFormat::Json => json(report, output.out),
    }
}

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
        &format!("{}:{}:{}", d.file, d.line(), d.column()),
    );
    let rule = paint(color, styles::DIM, &format!("[{}]", d.rule));
    format!("{place}: {severity}: {} {rule}", d.message)
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

/// For the views (`status`, `grade`): the errors of the files left out, and a
/// note saying so. Warnings are `okr check`'s business and are not repeated.
pub fn left_out(diagnostics: &[Diagnostic], color: bool, err: &mut dyn Write) -> io::Result<()> {
    let mut any = false;
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        writeln!(err, "{}", line(d, color))?;
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

/// `okr check --rules`: a table of every rule (JSON with `--format json`).
pub fn rules(list: &RuleList, format: CheckFormat, output: &mut Output) -> io::Result<()> {
    if format == CheckFormat::Json {
        return json(list, output.out);
    }
    let mut grid = Grid::new(["Rule", "Severity", "Description"]);
    for rule in &list.rules {
        let severity = if rule.grading_time {
            format!("{} (grade)", rule.severity)
        } else {
            rule.severity.to_string()
        };
        grid.row([rule.id.to_string(), severity, rule.description.to_string()]);
    }
    grid.terminal(output.color_out, output.width, output.out)
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
