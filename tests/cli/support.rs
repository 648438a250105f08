//! A small builder for temporary OKR directories, and helpers to run `okr` in them.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A temporary folder holding an `okrs/` directory; `okr` runs from the folder.
pub struct Okrs {
    dir: TempDir,
}

impl Okrs {
    pub fn new() -> Okrs {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("okrs")).expect("okrs dir");
        Okrs { dir }
    }

    /// Writes `okrs/<path>` with `content` (indentation of the first line removed
    /// from every line, so tests can indent their YAML).
    pub fn file(self, path: &str, content: &str) -> Okrs {
        self.raw(path, dedent(content).as_bytes())
    }

    /// Writes `okrs/<path>` with exactly these bytes.
    pub fn raw(self, path: &str, bytes: &[u8]) -> Okrs {
        let full = self.dir.path().join("okrs").join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).expect("parent dir");
        }
        fs::write(full, bytes).expect("write fixture");
        self
    }

    /// Copies a fixture from `tests/fixtures/<name>` to `okrs/<as_path>`.
    pub fn fixture(self, name: &str, as_path: &str) -> Okrs {
        let bytes = fs::read(fixture_path(name)).expect("fixture exists");
        self.raw(as_path, &bytes)
    }

    /// The folder `okr` runs in (it holds `okrs/`).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn okrs(&self) -> PathBuf {
        self.dir.path().join("okrs")
    }

    /// `okr ARGS` run in the folder, with no colour and no OKR_DIR from outside.
    pub fn okr(&self, args: &[&str]) -> Command {
        let mut cmd = okr();
        cmd.current_dir(self.dir.path()).args(args);
        cmd
    }
}

/// The `okr` binary, with a clean environment for colours and the OKR directory.
pub fn okr() -> Command {
    let mut cmd = Command::cargo_bin("okr").expect("okr binary");
    cmd.env_remove("OKR_DIR").env("NO_COLOR", "1");
    cmd
}

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The repository's shipped `okrs/` folder.
pub fn shipped_okrs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("okrs")
}

/// Removes the indentation of the first non-empty line from every line.
pub fn dedent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .map_or(0, |l| l.len() - l.trim_start().len());
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        out.push('\n');
    }
    out
}

/// A valid team file for `quarter`, with one key result, for neighbour tests.
pub fn valid_team(name: &str, quarter: &str) -> String {
    format!(
        "quarter: {quarter}\nteam: {name}\nobjectives:\n  - id: happy-users\n    title: Users are happy\n    key_results:\n      - id: nps\n        title: NPS rises from 10 to 40\n        baseline: 10\n        target: 40\n        current: 25\n"
    )
}

/// The entry of `list` (a JSON array field of `parent`) whose `key` is `value`.
fn find<'a>(parent: &'a Value, list: &str, key: &str, value: &str) -> &'a Value {
    parent[list]
        .as_array()
        .and_then(|items| items.iter().find(|item| item[key] == value))
        .unwrap_or_else(|| panic!("no {list} entry with {key} {value} in {parent}"))
}

/// The `owners[]` entry of a status or grade view for `name`.
pub fn owner<'a>(view: &'a Value, name: &str) -> &'a Value {
    find(view, "owners", "owner", name)
}

/// The objective `id` of an owner entry.
pub fn objective<'a>(owner: &'a Value, id: &str) -> &'a Value {
    find(owner, "objectives", "id", id)
}

/// The key result `id` of an objective entry.
pub fn kr<'a>(objective: &'a Value, id: &str) -> &'a Value {
    find(objective, "key_results", "id", id)
}

/// Asserts that a finished `okr` exited with `code`, showing what it printed
/// when not: every test that checks output checks the exit status too.
pub fn expect_code(output: &std::process::Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit status\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
