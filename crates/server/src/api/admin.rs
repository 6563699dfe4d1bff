//! /api/v1/users and /api/v1/organisations (administrators), and the vocabularies.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::org::{Organisation, OrganisationInput, User, UserInput};
use counternet_domain::vocab;
use counternet_domain::Role;
use counternet_store::orgs;
use counternet_store::users::{self, NewUser};

use super::{forbidden, read, write};
use crate::auth::Authed;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::{blocking, AppState};

/// Create a user (administrators).
#[utoipa::path(post, path = "/api/v1/users", tag = "admin", request_body = UserInput,
    responses((status = 201, body = User), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_user(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<UserInput>,
) -> ApiResult<(StatusCode, Json<User>)> {
    if auth.actor().role != Role::Administrator {
        return Err(forbidden(&state, &auth, "only an administrator manages users").await);
    }
    let new = blocking(&state, move |_| NewUser::prepare(input).map_err(ApiError::from)).await?;
    let user = write(&state, auth.actor(), move |tx, a| users::create(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Users: administrators and auditors see all, others their own organisation's.
#[utoipa::path(get, path = "/api/v1/users", tag = "admin", responses((status = 200, body = Vec<User>)))]
pub async fn list_users(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<User>>> {
    Ok(Json(read(&state, auth.actor(), users::list).await?))
}

/// Disable a user: their sessions end at once.
#[utoipa::path(post, path = "/api/v1/users/{id}/disable", tag = "admin", params(("id" = Uuid, Path)),
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn disable_user(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<User>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| users::set_disabled(tx, a, id, true)).await?))
}

/// Enable a disabled user again.
#[utoipa::path(post, path = "/api/v1/users/{id}/enable", tag = "admin", params(("id" = Uuid, Path)),
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn enable_user(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<User>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| users::set_disabled(tx, a, id, false)).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    pub role: Role,
}

/// Give a user another role (administrators; not one's own). Their sessions end.
#[utoipa::path(post, path = "/api/v1/users/{id}/role", tag = "admin", params(("id" = Uuid, Path)),
    request_body = RoleInput,
    responses((status = 200, body = User), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, description = "A partner's users are partner liaisons, and only they", body = ErrorBody)))]
pub async fn set_role(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<RoleInput>,
) -> ApiResult<Json<User>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| users::set_role(tx, a, id, input.role)).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordInput {
    pub password: String,
}

/// Set a user's password (administrators, or users for themselves); ends their sessions.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "admin", params(("id" = Uuid, Path)), request_body = PasswordInput,
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<PasswordInput>,
) -> ApiResult<StatusCode> {
    // The role check comes before the (slow) hash.
    if auth.actor().role != Role::Administrator && auth.actor().user_id != id {
        return Err(forbidden(&state, &auth, "only an administrator resets another user's password").await);
    }
    counternet_domain::org::validate_password(&input.password)?;
    let hash = blocking(&state, move |_| users::hash_password(&input.password).map_err(ApiError::from)).await?;
    write(&state, auth.actor(), move |tx, a| users::reset_password(tx, a, id, hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Register a partner organisation (administrators).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "admin", request_body = OrganisationInput,
    responses((status = 201, body = Organisation), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_organisation(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> ApiResult<(StatusCode, Json<Organisation>)> {
    if auth.actor().role != Role::Administrator {
        return Err(forbidden(&state, &auth, "only an administrator registers organisations").await);
    }
    let new = input.validate()?;
    let org = write(&state, auth.actor(), move |tx, a| orgs::create_partner(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(org)))
}

/// The own organisation and its partners.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "admin", responses((status = 200, body = Vec<Organisation>)))]
pub async fn list_organisations(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<Organisation>>> {
    Ok(Json(read(&state, auth.actor(), |tx, _| orgs::list(tx)).await?))
}

/// Every vocabulary's codes (HTCDS and counternet's own), for forms and clients.
#[derive(Serialize, ToSchema)]
pub struct Vocabularies {
    pub tactics: Vec<&'static str>,
    pub case_statuses: Vec<&'static str>,
    pub exploitation_types: Vec<&'static str>,
    pub event_stages: Vec<&'static str>,
    pub recruitment_methods: Vec<&'static str>,
    pub organisation_types: Vec<&'static str>,
    pub genders: Vec<&'static str>,
    pub party_kinds: Vec<&'static str>,
    pub case_roles: Vec<&'static str>,
    pub perpetrator_roles: Vec<&'static str>,
    pub link_kinds: Vec<&'static str>,
    pub link_sources: Vec<&'static str>,
    pub confidences: Vec<&'static str>,
    pub roles: Vec<&'static str>,
    pub intake_routes: Vec<&'static str>,
    pub trafficking_statuses: Vec<&'static str>,
    pub deciding_bodies: Vec<&'static str>,
    pub perpetrator_statuses: Vec<&'static str>,
}

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// The vocabularies.
#[utoipa::path(get, path = "/api/v1/vocabularies", tag = "admin", responses((status = 200, body = Vocabularies)))]
pub async fn vocabularies(_auth: Authed) -> Json<Vocabularies> {
    Json(Vocabularies {
        tactics: codes(vocab::Tactic::ALL, vocab::Tactic::code),
        case_statuses: codes(vocab::CaseStatus::ALL, vocab::CaseStatus::code),
        exploitation_types: codes(vocab::ExploitationType::ALL, vocab::ExploitationType::code),
        event_stages: codes(vocab::EventStage::ALL, vocab::EventStage::code),
        recruitment_methods: codes(vocab::RecruitmentMethod::ALL, vocab::RecruitmentMethod::code),
        organisation_types: codes(vocab::OrganisationType::ALL, vocab::OrganisationType::code),
        genders: codes(vocab::Gender::ALL, vocab::Gender::code),
        party_kinds: codes(vocab::PartyKind::ALL, vocab::PartyKind::code),
        case_roles: codes(vocab::CaseRole::ALL, vocab::CaseRole::code),
        perpetrator_roles: codes(vocab::PerpetratorRole::ALL, vocab::PerpetratorRole::code),
        link_kinds: codes(vocab::LinkKind::ALL, vocab::LinkKind::code),
        link_sources: codes(vocab::LinkSource::ALL, vocab::LinkSource::code),
        confidences: codes(vocab::Confidence::ALL, vocab::Confidence::code),
        roles: codes(Role::ALL, Role::code),
        intake_routes: codes(vocab::IntakeRoute::ALL, vocab::IntakeRoute::code),
        trafficking_statuses: codes(vocab::TraffickingStatus::ALL, vocab::TraffickingStatus::code),
        deciding_bodies: codes(vocab::DecidingBody::ALL, vocab::DecidingBody::code),
        perpetrator_statuses: codes(vocab::PerpetratorStatus::ALL, vocab::PerpetratorStatus::code),
    })
}
