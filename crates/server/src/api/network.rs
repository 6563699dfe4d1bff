//! /api/v1/network/...: questions about the network across cases, answered from the server's
//! projection ([`crate::network`]) within the asking user's scope. Hubs (more than
//! [`HUB_DEGREE`] links) are shown and counted, never expanded or passed through, and every answer
//! says when it was capped. Names come from the store's masking reads, so survivors stay masked.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::Actor;
use counternet_intel::graph::{top_k, Filter, NodeId, KIND_BITS};
use counternet_store::error::StoreResult;
use counternet_store::network as feed;
use counternet_store::{parties, Tx};

use crate::auth::Authed;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiPath, ApiQuery};
use crate::network::{ScopedGate, Snapshot, View, CONNECTION_HOPS, HUB_DEGREE};
use crate::AppState;

/// A node of an answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetNode {
    pub id: Uuid,
    /// A party kind's code, or "case".
    pub kind: String,
    /// The party's name (masked as everywhere: a survivor's initials), a case's reference and
    /// title, or, for a node the user may reach but not see named (an analyst's view across
    /// cases), the kind and a pseudonym.
    pub label: String,
    /// Identity fields were withheld (a survivor's record).
    pub masked: bool,
    /// Shown by kind and pseudonym only.
    pub pseudonymous: bool,
    /// Hops from the node asked about (0 for it; 0 where depth means nothing).
    pub depth: u8,
    /// Links to nodes the user may reach.
    pub degree: u32,
    /// More links than the hub limit: shown, not expanded.
    pub hub: bool,
    /// Its page, when it has one the user may open.
    pub url: Option<String>,
}

/// A link between two nodes of an answer: every kind that joins them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetLink {
    pub a: Uuid,
    pub b: Uuid,
    pub kinds: Vec<String>,
    /// The earliest date of a dated link among them.
    pub from: Option<NaiveDate>,
    /// The latest.
    pub to: Option<NaiveDate>,
}

/// A link kind the network holds, for filters.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkKindView {
    pub code: String,
    pub label: String,
}

/// A hub reached and not expanded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HubView {
    pub id: Uuid,
    /// Its links to nodes the user may reach.
    pub degree: u32,
}

/// The k-hop neighbourhood of a node.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeighbourhoodView {
    pub nodes: Vec<NetNode>,
    pub links: Vec<NetLink>,
    /// More nodes lie within k hops than `cap`.
    pub truncated: bool,
    /// Nodes with more links than this are hubs.
    pub hub_degree: u32,
    pub hubs: Vec<HubView>,
    pub link_kinds: Vec<LinkKindView>,
}

/// Shortest paths between two nodes.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PathsView {
    /// Links on a shortest path; null: none within the user's scope and filters.
    pub length: Option<u32>,
    /// Each path's node ids, from `a` to `b`.
    pub paths: Vec<Vec<Uuid>>,
    /// More paths of that length exist than `limit`.
    pub truncated: bool,
    /// Hubs the search did not pass through.
    pub hubs_avoided: Vec<Uuid>,
    pub nodes: Vec<NetNode>,
    pub links: Vec<NetLink>,
}

/// One connected network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkView {
    pub size: u32,
    /// Its best-linked members (at most five).
    pub members: Vec<NetNode>,
}

/// The connected networks in what the user may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComponentsView {
    /// Nodes the user may reach.
    pub nodes: usize,
    pub links: usize,
    /// How many connected networks.
    pub count: usize,
    /// The largest, largest first, at most `limit`.
    pub largest: Vec<NetworkView>,
    /// Sizes of all networks with more than one node, largest first (at most 1,000).
    pub sizes: Vec<u32>,
}

/// A key player and its score.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct KeyPlayer {
    pub node: NetNode,
    pub score: f64,
}

/// A community and its best-linked members.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommunityView {
    pub size: u32,
    pub members: Vec<NetNode>,
}

/// Communities (Louvain) in what the user may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommunitiesView {
    pub modularity: f64,
    pub count: usize,
    pub communities: Vec<CommunityView>,
}

/// A case, as a connection names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseRef {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
}

