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

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::ops::ControlFlow;
use std::path::{Component, Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

use chrono::NaiveDate;

use crate::model::parse_date;

/// Blobs larger than this are not read: the loader's bound on an OKR file
/// (`load::MAX_FILE_BYTES`), kept here so a history read is bounded alike.
const MAX_BLOB_BYTES: u64 = 32 * 1024 * 1024;

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

/// What git can tell about the OKR files' history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum History {
    /// The folder is not in a git work tree: there is nothing to report.
    NotARepository,
    /// No `git` executable was found: there is nothing to report.
    GitMissing,
    /// A shallow clone: history is truncated, so nothing is reported. The note
    /// says so and how to fetch the whole history.
    Shallow { note: String },
    /// git is there but could not be read (a repository owned by another user
    /// and not in `safe.directory`, a damaged repository): nothing is
    /// reported, and the note says why.
    Unavailable { note: String },
    /// The files changed in the range, sorted by path.
    Files(Vec<FileHistory>),
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
    read(okr_dir, None, since, until)
}

/// One file's versions (for `okr history`), by the same rules; the version
/// from before `since` is given even when the file did not change in the
/// range. `file` is the file's path today: relative to `okr_dir`, or a path
/// that starts with `okr_dir`, or an absolute path. A file with no versions
/// gives `Files` with an empty list.
pub fn file_history(okr_dir: &Path, file: &Path, since: NaiveDate, until: NaiveDate) -> History {
    let relative = relative_to_dir(okr_dir, file);
    read(okr_dir, Some(&relative), since, until)
}

/// `file` relative to `okr_dir`, however it was given.
fn relative_to_dir(okr_dir: &Path, file: &Path) -> PathBuf {
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
/// we parse turned off whatever the user's configuration says.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args([
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
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Err(History::GitMissing),
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

fn read(okr_dir: &Path, wanted: Option<&Path>, since: NaiveDate, until: NaiveDate) -> History {
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

/// A commit as the log gives it.
struct Commit {
    id: String,
    date: NaiveDate,
}

/// One changed path of a commit, from `--raw` output.
enum Entry {
    /// Changed in place (`M`, `T`), or created (`A`, `C`: `created` is true).
    Changed {
        path: PathBuf,
        blob: String,
        regular: bool,
        created: bool,
    },
    /// Moved from `from` to `to` (`R`), perhaps changed too.
    Renamed {
        from: PathBuf,
        to: PathBuf,
        blob: String,
        regular: bool,
    },
    Deleted {
        path: PathBuf,
    },
}

/// Which part of the range a commit is in; the log walks back through them in turn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// After `until`: followed for renames only.
    After,
    /// From `since` to `until`: its versions are reported.
    Within,
    /// Before `since`: gives each file changed in the range its previous version.
    Before,
}

/// A version found by the log, before its text is read.
struct Found {
    commit: usize,
    path: PathBuf,
    blob: String,
    created: bool,
}

/// A file the log has found versions of, by its path today.
#[derive(Default)]
struct Track {
    /// Newest first, as the log walks.
    versions: Vec<Found>,
    /// Its oldest version is known: the one before the range, or its creation.
    complete: bool,
}

/// The state of the walk back through the log.
struct Walk<'a> {
    prefix: &'a Path,
    /// The one file asked for, by its path in the repository today.
    wanted: Option<PathBuf>,
    since: NaiveDate,
    until: NaiveDate,
    commits: Vec<Commit>,
    /// Path at the point of the walk → the file's path today; `None` when no
    /// file there then is a file now (it was deleted, or replaced later).
    /// Paths not in the map have not moved since.
    alias: HashMap<PathBuf, Option<PathBuf>>,
    files: HashMap<PathBuf, Track>,
    /// Files changed in the range whose older version is still to be found.
    open: usize,
    before: bool,
}

impl<'a> Walk<'a> {
    fn new(
        prefix: &'a Path,
        wanted: Option<&Path>,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Walk<'a> {
        let wanted = wanted.map(|file| prefix.join(file));
        let mut files = HashMap::new();
        if let Some(file) = &wanted {
            files.insert(file.clone(), Track::default());
        }
        Walk {
            prefix,
            open: files.len(),
            wanted,
            since,
            until,
            commits: Vec::new(),
            alias: HashMap::new(),
            files,
            before: false,
        }
    }

    /// Whether a path today is an OKR file (FORMAT.md section 1) of interest.
    fn is_wanted(&self, current: &Path) -> bool {
        if let Some(wanted) = &self.wanted {
            return current == wanted;
        }
        let Ok(relative) = current.strip_prefix(self.prefix) else {
            return false;
        };
        let hidden = relative
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        let yaml = relative
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .is_some_and(|e| e == "yaml" || e == "yml");
        yaml && !hidden
    }

