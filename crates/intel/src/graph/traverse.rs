//! Traversals: connected components, the k-hop neighbourhood, shortest paths.
//!
//! Per-query state lives in a thread's [`Workspace`]: arrays the size of the graph, reset in O(1)
//! by a generation stamp, so a query costs what it explores, not the size of the graph.

use std::cell::RefCell;

use super::{Filter, Graph, NodeId};

/// A graph's connected networks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Components {
    /// For each node, its component: 0 is the largest, then by decreasing size (ties: by smallest node).
    pub membership: Vec<u32>,
    /// Each component's number of nodes, largest first.
    pub sizes: Vec<u32>,
}

/// A node reached by [`Graph::neighbourhood`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    pub node: NodeId,
    /// Hops from the source (0: the source).
    pub depth: u8,
}

/// A hub a query reached but did not expand: its links are counted, not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hub {
    pub node: NodeId,
    pub depth: u8,
    /// Its distinct neighbours: what a caller would have got through it.
    pub degree: u32,
}

/// The answer of [`Graph::neighbourhood`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Neighbourhood {
    /// The nodes reached, in BFS order (the source first), at most `cap` of them.
    pub nodes: Vec<Reached>,
    /// The cap was reached: there are more nodes within `k` hops.
    pub truncated: bool,
    /// Hubs reached before depth `k` and not expanded (they are also in `nodes`).
    pub hubs: Vec<Hub>,
}

/// The answer of [`Graph::shortest_paths`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paths {
    /// Hops of a shortest path; `None`: no path under the filter.
    pub length: Option<u32>,
    /// Shortest paths, each from `a` to `b`, at most `limit` of them, in a deterministic order.
    pub paths: Vec<Vec<NodeId>>,
    /// More shortest paths exist than were returned. (With `limit` 1 the search stops at the first
    /// meeting of its two sides, so it may not know: then only what it saw counts.)
    pub truncated: bool,
    /// Hubs met and not passed through (when the filter names a hub degree).
    pub hubs_avoided: Vec<NodeId>,
    /// Nodes the search visited (its cost).
    pub visited: usize,
}

/// What a scoped query may see beyond its [`Filter`]: the nodes it may reach, the nodes it may pass
/// through and the links it may follow. The server's gate is a user's access scope and a date
/// range; [`Open`] lets everything through and costs nothing.
pub trait Gate {
    /// May `v` be reached (returned, and met by a path)? A query's own endpoints always may.
    #[inline]
    fn node(&self, _v: NodeId) -> bool {
        true
    }
    /// May a traversal pass through `v` (expand it)? A node that may not is returned but, like a
    /// hub, not expanded; a query's own endpoints always may.
    #[inline]
    fn expand(&self, _v: NodeId) -> bool {
        true
    }
    /// May the link between `u` and `v` (with the adjacency mask `mask`) be followed?
    #[inline]
    fn link(&self, _u: NodeId, _v: NodeId, _mask: u32) -> bool {
        true
    }
}

/// The gate that lets everything through.
#[derive(Debug, Clone, Copy, Default)]
pub struct Open;

impl Gate for Open {}

/// Per-thread search state: marks stamped with a generation, distances, queues.
#[derive(Debug, Default)]
struct Workspace {
    generation: u32,
    mark: [Vec<u32>; 2],
    dist: [Vec<u32>; 2],
}

impl Workspace {
    /// A fresh generation for a graph of `n` nodes.
    fn begin(&mut self, n: usize) -> u32 {
        if self.mark[0].len() != n || self.generation == u32::MAX {
            self.mark = [vec![0; n], vec![0; n]];
            self.dist = [vec![0; n], vec![0; n]];
            self.generation = 0;
        }
        self.generation += 1;
        self.generation
    }
}

/// One side of a bidirectional search.
struct Side<'w> {
    mark: &'w mut [u32],
    dist: &'w mut [u32],
    frontier: Vec<NodeId>,
    /// Links out of the frontier: the cost of expanding it.
    cost: u64,
    depth: u32,
    end: NodeId,
}

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

#[inline]
fn marked(mark: &[u32], v: NodeId, generation: u32) -> bool {
    mark.get(v as usize) == Some(&generation)
}

