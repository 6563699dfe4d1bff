//! The web interface: server-rendered pages (askama) in English, Thai, Lao and Burmese. Forms work
//! without JavaScript; every page starts with the Quick exit link.
//!
//! Pages share a [`Ctx`]: the language, the signed-in user (if any), the CSRF token for forms and
//! the translations. State-changing forms carry the CSRF token: for a signed-in user it is derived
//! from the session token (so nothing is stored), before sign-in it is a double-submit cookie.

mod admin;
mod alerts;
mod analysis;
mod assets;
mod calls;
mod claims;
mod common;
mod court;
mod engagement;
mod followup;
mod forms;
pub mod i18n;
mod identification;
mod merges;
mod money;
mod network;
mod pages;
mod referrals;
mod reveal;
mod search;
mod statements;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use sha2::{Digest, Sha256};

use counternet_store::users::{self, Session};

use crate::auth::session_token;
use crate::{blocking, AppState};
use i18n::{Lang, Translations};

/// The cookie that remembers the language before sign-in.
pub const LANG_COOKIE: &str = "counternet_lang";
/// The double-submit cookie protecting the sign-in and language forms before a session exists.
pub const PRELOGIN_COOKIE: &str = "counternet_prelogin";
/// Where Quick exit goes: a neutral site, leaving no trace of this one in the tab's history.
pub const QUICK_EXIT_URL: &str = "https://www.google.com/search?q=weather";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::login_form).post(pages::login_submit))
        .route("/logout", post(pages::logout))
        .route("/language", post(pages::set_language))
        .route("/cases", get(pages::cases))
        .route("/cases/{id}", get(pages::case_page))
        .route("/static/{file}", get(static_file))
        .route("/static/fonts/{file}", get(static_file))
        .merge(forms::routes())
        .merge(identification::routes())
        .merge(admin::routes())
        .merge(reveal::routes())
        .merge(referrals::routes())
        .merge(search::routes())
        .merge(calls::routes())
        .merge(merges::routes())
        .merge(network::routes())
        .merge(analysis::routes())
        .merge(statements::routes())
        .merge(assets::routes())
        .merge(followup::routes())
        .merge(engagement::routes())
        .merge(court::routes())
        .merge(claims::routes())
        .merge(money::routes())
        .merge(alerts::routes())
}

/// What every page needs.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub session: Option<Session>,
    /// The CSRF token to put in forms (session-derived, or the pre-login cookie's value).
    pub csrf: String,
    pub buddhist_era: bool,
    /// The path of this page, for forms that come back to it.
    pub path: String,
    /// An htmx request (`HX-Request: true`): render only the page's content, not the layout.
    pub fragment: bool,
}

impl Ctx {
    /// The translation of `key` in this page's language.
    pub fn t(&self, key: &str) -> String {
        Translations::global().get(self.lang, key)
    }

    /// The translation of a vocabulary code, e.g. `v("tactic", "asset_seizure")`.
    pub fn v(&self, group: &str, code: &str) -> String {
        self.t(&format!("{group}-{code}"))
    }

    pub fn date(&self, d: impl AsDate) -> String {
        i18n::format_date(d.as_date(), self.lang, self.buddhist_era)
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn langs(&self) -> &'static [Lang] {
        &Lang::ALL
    }

    pub fn signed_in(&self) -> bool {
        self.session.is_some()
    }

    pub fn username(&self) -> &str {
        self.session.as_ref().map(|s| s.username.as_str()).unwrap_or("")
    }

    pub fn may_create_cases(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.actor.role.may_create_cases())
    }

    /// Whether the user works cases (and so may search the parties they see).
    pub fn works_cases(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.actor.role.works_cases())
    }

    pub fn is_partner(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.actor.role == counternet_domain::Role::PartnerLiaison)
    }

    pub fn is_admin(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.actor.role == counternet_domain::Role::Administrator)
    }

    pub fn quick_exit_url(&self) -> &'static str {
        QUICK_EXIT_URL
    }
}

/// A date however deeply borrowed (templates hand over `&&NaiveDate` from loops).
pub trait AsDate {
    fn as_date(&self) -> chrono::NaiveDate;
}

impl AsDate for chrono::NaiveDate {
    fn as_date(&self) -> chrono::NaiveDate {
        *self
    }
}

impl<T: AsDate + ?Sized> AsDate for &T {
    fn as_date(&self) -> chrono::NaiveDate {
        (**self).as_date()
    }
}

/// The CSRF token of a session: derived from its secret token, so it needs no storage and dies
/// with the session.
pub fn session_csrf(token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"counternet-csrf-v1\0");
    h.update(token.as_bytes());
    hex::encode(h.finalize())
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The request as the UI sees it: session (if live), language, CSRF token.
pub struct UiRequest {
    pub ctx: Ctx,
    /// A pre-login CSRF cookie to set on the response (first visit).
    pub set_prelogin: Option<String>,
}

