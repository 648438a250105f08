//! Reading the OKR files' history from git: which versions of each file were
//! committed in a date range, with their commit, date and text.
//!
//! We run the `git` executable rather than linking gix or git2. It is on every
//! CI machine and developer laptop that has the repository at all, it adds no
//! build time or C dependency, and it already handles everything a library
//! would need us to get right: shallow clones, packfiles and their deltas,
//! rename detection, worktrees, `safe.directory`, alternates. The cost is a
//! few processes per run, so the number is fixed, whatever the number of files:
//!
//! 1. one `git rev-parse`: work tree? shallow? where is the OKR folder in the
//!    repository? which commit is `HEAD`? Outside git this is the only call,
//!    so `okr grade` on a folder without history pays one process;
//! 2. one `git log --raw -M` over the OKR folder, read as it streams, newest
//!    commit first, and stopped as soon as every file changed in the range has
//!    its version from before the range: it gives each commit's id and date
//!    and the blob id of every changed file, and its renames let a file be
//!    followed to its path today (commits after the range are read for
//!    their renames only);
//! 3. one `git cat-file --batch` for all the blobs, by id (no temporary files,
//!    no process per blob, identical blobs read once).
//!
//! History is read along first parents: the order in which changes landed on
//! the current branch. A change made on a branch is seen in the merge that
//! brought it in, with that merge's date and id; reading every parent would
//! interleave the branch's versions with the main line's and report each
//! difference between them as a change back and forth.
//!
//! Dates are committer dates, each in the commit's own offset: the day the
//! committer saw on their calendar. They honour `GIT_COMMITTER_DATE`.
//!
//! A shallow clone (CI's default) is reported as [`History::Shallow`] and
//! read no further: its oldest commit looks as if it created every file, so
//! any comparison with it would be false.

mod cat;
mod log;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

use std::io::{self, Read};
use std::ops::ControlFlow;
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

use chrono::NaiveDate;

use cat::cat_blobs;
use log::{log, Walk};

/// One committed version of an OKR file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The commit's full id.
    pub commit: String,
    /// The commit's id shortened to 7 characters.
    pub short: String,
    /// The committer date, in the commit's own offset.
    pub date: NaiveDate,
    /// The file's path in the repository (from its top level) at that commit.
    pub path: PathBuf,
    /// The file's text at that commit (a leading byte-order mark removed).
    pub text: String,
    /// This commit created the file (it was added or copied here, not moved
    /// or changed): the version is the file's first, so `okr history` can say
    /// "created" rather than "first seen".
    pub created: bool,
}

/// What git can tell about the OKR files' history: `T` is what was read
/// (the versions of each file, or, once parsed in the read stage, their
/// models: [`crate::revisions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum History<T = Vec<FileHistory>> {
    /// The folder is not in a git work tree: there is nothing to report.
    NotARepository,
    /// No `git` executable was found, and no `.git` in the folder or above
    /// it: there is nothing to report. (Inside a repository, a missing `git`
    /// is [`History::Unavailable`], with a note.)
    GitMissing,
    /// A shallow clone: history is truncated, so nothing is reported. The note
    /// says so and how to fetch the whole history.
    Shallow { note: String },
    /// git is there but could not be read (a repository owned by another user
    /// and not in `safe.directory`, a damaged repository): nothing is
    /// reported, and the note says why.
    Unavailable { note: String },
    /// The files changed in the range, sorted by path.
    Files(T),
}

impl<T> History<T> {
    /// The same answer, with what was read turned into something else.
    pub fn map<U>(self, read: impl FnOnce(T) -> U) -> History<U> {
        match self {
            History::NotARepository => History::NotARepository,
            History::GitMissing => History::GitMissing,
            History::Shallow { note } => History::Shallow { note },
            History::Unavailable { note } => History::Unavailable { note },
            History::Files(files) => History::Files(read(files)),
        }
    }
}

/// The versions of one OKR file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHistory {
    /// The file's path now, relative to the OKR folder.
    pub current: PathBuf,
    /// Its versions, oldest first.
    pub versions: Vec<Version>,
}

/// The note for a shallow clone.
pub const SHALLOW_NOTE: &str =
    "git history is unavailable: this is a shallow clone, so its history \
is truncated and moved goal posts cannot be told; fetch the whole history to see them \
(`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`)";

