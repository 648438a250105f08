//! Goal posts (`README.md#goal-posts-targets-moved-mid-quarter`) and `okr history`, on real git
//! repositories built in temporary folders with commits at chosen dates.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::support::*;

/// Whether `git` runs here; without it the test is skipped, except under CI.
fn git_available(test: &str) -> bool {
    let found = Process::new("git").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: no `git` executable, and CI is set"
        );
        eprintln!("skipped {test}: no `git` executable on this machine");
    }
    found
}

/// A git repository holding `okrs/`, isolated from the user's git configuration.
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::create_dir(repo.okrs()).expect("okrs");
        repo.git(&["init", "-q"]);
        repo
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn okrs(&self) -> PathBuf {
        self.root().join("okrs")
    }

    fn command(dir: &Path) -> Process {
        let mut command = Process::new("git");
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

    fn run(mut command: Process) -> String {
        let output = command.output().expect("git runs");
        assert!(
            output.status.success(),
            "{command:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }

    fn git(&self, args: &[&str]) -> String {
        let mut command = Repo::command(self.root());
        command.args(args);
        Repo::run(command)
    }

    /// Writes `okrs/<path>` (dedented).
    fn write(&self, path: &str, text: &str) {
        let path = self.okrs().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, dedent(text)).expect("write");
    }

    /// Commits everything at noon UTC on `date`; returns the short id.
    fn commit(&self, date: &str) -> String {
        self.git(&["add", "-A"]);
        let when = format!("{date}T12:00:00+00:00");
        let mut command = Repo::command(self.root());
        command
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .args(["commit", "-q", "--allow-empty", "-m", date]);
        Repo::run(command);
        self.git(&["rev-parse", "--short=7", "HEAD"])
            .trim()
            .to_string()
    }

    /// `okr ARGS` run at the repository's top.
    fn okr(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = okr();
        cmd.current_dir(self.root())
            .env("COLUMNS", "100")
            .args(args);
        cmd
    }
}

/// A 2026-Q4 web team file: `p95` falls from 900 to `p95_target`, `conv`
/// rises from 2 to `conv_target`; `extra` is added under `conv`.
fn web(p95_target: &str, conv_target: &str, extra: &str) -> String {
    format!(
        "
        quarter: 2026-Q4
        team: web
        objectives:
          - id: speed
            title: Pages feel instant
            key_results:
              - id: p95
                title: p95 latency falls from 900 to 400 ms
                baseline: 900
                target: {p95_target}
                checkins:
                  - date: 2026-10-06
                    value: 880
              - id: conv
                title: Conversion rises from 2% to 3%
                baseline: 2
                target: {conv_target}
                current: 2.5
        {extra}"
    )
}

const AS_OF: &str = "2026-11-21";

fn grade_json(repo: &Repo) -> Value {
    let output = repo
        .okr(&["grade", "--as-of", AS_OF, "--format", "json"])
        .output()
        .expect("okr runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// A repository where, after the planning weeks, p95's target is eased
/// (400 → 600) and conv's raised (3 → 4); before, a planning edit (p95 500 →
/// 400) and afterwards a pure reformat. Returns the two commits.
fn moved_goal_posts(repo: &Repo) -> (String, String) {
    repo.write("web.yaml", &web("500", "3", ""));
    repo.commit("2026-09-25");
    repo.write("web.yaml", &web("400", "3", "")); // planning: not reported
    repo.commit("2026-10-08");
    repo.write("web.yaml", &web("600", "3", ""));
    let eased = repo.commit("2026-11-03");
    repo.write("web.yaml", &web("600", "4", ""));
    let raised = repo.commit("2026-11-10");
    // Reordered keys, flow style, a comment, a number re-spelt: no change.
    repo.write(
        "web.yaml",
        "
        # The web team's OKRs
        team: web
        quarter: 2026-Q4
        objectives:
        - id: speed
          title: Pages feel instant
          key_results:
          - {id: conv, title: Conversion rises from 2% to 3%, target: 4.0, baseline: 2, current: 2.5}
          - id: p95
            title: p95 latency falls from 900 to 400 ms
            target: 6e2
            baseline: 900
            checkins: [{date: 2026-10-06, value: 880}]
        ",
    );
    repo.commit("2026-11-17");
    (eased, raised)
}

#[test]
fn eased_and_raised_targets_after_the_planning_weeks_are_shown_in_every_format() {
    if !git_available("eased_and_raised_targets_after_the_planning_weeks") {
        return;
    }
    let repo = Repo::new();
    let (eased, raised) = moved_goal_posts(&repo);

    let json = grade_json(&repo);
    let speed = objective(owner(&json, "web"), "speed");
    let p95 = kr(speed, "p95");
    assert_eq!(
        p95["changes"],
        serde_json::json!([{ "field": "target", "from": 400, "to": 600, "date": "2026-11-03",
                             "commit": eased, "direction": "eased" }])
    );
    assert_eq!(p95["flags"], serde_json::json!(["target_moved"]));
    let conv = kr(speed, "conv");
    assert_eq!(conv["changes"][0]["direction"], "raised");
    assert_eq!(conv["changes"][0]["commit"], raised.as_str());
    assert_eq!(conv["changes"].as_array().map(Vec::len), Some(1), "{conv}");
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert_eq!(rules, ["goal_post_moved", "goal_post_moved"]);
    let message = json["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("target raised from 3 to 4 on 2026-11-10")
            || message.contains("target eased from 400 to 600 on 2026-11-03"),
        "{message}"
    );

    let table = repo
        .okr(&["grade", "--as-of", AS_OF])
        .output()
        .expect("okr runs");
    assert_eq!(table.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&table.stderr), "");
    let table = String::from_utf8(table.stdout).expect("utf-8");
    assert!(
        table.contains(&format!(
            "\n  target eased 400 → 600 on 2026-11-03 ({eased})"
        )),
        "{table}"
    );
    assert!(
        table.contains(&format!("\n  target raised 3 → 4 on 2026-11-10 ({raised})")),
        "{table}"
    );
    // The warning, wrapped for the terminal: compared word by word.
    let words = table.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(&format!(
            "warning: objective `speed`, key result `p95`: target eased from 400 to 600 on 2026-11-03 ({eased}) after the planning weeks; changing course is allowed: say why in `reflection:`"
        )),
        "{table}"
    );
    // Neither the planning edit (500 → 400) nor the reformat is a change.
    assert!(!table.contains("500"), "{table}");
    assert_eq!(table.matches(" → ").count(), 2, "{table}");

    repo.okr(&["grade", "--as-of", AS_OF, "--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "↳ p95: p95 latency falls from 900 to 400 ms<br>target eased 400 → 600 on 2026-11-03 ({eased})"
        )));

    let csv = repo
        .okr(&["grade", "--as-of", AS_OF, "--format", "csv"])
        .output()
        .expect("okr runs");
    let csv = String::from_utf8(csv.stdout).expect("utf-8");
    let mut lines = csv.lines();
    assert!(lines.next().is_some_and(|h| h.ends_with(",flags,changes")));
    let p95_row = lines.find(|l| l.contains(",p95,")).expect("p95 row");
    assert!(
        p95_row.ends_with(&format!(
            ",target_moved,target eased 400 → 600 on 2026-11-03 ({eased})"
        )),
        "{p95_row}"
    );
}

