//! Following the money over stored payments (issue 7; docs/decisions/0018): the intel crate's
//! money engine run on the payments imported from bank statements.
//!
//! - [`MoneyLedger`] turns stored payments (each as one statement's account saw it) into the
//!   engine's ledger of payer-to-payee payments. A payment both sides' statements hold is one
//!   payment (the same payer, payee, amount, currency and minute); a payment whose other side the
//!   bank did not give goes to (or comes from) an account of its own, "unknown".
//! - [`MoneySettings`] are the thresholds of the rules and the trace's defaults, an
//!   administrator's setting; [`MoneySettings::rules`] gives the engine's [`Rules`].
//! - [`trace`] answers a trace as a [`TraceFlow`] of party and payment ids (what is saved to a
//!   case); [`describe_flow`] adds names as the reader may see them.
//! - [`scan_organisation`] scans an organisation's payments and records what it found as alerts.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::{Actor, ValidationError};
use counternet_intel::money::{
    parse_timestamp, scan, Currency, Direction, Ledger, LedgerBuilder, Money, NewPayment, Rules, Start,
    StructuringThreshold, Timestamp, TraceQuery, Tracer, WageBand,
};
use counternet_store::money::{self as store_money, Finding, LedgerPayment, ScanOutcome};
use counternet_store::{parties, payments, settings, StoreResult, Tx};

/// Statements write local time; Thai banks write Thai time (UTC+7), in minutes east of UTC.
const STATEMENT_OFFSET_MINUTES: i32 = 7 * 60;

/// The prefix of the account names given to the unknown other side of a payment.
const UNKNOWN: &str = "unknown:";

/// Stored payments as the money engine's ledger.
pub struct MoneyLedger {
    pub ledger: Ledger,
    /// Each stored payment's case.
    pub case_of: HashMap<Uuid, Uuid>,
    /// Stored payments left out as the other side's view of a payment kept (kept id: the others).
    pub twins: HashMap<Uuid, Vec<Uuid>>,
    /// Stored payments the engine cannot read (an unknown currency, a zero amount, a bad time).
    pub unreadable: usize,
}

impl MoneyLedger {
    pub fn build(rows: &[LedgerPayment]) -> MoneyLedger {
        let mut b = LedgerBuilder::with_capacity(rows.len());
        let mut case_of = HashMap::with_capacity(rows.len());
        let mut twins: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        let mut seen: HashMap<(Uuid, Uuid, i64, Currency, i64), Uuid> = HashMap::new();
        let mut unreadable = 0;
        for p in rows {
            case_of.insert(p.id, p.case_id);
            let (Some(currency), Ok(time)) =
                (Currency::parse(&p.currency), parse_timestamp(&p.paid_at, STATEMENT_OFFSET_MINUTES))
            else {
                unreadable += 1;
                continue;
            };
            let minor = p.amount_minor.unsigned_abs().min(i64::MAX as u64) as i64;
            if minor == 0 {
                unreadable += 1;
                continue;
            }
            let id = p.id.to_string();
            let account = p.account.to_string();
            let other = p.counterparty.map_or_else(|| format!("{UNKNOWN}{id}"), |c| c.to_string());
            let (from, to) = if p.amount_minor < 0 { (&account, &other) } else { (&other, &account) };
            if let Some(c) = p.counterparty {
                let (payer, payee) = if p.amount_minor < 0 { (p.account, c) } else { (c, p.account) };
                let key = (payer, payee, minor, currency, time.utc.div_euclid(60));
                if let Some(kept) = seen.get(&key) {
                    twins.entry(*kept).or_default().push(p.id);
                    continue;
                }
                seen.insert(key, p.id);
            }
            b.add(NewPayment { id: &id, from, to, amount: Money::new(minor, currency), time });
        }
        let (ledger, _) = b.build();
        MoneyLedger { ledger, case_of, twins, unreadable }
    }

    /// The party of an engine account (`None`: an unknown other side).
    fn party(&self, a: u32) -> Option<Uuid> {
        self.ledger.account_name(a).parse().ok()
    }

    /// The key an account is shown under: its party's id, or `unknown:<payment id>`.
    fn key(&self, a: u32) -> String {
        self.ledger.account_name(a).to_string()
    }

