//! The table, Markdown and CSV of `okr status`, all printed from the one
//! [`StatusView`]; the cells people read come from one helper, [`KrCells`],
//! so the formats never disagree.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, ColumnConstraint, Table, Width};

use crate::cli::ViewFormat;
use crate::compute::{Band, Health};
use crate::render::style::{band_color, health_color, percent, plain as fmt_number, score};
use crate::render::{
    csv_row, md_cell, new_table, pad_columns, paint, styles, wrap, write_table, Output,
};
use crate::view::status::{
    KeyResultStatus as KrStatus, ObjectiveStatus, OverviewRow, OwnerStatus, PointKind, StatusView,
};

/// Writes `view` in `format`.
pub fn render(view: &StatusView, format: ViewFormat, output: &mut Output) -> io::Result<()> {
    match format {
        ViewFormat::Table => table(view, output.color_out, output.width, output.out),
        ViewFormat::Json => super::json(view, output.out),
        ViewFormat::Markdown => markdown(view, output.out),
        ViewFormat::Csv => csv(view, output.out),
    }
}

/// What people read about one key result, formatted once for every format.
pub struct KrCells {
    pub id: String,
    pub title: String,
    /// `42%`
    pub progress: String,
    /// `95 tickets/week`, or `–` without data.
    pub current: String,
    /// `120 → 60`
    pub range: String,
    /// `57%`
    pub expected: String,
    pub health: &'static str,
    /// `0.6`, or `–`.
    pub confidence: String,
    /// `2026-11-17`, or `–`.
    pub last_checkin: String,
    /// `4d ago`, `today`, or empty without check-ins.
    pub age: String,
    pub stale: bool,
    pub trend: String,
}

const NONE: &str = "–";

impl KrCells {
    pub fn of(kr: &KrStatus, max_trend: usize) -> KrCells {
        let unit = match kr.unit.as_deref() {
            None => String::new(),
            Some("%") => "%".to_string(),
            Some(unit) => format!(" {unit}"),
        };
        KrCells {
            id: kr.id.clone(),
            title: kr.title.clone().unwrap_or_default(),
            // A dropped key result's progress counts nowhere: not shown as 0%.
            progress: if kr.figures.health == Health::Dropped {
                NONE.to_string()
            } else {
                percent(kr.figures.progress.0)
            },
            current: kr
                .figures
                .current
                .map_or(NONE.to_string(), |c| format!("{}{unit}", fmt_number(c.0))),
            range: format!(
                "{} → {}",
                fmt_number(kr.figures.baseline.0),
                fmt_number(kr.figures.target.0)
            ),
            expected: percent(kr.figures.expected.0),
            health: kr.figures.health.label(),
            confidence: kr
                .figures
                .confidence
                .map_or(NONE.to_string(), |c| fmt_number(c.0)),
            last_checkin: kr
                .figures
                .last_checkin
                .map_or(NONE.to_string(), |d| d.format("%Y-%m-%d").to_string()),
            age: kr.figures.checkin_age_days.map_or(String::new(), age),
            stale: kr.figures.stale,
            trend: sparkline(
                &kr.figures.trend.iter().map(|n| n.0).collect::<Vec<_>>(),
                max_trend,
            ),
        }
    }
}

