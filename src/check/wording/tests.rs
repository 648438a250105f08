//! The wording rule on examples, and its precision and recall on a labelled
//! set of real published key-result titles.

use super::*;

#[test]
fn word_lists_are_sorted_for_binary_search() {
    for list in [
        ACTIVITY_VERBS,
        SOFT_VERBS,
        OBJECT_VERBS,
        RESULT_NOUNS,
        OUTCOME_VERBS,
        LINKS,
        FILLERS,
        OUTCOME_OPENERS,
        ACTORS,
        DETERMINERS,
        DELIVERABLES,
        OUTPUTS,
        MADE_BY_OTHERS,
        CADENCES,
        NUMBER_WORDS,
        AUXILIARIES,
        ADVERBS,
        DONE_WORDS,
        NOMINALISATIONS,
        MONEY,
        MEASURE_UNITS,
        NOT_AGENTS,
        CONTENT_VERBS,
        COUNT_NOUNS,
        FLAG_UNITS,
        GENERAL_VERBS,
    ] {
        assert!(list.words.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        // Each list has its own bit in a token's membership.
        let same: Vec<_> = ALL
            .iter()
            .filter(|other| other.words == list.words)
            .collect();
        assert_eq!(same.len(), 1, "{list:?}");
        assert_eq!(
            ALL.iter().filter(|other| other.bit() == list.bit()).count(),
            1,
            "{list:?}"
        );
    }
    assert_eq!(ALL.len(), 26);
    assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    for (_, base) in IRREGULAR {
        assert!(has(ACTIVITY_VERBS, base), "{base}");
    }
}

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
        let found = activity(title).unwrap_or_else(|| panic!("{title}"));
        assert_eq!(found.kind, ActivityKind::Verb, "{title}");
    }
}

#[test]
fn flags_the_issue_examples_with_their_trigger() {
    for (title, kind, words) in [
        (
            "Onboarding guide is created",
            ActivityKind::DoneDeliverable,
            "is created",
        ),
        (
            "We have shipped 3 case studies",
            ActivityKind::DoneDeliverable,
            "have shipped",
        ),
        (
            "Helm charts generally available",
            ActivityKind::DoneDeliverable,
            "generally available",
        ),
        (
            "Leveling guides exist for 5 teams",
            ActivityKind::DoneDeliverable,
            "exist",
        ),
        (
            "Billing service deployed in June",
            ActivityKind::DoneDeliverable,
            "deployed",
        ),
        (
            "Onboarding guide published",
            ActivityKind::DoneDeliverable,
            "published",
        ),
        (
            "3 customer stories per quarter",
            ActivityKind::OwnOutput,
            "3 customer stories per quarter",
        ),
        (
            "One painting a week",
            ActivityKind::OwnOutput,
            "One painting a week",
        ),
        (
            "Bi-weekly tweets about hiring",
            ActivityKind::OwnOutput,
            "Bi-weekly tweets",
        ),
        ("Post 30 times on Instagram", ActivityKind::Verb, "Post"),
        (
            "Triage all incoming bugs within one day",
            ActivityKind::Verb,
            "Triage",
        ),
        (
            "Incorporate feedback from the beta",
            ActivityKind::Verb,
            "Incorporate",
        ),
        (
            "Source 40 candidates for the platform team",
            ActivityKind::Verb,
            "Source",
        ),
        ("Close out the Q3 backlog", ActivityKind::Verb, "Close"),
        ("Perform 3 security audits", ActivityKind::Verb, "Perform"),
        ("Reboot the design guild", ActivityKind::Verb, "Reboot"),
        (
            "Consider a move to a monorepo",
            ActivityKind::Verb,
            "Consider",
        ),
        ("Gain experience with Rust", ActivityKind::Verb, "Gain"),
        ("Practice Spanish every day", ActivityKind::Verb, "Practice"),
        (
            "Undertake monthly review call with all accounts over $1m",
            ActivityKind::Verb,
            "Undertake",
        ),
        (
            "Boost the launch post on LinkedIn",
            ActivityKind::Verb,
            "Boost",
        ),
        (
            "Follow 10 industry newsletters",
            ActivityKind::Verb,
            "Follow",
        ),
        (
            "Fine-tune the ranking model",
            ActivityKind::Verb,
            "Fine-tune",
        ),
        (
            "Schedule 95% of onboarding calls within 5 days",
            ActivityKind::Verb,
            "Schedule",
        ),
        (
            "Engineering teams contribute 1200 code reviews",
            ActivityKind::Verb,
            "Engineering teams contribute",
        ),
        (
            "Implementation of the MVP for a unified permissions model",
            ActivityKind::DoneDeliverable,
            "Implementation of",
        ),
        (
            "An updated handbook page for the IAM team",
            ActivityKind::DoneDeliverable,
            "An updated handbook page",
        ),
        (
            "All HR policies are updated",
            ActivityKind::DoneDeliverable,
            "are updated",
        ),
        (
            "Functional owners are in place for all teams",
            ActivityKind::DoneDeliverable,
            "are in place",
        ),
    ] {
        let found = activity(title).unwrap_or_else(|| panic!("not flagged: {title}"));
        assert_eq!(found.kind, kind, "{title}");
        assert_eq!(found.words, words, "{title}");
        assert!(!found.advice.is_empty());
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
        "Hiring managers report that 75% of new teammates had an onboarding experience that made them successful",
        "Deliver savings of $250,000",
        "Deliver 500 MQLs to sales",
        "Convert 20 developers to paid plans",
        "Close at least 2 Tier 1 deals",
        "Add 30 Fortune 500 companies",
        "Source 16% of pipeline through outbound prospecting",
        "Boost retention by 10%",
        "100 user tweets about the launch",
        "1 post hits top 5 in Hacker News",
        "N enterprise customers have created at least 1 code insight",
        "Onboarding guide is read by 500 developers",
        "The API is available 99.95% of the time",
        "Make sure that 70% of salespeople are at 70% of quota",
        "",
        "42",
    ] {
        assert_eq!(activity(title), None, "{title}");
    }
}

