//! Proceedings (issue 8): criminal and civil proceedings of a case, their charges and defendants,
//! hearings, depositions before trial, verdicts, sentences and appeals; the hearings to come; and
//! each user's calendar feed (iCalendar, with no survivor's name in it).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::proceedings::{CalendarItem, CalendarTime, CourtEventInput, ProceedingInput};
use counternet_domain::Actor;
use counternet_store::proceedings::{self, CourtEvent, Proceeding, ProceedingPatch, Upcoming};
use counternet_store::{assets, cases, StoreResult, Tx};

use super::{latest_today, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

/// Record a criminal or civil proceeding of the case: court, case numbers, prosecutor, charges and
/// defendants (perpetrators of the case).
#[utoipa::path(post, path = "/api/v1/cases/{id}/proceedings", tag = "proceedings", params(("id" = Uuid, Path)),
    request_body = ProceedingInput,
    responses((status = 201, body = Proceeding), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_proceeding(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<ProceedingInput>,
) -> ApiResult<(StatusCode, Json<Proceeding>)> {
    let new = input.validate();
    let p = write(&state, auth.actor(), move |tx, a| {
        cases::editable(tx, a, id)?;
        proceedings::create(tx, a, id, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(p)))
}

/// The proceedings of a case with their court events.
#[utoipa::path(get, path = "/api/v1/cases/{id}/proceedings", tag = "proceedings", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Proceeding>), (status = 404, body = ErrorBody)))]
pub async fn list_proceedings(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Proceeding>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| proceedings::list_for_case(tx, a, id)).await?))
}

/// One proceeding.
#[utoipa::path(get, path = "/api/v1/proceedings/{id}", tag = "proceedings", params(("id" = Uuid, Path)),
    responses((status = 200, body = Proceeding), (status = 404, body = ErrorBody)))]
pub async fn get_proceeding(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Proceeding>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| proceedings::get(tx, a, id)).await?))
}

/// Change a proceeding's status, case numbers or prosecutor.
#[utoipa::path(patch, path = "/api/v1/proceedings/{id}", tag = "proceedings", params(("id" = Uuid, Path)),
    request_body = ProceedingPatch,
    responses((status = 200, body = Proceeding), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn update_proceeding(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(patch): ApiJson<ProceedingPatch>,
) -> ApiResult<Json<Proceeding>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| proceedings::update(tx, a, id, patch)).await?))
}

/// Record a hearing (to come or held), a deposition before trial (ATIPA s.31), a verdict, a
/// sentence or an appeal, at its local time.
#[utoipa::path(post, path = "/api/v1/proceedings/{id}/events", tag = "proceedings", params(("id" = Uuid, Path)),
    request_body = CourtEventInput,
    responses((status = 201, body = CourtEvent), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn add_event(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<CourtEventInput>,
) -> ApiResult<(StatusCode, Json<CourtEvent>)> {
    let new = input.validate(latest_today(&state));
    let e = write(&state, auth.actor(), move |tx, a| {
        proceedings::check_visible(tx, a, id)?;
        proceedings::add_event(tx, a, id, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(e)))
}

/// What came of a court event.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    pub outcome: Option<String>,
}

/// Record what came of a hearing or another court event.
#[utoipa::path(patch, path = "/api/v1/court-events/{id}", tag = "proceedings", params(("id" = Uuid, Path)),
    request_body = OutcomeInput,
    responses((status = 200, body = CourtEvent), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn set_outcome(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<OutcomeInput>,
) -> ApiResult<Json<CourtEvent>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| proceedings::set_outcome(tx, a, id, input.outcome)).await?))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UpcomingQuery {
    /// How many days ahead (1 to 366, default 30).
    pub days: Option<i64>,
}

/// Hearings and other court events of your cases from today, soonest first.
#[utoipa::path(get, path = "/api/v1/hearings/upcoming", tag = "proceedings", params(UpcomingQuery),
    responses((status = 200, body = Vec<Upcoming>)))]
pub async fn upcoming(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(q): ApiQuery<UpcomingQuery>,
) -> ApiResult<Json<Vec<Upcoming>>> {
    let today = local_today(&state);
    let days = q.days.unwrap_or(proceedings::HOME_DAYS).clamp(1, 366);
    Ok(Json(
        read(&state, auth.actor(), move |tx, a| {
            proceedings::upcoming(
                tx,
                a,
                proceedings::start_of(today),
                proceedings::start_of(today + Duration::days(days + 1)),
                500,
            )
        })
        .await?,
    ))
}

