//! What is computed from the files (`docs/format.md#what-is-computed`), in one place: every
//! view takes these numbers from here, each from exactly one function.
//! The grading thresholds and flags are in [`grading`].

pub mod goalposts;
pub mod grading;
pub mod projection;
pub mod since;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::quarter::Quarter;
use crate::model::{Checkin, KeyResult, Objective, OkrFile};
use crate::number::{round2, EPSILON};

/// Below this a score is red (0.0–0.3 in Google's words).
pub const RED_BELOW: f64 = 0.4;
/// Below this a score is yellow (0.4–0.6); from it on, green (0.7–1.0).
pub const YELLOW_BELOW: f64 = 0.7;
/// How far behind the expected progress a key result may be and still be on track.
pub const ON_TRACK_SLACK: f64 = 0.10;
/// How far behind it may be and be at risk rather than off track.
pub const AT_RISK_SLACK: f64 = 0.25;
/// A check-in may be dated up to this many days after the quarter's last day,
/// for the final measurement.
pub const GRACE_DAYS: i64 = 14;

/// Red, yellow or green, from a score or grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Red,
    Yellow,
    Green,
}

impl Band {
    /// The band of a score or grade, judged on the value as shown (two
    /// decimals, half up): 0.39999999999 is 0.40, yellow.
    pub fn of(score: f64) -> Band {
        let score = round2(score);
        if score < RED_BELOW - EPSILON {
            Band::Red
        } else if score < YELLOW_BELOW - EPSILON {
            Band::Yellow
        } else {
            Band::Green
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Red => "red",
            Band::Yellow => "yellow",
            Band::Green => "green",
        }
    }
}

/// Where a key result stands against the time elapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    OnTrack,
    AtRisk,
    OffTrack,
    /// The quarter is over (the as-of day is after its last day): pace means
    /// nothing any more, the key result is judged by its grade and band.
    Ended,
    NoData,
    Dropped,
}

impl Health {
    pub fn as_str(self) -> &'static str {
        match self {
            Health::OnTrack => "on_track",
            Health::AtRisk => "at_risk",
            Health::OffTrack => "off_track",
            Health::Ended => "ended",
            Health::NoData => "no_data",
            Health::Dropped => "dropped",
        }
    }

    /// The words shown to people: "on track", "no data".
    pub fn label(self) -> &'static str {
        match self {
            Health::OnTrack => "on track",
            Health::AtRisk => "at risk",
            Health::OffTrack => "off track",
            Health::Ended => "ended",
            Health::NoData => "no data",
            Health::Dropped => "dropped",
        }
    }
}

/// A key result's check-ins dated up to `as_of`, in date order.
pub fn checkins_until(kr: &KeyResult, as_of: Option<NaiveDate>) -> Vec<&Checkin> {
    let mut checkins: Vec<&Checkin> = kr
        .checkins()
        .iter()
        .filter(|c| as_of.is_none_or(|d| c.date.0 <= d))
        .collect();
    checkins.sort_by_key(|c| c.date);
    checkins
}

/// `current` if set, else the value of the latest check-in (up to `as_of`).
pub fn current(kr: &KeyResult, as_of: Option<NaiveDate>) -> Option<f64> {
    kr.current
        .map(|c| c.0)
        .or_else(|| checkins_until(kr, as_of).last().map(|c| c.value.0))
}

/// Confidence of the latest check-in (up to `as_of`) that states one.
pub fn confidence(kr: &KeyResult, as_of: Option<NaiveDate>) -> Option<f64> {
    checkins_until(kr, as_of)
        .iter()
        .rev()
        .find_map(|c| c.confidence.map(|c| c.0))
}

/// The check-in values up to `as_of`, in date order.
pub fn trend(kr: &KeyResult, as_of: Option<NaiveDate>) -> Vec<f64> {
    checkins_until(kr, as_of)
        .iter()
        .map(|c| c.value.0)
        .collect()
}

/// The last two confidences stated up to `as_of`, `(before, latest)`, when
/// the latest is lower: a falling confidence is worth a word in a 1:1.
pub fn confidence_drop(kr: &KeyResult, as_of: Option<NaiveDate>) -> Option<(f64, f64)> {
    let mut stated = checkins_until(kr, as_of)
        .into_iter()
        .rev()
        .filter_map(|c| c.confidence.map(|c| c.0));
    let latest = stated.next()?;
    let before = stated.next()?;
    (latest < before).then_some((before, latest))
}

