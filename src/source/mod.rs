//! Finding the OKR directory and its files, and reading each file into the model.
//!
//! Files are read independently (in parallel): a broken file yields diagnostics
//! and never stops the others from being read. Reading is bounded: files
//! over [`MAX_FILE_BYTES`] are refused, and [`guard`] refuses deep nesting,
//! alias bombs and files of too many values before serde reads them.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

pub mod guard;
pub mod locate;
pub mod yaml_error;

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::UsageError;

use crate::model::OkrFile;
use crate::source::locate::Pos;

/// Files larger than this are refused unread: no OKR file comes near it, and
/// reading one would only cost memory.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// One OKR file as read: its model when it parsed, and what is wrong with it.
#[derive(Debug)]
pub struct LoadedFile {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub display: String,
    /// The parsed file, when it is valid YAML of the right shape.
    pub okr: Option<OkrFile>,
    /// What a broken file still says about itself, for the cross-file checks.
    pub identity: Option<Identity>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedFile {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The model, when the file has no errors.
    pub fn valid(&self) -> Option<&OkrFile> {
        self.okr.as_ref().filter(|_| !self.has_errors())
    }
}

/// The quarter, owner and objective ids of a file, read leniently so that a
/// file with a typo elsewhere still counts as "this owner exists".
#[derive(Debug, Clone, Default)]
pub struct Identity {
    pub quarter: Option<String>,
    pub owner: Option<String>,
    pub objectives: Vec<String>,
}

/// Everything read from an OKR directory (or from paths given to `check`).
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub files: Vec<LoadedFile>,
    /// Problems not tied to a file's content, e.g. an unreadable folder.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
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
}

/// The OKR directory: `--dir` (or `OKR_DIR`, which clap folds into it), else the
/// nearest `okrs` folder in the current directory or an ancestor.
pub fn find_okr_dir(dir: Option<&Path>) -> Result<PathBuf, UsageError> {
    if let Some(dir) = dir {
        return match fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => Ok(dir.to_path_buf()),
            Ok(_) => Err(UsageError(format!(
                "{} is not a directory: --dir (or OKR_DIR) must name the folder that holds the OKR files",
                dir.display()
            ))),
            Err(err) => Err(UsageError(format!(
                "cannot read the OKR directory {}: {}",
                dir.display(),
                describe_io(&err)
            ))),
        };
    }
    let cwd = std::env::current_dir()
        .map_err(|err| UsageError(format!("cannot read the current directory: {err}")))?;
    for ancestor in cwd.ancestors() {
        let candidate = ancestor.join("okrs");
        if candidate.is_dir() {
            return Ok(candidate);
        }
    }
    Err(UsageError(format!(
        "no OKR directory: there is no `okrs` folder in {} or above it.\n\
         Create one with `okr init`, or point at one with --dir DIR or OKR_DIR=DIR.",
        cwd.display()
    )))
}

/// Reads every OKR file below `root`.
pub fn load_dir(root: &Path) -> Workspace {
    let mut diagnostics = Vec::new();
    let mut paths = Vec::new();
    let mut seen = HashSet::new();
    walk(root, &mut paths, &mut diagnostics, &mut seen);
    paths.sort();
    load_paths(root.to_path_buf(), paths, diagnostics, true)
}

/// Reads the given files and folders (for `okr check PATH ...`). A path that
/// does not exist is a usage error. When the OKR directory `context` is known,
/// its other files are read too, so that cross-file checks (`aligns`, one file
/// per owner) see every owner, but only the given files are kept.
pub fn load_given(given: &[PathBuf], context: Option<&Path>) -> Result<Workspace, UsageError> {
    let mut diagnostics = Vec::new();
    let mut wanted = Vec::new();
    let mut seen = HashSet::new();
    for path in given {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut wanted, &mut diagnostics, &mut seen),
            Ok(_) => wanted.push(path.clone()),
            Err(err) => {
                return Err(UsageError(format!(
                    "cannot read {}: {}",
                    path.display(),
                    describe_io(&err)
                )))
            }
        }
    }
    let real = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let wanted_real: HashSet<PathBuf> = wanted.iter().map(|p| real(p)).collect();
    let mut paths = wanted;
    if let Some(context) = context {
        let mut others = Vec::new();
        let mut ignored = Vec::new();
        walk(context, &mut others, &mut ignored, &mut HashSet::new());
        paths.extend(
            others
                .into_iter()
                .filter(|p| !wanted_real.contains(&real(p))),
        );
    }
    paths.sort();
    paths.dedup();
    let mut workspace = load_paths(
        context.map_or_else(PathBuf::new, Path::to_path_buf),
        paths,
        diagnostics,
        context.is_some(),
    );
    workspace
        .files
        .retain(|f| wanted_real.contains(&real(&f.path)));
    Ok(workspace)
}

