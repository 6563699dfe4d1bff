//! Rules and typologies over a whole ledger (docs/decisions/0016-money-engine.md).
//!
//! Per-account rules run in one parallel pass over accounts: fan-in and fan-out (a burst of
//! distinct counterparties well above the account's own rate), gather-scatter, structuring, wages
//! swept out, late-night activity and rapid pass-through (funnel accounts). The path typologies
//! (cycles, layered chains, scatter-gather) are built on one relation computed once, in parallel:
//! payment `q` *follows* payment `p` when `q` leaves the account `p` went into, strictly after `p`
//! and within [`Rules::follow_hours`], in the same currency, with an amount within
//! [`Rules::follow_tolerance`] of `p`'s, and that account is not a hub (more than
//! [`Rules::hub_payments`] payments: a payment processor or a payroll bureau passes money through
//! all day, a money mule does not). Times rise along the relation, so it is a DAG over payments.
//!
//! Every threshold is a field of [`Rules`] with its default documented; every alert names its
//! rule, its accounts, the payments that triggered it and a score in 0..1 (0.5 at the threshold,
//! rising towards 1 the further beyond it).

use std::collections::HashMap;

use rayon::prelude::*;

use super::ledger::Ledger;
use super::{within, AccountId, Currency, PaymentIx};

/// What an alert is about. The codes are stable (they are written to alerts.csv).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Many distinct senders into one account in a short window, far above its usual rate.
    FanIn,
    /// One account paying many distinct receivers in a short window, far above its usual rate.
    FanOut,
    /// Money returning to where it started through 2 to 6 accounts, times rising.
    Cycle,
    /// One account paying several intermediaries who each pass a similar amount on to one account.
    ScatterGather,
    /// Many senders into one account, which then pays about as much out to many receivers.
    GatherScatter,
    /// A path of at least three payments of similar amounts, each held briefly.
    LayeredChain,
    /// Repeated payments just below a reporting threshold.
    Structuring,
    /// Several wage payments into one account, swept out within hours.
    WageSweep,
    /// Most of an account's payments between 22:00 and 06:00 local time.
    LateNight,
    /// A funnel account: money from many senders leaves within hours, mostly to one account.
    PassThrough,
}

impl Rule {
    pub const ALL: [Rule; 10] = [
        Rule::FanIn,
        Rule::FanOut,
        Rule::Cycle,
        Rule::ScatterGather,
        Rule::GatherScatter,
        Rule::LayeredChain,
        Rule::Structuring,
        Rule::WageSweep,
        Rule::LateNight,
        Rule::PassThrough,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::FanIn => "fan_in",
            Rule::FanOut => "fan_out",
            Rule::Cycle => "cycle",
            Rule::ScatterGather => "scatter_gather",
            Rule::GatherScatter => "gather_scatter",
            Rule::LayeredChain => "layered_chain",
            Rule::Structuring => "structuring",
            Rule::WageSweep => "wage_sweep",
            Rule::LateNight => "late_night",
            Rule::PassThrough => "pass_through",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A reporting threshold: payments of at least `minor` in `currency` are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StructuringThreshold {
    pub currency: Currency,
    pub minor: i64,
}

/// The amounts that look like one worker's wage, in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WageBand {
    pub currency: Currency,
    pub min_minor: i64,
    pub max_minor: i64,
}

/// Every threshold of the scan. The defaults are the ones the benchmark reaches its figures with;
/// amounts are per currency and only checked in the currencies listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// Accounts with more payments (in and out) than this are hubs: never an intermediary of a
    /// followed payment, a gather-scatter centre or a funnel. Default 1,000.
    pub hub_payments: usize,
    /// A followed payment's amount is within this fraction of the payment it follows. Default 0.1.
    pub follow_tolerance: f64,
    /// ... and leaves at most this many hours after it. Default 72.
    pub follow_hours: i64,
    /// Payments below this many minor units (of any currency) are not followed: layering moves
    /// sums worth hiding, and small everyday amounts match each other by chance. Default
    /// 1,000,000 (10,000.00 THB).
    pub follow_min_minor: i64,
    /// At most this many followers of one payment are kept (in time order). Default 32.
    pub follow_max: usize,
    /// A payment is followed only through an account that made at most this many payments (in
    /// its currency) in the `follow_hours` after it: when a busy account pays out a similar amount
    /// among many payments, that is chance, not the same money. Default 4.
    pub follow_max_outgoing: usize,

