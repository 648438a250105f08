//! Where a key result is heading (`docs/format.md#what-is-computed`, "projection"): the
//! least-squares line of value on date through the check-ins of the quarter
//! up to the as-of day, evaluated at the quarter's last day, with the
//! standard error of that prediction as its range. All three figures are
//! progress (clamped 0–1), so a lower-is-better key result projects the right
//! way: a falling line is progress toward a lower target.

use chrono::NaiveDate;

use crate::compute::{checkins_until, progress};
use crate::model::quarter::Quarter;
use crate::model::KeyResult;

/// A projection needs at least this many check-ins in the quarter…
pub const MIN_CHECKINS: usize = 3;
/// …spanning at least this many days (first to last check-in).
pub const MIN_SPAN_DAYS: i64 = 14;

/// The projected progress at the quarter's last day, and its range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    pub progress: f64,
    pub low: f64,
    pub high: f64,
}

/// A least-squares line through points `(x, y)`, and the standard error of
/// its prediction at `x0`: `(ŷ(x0), se)`. `None` with fewer than three
/// points or when every x is the same (no line is defined).
pub fn least_squares(points: &[(f64, f64)], x0: f64) -> Option<(f64, f64)> {
    let n = points.len();
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / nf;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / nf;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let residuals: f64 = points
        .iter()
        .map(|p| (p.1 - (intercept + slope * p.0)).powi(2))
        .sum();
    // The residual standard error, with n − 2 degrees of freedom.
    let s = (residuals / (nf - 2.0)).sqrt();
    let se = s * (1.0 / nf + (x0 - mean_x).powi(2) / sxx).sqrt();
    let predicted = intercept + slope * x0;
    (predicted.is_finite() && se.is_finite()).then_some((predicted, se))
}

/// What can be said of where a key result is heading.
#[derive(Debug, Clone, PartialEq)]
pub enum Outlook {
    /// The line through its check-ins, at the quarter's last day.
    Line(Projection),
    /// Too few check-ins, or too close together: why, in words.
    TooLittleData(String),
    /// No projection is ever made: dropped, kept with `current` (no dates),
    /// or the quarter is over (pace no longer means anything).
    NotMade,
}

/// The outlook of `kr` in `quarter` as of `as_of`: a [`Projection`] from at
/// least [`MIN_CHECKINS`] check-ins dated in the quarter up to `as_of`,
/// spanning at least [`MIN_SPAN_DAYS`] days.
pub fn outlook(kr: &KeyResult, quarter: Quarter, as_of: NaiveDate) -> Outlook {
    if kr.dropped.is_some() || kr.current.is_some() || quarter.is_over(as_of) {
        return Outlook::NotMade;
    }
    let (first, last) = (quarter.first_day(), quarter.last_day());
    let points: Vec<(f64, f64)> = checkins_until(kr, Some(as_of))
        .into_iter()
        .filter(|c| quarter.contains(c.date.0))
        .map(|c| ((c.date.0 - first).num_days() as f64, c.value.0))
        .collect();
    let n = points.len();
    if n < MIN_CHECKINS {
        return Outlook::TooLittleData(format!(
            "too little data to project: {n} check-in{} this quarter, {MIN_CHECKINS} needed",
            if n == 1 { "" } else { "s" }
        ));
    }
    let span = match (points.first(), points.last()) {
        (Some(a), Some(b)) => b.0 - a.0,
        _ => 0.0,
    };
    if span < MIN_SPAN_DAYS as f64 {
        return Outlook::TooLittleData(format!(
            "too little data to project: check-ins span {span} days, {MIN_SPAN_DAYS} needed"
        ));
    }
    let x0 = (last - first).num_days() as f64;
    let Some((value, se)) = least_squares(&points, x0) else {
        return Outlook::TooLittleData("too little data to project".to_string());
    };
    let (baseline, target) = (kr.baseline.0, kr.target.0);
    let at = |v: f64| progress(baseline, target, Some(v));
    let (a, b) = (at(value - se), at(value + se));
    Outlook::Line(Projection {
        progress: at(value),
        low: a.min(b),
        high: a.max(b),
    })
}

/// The projection of `kr`, when [`outlook`] has one.
pub fn projection(kr: &KeyResult, quarter: Quarter, as_of: NaiveDate) -> Option<Projection> {
    match outlook(kr, quarter, as_of) {
        Outlook::Line(p) => Some(p),
        _ => None,
    }
}

