//! Follow-up with survivors (issue 8): a page per victim of a case (support plans and goals,
//! services delivered, visits, the outcome assessments drawn as a chart server-side with a table of
//! the same numbers, what is due next), the case page's section (the victims' follow-up pages and the
//! closure proposal with a manager's decision), and the home page's overdue follow-ups.
//!
//! Forms POST with the CSRF token and answer a 303 redirect; a form that does not validate answers
//! 422 with the page again and the message by the form. No JavaScript.

use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use counternet_domain::followup::{
    AssessmentInput, AssessmentKind, GoalInput, GoalStatus, OutcomeDomain, PlanInput, Scores, ServiceInput,
    ServiceKind, SupportPlanType, VisitInput,
};
use counternet_domain::vocab::{CaseRole, CaseStatus};
use counternet_domain::{Actor, Role, ValidationError};
use counternet_store::followup::{self, Assessment, ClosureState, FollowUp, OverdueFollowUp};
use counternet_store::{cases, orgs, parties, StoreError, StoreResult, Tx};

use super::common::{render_status, take_ctx};
use super::forms::{
    case_form, choice, error_text, not_found, optional_date, optional_id, parse_uuid, present, refuse, required_date,
    required_id, with_store, Failed, Fields, SectionForm,
};
use super::{Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/victims/{party}/follow-up", get(page))
        .route("/cases/{id}/victims/{party}/follow-up/{form}", post(submit))
        .route("/cases/{id}/closure", post(propose))
        .route("/cases/{id}/closure/decision", post(decide))
}

// ---------------------------------------------------------------------------------------------
// The chart

/// The colours of the domains' lines (Okabe-Ito, told apart with colour blindness) and their dashes.
const STYLES: [(&str, &str); 6] = [
    ("#0072B2", ""),
    ("#E69F00", "6 3"),
    ("#009E73", "2 3"),
    ("#CC79A7", "8 3 2 3"),
    ("#56B4E9", "4 4"),
    ("#D55E00", "1 2"),
];

/// A domain's line over the assessments.
pub struct ChartLine {
    pub domain: &'static str,
    pub color: &'static str,
    pub dash: &'static str,
    /// The polyline's points ("x,y x,y ...").
    pub points: String,
    /// Each point, with its score.
    pub dots: Vec<(String, String, i64)>,
}

/// The outcome chart: one line per domain over the assessments, scores 1 to 4 upwards.
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub left: u32,
    pub right: u32,
    pub top: u32,
    pub bottom: u32,
    pub lines: Vec<ChartLine>,
    /// The x of each assessment and its date.
    pub xs: Vec<(String, NaiveDate)>,
    /// The y of each score 1 to 4.
    pub ys: Vec<(String, i64)>,
}

const WIDTH: u32 = 640;
const HEIGHT: u32 = 260;
const LEFT: u32 = 40;
const RIGHT: u32 = 620;
const TOP: u32 = 20;
const BOTTOM: u32 = 220;

fn y_of(score: i64, offset: f64) -> f64 {
    let span = f64::from(BOTTOM - TOP);
    f64::from(TOP) + (4.0 - score as f64) / 3.0 * span + offset
}

