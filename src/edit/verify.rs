//! Verification: the edited text must parse and mean exactly the old file
//! plus the check-in, or nothing is written.

use super::{EditError, NewCheckin, Op};
use crate::model::{Checkin, Confidence, Date, Number, OkrFile};
use crate::source;

/// Parses `new_text` (once) and compares its model with `old`'s plus the
/// check-in at key result `key_result` of objective `objective`.
pub(super) fn verify(
    old: &OkrFile,
    new_text: &str,
    objective: usize,
    key_result: usize,
    checkin: &NewCheckin,
    op: Op,
) -> Result<(), EditError> {
    let parsed = source::parse("", new_text);
    let mut new = match (parsed.okr, parsed.diagnostics.first()) {
        (Some(new), None) => new,
        (_, first) => {
            let why = first.map_or("it is not an OKR file", |d| d.message.as_str());
            return Err(EditError::VerifyFailed(format!(
                "the edited file no longer loads: {why}"
            )));
        }
    };
    // Read in the old model's calendar (the directory's), as the old one was.
    new.quarter = new.quarter.with_calendar(old.quarter.calendar());
    let mut expected = old.clone();
    let kr = expected
        .objectives
        .get_mut(objective)
        .and_then(|o| o.key_results.get_mut(key_result))
        .ok_or_else(|| EditError::VerifyFailed("key result not found in the old file".into()))?;
    let list = kr.checkins.get_or_insert_with(Vec::new);
    match op {
        Op::Insert(k) if k <= list.len() => list.insert(
            k,
            Checkin {
                date: Date(checkin.date),
                value: Number(checkin.value),
                confidence: checkin.confidence.map(Confidence),
                note: checkin.note.clone(),
            },
        ),
        Op::Replace(k) => {
            let item = list
                .get_mut(k)
                .ok_or_else(|| EditError::VerifyFailed("check-in to replace not found".into()))?;
            item.value = Number(checkin.value);
            if let Some(c) = checkin.confidence {
                item.confidence = Some(Confidence(c));
            }
            if let Some(note) = &checkin.note {
                item.note = Some(note.clone());
            }
        }
        Op::Insert(_) => {
            return Err(EditError::VerifyFailed(
                "insert position out of range".into(),
            ))
        }
    }
    if new != expected {
        return Err(EditError::VerifyFailed(
            "the edited file does not equal the old one plus the check-in".into(),
        ));
    }
    Ok(())
}
