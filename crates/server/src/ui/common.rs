//! What every page module shares: rendering, the page context, message and error pages.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::i18n::{FluentArg, Translations};
use super::{Ctx, UiRequest};
use crate::ApiError;

/// Renders a template; a rendering failure is an internal error (logged with an id).
pub(super) fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => ApiError::internal(&e).into_response(),
    }
}

/// Renders a template with a status other than 200 (a form with errors, a refusal).
pub(super) fn render_status(t: &impl Template, status: StatusCode) -> Response {
    let mut resp = render(t);
    if resp.status().is_success() {
        *resp.status_mut() = status;
    }
    resp
}

/// The page's context, copied out of the request (which keeps its own for `respond`).
pub(super) fn take_ctx(req: &UiRequest) -> Ctx {
    req.ctx.clone()
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    c: Ctx,
    title: String,
    message: String,
    back: Option<String>,
    back_text: String,
}

/// A page with one message and, when given, a link back to where the user came from.
pub(super) fn message_page(
    c: Ctx,
    status: StatusCode,
    title: String,
    message: String,
    back: Option<String>,
) -> Response {
    let back_text = c.t("back-to-case");
    render_status(&MessagePage { c, title, message, back, back_text }, status)
}

/// [`message_page`] whose link back is not to a case: `back_text` says where it goes.
pub(super) fn message_page_to(
    c: Ctx,
    status: StatusCode,
    title: String,
    message: String,
    (back, back_text): (String, String),
) -> Response {
    render_status(&MessagePage { c, title, message, back: Some(back), back_text }, status)
}

/// What went wrong, in the user's language; never the internal cause.
pub(super) fn error_page(c: Ctx, e: &ApiError) -> Response {
    let (title, message) = match e.status {
        StatusCode::NOT_FOUND => (c.t("not-found"), c.t("not-found")),
        StatusCode::FORBIDDEN => (c.t("forbidden"), c.t("forbidden")),
        StatusCode::INTERNAL_SERVER_ERROR => (
            c.t("error-generic-title"),
            Translations::global().get_args(
                c.lang,
                "error-generic",
                &[("id", FluentArg::Str(e.error_id.clone().unwrap_or_default()))],
            ),
        ),
        StatusCode::TOO_MANY_REQUESTS => (c.t("error-generic-title"), c.t("login-throttled")),
        StatusCode::CONFLICT => (c.t("error-generic-title"), c.t("error-conflict")),
        _ => (c.t("error-generic-title"), c.t("error-invalid-value")),
    };
    message_page(c, e.status, title, message, None)
}

/// The page for a form whose CSRF token is missing or stale (403).
pub(super) fn csrf_page(c: Ctx) -> Response {
    let (title, message) = (c.t("error-generic-title"), c.t("error-csrf"));
    message_page(c, StatusCode::FORBIDDEN, title, message, None)
}

/// [`csrf_page`] for a request that may be a first visit (sets the pre-login cookie).
pub(super) fn csrf_failed(req: &UiRequest, secure: bool) -> Response {
    req.respond(csrf_page(take_ctx(req)), secure)
}
