//! `okr checkin` and `okr new --from`: only the new check-in's lines are
//! added, every refusal leaves the file byte for byte as it was, concurrent
//! writers lose nothing, a failed write changes nothing; key-result paths
//! complete in the shells.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::*;

const DEVREL: &str = "\
# yaml-language-server: $schema=../okr.schema.json
# DevRel, Q4.
quarter: 2026-Q4
team: devrel
objectives:
  - id: api-pain
    title: Integrating with our API stops hurting
    key_results:
      - id: tickets   # the one the weekly job updates
        title: API support tickets fall from 120 to 60 a week
        baseline: 120
        target: 60
        unit: tickets/week
        checkins:
          - date: 2026-10-06
            value: 118
            confidence: 0.5
          - { date: 2026-11-10, value: 95, confidence: 0.6 }
      - id: latency
        title: p95 latency falls from 300 to 150 ms
        baseline: 300
        target: 150
        unit: ms
        current: 250
      - id: tutorial
        title: Tutorial completions rise from 30% to 60%
        baseline: 30
        target: 60
        unit: \"%\"
        dropped: Effort moved to time-to-first-call
";

const FILE: &str = "2026-Q4/devrel.yaml";

fn fixture() -> Okrs {
    Okrs::new().file(FILE, DEVREL)
}

fn read(okrs: &Okrs) -> String {
    fs::read_to_string(okrs.okrs().join(FILE)).unwrap()
}

