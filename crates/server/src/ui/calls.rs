//! A case's call-detail records: upload a partner's CSV (a multipart form) and see the calls.
//! The import is the API's ([`counternet_store::calls::import`]): one transaction, nothing kept
//! of a refused file.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use uuid::Uuid;

use counternet_domain::ValidationError;
use counternet_store::calls::{self, CallImport, CallView};
use counternet_store::{cases, StoreError};

use super::common::{csrf_failed, render_status, take_ctx};
use super::forms::{gate, with_store, Failed, Gate};
use super::{Ctx, UiRequest};
use crate::api::calls::{read_call_file, MAX_CALL_FILE_BYTES};
use crate::AppState;

/// How many calls the page lists.
const SHOWN: i64 = 500;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/cases/{id}/calls",
        get(calls_page).post(upload).layer(axum::extract::DefaultBodyLimit::max(MAX_CALL_FILE_BYTES + 64 * 1024)),
    )
}

#[derive(Template)]
#[template(path = "case_calls.html")]
struct CallsPage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    can_edit: bool,
    calls: Vec<CallView>,
    imported: Option<CallImport>,
    /// Why the file was refused (where, never the value).
    error: Option<String>,
}

impl CallsPage {
    fn minutes(&self, seconds: &i32) -> String {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

async fn show(
    state: &AppState,
    req: &UiRequest,
    case_id: Uuid,
    imported: Option<CallImport>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return super::to_login() };
    let actor = session.actor.clone();
    let data = with_store(state, move |store| {
        store.read(Some(&actor), |tx| {
            let case = cases::get(tx, &actor, case_id)?;
            let listed = calls::list(tx, &actor, case_id, SHOWN, 0)?;
            Ok((case.case.reference, listed))
        })
    })
    .await;
    let (reference, calls) = match data {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(req)),
    };
    let can_edit = session.actor.role.may_edit_cases() && session.actor.role.may_create_cases();
    render_status(&CallsPage { c: take_ctx(req), case_id, reference, can_edit, calls, imported, error }, status)
}

async fn calls_page(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let case_id = match gate(&req, &raw_id) {
        Gate::Pass(_, id) => id,
        Gate::Stop(r) => return r,
    };
    show(&state, &req, case_id, None, None, StatusCode::OK).await
}

/// Reads the form: its CSRF token and the file's bytes.
async fn read_form(form: Multipart) -> Result<(String, Vec<u8>), &'static str> {
    let (mut fields, file) = super::forms::multipart_form(form).await?;
    Ok((fields.remove("csrf").unwrap_or_default(), file.ok_or("no_file")?))
}

async fn upload(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    form: Multipart,
) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    let read = read_form(form).await;
    let csrf = read.as_ref().map(|(c, _)| c.as_str()).unwrap_or("");
    if !req.csrf_ok(csrf) && !matches!(read, Err("too_large")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let c = take_ctx(&req);
    let file = match read {
        Ok((_, bytes)) if bytes.is_empty() => Err(ValidationError::new("file", "empty", c.t("calls-no-file"))),
        Ok((_, bytes)) => read_call_file(&bytes),
        Err("no_file") => Err(ValidationError::new("file", "empty", c.t("calls-no-file"))),
        Err(_) => Err(ValidationError::new("file", "too_large", c.t("calls-too-large"))),
    };
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |store| store.write(Some(&actor), |tx| calls::import(tx, &actor, case_id, file))).await;
    match done {
        Ok(summary) => show(&state, &req, case_id, Some(summary), None, StatusCode::OK).await,
        Err(Failed::Store(StoreError::Validation(e))) => {
            show(&state, &req, case_id, None, Some(e.message), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(f) => f.page(c),
    }
}
