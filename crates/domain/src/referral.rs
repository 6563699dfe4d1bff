//! Consent and referrals: what a survivor agreed to, and what of a case goes to a partner.
//!
//! A referral out shares the case's overview and the parts chosen (events, people, notes), with
//! survivors' identities masked (initials and age band) or revealed. Revealing needs, for every
//! survivor in the case, their consent to sharing with that very organisation, active on the
//! day; without it the referral is refused unless a user holding the override permission gives a
//! reason (DOMAIN.md; docs/decisions/0007-referrals-and-consent.md).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validation::{optional_text, Validated, ValidationError};
use crate::vocab::{ConsentGiver, ConsentPurpose, IdentityShare, ReferralDirection, ReferralPart, ReferralStatus};

/// The longest free text on a referral or a consent.
pub const TEXT_MAX: usize = 4000;
/// The longest name of a guardian or reference of a partner.
pub const NAME_MAX: usize = 300;

/// Request body for POST /api/v1/cases/{id}/consents.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// The survivor the consent is about (a party with a role in the case).
    pub party_id: Uuid,
    pub given_by: ConsentGiver,
    /// Required when a guardian consents.
    #[serde(default)]
    pub guardian_name: Option<String>,
    pub purpose: ConsentPurpose,
    /// The organisation identifying information may go to (required for `sharing`, refused
    /// otherwise).
    #[serde(default)]
    pub organisation_id: Option<Uuid>,
    /// The day consent was given (default: today); not in the future.
    #[serde(default)]
    pub given_on: Option<NaiveDate>,
}

/// A consent ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewConsent {
    pub party_id: Uuid,
    pub given_by: ConsentGiver,
    pub guardian_name: Option<String>,
    pub purpose: ConsentPurpose,
    pub organisation_id: Option<Uuid>,
    pub given_on: NaiveDate,
}

impl ConsentInput {
    /// Checks the consent against the day it is recorded (`today`).
    pub fn validate(self, today: NaiveDate) -> Validated<NewConsent> {
        let guardian_name = optional_text("guardian_name", self.guardian_name.as_deref(), NAME_MAX)?;
        match (self.given_by, &guardian_name) {
            (ConsentGiver::Guardian, None) => {
                return Err(ValidationError::new("guardian_name", "required", "name the guardian who consented"))
            }
            (ConsentGiver::Survivor, Some(_)) => {
                return Err(ValidationError::new(
                    "guardian_name",
                    "not_allowed",
                    "only a consent given by a guardian names one",
                ))
            }
            _ => {}
        }
        match (self.purpose, self.organisation_id) {
            (ConsentPurpose::Sharing, None) => {
                return Err(ValidationError::new(
                    "organisation_id",
                    "required",
                    "consent to sharing names the organisation it is for",
                ))
            }
            (ConsentPurpose::Services | ConsentPurpose::Statistics, Some(_)) => {
                return Err(ValidationError::new(
                    "organisation_id",
                    "not_allowed",
                    "only a consent to sharing names an organisation",
                ))
            }
            _ => {}
        }
        let given_on = self.given_on.unwrap_or(today);
        if given_on > today {
            return Err(ValidationError::new("given_on", "in_future", "must not be in the future"));
        }
        Ok(NewConsent {
            party_id: self.party_id,
            given_by: self.given_by,
            guardian_name,
            purpose: self.purpose,
            organisation_id: self.organisation_id,
            given_on,
        })
    }
}

/// A recorded consent.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Consent {
    pub id: Uuid,
    pub case_id: Uuid,
    pub party_id: Uuid,
    pub given_by: ConsentGiver,
    pub guardian_name: Option<String>,
    pub purpose: ConsentPurpose,
    pub organisation_id: Option<Uuid>,
    pub given_on: NaiveDate,
    pub withdrawn_on: Option<NaiveDate>,
    /// Given and not withdrawn.
    pub active: bool,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// Request body for POST /api/v1/consents/{id}/withdraw.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawInput {
    /// The day consent was withdrawn (default: today); not in the future.
    #[serde(default)]
    pub withdrawn_on: Option<NaiveDate>,
}

