//! A check-in as `okr checkin` makes it: on the text read under the file's
//! lock, the file must still be valid (parsed and checked again: another
//! writer may have changed it since the directory was read), the key result
//! must still exist and take check-ins, and the date must fall in the
//! quarter's check-in window; only then is the check-in spliced in.

use chrono::{Duration, NaiveDate};

use super::{add_checkin, fmt_num, EditError, NewCheckin};
use crate::compute::GRACE_DAYS;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{KeyResult, OkrFile, Quarter};
use crate::workspace;

/// A key result named on the command line: `OWNER/OBJECTIVE/KEY_RESULT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath {
    pub owner: String,
    pub objective: String,
    pub key_result: String,
}

impl KeyPath {
    /// `None` unless `text` has three non-empty parts separated by `/`.
    pub fn parse(text: &str) -> Option<KeyPath> {
        let mut parts = text.split('/');
        let (owner, objective, key_result) = (parts.next()?, parts.next()?, parts.next()?);
        let all = [owner, objective, key_result];
        (parts.next().is_none() && all.iter().all(|p| !p.is_empty())).then(|| KeyPath {
            owner: owner.to_string(),
            objective: objective.to_string(),
            key_result: key_result.to_string(),
        })
    }
}

impl std::fmt::Display for KeyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.owner, self.objective, self.key_result)
    }
}

/// Why nothing was written. The file is then byte for byte as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The file is invalid (exit 1): its errors.
    Invalid(Vec<Diagnostic>),
    /// The request cannot be carried out on this file (exit 2): why, and the fix.
    Usage(String),
}

/// The first and last day a check-in for `quarter` may carry: the quarter,
/// and up to [`GRACE_DAYS`] after it for the final measurement.
pub fn window(quarter: Quarter) -> (NaiveDate, NaiveDate) {
    (
        quarter.first_day(),
        quarter.last_day() + Duration::days(GRACE_DAYS),
    )
}

/// Adds `checkin` to `path`'s key result in the file `text` (shown as
/// `display`, for the `quarter` read in the directory's calendar), after
/// checking the file and the request again; returns the new text.
pub fn checkin(
    display: &str,
    text: &str,
    config: &Config,
    quarter: Quarter,
    path: &KeyPath,
    checkin: &NewCheckin,
    replace: bool,
) -> Result<String, Refusal> {
    // A byte-order mark is kept, and the rest read as every command reads it.
    if let Some(body) = text.strip_prefix('\u{feff}') {
        return self::checkin(display, body, config, quarter, path, checkin, replace)
            .map(|text| format!("\u{feff}{text}"));
    }
    let parsed = workspace::parse_and_check(display, text, config, false);
    let mut errors: Vec<Diagnostic> = parsed.diagnostics;
    errors.retain(|d| d.severity == Severity::Error);
    let okr = match parsed.okr {
        Some(okr) if errors.is_empty() => okr,
        _ => return Err(Refusal::Invalid(errors)),
    };
    let kr = key_result(&okr, path).ok_or_else(|| {
        Refusal::Usage(format!(
            "there is no key result `{path}` in {display} (it changed while okr was reading it?); run again"
        ))
    })?;
    refuse(kr, path, quarter, checkin, replace)?;
    add_checkin(text, &path.objective, &path.key_result, checkin, replace)
        .map_err(|e: EditError| Refusal::Usage(e.to_string()))
}

/// The key result `path` names in `okr` (its owner is not compared).
pub fn key_result<'a>(okr: &'a OkrFile, path: &KeyPath) -> Option<&'a KeyResult> {
    okr.objectives
        .iter()
        .find(|o| o.id.as_str() == path.objective)?
        .key_results
        .iter()
        .find(|k| k.id.as_str() == path.key_result)
}

/// The refusals that follow from the key result and the request.
fn refuse(
    kr: &KeyResult,
    path: &KeyPath,
    quarter: Quarter,
    checkin: &NewCheckin,
    replace: bool,
) -> Result<(), Refusal> {
    if let Some(current) = kr.current {
        let value = fmt_num(current.0);
        return Err(Refusal::Usage(format!(
            "`{path}` keeps its value in `current: {value}`, not in check-ins; to record check-ins, replace `current: {value}` with `checkins: [{{ date: YYYY-MM-DD, value: {value} }}]` (the day {value} was measured) and run this again"
        )));
    }
    if let Some(reason) = &kr.dropped {
        return Err(Refusal::Usage(format!(
            "`{path}` was dropped ({}); a dropped key result takes no check-ins",
            reason.trim()
        )));
    }
    let (first, last) = window(quarter);
    if checkin.date < first || checkin.date > last {
        return Err(Refusal::Usage(format!(
            "{date} is outside the check-in window of {quarter}, {first} to {last} (the quarter, and {GRACE_DAYS} days after it for the final measurement); {date} is in {}; give --date in the window, or --quarter for another quarter's file",
            quarter.calendar().containing(checkin.date),
            date = checkin.date,
        )));
    }
    if !replace && kr.checkins().iter().any(|c| c.date.0 == checkin.date) {
        return Err(Refusal::Usage(format!(
            "`{path}` already has a check-in on {}; add --replace to change its values in place",
            checkin.date
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_have_three_parts() {
        let path = KeyPath::parse("devrel/api-pain/tickets").unwrap();
        assert_eq!(path.to_string(), "devrel/api-pain/tickets");
        for bad in ["devrel", "devrel/api-pain", "a/b/c/d", "a//c", "/b/c"] {
            assert_eq!(KeyPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_window_runs_14_days_past_the_quarter() {
        let q4: Quarter = "2026-Q4".parse().unwrap();
        let (first, last) = window(q4);
        assert_eq!(first.to_string(), "2026-10-01");
        assert_eq!(last.to_string(), "2027-01-14");
    }
}
