//! Proceedings of a case and what happens in court (issue 8; docs/decisions/0019), seen and
//! changed with their case; the hearings to come for the home page and the calendar; and each
//! user's calendar-feed token (only its hash is kept).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::proceedings::{
    Charge, CourtEventKind, NewCourtEvent, NewProceeding, ProceedingKind, ProceedingStatus,
};
use counternet_domain::vocab::CaseRole;
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::cases;
use crate::clock::{fmt_time, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{CalendarTokenRow, CourtEventRow, DefendantRow, ProceedingRow};
use crate::schema::{calendar_tokens, case_parties, court_events, proceeding_defendants, proceedings, users};
use crate::scope::Scope;
use crate::{new_id, parse_uuid, parties, Tx};

const LOCAL: &str = "%Y-%m-%dT%H:%M:%S";

fn fmt_local(t: NaiveDateTime) -> String {
    t.format(LOCAL).to_string()
}

fn parse_local(s: &str) -> StoreResult<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, LOCAL).map_err(|_| StoreError::corrupt("a stored local time"))
}

/// A defendant, named as the reader may see them.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Defendant {
    pub party_id: Uuid,
    pub name: Option<String>,
}

/// Something that happens (or will happen) in court.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CourtEvent {
    pub id: Uuid,
    pub proceeding_id: Uuid,
    pub case_id: Uuid,
    pub kind: CourtEventKind,
    /// Local time (Thailand).
    #[schema(value_type = String)]
    pub starts_at: NaiveDateTime,
    pub place: Option<String>,
    pub outcome: Option<String>,
    pub notes: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// A proceeding with its defendants and court events, oldest event first.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Proceeding {
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: ProceedingKind,
    pub court: String,
    pub black_case_number: Option<String>,
    pub red_case_number: Option<String>,
    pub prosecutor: Option<String>,
    pub charges: Vec<Charge>,
    pub status: ProceedingStatus,
    pub notes: Option<String>,
    pub defendants: Vec<Defendant>,
    pub events: Vec<CourtEvent>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

fn to_event(r: CourtEventRow) -> StoreResult<CourtEvent> {
    Ok(CourtEvent {
        id: parse_uuid(&r.id)?,
        proceeding_id: parse_uuid(&r.proceeding_id)?,
        case_id: parse_uuid(&r.case_id)?,
        kind: CourtEventKind::from_code(&r.kind).ok_or_else(|| StoreError::corrupt("court event kind"))?,
        starts_at: parse_local(&r.starts_at)?,
        place: r.place,
        outcome: r.outcome,
        notes: r.notes,
        recorded_by: parse_uuid(&r.recorded_by)?,
        recorded_at: parse_time(&r.recorded_at)?,
    })
}

fn to_proceedings(tx: &mut Tx<'_>, actor: &Actor, rows: Vec<ProceedingRow>) -> StoreResult<Vec<Proceeding>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut defendants: HashMap<String, Vec<Uuid>> = HashMap::new();
    let mut events: HashMap<String, Vec<CourtEvent>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let ds: Vec<DefendantRow> = proceeding_defendants::table
            .filter(proceeding_defendants::proceeding_id.eq_any(chunk))
            .select(DefendantRow::as_select())
            .load(tx.conn)?;
        for d in ds {
            defendants.entry(d.proceeding_id).or_default().push(parse_uuid(&d.party_id)?);
        }
        let es: Vec<CourtEventRow> = court_events::table
            .filter(court_events::proceeding_id.eq_any(chunk))
            .order((court_events::starts_at.asc(), court_events::id.asc()))
            .select(CourtEventRow::as_select())
            .load(tx.conn)?;
        for e in es {
            events.entry(e.proceeding_id.clone()).or_default().push(to_event(e)?);
        }
    }
    let all: Vec<Uuid> = defendants.values().flatten().copied().collect();
    let names: HashMap<Uuid, String> =
        parties::visible_among(tx, actor, &all)?.into_iter().map(|p| (p.id, p.name)).collect();
    rows.into_iter()
        .map(|r| {
            let mut ds: Vec<Defendant> = defendants
                .remove(&r.id)
                .unwrap_or_default()
                .into_iter()
                .map(|id| Defendant { party_id: id, name: names.get(&id).cloned() })
                .collect();
            ds.sort_by_key(|d| d.party_id);
            Ok(Proceeding {
                id: parse_uuid(&r.id)?,
                case_id: parse_uuid(&r.case_id)?,
                kind: ProceedingKind::from_code(&r.kind).ok_or_else(|| StoreError::corrupt("proceeding kind"))?,
                court: r.court,
                black_case_number: r.black_case_number,
                red_case_number: r.red_case_number,
                prosecutor: r.prosecutor,
                charges: serde_json::from_str(&r.charges).map_err(|_| StoreError::corrupt("charges"))?,
                status: ProceedingStatus::from_code(&r.status)
                    .ok_or_else(|| StoreError::corrupt("proceeding status"))?,
                notes: r.notes,
                defendants: ds,
                events: events.remove(&r.id).unwrap_or_default(),
                created_by: parse_uuid(&r.created_by)?,
                created_at: parse_time(&r.created_at)?,
            })
        })
        .collect()
}

