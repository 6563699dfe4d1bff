//! One error type for the API: a stable snake_case code and a message for clients, the full cause
//! for the log. Messages never echo submitted values (they may be personal data).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use counternet_domain::ValidationError;
use counternet_store::StoreError;

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable snake_case code, e.g. `not_found`, `validation_failed`, `invalid_json`.
    pub error: String,
    /// Human text; never contains submitted values.
    pub message: String,
    /// The field at fault (a JSON path such as `events[1].occurred_on`), for 400 and 422.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    pub retry_after: Option<u64>,
    /// For an internal error: the id in the log that the user can quote.
    pub error_id: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_string(),
            message: message.into(),
            field: None,
            retry_after: None,
            error_id: None,
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such record")
    }

    pub fn unauthenticated() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthenticated", "sign in first")
    }

    /// An internal failure: logged in full with an id; the client gets only the id to quote.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        let id = uuid::Uuid::now_v7();
        tracing::error!(error_id = %id, error = %cause, "internal error");
        let mut e = ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("something went wrong on the server; quote error id {id} to your administrator"),
        );
        e.error_id = Some(id.to_string());
        e
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        // Most refusals are "validation_failed" with the field; a few are decisions a client acts
        // on and get their own code.
        let code = match e.code {
            "consent_missing" => "consent_missing",
            "account_mismatch" => "account_mismatch",
            _ => "validation_failed",
        };
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, format!("{}: {}", e.field, e.message)).field(e.field)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound | StoreError::Denied { .. } => ApiError::not_found(),
            StoreError::Refused { then, .. } => ApiError::from(*then),
            StoreError::Forbidden(why) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", why),
            StoreError::Validation(v) => v.into(),
            StoreError::Conflict { code, message } => ApiError::new(StatusCode::CONFLICT, code, message),
            StoreError::Throttled => {
                let mut e = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    "too many failed sign-in attempts; wait 15 minutes and try again",
                );
                e.retry_after = Some(900);
                e
            }
            StoreError::InvalidCredentials => {
                ApiError::new(StatusCode::UNAUTHORIZED, "invalid_credentials", "wrong username or password")
            }
            other => ApiError::internal(&other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: self.code, message: self.message, field: self.field };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Removes submitted values from a serde error message: quoted strings and backtick-quoted
/// values (numbers, unknown codes, unknown keys) are withheld; the list of what was expected stays.
/// A submitted value can be anything, a survivor's name typed into the wrong field included.
pub fn sanitize_serde_message(msg: &str) -> String {
    // Quoted strings: "invalid type: string "Somchai", expected …" -> "invalid type: string, expected …"
    let mut unquoted = String::with_capacity(msg.len());
    let mut in_quote = false;
    for c in msg.chars() {
        if c == '"' {
            in_quote = !in_quote;
            if !in_quote && unquoted.ends_with(' ') {
                unquoted.pop();
            }
        } else if !in_quote {
            unquoted.push(c);
        }
    }
    // The first backtick-quoted part before "expected" is the submitted value.
    let (head, tail) = match unquoted.find(", expected") {
        Some(i) => unquoted.split_at(i),
        None => (unquoted.as_str(), ""),
    };
    let mut cleaned = String::with_capacity(head.len());
    let mut in_tick = false;
    for c in head.chars() {
        if c == '`' {
            if !in_tick {
                cleaned.push_str("(value withheld)");
            }
            in_tick = !in_tick;
        } else if !in_tick {
            cleaned.push(c);
        }
    }
    cleaned.push_str(tail);
    cleaned.chars().take(400).collect()
}

/// A JSON path from serde_path_to_error with an unknown key withheld: `unknown_key` tells whether
/// the last segment is a key the client invented (an unknown field), which can be anything.
pub fn sanitize_path(path: &str, unknown_key: bool) -> String {
    if !unknown_key {
        return path.to_string();
    }
    match path.rsplit_once('.') {
        Some((parent, _)) => format!("{parent}.?"),
        None => "?".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_lose_submitted_strings() {
        let m = sanitize_serde_message("invalid type: string \"Somchai\", expected a boolean");
        assert!(!m.contains("Somchai"));
        assert_eq!(m, "invalid type: string, expected a boolean");
        let m = sanitize_serde_message("unknown variant `victm`, expected one of `victim`, `perpetrator`");
        assert_eq!(m, "unknown variant (value withheld), expected one of `victim`, `perpetrator`");
        let m = sanitize_serde_message("invalid type: integer `1103702345678`, expected a string");
        assert_eq!(m, "invalid type: integer (value withheld), expected a string");
        assert_eq!(sanitize_path("events[0].zawlinthiri", true), "events[0].?");
    }
}
