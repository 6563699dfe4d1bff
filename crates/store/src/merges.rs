//! Entity resolution decisions: two person records are one person (merged), or are not
//! (distinct), and the auto-merge threshold an administrator sets.
//!
//! Merging never rewrites a record: party rows, their case roles and their links stay exactly as
//! recorded. A decision is a row in `party_merges`; a person is the connected component of the
//! active 'merged' decisions (those not undone). A merge is refused between records that already
//! are one person, so the active decisions form a forest and undoing one splits its person back
//! into exactly the two it joined. Undone decisions are kept, with who undid them and when.
//!
//! Reads go through the actor's scope: a person's records are only those the actor may see,
//! masked as everywhere else ([`parties::to_party`]); audit entries name ids, never names.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::party::Party;
use counternet_domain::vocab::{CaseRole, PartyKind, PerpetratorRole};
use counternet_domain::{Actor, Role, ValidationError};

use crate::audit::AuditEvent;
use crate::cases::parse_list;
use crate::clock::{fmt_time, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::parties::{self, to_party, Disclosure};
use crate::rows::{CasePartyRow, MergeRow, PartyRow};
use crate::schema::{case_parties, organisations, parties as party_table, party_merges};
use crate::scope::Scope;
use crate::{new_id, parse_uuid, Tx};

/// What was decided about a pair of person records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The two records are one person.
    Merged,
    /// The two records are not the same person (the pair leaves the review queue).
    Distinct,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Merged => "merged",
            Decision::Distinct => "distinct",
        }
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "merged" => Some(Decision::Merged),
            "distinct" => Some(Decision::Distinct),
            _ => None,
        }
    }
}

/// A decision about two person records.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Merge {
    pub id: Uuid,
    pub party_a: Uuid,
    pub party_b: Uuid,
    pub decision: Decision,
    /// The match probability the decision was taken on (none for a decision taken by hand).
    pub probability: Option<f64>,
    /// The fields that agreed or disagreed and their weights, as the matcher gave them: a list of
    /// `{"field", "level", "weight"}` (empty when none was given).
    #[schema(value_type = Vec<Object>)]
    pub explanation: serde_json::Value,
    /// Taken automatically, above the administrator's threshold, when a record was created.
    pub auto: bool,
    pub decided_by: Uuid,
    pub decided_at: DateTime<Utc>,
    pub undone_by: Option<Uuid>,
    pub undone_at: Option<DateTime<Utc>>,
    /// Not undone.
    pub active: bool,
}

/// A role a record has in a case the actor may see.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RecordRole {
    pub case_id: Uuid,
    pub case_reference: String,
    pub role: CaseRole,
    pub role_in_process: Vec<PerpetratorRole>,
}

/// One source record of a person, with where it came from and its roles in cases.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PersonRecord {
    /// The record, masked as everywhere else.
    pub party: Party,
    /// The organisation that recorded it.
    pub organisation_id: Uuid,
    pub organisation_name: String,
    /// Who recorded it (`party.created_by`) by username, when that user exists.
    pub recorded_by_name: Option<String>,
    pub roles: Vec<RecordRole>,
}

/// The records of one person that the actor may see, and the decisions that made it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PersonRecords {
    pub records: Vec<PersonRecord>,
    /// The decisions (active and undone, merged and distinct) touching this person's records,
    /// between records the actor may both see; newest first.
    pub decisions: Vec<Merge>,
}

fn to_merge(r: MergeRow) -> StoreResult<Merge> {
    let explanation = serde_json::from_str(&r.explanation).map_err(|_| StoreError::corrupt("merge explanation"))?;
    Ok(Merge {
        id: parse_uuid(&r.id)?,
        party_a: parse_uuid(&r.party_a)?,
        party_b: parse_uuid(&r.party_b)?,
        decision: Decision::from_code(&r.decision).ok_or_else(|| StoreError::corrupt("unknown merge decision"))?,
        probability: r.probability,
        explanation,
        auto: r.auto,
        decided_by: parse_uuid(&r.decided_by)?,
        decided_at: parse_time(&r.decided_at)?,
        undone_by: r.undone_by.as_deref().map(parse_uuid).transpose()?,
        active: r.undone_at.is_none(),
        undone_at: r.undone_at.as_deref().map(parse_time).transpose()?,
    })
}

