//! Engagement pages (issue 8; docs/decisions/0021-engagement.md): the organisation's trainings and
//! community education events with the summary of a period (`/engagement?from=&to=`), a training's
//! page with its knowledge test before and after, and the forms to record a training and an event.
//!
//! Like every form: POST with the CSRF token, then a 303 redirect to what was recorded. A form that
//! does not validate answers 422 with the form again: the message next to the field at fault and
//! what the user typed kept; nothing is stored. Roles that do not work cases get 403; roles that
//! read but do not record see no forms.

use askama::Template;
use axum::extract::{Path, RawForm, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use uuid::Uuid;

use counternet_domain::engagement::{
    period, Audience, CommunityEventInput, EngagementTopic, EventAudience, Material, ScorePair, TrainingInput,
    TrainingPatch,
};
use counternet_domain::ValidationError;
use counternet_store::engagement::{self, CommunityEvent, EngagementSummary, Training};
use counternet_store::{orgs, users::Session, StoreError};

use super::common::{csrf_failed, render, render_status, take_ctx};
use super::forms::{
    checked, error_text, forbidden_page, local_today, not_found, optional_date, parse_uuid, present, refuse,
    required_date, with_store, Fields,
};
use super::{to_login, Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/engagement", get(page))
        .route("/engagement/trainings/new", get(new_training).post(submit_training))
        .route("/engagement/trainings/{id}", get(training_page))
        .route("/engagement/trainings/{id}/scores", axum::routing::post(submit_scores))
        .route("/engagement/events/new", get(new_event).post(submit_event))
}

/// A form's error: the field at fault (the form's name for it) and the message, translated.
pub struct FieldError {
    pub field: String,
    pub text: String,
}

/// A checkbox offered, and whether it is checked.
pub struct Check {
    pub code: String,
    pub label: String,
    pub checked: bool,
}

fn checks(c: &Ctx, group: &str, codes: impl IntoIterator<Item = &'static str>, on: &[String]) -> Vec<Check> {
    codes
        .into_iter()
        .map(|code| Check { code: code.into(), label: c.v(group, code), checked: on.iter().any(|v| v == code) })
        .collect()
}

/// A number with one decimal, as the pages show scores and changes ("+20.0", "-5.0").
pub fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.1}")
    } else {
        format!("{x:.1}")
    }
}

pub fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// Today where the users work, and the latest date a field accepts.
fn dates(state: &AppState) -> (String, String) {
    (local_today(state).to_string(), crate::api::latest_today(state).to_string())
}

// ---------------------------------------------------------------------------------------------
// The engagement page

#[derive(Template)]
#[template(path = "engagement.html")]
struct EngagementPage {
    c: Ctx,
    from: String,
    to: String,
    error: Option<String>,
    summary: Option<EngagementSummary>,
    trainings: Vec<Training>,
    events: Vec<CommunityEvent>,
    can_record: bool,
}

impl EngagementPage {
    fn signed(&self, x: &f64) -> String {
        signed(*x)
    }
}

/// Who may go on: a signed-in user whose role reads engagement, or the page that says why not.
enum Gate {
    Pass(Box<Session>),
    Stop(Response),
}

fn reader(req: &UiRequest) -> Gate {
    let Some(session) = req.ctx.session.clone() else { return Gate::Stop(to_login()) };
    if !session.actor.role.reads_engagement() {
        return Gate::Stop(forbidden_page(req));
    }
    Gate::Pass(Box::new(session))
}

