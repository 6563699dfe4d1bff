//! Creating cases, adding people with search-before-create, notes and tasks.
//!
//! Every form works without JavaScript: POST, then a 303 redirect to the page that shows the
//! result. A form that does not validate comes back with status 422, an alert naming the field's
//! label, and what the user typed. A case the user may not see answers 404, exactly like a
//! missing one.
//!
//! Adding a person starts with a search among the parties the user may already see (by name,
//! phone number or ID number), so that the same person is not recorded twice; survivors found by
//! the search stay masked (initials). Only then is the form to create a new person offered; it
//! creates the person and gives them their role in the case in one transaction.

use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use uuid::Uuid;

use counternet_domain::case::{Case, CaseInput, CasePatch, EventInput, TaskInput, TaskPatch};
use counternet_domain::party::{CasePartyInput, PartyInput};
use counternet_domain::vocab::{
    CaseRole, CaseStatus, ControlMethod, EventStage, ExploitationType, Gender, PartyKind, RecruitmentMethod, Tactic,
};
use counternet_domain::ValidationError;
use counternet_store::users::Session;
use counternet_store::{cases, parties, Store, StoreError, StoreResult};

use super::common::{csrf_failed, error_page, message_page, render, render_status, take_ctx};
use super::i18n::Translations;
use super::{to_login, Ctx, UiRequest};
use crate::{blocking, ApiError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/new", get(new_case_form).post(new_case_submit))
        .route("/cases/{id}/edit", get(edit_case_form).post(edit_case_submit))
        .route("/cases/{id}/tasks/{task_id}", post(set_task_done))
        .route("/cases/{id}/people/new", get(people_page).post(people_search))
        .route("/cases/{id}/people", post(add_existing_person))
        .route("/cases/{id}/people/create", post(create_person))
        .route("/cases/{id}/notes", post(add_note))
        .route("/cases/{id}/tasks", post(add_task))
        .route("/cases/{id}/events", post(add_event))
}

/// How many possible matches the search shows.
const MATCH_LIMIT: i64 = 20;
/// The shortest search: one character would list most of the records.
const MIN_QUERY_CHARS: usize = 2;

// ---------------------------------------------------------------------------------------------
// Shared pieces

pub(super) fn not_found(req: &UiRequest) -> Response {
    error_page(take_ctx(req), &ApiError::not_found())
}

pub(super) fn forbidden_page(req: &UiRequest) -> Response {
    error_page(take_ctx(req), &ApiError::new(StatusCode::FORBIDDEN, "forbidden", "forbidden"))
}

/// A refusal decided here (the role may not do this), recorded in the audit trail like the API's.
pub(super) async fn refuse(state: &AppState, req: &UiRequest, session: &Session, why: &'static str) -> Response {
    let actor = session.actor.clone();
    let _ = blocking(state, move |store| Ok(store.record_forbidden(&actor, why))).await;
    forbidden_page(req)
}

/// Why a store call failed: the store's own error, or the blocking task itself.
pub(super) enum Failed {
    Store(StoreError),
    Api(ApiError),
}

impl Failed {
    pub(super) fn page(self, c: Ctx) -> Response {
        match self {
            Failed::Store(e) => error_page(c, &ApiError::from(e)),
            Failed::Api(e) => error_page(c, &e),
        }
    }
}

/// Runs store work off the async threads, keeping the store's error as it is.
pub(super) async fn with_store<T, F>(state: &AppState, f: F) -> Result<T, Failed>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> StoreResult<T> + Send + 'static,
{
    match blocking(state, move |store| Ok(f(store))).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(Failed::Store(e)),
        Err(e) => Err(Failed::Api(e)),
    }
}

/// The fields of a submitted form or a query string, in order; a name may repeat (checkboxes).
pub(super) struct Fields(Vec<(String, String)>);

impl Fields {
    pub(super) fn parse(bytes: &[u8]) -> Fields {
        Fields(form_urlencoded::parse(bytes).into_owned().collect())
    }

