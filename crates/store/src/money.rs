//! Following the money over stored payments (issue 7; docs/decisions/0018): the payments a trace
//! or a scan reads, the alerts a scan raises and analysts decide, and traces saved to a case as
//! evidence. The analysis itself (the money engine of the intel crate) runs in the server; the
//! store keeps what it found, scoped and audited like everything else.
//!
//! - A trace reads the payments of the cases the actor may see.
//! - A scan reads every payment of one organisation (it runs for the organisation, like the
//!   detection of connections between cases); an alert is seen by those who see one of the cases
//!   its payments belong to, and its accounts and payments are shown only as far as the reader may
//!   see them.
//! - One alert per rule and set of accounts: a later scan refreshes an open alert's evidence and
//!   score and leaves a decided one as it was decided.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::{Actor, Role, ValidationError};

use crate::audit::AuditEvent;
use crate::cases;
use crate::clock::{fmt_time, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{AlertCaseRow, AlertRow, TraceRow};
use crate::schema::{money_alert_cases, money_alerts, money_traces, payments};
use crate::scope::Scope;
use crate::{new_id, parse_uuid, Tx};

/// A payment as the money engine reads it: one side's view, as its statement wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerPayment {
    pub id: Uuid,
    pub case_id: Uuid,
    /// The statement's account.
    pub account: Uuid,
    /// The other side's account, when the bank gave it.
    pub counterparty: Option<Uuid>,
    /// Minor units; positive: into `account`.
    pub amount_minor: i64,
    pub currency: String,
    /// Local time as the statement wrote it, `YYYY-MM-DDTHH:MM:SS`.
    pub paid_at: String,
}

type LedgerTuple = (String, String, String, Option<String>, i64, String, String);

fn to_ledger(rows: Vec<LedgerTuple>) -> StoreResult<Vec<LedgerPayment>> {
    rows.into_iter()
        .map(|(id, case_id, account, counterparty, amount_minor, currency, paid_at)| {
            Ok(LedgerPayment {
                id: parse_uuid(&id)?,
                case_id: parse_uuid(&case_id)?,
                account: parse_uuid(&account)?,
                counterparty: counterparty.as_deref().map(parse_uuid).transpose()?,
                amount_minor,
                currency,
                paid_at,
            })
        })
        .collect()
}

macro_rules! ledger_columns {
    () => {
        (
            payments::id,
            payments::case_id,
            payments::account_party_id,
            payments::counterparty_party_id,
            payments::amount_minor,
            payments::currency,
            payments::paid_at,
        )
    };
}

/// The payments of every case `actor` may see, oldest first (what a trace follows).
pub fn visible_payments(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<LedgerPayment>> {
    require_money_role(actor)?;
    let scope = Scope::of(actor);
    let rows: Vec<LedgerTuple> = payments::table
        .filter(payments::case_id.eq_any(scope.case_ids()))
        .order((payments::paid_at.asc(), payments::id.asc()))
        .select(ledger_columns!())
        .load(tx.conn)?;
    to_ledger(rows)
}

/// Every payment of an organisation, oldest first (what a scan reads). Not scoped: only for scans,
/// whose findings are shown through [`alerts`]'s scope.
pub fn organisation_payments(tx: &mut Tx<'_>, org_id: Uuid) -> StoreResult<Vec<LedgerPayment>> {
    let rows: Vec<LedgerTuple> = payments::table
        .filter(payments::org_id.eq(org_id.to_string()))
        .order((payments::paid_at.asc(), payments::id.asc()))
        .select(ledger_columns!())
        .load(tx.conn)?;
    to_ledger(rows)
}

/// Whether the role looks at money: those who work cases.
fn require_money_role(actor: &Actor) -> StoreResult<()> {
    if actor.role.works_cases() {
        Ok(())
    } else {
        Err(StoreError::Forbidden("your role does not analyse payments"))
    }
}

// ---------------------------------------------------------------------------------------------
// Alerts

/// What a scan found: one rule over some accounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule's stable code (`fan_in`, `structuring`, ...).
    pub rule: String,
    /// The accounts (bank-account parties), the centre first where there is one.
    pub accounts: Vec<Uuid>,
    /// The payments that triggered it, in time order.
    pub payments: Vec<Uuid>,
    /// 0.5 at the rule's threshold, towards 1 beyond it.
    pub score: f64,
}

/// What recording a scan's findings did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ScanOutcome {
    /// Payments scanned.
    pub payments: usize,
    /// Alerts raised now.
    pub raised: usize,
    /// Open alerts whose evidence or score changed.
    pub updated: usize,
    /// Findings already decided by an analyst, left as decided.
    pub already_decided: usize,
}

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    Open,
    Confirmed,
    Dismissed,
}