async fn page(State(state): State<AppState>, req: UiRequest, RawQuery(q): RawQuery) -> Response {
    let session = match reader(&req) {
        Gate::Pass(s) => *s,
        Gate::Stop(r) => return r,
    };
    let f = Fields::parse(q.unwrap_or_default().as_bytes());
    let (from_text, to_text) = (f.get("from"), f.get("to"));
    let c = take_ctx(&req);
    let asked = optional_date("from", &from_text)
        .and_then(|from| Ok((from, optional_date("to", &to_text)?)))
        .and_then(|(from, to)| period(from, to));
    let (from, to) = match asked {
        Ok(p) => p,
        Err(e) => {
            let label = c.t(if e.field == "from" { "engagement-from" } else { "engagement-to" });
            let text = if e.code == "before_start" {
                format!("{label}: {}", c.t("engagement-error-period"))
            } else {
                error_text(&c, e.code, &label)
            };
            let page = EngagementPage {
                can_record: session.actor.role.records_engagement(),
                c,
                from: from_text,
                to: to_text,
                error: Some(text),
                summary: None,
                trainings: Vec::new(),
                events: Vec::new(),
            };
            return render_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let actor = session.actor.clone();
    let loaded = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            let trainings = engagement::list_trainings(tx, &actor, from, to)?;
            let events = engagement::list_events(tx, &actor, from, to)?;
            let summary = engagement::summarise(&trainings, &events, from, to);
            Ok((trainings, events, summary))
        })
    })
    .await;
    match loaded {
        Ok((trainings, events, summary)) => render(&EngagementPage {
            can_record: session.actor.role.records_engagement(),
            c,
            from: from_text,
            to: to_text,
            error: None,
            summary: Some(summary),
            trainings,
            events,
        }),
        Err(f) => f.page(c),
    }
}

// ---------------------------------------------------------------------------------------------
// A training's page

#[derive(Template)]
#[template(path = "engagement_training.html")]
struct TrainingPage {
    c: Ctx,
    t: Training,
    /// The user may record (and so change the scores).
    can_record: bool,
    /// The scores form: the pairs as lines, or what was typed.
    scores: String,
    error: Option<String>,
}

impl TrainingPage {
    fn signed(&self, x: &f64) -> String {
        signed(*x)
    }

    fn dec(&self, x: &f64) -> String {
        one_decimal(*x)
    }
}

async fn training_page(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let session = match reader(&req) {
        Gate::Pass(s) => *s,
        Gate::Stop(r) => return r,
    };
    let Some(id) = parse_uuid(&raw_id) else { return not_found(&req) };
    let actor = session.actor.clone();
    match with_store(&state, move |store| store.read(Some(&actor), |tx| engagement::get_training(tx, &actor, id))).await
    {
        Ok(t) => render(&TrainingPage {
            c: take_ctx(&req),
            scores: score_lines(&t),
            can_record: session.actor.role.records_engagement(),
            t,
            error: None,
        }),
        Err(f) => f.page(take_ctx(&req)),
    }
}

/// A training's pairs of scores as the form shows them, one "before after" per line.
fn score_lines(t: &Training) -> String {
    t.scores.iter().map(|s| format!("{} {}\n", s.pre, s.post)).collect()
}

