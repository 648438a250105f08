//! `okr status`: where key results stand as of a day, per owner, with the
//! talking points of a 1:1. Builds one [`StatusView`] (its JSON is FORMAT.md
//! section 6); the table, Markdown and CSV renderers all print that view.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::cli::{StatusArgs, ViewFormat};
use crate::commands::{self, Selected};
use crate::compute::{self, Band, Health, KrFigures};
use crate::error::Exit;
use crate::model::quarter::Quarter;
use crate::model::{fmt_number, KeyResult, Objective, OwnerKind};
use crate::render;
use crate::Output;

/// Everything `okr status` shows. Field names are a public interface
/// (FORMAT.md section 6): add, never rename.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub quarter: Quarter,
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    /// The share of the quarter elapsed at `as_of`: the progress expected by now.
    pub elapsed: Num,
    /// The owner asked for (`okr status alice`), `null` for every owner.
    pub for_owner: Option<String>,
    /// One line per `owners[]` entry: score and how many key results stand where.
    pub overview: Vec<OverviewRow>,
    pub owners: Vec<OwnerStatus>,
    /// What to talk about in the 1:1, most pressing first.
    pub talking_points: Vec<TalkingPoint>,
}

/// An owner's line in the overview. Counts are over the key results shown.
#[derive(Debug, Clone, Serialize)]
pub struct OverviewRow {
    pub owner: String,
    pub kind: OwnerKind,
    pub score: Option<Num>,
    pub band: Option<Band>,
    pub key_results: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub no_data: usize,
    pub dropped: usize,
    pub stale: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnerStatus {
    pub owner: String,
    pub kind: OwnerKind,
    /// The path as in diagnostics.
    pub file: String,
    /// The owner's score (all its objectives, even in a person's view).
    pub score: Option<Num>,
    pub band: Option<Band>,
    /// In `okr status PERSON`: the team or company entry holds only the key
    /// results this person owns (and their objectives); `null` otherwise.
    pub only_owned_by: Option<String>,
    pub objectives: Vec<ObjectiveStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveStatus {
    pub id: String,
    pub title: Option<String>,
    pub committed: bool,
    pub aligns: Option<String>,
    /// Weighted mean of the live key results' scores; `null` when all are dropped.
    pub score: Option<Num>,
    pub band: Option<Band>,
    pub key_results: Vec<KrStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KrStatus {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub unit: Option<String>,
    pub baseline: Num,
    pub target: Num,
    pub current: Option<Num>,
    pub progress: Num,
    pub expected: Num,
    pub health: Health,
    pub confidence: Option<Num>,
    #[serde(serialize_with = "iso_date_opt")]
    pub last_checkin: Option<NaiveDate>,
    pub stale: bool,
    pub trend: Vec<Num>,
    pub grade: Option<Num>,
    pub score: Option<Num>,
    pub dropped: Option<String>,
    pub weight: Num,
    /// The confidence stated before the latest one, when the latest is lower.
    pub confidence_fell_from: Option<Num>,
    /// Days from the last check-in to `as_of`.
    pub checkin_age_days: Option<i64>,
    /// The latest note of a check-in up to `as_of`.
    pub latest_note: Option<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    pub text: String,
}

/// Why a key result is worth a word in the 1:1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    OffTrack,
    AtRisk,
    Stale,
    FallingConfidence,
    NoData,
    Dropped,
    Note,
}

impl PointKind {
    /// The words shown before the point's text.
    pub fn label(self) -> &'static str {
        match self {
            PointKind::OffTrack => "off track",
            PointKind::AtRisk => "at risk",
            PointKind::Stale => "stale",
            PointKind::FallingConfidence => "confidence ↓",
            PointKind::NoData => "no data",
            PointKind::Dropped => "dropped",
            PointKind::Note => "note",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TalkingPoint {
    pub kind: PointKind,
    /// `OWNER/OBJECTIVE/KEY_RESULT`, as `okr checkin` names a key result.
    pub key_result: String,
    pub title: String,
    pub text: String,
}

/// A number as JSON shows it: unrounded, and integral values without `.0`
/// (`120`, not `120.0`).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        // Below 2^53 every integral f64 is exactly an i64.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

fn iso_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&date.format("%Y-%m-%d"))
}

fn iso_date_opt<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => iso_date(date, s),
        None => s.serialize_none(),
    }
}

