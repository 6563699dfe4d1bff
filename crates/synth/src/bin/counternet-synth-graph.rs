//! `counternet-synth-graph`: writes a synthetic trafficking-like network for the graph benchmark
//! (`counternet graph bench`): nodes.csv, edges.csv, sources.txt and pairs.txt.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use counternet_synth::graph::{generate_graph, GraphConfig};

/// A synthetic network of persons, phones, bank accounts, addresses, vehicles and organisations
/// with typed links, power-law degrees, communities and a few hubs. The same seed and size give the
/// same files.
#[derive(Debug, Parser)]
#[command(name = "counternet-synth-graph", version)]
struct Args {
    /// Number of nodes.
    #[arg(long, default_value_t = 10_000)]
    nodes: u64,
    /// Links per node (distinct pairs, no self-loops).
    #[arg(long, default_value_t = 5)]
    links_per_node: u64,
    /// Seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Node ids written to sources.txt.
    #[arg(long, default_value_t = 1000)]
    sources: usize,
    /// Pairs written to pairs.txt.
    #[arg(long, default_value_t = 1000)]
    pairs: usize,
    /// Where to write nodes.csv, edges.csv, sources.txt and pairs.txt (created if missing).
    #[arg(long, default_value = ".")]
    out_dir: PathBuf,
}

fn create(dir: &Path, name: &str) -> anyhow::Result<BufWriter<File>> {
    let path = dir.join(name);
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, file))
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    std::fs::create_dir_all(&args.out_dir).with_context(|| format!("cannot create {}", args.out_dir.display()))?;
    let mut nodes = create(&args.out_dir, "nodes.csv")?;
    let mut edges = create(&args.out_dir, "edges.csv")?;
    let mut sources = create(&args.out_dir, "sources.txt")?;
    let mut pairs = create(&args.out_dir, "pairs.txt")?;
    let config = GraphConfig {
        nodes: args.nodes,
        links_per_node: args.links_per_node,
        seed: args.seed,
        sources: args.sources,
        pairs: args.pairs,
    };
    let summary = generate_graph(config, &mut nodes, &mut edges, &mut sources, &mut pairs)
        .context("cannot write the synthetic network")?;
    for w in [&mut nodes, &mut edges, &mut sources, &mut pairs] {
        w.flush().context("cannot write the synthetic network")?;
    }
    eprintln!(
        "wrote {} nodes, {} links, {} communities, {} hubs (largest {} links) to {} in {:.2} s",
        summary.nodes,
        summary.links,
        summary.communities,
        summary.hubs,
        summary.max_hub_links,
        args.out_dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