/// Another case the network joins to this one, and through what.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseConnection {
    pub case: CaseRef,
    /// Links on the shortest path (through parties).
    pub length: u32,
    /// The path, from this case to the other.
    pub path: Vec<NetNode>,
}

/// A recorded discovery: a new record or merge joined two cases.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConnectionNotice {
    pub id: Uuid,
    pub case_a: CaseRef,
    pub case_b: CaseRef,
    /// The path when it was found, from `case_a` to `case_b`, as the user may see it now.
    pub path: Vec<NetNode>,
    /// "record" (a party's role, a link or calls) or "merge".
    pub cause: String,
    pub found_at: String,
}

fn bad(field: &str, message: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", format!("{field}: {message}")).field(field)
}

/// A stable pseudonym for a node the user may reach but not see named.
fn pseudonym(kind: &str, id: Uuid) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{} #{:06x}", kind.replace('_', " "), h & 0xff_ffff)
}

/// The user's scope over the snapshot.
fn view_of(tx: &mut Tx<'_>, actor: &Actor, snapshot: &Snapshot) -> StoreResult<View> {
    let cases = feed::visible_case_ids(tx, actor)?;
    Ok(snapshot.view(actor, &cases))
}

/// Describes nodes for the user: named through the store's scoped, masking reads; pseudonymous
/// where the user may reach but not name them.
pub(crate) fn describe(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    view: &View,
    nodes: &[(NodeId, u8)],
) -> StoreResult<Vec<NetNode>> {
    let ids: Vec<(NodeId, Uuid)> = nodes.iter().filter_map(|&(v, _)| snapshot.uuid(v).map(|u| (v, u))).collect();
    let party_ids: Vec<Uuid> =
        ids.iter().filter(|(v, _)| view.names(*v) && !snapshot.is_case(*v)).map(|(_, u)| *u).collect();
    let case_ids: Vec<Uuid> =
        ids.iter().filter(|(v, _)| view.names(*v) && snapshot.is_case(*v)).map(|(_, u)| *u).collect();
    let mut parties: HashMap<Uuid, counternet_domain::party::Party> =
        parties::visible_among(tx, actor, &party_ids)?.into_iter().map(|p| (p.id, p)).collect();
    let mut cases: HashMap<Uuid, (String, String)> =
        feed::visible_cases(tx, actor, &case_ids)?.into_iter().map(|(id, r, t)| (id, (r, t))).collect();
    // Whether the user reaches every node (then a node's degree is its degree): once, not per node.
    let reaches_all = view.reach.iter().all(|&r| r);
    let mut out = Vec::with_capacity(nodes.len());
    for &(v, depth) in nodes {
        let Some(id) = snapshot.uuid(v) else { continue };
        let kind = snapshot.kind_name(v).to_string();
        let full = snapshot.graph.degree(v);
        let degree = if reaches_all {
            full
        } else {
            snapshot.graph.neighbours(v).0.iter().filter(|&&w| view.reaches(w)).count() as u32
        };
        let mut node = NetNode {
            id,
            kind: kind.clone(),
            label: pseudonym(&kind, id),
            masked: false,
            pseudonymous: true,
            depth,
            degree,
            hub: full > HUB_DEGREE,
            url: None,
        };
        if let Some(p) = parties.remove(&id) {
            node.label = p.name;
            node.masked = p.masked;
            node.pseudonymous = false;
            if p.kind == counternet_domain::vocab::PartyKind::Person {
                node.url = Some(format!("/people/{id}"));
            }
        } else if let Some((reference, title)) = cases.remove(&id) {
            node.label = format!("{reference} {title}");
            node.pseudonymous = false;
            node.url = Some(format!("/cases/{id}"));
        }
        out.push(node);
    }
    Ok(out)
}

