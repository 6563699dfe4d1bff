//! Traffickers' assets and the AMLO procedure (issue 7; DOMAIN.md "Assets: the AMLO procedure",
//! Anti-Money Laundering Act B.E. 2542; docs/decisions/0017-assets-and-the-amlo-stages.md).
//!
//! An asset moves through the stages in order, one at a time:
//!
//! identified → reported to AMLO → provisionally seized or attached (s.48) → referred to the public
//! prosecutor → petition to the civil court (s.49) → claims by owners and good-faith transferees
//! (s.50) → forfeited (s.51) or returned.
//!
//! No required stage is skipped: each move goes to the next stage, except that an asset may be
//! returned (released to its owner) from any stage after it was reported, and that nothing moves
//! after it is forfeited or returned. A provisional seizure lasts at most 90 days: the clock runs
//! from the day of the seizure until the petition to the civil court is filed, and the home page
//! shows the day it lapses, with reminders before.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::vocabulary;

vocabulary! {
    /// What kind of asset.
    AssetKind {
        BankBalance = "bank_balance",
        RealEstate = "real_estate",
        Vehicle = "vehicle",
        Cash = "cash",
        Business = "business",
        Crypto = "crypto",
        Other = "other",
    }
}

vocabulary! {
    /// The AMLO stages, in order (DOMAIN.md).
    AssetStage {
        Identified = "identified",
        ReportedToAmlo = "reported_to_amlo",
        /// Provisional seizure or attachment (s.48): at most 90 days.
        ProvisionallySeized = "provisionally_seized",
        ReferredToProsecutor = "referred_to_prosecutor",
        /// Petition to the civil court to vest the asset in the State (s.49).
        PetitionFiled = "petition_filed",
        /// Claims by owners or good-faith transferees (s.50).
        ClaimsPeriod = "claims_period",
        /// Forfeiture order (s.51).
        Forfeited = "forfeited",
        /// Released to its owner.
        Returned = "returned",
    }
}

/// The longest a provisional seizure or attachment lasts (s.48).
pub const SEIZURE_DAYS: u64 = 90;
/// Days before a seizure lapses on which its reminder shows (it shows every day from the first).
pub const REMINDER_DAYS: [i64; 4] = [30, 14, 7, 1];

impl AssetStage {
    /// Its place in the procedure (returned shares the last place with forfeited).
    pub fn rank(self) -> usize {
        match self {
            AssetStage::Returned => AssetStage::Forfeited.rank(),
            s => AssetStage::ALL.iter().position(|x| *x == s).unwrap_or(0),
        }
    }

    /// Nothing moves after this stage.
    pub fn is_final(self) -> bool {
        matches!(self, AssetStage::Forfeited | AssetStage::Returned)
    }

    /// The stages an asset at this stage may move to.
    pub fn next(self) -> Vec<AssetStage> {
        use AssetStage::*;
        match self {
            Identified => vec![ReportedToAmlo],
            ReportedToAmlo => vec![ProvisionallySeized, Returned],
            ProvisionallySeized => vec![ReferredToProsecutor, Returned],
            ReferredToProsecutor => vec![PetitionFiled, Returned],
            PetitionFiled => vec![ClaimsPeriod, Returned],
            ClaimsPeriod => vec![Forfeited, Returned],
            Forfeited | Returned => Vec::new(),
        }
    }

    /// Is the 90-day clock of a provisional seizure running at this stage?
    pub fn seizure_clock_runs(self) -> bool {
        matches!(self, AssetStage::ProvisionallySeized | AssetStage::ReferredToProsecutor)
    }
}

/// Why a move between stages is refused.
pub fn check_move(from: AssetStage, to: AssetStage) -> Validated<()> {
    if from.is_final() {
        return Err(ValidationError::new(
            "stage",
            "final_stage",
            format!("the asset is already {}: it moves no further", from.code().replace('_', " ")),
        ));
    }
    if from.next().contains(&to) {
        return Ok(());
    }
    let expected: Vec<&str> = from.next().iter().map(|s| s.code()).collect();
    let code = if to.rank() > from.rank() { "skips_a_stage" } else { "backwards" };
    Err(ValidationError::new(
        "stage",
        code,
        format!("from {} the asset may move only to {}", from.code(), expected.join(" or ")),
    ))
}

/// The day a provisional seizure made on `seized_on` lapses (the 90th day after it).
pub fn seizure_lapses_on(seized_on: NaiveDate) -> NaiveDate {
    seized_on.checked_add_days(chrono::Days::new(SEIZURE_DAYS)).unwrap_or(NaiveDate::MAX)
}

