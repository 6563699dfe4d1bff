//! `counternet resolve`: a CSV of person records in, `id,cluster_id` out.
//!
//! The contract (docs/decisions/0009-entity-resolution.md): a UTF-8 CSV whose header names `id`
//! and any of the known columns; other columns are ignored and named in a warning. A malformed row
//! (wrong number of fields, empty id, an id seen before, invalid UTF-8) is reported with its line
//! number; without --strict it is skipped (and absent from the output), with --strict the run stops.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use counternet_intel::{Model, ModelSource, PersonRecord, ResolveConfig, Stage};

/// The columns `resolve` reads.
pub const KNOWN_COLUMNS: &[&str] = &[
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
];

#[derive(Args)]
pub struct ResolveArgs {
    /// The person records: a UTF-8 CSV file with a header row.
    #[arg(long)]
    input: PathBuf,
    /// Where to write `id,cluster_id` (one row per record read, in input order).
    #[arg(long)]
    output: PathBuf,
    /// Stop at the first malformed row (exit 1 naming its line) instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Join two records when the model's probability that they are one person is at least this.
    #[arg(long, default_value_t = 0.95, value_parser = parse_probability)]
    threshold: f64,
    /// Save the model's parameters (m, u per field level, prior) as JSON.
    #[arg(long, value_name = "FILE")]
    model_out: Option<PathBuf>,
    /// Use saved parameters instead of estimating them from this file.
    #[arg(long, value_name = "FILE")]
    model_in: Option<PathBuf>,
    /// The year against which an age written instead of a date of birth ("34", "age 34") is taken
    /// [default: this year].
    #[arg(long, value_name = "YEAR")]
    age_reference_year: Option<u16>,
}

pub const RESOLVE_HELP: &str = "\
Input: a UTF-8 CSV with a header row naming any of
  id (required, unique), given_name, family_name, full_name, date_of_birth, sex, nationality,
  phone, id_number, address, locality, postcode
Other columns are ignored and named in a warning. Names may be in Thai, Lao, Burmese or Latin script,
with titles (Mr, Nai, Nang, U, Daw...), swapped or run together. Dates: 1997-03-14, 14/03/1997,
14/03/2540 (B.E.), 1997, 1997-03, or an age (34). Phones: 081 234 5678 or +66812345678.

Output: id,cluster_id, one row per record read, in input order; records of one person share a
cluster_id (the id of the cluster's first record).

The model is estimated from the file itself (EM); a file of fewer than 2,000 records is scored with
the built-in model (trained on synthetic Thai, Lao, Burmese and Khmer records) unless --model-in
gives one.

Malformed rows (wrong number of fields, empty or repeated id, invalid UTF-8) are named with their
line number on standard error and skipped: they are absent from the output. With --strict the first
one stops the run (exit 1). An empty file, a header without rows, a header without id and a file
that is not UTF-8 (UTF-16, TIS-620...) are errors.

Examples:
  counternet resolve --input persons.csv --output clusters.csv
  counternet resolve --input persons.csv --output clusters.csv --threshold 0.95 --model-out model.json
  counternet resolve --input more.csv --output more-clusters.csv --model-in model.json --strict

See docs/decisions/0009-entity-resolution.md for the normalisers, the model, blocking and clustering.";

fn parse_probability(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is not a probability between 0 and 1"))
    }
}

/// The records of a file, and its malformed rows.
#[derive(Debug, Default)]
pub struct PersonFile {
    pub ids: Vec<String>,
    pub records: Vec<PersonRecord>,
    pub ignored_columns: Vec<String>,
    /// (line, problem) of each skipped row.
    pub skipped: Vec<(u64, String)>,
}

/// A row read: its line, id and record.
type ReadRow = (u64, String, PersonRecord);
/// A malformed row: its line and what is wrong.
type Malformed = (u64, String);

/// Checks the encoding of a whole file: UTF-16 and single-byte encodings are errors.
fn check_encoding(bytes: &[u8], name: &str) -> Result<()> {
    if bytes.is_empty() {
        bail!("{name} is empty (0 bytes): expected a CSV header naming at least an id column");
    }
    let head = bytes.get(..4096.min(bytes.len())).unwrap_or_default();
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0) {
        bail!("{name} is not UTF-8 (it looks like UTF-16): save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
    }
    // A file whose every non-ASCII byte is invalid UTF-8 and a Thai letter, digit or sign of TIS-620 /
    // Windows-874 (0x80 to 0xFB) is in that encoding; otherwise invalid bytes make malformed rows.
    let mut valid_multibyte = false;
    let mut invalid = false;
    let mut all_thai_8bit = true;
    for chunk in bytes.utf8_chunks() {
        if !chunk.valid().is_ascii() {
            valid_multibyte = true;
        }
        if !chunk.invalid().is_empty() {
            invalid = true;
            all_thai_8bit &= chunk.invalid().iter().all(|b| (0x80..=0xFB).contains(b));
        }
    }
    if invalid && !valid_multibyte && all_thai_8bit {
        bail!(
            "{name} is not UTF-8 (it looks like a single-byte encoding such as TIS-620 / Windows-874): \
             save it as UTF-8, e.g. iconv -f TIS-620 -t UTF-8"
        );
    }
    Ok(())
}

