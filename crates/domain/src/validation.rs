//! Validation errors that name the field at fault.

use serde::Serialize;

/// A value that failed a rule, with the field it belongs to (a JSON path such as `events[2].occurred_on`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: String,
    /// Stable snake_case code, e.g. `required`, `in_future`, `too_long`.
    pub code: &'static str,
    /// Human text. Never contains the submitted value (it may be personal data).
    pub message: String,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        ValidationError { field: field.into(), code, message: message.into() }
    }
}

/// A code that is not part of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} code `{code}`")]
pub struct UnknownCode {
    pub vocabulary: &'static str,
    pub code: String,
}

pub type Validated<T> = Result<T, ValidationError>;

/// Trims a text field; an empty required field is an error.
pub fn required_text(field: &str, value: &str, max_chars: usize) -> Validated<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new(field, "required", "must not be empty"));
    }
    bounded_text(field, v, max_chars)
}

/// Trims an optional text field; blank becomes `None`.
pub fn optional_text(field: &str, value: Option<&str>, max_chars: usize) -> Validated<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => bounded_text(field, v, max_chars).map(Some),
    }
}

fn bounded_text(field: &str, v: &str, max_chars: usize) -> Validated<String> {
    if v.chars().count() > max_chars {
        return Err(ValidationError::new(field, "too_long", format!("must be at most {max_chars} characters")));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ValidationError::new(field, "invalid_characters", "must not contain control characters"));
    }
    Ok(v.to_string())
}

/// A date that cannot lie after `today` (a date of birth, an event that happened).
pub fn not_in_future(field: &str, date: chrono::NaiveDate, today: chrono::NaiveDate) -> Validated<()> {
    if date > today {
        return Err(ValidationError::new(field, "in_future", "must not be a date in the future"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_required_text_names_the_field() {
        let e = required_text("title", "   ", 10).unwrap_err();
        assert_eq!(e.field, "title");
        assert_eq!(e.code, "required");
        assert_eq!(required_text("t", " ab ", 10).unwrap(), "ab");
        assert_eq!(required_text("t", "abcdef", 3).unwrap_err().code, "too_long");
        assert_eq!(optional_text("t", Some("  "), 3).unwrap(), None);
    }
}
