//! The renderers of `okr grade`: a table for people, Markdown for a review
//! document, CSV with one row per key result; and the same three for
//! `--history`. Table and Markdown share their rows, warnings and summary
//! lines; all three share the key-result cells (`kr_cells`).

mod csv;
mod history;
mod markdown;
mod table;

pub use csv::csv;
pub use history::{history_csv, history_markdown, history_table};
pub use markdown::markdown;
pub use table::table;

use std::io::{self};

use comfy_table::{Cell, CellAlignment, Color, Table};

use crate::cli::ViewFormat;
use crate::compute::grading::SWEET_SPOT;
use crate::compute::Band;
use crate::number::Num;
use crate::render::style::{plain as fmt_number, two_decimals};
use crate::render::{self, escape, plural, Output};
use crate::view::grade::{
    direction_word, field_word, kr_advice, owner_advice, GradeView, KrGrade as KeyResultGrade,
    ObjectiveGrade, OwnerGrade, Summary,
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
pub(super) fn two(value: f64) -> String {
    two_decimals(value)
}

/// A mean grade as shown to people, or `–` when there is none.
pub(super) fn mean(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), two)
}

pub(super) fn band_word(band: Option<Band>) -> &'static str {
    band.map_or("–", Band::as_str)
}

/// The cells every format shows for a key result. `exact` keeps numbers
/// unrounded (CSV); otherwise they are rounded for reading, and a suggested
/// grade is marked with `*`.
pub(super) struct KrCells {
    grade: String,
    measured: String,
    band: &'static str,
}

pub(super) fn kr_cells(kr: &KeyResultGrade, exact: bool) -> KrCells {
    let grade = match kr.figures.grade.map(Num::get) {
        None => String::new(),
        Some(g) if exact => fmt_number(g),
        Some(g) if kr.figures.graded => fmt_number(g),
        Some(g) => format!("{g:.1}*"),
    };
    let measured = if exact {
        fmt_number(kr.figures.progress.0)
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
pub(super) fn kr_label(kr: &KeyResultGrade) -> String {
    let mut label = match &kr.title {
        Some(title) => format!("{}: {}", kr.id, escape::terminal(title)),
        None => kr.id.clone(),
    };
    if kr.figures.weight.0 != 1.0 {
        label.push_str(&format!(" (weight {})", fmt_number(kr.figures.weight.0)));
    }
    label
}

/// "on-call [committed]: On-call is sustainable".
pub(super) fn objective_label(o: &ObjectiveGrade) -> String {
    let committed = if o.committed { " [committed]" } else { "" };
    match &o.title {
        Some(title) => format!("{}{committed}: {}", o.id, escape::terminal(title)),
        None => format!("{}{committed}", o.id),
    }
}

/// Said of an objective whose key results were all dropped.
pub(super) const NO_GRADE: &str = "No grade: every key result was dropped";

/// The objective label, and why it has no grade when it has none.
pub(super) fn objective_text(o: &ObjectiveGrade) -> String {
    match o.head.grade.map(Num::get) {
        Some(_) => objective_label(o),
        None => format!("{}\n{NO_GRADE}", objective_label(o)),
    }
}

/// "devrel (team)", or "devrel (team), the key results alice owns".
pub(super) fn owner_label(owner: &OwnerGrade) -> String {
    match &owner.head.only_owned_by {
        Some(person) => format!(
            "{} ({}), the key results {person} owns",
            owner.owner, owner.kind
        ),
        None => format!("{} ({})", owner.owner, owner.kind),
    }
}

pub(super) fn owner_heading(owner: &OwnerGrade) -> String {
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
        escape::terminal(&owner.file)
    )
}

/// "Grades for 2026-Q4 · 1 Oct – 31 Dec 2026, …": the quarter with its dates.
pub(super) fn heading(view: &GradeView) -> String {
    let quarter = crate::view::quarter_heading(view.quarter);
    if view.ended {
        format!("Grades for {quarter}: the quarter is over")
    } else {
        format!(
            "Grades for {quarter}, still running: grades are suggested from the progress so far"
        )
    }
}

/// The readable warnings of one owner: what is wrong and what to do.
pub(super) fn warnings(owner: &OwnerGrade) -> Vec<String> {
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
pub(super) fn summary_lines(view: &GradeView) -> Vec<(&'static str, String)> {
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

pub(super) fn band_color(band: Option<Band>) -> Option<Color> {
    band.map(|b| match b {
        Band::Red => Color::Red,
        Band::Yellow => Color::Yellow,
        Band::Green => Color::Green,
    })
}

/// A table that fits the terminal, or 80 columns elsewhere, styled only when `color`.
/// Grade tables fill the terminal, or 80 columns off one, in the style of
/// every view.
pub(super) fn new_table(color: bool, width: u16) -> Table {
    render::new_table(color, width)
}

pub(super) fn banded(text: String, band: Option<Band>, color: bool) -> Cell {
    let cell = Cell::new(text);
    match band_color(band) {
        Some(c) if color => cell.fg(c),
        _ => cell,
    }
}

pub(super) fn right(cell: Cell) -> Cell {
    cell.set_alignment(CellAlignment::Right)
}

/// "target eased 60 → 80 on 2026-11-03 (a1b2c3d)", one per goal-post change.
pub(super) fn change_lines(kr: &KeyResultGrade) -> Vec<String> {
    kr.figures
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} {} {} → {} on {} ({})",
                field_word(c.field),
                direction_word(c.direction),
                fmt_number(c.from),
                fmt_number(c.to),
                c.date,
                c.commit
            )
        })
        .collect()
}

/// The label with the key result's goal-post changes under it.
pub(super) fn with_changes(label: String, kr: &KeyResultGrade) -> String {
    change_lines(kr)
        .into_iter()
        .fold(label, |label, line| format!("{label}\n  {line}"))
}

pub(super) fn with_reflection(label: String, reflection: Option<&str>) -> String {
    match reflection {
        Some(text) => format!("{label}\n  Reflection: {}", escape::prose(text)),
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::md_cell;

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
