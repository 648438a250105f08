//! The renderers of `okr grade`: a table for people, Markdown for a review
//! document, CSV with one row per key result; and the same three for
//! `--history`. Table and Markdown share their rows, warnings and summary
//! lines; all three share the key-result cells ([`kr_cells`]).

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, Table};

use crate::cli::ViewFormat;
use crate::compute::grading::{Flag, SWEET_SPOT, TOO_EASY, TOO_HARD};
use crate::compute::Band;
use crate::number::Num;
use crate::render::style::{plain as fmt_number, two_decimals};
use crate::render::{self, csv_row, md_cell, paint, plural, styles, wrap, Output};
use crate::view::grade::{
    kr_advice, owner_advice, GradeView, KrGrade as KeyResultGrade, ObjectiveGrade, OwnerGrade,
    Summary,
};
use crate::view::history::HistoryView;

/// Prose under the tables wraps at this width at most.
const WIDTH: usize = 80;

/// Writes `view` in `format`.
pub fn render(view: &GradeView, format: ViewFormat, output: &mut Output) -> io::Result<()> {
    match format {
        ViewFormat::Table => table(view, output.color_out, output.width, output.out),
        ViewFormat::Json => render::json(view, output.out),
        ViewFormat::Markdown => markdown(view, output.out),
        ViewFormat::Csv => csv(view, output.out),
    }
}

/// Writes the `--history` view in `format`.
pub fn render_history(
    view: &HistoryView,
    format: ViewFormat,
    output: &mut Output,
) -> io::Result<()> {
    match format {
        ViewFormat::Table => history_table(view, output.color_out, output.width, output.out),
        ViewFormat::Json => render::json(view, output.out),
        ViewFormat::Markdown => history_markdown(view, output.out),
        ViewFormat::Csv => history_csv(view, output.out),
    }
}

// ---------------------------------------------------------------- shared rows

/// A number as shown to people: two decimals, halves up.
fn two(value: f64) -> String {
    two_decimals(value)
}

/// A mean grade as shown to people, or `–` when there is none.
fn mean(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), two)
}

fn band_word(band: Option<Band>) -> &'static str {
    band.map_or("–", Band::as_str)
}

/// The cells every format shows for a key result. `exact` keeps numbers
/// unrounded (CSV); otherwise they are rounded for reading, and a suggested
/// grade is marked with `*`.
struct KrCells {
    grade: String,
    measured: String,
    band: &'static str,
}

fn kr_cells(kr: &KeyResultGrade, exact: bool) -> KrCells {
    let grade = match kr.figures.grade.map(Num::get) {
        None => String::new(),
        Some(g) if exact => g.to_string(),
        Some(g) if kr.figures.graded => fmt_number(g),
        Some(g) => format!("{g:.1}*"),
    };
    let measured = if exact {
        kr.figures.progress.0.to_string()
    } else if kr.figures.current.map(Num::get).is_none() {
        "no data".to_string()
    } else {
        two(kr.figures.progress.0)
    };
    KrCells {
        grade,
        measured,
        band: band_word(kr.figures.band),
    }
}

/// "search-success: Docs searches … (weight 2)".
fn kr_label(kr: &KeyResultGrade) -> String {
    let mut label = match &kr.title {
        Some(title) => format!("{}: {title}", kr.id),
        None => kr.id.clone(),
    };
    if kr.figures.weight.0 != 1.0 {
        label.push_str(&format!(" (weight {})", fmt_number(kr.figures.weight.0)));
    }
    label
}

/// "on-call [committed]: On-call is sustainable".
fn objective_label(o: &ObjectiveGrade) -> String {
    let committed = if o.committed { " [committed]" } else { "" };
    match &o.title {
        Some(title) => format!("{}{committed}: {title}", o.id),
        None => format!("{}{committed}", o.id),
    }
}

/// Said of an objective whose key results were all dropped.
const NO_GRADE: &str = "No grade: every key result was dropped";

/// The objective label, and why it has no grade when it has none.
fn objective_text(o: &ObjectiveGrade) -> String {
    match o.head.grade.map(Num::get) {
        Some(_) => objective_label(o),
        None => format!("{}\n{NO_GRADE}", objective_label(o)),
    }
}

