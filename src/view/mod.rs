//! Views: plain `Serialize` structs built from the workspace, one per
//! command, all from the figures of [`crate::compute`]. Their JSON is the
//! public interface of `docs/format.md#json-output`. Renderers print them; nothing
//! here writes output.

pub mod authoring;
pub mod cascade;
pub mod check;
pub mod checkin;
pub mod due;
pub mod grade;
pub mod history;
pub mod next_quarter;
pub mod report;
pub mod status;
pub mod timeline;
pub mod tree;

use chrono::NaiveDate;
use serde::Serializer;

use crate::error::UsageError;
use crate::model::{KeyResult, OkrFile, OwnerKind, Quarter};
use crate::workspace::{LoadedFile, Workspace};

/// The quarter a view is about, and a note when it was not the one asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterChoice {
    pub quarter: Quarter,
    /// Said on stderr: why another quarter than the default is shown.
    pub note: Option<String>,
}

/// `--quarter` if given; else the quarter containing `date`; and if no valid
/// file is for that quarter, the latest quarter that has files, with a note.
pub fn choose_quarter(
    workspace: &Workspace,
    given: Option<&str>,
    date: NaiveDate,
) -> Result<QuarterChoice, UsageError> {
    let calendar = workspace.config.calendar;
    if let Some(given) = given {
        return Ok(QuarterChoice {
            quarter: calendar
                .parse(given)
                .map_err(|e| UsageError(format!("--quarter: {e}")))?,
            note: None,
        });
    }
    let wanted = calendar.containing(date);
    let quarters = workspace.quarters();
    if quarters.contains(&wanted) {
        return Ok(QuarterChoice {
            quarter: wanted,
            note: None,
        });
    }
    Ok(match quarters.last() {
        Some(&latest) => QuarterChoice {
            quarter: latest,
            note: Some(format!(
                "no OKR file is for {wanted}; showing {latest}, the latest quarter that has files (choose with --quarter)"
            )),
        },
        None => QuarterChoice {
            quarter: wanted,
            note: None,
        },
    })
}

/// One owner's file as a view shows it. For `okr status PERSON`, the team (and
/// company) files enter with only the key results that person owns.
#[derive(Debug, Clone, Copy)]
pub struct Selected<'a> {
    pub file: &'a LoadedFile,
    pub okr: &'a OkrFile,
    pub kind: OwnerKind,
    pub owner: &'a str,
    /// `Some(person)`: keep only the key results whose `owner` is this person
    /// (and the objectives that hold them).
    pub only_owned_by: Option<&'a str>,
}

impl Selected<'_> {
    /// Whether the view includes this key result.
    pub fn includes(&self, kr: &KeyResult) -> bool {
        self.only_owned_by
            .is_none_or(|person| kr.owner.as_ref().is_some_and(|o| o.as_str() == person))
    }
}

/// Who a view is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Every owner of the quarter; person files only when `include_personal`.
    All { include_personal: bool },
    /// One owner (for a person, also the team key results they own).
    Owner(&'a str),
}

impl<'a> Scope<'a> {
    /// One owner when `owner` is given, else every owner.
    pub fn of(owner: Option<&'a str>, include_personal: bool) -> Scope<'a> {
        match owner {
            Some(owner) => Scope::Owner(owner),
            None => Scope::All { include_personal },
        }
    }
}

/// The owners a selection left out: person files of a many-owner view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub person_files: usize,
}

/// Why an owner could not be selected.
#[derive(Debug)]
pub enum SelectError {
    /// No file, valid or not, names the owner: a usage error (exit 2).
    Unknown(UsageError),
    /// The owner's only files are invalid (exit 1): their paths.
    Invalid(Vec<String>),
}