    /// The path today of the file at `path` at this point of the walk.
    fn resolve(&self, path: &Path) -> Option<PathBuf> {
        match self.alias.get(path) {
            Some(current) => current.clone(),
            None => Some(path.to_path_buf()),
        }
    }

    /// Takes in one commit (newest first); `Break` once nothing more is needed.
    fn commit(&mut self, commit: Commit, entries: Vec<Entry>) -> ControlFlow<()> {
        let zone = if self.before || commit.date < self.since {
            self.before = true;
            Zone::Before
        } else if commit.date > self.until {
            Zone::After
        } else {
            Zone::Within
        };
        let index = self.commits.len();
        self.commits.push(commit);
        for entry in entries {
            let (path, blob, regular, created, current) = match entry {
                Entry::Deleted { path } => {
                    self.alias.insert(path, None);
                    continue;
                }
                Entry::Changed {
                    path,
                    blob,
                    regular,
                    created,
                } => {
                    let current = self.resolve(&path);
                    if created {
                        // Older commits' files at this path are not this one.
                        self.alias.insert(path.clone(), None);
                    }
                    (path, blob, regular, created, current)
                }
                Entry::Renamed {
                    from,
                    to,
                    blob,
                    regular,
                } => {
                    let current = self.resolve(&to);
                    self.alias.insert(from, current.clone());
                    self.alias.insert(to.clone(), None);
                    (to, blob, regular, false, current)
                }
            };
            let Some(current) = current else { continue };
            if !regular || !self.is_wanted(&current) {
                continue;
            }
            let found = Found {
                commit: index,
                path,
                blob,
                created,
            };
            match zone {
                Zone::After => {}
                Zone::Within => {
                    let track = self.files.entry(current).or_insert_with(|| {
                        self.open += 1;
                        Track::default()
                    });
                    if !track.complete {
                        track.versions.push(found);
                        if created {
                            track.complete = true;
                            self.open -= 1;
                        }
                    }
                }
                Zone::Before => {
                    if let Some(track) = self.files.get_mut(&current) {
                        if !track.complete {
                            track.versions.push(found);
                            track.complete = true;
                            self.open -= 1;
                        }
                    }
                }
            }
        }
        if zone == Zone::Before && self.open == 0 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    /// Every blob to read, each once.
    fn blob_ids(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.files
            .values()
            .flat_map(|track| &track.versions)
            .filter(|found| seen.insert(found.blob.as_str()))
            .map(|found| found.blob.clone())
            .collect()
    }

    /// The files with their versions, oldest first; versions whose blob could
    /// not be read are left out.
    fn into_files(self, prefix: &Path, mut blobs: HashMap<String, String>) -> Vec<FileHistory> {
        let commits = self.commits;
        // A text is moved into its last version and copied only for others
        // with the same content (a file moved, or changed back).
        let mut uses: HashMap<String, usize> = HashMap::new();
        for found in self.files.values().flat_map(|track| &track.versions) {
            *uses.entry(found.blob.clone()).or_default() += 1;
        }
        let mut take = |blob: &str| -> Option<String> {
            let left = uses.get_mut(blob)?;
            *left -= 1;
            if *left == 0 {
                blobs.remove(blob)
            } else {
                blobs.get(blob).cloned()
            }
        };
        let mut files: Vec<FileHistory> = self
            .files
            .into_iter()
            .filter_map(|(current, track)| {
                let versions: Vec<Version> = track
                    .versions
                    .into_iter()
                    .rev()
                    .filter_map(|found| {
                        let commit = commits.get(found.commit)?;
                        Some(Version {
                            short: commit.id.get(..7).unwrap_or(&commit.id).to_string(),
                            commit: commit.id.clone(),
                            date: commit.date,
                            path: found.path,
                            text: take(&found.blob)?,
                            created: found.created,
                        })
                    })
                    .collect();
                let current = current.strip_prefix(prefix).ok()?.to_path_buf();
                (!versions.is_empty()).then_some(FileHistory { current, versions })
            })
            .collect();
        files.sort_by(|a, b| a.current.cmp(&b.current));
        files
    }
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

/// Marks a commit header in the log, which otherwise holds NUL-separated
/// paths and `--raw` lines.
const HEADER: u8 = 0x01;

/// Runs `git log` over the OKR folder from `head`, newest first, feeding
/// `walk` as the output streams, and stops git once `walk` has had enough.
fn log(okr_dir: &Path, head: &str, walk: &mut Walk) -> Result<(), History> {
    let mut child = git(okr_dir)
        .args([
            "log",
            "-z",
            "--first-parent",
            "-M",
            "--raw",
            "--no-abbrev",
            "--no-color",
            "--format=%x01%H %cI",
            head,
            "--",
            ".",
        ])
        .spawn()
        .map_err(|err| History::Unavailable {
            note: format!("git history is unavailable: cannot run `git log`: {err}"),
        })?;
    let stderr = drain_stderr(&mut child);
    let stopped = match child.stdout.take() {
        Some(stdout) => parse_log(BufReader::new(stdout), walk),
        None => Ok(ControlFlow::Continue(())),
    };
    finish(child, stderr, "log", stopped)
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

/// Parses `git log -z --raw --format=%x01%H %cI` output: a header, then for
/// each changed path `:MODE MODE BLOB BLOB STATUS`, NUL, the path(s), NUL.
fn parse_log(mut out: impl BufRead, walk: &mut Walk) -> io::Result<ControlFlow<()>> {
    let mut commit: Option<(Commit, Vec<Entry>)> = None;
    let mut token = Vec::new();
    // The `--raw` line whose path(s) come next, and the first path of a rename.
    let mut meta: Option<(String, bool, u8)> = None;
    let mut first: Option<PathBuf> = None;
    loop {
        token.clear();
        if out.read_until(0, &mut token)? == 0 {
            break;
        }
        if token.last() == Some(&0) {
            token.pop();
        }
        if let Some((blob, regular, status)) = &meta {
            let path = from_bytes(&token);
            let entry = match (status, first.take()) {
                (b'R', None) => {
                    first = Some(path);
                    continue;
                }
                (b'R', Some(from)) => Entry::Renamed {
                    from,
                    to: path,
                    blob: blob.clone(),
                    regular: *regular,
                },
                (b'D', _) => Entry::Deleted { path },
                (status, _) => Entry::Changed {
                    path,
                    blob: blob.clone(),
                    regular: *regular,
                    created: matches!(status, b'A' | b'C'),
                },
            };
            if let Some((_, entries)) = &mut commit {
                entries.push(entry);
            }
            meta = None;
            continue;
        }
        let text = token.strip_prefix(b"\n").unwrap_or(&token);
        if let Some(header) = text.strip_prefix(&[HEADER]) {
            if let Some((done, entries)) = commit.take() {
                if walk.commit(done, entries).is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
            commit = parse_header(header).map(|c| (c, Vec::new()));
        } else if let Some(raw) = text.strip_prefix(b":") {
            meta = parse_raw(raw);
        }
    }
    match commit {
        Some((done, entries)) => Ok(walk.commit(done, entries)),
        None => Ok(ControlFlow::Continue(())),
    }
}

/// `ID DATE` → the commit, its date the day in the committer's own offset.
fn parse_header(header: &[u8]) -> Option<Commit> {
    let header = std::str::from_utf8(header).ok()?;
    let (id, date) = header.trim().split_once(' ')?;
    let date = parse_date(date.get(..10)?).ok()?;
    Some(Commit {
        id: id.to_string(),
        date,
    })
}

/// `OLDMODE NEWMODE OLDBLOB NEWBLOB STATUS` → the new blob, whether it is a
/// regular file (not a symbolic link or submodule), and the status letter.
fn parse_raw(raw: &[u8]) -> Option<(String, bool, u8)> {
    let raw = std::str::from_utf8(raw).ok()?;
    let mut fields = raw.split(' ');
    let _old_mode = fields.next()?;
    let new_mode = fields.next()?;
    let _old_blob = fields.next()?;
    let new_blob = fields.next()?;
    let status = *fields.next()?.as_bytes().first()?;
    let regular = matches!(new_mode, "100644" | "100755");
    Some((new_blob.to_string(), regular, status))
}

/// Reads the blobs `ids` with one `git cat-file --batch`; blobs that are
/// missing or over [`MAX_BLOB_BYTES`] are left out.
fn cat_blobs(okr_dir: &Path, ids: Vec<String>) -> Result<HashMap<String, String>, History> {
    let mut blobs = HashMap::new();
    if ids.is_empty() {
        return Ok(blobs);
    }
    let mut child = git(okr_dir)
        // `--buffer`: answers are not flushed one by one; we read them all.
        .args(["cat-file", "--batch", "--buffer"])
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|err| History::Unavailable {
            note: format!("git history is unavailable: cannot run `git cat-file`: {err}"),
        })?;
    let stderr = drain_stderr(&mut child);
    // Written from a thread: git answers as it reads, and with both pipes
    // full neither side would move.
    let writer = child.stdin.take().map(|mut stdin| {
        std::thread::spawn(move || {
            let mut requests = String::with_capacity(ids.len() * 41);
            for id in &ids {
                requests.push_str(id);
                requests.push('\n');
            }
            // A write error means git stopped early; its status says why.
            let _ = stdin.write_all(requests.as_bytes());
        })
    });
    let read = match child.stdout.take() {
        Some(stdout) => read_batch(BufReader::with_capacity(1 << 16, stdout), &mut blobs),
        None => Ok(0),
    };
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let missing = read.as_ref().map_or(0, |missing| *missing);
    finish(
        child,
        stderr,
        "cat-file",
        read.map(|_| ControlFlow::Continue(())),
    )?;
    if missing > 0 {
        // Leaving a version out would compare its neighbours across it and
        // date their difference wrongly.
        return Err(History::Unavailable {
            note: format!(
                "git history is unavailable: {missing} file versions are not in this clone \
                 (a partial clone?); fetch them with `git fetch --refetch`, or clone without `--filter`"
            ),
        });
    }
    Ok(blobs)
}

/// Reads `git cat-file --batch` answers: `ID TYPE SIZE`, the content, a newline;
/// or `NAME missing`. Returns how many were missing.
fn read_batch(mut out: impl BufRead, blobs: &mut HashMap<String, String>) -> io::Result<usize> {
    let mut header = String::new();
    let mut missing = 0;
    loop {
        header.clear();
        if out.read_line(&mut header)? == 0 {
            return Ok(missing);
        }
        let mut fields = header.split_whitespace();
        let (Some(id), Some(kind), Some(size)) = (fields.next(), fields.next(), fields.next())
        else {
            missing += 1; // `ID missing`
            continue;
        };
        let Ok(size) = size.parse::<u64>() else {
            return Err(io::Error::other(format!("unexpected answer `{header}`")));
        };
        if kind != "blob" || size > MAX_BLOB_BYTES {
            io::copy(&mut (&mut out).take(size + 1), &mut io::sink())?;
            continue;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
        (&mut out).take(size + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != size + 1 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        bytes.pop();
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        // Texts are large and many: keep the bytes read, without a copy.
        let text = String::from_utf8(bytes)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned());
        blobs.insert(id.to_string(), text);
    }
}

/// Real repositories for the tests of this module and of `goalposts`.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use tempfile::TempDir;

    /// Whether `git` runs here; when it does not, says the test is skipped.
    #[allow(clippy::print_stderr)] // the skip must be visible in the test output
    pub fn git_available(test: &str) -> bool {
        let found = Command::new("git").arg("--version").output().is_ok();
        if !found {
            eprintln!("skipped {test}: no `git` executable on this machine");
        }
        found
    }

    /// A `git` command isolated from the user's and the system's configuration.
    pub fn git(dir: &Path) -> Command {
        let mut command = Command::new("git");
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

    pub fn run(mut command: Command) -> String {
        let output = command.output().unwrap();
        assert!(
            output.status.success(),
            "{command:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// A repository with an `okrs` folder.
    pub struct TestRepo {
        pub dir: TempDir,
    }

    impl TestRepo {
        pub fn new() -> TestRepo {
            let dir = tempfile::tempdir().unwrap();
            let mut init = git(dir.path());
            init.args(["init", "-q"]);
            run(init);
            std::fs::create_dir(dir.path().join("okrs")).unwrap();
            TestRepo { dir }
        }

        pub fn root(&self) -> &Path {
            self.dir.path()
        }

        pub fn okrs(&self) -> PathBuf {
            self.dir.path().join("okrs")
        }

        /// Writes `okrs/<path>`.
        pub fn write(&self, path: &str, text: &str) {
            let path = self.okrs().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        pub fn git(&self, args: &[&str]) -> String {
            let mut command = git(self.root());
            command.args(args);
            run(command)
        }

        /// Commits everything with author and committer date `date`
        /// (`2026-10-20` means noon UTC; a full ISO date is kept as is);
        /// returns the full commit id.
        pub fn commit(&self, date: &str) -> String {
            let date = if date.len() == 10 {
                format!("{date}T12:00:00+00:00")
            } else {
                date.to_string()
            };
            self.git(&["add", "-A"]);
            let mut command = git(self.root());
            command
                .env("GIT_AUTHOR_DATE", &date)
                .env("GIT_COMMITTER_DATE", &date)
                .args(["commit", "-q", "--allow-empty", "-m", &format!("at {date}")]);
            run(command);
            self.git(&["rev-parse", "HEAD"]).trim().to_string()
        }
    }

    /// A one-key-result team file: `target` and check-ins `(date, value)`.
    pub fn okr_file(target: &str, checkins: &[(&str, &str)]) -> String {
        let mut text = String::from(
            "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: speed\n    title: Pages feel instant\n    key_results:\n      - id: p95\n        title: p95 latency falls to 400 ms\n        baseline: 900\n",
        );
        text.push_str(&format!("        target: {target}\n        unit: ms\n"));
        if !checkins.is_empty() {
            text.push_str("        checkins:\n");
            for (date, value) in checkins {
                text.push_str(&format!(
                    "          - date: {date}\n            value: {value}\n"
                ));
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{git_available, okr_file, TestRepo};
    use super::*;

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
        let mut walk = Walk::new(&prefix, None, day("2026-10-01"), day("2026-12-31"));
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
}
