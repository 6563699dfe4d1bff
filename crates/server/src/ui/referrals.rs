//! Consent and referrals in the browser: the case's sharing page (consents, referrals out and in),
//! and the partner liaison's pages (what is shared with their organisation, answering, adding a
//! note that comes back into the case). The store decides who may do what; these pages only
//! show its answers.

use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

use counternet_domain::referral::{AnswerInput, Consent, ConsentInput, Referral, ReferralInput};
use counternet_domain::vocab::{
    ConsentGiver, ConsentPurpose, IdentityShare, ReferralDirection, ReferralPart, ReferralStatus,
};
use counternet_domain::{Role, ValidationError};
use counternet_store::referrals::{self, PartnerView, SharedReferral};
use counternet_store::{cases, orgs, parties, StoreError};

use super::common::{csrf_failed, message_page, render, take_ctx};
use super::forms::{
    case_form, checked, choice, error_text, gate, not_found, optional_date, optional_id, parse_uuid, present,
    required_id, with_store, Failed, Fields, Gate, SectionForm,
};
use super::{to_login, Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/sharing", get(sharing_page))
        .route("/cases/{id}/consents", post(record_consent))
        .route("/cases/{id}/consents/{consent_id}/withdraw", post(withdraw_consent))
        .route("/cases/{id}/referrals", post(create_referral))
        .route("/cases/{id}/referrals/{referral_id}/{action}", post(referral_action))
        .route("/shared", get(shared_list))
        .route("/shared/{referral_id}", get(shared_case))
        .route("/shared/{referral_id}/{action}", post(shared_action))
}

// ---------------------------------------------------------------------------------------------
// The case's sharing page

/// A survivor of the case, as the consent form offers them (masked).
pub struct PersonOpt {
    pub id: Uuid,
    pub name: String,
}

pub struct ConsentView {
    pub consent: Consent,
    pub person: String,
    pub organisation: Option<String>,
}

#[derive(Template)]
#[template(path = "sharing.html")]
struct SharingPage {
    c: Ctx,
    case_id: Uuid,
    reference: String,
    title: String,
    can_edit: bool,
    may_override: bool,
    people: Vec<PersonOpt>,
    partners: Vec<(Uuid, String)>,
    consents: Vec<ConsentView>,
    referrals: Vec<Referral>,
    parts: Vec<&'static str>,
    max_date: String,
}

impl SharingPage {
    fn response_time(&self, r: &Referral) -> String {
        match r.response_hours {
            Some(h) => super::i18n::Translations::global().get_args(
                self.c.lang,
                "referral-answered-in",
                &[("hours", super::i18n::FluentArg::Str(format!("{h:.1}")))],
            ),
            None => self.c.t("referral-unanswered"),
        }
    }
}

async fn sharing_page(State(state): State<AppState>, req: UiRequest, Path(raw_id): Path<String>) -> Response {
    let (session, case_id) = match gate(&req, &raw_id) {
        Gate::Pass(s, id) => (s, id),
        Gate::Stop(r) => return r,
    };
    let actor = session.actor.clone();
    let data = with_store(&state, move |store| {
        store.read(Some(&actor), |tx| {
            let detail = cases::get(tx, &actor, case_id)?;
            let people = parties::list_for_case(tx, &actor, case_id)?;
            let consents = referrals::list_consents(tx, &actor, case_id)?;
            let referrals = referrals::list_for_case(tx, &actor, case_id)?;
            let partners = orgs::list(tx)?;
            Ok((detail, people, consents, referrals, partners))
        })
    })
    .await;
    let (detail, people, consents, referral_list, partners) = match data {
        Ok(d) => d,
        Err(f) => return f.page(take_ctx(&req)),
    };
    let name_of = |id: Uuid| people.iter().find(|p| p.party.id == id).map(|p| p.party.name.clone()).unwrap_or_default();
    let org_of = |id: Uuid| partners.iter().find(|o| o.id == id).map(|o| o.name.clone());
    let consents = consents
        .into_iter()
        .map(|c| ConsentView {
            person: name_of(c.party_id),
            organisation: c.organisation_id.and_then(org_of),
            consent: c,
        })
        .collect();
    let mut seen = Vec::new();
    let survivors = people
        .iter()
        .filter(|p| {
            p.party.survivor && !seen.contains(&p.party.id) && {
                seen.push(p.party.id);
                true
            }
        })
        .map(|p| PersonOpt { id: p.party.id, name: p.party.name.clone() })
        .collect();
    render(&SharingPage {
        case_id,
        reference: detail.case.reference,
        title: detail.case.title,
        can_edit: session.actor.role.may_edit_cases(),
        may_override: session.actor.role.may_override_consent(),
        people: survivors,
        partners: partners.into_iter().filter(|o| !o.is_own).map(|o| (o.id, o.name)).collect(),
        consents,
        referrals: referral_list,
        parts: ReferralPart::ALL.iter().map(|p| p.code()).collect(),
        max_date: crate::api::latest_today(&state).to_string(),
        c: take_ctx(&req),
    })
}

