//! Format-preserving edits of OKR files: `okr checkin` adds one check-in to a
//! key result and changes nothing else (FORMAT.md section 5).
//!
//! The file is read twice: by serde_yaml into a [`Value`] (what it means) and
//! by saphyr-parser into a small tree of nodes with byte spans (where it is
//! written). The new check-in's lines are spliced into the text in the style of
//! their siblings; then the new text is parsed again and must mean exactly the
//! old file plus that check-in, or nothing is returned.
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
mod scalars;
mod source;
mod splice;
mod style;
mod tree;
mod verify;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;
use serde_yaml::Value;

use crate::model::parse_date;

pub use diff::{added_lines, unified_diff};
pub use scalars::{fmt_num, scalar};

use source::Source;
use splice::{apply, Splice};
use tree::{build_tree, find_key_result, scalar_text, shared_anchors};
use verify::verify;

/// One check-in to write.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCheckin {
    pub date: NaiveDate,
    pub value: f64,
    pub confidence: Option<f64>,
    pub note: Option<String>,
}

/// Why a check-in was not written. The file is then unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The text is not a YAML document that reads as an OKR file.
    Invalid(String),
    /// No key result with that id in that objective.
    NoSuchKeyResult {
        objective: String,
        key_result: String,
    },
    /// The key result keeps its value in `current`, not in check-ins.
    UsesCurrent,
    /// The key result is dropped; the reason given in the file.
    Dropped(String),
    /// A check-in on that date exists and `replace` was not asked for.
    DateTaken(NaiveDate),
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
            EditError::NoSuchKeyResult {
                objective,
                key_result,
            } => write!(
                f,
                "there is no key result `{key_result}` in objective `{objective}`"
            ),
            EditError::UsesCurrent => f.write_str(
                "this key result keeps its value in `current:`, not in check-ins; \
                 to record check-ins, replace its `current:` line with a `checkins:` list",
            ),
            EditError::Dropped(reason) => write!(
                f,
                "this key result was dropped ({reason}); a dropped key result takes no check-ins"
            ),
            EditError::DateTaken(date) => write!(
                f,
                "there is already a check-in on {date}; use --replace to change its values"
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

/// Adds one check-in to key result `kr_id` of objective `objective_id` in the
/// OKR file `text`, placed in date order in the style of its siblings, and
/// returns the new text.
///
/// With `replace`, a check-in already on that date has its `value` replaced,
/// and its `confidence` and `note` replaced when the new check-in has them
/// (kept otherwise); only that check-in's lines change. Without `replace`, a
/// check-in on that date is [`EditError::DateTaken`]. Dates are not checked
/// against the quarter here: that is the caller's business.
pub fn add_checkin(
    text: &str,
    objective_id: &str,
    kr_id: &str,
    checkin: &NewCheckin,
    replace: bool,
) -> Result<String, EditError> {
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
    if text.replace("\r\n", "").contains('\r') {
        return Err(EditError::Unsupported(
            "the file has line breaks written as a lone carriage return; save it with LF or CRLF line endings"
                .into(),
        ));
    }
    let old: Value = serde_yaml::from_str(text).map_err(|e| EditError::Invalid(e.to_string()))?;
    let src = Source::new(text);
    let root = build_tree(&src)?;
    let found =
        find_key_result(&root, objective_id, kr_id).ok_or_else(|| EditError::NoSuchKeyResult {
            objective: objective_id.to_string(),
            key_result: kr_id.to_string(),
        })?;
    // An anchor inside the key result that an alias elsewhere refers to: a
    // check-in added here would appear there too (and the other way round).
    let shared = shared_anchors(&src);
    if let Some(&at) = shared
        .iter()
        .find(|&&at| (found.kr.start..=found.kr.end).contains(&at))
    {
        return Err(EditError::Unsupported(format!(
            "line {} holds a YAML anchor (`&name`) that an alias (`*name`) elsewhere repeats, so this key result's check-ins are shared with another place and a check-in added here would be added there too; write each key result's `checkins:` out in full (no `&`, no `*`) and run again",
            src.line_of(at) + 1
        )));
    }
    let kr_value = old
        .get("objectives")
        .and_then(|o| o.get(found.objective))
        .and_then(|o| o.get("key_results"))
        .and_then(|k| k.get(found.key_result))
        .filter(|kr| kr.get("id").and_then(scalar_text).as_deref() == Some(kr_id))
        .ok_or_else(|| {
            EditError::Unsupported(
                "the key result is written with YAML anchors or aliases, which okr does not edit"
                    .into(),
            )
        })?;
    if kr_value.get("current").is_some_and(|v| !v.is_null()) {
        return Err(EditError::UsesCurrent);
    }
    if let Some(reason) = kr_value.get("dropped").filter(|v| !v.is_null()) {
        return Err(EditError::Dropped(
            scalar_text(reason).unwrap_or_else(|| "no reason given".into()),
        ));
    }
    let existing: Vec<Option<NaiveDate>> = match kr_value.get("checkins") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| {
                item.get("date")
                    .and_then(Value::as_str)
                    .and_then(|d| parse_date(d).ok())
            })
            .collect(),
        Some(_) => {
            return Err(EditError::Unsupported(
                "`checkins` is not a list; write it as a list of check-ins".into(),
            ))
        }
    };
    let op = match existing.iter().position(|d| *d == Some(checkin.date)) {
        Some(_) if !replace => return Err(EditError::DateTaken(checkin.date)),
        Some(index) => Op::Replace(index),
        None => Op::Insert(
            existing
                .iter()
                .rposition(|d| d.is_some_and(|d| d < checkin.date))
                .map_or(0, |p| p + 1),
        ),
    };
    let splice = Splice {
        src: &src,
        root: &root,
        found: &found,
        checkin,
        items_in_value: existing.len(),
    };
    let edits = splice.edits(op)?;
    let new_text = apply(text, edits)?;
    verify(
        text,
        &old,
        &new_text,
        found.objective,
        found.key_result,
        checkin,
        op,
    )
    .map_err(|err| match shared.is_empty() {
        true => err,
        false => EditError::Unsupported(
            "the file shares text through YAML anchors and aliases (`&name`, `*name`) around this key result, so the check-in cannot be added here alone; write the shared part out in full and run again"
                .into(),
        ),
    })?;
    Ok(new_text)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Insert(usize),
    Replace(usize),
}
