//! Proceedings on the case page (issue 8): the case's proceedings with their charges, defendants
//! and court events, and the forms to record a proceeding, a hearing (or deposition, verdict,
//! sentence, appeal) and its outcome; the hearings to come on the home page; the calendar page
//! and each user's iCalendar feed (`/calendar/<token>.ics`, no survivor's name in it).
//!
//! Forms as elsewhere on the case page: POST with the CSRF token, a 303 back to
//! `/cases/{id}#court`, or a page saying what was wrong (422) and nothing stored.

use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use uuid::Uuid;

use counternet_domain::proceedings::{
    hearing_reminder_due, icalendar, Charge, ChargeLaw, CourtEventInput, CourtEventKind, ProceedingInput,
    ProceedingKind,
};
use counternet_domain::vocab::CaseRole;
use counternet_domain::{Actor, ValidationError};
use counternet_store::proceedings::{self, Proceeding, Upcoming};
use counternet_store::{parties, StoreResult, Tx};

use super::common::csrf_failed;
use super::common::{render, take_ctx};
use super::forms::{case_form, case_form_done, choice, present, with_store, SectionForm};
use super::{to_login, Ctx, UiRequest};
use crate::api::proceedings::{calendar_items, local_today};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/proceedings", post(add_proceeding))
        .route("/cases/{id}/proceedings/{pid}/events", post(add_event))
        .route("/cases/{id}/court-events/{eid}/outcome", post(set_outcome))
        .route("/calendar", get(calendar_page))
        .route("/calendar/feed", post(new_feed))
        .route("/calendar/feed/revoke", post(revoke_feed))
        .route("/calendar/{file}", get(feed))
}

/// A perpetrator of the case, offered as a defendant.
pub struct PerpetratorOpt {
    pub id: Uuid,
    pub name: String,
}

/// The case page's court section (`case_court.html`).
pub struct Section {
    pub proceedings: Vec<Proceeding>,
    pub perpetrators: Vec<PerpetratorOpt>,
    pub kinds: Vec<&'static str>,
    pub laws: Vec<&'static str>,
    pub event_kinds: Vec<&'static str>,
}

/// Loads the court section of a case.
pub fn section(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Section> {
    let proceedings = proceedings::list_for_case(tx, actor, case_id)?;
    let perpetrators = parties::list_for_case(tx, actor, case_id)?
        .into_iter()
        .filter(|p| p.role == CaseRole::Perpetrator)
        .map(|p| PerpetratorOpt { id: p.party.id, name: p.party.name })
        .collect();
    Ok(Section {
        proceedings,
        perpetrators,
        kinds: ProceedingKind::ALL.iter().map(|k| k.code()).collect(),
        laws: ChargeLaw::ALL.iter().map(|k| k.code()).collect(),
        event_kinds: CourtEventKind::ALL.iter().map(|k| k.code()).collect(),
    })
}

fn label_of(field: &str) -> &'static str {
    match field {
        "court" => "court-court",
        "starts_at" => "court-when",
        "outcome" => "court-outcome",
        f if f.starts_with("charges") => "court-charge",
        f if f.starts_with("defendants") => "court-defendants",
        _ => "court-details",
    }
}

async fn add_proceeding(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let input = (|| {
        let section = f.get("section");
        let charges = if section.trim().is_empty() {
            Vec::new()
        } else {
            vec![Charge { law: choice("charges", &f.get("law"), ChargeLaw::from_code)?, section, description: None }]
        };
        let defendants = f
            .all("defendants")
            .iter()
            .map(|d| d.parse::<Uuid>().map_err(|_| ValidationError::new("defendants", "invalid", "not a party")))
            .collect::<Result<Vec<_>, _>>()?;
        ProceedingInput {
            kind: choice("kind", &f.get("kind"), ProceedingKind::from_code)?,
            court: f.get("court"),
            black_case_number: present(&f.get("black_case_number")),
            red_case_number: None,
            prosecutor: present(&f.get("prosecutor")),
            charges,
            defendants,
            status: None,
            notes: None,
        }
        .validate()
    })();
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            counternet_store::cases::editable(tx, &actor, case_id)?;
            proceedings::create(tx, &actor, case_id, input?)
        })
    })
    .await;
    case_form_done(&req, case_id, "court", label_of, done)
}

/// `YYYY-MM-DD` and `HH:MM` as a local time.
fn local_time(date: &str, time: &str) -> Result<NaiveDateTime, ValidationError> {
    let bad = || ValidationError::new("starts_at", "invalid", "a date and a time");
    let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    let t = if time.trim().is_empty() {
        NaiveTime::from_hms_opt(9, 0, 0).ok_or_else(bad)?
    } else {
        NaiveTime::parse_from_str(time.trim(), "%H:%M").map_err(|_| bad())?
    };
    Ok(d.and_time(t))
}

async fn add_event(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_pid)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Ok(pid) = raw_pid.parse::<Uuid>() else { return super::forms::not_found(&req) };
    let today = local_today(&state);
    let input = (|| {
        CourtEventInput {
            kind: choice("kind", &f.get("kind"), CourtEventKind::from_code)?,
            starts_at: local_time(&f.get("date"), &f.get("time"))?,
            place: present(&f.get("place")),
            outcome: present(&f.get("outcome")),
            notes: None,
        }
        .validate(today)
    })();
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            let p = proceedings::get(tx, &actor, pid)?;
            if p.case_id != case_id {
                return Err(counternet_store::StoreError::NotFound);
            }
            proceedings::add_event(tx, &actor, pid, input?)
        })
    })
    .await;
    case_form_done(&req, case_id, "court", label_of, done)
}

