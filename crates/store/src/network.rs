//! What the network projection reads (issue 6, docs/decisions/0015-network-in-the-server.md): the
//! nodes (parties and cases) and links (links between parties, parties' roles in cases, merges)
//! created or changed since a time, and the connections between cases it finds.
//!
//! The feed is read without a user's scope, like the matching index's: the projection holds the
//! whole network and applies each user's scope to every query. Nothing here returns names.

use diesel::prelude::*;
use uuid::Uuid;

use counternet_domain::vocab::LinkKind;
use counternet_domain::Actor;

use crate::audit::AuditEvent;
use crate::error::StoreResult;
use crate::rows::CaseConnectionRow;
use crate::schema::{call_records, case_connections, case_parties, cases, links, parties, party_merges};
use crate::scope::Scope;
use crate::Tx;

/// The node kind the projection gives a case (party kinds are their vocabulary codes).
pub const CASE_KIND: &str = "case";
/// The link kind of two records merged into one person.
pub const SAME_PERSON: &str = "same_person";

/// A party or a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedNode {
    pub id: String,
    /// A party kind's code, or [`CASE_KIND`].
    pub kind: String,
    pub org_id: String,
    pub created_by: String,
}

/// A link between two nodes. Rows are never deleted; a merge that is undone comes back with
/// `active` false, and a `called` link comes back when calls change its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    /// The row's id (a link's, a case role's or a merge's).
    pub id: String,
    pub a: String,
    pub b: String,
    /// A link kind's code, a case role's code (victim, perpetrator, ...) or [`SAME_PERSON`].
    pub kind: String,
    /// The link goes from `a` to `b` (employs, owns, directs, recruited, transported, exploited,
    /// paid, called).
    pub directed: bool,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub active: bool,
    /// When the row was written (or, for a merge, decided or undone): what a new connection is
    /// dated by.
    pub at: String,
}

/// Everything created or changed at or after a time.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    pub nodes: Vec<FeedNode>,
    pub links: Vec<FeedLink>,
}

/// Does a link of this kind have a direction (from the first party to the second)?
pub fn directed(kind: LinkKind) -> bool {
    matches!(
        kind,
        LinkKind::Employs
            | LinkKind::Owns
            | LinkKind::Directs
            | LinkKind::Recruited
            | LinkKind::Transported
            | LinkKind::Exploited
            | LinkKind::Paid
            | LinkKind::Called
    )
}

type LinkTuple = (String, String, String, String, Option<String>, Option<String>, String);

fn feed_link(row: LinkTuple) -> FeedLink {
    let (id, a, b, kind, starts_on, ends_on, at) = row;
    let is_directed = LinkKind::from_code(&kind).is_some_and(directed);
    FeedLink { id, a, b, kind, directed: is_directed, starts_on, ends_on, active: true, at }
}

/// The nodes and links created or changed at or after `since` ("" for everything).
pub fn feed(tx: &mut Tx<'_>, since: &str) -> StoreResult<Feed> {
    let mut out = Feed::default();
    let rows: Vec<(String, String, String, String)> = parties::table
        .filter(parties::created_at.ge(since))
        .select((parties::id, parties::kind, parties::org_id, parties::created_by))
        .load(tx.conn)?;
    out.nodes.extend(rows.into_iter().map(|(id, kind, org_id, created_by)| FeedNode { id, kind, org_id, created_by }));
    let rows: Vec<(String, String, String)> = cases::table
        .filter(cases::created_at.ge(since))
        .select((cases::id, cases::org_id, cases::created_by))
        .load(tx.conn)?;
    out.nodes.extend(rows.into_iter().map(|(id, org_id, created_by)| FeedNode {
        id,
        kind: CASE_KIND.to_string(),
        org_id,
        created_by,
    }));
    let rows: Vec<(String, String, String, String, String)> = case_parties::table
        .filter(case_parties::created_at.ge(since))
        .select((
            case_parties::id,
            case_parties::case_id,
            case_parties::party_id,
            case_parties::role,
            case_parties::created_at,
        ))
        .load(tx.conn)?;
    out.links.extend(rows.into_iter().map(|(id, case_id, party_id, role, at)| FeedLink {
        id,
        a: case_id,
        b: party_id,
        kind: role,
        directed: false,
        starts_on: None,
        ends_on: None,
        active: true,
        at,
    }));
    let columns = (
        links::id,
        links::from_party,
        links::to_party,
        links::kind,
        links::starts_on,
        links::ends_on,
        links::created_at,
    );
    let rows: Vec<LinkTuple> = links::table.filter(links::created_at.ge(since)).select(columns).load(tx.conn)?;
    out.links.extend(rows.into_iter().map(feed_link));
    // `called` links whose dates new calls have moved.
    if !since.is_empty() {
        let mut moved: Vec<String> = call_records::table
            .filter(call_records::created_at.ge(since))
            .select(call_records::link_id)
            .distinct()
            .load(tx.conn)?;
        moved.sort();
        for chunk in moved.chunks(500) {
            let rows: Vec<LinkTuple> = links::table.filter(links::id.eq_any(chunk)).select(columns).load(tx.conn)?;
            out.links.extend(rows.into_iter().map(feed_link));
        }
    }
    let rows: Vec<(String, String, String, String, Option<String>)> = party_merges::table
        .filter(party_merges::decision.eq(crate::merges::Decision::Merged.code()))
        .filter(party_merges::decided_at.ge(since).or(party_merges::undone_at.ge(since)))
        .select((
            party_merges::id,
            party_merges::party_a,
            party_merges::party_b,
            party_merges::decided_at,
            party_merges::undone_at,
        ))
        .load(tx.conn)?;
    out.links.extend(rows.into_iter().map(|(id, a, b, decided_at, undone_at)| FeedLink {
        id,
        a,
        b,
        kind: SAME_PERSON.to_string(),
        directed: false,
        starts_on: None,
        ends_on: None,
        active: undone_at.is_none(),
        at: undone_at.unwrap_or(decided_at),
    }));
    Ok(out)
}