    /// Fan-in / fan-out: at least this many distinct counterparties ... Default 8.
    pub fan_min_counterparties: usize,
    /// ... within this many hours ... Default 72.
    pub fan_hours: i64,
    /// ... and at least this many times what the account's own rate over the file would put in
    /// such a window. Default 5.
    pub fan_burst_ratio: f64,

    /// Cycles of at least this many payments (2 to 6). Default 2.
    pub cycle_min_len: usize,
    /// ... and at most this many. Default 6.
    pub cycle_max_len: usize,
    /// From the first payment of a cycle to its last, at most this many hours. Default 336 (14 days).
    pub cycle_hours: i64,

    /// A layered chain is at least this many followed payments. Default 3.
    pub chain_min_payments: usize,

    /// Scatter-gather: at least this many distinct intermediaries ... Default 4.
    pub scatter_min_intermediaries: usize,
    /// ... paid by the source within this many hours. Default 72.
    pub scatter_hours: i64,

    /// Gather-scatter: at least this many distinct senders in, and as many receivers out ... Default 5.
    pub gather_min_counterparties: usize,
    /// ... the senders within this many hours, the receivers within as many after. Default 72.
    pub gather_hours: i64,
    /// ... and what goes out within this fraction of what came in. Default 0.2.
    pub gather_balance: f64,

    /// Reporting thresholds. Default: 2,000,000 THB (AMLO's cash threshold; unconfirmed for
    /// transfers: a setting), 10,000 USD.
    pub structuring_thresholds: Vec<StructuringThreshold>,
    /// "Just below": within this fraction under the threshold. Default 0.1.
    pub structuring_margin: f64,
    /// At least this many such payments by one account ... Default 3.
    pub structuring_min_payments: usize,
    /// ... within this many hours. Default 168 (7 days).
    pub structuring_hours: i64,

    /// Wage-like amounts. Default 5,000 to 30,000 THB (a month's wage of a Thai or migrant worker).
    pub wage_bands: Vec<WageBand>,
    /// At least this many wage-like payments into one account ... Default 5.
    pub wage_min_payments: usize,
    /// ... within this many hours (a pay day) ... Default 72.
    pub wage_hours: i64,
    /// ... of which at least this fraction leaves ... Default 0.8.
    pub sweep_share: f64,
    /// ... within this many hours of the last wage ... Default 48.
    pub sweep_hours: i64,
    /// ... in at most this many payments. Default 3.
    pub sweep_max_payments: usize,

    /// Late night: from this minute of the local day (22:00) ... Default 1320.
    pub night_start_minute: u16,
    /// ... to this one (06:00). Default 360.
    pub night_end_minute: u16,
    /// An account with at least this many payments ... Default 10.
    pub night_min_payments: usize,
    /// ... of which at least this fraction at night. Default 0.6.
    pub night_share: f64,

    /// Pass-through: at least this many payments in ... Default 6.
    pub pass_min_inflows: usize,
    /// ... from at least this many distinct senders whose money left quickly ... Default 4.
    pub pass_min_senders: usize,
    /// ... of which at least this fraction (by amount, newest money first) leaves ... Default 0.8.
    pub pass_share: f64,
    /// ... within this many hours of arriving ... Default 48.
    pub pass_hours: i64,
    /// ... with at least this fraction of what leaves going to one account. Default 0.8.
    pub pass_concentration: f64,

    /// At most this many payments named as an alert's evidence. Default 1,000.
    pub max_evidence: usize,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            hub_payments: 1000,
            follow_tolerance: 0.1,
            follow_hours: 72,
            follow_min_minor: 1_000_000,
            follow_max: 32,
            follow_max_outgoing: 4,
            fan_min_counterparties: 8,
            fan_hours: 72,
            fan_burst_ratio: 5.0,
            cycle_min_len: 2,
            cycle_max_len: 6,
            cycle_hours: 336,
            chain_min_payments: 3,
            scatter_min_intermediaries: 4,
            scatter_hours: 72,
            gather_min_counterparties: 5,
            gather_hours: 72,
            gather_balance: 0.2,
            structuring_thresholds: vec![
                StructuringThreshold { currency: Currency::THB, minor: 200_000_000 },
                StructuringThreshold { currency: Currency::USD, minor: 1_000_000 },
            ],
            structuring_margin: 0.1,
            structuring_min_payments: 3,
            structuring_hours: 168,
            wage_bands: vec![WageBand { currency: Currency::THB, min_minor: 500_000, max_minor: 3_000_000 }],
            wage_min_payments: 5,
            wage_hours: 72,
            sweep_share: 0.8,
            sweep_hours: 48,
            sweep_max_payments: 3,
            night_start_minute: 22 * 60,
            night_end_minute: 6 * 60,
            night_min_payments: 10,
            night_share: 0.6,
            pass_min_inflows: 6,
            pass_min_senders: 4,
            pass_share: 0.8,
            pass_hours: 48,
            pass_concentration: 0.8,
            max_evidence: 1000,
        }
    }
}

