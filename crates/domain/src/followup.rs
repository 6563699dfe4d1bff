//! Follow-up with survivors (issue 8; DOMAIN.md "Survivor outcomes"; docs/decisions/0020):
//! support plans and their goals, services delivered, follow-up visits (across borders too), the
//! six-domain outcome assessment, when the next visit and the next assessment are due, and the rule
//! that lets a case be proposed for closure.
//!
//! Everything here is pure: "today" is always passed in (the store's clock).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::case::country_code;
use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::vocabulary;

vocabulary! {
    /// HTCDS support-plan types (DOMAIN.md, Vocabularies).
    SupportPlanType {
        Education = "education",
        Financial = "financial",
        Health = "health",
        LabourExploitationRehabilitation = "labour_exploitation_rehabilitation",
        Legal = "legal",
        Livelihood = "livelihood",
        RightsBasedTraining = "rights_based_training",
        SexualExploitationRehabilitation = "sexual_exploitation_rehabilitation",
        SocialCare = "social_care",
    }
}

vocabulary! {
    /// Where a goal of a support plan stands.
    GoalStatus {
        Open = "open",
        Achieved = "achieved",
        Dropped = "dropped",
    }
}

vocabulary! {
    /// What kind of service was delivered.
    ServiceKind {
        Care = "care",
        Education = "education",
        JobTraining = "job_training",
        Health = "health",
        LegalAid = "legal_aid",
        Shelter = "shelter",
        FinancialSupport = "financial_support",
        Other = "other",
    }
}

vocabulary! {
    /// When in the schedule an outcome assessment was made.
    AssessmentKind {
        Intake = "intake",
        SixMonths = "six_months",
        Yearly = "yearly",
        /// An assessment outside the schedule (it does not move the schedule).
        Other = "other",
    }
}

vocabulary! {
    /// The six domains of the outcome assessment (DOMAIN.md "Survivor outcomes"), in order.
    OutcomeDomain {
        Safety = "safety",
        LegalProtection = "legal_protection",
        MentalWellbeing = "mental_wellbeing",
        EconomicEmpowerment = "economic_empowerment",
        SocialSupport = "social_support",
        PhysicalWellbeing = "physical_wellbeing",
    }
}

/// The lowest score of a domain (most vulnerable).
pub const SCORE_MIN: i64 = 1;
/// The highest score of a domain (thriving).
pub const SCORE_MAX: i64 = 4;
/// A case may be proposed for closure when the latest assessment of every victim scores at least
/// this in every domain. **To be confirmed** with the organisation (docs/decisions/0020).
pub const CLOSURE_MIN_SCORE: i64 = 3;
/// Months from the intake assessment to the first follow-up assessment.
pub const FIRST_ASSESSMENT_MONTHS: u32 = 6;
/// Months between the later assessments.
pub const LATER_ASSESSMENT_MONTHS: u32 = 12;

/// The six scores of one assessment, each 1 (most vulnerable) to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Scores {
    pub safety: i64,
    pub legal_protection: i64,
    pub mental_wellbeing: i64,
    /// Economic empowerment and education.
    pub economic_empowerment: i64,
    pub social_support: i64,
    pub physical_wellbeing: i64,
}

impl Scores {
    /// The score of one domain.
    pub fn get(&self, domain: OutcomeDomain) -> i64 {
        match domain {
            OutcomeDomain::Safety => self.safety,
            OutcomeDomain::LegalProtection => self.legal_protection,
            OutcomeDomain::MentalWellbeing => self.mental_wellbeing,
            OutcomeDomain::EconomicEmpowerment => self.economic_empowerment,
            OutcomeDomain::SocialSupport => self.social_support,
            OutcomeDomain::PhysicalWellbeing => self.physical_wellbeing,
        }
    }

    /// Every score is 1 to 4, or the first domain that is not (the field named `scores.<domain>`).
    pub fn validate(&self) -> Validated<()> {
        for d in OutcomeDomain::ALL {
            let s = self.get(*d);
            if !(SCORE_MIN..=SCORE_MAX).contains(&s) {
                return Err(ValidationError::new(
                    format!("scores.{}", d.code()),
                    "score_out_of_range",
                    "a score is 1 (most vulnerable) to 4",
                ));
            }
        }
        Ok(())
    }