/// The chart of `assessments` (oldest first); none without an assessment.
pub fn chart(assessments: &[Assessment]) -> Option<Chart> {
    if assessments.is_empty() {
        return None;
    }
    let n = assessments.len();
    let x_of = |i: usize| {
        if n == 1 {
            f64::from(LEFT + RIGHT) / 2.0
        } else {
            f64::from(LEFT + 20) + i as f64 * f64::from(RIGHT - LEFT - 40) / (n - 1) as f64
        }
    };
    let lines = OutcomeDomain::ALL
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let (color, dash) = STYLES.get(k).copied().unwrap_or(("#000000", ""));
            // Lines with the same scores are drawn a little apart so that each stays visible.
            let offset = (k as f64 - 2.5) * 2.0;
            let dots: Vec<(String, String, i64)> = assessments
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let s = a.scores.get(*d);
                    (format!("{:.1}", x_of(i)), format!("{:.1}", y_of(s, offset)), s)
                })
                .collect();
            ChartLine {
                domain: d.code(),
                color,
                dash,
                points: dots.iter().map(|(x, y, _)| format!("{x},{y}")).collect::<Vec<_>>().join(" "),
                dots,
            }
        })
        .collect();
    Some(Chart {
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: RIGHT,
        top: TOP,
        bottom: BOTTOM,
        lines,
        xs: assessments.iter().enumerate().map(|(i, a)| (format!("{:.1}", x_of(i)), a.assessed_on)).collect(),
        ys: (1..=4).map(|s| (format!("{:.1}", y_of(s, 0.0)), s)).collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// The page

/// A form's error: which form, the field at fault and the message, translated.
pub struct FormError {
    pub form: String,
    pub field: String,
    pub text: String,
}

/// A colleague who may have gone on a visit.
pub struct Opt {
    pub id: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "followup.html")]
struct FollowUpPage {
    c: Ctx,
    f: FollowUp,
    chart: Option<Chart>,
    can_edit: bool,
    error: Option<FormError>,
    plan_types: Vec<&'static str>,
    goal_statuses: Vec<&'static str>,
    service_kinds: Vec<&'static str>,
    assessment_kinds: Vec<&'static str>,
    domains: Vec<&'static str>,
    providers: Vec<Opt>,
    colleagues: Vec<Opt>,
    today: String,
    max_date: String,
}

impl FollowUpPage {
    fn error_for(&self, form: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.form == form).map(|e| e.text.as_str())
    }

    fn invalid(&self, form: &str, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.form == form && e.field == field)
    }

    /// The score of `domain` in an assessment.
    fn score(&self, a: &Assessment, domain: &str) -> i64 {
        OutcomeDomain::from_code(domain).map(|d| a.scores.get(d)).unwrap_or_default()
    }

    /// The description of the goal a service serves.
    fn goal_of(&self, id: &Option<Uuid>) -> String {
        let Some(id) = id else { return String::new() };
        self.f
            .plans
            .iter()
            .flat_map(|p| p.goals.iter())
            .find(|g| g.id == *id)
            .map(|g| g.description.clone())
            .unwrap_or_default()
    }

    fn names(&self, v: &counternet_store::followup::Visit) -> String {
        v.visitors.iter().map(|x| x.name.as_str()).collect::<Vec<_>>().join(", ")
    }
}

fn load(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party: Uuid) -> StoreResult<(FollowUp, Vec<Opt>, Vec<Opt>)> {
    let today = tx.now.date_naive();
    let f = followup::follow_up(tx, actor, case_id, party, today)?;
    let providers = orgs::list(tx)?.into_iter().map(|o| Opt { id: o.id.to_string(), label: o.name }).collect();
    let detail = cases::get(tx, actor, case_id)?;
    let colleagues = detail.team.into_iter().map(|m| Opt { id: m.user_id.to_string(), label: m.username }).collect();
    Ok((f, providers, colleagues))
}

async fn show(state: &AppState, req: &UiRequest, case_id: Uuid, party: Uuid, error: Option<FormError>) -> Response {
    let Some(session) = req.ctx.session.clone() else { return super::to_login() };
    let actor = session.actor.clone();
    let loaded = with_store(state, move |store| store.read(Some(&actor), |tx| load(tx, &actor, case_id, party))).await;
    let (f, providers, colleagues) = match loaded {
        Ok(v) => v,
        Err(e) => return e.page(take_ctx(req)),
    };
    let now = state.store.now();
    let status = if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let page = FollowUpPage {
        c: take_ctx(req),
        chart: chart(&f.assessments),
        f,
        can_edit: session.actor.role.may_edit_cases(),
        error,
        plan_types: SupportPlanType::ALL.iter().map(|t| t.code()).collect(),
        goal_statuses: GoalStatus::ALL.iter().map(|t| t.code()).collect(),
        service_kinds: ServiceKind::ALL.iter().map(|t| t.code()).collect(),
        assessment_kinds: AssessmentKind::ALL.iter().map(|t| t.code()).collect(),
        domains: OutcomeDomain::ALL.iter().map(|t| t.code()).collect(),
        providers,
        colleagues,
        today: (now + Duration::hours(7)).date_naive().to_string(),
        max_date: (now + Duration::hours(14)).date_naive().to_string(),
    };
    render_status(&page, status)
}

