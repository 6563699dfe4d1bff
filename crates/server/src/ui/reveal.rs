//! Revealing a survivor's identity on purpose, and a case's own audit history.
//!
//! A survivor appears masked everywhere (initials, age band). The reveal page asks for a reason when
//! the user's role must give one, and the reveal itself is a POST that the store records in the audit
//! trail; the identity is shown in that response only (status 200, `Cache-Control: no-store`, never a
//! redirect to a URL that could be cached or revisited), so a reveal is per request, not sticky.
//!
//! The history page lists the case's own audit entries (who did what, who revealed whom) to anyone
//! who may see the case. It shows ids resolved to usernames and masked initials, never names.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::party::Party;
use counternet_domain::Actor;
use counternet_store::audit::{self, AuditEntry};
use counternet_store::parties::{self, Reveal};
use counternet_store::{cases, StoreError, StoreResult};

use super::common::{csrf_failed, error_page, render, take_ctx};
use super::i18n::{FluentArg, Translations};
use super::{to_login, Ctx, UiRequest};
use crate::{blocking, ApiError, AppState};

/// How many history entries the page shows, newest first.
const HISTORY_LIMIT: i64 = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/people/{party_id}/reveal", get(reveal_form).post(reveal_submit))
        .route("/cases/{id}/history", get(history))
}

// ---------------------------------------------------------------------------------------------
// Shared page helpers (the ones in pages.rs are private to it)

/// Both ids of a `/cases/{id}/people/{party_id}/...` path; a malformed one is simply not found.
fn parse_ids(raw_case: &str, raw_party: &str) -> Option<(Uuid, Uuid)> {
    Some((Uuid::parse_str(raw_case).ok()?, Uuid::parse_str(raw_party).ok()?))
}

// ---------------------------------------------------------------------------------------------
// Reveal

/// A person of a case, masked, as the reveal form shows them.
struct MaskedPerson {
    case_id: Uuid,
    case_reference: String,
    case_title: String,
    party_id: Uuid,
    /// Initials (or "[protected ...]" for a thing that is not a person).
    name: String,
    kind: &'static str,
    age_band: Option<String>,
    /// The party's roles in this case (role codes).
    roles: Vec<&'static str>,
    survivor: bool,
}

fn age_band_text(p: &Party) -> Option<String> {
    p.age_band.and_then(|b| serde_json::to_value(b).ok()).and_then(|v| v.as_str().map(String::from))
}

/// The party `party_id` as a person of case `case_id`, masked: `NotFound` unless the case is
/// visible to the actor and the party has a role in it.
fn person_in_case(
    tx: &mut counternet_store::Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    party_id: Uuid,
) -> StoreResult<MaskedPerson> {
    let case = cases::visible(tx, actor, case_id)?;
    let in_case: Vec<_> =
        parties::list_for_case(tx, actor, case_id)?.into_iter().filter(|cp| cp.party.id == party_id).collect();
    let Some(first) = in_case.first() else { return Err(StoreError::NotFound) };
    Ok(MaskedPerson {
        case_id,
        case_reference: case.reference,
        case_title: case.title,
        party_id,
        name: first.party.name.clone(),
        kind: first.party.kind.code(),
        age_band: age_band_text(&first.party),
        survivor: first.party.survivor,
        roles: in_case.iter().map(|cp| cp.role.code()).collect(),
    })
}

#[derive(Template)]
#[template(path = "reveal_form.html")]
struct RevealFormPage {
    c: Ctx,
    person: MaskedPerson,
    reason_required: bool,
    reason: String,
    error: Option<String>,
}

/// One identity field of a revealed person, labelled.
struct Field {
    label: String,
    value: String,
}

#[derive(Template)]
#[template(path = "reveal_shown.html")]
struct RevealedPage {
    c: Ctx,
    person: MaskedPerson,
    fields: Vec<Field>,
    attributes: Vec<Field>,
    reason: Option<String>,
}

pub async fn reveal_form(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_case, raw_party)): Path<(String, String)>,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let Some((case_id, party_id)) = parse_ids(&raw_case, &raw_party) else {
        return error_page(take_ctx(&req), &ApiError::not_found());
    };
    let actor = session.actor.clone();
    let person = blocking(&state, move |store| {
        store.read(Some(&actor), |tx| person_in_case(tx, &actor, case_id, party_id)).map_err(ApiError::from)
    })
    .await;
    let person = match person {
        Ok(p) => p,
        Err(e) => return error_page(take_ctx(&req), &e),
    };
    let role = session.actor.role;
    if !role.may_reveal() {
        return error_page(take_ctx(&req), &ApiError::new(StatusCode::FORBIDDEN, "forbidden", "forbidden"));
    }
    render(&RevealFormPage {
        c: take_ctx(&req),
        person,
        reason_required: role.reveal_needs_reason(),
        reason: String::new(),
        error: None,
    })
}

#[derive(Deserialize)]
pub struct RevealForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

