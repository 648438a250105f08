//! A key result's whole timeline for `okr history`: every definition change
//! and every check-in added, changed or removed, commit by commit.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{date, optional_date};
use crate::model::{fmt_number, Checkin, KeyResult};
use crate::number::Num;
use crate::revisions::Revision;

/// What happened to a key result in one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The key result was added (or the file holding it created).
    Created,
    /// The key result was already there in the oldest version read.
    FirstSeen,
    /// The key result was taken out of the file.
    Removed,
    /// A field of its definition changed: `field`, `from`, `to`.
    Changed,
    /// A check-in was added: `checkin` is its date, `to` its value.
    CheckinAdded,
    /// A check-in's `value`, `confidence` or `note` (`field`) changed.
    CheckinChanged,
    /// A check-in was taken out: `from` was its value.
    CheckinRemoved,
}

/// A field's value in a timeline: a number (a JSON number, `docs/format.md#json-output`)
/// or a text (a title, a unit, a reason).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    Number(Num),
    Text(String),
}

impl FieldValue {
    fn number(n: f64) -> FieldValue {
        FieldValue::Number(Num(n))
    }
}

impl std::fmt::Display for FieldValue {
    /// Numbers the way people write them (`60`, `0.7`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Number(n) => f.write_str(&fmt_number(n.get())),
            FieldValue::Text(text) => f.write_str(text),
        }
    }
}

/// One entry of a key result's timeline; absent values are `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    /// The commit's short id.
    pub commit: String,
    pub kind: EventKind,
    pub field: Option<String>,
    pub from: Option<FieldValue>,
    pub to: Option<FieldValue>,
    /// For check-in events, the check-in's date.
    #[serde(serialize_with = "optional_date")]
    pub checkin: Option<NaiveDate>,
}

/// The key result's whole timeline for `okr history`: each definition change
/// (title, baseline, target, unit, owner, weight, grade, reflection, dropped,
/// current), each check-in added, changed or removed, with date and commit,
/// oldest first. The first event is `created` (or `first_seen` when the
/// oldest version read did not create it); the check-ins it already had follow
/// as `checkin_added` in the same commit.
pub fn timeline(revisions: &[Revision], objective: &str, key_result: &str) -> Vec<Event> {
    let mut events = Vec::new();
    let mut previous: Option<KeyResult> = None;
    let mut first = true;
    for version in revisions {
        let current = version
            .okr
            .objectives
            .iter()
            .filter(|o| o.id.as_str() == objective)
            .flat_map(|o| &o.key_results)
            .find(|kr| kr.id.as_str() == key_result)
            .cloned();
        let event = |kind, field: Option<&str>, from, to, checkin| Event {
            date: version.date,
            commit: version.short.clone(),
            kind,
            field: field.map(str::to_string),
            from,
            to,
            checkin,
        };
        match (&previous, &current) {
            (None, Some(kr)) => {
                let kind = if first && !version.created {
                    EventKind::FirstSeen
                } else {
                    EventKind::Created
                };
                events.push(event(kind, None, None, None, None));
                for checkin in kr.checkins() {
                    let value = Some(FieldValue::number(checkin.value.0));
                    let day = Some(checkin.date.0);
                    events.push(event(EventKind::CheckinAdded, None, None, value, day));
                }
            }
            (Some(_), None) => events.push(event(EventKind::Removed, None, None, None, None)),
            (Some(old), Some(new)) => {
                for (field, from, to) in definition_changes(old, new) {
                    events.push(event(EventKind::Changed, Some(field), from, to, None));
                }
                let old_checkins = by_date(old.checkins());
                let new_checkins = by_date(new.checkins());
                let mut days: Vec<NaiveDate> = old_checkins
                    .keys()
                    .chain(new_checkins.keys())
                    .copied()
                    .collect();
                days.sort();
                days.dedup();
                for day in days {
                    match (old_checkins.get(&day), new_checkins.get(&day)) {
                        (None, Some(added)) => events.push(event(
                            EventKind::CheckinAdded,
                            None,
                            None,
                            Some(FieldValue::number(added.value.0)),
                            Some(day),
                        )),
                        (Some(removed), None) => events.push(event(
                            EventKind::CheckinRemoved,
                            None,
                            Some(FieldValue::number(removed.value.0)),
                            None,
                            Some(day),
                        )),
                        (Some(old), Some(new)) => {
                            for (field, from, to) in checkin_changes(old, new) {
                                events.push(event(
                                    EventKind::CheckinChanged,
                                    Some(field),
                                    from,
                                    to,
                                    Some(day),
                                ));
                            }
                        }
                        (None, None) => {}
                    }
                }
            }
            (None, None) => {}
        }
        previous = current;
        first = false;
    }
    events
}

type FieldChange = (&'static str, Option<FieldValue>, Option<FieldValue>);

/// The definition fields that differ, in the order the format lists them.
fn definition_changes(old: &KeyResult, new: &KeyResult) -> Vec<FieldChange> {
    let number = |n: f64| Some(FieldValue::number(n));
    let text = |t: &Option<String>| t.clone().map(FieldValue::Text);
    let fields = |kr: &KeyResult| -> [(&'static str, Option<FieldValue>); 10] {
        [
            ("title", text(&kr.title)),
            ("baseline", number(kr.baseline.0)),
            ("target", number(kr.target.0)),
            ("unit", text(&kr.unit)),
            (
                "owner",
                kr.owner.as_ref().map(|o| FieldValue::Text(o.to_string())),
            ),
            ("weight", kr.weight.and_then(|w| number(w.0))),
            ("current", kr.current.and_then(|c| number(c.0))),
            ("grade", kr.grade.and_then(|g| number(g.0))),
            ("reflection", text(&kr.reflection)),
            ("dropped", text(&kr.dropped)),
        ]
    };
    differing(fields(old), fields(new))
}

/// The check-in fields that differ.
fn checkin_changes(old: &Checkin, new: &Checkin) -> Vec<FieldChange> {
    let fields = |c: &Checkin| -> [(&'static str, Option<FieldValue>); 3] {
        [
            ("value", Some(FieldValue::number(c.value.0))),
            ("confidence", c.confidence.map(|c| FieldValue::number(c.0))),
            ("note", c.note.clone().map(FieldValue::Text)),
        ]
    };
    differing(fields(old), fields(new))
}

fn differing<const N: usize>(
    old: [(&'static str, Option<FieldValue>); N],
    new: [(&'static str, Option<FieldValue>); N],
) -> Vec<FieldChange> {
    old.into_iter()
        .zip(new)
        .filter(|((_, from), (_, to))| from != to)
        .map(|((field, from), (_, to))| (field, from, to))
        .collect()
}

/// Check-ins by date; where a date is repeated (an invalid file), the last wins.
fn by_date(checkins: &[Checkin]) -> BTreeMap<NaiveDate, &Checkin> {
    checkins.iter().map(|c| (c.date.0, c)).collect()
}
