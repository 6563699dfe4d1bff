//! Communities by Louvain (multi-level modularity optimisation), on the undirected view with
//! every distinct link of weight 1.
//!
//! Each level moves nodes between neighbouring communities while modularity rises, visiting nodes
//! from a queue (a node is queued again when a neighbour leaves or joins its community, as in
//! Leiden's fast local moving, rather than sweeping all nodes until none moves), then merges each
//! community into one node (its internal weight as a self-loop) and starts again on that graph.
//! It stops when a level moves nothing. Then the whole run is repeated from the partition found, on
//! the original graph, while modularity rises (nodes placed by a coarse level can move again: a
//! cheap part of what Leiden's refinement buys). Node order is a seeded random permutation.

use std::borrow::Cow;
use std::collections::VecDeque;

use rayon::prelude::*;

use super::{permutation, Graph, NodeId};

/// The communities found.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// For each node its community: 0 is the largest, then by decreasing size.
    pub membership: Vec<u32>,
    /// Each community's number of nodes, largest first.
    pub sizes: Vec<u32>,
    /// Modularity of `membership` on the graph (computed afresh, [`Graph::modularity`]).
    pub modularity: f64,
    /// Levels that moved nodes.
    pub levels: usize,
}

/// Runs of the whole multi-level algorithm at most (each from the partition of the last).
const ROUNDS: usize = 4;

/// A weighted graph of one level. Level 0 borrows the projection's adjacency (all weights 1).
struct Level<'g> {
    offsets: Cow<'g, [usize]>,
    targets: Cow<'g, [NodeId]>,
    /// `None`: every weight is 1.
    weights: Option<Vec<f64>>,
    /// Weight of each node's self-loop (a merged community's internal links, both directions).
    self_w: Vec<f64>,
}

impl Level<'_> {
    fn n(&self) -> usize {
        self.self_w.len()
    }

    #[inline]
    fn range(&self, v: usize) -> (usize, usize) {
        (self.offsets.get(v).copied().unwrap_or(0), self.offsets.get(v + 1).copied().unwrap_or(0))
    }

    #[inline]
    fn weight(&self, j: usize) -> f64 {
        self.weights.as_ref().map_or(1.0, |w| w.get(j).copied().unwrap_or(0.0))
    }

    /// Weighted degrees (a self-loop counts with its weight).
    fn strengths(&self) -> Vec<f64> {
        (0..self.n())
            .into_par_iter()
            .with_min_len(4096)
            .map(|v| {
                let (lo, hi) = self.range(v);
                let links: f64 = match &self.weights {
                    None => (hi - lo) as f64,
                    Some(w) => w.get(lo..hi).map_or(0.0, |s| s.iter().sum()),
                };
                links + self.self_w.get(v).copied().unwrap_or(0.0)
            })
            .collect()
    }
}

#[inline]
fn at<T: Copy + Default>(v: &[T], i: usize) -> T {
    v.get(i).copied().unwrap_or_default()
}

#[inline]
fn add(v: &mut [f64], i: usize, x: f64) {
    if let Some(y) = v.get_mut(i) {
        *y += x;
    }
}

