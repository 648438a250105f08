//! `okr init` and `okr new`: files that pass `okr check --strict`, never an
//! overwrite, names that cannot leave the OKR directory.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::support::*;

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn current_quarter() -> String {
    okr::model::Quarter::containing(chrono::Local::now().date_naive()).to_string()
}

/// `okr ARGS` in `dir`.
fn okr_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = okr();
    cmd.current_dir(dir).args(args);
    cmd
}

#[test]
fn init_then_new_pass_strict_checks_and_repeating_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let q = current_quarter();
    okr_in(dir.path(), &["init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "created okrs/okr.schema.json\ncreated okrs/README.md\ncreated okrs/okr.toml\ncreated okrs/{q}/example.yaml\n"
        )));
    okr_in(dir.path(), &["new", "team", "x"])
        .assert()
        .success()
        .stdout(format!("okrs/{q}/x.yaml\n"))
        .stderr("");
    okr_in(dir.path(), &["check", "--strict"])
        .assert()
        .success()
        .stdout("checked 2 files: no problems\n");
    let example = fs::read_to_string(dir.path().join(format!("okrs/{q}/example.yaml"))).unwrap();
    assert!(example.starts_with("# yaml-language-server: $schema=../okr.schema.json\n"));

    let before = snapshot(dir.path());
    okr_in(dir.path(), &["init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "exists, left as is: okrs/okr.schema.json\nexists, left as is: okrs/README.md\nexists, left as is: okrs/okr.toml\nexists, left as is: okrs/{q}/example.yaml\nnothing to do"
        )));
    okr_in(dir.path(), &["new", "team", "x"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "okr: error: okrs/{q}/x.yaml already exists, left as is; edit it instead\n"
        ));
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn init_writes_the_current_schema_and_a_readme() {
    let dir = tempfile::tempdir().unwrap();
    okr_in(dir.path(), &["init"]).assert().success();
    let schema = okr().arg("schema").output().unwrap().stdout;
    assert_eq!(
        fs::read(dir.path().join("okrs/okr.schema.json")).unwrap(),
        schema
    );
    let readme = fs::read_to_string(dir.path().join("okrs/README.md")).unwrap();
    assert!(readme.contains("yaml-language-server"));
}

#[test]
fn init_into_a_directory_with_okrs_adds_no_example_and_keeps_the_files() {
    let okrs = Okrs::new().file("2026-Q4/devrel.yaml", &valid_team("devrel", "2026-Q4"));
    let q = current_quarter();
    okrs.okr(&["init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "not written: okrs/{q}/example.yaml (okrs already holds OKR files)"
        )));
    assert!(okrs.okrs().join("okr.schema.json").is_file());
    assert!(!okrs.okrs().join(format!("{q}/example.yaml")).exists());
}

#[test]
fn init_notes_an_outdated_schema_and_leaves_it() {
    let okrs = Okrs::new().raw("okr.schema.json", b"{}\n");
    okrs.okr(&["init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "exists, left as is: okrs/okr.schema.json\n  it differs from this version's schema; refresh it with `okr schema > okrs/okr.schema.json`",
        ));
    assert_eq!(
        fs::read(okrs.okrs().join("okr.schema.json")).unwrap(),
        b"{}\n"
    );
}

