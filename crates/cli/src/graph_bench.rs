//! `counternet graph bench`: loads a network from CSV into the in-memory projection
//! ([`counternet_intel::graph`]) and times its analyses. A benchmark, not a test: it prints one JSON
//! object and never fails on the figures. scripts/bench-graph runs it beside igraph and networkx.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::figures::{peak_rss_mib, percentile};
use counternet_intel::graph::{load_csv, top_k, Filter, Graph, NodeId};

#[derive(Subcommand)]
pub enum GraphCommand {
    /// Time loading and analysing a network given as CSV.
    ///
    /// Loads nodes (id,kind) and links (src,dst,kind; ids are strings), then times: load, connected
    /// components, the 3-hop neighbourhood of each source (capped, hubs not expanded; and uncapped),
    /// one shortest path for each pair (bidirectional BFS), PageRank (20 iterations), betweenness from
    /// sampled sources, and Louvain communities. Prints one JSON object: load_s, components,
    /// components_s, bfs3_median_ms, bfs3_p99_ms, sp_median_ms, sp_p99_ms, pagerank_s, betweenness_s,
    /// communities_s, peak_rss_mib, and more. Nothing is stored.
    Bench(GraphBenchArgs),
}

#[derive(Args)]
pub struct GraphBenchArgs {
    /// Nodes: a CSV with a header naming id and kind.
    #[arg(long)]
    nodes: PathBuf,
    /// Links: a CSV with a header naming src, dst and kind.
    #[arg(long)]
    edges: PathBuf,
    /// Node ids to take 3-hop neighbourhoods from, one a line.
    #[arg(long)]
    sources: PathBuf,
    /// Pairs of node ids to find a shortest path between, `a,b` a line.
    #[arg(long)]
    pairs: PathBuf,
    /// At most this many nodes returned by a neighbourhood.
    #[arg(long, default_value_t = 10_000)]
    cap: usize,
    /// Nodes with more links than this are hubs: reported, not expanded, by the capped neighbourhood.
    #[arg(long, default_value_t = 10_000)]
    hub_degree: u32,
    /// Sources sampled for betweenness.
    #[arg(long, default_value_t = 50)]
    betweenness_samples: usize,
    /// Seed of the betweenness sample and of Louvain's node order.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Node ids of a list file (one id, or `a,b`, a line); unknown ids are counted.
fn ids_of(graph: &Graph, text: &str) -> (Vec<Vec<NodeId>>, usize) {
    let mut unknown = 0usize;
    let rows = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .filter_map(|l| {
            let ids: Option<Vec<NodeId>> = l.split(',').map(|id| graph.node(id.trim())).collect();
            if ids.is_none() {
                unknown += 1;
            }
            ids
        })
        .collect();
    (rows, unknown)
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed().as_secs_f64())
}

pub fn run(command: &GraphCommand) -> Result<()> {
    match command {
        GraphCommand::Bench(args) => bench(args),
    }
}