/// The versions of the OKR files under `okr_dir` committed between `since`
/// and `until` (inclusive dates), plus for each of those files the last
/// version committed before `since` (so a change right after `since` has a
/// "from"). Files not changed in the range are not listed; deleted files are
/// not either. Renamed and moved files are followed and listed under their
/// path today.
pub fn history(okr_dir: &Path, since: NaiveDate, until: NaiveDate) -> History {
    read(okr_dir, Wanted::All, since, until)
}

/// [`history`] for the given files only (what a view shows): other files'
/// versions are neither read from git nor listed. `files` are paths today,
/// each given as for [`file_history`]; a file git does not know has no versions.
pub fn files_history(
    okr_dir: &Path,
    files: &[PathBuf],
    since: NaiveDate,
    until: NaiveDate,
) -> History {
    let relative: Vec<PathBuf> = files.iter().map(|f| relative_to_dir(okr_dir, f)).collect();
    read(okr_dir, Wanted::Files(&relative), since, until)
}

/// One file's versions (for `okr history`), by the same rules; the version
/// from before `since` is given even when the file did not change in the
/// range. `file` is the file's path today: relative to `okr_dir`, or a path
/// that starts with `okr_dir`, or an absolute path. A file with no versions
/// gives `Files` with an empty list.
pub fn file_history(okr_dir: &Path, file: &Path, since: NaiveDate, until: NaiveDate) -> History {
    let relative = relative_to_dir(okr_dir, file);
    read(okr_dir, Wanted::One(&relative), since, until)
}

/// Which files a read is about, by their paths today relative to the OKR folder.
#[derive(Clone, Copy)]
enum Wanted<'a> {
    /// Every OKR file that changed in the range.
    All,
    /// These files, when they changed in the range.
    Files(&'a [PathBuf]),
    /// This file, with its version from before the range even when unchanged.
    One(&'a Path),
}

/// `file` relative to `okr_dir`, however it was given.
pub fn relative_to_dir(okr_dir: &Path, file: &Path) -> PathBuf {
    let strip = |dir: &Path, file: &Path| file.strip_prefix(dir).ok().map(Path::to_path_buf);
    let relative = strip(okr_dir, file)
        .or_else(|| {
            let dir = okr_dir.canonicalize().ok()?;
            let file = file.canonicalize().ok()?;
            strip(&dir, &file)
        })
        .unwrap_or_else(|| file.to_path_buf());
    relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// Where the OKR folder is, as far as git is concerned.
struct Repo {
    /// The OKR folder's path from the repository's top level (empty at the top).
    prefix: PathBuf,
    /// The commit `HEAD` names; `None` before the first commit.
    head: Option<String>,
}

/// A `git` command in `dir`, with the settings that would change the output
/// we parse pinned whatever the user's or the repository's configuration
/// says (`docs/robustness.md#untrusted-text`): the root commit's files listed, UTF-8 text,
/// no pager, colour, external diff, text conversion or fsmonitor hook.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("--no-pager")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "log.showRoot=true",
            "-c",
            "i18n.logOutputEncoding=UTF-8",
            "-c",
            "core.pager=cat",
            "-c",
            "color.ui=false",
            "-c",
            "diff.external=",
            "-c",
            "diff.noprefix=false",
            "-c",
            "log.decorate=false",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.untrackedCache=false",
            "-c",
            "diff.relative=false",
            "-c",
            "log.showSignature=false",
            "-c",
            "core.quotePath=false",
            "-c",
            "log.follow=false",
        ])
        // Messages in English, so "not a git repository" can be told apart.
        .env("LC_ALL", "C")
        .env("LANGUAGE", "")
        // In a partial clone (`--filter=blob:none`), git would fetch each
        // missing blob over the network, one request at a time: say instead
        // that history is incomplete.
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// The note for git failing with `stderr`.
fn unavailable(what: &str, stderr: &[u8]) -> History {
    let stderr = String::from_utf8_lossy(stderr);
    let reason = stderr
        .lines()
        .map(|line| line.trim().trim_start_matches("fatal: ").trim())
        .find(|line| !line.is_empty())
        .unwrap_or("no reason given");
    History::Unavailable {
        note: format!("git history is unavailable: `git {what}` failed: {reason}"),
    }
}

