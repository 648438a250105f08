//! The view of `okr grade`: the quarter-end review. Grades, bands, the
//! grading-time warnings of `docs/format.md#checks` as `flags`, and a summary.
//!
//! The grade of a key result is its given `grade`, else the suggested grade
//! (its measured progress rounded to 0.1, [`compute::suggested_grade`]).
//! Objective and owner grades are the section-3 means taken over that grade
//! column, not over the raw progress that `status` scores use: a review
//! discusses the grades in the table, and their means must add up to what is
//! shown. Dropped key results count in no grade.
//!
//! Inside a git work tree, each key result also lists its goal-post changes
//! (`README.md#goal-posts-targets-moved-mid-quarter`): targets and baselines moved after the planning
//! weeks, read from the history of the files shown and nothing else.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::check::{self, grading::Place};
use crate::compute::goalposts::{self, Change, Direction, Field};
use crate::compute::grading::{
    self, key_result_flags, sweet_spot_distance, Flag, SWEET_SPOT, TOO_EASY,
};
use crate::compute::{self, Band};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{KeyResult, Objective, Quarter};
use crate::number::{plain, two_decimals, Num, EPSILON};
use crate::revisions::FileRevisions;
use crate::source::git::History;
use crate::source::LoadedFile;
use crate::view::tree::{self, Figures, KrNode, ObjectiveNode, OwnerNode};
use crate::view::{iso_date, LeftOut, Selected};
use crate::workspace::Workspace;

/// `okr grade` for one quarter: the JSON of `docs/format.md#json-output`, and what every
/// other format renders.
#[derive(Debug, Serialize)]
pub struct GradeView {
    pub quarter: Quarter,
    #[serde(serialize_with = "iso_date")]
    pub first_day: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub last_day: NaiveDate,
    /// The quarter's last day, `YYYY-MM-DD`.
    pub ends: String,
    /// The day the quarter is graded as of (`--as-of`, default today).
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    /// Whether the quarter is over at `as_of` (its last day has passed).
    pub ended: bool,
    /// The OWNER asked for, or null for every owner (then the table starts
    /// with an overview).
    pub selected: Option<String>,
    /// Person files left out of a many-owner view (`--include-personal` shows them).
    pub person_files_left_out: usize,
    pub owners: Vec<OwnerGrade>,
    pub summary: Summary,
    /// The grading-time warnings as diagnostics, positioned at their key result.
    pub diagnostics: Vec<Diagnostic>,
}

pub type OwnerGrade = OwnerNode<OwnerHead, ObjectiveHead, KeyResultGrade>;
pub type ObjectiveGrade = ObjectiveNode<ObjectiveHead, KeyResultGrade>;
pub type KrGrade = KrNode<KeyResultGrade>;

#[derive(Debug, Serialize)]
pub struct OwnerHead {
    /// For `okr grade PERSON`: this (team or company) entry holds only the key
    /// results that person owns. Grades stay the objective's and owner's own.
    pub only_owned_by: Option<String>,
    /// The mean of the objective grades; null when no key result is live.
    pub grade: Option<Num>,
    pub band: Option<Band>,
    pub flags: Vec<Flag>,
    /// Live key results shown for this owner.
    pub live_key_results: usize,
    /// Dropped key results shown for this owner.
    pub dropped_key_results: usize,
    /// Flags at every level of this owner.
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct ObjectiveHead {
    /// The weighted mean of the live key results' grades; null when all are dropped.
    pub grade: Option<Num>,
    pub band: Option<Band>,
    pub reflection: Option<String>,
    /// No section-4 rule is about an objective alone; kept for a stable shape.
    pub flags: Vec<Flag>,
}

#[derive(Debug, Serialize)]
pub struct KeyResultGrade {
    pub weight: Num,
    pub baseline: Num,
    pub target: Num,
    /// The final measured value (every check-in up to `as_of` counts).
    pub current: Option<Num>,
    pub progress: Num,
    /// The progress rounded to 0.1 (half up); null when dropped.
    pub suggested_grade: Option<Num>,
    /// The given grade, else the suggested one; null when dropped.
    pub grade: Option<Num>,
    /// True when the file gives a grade.
    pub graded: bool,
    pub band: Option<Band>,
    pub dropped: Option<String>,
    pub reflection: Option<String>,
    pub flags: Vec<Flag>,
    /// Its target and baseline changes after the planning weeks, oldest
    /// first (empty outside git); shown whether or not a reflection says why.
    pub changes: Vec<Change>,
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
    pub average: Option<Num>,
    pub aspirational: Group,
    pub committed: Group,
    pub sweet_spot: [f64; 2],
    /// How far the aspirational average lies outside the sweet spot: 0 inside,
    /// positive above 0.7, negative below 0.6; null without aspirational key results.
    pub sweet_spot_distance: Option<Num>,
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
    pub grade: Num,
    pub key_results: usize,
}

/// Live key results of committed or of aspirational objectives.
#[derive(Debug, Serialize)]
pub struct Group {
    pub key_results: usize,
    pub average: Option<Num>,
    /// Grades below 1.0 (what matters for committed key results).
    pub below_one: usize,
}

/// The goal-post changes of the files a grade view shows, read from git.
#[derive(Debug, Default)]
pub struct GoalPosts {
    /// Per file (its path as loaded), per (objective id, key result id).
    by_file: HashMap<PathBuf, BTreeMap<(String, String), Vec<Change>>>,
    /// Why history could not be read (a shallow clone, a damaged
    /// repository), for stderr. Nothing is reported then.
    pub note: Option<String>,
}

impl GoalPosts {
    /// The files whose goal posts a grade view of `quarter` on `as_of` is
    /// judged by (the `selected` ones), with the days of history that count,
    /// or `None` when none can have moved: `as_of` is still within the
    /// planning weeks (nothing then needs reading from git).
    pub fn wanted(
        selected: &[Selected],
        quarter: Quarter,
        as_of: NaiveDate,
    ) -> Option<(Vec<PathBuf>, NaiveDate, NaiveDate)> {
        let first_day = quarter.first_day();
        if as_of <= goalposts::planning_end(first_day) || selected.is_empty() {
            return None;
        }
        let mut paths: Vec<PathBuf> = selected.iter().map(|s| s.file.path.clone()).collect();
        paths.sort();
        paths.dedup();
        Some((paths, first_day, as_of))
    }