fn visible_row(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<ProceedingRow> {
    let row: ProceedingRow = proceedings::table
        .find(id.to_string())
        .select(ProceedingRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    cases::visible(tx, actor, parse_uuid(&row.case_id)?)?;
    Ok(row)
}

/// Whether the actor may see a proceeding (its case), reading its row only.
pub fn check_visible(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<()> {
    visible_row(tx, actor, id).map(|_| ())
}

/// One proceeding of a case the actor may see.
pub fn get(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<Proceeding> {
    let row = visible_row(tx, actor, id)?;
    to_proceedings(tx, actor, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// The proceedings of a case, oldest first.
pub fn list_for_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Proceeding>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<ProceedingRow> = proceedings::table
        .filter(proceedings::case_id.eq(case_id.to_string()))
        .order((proceedings::created_at.asc(), proceedings::id.asc()))
        .select(ProceedingRow::as_select())
        .load(tx.conn)?;
    to_proceedings(tx, actor, rows)
}

fn check_defendants(tx: &mut Tx<'_>, case_id: Uuid, defendants: &[Uuid]) -> StoreResult<()> {
    for (i, d) in defendants.iter().enumerate() {
        let n: i64 = case_parties::table
            .filter(case_parties::case_id.eq(case_id.to_string()))
            .filter(case_parties::party_id.eq(d.to_string()))
            .filter(case_parties::role.eq(CaseRole::Perpetrator.code()))
            .count()
            .get_result(tx.conn)?;
        if n == 0 {
            return Err(ValidationError::new(
                format!("defendants[{i}]"),
                "not_a_perpetrator",
                "a defendant is a perpetrator of this case",
            )
            .into());
        }
    }
    Ok(())
}

/// Records a proceeding of a case.
pub fn create(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewProceeding) -> StoreResult<Proceeding> {
    let case = cases::editable(tx, actor, case_id)?;
    check_defendants(tx, case_id, &new.defendants)?;
    let now = fmt_time(tx.now);
    let row = ProceedingRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        kind: new.kind.code().into(),
        court: new.court,
        black_case_number: new.black_case_number,
        red_case_number: new.red_case_number,
        prosecutor: new.prosecutor,
        charges: serde_json::to_string(&new.charges).map_err(|_| StoreError::corrupt("charges"))?,
        status: new.status.code().into(),
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: now.clone(),
        updated_at: now,
    };
    diesel::insert_into(proceedings::table).values(&row).execute(tx.conn)?;
    for d in &new.defendants {
        let dr = DefendantRow { proceeding_id: row.id.clone(), party_id: d.to_string() };
        diesel::insert_into(proceeding_defendants::table).values(&dr).execute(tx.conn)?;
    }
    tx.audit(AuditEvent::new("proceeding.create", "proceeding", &row.id).in_case(case_id).detail(serde_json::json!({
        "kind": row.kind, "court": row.court, "status": row.status, "defendants": new.defendants.len(),
        "charges": new.charges.len(),
    })));
    get(tx, actor, parse_uuid(&row.id)?)
}

/// What may change on a proceeding.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProceedingPatch {
    pub status: Option<ProceedingStatus>,
    pub black_case_number: Option<String>,
    pub red_case_number: Option<String>,
    pub prosecutor: Option<String>,
}

/// Changes a proceeding's status, case numbers or prosecutor.
pub fn update(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, patch: ProceedingPatch) -> StoreResult<Proceeding> {
    let row = visible_row(tx, actor, id)?;
    let case_id = parse_uuid(&row.case_id)?;
    cases::editable(tx, actor, case_id)?;
    let text = |field: &str, v: Option<String>, old: Option<String>| -> StoreResult<Option<String>> {
        match v {
            None => Ok(old),
            Some(s) => Ok(counternet_domain::validation::optional_text(field, Some(&s), 300)?),
        }
    };
    let status = patch.status.map_or(row.status.clone(), |s| s.code().to_string());
    let black = text("black_case_number", patch.black_case_number, row.black_case_number.clone())?;
    let red = text("red_case_number", patch.red_case_number, row.red_case_number.clone())?;
    let prosecutor = text("prosecutor", patch.prosecutor, row.prosecutor.clone())?;
    diesel::update(proceedings::table.find(&row.id))
        .set((
            proceedings::status.eq(&status),
            proceedings::black_case_number.eq(&black),
            proceedings::red_case_number.eq(&red),
            proceedings::prosecutor.eq(&prosecutor),
            proceedings::updated_at.eq(fmt_time(tx.now)),
        ))
        .execute(tx.conn)?;
    tx.audit(AuditEvent::new("proceeding.update", "proceeding", &row.id).in_case(case_id).detail(serde_json::json!({
        "status": {"from": row.status, "to": status},
    })));
    get(tx, actor, id)
}

/// Records a hearing, a deposition, a verdict, a sentence or an appeal.
pub fn add_event(tx: &mut Tx<'_>, actor: &Actor, proceeding_id: Uuid, new: NewCourtEvent) -> StoreResult<CourtEvent> {
    let row = visible_row(tx, actor, proceeding_id)?;
    let case_id = parse_uuid(&row.case_id)?;
    cases::editable(tx, actor, case_id)?;
    let now = fmt_time(tx.now);
    let e = CourtEventRow {
        id: new_id().to_string(),
        proceeding_id: row.id.clone(),
        case_id: row.case_id.clone(),
        kind: new.kind.code().into(),
        starts_at: fmt_local(new.starts_at),
        place: new.place,
        outcome: new.outcome,
        notes: new.notes,
        recorded_by: actor.user_id.to_string(),
        recorded_at: now.clone(),
        updated_at: now,
    };
    diesel::insert_into(court_events::table).values(&e).execute(tx.conn)?;
    tx.audit(AuditEvent::new("court_event.create", "court_event", &e.id).in_case(case_id).detail(serde_json::json!({
        "proceeding_id": row.id, "kind": e.kind, "starts_at": e.starts_at,
    })));
    to_event(e)
}

/// Records what came of a court event.
pub fn set_outcome(tx: &mut Tx<'_>, actor: &Actor, event_id: Uuid, outcome: Option<String>) -> StoreResult<CourtEvent> {
    let e: CourtEventRow = court_events::table
        .find(event_id.to_string())
        .select(CourtEventRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    let case_id = parse_uuid(&e.case_id)?;
    cases::editable(tx, actor, case_id)?;
    let outcome = counternet_domain::validation::optional_text("outcome", outcome.as_deref(), 4000)?;
    diesel::update(court_events::table.find(&e.id))
        .set((court_events::outcome.eq(&outcome), court_events::updated_at.eq(fmt_time(tx.now))))
        .execute(tx.conn)?;
    tx.audit(AuditEvent::new("court_event.outcome", "court_event", &e.id).in_case(case_id));
    let e: CourtEventRow = court_events::table.find(&e.id).select(CourtEventRow::as_select()).first(tx.conn)?;
    to_event(e)
}

/// A court event to come, with its case's reference and its proceeding's court (no party names).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Upcoming {
    pub event: CourtEvent,
    pub case_reference: String,
    pub court: String,
    pub black_case_number: Option<String>,
}

/// Court events of the actor's cases from `from` (local time) to `until`, soonest first.
pub fn upcoming(
    tx: &mut Tx<'_>,
    actor: &Actor,
    from: NaiveDateTime,
    until: NaiveDateTime,
    limit: i64,
) -> StoreResult<Vec<Upcoming>> {
    let scope = Scope::of(actor);
    let rows: Vec<CourtEventRow> = court_events::table
        .filter(court_events::case_id.eq_any(scope.case_ids()))
        .filter(court_events::starts_at.ge(fmt_local(from)))
        .filter(court_events::starts_at.le(fmt_local(until)))
        .order((court_events::starts_at.asc(), court_events::id.asc()))
        .limit(limit.clamp(1, 1000))
        .select(CourtEventRow::as_select())
        .load(tx.conn)?;
    let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.case_id.parse().ok()).collect();
    let references = cases::references(tx, actor, &ids)?;
    let pids: Vec<String> = rows.iter().map(|r| r.proceeding_id.clone()).collect();
    let courts: HashMap<String, (String, Option<String>)> = proceedings::table
        .filter(proceedings::id.eq_any(&pids))
        .select((proceedings::id, proceedings::court, proceedings::black_case_number))
        .load::<(String, String, Option<String>)>(tx.conn)?
        .into_iter()
        .map(|(id, court, black)| (id, (court, black)))
        .collect();
    rows.into_iter()
        .map(|r| {
            let (court, black) = courts.get(&r.proceeding_id).cloned().unwrap_or_default();
            let event = to_event(r)?;
            Ok(Upcoming {
                case_reference: references.get(&event.case_id).cloned().unwrap_or_default(),
                court,
                black_case_number: black,
                event,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Calendar-feed tokens

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Makes (or replaces) the actor's calendar-feed token and answers it: shown once, only its hash
/// is kept. The old feed address stops working.
pub fn new_calendar_token(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<String> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    diesel::delete(calendar_tokens::table.find(actor.user_id.to_string())).execute(tx.conn)?;
    let row = CalendarTokenRow {
        user_id: actor.user_id.to_string(),
        token_hash: token_hash(&token),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(calendar_tokens::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("calendar.token", "user", actor.user_id));
    Ok(token)
}

/// Stops the actor's calendar feed.
pub fn revoke_calendar_token(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<()> {
    diesel::delete(calendar_tokens::table.find(actor.user_id.to_string())).execute(tx.conn)?;
    tx.audit(AuditEvent::new("calendar.revoke", "user", actor.user_id));
    Ok(())
}

/// Whether the actor has a calendar feed.
pub fn has_calendar_token(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<bool> {
    let n: i64 = calendar_tokens::table
        .filter(calendar_tokens::user_id.eq(actor.user_id.to_string()))
        .count()
        .get_result(tx.conn)?;
    Ok(n > 0)
}

/// The user a calendar-feed token belongs to (enabled users only), with their username.
pub fn calendar_user(tx: &mut Tx<'_>, token: &str) -> StoreResult<Option<(Actor, String)>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let user: Option<String> = calendar_tokens::table
        .filter(calendar_tokens::token_hash.eq(token_hash(token)))
        .select(calendar_tokens::user_id)
        .first(tx.conn)
        .optional()?;
    let Some(user) = user else { return Ok(None) };
    let found: Option<(String, String, String, bool)> = users::table
        .find(&user)
        .select((users::org_id, users::role, users::username, users::disabled))
        .first(tx.conn)
        .optional()?;
    match found {
        Some((org, role, username, false)) => {
            let role = counternet_domain::Role::from_code(&role).ok_or_else(|| StoreError::corrupt("role"))?;
            Ok(Some((Actor { user_id: parse_uuid(&user)?, org_id: parse_uuid(&org)?, role }, username)))
        }
        _ => Ok(None),
    }
}

/// Days a calendar feed looks back, so that yesterday's hearing is still there to open.
pub const CALENDAR_PAST_DAYS: i64 = 30;

/// Days from `today` the home page lists hearings for.
pub const HOME_DAYS: i64 = 30;

/// The local start of `day`.
pub fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).unwrap_or_default()
}