/// "devrel (team)", or "devrel (team), the key results alice owns".
fn owner_label(owner: &OwnerGrade) -> String {
    match &owner.head.only_owned_by {
        Some(person) => format!(
            "{} ({}), the key results {person} owns",
            owner.owner, owner.kind
        ),
        None => format!("{} ({})", owner.owner, owner.kind),
    }
}

fn owner_heading(owner: &OwnerGrade) -> String {
    let what = if owner.head.only_owned_by.is_some() {
        format!("{} grade", owner.kind)
    } else {
        "grade".to_string()
    };
    format!(
        "{} · {what} {} {} · {}",
        owner_label(owner),
        mean(owner.head.grade.map(Num::get)),
        band_word(owner.head.band),
        owner.file
    )
}

fn heading(view: &GradeView) -> String {
    if view.ended {
        format!(
            "Grades for {}, the quarter that ended {}",
            view.quarter, view.ends
        )
    } else {
        format!(
            "Grades for {}, running until {}: grades are suggested from the progress so far",
            view.quarter, view.ends
        )
    }
}

/// The readable warnings of one owner: what is wrong and what to do.
fn warnings(owner: &OwnerGrade) -> Vec<String> {
    let mut lines: Vec<String> = owner
        .head
        .flags
        .iter()
        .map(|flag| owner_advice(*flag, owner))
        .collect();
    for o in &owner.objectives {
        for kr in &o.key_results {
            for flag in &kr.figures.flags {
                lines.push(kr_advice(*flag, o, kr));
            }
        }
    }
    lines
}

/// The summary as (label, text) lines, shared by the table and Markdown.
fn summary_lines(view: &GradeView) -> Vec<(&'static str, String)> {
    let s: &Summary = &view.summary;
    let so_far = if view.ended { "" } else { " so far" };
    let mut lines = Vec::new();
    let counted = match (s.graded, s.suggested) {
        (_, 0) => format!("{}, all graded", s.key_results),
        (0, _) => format!(
            "{}, none graded yet: all suggested from progress",
            s.key_results
        ),
        (graded, suggested) => format!(
            "{}: {graded} graded, {suggested} suggested from progress",
            s.key_results
        ),
    };
    let dropped = match s.dropped {
        0 => String::new(),
        n => format!("; {n} dropped"),
    };
    lines.push(("Key results", format!("{counted}{dropped}")));
    let histogram: Vec<String> = s
        .distribution
        .iter()
        .filter(|b| b.key_results > 0)
        .map(|b| format!("{:.1} ×{}", b.grade.0, b.key_results))
        .collect();
    if !histogram.is_empty() {
        lines.push(("Grades", histogram.join(" · ")));
    }
    lines.push((
        "Bands",
        format!(
            "{} green (0.7 and up) · {} yellow (0.4 to 0.7) · {} red (below 0.4)",
            s.bands.green, s.bands.yellow, s.bands.red
        ),
    ));
    let [low, high] = SWEET_SPOT;
    let aspirational = match (
        s.aspirational.average.map(Num::get),
        s.sweet_spot_distance.map(Num::get),
    ) {
        (Some(average), Some(distance)) => {
            let verdict = if !view.ended {
                // Mid-quarter, progress is still coming: no judgement yet.
                let place = if distance > 0.0 {
                    format!("{} above", two(distance))
                } else if distance < 0.0 {
                    format!("{} below", two(-distance))
                } else {
                    "inside".to_string()
                };
                format!("{place} the {low}–{high} sweet spot, with the quarter still running")
            } else if distance > 0.0 {
                format!(
                    "{} above the {low}–{high} sweet spot: were the goals ambitious enough?",
                    two(distance)
                )
            } else if distance < 0.0 {
                format!(
                    "{} below the {low}–{high} sweet spot: too ambitious, or not worked on? The reflections should say which",
                    two(-distance)
                )
            } else {
                format!("inside the {low}–{high} sweet spot: ambitious goals, mostly reached")
            };
            format!(
                "average {}{so_far} over {}; {verdict}",
                two(average),
                plural(s.aspirational.key_results, "key result", "key results")
            )
        }
        _ => "no aspirational key results".to_string(),
    };
    lines.push(("Aspirational", aspirational));
    let committed = match s.committed.average.map(Num::get) {
        None => "no committed key results".to_string(),
        Some(_) if s.committed.below_one == 0 => format!(
            "{}, all at 1.0{so_far}: commitments kept",
            plural(s.committed.key_results, "key result", "key results")
        ),
        Some(average) => format!(
            "{}, average {}{so_far}; {} below 1.0, where committed key results are expected to land",
            plural(s.committed.key_results, "key result", "key results"),
            two(average),
            s.committed.below_one
        ),
    };
    lines.push(("Committed", committed));
    let dropped = match s.dropped {
        0 => "none".to_string(),
        n => format!(
            "{} dropped mid-quarter and left out of every grade; changing course is fine when the reason is written down",
            plural(n, "key result", "key results")
        ),
    };
    lines.push(("Dropped", dropped));
    let warnings = match s.warnings {
        0 => "none".to_string(),
        n => format!(
            "{} to settle before the grades are shared (listed under each owner)",
            plural(n, "warning", "warnings")
        ),
    };
    lines.push(("Warnings", warnings));
    lines
}