/// One alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub rule: Rule,
    /// The accounts it is about (the centre first where there is one).
    pub accounts: Vec<AccountId>,
    /// The payments that triggered it, in time order.
    pub payments: Vec<PaymentIx>,
    /// 0.5 at the rule's threshold, towards 1 beyond it.
    pub score: f64,
}

/// 0.5 when `x` is at the threshold `at`, towards 1 as it grows.
fn strength(x: f64, at: f64) -> f64 {
    if x <= 0.0 || at <= 0.0 {
        return 1.0;
    }
    (1.0 - 0.5 * at / x).clamp(0.0, 1.0)
}

/// 0.5 when a fraction `x` is at `at`, 1 when it is 1.
fn share_strength(x: f64, at: f64) -> f64 {
    if at >= 1.0 {
        return 1.0;
    }
    (0.5 + 0.5 * (x - at) / (1.0 - at)).clamp(0.0, 1.0)
}

const HOUR: i64 = 3600;

/// Scans a ledger with every rule. `progress` is told each stage's name as it starts.
pub fn scan(l: &Ledger, rules: &Rules, progress: &(dyn Fn(&str) + Sync)) -> Vec<Alert> {
    progress("per-account rules");
    let mut alerts: Vec<Alert> = (0..l.account_count() as AccountId)
        .into_par_iter()
        .with_min_len(256)
        .flat_map_iter(|a| {
            let mut out = Vec::new();
            fan(l, rules, a, true, &mut out);
            fan(l, rules, a, false, &mut out);
            gather_scatter(l, rules, a, &mut out);
            structuring(l, rules, a, &mut out);
            wage_sweep(l, rules, a, &mut out);
            late_night(l, rules, a, &mut out);
            pass_through(l, rules, a, &mut out);
            out
        })
        .collect();
    progress("following payments");
    let follow = Follow::new(l, rules);
    progress("cycles");
    let cycles = cycles(l, rules, &follow);
    progress("layered chains");
    let mut in_cycle = vec![false; l.payment_count()];
    for c in &cycles {
        for &p in &c.payments {
            if let Some(x) = in_cycle.get_mut(p as usize) {
                *x = true;
            }
        }
    }
    alerts.extend(chains(l, rules, &follow, &in_cycle));
    alerts.extend(cycles);
    progress("scatter-gather");
    alerts.extend(scatter_gather(l, rules, &follow));
    alerts.par_sort_by(|a, b| {
        (a.rule, a.accounts.first(), a.payments.first()).cmp(&(b.rule, b.accounts.first(), b.payments.first()))
    });
    alerts
}

fn is_hub(l: &Ledger, rules: &Rules, a: AccountId) -> bool {
    l.degree(a) > rules.hub_payments
}

fn evidence(rules: &Rules, mut payments: Vec<PaymentIx>) -> Vec<PaymentIx> {
    payments.sort_unstable();
    payments.dedup();
    payments.truncate(rules.max_evidence);
    payments
}

