//! The network projection inside the server (issue 6, docs/decisions/0015-network-in-the-server.md):
//! every party and case as a node of the intel crate's compressed graph, every link, role and merge
//! as an edge, built from the store at start and kept current from the feed of rows created since
//! the last read. Queries run on the projection, never on the database; the database is asked only
//! for the ids of the cases a user may see (their scope) and for the labels of the nodes an answer
//! returns, through the same scoped, masking reads as everywhere else.
//!
//! # Scope
//! A user reaches (and is answered with) only the nodes they may see, computed in memory the way
//! the store's scope predicates say: cases on their team (a manager: their organisation's), the
//! parties with a role in those, the parties they recorded (a manager: the organisation's). An
//! analyst works across cases: they reach every node of their organisation, named only where the
//! scope above says so and pseudonymous elsewhere (a kind and a stable pseudonym, never a name).
//!
//! # New connections between cases
//! After each change, the cases within [`CONNECTION_HOPS`] of the new links' ends (passing through
//! parties, never through another case) are paired, and each pair of one organisation's cases that
//! the network now joins, and that has not been recorded before, is recorded with its path
//! ([`counternet_store::network::record_connection`]). At start the same runs from every case, so
//! what changed while no server ran is found too.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use counternet_domain::Actor;
use counternet_intel::graph::{Filter, Gate, Graph, GraphBuilder, NodeId};
use counternet_store::error::StoreResult;
use counternet_store::network::{self as feed, FeedLink, NewConnection, CASE_KIND, SAME_PERSON};
use counternet_store::{Store, Tx};

/// How far back each sync looks again, for transactions that committed after a later one.
const SYNC_MARGIN_SECONDS: i64 = 120;
/// A node with more links than this is a hub: shown, counted, not expanded (issue 6).
pub const HUB_DEGREE: u32 = 200;
/// Two cases are connected when a path of at most this many links, through parties only, joins them.
pub const CONNECTION_HOPS: u32 = 4;
/// The most pairs of cases one sync examines.
const MAX_CANDIDATES: usize = 5_000;
/// The case-role link kinds (a party's part in a case).
pub const ROLE_KINDS: [&str; 6] = ["victim", "perpetrator", "witness", "guardian", "informant", "subject"];

struct NodeMeta {
    kind: String,
    org: String,
    created_by: String,
}

#[derive(Default)]
struct Loaded {
    nodes: HashMap<String, NodeMeta>,
    links: HashMap<String, FeedLink>,
    /// When the last sync read (the next reads from a margin before it).
    cursor: Option<DateTime<Utc>>,
    /// Pairs of cases already recorded (or found recorded) as connected.
    connected: HashSet<(Uuid, Uuid)>,
    /// Connections found and not yet written.
    pending: Vec<NewConnection>,
    generation: u64,
}

/// A link's kind bit and its dates (days from the common era; `None`: an open end or undated).
type DatedLink = (u32, Option<i32>, Option<i32>);

/// One built projection: the graph and what scope and date filters need per node and link.
pub struct Snapshot {
    pub graph: Graph,
    pub generation: u64,
    org: Vec<u32>,
    orgs: HashMap<String, u32>,
    creators: HashMap<String, u32>,
    by_creator: HashMap<u32, Vec<NodeId>>,
    by_org: HashMap<u32, Vec<NodeId>>,
    case_kind: Option<u8>,
    role_mask: u32,
    /// For each pair of nodes (smaller first) with a dated link: every link's kind bit and dates
    /// (days from the common era; `None` for an open end or an undated link).
    dates: HashMap<(NodeId, NodeId), Vec<DatedLink>>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("nodes", &self.graph.node_count()).finish_non_exhaustive()
    }
}

fn day(s: &str) -> Option<i32> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok().map(|d| d.num_days_from_ce())
}

fn pair(u: NodeId, v: NodeId) -> (NodeId, NodeId) {
    if u <= v {
        (u, v)
    } else {
        (v, u)
    }
}

