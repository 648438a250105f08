//! The grading thresholds and the grading-time warnings of `docs/format.md#checks`,
//! as flags: one function each, one epsilon.
//!
//! The grade of a key result is its given `grade`, else the suggested grade
//! (its measured progress rounded to 0.1, [`super::suggested_grade`]).

use serde::Serialize;

use crate::compute::KrFigures;
use crate::diagnostic::Rule;
use crate::model::{KeyResult, Objective};
use crate::number::EPSILON;

/// A given grade this far from the measured progress needs a reflection.
pub const DISAGREEMENT: f64 = 0.3;
/// Aspirational key results all at or above this: were they ambitious enough?
pub const TOO_EASY: f64 = 0.9;
/// Quarter after quarter at or below this: too ambitious, or not worked on.
pub const TOO_HARD: f64 = 0.3;
/// The aspirational sweet spot: ambitious goals, mostly reached.
pub const SWEET_SPOT: [f64; 2] = [0.6, 0.7];

/// A grading-time warning (`docs/format.md#checks`), as a JSON word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Key result: its objective is committed, the given grade is below 1.0,
    /// and neither the key result nor the objective has a reflection.
    CommittedMissWithoutReflection,
    /// Key result: the given grade differs from the measured progress by 0.3
    /// or more, and the key result has no reflection.
    GradeDisagreesWithProgress,
    /// Key result: the quarter is over and the file gives no grade yet.
    UngradedAfterQuarterEnd,
    /// Key result: no measured value, so its progress (and suggested grade) is 0.
    NoData,
    /// Owner: every live aspirational key result grades 0.9 or more.
    AllAspirationalHigh,
    /// History: every finished quarter (at least two) grades 0.9 or more.
    ConsistentlyHigh,
    /// History: every finished quarter (at least two) grades 0.3 or less.
    ConsistentlyLow,
    /// Key result: its target was changed after the planning weeks (git history).
    TargetMoved,
    /// Key result: its baseline was changed after the planning weeks (git history).
    BaselineMoved,
}

impl Flag {
    /// The rule of the warning this flag is, when it is one (`no_data` and
    /// the history flags are information, not warnings of section 4).
    pub fn rule(self) -> Option<Rule> {
        match self {
            Flag::CommittedMissWithoutReflection => Some(Rule::CommittedMissWithoutReflection),
            Flag::GradeDisagreesWithProgress => Some(Rule::GradeDisagreesWithProgress),
            Flag::UngradedAfterQuarterEnd => Some(Rule::UngradedAfterQuarterEnd),
            Flag::AllAspirationalHigh => Some(Rule::AllAspirationalHigh),
            Flag::TargetMoved | Flag::BaselineMoved => Some(Rule::GoalPostMoved),
            Flag::NoData | Flag::ConsistentlyHigh | Flag::ConsistentlyLow => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::CommittedMissWithoutReflection => "committed_miss_without_reflection",
            Flag::GradeDisagreesWithProgress => "grade_disagrees_with_progress",
            Flag::UngradedAfterQuarterEnd => "ungraded_after_quarter_end",
            Flag::NoData => "no_data",
            Flag::AllAspirationalHigh => "all_aspirational_high",
            Flag::ConsistentlyHigh => "consistently_high",
            Flag::ConsistentlyLow => "consistently_low",
            Flag::TargetMoved => "target_moved",
            Flag::BaselineMoved => "baseline_moved",
        }
    }
}

/// The section-4 grading-time warnings that apply to one key result.
///
/// A dropped key result counts in no grade and gets no flag. A reflection on
/// the objective also explains a committed miss (the objective is what was
/// committed); a grade that overrides the measurement needs the key result's
/// own reflection. Without a measured value there is no progress to disagree
/// with: the key result is flagged `no_data` instead.
pub fn key_result_flags(
    objective: &Objective,
    kr: &KeyResult,
    figures: &KrFigures,
    quarter_ended: bool,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if kr.dropped.is_some() {
        return flags;
    }
    let own_reflection = has_text(kr.reflection.as_deref());
    let measured = figures.current.is_some();
    match kr.grade.map(|g| g.0) {
        Some(grade) => {
            let objective_reflection = has_text(objective.reflection.as_deref());
            if objective.committed
                && grade < 1.0 - EPSILON
                && !own_reflection
                && !objective_reflection
            {
                flags.push(Flag::CommittedMissWithoutReflection);
            }
            if measured
                && (grade - figures.progress).abs() >= DISAGREEMENT - EPSILON
                && !own_reflection
            {
                flags.push(Flag::GradeDisagreesWithProgress);
            }
        }
        None if quarter_ended => flags.push(Flag::UngradedAfterQuarterEnd),
        None => {}
    }
    if !measured {
        flags.push(Flag::NoData);
    }
    flags
}