/// Where a provisional seizure stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SeizureClock {
    /// More than the first reminder's days left.
    Running,
    /// Within a reminder's days of lapsing.
    Reminder,
    /// The last day, or past it: the seizure lapses (or has lapsed) unless the petition is filed.
    Lapsed,
}

/// The state of the 90-day clock on `today` for a seizure made on `seized_on`, and the days left
/// (negative once lapsed).
pub fn seizure_clock(seized_on: NaiveDate, today: NaiveDate) -> (SeizureClock, i64) {
    let left = (seizure_lapses_on(seized_on) - today).num_days();
    let state = if left <= 0 {
        SeizureClock::Lapsed
    } else if left <= REMINDER_DAYS[0] {
        SeizureClock::Reminder
    } else {
        SeizureClock::Running
    };
    (state, left)
}

/// Request body for POST /api/v1/cases/{id}/assets.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetInput {
    pub kind: AssetKind,
    /// What it is: "Land title deed no. 1234, Mae Sot", "Toyota Fortuner 1กข 1234", "KBank 123-4-56789-0".
    pub description: String,
    /// The party who owns or holds it (a person, organisation, bank account...) in the case.
    #[serde(default)]
    pub owner_party_id: Option<Uuid>,
    /// Estimated value in minor units (satang for THB).
    pub estimated_value_minor: i64,
    /// ISO 4217 (default THB).
    #[serde(default)]
    pub currency: Option<String>,
    /// What links it to the offence (payments, testimony, documents).
    #[serde(default)]
    pub evidence: Option<String>,
    /// The day it was identified; not in the future.
    pub identified_on: NaiveDate,
}

/// An asset ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAsset {
    pub kind: AssetKind,
    pub description: String,
    pub owner_party_id: Option<Uuid>,
    pub estimated_value_minor: i64,
    pub currency: String,
    pub evidence: Option<String>,
    pub identified_on: NaiveDate,
}

/// A three-letter upper-case currency code, or the field's error.
pub fn currency(field: &str, code: Option<&str>) -> Validated<String> {
    let code = code.map(str::trim).filter(|c| !c.is_empty()).unwrap_or("THB").to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(ValidationError::new(field, "invalid_currency", "an ISO 4217 code of three letters, such as THB"))
    }
}

impl AssetInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewAsset> {
        let description = required_text("description", &self.description, 500)?;
        if self.estimated_value_minor < 0 {
            return Err(ValidationError::new("estimated_value_minor", "negative", "a value is zero or more"));
        }
        not_in_future("identified_on", self.identified_on, today)?;
        Ok(NewAsset {
            kind: self.kind,
            description,
            owner_party_id: self.owner_party_id,
            estimated_value_minor: self.estimated_value_minor,
            currency: currency("currency", self.currency.as_deref())?,
            evidence: optional_text("evidence", self.evidence.as_deref(), 4000)?,
            identified_on: self.identified_on,
        })
    }
}

/// Request body for POST /api/v1/assets/{id}/stages: the next stage the asset reached.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    pub stage: AssetStage,
    /// The day it was reached; not in the future, not before the current stage's day.
    pub on_date: NaiveDate,
    /// The officials' reference (AMLO case number, seizure order, court case number).
    #[serde(default)]
    pub reference: Option<String>,
    /// Who decided or acted (the official or unit).
    #[serde(default)]
    pub official: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A stage move ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStage {
    pub stage: AssetStage,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub official: Option<String>,
    pub notes: Option<String>,
}

