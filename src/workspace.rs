//! The pipeline, run once: find the files, read and parse each (in parallel),
//! run the per-file checks while the text is at hand, build the index of
//! owners and objectives, then the checks across files. What later steps
//! need is kept here: each file's text, model and diagnostics, and the index
//! ([`Keep::Everything`]); or, for `okr check`, only what the checks across
//! files need ([`Keep::Index`]), so that its memory does not grow with the
//! size of the files.
//!
//! One bad file never stops or invalidates the others: reading, parsing and
//! checking are per file, and a panic in one becomes an error on that file.
//!
//! A view of one quarter reads only that quarter ([`Quarters`]): each file's
//! quarter is first sniffed from its head ([`crate::source::sniff`]), and
//! only the files of the quarter, and those whose quarter only a full parse
//! can tell, are parsed; files found to be of another quarter are then left
//! out. Every check across files is judged within one quarter, so what a
//! file of the quarter is told does not depend on the other quarters.

use std::borrow::Cow;
use std::collections::HashSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::check;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity, Span};
use crate::error::UsageError;
use crate::model::quarter::Calendar;
use crate::model::{OkrFile, Quarter};
use crate::source::document::SourceText;
use crate::source::sniff::{self, Sniff};
use crate::source::{self, discover, read};

pub use crate::source::file::{Index, LoadedFile, OwnerEntry};

/// Which person files a view may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum People<'a> {
    /// None: a many-owner view leaves them out.
    None,
    /// Every one (`--include-personal`).
    All,
    /// The one of this owner (a view of one owner).
    Only(&'a str),
}

impl People<'_> {
    /// Every person file with `--include-personal`; one owner's view shows
    /// that owner's files only; a many-owner view none.
    pub fn of(owner: Option<&str>, include_personal: bool) -> People<'_> {
        match owner {
            _ if include_personal => People::All,
            Some(owner) => People::Only(owner),
            None => People::None,
        }
    }

    /// Whether the view may show `okr`.
    fn shows(self, okr: &OkrFile) -> bool {
        match (&okr.person, self) {
            (None, _) | (Some(_), People::All) => true,
            (Some(person), People::Only(owner)) => person.as_str() == owner,
            (Some(_), People::None) => false,
        }
    }
}

/// What the workspace keeps of each file once its per-file checks have run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep<'a> {
    /// The text and the whole model: for views, grading-time diagnostics and edits.
    Everything,
    /// The text and the whole model of every file the view may show: for
    /// views that position grading-time warnings (`okr grade`). The other
    /// person files keep only what [`Keep::Index`] keeps, and no text.
    Shown { people: People<'a> },
    /// No text, and the whole model of every file the view may show: for
    /// views that position nothing in a file (`okr status`, `okr tree`,
    /// `okr report`). The other person files keep only what [`Keep::Index`]
    /// keeps.
    Models { people: People<'a> },
    /// No text, and of the model only what the checks across files read:
    /// the quarter, owner keys, objective ids and `aligns`, and the key
    /// results (ids and `owner`) of objectives where a key result names an
    /// owner; nothing else (no titles, notes, units or check-ins, and no key
    /// results elsewhere). The few files with a cross-file finding are read
    /// again to position it.
    Index,
}

impl Keep<'_> {
    /// Whether the per-file warnings are wanted: the views
    /// ([`Keep::Shown`], [`Keep::Models`]) show only errors.
    pub fn warnings(self) -> bool {
        matches!(self, Keep::Everything | Keep::Index)
    }
}

/// Which quarters' files a load reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quarters<'a> {
    /// Every file: `okr check`, and the views across quarters.
    All,
    /// The files of these quarters (`--quarter`; a check-in's quarters).
    Only(&'a [Quarter]),
    /// The files of the quarter a view without `--quarter` shows: the one
    /// containing this day, else the latest that has valid files
    /// ([`crate::view::choose_quarter`]).
    Containing(NaiveDate),
}

/// Whether a load skips, unparsed, the files whose head says they are of
/// another quarter (else it parses every file, then leaves out the same
/// ones): `OKR_NO_SKIP=1` turns it off, for the differential tests and to
/// rule the sniff out when debugging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Skip(pub bool);