/// The scores of the knowledge test changed (the test after is often marked later): the whole
/// list replaces the stored one; back to the training's page, or the page with the error (422).
async fn submit_scores(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let Some(id) = parse_uuid(&raw_id) else { return not_found(&req) };
    let (session, fields) = match posted(&state, &req, &body).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let typed = fields.get("scores");
    let today = crate::api::latest_today(&state);
    let actor = session.actor.clone();
    let result = match parse_scores(&typed) {
        Ok(scores) => {
            let patch = TrainingPatch { scores: Some(scores), ..TrainingPatch::default() };
            with_store(&state, move |store| {
                store.write(Some(&actor), |tx| engagement::update_training(tx, &actor, id, patch, today))
            })
            .await
        }
        Err(e) => Err(super::forms::Failed::Store(StoreError::Validation(e))),
    };
    let e = match result {
        Ok(_) => return Redirect::to(&format!("/engagement/trainings/{id}#knowledge")).into_response(),
        Err(super::forms::Failed::Store(StoreError::Validation(e))) => e,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let actor = session.actor.clone();
    match with_store(&state, move |store| store.read(Some(&actor), |tx| engagement::get_training(tx, &actor, id))).await
    {
        Ok(t) => {
            let c = take_ctx(&req);
            let text = message(&c, &e, &c.t("engagement-scores"));
            let page = TrainingPage { c, t, can_record: true, scores: typed, error: Some(text) };
            render_status(&page, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// Recording a training

/// The training form as typed.
#[derive(Default, Clone)]
pub struct TrainingForm {
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub judges: String,
    pub prosecutors: String,
    pub attorneys: String,
    pub police: String,
    pub social_workers: String,
    pub other: String,
    pub topics: Vec<String>,
    pub trainers: String,
    pub materials: String,
    pub scores: String,
    pub partners: Vec<String>,
    pub notes: String,
}

impl TrainingForm {
    fn from_fields(f: &Fields) -> TrainingForm {
        TrainingForm {
            title: f.get("title"),
            starts_on: f.get("starts_on"),
            ends_on: f.get("ends_on"),
            place: f.get("place"),
            judges: f.get("judges"),
            prosecutors: f.get("prosecutors"),
            attorneys: f.get("attorneys"),
            police: f.get("police"),
            social_workers: f.get("social_workers"),
            other: f.get("other"),
            topics: f.all("topics"),
            trainers: f.get("trainers"),
            materials: f.get("materials"),
            scores: f.get("scores"),
            partners: f.all("partners"),
            notes: f.get("notes"),
        }
    }

    /// The audience counts with their field names and labels' keys, in order.
    pub fn counts(&self) -> [(&'static str, &str); 6] {
        [
            ("judges", self.judges.as_str()),
            ("prosecutors", self.prosecutors.as_str()),
            ("attorneys", self.attorneys.as_str()),
            ("police", self.police.as_str()),
            ("social_workers", self.social_workers.as_str()),
            ("other", self.other.as_str()),
        ]
    }
}

/// Digits (Thai digits too), or the field's error; blank is zero.
fn number(field: &str, text: &str) -> Result<i64, ValidationError> {
    let t: String = thai_digits(text.trim());
    if t.is_empty() {
        return Ok(0);
    }
    if let Some(rest) = t.strip_prefix('-') {
        if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValidationError::new(field, "negative", "a count is zero or more"));
        }
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValidationError::new(field, "invalid_number", "digits only"));
    }
    t.parse().map_err(|_| ValidationError::new(field, "too_large", "the number is too large"))
}

fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_digit(u32::from(c) - u32::from('๐'), 10).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// One pair of scores per line: before and after, separated by a space, a tab, a slash or a
/// semicolon ("40 75", "40/75"), a percent sign allowed.
pub fn parse_scores(text: &str) -> Result<Vec<ScorePair>, ValidationError> {
    let bad = || ValidationError::new("scores", "invalid_scores", "one line per participant: before and after");
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = thai_digits(line).replace('%', " ");
        let parts: Vec<&str> =
            line.split(|c: char| c.is_whitespace() || c == '/' || c == ';').filter(|p| !p.is_empty()).collect();
        let [pre, post] = parts.as_slice() else { return Err(bad()) };
        let pre: f64 = pre.replace(',', ".").parse().map_err(|_| bad())?;
        let post: f64 = post.replace(',', ".").parse().map_err(|_| bad())?;
        out.push(ScorePair { pre, post });
    }
    Ok(out)
}

/// One material per line: its title, then optionally " | " and its link.
pub fn parse_materials(text: &str) -> Vec<Material> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.rsplit_once('|') {
            Some((title, link)) => Material { title: title.trim().into(), link: present(link.trim()) },
            None => Material { title: l.into(), link: None },
        })
        .collect()
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
}

fn partner_ids(values: &[String]) -> Result<Vec<Uuid>, ValidationError> {
    values
        .iter()
        .map(|v| parse_uuid(v).ok_or_else(|| ValidationError::new("partner_org_ids", "invalid_choice", "choose one")))
        .collect()
}

fn training_input(form: &TrainingForm) -> Result<TrainingInput, ValidationError> {
    Ok(TrainingInput {
        title: form.title.clone(),
        starts_on: required_date("starts_on", &form.starts_on)?,
        ends_on: optional_date("ends_on", &form.ends_on)?,
        place: form.place.clone(),
        audience: Audience {
            judges: number("audience.judges", &form.judges)?,
            prosecutors: number("audience.prosecutors", &form.prosecutors)?,
            attorneys: number("audience.attorneys", &form.attorneys)?,
            police: number("audience.police", &form.police)?,
            social_workers: number("audience.social_workers", &form.social_workers)?,
            other: number("audience.other", &form.other)?,
        },
        topics: checked("topics", &form.topics, EngagementTopic::from_code)?,
        trainers: lines(&form.trainers),
        materials: parse_materials(&form.materials),
        scores: parse_scores(&form.scores)?,
        partner_org_ids: partner_ids(&form.partners)?,
        notes: present(&form.notes),
    })
}