impl Snapshot {
    fn build(l: &Loaded, generation: u64) -> Snapshot {
        let mut b = GraphBuilder::new();
        let mut ids: Vec<&String> = l.nodes.keys().collect();
        ids.sort();
        for id in ids {
            if let Some(meta) = l.nodes.get(id) {
                // The vocabularies hold far fewer kinds than the projection's limit.
                let _ = b.add_node(id, &meta.kind);
            }
        }
        let mut links: Vec<&FeedLink> = l.links.values().filter(|x| x.active).collect();
        links.sort_by(|x, y| x.id.cmp(&y.id));
        for x in &links {
            let _ = b.add_link(&x.a, &x.b, &x.kind, x.directed);
        }
        let graph = b.build();
        let n = graph.node_count();
        let mut orgs = HashMap::new();
        let mut creators = HashMap::new();
        let mut org = Vec::with_capacity(n);
        let mut by_creator: HashMap<u32, Vec<NodeId>> = HashMap::new();
        let mut by_org: HashMap<u32, Vec<NodeId>> = HashMap::new();
        for v in 0..n as NodeId {
            let meta = graph.id(v).and_then(|id| l.nodes.get(id));
            let (o, c) = match meta {
                Some(m) => {
                    let next = orgs.len() as u32;
                    let o = *orgs.entry(m.org.clone()).or_insert(next);
                    let next = creators.len() as u32;
                    (o, *creators.entry(m.created_by.clone()).or_insert(next))
                }
                None => (u32::MAX, u32::MAX),
            };
            org.push(o);
            if meta.is_some() {
                by_org.entry(o).or_default().push(v);
                by_creator.entry(c).or_default().push(v);
            }
        }
        let case_kind = graph.node_kinds().iter().position(|k| k == CASE_KIND).map(|i| i as u8);
        let role_mask = graph.link_kind_mask(&ROLE_KINDS);
        let node = |id: &str| graph.node(id);
        let mut dated: HashSet<(NodeId, NodeId)> = HashSet::new();
        for x in &links {
            if x.starts_on.is_some() || x.ends_on.is_some() {
                if let (Some(u), Some(v)) = (node(&x.a), node(&x.b)) {
                    dated.insert(pair(u, v));
                }
            }
        }
        let mut dates: HashMap<(NodeId, NodeId), Vec<DatedLink>> = HashMap::new();
        if !dated.is_empty() {
            for x in &links {
                if let (Some(u), Some(v)) = (node(&x.a), node(&x.b)) {
                    if dated.contains(&pair(u, v)) {
                        let bit = graph.link_kind_mask(&[x.kind.as_str()]);
                        let from = x.starts_on.as_deref().and_then(day);
                        let to = x.ends_on.as_deref().and_then(day);
                        dates.entry(pair(u, v)).or_default().push((bit, from, to));
                    }
                }
            }
        }
        Snapshot { graph, generation, org, orgs, creators, by_creator, by_org, case_kind, role_mask, dates }
    }

    /// Is `v` a case?
    pub fn is_case(&self, v: NodeId) -> bool {
        self.case_kind.is_some() && self.graph.kind(v) == self.case_kind
    }

    /// A node's kind's name.
    pub fn kind_name(&self, v: NodeId) -> &str {
        self.graph.kind(v).and_then(|k| self.graph.node_kinds().get(usize::from(k))).map_or("unknown", |s| s)
    }

    /// The node of a party or case id.
    pub fn node(&self, id: Uuid) -> Option<NodeId> {
        self.graph.node(&id.to_string())
    }

    /// A node's id.
    pub fn uuid(&self, v: NodeId) -> Option<Uuid> {
        self.graph.id(v).and_then(|s| Uuid::parse_str(s).ok())
    }

    fn same_org(&self, u: NodeId, v: NodeId) -> bool {
        let (a, b) = (self.org.get(u as usize), self.org.get(v as usize));
        a.is_some() && a == b && a != Some(&u32::MAX)
    }

