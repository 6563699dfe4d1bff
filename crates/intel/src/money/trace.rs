//! Tracing money forward or backward (docs/decisions/0016-money-engine.md).
//!
//! Forward from an account: its outgoing payments are hop 1; from a payment `p` into account `b`,
//! the next hop is each payment out of `b` made strictly after `p` and at most `window` after it,
//! in the same currency, whose amount is within `tolerance` of `p`'s (|q − p| ≤ tolerance × p).
//! Backward mirrors it: incoming payments, strictly earlier, at most `window` before. From a
//! payment, that payment is hop 1.
//!
//! Whether a payment may follow another depends only on those two payments, so the payments on
//! some valid path of at most `hops` payments are exactly those a breadth-first search over
//! payments reaches within `hops` levels, each payment visited once at its lowest hop. Each step is
//! two binary searches in the account's time-ordered list and a scan of the window between them;
//! the per-payment "seen" marks are a generation-stamped array reused across traces, so a trace
//! allocates only its frontier and its answer.
//!
//! Caps: at most `max_fanout` new payments are taken from one expansion (in time order; the
//! account is then listed in [`Flow::capped`]), and at most `max_payments` in all
//! ([`Flow::truncated`]); and money reaching a hub (more than `hub_payments` payments) is not
//! followed through it ([`Flow::hubs`]): a hub with 100,000 payments cannot make one trace take
//! seconds, and the analyst is told where the answer stops.

use std::collections::HashMap;

use super::ledger::Ledger;
use super::{within, AccountId, Currency, PaymentIx};

/// Which way to follow the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Where the money went: rising times.
    Forward,
    /// Where the money came from: falling times.
    Backward,
}

/// Where a trace starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Every payment out of (forward) or into (backward) the account is hop 1.
    Account(AccountId),
    /// This payment is hop 1.
    Payment(PaymentIx),
}

/// A trace's question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TraceQuery {
    pub start: Start,
    pub direction: Direction,
    /// At most this many payments in a path (hop 1 included).
    pub hops: u32,
    /// Each next amount within this fraction of the previous one (0.1: 10 %).
    pub tolerance: f64,
    /// Each next payment at most this many seconds after (backward: before) the previous one.
    pub window_secs: i64,
    /// At most this many new payments taken from one expansion (hop 1 included).
    pub max_fanout: usize,
    /// At most this many payments in the answer.
    pub max_payments: usize,
    /// Money reaching an account with more payments (in and out) than this is not followed
    /// through it: the account is listed in [`Flow::hubs`] instead (a payment processor passes
    /// everyone's money; following it joins unrelated flows). `usize::MAX`: no account is a hub.
    pub hub_payments: usize,
}

impl TraceQuery {
    /// Forward, 4 hops, 10 %, 7 days per hop, 1,000 payments per expansion, 100,000 in all.
    pub fn new(start: Start) -> TraceQuery {
        TraceQuery {
            start,
            direction: Direction::Forward,
            hops: 4,
            tolerance: 0.1,
            window_secs: 7 * 86_400,
            max_fanout: 1000,
            max_payments: 100_000,
            hub_payments: usize::MAX,
        }
    }
}

/// Money that went from one account to another in a trace, in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeTotal {
    pub from: AccountId,
    pub to: AccountId,
    pub currency: Currency,
    pub total_minor: i64,
    pub payments: u32,
    pub first_utc: i64,
    pub last_utc: i64,
}

/// What an account received and sent within a trace, in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountTotal {
    pub account: AccountId,
    pub currency: Currency,
    pub received_minor: i64,
    pub sent_minor: i64,
    /// The lowest hop of a payment touching the account (the start account: 0).
    pub hop: u32,
}

/// A trace's answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Flow {
    /// The payments reached and the hop each was first reached at, in time order.
    pub payments: Vec<(PaymentIx, u32)>,
    /// Per (payer, payee, currency), ordered by payer then payee.
    pub edges: Vec<EdgeTotal>,
    /// Per (account, currency), ordered by hop then account.
    pub accounts: Vec<AccountTotal>,
    /// Accounts whose payments were cut by the fan-out cap (not all that matched were followed).
    pub capped: Vec<AccountId>,
    /// The answer stopped at `max_payments`.
    pub truncated: bool,
    /// Hubs the money reached and was not followed through (`hub_payments`).
    pub hubs: Vec<AccountId>,
}

/// Runs traces over one ledger, reusing its scratch memory between them.
#[derive(Debug)]
pub struct Tracer<'l> {
    ledger: &'l Ledger,
    stamp: Vec<u32>,
    generation: u32,
    frontier: Vec<PaymentIx>,
    next: Vec<PaymentIx>,
}

