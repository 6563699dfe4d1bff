//! /api/v1/cases: cases, their team, trafficking events, notes and tasks.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use uuid::Uuid;

use counternet_domain::case::{
    Case, CaseDetail, CaseFilter, CaseInput, CasePatch, EventInput, Note, NoteInput, Page, Task, TaskInput, TaskPatch,
    TeamInput, TeamMember, TraffickingEvent,
};
use counternet_store::cases;

use super::{forbidden, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

/// Open a case. Its creator joins its team.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = CaseInput,
    responses(
        (status = 201, body = Case),
        (status = 400, description = "Not valid JSON", body = ErrorBody),
        (status = 403, description = "Your role may not open cases", body = ErrorBody),
        (status = 422, description = "A field is missing or not valid; `field` names it", body = ErrorBody),
    ))]
pub async fn create_case(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<CaseInput>,
) -> ApiResult<(StatusCode, Json<Case>)> {
    if !auth.actor().role.may_create_cases() {
        return Err(forbidden(&state, &auth, "your role may not open cases").await);
    }
    let today = crate::api::latest_today(&state);
    let new = input.validate(today)?;
    let case = write(&state, auth.actor(), move |tx, a| cases::create(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(case)))
}

/// List the cases you may see, newest first.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(CaseFilter),
    responses((status = 200, body = Page<Case>), (status = 400, body = ErrorBody)))]
pub async fn list_cases(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(filter): ApiQuery<CaseFilter>,
) -> ApiResult<Json<Page<Case>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| cases::list(tx, a, &filter)).await?))
}

/// A case with its team and trafficking events.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", params(("id" = Uuid, Path)),
    responses((status = 200, body = CaseDetail), (status = 404, body = ErrorBody)))]
pub async fn get_case(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<CaseDetail>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| cases::get(tx, a, id)).await?))
}

/// Change a case's title, summary, status, tactics or exploitation types.
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = "cases", params(("id" = Uuid, Path)), request_body = CasePatch,
    responses((status = 200, body = Case), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_case(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<CasePatch>,
) -> ApiResult<Json<Case>> {
    let change = patch.validate()?;
    Ok(Json(write(&state, auth.actor(), move |tx, a| cases::update(tx, a, id, change)).await?))
}

/// Add a colleague of the case's organisation to its team.
#[utoipa::path(post, path = "/api/v1/cases/{id}/team", tag = "cases", params(("id" = Uuid, Path)), request_body = TeamInput,
    responses((status = 200, body = Vec<TeamMember>), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_team_member(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<TeamInput>,
) -> ApiResult<Json<Vec<TeamMember>>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| cases::add_team_member(tx, a, id, input.user_id)).await?))
}

/// Record a trafficking event (recruitment, transit, exploitation) on a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/events", tag = "cases", params(("id" = Uuid, Path)), request_body = EventInput,
    responses((status = 201, body = TraffickingEvent), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_event(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<EventInput>,
) -> ApiResult<(StatusCode, Json<TraffickingEvent>)> {
    let e = input.validate("", crate::api::latest_today(&state))?;
    let ev = write(&state, auth.actor(), move |tx, a| cases::add_event(tx, a, id, e)).await?;
    Ok((StatusCode::CREATED, Json(ev)))
}

/// Add a note to a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/notes", tag = "cases", params(("id" = Uuid, Path)), request_body = NoteInput,
    responses((status = 201, body = Note), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_note(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<NoteInput>,
) -> ApiResult<(StatusCode, Json<Note>)> {
    let note = write(&state, auth.actor(), move |tx, a| cases::add_note(tx, a, id, &input.body)).await?;
    Ok((StatusCode::CREATED, Json(note)))
}

/// A case's notes, newest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/notes", tag = "cases", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Note>), (status = 404, body = ErrorBody)))]
pub async fn list_notes(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Note>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| cases::list_notes(tx, a, id)).await?))
}

/// Add a task with an optional due date and assignee.
#[utoipa::path(post, path = "/api/v1/cases/{id}/tasks", tag = "cases", params(("id" = Uuid, Path)), request_body = TaskInput,
    responses((status = 201, body = Task), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_task(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<TaskInput>,
) -> ApiResult<(StatusCode, Json<Task>)> {
    let task = write(&state, auth.actor(), move |tx, a| cases::add_task(tx, a, id, input)).await?;
    Ok((StatusCode::CREATED, Json(task)))
}

/// A case's tasks: open ones first, soonest due first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/tasks", tag = "cases", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Task>), (status = 404, body = ErrorBody)))]
pub async fn list_tasks(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Task>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| cases::list_tasks(tx, a, id)).await?))
}

/// Mark a task done or open, move its due date, rename or reassign it.
#[utoipa::path(patch, path = "/api/v1/cases/{id}/tasks/{task_id}", tag = "cases",
    params(("id" = Uuid, Path), ("task_id" = Uuid, Path)), request_body = TaskPatch,
    responses((status = 200, body = Task), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_task(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, task_id)): ApiPath<(Uuid, Uuid)>,
    ApiJson(patch): ApiJson<TaskPatch>,
) -> ApiResult<Json<Task>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| cases::update_task(tx, a, id, task_id, patch)).await?))
}

/// Your open tasks across the cases you may see, soonest due first (overdue ones lead).
#[utoipa::path(get, path = "/api/v1/tasks", tag = "cases", responses((status = 200, body = Vec<Task>)))]
pub async fn my_tasks(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<Task>>> {
    Ok(Json(read(&state, auth.actor(), |tx, a| cases::my_open_tasks(tx, a, 200)).await?))
}
