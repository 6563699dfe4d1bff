//! `counternet-synth`: writes a synthetic person file and its ground truth for the entity-resolution benchmark.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use counternet_synth::{generate, Config};

/// Synthetic person records (Thai, Lao, Burmese, Khmer and other names, romanised and corrupted) with the
/// ground truth of which records are the same person.
#[derive(Debug, Parser)]
#[command(name = "counternet-synth", version)]
struct Args {
    /// Number of person records to write.
    #[arg(long, default_value_t = 10_000)]
    rows: u64,
    /// Seed: the same seed and row count give the same files.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Person file to write (the `counternet resolve` input contract).
    #[arg(long, default_value = "persons.csv")]
    out: PathBuf,
    /// Ground-truth file to write: id,entity_id.
    #[arg(long, default_value = "truth.csv")]
    truth: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let create = |path: &PathBuf| -> anyhow::Result<BufWriter<File>> {
        let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(BufWriter::with_capacity(1 << 20, file))
    };
    let mut persons = create(&args.out)?;
    let mut truth = create(&args.truth)?;
    let summary = generate(Config { rows: args.rows, seed: args.seed }, &mut persons, &mut truth)
        .context("cannot write the synthetic files")?;
    eprintln!(
        "wrote {} records of {} people to {} (truth: {}) in {:.2} s",
        summary.rows,
        summary.entities,
        args.out.display(),
        args.truth.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
