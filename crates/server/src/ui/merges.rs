//! Entity resolution in the browser: the review queue of possible duplicates (two records side
//! by side, the match probability and why, "same person" or "not the same"), a person's page
//! (their records with where they came from and their cases, and each merge with an "Unmerge"
//! button), and the administrator's auto-merge threshold. The store decides who may do what; every
//! form posts, then redirects.

use askama::Template;
use axum::extract::{Path, RawForm, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

use counternet_domain::party::Party;
use counternet_domain::Role;
use counternet_store::merges::{self, Decision, Merge, PersonRecord};
use counternet_store::StoreError;

use super::common::{csrf_failed, message_page_to, render, render_status, take_ctx};
use super::forms::{forbidden_page, not_found, parse_uuid, refuse, why_view, with_store, Failed, Fields, WhyView};
use super::{to_login, Ctx, UiRequest};
use crate::api::merges::{review_queue, PairInput, WhyInput};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people/duplicates", get(queue_page))
        .route("/people/merges", post(merge_pair))
        .route("/people/distinct", post(distinct_pair))
        .route("/people/merges/{id}/undo", post(undo))
        .route("/people/{id}", get(person_page))
        .route("/admin/matching", get(matching_page).post(save_matching))
}

/// Pairs shown at once in the queue.
const QUEUE_LIMIT: usize = 50;
/// The lowest probability the queue shows unless asked for lower.
const QUEUE_MIN: f64 = 0.8;

/// One record as the pages show it (masked by the store when a survivor's).
pub struct RecordView {
    pub id: Uuid,
    pub name: String,
    pub masked: bool,
    /// Label and value of each detail that is known and not withheld.
    pub details: Vec<(String, String)>,
}

fn record_view(c: &Ctx, p: &Party) -> RecordView {
    let mut details = Vec::new();
    if let Some(b) = p.age_band.and_then(|b| serde_json::to_value(b).ok()).and_then(|v| v.as_str().map(String::from)) {
        details.push((c.t("merge-age-band"), b));
    }
    if let Some(d) = p.date_of_birth {
        details.push((c.t("person-date-of-birth"), c.date(d)));
    }
    if let Some(g) = p.gender {
        details.push((c.t("person-gender"), c.v("gender", g.code())));
    }
    if let Some(n) = &p.nationality {
        details.push((c.t("person-nationality"), n.clone()));
    }
    if let Some(n) = &p.id_number {
        details.push((c.t("person-id-number"), n.clone()));
    }
    RecordView { id: p.id, name: p.name.clone(), masked: p.masked, details }
}

/// A percentage for people: "97%" (never "100%" for less than certain).
fn percent(p: f64) -> String {
    let v = (p * 100.0).floor();
    format!("{v:.0}%")
}

// ---------------------------------------------------------------------------------------------
// The review queue

pub struct PairView {
    pub a: Uuid,
    pub b: Uuid,
    /// The two records, side by side.
    pub records: Vec<RecordView>,
    pub probability: f64,
    pub percent: String,
    pub why: Vec<WhyView>,
    /// The reasons as the forms send them back: (field, level, weight).
    pub raw_why: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "people_duplicates.html")]
struct QueuePage {
    c: Ctx,
    pairs: Vec<PairView>,
    notice: Option<String>,
    /// The person just merged, for the notice's link.
    person: Option<Uuid>,
    min_percent: String,
    /// The two forms of each pair: path, label id, button class.
    actions: &'static [(&'static str, &'static str, &'static str)],
}

const PAIR_ACTIONS: &[(&str, &str, &str)] =
    &[("merges", "merge-same-person", ""), ("distinct", "merge-not-same", "secondary")];

fn query_param(query: &Option<String>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

async fn queue_page(State(state): State<AppState>, req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not merge or separate records").await;
    }
    // `min` is a percentage (50 to 100); anything else is the default.
    let min = query_param(&query, "min")
        .and_then(|m| m.parse::<f64>().ok())
        .filter(|m| (50.0..=100.0).contains(m))
        .map_or(QUEUE_MIN, |m| m / 100.0);
    let actor = session.actor.clone();
    let matcher = state.matcher.clone();
    let found = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| review_queue(tx, &actor, &matcher, min, QUEUE_LIMIT))
    })
    .await;
    let list = match found {
        Ok(l) => l,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let pairs = list
        .into_iter()
        .map(|d| PairView {
            a: d.a.id,
            b: d.b.id,
            records: vec![record_view(&c, &d.a), record_view(&c, &d.b)],
            percent: percent(d.probability),
            probability: d.probability,
            why: why_view(&c, &d.why),
            raw_why: d.why.iter().map(|w| (w.field.clone(), w.level.clone(), w.weight.to_string())).collect(),
        })
        .collect();
    let notice = match query_param(&query, "done").as_deref() {
        Some("merged") => Some(c.t("merge-done-merged")),
        Some("distinct") => Some(c.t("merge-done-distinct")),
        _ => None,
    };
    let person = query_param(&query, "person").and_then(|p| parse_uuid(&p));
    render(&QueuePage { pairs, notice, person, min_percent: format!("{:.0}", min * 100.0), actions: PAIR_ACTIONS, c })
}

