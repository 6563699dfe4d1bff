//! `counternet money`: the offline money analysis of issue 7 over a transaction CSV
//! ([`counternet_intel::money`]; docs/decisions/0016-money-engine.md): `scan` writes alerts,
//! `trace` prints a flow, `bench` measures both against a synthetic file's ground truth.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::figures::{peak_rss_mib, percentile};
use counternet_intel::money::{
    format_minor, load_csv, scan, Alert, Direction, Flow, Ledger, Rule, Rules, Start, TraceQuery, Tracer,
};

#[derive(Subcommand)]
pub enum MoneyCommand {
    /// Scan a transaction CSV with every rule and typology; write one row per alert and account.
    ///
    /// Rules: fan_in, fan_out, cycle, scatter_gather, gather_scatter, layered_chain, structuring,
    /// wage_sweep, late_night, pass_through (their thresholds and defaults:
    /// docs/decisions/0016-money-engine.md). Nothing is stored. A progress bar shows on a terminal.
    #[command(after_long_help = SCAN_HELP)]
    Scan(ScanArgs),
    /// Follow money forward (or backward) from an account or a payment; print the flow as JSON.
    ///
    /// Forward: the account's outgoing payments are hop 1; each next hop is a payment out of the
    /// account the previous one went into, strictly later, at most --window-hours later, in the same
    /// currency, with an amount within --tolerance of the previous one. Backward mirrors it with
    /// incoming payments and falling times. Nothing is stored.
    #[command(after_long_help = TRACE_HELP)]
    Trace(TraceArgs),
    /// Measure the scan and the trace on a synthetic file with ground truth (counternet-synth-money).
    ///
    /// Prints a table on standard error and one JSON object on standard output: per typology the
    /// planted and flagged accounts, recall and precision; load and scan times; trace median, p99
    /// and max over the sources; peak memory. A benchmark, not a test: it never fails on the figures.
    Bench(BenchArgs),
}

#[derive(Args, Clone)]
pub struct InputArgs {
    /// The transactions: a UTF-8 CSV whose header names id, from_account, to_account, amount,
    /// currency and timestamp.
    #[arg(long, value_name = "FILE")]
    transactions: PathBuf,
    /// Stop at the first malformed row (exit 1 naming its line and column) instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// The UTC offset of timestamps written without one.
    #[arg(long, default_value = "+07:00", value_parser = parse_offset, allow_hyphen_values = true)]
    utc_offset: i32,
}

#[derive(Args)]
pub struct ScanArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Where to write the alerts (CSV: account,rule,score,evidence,alert).
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
}

#[derive(Args)]
pub struct TraceArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The account to start from.
    #[arg(long, value_name = "ACCOUNT", required_unless_present = "payment", conflicts_with = "payment")]
    from: Option<String>,
    /// The payment (its id) to start from: it is hop 1.
    #[arg(long, value_name = "ID")]
    payment: Option<String>,
    /// Follow the money back to where it came from (falling times).
    #[arg(long)]
    backward: bool,
    /// At most this many payments in a path.
    #[arg(long, default_value_t = 4)]
    hops: u32,
    /// Each next amount within this fraction of the previous one.
    #[arg(long, default_value_t = 0.1, value_parser = parse_fraction)]
    tolerance: f64,
    /// Each next payment at most this many hours after (backward: before) the previous one.
    #[arg(long, default_value_t = 168)]
    window_hours: i64,
    /// At most this many payments followed from one account at one step (the rest is reported as capped).
    #[arg(long, default_value_t = 1000)]
    max_fanout: usize,
    /// At most this many payments in the answer.
    #[arg(long, default_value_t = 100_000)]
    max_payments: usize,
    /// Money reaching an account with more payments than this is not followed through it (listed
    /// under "hubs": a payment processor passes everyone's money).
    #[arg(long, default_value_t = 10_000)]
    hub_payments: usize,
    /// Write the JSON here instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Args)]
pub struct BenchArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The ground truth: a CSV with account,typology (typology codes as the rules').
    #[arg(long, value_name = "FILE")]
    truth: PathBuf,
    /// Accounts to trace from, one a line.
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    /// Hops of the timed traces.
    #[arg(long, default_value_t = 4)]
    hops: u32,
    /// Amount tolerance of the timed traces.
    #[arg(long, default_value_t = 0.1, value_parser = parse_fraction)]
    tolerance: f64,
    /// Window (hours per hop) of the timed traces.
    #[arg(long, default_value_t = 168)]
    window_hours: i64,
    /// Hub limit of the timed traces (payments of an account not followed through).
    #[arg(long, default_value_t = 10_000)]
    hub_payments: usize,
}