/// Whether a text field says something.
pub fn has_text(text: Option<&str>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty())
}

/// True when there is at least one grade and every one is at least `floor`.
pub fn aspirational_all_at_least(grades: impl IntoIterator<Item = f64>, floor: f64) -> bool {
    let mut any = false;
    for grade in grades {
        if grade < floor - EPSILON {
            return false;
        }
        any = true;
    }
    any
}

/// 0 inside the sweet spot, `average − 0.7` above it, `average − 0.6` below it.
pub fn sweet_spot_distance(average: f64) -> f64 {
    let [low, high] = SWEET_SPOT;
    if average > high + EPSILON {
        average - high
    } else if average < low - EPSILON {
        average - low
    } else {
        0.0
    }
}

/// `consistently_high` when at least two finished quarters all grade 0.9 or
/// more; `consistently_low` when they all grade 0.3 or less.
pub fn history_flags(grades: impl IntoIterator<Item = f64>) -> Vec<Flag> {
    let grades: Vec<f64> = grades.into_iter().collect();
    if grades.len() < 2 {
        return Vec::new();
    }
    if grades.iter().all(|g| *g >= TOO_EASY - EPSILON) {
        vec![Flag::ConsistentlyHigh]
    } else if grades.iter().all(|g| *g <= TOO_HARD + EPSILON) {
        vec![Flag::ConsistentlyLow]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute;
    use crate::model::Quarter;

    fn objective(yaml: &str) -> Objective {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn q1() -> Quarter {
        "2025-Q1".parse().unwrap()
    }

    /// The flags of the objective's first key result, quarter over or not.
    fn flags(yaml: &str, ended: bool) -> Vec<Flag> {
        let o = objective(yaml);
        let kr = &o.key_results[0];
        key_result_flags(&o, kr, &compute::key_result(kr, q1(), None, 14), ended)
    }

    #[test]
    fn committed_miss_needs_a_reflection_on_the_key_result_or_objective() {
        let miss = "{ id: o, committed: true, key_results: [ { id: k, baseline: 0, target: 10, current: 8, grade: 0.8 } ] }";
        assert_eq!(
            flags(miss, true),
            vec![Flag::CommittedMissWithoutReflection]
        );
        let kr_reflects = "{ id: o, committed: true, key_results: [ { id: k, baseline: 0, target: 10, current: 8, grade: 0.8, reflection: why } ] }";
        assert!(flags(kr_reflects, true).is_empty());
        let objective_reflects = "{ id: o, committed: true, reflection: why, key_results: [ { id: k, baseline: 0, target: 10, current: 8, grade: 0.8 } ] }";
        assert!(flags(objective_reflects, true).is_empty());
        let blank = "{ id: o, committed: true, key_results: [ { id: k, baseline: 0, target: 10, current: 8, grade: 0.8, reflection: '  ' } ] }";
        assert_eq!(
            flags(blank, true),
            vec![Flag::CommittedMissWithoutReflection]
        );
        let reached = "{ id: o, committed: true, key_results: [ { id: k, baseline: 0, target: 10, current: 10, grade: 1.0 } ] }";
        assert!(flags(reached, true).is_empty());
        let aspirational = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10, current: 8, grade: 0.8 } ] }";
        assert!(flags(aspirational, true).is_empty());
    }

    #[test]
    fn disagreement_of_three_tenths_or_more_needs_the_key_results_reflection() {
        // 0.7 − 0.4 is 0.2999… in binary: still a disagreement of 0.3.
        let exactly = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10, current: 4, grade: 0.7 } ] }";
        assert_eq!(flags(exactly, true), vec![Flag::GradeDisagreesWithProgress]);
        let below = "{ id: o, key_results: [ { id: k, baseline: 0, target: 100, current: 41, grade: 0.7 } ] }";
        assert!(flags(below, true).is_empty());
        let lower = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10, current: 9, grade: 0.5 } ] }";
        assert_eq!(flags(lower, true), vec![Flag::GradeDisagreesWithProgress]);
        let explained = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10, current: 9, grade: 0.5, reflection: why } ] }";
        assert!(flags(explained, true).is_empty());
        let objective_only = "{ id: o, reflection: why, key_results: [ { id: k, baseline: 0, target: 10, current: 9, grade: 0.5 } ] }";
        assert_eq!(
            flags(objective_only, true),
            vec![Flag::GradeDisagreesWithProgress]
        );
    }

    #[test]
    fn committed_and_disagreeing_gives_both_flags() {
        let both = "{ id: o, committed: true, key_results: [ { id: k, baseline: 0, target: 10, current: 10, grade: 0.5 } ] }";
        assert_eq!(
            flags(both, true),
            vec![
                Flag::CommittedMissWithoutReflection,
                Flag::GradeDisagreesWithProgress
            ]
        );
    }

    #[test]
    fn ungraded_only_once_the_quarter_is_over_and_never_when_dropped() {
        let ungraded = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10, current: 5 } ] }";
        assert_eq!(flags(ungraded, true), vec![Flag::UngradedAfterQuarterEnd]);
        assert!(flags(ungraded, false).is_empty());
        let dropped = "{ id: o, committed: true, key_results: [ { id: k, baseline: 0, target: 10, grade: 0.1, dropped: why } ] }";
        assert!(flags(dropped, true).is_empty());
    }

    #[test]
    fn no_data_replaces_the_disagreement_check() {
        let no_data = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10, grade: 0.7 } ] }";
        assert_eq!(flags(no_data, true), vec![Flag::NoData]);
        let nothing = "{ id: o, key_results: [ { id: k, baseline: 0, target: 10 } ] }";
        assert_eq!(
            flags(nothing, true),
            vec![Flag::UngradedAfterQuarterEnd, Flag::NoData]
        );
    }

    #[test]
    fn quarter_ends_after_its_last_day() {
        let q = q1();
        assert!(!q.is_over("2025-03-31".parse().unwrap()));
        assert!(q.is_over("2025-04-01".parse().unwrap()));
    }

    #[test]
    fn all_high_needs_at_least_one_grade_all_at_or_above_the_floor() {
        assert!(aspirational_all_at_least([0.9, 1.0], TOO_EASY));
        assert!(!aspirational_all_at_least([0.9, 0.8], TOO_EASY));
        assert!(!aspirational_all_at_least([], TOO_EASY));
    }

    #[test]
    fn history_needs_two_finished_quarters_all_high_or_all_low() {
        assert_eq!(history_flags([0.9, 0.95]), vec![Flag::ConsistentlyHigh]);
        assert_eq!(history_flags([0.3, 0.1]), vec![Flag::ConsistentlyLow]);
        assert!(history_flags([0.95]).is_empty());
        assert!(history_flags([0.9, 0.3]).is_empty());
        assert!(history_flags([0.5, 0.6]).is_empty());
    }

    #[test]
    fn sweet_spot_distance_is_signed_and_zero_inside() {
        assert_eq!(sweet_spot_distance(0.65), 0.0);
        assert_eq!(sweet_spot_distance(0.6), 0.0);
        assert_eq!(sweet_spot_distance(0.7), 0.0);
        assert!((sweet_spot_distance(0.9) - 0.2).abs() < 1e-12);
        assert!((sweet_spot_distance(0.45) + 0.15).abs() < 1e-12);
    }

    #[test]
    fn flag_words_match_their_json() {
        for flag in [
            Flag::CommittedMissWithoutReflection,
            Flag::GradeDisagreesWithProgress,
            Flag::UngradedAfterQuarterEnd,
            Flag::NoData,
            Flag::AllAspirationalHigh,
            Flag::ConsistentlyHigh,
            Flag::ConsistentlyLow,
        ] {
            assert_eq!(
                serde_json::to_value(flag).unwrap(),
                serde_json::Value::String(flag.as_str().into())
            );
        }
    }
}