pub fn run(args: &StatusArgs, dir: Option<&Path>, output: &mut Output) -> Result<Exit> {
    let workspace = commands::load_workspace(dir)?;
    let as_of = commands::as_of_date(args.as_of.as_deref())?;
    let choice = commands::choose_quarter(&workspace, args.quarter.as_deref(), as_of)?;

    // Invalid files are left out of the view; say why on stderr, first, so
    // that an owner whose only file is broken learns why it is not found.
    render::left_out(&workspace.all_diagnostics(), output.color_err, output.err)?;
    if let Some(note) = &choice.note {
        render::note(note, output.color_err, output.err)?;
    }

    let selected = commands::select(&workspace, choice.quarter, args.owner.as_deref())?;
    let view = build(choice.quarter, as_of, args.owner.as_deref(), &selected);

    match args.format {
        ViewFormat::Table => {
            let width = render::output_width();
            render::status::table(&view, output.color_out, width, output.out)?
        }
        ViewFormat::Json => render::json(&view, output.out)?,
        ViewFormat::Markdown => render::status::markdown(&view, output.out)?,
        ViewFormat::Csv => render::status::csv(&view, output.out)?,
    }
    Ok(Exit::from_failure(workspace.has_errors()))
}

/// The view of the `selected` owners in `quarter` as of `as_of`.
pub fn build(
    quarter: Quarter,
    as_of: NaiveDate,
    for_owner: Option<&str>,
    selected: &[Selected],
) -> StatusView {
    let owners: Vec<OwnerStatus> = selected.iter().map(|s| owner_status(s, as_of)).collect();
    StatusView {
        quarter,
        as_of,
        elapsed: Num(quarter.elapsed(as_of)),
        for_owner: for_owner.map(str::to_string),
        overview: owners.iter().map(overview_row).collect(),
        talking_points: talking_points(&owners, as_of),
        owners,
    }
}

fn owner_status(s: &Selected, as_of: NaiveDate) -> OwnerStatus {
    let figures = compute::file_figures(s.okr, Some(as_of));
    let objective_scores: Vec<Option<f64>> = s
        .okr
        .objectives
        .iter()
        .zip(&figures)
        .map(|(o, f)| compute::objective_score(o, f))
        .collect();
    let score = compute::owner_score(objective_scores.iter().copied());
    let objectives = s
        .okr
        .objectives
        .iter()
        .zip(&figures)
        .zip(&objective_scores)
        .filter_map(|((objective, figures), &score)| {
            let key_results: Vec<KrStatus> = objective
                .key_results
                .iter()
                .zip(figures)
                .filter(|(kr, _)| s.includes(kr))
                .map(|(kr, f)| kr_status(kr, f, as_of))
                .collect();
            // In a person's view, objectives without their key results are left out.
            (s.only_owned_by.is_none() || !key_results.is_empty())
                .then(|| objective_status(objective, score, key_results))
        })
        .collect();
    OwnerStatus {
        owner: s.owner.to_string(),
        kind: s.kind,
        file: s.file.display.clone(),
        score: score.map(Num),
        band: score.map(Band::of),
        only_owned_by: s.only_owned_by.map(str::to_string),
        objectives,
    }
}

fn objective_status(
    objective: &Objective,
    score: Option<f64>,
    key_results: Vec<KrStatus>,
) -> ObjectiveStatus {
    ObjectiveStatus {
        id: objective.id.to_string(),
        title: objective.title.clone(),
        committed: objective.committed,
        aligns: objective.aligns.as_ref().map(ToString::to_string),
        score: score.map(Num),
        band: score.map(Band::of),
        key_results,
    }
}

fn kr_status(kr: &KeyResult, f: &KrFigures, as_of: NaiveDate) -> KrStatus {
    KrStatus {
        id: kr.id.to_string(),
        title: kr.title.clone(),
        owner: kr.owner.as_ref().map(ToString::to_string),
        unit: kr.unit.clone(),
        baseline: Num(kr.baseline.0),
        target: Num(kr.target.0),
        current: f.current.map(Num),
        progress: Num(f.progress),
        expected: Num(f.expected),
        health: f.health,
        confidence: f.confidence.map(Num),
        last_checkin: f.last_checkin,
        stale: f.stale,
        trend: f.trend.iter().copied().map(Num).collect(),
        grade: f.grade.map(Num),
        score: f.score.map(Num),
        dropped: kr.dropped.clone(),
        weight: Num(kr.weight()),
        confidence_fell_from: compute::confidence_drop(kr, Some(as_of))
            .map(|(before, _)| Num(before)),
        checkin_age_days: f.last_checkin.map(|d| (as_of - d).num_days()),
        latest_note: compute::latest_note(kr, Some(as_of)).map(|(date, text)| Note {
            date,
            text: text.to_string(),
        }),
    }
}

