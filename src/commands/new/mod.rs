//! `okr new company|team|person NAME [--quarter Q] [--from QUARTER]`: write
//! a commented OKR file for one owner from a template, or, with `--from`,
//! from the owner's file of an earlier quarter (`--quarter` then defaults to
//! the quarter after it). The name must be a slug, so the path stays inside
//! the OKR directory; an existing file is never replaced, and a file made
//! from an earlier quarter is checked before it is written.

use std::fs;
use std::io;
use std::path::Path;

use anyhow::Result;

use crate::cli::{NewArgs, NewKind};
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::model::schema;
use crate::model::{OwnerKind, Quarter, Slug};
use crate::render::{self, Output};
use crate::source::{describe_io, discover};
use crate::{config::Config, template, write};

mod from;

use from::carried_over;

pub fn run(args: &NewArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    let kind = match args.kind {
        NewKind::Company => OwnerKind::Company,
        NewKind::Team => OwnerKind::Team,
        NewKind::Person => OwnerKind::Person,
    };
    // The name becomes the file name: a slug has no `/` and cannot start with `.`.
    // `okr new team devrel.yaml` means devrel: never `devrel.yaml.yaml`.
    let bare = args
        .name
        .strip_suffix(".yaml")
        .or_else(|| args.name.strip_suffix(".yml"))
        .unwrap_or(&args.name);
    let name = Slug::parse(bare).map_err(|e| UsageError(format!("NAME: {e}")))?;
    let root = ctx.okr_dir()?;
    let calendar = Config::load(&root)?.calendar;
    let from = match &args.from {
        Some(text) => Some(
            calendar
                .parse(text)
                .map_err(|e| UsageError(format!("--from: {e}")))?,
        ),
        None => None,
    };
    let quarter = match (&args.quarter, from) {
        (Some(text), _) => calendar
            .parse(text)
            .map_err(|e| UsageError(format!("--quarter: {e}")))?,
        (None, Some(from)) => from.next(),
        (None, None) => calendar.containing(ctx.today),
    };
    let relative = template::relative_path(kind, &name, quarter);
    let path = root.join(&relative);
    let shown = ctx.display(&path);
    let left_as_is = || {
        UsageError(format!(
            "{shown} already exists, left as is; edit it instead"
        ))
    };
    if fs::symlink_metadata(&path).is_ok() {
        return Err(left_as_is().into());
    }
    if let Some(other) = owner_file(&root, &name, quarter, ctx) {
        return Err(UsageError(format!(
            "`{name}` already has OKRs for {quarter} in {other}; keep one file per owner and quarter"
        ))
        .into());
    }
    let text = match from {
        None => template::okr_file(kind, &name, quarter, &relative),
        Some(from) => match carried_over(kind, &name, from, quarter, &relative, ctx)? {
            Ok(text) => text,
            Err(errors) => {
                let why = format!("{name}'s file for {from} is invalid, so nothing was written; fix the errors above and run again");
                render::checkin::invalid(&errors, &why, output.color_err, output.err)?;
                return Ok(Exit::Invalid);
            }
        },
    };
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
        let schema_shown = ctx.display(&schema_path);
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

/// The file that already holds `name`'s OKRs for `quarter`, if any, read
/// from each file's top-level lines (a broken file counts too).
fn owner_file(root: &Path, name: &Slug, quarter: Quarter, ctx: &Context) -> Option<String> {
    let quarter = quarter.to_string();
    discover::identities(root, &ctx.cwd)
        .into_iter()
        .find(|(_, id)| {
            id.quarter.as_deref() == Some(quarter.as_str())
                && id.owner.as_deref() == Some(name.as_str())
        })
        .map(|(path, _)| ctx.display(&path))
}

fn cannot_write(path: &Path, err: &io::Error) -> UsageError {
    UsageError(format!(
        "cannot write {}: {}",
        path.display(),
        describe_io(err)
    ))
}