const SCAN_HELP: &str = "\
Input: a UTF-8 CSV with a header row naming (in any order)
  id            the payment's id (unique)
  from_account  the payer's account
  to_account    the payee's account
  amount        decimal text with a point: 1234.50 (no thousands separators, no sign)
  currency      ISO 4217: THB, USD...
  timestamp     ISO 8601: 2026-03-14T21:05:00+07:00, 2026-03-14 21:05, 2026-03-14T14:05:00Z
                (without an offset: --utc-offset, +07:00 by default)
Other columns are ignored and named in a warning. A malformed row is named with its line and column
(never its value) and skipped; with --strict the first one stops the run (exit 1). An empty file, a
header without rows, a missing column and a file that is not UTF-8 are errors (exit 1).

Output: alerts.csv with the columns
  account   an account the alert is about (one row per alert and account)
  rule      fan_in, fan_out, cycle, scatter_gather, gather_scatter, layered_chain, structuring,
            wage_sweep, late_night or pass_through
  score     0 to 1: 0.5 at the rule's threshold, towards 1 the further beyond it
  evidence  the ids of the payments that triggered it, separated by single spaces (the field is
            quoted if an id holds a comma or a quote); at most 1,000
  alert     the alert's number: rows with the same number are one alert
Rows are ordered by rule, then by the alert's first account.

Examples:
  counternet money scan --transactions tx.csv --output alerts.csv
  counternet money scan --transactions statement.csv --output alerts.csv --strict --utc-offset +07:00

See docs/decisions/0016-money-engine.md for the rules, their thresholds and why.";

const TRACE_HELP: &str = "\
Input: the transaction CSV of `counternet money scan --help`.

Output (JSON): the start, the settings, and
  payments  each payment reached: id, from, to, amount, currency, timestamp (UTC), hop
  links     per payer, payee and currency: total, payments, first, last
  accounts  per account and currency: received, sent, hop (the start account: 0)
  capped    accounts whose matching payments were not all followed (--max-fanout)
  hubs      accounts with more than --hub-payments payments the money reached and was not
            followed through
  truncated true when the answer stopped at --max-payments

Examples:
  counternet money trace --transactions tx.csv --from 1234567890
  counternet money trace --transactions tx.csv --from 1234567890 --backward --hops 6 --window-hours 48
  counternet money trace --transactions tx.csv --payment T000000042 --tolerance 0.05 --output flow.json";

/// `+07:00`, `-0530`, `Z` to minutes east of UTC.
fn parse_offset(s: &str) -> Result<i32, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("z") || t == "0" {
        return Ok(0);
    }
    counternet_intel::money::parse_timestamp(&format!("1970-01-01T00:00{t}"), 0)
        .map(|ts| (-ts.utc / 60) as i32)
        .map_err(|_| format!("{s:?} is not a UTC offset such as +07:00"))
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is not a fraction between 0 and 1 (0.1 is 10 %)"))
    }
}

/// A progress bar on a terminal, nothing otherwise.
fn progress_bar(steps: u64) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(steps), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:20}] {pos}/{len} {elapsed} {msg}")
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    Some(bar)
}

fn say(bar: &Option<ProgressBar>, msg: &str) {
    match bar {
        Some(b) => b.suspend(|| eprintln!("{msg}")),
        None => eprintln!("{msg}"),
    }
}

/// Reads and indexes the transactions, reporting ignored columns and malformed rows.
fn load(input: &InputArgs, bar: &Option<ProgressBar>) -> Result<Ledger> {
    let name = input.transactions.display().to_string();
    if let Some(b) = bar {
        b.set_message(format!("reading {name}"));
    }
    let bytes = std::fs::read(&input.transactions).with_context(|| format!("cannot read {name}"))?;
    let (ledger, report) = load_csv(&bytes, input.utc_offset).with_context(|| name.clone())?;
    if !report.ignored_columns.is_empty() {
        say(
            bar,
            &format!("warning: {name}: ignoring columns not in the contract: {}", report.ignored_columns.join(", ")),
        );
    }
    if input.strict {
        if let Some(m) = report.malformed.first() {
            bail!("{name}: {m} (--strict: nothing was analysed)");
        }
    }
    for m in report.malformed.iter().take(20) {
        say(bar, &format!("warning: {name}: skipped {m}"));
    }
    if report.malformed.len() > 20 {
        say(bar, &format!("warning: {name}: {} more malformed rows skipped", report.malformed.len() - 20));
    }
    if ledger.payment_count() == 0 {
        bail!("{name}: no payment could be read ({} malformed rows)", report.malformed.len());
    }
    Ok(ledger)
}

