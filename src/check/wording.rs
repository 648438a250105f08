//! The outcome-wording rule: key results measure outcomes ("API support tickets
//! fall from 120 to 60 a week"), not activities or outputs ("Write a tutorial").

/// Verbs that open an activity or output: doing a thing rather than changing a
/// number. Outcome verbs (increase, reduce, grow, cut, raise, lower, improve,
/// keep, reach) are deliberately absent.
const ACTIVITY_VERBS: &[&str] = &[
    "add",
    "analyse",
    "analyze",
    "announce",
    "assess",
    "assist",
    "attend",
    "audit",
    "automate",
    "begin",
    "blog",
    "build",
    "clean",
    "collaborate",
    "complete",
    "conduct",
    "configure",
    "consult",
    "contribute",
    "convert",
    "coordinate",
    "create",
    "define",
    "deliver",
    "deploy",
    "design",
    "develop",
    "do",
    "document",
    "draft",
    "establish",
    "evaluate",
    "explore",
    "facilitate",
    "finalise",
    "finalize",
    "finish",
    "fix",
    "give",
    "help",
    "hire",
    "hold",
    "host",
    "implement",
    "install",
    "integrate",
    "interview",
    "introduce",
    "investigate",
    "join",
    "kick",
    "launch",
    "make",
    "migrate",
    "organise",
    "organize",
    "participate",
    "pilot",
    "plan",
    "port",
    "prepare",
    "present",
    "produce",
    "prototype",
    "publish",
    "put",
    "read",
    "record",
    "redesign",
    "refactor",
    "release",
    "research",
    "review",
    "rewrite",
    "roll",
    "run",
    "schedule",
    "send",
    "set",
    "ship",
    "speak",
    "start",
    "study",
    "submit",
    "support",
    "take",
    "test",
    "train",
    "translate",
    "try",
    "update",
    "upgrade",
    "work",
    "write",
];

/// Irregular forms of the verbs above.
const IRREGULAR: &[(&str, &str)] = &[
    ("wrote", "write"),
    ("written", "write"),
    ("built", "build"),
    ("ran", "run"),
    ("held", "hold"),
    ("did", "do"),
    ("done", "do"),
    ("made", "make"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("read", "read"),
    ("spoke", "speak"),
    ("began", "begin"),
    ("put", "put"),
    ("sent", "send"),
];

/// Words a title may open with before its verb ("We will write …").
const FILLERS: &[&str] = &[
    "we",
    "i",
    "will",
    "to",
    "should",
    "must",
    "shall",
    "successfully",
    "fully",
    "finally",
    "also",
    "then",
    "first",
    "and",
];

/// Words that, soon after the first word, show it was a noun in an outcome
/// sentence: "Build time drops from 20 to 5 minutes", "Support tickets fall …".
const OUTCOME_VERBS: &[&str] = &[
    "fall",
    "falls",
    "drop",
    "drops",
    "rise",
    "rises",
    "grow",
    "grows",
    "increase",
    "increases",
    "decrease",
    "decreases",
    "reduce",
    "reduces",
    "go",
    "goes",
    "move",
    "moves",
    "improve",
    "improves",
    "reach",
    "reaches",
    "stay",
    "stays",
    "remain",
    "remains",
    "climb",
    "climbs",
    "shrink",
    "shrinks",
    "double",
    "doubles",
    "halve",
    "halves",
    "exceed",
    "exceeds",
    "is",
    "are",
    "below",
    "under",
    "above",
    "within",
    "per",
];

/// Words that link an activity to its hoped-for effect.
const LINKS: &[&str] = &[
    "to", "and", "or", "so", "then", "will", "by", "help", "helps",
];

/// The activity verb a key result title opens with, if any ("write" for
/// "We will write three tutorials").
pub fn activity_verb(title: &str) -> Option<&'static str> {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let start = words.iter().position(|w| !FILLERS.contains(w))?;
    let first = words.get(start)?;
    // "Launch-day signups" or "build-time": a compound noun, not a verb.
    if first.contains('-') {
        return None;
    }
    let verb = base_form(first)?;
    // An outcome verb soon after means the first word was a noun ("Support
    // tickets that a docs page answers fall …"); one that follows "to" or
    // "and" is the hoped-for effect of the activity ("Write posts to grow …").
    let rest = words.get(start..).unwrap_or_default();
    let states_outcome = rest.windows(2).take(10).any(|pair| {
        matches!(pair, [before, word] if OUTCOME_VERBS.contains(word) && !LINKS.contains(before))
    });
    if states_outcome {
        return None;
    }
    Some(verb)
}

