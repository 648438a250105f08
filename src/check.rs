//! The checks of FORMAT.md section 4 that run on parsed files: per-file rules
//! (owner keys, ids, targets, check-in dates, wording, size) and cross-file
//! rules (one file per owner and quarter, `aligns` targets).
//!
//! Checks produce findings addressed by YAML path; `resolve` turns them into
//! positioned diagnostics, scanning the source only when there is something
//! to report.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::LoadedFile;
use crate::locate::{child, item, SourceIndex};
use crate::model::{fmt_number, KeyResult, Objective, OkrFile};
use crate::suggest::closest;
use crate::wording;

/// More objectives in a file, or key results in an objective, than this dilutes focus.
pub const MAX_ITEMS: usize = 5;

/// A check-in may be dated up to this many days after the quarter's last day.
pub const GRACE_DAYS: i64 = 14;

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
    pub path: String,
    pub anchor: Anchor,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    fn error(path: String, anchor: Anchor, message: String) -> Finding {
        Finding {
            path,
            anchor,
            severity: Severity::Error,
            message,
        }
    }

    fn warning(path: String, anchor: Anchor, message: String) -> Finding {
        Finding {
            path,
            anchor,
            severity: Severity::Warning,
            message,
        }
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

/// The per-file checks.
pub fn check_file(file: &OkrFile) -> Vec<Finding> {
    let mut findings = Vec::new();
    check_owner(file, &mut findings);
    if file.objectives.len() > MAX_ITEMS {
        findings.push(Finding::warning(
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
            findings.push(Finding::error(
                child(&path, "id"),
                Anchor::Value,
                format!(
                    "objective id `{}` is used twice in this file; give each objective its own id",
                    objective.id
                ),
            ));
        }
        if objective.key_results.len() > MAX_ITEMS {
            findings.push(Finding::warning(
                child(&path, "key_results"),
                Anchor::Key,
                format!(
                    "{}: {} key results: more than {MAX_ITEMS} is hard to track; keep the ones that best show the objective is met",
                    objective_context(objective),
                    objective.key_results.len()
                ),
            ));
        }
        let mut kr_ids = HashSet::new();
        for (k, kr) in objective.key_results.iter().enumerate() {
            let kr_path = item(&child(&path, "key_results"), k);
            if !kr_ids.insert(kr.id.as_str()) {
                findings.push(Finding::error(
                    child(&kr_path, "id"),
                    Anchor::Value,
                    format!(
                        "{}: key result id `{}` is used twice in this objective; give each key result its own id",
                        objective_context(objective),
                        kr.id
                    ),
                ));
            }
            check_key_result(file, objective, kr, &kr_path, personal, &mut findings);
        }
    }
    findings
}

fn check_owner(file: &OkrFile, findings: &mut Vec<Finding>) {
    match (&file.company, &file.team, &file.person) {
        (None, None, None) => findings.push(Finding::error(
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
            findings.push(Finding::error(
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
    findings: &mut Vec<Finding>,
) {
    let context = key_result_context(objective, kr);
    if kr.target.0 == kr.baseline.0 {
        findings.push(Finding::error(
            child(path, "target"),
            Anchor::Value,
            format!(
                "{context}: target {} equals the baseline, so there is nothing to move; set the target to the value you aim for",
                fmt_number(kr.target.0)
            ),
        ));
    }
    if kr.current.is_some() && kr.checkins.is_some() {
        findings.push(Finding::error(
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
        let date_path = child(&item(&child(path, "checkins"), c), "date");
        if !dates.insert(date) {
            findings.push(Finding::error(
                date_path,
                Anchor::Value,
                format!("{context}: two check-ins are dated {date}; merge them or fix the date"),
            ));
        } else if date < first || date > latest_allowed {
            findings.push(Finding::error(
                date_path,
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
    if let Some(verb) = kr.title.as_deref().and_then(wording::activity_verb) {
        findings.push(Finding::warning(
            child(path, "title"),
            Anchor::Value,
            format!(
                "{context}: \"{}\" describes an activity (`{verb}`), not an outcome; name the number that changes because of it, e.g. \"API support tickets fall from 120 to 60 a week\"{personal_note}",
                kr.label()
            ),
        ));
    }
    if wording::is_milestone(
        kr.baseline.0,
        kr.target.0,
        kr.unit.as_deref(),
        kr.title.as_deref(),
    ) {
        findings.push(Finding::warning(
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

/// Positions `findings` in `source` and turns them into diagnostics.
pub fn resolve(display: &str, source: &str, findings: Vec<Finding>) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let index = SourceIndex::build(source);
    findings
        .into_iter()
        .map(|finding| {
            let pos = match finding.anchor {
                Anchor::Key => index.key(&finding.path),
                Anchor::Value => index.value(&finding.path),
            }
            .unwrap_or_else(|| index.value_or_parent(&finding.path));
            Diagnostic {
                file: display.to_string(),
                line: pos.line,
                column: pos.column,
                severity: finding.severity,
                message: finding.message,
            }
        })
        .collect()
}

/// "Did you mean" is looked for among at most this many names.
const MAX_SUGGESTED: usize = 100;

/// Up to ten names, and how many there are in all.
fn list_some(names: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut list = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(", … ({} in all)", names.len()));
    }
    list
}

/// The cross-file checks: two files with the same owner and quarter, and
/// `aligns` naming an owner or objective that does not exist in the quarter.
/// An unknown owner is reported only when `all_owners_known` (every file of
/// the OKR directory was read).
pub fn check_across(files: &mut [LoadedFile], all_owners_known: bool) {
    // (quarter, owner) → index of the first file that claims it, and its objective ids.
    let mut owners: HashMap<(String, String), usize> = HashMap::new();
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let Some(okr) = &file.okr else { continue };
        let Some((kind, name)) = okr.owner() else {
            continue;
        };
        let key = (okr.quarter.to_string(), name.to_string());
        if let Some(&first) = owners.get(&key) {
            findings.push((
                i,
                Finding::error(
                    kind.as_str().into(),
                    Anchor::Value,
                    format!(
                        "`{name}` already has OKRs for {} in {}; keep one file per owner and quarter",
                        okr.quarter, files[first].display
                    ),
                ),
            ));
        } else {
            owners.insert(key, i);
        }
    }
    // Owners known only from a broken file still exist: their file's errors are reported already.
    let broken: HashSet<(String, String)> = files
        .iter()
        .filter_map(|f| f.identity.as_ref())
        .filter_map(|id| Some((id.quarter.clone()?, id.owner.clone()?)))
        .collect();
    let mut objective_ids: HashMap<usize, (Vec<&str>, HashSet<&str>)> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let Some(okr) = &file.okr else { continue };
        let quarter = okr.quarter.to_string();
        for (o, objective) in okr.objectives.iter().enumerate() {
            let Some(aligns) = &objective.aligns else {
                continue;
            };
            let path = child(&item("objectives", o), "aligns");
            let key = (quarter.clone(), aligns.owner.to_string());
            let message = match owners.get(&key) {
                Some(&target) => {
                    // Built once per target file: a file of thousands of objectives
                    // that all align must not cost thousands squared.
                    let (ids, id_set) = objective_ids.entry(target).or_insert_with(|| {
                        let ids: Vec<&str> = files[target]
                            .okr
                            .iter()
                            .flat_map(|t| &t.objectives)
                            .map(|t| t.id.as_str())
                            .collect();
                        let set = ids.iter().copied().collect();
                        (ids, set)
                    });
                    if id_set.contains(aligns.objective.as_str()) {
                        continue;
                    }
                    // Suggesting among thousands of ids, for thousands of
                    // objectives, would cost millions of edit distances.
                    let near = (ids.len() <= MAX_SUGGESTED)
                        .then(|| closest(aligns.objective.as_str(), ids.iter().copied()))
                        .flatten();
                    let hint = match near {
                        Some(near) => format!("did you mean `{}/{near}`?", aligns.owner),
                        None => format!("its objectives are: {}", list_some(ids)),
                    };
                    format!(
                        "{}: aligns with `{aligns}`, but `{}` has no objective `{}` in {quarter}; {hint}",
                        objective_context(objective),
                        aligns.owner,
                        aligns.objective
                    )
                }
                None if broken.contains(&key) || !all_owners_known => continue,
                None => {
                    let mut names: Vec<&str> = owners
                        .keys()
                        .filter(|(q, _)| *q == quarter)
                        .map(|(_, n)| n.as_str())
                        .collect();
                    names.sort_unstable();
                    let near = (names.len() <= MAX_SUGGESTED)
                        .then(|| closest(aligns.owner.as_str(), names.iter().copied()))
                        .flatten();
                    let hint = match near {
                        Some(near) => format!("did you mean `{near}/{}`?", aligns.objective),
                        None => format!("the owners in {quarter} are: {}", list_some(&names)),
                    };
                    format!(
                        "{}: aligns with `{aligns}`, but no owner `{}` has OKRs for {quarter}; {hint}",
                        objective_context(objective),
                        aligns.owner
                    )
                }
            };
            findings.push((i, Finding::error(path, Anchor::Value, message)));
        }
    }
    let mut by_file: HashMap<usize, Vec<Finding>> = HashMap::new();
    for (i, finding) in findings {
        by_file.entry(i).or_default().push(finding);
    }
    for (i, found) in by_file {
        let file = &mut files[i];
        let source = crate::load::reread(&file.path);
        let diagnostics = resolve(&file.display, &source, found);
        file.diagnostics.extend(diagnostics);
    }
}
