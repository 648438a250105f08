//! `okr grade OWNER --history` as a table, Markdown and CSV.

use std::io::{self, Write};

use comfy_table::Cell;

use crate::compute::grading::{Flag, SWEET_SPOT, TOO_EASY, TOO_HARD};
use crate::compute::Band;
use crate::number::Num;
use crate::render::{self, md_cell, paint, plural, styles, wrap};
use crate::view::history::HistoryView;

use super::csv::{flag_words, opt};
use super::*;
use crate::render::table::{Grid, GridCell};

fn history_rows(view: &HistoryView) -> Vec<[String; 7]> {
    view.quarters
        .iter()
        .map(|q| {
            let grade = match (q.file.is_some(), q.ended) {
                (false, _) => "–".to_string(),
                (true, true) => mean(q.grade.map(Num::get)),
                (true, false) => format!("{}*", mean(q.grade.map(Num::get))),
            };
            let note = match (&q.file, q.ended) {
                (None, _) => "no OKRs".to_string(),
                (Some(_), false) => "running".to_string(),
                (Some(_), true) if q.graded < q.key_results => {
                    format!("{} of {} graded", q.graded, q.key_results)
                }
                (Some(_), true) => String::new(),
            };
            [
                q.quarter.to_string(),
                q.quarter.dates(),
                grade,
                band_word(q.band).to_string(),
                q.key_results.to_string(),
                q.dropped.to_string(),
                note,
            ]
        })
        .collect()
}

pub(super) const HISTORY_HEADER: [&str; 7] = [
    "Quarter",
    "Dates",
    "Grade",
    "Band",
    "Key results",
    "Dropped",
    "Note",
];

/// What the history says about ambition.
pub(super) fn history_message(view: &HistoryView) -> String {
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
        let [quarter, dates, grade, band, krs, dropped, note] = row;
        table.add_row(vec![
            Cell::new(quarter),
            Cell::new(dates),
            right(banded(grade, q.band, color)),
            banded(band, q.band, color),
            right(Cell::new(krs)),
            right(Cell::new(dropped)),
            Cell::new(note),
        ]);
    }
    render::pad_columns(&mut table);
    // Dates stay on one line; the note wraps first when the width is short.
    if let Some(dates) = table.column_mut(1) {
        dates.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    if render::keep_words_whole(&mut table, width) {
        render::write_table(&table, out)?;
    } else {
        // Too narrow for the table without splitting words: a list.
        writeln!(out, "{}", wrap("", &render::narrow_line(width), prose, 0))?;
        for row in history_rows(view) {
            let [quarter, dates, grade, band, krs, dropped, note] = row;
            let line = format!(
                "{quarter} · {dates} · grade {grade} {band} · {krs} key results, {dropped} dropped {note}"
            );
            writeln!(out, "{}", wrap("", line.trim_end(), prose, 2))?;
        }
    }
    if view.quarters.iter().any(|q| !q.ended && q.file.is_some()) {
        let text = "* the quarter is still running: suggested from the progress so far";
        writeln!(out, "{}", wrap("", text, prose, 2))?;
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
    let mut grid = Grid::new(HISTORY_HEADER);
    for row in history_rows(view) {
        let cell = |i: usize| GridCell::markdown(md_cell(&row[i]));
        grid.row([
            cell(0),
            cell(1),
            cell(2).right(),
            cell(3),
            cell(4).right(),
            cell(5).right(),
            cell(6),
        ]);
    }
    grid.markdown(out)?;
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
    let mut grid = Grid::new(header);
    for q in &view.quarters {
        grid.row([
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
        ]);
    }
    grid.csv(out)
}
