//! Authentication: the session cookie, and the `Authed` extractor that is the first line of every
//! handler that touches data.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;

use counternet_domain::Actor;
use counternet_store::users::{self, Session};

use crate::error::ApiError;
use crate::{blocking, AppState};

pub const COOKIE: &str = "counternet_session";

/// The signed-in user behind a request. Extracting it fails with 401 when there is no live session.
pub struct Authed(pub Session);

impl Authed {
    pub fn actor(&self) -> &Actor {
        &self.0.actor
    }
}

/// The session token from the Cookie header, if any.
pub fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()))
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(parts).ok_or_else(ApiError::unauthenticated)?;
        let policy = state.config.sessions;
        let session =
            blocking(state, move |store| users::authenticate(store, &token, &policy).map_err(ApiError::from)).await?;
        session.map(Authed).ok_or_else(ApiError::unauthenticated)
    }
}

/// The client's address, for login throttling.
pub fn client_address(parts: &Parts, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(first) =
            parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next())
        {
            return first.trim().to_string();
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The Set-Cookie value for a new session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{}", if secure { "; Secure" } else { "" })
}

/// The Set-Cookie value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", if secure { "; Secure" } else { "" })
}
