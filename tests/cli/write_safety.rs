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
