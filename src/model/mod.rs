//! The serde types of the OKR file format (`docs/format.md#one-file-one-owner-one-quarter`). Every
//! constrained value has a newtype whose `Deserialize` rejects bad input, so the
//! error carries the line and column of the value itself.

use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

pub mod quarter;
pub mod schema;

pub use quarter::Quarter;

/// One OKR file: one owner's objectives for one quarter.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::model::schema::okr_file)]
pub struct OkrFile {
    /// The quarter these OKRs are for, written `YYYY-Qn` (Q1 = January to March).
    pub quarter: Quarter,
    /// The owner when the OKRs are the whole company's.
    #[serde(default)]
    pub company: Option<Slug>,
    /// The owner when the OKRs are a team's; in a person's file, the team the person belongs to.
    #[serde(default)]
    pub team: Option<Slug>,
    /// The owner when the OKRs are one person's (growth goals agreed with their manager).
    #[serde(default)]
    pub person: Option<Slug>,
    /// The owner's objectives for the quarter.
    pub objectives: Vec<Objective>,
}

/// Who owns a file, and so which kind of OKRs it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnerKind {
    Company,
    Team,
    Person,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Company => "company",
            OwnerKind::Team => "team",
            OwnerKind::Person => "person",
        }
    }
}

impl fmt::Display for OwnerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl OkrFile {
    /// The file's owner and its kind, when the owner keys are unambiguous:
    /// exactly one of company / team / person, except that a person file may
    /// also name its team.
    pub fn owner(&self) -> Option<(OwnerKind, &Slug)> {
        match (&self.company, &self.team, &self.person) {
            (Some(name), None, None) => Some((OwnerKind::Company, name)),
            (None, Some(name), None) => Some((OwnerKind::Team, name)),
            (None, _, Some(name)) => Some((OwnerKind::Person, name)),
            _ => None,
        }
    }
}

/// An objective: a qualitative, inspiring goal measured by its key results.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::model::schema::objective)]
pub struct Objective {
    /// Short identifier, unique in the file (lowercase letters, digits, `-`, `_`, `.`).
    pub id: Slug,
    /// What the owner wants to be true at the end of the quarter.
    #[serde(default)]
    pub title: Option<String>,
    /// `true` when the objective must be reached in full (expected grade 1.0);
    /// `false` (the default) for an aspirational objective.
    #[serde(default)]
    pub committed: bool,
    /// The objective this one contributes to, as `OWNER/OBJECTIVE-ID` in the same quarter.
    #[serde(default)]
    pub aligns: Option<AlignRef>,
    /// The key results that measure the objective.
    pub key_results: Vec<KeyResult>,
    /// What was learned at quarter end.
    #[serde(default)]
    pub reflection: Option<String>,
    /// Free-form notes about the objective.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A key result: an outcome metric moving from `baseline` to `target`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::model::schema::key_result)]
pub struct KeyResult {
    /// Short identifier, unique in the objective.
    pub id: Slug,
    /// The outcome in words, e.g. "API support tickets fall from 120 to 60 a week".
    #[serde(default)]
    pub title: Option<String>,
    /// The value of the metric when the quarter starts.
    pub baseline: Number,
    /// The value aimed for; below the baseline means lower is better. Must differ from `baseline`.
    pub target: Number,
    /// The unit of the metric, e.g. `tickets/week` or `ms`.
    #[serde(default)]
    pub unit: Option<String>,
    /// The person who drives this key result.
    #[serde(default)]
    pub owner: Option<Slug>,
    /// Relative weight in the objective's score; greater than 0, default 1.
    #[serde(default)]
    pub weight: Option<Weight>,
    /// The latest value, for key results kept without a check-in history.
    /// A key result has `current` or `checkins`, not both.
    #[serde(default)]
    pub current: Option<Number>,
    /// The measured history: dated values, with confidence and notes.
    #[serde(default)]
    pub checkins: Option<Vec<Checkin>>,
    /// The final grade from 0.0 to 1.0, given at quarter end.
    #[serde(default)]
    pub grade: Option<Grade>,
    /// What was learned; whether the key result itself was well formulated.
    #[serde(default)]
    pub reflection: Option<String>,
    /// Why the key result was abandoned mid-quarter. A dropped key result counts in no score.
    #[serde(default, deserialize_with = "reason")]
    #[schemars(with = "Option<String>")]
    pub dropped: Option<String>,
}

impl KeyResult {
    pub fn weight(&self) -> f64 {
        self.weight.map_or(1.0, |w| w.0)
    }