impl FromRequestParts<AppState> for UiRequest {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(parts);
        let session = match token.clone() {
            Some(t) => {
                let policy = state.config.sessions;
                blocking(state, move |store| users::authenticate(store, &t, &policy).map_err(crate::ApiError::from))
                    .await
                    .map_err(IntoResponse::into_response)?
            }
            None => None,
        };
        let lang = session
            .as_ref()
            .and_then(|s| s.locale.as_deref())
            .and_then(Lang::from_code)
            .or_else(|| cookie_value(&parts.headers, LANG_COOKIE).as_deref().and_then(Lang::from_code))
            .unwrap_or_else(|| {
                Lang::negotiate(parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
            });
        let (csrf, set_prelogin) = match (&session, &token) {
            (Some(_), Some(t)) => (session_csrf(t), None),
            _ => match cookie_value(&parts.headers, PRELOGIN_COOKIE).filter(|v| is_token(v)) {
                Some(v) => (v, None),
                None => {
                    let v = random_token();
                    (v.clone(), Some(v))
                }
            },
        };
        let buddhist_era = session.as_ref().map(|s| s.buddhist_era).unwrap_or(false);
        let fragment = parts.headers.get("hx-request").is_some_and(|v| v.as_bytes() == b"true");
        Ok(UiRequest {
            ctx: Ctx { lang, session, csrf, buddhist_era, path: parts.uri.path().to_string(), fragment },
            set_prelogin,
        })
    }
}

fn is_token(v: &str) -> bool {
    v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit())
}

fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex::encode(bytes)
}

impl UiRequest {
    /// Checks a submitted CSRF token against the one this request expects.
    pub fn csrf_ok(&self, submitted: &str) -> bool {
        // A first visit has no cookie yet, so nothing it submits can match.
        self.set_prelogin.is_none() && !submitted.is_empty() && constant_time_eq(submitted, &self.ctx.csrf)
    }

    /// Wraps a response, setting the pre-login cookie when this was a first visit.
    pub fn respond(&self, resp: impl IntoResponse, secure: bool) -> Response {
        let mut resp = resp.into_response();
        if let Some(v) = &self.set_prelogin {
            let cookie = format!(
                "{PRELOGIN_COOKIE}={v}; Path=/; HttpOnly; SameSite=Strict{}",
                if secure { "; Secure" } else { "" }
            );
            if let Ok(h) = HeaderValue::from_str(&cookie) {
                resp.headers_mut().append(header::SET_COOKIE, h);
            }
        }
        resp
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Renders a page template (for page modules outside `ui`, such as the set-up page).
pub fn render_page(t: &impl askama::Template) -> Response {
    common::render(t)
}

/// The translated error page for a failure, as every UI page shows it.
pub fn error_response(c: Ctx, e: &crate::ApiError) -> Response {
    common::error_page(c, e)
}

/// A redirect to the sign-in page.
pub fn to_login() -> Response {
    Redirect::to("/login").into_response()
}

/// The embedded static files: name, content type, bytes. Fonts never change under the same name,
/// so browsers may keep them; styles and scripts are revalidated hourly.
const STATIC_FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../../static/app.css")),
    ("quick-exit.js", "text/javascript; charset=utf-8", include_bytes!("../../static/quick-exit.js")),
    ("enhance.js", "text/javascript; charset=utf-8", include_bytes!("../../static/enhance.js")),
    ("network.js", "text/javascript; charset=utf-8", include_bytes!("../../static/network.js")),
    ("NotoSansThai-Regular.woff2", "font/woff2", include_bytes!("../../static/fonts/NotoSansThai-Regular.woff2")),
    ("NotoSansThai-Bold.woff2", "font/woff2", include_bytes!("../../static/fonts/NotoSansThai-Bold.woff2")),
    ("NotoSansLao-Regular.woff2", "font/woff2", include_bytes!("../../static/fonts/NotoSansLao-Regular.woff2")),
    ("NotoSansLao-Bold.woff2", "font/woff2", include_bytes!("../../static/fonts/NotoSansLao-Bold.woff2")),
    ("NotoSansMyanmar-Regular.woff2", "font/woff2", include_bytes!("../../static/fonts/NotoSansMyanmar-Regular.woff2")),
    ("NotoSansMyanmar-Bold.woff2", "font/woff2", include_bytes!("../../static/fonts/NotoSansMyanmar-Bold.woff2")),
];

async fn static_file(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    let Some((_, mime, body)) = STATIC_FILES.iter().find(|(n, _, _)| *n == file) else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let cache = if *mime == "font/woff2" { "public, max-age=31536000, immutable" } else { "public, max-age=3600" };
    ([(header::CONTENT_TYPE, *mime), (header::CACHE_CONTROL, cache)], *body).into_response()
}
