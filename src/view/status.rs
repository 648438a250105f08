//! The view of `okr status`: where key results stand as of a day, per owner,
//! with an overview and the talking points of a 1:1. Its JSON is `docs/format.md#json-output`;
//! the table, Markdown and CSV renderers print the same view.

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::goalposts::Change;
use crate::compute::projection::Outlook;
use crate::compute::{self, Band, Health};
use crate::config::Config;
use crate::model::{KeyResult, Objective, OwnerKind, Quarter};
use crate::number::{percent, plain, two_decimals, Num};
use crate::view::grade::GoalPosts;
use crate::view::tree::{self, Figures, KrNode, ObjectiveNode, OwnerNode};
use crate::view::{iso_date, iso_date_opt, LeftOut, Selected};

/// Everything `okr status` shows. Field names are a public interface
/// (`docs/format.md#json-output`): add, never rename.
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
    /// views speak in grades and bands, not pace (`docs/format.md#what-is-computed`).
    pub ended: bool,
    /// The owner asked for (`okr status alice`), `null` for every owner.
    pub for_owner: Option<String>,
    /// `--since`: the day the changes are counted from, `null` without it.
    #[serde(serialize_with = "iso_date_opt")]
    pub since: Option<NaiveDate>,
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
    /// Where the line through the quarter's check-ins ends (`docs/format.md#what-is-computed`),
    /// as progress; `null` with too little data, for `current`
    /// and dropped key results, and once the quarter is over.
    pub projection: Option<ProjectionStatus>,
    /// Why there is no projection, in words ("too little data to project: …");
    /// `null` when there is one or none is ever made (`current`, dropped,
    /// the quarter over).
    pub projection_note: Option<String>,
    /// `null` without `--since`; else the key result as of that day and what
    /// came after it.
    pub since: Option<SinceStatus>,
    /// Kept with `current` (no dates): never stale, never stalled, never due.
    #[serde(skip)]
    pub undated: bool,
}

/// A projection, as progress at the quarter's last day.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ProjectionStatus {
    pub progress: Num,
    pub low: Num,
    pub high: Num,
    /// The band `progress` lands in.
    pub band: Band,
}

/// A key result as of the `--since` day, and what came after it.
#[derive(Debug, Clone, Serialize)]
pub struct SinceStatus {
    #[serde(serialize_with = "iso_date")]
    pub date: NaiveDate,
    pub value: Option<Num>,
    pub progress: Num,
    pub confidence: Option<Num>,
    /// Check-ins dated after `date` up to `as_of`.
    pub checkins: usize,
    /// Their notes, in date order.
    pub notes: Vec<Note>,
    /// Progress now minus progress then.
    pub progress_change: Num,
    /// Goal posts (target, baseline) moved in commits after `date` up to
    /// `as_of`, from git (`README.md#goal-posts-targets-moved-mid-quarter`); empty outside git.
    pub changes: Vec<Change>,
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
    /// With `--since`: progress moved since that day (most first).
    Moved,
    /// With `--since`: no movement since that day.
    Stalled,
    /// With `--since`: the confidence now is lower than on that day.
    ConfidenceFell,
    /// With `--since`: a target or baseline moved since that day (git).
    TargetMoved,
    /// With `--since`: a note written since that day.
    NoteSince,
    /// The quarter is over and the key result has no grade yet.
    ToGrade,
    OffTrack,
    AtRisk,
    /// The projection lands in another band than the score today.
    Heading,
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
            PointKind::Moved => "moved",
            PointKind::Stalled => "stalled",
            PointKind::ConfidenceFell => "confidence fell",
            PointKind::TargetMoved => "target moved",
            PointKind::NoteSince => "said since",
            PointKind::ToGrade => "to grade",
            PointKind::Heading => "heading for",
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
    since: Option<NaiveDate>,
    config: &'c Config,
    goal_posts: &'c GoalPosts,
}

