//! The grading-time rules (`docs/format.md#checks`) as positioned findings: the
//! figures and thresholds are [`crate::compute::grading`]'s; here a flag of a
//! key result (or an owner) becomes a diagnostic at its place in the file.
//! Reported by `okr grade`, not by `okr check`.

use crate::check::{resolve, Anchor, Finding};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};
use crate::source::document::SourceText;
use crate::source::locate::{child, item};
use crate::source::LoadedFile;

/// Where a grading-time warning belongs: a key result, or the file's owner.
pub enum Place<'a> {
    KeyResult {
        objective: &'a str,
        key_result: &'a str,
    },
    Owner,
}

/// The diagnostics of `warnings` (rule, place, message) in `file`.
pub fn diagnostics(
    file: &LoadedFile,
    warnings: Vec<(Rule, Place, String)>,
    config: &Config,
) -> Vec<Diagnostic> {
    let (Some(okr), Some(text)) = (&file.okr, &file.text) else {
        return Vec::new();
    };
    let findings = warnings
        .into_iter()
        .filter_map(|(rule, place, message)| {
            let (path, subject) = match place {
                Place::Owner => {
                    let (kind, _) = okr.owner()?;
                    (kind.as_str().to_string(), None)
                }
                Place::KeyResult {
                    objective,
                    key_result,
                } => {
                    let o = okr
                        .objectives
                        .iter()
                        .position(|o| o.id.as_str() == objective)?;
                    let k = okr.objectives[o]
                        .key_results
                        .iter()
                        .position(|k| k.id.as_str() == key_result)?;
                    let path = child(
                        &item(&child(&item("objectives", o), "key_results"), k),
                        "id",
                    );
                    (path, Some(format!("{objective}/{key_result}")))
                }
            };
            let mut finding = Finding::new(rule, path, Anchor::Value, message);
            finding.subject = subject;
            Some(finding)
        })
        .collect();
    let text = SourceText::new(text);
    resolve(&file.display, &text, findings, config, okr.person.is_some())
}