    /// The first value of `name`, or "".
    pub(super) fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub(super) fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

/// A blank field is absent.
pub(super) fn present(v: &str) -> Option<String> {
    (!v.trim().is_empty()).then(|| v.to_string())
}

/// An optional date field: blank is `None`; anything but YYYY-MM-DD is an `invalid_date` error.
pub(super) fn optional_date(field: &str, v: &str) -> Result<Option<NaiveDate>, ValidationError> {
    match v.trim() {
        "" => Ok(None),
        s => {
            s.parse().map(Some).map_err(|_| ValidationError::new(field, "invalid_date", "must be a date (YYYY-MM-DD)"))
        }
    }
}

pub(super) fn invalid_choice(field: &str) -> ValidationError {
    ValidationError::new(field, "invalid_choice", "is not one of the options offered")
}

/// An optional choice among the ids offered: blank is `None`, anything else must be an id.
pub(super) fn optional_id(field: &str, v: &str) -> Result<Option<Uuid>, ValidationError> {
    match v.trim() {
        "" => Ok(None),
        s => parse_uuid(s).map(Some).ok_or_else(|| invalid_choice(field)),
    }
}

pub(super) fn required_id(field: &str, v: &str) -> Result<Uuid, ValidationError> {
    optional_id(field, v)?.ok_or_else(|| ValidationError::new(field, "required", "choose one"))
}

pub(super) fn required_date(field: &str, v: &str) -> Result<NaiveDate, ValidationError> {
    optional_date(field, v)?.ok_or_else(|| ValidationError::new(field, "required", "must not be empty"))
}

/// One code chosen from a select or radio group: blank is "required", an unknown code "invalid".
pub(super) fn choice<T>(field: &str, v: &str, parse: fn(&str) -> Option<T>) -> Result<T, ValidationError> {
    if v.trim().is_empty() {
        return Err(ValidationError::new(field, "required", "choose one"));
    }
    parse(v).ok_or_else(|| invalid_choice(field))
}

/// The checked codes of one list of checkboxes; an unknown code is an invalid choice.
pub(super) fn checked<T>(
    field: &str,
    values: &[String],
    parse: fn(&str) -> Option<T>,
) -> Result<Vec<T>, ValidationError> {
    values.iter().map(|v| parse(v).ok_or_else(|| invalid_choice(field))).collect()
}

pub(super) fn parse_uuid(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw).ok()
}

/// Today where the users work (Thailand and Laos, UTC+7): what a date field starts with. Checks
/// that a date is not in the future use the latest date on Earth instead (`latest_today`).
pub(super) fn local_today(state: &AppState) -> NaiveDate {
    (state.store.now() + chrono::Duration::hours(7)).date_naive()
}

/// An option of a select or a checkbox, with its translated label.
pub struct Opt {
    pub code: &'static str,
    pub label: String,
    pub checked: bool,
}

pub(super) fn options(
    c: &Ctx,
    group: &str,
    codes: impl IntoIterator<Item = &'static str>,
    checked: &[String],
) -> Vec<Opt> {
    codes
        .into_iter()
        .map(|code| Opt { code, label: c.v(group, code), checked: checked.iter().any(|v| v == code) })
        .collect()
}

/// A form's error: the text for the alert, and the id of the field it is about.
pub struct FormError {
    pub anchor: String,
    pub text: String,
    /// The form field at fault (the name the validation used), for aria-invalid.
    pub field: String,
}

/// The alert text for a validation error on the field labelled `label`.
pub(super) fn error_text(c: &Ctx, code: &str, label: &str) -> String {
    match code {
        "required" => {
            return Translations::global().get_args(c.lang, "error-required-field", &[("field", label.into())])
        }
        // A decision, not a typing error: the sentence says what to do instead.
        "consent_missing" => return c.t("referral-consent-missing"),
        _ => {}
    }
    let key = match code {
        "in_future" => "error-date-in-future",
        "too_long" => "error-too-long",
        "invalid_date" => "error-invalid-date",
        "invalid_choice" | "unknown_party" | "unknown_organisation" => "error-invalid-choice",
        "invalid_country" => "error-invalid-country",
        "already_in_case" => "person-already-in-case",
        "not_allowed" => "ident-error-not-allowed",
        "before_received" => "ident-error-before-received",
        "own_organisation" => "ident-error-own-organisation",
        "not_perpetrator" => "ident-error-not-perpetrator",
        "after_decision" => "ident-error-after-decision",
        _ => "error-invalid-value",
    };
    format!("{label}: {}", c.t(key))
}

// ---------------------------------------------------------------------------------------------
// New case

#[derive(Default)]
struct CaseForm {
    title: String,
    summary: String,
    status: String,
    tactics: Vec<String>,
    exploitation_types: Vec<String>,
    control_methods: Vec<String>,
    opened_on: String,
}