/// The latest check-in (up to `as_of`) that has a note: its date and the note.
pub fn latest_note(kr: &KeyResult, as_of: Option<NaiveDate>) -> Option<(NaiveDate, &str)> {
    checkins_until(kr, as_of)
        .into_iter()
        .rev()
        .find_map(|c| c.note.as_deref().map(|n| (c.date.0, n)))
}

/// The date of the latest check-in up to `as_of`.
pub fn last_checkin(kr: &KeyResult, as_of: Option<NaiveDate>) -> Option<NaiveDate> {
    checkins_until(kr, as_of).last().map(|c| c.date.0)
}

/// clamp((current − baseline) / (target − baseline), 0, 1); 0 without a current value.
pub fn progress(baseline: f64, target: f64, current: Option<f64>) -> f64 {
    let Some(current) = current else { return 0.0 };
    let span = target - baseline;
    if span == 0.0 {
        // Rejected by the checks; kept total so no input can make a NaN.
        return 0.0;
    }
    ((current - baseline) / span).clamp(0.0, 1.0)
}

/// Progress rounded to the nearest 0.1, halves up.
pub fn suggested_grade(progress: f64) -> f64 {
    // Nudged past binary noise, so that 0.35 (stored as 0.3499…) rounds up too.
    crate::number::round_half_up(progress, 1)
}

/// The weighted mean of `(score, weight)` pairs; `None` when there are none.
pub fn weighted_mean(scores: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (sum, weights) = scores
        .into_iter()
        .fold((0.0, 0.0), |(s, w), (score, weight)| {
            (s + score * weight, w + weight)
        });
    (weights > 0.0).then(|| sum / weights)
}

/// The plain mean; `None` when empty.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    weighted_mean(values.into_iter().map(|v| (v, 1.0)))
}

/// health at `expected` progress: dropped, no data, on track, at risk or off
/// track, judged on both figures as shown (two decimals, half up); `ended`
/// for a live key result with data once the quarter is over.
pub fn health(
    dropped: bool,
    current: Option<f64>,
    progress: f64,
    expected: f64,
    ended: bool,
) -> Health {
    let (progress, expected) = (round2(progress), round2(expected));
    if dropped {
        Health::Dropped
    } else if current.is_none() {
        Health::NoData
    } else if ended {
        Health::Ended
    } else if progress >= expected - ON_TRACK_SLACK - EPSILON {
        Health::OnTrack
    } else if progress >= expected - AT_RISK_SLACK - EPSILON {
        Health::AtRisk
    } else {
        Health::OffTrack
    }
}

/// Stale: the quarter is running at `as_of`, and the latest check-in is more
/// than `stale_after_days` (`okr.toml`, default 14) before it (or there is
/// none and the quarter is more than that old). A key result kept with
/// `current` has no dates and is never stale.
pub fn stale(kr: &KeyResult, quarter: Quarter, as_of: NaiveDate, stale_after_days: i64) -> bool {
    if kr.current.is_some() || kr.dropped.is_some() || !quarter.contains(as_of) {
        return false;
    }
    let since = last_checkin(kr, Some(as_of)).unwrap_or(quarter.first_day());
    (as_of - since).num_days() > stale_after_days
}

/// Whether a check-in is owed (`okr due`, `README.md#commands`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Stale at the as-of day.
    Overdue,
    /// Stale within the next [`DUE_WITHIN_DAYS`] days, while the quarter runs.
    Due,
}

impl DueState {
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Overdue => "overdue",
            DueState::Due => "due",
        }
    }
}

/// `okr due` lists what becomes stale within this many days of the as-of day.
pub const DUE_WITHIN_DAYS: u64 = 7;

/// The day `kr` becomes stale: its last check-in (up to `as_of`) plus
/// `stale_after_days` plus 1, or the quarter's first day plus as much
/// without one; `None` for a key result kept with `current` (no dates) or
/// dropped.
pub fn due_on(
    kr: &KeyResult,
    quarter: Quarter,
    as_of: NaiveDate,
    stale_after_days: i64,
) -> Option<NaiveDate> {
    if kr.current.is_some() || kr.dropped.is_some() {
        return None;
    }
    let from = last_checkin(kr, Some(as_of)).unwrap_or(quarter.first_day());
    let days = u64::try_from(stale_after_days.saturating_add(1)).ok()?;
    from.checked_add_days(chrono::Days::new(days))
}