/// Request body for POST /api/v1/cases/{id}/referrals.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferralInput {
    /// The partner organisation (police unit, AMLO, shelter, NGO) the case goes to or came from.
    pub organisation_id: Uuid,
    /// `out` (default): this organisation refers the case; `in`: a partner referred it here.
    #[serde(default)]
    pub direction: Option<ReferralDirection>,
    /// What is shared besides the overview.
    #[serde(default)]
    pub parts: Vec<ReferralPart>,
    /// `masked` (default) or `revealed` (needs every survivor's consent to sharing with the
    /// partner, or an override).
    #[serde(default)]
    pub identity: Option<IdentityShare>,
    /// What is asked of the partner.
    #[serde(default)]
    pub message: Option<String>,
    /// The partner's own reference (for a referral in, theirs; for one out, once they give it).
    #[serde(default)]
    pub their_reference: Option<String>,
    /// Shares identities without the consent the sharing needs: only users holding the override
    /// permission (managers), with the reason, recorded in the audit trail.
    #[serde(default)]
    pub override_reason: Option<String>,
}

/// A referral ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReferral {
    pub organisation_id: Uuid,
    pub direction: ReferralDirection,
    pub parts: Vec<ReferralPart>,
    pub identity: IdentityShare,
    pub message: Option<String>,
    pub their_reference: Option<String>,
    pub override_reason: Option<String>,
}

impl ReferralInput {
    pub fn validate(self) -> Validated<NewReferral> {
        let mut parts = self.parts;
        parts.sort();
        parts.dedup();
        let identity = self.identity.unwrap_or(IdentityShare::Masked);
        if identity == IdentityShare::Revealed && !parts.contains(&ReferralPart::People) {
            return Err(ValidationError::new(
                "identity",
                "needs_people",
                "identities can only be revealed when the people part is shared",
            ));
        }
        let override_reason = optional_text("override_reason", self.override_reason.as_deref(), TEXT_MAX)?;
        if override_reason.is_some() && identity == IdentityShare::Masked {
            return Err(ValidationError::new(
                "override_reason",
                "not_allowed",
                "a masked referral needs no consent, so nothing to override",
            ));
        }
        Ok(NewReferral {
            organisation_id: self.organisation_id,
            direction: self.direction.unwrap_or(ReferralDirection::Out),
            parts,
            identity,
            message: optional_text("message", self.message.as_deref(), TEXT_MAX)?,
            their_reference: optional_text("their_reference", self.their_reference.as_deref(), NAME_MAX)?,
            override_reason,
        })
    }
}

/// Request body for POST /api/v1/referrals/{id}/answer.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    pub accept: bool,
    /// Why (a rejection should say), or what happens next.
    #[serde(default)]
    pub answer: Option<String>,
    /// The partner's own reference for the case.
    #[serde(default)]
    pub their_reference: Option<String>,
}

/// A referral as its case team sees it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Referral {
    pub id: Uuid,
    pub case_id: Uuid,
    pub direction: ReferralDirection,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub parts: Vec<ReferralPart>,
    pub identity: IdentityShare,
    pub status: ReferralStatus,
    pub message: Option<String>,
    pub their_reference: Option<String>,
    pub answer: Option<String>,
    /// Set when identities were shared without every consent, by override.
    pub override_reason: Option<String>,
    pub sent_by: Uuid,
    pub sent_at: DateTime<Utc>,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// How long the other side took to accept or reject, in hours (None while unanswered).
    pub response_hours: Option<f64>,
}

impl ReferralStatus {
    /// The moves a referral may make: sent -> accepted | rejected | revoked; accepted -> done |
    /// revoked. Rejected, done and revoked are final.
    pub fn may_become(self, next: ReferralStatus) -> bool {
        use ReferralStatus::*;
        matches!((self, next), (Sent, Accepted | Rejected | Revoked) | (Accepted, Done | Revoked))
    }