    pub fn checkins(&self) -> &[Checkin] {
        self.checkins.as_deref().unwrap_or_default()
    }

    /// The title, or the id for a key result written without one.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(self.id.as_str())
    }
}

/// One measurement of a key result.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = crate::model::schema::checkin)]
pub struct Checkin {
    /// The day of the measurement, `YYYY-MM-DD`, inside the quarter or up to 14 days after it.
    pub date: Date,
    /// The measured value of the metric.
    pub value: Number,
    /// How likely the target is to be reached, from 0.0 to 1.0.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// What happened since the last check-in.
    #[serde(default)]
    pub note: Option<String>,
}

/// `dropped:` must say why: `dropped: true`, `dropped: ""` and a bare
/// `dropped:` are errors (this runs only when the key is present).
fn reason<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct ReasonVisitor;
    const ASK: &str = "give the reason the key result was dropped, e.g. `dropped: Replaced by the SDK objective after the October review`";
    impl Visitor<'_> for ReasonVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("the reason the key result was dropped")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
            if v.trim().is_empty() {
                Err(E::custom(format!("`dropped` is empty: {ASK}")))
            } else {
                Ok(Some(v.to_string()))
            }
        }
        fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
            Err(E::custom(format!("`dropped` is empty: {ASK}")))
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<String>, E> {
            self.visit_unit()
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<String>, E> {
            Err(E::custom(format!("`dropped: {v}` gives no reason: {ASK}")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<String>, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<String>, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<String>, E> {
            Ok(Some(v.to_string()))
        }
    }
    deserializer.deserialize_any(ReasonVisitor)
}

fn visit_number<E: de::Error>(value: f64) -> Result<f64, E> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(E::custom("must be a finite number"))
    }
}

/// Implements `Deserialize` for a number newtype whose values are checked by `$check`.
macro_rules! number_newtype {
    ($name:ident, $expecting:expr, $check:expr) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct NumberVisitor;
                impl Visitor<'_> for NumberVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$name, E> {
                        let check: fn(f64) -> Result<f64, String> = $check;
                        visit_number(v).and_then(|v| check(v).map(|v| $name(v)).map_err(E::custom))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        self.visit_f64(v as f64)
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        self.visit_f64(v as f64)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        Err(E::custom(not_a_number(v, $expecting)))
                    }
                    fn visit_bool<E: de::Error>(self, v: bool) -> Result<$name, E> {
                        Err(E::custom(format!("must be {}, not `{v}`", $expecting)))
                    }
                }
                deserializer.deserialize_any(NumberVisitor)
            }
        }
    };
}

