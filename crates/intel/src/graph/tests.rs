use std::collections::{BTreeSet, HashMap, VecDeque};

use proptest::prelude::*;

use super::traverse::distances;
use super::*;

/// A graph of nodes "0".."n-1" (kind "person") and the given undirected links (kind "associate").
fn graph(n: usize, links: &[(u32, u32)]) -> Graph {
    let mut b = GraphBuilder::new();
    for i in 0..n {
        b.add_node(&i.to_string(), "person").unwrap();
    }
    for &(s, d) in links {
        b.add_link(&s.to_string(), &d.to_string(), "associate", false).unwrap();
    }
    b.build()
}

fn node(g: &Graph, i: u32) -> NodeId {
    g.node(&i.to_string()).unwrap()
}

/// All simple paths of minimal length between a and b by brute force (BFS layers + DFS).
fn naive_shortest_paths(g: &Graph, a: NodeId, b: NodeId) -> BTreeSet<Vec<NodeId>> {
    let da = distances(g, a);
    let db = distances(g, b);
    let Some(&len) = da.get(b as usize) else { return BTreeSet::new() };
    if len == u32::MAX {
        return BTreeSet::new();
    }
    let mut out = BTreeSet::new();
    let mut stack = vec![vec![a]];
    while let Some(p) = stack.pop() {
        let x = *p.last().unwrap();
        if x == b {
            out.insert(p);
            continue;
        }
        for &y in g.neighbours(x).0 {
            if da[y as usize] == da[x as usize] + 1 && da[y as usize] + db[y as usize] == len {
                let mut q = p.clone();
                q.push(y);
                stack.push(q);
            }
        }
    }
    out
}

/// A gate over a set of hidden nodes, a set of nodes not to pass through and one barred link.
struct TestGate {
    hidden: Vec<NodeId>,
    closed: Vec<NodeId>,
    barred: Option<(NodeId, NodeId)>,
}

impl Gate for TestGate {
    fn node(&self, v: NodeId) -> bool {
        !self.hidden.contains(&v)
    }
    fn expand(&self, v: NodeId) -> bool {
        !self.closed.contains(&v)
    }
    fn link(&self, u: NodeId, v: NodeId, _mask: u32) -> bool {
        self.barred.is_none_or(|(a, b)| (u, v) != (a, b) && (u, v) != (b, a))
    }
}

#[test]
fn a_gate_hides_nodes_closes_nodes_and_bars_links() {
    // 0-1-2-3 and 0-4-5-3: two paths of length 3 from 0 to 3.
    let g = graph(6, &[(0, 1), (1, 2), (2, 3), (0, 4), (4, 5), (5, 3)]);
    let n = |i| node(&g, i);
    let open = g.shortest_paths_gated(n(0), n(3), &Filter::ALL, 10, &Open);
    assert_eq!(open.paths.len(), 2);
    // Hiding 1: only the path through 4 and 5 is left, and 1 is never reached.
    let hide = TestGate { hidden: vec![n(1)], closed: vec![], barred: None };
    let p = g.shortest_paths_gated(n(0), n(3), &Filter::ALL, 10, &hide);
    assert_eq!(p.paths, vec![vec![n(0), n(4), n(5), n(3)]]);
    let hood = g.neighbourhood_gated(n(0), 4, &Filter::ALL, 100, &hide);
    assert!(hood.nodes.iter().all(|r| r.node != n(1)));
    assert_eq!(hood.nodes.len(), 5);
    // Closing 4 and barring 2-3: no path at all; 4 is still reached, 5 only through 3.
    let shut = TestGate { hidden: vec![], closed: vec![n(4)], barred: Some((n(2), n(3))) };
    let p = g.shortest_paths_gated(n(0), n(3), &Filter::ALL, 10, &shut);
    assert_eq!(p.length, None);
    let hood = g.neighbourhood_gated(n(0), 4, &Filter::ALL, 100, &shut);
    let reached: BTreeSet<NodeId> = hood.nodes.iter().map(|r| r.node).collect();
    assert_eq!(reached, [n(0), n(1), n(2), n(4)].into_iter().collect());
    // The endpoints of a path may be closed: a path starts and ends there.
    let ends = TestGate { hidden: vec![], closed: vec![n(0), n(3)], barred: None };
    assert_eq!(g.shortest_paths_gated(n(0), n(3), &Filter::ALL, 10, &ends).paths.len(), 2);
}

