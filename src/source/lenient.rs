//! A model of an invalid file for the checks alone (`docs/format.md#checks`:
//! "a bad value does not hide the file's other problems").
//!
//! When the typed parse fails on valid YAML, [`super::walk`] reports every
//! type error, unknown key and bad value. So that the rules on the rest of the
//! file (a target equal to its baseline, duplicate ids, alignment) still run,
//! this reads the file again leaving out what the walk already reported: an
//! unknown key, and an optional key whose value the model refuses (`grade:
//! 70`, `weight: 0`, `dropped: true`, `owner: Alice`). A bad owner name is
//! replaced by a placeholder, so the file still has its one owner.
//!
//! Nothing else is guessed: a bad required value (an id, the quarter, a
//! baseline, a check-in's date or value), a list that is not a list, or
//! anything the model still refuses gives no model, and only the walk's
//! problems are reported. The model is used by the per-file checks only,
//! never by a view or by the checks across files (the file stays invalid).

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use crate::model::{Checkin, KeyResult, Objective, OkrFile};

/// The file read with its reported values left out, if what is left reads.
pub fn model(value: &Value) -> Option<OkrFile> {
    let mut value = value.clone();
    let root = value.as_mapping_mut()?;
    tolerate(root, Level::File)?;
    let objectives = root.get_mut("objectives")?.as_sequence_mut()?;
    for objective in objectives {
        let objective = objective.as_mapping_mut()?;
        if tolerate(objective, Level::Objective)? {
            continue;
        }
        for kr in objective.get_mut("key_results")?.as_sequence_mut()? {
            let kr = kr.as_mapping_mut()?;
            if tolerate(kr, Level::KeyResult)? {
                continue;
            }
            if let Some(checkins) = kr.get_mut("checkins") {
                // `checkins:` left empty is absent; anything else must be a list.
                if !checkins.is_null() {
                    for checkin in checkins.as_sequence_mut()? {
                        tolerate(checkin.as_mapping_mut()?, Level::Checkin)?;
                    }
                }
            }
        }
    }
    serde_yaml::from_value(value).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    File,
    Objective,
    KeyResult,
    Checkin,
}

impl Level {
    /// The keys of this level, `(key, required)`; the lists below are
    /// walked by [`model`], not judged here.
    fn keys(self) -> &'static [(&'static str, bool)] {
        match self {
            Level::File => &[
                ("quarter", true),
                ("company", false),
                ("team", false),
                ("person", false),
                ("objectives", true),
            ],
            Level::Objective => &[
                ("id", true),
                ("title", false),
                ("committed", false),
                ("aligns", false),
                ("key_results", true),
                ("reflection", false),
                ("notes", false),
            ],
            Level::KeyResult => &[
                ("id", true),
                ("title", false),
                ("baseline", true),
                ("target", true),
                ("unit", false),
                ("owner", false),
                ("weight", false),
                ("current", false),
                ("checkins", false),
                ("grade", false),
                ("reflection", false),
                ("dropped", false),
            ],
            Level::Checkin => &[
                ("date", true),
                ("value", true),
                ("confidence", false),
                ("note", false),
            ],
        }
    }

    fn is_list(self, key: &str) -> bool {
        matches!(
            (self, key),
            (Level::File, "objectives")
                | (Level::Objective, "key_results")
                | (Level::KeyResult, "checkins")
        )
    }

    /// Whether the model takes `value` for `key`: tried on the smallest valid
    /// item of this level holding it, so the model's own rules judge it.
    fn accepts(self, key: &str, value: &Value) -> bool {
        let mut item = self.smallest();
        item.insert(Value::from(key), value.clone());
        let item = Value::Mapping(item);
        match self {
            Level::File => reads::<OkrFile>(item),
            Level::Objective => reads::<Objective>(item),
            Level::KeyResult => reads::<KeyResult>(item),
            Level::Checkin => reads::<Checkin>(item),
        }
    }

    /// The smallest valid item of this level.
    fn smallest(self) -> Mapping {
        let yaml = match self {
            Level::File => {
                "{ quarter: 2026-Q4, objectives: [{ id: o, key_results: [{ id: k, baseline: 0, target: 1 }] }] }"
            }
            Level::Objective => "{ id: o, key_results: [{ id: k, baseline: 0, target: 1 }] }",
            Level::KeyResult => "{ id: k, baseline: 0, target: 1 }",
            Level::Checkin => "{ date: 2026-10-01, value: 0 }",
        };
        serde_yaml::from_str(yaml).unwrap_or_default()
    }
}

