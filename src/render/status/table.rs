//! The terminal table of `okr status`: an overview, a table per owner with
//! bars and sparklines, and the talking points.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, ColumnConstraint, Table, Width};

use crate::compute::{Band, Health};
use crate::number::two_decimals;
use crate::render::style::{band_color, health_color, percent, score};
use rayon::prelude::*;

use crate::render::{escape, new_table, pad_columns, paint, styles, table_text, wrap, write_table};
use crate::view::status::{
    KeyResultStatus as KrStatus, ObjectiveStatus, OverviewRow, OwnerStatus, PointKind, StatusView,
};

use super::{bar, colored, KrCells};
use crate::render::keep_words_whole;

/// The table view: a heading, the overview (for every owner), one table per
/// owner, then the talking points.
pub fn table(view: &StatusView, color: bool, width: u16, out: &mut dyn Write) -> io::Result<()> {
    let bold = |text: &str| paint(color, styles::BOLD, text);
    let title = format!("OKR status {}", view.quarter);
    let parts = [
        view.quarter.dates(),
        format!("as of {}", view.as_of.format("%Y-%m-%d")),
        format!("{} elapsed", percent(view.elapsed.0)),
    ];
    writeln!(out, "{}", dotted(bold(&title), &title, parts, width))?;
    if let Some(since) = view.since {
        writeln!(out, "{}", since_line(since, view.as_of))?;
    }
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
        let mut overview = overview_table(&view.overview, view.ended, color, width);
        if keep_words_whole(&mut overview, width) {
            write_table(&overview, out)?;
        } else {
            super::list::overview(&view.overview, view.ended, width, out)?;
        }
        if let Some(line) = crate::render::left_out_line(view.person_files_left_out) {
            writeln!(out, "{}", wrap("", &line, usize::from(width).min(80), 0))?;
        }
    }
    // One set of column widths for every owner, so the tables line up. The
    // tables are built twice rather than all kept (with thousands of owners,
    // holding every table at once cost hundreds of megabytes), and owners are
    // built in parallel; only their text is kept, in order.
    let table_of = |owner| owner_table(owner, view, color, width);
    let widths: Vec<u16> = view
        .owners
        .par_iter()
        .map(|owner| table_of(owner).column_max_content_widths())
        .reduce(Vec::new, |mut widths, other| {
            for (i, w) in other.into_iter().enumerate() {
                match widths.get_mut(i) {
                    Some(max) => *max = (*max).max(w),
                    None => widths.push(w),
                }
            }
            widths
        });
    // Below the narrowest width the tables fit without splitting a word, a
    // list instead (and a line saying so).
    let tables: Vec<Option<String>> = view
        .owners
        .par_iter()
        .map(|owner| {
            let mut table = table_of(owner);
            fit_figures(&mut table, &widths, width);
            keep_words_whole(&mut table, width).then(|| table_text(&table))
        })
        .collect();
    let fits = tables.iter().all(Option::is_some);
    if !fits {
        writeln!(
            out,
            "\n{}",
            wrap(
                "",
                &crate::render::narrow_line(width),
                usize::from(width),
                0
            )
        )?;
    }
    for (owner, table) in view.owners.iter().zip(tables) {
        writeln!(out)?;
        writeln!(out, "{}", owner_heading(owner, view.ended, color, width))?;
        match table {
            Some(text) if fits => out.write_all(text.as_bytes())?,
            _ => super::list::owner(owner, color, width, out)?,
        }
    }
    if !view.talking_points.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", bold("Talking points"))?;
        write_talking_points(view, color, width, out)?;
    }
    Ok(())
}

/// `Changes since 2026-11-07 (14 days)`.
pub fn since_line(since: chrono::NaiveDate, as_of: chrono::NaiveDate) -> String {
    let days = (as_of - since).num_days();
    format!(
        "Changes since {} ({days} day{})",
        since.format("%Y-%m-%d"),
        if days == 1 { "" } else { "s" }
    )
}

/// `devrel (team) · score 0.39 · okrs/2026-Q4/devrel.yaml`, broken before a
/// `·` part that would pass `width`.
fn owner_heading(owner: &OwnerStatus, ended: bool, color: bool, width: u16) -> String {
    let what = match &owner.head.only_owned_by {
        Some(person) => format!("key results owned by {person}"),
        None => format!(
            "{} {}",
            super::measure(ended),
            score(owner.head.score.map(|s| s.0))
        ),
    };
    let name = format!("{} ({})", owner.owner, owner.kind);
    dotted(
        paint(color, styles::BOLD, &name),
        &name,
        [what, escape::terminal(&owner.file).into_owned()],
        width,
    )
}

/// `first · part · part`, broken before a part that would pass `width`;
/// `painted` is `first` as printed (perhaps with colour codes).
fn dotted<const N: usize>(painted: String, first: &str, parts: [String; N], width: u16) -> String {
    let mut line = painted;
    let mut used = first.chars().count();
    for part in parts {
        let len = part.chars().count();
        if used + 3 + len <= usize::from(width) {
            line.push_str(" · ");
            used += 3 + len;
        } else {
            line.push('\n');
            used = len;
        }
        line.push_str(&part);
    }
    line
}

