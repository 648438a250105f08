//! The `Quarter` type: quarters written `YYYY-Qn`, their first and last days,
//! and how much of one has elapsed at a date. A quarter carries its
//! [`Calendar`] (from `okr.toml`'s `[quarters]`): calendar quarters by
//! default, or the quarters of a fiscal year that starts in another month.
//! No code outside this file knows how quarters map to dates.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How a fiscal year is named: by the calendar year it starts in, or the one
/// it ends in (the default).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum YearLabel {
    Start,
    #[default]
    End,
}

/// The organisation's year: the month it starts in and how it is named.
/// The default is the calendar year (Q1 = January to March).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Calendar {
    /// 1 (January) to 12.
    start_month: u8,
    label: YearLabel,
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar {
            start_month: 1,
            label: YearLabel::End,
        }
    }
}

impl Calendar {
    /// A fiscal year starting in `start_month` (1–12; out of range means January).
    pub fn new(start_month: u32, label: YearLabel) -> Calendar {
        let start_month = u8::try_from(start_month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .unwrap_or(1);
        Calendar { start_month, label }
    }

    pub fn start_month(self) -> u32 {
        u32::from(self.start_month)
    }

    pub fn label(self) -> YearLabel {
        self.label
    }

    /// Whether this is the plain calendar year.
    pub fn is_calendar_year(self) -> bool {
        self.start_month == 1
    }

    /// The calendar year in which fiscal year `year` starts.
    fn start_year(self, year: i32) -> i32 {
        if self.start_month == 1 || self.label == YearLabel::Start {
            year
        } else {
            year - 1
        }
    }

    /// The quarter `year-Q{number}` of this calendar; `None` unless `number`
    /// is 1 to 4 and the year has four digits.
    pub fn quarter(self, year: i32, number: u8) -> Option<Quarter> {
        Quarter::new(year, number).map(|q| q.with_calendar(self))
    }

    /// The quarter that contains `date`.
    pub fn containing(self, date: NaiveDate) -> Quarter {
        let months = i64::from(date.year()) * 12 + i64::from(date.month0())
            - i64::from(self.start_month - 1);
        let start_year = months.div_euclid(12);
        let number = months.rem_euclid(12) / 3 + 1;
        let year = if self.start_month == 1 || self.label == YearLabel::Start {
            start_year
        } else {
            start_year + 1
        };
        Quarter {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            // rem_euclid(12) / 3 is 0..=3.
            number: u8::try_from(number).unwrap_or(1),
            calendar: self,
        }
    }

    /// Parses `YYYY-Qn` as a quarter of this calendar.
    pub fn parse(self, text: &str) -> Result<Quarter, QuarterParseError> {
        text.parse::<Quarter>().map(|q| q.with_calendar(self))
    }
}

/// A quarter: Q1 of the calendar year is January 1 to March 31; with a fiscal
/// calendar, Q1 starts in the fiscal year's first month.
///
/// The derived order (year, then number, then calendar) is time order: within
/// one calendar a fiscal year's label grows with its dates, whether it is named
/// by the year it starts or ends in. Quarters of different calendars never
/// meet, as one directory has one calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    number: u8,
    calendar: Calendar,
}

impl Quarter {
    /// The calendar quarter `year-Q{number}`; `None` unless `number` is 1 to 4
    /// and the year has four digits.
    pub fn new(year: i32, number: u8) -> Option<Quarter> {
        ((1..=4).contains(&number) && (1000..=9999).contains(&year)).then_some(Quarter {
            year,
            number,
            calendar: Calendar::default(),
        })
    }

    /// The calendar quarter that contains `date`.
    pub fn containing(date: NaiveDate) -> Quarter {
        Calendar::default().containing(date)
    }

    /// The same label (`2026-Q2`) read in `calendar`.
    pub fn with_calendar(self, calendar: Calendar) -> Quarter {
        Quarter { calendar, ..self }
    }