/// Everything read from an OKR directory (or from paths given to `check`).
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    pub files: Vec<LoadedFile>,
    /// Problems not tied to a file's content, e.g. an unreadable folder.
    pub diagnostics: Vec<Diagnostic>,
    pub index: Index,
    /// What could not be verified (an `aligns` to an invalid file), said as
    /// `note:` lines on stderr.
    pub notes: Vec<String>,
}

impl Workspace {
    /// Reads every OKR file below `root`, keeping everything.
    pub fn load_dir(root: &Path, cwd: &Path, config: Config) -> Workspace {
        Workspace::load_dir_keeping(root, cwd, config, Keep::Everything)
    }

    /// Reads every OKR file below `root`, keeping what `keep` says.
    pub fn load_dir_keeping(root: &Path, cwd: &Path, config: Config, keep: Keep<'_>) -> Workspace {
        Workspace::load_dir_of(root, cwd, config, keep, Quarters::All, Skip(true))
    }

    /// Reads the OKR files below `root` of the quarters `quarters` says (and
    /// those whose quarter cannot be told), keeping what `keep` says.
    pub fn load_dir_of(
        root: &Path,
        cwd: &Path,
        config: Config,
        keep: Keep<'_>,
        quarters: Quarters<'_>,
        skip: Skip,
    ) -> Workspace {
        let mut diagnostics = Vec::new();
        let mut paths = Vec::new();
        discover::walk_typed(
            root,
            root,
            cwd,
            &mut paths,
            &mut diagnostics,
            &mut HashSet::new(),
        );
        let root = root.to_path_buf();
        // (A partial load sorts the files it keeps, not every path.)
        let wanted: Vec<Quarter> = match quarters {
            Quarters::All => {
                paths.sort_by(|(a, _), (b, _)| discover::path_order(a, b));
                let paths = paths.into_iter().map(|(path, _)| path).collect();
                let files = load_all(paths, cwd, &config, keep);
                return Workspace::finish(root, config, files, diagnostics, true);
            }
            Quarters::Only(wanted) => wanted.to_vec(),
            Quarters::Containing(day) => {
                return Workspace::load_view_of(
                    root,
                    cwd,
                    config,
                    keep,
                    paths,
                    diagnostics,
                    day,
                    skip,
                )
            }
        };
        let files = Partial::start(paths, &wanted, cwd, &config, keep, skip)
            .complete(&wanted, cwd, &config, keep);
        Workspace::finish(root, config, files, diagnostics, true)
    }

    /// The files of the quarter a view without `--quarter` shows (today's
    /// rule: the quarter containing `day` if it has files, else the latest
    /// that has files), and, when that quarter has no valid file after all,
    /// the latest that has one, found by reading every file.
    #[allow(clippy::too_many_arguments)]
    fn load_view_of(
        root: PathBuf,
        cwd: &Path,
        config: Config,
        keep: Keep<'_>,
        paths: Vec<(PathBuf, bool)>,
        diagnostics: Vec<Diagnostic>,
        day: NaiveDate,
        skip: Skip,
    ) -> Workspace {
        let wanted = config.calendar.containing(day);
        let partial = Partial::start(paths, &[wanted], cwd, &config, keep, skip);
        let known = partial.quarters();
        let pick = |quarters: &[Quarter]| match quarters.last() {
            _ if quarters.contains(&wanted) => wanted,
            Some(&latest) => latest,
            None => wanted,
        };
        let target = pick(&known);
        let files = partial.complete(&[target], cwd, &config, keep);
        let workspace = Workspace::finish(root, config, files, diagnostics, true);
        if known.is_empty() || workspace.quarters().contains(&target) {
            return workspace;
        }
        let Workspace {
            root,
            config,
            diagnostics,
            ..
        } = workspace;
        let mut paths = Vec::new();
        discover::walk_typed(
            &root,
            &root,
            cwd,
            &mut paths,
            &mut Vec::new(),
            &mut HashSet::new(),
        );
        paths.sort_by(|(a, _), (b, _)| discover::path_order(a, b));
        let all = paths.iter().map(|(path, _)| path.clone()).collect();
        let all = load_all(all, cwd, &config, keep);
        let all = Workspace::finish(root.clone(), config.clone(), all, Vec::new(), true);
        let target = pick(&all.quarters());
        drop(all);
        let files = Partial::start(paths, &[target], cwd, &config, keep, skip).complete(
            &[target],
            cwd,
            &config,
            keep,
        );
        Workspace::finish(root, config, files, diagnostics, true)
    }

