//! The Markdown of `okr grade`, for a review document.

use std::io::{self, Write};

use crate::number::Num;
use crate::render::md_cell;
use crate::view::grade::GradeView;

use super::*;
use crate::render::table::{Grid, GridCell};

pub fn markdown(view: &GradeView, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}", heading(view))?;
    if view.owners.is_empty() {
        writeln!(out, "\nNo OKR files are for {}.", view.quarter)?;
        return Ok(());
    }
    if view.selected.is_none() {
        writeln!(out, "\n## Overview\n")?;
        let mut grid = Grid::new([
            "Owner",
            "Grade",
            "Band",
            "Key results",
            "Dropped",
            "Warnings",
        ]);
        for owner in &view.owners {
            grid.row([
                GridCell::from(owner_label(owner)),
                GridCell::from(mean(owner.head.grade.map(Num::get))).right(),
                GridCell::from(band_word(owner.head.band)),
                GridCell::from(owner.head.live_key_results.to_string()).right(),
                GridCell::from(owner.head.dropped_key_results.to_string()).right(),
                GridCell::from(owner.head.warnings.to_string()).right(),
            ]);
        }
        grid.markdown(out)?;
        if let Some(line) = render::left_out_line(view.person_files_left_out) {
            writeln!(out, "\n{line}")?;
        }
    }
    for owner in &view.owners {
        writeln!(out, "\n## {}\n", md_cell(&owner_heading(owner)))?;
        let mut grid = Grid::new(["Objective / key result", "Grade", "Measured", "Band"]);
        let mut suggested = false;
        let mut dropped = Vec::new();
        for o in &owner.objectives {
            // okr's own `[committed]` stays as it is; the title is escaped.
            let committed = if o.committed { " [committed]" } else { "" };
            let title = o
                .title
                .as_deref()
                .map(|t| format!(": {}", md_cell(t)))
                .unwrap_or_default();
            let mut label = format!("**{}{committed}{title}**", md_cell(&o.id));
            if o.head.grade.map(Num::get).is_none() {
                label.push_str(&format!("<br>{NO_GRADE}"));
            }
            if let Some(reflection) = &o.head.reflection {
                label.push_str(&format!("<br>*Reflection:* {}", md_cell(reflection)));
            }
            grid.row([
                GridCell::markdown(label),
                GridCell::from(mean(o.head.grade.map(Num::get))).right(),
                GridCell::from(""),
                GridCell::from(band_word(o.head.band)),
            ]);
            for kr in &o.key_results {
                if kr.figures.dropped.is_some() {
                    dropped.push((o, kr));
                    continue;
                }
                suggested |= !kr.figures.graded;
                let cells = kr_cells(kr, false);
                let mut label = format!("↳ {}", md_cell(&kr_label(kr)));
                for change in change_lines(kr) {
                    label.push_str(&format!("<br>{}", md_cell(&change)));
                }
                if let Some(reflection) = &kr.figures.reflection {
                    label.push_str(&format!("<br>*Reflection:* {}", md_cell(reflection)));
                }
                grid.row([
                    GridCell::markdown(label),
                    GridCell::markdown(cells.grade.replace('*', "\\*")).right(),
                    GridCell::from(cells.measured).right(),
                    GridCell::from(cells.band),
                ]);
            }
        }
        grid.markdown(out)?;
        if suggested {
            writeln!(
                out,
                "\n\\* suggested from the measured progress (rounded to 0.1); write `grade:` to confirm or correct it"
            )?;
        }
        if !dropped.is_empty() {
            writeln!(out, "\nDropped, and counted in no grade:\n")?;
            for (o, kr) in dropped {
                writeln!(
                    out,
                    "- {} / {}: {}",
                    o.id,
                    md_cell(&kr_label(kr)),
                    md_cell(kr.figures.dropped.as_deref().unwrap_or_default())
                )?;
            }
        }
        let warnings = warnings(owner);
        if !warnings.is_empty() {
            writeln!(out)?;
            for warning in warnings {
                writeln!(out, "- **warning:** {warning}")?;
            }
        }
    }
    writeln!(out, "\n## Summary\n")?;
    for (label, text) in summary_lines(view) {
        writeln!(out, "- **{label}:** {text}")?;
    }
    Ok(())
}

// ------------------------------------------------------------------------ csv
