//! Compensation to the last baht (issue 8; docs/decisions/0019): a claim per victim per route, and
//! a double-entry ledger, in integer satang, of the money received for it and paid to the victim.
//!
//! Each claim has three accounts:
//!
//! - **source**: where money for the claim comes from (the defendant through the Legal Execution
//!   Department, the State fund, the Anti-Trafficking Fund). Its balance is minus what was received.
//! - **held**: money received for the victim and not yet paid to them: the organisation holds it in
//!   trust for this victim and no one else.
//! - **paid**: money paid to the claim's victim.
//!
//! A movement is a set of entries summing to zero (debits positive, credits negative):
//!
//! - a **receipt** of x: held +x, source −x;
//! - a **payment** of x to the claim's victim: paid +x, held −x; only to the claim's own victim, and
//!   only from what is held (nothing is paid on credit, so one victim is never paid with another's
//!   money);
//! - a **reversal** of an earlier receipt or payment: its entries negated, once; a receipt whose
//!   money was paid out cannot be reversed before the payment is.
//!
//! Movements are never edited or deleted. A request carries an idempotency key: the same key with
//! the same request answers the movement already recorded; with another request it is refused.
//!
//! [`ClaimBook::plan`] decides a request against the movements recorded so far (the store loads
//! them, in its transaction, and writes what the plan says).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::vocabulary;

vocabulary! {
    /// How compensation is claimed (DOMAIN.md "Compensation routes").
    CompensationRoute {
        /// ATIPA s.35: the prosecutor claims within the criminal case; enforced by the Legal
        /// Execution Department.
        AtipaS35 = "atipa_s35",
        /// Criminal Procedure Code s.44/1: the injured person's civil claim attached to the
        /// criminal case.
        CpcS44_1 = "cpc_s44_1",
        /// State compensation (Damages for Injured Persons Act B.E. 2544).
        StateCompensation = "state_compensation",
        /// The Anti-Trafficking Fund (ATIPA s.42 to 44).
        AntiTraffickingFund = "anti_trafficking_fund",
        /// A separate civil suit.
        CivilSuit = "civil_suit",
        Other = "other",
    }
}

vocabulary! {
    /// A step of a claim: filed, ordered, and the enforcement steps after it.
    ClaimStepKind {
        Filed = "filed",
        Hearing = "hearing",
        /// The court's order or the fund's decision (with the amount ordered).
        Ordered = "ordered",
        Appealed = "appealed",
        /// A writ of execution requested from the Legal Execution Department.
        ExecutionRequested = "execution_requested",
        /// The debtor's assets traced by the Legal Execution Department.
        AssetsTraced = "assets_traced",
        /// Assets seized or attached for the judgment debt.
        AssetsSeized = "assets_seized",
        /// Seized assets auctioned.
        Auctioned = "auctioned",
        /// A settlement or payment plan agreed with the debtor.
        Settlement = "settlement",
        /// The debtor found to have nothing to enforce against.
        NothingToEnforce = "nothing_to_enforce",
        Closed = "closed",
        Other = "other",
    }
}

/// One of a claim's three accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    Source,
    Held,
    Paid,
}

impl Account {
    pub const ALL: [Account; 3] = [Account::Source, Account::Held, Account::Paid];

    pub fn code(self) -> &'static str {
        match self {
            Account::Source => "source",
            Account::Held => "held",
            Account::Paid => "paid",
        }
    }

    pub fn from_code(code: &str) -> Option<Account> {
        Account::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// One side of a movement: a debit (positive) or a credit (negative) of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Entry {
    pub account: Account,
    pub amount_minor: i64,
}

/// What a movement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    Receipt,
    Payment,
    Reversal,
}

impl MovementKind {
    pub fn code(self) -> &'static str {
        match self {
            MovementKind::Receipt => "receipt",
            MovementKind::Payment => "payment",
            MovementKind::Reversal => "reversal",
        }
    }

    pub fn from_code(code: &str) -> Option<MovementKind> {
        [MovementKind::Receipt, MovementKind::Payment, MovementKind::Reversal].into_iter().find(|k| k.code() == code)
    }
}

/// A movement recorded in a claim's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub id: Uuid,
    pub kind: MovementKind,
    /// What moved (positive): received, paid, or reversed.
    pub amount_minor: i64,
    pub entries: Vec<Entry>,
    /// The movement a reversal reverses.
    pub reverses: Option<Uuid>,
    pub idempotency_key: String,
    /// What was asked ([`Request::fingerprint`]), to tell a retry from a reused key.
    pub fingerprint: String,
}