#[test]
fn init_takes_a_folder_and_says_how_to_find_it() {
    let dir = tempfile::tempdir().unwrap();
    okr_in(dir.path(), &["init", "goals"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created goals/okr.schema.json"))
        .stdout(predicate::str::contains(
            "use `--dir goals` or set OKR_DIR=goals",
        ));
    okr_in(dir.path(), &["--dir", "goals", "check", "--strict"])
        .assert()
        .success();
}

#[test]
fn new_refuses_names_that_are_not_slugs_and_writes_nothing() {
    let okrs = Okrs::new();
    let before = snapshot(okrs.root());
    for name in ["../../x", "../x", "/tmp/x", ".hidden", "Alice", "a/b", ""] {
        okrs.okr(&["new", "person", name])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("is not a valid name"));
    }
    assert_eq!(snapshot(okrs.root()), before);
    assert!(okrs.okrs().read_dir().unwrap().next().is_none());
}

#[test]
fn new_writes_each_kind_where_the_layout_says_with_the_right_schema_path() {
    let okrs = Okrs::new();
    okrs.okr(&["init"]).assert().success();
    for (kind, name, path, schema) in [
        ("company", "acme", "2027-Q1/acme.yaml", "../okr.schema.json"),
        (
            "team",
            "devrel",
            "2027-Q1/devrel.yaml",
            "../okr.schema.json",
        ),
        (
            "person",
            "alice",
            "2027-Q1/people/alice.yaml",
            "../../okr.schema.json",
        ),
    ] {
        okrs.okr(&["new", kind, name, "--quarter", "2027-Q1"])
            .assert()
            .success()
            .stdout(format!("okrs/{path}\n"));
        let text = fs::read_to_string(okrs.okrs().join(path)).unwrap();
        assert!(
            text.starts_with(&format!("# yaml-language-server: $schema={schema}\n")),
            "{text}"
        );
        assert!(
            text.contains(&format!("\n{kind}: {name} "))
                || text.contains(&format!("\n{kind}: {name}\n"))
        );
        assert!(text.contains("quarter: 2027-Q1"));
        assert!(text.contains("date: 2027-01-01"));
        assert!(text.contains("# grade:") && text.contains("# reflection:"));
    }
    okrs.okr(&["check", "--strict"]).assert().success();
}

#[test]
fn new_refuses_an_owner_that_already_has_a_file_for_the_quarter() {
    let okrs = Okrs::new().file(
        "2026-Q4/dev-relations.yaml",
        &valid_team("devrel", "2026-Q4"),
    );
    okrs.okr(&["new", "person", "devrel", "--quarter", "2026-Q4"])
        .assert()
        .code(2)
        .stderr(
            "okr: error: `devrel` already has OKRs for 2026-Q4 in okrs/2026-Q4/dev-relations.yaml; keep one file per owner and quarter\n",
        );
    assert!(!okrs.okrs().join("2026-Q4/people").exists());
    // Another quarter is fine.
    okrs.okr(&["new", "team", "devrel", "--quarter", "2027-Q1"])
        .assert()
        .success();
}

#[test]
fn new_rejects_a_bad_quarter() {
    let okrs = Okrs::new();
    okrs.okr(&["new", "team", "x", "--quarter", "2026-Q5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--quarter: `2026-Q5` is not a quarter",
        ));
    assert!(okrs.okrs().read_dir().unwrap().next().is_none());
}

#[test]
fn new_without_an_okr_directory_suggests_init() {
    let dir = tempfile::tempdir().unwrap();
    okr_in(dir.path(), &["new", "team", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("okr init"));
}

#[test]
fn new_notes_a_missing_schema() {
    let okrs = Okrs::new();
    okrs.okr(&["new", "team", "x", "--quarter", "2026-Q4"])
        .assert()
        .success()
        .stdout("okrs/2026-Q4/x.yaml\n")
        .stderr(predicate::str::contains(
            "okrs/okr.schema.json does not exist, so editors cannot check the new file; create it with `okr schema > okrs/okr.schema.json`",
        ));
}

#[test]
fn new_follows_dir() {
    let okrs = Okrs::new();
    let elsewhere = okrs.root().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    okrs.okr(&[
        "--dir",
        "elsewhere",
        "new",
        "team",
        "x",
        "--quarter",
        "2026-Q4",
    ])
    .assert()
    .success()
    .stdout("elsewhere/2026-Q4/x.yaml\n");
}

#[test]
fn init_uses_dir_or_okr_dir_when_no_folder_is_given() {
    let dir = tempfile::tempdir().unwrap();
    okr_in(dir.path(), &["--dir", "plans", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created plans/README.md"));
    okr_in(dir.path(), &["init"])
        .env("OKR_DIR", "goals")
        .assert()
        .success()
        .stdout(predicate::str::contains("created goals/README.md"));
    assert!(!dir.path().join("okrs").exists());
}

#[test]
fn init_over_a_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("okrs"), "not a folder").unwrap();
    okr_in(dir.path(), &["init"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "okr: error: cannot create the OKR directory okrs:",
        ));
}

#[test]
fn writing_leaves_no_temporary_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    okr_in(dir.path(), &["init"]).assert().success();
    for (kind, name) in [("company", "c1"), ("team", "t1"), ("person", "p1")] {
        okr_in(dir.path(), &["new", kind, name, "--quarter", "2026-Q1"])
            .assert()
            .success();
    }
    let hidden: Vec<PathBuf> = snapshot(dir.path())
        .into_keys()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}