/// Back to the sharing page's section, or the reason the form was refused.
fn sharing_done<T>(req: &UiRequest, case_id: Uuid, anchor: &str, done: Result<T, Failed>) -> Response {
    match done {
        Ok(_) => Redirect::to(&format!("/cases/{case_id}/sharing#{anchor}")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => sharing_failed(req, case_id, anchor, &e),
        Err(f) => f.page(take_ctx(req)),
    }
}

fn sharing_failed(req: &UiRequest, case_id: Uuid, anchor: &str, e: &ValidationError) -> Response {
    let c = take_ctx(req);
    let label = match e.field.as_str() {
        "party_id" => c.t("consent-person"),
        "given_by" => c.t("consent-given-by"),
        "guardian_name" => c.t("consent-guardian-name"),
        "purpose" => c.t("consent-purpose"),
        "given_on" | "withdrawn_on" => c.t("consent-given-on"),
        "organisation_id" => c.t("referral-organisation"),
        "parts" => c.t("referral-parts"),
        "identity" => c.t("referral-identity"),
        "override_reason" => c.t("referral-override-reason"),
        _ => c.t("referral-message"),
    };
    let message = error_text(&c, e.code, &label);
    let title = c.t("error-title");
    message_page(
        c,
        StatusCode::UNPROCESSABLE_ENTITY,
        title,
        message,
        Some(format!("/cases/{case_id}/sharing#{anchor}")),
    )
}

async fn record_consent(
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
        Ok::<_, ValidationError>(ConsentInput {
            party_id: required_id("party_id", &f.get("party_id"))?,
            given_by: choice("given_by", &f.get("given_by"), ConsentGiver::from_code)?,
            guardian_name: present(&f.get("guardian_name")),
            purpose: choice("purpose", &f.get("purpose"), ConsentPurpose::from_code)?,
            organisation_id: optional_id("organisation_id", &f.get("organisation_id"))?,
            given_on: optional_date("given_on", &f.get("given_on"))?,
        })
    })()
    .and_then(|i| i.validate(crate::api::latest_today(&state)));
    let new = match input {
        Ok(n) => n,
        Err(e) => return sharing_failed(&req, case_id, "consents", &e),
    };
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |s| s.write(Some(&actor), |tx| referrals::record_consent(tx, &actor, case_id, new)))
            .await;
    sharing_done(&req, case_id, "consents", done)
}

async fn withdraw_consent(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_consent)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, _) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Some(consent_id) = parse_uuid(&raw_consent) else { return not_found(&req) };
    let actor = session.actor.clone();
    let done = with_store(&state, move |s| {
        s.write(Some(&actor), |tx| {
            // The consent must belong to this case (the store checks the case may be changed).
            let c = referrals::list_consents(tx, &actor, case_id)?;
            if !c.iter().any(|c| c.id == consent_id) {
                return Err(StoreError::NotFound);
            }
            referrals::withdraw_consent(tx, &actor, consent_id, None)
        })
    })
    .await;
    sharing_done(&req, case_id, "consents", done)
}

async fn create_referral(
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
        Ok::<_, ValidationError>(ReferralInput {
            organisation_id: required_id("organisation_id", &f.get("organisation_id"))?,
            direction: Some(choice("direction", &f.get("direction"), ReferralDirection::from_code)?),
            parts: checked("parts", &f.all("parts"), ReferralPart::from_code)?,
            identity: Some(choice("identity", &f.get("identity"), IdentityShare::from_code)?),
            message: present(&f.get("message")),
            their_reference: present(&f.get("their_reference")),
            override_reason: present(&f.get("override_reason")),
        })
    })()
    .and_then(ReferralInput::validate);
    let new = match input {
        Ok(n) => n,
        Err(e) => return sharing_failed(&req, case_id, "referrals", &e),
    };
    let actor = session.actor.clone();
    let done =
        with_store(&state, move |s| s.write(Some(&actor), |tx| referrals::create(tx, &actor, case_id, new))).await;
    sharing_done(&req, case_id, "referrals", done)
}

