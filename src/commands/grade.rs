//! `okr grade`: the quarter-end review. Builds the [`GradeView`] (grades,
//! bands, the grading-time warnings of FORMAT.md section 4 as `flags`, and a
//! summary) or, with `--history`, the [`HistoryView`] of one owner.
//!
//! The grade of a key result is its given `grade`, else the suggested grade
//! (its measured progress rounded to 0.1, [`compute::suggested_grade`]).
//! Objective and owner grades are the section-3 means taken over that grade
//! column, not over the raw progress that `status` scores use: a review
//! discusses the grades in the table, and their means must add up to what is
//! shown. Dropped key results count in no grade.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{GradeArgs, ViewFormat};
use crate::commands::{choose_quarter, load_workspace, select, Selected};
use crate::compute::{self, Band, KrFigures};
use crate::error::{Exit, UsageError};
use crate::model::quarter::Quarter;
use crate::model::{KeyResult, Objective, OkrFile, OwnerKind};
use crate::render;
use crate::source::Workspace;
use crate::Output;

/// A given grade this far from the measured progress needs a reflection.
pub const DISAGREEMENT: f64 = 0.3;
/// Aspirational key results all at or above this: were they ambitious enough?
pub const TOO_EASY: f64 = 0.9;
/// Quarter after quarter at or below this: too ambitious, or not worked on.
pub const TOO_HARD: f64 = 0.3;
/// The aspirational sweet spot: ambitious goals, mostly reached.
pub const SWEET_SPOT: [f64; 2] = [0.6, 0.7];
/// Grades are written with one or two decimals; comparisons at a threshold
/// must not fail on binary noise (0.7 − 0.4 is 0.29999…).
const EPSILON: f64 = 1e-9;

/// A grading-time warning (FORMAT.md section 4), as a JSON word.
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
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::CommittedMissWithoutReflection => "committed_miss_without_reflection",
            Flag::GradeDisagreesWithProgress => "grade_disagrees_with_progress",
            Flag::UngradedAfterQuarterEnd => "ungraded_after_quarter_end",
            Flag::NoData => "no_data",
            Flag::AllAspirationalHigh => "all_aspirational_high",
            Flag::ConsistentlyHigh => "consistently_high",
            Flag::ConsistentlyLow => "consistently_low",
        }
    }
}

