//! The checks across files: one file per owner and quarter (reported on every
//! file involved), `aligns` naming an owner or objective that does not exist
//! in the quarter, an objective aligning with itself, and alignment loops.
//!
//! An `aligns` to an owner whose own file is invalid is not an error in the
//! aligning file: one broken file never invalidates another (a note says it
//! could not be verified). Key-result owners and people's teams are in
//! `people`.

mod people;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::check::{objective_context, resolve, subject_of, Anchor, Finding};
use crate::config::Config;
use crate::diagnostic::Rule;
use crate::source::locate::{child, item};
use crate::source::{Index, LoadedFile};
use crate::suggest::closest;

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

/// Runs the cross-file checks and adds their diagnostics to the files. An
/// unknown owner is reported only when `all_owners_known` (every file of the
/// OKR directory was read). Returns notes: what could not be verified.
/// Findings are positioned in each file's kept text.
pub fn check(
    files: &mut [LoadedFile],
    index: &Index,
    config: &Config,
    all_owners_known: bool,
) -> Vec<String> {
    fn kept(file: &LoadedFile) -> Cow<'_, str> {
        Cow::Borrowed(file.text.as_deref().unwrap_or_default())
    }
    check_with(files, index, config, all_owners_known, kept)
}

/// [`check`], with the text to position findings in given by `text_of`: it is
/// asked only for the few files that have a finding, so a caller that keeps
/// no text can read those again.
pub fn check_with(
    files: &mut [LoadedFile],
    index: &Index,
    config: &Config,
    all_owners_known: bool,
    text_of: impl Fn(&LoadedFile) -> Cow<'_, str>,
) -> Vec<String> {
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    let mut notes = Vec::new();
    duplicate_owners(files, index, &mut findings);
    aligns_targets(files, index, all_owners_known, &mut findings, &mut notes);
    alignment_loops(files, index, &mut findings);
    if all_owners_known {
        people::key_result_owners(files, index, &mut findings);
        people::teams_of_people(files, index, &mut findings);
    }

    let mut by_file: HashMap<usize, Vec<Finding>> = HashMap::new();
    for (i, mut finding) in findings {
        if let Some(okr) = &files[i].okr {
            finding.subject = subject_of(okr, &finding.path);
        }
        by_file.entry(i).or_default().push(finding);
    }
    for (i, found) in by_file {
        let file = &files[i];
        let personal = file.okr.as_ref().is_some_and(|o| o.person.is_some());
        let diagnostics = resolve(&file.display, &text_of(file), found, config, personal);
        files[i].diagnostics.extend(diagnostics);
    }
    notes.sort();
    notes.dedup();
    notes
}

/// Two or more files for one owner and quarter: an error on each, naming the others.
fn duplicate_owners(files: &[LoadedFile], index: &Index, findings: &mut Vec<(usize, Finding)>) {
    for ((quarter, name), entry) in &index.owners {
        if entry.files.len() < 2 {
            continue;
        }
        for &i in &entry.files {
            let others: Vec<&str> = entry
                .files
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| files[j].display.as_str())
                .collect();
            let kind = files[i]
                .okr
                .as_ref()
                .and_then(|o| o.owner())
                .map_or("team", |(kind, _)| kind.as_str());
            findings.push((
                i,
                Finding::new(
                    Rule::DuplicateOwner,
                    kind.into(),
                    Anchor::Value,
                    format!(
                        "`{name}` has OKRs for {quarter} in more than one file (also {}); keep one file per owner and quarter, and merge or delete the others",
                        others.join(", ")
                    ),
                ),
            ));
        }
    }
}