#[test]
fn changes_are_counted_up_to_the_as_of_date_and_only_after_the_planning_weeks() {
    if !git_available("changes_are_counted_up_to_the_as_of_date") {
        return;
    }
    let repo = Repo::new();
    moved_goal_posts(&repo);
    // As of 2026-11-05 the raise of 2026-11-10 has not happened yet.
    let output = repo
        .okr(&["grade", "--as-of", "2026-11-05", "--format", "json"])
        .output()
        .expect("okr runs");
    expect_code(&output, 0);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let speed = objective(owner(&json, "web"), "speed");
    assert_eq!(
        kr(speed, "p95")["changes"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(kr(speed, "conv")["changes"], serde_json::json!([]));
    // Within the planning weeks, nothing is a moved goal post.
    let output = repo
        .okr(&["grade", "--as-of", "2026-10-14", "--format", "json"])
        .output()
        .expect("okr runs");
    expect_code(&output, 0);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let speed = objective(owner(&json, "web"), "speed");
    assert_eq!(kr(speed, "p95")["changes"], serde_json::json!([]));
}

#[test]
fn a_reflection_keeps_the_change_shown_and_settles_the_warning() {
    if !git_available("a_reflection_keeps_the_change_shown") {
        return;
    }
    let repo = Repo::new();
    repo.write("web.yaml", &web("400", "3", ""));
    repo.commit("2026-09-25");
    let reflected = web("600", "3", "").replace(
        "                  - date: 2026-10-06\n                    value: 880\n",
        "                  - date: 2026-10-06\n                    value: 880\n                reflection: The CDN contract fell through in October\n",
    );
    repo.write("web.yaml", &reflected);
    repo.commit("2026-11-03");

    let json = grade_json(&repo);
    let p95 = kr(objective(owner(&json, "web"), "speed"), "p95");
    assert_eq!(p95["changes"][0]["to"], 600);
    assert_eq!(p95["flags"], serde_json::json!([]));
    repo.okr(&["grade", "--as-of", AS_OF])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  target eased 400 → 600 on 2026-11-03",
        ))
        .stdout(predicate::str::contains("warning").not());
}