impl AlertStatus {
    pub fn code(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::Confirmed => "confirmed",
            AlertStatus::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<AlertStatus> {
        [AlertStatus::Open, AlertStatus::Confirmed, AlertStatus::Dismissed].into_iter().find(|s| s.code() == code)
    }
}

fn fingerprint(rule: &str, accounts: &[Uuid]) -> String {
    let set: BTreeSet<&Uuid> = accounts.iter().collect();
    let mut h = Sha256::new();
    h.update(rule.as_bytes());
    for a in set {
        h.update(b"|");
        h.update(a.as_bytes());
    }
    hex::encode(h.finalize())
}

fn json_ids(ids: &[Uuid]) -> String {
    serde_json::to_string(&ids.iter().map(Uuid::to_string).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

fn parse_ids(text: &str) -> StoreResult<Vec<Uuid>> {
    let list: Vec<String> = serde_json::from_str(text).map_err(|_| StoreError::corrupt("alert id list"))?;
    list.iter().map(|s| parse_uuid(s)).collect()
}

/// Records a scan of organisation `org_id`: raises new alerts, refreshes open ones, leaves decided
/// ones. `case_of` names each payment's case. Audited: one entry per alert raised or refreshed.
pub fn record_findings(
    tx: &mut Tx<'_>,
    org_id: Uuid,
    findings: &[Finding],
    case_of: &HashMap<Uuid, Uuid>,
    payments_scanned: usize,
) -> StoreResult<ScanOutcome> {
    let mut out = ScanOutcome { payments: payments_scanned, ..ScanOutcome::default() };
    let now = fmt_time(tx.now);
    let org = org_id.to_string();
    let existing: Vec<AlertRow> =
        money_alerts::table.filter(money_alerts::org_id.eq(&org)).select(AlertRow::as_select()).load(tx.conn)?;
    let mut by_print: HashMap<String, AlertRow> = existing.into_iter().map(|r| (r.fingerprint.clone(), r)).collect();
    let mut seen: HashSet<String> = HashSet::new();
    for f in findings {
        let print = fingerprint(&f.rule, &f.accounts);
        if !seen.insert(print.clone()) {
            continue;
        }
        let payments_json = json_ids(&f.payments);
        let cases: BTreeSet<Uuid> = f.payments.iter().filter_map(|p| case_of.get(p)).copied().collect();
        match by_print.remove(&print) {
            Some(row) if row.status != AlertStatus::Open.code() => out.already_decided += 1,
            Some(row) => {
                if row.payments == payments_json && (row.score - f.score).abs() < 1e-9 {
                    continue;
                }
                diesel::update(money_alerts::table.find(&row.id))
                    .set((
                        money_alerts::payments.eq(&payments_json),
                        money_alerts::score.eq(f.score),
                        money_alerts::updated_at.eq(&now),
                    ))
                    .execute(tx.conn)?;
                link_cases(tx, &row.id, &cases)?;
                tx.audit(AuditEvent::new("money_alert.refresh", "money_alert", &row.id).detail(serde_json::json!({
                    "rule": f.rule, "payments": f.payments.len(), "score": f.score,
                })));
                out.updated += 1;
            }
            None => {
                let row = AlertRow {
                    id: new_id().to_string(),
                    org_id: org.clone(),
                    rule: f.rule.clone(),
                    fingerprint: print,
                    accounts: json_ids(&f.accounts),
                    payments: payments_json,
                    score: f.score,
                    status: AlertStatus::Open.code().into(),
                    decided_by: None,
                    decided_at: None,
                    decision_note: None,
                    raised_at: now.clone(),
                    updated_at: now.clone(),
                };
                diesel::insert_into(money_alerts::table).values(&row).execute(tx.conn)?;
                link_cases(tx, &row.id, &cases)?;
                tx.audit(AuditEvent::new("money_alert.raise", "money_alert", &row.id).detail(serde_json::json!({
                    "rule": f.rule, "accounts": f.accounts.len(), "payments": f.payments.len(), "score": f.score,
                })));
                out.raised += 1;
            }
        }
    }
    Ok(out)
}

fn link_cases(tx: &mut Tx<'_>, alert_id: &str, cases: &BTreeSet<Uuid>) -> StoreResult<()> {
    diesel::delete(money_alert_cases::table.filter(money_alert_cases::alert_id.eq(alert_id))).execute(tx.conn)?;
    for c in cases {
        let row = AlertCaseRow { alert_id: alert_id.to_string(), case_id: c.to_string() };
        diesel::insert_into(money_alert_cases::table).values(&row).execute(tx.conn)?;
    }
    Ok(())
}

/// An alert as stored; the server describes its accounts and payments for the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAlert {
    pub id: Uuid,
    pub rule: String,
    pub accounts: Vec<Uuid>,
    pub payments: Vec<Uuid>,
    pub score: f64,
    pub status: AlertStatus,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    pub raised_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The cases its payments belong to that the reader may see.
    pub cases: Vec<Uuid>,
}

fn to_alert(row: AlertRow, cases: Vec<Uuid>) -> StoreResult<StoredAlert> {
    Ok(StoredAlert {
        id: parse_uuid(&row.id)?,
        rule: row.rule,
        accounts: parse_ids(&row.accounts)?,
        payments: parse_ids(&row.payments)?,
        score: row.score,
        status: AlertStatus::from_code(&row.status).ok_or_else(|| StoreError::corrupt("alert status"))?,
        decided_by: row.decided_by.as_deref().map(parse_uuid).transpose()?,
        decided_at: row.decided_at.as_deref().map(parse_time).transpose()?,
        decision_note: row.decision_note,
        raised_at: parse_time(&row.raised_at)?,
        updated_at: parse_time(&row.updated_at)?,
        cases,
    })
}

/// The alerts `actor` may see (those with a payment in a case they see), highest score first;
/// `status` narrows them, `case_id` keeps those touching one case.
pub fn alerts(
    tx: &mut Tx<'_>,
    actor: &Actor,
    status: Option<AlertStatus>,
    case_id: Option<Uuid>,
    limit: i64,
) -> StoreResult<Vec<StoredAlert>> {
    require_money_role(actor)?;
    let scope = Scope::of(actor);
    let visible: Vec<(String, String)> = money_alert_cases::table
        .filter(money_alert_cases::case_id.eq_any(scope.case_ids()))
        .select((money_alert_cases::alert_id, money_alert_cases::case_id))
        .load(tx.conn)?;
    let mut cases_of: HashMap<String, Vec<Uuid>> = HashMap::new();
    for (alert, case) in visible {
        cases_of.entry(alert).or_default().push(parse_uuid(&case)?);
    }
    if let Some(c) = case_id {
        cases_of.retain(|_, cases| cases.contains(&c));
    }
    let ids: Vec<String> = cases_of.keys().cloned().collect();
    let mut rows: Vec<AlertRow> = Vec::new();
    for chunk in ids.chunks(500) {
        let mut q = money_alerts::table.filter(money_alerts::id.eq_any(chunk)).into_boxed();
        if let Some(s) = status {
            q = q.filter(money_alerts::status.eq(s.code()));
        }
        rows.extend(q.select(AlertRow::as_select()).load(tx.conn)?);
    }
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.raised_at.cmp(&a.raised_at)).then(a.id.cmp(&b.id)));
    rows.truncate(limit.clamp(1, 1000) as usize);
    rows.into_iter()
        .map(|r| {
            let mut cases = cases_of.remove(&r.id).unwrap_or_default();
            cases.sort();
            to_alert(r, cases)
        })
        .collect()
}