/// The pair in a fixed order, so that (a, b) and (b, a) are one pair.
pub fn normalised(a: Uuid, b: Uuid) -> (Uuid, Uuid) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The active decisions of one kind touching any of `ids`: (party_a, party_b).
fn active_edges(tx: &mut Tx<'_>, decision: Decision, ids: &[String]) -> StoreResult<Vec<(String, String)>> {
    let mut edges = Vec::new();
    for chunk in ids.chunks(400) {
        let found: Vec<(String, String)> = party_merges::table
            .filter(party_merges::decision.eq(decision.code()))
            .filter(party_merges::undone_at.is_null())
            .filter(party_merges::party_a.eq_any(chunk).or(party_merges::party_b.eq_any(chunk)))
            .select((party_merges::party_a, party_merges::party_b))
            .load(tx.conn)?;
        edges.extend(found);
    }
    Ok(edges)
}

/// Marks as a survivor's, in memory only, each person row whose person (every record joined to it by
/// active merges) includes a survivor's record: a record merged with a survivor's would otherwise
/// show the name that her own record masks, and the person page tells which records are one person.
/// The rows in the database are not changed, so an unmerge restores everything exactly.
pub(crate) fn protect_by_person(tx: &mut Tx<'_>, rows: &mut [PartyRow]) -> StoreResult<()> {
    let start: Vec<String> =
        rows.iter().filter(|r| !r.survivor && r.kind == PartyKind::Person.code()).map(|r| r.id.clone()).collect();
    if start.is_empty() {
        return Ok(());
    }
    let (seen, edges) = reach(tx, start)?;
    if edges.is_empty() {
        return Ok(());
    }
    let members: Vec<String> = seen.into_iter().collect();
    let mut survivors: HashSet<String> = HashSet::new();
    for chunk in members.chunks(400) {
        let found: Vec<String> = party_table::table
            .filter(party_table::id.eq_any(chunk))
            .filter(party_table::survivor.eq(true))
            .select(party_table::id)
            .load(tx.conn)?;
        survivors.extend(found);
    }
    if survivors.is_empty() {
        return Ok(());
    }
    // The persons: union-find over the merges found.
    let mut parent: HashMap<String, String> = HashMap::new();
    fn root(parent: &HashMap<String, String>, x: &str) -> String {
        let mut r = x.to_string();
        while let Some(p) = parent.get(&r) {
            if *p == r {
                break;
            }
            r.clone_from(p);
        }
        r
    }
    for (a, b) in &edges {
        let (ra, rb) = (root(&parent, a), root(&parent, b));
        if ra != rb {
            parent.insert(ra, rb);
        }
    }
    let protected: HashSet<String> = survivors.iter().map(|s| root(&parent, s)).collect();
    for r in rows.iter_mut() {
        if !r.survivor && protected.contains(&root(&parent, &r.id)) {
            r.survivor = true;
        }
    }
    Ok(())
}

/// The ids of the records that are one person with `id` (itself included), by the active merges.
fn component_of(tx: &mut Tx<'_>, id: &str) -> StoreResult<BTreeSet<String>> {
    Ok(reach(tx, vec![id.to_string()])?.0)
}

/// A decision's two records: (party_a, party_b).
type Edge = (String, String);

/// Every record reached from `start` through active merges (`start` included), and the merges
/// walked.
fn reach(tx: &mut Tx<'_>, start: Vec<String>) -> StoreResult<(BTreeSet<String>, Vec<Edge>)> {
    let mut seen: BTreeSet<String> = start.iter().cloned().collect();
    let mut frontier = start;
    let mut walked = Vec::new();
    while !frontier.is_empty() {
        let found = active_edges(tx, Decision::Merged, &frontier)?;
        frontier.clear();
        for (a, b) in found {
            for p in [&a, &b] {
                if seen.insert(p.clone()) {
                    frontier.push(p.clone());
                }
            }
            walked.push((a, b));
        }
    }
    Ok((seen, walked))
}

fn require_editor(actor: &Actor) -> StoreResult<()> {
    if actor.role.may_edit_cases() {
        Ok(())
    } else {
        Err(StoreError::Forbidden("your role may not merge or separate records"))
    }
}

/// Both records, visible to the actor, distinct and both persons.
fn person_pair(tx: &mut Tx<'_>, actor: &Actor, a: Uuid, b: Uuid) -> StoreResult<(PartyRow, PartyRow)> {
    let ra = parties::visible(tx, actor, a)?;
    let rb = parties::visible(tx, actor, b)?;
    if a == b {
        return Err(ValidationError::new("party_b", "same_party", "must be another record than party_a").into());
    }
    for (field, row) in [("party_a", &ra), ("party_b", &rb)] {
        if row.kind != PartyKind::Person.code() {
            return Err(ValidationError::new(field, "not_a_person", "only records of persons are merged").into());
        }
    }
    Ok((ra, rb))
}

