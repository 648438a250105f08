//! Writes are safe: a write that is killed or fails midway leaves no partial
//! file behind and every existing file as it was.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;

use crate::support::*;

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn a_write_killed_midway_leaves_no_partial_file() {
    let okrs = Okrs::new().file("2026-Q4/devrel.yaml", &valid_team("devrel", "2026-Q4"));
    let before = snapshot(&okrs.okrs());
    // With a 1 KiB file-size limit, writing the 2.5 KB template raises SIGXFSZ,
    // which kills `okr` in the middle of its write.
    let okr_bin = assert_cmd::cargo::cargo_bin("okr");
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 1; exec \"$0\" new team web --quarter 2026-Q4")
        .arg(&okr_bin)
        .current_dir(okrs.root())
        .env_remove("OKR_DIR")
        .status()
        .expect("bash runs");
    assert_eq!(status.signal(), Some(25), "killed by SIGXFSZ: {status:?}");
    assert!(
        !okrs.okrs().join("2026-Q4/web.yaml").exists(),
        "no half-written OKR file"
    );
    let after = snapshot(&okrs.okrs());
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{name} unchanged");
    }
    // Whatever the killed write left is a hidden temporary file, which okr skips.
    for name in after.keys().filter(|n| !before.contains_key(*n)) {
        let file = Path::new(name).file_name().unwrap().to_string_lossy();
        assert!(file.starts_with('.'), "only hidden leftovers, found {name}");
    }
    okrs.okr(&["check"]).assert().success();
}

#[test]
fn a_write_that_fails_midway_changes_nothing_and_cleans_up() {
    let okrs = Okrs::new().file("2026-Q4/devrel.yaml", &valid_team("devrel", "2026-Q4"));
    let before = snapshot(&okrs.okrs());
    // SIGXFSZ ignored (inherited across exec) and a 1 KiB file-size limit: the
    // write of the template fails with EFBIG after its first kilobyte. This
    // works as root too, unlike a read-only folder.
    let okr_bin = assert_cmd::cargo::cargo_bin("okr");
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" new team web --quarter 2026-Q4")
        .arg(&okr_bin)
        .current_dir(okrs.root())
        .env_remove("OKR_DIR")
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("okr: error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        snapshot(&okrs.okrs()),
        before,
        "nothing changed, no temporary left"
    );
}

#[test]
fn new_and_init_never_overwrite() {
    let okrs = Okrs::new().file("2026-Q4/web.yaml", &valid_team("web", "2026-Q4"));
    let before = snapshot(&okrs.okrs());
    okrs.okr(&["new", "team", "web", "--quarter", "2026-Q4"])
        .assert()
        .code(2);
    okrs.okr(&["init", "okrs"]).assert().success();
    let after = snapshot(&okrs.okrs());
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{name} unchanged");
    }
}

/// A team file with one key result that takes check-ins, in 2026-Q4; `pad`
/// comment bytes make it as large as a test needs.
fn devrel(pad: usize) -> String {
    format!(
        "# {}\nquarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: api-pain\n    title: Integrating with our API stops hurting\n    key_results:\n      - id: tickets\n        title: API support tickets fall from 120 to 60 a week\n        baseline: 120\n        target: 60\n        checkins:\n          - date: 2026-10-06\n            value: 118\n",
        "x".repeat(pad)
    )
}

const DEVREL: &str = "2026-Q4/devrel.yaml";
const TICKETS: &str = "devrel/api-pain/tickets";

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn checkin_refuses_a_read_only_file_and_leaves_it_as_it_was() {
    use std::os::unix::fs::MetadataExt;
    let okrs = Okrs::new().file(DEVREL, &devrel(0));
    let path = okrs.okrs().join(DEVREL);
    for read_only in [0o444, 0o440, 0o400] {
        set_mode(&path, read_only);
        let before = fs::metadata(&path).unwrap();
        // Also as root, who could open it for writing: the mode says read-only.
        okrs.okr(&["checkin", TICKETS, "100", "--date", "2026-10-20"])
            .assert()
            .code(2)
            .stdout("")
            .stderr("okr: error: okrs/2026-Q4/devrel.yaml is read-only, so no check-in was written; make it writable (`chmod u+w okrs/2026-Q4/devrel.yaml`) if it is meant to change\n");
        let after = fs::metadata(&path).unwrap();
        assert_eq!(after.ino(), before.ino(), "not replaced");
        assert_eq!(mode(&path), read_only);
        set_mode(&path, 0o644);
        assert_eq!(fs::read_to_string(&path).unwrap(), devrel(0));
    }
}

