//! Follow-up with survivors (issue 8): support plans and goals, services delivered, follow-up
//! visits (across borders too), the six-domain outcome assessment, what is overdue, and closing a
//! case once every victim's outcomes allow it (proposed, then decided by another person, a manager).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use uuid::Uuid;

use counternet_domain::followup::{
    AssessmentInput, ClosureDecisionInput, ClosureProposalInput, GoalInput, GoalStatusInput, PlanInput, ServiceInput,
    VisitInput,
};
use counternet_store::followup::{
    self, Assessment, Closure, ClosureState, FollowUp, Goal, OverdueFollowUp, Plan, Service, Visit,
};

use super::{read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::AppState;

/// A victim's follow-up: support plans with their goals, services delivered, visits, outcome
/// assessments (oldest first), and when the next visit and the next assessment are due (six months
/// after intake, then yearly) and whether they are overdue.
#[utoipa::path(get, path = "/api/v1/cases/{id}/victims/{party}/follow-up", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path)),
    responses((status = 200, body = FollowUp), (status = 404, body = ErrorBody)))]
pub async fn get_follow_up(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party)): ApiPath<(Uuid, Uuid)>,
) -> ApiResult<Json<FollowUp>> {
    let today = state.store.now().date_naive();
    Ok(Json(read(&state, auth.actor(), move |tx, a| followup::follow_up(tx, a, id, party, today)).await?))
}

/// Start a support plan for a victim of the case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/victims/{party}/plans", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path)), request_body = PlanInput,
    responses((status = 201, body = Plan), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_plan(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<PlanInput>,
) -> ApiResult<(StatusCode, Json<Plan>)> {
    let new = input.validate(super::latest_today(&state));
    let plan = write(&state, auth.actor(), move |tx, a| {
        // The case's scope first: a user who may not see it learns nothing from the body.
        counternet_store::cases::editable(tx, a, id)?;
        followup::create_plan(tx, a, id, party, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(plan)))
}

/// Add a goal to one of the victim's plans: its HTCDS support-plan type, what it is, a target date.
#[utoipa::path(post, path = "/api/v1/cases/{id}/victims/{party}/goals", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path)), request_body = GoalInput,
    responses((status = 201, body = Goal), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_goal(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<GoalInput>,
) -> ApiResult<(StatusCode, Json<Goal>)> {
    let new = input.validate();
    let goal = write(&state, auth.actor(), move |tx, a| {
        counternet_store::cases::editable(tx, a, id)?;
        followup::add_goal(tx, a, id, party, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(goal)))
}

/// Mark a goal open, achieved or dropped.
#[utoipa::path(post, path = "/api/v1/cases/{id}/victims/{party}/goals/{goal}/status", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path), ("goal" = Uuid, Path)), request_body = GoalStatusInput,
    responses((status = 200, body = Goal), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn set_goal_status(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party, goal)): ApiPath<(Uuid, Uuid, Uuid)>,
    ApiJson(input): ApiJson<GoalStatusInput>,
) -> ApiResult<Json<Goal>> {
    Ok(Json(
        write(&state, auth.actor(), move |tx, a| followup::set_goal_status(tx, a, id, party, goal, input.status))
            .await?,
    ))
}

/// Record a service delivered to the victim (care, education, job training, health, legal aid,
/// shelter, financial support, other), by our organisation or a partner, for a goal or not.
#[utoipa::path(post, path = "/api/v1/cases/{id}/victims/{party}/services", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path)), request_body = ServiceInput,
    responses((status = 201, body = Service), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_service(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<ServiceInput>,
) -> ApiResult<(StatusCode, Json<Service>)> {
    let new = input.validate(super::latest_today(&state));
    let service = write(&state, auth.actor(), move |tx, a| {
        counternet_store::cases::editable(tx, a, id)?;
        followup::add_service(tx, a, id, party, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(service)))
}

/// Record a follow-up visit (in Thailand or across the border): the day, the country (ISO 3166
/// alpha-3), the place, who went, the travel dates, notes and when the next visit is due.
#[utoipa::path(post, path = "/api/v1/cases/{id}/victims/{party}/visits", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path)), request_body = VisitInput,
    responses((status = 201, body = Visit), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_visit(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<VisitInput>,
) -> ApiResult<(StatusCode, Json<Visit>)> {
    let new = input.validate(super::latest_today(&state));
    let visit = write(&state, auth.actor(), move |tx, a| {
        counternet_store::cases::editable(tx, a, id)?;
        followup::add_visit(tx, a, id, party, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(visit)))
}

/// Record an outcome assessment: intake, six months, yearly or other, with its six scores (safety,
/// legal protection, mental wellbeing, economic empowerment and education, social support,
/// physical wellbeing), each 1 (most vulnerable) to 4.
#[utoipa::path(post, path = "/api/v1/cases/{id}/victims/{party}/assessments", tag = "follow-up",
    params(("id" = Uuid, Path), ("party" = Uuid, Path)), request_body = AssessmentInput,
    responses((status = 201, body = Assessment), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_assessment(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath((id, party)): ApiPath<(Uuid, Uuid)>,
    ApiJson(input): ApiJson<AssessmentInput>,
) -> ApiResult<(StatusCode, Json<Assessment>)> {
    let new = input.validate(super::latest_today(&state));
    let assessment = write(&state, auth.actor(), move |tx, a| {
        counternet_store::cases::editable(tx, a, id)?;
        followup::add_assessment(tx, a, id, party, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(assessment)))
}

/// Overdue visits and assessments of the victims of the open cases the user sees, the longest
/// overdue first.
#[utoipa::path(get, path = "/api/v1/follow-ups/overdue", tag = "follow-up",
    responses((status = 200, body = Vec<OverdueFollowUp>)))]
pub async fn overdue(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<OverdueFollowUp>>> {
    let today = state.store.now().date_naive();
    Ok(Json(read(&state, auth.actor(), move |tx, a| followup::overdue(tx, a, today)).await?))
}

/// Where the case stands on closure: the latest proposal and whether the outcome scores allow one.
#[utoipa::path(get, path = "/api/v1/cases/{id}/closure", tag = "follow-up", params(("id" = Uuid, Path)),
    responses((status = 200, body = ClosureState), (status = 404, body = ErrorBody)))]
pub async fn get_closure(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<ClosureState>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| followup::closure_state(tx, a, id)).await?))
}

/// Propose the case for closure, with the reason. Refused (409 closure_not_allowed) unless the
/// latest assessment of every victim of the case scores at least 3 in every domain.
#[utoipa::path(post, path = "/api/v1/cases/{id}/closure", tag = "follow-up", params(("id" = Uuid, Path)),
    request_body = ClosureProposalInput,
    responses((status = 201, body = Closure), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose_closure(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ClosureProposalInput>,
) -> ApiResult<(StatusCode, Json<Closure>)> {
    let closure = write(&state, auth.actor(), move |tx, a| followup::propose_closure(tx, a, id, &input.reason)).await?;
    Ok((StatusCode::CREATED, Json(closure)))
}

/// Approve (the case becomes closed) or reject (with a note) the pending closure proposal: a
/// manager other than who proposed it.
#[utoipa::path(post, path = "/api/v1/cases/{id}/closure/decision", tag = "follow-up", params(("id" = Uuid, Path)),
    request_body = ClosureDecisionInput,
    responses((status = 200, body = Closure), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_closure(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ClosureDecisionInput>,
) -> ApiResult<Json<Closure>> {
    Ok(Json(
        write(&state, auth.actor(), move |tx, a| followup::decide_closure(tx, a, id, input.approve, input.note))
            .await?,
    ))
}
