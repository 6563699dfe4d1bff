//! The case page's intake, screening and identification, and perpetrators sections, the screening
//! form and the advice page.
//!
//! Like the other case-page forms: POST, then a 303 redirect to the section (or, for a screening,
//! to its advice); a form that does not validate answers 422 with an alert naming the field. The
//! advice page shows the screening exactly as it was recorded, and offers the separate form for
//! the deciding body's decision, which the advice never changes.

use super::i18n::{FluentArg, Translations};
use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::identification::{
    AgeSource, DecisionInput, Intake, IntakeInput, PerpetratorStatusInput, ScreeningRecord,
};
use counternet_domain::screening::{Act, ForcedLabourIndicator, Means, ScreeningInput};
use counternet_domain::vocab::{
    CaseRole, DecidingBody, ExploitationType, IntakeRoute, PartyKind, PerpetratorRole, PerpetratorStatus,
    TraffickingStatus,
};
use counternet_domain::{Actor, ValidationError};
use counternet_store::{cases, identification, parties, StoreResult, Tx};

use super::common::{render, take_ctx};
use super::forms::{
    case_form, case_form_done, case_form_failed, checked, choice, forbidden_page, gate, optional_date, optional_id,
    options, parse_uuid, present, required_date, required_id, with_store, Failed, Gate, Opt, SectionForm,
};
use super::{Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/intakes", post(add_intake))
        .route("/cases/{id}/screening", get(screening_form))
        .route("/cases/{id}/screenings", post(add_screening))
        .route("/cases/{id}/screenings/{screening_id}", get(advice_page))
        .route("/cases/{id}/decisions", post(add_decision))
        .route("/cases/{id}/perpetrators", post(add_perpetrator_status))
}

// ---------------------------------------------------------------------------------------------
// What the case page shows

/// A person of the case, for the selects and the lists (survivors masked).
pub struct PersonOpt {
    pub id: Uuid,
    pub name: String,
}

pub struct ScreeningView {
    pub id: Uuid,
    pub on: NaiveDate,
    pub person: Option<String>,
    pub indicated: bool,
}

pub struct DecisionView {
    pub person: String,
    pub status: &'static str,
    pub deciding_body: &'static str,
    pub decided_by: String,
    pub mdt_date: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub notes: Option<String>,
    pub current: bool,
}

pub struct PerpetratorView {
    pub person: String,
    pub roles: Vec<&'static str>,
    pub status: &'static str,
    pub unit: Option<String>,
    pub on_date: NaiveDate,
    pub current: bool,
}

/// The organisations a select offers (the partners).
pub struct OrgOpt {
    pub id: Uuid,
    pub name: String,
}

/// Everything the three sections of the case page need.
pub struct Section {
    pub intakes: Vec<Intake>,
    pub orgs: Vec<OrgOpt>,
    pub persons: Vec<PersonOpt>,
    pub perpetrators: Vec<PersonOpt>,
    pub screenings: Vec<ScreeningView>,
    pub decisions: Vec<DecisionView>,
    pub perpetrator_statuses: Vec<PerpetratorView>,
    pub intake_routes: Vec<&'static str>,
    pub trafficking_statuses: Vec<&'static str>,
    pub deciding_bodies: Vec<&'static str>,
    pub perpetrator_states: Vec<&'static str>,
    pub perpetrator_roles: Vec<&'static str>,
}

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| code(*v)).collect()
}

