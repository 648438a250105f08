//! One module per subcommand, one entry function each, and the one dispatch.

pub mod check;

use std::path::Path;

use anyhow::{bail, Result};
use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::error::{Exit, UsageError};
use crate::load::{self, Workspace};
use crate::model::parse_date;
use crate::quarter::Quarter;
use crate::Output;

/// Runs the subcommand of `cli`.
pub fn dispatch(cli: Cli, output: &mut Output) -> Result<Exit> {
    let dir = cli.dir.as_deref();
    match cli.command {
        Command::Check(args) => check::run(&args, dir, output),
        Command::Status(_)
        | Command::Grade(_)
        | Command::Init(_)
        | Command::New(_)
        | Command::Schema
        | Command::Completions(_)
        | Command::Man => bail!("this command is not built yet"),
    }
}

/// Reads the OKR directory (`--dir`, `OKR_DIR`, or the nearest `okrs`).
pub fn load_workspace(dir: Option<&Path>) -> Result<Workspace> {
    let root = load::find_okr_dir(dir)?;
    Ok(load::load_dir(&root))
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