/// A connection between two cases that a change made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConnection {
    pub org_id: Uuid,
    pub case_a: Uuid,
    pub case_b: Uuid,
    /// Node ids from `case_a` to `case_b`.
    pub path: Vec<Uuid>,
    /// What made it: "record" (a party's role or a link) or "merge".
    pub cause: &'static str,
}

/// Records a connection between two cases, once per pair (whichever way round): whether it was new.
/// The audit entry names the cases and the length of the path, not who is on it.
pub fn record_connection(tx: &mut Tx<'_>, c: &NewConnection) -> StoreResult<bool> {
    let (a, b) = if c.case_a <= c.case_b { (c.case_a, c.case_b) } else { (c.case_b, c.case_a) };
    let mut path = c.path.clone();
    if c.case_a != a {
        path.reverse();
    }
    let (sa, sb) = (a.to_string(), b.to_string());
    let exists: i64 = case_connections::table
        .filter(case_connections::case_a.eq(&sa))
        .filter(case_connections::case_b.eq(&sb))
        .count()
        .get_result(tx.conn)?;
    if exists > 0 {
        return Ok(false);
    }
    let id = Uuid::now_v7();
    let row = CaseConnectionRow {
        id: id.to_string(),
        org_id: c.org_id.to_string(),
        case_a: sa,
        case_b: sb,
        path: serde_json::to_string(&path.iter().map(Uuid::to_string).collect::<Vec<_>>()).unwrap_or_default(),
        cause: c.cause.to_string(),
        found_at: crate::clock::fmt_time(tx.now),
    };
    diesel::insert_into(case_connections::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("case.connection_found", "case", a).in_case(a).detail(serde_json::json!({
        "other_case": b.to_string(), "hops": path.len().saturating_sub(1), "cause": c.cause,
    })));
    Ok(true)
}

/// A recorded connection between two cases the reader may both see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub id: Uuid,
    pub case_a: Uuid,
    pub case_b: Uuid,
    /// Node ids from `case_a` to `case_b` (resolve them through the reader's scope to show them).
    pub path: Vec<Uuid>,
    pub cause: String,
    pub found_at: String,
}

/// The newest connections between two cases the actor may both see: those of `case` when given,
/// else all of them; found at or after `since`.
pub fn connections(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case: Option<Uuid>,
    since: &str,
    limit: i64,
) -> StoreResult<Vec<Connection>> {
    let scope = Scope::of(actor);
    let mut query = case_connections::table
        .filter(case_connections::case_a.eq_any(scope.case_ids()))
        .filter(case_connections::case_b.eq_any(scope.case_ids()))
        .filter(case_connections::found_at.ge(since.to_string()))
        .into_boxed();
    if let Some(case) = case {
        let id = case.to_string();
        query = query.filter(case_connections::case_a.eq(id.clone()).or(case_connections::case_b.eq(id)));
    }
    let rows: Vec<CaseConnectionRow> = query
        .order((case_connections::found_at.desc(), case_connections::id.desc()))
        .limit(limit)
        .select(CaseConnectionRow::as_select())
        .load(tx.conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let ids: Vec<String> = serde_json::from_str(&row.path).unwrap_or_default();
        out.push(Connection {
            id: crate::parse_uuid(&row.id)?,
            case_a: crate::parse_uuid(&row.case_a)?,
            case_b: crate::parse_uuid(&row.case_b)?,
            path: ids.iter().filter_map(|s| Uuid::parse_str(s).ok()).collect(),
            cause: row.cause,
            found_at: row.found_at,
        });
    }
    Ok(out)
}

/// Of `ids`, the cases the actor may see, with their reference and title, in the order given.
pub fn visible_cases(tx: &mut Tx<'_>, actor: &Actor, ids: &[Uuid]) -> StoreResult<Vec<(Uuid, String, String)>> {
    let scope = Scope::of(actor);
    let mut by_id = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let wanted: Vec<String> = chunk.iter().map(Uuid::to_string).collect();
        let rows: Vec<(String, String, String)> = cases::table
            .filter(cases::id.eq_any(&wanted))
            .filter(scope.cases())
            .select((cases::id, cases::reference, cases::title))
            .load(tx.conn)?;
        for (id, reference, title) in rows {
            by_id.insert(crate::parse_uuid(&id)?, (reference, title));
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id).map(|(r, t)| (*id, r, t))).collect())
}

/// The ids of the cases the actor may see.
pub fn visible_case_ids(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<String>> {
    Ok(Scope::of(actor).case_ids().load(tx.conn)?)
}

/// Every pair of cases recorded as connected (smaller id first).
pub fn connected_pairs(tx: &mut Tx<'_>) -> StoreResult<Vec<(Uuid, Uuid)>> {
    let rows: Vec<(String, String)> =
        case_connections::table.select((case_connections::case_a, case_connections::case_b)).load(tx.conn)?;
    rows.iter().map(|(a, b)| Ok((crate::parse_uuid(a)?, crate::parse_uuid(b)?))).collect()
}
