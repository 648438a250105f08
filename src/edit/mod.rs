//! Format-preserving edits of OKR files: `okr checkin` adds one check-in to a
//! key result and changes nothing else (`README.md#commands`).
//!
//! The file is parsed once: into the model (what it means: whether the key
//! result takes the check-in, and where it goes) and its spanned document
//! (where it is written, `crate::source::document`). The new check-in's
//! lines are spliced into the text in the style of their siblings; then the
//! new text is parsed once more and must mean exactly the old file plus that
//! check-in, or nothing is returned.
//!
//! Only whole lines are added, with one exception the format allows: a
//! `checkins: []` (or `~`) line loses its `[]` to become a block list, and a
//! one-line `[...]` flow list gets its new item inside the same line.
//! `replace` touches only the lines of the check-in it replaces.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod args;
pub mod checked;
mod diff;
mod layout;
mod scalars;
mod source;
mod splice;
mod style;
pub mod target;
mod verify;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;

use crate::compute::GRACE_DAYS;
use crate::model::{KeyResult, OkrFile, Quarter};
use crate::source::document::SourceText;

pub use diff::{added_lines, unified_diff};
pub use scalars::{fmt_num, scalar};

use layout::{build_tree, find_key_result, shared_anchors};
use source::Source;
use splice::{apply, Splice};
use verify::verify;

/// One check-in to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckin {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

/// Why a check-in was not written. The file is then unchanged. Each
/// refusal is said here once, naming the key result as the request did.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The text is not a YAML document that reads as an OKR file.
    Invalid(String),
    /// No key result with that id in that objective (of the file named, if one is).
    NoSuchKeyResult { key_result: String, file: String },
    /// The key result keeps its value in `current`, not in check-ins.
    UsesCurrent { key_result: String, value: f64 },
    /// The key result is dropped; the reason given in the file.
    Dropped { key_result: String, reason: String },
    /// The date is outside the quarter's check-in window.
    OutsideWindow {
        date: NaiveDate,
        quarter: Quarter,
        first: NaiveDate,
        last: NaiveDate,
    },
    /// A check-in on that date exists and `replace` was not asked for.
    DateTaken { key_result: String, date: NaiveDate },
    /// The value or confidence cannot be written (not a finite number).
    BadValue(String),
    /// The file is written in a way this edit does not handle without
    /// touching other lines; says what and how to change it.
    Unsupported(String),
    /// The edited text did not mean the old file plus the check-in (a bug,
    /// caught before anything was written).
    VerifyFailed(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Invalid(why) => write!(f, "the file cannot be edited: {why}"),
            EditError::NoSuchKeyResult { key_result, file } if file.is_empty() => {
                write!(f, "there is no key result `{key_result}`")
            }
            EditError::NoSuchKeyResult { key_result, file } => write!(
                f,
                "there is no key result `{key_result}` in {file} (it changed while okr was reading it?); run again"
            ),
            EditError::UsesCurrent { key_result, value } => {
                let value = fmt_num(*value);
                write!(
                    f,
                    "`{key_result}` keeps its value in `current: {value}`, not in check-ins; to record check-ins, replace `current: {value}` with `checkins: [{{ date: YYYY-MM-DD, value: {value} }}]` (the day {value} was measured) and run this again"
                )
            }
            EditError::Dropped { key_result, reason } => write!(
                f,
                "`{key_result}` was dropped ({}); a dropped key result takes no check-ins",
                reason.trim()
            ),
            EditError::OutsideWindow {
                date,
                quarter,
                first,
                last,
            } => write!(
                f,
                "{date} is outside the check-in window of {quarter}, {first} to {last} (the quarter, and {GRACE_DAYS} days after it for the final measurement); {date} is in {}; give --date in the window, or --quarter for another quarter's file",
                quarter.calendar().containing(*date)
            ),
            EditError::DateTaken { key_result, date } => write!(
                f,
                "`{key_result}` already has a check-in on {date}; add --replace to change its values in place"
            ),
            EditError::BadValue(why) => f.write_str(why),
            EditError::Unsupported(why) => write!(f, "cannot add the check-in: {why}"),
            EditError::VerifyFailed(why) => write!(
                f,
                "the edit was not written because the result would not read back as expected \
                 (this is a bug in okr; please report it): {why}"
            ),
        }
    }
}

impl std::error::Error for EditError {}

/// The check-in fields in the order the format documents them.
const FIELDS: [&str; 4] = ["date", "value", "confidence", "note"];

/// A check-in to make: where, what, and how.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The key result as the request named it (`OWNER/OBJECTIVE/KEY_RESULT`), for messages.
    pub name: String,
    /// The file as shown, for messages (may be empty).
    pub file: String,
    pub objective: &'a str,
    pub key_result: &'a str,
    pub checkin: &'a NewCheckin,
    /// Replace a check-in on the same date instead of refusing.
    pub replace: bool,
    /// The quarter and its check-in window (first and last day), when the
    /// date is to be held to it.
    pub window: Option<(Quarter, NaiveDate, NaiveDate)>,
}

/// What a check-in did.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    /// The file's new text.
    pub text: String,
    /// An existing check-in on that date was changed (`replace`).
    pub replaced: bool,
}

