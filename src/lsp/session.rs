//! What the server knows: the open buffers, and the last check of each OKR
//! directory with those buffers overlaid on the files on disk.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::SystemTime;

use rayon::prelude::*;

use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

use crate::config::Config;
use crate::diagnostic::{self, Severity};
use crate::lsp::convert::{self, Encoding};
use crate::source::{self, discover};
use crate::workspace::{self, Keep, LoadedFile, People, Workspace};

/// An open buffer.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    pub text: String,
    /// The OKR directory the file belongs to, found from its path as the
    /// command line finds it from the current directory; `None` outside one.
    pub root: Option<PathBuf>,
}

/// A directory of this many files is large: its first check gives each
/// open file's own findings first.
const LARGE: usize = 500;

/// A file's size and modification time, to tell when it changed on disk.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// One OKR directory as last checked.
#[derive(Debug)]
pub struct Checked {
    pub workspace: Workspace,
    /// How many of each file's diagnostics it has alone (before the checks across files).
    own: Vec<usize>,
    stamps: HashMap<PathBuf, Stamp>,
    /// The files read from an open buffer, not from disk.
    overlaid: HashSet<PathBuf>,
    config_stamp: Stamp,
}

#[derive(Debug)]
pub struct Session {
    pub encoding: Encoding,
    pub documents: HashMap<Uri, Document>,
    pub checked: HashMap<PathBuf, Checked>,
    /// What was last published for each open file, so that only what
    /// changed is sent again.
    published: HashMap<Uri, Vec<Diagnostic>>,
    /// The OKR directories with a change not yet checked.
    dirty: Vec<Option<PathBuf>>,
    /// Closed files whose diagnostics are to be cleared.
    closed: Vec<Uri>,
    /// The files opened or changed since the last check: theirs are
    /// published even when unchanged (an editor waits for them).
    touched: Vec<Uri>,
}

impl Session {
    pub fn new(encoding: Encoding) -> Session {
        Session {
            encoding,
            documents: HashMap::new(),
            checked: HashMap::new(),
            published: HashMap::new(),
            dirty: Vec::new(),
            closed: Vec::new(),
            touched: Vec::new(),
        }
    }

    pub fn open(&mut self, uri: Uri, text: String) {
        let Some(path) = path_of(&uri) else { return };
        let root = okr_dir_of(&path);
        self.mark(root.clone());
        self.touched.push(uri.clone());
        self.documents.insert(uri, Document { path, text, root });
    }

