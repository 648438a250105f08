//! The CSV of `okr grade`: one row per key result.

use std::io::{self, Write};

use crate::compute::grading::Flag;
use crate::number::Num;
use crate::render::table::Grid;
use crate::view::grade::GradeView;

use super::*;

pub(super) fn opt(value: Option<f64>) -> String {
    value.map(fmt_number).unwrap_or_default()
}

pub(super) fn flag_words(flags: &[Flag]) -> String {
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
        "changes",
    ];
    let mut grid = Grid::new(header);
    for owner in &view.owners {
        for o in &owner.objectives {
            for kr in &o.key_results {
                let cells = kr_cells(kr, true);
                let mut flags = owner.head.flags.clone();
                flags.extend(&kr.figures.flags);
                grid.row([
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
                    fmt_number(kr.figures.weight.0),
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
                    change_lines(kr).join("; "),
                ]);
            }
        }
    }
    grid.csv(out)
}

// -------------------------------------------------------------------- history