    /// The dates of the links between `u` and `v` whose kinds are in `kinds`: the earliest start and
    /// the latest end (as written), when any has one.
    pub fn link_dates(&self, u: NodeId, v: NodeId, kinds: u32) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let Some(entries) = self.dates.get(&pair(u, v)) else { return (None, None) };
        let from = entries.iter().filter(|e| e.0 & kinds != 0).filter_map(|e| e.1).min();
        let to = entries.iter().filter(|e| e.0 & kinds != 0).filter_map(|e| e.2).max();
        let date = |d: i32| NaiveDate::from_num_days_from_ce_opt(d);
        (from.and_then(date), to.and_then(date))
    }

    /// What `actor` may reach and what they may see named (see the module's "Scope"), given the
    /// ids of the cases their scope holds.
    pub fn view(&self, actor: &Actor, visible_cases: &[String]) -> View {
        let n = self.graph.node_count();
        let mut named = vec![false; n];
        if actor.role.works_cases() {
            for case in visible_cases {
                let Some(c) = self.graph.node(case) else { continue };
                if let Some(x) = named.get_mut(c as usize) {
                    *x = true;
                }
                let (targets, masks) = self.graph.neighbours(c);
                for (&w, &m) in targets.iter().zip(masks) {
                    if m & self.role_mask != 0 {
                        if let Some(x) = named.get_mut(w as usize) {
                            *x = true;
                        }
                    }
                }
            }
            let mut mark = |list: Option<&Vec<NodeId>>| {
                for &v in list.into_iter().flatten() {
                    if let Some(x) = named.get_mut(v as usize) {
                        *x = true;
                    }
                }
            };
            mark(self.creators.get(&actor.user_id.to_string()).and_then(|c| self.by_creator.get(c)));
            if actor.role.sees_whole_organisation() {
                mark(self.orgs.get(&actor.org_id.to_string()).and_then(|o| self.by_org.get(o)));
            }
        }
        let mut reach = named.clone();
        if actor.role == counternet_domain::Role::Analyst {
            for &v in self.orgs.get(&actor.org_id.to_string()).and_then(|o| self.by_org.get(o)).into_iter().flatten() {
                if let Some(x) = reach.get_mut(v as usize) {
                    *x = true;
                }
            }
        }
        View { reach, named }
    }
}

/// What one user may reach in a snapshot, and which of those nodes they may see named.
#[derive(Debug, Clone)]
pub struct View {
    pub reach: Vec<bool>,
    pub named: Vec<bool>,
}

impl View {
    pub fn reaches(&self, v: NodeId) -> bool {
        self.reach.get(v as usize).copied().unwrap_or(false)
    }
    pub fn names(&self, v: NodeId) -> bool {
        self.named.get(v as usize).copied().unwrap_or(false)
    }
}

/// A user's scope, a date range and the link kinds asked for, as a traversal gate.
pub struct ScopedGate<'a> {
    pub snapshot: &'a Snapshot,
    /// `None`: every node (the server's own connection search).
    pub view: Option<&'a View>,
    /// Days from the common era, inclusive; links dated wholly outside are not followed (undated
    /// links always are).
    pub dates: Option<(i32, i32)>,
    pub kinds: u32,
    /// Cases are reached but not passed through.
    pub stop_at_cases: bool,
}

impl Gate for ScopedGate<'_> {
    fn node(&self, v: NodeId) -> bool {
        self.view.is_none_or(|view| view.reaches(v))
    }
    fn expand(&self, v: NodeId) -> bool {
        !(self.stop_at_cases && self.snapshot.is_case(v))
    }
    fn link(&self, u: NodeId, v: NodeId, _mask: u32) -> bool {
        let Some((lo, hi)) = self.dates else { return true };
        let Some(entries) = self.snapshot.dates.get(&pair(u, v)) else { return true };
        entries.iter().any(|&(bit, from, to)| {
            bit & self.kinds != 0
                && match (from, to) {
                    (None, None) => true,
                    (f, t) => f.is_none_or(|f| f <= hi) && t.or(f).is_none_or(|t| t >= lo),
                }
        })
    }
}

