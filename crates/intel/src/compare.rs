//! Comparison of two prepared records, field by field, into levels. Level 0 is "missing" (either
//! side has no value; it weighs nothing); level 1 is the strongest agreement; the last level is
//! "different". A pair's levels pack into one `u32` (four bits per field), its comparison vector.

use crate::address::jaccard;
use crate::dates::BirthDate;
use crate::record::{Compact, Prepared, LONG_DOCUMENT};

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

/// Where [`compare_names`] reads name tokens from: the [`Prepared`] itself, or a [`TokenTable`].
trait Tokens {
    fn bytes(&self, id: u32) -> &[u8];
    /// Whether the Jaro-Winkler similarity of two different tokens may reach `CLOSE_TOKEN`.
    fn may_be_close(&self, _a: u32, _b: u32) -> bool {
        true
    }
}

impl Tokens for Prepared {
    fn bytes(&self, id: u32) -> &[u8] {
        self.token(id).as_bytes()
    }
}

/// The name tokens of a [`Prepared`] laid out for comparing many pairs: their bytes in one arena
/// (no pointer to follow per token) and, for each, the set of its letters, so that most pairs of
/// unlike tokens are known to be below [`CLOSE_TOKEN`] without computing Jaro-Winkler.
#[derive(Debug, Default)]
pub struct TokenTable {
    bytes: Vec<u8>,
    /// Token `id` is `bytes[starts[id]..starts[id + 1]]`.
    starts: Vec<u32>,
    letters: Vec<u64>,
}

fn letter_set(t: &[u8]) -> u64 {
    t.iter().fold(0u64, |m, &c| m | 1u64 << (c & 63))
}

impl TokenTable {
    pub fn new(p: &Prepared) -> TokenTable {
        let mut t = TokenTable {
            bytes: Vec::with_capacity(p.tokens.iter().map(|k| k.len()).sum()),
            starts: Vec::with_capacity(p.tokens.len() + 1),
            letters: Vec::with_capacity(p.tokens.len()),
        };
        for k in &p.tokens {
            t.starts.push(t.bytes.len() as u32);
            t.bytes.extend_from_slice(k.as_bytes());
            t.letters.push(letter_set(k.as_bytes()));
        }
        t.starts.push(t.bytes.len() as u32);
        t
    }
}

impl Tokens for TokenTable {
    fn bytes(&self, id: u32) -> &[u8] {
        let i = id as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&s), Some(&e)) => self.bytes.get(s as usize..e as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// An upper bound of Jaro-Winkler: at most as many matching letters m as letters of one token
    /// found in the other (each side), no transpositions, and the full Winkler boost.
    fn may_be_close(&self, a: u32, b: u32) -> bool {
        let (x, y) = (self.bytes(a), self.bytes(b));
        let (Some(&la), Some(&lb)) = (self.letters.get(a as usize), self.letters.get(b as usize)) else {
            return true;
        };
        if x.is_empty() || y.is_empty() || x.len() > 64 || y.len() > 64 {
            return true;
        }
        // First a bound from the letter sets alone: each distinct letter of one token missing from
        // the other is at least one letter not found there.
        let in_b = x.len().saturating_sub((la & !lb).count_ones() as usize);
        let in_a = y.len().saturating_sub((lb & !la).count_ones() as usize);
        if !jaro_winkler_may_reach(in_a.min(in_b), x.len(), y.len()) {
            return false;
        }
        let in_b = x.iter().filter(|&&c| lb & (1u64 << (c & 63)) != 0).count();
        let in_a = y.iter().filter(|&&c| la & (1u64 << (c & 63)) != 0).count();
        jaro_winkler_may_reach(in_a.min(in_b), x.len(), y.len())
    }
}

/// Whether Jaro-Winkler of tokens of `lx` and `ly` letters with at most `m` matching letters may
/// reach [`CLOSE_TOKEN`]: no transpositions and the full Winkler boost.
fn jaro_winkler_may_reach(m: usize, lx: usize, ly: usize) -> bool {
    // With the boost, the bound jaro + 0.4 (1 - jaro) reaches CLOSE_TOKEN (above 0.7) when jaro
    // reaches JARO_NEEDED, i.e. when m/lx + m/ly + 1 >= 3 JARO_NEEDED: multiplied out, no division.
    const JARO_NEEDED: f64 = (CLOSE_TOKEN - 0.4) / 0.6;
    let (m, lx, ly) = (m as f64, lx as f64, ly as f64);
    // A margin for rounding: the bound only skips work, it never decides a level.
    m * (lx + ly) >= (3.0 * JARO_NEEDED - 1.0) * lx * ly - 1e-6
}

fn token_sim<T: Tokens + ?Sized>(t: &T, a: u32, b: u32) -> f64 {
    if a == b {
        1.0
    } else if !t.may_be_close(a, b) {
        // Below CLOSE_TOKEN: its exact value cannot change the level (see compare_names).
        0.0
    } else {
        jaro_winkler(t.bytes(a), t.bytes(b))
    }
}

