//! A synthetic trafficking-like network for the graph benchmark (issue 6): parties of six kinds,
//! typed links, power-law degrees, communities, and a few hubs.
//!
//! - **Nodes**: person 50 %, phone 20 %, bank account 12 %, address 10 %, vehicle 5 %, organisation
//!   3 %; ids are a kind prefix and a number (`p123456`, `ph77`, `acc9`, `addr12`, `veh3`, `org40`),
//!   numbered in the (shuffled) order of nodes.csv.
//! - **Communities**: nodes fall into groups whose sizes follow a power law (10 to 5,000 nodes).
//! - **Degrees**: each node has a weight drawn from a Pareto law (exponent 2.5, a power-law degree
//!   distribution); a link starts at a node chosen by weight (Chung-Lu), picks the kind of its other
//!   end by the kind of the first (a person uses a phone, holds an account, lives at an address...),
//!   and ends at a node of that kind chosen by weight, in the same community 85 % of the time and
//!   anywhere otherwise.
//! - **Hubs**: 5 nodes per million (at least one) get 10,000 to 50,000 links per million nodes (at
//!   least 50): a payment aggregator account, a recruitment agency, a dormitory address, a broker's
//!   phone.
//! - **Links**: `links_per_node` × nodes distinct pairs (5 by default), never a self-loop, written
//!   as src,dst,kind with a conventional direction (the person first; payments from payer to payee).
//!
//! Also `sources.txt` (node ids to start neighbourhoods from) and `pairs.txt` (`a,b` to find paths
//! between), drawn uniformly. Everything follows from the seed.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::rng::Rng;

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct GraphConfig {
    pub nodes: u64,
    pub links_per_node: u64,
    pub seed: u64,
    pub sources: usize,
    pub pairs: usize,
}

impl Default for GraphConfig {
    fn default() -> Self {
        GraphConfig { nodes: 10_000, links_per_node: 5, seed: 7, sources: 1000, pairs: 1000 }
    }
}

/// What a run made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphSummary {
    pub nodes: u64,
    pub links: u64,
    pub communities: u64,
    pub hubs: u64,
    pub max_hub_links: u64,
}

const KINDS: [&str; 6] = ["person", "phone", "bank_account", "address", "vehicle", "organisation"];
const PREFIX: [&str; 6] = ["p", "ph", "acc", "addr", "veh", "org"];
const KIND_WEIGHTS: [u32; 6] = [50, 20, 12, 10, 5, 3];
const PERSON: usize = 0;
const PHONE: usize = 1;
const ACCOUNT: usize = 2;
const ADDRESS: usize = 3;
const VEHICLE: usize = 4;
const ORG: usize = 5;

/// For a link starting at a node of kind i: the weights of the other end's kinds.
const NEXT_KIND: [[u32; 6]; 6] = [
    // person, phone, account, address, vehicle, organisation
    [30, 25, 15, 15, 7, 8], // person
    [40, 60, 0, 0, 0, 0],   // phone
    [30, 0, 60, 0, 0, 10],  // bank account
    [80, 0, 0, 0, 0, 20],   // address
    [100, 0, 0, 0, 0, 0],   // vehicle
    [60, 0, 20, 20, 0, 0],  // organisation
];

/// The kind of a link between kinds a and b, and whether to write it b -> a (the person first).
fn link_kind(a: usize, b: usize, rng: &mut Rng) -> (&'static str, bool) {
    let (lo, hi, swapped) = if a <= b { (a, b, false) } else { (b, a, true) };
    let kind = match (lo, hi) {
        (PERSON, PERSON) => rng.pick(&["family", "associate", "associate", "call"]),
        (PERSON, PHONE) => "uses_phone",
        (PERSON, ACCOUNT) | (ACCOUNT, ORG) => "holds_account",
        (PERSON, ADDRESS) => "lives_at",
        (PERSON, VEHICLE) => "owns_vehicle",
        (PERSON, ORG) => "works_for",
        (PHONE, PHONE) => "call",
        (ACCOUNT, ACCOUNT) => "payment",
        (ADDRESS, ORG) => "registered_at",
        _ => "associate",
    };
    // Person (or the lower kind) first; an account's holder first; payments either way.
    let reverse = if kind == "payment" { rng.chance(0.5) } else { swapped };
    (kind, reverse)
}

/// Node kinds and weights laid out by community then kind, with cumulative weights to sample from.
struct Layout {
    kind: Vec<u8>,
    /// Cumulative weight up to and including each node (in layout order).
    cum: Vec<f64>,
    /// For each community, the start of each kind's run (7 entries: 6 kinds and the end).
    runs: Vec<[usize; 7]>,
    /// Each node's community.
    community: Vec<u32>,
    /// For each kind, its nodes (layout order) and their cumulative weights.
    by_kind: Vec<(Vec<u32>, Vec<f64>)>,
}