/// The message for a number written as text: `"70%"`, `sixty`, `"0.7"`.
fn not_a_number(text: &str, expecting: &str) -> String {
    let trimmed = text.trim();
    if let Some(percent) = trimmed.strip_suffix('%') {
        if let Ok(value) = percent.trim().parse::<f64>() {
            // Fractions are advice only for grades and confidences: elsewhere
            // the fix must keep the key result's scale (2.5%, not 0.025).
            if expecting.contains("0.0 to 1.0") {
                return format!(
                    "must be {expecting}, not the text `{text}`; write the fraction {}",
                    fmt_number(value / 100.0)
                );
            }
            return format!(
                "must be {expecting}, not the text `{text}`; write {} and keep the unit in `unit:`",
                fmt_number(value)
            );
        }
    }
    match trimmed.parse::<f64>() {
        // Text that reads as a number only when quoted (`"60"`); not `nan`, `inf`.
        Ok(v) if v.is_finite() => {
            return format!("must be {expecting}, not the text `{text}`; remove the quotes")
        }
        Ok(_) if trimmed.bytes().any(|b| b.is_ascii_digit()) => {
            return format!(
                "must be {expecting}, not the text `{text}`, which is too large to be a number (the largest is about 1.8e308)"
            )
        }
        _ => {}
    }
    format!("must be {expecting}, not the text `{text}`")
}

/// Formats a number as people write it: `60`, `0.7`, `12.5`.
pub fn fmt_number(value: f64) -> String {
    crate::number::plain(value)
}

/// A metric value: any finite number.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Number(pub f64);

number_newtype!(Number, "a number", Ok);

/// The weight of a key result in its objective's score: a number greater than 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Weight(pub f64);

number_newtype!(Weight, "a number greater than 0", |v| {
    if v > 0.0 {
        Ok(v)
    } else {
        Err(format!(
            "weight {} must be greater than 0; to stop counting a key result, mark it `dropped: REASON` instead",
            fmt_number(v)
        ))
    }
});

/// Checks a 0.0–1.0 value; out of range, suggests the fraction that was likely meant.
fn unit_interval(name: &str, value: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&value) {
        return Ok(value);
    }
    // 7 on a ten-point scale, 70 as a percentage: both mean 0.7.
    let hint = if value > 1.0 && value <= 10.0 && value.fract() == 0.0 {
        format!("; did you mean {}?", fmt_number(value / 10.0))
    } else if value > 10.0 && value <= 100.0 {
        format!("; did you mean {}?", fmt_number(value / 100.0))
    } else {
        String::new()
    };
    Err(format!(
        "{name} {} is outside 0.0–1.0{hint}",
        fmt_number(value)
    ))
}

/// A final grade from 0.0 to 1.0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Grade(pub f64);

number_newtype!(Grade, "a number from 0.0 to 1.0", |v| unit_interval(
    "grade", v
));

/// How likely the target is to be reached, from 0.0 to 1.0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Confidence(pub f64);

number_newtype!(Confidence, "a number from 0.0 to 1.0", |v| unit_interval(
    "confidence",
    v
));