/// Today in Thailand (UTC+7), where hearings are held.
pub fn local_today(state: &AppState) -> NaiveDate {
    (state.store.now() + Duration::hours(7)).date_naive()
}

/// A new calendar-feed address.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarFeed {
    /// The feed's path on this server (append it to the server's address); shown once.
    pub path: String,
}

/// Make (or replace) your calendar feed: an iCalendar address your calendar app subscribes to,
/// with your hearings and deadlines and no survivor's name. The previous address stops working.
#[utoipa::path(post, path = "/api/v1/calendar/token", tag = "proceedings",
    responses((status = 201, body = CalendarFeed)))]
pub async fn new_calendar_token(
    State(state): State<AppState>,
    auth: Authed,
) -> ApiResult<(StatusCode, Json<CalendarFeed>)> {
    let token = write(&state, auth.actor(), proceedings::new_calendar_token).await?;
    Ok((StatusCode::CREATED, Json(CalendarFeed { path: format!("/calendar/{token}.ics") })))
}

/// Stop your calendar feed.
#[utoipa::path(delete, path = "/api/v1/calendar/token", tag = "proceedings", responses((status = 204)))]
pub async fn revoke_calendar_token(State(state): State<AppState>, auth: Authed) -> ApiResult<StatusCode> {
    write(&state, auth.actor(), proceedings::revoke_calendar_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What a user's calendar holds: court events of their cases from 30 days back to a year ahead,
/// follow-up visits and outcome assessments due within the year (overdue ones too), and the 90-day
/// limits of provisional seizures. Case references, courts and places only: no party is
/// named (a calendar leaves the system).
pub fn calendar_items(tx: &mut Tx<'_>, actor: &Actor, today: NaiveDate) -> StoreResult<Vec<CalendarItem>> {
    let from = proceedings::start_of(today - Duration::days(proceedings::CALENDAR_PAST_DAYS));
    let until = proceedings::start_of(today + Duration::days(366));
    let mut items: Vec<CalendarItem> = proceedings::upcoming(tx, actor, from, until, 1000)?
        .into_iter()
        .map(|u| {
            let what = match u.event.kind {
                counternet_domain::proceedings::CourtEventKind::Hearing => "Hearing",
                counternet_domain::proceedings::CourtEventKind::PretrialDeposition => "Deposition before trial",
                counternet_domain::proceedings::CourtEventKind::Verdict => "Verdict",
                counternet_domain::proceedings::CourtEventKind::Sentence => "Sentencing",
                counternet_domain::proceedings::CourtEventKind::Appeal => "Appeal",
                counternet_domain::proceedings::CourtEventKind::Other => "Court",
            };
            let number = u.black_case_number.as_deref().map(|b| format!(" ({b})")).unwrap_or_default();
            CalendarItem {
                uid: format!("court-event-{}@counternet", u.event.id),
                summary: format!("{what}: {} — {}{number}", u.case_reference, u.court),
                description: Some(format!("counternet case {}", u.case_reference)),
                location: u.event.place.clone(),
                when: CalendarTime::At(u.event.starts_at),
            }
        })
        .collect();
    for f in counternet_store::followup::due_by(tx, actor, today, today + Duration::days(366))? {
        let what = match f.kind {
            counternet_domain::followup::DueKind::Visit => "Follow-up visit due",
            counternet_domain::followup::DueKind::Assessment => "Outcome assessment due",
        };
        items.push(CalendarItem {
            uid: format!("follow-up-{}-{}-{}@counternet", f.case_id, f.victim_party_id, f.kind.code()),
            summary: format!("{what}: {}", f.case_reference),
            description: Some(format!("counternet case {}", f.case_reference)),
            location: None,
            when: CalendarTime::Day(f.due_on),
        });
    }
    for d in assets::seizure_deadlines(tx, actor, today)? {
        items.push(CalendarItem {
            uid: format!("seizure-{}@counternet", d.asset_id),
            summary: format!("Provisional seizure lapses (AMLO s.48): {}", d.case_reference),
            description: Some("File the petition to the civil court before this day.".into()),
            location: None,
            when: CalendarTime::Day(d.lapses_on),
        });
    }
    Ok(items)
}