/// The projection and its sync state, shared by the handlers.
pub struct Network {
    state: Mutex<Loaded>,
    snapshot: RwLock<Option<Arc<Snapshot>>>,
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network").finish_non_exhaustive()
    }
}

impl Default for Network {
    fn default() -> Self {
        Network::new()
    }
}

impl Network {
    pub fn new() -> Network {
        Network { state: Mutex::new(Loaded::default()), snapshot: RwLock::new(None) }
    }

    /// Brings the projection up to date from the store (rows created since the last read, with a
    /// margin) and looks for new connections between cases; the current snapshot.
    pub fn sync(&self, tx: &mut Tx<'_>) -> StoreResult<Arc<Snapshot>> {
        let mut l = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let first = l.cursor.is_none();
        let since = match l.cursor {
            Some(at) => counternet_store::clock::fmt_time(at - chrono::Duration::seconds(SYNC_MARGIN_SECONDS)),
            None => String::new(),
        };
        let read_at = tx.now;
        let rows = feed::feed(tx, &since)?;
        if first {
            for (a, b) in feed::connected_pairs(tx)? {
                l.connected.insert((a, b));
            }
        }
        let mut changed = first;
        for n in rows.nodes {
            let known = l.nodes.get(&n.id).is_some_and(|m| m.kind == n.kind);
            if !known {
                changed = true;
                l.nodes.insert(n.id, NodeMeta { kind: n.kind, org: n.org_id, created_by: n.created_by });
            }
        }
        let mut touched: Vec<FeedLink> = Vec::new();
        for x in rows.links {
            if l.links.get(&x.id) == Some(&x) {
                continue;
            }
            changed = true;
            if x.active {
                touched.push(x.clone());
            }
            l.links.insert(x.id.clone(), x);
        }
        l.cursor = Some(read_at);
        let current = self.snapshot.read().unwrap_or_else(|p| p.into_inner()).clone();
        let snapshot = match current {
            Some(s) if !changed => s,
            _ => {
                l.generation += 1;
                let s = Arc::new(Snapshot::build(&l, l.generation));
                *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Some(s.clone());
                s
            }
        };
        if changed {
            let found =
                if first { connections_from_every_case(&snapshot) } else { connections_near(&snapshot, &touched) };
            for (a, b, path, cause) in found {
                let key = if a <= b { (a, b) } else { (b, a) };
                if l.connected.insert(key) {
                    let org_id = snapshot
                        .node(a)
                        .and_then(|v| snapshot.org.get(v as usize))
                        .and_then(|&o| snapshot.orgs.iter().find(|(_, &i)| i == o))
                        .and_then(|(s, _)| Uuid::parse_str(s).ok());
                    if let Some(org_id) = org_id {
                        l.pending.push(NewConnection { org_id, case_a: a, case_b: b, path, cause });
                    }
                }
            }
        }
        Ok(snapshot)
    }

    /// Syncs, then writes the connections found (one audited transaction per organisation, by its
    /// system actor); the current snapshot. What could not be written is tried again next time.
    pub fn refresh(&self, store: &Store) -> StoreResult<Arc<Snapshot>> {
        let snapshot = store.read(None, |tx| self.sync(tx))?;
        let pending = std::mem::take(&mut self.state.lock().unwrap_or_else(|p| p.into_inner()).pending);
        let mut by_org: HashMap<Uuid, Vec<NewConnection>> = HashMap::new();
        for c in pending {
            by_org.entry(c.org_id).or_default().push(c);
        }
        let mut failed = Vec::new();
        for (org, found) in by_org {
            let actor = Actor::system(org);
            let written = store.write(Some(&actor), |tx| {
                for c in &found {
                    feed::record_connection(tx, c)?;
                }
                Ok(())
            });
            if let Err(e) = written {
                tracing::warn!(error = %e, "connections between cases were not recorded; they are tried again");
                failed.extend(found);
            }
        }
        if !failed.is_empty() {
            let mut l = self.state.lock().unwrap_or_else(|p| p.into_inner());
            for c in &failed {
                let key = if c.case_a <= c.case_b { (c.case_a, c.case_b) } else { (c.case_b, c.case_a) };
                l.connected.remove(&key);
            }
            l.pending.extend(failed);
        }
        Ok(snapshot)
    }
}

