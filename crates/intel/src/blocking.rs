//! Blocking: which pairs are compared at all. Records meet when they share any one of several keys,
//! so that a record corrupted in one field still meets its twins through another:
//!
//! 1. a name token's phonetic key and the year of birth (every token, so swapped names meet);
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
//! Each key is hashed with its rule to 64 bits. Blocks are runs of equal keys after a parallel sort.
//! A block of at most `max_block` records gives all its pairs; a larger one (a very common name in a
//! year) is sorted by the records' sorted name keys and each record is paired with its `window`
//! next neighbours only (a sorted-neighbourhood pass inside the block), so the cost stays linear
//! while records with similar names still meet. Pairs are packed as u64 (i << 32 | j, i < j),
//! sorted and deduplicated.

use rayon::prelude::*;

use crate::dates::BirthDate;
use crate::record::{Compact, Prepared};

/// How blocks are cut down.
#[derive(Debug, Clone, Copy)]
pub struct BlockingConfig {
    pub max_block: usize,
    pub window: usize,
}

impl Default for BlockingConfig {
    fn default() -> Self {
        BlockingConfig { max_block: 16, window: 4 }
    }
}

fn mix(mut h: u64, v: u64) -> u64 {
    h ^= v.wrapping_add(0x9e37_79b9_7f4a_7c15).wrapping_add(h << 6).wrapping_add(h >> 2);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

fn str_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The blocking keys of one record.
fn keys(p: &Prepared, r: &Compact, out: &mut Vec<u64>) {
    let birth = BirthDate::unpack(r.birth);
    let names = p.names(r);
    for &t in names {
        let key = p.token(t);
        if key.len() < 2 {
            continue;
        }
        let kh = str_hash(key);
        if birth.is_known() {
            out.push(mix(mix(1, kh), u64::from(birth.year)));
        }
        if birth.month != 0 && birth.day != 0 {
            out.push(mix(mix(mix(2, kh), u64::from(birth.month)), u64::from(birth.day)));
        }
    }
    if r.phone != 0 {
        out.push(mix(3, r.phone));
    }
    if r.document != 0 {
        out.push(mix(4, str_hash(p.document(r.document))));
    }
    if birth.is_full() {
        let (lo, hi) = (birth.month.min(birth.day), birth.month.max(birth.day));
        out.push(mix(mix(mix(5, u64::from(birth.year)), u64::from(lo)), u64::from(hi)));
    }
    if r.house != 0 && r.place != 0 {
        out.push(mix(mix(6, u64::from(r.house)), u64::from(r.place)));
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
    let rank = |m: u32| input.get(m as usize).copied().unwrap_or(m);
    // In chunks of records and of blocks, with buffers reused inside a chunk: a vector per record
    // or per block was millions of allocations.
    const CHUNK: usize = 4096;
    let mut entries: Vec<(u64, u32)> = p
        .records
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, records)| {
            let mut out = Vec::with_capacity(records.len() * 8);
            let mut k = Vec::with_capacity(16);
            for (o, r) in records.iter().enumerate() {
                let i = (c * CHUNK + o) as u32;
                k.clear();
                keys(p, r, &mut k);
                k.sort_unstable();
                k.dedup();
                out.extend(k.iter().map(|&key| (key, i)));
            }
            out
        })
        .collect::<Vec<Vec<(u64, u32)>>>()
        .concat();
    entries.par_sort_unstable();
    // Block boundaries.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for i in 1..=entries.len() {
        if entries.get(i).map(|e| e.0) != entries.get(start).map(|e| e.0) {
            if i - start > 1 {
                blocks.push((start, i));
            }
            start = i;
        }
    }
    let mut pairs: Vec<u64> = blocks
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut out = Vec::new();
            let mut members: Vec<u32> = Vec::new();
            for &(s, e) in chunk {
                members.clear();
                members.extend(entries.get(s..e).unwrap_or_default().iter().map(|x| x.1));
                if members.len() <= config.max_block {
                    for (k, &a) in members.iter().enumerate() {
                        for &b in members.get(k + 1..).unwrap_or_default() {
                            out.push(pack(a, b));
                        }
                    }
                } else {
                    members.sort_by_key(|&m| (p.records.get(m as usize).map_or(0, |r| r.name_prefix), rank(m)));
                    for (k, &a) in members.iter().enumerate() {
                        for &b in members.get(k + 1..(k + 1 + config.window).min(members.len())).unwrap_or_default() {
                            out.push(pack(a, b));
                        }
                    }
                }
            }
            out
        })
        .collect::<Vec<Vec<u64>>>()
        .concat();
    drop(entries);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// A pair packed as `i << 32 | j` with i < j.
pub fn pack(a: u32, b: u32) -> u64 {
    let (i, j) = if a < b { (a, b) } else { (b, a) };
    (u64::from(i) << 32) | u64::from(j)
}

/// The two record indexes of a packed pair.
pub fn unpack(pair: u64) -> (usize, usize) {
    ((pair >> 32) as usize, (pair & 0xffff_ffff) as usize)
}