/// `aligns` naming an owner or objective that does not exist in the quarter.
fn aligns_targets(
    files: &[LoadedFile],
    index: &Index,
    all_owners_known: bool,
    findings: &mut Vec<(usize, Finding)>,
    notes: &mut Vec<String>,
) {
    // Objective ids of each target file, built once per file: a file of
    // thousands of objectives that all align must not cost thousands squared.
    let mut objective_ids: HashMap<usize, (Vec<&str>, HashSet<&str>)> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        // An invalid file's own alignments are checked on what could be read.
        let Some(okr) = file.okr.as_ref().or(file.lenient.as_ref()) else {
            continue;
        };
        let quarter = okr.quarter.to_string();
        for (o, objective) in okr.objectives.iter().enumerate() {
            let Some(aligns) = &objective.aligns else {
                continue;
            };
            let path = child(&item("objectives", o), "aligns");
            let message = match index.owner(&quarter, aligns.owner.as_str()) {
                // Reported as a duplicate owner already; nothing to resolve against.
                Some(entry) if entry.files.len() > 1 => continue,
                Some(entry) => {
                    let target = entry.files[0];
                    let Some(target_okr) = files[target].valid() else {
                        // The target's file is invalid: the alignment cannot be
                        // verified, and that is not this file's error.
                        notes.push(format!(
                            "{}: {} aligns with `{aligns}`, which could not be verified: the file of `{}` ({}) is invalid",
                            file.display,
                            objective_context(objective),
                            aligns.owner,
                            files[target].display
                        ));
                        continue;
                    };
                    let (ids, id_set) = objective_ids.entry(target).or_insert_with(|| {
                        let ids: Vec<&str> = target_okr
                            .objectives
                            .iter()
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
                    (
                        Rule::AlignsUnknownObjective,
                        format!(
                            "{}: aligns with `{aligns}`, but `{}` has no objective `{}` in {quarter}; {hint}",
                            objective_context(objective),
                            aligns.owner,
                            aligns.objective
                        ),
                    )
                }
                None if !all_owners_known => continue,
                None => {
                    let mut names: Vec<&str> = index
                        .owners
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
                    (
                        Rule::AlignsUnknownOwner,
                        format!(
                            "{}: aligns with `{aligns}`, but no owner `{}` has OKRs for {quarter}; {hint}",
                            objective_context(objective),
                            aligns.owner
                        ),
                    )
                }
            };
            findings.push((i, Finding::new(message.0, path, Anchor::Value, message.1)));
        }
    }
}

/// An objective aligning with itself, and loops (a → b → a): an error at each
/// `aligns` of the loop, naming the objectives in it.
fn alignment_loops(files: &[LoadedFile], index: &Index, findings: &mut Vec<(usize, Finding)>) {
    // (quarter, owner, objective) → (file, objective index, aligns target).
    type Node = (String, String, String);
    let mut edges: HashMap<Node, (usize, usize, Node)> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let Some(okr) = &file.okr else { continue };
        let Some((_, owner)) = okr.owner() else {
            continue;
        };
        let quarter = okr.quarter.to_string();
        // A second file of one owner is reported already; its edges would double.
        if index
            .owner(&quarter, owner.as_str())
            .is_some_and(|e| e.files.len() > 1)
        {
            continue;
        }
        for (o, objective) in okr.objectives.iter().enumerate() {
            if let Some(aligns) = &objective.aligns {
                edges.insert(
                    (quarter.clone(), owner.to_string(), objective.id.to_string()),
                    (
                        i,
                        o,
                        (
                            quarter.clone(),
                            aligns.owner.to_string(),
                            aligns.objective.to_string(),
                        ),
                    ),
                );
            }
        }
    }
    let mut reported: HashSet<Node> = HashSet::new();
    let mut starts: Vec<&Node> = edges.keys().collect();
    starts.sort();
    for start in starts {
        if reported.contains(start) {
            continue;
        }
        // Follow the chain; it is a loop when it comes back to a node on it.
        let mut chain: Vec<&Node> = vec![start];
        let mut seen: HashSet<&Node> = HashSet::from([start]);
        let mut node = start;
        while let Some((_, _, next)) = edges.get(node) {
            let Some((next_key, _)) = edges.get_key_value(next) else {
                break;
            };
            if seen.contains(next_key) {
                let at = chain.iter().position(|n| *n == next_key).unwrap_or(0);
                let cycle: Vec<&Node> = chain[at..].to_vec();
                let names: Vec<String> = cycle
                    .iter()
                    .chain(std::iter::once(&cycle[0]))
                    .map(|(_, owner, objective)| format!("{owner}/{objective}"))
                    .collect();
                for member in &cycle {
                    if !reported.insert((*member).clone()) {
                        continue;
                    }
                    let (file, o, _) = &edges[*member];
                    let (rule, message) = if cycle.len() == 1 {
                        (
                            Rule::AlignsSelf,
                            format!(
                                "objective `{}` aligns with itself (`{}`); align it with the objective above it that it serves, or remove `aligns`",
                                member.2,
                                names[0]
                            ),
                        )
                    } else {
                        (
                            Rule::AlignsLoop,
                            format!(
                                "objective `{}` is in an alignment loop: {}; an objective aligns with one above it, so remove one `aligns` of the loop",
                                member.2,
                                names.join(" → ")
                            ),
                        )
                    };
                    findings.push((
                        *file,
                        Finding::new(
                            rule,
                            child(&item("objectives", *o), "aligns"),
                            Anchor::Value,
                            message,
                        ),
                    ));
                }
                break;
            }
            seen.insert(next_key);
            chain.push(next_key);
            node = next_key;
        }
    }
}
