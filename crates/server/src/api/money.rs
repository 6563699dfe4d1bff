//! Following the money over stored payments (issue 7): traces from an account or a payment, saved
//! to a case as evidence; alerts from the money rules, confirmed or dismissed by an analyst; the
//! rules' thresholds as an administrator's setting.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::{Actor, Role};
use counternet_store::money::{self as store_money, AlertStatus, Decision, SavedTrace, ScanOutcome, StoredAlert};
use counternet_store::{cases, parties, StoreError, StoreResult, Tx};

use super::{forbidden, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::money::{self, MoneySettings, TraceFlow, TraceParams};
use crate::AppState;

/// Answers a trace for `actor` over the payments of the cases they may see.
pub fn run_trace(tx: &mut Tx<'_>, actor: &Actor, params: &TraceParams) -> StoreResult<TraceFlow> {
    if !actor.role.works_cases() {
        return Err(StoreError::Forbidden("your role does not analyse payments"));
    }
    let settings = money::load_settings(tx)?;
    let q = params.resolve(&settings)?;
    if let Some(account) = q.account {
        // A party the reader may not see is "no such party", like one that does not exist.
        parties::visible(tx, actor, account)?;
    }
    let rows = store_money::visible_payments(tx, actor)?;
    let flow = money::trace(&rows, &q, &settings).ok_or(StoreError::NotFound)?;
    money::describe_flow(tx, actor, flow)
}

/// Follow the money from a bank account (every payment out of it, or into it backward) or from one
/// payment: each next payment leaves the account the money reached, later (backward: earlier)
/// within the window, with an amount within the tolerance, up to `hops` payments. Reads the
/// payments of the cases you may see; stops at hub accounts unless `through_hubs`.
#[utoipa::path(get, path = "/api/v1/money/trace", tag = "money", params(TraceParams),
    responses((status = 200, body = TraceFlow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn trace(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(params): ApiQuery<TraceParams>,
) -> ApiResult<Json<TraceFlow>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| run_trace(tx, a, &params)).await?))
}

/// A trace saved to a case, with names as the reader may see them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SavedTraceView {
    pub id: Uuid,
    pub case_id: Uuid,
    pub title: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub flow: TraceFlow,
}

/// Request body for saving a trace to a case.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveTrace {
    pub title: String,
    pub trace: TraceParams,
}

/// Shows a saved trace to `actor`.
pub fn view_trace(tx: &mut Tx<'_>, actor: &Actor, saved: SavedTrace) -> StoreResult<SavedTraceView> {
    let flow: TraceFlow = serde_json::from_value(saved.flow).map_err(|_| StoreError::corrupt("saved trace flow"))?;
    Ok(SavedTraceView {
        id: saved.id,
        case_id: saved.case_id,
        title: saved.title,
        created_by: saved.created_by,
        created_at: saved.created_at,
        flow: money::describe_flow(tx, actor, flow)?,
    })
}

/// Runs a trace and saves it to a case as evidence (the flow as found now; names are shown to each
/// reader as they may see them).
pub fn save_trace(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, body: &SaveTrace) -> StoreResult<SavedTraceView> {
    cases::visible(tx, actor, case_id)?;
    let mut flow = run_trace(tx, actor, &body.trace)?;
    flow.accounts.iter_mut().for_each(|a| a.name = None);
    let query = serde_json::to_value(&flow.query).map_err(|_| StoreError::corrupt("trace query"))?;
    let flow_json = serde_json::to_value(&flow).map_err(|_| StoreError::corrupt("trace flow"))?;
    let saved = store_money::save_trace(tx, actor, case_id, &body.title, &query, &flow_json)?;
    view_trace(tx, actor, saved)
}