fn load_paths(
    root: PathBuf,
    paths: Vec<PathBuf>,
    diagnostics: Vec<Diagnostic>,
    all_owners_known: bool,
) -> Workspace {
    let mut files: Vec<LoadedFile> = paths.into_par_iter().map(load_file_isolated).collect();
    check::check_across(&mut files, all_owners_known);
    // The cross-file messages quote `aligns` values, which can be long too.
    for diagnostic in files.iter_mut().flat_map(|f| &mut f.diagnostics) {
        diagnostic.message = clip_message(&diagnostic.message);
    }
    Workspace {
        root,
        files,
        diagnostics,
    }
}

/// [`load_file`], with a panic (a bug, in okr or a library) turned into a
/// diagnostic for that file, so that the other files are still read.
fn load_file_isolated(path: PathBuf) -> LoadedFile {
    let shown = path.clone();
    panic::catch_unwind(AssertUnwindSafe(|| load_file(path))).unwrap_or_else(|_| {
        let mut file = LoadedFile::empty(shown);
        file.diagnostics.push(file_error(
            &file.path,
            Pos::START,
            "okr failed while reading this file (a bug: please report it with the file attached)"
                .to_string(),
        ));
        file
    })
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// Collects the YAML files below `dir`, skipping dot-names. Symbolic links are
/// followed, each real folder once, so a link loop ends.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
    seen: &mut HashSet<PathBuf>,
) {
    // Iterative, so a deep tree cannot overflow the stack.
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let real = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        if !seen.insert(real) {
            continue;
        }
        if is_yaml(&dir) {
            // Harmless to read, but almost always a slip (`mkdir team.yaml`),
            // and a trap for every tool that expects a file by that name.
            diagnostics.push(file_error(
                &dir,
                Pos::START,
                "this is a folder named like an OKR file; the files in it are read, but rename it without the `.yaml`/`.yml` ending".to_string(),
            ));
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                diagnostics.push(file_error(
                    &dir,
                    Pos::START,
                    format!("cannot read this folder: {}", describe_io(&err)),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            // `metadata` follows links; a dangling link is reported if it looks like YAML.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => pending.push(path),
                Ok(_) if is_yaml(&path) => files.push(path),
                Ok(_) => {}
                Err(err) if is_yaml(&path) => diagnostics.push(file_error(
                    &path,
                    Pos::START,
                    format!("cannot read this file: {}", describe_io(&err)),
                )),
                Err(_) => {}
            }
        }
    }
}

/// An I/O error in words, without the "(os error 13)" noise.
pub fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = err.to_string();
            match text.split_once(" (os error") {
                Some((words, _)) => words.to_string(),
                None => text,
            }
        }
    }
}

fn file_error(path: &Path, pos: Pos, message: String) -> Diagnostic {
    Diagnostic {
        file: display_path(path),
        line: pos.line,
        column: pos.column,
        severity: Severity::Error,
        message,
    }
}

/// Reads and parses one file. Never fails: problems become diagnostics.
pub fn load_file(path: PathBuf) -> LoadedFile {
    match read_bytes(&path) {
        Ok(bytes) => load_bytes(path, &bytes),
        Err((pos, message)) => {
            let mut file = LoadedFile::empty(path);
            file.diagnostics.push(file_error(&file.path, pos, message));
            file
        }
    }
}

/// Parses one file's content, as read from `path`. Pure but for showing the
/// path relative to the current directory; never panics, whatever the bytes
/// (the property tests and the fuzz target call it directly).
pub fn load_bytes(path: PathBuf, bytes: &[u8]) -> LoadedFile {
    let mut file = LoadedFile::empty(path);
    match decode(bytes) {
        Ok(source) => parse_into(&mut file, source),
        Err((pos, message)) => file.diagnostics.push(file_error(&file.path, pos, message)),
    }
    for diagnostic in &mut file.diagnostics {
        diagnostic.message = clip_message(&diagnostic.message);
    }
    file
}

impl LoadedFile {
    fn empty(path: PathBuf) -> LoadedFile {
        LoadedFile {
            display: display_path(&path),
            path,
            okr: None,
            identity: None,
            diagnostics: Vec::new(),
        }
    }
}