/// `Overdue` when `kr` is stale at `as_of`, `Due` when it becomes stale by
/// `as_of` + [`DUE_WITHIN_DAYS`] (on a day of the quarter: once it is over,
/// nothing is owed), else `None`, with the day it becomes stale.
pub fn due(
    kr: &KeyResult,
    quarter: Quarter,
    as_of: NaiveDate,
    stale_after_days: i64,
) -> Option<(DueState, NaiveDate)> {
    let on = due_on(kr, quarter, as_of, stale_after_days)?;
    if stale(kr, quarter, as_of, stale_after_days) {
        return Some((DueState::Overdue, on));
    }
    let horizon = as_of.checked_add_days(chrono::Days::new(DUE_WITHIN_DAYS))?;
    (quarter.contains(as_of) && on <= horizon && on <= quarter.last_day())
        .then_some((DueState::Due, on))
}

/// Every number section 3 defines for one key result.
#[derive(Debug, Clone, PartialEq)]
pub struct KrFigures {
    pub current: Option<f64>,
    pub progress: f64,
    pub expected: f64,
    pub health: Health,
    pub confidence: Option<f64>,
    pub last_checkin: Option<NaiveDate>,
    pub stale: bool,
    pub trend: Vec<f64>,
    pub grade: Option<f64>,
    /// The given grade, else the progress; `None` when dropped (it counts in no score).
    pub score: Option<f64>,
}

/// The figures of `kr` in `quarter` as of `as_of` (`None`: the whole quarter).
pub fn key_result(
    kr: &KeyResult,
    quarter: Quarter,
    as_of: Option<NaiveDate>,
    stale_after_days: i64,
) -> KrFigures {
    let current = current(kr, as_of);
    let progress = progress(kr.baseline.0, kr.target.0, current);
    let expected = as_of.map_or(1.0, |d| quarter.elapsed(d));
    let grade = kr.grade.map(|g| g.0);
    let dropped = kr.dropped.is_some();
    // Once the quarter is over the score is the grade: given, else suggested
    // (`docs/format.md#what-is-computed`), so status, tree and report agree with `grade`.
    let ended = as_of.is_some_and(|d| quarter.is_over(d));
    let measured = if ended {
        suggested_grade(progress)
    } else {
        progress
    };
    KrFigures {
        current,
        progress,
        expected,
        health: health(dropped, current, progress, expected, ended),
        confidence: confidence(kr, as_of),
        last_checkin: last_checkin(kr, as_of),
        stale: as_of.is_some_and(|d| stale(kr, quarter, d, stale_after_days)),
        trend: trend(kr, as_of),
        grade,
        score: (!dropped).then(|| grade.unwrap_or(measured)),
    }
}

/// The score of an objective: the weighted mean of its live key results'
/// scores; `None` when all are dropped.
pub fn objective_score(objective: &Objective, figures: &[KrFigures]) -> Option<f64> {
    weighted_mean(
        objective
            .key_results
            .iter()
            .zip(figures)
            .filter_map(|(kr, f)| f.score.map(|s| (s, kr.weight()))),
    )
}

/// The score of an owner: the mean of its objectives' scores (those that have one).
pub fn owner_score(objective_scores: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    mean(objective_scores.into_iter().flatten())
}

