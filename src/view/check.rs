//! The view of `okr check`: what was found, and how many of each severity.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Rule, Severity};

/// What `okr check` found: the JSON of `docs/format.md#json-output` and every other format.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl CheckReport {
    pub fn new(files: usize, diagnostics: Vec<Diagnostic>) -> CheckReport {
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        CheckReport {
            files,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            diagnostics,
        }
    }

    /// Whether the check fails: any error, or any warning under `--strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.errors > 0 || (strict && self.warnings > 0)
    }
}

/// `okr check --rules`: every rule with its severity and description.
#[derive(Debug, Serialize)]
pub struct RuleList {
    pub rules: Vec<RuleInfo>,
}

#[derive(Debug, Serialize)]
pub struct RuleInfo {
    pub id: &'static str,
    pub severity: Severity,
    /// Reported by `okr grade` at the end of a quarter, not by `okr check`.
    pub grading_time: bool,
    pub description: &'static str,
}

impl RuleList {
    pub fn all() -> RuleList {
        RuleList {
            rules: Rule::ALL
                .iter()
                .map(|r| RuleInfo {
                    id: r.id(),
                    severity: r.default_severity(),
                    grading_time: r.is_grading_time(),
                    description: r.summary(),
                })
                .collect(),
        }
    }
}