#[test]
fn an_induced_subgraph_keeps_the_links_among_its_nodes() {
    let g = graph(5, &[(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)]);
    let keep: Vec<bool> = (0..5u32).map(|v| g.id(v) != Some("2")).collect();
    let sub = g.induced(&keep);
    assert_eq!(sub.graph.node_count(), 4);
    assert_eq!(sub.graph.link_count(), 3);
    assert_eq!(sub.original.len(), 4);
    let s = |i: u32| sub.graph.node(&i.to_string()).unwrap();
    assert_eq!(sub.graph.id(s(3)), Some("3"));
    assert_eq!(sub.graph.components().sizes, vec![4]);
    assert_eq!(sub.graph.shortest_paths(s(1), s(3), &Filter::ALL, 5).length, Some(3));
    for v in 0..sub.graph.node_count() as u32 {
        assert_eq!(g.id(sub.original[v as usize]), sub.graph.id(v));
    }
    assert_eq!(g.induced(&[]).graph.node_count(), 0);
}

fn union_find_components(n: usize, links: &[(u32, u32)]) -> Vec<usize> {
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let next = p[y];
            p[y] = r;
            y = next;
        }
        r
    }
    let mut p: Vec<usize> = (0..n).collect();
    for &(a, b) in links {
        let (ra, rb) = (find(&mut p, a as usize), find(&mut p, b as usize));
        if ra != rb {
            p[ra] = rb;
        }
    }
    (0..n).map(|x| find(&mut p, x)).collect()
}

/// Betweenness by brute force: for each ordered pair, the share of shortest paths through each node.
fn naive_betweenness(g: &Graph) -> Vec<f64> {
    let n = g.node_count();
    let mut bc = vec![0.0; n];
    for s in 0..n as u32 {
        for t in 0..n as u32 {
            if s == t {
                continue;
            }
            let paths = naive_shortest_paths(g, s, t);
            if paths.is_empty() {
                continue;
            }
            let total = paths.len() as f64;
            for p in &paths {
                for &v in &p[1..p.len() - 1] {
                    bc[v as usize] += 1.0 / total;
                }
            }
        }
    }
    bc.iter().map(|x| x / 2.0).collect()
}

