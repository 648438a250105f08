//! A check-in as `okr checkin` makes it: on the text read under the file's
//! lock, the file must still be valid (parsed and checked again: another
//! writer may have changed it since the directory was read), the key result
//! must still exist and take check-ins, and the date must fall in the
//! quarter's check-in window; only then is the check-in spliced in.

use chrono::{Duration, NaiveDate};

use super::{splice_checkin, Added, NewCheckin, Request};
use crate::compute::GRACE_DAYS;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{KeyResult, OkrFile, Quarter};
use crate::source::document::SourceText;
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
/// checking the file and the request again; returns the new text and what
/// was done. The text is parsed once (its model, and its document for the
/// splice and the checks' positions), and the edited text once to verify it.
pub fn checkin(
    display: &str,
    text: &str,
    config: &Config,
    quarter: Quarter,
    path: &KeyPath,
    checkin: &NewCheckin,
    replace: bool,
) -> Result<Added, Refusal> {
    // A byte-order mark is kept, and the rest read as every command reads it.
    if let Some(body) = text.strip_prefix('\u{feff}') {
        return self::checkin(display, body, config, quarter, path, checkin, replace).map(
            |added| Added {
                text: format!("\u{feff}{}", added.text),
                ..added
            },
        );
    }
    let spanned = SourceText::new(text);
    let parsed = workspace::parse_and_check_text(display, &spanned, config, false);
    let mut errors: Vec<Diagnostic> = parsed.diagnostics;
    errors.retain(|d| d.severity == Severity::Error);
    let okr = match parsed.okr {
        Some(okr) if errors.is_empty() => okr,
        _ => return Err(Refusal::Invalid(errors)),
    };
    let (first, last) = window(quarter);
    let request = Request {
        name: path.to_string(),
        file: display.to_string(),
        objective: &path.objective,
        key_result: &path.key_result,
        checkin,
        replace,
        window: Some((quarter, first, last)),
    };
    splice_checkin(&spanned, Some(&okr), &request).map_err(|e| Refusal::Usage(e.to_string()))
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

    /// A valid file whose `# okr: allow` names no rule: a warning, so the
    /// checks need positions too.
    const FILE: &str = "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: api-pain\n    title: Make the API a joy to use\n    key_results:\n      - id: tickets  # okr: allow no-such-rule\n        title: Support tickets about the API per week\n        baseline: 120\n        target: 60\n        checkins:\n          - date: 2026-10-06\n            value: 118\n";

    fn request(date: &str, value: f64) -> NewCheckin {
        NewCheckin {
            date: crate::model::parse_date(date).unwrap(),
            value,
            confidence: None,
            note: None,
        }
    }

    #[test]
    fn a_checkin_parses_the_file_once_and_the_edit_once() {
        let path = KeyPath::parse("devrel/api-pain/tickets").unwrap();
        let q4: Quarter = "2026-Q4".parse().unwrap();
        let config = Config::default();
        crate::source::reads::take();
        let added = checkin(
            "t.yaml",
            FILE,
            &config,
            q4,
            &path,
            &request("2026-10-20", 110.0),
            false,
        )
        .unwrap();
        let reads = crate::source::reads::take();
        // The file: its model (the fast path) and its document (the splice
        // and the warning's position share it); the edit: its model.
        assert_eq!(
            reads,
            [
                ("fast", FILE.len()),
                ("document", FILE.len()),
                ("fast", added.text.len())
            ]
        );
        assert!(!added.replaced);
        assert!(added
            .text
            .contains("- date: 2026-10-20\n            value: 110\n"));
    }

    #[test]
    fn each_refusal_is_said_once_naming_the_request() {
        let path = KeyPath::parse("devrel/api-pain/tickets").unwrap();
        let q4: Quarter = "2026-Q4".parse().unwrap();
        let config = Config::default();
        let refused = |text: &str, date: &str| match checkin(
            "t.yaml",
            text,
            &config,
            q4,
            &path,
            &request(date, 1.0),
            false,
        ) {
            Err(Refusal::Usage(message)) => message,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(FILE, "2026-10-06"),
            "`devrel/api-pain/tickets` already has a check-in on 2026-10-06; add --replace to change its values in place"
        );
        assert!(refused(FILE, "2027-02-01").starts_with(
            "2027-02-01 is outside the check-in window of 2026-Q4, 2026-10-01 to 2027-01-14"
        ));
        let current = FILE.replace(
            "        checkins:\n          - date: 2026-10-06\n            value: 118\n",
            "        current: 90\n",
        );
        assert!(refused(&current, "2026-10-20")
            .starts_with("`devrel/api-pain/tickets` keeps its value in `current: 90`"));
        let gone = FILE.replace(
            "baseline: 120",
            "dropped: Replaced by the SDK objective\n        baseline: 120",
        );
        assert_eq!(
            refused(&gone, "2026-10-20"),
            "`devrel/api-pain/tickets` was dropped (Replaced by the SDK objective); a dropped key result takes no check-ins"
        );
        let other = KeyPath::parse("devrel/api-pain/nope").unwrap();
        assert_eq!(
            checkin("t.yaml", FILE, &config, q4, &other, &request("2026-10-20", 1.0), false),
            Err(Refusal::Usage("there is no key result `devrel/api-pain/nope` in t.yaml (it changed while okr was reading it?); run again".into()))
        );
    }

    #[test]
    fn the_window_runs_14_days_past_the_quarter() {
        let q4: Quarter = "2026-Q4".parse().unwrap();
        let (first, last) = window(q4);
        assert_eq!(first.to_string(), "2026-10-01");
        assert_eq!(last.to_string(), "2027-01-14");
    }
}
