//! Entity resolution decisions: merging person records into one person (never rewriting them),
//! undoing a merge, marking two records as different people, a person's records, and the
//! auto-merge threshold (administrators).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::party::Party;
use counternet_domain::{Actor, Role, ValidationError};
use counternet_store::merges::{self, Merge, PersonRecords};
use counternet_store::parties::{self, to_party, Disclosure};
use counternet_store::{StoreError, StoreResult, Tx};

use super::{forbidden, read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::matching::{Matcher, Why};
use crate::AppState;

/// One field's part in a match, as the review queue showed it.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhyInput {
    /// The field compared: `name`, `date_of_birth`, `phone`... (lower case, digits and `_`).
    pub field: String,
    /// How it compared: `exact`, `close`, `different`... (lower case, digits and `_`).
    pub level: String,
    /// Its weight (log2 of the likelihood ratio; negative against).
    pub weight: f64,
}

/// Two person records, and optionally the match that suggested them.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PairInput {
    pub party_a: Uuid,
    pub party_b: Uuid,
    /// The match probability shown when deciding (none when deciding by hand).
    pub probability: Option<f64>,
    /// The fields that agreed or disagreed, as shown when deciding.
    #[serde(default)]
    pub why: Vec<WhyInput>,
}

/// A field or level code: a short lower-case word, so that no value (a name) slips into the
/// explanation, which is kept for as long as the decision.
fn code_ok(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl PairInput {
    /// The explanation as stored: the fields, levels and weights.
    pub fn explanation(&self) -> Result<serde_json::Value, ValidationError> {
        if self.why.len() > 20 {
            return Err(ValidationError::new("why", "too_many", "at most 20 fields"));
        }
        for (i, w) in self.why.iter().enumerate() {
            if !code_ok(&w.field) {
                return Err(ValidationError::new(format!("why[{i}].field"), "invalid", "must be a field code"));
            }
            if !code_ok(&w.level) {
                return Err(ValidationError::new(format!("why[{i}].level"), "invalid", "must be a level code"));
            }
            if !w.weight.is_finite() || w.weight.abs() > 1000.0 {
                return Err(ValidationError::new(format!("why[{i}].weight"), "out_of_range", "must be a number"));
            }
        }
        Ok(serde_json::to_value(&self.why).unwrap_or(serde_json::Value::Null))
    }
}

/// Merge two person records into one person. The records, their case roles and their links stay
/// exactly as recorded; the person is every record joined by merges not undone. Both records must
/// be persons you may see, and not one person already.
#[utoipa::path(post, path = "/api/v1/parties/merges", tag = "parties", request_body = PairInput,
    responses((status = 201, body = Merge),
        (status = 403, description = "Your role may not merge records", body = ErrorBody),
        (status = 404, description = "A record you may not see, or none", body = ErrorBody),
        (status = 409, description = "`already_same_person`, or `marked_distinct`", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn merge(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<PairInput>,
) -> ApiResult<(StatusCode, Json<Merge>)> {
    decide(&state, &auth, input, |tx, a, input, explanation| {
        merges::merge(tx, a, input.party_a, input.party_b, input.probability, explanation, false)
    })
    .await
}

/// A decision about a pair (merge, or not the same person): the role check, the explanation's
/// check, then `record` in a write transaction.
async fn decide(
    state: &AppState,
    auth: &Authed,
    input: PairInput,
    record: fn(&mut Tx<'_>, &Actor, PairInput, serde_json::Value) -> StoreResult<Merge>,
) -> ApiResult<(StatusCode, Json<Merge>)> {
    if !auth.actor().role.may_edit_cases() {
        return Err(forbidden(state, auth, "your role may not merge or separate records").await);
    }
    let explanation = input.explanation()?;
    let m = write(state, auth.actor(), move |tx, a| record(tx, a, input, explanation)).await?;
    Ok((StatusCode::CREATED, Json(m)))
}

/// Mark two person records as different people: the pair leaves the review queue.
#[utoipa::path(post, path = "/api/v1/parties/distinct", tag = "parties", request_body = PairInput,
    responses((status = 201, body = Merge), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`same_person` (unmerge first), or `already_decided`", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn mark_distinct(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<PairInput>,
) -> ApiResult<(StatusCode, Json<Merge>)> {
    decide(&state, &auth, input, |tx, a, input, explanation| {
        merges::mark_distinct(tx, a, input.party_a, input.party_b, input.probability, explanation)
    })
    .await
}

/// Undo a decision: a merge splits its person back into exactly the two it joined; a "not the
/// same person" decision puts the pair back in the review queue. The decision stays on record.
#[utoipa::path(post, path = "/api/v1/parties/merges/{id}/undo", tag = "parties", params(("id" = Uuid, Path)),
    responses((status = 200, body = Merge), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`already_undone`", body = ErrorBody)))]
pub async fn undo(State(state): State<AppState>, auth: Authed, ApiPath(id): ApiPath<Uuid>) -> ApiResult<Json<Merge>> {
    if !auth.actor().role.may_edit_cases() {
        return Err(forbidden(&state, &auth, "your role may not merge or separate records").await);
    }
    Ok(Json(write(&state, auth.actor(), move |tx, a| merges::unmerge(tx, a, id)).await?))
}

/// The records of the person this party belongs to that you may see (survivors masked), each
/// with the organisation and user that recorded it and its roles in the cases you may see; and
/// the decisions about them.
#[utoipa::path(get, path = "/api/v1/parties/{id}/records", tag = "parties", params(("id" = Uuid, Path)),
    responses((status = 200, body = PersonRecords), (status = 404, body = ErrorBody)))]
pub async fn records(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<PersonRecords>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| merges::person_records(tx, a, id)).await?))
}

