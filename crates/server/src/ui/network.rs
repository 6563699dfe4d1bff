//! The network view: a person's or a case's neighbourhood drawn in the browser (static/network.js,
//! SVG, no library) from the JSON API (`/api/v1/network/...`), which decides what the user may see
//! and masks survivors. This module serves the page shell only: it reads no graph.

use askama::Template;
use axum::extract::RawQuery;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use uuid::Uuid;

use counternet_domain::vocab::{CaseRole, LinkKind};

use super::common::{render, take_ctx};
use super::forms::{forbidden_page, not_found, parse_uuid};
use super::{to_login, Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/network", get(network_page))
}

/// The node kinds the API draws, besides parties' kinds a case.
const NODE_KINDS: &[&str] =
    &["person", "organisation", "phone", "email", "address", "vehicle", "bank_account", "online_account", "case"];

/// The messages the script shows, by the id it looks them up with (`network-` left off).
const SCRIPT_MESSAGES: &[&str] = &[
    "loading",
    "load-failed",
    "not-found",
    "drawing",
    "truncated",
    "hub",
    "hub-note",
    "selected",
    "none-selected",
    "name",
    "kind",
    "degree",
    "open-page",
    "expand",
    "expanded",
    "path-from",
    "path-to",
    "path-start",
    "path-found",
    "path-none",
    "path-hubs",
    "path-clear",
    "pin",
    "unpin",
    "pinned",
    "relayout",
    "export-svg",
    "export-png",
    "legend",
    "records",
    "links",
    "select",
    "between",
    "dates",
    "masked",
    "pseudonymous",
    "on-path",
    "empty",
    "kinds",
    "dates-backwards",
    "title",
];

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage {
    c: Ctx,
    node: Option<Uuid>,
    k: u8,
    from: String,
    to: String,
    /// The script's messages in the page's language, as a JSON object (a data- attribute).
    strings: String,
}

fn query_param(query: &Option<String>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// A date from the address, kept only when it is one (YYYY-MM-DD).
fn date_param(query: &Option<String>, key: &str) -> String {
    query_param(query, key).filter(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()).unwrap_or_default()
}

fn script_messages(c: &Ctx) -> String {
    let mut m = serde_json::Map::new();
    for key in SCRIPT_MESSAGES {
        m.insert((*key).to_string(), c.t(&format!("network-{key}")).into());
    }
    for kind in NODE_KINDS {
        let label = if *kind == "case" { c.t("network-kind-case") } else { c.v("party-kind", kind) };
        m.insert(format!("kind-{kind}"), label.into());
        m.insert(format!("abbr-{kind}"), c.t(&format!("network-abbr-{kind}")).into());
    }
    // Link kinds in the page's language (the API's labels are the fallback).
    for kind in LinkKind::ALL {
        m.insert(format!("lk-{}", kind.code()), c.v("link-kind", kind.code()).into());
    }
    for role in CaseRole::ALL {
        m.insert(format!("lk-{}", role.code()), c.v("role", role.code()).into());
    }
    m.insert("lk-same_person".into(), c.t("network-same-person").into());
    serde_json::Value::Object(m).to_string()
}

async fn network_page(req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !session.actor.role.works_cases() {
        return forbidden_page(&req);
    }
    let node = match query_param(&query, "node") {
        Some(raw) => match parse_uuid(&raw) {
            Some(id) => Some(id),
            None => return not_found(&req),
        },
        None => None,
    };
    let k = query_param(&query, "k").and_then(|k| k.parse::<u8>().ok()).filter(|k| (1..=4).contains(k)).unwrap_or(2);
    let (from, to) = (date_param(&query, "from"), date_param(&query, "to"));
    let mut c = take_ctx(&req);
    // Always the whole page: its script runs only on a whole-page load (enhance.js loads a whole
    // page properly when it gets one instead of a fragment).
    c.fragment = false;
    // The language form comes back here with the node.
    if let Some(id) = node {
        c.path = format!("/network?node={id}");
    }
    let strings = script_messages(&c);
    render(&NetworkPage { c, node, k, from, to, strings })
}