/// Runs `okr ARGS`, expects exit `code`, stderr exactly `stderr`, nothing on
/// stdout, and the file byte for byte as it was.
fn refused(okrs: &Okrs, args: &[&str], code: i32, stderr: &str) {
    let before = fs::read(okrs.okrs().join(FILE)).unwrap();
    let output = okrs.okr(args).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        stderr,
        "okr {args:?}"
    );
    assert_eq!(output.status.code(), Some(code), "okr {args:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "", "okr {args:?}");
    assert_eq!(
        fs::read(okrs.okrs().join(FILE)).unwrap(),
        before,
        "okr {args:?} left the file unchanged"
    );
    let names: Vec<_> = fs::read_dir(okrs.okrs().join("2026-Q4"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["devrel.yaml"], "no temporary left behind");
}

fn checkin(args: &[&str]) -> Vec<String> {
    let mut all = vec!["checkin".to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    all
}

fn refused_checkin(args: &[&str], code: i32, stderr: &str) {
    let okrs = fixture();
    let all = checkin(args);
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    refused(&okrs, &all, code, stderr);
}

#[test]
fn checkin_adds_only_its_lines_and_says_what_it_wrote() {
    let okrs = fixture();
    okrs.okr(&[
        "checkin",
        "devrel/api-pain/tickets",
        "88",
        "--confidence",
        "0.7",
        "--note",
        "v2 errors: live",
        "--date",
        "2026-11-20",
    ])
    .assert()
    .success()
    .stderr("")
    .stdout(concat!(
        "okrs/2026-Q4/devrel.yaml: added a check-in to devrel/api-pain/tickets\n",
        "+          - { date: 2026-11-20, value: 88, confidence: 0.7, note: \"v2 errors: live\" }\n",
    ));
    // In the style of the check-in before it (a flow mapping), after it.
    let expected = DEVREL.replace(
        "confidence: 0.6 }\n",
        "confidence: 0.6 }\n          - { date: 2026-11-20, value: 88, confidence: 0.7, note: \"v2 errors: live\" }\n",
    );
    assert_eq!(read(&okrs), expected);
    okrs.okr(&["check", "--strict"]).assert().success();
}

#[test]
fn checkin_done_when_status_shows_it_and_git_diff_is_additions_only() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&shipped_okrs(), &dir.path().join("okrs"));
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "okrs"]);
    let run = |args: &[&str]| {
        let mut cmd = okr();
        cmd.current_dir(dir.path()).args(args);
        cmd
    };
    run(&[
        "checkin",
        "devrel/api-pain/tickets",
        "88",
        "--confidence",
        "0.7",
        "--note",
        "v2 errors live",
        "--date",
        "2026-11-20",
    ])
    .assert()
    .success();
    let out = run(&[
        "status",
        "devrel",
        "--as-of",
        "2026-11-21",
        "--format",
        "json",
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let view: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tickets = kr(objective(owner(&view, "devrel"), "api-pain"), "tickets");
    assert_eq!(tickets["current"], 88);
    assert_eq!(tickets["confidence"], 0.7);
    assert_eq!(tickets["last_checkin"], "2026-11-20");
    let table = run(&["status", "devrel", "--as-of", "2026-11-21"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("88 tickets/week"));
    let diff = git(&["diff", "--unified=0"]);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect();
    assert_eq!(
        changed,
        [
            "+          - date: 2026-11-20",
            "+            value: 88",
            "+            confidence: 0.7",
            "+            note: v2 errors live",
        ],
        "{diff}"
    );
    assert_eq!(
        git(&["diff", "--numstat"]).trim(),
        "4\t0\tokrs/2026-Q4/devrel.yaml"
    );
}

#[test]
fn checkin_refuses_an_invalid_file_with_its_errors() {
    let okrs = Okrs::new().file(FILE, &DEVREL.replace("confidence: 0.5", "confidance: 0.5"));
    refused(
        &okrs,
        &["checkin", "devrel/api-pain/tickets", "88", "--date", "2026-11-20"],
        1,
        "okrs/2026-Q4/devrel.yaml:17:13: error: objective `api-pain`, key result `tickets`, check-in `2026-10-06`: unknown key `confidance`; did you mean `confidence`? [unknown_key]\n\
         note: the file is invalid, so no check-in was written; fix the errors above and run again\n",
    );
}

#[test]
fn checkin_refuses_an_unknown_path_with_the_closest_one() {
    refused_checkin(
        &["devrel/api-pain/tikets", "88", "--date", "2026-11-20"],
        2,
        "okr: error: there is no key result `devrel/api-pain/tikets` in 2026-Q4; did you mean `devrel/api-pain/tickets`?\n",
    );
    refused_checkin(
        &["devrel/tickets", "88", "--date", "2026-11-20"],
        2,
        "okr: error: `devrel/tickets` is not OWNER/OBJECTIVE/KEY_RESULT, e.g. `devrel/api-pain/tickets`; `okr status` lists the key results\n",
    );
    refused_checkin(
        &["web/api-pain/tickets", "88", "--date", "2026-11-20"],
        2,
        "okr: error: there is no key result `web/api-pain/tickets` in 2026-Q4; `okr status OWNER` lists an owner's key results\n",
    );
}

#[test]
fn checkin_refuses_a_key_result_kept_in_current_and_says_how_to_convert() {
    refused_checkin(
        &["devrel/api-pain/latency", "240", "--date", "2026-11-20"],
        2,
        "okr: error: `devrel/api-pain/latency` keeps its value in `current: 250`, not in check-ins; to record check-ins, replace `current: 250` with `checkins: [{ date: YYYY-MM-DD, value: 250 }]` (the day 250 was measured) and run this again\n",
    );
}

#[test]
fn checkin_refuses_a_dropped_key_result_with_its_reason() {
    refused_checkin(
        &["devrel/api-pain/tutorial", "40", "--date", "2026-11-20"],
        2,
        "okr: error: `devrel/api-pain/tutorial` was dropped (Effort moved to time-to-first-call); a dropped key result takes no check-ins\n",
    );
}

#[test]
fn checkin_refuses_a_value_that_is_not_a_number_with_the_fix() {
    for (value, fix) in [
        ("95ms", "write 95 and keep the unit in `unit:`"),
        ("2.5%", "write 2.5 and keep the unit in `unit:`"),
        ("3,1", "use a decimal point: 3.1"),
        ("1_000", "write 1000"),
        (
            "many",
            "give the measured value, e.g. 88 or 2.5, in the key result's unit",
        ),
        (
            "NaN",
            "give the measured value, e.g. 88 or 2.5, in the key result's unit",
        ),
    ] {
        refused_checkin(
            &["devrel/api-pain/tickets", value, "--date", "2026-11-20"],
            2,
            &format!("okr: error: VALUE `{value}` is not a number; {fix}\n"),
        );
    }
}

#[test]
fn checkin_refuses_a_confidence_outside_0_to_1() {
    refused_checkin(
        &[
            "devrel/api-pain/tickets",
            "88",
            "--confidence",
            "70",
            "--date",
            "2026-11-20",
        ],
        2,
        "okr: error: --confidence: confidence 70 is outside 0.0–1.0; did you mean 0.7?\n",
    );
    refused_checkin(
        &[
            "devrel/api-pain/tickets",
            "88",
            "--confidence",
            "-0.1",
            "--date",
            "2026-11-20",
        ],
        2,
        "okr: error: --confidence: confidence -0.1 is outside 0.0–1.0\n",
    );
}

#[test]
fn checkin_refuses_a_date_outside_the_window() {
    refused_checkin(
        &["devrel/api-pain/tickets", "88", "--date", "2027-01-15", "--quarter", "2026-Q4"],
        2,
        "okr: error: 2027-01-15 is outside the check-in window of 2026-Q4, 2026-10-01 to 2027-01-14 (the quarter, and 14 days after it for the final measurement); 2027-01-15 is in 2027-Q1; give --date in the window, or --quarter for another quarter's file\n",
    );
    refused_checkin(
        &["devrel/api-pain/tickets", "88", "--date", "2026-09-30", "--quarter", "2026-Q4"],
        2,
        "okr: error: 2026-09-30 is outside the check-in window of 2026-Q4, 2026-10-01 to 2027-01-14 (the quarter, and 14 days after it for the final measurement); 2026-09-30 is in 2026-Q3; give --date in the window, or --quarter for another quarter's file\n",
    );
    refused_checkin(
        &["devrel/api-pain/tickets", "88", "--date", "2026-11-31"],
        2,
        "error: invalid value '2026-11-31' for '--date <DATE>': `2026-11-31` is not a real date: that day does not exist\n\nFor more information, try '--help'.\n",
    );
}

#[test]
fn checkin_refuses_a_taken_date_and_offers_replace() {
    refused_checkin(
        &["devrel/api-pain/tickets", "90", "--date", "2026-11-10"],
        2,
        "okr: error: `devrel/api-pain/tickets` already has a check-in on 2026-11-10; add --replace to change its values in place\n",
    );
}

#[test]
fn checkin_in_the_14_days_after_a_quarter_goes_to_its_file() {
    let okrs = fixture();
    okrs.okr(&[
        "checkin",
        "devrel/api-pain/tickets",
        "70",
        "--date",
        "2027-01-10",
    ])
    .assert()
    .success();
    assert!(read(&okrs).contains("          - { date: 2027-01-10, value: 70 }\n"));
    okrs.okr(&["checkin", "devrel/api-pain/tickets", "70", "--date", "2027-01-15"])
        .assert()
        .code(2)
        // Not "there is no key result": it is there, and the date is outside its window.
        .stderr("okr: error: 2027-01-15 is outside the check-in window of 2026-Q4, 2026-10-01 to 2027-01-14 (the quarter, and 14 days after it for the final measurement), whose file okrs/2026-Q4/devrel.yaml has `devrel/api-pain/tickets`; 2027-01-15 is in 2027-Q1, which has no file with it; give --date in the window\n");
    // Named with --quarter, the quarter that has it is named.
    okrs.okr(&["checkin", "devrel/api-pain/tickets", "70", "--date", "2027-01-15", "--quarter", "2027-Q1"])
        .assert()
        .code(2)
        .stderr("okr: error: `devrel/api-pain/tickets` is not in 2027-Q1; it is in 2026-Q4's file okrs/2026-Q4/devrel.yaml: give --quarter 2026-Q4\n");
}

#[test]
fn checkin_replace_changes_that_checkins_values_in_place() {
    let okrs = fixture();
    okrs.okr(&[
        "checkin",
        "devrel/api-pain/tickets",
        "93",
        "--confidence",
        "0.65",
        "--date",
        "2026-11-10",
        "--replace",
    ])
    .assert()
    .success()
    .stdout(
        "okrs/2026-Q4/devrel.yaml: changed the 2026-11-10 check-in of devrel/api-pain/tickets\n\
         +          - { date: 2026-11-10, value: 93, confidence: 0.65 }\n",
    );
    assert_eq!(
        read(&okrs),
        DEVREL.replace(
            "{ date: 2026-11-10, value: 95, confidence: 0.6 }",
            "{ date: 2026-11-10, value: 93, confidence: 0.65 }"
        )
    );
}

#[test]
fn checkin_dry_run_prints_the_diff_and_writes_nothing() {
    let okrs = fixture();
    let before = read(&okrs);
    okrs.okr(&[
        "checkin",
        "devrel/api-pain/tickets",
        "88",
        "--date",
        "2026-11-20",
        "--dry-run",
    ])
    .assert()
    .success()
    .stdout(concat!(
        "--- a/okrs/2026-Q4/devrel.yaml\n",
        "+++ b/okrs/2026-Q4/devrel.yaml\n",
        "@@ -16,6 +16,7 @@\n",
        "             value: 118\n",
        "             confidence: 0.5\n",
        "           - { date: 2026-11-10, value: 95, confidence: 0.6 }\n",
        "+          - { date: 2026-11-20, value: 88 }\n",
        "       - id: latency\n",
        "         title: p95 latency falls from 300 to 150 ms\n",
        "         baseline: 300\n",
    ))
    .stderr("note: dry run: nothing was written\n");
    assert_eq!(read(&okrs), before);
}

#[test]
fn checkin_twenty_concurrent_processes_all_land() {
    let okrs = fixture();
    let children: Vec<_> = (0..20)
        .map(|i| {
            let date = format!("2026-10-{:02}", 7 + i);
            let value = format!("{}", 117 - i);
            let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("okr"));
            cmd.current_dir(okrs.root())
                .env_remove("OKR_DIR")
                .args([
                    "checkin",
                    "devrel/api-pain/tickets",
                    &value,
                    "--date",
                    &date,
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = read(&okrs);
    for i in 0..20 {
        assert!(
            text.contains(&format!(
                "- date: 2026-10-{:02}\n            value: {}\n",
                7 + i,
                117 - i
            )),
            "check-in {i} landed:\n{text}"
        );
    }
    let file: okr::model::OkrFile = serde_yaml::from_str(&text).unwrap();
    let dates: Vec<_> = file.objectives[0].key_results[0]
        .checkins()
        .iter()
        .map(|c| c.date)
        .collect();
    assert_eq!(dates.len(), 22);
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "in date order");
    okrs.okr(&["check"]).assert().success();
}

#[test]
fn checkin_a_failed_write_leaves_the_original_intact() {
    // Over 1 KiB, so that writing its replacement fails under `ulimit -f 1`.
    let padded = format!(
        "{DEVREL}{}",
        "# padding to pass the file-size limit\n".repeat(40)
    );
    let okrs = Okrs::new().file(FILE, &padded);
    let before = fs::read(okrs.okrs().join(FILE)).unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" checkin devrel/api-pain/tickets 88 --date 2026-11-20")
        .arg(assert_cmd::cargo::cargo_bin("okr"))
        .current_dir(okrs.root())
        .env_remove("OKR_DIR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("okr: error: cannot write okrs/2026-Q4/devrel.yaml: "),
        "{stderr}"
    );
    assert_eq!(fs::read(okrs.okrs().join(FILE)).unwrap(), before);
    let names: Vec<_> = fs::read_dir(okrs.okrs().join("2026-Q4"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["devrel.yaml"], "no temporary left behind");
}

#[test]
fn checkin_key_paths_complete_in_the_shells() {
    let okrs = fixture().file(
        "2026-Q4/web.yaml",
        &valid_team("web", "2026-Q4")
            .replace("current: 25", "checkins: [{ date: 2026-10-05, value: 20 }]"),
    );
    // Open key results only: `latency` keeps `current`, `tutorial` is dropped.
    okrs.okr(&["__complete-keys", "dev"])
        .assert()
        .success()
        .stdout("devrel/api-pain/tickets\n");
    okrs.okr(&["__complete-keys"])
        .assert()
        .success()
        .stdout("devrel/api-pain/tickets\nweb/happy-users/nps\n");
    // The bash script calls it for the path after `checkin`, and only there.
    let script = okrs.root().join("okr.bash");
    let out = okrs.okr(&["completions", "bash"]).output().unwrap();
    fs::write(&script, &out.stdout).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("okr");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let complete = |words: &str| {
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source okr.bash; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
                 _okr_key_results okr \"${{COMP_WORDS[COMP_CWORD]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
            ))
            .current_dir(okrs.root())
            .env("PATH", &path)
            .env_remove("OKR_DIR")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(complete("okr checkin dev"), "devrel/api-pain/tickets\n");
    assert_eq!(
        complete("okr --dir okrs checkin w"),
        "web/happy-users/nps\n"
    );
    assert!(!complete("okr checkin devrel/api-pain/tickets de").contains("devrel/"));
    // `history` names a key result too, any of them: dropped and `current` ones have a history.
    assert_eq!(
        complete("okr history devrel/"),
        "devrel/api-pain/latency\ndevrel/api-pain/tickets\ndevrel/api-pain/tutorial\n"
    );
    assert_eq!(
        complete("okr history --format json --quarter 2026-Q4 w"),
        "web/happy-users/nps\n"
    );
    assert_eq!(
        complete("okr --dir=okrs history devrel/api-pain/la"),
        "devrel/api-pain/latency\n"
    );
    assert!(!complete("okr history devrel/api-pain/tickets de").contains("devrel/"));
    // Other subcommands keep clap's completion (no key results).
    assert!(!complete("okr status dev").contains("devrel/"));
    okrs.okr(&["__complete-keys", "--all", "--", "devrel/api-pain/t"])
        .assert()
        .success()
        .stdout("devrel/api-pain/tickets\ndevrel/api-pain/tutorial\n");
    // zsh and fish call it for both subcommands' path.
    let out = okrs.okr(&["completions", "zsh"]).output().unwrap();
    let zsh = String::from_utf8_lossy(&out.stdout);
    assert!(
        zsh.contains("okr $dir __complete-keys \"$@\" -- \"$PREFIX\""),
        "{zsh}"
    );
    assert!(
        zsh.contains("KEY_RESULT (e.g. devrel/api-pain/tickets):_okr_key_results' \\\n"),
        "{zsh}"
    );
    assert!(zsh.contains(":key_result -- The key result, as OWNER/OBJECTIVE/KEY_RESULT:_okr_key_results --all' \\\n"), "{zsh}");
    assert!(
        !zsh.contains("OWNER/OBJECTIVE/KEY_RESULT:_default"),
        "{zsh}"
    );
    let out = okrs.okr(&["completions", "fish"]).output().unwrap();
    let fish = String::from_utf8_lossy(&out.stdout);
    for (sub, flag) in [("checkin", ""), ("history", "--all")] {
        let line = format!("complete -c okr -n \"__fish_okr_wants_path {sub}\" -f -a \"(okr __complete-keys {flag} -- (commandline -ct) 2>/dev/null)\"\n");
        assert!(fish.contains(&line), "{fish}");
    }
}

#[test]
fn new_from_starts_the_next_quarter_with_baselines_at_the_last_measured_values() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&shipped_okrs(), &dir.path().join("okrs"));
    let run = |args: &[&str]| {
        let mut cmd = okr();
        cmd.current_dir(dir.path()).args(args);
        cmd
    };
    run(&[
        "new",
        "team",
        "devrel",
        "--from",
        "2026-Q4",
        "--quarter",
        "2027-Q1",
    ])
    .assert()
    .success()
    .stdout("okrs/2027-Q1/devrel.yaml\n")
    .stderr("");
    let text = fs::read_to_string(dir.path().join("okrs/2027-Q1/devrel.yaml")).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../okr.schema.json\n"),
        "{text}"
    );
    assert!(
        text.contains("\nquarter: 2027-Q1\nteam: devrel\n"),
        "{text}"
    );
    for gone in [
        "checkins",
        "current",
        "grade",
        "reflection",
        "dropped",
        "tutorial",
    ] {
        assert!(!text.contains(gone), "{gone} left out:\n{text}");
    }
    assert!(text.contains(
        "    # aligns: acme/developer-love — no objective acme/developer-love in 2027-Q1 yet; restore when it exists\n"
    ));
    run(&["check", "--strict", "okrs/2027-Q1"])
        .assert()
        .success()
        .stdout("checked 1 file: no problems\n");
    let file: okr::model::OkrFile = serde_yaml::from_str(&text).unwrap();
    let baselines: Vec<(String, f64, f64)> = file
        .objectives
        .iter()
        .flat_map(|o| &o.key_results)
        .map(|k| (k.id.to_string(), k.baseline.0, k.target.0))
        .collect();
    assert_eq!(
        baselines,
        [
            ("tickets".to_string(), 95.0, 60.0),
            ("time-to-first-call".to_string(), 31.0, 10.0),
            ("answered".to_string(), 48.0, 75.0),
            ("champions".to_string(), 9.0, 15.0),
        ]
    );
    // Never an overwrite; the default quarter is the one after --from.
    let before = text;
    run(&["new", "team", "devrel", "--from", "2026-Q4"])
        .assert()
        .code(2)
        .stderr(
            "okr: error: okrs/2027-Q1/devrel.yaml already exists, left as is; edit it instead\n",
        );
    assert_eq!(
        fs::read_to_string(dir.path().join("okrs/2027-Q1/devrel.yaml")).unwrap(),
        before
    );
    // Once the company's objective exists in the new quarter, `aligns` is kept.
    run(&["new", "company", "acme", "--from", "2026-Q4"])
        .assert()
        .success();
    run(&["new", "team", "platform", "--from", "2026-Q4"])
        .assert()
        .success();
    let platform = fs::read_to_string(dir.path().join("okrs/2027-Q1/platform.yaml")).unwrap();
    assert!(
        platform.contains("\n    aligns: acme/developer-love\n"),
        "{platform}"
    );
    run(&["check", "--strict"]).assert().success();
}