/// The case team's moves on a referral: revoke, done, and (for one received) accept or reject.
async fn referral_action(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_referral, action)): Path<(String, String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Some(referral_id) = parse_uuid(&raw_referral) else { return not_found(&req) };
    let actor = session.actor.clone();
    let answer = present(&f.get("answer"));
    let done = with_store(&state, move |s| {
        s.write(Some(&actor), |tx| {
            // The referral must belong to this case.
            if !referrals::list_for_case(tx, &actor, case_id)?.iter().any(|r| r.id == referral_id) {
                return Err(StoreError::NotFound);
            }
            match action.as_str() {
                "revoke" => referrals::close(tx, &actor, referral_id, ReferralStatus::Revoked),
                "done" => referrals::close(tx, &actor, referral_id, ReferralStatus::Done),
                "accept" | "reject" => referrals::answer(
                    tx,
                    &actor,
                    referral_id,
                    AnswerInput { accept: action == "accept", answer, their_reference: None },
                ),
                _ => Err(StoreError::NotFound),
            }
        })
    })
    .await;
    sharing_done(&req, case_id, "referrals", done)
}

// ---------------------------------------------------------------------------------------------
// The partner liaison's pages

#[derive(Template)]
#[template(path = "shared_list.html")]
struct SharedListPage {
    c: Ctx,
    referrals: Vec<SharedReferral>,
}

async fn shared_list(State(state): State<AppState>, req: UiRequest) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if session.actor.role != Role::PartnerLiaison {
        return super::forms::forbidden_page(&req);
    }
    let actor = session.actor.clone();
    match with_store(&state, move |s| s.read(Some(&actor), |tx| referrals::shared_with_me(tx, &actor))).await {
        Ok(referrals) => render(&SharedListPage { c: take_ctx(&req), referrals }),
        Err(f) => f.page(take_ctx(&req)),
    }
}

#[derive(Template)]
#[template(path = "shared_case.html")]
struct SharedCasePage {
    c: Ctx,
    view: PartnerView,
}

impl SharedCasePage {
    fn accepted(&self) -> bool {
        self.view.referral.status == ReferralStatus::Accepted
    }
    fn sent(&self) -> bool {
        self.view.referral.status == ReferralStatus::Sent
    }
}

async fn shared_case(State(state): State<AppState>, req: UiRequest, Path(raw): Path<String>) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let Some(id) = parse_uuid(&raw) else { return not_found(&req) };
    let actor = session.actor.clone();
    // A write: reading what a referral shares is recorded in the case's audit trail.
    match with_store(&state, move |s| s.write(Some(&actor), |tx| referrals::partner_view(tx, &actor, id))).await {
        Ok(view) => render(&SharedCasePage { c: take_ctx(&req), view }),
        Err(f) => f.page(take_ctx(&req)),
    }
}

/// The partner's moves: accept, reject, done, and adding a note.
async fn shared_action(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw, action)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let f = Fields::parse(&body);
    if !req.csrf_ok(&f.get("csrf")) {
        return csrf_failed(&req, state.config.secure_cookies);
    }
    let Some(id) = parse_uuid(&raw) else { return not_found(&req) };
    let actor = session.actor.clone();
    let done = with_store(&state, move |s| {
        s.write(Some(&actor), |tx| match action.as_str() {
            "accept" | "reject" => referrals::answer(
                tx,
                &actor,
                id,
                AnswerInput {
                    accept: action == "accept",
                    answer: present(&f.get("answer")),
                    their_reference: present(&f.get("their_reference")),
                },
            )
            .map(|_| ()),
            "done" => referrals::close(tx, &actor, id, ReferralStatus::Done).map(|_| ()),
            "notes" => referrals::add_partner_note(tx, &actor, id, &f.get("body")).map(|_| ()),
            _ => Err(StoreError::NotFound),
        })
    })
    .await;
    match done {
        Ok(()) => Redirect::to(&format!("/shared/{id}")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => {
            let c = take_ctx(&req);
            let message = error_text(&c, e.code, &c.t("shared-add-note"));
            let title = c.t("error-title");
            message_page(c, StatusCode::UNPROCESSABLE_ENTITY, title, message, Some(format!("/shared/{id}")))
        }
        Err(f) => f.page(take_ctx(&req)),
    }
}