/// Fan-in (`incoming`) or fan-out: windows of `fan_hours` with enough distinct counterparties.
fn fan(l: &Ledger, rules: &Rules, a: AccountId, incoming: bool, out: &mut Vec<Alert>) {
    let list = if incoming { l.incoming(a) } else { l.outgoing(a) };
    if list.len() < rules.fan_min_counterparties {
        return;
    }
    let (first, last) = l.span();
    let span = (last - first).max(rules.fan_hours * HOUR) as f64;
    let expected = list.len() as f64 * (rules.fan_hours * HOUR) as f64 / span;
    let needed = (rules.fan_min_counterparties as f64).max((rules.fan_burst_ratio * expected).ceil());
    let other = |p: PaymentIx| if incoming { l.payer_of(p) } else { l.payee_of(p) };
    let mut counts: HashMap<AccountId, u32> = HashMap::new();
    let (mut i, mut j) = (0usize, 0usize);
    while i < list.len() {
        let t0 = list.get(i).map_or(0, |&p| l.time_of(p));
        while let Some(&p) = list.get(j) {
            if l.time_of(p) > t0 + rules.fan_hours * HOUR {
                break;
            }
            *counts.entry(other(p)).or_default() += 1;
            j += 1;
        }
        if counts.len() as f64 >= needed {
            let window = list.get(i..j).unwrap_or(&[]);
            out.push(Alert {
                rule: if incoming { Rule::FanIn } else { Rule::FanOut },
                accounts: vec![a],
                payments: evidence(rules, window.to_vec()),
                score: strength(counts.len() as f64, needed),
            });
            counts.clear();
            i = j;
            continue;
        }
        if let Some(&p) = list.get(i) {
            let k = other(p);
            if let Some(c) = counts.get_mut(&k) {
                *c -= 1;
                if *c == 0 {
                    counts.remove(&k);
                }
            }
        }
        i += 1;
        j = j.max(i);
    }
}

/// Gather-scatter: a window of distinct senders, then as many receivers paid about as much.
fn gather_scatter(l: &Ledger, rules: &Rules, a: AccountId, out: &mut Vec<Alert>) {
    let (ins, outs) = (l.incoming(a), l.outgoing(a));
    let m = rules.gather_min_counterparties;
    if ins.len() < m || outs.len() < m || is_hub(l, rules, a) {
        return;
    }
    let w = rules.gather_hours * HOUR;
    // As for fan-in: a burst well above the account's own rate, not a busy account's usual week.
    let (first, last) = l.span();
    let expected = ins.len() as f64 * w as f64 / ((last - first).max(w) as f64);
    let needed = (m as f64).max((rules.fan_burst_ratio * expected).ceil());
    let mut i = 0usize;
    while i < ins.len() {
        let t0 = ins.get(i).map_or(0, |&p| l.time_of(p));
        let window = l.between(ins.get(i..).unwrap_or(&[]), t0, t0 + w);
        let mut senders: Vec<AccountId> = window.iter().map(|&p| l.payer_of(p)).collect();
        senders.sort_unstable();
        senders.dedup();
        if (senders.len() as f64) < needed {
            i += 1;
            continue;
        }
        let t1 = window.last().map_or(t0, |&p| l.time_of(p));
        let currency = window.first().map_or(Currency::THB, |&p| l.currency_of(p));
        let total_in: i64 = window.iter().filter(|&&p| l.currency_of(p) == currency).map(|&p| l.amount_of(p)).sum();
        let paid = l.between(outs, t0 + 1, t1 + w);
        let paid: Vec<PaymentIx> = paid.iter().copied().filter(|&p| l.currency_of(p) == currency).collect();
        let mut receivers: Vec<AccountId> = paid.iter().map(|&p| l.payee_of(p)).collect();
        receivers.sort_unstable();
        receivers.dedup();
        let total_out: i64 = paid.iter().map(|&p| l.amount_of(p)).sum();
        if receivers.len() as f64 >= needed.min(2.0 * m as f64) && within(total_in, total_out, rules.gather_balance) {
            let mut payments = window.to_vec();
            payments.extend(&paid);
            let balance = 1.0 - (total_out - total_in).abs() as f64 / total_in.max(1) as f64;
            out.push(Alert {
                rule: Rule::GatherScatter,
                accounts: vec![a],
                payments: evidence(rules, payments),
                score: (strength(senders.len().min(receivers.len()) as f64, m as f64) * 0.7 + balance * 0.3)
                    .clamp(0.0, 1.0),
            });
            i += window.len();
            continue;
        }
        i += 1;
    }
}