/// An identifier or name: lowercase ASCII letters, digits, `-`, `_`, `.`,
/// starting with a letter or digit.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub fn parse(text: &str) -> Result<Slug, String> {
        let valid = text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && text.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
            });
        if valid {
            Ok(Slug(text.to_string()))
        } else {
            let suggestion = slugify(text);
            let hint = if suggestion.is_empty() {
                String::new()
            } else {
                format!(", e.g. `{suggestion}`")
            };
            Err(format!(
                "`{text}` is not a valid name: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit{hint}"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The nearest slug to `text`: lowercased, other characters turned into `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '.') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-')
        .trim_start_matches(['.', '_', '-'])
        .to_string()
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SlugVisitor;
        impl Visitor<'_> for SlugVisitor {
            type Value = Slug;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name such as `api-pain` (lowercase letters, digits, `-`, `_`, `.`)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Slug, E> {
                Slug::parse(v).map_err(E::custom)
            }
            // Plain numbers such as `id: 1` are valid slugs once read as text.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Slug, E> {
                Slug::parse(&v.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(SlugVisitor)
    }
}

/// The objective an objective contributes to: `OWNER/OBJECTIVE-ID`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct AlignRef {
    pub owner: Slug,
    pub objective: Slug,
}

impl From<AlignRef> for String {
    fn from(value: AlignRef) -> String {
        value.to_string()
    }
}

impl fmt::Display for AlignRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.owner, self.objective)
    }
}

impl<'de> Deserialize<'de> for AlignRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AlignVisitor;
        impl Visitor<'_> for AlignVisitor {
            type Value = AlignRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("OWNER/OBJECTIVE-ID, e.g. `acme/developer-love`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AlignRef, E> {
                let Some((owner, objective)) = v.split_once('/') else {
                    return Err(E::custom(format!(
                        "`{v}` is not OWNER/OBJECTIVE-ID; write e.g. `acme/developer-love`"
                    )));
                };
                Ok(AlignRef {
                    owner: Slug::parse(owner).map_err(E::custom)?,
                    objective: Slug::parse(objective).map_err(E::custom)?,
                })
            }
        }
        deserializer.deserialize_str(AlignVisitor)
    }
}

/// A calendar day written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD, e.g. `2026-10-06`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                parse_date(v).map(Date).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

/// Parses `YYYY-MM-DD`, telling a malformed date from one that does not exist.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let shaped = matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len())
            && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())));
    if !shaped {
        return Err(format!(
            "`{text}` is not a date: write YYYY-MM-DD, e.g. `2026-10-06`"
        ));
    }
    // The shape is checked above, so the parts are digits; chrono's format
    // parser would cost more than the rest of reading a check-in.
    let number = |part: &str| part.parse::<u32>().ok();
    let date = match parts.as_slice() {
        [y, m, d] => number(y)
            .zip(number(m))
            .zip(number(d))
            .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)),
        _ => None,
    };
    date.ok_or_else(|| format!("`{text}` is not a real date: that day does not exist"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("api-pain").is_ok());
        assert!(Slug::parse("a.b_c-1").is_ok());
        assert!(Slug::parse("9lives").is_ok());
        for bad in ["", "-x", ".x", "_x", "Api", "a b", "é", "a/b"] {
            assert!(Slug::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Slug::parse("API Pain").unwrap_err().contains("`api-pain`"));
        assert!(Slug::parse("../../x").unwrap_err().ends_with("e.g. `x`"));
    }

    #[test]
    fn out_of_range_grades_suggest_a_fraction() {
        assert_eq!(
            unit_interval("grade", 70.0).unwrap_err(),
            "grade 70 is outside 0.0–1.0; did you mean 0.7?"
        );
        assert_eq!(
            unit_interval("grade", 7.0).unwrap_err(),
            "grade 7 is outside 0.0–1.0; did you mean 0.7?"
        );
        assert_eq!(
            unit_interval("confidence", -0.5).unwrap_err(),
            "confidence -0.5 is outside 0.0–1.0"
        );
        assert_eq!(
            unit_interval("confidence", 1.5).unwrap_err(),
            "confidence 1.5 is outside 0.0–1.0"
        );
        assert_eq!(unit_interval("grade", 1.0), Ok(1.0));
        assert_eq!(unit_interval("grade", 0.0), Ok(0.0));
    }

    #[test]
    fn percent_text_suggests_a_fraction() {
        assert!(not_a_number("70%", "a number from 0.0 to 1.0").ends_with("write the fraction 0.7"));
        assert!(
            not_a_number("2.5%", "a number").ends_with("write 2.5 and keep the unit in `unit:`")
        );
        assert!(not_a_number("0.7", "a number").ends_with("remove the quotes"));
        assert_eq!(
            not_a_number("sixty", "a number"),
            "must be a number, not the text `sixty`"
        );
    }

    #[test]
    fn dates() {
        assert!(parse_date("2026-10-06").is_ok());
        assert!(parse_date("2026-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date("06/10/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("2026-10").is_err());
    }

    #[test]
    fn numbers_print_like_people_write_them() {
        assert_eq!(fmt_number(60.0), "60");
        assert_eq!(fmt_number(0.7), "0.7");
        assert_eq!(fmt_number(-12.5), "-12.5");
        assert_eq!(fmt_number(0.1 + 0.2), "0.3");
    }
}
