//! Intake, identification and perpetrators: how a case came in, the screening advice and the
//! deciding body's formal decision on a person, and where each perpetrator stands with the law.
//!
//! Screenings and decisions are kept apart on purpose (DOMAIN.md "Legal test for trafficking"):
//! a screening is advice with its reasons and never changes a decision; a decision is the deciding
//! body's, recorded as it was made. Both are append-only histories: the current decision on a
//! person is the latest one recorded.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::{DecidingBody, IntakeRoute, PerpetratorRole, PerpetratorStatus, TraffickingStatus};

/// The longest free text (notes).
pub const TEXT_MAX: usize = 4000;
/// The longest name or reference.
pub const NAME_MAX: usize = 300;

fn not_allowed(field: &str, why: &str) -> ValidationError {
    ValidationError::new(field, "not_allowed", why)
}

// ---------------------------------------------------------------------------------------------
// Intake

/// Request body for POST /api/v1/cases/{id}/intakes.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntakeInput {
    pub route: IntakeRoute,
    /// The day the referral, call or finding came in; not in the future.
    pub received_on: NaiveDate,
    /// The referring police unit (`police_referral`) or partner NGO (`partner_ngo`): a registered
    /// partner organisation. Required for those two routes, refused for the others.
    #[serde(default)]
    pub organisation_id: Option<Uuid>,
    /// The referring officer (`police_referral` only).
    #[serde(default)]
    pub officer_name: Option<String>,
    /// The referrer's own reference (a police report number, a partner's case number).
    #[serde(default)]
    pub their_reference: Option<String>,
    /// `own_investigation` only: the law-enforcement unit the findings were passed to. Given
    /// together with `passed_on`, or not at all.
    #[serde(default)]
    pub passed_to_org_id: Option<Uuid>,
    /// `own_investigation` only: the day the findings were passed on; not before `received_on`.
    #[serde(default)]
    pub passed_on: Option<NaiveDate>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// An intake ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIntake {
    pub route: IntakeRoute,
    pub received_on: NaiveDate,
    pub organisation_id: Option<Uuid>,
    pub officer_name: Option<String>,
    pub their_reference: Option<String>,
    pub passed_to_org_id: Option<Uuid>,
    pub passed_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl IntakeInput {
    /// Checks the intake against the latest date it may carry (`today`).
    pub fn validate(self, today: NaiveDate) -> Validated<NewIntake> {
        let referred = matches!(self.route, IntakeRoute::PoliceReferral | IntakeRoute::PartnerNgo);
        match (referred, self.organisation_id) {
            (true, None) => {
                return Err(ValidationError::new(
                    "organisation_id",
                    "required",
                    "a referral names the police unit or partner organisation it came from",
                ))
            }
            (false, Some(_)) => {
                return Err(not_allowed("organisation_id", "only a police or partner referral names a referrer"))
            }
            _ => {}
        }
        let officer_name = optional_text("officer_name", self.officer_name.as_deref(), NAME_MAX)?;
        if officer_name.is_some() && self.route != IntakeRoute::PoliceReferral {
            return Err(not_allowed("officer_name", "only a police referral names an officer"));
        }
        not_in_future("received_on", self.received_on, today)?;
        if self.route != IntakeRoute::OwnInvestigation {
            if self.passed_to_org_id.is_some() {
                return Err(not_allowed("passed_to_org_id", "only the organisation's own findings are passed on"));
            }
            if self.passed_on.is_some() {
                return Err(not_allowed("passed_on", "only the organisation's own findings are passed on"));
            }
        }
        match (self.passed_to_org_id, self.passed_on) {
            (Some(_), None) => {
                return Err(ValidationError::new("passed_on", "required", "say when the findings were passed on"))
            }
            (None, Some(_)) => {
                return Err(ValidationError::new(
                    "passed_to_org_id",
                    "required",
                    "name the unit the findings were passed to",
                ))
            }
            (Some(_), Some(on)) => {
                not_in_future("passed_on", on, today)?;
                if on < self.received_on {
                    return Err(ValidationError::new(
                        "passed_on",
                        "before_received",
                        "must not be before the day the case came in",
                    ));
                }
            }
            (None, None) => {}
        }
        Ok(NewIntake {
            route: self.route,
            received_on: self.received_on,
            organisation_id: self.organisation_id,
            officer_name,
            their_reference: optional_text("their_reference", self.their_reference.as_deref(), NAME_MAX)?,
            passed_to_org_id: self.passed_to_org_id,
            passed_on: self.passed_on,
            notes: optional_text("notes", self.notes.as_deref(), TEXT_MAX)?,
        })
    }
}

