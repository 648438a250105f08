//! `okr status` on a terminal too narrow for its tables: the same cells as a
//! list, each line word-wrapped to the width, no word ever split (but one
//! longer than the whole line).

use std::io::{self, Write};

use super::KrCells;
use crate::compute::Band;
use crate::render::style::score;
use crate::render::{escape, paint, styles, wrap};
use crate::view::status::{OverviewRow, OwnerStatus};

/// The overview, one owner a line.
pub fn overview(
    rows: &[OverviewRow],
    ended: bool,
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let width = usize::from(width);
    let names = super::overview_header(ended);
    for row in rows {
        let counts: Vec<String> = super::overview_counts(row, ended)
            .iter()
            .zip(&names[2..])
            .map(|((n, _), name)| format!("{n} {}", name.to_lowercase()))
            .collect();
        let text = format!(
            "{} ({}) · {} {} · {}",
            row.owner,
            row.kind,
            super::measure(ended),
            score(row.score.map(|s| s.0)),
            counts.join(", ")
        );
        writeln!(out, "{}", wrap("", &text, width, 2))?;
    }
    Ok(())
}

/// One owner's objectives and key results.
pub fn owner(owner: &OwnerStatus, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
    let width = usize::from(width);
    for objective in &owner.objectives {
        let band = objective.head.band.map_or("", Band::as_str);
        let committed = if objective.committed {
            " · committed"
        } else {
            ""
        };
        let head = format!(
            "{} · {} {band}{committed}",
            objective.id,
            score(objective.head.score.map(|s| s.0))
        );
        writeln!(
            out,
            "{}",
            paint(color, styles::BOLD, &wrap("", &head, width, 2))
        )?;
        if let Some(title) = &objective.title {
            writeln!(out, "{}", wrap("  ", &escape::terminal(title), width, 2))?;
        }
        for kr in &objective.key_results {
            let c = KrCells::of(kr, 8);
            let title = if c.title.is_empty() {
                String::new()
            } else {
                format!(": {}", c.title)
            };
            writeln!(
                out,
                "{}",
                wrap("  - ", &format!("{}{title}", c.id), width, 4)
            )?;
            let stale = if c.stale { ", stale" } else { "" };
            let checkin = if c.age.is_empty() {
                c.last_checkin.clone()
            } else {
                format!("{} ({}{stale})", c.last_checkin, c.age)
            };
            let figures = format!(
                "{} done, {} expected · {} · now {} ({}) · confidence {} · check-in {} {}",
                c.progress,
                c.expected,
                c.health,
                c.current,
                c.range,
                c.confidence,
                checkin,
                c.trend
            );
            writeln!(out, "{}", wrap("    ", &figures, width, 4))?;
            if !c.projection.is_empty() {
                writeln!(out, "{}", wrap("    ", &c.projection, width, 4))?;
            }
            if let Some(since) = c.since.as_deref().filter(|s| !s.is_empty()) {
                let since = format!("since: {}", since.replace('\n', ", "));
                writeln!(out, "{}", wrap("    ", &since, width, 4))?;
            }
        }
    }
    Ok(())
}