impl<'l> Tracer<'l> {
    pub fn new(ledger: &'l Ledger) -> Tracer<'l> {
        Tracer { ledger, stamp: vec![0; ledger.payment_count()], generation: 0, frontier: Vec::new(), next: Vec::new() }
    }

    /// Marks `p` seen; false if it already was.
    #[inline]
    fn mark(&mut self, p: PaymentIx) -> bool {
        match self.stamp.get_mut(p as usize) {
            Some(s) if *s != self.generation => {
                *s = self.generation;
                true
            }
            _ => false,
        }
    }

    /// Answers one trace.
    pub fn trace(&mut self, q: &TraceQuery) -> Flow {
        let l = self.ledger;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
        let forward = q.direction == Direction::Forward;
        let mut taken: Vec<(PaymentIx, u32)> = Vec::new();
        let mut capped: Vec<AccountId> = Vec::new();
        let mut hubs: Vec<AccountId> = Vec::new();
        let mut truncated = false;
        self.frontier.clear();
        let start_account = match q.start {
            Start::Account(a) => {
                let list = if forward { l.outgoing(a) } else { l.incoming(a) };
                if list.len() > q.max_fanout {
                    capped.push(a);
                }
                for &p in list.iter().take(q.max_fanout.min(q.max_payments)) {
                    if self.mark(p) {
                        self.frontier.push(p);
                    }
                }
                truncated |= list.len() > q.max_payments && q.max_payments < q.max_fanout;
                Some(a)
            }
            Start::Payment(p) => {
                if (p as usize) < l.payment_count() && q.hops > 0 && self.mark(p) {
                    self.frontier.push(p);
                }
                None
            }
        };
        if q.hops == 0 {
            self.frontier.clear();
        }
        let mut hop = 1u32;
        while !self.frontier.is_empty() {
            taken.extend(self.frontier.iter().map(|&p| (p, hop)));
            if hop >= q.hops || truncated {
                break;
            }
            self.next.clear();
            let frontier = std::mem::take(&mut self.frontier);
            'expand: for &p in &frontier {
                let (t, amount, currency) = (l.time_of(p), l.amount_of(p), l.currency_of(p));
                let (account, window) = if forward {
                    let b = l.payee_of(p);
                    (b, l.between(l.outgoing(b), t.saturating_add(1), t.saturating_add(q.window_secs)))
                } else {
                    let a = l.payer_of(p);
                    (a, l.between(l.incoming(a), t.saturating_sub(q.window_secs), t.saturating_sub(1)))
                };
                if q.hub_payments != usize::MAX && l.degree(account) > q.hub_payments {
                    hubs.push(account);
                    continue;
                }
                let mut took = 0usize;
                for &n in window {
                    if l.currency_of(n) != currency || !within(amount, l.amount_of(n), q.tolerance) {
                        continue;
                    }
                    if took == q.max_fanout {
                        if capped.last() != Some(&account) {
                            capped.push(account);
                        }
                        break;
                    }
                    if self.mark(n) {
                        took += 1;
                        self.next.push(n);
                        if taken.len() + self.next.len() >= q.max_payments {
                            truncated = true;
                            break 'expand;
                        }
                    }
                }
            }
            self.frontier = frontier;
            std::mem::swap(&mut self.frontier, &mut self.next);
            hop += 1;
        }
        self.frontier.clear();
        capped.sort_unstable();
        capped.dedup();
        hubs.sort_unstable();
        hubs.dedup();
        let mut f = flow(l, taken, capped, truncated, start_account);
        f.hubs = hubs;
        f
    }
}

/// Totals of the payments taken.
fn flow(
    l: &Ledger,
    mut taken: Vec<(PaymentIx, u32)>,
    capped: Vec<AccountId>,
    truncated: bool,
    start: Option<AccountId>,
) -> Flow {
    taken.sort_unstable();
    let mut edges: HashMap<(AccountId, AccountId, Currency), EdgeTotal> = HashMap::new();
    let mut accounts: HashMap<(AccountId, Currency), AccountTotal> = HashMap::new();
    for &(p, hop) in &taken {
        let (from, to, c, m, t) = (l.payer_of(p), l.payee_of(p), l.currency_of(p), l.amount_of(p), l.time_of(p));
        let e = edges.entry((from, to, c)).or_insert(EdgeTotal {
            from,
            to,
            currency: c,
            total_minor: 0,
            payments: 0,
            first_utc: t,
            last_utc: t,
        });
        e.total_minor = e.total_minor.saturating_add(m);
        e.payments += 1;
        e.first_utc = e.first_utc.min(t);
        e.last_utc = e.last_utc.max(t);
        for (a, sent) in [(from, true), (to, false)] {
            let h = if Some(a) == start { 0 } else { hop };
            let x = accounts.entry((a, c)).or_insert(AccountTotal {
                account: a,
                currency: c,
                received_minor: 0,
                sent_minor: 0,
                hop: h,
            });
            x.hop = x.hop.min(h);
            if sent {
                x.sent_minor = x.sent_minor.saturating_add(m);
            } else {
                x.received_minor = x.received_minor.saturating_add(m);
            }
        }
    }
    let mut edges: Vec<EdgeTotal> = edges.into_values().collect();
    edges.sort_unstable_by_key(|e| (e.from, e.to, e.currency));
    let mut accounts: Vec<AccountTotal> = accounts.into_values().collect();
    accounts.sort_unstable_by_key(|a| (a.hop, a.account, a.currency));
    Flow { payments: taken, edges, accounts, capped, truncated, hubs: Vec::new() }
}
