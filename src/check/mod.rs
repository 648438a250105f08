//! The checks of `docs/format.md#checks`, each with a stable rule id
//! ([`Rule`]): per-file rules here (owner keys, ids, targets, check-in dates,
//! wording, size), cross-file rules in [`across`], grading-time rules in
//! [`grading`], the wording rule's language in [`wording`].
//!
//! Checks produce findings addressed by YAML path; [`resolve`] turns them
//! into positioned diagnostics, scanning the source only when there is
//! something to report, and applies `okr.toml` and `# okr: allow`.

pub mod across;
pub mod allow;
pub mod grading;
pub mod wording;

use std::collections::HashSet;

use crate::compute::GRACE_DAYS;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::model::{fmt_number, KeyResult, Objective, OkrFile};
use crate::source::document::SourceText;
use crate::source::locate::{child, item, SourceIndex};

/// More objectives in a file, or key results in an objective, than this dilutes focus.
pub const MAX_ITEMS: usize = 5;

/// Where in the file a finding points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The value at the path.
    Value,
    /// The key of the entry at the path.
    Key,
}

/// A problem found in a parsed file, before it has a line and column.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: Rule,
    /// The YAML path of the value or key at fault (`objectives[0].aligns`).
    pub path: String,
    pub anchor: Anchor,
    pub message: String,
    /// `OBJECTIVE` or `OBJECTIVE/KEY_RESULT`, when the finding belongs to one.
    pub subject: Option<String>,
}

impl Finding {
    pub fn new(rule: Rule, path: String, anchor: Anchor, message: String) -> Finding {
        Finding {
            rule,
            path,
            anchor,
            message,
            subject: None,
        }
    }
}

/// `OBJECTIVE` or `OBJECTIVE/KEY_RESULT` for a YAML path into `okr`
/// (`objectives[0].key_results[1].target` → `api-pain/tickets`).
pub fn subject_of(okr: &OkrFile, path: &str) -> Option<String> {
    let index_after = |key: &str, from: &str| -> Option<usize> {
        let rest = from.split_once(key)?.1;
        rest.split(']').next()?.parse().ok()
    };
    let o = index_after("objectives[", path)?;
    let objective = okr.objectives.get(o)?;
    match index_after("key_results[", path).and_then(|k| objective.key_results.get(k)) {
        Some(kr) => Some(format!("{}/{}", objective.id, kr.id)),
        None => Some(objective.id.to_string()),
    }
}

/// "objective `api-pain`", for messages.
pub fn objective_context(objective: &Objective) -> String {
    format!("objective `{}`", objective.id)
}

/// "objective `api-pain`, key result `tickets`", for messages.
pub fn key_result_context(objective: &Objective, kr: &KeyResult) -> String {
    format!("objective `{}`, key result `{}`", objective.id, kr.id)
}

/// The per-file checks of `okr`, the parsed text of the file shown as `display`,
/// as positioned diagnostics. Without `warnings` (the views, which show only
/// errors), the wording rule runs only when `okr.toml` makes it an error.
pub fn check_file(
    display: &str,
    text: &SourceText<'_>,
    okr: &OkrFile,
    config: &Config,
    warnings: bool,
) -> Vec<Diagnostic> {
    let personal = okr.person.is_some();
    let wording =
        warnings || config.severity(Rule::ActivityWording, personal) == Some(Severity::Error);
    let mut findings = file_findings(okr, wording);
    for finding in &mut findings {
        finding.subject = subject_of(okr, &finding.path);
    }
    resolve(display, text, findings, config, okr.person.is_some())
}