    fn payment_uuid(&self, p: u32) -> Option<Uuid> {
        self.ledger.payment_id(p).parse().ok()
    }
}

// ---------------------------------------------------------------------------------------------
// Settings

/// The setting's key in the settings table.
const SETTINGS_KEY: &str = "money_rules";

/// The thresholds of the money rules (DOMAIN.md's red flags and the typologies) and the defaults
/// of a trace. Amounts are in whole baht; the rules read payments in baht, and in US dollars for
/// the structuring threshold. Every field has a default; a stored setting names only what it
/// changes. See the engine's `Rules` for what each does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MoneySettings {
    /// A trace follows at most this many payments from its start (1 to 8). Default 4.
    pub trace_hops: u32,
    /// A trace's next payment is within this fraction of the previous amount. Default 0.1.
    pub trace_tolerance: f64,
    /// ... and at most this many hours after (backward: before) it. Default 168.
    pub trace_window_hours: i64,
    /// Accounts with more payments than this are hubs: a trace or a rule does not pass through
    /// them. Default 1,000.
    pub hub_payments: i64,
    /// Layering rules follow a payment by one within this fraction of its amount ... Default 0.1.
    pub follow_tolerance: f64,
    /// ... leaving at most this many hours after it ... Default 72.
    pub follow_hours: i64,
    /// ... when it is at least this many baht. Default 10,000.
    pub follow_min_thb: i64,
    /// Fan-in and fan-out: at least this many distinct counterparties ... Default 8.
    pub fan_min_counterparties: i64,
    /// ... within this many hours ... Default 72.
    pub fan_hours: i64,
    /// ... and this many times the account's usual rate. Default 5.
    pub fan_burst_ratio: f64,
    /// Cycles of 2 to 6 payments back to where they started ... Default 2 and 6.
    pub cycle_min_len: i64,
    pub cycle_max_len: i64,
    /// ... within this many hours. Default 336.
    pub cycle_hours: i64,
    /// A layered chain is at least this many similar payments, each held briefly. Default 3.
    pub chain_min_payments: i64,
    /// Scatter-gather: at least this many intermediaries ... Default 4.
    pub scatter_min_intermediaries: i64,
    /// ... paid within this many hours. Default 72.
    pub scatter_hours: i64,
    /// Gather-scatter: at least this many senders and as many receivers ... Default 5.
    pub gather_min_counterparties: i64,
    /// ... within this many hours ... Default 72.
    pub gather_hours: i64,
    /// ... what goes out within this fraction of what came in. Default 0.2.
    pub gather_balance: f64,
    /// Structuring: payments just below this many baht (the reporting threshold) ... Default 2,000,000.
    pub structuring_threshold_thb: i64,
    /// ... or this many US dollars. Default 10,000.
    pub structuring_threshold_usd: i64,
    /// ... "just below" is within this fraction under it ... Default 0.1.
    pub structuring_margin: f64,
    /// ... at least this many such payments ... Default 3.
    pub structuring_min_payments: i64,
    /// ... within this many hours. Default 168.
    pub structuring_hours: i64,
    /// Wages: payments of this many baht to this many ... Default 5,000 to 30,000.
    pub wage_min_thb: i64,
    pub wage_max_thb: i64,
    /// ... at least this many into one account ... Default 5.
    pub wage_min_payments: i64,
    /// ... within this many hours ... Default 72.
    pub wage_hours: i64,
    /// ... this fraction of which leaves ... Default 0.8.
    pub sweep_share: f64,
    /// ... within this many hours ... Default 48.
    pub sweep_hours: i64,
    /// ... in at most this many payments. Default 3.
    pub sweep_max_payments: i64,
    /// Late night: from this hour (local time) ... Default 22.
    pub night_start_hour: i64,
    /// ... to this hour. Default 6.
    pub night_end_hour: i64,
    /// An account with at least this many payments ... Default 10.
    pub night_min_payments: i64,
    /// ... this fraction of them at night. Default 0.6.
    pub night_share: f64,
    /// Pass-through: at least this many payments in ... Default 6.
    pub pass_min_inflows: i64,
    /// ... from this many senders ... Default 4.
    pub pass_min_senders: i64,
    /// ... this fraction of which leaves ... Default 0.8.
    pub pass_share: f64,
    /// ... within this many hours ... Default 48.
    pub pass_hours: i64,
    /// ... this fraction of it to one account. Default 0.8.
    pub pass_concentration: f64,
}