/// The links among `nodes` that `filter` and `gate` let through.
fn links_among(snapshot: &Snapshot, nodes: &[NodeId], filter: &Filter, gate: &ScopedGate<'_>) -> Vec<NetLink> {
    use counternet_intel::graph::Gate;
    let set: std::collections::HashSet<NodeId> = nodes.iter().copied().collect();
    let names = snapshot.graph.link_kinds();
    let mut out = Vec::new();
    for &u in nodes {
        let (targets, masks) = snapshot.graph.neighbours(u);
        for (&w, &m) in targets.iter().zip(masks) {
            if w <= u || !set.contains(&w) {
                continue;
            }
            let kinds = m & KIND_BITS & filter.link_kinds;
            if kinds == 0 || !gate.link(u, w, m) {
                continue;
            }
            let (Some(a), Some(b)) = (snapshot.uuid(u), snapshot.uuid(w)) else { continue };
            let (from, to) = snapshot.link_dates(u, w, kinds);
            let kinds =
                (0..names.len()).filter(|&k| kinds & (1 << k) != 0).filter_map(|k| names.get(k).cloned()).collect();
            out.push(NetLink { a, b, kinds, from, to });
        }
    }
    out
}

fn link_kinds(snapshot: &Snapshot) -> Vec<LinkKindView> {
    let mut out: Vec<LinkKindView> = snapshot
        .graph
        .link_kinds()
        .iter()
        .map(|code| {
            let spaced = code.replace('_', " ");
            let mut chars = spaced.chars();
            let label = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            LinkKindView { code: code.clone(), label }
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// Filters shared by the traversals.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Filters {
    /// Link kinds to follow, comma-separated (default: all).
    pub kinds: Option<String>,
    /// Follow only links dated on or after this day (undated links are always followed).
    pub from: Option<NaiveDate>,
    /// Follow only links dated on or before this day.
    pub to: Option<NaiveDate>,
}

impl Filters {
    fn mask(&self, snapshot: &Snapshot) -> Result<u32, ApiError> {
        let Some(kinds) = self.kinds.as_deref().filter(|k| !k.trim().is_empty()) else { return Ok(KIND_BITS) };
        let mut mask = 0;
        for code in kinds.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            if !known_link_kind(code) {
                return Err(bad("kinds", "unknown link kind (see the vocabularies, a case role or same_person)"));
            }
            // A kind no link has yet matches nothing.
            mask |= snapshot.graph.link_kind_mask(&[code]);
        }
        Ok(mask)
    }

    fn dates(&self) -> Result<Option<(i32, i32)>, ApiError> {
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if f > t {
                return Err(bad("from", "the range starts after it ends"));
            }
        }
        if self.from.is_none() && self.to.is_none() {
            return Ok(None);
        }
        let lo = self.from.map_or(i32::MIN, |d| d.num_days_from_ce());
        let hi = self.to.map_or(i32::MAX, |d| d.num_days_from_ce());
        Ok(Some((lo, hi)))
    }
}

fn known_link_kind(code: &str) -> bool {
    counternet_domain::vocab::LinkKind::from_code(code).is_some()
        || crate::network::ROLE_KINDS.contains(&code)
        || code == feed::SAME_PERSON
}

/// Runs a question on the current projection with the user's view, off the async threads.
pub(crate) async fn ask<T, F>(state: &AppState, actor: &Actor, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Tx<'_>, &Actor, &Snapshot, &View) -> Result<T, ApiError> + Send + 'static,
{
    if !actor.role.works_cases() {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "your role does not work with cases"));
    }
    let actor = actor.clone();
    let network = state.network.clone();
    crate::blocking(state, move |store| {
        let snapshot: Arc<Snapshot> = network.refresh(store)?;
        let mut answer = None;
        store.read(Some(&actor), |tx| {
            let view = view_of(tx, &actor, &snapshot)?;
            answer = Some(f(tx, &actor, &snapshot, &view));
            Ok(())
        })?;
        answer.unwrap_or_else(|| Err(ApiError::not_found()))
    })
    .await
}

