//! Consent, and referrals to and from partners.
//!
//! The case team reads and changes these through the case's own scope (`cases::visible` and
//! `cases::editable`). A partner liaison never goes through that scope: the only way into a case
//! from a partner organisation is [`partner_view`], which assembles exactly what one live referral
//! to the liaison's organisation shares: the overview, and the events, people and notes chosen,
//! with survivors masked unless the referral reveals identities and the survivor consented (or the
//! sharing was overridden). Everything else stays as closed to them as before.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use counternet_domain::case::{Note, TraffickingEvent};
use counternet_domain::party::CaseParty;
use counternet_domain::referral::{hours_between, AnswerInput, Consent, NewConsent, NewReferral, Referral, TEXT_MAX};
use counternet_domain::validation::{optional_text, required_text};
use counternet_domain::vocab::{
    CaseStatus, ConsentGiver, ConsentPurpose, ExploitationType, IdentityShare, ReferralDirection, ReferralPart,
    ReferralStatus, Tactic,
};
use counternet_domain::{Actor, Role, ValidationError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::audit::AuditEvent;
use crate::cases::{self, json_list, parse_list};
use crate::clock::{fmt_date, fmt_time, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::parties::{to_case_party, to_party, Disclosure};
use crate::rows::{CasePartyRow, ConsentRow, EventRow, NoteRow, OrganisationRow, PartyRow, ReferralRow};
use crate::schema::{case_parties, consents, notes, organisations, parties, referrals, trafficking_events, users};
use crate::{new_id, parse_uuid, Tx};

fn code<T>(text: &str, parse: fn(&str) -> Option<T>, what: &str) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::corrupt(format!("unknown {what}")))
}

// ---------------------------------------------------------------------------------------------
// Consent

fn to_consent(r: ConsentRow, today: NaiveDate) -> StoreResult<Consent> {
    let given_on = parse_opt_date(Some(&r.given_on))?.ok_or_else(|| StoreError::corrupt("consent without date"))?;
    let withdrawn_on = parse_opt_date(r.withdrawn_on.as_deref())?;
    Ok(Consent {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        party_id: parse_uuid(&r.party_id)?,
        given_by: code(&r.given_by, ConsentGiver::from_code, "consent giver")?,
        guardian_name: r.guardian_name,
        purpose: code(&r.purpose, ConsentPurpose::from_code, "consent purpose")?,
        organisation_id: r.organisation_id.as_deref().map(parse_uuid).transpose()?,
        given_on,
        active: given_on <= today && withdrawn_on.is_none_or(|w| w > today),
        withdrawn_on,
        recorded_by: parse_uuid(&r.recorded_by)?,
        recorded_at: parse_time(&r.recorded_at)?,
    })
}

/// Records a consent for a person who has a role in the case.
pub fn record_consent(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewConsent) -> StoreResult<Consent> {
    cases::editable(tx, actor, case_id)?;
    let in_case: i64 = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::party_id.eq(new.party_id.to_string()))
        .count()
        .get_result(tx.conn)?;
    if in_case == 0 {
        return Err(ValidationError::new("party_id", "unknown_party", "is not a person in this case").into());
    }
    if let Some(org) = new.organisation_id {
        partner_org(tx, org, "organisation_id")?;
    }
    let row = ConsentRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        party_id: new.party_id.to_string(),
        given_by: new.given_by.code().into(),
        guardian_name: new.guardian_name,
        purpose: new.purpose.code().into(),
        organisation_id: new.organisation_id.map(|o| o.to_string()),
        given_on: fmt_date(new.given_on),
        withdrawn_on: None,
        withdrawn_by: None,
        recorded_by: actor.user_id.to_string(),
        recorded_at: fmt_time(tx.now),
    };
    diesel::insert_into(consents::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("consent.record", "party", &row.party_id).in_case(case_id).detail(serde_json::json!({
        "consent_id": row.id, "purpose": row.purpose, "given_by": row.given_by,
        "organisation_id": row.organisation_id,
    })));
    to_consent(row, tx.now.date_naive())
}

