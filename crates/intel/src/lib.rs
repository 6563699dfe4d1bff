//! counternet's in-memory projections. For now: entity resolution of person records
//! (docs/decisions/0009-entity-resolution.md).
//!
//! The pipeline of [`resolve`]: normalise every record, a piece of them at a time
//! ([`record::NormalisedPiece`]: names to phonetic token keys in any script, dates of birth, phones,
//! ID numbers, addresses), lay them out for memory locality ([`lay_out_pieces`]), block ([`blocking`]),
//! compare each candidate pair into a comparison vector ([`compare`]), estimate u from random pairs
//! and m by EM ([`model`]) unless a model is given, score, and cluster the pairs at or above the
//! threshold ([`cluster`]). Pure: no store, no clock, no I/O.

pub mod address;
pub mod blocking;
pub mod cluster;
pub mod compare;
pub mod dates;
pub mod graph;
pub mod ids;
pub mod model;
pub mod money;
pub mod names;
pub mod phonetic;
pub mod record;
pub mod search;
pub mod translit;

use std::collections::HashMap;

use rayon::prelude::*;

pub use blocking::BlockingConfig;
pub use model::{Explanation, Model};
pub use record::{prepare, PersonRecord, Prepared};

/// How a run resolves.
#[derive(Debug, Clone)]
pub struct ResolveConfig {
    /// Pairs whose match probability is at least this are joined.
    pub threshold: f64,
    /// Use these parameters instead of estimating them.
    pub model: Option<Model>,
    pub blocking: BlockingConfig,
    /// No cluster grows beyond this many records (the guard against chaining).
    pub max_cluster: u32,
    /// Random pairs drawn to estimate u.
    pub random_pairs: usize,
    /// Of these, how many also compare names (the costly field; the others are compared on all).
    pub random_name_pairs: usize,
    pub em_iterations: usize,
    /// The year against which an estimated age ("34") becomes a year of birth.
    pub reference_year: u16,
    /// Never join a pair whose dates of birth are both known and different (not a swap, a typo or
    /// the same year) and whose names share at most one token, whatever its score: relatives share
    /// a phone, an address and a family name, and the model, which takes fields as independent,
    /// would add those up.
    pub household_guard: bool,
    /// A file with fewer records than this is scored with the built-in model ([`built_in_model`]):
    /// too few pairs to estimate m and u from.
    pub min_rows_to_train: usize,
}

impl Default for ResolveConfig {
    fn default() -> Self {
        ResolveConfig {
            threshold: 0.95,
            model: None,
            blocking: BlockingConfig::default(),
            max_cluster: 100,
            random_pairs: 1_000_000,
            random_name_pairs: 250_000,
            em_iterations: 100,
            reference_year: 2026,
            min_rows_to_train: 2000,
            household_guard: true,
        }
    }
}

/// Where a run's model came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelSource {
    /// Given by the caller (`--model-in`).
    Given,
    /// The built-in model: the file was too small to train on.
    BuiltIn,
    /// Estimated from the file.
    Trained,
}

/// The parameters shipped with counternet, trained by EM on 100,000 synthetic records
/// (`counternet-synth --rows 100000 --seed 12`), for files too small to train on.
const BUILT_IN_MODEL: &str = include_str!("default_model.json");
const BUILT_IN_MODEL_ROWS: f64 = 100_000.0;

/// The built-in model with its prior rescaled to a file of `rows` records (the expected number of
/// matching pairs grows with the records, all pairs with their square).
pub fn built_in_model(rows: usize) -> Option<Model> {
    let mut model: Model = serde_json::from_str(BUILT_IN_MODEL).ok()?;
    let scale = (BUILT_IN_MODEL_ROWS - 1.0) / (rows.max(2) as f64 - 1.0);
    model.prior = (model.prior * scale).clamp(1e-12, 0.5);
    Some(model)
}

/// What a run found.
#[derive(Debug, Clone)]
pub struct Resolution {
    pub model_source: ModelSource,
    /// For each record, the index of the first record of its cluster.
    pub clusters: Vec<u32>,
    pub model: Model,
    pub candidate_pairs: usize,
    pub matched_pairs: usize,
    /// Matching pairs left out by the cluster-size guard.
    pub guarded_pairs: usize,
}

