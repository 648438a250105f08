//! `okr checkin OWNER/OBJECTIVE/KEY_RESULT VALUE`: add one check-in to a key
//! result, changing nothing else in its file; and the hidden
//! `okr __complete-keys PREFIX` the shell completions call.
//!
//! Refusals about the request (an unknown path, a key result kept in
//! `current` or dropped, a bad value, a date outside the window or already
//! taken) are usage errors, exit 2; an invalid file is exit 1, with its errors.

use std::io;

use anyhow::Result;

use crate::cli::{CheckinArgs, CompleteKeysArgs};
use crate::context::Context;
use crate::edit::args::{confidence, value};
use crate::edit::checked::{self, KeyPath, Refusal};
use crate::edit::target;
use crate::edit::{added_lines, unified_diff, NewCheckin};
use crate::error::{Exit, UsageError};
use crate::model::parse_date;
use crate::render::{self, Output};
use crate::source::describe_io;
use crate::view::checkin::{self as view, CheckinReport};
use crate::workspace::{Keep, Quarters, Workspace};
use crate::write::{self, UpdateError};

/// How often a file that is invalid while it changes (another program saving
/// it) is read again, 100 ms apart, before the check-in is refused.
const HALF_WRITTEN_TRIES: u32 = 10;

pub fn run(args: &CheckinArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    let value = value(&args.value)?;
    let confidence = args.confidence.as_deref().map(confidence).transpose()?;
    let date = match &args.date {
        Some(text) => parse_date(text).map_err(|e| UsageError(format!("--date: {e}")))?,
        None => ctx.today,
    };
    let note = args.note.clone().filter(|n| !n.trim().is_empty());
    let checkin = NewCheckin {
        date,
        value,
        confidence,
        note,
    };
    let calendar = ctx.config(&ctx.okr_dir()?)?.calendar;
    let given = match &args.quarter {
        Some(text) => Some(
            calendar
                .parse(text)
                .map_err(|e| UsageError(format!("--quarter: {e}")))?,
        ),
        None => None,
    };
    let quarters = target::quarters_in(calendar, date, given);
    // Only the files of the quarters the check-in may go to are read.
    let load = || ctx.workspace_of_quarters(Keep::Everything, Quarters::Only(&quarters));
    let mut workspace = load()?;
    let Some(path) = KeyPath::parse(&args.path) else {
        return Err(UsageError(target::unknown(&workspace, &args.path, &quarters)).into());
    };
    let picked_by = given.is_none().then_some(date);
    let mut waits = 0;
    let mut all_read = false;
    let target = loop {
        match target::target(&workspace, &path, &quarters, picked_by) {
            Ok(target) => break target,
            // Not in these quarters: the refusal says where it is, so every
            // quarter is read.
            Err(Refusal::Usage(_)) if !all_read => {
                all_read = true;
                workspace = ctx.workspace()?;
            }
            // An invalid file that is changing on disk is being saved (in
            // place, by a program that truncates then writes): read it again
            // when that program is done rather than report its half.
            Err(_) if waits < HALF_WRITTEN_TRIES && being_written(&workspace, waits == 0) => {
                waits += 1;
                workspace = load()?;
            }
            Err(refusal) => return refused(refusal, output),
        }
    };
    // Whether the check-in written replaced one (the last edit's, if the
    // file changed under the lock and was edited again).
    let replaced = std::cell::Cell::new(false);
    let mut edit = |text: &str| {
        checked::checkin(
            &target.display,
            text,
            &workspace.config,
            target.quarter,
            &path,
            &checkin,
            args.replace,
        )
        .map(|added| {
            replaced.set(added.replaced);
            added.text
        })
    };
    if args.dry_run {
        let text =
            std::fs::read_to_string(&target.path).map_err(|e| cannot(&target.display, &e))?;
        return match edit(&text) {
            Ok(new) => {
                let diff = unified_diff(&target.display, &text, &new);
                render::checkin::dry_run(&diff, output.out, output.err, output.color_err)?;
                Ok(Exit::Success)
            }
            Err(refusal) => refused(refusal, output),
        };
    }
    let file = &target.display;
    let mut tries = 0;
    let updated = loop {
        match write::update(&target.path, &mut edit) {
            Ok(updated) => break updated,
            // The file was valid when the directory was read: it changed since.
            // A program that saves in place (truncate, then write) leaves a
            // half-written file for a moment; wait for the rest of it.
            Err(UpdateError::Edit(Refusal::Invalid(_))) if tries < HALF_WRITTEN_TRIES => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(UpdateError::Edit(Refusal::Invalid(errors))) => {
                let why = format!("{file} changed while okr was writing to it and is now invalid (is another program saving it?), so no check-in was written; fix the errors above, or wait for that program, and run again");
                render::checkin::invalid(&errors, &why, output.color_err, output.err)?;
                return Ok(Exit::Invalid);
            }
            Err(UpdateError::Edit(refusal)) => return refused(refusal, output),
            Err(UpdateError::ReadOnly) => {
                return Err(UsageError(format!("{file} is read-only, so no check-in was written; make it writable (`chmod u+w {file}`) if it is meant to change")).into())
            }
            Err(UpdateError::Unreadable) => {
                return Err(UsageError(format!("{file} cannot be read (its permissions forbid it), so no check-in was written; make it readable (`chmod u+r {file}`) and run again")).into())
            }
            Err(UpdateError::KeptChanging) => {
                return Err(UsageError(format!("{file} kept changing while okr was writing to it (is an editor saving it?); no check-in was written and the other program's changes are kept; run again")).into())
            }
            Err(UpdateError::Io(e)) => return Err(cannot(file, &e).into()),
        }
    };
    let report = CheckinReport {
        file: target.display.clone(),
        key_result: path.to_string(),
        date,
        replaced: replaced.get(),
        lines: added_lines(&updated.before, &updated.after),
    };
    render::checkin::written(&report, output.color_out, output.out)?;
    Ok(Exit::Success)
}

/// `okr __complete-keys PREFIX`: the key-result paths starting with PREFIX.
pub fn complete_keys(args: &CompleteKeysArgs, ctx: &Context, output: &mut Output) -> Result<Exit> {
    let workspace = ctx.workspace()?;
    let paths = view::completions(&workspace, ctx.today, &args.prefix, !args.all);
    render::checkin::completions(&paths, output.out)?;
    Ok(Exit::Success)
}

/// Whether an invalid file of `workspace`, 100 ms after it was read, no
/// longer holds the text it was read with; with `first`, whether there is
/// an invalid file at all (its text may not have been kept: read it again
/// once anyway).
fn being_written(workspace: &Workspace, first: bool) -> bool {
    let mut invalid = workspace.files.iter().filter(|f| f.has_errors()).peekable();
    if invalid.peek().is_none() {
        return false;
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    first
        || invalid.any(|f| {
            let now = std::fs::read(&f.path).ok();
            let now = now
                .as_deref()
                .map(|b| b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b));
            match (&f.text, now) {
                (Some(text), Some(now)) => text.as_bytes() != now,
                _ => false,
            }
        })
}

fn refused(refusal: Refusal, output: &mut Output) -> Result<Exit> {
    match refusal {
        Refusal::Invalid(errors) => {
            let why = "the file is invalid, so no check-in was written; fix the errors above and run again";
            render::checkin::invalid(&errors, why, output.color_err, output.err)?;
            Ok(Exit::Invalid)
        }
        Refusal::Usage(message) => Err(UsageError(message).into()),
    }
}

fn cannot(file: &str, err: &io::Error) -> UsageError {
    UsageError(format!("cannot write {file}: {}", describe_io(err)))
}