/// The per-file findings; the wording rule's only when `wording`.
pub fn file_findings(file: &OkrFile, wording: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_owner(file, &mut findings);
    // `objectives: []` reads fine but says nothing: like a missing key.
    if file.objectives.is_empty() {
        findings.push(Finding::new(
            Rule::EmptyList,
            "objectives".into(),
            Anchor::Value,
            "`objectives` is an empty list: add the owner's objectives, each starting with `- id:`"
                .into(),
        ));
    }
    if file.objectives.len() > MAX_ITEMS {
        findings.push(Finding::new(
                Rule::TooManyObjectives,
            "objectives".into(),
            Anchor::Key,
            format!(
                "{} objectives in one file: more than {MAX_ITEMS} spreads the owner too thin; keep the 3 to {MAX_ITEMS} that matter most",
                file.objectives.len()
            ),
        ));
    }
    let mut objective_ids = HashSet::new();
    let personal = file.person.is_some();
    for (o, objective) in file.objectives.iter().enumerate() {
        let path = item("objectives", o);
        if !objective_ids.insert(objective.id.as_str()) {
            findings.push(Finding::new(
                Rule::DuplicateObjectiveId,
                child(&path, "id"),
                Anchor::Value,
                format!(
                    "objective id `{}` is used twice in this file; give each objective its own id",
                    objective.id
                ),
            ));
        }
        if objective.key_results.len() > MAX_ITEMS {
            findings.push(Finding::new(
                Rule::TooManyKeyResults,
                child(&path, "key_results"),
                Anchor::Key,
                format!(
                    "{}: {} key results: more than {MAX_ITEMS} is hard to track; keep the ones that best show the objective is met",
                    objective_context(objective),
                    objective.key_results.len()
                ),
            ));
        }
        if objective.key_results.is_empty() {
            findings.push(Finding::new(
                Rule::EmptyList,
                child(&path, "key_results"),
                Anchor::Value,
                format!(
                    "{}: `key_results` is an empty list: add the numbers that show the objective is met, each starting with `- id:`",
                    objective_context(objective)
                ),
            ));
        }
        let mut kr_ids = HashSet::new();
        for (k, kr) in objective.key_results.iter().enumerate() {
            let kr_path = item(&child(&path, "key_results"), k);
            if !kr_ids.insert(kr.id.as_str()) {
                findings.push(Finding::new(
                Rule::DuplicateKeyResultId,
                    child(&kr_path, "id"),
                    Anchor::Value,
                    format!(
                        "{}: key result id `{}` is used twice in this objective; give each key result its own id",
                        objective_context(objective),
                        kr.id
                    ),
                ));
            }
            check_key_result(
                file,
                objective,
                kr,
                &kr_path,
                personal,
                wording,
                &mut findings,
            );
        }
    }
    findings
}

fn check_owner(file: &OkrFile, findings: &mut Vec<Finding>) {
    match (&file.company, &file.team, &file.person) {
        (None, None, None) => findings.push(Finding::new(
            Rule::OwnerMissing,
            String::new(),
            Anchor::Value,
            "the file names no owner: add `team: NAME`, `person: NAME` or `company: NAME`".into(),
        )),
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            let second = if file.team.is_some() {
                "team"
            } else {
                "person"
            };
            findings.push(Finding::new(
                Rule::OwnerAmbiguous,
                second.into(),
                Anchor::Key,
                format!(
                    "the owner is ambiguous: `company` and `{second}` are both given; keep one (only a person's file may also name its `team`)"
                ),
            ));
        }
        _ => {}
    }
}