// ---------------------------------------------------------------------- table

fn band_color(band: Option<Band>) -> Option<Color> {
    band.map(|b| match b {
        Band::Red => Color::Red,
        Band::Yellow => Color::Yellow,
        Band::Green => Color::Green,
    })
}

/// A table that fits the terminal, or 80 columns elsewhere, styled only when `color`.
/// Grade tables fill the terminal, or 80 columns off one, in the style of
/// every view.
fn new_table(color: bool, width: u16) -> Table {
    render::new_table(color, width)
}

fn banded(text: String, band: Option<Band>, color: bool) -> Cell {
    let cell = Cell::new(text);
    match band_color(band) {
        Some(c) if color => cell.fg(c),
        _ => cell,
    }
}

fn right(cell: Cell) -> Cell {
    cell.set_alignment(CellAlignment::Right)
}

fn with_reflection(label: String, reflection: Option<&str>) -> String {
    match reflection {
        Some(text) => format!("{label}\n  Reflection: {}", text.trim()),
        None => label,
    }
}

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
        render::write_table(&overview, out)?;
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

fn owner_table(owner: &OwnerGrade, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
    let prose = usize::from(width).min(WIDTH);
    let title = wrap("", &owner_heading(owner), prose, 2);
    writeln!(out, "{}", paint(color, styles::BOLD, &title))?;
    let mut table = new_table(color, width);
    table.set_header(vec!["Objective / key result", "Grade", "Measured", "Band"]);
    let mut suggested = false;
    let mut dropped = Vec::new();
    for o in &owner.objectives {
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
            let label = with_reflection(kr_label(kr), kr.figures.reflection.as_deref());
            table.add_row(vec![
                Cell::new(format!("- {label}")),
                right(banded(cells.grade, kr.figures.band, color)),
                right(Cell::new(cells.measured)),
                banded(cells.band.to_string(), kr.figures.band, color),
            ]);
        }
    }
    render::pad_columns(&mut table);
    render::write_table(&table, out)?;
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
                kr.figures.dropped.as_deref().unwrap_or_default().trim()
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