    /// The domains scoring below `min`.
    pub fn below(&self, min: i64) -> Vec<OutcomeDomain> {
        OutcomeDomain::ALL.iter().copied().filter(|d| self.get(*d) < min).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// Request body for POST /api/v1/cases/{id}/victims/{party}/plans.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// What the plan is for: "Return home and vocational training".
    pub title: String,
    /// The day the plan was agreed with the survivor; not in the future.
    pub started_on: NaiveDate,
}

/// A plan ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlan {
    pub title: String,
    pub started_on: NaiveDate,
}

impl PlanInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewPlan> {
        let title = required_text("title", &self.title, 200)?;
        not_in_future("started_on", self.started_on, today)?;
        Ok(NewPlan { title, started_on: self.started_on })
    }
}

/// Request body for POST /api/v1/cases/{id}/victims/{party}/goals.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalInput {
    /// The plan the goal belongs to (one of this victim's plans).
    pub plan_id: Uuid,
    pub plan_type: SupportPlanType,
    pub description: String,
    #[serde(default)]
    pub target_on: Option<NaiveDate>,
}

/// A goal ready to store (open).
#[derive(Debug, Clone, PartialEq)]
pub struct NewGoal {
    pub plan_id: Uuid,
    pub plan_type: SupportPlanType,
    pub description: String,
    pub target_on: Option<NaiveDate>,
}

impl GoalInput {
    pub fn validate(self) -> Validated<NewGoal> {
        Ok(NewGoal {
            plan_id: self.plan_id,
            plan_type: self.plan_type,
            description: required_text("description", &self.description, 1000)?,
            target_on: self.target_on,
        })
    }
}

/// Request body for POST /api/v1/cases/{id}/victims/{party}/goals/{goal}/status.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalStatusInput {
    pub status: GoalStatus,
}

/// Request body for POST /api/v1/cases/{id}/victims/{party}/services.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceInput {
    pub delivered_on: NaiveDate,
    pub kind: ServiceKind,
    /// The organisation that delivered it (ours or a partner); none: our own organisation.
    #[serde(default)]
    pub provider_org_id: Option<Uuid>,
    /// The goal of the victim's plan it serves.
    #[serde(default)]
    pub goal_id: Option<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A service ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewService {
    pub delivered_on: NaiveDate,
    pub kind: ServiceKind,
    pub provider_org_id: Option<Uuid>,
    pub goal_id: Option<Uuid>,
    pub notes: Option<String>,
}

impl ServiceInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewService> {
        not_in_future("delivered_on", self.delivered_on, today)?;
        Ok(NewService {
            delivered_on: self.delivered_on,
            kind: self.kind,
            provider_org_id: self.provider_org_id,
            goal_id: self.goal_id,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// Request body for POST /api/v1/cases/{id}/victims/{party}/visits.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitInput {
    pub visited_on: NaiveDate,
    /// ISO 3166-1 alpha-3: THA, LAO, MMR, KHM...
    pub country: String,
    /// Where: village, district, shelter (a survivor's location is personal: keep it general).
    #[serde(default)]
    pub place: Option<String>,
    /// The users who went (colleagues of the case's organisation).
    #[serde(default)]
    pub visitor_ids: Vec<Uuid>,
    #[serde(default)]
    pub travel_from: Option<NaiveDate>,
    #[serde(default)]
    pub travel_to: Option<NaiveDate>,
    #[serde(default)]
    pub notes: Option<String>,
    /// When the next visit is due; after the visit.
    #[serde(default)]
    pub next_due_on: Option<NaiveDate>,
}

/// A visit ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVisit {
    pub visited_on: NaiveDate,
    pub country: String,
    pub place: Option<String>,
    pub visitor_ids: Vec<Uuid>,
    pub travel_from: Option<NaiveDate>,
    pub travel_to: Option<NaiveDate>,
    pub notes: Option<String>,
    pub next_due_on: Option<NaiveDate>,
}

impl VisitInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewVisit> {
        not_in_future("visited_on", self.visited_on, today)?;
        let country = country_code("country", &self.country)?;
        if let (Some(from), Some(to)) = (self.travel_from, self.travel_to) {
            if to < from {
                return Err(ValidationError::new(
                    "travel_to",
                    "before_start",
                    "the journey ends on or after it starts",
                ));
            }
        }
        if self.travel_from.is_some_and(|f| f > self.visited_on) {
            return Err(ValidationError::new(
                "travel_from",
                "after_visit",
                "the journey starts on or before the visit",
            ));
        }
        if self.travel_to.is_some_and(|t| t < self.visited_on) {
            return Err(ValidationError::new("travel_to", "before_visit", "the journey ends on or after the visit"));
        }
        if self.next_due_on.is_some_and(|n| n <= self.visited_on) {
            return Err(ValidationError::new("next_due_on", "not_after_visit", "the next visit is due after this one"));
        }
        let mut visitor_ids = self.visitor_ids;
        visitor_ids.sort();
        visitor_ids.dedup();
        Ok(NewVisit {
            visited_on: self.visited_on,
            country,
            place: optional_text("place", self.place.as_deref(), 200)?,
            visitor_ids,
            travel_from: self.travel_from,
            travel_to: self.travel_to,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
            next_due_on: self.next_due_on,
        })
    }
}