/// Structuring: payments out just below a reporting threshold, several within a window.
fn structuring(l: &Ledger, rules: &Rules, a: AccountId, out: &mut Vec<Alert>) {
    let outs = l.outgoing(a);
    if outs.len() < rules.structuring_min_payments {
        return;
    }
    let below: Vec<PaymentIx> = outs
        .iter()
        .copied()
        .filter(|&p| {
            let (c, m) = (l.currency_of(p), l.amount_of(p));
            rules.structuring_thresholds.iter().any(|t| {
                t.currency == c && m < t.minor && (m as f64) >= t.minor as f64 * (1.0 - rules.structuring_margin)
            })
        })
        .collect();
    let w = rules.structuring_hours * HOUR;
    let mut i = 0usize;
    while i < below.len() {
        let t0 = below.get(i).map_or(0, |&p| l.time_of(p));
        let window = l.between(below.get(i..).unwrap_or(&[]), t0, t0 + w);
        if window.len() >= rules.structuring_min_payments {
            out.push(Alert {
                rule: Rule::Structuring,
                accounts: vec![a],
                payments: evidence(rules, window.to_vec()),
                score: strength(window.len() as f64, rules.structuring_min_payments as f64),
            });
            i += window.len();
        } else {
            i += 1;
        }
    }
}

/// Wages of several workers into one account, then swept out.
fn wage_sweep(l: &Ledger, rules: &Rules, a: AccountId, out: &mut Vec<Alert>) {
    let ins = l.incoming(a);
    if ins.len() < rules.wage_min_payments || is_hub(l, rules, a) {
        return;
    }
    let wages: Vec<PaymentIx> = ins
        .iter()
        .copied()
        .filter(|&p| {
            let (c, m) = (l.currency_of(p), l.amount_of(p));
            rules.wage_bands.iter().any(|b| b.currency == c && (b.min_minor..=b.max_minor).contains(&m))
        })
        .collect();
    let w = rules.wage_hours * HOUR;
    let mut i = 0usize;
    while i < wages.len() {
        let t0 = wages.get(i).map_or(0, |&p| l.time_of(p));
        let window = l.between(wages.get(i..).unwrap_or(&[]), t0, t0 + w);
        if window.len() < rules.wage_min_payments {
            i += 1;
            continue;
        }
        let t1 = window.last().map_or(t0, |&p| l.time_of(p));
        let currency = window.first().map_or(Currency::THB, |&p| l.currency_of(p));
        let total: i64 = window.iter().filter(|&&p| l.currency_of(p) == currency).map(|&p| l.amount_of(p)).sum();
        let mut swept: Vec<PaymentIx> = l
            .between(l.outgoing(a), t0 + 1, t1 + rules.sweep_hours * HOUR)
            .iter()
            .copied()
            .filter(|&p| l.currency_of(p) == currency)
            .collect();
        // Swept to one account: the one that got most.
        let mut to_each: HashMap<AccountId, i64> = HashMap::new();
        for &p in &swept {
            *to_each.entry(l.payee_of(p)).or_default() += l.amount_of(p);
        }
        let target = to_each.iter().max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k))).map(|(k, _)| *k);
        swept.retain(|&p| Some(l.payee_of(p)) == target);
        swept.sort_unstable_by_key(|&p| std::cmp::Reverse(l.amount_of(p)));
        swept.truncate(rules.sweep_max_payments);
        let out_total: i64 = swept.iter().map(|&p| l.amount_of(p)).sum();
        let share = out_total as f64 / total.max(1) as f64;
        if share >= rules.sweep_share {
            let mut accounts = vec![a];
            if let Some(&big) = swept.first() {
                accounts.push(l.payee_of(big));
            }
            accounts.dedup();
            let mut payments = window.to_vec();
            payments.extend(&swept);
            out.push(Alert {
                rule: Rule::WageSweep,
                accounts,
                payments: evidence(rules, payments),
                score: (0.5 * strength(window.len() as f64, rules.wage_min_payments as f64)
                    + 0.5 * share_strength(share.min(1.0), rules.sweep_share))
                .clamp(0.0, 1.0),
            });
            i += window.len();
        } else {
            i += 1;
        }
    }
}

