//! Links: typed, dated, sourced relationships between two parties.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validation::{not_in_future, optional_text, Validated, ValidationError};
use crate::vocab::{Confidence, LinkKind, LinkSource};

/// Request body for POST /api/v1/links.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    pub from: Uuid,
    pub to: Uuid,
    pub kind: LinkKind,
    #[serde(default)]
    pub starts_on: Option<NaiveDate>,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    /// Where the information came from (default: other).
    #[serde(default)]
    pub source: Option<LinkSource>,
    /// How sure the recorder is (default: medium).
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// The case in which the link was found, if any.
    #[serde(default)]
    pub case_id: Option<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewLink {
    pub from: Uuid,
    pub to: Uuid,
    pub kind: LinkKind,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub source: LinkSource,
    pub confidence: Confidence,
    pub case_id: Option<Uuid>,
    pub notes: Option<String>,
}

impl LinkInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewLink> {
        if self.from == self.to {
            return Err(ValidationError::new("to", "same_party", "a link joins two different parties"));
        }
        if let Some(s) = self.starts_on {
            not_in_future("starts_on", s, today)?;
        }
        if let (Some(s), Some(e)) = (self.starts_on, self.ends_on) {
            if e < s {
                return Err(ValidationError::new("ends_on", "before_start", "must not be before starts_on"));
            }
        }
        Ok(NewLink {
            from: self.from,
            to: self.to,
            kind: self.kind,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            source: self.source.unwrap_or(LinkSource::Other),
            confidence: self.confidence.unwrap_or(Confidence::Medium),
            case_id: self.case_id,
            notes: optional_text("notes", self.notes.as_deref(), 20_000)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Link {
    pub id: Uuid,
    pub from: Uuid,
    pub to: Uuid,
    pub kind: LinkKind,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub source: LinkSource,
    pub confidence: Confidence,
    pub case_id: Option<Uuid>,
    pub notes: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_cannot_end_before_it_starts_or_join_a_party_to_itself() {
        let a = Uuid::now_v7();
        let b = Uuid::now_v7();
        let today: NaiveDate = "2026-01-01".parse().unwrap();
        let mk = |from, to, s: &str, e: &str| LinkInput {
            from,
            to,
            kind: LinkKind::Associate,
            starts_on: Some(s.parse().unwrap()),
            ends_on: Some(e.parse().unwrap()),
            source: None,
            confidence: None,
            case_id: None,
            notes: None,
        };
        assert_eq!(mk(a, b, "2025-01-02", "2025-01-01").validate(today).unwrap_err().field, "ends_on");
        assert_eq!(mk(a, a, "2025-01-01", "2025-01-01").validate(today).unwrap_err().code, "same_party");
        let ok = mk(a, b, "2025-01-01", "2025-02-01").validate(today).unwrap();
        assert_eq!(ok.confidence, Confidence::Medium);
    }
}
