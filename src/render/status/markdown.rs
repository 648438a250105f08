//! The Markdown and CSV of `okr status`.

use std::io::{self, Write};

use crate::compute::Health;
use crate::render::style::{percent, score};
use crate::render::{escape, md_cell};
use crate::view::status::StatusView;

use super::KrCells;
use crate::number::plain;
use crate::render::table::{Grid, GridCell};

/// Markdown for a 1:1 document: the overview, a table per objective, the
/// talking points.
pub fn markdown(view: &StatusView, out: &mut dyn Write) -> io::Result<()> {
    let title = match &view.for_owner {
        Some(owner) => format!("OKR status of {owner}"),
        None => "OKR status".to_string(),
    };
    let elapsed = if view.ended {
        "The quarter is over: key results are judged by their grades (given, else suggested) and bands.".to_string()
    } else {
        format!(
            "{} of the quarter has elapsed: that is the progress expected by now.",
            percent(view.elapsed.0)
        )
    };
    writeln!(
        out,
        "# {title}: {}, as of {}\n\n{elapsed}",
        crate::view::quarter_heading(view.quarter),
        view.as_of.format("%Y-%m-%d"),
    )?;
    if let Some(since) = view.since {
        writeln!(
            out,
            "\n{}: the \"Since\" column and the first talking points.",
            super::table::since_line(since, view.as_of)
        )?;
    }
    if view.owners.is_empty() {
        writeln!(out, "\nNo valid OKR file is for {}.", view.quarter)?;
        return Ok(());
    }
    if view.for_owner.is_none() {
        writeln!(out)?;
        let mut grid = Grid::new(super::overview_header(view.ended));
        for row in &view.overview {
            let count = |n: usize| GridCell::from(n.to_string()).right();
            let [a, b, c, d, e] = super::overview_counts(row, view.ended).map(|(n, _)| count(n));
            grid.row([
                GridCell::from(format!("{} ({})", row.owner, row.kind)),
                GridCell::from(score(row.score.map(|s| s.0))).right(),
                a,
                b,
                c,
                d,
                e,
            ]);
        }
        grid.markdown(out)?;
        if let Some(line) = crate::render::left_out_line(view.person_files_left_out) {
            writeln!(out, "\n{line}")?;
        }
    }
    for owner in &view.owners {
        let what = match &owner.head.only_owned_by {
            Some(person) => format!("key results owned by {}", md_cell(person)),
            None => format!(
                "{} {}",
                super::measure(view.ended),
                score(owner.head.score.map(|s| s.0))
            ),
        };
        writeln!(
            out,
            "\n## {} ({}), {what}\n\n{}",
            md_cell(&owner.owner),
            owner.kind,
            escape::markdown_code(&owner.file)
        )?;
        for objective in &owner.objectives {
            let committed = if objective.committed {
                ", committed"
            } else {
                ""
            };
            writeln!(
                out,
                "\n### {}: {} ({} {}{committed})\n",
                md_cell(&objective.id),
                md_cell(objective.title.as_deref().unwrap_or_default()),
                super::measure(view.ended),
                score(objective.head.score.map(|s| s.0))
            )?;
            let since_header = view
                .since
                .map(|d| format!("Since {}", d.format("%Y-%m-%d")));
            let mut header = vec![
                "Key result",
                "Progress",
                "Expected",
                "Now",
                "Baseline → target",
                if view.ended { "Band" } else { "Health" },
                "Confidence",
                "Last check-in",
                "Trend",
            ];
            if !view.ended {
                header.push("Projection");
            }
            if let Some(since) = &since_header {
                header.push(since);
            }
            let mut grid = Grid {
                header: header.iter().map(|h| h.to_string()).collect(),
                rows: Vec::new(),
            };
            for kr in &objective.key_results {
                let c = KrCells::of(kr, usize::MAX);
                let checkin = match (c.age.is_empty(), c.stale) {
                    (true, _) => c.last_checkin.clone(),
                    (false, false) => format!("{} ({})", c.last_checkin, c.age),
                    (false, true) => format!("{} ({}, **stale**)", c.last_checkin, c.age),
                };
                let health = match kr.figures.health {
                    Health::OffTrack | Health::AtRisk => format!("**{}**", c.health),
                    _ => c.health.to_string(),
                };
                let mut row = vec![
                    GridCell::markdown(format!("**{}** {}", md_cell(&c.id), md_cell(&c.title))),
                    GridCell::from(c.progress).right(),
                    GridCell::from(c.expected).right(),
                    GridCell::from(c.current).right(),
                    GridCell::from(c.range),
                    GridCell::markdown(health),
                    GridCell::from(c.confidence).right(),
                    GridCell::markdown(checkin),
                    GridCell::from(c.trend),
                ];
                if !view.ended {
                    row.push(GridCell::from(c.projection));
                }
                if let Some(since) = c.since {
                    row.push(GridCell::from(since));
                }
                grid.row(row);
            }
            grid.markdown(out)?;
        }
    }
    if !view.talking_points.is_empty() {
        writeln!(out, "\n## Talking points\n")?;
        for point in &view.talking_points {
            writeln!(
                out,
                "- **{}** `{}` ({}): {}",
                point.kind.label(),
                point.key_result,
                md_cell(&point.title),
                md_cell(&point.text)
            )?;
        }
    }
    Ok(())
}

