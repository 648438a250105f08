//! The checks about people across files: a key result's `owner` must be a
//! person (naming a team or company is an error; a near miss of a known
//! person is a warning, since a typo silently drops the key result from that
//! person's 1:1 view), and a person's `team:` should name a team of the quarter.
//! Both are judged within the quarter of the file.

use std::collections::{BTreeSet, HashMap};

use crate::check::{key_result_context, Anchor, Finding};
use crate::diagnostic::Rule;
use crate::model::OwnerKind;
use crate::source::locate::{child, item};
use crate::source::{Index, LoadedFile};
use crate::suggest::closest;

/// "Did you mean" is looked for among at most this many names.
const MAX_SUGGESTED: usize = 200;

/// The people okr knows in each quarter: every person with a file of the
/// quarter, and every name that owns key results in more than one place in
/// it. Like every check across files, judged within the quarter: what a file
/// is told does not depend on other quarters' files (which a view of one
/// quarter, or `okr check FILE`, does not read).
fn known_people(files: &[LoadedFile]) -> HashMap<String, BTreeSet<&str>> {
    let mut known: HashMap<String, BTreeSet<&str>> = HashMap::new();
    let mut uses: HashMap<(String, &str), usize> = HashMap::new();
    for okr in files.iter().filter_map(|f| f.okr.as_ref()) {
        let quarter = okr.quarter.to_string();
        let people = known.entry(quarter.clone()).or_default();
        if let Some((OwnerKind::Person, name)) = okr.owner() {
            people.insert(name.as_str());
        }
        for kr in okr.objectives.iter().flat_map(|o| &o.key_results) {
            if let Some(owner) = &kr.owner {
                *uses.entry((quarter.clone(), owner.as_str())).or_default() += 1;
            }
        }
    }
    for ((quarter, name), n) in uses {
        if n > 1 {
            known.entry(quarter).or_default().insert(name);
        }
    }
    known
}

/// A key result's `owner` naming a team or company (an error), or close to a
/// known person without being one (a warning).
pub fn key_result_owners(
    files: &[LoadedFile],
    index: &Index,
    findings: &mut Vec<(usize, Finding)>,
) {
    let known_in = known_people(files);
    let nobody = BTreeSet::new();
    for (i, file) in files.iter().enumerate() {
        let Some(okr) = &file.okr else { continue };
        let quarter = okr.quarter.to_string();
        let known = known_in.get(&quarter).unwrap_or(&nobody);
        let suggest = known.len() <= MAX_SUGGESTED;
        for (o, objective) in okr.objectives.iter().enumerate() {
            for (k, kr) in objective.key_results.iter().enumerate() {
                let Some(owner) = &kr.owner else { continue };
                let name = owner.as_str();
                let path = child(
                    &item(&child(&item("objectives", o), "key_results"), k),
                    "owner",
                );
                let context = key_result_context(objective, kr);
                let kind = index.owner(&quarter, name).and_then(|e| e.kind);
                if let Some(kind @ (OwnerKind::Team | OwnerKind::Company)) = kind {
                    findings.push((
                        i,
                        Finding::new(
                            Rule::KeyResultOwnerNotPerson,
                            path,
                            Anchor::Value,
                            format!(
                                "{context}: `owner: {name}` names a {kind}; a key result's owner is the person who drives it (`owner: alice`); the {kind} owns the file already"
                            ),
                        ),
                    ));
                    continue;
                }
                if known.contains(name) || !suggest {
                    continue;
                }
                if let Some(near) = closest(name, known.iter().copied()) {
                    findings.push((
                        i,
                        Finding::new(
                            Rule::KeyResultOwnerUnknown,
                            path,
                            Anchor::Value,
                            format!(
                                "{context}: `owner: {name}` is no one okr knows; did you mean `{near}`? (a misspelt owner drops the key result from that person's `okr status`)"
                            ),
                        ),
                    ));
                }
            }
        }
    }
}

/// A person's `team:` naming no team of the quarter: a warning with did-you-mean.
pub fn teams_of_people(files: &[LoadedFile], index: &Index, findings: &mut Vec<(usize, Finding)>) {
    // The teams of each quarter, listed only when a person names no team of it.
    let mut teams_of: HashMap<String, Vec<&str>> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let Some(okr) = &file.okr else { continue };
        let (Some(team), Some(_)) = (&okr.team, &okr.person) else {
            continue;
        };
        let quarter = okr.quarter.to_string();
        let entry = index.owner(&quarter, team.as_str());
        if entry.is_some_and(|e| e.kind == Some(OwnerKind::Team)) {
            continue;
        }
        let teams = teams_of.entry(quarter.clone()).or_insert_with(|| {
            index
                .owners
                .iter()
                .filter(|((q, _), e)| *q == quarter && e.kind == Some(OwnerKind::Team))
                .map(|((_, name), _)| name.as_str())
                .collect()
        });
        if teams.is_empty() {
            continue;
        }
        let hint = match closest(team.as_str(), teams.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if teams.len() <= 10 => {
                format!("the teams in {quarter} are: {}", teams.join(", "))
            }
            None => format!("{} teams have files in {quarter}", teams.len()),
        };
        findings.push((
            i,
            Finding::new(
                Rule::UnknownTeam,
                "team".into(),
                Anchor::Value,
                format!("`team: {team}` names no team with OKRs in {quarter}; {hint}"),
            ),
        ));
    }
}