    /// The OKR files below `root`, sorted, and the problems met on the way
    /// (the first stage of [`Self::load_dir`], for a caller that keeps the
    /// files it read: `okr lsp`).
    pub fn discover_dir(root: &Path, cwd: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut paths = Vec::new();
        discover::walk(
            root,
            root,
            cwd,
            &mut paths,
            &mut diagnostics,
            &mut HashSet::new(),
        );
        paths.sort_by(|a, b| discover::path_order(a, b));
        (paths, diagnostics)
    }

    /// The last stage of [`Self::load_dir`] on files already read and
    /// checked alone ([`load_one`]): the index and the checks across files.
    /// The checks across files only add to each file's diagnostics.
    pub fn from_loaded(
        root: PathBuf,
        config: Config,
        files: Vec<LoadedFile>,
        diagnostics: Vec<Diagnostic>,
    ) -> Workspace {
        Workspace::finish(root, config, files, diagnostics, true)
    }

    /// Reads the given files and folders (for `okr check PATH ...`). A path
    /// that does not exist is a usage error. When the OKR directory `context`
    /// is known, its other files of the given files' quarters are read too,
    /// so that cross-file checks (`aligns`, one file per owner, owner names)
    /// see every owner of those quarters, but only the given files are kept,
    /// as `keep` says. The other quarters' files are skipped unparsed when
    /// their head says their quarter.
    pub fn load_given(
        given: &[PathBuf],
        context: Option<&Path>,
        cwd: &Path,
        config: Config,
        keep: Keep<'_>,
        skip: Skip,
    ) -> Result<Workspace, UsageError> {
        let mut diagnostics = Vec::new();
        let mut wanted = Vec::new();
        let mut seen = HashSet::new();
        for path in given {
            // A given link is followed only into the OKR directory (or, with
            // none known, the folder the link sits in); inside a given
            // folder, links are followed only within it or the directory.
            let within = context.map_or_else(
                || match std::fs::metadata(path) {
                    Ok(meta) if meta.is_dir() => path.clone(),
                    _ => path.parent().map_or_else(PathBuf::new, Path::to_path_buf),
                },
                Path::to_path_buf,
            );
            let within = if within.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                within
            };
            let real_within = std::fs::canonicalize(&within).unwrap_or_else(|_| within.clone());
            let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
            if link && discover::leads_outside(path, &real_within) {
                diagnostics.push(discover::link_outside(path, cwd));
                continue;
            }
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_dir() => {
                    discover::walk(path, &within, cwd, &mut wanted, &mut diagnostics, &mut seen)
                }
                Ok(_) => wanted.push(path.clone()),
                Err(err) => {
                    return Err(UsageError(format!(
                        "cannot read {}: {}",
                        path.display(),
                        source::describe_io(&err)
                    )))
                }
            }
        }
        let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        wanted.sort();
        wanted.dedup();
        let wanted_real: HashSet<PathBuf> = wanted.par_iter().map(|p| real(p)).collect();
        let given_paths = wanted.clone();
        let mut files = load_all(wanted, cwd, &config, keep);
        if let Some(context) = context {
            // The other files of the given files' quarters, for the checks
            // across files; the other quarters' files are skipped unparsed.
            let calendar = config.calendar;
            let mut quarters: Vec<Quarter> = (files.iter())
                .filter_map(|f| quarter_of(f, None, calendar))
                .collect();
            quarters.sort();
            quarters.dedup();
            let mut others: Vec<(PathBuf, bool)> = Vec::new();
            let mut ignored = Vec::new();
            if !quarters.is_empty() {
                discover::walk_typed(
                    context,
                    context,
                    cwd,
                    &mut others,
                    &mut ignored,
                    &mut HashSet::new(),
                );
            }
            // A given file is among them under its own name, or as a link:
            // only those are resolved (resolving every path costs a system
            // call per folder of it).
            let names: HashSet<&std::ffi::OsStr> = (wanted_real.iter())
                .chain(&given_paths)
                .filter_map(|p| p.file_name())
                .collect();
            let may_be_given = |p: &Path| {
                p.file_name().is_none_or(|n| names.contains(n))
                    || std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
            };
            let others: Vec<(PathBuf, bool)> = others
                .into_par_iter()
                .filter(|(p, _)| !may_be_given(p) || !wanted_real.contains(&real(p)))
                .collect();
            let partial = Partial::start(others, &quarters, cwd, &config, keep, skip);
            files.extend(partial.complete(&quarters, cwd, &config, keep));
            files.sort_by(|a, b| discover::path_order(&a.path, &b.path));
        }
        let mut workspace = Workspace::finish(
            context.map_or_else(PathBuf::new, Path::to_path_buf),
            config,
            files,
            diagnostics,
            context.is_some(),
        );
        workspace
            .files
            .retain(|f| wanted_real.contains(&real(&f.path)));
        workspace.index = Index::build(&workspace.files);
        Ok(workspace)
    }

    /// The index and the checks across files, over files already read and
    /// checked one by one (in path order).
    fn finish(
        root: PathBuf,
        config: Config,
        mut files: Vec<LoadedFile>,
        diagnostics: Vec<Diagnostic>,
        all_owners_known: bool,
    ) -> Workspace {
        let index = Index::build(&files);
        let notes =
            check::across::check_with(&mut files, &index, &config, all_owners_known, text_of);
        // Messages quote values from the files, which can be huge.
        for diagnostic in files.iter_mut().flat_map(|f| &mut f.diagnostics) {
            diagnostic.message = source::parse::clip_message(&diagnostic.message);
        }
        Workspace {
            root,
            config,
            files,
            diagnostics,
            index,
            notes,
        }
    }

    /// Every diagnostic, sorted by file and position.
    pub fn all_diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .diagnostics
            .iter()
            .chain(self.files.iter().flat_map(|f| &f.diagnostics))
            .cloned()
            .collect();
        Diagnostic::sort(&mut all);
        all
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
            || self.files.iter().any(LoadedFile::has_errors)
    }

    /// The valid files, in path order.
    pub fn valid_files(&self) -> impl Iterator<Item = (&LoadedFile, &OkrFile)> {
        self.files
            .iter()
            .filter_map(|f| f.valid().map(|okr| (f, okr)))
    }

    /// The quarters that have valid files, in order.
    pub fn quarters(&self) -> Vec<Quarter> {
        let mut quarters: Vec<Quarter> = self.valid_files().map(|(_, okr)| okr.quarter).collect();
        quarters.sort();
        quarters.dedup();
        quarters
    }

    /// The invalid files that claim `owner` (in `quarter`, when given).
    pub fn invalid_files_of(&self, owner: &str, quarter: Option<Quarter>) -> Vec<&LoadedFile> {
        self.files
            .iter()
            .filter(|f| f.has_errors())
            .filter(|f| {
                f.claims().is_some_and(|(q, o)| {
                    o == owner && quarter.is_none_or(|wanted| wanted.to_string() == q)
                })
            })
            .collect()
    }
}

