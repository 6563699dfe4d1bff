//! The one-time page that creates the first administrator (`counternet serve` prints its link).
//! It works without JavaScript and speaks the visitor's language like every other page; the
//! set-up token in the form is the secret that protects it.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use counternet_domain::org::UserInput;
use counternet_domain::Role;
use counternet_store::users::{self, NewUser};

use crate::error::ApiError;
use crate::ui::i18n::{FluentArg, Translations};
use crate::ui::{Ctx, UiRequest};
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
    #[serde(default)]
    token: String,
    #[serde(default)]
    organisation_name: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    c: Ctx,
    title: String,
    error: Option<String>,
    message: Option<String>,
    show_form: bool,
    done: bool,
    token: String,
    organisation_name: String,
    username: String,
}

impl SetupPage {
    fn new(c: Ctx) -> SetupPage {
        SetupPage {
            title: c.t("setup-title"),
            c,
            error: None,
            message: None,
            show_form: false,
            done: false,
            token: String::new(),
            organisation_name: String::new(),
            username: String::new(),
        }
    }
}

fn render(req: &UiRequest, page: SetupPage, status: StatusCode, secure: bool) -> Response {
    let mut resp = crate::ui::render_page(&page);
    if resp.status().is_success() {
        *resp.status_mut() = status;
    }
    req.respond(resp, secure)
}

fn invalid(req: &UiRequest, secure: bool) -> Response {
    let mut page = SetupPage::new(req.ctx.clone());
    page.error = Some(page.c.t("setup-invalid-link"));
    render(req, page, StatusCode::NOT_FOUND, secure)
}

async fn form(State(state): State<AppState>, req: UiRequest, Query(q): Query<TokenQuery>) -> Response {
    let secure = state.config.secure_cookies;
    let Some(token) = q.token.filter(|t| !t.is_empty()) else { return invalid(&req, secure) };
    let t = token.clone();
    match blocking(&state, move |store| users::setup_token_valid(store, &t).map_err(ApiError::from)).await {
        Ok(true) => {
            let mut page = SetupPage::new(req.ctx.clone());
            page.show_form = true;
            // The language buttons come back here with the token (it is already in this page's
            // address), or the link would stop working after a language change.
            page.c.path = format!(
                "/setup?{}",
                form_urlencoded::Serializer::new(String::new()).append_pair("token", &token).finish()
            );
            page.token = token;
            render(&req, page, StatusCode::OK, secure)
        }
        Ok(false) => invalid(&req, secure),
        Err(e) => crate::ui::error_response(req.ctx.clone(), &e),
    }
}

/// The translated reason a set-up attempt was refused, by the field at fault.
fn refusal(c: &Ctx, e: &ApiError) -> String {
    if e.status == StatusCode::CONFLICT {
        return c.t("setup-error-username");
    }
    match e.field.as_deref() {
        Some("password") => c.t("setup-error-password"),
        Some("username") => c.t("setup-error-username"),
        Some("organisation_name") => c.t("setup-error-organisation"),
        _ => c.t("error-invalid-value"),
    }
}

async fn submit(State(state): State<AppState>, req: UiRequest, Form(f): Form<SetupForm>) -> Response {
    let secure = state.config.secure_cookies;
    let mut page = SetupPage::new(req.ctx.clone());
    page.token = f.token.clone();
    page.organisation_name = f.organisation_name.clone();
    page.username = f.username.clone();
    if f.password != f.password_again {
        page.error = Some(page.c.t("setup-passwords-differ"));
        page.show_form = true;
        return render(&req, page, StatusCode::UNPROCESSABLE_ENTITY, secure);
    }
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
        Ok(user) => {
            let mut done = SetupPage::new(req.ctx.clone());
            done.title = done.c.t("setup-ready-title");
            done.message = Some(Translations::global().get_args(
                done.c.lang,
                "setup-ready",
                &[("username", FluentArg::Str(user.username))],
            ));
            done.done = true;
            render(&req, done, StatusCode::OK, secure)
        }
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY || e.status == StatusCode::CONFLICT => {
            page.error = Some(refusal(&page.c, &e));
            page.show_form = true;
            render(&req, page, e.status, secure)
        }
        Err(e) if e.status == StatusCode::FORBIDDEN => invalid(&req, secure),
        Err(e) => crate::ui::error_response(req.ctx.clone(), &e),
    }
}