    /// The changes committed after `quarter`'s planning weeks (after the
    /// quarter's end too: a target moved while grading is still a moved
    /// target), from the versions read for [`GoalPosts::wanted`].
    pub fn of(history: History<Vec<FileRevisions>>, quarter: Quarter) -> GoalPosts {
        let planning_end = goalposts::planning_end(quarter.first_day());
        match history {
            History::NotARepository | History::GitMissing => GoalPosts::default(),
            History::Shallow { note } | History::Unavailable { note } => GoalPosts {
                by_file: HashMap::new(),
                note: Some(note),
            },
            History::Files(files) => GoalPosts {
                by_file: goalposts::changes_by_file(&files, planning_end),
                note: None,
            },
        }
    }

    /// The changes of one key result of `file` (its path as loaded).
    pub fn changes(&self, file: &Path, objective: &str, key_result: &str) -> Vec<Change> {
        self.by_file
            .get(file)
            .and_then(|changes| changes.get(&(objective.to_string(), key_result.to_string())))
            .cloned()
            .unwrap_or_default()
    }
}

/// The figures of a grade view: the quarter as it stood on a day.
struct Grading<'c> {
    as_of: NaiveDate,
    ended: bool,
    config: &'c Config,
    goal_posts: &'c GoalPosts,
}

impl Figures for Grading<'_> {
    type Owner = OwnerHead;
    type Objective = ObjectiveHead;
    type Kr = KeyResultGrade;

    fn key_result(&self, s: &Selected, objective: &Objective, kr: &KeyResult) -> KeyResultGrade {
        let figures = compute::key_result(
            kr,
            s.okr.quarter,
            Some(self.as_of),
            self.config.stale_after_days,
        );
        let live = kr.dropped.is_none();
        let suggested = live.then(|| compute::suggested_grade(figures.progress));
        let grade = if live {
            figures.grade.or(suggested)
        } else {
            None
        };
        let changes = self
            .goal_posts
            .changes(&s.file.path, objective.id.as_str(), kr.id.as_str());
        let mut flags = key_result_flags(objective, kr, &figures, self.ended);
        flags.extend(goalposts::goal_post_flags(kr, &changes));
        KeyResultGrade {
            weight: Num(kr.weight()),
            baseline: Num(kr.baseline.0),
            target: Num(kr.target.0),
            current: figures.current.map(Num),
            progress: Num(figures.progress),
            suggested_grade: suggested.map(Num),
            grade: grade.map(Num),
            graded: kr.grade.is_some(),
            band: grade.map(Band::of),
            dropped: kr.dropped.clone(),
            reflection: kr.reflection.clone(),
            flags,
            changes,
        }
    }

    fn objective(&self, _: &Selected, objective: &Objective, krs: &[KrGrade]) -> ObjectiveHead {
        let grade = compute::weighted_mean(
            krs.iter()
                .filter_map(|k| k.figures.grade.map(|g| (g.0, k.figures.weight.0))),
        );
        ObjectiveHead {
            grade: grade.map(Num),
            band: grade.map(Band::of),
            reflection: objective.reflection.clone(),
            flags: Vec::new(),
        }
    }

    fn owner(&self, s: &Selected, objectives: &[ObjectiveGrade]) -> OwnerHead {
        let grade = compute::owner_score(objectives.iter().map(|o| o.head.grade.map(Num::get)));
        // The owner-level rule judges the whole file, so it is not repeated on a
        // person's partial view of a team.
        let aspirational = objectives.iter().filter(|o| !o.committed).flat_map(|o| {
            o.key_results
                .iter()
                .filter_map(|k| k.figures.grade.map(Num::get))
        });
        let flags = if s.only_owned_by.is_none()
            && grading::aspirational_all_at_least(aspirational, TOO_EASY)
        {
            vec![Flag::AllAspirationalHigh]
        } else {
            Vec::new()
        };
        OwnerHead {
            only_owned_by: s.only_owned_by.map(str::to_string),
            grade: grade.map(Num),
            band: grade.map(Band::of),
            flags,
            // Counted over what is shown, once the tree is filtered.
            live_key_results: 0,
            dropped_key_results: 0,
            warnings: 0,
        }
    }
}