fn bench(args: &GraphBenchArgs) -> Result<()> {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let started = Instant::now();
    let nodes = read(&args.nodes)?;
    let edges = read(&args.edges)?;
    let read_s = started.elapsed().as_secs_f64();
    let (graph, report) = load_csv(&nodes, &edges, true).context("cannot load the network")?;
    drop(nodes);
    drop(edges);
    let load_s = started.elapsed().as_secs_f64();
    for p in &report.problems {
        eprintln!("graph bench: {p}");
    }
    eprintln!(
        "graph bench: {} nodes, {} links ({} self-loops dropped, {} duplicate links folded) in {:.2} s",
        graph.node_count(),
        graph.link_count(),
        graph.self_loops(),
        graph.duplicate_links(),
        load_s
    );

    let (components, components_s) = timed(|| graph.components());

    let sources_text =
        std::fs::read_to_string(&args.sources).with_context(|| format!("cannot read {}", args.sources.display()))?;
    let (sources, unknown_sources) = ids_of(&graph, &sources_text);
    let capped = Filter::with_hubs(args.hub_degree);
    let mut bfs_ms = Vec::with_capacity(sources.len());
    let mut bfs_nodes = 0usize;
    let mut bfs_truncated = 0usize;
    let mut bfs_hubs = 0usize;
    for s in sources.iter().filter_map(|r| r.first()) {
        let (nb, t) = timed(|| graph.neighbourhood(*s, 3, &capped, args.cap));
        bfs_ms.push(t * 1000.0);
        bfs_nodes += nb.nodes.len();
        bfs_truncated += usize::from(nb.truncated);
        bfs_hubs += usize::from(!nb.hubs.is_empty());
    }
    // The same neighbourhoods without cap or hubs: the work igraph's neighborhood(order=3) does.
    let mut full_ms = Vec::with_capacity(sources.len());
    let mut full_nodes = 0usize;
    for s in sources.iter().filter_map(|r| r.first()) {
        let (nb, t) = timed(|| graph.neighbourhood(*s, 3, &Filter::ALL, usize::MAX));
        full_ms.push(t * 1000.0);
        full_nodes += nb.nodes.len();
    }

    let pairs_text =
        std::fs::read_to_string(&args.pairs).with_context(|| format!("cannot read {}", args.pairs.display()))?;
    let (pairs, unknown_pairs) = ids_of(&graph, &pairs_text);
    let mut sp_ms = Vec::with_capacity(pairs.len());
    let mut sp_found = 0usize;
    let mut sp_length = 0u64;
    let mut all_ms = Vec::with_capacity(pairs.len());
    let mut all_paths = 0usize;
    for p in &pairs {
        let (Some(&a), Some(&b)) = (p.first(), p.get(1)) else { continue };
        let (one, t) = timed(|| graph.shortest_paths(a, b, &Filter::ALL, 1));
        sp_ms.push(t * 1000.0);
        if let Some(l) = one.length {
            sp_found += 1;
            sp_length += u64::from(l);
        }
        let (all, t) = timed(|| graph.shortest_paths(a, b, &Filter::ALL, 100));
        all_ms.push(t * 1000.0);
        all_paths += all.paths.len();
    }

    let (pagerank, pagerank_s) = timed(|| graph.pagerank(20, 0.85));
    let (betweenness, betweenness_s) = timed(|| graph.betweenness_sampled(args.betweenness_samples, args.seed));
    let (communities, communities_s) = timed(|| graph.louvain(args.seed));

    for v in [&mut bfs_ms, &mut full_ms, &mut sp_ms, &mut all_ms] {
        v.sort_by(f64::total_cmp);
    }
    let ids = |top: Vec<(NodeId, f64)>| -> Vec<serde_json::Value> {
        top.into_iter().map(|(v, s)| serde_json::json!([graph.id(v), (s * 1e6).round() / 1e6])).collect()
    };
    let degrees: Vec<f64> = graph.degrees().iter().map(|&d| f64::from(d)).collect();
    let mut out = serde_json::Map::new();
    let mut put = |key: &str, value: serde_json::Value| {
        out.insert(key.to_string(), value);
    };
    put("nodes", serde_json::json!(graph.node_count()));
    put("links", serde_json::json!(graph.link_count()));
    put("self_loops", serde_json::json!(graph.self_loops()));
    put("duplicate_links", serde_json::json!(graph.duplicate_links()));
    put("malformed_rows", serde_json::json!(report.malformed_rows));
    put("implicit_nodes", serde_json::json!(report.implicit_nodes));
    put("read_s", serde_json::json!(round(read_s)));
    put("load_s", serde_json::json!(round(load_s)));
    put("projection_mib", serde_json::json!((graph.memory_bytes() as f64 / 1048576.0).round()));
    put("components", serde_json::json!(components.sizes.len()));
    put("largest_component", serde_json::json!(components.sizes.first()));
    put("components_s", serde_json::json!(round(components_s)));
    put("bfs3_sources", serde_json::json!(bfs_ms.len()));
    put("unknown_sources", serde_json::json!(unknown_sources));
    put("bfs3_median_ms", serde_json::json!(round(percentile(&bfs_ms, 0.5))));
    put("bfs3_p99_ms", serde_json::json!(round(percentile(&bfs_ms, 0.99))));
    put("bfs3_max_ms", serde_json::json!(round(bfs_ms.last().copied().unwrap_or(0.0))));
    put("bfs3_cap", serde_json::json!(args.cap));
    put("bfs3_hub_degree", serde_json::json!(args.hub_degree));
    put("bfs3_mean_nodes", serde_json::json!(round(bfs_nodes as f64 / bfs_ms.len().max(1) as f64)));
    put("bfs3_truncated", serde_json::json!(bfs_truncated));
    put("bfs3_with_hubs", serde_json::json!(bfs_hubs));
    put("bfs3_full_median_ms", serde_json::json!(round(percentile(&full_ms, 0.5))));
    put("bfs3_full_p99_ms", serde_json::json!(round(percentile(&full_ms, 0.99))));
    put("bfs3_full_mean_nodes", serde_json::json!(round(full_nodes as f64 / full_ms.len().max(1) as f64)));
    put("sp_pairs", serde_json::json!(sp_ms.len()));
    put("unknown_pairs", serde_json::json!(unknown_pairs));
    put("sp_found", serde_json::json!(sp_found));
    put("sp_mean_length", serde_json::json!(round(sp_length as f64 / sp_found.max(1) as f64)));
    put("sp_median_ms", serde_json::json!(round(percentile(&sp_ms, 0.5))));
    put("sp_p99_ms", serde_json::json!(round(percentile(&sp_ms, 0.99))));
    put("sp_max_ms", serde_json::json!(round(sp_ms.last().copied().unwrap_or(0.0))));
    put("sp_all100_median_ms", serde_json::json!(round(percentile(&all_ms, 0.5))));
    put("sp_all100_p99_ms", serde_json::json!(round(percentile(&all_ms, 0.99))));
    put("sp_all100_mean_paths", serde_json::json!(round(all_paths as f64 / all_ms.len().max(1) as f64)));
    put("pagerank_s", serde_json::json!(round(pagerank_s)));
    put("pagerank_top", serde_json::json!(ids(top_k(&pagerank, 5))));
    put("betweenness_s", serde_json::json!(round(betweenness_s)));
    put("betweenness_samples", serde_json::json!(args.betweenness_samples.min(graph.node_count())));
    put("betweenness_top", serde_json::json!(ids(top_k(&betweenness, 5))));
    put("degree_top", serde_json::json!(ids(top_k(&degrees, 5))));
    put("communities_s", serde_json::json!(round(communities_s)));
    put("communities", serde_json::json!(communities.sizes.len()));
    put("largest_community", serde_json::json!(communities.sizes.first()));
    put("modularity", serde_json::json!((communities.modularity * 1e5).round() / 1e5));
    put("louvain_levels", serde_json::json!(communities.levels));
    put("threads", serde_json::json!(rayon::current_num_threads()));
    put("peak_rss_mib", serde_json::json!(peak_rss_mib().map(f64::round)));
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
