//! What changed since a day (`docs/format.md#what-is-computed`, "since S"): a key result's
//! value, progress and confidence as of S, by the same rules as at the as-of
//! day, and the check-ins dated after S up to the as-of day with their notes.

use chrono::{Days, NaiveDate};

use crate::compute::{checkins_until, progress};
use crate::model::KeyResult;

/// `--since`: a day, or a span back from the as-of day (`14d`, `2w`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceArg {
    Date(NaiveDate),
    DaysBack(u64),
}

impl SinceArg {
    /// The day meant, for the as-of day `as_of`; `None` when a span reaches
    /// past the calendar's first day.
    pub fn resolve(self, as_of: NaiveDate) -> Option<NaiveDate> {
        match self {
            SinceArg::Date(date) => Some(date),
            SinceArg::DaysBack(days) => as_of.checked_sub_days(Days::new(days)),
        }
    }
}

/// Parses `--since`: `YYYY-MM-DD`, `Nd` (N days) or `Nw` (N weeks) back
/// from the as-of day. Used as clap's value parser, so a bad value is a
/// usage error before the directory is read.
pub fn parse_since(text: &str) -> Result<SinceArg, String> {
    let span = |digits: &str, per: u64| -> Option<SinceArg> {
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = digits.parse().ok()?;
        // Beyond a thousand years no date is meant.
        let days = n.checked_mul(per).filter(|d| *d <= 366_000)?;
        Some(SinceArg::DaysBack(days))
    };
    if let Some(digits) = text.strip_suffix('d') {
        if let Some(since) = span(digits, 1) {
            return Ok(since);
        }
    } else if let Some(digits) = text.strip_suffix('w') {
        if let Some(since) = span(digits, 7) {
            return Ok(since);
        }
    } else if let Ok(date) = crate::model::parse_date(text) {
        return Ok(SinceArg::Date(date));
    }
    Err(format!(
        "`{text}` is neither a date nor a span back from --as-of: write YYYY-MM-DD, `14d` (days) or `2w` (weeks)"
    ))
}

/// A key result as of the since-day, and what came after it.
#[derive(Debug, Clone, PartialEq)]
pub struct SinceFigures {
    pub date: NaiveDate,
    /// The value as of `date`: `current` if set, else the latest check-in up to it.
    pub value: Option<f64>,
    pub progress: f64,
    pub confidence: Option<f64>,
    /// Check-ins dated after `date` up to the as-of day.
    pub checkins: usize,
    /// Their notes, in date order.
    pub notes: Vec<(NaiveDate, String)>,
}

/// The figures of `kr` as of `since`, and the check-ins dated after it up
/// to `as_of`.
pub fn since(kr: &KeyResult, since: NaiveDate, as_of: NaiveDate) -> SinceFigures {
    // One sorted list, split at the since-day: the rules of `current` and
    // `confidence` on the part up to it, the rest is what was added.
    let all = checkins_until(kr, Some(as_of.max(since)));
    let split = all.partition_point(|c| c.date.0 <= since);
    let (then, added) = all.split_at(split);
    let added: Vec<_> = added.iter().filter(|c| c.date.0 <= as_of).collect();
    let value = kr
        .current
        .map(|c| c.0)
        .or_else(|| then.last().map(|c| c.value.0));
    SinceFigures {
        date: since,
        value,
        progress: progress(kr.baseline.0, kr.target.0, value),
        confidence: then.iter().rev().find_map(|c| c.confidence.map(|c| c.0)),
        checkins: added.len(),
        notes: added
            .iter()
            .filter_map(|c| c.note.as_ref().map(|n| (c.date.0, n.clone())))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn since_values_parse() {
        assert_eq!(
            parse_since("2026-11-07"),
            Ok(SinceArg::Date(day("2026-11-07")))
        );
        assert_eq!(parse_since("14d"), Ok(SinceArg::DaysBack(14)));
        assert_eq!(parse_since("2w"), Ok(SinceArg::DaysBack(14)));
        assert_eq!(parse_since("0d"), Ok(SinceArg::DaysBack(0)));
        for bad in [
            "",
            "d",
            "w",
            "2",
            "-2w",
            "2x",
            "2 w",
            "2026-13-01",
            "1.5w",
            "99999999999w",
        ] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
        assert_eq!(
            SinceArg::DaysBack(14).resolve(day("2026-11-21")),
            Some(day("2026-11-07"))
        );
    }

    #[test]
    fn as_of_the_since_day_and_after_it() {
        let kr: KeyResult = serde_yaml::from_str(
            "
id: tickets
baseline: 120
target: 60
checkins:
  - { date: 2026-10-06, value: 118, confidence: 0.5 }
  - { date: 2026-11-07, value: 104, note: on the day }
  - { date: 2026-11-10, value: 95, confidence: 0.6, note: after }
  - { date: 2026-11-30, value: 80, note: after as-of }
",
        )
        .unwrap();
        let s = since(&kr, day("2026-11-07"), day("2026-11-21"));
        assert_eq!(
            s.value,
            Some(104.0),
            "a check-in on the since-day is as of it"
        );
        assert!((s.progress - 16.0 / 60.0).abs() < 1e-12);
        assert_eq!(s.confidence, Some(0.5), "the latest stating one");
        assert_eq!(s.checkins, 1);
        assert_eq!(s.notes, vec![(day("2026-11-10"), "after".to_string())]);
        // The same as the rules at the as-of day, applied at the since-day.
        for d in [
            "2026-10-05",
            "2026-10-06",
            "2026-11-09",
            "2026-11-10",
            "2026-11-21",
        ] {
            let s = since(&kr, day(d), day("2026-11-21"));
            assert_eq!(s.value, crate::compute::current(&kr, Some(day(d))), "{d}");
            assert_eq!(
                s.confidence,
                crate::compute::confidence(&kr, Some(day(d))),
                "{d}"
            );
        }
        let before = since(&kr, day("2026-09-01"), day("2026-11-21"));
        assert_eq!(
            (before.value, before.progress, before.confidence),
            (None, 0.0, None)
        );
        assert_eq!(before.checkins, 3);
    }
}
