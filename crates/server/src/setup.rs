//! The one-time page that creates the first administrator (`counternet serve` prints its link).
//! Plain HTML that works without JavaScript; the web interface proper comes with its own issue.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use counternet_domain::org::UserInput;
use counternet_domain::Role;
use counternet_store::users::{self, NewUser};

use crate::error::ApiError;
use crate::{blocking, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/setup", get(form).post(submit))
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

#[derive(Deserialize)]
struct SetupForm {
    token: String,
    organisation_name: String,
    username: String,
    password: String,
    password_again: String,
}

fn escape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    (
        status,
        Html(format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{} · counternet</title></head><body><main><h1>{}</h1>{}</main></body></html>",
            escape(title),
            escape(title),
            body
        )),
    )
        .into_response()
}

fn setup_form(token: &str, error: Option<&str>) -> String {
    format!(
        "{}<form method=\"post\" action=\"/setup\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">\
         <p><label for=\"org\">Your organisation's name</label><br><input id=\"org\" name=\"organisation_name\" required maxlength=\"200\"></p>\
         <p><label for=\"username\">Administrator username</label><br><input id=\"username\" name=\"username\" required autocomplete=\"username\"></p>\
         <p><label for=\"password\">Password (at least 12 characters)</label><br><input id=\"password\" name=\"password\" type=\"password\" required minlength=\"12\" autocomplete=\"new-password\"></p>\
         <p><label for=\"password_again\">Password again</label><br><input id=\"password_again\" name=\"password_again\" type=\"password\" required minlength=\"12\" autocomplete=\"new-password\"></p>\
         <p><button type=\"submit\">Create the administrator</button></p></form>",
        error.map(|e| format!("<p role=\"alert\">{}</p>", escape(e))).unwrap_or_default(),
        escape(token)
    )
}

const INVALID: &str = "<p>This set-up link is not valid: it was used already, it expired, or it is mistyped. \
    Restart <code>counternet serve</code> to print a new one while no administrator exists.</p>";

async fn form(State(state): State<AppState>, Query(q): Query<TokenQuery>) -> Response {
    let Some(token) = q.token.filter(|t| !t.is_empty()) else {
        return page(StatusCode::NOT_FOUND, "Set up counternet", INVALID);
    };
    let t = token.clone();
    match blocking(&state, move |store| users::setup_token_valid(store, &t).map_err(ApiError::from)).await {
        Ok(true) => page(StatusCode::OK, "Set up counternet", &setup_form(&token, None)),
        Ok(false) => page(StatusCode::NOT_FOUND, "Set up counternet", INVALID),
        Err(e) => e.into_response(),
    }
}

async fn submit(State(state): State<AppState>, Form(f): Form<SetupForm>) -> Response {
    if f.password != f.password_again {
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Set up counternet",
            &setup_form(&f.token, Some("The two passwords differ.")),
        );
    }
    let token = f.token.clone();
    let result = blocking(&state, move |store| {
        let new = NewUser::prepare(UserInput {
            username: f.username,
            role: Role::Administrator,
            password: f.password,
            display_name: None,
            org_id: None,
        })
        .map_err(ApiError::from)?;
        users::complete_setup(store, &f.token, &f.organisation_name, new).map_err(ApiError::from)
    })
    .await;
    match result {
        Ok(user) => page(
            StatusCode::OK,
            "counternet is ready",
            &format!(
                "<p>The administrator <strong>{}</strong> exists. Sign in with it through the API \
                 (POST /api/v1/session) or the web interface, and create your colleagues' accounts.</p>",
                escape(&user.username)
            ),
        ),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY || e.status == StatusCode::CONFLICT => {
            page(e.status, "Set up counternet", &setup_form(&token, Some(&e.message)))
        }
        Err(e) if e.status == StatusCode::FORBIDDEN => page(StatusCode::NOT_FOUND, "Set up counternet", INVALID),
        Err(e) => e.into_response(),
    }
}
