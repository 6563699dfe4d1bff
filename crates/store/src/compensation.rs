//! Compensation claims and their ledger (issue 8; docs/decisions/0019). The rules are the domain's
//! ([`counternet_domain::compensation`]); this module loads a claim's movements, asks the domain's
//! [`ClaimBook`] what a request means, and writes it: a movement with its entries, in the caller's
//! transaction, audited. A claim is seen and changed with its case.
//!
//! Concurrent requests on one claim are serialised by touching the claim's row first (an UPDATE
//! takes its row lock on PostgreSQL; SQLite writes one transaction at a time), so two payments
//! cannot both spend the same money held.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::compensation::{
    check_second_approver, needs_second_approval, Account, ClaimBook, ClaimStepKind, CompensationRoute, Entry, Figures,
    LedgerError, Movement, MovementKind, NewClaim, NewMovement, NewStep, Plan, Request, DEFAULT_SECOND_APPROVAL_MINOR,
};
use counternet_domain::vocab::CaseRole;
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::cases;
use crate::clock::{fmt_date, fmt_time, parse_date, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{ApprovalRow, ClaimRow, ClaimStepRow, EntryRow, MovementRow};
use crate::schema::{
    case_parties, claim_steps, compensation_claims, ledger_entries, ledger_movements, payment_approvals,
};
use crate::scope::Scope;
use crate::{new_id, parse_uuid, parties, settings, Tx};

/// The settings key of the second-approval threshold.
pub const SECOND_APPROVAL_KEY: &str = "compensation_second_approval_minor";

/// A pseudonymous reference of a victim for reports: stable, and not the name or the record's id.
pub fn victim_ref(party_id: Uuid) -> String {
    let h = Sha256::digest([b"counternet victim reference:".as_slice(), party_id.as_bytes()].concat());
    format!("V-{}", hex::encode(h.get(..5).unwrap_or_default()).to_uppercase())
}

/// A claim, as the API and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Claim {
    pub id: Uuid,
    pub case_id: Uuid,
    pub victim_party_id: Uuid,
    /// The victim's name as the reader may see it (masked unless revealed).
    pub victim: Option<String>,
    /// The victim's pseudonymous reference, as in reports.
    pub victim_ref: String,
    pub route: CompensationRoute,
    pub ordered_on: Option<NaiveDate>,
    pub judgment_reference: Option<String>,
    pub debtor: Option<String>,
    pub notes: Option<String>,
    pub figures: Figures,
    /// Still owed to the victim: ordered and not yet paid.
    pub owed_minor: i64,
    /// Held for the victim: received and not yet paid.
    pub held_minor: i64,
    /// The share of the ordered money received, when anything was ordered.
    pub received_share: Option<f64>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A step of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Step {
    pub id: Uuid,
    pub kind: ClaimStepKind,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub amount_minor: Option<i64>,
    pub notes: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// A movement of a claim's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct LedgerMovement {
    pub id: Uuid,
    pub kind: MovementKind,
    pub amount_minor: i64,
    pub entries: Vec<Entry>,
    pub reverses: Option<Uuid>,
    /// A later reversal of this one.
    pub reversed_by: Option<Uuid>,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub notes: Option<String>,
    pub idempotency_key: String,
    pub recorded_by: Uuid,
    /// The second approver of a payment that needed one.
    pub approved_by: Option<Uuid>,
    pub recorded_at: DateTime<Utc>,
}

/// A payment waiting for (or decided by) a second approver.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Approval {
    pub id: Uuid,
    pub claim_id: Uuid,
    pub case_id: Uuid,
    pub amount_minor: i64,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub notes: Option<String>,
    /// pending, approved or rejected.
    pub status: String,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    /// The payment recorded on approval.
    pub movement_id: Option<Uuid>,
}

/// A claim with its steps, ledger and payments awaiting approval.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ClaimDetail {
    pub claim: Claim,
    pub steps: Vec<Step>,
    pub movements: Vec<LedgerMovement>,
    pub approvals: Vec<Approval>,
}

/// What a payment request did.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PaymentOutcome {
    /// Recorded (or, for a retry, recorded before).
    Recorded { movement: LedgerMovement },
    /// Above the second-approval amount: waiting for someone else to approve it.
    AwaitingApproval { approval: Approval },
}