#[derive(Template)]
#[template(path = "forms_case_new.html")]
struct NewCasePage {
    c: Ctx,
    form: CaseForm,
    error: Option<FormError>,
    statuses: Vec<Opt>,
    tactics: Vec<Opt>,
    exploitation_types: Vec<Opt>,
    control_methods: Vec<Opt>,
    max_date: String,
    /// Editing an existing case (its id and reference) rather than opening a new one.
    editing: Option<(Uuid, String)>,
}

impl NewCasePage {
    fn new(state: &AppState, c: Ctx, form: CaseForm, error: Option<FormError>) -> NewCasePage {
        NewCasePage {
            editing: None,
            statuses: options(
                &c,
                "status",
                CaseStatus::ALL.iter().map(|s| s.code()),
                std::slice::from_ref(&form.status),
            ),
            tactics: options(&c, "tactic", Tactic::ALL.iter().map(|s| s.code()), &form.tactics),
            exploitation_types: options(
                &c,
                "exploitation",
                ExploitationType::ALL.iter().map(|s| s.code()),
                &form.exploitation_types,
            ),
            control_methods: options(&c, "control", ControlMethod::ALL.iter().map(|s| s.code()), &form.control_methods),
            max_date: crate::api::latest_today(state).to_string(),
            c,
            form,
            error,
        }
    }

    fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }
}

/// The label and the element id of a field of the new-case form.
fn case_field(field: &str) -> (&'static str, &'static str) {
    match field {
        "summary" => ("field-summary", "summary"),
        "status" => ("field-status", "status"),
        "opened_on" => ("field-opened-on", "opened_on"),
        "tactics" => ("field-tactics", "tactics"),
        "exploitation_types" => ("field-exploitation", "exploitation_types"),
        "control_methods" => ("field-control-methods", "control_methods"),
        _ => ("field-title", "title"),
    }
}

fn case_error(c: &Ctx, e: &ValidationError) -> FormError {
    let (label, anchor) = case_field(&e.field);
    FormError { anchor: anchor.into(), text: error_text(c, e.code, &c.t(label)), field: anchor.into() }
}

async fn new_case_form(State(state): State<AppState>, req: UiRequest) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !session.actor.role.may_create_cases() {
        return forbidden_page(&req);
    }
    let form = CaseForm {
        status: CaseStatus::Active.code().into(),
        opened_on: local_today(&state).to_string(),
        ..Default::default()
    };
    render(&NewCasePage::new(&state, take_ctx(&req), form, None))
}

/// The submitted new-case form as the domain's input, or the first field that is not valid.
fn case_input(state: &AppState, form: &CaseForm) -> Result<CaseInput, ValidationError> {
    let status = match form.status.trim() {
        "" => None,
        s => Some(choice("status", s, CaseStatus::from_code)?),
    };
    let tactics = checked("tactics", &form.tactics, Tactic::from_code)?;
    let exploitation_types = checked("exploitation_types", &form.exploitation_types, ExploitationType::from_code)?;
    let control_methods = checked("control_methods", &form.control_methods, ControlMethod::from_code)?;
    let opened_on = optional_date("opened_on", &form.opened_on)?.unwrap_or_else(|| local_today(state));
    Ok(CaseInput {
        title: form.title.clone(),
        summary: present(&form.summary),
        status,
        tactics,
        exploitation_types,
        control_methods,
        opened_on: Some(opened_on),
        events: Vec::new(),
    })
}