/// The active decision of kind `decision` between exactly these two records, if any.
fn active_between(tx: &mut Tx<'_>, a: &str, b: &str, decision: Decision) -> StoreResult<Option<MergeRow>> {
    Ok(party_merges::table
        .filter(party_merges::decision.eq(decision.code()))
        .filter(party_merges::undone_at.is_null())
        .filter(
            (party_merges::party_a.eq(a).and(party_merges::party_b.eq(b)))
                .or(party_merges::party_a.eq(b).and(party_merges::party_b.eq(a))),
        )
        .select(MergeRow::as_select())
        .first(tx.conn)
        .optional()?)
}

/// Whether an active 'distinct' decision separates a record of `x` from a record of `y`.
fn distinct_across(tx: &mut Tx<'_>, x: &BTreeSet<String>, y: &BTreeSet<String>) -> StoreResult<bool> {
    let xs: Vec<String> = x.iter().cloned().collect();
    let pairs = active_edges(tx, Decision::Distinct, &xs)?;
    Ok(pairs.iter().any(|(a, b)| (x.contains(a) && y.contains(b)) || (x.contains(b) && y.contains(a))))
}

fn check_probability(probability: Option<f64>) -> StoreResult<()> {
    match probability {
        Some(p) if !(p.is_finite() && (0.0..=1.0).contains(&p)) => {
            Err(ValidationError::new("probability", "out_of_range", "must be between 0 and 1").into())
        }
        _ => Ok(()),
    }
}

fn insert_decision(
    tx: &mut Tx<'_>,
    actor: &Actor,
    (a, b): (&str, &str),
    decision: Decision,
    probability: Option<f64>,
    explanation: serde_json::Value,
    auto: bool,
) -> StoreResult<Merge> {
    let row = MergeRow {
        id: new_id().to_string(),
        org_id: actor.org_id.to_string(),
        party_a: a.to_string(),
        party_b: b.to_string(),
        decision: decision.code().into(),
        probability,
        explanation: explanation.to_string(),
        auto,
        decided_by: actor.user_id.to_string(),
        decided_at: fmt_time(tx.now),
        undone_by: None,
        undone_at: None,
    };
    diesel::insert_into(party_merges::table).values(&row).execute(tx.conn)?;
    let action = match decision {
        Decision::Merged => "party.merge",
        Decision::Distinct => "party.distinct",
    };
    tx.audit(AuditEvent::new(action, "party", a).detail(serde_json::json!({
        "merge_id": row.id, "party_a": a, "party_b": b, "probability": probability, "auto": auto,
    })));
    to_merge(row)
}

/// Records that `a` and `b` are one person. Both must be person records the actor may see (else
/// `Denied`, which the caller sees as not found), not one person already, and no record of the
/// one marked as a different person from a record of the other by an active decision.
pub fn merge(
    tx: &mut Tx<'_>,
    actor: &Actor,
    a: Uuid,
    b: Uuid,
    probability: Option<f64>,
    explanation: serde_json::Value,
    auto: bool,
) -> StoreResult<Merge> {
    require_editor(actor)?;
    check_probability(probability)?;
    let (ra, rb) = person_pair(tx, actor, a, b)?;
    let person_a = component_of(tx, &ra.id)?;
    if person_a.contains(&rb.id) {
        return Err(StoreError::Conflict {
            code: "already_same_person",
            message: "these records are one person already".into(),
        });
    }
    let person_b = component_of(tx, &rb.id)?;
    if distinct_across(tx, &person_a, &person_b)? {
        return Err(StoreError::Conflict {
            code: "marked_distinct",
            message: "records of these two were marked as different people; undo that decision first".into(),
        });
    }
    insert_decision(tx, actor, (&ra.id, &rb.id), Decision::Merged, probability, explanation, auto)
}

