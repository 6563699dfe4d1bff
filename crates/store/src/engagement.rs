//! Engagement (issue 8; docs/decisions/0021-engagement.md): the organisation's trainings and
//! community education events. They belong to the organisation, not to a case: every user of the
//! organisation who works cases reads them (scope: `org_id`), lawyers, investigators and managers
//! record them, other roles are refused outright (403), and another organisation's record is
//! "not found". Every change is audited with counts and codes, never names.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::engagement::{
    knowledge_change, within, Audience, EngagementTopic, EventAudience, KnowledgeChange, Material, NewCommunityEvent,
    NewTraining, ScorePair, TrainingPatch,
};
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::cases::{json_list, parse_list};
use crate::clock::{fmt_date, fmt_time, parse_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{CommunityEventRow, OrganisationRow, TrainingRow};
use crate::schema::{community_events, organisations, trainings};
use crate::{new_id, parse_uuid, Tx};

/// A partner organisation named on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PartnerRef {
    pub id: Uuid,
    pub name: String,
}

/// One participant's scores and the change between them (post − pre).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct ScoreChange {
    pub pre: f64,
    pub post: f64,
    pub change: f64,
}

/// A training, as the API and the pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Training {
    pub id: Uuid,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub place: String,
    pub audience: Audience,
    /// Everyone in the audience.
    pub participants: i64,
    pub topics: Vec<EngagementTopic>,
    pub trainers: Vec<String>,
    pub materials: Vec<Material>,
    /// The knowledge test: one pair per participant tested, with its change.
    pub scores: Vec<ScoreChange>,
    /// The change the pairs show (computed; null when nobody was tested).
    pub knowledge: Option<KnowledgeChange>,
    pub partners: Vec<PartnerRef>,
    pub notes: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A community education event.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CommunityEvent {
    pub id: Uuid,
    pub title: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub audience: Vec<EventAudience>,
    pub topics: Vec<EngagementTopic>,
    pub people_reached: i64,
    pub online_reach: Option<i64>,
    pub partners: Vec<PartnerRef>,
    pub notes: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// The totals of one topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TopicTotal {
    pub topic: EngagementTopic,
    pub trainings: i64,
    pub people_trained: i64,
    pub events: i64,
    pub people_reached: i64,
}

/// The engagement of the organisation over a period.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EngagementSummary {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Trainings that started in the period.
    pub trainings: i64,
    /// People trained, by role.
    pub people_trained: Audience,
    pub people_trained_total: i64,
    /// The knowledge tests of all those trainings together: every participant tested counts once
    /// (the means are over participants, not over trainings).
    pub knowledge: Option<KnowledgeChange>,
    /// Community education events held in the period.
    pub events: i64,
    pub people_reached: i64,
    pub online_reach: i64,
    /// Per topic (a training or event with two topics counts in both), in the vocabulary's order.
    pub by_topic: Vec<TopicTotal>,
}

// ---------------------------------------------------------------------------------------------
// Who may

fn require_read(actor: &Actor) -> StoreResult<()> {
    if actor.role.reads_engagement() {
        Ok(())
    } else {
        Err(StoreError::Forbidden("your role does not read trainings and community events"))
    }
}

fn require_record(actor: &Actor) -> StoreResult<()> {
    require_read(actor)?;
    if actor.role.records_engagement() {
        Ok(())
    } else {
        Err(StoreError::Forbidden("only lawyers, investigators and managers record trainings and community events"))
    }
}

/// The registered partner organisations among `ids` (not the actor's own), or the field's error.
fn check_partners(tx: &mut Tx<'_>, actor: &Actor, ids: &[Uuid]) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let wanted: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let found: Vec<OrganisationRow> = organisations::table
        .filter(organisations::id.eq_any(&wanted))
        .select(OrganisationRow::as_select())
        .load(tx.conn)?;
    for id in &wanted {
        match found.iter().find(|o| &o.id == id) {
            None => {
                return Err(ValidationError::new(
                    "partner_org_ids",
                    "unknown_organisation",
                    "is not a registered organisation",
                )
                .into())
            }
            Some(o) if o.is_own || o.id == actor.org_id.to_string() => {
                return Err(ValidationError::new(
                    "partner_org_ids",
                    "own_organisation",
                    "must be a partner organisation",
                )
                .into())
            }
            Some(_) => {}
        }
    }
    Ok(())
}

fn partner_names(tx: &mut Tx<'_>, ids: &[Vec<Uuid>]) -> StoreResult<HashMap<Uuid, String>> {
    let wanted: Vec<String> = ids.iter().flatten().map(Uuid::to_string).collect();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = organisations::table
        .filter(organisations::id.eq_any(&wanted))
        .select((organisations::id, organisations::name))
        .load(tx.conn)?;
    Ok(rows.into_iter().filter_map(|(id, name)| Some((id.parse().ok()?, name))).collect())
}