fn ledger_error(e: LedgerError) -> StoreError {
    let field = match e {
        LedgerError::KeyReused | LedgerError::BadKey => "idempotency_key",
        LedgerError::WrongVictim => "victim_party_id",
        LedgerError::UnknownMovement | LedgerError::AlreadyReversed | LedgerError::ReversingAReversal => "movement_id",
        LedgerError::NotPositive | LedgerError::MoreThanHeld | LedgerError::ReceiptPaidOut => "amount_minor",
    };
    match e {
        LedgerError::KeyReused | LedgerError::AlreadyReversed => {
            StoreError::Conflict { code: e.code(), message: e.to_string() }
        }
        _ => ValidationError::new(field, e.code(), e.to_string()).into(),
    }
}

fn require_money_role(actor: &Actor) -> StoreResult<()> {
    if actor.role.may_edit_cases() {
        Ok(())
    } else {
        Err(StoreError::Forbidden("your role may read claims but not record money"))
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

fn figures_of(tx: &mut Tx<'_>, claims: &[ClaimRow]) -> StoreResult<HashMap<String, Figures>> {
    let mut out: HashMap<String, Figures> = claims
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                Figures {
                    claimed_minor: c.claimed_minor,
                    ordered_minor: c.ordered_minor.unwrap_or(0),
                    ..Figures::default()
                },
            )
        })
        .collect();
    let ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    for chunk in ids.chunks(500) {
        // Summed here: SUM of a BIGINT is NUMERIC on PostgreSQL, and claims hold few entries.
        let entries: Vec<(String, String, i64)> = ledger_entries::table
            .filter(ledger_entries::claim_id.eq_any(chunk))
            .select((ledger_entries::claim_id, ledger_entries::account, ledger_entries::amount_minor))
            .load(tx.conn)?;
        for (claim, account, amount) in entries {
            if let Some(f) = out.get_mut(&claim) {
                match Account::from_code(&account) {
                    Some(Account::Source) => f.received_minor = f.received_minor.saturating_sub(amount),
                    Some(Account::Paid) => f.paid_minor = f.paid_minor.saturating_add(amount),
                    Some(Account::Held) => {}
                    None => return Err(StoreError::corrupt("unknown ledger account")),
                }
            }
        }
    }
    Ok(out)
}

fn to_claims(tx: &mut Tx<'_>, actor: Option<&Actor>, rows: Vec<ClaimRow>) -> StoreResult<Vec<Claim>> {
    let figures = figures_of(tx, &rows)?;
    let names: HashMap<Uuid, String> = match actor {
        Some(a) => {
            let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.victim_party_id.parse().ok()).collect();
            parties::visible_among(tx, a, &ids)?.into_iter().map(|p| (p.id, p.name)).collect()
        }
        None => HashMap::new(),
    };
    rows.into_iter()
        .map(|r| {
            let f = figures.get(&r.id).copied().unwrap_or_default();
            let victim = parse_uuid(&r.victim_party_id)?;
            Ok(Claim {
                id: parse_uuid(&r.id)?,
                case_id: parse_uuid(&r.case_id)?,
                victim_party_id: victim,
                victim: names.get(&victim).cloned(),
                victim_ref: victim_ref(victim),
                route: CompensationRoute::from_code(&r.route).ok_or_else(|| StoreError::corrupt("claim route"))?,
                ordered_on: parse_opt_date(r.ordered_on.as_deref())?,
                judgment_reference: r.judgment_reference,
                debtor: r.debtor,
                notes: r.notes,
                owed_minor: f.owed_minor(),
                held_minor: f.held_minor(),
                received_share: f.received_share(),
                figures: f,
                created_by: parse_uuid(&r.created_by)?,
                created_at: parse_time(&r.created_at)?,
            })
        })
        .collect()
}