/// Request body for POST /api/v1/cases/{id}/victims/{party}/assessments.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    pub kind: AssessmentKind,
    pub assessed_on: NaiveDate,
    pub scores: Scores,
    #[serde(default)]
    pub notes: Option<String>,
}

/// An assessment ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAssessment {
    pub kind: AssessmentKind,
    pub assessed_on: NaiveDate,
    pub scores: Scores,
    pub notes: Option<String>,
}

impl AssessmentInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewAssessment> {
        not_in_future("assessed_on", self.assessed_on, today)?;
        self.scores.validate()?;
        Ok(NewAssessment {
            kind: self.kind,
            assessed_on: self.assessed_on,
            scores: self.scores,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// Request body for POST /api/v1/cases/{id}/closure.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureProposalInput {
    /// Why the case may close.
    pub reason: String,
}

/// Request body for POST /api/v1/cases/{id}/closure/decision.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosureDecisionInput {
    pub approve: bool,
    /// Needed when rejecting.
    #[serde(default)]
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Due dates

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueKind {
    Visit,
    Assessment,
}

impl DueKind {
    /// A stable code ("visit", "assessment").
    pub fn code(self) -> &'static str {
        match self {
            DueKind::Visit => "visit",
            DueKind::Assessment => "assessment",
        }
    }
}

/// The next visit due: the next due date set at the latest visit (none: nothing is due). A visit
/// recorded later than another replaces what that one said was due.
pub fn next_visit_due(visits: &[(NaiveDate, Option<NaiveDate>)]) -> Option<NaiveDate> {
    visits.iter().max_by_key(|(on, _)| *on).and_then(|(_, next)| *next)
}

/// The next assessment due: six months after the intake assessment, then a year after the latest
/// scheduled one (six months, yearly). Assessments of kind "other" do not move the schedule; with
/// no scheduled assessment nothing is due.
pub fn next_assessment_due(assessments: &[(AssessmentKind, NaiveDate)]) -> Option<NaiveDate> {
    let (kind, on) = assessments.iter().filter(|(k, _)| *k != AssessmentKind::Other).max_by_key(|(_, on)| *on)?;
    let months = if *kind == AssessmentKind::Intake { FIRST_ASSESSMENT_MONTHS } else { LATER_ASSESSMENT_MONTHS };
    on.checked_add_months(Months::new(months))
}

/// Is something due on `due` overdue on `today`? (Due today is not yet overdue.)
pub fn is_overdue(due: NaiveDate, today: NaiveDate) -> bool {
    due < today
}

/// Days past due on `today` (0 when not overdue).
pub fn days_overdue(due: NaiveDate, today: NaiveDate) -> i64 {
    (today - due).num_days().max(0)
}

// ---------------------------------------------------------------------------------------------
// Closure

/// Why a case may not be proposed for closure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosureRefusal {
    /// The case has no victim to assess.
    NoVictims,
    /// These victims have no outcome assessment.
    NotAssessed(Vec<Uuid>),
    /// These victims' latest assessments score below the threshold in these domains.
    ScoresTooLow(Vec<(Uuid, Vec<OutcomeDomain>)>),
}