async fn set_outcome(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_eid)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Ok(eid) = raw_eid.parse::<Uuid>() else { return super::forms::not_found(&req) };
    let outcome = present(&f.get("outcome"));
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            let e = proceedings::set_outcome(tx, &actor, eid, outcome)?;
            if e.case_id != case_id {
                return Err(counternet_store::StoreError::NotFound);
            }
            Ok(e)
        })
    })
    .await;
    case_form_done(&req, case_id, "court", label_of, done)
}

// ---------------------------------------------------------------------------------------------
// The home page and the calendar

/// A court event to come, as the home page and the calendar list it.
pub struct HearingView {
    pub item: Upcoming,
    /// Within the reminder days.
    pub soon: bool,
    pub days_left: i64,
}

/// Court events of the actor's cases in the next `days` days.
pub fn hearings(tx: &mut Tx<'_>, actor: &Actor, today: NaiveDate, days: i64) -> StoreResult<Vec<HearingView>> {
    let list = proceedings::upcoming(
        tx,
        actor,
        proceedings::start_of(today),
        proceedings::start_of(today + Duration::days(days + 1)),
        200,
    )?;
    Ok(list
        .into_iter()
        .map(|item| {
            let day = item.event.starts_at.date();
            HearingView { soon: hearing_reminder_due(day, today), days_left: (day - today).num_days(), item }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    c: Ctx,
    hearings: Vec<HearingView>,
    seizures: Vec<counternet_store::assets::SeizureDeadline>,
    has_feed: bool,
    /// A new feed address, shown once.
    new_feed: Option<String>,
}

async fn show_calendar(state: &AppState, req: &UiRequest, new_feed: Option<String>) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let today = local_today(state);
    let actor = session.actor.clone();
    let loaded = with_store(state, move |store| {
        store.read(Some(&actor), |tx| {
            Ok((
                hearings(tx, &actor, today, 366)?,
                counternet_store::assets::seizure_deadlines(tx, &actor, today)?,
                proceedings::has_calendar_token(tx, &actor)?,
            ))
        })
    })
    .await;
    match loaded {
        Ok((hearings, seizures, has_feed)) => {
            render(&CalendarPage { c: take_ctx(req), hearings, seizures, has_feed, new_feed })
        }
        Err(f) => f.page(take_ctx(req)),
    }
}

async fn calendar_page(State(state): State<AppState>, req: UiRequest) -> Response {
    show_calendar(&state, &req, None).await
}

async fn new_feed(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let session = match csrf_checked(&state, &req, &body) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let actor = session.actor.clone();
    match with_store(&state, move |store| store.write(Some(&actor), |tx| proceedings::new_calendar_token(tx, &actor)))
        .await
    {
        Ok(token) => show_calendar(&state, &req, Some(format!("/calendar/{token}.ics"))).await,
        Err(f) => f.page(take_ctx(&req)),
    }
}

async fn revoke_feed(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let session = match csrf_checked(&state, &req, &body) {
        Ok(s) => s,
        Err(r) => return *r,
    };
    let actor = session.actor.clone();
    match with_store(&state, move |store| {
        store.write(Some(&actor), |tx| proceedings::revoke_calendar_token(tx, &actor))
    })
    .await
    {
        Ok(()) => Redirect::to("/calendar").into_response(),
        Err(f) => f.page(take_ctx(&req)),
    }
}

/// The iCalendar feed. The token is the only credential (calendar apps do not sign in): an unknown,
/// revoked or disabled user's token answers 404, like any unknown address.
async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics").map(str::to_string) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let today = local_today(&state);
    let stamp = state.store.now().format("%Y%m%dT%H%M%SZ").to_string();
    let found = crate::blocking(&state, move |store| {
        store
            .read(None, |tx| {
                let Some((actor, username)) = proceedings::calendar_user(tx, &token)? else { return Ok(None) };
                let items = calendar_items(tx, &actor, today)?;
                Ok(Some(icalendar(&format!("counternet: {username}"), &stamp, &items)))
            })
            .map_err(crate::error::ApiError::from)
    })
    .await;
    match found {
        Ok(Some(text)) => (
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store")],
            text,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The hearings of a user's home page: the next 30 days.
pub fn home_hearings(tx: &mut Tx<'_>, actor: &Actor, today: NaiveDate) -> StoreResult<Vec<HearingView>> {
    hearings(tx, actor, today, proceedings::HOME_DAYS)
}

/// A signed-in user's form with a valid CSRF token (for the calendar's own forms).
fn csrf_checked(
    state: &AppState,
    req: &UiRequest,
    body: &[u8],
) -> Result<counternet_store::users::Session, Box<Response>> {
    let Some(session) = req.ctx.session.clone() else { return Err(Box::new(to_login())) };
    let fields = super::forms::Fields::parse(body);
    if !req.csrf_ok(&fields.get("csrf")) {
        return Err(Box::new(csrf_failed(req, state.config.secure_cookies)));
    }
    Ok(session)
}
