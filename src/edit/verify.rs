//! Verification: the edited text must parse and mean exactly the old file
//! plus the check-in, or nothing is written.

use serde_yaml::{Mapping, Value};

use super::scalars::num_value;
use super::{EditError, NewCheckin, Op};
use crate::model::OkrFile;

pub(super) fn verify(
    old_text: &str,
    old: &Value,
    new_text: &str,
    objective: usize,
    key_result: usize,
    checkin: &NewCheckin,
    op: Op,
) -> Result<(), EditError> {
    let new: Value = serde_yaml::from_str(new_text)
        .map_err(|e| EditError::VerifyFailed(format!("the edited file does not parse: {e}")))?;
    let mut expected = old.clone();
    let kr = expected
        .get_mut("objectives")
        .and_then(|o| o.get_mut(objective))
        .and_then(|o| o.get_mut("key_results"))
        .and_then(|k| k.get_mut(key_result))
        .and_then(Value::as_mapping_mut)
        .ok_or_else(|| EditError::VerifyFailed("key result not found in the old file".into()))?;
    let key = Value::String("checkins".into());
    if kr.get(&key).is_none_or(Value::is_null) {
        kr.insert(key.clone(), Value::Sequence(Vec::new()));
    }
    let list = kr
        .get_mut(&key)
        .and_then(Value::as_sequence_mut)
        .ok_or_else(|| EditError::VerifyFailed("checkins is not a list".into()))?;
    let set = |map: &mut Mapping, k: &str, v: Value| {
        map.insert(Value::String(k.into()), v);
    };
    match op {
        Op::Insert(k) if k <= list.len() => {
            let mut map = Mapping::new();
            set(
                &mut map,
                "date",
                Value::String(checkin.date.format("%Y-%m-%d").to_string()),
            );
            set(&mut map, "value", num_value(checkin.value));
            if let Some(c) = checkin.confidence {
                set(&mut map, "confidence", num_value(c));
            }
            if let Some(note) = &checkin.note {
                set(&mut map, "note", Value::String(note.clone()));
            }
            list.insert(k, Value::Mapping(map));
        }
        Op::Replace(k) => {
            let map = list
                .get_mut(k)
                .and_then(Value::as_mapping_mut)
                .ok_or_else(|| EditError::VerifyFailed("check-in to replace not found".into()))?;
            set(map, "value", num_value(checkin.value));
            if let Some(c) = checkin.confidence {
                set(map, "confidence", num_value(c));
            }
            if let Some(note) = &checkin.note {
                set(map, "note", Value::String(note.clone()));
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
    if serde_yaml::from_str::<OkrFile>(old_text).is_ok() {
        if let Err(e) = serde_yaml::from_str::<OkrFile>(new_text) {
            return Err(EditError::VerifyFailed(format!(
                "the edited file no longer loads: {e}"
            )));
        }
    }
    Ok(())
}