pub async fn reveal_submit(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_case, raw_party)): Path<(String, String)>,
    Form(form): Form<RevealForm>,
) -> Response {
    let secure = state.config.secure_cookies;
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !req.csrf_ok(&form.csrf) {
        return csrf_failed(&req, secure);
    }
    let Some((case_id, party_id)) = parse_ids(&raw_case, &raw_party) else {
        return error_page(take_ctx(&req), &ApiError::not_found());
    };
    let actor = session.actor.clone();
    let reason = form.reason.trim().to_string();
    let given = Some(reason.clone()).filter(|r| !r.is_empty());
    // The store's own answer is kept whole so that a validation problem can name its kind.
    let result = blocking(&state, move |store| {
        Ok(store.write(Some(&actor), |tx| {
            let person = person_in_case(tx, &actor, case_id, party_id)?;
            let party = parties::get(tx, &actor, party_id, Some(Reveal { reason: given }))?;
            Ok((person, party))
        }))
    })
    .await;
    let c = take_ctx(&req);
    let outcome = match result {
        Ok(r) => r,
        Err(e) => return error_page(c, &e),
    };
    match outcome {
        Ok((person, party)) => {
            let reason = Some(reason).filter(|r| !r.is_empty() && party.survivor);
            let (fields, attributes) = identity_fields(&c, &party);
            let mut resp = render(&RevealedPage { c, person, fields, attributes, reason });
            resp.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        Err(StoreError::Validation(v)) => {
            let label = c.t("reveal-reason");
            let message = match v.code {
                "required" => Translations::global().get_args(
                    c.lang,
                    "error-required-field",
                    &[("field", FluentArg::Str(label.clone()))],
                ),
                "too_long" => format!("{label}: {}", c.t("error-too-long")),
                _ => format!("{label}: {}", c.t("error-invalid-choice")),
            };
            let required = session.actor.role.reveal_needs_reason();
            // The masked person again, for the form (the failed write kept nothing).
            let actor = session.actor.clone();
            let person = blocking(&state, move |store| {
                store.read(Some(&actor), |tx| person_in_case(tx, &actor, case_id, party_id)).map_err(ApiError::from)
            })
            .await;
            match person {
                Ok(person) => {
                    let mut resp = render(&RevealFormPage {
                        c,
                        person,
                        reason_required: required,
                        reason: form.reason,
                        error: Some(message),
                    });
                    *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    resp
                }
                Err(e) => error_page(c, &e),
            }
        }
        Err(e) => error_page(c, &ApiError::from(e)),
    }
}

/// The identity of a revealed party, labelled, in the page's language; empty fields left out.
fn identity_fields(c: &Ctx, p: &Party) -> (Vec<Field>, Vec<Field>) {
    let mut fields = Vec::new();
    let mut push = |key: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            fields.push(Field { label: c.t(key), value });
        }
    };
    push("reveal-name", Some(p.name.clone()));
    push("reveal-given-name", p.given_name.clone());
    push("reveal-family-name", p.family_name.clone());
    push("reveal-date-of-birth", p.date_of_birth.map(|d| c.date(d)));
    push("reveal-gender", p.gender.map(|g| c.v("gender", g.code())));
    push("reveal-nationality", p.nationality.clone());
    push("reveal-id-number", p.id_number.clone());
    push("reveal-identifier", p.identifier.clone());
    let attributes = p
        .attributes
        .iter()
        .map(|(k, v)| Field {
            label: attribute_label(c, k),
            value: match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            },
        })
        .collect();
    (fields, attributes)
}

/// The label of a party attribute (`reveal-attr-<key>`); an attribute without one shows its key.
fn attribute_label(c: &Ctx, key: &str) -> String {
    let id = format!("reveal-attr-{key}");
    let label = c.t(&id);
    if label == id {
        key.to_string()
    } else {
        label
    }
}

// ---------------------------------------------------------------------------------------------
// History

/// One line of a case's history, ready to show.
struct HistoryRow {
    when: String,
    who: String,
    what: String,
    /// Whom or what it was about, when that can be said without revealing anyone.
    subject: Option<String>,
    /// The subject is a survivor's initials.
    subject_masked: bool,
    outcome: String,
    denied: bool,
    reason: Option<String>,
    /// What a case change did to the classification: "Status: Active → Closed", translated.
    changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    c: Ctx,
    case_id: Uuid,
    case_reference: String,
    case_title: String,
    rows: Vec<HistoryRow>,
    limited: Option<String>,
}

struct HistoryData {
    reference: String,
    title: String,
    entries: Vec<AuditEntry>,
    names: HashMap<String, String>,
    /// The case's parties as the case page shows them (survivors by initials), and whether masked.
    people: HashMap<String, (String, bool)>,
}

