//! The live person index behind search-before-create and the search box: records are added,
//! replaced and removed one at a time, and a query (a name in any script, a phone, an ID number, a
//! date of birth, or several of them) returns the likely matches ranked by the model's match
//! probability, each with its explanation (which fields agreed and how strongly).
//!
//! Candidates come from inverted lists: every record is listed under each of its name tokens'
//! phonetic keys, its phone and its document number. A query's name tokens also reach the tokens
//! within Jaro-Winkler [`CLOSE_TOKEN`] of them (a typo, an ad hoc romanisation the phonetic key does
//! not absorb), found by scanning the distinct tokens that share the first letter. Every candidate is
//! then compared field by field exactly as in a batch run ([`crate::compare::compare`]) and scored.
//!
//! Removal marks a slot dead; its entries in the lists are skipped when read and the lists are
//! compacted when more than half of the slots are dead.

use std::collections::HashMap;
use std::hash::Hash;

use crate::blocking::{self, BlockingConfig};
use crate::compare::{self, jaro_winkler, CLOSE_TOKEN};
use crate::model::{Explanation, Model};
use crate::record::{Interner, PersonRecord, Prepared};

/// How many candidates a query compares at most (those sharing the most keys first).
pub const MAX_CANDIDATES: usize = 20_000;

/// How many close tokens one query token reaches at most.
const MAX_CLOSE_TOKENS: usize = 64;

/// A match: the caller's key and why it matched.
#[derive(Debug, Clone)]
pub struct Hit<K> {
    pub key: K,
    /// The evidence: the sum of the fields' weights, log2 of how much likelier these agreements
    /// and disagreements are for one person than for two. A search ranks by it: the model's prior
    /// (how rare a match is between two records drawn at random) says nothing about a record the
    /// user is looking for.
    pub evidence: f64,
    pub explanation: Explanation,
}

/// [`Hit::evidence`] of a comparison vector.
pub fn evidence(model: &Model, gamma: u32) -> f64 {
    (0..compare::FIELDS.len()).map(|f| model.weight(f, compare::level(gamma, f))).sum()
}

/// A suggested duplicate pair (see [`PersonIndex::pairs_above`]).
#[derive(Debug, Clone)]
pub struct PairHit<K> {
    pub a: K,
    pub b: K,
    pub explanation: Explanation,
}

/// Person records by the caller's key (a party id), ready to search.
#[derive(Debug)]
pub struct PersonIndex<K> {
    p: Prepared,
    interner: Interner,
    /// The key of each slot; `None` once removed or replaced.
    keys: Vec<Option<K>>,
    slot_of: HashMap<K, u32>,
    /// Slots by name token id.
    by_token: Vec<Vec<u32>>,
    /// Token ids with postings, by the first byte of their key.
    by_first: Vec<Vec<u32>>,
    by_phone: HashMap<u64, Vec<u32>>,
    by_document: HashMap<u32, Vec<u32>>,
    dead: usize,
    model: Model,
    reference_year: u16,
}

/// A query's parts read from free text: digits become a phone and an ID number (whichever they
/// parse as), a date becomes the date of birth, and the rest is the name.
pub fn parse_query(text: &str) -> PersonRecord {
    let mut record = PersonRecord::default();
    let mut name_words = Vec::new();
    let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.')).collect();
    if !compact.is_empty()
        && compact.trim_start_matches('+').chars().all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
    {
        record.phone = Some(compact.clone());
        record.id_number = Some(compact);
        return record;
    }
    for word in text.split_whitespace() {
        let digits = word.chars().filter(char::is_ascii_digit).count();
        let is_date = digits >= 4
            && word.chars().all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
            && word.chars().any(|c| matches!(c, '/' | '-' | '.'));
        if is_date && record.date_of_birth.is_none() {
            record.date_of_birth = Some(word.to_string());
        } else if digits >= 8 && digits * 2 >= word.chars().count() {
            if crate::ids::phone_number(word).is_some() {
                record.phone = Some(word.to_string());
            }
            record.id_number = Some(word.to_string());
        } else {
            name_words.push(word);
        }
    }
    if !name_words.is_empty() {
        record.full_name = Some(name_words.join(" "));
    }
    record
}

