//! Blocking: which pairs are compared at all. Records meet when they share any one of several keys,
//! so that a record corrupted in one field still meets its twins through another:
//!
//! 1. a name token's phonetic key and the year of birth (every token, so swapped names meet), for
//!    pairs of which at least one record has no day and month of birth (a partial or estimated date);
//! 2. a name token's phonetic key and the day and month of birth (a wrong or B.E. year);
//! 3. the phone number; 4. the ID or passport number;
//! 5. the date of birth with day and month in either order;
//! 6. the house number (the address's first number) and the postcode or locality.
//!
//! A key of a name token's first three letters and the year was tried and dropped: at 1M rows it
//! added 0.9M candidate pairs and no F1 (0.9192 with, 0.9194 without).
//!
//! A key on the name alone (all name keys, without the year) was tried and dropped: in a large
//! file it mostly pairs different people of the same common name, which both costs time and pulls
//! the EM towards "same name" as the match class.
//!
//! Two records that both have a day and month of birth meet through rule 2 when those agree; rule 1
//! between them (the same name and year, another day or month) was measured at 1M rows to add 4.5M
//! candidate pairs (30 %) for a recall of 0.9042 instead of 0.9022 and a lower precision (0.948
//! instead of 0.957: most of those pairs are namesakes born the same year), so rule 1 only pairs a
//! record without a day and month with any other.
//!
//! Rule 2 is there for a mistyped year: it pairs two records only when their years compare as
//! close (the same, one year apart or one digit changed; the date comparison's "close" level). Two
//! namesakes born on the same day and month of years far apart are left to the other rules: the
//! date comparison calls them "different", and at 1M rows they were 2.1M of the 8.3M candidate
//! pairs; without them recall rose from 0.9018 to 0.9024 and F1 went from 0.9278 to 0.9275 (the
//! EM's fit moves a little).
//!
//! Each key is hashed with its rule to 64 bits, the two lowest bits marking rules 1 and 2.
//! Blocks are runs of equal keys after sorting (bucket by bucket of the keys' top bits, in
//! parallel). A block of at most `max_block` records gives all its pairs; a larger one (a very
//! common name in a year) is sorted by the records' sorted name keys and each record is paired with
//! its `window` next neighbours only (a sorted-neighbourhood pass inside the block), so the cost
//! stays linear while records with similar names still meet. At 12 records and 3 neighbours (16 and
//! 4 before) the 1M-row benchmark file gives 8.3M candidate pairs instead of 11.0M, recall 0.9018
//! instead of 0.9050 and F1 0.9278 instead of 0.9275 (100k rows: 0.9466 and 0.9462; 10k: 0.9548
//! and 0.9550). Pairs are packed as u64 (i << 32 | j, i < j), sorted and deduplicated (bucket by
//! bucket of i, in parallel).

use rayon::prelude::*;

use crate::compare::years_close;
use crate::dates::BirthDate;
use crate::record::{Compact, FastHash, Prepared};

/// How blocks are cut down.
#[derive(Debug, Clone, Copy)]
pub struct BlockingConfig {
    pub max_block: usize,
    pub window: usize,
    /// Rule 1 between two records that both have a day and month of birth too (a day or month
    /// mistyped, nothing else shared): off for a file resolved in bulk (4.5M more pairs at 1M rows,
    /// mostly namesakes), on for the review queue of the persons stored, where finding such a
    /// pair is worth far more than the time.
    pub name_and_year_between_dated: bool,
    /// Rule 2 whatever the two years (a year wholly wrong, nothing else shared): off in bulk
    /// (2.1M more pairs at 1M rows), on for the review queue.
    pub name_and_day_any_year: bool,
}

impl Default for BlockingConfig {
    fn default() -> Self {
        BlockingConfig { max_block: 12, window: 3, name_and_year_between_dated: false, name_and_day_any_year: false }
    }
}

fn mix(mut h: u64, v: u64) -> u64 {
    h ^= v.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6).wrapping_add(h >> 2);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

fn str_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

