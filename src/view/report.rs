//! The view of `okr report`: the quarter's share-out for the organisation.
//!
//! Nothing is computed here: every figure comes from the [`StatusView`] (scores,
//! health, current values) and the [`GradeView`] (grades, bands, the grade
//! distribution) of the same owners, zipped level by level into the one
//! owner → objective → key-result tree. While the quarter runs an objective
//! shows its score; once it is over, its grade (`measure`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::{Band, Health};
use crate::model::{OwnerKind, Quarter};
use crate::number::Num;
use crate::view::grade::{Bucket, GradeView, KeyResultGrade, KrGrade, ObjectiveGrade, OwnerGrade};
use crate::view::status::{
    KeyResultStatus, KrStatus, ObjectiveStatus, OwnerStatus, ProjectionStatus, StatusView,
};
use crate::view::tree::{self, KrNode, ObjectiveNode, OwnerNode};
use crate::view::{iso_date, quarter_heading};

/// What an objective's headline figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The quarter runs: the score so far (`docs/format.md#what-is-computed`).
    Score,
    /// The quarter is over: the grade (given, else suggested).
    Grade,
}

/// Everything `okr report` shows; the JSON nests as `docs/format.md#json-output`.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub quarter: Quarter,
    /// "2026-Q4 · 1 Oct – 31 Dec 2026"
    pub heading: String,
    #[serde(serialize_with = "iso_date")]
    pub first_day: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub last_day: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    /// The share of the quarter elapsed at `as_of`.
    pub elapsed: Num,
    /// Whether the quarter is over at `as_of`: then grades are shown.
    pub ended: bool,
    /// What `figure` and `band` are at every level: `score` or `grade`.
    pub measure: Measure,
    /// Person files left out (`--include-personal` shows them).
    pub person_files_left_out: usize,
    pub owners: Vec<OwnerReport>,
    /// Key results dropped mid-quarter, with their reasons.
    pub changed_course: Vec<Dropped>,
    pub picture: Picture,
}

pub type OwnerReport = OwnerNode<OwnerHead, ObjectiveHead, KrReport>;
pub type ObjectiveReport = ObjectiveNode<ObjectiveHead, KrReport>;
pub type KeyResultReport = KrNode<KrReport>;