fn check_key_result(
    file: &OkrFile,
    objective: &Objective,
    kr: &KeyResult,
    path: &str,
    personal: bool,
    wording: bool,
    findings: &mut Vec<Finding>,
) {
    // Messages and paths are built only for a finding: most key results have none.
    let context = || key_result_context(objective, kr);
    if kr.target.0 == kr.baseline.0 {
        let context = context();
        findings.push(Finding::new(
                Rule::TargetEqualsBaseline,
            child(path, "target"),
            Anchor::Value,
            format!(
                "{context}: target {} equals the baseline, so there is nothing to move; set the target to the value you aim for",
                fmt_number(kr.target.0)
            ),
        ));
    }
    if kr.current.is_some() && kr.checkins.is_some() {
        let context = context();
        findings.push(Finding::new(
                Rule::CurrentAndCheckins,
            child(path, "current"),
            Anchor::Key,
            format!(
                "{context}: has both `current` and `checkins`; keep the check-ins (the latest one is the current value) or `current` alone"
            ),
        ));
    }
    let mut dates = HashSet::new();
    let first = file.quarter.first_day();
    let last = file.quarter.last_day();
    let latest_allowed = last + chrono::Duration::days(GRACE_DAYS);
    for (c, checkin) in kr.checkins().iter().enumerate() {
        let date = checkin.date.0;
        let date_path = || child(&item(&child(path, "checkins"), c), "date");
        if !dates.insert(date) {
            let context = context();
            findings.push(Finding::new(
                Rule::DuplicateCheckinDate,
                date_path(),
                Anchor::Value,
                format!("{context}: two check-ins are dated {date}; merge them or fix the date"),
            ));
        } else if date < first || date > latest_allowed {
            let context = context();
            findings.push(Finding::new(
                Rule::CheckinOutsideQuarter,
                date_path(),
                Anchor::Value,
                format!(
                    "{context}: check-in date {date} is outside {} ({first} to {last}, or up to {GRACE_DAYS} days after it for the final measurement); fix the date or move the check-in to that quarter's file",
                    file.quarter
                ),
            ));
        }
    }
    let personal_note = if personal {
        " (a personal file may hold growth activities agreed with a manager; if this is one, keep it)"
    } else {
        ""
    };
    let activity = kr
        .title
        .as_deref()
        .filter(|_| wording)
        .and_then(wording::activity);
    if let Some(found) = activity {
        let what = match found.kind {
            wording::ActivityKind::Verb => "describes an activity",
            wording::ActivityKind::DoneDeliverable => "states a deliverable as done",
            wording::ActivityKind::OwnOutput => "counts the team's own output",
            wording::ActivityKind::Deliverable => "names a deliverable",
        };
        let context = context();
        findings.push(Finding::new(
            Rule::ActivityWording,
            child(path, "title"),
            Anchor::Value,
            format!(
                "{context}: \"{}\" {what} (`{}`), not an outcome; {}, e.g. \"API support tickets fall from 120 to 60 a week\"{personal_note}",
                kr.label(),
                // A verb is named in its plain form; other triggers as written.
                if found.kind == wording::ActivityKind::Verb {
                    found.words.to_lowercase()
                } else {
                    found.words
                },
                found.advice
            ),
        ));
    }
    if wording::is_milestone(
        kr.baseline.0,
        kr.target.0,
        kr.unit.as_deref(),
        kr.title.as_deref(),
    ) {
        let context = context();
        findings.push(Finding::new(
                Rule::DoneNotDone,
            path.to_string(),
            Anchor::Value,
            format!(
                "{context}: goes from {} to {}, a done / not-done milestone rather than a measured outcome; measure what finishing it changes instead{personal_note}",
                fmt_number(kr.baseline.0),
                fmt_number(kr.target.0)
            ),
        ));
    }
}

/// Positions `findings` in `text` (its document) and turns them into diagnostics, with the
/// severity `okr.toml` sets (a person's file when `personal`); warnings
/// acknowledged by `# okr: allow RULE` are left out, and an `allow` naming
/// no rule is itself a warning.
pub fn resolve(
    display: &str,
    text: &SourceText<'_>,
    findings: Vec<Finding>,
    config: &Config,
    personal: bool,
) -> Vec<Diagnostic> {
    let allows = allow::scan(text.source());
    if findings.is_empty() && allows.is_empty() {
        return Vec::new();
    }
    let index = SourceIndex::of(text.document());
    let mut diagnostics = Vec::new();
    for (span, message) in allow::unknown_rules(&allows) {
        if let Some(severity) = config.severity(Rule::UnknownAllowRule, personal) {
            diagnostics.push(Diagnostic {
                file: display.to_string(),
                span,
                severity,
                rule: Rule::UnknownAllowRule,
                message,
                subject: None,
                fix: None,
            });
        }
    }
    for finding in findings {
        let Some(severity) = config.severity(finding.rule, personal) else {
            continue;
        };
        let span = match finding.anchor {
            Anchor::Key => index.key_span(&finding.path),
            Anchor::Value => index.value_span(&finding.path),
        }
        .unwrap_or_else(|| index.value_span_or_parent(&finding.path));
        if finding.rule.is_warning()
            && allow::silences(&allows, &index, &finding.path, finding.rule)
        {
            continue;
        }
        diagnostics.push(Diagnostic {
            file: display.to_string(),
            span,
            severity,
            rule: finding.rule,
            message: finding.message,
            subject: finding.subject,
            fix: None,
        });
    }
    diagnostics
}
