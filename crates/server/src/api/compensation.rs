//! Compensation to the last baht (issue 8): claims per victim per route, their steps, the ledger of
//! money received for the victim and paid to them (payments above a set amount approved by a
//! second person), and the reports of claimed, ordered, received, paid and still owed.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::compensation::{ClaimInput, Figures, PaymentInput, ReceiptInput, ReversalInput, StepInput};
use counternet_domain::Role;
use counternet_store::compensation::{self, Approval, Claim, ClaimDetail, LedgerMovement, PaymentOutcome};
use counternet_store::{cases, StoreResult, Tx};

use super::{forbidden, latest_today, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::AppState;

/// Open a compensation claim for a victim of the case, by one route, with the amount claimed.
#[utoipa::path(post, path = "/api/v1/cases/{id}/claims", tag = "compensation", params(("id" = Uuid, Path)),
    request_body = ClaimInput,
    responses((status = 201, body = ClaimDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_claim(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ClaimInput>,
) -> ApiResult<(StatusCode, Json<ClaimDetail>)> {
    let new = input.validate();
    let detail = write(&state, auth.actor(), move |tx, a| {
        cases::editable(tx, a, id)?;
        compensation::create_claim(tx, a, id, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The claims of a case with their figures.
#[utoipa::path(get, path = "/api/v1/cases/{id}/claims", tag = "compensation", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Claim>), (status = 404, body = ErrorBody)))]
pub async fn list_claims(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Claim>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| compensation::claims_for_case(tx, a, id)).await?))
}

/// A claim with its steps, its ledger and the payments waiting for approval.
#[utoipa::path(get, path = "/api/v1/claims/{id}", tag = "compensation", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClaimDetail), (status = 404, body = ErrorBody)))]
pub async fn get_claim(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ClaimDetail>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| compensation::claim(tx, a, id)).await?))
}

/// Record a step: filed, a hearing, the order (with the amount and the judgment's reference), an
/// appeal, the Legal Execution Department's steps, a settlement, closing.
#[utoipa::path(post, path = "/api/v1/claims/{id}/steps", tag = "compensation", params(("id" = Uuid, Path)),
    request_body = StepInput,
    responses((status = 201, body = ClaimDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_step(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<StepInput>,
) -> ApiResult<(StatusCode, Json<ClaimDetail>)> {
    let step = input.validate(latest_today(&state));
    let detail = write(&state, auth.actor(), move |tx, a| {
        compensation::check_visible(tx, a, id)?;
        compensation::add_step(tx, a, id, step?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// Record money received for the claim (from the debtor, through the Legal Execution Department,
/// or from a fund). Retrying with the same `idempotency_key` records nothing more and answers the
/// same movement.
#[utoipa::path(post, path = "/api/v1/claims/{id}/receipts", tag = "compensation", params(("id" = Uuid, Path)),
    request_body = ReceiptInput,
    responses((status = 201, body = LedgerMovement), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn receive(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ReceiptInput>,
) -> ApiResult<(StatusCode, Json<LedgerMovement>)> {
    let m = input.validate(latest_today(&state));
    let done = write(&state, auth.actor(), move |tx, a| {
        compensation::check_visible(tx, a, id)?;
        compensation::receive(tx, a, id, m?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// Pay the claim's victim from the money held for them. Above the second-approval amount the
/// payment waits for someone else to approve it (202). Retrying with the same `idempotency_key`
/// answers what the first request did.
#[utoipa::path(post, path = "/api/v1/claims/{id}/payments", tag = "compensation", params(("id" = Uuid, Path)),
    request_body = PaymentInput,
    responses((status = 201, body = PaymentOutcome), (status = 202, body = PaymentOutcome),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn pay(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<PaymentInput>,
) -> ApiResult<(StatusCode, Json<PaymentOutcome>)> {
    let m = input.validate(latest_today(&state));
    let done = write(&state, auth.actor(), move |tx, a| {
        compensation::check_visible(tx, a, id)?;
        compensation::pay(tx, a, id, m?)
    })
    .await?;
    let status = match done {
        PaymentOutcome::Recorded { .. } => StatusCode::CREATED,
        PaymentOutcome::AwaitingApproval { .. } => StatusCode::ACCEPTED,
    };
    Ok((status, Json(done)))
}

/// Reverse a receipt or a payment (with the reason); entries are never edited or deleted.
#[utoipa::path(post, path = "/api/v1/claims/{id}/reversals", tag = "compensation", params(("id" = Uuid, Path)),
    request_body = ReversalInput,
    responses((status = 201, body = LedgerMovement), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reverse(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ReversalInput>,
) -> ApiResult<(StatusCode, Json<LedgerMovement>)> {
    let m = input.validate(latest_today(&state));
    let done = write(&state, auth.actor(), move |tx, a| {
        compensation::check_visible(tx, a, id)?;
        compensation::reverse(tx, a, id, m?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// Payments waiting for a second approver in the cases you see.
#[utoipa::path(get, path = "/api/v1/payment-approvals", tag = "compensation",
    responses((status = 200, body = Vec<Approval>)))]
pub async fn pending_approvals(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<Approval>>> {
    Ok(Json(read(&state, auth.actor(), compensation::pending_approvals).await?))
}

/// A second approver's decision.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalDecision {
    pub approve: bool,
    /// Why (required to reject).
    #[serde(default)]
    pub note: Option<String>,
}

/// Approve a waiting payment (it is recorded now, if the money is still held) or reject it. Not by
/// who asked for it.
#[utoipa::path(post, path = "/api/v1/payment-approvals/{id}/decision", tag = "compensation",
    params(("id" = Uuid, Path)), request_body = ApprovalDecision,
    responses((status = 200, body = Approval), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_payment(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ApprovalDecision>,
) -> ApiResult<Json<Approval>> {
    Ok(Json(
        write(&state, auth.actor(), move |tx, a| compensation::decide_payment(tx, a, id, body.approve, body.note))
            .await?,
    ))
}

/// One line of a report: a claim, a victim, a case, or everything.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ReportLine {
    /// The claim's id, the victim's reference, the case's reference, or "all".
    pub key: String,
    /// The claim's route, for claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// The victim's reference (pseudonymous), for claims and victims.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub victim_ref: Option<String>,
    pub claims: usize,
    #[serde(flatten)]
    pub figures: Figures,
    pub owed_minor: i64,
    pub held_minor: i64,
    /// Received of what was ordered (the enforcement gap), when anything was ordered.
    pub received_share: Option<f64>,
}

impl ReportLine {
    fn new(key: String, claims: usize, f: Figures) -> ReportLine {
        ReportLine {
            key,
            route: None,
            victim_ref: None,
            claims,
            owed_minor: f.owed_minor(),
            held_minor: f.held_minor(),
            received_share: f.received_share(),
            figures: f,
        }
    }
}

/// The compensation report: per claim, per victim, per case and overall.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CompensationReport {
    pub claims: Vec<ReportLine>,
    pub victims: Vec<ReportLine>,
    pub cases: Vec<ReportLine>,
    pub overall: ReportLine,
}

/// The report over `claims`; `case_label` names a case.
pub fn report_of(claims: &[Claim], case_label: &dyn Fn(Uuid) -> String) -> CompensationReport {
    let mut victims: BTreeMap<String, (usize, Figures)> = BTreeMap::new();
    let mut by_case: BTreeMap<String, (usize, Figures)> = BTreeMap::new();
    let mut overall = Figures::default();
    let mut lines = Vec::with_capacity(claims.len());
    for c in claims {
        let mut line = ReportLine::new(c.id.to_string(), 1, c.figures);
        line.route = Some(c.route.code().to_string());
        line.victim_ref = Some(c.victim_ref.clone());
        lines.push(line);
        for (map, key) in [(&mut victims, c.victim_ref.clone()), (&mut by_case, case_label(c.case_id))] {
            let slot = map.entry(key).or_default();
            slot.0 += 1;
            slot.1.add(&c.figures);
        }
        overall.add(&c.figures);
    }
    let list = |m: BTreeMap<String, (usize, Figures)>, victims: bool| {
        m.into_iter()
            .map(|(k, (n, f))| {
                let mut l = ReportLine::new(k.clone(), n, f);
                if victims {
                    l.victim_ref = Some(k);
                }
                l
            })
            .collect()
    };
    CompensationReport {
        claims: lines,
        victims: list(victims, true),
        cases: list(by_case, false),
        overall: ReportLine::new("all".into(), claims.len(), overall),
    }
}

fn visible_report(tx: &mut Tx<'_>, actor: &counternet_domain::Actor) -> StoreResult<CompensationReport> {
    let claims = compensation::visible_claims(tx, actor)?;
    let ids: Vec<Uuid> = claims.iter().map(|c| c.case_id).collect();
    let refs = cases::references(tx, actor, &ids)?;
    Ok(report_of(&claims, &|c| refs.get(&c).cloned().unwrap_or_else(|| c.to_string())))
}

/// Claimed, ordered, received, paid out and still owed, and the share of the ordered money
/// received: per claim, per victim (by pseudonymous reference), per case and overall, over the
/// cases you see.
#[utoipa::path(get, path = "/api/v1/reports/compensation", tag = "compensation",
    responses((status = 200, body = CompensationReport), (status = 403, body = ErrorBody)))]
pub async fn report(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<CompensationReport>> {
    if !auth.actor().role.works_cases() {
        return Err(forbidden(&state, &auth, "your role does not read compensation reports").await);
    }
    Ok(Json(read(&state, auth.actor(), visible_report).await?))
}

/// The compensation settings.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompensationSettings {
    /// A payment to a victim above this many satang needs a second, different approver; `null`:
    /// never. Default 5,000,000 (50,000 THB).
    pub second_approval_above_minor: Option<i64>,
}

/// The compensation settings.
#[utoipa::path(get, path = "/api/v1/admin/settings/compensation", tag = "admin",
    responses((status = 200, body = CompensationSettings)))]
pub async fn get_settings(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<CompensationSettings>> {
    let t = read(&state, auth.actor(), |tx, _| compensation::second_approval_threshold(tx)).await?;
    Ok(Json(CompensationSettings { second_approval_above_minor: t }))
}

/// Set the compensation settings (administrators; audited).
#[utoipa::path(put, path = "/api/v1/admin/settings/compensation", tag = "admin", request_body = CompensationSettings,
    responses((status = 200, body = CompensationSettings), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_settings(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<CompensationSettings>,
) -> ApiResult<Json<CompensationSettings>> {
    if auth.actor().role != Role::Administrator {
        return Err(forbidden(&state, &auth, "only an administrator changes settings").await);
    }
    let t = write(&state, auth.actor(), move |tx, a| {
        compensation::set_second_approval_threshold(tx, a, input.second_approval_above_minor)
    })
    .await?;
    Ok(Json(CompensationSettings { second_approval_above_minor: t }))
}
