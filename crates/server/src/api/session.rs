//! POST/DELETE/GET /api/v1/session.

use axum::extract::{FromRequestParts, State};
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::Role;
use counternet_store::users;

use crate::auth::{clear_cookie, client_address, session_cookie, Authed};
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;
use crate::{blocking, AppState};

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub username: String,
    pub password: String,
}

/// Who is signed in.
#[derive(Serialize, ToSchema)]
pub struct SessionInfo {
    pub user_id: Uuid,
    pub username: String,
    pub role: Role,
    pub org_id: Uuid,
}

/// The client's address, taken before the body.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(ClientAddress(client_address(parts, state.config.trust_proxy)))
    }
}

/// Sign in. Sets an HttpOnly, SameSite=Strict session cookie.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginInput,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = SessionInfo),
        (status = 401, description = "Wrong username or password", body = ErrorBody),
        (status = 429, description = "Too many failed attempts for this username or address", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(input): ApiJson<LoginInput>,
) -> Result<Response, ApiError> {
    let policy = state.config.sessions;
    let logged_in = blocking(&state, move |store| {
        users::login(store, &input.username, &input.password, &address, &policy).map_err(ApiError::from)
    })
    .await?;
    let s = &logged_in.session;
    let info = SessionInfo {
        user_id: s.actor.user_id,
        username: s.username.clone(),
        role: s.actor.role,
        org_id: s.actor.org_id,
    };
    Ok((
        StatusCode::OK,
        [(header::SET_COOKIE, session_cookie(&logged_in.token, state.config.secure_cookies))],
        axum::Json(info),
    )
        .into_response())
}

/// Sign out: ends this session and clears the cookie.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204, description = "Signed out"), (status = 401, body = ErrorBody)))]
pub async fn logout(State(state): State<AppState>, auth: Authed) -> Result<Response, ApiError> {
    let session = auth.0.clone();
    blocking(&state, move |store| {
        store.write(Some(&session.actor), |tx| users::logout(tx, &session)).map_err(ApiError::from)
    })
    .await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear_cookie(state.config.secure_cookies))]).into_response())
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/session", tag = "session",
    responses((status = 200, body = SessionInfo), (status = 401, body = ErrorBody)))]
pub async fn whoami(auth: Authed) -> axum::Json<SessionInfo> {
    let s = auth.0;
    axum::Json(SessionInfo {
        user_id: s.actor.user_id,
        username: s.username,
        role: s.actor.role,
        org_id: s.actor.org_id,
    })
}