/// How person records are matched.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchingSettings {
    /// A new person record is merged automatically with its best match at or above this
    /// probability (0.5 to 1); `null`, the default, is never.
    pub auto_merge_threshold: Option<f64>,
}

/// The matching settings.
#[utoipa::path(get, path = "/api/v1/admin/settings/matching", tag = "admin",
    responses((status = 200, body = MatchingSettings)))]
pub async fn get_matching(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<MatchingSettings>> {
    let threshold = read(&state, auth.actor(), |tx, _| merges::auto_merge_threshold(tx)).await?;
    Ok(Json(MatchingSettings { auto_merge_threshold: threshold }))
}

/// Set the matching settings (administrators). Audited with the old and new values.
#[utoipa::path(put, path = "/api/v1/admin/settings/matching", tag = "admin", request_body = MatchingSettings,
    responses((status = 200, body = MatchingSettings), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_matching(
    State(state): State<AppState>,
    auth: Authed,
    ApiJson(input): ApiJson<MatchingSettings>,
) -> ApiResult<Json<MatchingSettings>> {
    if auth.actor().role != Role::Administrator {
        return Err(forbidden(&state, &auth, "only an administrator changes matching settings").await);
    }
    let threshold =
        write(&state, auth.actor(), move |tx, a| merges::set_auto_merge_threshold(tx, a, input.auto_merge_threshold))
            .await?;
    Ok(Json(MatchingSettings { auto_merge_threshold: threshold }))
}

/// The review queue's filter.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct QueueParams {
    /// Only pairs at or above this match probability (0 to 1, default 0.8).
    pub min: Option<f64>,
    /// At most this many pairs (1 to 200, default 50).
    pub limit: Option<u32>,
}

/// A suggested duplicate: two person records that may be one person, with why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Duplicate {
    /// Masked as everywhere; when either record is a survivor's, both are masked (a name beside
    /// her initials would tell who she is).
    pub a: Party,
    pub b: Party,
    pub probability: f64,
    /// Each compared field's level and weight, strongest first.
    pub why: Vec<Why>,
}

/// The suggestions of `matcher` for `actor` with both records, masked.
pub fn review_queue(
    tx: &mut Tx<'_>,
    actor: &Actor,
    matcher: &Matcher,
    min: f64,
    limit: usize,
) -> StoreResult<Vec<Duplicate>> {
    let today = tx.now.date_naive();
    let mut out = Vec::new();
    for s in matcher.suggestions(tx, actor, min, limit)? {
        let (a, b) = match (parties::visible(tx, actor, s.a), parties::visible(tx, actor, s.b)) {
            (Ok(a), Ok(b)) => (a, b),
            // Changed since the index last looked: leave the pair out (no refusal to record).
            (Err(StoreError::Denied { .. } | StoreError::NotFound), _)
            | (_, Err(StoreError::Denied { .. } | StoreError::NotFound)) => continue,
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        let survivor = a.survivor || b.survivor;
        out.push(Duplicate {
            a: to_party(counternet_store::rows::PartyRow { survivor, ..a }, Disclosure::Masked, today)?,
            b: to_party(counternet_store::rows::PartyRow { survivor, ..b }, Disclosure::Masked, today)?,
            probability: s.probability,
            why: s.why,
        });
    }
    Ok(out)
}

/// The review queue: suggested duplicate person records among those you may see, most likely
/// first, pairs already decided (merged, or marked as different people) left out.
#[utoipa::path(get, path = "/api/v1/parties/duplicates", tag = "parties", params(QueueParams),
    responses((status = 200, body = Vec<Duplicate>), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn duplicates(
    State(state): State<AppState>,
    auth: Authed,
    ApiQuery(params): ApiQuery<QueueParams>,
) -> ApiResult<Json<Vec<Duplicate>>> {
    let min = params.min.unwrap_or(0.8);
    if !(min.is_finite() && (0.0..=1.0).contains(&min)) {
        return Err(ValidationError::new("min", "out_of_range", "min must be from 0 to 1").into());
    }
    let limit = params.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ValidationError::new("limit", "out_of_range", "limit must be from 1 to 200").into());
    }
    let matcher = state.matcher.clone();
    Ok(Json(read(&state, auth.actor(), move |tx, a| review_queue(tx, a, &matcher, min, limit as usize)).await?))
}

/// After a person record is created, in the same transaction: merges it with its best match at or
/// above the administrator's auto-merge threshold, if one is set (never by default).
pub fn auto_merge(tx: &mut Tx<'_>, actor: &Actor, matcher: &Matcher, party: &Party) -> StoreResult<Option<Merge>> {
    if party.kind != counternet_domain::vocab::PartyKind::Person {
        return Ok(None);
    }
    merges::auto_merge(tx, actor, party.id, |tx| {
        Ok(matcher
            .matches_of(tx, actor, party.id, 5)?
            .into_iter()
            .map(|s| merges::Candidate {
                party: if s.a == party.id { s.b } else { s.a },
                probability: s.probability,
                explanation: serde_json::to_value(&s.why).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    })
}
