//! What `okr checkin` says: the file, the key result and the lines it wrote;
//! with `--dry-run`, the unified diff; for an invalid file, its errors.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::render::diagnostics::line;
use crate::render::{note, paint, styles};
use crate::view::checkin::CheckinReport;

/// `FILE: added a check-in to OWNER/OBJECTIVE/KEY_RESULT`, then each line
/// written, marked `+` as in a diff.
pub fn written(report: &CheckinReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let what = if report.replaced {
        format!("changed the {} check-in of", report.date)
    } else {
        "added a check-in to".to_string()
    };
    writeln!(
        out,
        "{}: {what} {}",
        paint(color, styles::BOLD, &report.file),
        report.key_result
    )?;
    if report.lines.is_empty() {
        writeln!(out, "  (no change: it already had these values)")?;
    }
    for text in &report.lines {
        writeln!(out, "{}{text}", paint(color, styles::GOOD, "+"))?;
    }
    Ok(())
}

/// `--dry-run`: the diff on stdout, a note on stderr that nothing was written.
pub fn dry_run(
    diff: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
    color: bool,
) -> io::Result<()> {
    out.write_all(diff.as_bytes())?;
    let text = if diff.is_empty() {
        "dry run: the check-in is already there with these values; nothing would change"
    } else {
        "dry run: nothing was written"
    };
    note(text, color, err)
}

/// `okr __complete-keys`: one candidate a line, as the shells read them.
pub fn completions(paths: &[String], out: &mut dyn Write) -> io::Result<()> {
    for path in paths {
        writeln!(out, "{path}")?;
    }
    Ok(())
}

/// A write refused because a file is invalid: the file's errors, then `why`.
pub fn invalid(
    errors: &[Diagnostic],
    why: &str,
    color: bool,
    err: &mut dyn Write,
) -> io::Result<()> {
    for d in errors {
        writeln!(err, "{}", line(d, color))?;
    }
    note(why, color, err)
}