/// `0` → `today`, `4` → `4d ago`.
fn age(days: i64) -> String {
    if days == 0 {
        "today".to_string()
    } else {
        format!("{days}d ago")
    }
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The last `max` values as a sparkline, lowest `▁` to highest `█`.
pub fn sparkline(values: &[f64], max: usize) -> String {
    let values = &values[values.len().saturating_sub(max)..];
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    values
        .iter()
        .map(|v| {
            if hi > lo {
                let level = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                SPARKS[level.min(7)]
            } else {
                SPARKS[3]
            }
        })
        .collect()
}

/// A bar of `width` cells, `fraction` of them full.
pub fn bar(fraction: f64, width: usize) -> String {
    let full = ((fraction.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(full), "░".repeat(width - full))
}

fn colored(cell: Cell, color: Option<Color>) -> Cell {
    match color {
        Some(color) => cell.fg(color),
        None => cell,
    }
}

/// The table view: a heading, the overview (for every owner), one table per
/// owner, then the talking points.
pub fn table(view: &StatusView, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
    let bold = |text: &str| paint(color, styles::BOLD, text);
    writeln!(
        out,
        "{} {} · as of {} · {} of the quarter elapsed",
        bold("OKR status"),
        bold(&view.quarter.to_string()),
        view.as_of.format("%Y-%m-%d"),
        percent(view.elapsed.0)
    )?;
    if view.owners.is_empty() {
        writeln!(
            out,
            "\nNo valid OKR file is for {}; start one with `okr new team NAME --quarter {}`.",
            view.quarter, view.quarter
        )?;
        return Ok(());
    }
    if view.for_owner.is_none() {
        writeln!(out)?;
        write_table(&overview_table(&view.overview, color, width), out)?;
        if let Some(line) = super::left_out_line(view.person_files_left_out) {
            writeln!(out, "{}", wrap("", &line, usize::from(width).min(80), 0))?;
        }
    }
    // One set of column widths for every owner, so the tables line up. The
    // tables are built twice rather than all kept: with thousands of owners,
    // holding every table at once cost hundreds of megabytes.
    let table_of = |owner| owner_table(owner, view.elapsed.0, color, width);
    let mut widths: Vec<u16> = Vec::new();
    for owner in &view.owners {
        for (i, w) in table_of(owner)
            .column_max_content_widths()
            .into_iter()
            .enumerate()
        {
            match widths.get_mut(i) {
                Some(max) => *max = (*max).max(w),
                None => widths.push(w),
            }
        }
    }
    for owner in &view.owners {
        let mut table = table_of(owner);
        fit_figures(&mut table, &widths, width);
        writeln!(out)?;
        writeln!(out, "{}", owner_heading(owner, color, width))?;
        write_table(&table, out)?;
    }
    if !view.talking_points.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", bold("Talking points"))?;
        write_talking_points(view, color, width, out)?;
    }
    Ok(())
}

/// `devrel (team) · score 0.39 · okrs/2026-Q4/devrel.yaml`, broken before a
/// `·` part that would pass `width`.
fn owner_heading(owner: &OwnerStatus, color: bool, width: u16) -> String {
    let what = match &owner.head.only_owned_by {
        Some(person) => format!("key results owned by {person}"),
        None => format!("score {}", score(owner.head.score.map(|s| s.0))),
    };
    let name = format!("{} ({})", owner.owner, owner.kind);
    let mut heading = paint(color, styles::BOLD, &name);
    let mut used = name.chars().count();
    for part in [what, owner.file.clone()] {
        let len = part.chars().count();
        if used + 3 + len <= usize::from(width) {
            heading.push_str(" · ");
            used += 3 + len;
        } else {
            heading.push('\n');
            used = len;
        }
        heading.push_str(&part);
    }
    heading
}

fn overview_table(rows: &[OverviewRow], color: bool, width: u16) -> Table {
    let mut table = new_table(color, width);
    table.set_header(vec![
        "Owner",
        "Score",
        "On track",
        "At risk",
        "Off track",
        "No data",
        "Stale",
    ]);
    for row in rows {
        let count = |n: usize, c: Color| {
            let cell = Cell::new(n).set_alignment(CellAlignment::Right);
            if n > 0 {
                cell.fg(c)
            } else {
                cell
            }
        };
        table.add_row(vec![
            Cell::new(format!("{} ({})", row.owner, row.kind)),
            colored(
                Cell::new(format!(
                    "{} {}",
                    bar(row.score.map_or(0.0, |s| s.0), 6),
                    score(row.score.map(|s| s.0))
                )),
                band_color(row.band),
            ),
            count(row.on_track, Color::DarkGreen),
            count(row.at_risk, Color::DarkYellow),
            count(row.off_track, Color::DarkRed),
            count(row.no_data, Color::Reset),
            count(row.stale, Color::DarkYellow),
        ]);
    }
    pad_columns(&mut table);
    table
}

/// From this width on, key results show their titles and bars grow.
const WIDE: u16 = 120;

/// One owner's objectives and key results. Every key result of a view has the
/// same expected progress (the share of the quarter elapsed), so the header
/// says it once; under each bar is the sparkline of the check-in values.
fn owner_table(owner: &OwnerStatus, expected: f64, color: bool, width: u16) -> Table {
    let wide = width >= WIDE;
    let bar_width = if wide { 12 } else { 8 };
    let mut table = new_table(color, width);
    table.set_header(vec![
        "Objective / KR".to_string(),
        format!("Progress\nexpected {}", percent(expected)),
        "Now\nbase → target".to_string(),
        "Health\nconf.".to_string(),
        "Check-in\nage".to_string(),
    ]);
    for objective in &owner.objectives {
        table.add_row(objective_row(objective, bar_width));
        for kr in &objective.key_results {
            table.add_row(kr_row(kr, bar_width, wide));
        }
    }
    pad_columns(&mut table);
    table
}

/// The figure columns (all but the first) get their content's `widths`, the
/// "Now" column at most `NOW_MAX` (a long unit wraps); the key result column
/// takes the rest, so it is what grows on a wide terminal.
fn fit_figures(table: &mut Table, widths: &[u16], width: u16) {
    const NOW: usize = 2;
    const NOW_MAX: u16 = 15;
    let mut widths = widths.to_vec();
    if let Some(now) = widths.get_mut(NOW) {
        *now = (*now).min(NOW_MAX);
    }
    let mut used: u16 = 0;
    for (i, column) in table.column_iter_mut().enumerate().skip(1) {
        let content = widths.get(i).copied().unwrap_or(0);
        let total = content + column.padding_width();
        used = used.saturating_add(total);
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(total)));
    }
    // On a very narrow terminal the figures wrap too, rather than the names vanish.
    if width.saturating_sub(used) < 16 {
        for column in table.column_iter_mut().skip(1) {
            column.remove_constraint();
        }
    }
}

