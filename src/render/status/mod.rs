//! The table, Markdown and CSV of `okr status`, all printed from the one
//! [`StatusView`]; the cells people read come from one helper, [`KrCells`],
//! so the formats never disagree. The terminal table is [`mod@table`]'s; Markdown
//! and CSV are [`markdown`]'s.

mod list;
mod markdown;
pub mod table;

pub use markdown::{csv, markdown};
pub use table::{since_line, table};

use std::io::{self};

use comfy_table::{Cell, Color};

use crate::cli::ViewFormat;
use crate::compute::Health;
use crate::render::style::{percent, plain as fmt_number};
use crate::render::{escape, Output};
use crate::view::status::{
    checkins, on_pace, points_change, KeyResultStatus as KrStatus, OverviewRow, SinceStatus,
    StatusView,
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
    /// `on pace for 0.62 (0.48–0.75)`, `too little data to project: …`, or
    /// empty when no projection is ever made (`current`, dropped, the
    /// quarter over).
    pub projection: String,
    /// With `--since`: `104 → 95 (+15 pp)`, `conf. 0.5 → 0.6`, `2 check-ins`,
    /// one a line; `no check-in since`. `None` without `--since`.
    pub since: Option<String>,
}

const NONE: &str = "–";

/// The overview's columns: pace while the quarter runs, bands once it is
/// over (`docs/format.md#what-is-computed`: no view says "off track" after the quarter).
pub fn overview_header(ended: bool) -> [&'static str; 7] {
    if ended {
        [
            "Owner", "Grade", "Green", "Yellow", "Red", "No data", "To grade",
        ]
    } else {
        [
            "Owner",
            "Score",
            "On track",
            "At risk",
            "Off track",
            "No data",
            "Stale",
        ]
    }
}

/// The overview's five counts, in [`overview_header`]'s order, each with the
/// colour it has on a terminal when it is not 0.
pub fn overview_counts(row: &OverviewRow, ended: bool) -> [(usize, Color); 5] {
    if ended {
        [
            (row.green, Color::DarkGreen),
            (row.yellow, Color::DarkYellow),
            (row.red, Color::DarkRed),
            (row.no_data, Color::Reset),
            (row.to_grade, Color::DarkYellow),
        ]
    } else {
        [
            (row.on_track, Color::DarkGreen),
            (row.at_risk, Color::DarkYellow),
            (row.off_track, Color::DarkRed),
            (row.no_data, Color::Reset),
            (row.stale, Color::DarkYellow),
        ]
    }
}

/// `score` while the quarter runs, `grade` once it is over.
pub fn measure(ended: bool) -> &'static str {
    if ended {
        "grade"
    } else {
        "score"
    }
}

impl KrCells {
    pub fn of(kr: &KrStatus, max_trend: usize) -> KrCells {
        let unit = match kr.unit.as_deref() {
            None => String::new(),
            Some("%") => "%".to_string(),
            Some(unit) => format!(" {}", escape::terminal(unit)),
        };
        KrCells {
            id: kr.id.clone(),
            title: escape::terminal(kr.title.as_deref().unwrap_or_default()).into_owned(),
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
            // Once the quarter is over a key result is judged by its band.
            health: match (kr.figures.health, kr.figures.band) {
                (Health::Ended, Some(band)) => band.as_str(),
                (health, _) => health.label(),
            },
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
            projection: match (&kr.figures.projection, &kr.figures.projection_note) {
                (Some(p), _) => on_pace(p),
                (None, Some(_)) => "too little data to project".to_string(),
                (None, None) => String::new(),
            },
            since: kr.figures.since.as_ref().map(|then| {
                if kr.figures.health == Health::Dropped {
                    String::new()
                } else {
                    since_cell(kr, then)
                }
            }),
        }
    }
}

/// What changed since the `--since` day, one fact a line: value then → now
/// with the change in percentage points (once the quarter is over, in
/// suggested grades), confidence then → now, check-ins added.
fn since_cell(kr: &KrStatus, then: &SinceStatus) -> String {
    if then.checkins == 0 {
        return "no check-in since".to_string();
    }
    let value = |v: Option<crate::number::Num>| v.map_or(NONE.to_string(), |v| fmt_number(v.0));
    let change = if kr.figures.health == Health::Ended {
        format!(
            "grade {:.1} → {:.1}",
            crate::compute::suggested_grade(then.progress.0),
            crate::compute::suggested_grade(kr.figures.progress.0)
        )
    } else {
        points_change(then.progress_change.0)
    };
    let mut lines = vec![
        format!("{} → {}", value(then.value), value(kr.figures.current)),
        change,
    ];
    match (then.confidence, kr.figures.confidence) {
        (None, None) => {}
        (a, b) => lines.push(format!("conf {}→{}", value(a), value(b))),
    }
    lines.push(checkins(then.checkins));
    lines.join("\n")
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