/// The form field an error is about, and the key of its label.
fn training_field(field: &str) -> (&'static str, &'static str) {
    let head = field.split(['[', '.']).next().unwrap_or_default();
    match field {
        "audience.judges" => ("judges", "engagement-judges"),
        "audience.prosecutors" => ("prosecutors", "engagement-prosecutors"),
        "audience.attorneys" => ("attorneys", "engagement-attorneys"),
        "audience.police" => ("police", "engagement-police"),
        "audience.social_workers" => ("social_workers", "engagement-social-workers"),
        "audience.other" => ("other", "engagement-other-participants"),
        _ => match head {
            "starts_on" => ("starts_on", "engagement-starts-on"),
            "ends_on" => ("ends_on", "engagement-ends-on"),
            "place" => ("place", "engagement-place"),
            "audience" => ("audience", "engagement-audience"),
            "topics" => ("topics", "engagement-topics"),
            "trainers" => ("trainers", "engagement-trainers"),
            "materials" => ("materials", "engagement-materials"),
            "scores" => ("scores", "engagement-scores"),
            "partner_org_ids" => ("partners", "engagement-partners"),
            "notes" => ("notes", "engagement-notes"),
            _ => ("title", "engagement-training-title"),
        },
    }
}

/// The message for a validation error, in the user's language.
fn message(c: &Ctx, e: &ValidationError, label: &str) -> String {
    let key = match (e.field.as_str(), e.code) {
        ("ends_on", "too_long") => "engagement-error-training-days",
        (_, "before_start") => "engagement-error-before-start",
        (_, "negative") => "engagement-error-negative",
        (_, "too_large") => "engagement-error-too-large",
        (_, "invalid_number") => "engagement-error-number",
        (_, "no_participants") => "engagement-error-no-participants",
        (_, "out_of_range") => "engagement-error-score",
        (_, "invalid_scores") => "engagement-error-scores",
        (_, "more_than_participants") => "engagement-error-more-scores",
        (_, "invalid_link") => "engagement-error-link",
        (_, "too_early") => "engagement-error-too-early",
        (_, "own_organisation") => "engagement-error-own-organisation",
        (_, "too_many") => "engagement-error-too-many",
        (_, code) => return error_text(c, code, label),
    };
    format!("{label}: {}", c.t(key))
}

#[derive(Template)]
#[template(path = "engagement_training_new.html")]
struct NewTrainingPage {
    c: Ctx,
    form: TrainingForm,
    error: Option<FieldError>,
    topics: Vec<Check>,
    partners: Vec<Check>,
    max_date: String,
}

impl NewTrainingPage {
    /// The key of a count's label.
    pub fn count_label(&self, name: &str) -> &'static str {
        training_field(&format!("audience.{name}")).1
    }

    pub fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == field).map(|e| e.text.as_str())
    }
}

/// The partner organisations offered (every registered organisation but the own).
async fn partner_checks(state: &AppState, c: &Ctx, session: &Session, on: &[String]) -> Result<Vec<Check>, Response> {
    let own = session.actor.org_id;
    let actor = session.actor.clone();
    match with_store(state, move |store| store.read(Some(&actor), orgs::list)).await {
        Ok(list) => Ok(list
            .into_iter()
            .filter(|o| !o.is_own && o.id != own)
            .map(|o| {
                let code = o.id.to_string();
                Check { checked: on.contains(&code), code, label: o.name }
            })
            .collect()),
        Err(f) => Err(f.page(c.clone())),
    }
}

async fn training_form_page(
    state: &AppState,
    req: &UiRequest,
    session: &Session,
    form: TrainingForm,
    error: Option<&ValidationError>,
) -> Response {
    let c = take_ctx(req);
    let partners = match partner_checks(state, &c, session, &form.partners).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let error = error.map(|e| {
        let (field, label) = training_field(&e.field);
        FieldError { field: field.into(), text: message(&c, e, &c.t(label)) }
    });
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = NewTrainingPage {
        topics: checks(&c, "engagement-topic", EngagementTopic::ALL.iter().map(|t| t.code()), &form.topics),
        partners,
        max_date: dates(state).1,
        c,
        form,
        error,
    };
    render_status(&page, status)
}

fn recorder(req: &UiRequest) -> Gate {
    match reader(req) {
        Gate::Pass(s) if !s.actor.role.records_engagement() => Gate::Stop(forbidden_page(req)),
        other => other,
    }
}