#[test]
fn checkin_says_an_unreadable_file_cannot_be_read() {
    let okrs = Okrs::new().file(DEVREL, &devrel(0));
    let path = okrs.okrs().join(DEVREL);
    set_mode(&path, 0o000);
    let output = okrs
        .okr(&["checkin", TICKETS, "100", "--date", "2026-10-20"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // As a user, the directory's read fails; as root, the permission bits
    // say no one may read it. Either way the message says so.
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("okr: error: okrs/2026-Q4/devrel.yaml cannot be read ("),
        "{stderr}"
    );
    assert!(!stderr.contains("there is no key result"), "{stderr}");
    assert_eq!(mode(&path), 0);
    set_mode(&path, 0o644);
    assert_eq!(fs::read_to_string(&path).unwrap(), devrel(0));
}

#[test]
fn checkin_keeps_mode_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let okrs = Okrs::new().file(DEVREL, &devrel(0));
    let path = okrs.okrs().join(DEVREL);
    set_mode(&path, 0o664);
    // As root another owner and group (the test runs as root in CI's
    // container); as a user, the user's own, still compared.
    let _ = std::os::unix::fs::chown(&path, Some(4242), Some(4343));
    let before = fs::metadata(&path).unwrap();
    okrs.okr(&["checkin", TICKETS, "100", "--date", "2026-10-20"])
        .assert()
        .success();
    let after = fs::metadata(&path).unwrap();
    assert_ne!(after.ino(), before.ino(), "written by a rename");
    assert_eq!(
        (after.uid(), after.gid(), mode(&path)),
        (before.uid(), before.gid(), 0o664)
    );
}

/// The hidden temporaries in `okrs/2026-Q4`.
fn temporaries(okrs: &Okrs) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(okrs.okrs().join("2026-Q4"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_next_write_removes_what_a_killed_checkin_left() {
    // 3 KB, so that writing its temporary copy hits a 1 KiB file-size limit.
    let okrs = Okrs::new()
        .file(DEVREL, &devrel(3000))
        .file("2026-Q4/.notes.tmp", "mine, not okr's\n");
    let okr_bin = assert_cmd::cargo::cargo_bin("okr");
    for date in ["2026-10-20", "2026-10-21", "2026-10-22"] {
        let status = std::process::Command::new("bash")
            .arg("-c")
            .arg("ulimit -f 1; exec \"$0\" checkin devrel/api-pain/tickets 100 --date \"$1\"")
            .arg(&okr_bin)
            .arg(date)
            .current_dir(okrs.root())
            .env_remove("OKR_DIR")
            .status()
            .expect("bash runs");
        assert_eq!(status.signal(), Some(25), "killed by SIGXFSZ: {status:?}");
    }
    // Each killed run removed the leftover of the one before it.
    let left = temporaries(&okrs);
    assert_eq!(left.len(), 2, "the last killed run's leftover: {left:?}");
    assert_eq!(
        fs::read_to_string(okrs.okrs().join(DEVREL)).unwrap(),
        devrel(3000)
    );
    okrs.okr(&["checkin", TICKETS, "100", "--date", "2026-10-20"])
        .assert()
        .success();
    assert_eq!(temporaries(&okrs), [".notes.tmp"], "only okr's own removed");
}

/// The file as an editor saves it: the text okr last wrote (or any), plus a
/// line; in place (truncate, then write) or to another file renamed over it.
fn save_as_an_editor(path: &Path, line: &str, by_rename: bool) {
    let text = fs::read_to_string(path).unwrap();
    let saved = format!("{text}{line}\n");
    if by_rename {
        let swap = path.with_file_name(".devrel.yaml.swp");
        fs::write(&swap, saved).unwrap();
        fs::rename(&swap, path).unwrap();
    } else {
        fs::write(path, saved).unwrap();
    }
}

#[test]
fn a_save_while_okr_holds_its_lock_is_kept_even_half_written_at_first() {
    let okrs = Okrs::new().file(DEVREL, &devrel(0));
    let path = okrs.okrs().join(DEVREL);
    let lock = fs::File::open(&path).unwrap();
    fs4::FileExt::lock(&lock).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("okr"))
        .args(["checkin", TICKETS, "100", "--date", "2026-10-20"])
        .current_dir(okrs.root())
        .env_remove("OKR_DIR")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // okr read the directory and waits for the lock; an editor saves in
    // place, first half of the file (`target` and the check-ins missing).
    std::thread::sleep(std::time::Duration::from_millis(300));
    let full = format!("{}# saved by an editor\n", devrel(0));
    fs::write(&path, &full[..full.len() / 2]).unwrap();
    drop(lock);
    std::thread::sleep(std::time::Duration::from_millis(250));
    fs::write(&path, &full).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("# saved by an editor\n"), "{text}");
    assert!(text.contains("- date: 2026-10-20\n"), "{text}");
}

