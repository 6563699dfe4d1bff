//! /api/v1/cases/{id}/call-records: call-detail records a police partner provides, imported into a
//! case as dated `called` links between phones.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::calls::parse_calls;
use counternet_domain::ValidationError;
use counternet_store::calls::{self, CallImport, CallView};

use super::{read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiPath, ApiQuery};
use crate::AppState;

/// The largest call-detail file taken at once (about 200,000 calls).
pub const MAX_CALL_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Reads a call-detail file, or says where it is wrong (line and column, never the value).
pub fn read_call_file(body: &[u8]) -> Result<counternet_domain::calls::CallFile, ValidationError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ValidationError::new("file", "not_utf8", "the file is not UTF-8 text (save it as CSV UTF-8)"))?;
    parse_calls(text).map_err(|e| ValidationError::new("file", "invalid_call_record", e.to_string()))
}

/// The JSON form of an import: the CSV's text.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CallFileJson {
    pub csv: String,
}

/// Import call-detail records into a case: a CSV (UTF-8; or JSON `{"csv": text}`) with a header naming the caller, the
/// callee, the start (or a date and a time) and the duration, in any order (see
/// docs/decisions/0014). Each number becomes a phone party of the case; each caller and callee, one
/// `called` link dated from the first call to the last. Importing the same calls again adds
/// nothing. A row that cannot be read refuses the whole file, naming its line and column.
#[utoipa::path(post, path = "/api/v1/cases/{id}/call-records", tag = "cases", params(("id" = Uuid, Path)),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = CallImport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn import_calls(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    headers: axum::http::HeaderMap,
    body: axum::body::Body,
) -> ApiResult<Json<CallImport>> {
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    // Read now, refused (if it must be) only after the case's scope is checked: a user who may not
    // change the case learns nothing from how the file was wrong.
    let file = match axum::body::to_bytes(body, MAX_CALL_FILE_BYTES).await {
        Err(_) => Err(ValidationError::new("file", "too_large", "the file is larger than 16 MiB: split it")),
        Ok(bytes) if json => serde_json::from_slice::<CallFileJson>(&bytes)
            .map_err(|_| ValidationError::new("csv", "invalid", "expected {\"csv\": the file's text}"))
            .and_then(|j| read_call_file(j.csv.as_bytes())),
        Ok(bytes) => read_call_file(&bytes),
    };
    Ok(Json(write(&state, auth.actor(), move |tx, a| calls::import(tx, a, id, file)).await?))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CallPage {
    /// At most this many (1 to 1000, default 200).
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The calls imported into a case, oldest first; phones masked as everywhere.
#[utoipa::path(get, path = "/api/v1/cases/{id}/call-records", tag = "cases", params(("id" = Uuid, Path), CallPage),
    responses((status = 200, body = Vec<CallView>), (status = 404, body = ErrorBody)))]
pub async fn list_calls(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(page): ApiQuery<CallPage>,
) -> ApiResult<Json<Vec<CallView>>> {
    let (limit, offset) = (page.limit.unwrap_or(200), page.offset.unwrap_or(0));
    Ok(Json(read(&state, auth.actor(), move |tx, a| calls::list(tx, a, id, limit, offset)).await?))
}