/// Run a trace and save it to a case as evidence.
#[utoipa::path(post, path = "/api/v1/cases/{id}/traces", tag = "money", params(("id" = Uuid, Path)),
    request_body = SaveTrace,
    responses((status = 201, body = SavedTraceView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn save_case_trace(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SaveTrace>,
) -> ApiResult<(StatusCode, Json<SavedTraceView>)> {
    let saved = write(&state, auth.actor(), move |tx, a| save_trace(tx, a, id, &body)).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// The traces saved to a case, newest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/traces", tag = "money", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<SavedTraceView>), (status = 404, body = ErrorBody)))]
pub async fn case_traces(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<SavedTraceView>>> {
    Ok(Json(
        read(&state, auth.actor(), move |tx, a| {
            store_money::traces(tx, a, id)?.into_iter().map(|t| view_trace(tx, a, t)).collect()
        })
        .await?,
    ))
}

/// One saved trace.
#[utoipa::path(get, path = "/api/v1/traces/{id}", tag = "money", params(("id" = Uuid, Path)),
    responses((status = 200, body = SavedTraceView), (status = 404, body = ErrorBody)))]
pub async fn get_trace(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<SavedTraceView>> {
    Ok(Json(
        read(&state, auth.actor(), move |tx, a| {
            let t = store_money::trace(tx, a, id)?;
            view_trace(tx, a, t)
        })
        .await?,
    ))
}

// ---------------------------------------------------------------------------------------------
// Alerts

/// An account an alert is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertAccount {
    pub party_id: Uuid,
    /// As the reader may see it; `None` when it is outside the reader's cases.
    pub name: Option<String>,
}

/// A payment an alert names, from a case the reader may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertPayment {
    pub id: Uuid,
    pub case_id: Uuid,
    /// The statement's account, and the other side's when the bank gave it.
    pub account: Uuid,
    pub counterparty: Option<Uuid>,
    /// Minor units; positive: into `account`.
    pub amount_minor: i64,
    pub currency: String,
    /// Local time as the statement wrote it.
    pub paid_at: String,
}

/// A case an alert touches.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseRef {
    pub id: Uuid,
    pub reference: String,
}

/// An alert as the reader may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AlertView {
    pub id: Uuid,
    /// The rule's code: fan_in, fan_out, cycle, scatter_gather, gather_scatter, layered_chain,
    /// structuring, wage_sweep, late_night, pass_through.
    pub rule: String,
    /// 0.5 at the rule's threshold, towards 1 beyond it.
    pub score: f64,
    pub status: AlertStatus,
    pub accounts: Vec<AlertAccount>,
    /// The payments that triggered it that the reader may see, in time order.
    pub payments: Vec<AlertPayment>,
    /// Payments of it in cases the reader may not see.
    pub hidden_payments: usize,
    pub cases: Vec<CaseRef>,
    pub raised_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

/// Describes an alert for `actor`.
pub fn view_alert(tx: &mut Tx<'_>, actor: &Actor, a: StoredAlert) -> StoreResult<AlertView> {
    let names: HashMap<Uuid, String> =
        parties::visible_among(tx, actor, &a.accounts)?.into_iter().map(|p| (p.id, p.name)).collect();
    let payments = store_money::payments_among(tx, actor, &a.payments)?;
    let references = cases::references(tx, actor, &a.cases)?;
    Ok(AlertView {
        id: a.id,
        rule: a.rule,
        score: a.score,
        status: a.status,
        accounts: a.accounts.iter().map(|id| AlertAccount { party_id: *id, name: names.get(id).cloned() }).collect(),
        hidden_payments: a.payments.len().saturating_sub(payments.len()),
        payments: payments
            .into_iter()
            .map(|p| AlertPayment {
                id: p.id,
                case_id: p.case_id,
                account: p.account,
                counterparty: p.counterparty,
                amount_minor: p.amount_minor,
                currency: p.currency,
                paid_at: p.paid_at,
            })
            .collect(),
        cases: a
            .cases
            .iter()
            .filter_map(|c| references.get(c).map(|r| CaseRef { id: *c, reference: r.clone() }))
            .collect(),
        raised_at: a.raised_at,
        updated_at: a.updated_at,
        decided_by: a.decided_by,
        decided_at: a.decided_at,
        decision_note: a.decision_note,
    })
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AlertFilter {
    /// open, confirmed or dismissed (default: all).
    pub status: Option<AlertStatus>,
    /// Only alerts with a payment in this case.
    pub case: Option<Uuid>,
    /// At most this many (1 to 1000, default 200), highest score first.
    pub limit: Option<i64>,
}

/// The alerts you may see: those with a payment in one of your cases, highest score first.
#[utoipa::path(get, path = "/api/v1/money/alerts", tag = "money", params(AlertFilter),
    responses((status = 200, body = Vec<AlertView>), (status = 403, body = ErrorBody)))]
