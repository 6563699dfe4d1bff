//! Synthetic transaction lists with planted typologies, for the money benchmark (issue 7).
//!
//! - **Accounts**: one per ten payments (at least 1,000), ten-digit numbers that say nothing about
//!   their role. Each has an activity weight drawn from a Pareto law (exponent 2.2): a few busy
//!   accounts, most quiet.
//! - **Hubs**: at 1,000,000 payments and more, 5 accounts with 100,000 payments each (a payment
//!   processor, a payroll bureau, a mobile top-up merchant); below, 5 with a twentieth of the
//!   payments each. Small amounts, paid to and received from accounts chosen by weight.
//! - **Ordinary traffic**: payer and payee chosen by weight, amounts log-normal around 800 THB,
//!   times spread over 2026 with fewer at night (about 8 % between 22:00 and 06:00), written in
//!   +07:00.
//! - **Planted patterns** (`(payments / 10,000)` clamped to 20..=300 of each), on quiet accounts no
//!   other pattern uses: fan-in, fan-out, cycles (2 to 6 accounts), scatter-gather, gather-scatter,
//!   layered chains, structuring just below 2,000,000 THB, several workers' wages paid into one
//!   account and swept out, late-night payments, and funnel (pass-through) accounts. truth.csv
//!   names, for each pattern, the accounts an analyst should see flagged (the centre of a fan, every
//!   account of a cycle, chain or scatter-gather, the collecting account and the one it sweeps to).
//!
//! Also sources.txt: 1,000 accounts to trace from, half drawn uniformly, half as the payer of a
//! random payment (so busy accounts and hubs come up as often as they would in casework).
//! Everything follows from the seed.

use std::io::{self, Write};

use crate::rng::Rng;

/// The header of tx.csv.
pub const TX_HEADER: &str = "id,from_account,to_account,amount,currency,timestamp";
/// The header of truth.csv.
pub const MONEY_TRUTH_HEADER: &str = "account,typology";

/// The planted typologies, by the codes the scan's rules use.
pub const TYPOLOGIES: [&str; 10] = [
    "fan_in",
    "fan_out",
    "cycle",
    "scatter_gather",
    "gather_scatter",
    "layered_chain",
    "structuring",
    "wage_sweep",
    "late_night",
    "pass_through",
];

/// What to make.
#[derive(Debug, Clone, Copy)]
pub struct MoneyConfig {
    pub payments: u64,
    pub seed: u64,
    pub sources: usize,
}

/// What a run made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MoneySummary {
    pub payments: u64,
    pub accounts: u64,
    pub hubs: u64,
    pub planted_patterns: u64,
    pub planted_payments: u64,
}

/// 2026-01-01T00:00:00+07:00 in UTC seconds.
const START_UTC: i64 = 1_767_200_400;
const DAY: i64 = 86_400;
const HOUR: i64 = 3600;
const YEAR_DAYS: i64 = 365;
const OFFSET: i64 = 7 * HOUR;

#[derive(Debug, Clone, Copy)]
struct Tx {
    time: i64,
    from: u32,
    to: u32,
    /// Satang.
    amount: i64,
}

fn pareto(rng: &mut Rng, exponent: f64, max: f64) -> f64 {
    let u = 1.0 - ((rng.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64);
    u.powf(-1.0 / (exponent - 1.0)).min(max)
}

fn uniform(rng: &mut Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64)
}