/// Adds one check-in to key result `kr_id` of objective `objective_id` in the
/// OKR file `text`, placed in date order in the style of its siblings.
///
/// With `replace`, a check-in already on that date has its `value` replaced,
/// and its `confidence` and `note` replaced when the new check-in has them
/// (kept otherwise); only that check-in's lines change. Without `replace`, a
/// check-in on that date is [`EditError::DateTaken`]. Dates are not checked
/// against the quarter here (see [`Request::window`]).
pub fn add_checkin(
    text: &str,
    objective_id: &str,
    kr_id: &str,
    checkin: &NewCheckin,
    replace: bool,
) -> Result<Added, EditError> {
    let spanned = SourceText::new(text);
    let request = Request {
        name: format!("{objective_id}/{kr_id}"),
        file: String::new(),
        objective: objective_id,
        key_result: kr_id,
        checkin,
        replace,
        window: None,
    };
    splice_checkin(&spanned, None, &request)
}

/// [`add_checkin`] for `request`, on `text` parsed once: its model (`okr`,
/// when the caller has it already, else read here) says whether the key
/// result takes the check-in and where it goes, its document where the lines
/// go; the edited text is parsed once more and must mean exactly the old
/// file plus the check-in, or nothing is returned.
pub fn splice_checkin(
    text: &SourceText<'_>,
    okr: Option<&OkrFile>,
    request: &Request<'_>,
) -> Result<Added, EditError> {
    let checkin = request.checkin;
    for (name, number) in [
        ("value", Some(checkin.value)),
        ("confidence", checkin.confidence),
    ] {
        if number.is_some_and(|n| !n.is_finite()) {
            return Err(EditError::BadValue(format!(
                "the {name} must be a finite number"
            )));
        }
    }
    let source = text.source();
    if source.replace("\r\n", "").contains('\r') {
        return Err(EditError::Unsupported(
            "the file has line breaks written as a lone carriage return; save it with LF or CRLF line endings"
                .into(),
        ));
    }
    let parsed;
    let okr = match okr {
        Some(okr) => okr,
        None => {
            parsed = crate::source::parse::parse_text("", text);
            match &parsed.okr {
                Some(okr) if parsed.diagnostics.is_empty() => okr,
                _ => {
                    let why = parsed.diagnostics.first().map_or_else(
                        || "it is not an OKR file".to_string(),
                        |d| d.message.clone(),
                    );
                    return Err(EditError::Invalid(why));
                }
            }
        }
    };
    let no_such = || EditError::NoSuchKeyResult {
        key_result: request.name.clone(),
        file: request.file.clone(),
    };
    let (objective, obj) = okr
        .objectives
        .iter()
        .enumerate()
        .find(|(_, o)| o.id.as_str() == request.objective)
        .ok_or_else(no_such)?;
    let (key_result, kr) = obj
        .key_results
        .iter()
        .enumerate()
        .find(|(_, k)| k.id.as_str() == request.key_result)
        .ok_or_else(no_such)?;
    let op = refuse(kr, request)?;
    let src = Source::new(source);
    let root = build_tree(&src, text.document())?;
    // An anchor inside the key result that an alias elsewhere refers to: a
    // check-in added here would appear there too (and the other way round).
    let shared = shared_anchors(text.document());
    let found = find_key_result(&root, request.objective, request.key_result)
        .filter(|f| (f.objective, f.key_result) == (objective, key_result))
        .ok_or_else(|| {
            EditError::Unsupported(
                "the key result is written with YAML anchors or aliases, which okr does not edit"
                    .into(),
            )
        })?;
    if let Some(&at) = shared
        .iter()
        .find(|&&at| (found.kr.start..=found.kr.end).contains(&at))
    {
        return Err(EditError::Unsupported(format!(
            "line {} holds a YAML anchor (`&name`) that an alias (`*name`) elsewhere repeats, so this key result's check-ins are shared with another place and a check-in added here would be added there too; write each key result's `checkins:` out in full (no `&`, no `*`) and run again",
            src.line_of(at) + 1
        )));
    }
    let splice = Splice {
        src: &src,
        root: &root,
        found: &found,
        checkin,
        items_in_value: kr.checkins().len(),
    };
    let edits = splice.edits(op)?;
    let new_text = apply(source, edits)?;
    verify(okr, &new_text, objective, key_result, checkin, op).map_err(|err| {
        match shared.is_empty() {
            true => err,
            false => EditError::Unsupported(
                "the file shares text through YAML anchors and aliases (`&name`, `*name`) around this key result, so the check-in cannot be added here alone; write the shared part out in full and run again"
                    .into(),
            ),
        }
    })?;
    Ok(Added {
        text: new_text,
        replaced: matches!(op, Op::Replace(_)),
    })
}

/// The refusals that follow from the key result and the request, else
/// where the check-in goes.
fn refuse(kr: &KeyResult, request: &Request<'_>) -> Result<Op, EditError> {
    let key_result = || request.name.clone();
    if let Some(current) = kr.current {
        return Err(EditError::UsesCurrent {
            key_result: key_result(),
            value: current.0,
        });
    }
    if let Some(reason) = &kr.dropped {
        return Err(EditError::Dropped {
            key_result: key_result(),
            reason: reason.clone(),
        });
    }
    let date = request.checkin.date;
    if let Some((quarter, first, last)) = request.window {
        if date < first || date > last {
            return Err(EditError::OutsideWindow {
                date,
                quarter,
                first,
                last,
            });
        }
    }
    let dates: Vec<NaiveDate> = kr.checkins().iter().map(|c| c.date.0).collect();
    Ok(match dates.iter().position(|d| *d == date) {
        Some(_) if !request.replace => {
            return Err(EditError::DateTaken {
                key_result: key_result(),
                date,
            })
        }
        Some(index) => Op::Replace(index),
        None => Op::Insert(dates.iter().rposition(|d| *d < date).map_or(0, |p| p + 1)),
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Insert(usize),
    Replace(usize),
}