/// Why `kr` has no projection, when [`outlook`] says there is too little data.
pub fn too_little_data(kr: &KeyResult, quarter: Quarter, as_of: NaiveDate) -> Option<String> {
    match outlook(kr, quarter, as_of) {
        Outlook::TooLittleData(why) => Some(why),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(yaml: &str) -> KeyResult {
        serde_yaml::from_str(yaml).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn q4() -> Quarter {
        "2026-Q4".parse().unwrap()
    }

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn least_squares_by_hand() {
        // y = 1, 2, 4 at x = 0, 1, 2: x̄ 1, ȳ 7/3, Sxx 2, Sxy 3, slope 1.5,
        // intercept 5/6; residuals −5/6+1 … : (1/6, −1/3, 1/6), SSE 1/6,
        // s = √(1/6), at x0 = 4: ŷ = 5/6 + 6 = 41/6, se = s·√(1/3 + 9/2).
        let (y, se) = least_squares(&[(0.0, 1.0), (1.0, 2.0), (2.0, 4.0)], 4.0).unwrap();
        assert!(near(y, 41.0 / 6.0), "{y}");
        let expected = (1.0f64 / 6.0).sqrt() * (1.0 / 3.0 + 4.5f64).sqrt();
        assert!(near(se, expected), "{se}");
    }

    #[test]
    fn exact_lines_have_no_error_and_flat_lines_stay_flat() {
        let (y, se) = least_squares(&[(0.0, 3.0), (7.0, 3.0), (14.0, 3.0)], 91.0).unwrap();
        assert!(near(y, 3.0) && near(se, 0.0));
        let (y, se) = least_squares(&[(0.0, 0.0), (10.0, 5.0), (20.0, 10.0)], 30.0).unwrap();
        assert!(near(y, 15.0) && near(se, 0.0));
    }

    #[test]
    fn no_line_through_too_few_points_or_one_day() {
        assert_eq!(least_squares(&[(0.0, 1.0), (5.0, 2.0)], 9.0), None);
        assert_eq!(
            least_squares(&[(3.0, 1.0), (3.0, 2.0), (3.0, 4.0)], 9.0),
            None
        );
    }

    #[test]
    fn three_checkins_over_exactly_fourteen_days_project() {
        let k = kr("
id: x
baseline: 0
target: 100
checkins:
  - { date: 2026-10-01, value: 10 }
  - { date: 2026-10-08, value: 20 }
  - { date: 2026-10-15, value: 30 }
");
        // 10/week from day 0: at day 91 (Dec 31) the line gives 10 + 91·10/7 = 140.
        let p = projection(&k, q4(), day("2026-10-15")).unwrap();
        assert_eq!(
            p,
            Projection {
                progress: 1.0,
                low: 1.0,
                high: 1.0
            },
            "clamped"
        );
        let short = kr("
id: x
baseline: 0
target: 100
checkins:
  - { date: 2026-10-01, value: 10 }
  - { date: 2026-10-08, value: 20 }
  - { date: 2026-10-14, value: 30 }
");
        assert_eq!(projection(&short, q4(), day("2026-10-20")), None, "13 days");
        assert!(too_little_data(&short, q4(), day("2026-10-20"))
            .unwrap()
            .contains("span 13 days"));
        assert_eq!(
            projection(&k, q4(), day("2026-10-14")),
            None,
            "2 up to the as-of day"
        );
    }

    #[test]
    fn lower_is_better_projects_toward_a_lower_target() {
        let k = kr("
id: latency
baseline: 900
target: 400
checkins:
  - { date: 2026-10-01, value: 900 }
  - { date: 2026-10-31, value: 800 }
  - { date: 2026-11-30, value: 660 }
");
        let p = projection(&k, q4(), day("2026-12-01")).unwrap();
        // x = 0, 30, 60; y = 900, 800, 660: slope −4, ȳ 786.67, at 91: 786.67 − 4·61 = 542.67.
        let value = 2360.0 / 3.0 - 4.0 * 61.0;
        assert!(near(p.progress, (900.0 - value) / 500.0), "{p:?}");
        assert!(p.low < p.progress && p.progress < p.high, "{p:?}");
    }

    #[test]
    fn grace_checkins_current_and_dropped_have_no_projection() {
        let current = kr("{ id: x, baseline: 0, target: 10, current: 4 }");
        assert_eq!(projection(&current, q4(), day("2026-11-21")), None);
        assert_eq!(too_little_data(&current, q4(), day("2026-11-21")), None);
        let after = kr("
id: x
baseline: 0
target: 100
checkins:
  - { date: 2026-10-01, value: 10 }
  - { date: 2026-11-08, value: 20 }
  - { date: 2027-01-05, value: 30 }
");
        assert_eq!(projection(&after, q4(), day("2026-12-31")), None);
        assert_eq!(
            projection(&after, q4(), day("2027-01-10")),
            None,
            "quarter over"
        );
    }
}