fn normal(rng: &mut Rng) -> f64 {
    let u1 = uniform(rng).max(1e-12);
    let u2 = uniform(rng);
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Hour weights of ordinary payments (local time): few at night.
const HOUR_WEIGHTS: [u32; 24] =
    [6, 3, 2, 1, 1, 2, 6, 20, 40, 55, 60, 60, 70, 60, 55, 55, 55, 60, 60, 55, 45, 35, 20, 12];

/// A daytime-weighted time on a uniform day of the year.
fn ordinary_time(rng: &mut Rng) -> i64 {
    let day = rng.below(YEAR_DAYS as usize) as i64;
    let hour = rng.weighted(&HOUR_WEIGHTS) as i64;
    START_UTC + day * DAY + hour * HOUR + rng.below(3600) as i64
}

/// Somewhere in the year, leaving `room` days at the end.
fn pattern_start(rng: &mut Rng, room: i64) -> i64 {
    START_UTC + rng.below((YEAR_DAYS - room).max(1) as usize) as i64 * DAY + HOUR * 8 + rng.below(10 * 3600) as i64
}

/// An ordinary amount in satang: log-normal around 800 THB, usually whole baht.
fn ordinary_amount(rng: &mut Rng) -> i64 {
    let baht = (800f64.ln() + 1.3 * normal(rng)).exp().clamp(1.0, 5_000_000.0);
    if rng.chance(0.7) {
        (baht.round() as i64).max(1) * 100
    } else {
        (baht * 100.0).round() as i64
    }
}

fn baht(rng: &mut Rng, lo: u32, hi: u32) -> i64 {
    i64::from(rng.range(lo, hi)) * 100 + if rng.chance(0.5) { rng.below(100) as i64 } else { 0 }
}

/// Accounts by weight: cumulative weights to sample from.
struct Population {
    cum: Vec<f64>,
    /// Accounts sorted from the quietest, not yet used by a pattern or as a hub.
    quiet: Vec<u32>,
    next_quiet: usize,
}

impl Population {
    fn new(n: usize, rng: &mut Rng) -> (Population, Vec<f64>) {
        let weights: Vec<f64> = (0..n).map(|_| pareto(rng, 2.2, (n as f64).sqrt() * 3.0)).collect();
        let mut cum = Vec::with_capacity(n);
        let mut total = 0.0;
        for w in &weights {
            total += w;
            cum.push(total);
        }
        let mut quiet: Vec<u32> = (0..n as u32).collect();
        rng.shuffle(&mut quiet);
        // The quieter half, in random order.
        let mut by_weight = quiet.clone();
        by_weight.sort_by(|a, b| {
            let (x, y) = (weights.get(*a as usize).unwrap_or(&0.0), weights.get(*b as usize).unwrap_or(&0.0));
            x.total_cmp(y)
        });
        by_weight.truncate(n / 2);
        rng.shuffle(&mut by_weight);
        (Population { cum, quiet: by_weight, next_quiet: 0 }, weights)
    }

    fn pick(&self, rng: &mut Rng) -> u32 {
        let total = self.cum.last().copied().unwrap_or(1.0);
        let x = uniform(rng) * total;
        self.cum.partition_point(|&c| c < x).min(self.cum.len().saturating_sub(1)) as u32
    }

    /// A quiet account no pattern has used yet (falls back to any account when they run out).
    fn fresh(&mut self, rng: &mut Rng) -> u32 {
        match self.quiet.get(self.next_quiet) {
            Some(&a) => {
                self.next_quiet += 1;
                a
            }
            None => rng.below(self.cum.len()) as u32,
        }
    }

    /// `k` distinct accounts chosen by weight, none in `not`.
    fn distinct(&self, rng: &mut Rng, k: usize, not: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::with_capacity(k);
        let mut tries = 0;
        while out.len() < k && tries < k * 50 {
            tries += 1;
            let a = self.pick(rng);
            if !out.contains(&a) && !not.contains(&a) {
                out.push(a);
            }
        }
        out
    }
}

/// Ten-digit account numbers, distinct, unrelated to their index.
fn account_number(i: u32) -> u64 {
    (u64::from(i) * 2_654_435_761 + 1_234_567_891) % 10_000_000_000
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `2026-03-14T21:05:00+07:00`.
fn timestamp(utc: i64) -> String {
    let local = utc + OFFSET;
    let (y, m, d) = civil_from_days(local.div_euclid(DAY));
    let s = local.rem_euclid(DAY);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+07:00", s / 3600, (s / 60) % 60, s % 60)
}

/// Plants patterns; returns (account, typology) rows.
struct Planter<'a> {
    rng: Rng,
    pop: &'a mut Population,
    txs: &'a mut Vec<Tx>,
    truth: Vec<(u32, &'static str)>,
}

impl Planter<'_> {
    fn pay(&mut self, time: i64, from: u32, to: u32, amount: i64) {
        self.txs.push(Tx { time, from, to, amount });
    }

    fn fan_in(&mut self) {
        let c = self.pop.fresh(&mut self.rng);
        let k = self.rng.range(10, 30) as usize;
        let t0 = pattern_start(&mut self.rng, 10);
        for s in self.pop.distinct(&mut self.rng, k, &[c]) {
            let t = t0 + self.rng.below(48 * 3600) as i64;
            let a = baht(&mut self.rng, 1_000, 20_000);
            self.pay(t, s, c, a);
        }
        self.truth.push((c, "fan_in"));
    }

    fn fan_out(&mut self) {
        let d = self.pop.fresh(&mut self.rng);
        let k = self.rng.range(10, 30) as usize;
        let t0 = pattern_start(&mut self.rng, 10);
        let receivers = self.pop.distinct(&mut self.rng, k, &[d]);
        let amounts: Vec<i64> = receivers.iter().map(|_| baht(&mut self.rng, 1_000, 20_000)).collect();
        let funder = self.pop.pick(&mut self.rng);
        let lead = i64::from(self.rng.range(1, 20)) * HOUR;
        self.pay(t0 - lead, funder, d, amounts.iter().sum());
        for (r, a) in receivers.into_iter().zip(amounts) {
            let t = t0 + self.rng.below(48 * 3600) as i64;
            self.pay(t, d, r, a);
        }
        self.truth.push((d, "fan_out"));
    }

    /// Money around `n` fresh accounts (times rising, a small fee each hop).
    fn path(&mut self, n: usize, close: bool, max_delay_h: u32, label: &'static str) {
        let accounts: Vec<u32> = (0..n).map(|_| self.pop.fresh(&mut self.rng)).collect();
        let mut t = pattern_start(&mut self.rng, 20);
        let mut amount = baht(&mut self.rng, 20_000, 500_000);
        let hops = if close { n } else { n - 1 };
        for k in 0..hops {
            let (from, to) = (accounts.get(k).copied().unwrap_or(0), accounts.get((k + 1) % n).copied().unwrap_or(0));
            self.pay(t, from, to, amount);
            t += i64::from(self.rng.range(1, max_delay_h)) * HOUR + self.rng.below(3600) as i64;
            amount = amount * (1000 - self.rng.below(31) as i64) / 1000;
        }
        for a in accounts {
            self.truth.push((a, label));
        }
    }

    fn scatter_gather(&mut self) {
        let s = self.pop.fresh(&mut self.rng);
        let t = self.pop.fresh(&mut self.rng);
        let m = self.rng.range(4, 7) as usize;
        let t0 = pattern_start(&mut self.rng, 10);
        for _ in 0..m {
            let i = self.pop.fresh(&mut self.rng);
            let a = baht(&mut self.rng, 10_000, 200_000);
            let t1 = t0 + self.rng.below(24 * 3600) as i64;
            let t2 = t1 + i64::from(self.rng.range(1, 48)) * HOUR;
            self.pay(t1, s, i, a);
            let fee = self.rng.below(51) as i64;
            self.pay(t2, i, t, a * (1000 - fee) / 1000);
            self.truth.push((i, "scatter_gather"));
        }
        self.truth.push((s, "scatter_gather"));
        self.truth.push((t, "scatter_gather"));
    }

    fn gather_scatter(&mut self) {
        let c = self.pop.fresh(&mut self.rng);
        let t0 = pattern_start(&mut self.rng, 10);
        let m = self.rng.range(5, 12) as usize;
        let senders = self.pop.distinct(&mut self.rng, m, &[c]);
        let mut total = 0i64;
        let mut last = t0;
        for s in senders {
            let t = t0 + self.rng.below(48 * 3600) as i64;
            let a = baht(&mut self.rng, 5_000, 100_000);
            total += a;
            last = last.max(t);
            self.pay(t, s, c, a);
        }
        let k = self.rng.range(5, 12) as usize;
        let receivers = self.pop.distinct(&mut self.rng, k, &[c]);
        let out = total * (900 + self.rng.below(101) as i64) / 1000;
        let each = out / receivers.len().max(1) as i64;
        for r in receivers {
            let t = last + i64::from(self.rng.range(1, 48)) * HOUR;
            let a = (each * (800 + self.rng.below(401) as i64) / 1000).max(100);
            self.pay(t, c, r, a);
        }
        self.truth.push((c, "gather_scatter"));
    }

    fn structuring(&mut self) {
        let s = self.pop.fresh(&mut self.rng);
        let receivers: Vec<u32> = (0..self.rng.range(1, 3)).map(|_| self.pop.pick(&mut self.rng)).collect();
        let t0 = pattern_start(&mut self.rng, 10);
        for _ in 0..self.rng.range(3, 8) {
            let t = t0 + self.rng.below(6 * 86_400) as i64;
            let r = self.rng.pick(&receivers);
            let a = baht(&mut self.rng, 1_820_000, 1_995_000);
            self.pay(t, s, r, a);
        }
        self.truth.push((s, "structuring"));
    }

    fn wage_sweep(&mut self) {
        let c = self.pop.fresh(&mut self.rng);
        let d = self.pop.fresh(&mut self.rng);
        let employer = self.pop.pick(&mut self.rng);
        let workers = self.rng.range(5, 20);
        let wages: Vec<i64> = (0..workers).map(|_| baht(&mut self.rng, 6_000, 25_000)).collect();
        let months = self.rng.range(2, 4) as i64;
        let first = pattern_start(&mut self.rng, 31 * months + 5);
        for m in 0..months {
            let pay_day = first + m * 30 * DAY;
            let mut total = 0;
            for w in &wages {
                let t = pay_day + self.rng.below(4 * 3600) as i64;
                self.pay(t, employer, c, *w);
                total += w;
            }
            let swept = total * (850 + self.rng.below(151) as i64) / 1000;
            let parts = self.rng.range(1, 2) as i64;
            for _ in 0..parts {
                let t = pay_day + 5 * HOUR + i64::from(self.rng.range(1, 40)) * HOUR;
                self.pay(t, c, d, swept / parts);
            }
        }
        self.truth.push((c, "wage_sweep"));
        self.truth.push((d, "wage_sweep"));
    }

    fn late_night(&mut self) {
        let a = self.pop.fresh(&mut self.rng);
        let n = self.rng.range(12, 40) as usize;
        let t0 = pattern_start(&mut self.rng, 120);
        for s in self.pop.distinct(&mut self.rng, n, &[a]) {
            let day = self.rng.below(110) as i64;
            // 22:00 to 05:59 local: 15:00 to 22:59 UTC.
            let local = t0 - (t0 + OFFSET).rem_euclid(DAY) + day * DAY + 22 * HOUR + self.rng.below(8 * 3600) as i64;
            let a2 = baht(&mut self.rng, 1_500, 10_000);
            self.pay(local, s, a, a2);
        }
        self.truth.push((a, "late_night"));
    }

    fn pass_through(&mut self) {
        let f = self.pop.fresh(&mut self.rng);
        let d = self.pop.pick(&mut self.rng);
        let n = self.rng.range(8, 30) as usize;
        let t0 = pattern_start(&mut self.rng, 60);
        let mut deposits: Vec<(i64, i64, u32)> = self
            .pop
            .distinct(&mut self.rng, n, &[f, d])
            .into_iter()
            .map(|s| (t0 + self.rng.below(50 * 86_400) as i64, baht(&mut self.rng, 5_000, 50_000), s))
            .collect();
        deposits.sort_unstable();
        // Each deposit leaves within 1 to 20 hours, together with any that arrive before it goes.
        let mut pending = 0i64;
        let mut due = i64::MAX;
        for k in 0..deposits.len() {
            let Some(&(t, a, s)) = deposits.get(k) else { break };
            self.pay(t, s, f, a);
            pending += a;
            if due == i64::MAX {
                due = t + i64::from(self.rng.range(1, 20)) * HOUR;
            }
            let next = deposits.get(k + 1).map_or(i64::MAX, |d| d.0);
            if next > due {
                let kept = 970 + self.rng.below(31) as i64;
                self.pay(due, f, d, pending * kept / 1000);
                pending = 0;
                due = i64::MAX;
            }
        }
        self.truth.push((f, "pass_through"));
    }
}

/// Writes tx.csv, truth.csv and sources.txt.
pub fn generate_money(
    config: MoneyConfig,
    tx: &mut impl Write,
    truth: &mut impl Write,
    sources: &mut impl Write,
) -> io::Result<MoneySummary> {
    let mut rng = Rng::new(config.seed ^ 0x006d_6f6e_6579);
    let n_payments = config.payments.max(1000);
    let n_accounts = (n_payments / 10).max(1000) as usize;
    let (mut pop, _) = Population::new(n_accounts, &mut rng);
    let mut txs: Vec<Tx> = Vec::with_capacity(n_payments as usize + 1024);

    // Hubs: the busiest accounts, so that they are not "quiet".
    let hub_payments = if n_payments >= 1_000_000 { 100_000 } else { n_payments / 20 };
    let hubs: Vec<u32> = (0..5u32).map(|k| (n_accounts as u32 - 1) - k * 7).collect();
    pop.quiet.retain(|a| !hubs.contains(a));

    // Planted patterns first (they use quiet accounts), then hubs and ordinary traffic fill up.
    let instances = (n_payments / 10_000).clamp(20, 300);
    let mut planter =
        Planter { rng: Rng::for_item(config.seed, 7, 0), pop: &mut pop, txs: &mut txs, truth: Vec::new() };
    for _ in 0..instances {
        planter.fan_in();
        planter.fan_out();
        let n = planter.rng.range(2, 6) as usize;
        planter.path(n, true, 48, "cycle");
        planter.scatter_gather();
        planter.gather_scatter();
        let n = planter.rng.range(4, 7) as usize;
        planter.path(n, false, 24, "layered_chain");
        planter.structuring();
        planter.wage_sweep();
        planter.late_night();
        planter.pass_through();
    }
    let truth_rows = std::mem::take(&mut planter.truth);
    let planted = txs.len() as u64;

    for &h in &hubs {
        for _ in 0..hub_payments {
            let other = pop.pick(&mut rng);
            if other == h {
                continue;
            }
            let amount = baht(&mut rng, 50, 2_000);
            let t = ordinary_time(&mut rng);
            if rng.chance(0.5) {
                txs.push(Tx { time: t, from: h, to: other, amount });
            } else {
                txs.push(Tx { time: t, from: other, to: h, amount });
            }
        }
    }
    while (txs.len() as u64) < n_payments {
        let from = pop.pick(&mut rng);
        let to = pop.pick(&mut rng);
        if from == to {
            continue;
        }
        txs.push(Tx { time: ordinary_time(&mut rng), from, to, amount: ordinary_amount(&mut rng) });
    }
    txs.sort_by_key(|t| (t.time, t.from, t.to));

    writeln!(tx, "{TX_HEADER}")?;
    for (k, t) in txs.iter().enumerate() {
        writeln!(
            tx,
            "T{:09},{:010},{:010},{}.{:02},THB,{}",
            k + 1,
            account_number(t.from),
            account_number(t.to),
            t.amount / 100,
            t.amount % 100,
            timestamp(t.time)
        )?;
    }
    writeln!(truth, "{MONEY_TRUTH_HEADER}")?;
    for (a, typology) in &truth_rows {
        writeln!(truth, "{:010},{typology}", account_number(*a))?;
    }
    let mut used = std::collections::HashSet::new();
    let mut k = 0usize;
    while used.len() < config.sources && k < config.sources * 20 {
        k += 1;
        let a = if k.is_multiple_of(2) {
            rng.below(n_accounts) as u32
        } else {
            txs.get(rng.below(txs.len())).map_or(0, |t| t.from)
        };
        if used.insert(a) {
            writeln!(sources, "{:010}", account_number(a))?;
        }
    }
    Ok(MoneySummary {
        payments: txs.len() as u64,
        accounts: n_accounts as u64,
        hubs: hubs.len() as u64,
        planted_patterns: instances * TYPOLOGIES.len() as u64,
        planted_payments: planted,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn run(payments: u64, seed: u64) -> (String, String, String, MoneySummary) {
        let (mut tx, mut truth, mut sources) = (Vec::new(), Vec::new(), Vec::new());
        let config = MoneyConfig { payments, seed, sources: 100 };
        let summary = generate_money(config, &mut tx, &mut truth, &mut sources).unwrap();
        let s = |v: Vec<u8>| String::from_utf8(v).unwrap();
        (s(tx), s(truth), s(sources), summary)
    }

    #[test]
    fn the_same_seed_gives_the_same_files_with_every_typology_planted() {
        let (tx, truth, sources, summary) = run(30_000, 7);
        assert_eq!(tx.lines().count() as u64, summary.payments + 1);
        assert!(tx.starts_with(&format!("{TX_HEADER}\n")));
        assert!(truth.starts_with(&format!("{MONEY_TRUTH_HEADER}\n")));
        for t in TYPOLOGIES {
            assert!(truth.lines().filter(|l| l.ends_with(&format!(",{t}"))).count() >= 20, "{t}");
        }
        assert_eq!(sources.lines().count(), 100);
        let row = tx.lines().nth(1).unwrap();
        let fields: Vec<&str> = row.split(',').collect();
        assert_eq!(fields.len(), 6);
        assert_eq!(fields[4], "THB");
        assert!(fields[5].ends_with("+07:00"), "{row}");
        let (tx2, truth2, sources2, _) = run(30_000, 7);
        assert_eq!((tx, truth, sources), (tx2, truth2, sources2));
        assert_ne!(run(30_000, 8).0, run(30_000, 7).0);
    }
}
