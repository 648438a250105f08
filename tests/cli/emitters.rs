//! One shared diagnostics fixture, every output format of `okr check` pinned
//! in a snapshot (as ruff's emitter tests do): the files of
//! `tests/fixtures/errors/` (one broken rule each, cross-file rules among
//! them) and `tests/fixtures/ci/advice.yaml` (warnings), checked together.
//! A change to any message, position, rule id or format shows up here as a
//! diff. `SNAPSHOTS_BLESS=1 cargo test --test cli emitters` rewrites the
//! snapshots; read the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::*;

const FORMATS: &[(&str, &str)] = &[
    ("text", "txt"),
    ("json", "json"),
    ("github", "github"),
    ("gitlab", "gitlab.json"),
    ("sarif", "sarif.json"),
];

/// Every file of `tests/fixtures/errors/` (each team file under its own
/// name but two, so that the duplicate owner is one pair), and the
/// warnings' file.
fn fixture() -> Okrs {
    let mut okrs = Okrs::new();
    let dir = fixture_path("errors");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fixtures/errors")
        .map(|entry| entry.expect("entry").path())
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let stem = name.trim_end_matches(".yaml");
        let text = fs::read_to_string(&path).expect("a fixture");
        // Two files stay `devrel`'s: the one duplicate owner.
        let text = if ["ambiguous-owner", "unknown-key", "wrong-type-target"].contains(&stem) {
            text
        } else {
            text.replacen("\nteam: devrel\n", &format!("\nteam: {stem}\n"), 1)
        };
        okrs = okrs.raw(&name, text.as_bytes());
    }
    okrs.fixture("ci/advice.yaml", "advice.yaml")
}

fn snapshot(extension: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("check.{extension}"))
}

#[test]
fn every_format_of_the_shared_fixture_matches_its_snapshot() {
    let okrs = fixture();
    let bless = std::env::var_os("SNAPSHOTS_BLESS").is_some();
    let mut stale = Vec::new();
    for &(format, extension) in FORMATS {
        let output = okrs
            .okr(&["check", "--format", format])
            .env_remove("GITHUB_STEP_SUMMARY")
            .output()
            .expect("okr runs");
        assert_eq!(output.status.code(), Some(1), "--format {format}");
        assert!(
            output.stderr.is_empty(),
            "--format {format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let actual = String::from_utf8(output.stdout).expect("UTF-8");
        if format != "text" && format != "github" {
            serde_json::from_str::<serde_json::Value>(&actual).expect("JSON");
        }
        let path = snapshot(extension);
        let expected = fs::read_to_string(&path).unwrap_or_default();
        if actual != expected {
            if bless {
                fs::write(&path, &actual).expect("write the snapshot");
            } else {
                stale.push(format!(
                    "--format {format} differs from {}:\n{}",
                    path.display(),
                    first_difference(&expected, &actual)
                ));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\n(SNAPSHOTS_BLESS=1 rewrites the snapshots)",
        stale.join("\n")
    );
}

/// The first line that differs, for the failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut expected_lines = expected.lines();
    for (n, line) in actual.lines().enumerate() {
        match expected_lines.next() {
            Some(old) if old == line => {}
            old => return format!("line {}:\n- {}\n+ {line}", n + 1, old.unwrap_or("(end)")),
        }
    }
    match expected_lines.next() {
        Some(old) => format!("expected more: {old}"),
        None => "(same lines, different line endings)".to_string(),
    }
}
