//! The `github` format: GitHub Actions workflow commands, one per diagnostic,
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=okr RULE::MESSAGE`
//! (or `::warning`), which the runner turns into annotations on the pull
//! request's files. Standard output holds these commands and nothing else —
//! no summary line — so that every line is one the runner understands.
//!
//! GitHub shows at most 10 annotations of each kind per step. When there are
//! more, the whole list also goes to the job summary as a Markdown table
//! (appended to the file `$GITHUB_STEP_SUMMARY` names, as GitHub expects).

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::Severity;
use crate::render::{escape, md_cell};
use crate::view::check::CheckReport;

/// How many annotations of each kind (errors, warnings) GitHub shows per step.
const SHOWN_PER_KIND: usize = 10;

/// One workflow command per diagnostic.
pub fn commands(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            d.severity,
            property(&escape::terminal(&d.file)),
            d.span.start.line,
            d.span.start.column,
            d.span.end.line,
            d.span.end.column,
            property(&format!("okr {}", d.rule)),
            data(&escape::terminal(&d.message)),
        )?;
    }
    Ok(())
}

/// Whether GitHub leaves some annotations out: more than it shows of a kind.
pub fn exceeds_annotation_limit(report: &CheckReport) -> bool {
    report.errors > SHOWN_PER_KIND || report.warnings > SHOWN_PER_KIND
}

/// Appends every problem to the job summary at `path`, when GitHub would not
/// show them all as annotations; otherwise leaves the file alone.
pub fn append_step_summary(report: &CheckReport, path: &Path) -> io::Result<()> {
    if !exceeds_annotation_limit(report) {
        return Ok(());
    }
    let markdown = step_summary(report);
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(markdown.as_bytes())
}

/// The job summary: a heading, why it is there, and a table of every problem.
pub fn step_summary(report: &CheckReport) -> String {
    let mut text = format!(
        "### okr check\n\n{}. GitHub shows at most {SHOWN_PER_KIND} annotations of each kind per step; every problem:\n\n",
        super::summary(report)
    );
    text.push_str("| File | Line | Column | Severity | Rule | Message |\n");
    text.push_str("| --- | ---: | ---: | --- | --- | --- |\n");
    for d in &report.diagnostics {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        text.push_str(&format!(
            "| {} | {} | {} | {severity} | `{}` | {} |\n",
            md_cell(&d.file),
            d.span.start.line,
            d.span.start.column,
            d.rule,
            escape::markdown_message(&d.message),
        ));
    }
    text.push('\n');
    text
}

/// A command's message, escaped as the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property's value: like [`data`], and `:` and `,` too, which
/// would otherwise end the property list or the value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Pos, Rule, Span};

    #[test]
    fn escapes_data_and_properties_as_github_requires() {
        assert_eq!(data("100% a:b, c\r\nd"), "100%25 a:b, c%0D%0Ad");
        assert_eq!(property("100% a:b, c\nd"), "100%25 a%3Ab%2C c%0Ad");
        // `%` first, or the escapes themselves would be escaped again.
        assert_eq!(data("%0A"), "%250A");
    }

    #[test]
    fn one_command_per_diagnostic() {
        let d = Diagnostic::new(
            "okrs/a,b.yaml",
            Span {
                start: Pos { line: 3, column: 7 },
                end: Pos {
                    line: 3,
                    column: 13,
                },
            },
            Rule::ActivityWording,
            // A newline the message quotes from a file stays visible text.
            "50% done: write\nless".into(),
        );
        let report = CheckReport::new(1, vec![d]);
        let mut out = Vec::new();
        commands(&report, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::warning file=okrs/a%2Cb.yaml,line=3,col=7,endLine=3,endColumn=13,title=okr activity_wording::50%25 done: write\\nless\n"
        );
        assert!(!exceeds_annotation_limit(&report));
    }
}
