//! The arguments of `okr checkin` read the way the file format reads its
//! values: VALUE a plain number (with `okr check`'s fix otherwise), and
//! `--confidence` from 0.0 to 1.0 ("did you mean 0.7?" for `70`).

use crate::error::UsageError;
use crate::model::Confidence;
use crate::source::walk::number_fix;

/// VALUE: a plain finite number; the fix `okr check` gives otherwise.
pub fn value(text: &str) -> Result<f64, UsageError> {
    if let Some(v) = text.trim().parse::<f64>().ok().filter(|v| v.is_finite()) {
        return Ok(v);
    }
    // What a file's `value:` reads as a number reads so here too (`0x10`).
    let yaml = serde_yaml::from_str::<serde_yaml::Value>(text).ok();
    if let Some(v) = yaml.as_ref().and_then(serde_yaml::Value::as_f64) {
        if v.is_finite() {
            return Ok(v);
        }
    }
    Err(UsageError(match number_fix(text, true, false) {
        // `okr check`'s advice, said for a command line: the unit is the key result's.
        Some(fix) => match fix.split_once(" and put `") {
            Some((number, _)) => format!("VALUE `{text}` is not a number; {number} and keep the unit in `unit:`"),
            None => format!("VALUE `{text}` is not a number; {fix}"),
        },
        None => format!("VALUE `{text}` is not a number; give the measured value, e.g. 88 or 2.5, in the key result's unit"),
    }))
}

/// `--confidence`: 0.0 to 1.0, read the way the file format reads it
/// (`70` gets "did you mean 0.7?").
pub fn confidence(text: &str) -> Result<f64, UsageError> {
    // A number as a file's `confidence:` reads it (`0x1` too), else the text.
    let number = text.trim().parse::<f64>().ok().or_else(|| {
        serde_yaml::from_str::<serde_yaml::Value>(text)
            .ok()
            .and_then(|v| v.as_f64())
    });
    let yaml = match number {
        Some(v) if v.is_finite() => serde_yaml::Value::Number(v.into()),
        _ => serde_yaml::Value::String(text.to_string()),
    };
    serde_yaml::from_value::<Confidence>(yaml)
        .map(|c| c.0)
        .map_err(|e| UsageError(format!("--confidence: {e}")))
}