/// `okr grade` for one quarter: the JSON of FORMAT.md section 6, and what every
/// other format renders.
#[derive(Debug, Serialize)]
pub struct GradeView {
    pub quarter: Quarter,
    /// The quarter's last day, `YYYY-MM-DD`.
    pub ends: String,
    /// Whether the quarter is over (today is after its last day).
    pub ended: bool,
    /// The OWNER asked for, or null for every owner (then the table starts
    /// with an overview).
    pub selected: Option<String>,
    pub owners: Vec<OwnerGrade>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct OwnerGrade {
    pub owner: String,
    pub kind: OwnerKind,
    pub file: String,
    /// For `okr grade PERSON`: this (team or company) entry holds only the key
    /// results that person owns. Grades stay the objective's and owner's own.
    pub only_owned_by: Option<String>,
    /// The mean of the objective grades; null when no key result is live.
    pub grade: Option<f64>,
    pub band: Option<Band>,
    pub flags: Vec<Flag>,
    /// Live key results shown for this owner.
    pub live_key_results: usize,
    /// Dropped key results shown for this owner.
    pub dropped_key_results: usize,
    /// Flags at every level of this owner.
    pub warnings: usize,
    pub objectives: Vec<ObjectiveGrade>,
}

#[derive(Debug, Serialize)]
pub struct ObjectiveGrade {
    pub id: String,
    pub title: Option<String>,
    pub committed: bool,
    pub aligns: Option<String>,
    /// The weighted mean of the live key results' grades; null when all are dropped.
    pub grade: Option<f64>,
    pub band: Option<Band>,
    pub reflection: Option<String>,
    /// No section-4 rule is about an objective alone; kept for a stable shape.
    pub flags: Vec<Flag>,
    pub key_results: Vec<KeyResultGrade>,
}

#[derive(Debug, Serialize)]
pub struct KeyResultGrade {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub unit: Option<String>,
    pub weight: f64,
    pub baseline: f64,
    pub target: f64,
    /// The final measured value (every check-in of the quarter counts).
    pub current: Option<f64>,
    pub progress: f64,
    /// The progress rounded to 0.1 (half up); null when dropped.
    pub suggested_grade: Option<f64>,
    /// The given grade, else the suggested one; null when dropped.
    pub grade: Option<f64>,
    /// True when the file gives a grade.
    pub graded: bool,
    pub band: Option<Band>,
    pub dropped: Option<String>,
    pub reflection: Option<String>,
    pub flags: Vec<Flag>,
}

/// What the review should take away: the spread of grades, the average against
/// the sweet spot, and how much changed course.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Live (not dropped) key results shown.
    pub key_results: usize,
    pub graded: usize,
    pub suggested: usize,
    pub dropped: usize,
    pub bands: BandCounts,
    /// Key results per grade rounded to 0.1, from 0.0 to 1.0.
    pub distribution: Vec<Bucket>,
    /// Mean grade of all live key results.
    pub average: Option<f64>,
    pub aspirational: Group,
    pub committed: Group,
    pub sweet_spot: [f64; 2],
    /// How far the aspirational average lies outside the sweet spot: 0 inside,
    /// positive above 0.7, negative below 0.6; null without aspirational key results.
    pub sweet_spot_distance: Option<f64>,
    /// The number of flags in the view.
    pub warnings: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct BandCounts {
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
}

#[derive(Debug, Serialize)]
pub struct Bucket {
    pub grade: f64,
    pub key_results: usize,
}

/// Live key results of committed or of aspirational objectives.
#[derive(Debug, Serialize)]
pub struct Group {
    pub key_results: usize,
    pub average: Option<f64>,
    /// Grades below 1.0 (what matters for committed key results).
    pub below_one: usize,
}

/// `okr grade OWNER --history`: the owner's grade in every quarter of the directory.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub owner: String,
    pub quarters: Vec<HistoryQuarter>,
    /// `consistently_high` or `consistently_low`, over finished quarters.
    pub flags: Vec<Flag>,
}

#[derive(Debug, Serialize)]
pub struct HistoryQuarter {
    pub quarter: Quarter,
    /// False for a running (or future) quarter: its grades are only suggested so far.
    pub ended: bool,
    /// The owner's file that quarter; null when the owner has none.
    pub file: Option<String>,
    pub grade: Option<f64>,
    pub band: Option<Band>,
    /// Live key results.
    pub key_results: usize,
    /// Of those, how many the file grades.
    pub graded: usize,
    pub dropped: usize,
}

pub fn run(args: &GradeArgs, dir: Option<&Path>, output: &mut Output) -> Result<Exit> {
    let workspace = load_workspace(dir)?;
    render::left_out(&workspace.all_diagnostics(), output.color_err, output.err)?;
    let today = chrono::Local::now().date_naive();
    if args.history {
        if args.quarter.is_some() {
            return Err(
                UsageError("--history shows every quarter; leave out --quarter".into()).into(),
            );
        }
        let owner = args
            .owner
            .as_deref()
            .ok_or_else(|| UsageError("--history needs an OWNER".into()))?;
        let view = match HistoryView::build(&workspace, owner, today) {
            Ok(view) => view,
            Err(unknown) => return owner_in_invalid_file(&workspace, owner, None, output, unknown),
        };
        let out = &mut *output.out;
        match args.format {
            ViewFormat::Table => render::grade::history_table(&view, output.color_out, out)?,
            ViewFormat::Json => render::json(&view, out)?,
            ViewFormat::Markdown => render::grade::history_markdown(&view, out)?,
            ViewFormat::Csv => render::grade::history_csv(&view, out)?,
        }
    } else {
        let choice = choose_quarter(&workspace, args.quarter.as_deref(), today)?;
        if let Some(note) = &choice.note {
            render::note(note, output.color_err, output.err)?;
        }
        let selected = match (
            select(&workspace, choice.quarter, args.owner.as_deref()),
            &args.owner,
        ) {
            (Ok(selected), _) => selected,
            (Err(unknown), Some(owner)) => {
                return owner_in_invalid_file(
                    &workspace,
                    owner,
                    Some(choice.quarter),
                    output,
                    unknown,
                )
            }
            (Err(error), None) => return Err(error),
        };
        let view = GradeView::build(choice.quarter, args.owner.as_deref(), &selected, today);
        let out = &mut *output.out;
        match args.format {
            ViewFormat::Table => render::grade::table(&view, output.color_out, out)?,
            ViewFormat::Json => render::json(&view, out)?,
            ViewFormat::Markdown => render::grade::markdown(&view, out)?,
            ViewFormat::Csv => render::grade::csv(&view, out)?,
        }
    }
    Ok(Exit::from_failure(workspace.has_errors()))
}