fn overview_row(owner: &OwnerStatus) -> OverviewRow {
    let krs: Vec<&KrStatus> = owner
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .collect();
    let count = |h: Health| krs.iter().filter(|k| k.health == h).count();
    OverviewRow {
        owner: owner.owner.clone(),
        kind: owner.kind,
        score: owner.score,
        band: owner.band,
        key_results: krs.len(),
        on_track: count(Health::OnTrack),
        at_risk: count(Health::AtRisk),
        off_track: count(Health::OffTrack),
        no_data: count(Health::NoData),
        dropped: count(Health::Dropped),
        stale: krs.iter().filter(|k| k.stale).count(),
    }
}

/// A note older than this is old news, not a talking point.
const RECENT_NOTE_DAYS: i64 = compute::STALE_AFTER_DAYS;

/// Off-track and at-risk key results, stale ones, falling confidence, missing
/// data, dropped key results with their reasons, and the recent notes: in that
/// order, each group in the order of the view.
fn talking_points(owners: &[OwnerStatus], as_of: NaiveDate) -> Vec<TalkingPoint> {
    let mut points = Vec::new();
    for owner in owners {
        for objective in &owner.objectives {
            for kr in &objective.key_results {
                let mut point = |kind, text: String| {
                    points.push(TalkingPoint {
                        kind,
                        key_result: format!("{}/{}/{}", owner.owner, objective.id, kr.id),
                        title: kr.title.clone().unwrap_or_else(|| kr.id.clone()),
                        text,
                    })
                };
                if matches!(kr.health, Health::OffTrack | Health::AtRisk) {
                    let kind = if kr.health == Health::OffTrack {
                        PointKind::OffTrack
                    } else {
                        PointKind::AtRisk
                    };
                    let confidence = kr
                        .confidence
                        .map(|c| format!(", confidence {}", fmt_number(c.0)))
                        .unwrap_or_default();
                    point(
                        kind,
                        format!(
                            "{} done, {} expected by now{confidence}",
                            percent(kr.progress.0),
                            percent(kr.expected.0)
                        ),
                    );
                }
                if kr.stale {
                    let text = match (kr.last_checkin, kr.checkin_age_days) {
                        (Some(date), Some(age)) => {
                            format!("no check-in for {age} days (last on {date})")
                        }
                        _ => "no check-in yet this quarter".to_string(),
                    };
                    point(PointKind::Stale, text);
                }
                if kr.dropped.is_none() {
                    if let Some((before, latest)) = falling(kr) {
                        point(
                            PointKind::FallingConfidence,
                            format!("fell from {} to {}", fmt_number(before), fmt_number(latest)),
                        );
                    }
                }
                // Before the quarter starts no value is expected yet.
                if kr.health == Health::NoData && !kr.stale && kr.expected.0 > 0.0 {
                    point(PointKind::NoData, "no value measured yet".to_string());
                }
                if let Some(reason) = &kr.dropped {
                    point(PointKind::Dropped, reason.clone());
                }
                if let Some(note) = &kr.latest_note {
                    if kr.dropped.is_none() && (as_of - note.date).num_days() <= RECENT_NOTE_DAYS {
                        point(PointKind::Note, format!("{}: {}", note.date, note.text));
                    }
                }
            }
        }
    }
    points.sort_by_key(|p| p.kind); // stable: keeps the view's order inside a kind
    points
}

/// The confidence drop of a key result, as the view recorded it.
fn falling(kr: &KrStatus) -> Option<(f64, f64)> {
    Some((kr.confidence_fell_from?.0, kr.confidence?.0))
}

/// `0.4167` → `42%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.0}%", fraction * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integral_numbers_serialize_without_a_fraction() {
        let json = |v: f64| serde_json::to_string(&Num(v)).unwrap();
        assert_eq!(json(120.0), "120");
        assert_eq!(json(-3.0), "-3");
        assert_eq!(json(-0.0), "0");
        assert_eq!(json(0.6), "0.6");
        assert_eq!(json(25.0 / 60.0), "0.4166666666666667");
        assert_eq!(json(1e300), "1e+300", "past 2^53 a float stays a float");
    }

    #[test]
    fn percentages_round_to_whole_numbers() {
        assert_eq!(percent(52.0 / 92.0), "57%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
    }
}
