//! Money alerts (issue 7): the alerts the money rules raised over the payments of the cases the
//! user sees, each with its rule explained, its accounts, cases and payments as far as the reader
//! may see them, and the forms to confirm, dismiss or reopen it; a button to scan the
//! organisation's payments now; and the administrators' page of the rules' thresholds.
//!
//! Forms work without JavaScript: POST with the CSRF token, then a 303 back to the list. A decision
//! the store refuses (no reason given to dismiss or reopen) comes back with status 422 and the
//! message next to the alert's note. Roles that do not work cases get a 403 page, audited.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, RawForm, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use uuid::Uuid;

use counternet_domain::money::format_minor;
use counternet_domain::{Actor, Role, ValidationError};
use counternet_store::money::{self as store_money, AlertStatus, Decision};
use counternet_store::users::Session;
use counternet_store::{cases, parties, users, StoreError, StoreResult, Tx};

use super::common::{csrf_failed, render, render_status, take_ctx};
use super::forms::{not_found, parse_uuid, refuse, with_store, Failed, Fields};
use super::i18n::{FluentArg, Translations};
use super::{to_login, Ctx, UiRequest};
use crate::api::money::{view_alert, AlertView};
use crate::money::{self, Field, MoneySettings, FIELDS};
use crate::{ApiError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/money/alerts", get(alerts_page))
        .route("/money/alerts/{id}/decision", post(decide))
        .route("/money/scan", post(scan))
        .route("/admin/settings/money", get(settings_page).post(save_settings))
}

/// How many alerts the list shows (the store's most, highest score first).
const SHOWN: i64 = 200;

fn msg(c: &Ctx, key: &str, args: &[(&str, FluentArg)]) -> String {
    Translations::global().get_args(c.lang, key, args)
}

/// Who may decide alerts and scan: the store's own rule, for showing the forms.
fn decides(role: Role) -> bool {
    matches!(role, Role::Investigator | Role::Analyst | Role::Manager)
}

/// The signed-in user, when their role works cases; or the page that refuses.
async fn money_user(state: &AppState, req: &UiRequest) -> Result<Session, Response> {
    let Some(session) = req.ctx.session.clone() else { return Err(to_login()) };
    if !session.actor.role.works_cases() {
        return Err(refuse(state, req, &session, "your role does not analyse payments").await);
    }
    Ok(session)
}

