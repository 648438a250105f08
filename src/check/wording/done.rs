//! Deliverables stated as done: "Onboarding guide is created", "We have shipped
//! 3 case studies", "Helm charts generally available".

use super::tokens::*;
use super::verbs::*;
use super::words::*;
use super::*;

/// A deliverable stated as done: "Onboarding guide is created", "Helm charts
/// generally available", "Leveling guides exist for 5 teams", "X deployed in
/// June", "An updated handbook page …", "Implementation of the MVP".
pub(super) fn done_rule(t: &Title, start: usize) -> Option<Activity> {
    let done = |from: usize, to: usize| Activity {
        kind: ActivityKind::DoneDeliverable,
        words: t.quote(from, to),
        advice: done_advice(),
    };
    // The subject must not be other people or a business result: "3
    // customers have run campaigns", "Deals closed …" are outcomes.
    let subject_ok = |upto: usize| !t.any_in(start, upto, RESULT_NOUNS);
    let first = t.text(start);
    if has(OUTCOME_OPENERS, first) || has(SOFT_VERBS, first) {
        return None;
    }
    if matches!(first, "no" | "zero" | "fewer" | "less") {
        return None;
    }

    // Nominalisation: "Implementation of the MVP", "SEO analysis of docs".
    for i in start..(start + 2).min(t.toks.len()) {
        if t.toks[i].is(NOMINALISATIONS) && t.text(i + 1) == "of" && !t.outcome_verb_after(i, 12) {
            return Some(done(start, i + 1));
        }
    }

    let limit = (start + 12).min(t.toks.len());
    for i in start + 1..limit {
        let w = t.text(i);
        let before = t.text(i - 1);
        // A finite verb before this point means we are past the subject.
        let prev = &t.toks[i - 1];
        if i > start + 1
            && prev.is(OUTCOME_VERBS)
            && !prev.is(AUXILIARIES)
            && !matches!(prev.text, "above" | "below" | "under")
        {
            return None;
        }

        // A capability: "Users can search across contexts …", "Admins can
        // force the refresh of permissions" (not "… can be answered in 5 minutes").
        if w == "can" && i <= start + 4 && t.text(i + 1) != "be" {
            if t.measure_after(i) || t.outcome_verb_after(i, 12) {
                return None;
            }
            return Some(done(i, i + 1));
        }

        // A deliverable and what it holds: "Handbook outlines onboarding
        // requirements", "Handbook to contain detailed tasks".
        if (w == "to" && t.tok(i + 1).is_some_and(|x| x.is(CONTENT_VERBS))
            || t.toks[i].is(CONTENT_VERBS))
            && prev.is(DELIVERABLES)
            && i <= start + 3
        {
            let end = if w == "to" { i + 1 } else { i };
            return Some(done(i - 1, end));
        }

        // "is created", "are documented", "have been updated", "is complete".
        if t.toks[i].is(AUXILIARIES) {
            let mut j = i + 1;
            while t
                .tok(j)
                .is_some_and(|x| x.is(ADVERBS) || x.text == "been" || x.text == "not")
            {
                j += 1;
            }
            let mut p = t.text(j);
            let mut participle = past_participle(p).is_some() || has(DONE_WORDS, p);
            // "are disabled or fixed": any of the coordinated words.
            if !participle && matches!(t.text(j + 1), "or" | "and") {
                let q = t.text(j + 2);
                if past_participle(q).is_some() || has(DONE_WORDS, q) {
                    participle = true;
                    j += 2;
                    p = q;
                }
            }
            let up_to_date = p == "up" && t.text(j + 1) == "to" && t.text(j + 2) == "date";
            let in_place = p == "in" && t.text(j + 1) == "place";
            if !(participle || up_to_date || in_place || p == "up-to-date") {
                // "is tracked", "are in place": the first one decides.
                if matches!(w, "is" | "are" | "was" | "were") {
                    return None;
                }
                continue;
            }
            if !subject_ok(i) || t.outcome_verb_after(j, 12) {
                return None;
            }
            // Someone else's action ("is read by 500 developers") or a share
            // ("available 99.9% of the time") is an outcome.
            if t.passive_agent_after(j) || t.money_after(j) {
                return None;
            }
            if p == "available" && t.any_number_or_percent_after(j) {
                return None;
            }
            let end = if up_to_date {
                j + 2
            } else if in_place {
                j + 1
            } else {
                j
            };
            return Some(done(i, end));
        }

        // Headline style after a short noun phrase: "Billing support added",
        // "GDPR policy fully implemented", "Helm charts generally available",
        // "Leveling guides exist for 5 teams".
        if i > start + 5 {
            continue;
        }
        let nounish = (start..i).all(|k| {
            let x = &t.toks[k];
            !(x.is(LINKS) || x.is(AUXILIARIES) || x.is(OUTCOME_VERBS) || x.is_number())
                || x.is(ADVERBS)
                || x.text == "and"
        });
        if !nounish || t.toks[i].is(ADVERBS) {
            continue;
        }
        let exists = matches!(w, "exist" | "exists");
        let headline = past_participle(w).is_some() || has(DONE_WORDS, w) || exists;
        let after_article = t.toks[i - 1].is(DETERMINERS) || matches!(before, "a" | "an");
        if headline && !after_article && subject_ok(i) {
            if t.outcome_verb_after(i, 12) || t.passive_agent_after(i) || t.money_after(i) {
                return None;
            }
            if w == "available" && t.any_number_or_percent_after(i) {
                return None;
            }
            let from = if before == "generally" { i - 1 } else { i };
            return Some(done(from, i));
        }
        let _ = before;
    }

    // A named deliverable: "An updated handbook page for the IAM team …",
    // "Robust documentation for feature teams …".
    for i in start..(start + 5).min(t.toks.len()) {
        let x = &t.toks[i];
        if x.is(DELIVERABLES) {
            // "handbook page": the last of a run of deliverable nouns is the head.
            if t.tok(i + 1).is_some_and(|n| n.is(DELIVERABLES)) {
                continue;
            }
            let next = t.text(i + 1);
            let ends = i + 1 == t.toks.len()
                || matches!(
                    next,
                    "for" | "including" | "outlining" | "covering" | "describing" | "that" | "with"
                );
            if ends
                && !t.outcome_verb_after(i, 12)
                && !t
                    .toks
                    .get(i + 1..)
                    .is_some_and(|ts| ts.iter().any(|x| x.text == "%"))
            {
                return Some(done(start, i));
            }
            return None;
        }
        // Only the title's opening noun phrase: "Street capacity ahead of
        // plan" is not a plan.
        if x.is_number()
            || x.is(OUTCOME_VERBS)
            || x.is(AUXILIARIES)
            || matches!(
                x.text,
                "of" | "ahead" | "to" | "in" | "on" | "at" | "for" | "from" | "with"
            )
            || base_form(x.text).is_some() && past_participle(x.text).is_none()
        {
            return None;
        }
    }
    None
}