    pub fn change(&mut self, uri: &Uri, text: String) {
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.text = text;
            let root = doc.root.clone();
            self.mark(root);
            self.touched.push(uri.clone());
        }
    }

    /// Closes a buffer: the file on disk counts again, and the file's
    /// diagnostics are cleared (returned as the uri to clear).
    pub fn close(&mut self, uri: &Uri) -> bool {
        if self.published.remove(uri).is_some() {
            self.closed.push(uri.clone());
        }
        match self.documents.remove(uri) {
            Some(doc) => {
                self.mark(doc.root);
                true
            }
            None => false,
        }
    }

    fn mark(&mut self, root: Option<PathBuf>) {
        if !self.dirty.contains(&root) {
            self.dirty.push(root);
        }
    }

    pub fn is_dirty(&self) -> bool {
        !self.dirty.is_empty() || !self.closed.is_empty()
    }

    /// Checks every directory with a change, and gives the diagnostics of
    /// each open file there that differ from what was last published.
    ///
    /// The first check of a large directory reads every file, which takes a
    /// while: the open files' own findings (those no other file changes) are
    /// given to `early` first.
    pub fn recheck(
        &mut self,
        early: &mut dyn FnMut(Uri, Vec<Diagnostic>),
    ) -> Vec<(Uri, Vec<Diagnostic>)> {
        let mut out: Vec<(Uri, Vec<Diagnostic>)> = std::mem::take(&mut self.closed)
            .into_iter()
            .map(|uri| (uri, Vec::new()))
            .collect();
        let touched = std::mem::take(&mut self.touched);
        for root in std::mem::take(&mut self.dirty) {
            let found = match &root {
                Some(root) => {
                    if !self.checked.contains_key(root) {
                        self.early(root, &touched, early);
                    }
                    self.check_dir(root)
                }
                None => self.check_loose(),
            };
            for (uri, diagnostics) in found {
                if touched.contains(&uri) || self.published.get(&uri) != Some(&diagnostics) {
                    self.published.insert(uri.clone(), diagnostics.clone());
                    out.push((uri, diagnostics));
                }
            }
        }
        out
    }

    /// Before a directory's first check, when it is large: each touched open
    /// file's findings checked alone.
    fn early(&self, root: &Path, touched: &[Uri], early: &mut dyn FnMut(Uri, Vec<Diagnostic>)) {
        let cwd = root.parent().unwrap_or(root).to_path_buf();
        let (paths, _) = Workspace::discover_dir(root, &cwd);
        if paths.len() < LARGE {
            return;
        }
        let config_path = root.join(crate::config::FILE_NAME);
        let display = source::display_path(&config_path, &cwd);
        let config = Config::load_shown(root, &display).unwrap_or_default();
        for uri in touched {
            let Some(doc) = self.documents.get(uri) else {
                continue;
            };
            if doc.root.as_deref() != Some(root) {
                continue;
            }
            let file = workspace::load_one(
                doc.path.clone(),
                &cwd,
                &config,
                Keep::Everything,
                Some(&doc.text),
            );
            early(
                uri.clone(),
                self.to_lsp(&doc.text, file.diagnostics.iter().collect()),
            );
        }
    }

    /// The whole directory, the open buffers overlaid: what `okr check` run
    /// beside the directory reports on the same text. The files on disk are
    /// read once and again only when they change on disk (size or time);
    /// each check parses the open buffers and runs the checks across files.
    fn check_dir(&mut self, root: &Path) -> Vec<(Uri, Vec<Diagnostic>)> {
        let cwd = root.parent().unwrap_or(root).to_path_buf();
        let open: Vec<(&Uri, &Document)> = self
            .documents
            .iter()
            .filter(|(_, d)| d.root.as_deref() == Some(root))
            .collect();
        let config_path = root.join(crate::config::FILE_NAME);
        let display = source::display_path(&config_path, &cwd);
        let config = Config::load_shown(root, &display).unwrap_or_default();
        let config_stamp = stamp(&config_path);
        let (mut paths, walked) = Workspace::discover_dir(root, &cwd);
        for (_, doc) in &open {
            if discover::is_yaml(&doc.path) && !paths.contains(&doc.path) {
                paths.push(doc.path.clone());
            }
        }
        paths.sort_by(|a, b| discover::path_order(a, b));
        let mut previous = self.checked.remove(root);
        if previous
            .as_ref()
            .is_some_and(|p| p.config_stamp != config_stamp)
        {
            previous = None;
        }
        let mut old: HashMap<PathBuf, (LoadedFile, Stamp)> = HashMap::new();
        if let Some(previous) = previous {
            for (mut file, own) in previous.workspace.files.into_iter().zip(previous.own) {
                // Only what the file says alone: the checks across files run again.
                file.diagnostics.truncate(own);
                if !previous.overlaid.contains(&file.path) {
                    let at = previous.stamps.get(&file.path).copied().flatten();
                    old.insert(file.path.clone(), (file, at));
                }
            }
        }
        let overlay = |path: &Path| open.iter().find(|(_, d)| d.path == path).map(|(_, d)| d);
        let mut stamps = HashMap::new();
        let mut slots: Vec<Option<LoadedFile>> = Vec::with_capacity(paths.len());
        for path in &paths {
            let now = stamp(path);
            stamps.insert(path.clone(), now);
            let reuse = match old.remove(path) {
                Some((file, at)) if overlay(path).is_none() && at.is_some() && at == now => {
                    Some(file)
                }
                _ => None,
            };
            slots.push(reuse);
        }
        let loaded: Vec<(usize, LoadedFile)> = slots
            .iter()
            .enumerate()
            .filter(|(_, slot)| slot.is_none())
            .map(|(i, _)| i)
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|i| {
                let path = paths[i].clone();
                let file = match overlay(&path) {
                    Some(doc) => {
                        workspace::load_one(path, &cwd, &config, Keep::Everything, Some(&doc.text))
                    }
                    // The other files: their models, not their text (the
                    // few with a finding across files are read again).
                    None => workspace::load_one(
                        path,
                        &cwd,
                        &config,
                        Keep::Models {
                            people: People::All,
                        },
                        None,
                    ),
                };
                (i, file)
            })
            .collect();
        for (i, file) in loaded {
            slots[i] = Some(file);
        }
        let files: Vec<LoadedFile> = slots.into_iter().flatten().collect();
        let own = files.iter().map(|f| f.diagnostics.len()).collect();
        let overlaid = open.iter().map(|(_, d)| d.path.clone()).collect();
        let workspace = Workspace::from_loaded(root.to_path_buf(), config, files, walked);
        let mut out = Vec::new();
        for (uri, doc) in open {
            let found: Vec<&diagnostic::Diagnostic> = workspace
                .files
                .iter()
                .filter(|f| f.path == doc.path)
                .flat_map(|f| &f.diagnostics)
                .chain(
                    workspace
                        .diagnostics
                        .iter()
                        .filter(|d| d.file == source::display_path(&doc.path, &cwd)),
                )
                .collect();
            out.push((uri.clone(), self.to_lsp(&doc.text, found)));
        }
        self.checked.insert(
            root.to_path_buf(),
            Checked {
                workspace,
                own,
                stamps,
                overlaid,
                config_stamp,
            },
        );
        out
    }

    /// Open files outside any OKR directory: each alone, as `okr check FILE`
    /// checks a file with no directory around it.
    fn check_loose(&self) -> Vec<(Uri, Vec<Diagnostic>)> {
        self.documents
            .iter()
            .filter(|(_, d)| d.root.is_none())
            .map(|(uri, doc)| {
                let file = workspace::load_bytes(doc.path.clone(), doc.text.as_bytes());
                (
                    uri.clone(),
                    self.to_lsp(&doc.text, file.diagnostics.iter().collect()),
                )
            })
            .collect()
    }

    fn to_lsp(&self, text: &str, mut found: Vec<&diagnostic::Diagnostic>) -> Vec<Diagnostic> {
        found.sort_by_key(|d| d.span);
        found
            .into_iter()
            .map(|d| Diagnostic {
                range: convert::range(text, d.span, self.encoding),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(d.rule.id().to_string())),
                source: Some("okr".to_string()),
                message: d.message.clone(),
                ..Diagnostic::default()
            })
            .collect()
    }

    /// The checked workspace and loaded file of an open document.
    pub fn file_of(&self, uri: &Uri) -> Option<(&Document, &Workspace, &workspace::LoadedFile)> {
        let doc = self.documents.get(uri)?;
        let checked = self.checked.get(doc.root.as_ref()?)?;
        let file = checked
            .workspace
            .files
            .iter()
            .find(|f| f.path == doc.path)?;
        Some((doc, &checked.workspace, file))
    }
}