fn partners_of(ids: &[Uuid], names: &HashMap<Uuid, String>) -> Vec<PartnerRef> {
    ids.iter().map(|id| PartnerRef { id: *id, name: names.get(id).cloned().unwrap_or_default() }).collect()
}

// ---------------------------------------------------------------------------------------------
// Trainings

/// A stored training as the domain's record (for a patch on top of it).
fn to_new(r: &TrainingRow) -> StoreResult<NewTraining> {
    Ok(NewTraining {
        title: r.title.clone(),
        starts_on: parse_date(&r.starts_on)?,
        ends_on: parse_date(&r.ends_on)?,
        place: r.place.clone(),
        audience: serde_json::from_str(&r.audience).map_err(|_| StoreError::corrupt("a training's audience"))?,
        topics: parse_list(&r.topics)?,
        trainers: parse_list(&r.trainers)?,
        materials: parse_list(&r.materials)?,
        scores: parse_list(&r.scores)?,
        partner_org_ids: parse_list(&r.partner_org_ids)?,
        notes: r.notes.clone(),
    })
}

fn to_trainings(tx: &mut Tx<'_>, rows: Vec<TrainingRow>) -> StoreResult<Vec<Training>> {
    let records = rows.iter().map(to_new).collect::<StoreResult<Vec<_>>>()?;
    let ids: Vec<Vec<Uuid>> = records.iter().map(|n| n.partner_org_ids.clone()).collect();
    let names = partner_names(tx, &ids)?;
    rows.into_iter()
        .zip(records)
        .map(|(r, n)| {
            Ok(Training {
                id: parse_uuid(&r.id)?,
                participants: n.audience.total(),
                scores: n.scores.iter().map(|p| ScoreChange { pre: p.pre, post: p.post, change: p.change() }).collect(),
                knowledge: knowledge_change(&n.scores),
                partners: partners_of(&n.partner_org_ids, &names),
                title: n.title,
                starts_on: n.starts_on,
                ends_on: n.ends_on,
                place: n.place,
                audience: n.audience,
                topics: n.topics,
                trainers: n.trainers,
                materials: n.materials,
                notes: n.notes,
                created_by: parse_uuid(&r.created_by)?,
                created_at: parse_time(&r.created_at)?,
                updated_at: parse_time(&r.updated_at)?,
            })
        })
        .collect()
}

fn training_row(id: String, actor: &Actor, n: &NewTraining, created: (&str, &str), now: &str) -> TrainingRow {
    TrainingRow {
        id,
        org_id: actor.org_id.to_string(),
        title: n.title.clone(),
        starts_on: fmt_date(n.starts_on),
        ends_on: fmt_date(n.ends_on),
        place: n.place.clone(),
        audience: serde_json::to_string(&n.audience).unwrap_or_else(|_| "{}".into()),
        topics: json_list(&n.topics),
        trainers: json_list(&n.trainers),
        materials: json_list(&n.materials),
        scores: json_list(&n.scores),
        partner_org_ids: json_list(&n.partner_org_ids),
        notes: n.notes.clone(),
        created_by: created.0.to_string(),
        created_at: created.1.to_string(),
        updated_at: now.to_string(),
    }
}

/// What the audit keeps of a training: counts and codes, no names.
fn training_detail(n: &NewTraining) -> serde_json::Value {
    serde_json::json!({
        "starts_on": fmt_date(n.starts_on), "participants": n.audience.total(), "audience": n.audience,
        "topics": n.topics, "tested": n.scores.len(), "partner_org_ids": n.partner_org_ids,
    })
}

/// Records a training of the actor's organisation.
pub fn create_training(tx: &mut Tx<'_>, actor: &Actor, new: NewTraining) -> StoreResult<Training> {
    require_record(actor)?;
    check_partners(tx, actor, &new.partner_org_ids)?;
    let now = fmt_time(tx.now);
    let user = actor.user_id.to_string();
    let row = training_row(new_id().to_string(), actor, &new, (&user, &now), &now);
    diesel::insert_into(trainings::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("training.create", "training", &row.id).detail(training_detail(&new)));
    get_training(tx, actor, parse_uuid(&row.id)?)
}