/// A node the user may reach, or 404 (exactly as if it did not exist).
fn reachable(snapshot: &Snapshot, view: &View, id: Uuid) -> Result<NodeId, ApiError> {
    snapshot.node(id).filter(|&v| view.reaches(v)).ok_or_else(ApiError::not_found)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct HoodQuery {
    /// A party's or a case's id.
    pub node: Uuid,
    /// Hops, 1 to 4 (default 2).
    pub k: Option<u8>,
    /// At most this many nodes (1 to 2,000; default 300).
    pub cap: Option<usize>,
    /// Link kinds to follow, comma-separated (default: all).
    pub kinds: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The k-hop neighbourhood of a party or case in what the user may see: nodes (named, masked or
/// pseudonymous), the links among them, hubs reached and not expanded, and whether the cap cut it.
#[utoipa::path(get, path = "/api/v1/network/neighbourhood", tag = "network", params(HoodQuery),
    responses((status = 200, body = NeighbourhoodView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn neighbourhood(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<HoodQuery>,
) -> ApiResult<Json<NeighbourhoodView>> {
    let k = q.k.unwrap_or(2);
    if !(1..=4).contains(&k) {
        return Err(bad("k", "must be 1 to 4"));
    }
    let cap = q.cap.unwrap_or(300);
    if !(1..=2000).contains(&cap) {
        return Err(bad("cap", "must be 1 to 2000"));
    }
    let filters = Filters { kinds: q.kinds, from: q.from, to: q.to };
    let dates = filters.dates()?;
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        let source = reachable(snapshot, view, q.node)?;
        let filter = Filter { link_kinds: filters.mask(snapshot)?, ..Filter::with_hubs(HUB_DEGREE) };
        let gate = ScopedGate { snapshot, view: Some(view), dates, kinds: filter.link_kinds, stop_at_cases: false };
        let hood = snapshot.graph.neighbourhood_gated(source, k, &filter, cap, &gate);
        let nodes: Vec<(NodeId, u8)> = hood.nodes.iter().map(|r| (r.node, r.depth)).collect();
        let ids: Vec<NodeId> = nodes.iter().map(|n| n.0).collect();
        let described = describe(tx, actor, snapshot, view, &nodes)?;
        let hubs = hood
            .hubs
            .iter()
            .filter_map(|h| {
                let degree = described.iter().find(|n| Some(n.id) == snapshot.uuid(h.node)).map(|n| n.degree)?;
                Some(HubView { id: snapshot.uuid(h.node)?, degree })
            })
            .collect();
        Ok(NeighbourhoodView {
            links: links_among(snapshot, &ids, &filter, &gate),
            nodes: described,
            truncated: hood.truncated,
            hub_degree: HUB_DEGREE,
            hubs,
            link_kinds: link_kinds(snapshot),
        })
    })
    .await?;
    Ok(Json(answer))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PathsQuery {
    pub a: Uuid,
    pub b: Uuid,
    /// At most this many paths (1 to 50; default 5), all of the shortest length.
    pub limit: Option<usize>,
    pub kinds: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The shortest paths between two parties or cases in what the user may see (all of equal length,
/// up to `limit`), never through a hub.
#[utoipa::path(get, path = "/api/v1/network/paths", tag = "network", params(PathsQuery),
    responses((status = 200, body = PathsView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn paths(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<PathsQuery>,
) -> ApiResult<Json<PathsView>> {
    let limit = q.limit.unwrap_or(5);
    if !(1..=50).contains(&limit) {
        return Err(bad("limit", "must be 1 to 50"));
    }
    let filters = Filters { kinds: q.kinds, from: q.from, to: q.to };
    let dates = filters.dates()?;
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        let (a, b) = (reachable(snapshot, view, q.a)?, reachable(snapshot, view, q.b)?);
        let filter = Filter { link_kinds: filters.mask(snapshot)?, ..Filter::with_hubs(HUB_DEGREE) };
        let gate = ScopedGate { snapshot, view: Some(view), dates, kinds: filter.link_kinds, stop_at_cases: false };
        let found = snapshot.graph.shortest_paths_gated(a, b, &filter, limit, &gate);
        let mut on_paths: Vec<NodeId> = found.paths.iter().flatten().copied().collect();
        on_paths.sort_unstable();
        on_paths.dedup();
        let nodes: Vec<(NodeId, u8)> = on_paths.iter().map(|&v| (v, 0)).collect();
        let uuid = |v: &NodeId| snapshot.uuid(*v);
        Ok(PathsView {
            length: found.length,
            paths: found.paths.iter().map(|p| p.iter().filter_map(uuid).collect()).collect(),
            truncated: found.truncated,
            hubs_avoided: found.hubs_avoided.iter().filter(|&&v| view.reaches(v)).filter_map(uuid).collect(),
            links: path_links(snapshot, &found.paths, &filter, &gate),
            nodes: describe(tx, actor, snapshot, view, &nodes)?,
        })
    })
    .await?;
    Ok(Json(answer))
}

/// The links along paths (each pair of consecutive nodes once).
fn path_links(snapshot: &Snapshot, paths: &[Vec<NodeId>], filter: &Filter, gate: &ScopedGate<'_>) -> Vec<NetLink> {
    let mut out: Vec<NetLink> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        for w in p.windows(2) {
            if let [u, v] = *w {
                if seen.insert((u.min(v), u.max(v))) {
                    out.extend(links_among(snapshot, &[u, v], filter, gate));
                }
            }
        }
    }
    out
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TopQuery {
    /// At most this many (1 to 100; default 20).
    pub limit: Option<usize>,
    /// For key players: degree, pagerank or betweenness (default degree).
    pub by: Option<String>,
}

fn top_limit(q: &TopQuery) -> Result<usize, ApiError> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(bad("limit", "must be 1 to 100"));
    }
    Ok(limit)
}

/// The best-linked `k` of `members` (original node ids), by degree in the subgraph.
fn best_linked(sub: &counternet_intel::graph::Induced, members: &[NodeId], k: usize) -> Vec<(NodeId, u8)> {
    let mut m: Vec<(u32, NodeId)> = members.iter().map(|&v| (sub.graph.degree(v), v)).collect();
    m.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    m.iter().take(k).filter_map(|&(_, v)| sub.original.get(v as usize).map(|&o| (o, 0))).collect()
}

/// Groups of a membership vector (groups numbered 0.. largest first), at most `limit` groups.
fn groups(membership: &[u32], limit: usize) -> Vec<Vec<NodeId>> {
    let mut out: Vec<Vec<NodeId>> = vec![Vec::new(); limit];
    for (v, &g) in membership.iter().enumerate() {
        if let Some(list) = out.get_mut(g as usize) {
            list.push(v as NodeId);
        }
    }
    out.retain(|g| !g.is_empty());
    out
}

/// The connected networks in what the user may see, largest first, with their best-linked members.
#[utoipa::path(get, path = "/api/v1/network/components", tag = "network", params(TopQuery),
    responses((status = 200, body = ComponentsView), (status = 422, body = ErrorBody)))]
pub async fn components(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<TopQuery>,
) -> ApiResult<Json<ComponentsView>> {
    let limit = top_limit(&q)?;
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        Ok(components_of(tx, actor, snapshot, view, limit)?)
    })
    .await?;
    Ok(Json(answer))
}

