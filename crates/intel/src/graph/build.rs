//! Building the projection: string ids to dense ids, links to the CSR adjacency.

use rayon::prelude::*;

use super::intern::{hash_bytes, Interner};
use super::{Graph, GraphError, NodeId, FROM_HERE, MAX_LINK_KINDS, MAX_NODE_KINDS, TO_HERE, UNDIRECTED, UNKNOWN_KIND};

/// Bit 7 of a link's kind byte: the link is directed (source to target).
pub(crate) const DIRECTED: u8 = 0x80;

/// Links as parallel arrays: source, target, kind byte (kind index | [`DIRECTED`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct Links {
    pub(crate) src: Vec<NodeId>,
    pub(crate) dst: Vec<NodeId>,
    pub(crate) kind: Vec<u8>,
}

impl Links {
    pub(crate) fn push(&mut self, src: NodeId, dst: NodeId, kind: u8) {
        self.src.push(src);
        self.dst.push(dst);
        self.kind.push(kind);
    }
}

/// Adds nodes and links by their string ids, then [`GraphBuilder::build`]s the projection. (The
/// CSV loader, [`super::load_csv`], does the same work in parallel.)
#[derive(Debug, Default)]
pub struct GraphBuilder {
    ids: Interner,
    node_kind: Vec<u8>,
    node_kind_names: Vec<String>,
    link_kind_names: Vec<String>,
    links: Links,
}

/// The index of `name` in `names`, added if new; `None` beyond `max`.
pub(crate) fn kind_index(names: &mut Vec<String>, name: &str, max: usize) -> Option<u8> {
    if let Some(i) = names.iter().position(|n| n == name) {
        return u8::try_from(i).ok();
    }
    if names.len() >= max {
        return None;
    }
    names.push(name.to_string());
    u8::try_from(names.len() - 1).ok()
}

impl GraphBuilder {
    pub fn new() -> Self {
        GraphBuilder { ids: Interner::with_capacity(16, 256), ..GraphBuilder::default() }
    }

    /// Adds a node, or returns the existing one of that id (its kind unchanged).
    pub fn add_node(&mut self, id: &str, kind: &str) -> Result<NodeId, GraphError> {
        if let Some(n) = self.ids.get(id.as_bytes()) {
            return Ok(n);
        }
        let kind = kind_index(&mut self.node_kind_names, kind, MAX_NODE_KINDS).ok_or(GraphError::TooManyNodeKinds)?;
        let (n, _) =
            self.ids.insert_hashed(id.as_bytes(), hash_bytes(id.as_bytes())).ok_or(GraphError::TooManyNodes)?;
        self.node_kind.push(kind);
        Ok(n)
    }

    /// Adds a link; an id no node declared becomes a node of kind [`UNKNOWN_KIND`].
    pub fn add_link(&mut self, src: &str, dst: &str, kind: &str, directed: bool) -> Result<(), GraphError> {
        let k = kind_index(&mut self.link_kind_names, kind, MAX_LINK_KINDS).ok_or(GraphError::TooManyLinkKinds)?;
        let s = self.add_node(src, UNKNOWN_KIND)?;
        let d = self.add_node(dst, UNKNOWN_KIND)?;
        self.links.push(s, d, if directed { k | DIRECTED } else { k });
        Ok(())
    }

    pub fn build(self) -> Graph {
        assemble(self.ids, self.node_kind, self.node_kind_names, self.link_kind_names, &[self.links])
    }
}

pub(crate) fn assemble(
    ids: Interner,
    node_kind: Vec<u8>,
    node_kind_names: Vec<String>,
    link_kind_names: Vec<String>,
    chunks: &[Links],
) -> Graph {
    let n = node_kind.len();
    let csr = build_csr(n, chunks);
    Graph {
        ids,
        node_kind,
        node_kind_names,
        link_kind_names,
        offsets: csr.offsets,
        targets: csr.targets,
        masks: csr.masks,
        self_loops: csr.self_loops,
        duplicate_links: csr.duplicates,
    }
}

struct Csr {
    offsets: Vec<usize>,
    targets: Vec<NodeId>,
    masks: Vec<u32>,
    self_loops: u64,
    duplicates: u64,
}