pub fn markdown(view: &GradeView, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}", heading(view))?;
    if view.owners.is_empty() {
        writeln!(out, "\nNo OKR files are for {}.", view.quarter)?;
        return Ok(());
    }
    if view.selected.is_none() {
        writeln!(out, "\n## Overview\n")?;
        writeln!(
            out,
            "| Owner | Grade | Band | Key results | Dropped | Warnings |"
        )?;
        writeln!(out, "|---|--:|---|--:|--:|--:|")?;
        for owner in &view.owners {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                md_cell(&owner_label(owner)),
                mean(owner.head.grade.map(Num::get)),
                band_word(owner.head.band),
                owner.head.live_key_results,
                owner.head.dropped_key_results,
                owner.head.warnings
            )?;
        }
    }
    for owner in &view.owners {
        writeln!(out, "\n## {}\n", md_cell(&owner_heading(owner)))?;
        writeln!(out, "| Objective / key result | Grade | Measured | Band |")?;
        writeln!(out, "|---|--:|--:|---|")?;
        let mut suggested = false;
        let mut dropped = Vec::new();
        for o in &owner.objectives {
            let mut label = format!("**{}**", md_cell(&objective_label(o)));
            if o.head.grade.map(Num::get).is_none() {
                label.push_str(&format!("<br>{NO_GRADE}"));
            }
            if let Some(reflection) = &o.head.reflection {
                label.push_str(&format!("<br>*Reflection:* {}", md_cell(reflection)));
            }
            writeln!(
                out,
                "| {label} | {} | | {} |",
                mean(o.head.grade.map(Num::get)),
                band_word(o.head.band)
            )?;
            for kr in &o.key_results {
                if kr.figures.dropped.is_some() {
                    dropped.push((o, kr));
                    continue;
                }
                suggested |= !kr.figures.graded;
                let cells = kr_cells(kr, false);
                let mut label = format!("↳ {}", md_cell(&kr_label(kr)));
                if let Some(reflection) = &kr.figures.reflection {
                    label.push_str(&format!("<br>*Reflection:* {}", md_cell(reflection)));
                }
                writeln!(
                    out,
                    "| {label} | {} | {} | {} |",
                    cells.grade.replace('*', "\\*"),
                    cells.measured,
                    cells.band
                )?;
            }
        }
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
                    kr_label(kr),
                    kr.figures.dropped.as_deref().unwrap_or_default().trim()
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

fn opt(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn flag_words(flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One row per key result, dropped ones included; numbers unrounded.
pub fn csv(view: &GradeView, out: &mut dyn Write) -> io::Result<()> {
    let header = [
        "quarter",
        "owner",
        "kind",
        "file",
        "owner_grade",
        "objective",
        "committed",
        "objective_grade",
        "key_result",
        "title",
        "weight",
        "progress",
        "grade",
        "graded",
        "band",
        "dropped",
        "reflection",
        "flags",
    ];
    csv_row(out, &header.map(String::from))?;
    for owner in &view.owners {
        for o in &owner.objectives {
            for kr in &o.key_results {
                let cells = kr_cells(kr, true);
                let mut flags = owner.head.flags.clone();
                flags.extend(&kr.figures.flags);
                csv_row(
                    out,
                    &[
                        view.quarter.to_string(),
                        owner.owner.clone(),
                        owner.kind.to_string(),
                        owner.file.clone(),
                        opt(owner.head.grade.map(Num::get)),
                        o.id.clone(),
                        o.committed.to_string(),
                        opt(o.head.grade.map(Num::get)),
                        kr.id.clone(),
                        kr.title.clone().unwrap_or_default(),
                        kr.figures.weight.0.to_string(),
                        cells.measured,
                        cells.grade,
                        kr.figures.graded.to_string(),
                        if kr.figures.band.is_some() {
                            cells.band
                        } else {
                            ""
                        }
                        .to_string(),
                        kr.figures.dropped.clone().unwrap_or_default(),
                        kr.figures.reflection.clone().unwrap_or_default(),
                        flag_words(&flags),
                    ],
                )?;
            }
        }
    }
    Ok(())
}

// -------------------------------------------------------------------- history

fn history_rows(view: &HistoryView) -> Vec<[String; 6]> {
    view.quarters
        .iter()
        .map(|q| {
            let grade = match (q.file.is_some(), q.ended) {
                (false, _) => "–".to_string(),
                (true, true) => mean(q.grade.map(Num::get)),
                (true, false) => format!("{}*", mean(q.grade.map(Num::get))),
            };
            let note = match (&q.file, q.ended) {
                (None, _) => "no OKRs this quarter".to_string(),
                (Some(_), false) => "running".to_string(),
                (Some(_), true) if q.graded < q.key_results => {
                    format!("{} of {} graded", q.graded, q.key_results)
                }
                (Some(_), true) => String::new(),
            };
            [
                q.quarter.to_string(),
                grade,
                band_word(q.band).to_string(),
                q.key_results.to_string(),
                q.dropped.to_string(),
                note,
            ]
        })
        .collect()
}

const HISTORY_HEADER: [&str; 6] = ["Quarter", "Grade", "Band", "Key results", "Dropped", "Note"];

/// What the history says about ambition.
fn history_message(view: &HistoryView) -> String {
    let finished = view
        .quarters
        .iter()
        .filter(|q| q.ended && q.grade.is_some())
        .count();
    if view.flags.contains(&Flag::ConsistentlyHigh) {
        format!(
            "`{}` graded {TOO_EASY} or more in all {finished} finished quarters: the goals look too easy; aim higher ({}–{} is the sweet spot for aspirational OKRs)",
            view.owner, SWEET_SPOT[0], SWEET_SPOT[1]
        )
    } else if view.flags.contains(&Flag::ConsistentlyLow) {
        format!(
            "`{}` graded {TOO_HARD} or less in all {finished} finished quarters: the goals are too ambitious, or not worked on; set fewer, reachable goals, or find out what blocked the work",
            view.owner
        )
    } else if finished < 2 {
        format!(
            "{} so far; a pattern (grades always {TOO_EASY}+ or always {TOO_HARD} or less) shows after two",
            plural(finished, "finished quarter", "finished quarters")
        )
    } else {
        format!("no pattern of too-easy or too-hard goals across {finished} finished quarters")
    }
}

pub fn history_table(
    view: &HistoryView,
    color: bool,
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let prose = usize::from(width).min(WIDTH);
    writeln!(
        out,
        "{}",
        paint(
            color,
            styles::BOLD,
            &format!("Grades of {} per quarter", view.owner)
        )
    )?;
    let mut table = new_table(color, width);
    table.set_header(HISTORY_HEADER.to_vec());
    for (q, row) in view.quarters.iter().zip(history_rows(view)) {
        let [quarter, grade, band, krs, dropped, note] = row;
        table.add_row(vec![
            Cell::new(quarter),
            right(banded(grade, q.band, color)),
            banded(band, q.band, color),
            right(Cell::new(krs)),
            right(Cell::new(dropped)),
            Cell::new(note),
        ]);
    }
    render::pad_columns(&mut table);
    render::write_table(&table, out)?;
    if view.quarters.iter().any(|q| !q.ended && q.file.is_some()) {
        writeln!(
            out,
            "* the quarter is still running: suggested from the progress so far"
        )?;
    }
    let message = history_message(view);
    if view.flags.is_empty() {
        writeln!(out, "{}", wrap("", &message, prose, 0))
    } else {
        let text = wrap("warning: ", &message, prose, 2);
        let rest = text.strip_prefix("warning").unwrap_or(&text);
        writeln!(out, "{}{rest}", paint(color, styles::WARNING, "warning"))
    }
}

pub fn history_markdown(view: &HistoryView, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Grades of {} per quarter\n", md_cell(&view.owner))?;
    writeln!(out, "| {} |", HISTORY_HEADER.join(" | "))?;
    writeln!(out, "|---|--:|---|--:|--:|---|")?;
    for row in history_rows(view) {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c).replace('*', "\\*")).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    let prefix = if view.flags.is_empty() {
        ""
    } else {
        "**warning:** "
    };
    writeln!(out, "\n{prefix}{}", history_message(view))
}

pub fn history_csv(view: &HistoryView, out: &mut dyn Write) -> io::Result<()> {
    let header = [
        "owner",
        "quarter",
        "ended",
        "file",
        "grade",
        "band",
        "key_results",
        "graded",
        "dropped",
        "flags",
    ];
    csv_row(out, &header.map(String::from))?;
    for q in &view.quarters {
        csv_row(
            out,
            &[
                view.owner.clone(),
                q.quarter.to_string(),
                q.ended.to_string(),
                q.file.clone().unwrap_or_default(),
                opt(q.grade.map(Num::get)),
                q.band.map(Band::as_str).unwrap_or_default().to_string(),
                q.key_results.to_string(),
                q.graded.to_string(),
                q.dropped.to_string(),
                flag_words(&view.flags),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_numbers_round_halves_up() {
        assert_eq!(two(3.1 / 4.0), "0.78");
        assert_eq!(two(0.625), "0.63");
        assert_eq!(two(21.0 / 27.0), "0.78");
        assert_eq!(two(1.0), "1.00");
        assert_eq!(two(0.0), "0.00");
    }

    #[test]
    fn markdown_cells_keep_the_table_intact() {
        assert_eq!(md_cell("a | b\nc"), "a \\| b<br>c");
    }
}