pub async fn history(State(state): State<AppState>, req: UiRequest, Path(raw_case): Path<String>) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let Ok(case_id) = Uuid::parse_str(&raw_case) else { return error_page(take_ctx(&req), &ApiError::not_found()) };
    let actor = session.actor.clone();
    let data = blocking(&state, move |store| {
        store
            .read(Some(&actor), |tx| {
                let case = cases::visible(tx, &actor, case_id)?;
                let entries = audit::case_history(tx, &actor, case_id, HISTORY_LIMIT)?;
                let mut ids: Vec<String> = entries.iter().filter_map(|e| e.actor_id.clone()).collect();
                ids.extend(entries.iter().filter_map(|e| detail_str(e, "user_id")));
                ids.sort();
                ids.dedup();
                let names = audit::usernames(tx, &ids)?;
                let people = parties::list_for_case(tx, &actor, case_id)?
                    .into_iter()
                    .map(|cp| (cp.party.id.to_string(), (cp.party.name, cp.party.masked)))
                    .collect();
                Ok(HistoryData { reference: case.reference, title: case.title, entries, names, people })
            })
            .map_err(ApiError::from)
    })
    .await;
    let c = take_ctx(&req);
    let data = match data {
        Ok(d) => d,
        Err(e) => return error_page(c, &e),
    };
    let tr = Translations::global();
    let limited = (data.entries.len() as i64 >= HISTORY_LIMIT)
        .then(|| tr.get_args(c.lang, "history-limited", &[("count", FluentArg::Num(HISTORY_LIMIT))]));
    let rows = data.entries.iter().map(|e| history_row(&c, e, &data)).collect();
    render(&HistoryPage { case_id, case_reference: data.reference, case_title: data.title, rows, limited, c })
}

/// A string field of an entry's detail JSON.
fn detail_str(e: &AuditEntry, key: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(&e.detail)
        .ok()
        .and_then(|v| v.get(key).and_then(|r| r.as_str()).map(String::from))
}

fn history_row(c: &Ctx, e: &AuditEntry, data: &HistoryData) -> HistoryRow {
    let tr = Translations::global();
    let when = match counternet_store::clock::parse_time(&e.at) {
        Ok(t) => tr.get_args(
            c.lang,
            "history-time",
            &[
                ("date", FluentArg::Str(c.date(t.date_naive()))),
                ("time", FluentArg::Str(t.format("%H:%M").to_string())),
            ],
        ),
        Err(_) => e.at.clone(),
    };
    let who = match e.actor_id.as_deref() {
        Some("system") => c.t("history-system"),
        Some(id) => data.names.get(id).cloned().unwrap_or_else(|| c.t("unknown")),
        None => c.t("unknown"),
    };
    let key = format!("audit-action-{}", e.action.replace('.', "-"));
    let label = c.t(&key);
    let what = if label == key {
        tr.get_args(c.lang, "audit-action-other", &[("code", FluentArg::Str(e.action.clone()))])
    } else {
        label
    };
    let (subject, subject_masked) = match e.entity_kind.as_str() {
        "party" => match e.entity_id.as_deref().and_then(|id| data.people.get(id)) {
            Some((name, masked)) => (Some(name.clone()), *masked),
            // Not (or no longer) among the case's people: say only that it was someone.
            None => (Some(c.t("history-a-person")), false),
        },
        "case" => (detail_str(e, "user_id").and_then(|id| data.names.get(&id).cloned()), false),
        _ => (None, false),
    };
    let outcome = match e.outcome.as_str() {
        "ok" => c.t("history-outcome-ok"),
        "denied" => c.t("history-outcome-denied"),
        "failed" => c.t("history-outcome-failed"),
        other => other.to_string(),
    };
    let reason = if e.action == "party.reveal" { detail_str(e, "reason") } else { None };
    let changes = if e.action == "case.update" { classification_changes(c, e) } else { Vec::new() };
    HistoryRow { when, who, what, subject, subject_masked, denied: e.outcome != "ok", outcome, reason, changes }
}

/// The classification changes a `case.update` entry records (codes, translated here), and the
/// names of other fields it changed.
fn classification_changes(c: &Ctx, e: &AuditEntry) -> Vec<String> {
    let Ok(detail) = serde_json::from_str::<serde_json::Value>(&e.detail) else { return Vec::new() };
    let labels = |group: &str, v: Option<&serde_json::Value>| -> String {
        let codes: Vec<String> = match v {
            Some(serde_json::Value::String(s)) => vec![c.v(group, s)],
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).map(|s| c.v(group, s)).collect(),
            _ => Vec::new(),
        };
        if codes.is_empty() {
            "—".to_string()
        } else {
            codes.join(", ")
        }
    };
    let mut out = Vec::new();
    for (field, group, label) in [
        ("status", "status", "field-status"),
        ("tactics", "tactic", "field-tactics"),
        ("exploitation_types", "exploitation", "field-exploitation"),
        ("control_methods", "control", "field-control-methods"),
    ] {
        if let Some(ch) = detail.get("changes").and_then(|x| x.get(field)) {
            out.push(format!("{}: {} → {}", c.t(label), labels(group, ch.get("from")), labels(group, ch.get("to"))));
        }
    }
    for (field, label) in [("title", "field-title"), ("summary", "field-summary")] {
        let named = detail.get("fields").and_then(|f| f.as_array()).is_some_and(|f| f.iter().any(|x| x == field));
        if named {
            out.push(c.t(label));
        }
    }
    out
}