/// One alert `actor` may see.
pub fn alert(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<StoredAlert> {
    require_money_role(actor)?;
    let scope = Scope::of(actor);
    let cases: Vec<String> = money_alert_cases::table
        .filter(money_alert_cases::alert_id.eq(id.to_string()))
        .filter(money_alert_cases::case_id.eq_any(scope.case_ids()))
        .select(money_alert_cases::case_id)
        .load(tx.conn)?;
    let row: Option<AlertRow> =
        money_alerts::table.find(id.to_string()).select(AlertRow::as_select()).first(tx.conn).optional()?;
    match row {
        None => Err(StoreError::NotFound),
        Some(_) if cases.is_empty() => {
            Err(StoreError::Denied { entity_kind: "money_alert", entity_id: id.to_string(), case_id: None })
        }
        Some(row) => {
            let mut cases: Vec<Uuid> = cases.iter().map(|c| parse_uuid(c)).collect::<StoreResult<_>>()?;
            cases.sort();
            to_alert(row, cases)
        }
    }
}

/// An analyst's decision on an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The pattern is real and worth acting on.
    Confirm,
    /// Not suspicious (a reason is required).
    Dismiss,
    /// Back to open (a reason is required).
    Reopen,
}

/// Confirms, dismisses or reopens an alert. Investigators, analysts and managers who see it; a
/// dismissal or reopening needs a reason.
pub fn decide(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: Uuid,
    decision: Decision,
    note: Option<String>,
) -> StoreResult<StoredAlert> {
    if !matches!(actor.role, Role::Investigator | Role::Analyst | Role::Manager) {
        return Err(StoreError::Forbidden("only investigators, analysts and managers decide alerts"));
    }
    let before = alert(tx, actor, id)?;
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 2000) {
        return Err(ValidationError::new("note", "too_long", "at most 2,000 characters").into());
    }
    if decision != Decision::Confirm && note.is_none() {
        return Err(ValidationError::new("note", "required", "say why").into());
    }
    let status = match decision {
        Decision::Confirm => AlertStatus::Confirmed,
        Decision::Dismiss => AlertStatus::Dismissed,
        Decision::Reopen => AlertStatus::Open,
    };
    if status == before.status {
        return Err(StoreError::Conflict {
            code: "already_decided",
            message: format!("the alert is already {}", status.code()),
        });
    }
    let now = fmt_time(tx.now);
    let (by, at) =
        if status == AlertStatus::Open { (None, None) } else { (Some(actor.user_id.to_string()), Some(now.clone())) };
    diesel::update(money_alerts::table.find(id.to_string()))
        .set((
            money_alerts::status.eq(status.code()),
            money_alerts::decided_by.eq(by),
            money_alerts::decided_at.eq(at),
            money_alerts::decision_note.eq(&note),
            money_alerts::updated_at.eq(&now),
        ))
        .execute(tx.conn)?;
    let mut event = AuditEvent::new("money_alert.decide", "money_alert", id).detail(serde_json::json!({
        "from": before.status, "to": status, "rule": before.rule,
    }));
    if let Some(c) = before.cases.first() {
        event = event.in_case(c);
    }
    tx.audit(event);
    alert(tx, actor, id)
}

