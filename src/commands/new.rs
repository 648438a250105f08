//! `okr new company|team|person NAME [--quarter Q]`: write a commented OKR
//! file for one owner from a template. The name must be a slug, so the path
//! stays inside the OKR directory; an existing file is never replaced.

use std::fs;
use std::io;
use std::path::Path;

use anyhow::Result;

use crate::cli::{NewArgs, NewKind};
use crate::commands::parse_quarter;
use crate::error::{Exit, UsageError};
use crate::model::quarter::Quarter;
use crate::model::schema;
use crate::model::{OwnerKind, Slug};
use crate::source::{self, describe_io, display_path};
use crate::{render, template, write, Output};

pub fn run(args: &NewArgs, dir: Option<&Path>, output: &mut Output) -> Result<Exit> {
    let kind = match args.kind {
        NewKind::Company => OwnerKind::Company,
        NewKind::Team => OwnerKind::Team,
        NewKind::Person => OwnerKind::Person,
    };
    // The name becomes the file name: a slug has no `/` and cannot start with `.`.
    let name = Slug::parse(&args.name).map_err(|e| UsageError(format!("NAME: {e}")))?;
    let quarter = match &args.quarter {
        Some(text) => parse_quarter(text)?,
        None => Quarter::containing(chrono::Local::now().date_naive()),
    };
    let root = source::find_okr_dir(dir)?;
    let relative = template::relative_path(kind, &name, quarter);
    let path = root.join(&relative);
    let shown = display_path(&path);
    let left_as_is = || {
        UsageError(format!(
            "{shown} already exists, left as is; edit it instead"
        ))
    };
    if fs::symlink_metadata(&path).is_ok() {
        return Err(left_as_is().into());
    }
    if let Some(other) = owner_file(&root, &name, quarter) {
        return Err(UsageError(format!(
            "`{name}` already has OKRs for {quarter} in {other}; keep one file per owner and quarter"
        ))
        .into());
    }
    let text = template::okr_file(kind, &name, quarter, &relative);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|err| cannot_write(parent, &err))?;
    }
    match write::create_new(&path, text.as_bytes()) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => return Err(left_as_is().into()),
        Err(err) => return Err(cannot_write(&path, &err).into()),
    }
    render::authoring::new(&shown, output.out)?;
    let schema_path = root.join(schema::FILE_NAME);
    if fs::symlink_metadata(&schema_path).is_err() {
        let schema_shown = display_path(&schema_path);
        render::note(
            &format!(
                "{schema_shown} does not exist, so editors cannot check the new file; create it with `okr schema > {schema_shown}`"
            ),
            output.color_err,
            output.err,
        )?;
    }
    Ok(Exit::Success)
}

/// The file that already holds `name`'s OKRs for `quarter`, if any; a file
/// too broken to parse counts by what it still says about itself.
fn owner_file(root: &Path, name: &Slug, quarter: Quarter) -> Option<String> {
    let quarter_text = quarter.to_string();
    source::load_dir(root)
        .files
        .into_iter()
        .find(|file| match (&file.okr, &file.identity) {
            (Some(okr), _) => {
                okr.quarter == quarter && okr.owner().is_some_and(|(_, owner)| owner == name)
            }
            (None, Some(id)) => {
                id.quarter.as_deref() == Some(quarter_text.as_str())
                    && id.owner.as_deref() == Some(name.as_str())
            }
            (None, None) => false,
        })
        .map(|file| file.display)
}

fn cannot_write(path: &Path, err: &io::Error) -> UsageError {
    UsageError(format!(
        "cannot write {}: {}",
        path.display(),
        describe_io(err)
    ))
}