impl GradeView {
    /// The view of `selected` (the owners of `quarter`) as of `as_of`,
    /// without goal posts.
    pub fn build(
        quarter: Quarter,
        asked: Option<&str>,
        selected: &[Selected],
        left_out: LeftOut,
        as_of: NaiveDate,
        config: &Config,
    ) -> GradeView {
        let none = GoalPosts::default();
        GradeView::with_goal_posts(quarter, asked, selected, left_out, as_of, config, &none)
    }

    /// [`Self::build`], each key result with its goal-post changes.
    pub fn with_goal_posts(
        quarter: Quarter,
        asked: Option<&str>,
        selected: &[Selected],
        left_out: LeftOut,
        as_of: NaiveDate,
        config: &Config,
        goal_posts: &GoalPosts,
    ) -> GradeView {
        let ended = quarter.is_over(as_of);
        let mut owners = tree::walk(
            selected,
            &Grading {
                as_of,
                ended,
                config,
                goal_posts,
            },
        );
        for owner in &mut owners {
            let krs = || owner.objectives.iter().flat_map(|o| &o.key_results);
            let live = krs().filter(|k| k.figures.dropped.is_none()).count();
            let dropped = krs().count() - live;
            let warnings = owner.head.flags.len()
                + owner
                    .objectives
                    .iter()
                    .map(|o| o.head.flags.len())
                    .sum::<usize>()
                + krs().map(|k| k.figures.flags.len()).sum::<usize>();
            owner.head.live_key_results = live;
            owner.head.dropped_key_results = dropped;
            owner.head.warnings = warnings;
        }
        let summary = Summary::of(&owners);
        GradeView {
            quarter,
            first_day: quarter.first_day(),
            last_day: quarter.last_day(),
            ends: quarter.last_day().to_string(),
            as_of,
            ended,
            selected: asked.map(str::to_string),
            person_files_left_out: left_out.person_files,
            owners,
            summary,
            diagnostics: Vec::new(),
        }
    }
}

/// What an owner's flag means and what to do.
pub fn owner_advice(flag: Flag, owner: &OwnerGrade) -> String {
    match flag {
        Flag::AllAspirationalHigh => format!(
            "every aspirational key result of `{}` grades {TOO_EASY} or more: were the goals ambitious enough? Aspirational goals that land at {}–{} stretch a team",
            owner.owner, SWEET_SPOT[0], SWEET_SPOT[1]
        ),
        other => format!("`{}`: {}", owner.owner, other.as_str()),
    }
}

