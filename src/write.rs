//! Writing OKR files safely: the bytes go to a temporary file beside the
//! target, which then takes the target's name in one step, so a reader (or a
//! crash) never sees a half-written file. Used by every command that writes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Creates `path` with `contents`, atomically, and never replaces an existing
/// file: the error is then `io::ErrorKind::AlreadyExists` and nothing changed.
///
/// The temporary file is linked into place with `hard_link`, which fails when
/// the name is taken, even by a file created a moment ago by someone else; a
/// rename would silently replace it. On a file system without hard links the
/// target is written directly with `create_new`: still never an overwrite,
/// though no longer atomic.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        return Err(already_exists(path));
    }
    let temp = write_temp_beside(path, contents)?;
    let linked = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(already_exists(path)),
        Err(_) => {
            let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
            file.write_all(contents)?;
            file.sync_all()
        }
    }
}

fn already_exists(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} already exists", path.display()),
    )
}

/// Writes `contents` to a new, hidden file in the folder of `path` (hidden, so
/// that `okr` never reads it as an OKR file) and flushes it to disk.
fn write_temp_beside(path: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "okr".into(), |n| n.to_string_lossy());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return fill(file, &temp, contents).map(|()| temp),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
}

fn fill(mut file: File, temp: &Path, contents: &[u8]) -> io::Result<()> {
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn creates_a_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("devrel.yaml");
        create_new(&path, b"quarter: 2026-Q4\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"quarter: 2026-Q4\n");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }

    #[test]
    fn never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("devrel.yaml");
        fs::write(&path, "mine").unwrap();
        let err = create_new(&path, b"theirs").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let err = create_new(&dir.path().join("nowhere/x.yaml"), b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
