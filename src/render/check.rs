//! The text report of `okr check`: one line per diagnostic, then a summary.

use std::io::{self, Write};

use crate::commands::check::CheckReport;
use crate::render::{diagnostic_line, plural};

pub fn text(report: &CheckReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", diagnostic_line(d, color))?;
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