/// One level's local moving: each node's community (not renumbered) and whether any node moved.
fn local_moving(level: &Level, m2: f64, seed: u64, initial: Option<Vec<u32>>) -> (Vec<u32>, bool) {
    let n = level.n();
    let k = level.strengths();
    let mut comm: Vec<u32> = initial
        .filter(|c| c.len() == n && c.iter().all(|&x| (x as usize) < n))
        .unwrap_or_else(|| (0..n as u32).collect());
    let mut tot = vec![0.0f64; n];
    for (&c, &kv) in comm.iter().zip(&k) {
        add(&mut tot, c as usize, kv);
    }
    let mut neigh_w = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut queued = vec![true; n];
    let mut queue: VecDeque<u32> = permutation(n, seed).into();
    let mut moved_any = false;
    let mut budget = n.saturating_mul(64);
    while let Some(v) = queue.pop_front() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        let vi = v as usize;
        if let Some(q) = queued.get_mut(vi) {
            *q = false;
        }
        let cv = at(&comm, vi);
        let kv = at(&k, vi);
        let (lo, hi) = level.range(vi);
        for j in lo..hi {
            let u = at(&level.targets, j) as usize;
            let c = at(&comm, u) as usize;
            if at(&neigh_w, c) == 0.0 {
                touched.push(c as u32);
            }
            add(&mut neigh_w, c, level.weight(j));
        }
        add(&mut tot, cv as usize, -kv);
        let gain = |c: usize, tot: &[f64], nw: &[f64]| at(nw, c) - at(tot, c) * kv / m2;
        let mut best = cv;
        let mut best_gain = gain(cv as usize, &tot, &neigh_w);
        for &c in &touched {
            let g = gain(c as usize, &tot, &neigh_w);
            if g > best_gain + 1e-12 * (1.0 + best_gain.abs()) {
                best = c;
                best_gain = g;
            }
        }
        add(&mut tot, best as usize, kv);
        for &c in &touched {
            if let Some(x) = neigh_w.get_mut(c as usize) {
                *x = 0.0;
            }
        }
        touched.clear();
        if best != cv {
            if let Some(x) = comm.get_mut(vi) {
                *x = best;
            }
            moved_any = true;
            for j in lo..hi {
                let u = at(&level.targets, j) as usize;
                if at(&comm, u) != best {
                    if let Some(q) = queued.get_mut(u) {
                        if !*q {
                            *q = true;
                            queue.push_back(u as u32);
                        }
                    }
                }
            }
        }
    }
    (comm, moved_any)
}

/// Communities renumbered 0..C in order of first appearance; C.
fn renumber(comm: &mut [u32]) -> usize {
    let mut map = vec![u32::MAX; comm.len()];
    let mut next = 0u32;
    for c in comm.iter_mut() {
        if let Some(m) = map.get_mut(*c as usize) {
            if *m == u32::MAX {
                *m = next;
                next += 1;
            }
            *c = *m;
        }
    }
    next as usize
}

/// The graph of communities: one node per community, links summed, internal weight as a self-loop.
fn aggregate(level: &Level, comm: &[u32], count: usize) -> Level<'static> {
    // Members of each community (counting sort).
    let mut start = vec![0usize; count + 1];
    for &c in comm {
        if let Some(x) = start.get_mut(c as usize + 1) {
            *x += 1;
        }
    }
    for i in 1..start.len() {
        let prev = at(&start, i - 1);
        if let Some(x) = start.get_mut(i) {
            *x += prev;
        }
    }
    let mut fill = start.clone();
    let mut members = vec![0u32; comm.len()];
    for (v, &c) in comm.iter().enumerate() {
        if let Some(p) = fill.get_mut(c as usize) {
            if let Some(x) = members.get_mut(*p) {
                *x = v as u32;
            }
            *p += 1;
        }
    }
    let mut offsets = Vec::with_capacity(count + 1);
    let mut targets: Vec<NodeId> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut self_w = vec![0.0f64; count];
    let mut acc = vec![0.0f64; count];
    let mut touched: Vec<u32> = Vec::new();
    for c in 0..count {
        offsets.push(targets.len());
        let (a, b) = (at(&start, c), at(&start, c + 1));
        let mut internal = 0.0;
        for &v in members.get(a..b).unwrap_or(&[]) {
            internal += at(&level.self_w, v as usize);
            let (lo, hi) = level.range(v as usize);
            for j in lo..hi {
                let cu = at(comm, at(&level.targets, j) as usize) as usize;
                let w = level.weight(j);
                if cu == c {
                    internal += w;
                } else {
                    if at(&acc, cu) == 0.0 {
                        touched.push(cu as u32);
                    }
                    add(&mut acc, cu, w);
                }
            }
        }
        if let Some(x) = self_w.get_mut(c) {
            *x = internal;
        }
        touched.sort_unstable();
        for &t in &touched {
            targets.push(t);
            weights.push(at(&acc, t as usize));
            if let Some(x) = acc.get_mut(t as usize) {
                *x = 0.0;
            }
        }
        touched.clear();
    }
    offsets.push(targets.len());
    Level { offsets: Cow::Owned(offsets), targets: Cow::Owned(targets), weights: Some(weights), self_w }
}

