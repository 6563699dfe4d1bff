//! /api/v1/parties, /api/v1/cases/{id}/parties and /api/v1/links.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::link::{Link, LinkInput};
use counternet_domain::party::{CaseParty, CasePartyInput, Party, PartyInput};
use counternet_store::parties::{self, Reveal};

use super::{forbidden, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

/// Record a party: a person, organisation, phone, e-mail, address, vehicle, bank account or
/// online account.
#[utoipa::path(post, path = "/api/v1/parties", tag = "parties", request_body = PartyInput,
    responses((status = 201, body = Party), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_party(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<PartyInput>,
) -> ApiResult<(StatusCode, Json<Party>)> {
    if !auth.actor().role.may_create_cases() {
        return Err(forbidden(&state, &auth, "your role may not record parties").await);
    }
    let new = input.validate(crate::api::latest_today(&state))?;
    let party = write(&state, auth.actor(), move |tx, a| parties::create(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(party)))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RevealParams {
    /// Show a survivor's identity. Recorded in the audit trail.
    pub reveal: Option<bool>,
    /// Why (required for managers and analysts).
    pub reason: Option<String>,
}

/// A party. A survivor's identity is masked (initials, age band) unless `reveal=true`.
#[utoipa::path(get, path = "/api/v1/parties/{id}", tag = "parties", params(("id" = Uuid, Path), RevealParams),
    responses((status = 200, body = Party), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn get_party(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(params): ApiQuery<RevealParams>,
) -> ApiResult<Json<Party>> {
    if params.reveal == Some(true) {
        let reveal = Reveal { reason: params.reason };
        Ok(Json(write(&state, auth.actor(), move |tx, a| parties::get(tx, a, id, Some(reveal))).await?))
    } else {
        Ok(Json(read(&state, auth.actor(), move |tx, a| parties::get(tx, a, id, None)).await?))
    }
}

/// The links of a party that you may see (both ends visible to you).
#[utoipa::path(get, path = "/api/v1/parties/{id}/links", tag = "parties", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Link>), (status = 404, body = ErrorBody)))]
pub async fn party_links(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Link>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| parties::links_of(tx, a, id)).await?))
}

/// Give a party a role in a case (victim, perpetrator, witness, guardian, informant, subject).
#[utoipa::path(post, path = "/api/v1/cases/{id}/parties", tag = "parties", params(("id" = Uuid, Path)), request_body = CasePartyInput,
    responses((status = 201, body = CaseParty), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_case_party(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<CasePartyInput>,
) -> ApiResult<(StatusCode, Json<CaseParty>)> {
    let cp = write(&state, auth.actor(), move |tx, a| parties::add_to_case(tx, a, id, input)).await?;
    Ok((StatusCode::CREATED, Json(cp)))
}

/// The parties of a case with their roles (survivors masked).
#[utoipa::path(get, path = "/api/v1/cases/{id}/parties", tag = "parties", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<CaseParty>), (status = 404, body = ErrorBody)))]
pub async fn list_case_parties(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<CaseParty>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| parties::list_for_case(tx, a, id)).await?))
}

/// Record a typed, dated, sourced link between two parties.
#[utoipa::path(post, path = "/api/v1/links", tag = "parties", request_body = LinkInput,
    responses((status = 201, body = Link), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_link(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<LinkInput>,
) -> ApiResult<(StatusCode, Json<Link>)> {
    if !auth.actor().role.may_edit_cases() {
        return Err(forbidden(&state, &auth, "your role may not record links").await);
    }
    let new = input.validate(crate::api::latest_today(&state))?;
    let link = write(&state, auth.actor(), move |tx, a| parties::create_link(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(link)))
}

/// A link.
#[utoipa::path(get, path = "/api/v1/links/{id}", tag = "parties", params(("id" = Uuid, Path)),
    responses((status = 200, body = Link), (status = 404, body = ErrorBody)))]
pub async fn get_link(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Link>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| parties::get_link(tx, a, id)).await?))
}
