//! The other words of the wording rule: fillers, actors, deliverables,
//! outputs, cadences, units and the words around them.

use super::list::List;

/// Words that link an activity to its hoped-for effect ("Write posts to grow
/// sign-ups", "a change that decreases setup time").
pub(super) const LINKS: List = List::new(
    0,
    &[
        "and", "by", "help", "helps", "or", "so", "that", "then", "to", "which", "who", "will",
    ],
);

/// Words a title may open with before its verb ("We will write …").
pub(super) const FILLERS: List = List::new(
    1,
    &[
        "also",
        "and",
        "finally",
        "first",
        "fully",
        "i",
        "i'll",
        "i've",
        "i’ll",
        "i’ve",
        "must",
        "shall",
        "should",
        "successfully",
        "then",
        "to",
        "we",
        "we'll",
        "we've",
        "we’ll",
        "we’ve",
        "will",
    ],
);

/// A title that opens with one of these changes a number: an outcome.
pub(super) const OUTCOME_OPENERS: List = List::new(
    2,
    &[
        "accelerate",
        "achieve",
        "cut",
        "decrease",
        "double",
        "drive",
        "eliminate",
        "expand",
        "generate",
        "get",
        "grow",
        "halve",
        "increase",
        "keep",
        "land",
        "lift",
        "lower",
        "maintain",
        "maximise",
        "maximize",
        "minimise",
        "minimize",
        "raise",
        "reach",
        "reduce",
        "retain",
        "secure",
        "win",
    ],
);

/// Who does the work, when a title names its actor before the verb
/// ("Engineering teams contribute …", "Each team commits …").
pub(super) const ACTORS: List = List::new(
    3,
    &[
        "aes",
        "backend",
        "ces",
        "design",
        "designers",
        "devrel",
        "eng",
        "engineering",
        "engineers",
        "everyone",
        "frontend",
        "i",
        "managers",
        "marketers",
        "marketing",
        "member",
        "members",
        "mobile",
        "ops",
        "platform",
        "pms",
        "product",
        "recruiters",
        "sales",
        "sdrs",
        "staff",
        "support",
        "team",
        "teams",
        "we",
        "web",
    ],
);

/// Words before an actor: "each team", "our engineers".
pub(super) const DETERMINERS: List = List::new(4, &["all", "each", "every", "our", "the"]);

/// Things a team makes, as the head of a deliverable: "An updated handbook
/// page", "Robust documentation for feature teams".
pub(super) const DELIVERABLES: List = List::new(
    5,
    &[
        "article",
        "articles",
        "board",
        "budget",
        "chart",
        "charts",
        "checklist",
        "course",
        "curriculum",
        "dashboard",
        "dashboards",
        "deck",
        "decks",
        "doc",
        "docs",
        "documentation",
        "framework",
        "guide",
        "guides",
        "handbook",
        "mvp",
        "page",
        "pages",
        "plan",
        "plans",
        "playbook",
        "poc",
        "policy",
        "process",
        "proposal",
        "prototype",
        "rfc",
        "roadmap",
        "sdk",
        "spec",
        "template",
        "templates",
        "tool",
        "tooling",
        "tools",
        "tutorial",
        "tutorials",
        "website",
        "wiki",
    ],
);

/// Countable output a team produces itself: "3 customer stories", "One
/// painting a week".
pub(super) const OUTPUTS: List = List::new(
    6,
    &[
        "articles",
        "books",
        "boot-camp",
        "boot-camps",
        "bootcamp",
        "bootcamps",
        "calls",
        "case",
        "chapters",
        "check-ins",
        "commits",
        "demos",
        "episodes",
        "essays",
        "events",
        "experiments",
        "features",
        "guides",
        "hackathons",
        "integrations",
        "interviews",
        "meetings",
        "meetups",
        "modules",
        "newsletters",
        "painting",
        "paintings",
        "pieces",
        "podcasts",
        "post",
        "posts",
        "presentations",
        "prs",
        "releases",
        "sessions",
        "sketches",
        "snapshots",
        "stories",
        "story",
        "talks",
        "test",
        "tests",
        "trainings",
        "tutorials",
        "tweet",
        "tweets",
        "videos",
        "webinar",
        "webinars",
        "workshop",
        "workshops",
    ],
);