impl Graph {
    /// Communities by Louvain (see the module's documentation), reproducible by `seed`. When the
    /// levels are done, the whole run is repeated from the partition found (its nodes free to move
    /// again on the original graph), as long as modularity rises (at most [`ROUNDS`] runs).
    pub fn louvain(&self, seed: u64) -> Communities {
        let n = self.node_count();
        let mut state = seed;
        let mut best: Vec<u32> = (0..n as u32).collect();
        let mut best_q = self.modularity(&best);
        let mut levels = 0usize;
        for round in 0..ROUNDS {
            let start = if round == 0 { None } else { Some(best.clone()) };
            let (membership, moved) = self.louvain_levels(start, &mut state);
            if moved == 0 {
                break;
            }
            let q = self.modularity(&membership);
            if q <= best_q + 1e-9 {
                break;
            }
            levels += moved;
            best = membership;
            best_q = q;
        }
        let (membership, sizes) = by_size(&best);
        let modularity = self.modularity(&membership);
        Communities { membership, sizes, modularity, levels }
    }

    /// One multi-level run, from `start` (a partition of the nodes) or from every node alone: the
    /// partition and how many levels moved nodes.
    fn louvain_levels(&self, start: Option<Vec<u32>>, state: &mut u64) -> (Vec<u32>, usize) {
        let n = self.node_count();
        let mut membership: Vec<u32> = (0..n as u32).collect();
        let mut level = Level {
            offsets: Cow::Borrowed(&self.offsets),
            targets: Cow::Borrowed(&self.targets),
            weights: None,
            self_w: vec![0.0; n],
        };
        let m2 = self.targets.len() as f64;
        let mut levels = 0usize;
        if m2 == 0.0 {
            return (membership, 0);
        }
        let mut initial = start;
        loop {
            let (mut comm, moved) = local_moving(&level, m2, super::splitmix(state), initial.take());
            if !moved {
                break;
            }
            levels += 1;
            let count = renumber(&mut comm);
            membership.par_iter_mut().for_each(|c| *c = at(&comm, *c as usize));
            if count == level.n() {
                break;
            }
            level = aggregate(&level, &comm, count);
        }
        (membership, levels)
    }

    /// Newman's modularity of a partition (`membership[v]`: node v's community), every distinct
    /// link of weight 1: Σ_c (L_c / m − (d_c / 2m)²), L_c the links inside c, d_c its degrees.
    pub fn modularity(&self, membership: &[u32]) -> f64 {
        let m2 = self.targets.len() as f64;
        if m2 == 0.0 {
            return 0.0;
        }
        let count = membership.iter().copied().max().map_or(0, |c| c as usize + 1);
        let inside: f64 = (0..self.node_count())
            .into_par_iter()
            .with_min_len(4096)
            .map(|v| {
                let c = membership.get(v);
                self.neighbours(v as NodeId).0.iter().filter(|&&u| membership.get(u as usize) == c).count() as f64
            })
            .sum();
        let mut tot = vec![0.0f64; count];
        for (v, &c) in membership.iter().enumerate().take(self.node_count()) {
            add(&mut tot, c as usize, f64::from(self.degree(v as NodeId)));
        }
        let spread: f64 = tot.iter().map(|t| (t / m2) * (t / m2)).sum();
        inside / m2 - spread
    }
}

/// Relabels communities largest first (ties: smaller label first); the sizes.
fn by_size(raw: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let count = raw.iter().copied().max().map_or(0, |c| c as usize + 1);
    let mut sizes = vec![0u32; count];
    for &c in raw {
        if let Some(x) = sizes.get_mut(c as usize) {
            *x += 1;
        }
    }
    let mut order: Vec<u32> = (0..count as u32).filter(|&c| at(&sizes, c as usize) > 0).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(at(&sizes, c as usize)));
    let mut rank = vec![0u32; count];
    for (r, &c) in order.iter().enumerate() {
        if let Some(x) = rank.get_mut(c as usize) {
            *x = r as u32;
        }
    }
    let membership = raw.iter().map(|&c| at(&rank, c as usize)).collect();
    let sizes = order.iter().map(|&c| at(&sizes, c as usize)).collect();
    (membership, sizes)
}