/// The pair a queue form sends: both ids, the probability and the reasons shown.
fn pair_input(f: &Fields) -> Option<PairInput> {
    let fields = f.all("why_field");
    let levels = f.all("why_level");
    let weights = f.all("why_weight");
    let why = fields
        .into_iter()
        .zip(levels)
        .zip(weights)
        .map(|((field, level), weight)| Some(WhyInput { field, level, weight: weight.parse().ok()? }))
        .collect::<Option<Vec<_>>>()?;
    let probability = match f.get("probability").as_str() {
        "" => None,
        p => Some(p.parse::<f64>().ok()?),
    };
    Some(PairInput {
        party_a: parse_uuid(&f.get("party_a"))?,
        party_b: parse_uuid(&f.get("party_b"))?,
        probability,
        why,
    })
}

/// The page for a decision the store refused: why, and the way back.
fn refused_page(req: &UiRequest, e: Failed, back: String) -> Response {
    let c = take_ctx(req);
    let key = match &e {
        Failed::Store(StoreError::Conflict { code, .. }) => match *code {
            "already_same_person" => "merge-error-already-same-person",
            "marked_distinct" => "merge-error-marked-distinct",
            "same_person" => "merge-error-same-person",
            "already_decided" => "merge-error-already-decided",
            "already_undone" => "merge-error-already-undone",
            _ => "error-conflict",
        },
        Failed::Store(StoreError::Validation(_)) => "merge-error-invalid",
        _ => return e.page(c),
    };
    let (title, message, back_text) = (c.t("error-title"), c.t(key), c.t("back"));
    message_page_to(c, StatusCode::UNPROCESSABLE_ENTITY, title, message, (back, back_text))
}

async fn decide(state: AppState, req: UiRequest, body: &[u8], decision: Decision) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let f = Fields::parse(body);
    if !req.csrf_ok(&f.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not merge or separate records").await;
    }
    let Some(input) = pair_input(&f) else { return not_found(&req) };
    let explanation = match input.explanation() {
        Ok(e) => e,
        Err(e) => return refused_page(&req, Failed::Store(e.into()), "/people/duplicates".into()),
    };
    let actor = session.actor.clone();
    let (a, b, p) = (input.party_a, input.party_b, input.probability);
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| match decision {
            Decision::Merged => merges::merge(tx, &actor, a, b, p, explanation, false),
            Decision::Distinct => merges::mark_distinct(tx, &actor, a, b, p, explanation),
        })
    })
    .await;
    match done {
        Ok(m) if decision == Decision::Merged => {
            Redirect::to(&format!("/people/duplicates?done=merged&person={}", m.party_a)).into_response()
        }
        Ok(_) => Redirect::to("/people/duplicates?done=distinct").into_response(),
        Err(e) => refused_page(&req, e, "/people/duplicates".into()),
    }
}

async fn merge_pair(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    decide(state, req, &body, Decision::Merged).await
}

async fn distinct_pair(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    decide(state, req, &body, Decision::Distinct).await
}

// ---------------------------------------------------------------------------------------------
// A person's page

pub struct SourceView {
    pub record: RecordView,
    pub organisation: String,
    pub recorded_by: String,
    pub recorded_on: String,
    /// (case id, reference, role label).
    pub roles: Vec<(Uuid, String, String)>,
}

