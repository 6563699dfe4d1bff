//! A case's bank statements: save a column mapping for a bank's export, import a statement (CSV or
//! XLSX, a multipart form) for one of the case's bank accounts, and see the payments. The import is
//! the API's ([`counternet_store::payments::import`]): one transaction, nothing kept of a refused
//! file.

use askama::Template;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::statements::{read_statement, ColumnMapping};
use counternet_domain::vocab::PartyKind;
use counternet_domain::ValidationError;
use counternet_store::payments::{self, PaymentView, SavedMapping, StatementImport};
use counternet_store::{cases, parties, StoreError};

use super::common::{csrf_failed, render_status, take_ctx};
use super::forms::{gate, with_store, Failed, Gate};
use super::{Ctx, UiRequest};
use crate::api::statements::MAX_STATEMENT_BYTES;
use crate::AppState;

/// How many payments the page lists.
const SHOWN: i64 = 500;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cases/{id}/statements",
            get(statements_page)
                .post(upload)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_STATEMENT_BYTES + 64 * 1024)),
        )
        .route("/cases/{id}/statements/mapping", post(save_mapping))
}

/// A payment as the page lists it.
pub struct PaymentRow {
    pub p: PaymentView,
    pub account: String,
    pub counterparty: Option<String>,
}

#[derive(Template)]
#[template(path = "case_statements.html")]
struct StatementsPage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    can_edit: bool,
    /// The case's bank accounts (id, label).
    accounts: Vec<(Uuid, String)>,
    mappings: Vec<SavedMapping>,
    payments: Vec<PaymentRow>,
    imported: Option<StatementImport>,
    saved: Option<String>,
    /// Why the file or the mapping was refused (where, never the value).
    error: Option<String>,
}

impl StatementsPage {
    /// Minor units as "-1,234.50".
    fn money(&self, minor: &i64, currency: &str) -> String {
        super::assets::format_minor(*minor, currency)
    }
}

#[allow(clippy::too_many_arguments)]
async fn show(
    state: &AppState,
    req: &UiRequest,
    case_id: Uuid,
    imported: Option<StatementImport>,
    saved: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return super::to_login() };
    let actor = session.actor.clone();
    let can_edit = actor.role.may_edit_cases() && actor.role.may_create_cases();
    let data = with_store(state, move |store| {
        store.read(Some(&actor), |tx| {
            let case = cases::get(tx, &actor, case_id)?;
            let people = parties::list_for_case(tx, &actor, case_id)?;
            // An account with two roles in the case is offered once.
            let mut seen = std::collections::HashSet::new();
            let accounts: Vec<(Uuid, String)> = people
                .iter()
                .filter(|p| p.party.kind == PartyKind::BankAccount && seen.insert(p.party.id))
                .map(|p| (p.party.id, p.party.name.clone()))
                .collect();
            let mappings = if can_edit { payments::mappings(tx, &actor)? } else { Vec::new() };
            let listed = payments::list(tx, &actor, case_id, SHOWN, 0)?;
            let mut ids: Vec<Uuid> =
                listed.iter().flat_map(|p| [Some(p.account_party_id), p.counterparty_party_id]).flatten().collect();
            ids.sort();
            ids.dedup();
            let names: std::collections::HashMap<Uuid, String> =
                parties::visible_among(tx, &actor, &ids)?.into_iter().map(|p| (p.id, p.name)).collect();
            let rows = listed
                .into_iter()
                .map(|p| PaymentRow {
                    account: names.get(&p.account_party_id).cloned().unwrap_or_default(),
                    counterparty: p.counterparty_party_id.and_then(|c| names.get(&c).cloned()),
                    p,
                })
                .collect();
            Ok((case.case.reference, accounts, mappings, rows))
        })
    })
    .await;
    let (reference, accounts, mappings, payments) = match data {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(req)),
    };
    let page = StatementsPage {
        c: take_ctx(req),
        case_id,
        reference,
        can_edit,
        accounts,
        mappings,
        payments,
        imported,
        saved,
        error,
    };
    render_status(&page, status)
}

