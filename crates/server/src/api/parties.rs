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
    let matcher = state.matcher.clone();
    let party = write(&state, auth.actor(), move |tx, a| {
        let party = parties::create(tx, a, new)?;
        crate::api::merges::auto_merge(tx, a, &matcher, &party)?;
        Ok(party)
    })
    .await?;
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

/// A search for the person someone is about to record (search before create, the search box).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartySearch {
    /// Free text: a name in Thai, Lao, Burmese or Latin script (any romanisation, titles and
    /// nicknames aside), a phone number, an ID or passport number, a date of birth, or several.
    pub q: String,
    /// At most this many results (1 to 100, default 20).
    pub limit: Option<u32>,
}

/// A party that may be the one searched for, with why.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PartyMatch {
    /// Masked when a survivor, as everywhere.
    pub party: Party,
    /// "strong", "likely" or "possible" when the matcher compared it field by field; "text" when
    /// only its name, an identifier or its ID number contains the query.
    pub strength: String,
    /// log2 of how much likelier the fields' agreements and disagreements are for one person than
    /// for two (absent for "text").
    pub evidence: Option<f64>,
    /// Each compared field's level and weight, strongest first (empty for "text").
    pub why: Vec<crate::matching::Why>,
}

/// Search the parties you may see: persons ranked by the matcher (names across scripts and
/// romanisations, dates of birth in either era, phones in any form, ID numbers) with why, then
/// any party whose name, identifier or ID number contains the text. A POST, so that the name
/// searched for stays out of addresses and logs; nothing is recorded.
#[utoipa::path(post, path = "/api/v1/parties/search", tag = "parties", request_body = PartySearch,
    responses((status = 200, body = Vec<PartyMatch>), (status = 422, body = ErrorBody)))]
pub async fn search_parties(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(search): ApiJson<PartySearch>,
) -> ApiResult<Json<Vec<PartyMatch>>> {
    let limit = search.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(
            counternet_domain::ValidationError::new("limit", "out_of_range", "limit must be from 1 to 100").into()
        );
    }
    if search.q.chars().count() > 200 {
        return Err(counternet_domain::ValidationError::new("q", "too_long", "q must be at most 200 characters").into());
    }
    let matcher = state.matcher.clone();
    let found = read(&state, auth.actor(), move |tx, a| {
        let ranked = matcher.search(tx, a, &search.q, limit as usize)?;
        let text = parties::search(tx, a, &search.q, i64::from(limit))?;
        Ok((ranked, text))
    })
    .await?;
    let (ranked, text) = found;
    let mut seen = std::collections::HashSet::new();
    let out = ranked
        .into_iter()
        .map(|f| PartyMatch {
            strength: crate::matching::strength(f.evidence).to_string(),
            evidence: Some((f.evidence * 100.0).round() / 100.0),
            why: f.why,
            party: f.party,
        })
        .chain(text.into_iter().map(|party| PartyMatch {
            party,
            strength: "text".into(),
            evidence: None,
            why: Vec::new(),
        }))
        .filter(|m| seen.insert(m.party.id))
        .take(limit as usize)
        .collect();
    Ok(Json(out))
}