/// What a user asks of a claim's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Money received for the claim.
    Receive { amount_minor: i64 },
    /// Money paid to `victim`, who must be the claim's victim.
    Pay { amount_minor: i64, victim: Uuid },
    /// An earlier receipt or payment undone.
    Reverse { movement: Uuid },
}

impl Request {
    /// A stable text of the request: the same request retried has the same fingerprint.
    pub fn fingerprint(&self) -> String {
        match self {
            Request::Receive { amount_minor } => format!("receive:{amount_minor}"),
            Request::Pay { amount_minor, victim } => format!("pay:{amount_minor}:{victim}"),
            Request::Reverse { movement } => format!("reverse:{movement}"),
        }
    }
}

/// Why a request is refused. Messages name no person and no amount beyond the request's own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("an amount is more than zero")]
    NotPositive,
    #[error("the amount is larger than the money held for this victim")]
    MoreThanHeld,
    #[error("money received for a victim is paid only to that victim")]
    WrongVictim,
    #[error("no such movement in this claim")]
    UnknownMovement,
    #[error("this movement was reversed already")]
    AlreadyReversed,
    #[error("a reversal is not reversed: record the movement again")]
    ReversingAReversal,
    #[error("this receipt's money was paid out: reverse the payment first")]
    ReceiptPaidOut,
    #[error("this idempotency key was used for a different request")]
    KeyReused,
    #[error("an idempotency key is 1 to 200 characters")]
    BadKey,
}

impl LedgerError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            LedgerError::NotPositive => "not_positive",
            LedgerError::MoreThanHeld => "more_than_held",
            LedgerError::WrongVictim => "wrong_victim",
            LedgerError::UnknownMovement => "unknown_movement",
            LedgerError::AlreadyReversed => "already_reversed",
            LedgerError::ReversingAReversal => "reversing_a_reversal",
            LedgerError::ReceiptPaidOut => "receipt_paid_out",
            LedgerError::KeyReused => "idempotency_key_reused",
            LedgerError::BadKey => "bad_idempotency_key",
        }
    }
}

/// What to do with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// A retry: the movement recorded under this key answers it; nothing new is recorded.
    Existing(Uuid),
    /// Record this movement.
    New { kind: MovementKind, amount_minor: i64, entries: Vec<Entry>, reverses: Option<Uuid> },
}

/// A claim's ledger: its victim and the movements recorded, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimBook {
    pub victim: Uuid,
    pub movements: Vec<Movement>,
}

/// The largest amount one movement may carry (10^15 satang, ten trillion baht): sums of many
/// movements stay far inside i64.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000_000;

impl ClaimBook {
    pub fn new(victim: Uuid) -> ClaimBook {
        ClaimBook { victim, movements: Vec::new() }
    }

    /// An account's balance (debits minus credits).
    pub fn balance(&self, account: Account) -> i64 {
        self.movements.iter().flat_map(|m| &m.entries).filter(|e| e.account == account).map(|e| e.amount_minor).sum()
    }

    /// Received for the claim, net of reversals.
    pub fn received(&self) -> i64 {
        -self.balance(Account::Source)
    }

    /// Paid to the victim, net of reversals.
    pub fn paid(&self) -> i64 {
        self.balance(Account::Paid)
    }

    /// Held for the victim: received and not yet paid.
    pub fn held(&self) -> i64 {
        self.balance(Account::Held)
    }

    fn reversed(&self, id: Uuid) -> bool {
        self.movements.iter().any(|m| m.reverses == Some(id))
    }