/// A recorded intake.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Intake {
    pub id: Uuid,
    pub case_id: Uuid,
    pub route: IntakeRoute,
    pub received_on: NaiveDate,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub officer_name: Option<String>,
    pub their_reference: Option<String>,
    pub passed_to_org_id: Option<Uuid>,
    pub passed_to_name: Option<String>,
    pub passed_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

// ---------------------------------------------------------------------------------------------
// Screening recorded on a case

/// Where the age at the time of the exploitation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgeSource {
    /// The person's date of birth and the date of the case's exploitation event.
    DateOfBirth,
    /// A number entered with the answers.
    Estimate,
}

/// The fields a recorded screening takes besides the screening answers.
pub const RECORD_FIELDS: &[&str] = &["party_id"];

/// A screening as recorded on a case: the answers as screened and the advice as given, never
/// changed afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ScreeningRecord {
    pub id: Uuid,
    pub case_id: Uuid,
    /// The person screened, when named.
    pub party_id: Option<Uuid>,
    /// The age used by the test (null: not known, treated as adult).
    pub age_at_exploitation: Option<f64>,
    /// Null when the age is not known.
    pub age_source: Option<AgeSource>,
    /// The answers screened: the input of POST /api/v1/screening.
    #[schema(value_type = crate::screening::ScreeningInput)]
    pub answers: serde_json::Value,
    /// The advice as the engine gave it on the day.
    #[schema(value_type = crate::screening::Screening)]
    pub result: serde_json::Value,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

// ---------------------------------------------------------------------------------------------
// Identification decisions

/// Request body for POST /api/v1/cases/{id}/decisions.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// The person the decision is about (a party in the case).
    pub party_id: Uuid,
    pub status: TraffickingStatus,
    pub deciding_body: DecidingBody,
    /// Who decided: the team, unit or official, as the decision names them.
    pub decided_by: String,
    /// The day the multidisciplinary team met, when one did; not after `decided_on`.
    #[serde(default)]
    pub mdt_date: Option<NaiveDate>,
    /// The day of the decision; not in the future.
    pub decided_on: NaiveDate,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A decision ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDecision {
    pub party_id: Uuid,
    pub status: TraffickingStatus,
    pub deciding_body: DecidingBody,
    pub decided_by: String,
    pub mdt_date: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub notes: Option<String>,
}

impl DecisionInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewDecision> {
        let decided_by = required_text("decided_by", &self.decided_by, NAME_MAX)?;
        not_in_future("decided_on", self.decided_on, today)?;
        if let Some(d) = self.mdt_date {
            not_in_future("mdt_date", d, today)?;
            if d > self.decided_on {
                return Err(ValidationError::new(
                    "mdt_date",
                    "after_decision",
                    "the multidisciplinary team meets before or on the day of the decision",
                ));
            }
        }
        Ok(NewDecision {
            party_id: self.party_id,
            status: self.status,
            deciding_body: self.deciding_body,
            decided_by,
            mdt_date: self.mdt_date,
            decided_on: self.decided_on,
            notes: optional_text("notes", self.notes.as_deref(), TEXT_MAX)?,
        })
    }
}

/// A recorded identification decision.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Decision {
    pub id: Uuid,
    pub case_id: Uuid,
    pub party_id: Uuid,
    pub status: TraffickingStatus,
    pub deciding_body: DecidingBody,
    pub decided_by: String,
    pub mdt_date: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub notes: Option<String>,
    /// The latest decision recorded on this person in this case: the one that stands.
    pub current: bool,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

// ---------------------------------------------------------------------------------------------
// Perpetrators