async fn new_case_submit(State(state): State<AppState>, req: UiRequest, RawForm(body): RawForm) -> Response {
    let secure = state.config.secure_cookies;
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let fields = Fields::parse(&body);
    if !req.csrf_ok(&fields.get("csrf")) {
        return csrf_failed(&req, secure);
    }
    if !session.actor.role.may_create_cases() {
        return refuse(&state, &req, &session, "your role may not open cases").await;
    }
    let form = CaseForm::from_fields(&fields);
    let today = crate::api::latest_today(&state);
    let new = match case_input(&state, &form).and_then(|input| input.validate(today)) {
        Ok(new) => new,
        Err(e) => {
            let c = take_ctx(&req);
            let error = Some(case_error(&c, &e));
            return render_status(&NewCasePage::new(&state, c, form, error), StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let actor = session.actor.clone();
    match with_store(&state, move |store| store.write(Some(&actor), |tx| cases::create(tx, &actor, new))).await {
        Ok(case) => Redirect::to(&format!("/cases/{}", case.id)).into_response(),
        Err(f) => f.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// Editing a case: title, summary, status and classification (tactics, types of exploitation)

impl CaseForm {
    /// The case form as submitted (new or edit).
    fn from_fields(fields: &Fields) -> CaseForm {
        CaseForm {
            title: fields.get("title"),
            summary: fields.get("summary"),
            status: fields.get("status"),
            tactics: fields.all("tactics"),
            exploitation_types: fields.all("exploitation_types"),
            control_methods: fields.all("control_methods"),
            opened_on: fields.get("opened_on"),
        }
    }

    fn of(case: &Case) -> CaseForm {
        CaseForm {
            title: case.title.clone(),
            summary: case.summary.clone().unwrap_or_default(),
            status: case.status.code().into(),
            tactics: case.tactics.iter().map(|t| t.code().to_string()).collect(),
            exploitation_types: case.exploitation_types.iter().map(|t| t.code().to_string()).collect(),
            control_methods: case.control_methods.iter().map(|t| t.code().to_string()).collect(),
            opened_on: case.opened_on.to_string(),
        }
    }
}

fn edit_page(state: &AppState, c: Ctx, case: (Uuid, String), form: CaseForm, error: Option<FormError>) -> NewCasePage {
    NewCasePage { editing: Some(case), ..NewCasePage::new(state, c, form, error) }
}

async fn edit_case_form(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return forbidden_page(&req);
    }
    let actor = session.actor.clone();
    // Only someone who may change the case sees the form (a case they may only read is refused
    // the same way the change would be).
    let found = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            cases::editable(tx, &actor, case_id)?;
            cases::get(tx, &actor, case_id)
        })
    })
    .await;
    match found {
        Ok(detail) => {
            let form = CaseForm::of(&detail.case);
            render(&edit_page(&state, take_ctx(&req), (case_id, detail.case.reference), form, None))
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

async fn edit_case_submit(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, fields) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not change cases").await;
    }
    let form = CaseForm::from_fields(&fields);
    let change = case_input(&state, &form).and_then(|input| {
        CasePatch {
            title: Some(input.title),
            summary: Some(input.summary.unwrap_or_default()),
            status: input.status,
            tactics: Some(input.tactics),
            exploitation_types: Some(input.exploitation_types),
            control_methods: Some(input.control_methods),
        }
        .validate()
    });
    let change = match change {
        Ok(change) => change,
        Err(e) => {
            let c = take_ctx(&req);
            let error = Some(case_error(&c, &e));
            let reference = fields.get("reference");
            let page = edit_page(&state, c, (case_id, reference), form, error);
            return render_status(&page, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let actor = session.actor.clone();
    match with_store(&state, move |store| store.write(Some(&actor), |tx| cases::update(tx, &actor, case_id, change)))
        .await
    {
        Ok(_) => Redirect::to(&format!("/cases/{case_id}")).into_response(),
        Err(f) => f.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// Adding a person: search before create

#[derive(Default)]
struct PersonForm {
    given_name: String,
    family_name: String,
    full_name: String,
    date_of_birth: String,
    gender: String,
    nationality: String,
    id_number: String,
    role: String,
}

impl PersonForm {
    fn from_fields(f: &Fields) -> PersonForm {
        PersonForm {
            given_name: f.get("given_name"),
            family_name: f.get("family_name"),
            full_name: f.get("full_name"),
            date_of_birth: f.get("date_of_birth"),
            gender: f.get("gender"),
            nationality: f.get("nationality"),
            id_number: f.get("id_number"),
            role: f.get("role"),
        }
    }

    /// The role in the case, which must be chosen.
    fn role(&self) -> Result<CaseRole, ValidationError> {
        match self.role.trim() {
            "" => Err(ValidationError::new("role", "required", "choose the person's role in the case")),
            r => CaseRole::from_code(r).ok_or_else(|| invalid_choice("role")),
        }
    }

    /// The new person as the domain's input (a victim's identity is protected from the start).
    fn input(&self, role: CaseRole) -> Result<PartyInput, ValidationError> {
        let gender = match self.gender.trim() {
            "" => None,
            g => Some(Gender::from_code(g).ok_or_else(|| invalid_choice("gender"))?),
        };
        Ok(PartyInput {
            kind: Some(PartyKind::Person),
            given_name: present(&self.given_name),
            family_name: present(&self.family_name),
            full_name: present(&self.full_name),
            date_of_birth: optional_date("date_of_birth", &self.date_of_birth)?,
            gender,
            nationality: present(&self.nationality),
            id_number: present(&self.id_number),
            survivor: Some(role == CaseRole::Victim),
            ..PartyInput::default()
        })
    }
}

/// A possible match found by the search (masked by the store when a survivor).
pub struct MatchView {
    pub id: Uuid,
    pub name: String,
    pub masked: bool,
    pub kind: &'static str,
    pub age_band: Option<String>,
    /// The roles this party already has in this case.
    pub roles_here: Vec<&'static str>,
    /// How strong the match is ("strong", "likely", "possible"), when the matcher found it; `None`
    /// when only the text search did (the name, an identifier or an ID number contains the query).
    pub strength: Option<&'static str>,
    /// Why, field by field, strongest first.
    pub why: Vec<WhyView>,
    /// (case id, reference, title, role code) of each role in a case the user may open (the
    /// search page shows them).
    pub cases: Vec<(Uuid, String, String, &'static str)>,
}

/// What a search found, as shown: the matcher's ranked persons with why, then the parties only the
/// text search found, each once, at most `limit`.
pub(super) fn match_views(
    c: &Ctx,
    ranked: Vec<crate::matching::Found>,
    text: Vec<counternet_domain::party::Party>,
    limit: usize,
) -> Vec<MatchView> {
    let mut seen = std::collections::HashSet::new();
    ranked
        .into_iter()
        .map(|f| (f.party, Some(crate::matching::strength(f.evidence)), why_view(c, &f.why)))
        .chain(text.into_iter().map(|p| (p, None, Vec::new())))
        .filter(|(p, _, _)| seen.insert(p.id))
        .take(limit)
        .map(|(p, strength, why)| MatchView {
            roles_here: Vec::new(),
            cases: Vec::new(),
            id: p.id,
            age_band: p.age_band.and_then(|b| serde_json::to_value(b).ok()).and_then(|v| v.as_str().map(String::from)),
            name: p.name,
            masked: p.masked,
            kind: p.kind.code(),
            strength,
            why,
        })
        .collect()
}

/// One field's part in a match, in the user's language.
pub struct WhyView {
    pub field: String,
    pub level: String,
    /// The weight with its sign, e.g. "+8.1".
    pub weight: String,
    pub against: bool,
}

/// A match's reasons in the user's language.
pub fn why_view(c: &Ctx, why: &[crate::matching::Why]) -> Vec<WhyView> {
    why.iter()
        .map(|w| WhyView {
            field: c.t(&format!("match-field-{}", w.field.replace('_', "-"))),
            level: c.t(&format!("match-level-{}", w.level.replace(' ', "-"))),
            weight: format!("{:+.1}", w.weight),
            against: w.weight < 0.0,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "forms_people.html")]
struct PeoplePage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    q: String,
    /// A search was made (long enough): the matches and the create form are shown.
    searched: bool,
    too_short: bool,
    matches: Vec<MatchView>,
    roles: Vec<Opt>,
    new_roles: Vec<Opt>,
    genders: Vec<Opt>,
    form: PersonForm,
    error: Option<FormError>,
    max_date: String,
}

impl PeoplePage {
    fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }
}

/// The label and the element id of a field of the add-person page.
fn person_field(field: &str) -> (&'static str, &'static str) {
    match field {
        "family_name" => ("person-family-name", "family_name"),
        "full_name" => ("person-full-name", "full_name"),
        "date_of_birth" => ("person-date-of-birth", "date_of_birth"),
        "gender" => ("person-gender", "gender"),
        "nationality" => ("person-nationality", "nationality"),
        "id_number" => ("person-id-number", "id_number"),
        "role" => ("person-role", "new-role"),
        _ => ("person-given-name", "given_name"),
    }
}

fn person_error(c: &Ctx, e: &ValidationError) -> FormError {
    let (label, anchor) = person_field(&e.field);
    let text = if e.field == "given_name" && e.code == "required" {
        // A person needs some name: given, family or full.
        c.t("person-name-required")
    } else {
        error_text(c, e.code, &c.t(label))
    };
    FormError { anchor: anchor.into(), text, field: e.field.clone() }
}

fn searchable(q: &str) -> bool {
    q.trim().chars().count() >= MIN_QUERY_CHARS
}

/// What the add-person page shows besides the case: the search, the create form as typed, and
/// the error of the last attempt with its status.
struct PeopleState {
    q: String,
    form: PersonForm,
    error: Option<FormError>,
    status: StatusCode,
}

/// The add-person page: the search, its matches, and the form to create a new person.
async fn show_people(
    state: &AppState,
    req: &UiRequest,
    session: &Session,
    case_id: Uuid,
    shown: PeopleState,
) -> Response {
    let PeopleState { q, form, error, status } = shown;
    let actor = session.actor.clone();
    let query = q.clone();
    let matcher = state.matcher.clone();
    let data = with_store(state, move |store| {
        store.read(Some(&actor), |tx| {
            let detail = cases::get(tx, &actor, case_id)?;
            let here = parties::list_for_case(tx, &actor, case_id)?;
            let (ranked, text) = if searchable(&query) {
                (
                    matcher.search(tx, &actor, &query, MATCH_LIMIT as usize)?,
                    parties::search(tx, &actor, &query, MATCH_LIMIT)?,
                )
            } else {
                (Vec::new(), Vec::new())
            };
            Ok((detail.case.reference, here, (ranked, text)))
        })
    })
    .await;
    let (reference, here, (ranked, text)) = match data {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(req)),
    };
    let c = take_ctx(req);
    // The matcher's ranked persons first, then what only the text search found.
    let mut matches = match_views(&c, ranked, text, MATCH_LIMIT as usize);
    for m in &mut matches {
        m.roles_here = here.iter().filter(|cp| cp.party.id == m.id).map(|cp| cp.role.code()).collect();
    }
    let role_codes = || CaseRole::ALL.iter().map(|r| r.code());
    let page = PeoplePage {
        case_id,
        reference,
        searched: searchable(&q),
        too_short: !q.trim().is_empty() && !searchable(&q),
        q,
        matches,
        roles: options(&c, "role", role_codes(), &[]),
        new_roles: options(&c, "role", role_codes(), std::slice::from_ref(&form.role)),
        genders: options(&c, "gender", Gender::ALL.iter().map(|g| g.code()), std::slice::from_ref(&form.gender)),
        form,
        error,
        max_date: crate::api::latest_today(state).to_string(),
        c,
    };
    render_status(&page, status)
}

/// A signed-in user and a case id that parses (an id that does not is a missing case: 404).
pub(super) enum Gate {
    Pass(Session, Uuid),
    Stop(Response),
}

pub(super) fn gate(req: &UiRequest, raw_id: &str) -> Gate {
    let Some(session) = req.ctx.session.clone() else { return Gate::Stop(to_login()) };
    let Some(id) = parse_uuid(raw_id) else { return Gate::Stop(not_found(req)) };
    Gate::Pass(session, id)
}

/// The add-person page before a search: only the search form.
async fn people_page(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return forbidden_page(&req);
    }
    let shown = PeopleState { q: String::new(), form: PersonForm::default(), error: None, status: StatusCode::OK };
    show_people(&state, &req, &session, case_id, shown).await
}

/// The search before create. A POST, so that the name, phone or ID number searched for never sits
/// in the address bar, the tab's history or a proxy's log (a survivor's name on a shared phone is
/// exactly what Quick exit is for).
async fn people_search(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, fields) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return forbidden_page(&req);
    }
    let q = fields.get("q");
    let form = PersonForm {
        // A searched name that found nobody is likely the name to record.
        full_name: if q.chars().any(char::is_alphabetic) { q.trim().to_string() } else { String::new() },
        ..PersonForm::default()
    };
    show_people(&state, &req, &session, case_id, PeopleState { q, form, error: None, status: StatusCode::OK }).await
}

/// Gives a party found by the search a role in the case.
async fn add_existing_person(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let secure = state.config.secure_cookies;
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    let fields = Fields::parse(&body);
    if !req.csrf_ok(&fields.get("csrf")) {
        return csrf_failed(&req, secure);
    }
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not change cases").await;
    }
    let q = fields.get("q");
    let role = PersonForm { role: fields.get("role"), ..PersonForm::default() }.role();
    let party_id = parse_uuid(&fields.get("party_id"));
    let input = match (role, party_id) {
        (Ok(role), Some(party_id)) => CasePartyInput { party_id, role, role_in_process: Vec::new(), notes: None },
        (Err(e), _) => return match_failed(&state, &req, &session, case_id, q, &e).await,
        (_, None) => return match_failed(&state, &req, &session, case_id, q, &invalid_choice("party_id")).await,
    };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| parties::add_to_case(tx, &actor, case_id, input))
    })
    .await;
    match done {
        Ok(_) => Redirect::to(&format!("/cases/{case_id}#people")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => match_failed(&state, &req, &session, case_id, q, &e).await,
        Err(Failed::Store(StoreError::Conflict { code, .. })) => {
            let e = ValidationError::new("role", code, "already in the case");
            match_failed(&state, &req, &session, case_id, q, &e).await
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

/// The add-person page again, with an alert about the match the user tried to add.
async fn match_failed(
    state: &AppState,
    req: &UiRequest,
    session: &Session,
    case_id: Uuid,
    q: String,
    e: &ValidationError,
) -> Response {
    let c = take_ctx(req);
    let status = if e.code == "already_in_case" { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY };
    let error = FormError {
        anchor: "matches-heading".into(),
        text: error_text(&c, e.code, &c.t(if e.field == "role" { "person-role" } else { "person-name" })),
        field: String::new(),
    };
    let shown = PeopleState { q, form: PersonForm::default(), error: Some(error), status };
    show_people(state, req, session, case_id, shown).await
}

/// Creates a new person and gives them their role in the case, in one transaction.
async fn create_person(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let secure = state.config.secure_cookies;
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    let fields = Fields::parse(&body);
    if !req.csrf_ok(&fields.get("csrf")) {
        return csrf_failed(&req, secure);
    }
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not record parties").await;
    }
    let q = fields.get("q");
    let form = PersonForm::from_fields(&fields);
    let today = crate::api::latest_today(&state);
    let checked = form.role().and_then(|role| Ok((role, form.input(role)?.validate(today)?)));
    let (role, new) = match checked {
        Ok(v) => v,
        Err(e) => {
            let error = Some(person_error(&take_ctx(&req), &e));
            let shown = PeopleState { q, form, error, status: StatusCode::UNPROCESSABLE_ENTITY };
            return show_people(&state, &req, &session, case_id, shown).await;
        }
    };
    let actor = session.actor.clone();
    let matcher = state.matcher.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            cases::editable(tx, &actor, case_id)?;
            let party = parties::create(tx, &actor, new)?;
            let input = CasePartyInput { party_id: party.id, role, role_in_process: Vec::new(), notes: None };
            let added = parties::add_to_case(tx, &actor, case_id, input)?;
            crate::api::merges::auto_merge(tx, &actor, &matcher, &party)?;
            Ok(added)
        })
    })
    .await;
    match done {
        Ok(_) => Redirect::to(&format!("/cases/{case_id}#people")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => {
            let error = Some(person_error(&take_ctx(&req), &e));
            let shown = PeopleState { q, form, error, status: StatusCode::UNPROCESSABLE_ENTITY };
            show_people(&state, &req, &session, case_id, shown).await
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// Notes and tasks (their forms are on the case page)

/// A note or task that did not validate: a page saying why, with a link back to the case.
pub(super) fn case_form_failed(
    req: &UiRequest,
    case_id: Uuid,
    anchor: &str,
    label_key: &str,
    e: &ValidationError,
) -> Response {
    let c = take_ctx(req);
    let message = error_text(&c, e.code, &c.t(label_key));
    let title = c.t("error-title");
    message_page(c, StatusCode::UNPROCESSABLE_ENTITY, title, message, Some(format!("/cases/{case_id}#{anchor}")))
}

/// What the forms on the case page share: a session and a visible case (`gate`), the form's
/// fields, and a valid CSRF token.
pub(super) fn case_form(state: &AppState, req: &UiRequest, raw_id: &str, body: &[u8]) -> SectionForm {
    let (session, case_id) = match gate(req, raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return SectionForm::Stop(r),
    };
    let fields = Fields::parse(body);
    if !req.csrf_ok(&fields.get("csrf")) {
        return SectionForm::Stop(csrf_failed(req, state.config.secure_cookies));
    }
    SectionForm::Pass(session, case_id, fields)
}

pub(super) enum SectionForm {
    Pass(Session, Uuid, Fields),
    Stop(Response),
}

/// Back to the section of the case page the form came from, or the reason it was refused.
pub(super) fn case_form_done<T>(
    req: &UiRequest,
    case_id: Uuid,
    anchor: &str,
    label_of: impl Fn(&str) -> &'static str,
    done: Result<T, Failed>,
) -> Response {
    match done {
        Ok(_) => Redirect::to(&format!("/cases/{case_id}#{anchor}")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => case_form_failed(req, case_id, anchor, label_of(&e.field), &e),
        Err(f) => f.page(take_ctx(req)),
    }
}

async fn add_note(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, fields) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let text = fields.get("body");
    let actor = session.actor.clone();
    // Any team member may write notes, analysts too (the store checks the case is visible first).
    let done =
        with_store(&state, move |store| store.write(Some(&actor), |tx| cases::add_note(tx, &actor, case_id, &text)))
            .await;
    case_form_done(&req, case_id, "notes", |_| "note-text", done)
}

async fn add_task(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, fields) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let due_on = match optional_date("due_on", &fields.get("due_on")) {
        Ok(d) => d,
        Err(e) => return case_form_failed(&req, case_id, "tasks", "task-due", &e),
    };
    let input = TaskInput { title: fields.get("title"), due_on, assignee_id: None };
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |store| store.write(Some(&actor), |tx| cases::add_task(tx, &actor, case_id, input)))
            .await;
    case_form_done(&req, case_id, "tasks", |_| "task-title", done)
}

/// Marks a task done, or open again.
async fn set_task_done(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_task)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, fields) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Some(task_id) = parse_uuid(&raw_task) else { return not_found(&req) };
    let done = match fields.get("done").as_str() {
        "true" => true,
        "false" => false,
        _ => return case_form_failed(&req, case_id, "tasks", "task-title", &invalid_choice("done")),
    };
    let patch = TaskPatch { done: Some(done), ..TaskPatch::default() };
    let actor = session.actor.clone();
    let result = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| cases::update_task(tx, &actor, case_id, task_id, patch))
    })
    .await;
    case_form_done(&req, case_id, "tasks", |_| "task-title", result)
}