impl Default for MoneySettings {
    fn default() -> Self {
        let r = Rules::default();
        let thb = |c: Currency| r.structuring_thresholds.iter().find(|t| t.currency == c).map_or(0, |t| t.minor / 100);
        let wage = r.wage_bands.iter().find(|w| w.currency == Currency::THB);
        let int = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        MoneySettings {
            trace_hops: 4,
            trace_tolerance: 0.1,
            trace_window_hours: 168,
            hub_payments: int(r.hub_payments),
            follow_tolerance: r.follow_tolerance,
            follow_hours: r.follow_hours,
            follow_min_thb: r.follow_min_minor / 100,
            fan_min_counterparties: int(r.fan_min_counterparties),
            fan_hours: r.fan_hours,
            fan_burst_ratio: r.fan_burst_ratio,
            cycle_min_len: int(r.cycle_min_len),
            cycle_max_len: int(r.cycle_max_len),
            cycle_hours: r.cycle_hours,
            chain_min_payments: int(r.chain_min_payments),
            scatter_min_intermediaries: int(r.scatter_min_intermediaries),
            scatter_hours: r.scatter_hours,
            gather_min_counterparties: int(r.gather_min_counterparties),
            gather_hours: r.gather_hours,
            gather_balance: r.gather_balance,
            structuring_threshold_thb: thb(Currency::THB),
            structuring_threshold_usd: thb(Currency::USD),
            structuring_margin: r.structuring_margin,
            structuring_min_payments: int(r.structuring_min_payments),
            structuring_hours: r.structuring_hours,
            wage_min_thb: wage.map_or(5_000, |w| w.min_minor / 100),
            wage_max_thb: wage.map_or(30_000, |w| w.max_minor / 100),
            wage_min_payments: int(r.wage_min_payments),
            wage_hours: r.wage_hours,
            sweep_share: r.sweep_share,
            sweep_hours: r.sweep_hours,
            sweep_max_payments: int(r.sweep_max_payments),
            night_start_hour: i64::from(r.night_start_minute / 60),
            night_end_hour: i64::from(r.night_end_minute / 60),
            night_min_payments: int(r.night_min_payments),
            night_share: r.night_share,
            pass_min_inflows: int(r.pass_min_inflows),
            pass_min_senders: int(r.pass_min_senders),
            pass_share: r.pass_share,
            pass_hours: r.pass_hours,
            pass_concentration: r.pass_concentration,
        }
    }
}

/// One setting's allowed range; fractions and ratios are decimals, the rest whole numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Field {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    pub integer: bool,
}

const fn int(key: &'static str, min: f64, max: f64) -> Field {
    Field { key, min, max, integer: true }
}

const fn frac(key: &'static str, min: f64, max: f64) -> Field {
    Field { key, min, max, integer: false }
}

const YEAR_HOURS: f64 = 8_760.0;
const BIG: f64 = 1e12;