/// The number of open alerts `actor` sees (for the home page); 0 for roles that do not work cases,
/// and on a failure (logged): the home page still shows.
pub(super) async fn open_count(state: &AppState, actor: &Actor) -> usize {
    if !actor.role.works_cases() {
        return 0;
    }
    let actor = actor.clone();
    let found = with_store(state, move |store| {
        store.read(Some(&actor), |tx| Ok(store_money::alerts(tx, &actor, Some(AlertStatus::Open), None, 1000)?.len()))
    })
    .await;
    match found {
        Ok(n) => n,
        Err(_) => {
            tracing::warn!("open money alerts not counted");
            0
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The list

/// A payment row of an alert.
pub struct PaymentRow {
    pub when: String,
    pub amount: String,
    pub account: String,
    pub other: String,
}

/// An alert as the list shows it, every text in the reader's language.
pub struct AlertItem {
    pub id: Uuid,
    pub rule: String,
    pub rule_name: String,
    pub rule_help: String,
    pub score: String,
    pub status: &'static str,
    pub status_label: String,
    pub raised: String,
    pub accounts: Vec<String>,
    pub cases: Vec<(Uuid, String)>,
    pub payments: Vec<PaymentRow>,
    /// "N more payments in cases you do not see".
    pub hidden: Option<String>,
    /// Who decided when ("Confirmed by ana on ...").
    pub decided: Option<String>,
    pub note: Option<String>,
    /// The decision form's error, and the note as typed.
    pub error: Option<String>,
    pub typed_note: String,
}

impl AlertItem {
    pub fn is(&self, status: &str) -> bool {
        self.status == status
    }
}

/// A choice of the status filter.
pub struct StatusOpt {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "money_alerts.html")]
struct AlertsPage {
    c: Ctx,
    alerts: Vec<AlertItem>,
    statuses: Vec<StatusOpt>,
    /// The filter as chosen ("open", "confirmed", "dismissed", "all").
    status: String,
    /// Only the alerts of this case (its id and reference).
    case: Option<(Uuid, String)>,
    notice: Option<String>,
    can_decide: bool,
    can_scan: bool,
}

/// The filter of the list: a status ("all" for any) and maybe a case.
#[derive(Clone)]
struct Filter {
    status: String,
    case: Option<Uuid>,
}

impl Filter {
    fn parse(status: &str, case: &str) -> Filter {
        let status = match status.trim() {
            "all" => "all".to_string(),
            s => AlertStatus::from_code(s).unwrap_or(AlertStatus::Open).code().to_string(),
        };
        Filter { status, case: parse_uuid(case.trim()) }
    }

    fn store_status(&self) -> Option<AlertStatus> {
        AlertStatus::from_code(&self.status)
    }

    /// The list's address with this filter and `extra` (already encoded) query pairs.
    fn href(&self, extra: &str) -> String {
        let mut q = format!("status={}", self.status);
        if let Some(c) = self.case {
            q.push_str(&format!("&case={c}"));
        }
        if !extra.is_empty() {
            q.push('&');
            q.push_str(extra);
        }
        format!("/money/alerts?{q}")
    }
}

/// What the store gives for the list: alerts as the reader sees them, account names, deciders'
/// usernames and the filtered case's reference.
struct Loaded {
    alerts: Vec<AlertView>,
    names: HashMap<Uuid, String>,
    deciders: HashMap<Uuid, String>,
    case: Option<(Uuid, String)>,
}

fn load(tx: &mut Tx<'_>, actor: &Actor, filter: &Filter) -> StoreResult<Loaded> {
    let stored = store_money::alerts(tx, actor, filter.store_status(), filter.case, SHOWN)?;
    let mut alerts = Vec::with_capacity(stored.len());
    for a in stored {
        alerts.push(view_alert(tx, actor, a)?);
    }
    let mut ids: Vec<Uuid> = alerts
        .iter()
        .flat_map(|a| {
            a.accounts
                .iter()
                .map(|x| x.party_id)
                .chain(a.payments.iter().flat_map(|p| [Some(p.account), p.counterparty]).flatten())
        })
        .collect();
    ids.sort();
    ids.dedup();
    let names = parties::visible_among(tx, actor, &ids)?.into_iter().map(|p| (p.id, p.name)).collect();
    let mut deciders = HashMap::new();
    for id in alerts.iter().filter_map(|a| a.decided_by) {
        if let std::collections::hash_map::Entry::Vacant(e) = deciders.entry(id) {
            match users::get(tx, id) {
                Ok(u) => {
                    e.insert(u.username);
                }
                Err(StoreError::NotFound) => {}
                Err(err) => return Err(err),
            }
        }
    }
    let case = match filter.case {
        Some(id) => cases::references(tx, actor, &[id])?.remove(&id).map(|r| (id, r)),
        None => None,
    };
    Ok(Loaded { alerts, names, deciders, case })
}

/// A time as people where the users work read it (UTC+7): the date and the hour.
fn local_time(c: &Ctx, at: DateTime<Utc>) -> String {
    let local = (at + Duration::hours(7)).naive_utc();
    format!("{} {}", c.date(local.date()), local.format("%H:%M"))
}

/// A payment's time as its statement wrote it (local time).
fn paid_at(c: &Ctx, text: &str) -> String {
    match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S") {
        Ok(t) => format!("{} {}", c.date(t.date()), t.format("%H:%M")),
        Err(_) => text.replace('T', " "),
    }
}

fn item(c: &Ctx, a: AlertView, names: &HashMap<Uuid, String>, deciders: &HashMap<Uuid, String>) -> AlertItem {
    let unseen = c.t("money-alerts-not-in-your-cases");
    let name = |id: &Uuid| names.get(id).cloned().unwrap_or_else(|| unseen.clone());
    let decided = match (a.status, a.decided_at) {
        (AlertStatus::Open, _) | (_, None) => None,
        (status, Some(at)) => {
            let who = a.decided_by.and_then(|u| deciders.get(&u).cloned()).unwrap_or_else(|| unseen.clone());
            let key = if status == AlertStatus::Confirmed {
                "money-alerts-confirmed-by"
            } else {
                "money-alerts-dismissed-by"
            };
            Some(msg(c, key, &[("username", FluentArg::Str(who)), ("when", FluentArg::Str(local_time(c, at)))]))
        }
    };
    AlertItem {
        id: a.id,
        rule_name: c.t(&format!("money-rule-{}", a.rule)),
        rule_help: c.t(&format!("money-rule-{}-help", a.rule)),
        rule: a.rule,
        score: format!("{:.2}", a.score),
        status: a.status.code(),
        status_label: c.t(&format!("money-alert-status-{}", a.status.code())),
        raised: local_time(c, a.raised_at),
        accounts: a.accounts.iter().map(|x| x.name.clone().unwrap_or_else(|| unseen.clone())).collect(),
        cases: a.cases.into_iter().map(|x| (x.id, x.reference)).collect(),
        payments: a
            .payments
            .iter()
            .map(|p| PaymentRow {
                when: paid_at(c, &p.paid_at),
                amount: format!("{} {}", format_minor(p.amount_minor, &p.currency), p.currency),
                account: name(&p.account),
                other: p.counterparty.map(|x| name(&x)).unwrap_or_else(|| c.t("none")),
            })
            .collect(),
        hidden: (a.hidden_payments > 0)
            .then(|| msg(c, "money-alerts-hidden-payments", &[("count", FluentArg::from(a.hidden_payments))])),
        decided,
        note: a.decision_note,
        error: None,
        typed_note: String::new(),
    }
}

/// A decision form that came back: which alert, the note typed, the message.
struct Refused {
    alert: Uuid,
    note: String,
    text: String,
}

async fn show(
    state: &AppState,
    req: &UiRequest,
    session: &Session,
    filter: Filter,
    notice: Option<String>,
    refused: Option<Refused>,
    status: StatusCode,
) -> Response {
    let actor = session.actor.clone();
    let f = filter.clone();
    let loaded = with_store(state, move |store| store.read(Some(&actor), |tx| load(tx, &actor, &f))).await;
    let loaded = match loaded {
        Ok(l) => l,
        Err(f) => return f.page(take_ctx(req)),
    };
    let c = take_ctx(req);
    let mut alerts: Vec<AlertItem> =
        loaded.alerts.into_iter().map(|a| item(&c, a, &loaded.names, &loaded.deciders)).collect();
    let mut notice = notice;
    if let Some(r) = refused {
        match alerts.iter_mut().find(|a| a.id == r.alert) {
            Some(a) => {
                a.error = Some(r.text);
                a.typed_note = r.note;
            }
            // Out of this filter's list: say it at the top.
            None => notice = Some(r.text),
        }
    }
    let statuses = ["open", "confirmed", "dismissed", "all"]
        .into_iter()
        .map(|code| StatusOpt {
            code,
            label: c.t(&format!("money-alerts-filter-{code}")),
            selected: filter.status == code,
        })
        .collect();
    let role = session.actor.role;
    let page = AlertsPage {
        alerts,
        statuses,
        status: filter.status,
        case: loaded.case,
        notice,
        can_decide: decides(role),
        can_scan: decides(role),
        c,
    };
    render_status(&page, status)
}

async fn alerts_page(State(state): State<AppState>, req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let session = match money_user(&state, &req).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let q = Fields::parse(query.as_deref().unwrap_or("").as_bytes());
    let filter = Filter::parse(&q.get("status"), &q.get("case"));
    let c = &req.ctx;
    let notice = if let Ok(n) = q.get("scanned").parse::<usize>() {
        Some(msg(c, "money-alerts-scanned", &[("count", FluentArg::from(n))]))
    } else {
        match q.get("done").as_str() {
            "confirm" => Some(c.t("money-alerts-done-confirm")),
            "dismiss" => Some(c.t("money-alerts-done-dismiss")),
            "reopen" => Some(c.t("money-alerts-done-reopen")),
            _ => None,
        }
    };
    show(&state, &req, &session, filter, notice, None, StatusCode::OK).await
}

async fn decide(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let f = Fields::parse(&body);
    if !req.csrf_ok(&f.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let session = match money_user(&state, &req).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(id) = parse_uuid(&raw_id) else { return not_found(&req) };
    let filter = Filter::parse(&f.get("status"), &f.get("case"));
    let code = f.get("decision");
    let decision = match code.as_str() {
        "confirm" => Decision::Confirm,
        "dismiss" => Decision::Dismiss,
        "reopen" => Decision::Reopen,
        _ => return not_found(&req),
    };
    let note = f.get("note");
    let typed = note.clone();
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| store_money::decide(tx, &actor, id, decision, Some(note)))
    })
    .await;
    let refused = |text: String, status: StatusCode| {
        let r = Refused { alert: id, note: typed.clone(), text };
        show(&state, &req, &session, filter.clone(), None, Some(r), status)
    };
    match done {
        Ok(_) => Redirect::to(&filter.href(&format!("done={code}"))).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => {
            let text = decision_error(&req.ctx, &e);
            refused(text, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(Failed::Store(StoreError::Conflict { .. })) => {
            let text = req.ctx.t("money-alerts-error-already");
            refused(text, StatusCode::CONFLICT).await
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

fn decision_error(c: &Ctx, e: &ValidationError) -> String {
    match e.code {
        "required" => c.t("money-alerts-error-note-required"),
        "too_long" => format!("{}: {}", c.t("money-alerts-note"), c.t("error-too-long")),
        _ => format!("{}: {}", c.t("money-alerts-note"), c.t("error-invalid-value")),
    }
}

async fn scan(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let f = Fields::parse(&body);
    if !req.csrf_ok(&f.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !decides(session.actor.role) {
        return refuse(&state, &req, &session, "only investigators, analysts and managers scan payments").await;
    }
    let filter = Filter::parse(&f.get("status"), &f.get("case"));
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |store| store.write(Some(&actor), |tx| money::scan_organisation(tx, actor.org_id)))
            .await;
    match done {
        Ok(out) => Redirect::to(&filter.href(&format!("scanned={}", out.raised))).into_response(),
        Err(f) => f.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// The rules' thresholds (administrators)

/// A setting as the page shows it.
pub struct SettingView {
    pub key: &'static str,
    pub label: String,
    pub help: String,
    /// "From 1 to 8,760", in the reader's language.
    pub range: String,
    pub value: String,
    pub min: String,
    pub max: String,
    pub step: &'static str,
    pub error: Option<String>,
}

/// Settings under one heading.
pub struct SettingGroup {
    pub id: &'static str,
    pub title: String,
    pub settings: Vec<SettingView>,
}

#[derive(Template)]
#[template(path = "admin_money.html")]
struct SettingsPage {
    c: Ctx,
    groups: Vec<SettingGroup>,
    notice: Option<String>,
    /// Something went wrong with the form as a whole (the field's message is by the field).
    has_error: bool,
}

/// The heading a setting is listed under: the rule it tunes, or the trace, layering, fan.
fn group_of(key: &str) -> &'static str {
    match key.split('_').next().unwrap_or_default() {
        "trace" => "trace",
        "hub" | "follow" | "chain" => "layering",
        "fan" => "fan",
        "cycle" => "cycle",
        "scatter" => "scatter_gather",
        "gather" => "gather_scatter",
        "structuring" => "structuring",
        "wage" | "sweep" => "wage_sweep",
        "night" => "late_night",
        _ => "pass_through",
    }
}

fn group_title(c: &Ctx, group: &str) -> String {
    match group {
        "trace" | "layering" | "fan" => c.t(&format!("money-settings-group-{group}")),
        rule => c.t(&format!("money-rule-{rule}")),
    }
}

/// A number as the input takes it: whole numbers without decimals, fractions as short as they go.
fn plain(x: f64, integer: bool) -> String {
    if integer || x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number as people read it: thousands separated by commas.
fn grouped(x: f64, integer: bool) -> String {
    let text = plain(x, integer);
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), format!(".{f}")),
        None => (text.clone(), String::new()),
    };
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
    for (i, ch) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && *ch != '-' {
            out.push(',');
        }
        out.push(*ch);
    }
    out + &fraction
}

fn range_text(c: &Ctx, f: &Field) -> String {
    msg(
        c,
        "money-settings-range",
        &[("min", FluentArg::Str(grouped(f.min, f.integer))), ("max", FluentArg::Str(grouped(f.max, f.integer)))],
    )
}

/// The message for a setting that is not in its range (or does not agree with its pair).
fn setting_error(c: &Ctx, f: &Field, cross: bool) -> String {
    let label = c.t(&format!("money-setting-{}", f.key));
    let text = match (cross, f.key) {
        (true, "cycle_min_len") => c.t("money-settings-error-cycle"),
        (true, "wage_min_thb") => c.t("money-settings-error-wage"),
        (true, "night_end_hour") => c.t("money-settings-error-night"),
        _ => {
            let key = if f.integer { "money-settings-error-whole" } else { "money-settings-error-number" };
            msg(
                c,
                key,
                &[
                    ("min", FluentArg::Str(grouped(f.min, f.integer))),
                    ("max", FluentArg::Str(grouped(f.max, f.integer))),
                ],
            )
        }
    };
    format!("{label}: {text}")
}

/// The page with the values given (as typed, when the form came back) and maybe one field's error.
fn settings_view(c: &Ctx, values: &[(Field, String)], error: Option<(&str, String)>) -> Vec<SettingGroup> {
    let mut groups: Vec<SettingGroup> = Vec::new();
    for (f, value) in values {
        let id = group_of(f.key);
        let view = SettingView {
            key: f.key,
            label: c.t(&format!("money-setting-{}", f.key)),
            help: c.t(&format!("money-setting-{}-help", f.key)),
            range: range_text(c, f),
            value: value.clone(),
            min: plain(f.min, f.integer),
            max: plain(f.max, f.integer),
            step: if f.integer { "1" } else { "any" },
            error: error.as_ref().filter(|(k, _)| *k == f.key).map(|(_, t)| t.clone()),
        };
        match groups.iter_mut().find(|g| g.id == id) {
            Some(g) => g.settings.push(view),
            None => groups.push(SettingGroup { id, title: group_title(c, id), settings: vec![view] }),
        }
    }
    groups
}

async fn admin_only(state: &AppState, req: &UiRequest) -> Result<Session, Response> {
    let Some(session) = req.ctx.session.clone() else { return Err(to_login()) };
    if session.actor.role != Role::Administrator {
        return Err(refuse(state, req, &session, "only an administrator changes settings").await);
    }
    Ok(session)
}

async fn settings_page(State(state): State<AppState>, req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let session = match admin_only(&state, &req).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let actor = session.actor.clone();
    let loaded = with_store(&state, move |store| store.read(Some(&actor), money::load_settings)).await;
    let settings = match loaded {
        Ok(s) => s,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let q = Fields::parse(query.as_deref().unwrap_or("").as_bytes());
    let notice = (q.get("done") == "saved").then(|| c.t("money-settings-saved"));
    let values: Vec<(Field, String)> = settings.values().into_iter().map(|(f, x)| (f, plain(x, f.integer))).collect();
    let groups = settings_view(&c, &values, None);
    render(&SettingsPage { c, groups, notice, has_error: false })
}

/// One typed setting as a number: spaces and thousands separators dropped, a decimal comma read
/// as a point in a fraction.
fn parse_setting(f: &Field, typed: &str) -> Option<f64> {
    let cleaned: String = typed.chars().filter(|ch| !ch.is_whitespace() && *ch != '_').collect();
    let cleaned = if f.integer { cleaned.replace(',', "") } else { cleaned.replace(',', ".") };
    let x: f64 = cleaned.parse().ok()?;
    (x.is_finite() && x >= f.min && x <= f.max && (!f.integer || x.fract() == 0.0)).then_some(x)
}

async fn save_settings(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let form = Fields::parse(&body);
    if !req.csrf_ok(&form.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let session = match admin_only(&state, &req).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let typed: Vec<(Field, String)> = FIELDS.iter().map(|f| (*f, form.get(f.key).trim().to_string())).collect();
    let refused = |key: &str, text: String| {
        let c = take_ctx(&req);
        let groups = settings_view(&c, &typed, Some((key, text)));
        render_status(&SettingsPage { c, groups, notice: None, has_error: true }, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let mut object = serde_json::Map::new();
    for (f, text) in &typed {
        if text.is_empty() {
            let label = req.ctx.t(&format!("money-setting-{}", f.key));
            let text = msg(&req.ctx, "error-required-field", &[("field", FluentArg::Str(label))]);
            return refused(f.key, text);
        }
        let Some(x) = parse_setting(f, text) else { return refused(f.key, setting_error(&req.ctx, f, false)) };
        let number = if f.integer {
            serde_json::Value::from(x as i64)
        } else {
            serde_json::Number::from_f64(x).map(serde_json::Value::Number).unwrap_or_default()
        };
        object.insert(f.key.to_string(), number);
    }
    let settings: MoneySettings = match serde_json::from_value(serde_json::Value::Object(object)) {
        Ok(s) => s,
        Err(_) => return super::common::error_page(take_ctx(&req), &ApiError::internal(&"money settings form")),
    };
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |store| store.write(Some(&actor), |tx| money::save_settings(tx, &actor, &settings)))
            .await;
    match done {
        Ok(_) => Redirect::to("/admin/settings/money?done=saved").into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => match FIELDS.iter().find(|f| f.key == e.field) {
            Some(field) => refused(field.key, setting_error(&req.ctx, field, true)),
            None => super::common::error_page(take_ctx(&req), &ApiError::from(StoreError::Validation(e))),
        },
        Err(f) => f.page(take_ctx(&req)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::ui::i18n::Lang;

    #[test]
    fn every_rule_and_setting_is_named_and_explained_in_every_language() {
        let (t, _) = Translations::load();
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let keys: std::collections::HashSet<String> = t.keys(lang).into_iter().collect();
            let wanted = counternet_intel::money::Rule::ALL
                .iter()
                .map(|r| r.code())
                .flat_map(|r| [format!("money-rule-{r}"), format!("money-rule-{r}-help")])
                .chain(
                    FIELDS
                        .iter()
                        .flat_map(|f| [format!("money-setting-{}", f.key), format!("money-setting-{}-help", f.key)]),
                )
                .chain(["open", "confirmed", "dismissed"].iter().map(|s| format!("money-alert-status-{s}")));
            for k in wanted {
                if !keys.contains(&k) {
                    missing.push(format!("{}: {k}", lang.code()));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn numbers_are_shown_plainly_and_grouped() {
        assert_eq!(plain(0.1, false), "0.1");
        assert_eq!(plain(5.0, false), "5");
        assert_eq!(plain(2_000_000.0, true), "2000000");
        assert_eq!(grouped(1e12, true), "1,000,000,000,000");
        assert_eq!(grouped(8_760.0, true), "8,760");
        assert_eq!(grouped(100.0, true), "100");
        assert_eq!(grouped(0.25, false), "0.25");
        let frac = FIELDS.iter().find(|f| f.key == "trace_tolerance").unwrap();
        assert_eq!(parse_setting(frac, "0,2"), Some(0.2));
        assert_eq!(parse_setting(frac, "1.5"), None);
        let whole = FIELDS.iter().find(|f| f.key == "structuring_threshold_thb").unwrap();
        assert_eq!(parse_setting(whole, "1,500,000"), Some(1_500_000.0));
        assert_eq!(parse_setting(whole, "1.5"), None);
        assert_eq!(parse_setting(whole, "abc"), None);
    }
}