fn pareto(rng: &mut Rng, exponent: f64, max: f64) -> f64 {
    let u = 1.0 - ((rng.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64);
    u.powf(-1.0 / (exponent - 1.0)).min(max)
}

fn layout(n: usize, rng: &mut Rng) -> Layout {
    let mut kind = Vec::with_capacity(n);
    let mut cum = Vec::with_capacity(n);
    let mut runs = Vec::new();
    let mut community = Vec::with_capacity(n);
    let mut total = 0.0f64;
    let max_weight = (n as f64).sqrt().max(10.0);
    while kind.len() < n {
        let size = (pareto(rng, 2.0, 500.0) * 10.0).round() as usize;
        let size = size.clamp(10, 5000).min(n - kind.len());
        let mut counts = [0usize; 6];
        for _ in 0..size {
            if let Some(c) = counts.get_mut(rng.weighted(&KIND_WEIGHTS)) {
                *c += 1;
            }
        }
        let mut start = [0usize; 7];
        let mut at = kind.len();
        for (k, &c) in counts.iter().enumerate() {
            if let Some(s) = start.get_mut(k) {
                *s = at;
            }
            for _ in 0..c {
                kind.push(k as u8);
                total += pareto(rng, 2.5, max_weight);
                cum.push(total);
                community.push(runs.len() as u32);
            }
            at += c;
        }
        if let Some(s) = start.get_mut(6) {
            *s = at;
        }
        runs.push(start);
    }
    let mut by_kind: Vec<(Vec<u32>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); 6];
    let mut prev = 0.0;
    for (i, (&k, &c)) in kind.iter().zip(&cum).enumerate() {
        if let Some((nodes, w)) = by_kind.get_mut(k as usize) {
            let last = w.last().copied().unwrap_or(0.0);
            nodes.push(i as u32);
            w.push(last + (c - prev));
        }
        prev = c;
    }
    Layout { kind, cum, runs, community, by_kind }
}

