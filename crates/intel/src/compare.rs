//! Comparison of two prepared records, field by field, into levels. Level 0 is "missing" (either
//! side has no value; it weighs nothing); level 1 is the strongest agreement; the last level is
//! "different". A pair's levels pack into one `u32` (four bits per field), its comparison vector.

use crate::address::jaccard;
use crate::dates::BirthDate;
use crate::record::{Compact, Prepared};

/// The compared fields and the names of their levels (after level 0, "missing").
pub const FIELDS: &[(&str, &[&str])] = &[
    ("name", &["exact", "close", "subset", "one token", "different"]),
    ("date_of_birth", &["exact", "close", "same year", "different"]),
    ("sex", &["same", "different"]),
    ("nationality", &["same", "different"]),
    ("phone", &["same", "different"]),
    ("id_number", &["same", "one edit", "different"]),
    ("address", &["most tokens", "half the tokens", "some tokens", "different"]),
    ("place", &["same", "different"]),
];

pub const NAME: usize = 0;
pub const BIRTH: usize = 1;
pub const SEX: usize = 2;
pub const NATIONALITY: usize = 3;
pub const PHONE: usize = 4;
pub const ID: usize = 5;
pub const ADDRESS: usize = 6;
pub const PLACE: usize = 7;

/// The level of `field` in a packed comparison vector.
pub fn level(gamma: u32, field: usize) -> usize {
    ((gamma >> (4 * field)) & 0xf) as usize
}

/// Jaro-Winkler similarity of two name tokens above which they are "close".
pub const CLOSE_TOKEN: f64 = 0.88;

fn token_sim(p: &Prepared, a: u32, b: u32) -> f64 {
    if a == b {
        1.0
    } else {
        jaro_winkler(p.token(a).as_bytes(), p.token(b).as_bytes())
    }
}

/// Jaro-Winkler similarity of two short byte strings (phonetic keys are ASCII), without allocating:
/// the same values as `strsim::jaro_winkler` on ASCII (checked by a property test), on the first
/// 64 bytes of each.
pub fn jaro_winkler(a: &[u8], b: &[u8]) -> f64 {
    let a = a.get(..a.len().min(64)).unwrap_or_default();
    let b = b.get(..b.len().min(64)).unwrap_or_default();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_flag = [false; 64];
    let mut b_flag = [false; 64];
    let mut matches = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if b_flag.get(j) == Some(&false) && b.get(j) == Some(ca) {
                if let Some(f) = b_flag.get_mut(j) {
                    *f = true;
                }
                if let Some(f) = a_flag.get_mut(i) {
                    *f = true;
                }
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut k = 0usize;
    for (i, ca) in a.iter().enumerate() {
        if a_flag.get(i) != Some(&true) {
            continue;
        }
        while b_flag.get(k) == Some(&false) {
            k += 1;
        }
        if b.get(k) != Some(ca) {
            transpositions += 1;
        }
        k += 1;
    }
    let m = matches as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0;
    // Winkler's boost for a common prefix (up to four letters), only above his threshold of 0.7.
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

fn concat_eq(p: &Prepared, one: u32, many: &[u32]) -> bool {
    let whole = p.token(one);
    let fwd = many.iter().map(|&t| p.token(t));
    let total: usize = fwd.clone().map(str::len).sum();
    if total != whole.len() {
        return false;
    }
    let mut rest = whole;
    let forward = many.iter().all(|&t| match rest.strip_prefix(p.token(t)) {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    });
    if forward {
        return true;
    }
    let mut rest = whole;
    many.iter().rev().all(|&t| match rest.strip_prefix(p.token(t)) {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    })
}

/// Names as token sets: 1 exact (same tokens in any order, or one side the other's tokens run
/// together), 2 close (as many tokens, each close to one of the other's), 3 subset (every token of
/// the shorter name close to one of the longer: a nickname, a missing family name), 4 one token
/// shared, 5 different.
pub fn compare_names(p: &Prepared, a: &[u32], b: &[u32]) -> u32 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut sa: [u32; 8] = [0; 8];
    let mut sb: [u32; 8] = [0; 8];
    if a.len() == b.len() {
        for (s, v) in sa.iter_mut().zip(a) {
            *s = *v;
        }
        for (s, v) in sb.iter_mut().zip(b) {
            *s = *v;
        }
        sa.sort_unstable();
        sb.sort_unstable();
        if sa == sb {
            return 1;
        }
    }
    if let ([one], many) = (short, long) {
        if many.len() > 1 && concat_eq(p, *one, many) {
            return 1;
        }
    }
    let mut matched = 0usize;
    let mut sum = 0.0;
    for &t in short {
        let best = long.iter().map(|&u| token_sim(p, t, u)).fold(0.0, f64::max);
        sum += best;
        if best >= CLOSE_TOKEN {
            matched += 1;
        }
    }
    if matched == short.len() {
        if short.len() == long.len() && sum / short.len() as f64 >= 0.92 {
            return 2;
        }
        return 3;
    }
    if matched > 0 {
        return 4;
    }
    5
}

fn digit_edits(a: u16, b: u16) -> u32 {
    let (mut a, mut b, mut n) = (a, b, 0);
    for _ in 0..4 {
        n += u32::from(a % 10 != b % 10);
        a /= 10;
        b /= 10;
    }
    n
}

/// Dates of birth: 1 exact, 2 close (day and month swapped, or one of day, month, year differs
/// by a typo; or partial dates that agree as far as they go), 3 same year (within two years when
/// either is estimated from an age), 4 different.
pub fn compare_births(a: BirthDate, b: BirthDate) -> u32 {
    if !a.is_known() || !b.is_known() {
        return 0;
    }
    if a.estimated || b.estimated {
        return if a.year.abs_diff(b.year) <= 2 { 3 } else { 4 };
    }
    if a.is_full() && b.is_full() {
        if a == b {
            return 1;
        }
        let same = [a.year == b.year, a.month == b.month, a.day == b.day];
        let agree = same.iter().filter(|s| **s).count();
        if a.year == b.year && a.month == b.day && a.day == b.month {
            return 2;
        }
        if agree == 2 && (a.year == b.year || digit_edits(a.year, b.year) == 1 || a.year.abs_diff(b.year) == 1) {
            return 2;
        }
        return if a.year == b.year { 3 } else { 4 };
    }
    if a.year == b.year {
        let month_ok = a.month == 0 || b.month == 0 || a.month == b.month;
        return if month_ok { 2 } else { 3 };
    }
    4
}

fn one_edit(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() == y.len() {
        let mut diffs = (0..x.len()).filter(|&i| x.get(i) != y.get(i));
        return match (diffs.next(), diffs.next(), diffs.next()) {
            (Some(_), None, _) => true,
            (Some(i), Some(j), None) => j == i + 1 && x.get(i) == y.get(j) && x.get(j) == y.get(i),
            _ => false,
        };
    }
    let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(p, q)| p == q).count();
    short.get(prefix..) == long.get(prefix + 1..)
}