/// The consents recorded in a case, oldest first.
pub fn list_consents(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Consent>> {
    cases::visible(tx, actor, case_id)?;
    let today = tx.now.date_naive();
    consents::table
        .filter(consents::case_id.eq(case_id.to_string()))
        .order(consents::recorded_at.asc())
        .select(ConsentRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(|r| to_consent(r, today))
        .collect()
}

/// Records that a consent was withdrawn (on `on`, default today). The consent is kept.
pub fn withdraw_consent(
    tx: &mut Tx<'_>,
    actor: &Actor,
    consent_id: Uuid,
    on: Option<NaiveDate>,
) -> StoreResult<Consent> {
    let row = consents::table
        .find(consent_id.to_string())
        .select(ConsentRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    cases::editable(tx, actor, parse_uuid(&row.case_id)?)?;
    let today = tx.now.date_naive();
    let on = on.unwrap_or(today);
    if on > today {
        return Err(ValidationError::new("withdrawn_on", "in_future", "must not be in the future").into());
    }
    if row.withdrawn_on.is_some() {
        return Err(StoreError::Conflict {
            code: "already_withdrawn",
            message: "this consent was already withdrawn".into(),
        });
    }
    diesel::update(consents::table.find(&row.id))
        .set((consents::withdrawn_on.eq(fmt_date(on)), consents::withdrawn_by.eq(actor.user_id.to_string())))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("consent.withdraw", "party", &row.party_id)
            .in_case(&row.case_id)
            .detail(serde_json::json!({"consent_id": row.id, "purpose": row.purpose})),
    );
    let row = ConsentRow { withdrawn_on: Some(fmt_date(on)), withdrawn_by: Some(actor.user_id.to_string()), ..row };
    to_consent(row, today)
}

/// The survivors of a case who have no active consent to sharing with `org` today.
fn survivors_without_consent(tx: &mut Tx<'_>, case_id: &str, org: &str) -> StoreResult<Vec<String>> {
    let today = fmt_date(tx.now.date_naive());
    let survivors: Vec<String> = case_parties::table
        .inner_join(parties::table)
        .filter(case_parties::case_id.eq(case_id))
        .filter(parties::survivor.eq(true))
        .select(parties::id)
        .distinct()
        .load(tx.conn)?;
    let consenting: Vec<String> = consents::table
        .filter(consents::case_id.eq(case_id))
        .filter(consents::purpose.eq(ConsentPurpose::Sharing.code()))
        .filter(consents::organisation_id.eq(org))
        .filter(consents::given_on.le(&today))
        .filter(consents::withdrawn_on.is_null().or(consents::withdrawn_on.gt(&today)))
        .select(consents::party_id)
        .load(tx.conn)?;
    Ok(survivors.into_iter().filter(|s| !consenting.contains(s)).collect())
}

// ---------------------------------------------------------------------------------------------
// Referrals

/// A partner organisation (not the installation's own), or a validation error on `field`.
fn partner_org(tx: &mut Tx<'_>, id: Uuid, field: &str) -> StoreResult<OrganisationRow> {
    let org =
        organisations::table.find(id.to_string()).select(OrganisationRow::as_select()).first(tx.conn).optional()?;
    match org {
        Some(o) if !o.is_own => Ok(o),
        Some(_) => Err(ValidationError::new(field, "own_organisation", "must be a partner organisation").into()),
        None => Err(ValidationError::new(field, "unknown_organisation", "is not a registered organisation").into()),
    }
}

fn to_referral(r: ReferralRow, org_name: String) -> StoreResult<Referral> {
    let sent_at = parse_time(&r.sent_at)?;
    let answered_at = r.answered_at.as_deref().map(parse_time).transpose()?;
    Ok(Referral {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        direction: code(&r.direction, ReferralDirection::from_code, "referral direction")?,
        organisation_id: parse_uuid(&r.organisation_id)?,
        organisation_name: org_name,
        parts: parse_list(&r.parts)?,
        identity: code(&r.identity, IdentityShare::from_code, "identity share")?,
        status: code(&r.status, ReferralStatus::from_code, "referral status")?,
        message: r.message,
        their_reference: r.their_reference,
        answer: r.answer,
        override_reason: r.override_reason,
        sent_by: parse_uuid(&r.sent_by)?,
        sent_at,
        answered_by: r.answered_by.as_deref().map(parse_uuid).transpose()?,
        response_hours: answered_at.map(|a| hours_between(sent_at, a)),
        answered_at,
        closed_at: r.closed_at.as_deref().map(parse_time).transpose()?,
    })
}

fn org_name(tx: &mut Tx<'_>, id: &str) -> StoreResult<String> {
    Ok(organisations::table.find(id).select(organisations::name).first(tx.conn).optional()?.unwrap_or_default())
}

fn referral_row(tx: &mut Tx<'_>, id: Uuid) -> StoreResult<ReferralRow> {
    referrals::table
        .find(id.to_string())
        .select(ReferralRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)
}

/// Refers a case out to a partner, or records a referral received from one.
///
/// Revealing identities needs every survivor's active consent to sharing with that partner;
/// without it the referral is refused (`consent_missing`), unless the actor holds the override
/// permission and gave a reason, which the audit trail records as `referral.consent_override`.
pub fn create(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewReferral) -> StoreResult<Referral> {
    let case = cases::editable(tx, actor, case_id)?;
    let org = partner_org(tx, new.organisation_id, "organisation_id")?;
    let mut overridden = 0usize;
    if new.direction == ReferralDirection::Out && new.identity == IdentityShare::Revealed {
        let missing = survivors_without_consent(tx, &case.id, &org.id)?;
        if !missing.is_empty() {
            match &new.override_reason {
                None => {
                    return Err(ValidationError::new(
                        "identity",
                        "consent_missing",
                        format!(
                            "{} survivor(s) in this case have not consented to sharing their identity with this \
                             organisation; share masked, record their consent, or override with a reason",
                            missing.len()
                        ),
                    )
                    .into())
                }
                Some(_) if !actor.role.may_override_consent() => {
                    return Err(StoreError::Forbidden("your role may not share identities without consent"))
                }
                Some(_) => overridden = missing.len(),
            }
        }
    }
    let row = ReferralRow {
        id: new_id().to_string(),
        case_id: case.id.clone(),
        direction: new.direction.code().into(),
        organisation_id: org.id.clone(),
        parts: json_list(&new.parts),
        identity: new.identity.code().into(),
        status: ReferralStatus::Sent.code().into(),
        message: new.message,
        their_reference: new.their_reference,
        answer: None,
        // Kept only when it was needed: the referral shows that identities went without consent.
        override_reason: if overridden > 0 { new.override_reason.clone() } else { None },
        sent_by: actor.user_id.to_string(),
        sent_at: fmt_time(tx.now),
        answered_by: None,
        answered_at: None,
        closed_at: None,
    };
    diesel::insert_into(referrals::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("referral.create", "referral", &row.id).in_case(&case.id).detail(serde_json::json!({
        "direction": row.direction, "organisation_id": row.organisation_id, "identity": row.identity,
        "parts": new.parts.iter().map(|p| p.code()).collect::<Vec<_>>(),
    })));
    if overridden > 0 {
        tx.audit(
            AuditEvent::new("referral.consent_override", "referral", &row.id)
                .in_case(&case.id)
                .detail(serde_json::json!({"reason": row.override_reason, "survivors_without_consent": overridden})),
        );
    }
    to_referral(row, org.name)
}

/// The referrals of a case, newest first.
pub fn list_for_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Referral>> {
    cases::visible(tx, actor, case_id)?;
    referrals::table
        .inner_join(organisations::table)
        .filter(referrals::case_id.eq(case_id.to_string()))
        .order(referrals::sent_at.desc())
        .select((ReferralRow::as_select(), organisations::name))
        .load::<(ReferralRow, String)>(tx.conn)?
        .into_iter()
        .map(|(r, name)| to_referral(r, name))
        .collect()
}

/// Who answers a referral: the receiving partner's liaisons for one sent out, the case team for
/// one received.
fn may_answer(tx: &mut Tx<'_>, actor: &Actor, row: &ReferralRow) -> StoreResult<()> {
    match code(&row.direction, ReferralDirection::from_code, "referral direction")? {
        ReferralDirection::Out => partner_of(actor, row),
        ReferralDirection::In => cases::editable(tx, actor, parse_uuid(&row.case_id)?).map(|_| ()),
    }
}

/// The actor is a liaison of the referral's partner; anyone else gets "not found", as if there
/// were no such referral (and the refusal is audited).
fn partner_of(actor: &Actor, row: &ReferralRow) -> StoreResult<()> {
    if actor.role == Role::PartnerLiaison && actor.org_id.to_string() == row.organisation_id {
        Ok(())
    } else {
        Err(StoreError::Denied { entity_kind: "referral", entity_id: row.id.clone(), case_id: None })
    }
}

fn moved(from: ReferralStatus, to: ReferralStatus) -> StoreResult<()> {
    if from.may_become(to) {
        Ok(())
    } else {
        Err(StoreError::Conflict {
            code: "referral_status",
            message: format!("a referral that is {} cannot become {}", from.code(), to.code()),
        })
    }
}

/// Accepts or rejects a referral.
pub fn answer(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, input: AnswerInput) -> StoreResult<Referral> {
    let row = referral_row(tx, id)?;
    may_answer(tx, actor, &row)?;
    let status = code(&row.status, ReferralStatus::from_code, "referral status")?;
    let next = if input.accept { ReferralStatus::Accepted } else { ReferralStatus::Rejected };
    moved(status, next)?;
    let answer = optional_text("answer", input.answer.as_deref(), TEXT_MAX)?;
    let their_reference = match optional_text("their_reference", input.their_reference.as_deref(), 300)? {
        Some(r) => Some(r),
        None => row.their_reference.clone(),
    };
    let now = fmt_time(tx.now);
    diesel::update(referrals::table.find(&row.id))
        .set((
            referrals::status.eq(next.code()),
            referrals::answer.eq(&answer),
            referrals::their_reference.eq(&their_reference),
            referrals::answered_by.eq(actor.user_id.to_string()),
            referrals::answered_at.eq(&now),
        ))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new(if input.accept { "referral.accept" } else { "referral.reject" }, "referral", &row.id)
            .in_case(&row.case_id),
    );
    let name = org_name(tx, &row.organisation_id)?;
    let row = ReferralRow {
        status: next.code().into(),
        answer,
        their_reference,
        answered_by: Some(actor.user_id.to_string()),
        answered_at: Some(now),
        ..row
    };
    to_referral(row, name)
}

/// Ends a referral: `done` (the work asked for is finished; the team or the partner says so) or
/// `revoked` (the team takes the sharing back). Either way the partner stops seeing the case.
pub fn close(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, to: ReferralStatus) -> StoreResult<Referral> {
    let row = referral_row(tx, id)?;
    let direction = code(&row.direction, ReferralDirection::from_code, "referral direction")?;
    let partner_says_done = to == ReferralStatus::Done
        && direction == ReferralDirection::Out
        && actor.role == Role::PartnerLiaison
        && actor.org_id.to_string() == row.organisation_id;
    if !partner_says_done {
        cases::editable(tx, actor, parse_uuid(&row.case_id)?)?;
    }
    let status = code(&row.status, ReferralStatus::from_code, "referral status")?;
    if !matches!(to, ReferralStatus::Done | ReferralStatus::Revoked) {
        return Err(ValidationError::new("status", "invalid_choice", "must be done or revoked").into());
    }
    moved(status, to)?;
    let now = fmt_time(tx.now);
    diesel::update(referrals::table.find(&row.id))
        .set((referrals::status.eq(to.code()), referrals::closed_at.eq(&now)))
        .execute(tx.conn)?;
    let action = if to == ReferralStatus::Done { "referral.done" } else { "referral.revoke" };
    tx.audit(AuditEvent::new(action, "referral", &row.id).in_case(&row.case_id));
    let name = org_name(tx, &row.organisation_id)?;
    to_referral(ReferralRow { status: to.code().into(), closed_at: Some(now), ..row }, name)
}

// ---------------------------------------------------------------------------------------------
// What a partner liaison sees

/// A referral in a partner liaison's list: enough to find it, nothing of the case's content but
/// its reference and title.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SharedReferral {
    pub id: Uuid,
    pub case_reference: String,
    pub case_title: String,
    pub status: ReferralStatus,
    pub parts: Vec<ReferralPart>,
    pub identity: IdentityShare,
    pub message: Option<String>,
    pub sent_at: chrono::DateTime<chrono::Utc>,
}