fn reads<T: DeserializeOwned>(value: Value) -> bool {
    serde_yaml::from_value::<T>(value).is_ok()
}

/// Leaves out of `item` what the walk reported; `None` when a required
/// value is bad, `Some(true)` when the item reads as it is (nothing below it
/// needs a look).
fn tolerate(item: &mut Mapping, level: Level) -> Option<bool> {
    // Most items of an invalid file are fine: one read says so, instead of
    // one per key (a 1 MiB file of 9,000 key results and one typo).
    let whole = Value::Mapping(item.clone());
    let fine = match level {
        Level::File => false,
        Level::Objective => reads::<Objective>(whole),
        Level::KeyResult => reads::<KeyResult>(whole),
        Level::Checkin => reads::<Checkin>(whole),
    };
    if fine {
        return Some(true);
    }
    let keys = level.keys();
    let mut drop = Vec::new();
    let mut placeholder = Vec::new();
    for (key, value) in item.iter() {
        let Some(&(name, required)) = key
            .as_str()
            .and_then(|k| keys.iter().find(|(name, _)| *name == k))
        else {
            drop.push(key.clone()); // an unknown key
            continue;
        };
        if level.is_list(name) || level.accepts(name, value) {
            continue;
        }
        match (level, name, required) {
            // The owner stays an owner: its checks (exactly one) still hold.
            (Level::File, "company" | "team" | "person", _) => placeholder.push(key.clone()),
            (_, _, false) => drop.push(key.clone()),
            (_, _, true) => return None,
        }
    }
    for key in drop {
        item.remove(&key);
    }
    for key in placeholder {
        item.insert(key, Value::from("invalid-owner-name"));
    }
    Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lenient(yaml: &str) -> Option<OkrFile> {
        model(&serde_yaml::from_str(yaml).unwrap())
    }

    const FILE: &str = "
quarter: 2026-Q4
team: web
objectives:
  - id: fast
    key_results:
      - id: p95
        baseline: 900
        target: 400
        BAD
";

    #[test]
    fn bad_optional_values_are_left_out() {
        for bad in [
            "grade: 70",
            "weight: 0",
            "dropped: true",
            "owner: Alice",
            "confidance: 0.5",
            "unit: [ms]",
            "current: sixty",
        ] {
            let okr = lenient(&FILE.replace("BAD", bad)).unwrap_or_else(|| panic!("{bad}"));
            let kr = &okr.objectives[0].key_results[0];
            assert_eq!(kr.baseline.0, 900.0, "{bad}");
            assert!(kr.grade.is_none() && kr.weight.is_none() && kr.dropped.is_none());
            assert!(kr.owner.is_none() && kr.unit.is_none() && kr.current.is_none());
        }
    }

    #[test]
    fn a_bad_required_value_gives_no_model() {
        let file = FILE.replace("BAD", "");
        assert!(lenient(&file).is_some());
        assert!(lenient(&file.replace("baseline: 900", "baseline: sixty")).is_none());
        assert!(lenient(&file.replace("id: p95", "id: P 95")).is_none());
        assert!(lenient(&file.replace("2026-Q4", "Q4")).is_none());
    }

    #[test]
    fn a_bad_owner_name_keeps_an_owner() {
        let okr = lenient(
            &FILE
                .replace("team: web", "team: Web Team")
                .replace("BAD", ""),
        )
        .unwrap();
        assert!(okr.team.is_some());
    }
}
