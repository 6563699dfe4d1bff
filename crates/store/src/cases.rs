//! Cases with their team, trafficking events, notes and tasks. Every function takes the actor and
//! reaches only what their scope allows.

use chrono::Datelike;
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use counternet_domain::case::{
    Case, CaseChange, CaseDetail, CaseFilter, NewCase, NewEvent, Note, Page, Task, TeamMember, TraffickingEvent,
};
use counternet_domain::validation::required_text;
use counternet_domain::vocab::{CaseStatus, EventStage, RecruitmentMethod};
use counternet_domain::{Actor, Role, ValidationError};

use crate::audit::AuditEvent;
use crate::clock::{fmt_date, fmt_time, parse_date, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{CaseRow, CounterRow, EventRow, NoteRow, TaskRow, TeamRow, UserRow};
use crate::schema::{case_team, cases, counters, notes, tasks, trafficking_events, users};
use crate::scope::Scope;
use crate::{new_id, parse_uuid, Tx};

pub(crate) fn json_list<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn parse_list<T: DeserializeOwned>(text: &str) -> StoreResult<Vec<T>> {
    serde_json::from_str(text).map_err(|_| StoreError::corrupt("a stored list is not valid"))
}

pub(crate) fn to_case(r: CaseRow) -> StoreResult<Case> {
    Ok(Case {
        id: parse_uuid(&r.id)?,
        org_id: parse_uuid(&r.org_id)?,
        reference: r.reference,
        title: r.title,
        summary: r.summary,
        status: CaseStatus::from_code(&r.status).ok_or_else(|| StoreError::corrupt("unknown case status"))?,
        tactics: parse_list(&r.tactics)?,
        exploitation_types: parse_list(&r.exploitation_types)?,
        control_methods: parse_list(&r.control_methods)?,
        opened_on: parse_date(&r.opened_on)?,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
        updated_at: parse_time(&r.updated_at)?,
    })
}

pub(crate) fn to_event(r: EventRow) -> StoreResult<TraffickingEvent> {
    Ok(TraffickingEvent {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        stage: EventStage::from_code(&r.stage).ok_or_else(|| StoreError::corrupt("unknown event stage"))?,
        occurred_on: parse_opt_date(r.occurred_on.as_deref())?,
        place: r.place,
        country: r.country,
        latitude: r.latitude,
        longitude: r.longitude,
        recruitment_method: r
            .recruitment_method
            .as_deref()
            .map(|c| RecruitmentMethod::from_code(c).ok_or_else(|| StoreError::corrupt("unknown recruitment method")))
            .transpose()?,
        apps: parse_list(&r.apps)?,
        notes: r.notes,
        created_at: parse_time(&r.created_at)?,
    })
}

/// The next value of a named counter (inside the write transaction, under the audit lock).
pub(crate) fn next_counter(tx: &mut Tx<'_>, name: &str) -> StoreResult<i64> {
    let current: Option<i64> = counters::table.find(name).select(counters::value).first(tx.conn).optional()?;
    let next = current.unwrap_or(0) + 1;
    if current.is_some() {
        diesel::update(counters::table.find(name)).set(counters::value.eq(next)).execute(tx.conn)?;
    } else {
        diesel::insert_into(counters::table)
            .values(&CounterRow { name: name.to_string(), value: next })
            .execute(tx.conn)?;
    }
    Ok(next)
}

/// A case the actor may see, or `Denied` (the record exists) / `NotFound`.
pub fn visible(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<CaseRow> {
    let scope = Scope::of(actor);
    let found = cases::table
        .filter(cases::id.eq(id.to_string()))
        .filter(scope.cases())
        .select(CaseRow::as_select())
        .first(tx.conn)
        .optional()?;
    match found {
        Some(row) => Ok(row),
        None => Err(denied_or_missing(tx, id)?),
    }
}

fn denied_or_missing(tx: &mut Tx<'_>, id: Uuid) -> StoreResult<StoreError> {
    let exists: i64 = cases::table.filter(cases::id.eq(id.to_string())).count().get_result(tx.conn)?;
    Ok(if exists > 0 {
        StoreError::Denied { entity_kind: "case", entity_id: id.to_string(), case_id: Some(id.to_string()) }
    } else {
        StoreError::NotFound
    })
}

/// A case the actor may see and change.
pub fn editable(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<CaseRow> {
    let row = visible(tx, actor, id)?;
    if !actor.role.may_edit_cases() {
        return Err(StoreError::Forbidden("your role may read this case but not change it"));
    }
    Ok(row)
}

/// Opens a case; its creator joins its team.
pub fn create(tx: &mut Tx<'_>, actor: &Actor, new: NewCase) -> StoreResult<Case> {
    if !actor.role.may_create_cases() {
        return Err(StoreError::Forbidden("your role may not open cases"));
    }
    let year = new.opened_on.year();
    let n = next_counter(tx, &format!("case_reference_{year}"))?;
    let now = fmt_time(tx.now);
    let row = CaseRow {
        id: new_id().to_string(),
        org_id: actor.org_id.to_string(),
        reference: format!("CN-{year}-{n:05}"),
        title: new.title,
        summary: new.summary,
        status: new.status.code().into(),
        tactics: json_list(&new.tactics),
        exploitation_types: json_list(&new.exploitation_types),
        control_methods: json_list(&new.control_methods),
        opened_on: fmt_date(new.opened_on),
        created_by: actor.user_id.to_string(),
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    diesel::insert_into(cases::table).values(&row).execute(tx.conn)?;
    diesel::insert_into(case_team::table)
        .values(&TeamRow {
            case_id: row.id.clone(),
            user_id: actor.user_id.to_string(),
            added_by: actor.user_id.to_string(),
            added_at: now,
        })
        .execute(tx.conn)?;
    let case_id = parse_uuid(&row.id)?;
    tx.audit(
        AuditEvent::new("case.create", "case", &row.id)
            .in_case(&row.id)
            .detail(serde_json::json!({"reference": row.reference, "events": new.events.len()})),
    );
    for e in new.events {
        insert_event(tx, actor, case_id, e)?;
    }
    to_case(row)
}

/// A case with its team and trafficking events.
pub fn get(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<CaseDetail> {
    let row = visible(tx, actor, id)?;
    let team = team(tx, id)?;
    let events = trafficking_events::table
        .filter(trafficking_events::case_id.eq(id.to_string()))
        .order((
            trafficking_events::occurred_on.is_null(),
            trafficking_events::occurred_on.asc(),
            trafficking_events::created_at.asc(),
        ))
        .select(EventRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_event)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(CaseDetail { case: to_case(row)?, team, events })
}

fn team(tx: &mut Tx<'_>, id: Uuid) -> StoreResult<Vec<TeamMember>> {
    case_team::table
        .inner_join(users::table)
        .filter(case_team::case_id.eq(id.to_string()))
        .order(case_team::added_at.asc())
        .select((TeamRow::as_select(), UserRow::as_select()))
        .load::<(TeamRow, UserRow)>(tx.conn)?
        .into_iter()
        .map(|(t, u)| {
            Ok(TeamMember {
                user_id: parse_uuid(&u.id)?,
                role: Role::from_code(&u.role).ok_or_else(|| StoreError::corrupt("unknown role"))?,
                username: u.username,
                added_at: parse_time(&t.added_at)?,
            })
        })
        .collect()
}

/// Lists the cases the actor may see, newest first, filtered and paged.
pub fn list(tx: &mut Tx<'_>, actor: &Actor, filter: &CaseFilter) -> StoreResult<Page<Case>> {
    let per_page = filter.per_page.unwrap_or(50).clamp(1, 200);
    let page = filter.page.unwrap_or(1).max(1);
    let scope = Scope::of(actor);
    let build = || {
        let mut q = cases::table.filter(scope.cases()).into_boxed();
        if let Some(s) = filter.status {
            q = q.filter(cases::status.eq(s.code()));
        }
        if let Some(t) = filter.tactic {
            q = q.filter(cases::tactics.like(format!("%\"{}\"%", t.code())));
        }
        if let Some(x) = filter.exploitation_type {
            q = q.filter(cases::exploitation_types.like(format!("%\"{}\"%", x.code())));
        }
        if let Some(m) = filter.member {
            q = q.filter(
                cases::id
                    .eq_any(case_team::table.filter(case_team::user_id.eq(m.to_string())).select(case_team::case_id)),
            );
        }
        if let Some(from) = filter.opened_from {
            q = q.filter(cases::opened_on.ge(fmt_date(from)));
        }
        if let Some(to) = filter.opened_to {
            q = q.filter(cases::opened_on.le(fmt_date(to)));
        }
        if let Some(words) = filter.q.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            let pattern = format!("%{}%", escape_like(&words.to_lowercase()));
            q = q.filter(
                lower(cases::title)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(cases::reference).like(pattern).escape('\\')),
            );
        }
        q
    };
    let total: i64 = build().count().get_result(tx.conn)?;
    let items = build()
        .order((cases::created_at.desc(), cases::id.desc()))
        .limit(i64::from(per_page))
        .offset(i64::from(page - 1) * i64::from(per_page))
        .select(CaseRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_case)
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Page { items, page, per_page, total: u64::try_from(total).unwrap_or(0) })
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

pub(crate) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Changes a case's fields. The audit entry names the fields that really changed and, for the
/// classification (status, tactics, types of exploitation: codes, never personal data), what it was
/// and what it became, so the case's history shows how its classification moved over time (a child
/// sexual abuse material case that became a trafficking case). A change that changes nothing writes
/// nothing.
pub fn update(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, change: CaseChange) -> StoreResult<Case> {
    let mut row = editable(tx, actor, id)?;
    let before = row.clone();
    if let Some(t) = change.title {
        row.title = t;
    }
    if let Some(s) = change.summary {
        row.summary = s;
    }
    if let Some(s) = change.status {
        row.status = s.code().into();
    }
    if let Some(t) = change.tactics {
        row.tactics = json_list(&t);
    }
    if let Some(x) = change.exploitation_types {
        row.exploitation_types = json_list(&x);
    }
    if let Some(x) = change.control_methods {
        row.control_methods = json_list(&x);
    }
    // Lists are sets: the same codes in another order are no change (and keep their stored order).
    if same_codes(&row.tactics, &before.tactics) {
        row.tactics = before.tactics.clone();
    }
    if same_codes(&row.exploitation_types, &before.exploitation_types) {
        row.exploitation_types = before.exploitation_types.clone();
    }
    if same_codes(&row.control_methods, &before.control_methods) {
        row.control_methods = before.control_methods.clone();
    }
    let mut fields: Vec<&'static str> = Vec::new();
    let mut classification = serde_json::Map::new();
    if row.title != before.title {
        fields.push("title");
    }
    if row.summary != before.summary {
        fields.push("summary");
    }
    for (name, was, now) in [
        ("status", &before.status, &row.status),
        ("tactics", &before.tactics, &row.tactics),
        ("exploitation_types", &before.exploitation_types, &row.exploitation_types),
        ("control_methods", &before.control_methods, &row.control_methods),
    ] {
        if was != now {
            fields.push(name);
            let value = |raw: &str| {
                if name == "status" {
                    serde_json::Value::String(raw.to_string())
                } else {
                    serde_json::from_str(raw).unwrap_or(serde_json::Value::Null)
                }
            };
            classification.insert(name.into(), serde_json::json!({"from": value(was), "to": value(now)}));
        }
    }
    if fields.is_empty() {
        return to_case(row);
    }
    row.updated_at = fmt_time(tx.now);
    diesel::update(cases::table.find(&row.id))
        .set((
            cases::title.eq(&row.title),
            cases::summary.eq(&row.summary),
            cases::status.eq(&row.status),
            cases::tactics.eq(&row.tactics),
            cases::exploitation_types.eq(&row.exploitation_types),
            cases::control_methods.eq(&row.control_methods),
            cases::updated_at.eq(&row.updated_at),
        ))
        .execute(tx.conn)?;
    let mut detail = serde_json::Map::new();
    detail.insert("fields".into(), serde_json::json!(fields));
    if !classification.is_empty() {
        detail.insert("changes".into(), serde_json::Value::Object(classification));
    }
    let detail = serde_json::Value::Object(detail);
    tx.audit(AuditEvent::new("case.update", "case", &row.id).in_case(&row.id).detail(detail));
    to_case(row)
}

/// Two stored code lists (JSON arrays) hold the same codes, whatever their order.
fn same_codes(a: &str, b: &str) -> bool {
    let set = |raw: &str| serde_json::from_str::<std::collections::BTreeSet<String>>(raw).ok();
    match (set(a), set(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Adds a colleague to a case's team. Managers of the case's organisation and team members who
/// work the case may do so; the colleague must belong to the case's organisation and work cases.
pub fn add_team_member(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, user_id: Uuid) -> StoreResult<Vec<TeamMember>> {
    let row = editable(tx, actor, case_id)?;
    let user = users::table
        .find(user_id.to_string())
        .select(UserRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or_else(|| ValidationError::new("user_id", "unknown_user", "no such user"))?;
    let role = Role::from_code(&user.role).ok_or_else(|| StoreError::corrupt("unknown role"))?;
    if user.disabled {
        return Err(ValidationError::new("user_id", "disabled_user", "that user is disabled").into());
    }
    if user.org_id != row.org_id || !role.works_cases() {
        return Err(ValidationError::new(
            "user_id",
            "not_eligible",
            "only case workers of the case's own organisation join its team",
        )
        .into());
    }
    let already: i64 = case_team::table
        .filter(case_team::case_id.eq(&row.id))
        .filter(case_team::user_id.eq(&user.id))
        .count()
        .get_result(tx.conn)?;
    if already == 0 {
        diesel::insert_into(case_team::table)
            .values(&TeamRow {
                case_id: row.id.clone(),
                user_id: user.id.clone(),
                added_by: actor.user_id.to_string(),
                added_at: fmt_time(tx.now),
            })
            .execute(tx.conn)?;
        tx.audit(
            AuditEvent::new("case.team_add", "case", &row.id)
                .in_case(&row.id)
                .detail(serde_json::json!({"user_id": user.id})),
        );
    }
    team(tx, case_id)
}

/// Takes a colleague off a case's team: the same people who may add one may remove one. A case
/// keeps at least one team member.
pub fn remove_team_member(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    user_id: Uuid,
) -> StoreResult<Vec<TeamMember>> {
    let row = editable(tx, actor, case_id)?;
    let members: Vec<String> =
        case_team::table.filter(case_team::case_id.eq(&row.id)).select(case_team::user_id).load(tx.conn)?;
    let user = user_id.to_string();
    if !members.contains(&user) {
        return Err(ValidationError::new("user_id", "not_on_team", "that user is not on the case's team").into());
    }
    if members.len() <= 1 {
        return Err(ValidationError::new("user_id", "last_member", "a case keeps at least one team member").into());
    }
    diesel::delete(case_team::table.filter(case_team::case_id.eq(&row.id)).filter(case_team::user_id.eq(&user)))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("case.team_remove", "case", &row.id)
            .in_case(&row.id)
            .detail(serde_json::json!({"user_id": user})),
    );
    team(tx, case_id)
}

/// The colleagues who could join a case's team: enabled case workers of the case's organisation
/// who are not on it yet, by username. Only for those who may change the team.
pub fn team_candidates(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
) -> StoreResult<Vec<counternet_domain::org::User>> {
    let row = editable(tx, actor, case_id)?;
    let working: Vec<&'static str> = Role::ALL.iter().filter(|r| r.works_cases()).map(|r| r.code()).collect();
    let on_team = case_team::table.filter(case_team::case_id.eq(row.id.clone())).select(case_team::user_id);
    users::table
        .filter(users::org_id.eq(&row.org_id))
        .filter(users::disabled.eq(false))
        .filter(users::role.eq_any(working))
        .filter(diesel::dsl::not(users::id.eq_any(on_team)))
        .order(users::username.asc())
        .select(UserRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(crate::users::to_domain)
        .collect()
}

fn insert_event(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, e: NewEvent) -> StoreResult<TraffickingEvent> {
    let row = EventRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        stage: e.stage.code().into(),
        occurred_on: e.occurred_on.map(fmt_date),
        place: e.place,
        country: e.country,
        latitude: e.latitude,
        longitude: e.longitude,
        recruitment_method: e.recruitment_method.map(|m| m.code().to_string()),
        apps: json_list(&e.apps),
        notes: e.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(trafficking_events::table).values(&row).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("case.event_add", "trafficking_event", &row.id)
            .in_case(case_id)
            .detail(serde_json::json!({"stage": row.stage})),
    );
    to_event(row)
}

/// Records a trafficking event on a case.
pub fn add_event(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, e: NewEvent) -> StoreResult<TraffickingEvent> {
    editable(tx, actor, case_id)?;
    insert_event(tx, actor, case_id, e)
}

pub(crate) fn to_note(r: NoteRow) -> StoreResult<Note> {
    Ok(Note {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        body: r.body,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Adds a note to a case. Any team member may write notes, analysts too.
pub fn add_note(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, body: &str) -> StoreResult<Note> {
    visible(tx, actor, case_id)?;
    let body = required_text("body", body, counternet_domain::case::TEXT_MAX)?;
    let row = NoteRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        body,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(notes::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("case.note_add", "note", &row.id).in_case(case_id));
    to_note(row)
}

pub fn list_notes(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Note>> {
    visible(tx, actor, case_id)?;
    notes::table
        .filter(notes::case_id.eq(case_id.to_string()))
        .order(notes::created_at.desc())
        .select(NoteRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_note)
        .collect()
}

fn to_task(r: TaskRow) -> StoreResult<Task> {
    Ok(Task {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        title: r.title,
        due_on: parse_opt_date(r.due_on.as_deref())?,
        assignee_id: r.assignee_id.as_deref().map(parse_uuid).transpose()?,
        done_at: r.done_at.as_deref().map(parse_time).transpose()?,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

fn check_assignee(tx: &mut Tx<'_>, case_id: Uuid, assignee: Uuid) -> StoreResult<()> {
    let on_team: i64 = case_team::table
        .filter(case_team::case_id.eq(case_id.to_string()))
        .filter(case_team::user_id.eq(assignee.to_string()))
        .count()
        .get_result(tx.conn)?;
    if on_team == 0 {
        return Err(ValidationError::new(
            "assignee_id",
            "not_on_team",
            "a task is assigned to someone on the case's team",
        )
        .into());
    }
    Ok(())
}

/// Adds a task with an optional due date and assignee (who must be on the team).
pub fn add_task(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    input: counternet_domain::case::TaskInput,
) -> StoreResult<Task> {
    editable(tx, actor, case_id)?;
    let title = required_text("title", &input.title, counternet_domain::case::TITLE_MAX)?;
    if let Some(a) = input.assignee_id {
        check_assignee(tx, case_id, a)?;
    }
    let row = TaskRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        title,
        due_on: input.due_on.map(fmt_date),
        assignee_id: input.assignee_id.map(|a| a.to_string()),
        done_at: None,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(tasks::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("case.task_add", "task", &row.id).in_case(case_id));
    to_task(row)
}

pub fn list_tasks(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Task>> {
    visible(tx, actor, case_id)?;
    tasks::table
        .filter(tasks::case_id.eq(case_id.to_string()))
        .order((tasks::done_at.is_not_null(), tasks::due_on.is_null(), tasks::due_on.asc(), tasks::created_at.asc()))
        .select(TaskRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_task)
        .collect()
}

/// Marks a task done or open, moves its due date, renames or reassigns it.
pub fn update_task(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    task_id: Uuid,
    patch: counternet_domain::case::TaskPatch,
) -> StoreResult<Task> {
    editable(tx, actor, case_id)?;
    let mut row = tasks::table
        .filter(tasks::id.eq(task_id.to_string()))
        .filter(tasks::case_id.eq(case_id.to_string()))
        .select(TaskRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    if let Some(done) = patch.done {
        row.done_at = match (done, row.done_at.take()) {
            (true, Some(at)) => Some(at),
            (true, None) => Some(fmt_time(tx.now)),
            (false, _) => None,
        };
    }
    if let Some(d) = patch.due_on {
        row.due_on = Some(fmt_date(d));
    }
    if let Some(a) = patch.assignee_id {
        check_assignee(tx, case_id, a)?;
        row.assignee_id = Some(a.to_string());
    }
    if let Some(t) = patch.title {
        row.title = required_text("title", &t, counternet_domain::case::TITLE_MAX)?;
    }
    diesel::update(tasks::table.find(&row.id))
        .set((
            tasks::title.eq(&row.title),
            tasks::due_on.eq(&row.due_on),
            tasks::assignee_id.eq(&row.assignee_id),
            tasks::done_at.eq(&row.done_at),
        ))
        .execute(tx.conn)?;
    tx.audit(AuditEvent::new("case.task_update", "task", &row.id).in_case(case_id));
    to_task(row)
}

/// The references of the given cases that the actor may see, in one query (for lists that show
/// where each item belongs).
pub fn references(
    tx: &mut Tx<'_>,
    actor: &Actor,
    ids: &[Uuid],
) -> StoreResult<std::collections::HashMap<Uuid, String>> {
    let scope = Scope::of(actor);
    let wanted: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    cases::table
        .filter(cases::id.eq_any(&wanted))
        .filter(scope.cases())
        .select((cases::id, cases::reference))
        .load::<(String, String)>(tx.conn)?
        .into_iter()
        .map(|(id, reference)| Ok((parse_uuid(&id)?, reference)))
        .collect()
}

/// Open tasks assigned to the actor, soonest due first (for the home page).
pub fn my_open_tasks(tx: &mut Tx<'_>, actor: &Actor, limit: i64) -> StoreResult<Vec<Task>> {
    let scope = Scope::of(actor);
    tasks::table
        .filter(tasks::assignee_id.eq(actor.user_id.to_string()))
        .filter(tasks::done_at.is_null())
        .filter(tasks::case_id.eq_any(scope.case_ids()))
        // NULLs sort differently on the two backends: put undated tasks last explicitly.
        .order((tasks::due_on.is_null(), tasks::due_on.asc(), tasks::created_at.asc()))
        .limit(limit)
        .select(TaskRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_task)
        .collect()
}