/// Reads and checks every file of `paths`, in parallel.
fn load_all(paths: Vec<PathBuf>, cwd: &Path, config: &Config, keep: Keep<'_>) -> Vec<LoadedFile> {
    paths
        .into_par_iter()
        .map(|path| load_file_isolated(path, cwd, config, keep))
        .collect()
}

/// A load of some quarters under way: the files read so far, each with its
/// quarter when it is known, and the files not read yet, with the quarter
/// their head says.
struct Partial {
    read: Vec<(LoadedFile, Option<Quarter>)>,
    unread: Vec<(PathBuf, Quarter)>,
}

impl Partial {
    /// Sniffs every file and reads those whose quarter only a full parse
    /// can tell (every file without skipping).
    fn start(
        paths: Vec<(PathBuf, bool)>,
        eager: &[Quarter],
        cwd: &Path,
        config: &Config,
        keep: Keep<'_>,
        skip: Skip,
    ) -> Partial {
        let calendar = config.calendar;
        // A file of a quarter surely wanted (`eager`) is read on from its
        // head at once, rather than opened again.
        let (unread, to_read): (Vec<_>, Vec<_>) = paths
            .into_par_iter()
            .map(|(path, regular)| {
                let (sniffed, opened) = sniff::path_keeping(&path, regular);
                let sniffed = sniffed.quarter().map(|q| q.with_calendar(calendar));
                let wanted = sniffed.is_some_and(|q| eager.contains(&q));
                let bytes = opened.filter(|_| wanted).and_then(sniff::Opened::read_on);
                // Parsed at once: no file's bytes wait for the others.
                let loaded =
                    bytes.map(|bytes| load_isolated(path.clone(), Some(bytes), cwd, config, keep));
                (path, sniffed, loaded)
            })
            .partition(|(_, sniffed, loaded)| skip.0 && sniffed.is_some() && loaded.is_none());
        let read = to_read
            .into_par_iter()
            .map(|(path, sniffed, loaded)| {
                let file = loaded.unwrap_or_else(|| load_isolated(path, None, cwd, config, keep));
                let quarter = quarter_of(&file, sniffed, calendar);
                (file, quarter)
            })
            .collect();
        let unread = unread
            .into_iter()
            .filter_map(|(path, sniffed, _)| Some((path, sniffed?)))
            .collect();
        Partial { read, unread }
    }

