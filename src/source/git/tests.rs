use super::log::{parse_log, Walk};
use super::testing::{git_available, okr_file, TestRepo};
use super::*;
use crate::model::parse_date;

fn day(text: &str) -> NaiveDate {
    parse_date(text).unwrap()
}

fn q4() -> (NaiveDate, NaiveDate) {
    (day("2026-10-01"), day("2026-12-31"))
}

fn files(history: History) -> Vec<FileHistory> {
    match history {
        History::Files(files) => files,
        other => panic!("expected files, got {other:?}"),
    }
}

#[test]
fn a_folder_outside_git_is_not_a_repository() {
    if !git_available("a_folder_outside_git_is_not_a_repository") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (since, until) = q4();
    assert_eq!(history(dir.path(), since, until), History::NotARepository);
    let file = Path::new("web.yaml");
    assert_eq!(
        file_history(dir.path(), file, since, until),
        History::NotARepository
    );
}

#[test]
fn a_repository_without_commits_has_nothing_to_report() {
    if !git_available("a_repository_without_commits_has_nothing_to_report") {
        return;
    }
    let repo = TestRepo::new();
    let (since, until) = q4();
    assert_eq!(history(&repo.okrs(), since, until), History::Files(vec![]));
}

#[test]
fn versions_in_the_range_come_with_the_one_before_it() {
    if !git_available("versions_in_the_range_come_with_the_one_before_it") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.write("notes.md", "not an OKR file\n");
    repo.write(".draft.yaml", "hidden\n");
    repo.write("old.yaml", &okr_file("1", &[]));
    let created = repo.commit("2026-09-20");
    repo.write("web.yaml", &okr_file("400", &[("2026-10-05", "880")]));
    repo.commit("2026-09-28");
    repo.write("web.yaml", &okr_file("400", &[("2026-10-12", "850")]));
    repo.write("notes.md", "changed\n");
    repo.write(".draft.yaml", "changed\n");
    let first = repo.commit("2026-10-12");
    repo.write("web.yaml", &okr_file("500", &[("2026-10-12", "850")]));
    let second = repo.commit("2026-11-02");
    repo.write("web.yaml", &okr_file("600", &[("2026-10-12", "850")]));
    repo.commit("2027-01-05"); // after the range

    let (since, until) = q4();
    let files = files(history(&repo.okrs(), since, until));
    assert_eq!(files.len(), 1, "{files:?}");
    let web = &files[0];
    assert_eq!(web.current, PathBuf::from("web.yaml"));
    let dates: Vec<String> = web.versions.iter().map(|v| v.date.to_string()).collect();
    assert_eq!(dates, ["2026-09-28", "2026-10-12", "2026-11-02"]);
    assert_ne!(web.versions[0].commit, created);
    assert!(!web.versions[0].created);
    assert_eq!(web.versions[1].commit, first);
    assert_eq!(web.versions[2].commit, second);
    assert_eq!(web.versions[2].short, &second[..7]);
    assert_eq!(web.versions[2].path, PathBuf::from("okrs/web.yaml"));
    assert!(web.versions[2].text.contains("target: 500"));
    assert!(web.versions[0].text.contains("value: 880"));
}