/// Every setting, in the order the settings page lists them, with its range.
pub const FIELDS: &[Field] = &[
    int("trace_hops", 1.0, 8.0),
    frac("trace_tolerance", 0.0, 1.0),
    int("trace_window_hours", 1.0, YEAR_HOURS),
    int("hub_payments", 10.0, 100_000_000.0),
    frac("follow_tolerance", 0.0, 1.0),
    int("follow_hours", 1.0, YEAR_HOURS),
    int("follow_min_thb", 0.0, BIG),
    int("fan_min_counterparties", 2.0, 100_000.0),
    int("fan_hours", 1.0, YEAR_HOURS),
    frac("fan_burst_ratio", 1.0, 1_000.0),
    int("cycle_min_len", 2.0, 6.0),
    int("cycle_max_len", 2.0, 6.0),
    int("cycle_hours", 1.0, YEAR_HOURS),
    int("chain_min_payments", 2.0, 20.0),
    int("scatter_min_intermediaries", 2.0, 100_000.0),
    int("scatter_hours", 1.0, YEAR_HOURS),
    int("gather_min_counterparties", 2.0, 100_000.0),
    int("gather_hours", 1.0, YEAR_HOURS),
    frac("gather_balance", 0.0, 1.0),
    int("structuring_threshold_thb", 1.0, BIG),
    int("structuring_threshold_usd", 1.0, BIG),
    frac("structuring_margin", 0.0, 1.0),
    int("structuring_min_payments", 2.0, 100_000.0),
    int("structuring_hours", 1.0, YEAR_HOURS),
    int("wage_min_thb", 1.0, BIG),
    int("wage_max_thb", 1.0, BIG),
    int("wage_min_payments", 2.0, 100_000.0),
    int("wage_hours", 1.0, YEAR_HOURS),
    frac("sweep_share", 0.0, 1.0),
    int("sweep_hours", 1.0, YEAR_HOURS),
    int("sweep_max_payments", 1.0, 1_000.0),
    int("night_start_hour", 0.0, 23.0),
    int("night_end_hour", 0.0, 23.0),
    int("night_min_payments", 1.0, 100_000.0),
    frac("night_share", 0.0, 1.0),
    int("pass_min_inflows", 1.0, 100_000.0),
    int("pass_min_senders", 1.0, 100_000.0),
    frac("pass_share", 0.0, 1.0),
    int("pass_hours", 1.0, YEAR_HOURS),
    frac("pass_concentration", 0.0, 1.0),
];

impl MoneySettings {
    /// Each setting's value by key, in [`FIELDS`] order.
    pub fn values(&self) -> Vec<(Field, f64)> {
        let v = serde_json::to_value(self).unwrap_or_default();
        FIELDS.iter().map(|f| (*f, v.get(f.key).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN))).collect()
    }

    /// Every setting in its range, and the pairs that must agree agreeing.
    pub fn validate(&self) -> Result<(), ValidationError> {
        for (f, x) in self.values() {
            if !x.is_finite() || x < f.min || x > f.max || (f.integer && x.fract() != 0.0) {
                let what = if f.integer { "a whole number" } else { "a number" };
                return Err(ValidationError::new(
                    f.key,
                    "out_of_range",
                    format!("must be {what} from {} to {}", f.min, f.max),
                ));
            }
        }
        if self.cycle_min_len > self.cycle_max_len {
            return Err(ValidationError::new("cycle_min_len", "out_of_range", "must be at most cycle_max_len"));
        }
        if self.wage_min_thb >= self.wage_max_thb {
            return Err(ValidationError::new("wage_min_thb", "out_of_range", "must be below wage_max_thb"));
        }
        if self.night_start_hour == self.night_end_hour {
            return Err(ValidationError::new("night_end_hour", "out_of_range", "must differ from night_start_hour"));
        }
        Ok(())
    }

    /// The engine's rules with these thresholds.
    pub fn rules(&self) -> Rules {
        let n = |x: i64| usize::try_from(x).unwrap_or(0);
        let minute = |h: i64| u16::try_from(h.clamp(0, 23) * 60).unwrap_or(0);
        Rules {
            hub_payments: n(self.hub_payments),
            follow_tolerance: self.follow_tolerance,
            follow_hours: self.follow_hours,
            follow_min_minor: self.follow_min_thb.saturating_mul(100),
            fan_min_counterparties: n(self.fan_min_counterparties),
            fan_hours: self.fan_hours,
            fan_burst_ratio: self.fan_burst_ratio,
            cycle_min_len: n(self.cycle_min_len),
            cycle_max_len: n(self.cycle_max_len),
            cycle_hours: self.cycle_hours,
            chain_min_payments: n(self.chain_min_payments),
            scatter_min_intermediaries: n(self.scatter_min_intermediaries),
            scatter_hours: self.scatter_hours,
            gather_min_counterparties: n(self.gather_min_counterparties),
            gather_hours: self.gather_hours,
            gather_balance: self.gather_balance,
            structuring_thresholds: vec![
                StructuringThreshold {
                    currency: Currency::THB,
                    minor: self.structuring_threshold_thb.saturating_mul(100),
                },
                StructuringThreshold {
                    currency: Currency::USD,
                    minor: self.structuring_threshold_usd.saturating_mul(100),
                },
            ],
            structuring_margin: self.structuring_margin,
            structuring_min_payments: n(self.structuring_min_payments),
            structuring_hours: self.structuring_hours,
            wage_bands: vec![WageBand {
                currency: Currency::THB,
                min_minor: self.wage_min_thb.saturating_mul(100),
                max_minor: self.wage_max_thb.saturating_mul(100),
            }],
            wage_min_payments: n(self.wage_min_payments),
            wage_hours: self.wage_hours,
            sweep_share: self.sweep_share,
            sweep_hours: self.sweep_hours,
            sweep_max_payments: n(self.sweep_max_payments),
            night_start_minute: minute(self.night_start_hour),
            night_end_minute: minute(self.night_end_hour),
            night_min_payments: n(self.night_min_payments),
            night_share: self.night_share,
            pass_min_inflows: n(self.pass_min_inflows),
            pass_min_senders: n(self.pass_min_senders),
            pass_share: self.pass_share,
            pass_hours: self.pass_hours,
            pass_concentration: self.pass_concentration,
            ..Rules::default()
        }
    }
}

