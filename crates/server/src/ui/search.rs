//! The search box: find a person, phone, account or any party among those the user may see, by
//! name in any script and romanisation, phone number, ID number or date of birth, ranked by the
//! matcher with why, and where each one appears (the cases the user may open).
//!
//! A POST, like search-before-create: what was searched for never sits in an address, the tab's
//! history or a proxy's log.

use askama::Template;
use axum::extract::{Form, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use uuid::Uuid;

use counternet_store::parties;

use super::common::{csrf_page, render, take_ctx};
use super::forms::{forbidden_page, match_views, with_store, MatchView};
use super::{to_login, Ctx, UiRequest};
use crate::AppState;

/// How many results the page shows.
const LIMIT: usize = 25;

pub fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search_page).post(search_submit))
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    c: Ctx,
    q: String,
    searched: bool,
    results: Vec<MatchView>,
}

#[derive(Deserialize)]
struct SearchForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    q: String,
}

async fn search_page(State(_state): State<AppState>, req: UiRequest) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !session.actor.role.works_cases() {
        return forbidden_page(&req);
    }
    render(&SearchPage { c: take_ctx(&req), q: String::new(), searched: false, results: Vec::new() })
}

async fn search_submit(State(state): State<AppState>, req: UiRequest, Form(form): Form<SearchForm>) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !req.csrf_ok(&form.csrf) {
        return csrf_page(take_ctx(&req));
    }
    if !session.actor.role.works_cases() {
        return forbidden_page(&req);
    }
    let q: String = form.q.trim().chars().take(200).collect();
    if q.chars().count() < 2 {
        return render(&SearchPage { c: take_ctx(&req), q, searched: false, results: Vec::new() });
    }
    let actor = session.actor.clone();
    let matcher = state.matcher.clone();
    let query = q.clone();
    let found = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            let ranked = matcher.search(tx, &actor, &query, LIMIT)?;
            let text = parties::search(tx, &actor, &query, LIMIT as i64)?;
            let mut ids: Vec<Uuid> = ranked.iter().map(|f| f.party.id).chain(text.iter().map(|p| p.id)).collect();
            ids.dedup();
            let roles = parties::roles_in_visible_cases(tx, &actor, &ids)?;
            Ok((ranked, text, roles))
        })
    })
    .await;
    let (ranked, text, roles) = match found {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let mut results = match_views(&c, ranked, text, LIMIT);
    for m in &mut results {
        m.cases = roles
            .iter()
            .filter(|r| r.party_id == m.id)
            .map(|r| (r.case_id, r.reference.clone(), r.title.clone(), r.role.code()))
            .collect();
    }
    render(&SearchPage { c, q, searched: true, results })
}