/// Records a trafficking event (recruitment, transit, exploitation) from the case page.
async fn add_event(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, fields) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let label = |field: &str| match field {
        "occurred_on" => "event-date",
        "place" => "event-place",
        "country" => "event-country",
        "recruitment_method" => "event-recruitment-method",
        f if f.starts_with("apps") => "event-apps",
        "notes" => "event-notes",
        _ => "event-stage",
    };
    let Some(stage) = EventStage::from_code(&fields.get("stage")) else {
        let e = ValidationError::new("stage", "required", "choose a stage");
        return case_form_failed(&req, case_id, "events", label("stage"), &e);
    };
    let occurred_on = match optional_date("occurred_on", &fields.get("occurred_on")) {
        Ok(d) => d,
        Err(e) => return case_form_failed(&req, case_id, "events", label("occurred_on"), &e),
    };
    let method = fields.get("recruitment_method");
    let recruitment_method = match (method.is_empty(), RecruitmentMethod::from_code(&method)) {
        (true, _) => None,
        (false, Some(m)) => Some(m),
        (false, None) => {
            let e = ValidationError::new("recruitment_method", "invalid", "unknown method");
            return case_form_failed(&req, case_id, "events", label("recruitment_method"), &e);
        }
    };
    let text = |k: &str| Some(fields.get(k)).filter(|v| !v.trim().is_empty());
    let input = EventInput {
        stage,
        occurred_on,
        place: text("place"),
        country: text("country"),
        latitude: None,
        longitude: None,
        recruitment_method,
        // The apps used to recruit or control, as typed: "LINE, Facebook".
        apps: fields.get("apps").split([',', ';']).map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect(),
        notes: text("notes"),
    };
    let event = match input.validate("", crate::api::latest_today(&state)) {
        Ok(e) => e,
        Err(e) => {
            let key = label(&e.field);
            return case_form_failed(&req, case_id, "events", key, &e);
        }
    };
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |store| store.write(Some(&actor), |tx| cases::add_event(tx, &actor, case_id, event)))
            .await;
    case_form_done(&req, case_id, "events", label, done)
}

/// A multipart form's text fields by name and the bytes of its `file` field: `Err("too_large")`
/// when the file is over the route's limit, `Err("form")` when a field cannot be read.
pub(super) async fn multipart_form(
    mut form: axum::extract::Multipart,
) -> Result<(std::collections::HashMap<String, String>, Option<Vec<u8>>), &'static str> {
    let (mut fields, mut file) = (std::collections::HashMap::new(), None);
    while let Ok(Some(field)) = form.next_field().await {
        match field.name().map(str::to_string) {
            Some(name) if name == "file" => file = Some(field.bytes().await.map_err(|_| "too_large")?.to_vec()),
            Some(name) => {
                let value = field.text().await.map_err(|_| "form")?;
                fields.insert(name, value);
            }
            None => {}
        }
    }
    Ok((fields, file))
}