/// `owner` was not found among the valid files. When an invalid file (in
/// `quarter`, or in any quarter) names them, the owner exists and the problem
/// is the file: a note and exit 1, after its errors. Otherwise the usage
/// error `unknown` stands (exit 2).
fn owner_in_invalid_file(
    workspace: &Workspace,
    owner: &str,
    quarter: Option<Quarter>,
    output: &mut Output,
    unknown: anyhow::Error,
) -> Result<Exit> {
    let file = workspace.files.iter().filter(|f| f.has_errors()).find(|f| {
        f.identity.as_ref().is_some_and(|id| {
            id.owner.as_deref() == Some(owner)
                && quarter.is_none_or(|q| id.quarter.as_deref() == Some(q.to_string().as_str()))
        })
    });
    let Some(file) = file else {
        return Err(unknown);
    };
    let note = format!(
        "`{owner}` has OKRs only in {}, which is invalid: fix the errors above to grade it",
        file.display
    );
    render::note(&note, output.color_err, output.err)?;
    Ok(Exit::Invalid)
}

/// Whether `quarter` is over on `today`.
pub fn quarter_ended(quarter: Quarter, today: NaiveDate) -> bool {
    today > quarter.last_day()
}

impl GradeView {
    /// The view of `selected` (the owners of `quarter`), with "ungraded"
    /// judged against `today`.
    pub fn build(
        quarter: Quarter,
        asked: Option<&str>,
        selected: &[Selected],
        today: NaiveDate,
    ) -> GradeView {
        let ended = quarter_ended(quarter, today);
        let owners: Vec<OwnerGrade> = selected.iter().map(|s| owner_grade(s, ended)).collect();
        let summary = Summary::of(&owners);
        GradeView {
            quarter,
            ends: quarter.last_day().to_string(),
            ended,
            selected: asked.map(str::to_string),
            owners,
            summary,
        }
    }
}

/// One owner's grades: every objective graded from all its key results, then
/// (for a person's view of a team file) only the key results they own kept.
fn owner_grade(s: &Selected, ended: bool) -> OwnerGrade {
    let graded: Vec<(ObjectiveGrade, &Objective)> = s
        .okr
        .objectives
        .iter()
        .map(|o| (objective_grade(o, s.okr.quarter, ended), o))
        .collect();
    let grade = compute::owner_score(graded.iter().map(|(o, _)| o.grade));
    // The owner-level rule judges the whole file, so it is not repeated on a
    // person's partial view of a team.
    let flags = if s.only_owned_by.is_none() && all_aspirational_high(&graded) {
        vec![Flag::AllAspirationalHigh]
    } else {
        Vec::new()
    };
    let objectives: Vec<ObjectiveGrade> = graded
        .into_iter()
        .filter_map(|(mut view, objective)| {
            if s.only_owned_by.is_some() {
                let mut keep = objective.key_results.iter().map(|kr| s.includes(kr));
                view.key_results.retain(|_| keep.next().unwrap_or(false));
            }
            (!view.key_results.is_empty() || s.only_owned_by.is_none()).then_some(view)
        })
        .collect();
    let krs = || objectives.iter().flat_map(|o| &o.key_results);
    let live_key_results = krs().filter(|k| k.dropped.is_none()).count();
    let warnings = flags.len()
        + objectives.iter().map(|o| o.flags.len()).sum::<usize>()
        + krs().map(|k| k.flags.len()).sum::<usize>();
    OwnerGrade {
        owner: s.owner.to_string(),
        kind: s.kind,
        file: s.file.display.clone(),
        only_owned_by: s.only_owned_by.map(str::to_string),
        grade,
        band: grade.map(Band::of),
        flags,
        live_key_results,
        dropped_key_results: krs().count() - live_key_results,
        warnings,
        objectives,
    }
}