impl ClosureRefusal {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ClosureRefusal::NoVictims => "no_victims",
            ClosureRefusal::NotAssessed(_) => "not_assessed",
            ClosureRefusal::ScoresTooLow(_) => "scores_too_low",
        }
    }

    /// Plain words (no names: victims are counted, domains named).
    pub fn message(&self) -> String {
        match self {
            ClosureRefusal::NoVictims => "the case has no victim whose outcomes could be assessed".into(),
            ClosureRefusal::NotAssessed(v) => {
                format!("{} victim(s) of the case have no outcome assessment yet", v.len())
            }
            ClosureRefusal::ScoresTooLow(v) => {
                let mut domains: Vec<&str> = v.iter().flat_map(|(_, d)| d.iter().map(|x| x.code())).collect();
                domains.sort_unstable();
                domains.dedup();
                format!(
                    "the latest assessment of {} victim(s) scores below {CLOSURE_MIN_SCORE} in: {}",
                    v.len(),
                    domains.join(", ")
                )
            }
        }
    }
}

/// May the case be proposed for closure, given each victim's latest assessment (none: not
/// assessed)? Every victim must have one that scores at least [`CLOSURE_MIN_SCORE`] in every domain.
pub fn check_closure(latest: &[(Uuid, Option<Scores>)]) -> Result<(), ClosureRefusal> {
    if latest.is_empty() {
        return Err(ClosureRefusal::NoVictims);
    }
    let missing: Vec<Uuid> = latest.iter().filter(|(_, s)| s.is_none()).map(|(v, _)| *v).collect();
    if !missing.is_empty() {
        return Err(ClosureRefusal::NotAssessed(missing));
    }
    let low: Vec<(Uuid, Vec<OutcomeDomain>)> = latest
        .iter()
        .filter_map(|(v, s)| s.map(|s| (*v, s.below(CLOSURE_MIN_SCORE))))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    if !low.is_empty() {
        return Err(ClosureRefusal::ScoresTooLow(low));
    }
    Ok(())
}