fn concat_eq<T: Tokens + ?Sized>(t: &T, one: u32, many: &[u32]) -> bool {
    let whole = t.bytes(one);
    let total: usize = many.iter().map(|&k| t.bytes(k).len()).sum();
    if total != whole.len() {
        return false;
    }
    let mut rest = whole;
    let forward = many.iter().all(|&k| match rest.strip_prefix(t.bytes(k)) {
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
    many.iter().rev().all(|&k| match rest.strip_prefix(t.bytes(k)) {
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
    names_level(p, a, b)
}

/// [`compare_names`] reading tokens from a [`TokenTable`]: the same levels, faster.
pub fn compare_names_in(t: &TokenTable, a: &[u32], b: &[u32]) -> u32 {
    names_level(t, a, b)
}

fn names_level<T: Tokens + ?Sized>(p: &T, a: &[u32], b: &[u32]) -> u32 {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if a.len() == b.len() {
        // The same tokens in any order: equal once sorted (only the tokens there are; a record
        // has at most 8).
        let (mut sa, mut sb) = ([0u32; 8], [0u32; 8]);
        let n = a.len();
        if let (Some(ha), Some(hb)) = (sa.get_mut(..n), sb.get_mut(..n)) {
            ha.copy_from_slice(a);
            hb.copy_from_slice(b);
            ha.sort_unstable();
            hb.sort_unstable();
            // The whole arrays (zeros after the tokens on both sides): a compare of fixed
            // size, without a call to memcmp.
            if sa == sb {
                return 1;
            }
        }
    }
    if let ([one], many) = (short, long) {
        if many.len() > 1 && concat_eq(p, *one, many) {
            return 1;
        }
    }
    // Only a token's best similarity at or above CLOSE_TOKEN matters: below it the token is not
    // matched, and then neither the mean nor the level depends on its value.
    let mut matched = 0usize;
    let mut sum = 0.0;
    for &t in short {
        // The same token is the best there can be (similarity 1): no other need be looked at.
        let best = if long.contains(&t) { 1.0 } else { long.iter().map(|&u| token_sim(p, t, u)).fold(0.0, f64::max) };
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

/// Whether two years of birth are the same or one looks like a typo of the other (one digit
/// changed, or one year apart): with the day and month agreeing, the dates are "close".
pub(crate) fn years_close(a: u16, b: u16) -> bool {
    a == b || digit_edits(a, b) == 1 || a.abs_diff(b) == 1
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
        if agree == 2 && years_close(a.year, b.year) {
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

fn one_edit(x: &[u8], y: &[u8]) -> bool {
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
    compare_names(p, p.names(a), p.names(b)) | compare_others(p, a, b)
}

/// [`compare`] with the name tokens read from a [`TokenTable`] of `p`: the same vector, faster.
pub fn compare_in(p: &Prepared, t: &TokenTable, a: &Compact, b: &Compact) -> u32 {
    compare_names_in(t, p.names(a), p.names(b)) | compare_others(p, a, b)
}

/// Every field but the name (whose level is left 0, missing).
pub fn compare_others(p: &Prepared, a: &Compact, b: &Compact) -> u32 {
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
    // Short document numbers are read from the records themselves (no string table to chase).
    let id = if a.document_len == 0 || b.document_len == 0 {
        0
    } else if a.document_len == b.document_len && a.document_len != LONG_DOCUMENT {
        // Zero-padded bytes of one length: equal arrays are equal numbers.
        if a.document_bytes == b.document_bytes {
            1
        } else if one_edit(p.document_of(a), p.document_of(b)) {
            2
        } else {
            3
        }
    } else if a.document_len.abs_diff(b.document_len) > 1
        && a.document_len != LONG_DOCUMENT
        && b.document_len != LONG_DOCUMENT
    {
        // Lengths two or more apart: more than one edit.
        3
    } else {
        let (x, y) = (p.document_of(a), p.document_of(b));
        if x == y {
            1
        } else if one_edit(x, y) {
            2
        } else {
            3
        }
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
    birth << 4 | sex << 8 | nationality << 12 | phone << 16 | id << 20 | address << 24 | place << 28
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

    proptest::proptest! {
        #[test]
        fn the_token_table_gives_the_same_levels(
            names in proptest::collection::vec("[a-z]{1,9}( [a-z]{1,9}){0,3}", 2..12),
        ) {
            let records: Vec<PersonRecord> = names.iter().map(|n| person(n, "")).collect();
            let p = prepare(&records, 2026);
            let t = TokenTable::new(&p);
            for a in &p.records {
                for b in &p.records {
                    proptest::prop_assert_eq!(compare(&p, a, b), compare_in(&p, &t, a, b));
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn document_levels_read_in_the_record_are_those_of_the_strings(
            docs in proptest::collection::vec("(|[AB1]{1,3}|[AB1]{14,19}|1101700203451[0-9]{0,5})", 2..10),
        ) {
            let records: Vec<PersonRecord> = docs
                .iter()
                .map(|d| PersonRecord { id_number: (!d.is_empty()).then(|| d.clone()), ..Default::default() })
                .collect();
            let p = prepare(&records, 2026);
            for a in &p.records {
                for b in &p.records {
                    let (x, y) = (p.document(a.document), p.document(b.document));
                    let expected = if a.document == 0 || b.document == 0 {
                        0
                    } else if x == y {
                        1
                    } else if one_edit(x.as_bytes(), y.as_bytes()) {
                        2
                    } else {
                        3
                    };
                    proptest::prop_assert_eq!(level(compare_others(&p, a, b), ID) as u32, expected, "{} {}", x, y);
                }
            }
        }
    }

    #[test]
    fn one_edit_catches_typos_and_transpositions() {
        assert!(one_edit(b"1101700203451", b"1101700203452"));
        assert!(one_edit(b"1101700203451", b"1101700204351"));
        assert!(one_edit(b"AB12345", b"AB1234"));
        assert!(!one_edit(b"1101700203451", b"2201700203451"));
    }
}