/// Request body for POST /api/v1/cases/{id}/perpetrator-statuses.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PerpetratorStatusInput {
    /// A party with the role perpetrator in the case.
    pub party_id: Uuid,
    /// Their HTCDS role(s) in the trafficking process.
    #[serde(default)]
    pub roles: Vec<PerpetratorRole>,
    pub status: PerpetratorStatus,
    /// The law-enforcement unit handling them (a registered partner organisation); required once
    /// they are reported to the police or arrested.
    #[serde(default)]
    pub unit_org_id: Option<Uuid>,
    /// The day this status was reached; not in the future.
    pub on_date: NaiveDate,
}

/// A perpetrator status ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPerpetratorStatus {
    pub party_id: Uuid,
    pub roles: Vec<PerpetratorRole>,
    pub status: PerpetratorStatus,
    pub unit_org_id: Option<Uuid>,
    pub on_date: NaiveDate,
}

impl PerpetratorStatusInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewPerpetratorStatus> {
        let needs_unit = matches!(self.status, PerpetratorStatus::ReportedToPolice | PerpetratorStatus::Arrested);
        if needs_unit && self.unit_org_id.is_none() {
            return Err(ValidationError::new(
                "unit_org_id",
                "required",
                "name the law-enforcement unit the perpetrator was reported to or arrested by",
            ));
        }
        not_in_future("on_date", self.on_date, today)?;
        let mut roles = self.roles;
        roles.sort();
        roles.dedup();
        Ok(NewPerpetratorStatus {
            party_id: self.party_id,
            roles,
            status: self.status,
            unit_org_id: self.unit_org_id,
            on_date: self.on_date,
        })
    }
}

/// A recorded perpetrator status.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct PerpetratorStatusRecord {
    pub id: Uuid,
    pub case_id: Uuid,
    pub party_id: Uuid,
    pub roles: Vec<PerpetratorRole>,
    pub status: PerpetratorStatus,
    pub unit_org_id: Option<Uuid>,
    pub unit_name: Option<String>,
    pub on_date: NaiveDate,
    /// The latest status recorded on this person in this case.
    pub current: bool,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn intake(route: IntakeRoute) -> IntakeInput {
        IntakeInput {
            route,
            received_on: day("2026-05-01"),
            organisation_id: None,
            officer_name: None,
            their_reference: None,
            passed_to_org_id: None,
            passed_on: None,
            notes: None,
        }
    }

    #[test]
    fn referrals_name_their_referrer_and_own_findings_are_passed_on_with_a_date() {
        let today = day("2026-06-01");
        let e = intake(IntakeRoute::PoliceReferral).validate(today).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("organisation_id", "required"));
        let e = intake(IntakeRoute::PartnerNgo).validate(today).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("organisation_id", "required"));
        assert!(intake(IntakeRoute::Hotline).validate(today).is_ok());
        let mut own = intake(IntakeRoute::OwnInvestigation);
        own.passed_to_org_id = Some(Uuid::nil());
        assert_eq!(own.clone().validate(today).unwrap_err().field, "passed_on");
        own.passed_on = Some(day("2026-04-30"));
        assert_eq!(own.clone().validate(today).unwrap_err().code, "before_received");
        own.passed_on = Some(day("2026-05-02"));
        assert!(own.clone().validate(today).is_ok());
        own.received_on = day("2026-06-02");
        assert_eq!(own.validate(today).unwrap_err().code, "in_future");
        let mut hotline = intake(IntakeRoute::Hotline);
        hotline.officer_name = Some("Sgt. Somchai".into());
        assert_eq!(hotline.validate(today).unwrap_err().field, "officer_name");
    }

    #[test]
    fn arrests_name_the_unit() {
        let input = PerpetratorStatusInput {
            party_id: Uuid::nil(),
            roles: vec![PerpetratorRole::RecruiterOrIntermediary, PerpetratorRole::RecruiterOrIntermediary],
            status: PerpetratorStatus::Arrested,
            unit_org_id: None,
            on_date: day("2026-05-01"),
        };
        assert_eq!(input.clone().validate(day("2026-06-01")).unwrap_err().field, "unit_org_id");
        let ok = PerpetratorStatusInput { unit_org_id: Some(Uuid::nil()), ..input }.validate(day("2026-06-01"));
        assert_eq!(ok.unwrap().roles.len(), 1);
    }
}
