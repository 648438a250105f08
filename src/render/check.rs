//! The text report of `okr check`: one line per diagnostic, then a summary.

use std::io::{self, Write};

use crate::commands::check::CheckReport;
use crate::diagnostic::Severity;
use crate::render::{paint, styles};

pub fn text(report: &CheckReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let severity = match d.severity {
            Severity::Error => paint(color, styles::ERROR, "error"),
            Severity::Warning => paint(color, styles::WARNING, "warning"),
        };
        let place = paint(
            color,
            styles::BOLD,
            &format!("{}:{}:{}", d.file, d.line, d.column),
        );
        writeln!(out, "{place}: {severity}: {}", d.message)?;
    }
    writeln!(out, "{}", summary(report))
}

/// "checked 7 files: 2 errors, 1 warning", or "checked 7 files: all valid".
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

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
