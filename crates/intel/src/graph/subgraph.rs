//! The induced subgraph: the nodes a user may see and the links among them, as a projection of its
//! own, so that whole-graph analyses (components, PageRank, betweenness, communities) run on what a
//! scoped user may see and nothing else.

use super::intern::{hash_bytes, Interner};
use super::{Graph, NodeId};

/// A subgraph and where its nodes came from.
#[derive(Debug, Clone)]
pub struct Induced {
    pub graph: Graph,
    /// `original[v]`: node `v`'s id in the graph it was taken from.
    pub original: Vec<NodeId>,
}

impl Graph {
    /// The subgraph of the nodes `keep` marks (by node id; missing entries count as not kept) and
    /// every link between two of them, with the same kinds and masks. Nodes keep their order, so
    /// each adjacency list stays sorted.
    pub fn induced(&self, keep: &[bool]) -> Induced {
        let n = self.node_count();
        let mut new_id = vec![NodeId::MAX; n];
        let mut original = Vec::new();
        for (v, slot) in new_id.iter_mut().enumerate() {
            if keep.get(v).copied().unwrap_or(false) {
                *slot = original.len() as NodeId;
                original.push(v as NodeId);
            }
        }
        let mut ids = Interner::with_capacity(original.len(), original.len() * 16);
        let mut node_kind = Vec::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        let mut targets = Vec::new();
        let mut masks = Vec::new();
        offsets.push(0);
        for &v in &original {
            let bytes = self.ids.bytes(v).unwrap_or(&[]);
            ids.insert_hashed(bytes, hash_bytes(bytes));
            node_kind.push(self.kind(v).unwrap_or(0));
            let (ts, ms) = self.neighbours(v);
            for (&w, &m) in ts.iter().zip(ms) {
                if let Some(&x) = new_id.get(w as usize) {
                    if x != NodeId::MAX {
                        targets.push(x);
                        masks.push(m);
                    }
                }
            }
            offsets.push(targets.len());
        }
        let graph = Graph {
            ids,
            node_kind,
            node_kind_names: self.node_kind_names.clone(),
            link_kind_names: self.link_kind_names.clone(),
            offsets,
            targets,
            masks,
            self_loops: 0,
            duplicate_links: 0,
        };
        Induced { graph, original }
    }
}