/// The OKR directory of `path`: the nearest `okrs` folder at or above it.
fn okr_dir_of(path: &Path) -> Option<PathBuf> {
    let parent = path.parent()?;
    let found = source::find_okr_dir(None, parent).ok()?;
    let found = std::fs::canonicalize(&found).unwrap_or(found);
    path.starts_with(&found).then_some(found)
}

/// The local path of a `file:` URI (percent-decoded), made real where it
/// exists so that it matches the paths the directory walk finds.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    // `file://host/path`: only the local host.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let decoded = percent_decode(rest)?;
    let path = PathBuf::from(decoded);
    if !path.is_absolute() {
        return None;
    }
    if let Ok(real) = std::fs::canonicalize(&path) {
        return Some(real);
    }
    // A new file not yet saved: its folder made real.
    let parent = path.parent()?;
    let name = path.file_name()?;
    let parent = std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf());
    Some(parent.join(name))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of `path`.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let mut text = String::from("file://");
    for b in path.to_str()?.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            text.push(char::from(b));
        } else {
            text.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_round_trip() {
        let path = Path::new("/nowhere/okrs/2026-Q4/dev rel é.yaml");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///nowhere/okrs/2026-Q4/dev%20rel%20%C3%A9.yaml"
        );
        assert_eq!(path_of(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&other), None);
    }
}