/// The people of the case (persons only), and those of them who are perpetrators.
fn people(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<(Vec<PersonOpt>, Vec<PersonOpt>)> {
    let mut persons: Vec<PersonOpt> = Vec::new();
    let mut perpetrators = Vec::new();
    for cp in parties::list_for_case(tx, actor, case_id)? {
        if cp.party.kind != PartyKind::Person {
            continue;
        }
        if cp.role == CaseRole::Perpetrator {
            perpetrators.push(PersonOpt { id: cp.party.id, name: cp.party.name.clone() });
        }
        if !persons.iter().any(|p| p.id == cp.party.id) {
            persons.push(PersonOpt { id: cp.party.id, name: cp.party.name });
        }
    }
    Ok((persons, perpetrators))
}

fn name_of(persons: &[PersonOpt], id: Uuid) -> String {
    persons.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_default()
}

/// Loads the sections (through the case's scope, like every read).
pub fn section(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Section> {
    let intakes = identification::list_intakes(tx, actor, case_id)?;
    let (persons, perpetrators) = people(tx, actor, case_id)?;
    let screenings = identification::list_screenings(tx, actor, case_id)?
        .into_iter()
        .map(|s| ScreeningView {
            id: s.id,
            on: s.created_at.date_naive(),
            person: s.party_id.map(|p| name_of(&persons, p)),
            indicated: s.result.get("trafficking_indicated").and_then(serde_json::Value::as_bool).unwrap_or(false),
        })
        .collect();
    let decisions = identification::list_decisions(tx, actor, case_id)?
        .into_iter()
        .map(|d| DecisionView {
            person: name_of(&persons, d.party_id),
            status: d.status.code(),
            deciding_body: d.deciding_body.code(),
            decided_by: d.decided_by,
            mdt_date: d.mdt_date,
            decided_on: d.decided_on,
            notes: d.notes,
            current: d.current,
        })
        .collect();
    let perpetrator_statuses = identification::list_perpetrator_statuses(tx, actor, case_id)?
        .into_iter()
        .map(|p| PerpetratorView {
            person: name_of(&persons, p.party_id),
            roles: p.roles.iter().map(|r| r.code()).collect(),
            status: p.status.code(),
            unit: p.unit_name,
            on_date: p.on_date,
            current: p.current,
        })
        .collect();
    let orgs =
        identification::partner_organisations(tx)?.into_iter().map(|o| OrgOpt { id: o.id, name: o.name }).collect();
    Ok(Section {
        intakes,
        orgs,
        persons,
        perpetrators,
        screenings,
        decisions,
        perpetrator_statuses,
        intake_routes: codes(IntakeRoute::ALL, IntakeRoute::code),
        trafficking_statuses: codes(TraffickingStatus::ALL, TraffickingStatus::code),
        deciding_bodies: codes(DecidingBody::ALL, DecidingBody::code),
        perpetrator_states: codes(PerpetratorStatus::ALL, PerpetratorStatus::code),
        perpetrator_roles: codes(PerpetratorRole::ALL, PerpetratorRole::code),
    })
}

// ---------------------------------------------------------------------------------------------
// Intake

fn intake_label(field: &str) -> &'static str {
    match field {
        "received_on" => "intake-received-on",
        "organisation_id" => "intake-organisation",
        "officer_name" => "intake-officer",
        "their_reference" => "intake-their-reference",
        "passed_to_org_id" => "intake-passed-to",
        "passed_on" => "intake-passed-on",
        "notes" => "intake-notes",
        _ => "intake-route",
    }
}

async fn add_intake(
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
        Ok::<_, ValidationError>(IntakeInput {
            route: choice("route", &f.get("route"), IntakeRoute::from_code)?,
            received_on: required_date("received_on", &f.get("received_on"))?,
            organisation_id: optional_id("organisation_id", &f.get("organisation_id"))?,
            officer_name: present(&f.get("officer_name")),
            their_reference: present(&f.get("their_reference")),
            passed_to_org_id: optional_id("passed_to_org_id", &f.get("passed_to_org_id"))?,
            passed_on: optional_date("passed_on", &f.get("passed_on"))?,
            notes: present(&f.get("notes")),
        })
    })();
    let new = match input.and_then(|i| i.validate(crate::api::latest_today(&state))) {
        Ok(n) => n,
        Err(e) => return case_form_failed(&req, case_id, "intake", intake_label(&e.field), &e),
    };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| identification::record_intake(tx, &actor, case_id, new))
    })
    .await;
    case_form_done(&req, case_id, "intake", intake_label, done)
}

// ---------------------------------------------------------------------------------------------
// Screening

#[derive(Template)]
#[template(path = "identification_screening.html")]
struct ScreeningPage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    persons: Vec<PersonOpt>,
    acts: Vec<Opt>,
    means: Vec<Opt>,
    purposes: Vec<Opt>,
    indicators: Vec<Opt>,
}