impl<K: Clone + Eq + Hash> PersonIndex<K> {
    /// An empty index scoring with `model`.
    pub fn new(model: Model, reference_year: u16) -> PersonIndex<K> {
        PersonIndex {
            p: Prepared::default(),
            interner: Interner::default(),
            keys: Vec::new(),
            slot_of: HashMap::new(),
            by_token: Vec::new(),
            by_first: vec![Vec::new(); 256],
            by_phone: HashMap::new(),
            by_document: HashMap::new(),
            dead: 0,
            model,
            reference_year,
        }
    }

    /// The records indexed (replaced and removed ones not counted).
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    pub fn contains(&self, key: &K) -> bool {
        self.slot_of.contains_key(key)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Adds a record under `key`, replacing the one it had.
    pub fn upsert(&mut self, key: K, record: &PersonRecord) {
        self.remove(&key);
        let slot = self.interner.add(&mut self.p, record, self.reference_year) as u32;
        self.keys.push(Some(key.clone()));
        self.slot_of.insert(key, slot);
        self.list(slot);
    }

    /// Lists the record in `slot` under its keys.
    fn list(&mut self, slot: u32) {
        let Some(r) = self.p.records.get(slot as usize).copied() else { return };
        let mut tokens: Vec<u32> = self.p.names(&r).to_vec();
        tokens.sort_unstable();
        tokens.dedup();
        for t in tokens {
            let t_us = t as usize;
            if self.by_token.len() <= t_us {
                self.by_token.resize_with(t_us + 1, Vec::new);
            }
            let Some(list) = self.by_token.get_mut(t_us) else { continue };
            if list.is_empty() {
                let first = self.p.token(t).bytes().next().unwrap_or(0);
                if let Some(group) = self.by_first.get_mut(usize::from(first)) {
                    group.push(t);
                }
            }
            list.push(slot);
        }
        if r.phone != 0 {
            self.by_phone.entry(r.phone).or_default().push(slot);
        }
        if r.document != 0 {
            self.by_document.entry(r.document).or_default().push(slot);
        }
    }

    /// Removes the record under `key`; whether there was one.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(slot) = self.slot_of.remove(key) else { return false };
        if let Some(k) = self.keys.get_mut(slot as usize) {
            *k = None;
        }
        self.dead += 1;
        if self.dead > 64 && self.dead * 2 > self.keys.len() {
            self.compact();
        }
        true
    }

    /// Rebuilds the records and lists without the dead slots (token and document ids are kept).
    fn compact(&mut self) {
        let old = std::mem::take(&mut self.p);
        let keys = std::mem::take(&mut self.keys);
        self.p = Prepared { tokens: old.tokens.clone(), documents: old.documents.clone(), ..Prepared::default() };
        self.slot_of.clear();
        self.by_token.iter_mut().for_each(Vec::clear);
        self.by_first.iter_mut().for_each(Vec::clear);
        self.by_phone.clear();
        self.by_document.clear();
        self.dead = 0;
        for (r, key) in old.records.iter().zip(keys) {
            let Some(key) = key else { continue };
            let mut copy = *r;
            copy.name_start = self.p.name_pool.len() as u32;
            self.p.name_pool.extend_from_slice(old.names(r));
            copy.address_start = self.p.address_pool.len() as u32;
            self.p.address_pool.extend_from_slice(old.address(r));
            let slot = self.p.records.len() as u32;
            self.p.records.push(copy);
            self.keys.push(Some(key.clone()));
            self.slot_of.insert(key, slot);
            self.list(slot);
        }
    }

    /// The likely matches of `query`, best first: at most `limit`, each with positive evidence
    /// (the fields that agree outweigh those that differ).
    pub fn search(&mut self, query: &PersonRecord, limit: usize) -> Vec<Hit<K>> {
        self.search_excluding(query, limit, None)
    }

    /// The likely matches of the record stored under `key`, itself left out.
    pub fn matches_of(&self, key: &K, limit: usize) -> Vec<Hit<K>> {
        match self.slot_of.get(key) {
            Some(&slot) => self.ranked(slot as usize, limit, Some(slot)),
            None => Vec::new(),
        }
    }