/// Modifiers saying others made the output: "100 user tweets", "1 tier one
/// media story", "25 positive reviews".
pub(super) const MADE_BY_OTHERS: List = List::new(
    7,
    &[
        "community",
        "external",
        "fan",
        "inbound",
        "media",
        "organic",
        "press",
        "user",
    ],
);

/// Cadence words that open a count of output: "Bi-weekly tweets", "Weekly posts".
pub(super) const CADENCES: List = List::new(
    8,
    &[
        "bi-weekly",
        "biweekly",
        "daily",
        "fortnightly",
        "monthly",
        "quarterly",
        "regular",
        "weekly",
    ],
);

/// Counts written as words.
pub(super) const NUMBER_WORDS: List = List::new(
    9,
    &[
        "dozen", "eight", "eleven", "fifteen", "fifty", "five", "forty", "four", "hundred", "nine",
        "one", "seven", "six", "ten", "thirty", "three", "twelve", "twenty", "two",
    ],
);

/// Auxiliaries of a passive or perfect: "is created", "have shipped".
pub(super) const AUXILIARIES: List = List::new(
    10,
    &["are", "be", "been", "has", "have", "is", "was", "were"],
);

/// Adverbs that may stand between an auxiliary or noun and its participle.
pub(super) const ADVERBS: List = List::new(
    11,
    &[
        "all",
        "already",
        "also",
        "clearly",
        "finally",
        "fully",
        "generally",
        "now",
        "publicly",
        "successfully",
    ],
);

/// Words that, after a deliverable, say it is done: "Helm charts generally
/// available", "Sales messaging framework and content complete".
pub(super) const DONE_WORDS: List = List::new(
    12,
    &[
        "available",
        "complete",
        "completed",
        "done",
        "enabled",
        "finished",
        "live",
        "public",
    ],
);

/// Nouns naming an activity, at the head of "X of Y": "Implementation of the
/// MVP", "SEO analysis of docs".
pub(super) const NOMINALISATIONS: List = List::new(
    13,
    &[
        "analysis",
        "completion",
        "creation",
        "delivery",
        "deployment",
        "development",
        "implementation",
        "introduction",
        "launch",
        "migration",
        "publication",
        "redesign",
        "release",
        "rollout",
    ],
);

/// Money and pipeline: a title naming one after its deliverable ("… included
/// with deals in the Q3 pipeline with $N weighted IARR") is about the result.
pub(super) const MONEY: List = List::new(
    14,
    &[
        "acv", "arr", "bookings", "iacv", "iarr", "margin", "mrr", "pipeline", "profit", "revenue",
        "savings",
    ],
);

/// What may follow a passive's "by" without being its agent: "enabled by
/// default", "deployed by the end of June".
pub(super) const NOT_AGENTS: List = List::new(
    15,
    &[
        "default", "end", "eoq", "eoy", "q1", "q2", "q3", "q4", "then",
    ],
);

/// Verbs saying what a deliverable holds: "Handbook outlines onboarding
/// requirements", "Handbook to contain detailed tasks".
pub(super) const CONTENT_VERBS: List = List::new(
    16,
    &[
        "contain",
        "contains",
        "cover",
        "covers",
        "describe",
        "describes",
        "document",
        "documents",
        "explain",
        "explains",
        "include",
        "includes",
        "list",
        "lists",
        "outline",
        "outlines",
    ],
);

/// Units after a number that make it a measurement: "in under 5 minutes".
pub(super) const MEASURE_UNITS: List = List::new(
    17,
    &[
        "clicks", "days", "hours", "hrs", "mins", "minutes", "ms", "seconds", "steps", "weeks",
    ],
);

/// Counted nouns that make a 0 → 1 key result a count rather than a milestone.
pub(super) const COUNT_NOUNS: List = List::new(
    18,
    &[
        "accounts",
        "alerts",
        "bugs",
        "churned",
        "complaints",
        "crashes",
        "customers",
        "deals",
        "defects",
        "errors",
        "escalations",
        "failures",
        "incidents",
        "issues",
        "leads",
        "outages",
        "pages",
        "regressions",
        "signups",
        "tickets",
        "users",
        "violations",
        "vulnerabilities",
    ],
);

/// Units that are a done / not-done flag rather than a count.
pub(super) const FLAG_UNITS: List = List::new(
    19,
    &[
        "binary",
        "bool",
        "boolean",
        "done",
        "flag",
        "milestone",
        "status",
        "yes/no",
    ],
);
