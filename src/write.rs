//! Writing OKR files safely: the bytes go to a temporary file beside the
//! target, which then takes the target's name in one step, so a reader (or a
//! crash) never sees a half-written file. Used by every command that writes.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
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
    remove_stale_temps(path);
    let temp = write_temp_beside(path, contents)?;
    let linked = fs::hard_link(&temp.path, path);
    let _ = fs::remove_file(&temp.path);
    drop(temp);
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

/// What [`update`] read and wrote. When `after == before`, nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Updated {
    pub before: String,
    pub after: String,
}

/// Why [`update`] changed nothing.
#[derive(Debug)]
pub enum UpdateError<E> {
    /// The edit refused; the file is untouched.
    Edit(E),
    /// The file's permissions let no one write it (or not this user): it is
    /// not replaced, though the folder would allow the rename.
    ReadOnly,
    /// The file's permissions let no one read it (or not this user).
    Unreadable,
    /// Another program kept changing the file between okr's reading it and
    /// replacing it (an editor saving it); nothing was written.
    KeptChanging,
    /// Reading, locking or writing failed; the file is untouched.
    Io(io::Error),
}

impl<E: fmt::Display> fmt::Display for UpdateError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpdateError::Edit(e) => e.fmt(f),
            UpdateError::ReadOnly => f.write_str("the file is read-only"),
            UpdateError::Unreadable => f.write_str("the file cannot be read"),
            UpdateError::KeptChanging => f.write_str("another program kept changing the file"),
            UpdateError::Io(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for UpdateError<E> {}

impl<E> From<io::Error> for UpdateError<E> {
    fn from(err: io::Error) -> Self {
        UpdateError::Io(err)
    }
}

/// How often [`update`] starts over when the file was replaced while it
/// waited for the lock; each start over means another writer made progress.
const MAX_TRIES: usize = 1000;

/// How often [`update`] starts over when the file changed between its
/// reading and its replacing it (a writer that ignores the lock: an editor).
const MAX_CHANGES: u32 = 10;

/// Replaces the text of the existing file `path` with `edit`'s result,
/// atomically and without losing a concurrent update.
///
/// Holds an exclusive lock on the file from reading to replacing it, so that
/// concurrent updates (other `okr` processes, other threads) run one after
/// the other, each on the result of the last. A writer that waited for the
/// lock on a file that has since been replaced starts over on the new one.
/// Editors take no lock: just before the rename the file is read again, and
/// if its bytes (or the file its name points to) changed since they were
/// read, the temporary is thrown away and the edit starts over on the new
/// text; after `MAX_CHANGES` such changes, [`UpdateError::KeptChanging`].
/// The new text goes to a hidden temporary file beside the target, flushed
/// to disk, with the target's permissions, owner and group, then renamed over
/// it; a symbolic link is followed, and its target replaced. A file whose
/// permissions forbid writing is refused ([`UpdateError::ReadOnly`]), also
/// when the user is root or the folder would allow the rename. A write that
/// fails or is killed leaves the file as it was; the temporary files killed
/// writes left in the folder are removed ([`remove_stale_temps`]). An `edit`
/// that returns its input writes nothing.
pub fn update<E>(
    path: &Path,
    edit: impl FnMut(&str) -> Result<String, E>,
) -> Result<Updated, UpdateError<E>> {
    update_with(path, edit, write_temp_beside)
}

fn update_with<E>(
    path: &Path,
    mut edit: impl FnMut(&str) -> Result<String, E>,
    write_temp: impl Fn(&Path, &[u8]) -> io::Result<Temp>,
) -> Result<Updated, UpdateError<E>> {
    let path = fs::canonicalize(path)?;
    remove_stale_temps(&path);
    let mut changes = 0;
    let mut recovered: Option<(String, String)> = None;
    for _ in 0..MAX_TRIES {
        let mut file = match File::open(&path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {
                return Err(UpdateError::Unreadable)
            }
            Err(err) => return Err(err.into()),
        };
        let metadata = file.metadata()?;
        permitted(&path, &metadata)?;
        // Released when `file` is closed, after the rename.
        fs4::FileExt::lock(&file)?;
        if !still_names(&file, &path)? {
            continue;
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let on_disk = String::from_utf8(bytes).map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "it is not UTF-8 text; save it as UTF-8",
            )
        })?;
        // After a save that went into the file okr had just replaced (see
        // below), the file holds okr's text and the save is edited instead.
        let (before, restoring) = match recovered.take() {
            Some((ours, theirs)) if ours == on_disk => (theirs, true),
            _ => (on_disk.clone(), false),
        };
        let (after, refused) = match edit(&before) {
            Ok(after) => (after, None),
            // The save must not stay lost: it is put back unedited.
            Err(err) if restoring => (before.clone(), Some(err)),
            Err(err) => return Err(UpdateError::Edit(err)),
        };
        if after == on_disk {
            return match refused {
                Some(err) => Err(UpdateError::Edit(err)),
                None => Ok(Updated { before, after }),
            };
        }
        let metadata = file.metadata()?;
        let temp = write_temp(&path, after.as_bytes())?;
        let placed = keep_owner_and_mode(&temp.path, &metadata)
            .and_then(|()| unchanged(&file, &path, on_disk.as_bytes()))
            .and_then(|same| match same {
                true => fs::rename(&temp.path, &path).map(|()| true),
                false => Ok(false),
            });
        let again = match placed {
            Ok(true) => {
                sync_folder(&path);
                // A save in place that began after the last read went into
                // the file now replaced: read it there, and start over on it.
                let mut now = Vec::new();
                file.seek(io::SeekFrom::Start(0))?;
                file.read_to_end(&mut now)?;
                match now == on_disk.as_bytes() {
                    true => false,
                    false => {
                        let theirs = String::from_utf8_lossy(&now).into_owned();
                        recovered = Some((after.clone(), theirs));
                        true
                    }
                }
            }
            Ok(false) => {
                let _ = fs::remove_file(&temp.path);
                true
            }
            Err(err) => {
                let _ = fs::remove_file(&temp.path);
                return Err(err.into());
            }
        };
        if again {
            changes += 1;
            if changes >= MAX_CHANGES && recovered.is_none() {
                return Err(UpdateError::KeptChanging);
            }
            // Give the other writer time to finish its save; but a save to
            // put back is put back at once, before its writer saves again.
            if recovered.is_none() {
                let pause = 20 * u64::from(changes.min(10));
                std::thread::sleep(std::time::Duration::from_millis(pause));
            }
            continue;
        }
        drop(temp);
        drop(file);
        return match refused {
            Some(err) => Err(UpdateError::Edit(err)),
            None => Ok(Updated { before, after }),
        };
    }
    Err(UpdateError::Io(io::Error::other(format!(
        "{} kept being replaced by other writers; try again",
        path.display()
    ))))
}