/// The activity verb whose form `word` is: `writes`, `writing`, `shipped`, `wrote`.
fn base_form(word: &str) -> Option<&'static str> {
    if let Some((_, base)) = IRREGULAR.iter().find(|(form, _)| *form == word) {
        return ACTIVITY_VERBS.iter().copied().find(|v| v == base);
    }
    ACTIVITY_VERBS.iter().copied().find(|verb| {
        if word == *verb {
            return true;
        }
        let Some(suffix) = word.strip_prefix(verb) else {
            // "writing", "analyzing": the verb's final `e` is dropped.
            return verb
                .strip_suffix('e')
                .and_then(|stem| word.strip_prefix(stem))
                .is_some_and(|s| s == "ing" || s == "ed");
        };
        match suffix {
            "s" | "es" | "ed" | "d" | "ing" => true,
            // Doubled final consonant: shipping, planned, running.
            _ => {
                let last = verb.chars().last();
                let mut rest = suffix.chars();
                rest.next() == last && matches!(rest.as_str(), "ing" | "ed")
            }
        }
    })
}

/// True for a 0 → 1 key result: a done / not-done milestone in number form.
pub fn is_milestone(baseline: f64, target: f64) -> bool {
    (baseline == 0.0 && target == 1.0) || (baseline == 1.0 && target == 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_activities_and_outputs() {
        for (title, verb) in [
            ("Write a getting-started tutorial", "write"),
            ("Launch the new SDK", "launch"),
            ("Ship v2 of the billing page", "ship"),
            ("Migrate 80% of services from VMs to Kubernetes", "migrate"),
            ("We will build a status page", "build"),
            ("Successfully deliver the Q4 roadmap", "deliver"),
            ("Hold weekly office hours", "hold"),
            ("Run 3 customer workshops", "run"),
            ("Attend two conferences", "attend"),
            ("Analyze churn reasons", "analyze"),
            ("Writing docs for the API", "write"),
            ("Shipped the mobile app", "ship"),
            ("Implement SSO", "implement"),
            ("Help the platform team with on-call", "help"),
            ("Participate in the architecture guild", "participate"),
            ("Consult with legal on the new terms", "consult"),
            ("Create an onboarding checklist", "create"),
            ("Set up alerting for payments", "set"),
            ("Roll out feature flags to all teams", "roll"),
            ("Write 3 blog posts to increase sign-ups", "write"),
            ("Launch the SDK and grow adoption", "launch"),
        ] {
            assert_eq!(activity_verb(title), Some(verb), "{title}");
        }
    }

    #[test]
    fn leaves_outcomes_alone() {
        for title in [
            "Increase NPS from 12 to 40",
            "Reduce p95 latency to 400 ms",
            "API support tickets fall from 120 to 60 a week",
            "Grow weekly active developers from 800 to 1,500",
            "Cut onboarding time from 5 days to 1",
            "Raise test coverage of the billing service to 80%",
            "Build time drops from 20 to 5 minutes",
            "Support tickets per customer fall by half",
            "Support tickets that a docs page answers fall from 300 to 150 a month",
            "Test coverage rises from 40% to 70%",
            "Release frequency goes from monthly to weekly",
            "Review turnaround is under 24 hours",
            "Launch-day signups reach 5,000",
            "Lower cloud spend per request by 30%",
            "Improve checkout conversion from 2.1% to 3%",
            "Keep availability at 99.95% or better",
            "Time to first API call under 10 minutes",
            "Developers who publish a package weekly double",
            "",
            "42",
        ] {
            assert_eq!(activity_verb(title), None, "{title}");
        }
    }

    #[test]
    fn milestones_are_zero_to_one() {
        assert!(is_milestone(0.0, 1.0));
        assert!(is_milestone(1.0, 0.0));
        assert!(!is_milestone(0.0, 10.0));
        assert!(!is_milestone(0.0, 100.0));
    }
}