async fn screening_form(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return forbidden_page(&req);
    }
    let actor = session.actor.clone();
    let loaded = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            cases::editable(tx, &actor, case_id)?;
            let case = cases::get(tx, &actor, case_id)?.case;
            let (persons, _) = people(tx, &actor, case_id)?;
            let purposes: Vec<String> = case.exploitation_types.iter().map(|x| x.code().to_string()).collect();
            Ok((case.reference, persons, purposes))
        })
    })
    .await;
    let (reference, persons, case_purposes) = match loaded {
        Ok(v) => v,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let c = take_ctx(&req);
    let none: &[String] = &[];
    render(&ScreeningPage {
        case_id,
        reference,
        persons,
        acts: options(&c, "screening-act", Act::ALL.iter().map(|a| a.code()), none),
        means: options(&c, "screening-means", Means::ALL.iter().map(|m| m.code()), none),
        // The case's types of exploitation start ticked: usually what the person went through.
        purposes: options(&c, "exploitation", ExploitationType::ALL.iter().map(|p| p.code()), &case_purposes),
        indicators: options(&c, "ilo", ForcedLabourIndicator::ALL.iter().map(|i| i.code()), none),
        c,
    })
}

fn screening_label(field: &str) -> &'static str {
    match field {
        "party_id" => "screening-person",
        f if f.starts_with("acts") => "screening-acts",
        f if f.starts_with("means") => "screening-means",
        f if f.starts_with("purposes") => "screening-purposes",
        f if f.starts_with("indicators") => "screening-indicators",
        _ => "screening-age",
    }
}

async fn add_screening(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let age = f.get("age_at_exploitation");
    let parsed = (|| {
        let age_at_exploitation = match age.trim() {
            "" => None,
            s => Some(s.replace(',', ".").parse::<f64>().map_err(|_| {
                ValidationError::new("age_at_exploitation", "invalid_value", "must be a number of years")
            })?),
        };
        let input = ScreeningInput {
            age_at_exploitation,
            acts: checked("acts", &f.all("acts"), Act::from_code)?,
            means: checked("means", &f.all("means"), Means::from_code)?,
            purposes: checked("purposes", &f.all("purposes"), ExploitationType::from_code)?,
            indicators: checked("indicators", &f.all("indicators"), ForcedLabourIndicator::from_code)?,
            consent_stated: false,
        };
        Ok::<_, ValidationError>((optional_id("party_id", &f.get("party_id"))?, input))
    })();
    let (party_id, input) = match parsed {
        Ok(v) => v,
        Err(e) => return case_form_failed(&req, case_id, "identification", screening_label(&e.field), &e),
    };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| identification::record_screening(tx, &actor, case_id, party_id, input))
    })
    .await;
    match done {
        Ok(s) => Redirect::to(&format!("/cases/{case_id}/screenings/{}", s.id)).into_response(),
        other => case_form_done(&req, case_id, "identification", screening_label, other),
    }
}

/// The advice as stored (the engine's output), read back for showing; fields not needed are
/// ignored, so an older or newer advice still shows.
#[derive(Deserialize)]
struct Advice {
    trafficking_indicated: bool,
    child: bool,
    #[serde(default)]
    age_band: Option<String>,
    elements: Elements,
    #[serde(default)]
    missing: Vec<String>,
    #[serde(default)]
    legal_basis: Vec<Basis>,
    #[serde(default)]
    forced_labour_suggested: bool,
    forced_labour_indicators: Indicators,
    #[serde(default)]
    suggested_means: Vec<Suggested>,
    #[serde(default)]
    next_questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Elements {
    act: Finding,
    means: Finding,
    purpose: Finding,
}

#[derive(Deserialize)]
struct Finding {
    met: bool,
    required: bool,
    by: Vec<String>,
}

/// A legal reference, read by its code (the engine's English wording is for the API; the page
/// says it in the user's language).
#[derive(Deserialize)]
struct Basis {
    code: String,
    #[serde(default)]
    purpose: Option<String>,
    #[serde(default)]
    category: Option<String>,
}

#[derive(Deserialize)]
struct Indicators {
    present: Vec<String>,
    #[serde(default)]
    threshold: Option<i64>,
}

#[derive(Deserialize)]
struct Suggested {
    means: String,
    because: Vec<String>,
}

#[derive(Deserialize)]
struct Question {
    about: String,
    #[serde(default)]
    codes: Vec<String>,
}

/// One element of the test as the page shows it.
pub struct ElementView {
    pub key: &'static str,
    pub met: bool,
    pub required: bool,
    /// The answers that meet it, translated.
    pub by: Vec<String>,
    /// Why it is not met or not needed (empty when met: the answers say it).
    pub reason: String,
}

#[derive(Template)]
#[template(path = "identification_advice.html")]
struct AdvicePage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    can_edit: bool,
    screened_on: NaiveDate,
    person: Option<String>,
    age: Option<String>,
    age_source: Option<&'static str>,
    indicated: bool,
    child: bool,
    age_band: Option<String>,
    elements: Vec<ElementView>,
    missing: Vec<String>,
    indicators: Vec<String>,
    indicators_reason: String,
    forced_labour_suggested: bool,
    suggested_means: Vec<(String, Vec<String>)>,
    next_questions: Vec<String>,
    legal_basis: Vec<(String, String)>,
    // The decision form.
    persons: Vec<PersonOpt>,
    trafficking_statuses: Vec<&'static str>,
    deciding_bodies: Vec<&'static str>,
}

