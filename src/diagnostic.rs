//! A problem found in an OKR file, with its identity: the rule that found it,
//! where it starts and ends, how severe it is. Text output is the GCC shape
//! editors parse, `PATH:LINE:COLUMN: error|warning: MESSAGE [RULE]`.
//!
//! The rule registry lives here, at the bottom of the crate, because every
//! room reports problems: `source` (unreadable files, YAML syntax), `check`
//! (the rules of `docs/format.md#checks`) and the grading-time rules of `grade`.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// Where a problem is: from `start` up to `end`, which is exclusive (the
/// column just past the last character, as SARIF and editors count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub const START: Span = Span {
        start: Pos::START,
        end: Pos { line: 1, column: 2 },
    };

    /// The span of the token that starts at `start` in `source`: up to the
    /// next blank or the end of the line (at least one column wide).
    pub fn token_at(source: &str, start: Pos) -> Span {
        let line = source
            .lines()
            .nth(start.line.saturating_sub(1))
            .unwrap_or("");
        let width = line
            .chars()
            .skip(start.column.saturating_sub(1))
            .take_while(|c| !c.is_whitespace())
            .count()
            .max(1);
        Span {
            start,
            end: Pos {
                line: start.line,
                column: start.column + width,
            },
        }
    }

    /// A span of one column at `start`, for when nothing better is known.
    pub fn at(start: Pos) -> Span {
        Span {
            start,
            end: Pos {
                line: start.line,
                column: start.column + 1,
            },
        }
    }
}

/// Declares the rules: each with its stable id, its default severity and a
/// one-line description (`okr check --rules`, SARIF `tool.driver.rules`).
macro_rules! rules {
    ($($variant:ident => $id:literal, $severity:ident, $summary:literal;)*) => {
        /// Every rule okr reports, by stable snake_case id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant),* }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id),* }
            }

            /// The severity unless `okr.toml` changes it (warnings only).
            pub fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity),* }
            }

            pub fn summary(self) -> &'static str {
                match self { $(Rule::$variant => $summary),* }
            }
        }
    };
}

rules! {
    // Reading and parsing.
    Unreadable => "unreadable", Error, "the file or folder cannot be read (permissions, not a regular file, or over the size limit)";
    NotUtf8 => "not_utf8", Error, "the file is not UTF-8 text";
    EmptyFile => "empty_file", Error, "the file holds no OKRs";
    FolderNamedYaml => "folder_named_yaml", Error, "a folder is named like an OKR file";
    BadConfig => "bad_config", Error, "`okr.toml` cannot be read, or has an unknown key or a bad value";
    LinkOutside => "link_outside", Warning, "a symbolic link leads outside the OKR directory, so it is not followed";
    YamlSyntax => "yaml_syntax", Error, "the file is not valid YAML";
    YamlLimits => "yaml_limits", Error, "the YAML is nested too deeply, too large, or expands aliases too far";
    UnknownKey => "unknown_key", Error, "a key the format does not know (usually a typo)";
    MissingKey => "missing_key", Error, "a required key is missing";
    DuplicateKey => "duplicate_key", Error, "a key is given twice in one mapping";
    WrongType => "wrong_type", Error, "a value of the wrong type (text where a number belongs, …)";
    BadQuarter => "bad_quarter", Error, "`quarter` is not written YYYY-Qn";
    BadSlug => "bad_slug", Error, "a name or id is not a slug (lowercase letters, digits, `-`, `_`, `.`)";
    BadDate => "bad_date", Error, "a date is not a real YYYY-MM-DD date";
    BadAligns => "bad_aligns", Error, "`aligns` is not written OWNER/OBJECTIVE-ID";
    GradeRange => "grade_range", Error, "a grade outside 0.0–1.0";
    ConfidenceRange => "confidence_range", Error, "a confidence outside 0.0–1.0";
    WeightNotPositive => "weight_not_positive", Error, "a weight of 0 or less";
    EmptyList => "empty_list", Error, "`objectives` or `key_results` is an empty list";
    // The rules on parsed files.
    OwnerMissing => "owner_missing", Error, "the file names no owner (company, team or person)";
    OwnerAmbiguous => "owner_ambiguous", Error, "the file names more than one owner";
    TargetEqualsBaseline => "target_equals_baseline", Error, "the target equals the baseline, so nothing can move";
    CurrentAndCheckins => "current_and_checkins", Error, "a key result has both `current` and `checkins`";
    DroppedWithoutReason => "dropped_without_reason", Error, "`dropped` carries no reason";
    DuplicateObjectiveId => "duplicate_objective_id", Error, "two objectives of a file share an id";
    DuplicateKeyResultId => "duplicate_key_result_id", Error, "two key results of an objective share an id";
    DuplicateCheckinDate => "duplicate_checkin_date", Error, "two check-ins of a key result share a date";
    CheckinOutsideQuarter => "checkin_outside_quarter", Error, "a check-in dated outside the quarter and its 14-day grace";
    KeyResultOwnerNotPerson => "key_result_owner_not_person", Error, "a key result's `owner` names a team or company";
    // Across files.
    DuplicateOwner => "duplicate_owner", Error, "two files for one owner and quarter";
    AlignsUnknownOwner => "aligns_unknown_owner", Error, "`aligns` names an owner with no OKRs that quarter";
    AlignsUnknownObjective => "aligns_unknown_objective", Error, "`aligns` names an objective the owner does not have";
    AlignsSelf => "aligns_self", Error, "an objective aligns with itself";
    AlignsLoop => "aligns_loop", Error, "objectives align with each other in a loop";
    // Warnings: advice, failures under `--strict`.
    ActivityWording => "activity_wording", Warning, "a key result worded as an activity or output, not an outcome";
    DoneNotDone => "done_not_done", Warning, "a 0 → 1 key result: a done / not-done milestone, not a measured outcome";
    TooManyObjectives => "too_many_objectives", Warning, "more than 5 objectives in a file";
    TooManyKeyResults => "too_many_key_results", Warning, "more than 5 key results in an objective";
    KeyResultOwnerUnknown => "key_result_owner_unknown", Warning, "a key result's `owner` is close to a known person's name but is not one";
    UnknownTeam => "unknown_team", Warning, "a person's `team` names no team of the quarter";
    UnknownAllowRule => "unknown_allow_rule", Warning, "`# okr: allow` names a rule that does not exist";
    // Grading time: reported by `okr grade`, not by `okr check`.
    CommittedMissWithoutReflection => "committed_miss_without_reflection", Warning, "a committed key result graded below 1.0 without a reflection";
    GradeDisagreesWithProgress => "grade_disagrees_with_progress", Warning, "a given grade 0.3 or more from the measured progress, without a reflection";
    UngradedAfterQuarterEnd => "ungraded_after_quarter_end", Warning, "the quarter is over and the key result has no grade";
    AllAspirationalHigh => "all_aspirational_high", Warning, "every aspirational key result of an owner scores 0.9 or more";
    GoalPostMoved => "goal_post_moved", Warning, "a target or baseline changed after the quarter's first 14 days";
}