fn objective_row(objective: &ObjectiveStatus, bar_width: usize) -> Vec<Cell> {
    let title = objective.title.as_deref().unwrap_or_default();
    let kind = if objective.committed { "committed" } else { "" };
    let band = objective.head.band.map_or("", Band::as_str);
    vec![
        Cell::new(format!("{}\n{title}", objective.id)).add_attribute(Attribute::Bold),
        colored(
            Cell::new(format!(
                "{} {:>4}",
                bar(objective.head.score.map_or(0.0, |s| s.0), bar_width),
                score(objective.head.score.map(|s| s.0))
            )),
            band_color(objective.head.band),
        )
        .add_attribute(Attribute::Bold),
        Cell::new(kind),
        colored(Cell::new(band), band_color(objective.head.band)),
        Cell::new(""),
    ]
}

fn kr_row(kr: &KrStatus, bar_width: usize, with_title: bool) -> Vec<Cell> {
    let c = KrCells::of(kr, bar_width);
    // At 80 columns a title would wrap into a tall column: the id says enough.
    let name = if with_title && !c.title.is_empty() {
        Cell::new(format!("  {}\n  {}", c.id, c.title))
    } else {
        Cell::new(format!("  {}", c.id))
    };
    if kr.figures.health == Health::Dropped {
        return vec![
            name.add_attribute(Attribute::Dim),
            Cell::new(""),
            Cell::new(format!("{}\n{}", c.current, c.range)).add_attribute(Attribute::Dim),
            Cell::new("dropped").add_attribute(Attribute::Dim),
            Cell::new(""),
        ];
    }
    let checkin = if c.stale {
        let age = c.age.trim_end_matches(" ago");
        colored(
            Cell::new(format!("{}\n{age} STALE", c.last_checkin)),
            Some(Color::DarkYellow),
        )
    } else {
        Cell::new(format!("{}\n{}", c.last_checkin, c.age))
    };
    vec![
        name,
        Cell::new(format!(
            "{} {:>4}\n{}",
            bar(kr.figures.progress.0, bar_width),
            c.progress,
            c.trend
        )),
        Cell::new(format!("{}\n{}", c.current, c.range)),
        colored(
            Cell::new(format!("{}\n{}", c.health, c.confidence)),
            health_color(kr.figures.health),
        ),
        checkin,
    ]
}

fn point_style(kind: PointKind) -> Option<anstyle::Style> {
    match kind {
        PointKind::OffTrack => Some(styles::BAD),
        PointKind::AtRisk | PointKind::Stale | PointKind::FallingConfidence => Some(styles::MEH),
        PointKind::NoData | PointKind::Dropped | PointKind::Note => None,
    }
}