/// Which stage a run is at, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Normalising,
    Blocking,
    Comparing,
    Training,
    Clustering,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A hash for comparison vectors (distinct 32-bit keys from our own code): one multiplication.
#[derive(Default, Clone, Copy)]
struct VectorHash(u64);

impl std::hash::Hasher for VectorHash {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_u32(&mut self, v: u32) {
        self.0 = (u64::from(v) ^ self.0).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

type VectorCounts = HashMap<u32, u64, std::hash::BuildHasherDefault<VectorHash>>;

fn count_patterns(gammas: impl ParallelIterator<Item = u32>) -> HashMap<u32, u64> {
    gammas
        .fold(VectorCounts::default, |mut m, g| {
            *m.entry(g).or_default() += 1;
            m
        })
        .reduce(VectorCounts::default, |mut a, b| {
            for (k, v) in b {
                *a.entry(k).or_default() += v;
            }
            a
        })
        .into_iter()
        .collect()
}

/// Estimates a model from prepared records: EM over the candidate pairs' comparison vectors (m, u and
/// the share of matches, u starting from random pairs); then u is put back to the random pairs'
/// values and the prior becomes the expected matches over all pairs, as Splink does.
pub fn train(p: &Prepared, gammas: &[u32], config: &ResolveConfig) -> Model {
    let tokens = compare::TokenTable::new(p);
    let compare_inputs = |i: usize, j: usize, names: bool| {
        let (a, b) = (p.records.get(i)?, p.records.get(j)?);
        Some(if names { compare::compare_in(p, &tokens, a, b) } else { compare::compare_others(p, a, b) })
    };
    let counts = count_patterns(gammas.par_iter().copied());
    train_with(p.len(), &compare_inputs, &|_| {}, &counts, config)
}

/// A batch of pairs of record indexes.
type PairBatch = [(usize, usize)];

/// [`train`] over `n` records compared by `compare_inputs` (input indexes; with names or without),
/// from the candidate pairs' comparison vectors counted (`counts`); `read_ahead` is given each
/// batch of random pairs before they are compared.
fn train_with(
    n: usize,
    compare_inputs: &(dyn Fn(usize, usize, bool) -> Option<u32> + Sync),
    read_ahead: &(dyn Fn(&PairBatch) + Sync),
    counts: &HashMap<u32, u64>,
    config: &ResolveConfig,
) -> Model {
    let n = n as u64;
    let random = if n < 2 { 0 } else { config.random_pairs.min((n * (n - 1) / 2) as usize) };
    // Names are compared on the first `with_names` pairs only: u is estimated field by field (a
    // missing level, 0, is not counted), and names cost most of a comparison.
    let with_names = random.min(config.random_name_pairs) as u64;
    let pair = |k: u64| {
        let h = splitmix(k ^ 0x5eed);
        ((h % n) as usize, ((h >> 32) % n) as usize)
    };
    let batches = (random as u64).div_ceil(TOUCH_AHEAD as u64);
    let random_counts = count_patterns((0..batches).into_par_iter().flat_map_iter(|b| {
        let ks = b * TOUCH_AHEAD as u64..((b + 1) * TOUCH_AHEAD as u64).min(random as u64);
        let batch: Vec<(usize, usize)> = ks.clone().map(pair).collect();
        read_ahead(&batch);
        ks.zip(batch).filter_map(move |(k, (i, j))| if i == j { None } else { compare_inputs(i, j, k < with_names) })
    }));
    let random_model = Model::from_random_pairs(&random_counts);
    let mut model = random_model.clone();
    model.train_em(counts, config.em_iterations);
    // Score with u from random pairs: the EM's u describes only the candidate pairs, where names
    // and years agree by construction of the blocks.
    for (f, rf) in model.fields.iter_mut().zip(&random_model.fields) {
        for (l, rl) in f.levels.iter_mut().zip(&rf.levels) {
            l.u = rl.u;
        }
    }
    // The prior over all pairs, from the expected matches among the candidate pairs.
    let all_pairs = (n as f64) * (n as f64 - 1.0) / 2.0;
    if all_pairs > 0.0 {
        let candidates: u64 = counts.values().sum();
        model.prior = (model.prior * candidates as f64 / all_pairs).clamp(1e-12, 0.5);
    }
    model
}

/// Whether a comparison vector looks like two relatives rather than one person: different dates of
/// birth and names sharing at most one token (see [`ResolveConfig::household_guard`]).
pub fn is_household(gamma: u32) -> bool {
    compare::level(gamma, compare::BIRTH) == 4 && compare::level(gamma, compare::NAME) >= 4
}

/// Resolves records into clusters. `progress` is told each stage as it starts.
pub fn resolve(records: &[PersonRecord], config: &ResolveConfig, progress: &dyn Fn(Stage)) -> Resolution {
    progress(Stage::Normalising);
    let pieces = record::normalise_in_pieces(records, config.reference_year, record::INTERN_CHUNK);
    let (q, order) = lay_out_pieces(&pieces);
    drop(pieces);
    progress(Stage::Blocking);
    resolve_laid_out(q, order, config, progress)
}

/// The order in which a run lays out its records for blocking and comparing: by year of birth, then
/// by name, so that the two records of most candidate pairs (which share a name token and a year)
/// sit near each other in memory instead of anywhere in it. `order[k]` is the input index of the
/// k-th record.
fn locality_order<'a>(records: impl ParallelIterator<Item = (u32, &'a record::Compact)>) -> Vec<u32> {
    // The keys are made first, reading the records in order, and sorted with the index (a key
    // function would read two records anywhere in memory per comparison).
    let mut keyed: Vec<(u16, u64, u32)> = records
        .map(|(i, r)| {
            let year = dates::BirthDate::unpack(r.birth).year;
            (if year == 0 { u16::MAX } else { year }, r.name_prefix, i)
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.into_par_iter().map(|(_, _, i)| i).collect()
}

/// Normalised pieces joined straight into the layout blocking and comparing run on (each record
/// written once, at its place in [`locality_order`]), with that order: for [`resolve_laid_out`].
pub fn lay_out_pieces(pieces: &[record::NormalisedPiece]) -> (Prepared, Vec<u32>) {
    let order = locality_order(record::piece_records(pieces));
    (record::prepare_pieces_in_order(pieces, &order), order)
}

/// Pairs compared per [`touch`].
const TOUCH_AHEAD: usize = 32;

/// Reads, for each of a batch of pairs, the bytes of its records that comparing will read first
/// (the record, its first name token id, both ends of its address hashes, its input position).
/// The second record of a pair is mostly not in cache; these loads do not depend on one another,
/// so the processor has them all in flight at once, where comparing pair after pair waits for each
/// record's misses in turn (most of the comparing time at 1M rows).
fn touch(q: &Prepared, order: &[u32], pairs: impl Iterator<Item = (usize, usize)>) {
    let mut sum = 0u32;
    for (i, j) in pairs {
        for k in [i, j] {
            if let Some(r) = q.records.get(k) {
                let address = q.address(r);
                sum ^= address.first().copied().unwrap_or(0) ^ address.last().copied().unwrap_or(0);
                sum ^= q.names(r).first().copied().unwrap_or(0);
            }
            sum ^= order.get(k).copied().unwrap_or(0);
        }
    }
    std::hint::black_box(sum);
}

/// The stages of [`resolve`] from blocking on (its [`Stage::Blocking`] reported by the caller), over
/// records laid out by [`lay_out_pieces`] in `order` (`order[k]` is the input index of `q`'s k-th
/// record). Blocking, comparing and the random pairs run on that layout, for memory locality; pairs
/// are numbered in the input order again before clustering, so the result does not depend on it.
pub fn resolve_laid_out(q: Prepared, order: Vec<u32>, config: &ResolveConfig, progress: &dyn Fn(Stage)) -> Resolution {
    let n = q.len();
    let mut position = vec![0u32; order.len()];
    for (k, &i) in order.iter().enumerate() {
        if let Some(slot) = position.get_mut(i as usize) {
            *slot = k as u32;
        }
    }
    let tokens = compare::TokenTable::new(&q);
    let mut pairs = blocking::candidate_pairs_ranked(&q, config.blocking, &order);
    progress(Stage::Comparing);
    let compare_pair = |pair: u64| {
        let (i, j) = blocking::unpack(pair);
        // In input order: the name comparison is not symmetric when both have as many tokens.
        let (i, j) = if order.get(i) < order.get(j) { (i, j) } else { (j, i) };
        match (q.records.get(i), q.records.get(j)) {
            (Some(a), Some(b)) => compare::compare_in(&q, &tokens, a, b),
            _ => 0,
        }
    };
    // Written in place, batch by batch (collecting an unindexed iterator grew and copied vectors).
    let mut gammas = vec![0u32; pairs.len()];
    gammas.par_chunks_mut(TOUCH_AHEAD).zip(pairs.par_chunks(TOUCH_AHEAD)).for_each(|(out, chunk)| {
        touch(&q, &order, chunk.iter().map(|&pair| blocking::unpack(pair)));
        for (slot, &pair) in out.iter_mut().zip(chunk) {
            *slot = compare_pair(pair);
        }
    });
    progress(Stage::Training);
    // Each distinct comparison vector and its count: for the EM, and to score each one once.
    let counts = count_patterns(gammas.par_iter().copied());
    let (model, model_source) = match &config.model {
        Some(m) => (m.clone(), ModelSource::Given),
        None => match built_in_model(n).filter(|_| n < config.min_rows_to_train) {
            Some(m) => (m, ModelSource::BuiltIn),
            None => {
                let compare_inputs = |i: usize, j: usize, names: bool| {
                    let at = |k: usize| position.get(k).and_then(|&x| q.records.get(x as usize));
                    let (a, b) = (at(i)?, at(j)?);
                    Some(if names { compare::compare_in(&q, &tokens, a, b) } else { compare::compare_others(&q, a, b) })
                };
                let read_ahead = |batch: &[(usize, usize)]| {
                    let at = |k: usize| position.get(k).map_or(k, |&x| x as usize);
                    touch(&q, &order, batch.iter().map(|&(i, j)| (at(i), at(j))));
                };
                (train_with(n, &compare_inputs, &read_ahead, &counts, config), ModelSource::Trained)
            }
        },
    };
    // Back to input numbering.
    let input = |k: usize| order.get(k).copied().unwrap_or(k as u32);
    pairs.par_iter_mut().for_each(|pair| {
        let (i, j) = blocking::unpack(*pair);
        *pair = blocking::pack(input(i), input(j));
    });
    drop(q);
    progress(Stage::Clustering);
    // Score each distinct comparison vector once.
    let distinct: HashMap<u32, f64> = counts.keys().map(|&g| (g, model.probability(g))).collect();
    let mut edges: Vec<(f64, u64)> = pairs
        .par_iter()
        .zip(gammas.par_iter())
        .filter_map(|(&pair, g)| {
            let prob = distinct.get(g).copied().unwrap_or(0.0);
            let household = config.household_guard && is_household(*g);
            (prob >= config.threshold && !household).then_some((prob, pair))
        })
        .collect();
    let (mut components, guarded) = cluster_edges(n, &mut edges, config.max_cluster);
    Resolution {
        model_source,
        clusters: components.labels(),
        model,
        candidate_pairs: pairs.len(),
        matched_pairs: edges.len(),
        guarded_pairs: guarded,
    }
}

/// Joins the records of `edges` (probability, packed pair) into components of at most `max`
/// records, the strongest edges first, and counts the edges the size guard held back. The labels
/// do not depend on the order of the unions (a component is named by its first record), so the
/// edges are first joined as they come, without the guard: when no component is then larger than
/// `max`, the guard would have held nothing back and that is the answer, without sorting the edges.
/// Otherwise they are sorted and joined again with the guard.
fn cluster_edges(n: usize, edges: &mut [(f64, u64)], max: u32) -> (cluster::Components, usize) {
    let mut unguarded = cluster::Components::new(n);
    for &(_, pair) in edges.iter() {
        let (i, j) = blocking::unpack(pair);
        unguarded.union(i as u32, j as u32, u32::MAX);
    }
    if unguarded.largest() <= max {
        return (unguarded, 0);
    }
    edges.par_sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut components = cluster::Components::new(n);
    let mut guarded = 0;
    for &(_, pair) in edges.iter() {
        let (i, j) = blocking::unpack(pair);
        if !components.union(i as u32, j as u32, max) {
            guarded += 1;
        }
    }
    (components, guarded)
}

/// Compares two records and explains the score under `model`.
pub fn explain_pair(model: &Model, a: &PersonRecord, b: &PersonRecord, reference_year: u16) -> Explanation {
    let p = prepare(&[a.clone(), b.clone()], reference_year);
    let gamma = match (p.records.first(), p.records.get(1)) {
        (Some(x), Some(y)) => compare::compare(&p, x, y),
        _ => 0,
    };
    model.explain(gamma)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(given: &str, family: &str, dob: &str, phone: &str, id: &str) -> PersonRecord {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        PersonRecord {
            given_name: opt(given),
            family_name: opt(family),
            date_of_birth: opt(dob),
            phone: opt(phone),
            id_number: opt(id),
            sex: Some(if given.len().is_multiple_of(2) { "M" } else { "F" }.into()),
            ..Default::default()
        }
    }

    /// A small population: `people` distinct people, some with a second, varied record.
    fn population(people: usize) -> (Vec<PersonRecord>, Vec<usize>) {
        let given =
            ["Somchai", "Suda", "Aung", "Malee", "Kittisak", "Nattapong", "Phonthip", "Bounmy", "Khin", "Thida"];
        let family = ["Jaidee", "Srisuk", "Kaewmanee", "Boonma", "Rattana", "Chaiyaporn", "Sombat", "Wongsa"];
        let mut records = Vec::new();
        let mut truth = Vec::new();
        for k in 0..people {
            let g = given[k % given.len()];
            let f = family[(k / given.len()) % family.len()];
            let dob = format!("{:04}-{:02}-{:02}", 1960 + (k * 7) % 45, 1 + k % 12, 1 + (k * 3) % 28);
            let phone = format!("08{:08}", (k * 7919) % 100_000_000);
            let id = format!("{:013}", 1_000_000_000_000u64 + (k as u64) * 7_777_777);
            records.push(person(g, f, &dob, &phone, &id));
            truth.push(k);
            if k.is_multiple_of(3) {
                // The same person again: swapped names, B.E. date written day first, international phone.
                let (y, m, d) = (1960 + (k * 7) % 45, 1 + k % 12, 1 + (k * 3) % 28);
                let be = format!("{d:02}/{m:02}/{}", y + 543);
                let intl = format!("+66{}", phone.trim_start_matches('0'));
                records.push(person(f, &g.to_uppercase(), &be, &intl, ""));
                truth.push(k);
            }
        }
        (records, truth)
    }

    proptest::proptest! {
        #[test]
        fn clustering_without_sorting_gives_what_the_sorted_guarded_joins_give(
            raw in proptest::collection::vec((0u32..30, 0u32..30, 0u8..4), 0..60),
            max in 1u32..12,
        ) {
            let mut edges: Vec<(f64, u64)> = raw
                .iter()
                .filter(|(a, b, _)| a != b)
                .map(|&(a, b, w)| (0.9 + f64::from(w) / 100.0, blocking::pack(a, b)))
                .collect();
            // The reference: strongest first, ties by pair, every join guarded.
            let mut sorted = edges.clone();
            sorted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let mut reference = cluster::Components::new(30);
            let mut held = 0;
            for &(_, pair) in &sorted {
                let (i, j) = blocking::unpack(pair);
                if !reference.union(i as u32, j as u32, max) {
                    held += 1;
                }
            }
            let (mut got, guarded) = cluster_edges(30, &mut edges, max);
            proptest::prop_assert_eq!(got.labels(), reference.labels());
            proptest::prop_assert_eq!(guarded, held);
        }
    }

    proptest::proptest! {
        /// Pieces joined straight into the run's layout hold what joining them in input order
        /// holds, record by record in the locality order, but for the ids of short document
        /// numbers (which nothing reads).
        #[test]
        fn pieces_laid_out_at_once_are_the_prepared_records_laid_out(
            rows in proptest::collection::vec(
                ("(Somchai|Suda|Aung|Kyaw|Malee|[a-c]{1,3})( (Jaidee|Srisuk|[a-c]{1,3})){0,3}",
                 "(|AB12|3 1101 70020 34 5|PASSPORT-NUMBER-LONGER-THAN-16|OTHER-LONG-DOCUMENT-NO)",
                 "(|th|Lao|mm|Burmese)", "(|12 Moo 4 Soi 3|ตำบลบางรัก 5)", "(|1990|12/03/1985|2530|03/1990)"),
                0..50),
            cuts in proptest::collection::vec(0usize..9, 0..8),
        ) {
            let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
            let mut pieces = Vec::new();
            let mut rest = rows.as_slice();
            for n in cuts.iter().copied().chain([usize::MAX]) {
                let (piece, after) = rest.split_at(n.min(rest.len()));
                let mut normalised = record::NormalisedPiece::new(2026, 0);
                for (name, doc, nat, addr, dob) in piece {
                    let r = PersonRecord {
                        full_name: opt(name),
                        id_number: opt(doc),
                        nationality: opt(nat),
                        address: opt(addr),
                        date_of_birth: opt(dob),
                        ..PersonRecord::default()
                    };
                    normalised.push(r.fields());
                }
                pieces.push(normalised);
                rest = after;
            }
            // The reference: the pieces joined in input order (as the one-by-one Interner would),
            // and the order by year of birth (unknown last), then name, then input index.
            let p = record::prepare_pieces(&pieces);
            let mut order: Vec<u32> = (0..p.len() as u32).collect();
            order.sort_by_key(|&i| {
                let r = &p.records[i as usize];
                let year = dates::BirthDate::unpack(r.birth).year;
                (if year == 0 { u16::MAX } else { year }, r.name_prefix, i)
            });
            let (got, got_order) = lay_out_pieces(&pieces);
            proptest::prop_assert_eq!(&got_order, &order);
            proptest::prop_assert_eq!(got.len(), p.len());
            if p.is_empty() {
                return Ok(());
            }
            proptest::prop_assert_eq!(&got.tokens, &p.tokens);
            let (mut names, mut addresses) = (0, 0);
            for (r, &i) in got.records.iter().zip(&order) {
                let was = &p.records[i as usize];
                // Pools written in the new order, one record after another.
                proptest::prop_assert_eq!((r.name_start, r.address_start), (names, addresses));
                names += u32::from(r.name_len);
                addresses += u32::from(r.address_len);
                proptest::prop_assert_eq!(got.names(r), p.names(was));
                proptest::prop_assert_eq!(got.address(r), p.address(was));
                proptest::prop_assert_eq!(got.document_of(r), p.document_of(was));
                // Only a long document number is numbered (nothing reads a short one's id).
                if r.document_len == record::LONG_DOCUMENT {
                    proptest::prop_assert_eq!(got.document(r.document), p.document(was.document));
                } else {
                    proptest::prop_assert_eq!(r.document, 0);
                }
                let same = record::Compact { name_start: 0, address_start: 0, document: 0, ..*r };
                let before = record::Compact { name_start: 0, address_start: 0, document: 0, ..*was };
                proptest::prop_assert_eq!(format!("{same:?}"), format!("{before:?}"));
            }
            proptest::prop_assert_eq!((names as usize, addresses as usize), (got.name_pool.len(), got.address_pool.len()));
        }
    }

    #[test]
    fn em_converges_and_finds_the_duplicates() {
        let (records, truth) = population(600);
        let config = ResolveConfig { random_pairs: 50_000, min_rows_to_train: 0, ..ResolveConfig::default() };
        let r = resolve(&records, &config, &|_| {});
        assert_eq!(r.model_source, ModelSource::Trained);
        assert!(r.model.converged, "EM did not converge in {} iterations", r.model.em_iterations);
        let mut right = 0;
        let mut wrong = 0;
        for i in 0..records.len() {
            for j in i + 1..records.len() {
                let same = truth[i] == truth[j];
                let joined = r.clusters[i] == r.clusters[j];
                match (same, joined) {
                    (true, true) => right += 1,
                    (false, true) => wrong += 1,
                    _ => {}
                }
            }
        }
        assert!(right >= 190, "found {right} of 200 duplicate pairs");
        assert!(wrong <= 5, "{wrong} wrong pairs");
    }

    #[test]
    fn a_known_duplicate_scores_above_the_threshold_and_a_stranger_below_with_reasons() {
        let (records, _) = population(600);
        let config = ResolveConfig { random_pairs: 50_000, min_rows_to_train: 0, ..ResolveConfig::default() };
        let r = resolve(&records, &config, &|_| {});
        let thai = PersonRecord {
            full_name: Some("นายสมชาย ใจดี".into()),
            date_of_birth: Some("14/03/2540".into()),
            phone: Some("081 234 5678".into()),
            ..Default::default()
        };
        let latin = PersonRecord {
            given_name: Some("Somchay".into()),
            family_name: Some("Chaidee".into()),
            date_of_birth: Some("1997-03-14".into()),
            phone: Some("+66812345678".into()),
            ..Default::default()
        };
        let stranger = PersonRecord {
            given_name: Some("Aung".into()),
            family_name: Some("Kyaw".into()),
            date_of_birth: Some("1980-11-02".into()),
            phone: Some("+66899999999".into()),
            ..Default::default()
        };
        let same = explain_pair(&r.model, &thai, &latin, 2026);
        assert!(same.probability >= config.threshold, "{same}");
        let names: Vec<&str> = same.fields.iter().map(|f| f.field.as_str()).collect();
        assert!(names.contains(&"name") && names.contains(&"date_of_birth") && names.contains(&"phone"));
        let name = same.fields.iter().find(|f| f.field == "name").unwrap();
        assert_eq!(name.level, "exact");
        assert!(name.weight > 0.0);
        let text = same.to_string();
        assert!(text.contains("name exact") && text.contains("phone same"), "{text}");
        let apart = explain_pair(&r.model, &thai, &stranger, 2026);
        assert!(apart.probability < config.threshold, "{apart}");
        assert!(apart.fields.iter().find(|f| f.field == "phone").unwrap().weight < 0.0);
    }

    #[test]
    fn a_saved_model_reads_back_and_gives_the_same_clusters() {
        let (records, _) = population(300);
        let config = ResolveConfig { random_pairs: 20_000, min_rows_to_train: 0, ..ResolveConfig::default() };
        let first = resolve(&records, &config, &|_| {});
        let json = serde_json::to_string(&first.model).unwrap();
        let model: Model = serde_json::from_str(&json).unwrap();
        assert!((model.prior - first.model.prior).abs() < 1e-12);
        let again = resolve(&records, &ResolveConfig { model: Some(model), ..config }, &|_| {});
        assert_eq!(again.clusters, first.clusters);
    }

    #[test]
    fn a_small_file_uses_the_built_in_model_and_still_finds_a_pair() {
        let records = vec![
            person("Somchai", "Jaidee", "", "0812345678", ""),
            person("Somchai", "Jaidee", "", "+66812345678", ""),
            person("Suda", "", "", "", ""),
        ];
        let r = resolve(&records, &ResolveConfig::default(), &|_| {});
        assert_eq!(r.model_source, ModelSource::BuiltIn);
        assert_eq!(r.clusters, vec![0, 0, 2]);
        assert!(built_in_model(3).is_some_and(|m| m.prior <= 0.5 && m.fields.len() == compare::FIELDS.len()));
    }

    #[test]
    fn the_household_guard_keeps_relatives_apart_but_not_a_typo_in_a_date() {
        let gamma = |name: u32, birth: u32| name | birth << 4 | 1 << 16 | 1 << 24;
        assert!(is_household(gamma(4, 4)), "one shared token, another date: a relative");
        assert!(is_household(gamma(5, 4)));
        assert!(!is_household(gamma(1, 4)), "the same name with another date is left to the model");
        assert!(!is_household(gamma(4, 2)), "a date with a typo is left to the model");
        assert!(!is_household(gamma(4, 0)), "a missing date is left to the model");
    }
}