    /// Every quarter some file is for, in order.
    fn quarters(&self) -> Vec<Quarter> {
        let mut quarters: Vec<Quarter> = (self.read.iter().filter_map(|(_, q)| *q))
            .chain(self.unread.iter().map(|(_, q)| *q))
            .collect();
        quarters.sort();
        quarters.dedup();
        quarters
    }

    /// Reads the files of `wanted` not read yet, and returns, in path order,
    /// the files of `wanted` and those of no known quarter.
    fn complete(
        self,
        wanted: &[Quarter],
        cwd: &Path,
        config: &Config,
        keep: Keep<'_>,
    ) -> Vec<LoadedFile> {
        let more: Vec<LoadedFile> = self
            .unread
            .into_par_iter()
            .filter(|(_, quarter)| wanted.contains(quarter))
            .map(|(path, _)| load_file_isolated(path, cwd, config, keep))
            .collect();
        let mut files: Vec<LoadedFile> = self
            .read
            .into_iter()
            .filter(|(_, quarter)| quarter.is_none_or(|q| wanted.contains(&q)))
            .map(|(file, _)| file)
            .chain(more)
            .collect();
        files.sort_by(|a, b| discover::path_order(&a.path, &b.path));
        files
    }
}

/// The quarter `file` is for: its model's; else its head's (`sniffed`), for
/// a file that could not be read whole; else the one it names, broken as it
/// is. `None` when it names none that is a quarter: such a file is in every
/// view, so that its errors are seen.
fn quarter_of(file: &LoadedFile, sniffed: Option<Quarter>, calendar: Calendar) -> Option<Quarter> {
    if let Some(okr) = &file.okr {
        return Some(okr.quarter);
    }
    sniffed.or_else(|| {
        let named = file.identity.as_ref()?.quarter.as_deref()?;
        calendar.parse(named).ok()
    })
}

/// The text of `file`: kept, or read again (with [`Keep::Index`]). A file
/// that cannot be read again positions its findings at its start.
fn text_of(file: &LoadedFile) -> Cow<'_, str> {
    if let Some(text) = &file.text {
        return Cow::Borrowed(text);
    }
    let again = read::read_bytes(&file.path)
        .ok()
        .and_then(|bytes| read::decode(&bytes).ok().map(str::to_string));
    Cow::Owned(again.unwrap_or_default())
}

/// Reads, parses and checks one file (from `overlay` when given: an
/// editor's unsaved text, for `okr lsp`), as `load_file_isolated` does.
pub fn load_one(
    path: PathBuf,
    cwd: &Path,
    config: &Config,
    keep: Keep<'_>,
    overlay: Option<&str>,
) -> LoadedFile {
    load_isolated(
        path,
        overlay.map(|t| t.as_bytes().to_vec()),
        cwd,
        config,
        keep,
    )
}

/// Reads, parses and checks one file. A panic (a bug, in okr or a library)
/// becomes a diagnostic for that file, so that the other files are still read.
fn load_file_isolated(path: PathBuf, cwd: &Path, config: &Config, keep: Keep<'_>) -> LoadedFile {
    load_isolated(path, None, cwd, config, keep)
}

/// [`load_file_isolated`], from the file's bytes when they are read already.
fn load_isolated(
    path: PathBuf,
    bytes: Option<Vec<u8>>,
    cwd: &Path,
    config: &Config,
    keep: Keep<'_>,
) -> LoadedFile {
    let shown = path.clone();
    let load = || match bytes {
        Some(bytes) => {
            let mut file = LoadedFile::new(path, cwd);
            load_bytes_into(&mut file, &bytes, config, keep);
            file
        }
        None => load_file(path, cwd, config, keep),
    };
    panic::catch_unwind(AssertUnwindSafe(load)).unwrap_or_else(|_| {
        let mut file = LoadedFile::new(shown, cwd);
        file.diagnostics.push(Diagnostic::new(
            file.display.clone(),
            Span::START,
            Rule::Unreadable,
            "okr failed while reading this file (a bug: please report it with the file attached)"
                .to_string(),
        ));
        file
    })
}