/// The stored money settings (the defaults where none are stored).
pub fn load_settings(tx: &mut Tx<'_>) -> StoreResult<MoneySettings> {
    match settings::get(tx, SETTINGS_KEY)? {
        None => Ok(MoneySettings::default()),
        Some(v) => serde_json::from_value(v).map_err(|_| counternet_store::StoreError::corrupt("money settings")),
    }
}

/// Stores the money settings (administrators; audited with the old and new values).
pub fn save_settings(tx: &mut Tx<'_>, actor: &Actor, s: &MoneySettings) -> StoreResult<MoneySettings> {
    s.validate()?;
    let value = serde_json::to_value(s).map_err(|_| counternet_store::StoreError::corrupt("money settings"))?;
    settings::set(tx, actor, SETTINGS_KEY, "settings.money_rules", Some(&value))?;
    Ok(s.clone())
}

// ---------------------------------------------------------------------------------------------
// Traces

/// Which way a trace follows the money.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TraceDirection {
    /// Where the money went (times rising).
    #[default]
    Forward,
    /// Where it came from (times falling).
    Backward,
}

/// A trace's question. Unset limits take the money settings' defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TraceParams {
    /// Start from every payment out of (forward) or into (backward) this bank-account party ...
    pub account: Option<Uuid>,
    /// ... or from this one payment.
    pub payment: Option<Uuid>,
    #[serde(default)]
    pub direction: TraceDirection,
    /// At most this many payments in a path (1 to 8).
    pub hops: Option<u32>,
    /// Each next amount within this fraction of the previous one (0 to 1).
    pub tolerance: Option<f64>,
    /// Each next payment at most this many hours after (backward: before) the previous one.
    pub window_hours: Option<i64>,
    /// Follow money through hub accounts too (payment processors, busy collectors): slower, and
    /// joins unrelated flows. Default false.
    pub through_hubs: Option<bool>,
}

/// The answer holds at most this many payments.
pub const MAX_TRACE_PAYMENTS: usize = 5_000;

/// A trace's question with every limit decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ResolvedTrace {
    pub account: Option<Uuid>,
    pub payment: Option<Uuid>,
    pub direction: TraceDirection,
    pub hops: u32,
    pub tolerance: f64,
    pub window_hours: i64,
    pub through_hubs: bool,
}

impl TraceParams {
    pub fn resolve(&self, s: &MoneySettings) -> Result<ResolvedTrace, ValidationError> {
        if self.account.is_some() == self.payment.is_some() {
            return Err(ValidationError::new(
                "account",
                "required",
                "give either an account or a payment to start from",
            ));
        }
        let hops = self.hops.unwrap_or(s.trace_hops);
        if !(1..=8).contains(&hops) {
            return Err(ValidationError::new("hops", "out_of_range", "must be from 1 to 8"));
        }
        let tolerance = self.tolerance.unwrap_or(s.trace_tolerance);
        if !(0.0..=1.0).contains(&tolerance) {
            return Err(ValidationError::new("tolerance", "out_of_range", "must be from 0 to 1"));
        }
        let window_hours = self.window_hours.unwrap_or(s.trace_window_hours);
        if !(1..=8_760).contains(&window_hours) {
            return Err(ValidationError::new("window_hours", "out_of_range", "must be from 1 to 8760"));
        }
        Ok(ResolvedTrace {
            account: self.account,
            payment: self.payment,
            direction: self.direction,
            hops,
            tolerance,
            window_hours,
            through_hubs: self.through_hubs.unwrap_or(false),
        })
    }
}