/// CSV, one row per key result, numbers as in the JSON (6 decimals at most).
pub fn csv(view: &StatusView, out: &mut dyn Write) -> io::Result<()> {
    const HEADER: [&str; 34] = [
        "quarter",
        "as_of",
        "owner",
        "kind",
        "objective",
        "key_result",
        "title",
        "key_result_owner",
        "unit",
        "baseline",
        "target",
        "current",
        "progress",
        "expected",
        "health",
        "confidence",
        "last_checkin",
        "checkin_age_days",
        "stale",
        "trend",
        "grade",
        "score",
        "weight",
        "dropped",
        "objective_score",
        "projection",
        "projection_low",
        "projection_high",
        "since",
        "since_value",
        "since_progress",
        "since_confidence",
        "checkins_since",
        "notes_since",
    ];
    let mut grid = Grid::new(HEADER);
    let num = |n: Option<f64>| n.map_or(String::new(), plain);
    for owner in &view.owners {
        for objective in &owner.objectives {
            for kr in &objective.key_results {
                let trend: Vec<String> = kr.figures.trend.iter().map(|n| plain(n.0)).collect();
                let since = kr.figures.since.as_ref();
                let row = [
                    view.quarter.to_string(),
                    view.as_of.format("%Y-%m-%d").to_string(),
                    owner.owner.clone(),
                    owner.kind.to_string(),
                    objective.id.clone(),
                    kr.id.clone(),
                    kr.title.clone().unwrap_or_default(),
                    kr.owner.clone().unwrap_or_default(),
                    kr.unit.clone().unwrap_or_default(),
                    num(Some(kr.figures.baseline.0)),
                    num(Some(kr.figures.target.0)),
                    num(kr.figures.current.map(|n| n.0)),
                    num(Some(kr.figures.progress.0)),
                    num(Some(kr.figures.expected.0)),
                    kr.figures.health.as_str().to_string(),
                    num(kr.figures.confidence.map(|n| n.0)),
                    kr.figures
                        .last_checkin
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    kr.figures
                        .checkin_age_days
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    kr.figures.stale.to_string(),
                    trend.join(" "),
                    num(kr.figures.grade.map(|n| n.0)),
                    num(kr.figures.score.map(|n| n.0)),
                    num(Some(kr.figures.weight.0)),
                    kr.figures.dropped.clone().unwrap_or_default(),
                    num(objective.head.score.map(|n| n.0)),
                    num(kr.figures.projection.map(|p| p.progress.0)),
                    num(kr.figures.projection.map(|p| p.low.0)),
                    num(kr.figures.projection.map(|p| p.high.0)),
                    since.map(|s| s.date.to_string()).unwrap_or_default(),
                    num(since.and_then(|s| s.value).map(|n| n.0)),
                    num(since.map(|s| s.progress.0)),
                    num(since.and_then(|s| s.confidence).map(|n| n.0)),
                    since.map(|s| s.checkins.to_string()).unwrap_or_default(),
                    since
                        .map(|s| {
                            let notes: Vec<String> = s
                                .notes
                                .iter()
                                .map(|n| format!("{}: {}", n.date, n.text))
                                .collect();
                            notes.join("; ")
                        })
                        .unwrap_or_default(),
                ];
                grid.row(row);
            }
        }
    }
    grid.csv(out)
}