/// The referrals sent to the liaison's organisation that are still live (sent or accepted).
pub fn shared_with_me(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<SharedReferral>> {
    if actor.role != Role::PartnerLiaison {
        return Err(StoreError::Forbidden("only partner liaisons have referrals shared with them"));
    }
    let live = [ReferralStatus::Sent.code(), ReferralStatus::Accepted.code()];
    referrals::table
        .inner_join(crate::schema::cases::table)
        .filter(referrals::organisation_id.eq(actor.org_id.to_string()))
        .filter(referrals::direction.eq(ReferralDirection::Out.code()))
        .filter(referrals::status.eq_any(live))
        .order(referrals::sent_at.desc())
        .select((ReferralRow::as_select(), crate::schema::cases::reference, crate::schema::cases::title))
        .load::<(ReferralRow, String, String)>(tx.conn)?
        .into_iter()
        .map(|(r, reference, title)| {
            Ok(SharedReferral {
                id: parse_uuid(&r.id)?,
                case_reference: reference,
                case_title: title,
                status: code(&r.status, ReferralStatus::from_code, "referral status")?,
                parts: parse_list(&r.parts)?,
                identity: code(&r.identity, IdentityShare::from_code, "identity share")?,
                message: r.message,
                sent_at: parse_time(&r.sent_at)?,
            })
        })
        .collect()
}

/// The case's overview as a partner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SharedOverview {
    pub reference: String,
    pub title: String,
    pub status: CaseStatus,
    pub tactics: Vec<Tactic>,
    pub exploitation_types: Vec<ExploitationType>,
    pub control_methods: Vec<counternet_domain::vocab::ControlMethod>,
    pub summary: Option<String>,
    pub opened_on: NaiveDate,
}

