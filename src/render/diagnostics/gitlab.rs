//! The `gitlab` format: a GitLab Code Quality report, the JSON array a job
//! publishes with `artifacts: reports: codequality:`. GitLab compares the
//! fingerprints of a merge request's report with its target branch's to say
//! which problems are new and which were fixed, so the fingerprint leaves the
//! line out (see [`super::fingerprints`]).

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::render::json;
use crate::view::check::CheckReport;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The report: one issue per diagnostic, `[]` when there is none.
pub fn report(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let fingerprints = super::fingerprints(&report.diagnostics);
    let issues: Vec<Issue> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| Issue {
            description: &d.message,
            check_name: d.rule.id(),
            fingerprint,
            severity: severity(d.severity),
            location: Location {
                path: &d.file,
                lines: Lines {
                    begin: d.span.start.line,
                },
            },
        })
        .collect();
    json(&issues, out)
}

/// GitLab's scale is info, minor, major, critical, blocker: an invalid file
/// is `major` (it fails the pipeline), advice is `minor`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
    }
}