/// An account in a flow: a bank-account party, or the unknown other side of one payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FlowAccount {
    /// The party's id, or `unknown:<payment id>`.
    pub key: String,
    pub party_id: Option<Uuid>,
    /// Its name as the reader may see it (`None`: unknown, or not the reader's to see).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The lowest hop of a payment touching it (the start account: 0).
    pub hop: u32,
    pub currency: String,
    pub received_minor: i64,
    pub sent_minor: i64,
    /// The money reached it and was not followed through (a hub).
    pub hub: bool,
    /// Not every matching payment out of it was followed (the fan-out cap).
    pub capped: bool,
}

/// Money from one account to another in a flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FlowEdge {
    pub from: String,
    pub to: String,
    pub currency: String,
    pub total_minor: i64,
    pub payments: u32,
    /// UTC, ISO 8601.
    pub first: String,
    pub last: String,
}

/// A payment in a flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FlowPayment {
    pub id: Uuid,
    pub from: String,
    pub to: String,
    pub amount_minor: i64,
    pub currency: String,
    /// UTC, ISO 8601.
    pub at: String,
    pub hop: u32,
}

/// A trace's answer: who sent how much to whom, when, and the totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct TraceFlow {
    pub query: ResolvedTrace,
    pub accounts: Vec<FlowAccount>,
    pub edges: Vec<FlowEdge>,
    pub payments: Vec<FlowPayment>,
    /// The answer stopped at its size limit.
    pub truncated: bool,
    /// Payments the trace read (those of the cases the user may see).
    pub payments_read: usize,
}

/// Answers a trace over `rows` (the payments the reader may see). `None` when the start is not
/// among them.
pub fn trace(rows: &[LedgerPayment], q: &ResolvedTrace, s: &MoneySettings) -> Option<TraceFlow> {
    let m = MoneyLedger::build(rows);
    let l = &m.ledger;
    let start = match (q.account, q.payment) {
        (Some(a), _) => match l.account(&a.to_string()) {
            Some(x) => Start::Account(x),
            // An account without payments: a flow of the account alone.
            None => {
                return Some(TraceFlow {
                    query: q.clone(),
                    accounts: vec![FlowAccount {
                        key: a.to_string(),
                        party_id: Some(a),
                        name: None,
                        hop: 0,
                        currency: "THB".into(),
                        received_minor: 0,
                        sent_minor: 0,
                        hub: false,
                        capped: false,
                    }],
                    edges: Vec::new(),
                    payments: Vec::new(),
                    truncated: false,
                    payments_read: rows.len(),
                })
            }
        },
        (None, Some(p)) => {
            // A payment left out as the other side's view of one kept starts where the kept one does.
            let kept = m.twins.iter().find(|(_, v)| v.contains(&p)).map_or(p, |(k, _)| *k);
            Start::Payment(l.payment_ix(&kept.to_string())?)
        }
        (None, None) => return None,
    };
    let mut tq = TraceQuery::new(start);
    tq.direction = match q.direction {
        TraceDirection::Forward => Direction::Forward,
        TraceDirection::Backward => Direction::Backward,
    };
    tq.hops = q.hops;
    tq.tolerance = q.tolerance;
    tq.window_secs = q.window_hours.saturating_mul(3600);
    tq.max_payments = MAX_TRACE_PAYMENTS;
    tq.hub_payments = if q.through_hubs { usize::MAX } else { usize::try_from(s.hub_payments).unwrap_or(usize::MAX) };
    let f = Tracer::new(l).trace(&tq);
    let utc = |t: i64| Timestamp { utc: t, local_minute: 0 }.utc_text();
    let hubs: BTreeSet<u32> = f.hubs.iter().copied().collect();
    let capped: BTreeSet<u32> = f.capped.iter().copied().collect();
    let mut accounts: Vec<FlowAccount> = f
        .accounts
        .iter()
        .map(|a| FlowAccount {
            key: m.key(a.account),
            party_id: m.party(a.account),
            name: None,
            hop: a.hop,
            currency: a.currency.code(),
            received_minor: a.received_minor,
            sent_minor: a.sent_minor,
            hub: hubs.contains(&a.account),
            capped: capped.contains(&a.account),
        })
        .collect();
    // A start account with no payment matching is still the answer's first account.
    if let Start::Account(a) = start {
        if !f.accounts.iter().any(|x| x.account == a) {
            accounts.insert(
                0,
                FlowAccount {
                    key: m.key(a),
                    party_id: m.party(a),
                    name: None,
                    hop: 0,
                    currency: "THB".into(),
                    received_minor: 0,
                    sent_minor: 0,
                    hub: false,
                    capped: capped.contains(&a),
                },
            );
        }
    }
    let edges = f
        .edges
        .iter()
        .map(|e| FlowEdge {
            from: m.key(e.from),
            to: m.key(e.to),
            currency: e.currency.code(),
            total_minor: e.total_minor,
            payments: e.payments,
            first: utc(e.first_utc),
            last: utc(e.last_utc),
        })
        .collect();
    let payments = f
        .payments
        .iter()
        .filter_map(|&(p, hop)| {
            let pay = l.payment(p)?;
            Some(FlowPayment {
                id: m.payment_uuid(p)?,
                from: m.key(pay.from),
                to: m.key(pay.to),
                amount_minor: pay.amount.minor,
                currency: pay.amount.currency.code(),
                at: pay.time.utc_text(),
                hop,
            })
        })
        .collect();
    Some(TraceFlow { query: q.clone(), accounts, edges, payments, truncated: f.truncated, payments_read: rows.len() })
}

