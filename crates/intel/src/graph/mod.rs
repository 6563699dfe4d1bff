//! The network projection (issue 6; docs/decisions/0012-graph-projection.md): every party is a node
//! with a dense `u32` id, every link an entry in a compressed adjacency (CSR) over those ids, held in
//! memory so that queries never touch the database. Pure: no store, no clock, no I/O; rayon for
//! parallelism.
//!
//! # The adjacency
//! The analysis view is undirected and simple: node `v`'s neighbours are
//! `targets[offsets[v]..offsets[v + 1]]`, sorted by id, each distinct neighbour once. Beside each
//! entry, a `u32` mask: bit `k` (0 to 28) says a link of kind `k` joins the two; [`UNDIRECTED`] that
//! one of them is undirected; [`FROM_HERE`] / [`TO_HERE`] that a directed one goes from `v` to the
//! neighbour / from the neighbour to `v`. Direction is therefore known per pair of nodes, not per kind.
//!
//! - **Duplicate links** (the same two nodes, any kinds, either direction) become one entry whose mask
//!   holds all their kinds: two parties linked by a payment and a call are neighbours once. Traversals,
//!   paths, PageRank and communities see one link of weight 1. [`Graph::duplicate_links`] counts the
//!   links folded in this way.
//! - **Self-loops** (a party linked to itself) say nothing about the network: they are dropped from the
//!   adjacency and counted ([`Graph::self_loops`]).
//!
//! # The queries
//! [`Graph::components`], [`Graph::neighbourhood`] (BFS to depth k with filters, a cap on what it
//! returns and hubs reported rather than expanded), [`Graph::shortest_paths`] (bidirectional BFS, all
//! paths of the shortest length up to a limit), [`Graph::pagerank`], [`Graph::betweenness_sampled`],
//! [`Graph::louvain`] and [`Graph::modularity`], [`Graph::degree`] and [`top_k`].

mod build;
mod csv;
mod intern;
mod louvain;
mod rank;
mod subgraph;
mod traverse;

#[cfg(test)]
mod tests;

pub use build::GraphBuilder;
pub use csv::{load_csv, LoadReport};
pub use louvain::Communities;
pub use rank::top_k;
pub use subgraph::Induced;
pub use traverse::{distances, Components, Gate, Hub, Neighbourhood, Open, Paths, Reached};

use intern::Interner;

/// A node's dense id: its index in the projection.
pub type NodeId = u32;

/// Link kinds are bits 0 to 28 of a mask.
pub const MAX_LINK_KINDS: usize = 29;
/// Node kinds are bits 0 to 31 of a mask.
pub const MAX_NODE_KINDS: usize = 32;
/// Mask bit: at least one undirected link joins the pair.
pub const UNDIRECTED: u32 = 1 << 29;
/// Mask bit: a directed link goes from this node to the neighbour.
pub const FROM_HERE: u32 = 1 << 30;
/// Mask bit: a directed link goes from the neighbour to this node.
pub const TO_HERE: u32 = 1 << 31;
/// The kind bits of a mask.
pub const KIND_BITS: u32 = UNDIRECTED - 1;

/// The node kind given to an id that a link names but no node row declares.
pub const UNKNOWN_KIND: &str = "unknown";

/// Errors building a projection.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GraphError {
    #[error("more than {MAX_LINK_KINDS} link kinds")]
    TooManyLinkKinds,
    #[error("more than {MAX_NODE_KINDS} node kinds")]
    TooManyNodeKinds,
    #[error("more than {} nodes", u32::MAX - 1)]
    TooManyNodes,
    #[error("{0}")]
    Csv(String),
}

/// Which way a traversal may follow directed links. Undirected links are always followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Every link, whatever its direction (the default).
    Any,
    /// Only links that are undirected or go from the node being expanded (from the source side).
    Outgoing,
    /// Only links that are undirected or come into the node being expanded.
    Incoming,
}

/// What a traversal may follow and where it stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// Bit `k`: links of kind `k` may be followed.
    pub link_kinds: u32,
    /// Bit `k`: nodes of kind `k` may be reached and passed through (a query's own endpoints always may).
    pub node_kinds: u32,
    pub direction: Direction,
    /// A node with more neighbours than this is a hub: it is reported when reached but not expanded
    /// (never passed through), so that one account with 100,000 links does not become every answer.
    /// `u32::MAX`: no node is a hub.
    pub hub_degree: u32,
}

impl Filter {
    /// Every link, every node, no hubs.
    pub const ALL: Filter =
        Filter { link_kinds: KIND_BITS, node_kinds: u32::MAX, direction: Direction::Any, hub_degree: u32::MAX };

    /// Every link and node; nodes with more than `hub_degree` neighbours are hubs.
    pub fn with_hubs(hub_degree: u32) -> Filter {
        Filter { hub_degree, ..Filter::ALL }
    }

    /// Every link may be followed, in any direction (the mask need not be read).
    #[inline]
    fn all_links(&self) -> bool {
        self.link_kinds & KIND_BITS == KIND_BITS && self.direction == Direction::Any
    }