#[test]
fn dates_are_committer_dates_in_the_commits_own_offset() {
    if !git_available("dates_are_committer_dates_in_the_commits_own_offset") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-01");
    repo.write("web.yaml", &okr_file("500", &[]));
    // 30 September in UTC, but 1 October where it was committed.
    repo.commit("2026-10-01T00:30:00+02:00");
    repo.write("web.yaml", &okr_file("600", &[]));
    // Written in the range, committed (rebased) after it: the commit date counts.
    let mut command = super::testing::git(repo.root());
    command
        .env("GIT_AUTHOR_DATE", "2026-12-20T12:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2027-01-02T12:00:00+00:00")
        .args(["commit", "-q", "-a", "-m", "late"]);
    super::testing::run(command);

    let (since, until) = q4();
    let files = files(history(&repo.okrs(), since, until));
    let dates: Vec<String> = files[0]
        .versions
        .iter()
        .map(|v| v.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-09-01", "2026-10-01"]);
}

#[test]
fn renamed_and_moved_files_are_followed_to_their_path_today() {
    if !git_available("renamed_and_moved_files_are_followed_to_their_path_today") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("2026-Q4/web.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.write(
        "2026-Q4/web.yaml",
        &okr_file("400", &[("2026-10-12", "850")]),
    );
    repo.commit("2026-10-12");
    repo.git(&["mv", "okrs/2026-Q4/web.yaml", "okrs/2026-Q4/frontend.yaml"]);
    repo.commit("2026-10-19");
    std::fs::create_dir_all(repo.okrs().join("2026-Q4/teams")).unwrap();
    repo.git(&[
        "mv",
        "okrs/2026-Q4/frontend.yaml",
        "okrs/2026-Q4/teams/frontend.yaml",
    ]);
    repo.write(
        "2026-Q4/teams/frontend.yaml",
        &okr_file("500", &[("2026-10-12", "850")]),
    );
    repo.commit("2026-11-02");
    // A rename after the range is followed too: files are named as they are now.
    repo.git(&["mv", "okrs/2026-Q4/teams", "okrs/2026-Q4/squads"]);
    repo.commit("2027-01-10");

    let (since, until) = q4();
    let files = files(history(&repo.okrs(), since, until));
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        files[0].current,
        PathBuf::from("2026-Q4/squads/frontend.yaml")
    );
    let seen: Vec<(String, String)> = files[0]
        .versions
        .iter()
        .map(|v| (v.date.to_string(), v.path.display().to_string()))
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-09-20".into(), "okrs/2026-Q4/web.yaml".into()),
            ("2026-10-12".into(), "okrs/2026-Q4/web.yaml".into()),
            ("2026-10-19".into(), "okrs/2026-Q4/frontend.yaml".into()),
            (
                "2026-11-02".into(),
                "okrs/2026-Q4/teams/frontend.yaml".into()
            ),
        ]
    );
    assert!(files[0].versions[0].created);
    assert!(!files[0].versions[2].created);

    let one = file_history(
        &repo.okrs(),
        Path::new("2026-Q4/squads/frontend.yaml"),
        since,
        until,
    );
    assert_eq!(one, History::Files(files));
}

#[test]
fn deleted_files_are_not_listed_and_a_new_file_at_their_path_starts_afresh() {
    if !git_available("deleted_files_are_not_listed") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.write("gone.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.write("web.yaml", &okr_file("500", &[]));
    repo.write("gone.yaml", &okr_file("500", &[]));
    repo.commit("2026-10-20");
    std::fs::remove_file(repo.okrs().join("gone.yaml")).unwrap();
    std::fs::remove_file(repo.okrs().join("web.yaml")).unwrap();
    repo.commit("2026-10-27");
    repo.write("web.yaml", &okr_file("700", &[]));
    repo.commit("2026-11-03");

    let (since, until) = q4();
    let files = files(history(&repo.okrs(), since, until));
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].versions.len(), 1);
    assert!(files[0].versions[0].created);
    assert!(files[0].versions[0].text.contains("target: 700"));
}

#[test]
fn file_history_gives_the_version_before_the_range_of_an_unchanged_file() {
    if !git_available("file_history_gives_the_version_before_the_range") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.write("api.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.write("api.yaml", &okr_file("500", &[]));
    repo.commit("2026-10-20");

    let (since, until) = q4();
    let files = files(file_history(
        &repo.okrs(),
        &repo.okrs().join("web.yaml"),
        since,
        until,
    ));
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].current, PathBuf::from("web.yaml"));
    assert_eq!(files[0].versions.len(), 1);
    assert!(files[0].versions[0].created);
    // The whole folder's history lists only api.yaml, changed in the range.
    let api = file_history(&repo.okrs(), Path::new("./api.yaml"), since, until);
    assert_eq!(history(&repo.okrs(), since, until), api);
}