/// Fills in the accounts' names as `actor` may see them (survivors masked, as everywhere; parties
/// outside the reader's cases stay unnamed).
pub fn describe_flow(tx: &mut Tx<'_>, actor: &Actor, mut flow: TraceFlow) -> StoreResult<TraceFlow> {
    let ids: Vec<Uuid> = flow.accounts.iter().filter_map(|a| a.party_id).collect();
    let names: HashMap<Uuid, String> =
        parties::visible_among(tx, actor, &ids)?.into_iter().map(|p| (p.id, p.name)).collect();
    for a in &mut flow.accounts {
        a.name = a.party_id.and_then(|id| names.get(&id).cloned());
    }
    Ok(flow)
}

// ---------------------------------------------------------------------------------------------
// Scans

/// Scans every payment of `org_id` with the stored settings and records the alerts (in the
/// caller's transaction).
pub fn scan_organisation(tx: &mut Tx<'_>, org_id: Uuid) -> StoreResult<ScanOutcome> {
    let settings = load_settings(tx)?;
    let rows = store_money::organisation_payments(tx, org_id)?;
    let m = MoneyLedger::build(&rows);
    let alerts = scan(&m.ledger, &settings.rules(), &|_| {});
    let findings: Vec<Finding> = alerts
        .iter()
        .filter_map(|a| {
            let accounts: Vec<Uuid> = a.accounts.iter().filter_map(|&x| m.party(x)).collect();
            if accounts.is_empty() {
                return None;
            }
            let mut payments = Vec::with_capacity(a.payments.len());
            for &p in &a.payments {
                if let Some(id) = m.payment_uuid(p) {
                    payments.push(id);
                    payments.extend(m.twins.get(&id).into_iter().flatten().copied());
                }
            }
            Some(Finding { rule: a.rule.code().to_string(), accounts, payments, score: a.score })
        })
        .collect();
    store_money::record_findings(tx, org_id, &findings, &m.case_of, rows.len())
}

/// Imports a statement into a case (see [`payments::import`]) and, when it added payments, scans
/// the case's organisation, in the same transaction: the alerts an import gives rise to are there
/// as soon as its payments are.
pub fn import_statement(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    account: Uuid,
    statement: Result<counternet_domain::statements::Statement, ValidationError>,
) -> StoreResult<(payments::StatementImport, ScanOutcome)> {
    let case = counternet_store::cases::editable(tx, actor, case_id)?;
    let summary = payments::import(tx, actor, case_id, account, statement)?;
    let scanned = if summary.payments_added > 0 {
        scan_organisation(tx, counternet_store::parse_uuid(&case.org_id)?)?
    } else {
        ScanOutcome::default()
    };
    Ok((summary, scanned))
}