async fn new_training(State(state): State<AppState>, req: UiRequest) -> Response {
    let session = match recorder(&req) {
        Gate::Pass(s) => *s,
        Gate::Stop(r) => return r,
    };
    let form = TrainingForm { starts_on: dates(&state).0, ..TrainingForm::default() };
    training_form_page(&state, &req, &session, form, None).await
}

/// The form's session and fields, once the CSRF token and the role are checked.
async fn posted(state: &AppState, req: &UiRequest, body: &[u8]) -> Result<(Session, Fields), Response> {
    let Some(session) = req.ctx.session.clone() else { return Err(to_login()) };
    let fields = Fields::parse(body);
    if !req.csrf_ok(&fields.get("csrf")) {
        return Err(csrf_failed(req, state.config.secure_cookies));
    }
    if !session.actor.role.records_engagement() {
        return Err(refuse(
            state,
            req,
            &session,
            "only lawyers, investigators and managers record trainings and events",
        )
        .await);
    }
    Ok((session, fields))
}

async fn submit_training(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let (session, fields) = match posted(&state, &req, &body).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = TrainingForm::from_fields(&fields);
    let new = match training_input(&form).and_then(|i| i.validate(crate::api::latest_today(&state))) {
        Ok(n) => n,
        Err(e) => return training_form_page(&state, &req, &session, form, Some(&e)).await,
    };
    let actor = session.actor.clone();
    let result =
        with_store(&state, move |store| store.write(Some(&actor), |tx| engagement::create_training(tx, &actor, new)))
            .await;
    match result {
        Ok(t) => Redirect::to(&format!("/engagement/trainings/{}", t.id)).into_response(),
        Err(super::forms::Failed::Store(StoreError::Validation(e))) => {
            training_form_page(&state, &req, &session, form, Some(&e)).await
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// Recording a community education event

/// The event form as typed.
#[derive(Default, Clone)]
pub struct EventForm {
    pub title: String,
    pub held_on: String,
    pub place: String,
    pub audience: Vec<String>,
    pub topics: Vec<String>,
    pub people_reached: String,
    pub online_reach: String,
    pub partners: Vec<String>,
    pub notes: String,
}

impl EventForm {
    fn from_fields(f: &Fields) -> EventForm {
        EventForm {
            title: f.get("title"),
            held_on: f.get("held_on"),
            place: f.get("place"),
            audience: f.all("audience"),
            topics: f.all("topics"),
            people_reached: f.get("people_reached"),
            online_reach: f.get("online_reach"),
            partners: f.all("partners"),
            notes: f.get("notes"),
        }
    }
}

fn event_input(form: &EventForm) -> Result<CommunityEventInput, ValidationError> {
    if form.people_reached.trim().is_empty() {
        return Err(ValidationError::new("people_reached", "required", "must not be empty"));
    }
    Ok(CommunityEventInput {
        title: form.title.clone(),
        held_on: required_date("held_on", &form.held_on)?,
        place: form.place.clone(),
        audience: checked("audience", &form.audience, EventAudience::from_code)?,
        topics: checked("topics", &form.topics, EngagementTopic::from_code)?,
        people_reached: number("people_reached", &form.people_reached)?,
        online_reach: match form.online_reach.trim() {
            "" => None,
            t => Some(number("online_reach", t)?),
        },
        partner_org_ids: partner_ids(&form.partners)?,
        notes: present(&form.notes),
    })
}

fn event_field(field: &str) -> (&'static str, &'static str) {
    match field.split(['[', '.']).next().unwrap_or_default() {
        "held_on" => ("held_on", "engagement-held-on"),
        "place" => ("place", "engagement-place"),
        "audience" => ("audience", "engagement-event-audience"),
        "topics" => ("topics", "engagement-topics"),
        "people_reached" => ("people_reached", "engagement-people-reached"),
        "online_reach" => ("online_reach", "engagement-online-reach"),
        "partner_org_ids" => ("partners", "engagement-partners"),
        "notes" => ("notes", "engagement-notes"),
        _ => ("title", "engagement-event-title"),
    }
}

#[derive(Template)]
#[template(path = "engagement_event_new.html")]
struct NewEventPage {
    c: Ctx,
    form: EventForm,
    error: Option<FieldError>,
    audiences: Vec<Check>,
    topics: Vec<Check>,
    partners: Vec<Check>,
    max_date: String,
}

impl NewEventPage {
    pub fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }

    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == field).map(|e| e.text.as_str())
    }
}

