//! Cases: the unit of work, with their tactics, status, exploitation types, trafficking events,
//! team, notes and tasks.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::{CaseStatus, ControlMethod, EventStage, ExploitationType, RecruitmentMethod, Tactic};

pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 20_000;

/// A new case as submitted (POST /api/v1/cases).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    #[serde(default)]
    pub tactics: Vec<Tactic>,
    #[serde(default)]
    pub exploitation_types: Vec<ExploitationType>,
    /// How victims were controlled (HTCDS methods of control).
    #[serde(default)]
    pub control_methods: Vec<ControlMethod>,
    /// The date the case was opened; today when absent.
    #[serde(default)]
    pub opened_on: Option<NaiveDate>,
    #[serde(default)]
    pub events: Vec<EventInput>,
}

/// A validated new case.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCase {
    pub title: String,
    pub summary: Option<String>,
    pub status: CaseStatus,
    pub tactics: Vec<Tactic>,
    pub exploitation_types: Vec<ExploitationType>,
    pub control_methods: Vec<ControlMethod>,
    pub opened_on: NaiveDate,
    pub events: Vec<NewEvent>,
}

impl CaseInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewCase> {
        let opened_on = self.opened_on.unwrap_or(today);
        not_in_future("opened_on", opened_on, today)?;
        let events = self
            .events
            .into_iter()
            .enumerate()
            .map(|(i, e)| e.validate(&format!("events[{i}]"), today))
            .collect::<Validated<Vec<_>>>()?;
        Ok(NewCase {
            title: required_text("title", &self.title, TITLE_MAX)?,
            summary: optional_text("summary", self.summary.as_deref(), TEXT_MAX)?,
            status: self.status.unwrap_or(CaseStatus::Active),
            tactics: dedup(self.tactics),
            exploitation_types: dedup(self.exploitation_types),
            control_methods: dedup(self.control_methods),
            opened_on,
            events,
        })
    }
}

/// A change to a case (PATCH /api/v1/cases/{id}): absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CasePatch {
    #[serde(default)]
    pub title: Option<String>,
    /// An empty string clears the summary.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    #[serde(default)]
    pub tactics: Option<Vec<Tactic>>,
    #[serde(default)]
    pub exploitation_types: Option<Vec<ExploitationType>>,
    #[serde(default)]
    pub control_methods: Option<Vec<ControlMethod>>,
}

/// A validated case change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseChange {
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub status: Option<CaseStatus>,
    pub tactics: Option<Vec<Tactic>>,
    pub exploitation_types: Option<Vec<ExploitationType>>,
    pub control_methods: Option<Vec<ControlMethod>>,
}

impl CasePatch {
    pub fn validate(self) -> Validated<CaseChange> {
        Ok(CaseChange {
            title: self.title.map(|t| required_text("title", &t, TITLE_MAX)).transpose()?,
            summary: self.summary.map(|s| optional_text("summary", Some(&s), TEXT_MAX)).transpose()?,
            status: self.status,
            tactics: self.tactics.map(dedup),
            exploitation_types: self.exploitation_types.map(dedup),
            control_methods: self.control_methods.map(dedup),
        })
    }
}

/// A trafficking event: recruitment, transit or exploitation, with place and date.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub stage: EventStage,
    #[serde(default)]
    pub occurred_on: Option<NaiveDate>,
    #[serde(default)]
    pub place: Option<String>,
    /// ISO 3166-1 alpha-3 country code, e.g. THA, LAO, MMR.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    #[serde(default)]
    pub recruitment_method: Option<RecruitmentMethod>,
    /// Apps used to recruit or control (Facebook, LINE, WhatsApp, Telegram, ...).
    #[serde(default)]
    pub apps: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub stage: EventStage,
    pub occurred_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub recruitment_method: Option<RecruitmentMethod>,
    pub apps: Vec<String>,
    pub notes: Option<String>,
}