fn objective_grade(objective: &Objective, quarter: Quarter, ended: bool) -> ObjectiveGrade {
    let key_results: Vec<KeyResultGrade> = objective
        .key_results
        .iter()
        .map(|kr| key_result_grade(objective, kr, quarter, ended))
        .collect();
    let grade = compute::weighted_mean(
        key_results
            .iter()
            .filter_map(|k| k.grade.map(|g| (g, k.weight))),
    );
    ObjectiveGrade {
        id: objective.id.to_string(),
        title: objective.title.clone(),
        committed: objective.committed,
        aligns: objective.aligns.as_ref().map(ToString::to_string),
        grade,
        band: grade.map(Band::of),
        reflection: objective.reflection.clone(),
        flags: Vec::new(),
        key_results,
    }
}

fn key_result_grade(
    objective: &Objective,
    kr: &KeyResult,
    quarter: Quarter,
    ended: bool,
) -> KeyResultGrade {
    let figures = compute::key_result(kr, quarter, None);
    let live = kr.dropped.is_none();
    let suggested = live.then(|| compute::suggested_grade(figures.progress));
    let grade = if live {
        figures.grade.or(suggested)
    } else {
        None
    };
    KeyResultGrade {
        id: kr.id.to_string(),
        title: kr.title.clone(),
        owner: kr.owner.as_ref().map(ToString::to_string),
        unit: kr.unit.clone(),
        weight: kr.weight(),
        baseline: kr.baseline.0,
        target: kr.target.0,
        current: figures.current,
        progress: figures.progress,
        suggested_grade: suggested,
        grade,
        graded: kr.grade.is_some(),
        band: grade.map(Band::of),
        dropped: kr.dropped.clone(),
        reflection: kr.reflection.clone(),
        flags: key_result_flags(objective, kr, &figures, ended),
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

fn has_text(text: Option<&str>) -> bool {
    text.is_some_and(|t| !t.trim().is_empty())
}

/// Whether an owner's aspirational key results all grade 0.9 or more (and
/// there is at least one). Judged on the grade column, given or suggested.
fn all_aspirational_high(objectives: &[(ObjectiveGrade, &Objective)]) -> bool {
    aspirational_all_at_least(
        objectives
            .iter()
            .filter(|(o, _)| !o.committed)
            .flat_map(|(o, _)| o.key_results.iter().filter_map(|k| k.grade)),
        TOO_EASY,
    )
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

impl Summary {
    fn of(owners: &[OwnerGrade]) -> Summary {
        let objectives = || owners.iter().flat_map(|o| &o.objectives);
        let live = || {
            objectives().flat_map(|o| {
                o.key_results
                    .iter()
                    .filter(|k| k.dropped.is_none())
                    .map(move |k| (o.committed, k))
            })
        };
        let grades = || live().filter_map(|(_, k)| k.grade);
        let mut bands = BandCounts::default();
        let mut distribution: Vec<Bucket> = (0..=10)
            .map(|i| Bucket {
                grade: f64::from(i) / 10.0,
                key_results: 0,
            })
            .collect();
        for grade in grades() {
            match Band::of(grade) {
                Band::Red => bands.red += 1,
                Band::Yellow => bands.yellow += 1,
                Band::Green => bands.green += 1,
            }
            // Grades are 0.0–1.0, so the bucket index is 0..=10.
            let index = (compute::suggested_grade(grade) * 10.0).round() as usize;
            if let Some(bucket) = distribution.get_mut(index) {
                bucket.key_results += 1;
            }
        }
        let group = |committed: bool| {
            let grades: Vec<f64> = live()
                .filter(|(c, _)| *c == committed)
                .filter_map(|(_, k)| k.grade)
                .collect();
            Group {
                key_results: grades.len(),
                average: compute::mean(grades.iter().copied()),
                below_one: grades.iter().filter(|g| **g < 1.0 - EPSILON).count(),
            }
        };
        let aspirational = group(false);
        let sweet_spot_distance = aspirational.average.map(sweet_spot_distance);
        let key_results = live().count();
        let graded = live().filter(|(_, k)| k.graded).count();
        Summary {
            key_results,
            graded,
            suggested: key_results - graded,
            dropped: owners.iter().map(|o| o.dropped_key_results).sum(),
            bands,
            distribution,
            average: compute::mean(grades()),
            aspirational,
            committed: group(true),
            sweet_spot: SWEET_SPOT,
            sweet_spot_distance,
            warnings: owners.iter().map(|o| o.warnings).sum(),
        }
    }
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

impl HistoryView {
    /// `owner`'s grade in every quarter that has valid files. An owner with no
    /// file in any quarter is a usage error that names the owners there are.
    pub fn build(workspace: &Workspace, owner: &str, today: NaiveDate) -> Result<HistoryView> {
        let files: Vec<(&str, &OkrFile)> = workspace
            .valid_files()
            .map(|(f, okr)| (f.display.as_str(), okr))
            .collect();
        let mut quarters: Vec<Quarter> = files.iter().map(|(_, okr)| okr.quarter).collect();
        quarters.sort();
        quarters.dedup();
        let own = |okr: &OkrFile| okr.owner().is_some_and(|(_, name)| name.as_str() == owner);
        if !files.iter().any(|(_, okr)| own(okr)) {
            let mut names: Vec<&str> = files
                .iter()
                .filter_map(|(_, okr)| okr.owner().map(|(_, n)| n.as_str()))
                .collect();
            names.sort();
            names.dedup();
            return Err(super::unknown_owner(owner, "in any quarter", &names).into());
        }
        let rows: Vec<HistoryQuarter> = quarters
            .into_iter()
            .map(|quarter| {
                let ended = quarter_ended(quarter, today);
                let file = files
                    .iter()
                    .find(|(_, okr)| okr.quarter == quarter && own(okr));
                let Some((path, okr)) = file else {
                    return HistoryQuarter {
                        quarter,
                        ended,
                        file: None,
                        grade: None,
                        band: None,
                        key_results: 0,
                        graded: 0,
                        dropped: 0,
                    };
                };
                let objectives: Vec<ObjectiveGrade> = okr
                    .objectives
                    .iter()
                    .map(|o| objective_grade(o, quarter, ended))
                    .collect();
                let krs = || objectives.iter().flat_map(|o| &o.key_results);
                let grade = compute::owner_score(objectives.iter().map(|o| o.grade));
                HistoryQuarter {
                    quarter,
                    ended,
                    file: Some(path.to_string()),
                    grade,
                    band: grade.map(Band::of),
                    key_results: krs().filter(|k| k.dropped.is_none()).count(),
                    graded: krs().filter(|k| k.dropped.is_none() && k.graded).count(),
                    dropped: krs().filter(|k| k.dropped.is_some()).count(),
                }
            })
            .collect();
        let flags = history_flags(rows.iter().filter(|r| r.ended).filter_map(|r| r.grade));
        Ok(HistoryView {
            owner: owner.to_string(),
            quarters: rows,
            flags,
        })
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
        key_result_flags(&o, kr, &compute::key_result(kr, q1(), None), ended)
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
        assert!(!quarter_ended(q, "2025-03-31".parse().unwrap()));
        assert!(quarter_ended(q, "2025-04-01".parse().unwrap()));
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
