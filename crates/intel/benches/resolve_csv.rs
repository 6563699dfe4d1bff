//! Times `counternet_intel::resolve` stage by stage on a CSV written by `counternet-synth`, without
//! the CLI (which rebuilds slowly): `cargo bench -p counternet-intel --bench resolve_csv -- FILE [OUT [MODEL]]`
//! prints each stage's time and, with OUT, writes `id,cluster_id` for scoring with scripts/er/score.py (and with MODEL the model as JSON).
//! Without FILE it does nothing (so `cargo bench` over the workspace stays quick).

use std::cell::RefCell;
use std::io::Write;
use std::time::Instant;

use counternet_intel::{PersonRecord, ResolveConfig, Stage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let Some(input) = args.first() else {
        eprintln!("resolve_csv: no input file given; nothing to do");
        return Ok(());
    };
    let started = Instant::now();
    let mut reader = csv::Reader::from_path(input)?;
    let header: Vec<String> = reader.headers()?.iter().map(str::to_lowercase).collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let columns: Vec<Option<usize>> = [
        "id",
        "given_name",
        "family_name",
        "full_name",
        "date_of_birth",
        "sex",
        "nationality",
        "phone",
        "id_number",
        "address",
        "locality",
        "postcode",
    ]
    .iter()
    .map(|c| col(c))
    .collect();
    let mut ids = Vec::new();
    let mut records = Vec::new();
    for row in reader.records() {
        let row = row?;
        let get = |k: usize| -> Option<String> {
            let v = row.get((*columns.get(k)?)?)?.trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        ids.push(get(0).unwrap_or_default());
        records.push(PersonRecord {
            given_name: get(1),
            family_name: get(2),
            full_name: get(3),
            date_of_birth: get(4),
            sex: get(5),
            nationality: get(6),
            phone: get(7),
            id_number: get(8),
            address: get(9),
            locality: get(10),
            postcode: get(11),
        });
    }
    let read = started.elapsed();
    let stages: RefCell<Vec<(Stage, Instant)>> = RefCell::new(Vec::new());
    let progress = |s: Stage| stages.borrow_mut().push((s, Instant::now()));
    let r = counternet_intel::resolve(&records, &ResolveConfig::default(), &progress);
    let end = Instant::now();
    let stages = stages.borrow();
    let mut line = format!("reading {:.2} s", read.as_secs_f64());
    for (k, (stage, at)) in stages.iter().enumerate() {
        let until = stages.get(k + 1).map_or(end, |n| n.1);
        line.push_str(&format!(", {stage:?} {:.2} s", until.duration_since(*at).as_secs_f64()));
    }
    eprintln!("{} records, {} candidate pairs, {} matched; {line}", records.len(), r.candidate_pairs, r.matched_pairs);
    if let Some(path) = args.get(2) {
        std::fs::write(path, serde_json::to_string_pretty(&r.model)?)?;
    }
    if let Some(out) = args.get(1) {
        let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
        writeln!(w, "id,cluster_id")?;
        for (id, label) in ids.iter().zip(&r.clusters) {
            writeln!(w, "{id},{}", ids.get(*label as usize).unwrap_or(id))?;
        }
    }
    Ok(())
}