/// Refuses a file its permissions keep from being read or written. The
/// permission bits are read as well as the open tried: root opens a file
/// with mode 0444 for writing, but its owner said "read-only".
fn permitted<E>(path: &Path, metadata: &fs::Metadata) -> Result<(), UpdateError<E>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if metadata.permissions().mode() & 0o444 == 0 {
            return Err(UpdateError::Unreadable);
        }
    }
    if metadata.permissions().readonly() {
        return Err(UpdateError::ReadOnly);
    }
    match OpenOptions::new().write(true).open(path) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::PermissionDenied => Err(UpdateError::ReadOnly),
        Err(err) => Err(err.into()),
    }
}

/// Whether `path` still names the open `file` and holds `bytes`: nobody
/// wrote it since it was read (an editor ignores okr's lock).
fn unchanged(file: &File, path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if !still_names(file, path)? {
        return Ok(false);
    }
    let mut now = Vec::with_capacity(bytes.len() + 1);
    File::open(path)?
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut now)?;
    Ok(now == bytes)
}

/// Whether `path` still names the open `file` (not a file renamed over it).
#[cfg(unix)]
fn still_names(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    match fs::metadata(path) {
        Ok(named) => Ok(open.dev() == named.dev() && open.ino() == named.ino()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(err) => Err(err),
    }
}

#[cfg(not(unix))]
fn still_names(_file: &File, _path: &Path) -> io::Result<bool> {
    Ok(true)
}

/// Gives the replacement the original's permissions, and its owner and group
/// where allowed (root editing someone else's file).
fn keep_owner_and_mode(temp: &Path, original: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // A user who may not give the file away may still keep its group
        // (one of their groups, a shared folder's).
        if std::os::unix::fs::chown(temp, Some(original.uid()), Some(original.gid())).is_err() {
            let _ = std::os::unix::fs::chown(temp, None, Some(original.gid()));
        }
    }
    fs::set_permissions(temp, original.permissions())
}