#[test]
fn files_history_reads_only_the_files_asked_for() {
    if !git_available("files_history_reads_only_the_files_asked_for") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.write("api.yaml", &okr_file("400", &[]));
    repo.write("people/ann.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.write("web.yaml", &okr_file("500", &[]));
    repo.write("api.yaml", &okr_file("500", &[]));
    repo.write("people/ann.yaml", &okr_file("500", &[]));
    repo.commit("2026-10-20");
    repo.git(&["mv", "okrs/web.yaml", "okrs/frontend.yaml"]);
    repo.commit("2026-10-27");

    let (since, until) = q4();
    let asked = [
        repo.okrs().join("frontend.yaml"),
        PathBuf::from("people/ann.yaml"),
        PathBuf::from("untracked.yaml"),
    ];
    let files = files(files_history(&repo.okrs(), &asked, since, until));
    let names: Vec<String> = files
        .iter()
        .map(|f| f.current.display().to_string())
        .collect();
    assert_eq!(names, ["frontend.yaml", "people/ann.yaml"]);
    assert_eq!(files[0].versions.len(), 3);
    assert!(files[0].versions[0].text.contains("target: 400"));
    assert!(matches!(
        files_history(tempfile::tempdir().unwrap().path(), &asked, since, until),
        History::NotARepository
    ));
}

#[test]
fn a_branch_is_read_through_its_merge() {
    if !git_available("a_branch_is_read_through_its_merge") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.git(&["checkout", "-q", "-b", "ease"]);
    repo.write("web.yaml", &okr_file("500", &[]));
    repo.commit("2026-10-20");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("api.yaml", &okr_file("400", &[]));
    repo.commit("2026-10-21");
    let mut merge = super::testing::git(repo.root());
    merge
        .env("GIT_AUTHOR_DATE", "2026-10-22T12:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2026-10-22T12:00:00+00:00")
        .args(["merge", "-q", "--no-ff", "-m", "merge", "ease"]);
    super::testing::run(merge);

    let (since, until) = q4();
    let files = files(history(&repo.okrs(), since, until));
    let web = files.iter().find(|f| f.current == Path::new("web.yaml"));
    let dates: Vec<String> = web
        .unwrap()
        .versions
        .iter()
        .map(|v| v.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-09-20", "2026-10-22"]);
}

#[test]
fn a_shallow_clone_reports_nothing_and_says_how_to_fetch_history() {
    if !git_available("a_shallow_clone_reports_nothing") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.write("web.yaml", &okr_file("500", &[]));
    repo.commit("2026-10-20");
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.root().display());
    let mut command = super::testing::git(clone.path());
    command.args(["clone", "-q", "--depth", "1", &url, "shallow"]);
    super::testing::run(command);

    let okrs = clone.path().join("shallow/okrs");
    let (since, until) = q4();
    let History::Shallow { note } = history(&okrs, since, until) else {
        panic!("expected a shallow clone");
    };
    assert!(note.contains("shallow clone"), "{note}");
    assert!(note.contains("fetch-depth: 0"), "{note}");
    assert!(note.contains("git fetch --unshallow"), "{note}");
    assert!(matches!(
        file_history(&okrs, Path::new("web.yaml"), since, until),
        History::Shallow { .. }
    ));
}

#[test]
fn a_partial_clone_without_old_blobs_reports_nothing_rather_than_a_gap() {
    if !git_available("a_partial_clone_without_old_blobs_reports_nothing") {
        return;
    }
    let repo = TestRepo::new();
    repo.write("web.yaml", &okr_file("400", &[]));
    repo.commit("2026-09-20");
    repo.write("web.yaml", &okr_file("500", &[]));
    repo.commit("2026-10-20");
    repo.write("web.yaml", &okr_file("600", &[]));
    repo.commit("2026-11-20");
    repo.git(&["config", "uploadpack.allowFilter", "true"]);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.root().display());
    let mut command = super::testing::git(clone.path());
    command.args(["clone", "-q", "--filter=blob:none", &url, "partial"]);
    super::testing::run(command);

    let (since, until) = q4();
    match history(&clone.path().join("partial/okrs"), since, until) {
        History::Unavailable { note } => assert!(note.contains("partial clone"), "{note}"),
        // A git older than 2.44 fetches the missing blobs instead.
        History::Files(files) => assert_eq!(files[0].versions.len(), 3),
        other => panic!("{other:?}"),
    }
}

#[test]
fn git_log_output_is_parsed_with_odd_paths() {
    // NUL-separated paths may hold spaces, newlines and a leading colon.
    let out = b"\x01aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-10-20T12:00:00+05:00\0\n\
:100644 100644 1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 M\0o/:a b.yaml\0\
:100644 100644 3333333333333333333333333333333333333333 4444444444444444444444444444444444444444 R087\0o/x\ny.yaml\0o/z.yaml\0\
:120000 120000 5555555555555555555555555555555555555555 6666666666666666666666666666666666666666 M\0o/link.yaml\0";
    let prefix = PathBuf::from("o");
    let mut walk = Walk::new(&prefix, Wanted::All, day("2026-10-01"), day("2026-12-31"));
    let flow = parse_log(&out[..], &mut walk).unwrap();
    assert!(flow.is_continue());
    let mut seen: Vec<(PathBuf, String)> = walk
        .files
        .iter()
        .map(|(path, track)| (path.clone(), track.versions[0].blob.clone()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            (PathBuf::from("o/:a b.yaml"), "2".repeat(40)),
            (PathBuf::from("o/z.yaml"), "4".repeat(40)),
        ]
    );
    assert_eq!(
        walk.alias.get(Path::new("o/x\ny.yaml")),
        Some(&Some(PathBuf::from("o/z.yaml")))
    );
}