/// Runs `okr checkin` `runs` times while an editor saves the file every few
/// milliseconds, alternately in place and by rename; returns the editor's
/// lines missing at the end (saves a checkin discarded) and okr's outcomes.
fn race_an_editor(runs: usize) -> (Vec<String>, usize, BTreeMap<String, usize>) {
    let okrs = Okrs::new().file(DEVREL, &devrel(0));
    let path = okrs.okrs().join(DEVREL);
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let mut lines = Vec::new();
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let line = format!("# editor save {}", lines.len());
                save_as_an_editor(&path, &line, lines.len() % 2 == 0);
                lines.push(line);
                // A save every 10 to 30 ms: far busier than a person.
                let pause = 10 + (lines.len() * 7) % 21;
                std::thread::sleep(std::time::Duration::from_millis(pause as u64));
            }
            lines
        })
    };
    let mut outcomes = BTreeMap::new();
    let first = chrono::NaiveDate::from_ymd_opt(2026, 10, 7).unwrap();
    for run in 0..runs {
        // Dates in the window (7 Oct – 14 Jan), again with --replace after 99 runs.
        let date = (first + chrono::Duration::days((run % 99) as i64)).to_string();
        let output = okrs
            .okr(&["checkin", TICKETS, "100", "--date", &date, "--replace"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        let outcome = match output.status.code() {
            Some(0) => "written".to_string(),
            code => format!("exit {code:?}: {}", stderr.lines().next().unwrap_or("")),
        };
        *outcomes.entry(outcome).or_insert(0) += 1;
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let lines = editor.join().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let saves = lines.len();
    let missing = lines
        .into_iter()
        .filter(|l| !text.contains(&format!("{l}\n")))
        .collect();
    (missing, saves, outcomes)
}

#[test]
fn checkins_racing_an_editor_never_discard_a_save() {
    // OKR_STRESS_RUNS=300 for a longer run (the figures in docs/robustness.md).
    let runs = std::env::var("OKR_STRESS_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(30);
    let (missing, saves, outcomes) = race_an_editor(runs);
    println!(
        "{runs} check-ins racing {saves} editor saves: {outcomes:?}, saves lost: {}",
        missing.len()
    );
    // A save by rename in the microseconds between okr's last read and its
    // rename cannot be seen (docs/robustness.md); at this save rate about 1
    // in 1,000 saves. Before the re-read, about 1 in 5 was lost.
    assert!(
        missing.len() * 100 <= saves.max(100) * 2,
        "{} of {saves} saves lost: {missing:?}; okr: {outcomes:?}",
        missing.len()
    );
    // Each run wrote, or refused saying the file kept changing: never an
    // error about a half-saved file, never "a bug in okr".
    for outcome in outcomes.keys() {
        assert!(
            outcome == "written" || outcome.contains("kept changing"),
            "{outcomes:?}"
        );
    }
    assert!(
        outcomes.get("written").is_some_and(|&n| n >= 10),
        "{outcomes:?}"
    );
}
