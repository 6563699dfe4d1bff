//! Dates of birth as people write them: ISO (1997-03-14), day first (14/03/1997, 14-3-2540,
//! 14.03.1997), Buddhist-era years (a year above 2400 is B.E.: minus 543), Thai digits, partial dates
//! (a year, a year and month: 1997, 1997-03, 03/1997) and estimated ages ("34", "age 34", "~34 years",
//! "อายุ 34 ปี") turned into an approximate year of birth against a reference year.

use serde::{Deserialize, Serialize};

/// A date of birth, as much of it as is known. `year == 0` means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BirthDate {
    pub year: u16,
    /// 1..=12, 0 when unknown.
    pub month: u8,
    /// 1..=31, 0 when unknown.
    pub day: u8,
    /// The year comes from an estimated age: good to a couple of years.
    pub estimated: bool,
}

impl BirthDate {
    pub const UNKNOWN: BirthDate = BirthDate { year: 0, month: 0, day: 0, estimated: false };

    pub fn is_known(&self) -> bool {
        self.year != 0
    }

    pub fn is_full(&self) -> bool {
        self.year != 0 && self.month != 0 && self.day != 0 && !self.estimated
    }

    /// Packs into 32 bits (year, month, day, estimated) for compact records.
    pub fn pack(&self) -> u32 {
        (u32::from(self.year) << 16)
            | (u32::from(self.month) << 8)
            | (u32::from(self.day) << 1)
            | u32::from(self.estimated)
    }

    pub fn unpack(v: u32) -> BirthDate {
        BirthDate {
            year: (v >> 16) as u16,
            month: ((v >> 8) & 0xff) as u8,
            day: ((v >> 1) & 0x7f) as u8,
            estimated: v & 1 == 1,
        }
    }
}

fn era(year: u32) -> Option<u16> {
    let y = if year > 2400 { year.checked_sub(543)? } else { year };
    (1850..=2200).contains(&y).then_some(y as u16)
}

fn valid_day(year: u16, month: u8, day: u8) -> bool {
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=max).contains(&day)
}

/// Reads a date of birth; `reference_year` turns an age into a year of birth. `None` when the text
/// holds no date.
pub fn parse_birth_date(raw: &str, reference_year: u16) -> Option<BirthDate> {
    // Thai and Lao digits to ASCII.
    let text: String = raw
        .trim()
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32).unwrap_or(c),
            '໐'..='໙' => char::from_u32(c as u32 - '໐' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let parts: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let nums: Vec<u32> = parts.iter().filter_map(|p| if p.len() <= 4 { p.parse().ok() } else { None }).collect();
    if nums.len() != parts.len() {
        // A compact 8-digit date: YYYYMMDD or DDMMYYYY.
        if let [p] = parts.as_slice() {
            if p.len() == 8 {
                let (a, b) = p.split_at(4);
                let (first, second) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
                return if era(first).is_some() {
                    ymd(first, second / 100, second % 100)
                } else {
                    ymd(second, first % 100, first / 100)
                };
            }
        }
        return None;
    }
    match nums.as_slice() {
        [age] if *age <= 120 && parts.first().is_some_and(|p| p.len() <= 3) => {
            let year = reference_year.checked_sub(*age as u16)?;
            Some(BirthDate { year, month: 0, day: 0, estimated: true })
        }
        [year] => Some(BirthDate { year: era(*year)?, ..BirthDate::UNKNOWN }),
        [a, b] => {
            // 1997-03 or 03/1997.
            let (year, month) = if parts.first().is_some_and(|p| p.len() == 4) { (*a, *b) } else { (*b, *a) };
            let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m)).unwrap_or(0);
            Some(BirthDate { year: era(year)?, month, day: 0, estimated: false })
        }
        [a, b, c] => {
            if parts.first().is_some_and(|p| p.len() == 4) {
                ymd(*a, *b, *c)
            } else {
                // Day first, as written in Thailand, Laos and Myanmar; a month above 12 means the
                // writer put the month first.
                if *b > 12 && *a <= 12 {
                    ymd(*c, *a, *b)
                } else {
                    ymd(*c, *b, *a)
                }
            }
        }
        _ => None,
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<BirthDate> {
    let year = era(year)?;
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    if valid_day(year, month, day) {
        Some(BirthDate { year, month, day, estimated: false })
    } else if (1..=12).contains(&month) {
        Some(BirthDate { year, month, day: 0, estimated: false })
    } else {
        Some(BirthDate { year, ..BirthDate::UNKNOWN })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: u16, m: u8, day: u8) -> Option<BirthDate> {
        Some(BirthDate { year: y, month: m, day, estimated: false })
    }

    #[test]
    fn formats() {
        assert_eq!(parse_birth_date("1997-03-14", 2026), d(1997, 3, 14));
        assert_eq!(parse_birth_date("14/03/1997", 2026), d(1997, 3, 14));
        assert_eq!(parse_birth_date("14/03/2540", 2026), d(1997, 3, 14));
        assert_eq!(parse_birth_date("๑๔/๐๓/๒๕๔๐", 2026), d(1997, 3, 14));
        assert_eq!(parse_birth_date("2540", 2026), d(1997, 0, 0));
        assert_eq!(parse_birth_date("1997-03", 2026), d(1997, 3, 0));
        assert_eq!(parse_birth_date("03/1997", 2026), d(1997, 3, 0));
        assert_eq!(parse_birth_date("19970314", 2026), d(1997, 3, 14));
        assert_eq!(parse_birth_date("03/14/1997", 2026), d(1997, 3, 14));
        assert_eq!(parse_birth_date("age 29", 2026), Some(BirthDate { year: 1997, month: 0, day: 0, estimated: true }));
        assert_eq!(parse_birth_date("", 2026), None);
        assert_eq!(parse_birth_date("unknown", 2026), None);
        assert_eq!(parse_birth_date("31/02/1997", 2026), d(1997, 2, 0));
    }

    proptest! {
        #[test]
        fn buddhist_era_is_common_era_plus_543(y in 1900u16..2100, m in 1u8..=12, day in 1u8..=28) {
            let ce = parse_birth_date(&format!("{day:02}/{m:02}/{y}"), 2026);
            let be = parse_birth_date(&format!("{day:02}/{m:02}/{}", y + 543), 2026);
            prop_assert_eq!(ce, be);
            prop_assert_eq!(ce, d(y, m, day));
            prop_assert_eq!(parse_birth_date(&format!("{y}-{m:02}-{day:02}"), 2026), ce);
        }

        #[test]
        fn pack_round_trips(y in 0u16..3000, m in 0u8..=12, day in 0u8..=31, e: bool) {
            let b = BirthDate { year: y, month: m, day, estimated: e };
            prop_assert_eq!(BirthDate::unpack(b.pack()), b);
        }

        #[test]
        fn never_fails_on_any_text(raw in "\\PC{0,30}") {
            if let Some(b) = parse_birth_date(&raw, 2026) {
                prop_assert!(b.year == 0 || (1850..=2200).contains(&b.year) || b.estimated);
                prop_assert!(b.month <= 12 && b.day <= 31);
            }
        }
    }
}