/// Records that `a` and `b` are not the same person, so that the pair leaves the review queue.
pub fn mark_distinct(
    tx: &mut Tx<'_>,
    actor: &Actor,
    a: Uuid,
    b: Uuid,
    probability: Option<f64>,
    explanation: serde_json::Value,
) -> StoreResult<Merge> {
    require_editor(actor)?;
    check_probability(probability)?;
    let (ra, rb) = person_pair(tx, actor, a, b)?;
    if component_of(tx, &ra.id)?.contains(&rb.id) {
        return Err(StoreError::Conflict {
            code: "same_person",
            message: "these records are one person; unmerge them first".into(),
        });
    }
    if active_between(tx, &ra.id, &rb.id, Decision::Distinct)?.is_some() {
        return Err(StoreError::Conflict {
            code: "already_decided",
            message: "these records are marked as different people already".into(),
        });
    }
    insert_decision(tx, actor, (&ra.id, &rb.id), Decision::Distinct, probability, explanation, false)
}

/// Undoes a decision: a merge splits its person back into the two it joined; a 'distinct'
/// decision puts the pair back in the review queue. The decision is kept, marked undone.
pub fn unmerge(tx: &mut Tx<'_>, actor: &Actor, merge_id: Uuid) -> StoreResult<Merge> {
    require_editor(actor)?;
    let row = party_merges::table
        .find(merge_id.to_string())
        .select(MergeRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let scope = Scope::of(actor);
    let visible: i64 = party_table::table
        .filter(party_table::id.eq_any([&row.party_a, &row.party_b]))
        .filter(scope.parties())
        .count()
        .get_result(tx.conn)?;
    if visible < 2 {
        return Err(StoreError::Denied { entity_kind: "party_merge", entity_id: row.id, case_id: None });
    }
    if row.undone_at.is_some() {
        return Err(StoreError::Conflict {
            code: "already_undone",
            message: "this decision was undone already".into(),
        });
    }
    let now = fmt_time(tx.now);
    diesel::update(party_merges::table.find(&row.id))
        .set((party_merges::undone_by.eq(actor.user_id.to_string()), party_merges::undone_at.eq(&now)))
        .execute(tx.conn)?;
    tx.audit(AuditEvent::new("party.unmerge", "party", &row.party_a).detail(serde_json::json!({
        "merge_id": row.id, "party_a": row.party_a, "party_b": row.party_b, "decision": row.decision,
    })));
    to_merge(MergeRow { undone_by: Some(actor.user_id.to_string()), undone_at: Some(now), ..row })
}

/// The records of the person `party_id` belongs to that the actor may see, each with its
/// provenance and its roles in the cases the actor may see, oldest first; and the decisions about
/// them. Masked as everywhere, and all of them when any record of the person is a survivor's.
pub fn person_records(tx: &mut Tx<'_>, actor: &Actor, party_id: Uuid) -> StoreResult<PersonRecords> {
    let start = parties::visible(tx, actor, party_id)?;
    let members: Vec<String> = component_of(tx, &start.id)?.into_iter().collect();
    let scope = Scope::of(actor);
    let today = tx.now.date_naive();
    let mut rows: Vec<PartyRow> = Vec::new();
    for chunk in members.chunks(400) {
        let found: Vec<PartyRow> = party_table::table
            .filter(party_table::id.eq_any(chunk))
            .filter(scope.parties())
            .select(PartyRow::as_select())
            .load(tx.conn)?;
        rows.extend(found);
    }
    rows.sort_by(|x, y| (&x.created_at, &x.id).cmp(&(&y.created_at, &y.id)));
    // A person who is a survivor in any of their records (seen or not) is one in all of them here:
    // another record's name beside the survivor's initials would tell who the survivor is.
    if !rows.iter().all(|r| r.survivor) {
        let mut survivor = false;
        for chunk in members.chunks(400) {
            let n: i64 = party_table::table
                .filter(party_table::id.eq_any(chunk))
                .filter(party_table::survivor.eq(true))
                .count()
                .get_result(tx.conn)?;
            survivor |= n > 0;
        }
        if survivor {
            rows.iter_mut().for_each(|r| r.survivor = true);
        }
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();

    let mut links: Vec<CasePartyRow> = Vec::new();
    for chunk in ids.chunks(400) {
        let found: Vec<CasePartyRow> = case_parties::table
            .filter(case_parties::party_id.eq_any(chunk))
            .filter(case_parties::case_id.eq_any(scope.case_ids()))
            .order((case_parties::created_at.asc(), case_parties::id.asc()))
            .select(CasePartyRow::as_select())
            .load(tx.conn)?;
        links.extend(found);
    }
    let case_ids: Vec<Uuid> = links.iter().map(|cp| parse_uuid(&cp.case_id)).collect::<StoreResult<_>>()?;
    let references = crate::cases::references(tx, actor, &case_ids)?;
    let mut roles: HashMap<String, Vec<RecordRole>> = HashMap::new();
    for cp in links {
        let case_id = parse_uuid(&cp.case_id)?;
        let role = RecordRole {
            case_id,
            case_reference: references.get(&case_id).cloned().unwrap_or_default(),
            role: CaseRole::from_code(&cp.role).ok_or_else(|| StoreError::corrupt("unknown case role"))?,
            role_in_process: parse_list(&cp.role_in_process)?,
        };
        roles.entry(cp.party_id).or_default().push(role);
    }
    let org_ids: Vec<String> = rows.iter().map(|r| r.org_id.clone()).collect();
    let org_names: HashMap<String, String> = organisations::table
        .filter(organisations::id.eq_any(&org_ids))
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(tx.conn)?
        .into_iter()
        .collect();
    let user_ids: Vec<String> = rows.iter().map(|r| r.created_by.clone()).collect();
    let usernames = crate::audit::usernames(tx, &user_ids)?;

    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        records.push(PersonRecord {
            organisation_id: parse_uuid(&row.org_id)?,
            organisation_name: org_names.get(&row.org_id).cloned().unwrap_or_default(),
            recorded_by_name: usernames.get(&row.created_by).cloned(),
            roles: roles.remove(&row.id).unwrap_or_default(),
            party: to_party(row, Disclosure::Masked, today)?,
        });
    }
    let decisions = visible_decisions(tx, actor, &members)?;
    Ok(PersonRecords { records, decisions })
}

/// Decisions (active and undone) touching any of `members` whose two records the actor may both
/// see, newest first.
fn visible_decisions(tx: &mut Tx<'_>, actor: &Actor, members: &[String]) -> StoreResult<Vec<Merge>> {
    let mut rows: Vec<MergeRow> = Vec::new();
    for chunk in members.chunks(400) {
        let found: Vec<MergeRow> = party_merges::table
            .filter(party_merges::party_a.eq_any(chunk).or(party_merges::party_b.eq_any(chunk)))
            .select(MergeRow::as_select())
            .load(tx.conn)?;
        rows.extend(found);
    }
    rows.sort_by(|x, y| (&y.decided_at, &y.id).cmp(&(&x.decided_at, &x.id)));
    rows.dedup_by(|x, y| x.id == y.id);
    let mut involved: Vec<String> = rows.iter().flat_map(|r| [r.party_a.clone(), r.party_b.clone()]).collect();
    involved.sort();
    involved.dedup();
    let scope = Scope::of(actor);
    let mut visible: HashSet<String> = HashSet::new();
    for chunk in involved.chunks(400) {
        let found: Vec<String> = party_table::table
            .filter(party_table::id.eq_any(chunk))
            .filter(scope.parties())
            .select(party_table::id)
            .load(tx.conn)?;
        visible.extend(found);
    }
    rows.into_iter().filter(|r| visible.contains(&r.party_a) && visible.contains(&r.party_b)).map(to_merge).collect()
}

/// The decisions touching the person `party_id` belongs to, between records the actor may see
/// (for the unmerge buttons), newest first.
pub fn merges_of(tx: &mut Tx<'_>, actor: &Actor, party_id: Uuid) -> StoreResult<Vec<Merge>> {
    let start = parties::visible(tx, actor, party_id)?;
    let members: Vec<String> = component_of(tx, &start.id)?.into_iter().collect();
    visible_decisions(tx, actor, &members)
}

/// Pairs with an active decision of either kind, in [`normalised`] order (for leaving them out of
/// the review queue). Not scoped: for the matcher, which scopes its own answers.
pub fn decided_pairs(tx: &mut Tx<'_>) -> StoreResult<HashSet<(Uuid, Uuid)>> {
    party_merges::table
        .filter(party_merges::undone_at.is_null())
        .select((party_merges::party_a, party_merges::party_b))
        .load::<(String, String)>(tx.conn)?
        .into_iter()
        .map(|(a, b)| Ok(normalised(parse_uuid(&a)?, parse_uuid(&b)?)))
        .collect()
}

/// Every record that is one person with at least one other, with its person's canonical id (the
/// smallest record id of the person). Records on their own are left out. Not scoped: for grouping
/// search results that are scoped themselves.
pub fn components(tx: &mut Tx<'_>) -> StoreResult<Vec<(Uuid, Uuid)>> {
    let edges: Vec<(String, String)> = party_merges::table
        .filter(party_merges::decision.eq(Decision::Merged.code()))
        .filter(party_merges::undone_at.is_null())
        .select((party_merges::party_a, party_merges::party_b))
        .load(tx.conn)?;
    let mut parent: HashMap<Uuid, Uuid> = HashMap::new();
    fn root(parent: &mut HashMap<Uuid, Uuid>, x: Uuid) -> Uuid {
        let mut r = x;
        while let Some(&p) = parent.get(&r) {
            if p == r {
                break;
            }
            r = p;
        }
        // Path compression.
        let mut y = x;
        while let Some(&p) = parent.get(&y) {
            if p == r {
                break;
            }
            parent.insert(y, r);
            y = p;
        }
        r
    }
    for (a, b) in edges {
        let (a, b) = (parse_uuid(&a)?, parse_uuid(&b)?);
        parent.entry(a).or_insert(a);
        parent.entry(b).or_insert(b);
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            // The smaller id is the root, so each root is its person's smallest id.
            let (lo, hi) = normalised(ra, rb);
            parent.insert(hi, lo);
        }
    }
    let keys: Vec<Uuid> = parent.keys().copied().collect();
    let mut out: Vec<(Uuid, Uuid)> = keys.into_iter().map(|k| (k, root(&mut parent, k))).collect();
    out.sort();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The auto-merge threshold

const AUTO_MERGE_THRESHOLD: &str = "auto_merge_threshold";

/// The lowest allowed auto-merge threshold: below it the matcher is wrong too often to merge
/// without a person looking.
pub const MIN_AUTO_MERGE_THRESHOLD: f64 = 0.5;

/// The match probability at or above which a new person record is merged automatically with its
/// best match; `None` (the default) is never.
pub fn auto_merge_threshold(tx: &mut Tx<'_>) -> StoreResult<Option<f64>> {
    crate::settings::get(tx, AUTO_MERGE_THRESHOLD)?
        .map(|v| v.as_f64().ok_or_else(|| StoreError::corrupt("auto-merge threshold")))
        .transpose()
}

/// Sets (or with `None` removes) the auto-merge threshold (administrators; from 0.5 to 1).
pub fn set_auto_merge_threshold(tx: &mut Tx<'_>, actor: &Actor, threshold: Option<f64>) -> StoreResult<Option<f64>> {
    if actor.role != Role::Administrator {
        return Err(StoreError::Forbidden("only an administrator changes matching settings"));
    }
    if let Some(t) = threshold {
        if !(t.is_finite() && (MIN_AUTO_MERGE_THRESHOLD..=1.0).contains(&t)) {
            return Err(ValidationError::new(
                "auto_merge_threshold",
                "out_of_range",
                "must be between 0.5 and 1, or empty for never",
            )
            .into());
        }
    }
    let value = threshold.map(serde_json::Value::from);
    crate::settings::set(tx, actor, AUTO_MERGE_THRESHOLD, "settings.auto_merge_threshold", value.as_ref())?;
    Ok(threshold)
}

/// A possible match of a new record, as the matcher scored it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub party: Uuid,
    pub probability: f64,
    pub explanation: serde_json::Value,
}