fn bytes_hash(s: &[u8]) -> u64 {
    s.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The bit that marks a key of rule 1 (a name token and the year of birth).
const YEAR_ONLY: u64 = 1;
/// The bit that marks a key of rule 2 (a name token and the day and month of birth).
const DAY_AND_MONTH: u64 = 2;

fn other_rule(key: u64) -> u64 {
    key & !(YEAR_ONLY | DAY_AND_MONTH)
}

/// Whether a record has a day and month of birth, so that it meets its twins through rule 2 and
/// needs rule 1 only with records that have not.
fn has_day_and_month(r: &Compact) -> bool {
    let birth = BirthDate::unpack(r.birth);
    birth.month != 0 && birth.day != 0
}

/// Whether two records sharing `key` are paired.
fn paired_by(key: u64, config: &BlockingConfig, a: &Compact, b: &Compact) -> bool {
    if key & YEAR_ONLY != 0 && !config.name_and_year_between_dated {
        return !has_day_and_month(a) || !has_day_and_month(b);
    }
    if key & DAY_AND_MONTH != 0 && !config.name_and_day_any_year {
        let (x, y) = (BirthDate::unpack(a.birth), BirthDate::unpack(b.birth));
        return !x.is_known() || !y.is_known() || years_close(x.year, y.year);
    }
    true
}

/// The hash of each name token's key by token id, 0 for a key too short to block on (under two
/// letters): worked out once per token rather than once per use.
fn token_hashes(p: &Prepared) -> Vec<u64> {
    p.tokens.par_iter().map(|key| if key.len() < 2 { 0 } else { str_hash(key).max(1) }).collect()
}

/// The blocking keys of one record (`tokens` from [`token_hashes`]).
fn keys(p: &Prepared, tokens: &[u64], r: &Compact, out: &mut Vec<u64>) {
    let birth = BirthDate::unpack(r.birth);
    let names = p.names(r);
    for &t in names {
        let kh = tokens.get(t as usize).copied().unwrap_or(0);
        if kh == 0 {
            continue;
        }
        if birth.is_known() {
            out.push(mix(mix(1, kh), u64::from(birth.year)) | YEAR_ONLY);
        }
        if birth.month != 0 && birth.day != 0 {
            out.push(other_rule(mix(mix(mix(2, kh), u64::from(birth.month)), u64::from(birth.day))) | DAY_AND_MONTH);
        }
    }
    if r.phone != 0 {
        out.push(other_rule(mix(3, r.phone)));
    }
    let document = p.document_of(r);
    if !document.is_empty() {
        out.push(other_rule(mix(4, bytes_hash(document))));
    }
    if birth.is_full() {
        let (lo, hi) = (birth.month.min(birth.day), birth.month.max(birth.day));
        out.push(other_rule(mix(mix(mix(5, u64::from(birth.year)), u64::from(lo)), u64::from(hi))));
    }
    if r.house != 0 && r.place != 0 {
        out.push(other_rule(mix(mix(6, u64::from(r.house)), u64::from(r.place))));
    }
}

/// The deduplicated candidate pairs, packed as `i << 32 | j` with i < j.
pub fn candidate_pairs(p: &Prepared, config: BlockingConfig) -> Vec<u64> {
    candidate_pairs_ranked(p, config, &[])
}

/// [`candidate_pairs`] of records laid out in another order than the input's: `input[i]` is record
/// i's index in the input, which breaks ties when an oversized block is sorted by name, so that the
/// pairs are the same (renumbered) whatever the layout. An empty `input` means the input order.
pub fn candidate_pairs_ranked(p: &Prepared, config: BlockingConfig, input: &[u32]) -> Vec<u64> {
    pairs_of(p, config, input, true)
}

/// [`candidate_pairs_ranked`], with or without dropping the rule 1 keys that can give no pair (the
/// pairs are the same either way; a test checks it).
fn pairs_of(p: &Prepared, config: BlockingConfig, input: &[u32], drop_unpaired: bool) -> Vec<u64> {
    let rank = |m: u32| input.get(m as usize).copied().unwrap_or(m);
    // Keys go into buckets by their top bits, and each bucket is sorted into blocks on its own (in
    // cache, in parallel) instead of one sort of all the keys; a block's pairs go into buckets by
    // their first record, each sorted and deduplicated on its own: concatenated in order, they are
    // the sorted pairs. Records are read in chunks with buffers reused inside a chunk (a vector per
    // record or per block was millions of allocations).
    const CHUNK: usize = 16_384;
    let pair_buckets = (p.len() >> PAIR_BUCKET_BITS) + 1;
    // A rule 1 block pairs only through its records without a day and month: a record with them
    // keeps a rule 1 key only if such a record has it too (a block without one gives no pairs).
    let drop_unpaired = drop_unpaired && !config.name_and_year_between_dated;
    let tokens = token_hashes(p);
    let undated_keys: std::collections::HashSet<u64, FastHash> = if drop_unpaired {
        p.records
            .par_chunks(CHUNK)
            .map(|records| {
                let (mut found, mut k) = (Vec::new(), Vec::with_capacity(16));
                for r in records.iter().filter(|r| !has_day_and_month(r)) {
                    k.clear();
                    keys(p, &tokens, r, &mut k);
                    found.extend(k.iter().filter(|&&key| key & YEAR_ONLY != 0));
                }
                found
            })
            .flatten_iter()
            .collect()
    } else {
        std::collections::HashSet::default()
    };
    let keyed: Vec<Vec<Vec<(u64, u32)>>> = p
        .records
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, records)| {
            let mut out: Vec<Vec<(u64, u32)>> = vec![Vec::new(); KEY_BUCKETS];
            let mut k = Vec::with_capacity(16);
            for (o, r) in records.iter().enumerate() {
                let i = (c * CHUNK + o) as u32;
                k.clear();
                keys(p, &tokens, r, &mut k);
                if drop_unpaired && has_day_and_month(r) {
                    k.retain(|key| key & YEAR_ONLY == 0 || undated_keys.contains(key));
                }
                k.sort_unstable();
                k.dedup();
                for &key in &k {
                    if let Some(b) = out.get_mut((key >> KEY_SHIFT) as usize) {
                        b.push((key, i));
                    }
                }
            }
            out
        })
        .collect();
    let paired: Vec<Vec<Vec<u64>>> = (0..KEY_BUCKETS)
        .into_par_iter()
        .map(|b| {
            let mut entries: Vec<(u64, u32)> =
                Vec::with_capacity(keyed.iter().map(|c| c.get(b).map_or(0, Vec::len)).sum());
            for c in &keyed {
                entries.extend_from_slice(c.get(b).map(Vec::as_slice).unwrap_or_default());
            }
            entries.sort_unstable();
            let mut out: Vec<Vec<u64>> = vec![Vec::new(); pair_buckets];
            let mut push = |a: u32, b: u32| {
                let pair = pack(a, b);
                if let Some(v) = out.get_mut((pair >> (32 + PAIR_BUCKET_BITS)) as usize) {
                    v.push(pair);
                }
            };
            let mut members: Vec<u32> = Vec::new();
            let mut s = 0;
            while s < entries.len() {
                let key = entries.get(s).map(|e| e.0);
                let mut e = s + 1;
                while e < entries.len() && entries.get(e).map(|x| x.0) == key {
                    e += 1;
                }
                if e - s > 1 {
                    let key = key.unwrap_or(0);
                    // Only rules 1 and 2 look at the records.
                    let every = key & (YEAR_ONLY | DAY_AND_MONTH) == 0;
                    let record = |m: u32| p.records.get(m as usize);
                    let mut push = |a: u32, b: u32| {
                        if every {
                            return push(a, b);
                        }
                        if let (Some(ra), Some(rb)) = (record(a), record(b)) {
                            if paired_by(key, &config, ra, rb) {
                                push(a, b);
                            }
                        }
                    };
                    members.clear();
                    members.extend(entries.get(s..e).unwrap_or_default().iter().map(|x| x.1));
                    if members.len() <= config.max_block {
                        for (k, &a) in members.iter().enumerate() {
                            for &b in members.get(k + 1..).unwrap_or_default() {
                                push(a, b);
                            }
                        }
                    } else {
                        members.sort_by_key(|&m| (p.records.get(m as usize).map_or(0, |r| r.name_prefix), rank(m)));
                        for (k, &a) in members.iter().enumerate() {
                            let next = members.get(k + 1..(k + 1 + config.window).min(members.len()));
                            for &b in next.unwrap_or_default() {
                                push(a, b);
                            }
                        }
                    }
                }
                s = e;
            }
            out
        })
        .collect();
    drop(keyed);
    let sorted: Vec<Vec<u64>> = (0..pair_buckets)
        .into_par_iter()
        .map(|b| {
            let mut v: Vec<u64> = Vec::with_capacity(paired.iter().map(|c| c.get(b).map_or(0, Vec::len)).sum());
            for c in &paired {
                v.extend_from_slice(c.get(b).map(Vec::as_slice).unwrap_or_default());
            }
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    drop(paired);
    // Joined in parallel, each bucket copied into its own part of the result.
    let mut out = vec![0u64; sorted.iter().map(Vec::len).sum()];
    let mut parts = Vec::with_capacity(sorted.len());
    let mut rest = out.as_mut_slice();
    for bucket in &sorted {
        let n = bucket.len().min(rest.len());
        let (part, after) = std::mem::take(&mut rest).split_at_mut(n);
        rest = after;
        parts.push((part, bucket.get(..n).unwrap_or_default()));
    }
    parts.into_par_iter().for_each(|(part, bucket)| part.copy_from_slice(bucket));
    out
}

/// Key buckets of [`candidate_pairs_ranked`]: a key's top bits pick its bucket.
const KEY_BUCKETS: usize = 256;
const KEY_SHIFT: u32 = 56;
/// Pair buckets of [`candidate_pairs_ranked`]: each holds the pairs of 4,096 first records.
const PAIR_BUCKET_BITS: u32 = 12;

/// A pair packed as `i << 32 | j` with i < j.
pub fn pack(a: u32, b: u32) -> u64 {
    let (i, j) = if a < b { (a, b) } else { (b, a) };
    (u64::from(i) << 32) | u64::from(j)
}

/// The two record indexes of a packed pair.
pub fn unpack(pair: u64) -> (usize, usize) {
    ((pair >> 32) as usize, (pair & 0xffff_ffff) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{prepare, PersonRecord};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn pairs_are_sorted_unique_and_those_sharing_a_key(
            rows in proptest::collection::vec(
                // 1995, 1996 and 1998 are close to one another (a digit apart), 1971 and 2013 to none.
                (
                    "(Somchai|Suda|Aung|Kyaw) (Jaidee|Srisuk)",
                    proptest::sample::select(vec![1995u16, 1996, 1998, 1971, 2013]),
                    0u8..3,
                    "(|081|082)",
                ),
                0..60,
            ),
        ) {
            let records: Vec<PersonRecord> = rows
                .iter()
                .map(|(name, y, d, phone)| PersonRecord {
                    full_name: Some(name.clone()),
                    // Day 0: the year only.
                    date_of_birth: Some(if *d == 0 { y.to_string() } else { format!("{y}-03-0{d}") }),
                    phone: (!phone.is_empty()).then(|| format!("{phone}1234567")),
                    ..PersonRecord::default()
                })
                .collect();
            let p = prepare(&records, 2026);
            let config = BlockingConfig {
                max_block: usize::MAX,
                window: 4,
                name_and_year_between_dated: false,
                name_and_day_any_year: false,
            };
            let pairs = candidate_pairs(&p, config);
            prop_assert!(pairs.windows(2).all(|w| w[0] < w[1]));
            let tokens = token_hashes(&p);
            let key_sets: Vec<Vec<u64>> = p
                .records
                .iter()
                .map(|r| {
                    let mut k = Vec::new();
                    keys(&p, &tokens, r, &mut k);
                    k
                })
                .collect();
            // Pairs by their keys: those a key pairs (rule 1 only with an undated record, rule 2
            // only between close years), and all those sharing any key.
            let (mut expected, mut sharing) = (Vec::new(), Vec::new());
            for i in 0..key_sets.len() {
                for j in i + 1..key_sets.len() {
                    let (ri, rj) = (&p.records[i], &p.records[j]);
                    let shared = || key_sets[i].iter().filter(|k| key_sets[j].contains(k));
                    if shared().any(|&k| paired_by(k, &config, ri, rj)) {
                        expected.push(pack(i as u32, j as u32));
                    }
                    if shared().next().is_some() {
                        sharing.push(pack(i as u32, j as u32));
                    }
                }
            }
            prop_assert_eq!(pairs, expected);
            // Oversized blocks too (cut to neighbours by name): dropping the rule 1 keys of dated
            // records that no undated record shares changes no pair.
            let small = BlockingConfig { max_block: 3, window: 2, ..config };
            prop_assert_eq!(pairs_of(&p, small, &[], true), pairs_of(&p, small, &[], false));
            // With rule 1 between dated records, every pair sharing a key.
            let all = BlockingConfig { name_and_year_between_dated: true, name_and_day_any_year: true, ..config };
            prop_assert_eq!(candidate_pairs(&p, all), sharing);
        }
    }

    #[test]
    fn a_name_and_day_of_birth_pair_a_mistyped_year_but_not_a_namesake_born_years_apart() {
        let person = |dob: &str, phone: &str| PersonRecord {
            full_name: Some("Somchai Jaidee".into()),
            date_of_birth: Some(dob.into()),
            phone: Some(phone.into()),
            ..PersonRecord::default()
        };
        // Each shares only the name and the day and month with the first (other phones, years).
        let records = [
            person("1990-05-14", "0811111111"),
            person("1991-05-14", "0822222222"),
            person("1980-05-14", "0833333333"),
            person("1975-05-14", "0844444444"),
        ];
        let p = prepare(&records, 2026);
        let pairs = |config| candidate_pairs(&p, config).into_iter().map(unpack).collect::<Vec<_>>();
        // 1990 and 1991: a year apart; 1990 and 1980: one digit; 1991 and 1980, 1975 with any: neither.
        assert_eq!(pairs(BlockingConfig::default()), vec![(0, 1), (0, 2)]);
        let review = BlockingConfig { name_and_day_any_year: true, ..BlockingConfig::default() };
        assert_eq!(pairs(review), vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
    }
}
