//! Organisations (own and partners) and the users who work in them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::case::country_code;
use crate::validation::{required_text, Validated, ValidationError};
use crate::vocab::OrganisationType;
use crate::Role;

/// Request body for POST /api/v1/organisations.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationInput {
    pub name: String,
    pub org_type: OrganisationType,
    /// ISO 3166-1 alpha-3 (default THA).
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewOrganisation {
    pub name: String,
    pub org_type: OrganisationType,
    pub country: String,
}

impl OrganisationInput {
    pub fn validate(self) -> Validated<NewOrganisation> {
        Ok(NewOrganisation {
            name: required_text("name", &self.name, 200)?,
            org_type: self.org_type,
            country: country_code("country", self.country.as_deref().unwrap_or("THA"))?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Organisation {
    pub id: Uuid,
    pub name: String,
    pub org_type: OrganisationType,
    pub country: String,
    /// The organisation that runs this installation (false for partners).
    pub is_own: bool,
    pub created_at: DateTime<Utc>,
}

/// Request body for POST /api/v1/users.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserInput {
    pub username: String,
    pub role: Role,
    pub password: String,
    #[serde(default)]
    pub display_name: Option<String>,
    /// The user's organisation (default: the installation's own).
    #[serde(default)]
    pub org_id: Option<Uuid>,
}

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 1024;

/// Checks a username: 3 to 64 characters of letters, digits, `.`, `_` and `-`; lower-cased.
pub fn validate_username(username: &str) -> Validated<String> {
    let u = required_text("username", username, 64)?.to_lowercase();
    if u.chars().count() < 3 || !u.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(ValidationError::new(
            "username",
            "invalid_username",
            "must be 3 to 64 characters: letters, digits, '.', '_' or '-'",
        ));
    }
    Ok(u)
}

/// Checks a new password's length (NIST SP 800-63B: length, not composition rules).
pub fn validate_password(password: &str) -> Validated<()> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(ValidationError::new(
            "password",
            "too_short",
            format!("must be at least {PASSWORD_MIN} characters"),
        ));
    }
    if n > PASSWORD_MAX {
        return Err(ValidationError::new("password", "too_long", format!("must be at most {PASSWORD_MAX} characters")));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub org_id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_and_passwords() {
        assert_eq!(validate_username(" Somsri.K ").unwrap(), "somsri.k");
        assert!(validate_username("a b").is_err());
        assert!(validate_password("short").is_err());
        assert!(validate_password("long enough password").is_ok());
    }
}
