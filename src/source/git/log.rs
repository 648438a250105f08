//! The walk back through `git log`: which versions of which files, by their
//! path today, following renames; stopped as soon as it has what it needs.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{drain_stderr, finish, from_bytes, git, FileHistory, History, Version, Wanted};
use crate::model::parse_date;

/// A commit as the log gives it.
pub(super) struct Commit {
    id: String,
    date: NaiveDate,
}

/// One changed path of a commit, from `--raw` output.
pub(super) enum Entry {
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
pub(super) struct Found {
    commit: usize,
    path: PathBuf,
    pub(super) blob: String,
    created: bool,
}

/// A file the log has found versions of, by its path today.
#[derive(Default)]
pub(super) struct Track {
    /// Newest first, as the log walks.
    pub(super) versions: Vec<Found>,
    /// Its oldest version is known: the one before the range, or its creation.
    complete: bool,
}

/// The state of the walk back through the log.
pub(super) struct Walk<'a> {
    prefix: &'a Path,
    /// The files asked for, by their paths in the repository today; `None`
    /// for every OKR file.
    wanted: Option<HashSet<PathBuf>>,
    since: NaiveDate,
    until: NaiveDate,
    commits: Vec<Commit>,
    /// Path at the point of the walk → the file's path today; `None` when no
    /// file there then is a file now (it was deleted, or replaced later).
    /// Paths not in the map have not moved since.
    pub(super) alias: HashMap<PathBuf, Option<PathBuf>>,
    pub(super) files: HashMap<PathBuf, Track>,
    /// Files changed in the range whose older version is still to be found.
    open: usize,
    before: bool,
}

impl<'a> Walk<'a> {
    pub(super) fn new(
        prefix: &'a Path,
        wanted: Wanted,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Walk<'a> {
        let mut files = HashMap::new();
        let wanted = match wanted {
            Wanted::All => None,
            Wanted::Files(list) => Some(list.iter().map(|file| prefix.join(file)).collect()),
            Wanted::One(file) => {
                let file = prefix.join(file);
                files.insert(file.clone(), Track::default());
                Some(HashSet::from([file]))
            }
        };
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

    /// Whether a path today is an OKR file (`docs/format.md#the-okr-directory`) of interest.
    fn is_wanted(&self, current: &Path) -> bool {
        if let Some(wanted) = &self.wanted {
            return wanted.contains(current);
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
    pub(super) fn blob_ids(&self) -> Vec<String> {
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
    pub(super) fn into_files(
        self,
        prefix: &Path,
        mut blobs: HashMap<String, String>,
    ) -> Vec<FileHistory> {
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

/// Marks a commit header in the log, which otherwise holds NUL-separated
/// paths and `--raw` lines.
const HEADER: u8 = 0x01;

/// Runs `git log` over the OKR folder from `head`, newest first, feeding
/// `walk` as the output streams, and stops git once `walk` has had enough.
pub(super) fn log(okr_dir: &Path, head: &str, walk: &mut Walk) -> Result<(), History> {
    let mut child = git(okr_dir)
        .args([
            "log",
            "-z",
            "--first-parent",
            "-M",
            "--raw",
            "--no-abbrev",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
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

/// Parses `git log -z --raw --format=%x01%H %cI` output: a header, then for
/// each changed path `:MODE MODE BLOB BLOB STATUS`, NUL, the path(s), NUL.
pub(super) fn parse_log(mut out: impl BufRead, walk: &mut Walk) -> io::Result<ControlFlow<()>> {
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