/// A node in `lo..hi` (layout order) chosen by weight; `None` for an empty range.
fn sample_range(cum: &[f64], lo: usize, hi: usize, rng: &mut Rng) -> Option<usize> {
    if lo >= hi {
        return None;
    }
    let base = if lo == 0 { 0.0 } else { cum.get(lo - 1).copied()? };
    let top = cum.get(hi - 1).copied()?;
    let x = base + (top - base) * ((rng.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64);
    let slice = cum.get(lo..hi)?;
    let i = slice.partition_point(|&c| c <= x);
    Some(lo + i.min(hi - lo - 1))
}

/// A node of kind `k` anywhere, by weight.
fn sample_kind(layout: &Layout, k: usize, rng: &mut Rng) -> Option<usize> {
    let (nodes, w) = layout.by_kind.get(k)?;
    let i = sample_range(w, 0, w.len(), rng)?;
    nodes.get(i).map(|&v| v as usize)
}

/// Writes nodes.csv, edges.csv, sources.txt and pairs.txt.
pub fn generate_graph(
    config: GraphConfig,
    nodes_out: &mut impl Write,
    edges_out: &mut impl Write,
    sources_out: &mut impl Write,
    pairs_out: &mut impl Write,
) -> io::Result<GraphSummary> {
    let n = config.nodes.max(2) as usize;
    let mut rng = Rng::new(config.seed);
    let layout = layout(n, &mut rng);

    // File order: a random permutation of the layout, numbered per kind.
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    let mut number = vec![0u32; n];
    let mut next = [0u32; 6];
    for &v in &order {
        let k = layout.kind.get(v as usize).copied().unwrap_or(0) as usize;
        if let (Some(x), Some(c)) = (number.get_mut(v as usize), next.get_mut(k)) {
            *x = *c;
            *c += 1;
        }
    }
    let name = |v: usize| -> String {
        let k = layout.kind.get(v).copied().unwrap_or(0) as usize;
        format!("{}{}", PREFIX.get(k).copied().unwrap_or("n"), number.get(v).copied().unwrap_or(0))
    };
    writeln!(nodes_out, "id,kind")?;
    for &v in &order {
        let k = layout.kind.get(v as usize).copied().unwrap_or(0) as usize;
        writeln!(nodes_out, "{},{}", name(v as usize), KINDS.get(k).copied().unwrap_or("person"))?;
    }

    // Links.
    let target_links = (n as u64) * config.links_per_node;
    let mut seen: HashSet<u64> = HashSet::with_capacity(target_links as usize);
    let mut links = 0u64;
    writeln!(edges_out, "src,dst,kind")?;
    let mut emit = |a: usize, b: usize, rng: &mut Rng, out: &mut dyn Write| -> io::Result<bool> {
        if a == b {
            return Ok(false);
        }
        let key = (a.min(b) as u64) << 32 | a.max(b) as u64;
        if !seen.insert(key) {
            return Ok(false);
        }
        let (ka, kb) =
            (layout.kind.get(a).copied().unwrap_or(0) as usize, layout.kind.get(b).copied().unwrap_or(0) as usize);
        let (kind, reverse) = link_kind(ka, kb, rng);
        let (s, d) = if reverse { (b, a) } else { (a, b) };
        writeln!(out, "{},{},{}", name(s), name(d), kind)?;
        Ok(true)
    };

    // Hubs first: 5 per million nodes, 10k to 50k links per million.
    let hubs = ((n as u64 * 5).div_ceil(1_000_000)).max(1);
    let scale = n as f64 / 1_000_000.0;
    let hub_kinds = [ACCOUNT, ORG, ADDRESS, PHONE, ACCOUNT];
    let mut max_hub_links = 0u64;
    for h in 0..hubs {
        let hk = hub_kinds.get(h as usize % hub_kinds.len()).copied().unwrap_or(ACCOUNT);
        let Some(hub) = sample_kind(&layout, hk, &mut rng) else { continue };
        let want = ((rng.range(10_000, 50_000) as f64 * scale) as u64).max(50);
        let mut made = 0u64;
        let mut tries = 0u64;
        let table = NEXT_KIND.get(hk).copied().unwrap_or([1, 0, 0, 0, 0, 0]);
        while made < want && tries < want * 4 && links < target_links {
            tries += 1;
            let k = rng.weighted(&table);
            let Some(other) = layout.by_kind.get(k).and_then(|(nodes, _)| nodes.get(rng.below(nodes.len()))) else {
                continue;
            };
            if emit(hub, *other as usize, &mut rng, edges_out)? {
                made += 1;
                links += 1;
            }
        }
        max_hub_links = max_hub_links.max(made);
    }

    // The rest: Chung-Lu within communities (85 %) or across.
    let mut stalls = 0u64;
    while links < target_links && stalls < target_links {
        let Some(a) = sample_range(&layout.cum, 0, n, &mut rng) else { break };
        let ka = layout.kind.get(a).copied().unwrap_or(0) as usize;
        let kb = rng.weighted(&NEXT_KIND.get(ka).copied().unwrap_or([1, 0, 0, 0, 0, 0]));
        let b = if rng.chance(0.85) {
            let c = layout.community.get(a).copied().unwrap_or(0) as usize;
            let run = layout.runs.get(c).copied().unwrap_or([0; 7]);
            let (lo, hi) = (run.get(kb).copied().unwrap_or(0), run.get(kb + 1).copied().unwrap_or(0));
            match sample_range(&layout.cum, lo, hi, &mut rng) {
                Some(b) => Some(b),
                None => sample_kind(&layout, kb, &mut rng),
            }
        } else {
            sample_kind(&layout, kb, &mut rng)
        };
        match b {
            Some(b) if emit(a, b, &mut rng, edges_out)? => links += 1,
            _ => stalls += 1,
        }
    }

    // Sources and pairs: uniform over nodes.
    for _ in 0..config.sources {
        writeln!(sources_out, "{}", name(rng.below(n)))?;
    }
    for _ in 0..config.pairs {
        let a = rng.below(n);
        let mut b = rng.below(n);
        if b == a {
            b = (a + 1) % n;
        }
        writeln!(pairs_out, "{},{}", name(a), name(b))?;
    }
    Ok(GraphSummary { nodes: n as u64, links, communities: layout.runs.len() as u64, hubs, max_hub_links })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(nodes: u64, seed: u64) -> [String; 4] {
        let mut out: [Vec<u8>; 4] = Default::default();
        let [a, b, c, d] = &mut out;
        let config = GraphConfig { nodes, seed, sources: 100, pairs: 100, ..GraphConfig::default() };
        let s = generate_graph(config, a, b, c, d).unwrap();
        assert_eq!(s.nodes, nodes);
        out.map(|v| String::from_utf8(v).unwrap())
    }

    #[test]
    fn same_seed_same_files_and_the_shape_holds() {
        let [nodes, edges, sources, pairs] = run(20_000, 3);
        assert_eq!(run(20_000, 3)[1], edges);
        assert_ne!(run(20_000, 4)[1], edges);
        assert_eq!(nodes.lines().count(), 20_001);
        assert_eq!(edges.lines().count(), 100_001, "5 links per node");
        assert_eq!(sources.lines().count(), 100);
        assert_eq!(pairs.lines().count(), 100);
        let ids: HashSet<&str> = nodes.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
        assert_eq!(ids.len(), 20_000);
        let mut degree: std::collections::HashMap<&str, u32> = Default::default();
        let mut pairs_seen = HashSet::new();
        for l in edges.lines().skip(1) {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3);
            assert!(ids.contains(f[0]) && ids.contains(f[1]));
            assert_ne!(f[0], f[1]);
            assert!(pairs_seen.insert((f[0].min(f[1]), f[0].max(f[1]))), "no duplicate pair");
            *degree.entry(f[0]).or_default() += 1;
            *degree.entry(f[1]).or_default() += 1;
        }
        // Heavy tail: the hub has at least 50 links per 1,000 nodes... at 20k, 200 to 1,000.
        let max = degree.values().copied().max().unwrap();
        assert!(max >= 200, "max degree {max}");
        let median = {
            let mut d: Vec<u32> = degree.values().copied().collect();
            d.sort_unstable();
            d[d.len() / 2]
        };
        assert!(median <= 10, "median degree {median}");
        assert!(edges.contains(",uses_phone\n") && edges.contains(",payment\n") && edges.contains(",lives_at\n"));
    }
}