#[test]
fn milestones_are_zero_to_one_flags() {
    assert!(is_milestone(0.0, 1.0, None, None));
    assert!(is_milestone(1.0, 0.0, None, None));
    assert!(is_milestone(0.0, 1.0, None, Some("Launch the docs site")));
    assert!(is_milestone(0.0, 1.0, Some("done"), Some("SSO shipped")));
    assert!(!is_milestone(0.0, 10.0, None, None));
    assert!(!is_milestone(0.0, 100.0, None, None));
    assert!(!is_milestone(
        1.0,
        0.0,
        Some("incidents"),
        Some("Sev-1 incidents fall from 1 to 0")
    ));
    assert!(!is_milestone(
        1.0,
        0.0,
        None,
        Some("Sev-1 incidents fall from 1 to 0")
    ));
    assert!(!is_milestone(
        0.0,
        1.0,
        Some("%"),
        Some("conversion rises from 0% to 1%")
    ));
    assert!(!is_milestone(
        0.0,
        1.0,
        None,
        Some("Checkout conversion rises from 0% to 1%")
    ));
    assert!(!is_milestone(0.0, 1.0, Some("customers"), None));
}

/// The misses of issue 24 that the rules alone let through, found by the
/// model, each quoting its words: verbs the lists lack, "Have …" with an
/// artefact, bare noun phrases naming a deliverable, done-states the lists
/// don't know, coverage statements. Precision and recall on real titles are
/// measured leave-one-source-out in `train.rs`.
#[test]
fn the_model_catches_what_the_rules_missed() {
    for (title, kind, words) in [
        ("Replace the legacy importer", ActivityKind::Verb, "Replace"),
        ("Remove the old sync engine", ActivityKind::Verb, "Remove"),
        (
            "Upstream the patches to the kernel",
            ActivityKind::Verb,
            "Upstream",
        ),
        (
            "Describe the release process",
            ActivityKind::Verb,
            "Describe",
        ),
        (
            "Align teams on the API style guide",
            ActivityKind::Verb,
            "Align",
        ),
        (
            "Have a design document for the cache rewrite",
            ActivityKind::Deliverable,
            "document",
        ),
        (
            "Windows signing",
            ActivityKind::Deliverable,
            "Windows signing",
        ),
        (
            "Search API analysis document",
            ActivityKind::Deliverable,
            "document",
        ),
        (
            "Cache rewrite specd",
            ActivityKind::DoneDeliverable,
            "specd",
        ),
        (
            "Alerting in place",
            ActivityKind::DoneDeliverable,
            "in place",
        ),
        (
            "Staging cluster up and running",
            ActivityKind::DoneDeliverable,
            "up and running",
        ),
    ] {
        let lower = title.to_lowercase();
        let t = Title {
            original: title,
            lower: &lower,
            toks: tokenize(&lower),
        };
        assert!(rules(&t).is_none(), "the rules alone catch {title}");
        let found = activity(title).unwrap_or_else(|| panic!("not flagged: {title}"));
        assert_eq!((found.kind, found.words.as_str()), (kind, words), "{title}");
    }
}

/// Outcome shapes that neither the rules nor the model may flag, however
/// much the words look like work: a comparison after "make", a rating that
/// others give, an object that is money, a bound on a measure.
#[test]
fn outcome_shapes_override_the_model() {
    for title in [
        "Make search as fast as browsing",
        "Make the docs site as easy to navigate as the app",
        "Volunteers rate the training 4 of 5",
        "Volunteers who attend rate the training at least 4 out of 5",
        "Attendees rated the workshop 4.5/5",
        "Deliver savings of $250,000",
        "Review turnaround is under 24 hours",
        "Support tickets per customer fall by half",
    ] {
        assert_eq!(activity(title), None, "{title}");
    }
    // The model alone would have flagged the first two.
    for title in [
        "Make search as fast as browsing",
        "Review turnaround is under 24 hours",
    ] {
        let lower = title.to_lowercase();
        let t = Title {
            original: title,
            lower: &lower,
            toks: tokenize(&lower),
        };
        assert!(
            model::score(&t, &*model::TABLE).0 >= model::THRESHOLD,
            "{title}"
        );
    }
}

#[test]
fn the_committed_weights_parse() {
    let table = model::parse_table(include_str!("weights.tsv"));
    assert!(model::Weights::bias(&table) != 0.0);
    assert!(model::Weights::weight(&table, "open:verb") > 0.0);
    assert!(model::Weights::weight(&table, "shape:from-to") < 0.0);
}
