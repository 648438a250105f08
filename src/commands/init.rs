//! `okr init [DIR]`: create an OKR directory with the JSON Schema, a README and
//! a commented example for the current quarter. Never overwrites: a file that
//! exists is reported and left as it is, so running it again is harmless.

use std::fs;
use std::io;
use std::path::Path;

use anyhow::Result;

use crate::cli::InitArgs;
use crate::context::Context;
use crate::error::{Exit, UsageError};
use crate::model::quarter::Quarter;
use crate::model::schema;
use crate::model::{OwnerKind, Slug};
use crate::render::{self, Output};
use crate::source::{describe_io, discover};
use crate::{config, template, write};

use crate::view::authoring::{Entry, InitReport, Outcome};

pub fn run(args: &InitArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    // DIR, else --dir / OKR_DIR, else ./okrs.
    let dir = args
        .dir
        .as_deref()
        .or(ctx.dir.as_deref())
        .map_or_else(|| ctx.cwd.join("okrs"), |d| ctx.cwd.join(d));
    if let Some(outer) = discover::enclosing_okr_dir(&dir) {
        return Err(UsageError(format!(
            "{} is inside the OKR directory {}, and an OKR directory nested in another is part of it; use {} (or create this one elsewhere)",
            ctx.display(&dir),
            ctx.display(&outer),
            ctx.display(&outer)
        ))
        .into());
    }
    // A new folder has no okr.toml yet: its quarters are calendar quarters.
    let quarter = match &args.quarter {
        Some(text) => text
            .parse::<Quarter>()
            .map_err(|e| UsageError(format!("--quarter: {e}")))?,
        None => Quarter::containing(ctx.today),
    };
    let report = init(&dir, quarter, ctx)?;
    render::authoring::init(&report, output.color_out, output.out)?;
    Ok(Exit::Success)
}

/// Creates the OKR directory `dir` and whichever of its starter files are missing.
pub fn init(dir: &Path, quarter: Quarter, ctx: &Context) -> Result<InitReport> {
    fs::create_dir_all(dir).map_err(|err| {
        UsageError(format!(
            "cannot create the OKR directory {}: {}",
            ctx.display(dir),
            describe_io(&err)
        ))
    })?;
    let shown = ctx.display(dir);
    // Read before anything is written: an example only goes into an empty directory.
    let has_okr_files = !discover::identities(dir, &ctx.cwd).is_empty();
    let schema_text = schema::to_json();
    let mut entries = Vec::new();

    let schema_path = dir.join(schema::FILE_NAME);
    let mut entry = create(&schema_path, schema_text.as_bytes(), ctx)?;
    if entry.outcome == Outcome::Exists
        && fs::read_to_string(&schema_path).is_ok_and(|text| text != schema_text)
    {
        entry.note = Some(format!(
            "it differs from this version's schema; refresh it with `okr schema > {}`",
            entry.path
        ));
    }
    entries.push(entry);

    entries.push(create(
        &dir.join("README.md"),
        template::README.as_bytes(),
        ctx,
    )?);
    entries.push(create(
        &dir.join(config::FILE_NAME),
        template::CONFIG.as_bytes(),
        ctx,
    )?);

    let name = Slug::parse(template::EXAMPLE_NAME).map_err(anyhow::Error::msg)?;
    let relative = template::relative_path(OwnerKind::Team, &name, quarter);
    let example_path = dir.join(&relative);
    if fs::symlink_metadata(&example_path).is_err() && has_okr_files {
        entries.push(Entry {
            path: ctx.display(&example_path),
            outcome: Outcome::Skipped(format!("{shown} already holds OKR files")),
            note: None,
        });
    } else {
        let text = template::okr_file(OwnerKind::Team, &name, quarter, &relative);
        if let Some(parent) = example_path.parent() {
            fs::create_dir_all(parent).map_err(|err| cannot_write(parent, &err))?;
        }
        entries.push(create(&example_path, text.as_bytes(), ctx)?);
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
fn create(path: &Path, contents: &[u8], ctx: &Context) -> Result<Entry> {
    let outcome = match write::create_new(path, contents) {
        Ok(()) => Outcome::Created,
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Outcome::Exists,
        Err(err) => return Err(cannot_write(path, &err).into()),
    };
    Ok(Entry {
        path: ctx.display(path),
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