fn advice_page_of(
    c: Ctx,
    reference: String,
    can_edit: bool,
    record: ScreeningRecord,
    persons: Vec<PersonOpt>,
) -> Option<AdvicePage> {
    let advice: Advice = serde_json::from_value(record.result).ok()?;
    let tr = |group: &str, codes: &[String]| codes.iter().map(|x| c.v(group, x)).collect::<Vec<_>>();
    let element = |key: &'static str, group: &str, f: Finding| ElementView {
        key,
        met: f.met,
        required: f.required,
        by: tr(group, &f.by),
        reason: match (f.met, f.required) {
            (true, _) => String::new(),
            (false, false) => c.t("screening-reason-not-required"),
            (false, true) => c.t(&format!("screening-reason-missing-{key}")),
        },
    };
    let tr_args = |key: &str, args: &[(&str, FluentArg)]| Translations::global().get_args(c.lang, key, args);
    let indicator_count = advice.forced_labour_indicators.present.len() as i64;
    let indicators_reason = tr_args(
        "screening-indicators-count",
        &[
            ("count", FluentArg::Num(indicator_count)),
            ("threshold", FluentArg::Num(advice.forced_labour_indicators.threshold.unwrap_or(2))),
        ],
    );
    let next_questions = advice
        .next_questions
        .iter()
        .map(|q| {
            let group = match q.about.as_str() {
                "act" => "screening-act",
                "means" => "screening-means",
                "purpose" => "exploitation",
                _ => "ilo",
            };
            // Two questions about a purpose already given have their own wording.
            let special = match (q.about.as_str(), q.codes.as_slice()) {
                ("purpose", [one]) if one == "other" || one == "child_labour" => Some(one.as_str()),
                _ => None,
            };
            match special {
                Some(code) => c.t(&format!("screening-question-purpose-{code}")),
                None if q.codes.is_empty() => c.t(&format!("screening-question-{}", q.about)),
                None => {
                    format!("{} {}", c.t(&format!("screening-question-{}", q.about)), tr(group, &q.codes).join(", "))
                }
            }
        })
        .collect();
    let legal_basis = advice
        .legal_basis
        .iter()
        .map(|b| {
            let reference = c.t(&format!("legal-basis-{}", b.code));
            let why = match (&b.purpose, &b.category) {
                (Some(p), Some(k)) => tr_args(
                    "legal-basis-why-atipa_s4",
                    &[
                        ("purpose", FluentArg::Str(c.v("exploitation", p))),
                        ("category", FluentArg::Str(c.t(&format!("atipa-s4-{k}")))),
                    ],
                ),
                _ => c.t(&format!("legal-basis-why-{}", b.code)),
            };
            (reference, why)
        })
        .collect();
    let elements = vec![
        element("act", "screening-act", advice.elements.act),
        element("means", "screening-means", advice.elements.means),
        element("purpose", "exploitation", advice.elements.purpose),
    ];
    let person = record.party_id.map(|p| name_of(&persons, p));
    Some(AdvicePage {
        case_id: record.case_id,
        reference,
        can_edit,
        screened_on: record.created_at.date_naive(),
        person,
        age: record.age_at_exploitation.map(|a| format!("{a}")),
        age_source: record.age_source.map(|s| match s {
            AgeSource::DateOfBirth => "screening-age-from-records",
            AgeSource::Estimate => "screening-age-estimated",
        }),
        indicated: advice.trafficking_indicated,
        child: advice.child,
        age_band: advice.age_band,
        elements,
        missing: tr("screening-missing", &advice.missing),
        indicators: tr("ilo", &advice.forced_labour_indicators.present),
        indicators_reason,
        forced_labour_suggested: advice.forced_labour_suggested,
        suggested_means: advice
            .suggested_means
            .into_iter()
            .map(|s| (c.v("screening-means", &s.means), tr("ilo", &s.because)))
            .collect(),
        next_questions,
        legal_basis,
        persons,
        trafficking_statuses: codes(TraffickingStatus::ALL, TraffickingStatus::code),
        deciding_bodies: codes(DecidingBody::ALL, DecidingBody::code),
        c,
    })
}