/// Most of an account's payments at night, local time.
fn late_night(l: &Ledger, rules: &Rules, a: AccountId, out: &mut Vec<Alert>) {
    let n = l.degree(a);
    if n < rules.night_min_payments {
        return;
    }
    let (s, e) = (rules.night_start_minute, rules.night_end_minute);
    let night = |p: &PaymentIx| {
        let m = l.minute.get(*p as usize).copied().unwrap_or(720);
        if s <= e {
            (s..e).contains(&m)
        } else {
            m >= s || m < e
        }
    };
    let count = l.outgoing(a).iter().filter(|p| night(p)).count() + l.incoming(a).iter().filter(|p| night(p)).count();
    let share = count as f64 / n as f64;
    if count >= rules.night_min_payments && share >= rules.night_share {
        let payments: Vec<PaymentIx> =
            l.outgoing(a).iter().chain(l.incoming(a)).copied().filter(|p| night(p)).collect();
        out.push(Alert {
            rule: Rule::LateNight,
            accounts: vec![a],
            payments: evidence(rules, payments),
            score: share_strength(share, rules.night_share),
        });
    }
}

/// A funnel: money from many senders leaves within hours, mostly to one account.
fn pass_through(l: &Ledger, rules: &Rules, a: AccountId, out: &mut Vec<Alert>) {
    let (ins, outs) = (l.incoming(a), l.outgoing(a));
    if ins.len() < rules.pass_min_inflows || outs.is_empty() || is_hub(l, rules, a) {
        return;
    }
    let currency = ins.first().map_or(Currency::THB, |&p| l.currency_of(p));
    let mut senders: Vec<AccountId> = ins.iter().map(|&p| l.payer_of(p)).collect();
    senders.sort_unstable();
    senders.dedup();
    if senders.len() < rules.pass_min_senders {
        return;
    }
    // Newest money first: each payment out spends the money that came in last (a funnel passes
    // each deposit on; old savings stay at the bottom and do not hide it).
    let mut queue: std::collections::VecDeque<(i64, i64, AccountId)> = std::collections::VecDeque::new();
    let mut quick_senders: Vec<AccountId> = Vec::new();
    let (mut total_in, mut quick) = (0i64, 0i64);
    let mut by_receiver: HashMap<AccountId, i64> = HashMap::new();
    let mut total_out = 0i64;
    let (mut i, mut j) = (0usize, 0usize);
    let hold = rules.pass_hours * HOUR;
    loop {
        let take_in = match (ins.get(i), outs.get(j)) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(&p), Some(&q)) => p < q,
        };
        if take_in {
            if let Some(&p) = ins.get(i).filter(|&&p| l.currency_of(p) == currency) {
                queue.push_back((l.time_of(p), l.amount_of(p), l.payer_of(p)));
                total_in += l.amount_of(p);
            }
            i += 1;
            continue;
        }
        let Some(&q) = outs.get(j) else { break };
        j += 1;
        if l.currency_of(q) != currency {
            continue;
        }
        let (t, mut left) = (l.time_of(q), l.amount_of(q));
        total_out += left;
        *by_receiver.entry(l.payee_of(q)).or_default() += left;
        while left > 0 {
            let Some(front) = queue.back_mut() else { break };
            let used = front.1.min(left);
            if t - front.0 <= hold {
                quick += used;
                quick_senders.push(front.2);
            }
            front.1 -= used;
            left -= used;
            if front.1 == 0 {
                queue.pop_back();
            }
        }
    }
    quick_senders.sort_unstable();
    quick_senders.dedup();
    let share = quick as f64 / total_in.max(1) as f64;
    let top = by_receiver.iter().max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)));
    let concentration = top.map_or(0.0, |(_, v)| *v as f64 / total_out.max(1) as f64);
    if share >= rules.pass_share
        && concentration >= rules.pass_concentration
        && quick_senders.len() >= rules.pass_min_senders
    {
        let mut payments: Vec<PaymentIx> = ins.to_vec();
        payments.extend(outs);
        out.push(Alert {
            rule: Rule::PassThrough,
            accounts: vec![a],
            payments: evidence(rules, payments),
            score: (0.5 * share_strength(share.min(1.0), rules.pass_share)
                + 0.5 * strength(senders.len() as f64, rules.pass_min_senders as f64))
            .clamp(0.0, 1.0),
        });
    }
}

/// The "follows" relation: for each payment, the payments that follow it, in a CSR.
struct Follow {
    offsets: Vec<u32>,
    next: Vec<PaymentIx>,
    has_previous: Vec<bool>,
}