    /// Decides `request` under `key` against the movements recorded so far.
    pub fn plan(&self, key: &str, request: &Request) -> Result<Plan, LedgerError> {
        let key = key.trim();
        if key.is_empty() || key.chars().count() > 200 {
            return Err(LedgerError::BadKey);
        }
        if let Some(m) = self.movements.iter().find(|m| m.idempotency_key == key) {
            return if m.fingerprint == request.fingerprint() {
                Ok(Plan::Existing(m.id))
            } else {
                Err(LedgerError::KeyReused)
            };
        }
        let positive = |x: i64| if x > 0 && x <= MAX_AMOUNT_MINOR { Ok(x) } else { Err(LedgerError::NotPositive) };
        match *request {
            Request::Receive { amount_minor } => {
                let x = positive(amount_minor)?;
                Ok(Plan::New {
                    kind: MovementKind::Receipt,
                    amount_minor: x,
                    entries: vec![
                        Entry { account: Account::Held, amount_minor: x },
                        Entry { account: Account::Source, amount_minor: -x },
                    ],
                    reverses: None,
                })
            }
            Request::Pay { amount_minor, victim } => {
                let x = positive(amount_minor)?;
                if victim != self.victim {
                    return Err(LedgerError::WrongVictim);
                }
                if x > self.held() {
                    return Err(LedgerError::MoreThanHeld);
                }
                Ok(Plan::New {
                    kind: MovementKind::Payment,
                    amount_minor: x,
                    entries: vec![
                        Entry { account: Account::Paid, amount_minor: x },
                        Entry { account: Account::Held, amount_minor: -x },
                    ],
                    reverses: None,
                })
            }
            Request::Reverse { movement } => {
                let m = self.movements.iter().find(|m| m.id == movement).ok_or(LedgerError::UnknownMovement)?;
                if m.kind == MovementKind::Reversal {
                    return Err(LedgerError::ReversingAReversal);
                }
                if self.reversed(m.id) {
                    return Err(LedgerError::AlreadyReversed);
                }
                let entries: Vec<Entry> =
                    m.entries.iter().map(|e| Entry { account: e.account, amount_minor: -e.amount_minor }).collect();
                let held_change: i64 =
                    entries.iter().filter(|e| e.account == Account::Held).map(|e| e.amount_minor).sum();
                if self.held() + held_change < 0 {
                    return Err(LedgerError::ReceiptPaidOut);
                }
                Ok(Plan::New {
                    kind: MovementKind::Reversal,
                    amount_minor: m.amount_minor,
                    entries,
                    reverses: Some(m.id),
                })
            }
        }
    }

    /// Plans `request` and, when it is new, records it under `id` (the in-memory twin of what the
    /// store does). Answers the movement's id.
    pub fn apply(&mut self, id: Uuid, key: &str, request: &Request) -> Result<Uuid, LedgerError> {
        match self.plan(key, request)? {
            Plan::Existing(existing) => Ok(existing),
            Plan::New { kind, amount_minor, entries, reverses } => {
                self.movements.push(Movement {
                    id,
                    kind,
                    amount_minor,
                    entries,
                    reverses,
                    idempotency_key: key.trim().to_string(),
                    fingerprint: request.fingerprint(),
                });
                Ok(id)
            }
        }
    }
}

/// A payment above `threshold_minor` needs a second approver; `None`: never.
pub fn needs_second_approval(amount_minor: i64, threshold_minor: Option<i64>) -> bool {
    threshold_minor.is_some_and(|t| amount_minor > t)
}

/// The second approver of a payment must be someone other than who asked for it.
pub fn check_second_approver(requested_by: Uuid, approver: Uuid) -> Result<(), &'static str> {
    if requested_by == approver {
        Err("a payment is approved by someone other than who asked for it")
    } else {
        Ok(())
    }
}

/// The default threshold above which a payment to a victim needs a second approver: 50,000 THB
/// (a setting).
pub const DEFAULT_SECOND_APPROVAL_MINOR: i64 = 500_0000;

/// The figures of a claim, of a victim or of a case: what was claimed, ordered, received and paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Figures {
    pub claimed_minor: i64,
    pub ordered_minor: i64,
    pub received_minor: i64,
    pub paid_minor: i64,
}

impl Figures {
    /// Still owed to the victim: ordered and not yet paid to them (never below zero).
    pub fn owed_minor(&self) -> i64 {
        (self.ordered_minor - self.paid_minor).max(0)
    }

    /// Held for the victim: received and not yet paid.
    pub fn held_minor(&self) -> i64 {
        self.received_minor - self.paid_minor
    }

    /// The share of the ordered money actually received (the enforcement gap), when anything was
    /// ordered.
    pub fn received_share(&self) -> Option<f64> {
        (self.ordered_minor > 0).then(|| self.received_minor as f64 / self.ordered_minor as f64)
    }

