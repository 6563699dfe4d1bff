//! Intake, screening and identification, and perpetrators' standing with the law.
//!
//! Everything here belongs to a case and goes through its scope: reads through
//! `cases::visible`, writes through `cases::editable`. Screenings, decisions and perpetrator
//! statuses are append-only: nothing is ever updated, so the advice given on a day and every
//! decision made stay on record. The current decision on a person is the latest by decision date
//! (then by when it was recorded); a screening never changes it.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use uuid::Uuid;

use counternet_domain::identification::{
    AgeSource, Decision, Intake, NewDecision, NewIntake, NewPerpetratorStatus, PerpetratorStatusRecord, ScreeningRecord,
};
use counternet_domain::org::Organisation;
use counternet_domain::screening::{self, ScreeningInput};
use counternet_domain::vocab::{CaseRole, DecidingBody, EventStage, IntakeRoute, PerpetratorStatus, TraffickingStatus};
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::cases::{self, json_list, parse_list};
use crate::clock::{fmt_date, fmt_time, parse_date, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{DecisionRow, IntakeRow, OrganisationRow, PerpetratorStatusRow, ScreeningRow};
use crate::schema::{
    case_parties, identification_decisions, intakes, organisations, parties, perpetrator_statuses, screenings,
    trafficking_events,
};
use crate::{new_id, orgs, parse_uuid, Tx};

fn code<T>(text: &str, parse: fn(&str) -> Option<T>, what: &str) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::corrupt(format!("unknown {what}")))
}

fn opt_uuid(s: Option<&str>) -> StoreResult<Option<Uuid>> {
    s.map(parse_uuid).transpose()
}

/// The partner organisations (police units, NGOs, agencies) intakes and perpetrators refer to.
pub fn partner_organisations(tx: &mut Tx<'_>) -> StoreResult<Vec<Organisation>> {
    Ok(orgs::list(tx)?.into_iter().filter(|o| !o.is_own).collect())
}

/// A registered partner organisation's name, or a validation error on `field`.
fn partner(tx: &mut Tx<'_>, id: Uuid, field: &str) -> StoreResult<String> {
    let org =
        organisations::table.find(id.to_string()).select(OrganisationRow::as_select()).first(tx.conn).optional()?;
    match org {
        Some(o) if !o.is_own => Ok(o.name),
        Some(_) => Err(ValidationError::new(field, "own_organisation", "must be a partner organisation").into()),
        None => Err(ValidationError::new(field, "unknown_organisation", "is not a registered organisation").into()),
    }
}

/// The names of the organisations (a handful of rows), to name those a list refers to without a
/// query per row.
fn org_names(tx: &mut Tx<'_>) -> StoreResult<HashMap<String, String>> {
    Ok(organisations::table
        .select((organisations::id, organisations::name))
        .load::<(String, String)>(tx.conn)?
        .into_iter()
        .collect())
}

fn name_in(names: &HashMap<String, String>, id: Option<&str>) -> Option<String> {
    id.and_then(|i| names.get(i)).cloned()
}

/// The roles `party_id` holds in the case; an error on `party_id` when none.
fn roles_in_case(tx: &mut Tx<'_>, case_id: Uuid, party_id: Uuid) -> StoreResult<Vec<String>> {
    let roles: Vec<String> = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::party_id.eq(party_id.to_string()))
        .select(case_parties::role)
        .load(tx.conn)?;
    if roles.is_empty() {
        return Err(ValidationError::new("party_id", "unknown_party", "is not a person in this case").into());
    }
    Ok(roles)
}

// ---------------------------------------------------------------------------------------------
// Intake

