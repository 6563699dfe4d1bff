//! /api/v1/audit: the audit trail, for auditors.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use counternet_domain::Role;
use counternet_store::audit::{self, AuditEntry, AuditFilter};

use super::{forbidden, write};
use crate::auth::Authed;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::ApiQuery;
use crate::{blocking, AppState};

/// Audit entries in sequence order (auditors only; the read is itself recorded).
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditFilter),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = ErrorBody)))]
pub async fn list_audit(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(filter): ApiQuery<AuditFilter>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| audit::list(tx, a, &filter)).await?))
}

#[derive(Serialize, ToSchema)]
pub struct VerifyReport {
    pub ok: bool,
    pub entries: i64,
    pub head_seq: i64,
    pub head_hash: Option<String>,
    /// The first bad entry, when not ok.
    pub first_bad_seq: Option<i64>,
    pub problem: Option<String>,
}

/// Recompute the chain and check every checkpoint signature (auditors only).
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = VerifyReport), (status = 403, body = ErrorBody)))]
pub async fn verify_audit(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<VerifyReport>> {
    if auth.actor().role != Role::Auditor {
        return Err(forbidden(&state, &auth, "only auditors verify the audit trail").await);
    }
    let result = blocking(&state, |store| store.verify_audit().map_err(ApiError::from)).await?;
    Ok(Json(match result {
        Ok(v) => VerifyReport {
            ok: true,
            entries: v.entries,
            head_seq: v.head_seq,
            head_hash: Some(v.head_hash),
            first_bad_seq: None,
            problem: None,
        },
        Err(b) => VerifyReport {
            ok: false,
            entries: 0,
            head_seq: 0,
            head_hash: None,
            first_bad_seq: Some(b.seq),
            problem: Some(b.problem),
        },
    }))
}
