//! Engagement (issue 8; docs/decisions/0021-engagement.md): the organisation's trainings of judges,
//! prosecutors, attorneys and police with their knowledge tests, its community education events,
//! and the summary of a period. Records of the organisation, not of a case: roles that work cases
//! read them, lawyers, investigators and managers record them, other roles get 403.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::engagement::{period, CommunityEventInput, TrainingInput, TrainingPatch};
use counternet_store::engagement::{self, CommunityEvent, EngagementSummary, Training};

use super::{forbidden, latest_today, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

/// A period of dates, both ends included (either may be left open).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first day (YYYY-MM-DD).
    pub from: Option<NaiveDate>,
    /// The last day (YYYY-MM-DD), on or after `from`.
    pub to: Option<NaiveDate>,
}

const READERS: &str = "your role does not read trainings and community events";
const RECORDERS: &str = "only lawyers, investigators and managers record trainings and community events";

/// Record a training: its days, place, audience by role, topics, trainers, materials, partner
/// organisations, and the knowledge test as pairs of scores (before, after; percent) per
/// participant tested, without names. The change is computed.
#[utoipa::path(post, path = "/api/v1/trainings", tag = "engagement", request_body = TrainingInput,
    responses((status = 201, body = Training), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_training(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<TrainingInput>,
) -> ApiResult<(StatusCode, Json<Training>)> {
    if !auth.actor().role.records_engagement() {
        return Err(forbidden(&state, &auth, RECORDERS).await);
    }
    let new = input.validate(latest_today(&state))?;
    let t = write(&state, auth.actor(), move |tx, a| engagement::create_training(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(t)))
}

/// The organisation's trainings that started in the period, latest first.
#[utoipa::path(get, path = "/api/v1/trainings", tag = "engagement", params(Period),
    responses((status = 200, body = Vec<Training>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_trainings(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(p): ApiQuery<Period>,
) -> ApiResult<Json<Vec<Training>>> {
    if !auth.actor().role.reads_engagement() {
        return Err(forbidden(&state, &auth, READERS).await);
    }
    let (from, to) = period(p.from, p.to)?;
    Ok(Json(read(&state, auth.actor(), move |tx, a| engagement::list_trainings(tx, a, from, to)).await?))
}

/// A training with its knowledge test: each participant's change and the means before and after.
#[utoipa::path(get, path = "/api/v1/trainings/{id}", tag = "engagement", params(("id" = Uuid, Path)),
    responses((status = 200, body = Training), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_training(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Training>> {
    if !auth.actor().role.reads_engagement() {
        return Err(forbidden(&state, &auth, READERS).await);
    }
    Ok(Json(read(&state, auth.actor(), move |tx, a| engagement::get_training(tx, a, id)).await?))
}

/// Change a training: the fields given replace the stored ones (a list replaces the list; this is
/// how the scores of the test after the training are added). The whole is checked again.
#[utoipa::path(patch, path = "/api/v1/trainings/{id}", tag = "engagement", params(("id" = Uuid, Path)),
    request_body = TrainingPatch,
    responses((status = 200, body = Training), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update_training(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<TrainingPatch>,
) -> ApiResult<Json<Training>> {
    if !auth.actor().role.records_engagement() {
        return Err(forbidden(&state, &auth, RECORDERS).await);
    }
    let today = latest_today(&state);
    Ok(Json(write(&state, auth.actor(), move |tx, a| engagement::update_training(tx, a, id, patch, today)).await?))
}

/// Record a community education event: its day, place, audience, topics, people reached (and
/// online reach), partner organisations.
#[utoipa::path(post, path = "/api/v1/community-events", tag = "engagement", request_body = CommunityEventInput,
    responses((status = 201, body = CommunityEvent), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_event(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<CommunityEventInput>,
) -> ApiResult<(StatusCode, Json<CommunityEvent>)> {
    if !auth.actor().role.records_engagement() {
        return Err(forbidden(&state, &auth, RECORDERS).await);
    }
    let new = input.validate(latest_today(&state))?;
    let e = write(&state, auth.actor(), move |tx, a| engagement::create_event(tx, a, new)).await?;
    Ok((StatusCode::CREATED, Json(e)))
}

/// The organisation's community education events held in the period, latest first.
#[utoipa::path(get, path = "/api/v1/community-events", tag = "engagement", params(Period),
    responses((status = 200, body = Vec<CommunityEvent>), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_events(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(p): ApiQuery<Period>,
) -> ApiResult<Json<Vec<CommunityEvent>>> {
    if !auth.actor().role.reads_engagement() {
        return Err(forbidden(&state, &auth, READERS).await);
    }
    let (from, to) = period(p.from, p.to)?;
    Ok(Json(read(&state, auth.actor(), move |tx, a| engagement::list_events(tx, a, from, to)).await?))
}

/// A community education event.
#[utoipa::path(get, path = "/api/v1/community-events/{id}", tag = "engagement", params(("id" = Uuid, Path)),
    responses((status = 200, body = CommunityEvent), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_event(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<CommunityEvent>> {
    if !auth.actor().role.reads_engagement() {
        return Err(forbidden(&state, &auth, READERS).await);
    }
    Ok(Json(read(&state, auth.actor(), move |tx, a| engagement::get_event(tx, a, id)).await?))
}

/// The organisation's engagement over the period: trainings, people trained by role, the mean
/// knowledge gain (over every participant tested), events, people reached, and per topic.
#[utoipa::path(get, path = "/api/v1/engagement/summary", tag = "engagement", params(Period),
    responses((status = 200, body = EngagementSummary), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn summary(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(p): ApiQuery<Period>,
) -> ApiResult<Json<EngagementSummary>> {
    if !auth.actor().role.reads_engagement() {
        return Err(forbidden(&state, &auth, READERS).await);
    }
    let (from, to) = period(p.from, p.to)?;
    Ok(Json(read(&state, auth.actor(), move |tx, a| engagement::summary(tx, a, from, to)).await?))
}