impl StageInput {
    /// Checks the move from `current` (reached on `current_on`).
    pub fn validate(self, current: AssetStage, current_on: NaiveDate, today: NaiveDate) -> Validated<NewStage> {
        check_move(current, self.stage)?;
        not_in_future("on_date", self.on_date, today)?;
        if self.on_date < current_on {
            return Err(ValidationError::new(
                "on_date",
                "before_current_stage",
                "a stage is reached on or after the day of the stage before it",
            ));
        }
        let needs_reference =
            matches!(self.stage, AssetStage::ProvisionallySeized | AssetStage::PetitionFiled | AssetStage::Forfeited);
        let reference = optional_text("reference", self.reference.as_deref(), 200)?;
        if needs_reference && reference.is_none() {
            return Err(ValidationError::new(
                "reference",
                "required",
                "give the order's or the court case's reference for this stage",
            ));
        }
        Ok(NewStage {
            stage: self.stage,
            on_date: self.on_date,
            reference,
            official: optional_text("official", self.official.as_deref(), 200)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssetStage::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn stages_move_one_at_a_time_and_return_is_possible_after_reporting() {
        let mut at = Identified;
        for to in [ReportedToAmlo, ProvisionallySeized, ReferredToProsecutor, PetitionFiled, ClaimsPeriod, Forfeited] {
            assert!(check_move(at, to).is_ok(), "{at:?} -> {to:?}");
            at = to;
        }
        assert_eq!(check_move(Identified, ProvisionallySeized).unwrap_err().code, "skips_a_stage");
        assert_eq!(check_move(ReportedToAmlo, PetitionFiled).unwrap_err().code, "skips_a_stage");
        assert_eq!(check_move(ClaimsPeriod, ReportedToAmlo).unwrap_err().code, "backwards");
        assert_eq!(check_move(Identified, Returned).unwrap_err().code, "skips_a_stage");
        assert!(check_move(ReportedToAmlo, Returned).is_ok());
        assert!(check_move(ClaimsPeriod, Returned).is_ok());
        assert_eq!(check_move(Forfeited, Returned).unwrap_err().code, "final_stage");
        assert_eq!(check_move(Returned, Forfeited).unwrap_err().code, "final_stage");
        // Never to the stage it is at.
        assert!(check_move(PetitionFiled, PetitionFiled).is_err());
    }

    #[test]
    fn the_ninety_day_clock() {
        let seized = d("2026-01-10");
        assert_eq!(seizure_lapses_on(seized), d("2026-04-10"));
        assert_eq!(seizure_clock(seized, d("2026-01-10")), (SeizureClock::Running, 90));
        assert_eq!(seizure_clock(seized, d("2026-03-11")), (SeizureClock::Reminder, 30));
        assert_eq!(seizure_clock(seized, d("2026-03-10")), (SeizureClock::Running, 31));
        assert_eq!(seizure_clock(seized, d("2026-04-09")), (SeizureClock::Reminder, 1));
        assert_eq!(seizure_clock(seized, d("2026-04-10")), (SeizureClock::Lapsed, 0));
        assert_eq!(seizure_clock(seized, d("2026-04-20")), (SeizureClock::Lapsed, -10));
        assert!(ProvisionallySeized.seizure_clock_runs() && ReferredToProsecutor.seizure_clock_runs());
        assert!(!PetitionFiled.seizure_clock_runs() && !ReportedToAmlo.seizure_clock_runs());
    }

    #[test]
    fn a_stage_needs_its_day_in_order_and_the_orders_reference() {
        let today = d("2026-05-01");
        let input = |stage, on: &str, reference: Option<&str>| StageInput {
            stage,
            on_date: d(on),
            reference: reference.map(String::from),
            official: None,
            notes: None,
        };
        let ok = input(ProvisionallySeized, "2026-04-01", Some("AMLO 123/2569")).validate(
            ReportedToAmlo,
            d("2026-03-01"),
            today,
        );
        assert_eq!(ok.unwrap().reference.as_deref(), Some("AMLO 123/2569"));
        let e = input(ProvisionallySeized, "2026-04-01", None).validate(ReportedToAmlo, d("2026-03-01"), today);
        assert_eq!(e.unwrap_err().field, "reference");
        let e = input(ProvisionallySeized, "2026-02-01", Some("x")).validate(ReportedToAmlo, d("2026-03-01"), today);
        assert_eq!(e.unwrap_err().code, "before_current_stage");
        let e = input(ProvisionallySeized, "2026-06-01", Some("x")).validate(ReportedToAmlo, d("2026-03-01"), today);
        assert_eq!(e.unwrap_err().field, "on_date");
        let e = input(Forfeited, "2026-04-01", Some("x")).validate(ReportedToAmlo, d("2026-03-01"), today);
        assert_eq!(e.unwrap_err().code, "skips_a_stage");
    }

    #[test]
    fn an_asset_needs_a_description_a_value_and_a_currency() {
        let today = d("2026-05-01");
        let input = |value: i64, currency: Option<&str>| AssetInput {
            kind: AssetKind::RealEstate,
            description: "Land title deed 1234".into(),
            owner_party_id: None,
            estimated_value_minor: value,
            currency: currency.map(String::from),
            evidence: None,
            identified_on: d("2026-04-01"),
        };
        assert_eq!(input(1_000_000, None).validate(today).unwrap().currency, "THB");
        assert_eq!(input(1, Some("usd")).validate(today).unwrap().currency, "USD");
        assert_eq!(input(-1, None).validate(today).unwrap_err().field, "estimated_value_minor");
        assert_eq!(input(1, Some("baht")).validate(today).unwrap_err().field, "currency");
    }
}
