//! Compensation on the case page (issue 8): each victim's claims with what was claimed, ordered,
//! received, paid and is still owed, their steps and ledger, and the forms to open a claim, record
//! a step (the order with its amount), money received and a payment to the victim; payments above
//! the set amount wait for a manager (not who asked) to approve them. The `/compensation` page holds
//! the report and the payments waiting for approval.
//!
//! Each money form carries an idempotency key made when the page was drawn: submitting the same
//! form twice (a double click, a retried request) records one movement.

use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

use counternet_domain::compensation::{
    ClaimInput, ClaimStepKind, CompensationRoute, PaymentInput, ReceiptInput, StepInput,
};
use counternet_domain::vocab::CaseRole;
use counternet_domain::{Actor, Role, ValidationError};
use counternet_store::compensation::{self, Approval, ClaimDetail};
use counternet_store::{cases, parties, StoreError, StoreResult, Tx};

use super::assets::{format_minor, parse_amount};
use super::common::{render, take_ctx};
use super::forms::{case_form, case_form_done, choice, present, required_date, with_store, Fields, SectionForm};
use super::{to_login, Ctx, UiRequest};
use crate::api::compensation::{report_of, CompensationReport};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/claims", post(open_claim))
        .route("/cases/{id}/claims/{claim}/steps", post(add_step))
        .route("/cases/{id}/claims/{claim}/receipts", post(receive))
        .route("/cases/{id}/claims/{claim}/payments", post(pay))
        .route("/cases/{id}/approvals/{approval}", post(decide))
        .route("/compensation", get(report_page))
}

/// A victim of the case, offered for a new claim.
pub struct VictimOpt {
    pub id: Uuid,
    pub name: String,
}

/// A claim as the section shows it.
pub struct ClaimView {
    pub detail: ClaimDetail,
    /// Amounts formatted in THB.
    pub claimed: String,
    pub ordered: String,
    pub received: String,
    pub paid: String,
    pub owed: String,
    pub held: String,
    /// Payments waiting for a second approver, with their amounts formatted.
    pub pending: Vec<(Approval, String)>,
    /// The ledger's movements, oldest first, with their amounts formatted.
    pub moves: Vec<(counternet_store::compensation::LedgerMovement, String)>,
    /// The steps with their amounts formatted (when they carry one).
    pub steps: Vec<(counternet_store::compensation::Step, Option<String>)>,
}

/// The case page's compensation section (`case_claims.html`).
pub struct Section {
    pub claims: Vec<ClaimView>,
    pub victims: Vec<VictimOpt>,
    pub routes: Vec<&'static str>,
    pub step_kinds: Vec<&'static str>,
    /// A fresh idempotency key for each money form on the page.
    pub key: String,
    /// The reader is a manager (approves payments).
    pub approves: bool,
    pub me: Uuid,
}

fn baht(minor: i64) -> String {
    format_minor(minor, "THB")
}

/// Loads the compensation section of a case.
pub fn section(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Section> {
    let mut claims = Vec::new();
    for c in compensation::claims_for_case(tx, actor, case_id)? {
        let detail = compensation::claim(tx, actor, c.id)?;
        let f = detail.claim.figures;
        let pending = detail
            .approvals
            .iter()
            .filter(|a| a.status == "pending")
            .map(|a| (a.clone(), baht(a.amount_minor)))
            .collect();
        let moves = detail.movements.iter().map(|m| (m.clone(), baht(m.amount_minor))).collect();
        let steps = detail.steps.iter().map(|st| (st.clone(), st.amount_minor.map(baht))).collect();
        claims.push(ClaimView {
            claimed: baht(f.claimed_minor),
            ordered: baht(f.ordered_minor),
            received: baht(f.received_minor),
            paid: baht(f.paid_minor),
            owed: baht(f.owed_minor()),
            held: baht(f.held_minor()),
            pending,
            moves,
            steps,
            detail,
        });
    }
    let victims = parties::list_for_case(tx, actor, case_id)?
        .into_iter()
        .filter(|p| p.role == CaseRole::Victim)
        .map(|p| VictimOpt { id: p.party.id, name: p.party.name })
        .collect();
    Ok(Section {
        claims,
        victims,
        routes: CompensationRoute::ALL.iter().map(|r| r.code()).collect(),
        step_kinds: ClaimStepKind::ALL.iter().map(|k| k.code()).collect(),
        key: Uuid::now_v7().to_string(),
        approves: actor.role == Role::Manager,
        me: actor.user_id,
    })
}

fn label_of(field: &str) -> &'static str {
    match field {
        "amount_minor" | "claimed_minor" => "claims-amount",
        "on_date" => "claims-date",
        "reference" => "claims-reference",
        "victim_party_id" => "claims-victim",
        "note" => "claims-note",
        _ => "claims-details",
    }
}