async fn page(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_party)): Path<(String, String)>,
) -> Response {
    let (Some(case_id), Some(party)) = (parse_uuid(&raw_id), parse_uuid(&raw_party)) else { return not_found(&req) };
    show(&state, &req, case_id, party, None).await
}

/// The label of a field, for messages.
fn label_of(field: &str) -> &'static str {
    match field {
        "title" => "followup-plan-title",
        "started_on" => "followup-started-on",
        "plan_id" => "followup-plan",
        "plan_type" => "followup-plan-type",
        "description" => "followup-goal-description",
        "target_on" => "followup-target-on",
        "status" => "followup-goal-status",
        "delivered_on" => "followup-delivered-on",
        "kind" => "followup-kind",
        "provider_org_id" => "followup-provider",
        "goal_id" => "followup-goal",
        "visited_on" => "followup-visited-on",
        "country" => "followup-country",
        "place" => "followup-place",
        "visitor_ids" => "followup-visitors",
        "travel_from" => "followup-travel-from",
        "travel_to" => "followup-travel-to",
        "next_due_on" => "followup-next-due-on",
        "assessed_on" => "followup-assessed-on",
        f if f.starts_with("scores.") => "followup-scores",
        _ => "followup-notes",
    }
}

fn message(c: &Ctx, e: &ValidationError) -> String {
    let label = match e.field.strip_prefix("scores.") {
        Some(d) => c.v("outcome-domain", d),
        None => c.t(label_of(&e.field)),
    };
    let key = match e.code {
        "score_out_of_range" => "followup-error-score",
        "before_start" | "after_visit" | "before_visit" => "followup-error-travel",
        "not_after_visit" => "followup-error-next-due",
        "unknown_plan" | "unknown_goal" | "unknown_user" => "error-invalid-choice",
        code => return error_text(c, code, &label),
    };
    format!("{label}: {}", c.t(key))
}

/// A score typed in a select (1 to 4); anything else is out of range.
fn score(f: &Fields, d: OutcomeDomain) -> i64 {
    f.get(&format!("score_{}", d.code())).trim().parse().unwrap_or(0)
}

/// The request a form makes, validated as the API would.
fn prepare(form: &str, f: &Fields, today: NaiveDate) -> Result<Change, ValidationError> {
    let notes = present(&f.get("notes"));
    Ok(match form {
        "plans" => Change::Plan(
            PlanInput { title: f.get("title"), started_on: required_date("started_on", &f.get("started_on"))? }
                .validate(today)?,
        ),
        "goals" => Change::Goal(
            GoalInput {
                plan_id: required_id("plan_id", &f.get("plan_id"))?,
                plan_type: choice("plan_type", &f.get("plan_type"), SupportPlanType::from_code)?,
                description: f.get("description"),
                target_on: optional_date("target_on", &f.get("target_on"))?,
            }
            .validate()?,
        ),
        "goal-status" => Change::GoalStatus(
            required_id("goal_id", &f.get("goal_id"))?,
            choice("status", &f.get("status"), GoalStatus::from_code)?,
        ),
        "services" => Change::Service(
            ServiceInput {
                delivered_on: required_date("delivered_on", &f.get("delivered_on"))?,
                kind: choice("kind", &f.get("kind"), ServiceKind::from_code)?,
                provider_org_id: optional_id("provider_org_id", &f.get("provider_org_id"))?,
                goal_id: optional_id("goal_id", &f.get("goal_id"))?,
                notes,
            }
            .validate(today)?,
        ),
        "visits" => {
            let visitor_ids = f
                .all("visitor_ids")
                .iter()
                .map(|v| parse_uuid(v).ok_or_else(|| ValidationError::new("visitor_ids", "invalid_choice", "choose")))
                .collect::<Result<Vec<_>, _>>()?;
            Change::Visit(
                VisitInput {
                    visited_on: required_date("visited_on", &f.get("visited_on"))?,
                    country: f.get("country"),
                    place: present(&f.get("place")),
                    visitor_ids,
                    travel_from: optional_date("travel_from", &f.get("travel_from"))?,
                    travel_to: optional_date("travel_to", &f.get("travel_to"))?,
                    notes,
                    next_due_on: optional_date("next_due_on", &f.get("next_due_on"))?,
                }
                .validate(today)?,
            )
        }
        "assessments" => Change::Assessment(
            AssessmentInput {
                kind: choice("kind", &f.get("kind"), AssessmentKind::from_code)?,
                assessed_on: required_date("assessed_on", &f.get("assessed_on"))?,
                scores: Scores {
                    safety: score(f, OutcomeDomain::Safety),
                    legal_protection: score(f, OutcomeDomain::LegalProtection),
                    mental_wellbeing: score(f, OutcomeDomain::MentalWellbeing),
                    economic_empowerment: score(f, OutcomeDomain::EconomicEmpowerment),
                    social_support: score(f, OutcomeDomain::SocialSupport),
                    physical_wellbeing: score(f, OutcomeDomain::PhysicalWellbeing),
                },
                notes,
            }
            .validate(today)?,
        ),
        _ => return Err(ValidationError::new("form", "invalid_choice", "no such form")),
    })
}