pub fn run(command: &MoneyCommand) -> Result<()> {
    match command {
        MoneyCommand::Scan(args) => scan_command(args),
        MoneyCommand::Trace(args) => trace_command(args),
        MoneyCommand::Bench(args) => bench(args),
    }
}

fn scan_command(args: &ScanArgs) -> Result<()> {
    let started = Instant::now();
    let bar = progress_bar(7);
    let ledger = load(&args.input, &bar)?;
    let loaded = started.elapsed();
    let progress = |stage: &str| {
        if let Some(b) = &bar {
            b.inc(1);
            b.set_message(stage.to_string());
        }
    };
    progress("indexed");
    let alerts = scan(&ledger, &Rules::default(), &progress);
    let scanned = started.elapsed();
    if let Some(b) = &bar {
        b.set_message(format!("writing {}", args.output.display()));
    }
    let rows = write_alerts(&ledger, &alerts, &args.output)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let mut by_rule: Vec<String> = Rule::ALL
        .iter()
        .map(|r| (r, alerts.iter().filter(|a| a.rule == *r).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| format!("{} {n}", r.code()))
        .collect();
    if by_rule.is_empty() {
        by_rule.push("none".into());
    }
    eprintln!(
        "money scan: {} payments, {} accounts; {} alerts ({}), {rows} rows written to {}; read {:.2} s, scanned {:.2} s",
        ledger.payment_count(),
        ledger.account_count(),
        alerts.len(),
        by_rule.join(", "),
        args.output.display(),
        loaded.as_secs_f64(),
        (scanned - loaded).as_secs_f64()
    );
    Ok(())
}

fn write_alerts(ledger: &Ledger, alerts: &[Alert], path: &Path) -> Result<usize> {
    let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(file));
    w.write_record(["account", "rule", "score", "evidence", "alert"])?;
    let mut rows = 0usize;
    for (k, a) in alerts.iter().enumerate() {
        let evidence: Vec<&str> = a.payments.iter().map(|&p| ledger.payment_id(p)).collect();
        let evidence = evidence.join(" ");
        let score = format!("{:.3}", a.score);
        let number = (k + 1).to_string();
        let mut seen = HashSet::new();
        for &acc in &a.accounts {
            if seen.insert(acc) {
                w.write_record([ledger.account_name(acc), a.rule.code(), &score, &evidence, &number])?;
                rows += 1;
            }
        }
    }
    w.flush().with_context(|| format!("cannot write {}", path.display()))?;
    Ok(rows)
}

fn trace_command(args: &TraceArgs) -> Result<()> {
    let bar = progress_bar(2);
    let ledger = load(&args.input, &bar)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let start = match (&args.from, &args.payment) {
        (Some(a), _) => Start::Account(
            ledger.account(a.trim()).with_context(|| "no payment in the file names the account given with --from")?,
        ),
        (None, Some(p)) => Start::Payment(
            ledger.payment_ix(p.trim()).with_context(|| "no payment in the file has the id given with --payment")?,
        ),
        (None, None) => bail!("give --from ACCOUNT or --payment ID"),
    };
    if args.window_hours <= 0 {
        bail!("--window-hours must be at least 1");
    }
    let query = TraceQuery {
        start,
        direction: if args.backward { Direction::Backward } else { Direction::Forward },
        hops: args.hops,
        tolerance: args.tolerance,
        window_secs: args.window_hours * 3600,
        max_fanout: args.max_fanout.max(1),
        max_payments: args.max_payments.max(1),
        hub_payments: args.hub_payments,
    };
    let started = Instant::now();
    let flow = Tracer::new(&ledger).trace(&query);
    let elapsed = started.elapsed();
    let mut value = flow_json(&ledger, &flow);
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "start".into(),
            match start {
                Start::Account(a) => json!({"account": ledger.account_name(a)}),
                Start::Payment(p) => json!({"payment": ledger.payment_id(p)}),
            },
        );
        obj.insert("direction".into(), json!(if args.backward { "backward" } else { "forward" }));
        obj.insert("hops".into(), json!(args.hops));
        obj.insert("tolerance".into(), json!(args.tolerance));
        obj.insert("window_hours".into(), json!(args.window_hours));
    }
    let text = serde_json::to_string_pretty(&value)?;
    match &args.output {
        Some(path) => std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}")?;
        }
    }
    eprintln!(
        "money trace: {} payments, {} accounts in {:.3} ms{}{}",
        flow.payments.len(),
        flow.accounts.len(),
        elapsed.as_secs_f64() * 1000.0,
        if flow.capped.is_empty() { String::new() } else { format!("; {} accounts capped", flow.capped.len()) },
        if flow.truncated { "; truncated at --max-payments" } else { "" }
    );
    Ok(())
}