    /// A partner liaison sees the referral's content only while it is live.
    pub fn partner_may_read(self) -> bool {
        matches!(self, ReferralStatus::Sent | ReferralStatus::Accepted)
    }
}

/// Hours between two instants, to one decimal.
pub fn hours_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    ((to - from).num_minutes() as f64 / 6.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn consent(given_by: ConsentGiver, guardian: Option<&str>, purpose: ConsentPurpose, org: bool) -> ConsentInput {
        ConsentInput {
            party_id: Uuid::nil(),
            given_by,
            guardian_name: guardian.map(String::from),
            purpose,
            organisation_id: org.then(Uuid::nil),
            given_on: Some(day("2026-05-01")),
        }
    }

    #[test]
    fn a_consent_names_its_guardian_and_its_organisation_exactly_when_it_must() {
        let today = day("2026-06-01");
        assert!(consent(ConsentGiver::Survivor, None, ConsentPurpose::Services, false).validate(today).is_ok());
        assert!(consent(ConsentGiver::Guardian, Some("Mother"), ConsentPurpose::Sharing, true).validate(today).is_ok());
        let e = consent(ConsentGiver::Guardian, None, ConsentPurpose::Services, false).validate(today).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("guardian_name", "required"));
        let e =
            consent(ConsentGiver::Survivor, Some("x"), ConsentPurpose::Services, false).validate(today).unwrap_err();
        assert_eq!(e.code, "not_allowed");
        let e = consent(ConsentGiver::Survivor, None, ConsentPurpose::Sharing, false).validate(today).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("organisation_id", "required"));
        let e = consent(ConsentGiver::Survivor, None, ConsentPurpose::Statistics, true).validate(today).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("organisation_id", "not_allowed"));
        let e = consent(ConsentGiver::Survivor, None, ConsentPurpose::Services, false)
            .validate(day("2026-04-30"))
            .unwrap_err();
        assert_eq!(e.code, "in_future");
    }

    #[test]
    fn revealing_identities_needs_the_people_part_and_an_override_needs_something_to_override() {
        let input = |parts: Vec<ReferralPart>, identity, reason: Option<&str>| ReferralInput {
            organisation_id: Uuid::nil(),
            direction: None,
            parts,
            identity,
            message: None,
            their_reference: None,
            override_reason: reason.map(String::from),
        };
        let e = input(vec![ReferralPart::Events], Some(IdentityShare::Revealed), None).validate().unwrap_err();
        assert_eq!(e.code, "needs_people");
        let e = input(vec![ReferralPart::People], None, Some("urgent")).validate().unwrap_err();
        assert_eq!(e.field, "override_reason");
        let ok = input(vec![ReferralPart::People, ReferralPart::Events, ReferralPart::People], None, None)
            .validate()
            .unwrap();
        assert_eq!(ok.parts, vec![ReferralPart::Events, ReferralPart::People], "sorted, once each");
        assert_eq!((ok.direction, ok.identity), (ReferralDirection::Out, IdentityShare::Masked));
    }

    #[test]
    fn a_referral_moves_only_forward() {
        use ReferralStatus::*;
        for s in ReferralStatus::ALL {
            for n in ReferralStatus::ALL {
                let allowed = s.may_become(*n);
                let expected = matches!((s, n), (Sent, Accepted | Rejected | Revoked) | (Accepted, Done | Revoked));
                assert_eq!(allowed, expected, "{s} -> {n}");
            }
        }
        assert!(Sent.partner_may_read() && Accepted.partner_may_read());
        assert!(!Rejected.partner_may_read() && !Done.partner_may_read() && !Revoked.partner_may_read());
    }

    #[test]
    fn response_time_is_in_hours() {
        let a: DateTime<Utc> = "2026-05-01T08:00:00Z".parse().unwrap();
        let b: DateTime<Utc> = "2026-05-02T10:30:00Z".parse().unwrap();
        assert_eq!(hours_between(a, b), 26.5);
    }
}
