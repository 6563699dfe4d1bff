//! `counternet-synth-money`: writes a synthetic transaction list for the money benchmark
//! (`counternet money bench`): tx.csv, truth.csv and sources.txt.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use counternet_synth::money::{generate_money, MoneyConfig};

/// Payments among ordinary accounts with power-law activity and a few hubs of 100,000 payments,
/// with planted typologies and trafficking patterns (fan-in, fan-out, cycles, scatter-gather,
/// gather-scatter, layered chains, structuring, wages swept out, late-night payments, funnel
/// accounts) and their ground truth. The same seed and size give the same files.
#[derive(Debug, Parser)]
#[command(name = "counternet-synth-money", version)]
struct Args {
    /// Number of payments (accounts: one per ten payments).
    #[arg(long, default_value_t = 100_000)]
    payments: u64,
    /// Seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Accounts written to sources.txt (to trace from).
    #[arg(long, default_value_t = 1000)]
    sources: usize,
    /// Where to write tx.csv, truth.csv and sources.txt (created if missing).
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
    let mut tx = create(&args.out_dir, "tx.csv")?;
    let mut truth = create(&args.out_dir, "truth.csv")?;
    let mut sources = create(&args.out_dir, "sources.txt")?;
    let config = MoneyConfig { payments: args.payments, seed: args.seed, sources: args.sources };
    let summary =
        generate_money(config, &mut tx, &mut truth, &mut sources).context("cannot write the synthetic transactions")?;
    for w in [&mut tx, &mut truth, &mut sources] {
        w.flush().context("cannot write the synthetic transactions")?;
    }
    eprintln!(
        "wrote {} payments over {} accounts ({} hubs, {} planted patterns with {} payments) to {} in {:.2} s",
        summary.payments,
        summary.accounts,
        summary.hubs,
        summary.planted_patterns,
        summary.planted_payments,
        args.out_dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
