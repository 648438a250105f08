//! Finding the OKR directory and the YAML files in it (`docs/format.md#the-okr-directory`).

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Rule, Span};
use crate::error::UsageError;
use crate::source::read::describe_io;

/// The OKR directory: `--dir` (or `OKR_DIR`, which clap folds into it), else the
/// nearest `okrs` folder in the current directory or an ancestor.
pub fn find_okr_dir(dir: Option<&Path>, cwd: &Path) -> Result<PathBuf, UsageError> {
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

/// Whether `path` names a YAML file: `.yaml` or `.yml` in any letter case
/// (`Web.YAML` counts).
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Whether `path` (a symbolic link, or a path through one) leads outside
/// `within` (a real path): such a file or folder is not read (`docs/robustness.md#untrusted-text`),
/// since a link in a pull request could otherwise put a
/// runner's secrets in the build log, or walk the whole file system. A link
/// that leads nowhere is not outside: reading it reports it as unreadable.
pub fn leads_outside(path: &Path, within: &Path) -> bool {
    match fs::canonicalize(path) {
        Ok(real) => !real.starts_with(within),
        Err(_) => false,
    }
}

/// The warning for a link [`leads_outside`]: it names the link, never what
/// it leads to.
pub fn link_outside(path: &Path, cwd: &Path) -> Diagnostic {
    file_error(
        path,
        cwd,
        Rule::LinkOutside,
        "this is a symbolic link to a place outside the OKR directory; it is not followed (copy the file into the OKR directory, or link within it)".to_string(),
    )
}

/// Collects the YAML files below `dir`, skipping dot-names. Symbolic links are
/// followed when they lead to a place inside `within` (the OKR directory),
/// each real folder once, so a link loop ends; a link out of it is reported
/// and not followed.
pub fn walk(
    dir: &Path,
    within: &Path,
    cwd: &Path,
    files: &mut Vec<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
    seen: &mut HashSet<PathBuf>,
) {
    let mut typed = Vec::new();
    walk_typed(dir, within, cwd, &mut typed, diagnostics, seen);
    files.extend(typed.into_iter().map(|(path, _)| path));
}

/// [`walk`], saying of each file whether the folder listing showed it to be
/// a regular file (not a link, pipe or device): such a file can be opened
/// without asking its type first.
pub fn walk_typed(
    dir: &Path,
    within: &Path,
    cwd: &Path,
    files: &mut Vec<(PathBuf, bool)>,
    diagnostics: &mut Vec<Diagnostic>,
    seen: &mut HashSet<PathBuf>,
) {
    let within = fs::canonicalize(within).unwrap_or_else(|_| within.to_path_buf());
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
                cwd,
                Rule::FolderNamedYaml,
                "this is a folder named like an OKR file; the files in it are read, but rename it without the `.yaml`/`.yml` ending".to_string(),
            ));
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                diagnostics.push(file_error(
                    &dir,
                    cwd,
                    Rule::Unreadable,
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
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if link && leads_outside(&path, &within) {
                // Only links okr would have read are worth a word.
                if is_yaml(&path) || path.is_dir() {
                    diagnostics.push(link_outside(&path, cwd));
                }
                continue;
            }
            // The entry's own type costs no system call; a link's is read
            // through the link (`metadata` follows it), and a dangling link
            // is reported if it looks like YAML.
            let regular = !link && entry.file_type().is_ok_and(|kind| kind.is_file());
            let is_dir = match entry.file_type() {
                Ok(kind) if !link && (kind.is_file() || kind.is_dir()) => Ok(kind.is_dir()),
                _ => fs::metadata(&path).map(|meta| meta.is_dir()),
            };
            match is_dir {
                Ok(true) => pending.push(path),
                Ok(false) if is_yaml(&path) => files.push((path, regular)),
                Ok(_) => {}
                Err(err) if is_yaml(&path) => diagnostics.push(file_error(
                    &path,
                    cwd,
                    Rule::Unreadable,
                    format!("cannot read this file: {}", describe_io(&err)),
                )),
                Err(_) => {}
            }
        }
    }
}

/// The order files are listed and read in: by path, folder by folder (the
/// order of [`Path`]'s comparison), without taking each path apart into
/// components to compare (a separator sorts before any other byte).
pub fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    if !cfg!(unix) {
        return a.cmp(b);
    }
    let key = |byte: &u8| if *byte == b'/' { 0 } else { *byte };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    a.iter().map(key).cmp(b.iter().map(key))
}

/// The OKR directory that encloses `dir` (a folder named `okrs` above it),
/// if any: `okr init` must not nest one OKR directory in another.
pub fn enclosing_okr_dir(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .skip(1)
        .find(|a| a.file_name().is_some_and(|n| n == "okrs") && a.is_dir())
        .map(Path::to_path_buf)
}

/// Who each YAML file below `root` is for, read cheaply from its top-level
/// lines (no parse, no checks): what `init` and `new` need to list owners.
pub fn identities(root: &Path, cwd: &Path) -> Vec<(PathBuf, crate::source::Identity)> {
    let mut paths = Vec::new();
    walk(
        root,
        root,
        cwd,
        &mut paths,
        &mut Vec::new(),
        &mut HashSet::new(),
    );
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = crate::source::read::read_bytes(&path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default();
            let identity = crate::source::parse::scan_identity(&text);
            (path, identity)
        })
        .collect()
}

/// A problem with a whole file or folder, reported at its start.
pub fn file_error(path: &Path, cwd: &Path, rule: Rule, message: String) -> Diagnostic {
    Diagnostic::new(display_path(path, cwd), Span::START, rule, message)
}

/// `path` as shown to the user: relative to the current directory where that
/// is shorter, without a leading `./`.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = if path.is_absolute() {
        relative_to(path, cwd).unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
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

    /// The quick order of paths is [`Path`]'s own.
    #[test]
    fn path_order_is_paths_order() {
        let paths = [
            "okrs/a/b.yaml",
            "okrs/a-b.yaml",
            "okrs/a.yaml",
            "okrs/ab/c.yaml",
            "okrs/a/b/c.yaml",
            "okrs/a/b-c.yaml",
            "okrs/2026-Q4/web.yaml",
            "okrs/2026-Q4.yaml",
            "okrs/Z.yaml",
            "okrs/é.yaml",
            "/tmp/okrs/x.yaml",
            "okrs/a b/c.yaml",
        ];
        for a in paths {
            for b in paths {
                let (a, b) = (Path::new(a), Path::new(b));
                assert_eq!(path_order(a, b), a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

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
    fn yaml_extensions_in_any_case() {
        for name in ["a.yaml", "a.yml", "Web.YAML", "b.Yml"] {
            assert!(is_yaml(Path::new(name)), "{name}");
        }
        for name in ["a.toml", "yaml", "a.yaml.bak"] {
            assert!(!is_yaml(Path::new(name)), "{name}");
        }
    }
}
