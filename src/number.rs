//! One number format for every view and every output (`docs/format.md#what-is-computed`
//! and 6): figures shown with two decimals, rounded half up, and bands and
//! health decided on that same rounded value, so what is printed and its
//! colour always agree; JSON numbers rounded to 6 decimals, whole numbers
//! without `.0`, never `-0`.

use serde::{Serialize, Serializer};

/// The one tolerance for binary noise (0.7 − 0.4 is 0.29999…): a figure
/// within it of a threshold counts as on the threshold.
pub const EPSILON: f64 = 1e-9;

/// `value` rounded half up to `decimals` decimals, never `-0`.
pub fn round_half_up(value: f64, decimals: i32) -> f64 {
    if !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(decimals);
    // Nudged past binary noise, so that 0.145 (stored as 0.14499…) rounds up.
    let rounded = (value * scale + 0.5 + EPSILON).floor() / scale;
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}

/// The value as every view shows and judges it: two decimals, half up.
pub fn round2(value: f64) -> f64 {
    round_half_up(value, 2)
}

/// `0.625` → `0.63`: a score or grade as the tables print it.
pub fn two_decimals(value: f64) -> String {
    format!("{:.2}", round2(value))
}

/// `0.4167` → `42%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.0}%", round_half_up(fraction * 100.0, 0))
}

/// A number as people write it: `60`, `0.7`, `12.5`, rounded to 6 decimals.
pub fn plain(value: f64) -> String {
    let rounded = json_value(value);
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// A computed figure as JSON carries it: 6 decimals, never `-0`.
fn json_value(value: f64) -> f64 {
    if !value.is_finite() || value.abs() >= 1e15 {
        return value;
    }
    let rounded = (value * 1e6).round() / 1e6;
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}

/// A number in JSON: rounded to 6 decimals, whole numbers without a
/// fraction (`120`, not `120.0`), never `-0`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Num(pub f64);

impl Num {
    pub fn get(self) -> f64 {
        self.0
    }
}

impl From<f64> for Num {
    fn from(value: f64) -> Num {
        Num(value)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = json_value(self.0);
        // Below 2^53 every integral f64 is exactly an i64.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(v as i64)
        } else {
            s.serialize_f64(v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_round_half_up() {
        assert_eq!(two_decimals(0.625), "0.63");
        assert_eq!(two_decimals(0.3999999999999999), "0.40");
        assert_eq!(two_decimals(0.145), "0.15");
        assert_eq!(two_decimals(0.0), "0.00");
        assert_eq!(two_decimals(1.0), "1.00");
        assert_eq!(two_decimals(-0.001), "0.00");
    }

    #[test]
    fn json_numbers() {
        let json = |v: f64| serde_json::to_string(&Num(v)).unwrap();
        assert_eq!(json(120.0), "120");
        assert_eq!(json(48.0), "48");
        assert_eq!(json(-3.0), "-3");
        assert_eq!(json(-0.0), "0");
        assert_eq!(json(-0.0000001), "0");
        assert_eq!(json(0.6), "0.6");
        assert_eq!(json(0.1 + 0.2 + 0.3), "0.6");
        assert_eq!(json(25.0 / 60.0), "0.416667");
        assert_eq!(json(1e300), "1e+300", "past 2^53 a float stays a float");
    }

    #[test]
    fn plain_numbers_print_like_people_write_them() {
        assert_eq!(plain(60.0), "60");
        assert_eq!(plain(0.7), "0.7");
        assert_eq!(plain(-12.5), "-12.5");
        assert_eq!(plain(0.1 + 0.2), "0.3");
        assert_eq!(plain(-0.0), "0");
    }

    #[test]
    fn percentages_round_to_whole_numbers() {
        assert_eq!(percent(52.0 / 92.0), "57%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.125), "13%");
    }
}
