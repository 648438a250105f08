//! The outcome-wording rule: key results measure outcomes ("API support tickets
//! fall from 120 to 60 a week"), not activities or outputs ("Write a tutorial").
//!
//! [`activity`] reads a key-result title with a handful of explainable
//! patterns, each of which quotes the words that triggered it:
//!
//! - **Verb**: the title opens with an activity verb, possibly after "We will"
//!   or after its actor ("Engineering teams contribute 1200 code reviews").
//!   Not when the first word is really a noun ("Hiring managers report …",
//!   "Build time drops …"), and not for deliver / convert / add / close /
//!   source / gain whose object is money, pipeline or other people ("Deliver
//!   savings of $250,000", "convert 20 developers"): those are outcomes.
//! - **DoneDeliverable**: the title states a deliverable as done: "Onboarding
//!   guide is created", "We have shipped 3 case studies", "Helm charts
//!   generally available", "Leveling guides exist for 5 teams", "X deployed in
//!   June", "An updated handbook page for the team", "Implementation of the MVP".
//! - **OwnOutput**: the title opens with a count or cadence of the team's own
//!   output: "3 customer stories per quarter", "One painting a week",
//!   "Bi-weekly tweets about hiring". Not output made by others ("100 user
//!   tweets", "1 media story") or output that then moves a number ("1 post
//!   hits the Hacker News front page").
//!
//! The title is lowercased once and tokenized once; word lists are sorted and
//! searched by binary search, so a title costs two allocations.

/// Why a key-result title reads as an activity or output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityKind {
    /// It opens with doing something: "Write a tutorial".
    Verb,
    /// It states a deliverable as done: "Onboarding guide is created".
    DoneDeliverable,
    /// It counts the team's own output: "3 customer stories per quarter".
    OwnOutput,
    /// It names a deliverable or piece of work, found by the model: "Search
    /// API analysis document", "Windows signing".
    Deliverable,
}

/// A key-result title that reads as an activity or output, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub kind: ActivityKind,
    /// The words of the title that made it an activity, as written, e.g. "write", "is created", "3 customer stories per quarter".
    pub words: String,
    /// What an outcome version would say, one short clause, e.g. "name the number that changes because of it: who reads the guide, and what they then do differently".
    pub advice: String,
}

// The word lists (each sorted, for binary search: a unit test checks) are in
// `verbs` and `words`.

mod done;
mod list;
mod model;
mod tokens;
#[cfg(test)]
mod train;
mod verbs;
mod words;

use done::done_rule;
use tokens::*;
use verbs::*;
use words::*;

/// Why `title` reads as an activity or output rather than an outcome, if it does.
pub fn activity(title: &str) -> Option<Activity> {
    classify(title).map(|(activity, _)| activity)
}

/// The activity verb a key-result title opens with, if any ("write" for "We
/// will write three tutorials"). Kept for callers of the verb-only rule; new
/// callers use [`activity`], which also finds done deliverables and counts of
/// the team's own output.
pub fn activity_verb(title: &str) -> Option<&'static str> {
    classify(title).and_then(|(_, verb)| verb)
}

fn classify(title: &str) -> Option<(Activity, Option<&'static str>)> {
    classify_with(title, &*model::TABLE)
}

/// The rules, then the model with `weights`; neither when the title has the
/// shape of an outcome ([`model::outcome_override`]).
fn classify_with<W: model::Weights>(
    title: &str,
    weights: &W,
) -> Option<(Activity, Option<&'static str>)> {
    let lower = title.to_lowercase();
    let t = Title {
        original: title,
        lower: &lower,
        toks: tokenize(&lower),
    };
    if model::outcome_override(&t) {
        return None;
    }
    rules(&t).or_else(|| model::model_activity(&t, weights).map(|found| (found, None)))
}

/// The hand-written rules alone.
fn rules(t: &Title) -> Option<(Activity, Option<&'static str>)> {
    let start = content_start(t)?;
    if let Some(found) = verb_rule(t, start) {
        return Some(found);
    }
    if let Some(found) = actor_rule(t, start) {
        return Some(found);
    }
    if let Some(found) = count_rule(t, start) {
        return Some((found, None));
    }
    done_rule(t, start).map(|found| (found, None))
}

/// The first token after "KR1:", "We will", "Make sure that" and the like.
fn content_start(t: &Title) -> Option<usize> {
    let mut i = 0;
    loop {
        let tok = t.tok(i)?;
        let w = tok.text;
        let next = t.text(i + 1);
        if w == "kr" || (w.starts_with("kr") && w[2..].bytes().all(|b| b.is_ascii_digit())) {
            i += 1;
        } else if w == "make" && next == "sure" {
            i += 2;
            if t.text(i) == "that" {
                i += 1;
            }
        } else if w == "ensure" {
            i += if next == "that" { 2 } else { 1 };
        } else if matches!(w, "we" | "i") && matches!(next, "have" | "has") {
            i += 2;
        } else if has(FILLERS, w) {
            i += 1;
        } else {
            return Some(i);
        }
    }
}