impl Follow {
    fn new(l: &Ledger, rules: &Rules) -> Follow {
        const CHUNK: usize = 1 << 16;
        let n = l.payment_count();
        let hold = rules.follow_hours * HOUR;
        let parts: Vec<(Vec<u32>, Vec<PaymentIx>)> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let mut counts = Vec::with_capacity(CHUNK);
                let mut flat = Vec::new();
                for p in (c * CHUNK..((c + 1) * CHUNK).min(n)).map(|p| p as PaymentIx) {
                    let b = l.payee_of(p);
                    let before = flat.len();
                    if !is_hub(l, rules, b) && l.amount_of(p) >= rules.follow_min_minor {
                        let (t, m, cur) = (l.time_of(p), l.amount_of(p), l.currency_of(p));
                        let window = l.between(l.outgoing(b), t + 1, t + hold);
                        let busy = window.len() > rules.follow_max_outgoing
                            && window.iter().filter(|&&q| l.currency_of(q) == cur).count() > rules.follow_max_outgoing;
                        for &q in window.iter().filter(|_| !busy) {
                            if l.currency_of(q) == cur && within(m, l.amount_of(q), rules.follow_tolerance) {
                                flat.push(q);
                                if flat.len() - before == rules.follow_max {
                                    break;
                                }
                            }
                        }
                    }
                    counts.push((flat.len() - before) as u32);
                }
                (counts, flat)
            })
            .collect();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0u32);
        let mut next = Vec::new();
        let mut has_previous = vec![false; n];
        for (counts, flat) in parts {
            for c in counts {
                let last = offsets.last().copied().unwrap_or(0);
                offsets.push(last + c);
            }
            for &q in &flat {
                if let Some(h) = has_previous.get_mut(q as usize) {
                    *h = true;
                }
            }
            next.extend(flat);
        }
        Follow { offsets, next, has_previous }
    }

    fn of(&self, p: PaymentIx) -> &[PaymentIx] {
        let (Some(&s), Some(&e)) = (self.offsets.get(p as usize), self.offsets.get(p as usize + 1)) else {
            return &[];
        };
        self.next.get(s as usize..e as usize).unwrap_or(&[])
    }
}

/// Temporal cycles: from each payment, followed payments back to its payer, through distinct
/// accounts. Each cycle is found once, from its earliest payment.
fn cycles(l: &Ledger, rules: &Rules, f: &Follow) -> Vec<Alert> {
    const BUDGET: usize = 4096;
    let max_len = rules.cycle_max_len.clamp(2, 16);
    let w = rules.cycle_hours * HOUR;
    (0..l.payment_count() as PaymentIx)
        .into_par_iter()
        .with_min_len(1024)
        .filter_map(|p| {
            let a = l.payer_of(p);
            if f.of(p).is_empty() || is_hub(l, rules, a) || l.incoming(a).is_empty() {
                return None;
            }
            let t0 = l.time_of(p);
            // Depth-first, one stack of (payment, index of the next follower to try).
            let mut path: Vec<(PaymentIx, usize)> = vec![(p, 0)];
            let mut steps = 0usize;
            while let Some(&(q, k)) = path.last() {
                steps += 1;
                if steps > BUDGET {
                    return None;
                }
                let Some(&r) = f.of(q).get(k) else {
                    path.pop();
                    continue;
                };
                if let Some(top) = path.last_mut() {
                    top.1 += 1;
                }
                if l.time_of(r) - t0 > w {
                    continue;
                }
                let to = l.payee_of(r);
                if to == a {
                    if path.len() + 1 >= rules.cycle_min_len {
                        let mut payments: Vec<PaymentIx> = path.iter().map(|e| e.0).collect();
                        payments.push(r);
                        let accounts: Vec<AccountId> = payments.iter().map(|&x| l.payer_of(x)).collect();
                        let first = l.amount_of(p);
                        let spread = (first - l.amount_of(r)).unsigned_abs() as f64 / first.max(1) as f64;
                        let len = payments.len() as f64;
                        return Some(Alert {
                            rule: Rule::Cycle,
                            accounts,
                            payments,
                            score: ((0.6 + 0.05 * (len - 2.0)) * (1.0 - 0.5 * spread)).clamp(0.0, 1.0),
                        });
                    }
                    continue;
                }
                if path.len() + 1 >= max_len || path.iter().any(|e| l.payer_of(e.0) == to) {
                    continue;
                }
                path.push((r, 0));
            }
            None
        })
        .collect()
}