impl EventInput {
    pub fn validate(self, at: &str, today: NaiveDate) -> Validated<NewEvent> {
        let f = |name: &str| {
            if at.is_empty() {
                name.to_string()
            } else {
                format!("{at}.{name}")
            }
        };
        if let Some(d) = self.occurred_on {
            not_in_future(&f("occurred_on"), d, today)?;
        }
        let country = self.country.map(|c| country_code(&f("country"), &c)).transpose()?;
        if let Some(lat) = self.latitude {
            if !(-90.0..=90.0).contains(&lat) {
                return Err(ValidationError::new(f("latitude"), "out_of_range", "must be between -90 and 90"));
            }
        }
        if let Some(lon) = self.longitude {
            if !(-180.0..=180.0).contains(&lon) {
                return Err(ValidationError::new(f("longitude"), "out_of_range", "must be between -180 and 180"));
            }
        }
        if self.recruitment_method.is_some() && self.stage != EventStage::Recruitment {
            return Err(ValidationError::new(
                f("recruitment_method"),
                "not_applicable",
                "only a recruitment event has a recruitment method",
            ));
        }
        let mut apps = Vec::new();
        for (i, a) in self.apps.iter().enumerate() {
            let app = required_text(&format!("{}[{i}]", f("apps")), a, 60)?;
            if !apps.contains(&app) {
                apps.push(app);
            }
        }
        Ok(NewEvent {
            stage: self.stage,
            occurred_on: self.occurred_on,
            place: optional_text(&f("place"), self.place.as_deref(), 300)?,
            country,
            latitude: self.latitude,
            longitude: self.longitude,
            recruitment_method: self.recruitment_method,
            apps,
            notes: optional_text(&f("notes"), self.notes.as_deref(), TEXT_MAX)?,
        })
    }
}

/// Checks an ISO 3166-1 alpha-3 code's shape (three letters) and upper-cases it.
pub fn country_code(field: &str, code: &str) -> Validated<String> {
    let c = code.trim().to_ascii_uppercase();
    if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
        return Err(ValidationError::new(
            field,
            "invalid_country",
            "must be an ISO 3166-1 alpha-3 code such as THA, LAO or MMR",
        ));
    }
    Ok(c)
}

fn dedup<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// A case as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Case {
    pub id: Uuid,
    /// Human reference, unique in the installation, e.g. CN-2026-00042.
    pub reference: String,
    pub org_id: Uuid,
    pub title: String,
    pub summary: Option<String>,
    pub status: CaseStatus,
    pub tactics: Vec<Tactic>,
    pub exploitation_types: Vec<ExploitationType>,
    pub control_methods: Vec<ControlMethod>,
    pub opened_on: NaiveDate,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A case with what sits under it, for GET /api/v1/cases/{id}.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: Case,
    pub team: Vec<TeamMember>,
    pub events: Vec<TraffickingEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TeamMember {
    pub user_id: Uuid,
    pub username: String,
    pub role: crate::Role,
    pub added_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct TraffickingEvent {
    pub id: Uuid,
    pub case_id: Uuid,
    pub stage: EventStage,
    pub occurred_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub recruitment_method: Option<RecruitmentMethod>,
    pub apps: Vec<String>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Filters for listing cases (GET /api/v1/cases).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CaseFilter {
    pub status: Option<CaseStatus>,
    pub tactic: Option<Tactic>,
    pub exploitation_type: Option<ExploitationType>,
    /// Only cases with this user on the team.
    pub member: Option<Uuid>,
    /// Words to find in the title or reference.
    pub q: Option<String>,
    pub opened_from: Option<NaiveDate>,
    pub opened_to: Option<NaiveDate>,
    /// 1-based page number.
    pub page: Option<u32>,
    /// Page size, 1 to 200 (default 50).
    pub per_page: Option<u32>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// A note on a case.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Note {
    pub id: Uuid,
    pub case_id: Uuid,
    pub body: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A task on a case, with an optional due date and assignee.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    pub title: String,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
}

/// A change to a task: mark it done or not done, move its due date, reassign it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPatch {
    #[serde(default)]
    pub done: Option<bool>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Task {
    pub id: Uuid,
    pub case_id: Uuid,
    pub title: String,
    pub due_on: Option<NaiveDate>,
    pub assignee_id: Option<Uuid>,
    pub done_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// Request body for POST /api/v1/cases/{id}/team.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamInput {
    pub user_id: Uuid,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_event_in_the_future_is_refused_with_its_path() {
        let input: CaseInput = serde_json::from_value(serde_json::json!({
            "title": "Fishing boat",
            "events": [{"stage": "recruitment"}, {"stage": "exploitation", "occurred_on": "2030-01-01"}]
        }))
        .unwrap();
        let e = input.validate(d("2026-01-01")).unwrap_err();
        assert_eq!(e.field, "events[1].occurred_on");
        assert_eq!(e.code, "in_future");
    }

    #[test]
    fn defaults_and_dedup() {
        let input: CaseInput = serde_json::from_value(serde_json::json!({
            "title": " Begging ring ", "tactics": ["victim_identification", "victim_identification"]
        }))
        .unwrap();
        let c = input.validate(d("2026-01-01")).unwrap();
        assert_eq!(c.title, "Begging ring");
        assert_eq!(c.status, CaseStatus::Active);
        assert_eq!(c.tactics, vec![Tactic::VictimIdentification]);
        assert_eq!(c.opened_on, d("2026-01-01"));
    }

    #[test]
    fn country_codes_are_three_letters() {
        assert_eq!(country_code("c", "lao").unwrap(), "LAO");
        assert!(country_code("c", "TH").is_err());
    }
}