/// A flow as JSON: payments, links and per-account totals with names, decimal amounts and UTC times.
pub fn flow_json(ledger: &Ledger, flow: &Flow) -> serde_json::Value {
    let payments: Vec<serde_json::Value> = flow
        .payments
        .iter()
        .filter_map(|&(p, hop)| {
            let x = ledger.payment(p)?;
            Some(json!({
                "id": x.id,
                "from": ledger.account_name(x.from),
                "to": ledger.account_name(x.to),
                "amount": x.amount.decimal(),
                "currency": x.amount.currency.code(),
                "timestamp": x.time.utc_text(),
                "hop": hop,
            }))
        })
        .collect();
    let time = |utc: i64| counternet_intel::money::Timestamp { utc, local_minute: 0 }.utc_text();
    let links: Vec<serde_json::Value> = flow
        .edges
        .iter()
        .map(|e| {
            json!({
                "from": ledger.account_name(e.from),
                "to": ledger.account_name(e.to),
                "currency": e.currency.code(),
                "total": format_minor(e.total_minor, e.currency.exponent()),
                "payments": e.payments,
                "first": time(e.first_utc),
                "last": time(e.last_utc),
            })
        })
        .collect();
    let accounts: Vec<serde_json::Value> = flow
        .accounts
        .iter()
        .map(|a| {
            json!({
                "account": ledger.account_name(a.account),
                "currency": a.currency.code(),
                "received": format_minor(a.received_minor, a.currency.exponent()),
                "sent": format_minor(a.sent_minor, a.currency.exponent()),
                "hop": a.hop,
            })
        })
        .collect();
    let capped: Vec<&str> = flow.capped.iter().map(|&a| ledger.account_name(a)).collect();
    let hubs: Vec<&str> = flow.hubs.iter().map(|&a| ledger.account_name(a)).collect();
    json!({
        "hubs": hubs,
        "payments": payments,
        "links": links,
        "accounts": accounts,
        "capped": capped,
        "truncated": flow.truncated,
    })
}

/// Typologies whose planted accounts a rule may flag because the pattern contains the rule's shape
/// (a gather-scatter centre is a fan-in and a fan-out; a scatter-gather source fans out and its sink
/// fans in; a wage collector passes money through). Such a flag counts towards precision, not recall.
fn contained(rule: &str, typology: &str) -> bool {
    matches!(
        (rule, typology),
        ("fan_in", "gather_scatter" | "scatter_gather")
            | ("fan_out", "gather_scatter" | "scatter_gather")
            | ("pass_through", "wage_sweep")
    )
}