fn overview_table(rows: &[OverviewRow], ended: bool, color: bool, width: u16) -> Table {
    let mut table = new_table(color, width);
    table.set_header(super::overview_header(ended).to_vec());
    for row in rows {
        let count = |n: usize, c: Color| {
            let cell = Cell::new(n).set_alignment(CellAlignment::Right);
            if n > 0 {
                cell.fg(c)
            } else {
                cell
            }
        };
        let mut cells = vec![
            Cell::new(format!("{} ({})", row.owner, row.kind)),
            colored(
                Cell::new(format!(
                    "{} {}",
                    bar(row.score.map_or(0.0, |s| s.0), 6),
                    score(row.score.map(|s| s.0))
                )),
                band_color(row.band),
            ),
        ];
        cells.extend(
            super::overview_counts(row, ended)
                .into_iter()
                .map(|(n, c)| count(n, c)),
        );
        table.add_row(cells);
    }
    pad_columns(&mut table);
    table
}

/// From this width on, key results show their titles and bars grow.
const WIDE: u16 = 120;

/// One owner's objectives and key results. Every key result of a view has the
/// same expected progress (the share of the quarter elapsed), so the header
/// says it once; under each bar is the sparkline of the check-in values.
fn owner_table(owner: &OwnerStatus, view: &StatusView, color: bool, width: u16) -> Table {
    let wide = width >= WIDE;
    let bar_width = if wide { 12 } else { 8 };
    let mut table = new_table(color, width);
    // Once the quarter is over nothing is "expected" any more: the key
    // results are judged by their bands.
    let (progress, health) = if view.ended {
        ("Progress\nmeasured".to_string(), "Band\nconf.")
    } else {
        (
            format!("Progress\nexpected {}", percent(view.elapsed.0)),
            "Health\nconf.",
        )
    };
    let projected = !view.ended && !wide && has_projection(owner);
    let mut header = vec![
        if projected {
            "Objective / KR\n  → on pace for".to_string()
        } else {
            "Objective / KR".to_string()
        },
        progress,
        "Now\nbase → target".to_string(),
        health.to_string(),
        "Check-in\nage".to_string(),
    ];
    if let Some(since) = view.since {
        header.push(format!("Since\n{}", since.format("%Y-%m-%d")));
    }
    table.set_header(header);
    for objective in &owner.objectives {
        let mut row = objective_row(objective, bar_width);
        if view.since.is_some() {
            row.push(Cell::new(""));
        }
        table.add_row(row);
        for kr in &objective.key_results {
            table.add_row(kr_row(kr, bar_width, wide));
        }
    }
    pad_columns(&mut table);
    table
}

/// Whether any key result of `owner` shows a projection.
fn has_projection(owner: &OwnerStatus) -> bool {
    owner
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .any(|k| k.figures.projection.is_some())
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
    let title = escape::terminal(objective.title.as_deref().unwrap_or_default());
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
    let mut name = format!("  {}", c.id);
    if with_title && !c.title.is_empty() {
        name.push_str(&format!("\n  {}", c.title));
    }
    // At 80 columns the phrase would wrap: the arrow says "on pace for",
    // as the header explains once.
    match (&kr.figures.projection, c.projection.is_empty(), with_title) {
        (_, true, _) => {}
        (_, false, true) => name.push_str(&format!("\n  {}", c.projection)),
        (Some(p), false, false) => name.push_str(&format!(
            "\n  → {} ({}–{})",
            two_decimals(p.progress.0),
            two_decimals(p.low.0),
            two_decimals(p.high.0)
        )),
        (None, false, false) => name.push_str("\n  too little data"),
    }
    let name = Cell::new(name);
    let since = c.since.as_ref().map(Cell::new);
    if kr.figures.health == Health::Dropped {
        let mut row = vec![
            name.add_attribute(Attribute::Dim),
            Cell::new(""),
            Cell::new(format!("{}\n{}", c.current, c.range)).add_attribute(Attribute::Dim),
            Cell::new("dropped").add_attribute(Attribute::Dim),
            Cell::new(""),
        ];
        row.extend(since.map(|cell| cell.add_attribute(Attribute::Dim)));
        return row;
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
            match kr.figures.health {
                Health::Ended => band_color(kr.figures.band),
                health => health_color(health),
            },
        ),
        checkin,
    ]
    .into_iter()
    .chain(since)
    .collect()
}

fn point_style(kind: PointKind) -> Option<anstyle::Style> {
    match kind {
        PointKind::OffTrack => Some(styles::BAD),
        PointKind::Stalled | PointKind::ConfidenceFell | PointKind::TargetMoved => {
            Some(styles::MEH)
        }
        PointKind::Moved | PointKind::NoteSince | PointKind::Heading => None,
        PointKind::ToGrade
        | PointKind::AtRisk
        | PointKind::Stale
        | PointKind::FallingConfidence => Some(styles::MEH),
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
            &format!("{}: {}", point.key_result, escape::prose(&point.text)),
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