    fn search_excluding(&mut self, query: &PersonRecord, limit: usize, skip: Option<u32>) -> Vec<Hit<K>> {
        let at = self.interner.checkpoint(&self.p);
        let q = self.interner.add(&mut self.p, query, self.reference_year);
        let hits = self.ranked(q, limit, skip);
        self.interner.rollback(&mut self.p, at);
        hits
    }

    fn ranked(&self, q: usize, limit: usize, skip: Option<u32>) -> Vec<Hit<K>> {
        let Some(qr) = self.p.records.get(q).copied() else { return Vec::new() };
        let mut shared: HashMap<u32, u32> = HashMap::new();
        let mut count = |slots: &[u32], weight: u32| {
            for &s in slots {
                *shared.entry(s).or_default() += weight;
            }
        };
        if qr.phone != 0 {
            count(self.by_phone.get(&qr.phone).map_or(&[][..], Vec::as_slice), 4);
        }
        if qr.document != 0 {
            count(self.by_document.get(&qr.document).map_or(&[][..], Vec::as_slice), 4);
        }
        for &t in self.p.names(&qr) {
            for (token, exact) in self.close_tokens(t) {
                count(self.by_token.get(token as usize).map_or(&[][..], Vec::as_slice), if exact { 2 } else { 1 });
            }
        }
        let mut candidates: Vec<(u32, u32)> = shared
            .into_iter()
            .filter(|&(s, _)| Some(s) != skip && self.keys.get(s as usize).is_some_and(Option::is_some))
            .map(|(s, n)| (n, s))
            .collect();
        if candidates.len() > MAX_CANDIDATES {
            candidates.select_nth_unstable_by(MAX_CANDIDATES, |a, b| b.cmp(a));
            candidates.truncate(MAX_CANDIDATES);
        }
        let mut scored: Vec<(f64, u32, u32)> = candidates
            .into_iter()
            .filter_map(|(_, s)| {
                let r = self.p.records.get(s as usize)?;
                let gamma = compare::compare(&self.p, &qr, r);
                let w = evidence(&self.model, gamma);
                (w > 0.0).then_some((w, s, gamma))
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .filter_map(|(evidence, s, gamma)| {
                let key = self.keys.get(s as usize)?.clone()?;
                Some(Hit { key, evidence, explanation: self.model.explain(gamma) })
            })
            .collect()
    }

    /// The indexed tokens equal or close to token `t`, each with whether it is `t` itself.
    fn close_tokens(&self, t: u32) -> Vec<(u32, bool)> {
        let key = self.p.token(t).as_bytes();
        let mut out = vec![(t, true)];
        if key.len() < 3 {
            return out;
        }
        let first = key.first().copied().unwrap_or(0);
        let mut close: Vec<(f64, u32)> = self
            .by_first
            .get(usize::from(first))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|&&other| other != t)
            .filter_map(|&other| {
                let sim = jaro_winkler(key, self.p.token(other).as_bytes());
                (sim >= CLOSE_TOKEN).then_some((sim, other))
            })
            .collect();
        close.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
        out.extend(close.into_iter().take(MAX_CLOSE_TOKENS).map(|(_, o)| (o, false)));
        out
    }

    /// Every pair of indexed records whose match probability is at least `min_probability`, best
    /// first, with the batch run's blocking and also a name token and year of birth between
    /// records that both have a full date (a mistyped day or month), which a bulk run leaves out.
    pub fn pairs_above(&self, min_probability: f64) -> Vec<PairHit<K>> {
        let config = BlockingConfig {
            name_and_year_between_dated: true,
            name_and_day_any_year: true,
            ..BlockingConfig::default()
        };
        let pairs = blocking::candidate_pairs(&self.p, config);
        let mut out: Vec<(f64, PairHit<K>)> = pairs
            .into_iter()
            .filter_map(|pair| {
                let (i, j) = blocking::unpack(pair);
                let a = self.keys.get(i)?.clone()?;
                let b = self.keys.get(j)?.clone()?;
                let gamma = compare::compare(&self.p, self.p.records.get(i)?, self.p.records.get(j)?);
                let probability = self.model.probability(gamma);
                (probability >= min_probability)
                    .then(|| (self.model.match_weight(gamma), PairHit { a, b, explanation: self.model.explain(gamma) }))
            })
            .collect();
        out.sort_by(|x, y| y.0.total_cmp(&x.0));
        out.into_iter().map(|(_, h)| h).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn index() -> PersonIndex<u32> {
        PersonIndex::new(crate::built_in_model(100_000).expect("the built-in model reads"), 2026)
    }

    fn person(full: &str, dob: &str, phone: &str, id: &str) -> PersonRecord {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        PersonRecord {
            full_name: opt(full),
            date_of_birth: opt(dob),
            phone: opt(phone),
            id_number: opt(id),
            ..PersonRecord::default()
        }
    }

    fn filled() -> PersonIndex<u32> {
        let mut ix = index();
        let names =
            ["Aung Kyaw", "Malee Srisuk", "Bounmy Phommachanh", "Nattapong Rattana", "Khin Thida", "Suda Boonma"];
        for k in 0..600u32 {
            let name = names.get(k as usize % names.len()).copied().unwrap_or_default();
            let dob = format!("{}-{:02}-{:02}", 1970 + k % 30, 1 + k % 12, 1 + k % 28);
            ix.upsert(k, &person(name, &dob, &format!("08{:08}", 10_000_000 + k * 7919), ""));
        }
        ix.upsert(1000, &person("นายสมชาย ใจดี", "14/03/2540", "081 234 5678", "1101700203451"));
        ix
    }

    fn keys(hits: &[Hit<u32>]) -> Vec<u32> {
        hits.iter().map(|h| h.key).collect()
    }

    #[test]
    fn a_romanised_name_finds_the_thai_script_record_first_and_says_why() {
        let mut ix = filled();
        for q in ["Somchai Jaidee", "Somchay Chaidee", "Mr Somchaai Jaidee", "jaidee somchai"] {
            let hits = ix.search(&parse_query(q), 10);
            assert_eq!(hits.first().map(|h| h.key), Some(1000), "{q}: {:?}", keys(&hits));
            let name = hits.first().and_then(|h| h.explanation.fields.iter().find(|f| f.field == "name")).cloned();
            assert!(name.is_some_and(|n| n.weight > 0.0 && n.level != "different"), "{q}");
        }
        assert!(ix.search(&parse_query("Wichai Thongdee"), 10).iter().all(|h| h.key != 1000));
    }

    #[test]
    fn a_phone_or_an_id_number_in_any_form_finds_its_record() {
        let mut ix = filled();
        for q in ["+66812345678", "0812345678", "081-234-5678", "1-1017-00203-45-1", "1101700203451"] {
            assert_eq!(keys(&ix.search(&parse_query(q), 5)).first(), Some(&1000), "{q}");
        }
        let hits = ix.search(&parse_query("Somchai 14/03/1997"), 5);
        let first = hits.first().expect("a hit");
        assert_eq!(first.key, 1000);
        assert!(first.explanation.fields.iter().any(|f| f.field == "date_of_birth" && f.level == "exact"));
    }

    #[test]
    fn a_typo_beyond_the_phonetic_key_still_reaches_the_record() {
        let mut ix = filled();
        let hits = ix.search(&parse_query("Nattaphomg Rattana"), 5);
        assert!(keys(&hits).iter().any(|k| k % 6 == 3), "{:?}", keys(&hits));
    }

    #[test]
    fn removed_and_replaced_records_are_found_as_they_now_are() {
        let mut ix = filled();
        assert!(ix.remove(&1000));
        assert!(!ix.remove(&1000));
        assert!(ix.search(&parse_query("Somchai Jaidee"), 10).is_empty());
        ix.upsert(1000, &person("Somchai Jaidee", "", "", ""));
        ix.upsert(1000, &person("Wanida Thongkham", "", "", ""));
        assert!(ix.search(&parse_query("Somchai Jaidee"), 10).is_empty());
        assert_eq!(keys(&ix.search(&parse_query("Wanida Thongkham"), 10)), vec![1000]);
        assert_eq!(ix.len(), 601);
    }

    #[test]
    fn a_record_s_own_matches_leave_it_out_and_pairs_above_find_the_duplicate() {
        let mut ix = filled();
        ix.upsert(2000, &person("Somchay Chaidee", "1997-03-14", "+66812345678", ""));
        assert_eq!(keys(&ix.matches_of(&1000, 3)).first(), Some(&2000));
        assert!(!keys(&ix.matches_of(&1000, 50)).contains(&1000));
        let pairs = ix.pairs_above(0.9);
        assert!(pairs.iter().any(|p| (p.a, p.b) == (1000, 2000) || (p.a, p.b) == (2000, 1000)));
        assert!(pairs.iter().all(|p| p.explanation.probability >= 0.9));
    }

    #[test]
    fn the_review_queue_pairs_a_mistyped_day_of_birth_that_bulk_blocking_leaves_out() {
        let mut ix = filled();
        // The same name and year, another day; no phone, ID number or address to meet through.
        ix.upsert(3000, &person("Wanida Thongkham", "1988-07-12", "", ""));
        ix.upsert(3001, &person("Wanida Thongkham", "1988-07-21", "", ""));
        let pairs = ix.pairs_above(0.0);
        assert!(pairs.iter().any(|p| (p.a.min(p.b), p.a.max(p.b)) == (3000, 3001)));
        let bulk = blocking::candidate_pairs(&ix.p, BlockingConfig::default());
        let (a, b) = (ix.keys.iter().position(|k| *k == Some(3000)), ix.keys.iter().position(|k| *k == Some(3001)));
        let (a, b) = (a.expect("indexed") as u32, b.expect("indexed") as u32);
        assert!(!bulk.contains(&blocking::pack(a, b)));
    }

    #[test]
    fn free_text_is_read_into_its_parts() {
        let q = parse_query("Somchai Jaidee 14/03/2540");
        assert_eq!(q.full_name.as_deref(), Some("Somchai Jaidee"));
        assert_eq!(q.date_of_birth.as_deref(), Some("14/03/2540"));
        let q = parse_query("+66 81 234 5678");
        assert_eq!(q.phone.as_deref(), Some("+66812345678"));
        assert!(q.full_name.is_none());
        let q = parse_query("Aung 0812345678");
        assert_eq!((q.full_name.as_deref(), q.phone.as_deref()), (Some("Aung"), Some("0812345678")));
        assert_eq!(parse_query("  "), PersonRecord::default());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Whatever is removed, an index gives the same answers as one built from what is left
        /// (compaction included).
        #[test]
        fn removing_gives_the_same_answers_as_never_adding(removed in proptest::collection::vec(0u32..600, 0..500)) {
            // Up to 500 of 601 removed: past half of the slots the lists are compacted.
            let mut ix = filled();
            let mut fresh = index();
            for k in &removed {
                ix.remove(k);
            }
            let base = filled();
            for key in &base.keys {
                let Some(key) = key else { continue };
                if removed.contains(key) {
                    continue;
                }
                fresh.upsert(*key, &source(*key));
            }
            for q in ["Malee Srisuk", "Aung", "+66812345678", "Suda Boonma 1975"] {
                let a = ix.search(&parse_query(q), 20);
                let b = fresh.search(&parse_query(q), 20);
                let score = |h: &[Hit<u32>]| h.iter().map(|x| (x.key, (x.evidence * 1e6).round() as i64)).collect::<Vec<_>>();
                prop_assert_eq!(score(&a), score(&b));
            }
        }
    }

    /// The record `filled` stores under `key`.
    fn source(key: u32) -> PersonRecord {
        let names =
            ["Aung Kyaw", "Malee Srisuk", "Bounmy Phommachanh", "Nattapong Rattana", "Khin Thida", "Suda Boonma"];
        if key == 1000 {
            return person("นายสมชาย ใจดี", "14/03/2540", "081 234 5678", "1101700203451");
        }
        let name = names.get(key as usize % names.len()).copied().unwrap_or_default();
        let dob = format!("{}-{:02}-{:02}", 1970 + key % 30, 1 + key % 12, 1 + key % 28);
        person(name, &dob, &format!("08{:08}", 10_000_000 + key * 7919), "")
    }
}