type Found = (Uuid, Uuid, Vec<Uuid>, &'static str);

/// The gate of the server's own connection search: every node, not through cases.
fn connection_gate(snapshot: &Snapshot) -> ScopedGate<'_> {
    ScopedGate { snapshot, view: None, dates: None, kinds: u32::MAX, stop_at_cases: true }
}

/// The cases within [`CONNECTION_HOPS`] of `v`, through parties only (`v` itself left out).
fn cases_near(snapshot: &Snapshot, v: NodeId) -> Vec<NodeId> {
    let gate = connection_gate(snapshot);
    let hood =
        snapshot.graph.neighbourhood_gated(v, CONNECTION_HOPS as u8, &Filter::with_hubs(HUB_DEGREE), 20_000, &gate);
    hood.nodes.iter().map(|r| r.node).filter(|&w| w != v && snapshot.is_case(w)).collect()
}

/// The shortest path (through parties) between two cases of one organisation, if short enough, and
/// what made it: "merge" when two of its records are joined as one person, else "record".
fn case_path(snapshot: &Snapshot, a: NodeId, b: NodeId) -> Option<(Vec<Uuid>, &'static str)> {
    if a == b || !snapshot.same_org(a, b) {
        return None;
    }
    let gate = connection_gate(snapshot);
    let p = snapshot.graph.shortest_paths_gated(a, b, &Filter::with_hubs(HUB_DEGREE), 1, &gate);
    let path = p.paths.into_iter().next()?;
    if p.length? > CONNECTION_HOPS + 1 {
        return None;
    }
    let same = snapshot.graph.link_kind_mask(&[SAME_PERSON]);
    let merged = same != 0
        && path.windows(2).any(|w| match *w {
            [u, v] => {
                let (targets, masks) = snapshot.graph.neighbours(u);
                targets.binary_search(&v).ok().and_then(|j| masks.get(j)).is_some_and(|m| m & same != 0)
            }
            _ => false,
        });
    let ids = path.iter().map(|&v| snapshot.uuid(v)).collect::<Option<Vec<Uuid>>>()?;
    Some((ids, if merged { "merge" } else { "record" }))
}

fn connections_from_every_case(snapshot: &Snapshot) -> Vec<Found> {
    let mut out = Vec::new();
    let Some(kind) = snapshot.case_kind else { return out };
    for c in 0..snapshot.graph.node_count() as NodeId {
        if snapshot.graph.kind(c) != Some(kind) {
            continue;
        }
        for other in cases_near(snapshot, c) {
            if other > c {
                if let (Some((path, cause)), Some(a), Some(b)) =
                    (case_path(snapshot, c, other), snapshot.uuid(c), snapshot.uuid(other))
                {
                    out.push((a, b, path, cause));
                }
            }
            if out.len() >= MAX_CANDIDATES {
                return out;
            }
        }
    }
    out
}

fn connections_near(snapshot: &Snapshot, touched: &[FeedLink]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut seen: HashSet<(NodeId, NodeId)> = HashSet::new();
    for x in touched {
        let (Some(a), Some(b)) = (snapshot.graph.node(&x.a), snapshot.graph.node(&x.b)) else { continue };
        let side = |v: NodeId| {
            let mut near = cases_near(snapshot, v);
            if snapshot.is_case(v) {
                near.push(v);
            }
            near
        };
        let (left, right) = (side(a), side(b));
        for &c in &left {
            for &d in &right {
                if c == d || !seen.insert(pair(c, d)) {
                    continue;
                }
                if let (Some((path, cause)), Some(ua), Some(ub)) =
                    (case_path(snapshot, c, d), snapshot.uuid(c), snapshot.uuid(d))
                {
                    out.push((ua, ub, path, cause));
                }
                if seen.len() >= MAX_CANDIDATES {
                    return out;
                }
            }
        }
    }
    out
}
