//! One module per subcommand, one entry function each, and the one dispatch.

pub mod check;
pub mod completions;
pub mod grade;
pub mod init;
pub mod new;
pub mod schema;
pub mod status;

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::error::{Exit, UsageError};
use crate::model::quarter::Quarter;
use crate::model::{parse_date, KeyResult, OkrFile, OwnerKind};
use crate::source::{self, LoadedFile, Workspace};
use crate::Output;

/// Runs the subcommand of `cli`.
pub fn dispatch(cli: Cli, output: &mut Output) -> Result<Exit> {
    let dir = cli.dir.as_deref();
    match cli.command {
        Command::Check(args) => check::run(&args, dir, output),
        Command::Status(args) => status::run(&args, dir, output),
        Command::Grade(args) => grade::run(&args, dir, output),
        Command::Init(args) => init::run(&args, dir, output),
        Command::New(args) => new::run(&args, dir, output),
        Command::Schema => schema::run(output),
        Command::Completions(args) => completions::run(&args, output),
        Command::Man => completions::man(output),
    }
}

/// Reads the OKR directory (`--dir`, `OKR_DIR`, or the nearest `okrs`).
pub fn load_workspace(dir: Option<&Path>) -> Result<Workspace> {
    let root = source::find_okr_dir(dir)?;
    Ok(source::load_dir(&root))
}

/// Parses a `--as-of` date; today when absent.
pub fn as_of_date(text: Option<&str>) -> Result<NaiveDate> {
    match text {
        None => Ok(chrono::Local::now().date_naive()),
        Some(text) => parse_date(text).map_err(|e| UsageError(format!("--as-of: {e}")).into()),
    }
}

/// Parses a `--quarter` value.
pub fn parse_quarter(text: &str) -> Result<Quarter> {
    text.parse()
        .map_err(|e| UsageError(format!("--quarter: {e}")).into())
}

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
) -> Result<QuarterChoice> {
    if let Some(given) = given {
        return Ok(QuarterChoice {
            quarter: parse_quarter(given)?,
            note: None,
        });
    }
    let wanted = Quarter::containing(date);
    let quarters: Vec<Quarter> = workspace
        .valid_files()
        .map(|(_, okr)| okr.quarter)
        .collect();
    if quarters.contains(&wanted) {
        return Ok(QuarterChoice {
            quarter: wanted,
            note: None,
        });
    }
    match quarters.iter().max() {
        Some(&latest) => Ok(QuarterChoice {
            quarter: latest,
            note: Some(format!(
                "no OKR file is for {wanted}; showing {latest}, the latest quarter that has files (choose with --quarter)"
            )),
        }),
        None => Ok(QuarterChoice {
            quarter: wanted,
            note: None,
        }),
    }
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

/// The valid files of `quarter`: every owner (companies, then teams, then
/// people, each by name), or one owner. For a person, their own file comes
/// first, then the other files' key results they own. An owner with neither is
/// a usage error that lists the owners there are.
pub fn select<'a>(
    workspace: &'a Workspace,
    quarter: Quarter,
    owner: Option<&'a str>,
) -> Result<Vec<Selected<'a>>> {
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
    let Some(wanted) = owner else {
        return Ok(all);
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
    if chosen.is_empty() {
        // People who own key results in team files count as owners too.
        let mut names: Vec<&str> = all.iter().map(|s| s.owner).collect();
        let mut people: Vec<&str> = all
            .iter()
            .flat_map(|s| &s.okr.objectives)
            .flat_map(|o| &o.key_results)
            .filter_map(|kr| kr.owner.as_ref().map(|o| o.as_str()))
            .filter(|person| !names.contains(person))
            .collect();
        people.sort_unstable();
        people.dedup();
        names.extend(people);
        return Err(unknown_owner(wanted, &format!("in {quarter}"), &names).into());
    }
    Ok(chosen)
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
