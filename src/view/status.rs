//! The view of `okr status`: where key results stand as of a day, per owner,
//! with an overview and the talking points of a 1:1. Its JSON is FORMAT.md
//! section 6; the table, Markdown and CSV renderers print the same view.

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::{self, Band, Health};
use crate::config::Config;
use crate::model::{KeyResult, Objective, OwnerKind, Quarter};
use crate::number::{percent, plain, Num};
use crate::view::tree::{self, Figures, KrNode, ObjectiveNode, OwnerNode};
use crate::view::{iso_date, iso_date_opt, LeftOut, Selected};

/// Everything `okr status` shows. Field names are a public interface
/// (FORMAT.md section 6): add, never rename.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub quarter: Quarter,
    #[serde(serialize_with = "iso_date")]
    pub first_day: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub last_day: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    /// The share of the quarter elapsed at `as_of`: the progress expected by now.
    pub elapsed: Num,
    /// Whether the quarter is over at `as_of`: then health is `ended` and the
    /// views speak in grades and bands, not pace (FORMAT.md section 3).
    pub ended: bool,
    /// The owner asked for (`okr status alice`), `null` for every owner.
    pub for_owner: Option<String>,
    /// Person files left out of a many-owner view (`--include-personal` shows them).
    pub person_files_left_out: usize,
    /// Days without a check-in after which a key result is stale (`okr.toml`).
    pub stale_after_days: i64,
    /// One line per `owners[]` entry: score and how many key results stand where.
    pub overview: Vec<OverviewRow>,
    pub owners: Vec<OwnerStatus>,
    /// What to talk about in the 1:1, most pressing first.
    pub talking_points: Vec<TalkingPoint>,
}

pub type OwnerStatus = OwnerNode<OwnerHead, ObjectiveHead, KrStatus>;
pub type ObjectiveStatus = ObjectiveNode<ObjectiveHead, KrStatus>;
pub type KeyResultStatus = KrNode<KrStatus>;