/// Key players in what the user may see: by degree (distinct neighbours), PageRank (20 rounds) or
/// betweenness (estimated from up to 256 sources, seeded, so the same network answers the same).
#[utoipa::path(get, path = "/api/v1/network/key-players", tag = "network", params(TopQuery),
    responses((status = 200, body = Vec<KeyPlayer>), (status = 422, body = ErrorBody)))]
pub async fn key_players(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<TopQuery>,
) -> ApiResult<Json<Vec<KeyPlayer>>> {
    let limit = top_limit(&q)?;
    let by = q.by.clone().unwrap_or_else(|| "degree".into());
    if !["degree", "pagerank", "betweenness"].contains(&by.as_str()) {
        return Err(bad("by", "must be degree, pagerank or betweenness"));
    }
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        Ok(key_players_of(tx, actor, snapshot, view, &by, limit)?)
    })
    .await?;
    Ok(Json(answer))
}

/// Communities (Louvain, seeded) in what the user may see, largest first, with their best-linked
/// members and the partition's modularity.
#[utoipa::path(get, path = "/api/v1/network/communities", tag = "network", params(TopQuery),
    responses((status = 200, body = CommunitiesView), (status = 422, body = ErrorBody)))]
pub async fn communities(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<TopQuery>,
) -> ApiResult<Json<CommunitiesView>> {
    let limit = top_limit(&q)?;
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        Ok(communities_of(tx, actor, snapshot, view, limit)?)
    })
    .await?;
    Ok(Json(answer))
}