pub struct DecisionView {
    pub id: Uuid,
    pub merged: bool,
    pub a: String,
    pub b: String,
    pub percent: Option<String>,
    pub auto: bool,
    pub decided_on: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage {
    c: Ctx,
    id: Uuid,
    records: Vec<SourceView>,
    decisions: Vec<DecisionView>,
    can_edit: bool,
    notice: Option<String>,
}

fn source_view(c: &Ctx, r: &PersonRecord) -> SourceView {
    SourceView {
        record: record_view(c, &r.party),
        organisation: r.organisation_name.clone(),
        recorded_by: r.recorded_by_name.clone().unwrap_or_else(|| c.t("merge-unknown-user")),
        recorded_on: c.date(r.party.created_at.date_naive()),
        roles: r
            .roles
            .iter()
            .map(|role| (role.case_id, role.case_reference.clone(), c.v("role", role.role.code())))
            .collect(),
    }
}

fn decision_view(c: &Ctx, m: &Merge, records: &[SourceView]) -> DecisionView {
    let name = |id: Uuid| records.iter().find(|r| r.record.id == id).map(|r| r.record.name.clone()).unwrap_or_default();
    DecisionView {
        id: m.id,
        merged: m.decision == Decision::Merged,
        a: name(m.party_a),
        b: name(m.party_b),
        percent: m.probability.map(percent),
        auto: m.auto,
        decided_on: c.date(m.decided_at.date_naive()),
        active: m.active,
    }
}

async fn person_page(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let Some(id) = parse_uuid(&raw_id) else { return not_found(&req) };
    let actor = session.actor.clone();
    let found =
        with_store(&state, move |store| store.read(Some(&actor), |tx| merges::person_records(tx, &actor, id))).await;
    let person = match found {
        Ok(p) => p,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let records: Vec<SourceView> = person.records.iter().map(|r| source_view(&c, r)).collect();
    // The decisions of this person: merges, and "not the same" about its records.
    let decisions = person.decisions.iter().map(|m| decision_view(&c, m, &records)).collect();
    let notice = match query_param(&query, "done").as_deref() {
        Some("unmerged") => Some(c.t("merge-done-unmerged")),
        _ => None,
    };
    render(&PersonPage { id, records, decisions, can_edit: session.actor.role.may_edit_cases(), notice, c })
}

async fn undo(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let f = Fields::parse(&body);
    if !req.csrf_ok(&f.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let Some(id) = parse_uuid(&raw_id) else { return not_found(&req) };
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not merge or separate records").await;
    }
    // Back to the person it was undone from (a record the user may see), else the queue.
    let back = parse_uuid(&f.get("person"));
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| store.write(Some(&actor), |tx| merges::unmerge(tx, &actor, id))).await;
    let to = match back {
        Some(p) => format!("/people/{p}"),
        None => "/people/duplicates".to_string(),
    };
    match done {
        Ok(_) => Redirect::to(&format!("{to}?done=unmerged")).into_response(),
        Err(e) => refused_page(&req, e, to),
    }
}

// ---------------------------------------------------------------------------------------------
// The auto-merge threshold (administrators)

#[derive(Template)]
#[template(path = "admin_matching.html")]
struct MatchingPage {
    c: Ctx,
    /// The threshold as a percentage, or "" for never.
    value: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn admin_only(state: &AppState, req: &UiRequest) -> Result<counternet_store::users::Session, Response> {
    let Some(session) = req.ctx.session.clone() else { return Err(to_login()) };
    if session.actor.role != Role::Administrator {
        return Err(refuse(state, req, &session, "only an administrator changes matching settings").await);
    }
    Ok(session)
}

fn as_percent(t: Option<f64>) -> String {
    t.map(|t| {
        let p = (t * 1000.0).round() / 10.0;
        if p.fract() == 0.0 {
            format!("{p:.0}")
        } else {
            format!("{p:.1}")
        }
    })
    .unwrap_or_default()
}

async fn matching_page(State(state): State<AppState>, req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let session = match admin_only(&state, &req).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let actor = session.actor.clone();
    let found = with_store(&state, move |store| store.read(Some(&actor), merges::auto_merge_threshold)).await;
    let threshold = match found {
        Ok(t) => t,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let notice = (query_param(&query, "done").as_deref() == Some("saved")).then(|| c.t("matching-saved"));
    render(&MatchingPage { value: as_percent(threshold), notice, error: None, c })
}

async fn save_matching(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let f = Fields::parse(&body);
    if !req.csrf_ok(&f.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let session = match admin_only(&state, &req).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let raw = f.get("threshold");
    let value = raw.trim().replace(',', ".");
    // A percentage in the form (50 to 100); empty is never.
    let threshold =
        if value.is_empty() { Ok(None) } else { value.parse::<f64>().map(|p| Some(p / 100.0)).map_err(|_| ()) };
    let invalid = |req: &UiRequest, raw: String| {
        let c = take_ctx(req);
        let error = Some(c.t("matching-error-range"));
        render_status(&MatchingPage { value: raw, notice: None, error, c }, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let Ok(threshold) = threshold else { return invalid(&req, raw) };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| merges::set_auto_merge_threshold(tx, &actor, threshold))
    })
    .await;
    match done {
        Ok(_) => Redirect::to("/admin/matching?done=saved").into_response(),
        Err(Failed::Store(StoreError::Validation(_))) => invalid(&req, raw),
        Err(Failed::Store(StoreError::Forbidden(_))) => forbidden_page(&req),
        Err(e) => e.page(take_ctx(&req)),
    }
}