async fn event_form_page(
    state: &AppState,
    req: &UiRequest,
    session: &Session,
    form: EventForm,
    error: Option<&ValidationError>,
) -> Response {
    let c = take_ctx(req);
    let partners = match partner_checks(state, &c, session, &form.partners).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let error = error.map(|e| {
        let (field, label) = event_field(&e.field);
        FieldError { field: field.into(), text: message(&c, e, &c.t(label)) }
    });
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = NewEventPage {
        audiences: checks(&c, "engagement-audience", EventAudience::ALL.iter().map(|a| a.code()), &form.audience),
        topics: checks(&c, "engagement-topic", EngagementTopic::ALL.iter().map(|t| t.code()), &form.topics),
        partners,
        max_date: dates(state).1,
        c,
        form,
        error,
    };
    render_status(&page, status)
}

async fn new_event(State(state): State<AppState>, req: UiRequest) -> Response {
    let session = match recorder(&req) {
        Gate::Pass(s) => *s,
        Gate::Stop(r) => return r,
    };
    let form = EventForm { held_on: dates(&state).0, ..EventForm::default() };
    event_form_page(&state, &req, &session, form, None).await
}

async fn submit_event(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let (session, fields) = match posted(&state, &req, &body).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = EventForm::from_fields(&fields);
    let new = match event_input(&form).and_then(|i| i.validate(crate::api::latest_today(&state))) {
        Ok(n) => n,
        Err(e) => return event_form_page(&state, &req, &session, form, Some(&e)).await,
    };
    let actor = session.actor.clone();
    let result =
        with_store(&state, move |store| store.write(Some(&actor), |tx| engagement::create_event(tx, &actor, new)))
            .await;
    match result {
        Ok(_) => Redirect::to("/engagement#events").into_response(),
        Err(super::forms::Failed::Store(StoreError::Validation(e))) => {
            event_form_page(&state, &req, &session, form, Some(&e)).await
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::ui::i18n::{Lang, Translations};

    #[test]
    fn scores_are_read_one_pair_per_line() {
        let s = parse_scores("40 75\n\n 55/80 \n60%;55%\n๔๕\t๗๕\n").unwrap();
        let pairs: Vec<(f64, f64)> = s.iter().map(|p| (p.pre, p.post)).collect();
        assert_eq!(pairs, vec![(40.0, 75.0), (55.0, 80.0), (60.0, 55.0), (45.0, 75.0)]);
        assert_eq!(parse_scores("40,5 70").unwrap()[0].pre, 40.5);
        for bad in ["40", "40 50 60", "forty 50", "40 -"] {
            assert_eq!(parse_scores(bad).unwrap_err().code, "invalid_scores", "{bad}");
        }
        assert!(parse_scores("").unwrap().is_empty());
    }

    #[test]
    fn counts_and_materials_as_typed() {
        assert_eq!(number("f", "").unwrap(), 0);
        assert_eq!(number("f", " 12 ").unwrap(), 12);
        assert_eq!(number("f", "๑๒").unwrap(), 12);
        assert_eq!(number("f", "-3").unwrap_err().code, "negative");
        assert_eq!(number("f", "1.5").unwrap_err().code, "invalid_number");
        let m = parse_materials("ATIPA handbook | https://example.org/a.pdf\nSlides\n");
        assert_eq!(m[0].link.as_deref(), Some("https://example.org/a.pdf"));
        assert_eq!((m[1].title.as_str(), m[1].link.clone()), ("Slides", None));
        assert_eq!(signed(20.0), "+20.0");
        assert_eq!(signed(-5.0), "-5.0");
    }

    #[test]
    fn every_topic_and_audience_has_a_label_in_every_language() {
        let t = Translations::global();
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let keys = t.keys(lang);
            let ids = EngagementTopic::ALL
                .iter()
                .map(|x| format!("engagement-topic-{}", x.code()))
                .chain(EventAudience::ALL.iter().map(|x| format!("engagement-audience-{}", x.code())));
            for id in ids {
                if !keys.contains(&id) {
                    missing.push(format!("{lang}: {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:?}");
    }
}