fn claim_in_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, claim_id: Uuid) -> StoreResult<ClaimDetail> {
    let d = compensation::claim(tx, actor, claim_id)?;
    if d.claim.case_id != case_id {
        return Err(StoreError::NotFound);
    }
    Ok(d)
}

async fn open_claim(
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
        ClaimInput {
            victim_party_id: f
                .get("victim_party_id")
                .parse()
                .map_err(|_| ValidationError::new("victim_party_id", "required", "choose the victim"))?,
            route: choice("route", &f.get("route"), CompensationRoute::from_code)?,
            claimed_minor: parse_amount("claimed_minor", &f.get("claimed"), "THB")?,
            debtor: present(&f.get("debtor")),
            notes: None,
        }
        .validate()
    })();
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            cases::editable(tx, &actor, case_id)?;
            compensation::create_claim(tx, &actor, case_id, input?)
        })
    })
    .await;
    case_form_done(&req, case_id, "claims", label_of, done)
}

/// A form about one claim of a case: the session, the case, the claim and the fields, or the
/// response that stops it (no session, no such case, a bad CSRF token, a malformed claim id).
fn claim_form(
    state: &AppState,
    req: &UiRequest,
    raw_id: &str,
    raw_claim: &str,
    body: &[u8],
) -> Result<(Actor, Uuid, Uuid, Fields), Box<Response>> {
    let (session, case_id, f) = match case_form(state, req, raw_id, body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return Err(Box::new(r)),
    };
    let Ok(claim_id) = raw_claim.parse::<Uuid>() else { return Err(Box::new(super::forms::not_found(req))) };
    Ok((session.actor, case_id, claim_id, f))
}

/// Runs `work` on a claim of the case (after checking the claim is the case's) and goes back to
/// the section, or says what was wrong.
async fn write_claim<T, W>(
    state: &AppState,
    req: &UiRequest,
    actor: Actor,
    case_id: Uuid,
    claim_id: Uuid,
    work: W,
) -> Response
where
    T: Send + 'static,
    W: FnOnce(&mut Tx<'_>, &Actor, ClaimDetail) -> StoreResult<T> + Send + 'static,
{
    let done = with_store(state, move |store| {
        store.write(Some(&actor), |tx| {
            let d = claim_in_case(tx, &actor, case_id, claim_id)?;
            work(tx, &actor, d)
        })
    })
    .await;
    case_form_done(req, case_id, "claims", label_of, done)
}

async fn add_step(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_claim)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (actor, case_id, claim_id, f) = match claim_form(&state, &req, &raw_id, &raw_claim, &body) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let today = crate::api::latest_today(&state);
    let input = (|| {
        let amount = f.get("amount");
        StepInput {
            kind: choice("kind", &f.get("kind"), ClaimStepKind::from_code)?,
            on_date: required_date("on_date", &f.get("on_date"))?,
            reference: present(&f.get("reference")),
            amount_minor: if amount.trim().is_empty() {
                None
            } else {
                Some(parse_amount("amount_minor", &amount, "THB")?)
            },
            notes: present(&f.get("notes")),
        }
        .validate(today)
    })();
    write_claim(&state, &req, actor, case_id, claim_id, move |tx, a, _| compensation::add_step(tx, a, claim_id, input?))
        .await
}

async fn receive(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_claim)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (actor, case_id, claim_id, f) = match claim_form(&state, &req, &raw_id, &raw_claim, &body) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let today = crate::api::latest_today(&state);
    let input = (|| {
        ReceiptInput {
            amount_minor: parse_amount("amount_minor", &f.get("amount"), "THB")?,
            on_date: required_date("on_date", &f.get("on_date"))?,
            reference: present(&f.get("reference")),
            notes: None,
            idempotency_key: f.get("idempotency_key"),
        }
        .validate(today)
    })();
    write_claim(&state, &req, actor, case_id, claim_id, move |tx, a, _| compensation::receive(tx, a, claim_id, input?))
        .await
}