#[test]
fn new_from_refuses_what_it_cannot_start_from() {
    let okrs = fixture();
    okrs.okr(&["new", "team", "web", "--from", "2026-Q4"])
        .assert()
        .code(2)
        .stderr("okr: error: `web` has no OKR file for 2026-Q4 to start from\n");
    okrs.okr(&["new", "person", "devrel", "--from", "2026-Q4"])
        .assert()
        .code(2)
        .stderr(
            "okr: error: `devrel` is a team in 2026-Q4: run `okr new team devrel --from 2026-Q4`\n",
        );
    okrs.okr(&[
        "new",
        "team",
        "devrel",
        "--from",
        "2026-Q4",
        "--quarter",
        "2026-Q3",
    ])
    .assert()
    .code(2)
    .stderr("okr: error: --from 2026-Q4 must be a quarter before 2026-Q3, the one to write\n");
    assert!(!okrs.okrs().join("2027-Q1").exists());
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn checkin_keeps_a_byte_order_mark() {
    // The mark right before a key (a comment first hid the bug).
    let devrel = dedent(DEVREL);
    let devrel = &devrel[devrel.find("quarter:").unwrap()..];
    let okrs = Okrs::new().raw(FILE, format!("\u{feff}{devrel}").as_bytes());
    okrs.okr(&[
        "checkin",
        "devrel/api-pain/tickets",
        "90",
        "--date",
        "2026-11-20",
    ])
    .assert()
    .success()
    .stderr("");
    let after = read(&okrs);
    let expected = format!("\u{feff}{devrel}").replace(
        "          - { date: 2026-11-10, value: 95, confidence: 0.6 }\n",
        "          - { date: 2026-11-10, value: 95, confidence: 0.6 }\n          - { date: 2026-11-20, value: 90 }\n",
    );
    assert_eq!(after, expected);
    okrs.okr(&["check"]).assert().success();
}

#[test]
fn checkin_refuses_check_ins_shared_through_an_alias_saying_why() {
    let shared = "
        quarter: 2026-Q4
        team: devrel
        objectives:
          - id: o
            title: Tickets
            key_results:
              - id: k
                title: Tickets fall
                baseline: 120
                target: 60
                checkins: &c
                  - date: 2026-10-01
                    value: 120
              - id: k2
                title: Tickets fall more
                baseline: 120
                target: 60
                checkins: *c
    ";
    let okrs = Okrs::new().file(FILE, shared);
    okrs.okr(&["check"]).assert().success();
    refused(
        &okrs,
        &["checkin", "devrel/o/k", "100", "--date", "2026-10-05"],
        2,
        "okr: error: cannot add the check-in: line 11 holds a YAML anchor (`&name`) that an alias (`*name`) elsewhere repeats, so this key result's check-ins are shared with another place and a check-in added here would be added there too; write each key result's `checkins:` out in full (no `&`, no `*`) and run again\n",
    );
    refused(
        &okrs,
        &["checkin", "devrel/o/k2", "100", "--date", "2026-10-05"],
        2,
        "okr: error: cannot add the check-in: the key result's `checkins:` on line 18 is an alias (`*name`) of a list written elsewhere, so its check-ins are shared with another place and a check-in added here would be added there too; write this key result's check-ins out in full (no `*`) and run again\n",
    );
}

#[test]
fn number_messages_give_no_wrong_value_and_no_rust_names() {
    let okrs = fixture();
    // VALUE reads as a file's `value:` reads: 0x10 is 16.
    okrs.okr(&[
        "checkin",
        "devrel/api-pain/tickets",
        "0x10",
        "--date",
        "2026-11-20",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("{ date: 2026-11-20, value: 16 }"));
    let not_a_number =
        "is not a number; give the measured value, e.g. 88 or 2.5, in the key result's unit";
    let too_large = "is not a number; it is too large to be a number (the largest is about 1.8e308); use a larger unit";
    for (value, says) in [
        ("0x1G", not_a_number),
        ("0b12", not_a_number),
        ("0o9", not_a_number),
        ("1e400x", not_a_number),
        ("1e309", too_large),
        ("1E+999", too_large),
    ] {
        refused(
            &okrs,
            &[
                "checkin",
                "devrel/api-pain/tickets",
                value,
                "--date",
                "2026-11-21",
            ],
            2,
            &format!("okr: error: VALUE `{value}` {says}\n"),
        );
    }
    // `okr check` says the same of a file's values, and never a Rust type.
    for (value, says) in [
        ("1e309", "not the text `1e309`; it is too large to be a number (the largest is about 1.8e308); use a larger unit"),
        ("0x1G", "not the text `0x1G`"),
        ("123456789012345678901234567890", "not the whole number 123456789012345678901234567890, which is too long to read (whole numbers stop at 20 digits); write it as 1.2345678901234568e29, or in a larger unit"),
        ("-123456789012345678901234567890", "not the whole number -123456789012345678901234567890, which is too long to read (whole numbers stop at 20 digits); write it as -1.2345678901234568e29, or in a larger unit"),
    ] {
        let okrs = Okrs::new().file(FILE, &DEVREL.replace("value: 118", &format!("value: {value}")));
        let output = okrs.okr(&["check"]).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert!(stdout.contains(&format!("`value` must be a number, {says} [wrong_type]\n")), "{stdout}");
        for rust in ["u128", "i128", "u64", "f64", "put `e", "put `x", "write 0", "write 1 "] {
            assert!(!stdout.contains(rust), "{stdout}");
        }
    }
}

#[test]
fn checkin_into_a_json_file_keeps_it_json() {
    let json = r#"{"quarter": "2026-Q4", "team": "devrel", "objectives": [{"id": "o", "title": "T", "key_results": [{"id": "k", "title": "Tickets fall", "baseline": 120, "target": 60, "checkins": [{"date": "2026-10-01", "value": 120, "note": "start"}]}, {"id": "k2", "title": "Two", "baseline": 1, "target": 2, "checkins": []}]}]}
"#;
    let okrs = Okrs::new().raw(FILE, json.as_bytes());
    let note = "a \"b\" \\ tab\there\u{1} — é";
    for args in [
        &[
            "devrel/o/k",
            "100",
            "--date",
            "2026-10-05",
            "--confidence",
            "0.5",
            "--note",
            note,
        ][..],
        &["devrel/o/k", "90", "--date", "2026-10-03"],
        &["devrel/o/k2", "1.5", "--date", "2026-10-03", "--note", "x"],
    ] {
        okrs.okr(&[&["checkin"], args].concat()).assert().success();
        let text = read(&okrs);
        let parsed: Result<Value, _> = serde_json::from_str(&text);
        assert!(parsed.is_ok(), "not JSON any more: {text}");
    }
    let expected = json
        .replace(
            r#""note": "start"}]}"#,
            r#""note": "start"}, {"date": "2026-10-03", "value": 90}, {"date": "2026-10-05", "value": 100, "confidence": 0.5, "note": "a \"b\" \\ tab\there\u0001 — é"}]}"#,
        )
        .replace(
            r#""checkins": []"#,
            r#""checkins": [{ "date": "2026-10-03", "value": 1.5, "note": "x" }]"#,
        );
    assert_eq!(read(&okrs), expected);
    let value: Value = serde_json::from_str(&read(&okrs)).unwrap();
    assert_eq!(
        value["objectives"][0]["key_results"][0]["checkins"][2]["note"],
        note
    );
    okrs.okr(&["check"]).assert().success();
}

#[test]
fn confidence_messages_give_no_wrong_advice() {
    let okrs = fixture();
    let args = |c: &'static str| {
        [
            "checkin",
            "devrel/api-pain/tickets",
            "90",
            "--date",
            "2026-11-21",
            "--confidence",
            c,
        ]
    };
    for (c, says) in [
        ("nan", "not the text `nan`"),
        ("inf", "not the text `inf`"),
        ("1e309", "not the text `1e309`, which is too large to be a number (the largest is about 1.8e308)"),
    ] {
        refused(
            &okrs,
            &args(c),
            2,
            &format!("okr: error: --confidence: must be a number from 0.0 to 1.0, {says}\n"),
        );
    }
    // In a file, unquoted: no "remove the quotes", no unit for a confidence.
    for (c, says) in [
        ("nan", "not the text `nan` [wrong_type]"),
        ("1e309", "not the text `1e309`; it is too large to be a number (the largest is about 1.8e308) [wrong_type]"),
        ("\"0.5\"", "not the text `0.5`; remove the quotes [wrong_type]"),
    ] {
        let okrs = Okrs::new().file(FILE, &DEVREL.replace("confidence: 0.5", &format!("confidence: {c}")));
        let output = okrs.okr(&["check"]).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(&format!("`confidence` must be a number from 0.0 to 1.0, {says}\n")), "{stdout}");
    }
}