fn verb_advice(verb: &str) -> String {
    format!(
        "name the number that changes because you {verb}: who benefits, and what they then do differently"
    )
}

fn done_advice() -> String {
    "name the number that changes once it exists: who uses it, and what they then do differently"
        .to_string()
}

fn output_advice() -> String {
    "count what the output changes instead: the readers, replies or sign-ups it brings, not how many you make"
        .to_string()
}

/// The object of the verb at `verb` names money, pipeline or other people.
fn result_object(t: &Title, verb: usize) -> bool {
    let end = (verb + 7).min(t.toks.len());
    for i in verb + 1..end {
        let tok = &t.toks[i];
        if matches!(
            tok.text,
            "to" | "for" | "by" | "so" | "that" | "which" | "with"
        ) {
            return false;
        }
        if tok.text.starts_with(['$', '€', '£']) || tok.is(RESULT_NOUNS) {
            return true;
        }
    }
    false
}

/// The object of the verb at `verb` is the team's own artefact.
fn artefact_object(t: &Title, verb: usize) -> bool {
    let end = (verb + 7).min(t.toks.len());
    for i in verb + 1..end {
        let tok = &t.toks[i];
        if tok.is_number() || tok.text.contains('%') {
            return false;
        }
        if tok.is(DELIVERABLES) || tok.is(OUTPUTS) {
            return true;
        }
        if matches!(tok.text, "to" | "for" | "by" | "from" | "of" | "in" | "on") {
            return false;
        }
    }
    false
}

/// An opening verb: "Write a tutorial", "Shipped the mobile app".
fn verb_rule(t: &Title, start: usize) -> Option<(Activity, Option<&'static str>)> {
    let first = t.tok(start)?;
    let w = first.text;
    if has(SOFT_VERBS, w) {
        return artefact_object(t, start).then(|| {
            (
                Activity {
                    kind: ActivityKind::Verb,
                    words: t.quote(start, start),
                    advice: verb_advice(w),
                },
                None,
            )
        });
    }
    if has(OUTCOME_OPENERS, w) {
        // Growing the team is hiring: "Grow team to plan", "Expand the
        // engineering team to 12".
        let grows_team = matches!(w, "grow" | "expand" | "scale")
            && (start + 1..(start + 4).min(t.toks.len()))
                .find(|&i| !t.toks[i].is(DETERMINERS))
                .is_some_and(|i| {
                    let mut j = i;
                    while t.tok(j).is_some_and(|x| x.is(ACTORS)) {
                        j += 1;
                    }
                    j > i && matches!(t.text(j - 1), "team" | "teams" | "staff")
                });
        return grows_team.then(|| {
            (
                Activity {
                    kind: ActivityKind::Verb,
                    words: t.quote(start, start),
                    advice: verb_advice("hire"),
                },
                None,
            )
        });
    }
    let verb = base_form(w)?;
    // A noun in an outcome sentence: "Support tickets that a docs page
    // answers fall …", "Hiring managers report that …". An outcome verb after
    // "to" or "and" is the hoped-for effect of the activity ("Write posts to
    // grow …").
    if t.outcome_verb_after(start, 10) {
        return None;
    }
    if has(OBJECT_VERBS, verb) && result_object(t, start) {
        return None;
    }
    let before = if start >= 1 { t.text(start - 1) } else { "" };
    let perfect =
        matches!(before, "have" | "has") || before.ends_with("'ve") || before.ends_with("’ve");
    let kind = if perfect && past_participle(w).is_some() {
        ActivityKind::DoneDeliverable
    } else {
        ActivityKind::Verb
    };
    let words = if perfect {
        t.quote(start - 1, start)
    } else {
        t.quote(start, start)
    };
    let advice = match kind {
        ActivityKind::Verb => verb_advice(verb),
        _ => done_advice(),
    };
    Some((
        Activity {
            kind,
            words,
            advice,
        },
        Some(verb),
    ))
}

