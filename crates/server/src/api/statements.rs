//! Bank statements (issue 7): column mappings saved per source, statements (CSV or XLSX) imported
//! into a case for one of its bank accounts, and the payments they hold.

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::statements::{read_statement, ColumnMapping};
use counternet_domain::ValidationError;
use counternet_store::money::ScanOutcome;
use counternet_store::payments::{self, PaymentView, SavedMapping, StatementImport};

use super::{read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::AppState;

/// The largest statement taken at once.
pub const MAX_STATEMENT_BYTES: usize = 32 * 1024 * 1024;

/// Save (or replace) the organisation's column mapping for a source, e.g. "KBank CSV": which header
/// holds the date (and time), the amount (one signed column, or debit and credit), the description,
/// the other side's account, name and bank, the reference, the balance and the currency.
#[utoipa::path(put, path = "/api/v1/statement-mappings/{name}", tag = "money", params(("name" = String, Path)),
    request_body = ColumnMapping,
    responses((status = 200, body = SavedMapping), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save_mapping(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(name): ApiPath<String>,
    ApiJson(mapping): ApiJson<ColumnMapping>,
) -> ApiResult<Json<SavedMapping>> {
    Ok(Json(write(&state, auth.actor(), move |tx, a| payments::save_mapping(tx, a, &name, &mapping)).await?))
}

/// The organisation's saved column mappings.
#[utoipa::path(get, path = "/api/v1/statement-mappings", tag = "money",
    responses((status = 200, body = Vec<SavedMapping>), (status = 403, body = ErrorBody)))]
pub async fn list_mappings(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<SavedMapping>>> {
    Ok(Json(read(&state, auth.actor(), payments::mappings).await?))
}

/// What an import did, and the scan of the organisation's payments it set off.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportAnswer {
    #[serde(flatten)]
    pub import: StatementImport,
    /// Alerts the new payments gave rise to (nothing scanned when nothing was added).
    pub alerts: ScanOutcome,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// The statement's bank account: a bank-account party the user may see.
    pub account: Uuid,
    /// The saved column mapping to read it with.
    pub mapping: String,
}

/// Import a bank statement (the file as the body: CSV in UTF-8, or XLSX) into a case, for one bank
/// account, read with a saved column mapping. Each transaction becomes a payment; the other side's
/// account, when given, a bank account of the case, joined by a `paid` link dated and totalled
/// from its payments. Importing the same statement again adds nothing. A row that cannot be read
/// refuses the whole file, naming its line and column. The organisation's payments are scanned
/// with the money rules when the import added any; the answer counts the alerts raised.
#[utoipa::path(post, path = "/api/v1/cases/{id}/statements", tag = "money", params(("id" = Uuid, Path), ImportQuery),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportAnswer), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn import_statement(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: axum::body::Body,
) -> ApiResult<Json<ImportAnswer>> {
    let bytes = axum::body::to_bytes(body, MAX_STATEMENT_BYTES).await;
    let (import, alerts) = write(&state, auth.actor(), move |tx, a| {
        // The case first: a user who may not change it learns nothing from the file or mapping.
        counternet_store::cases::editable(tx, a, id)?;
        let statement = match bytes {
            Err(_) => Err(ValidationError::new("file", "too_large", "the file is larger than 32 MiB: split it")),
            Ok(bytes) => {
                let mapping = payments::mapping(tx, a, &q.mapping)?;
                read_statement(&bytes, &mapping)
                    .map_err(|e| ValidationError::new("file", "invalid_statement", e.to_string()))
            }
        };
        crate::money::import_statement(tx, a, id, q.account, statement)
    })
    .await?;
    Ok(Json(ImportAnswer { import, alerts }))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PaymentPage {
    /// At most this many (1 to 1000, default 200).
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The payments imported into a case, oldest first, each as its account saw it.
#[utoipa::path(get, path = "/api/v1/cases/{id}/payments", tag = "money", params(("id" = Uuid, Path), PaymentPage),
    responses((status = 200, body = Vec<PaymentView>), (status = 404, body = ErrorBody)))]
pub async fn list_payments(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(page): ApiQuery<PaymentPage>,
) -> ApiResult<Json<Vec<PaymentView>>> {
    let (limit, offset) = (page.limit.unwrap_or(200), page.offset.unwrap_or(0));
    Ok(Json(read(&state, auth.actor(), move |tx, a| payments::list(tx, a, id, limit, offset)).await?))
}