    pub fn calendar(self) -> Calendar {
        self.calendar
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u8 {
        self.number
    }

    pub fn first_day(self) -> NaiveDate {
        let index = u32::from(self.calendar.start_month - 1) + u32::from(self.number - 1) * 3;
        let year = self.calendar.start_year(self.year) + i32::try_from(index / 12).unwrap_or(0);
        NaiveDate::from_ymd_opt(year, index % 12 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The quarter after this one.
    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
                ..self
            }
        } else {
            Quarter {
                number: self.number + 1,
                ..self
            }
        }
    }

    /// The quarter before this one.
    pub fn previous(self) -> Quarter {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
                ..self
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    /// Whether the quarter is over on `date` (its last day has passed).
    pub fn is_over(self, date: NaiveDate) -> bool {
        date > self.last_day()
    }

    /// "1 Oct – 31 Dec 2026": the quarter's dates, as every view heads it.
    pub fn dates(self) -> String {
        let (first, last) = (self.first_day(), self.last_day());
        if first.year() == last.year() {
            format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y"))
        } else {
            format!(
                "{} – {}",
                first.format("%-d %b %Y"),
                last.format("%-d %b %Y")
            )
        }
    }

    /// Number of days in the quarter (90 to 92).
    pub fn days(self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// The share of the quarter that has passed by the end of `date`, from 0 to 1:
    /// `clamp((date − first day + 1 day) / days in quarter, 0, 1)`.
    pub fn elapsed(self, date: NaiveDate) -> f64 {
        let days_in = (date - self.first_day()).num_days() + 1;
        (days_in as f64 / self.days() as f64).clamp(0.0, 1.0)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.year, self.number)
    }
}

/// Why a text is not a quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterParseError(String);

impl fmt::Display for QuarterParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `2026-q4` and `2026 Q4` are near misses: say the exact spelling.
        let upper = self.0.trim().to_ascii_uppercase().replace([' ', '_'], "-");
        if upper != self.0 && upper.parse::<Quarter>().is_ok() {
            return write!(f, "`{}` is not a quarter: did you mean `{upper}`?", self.0);
        }
        write!(
            f,
            "`{}` is not a quarter: write YYYY-Qn with n from 1 to 4, e.g. `2026-Q4`",
            self.0
        )
    }
}

impl std::error::Error for QuarterParseError {}