impl Figures for AsOf<'_> {
    type Owner = OwnerHead;
    type Objective = ObjectiveHead;
    type Kr = KrStatus;

    fn key_result(&self, s: &Selected, objective: &Objective, kr: &KeyResult) -> KrStatus {
        let as_of = self.as_of;
        let quarter = s.okr.quarter;
        let f = compute::key_result(kr, quarter, Some(as_of), self.config.stale_after_days);
        let since = self.since.map(|day| {
            let then = compute::since::since(kr, day, as_of);
            let changes = self
                .goal_posts
                .changes(&s.file.path, objective.id.as_str(), kr.id.as_str())
                .into_iter()
                .filter(|c| c.date > day && c.date <= as_of)
                .collect();
            SinceStatus {
                date: day,
                value: then.value.map(Num),
                progress: Num(then.progress),
                confidence: then.confidence.map(Num),
                checkins: then.checkins,
                notes: then
                    .notes
                    .into_iter()
                    .map(|(date, text)| Note { date, text })
                    .collect(),
                progress_change: Num(f.progress - then.progress),
                changes,
            }
        });
        let (projection, projection_note) = match compute::projection::outlook(kr, quarter, as_of) {
            Outlook::Line(p) => (
                Some(ProjectionStatus {
                    progress: Num(p.progress),
                    low: Num(p.low),
                    high: Num(p.high),
                    band: Band::of(p.progress),
                }),
                None,
            ),
            Outlook::TooLittleData(why) => (None, Some(why)),
            Outlook::NotMade => (None, None),
        };
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
            projection,
            projection_note,
            since,
            undated: kr.current.is_some(),
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
        StatusView::build_since(
            quarter,
            as_of,
            None,
            for_owner,
            selected,
            left_out,
            config,
            &GoalPosts::default(),
        )
    }

    /// [`StatusView::build`] with what changed since `since` (`--since`),
    /// the goal posts moved since read from git.
    #[allow(clippy::too_many_arguments)]
    pub fn build_since(
        quarter: Quarter,
        as_of: NaiveDate,
        since: Option<NaiveDate>,
        for_owner: Option<&str>,
        selected: &[Selected],
        left_out: LeftOut,
        config: &Config,
        goal_posts: &GoalPosts,
    ) -> StatusView {
        let figures = AsOf {
            as_of,
            since,
            config,
            goal_posts,
        };
        let owners = tree::walk(selected, &figures);
        StatusView {
            quarter,
            first_day: quarter.first_day(),
            last_day: quarter.last_day(),
            as_of,
            elapsed: Num(quarter.elapsed(as_of)),
            ended: quarter.is_over(as_of),
            for_owner: for_owner.map(str::to_string),
            since,
            person_files_left_out: left_out.person_files,
            stale_after_days: config.stale_after_days,
            overview: owners.iter().map(overview_row).collect(),
            talking_points: talking_points(
                &owners,
                as_of,
                quarter.is_over(as_of),
                config.stale_after_days,
            ),
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

/// With `--since`, the changes first: key results that moved (most first),
/// stalled, whose confidence fell, whose goal posts moved, and the notes
/// written since. Then the usual: key results still to grade once the
/// quarter is over, off-track and at-risk ones while it runs, projections
/// that land in another band than today's score, stale ones, falling
/// confidence, missing data, dropped key results with their reasons, and the
/// recent notes (a note older than the stale threshold is old news): in that
/// order, each group in the order of the view.
fn talking_points(
    owners: &[OwnerStatus],
    as_of: NaiveDate,
    ended: bool,
    stale_days: i64,
) -> Vec<TalkingPoint> {
    let mut points = Vec::new();
    let mut moved: Vec<(f64, TalkingPoint)> = Vec::new();
    for (owner, objective, node) in tree::key_results(owners) {
        let kr = &node.figures;
        let path = format!("{}/{}/{}", owner.owner, objective.id, node.id);
        let mut point = |kind, text: String| {
            points.push(TalkingPoint {
                kind,
                key_result: path.clone(),
                title: node.label().to_string(),
                text,
            })
        };
        let mut said_fell = false;
        let mut said_notes = false;
        if let (Some(then), None) = (&kr.since, &kr.dropped) {
            let day = then.date;
            let pp = crate::number::round_half_up(then.progress_change.0 * 100.0, 0);
            let value = |v: Option<Num>| v.map_or("–".to_string(), |v| plain(v.0));
            if pp != 0.0 {
                let text = if ended {
                    format!(
                        "{} → {}, suggested grade {:.1} → {:.1}",
                        value(then.value),
                        value(kr.current),
                        compute::suggested_grade(then.progress.0),
                        compute::suggested_grade(kr.progress.0)
                    )
                } else {
                    format!(
                        "{} → {}, {} → {} ({})",
                        value(then.value),
                        value(kr.current),
                        percent(then.progress.0),
                        percent(kr.progress.0),
                        points_change(then.progress_change.0)
                    )
                };
                moved.push((
                    pp.abs(),
                    TalkingPoint {
                        kind: PointKind::Moved,
                        key_result: path.clone(),
                        title: node.label().to_string(),
                        text,
                    },
                ));
            } else if !ended && !kr.undated && kr.progress.0 < 1.0 {
                let text = if then.checkins == 0 {
                    format!("no check-in since {day} (still {})", percent(kr.progress.0))
                } else {
                    format!(
                        "no movement since {day}: still {} ({}) after {}",
                        value(kr.current),
                        percent(kr.progress.0),
                        checkins(then.checkins)
                    )
                };
                point(PointKind::Stalled, text);
            }
            if let (Some(before), Some(now)) = (then.confidence, kr.confidence) {
                if now.0 < before.0 - crate::number::EPSILON {
                    said_fell = true;
                    point(
                        PointKind::ConfidenceFell,
                        format!("from {} on {day} to {}", plain(before.0), plain(now.0)),
                    );
                }
            }
            for change in &then.changes {
                point(
                    PointKind::TargetMoved,
                    format!(
                        "{} {} → {} on {} ({}), {}",
                        match change.field {
                            crate::compute::goalposts::Field::Target => "target",
                            crate::compute::goalposts::Field::Baseline => "baseline",
                        },
                        plain(change.from),
                        plain(change.to),
                        change.date,
                        change.commit,
                        match change.direction {
                            crate::compute::goalposts::Direction::Eased => "eased",
                            crate::compute::goalposts::Direction::Raised => "raised",
                        }
                    ),
                );
            }
            for note in &then.notes {
                said_notes = true;
                point(
                    PointKind::NoteSince,
                    format!("{}: {}", note.date, note.text),
                );
            }
        }
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
        if let (Some(projection), Some(band)) = (&kr.projection, kr.band) {
            if projection.band != band {
                point(
                    PointKind::Heading,
                    format!(
                        "{}, {}; {} today, {}",
                        on_pace(projection),
                        projection.band.as_str(),
                        two_decimals(kr.score.map_or(0.0, Num::get)),
                        band.as_str()
                    ),
                );
            }
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
        if kr.dropped.is_none() && !said_fell {
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
            let listed = said_notes && kr.since.as_ref().is_some_and(|s| note.date > s.date);
            if kr.dropped.is_none() && !listed && (as_of - note.date).num_days() <= stale_days {
                point(PointKind::Note, format!("{}: {}", note.date, note.text));
            }
        }
    }
    // Most moved first; the sort below is stable, so this order stays.
    moved.sort_by(|a, b| b.0.total_cmp(&a.0));
    points.extend(moved.into_iter().map(|(_, p)| p));
    points.sort_by_key(|p| p.kind); // stable: keeps the view's order inside a kind
    points
}

/// `+15 pp`, `−4 pp`: a change of progress in percentage points.
pub fn points_change(change: f64) -> String {
    let pp = crate::number::round_half_up(change * 100.0, 0);
    if pp > 0.0 {
        format!("+{pp:.0} pp")
    } else if pp < 0.0 {
        format!("−{:.0} pp", -pp)
    } else {
        "±0 pp".to_string()
    }
}

/// `on pace for 0.62 (0.48–0.75)`.
pub fn on_pace(projection: &ProjectionStatus) -> String {
    format!(
        "on pace for {} ({}–{})",
        two_decimals(projection.progress.0),
        two_decimals(projection.low.0),
        two_decimals(projection.high.0)
    )
}

/// `1 check-in`, `3 check-ins`.
pub fn checkins(n: usize) -> String {
    if n == 1 {
        "1 check-in".to_string()
    } else {
        format!("{n} check-ins")
    }
}
