//! Diagnostics in every format, each a small emitter chosen in one `match`
//! (after ruff's `message/` emitters): text (`PATH:LINE:COLUMN: error|warning:
//! MESSAGE [RULE]`, the GCC shape editors parse), JSON, GitHub Actions workflow
//! commands, a GitLab Code Quality report and SARIF 2.1.0; and the rule list of
//! `okr check --rules`.

mod github;
mod gitlab;
mod sarif;
mod text;

use std::io;
use std::path::PathBuf;

use crate::cli::CheckFormat;
use crate::diagnostic::{Diagnostic, Severity};
use crate::render::table::Grid;
use crate::render::{json, note, Output};
use crate::view::check::{CheckReport, RuleList};

pub use text::{line, summary, text};

/// What a CI format needs from the environment beyond the report. The
/// command reads it once (STYLE.md: the environment is read once) and passes
/// it down, so the emitters stay pure and testable.
#[derive(Debug, Default, Clone)]
pub struct CiEnv {
    /// `$GITHUB_STEP_SUMMARY`: the Markdown file of the job summary, where the
    /// `github` format lists every problem when GitHub would show only some.
    pub step_summary: Option<PathBuf>,
}

/// Writes `report` in `format`.
pub fn report(
    report: &CheckReport,
    format: CheckFormat,
    env: &CiEnv,
    output: &mut Output,
) -> io::Result<()> {
    match format {
        CheckFormat::Text => text(report, output.color_out, output.out),
        CheckFormat::Json => json(report, output.out),
        CheckFormat::Github => {
            github::commands(report, output.out)?;
            if let Some(path) = &env.step_summary {
                // The annotations are written; a summary that cannot be
                // written is worth a note, not a different exit status.
                if let Err(error) = github::append_step_summary(report, path) {
                    let text = format!(
                        "could not append the problem list to $GITHUB_STEP_SUMMARY ({}): {error}",
                        path.display()
                    );
                    note(&text, output.color_err, output.err)?;
                }
            }
            Ok(())
        }
        CheckFormat::Gitlab => gitlab::report(report, output.out),
        CheckFormat::Sarif => sarif::log(report, output.out),
    }
}

/// For the views (`status`, `grade`): the errors of the files left out, and a
/// note saying so. Warnings are `okr check`'s business and are not repeated.
pub fn left_out(
    diagnostics: &[Diagnostic],
    color: bool,
    err: &mut dyn io::Write,
) -> io::Result<()> {
    let mut any = false;
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        writeln!(err, "{}", line(d, color))?;
        any = true;
    }
    if any {
        note(
            "invalid files are left out of this view; `okr check` lists every problem",
            color,
            err,
        )?;
    }
    Ok(())
}

/// `okr check --rules`: a table of every rule (JSON with `--format json`).
pub fn rules(list: &RuleList, format: CheckFormat, output: &mut Output) -> io::Result<()> {
    if format == CheckFormat::Json {
        return json(list, output.out);
    }
    let mut grid = Grid::new(["Rule", "Severity", "Description"]);
    for rule in &list.rules {
        let severity = if rule.grading_time {
            format!("{} (grade)", rule.severity)
        } else {
            rule.severity.to_string()
        };
        grid.row([rule.id.to_string(), severity, rule.description.to_string()]);
    }
    grid.terminal(output.color_out, output.width, output.out)
}

/// One fingerprint per diagnostic, in order: 16 hex digits of an FNV-1a hash
/// of what identifies the problem regardless of where it sits — the rule, the
/// file, and the objective / key result it belongs to (the message when it
/// belongs to none) — never its line, so that a problem keeps its identity
/// when lines above it are added or removed. Problems with the same identity
/// are told apart by their occurrence index, in report order.
///
/// FNV-1a rather than a cryptographic hash: nothing here is adversarial, the
/// value only has to be stable across runs, platforms and okr versions, and
/// it is a dozen lines instead of a dependency.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<u64, u64>::new();
    diagnostics
        .iter()
        .map(|d| {
            let identity = d.subject.as_deref().unwrap_or(&d.message);
            let key = fnv1a(&[d.rule.id(), &d.file, identity]);
            let occurrence = seen.entry(key).or_insert(0);
            let hash = if *occurrence == 0 {
                key
            } else {
                fnv1a(&[d.rule.id(), &d.file, identity, &occurrence.to_string()])
            };
            *occurrence += 1;
            format!("{hash:016x}")
        })
        .collect()
}

/// FNV-1a, 64 bits, over `parts` each followed by a NUL byte (so that
/// `("ab", "c")` and `("a", "bc")` differ).
fn fnv1a(parts: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &byte in part.as_bytes().iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Pos, Rule, Span};

    fn diagnostic(line: usize, subject: Option<&str>, message: &str) -> Diagnostic {
        let mut d = Diagnostic::new(
            "okrs/a.yaml",
            Span::at(Pos { line, column: 3 }),
            Rule::UnknownKey,
            message.into(),
        );
        d.subject = subject.map(String::from);
        d
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        // From the FNV reference (draft-eastlake-fnv), without our separator.
        let plain = |text: &str| {
            text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            })
        };
        assert_eq!(plain(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(plain("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(plain("foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a(&["a"]), plain("a\0"));
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn fingerprints_ignore_the_line_and_tell_duplicates_apart() {
        let before = fingerprints(&[
            diagnostic(3, Some("o/k"), "unknown key `tagret`"),
            diagnostic(4, Some("o/k"), "unknown key `tagret`"),
            diagnostic(9, None, "one"),
        ]);
        let after = fingerprints(&[
            diagnostic(13, Some("o/k"), "unknown key `tagret`"),
            diagnostic(14, Some("o/k"), "unknown key `tagret`"),
            diagnostic(19, None, "one"),
        ]);
        assert_eq!(before, after);
        assert_ne!(before[0], before[1]);
        assert!(before
            .iter()
            .all(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit())));
        // Without a subject the message is the identity.
        assert_ne!(
            fingerprints(&[diagnostic(9, None, "one")]),
            fingerprints(&[diagnostic(9, None, "two")])
        );
    }
}