/// What a key result's flag means and what to do.
pub fn kr_advice(flag: Flag, o: &ObjectiveGrade, kr: &KrGrade) -> String {
    let context = format!("objective `{}`, key result `{}`", o.id, kr.id);
    let grade = kr.figures.grade.map(|g| plain(g.0)).unwrap_or_default();
    let progress = two_decimals(kr.figures.progress.0);
    match flag {
        Flag::CommittedMissWithoutReflection => format!(
            "{context}: committed, but graded {grade}; add a `reflection:` saying why the committed key result fell short"
        ),
        Flag::GradeDisagreesWithProgress => format!(
            "{context}: graded {grade}, but the measured progress is {progress}; add a `reflection:` saying why the grade differs, or correct the grade"
        ),
        Flag::UngradedAfterQuarterEnd => format!(
            "{context}: not graded, and the quarter is over; the measured progress {progress} suggests `grade: {}`: write it (or your own judgement) and a `reflection:`",
            kr.figures
                .suggested_grade
                .map(|g| format!("{:.1}", g.0))
                .unwrap_or_default()
        ),
        Flag::NoData => format!(
            "{context}: no measured value, so its progress counts as 0; add the final check-in (or `current:`) before grading"
        ),
        Flag::TargetMoved | Flag::BaselineMoved => {
            let field = if flag == Flag::TargetMoved {
                Field::Target
            } else {
                Field::Baseline
            };
            let moves: Vec<String> = kr
                .figures
                .changes
                .iter()
                .filter(|c| c.field == field)
                .map(|c| {
                    format!(
                        "{} from {} to {} on {} ({})",
                        direction_word(c.direction),
                        plain(c.from),
                        plain(c.to),
                        c.date,
                        c.commit
                    )
                })
                .collect();
            format!(
                "{context}: {} {} after the planning weeks; changing course is allowed: say why in `reflection:`",
                field_word(field),
                moves.join(", then ")
            )
        }
        other => format!("{context}: {}", other.as_str()),
    }
}

/// "target" or "baseline".
pub fn field_word(field: Field) -> &'static str {
    match field {
        Field::Target => "target",
        Field::Baseline => "baseline",
    }
}

/// "eased" or "raised".
pub fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Eased => "eased",
        Direction::Raised => "raised",
    }
}

/// The grading-time warnings of `view` as diagnostics, positioned at their
/// key result (or owner) in its file.
pub fn diagnostics(view: &GradeView, workspace: &Workspace) -> Vec<Diagnostic> {
    let files: HashMap<&str, &LoadedFile> = workspace
        .files
        .iter()
        .map(|f| (f.display.as_str(), f))
        .collect();
    // Positioning scans each file's text: owners are done in parallel, and
    // the result sorted.
    let mut all: Vec<Diagnostic> = view
        .owners
        .par_iter()
        .flat_map_iter(|owner| {
            let Some(file) = files.get(owner.file.as_str()) else {
                return Vec::new();
            };
            let mut warnings = Vec::new();
            for flag in &owner.head.flags {
                if let Some(rule) = flag.rule() {
                    warnings.push((rule, Place::Owner, owner_advice(*flag, owner)));
                }
            }
            for objective in &owner.objectives {
                for kr in &objective.key_results {
                    for flag in &kr.figures.flags {
                        if let Some(rule) = flag.rule() {
                            let place = Place::KeyResult {
                                objective: &objective.id,
                                key_result: &kr.id,
                            };
                            warnings.push((rule, place, kr_advice(*flag, objective, kr)));
                        }
                    }
                }
            }
            check::grading::diagnostics(file, warnings, &workspace.config)
        })
        .collect();
    Diagnostic::sort(&mut all);
    all
}

impl Summary {
    fn of(owners: &[OwnerGrade]) -> Summary {
        let objectives = || owners.iter().flat_map(|o| &o.objectives);
        let live = || {
            objectives().flat_map(|o| {
                o.key_results
                    .iter()
                    .filter(|k| k.figures.dropped.is_none())
                    .map(move |k| (o.committed, &k.figures))
            })
        };
        let grades = || live().filter_map(|(_, k)| k.grade.map(Num::get));
        let mut bands = BandCounts::default();
        let mut distribution: Vec<Bucket> = (0..=10)
            .map(|i| Bucket {
                grade: Num(f64::from(i) / 10.0),
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
                .filter_map(|(_, k)| k.grade.map(Num::get))
                .collect();
            Group {
                key_results: grades.len(),
                average: compute::mean(grades.iter().copied()).map(Num),
                below_one: grades.iter().filter(|g| **g < 1.0 - EPSILON).count(),
            }
        };
        let aspirational = group(false);
        let sweet_spot_distance = aspirational.average.map(|a| Num(sweet_spot_distance(a.0)));
        let key_results = live().count();
        let graded = live().filter(|(_, k)| k.graded).count();
        Summary {
            key_results,
            graded,
            suggested: key_results - graded,
            dropped: owners.iter().map(|o| o.head.dropped_key_results).sum(),
            bands,
            distribution,
            average: compute::mean(grades()).map(Num),
            aspirational,
            committed: group(true),
            sweet_spot: SWEET_SPOT,
            sweet_spot_distance,
            warnings: owners.iter().map(|o| o.head.warnings).sum(),
        }
    }
}