/// A claim's row, when the actor sees its case.
fn visible_row(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<ClaimRow> {
    let row: ClaimRow = compensation_claims::table
        .find(id.to_string())
        .select(ClaimRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    cases::visible(tx, actor, parse_uuid(&row.case_id)?)?;
    Ok(row)
}

/// Whether the actor may see a claim (its case): `NotFound`/`Denied` otherwise. Cheap: the claim's
/// row only, for handlers that check visibility before reading a request's body.
pub fn check_visible(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<()> {
    visible_row(tx, actor, id).map(|_| ())
}

/// The claims of a case, oldest first.
pub fn claims_for_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Claim>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<ClaimRow> = compensation_claims::table
        .filter(compensation_claims::case_id.eq(case_id.to_string()))
        .order((compensation_claims::created_at.asc(), compensation_claims::id.asc()))
        .select(ClaimRow::as_select())
        .load(tx.conn)?;
    to_claims(tx, Some(actor), rows)
}

/// Every claim of the cases `actor` may see (for reports), oldest first.
pub fn visible_claims(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<Claim>> {
    let scope = Scope::of(actor);
    let rows: Vec<ClaimRow> = compensation_claims::table
        .filter(compensation_claims::case_id.eq_any(scope.case_ids()))
        .order((compensation_claims::created_at.asc(), compensation_claims::id.asc()))
        .select(ClaimRow::as_select())
        .load(tx.conn)?;
    to_claims(tx, Some(actor), rows)
}

/// Every claim of an organisation, without names (the command-line report, run by the operator).
pub fn organisation_claims(tx: &mut Tx<'_>, org_id: Option<Uuid>) -> StoreResult<Vec<Claim>> {
    let mut q = compensation_claims::table.into_boxed();
    if let Some(org) = org_id {
        q = q.filter(compensation_claims::org_id.eq(org.to_string()));
    }
    let rows: Vec<ClaimRow> = q
        .order((compensation_claims::created_at.asc(), compensation_claims::id.asc()))
        .select(ClaimRow::as_select())
        .load(tx.conn)?;
    to_claims(tx, None, rows)
}

fn to_movements(rows: Vec<MovementRow>, entries: Vec<EntryRow>) -> StoreResult<Vec<LedgerMovement>> {
    let mut by_movement: HashMap<String, Vec<Entry>> = HashMap::new();
    for e in entries {
        let account = Account::from_code(&e.account).ok_or_else(|| StoreError::corrupt("unknown ledger account"))?;
        by_movement.entry(e.movement_id).or_default().push(Entry { account, amount_minor: e.amount_minor });
    }
    let reversed_by: HashMap<String, String> =
        rows.iter().filter_map(|r| r.reverses_id.clone().map(|x| (x, r.id.clone()))).collect();
    rows.into_iter()
        .map(|r| {
            let mut entries = by_movement.remove(&r.id).unwrap_or_default();
            entries.sort_by_key(|e| e.account);
            Ok(LedgerMovement {
                id: parse_uuid(&r.id)?,
                kind: MovementKind::from_code(&r.kind).ok_or_else(|| StoreError::corrupt("movement kind"))?,
                amount_minor: r.amount_minor,
                entries,
                reverses: r.reverses_id.as_deref().map(parse_uuid).transpose()?,
                reversed_by: reversed_by.get(&r.id).map(|s| parse_uuid(s)).transpose()?,
                on_date: parse_date(&r.on_date)?,
                reference: r.reference,
                notes: r.notes,
                idempotency_key: r.idempotency_key,
                recorded_by: parse_uuid(&r.recorded_by)?,
                approved_by: r.approved_by.as_deref().map(parse_uuid).transpose()?,
                recorded_at: parse_time(&r.recorded_at)?,
            })
        })
        .collect()
}

fn movements_of(tx: &mut Tx<'_>, claim_id: &str) -> StoreResult<(Vec<MovementRow>, Vec<LedgerMovement>)> {
    let rows: Vec<MovementRow> = ledger_movements::table
        .filter(ledger_movements::claim_id.eq(claim_id))
        .order((ledger_movements::recorded_at.asc(), ledger_movements::id.asc()))
        .select(MovementRow::as_select())
        .load(tx.conn)?;
    let entries: Vec<EntryRow> = ledger_entries::table
        .filter(ledger_entries::claim_id.eq(claim_id))
        .select(EntryRow::as_select())
        .load(tx.conn)?;
    let list = to_movements(rows.clone(), entries)?;
    Ok((rows, list))
}

fn to_approval(r: ApprovalRow) -> StoreResult<Approval> {
    Ok(Approval {
        id: parse_uuid(&r.id)?,
        claim_id: parse_uuid(&r.claim_id)?,
        case_id: parse_uuid(&r.case_id)?,
        amount_minor: r.amount_minor,
        on_date: parse_date(&r.on_date)?,
        reference: r.reference,
        notes: r.notes,
        status: r.status,
        requested_by: parse_uuid(&r.requested_by)?,
        requested_at: parse_time(&r.requested_at)?,
        decided_by: r.decided_by.as_deref().map(parse_uuid).transpose()?,
        decided_at: r.decided_at.as_deref().map(parse_time).transpose()?,
        decision_note: r.decision_note,
        movement_id: r.movement_id.as_deref().map(parse_uuid).transpose()?,
    })
}

/// A claim with its steps, ledger and approvals.
pub fn claim(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<ClaimDetail> {
    let row = visible_row(tx, actor, id)?;
    let key = row.id.clone();
    let claim = to_claims(tx, Some(actor), vec![row])?.pop().ok_or(StoreError::NotFound)?;
    let steps: Vec<ClaimStepRow> = claim_steps::table
        .filter(claim_steps::claim_id.eq(&key))
        .order((claim_steps::on_date.asc(), claim_steps::recorded_at.asc()))
        .select(ClaimStepRow::as_select())
        .load(tx.conn)?;
    let steps = steps
        .into_iter()
        .map(|s| {
            Ok(Step {
                id: parse_uuid(&s.id)?,
                kind: ClaimStepKind::from_code(&s.kind).ok_or_else(|| StoreError::corrupt("claim step kind"))?,
                on_date: parse_date(&s.on_date)?,
                reference: s.reference,
                amount_minor: s.amount_minor,
                notes: s.notes,
                recorded_by: parse_uuid(&s.recorded_by)?,
                recorded_at: parse_time(&s.recorded_at)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let (_, movements) = movements_of(tx, &key)?;
    let approvals: Vec<ApprovalRow> = payment_approvals::table
        .filter(payment_approvals::claim_id.eq(&key))
        .order((payment_approvals::requested_at.asc(), payment_approvals::id.asc()))
        .select(ApprovalRow::as_select())
        .load(tx.conn)?;
    let approvals = approvals.into_iter().map(to_approval).collect::<StoreResult<Vec<_>>>()?;
    Ok(ClaimDetail { claim, steps, movements, approvals })
}

/// Payments waiting for a second approver in the cases `actor` may see, oldest first.
pub fn pending_approvals(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<Approval>> {
    let scope = Scope::of(actor);
    let rows: Vec<ApprovalRow> = payment_approvals::table
        .filter(payment_approvals::status.eq("pending"))
        .filter(payment_approvals::case_id.eq_any(scope.case_ids()))
        .order((payment_approvals::requested_at.asc(), payment_approvals::id.asc()))
        .select(ApprovalRow::as_select())
        .load(tx.conn)?;
    rows.into_iter().map(to_approval).collect()
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Opens a claim for a victim of a case.
pub fn create_claim(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewClaim) -> StoreResult<ClaimDetail> {
    let case = cases::editable(tx, actor, case_id)?;
    let is_victim: i64 = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::party_id.eq(new.victim_party_id.to_string()))
        .filter(case_parties::role.eq(CaseRole::Victim.code()))
        .count()
        .get_result(tx.conn)?;
    if is_victim == 0 {
        return Err(
            ValidationError::new("victim_party_id", "not_a_victim", "a claim is for a victim of this case").into()
        );
    }
    let now = fmt_time(tx.now);
    let row = ClaimRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        victim_party_id: new.victim_party_id.to_string(),
        route: new.route.code().into(),
        claimed_minor: new.claimed_minor,
        ordered_minor: None,
        ordered_on: None,
        judgment_reference: None,
        debtor: new.debtor,
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: now.clone(),
        updated_at: now,
    };
    diesel::insert_into(compensation_claims::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("claim.create", "claim", &row.id).in_case(case_id).detail(serde_json::json!({
        "route": row.route, "claimed_minor": row.claimed_minor, "victim_party_id": row.victim_party_id,
    })));
    claim(tx, actor, parse_uuid(&row.id)?)
}

/// Records a step of a claim; an `ordered` step sets the claim's ordered amount, date and judgment.
pub fn add_step(tx: &mut Tx<'_>, actor: &Actor, claim_id: Uuid, step: NewStep) -> StoreResult<ClaimDetail> {
    let row = visible_row(tx, actor, claim_id)?;
    let case_id = parse_uuid(&row.case_id)?;
    cases::editable(tx, actor, case_id)?;
    let now = fmt_time(tx.now);
    let s = ClaimStepRow {
        id: new_id().to_string(),
        claim_id: row.id.clone(),
        case_id: row.case_id.clone(),
        kind: step.kind.code().into(),
        on_date: fmt_date(step.on_date),
        reference: step.reference.clone(),
        amount_minor: step.amount_minor,
        notes: step.notes,
        recorded_by: actor.user_id.to_string(),
        recorded_at: now.clone(),
    };
    diesel::insert_into(claim_steps::table).values(&s).execute(tx.conn)?;
    if step.kind == ClaimStepKind::Ordered {
        diesel::update(compensation_claims::table.find(&row.id))
            .set((
                compensation_claims::ordered_minor.eq(step.amount_minor),
                compensation_claims::ordered_on.eq(Some(fmt_date(step.on_date))),
                compensation_claims::judgment_reference.eq(step.reference),
                compensation_claims::updated_at.eq(&now),
            ))
            .execute(tx.conn)?;
    }
    tx.audit(AuditEvent::new("claim.step", "claim", &row.id).in_case(case_id).detail(serde_json::json!({
        "kind": s.kind, "on_date": s.on_date, "amount_minor": s.amount_minor,
    })));
    claim(tx, actor, claim_id)
}

/// Locks the claim (see the module's description) and loads its book.
fn lock_book(tx: &mut Tx<'_>, row: &ClaimRow) -> StoreResult<ClaimBook> {
    diesel::update(compensation_claims::table.find(&row.id))
        .set(compensation_claims::updated_at.eq(fmt_time(tx.now)))
        .execute(tx.conn)?;
    let (rows, list) = movements_of(tx, &row.id)?;
    let fingerprints: HashMap<String, String> = rows.into_iter().map(|r| (r.id, r.fingerprint)).collect();
    let movements = list
        .into_iter()
        .map(|m| Movement {
            id: m.id,
            kind: m.kind,
            amount_minor: m.amount_minor,
            entries: m.entries,
            reverses: m.reverses,
            idempotency_key: m.idempotency_key,
            fingerprint: fingerprints.get(&m.id.to_string()).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(ClaimBook { victim: parse_uuid(&row.victim_party_id)?, movements })
}

/// Writes a planned movement (or finds the one a retry names) and answers it.
fn post(
    tx: &mut Tx<'_>,
    actor: &Actor,
    row: &ClaimRow,
    book: &ClaimBook,
    m: &NewMovement,
    approved_by: Option<Uuid>,
) -> StoreResult<LedgerMovement> {
    let plan = book.plan(&m.idempotency_key, &m.request).map_err(ledger_error)?;
    let id = match plan {
        Plan::Existing(id) => id,
        Plan::New { kind, amount_minor, entries, reverses } => {
            let mr = MovementRow {
                id: new_id().to_string(),
                org_id: row.org_id.clone(),
                claim_id: row.id.clone(),
                case_id: row.case_id.clone(),
                kind: kind.code().into(),
                amount_minor,
                reverses_id: reverses.map(|r| r.to_string()),
                idempotency_key: m.idempotency_key.clone(),
                fingerprint: m.request.fingerprint(),
                on_date: fmt_date(m.on_date),
                reference: m.reference.clone(),
                notes: m.notes.clone(),
                recorded_by: actor.user_id.to_string(),
                approved_by: approved_by.map(|a| a.to_string()),
                recorded_at: fmt_time(tx.now),
            };
            diesel::insert_into(ledger_movements::table).values(&mr).execute(tx.conn)?;
            for e in &entries {
                let er = EntryRow {
                    id: new_id().to_string(),
                    movement_id: mr.id.clone(),
                    claim_id: row.id.clone(),
                    account: e.account.code().into(),
                    amount_minor: e.amount_minor,
                };
                diesel::insert_into(ledger_entries::table).values(&er).execute(tx.conn)?;
            }
            tx.audit(AuditEvent::new("claim.movement", "claim", &row.id).in_case(&row.case_id).detail(
                serde_json::json!({
                    "movement_id": mr.id, "kind": mr.kind, "amount_minor": amount_minor,
                    "reverses": mr.reverses_id, "approved_by": mr.approved_by,
                }),
            ));
            parse_uuid(&mr.id)?
        }
    };
    let (_, list) = movements_of(tx, &row.id)?;
    list.into_iter().find(|x| x.id == id).ok_or(StoreError::NotFound)
}

/// Records money received for a claim (a retry with the same key records nothing more).
pub fn receive(tx: &mut Tx<'_>, actor: &Actor, claim_id: Uuid, m: NewMovement) -> StoreResult<LedgerMovement> {
    let row = visible_row(tx, actor, claim_id)?;
    cases::editable(tx, actor, parse_uuid(&row.case_id)?)?;
    require_money_role(actor)?;
    if !matches!(m.request, Request::Receive { .. }) {
        return Err(StoreError::corrupt("a receipt request that is not a receipt"));
    }
    let book = lock_book(tx, &row)?;
    post(tx, actor, &row, &book, &m, None)
}

/// Reverses a receipt or a payment of a claim.
pub fn reverse(tx: &mut Tx<'_>, actor: &Actor, claim_id: Uuid, m: NewMovement) -> StoreResult<LedgerMovement> {
    let row = visible_row(tx, actor, claim_id)?;
    cases::editable(tx, actor, parse_uuid(&row.case_id)?)?;
    require_money_role(actor)?;
    let book = lock_book(tx, &row)?;
    post(tx, actor, &row, &book, &m, None)
}

/// The amount above which a payment needs a second approver (`None`: never).
pub fn second_approval_threshold(tx: &mut Tx<'_>) -> StoreResult<Option<i64>> {
    match settings::get(tx, SECOND_APPROVAL_KEY)? {
        None => Ok(Some(DEFAULT_SECOND_APPROVAL_MINOR)),
        Some(serde_json::Value::Null) => Ok(None),
        Some(v) => v.as_i64().map(Some).ok_or_else(|| StoreError::corrupt("second-approval threshold")),
    }
}

/// Sets the second-approval threshold (administrators): an amount in satang, or `None` for never.
pub fn set_second_approval_threshold(tx: &mut Tx<'_>, actor: &Actor, minor: Option<i64>) -> StoreResult<Option<i64>> {
    if minor.is_some_and(|m| m < 0) {
        return Err(ValidationError::new(
            "second_approval_above_minor",
            "negative",
            "zero or more, or empty for never",
        )
        .into());
    }
    let value = minor.map_or(serde_json::Value::Null, serde_json::Value::from);
    settings::set(tx, actor, SECOND_APPROVAL_KEY, "settings.compensation_second_approval", Some(&value))?;
    Ok(minor)
}

/// Pays the claim's victim: recorded at once, or (above the second-approval amount) kept waiting
/// for someone else to approve. A retry with the same key answers what the first request did.
pub fn pay(tx: &mut Tx<'_>, actor: &Actor, claim_id: Uuid, m: NewMovement) -> StoreResult<PaymentOutcome> {
    let row = visible_row(tx, actor, claim_id)?;
    cases::editable(tx, actor, parse_uuid(&row.case_id)?)?;
    require_money_role(actor)?;
    let Request::Pay { amount_minor, .. } = m.request else {
        return Err(StoreError::corrupt("a payment request that is not a payment"));
    };
    let book = lock_book(tx, &row)?;
    // A retry of a payment that waits (or waited) for approval answers its approval.
    let waiting: Option<ApprovalRow> = payment_approvals::table
        .filter(payment_approvals::claim_id.eq(&row.id))
        .filter(payment_approvals::idempotency_key.eq(&m.idempotency_key))
        .select(ApprovalRow::as_select())
        .first(tx.conn)
        .optional()?;
    if let Some(a) = waiting {
        if a.amount_minor != amount_minor {
            return Err(ledger_error(LedgerError::KeyReused));
        }
        return Ok(PaymentOutcome::AwaitingApproval { approval: to_approval(a)? });
    }
    // Checked now (victim, money held), so that a payment that could never be made does not wait.
    let plan = book.plan(&m.idempotency_key, &m.request).map_err(ledger_error)?;
    if matches!(plan, Plan::New { .. }) && needs_second_approval(amount_minor, second_approval_threshold(tx)?) {
        let a = ApprovalRow {
            id: new_id().to_string(),
            claim_id: row.id.clone(),
            case_id: row.case_id.clone(),
            amount_minor,
            idempotency_key: m.idempotency_key.clone(),
            on_date: fmt_date(m.on_date),
            reference: m.reference.clone(),
            notes: m.notes.clone(),
            status: "pending".into(),
            requested_by: actor.user_id.to_string(),
            requested_at: fmt_time(tx.now),
            decided_by: None,
            decided_at: None,
            decision_note: None,
            movement_id: None,
        };
        diesel::insert_into(payment_approvals::table).values(&a).execute(tx.conn)?;
        tx.audit(
            AuditEvent::new("claim.payment_requested", "claim", &row.id)
                .in_case(&row.case_id)
                .detail(serde_json::json!({"approval_id": a.id, "amount_minor": amount_minor})),
        );
        return Ok(PaymentOutcome::AwaitingApproval { approval: to_approval(a)? });
    }
    Ok(PaymentOutcome::Recorded { movement: post(tx, actor, &row, &book, &m, None)? })
}

/// Approves (records) or rejects a payment waiting for a second approver: a manager (DESIGN.md:
/// managers approve disbursements) other than who asked for it.
pub fn decide_payment(
    tx: &mut Tx<'_>,
    actor: &Actor,
    approval_id: Uuid,
    approve: bool,
    note: Option<String>,
) -> StoreResult<Approval> {
    let a: ApprovalRow = payment_approvals::table
        .find(approval_id.to_string())
        .select(ApprovalRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let row = visible_row(tx, actor, parse_uuid(&a.claim_id)?)?;
    cases::editable(tx, actor, parse_uuid(&row.case_id)?)?;
    if actor.role != counternet_domain::Role::Manager {
        return Err(StoreError::Forbidden("managers approve payments to victims"));
    }
    if a.status != "pending" {
        return Err(StoreError::Conflict { code: "already_decided", message: format!("the payment is {}", a.status) });
    }
    check_second_approver(parse_uuid(&a.requested_by)?, actor.user_id)
        .map_err(|m| StoreError::Conflict { code: "same_approver", message: m.into() })?;
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if !approve && note.is_none() {
        return Err(ValidationError::new("note", "required", "say why the payment is rejected").into());
    }
    let movement_id = if approve {
        let book = lock_book(tx, &row)?;
        let m = NewMovement {
            request: Request::Pay { amount_minor: a.amount_minor, victim: parse_uuid(&row.victim_party_id)? },
            on_date: parse_date(&a.on_date)?,
            reference: a.reference.clone(),
            notes: a.notes.clone(),
            idempotency_key: a.idempotency_key.clone(),
        };
        // Recorded by who asked for it, approved by the actor; the money held is checked again now.
        let requester = Actor { user_id: parse_uuid(&a.requested_by)?, ..actor.clone() };
        Some(post(tx, &requester, &row, &book, &m, Some(actor.user_id))?.id.to_string())
    } else {
        None
    };
    let status = if approve { "approved" } else { "rejected" };
    diesel::update(payment_approvals::table.find(&a.id))
        .set((
            payment_approvals::status.eq(status),
            payment_approvals::decided_by.eq(Some(actor.user_id.to_string())),
            payment_approvals::decided_at.eq(Some(fmt_time(tx.now))),
            payment_approvals::decision_note.eq(&note),
            payment_approvals::movement_id.eq(&movement_id),
        ))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("claim.payment_decided", "claim", &row.id)
            .in_case(&row.case_id)
            .detail(serde_json::json!({"approval_id": a.id, "status": status, "movement_id": movement_id})),
    );
    let done: ApprovalRow = payment_approvals::table.find(&a.id).select(ApprovalRow::as_select()).first(tx.conn)?;
    to_approval(done)
}