/// The connected networks in what the user may see (see [`components`]).
pub fn components_of(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    view: &View,
    limit: usize,
) -> StoreResult<ComponentsView> {
    let sub = snapshot.graph.induced(&view.reach);
    let c = sub.graph.components();
    let mut largest = Vec::new();
    for (members, &size) in groups(&c.membership, limit).iter().zip(&c.sizes) {
        let members = describe(tx, actor, snapshot, view, &best_linked(&sub, members, 5))?;
        largest.push(NetworkView { size, members });
    }
    Ok(ComponentsView {
        nodes: sub.graph.node_count(),
        links: sub.graph.link_count(),
        count: c.sizes.len(),
        largest,
        sizes: c.sizes.iter().copied().filter(|&s| s > 1).take(1000).collect(),
    })
}

/// Key players in what the user may see, by "degree", "pagerank" or "betweenness".
pub fn key_players_of(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    view: &View,
    by: &str,
    limit: usize,
) -> StoreResult<Vec<KeyPlayer>> {
    let sub = snapshot.graph.induced(&view.reach);
    let scores: Vec<f64> = match by {
        "pagerank" => sub.graph.pagerank(20, 0.85),
        "betweenness" => sub.graph.betweenness_sampled(256, 7),
        _ => sub.graph.degrees().into_iter().map(f64::from).collect(),
    };
    let top = top_k(&scores, limit);
    let nodes: Vec<(NodeId, u8)> =
        top.iter().filter_map(|&(v, _)| sub.original.get(v as usize).map(|&o| (o, 0))).collect();
    let described = describe(tx, actor, snapshot, view, &nodes)?;
    Ok(described
        .into_iter()
        .zip(top)
        .map(|(node, (_, score))| KeyPlayer { node, score: (score * 1e6).round() / 1e6 })
        .collect())
}

/// Communities (Louvain, seeded) in what the user may see.
pub fn communities_of(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    view: &View,
    limit: usize,
) -> StoreResult<CommunitiesView> {
    let sub = snapshot.graph.induced(&view.reach);
    let found = sub.graph.louvain(1);
    let mut communities = Vec::new();
    for (members, &size) in groups(&found.membership, limit).iter().zip(&found.sizes) {
        let members = describe(tx, actor, snapshot, view, &best_linked(&sub, members, 5))?;
        communities.push(CommunityView { size, members });
    }
    Ok(CommunitiesView { modularity: (found.modularity * 1e4).round() / 1e4, count: found.sizes.len(), communities })
}

/// The other cases the user may see that the network joins to `case` (through parties, at most
/// [`CONNECTION_HOPS`] links, never through a third case), nearest first, each with a shortest path.
pub fn case_connections(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    view: &View,
    case: Uuid,
) -> Result<Vec<CaseConnection>, ApiError> {
    let c = snapshot.node(case).filter(|&v| view.names(v) && snapshot.is_case(v)).ok_or_else(ApiError::not_found)?;
    let filter = Filter::with_hubs(HUB_DEGREE);
    let gate = ScopedGate { snapshot, view: Some(view), dates: None, kinds: KIND_BITS, stop_at_cases: true };
    let hood = snapshot.graph.neighbourhood_gated(c, CONNECTION_HOPS as u8, &filter, 20_000, &gate);
    let others: Vec<NodeId> = hood
        .nodes
        .iter()
        .map(|r| r.node)
        .filter(|&v| v != c && snapshot.is_case(v) && view.names(v))
        .take(50)
        .collect();
    let refs = case_refs(tx, actor, snapshot, &others)?;
    let mut out = Vec::new();
    for other in others {
        let Some(case) = snapshot.uuid(other).and_then(|u| refs.get(&u).cloned()) else { continue };
        let found = snapshot.graph.shortest_paths_gated(c, other, &filter, 1, &gate);
        let (Some(length), Some(path)) = (found.length, found.paths.first()) else { continue };
        let nodes: Vec<(NodeId, u8)> = path.iter().map(|&v| (v, 0)).collect();
        out.push(CaseConnection { case, length, path: describe(tx, actor, snapshot, view, &nodes)? });
    }
    out.sort_by(|a, b| a.length.cmp(&b.length).then(a.case.reference.cmp(&b.case.reference)));
    Ok(out)
}