enum Change {
    Plan(counternet_domain::followup::NewPlan),
    Goal(counternet_domain::followup::NewGoal),
    GoalStatus(Uuid, GoalStatus),
    Service(counternet_domain::followup::NewService),
    Visit(counternet_domain::followup::NewVisit),
    Assessment(counternet_domain::followup::NewAssessment),
}

async fn submit(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_party, form)): Path<(String, String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Some(party) = parse_uuid(&raw_party) else { return not_found(&req) };
    if !["plans", "goals", "goal-status", "services", "visits", "assessments"].contains(&form.as_str()) {
        return not_found(&req);
    }
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not record follow-up").await;
    }
    let failed = |e: &ValidationError| {
        let c = &req.ctx;
        FormError { form: form.clone(), field: e.field.clone(), text: message(c, e) }
    };
    let change = match prepare(&form, &f, crate::api::latest_today(&state)) {
        Ok(ch) => ch,
        Err(e) => {
            let err = failed(&e);
            return show(&state, &req, case_id, party, Some(err)).await;
        }
    };
    let actor = session.actor.clone();
    let result = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| match change {
            Change::Plan(n) => followup::create_plan(tx, &actor, case_id, party, n).map(|_| ()),
            Change::Goal(n) => followup::add_goal(tx, &actor, case_id, party, n).map(|_| ()),
            Change::GoalStatus(g, s) => followup::set_goal_status(tx, &actor, case_id, party, g, s).map(|_| ()),
            Change::Service(n) => followup::add_service(tx, &actor, case_id, party, n).map(|_| ()),
            Change::Visit(n) => followup::add_visit(tx, &actor, case_id, party, n).map(|_| ()),
            Change::Assessment(n) => followup::add_assessment(tx, &actor, case_id, party, n).map(|_| ()),
        })
    })
    .await;
    let anchor = match form.as_str() {
        "plans" | "goals" | "goal-status" => "plans",
        "services" => "services",
        "visits" => "visits",
        _ => "outcomes",
    };
    match result {
        Ok(()) => Redirect::to(&format!("/cases/{case_id}/victims/{party}/follow-up#{anchor}")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => {
            let err = failed(&e);
            show(&state, &req, case_id, party, Some(err)).await
        }
        Err(e) => e.page(take_ctx(&req)),
    }
}

// ---------------------------------------------------------------------------------------------
// The case page's section and the closure forms

/// A victim of the case, with a link to their follow-up page.
pub struct VictimLink {
    pub party_id: Uuid,
    pub name: String,
}