async fn statements_page(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let case_id = match gate(&req, &raw_id) {
        Gate::Pass(_, id) => id,
        Gate::Stop(r) => return r,
    };
    show(&state, &req, case_id, None, None, None, StatusCode::OK).await
}

/// The upload form: its CSRF token, the account, the mapping's name and the file.
#[derive(Default)]
struct UploadForm {
    csrf: String,
    account: String,
    mapping: String,
    file: Option<Vec<u8>>,
}

async fn read_form(form: Multipart) -> Result<UploadForm, &'static str> {
    let (mut fields, file) = super::forms::multipart_form(form).await?;
    let mut take = |name: &str| fields.remove(name).unwrap_or_default();
    Ok(UploadForm { csrf: take("csrf"), account: take("account"), mapping: take("mapping"), file })
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
    let csrf = read.as_ref().map(|f| f.csrf.as_str()).unwrap_or("");
    if !req.csrf_ok(csrf) && !matches!(read, Err("too_large")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let c = take_ctx(&req);
    let (account, mapping, file) = match read {
        Ok(f) => (Uuid::parse_str(f.account.trim()).ok(), f.mapping, f.file.filter(|b| !b.is_empty())),
        Err(_) => (None, String::new(), None),
    };
    let Some(account) = account else {
        let e = c.t("statements-choose-account");
        return show(&state, &req, case_id, None, None, Some(e), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let Some(bytes) = file else {
        let e = c.t("statements-no-file");
        return show(&state, &req, case_id, None, None, Some(e), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            cases::editable(tx, &actor, case_id)?;
            let mapping = payments::mapping(tx, &actor, &mapping)?;
            let statement = read_statement(&bytes, &mapping)
                .map_err(|e| ValidationError::new("file", "invalid_statement", e.to_string()));
            crate::money::import_statement(tx, &actor, case_id, account, statement).map(|(summary, _)| summary)
        })
    })
    .await;
    match done {
        Ok(summary) => show(&state, &req, case_id, Some(summary), None, None, StatusCode::OK).await,
        Err(Failed::Store(StoreError::Validation(e))) => {
            show(&state, &req, case_id, None, None, Some(e.message), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(f) => f.page(c),
    }
}

/// The mapping form: a name and the headers of one bank's export.
#[derive(Deserialize)]
struct MappingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    debit: String,
    #[serde(default)]
    credit: String,
    #[serde(default)]
    outflow_positive: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    counterparty_account: String,
    #[serde(default)]
    counterparty_name: String,
    #[serde(default)]
    counterparty_bank: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    balance: String,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn save_mapping(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    Form(form): Form<MappingForm>,
) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    if !req.csrf_ok(&form.csrf) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let c = take_ctx(&req);
    let mapping = ColumnMapping {
        date: form.date.trim().to_string(),
        time: some(&form.time),
        amount: some(&form.amount),
        debit: some(&form.debit),
        credit: some(&form.credit),
        outflow_positive: form.outflow_positive.is_some(),
        description: some(&form.description),
        counterparty_account: some(&form.counterparty_account),
        counterparty_name: some(&form.counterparty_name),
        counterparty_bank: some(&form.counterparty_bank),
        reference: some(&form.reference),
        balance: some(&form.balance),
        currency: None,
        default_currency: None,
    };
    if mapping.date.is_empty() || (mapping.amount.is_none() && (mapping.debit.is_none() || mapping.credit.is_none())) {
        let e = c.t("statements-mapping-incomplete");
        return show(&state, &req, case_id, None, None, Some(e), StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = session.actor.clone();
    let name = form.name.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            cases::visible(tx, &actor, case_id)?;
            payments::save_mapping(tx, &actor, &name, &mapping)
        })
    })
    .await;
    match done {
        Ok(saved) => show(&state, &req, case_id, None, Some(saved.name), None, StatusCode::OK).await,
        Err(Failed::Store(StoreError::Validation(e))) => {
            show(&state, &req, case_id, None, None, Some(e.message), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(f) => f.page(c),
    }
}