// ---------------------------------------------------------------------------------------------
// Traces saved to a case

/// A trace saved to a case as evidence: the question and the flow found, as JSON the server
/// wrote (party and payment ids only).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedTrace {
    pub id: Uuid,
    pub case_id: Uuid,
    pub title: String,
    pub query: serde_json::Value,
    pub flow: serde_json::Value,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

fn to_trace(row: TraceRow) -> StoreResult<SavedTrace> {
    Ok(SavedTrace {
        id: parse_uuid(&row.id)?,
        case_id: parse_uuid(&row.case_id)?,
        title: row.title,
        query: serde_json::from_str(&row.query).map_err(|_| StoreError::corrupt("saved trace query"))?,
        flow: serde_json::from_str(&row.flow).map_err(|_| StoreError::corrupt("saved trace flow"))?,
        created_by: parse_uuid(&row.created_by)?,
        created_at: parse_time(&row.created_at)?,
    })
}

/// Saves a trace to a case the actor may see: any member of its team (analysts too: tracing money
/// is their work, as notes are everyone's).
pub fn save_trace(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    title: &str,
    query: &serde_json::Value,
    flow: &serde_json::Value,
) -> StoreResult<SavedTrace> {
    let case = cases::visible(tx, actor, case_id)?;
    require_money_role(actor)?;
    let title = title.trim();
    if title.is_empty() {
        return Err(ValidationError::new("title", "required", "give the trace a title").into());
    }
    if title.chars().count() > 200 {
        return Err(ValidationError::new("title", "too_long", "at most 200 characters").into());
    }
    let row = TraceRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        title: title.to_string(),
        query: query.to_string(),
        flow: flow.to_string(),
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(money_traces::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("money_trace.save", "money_trace", &row.id).in_case(case_id).detail(serde_json::json!({
        "query": query,
    })));
    to_trace(row)
}

/// The traces saved to a case, newest first.
pub fn traces(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<SavedTrace>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<TraceRow> = money_traces::table
        .filter(money_traces::case_id.eq(case_id.to_string()))
        .order((money_traces::created_at.desc(), money_traces::id.desc()))
        .select(TraceRow::as_select())
        .load(tx.conn)?;
    rows.into_iter().map(to_trace).collect()
}

/// One saved trace, from a case the actor may see.
pub fn trace(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<SavedTrace> {
    let row: Option<TraceRow> =
        money_traces::table.find(id.to_string()).select(TraceRow::as_select()).first(tx.conn).optional()?;
    let row = row.ok_or(StoreError::NotFound)?;
    cases::visible(tx, actor, parse_uuid(&row.case_id)?)?;
    to_trace(row)
}

/// Those of the given payments that belong to cases `actor` may see.
pub fn payments_among(tx: &mut Tx<'_>, actor: &Actor, ids: &[Uuid]) -> StoreResult<Vec<LedgerPayment>> {
    let scope = Scope::of(actor);
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let wanted: Vec<String> = chunk.iter().map(Uuid::to_string).collect();
        let rows: Vec<LedgerTuple> = payments::table
            .filter(payments::id.eq_any(&wanted))
            .filter(payments::case_id.eq_any(scope.case_ids()))
            .select(ledger_columns!())
            .load(tx.conn)?;
        out.extend(to_ledger(rows)?);
    }
    out.sort_by(|a, b| a.paid_at.cmp(&b.paid_at).then(a.id.cmp(&b.id)));
    Ok(out)
}
