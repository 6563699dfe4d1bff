//! Assets and the AMLO stages (issue 7): register an asset in a case, move it through the stages
//! one at a time, watch the 90-day clock of provisional seizures, and see the totals by stage, by
//! case and by network.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::assets::{AssetInput, StageInput};
use counternet_store::assets::{self, Asset, AssetDetail, SeizureDeadline, Total};

use super::network::{ask, describe as describe_nodes, NetNode};
use super::{read, write};
use crate::auth::Authed;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiPath};
use crate::AppState;

/// Register an asset in a case (at the stage "identified"): its kind, what it is, its owner (a
/// party), its estimated value in minor units (THB by default) and what links it to the offence.
#[utoipa::path(post, path = "/api/v1/cases/{id}/assets", tag = "assets", params(("id" = Uuid, Path)),
    request_body = AssetInput,
    responses((status = 201, body = AssetDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn create_asset(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<AssetInput>,
) -> ApiResult<(StatusCode, Json<AssetDetail>)> {
    let today = super::latest_today(&state);
    let new = input.validate(today);
    let detail = write(&state, auth.actor(), move |tx, a| {
        // The case's scope first: a user who may not see it learns nothing from the body.
        counternet_store::cases::editable(tx, a, id)?;
        assets::create(tx, a, id, new?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(detail)))
}

/// The assets of a case, oldest first.
#[utoipa::path(get, path = "/api/v1/cases/{id}/assets", tag = "assets", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<Asset>), (status = 404, body = ErrorBody)))]
pub async fn list_assets(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<Vec<Asset>>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| assets::list_for_case(tx, a, id)).await?))
}

/// An asset, every stage it reached and where it may go next.
#[utoipa::path(get, path = "/api/v1/assets/{id}", tag = "assets", params(("id" = Uuid, Path)),
    responses((status = 200, body = AssetDetail), (status = 404, body = ErrorBody)))]
pub async fn get_asset(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
) -> ApiResult<Json<AssetDetail>> {
    Ok(Json(read(&state, auth.actor(), move |tx, a| assets::get(tx, a, id)).await?))
}

/// Move an asset to its next stage: one at a time (identified, reported to AMLO, provisionally
/// seized (s.48, 90 days), referred to the prosecutor, petition to the civil court (s.49), claims
/// (s.50), forfeited (s.51)), or returned to its owner from any stage after reporting. The seizure,
/// the petition and the forfeiture need the order's or court case's reference.
#[utoipa::path(post, path = "/api/v1/assets/{id}/stages", tag = "assets", params(("id" = Uuid, Path)),
    request_body = StageInput,
    responses((status = 200, body = AssetDetail), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
pub async fn move_stage(
    State(state): State<AppState>,
    auth: Authed,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(input): ApiJson<StageInput>,
) -> ApiResult<Json<AssetDetail>> {
    let today = super::latest_today(&state);
    Ok(Json(write(&state, auth.actor(), move |tx, a| assets::move_stage(tx, a, id, input, today)).await?))
}

/// Provisional seizures whose 90-day clock runs, in the cases the user may see, soonest to lapse
/// first, with the days left and whether a reminder is due.
#[utoipa::path(get, path = "/api/v1/assets/deadlines", tag = "assets",
    responses((status = 200, body = Vec<SeizureDeadline>)))]
pub async fn deadlines(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<Vec<SeizureDeadline>>> {
    let today = state.store.now().date_naive();
    Ok(Json(read(&state, auth.actor(), move |tx, a| assets::seizure_deadlines(tx, a, today)).await?))
}

/// A total of the assets owned within one connected network.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkTotal {
    /// The network's best-linked record among the owners (null: assets with no owner in a network).
    pub network: Option<NetNode>,
    /// Records in the network.
    pub size: u32,
    pub currency: String,
    pub assets: i64,
    pub estimated_value_minor: i64,
}

/// Assets of one network in one currency: how many, their value, and the best-linked owner (its
/// node in the subgraph and its degree).
type Group = (i64, i64, Option<(u32, u32)>);

/// Totals of estimated values.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssetTotals {
    pub by_stage: Vec<Total>,
    pub by_case: Vec<Total>,
    pub by_network: Vec<NetworkTotal>,
}

/// Totals of the estimated values of the assets in the cases the user may see (per currency): by
/// stage, by case and by connected network of their owners.
#[utoipa::path(get, path = "/api/v1/assets/totals", tag = "assets",
    responses((status = 200, body = AssetTotals), (status = 403, body = ErrorBody)))]
pub async fn totals(State(state): State<AppState>, auth: Authed) -> ApiResult<Json<AssetTotals>> {
    let answer = ask(&state, auth.actor(), move |tx, actor, snapshot, view| {
        let (by_stage, by_case) = assets::totals(tx, actor)?;
        let all = assets::visible_assets(tx, actor)?;
        let sub = snapshot.graph.induced(&view.reach);
        let components = sub.graph.components();
        let mut index: HashMap<u32, u32> = HashMap::new();
        for (i, &o) in sub.original.iter().enumerate() {
            index.insert(o, i as u32);
        }
        // Per (component, currency): count, value, and the best-linked owner as the label.
        let mut groups: HashMap<(Option<u32>, String), Group> = HashMap::new();
        for a in &all {
            let owner = a.owner_party_id.and_then(|o| snapshot.node(o)).and_then(|v| index.get(&v).copied());
            let component = owner.and_then(|i| components.membership.get(i as usize).copied());
            let slot = groups.entry((component, a.currency.clone())).or_default();
            slot.0 += 1;
            slot.1 = slot.1.saturating_add(a.estimated_value_minor);
            if let Some(i) = owner {
                let degree = sub.graph.degree(i);
                if slot.2.is_none_or(|(_, d)| degree > d) {
                    slot.2 = Some((i, degree));
                }
            }
        }
        let mut by_network = Vec::new();
        for ((component, currency), (n, value, best)) in groups {
            let label = match best.and_then(|(i, _)| sub.original.get(i as usize).copied()) {
                Some(v) => describe_nodes(tx, actor, snapshot, view, &[(v, 0)])?.pop(),
                None => None,
            };
            let size = component.and_then(|c| components.sizes.get(c as usize).copied()).unwrap_or(0);
            by_network.push(NetworkTotal { network: label, size, currency, assets: n, estimated_value_minor: value });
        }
        by_network.sort_by(|a, b| b.estimated_value_minor.cmp(&a.estimated_value_minor).then(b.size.cmp(&a.size)));
        Ok(AssetTotals { by_stage, by_case, by_network })
    })
    .await?;
    Ok(Json(answer))
}