/// The note for a repository read without a `git` executable.
pub const GIT_MISSING_NOTE: &str = "git history is unavailable: no `git` executable was found, \
so moved goal posts cannot be told; install git to see them";

/// Without git to ask: whether `dir` or a folder above it holds `.git`, so
/// that a missing `git` is worth a note there and nowhere else.
fn in_a_repository(dir: &Path) -> bool {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors().any(|folder| folder.join(".git").exists())
}

/// One `git rev-parse`: is `okr_dir` in a work tree, is the clone shallow,
/// where is the folder in the repository, and what is `HEAD`.
fn probe(okr_dir: &Path) -> Result<Repo, History> {
    let output = git(okr_dir)
        .args([
            "rev-parse",
            "--is-inside-work-tree",
            "--is-shallow-repository",
            "--show-prefix",
            "HEAD",
        ])
        .output();
    let output = match output {
        Ok(output) => output,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Err(if in_a_repository(okr_dir) {
                History::Unavailable {
                    note: GIT_MISSING_NOTE.to_string(),
                }
            } else {
                History::GitMissing
            })
        }
        Err(err) => {
            return Err(History::Unavailable {
                note: format!("git history is unavailable: cannot run `git`: {err}"),
            })
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    // Outside a repository git prints nothing; in a `.git` folder, `false`.
    // Before the first commit it prints the first three answers, then fails
    // on `HEAD`: a repository with nothing to report.
    if lines.next() != Some("true") {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("not a git repository") || output.status.success() {
            return Err(History::NotARepository);
        }
        return Err(unavailable("rev-parse", &output.stderr));
    }
    if lines.next() == Some("true") {
        return Err(History::Shallow {
            note: SHALLOW_NOTE.to_string(),
        });
    }
    let prefix = lines.next().unwrap_or_default();
    let head = lines
        .next()
        .filter(|id| id.len() >= 40 && id.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    Ok(Repo {
        prefix: from_bytes(prefix.trim_end_matches('/').as_bytes()),
        head,
    })
}

fn read(okr_dir: &Path, wanted: Wanted, since: NaiveDate, until: NaiveDate) -> History {
    let repo = match probe(okr_dir) {
        Ok(repo) => repo,
        Err(history) => return history,
    };
    let Some(head) = repo.head else {
        return History::Files(Vec::new());
    };
    let mut walk = Walk::new(&repo.prefix, wanted, since, until);
    if let Err(history) = log(okr_dir, &head, &mut walk) {
        return history;
    }
    let blobs = match cat_blobs(okr_dir, walk.blob_ids()) {
        Ok(blobs) => blobs,
        Err(history) => return history,
    };
    History::Files(walk.into_files(&repo.prefix, blobs))
}

/// A path as git wrote it.
fn from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Reads `child`'s stderr on a thread, so that a git writing many warnings
/// never blocks while we read its stdout.
fn drain_stderr(child: &mut Child) -> Option<JoinHandle<Vec<u8>>> {
    let mut pipe = child.stderr.take()?;
    Some(std::thread::spawn(move || {
        let mut stderr = Vec::new();
        let _ = pipe.read_to_end(&mut stderr);
        stderr
    }))
}

/// Waits for `child`, stopping it first if we stopped reading; a failure
/// (of git, or of reading its output) makes history unavailable.
fn finish(
    mut child: Child,
    stderr: Option<JoinHandle<Vec<u8>>>,
    what: &str,
    read: io::Result<ControlFlow<()>>,
) -> Result<(), History> {
    let stopped = matches!(read, Ok(ControlFlow::Break(())));
    if stopped {
        // Everything needed is read: the rest of the history is not wanted.
        let _ = child.kill();
    }
    let status = child.wait();
    let stderr = stderr
        .and_then(|thread| thread.join().ok())
        .unwrap_or_default();
    if let Err(err) = read {
        return Err(History::Unavailable {
            note: format!("git history is unavailable: reading `git {what}` failed: {err}"),
        });
    }
    match status {
        Ok(status) if status.success() || stopped => Ok(()),
        _ => Err(unavailable(what, &stderr)),
    }
}