/// Counting sort of both directions of every link into per-node segments, then each segment
/// sorted and its repeated neighbours merged (in parallel), then the segments closed up.
fn build_csr(n: usize, chunks: &[Links]) -> Csr {
    // 1. Degrees (both directions; self-loops left out).
    let mut degree = vec![0usize; n + 1];
    let mut self_loops = 0u64;
    for c in chunks {
        for (&s, &d) in c.src.iter().zip(&c.dst) {
            if s == d {
                self_loops += 1;
                continue;
            }
            if let Some(x) = degree.get_mut(s as usize) {
                *x += 1;
            }
            if let Some(x) = degree.get_mut(d as usize) {
                *x += 1;
            }
        }
    }
    // 2. Offsets: an exclusive prefix sum.
    let mut offsets = Vec::with_capacity(n + 1);
    let mut total = 0usize;
    for d in &degree {
        offsets.push(total);
        total += d;
    }
    offsets.truncate(n + 1);
    // 3. Scatter.
    let mut targets = vec![0 as NodeId; total];
    let mut masks = vec![0u32; total];
    let mut next: Vec<usize> = offsets.clone();
    for c in chunks {
        for ((&s, &d), &k) in c.src.iter().zip(&c.dst).zip(&c.kind) {
            if s == d {
                continue;
            }
            let bit = 1u32 << (k & 0x7f).min(28);
            let (ms, md) = if k & super::build::DIRECTED != 0 {
                (bit | FROM_HERE, bit | TO_HERE)
            } else {
                (bit | UNDIRECTED, bit | UNDIRECTED)
            };
            for (from, to, m) in [(s, d, ms), (d, s, md)] {
                if let Some(p) = next.get_mut(from as usize) {
                    if let (Some(t), Some(x)) = (targets.get_mut(*p), masks.get_mut(*p)) {
                        *t = to;
                        *x = m;
                    }
                    *p += 1;
                }
            }
        }
    }
    drop(next);
    // 4. Sort and merge each segment, in parallel over ranges of nodes of about equal size.
    let new_degree = sort_and_merge(&offsets, &mut targets, &mut masks);
    // 5. Close up.
    let mut closed = Vec::with_capacity(n + 1);
    let mut write = 0usize;
    for (v, &deg) in new_degree.iter().enumerate() {
        closed.push(write);
        let start = offsets.get(v).copied().unwrap_or(0);
        if start != write && deg > 0 {
            targets.copy_within(start..start + deg, write);
            masks.copy_within(start..start + deg, write);
        }
        write += deg;
    }
    closed.push(write);
    let duplicates = ((total - write) / 2) as u64;
    targets.truncate(write);
    targets.shrink_to_fit();
    masks.truncate(write);
    masks.shrink_to_fit();
    Csr { offsets: closed, targets, masks, self_loops, duplicates }
}

/// Sorts each node's segment by neighbour and merges repeats (OR of masks) to its front; returns
/// each node's new degree.
fn sort_and_merge(offsets: &[usize], targets: &mut [NodeId], masks: &mut [u32]) -> Vec<usize> {
    let n = offsets.len().saturating_sub(1);
    let total = targets.len();
    let parts = (rayon::current_num_threads() * 8).max(1);
    let per = total / parts + 1;
    // Node ranges of about `per` entries each, with their slices.
    let mut jobs = Vec::with_capacity(parts + 1);
    let mut rest_t = targets;
    let mut rest_m = masks;
    let mut v = 0usize;
    while v < n {
        let start = offsets.get(v).copied().unwrap_or(total);
        let mut w = v + 1;
        while w < n && offsets.get(w).copied().unwrap_or(total) - start < per {
            w += 1;
        }
        let end = offsets.get(w).copied().unwrap_or(total);
        let (t, rt) = rest_t.split_at_mut((end - start).min(rest_t.len()));
        let (m, rm) = rest_m.split_at_mut((end - start).min(rest_m.len()));
        rest_t = rt;
        rest_m = rm;
        jobs.push((v, w, t, m));
        v = w;
    }
    let degrees: Vec<Vec<usize>> = jobs
        .into_par_iter()
        .map(|(lo, hi, t, m)| {
            let base = offsets.get(lo).copied().unwrap_or(0);
            let mut out = Vec::with_capacity(hi - lo);
            let mut scratch: Vec<u64> = Vec::new();
            for v in lo..hi {
                let a = offsets.get(v).copied().unwrap_or(0) - base;
                let b = offsets.get(v + 1).copied().unwrap_or(0) - base;
                let (Some(ts), Some(ms)) = (t.get_mut(a..b), m.get_mut(a..b)) else {
                    out.push(0);
                    continue;
                };
                scratch.clear();
                scratch.extend(ts.iter().zip(ms.iter()).map(|(&t, &m)| u64::from(t) << 32 | u64::from(m)));
                scratch.sort_unstable();
                let mut len = 0usize;
                let mut last: Option<u32> = None;
                for &e in &scratch {
                    let (target, mask) = ((e >> 32) as u32, e as u32);
                    if last == Some(target) {
                        if let Some(x) = ms.get_mut(len - 1) {
                            *x |= mask;
                        }
                    } else {
                        if let (Some(x), Some(y)) = (ts.get_mut(len), ms.get_mut(len)) {
                            *x = target;
                            *y = mask;
                        }
                        len += 1;
                        last = Some(target);
                    }
                }
                out.push(len);
            }
            out
        })
        .collect();
    degrees.into_iter().flatten().collect()
}
