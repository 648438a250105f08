//! `okr report --format csv`: one row per key result, with its owner,
//! objective and alignment, for a spreadsheet.

use std::io::{self, Write};

use crate::compute::Band;
use crate::number::{plain, Num};
use crate::render::report::measure_name;
use crate::render::table::Grid;
use crate::view::report::ReportView;
use crate::view::tree;

pub fn render(view: &ReportView, out: &mut dyn Write) -> io::Result<()> {
    let number = |n: Option<Num>| n.map(|n| plain(n.get())).unwrap_or_default();
    let band = |b: Option<Band>| b.map_or("", Band::as_str).to_string();
    let mut grid = Grid::new([
        "quarter",
        "as_of",
        "owner",
        "kind",
        "objective",
        "objective_title",
        "committed",
        "aligns",
        "objective_figure",
        "objective_band",
        "key_result",
        "title",
        "kr_owner",
        "unit",
        "baseline",
        "current",
        "target",
        "progress",
        "expected",
        "health",
        "score",
        "grade",
        "measure",
        "band",
        "dropped",
    ]);
    let measure = measure_name(view.measure).to_lowercase();
    for (owner, objective, kr) in tree::key_results(&view.owners) {
        let f = &kr.figures;
        grid.row([
            view.quarter.to_string(),
            view.as_of.format("%Y-%m-%d").to_string(),
            owner.owner.clone(),
            owner.kind.to_string(),
            objective.id.clone(),
            objective.label().to_string(),
            objective.committed.to_string(),
            objective.aligns.clone().unwrap_or_default(),
            number(objective.head.figure),
            band(objective.head.band),
            kr.id.clone(),
            kr.label().to_string(),
            kr.owner.clone().unwrap_or_default(),
            kr.unit.clone().unwrap_or_default(),
            plain(f.baseline.get()),
            number(f.current),
            plain(f.target.get()),
            plain(f.progress.get()),
            plain(f.expected.get()),
            f.health.as_str().to_string(),
            number(f.score),
            number(f.grade),
            measure.clone(),
            band(f.band),
            f.dropped.clone().unwrap_or_default(),
        ]);
    }
    grid.csv(out)
}