/// The comparison vector of two records.
pub fn compare(p: &Prepared, a: &Compact, b: &Compact) -> u32 {
    let name = compare_names(p, p.names(a), p.names(b));
    let birth = compare_births(BirthDate::unpack(a.birth), BirthDate::unpack(b.birth));
    let two = |x: u64, y: u64| -> u32 {
        if x == 0 || y == 0 {
            0
        } else if x == y {
            1
        } else {
            2
        }
    };
    let sex = if a.sex == 3 || b.sex == 3 { 0 } else { two(u64::from(a.sex), u64::from(b.sex)) };
    let nationality = two(u64::from(a.nationality), u64::from(b.nationality));
    let phone = two(a.phone, b.phone);
    let id = match (a.document, b.document) {
        (0, _) | (_, 0) => 0,
        (x, y) if x == y => 1,
        (x, y) if one_edit(p.document(x), p.document(y)) => 2,
        _ => 3,
    };
    let (aa, ab) = (p.address(a), p.address(b));
    let address = if aa.is_empty() || ab.is_empty() {
        0
    } else {
        match jaccard(aa, ab) {
            j if j >= 0.75 => 1,
            j if j >= 0.45 => 2,
            j if j >= 0.2 => 3,
            _ => 4,
        }
    };
    let place = two(u64::from(a.place), u64::from(b.place));
    name | birth << 4 | sex << 8 | nationality << 12 | phone << 16 | id << 20 | address << 24 | place << 28
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{prepare, PersonRecord};

    fn person(full: &str, dob: &str) -> PersonRecord {
        PersonRecord { full_name: Some(full.into()), date_of_birth: Some(dob.into()), ..Default::default() }
    }

    #[test]
    fn name_levels() {
        let p = prepare(
            &[
                person("Somchai Jaidee", ""),
                person("Jaidee Somchay", ""),
                person("SomchaiJaidee", ""),
                person("Somchai Jaide", ""),
                person("Somchai", ""),
                person("Somchai Rakthai", ""),
                person("Aung Kyaw", ""),
            ],
            2026,
        );
        let n = |i: usize| p.names(&p.records[i]);
        assert_eq!(compare_names(&p, n(0), n(1)), 1, "swapped");
        assert_eq!(compare_names(&p, n(0), n(2)), 1, "merged");
        assert_eq!(compare_names(&p, n(0), n(3)), 2, "typo");
        assert_eq!(compare_names(&p, n(0), n(4)), 3, "nickname or missing family name");
        assert_eq!(compare_names(&p, n(0), n(5)), 4, "one token");
        assert_eq!(compare_names(&p, n(0), n(6)), 5, "different");
    }

    #[test]
    fn birth_levels() {
        let d = |y, m, day| BirthDate { year: y, month: m, day, estimated: false };
        assert_eq!(compare_births(d(1997, 3, 14), d(1997, 3, 14)), 1);
        assert_eq!(compare_births(d(1997, 3, 4), d(1997, 4, 3)), 2, "day and month swapped");
        assert_eq!(compare_births(d(1997, 3, 14), d(1987, 3, 14)), 2, "one digit of the year");
        assert_eq!(compare_births(d(1997, 0, 0), d(1997, 3, 14)), 2, "partial");
        assert_eq!(compare_births(d(1997, 5, 20), d(1997, 3, 14)), 3);
        assert_eq!(compare_births(d(1960, 5, 20), d(1997, 3, 14)), 4);
        assert_eq!(compare_births(BirthDate::UNKNOWN, d(1997, 3, 14)), 0);
        let est = BirthDate { year: 1996, month: 0, day: 0, estimated: true };
        assert_eq!(compare_births(est, d(1997, 3, 14)), 3);
    }

    proptest::proptest! {
        #[test]
        fn jaro_winkler_agrees_with_strsim(a in "[a-e]{0,12}", b in "[a-e]{0,12}") {
            let ours = jaro_winkler(a.as_bytes(), b.as_bytes());
            let theirs = strsim::jaro_winkler(&a, &b);
            proptest::prop_assert!((ours - theirs).abs() < 1e-9, "{} vs {}", ours, theirs);
        }
    }

    #[test]
    fn one_edit_catches_typos_and_transpositions() {
        assert!(one_edit("1101700203451", "1101700203452"));
        assert!(one_edit("1101700203451", "1101700204351"));
        assert!(one_edit("AB12345", "AB1234"));
        assert!(!one_edit("1101700203451", "2201700203451"));
    }
}