#[test]
fn path_graph_known_answers() {
    // 0 - 1 - 2 - 3 - 4, and 5 alone.
    let g = graph(6, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
    assert_eq!(g.node_count(), 6);
    assert_eq!(g.link_count(), 4);
    let c = g.components();
    assert_eq!(c.sizes, vec![5, 1]);
    assert_eq!(c.membership[node(&g, 5) as usize], 1);
    let nb = g.neighbourhood(node(&g, 0), 2, &Filter::ALL, 100);
    let got: Vec<(NodeId, u8)> = nb.nodes.iter().map(|r| (r.node, r.depth)).collect();
    assert_eq!(got, vec![(0, 0), (1, 1), (2, 2)]);
    assert!(!nb.truncated);
    let p = g.shortest_paths(0, 4, &Filter::ALL, 10);
    assert_eq!(p.length, Some(4));
    assert_eq!(p.paths, vec![vec![0, 1, 2, 3, 4]]);
    let none = g.shortest_paths(0, 5, &Filter::ALL, 10);
    assert_eq!(none.length, None);
    assert!(none.paths.is_empty());
    // Betweenness of a path: node i lies on i*(4-i) pairs.
    let bc = g.betweenness_sampled(100, 1);
    for (i, want) in [0.0, 3.0, 4.0, 3.0, 0.0, 0.0].iter().enumerate() {
        assert!((bc[i] - want).abs() < 1e-9, "node {i}: {} vs {want}", bc[i]);
    }
}

#[test]
fn self_loops_and_duplicate_links_are_folded() {
    let mut b = GraphBuilder::new();
    b.add_node("a", "person").unwrap();
    b.add_node("b", "phone").unwrap();
    b.add_link("a", "a", "associate", false).unwrap();
    b.add_link("a", "b", "uses_phone", false).unwrap();
    b.add_link("a", "b", "uses_phone", false).unwrap();
    b.add_link("b", "a", "call", true).unwrap();
    b.add_link("a", "c", "payment", true).unwrap(); // c: an unknown id
    let g = b.build();
    assert_eq!(g.node_count(), 3);
    assert_eq!(g.self_loops(), 1);
    assert_eq!(g.duplicate_links(), 2);
    assert_eq!(g.link_count(), 2);
    let a = g.node("a").unwrap();
    let (t, m) = g.neighbours(a);
    assert_eq!(t, &[1, 2]);
    let uses = g.link_kind_mask(&["uses_phone"]);
    let call = g.link_kind_mask(&["call"]);
    assert_eq!(m[0] & KIND_BITS, uses | call);
    assert_ne!(m[0] & UNDIRECTED, 0);
    assert_ne!(m[0] & TO_HERE, 0, "the call goes from b to a");
    assert_eq!(m[0] & FROM_HERE, 0);
    assert_eq!(g.kinds_of(2), Some("unknown"));
    assert_eq!(g.degree(a), 2);
    // A self-loop is not a path of length 1; a duplicate link is not two paths.
    let p = g.shortest_paths(a, 1, &Filter::ALL, 10);
    assert_eq!(p.paths, vec![vec![0, 1]]);
}

impl Graph {
    fn kinds_of(&self, v: NodeId) -> Option<&str> {
        self.kind(v).and_then(|k| self.node_kinds().get(k as usize)).map(String::as_str)
    }
}

#[test]
fn filters_by_link_kind_node_kind_and_direction() {
    let mut b = GraphBuilder::new();
    for (id, kind) in [("p1", "person"), ("p2", "person"), ("ph", "phone"), ("acc", "bank_account"), ("p3", "person")] {
        b.add_node(id, kind).unwrap();
    }
    b.add_link("p1", "ph", "uses_phone", false).unwrap();
    b.add_link("p2", "ph", "uses_phone", false).unwrap();
    b.add_link("p1", "acc", "payment", true).unwrap();
    b.add_link("acc", "p3", "payment", true).unwrap();
    let g = b.build();
    let id = |s: &str| g.node(s).unwrap();
    let only_phone = Filter { link_kinds: g.link_kind_mask(&["uses_phone"]), ..Filter::ALL };
    let nb = g.neighbourhood(id("p1"), 4, &only_phone, 100);
    let got: BTreeSet<NodeId> = nb.nodes.iter().map(|r| r.node).collect();
    assert_eq!(got, [id("p1"), id("ph"), id("p2")].into_iter().collect());
    // No phones: p2 is out of reach.
    let no_phones = Filter { node_kinds: g.node_kind_mask(&["person", "bank_account"]), ..Filter::ALL };
    assert_eq!(g.shortest_paths(id("p1"), id("p2"), &no_phones, 10).length, None);
    assert_eq!(g.shortest_paths(id("p1"), id("p3"), &no_phones, 10).length, Some(2));
    // Following the money: p1 -> acc -> p3 outgoing, not from p3.
    let out = Filter { direction: Direction::Outgoing, link_kinds: g.link_kind_mask(&["payment"]), ..Filter::ALL };
    assert_eq!(g.shortest_paths(id("p1"), id("p3"), &out, 10).paths, vec![vec![id("p1"), id("acc"), id("p3")]]);
    assert_eq!(g.shortest_paths(id("p3"), id("p1"), &out, 10).length, None);
    let inc = Filter { direction: Direction::Incoming, ..out };
    assert_eq!(g.shortest_paths(id("p3"), id("p1"), &inc, 10).length, Some(2));
    let nb = g.neighbourhood(id("p3"), 3, &out, 100);
    assert_eq!(nb.nodes.len(), 1);
}

#[test]
fn all_shortest_paths_up_to_the_limit() {
    // Two routes of length 2 from 0 to 3 (via 1, via 2), a longer one via 4-5.
    let g = graph(6, &[(0, 1), (0, 2), (1, 3), (2, 3), (0, 4), (4, 5), (5, 3)]);
    let p = g.shortest_paths(0, 3, &Filter::ALL, 10);
    assert_eq!(p.length, Some(2));
    assert_eq!(p.paths, vec![vec![0, 1, 3], vec![0, 2, 3]]);
    assert!(!p.truncated);
    // One path: the search stops at the first meeting of its two sides.
    let one = g.shortest_paths(0, 3, &Filter::ALL, 1);
    assert_eq!(one.length, Some(2));
    assert_eq!(one.paths.len(), 1);
    assert!(p.paths.contains(&one.paths[0]));
    // Three routes, two asked for.
    let g = graph(5, &[(0, 1), (0, 2), (0, 4), (1, 3), (2, 3), (4, 3)]);
    let two = g.shortest_paths(0, 3, &Filter::ALL, 2);
    assert_eq!(two.paths.len(), 2);
    assert!(two.truncated);
}

#[test]
fn a_node_with_100k_links_is_capped_and_said_so() {
    let n = 100_002u32;
    let mut links: Vec<(u32, u32)> = (1..=100_000).map(|i| (0, i)).collect();
    links.push((100_000, 100_001));
    let g = graph(n as usize, &links);
    let hub = node(&g, 0);
    assert_eq!(g.degree(hub), 100_000);
    // From a leaf: the hub is reached, reported with its degree, not expanded.
    let filter = Filter::with_hubs(10_000);
    let nb = g.neighbourhood(node(&g, 5), 3, &filter, 1000);
    assert_eq!(nb.nodes.len(), 2);
    assert_eq!(nb.hubs, vec![Hub { node: hub, depth: 1, degree: 100_000 }]);
    assert!(!nb.truncated);
    // From the hub itself: it is expanded but the cap holds.
    let nb = g.neighbourhood(hub, 2, &filter, 1000);
    assert_eq!(nb.nodes.len(), 1000);
    assert!(nb.truncated);
    // Without a hub limit, all of it.
    let nb = g.neighbourhood(node(&g, 5), 3, &Filter::ALL, usize::MAX);
    assert_eq!(nb.nodes.len(), n as usize);
    // Paths: through the hub when allowed, not when it is a hub; a hub may be an endpoint.
    let (a, b) = (node(&g, 5), node(&g, 100_001));
    assert_eq!(g.shortest_paths(a, b, &Filter::ALL, 10).paths, vec![vec![a, hub, node(&g, 100_000), b]]);
    let avoided = g.shortest_paths(a, b, &filter, 10);
    assert_eq!(avoided.length, None);
    assert_eq!(avoided.hubs_avoided, vec![hub]);
    assert_eq!(g.shortest_paths(hub, b, &filter, 10).length, Some(2));
    let c = g.components();
    assert_eq!(c.sizes, vec![n]);
    let pr = g.pagerank(20, 0.85);
    assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert_eq!(top_k(&pr, 1)[0].0, hub);
    assert_eq!(top_k(&g.degrees(), 1)[0], (hub, 100_000));
    let bc = g.betweenness_sampled(50, 3);
    assert_eq!(top_k(&bc, 1)[0].0, hub);
    let comms = g.louvain(1);
    assert!((comms.modularity - g.modularity(&comms.membership)).abs() < 1e-12);
}

#[test]
fn pagerank_of_a_star_has_its_known_answer() {
    // Centre c and three leaves l: c = (1-d)/4 + d·3l, l = (1-d)/4 + d·c/3.
    let g = graph(4, &[(0, 1), (0, 2), (0, 3)]);
    let d = 0.85;
    let c = (0.15 / 4.0) * (1.0 + 3.0 * d) / (1.0 - d * d);
    let l = 0.15 / 4.0 + d * c / 3.0;
    let pr = g.pagerank(200, d);
    assert!((pr[0] - c).abs() < 1e-9, "{} vs {c}", pr[0]);
    assert!(pr[1..].iter().all(|&x| (x - l).abs() < 1e-9));
    assert!((c + 3.0 * l - 1.0).abs() < 1e-12);
}

#[test]
fn louvain_finds_two_cliques_joined_by_one_link() {
    let mut links = Vec::new();
    for block in [0u32, 5] {
        for i in 0..5 {
            for j in i + 1..5 {
                links.push((block + i, block + j));
            }
        }
    }
    links.push((0, 5));
    let g = graph(10, &links);
    let c = g.louvain(7);
    assert_eq!(c.sizes, vec![5, 5]);
    let m = &c.membership;
    assert!((1..5).all(|i| m[i] == m[0]) && (6..10).all(|i| m[i] == m[5]) && m[0] != m[5]);
    // m = 21 links; each clique has 10 inside, degree sum 21: Q = 2 * (10/21 - (21/42)^2).
    let want = 2.0 * (10.0 / 21.0 - 0.25);
    assert!((c.modularity - want).abs() < 1e-12, "{}", c.modularity);
}

#[test]
fn empty_and_isolated_graphs() {
    let g = graph(0, &[]);
    assert!(g.components().sizes.is_empty());
    assert!(g.pagerank(20, 0.85).is_empty());
    assert_eq!(g.louvain(1).modularity, 0.0);
    let g = graph(3, &[]);
    assert_eq!(g.components().sizes, vec![1, 1, 1]);
    let pr = g.pagerank(20, 0.85);
    assert!(pr.iter().all(|&x| (x - 1.0 / 3.0).abs() < 1e-12));
    assert_eq!(g.neighbourhood(7, 2, &Filter::ALL, 10), Neighbourhood::default());
    assert_eq!(g.shortest_paths(0, 0, &Filter::ALL, 10).paths, vec![vec![0]]);
}

#[test]
fn csv_loads_with_quotes_unknown_ids_and_malformed_rows() {
    let nodes = "\u{feff}id,kind\r\np1,person\r\n\"ph,1\",phone\r\np1,person\r\n,person\r\nacc9,bank_account\r\n";
    let edges = "src,dst,kind\np1,\"ph,1\",uses_phone\np1,acc9,payment\nacc9,x7,payment\nbroken\np1,p1,associate\n\n";
    let (g, r) = load_csv(nodes.as_bytes(), edges.as_bytes(), true).unwrap();
    assert_eq!(g.node_count(), 4);
    assert_eq!(r.duplicate_node_rows, 1);
    assert_eq!(r.implicit_nodes, 1);
    assert_eq!(r.malformed_rows, 2);
    assert_eq!(r.problems.len(), 2);
    assert!(r.problems[0].starts_with("nodes line 5"), "{:?}", r.problems);
    assert!(r.problems[1].starts_with("links line 5"), "{:?}", r.problems);
    assert_eq!(g.self_loops(), 1);
    assert_eq!(g.link_count(), 3);
    let ph = g.node("ph,1").unwrap();
    assert_eq!(g.id(ph), Some("ph,1"));
    assert_eq!(g.kinds_of(g.node("x7").unwrap()), Some("unknown"));
    assert_eq!(g.shortest_paths(g.node("p1").unwrap(), g.node("x7").unwrap(), &Filter::ALL, 5).length, Some(2));
    assert!(load_csv(b"", edges.as_bytes(), false).is_err());
    assert!(load_csv(b"name,kind\n", edges.as_bytes(), false).is_err());
}

#[test]
fn csv_and_builder_agree_on_a_larger_file() {
    // Enough rows that the loader cuts the files into several pieces.
    let mut nodes = String::from("id,kind\n");
    let mut edges = String::from("src,dst,kind\n");
    let mut b = GraphBuilder::new();
    for i in 0..5000u32 {
        let kind = ["person", "phone", "address"][(i % 3) as usize];
        nodes.push_str(&format!("n{i},{kind}\n"));
        b.add_node(&format!("n{i}"), kind).unwrap();
    }
    let mut state = 9u64;
    for _ in 0..20_000 {
        let s = (splitmix(&mut state) % 5200) as u32;
        let d = (splitmix(&mut state) % 5000) as u32;
        let kind = ["call", "family"][(splitmix(&mut state) % 2) as usize];
        edges.push_str(&format!("n{s},n{d},{kind}\n"));
        b.add_link(&format!("n{s}"), &format!("n{d}"), kind, false).unwrap();
    }
    let (g, _) = load_csv(nodes.as_bytes(), edges.as_bytes(), false).unwrap();
    let h = b.build();
    assert_eq!(g.node_count(), h.node_count());
    assert_eq!(g.link_count(), h.link_count());
    for v in 0..h.node_count() as u32 {
        let id = h.id(v).unwrap();
        let gv = g.node(id).unwrap();
        let mut a: Vec<(String, u32)> = {
            let (t, m) = g.neighbours(gv);
            t.iter().zip(m).map(|(&x, &m)| (g.id(x).unwrap().to_string(), m)).collect()
        };
        let mut b: Vec<(String, u32)> = {
            let (t, m) = h.neighbours(v);
            t.iter().zip(m).map(|(&x, &m)| (h.id(x).unwrap().to_string(), m)).collect()
        };
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}

fn arb_graph() -> impl Strategy<Value = (usize, Vec<(u32, u32)>)> {
    (1usize..40).prop_flat_map(|n| (Just(n), prop::collection::vec((0..n as u32, 0..n as u32), 0..n * 3)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn bfs_distances_match_a_naive_search((n, links) in arb_graph(), k in 0u8..5) {
        let g = graph(n, &links);
        // Naive: adjacency sets from the raw links, plain BFS.
        let mut adj: HashMap<u32, BTreeSet<u32>> = HashMap::new();
        for &(a, b) in &links {
            if a != b {
                adj.entry(a).or_default().insert(b);
                adj.entry(b).or_default().insert(a);
            }
        }
        for s in 0..n as u32 {
            let mut dist: HashMap<u32, u8> = HashMap::from([(s, 0)]);
            let mut q = VecDeque::from([s]);
            while let Some(u) = q.pop_front() {
                let du = dist[&u];
                if du == k { continue; }
                for &w in adj.get(&u).into_iter().flatten() {
                    if let std::collections::hash_map::Entry::Vacant(e) = dist.entry(w) {
                        e.insert(du + 1);
                        q.push_back(w);
                    }
                }
            }
            let sv = node(&g, s);
            let nb = g.neighbourhood(sv, k, &Filter::ALL, usize::MAX);
            let got: HashMap<u32, u8> = nb.nodes.iter().map(|r| (g.id(r.node).unwrap().parse().unwrap(), r.depth)).collect();
            prop_assert_eq!(got, dist);
            // The filtered path (masks and kinds read) agrees on an undirected graph.
            let slow = Filter { direction: Direction::Outgoing, node_kinds: g.node_kind_mask(&["person"]), ..Filter::ALL };
            prop_assert_eq!(&g.neighbourhood(sv, k, &slow, usize::MAX), &nb);
        }
    }

    #[test]
    fn shortest_paths_match_brute_force((n, links) in arb_graph()) {
        let g = graph(n, &links);
        for a in 0..n.min(8) as u32 {
            for b in 0..n as u32 {
                let p = g.shortest_paths(a, b, &Filter::ALL, 1000);
                let want = naive_shortest_paths(&g, a, b);
                let d = distances(&g, a)[b as usize];
                prop_assert_eq!(p.length, (d != u32::MAX).then_some(d));
                let got: BTreeSet<Vec<NodeId>> = p.paths.iter().cloned().collect();
                prop_assert_eq!(got.len(), p.paths.len(), "no path twice");
                prop_assert_eq!(got, want);
                let slow = Filter { direction: Direction::Incoming, node_kinds: g.node_kind_mask(&["person"]), ..Filter::ALL };
                prop_assert_eq!(&g.shortest_paths(a, b, &slow, 1000).paths, &p.paths);
                let capped = g.shortest_paths(a, b, &Filter::ALL, 2);
                prop_assert!(capped.paths.len() <= 2);
                prop_assert_eq!(capped.truncated, p.paths.len() > 2);
                let one = g.shortest_paths(a, b, &Filter::ALL, 1);
                prop_assert_eq!(one.length, p.length);
                prop_assert!(one.paths.iter().all(|q| p.paths.contains(q)));
                prop_assert_eq!(one.paths.len(), p.paths.len().min(1));
            }
        }
    }

    #[test]
    fn components_agree_with_union_find((n, links) in arb_graph()) {
        let g = graph(n, &links);
        let c = g.components();
        let uf = union_find_components(n, &links);
        for a in 0..n {
            for b in 0..n {
                let (ga, gb) = (node(&g, a as u32) as usize, node(&g, b as u32) as usize);
                prop_assert_eq!(c.membership[ga] == c.membership[gb], uf[a] == uf[b]);
            }
        }
        prop_assert_eq!(c.sizes.iter().sum::<u32>() as usize, n);
        prop_assert!(c.sizes.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn pagerank_sums_to_one_and_betweenness_is_exact_with_all_sources((n, links) in arb_graph()) {
        let g = graph(n, &links);
        let pr = g.pagerank(30, 0.85);
        prop_assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        prop_assert!(pr.iter().all(|&x| x > 0.0));
        if n <= 14 {
            let bc = g.betweenness_sampled(n, 1);
            let want = naive_betweenness(&g);
            for v in 0..n {
                prop_assert!((bc[v] - want[v]).abs() < 1e-6, "node {}: {} vs {}", v, bc[v], want[v]);
            }
        }
    }

    #[test]
    fn louvain_modularity_agrees_with_an_independent_computation((n, links) in arb_graph(), seed in 0u64..1000) {
        let g = graph(n, &links);
        let c = g.louvain(seed);
        // Independent: from the raw links, deduplicated, without self-loops.
        let pairs: BTreeSet<(u32, u32)> = links.iter().filter(|(a, b)| a != b).map(|&(a, b)| (a.min(b), a.max(b))).collect();
        let m = pairs.len() as f64;
        let comm = |i: u32| c.membership[node(&g, i) as usize];
        let mut deg: HashMap<u32, f64> = HashMap::new();
        let mut inside = 0.0;
        for &(a, b) in &pairs {
            *deg.entry(comm(a)).or_default() += 1.0;
            *deg.entry(comm(b)).or_default() += 1.0;
            if comm(a) == comm(b) { inside += 1.0; }
        }
        let q = if m == 0.0 { 0.0 } else { inside / m - deg.values().map(|d| (d / (2.0 * m)).powi(2)).sum::<f64>() };
        prop_assert!((c.modularity - q).abs() < 1e-9, "{} vs {}", c.modularity, q);
        // Never worse than every node alone.
        let alone: Vec<u32> = (0..n as u32).collect();
        prop_assert!(c.modularity >= g.modularity(&alone) - 1e-12);
        prop_assert_eq!(c.sizes.iter().sum::<u32>() as usize, n);
    }
}