impl Title<'_> {
    /// "… read by 500 developers": someone else did it. Not "by default".
    pub(super) fn passive_agent_after(&self, at: usize) -> bool {
        self.text(at + 1) == "by"
            && self.tok(at + 2).is_some_and(|x| {
                !(x.is(NOT_AGENTS) || x.is(DETERMINERS) && self.text(at + 3) == "end")
            })
    }

    /// Money or pipeline follows: the title is about the result.
    pub(super) fn money_after(&self, at: usize) -> bool {
        self.toks
            .get(at + 1..)
            .is_some_and(|ts| ts.iter().any(|x| x.text.starts_with('$') || x.is(MONEY)))
    }

    /// A measured quantity follows: a percentage or a number with a unit of
    /// time or effort ("in under 5 minutes", "in 3 clicks").
    pub(super) fn measure_after(&self, at: usize) -> bool {
        let Some(rest) = self.toks.get(at + 1..) else {
            return false;
        };
        rest.iter().enumerate().any(|(k, x)| {
            x.text.contains('%')
                || x.is_number() && rest.get(k + 1).is_some_and(|u| has(MEASURE_UNITS, u.text))
        })
    }

    pub(super) fn any_number_or_percent_after(&self, from: usize) -> bool {
        self.toks
            .get(from + 1..)
            .is_some_and(|ts| ts.iter().any(|x| x.is_number() || x.text.contains('%')))
    }
}