/// Reads a person file. Malformed rows are skipped, or with `strict` end the read with an error
/// naming the line.
pub fn read_person_file(path: &Path, strict: bool) -> Result<PersonFile> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
    check_encoding(&bytes, &name)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body);
    let mut rows = reader.byte_records();
    let header = match rows.next() {
        None => bail!("{name} has no header row: expected a CSV header naming at least an id column"),
        Some(h) => h.with_context(|| format!("{name}: cannot read the header"))?,
    };
    let header: Vec<String> = header
        .iter()
        .map(|f| std::str::from_utf8(f).map(|s| s.trim().to_lowercase()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("{name}: the header is not UTF-8"))?;
    let mut column: HashMap<&str, usize> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, h) in header.iter().enumerate() {
        match KNOWN_COLUMNS.iter().find(|k| **k == h.as_str()) {
            Some(k) if !column.contains_key(k) => {
                column.insert(k, i);
            }
            Some(_) => ignored.push(format!("{h} (a second {h} column)")),
            None if h.is_empty() => ignored.push(format!("(column {} without a name)", i + 1)),
            None => ignored.push(h.clone()),
        }
    }
    if !column.contains_key("id") {
        bail!("{name}: the header has no id column (found: {})", header.join(", "));
    }
    let mut file = PersonFile { ignored_columns: ignored, ..PersonFile::default() };
    let fields = header.len();
    // Parse sequentially (CSV is a stream), check and convert the rows in parallel, then take them
    // in order: the first malformed row is the one --strict reports.
    let index: Vec<Option<usize>> = KNOWN_COLUMNS.iter().map(|k| column.get(k).copied()).collect();
    let mut seen: HashMap<String, u64> = HashMap::new();
    // In chunks, so that raw rows never all sit in memory beside the records.
    loop {
        let raw: Vec<Result<csv::ByteRecord, Malformed>> = rows
            .by_ref()
            .take(1 << 16)
            .map(|row| {
                row.map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line());
                    (line, format!("line {line}: cannot be read as CSV ({e})"))
                })
            })
            .collect();
        if raw.is_empty() {
            break;
        }
        let parsed: Vec<Result<ReadRow, Malformed>> = raw
            .into_par_iter()
            .map(|row| {
                let row = row?;
                let line = row.position().map_or(0, |p| p.line());
                if row.len() != fields {
                    return Err((line, format!("line {line}: {} fields where the header has {fields}", row.len())));
                }
                if let Err(e) = std::str::from_utf8(row.as_slice()) {
                    return Err((line, format!("line {line}: not valid UTF-8 ({e})")));
                }
                let get = |k: usize| -> Option<String> {
                    let i = (*index.get(k)?)?;
                    let v = std::str::from_utf8(row.get(i)?).ok()?.trim();
                    (!v.is_empty()).then(|| v.to_string())
                };
                let Some(id) = get(0) else {
                    return Err((line, format!("line {line}: the id is empty")));
                };
                let record = PersonRecord {
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
                };
                Ok((line, id, record))
            })
            .collect();
        for row in parsed {
            let problem = match row {
                Ok((line, id, record)) => match seen.get(&id) {
                    Some(first) => (line, format!("line {line}: the id {id:?} was already used on line {first}")),
                    None => {
                        seen.insert(id.clone(), line);
                        file.ids.push(id);
                        file.records.push(record);
                        continue;
                    }
                },
                Err(problem) => problem,
            };
            if strict {
                bail!("{name}: {} (--strict stops at the first malformed row)", problem.1);
            }
            file.skipped.push(problem);
        }
    }
    if file.records.is_empty() && file.skipped.is_empty() {
        bail!("{name} has a header but no records");
    }
    Ok(file)
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Normalising => "normalising",
        Stage::Blocking => "blocking",
        Stage::Comparing => "comparing",
        Stage::Training => "training",
        Stage::Clustering => "clustering",
    }
}

fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Normalising => "normalising names, dates, phones, IDs and addresses",
        Stage::Blocking => "blocking: finding candidate pairs",
        Stage::Comparing => "comparing candidate pairs",
        Stage::Training => "estimating the model (u from random pairs, m by EM)",
        Stage::Clustering => "scoring and clustering",
    }
}

/// Runs `counternet resolve`.
pub fn run(args: &ResolveArgs, this_year: u16) -> Result<()> {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        // Seven steps: reading, the five stages of resolution, writing.
        let bar = ProgressBar::with_draw_target(Some(7), indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:20}] {pos}/{len} {elapsed} {msg}")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar.set_message(format!("reading {}", args.input.display()));
        Some(bar)
    } else {
        None
    };
    let model_in = match &args.model_in {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            let model: Model =
                serde_json::from_str(&text).with_context(|| format!("{} is not a counternet model", path.display()))?;
            Some(model)
        }
        None => None,
    };
    let file = read_person_file(&args.input, args.strict)?;
    let warn = |msg: String| match &bar {
        Some(b) => b.suspend(|| eprintln!("warning: {msg}")),
        None => eprintln!("warning: {msg}"),
    };
    if !file.ignored_columns.is_empty() {
        warn(format!("ignoring columns not in the contract: {}", file.ignored_columns.join(", ")));
    }
    for (_, problem) in &file.skipped {
        warn(format!("{}: skipped {problem}", args.input.display()));
    }
    let config = ResolveConfig {
        threshold: args.threshold,
        model: model_in,
        reference_year: args.age_reference_year.unwrap_or(this_year),
        ..ResolveConfig::default()
    };
    let read_done = started.elapsed();
    let stages: std::cell::RefCell<Vec<(Stage, Instant)>> = std::cell::RefCell::new(Vec::new());
    let progress = |stage: Stage| {
        stages.borrow_mut().push((stage, Instant::now()));
        if let Some(b) = &bar {
            b.inc(1);
            b.set_message(stage_label(stage));
        }
    };
    let resolution = counternet_intel::resolve(&file.records, &config, &progress);
    let resolved_at = Instant::now();
    let timings = {
        let stages = stages.borrow();
        let mut parts = vec![format!("reading {:.1} s", read_done.as_secs_f64())];
        for (k, (stage, at)) in stages.iter().enumerate() {
            let end = stages.get(k + 1).map_or(resolved_at, |next| next.1);
            parts.push(format!("{} {:.1} s", stage_name(*stage), end.duration_since(*at).as_secs_f64()));
        }
        parts.join(", ")
    };
    if let Some(b) = &bar {
        b.inc(1);
        b.set_message(format!("writing {}", args.output.display()));
    }
    let out =
        std::fs::File::create(&args.output).with_context(|| format!("cannot create {}", args.output.display()))?;
    let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(out));
    writer.write_record(["id", "cluster_id"])?;
    let mut clusters = 0usize;
    for (i, (id, label)) in file.ids.iter().zip(&resolution.clusters).enumerate() {
        if *label as usize == i {
            clusters += 1;
        }
        let cluster = file.ids.get(*label as usize).unwrap_or(id);
        writer.write_record([id.as_str(), cluster.as_str()])?;
    }
    writer.flush().with_context(|| format!("cannot write {}", args.output.display()))?;
    if let Some(path) = &args.model_out {
        let json = serde_json::to_string_pretty(&resolution.model)?;
        let mut f = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        f.write_all(json.as_bytes())?;
        f.write_all(b"\n")?;
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    eprintln!(
        "resolved {} records into {clusters} clusters in {:.1} s ({} candidate pairs, {} at or above {}, {} held back by the \
         cluster-size guard; model {}){}",
        file.records.len(),
        started.elapsed().as_secs_f64(),
        resolution.candidate_pairs,
        resolution.matched_pairs,
        args.threshold,
        resolution.guarded_pairs,
        if resolution.model_source == ModelSource::Given {
            "read from file".to_string()
        } else if resolution.model_source == ModelSource::BuiltIn {
            format!("built in: fewer than {} records to estimate one from", config.min_rows_to_train)
        } else if resolution.model.converged {
            format!("estimated, EM converged in {} iterations", resolution.model.em_iterations)
        } else {
            format!("estimated, EM stopped after {} iterations without converging", resolution.model.em_iterations)
        },
        if file.skipped.is_empty() {
            String::new()
        } else {
            format!("; {} malformed rows skipped and absent from the output", file.skipped.len())
        }
    );
    eprintln!("time: {timings}");
    Ok(())
}
