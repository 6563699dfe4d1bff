//! Consent, referrals to and from partners, and what a partner liaison sees of the cases shared
//! with their organisation.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use uuid::Uuid;

use counternet_domain::case::{Note, NoteInput};
use counternet_domain::referral::{AnswerInput, Consent, ConsentInput, Referral, ReferralInput, WithdrawInput};
use counternet_domain::vocab::ReferralStatus;
use counternet_store::referrals::{self, PartnerView, SharedReferral};

use super::{read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::AppState;

/// Record a survivor's (or their guardian's) consent: to services, to sharing with one named
/// organisation, or to non-identifying statistics.
#[utoipa::path(post, path = "/api/v1/cases/{id}/consents", tag = "referrals", params(("id" = Uuid, Path)),
    request_body = ConsentInput,
    responses((status = 201, body = Consent), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "A field is missing or not valid; `field` names it", body = ErrorBody)))]
pub async fn record_consent(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ConsentInput>,
) -> ApiResult<(StatusCode, Json<Consent>)> {
    let new = input.validate(crate::api::latest_today(&state))?;
    let c = write(&state, auth.actor(), move |tx, a| referrals::record_consent(tx, a, id, new)).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// The consents recorded in a case, with whether each is active today.
#[utoipa::path(get, path = "/api/v1/cases/{id}/consents", tag = "referrals", params(("id" = Uuid, Path)),
    responses((status = 200, body = [Consent]), (status = 404, body = ErrorBody)))]
pub async fn list_consents(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Consent>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| referrals::list_consents(tx, a, id)).await?))
}

/// Record that a consent was withdrawn. The consent stays on record; sharing that needed it stops
/// showing identities at once.
#[utoipa::path(post, path = "/api/v1/consents/{id}/withdraw", tag = "referrals", params(("id" = Uuid, Path)),
    request_body = WithdrawInput,
    responses((status = 200, body = Consent), (status = 404, body = ErrorBody),
        (status = 409, description = "Already withdrawn", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn withdraw_consent(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<WithdrawInput>,
) -> ApiResult<Json<Consent>> {
    Ok(Json(
        write(&state, auth.actor(), move |tx, a| referrals::withdraw_consent(tx, a, id, input.withdrawn_on)).await?,
    ))
}

/// Refer a case out to a partner (police unit, AMLO, shelter, NGO), or record one received.
/// Revealing identities needs every survivor's consent to sharing with that partner, or a
/// manager's override with a reason (audited).
#[utoipa::path(post, path = "/api/v1/cases/{id}/referrals", tag = "referrals", params(("id" = Uuid, Path)),
    request_body = ReferralInput,
    responses((status = 201, body = Referral),
        (status = 403, description = "Your role may not refer cases, or may not override consent", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "Not valid, or `consent_missing`: identities without consent", body = ErrorBody)))]
pub async fn create_referral(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ReferralInput>,
) -> ApiResult<(StatusCode, Json<Referral>)> {
    let new = input.validate()?;
    let r = write(&state, auth.actor(), move |tx, a| referrals::create(tx, a, id, new)).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// A case's referrals, newest first, with how long the other side took to answer.
#[utoipa::path(get, path = "/api/v1/cases/{id}/referrals", tag = "referrals", params(("id" = Uuid, Path)),
    responses((status = 200, body = [Referral]), (status = 404, body = ErrorBody)))]
pub async fn list_referrals(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Referral>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| referrals::list_for_case(tx, a, id)).await?))
}

/// Accept or reject a referral: the partner's liaison for one sent out, the case team for one
/// received.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/answer", tag = "referrals", params(("id" = Uuid, Path)),
    request_body = AnswerInput,
    responses((status = 200, body = Referral), (status = 404, body = ErrorBody),
        (status = 409, description = "Already answered, done or revoked", body = ErrorBody)))]
pub async fn answer_referral(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<AnswerInput>,
) -> ApiResult<Json<Referral>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| referrals::answer(tx, a, id, input)).await?))
}

/// Mark an accepted referral done (the case team, or the partner's liaison).
#[utoipa::path(post, path = "/api/v1/referrals/{id}/done", tag = "referrals", params(("id" = Uuid, Path)),
    responses((status = 200, body = Referral), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn referral_done(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Referral>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| referrals::close(tx, a, id, ReferralStatus::Done)).await?))
}

/// Take a referral back (the case team): the partner stops seeing the case at once.
#[utoipa::path(post, path = "/api/v1/referrals/{id}/revoke", tag = "referrals", params(("id" = Uuid, Path)),
    responses((status = 200, body = Referral), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn revoke_referral(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Referral>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| referrals::close(tx, a, id, ReferralStatus::Revoked)).await?))
}

/// (Partner liaisons) The live referrals sent to your organisation.
#[utoipa::path(get, path = "/api/v1/shared", tag = "referrals",
    responses((status = 200, body = [SharedReferral]), (status = 403, body = ErrorBody)))]
pub async fn shared_with_me(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<SharedReferral>>> {
    Ok(Json(read(&state, auth.actor(), referrals::shared_with_me).await?))
}

/// (Partner liaisons) Exactly what one referral shares: the overview, and once accepted the
/// parts chosen. Parts not shared are null. Each read is recorded in the case's audit trail.
#[utoipa::path(get, path = "/api/v1/shared/{id}", tag = "referrals", params(("id" = Uuid, Path)),
    responses((status = 200, body = PartnerView), (status = 404, body = ErrorBody)))]
pub async fn shared_case(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<PartnerView>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| referrals::partner_view(tx, a, id)).await?))
}

/// (Partner liaisons) Add a note to a case through an accepted referral; the case team reads it.
#[utoipa::path(post, path = "/api/v1/shared/{id}/notes", tag = "referrals", params(("id" = Uuid, Path)),
    request_body = NoteInput,
    responses((status = 201, body = Note), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn add_shared_note(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<NoteInput>,
) -> ApiResult<(StatusCode, Json<Note>)> {
    let note = write(&state, auth.actor(), move |tx, a| referrals::add_partner_note(tx, a, id, &input.body)).await?;
    Ok((StatusCode::CREATED, Json(note)))
}