/// A note as a partner sees it: who wrote it is said by organisation, not by person.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SharedNote {
    #[serde(flatten)]
    pub note: Note,
    /// Written by someone of the partner's own organisation (through this referral).
    pub from_partner: bool,
}

/// Exactly what one referral shares. Parts not shared are absent (`null`), not empty.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PartnerView {
    pub referral: SharedReferral,
    pub their_reference: Option<String>,
    pub overview: SharedOverview,
    pub events: Option<Vec<TraffickingEvent>>,
    pub people: Option<Vec<CaseParty>>,
    pub notes: Option<Vec<SharedNote>>,
}

/// The live referral `id` as its partner's liaison may read it, or `Denied` / `NotFound`.
fn partner_referral(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<ReferralRow> {
    let row = referral_row(tx, id)?;
    partner_of(actor, &row)?;
    let status = code(&row.status, ReferralStatus::from_code, "referral status")?;
    if row.direction != ReferralDirection::Out.code() || !status.partner_may_read() {
        return Err(StoreError::Denied { entity_kind: "referral", entity_id: row.id, case_id: None });
    }
    Ok(row)
}

/// What a partner liaison sees of a referral sent to their organisation (a write: reading a
/// shared case is recorded in its audit trail, with how many identities were shown).
///
/// Before the referral is accepted only the overview and the message show; once accepted, the
/// parts it shares. Identities show only when the referral reveals them and the survivor's
/// consent to sharing with this organisation is active today, or the referral overrode consent.
pub fn partner_view(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<PartnerView> {
    let row = partner_referral(tx, actor, id)?;
    let status = code(&row.status, ReferralStatus::from_code, "referral status")?;
    let case = cases::to_case(
        crate::schema::cases::table.find(&row.case_id).select(crate::rows::CaseRow::as_select()).first(tx.conn)?,
    )?;
    let parts: Vec<ReferralPart> = parse_list(&row.parts)?;
    let accepted = status == ReferralStatus::Accepted;
    let shares = |p: ReferralPart| accepted && parts.contains(&p);

    let events = if shares(ReferralPart::Events) {
        let mut rows: Vec<EventRow> = trafficking_events::table
            .filter(trafficking_events::case_id.eq(&row.case_id))
            .select(EventRow::as_select())
            .load(tx.conn)?;
        rows.sort_by(|a, b| (a.occurred_on.is_none(), &a.occurred_on).cmp(&(b.occurred_on.is_none(), &b.occurred_on)));
        Some(rows.into_iter().map(cases::to_event).collect::<StoreResult<Vec<_>>>()?)
    } else {
        None
    };

    let mut shown = 0usize;
    let people = if shares(ReferralPart::People) {
        let today = tx.now.date_naive();
        let reveal = row.identity == IdentityShare::Revealed.code();
        let without = if reveal && row.override_reason.is_none() {
            survivors_without_consent(tx, &row.case_id, &row.organisation_id)?
        } else {
            Vec::new()
        };
        let (roles, mut people): (Vec<CasePartyRow>, Vec<PartyRow>) = case_parties::table
            .inner_join(parties::table)
            .filter(case_parties::case_id.eq(&row.case_id))
            .order(case_parties::created_at.asc())
            .select((CasePartyRow::as_select(), PartyRow::as_select()))
            .load::<(CasePartyRow, PartyRow)>(tx.conn)?
            .into_iter()
            .unzip();
        crate::merges::protect_by_person(tx, &mut people)?;
        let mut out = Vec::with_capacity(roles.len());
        for (cp, p) in roles.into_iter().zip(people) {
            let show = reveal && !without.contains(&p.id);
            if show && p.survivor {
                shown += 1;
            }
            let disclosure = if show { Disclosure::Revealed } else { Disclosure::Masked };
            out.push(to_case_party(cp, to_party(p, disclosure, today)?)?);
        }
        Some(out)
    } else {
        None
    };

    // Notes: all of the case's when shared; otherwise only those the partner wrote themselves.
    let partner_users: Vec<String> =
        users::table.filter(users::org_id.eq(&row.organisation_id)).select(users::id).load(tx.conn)?;
    let notes = if accepted {
        let mut q = notes::table.filter(notes::case_id.eq(&row.case_id)).into_boxed();
        if !parts.contains(&ReferralPart::Notes) {
            q = q.filter(notes::created_by.eq_any(partner_users.clone()));
        }
        let rows: Vec<NoteRow> = q.order(notes::created_at.desc()).select(NoteRow::as_select()).load(tx.conn)?;
        Some(
            rows.into_iter()
                .map(|n| {
                    let from_partner = partner_users.contains(&n.created_by);
                    Ok(SharedNote { note: cases::to_note(n)?, from_partner })
                })
                .collect::<StoreResult<Vec<_>>>()?,
        )
    } else {
        None
    };

    tx.audit(
        AuditEvent::new("referral.view", "referral", &row.id)
            .in_case(&row.case_id)
            .detail(serde_json::json!({"identities_shown": shown})),
    );
    Ok(PartnerView {
        referral: SharedReferral {
            id: parse_uuid(&row.id)?,
            case_reference: case.reference.clone(),
            case_title: case.title.clone(),
            status,
            parts,
            identity: code(&row.identity, IdentityShare::from_code, "identity share")?,
            message: row.message,
            sent_at: parse_time(&row.sent_at)?,
        },
        their_reference: row.their_reference,
        overview: SharedOverview {
            reference: case.reference,
            title: case.title,
            status: case.status,
            tactics: case.tactics,
            exploitation_types: case.exploitation_types,
            control_methods: case.control_methods,
            summary: case.summary,
            opened_on: case.opened_on,
        },
        events,
        people,
        notes,
    })
}

/// A note a partner liaison adds through an accepted referral: it lands in the case, where the
/// team reads it with the others.
pub fn add_partner_note(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, body: &str) -> StoreResult<Note> {
    let row = partner_referral(tx, actor, id)?;
    if row.status != ReferralStatus::Accepted.code() {
        return Err(StoreError::Conflict {
            code: "referral_status",
            message: "accept the referral before adding to the case".into(),
        });
    }
    let body = required_text("body", body, counternet_domain::case::TEXT_MAX)?;
    let note = NoteRow {
        id: new_id().to_string(),
        case_id: row.case_id.clone(),
        body,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(notes::table).values(&note).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("case.note_add", "note", &note.id)
            .in_case(&row.case_id)
            .detail(serde_json::json!({"referral_id": row.id})),
    );
    cases::to_note(note)
}

/// The organisation of each of the given users, for showing who wrote what by organisation.
pub fn organisations_of(tx: &mut Tx<'_>, user_ids: &[Uuid]) -> StoreResult<HashMap<Uuid, String>> {
    let ids: Vec<String> = user_ids.iter().map(Uuid::to_string).collect();
    users::table
        .inner_join(organisations::table)
        .filter(users::id.eq_any(ids))
        .select((users::id, organisations::name))
        .load::<(String, String)>(tx.conn)?
        .into_iter()
        .map(|(u, o)| Ok((parse_uuid(&u)?, o)))
        .collect()
}