/// The talking points as two columns, the kind said once at the head of its
/// group. Written line by line rather than as a table: an organisation-wide
/// view can hold a hundred thousand of them.
fn write_talking_points(
    view: &StatusView,
    color: bool,
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let label_width = view
        .talking_points
        .iter()
        .map(|p| p.kind.label().chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let mut previous = None;
    for point in &view.talking_points {
        let label = if previous == Some(point.kind) {
            ""
        } else {
            point.kind.label()
        };
        previous = Some(point.kind);
        let padded = format!("{label:<label_width$}");
        let text = wrap(
            &padded,
            &format!("{}: {}", point.key_result, point.text),
            usize::from(width),
            label_width,
        );
        // The label starts the text; colour it once the width is worked out.
        match (point_style(point.kind), text.strip_prefix(label)) {
            (Some(style), Some(rest)) if !label.is_empty() => {
                writeln!(out, "{}{rest}", paint(color, style, label))?;
            }
            _ => writeln!(out, "{text}")?,
        }
    }
    Ok(())
}

/// Markdown for a 1:1 document: the overview, a table per objective, the
/// talking points.
pub fn markdown(view: &StatusView, out: &mut dyn Write) -> io::Result<()> {
    let title = match &view.for_owner {
        Some(owner) => format!("OKR status of {owner}"),
        None => "OKR status".to_string(),
    };
    writeln!(
        out,
        "# {title}: {}, as of {}\n\n{} of the quarter has elapsed: that is the progress expected by now.",
        view.quarter,
        view.as_of.format("%Y-%m-%d"),
        percent(view.elapsed.0)
    )?;
    if view.owners.is_empty() {
        writeln!(out, "\nNo valid OKR file is for {}.", view.quarter)?;
        return Ok(());
    }
    if view.for_owner.is_none() {
        writeln!(out)?;
        writeln!(
            out,
            "| Owner | Score | On track | At risk | Off track | No data | Stale |"
        )?;
        writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
        for row in &view.overview {
            writeln!(
                out,
                "| {} ({}) | {} | {} | {} | {} | {} | {} |",
                md_cell(&row.owner),
                row.kind,
                score(row.score.map(|s| s.0)),
                row.on_track,
                row.at_risk,
                row.off_track,
                row.no_data,
                row.stale
            )?;
        }
    }
    for owner in &view.owners {
        let what = match &owner.head.only_owned_by {
            Some(person) => format!("key results owned by {}", md_cell(person)),
            None => format!("score {}", score(owner.head.score.map(|s| s.0))),
        };
        writeln!(
            out,
            "\n## {} ({}), {what}\n\n`{}`",
            md_cell(&owner.owner),
            owner.kind,
            owner.file
        )?;
        for objective in &owner.objectives {
            let committed = if objective.committed {
                ", committed"
            } else {
                ""
            };
            writeln!(
                out,
                "\n### {}: {} (score {}{committed})\n",
                md_cell(&objective.id),
                md_cell(objective.title.as_deref().unwrap_or_default()),
                score(objective.head.score.map(|s| s.0))
            )?;
            writeln!(
                out,
                "| Key result | Progress | Expected | Now | Baseline → target | Health | Confidence | Last check-in | Trend |"
            )?;
            writeln!(out, "|---|---:|---:|---:|---|---|---:|---|---|")?;
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
                writeln!(
                    out,
                    "| **{}** {} | {} | {} | {} | {} | {health} | {} | {checkin} | {} |",
                    md_cell(&c.id),
                    md_cell(&c.title),
                    c.progress,
                    c.expected,
                    md_cell(&c.current),
                    md_cell(&c.range),
                    c.confidence,
                    c.trend
                )?;
            }
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

/// CSV, one row per key result, numbers unrounded as in the JSON.
pub fn csv(view: &StatusView, out: &mut dyn Write) -> io::Result<()> {
    const HEADER: [&str; 25] = [
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
    ];
    writeln!(out, "{}", HEADER.join(","))?;
    let num = |n: Option<f64>| n.map_or(String::new(), |n| n.to_string());
    for owner in &view.owners {
        for objective in &owner.objectives {
            for kr in &objective.key_results {
                let trend: Vec<String> = kr.figures.trend.iter().map(|n| n.0.to_string()).collect();
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
                ];
                csv_row(out, &row)?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_span_low_to_high() {
        assert_eq!(sparkline(&[118.0, 110.0, 104.0, 95.0], 8), "█▆▄▁");
        assert_eq!(sparkline(&[1.0, 1.0], 8), "▄▄");
        assert_eq!(sparkline(&[], 8), "");
        assert_eq!(sparkline(&[1.0, 2.0, 3.0], 2), "▁█");
    }

    #[test]
    fn bars_round_to_cells() {
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(2.0, 4), "████");
    }
}
