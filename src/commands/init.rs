//! `okr init [DIR]`: create an OKR directory with the JSON Schema, a README and
//! a commented example for the current quarter. Never overwrites: a file that
//! exists is reported and left as it is, so running it again is harmless.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::InitArgs;
use crate::error::{Exit, UsageError};
use crate::model::quarter::Quarter;
use crate::model::schema;
use crate::model::{OwnerKind, Slug};
use crate::source::{self, describe_io, display_path};
use crate::{render, template, write, Output};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    /// It was there already; left as is.
    Exists,
    /// Not written, and why.
    Skipped(String),
}

#[derive(Debug)]
pub struct Entry {
    /// The path as shown to the user.
    pub path: String,
    pub outcome: Outcome,
    /// Advice about this file, e.g. an outdated schema.
    pub note: Option<String>,
}

/// What `okr init` did, file by file.
#[derive(Debug)]
pub struct InitReport {
    pub dir: String,
    pub entries: Vec<Entry>,
    /// How to point `okr` at a directory it will not find by itself.
    pub dir_hint: Option<String>,
}

pub fn run(args: &InitArgs, global_dir: Option<&Path>, output: &mut Output) -> Result<Exit> {
    // DIR, else --dir / OKR_DIR, else ./okrs.
    let dir = args
        .dir
        .as_deref()
        .or(global_dir)
        .map_or_else(|| PathBuf::from("okrs"), Path::to_path_buf);
    let quarter = Quarter::containing(chrono::Local::now().date_naive());
    let report = init(&dir, quarter)?;
    render::authoring::init(&report, output.color_out, output.out)?;
    Ok(Exit::Success)
}

/// Creates the OKR directory `dir` and whichever of its starter files are missing.
pub fn init(dir: &Path, quarter: Quarter) -> Result<InitReport> {
    fs::create_dir_all(dir).map_err(|err| {
        UsageError(format!(
            "cannot create the OKR directory {}: {}",
            dir.display(),
            describe_io(&err)
        ))
    })?;
    let shown = display_path(dir);
    // Read before anything is written: an example only goes into an empty directory.
    let has_okr_files = !source::load_dir(dir).files.is_empty();
    let schema_text = schema::to_json();
    let mut entries = Vec::new();

    let schema_path = dir.join(schema::FILE_NAME);
    let mut entry = create(&schema_path, schema_text.as_bytes())?;
    if entry.outcome == Outcome::Exists
        && fs::read_to_string(&schema_path).is_ok_and(|text| text != schema_text)
    {
        entry.note = Some(format!(
            "it differs from this version's schema; refresh it with `okr schema > {}`",
            entry.path
        ));
    }
    entries.push(entry);

    entries.push(create(&dir.join("README.md"), template::README.as_bytes())?);

    let name = Slug::parse(template::EXAMPLE_NAME).map_err(anyhow::Error::msg)?;
    let relative = template::relative_path(OwnerKind::Team, &name, quarter);
    let example_path = dir.join(&relative);
    if fs::symlink_metadata(&example_path).is_err() && has_okr_files {
        entries.push(Entry {
            path: display_path(&example_path),
            outcome: Outcome::Skipped(format!("{shown} already holds OKR files")),
            note: None,
        });
    } else {
        let text = template::okr_file(OwnerKind::Team, &name, quarter, &relative);
        if let Some(parent) = example_path.parent() {
            fs::create_dir_all(parent).map_err(|err| cannot_write(parent, &err))?;
        }
        entries.push(create(&example_path, text.as_bytes())?);
    }

    let found_by_itself = dir.file_name().is_some_and(|name| name == "okrs");
    let dir_hint = (!found_by_itself).then(|| {
        format!(
            "`okr` looks for a folder named `okrs`; for this one, use `--dir {shown}` or set OKR_DIR={shown}."
        )
    });
    Ok(InitReport {
        dir: shown,
        entries,
        dir_hint,
    })
}

/// Writes `path` unless it exists.
fn create(path: &Path, contents: &[u8]) -> Result<Entry> {
    let outcome = match write::create_new(path, contents) {
        Ok(()) => Outcome::Created,
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Outcome::Exists,
        Err(err) => return Err(cannot_write(path, &err).into()),
    };
    Ok(Entry {
        path: display_path(path),
        outcome,
        note: None,
    })
}

fn cannot_write(path: &Path, err: &io::Error) -> UsageError {
    UsageError(format!(
        "cannot write {}: {}",
        path.display(),
        describe_io(err)
    ))
}
