//! Clustering: connected components over the pairs at or above the threshold (union-find with path
//! halving and union by size). Guard against chaining: edges are taken strongest first, and an edge
//! that would make a component larger than `max_cluster` records is left out, so a chain of weak
//! links cannot glue hundreds of people into one; the strongest links inside a group always win.

/// Union-find over record indexes.
#[derive(Debug)]
pub struct Components {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl Components {
    pub fn new(n: usize) -> Components {
        Components { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            let gp = self.parent.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = gp;
            }
            x = gp;
        }
        x
    }

    /// Joins the components of `a` and `b` unless the result would exceed `max` records.
    /// Returns whether they are now one component.
    pub fn union(&mut self, a: u32, b: u32, max: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        let (sa, sb) = (self.size_of(ra), self.size_of(rb));
        if sa + sb > max {
            return false;
        }
        let (big, small) = if sa >= sb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(small as usize) {
            *slot = big;
        }
        if let Some(slot) = self.size.get_mut(big as usize) {
            *slot = sa + sb;
        }
        true
    }

    /// The number of records in the largest component.
    pub fn largest(&self) -> u32 {
        // A root's size is its component's; other entries keep sizes from before they joined,
        // never more than their root's.
        self.size.iter().copied().max().unwrap_or(0)
    }

    fn size_of(&self, root: u32) -> u32 {
        self.size.get(root as usize).copied().unwrap_or(1)
    }

    /// For each record, the index of the first record (in input order) of its component.
    pub fn labels(&mut self) -> Vec<u32> {
        let n = self.parent.len();
        let mut first: Vec<u32> = vec![u32::MAX; n];
        let mut out = Vec::with_capacity(n);
        for i in 0..n as u32 {
            let r = self.find(i) as usize;
            if let Some(f) = first.get_mut(r) {
                if *f == u32::MAX {
                    *f = i;
                }
                out.push(*f);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_size_guard_stops_a_chain() {
        let mut c = Components::new(5);
        assert!(c.union(0, 1, 3));
        assert!(c.union(1, 2, 3));
        assert!(!c.union(2, 3, 3));
        assert_eq!(c.labels(), vec![0, 0, 0, 3, 4]);
    }

    proptest! {
        #[test]
        fn labels_are_the_first_member_and_respect_every_union(edges in proptest::collection::vec((0u32..30, 0u32..30), 0..60)) {
            let mut c = Components::new(30);
            for &(a, b) in &edges {
                c.union(a, b, u32::MAX);
            }
            let labels = c.labels();
            for &(a, b) in &edges {
                prop_assert_eq!(labels[a as usize], labels[b as usize]);
            }
            for (i, &l) in labels.iter().enumerate() {
                prop_assert!(l as usize <= i);
                prop_assert_eq!(labels[l as usize], l);
            }
        }
    }
}
