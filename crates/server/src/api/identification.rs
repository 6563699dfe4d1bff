//! Intake, screening recorded on a case, identification decisions, and perpetrators' standing.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use uuid::Uuid;

use counternet_domain::identification::{
    Decision, DecisionInput, Intake, IntakeInput, PerpetratorStatusInput, PerpetratorStatusRecord, ScreeningRecord,
};
use counternet_domain::screening::{Act, ForcedLabourIndicator, Means, ScreeningError, ScreeningInput};
use counternet_domain::vocab::ExploitationType;
use counternet_domain::ValidationError;
use counternet_store::identification;

use super::{latest_today, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::AppState;

/// Record how a case came in: a police referral (unit, officer, their reference), the
/// organisation's own investigation (and the unit it was passed to, when), a hotline call, or a
/// partner NGO.
#[utoipa::path(post, path = "/api/v1/cases/{id}/intakes", tag = "identification", params(("id" = Uuid, Path)),
    request_body = IntakeInput,
    responses((status = 201, body = Intake), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "A field is missing or not valid; `field` names it", body = ErrorBody)))]
pub async fn record_intake(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<IntakeInput>,
) -> ApiResult<(StatusCode, Json<Intake>)> {
    let new = input.validate(latest_today(&state))?;
    let i = write(&state, auth.actor(), move |tx, a| identification::record_intake(tx, a, id, new)).await?;
    Ok((StatusCode::CREATED, Json(i)))
}

/// How a case came in, earliest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/intakes", tag = "identification", params(("id" = Uuid, Path)),
    responses((status = 200, body = [Intake]), (status = 404, body = ErrorBody)))]
pub async fn list_intakes(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Intake>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| identification::list_intakes(tx, a, id)).await?))
}

/// The body of POST /api/v1/cases/{id}/screenings: the answers of POST /api/v1/screening and,
/// optionally, the person screened.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)] // documents the body, which is read as JSON to report errors as the engine does
pub struct RecordScreeningInput {
    /// The person screened (a party in the case). When their date of birth and the date of the
    /// case's exploitation event are recorded, the age is computed from them.
    party_id: Option<Uuid>,
    /// An estimate of the age at the time of the exploitation, used when it cannot be computed.
    #[schema(minimum = 0, maximum = 130)]
    age_at_exploitation: Option<f64>,
    acts: Vec<Act>,
    means: Vec<Means>,
    purposes: Vec<ExploitationType>,
    indicators: Vec<ForcedLabourIndicator>,
}

/// A screening input error as a validation error (422): on a case, the answers are a record.
fn invalid_answers(e: ScreeningError) -> ValidationError {
    match &e {
        ScreeningError::UnknownField { .. } => ValidationError::new(
            "?",
            e.code(),
            "unknown field (name withheld); the fields are party_id, age_at_exploitation, acts, means, purposes \
             and indicators",
        ),
        _ => ValidationError::new(e.field().filter(|f| *f != ".").unwrap_or("?"), e.code(), e.to_string()),
    }
}

/// Screen a person on the case against the legal test and record the answers with the advice.
/// Advice, never a verdict: it never changes an identification decision. The record is never
/// changed afterwards; screening again adds another.
#[utoipa::path(post, path = "/api/v1/cases/{id}/screenings", tag = "identification", params(("id" = Uuid, Path)),
    request_body = RecordScreeningInput,
    responses((status = 201, body = ScreeningRecord), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "An unknown code or field, a value not valid, or a person not in the case", body = ErrorBody)))]
pub async fn record_screening(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(mut body): ApiJson<serde_json::Value>,
) -> ApiResult<(StatusCode, Json<ScreeningRecord>)> {
    let party_id = match body.as_object_mut().and_then(|m| m.remove("party_id")) {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(
            Uuid::parse_str(&s).map_err(|_| ValidationError::new("party_id", "invalid_value", "must be a party id"))?,
        ),
        Some(_) => return Err(ValidationError::new("party_id", "invalid_value", "must be a party id").into()),
    };
    let input = ScreeningInput::from_value(&body).map_err(invalid_answers)?;
    let r =
        write(&state, auth.actor(), move |tx, a| identification::record_screening(tx, a, id, party_id, input)).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// The screenings of a case, newest first, each with the advice as it was given.
#[utoipa::path(get, path = "/api/v1/cases/{id}/screenings", tag = "identification", params(("id" = Uuid, Path)),
    responses((status = 200, body = [ScreeningRecord]), (status = 404, body = ErrorBody)))]
pub async fn list_screenings(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<ScreeningRecord>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| identification::list_screenings(tx, a, id)).await?))
}

/// Record a deciding body's formal identification of a person in the case (HTCDS trafficking
/// status: possible, actual, not a victim). The latest decision on a person stands.
#[utoipa::path(post, path = "/api/v1/cases/{id}/decisions", tag = "identification", params(("id" = Uuid, Path)),
    request_body = DecisionInput,
    responses((status = 201, body = Decision), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "A field is missing or not valid; `field` names it", body = ErrorBody)))]
pub async fn record_decision(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> ApiResult<(StatusCode, Json<Decision>)> {
    let new = input.validate(latest_today(&state))?;
    let d = write(&state, auth.actor(), move |tx, a| identification::record_decision(tx, a, id, new)).await?;
    Ok((StatusCode::CREATED, Json(d)))
}

/// The identification decisions of a case, latest first; `current` marks each person's standing one.
#[utoipa::path(get, path = "/api/v1/cases/{id}/decisions", tag = "identification", params(("id" = Uuid, Path)),
    responses((status = 200, body = [Decision]), (status = 404, body = ErrorBody)))]
pub async fn list_decisions(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Decision>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| identification::list_decisions(tx, a, id)).await?))
}

/// Record where a perpetrator of the case stands (suspected, reported to the police, arrested,
/// charged, convicted, acquitted), their roles in the process and the unit handling them.
#[utoipa::path(post, path = "/api/v1/cases/{id}/perpetrator-statuses", tag = "identification",
    params(("id" = Uuid, Path)), request_body = PerpetratorStatusInput,
    responses((status = 201, body = PerpetratorStatusRecord), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A field is missing or not valid, or the person is not a perpetrator in the case", body = ErrorBody)))]
pub async fn record_perpetrator_status(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<PerpetratorStatusInput>,
) -> ApiResult<(StatusCode, Json<PerpetratorStatusRecord>)> {
    let new = input.validate(latest_today(&state))?;
    let s = write(&state, auth.actor(), move |tx, a| identification::record_perpetrator_status(tx, a, id, new)).await?;
    Ok((StatusCode::CREATED, Json(s)))
}

/// The perpetrator statuses of a case, latest first; `current` marks each person's latest.
#[utoipa::path(get, path = "/api/v1/cases/{id}/perpetrator-statuses", tag = "identification",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = [PerpetratorStatusRecord]), (status = 404, body = ErrorBody)))]
pub async fn list_perpetrator_statuses(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<PerpetratorStatusRecord>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| identification::list_perpetrator_statuses(tx, a, id)).await?))
}