/// After a person record `party_id` is created, in the same transaction: when an auto-merge
/// threshold is set, merges it with its best match at or above the threshold (only the best: two
/// matches above it need not be one person with each other). `candidates` gives the scored matches
/// among the records the actor may see; it is only asked when a threshold is set.
pub fn auto_merge(
    tx: &mut Tx<'_>,
    actor: &Actor,
    party_id: Uuid,
    candidates: impl FnOnce(&mut Tx<'_>) -> StoreResult<Vec<Candidate>>,
) -> StoreResult<Option<Merge>> {
    let Some(threshold) = auto_merge_threshold(tx)? else {
        return Ok(None);
    };
    if !actor.role.may_edit_cases() {
        return Ok(None);
    }
    let mut found = candidates(tx)?;
    found.retain(|c| c.party != party_id && c.probability.is_finite() && c.probability >= threshold);
    found.sort_by(|x, y| y.probability.total_cmp(&x.probability));
    let Some(best) = found.into_iter().next() else {
        return Ok(None);
    };
    match merge(tx, actor, party_id, best.party, Some(best.probability), best.explanation, true) {
        Ok(m) => Ok(Some(m)),
        // Not a person, already one person, marked distinct, out of scope: no automatic merge.
        Err(
            StoreError::Validation(_) | StoreError::Conflict { .. } | StoreError::Denied { .. } | StoreError::NotFound,
        ) => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests;