pub async fn list_alerts(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(f): ApiQuery<AlertFilter>,
) -> ApiResult<Json<Vec<AlertView>>> {
    Ok(Json(
        read(&state, auth.actor(), move |tx, a| {
            let list = store_money::alerts(tx, a, f.status, f.case, f.limit.unwrap_or(200))?;
            list.into_iter().map(|x| view_alert(tx, a, x)).collect()
        })
        .await?,
    ))
}

/// One alert.
#[utoipa::path(get, path = "/api/v1/money/alerts/{id}", tag = "money", params(("id" = Uuid, Path)),
    responses((status = 200, body = AlertView), (status = 404, body = ErrorBody)))]
pub async fn get_alert(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<AlertView>> {
    Ok(Json(
        read(&state, auth.actor(), move |tx, a| {
            let x = store_money::alert(tx, a, id)?;
            view_alert(tx, a, x)
        })
        .await?,
    ))
}

/// An analyst's decision.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AlertDecision {
    pub decision: Decision,
    /// Why (required to dismiss or reopen).
    pub note: Option<String>,
}

/// Confirm an alert, dismiss it (saying why), or reopen it (investigators, analysts, managers).
/// Audited.
#[utoipa::path(post, path = "/api/v1/money/alerts/{id}/decision", tag = "money", params(("id" = Uuid, Path)),
    request_body = AlertDecision,
    responses((status = 200, body = AlertView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_alert(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<AlertDecision>,
) -> ApiResult<Json<AlertView>> {
    Ok(Json(
        write(&state, auth.actor(), move |tx, a| {
            let x = store_money::decide(tx, a, id, body.decision, body.note)?;
            view_alert(tx, a, x)
        })
        .await?,
    ))
}

/// Scan your organisation's payments with the money rules now (after the settings change; imports
/// scan by themselves). Investigators, analysts and managers.
#[utoipa::path(post, path = "/api/v1/money/scan", tag = "money",
    responses((status = 200, body = ScanOutcome), (status = 403, body = ErrorBody)))]
pub async fn scan_now(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<ScanOutcome>> {
    if !matches!(auth.actor().role, Role::Investigator | Role::Analyst | Role::Manager) {
        return Err(forbidden(&state, &auth, "only investigators, analysts and managers scan payments").await);
    }
    Ok(Json(write(&state, auth.actor(), |tx, a| money::scan_organisation(tx, a.org_id)).await?))
}

// ---------------------------------------------------------------------------------------------
// Settings

/// The money rules' thresholds and the trace's defaults.
#[utoipa::path(get, path = "/api/v1/admin/settings/money", tag = "admin",
    responses((status = 200, body = MoneySettings)))]
pub async fn get_settings(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<MoneySettings>> {
    Ok(Json(read(&state, auth.actor(), |tx, _| money::load_settings(tx)).await?))
}

/// Set the money rules' thresholds (administrators; fields left out take their defaults). Audited
/// with the old and new values. Alerts already raised stay; the next scan uses the new values.
#[utoipa::path(put, path = "/api/v1/admin/settings/money", tag = "admin", request_body = MoneySettings,
    responses((status = 200, body = MoneySettings), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_settings(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<MoneySettings>,
) -> ApiResult<Json<MoneySettings>> {
    if auth.actor().role != Role::Administrator {
        return Err(forbidden(&state, &auth, "only an administrator changes settings").await);
    }
    Ok(Json(write(&state, auth.actor(), move |tx, a| money::save_settings(tx, a, &input)).await?))
}