#[derive(Debug, Clone, Serialize)]
pub struct OwnerHead {
    /// The owner's score (all its objectives, even in a person's view).
    pub score: Option<Num>,
    pub band: Option<Band>,
    /// In `okr status PERSON`: the team or company entry holds only the key
    /// results this person owns (and their objectives); `null` otherwise.
    pub only_owned_by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveHead {
    /// Weighted mean of the live key results' scores; `null` when all are dropped.
    pub score: Option<Num>,
    pub band: Option<Band>,
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
    /// Key results whose quarter is over (health `ended`).
    pub ended: usize,
    /// Of those, the ones without a `grade` in the file yet.
    pub to_grade: usize,
    /// Live key results with a value, per band of their score.
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct KrStatus {
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
    /// The band of `score`; null when dropped.
    pub band: Option<Band>,
    /// The progress rounded to 0.1: what `okr grade` suggests.
    pub suggested_grade: Option<Num>,
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
    /// The quarter is over and the key result has no grade yet.
    ToGrade,
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
            PointKind::ToGrade => "to grade",
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

/// The figures of a status view: as of a day.
struct AsOf<'c> {
    as_of: NaiveDate,
    config: &'c Config,
}

impl Figures for AsOf<'_> {
    type Owner = OwnerHead;
    type Objective = ObjectiveHead;
    type Kr = KrStatus;

    fn key_result(&self, s: &Selected, _: &Objective, kr: &KeyResult) -> KrStatus {
        let as_of = self.as_of;
        let f = compute::key_result(kr, s.okr.quarter, Some(as_of), self.config.stale_after_days);
        KrStatus {
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
            band: f.score.map(Band::of),
            suggested_grade: f
                .score
                .is_some()
                .then(|| Num(compute::suggested_grade(f.progress))),
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

    fn objective(&self, _: &Selected, _: &Objective, krs: &[KeyResultStatus]) -> ObjectiveHead {
        let score = compute::weighted_mean(
            krs.iter()
                .filter_map(|k| k.figures.score.map(|s| (s.0, k.figures.weight.0))),
        );
        ObjectiveHead {
            score: score.map(Num),
            band: score.map(Band::of),
        }
    }

    fn owner(&self, s: &Selected, objectives: &[ObjectiveStatus]) -> OwnerHead {
        let score = compute::owner_score(objectives.iter().map(|o| o.head.score.map(Num::get)));
        OwnerHead {
            score: score.map(Num),
            band: score.map(Band::of),
            only_owned_by: s.only_owned_by.map(str::to_string),
        }
    }
}

impl StatusView {
    /// The view of the `selected` owners in `quarter` as of `as_of`.
    pub fn build(
        quarter: Quarter,
        as_of: NaiveDate,
        for_owner: Option<&str>,
        selected: &[Selected],
        left_out: LeftOut,
        config: &Config,
    ) -> StatusView {
        let owners = tree::walk(selected, &AsOf { as_of, config });
        StatusView {
            quarter,
            first_day: quarter.first_day(),
            last_day: quarter.last_day(),
            as_of,
            elapsed: Num(quarter.elapsed(as_of)),
            ended: quarter.is_over(as_of),
            for_owner: for_owner.map(str::to_string),
            person_files_left_out: left_out.person_files,
            stale_after_days: config.stale_after_days,
            overview: owners.iter().map(overview_row).collect(),
            talking_points: talking_points(&owners, as_of, config.stale_after_days),
            owners,
        }
    }
}

fn overview_row(owner: &OwnerStatus) -> OverviewRow {
    let krs: Vec<&KrStatus> = owner
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| &k.figures)
        .collect();
    let count = |h: Health| krs.iter().filter(|k| k.health == h).count();
    let bands = |b: Band| {
        krs.iter()
            .filter(|k| k.health != Health::NoData && k.band == Some(b))
            .count()
    };
    OverviewRow {
        owner: owner.owner.clone(),
        kind: owner.kind,
        score: owner.head.score,
        band: owner.head.band,
        key_results: krs.len(),
        on_track: count(Health::OnTrack),
        at_risk: count(Health::AtRisk),
        off_track: count(Health::OffTrack),
        no_data: count(Health::NoData),
        dropped: count(Health::Dropped),
        stale: krs.iter().filter(|k| k.stale).count(),
        ended: count(Health::Ended),
        to_grade: krs
            .iter()
            .filter(|k| k.health == Health::Ended && k.grade.is_none())
            .count(),
        green: bands(Band::Green),
        yellow: bands(Band::Yellow),
        red: bands(Band::Red),
    }
}

/// Key results still to grade once the quarter is over, off-track and
/// at-risk ones while it runs, stale ones, falling confidence, missing
/// data, dropped key results with their reasons, and the recent notes (a note
/// older than the stale threshold is old news): in that order, each group in
/// the order of the view.
fn talking_points(owners: &[OwnerStatus], as_of: NaiveDate, stale_days: i64) -> Vec<TalkingPoint> {
    let mut points = Vec::new();
    for (owner, objective, node) in tree::key_results(owners) {
        let kr = &node.figures;
        let mut point = |kind, text: String| {
            points.push(TalkingPoint {
                kind,
                key_result: format!("{}/{}/{}", owner.owner, objective.id, node.id),
                title: node.label().to_string(),
                text,
            })
        };
        if kr.health == Health::Ended && kr.grade.is_none() {
            let suggested = kr.suggested_grade.map_or(0.0, Num::get);
            point(
                PointKind::ToGrade,
                format!(
                    "no grade yet; suggested {suggested:.1} ({} of the way)",
                    percent(kr.progress.0)
                ),
            );
        }
        if matches!(kr.health, Health::OffTrack | Health::AtRisk) {
            let kind = if kr.health == Health::OffTrack {
                PointKind::OffTrack
            } else {
                PointKind::AtRisk
            };
            let confidence = kr
                .confidence
                .map(|c| format!(", confidence {}", plain(c.0)))
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
                    format!("no check-in for {age} days (last on {date}; stale after {stale_days} days)")
                }
                _ => format!("no check-in yet this quarter (stale after {stale_days} days)"),
            };
            point(PointKind::Stale, text);
        }
        if kr.dropped.is_none() {
            if let (Some(before), Some(latest)) = (kr.confidence_fell_from, kr.confidence) {
                point(
                    PointKind::FallingConfidence,
                    format!("fell from {} to {}", plain(before.0), plain(latest.0)),
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
            if kr.dropped.is_none() && (as_of - note.date).num_days() <= stale_days {
                point(PointKind::Note, format!("{}: {}", note.date, note.text));
            }
        }
    }
    points.sort_by_key(|p| p.kind); // stable: keeps the view's order inside a kind
    points
}