/// The second person of a closure: a manager other than who proposed it.
pub fn check_closure_decider(proposed_by: Uuid, decider: Uuid) -> Result<(), &'static str> {
    if proposed_by == decider {
        Err("a closure is approved or rejected by someone other than who proposed it")
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssessmentKind::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn all(n: i64) -> Scores {
        Scores {
            safety: n,
            legal_protection: n,
            mental_wellbeing: n,
            economic_empowerment: n,
            social_support: n,
            physical_wellbeing: n,
        }
    }

    #[test]
    fn scores_are_one_to_four_and_the_field_is_named() {
        assert!(all(1).validate().is_ok() && all(4).validate().is_ok());
        let e = all(0).validate().unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("scores.safety", "score_out_of_range"));
        let e = Scores { mental_wellbeing: 5, ..all(2) }.validate().unwrap_err();
        assert_eq!(e.field, "scores.mental_wellbeing");
        let e = Scores { physical_wellbeing: -1, ..all(2) }.validate().unwrap_err();
        assert_eq!(e.field, "scores.physical_wellbeing");
        let input = |kind, on: &str, s| AssessmentInput { kind, assessed_on: d(on), scores: s, notes: None };
        let today = d("2026-06-01");
        assert!(input(Intake, "2026-06-01", all(2)).validate(today).is_ok());
        assert_eq!(input(Intake, "2026-06-02", all(2)).validate(today).unwrap_err().field, "assessed_on");
        assert_eq!(input(Intake, "2026-06-01", all(9)).validate(today).unwrap_err().field, "scores.safety");
    }

    #[test]
    fn the_next_assessment_is_six_months_after_intake_then_yearly() {
        assert_eq!(next_assessment_due(&[]), None);
        assert_eq!(next_assessment_due(&[(Other, d("2026-01-10"))]), None);
        assert_eq!(next_assessment_due(&[(Intake, d("2026-01-10"))]), Some(d("2026-07-10")));
        // The end of a month stays in the month.
        assert_eq!(next_assessment_due(&[(Intake, d("2026-08-31"))]), Some(d("2027-02-28")));
        let history = [(Intake, d("2026-01-10")), (SixMonths, d("2026-07-20"))];
        assert_eq!(next_assessment_due(&history), Some(d("2027-07-20")));
        let history = [(Intake, d("2026-01-10")), (SixMonths, d("2026-07-20")), (Yearly, d("2027-08-01"))];
        assert_eq!(next_assessment_due(&history), Some(d("2028-08-01")));
        // An assessment outside the schedule does not move it.
        let history = [(Intake, d("2026-01-10")), (Other, d("2026-03-01"))];
        assert_eq!(next_assessment_due(&history), Some(d("2026-07-10")));
        // Order of recording does not matter.
        let history = [(SixMonths, d("2026-07-20")), (Intake, d("2026-01-10"))];
        assert_eq!(next_assessment_due(&history), Some(d("2027-07-20")));
    }

    #[test]
    fn the_next_visit_is_what_the_latest_visit_said() {
        assert_eq!(next_visit_due(&[]), None);
        assert_eq!(next_visit_due(&[(d("2026-01-10"), Some(d("2026-03-10")))]), Some(d("2026-03-10")));
        // A later visit replaces the due date, even with none.
        let visits = [(d("2026-01-10"), Some(d("2026-03-10"))), (d("2026-03-20"), Some(d("2026-06-20")))];
        assert_eq!(next_visit_due(&visits), Some(d("2026-06-20")));
        let visits = [(d("2026-03-20"), None), (d("2026-01-10"), Some(d("2026-03-10")))];
        assert_eq!(next_visit_due(&visits), None);
    }

    #[test]
    fn overdue_under_an_injected_today() {
        let due = d("2026-03-10");
        assert!(!is_overdue(due, d("2026-03-09")));
        assert!(!is_overdue(due, d("2026-03-10")), "due today is not overdue yet");
        assert!(is_overdue(due, d("2026-03-11")));
        assert_eq!(days_overdue(due, d("2026-03-11")), 1);
        assert_eq!(days_overdue(due, d("2026-04-10")), 31);
        assert_eq!(days_overdue(due, d("2026-03-01")), 0);
        // The intake's six-month assessment becomes overdue the day after it is due.
        let due = next_assessment_due(&[(Intake, d("2026-01-10"))]).unwrap();
        assert!(!is_overdue(due, d("2026-07-10")) && is_overdue(due, d("2026-07-11")));
    }

    #[test]
    fn a_case_may_be_proposed_for_closure_when_every_victim_scores_three_or_more_everywhere() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(check_closure(&[]), Err(ClosureRefusal::NoVictims));
        assert_eq!(check_closure(&[(a, Some(all(3))), (b, None)]), Err(ClosureRefusal::NotAssessed(vec![b])));
        let low = Scores { legal_protection: 2, ..all(4) };
        let e = check_closure(&[(a, Some(all(3))), (b, Some(low))]).unwrap_err();
        assert_eq!(e, ClosureRefusal::ScoresTooLow(vec![(b, vec![OutcomeDomain::LegalProtection])]));
        assert_eq!(e.code(), "scores_too_low");
        assert!(e.message().contains("legal_protection"), "{}", e.message());
        assert!(check_closure(&[(a, Some(all(3))), (b, Some(all(4)))]).is_ok());
        assert_eq!(CLOSURE_MIN_SCORE, 3);
        assert!(check_closure_decider(a, a).is_err() && check_closure_decider(a, b).is_ok());
    }

    #[test]
    fn a_visit_needs_a_country_and_dates_in_order() {
        let today = d("2026-06-01");
        let visit = |country: &str, from: Option<&str>, to: Option<&str>, next: Option<&str>| VisitInput {
            visited_on: d("2026-05-10"),
            country: country.into(),
            place: Some("Savannakhet".into()),
            visitor_ids: vec![Uuid::from_u128(2), Uuid::from_u128(1), Uuid::from_u128(2)],
            travel_from: from.map(d),
            travel_to: to.map(d),
            notes: None,
            next_due_on: next.map(d),
        };
        let ok = visit("lao", Some("2026-05-09"), Some("2026-05-11"), Some("2026-08-10")).validate(today).unwrap();
        assert_eq!((ok.country.as_str(), ok.visitor_ids.len()), ("LAO", 2));
        assert_eq!(visit("Laos", None, None, None).validate(today).unwrap_err().field, "country");
        assert_eq!(visit("LAO", Some("2026-05-11"), None, None).validate(today).unwrap_err().field, "travel_from");
        assert_eq!(visit("LAO", None, Some("2026-05-09"), None).validate(today).unwrap_err().field, "travel_to");
        assert_eq!(visit("LAO", None, None, Some("2026-05-10")).validate(today).unwrap_err().field, "next_due_on");
    }
}