fn bench(args: &BenchArgs) -> Result<()> {
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let started = Instant::now();
    let ledger = load(&args.input, &None)?;
    let load_s = started.elapsed().as_secs_f64();
    let t = Instant::now();
    let alerts = scan(&ledger, &Rules::default(), &|_| {});
    let scan_s = t.elapsed().as_secs_f64();

    let truth_text =
        std::fs::read_to_string(&args.truth).with_context(|| format!("cannot read {}", args.truth.display()))?;
    let mut planted: HashMap<String, HashSet<&str>> = HashMap::new();
    let mut typologies_of: HashMap<&str, HashSet<String>> = HashMap::new();
    for line in truth_text.lines().skip(1) {
        let Some((account, typology)) = line.split_once(',') else { continue };
        planted.entry(typology.trim().to_string()).or_default().insert(account.trim());
        typologies_of.entry(account.trim()).or_default().insert(typology.trim().to_string());
    }
    let mut flagged: HashMap<&str, HashSet<&str>> = HashMap::new();
    for a in &alerts {
        for &acc in &a.accounts {
            flagged.entry(a.rule.code()).or_default().insert(ledger.account_name(acc));
        }
    }
    let mut per_rule = serde_json::Map::new();
    let mut table = vec![format!(
        "{:<16} {:>8} {:>8} {:>8} {:>8} {:>10} {:>8}",
        "typology", "planted", "flagged", "found", "recall", "precision", "strict"
    )];
    let mut all_met = true;
    for rule in Rule::ALL {
        let code = rule.code();
        let truth = planted.get(code).cloned().unwrap_or_default();
        let got = flagged.get(code).cloned().unwrap_or_default();
        let found = truth.iter().filter(|a| got.contains(**a)).count();
        let explained = got
            .iter()
            .filter(|a| typologies_of.get(**a).is_some_and(|ts| ts.iter().any(|t| t == code || contained(code, t))))
            .count();
        // What the accounts flagged wrongly are: another planted pattern's, or ordinary ones.
        let mut wrong: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for a in got.iter().filter(|a| !truth.contains(**a)) {
            let what = typologies_of.get(*a).map_or("ordinary".to_string(), |ts| {
                let mut v: Vec<&str> = ts.iter().map(String::as_str).collect();
                v.sort_unstable();
                v.join("+")
            });
            *wrong.entry(what).or_default() += 1;
        }
        let recall = found as f64 / truth.len().max(1) as f64;
        let precision = if got.is_empty() { 1.0 } else { explained as f64 / got.len() as f64 };
        let strict = if got.is_empty() { 1.0 } else { found as f64 / got.len() as f64 };
        all_met &= truth.is_empty() || (recall >= 0.9 && precision >= 0.8);
        table.push(format!(
            "{:<16} {:>8} {:>8} {:>8} {:>8.3} {:>10.3} {:>8.3}",
            code,
            truth.len(),
            got.len(),
            found,
            recall,
            precision,
            strict
        ));
        per_rule.insert(
            code.to_string(),
            json!({"planted": truth.len(), "flagged": got.len(), "found": found, "recall": round(recall),
                   "precision": round(precision), "strict_precision": round(strict), "others_flagged": wrong}),
        );
    }

    let mut trace_ms = Vec::new();
    let (mut unknown, mut reached, mut capped, mut truncated) = (0usize, 0usize, 0usize, 0usize);
    let mut met_hubs = 0usize;
    if let Some(path) = &args.sources {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut tracer = Tracer::new(&ledger);
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let Some(a) = ledger.account(line) else {
                unknown += 1;
                continue;
            };
            let q = TraceQuery {
                direction: Direction::Forward,
                hops: args.hops,
                tolerance: args.tolerance,
                window_secs: args.window_hours * 3600,
                hub_payments: args.hub_payments,
                ..TraceQuery::new(Start::Account(a))
            };
            let t = Instant::now();
            let flow = tracer.trace(&q);
            trace_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            reached += flow.payments.len();
            capped += usize::from(!flow.capped.is_empty());
            truncated += usize::from(flow.truncated);
            met_hubs += usize::from(!flow.hubs.is_empty());
        }
    }
    trace_ms.sort_by(f64::total_cmp);
    let hubs = (0..ledger.account_count() as u32).filter(|&a| ledger.degree(a) >= 100_000).count();
    let max_degree = (0..ledger.account_count() as u32).map(|a| ledger.degree(a)).max().unwrap_or(0);
    let out = json!({
        "payments": ledger.payment_count(),
        "accounts": ledger.account_count(),
        "hub_accounts_100k": hubs,
        "max_account_payments": max_degree,
        "load_s": round(load_s),
        "scan_s": round(scan_s),
        "alerts": alerts.len(),
        "typologies": per_rule,
        "goal_met": all_met,
        "trace_sources": trace_ms.len(),
        "trace_unknown_sources": unknown,
        "trace_hops": args.hops,
        "trace_tolerance": args.tolerance,
        "trace_window_hours": args.window_hours,
        "trace_median_ms": round(percentile(&trace_ms, 0.5)),
        "trace_p99_ms": round(percentile(&trace_ms, 0.99)),
        "trace_max_ms": round(trace_ms.last().copied().unwrap_or(0.0)),
        "trace_mean_payments": round(reached as f64 / trace_ms.len().max(1) as f64),
        "trace_capped": capped,
        "trace_truncated": truncated,
        "trace_hub_payments": args.hub_payments,
        "trace_met_hubs": met_hubs,
        "index_mib": (ledger.memory_bytes() as f64 / 1048576.0).round(),
        "threads": rayon::current_num_threads(),
        "peak_rss_mib": peak_rss_mib().map(f64::round),
    });
    eprintln!("{}", table.join("\n"));
    eprintln!(
        "{} payments, {} accounts: load {:.2} s, scan {:.2} s, {} alerts; trace ({} hops, {} sources) median {:.3} ms, p99 {:.3} ms; peak {} MiB",
        ledger.payment_count(),
        ledger.account_count(),
        load_s,
        scan_s,
        alerts.len(),
        args.hops,
        trace_ms.len(),
        percentile(&trace_ms, 0.5),
        percentile(&trace_ms, 0.99),
        peak_rss_mib().map_or("?".into(), |m| format!("{m:.0}"))
    );
    println!("{out}");
    Ok(())
}