impl Rule {
    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// Whether `okr.toml` and `# okr: allow` may change it (errors cannot be silenced).
    pub fn is_warning(self) -> bool {
        self.default_severity() == Severity::Warning
    }

    /// Reported only by `okr grade`, at the end of a quarter.
    pub fn is_grading_time(self) -> bool {
        matches!(
            self,
            Rule::CommittedMissWithoutReflection
                | Rule::GradeDisagreesWithProgress
                | Rule::UngradedAfterQuarterEnd
                | Rule::AllAspirationalHigh
                | Rule::GoalPostMoved
        )
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// One reported problem. `file` is the path as shown to the user (relative to
/// the current directory where possible).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub span: Span,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
    /// `OBJECTIVE` or `OBJECTIVE/KEY_RESULT` when the problem belongs to one:
    /// what stays the same when lines move (CI fingerprints).
    pub subject: Option<String>,
    /// The edit that fixes it, when there is one sure fix (an editor's quick
    /// fix reads it; the message says the same in words).
    pub fix: Option<Fix>,
}

/// A quick fix: write `text` in place of `span`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fix {
    pub span: Span,
    pub text: String,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, span: Span, rule: Rule, message: String) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            span,
            severity: rule.default_severity(),
            rule,
            message,
            subject: None,
            fix: None,
        }
    }

    pub fn line(&self) -> usize {
        self.span.start.line
    }

    pub fn column(&self) -> usize {
        self.span.start.column
    }

    /// Orders diagnostics by file, then position, errors before warnings:
    /// the same order whatever the thread scheduling.
    pub fn sort(diagnostics: &mut [Diagnostic]) {
        diagnostics.sort_by(|a, b| {
            (&a.file, a.span.start, a.severity, a.rule, &a.message).cmp(&(
                &b.file,
                b.span.start,
                b.severity,
                b.rule,
                &b.message,
            ))
        });
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {} [{}]",
            self.file,
            self.span.start.line,
            self.span.start.column,
            self.severity,
            self.message,
            self.rule
        )
    }
}

/// The JSON shape of a diagnostic (`docs/format.md#json-output`).
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut d = s.serialize_struct("Diagnostic", 8)?;
        d.serialize_field("file", &self.file)?;
        d.serialize_field("line", &self.span.start.line)?;
        d.serialize_field("column", &self.span.start.column)?;
        d.serialize_field("end_line", &self.span.end.line)?;
        d.serialize_field("end_column", &self.span.end.column)?;
        d.serialize_field("severity", &self.severity)?;
        d.serialize_field("rule", &self.rule)?;
        d.serialize_field("message", &self.message)?;
        d.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_snake_case() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        for id in &ids {
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{id}"
            );
            assert_eq!(Rule::from_id(id).map(Rule::id), Some(*id));
        }
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), before);
    }

    #[test]
    fn text_shape_is_gcc_with_the_rule() {
        let d = Diagnostic::new(
            "okrs/a.yaml",
            Span::token_at("x: tagret\n", Pos { line: 1, column: 4 }),
            Rule::UnknownKey,
            "unknown key".into(),
        );
        assert_eq!(
            d.to_string(),
            "okrs/a.yaml:1:4: error: unknown key [unknown_key]"
        );
        assert_eq!(
            d.span.end,
            Pos {
                line: 1,
                column: 10
            }
        );
    }
}
