//! Real repositories for the tests of this module and of `goalposts`.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// Whether `git` runs here; when it does not, says the test is skipped.
#[allow(clippy::print_stderr)] // the skip must be visible in the test output
pub fn git_available(test: &str) -> bool {
    let found = Command::new("git").arg("--version").output().is_ok();
    if !found {
        // CI machines have git: there a missing one is a broken setup, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: no `git` executable, and CI is set"
        );
        eprintln!("skipped {test}: no `git` executable on this machine");
    }
    found
}

/// A `git` command isolated from the user's and the system's configuration.
pub fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ]);
    command
}

pub fn run(mut command: Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A repository with an `okrs` folder.
pub struct TestRepo {
    pub dir: TempDir,
}

impl TestRepo {
    pub fn new() -> TestRepo {
        let dir = tempfile::tempdir().unwrap();
        let mut init = git(dir.path());
        init.args(["init", "-q"]);
        run(init);
        std::fs::create_dir(dir.path().join("okrs")).unwrap();
        TestRepo { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn okrs(&self) -> PathBuf {
        self.dir.path().join("okrs")
    }

    /// Writes `okrs/<path>`.
    pub fn write(&self, path: &str, text: &str) {
        let path = self.okrs().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn git(&self, args: &[&str]) -> String {
        let mut command = git(self.root());
        command.args(args);
        run(command)
    }

    /// Commits everything with author and committer date `date`
    /// (`2026-10-20` means noon UTC; a full ISO date is kept as is);
    /// returns the full commit id.
    pub fn commit(&self, date: &str) -> String {
        let date = if date.len() == 10 {
            format!("{date}T12:00:00+00:00")
        } else {
            date.to_string()
        };
        self.git(&["add", "-A"]);
        let mut command = git(self.root());
        command
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .args(["commit", "-q", "--allow-empty", "-m", &format!("at {date}")]);
        run(command);
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }
}

/// A one-key-result team file: `target` and check-ins `(date, value)`.
pub fn okr_file(target: &str, checkins: &[(&str, &str)]) -> String {
    let mut text = String::from(
        "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: speed\n    title: Pages feel instant\n    key_results:\n      - id: p95\n        title: p95 latency falls to 400 ms\n        baseline: 900\n",
    );
    text.push_str(&format!("        target: {target}\n        unit: ms\n"));
    if !checkins.is_empty() {
        text.push_str("        checkins:\n");
        for (date, value) in checkins {
            text.push_str(&format!(
                "          - date: {date}\n            value: {value}\n"
            ));
        }
    }
    text
}