#[inline]
fn set(mark: &mut [u32], dist: &mut [u32], v: NodeId, generation: u32, d: u32) {
    if let (Some(m), Some(x)) = (mark.get_mut(v as usize), dist.get_mut(v as usize)) {
        *m = generation;
        *x = d;
    }
}

impl Graph {
    /// The connected networks (undirected, every link), largest first.
    pub fn components(&self) -> Components {
        let n = self.node_count();
        let mut raw = vec![u32::MAX; n];
        let mut sizes: Vec<u32> = Vec::new();
        let mut queue: Vec<NodeId> = Vec::new();
        for s in 0..n as NodeId {
            if raw.get(s as usize) != Some(&u32::MAX) {
                continue;
            }
            let c = sizes.len() as u32;
            if let Some(x) = raw.get_mut(s as usize) {
                *x = c;
            }
            queue.clear();
            queue.push(s);
            let mut head = 0usize;
            while let Some(&u) = queue.get(head) {
                head += 1;
                for &w in self.neighbours(u).0 {
                    if let Some(x) = raw.get_mut(w as usize) {
                        if *x == u32::MAX {
                            *x = c;
                            queue.push(w);
                        }
                    }
                }
            }
            sizes.push(queue.len() as u32);
        }
        // Renumber by decreasing size (stable: ties keep the order of their smallest node).
        let mut order: Vec<u32> = (0..sizes.len() as u32).collect();
        order.sort_by_key(|&c| std::cmp::Reverse(sizes.get(c as usize).copied().unwrap_or(0)));
        let mut rank = vec![0u32; sizes.len()];
        for (r, &c) in order.iter().enumerate() {
            if let Some(x) = rank.get_mut(c as usize) {
                *x = r as u32;
            }
        }
        let membership = raw.iter().map(|&c| rank.get(c as usize).copied().unwrap_or(0)).collect();
        let sizes = order.iter().map(|&c| sizes.get(c as usize).copied().unwrap_or(0)).collect();
        Components { membership, sizes }
    }

    /// The nodes within `k` hops of `source` (BFS) under `filter`, at most `cap` of them (the source
    /// counts). Nodes of a kind the filter leaves out are neither returned nor passed through; a hub
    /// (more neighbours than `filter.hub_degree`) reached before depth `k` is returned and listed in
    /// `hubs` but not expanded. The source is always expanded. An unknown source gives nothing.
    pub fn neighbourhood(&self, source: NodeId, k: u8, filter: &Filter, cap: usize) -> Neighbourhood {
        self.neighbourhood_gated(source, k, filter, cap, &Open)
    }