fn case_refs(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    nodes: &[NodeId],
) -> StoreResult<HashMap<Uuid, CaseRef>> {
    let ids: Vec<Uuid> = nodes.iter().filter_map(|&v| snapshot.uuid(v)).collect();
    Ok(feed::visible_cases(tx, actor, &ids)?
        .into_iter()
        .map(|(id, reference, title)| (id, CaseRef { id, reference, title }))
        .collect())
}

/// The connections recorded between cases the user may both see (of `case`, when given), newest
/// first, each path as the user may see it now.
pub fn notices(
    tx: &mut Tx<'_>,
    actor: &Actor,
    snapshot: &Snapshot,
    view: &View,
    case: Option<Uuid>,
    since: &str,
    limit: i64,
) -> StoreResult<Vec<ConnectionNotice>> {
    let found = feed::connections(tx, actor, case, since, limit)?;
    let ends: Vec<NodeId> = found.iter().flat_map(|c| [c.case_a, c.case_b]).filter_map(|u| snapshot.node(u)).collect();
    let refs = case_refs(tx, actor, snapshot, &ends)?;
    let mut out = Vec::new();
    for c in found {
        let (Some(a), Some(b)) = (refs.get(&c.case_a).cloned(), refs.get(&c.case_b).cloned()) else { continue };
        let nodes: Vec<(NodeId, u8)> = c.path.iter().filter_map(|&u| snapshot.node(u)).map(|v| (v, 0)).collect();
        out.push(ConnectionNotice {
            id: c.id,
            case_a: a,
            case_b: b,
            path: describe(tx, actor, snapshot, view, &nodes)?,
            cause: c.cause,
            found_at: c.found_at,
        });
    }
    Ok(out)
}

/// The cases the network joins to this one, and through what (see [`case_connections`]).
#[utoipa::path(get, path = "/api/v1/cases/{id}/connections", tag = "network", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<CaseConnection>), (status = 404, body = ErrorBody)))]
pub async fn connections_of_case(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<CaseConnection>>> {
    let answer =
        ask(&state, auth.actor(), move |tx, actor, snapshot, view| case_connections(tx, actor, snapshot, view, id))
            .await?;
    Ok(Json(answer))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoticeQuery {
    /// Only those of this case.
    pub case: Option<Uuid>,
    /// At most this many (1 to 100; default 20).
    pub limit: Option<i64>,
}

/// New connections between cases the user may both see, as the server found them (a new record,
/// link, calls or a merge joined them), newest first, with the path.
#[utoipa::path(get, path = "/api/v1/network/connections", tag = "network", params(NoticeQuery),
    responses((status = 200, body = Vec<ConnectionNotice>), (status = 422, body = ErrorBody)))]
pub async fn recorded_connections(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<NoticeQuery>,
) -> ApiResult<Json<Vec<ConnectionNotice>>> {
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(bad("limit", "must be 1 to 100"));
    }
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        Ok(notices(tx, actor, snapshot, view, q.case, "", limit)?)
    })
    .await?;
    Ok(Json(answer))
}

/// Brings the projection up to date (recording any new connection) and returns the connections
/// recorded between cases `actor` may both see (of `case`, when given), newest first. For the home
/// and case pages; roles that do not work cases get none.
pub fn notices_now(
    store: &counternet_store::Store,
    network: &crate::network::Network,
    actor: &Actor,
    case: Option<Uuid>,
    limit: i64,
) -> StoreResult<Vec<ConnectionNotice>> {
    if !actor.role.works_cases() {
        return Ok(Vec::new());
    }
    let snapshot = network.refresh(store)?;
    store.read(Some(actor), |tx| {
        let view = view_of(tx, actor, &snapshot)?;
        notices(tx, actor, &snapshot, &view, case, "", limit)
    })
}