    /// Every node kind may be reached.
    #[inline]
    fn all_nodes(&self) -> bool {
        self.node_kinds == u32::MAX
    }

    /// May a link with this mask be followed from the node holding the entry (`reverse`: towards it)?
    #[inline]
    fn link(&self, mask: u32, reverse: bool) -> bool {
        if mask & self.link_kinds & KIND_BITS == 0 {
            return false;
        }
        let (out, inc) = if reverse { (TO_HERE, FROM_HERE) } else { (FROM_HERE, TO_HERE) };
        match self.direction {
            Direction::Any => true,
            Direction::Outgoing => mask & (UNDIRECTED | out) != 0,
            Direction::Incoming => mask & (UNDIRECTED | inc) != 0,
        }
    }

    #[inline]
    fn node_kind(&self, kind: u8) -> bool {
        u32::from(kind) < 32 && self.node_kinds & (1u32 << kind) != 0
    }
}

impl Default for Filter {
    fn default() -> Self {
        Filter::ALL
    }
}

/// The projection: dense ids, their string ids and kinds, and the adjacency.
#[derive(Debug, Clone)]
pub struct Graph {
    ids: Interner,
    node_kind: Vec<u8>,
    node_kind_names: Vec<String>,
    link_kind_names: Vec<String>,
    /// `n + 1` entries.
    offsets: Vec<usize>,
    targets: Vec<NodeId>,
    masks: Vec<u32>,
    self_loops: u64,
    duplicate_links: u64,
}

impl Graph {
    pub fn node_count(&self) -> usize {
        self.node_kind.len()
    }

    /// Distinct linked pairs (each adjacency entry appears on both sides).
    pub fn link_count(&self) -> usize {
        self.targets.len() / 2
    }

    /// Self-loops dropped while building.
    pub fn self_loops(&self) -> u64 {
        self.self_loops
    }

    /// Links folded into an earlier link between the same two nodes while building.
    pub fn duplicate_links(&self) -> u64 {
        self.duplicate_links
    }

    /// The dense id of a string id.
    pub fn node(&self, id: &str) -> Option<NodeId> {
        self.ids.get(id.as_bytes())
    }

    /// The string id of a node.
    pub fn id(&self, node: NodeId) -> Option<&str> {
        self.ids.bytes(node).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// A node's kind (an index into [`Graph::node_kinds`]).
    pub fn kind(&self, node: NodeId) -> Option<u8> {
        self.node_kind.get(node as usize).copied()
    }

    pub fn node_kinds(&self) -> &[String] {
        &self.node_kind_names
    }

    pub fn link_kinds(&self) -> &[String] {
        &self.link_kind_names
    }

    /// The mask of the named link kinds (unknown names are ignored).
    pub fn link_kind_mask(&self, names: &[&str]) -> u32 {
        kind_mask(&self.link_kind_names, names)
    }

    /// The mask of the named node kinds (unknown names are ignored).
    pub fn node_kind_mask(&self, names: &[&str]) -> u32 {
        kind_mask(&self.node_kind_names, names)
    }

    /// Distinct neighbours (0 for an unknown node).
    #[inline]
    pub fn degree(&self, node: NodeId) -> u32 {
        let v = node as usize;
        match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(lo), Some(hi)) => (hi - lo) as u32,
            _ => 0,
        }
    }

    /// Every node's degree.
    pub fn degrees(&self) -> Vec<u32> {
        self.offsets
            .windows(2)
            .map(|w| w.get(1).copied().unwrap_or(0) as u32 - w.first().copied().unwrap_or(0) as u32)
            .collect()
    }

    /// A node's neighbours (sorted) and the mask of each link.
    #[inline]
    pub fn neighbours(&self, node: NodeId) -> (&[NodeId], &[u32]) {
        let v = node as usize;
        let (lo, hi) = match (self.offsets.get(v), self.offsets.get(v + 1)) {
            (Some(&lo), Some(&hi)) => (lo, hi),
            _ => (0, 0),
        };
        (self.targets.get(lo..hi).unwrap_or(&[]), self.masks.get(lo..hi).unwrap_or(&[]))
    }

    /// Approximate memory held by the projection, in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.ids.memory_bytes()
            + self.node_kind.capacity()
            + self.offsets.capacity() * std::mem::size_of::<usize>()
            + self.targets.capacity() * 4
            + self.masks.capacity() * 4
    }
}

fn kind_mask(known: &[String], names: &[&str]) -> u32 {
    names
        .iter()
        .filter_map(|n| known.iter().position(|k| k == n))
        .filter(|&i| i < 32)
        .fold(0u32, |m, i| m | (1u32 << i))
}

/// SplitMix64, for seeded choices (betweenness sources, Louvain's order).
#[inline]
pub(crate) fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A seeded random permutation of `0..n`.
pub(crate) fn permutation(n: usize, seed: u64) -> Vec<u32> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        let j = ((splitmix(&mut state) >> 32) * (i as u64 + 1)) >> 32;
        order.swap(i, j as usize);
    }
    order
}