/// Flushes the folder of `path`, so that the rename survives a crash. Best
/// effort: not every platform can open a folder.
fn sync_folder(path: &Path) {
    if let Some(folder) = path.parent() {
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
}

fn already_exists(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{} already exists", path.display()),
    )
}

/// A temporary file written beside its target, locked while it exists so
/// that [`remove_stale_temps`] leaves it alone.
struct Temp {
    path: PathBuf,
    _file: File,
}

/// Writes `contents` to a new, hidden file in the folder of `path` (hidden, so
/// that `okr` never reads it as an OKR file) and flushes it to disk. Its name
/// is `.NAME.PID.N.tmp`, the pattern [`remove_stale_temps`] looks for.
fn write_temp_beside(path: &Path, contents: &[u8]) -> io::Result<Temp> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let folder = folder_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "okr".into(), |n| n.to_string_lossy());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => {
                // Held until the temporary is renamed or removed; a killed
                // process loses it, which is how its leftover is known.
                let _ = fs4::FileExt::try_lock(&file);
                return fill(&file, &temp, contents).map(|()| Temp {
                    path: temp,
                    _file: file,
                });
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn fill(mut file: &File, temp: &Path, contents: &[u8]) -> io::Result<()> {
    let written = file.write_all(contents).and_then(|()| file.sync_all());
    if written.is_err() {
        let _ = fs::remove_file(temp);
    }
    written
}

/// A leftover is only removed once it is this old, unless the process that
/// wrote it is known to be gone.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(600);

/// Removes from the folder of `path` the temporary files that writes killed
/// midway left (`kill -9`, a power cut): only names of okr's own pattern
/// (`.NAME.PID.N.tmp`, regular files), only unlocked ones (a live writer
/// holds its temporary's lock), and only when the process named in it is no
/// longer running or the file is `STALE_AFTER` old. Best effort: a
/// leftover that cannot be removed stays, hidden, and is never read.
pub fn remove_stale_temps(path: &Path) {
    let Ok(entries) = fs::read_dir(folder_of(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        let temp = entry.path();
        let Ok(meta) = fs::symlink_metadata(&temp) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.is_file() || !(old || process_gone(pid)) {
            continue;
        }
        let Ok(file) = File::open(&temp) else {
            continue;
        };
        if fs4::FileExt::try_lock(&file).is_ok() {
            let _ = fs::remove_file(&temp);
        }
    }
}

/// The process id in a name of okr's temporary pattern, `.NAME.PID.N.tmp`.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = rest.rsplitn(3, '.');
    let n = parts.next()?;
    let pid = parts.next()?;
    let target = parts.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(n) && digits(pid) && !target.is_empty())
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether process `pid` is known not to run (Linux's `/proc`; elsewhere
/// unknown, and only age makes a leftover stale).
fn process_gone(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new("/proc").join(pid.to_string()).exists()
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
    fn file_with(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("devrel.yaml");
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn update_replaces_the_text_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let updated = update(&path, |t| Ok::<_, ()>(format!("{t}b\n"))).unwrap();
        assert_eq!(updated.before, "a\n");
        assert_eq!(updated.after, "a\nb\n");
        assert_eq!(fs::read_to_string(&path).unwrap(), "a\nb\n");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }

    #[test]
    fn update_follows_a_symbolic_link() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        update(&link, |t| Ok::<_, ()>(format!("{t}b\n"))).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&path).unwrap(), "a\nb\n");
    }

    #[test]
    fn a_refused_edit_or_a_failed_write_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        let err = update(&path, |_| Err::<String, _>("no")).unwrap_err();
        assert!(matches!(err, UpdateError::Edit("no")));
        // A writer that fails midway, as on a full disk: it leaves no file.
        let failing = |target: &Path, bytes: &[u8]| -> io::Result<Temp> {
            let half = bytes.get(..bytes.len() / 2).unwrap();
            let temp = write_temp_beside(target, half)?;
            fs::remove_file(&temp.path)?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        };
        let err = update_with(&path, |t| Ok::<_, ()>(t.repeat(100)), failing).unwrap_err();
        assert!(matches!(err, UpdateError::Io(e) if e.kind() == io::ErrorKind::StorageFull));
        assert_eq!(fs::read_to_string(&path).unwrap(), "a\n");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
        // An edit that changes nothing writes nothing.
        let updated = update(&path, |t| Ok::<_, ()>(t.to_string())).unwrap();
        assert_eq!(updated.before, updated.after);
    }

    /// Run by `a_write_over_the_file_size_limit_changes_nothing` in a child
    /// process with a 1 KiB file-size limit; does nothing on its own.
    #[test]
    #[ignore = "run by a_write_over_the_file_size_limit_changes_nothing"]
    fn child_update_over_the_size_limit() {
        let Some(path) = std::env::var_os("OKR_TEST_UPDATE_PATH") else {
            return;
        };
        let err = update(Path::new(&path), |t| Ok::<_, ()>(t.repeat(500))).unwrap_err();
        assert!(matches!(err, UpdateError::Io(_)), "{err:?}");
    }

    #[test]
    fn a_write_over_the_file_size_limit_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "quarter: 2026-Q4\n");
        let me = std::env::current_exe().unwrap();
        // SIGXFSZ ignored, so the write fails with EFBIG after its first KiB.
        let output = std::process::Command::new("bash")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" --exact write::tests::child_update_over_the_size_limit --ignored --test-threads 1")
            .arg(&me)
            .env("OKR_TEST_UPDATE_PATH", &path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains("1 passed"), "{stdout}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "quarter: 2026-Q4\n");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }

    /// An editor's save between okr's reading the file and its rename: in
    /// place (same file) and by rename (a new file), as editors do.
    fn save_as_an_editor(path: &Path, by_rename: bool) {
        let text = fs::read_to_string(path).unwrap();
        let saved = format!("{text}# saved by an editor\n");
        if by_rename {
            let other = path.with_extension("editor-swap");
            fs::write(&other, saved).unwrap();
            fs::rename(&other, path).unwrap();
        } else {
            fs::write(path, saved).unwrap();
        }
    }

    #[test]
    fn an_editor_save_while_okr_writes_is_kept_and_the_edit_redone_on_it() {
        for by_rename in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = file_with(dir.path(), "a\n");
            let saves = std::cell::Cell::new(0);
            // The editor saves once, after okr read the file and wrote its
            // temporary, just before the rename: the moment a save was lost.
            let racing = |target: &Path, bytes: &[u8]| {
                let temp = write_temp_beside(target, bytes)?;
                if saves.get() == 0 {
                    save_as_an_editor(target, by_rename);
                    saves.set(1);
                }
                Ok(temp)
            };
            let mut edits = 0;
            let updated = update_with(
                &path,
                |t| {
                    edits += 1;
                    Ok::<_, ()>(format!("{t}b\n"))
                },
                racing,
            )
            .unwrap();
            assert_eq!(edits, 2, "started over on the saved text");
            assert_eq!(updated.before, "a\n# saved by an editor\n");
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                "a\n# saved by an editor\nb\n",
                "by rename: {by_rename}"
            );
            assert_eq!(entries(dir.path()), ["devrel.yaml"]);
        }
    }

    #[test]
    fn a_file_that_keeps_changing_is_refused_and_left_as_the_editor_saved_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        let always = |target: &Path, bytes: &[u8]| {
            let temp = write_temp_beside(target, bytes)?;
            save_as_an_editor(target, false);
            Ok(temp)
        };
        let err = update_with(&path, |t| Ok::<_, ()>(format!("{t}b\n")), always).unwrap_err();
        assert!(matches!(err, UpdateError::KeptChanging), "{err:?}");
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text.matches("# saved by an editor").count() as u32,
            MAX_CHANGES
        );
        assert!(!text.contains("b\n"), "{text}");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }

    #[test]
    fn read_only_and_unreadable_files_are_refused_even_for_root() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        for (mode, unreadable) in [(0o444, false), (0o400, false), (0o000, true), (0o200, true)] {
            fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
            let err = update(&path, |t| Ok::<_, ()>(format!("{t}b\n"))).unwrap_err();
            match unreadable {
                true => assert!(matches!(err, UpdateError::Unreadable), "{mode:o}: {err:?}"),
                false => assert!(matches!(err, UpdateError::ReadOnly), "{mode:o}: {err:?}"),
            }
            let meta = fs::metadata(&path).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, mode);
        }
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a\n");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }

    #[test]
    fn update_keeps_owner_and_group_where_allowed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        // As root, another owner and group; otherwise the user's own.
        let _ = std::os::unix::fs::chown(&path, Some(4242), Some(4343));
        let before = fs::metadata(&path).unwrap();
        update(&path, |t| Ok::<_, ()>(format!("{t}b\n"))).unwrap();
        let after = fs::metadata(&path).unwrap();
        assert_ne!(before.ino(), after.ino(), "replaced by a rename");
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_eq!(after.mode(), before.mode());
    }

    #[test]
    fn temporaries_of_dead_writers_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        let me = std::process::id();
        // No process has an id above the kernel's limit (at most 2^22).
        let dead = [".devrel.yaml.4194305.0.tmp", ".web.yaml.4194399.17.tmp"];
        let kept = [
            format!(".devrel.yaml.{me}.999.tmp"), // a live writer's, fresh
            ".devrel.yaml.swp".to_string(),       // an editor's
            ".devrel.yaml.x.0.tmp".to_string(),   // not okr's pattern
            ".4194305.0.tmp".to_string(),         // no target name
            "notes.4194305.0.tmp".to_string(),    // not hidden
        ];
        for name in dead.iter().copied().chain(kept.iter().map(String::as_str)) {
            fs::write(dir.path().join(name), "left over").unwrap();
        }
        // A dead writer's name that is a folder is not okr's either.
        fs::create_dir(dir.path().join(".x.yaml.4194305.1.tmp")).unwrap();
        update(&path, |t| Ok::<_, ()>(format!("{t}b\n"))).unwrap();
        let mut expected: Vec<String> = kept.to_vec();
        expected.push(".x.yaml.4194305.1.tmp".into());
        expected.push("devrel.yaml".into());
        expected.sort();
        assert_eq!(entries(dir.path()), expected);
        // create_new cleans up too.
        fs::write(dir.path().join(dead[0]), "left over").unwrap();
        create_new(&dir.path().join("web.yaml"), b"x").unwrap();
        assert!(!dir.path().join(dead[0]).exists());
    }

    #[test]
    fn a_locked_temporary_is_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(dir.path(), "a\n");
        let name = dir.path().join(".devrel.yaml.4194305.3.tmp");
        fs::write(&name, "being written").unwrap();
        let holder = File::open(&name).unwrap();
        fs4::FileExt::lock(&holder).unwrap();
        remove_stale_temps(&path);
        assert!(name.exists());
        drop(holder);
        remove_stale_temps(&path);
        assert!(!name.exists());
    }

    #[test]
    fn twenty_concurrent_checkins_all_land() {
        use crate::edit::{add_checkin, NewCheckin};
        let dir = tempfile::tempdir().unwrap();
        let path = file_with(
            dir.path(),
            "quarter: 2026-Q4\nteam: devrel\nobjectives:\n  - id: o\n    title: T\n    key_results:\n      - id: k\n        title: Tickets fall\n        baseline: 120\n        target: 60\n        checkins:\n          - date: 2026-10-01\n            value: 120\n",
        );
        let threads: Vec<_> = (0..20u32)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let checkin = NewCheckin {
                        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 2 + i).unwrap(),
                        value: f64::from(100 + i),
                        confidence: None,
                        note: Some(format!("writer {i}")),
                    };
                    update(&path, |text| {
                        add_checkin(text, "o", "k", &checkin, false).map(|added| added.text)
                    })
                    .unwrap();
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let text = fs::read_to_string(&path).unwrap();
        let file: crate::model::OkrFile = serde_yaml::from_str(&text).unwrap();
        let checkins = file.objectives[0].key_results[0].checkins();
        assert_eq!(checkins.len(), 21, "{text}");
        let dates: Vec<_> = checkins.iter().map(|c| c.date.0).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "in date order");
        assert_eq!(entries(dir.path()), ["devrel.yaml"]);
    }
}