/// The text of a file read before, for positions of the cross-file checks
/// (the loader keeps no text); empty when it can no longer be read.
pub(crate) fn reread(path: &Path) -> String {
    let bytes = read_bytes(path).unwrap_or_default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, (Pos, String)> {
    let unreadable = |err: io::Error| {
        (
            Pos::START,
            format!("cannot read this file: {}", describe_io(&err)),
        )
    };
    let meta = fs::metadata(path).map_err(unreadable)?;
    // A pipe or device named `*.yaml` would block the read or never end.
    if !meta.is_file() {
        return Err((
            Pos::START,
            "this is not a regular file (a pipe, socket or device?), so it was not read"
                .to_string(),
        ));
    }
    let too_big = |size: u64| {
        (
            Pos::START,
            format!(
                "this file is {} MB; OKR files are far smaller (the limit is {} MB), so it was not read",
                size.div_ceil(1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    // The file may grow after the size was read: never read past the limit.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The file's text: UTF-8, without a byte-order mark.
fn decode(bytes: &[u8]) -> Result<&str, (Pos, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| {
        let valid = bytes.get(..err.valid_up_to()).unwrap_or_default();
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(valid.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        (
            Pos { line, column },
            "this file is not UTF-8 text (is it binary, or saved in another encoding?): save it as UTF-8".to_string(),
        )
    })
}

/// Parses `source` into `file`: the model, or the diagnostic of the first
/// error serde_yaml meets; then the per-file checks.
pub fn parse_into(file: &mut LoadedFile, source: &str) {
    if let Some(nul) = source.find('\0') {
        file.diagnostics.push(file_error(
            &file.path,
            pos_of_byte(source, nul),
            "this file contains NUL bytes, which YAML does not allow: is it binary?".to_string(),
        ));
        return;
    }
    if is_blank(source) {
        file.diagnostics.push(file_error(
            &file.path,
            Pos::START,
            "this file holds no OKRs: add `quarter:`, an owner (`team: NAME`) and `objectives:`, or delete it".to_string(),
        ));
        return;
    }
    if let Err((pos, message)) = guard::check(source) {
        file.diagnostics.push(file_error(&file.path, pos, message));
        return;
    }
    match serde_yaml::from_str::<OkrFile>(source) {
        Ok(okr) => {
            let findings = check::check_file(&okr);
            file.diagnostics
                .extend(check::resolve(&file.display, source, findings));
            file.okr = Some(okr);
        }
        Err(err) => {
            // Bounded like the parse above: serde_yaml's depth and repetition limits apply.
            let value = serde_yaml::from_str::<serde_yaml::Value>(source).ok();
            file.identity = value.as_ref().map(identity_of);
            let (pos, message) = crate::source::yaml_error::describe(&err, source, value.is_some());
            file.diagnostics.push(file_error(&file.path, pos, message));
        }
    }
}

/// Longest message kept whole; longer ones quote a huge value or key.
const MAX_MESSAGE_CHARS: usize = 400;

/// Shortens a message that quotes a huge key or value from the file (a
/// multi-megabyte line would otherwise be printed back in full): long
/// `backticked` or "quoted" spans keep their start and end, and the whole
/// message is cut at [`MAX_MESSAGE_CHARS`].
fn clip_message(message: &str) -> String {
    if message.chars().count() <= MAX_MESSAGE_CHARS {
        return message.to_string();
    }
    let mut out = String::new();
    let mut quote: Option<char> = None;
    let mut span = String::new();
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push_str(&clip_span(&span));
                out.push(c);
                span.clear();
                quote = None;
            }
            Some(_) => span.push(c),
            None => {
                out.push(c);
                if c == '`' || c == '"' {
                    quote = Some(c);
                }
            }
        }
    }
    out.push_str(&clip_span(&span));
    if out.chars().count() > MAX_MESSAGE_CHARS {
        out = out.chars().take(MAX_MESSAGE_CHARS).collect();
        out.push('…');
    }
    out
}

fn clip_span(span: &str) -> String {
    const KEEP: usize = 30;
    let count = span.chars().count();
    if count <= 2 * KEEP + 10 {
        return span.to_string();
    }
    let head: String = span.chars().take(KEEP).collect();
    let tail: String = span.chars().skip(count - KEEP).collect();
    format!("{head}…({count} characters)…{tail}")
}

/// True for a file of only blank lines and comments.
fn is_blank(source: &str) -> bool {
    source.lines().all(|line| {
        line.trim().is_empty() || line.trim_start().starts_with('#') || line.trim() == "---"
    })
}

fn pos_of_byte(source: &str, byte: usize) -> Pos {
    let before = source.get(..byte).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos { line, column }
}

fn identity_of(value: &serde_yaml::Value) -> Identity {
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    let owner = text("person")
        .or_else(|| text("company"))
        .or_else(|| text("team"));
    let objectives = value
        .get("objectives")
        .and_then(|v| v.as_sequence())
        .map(|objectives| {
            objectives
                .iter()
                .filter_map(|o| o.get("id").and_then(|id| id.as_str()).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Identity {
        quarter: text("quarter"),
        owner,
        objectives,
    }
}

/// `path` as shown to the user: relative to the current directory where that
/// is shorter, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => {
            relative_to(path, &cwd).unwrap_or_else(|| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    let shown = shown.strip_prefix(".").unwrap_or(&shown);
    shown.display().to_string()
}

fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let ups = base.len() - common;
    if ups > 3 {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in 0..ups {
        out.push("..");
    }
    out.extend(path.iter().skip(common));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/a/b/okrs/x.yaml"), Path::new("/a/b")),
            Some(PathBuf::from("okrs/x.yaml"))
        );
        assert_eq!(
            relative_to(Path::new("/a/okrs/x.yaml"), Path::new("/a/b/c")),
            Some(PathBuf::from("../../okrs/x.yaml"))
        );
    }

    #[test]
    fn blank_files() {
        assert!(is_blank(""));
        assert!(is_blank("# only a comment\n\n---\n"));
        assert!(!is_blank("quarter: 2026-Q4"));
    }

    #[test]
    fn byte_positions() {
        assert_eq!(pos_of_byte("ab\ncd\0", 5), Pos { line: 2, column: 3 });
    }
}
