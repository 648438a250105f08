//! The `sarif` format: one SARIF 2.1.0 log (the OASIS standard GitHub code
//! scanning and most code-review tools import), with every rule described
//! once under `tool.driver.rules` and one result per diagnostic.
//!
//! Plain serde structs for the dozen fields used: `serde-sarif` types the
//! whole standard, at the cost of a builder crate and a few hundred types we
//! would not use. The output is validated against the SARIF schema by the
//! tests (`tests/cli/ci_formats.rs`).

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Rule, Severity};
use crate::render::json;
use crate::view::check::CheckReport;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// okr counts columns in characters, not SARIF's default UTF-16 units.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    short_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    /// The line-free identity of `gitlab`'s fingerprints, so that a viewer
    /// can follow a result across commits that move lines.
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "okr/v1")]
    okr: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// Lines and columns from 1; the end column is exclusive, as okr's spans are.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// Writes the log.
pub fn log(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let fingerprints = super::fingerprints(&report.diagnostics);
    let results = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| SarifResult {
            rule_id: d.rule.id(),
            rule_index: rule_index(d.rule),
            level: level(d.severity),
            message: Text {
                text: d.message.clone(),
            },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(&d.file) },
                    region: Region {
                        start_line: d.span.start.line,
                        start_column: d.span.start.column,
                        end_line: d.span.end.line,
                        end_column: d.span.end.column,
                    },
                },
            }],
            partial_fingerprints: Fingerprints { okr: fingerprint },
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: driver() },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    json(&log, out)
}

fn driver() -> Driver {
    Driver {
        name: "okr",
        version: env!("CARGO_PKG_VERSION"),
        information_uri: information_uri(),
        rules: Rule::ALL.iter().map(|&rule| descriptor(rule)).collect(),
    }
}

/// Where okr lives, from Cargo.toml's `repository` or `homepage`; left out
/// while neither is set (SARIF wants an absolute URI, not an empty one).
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

fn descriptor(rule: Rule) -> RuleDescriptor {
    RuleDescriptor {
        id: rule.id(),
        short_description: Text {
            text: rule.summary().to_string(),
        },
        help: Text { text: help(rule) },
        default_configuration: Configuration {
            level: level(rule.default_severity()),
        },
    }
}

/// What to do about a result of `rule`: the message says how to fix it; a
/// warning can also be acknowledged.
fn help(rule: Rule) -> String {
    let mut text = format!(
        "{}. The message says what is wrong where, and how to fix it.",
        capitalised(rule.summary())
    );
    if rule.is_warning() {
        text.push_str(&format!(
            " Where it is deliberate, acknowledge it with `# okr: allow {id}` on the line of the objective's or key result's `id`, or set `{id} = \"allow\"` under `[rules]` in okr.toml.",
            id = rule.id()
        ));
    } else {
        text.push_str(" Errors cannot be silenced.");
    }
    if rule.is_grading_time() {
        text.push_str(" Reported by `okr grade` at the end of a quarter, not by `okr check`.");
    }
    text
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn rule_index(rule: Rule) -> usize {
    Rule::ALL
        .iter()
        .position(|&r| r == rule)
        .unwrap_or_default()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A diagnostic's path as a URI reference: relative paths stay relative (to
/// the directory okr ran in, the repository root in CI), absolute ones become
/// `file:` URIs; anything but unreserved characters and `/` is
/// percent-encoded (`:` too in a relative path, where it would read as a
/// scheme).
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let absolute = Path::new(path).is_absolute() || slashed.starts_with('/');
    let mut out = String::new();
    if absolute {
        out.push_str(if slashed.starts_with('/') {
            "file://"
        } else {
            "file:///"
        });
    }
    for byte in slashed.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (absolute && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("okrs/2026-Q4/devrel.yaml"), "okrs/2026-Q4/devrel.yaml");
        assert_eq!(uri("okrs/my team.yaml"), "okrs/my%20team.yaml");
        assert_eq!(uri("a:b.yaml"), "a%3Ab.yaml");
        assert_eq!(uri("okrs\\x.yaml"), "okrs/x.yaml");
        assert_eq!(uri("/tmp/é.yaml"), "file:///tmp/%C3%A9.yaml");
    }

    #[test]
    fn every_rule_is_described_once_in_registry_order() {
        let driver = driver();
        assert_eq!(driver.rules.len(), Rule::ALL.len());
        for (index, rule) in Rule::ALL.iter().enumerate() {
            assert_eq!(driver.rules[index].id, rule.id());
            assert_eq!(rule_index(*rule), index);
        }
        assert!(help(Rule::ActivityWording).contains("# okr: allow activity_wording"));
        assert!(help(Rule::UnknownKey).starts_with("A key the format does not know"));
    }
}
