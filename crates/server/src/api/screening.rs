//! /api/v1/screening: the legal test for trafficking applied to a worker's answers (decision 0005).

use axum::http::StatusCode;
use axum::Json;

use counternet_domain::screening::{self, Screening, ScreeningError, ScreeningInput};

use crate::auth::Authed;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiJson;

/// Screen answers against the legal test for trafficking (Palermo Protocol art. 3; Anti-Trafficking
/// in Persons Act B.E. 2551, ss. 4 and 6): advice with its reasons, never a verdict.
///
/// Indicated when an act and an exploitative purpose are present and the person was under 18 at the
/// time or at least one means was used. An unknown age is treated as adult and asked for. Consent
/// is not an input: it is irrelevant once a means is used, and for a child (a `consent` field is
/// accepted, never used, and noted). ILO indicators of forced labour are reported and never count as
/// means. Any signed-in role may screen. Nothing is stored, so nothing is audited: the answers
/// carry no identity and the advice goes back to the caller only; a screening recorded on a case
/// will be a write of its own, audited like any other.
///
/// Every input error answers 400: malformed JSON (with line and column), an unknown field, a value
/// of the wrong type, an age out of 0 to 130, or an unknown code (named, with where it was).
#[utoipa::path(post, path = "/api/v1/screening", tag = "screening", request_body = ScreeningInput,
    responses(
        (status = 200, description = "The advice and its reasons", body = Screening),
        (status = 400, description = "Not valid JSON, or an unknown field or code, or a value not valid; `field` names it", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 415, description = "The body is not application/json", body = ErrorBody),
    ))]
pub async fn screen(auth: Authed, ApiJson(body): ApiJson<serde_json::Value>) -> ApiResult<Json<Screening>> {
    // Any signed-in role may screen: authentication is all it takes.
    let _ = auth;
    let input = ScreeningInput::from_value(&body).map_err(bad_request)?;
    Ok(Json(screening::screen(&input).map_err(bad_request)?))
}

/// A screening input error as 400. An unknown field's name is withheld, as elsewhere in the API (a
/// client's key can be anything); an unknown code is named, clipped, so that it can be found.
fn bad_request(e: ScreeningError) -> ApiError {
    match &e {
        ScreeningError::UnknownField { .. } => ApiError::new(
            StatusCode::BAD_REQUEST,
            e.code(),
            "unknown field (name withheld); the fields are age_at_exploitation, acts, means, purposes and indicators",
        )
        .field("?"),
        _ => {
            let err = ApiError::new(StatusCode::BAD_REQUEST, e.code(), e.to_string());
            match e.field() {
                Some(f) if f != "." => err.field(f),
                _ => err,
            }
        }
    }
}