/// The valid files of `quarter` for `scope`: every owner (companies, then
/// teams, then people, each by name), or one owner. For a person, their own
/// file comes first, then the other files' key results they own.
pub fn select<'a>(
    workspace: &'a Workspace,
    quarter: Quarter,
    scope: Scope<'a>,
) -> Result<(Vec<Selected<'a>>, LeftOut), SelectError> {
    let mut all: Vec<Selected<'a>> = workspace
        .valid_files()
        .filter(|(_, okr)| okr.quarter == quarter)
        .filter_map(|(file, okr)| {
            let (kind, name) = okr.owner()?;
            Some(Selected {
                file,
                okr,
                kind,
                owner: name.as_str(),
                only_owned_by: None,
            })
        })
        .collect();
    all.sort_by(|a, b| (a.kind, a.owner).cmp(&(b.kind, b.owner)));
    let wanted = match scope {
        Scope::All { include_personal } => {
            let before = all.len();
            if !include_personal {
                all.retain(|s| s.kind != OwnerKind::Person);
            }
            return Ok((
                all.clone(),
                LeftOut {
                    person_files: before - all.len(),
                },
            ));
        }
        Scope::Owner(wanted) => wanted,
    };
    let own: Vec<Selected> = all.iter().filter(|s| s.owner == wanted).copied().collect();
    let is_team_like = own.iter().any(|s| s.kind != OwnerKind::Person);
    let mut chosen = own;
    if !is_team_like {
        for s in &all {
            let owns_some = s.kind != OwnerKind::Person
                && s.okr
                    .objectives
                    .iter()
                    .flat_map(|o| &o.key_results)
                    .any(|kr| kr.owner.as_ref().is_some_and(|o| o.as_str() == wanted));
            if owns_some {
                chosen.push(Selected {
                    only_owned_by: Some(wanted),
                    ..*s
                });
            }
        }
    }
    let invalid = workspace.invalid_files_of(wanted, Some(quarter));
    if !invalid.is_empty() && chosen.is_empty() {
        // The owner's own file is broken: never show the owner as if it were not.
        return Err(SelectError::Invalid(
            invalid.iter().map(|f| f.display.clone()).collect(),
        ));
    }
    if chosen.is_empty() {
        let names = owner_names(&all);
        return Err(SelectError::Unknown(unknown_owner(
            wanted,
            &format!("in {quarter}"),
            &names,
        )));
    }
    Ok((chosen, LeftOut::default()))
}

/// The owners of files, then the people who own key results in them.
pub fn owner_names<'a>(selected: &[Selected<'a>]) -> Vec<&'a str> {
    let mut names: Vec<&str> = selected.iter().map(|s| s.owner).collect();
    let mut people: Vec<&str> = selected
        .iter()
        .flat_map(|s| &s.okr.objectives)
        .flat_map(|o| &o.key_results)
        .filter_map(|kr| kr.owner.as_ref().map(|o| o.as_str()))
        .filter(|person| !names.contains(person))
        .collect();
    people.sort_unstable();
    people.dedup();
    names.extend(people);
    names
}

/// "no owner `alcie` has OKRs in 2026-Q4; did you mean `alice`?", or the list
/// of the owners there are when none is close.
pub fn unknown_owner(wanted: &str, scope: &str, names: &[&str]) -> UsageError {
    let hint = match crate::suggest::closest(wanted, names.iter().copied()) {
        Some(near) => format!("; did you mean `{near}`?"),
        None if names.is_empty() => String::new(),
        None => format!("; the owners are: {}", names.join(", ")),
    };
    UsageError(format!("no owner `{wanted}` has OKRs {scope}{hint}"))
}

/// A date in JSON: `YYYY-MM-DD`.
pub fn iso_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&date.format("%Y-%m-%d"))
}

/// An optional date in JSON.
pub fn iso_date_opt<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => iso_date(date, s),
        None => s.serialize_none(),
    }
}

/// The quarter's heading: "2026-Q4 · 1 Oct – 31 Dec 2026".
pub fn quarter_heading(quarter: Quarter) -> String {
    format!("{quarter} · {}", quarter.dates())
}
