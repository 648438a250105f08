//! The terminal tables of `okr grade`.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell};

use crate::number::Num;
use crate::render::{self, escape, paint, styles, wrap};
use crate::view::grade::{GradeView, OwnerGrade};

use super::*;

pub fn table(view: &GradeView, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
    let prose = usize::from(width).min(WIDTH);
    let title = wrap("", &heading(view), prose, 0);
    writeln!(out, "{}", paint(color, styles::BOLD, &title))?;
    if view.owners.is_empty() {
        writeln!(out, "No OKR files are for {}.", view.quarter)?;
        return Ok(());
    }
    if view.selected.is_none() {
        writeln!(out)?;
        let mut overview = new_table(color, width);
        overview.set_header(vec![
            "Owner",
            "Grade",
            "Band",
            "Key results",
            "Dropped",
            "Warnings",
        ]);
        for owner in &view.owners {
            overview.add_row(vec![
                Cell::new(owner_label(owner)),
                right(banded(
                    mean(owner.head.grade.map(Num::get)),
                    owner.head.band,
                    color,
                )),
                banded(
                    band_word(owner.head.band).to_string(),
                    owner.head.band,
                    color,
                ),
                right(Cell::new(owner.head.live_key_results)),
                right(Cell::new(owner.head.dropped_key_results)),
                right(Cell::new(owner.head.warnings)),
            ]);
        }
        render::pad_columns(&mut overview);
        if render::keep_words_whole(&mut overview, width) {
            render::write_table(&overview, out)?;
        } else {
            // Too narrow for the table without splitting words: a list.
            for owner in &view.owners {
                let line = format!(
                    "{} · grade {} {} · {} key results, {} dropped, {} warnings",
                    owner_label(owner),
                    mean(owner.head.grade.map(Num::get)),
                    band_word(owner.head.band),
                    owner.head.live_key_results,
                    owner.head.dropped_key_results,
                    owner.head.warnings
                );
                writeln!(out, "{}", wrap("", &line, usize::from(width), 2))?;
            }
        }
        if let Some(line) = render::left_out_line(view.person_files_left_out) {
            writeln!(out, "{}", wrap("", &line, prose, 0))?;
        }
    }
    for owner in &view.owners {
        writeln!(out)?;
        owner_table(owner, color, width, out)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", paint(color, styles::BOLD, "Summary"))?;
    for (label, text) in summary_lines(view) {
        writeln!(out, "{}", wrap(&format!("  {label:<14}"), &text, prose, 16))?;
    }
    Ok(())
}

pub(super) fn owner_table(
    owner: &OwnerGrade,
    color: bool,
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let prose = usize::from(width).min(WIDTH);
    let title = wrap("", &owner_heading(owner), prose, 2);
    writeln!(out, "{}", paint(color, styles::BOLD, &title))?;
    let mut table = new_table(color, width);
    table.set_header(vec!["Objective / key result", "Grade", "Measured", "Band"]);
    let mut suggested = false;
    let mut dropped = Vec::new();
    // The same rows as a list, for a terminal too narrow for the table.
    let mut lines: Vec<(String, usize)> = Vec::new();
    for o in &owner.objectives {
        lines.push((
            format!(
                "{} · {} {}",
                objective_text(o),
                mean(o.head.grade.map(Num::get)),
                band_word(o.head.band)
            ),
            0,
        ));
        if let Some(reflection) = o.head.reflection.as_deref() {
            lines.push((format!("Reflection: {}", escape::prose(reflection)), 2));
        }
        let mut label = Cell::new(with_reflection(
            objective_text(o),
            o.head.reflection.as_deref(),
        ));
        if color {
            label = label.add_attribute(Attribute::Bold);
        }
        table.add_row(vec![
            label,
            right(banded(mean(o.head.grade.map(Num::get)), o.head.band, color)),
            Cell::new(""),
            banded(band_word(o.head.band).to_string(), o.head.band, color),
        ]);
        for kr in &o.key_results {
            if kr.figures.dropped.is_some() {
                dropped.push((o, kr));
                continue;
            }
            suggested |= !kr.figures.graded;
            let cells = kr_cells(kr, false);
            lines.push((
                format!(
                    "- {} · grade {} · measured {} · {}",
                    with_changes(kr_label(kr), kr).replace('\n', " · "),
                    cells.grade,
                    cells.measured,
                    cells.band
                ),
                2,
            ));
            if let Some(reflection) = kr.figures.reflection.as_deref() {
                lines.push((format!("Reflection: {}", escape::prose(reflection)), 4));
            }
            let label = with_reflection(
                with_changes(kr_label(kr), kr),
                kr.figures.reflection.as_deref(),
            );
            table.add_row(vec![
                Cell::new(format!("- {label}")),
                right(banded(cells.grade, kr.figures.band, color)),
                right(Cell::new(cells.measured)),
                banded(cells.band.to_string(), kr.figures.band, color),
            ]);
        }
    }
    render::pad_columns(&mut table);
    if render::keep_words_whole(&mut table, width) {
        render::write_table(&table, out)?;
    } else {
        writeln!(
            out,
            "{}",
            wrap("", &render::narrow_line(width), usize::from(width), 0)
        )?;
        for (line, indent) in lines {
            let pad = " ".repeat(indent);
            writeln!(out, "{}", wrap(&pad, &line, usize::from(width), indent + 2))?;
        }
    }
    if suggested {
        let text = "* suggested from the measured progress (rounded to 0.1); write `grade:` to confirm or correct it";
        writeln!(out, "{}", wrap("", text, prose, 2))?;
    }
    if !dropped.is_empty() {
        writeln!(out, "Dropped, and counted in no grade:")?;
        for (o, kr) in dropped {
            let line = format!(
                "{} / {}: {}",
                o.id,
                kr_label(kr),
                escape::prose(kr.figures.dropped.as_deref().unwrap_or_default())
            );
            writeln!(out, "{}", wrap("  - ", &line, prose, 4))?;
        }
    }
    for warning in warnings(owner) {
        // Wrapped before painting, so escape codes do not count as width.
        let text = wrap("warning: ", &warning, prose, 2);
        let rest = text.strip_prefix("warning").unwrap_or(&text);
        writeln!(out, "{}{rest}", paint(color, styles::WARNING, "warning"))?;
    }
    Ok(())
}

// ------------------------------------------------------------------- markdown