#[test]
fn a_baseline_moved_and_a_renamed_file_are_followed() {
    if !git_available("a_baseline_moved_and_a_renamed_file_are_followed") {
        return;
    }
    let repo = Repo::new();
    repo.write("2026-Q4/web.yaml", &web("400", "3", ""));
    repo.commit("2026-09-25");
    repo.git(&["mv", "okrs/2026-Q4/web.yaml", "okrs/2026-Q4/frontend.yaml"]);
    repo.commit("2026-10-20");
    repo.write(
        "2026-Q4/frontend.yaml",
        &web("400", "3", "").replace("baseline: 900", "baseline: 700"),
    );
    let moved = repo.commit("2026-10-27");

    let json = grade_json(&repo);
    let p95 = kr(objective(owner(&json, "web"), "speed"), "p95");
    assert_eq!(
        p95["changes"],
        serde_json::json!([{ "field": "baseline", "from": 900, "to": 700, "date": "2026-10-27",
                             "commit": moved, "direction": "eased" }])
    );
    assert_eq!(p95["flags"], serde_json::json!(["baseline_moved"]));
}

#[test]
fn a_shallow_clone_says_how_to_fetch_history_and_reports_nothing() {
    if !git_available("a_shallow_clone_says_how_to_fetch_history") {
        return;
    }
    let repo = Repo::new();
    moved_goal_posts(&repo);
    // An invalid file too: the exit status stays what the files make it.
    repo.write(
        "broken.yaml",
        &web("sixty", "3", "").replace("team: web", "team: broken"),
    );
    repo.commit("2026-11-18");
    let clones = tempfile::tempdir().expect("temp dir");
    let url = format!("file://{}", repo.root().display());
    let mut clone = Repo::command(clones.path());
    clone.args(["clone", "-q", "--depth", "1", &url, "shallow"]);
    Repo::run(clone);
    let shallow = clones.path().join("shallow");

    let output = okr()
        .current_dir(&shallow)
        .args(["grade", "--as-of", AS_OF, "--format", "json"])
        .output()
        .expect("okr runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("note: git history is unavailable: this is a shallow clone"),
        "{stderr}"
    );
    assert!(stderr.contains("fetch-depth: 0"), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let speed = objective(owner(&json, "web"), "speed");
    assert_eq!(kr(speed, "p95")["changes"], serde_json::json!([]));
    assert_eq!(kr(speed, "p95")["flags"], serde_json::json!([]));

    okr()
        .current_dir(&shallow)
        .args(["history", "web/speed/p95", "--quarter", "2026-Q4"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fetch-depth: 0"))
        .stdout(predicate::str::contains("no history"));
}

#[test]
fn a_folder_outside_git_has_nothing_to_report_and_says_nothing() {
    let okrs = Okrs::new().file("web.yaml", &web("600", "4", ""));
    let output = okrs
        .okr(&["grade", "--as-of", AS_OF, "--format", "json"])
        .output()
        .expect("okr runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let p95 = kr(objective(owner(&json, "web"), "speed"), "p95");
    assert_eq!(p95["changes"], serde_json::json!([]));

    okrs.okr(&[
        "history",
        "web/speed/p95",
        "--quarter",
        "2026-Q4",
        "--format",
        "json",
    ])
    .assert()
    .success()
    .stderr("")
    .stdout(predicate::str::contains("\"source\": \"not_a_repository\""))
    .stdout(predicate::str::contains("\"events\": []"));
}

#[test]
fn history_tells_a_key_results_timeline_oldest_first() {
    if !git_available("history_tells_a_key_results_timeline") {
        return;
    }
    let repo = Repo::new();
    repo.write("web.yaml", &web("400", "3", ""));
    let created = repo.commit("2026-09-25");
    let checked = web("400", "3", "").replace(
        "                    value: 880\n",
        "                    value: 870\n                  - date: 2026-10-20\n                    value: 850\n",
    );
    repo.write("web.yaml", &checked);
    let checkin = repo.commit("2026-10-20");
    repo.write("web.yaml", &checked.replace("target: 400", "target: 600"));
    let eased = repo.commit("2026-11-03");

    repo.okr(&["history", "web/speed/p95", "--quarter", "2026-Q4"])
        .assert()
        .success()
        .stdout(format!(
            "web/speed/p95 in 2026-Q4 · okrs/web.yaml\n\
             2026-09-25  {created}  created\n\
             2026-09-25  {created}  check-in 2026-10-06 added: 880\n\
             2026-10-20  {checkin}  check-in 2026-10-06 value changed: 880 → 870\n\
             2026-10-20  {checkin}  check-in 2026-10-20 added: 850\n\
             2026-11-03  {eased}  target changed: 400 → 600\n"
        ));

    let output = repo
        .okr(&[
            "history",
            "web/speed/p95",
            "--quarter",
            "2026-Q4",
            "--format",
            "json",
        ])
        .output()
        .expect("okr runs");
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["key_result"], "web/speed/p95");
    assert_eq!(json["source"], "git");
    let kinds: Vec<&str> = json["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "created",
            "checkin_added",
            "checkin_changed",
            "checkin_added",
            "changed"
        ]
    );
    assert_eq!(json["events"][4]["field"], "target");
    assert_eq!(json["events"][4]["commit"], eased.as_str());
    // Values and targets are JSON numbers, as everywhere (`docs/format.md#json-output`).
    assert_eq!(json["events"][1]["to"], serde_json::json!(880));
    assert_eq!(json["events"][2]["from"], serde_json::json!(880));
    assert_eq!(json["events"][4]["from"], serde_json::json!(400));
    assert_eq!(json["events"][4]["to"], serde_json::json!(600));
    crate::views::assert_no_stringly_numbers(&json, "okr history");
}

#[test]
fn history_of_an_unknown_key_result_suggests_the_closest() {
    let okrs = Okrs::new().file("web.yaml", &web("400", "3", ""));
    okrs.okr(&["history", "web/speed/p59", "--quarter", "2026-Q4"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "no key result `web/speed/p59` in 2026-Q4; did you mean `web/speed/p95`?",
        ));
    okrs.okr(&["history", "web/p95", "--quarter", "2026-Q4"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("OWNER/OBJECTIVE/KEY_RESULT"));
}

/// `okr status --since`: the goal posts moved after the since-day up to the
/// as-of day, from the same history as `grade`, in JSON and talking points.
#[test]
fn status_since_reports_the_targets_moved_since() {
    if !git_available("status_since_reports_the_targets_moved_since") {
        return;
    }
    let repo = Repo::new();
    let (eased, raised) = moved_goal_posts(&repo);
    let status = |since: &str| -> Value {
        let output = repo
            .okr(&[
                "status", "--as-of", AS_OF, "--since", since, "--format", "json",
            ])
            .output()
            .expect("okr runs");
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(output.stderr.is_empty(), "{output:?}");
        serde_json::from_slice(&output.stdout).expect("JSON")
    };
    let view = status("2026-11-01");
    let speed = objective(owner(&view, "web"), "speed");
    assert_eq!(
        kr(speed, "p95")["since"]["changes"],
        serde_json::json!([{ "field": "target", "from": 400, "to": 600, "date": "2026-11-03",
                             "commit": eased, "direction": "eased" }])
    );
    let points: Vec<(String, String)> = view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "target_moved")
        .map(|p| {
            (
                p["key_result"].as_str().unwrap().to_string(),
                p["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // In the file's order (the last version lists conv first).
    assert_eq!(
        points,
        [
            (
                "web/speed/conv".to_string(),
                format!("target 3 → 4 on 2026-11-10 ({raised}), raised")
            ),
            (
                "web/speed/p95".to_string(),
                format!("target 400 → 600 on 2026-11-03 ({eased}), eased")
            ),
        ]
    );
    // Since the day of the first change: only the later one is new.
    let view = status("2026-11-03");
    let speed = objective(owner(&view, "web"), "speed");
    assert_eq!(kr(speed, "p95")["since"]["changes"], serde_json::json!([]));
    assert_eq!(
        kr(speed, "conv")["since"]["changes"][0]["commit"],
        raised.as_str()
    );
    // Without --since nothing is read from git and nothing is said.
    let output = repo
        .okr(&["status", "--as-of", AS_OF, "--format", "json"])
        .output()
        .expect("okr runs");
    expect_code(&output, 0);
    let view: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(view["talking_points"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["kind"] != "target_moved"));
}

/// A user's and a repository's git configuration that would change what
/// `git log` prints, or run a program, if okr did not pin its settings.
fn hostile_git_config(repo: &Repo) -> (PathBuf, PathBuf) {
    let marker = repo.root().join("ran");
    let script = repo.root().join("evil.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho ran >> {}\ncat\n", marker.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let s = script.display();
    let global = repo.root().join("gitconfig");
    std::fs::write(
        &global,
        format!(
            "[log]\n\tshowRoot = false\n\tdecorate = full\n\tshowSignature = true\n\tfollow = true\n\
             [i18n]\n\tlogOutputEncoding = UTF-16\n\
             [color]\n\tui = always\n\
             [core]\n\tpager = {s}\n\tquotePath = true\n\tfsmonitor = {s}\n\thooksPath = {hooks}\n\
             [diff]\n\texternal = {s}\n\tnoprefix = true\n\trelative = true\n\
             [diff \"evil\"]\n\ttextconv = {s}\n\
             [filter \"evil\"]\n\tclean = {s}\n\tsmudge = {s}\n",
            hooks = repo.root().display()
        ),
    )
    .unwrap();
    std::fs::write(
        repo.root().join(".gitattributes"),
        "*.yaml diff=evil filter=evil\n",
    )
    .unwrap();
    (global, marker)
}

#[test]
fn a_hostile_git_configuration_changes_nothing_and_runs_nothing() {
    if !git_available("a_hostile_git_configuration_changes_nothing") {
        return;
    }
    let repo = Repo::new();
    moved_goal_posts(&repo);
    let clean_grade = grade_json(&repo);
    let history = ["history", "web/speed/p95", "--quarter", "2026-Q4"];
    let clean_history = repo.okr(&history).output().expect("okr runs");
    let (global, marker) = hostile_git_config(&repo);
    let with_config = |args: &[&str]| {
        repo.okr(args)
            .env("GIT_CONFIG_GLOBAL", &global)
            .env("PAGER", "false")
            .output()
            .expect("okr runs")
    };
    let grade = with_config(&["grade", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(grade.status.code(), Some(0), "{grade:?}");
    let grade: Value = serde_json::from_slice(&grade.stdout).expect("JSON");
    assert_eq!(grade, clean_grade);
    let p95 = kr(objective(owner(&grade, "web"), "speed"), "p95");
    assert_eq!(p95["changes"][0]["direction"], "eased", "{p95}");
    let hostile_history = with_config(&history);
    assert_eq!(
        String::from_utf8_lossy(&hostile_history.stdout),
        String::from_utf8_lossy(&clean_history.stdout)
    );
    assert_eq!(hostile_history.stderr, clean_history.stderr);
    assert!(
        !marker.exists(),
        "okr ran a program the git configuration named"
    );
}

#[test]
fn history_shows_text_from_the_file_inert_on_one_line() {
    if !git_available("history_shows_text_from_the_file_inert") {
        return;
    }
    let repo = Repo::new();
    let unit =
        |u: &str| format!("\n                unit: \"{u}\\e]0;pwned\\a\\n::error::forged\\u202e\"");
    let with_unit = |u: &str| {
        web("400", "3", "").replace("target: 400\n", &format!("target: 400{}\n", unit(u)))
    };
    repo.write("web.yaml", &with_unit("ms"));
    repo.commit("2026-09-25");
    repo.write("web.yaml", &with_unit("s"));
    let changed = repo.commit("2026-11-03");
    let output = repo
        .okr(&["history", "web/speed/p95", "--quarter", "2026-Q4"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.ends_with(&format!(
            "2026-11-03  {changed}  unit changed: \"ms\\u{{1b}}]0;pwned\\u{{7}}\\n\\u{{3a}}:error::forged\\u{{202e}}\" → \"s\\u{{1b}}]0;pwned\\u{{7}}\\n\\u{{3a}}:error::forged\\u{{202e}}\"\n"
        )),
        "{stdout}"
    );
    let json = repo
        .okr(&[
            "history",
            "web/speed/p95",
            "--quarter",
            "2026-Q4",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json = String::from_utf8(json.stdout).unwrap();
    assert!(!json.contains(['\u{1b}', '\u{202e}', '\u{7}']), "{json}");
    let value: Value = serde_json::from_str(&json).unwrap();
    assert!(value.to_string().contains("::error::forged"), "{value}");
}