#[derive(Debug, Clone, Serialize)]
pub struct OwnerHead {
    /// The score from `okr status`.
    pub score: Option<Num>,
    /// The grade from `okr grade`.
    pub grade: Option<Num>,
    /// The score while the quarter runs, the grade once it is over.
    pub figure: Option<Num>,
    pub band: Option<Band>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveHead {
    pub score: Option<Num>,
    pub grade: Option<Num>,
    pub figure: Option<Num>,
    pub band: Option<Band>,
    /// The title of the objective this one aligns with, when it is in the view.
    pub aligns_title: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KrReport {
    pub baseline: Num,
    pub current: Option<Num>,
    pub target: Num,
    pub progress: Num,
    pub expected: Num,
    pub health: Health,
    pub confidence: Option<Num>,
    pub stale: bool,
    pub score: Option<Num>,
    pub grade: Option<Num>,
    /// True when the file gives a grade.
    pub graded: bool,
    pub figure: Option<Num>,
    /// The band of `figure`; null when dropped.
    pub band: Option<Band>,
    pub dropped: Option<String>,
    /// Where the key result is on pace to end the quarter (as in `status`);
    /// `null` with too little data, and once the quarter is over.
    pub projection: Option<ProjectionStatus>,
    /// Why there is no projection (too little data), as in `status`.
    pub projection_note: Option<String>,
}

/// A key result dropped mid-quarter.
#[derive(Debug, Clone, Serialize)]
pub struct Dropped {
    pub owner: String,
    pub objective: String,
    pub objective_title: String,
    pub key_result: String,
    pub title: String,
    pub reason: String,
}

/// The quarter at a glance.
#[derive(Debug, Serialize)]
pub struct Picture {
    /// Key results that are not dropped.
    pub live_key_results: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub no_data: usize,
    pub dropped: usize,
    /// Live key results with data once the quarter is over (health `ended`).
    pub ended: usize,
    /// Of those, the ones the file gives no grade yet.
    pub to_grade: usize,
    /// `on_track / live_key_results`; null without live key results.
    pub share_on_track: Option<Num>,
    /// Live key results per band of their grade (suggested while the quarter runs).
    pub grade_bands: GradeBands,
    /// Key results per grade rounded to 0.1, from 0.0 to 1.0.
    pub grade_distribution: Vec<Bucket>,
    pub average_grade: Option<Num>,
    /// Team (and person) objectives that align with nothing. Company
    /// objectives are the top of the cascade and are not counted.
    pub not_aligned: Vec<ObjectiveRef>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct GradeBands {
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveRef {
    pub owner: String,
    pub kind: OwnerKind,
    pub objective: String,
    pub title: String,
}

impl ReportView {
    /// Joins the status and grade views of the same selection, as of the same day.
    pub fn build(status: StatusView, grade: &GradeView) -> ReportView {
        let measure = if grade.ended {
            Measure::Grade
        } else {
            Measure::Score
        };
        let titles: Vec<(String, String)> = status
            .owners
            .iter()
            .flat_map(|o| {
                o.objectives
                    .iter()
                    .map(move |j| (format!("{}/{}", o.owner, j.id), j.label().to_string()))
            })
            .collect();
        let owners: Vec<OwnerReport> = status
            .owners
            .iter()
            .zip(&grade.owners)
            .map(|(s, g)| owner(s, g, measure, &titles))
            .collect();
        let count = |h: Health| {
            status
                .overview
                .iter()
                .map(|r| count_of(r, h))
                .sum::<usize>()
        };
        let dropped = count(Health::Dropped);
        let live = status.overview.iter().map(|r| r.key_results).sum::<usize>() - dropped;
        let on_track = count(Health::OnTrack);
        let summary = &grade.summary;
        let picture = Picture {
            live_key_results: live,
            on_track,
            at_risk: count(Health::AtRisk),
            off_track: count(Health::OffTrack),
            no_data: count(Health::NoData),
            dropped,
            ended: count(Health::Ended),
            to_grade: status.overview.iter().map(|r| r.to_grade).sum(),
            // Pace means nothing once the quarter is over.
            share_on_track: (live > 0 && !grade.ended).then(|| Num(on_track as f64 / live as f64)),
            grade_bands: GradeBands {
                red: summary.bands.red,
                yellow: summary.bands.yellow,
                green: summary.bands.green,
            },
            grade_distribution: summary
                .distribution
                .iter()
                .map(|b| Bucket {
                    grade: b.grade,
                    key_results: b.key_results,
                })
                .collect(),
            average_grade: summary.average,
            not_aligned: owners
                .iter()
                .filter(|o| o.kind != OwnerKind::Company)
                .flat_map(|o| {
                    o.objectives
                        .iter()
                        .filter(|j| j.aligns.is_none())
                        .map(|j| ObjectiveRef {
                            owner: o.owner.clone(),
                            kind: o.kind,
                            objective: j.id.clone(),
                            title: j.label().to_string(),
                        })
                })
                .collect(),
        };
        let changed_course = tree::key_results(&owners)
            .filter_map(|(o, j, k)| {
                Some(Dropped {
                    owner: o.owner.clone(),
                    objective: j.id.clone(),
                    objective_title: j.label().to_string(),
                    key_result: k.id.clone(),
                    title: k.label().to_string(),
                    reason: k.figures.dropped.clone()?,
                })
            })
            .collect();
        ReportView {
            quarter: status.quarter,
            heading: quarter_heading(status.quarter),
            first_day: status.first_day,
            last_day: status.last_day,
            as_of: status.as_of,
            elapsed: status.elapsed,
            ended: grade.ended,
            measure,
            person_files_left_out: status.person_files_left_out,
            owners,
            changed_course,
            picture,
        }
    }
}

fn count_of(row: &crate::view::status::OverviewRow, health: Health) -> usize {
    match health {
        Health::OnTrack => row.on_track,
        Health::AtRisk => row.at_risk,
        Health::OffTrack => row.off_track,
        Health::Ended => row.ended,
        Health::NoData => row.no_data,
        Health::Dropped => row.dropped,
    }
}

/// The shown figure and its band: the status's while the quarter runs, the
/// grade's once it is over. Both views judged the band already.
fn pick(
    measure: Measure,
    score: (Option<Num>, Option<Band>),
    grade: (Option<Num>, Option<Band>),
) -> (Option<Num>, Option<Band>) {
    match measure {
        Measure::Score => score,
        Measure::Grade => grade,
    }
}

fn owner(
    s: &OwnerStatus,
    g: &OwnerGrade,
    measure: Measure,
    titles: &[(String, String)],
) -> OwnerReport {
    debug_assert_eq!(s.owner, g.owner, "one selection, one order");
    let (figure, band) = pick(
        measure,
        (s.head.score, s.head.band),
        (g.head.grade, g.head.band),
    );
    OwnerNode {
        owner: s.owner.clone(),
        kind: s.kind,
        file: s.file.clone(),
        head: OwnerHead {
            score: s.head.score,
            grade: g.head.grade,
            figure,
            band,
        },
        objectives: s
            .objectives
            .iter()
            .zip(&g.objectives)
            .map(|(s, g)| objective(s, g, measure, titles))
            .collect(),
    }
}

fn objective(
    s: &ObjectiveStatus,
    g: &ObjectiveGrade,
    measure: Measure,
    titles: &[(String, String)],
) -> ObjectiveReport {
    debug_assert_eq!(s.id, g.id, "one selection, one order");
    let (figure, band) = pick(
        measure,
        (s.head.score, s.head.band),
        (g.head.grade, g.head.band),
    );
    let aligns_title = s.aligns.as_ref().and_then(|aligns| {
        titles
            .iter()
            .find(|(path, _)| path == aligns)
            .map(|(_, title)| title.clone())
    });
    ObjectiveNode {
        id: s.id.clone(),
        title: s.title.clone(),
        committed: s.committed,
        aligns: s.aligns.clone(),
        head: ObjectiveHead {
            score: s.head.score,
            grade: g.head.grade,
            figure,
            band,
            aligns_title,
        },
        key_results: s
            .key_results
            .iter()
            .zip(&g.key_results)
            .map(|(s, g)| key_result(s, g, measure))
            .collect(),
    }
}

fn key_result(s: &KeyResultStatus, g: &KrGrade, measure: Measure) -> KeyResultReport {
    debug_assert_eq!(s.id, g.id, "one selection, one order");
    let (st, gr): (&KrStatus, &KeyResultGrade) = (&s.figures, &g.figures);
    // A key result's band in `status` terms is the band of its score, judged
    // by the one rule (`Band::of`), as `grade` judges its grade.
    let (figure, band) = pick(
        measure,
        (st.score, st.score.map(|n| Band::of(n.get()))),
        (gr.grade, gr.band),
    );
    KrNode {
        id: s.id.clone(),
        title: s.title.clone(),
        owner: s.owner.clone(),
        unit: s.unit.clone(),
        figures: KrReport {
            baseline: st.baseline,
            current: st.current,
            target: st.target,
            progress: st.progress,
            expected: st.expected,
            health: st.health,
            confidence: st.confidence,
            stale: st.stale,
            score: st.score,
            grade: gr.grade,
            graded: gr.graded,
            figure,
            band,
            dropped: st.dropped.clone(),
            projection: st.projection,
            projection_note: st.projection_note.clone(),
        },
    }
}