fn to_intake(names: &HashMap<String, String>, r: IntakeRow) -> StoreResult<Intake> {
    let organisation_name = name_in(names, r.organisation_id.as_deref());
    let passed_to_name = name_in(names, r.passed_to_org_id.as_deref());
    Ok(Intake {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        route: code(&r.route, IntakeRoute::from_code, "intake route")?,
        received_on: parse_date(&r.received_on)?,
        organisation_id: opt_uuid(r.organisation_id.as_deref())?,
        organisation_name,
        officer_name: r.officer_name,
        their_reference: r.their_reference,
        passed_to_org_id: opt_uuid(r.passed_to_org_id.as_deref())?,
        passed_to_name,
        passed_on: parse_opt_date(r.passed_on.as_deref())?,
        notes: r.notes,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Records how a case came in.
pub fn record_intake(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewIntake) -> StoreResult<Intake> {
    cases::editable(tx, actor, case_id)?;
    if let Some(org) = new.organisation_id {
        partner(tx, org, "organisation_id")?;
    }
    if let Some(org) = new.passed_to_org_id {
        partner(tx, org, "passed_to_org_id")?;
    }
    let row = IntakeRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        route: new.route.code().into(),
        received_on: fmt_date(new.received_on),
        organisation_id: new.organisation_id.map(|o| o.to_string()),
        officer_name: new.officer_name,
        their_reference: new.their_reference,
        passed_to_org_id: new.passed_to_org_id.map(|o| o.to_string()),
        passed_on: new.passed_on.map(fmt_date),
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(intakes::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("intake.record", "intake", &row.id).in_case(case_id).detail(serde_json::json!({
        "route": row.route, "organisation_id": row.organisation_id, "passed_to_org_id": row.passed_to_org_id,
    })));
    to_intake(&org_names(tx)?, row)
}

/// How a case came in, earliest first.
pub fn list_intakes(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Intake>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<IntakeRow> = intakes::table
        .filter(intakes::case_id.eq(case_id.to_string()))
        .order((intakes::received_on.asc(), intakes::created_at.asc(), intakes::id.asc()))
        .select(IntakeRow::as_select())
        .load(tx.conn)?;
    let names = org_names(tx)?;
    rows.into_iter().map(|r| to_intake(&names, r)).collect()
}

// ---------------------------------------------------------------------------------------------
// Screening

/// Age in whole years on `on` of a person born on `born`; None when `on` is before `born`. Whole
/// years are all the test needs (a child is under 18, the bands break at 15 and 18, and a whole age
/// is under 18 exactly when the exact one is), and they say less about the date of birth.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<f64> {
    on.years_since(born).map(f64::from)
}

/// The age at the exploitation from the person's date of birth and the date of the case's first
/// dated exploitation event, when both are known.
fn age_from_records(tx: &mut Tx<'_>, case_id: Uuid, party_id: Uuid) -> StoreResult<Option<f64>> {
    let born: Option<String> =
        parties::table.find(party_id.to_string()).select(parties::date_of_birth).first(tx.conn).optional()?.flatten();
    let Some(born) = parse_opt_date(born.as_deref())? else { return Ok(None) };
    let on: Option<String> = trafficking_events::table
        .filter(trafficking_events::case_id.eq(case_id.to_string()))
        .filter(trafficking_events::stage.eq(EventStage::Exploitation.code()))
        .filter(trafficking_events::occurred_on.is_not_null())
        .order(trafficking_events::occurred_on.asc())
        .select(trafficking_events::occurred_on)
        .first(tx.conn)
        .optional()?
        .flatten();
    let Some(on) = parse_opt_date(on.as_deref())? else { return Ok(None) };
    // An event before the birth, or an age past the engine's limit, is a typing error somewhere:
    // the estimate (or "not known") is used instead.
    Ok(age_on(born, on).filter(|a| *a <= screening::MAX_AGE))
}

fn to_screening(r: ScreeningRow) -> StoreResult<ScreeningRecord> {
    let mut answers: serde_json::Value =
        serde_json::from_str(&r.answers).map_err(|_| StoreError::corrupt("screening answers are not JSON"))?;
    let age_source = answers
        .as_object_mut()
        .and_then(|m| m.remove("age_source"))
        .and_then(|v| serde_json::from_value::<AgeSource>(v).ok());
    Ok(ScreeningRecord {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        party_id: opt_uuid(r.party_id.as_deref())?,
        age_at_exploitation: r.age_at_exploitation,
        age_source,
        answers,
        result: serde_json::from_str(&r.result).map_err(|_| StoreError::corrupt("screening result is not JSON"))?,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Screens the answers against the legal test and records them with the advice, on the case and
/// (when named) the person. The age comes from the person's date of birth and the date of the
/// case's exploitation event when both are recorded, else from the estimate in the answers.
pub fn record_screening(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    party_id: Option<Uuid>,
    mut input: ScreeningInput,
) -> StoreResult<ScreeningRecord> {
    cases::editable(tx, actor, case_id)?;
    let recorded_age = match party_id {
        Some(p) => {
            roles_in_case(tx, case_id, p)?;
            age_from_records(tx, case_id, p)?
        }
        None => None,
    };
    let age_source = match (recorded_age, input.age_at_exploitation) {
        (Some(age), _) => {
            input.age_at_exploitation = Some(age);
            Some(AgeSource::DateOfBirth)
        }
        (None, Some(_)) => Some(AgeSource::Estimate),
        (None, None) => None,
    };
    let result = screening::screen(&input).map_err(|e| {
        ValidationError::new(e.field().unwrap_or("age_at_exploitation"), "invalid_value", e.to_string())
    })?;
    let mut answers = serde_json::to_value(&input).map_err(|_| StoreError::corrupt("screening answers"))?;
    if let (Some(m), Some(source)) = (answers.as_object_mut(), age_source) {
        m.insert("age_source".into(), serde_json::to_value(source).unwrap_or_default());
    }
    let row = ScreeningRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        party_id: party_id.map(|p| p.to_string()),
        age_at_exploitation: input.age_at_exploitation,
        answers: answers.to_string(),
        result: serde_json::to_string(&result).map_err(|_| StoreError::corrupt("screening result"))?,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(screenings::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("screening.record", "screening", &row.id).in_case(case_id).detail(serde_json::json!({
        "party_id": row.party_id, "trafficking_indicated": result.trafficking_indicated,
        "age_source": age_source, "missing": result.missing.len(),
    })));
    to_screening(row)
}

/// The screenings of a case, newest first.
pub fn list_screenings(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<ScreeningRecord>> {
    cases::visible(tx, actor, case_id)?;
    screenings::table
        .filter(screenings::case_id.eq(case_id.to_string()))
        .order((screenings::created_at.desc(), screenings::id.desc()))
        .select(ScreeningRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_screening)
        .collect()
}

/// One screening of a case.
pub fn get_screening(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, id: Uuid) -> StoreResult<ScreeningRecord> {
    cases::visible(tx, actor, case_id)?;
    let row = screenings::table
        .find(id.to_string())
        .filter(screenings::case_id.eq(case_id.to_string()))
        .select(ScreeningRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    to_screening(row)
}

// ---------------------------------------------------------------------------------------------
// Identification decisions

fn to_decision(r: DecisionRow, current: bool) -> StoreResult<Decision> {
    Ok(Decision {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        party_id: parse_uuid(&r.party_id)?,
        status: code(&r.status, TraffickingStatus::from_code, "trafficking status")?,
        deciding_body: code(&r.deciding_body, DecidingBody::from_code, "deciding body")?,
        decided_by: r.decided_by,
        mdt_date: parse_opt_date(r.mdt_date.as_deref())?,
        decided_on: parse_date(&r.decided_on)?,
        notes: r.notes,
        current,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Records a deciding body's formal identification decision on a person in the case.
pub fn record_decision(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewDecision) -> StoreResult<Decision> {
    cases::editable(tx, actor, case_id)?;
    roles_in_case(tx, case_id, new.party_id)?;
    let row = DecisionRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        party_id: new.party_id.to_string(),
        status: new.status.code().into(),
        deciding_body: new.deciding_body.code().into(),
        decided_by: new.decided_by,
        mdt_date: new.mdt_date.map(fmt_date),
        decided_on: fmt_date(new.decided_on),
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(identification_decisions::table).values(&row).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("identification.decide", "party", &row.party_id).in_case(case_id).detail(
            serde_json::json!({"decision_id": row.id, "status": row.status, "deciding_body": row.deciding_body}),
        ),
    );
    let id = parse_uuid(&row.id)?;
    let all = list_decisions(tx, actor, case_id)?;
    all.into_iter().find(|d| d.id == id).ok_or(StoreError::NotFound)
}

/// The decisions of a case, latest first; `current` marks the one standing for each person.
pub fn list_decisions(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Decision>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<DecisionRow> = identification_decisions::table
        .filter(identification_decisions::case_id.eq(case_id.to_string()))
        .order((
            identification_decisions::decided_on.desc(),
            identification_decisions::created_at.desc(),
            identification_decisions::id.desc(),
        ))
        .select(DecisionRow::as_select())
        .load(tx.conn)?;
    let mut seen: Vec<String> = Vec::new();
    rows.into_iter()
        .map(|r| {
            let current = !seen.contains(&r.party_id);
            if current {
                seen.push(r.party_id.clone());
            }
            to_decision(r, current)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Perpetrators

fn to_perpetrator_status(
    names: &HashMap<String, String>,
    r: PerpetratorStatusRow,
    current: bool,
) -> StoreResult<PerpetratorStatusRecord> {
    let unit_name = name_in(names, r.unit_org_id.as_deref());
    Ok(PerpetratorStatusRecord {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        party_id: parse_uuid(&r.party_id)?,
        roles: parse_list(&r.roles)?,
        status: code(&r.status, PerpetratorStatus::from_code, "perpetrator status")?,
        unit_org_id: opt_uuid(r.unit_org_id.as_deref())?,
        unit_name,
        on_date: parse_date(&r.on_date)?,
        current,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Records where a perpetrator of the case stands (and their roles in the process).
pub fn record_perpetrator_status(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    new: NewPerpetratorStatus,
) -> StoreResult<PerpetratorStatusRecord> {
    cases::editable(tx, actor, case_id)?;
    let roles = roles_in_case(tx, case_id, new.party_id)?;
    if !roles.iter().any(|r| r == CaseRole::Perpetrator.code()) {
        return Err(ValidationError::new("party_id", "not_perpetrator", "is not a perpetrator in this case").into());
    }
    if let Some(unit) = new.unit_org_id {
        partner(tx, unit, "unit_org_id")?;
    }
    let row = PerpetratorStatusRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        party_id: new.party_id.to_string(),
        roles: json_list(&new.roles),
        status: new.status.code().into(),
        unit_org_id: new.unit_org_id.map(|u| u.to_string()),
        on_date: fmt_date(new.on_date),
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(perpetrator_statuses::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("perpetrator.status", "party", &row.party_id).in_case(case_id).detail(
        serde_json::json!({
            "status_id": row.id, "status": row.status, "unit_org_id": row.unit_org_id,
            "roles": new.roles.iter().map(|r| r.code()).collect::<Vec<_>>(),
        }),
    ));
    let id = parse_uuid(&row.id)?;
    let all = list_perpetrator_statuses(tx, actor, case_id)?;
    all.into_iter().find(|s| s.id == id).ok_or(StoreError::NotFound)
}

/// The perpetrator statuses of a case, latest first; `current` marks each person's latest.
pub fn list_perpetrator_statuses(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
) -> StoreResult<Vec<PerpetratorStatusRecord>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<PerpetratorStatusRow> = perpetrator_statuses::table
        .filter(perpetrator_statuses::case_id.eq(case_id.to_string()))
        .order((
            perpetrator_statuses::on_date.desc(),
            perpetrator_statuses::created_at.desc(),
            perpetrator_statuses::id.desc(),
        ))
        .select(PerpetratorStatusRow::as_select())
        .load(tx.conn)?;
    let names = org_names(tx)?;
    let mut seen: Vec<String> = Vec::new();
    rows.into_iter()
        .map(|r| {
            let current = !seen.contains(&r.party_id);
            if current {
                seen.push(r.party_id.clone());
            }
            to_perpetrator_status(&names, r, current)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_day_before_the_eighteenth_birthday_is_still_a_child() {
        assert_eq!(age_on(day("2008-03-02"), day("2026-03-01")), Some(17.0));
        assert_eq!(age_on(day("2008-03-02"), day("2026-03-02")), Some(18.0));
        assert_eq!(age_on(day("2011-03-02"), day("2026-03-01")), Some(14.0));
        assert_eq!(age_on(day("2026-01-01"), day("2025-01-01")), None);
    }
}
