//! What `okr init` and `okr new` report: each file written or left alone.

use std::io::{self, Write};

use crate::render::{paint, styles};
use crate::view::authoring::{InitReport, Outcome};

/// One line per file, then what to do next.
pub fn init(report: &InitReport, color: bool, out: &mut dyn Write) -> io::Result<()> {
    for entry in &report.entries {
        match &entry.outcome {
            Outcome::Created => writeln!(
                out,
                "{} {}",
                paint(color, styles::GOOD, "created"),
                entry.path
            )?,
            Outcome::Exists => writeln!(out, "exists, left as is: {}", entry.path)?,
            Outcome::Skipped(why) => writeln!(out, "not written: {} ({why})", entry.path)?,
        }
        if let Some(note) = &entry.note {
            writeln!(out, "  {note}")?;
        }
    }
    if report.entries.iter().all(|e| e.outcome != Outcome::Created) {
        writeln!(out, "nothing to do: {} is set up", report.dir)?;
    }
    writeln!(
        out,
        "\nNext: `okr new team NAME` (or company, person) writes a file to fill in; `okr check` validates them."
    )?;
    if let Some(hint) = &report.dir_hint {
        writeln!(out, "{hint}")?;
    }
    Ok(())
}

/// The path `okr new` wrote, alone on its line, so that
/// `$EDITOR "$(okr new team devrel)"` works.
pub fn new(path: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{path}")
}
