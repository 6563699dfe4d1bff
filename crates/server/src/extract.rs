//! Request extractors with errors that name the field at fault and never echo values.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{sanitize_path, sanitize_serde_message, ApiError};

/// A JSON body. Malformed JSON is 400 `invalid_json` with line and column; a wrong type, a missing
/// field, an unknown field or an unknown vocabulary code is 422 `validation_failed` naming the field.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
                v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_body", "the request body could not be read")
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(e) => {
            let raw_path = e.path().to_string();
            let inner = e.into_inner();
            let path = sanitize_path(&raw_path, inner.to_string().starts_with("unknown field"));
            // "." is the document itself.
            let path = if path == "?" { ".".to_string() } else { path };
            use serde_json::error::Category;
            match inner.classify() {
                Category::Syntax | Category::Eof | Category::Io => Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_json",
                    format!("the body is not valid JSON (line {}, column {})", inner.line(), inner.column()),
                )),
                Category::Data => {
                    let raw = strip_position(&inner.to_string());
                    let mut err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed", "");
                    // A missing field is reported at its parent; name the field itself (its name
                    // comes from our own types, not from the client).
                    let (field, msg) = match missing_field(&raw) {
                        Some(f) if path == "." => (f, "is required".to_string()),
                        Some(f) => (format!("{path}.{f}"), "is required".to_string()),
                        None => (path, sanitize_serde_message(&raw)),
                    };
                    err.message = if field == "." { msg } else { format!("{field}: {msg}") };
                    if field != "." {
                        err = err.field(field);
                    }
                    Err(err)
                }
            }
        }
    }
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(msg).to_string(),
        None => msg.to_string(),
    }
}

fn missing_field(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_string())
}

/// Query parameters, with the same error rules as [`ApiJson`].
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded::Deserializer::new(url_pairs(query));
        serde_path_to_error::deserialize::<_, T>(de).map(ApiQuery).map_err(|e| {
            let raw_path = e.path().to_string();
            let raw = e.into_inner().to_string();
            let path = sanitize_path(&raw_path, raw.starts_with("unknown field"));
            let msg = sanitize_serde_message(&raw);
            let mut err = ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", format!("{path}: {msg}"));
            if path != "." {
                err = err.field(path);
            }
            err
        })
    }
}

fn url_pairs(query: &str) -> form_urlencoded::Parse<'_> {
    form_urlencoded::parse(query.as_bytes())
}

/// Path parameters. A malformed id answers 404, like any id that names nothing.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|_| ApiError::not_found())
    }
}
