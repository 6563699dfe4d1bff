//! Masking survivor identity: initials and an age band instead of names and a date of birth.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

/// Age bands shown in place of a masked date of birth. The child bands follow the ATIPA penalty
/// tiers (under 15, 15 to 17); adult bands are wide enough not to single anyone out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    #[serde(rename = "0-14")]
    Under15,
    #[serde(rename = "15-17")]
    From15To17,
    #[serde(rename = "18-24")]
    From18To24,
    #[serde(rename = "25-34")]
    From25To34,
    #[serde(rename = "35-49")]
    From35To49,
    #[serde(rename = "50+")]
    From50,
}

/// Whole years between `dob` and `on`.
pub fn age_on(dob: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    years
}

pub fn age_band(dob: NaiveDate, on: NaiveDate) -> AgeBand {
    match age_on(dob, on) {
        i32::MIN..=14 => AgeBand::Under15,
        15..=17 => AgeBand::From15To17,
        18..=24 => AgeBand::From18To24,
        25..=34 => AgeBand::From25To34,
        35..=49 => AgeBand::From35To49,
        _ => AgeBand::From50,
    }
}

/// Initials of a name, one per word, in the word's own script: "Somchai Kaewkla" -> "S. K.".
pub fn initials(name: &str) -> String {
    let parts: Vec<String> = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{c}."))
        .collect();
    if parts.is_empty() {
        "?".to_string()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn bands_turn_on_the_birthday() {
        assert_eq!(age_band(d("2010-06-02"), d("2025-06-01")), AgeBand::Under15);
        assert_eq!(age_band(d("2010-06-01"), d("2025-06-01")), AgeBand::From15To17);
        assert_eq!(age_band(d("2007-06-01"), d("2025-06-01")), AgeBand::From18To24);
    }

    #[test]
    fn initials_work_in_any_script() {
        assert_eq!(initials("Somchai Kaewkla"), "S. K.");
        assert_eq!(initials("สมชาย แก้วกล้า"), "ส. แ.");
        assert_eq!(initials("  "), "?");
    }
}
