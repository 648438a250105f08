//! Finding the OKR directory and its files, and reading each file into the model.
//!
//! Files are read independently (in parallel): a broken file yields diagnostics
//! and never stops the others from being read.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::check;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::UsageError;
use crate::locate::Pos;
use crate::model::OkrFile;

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
    let mut files: Vec<LoadedFile> = paths.into_par_iter().map(load_file).collect();
    check::check_across(&mut files, all_owners_known);
    Workspace {
        root,
        files,
        diagnostics,
    }
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
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
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

/// Reads and parses one file. Never panics and never fails: problems become
/// diagnostics.
pub fn load_file(path: PathBuf) -> LoadedFile {
    let display = display_path(&path);
    let mut file = LoadedFile {
        path,
        display,
        okr: None,
        identity: None,
        diagnostics: Vec::new(),
    };
    match read_source(&file.path) {
        Ok(source) => parse_into(&mut file, &source),
        Err((pos, message)) => file.diagnostics.push(file_error(&file.path, pos, message)),
    }
    file
}

/// The file's text: UTF-8, without a byte-order mark.
fn read_source(path: &Path) -> Result<String, (Pos, String)> {
    let size = fs::metadata(path)
        .map_err(|err| {
            (
                Pos::START,
                format!("cannot read this file: {}", describe_io(&err)),
            )
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err((
            Pos::START,
            format!(
                "this file is {} MB; OKR files are far smaller (the limit is {} MB), so it was not read",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = fs::read(path).map_err(|err| {
        (
            Pos::START,
            format!("cannot read this file: {}", describe_io(&err)),
        )
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err((
                Pos { line, column },
                "this file is not UTF-8 text (is it binary, or saved in another encoding?): save it as UTF-8".to_string(),
            ))
        }
    }
}

/// Parses `source` into `file`: the model, or the diagnostic of the first
/// error serde_yaml meets; then the per-file checks.
pub fn parse_into(file: &mut LoadedFile, source: &str) {
    if source.contains('\0') {
        let pos = pos_of_byte(source, source.find('\0').unwrap_or(0));
        file.diagnostics.push(file_error(
            &file.path,
            pos,
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
    match serde_yaml::from_str::<OkrFile>(source) {
        Ok(okr) => {
            let findings = check::check_file(&okr);
            file.diagnostics
                .extend(check::resolve(&file.display, source, findings));
            file.okr = Some(okr);
        }
        Err(err) => {
            let value = serde_yaml::from_str::<serde_yaml::Value>(source).ok();
            file.identity = value.as_ref().map(identity_of);
            let (pos, message) = crate::yaml_error::describe(&err, source, value.is_some());
            file.diagnostics.push(file_error(&file.path, pos, message));
        }
    }
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
    out.extend(&path[common..]);
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