    pub fn add(&mut self, other: &Figures) {
        self.claimed_minor = self.claimed_minor.saturating_add(other.claimed_minor);
        self.ordered_minor = self.ordered_minor.saturating_add(other.ordered_minor);
        self.received_minor = self.received_minor.saturating_add(other.received_minor);
        self.paid_minor = self.paid_minor.saturating_add(other.paid_minor);
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

fn amount(field: &str, minor: i64) -> Validated<i64> {
    if minor <= 0 || minor > MAX_AMOUNT_MINOR {
        Err(ValidationError::new(field, "not_positive", "an amount in satang, more than zero"))
    } else {
        Ok(minor)
    }
}

fn key(value: &str) -> Validated<String> {
    let k = value.trim();
    if k.is_empty() || k.chars().count() > 200 {
        Err(ValidationError::new("idempotency_key", "bad_idempotency_key", "1 to 200 characters"))
    } else {
        Ok(k.to_string())
    }
}

/// Request body for opening a claim.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimInput {
    /// The victim the claim is for: a victim of the case.
    pub victim_party_id: Uuid,
    pub route: CompensationRoute,
    /// Claimed, in satang.
    pub claimed_minor: i64,
    /// Who owes it (the defendant, the fund), as free text.
    #[serde(default)]
    pub debtor: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A claim ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClaim {
    pub victim_party_id: Uuid,
    pub route: CompensationRoute,
    pub claimed_minor: i64,
    pub debtor: Option<String>,
    pub notes: Option<String>,
}

impl ClaimInput {
    pub fn validate(self) -> Validated<NewClaim> {
        Ok(NewClaim {
            victim_party_id: self.victim_party_id,
            route: self.route,
            claimed_minor: amount("claimed_minor", self.claimed_minor)?,
            debtor: optional_text("debtor", self.debtor.as_deref(), 300)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// Request body for a step of a claim. An `ordered` step carries the amount ordered and the
/// judgment's reference, and sets the claim's ordered amount.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    pub kind: ClaimStepKind,
    pub on_date: NaiveDate,
    /// The court's case number, the judgment's or the Legal Execution Department's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// For `ordered`: the amount ordered, in satang.
    #[serde(default)]
    pub amount_minor: Option<i64>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A step ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    pub kind: ClaimStepKind,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub amount_minor: Option<i64>,
    pub notes: Option<String>,
}

impl StepInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewStep> {
        not_in_future("on_date", self.on_date, today)?;
        let reference = optional_text("reference", self.reference.as_deref(), 200)?;
        let amount_minor = self.amount_minor.map(|a| amount("amount_minor", a)).transpose()?;
        if self.kind == ClaimStepKind::Ordered {
            if amount_minor.is_none() {
                return Err(ValidationError::new("amount_minor", "required", "an order says how much was ordered"));
            }
            if reference.is_none() {
                return Err(ValidationError::new("reference", "required", "an order needs the judgment's reference"));
            }
        }
        Ok(NewStep {
            kind: self.kind,
            on_date: self.on_date,
            reference,
            amount_minor,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// Request body for money received for a claim.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceiptInput {
    pub amount_minor: i64,
    pub on_date: NaiveDate,
    /// The receipt's or the Legal Execution Department's reference.
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Chosen by the client, the same for every retry of this request.
    pub idempotency_key: String,
}

/// Request body for a payment to the claim's victim.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    pub amount_minor: i64,
    /// Who is paid: must be the claim's victim.
    pub victim_party_id: Uuid,
    pub on_date: NaiveDate,
    /// The transfer's reference.
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub idempotency_key: String,
}

/// Request body for reversing a receipt or a payment (a reason is required).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReversalInput {
    pub movement_id: Uuid,
    pub on_date: NaiveDate,
    pub notes: String,
    pub idempotency_key: String,
}

/// A movement ready to plan and store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMovement {
    pub request: Request,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub idempotency_key: String,
}

impl ReceiptInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewMovement> {
        not_in_future("on_date", self.on_date, today)?;
        Ok(NewMovement {
            request: Request::Receive { amount_minor: amount("amount_minor", self.amount_minor)? },
            on_date: self.on_date,
            reference: optional_text("reference", self.reference.as_deref(), 200)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
            idempotency_key: key(&self.idempotency_key)?,
        })
    }
}

impl PaymentInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewMovement> {
        not_in_future("on_date", self.on_date, today)?;
        Ok(NewMovement {
            request: Request::Pay {
                amount_minor: amount("amount_minor", self.amount_minor)?,
                victim: self.victim_party_id,
            },
            on_date: self.on_date,
            reference: optional_text("reference", self.reference.as_deref(), 200)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
            idempotency_key: key(&self.idempotency_key)?,
        })
    }
}

impl ReversalInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewMovement> {
        not_in_future("on_date", self.on_date, today)?;
        Ok(NewMovement {
            request: Request::Reverse { movement: self.movement_id },
            on_date: self.on_date,
            reference: None,
            notes: Some(required_text("notes", &self.notes, 4000)?),
            idempotency_key: key(&self.idempotency_key)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_receipt_then_a_payment_balance_and_only_the_victim_is_paid() {
        let victim = id(1);
        let mut b = ClaimBook::new(victim);
        b.apply(id(10), "r1", &Request::Receive { amount_minor: 1_000_000 }).unwrap();
        assert_eq!((b.received(), b.held(), b.paid()), (1_000_000, 1_000_000, 0));
        assert_eq!(
            b.apply(id(11), "p1", &Request::Pay { amount_minor: 400_000, victim: id(2) }),
            Err(LedgerError::WrongVictim)
        );
        assert_eq!(
            b.apply(id(11), "p1", &Request::Pay { amount_minor: 1_200_000, victim }),
            Err(LedgerError::MoreThanHeld)
        );
        b.apply(id(11), "p1", &Request::Pay { amount_minor: 400_000, victim }).unwrap();
        assert_eq!((b.received(), b.held(), b.paid()), (1_000_000, 600_000, 400_000));
        // A retry records nothing; the same key for something else is refused.
        assert_eq!(b.apply(id(12), "p1", &Request::Pay { amount_minor: 400_000, victim }), Ok(id(11)));
        assert_eq!(b.movements.len(), 2);
        assert_eq!(b.apply(id(12), "p1", &Request::Pay { amount_minor: 500_000, victim }), Err(LedgerError::KeyReused));
        assert_eq!(b.apply(id(12), "z", &Request::Receive { amount_minor: 0 }), Err(LedgerError::NotPositive));
        assert_eq!(b.apply(id(12), " ", &Request::Receive { amount_minor: 1 }), Err(LedgerError::BadKey));
    }

    #[test]
    fn reversals_undo_once_and_never_leave_a_victim_paid_from_nothing() {
        let victim = id(1);
        let mut b = ClaimBook::new(victim);
        b.apply(id(10), "r1", &Request::Receive { amount_minor: 500 }).unwrap();
        b.apply(id(11), "p1", &Request::Pay { amount_minor: 300, victim }).unwrap();
        assert_eq!(b.apply(id(12), "x1", &Request::Reverse { movement: id(10) }), Err(LedgerError::ReceiptPaidOut));
        b.apply(id(12), "x2", &Request::Reverse { movement: id(11) }).unwrap();
        assert_eq!((b.held(), b.paid()), (500, 0));
        assert_eq!(b.apply(id(13), "x3", &Request::Reverse { movement: id(11) }), Err(LedgerError::AlreadyReversed));
        assert_eq!(b.apply(id(13), "x4", &Request::Reverse { movement: id(12) }), Err(LedgerError::ReversingAReversal));
        assert_eq!(b.apply(id(13), "x5", &Request::Reverse { movement: id(99) }), Err(LedgerError::UnknownMovement));
        b.apply(id(13), "x6", &Request::Reverse { movement: id(10) }).unwrap();
        assert_eq!((b.received(), b.held(), b.paid()), (0, 0, 0));
    }

    #[test]
    fn approval_rules() {
        assert!(!needs_second_approval(500_0000, Some(500_0000)));
        assert!(needs_second_approval(500_0001, Some(500_0000)));
        assert!(!needs_second_approval(i64::MAX, None));
        assert!(check_second_approver(id(1), id(1)).is_err());
        assert!(check_second_approver(id(1), id(2)).is_ok());
    }

    #[test]
    fn figures_say_what_is_owed_held_and_the_enforcement_gap() {
        let f = Figures { claimed_minor: 1000, ordered_minor: 800, received_minor: 200, paid_minor: 150 };
        assert_eq!((f.owed_minor(), f.held_minor()), (650, 50));
        assert_eq!(f.received_share(), Some(0.25));
        assert_eq!(Figures::default().received_share(), None);
    }

    /// One step of a random history over several claims and victims.
    #[derive(Debug, Clone)]
    enum Op {
        Receive { claim: usize, amount: i64 },
        Pay { claim: usize, victim: usize, amount: i64 },
        Reverse { claim: usize, pick: usize },
        Retry { pick: usize },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..4usize, 1..1_000_000i64).prop_map(|(claim, amount)| Op::Receive { claim, amount }),
            (0..4usize, 0..3usize, 1..1_000_000i64).prop_map(|(claim, victim, amount)| Op::Pay {
                claim,
                victim,
                amount
            }),
            (0..4usize, 0..64usize).prop_map(|(claim, pick)| Op::Reverse { claim, pick }),
            (0..64usize).prop_map(|pick| Op::Retry { pick }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Random claims, receipts, payments, reversals and retries: every movement balances, no
        /// account of money held goes below zero, each victim is paid only from their own claims,
        /// retries record nothing, and every balance equals a plain running model.
        #[test]
        fn the_ledger_keeps_every_balance_right(ops in proptest::collection::vec(op(), 1..80)) {
            // Claims 0 and 1 belong to victim 0, claim 2 to victim 1, claim 3 to victim 2.
            let victims = [id(100), id(101), id(102)];
            let owner = [0usize, 0, 1, 2];
            let mut books: Vec<ClaimBook> = owner.iter().map(|&v| ClaimBook::new(victims[v])).collect();
            let mut model: Vec<(i64, i64)> = vec![(0, 0); 4]; // (received, paid) per claim
            let mut asked: Vec<(usize, String, Request)> = Vec::new();
            let mut next = 1000u128;
            for o in ops {
                next += 1;
                let (claim, key, request) = match o {
                    Op::Receive { claim, amount } => (claim, format!("k{next}"), Request::Receive { amount_minor: amount }),
                    Op::Pay { claim, victim, amount } => {
                        (claim, format!("k{next}"), Request::Pay { amount_minor: amount, victim: victims[victim] })
                    }
                    Op::Reverse { claim, pick } => {
                        let list = &books[claim].movements;
                        let Some(m) = (!list.is_empty()).then(|| &list[pick % list.len()]) else { continue };
                        (claim, format!("k{next}"), Request::Reverse { movement: m.id })
                    }
                    Op::Retry { pick } => {
                        if asked.is_empty() { continue }
                        let (claim, key, request) = asked[pick % asked.len()].clone();
                        let before = books[claim].movements.len();
                        let again = books[claim].apply(id(next), &key, &request);
                        prop_assert_eq!(books[claim].movements.len(), before, "a retry records nothing");
                        if let Ok(found) = again {
                            prop_assert!(books[claim].movements.iter().any(|m| m.id == found && m.idempotency_key == key));
                        }
                        continue;
                    }
                };
                let held_before = books[claim].held();
                let result = books[claim].apply(id(next), &key, &request);
                match (&request, &result) {
                    (Request::Receive { amount_minor }, Ok(_)) => model[claim].0 += amount_minor,
                    (Request::Pay { amount_minor, victim }, Ok(_)) => {
                        prop_assert_eq!(*victim, victims[owner[claim]], "paid only to the claim's victim");
                        prop_assert!(*amount_minor <= held_before, "paid only from what was held");
                        model[claim].1 += amount_minor;
                    }
                    (Request::Pay { victim, .. }, Err(LedgerError::WrongVictim)) => {
                        prop_assert_ne!(*victim, victims[owner[claim]]);
                    }
                    (Request::Reverse { movement }, Ok(_)) => {
                        let m = books[claim].movements.iter().find(|m| m.id == *movement).unwrap();
                        match m.kind {
                            MovementKind::Receipt => model[claim].0 -= m.amount_minor,
                            MovementKind::Payment => model[claim].1 -= m.amount_minor,
                            MovementKind::Reversal => prop_assert!(false, "a reversal was reversed"),
                        }
                    }
                    _ => {}
                }
                if result.is_ok() {
                    asked.push((claim, key, request));
                }
                for (c, b) in books.iter().enumerate() {
                    for m in &b.movements {
                        prop_assert_eq!(m.entries.iter().map(|e| e.amount_minor).sum::<i64>(), 0, "a movement balances");
                    }
                    prop_assert!(b.held() >= 0, "nothing is held below zero");
                    prop_assert_eq!((b.received(), b.paid()), model[c]);
                    prop_assert_eq!(b.held(), model[c].0 - model[c].1);
                }
            }
            // Each victim's total paid is the sum over their own claims only.
            let mut paid: HashMap<Uuid, i64> = HashMap::new();
            for (c, b) in books.iter().enumerate() {
                *paid.entry(victims[owner[c]]).or_default() += b.paid();
            }
            prop_assert_eq!(paid[&victims[0]], model[0].1 + model[1].1);
            prop_assert_eq!(paid[&victims[1]], model[2].1);
            prop_assert_eq!(paid[&victims[2]], model[3].1);
        }
    }
}