/// The case page's follow-up section (`case_followup.html`).
pub struct CaseSection {
    pub case_id: Uuid,
    pub victims: Vec<VictimLink>,
    pub closure: ClosureState,
    pub closed: bool,
    /// The user may propose (their role changes cases, nothing waits, the case is open).
    pub may_propose: bool,
    /// The user may decide the pending proposal (a manager other than the proposer).
    pub may_decide: bool,
    pub pending: bool,
}

/// Loads the case page's section.
pub fn case_section(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<CaseSection> {
    let closure = followup::closure_state(tx, actor, case_id)?;
    let case = cases::visible(tx, actor, case_id)?;
    let closed = matches!(CaseStatus::from_code(&case.status), Some(CaseStatus::Closed | CaseStatus::ClosedReferred));
    let mut victims: Vec<VictimLink> = Vec::new();
    for cp in parties::list_for_case(tx, actor, case_id)? {
        if cp.role == CaseRole::Victim && !victims.iter().any(|v| v.party_id == cp.party.id) {
            victims.push(VictimLink { party_id: cp.party.id, name: cp.party.name });
        }
    }
    let pending = closure.latest.as_ref().is_some_and(|l| l.status == "pending");
    let proposer = closure.latest.as_ref().map(|l| l.proposed_by);
    Ok(CaseSection {
        case_id,
        victims,
        may_propose: actor.role.may_edit_cases() && !pending && !closed,
        may_decide: actor.role == Role::Manager && pending && proposer != Some(actor.user_id),
        pending,
        closed,
        closure,
    })
}

async fn propose(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not propose a closure").await;
    }
    let reason = f.get("reason");
    let actor = session.actor.clone();
    let result = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| followup::propose_closure(tx, &actor, case_id, &reason))
    })
    .await;
    super::forms::case_form_done(&req, case_id, "closure", |_| "followup-closure-reason", result)
}

async fn decide(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    if session.actor.role != Role::Manager {
        return refuse(&state, &req, &session, "managers approve closures").await;
    }
    let approve = f.get("decision") == "approve";
    let note = present(&f.get("note"));
    let actor = session.actor.clone();
    let result = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| followup::decide_closure(tx, &actor, case_id, approve, note))
    })
    .await;
    super::forms::case_form_done(&req, case_id, "closure", |_| "followup-decision-note", result)
}

// ---------------------------------------------------------------------------------------------
// The home page

/// The overdue follow-ups the user sees, for the home page (a failure leaves it empty, logged).
pub async fn overdue_for_home(state: &AppState, actor: &Actor) -> Vec<OverdueFollowUp> {
    let actor = actor.clone();
    let today = state.store.now().date_naive();
    match with_store(state, move |store| store.read(Some(&actor), |tx| followup::overdue(tx, &actor, today))).await {
        Ok(list) => list,
        Err(_) => {
            tracing::warn!("overdue follow-ups not shown");
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn assessment(on: &str, n: i64) -> Assessment {
        Assessment {
            id: Uuid::nil(),
            kind: AssessmentKind::Intake,
            assessed_on: on.parse().unwrap(),
            scores: Scores {
                safety: n,
                legal_protection: n,
                mental_wellbeing: n,
                economic_empowerment: n,
                social_support: 4,
                physical_wellbeing: 1,
            },
            notes: None,
            created_by: Uuid::nil(),
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_chart_has_a_line_per_domain_with_a_point_per_assessment() {
        assert!(chart(&[]).is_none());
        let c = chart(&[assessment("2026-01-01", 1), assessment("2026-07-01", 3)]).unwrap();
        assert_eq!(c.lines.len(), 6);
        assert!(c.lines.iter().all(|l| l.dots.len() == 2 && l.points.split(' ').count() == 2));
        // A higher score is drawn higher (a smaller y).
        let safety = &c.lines[0];
        let y = |i: usize| safety.dots[i].1.parse::<f64>().unwrap();
        assert!(y(1) < y(0));
        assert_eq!(c.ys.len(), 4);
        assert_eq!(c.xs.len(), 2);
        let one = chart(&[assessment("2026-01-01", 2)]).unwrap();
        assert_eq!(one.xs[0].0, format!("{:.1}", f64::from(LEFT + RIGHT) / 2.0));
    }
}
