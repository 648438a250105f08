//! The pre-commit hook of `.pre-commit-hooks.yaml`, run for real:
//! `pre-commit try-repo <this repository> okr-check --all-files` in a
//! throwaway git repository holding an `okrs/` folder.
//!
//! `language: rust` makes pre-commit `cargo install` this repository (at its
//! HEAD, plus uncommitted changes) into its own store. That is the slow part,
//! so everything happens in one test, the store and the build folder are kept
//! under Cargo's target folder between runs, and the build is unoptimised (the
//! hook's wiring is under test, not okr's speed). Without `pre-commit` the test
//! is skipped with a note, except where `CI` is set: there it fails, so that CI
//! cannot pass without running it (`.ci/run` installs pre-commit).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::valid_team;

/// How to run pre-commit here: `pre-commit`, else `python3 -m pre_commit`.
fn pre_commit() -> Option<Vec<String>> {
    let candidates: [&[&str]; 2] = [&["pre-commit"], &["python3", "-m", "pre_commit"]];
    candidates.into_iter().find_map(|argv| {
        let ok = Command::new(argv[0])
            .args(&argv[1..])
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| argv.iter().map(|s| s.to_string()).collect())
    })
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=okr", "-c", "user.email=okr@example.com"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// A git repository with `okrs/devrel.yaml` holding `content`, staged.
fn repository(content: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    git(dir.path(), &["init", "-q"]);
    std::fs::create_dir(dir.path().join("okrs")).unwrap();
    std::fs::write(dir.path().join("okrs/devrel.yaml"), content).unwrap();
    git(dir.path(), &["add", "okrs"]);
    git(dir.path(), &["commit", "-q", "-m", "OKRs"]);
    dir
}

fn try_repo(pre_commit: &[String], repo: &Path, cache: &Path) -> Output {
    // The build runs while the other tests do, some of them against a time
    // limit: at the lowest priority and on one core, it leaves them the CPU.
    let nice = Command::new("nice")
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    let mut command = if nice {
        let mut command = Command::new("nice");
        command.args(["-n", "19"]).args(pre_commit);
        command
    } else {
        let mut command = Command::new(&pre_commit[0]);
        command.args(&pre_commit[1..]);
        command
    };
    command
        .env("CARGO_BUILD_JOBS", "1")
        .args([
            "try-repo",
            env!("CARGO_MANIFEST_DIR"),
            "okr-check",
            "--all-files",
        ])
        .current_dir(repo)
        .env("PRE_COMMIT_HOME", cache.join("home"))
        // `cargo install` builds in its own folder unless told otherwise:
        // keep it, so a second run rebuilds only okr itself.
        .env("CARGO_TARGET_DIR", cache.join("target"))
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .env("NO_COLOR", "1")
        .env_remove("OKR_DIR")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("pre-commit runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_okr_check_hook_passes_a_valid_directory_and_fails_an_invalid_one() {
    // pre-commit installs the hook with `cargo install`, and rustc hangs
    // under libfaketime (the suite is also run under a faked clock, to
    // prove no test depends on today's date; this one compiles, so it
    // cannot take part).
    let faked = std::env::var("LD_PRELOAD").is_ok_and(|p| p.contains("faketime"))
        || std::env::var_os("FAKETIME").is_some();
    if faked {
        eprintln!("note: skipping the pre-commit hook test under a faked clock (libfaketime)");
        return;
    }
    let Some(pre_commit) = pre_commit() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but pre-commit is not installed: `python3 -m pip install pre-commit`"
        );
        eprintln!(
            "note: skipping the pre-commit hook test: pre-commit is not installed \
             (`python3 -m pip install pre-commit`)"
        );
        return;
    };
    let cache: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit");

    let valid = repository(&valid_team("devrel", "2026-Q4"));
    let output = try_repo(&pre_commit, valid.path(), &cache);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("okr check"), "{}", text(&output));
    assert!(text(&output).contains("Passed"), "{}", text(&output));

    let invalid = repository(&valid_team("devrel", "2026-Q4").replace("target:", "tagret:"));
    let output = try_repo(&pre_commit, invalid.path(), &cache);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let out = text(&output);
    assert!(out.contains("Failed"), "{out}");
    assert!(
        out.contains("okrs/devrel.yaml:") && out.contains("[unknown_key]"),
        "{out}"
    );
}
