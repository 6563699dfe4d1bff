//! Key players: PageRank and sampled betweenness (both on the undirected view, every link), and
//! the top of any score.

use rayon::prelude::*;

use super::{permutation, Graph, NodeId};

/// The `k` nodes of highest score, highest first (ties: the smaller node first).
pub fn top_k<T: PartialOrd + Copy>(scores: &[T], k: usize) -> Vec<(NodeId, T)> {
    let mut all: Vec<(NodeId, T)> = scores.iter().enumerate().map(|(i, &s)| (i as NodeId, s)).collect();
    let cmp = |x: &(NodeId, T), y: &(NodeId, T)| {
        y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal).then(x.0.cmp(&y.0))
    };
    if k < all.len() {
        all.select_nth_unstable_by(k, cmp);
        all.truncate(k);
    }
    all.sort_by(cmp);
    all
}

impl Graph {
    /// PageRank by power iteration, `iterations` rounds (pull, in parallel over nodes): each node
    /// shares its rank equally among its distinct neighbours; an isolated node's rank is spread over
    /// all nodes; the scores sum to 1.
    pub fn pagerank(&self, iterations: usize, damping: f64) -> Vec<f64> {
        let n = self.node_count();
        if n == 0 {
            return Vec::new();
        }
        let nf = n as f64;
        let degrees = self.degrees();
        let mut rank = vec![1.0 / nf; n];
        let mut share = vec![0.0f64; n];
        for _ in 0..iterations {
            let dangling: f64 = rank
                .par_iter()
                .zip(degrees.par_iter())
                .with_min_len(4096)
                .map(|(&r, &d)| if d == 0 { r } else { 0.0 })
                .sum();
            share.par_iter_mut().zip(rank.par_iter().zip(degrees.par_iter())).with_min_len(4096).for_each(
                |(s, (&r, &d))| {
                    *s = if d == 0 { 0.0 } else { r / f64::from(d) };
                },
            );
            let base = (1.0 - damping) / nf + damping * dangling / nf;
            rank.par_iter_mut().enumerate().with_min_len(1024).for_each(|(v, r)| {
                let sum: f64 =
                    self.neighbours(v as NodeId).0.iter().map(|&u| share.get(u as usize).copied().unwrap_or(0.0)).sum();
                *r = base + damping * sum;
            });
        }
        // Rounding drifts the total a little; put it back to 1.
        let total: f64 = rank.par_iter().sum();
        if total > 0.0 {
            rank.par_iter_mut().for_each(|r| *r /= total);
        }
        rank
    }

    /// Betweenness centrality estimated from `samples` source nodes drawn by `seed` (all nodes when
    /// `samples >= n`, which is exact): Brandes' dependency accumulation from each source, the
    /// sources shared among threads. The sum is scaled by `n / samples` and halved (each unordered
    /// pair of an undirected graph is reached from both ends), so with every node as a source it is
    /// the standard undirected betweenness.
    pub fn betweenness_sampled(&self, samples: usize, seed: u64) -> Vec<f64> {
        let n = self.node_count();
        if n == 0 {
            return Vec::new();
        }
        let sources: Vec<NodeId> = if samples >= n {
            (0..n as NodeId).collect()
        } else {
            let mut p = permutation(n, seed);
            p.truncate(samples);
            p
        };
        let groups = (rayon::current_num_threads() * 2).max(1).min(sources.len().max(1));
        let per = sources.len().div_ceil(groups).max(1);
        let partial: Vec<Vec<f64>> = sources
            .par_chunks(per)
            .map(|chunk| {
                let mut acc = vec![0.0f64; n];
                let mut state = Brandes::new(n);
                for &s in chunk {
                    state.run(self, s, &mut acc);
                }
                acc
            })
            .collect();
        let scale = n as f64 / sources.len() as f64 / 2.0;
        let mut total = vec![0.0f64; n];
        for p in partial {
            total.par_iter_mut().zip(p.par_iter()).with_min_len(4096).for_each(|(t, x)| *t += x);
        }
        total.par_iter_mut().for_each(|t| *t *= scale);
        total
    }
}

/// One thread's Brandes state, reset only where a run went.
struct Brandes {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<NodeId>,
}

impl Brandes {
    fn new(n: usize) -> Self {
        Brandes { dist: vec![u32::MAX; n], sigma: vec![0.0; n], delta: vec![0.0; n], order: Vec::with_capacity(n) }
    }

    fn run(&mut self, g: &Graph, s: NodeId, acc: &mut [f64]) {
        let Brandes { dist, sigma, delta, order } = self;
        order.clear();
        if let (Some(d), Some(x)) = (dist.get_mut(s as usize), sigma.get_mut(s as usize)) {
            *d = 0;
            *x = 1.0;
        } else {
            return;
        }
        order.push(s);
        let mut head = 0usize;
        while let Some(&u) = order.get(head) {
            head += 1;
            let du = dist.get(u as usize).copied().unwrap_or(0);
            let su = sigma.get(u as usize).copied().unwrap_or(0.0);
            for &w in g.neighbours(u).0 {
                let Some(dw) = dist.get_mut(w as usize) else { continue };
                if *dw == u32::MAX {
                    *dw = du + 1;
                    order.push(w);
                }
                if *dw == du + 1 {
                    if let Some(x) = sigma.get_mut(w as usize) {
                        *x += su;
                    }
                }
            }
        }
        // Dependencies, farthest first: each node passes its share to its predecessors.
        for &w in order.iter().rev() {
            let dw = dist.get(w as usize).copied().unwrap_or(0);
            let sw = sigma.get(w as usize).copied().unwrap_or(1.0);
            let coeff = (1.0 + delta.get(w as usize).copied().unwrap_or(0.0)) / sw;
            if dw > 0 {
                for &v in g.neighbours(w).0 {
                    if dist.get(v as usize).copied() == Some(dw - 1) {
                        let sv = sigma.get(v as usize).copied().unwrap_or(0.0);
                        if let Some(x) = delta.get_mut(v as usize) {
                            *x += sv * coeff;
                        }
                    }
                }
            }
            if w != s {
                if let (Some(a), Some(x)) = (acc.get_mut(w as usize), delta.get(w as usize)) {
                    *a += x;
                }
            }
        }
        for &w in order.iter() {
            if let (Some(d), Some(x), Some(y)) =
                (dist.get_mut(w as usize), sigma.get_mut(w as usize), delta.get_mut(w as usize))
            {
                *d = u32::MAX;
                *x = 0.0;
                *y = 0.0;
            }
        }
    }
}
