//! `counternet search-bench`: how fast the search box answers over a large person file, and how
//! often it finds the person. A benchmark, not a test: it prints figures and never fails on them.
//!
//! Some records are held out as queries (with a truth file: records of people who have another
//! record, so there is something to find); the rest go into the live index the server uses
//! ([`counternet_intel::search::PersonIndex`]). Each query is typed as a user would from what the
//! held-out record knows: its name; its name and date of birth; its phone; or its ID number (in
//! turn, the name when a field is missing). Prints one JSON object.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Args;

use counternet_intel::search::{parse_query, PersonIndex};
use counternet_intel::PersonRecord;

use crate::figures::{peak_rss_mib, percentile};
use crate::resolve::read_person_file;

#[derive(Args)]
pub struct SearchBenchArgs {
    /// The person records (the same CSV as `counternet resolve` reads).
    #[arg(long)]
    input: PathBuf,
    /// The ground truth, `id,entity_id` (as counternet-synth writes it): queries are then drawn
    /// from people with several records, and recall is measured.
    #[arg(long)]
    truth: Option<PathBuf>,
    /// How many queries.
    #[arg(long, default_value_t = 1000)]
    queries: usize,
    /// How many results a query returns (recall counts a hit among them).
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Seed of the choice of queries.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// What a user would type to look for the person of `r`, the `k`th query.
fn query_text(r: &PersonRecord, k: usize) -> String {
    let name = match (&r.given_name, &r.family_name, &r.full_name) {
        (_, _, Some(full)) if r.given_name.is_none() && r.family_name.is_none() => full.clone(),
        (g, f, _) => [g.as_deref(), f.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" "),
    };
    match k % 4 {
        1 => match &r.date_of_birth {
            Some(d) => format!("{name} {d}"),
            None => name,
        },
        2 => r.phone.clone().unwrap_or(name),
        3 => r.id_number.clone().unwrap_or(name),
        _ => name,
    }
}

fn read_truth(path: &PathBuf) -> Result<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = HashMap::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("{}: line {}", path.display(), i + 2))?;
        if let (Some(id), Some(entity)) = (row.get(0), row.get(1)) {
            out.insert(id.to_string(), entity.to_string());
        }
    }
    Ok(out)
}

pub fn run(args: &SearchBenchArgs, this_year: u16) -> Result<()> {
    let file = read_person_file(&args.input, false)?;
    let records: Vec<&PersonRecord> = file.records().collect();
    let n = records.len();
    if n < 2 {
        bail!("{}: at least two records are needed", args.input.display());
    }
    let truth = args.truth.as_ref().map(read_truth).transpose()?;
    let entity = |i: usize| -> Option<&String> { truth.as_ref()?.get(file.ids.get(i)?) };

    // The held-out queries: with a truth file, records whose person has another record.
    let mut size: HashMap<&String, usize> = HashMap::new();
    for i in 0..n {
        if let Some(e) = entity(i) {
            *size.entry(e).or_default() += 1;
        }
    }
    let eligible: Vec<usize> = (0..n)
        .filter(|&i| truth.is_none() || entity(i).is_some_and(|e| size.get(e).copied().unwrap_or(0) >= 2))
        .collect();
    let mut held: Vec<usize> = Vec::new();
    let mut taken = vec![false; n];
    let mut k = 0u64;
    while held.len() < args.queries.min(eligible.len()) && k < 100 * args.queries as u64 + 1000 {
        let pick = eligible.get((splitmix(args.seed ^ k) % eligible.len().max(1) as u64) as usize).copied();
        k += 1;
        let Some(i) = pick else { break };
        // Keep at least one record of the person in the index: something to find.
        let left = entity(i).and_then(|e| size.get_mut(e));
        if truth.is_some() && left.as_ref().is_none_or(|n| **n < 2) {
            continue;
        }
        if let Some(t) = taken.get_mut(i) {
            if !*t {
                *t = true;
                held.push(i);
                if let Some(n) = left {
                    *n -= 1;
                }
            }
        }
    }

    let model = counternet_intel::built_in_model(100_000).context("the built-in model does not read")?;
    let started = Instant::now();
    let mut index: PersonIndex<u32> = PersonIndex::new(model, this_year);
    for (i, r) in records.iter().enumerate() {
        if !taken.get(i).copied().unwrap_or(false) {
            index.upsert(i as u32, r);
        }
    }
    let build_s = started.elapsed().as_secs_f64();

    let mut times = Vec::with_capacity(held.len());
    let mut found = 0usize;
    let mut kinds = [0usize; 4];
    let mut found_by_kind = [0usize; 4];
    for (q, &i) in held.iter().enumerate() {
        let Some(r) = records.get(i) else { continue };
        let text = query_text(r, q);
        let t = Instant::now();
        let hits = index.search(&parse_query(&text), args.limit);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if let Some(kind) = kinds.get_mut(q % 4) {
            *kind += 1;
        }
        let want = entity(i);
        if want.is_some() && hits.iter().any(|h| entity(h.key as usize) == want) {
            found += 1;
            if let Some(f) = found_by_kind.get_mut(q % 4) {
                *f += 1;
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let mean = if times.is_empty() { 0.0 } else { times.iter().sum::<f64>() / times.len() as f64 };
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let out = serde_json::json!({
        "records_indexed": index.len(),
        "build_s": round(build_s),
        "queries": times.len(),
        "query_kinds": {"name": kinds.first(), "name_and_date_of_birth": kinds.get(1), "phone": kinds.get(2), "id_number": kinds.get(3)},
        "median_ms": round(percentile(&times, 0.5)),
        "mean_ms": round(mean),
        "p99_ms": round(percentile(&times, 0.99)),
        "max_ms": round(times.last().copied().unwrap_or(0.0)),
        "recall_at_limit": truth.as_ref().map(|_| round(found as f64 / times.len().max(1) as f64)),
        "recall_by_kind": truth.as_ref().map(|_| {
            let r = |k: usize| {
                let (f, n) = (found_by_kind.get(k).copied().unwrap_or(0), kinds.get(k).copied().unwrap_or(0));
                round(f as f64 / n.max(1) as f64)
            };
            serde_json::json!({"name": r(0), "name_and_date_of_birth": r(1), "phone": r(2), "id_number": r(3)})
        }),
        "limit": args.limit,
        "peak_rss_mib": peak_rss_mib().map(|m| m.round()),
    });
    println!("{out}");
    Ok(())
}