/// An actor before the verb: "Engineering teams contribute 1200 code reviews".
fn actor_rule(t: &Title, start: usize) -> Option<(Activity, Option<&'static str>)> {
    let mut i = start;
    while t.tok(i).is_some_and(|x| x.is(DETERMINERS)) {
        i += 1;
    }
    let actor_start = i;
    while i < actor_start + 3 && t.tok(i).is_some_and(|x| x.is(ACTORS)) {
        i += 1;
    }
    if i == actor_start {
        return None;
    }
    if t.text(i) == "will" {
        i += 1;
    }
    let w = t.text(i);
    // "Each team has its own onboarding process": the deliverable exists.
    if matches!(w, "has" | "have")
        && (i + 1..(i + 6).min(t.toks.len())).any(|j| t.toks[j].is(DELIVERABLES))
        && !t.measure_after(i)
    {
        return Some((
            Activity {
                kind: ActivityKind::DoneDeliverable,
                words: t.quote(actor_start, i),
                advice: done_advice(),
            },
            None,
        ));
    }
    if w.ends_with("ing") {
        return None;
    }
    let verb = base_form(w)?;
    if t.outcome_verb_after(i, 10) || (has(OBJECT_VERBS, verb) && result_object(t, i)) {
        return None;
    }
    let done = matches!(w, "has" | "have") || past_participle(w).is_some() && w != verb;
    Some((
        Activity {
            kind: if done {
                ActivityKind::DoneDeliverable
            } else {
                ActivityKind::Verb
            },
            words: t.quote(actor_start, i),
            advice: verb_advice(verb),
        },
        Some(verb),
    ))
}

/// A count or cadence of the team's own output opening the title: "3 customer
/// stories per quarter", "One painting a week", "Bi-weekly tweets about hiring".
fn count_rule(t: &Title, start: usize) -> Option<Activity> {
    let mut i = start;
    if t.text(i) == "at" && t.text(i + 1) == "least" {
        i += 2;
    }
    let first = t.tok(i)?;
    if !(first.is_count() || first.is(CADENCES)) {
        return None;
    }
    let count_at = i;
    // Up to three modifiers, then the output noun.
    let noun_at = (count_at + 1..=count_at + 4).find(|&j| {
        t.tok(j)
            .is_some_and(|x| x.is(OUTPUTS) || (x.text == "reviews" && t.text(j - 1) == "code"))
    })?;
    if (count_at + 1..noun_at).any(|j| {
        let w = t.text(j);
        has(MADE_BY_OTHERS, w) || has(OUTCOME_VERBS, w)
    }) {
        return None;
    }
    // "case studies": the noun is "case" only when "studies" follows.
    let mut end = noun_at;
    if t.text(noun_at) == "case" {
        if !matches!(t.text(noun_at + 1), "studies" | "study") {
            return None;
        }
        end += 1;
    }
    // Output that then moves a number, or that others made, is an outcome.
    if t.outcome_verb_after(end, 12) {
        return None;
    }
    if t.text(end + 1) == "by" && t.tok(end + 2).is_some_and(|x| x.is(RESULT_NOUNS)) {
        return None;
    }
    // Take the cadence along: "per quarter", "a week", "every week".
    let cadence = match (t.text(end + 1), t.text(end + 2)) {
        (
            "per" | "a" | "every" | "each",
            "day" | "week" | "month" | "quarter" | "year" | "sprint",
        ) => end + 2,
        _ => end,
    };
    Some(Activity {
        kind: ActivityKind::OwnOutput,
        words: t.quote(count_at, cadence),
        advice: output_advice(),
    })
}

/// A 0 → 1 "done / not done" key result. Not one: a count or a percentage
/// ("Sev-1 incidents fall from 1 to 0" with unit "incidents", "conversion rises from 0% to 1%" with unit "%", or a title that mentions a count noun / percentage).
pub fn is_milestone(baseline: f64, target: f64, unit: Option<&str>, title: Option<&str>) -> bool {
    let zero_one = (baseline == 0.0 && target == 1.0) || (baseline == 1.0 && target == 0.0);
    if !zero_one {
        return false;
    }
    if let Some(unit) = unit.map(str::trim).filter(|u| !u.is_empty()) {
        // Any unit but a done / not-done flag is a count or a percentage.
        if !has(FLAG_UNITS, &unit.to_lowercase()) {
            return false;
        }
    }
    let Some(title) = title else {
        return true;
    };
    let lower = title.to_lowercase();
    if lower.contains('%') || lower.contains("percent") {
        return false;
    }
    let toks = tokenize(&lower);
    let counted = toks.iter().enumerate().any(|(i, x)| {
        x.is(COUNT_NOUNS)
            || (matches!(x.text, "number" | "count" | "#")
                && toks.get(i + 1).is_some_and(|n| n.text == "of"))
            || matches!(
                x.text,
                "rate" | "ratio" | "share" | "conversion" | "percentage"
            )
    });
    !counted
}

#[cfg(test)]
mod tests;