/// Layered chains: the longest followed path from each payment that follows none, at least
/// `chain_min_payments` long, through distinct accounts, not part of a cycle.
fn chains(l: &Ledger, rules: &Rules, f: &Follow, in_cycle: &[bool]) -> Vec<Alert> {
    let n = l.payment_count();
    // Longest path (in payments) from each payment: followers come later, so backwards in order.
    let mut depth = vec![1u16; n];
    for p in (0..n).rev() {
        let best = f.of(p as PaymentIx).iter().map(|&q| depth.get(q as usize).copied().unwrap_or(1)).max();
        if let (Some(b), Some(d)) = (best, depth.get_mut(p)) {
            *d = b.saturating_add(1);
        }
    }
    let min = rules.chain_min_payments.max(2);
    (0..n as PaymentIx)
        .into_par_iter()
        .with_min_len(4096)
        .filter_map(|p| {
            if f.has_previous.get(p as usize).copied().unwrap_or(true)
                || usize::from(depth.get(p as usize).copied().unwrap_or(1)) < min
            {
                return None;
            }
            let mut payments = vec![p];
            let mut accounts = vec![l.payer_of(p), l.payee_of(p)];
            let mut cur = p;
            loop {
                let next = f
                    .of(cur)
                    .iter()
                    .copied()
                    .max_by_key(|&q| (depth.get(q as usize).copied().unwrap_or(1), std::cmp::Reverse(q)));
                let Some(q) = next else { break };
                let to = l.payee_of(q);
                if accounts.contains(&to) {
                    return None;
                }
                payments.push(q);
                accounts.push(to);
                cur = q;
            }
            if payments.len() < min || payments.iter().any(|&x| in_cycle.get(x as usize).copied().unwrap_or(false)) {
                return None;
            }
            let hops = payments.len() as f64;
            Some(Alert { rule: Rule::LayeredChain, accounts, payments, score: strength(hops, min as f64) })
        })
        .collect()
}

/// Scatter-gather: from one source, several intermediaries each pass a followed payment to one sink.
fn scatter_gather(l: &Ledger, rules: &Rules, f: &Follow) -> Vec<Alert> {
    let m = rules.scatter_min_intermediaries;
    let w = rules.scatter_hours * HOUR;
    (0..l.account_count() as AccountId)
        .into_par_iter()
        .with_min_len(256)
        .flat_map_iter(|s| {
            let outs = l.outgoing(s);
            let mut out = Vec::new();
            if outs.len() < m {
                return out;
            }
            // (sink, time, intermediary, payment in, payment out)
            let mut legs: Vec<(AccountId, i64, AccountId, PaymentIx, PaymentIx)> = Vec::new();
            for &p in outs {
                let i = l.payee_of(p);
                for &q in f.of(p) {
                    let t = l.payee_of(q);
                    if t != s && t != i {
                        legs.push((t, l.time_of(p), i, p, q));
                    }
                }
            }
            if legs.len() < m {
                return out;
            }
            legs.sort_unstable();
            for group in legs.chunk_by(|x, y| x.0 == y.0) {
                if group.len() < m {
                    continue;
                }
                let mut best: Option<(usize, usize, usize)> = None;
                for (k, leg) in group.iter().enumerate() {
                    let end = group.partition_point(|x| x.1 <= leg.1 + w);
                    let mut mids: Vec<AccountId> = group.get(k..end).unwrap_or(&[]).iter().map(|x| x.2).collect();
                    mids.sort_unstable();
                    mids.dedup();
                    if mids.len() >= m && best.is_none_or(|b| mids.len() > b.0) {
                        best = Some((mids.len(), k, end));
                    }
                }
                let Some((count, k, end)) = best else { continue };
                let legs = group.get(k..end).unwrap_or(&[]);
                let mut accounts = vec![s];
                let mut mids: Vec<AccountId> = legs.iter().map(|x| x.2).collect();
                mids.sort_unstable();
                mids.dedup();
                accounts.extend(mids);
                accounts.push(group.first().map_or(0, |x| x.0));
                let payments: Vec<PaymentIx> = legs.iter().flat_map(|x| [x.3, x.4]).collect();
                out.push(Alert {
                    rule: Rule::ScatterGather,
                    accounts,
                    payments: evidence(rules, payments),
                    score: strength(count as f64, m as f64),
                });
            }
            out
        })
        .collect()
}