impl FromStr for Quarter {
    type Err = QuarterParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || QuarterParseError(text.to_string());
        let (year, number) = text.split_once("-Q").ok_or_else(err)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let [digit] = number.as_bytes() else {
            return Err(err());
        };
        let year: i32 = year.parse().map_err(|_| err())?;
        Quarter::new(year, digit.wrapping_sub(b'0')).ok_or_else(err)
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quarter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Quarter;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a quarter written YYYY-Qn, e.g. `2026-Q4`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Quarter, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quarter {
        text.parse().unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn near_misses_get_the_exact_spelling() {
        let err = "2026-q4".parse::<Quarter>().unwrap_err().to_string();
        assert_eq!(err, "`2026-q4` is not a quarter: did you mean `2026-Q4`?");
        let err = "2026 Q4".parse::<Quarter>().unwrap_err().to_string();
        assert!(err.ends_with("did you mean `2026-Q4`?"), "{err}");
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(q("2026-Q4").to_string(), "2026-Q4");
        assert_eq!(q("1999-Q1").number(), 1);
        for bad in [
            "2026-Q5", "2026-Q0", "2026Q4", "26-Q4", "2026-q4", "2026-Q", "2026-Q44", "",
            "Q4-2026", "+026-Q1", "2026-Q٣",
        ] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(q("2026-Q1").first_day(), day("2026-01-01"));
        assert_eq!(q("2026-Q1").last_day(), day("2026-03-31"));
        assert_eq!(q("2026-Q2").last_day(), day("2026-06-30"));
        assert_eq!(q("2026-Q3").first_day(), day("2026-07-01"));
        assert_eq!(q("2026-Q4").last_day(), day("2026-12-31"));
    }

    #[test]
    fn leap_years_lengthen_q1_only() {
        assert_eq!(q("2024-Q1").days(), 91); // 2024 is a leap year
        assert_eq!(q("2026-Q1").days(), 90);
        assert_eq!(q("2000-Q1").days(), 91); // divisible by 400: leap
        assert_eq!(q("2100-Q1").days(), 90); // divisible by 100 only: not leap
        assert_eq!(q("2024-Q2").days(), 91);
        assert_eq!(q("2024-Q3").days(), 92);
        assert_eq!(q("2024-Q4").days(), 92);
        assert!(q("2024-Q1").contains(day("2024-02-29")));
    }

    #[test]
    fn contains_and_containing() {
        assert!(q("2026-Q4").contains(day("2026-10-01")));
        assert!(q("2026-Q4").contains(day("2026-12-31")));
        assert!(!q("2026-Q4").contains(day("2027-01-01")));
        assert!(!q("2026-Q4").contains(day("2026-09-30")));
        assert_eq!(Quarter::containing(day("2026-11-21")), q("2026-Q4"));
        assert_eq!(Quarter::containing(day("2026-03-31")), q("2026-Q1"));
        assert_eq!(Quarter::containing(day("2026-04-01")), q("2026-Q2"));
    }

    #[test]
    fn elapsed_counts_the_day_itself_and_clamps() {
        let q4 = q("2026-Q4");
        assert_eq!(q4.elapsed(day("2026-09-01")), 0.0);
        assert_eq!(q4.elapsed(day("2026-09-30")), 0.0);
        assert_eq!(q4.elapsed(day("2026-10-01")), 1.0 / 92.0);
        assert!((q4.elapsed(day("2026-11-21")) - 52.0 / 92.0).abs() < 1e-12);
        assert_eq!(q4.elapsed(day("2026-12-31")), 1.0);
        assert_eq!(q4.elapsed(day("2027-02-01")), 1.0);
        assert_eq!(q("2024-Q1").elapsed(day("2024-02-29")), 60.0 / 91.0);
    }

    fn fiscal(start_month: u32, label: YearLabel, text: &str) -> Quarter {
        Calendar::new(start_month, label).parse(text).unwrap()
    }

    #[test]
    fn july_fiscal_year_named_by_its_start() {
        // FY2026 runs 1 Jul 2026 – 30 Jun 2027; its Q2 is October to December.
        let july = Calendar::new(7, YearLabel::Start);
        let q2 = fiscal(7, YearLabel::Start, "2026-Q2");
        assert_eq!(
            (q2.first_day(), q2.last_day()),
            (day("2026-10-01"), day("2026-12-31"))
        );
        assert_eq!(q2.dates(), "1 Oct – 31 Dec 2026");
        assert_eq!(q2.days(), 92);
        // Q3 and Q4 fall in the next calendar year.
        let q3 = q2.next();
        assert_eq!(
            (q3.first_day(), q3.last_day()),
            (day("2027-01-01"), day("2027-03-31"))
        );
        assert_eq!(q3.next().last_day(), day("2027-06-30"));
        assert_eq!(q3.next().next(), fiscal(7, YearLabel::Start, "2027-Q1"));
        assert_eq!(july.containing(day("2026-12-31")), q2);
        assert_eq!(july.containing(day("2026-07-01")).to_string(), "2026-Q1");
        assert_eq!(july.containing(day("2026-06-30")).to_string(), "2025-Q4");
        assert_eq!(july.containing(day("2027-01-01")).to_string(), "2026-Q3");
        // 1 Nov 2026 is day 32 of 92.
        assert_eq!(q2.elapsed(day("2026-11-01")), 32.0 / 92.0);
        // The same label ends up in another place of the calendar year.
        assert_eq!(q("2026-Q2").first_day(), day("2026-04-01"));
        // Ordered by fiscal year, then number: FY2026-Q4 (Apr–Jun 2027) comes
        // before FY2027-Q1 (Jul–Sep 2027).
        let mut sorted = [
            fiscal(7, YearLabel::Start, "2027-Q1"),
            fiscal(7, YearLabel::Start, "2026-Q4"),
            q2,
        ];
        sorted.sort();
        assert!(sorted
            .windows(2)
            .all(|w| w[0].last_day() < w[1].first_day()));
    }

    #[test]
    fn february_fiscal_year_named_by_its_end() {
        // FY2027 runs 1 Feb 2026 – 31 Jan 2027.
        let february = Calendar::new(2, YearLabel::End);
        let q1 = fiscal(2, YearLabel::End, "2027-Q1");
        assert_eq!(
            (q1.first_day(), q1.last_day()),
            (day("2026-02-01"), day("2026-04-30"))
        );
        assert_eq!(q1.dates(), "1 Feb – 30 Apr 2026");
        assert_eq!(q1.days(), 89);
        // Q4 spans the turn of the year: November to January.
        let q4 = fiscal(2, YearLabel::End, "2027-Q4");
        assert_eq!(
            (q4.first_day(), q4.last_day()),
            (day("2026-11-01"), day("2027-01-31"))
        );
        assert_eq!(q4.dates(), "1 Nov 2026 – 31 Jan 2027");
        assert_eq!(q4.days(), 92);
        assert!(q4.contains(day("2027-01-31")));
        assert_eq!(q4.next(), fiscal(2, YearLabel::End, "2028-Q1"));
        assert_eq!(q4.next().first_day(), day("2027-02-01"));
        assert_eq!(q1.previous().first_day(), day("2025-11-01"));
        assert_eq!(february.containing(day("2027-01-15")), q4);
        assert_eq!(
            february.containing(day("2026-01-31")).to_string(),
            "2026-Q4"
        );
        assert_eq!(february.containing(day("2026-02-01")), q1);
        // 2026-03-15 is day 28 + 15 = 43 of 89.
        assert_eq!(q1.elapsed(day("2026-03-15")), 43.0 / 89.0);
        assert_eq!(q4.elapsed(day("2027-01-01")), 62.0 / 92.0);
        assert!(q1 < q4 && q4 < q4.next());
        // Labelled by its start, the same days are 2026-Q1.
        assert_eq!(
            fiscal(2, YearLabel::Start, "2026-Q1").first_day(),
            day("2026-02-01")
        );
    }

    #[test]
    fn a_february_fiscal_q1_holds_the_leap_day() {
        // FY2029 (by end) and FY2028 (by start) begin on 1 Feb 2028: Q1 is
        // 29 + 31 + 30 = 90 days, one more than in 2026.
        for q1 in [
            fiscal(2, YearLabel::End, "2029-Q1"),
            fiscal(2, YearLabel::Start, "2028-Q1"),
        ] {
            assert_eq!(q1.first_day(), day("2028-02-01"));
            assert!(q1.contains(day("2028-02-29")));
            assert_eq!(q1.days(), 90);
            assert_eq!(q1.elapsed(day("2028-02-29")), 29.0 / 90.0);
        }
        // A December fiscal year's Q1 (Dec–Feb) holds it too.
        let december = fiscal(12, YearLabel::End, "2028-Q1");
        assert_eq!(december.dates(), "1 Dec 2027 – 29 Feb 2028");
        assert_eq!(december.days(), 91);
    }

    #[test]
    fn the_calendar_year_is_the_default() {
        assert!(Calendar::default().is_calendar_year());
        // With January as first month the label cannot matter.
        assert_eq!(
            fiscal(1, YearLabel::Start, "2026-Q4"),
            q("2026-Q4").with_calendar(Calendar::new(1, YearLabel::Start))
        );
        assert_eq!(
            fiscal(1, YearLabel::Start, "2026-Q4").first_day(),
            day("2026-10-01")
        );
        assert_eq!(Calendar::new(13, YearLabel::End), Calendar::default());
        assert!(Calendar::default().parse("2026-Q5").is_err());
    }

    #[test]
    fn orders_and_steps() {
        assert!(q("2025-Q4") < q("2026-Q1"));
        assert_eq!(q("2025-Q4").next(), q("2026-Q1"));
        assert_eq!(q("2026-Q2").next(), q("2026-Q3"));
    }
}