    /// [`Graph::neighbourhood`] through a [`Gate`]: nodes the gate refuses are neither returned nor
    /// passed through, links it refuses are not followed, and nodes it will not expand are returned
    /// but not passed through.
    pub fn neighbourhood_gated(
        &self,
        source: NodeId,
        k: u8,
        filter: &Filter,
        cap: usize,
        gate: &impl Gate,
    ) -> Neighbourhood {
        let n = self.node_count();
        if source as usize >= n || cap == 0 {
            return Neighbourhood { truncated: cap == 0 && (source as usize) < n, ..Neighbourhood::default() };
        }
        WORKSPACE.with(|ws| {
            let mut ws = ws.borrow_mut();
            let generation = ws.begin(n);
            let Workspace { mark: [mark, _], dist: [dist, _], .. } = &mut *ws;
            let mut out = Neighbourhood::default();
            let (all_links, all_nodes) = (filter.all_links(), filter.all_nodes());
            set(mark, dist, source, generation, 0);
            out.nodes.push(Reached { node: source, depth: 0 });
            let mut head = 0usize;
            'bfs: while let Some(&Reached { node: u, depth }) = out.nodes.get(head) {
                head += 1;
                if depth >= k {
                    break;
                }
                let degree = self.degree(u);
                if u != source && degree > filter.hub_degree {
                    out.hubs.push(Hub { node: u, depth, degree });
                    continue;
                }
                if u != source && !gate.expand(u) {
                    continue;
                }
                let (targets, masks) = self.neighbours(u);
                for (j, &w) in targets.iter().enumerate() {
                    if marked(mark, w, generation) {
                        continue;
                    }
                    let m = masks.get(j).copied().unwrap_or(0);
                    if !all_links && !filter.link(m, false) {
                        continue;
                    }
                    if !all_nodes && !self.kind(w).is_some_and(|kind| filter.node_kind(kind)) {
                        continue;
                    }
                    if !gate.link(u, w, m) || !gate.node(w) {
                        continue;
                    }
                    if out.nodes.len() >= cap {
                        out.truncated = true;
                        break 'bfs;
                    }
                    set(mark, dist, w, generation, u32::from(depth) + 1);
                    out.nodes.push(Reached { node: w, depth: depth + 1 });
                }
            }
            out
        })
    }

    /// Shortest paths from `a` to `b` under `filter` (bidirectional BFS, expanding the side whose
    /// frontier has fewer links): the length and all paths of that length, at most `limit` of them.
    /// Hubs (more neighbours than `filter.hub_degree`) are not passed through; `a` and `b` may be
    /// hubs. With [`super::Direction::Outgoing`] a path follows directed links from `a` towards `b`.
    pub fn shortest_paths(&self, a: NodeId, b: NodeId, filter: &Filter, limit: usize) -> Paths {
        self.shortest_paths_gated(a, b, filter, limit, &Open)
    }

    /// [`Graph::shortest_paths`] through a [`Gate`]: paths reach only nodes the gate admits, pass
    /// only through nodes it lets expand and follow only links it admits (`a` and `b` always count).
    pub fn shortest_paths_gated(&self, a: NodeId, b: NodeId, filter: &Filter, limit: usize, gate: &impl Gate) -> Paths {
        let n = self.node_count();
        if a as usize >= n || b as usize >= n {
            return Paths::default();
        }
        if a == b {
            return Paths { length: Some(0), paths: vec![vec![a]], visited: 1, ..Paths::default() };
        }
        WORKSPACE.with(|ws| {
            let mut ws = ws.borrow_mut();
            let generation = ws.begin(n);
            let Workspace { mark: [m0, m1], dist: [d0, d1], .. } = &mut *ws;
            let mut out = Paths { visited: 2, ..Paths::default() };
            let (all_links, all_nodes) = (filter.all_links(), filter.all_nodes());
            let mut sa =
                Side { mark: m0, dist: d0, frontier: vec![a], cost: u64::from(self.degree(a)), depth: 0, end: a };
            let mut sb =
                Side { mark: m1, dist: d1, frontier: vec![b], cost: u64::from(self.degree(b)), depth: 0, end: b };
            set(sa.mark, sa.dist, a, generation, 0);
            set(sb.mark, sb.dist, b, generation, 0);
            let meeting: Vec<NodeId> = loop {
                if sa.frontier.is_empty() || sb.frontier.is_empty() {
                    out.hubs_avoided.sort_unstable();
                    out.hubs_avoided.dedup();
                    return out;
                }
                let reverse = sb.cost < sa.cost;
                let (this, other) = if reverse { (&mut sb, &sa) } else { (&mut sa, &sb) };
                let d = this.depth + 1;
                let mut next = Vec::new();
                let mut next_cost = 0u64;
                let mut met = Vec::new();
                'level: for &u in &this.frontier {
                    let degree = self.degree(u);
                    if u != this.end && degree > filter.hub_degree {
                        out.hubs_avoided.push(u);
                        continue;
                    }
                    if u != this.end && !gate.expand(u) {
                        continue;
                    }
                    let (targets, masks) = self.neighbours(u);
                    for (j, &w) in targets.iter().enumerate() {
                        if marked(this.mark, w, generation) {
                            continue;
                        }
                        let m = masks.get(j).copied().unwrap_or(0);
                        if !all_links && !filter.link(m, reverse) {
                            continue;
                        }
                        if !all_nodes && w != other.end && !self.kind(w).is_some_and(|kind| filter.node_kind(kind)) {
                            continue;
                        }
                        if !gate.link(u, w, m) || (w != other.end && !gate.node(w)) {
                            continue;
                        }
                        set(this.mark, this.dist, w, generation, d);
                        out.visited += 1;
                        let degree = self.degree(w);
                        let passable = w == other.end || (degree <= filter.hub_degree && gate.expand(w));
                        if marked(other.mark, w, generation) && passable {
                            met.push(w);
                            // Every meeting node of this level gives the same length: one is enough
                            // when one path is asked for.
                            if limit <= 1 {
                                break 'level;
                            }
                        }
                        next_cost += u64::from(degree);
                        next.push(w);
                    }
                }
                this.depth = d;
                this.frontier = next;
                this.cost = next_cost;
                if !met.is_empty() {
                    // Every meeting node lies at `d` on this side; keep those at the least total.
                    let other_dist: &[u32] = other.dist;
                    let total = |w: &NodeId| d.saturating_add(other_dist.get(*w as usize).copied().unwrap_or(u32::MAX));
                    let best = met.iter().map(total).min().unwrap_or(0);
                    met.retain(|w| total(w) == best);
                    met.sort_unstable();
                    out.length = Some(best);
                    break met;
                }
            };
            out.hubs_avoided.sort_unstable();
            out.hubs_avoided.dedup();
            // Enumerate: the a-side half to each meeting node times the b-side half from it.
            let mut more = false;
            'meet: for &m in &meeting {
                let (left, l_more) = self.half_paths(sa.mark, sa.dist, generation, m, a, filter, gate, false, limit);
                let (right, r_more) = self.half_paths(sb.mark, sb.dist, generation, m, b, filter, gate, true, limit);
                more |= l_more || r_more;
                for l in &left {
                    for r in &right {
                        if out.paths.len() >= limit {
                            more = true;
                            break 'meet;
                        }
                        // l runs m..a, r runs m..b.
                        let mut p: Vec<NodeId> = l.iter().rev().copied().collect();
                        p.extend(r.iter().skip(1));
                        out.paths.push(p);
                    }
                }
            }
            out.truncated = more;
            out
        })
    }

    /// Paths from `from` back to `root` down the BFS distances of one side (`from` first), at most
    /// `limit`; whether there were more.
    #[allow(clippy::too_many_arguments)]
    fn half_paths(
        &self,
        mark: &[u32],
        dist: &[u32],
        generation: u32,
        from: NodeId,
        root: NodeId,
        filter: &Filter,
        gate: &impl Gate,
        b_side: bool,
        limit: usize,
    ) -> (Vec<Vec<NodeId>>, bool) {
        let mut out = Vec::new();
        // Depth-first: the current path and, per level, the next neighbour index to try.
        let mut path = vec![from];
        let mut next_index = vec![0usize];
        while let (Some(&x), Some(&i)) = (path.last(), next_index.last()) {
            let dx = if marked(mark, x, generation) { dist.get(x as usize).copied().unwrap_or(0) } else { 0 };
            if x == root || dx == 0 {
                if x == root {
                    if out.len() >= limit {
                        return (out, true);
                    }
                    out.push(path.clone());
                }
                path.pop();
                next_index.pop();
                continue;
            }
            let (targets, masks) = self.neighbours(x);
            let mut found = None;
            let mut j = i;
            while let (Some(&y), Some(&m)) = (targets.get(j), masks.get(j)) {
                j += 1;
                // y precedes x on this side: one hop nearer its root, expanded (not a hub), and the
                // link y -> x followable from y's side (`reverse` from x's entry on the a side).
                if marked(mark, y, generation)
                    && dist.get(y as usize).copied() == Some(dx - 1)
                    && filter.link(m, !b_side)
                    && gate.link(y, x, m)
                    && (y == root || (self.degree(y) <= filter.hub_degree && gate.expand(y)))
                {
                    found = Some(y);
                    break;
                }
            }
            if let Some(last) = next_index.last_mut() {
                *last = j;
            }
            match found {
                Some(y) => {
                    path.push(y);
                    next_index.push(0);
                }
                None => {
                    path.pop();
                    next_index.pop();
                }
            }
        }
        (out, false)
    }
}

/// BFS distances from `source` under every link (`u32::MAX`: unreachable): the reference the
/// property tests compare with, and a helper for callers that want all distances.
pub fn distances(graph: &Graph, source: NodeId) -> Vec<u32> {
    let mut dist = vec![u32::MAX; graph.node_count()];
    if let Some(x) = dist.get_mut(source as usize) {
        *x = 0;
    } else {
        return dist;
    }
    let mut queue = vec![source];
    let mut head = 0;
    while let Some(&u) = queue.get(head) {
        head += 1;
        let du = dist.get(u as usize).copied().unwrap_or(0);
        for &w in graph.neighbours(u).0 {
            if let Some(x) = dist.get_mut(w as usize) {
                if *x == u32::MAX {
                    *x = du + 1;
                    queue.push(w);
                }
            }
        }
    }
    dist
}
