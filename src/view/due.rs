//! The view of `okr due`: the weekly routine (`README.md#commands`), per
//! person or team to ask, the key results whose check-in is overdue or due
//! within 7 days, with the exact `okr checkin` line to run. Its JSON is
//! `docs/format.md#json-output`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::compute::{self, DueState};
use crate::model::{OwnerKind, Quarter};
use crate::view::{iso_date, iso_date_opt, LeftOut, Selected};

/// Field names are a public interface (`docs/format.md#json-output`): add, never rename.
#[derive(Debug, Clone, Serialize)]
pub struct DueView {
    pub quarter: Quarter,
    #[serde(serialize_with = "iso_date")]
    pub as_of: NaiveDate,
    pub stale_after_days: i64,
    /// Days ahead a check-in counts as due.
    pub due_within_days: u64,
    /// Person files left out (`--include-personal` asks them too).
    pub person_files_left_out: usize,
    /// Whom to ask, the most pressing first.
    pub due: Vec<Ask>,
}

/// One person or team to ask, and what they owe.
#[derive(Debug, Clone, Serialize)]
pub struct Ask {
    /// The key result's `owner`, else its file's owner.
    pub who: String,
    pub kind: OwnerKind,
    /// Overdue first, then by due date.
    pub key_results: Vec<DueKr>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DueKr {
    /// `OWNER/OBJECTIVE/KEY_RESULT`, as `okr checkin` names it.
    pub path: String,
    pub title: Option<String>,
    /// The file the check-in goes to, as in diagnostics.
    pub file: String,
    #[serde(serialize_with = "iso_date_opt")]
    pub last_checkin: Option<NaiveDate>,
    /// The day it becomes (or became) stale.
    #[serde(serialize_with = "iso_date")]
    pub due_on: NaiveDate,
    pub state: DueState,
    /// `okr checkin PATH VALUE`: what to run, VALUE the measured value.
    pub command: String,
}

impl DueView {
    /// What the `selected` owners' key results owe as of `as_of`.
    pub fn build(
        quarter: Quarter,
        as_of: NaiveDate,
        selected: &[Selected],
        left_out: LeftOut,
        stale_after_days: i64,
    ) -> DueView {
        let mut by_who: BTreeMap<(String, OwnerKind), Vec<DueKr>> = BTreeMap::new();
        for s in selected {
            for objective in &s.okr.objectives {
                for kr in objective.key_results.iter().filter(|kr| s.includes(kr)) {
                    let Some((state, due_on)) =
                        compute::due(kr, s.okr.quarter, as_of, stale_after_days)
                    else {
                        continue;
                    };
                    let who = match &kr.owner {
                        Some(person) => (person.to_string(), OwnerKind::Person),
                        None => (s.owner.to_string(), s.kind),
                    };
                    let path = format!("{}/{}/{}", s.owner, objective.id, kr.id);
                    by_who.entry(who).or_default().push(DueKr {
                        command: format!("okr checkin {path} VALUE"),
                        path,
                        title: kr.title.clone(),
                        file: s.file.display.clone(),
                        last_checkin: compute::last_checkin(kr, Some(as_of)),
                        due_on,
                        state,
                    });
                }
            }
        }
        let mut due: Vec<Ask> = by_who
            .into_iter()
            .map(|((who, kind), mut key_results)| {
                key_results.sort_by(|a, b| {
                    (a.state, a.due_on, &a.path).cmp(&(b.state, b.due_on, &b.path))
                });
                Ask {
                    who,
                    kind,
                    key_results,
                }
            })
            .collect();
        // The most pressing first: whoever has the oldest overdue check-in.
        due.sort_by(|a, b| urgency(a).cmp(&urgency(b)).then_with(|| a.who.cmp(&b.who)));
        DueView {
            quarter,
            as_of,
            stale_after_days,
            due_within_days: compute::DUE_WITHIN_DAYS,
            person_files_left_out: left_out.person_files,
            due,
        }
    }
}

fn urgency(ask: &Ask) -> Option<(DueState, NaiveDate)> {
    ask.key_results.first().map(|k| (k.state, k.due_on))
}