fn load_file(path: PathBuf, cwd: &Path, config: &Config, keep: Keep<'_>) -> LoadedFile {
    let mut file = LoadedFile::new(path, cwd);
    let bytes = match read::read_bytes(&file.path) {
        Ok(bytes) => bytes,
        Err((pos, rule, message)) => {
            file.diagnostics.push(Diagnostic::new(
                file.display.clone(),
                Span::at(pos),
                rule,
                message,
            ));
            return file;
        }
    };
    load_bytes_into(&mut file, &bytes, config, keep);
    file
}

/// Parses and checks one file's bytes. Never panics, whatever the bytes (the
/// property tests and the fuzz target call it directly).
pub fn load_bytes(path: PathBuf, bytes: &[u8]) -> LoadedFile {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut file = LoadedFile::new(path, &cwd);
    load_bytes_into(&mut file, bytes, &Config::default(), Keep::Everything);
    file
}

fn load_bytes_into(file: &mut LoadedFile, bytes: &[u8], config: &Config, keep: Keep<'_>) {
    let text = match read::decode(bytes) {
        Ok(text) => text,
        Err((pos, rule, message)) => {
            file.diagnostics.push(Diagnostic::new(
                file.display.clone(),
                Span::at(pos),
                rule,
                message,
            ));
            return;
        }
    };
    let mut parsed = parse_and_check(&file.display, text, config, keep.warnings());
    // A broken file is of the quarter its head says, when it says it with
    // certainty: the same whether its other lines were read or skipped.
    if parsed.okr.is_none() {
        if let Sniff::Quarter(quarter) = sniff::text(text) {
            parsed.identity.get_or_insert_with(Default::default).quarter =
                Some(quarter.to_string());
        }
    }
    file.diagnostics = parsed.diagnostics;
    file.identity = parsed.identity;
    // The checks across files read an invalid file's `aligns` too
    // ([`source::lenient`]); nothing else does.
    file.lenient = parsed.lenient;
    file.okr = parsed.okr;
    // A person file the view does not show keeps what `check` keeps.
    let shown = |people: People| file.okr.as_ref().is_none_or(|okr| people.shows(okr));
    match keep {
        Keep::Everything => file.text = Some(text.to_string()),
        Keep::Shown { people } | Keep::Models { people } if !shown(people) => {
            file.okr.iter_mut().for_each(keep_index_only)
        }
        Keep::Shown { .. } => file.text = Some(text.to_string()),
        Keep::Models { .. } => {}
        Keep::Index => file.okr.iter_mut().for_each(keep_index_only),
    }
}

/// Parses one file's text (without its byte-order mark) in the directory's
/// calendar and adds the checks of that file alone to its diagnostics: what
/// every command reads, `checkin` too on the text it reads under its lock.
pub fn parse_and_check(
    display: &str,
    text: &str,
    config: &Config,
    warnings: bool,
) -> source::Parsed {
    parse_and_check_text(display, &SourceText::new(text), config, warnings)
}

/// [`parse_and_check`] of `text`, whose document the parse and the checks
/// share (read only if one of them needs it), and the caller too.
pub fn parse_and_check_text(
    display: &str,
    text: &SourceText<'_>,
    config: &Config,
    warnings: bool,
) -> source::Parsed {
    let mut parsed = source::parse::parse_text(display, text);
    if let Some(okr) = &mut parsed.okr {
        // A file says `2026-Q2`; which days that is depends on the directory's
        // fiscal year (`okr.toml`), so the quarter is read in that calendar
        // before any check (the check-in window) or figure uses its dates.
        okr.quarter = okr.quarter.with_calendar(config.calendar);
        let found = check::check_file(display, text, okr, config, warnings);
        parsed.diagnostics.extend(found);
    }
    // An invalid file's other problems (`docs/format.md#checks`): the per-file
    // rules run on what could be read; a problem the parse already reported
    // at the same place is not reported twice. The file stays invalid.
    if let Some(lenient) = &mut parsed.lenient {
        lenient.quarter = lenient.quarter.with_calendar(config.calendar);
        let more = check::check_file(display, text, lenient, config, warnings);
        for diagnostic in more {
            let twice = parsed
                .diagnostics
                .iter()
                .any(|d| d.rule == diagnostic.rule && d.span == diagnostic.span);
            if !twice {
                parsed.diagnostics.push(diagnostic);
            }
        }
        parsed.diagnostics.sort_by_key(|d| d.span);
    }
    parsed
}

