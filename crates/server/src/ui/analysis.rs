//! Network analysis, for analysts and investigators: the connected networks, the key players (by
//! degree, PageRank or betweenness), the communities and the new connections between cases, in
//! what the user may see (the same answers as /api/v1/network/..., as a plain page that needs no
//! script). Every record links to its network view.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use crate::api::network::{ask, communities_of, components_of, key_players_of, notices, CommunitiesView};
use crate::api::network::{ComponentsView, ConnectionNotice, KeyPlayer};

use super::common::{error_page, render, take_ctx};
use super::forms::forbidden_page;
use super::{to_login, Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/network/analysis", get(analysis_page))
}

/// How many of each the page lists.
const SHOWN: usize = 10;
/// The measures of a key player, as the page offers them.
const MEASURES: [&str; 3] = ["degree", "pagerank", "betweenness"];

#[derive(Template)]
#[template(path = "network_analysis.html")]
struct AnalysisPage {
    c: Ctx,
    by: &'static str,
    measures: [&'static str; 3],
    components: ComponentsView,
    players: Vec<KeyPlayer>,
    communities: CommunitiesView,
    connections: Vec<ConnectionNotice>,
}

#[derive(Deserialize)]
struct AnalysisQuery {
    #[serde(default)]
    by: Option<String>,
}

async fn analysis_page(State(state): State<AppState>, req: UiRequest, Query(q): Query<AnalysisQuery>) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !session.actor.role.works_cases() {
        return forbidden_page(&req);
    }
    let by: &'static str = MEASURES.iter().copied().find(|m| q.by.as_deref() == Some(*m)).unwrap_or("degree");
    let answer = ask(&state, &session.actor, move |tx, actor, snapshot, view| {
        Ok((
            components_of(tx, actor, snapshot, view, SHOWN)?,
            key_players_of(tx, actor, snapshot, view, by, SHOWN)?,
            communities_of(tx, actor, snapshot, view, SHOWN)?,
            notices(tx, actor, snapshot, view, None, "", 20)?,
        ))
    })
    .await;
    match answer {
        Ok((components, players, communities, connections)) => render(&AnalysisPage {
            c: take_ctx(&req),
            by,
            measures: MEASURES,
            components,
            players,
            communities,
            connections,
        }),
        Err(e) => error_page(take_ctx(&req), &e),
    }
}
