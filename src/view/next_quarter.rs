//! `okr new … --from QUARTER`: the owner's file for the next quarter, made
//! from their file of an earlier one. The same objectives and live key
//! results, each baseline set to its last measured value; no check-ins,
//! `current`, grades, reflections, notes or dropped key results.

use chrono::NaiveDate;

use crate::model::{KeyResult, Objective, OkrFile, OwnerKind, Quarter, Slug};
use crate::workspace::Workspace;

/// The new file, before it is written as YAML.
#[derive(Debug, Clone)]
pub struct NextQuarter {
    pub kind: OwnerKind,
    pub name: Slug,
    /// A person file's team, kept.
    pub team: Option<Slug>,
    pub from: Quarter,
    pub quarter: Quarter,
    pub objectives: Vec<NextObjective>,
}

#[derive(Debug, Clone)]
pub struct NextObjective {
    pub id: Slug,
    pub title: Option<String>,
    pub committed: bool,
    pub aligns: Aligns,
    pub key_results: Vec<NextKeyResult>,
}

/// What becomes of an objective's `aligns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aligns {
    None,
    /// The objective exists in the new quarter: kept.
    Kept(String),
    /// No such objective in the new quarter (yet): kept as a comment, so
    /// that the new file is valid.
    Missing(String),
}

#[derive(Debug, Clone)]
pub struct NextKeyResult {
    pub id: Slug,
    pub title: Option<String>,
    pub baseline: f64,
    pub target: f64,
    pub unit: Option<String>,
    pub owner: Option<Slug>,
    pub weight: Option<f64>,
    /// Where the baseline comes from.
    pub origin: Origin,
}

/// Where a new baseline comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The latest check-in, on that day.
    Checkin(NaiveDate),
    /// The key result's `current`.
    Current,
    /// Nothing was measured: the old baseline, unchanged.
    Unmeasured,
    /// The last value, this one, reached the target: a baseline equal to (or
    /// past) the target would leave nothing to aim for, so the old baseline
    /// is kept and the file says to set a new target.
    Reached(f64),
}

/// The next quarter's file for the owner of `old`, in `quarter`. `None`
/// when nothing is left to carry over (every key result dropped).
pub fn build(old: &OkrFile, quarter: Quarter, workspace: &Workspace) -> Option<NextQuarter> {
    let (kind, name) = old.owner()?;
    let carried: Vec<&Objective> = old
        .objectives
        .iter()
        .filter(|o| o.key_results.iter().any(|k| k.dropped.is_none()))
        .collect();
    let objectives: Vec<NextObjective> = carried
        .iter()
        .map(|o| NextObjective {
            id: o.id.clone(),
            title: o.title.clone(),
            committed: o.committed,
            aligns: match &o.aligns {
                None => Aligns::None,
                Some(to) => {
                    let here = to.owner == *name && carried.iter().any(|c| c.id == to.objective);
                    if here
                        || objective_exists(
                            workspace,
                            quarter,
                            to.owner.as_str(),
                            to.objective.as_str(),
                        )
                    {
                        Aligns::Kept(to.to_string())
                    } else {
                        Aligns::Missing(to.to_string())
                    }
                }
            },
            key_results: o
                .key_results
                .iter()
                .filter(|k| k.dropped.is_none())
                .map(next_key_result)
                .collect(),
        })
        .collect();
    (!objectives.is_empty()).then(|| NextQuarter {
        kind,
        name: name.clone(),
        team: if kind == OwnerKind::Person {
            old.team.clone()
        } else {
            None
        },
        from: old.quarter,
        quarter,
        objectives,
    })
}

fn next_key_result(kr: &KeyResult) -> NextKeyResult {
    let latest = kr.checkins().iter().max_by_key(|c| c.date);
    let (measured, origin) = match (latest, kr.current) {
        (Some(c), _) => (Some(c.value.0), Origin::Checkin(c.date.0)),
        (None, Some(current)) => (Some(current.0), Origin::Current),
        (None, None) => (None, Origin::Unmeasured),
    };
    let (baseline, target) = (kr.baseline.0, kr.target.0);
    let (baseline, origin) = match measured {
        Some(value) if reached(baseline, target, value) => (baseline, Origin::Reached(value)),
        Some(value) => (value, origin),
        None => (baseline, origin),
    };
    NextKeyResult {
        id: kr.id.clone(),
        title: kr.title.clone(),
        baseline,
        target,
        unit: kr.unit.clone(),
        owner: kr.owner.clone(),
        weight: kr.weight.map(|w| w.0),
        origin,
    }
}

/// Whether `value` is at or past `target`, coming from `baseline`.
fn reached(baseline: f64, target: f64, value: f64) -> bool {
    if target > baseline {
        value >= target
    } else {
        value <= target
    }
}

/// Whether a valid file of `owner` in `quarter` has objective `objective`.
fn objective_exists(workspace: &Workspace, quarter: Quarter, owner: &str, objective: &str) -> bool {
    workspace.valid_files().any(|(_, okr)| {
        okr.quarter.to_string() == quarter.to_string()
            && okr.owner().is_some_and(|(_, name)| name.as_str() == owner)
            && okr.objectives.iter().any(|o| o.id.as_str() == objective)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaching_the_target_counts_in_both_directions() {
        assert!(reached(120.0, 60.0, 60.0));
        assert!(reached(120.0, 60.0, 50.0));
        assert!(!reached(120.0, 60.0, 61.0));
        assert!(reached(30.0, 60.0, 61.0));
        assert!(!reached(30.0, 60.0, 59.0));
    }
}