/// All figures of a file, objective by objective.
pub fn file_figures(
    file: &OkrFile,
    as_of: Option<NaiveDate>,
    stale_after_days: i64,
) -> Vec<Vec<KrFigures>> {
    file.objectives
        .iter()
        .map(|o| {
            o.key_results
                .iter()
                .map(|kr| key_result(kr, file.quarter, as_of, stale_after_days))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(yaml: &str) -> KeyResult {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const Q4: &str = "2026-Q4";

    fn q4() -> Quarter {
        Q4.parse().unwrap()
    }

    const TICKETS: &str = "
id: tickets
baseline: 120
target: 60
checkins:
  - { date: 2026-11-10, value: 95, confidence: 0.6 }
  - { date: 2026-10-06, value: 118, confidence: 0.5, note: started }
  - { date: 2026-12-01, value: 70 }
";

    #[test]
    fn the_format_example_as_of_2026_11_21() {
        let f = key_result(&kr(TICKETS), q4(), Some(day("2026-11-21")), 14);
        assert_eq!(f.current, Some(95.0));
        assert!((f.progress - 25.0 / 60.0).abs() < 1e-12);
        assert!((f.expected - 52.0 / 92.0).abs() < 1e-12);
        assert_eq!(f.health, Health::AtRisk);
        assert_eq!(f.confidence, Some(0.6));
        assert_eq!(f.last_checkin, Some(day("2026-11-10")));
        assert!(!f.stale);
        assert_eq!(f.trend, vec![118.0, 95.0]);
        assert_eq!(f.score, Some(f.progress));
    }

    #[test]
    fn checkins_after_as_of_are_ignored_and_before_the_quarter_nothing_counts() {
        let f = key_result(&kr(TICKETS), q4(), Some(day("2026-09-30")), 14);
        assert_eq!(f.current, None);
        assert_eq!(f.progress, 0.0);
        assert_eq!(f.expected, 0.0);
        assert_eq!(f.health, Health::NoData);
        assert!(!f.stale, "a quarter that has not started is never stale");
        assert!(f.trend.is_empty());
    }

    #[test]
    fn whole_quarter_view_uses_every_checkin() {
        let f = key_result(&kr(TICKETS), q4(), None, 14);
        assert_eq!(f.current, Some(70.0));
        assert!((f.progress - 50.0 / 60.0).abs() < 1e-12);
        assert_eq!(f.expected, 1.0);
        assert_eq!(
            f.confidence,
            Some(0.6),
            "latest check-in stating a confidence"
        );
    }

    #[test]
    fn after_the_quarter_expected_is_one_and_nothing_is_stale() {
        let f = key_result(&kr(TICKETS), q4(), Some(day("2027-02-01")), 14);
        assert_eq!(f.expected, 1.0);
        assert_eq!(f.health, Health::Ended, "no pace after the quarter");
        assert_eq!(f.score, Some(0.8), "the suggested grade of 0.833");
        assert!(!f.stale);
    }

    #[test]
    fn progress_clamps_both_ways_and_handles_decreasing_metrics() {
        assert_eq!(
            progress(120.0, 60.0, Some(50.0)),
            1.0,
            "past a decreasing target"
        );
        assert_eq!(
            progress(120.0, 60.0, Some(130.0)),
            0.0,
            "worse than baseline"
        );
        assert_eq!(progress(10.0, 40.0, Some(25.0)), 0.5);
        assert_eq!(progress(10.0, 40.0, Some(100.0)), 1.0);
        assert_eq!(progress(10.0, 40.0, Some(-5.0)), 0.0);
        assert_eq!(progress(10.0, 40.0, None), 0.0);
        assert_eq!(progress(5.0, 5.0, Some(5.0)), 0.0);
    }

    #[test]
    fn suggested_grades_round_half_up() {
        assert_eq!(suggested_grade(0.44), 0.4);
        assert_eq!(suggested_grade(0.45), 0.5);
        assert_eq!(suggested_grade(0.35), 0.4);
        assert_eq!(suggested_grade(0.05), 0.1);
        assert_eq!(suggested_grade(25.0 / 60.0), 0.4);
        assert_eq!(suggested_grade(1.0), 1.0);
        assert_eq!(suggested_grade(0.0), 0.0);
    }

    #[test]
    fn bands_and_health_edges() {
        assert_eq!(Band::of(0.39), Band::Red);
        assert_eq!(Band::of(0.4), Band::Yellow);
        assert_eq!(Band::of(0.69), Band::Yellow);
        assert_eq!(Band::of(0.7), Band::Green);
        assert_eq!(health(false, Some(1.0), 0.4, 0.5, false), Health::OnTrack);
        assert_eq!(health(false, Some(1.0), 0.25, 0.5, false), Health::AtRisk);
        assert_eq!(health(false, Some(1.0), 0.24, 0.5, false), Health::OffTrack);
        assert_eq!(health(false, None, 0.0, 0.0, false), Health::NoData);
        assert_eq!(health(true, Some(1.0), 1.0, 0.5, false), Health::Dropped);
        assert_eq!(health(false, Some(1.0), 0.0, 1.0, true), Health::Ended);
        assert_eq!(health(false, None, 0.0, 1.0, true), Health::NoData);
        assert_eq!(health(true, Some(1.0), 0.0, 1.0, true), Health::Dropped);
    }

    #[test]
    fn weights_and_dropped_key_results_in_objective_scores() {
        let objective: Objective = serde_yaml::from_str(
            "
id: o
key_results:
  - { id: a, baseline: 0, target: 10, current: 10, weight: 3 }
  - { id: b, baseline: 0, target: 10, current: 0 }
  - { id: c, baseline: 0, target: 10, current: 5, dropped: replaced by b }
  - { id: d, baseline: 0, target: 10, current: 0, grade: 0.2 }
",
        )
        .unwrap();
        let figures: Vec<KrFigures> = objective
            .key_results
            .iter()
            .map(|kr| key_result(kr, q4(), Some(day("2026-11-21")), 14))
            .collect();
        assert_eq!(figures[2].score, None);
        assert_eq!(figures[2].health, Health::Dropped);
        assert_eq!(figures[3].score, Some(0.2), "a given grade is the score");
        let score = objective_score(&objective, &figures).unwrap();
        assert!((score - (3.0 + 0.0 + 0.2) / 5.0).abs() < 1e-12);
    }

    #[test]
    fn all_dropped_has_no_score_and_owner_mean_skips_it() {
        let objective: Objective = serde_yaml::from_str(
            "{ id: o, key_results: [ { id: a, baseline: 0, target: 1, dropped: why } ] }",
        )
        .unwrap();
        let figures = vec![key_result(&objective.key_results[0], q4(), None, 14)];
        assert_eq!(objective_score(&objective, &figures), None);
        assert_eq!(owner_score([None, Some(0.5), Some(1.0)]), Some(0.75));
        assert_eq!(owner_score([None]), None);
    }

    #[test]
    fn stale_rules() {
        let q = q4();
        let k = kr(TICKETS);
        assert!(
            !stale(&k, q, day("2026-11-24"), 14),
            "14 days is not more than 14"
        );
        assert!(stale(&k, q, day("2026-11-25"), 14));
        let none = kr("{ id: x, baseline: 0, target: 10 }");
        assert!(!stale(&none, q, day("2026-10-15"), 14));
        assert!(stale(&none, q, day("2026-10-16"), 14));
        let current = kr("{ id: x, baseline: 0, target: 10, current: 3 }");
        assert!(!stale(&current, q, day("2026-12-20"), 14));
        assert!(!stale(&k, q, day("2027-01-10"), 14), "quarter over");
    }

    #[test]
    fn due_dates_and_states() {
        let q = q4();
        let k = kr(TICKETS);
        // Last check-in by 2026-11-21 is 2026-11-10: stale from 2026-11-25.
        let on = day("2026-11-25");
        assert_eq!(due(&k, q, day("2026-11-17"), 14), None, "8 days ahead");
        assert_eq!(due(&k, q, day("2026-11-18"), 14), Some((DueState::Due, on)));
        assert_eq!(due(&k, q, day("2026-11-24"), 14), Some((DueState::Due, on)));
        assert_eq!(
            due(&k, q, day("2026-11-25"), 14),
            Some((DueState::Overdue, on))
        );
        assert!(stale(&k, q, on, 14), "the due day is the first stale day");
        let none = kr("{ id: x, baseline: 0, target: 10 }");
        assert_eq!(
            due_on(&none, q, day("2026-10-02"), 14),
            Some(day("2026-10-16"))
        );
        assert_eq!(due(&none, q, day("2026-10-08"), 14), None);
        assert_eq!(
            due(&none, q, day("2026-10-09"), 14),
            Some((DueState::Due, day("2026-10-16")))
        );
        let current = kr("{ id: x, baseline: 0, target: 10, current: 3 }");
        assert_eq!(due(&current, q, day("2026-12-20"), 14), None, "never due");
        assert_eq!(due(&none, q, day("2027-01-02"), 14), None, "quarter over");
        let late =
            kr("{ id: x, baseline: 0, target: 10, checkins: [ { date: 2026-12-20, value: 1 } ] }");
        assert_eq!(
            due(&late, q, day("2026-12-28"), 14),
            None,
            "stale only after the quarter"
        );
        let end =
            kr("{ id: x, baseline: 0, target: 10, checkins: [ { date: 2026-12-15, value: 1 } ] }");
        assert_eq!(
            due(&end, q, day("2026-12-28"), 14),
            Some((DueState::Due, day("2026-12-30"))),
            "stale on the quarter's second last day"
        );
    }

    #[test]
    fn a_decreasing_metric_moves_towards_its_target() {
        let k = kr("
id: latency
baseline: 900
target: 400
checkins:
  - { date: 2026-10-05, value: 950 }
  - { date: 2026-11-16, value: 590 }
");
        let f = key_result(&k, q4(), Some(day("2026-11-21")), 14);
        assert!((f.progress - 310.0 / 500.0).abs() < 1e-12);
        assert_eq!(f.health, Health::OnTrack);
        let worse = key_result(&k, q4(), Some(day("2026-10-08")), 14);
        assert_eq!(worse.progress, 0.0, "worse than the baseline clamps to 0");
        assert_eq!(
            worse.health,
            Health::OnTrack,
            "8/92 expected: within the 0.10 slack"
        );
        assert_eq!(
            key_result(&k, q4(), Some(day("2026-11-10")), 14).health,
            Health::OffTrack,
            "still at 950 with 41/92 of the quarter gone"
        );
    }

    #[test]
    fn no_data_inside_the_quarter() {
        let k = kr("{ id: x, baseline: 0, target: 10 }");
        let f = key_result(&k, q4(), Some(day("2026-11-21")), 14);
        assert_eq!(f.current, None);
        assert_eq!(f.progress, 0.0);
        assert_eq!(f.health, Health::NoData);
        assert_eq!(f.score, Some(0.0), "no data counts as no progress");
        assert_eq!(f.confidence, None);
        assert_eq!(f.last_checkin, None);
        assert!(f.stale);
        assert!(f.trend.is_empty());
    }

    #[test]
    fn current_ignores_the_as_of_date_and_is_never_stale() {
        let k = kr("{ id: x, baseline: 6, target: 2, current: 1 }");
        for d in ["2026-09-01", "2026-11-21", "2027-03-01"] {
            let f = key_result(&k, q4(), Some(day(d)), 14);
            assert_eq!(f.current, Some(1.0));
            assert_eq!(f.progress, 1.0, "past a decreasing target");
            let over = q4().is_over(day(d));
            let health = if over { Health::Ended } else { Health::OnTrack };
            assert_eq!(f.health, health, "{d}");
            assert!(!f.stale);
        }
    }

    #[test]
    fn as_of_inside_the_quarter_replays_the_past() {
        let f = key_result(&kr(TICKETS), q4(), Some(day("2026-10-06")), 14);
        assert_eq!(f.current, Some(118.0), "a check-in on the as-of day counts");
        assert_eq!(f.trend, vec![118.0]);
        assert_eq!(f.confidence, Some(0.5));
        assert!((f.expected - 6.0 / 92.0).abs() < 1e-12);
        let f = key_result(&kr(TICKETS), q4(), Some(day("2026-10-05")), 14);
        assert_eq!(f.current, None);
        assert!(!f.stale, "5 days into the quarter");
    }

    #[test]
    fn fractional_weights() {
        assert_eq!(weighted_mean([(1.0, 0.5), (0.0, 1.5)]), Some(0.25));
        assert_eq!(weighted_mean([]), None);
    }

    #[test]
    fn falling_confidence_and_latest_notes() {
        let k = kr("
id: answered
baseline: 40
target: 75
checkins:
  - { date: 2026-10-06, value: 42, confidence: 0.4, note: first }
  - { date: 2026-11-03, value: 47, confidence: 0.3, note: moderators left }
  - { date: 2026-11-10, value: 47 }
  - { date: 2026-11-17, value: 48, confidence: 0.2 }
");
        assert_eq!(confidence_drop(&k, None), Some((0.3, 0.2)));
        assert_eq!(
            confidence_drop(&k, Some(day("2026-11-10"))),
            Some((0.4, 0.3))
        );
        assert_eq!(
            confidence_drop(&k, Some(day("2026-10-20"))),
            None,
            "one stated"
        );
        assert_eq!(
            latest_note(&k, None),
            Some((day("2026-11-03"), "moderators left"))
        );
        assert_eq!(
            latest_note(&k, Some(day("2026-11-01"))),
            Some((day("2026-10-06"), "first"))
        );
        let rising = kr("
id: x
baseline: 0
target: 1
checkins:
  - { date: 2026-10-06, value: 0, confidence: 0.4 }
  - { date: 2026-10-20, value: 0, confidence: 0.4 }
");
        assert_eq!(
            confidence_drop(&rising, None),
            None,
            "steady is not falling"
        );
    }
}