async fn pay(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_claim)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (actor, case_id, claim_id, f) = match claim_form(&state, &req, &raw_id, &raw_claim, &body) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let today = crate::api::latest_today(&state);
    let form = (|| {
        Ok::<_, ValidationError>((
            parse_amount("amount_minor", &f.get("amount"), "THB")?,
            required_date("on_date", &f.get("on_date"))?,
        ))
    })();
    let (reference, key) = (present(&f.get("reference")), f.get("idempotency_key"));
    write_claim(&state, &req, actor, case_id, claim_id, move |tx, a, d| {
        let (amount_minor, on_date) = form?;
        // The payment goes to the claim's victim: the form offers no one else.
        let m = PaymentInput {
            amount_minor,
            victim_party_id: d.claim.victim_party_id,
            on_date,
            reference,
            notes: None,
            idempotency_key: key,
        }
        .validate(today)?;
        compensation::pay(tx, a, claim_id, m)
    })
    .await
}

async fn decide(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_approval)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Ok(approval) = raw_approval.parse::<Uuid>() else { return super::forms::not_found(&req) };
    let approve = f.get("decision") == "approve";
    let note = present(&f.get("note"));
    let actor = session.actor.clone();
    let done = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            let a = compensation::decide_payment(tx, &actor, approval, approve, note)?;
            if a.case_id != case_id {
                return Err(StoreError::NotFound);
            }
            Ok(a)
        })
    })
    .await;
    case_form_done(&req, case_id, "claims", label_of, done)
}

// ---------------------------------------------------------------------------------------------
// The report page

/// A report line with its amounts formatted.
pub struct LineView {
    pub key: String,
    pub claims: usize,
    pub claimed: String,
    pub ordered: String,
    pub received: String,
    pub paid: String,
    pub owed: String,
    /// Percent of the ordered money received, when anything was ordered.
    pub share: Option<String>,
}

fn line_view(l: &crate::api::compensation::ReportLine) -> LineView {
    let f = &l.figures;
    LineView {
        key: l.key.clone(),
        claims: l.claims,
        claimed: baht(f.claimed_minor),
        ordered: baht(f.ordered_minor),
        received: baht(f.received_minor),
        paid: baht(f.paid_minor),
        owed: baht(l.owed_minor),
        share: l.received_share.map(|s| format!("{:.1} %", s * 100.0)),
    }
}

#[derive(Template)]
#[template(path = "compensation.html")]
struct ReportPage {
    c: Ctx,
    overall: LineView,
    cases: Vec<LineView>,
    victims: Vec<LineView>,
    pending: Vec<(Approval, String, String)>,
}

async fn report_page(State(state): State<AppState>, req: UiRequest) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !session.actor.role.works_cases() {
        return super::forms::forbidden_page(&req);
    }
    let actor = session.actor.clone();
    let loaded = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            let claims = compensation::visible_claims(tx, &actor)?;
            let ids: Vec<Uuid> = claims.iter().map(|c| c.case_id).collect();
            let refs = cases::references(tx, &actor, &ids)?;
            let report: CompensationReport =
                report_of(&claims, &|c| refs.get(&c).cloned().unwrap_or_else(|| c.to_string()));
            let pending = compensation::pending_approvals(tx, &actor)?;
            let pids: Vec<Uuid> = pending.iter().map(|a| a.case_id).collect();
            let prefs = cases::references(tx, &actor, &pids)?;
            let pending = pending
                .into_iter()
                .map(|a| {
                    let r = prefs.get(&a.case_id).cloned().unwrap_or_default();
                    let amount = baht(a.amount_minor);
                    (a, r, amount)
                })
                .collect();
            Ok((report, pending))
        })
    })
    .await;
    match loaded {
        Ok((report, pending)) => render(&ReportPage {
            c: take_ctx(&req),
            overall: line_view(&report.overall),
            cases: report.cases.iter().map(line_view).collect(),
            victims: report.victims.iter().map(line_view).collect(),
            pending,
        }),
        Err(f) => f.page(take_ctx(&req)),
    }
}