fn visible_training(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<TrainingRow> {
    require_read(actor)?;
    let row: Option<TrainingRow> =
        trainings::table.find(id.to_string()).select(TrainingRow::as_select()).first(tx.conn).optional()?;
    let row = row.ok_or(StoreError::NotFound)?;
    if row.org_id != actor.org_id.to_string() {
        return Err(StoreError::Denied { entity_kind: "training", entity_id: row.id, case_id: None });
    }
    Ok(row)
}

/// A training of the actor's organisation.
pub fn get_training(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<Training> {
    let row = visible_training(tx, actor, id)?;
    to_trainings(tx, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// Changes a training (the whole is checked again); the audit names the fields changed.
pub fn update_training(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: Uuid,
    patch: TrainingPatch,
    today: NaiveDate,
) -> StoreResult<Training> {
    let row = visible_training(tx, actor, id)?;
    require_record(actor)?;
    let before = to_new(&row)?;
    let after = patch.apply(&before, today)?;
    check_partners(tx, actor, &after.partner_org_ids)?;
    let now = fmt_time(tx.now);
    let new_row = training_row(row.id.clone(), actor, &after, (&row.created_by, &row.created_at), &now);
    let mut changed: Vec<&str> = Vec::new();
    for (field, differs) in [
        ("title", before.title != after.title),
        ("starts_on", before.starts_on != after.starts_on),
        ("ends_on", before.ends_on != after.ends_on),
        ("place", before.place != after.place),
        ("audience", before.audience != after.audience),
        ("topics", before.topics != after.topics),
        ("trainers", before.trainers != after.trainers),
        ("materials", before.materials != after.materials),
        ("scores", before.scores != after.scores),
        ("partner_org_ids", before.partner_org_ids != after.partner_org_ids),
        ("notes", before.notes != after.notes),
    ] {
        if differs {
            changed.push(field);
        }
    }
    if changed.is_empty() {
        return get_training(tx, actor, id);
    }
    diesel::update(trainings::table.find(&row.id))
        .set((
            trainings::title.eq(&new_row.title),
            trainings::starts_on.eq(&new_row.starts_on),
            trainings::ends_on.eq(&new_row.ends_on),
            trainings::place.eq(&new_row.place),
            trainings::audience.eq(&new_row.audience),
            trainings::topics.eq(&new_row.topics),
            trainings::trainers.eq(&new_row.trainers),
            trainings::materials.eq(&new_row.materials),
            trainings::scores.eq(&new_row.scores),
            trainings::partner_org_ids.eq(&new_row.partner_org_ids),
            trainings::notes.eq(&new_row.notes),
            trainings::updated_at.eq(&new_row.updated_at),
        ))
        .execute(tx.conn)?;
    let detail = serde_json::json!({"changed": changed, "after": training_detail(&after)});
    tx.audit(AuditEvent::new("training.update", "training", &row.id).detail(detail));
    get_training(tx, actor, id)
}

/// The trainings of the actor's organisation that started in the period, latest first.
pub fn list_trainings(
    tx: &mut Tx<'_>,
    actor: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> StoreResult<Vec<Training>> {
    require_read(actor)?;
    let mut q = trainings::table.filter(trainings::org_id.eq(actor.org_id.to_string())).into_boxed();
    if let Some(f) = from {
        q = q.filter(trainings::starts_on.ge(fmt_date(f)));
    }
    if let Some(t) = to {
        q = q.filter(trainings::starts_on.le(fmt_date(t)));
    }
    let rows: Vec<TrainingRow> = q
        .order((trainings::starts_on.desc(), trainings::created_at.desc(), trainings::id.desc()))
        .select(TrainingRow::as_select())
        .load(tx.conn)?;
    to_trainings(tx, rows)
}

// ---------------------------------------------------------------------------------------------
// Community education events

fn to_events(tx: &mut Tx<'_>, rows: Vec<CommunityEventRow>) -> StoreResult<Vec<CommunityEvent>> {
    let ids: Vec<Vec<Uuid>> = rows.iter().map(|r| parse_list(&r.partner_org_ids)).collect::<StoreResult<_>>()?;
    let names = partner_names(tx, &ids)?;
    rows.into_iter()
        .zip(ids)
        .map(|(r, partner_ids)| {
            Ok(CommunityEvent {
                id: parse_uuid(&r.id)?,
                title: r.title,
                held_on: parse_date(&r.held_on)?,
                place: r.place,
                audience: parse_list(&r.audience)?,
                topics: parse_list(&r.topics)?,
                people_reached: r.people_reached,
                online_reach: r.online_reach,
                partners: partners_of(&partner_ids, &names),
                notes: r.notes,
                created_by: parse_uuid(&r.created_by)?,
                created_at: parse_time(&r.created_at)?,
            })
        })
        .collect()
}

/// Records a community education event of the actor's organisation.
pub fn create_event(tx: &mut Tx<'_>, actor: &Actor, new: NewCommunityEvent) -> StoreResult<CommunityEvent> {
    require_record(actor)?;
    check_partners(tx, actor, &new.partner_org_ids)?;
    let row = CommunityEventRow {
        id: new_id().to_string(),
        org_id: actor.org_id.to_string(),
        title: new.title,
        held_on: fmt_date(new.held_on),
        place: new.place,
        audience: json_list(&new.audience),
        topics: json_list(&new.topics),
        people_reached: new.people_reached,
        online_reach: new.online_reach,
        partner_org_ids: json_list(&new.partner_org_ids),
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(community_events::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("community_event.create", "community_event", &row.id).detail(serde_json::json!({
        "held_on": row.held_on, "people_reached": row.people_reached, "online_reach": row.online_reach,
        "audience": new.audience, "topics": new.topics, "partner_org_ids": new.partner_org_ids,
    })));
    get_event(tx, actor, parse_uuid(&row.id)?)
}

/// A community education event of the actor's organisation.
pub fn get_event(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<CommunityEvent> {
    require_read(actor)?;
    let row: Option<CommunityEventRow> = community_events::table
        .find(id.to_string())
        .select(CommunityEventRow::as_select())
        .first(tx.conn)
        .optional()?;
    let row = row.ok_or(StoreError::NotFound)?;
    if row.org_id != actor.org_id.to_string() {
        return Err(StoreError::Denied { entity_kind: "community_event", entity_id: row.id, case_id: None });
    }
    to_events(tx, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// The community education events of the actor's organisation held in the period, latest first.
pub fn list_events(
    tx: &mut Tx<'_>,
    actor: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> StoreResult<Vec<CommunityEvent>> {
    require_read(actor)?;
    let mut q = community_events::table.filter(community_events::org_id.eq(actor.org_id.to_string())).into_boxed();
    if let Some(f) = from {
        q = q.filter(community_events::held_on.ge(fmt_date(f)));
    }
    if let Some(t) = to {
        q = q.filter(community_events::held_on.le(fmt_date(t)));
    }
    let rows: Vec<CommunityEventRow> = q
        .order((community_events::held_on.desc(), community_events::created_at.desc(), community_events::id.desc()))
        .select(CommunityEventRow::as_select())
        .load(tx.conn)?;
    to_events(tx, rows)
}

// ---------------------------------------------------------------------------------------------
// The summary

/// The totals of the trainings and events of a period.
pub fn summarise(
    trainings: &[Training],
    events: &[CommunityEvent],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> EngagementSummary {
    let trainings: Vec<&Training> = trainings.iter().filter(|t| within(t.starts_on, from, to)).collect();
    let events: Vec<&CommunityEvent> = events.iter().filter(|e| within(e.held_on, from, to)).collect();
    let mut people = Audience::default();
    let mut pairs: Vec<ScorePair> = Vec::new();
    let mut topics: BTreeMap<usize, TopicTotal> = BTreeMap::new();
    let slot = |topics: &mut BTreeMap<usize, TopicTotal>, topic: EngagementTopic| {
        let rank = EngagementTopic::ALL.iter().position(|t| *t == topic).unwrap_or(usize::MAX);
        topics
            .entry(rank)
            .or_insert(TopicTotal { topic, trainings: 0, people_trained: 0, events: 0, people_reached: 0 })
            .clone()
    };
    for t in &trainings {
        people.add(&t.audience);
        pairs.extend(t.scores.iter().map(|s| ScorePair { pre: s.pre, post: s.post }));
        for topic in &t.topics {
            let mut total = slot(&mut topics, *topic);
            total.trainings += 1;
            total.people_trained = total.people_trained.saturating_add(t.participants);
            let rank = EngagementTopic::ALL.iter().position(|x| x == topic).unwrap_or(usize::MAX);
            topics.insert(rank, total);
        }
    }
    let mut reached = 0i64;
    let mut online = 0i64;
    for e in &events {
        reached = reached.saturating_add(e.people_reached);
        online = online.saturating_add(e.online_reach.unwrap_or(0));
        for topic in &e.topics {
            let mut total = slot(&mut topics, *topic);
            total.events += 1;
            total.people_reached = total.people_reached.saturating_add(e.people_reached);
            let rank = EngagementTopic::ALL.iter().position(|x| x == topic).unwrap_or(usize::MAX);
            topics.insert(rank, total);
        }
    }
    EngagementSummary {
        from,
        to,
        trainings: i64::try_from(trainings.len()).unwrap_or(i64::MAX),
        people_trained_total: people.total(),
        people_trained: people,
        knowledge: knowledge_change(&pairs),
        events: i64::try_from(events.len()).unwrap_or(i64::MAX),
        people_reached: reached,
        online_reach: online,
        by_topic: topics.into_values().collect(),
    }
}

/// The summary of the actor's organisation's engagement over the period.
pub fn summary(
    tx: &mut Tx<'_>,
    actor: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> StoreResult<EngagementSummary> {
    let trainings = list_trainings(tx, actor, from, to)?;
    let events = list_events(tx, actor, from, to)?;
    Ok(summarise(&trainings, &events, from, to))
}
