//! One OKR file as read (its text, model and diagnostics), and the index of
//! owners by quarter built from every file, valid or not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{OkrFile, OwnerKind};
use crate::source::{discover, Identity};

/// One OKR file as read: its text, its model when it parsed, and what is
/// wrong with it.
#[derive(Debug)]
pub struct LoadedFile {
    pub path: PathBuf,
    /// The path as shown to the user.
    pub display: String,
    /// The text, when the file could be read (kept for positions and edits).
    pub text: Option<String>,
    /// The parsed file, when it is valid YAML of the right shape.
    pub okr: Option<OkrFile>,
    /// What a broken file still says about itself, for the cross-file checks.
    pub identity: Option<Identity>,
    /// An invalid file read without its reported values
    /// ([`super::lenient`]): its own `aligns` are still checked.
    pub lenient: Option<OkrFile>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadedFile {
    pub fn new(path: PathBuf, cwd: &Path) -> LoadedFile {
        LoadedFile {
            display: discover::display_path(&path, cwd),
            path,
            text: None,
            okr: None,
            identity: None,
            lenient: None,
            diagnostics: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The model, when the file has no errors.
    pub fn valid(&self) -> Option<&OkrFile> {
        self.okr.as_ref().filter(|_| !self.has_errors())
    }

    /// The quarter and owner the file is for, from the model or, for a broken
    /// file, from what could be read of it.
    pub fn claims(&self) -> Option<(String, String)> {
        if let Some(okr) = &self.okr {
            let (_, name) = okr.owner()?;
            return Some((okr.quarter.to_string(), name.to_string()));
        }
        let identity = self.identity.as_ref()?;
        Some((identity.quarter.clone()?, identity.owner.clone()?))
    }
}

/// An owner of a quarter, as the index knows it.
#[derive(Debug, Clone)]
pub struct OwnerEntry {
    pub kind: Option<OwnerKind>,
    /// Every file that claims this owner and quarter (more than one is an error).
    pub files: Vec<usize>,
}

/// Owners by quarter and name, from every file that says who it is for,
/// valid or not.
#[derive(Debug, Default)]
pub struct Index {
    pub owners: BTreeMap<(String, String), OwnerEntry>,
}

impl Index {
    pub fn build(files: &[LoadedFile]) -> Index {
        let mut index = Index::default();
        for (i, file) in files.iter().enumerate() {
            let Some(key) = file.claims() else { continue };
            let kind = match (&file.okr, &file.identity) {
                (Some(okr), _) => okr.owner().map(|(kind, _)| kind),
                (None, Some(identity)) => match identity.kind.as_deref() {
                    Some("company") => Some(OwnerKind::Company),
                    Some("team") => Some(OwnerKind::Team),
                    Some("person") => Some(OwnerKind::Person),
                    _ => None,
                },
                _ => None,
            };
            let entry = index.owners.entry(key).or_insert(OwnerEntry {
                kind,
                files: Vec::new(),
            });
            entry.files.push(i);
        }
        index
    }

    pub fn owner(&self, quarter: &str, name: &str) -> Option<&OwnerEntry> {
        self.owners.get(&(quarter.to_string(), name.to_string()))
    }
}