/// Drops from `okr` what the checks across files do not read ([`Keep::Index`]).
fn keep_index_only(okr: &mut OkrFile) {
    for objective in &mut okr.objectives {
        objective.title = None;
        objective.reflection = None;
        objective.notes = None;
        // A key result's owner is checked, and its finding names the key
        // result by its place in the list: the list stays whole then.
        if objective.key_results.iter().all(|kr| kr.owner.is_none()) {
            objective.key_results = Vec::new();
        }
        for kr in &mut objective.key_results {
            kr.title = None;
            kr.unit = None;
            kr.checkins = None;
            kr.reflection = None;
            kr.dropped = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view keeps the whole model of the person files it may show only.
    #[test]
    fn views_keep_whole_models_of_the_people_they_show() {
        let file = |owner: &str| -> OkrFile {
            serde_yaml::from_str(&format!(
                "quarter: 2026-Q4\n{owner}\nobjectives:\n  - id: o\n    title: Be great\n    key_results: []\n"
            ))
            .unwrap()
        };
        let (team, ana, bo) = (file("team: web"), file("person: ana"), file("person: bo"));
        for (people, shown) in [
            (People::None, [true, false, false]),
            (People::All, [true, true, true]),
            (People::Only("ana"), [true, true, false]),
            (People::Only("web"), [true, false, false]),
        ] {
            assert_eq!(
                [people.shows(&team), people.shows(&ana), people.shows(&bo)],
                shown,
                "{people:?}"
            );
        }
        assert_eq!(People::of(Some("ana"), true), People::All);
        assert_eq!(People::of(Some("ana"), false), People::Only("ana"));
        assert_eq!(People::of(None, false), People::None);
    }

    /// What `okr check` keeps (no text, the index of each model) gives the
    /// same diagnostics as keeping everything, cross-file findings included.
    #[test]
    fn keeping_only_the_index_reports_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "web.yaml",
            "quarter: 2026-Q4\nteam: web\nobjectives:\n  - id: fast\n    title: Pages feel instant\n    aligns: acme/speed\n    key_results:\n      - id: p95\n        title: Write a performance guide\n        baseline: 900\n        target: 400\n        owner: api\n        checkins:\n          - date: 2026-10-05\n            value: 850\n",
        );
        write(
            "api.yaml",
            "quarter: 2026-Q4\nteam: api\nobjectives:\n  - id: stable\n    aligns: web/fast\n    key_results:\n      - id: errors\n        baseline: 10\n        target: 2\n",
        );
        write(
            "api-again.yaml",
            "quarter: 2026-Q4\nteam: api\nobjectives:\n  - id: other\n    key_results:\n      - id: x\n        baseline: 1\n        target: 2\n",
        );
        let load = |keep| {
            let workspace =
                Workspace::load_dir_keeping(dir.path(), dir.path(), Config::default(), keep);
            let shown: Vec<String> = workspace
                .all_diagnostics()
                .iter()
                .map(ToString::to_string)
                .collect();
            (shown, workspace.notes)
        };
        let everything = load(Keep::Everything);
        assert!(everything.0.len() >= 3, "{everything:?}");
        assert_eq!(load(Keep::Index), everything);
        // The views (no text kept) show errors only, and have every error.
        let errors = |(shown, notes): (Vec<String>, Vec<String>)| {
            let errors: Vec<String> = shown
                .into_iter()
                .filter(|d| d.contains(": error: "))
                .collect();
            (errors, notes)
        };
        let wording = everything
            .0
            .iter()
            .any(|d| d.contains("[activity_wording]"));
        assert!(wording, "{everything:?}");
        assert_eq!(
            errors(load(Keep::Models {
                people: People::All
            })),
            errors(everything.clone())
        );
        assert_eq!(
            errors(load(Keep::Models {
                people: People::None
            })),
            errors(everything.clone())
        );
        assert_eq!(
            errors(load(Keep::Shown {
                people: People::Only("ana")
            })),
            errors(everything)
        );
    }
}