async fn advice_page(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_screening)): Path<(String, String)>,
) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    let Some(screening_id) = parse_uuid(&raw_screening) else { return super::forms::not_found(&req) };
    let actor = session.actor.clone();
    let loaded = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            let case = cases::visible(tx, &actor, case_id)?;
            let record = identification::get_screening(tx, &actor, case_id, screening_id)?;
            let (persons, _) = people(tx, &actor, case_id)?;
            Ok((case.reference, record, persons))
        })
    })
    .await;
    let (reference, record, persons) = match loaded {
        Ok(v) => v,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let can_edit = session.actor.role.may_edit_cases();
    match advice_page_of(take_ctx(&req), reference, can_edit, record, persons) {
        Some(page) => render(&page),
        None => {
            Failed::Api(crate::ApiError::internal(&"a stored screening result could not be read")).page(take_ctx(&req))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decisions

fn decision_label(field: &str) -> &'static str {
    match field {
        "party_id" => "decision-person",
        "deciding_body" => "decision-body",
        "decided_by" => "decision-decided-by",
        "mdt_date" => "decision-mdt-date",
        "decided_on" => "decision-decided-on",
        "notes" => "decision-notes",
        _ => "decision-status",
    }
}

async fn add_decision(
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
        Ok::<_, ValidationError>(DecisionInput {
            party_id: required_id("party_id", &f.get("party_id"))?,
            status: choice("status", &f.get("status"), TraffickingStatus::from_code)?,
            deciding_body: choice("deciding_body", &f.get("deciding_body"), DecidingBody::from_code)?,
            decided_by: f.get("decided_by"),
            mdt_date: optional_date("mdt_date", &f.get("mdt_date"))?,
            decided_on: required_date("decided_on", &f.get("decided_on"))?,
            notes: present(&f.get("notes")),
        })
    })();
    let new = match input.and_then(|i| i.validate(crate::api::latest_today(&state))) {
        Ok(n) => n,
        Err(e) => return case_form_failed(&req, case_id, "identification", decision_label(&e.field), &e),
    };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| identification::record_decision(tx, &actor, case_id, new))
    })
    .await;
    case_form_done(&req, case_id, "identification", decision_label, done)
}

// ---------------------------------------------------------------------------------------------
// Perpetrators

fn perpetrator_label(field: &str) -> &'static str {
    match field {
        "party_id" => "perpetrator-person",
        "roles" => "perpetrator-roles",
        "unit_org_id" => "perpetrator-unit",
        "on_date" => "perpetrator-on-date",
        _ => "perpetrator-status",
    }
}

async fn add_perpetrator_status(
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
        Ok::<_, ValidationError>(PerpetratorStatusInput {
            party_id: required_id("party_id", &f.get("party_id"))?,
            roles: checked("roles", &f.all("roles"), PerpetratorRole::from_code)?,
            status: choice("status", &f.get("status"), PerpetratorStatus::from_code)?,
            unit_org_id: optional_id("unit_org_id", &f.get("unit_org_id"))?,
            on_date: required_date("on_date", &f.get("on_date"))?,
        })
    })();
    let new = match input.and_then(|i| i.validate(crate::api::latest_today(&state))) {
        Ok(n) => n,
        Err(e) => return case_form_failed(&req, case_id, "perpetrators", perpetrator_label(&e.field), &e),
    };
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| identification::record_perpetrator_status(tx, &actor, case_id, new))
    })
    .await;
    case_form_done(&req, case_id, "perpetrators", perpetrator_label, done)
}
