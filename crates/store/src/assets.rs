//! Assets and their way through the AMLO stages (issue 7; docs/decisions/0017). An asset belongs
//! to a case and is seen and changed with it; every stage reached is kept, in order, with the
//! officials' reference; the 90-day clock of a provisional seizure is read from `seized_on`.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::assets::{
    seizure_clock, seizure_lapses_on, AssetKind, AssetStage, NewAsset, SeizureClock, StageInput,
};
use counternet_domain::Actor;

use crate::audit::AuditEvent;
use crate::cases;
use crate::clock::{fmt_date, fmt_time, parse_date, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{AssetRow, AssetStageRow};
use crate::schema::{asset_stages, assets};
use crate::scope::Scope;
use crate::{new_id, parse_uuid, parties, Tx};

/// An asset, as the API and the pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Asset {
    pub id: Uuid,
    pub case_id: Uuid,
    pub kind: AssetKind,
    pub description: String,
    pub owner_party_id: Option<Uuid>,
    /// The owner's name as the reader may see it (a survivor's masked, as everywhere).
    pub owner: Option<String>,
    pub estimated_value_minor: i64,
    pub currency: String,
    pub evidence: Option<String>,
    pub stage: AssetStage,
    /// The day the current stage was reached.
    pub stage_on: NaiveDate,
    /// The day of the provisional seizure, once seized.
    pub seized_on: Option<NaiveDate>,
    /// While the 90-day clock runs: the day the seizure lapses.
    pub seizure_lapses_on: Option<NaiveDate>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A stage an asset reached.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct StageRecord {
    pub stage: AssetStage,
    pub on_date: NaiveDate,
    pub reference: Option<String>,
    pub official: Option<String>,
    pub notes: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// An asset with every stage it reached, oldest first, and where it may go next.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct AssetDetail {
    pub asset: Asset,
    pub stages: Vec<StageRecord>,
    pub next: Vec<AssetStage>,
}

fn to_asset(row: AssetRow, owner: Option<String>) -> StoreResult<Asset> {
    let stage = AssetStage::from_code(&row.stage).ok_or_else(|| StoreError::corrupt("unknown asset stage"))?;
    let seized_on = parse_opt_date(row.seized_on.as_deref())?;
    Ok(Asset {
        id: parse_uuid(&row.id)?,
        case_id: parse_uuid(&row.case_id)?,
        kind: AssetKind::from_code(&row.kind).ok_or_else(|| StoreError::corrupt("unknown asset kind"))?,
        description: row.description,
        owner_party_id: row.owner_party_id.as_deref().map(parse_uuid).transpose()?,
        owner,
        estimated_value_minor: row.estimated_value_minor,
        currency: row.currency,
        evidence: row.evidence,
        stage,
        stage_on: parse_date(&row.stage_on)?,
        seized_on,
        seizure_lapses_on: seized_on.filter(|_| stage.seizure_clock_runs()).map(seizure_lapses_on),
        created_by: parse_uuid(&row.created_by)?,
        created_at: parse_time(&row.created_at)?,
    })
}

/// Assets with their owners' names as `actor` may see them.
fn with_owners(tx: &mut Tx<'_>, actor: &Actor, rows: Vec<AssetRow>) -> StoreResult<Vec<Asset>> {
    let ids: Vec<Uuid> =
        rows.iter().filter_map(|r| r.owner_party_id.as_deref()).filter_map(|s| s.parse().ok()).collect();
    let names: std::collections::HashMap<Uuid, String> =
        parties::visible_among(tx, actor, &ids)?.into_iter().map(|p| (p.id, p.name)).collect();
    rows.into_iter()
        .map(|r| {
            let owner =
                r.owner_party_id.as_deref().and_then(|s| s.parse::<Uuid>().ok()).and_then(|u| names.get(&u).cloned());
            to_asset(r, owner)
        })
        .collect()
}

/// Registers an asset in a case, at the stage "identified".
pub fn create(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, new: NewAsset) -> StoreResult<AssetDetail> {
    let case = cases::editable(tx, actor, case_id)?;
    if let Some(owner) = new.owner_party_id {
        // An owner the actor cannot see is "no such party", like one that does not exist.
        parties::visible(tx, actor, owner).map_err(|e| match e {
            StoreError::NotFound | StoreError::Denied { .. } => {
                counternet_domain::ValidationError::new("owner_party_id", "unknown_party", "no such party").into()
            }
            other => other,
        })?;
    }
    let now = fmt_time(tx.now);
    let row = AssetRow {
        id: new_id().to_string(),
        org_id: case.org_id.clone(),
        case_id: case_id.to_string(),
        owner_party_id: new.owner_party_id.map(|u| u.to_string()),
        kind: new.kind.code().into(),
        description: new.description,
        estimated_value_minor: new.estimated_value_minor,
        currency: new.currency,
        evidence: new.evidence,
        stage: AssetStage::Identified.code().into(),
        stage_on: fmt_date(new.identified_on),
        seized_on: None,
        created_by: actor.user_id.to_string(),
        created_at: now.clone(),
        updated_at: now.clone(),
    };
    diesel::insert_into(assets::table).values(&row).execute(tx.conn)?;
    let stage = AssetStageRow {
        id: new_id().to_string(),
        asset_id: row.id.clone(),
        case_id: row.case_id.clone(),
        stage: row.stage.clone(),
        on_date: row.stage_on.clone(),
        reference: None,
        official: None,
        notes: None,
        recorded_by: actor.user_id.to_string(),
        recorded_at: now,
    };
    diesel::insert_into(asset_stages::table).values(&stage).execute(tx.conn)?;
    tx.audit(AuditEvent::new("asset.create", "asset", &row.id).in_case(case_id).detail(serde_json::json!({
        "kind": row.kind, "estimated_value_minor": row.estimated_value_minor, "currency": row.currency,
        "owner_party_id": row.owner_party_id,
    })));
    get(tx, actor, parse_uuid(&row.id)?)
}

/// The assets of a case, oldest first.
pub fn list_for_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<Asset>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<AssetRow> = assets::table
        .filter(assets::case_id.eq(case_id.to_string()))
        .order((assets::created_at.asc(), assets::id.asc()))
        .select(AssetRow::as_select())
        .load(tx.conn)?;
    with_owners(tx, actor, rows)
}

fn visible_row(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<AssetRow> {
    let row: Option<AssetRow> =
        assets::table.find(id.to_string()).select(AssetRow::as_select()).first(tx.conn).optional()?;
    let row = row.ok_or(StoreError::NotFound)?;
    cases::visible(tx, actor, parse_uuid(&row.case_id)?)?;
    Ok(row)
}

/// An asset with its stages.
pub fn get(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<AssetDetail> {
    let row = visible_row(tx, actor, id)?;
    let stages: Vec<AssetStageRow> = asset_stages::table
        .filter(asset_stages::asset_id.eq(&row.id))
        .order((asset_stages::on_date.asc(), asset_stages::recorded_at.asc(), asset_stages::id.asc()))
        .select(AssetStageRow::as_select())
        .load(tx.conn)?;
    let asset = with_owners(tx, actor, vec![row])?.pop().ok_or(StoreError::NotFound)?;
    let stages = stages
        .into_iter()
        .map(|s| {
            Ok(StageRecord {
                stage: AssetStage::from_code(&s.stage).ok_or_else(|| StoreError::corrupt("unknown asset stage"))?,
                on_date: parse_date(&s.on_date)?,
                reference: s.reference,
                official: s.official,
                notes: s.notes,
                recorded_by: parse_uuid(&s.recorded_by)?,
                recorded_at: parse_time(&s.recorded_at)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(AssetDetail { next: asset.stage.next(), asset, stages })
}

/// Moves an asset to its next stage (checked against the procedure), with the day and the
/// officials' reference.
pub fn move_stage(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: Uuid,
    input: StageInput,
    today: NaiveDate,
) -> StoreResult<AssetDetail> {
    let row = visible_row(tx, actor, id)?;
    let case_id = parse_uuid(&row.case_id)?;
    cases::editable(tx, actor, case_id)?;
    let current = AssetStage::from_code(&row.stage).ok_or_else(|| StoreError::corrupt("unknown asset stage"))?;
    let new = input.validate(current, parse_date(&row.stage_on)?, today)?;
    let now = fmt_time(tx.now);
    let seized_on =
        if new.stage == AssetStage::ProvisionallySeized { Some(fmt_date(new.on_date)) } else { row.seized_on.clone() };
    diesel::update(assets::table.find(&row.id))
        .set((
            assets::stage.eq(new.stage.code()),
            assets::stage_on.eq(fmt_date(new.on_date)),
            assets::seized_on.eq(&seized_on),
            assets::updated_at.eq(&now),
        ))
        .execute(tx.conn)?;
    let stage = AssetStageRow {
        id: new_id().to_string(),
        asset_id: row.id.clone(),
        case_id: row.case_id.clone(),
        stage: new.stage.code().into(),
        on_date: fmt_date(new.on_date),
        reference: new.reference,
        official: new.official,
        notes: new.notes,
        recorded_by: actor.user_id.to_string(),
        recorded_at: now,
    };
    diesel::insert_into(asset_stages::table).values(&stage).execute(tx.conn)?;
    tx.audit(AuditEvent::new("asset.stage", "asset", &row.id).in_case(case_id).detail(serde_json::json!({
        "from": current.code(), "to": stage.stage, "on_date": stage.on_date,
    })));
    get(tx, actor, id)
}

/// A provisional seizure whose 90-day clock runs, for the home page.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SeizureDeadline {
    pub asset_id: Uuid,
    pub case_id: Uuid,
    pub case_reference: String,
    pub kind: AssetKind,
    pub description: String,
    pub estimated_value_minor: i64,
    pub currency: String,
    pub seized_on: NaiveDate,
    pub lapses_on: NaiveDate,
    /// Days from today to the lapse (0: today; negative: lapsed).
    pub days_left: i64,
    pub clock: SeizureClock,
}

/// The provisional seizures of the cases `actor` may see whose clock runs, soonest to lapse first.
pub fn seizure_deadlines(tx: &mut Tx<'_>, actor: &Actor, today: NaiveDate) -> StoreResult<Vec<SeizureDeadline>> {
    let scope = Scope::of(actor);
    let running = [AssetStage::ProvisionallySeized.code(), AssetStage::ReferredToProsecutor.code()];
    let rows: Vec<AssetRow> = assets::table
        .filter(assets::stage.eq_any(running))
        .filter(assets::seized_on.is_not_null())
        .filter(assets::case_id.eq_any(scope.case_ids()))
        .order((assets::seized_on.asc(), assets::id.asc()))
        .select(AssetRow::as_select())
        .load(tx.conn)?;
    let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.case_id.parse().ok()).collect();
    let references = cases::references(tx, actor, &ids)?;
    rows.into_iter()
        .filter_map(|r| {
            let reference = references.get(&r.case_id.parse().ok()?)?.clone();
            let seized_on = parse_opt_date(r.seized_on.as_deref()).ok().flatten()?;
            let (clock, days_left) = seizure_clock(seized_on, today);
            Some(Ok(SeizureDeadline {
                asset_id: parse_uuid(&r.id).ok()?,
                case_id: parse_uuid(&r.case_id).ok()?,
                case_reference: reference,
                kind: AssetKind::from_code(&r.kind)?,
                description: r.description,
                estimated_value_minor: r.estimated_value_minor,
                currency: r.currency,
                seized_on,
                lapses_on: seizure_lapses_on(seized_on),
                days_left,
                clock,
            }))
        })
        .collect()
}

/// A total of estimated values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Total {
    /// The stage, or the case's id, the total is of.
    pub key: String,
    /// The case's reference, when the total is of a case.
    pub label: Option<String>,
    pub currency: String,
    pub assets: i64,
    pub estimated_value_minor: i64,
}

/// The assets of the cases `actor` may see: owner, case and value, for totals by network.
pub fn visible_assets(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<Asset>> {
    let scope = Scope::of(actor);
    let rows: Vec<AssetRow> = assets::table
        .filter(assets::case_id.eq_any(scope.case_ids()))
        .order((assets::created_at.asc(), assets::id.asc()))
        .select(AssetRow::as_select())
        .load(tx.conn)?;
    rows.into_iter().map(|r| to_asset(r, None)).collect()
}

/// Totals of the estimated values of the assets `actor` may see, by stage and by case (each per
/// currency), largest first.
pub fn totals(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<(Vec<Total>, Vec<Total>)> {
    let all = visible_assets(tx, actor)?;
    let ids: Vec<Uuid> = all.iter().map(|a| a.case_id).collect();
    let references = cases::references(tx, actor, &ids)?;
    let mut by_stage: std::collections::BTreeMap<(String, String), (i64, i64)> = Default::default();
    let mut by_case: std::collections::BTreeMap<(String, String), (i64, i64)> = Default::default();
    for a in &all {
        for (map, key) in [(&mut by_stage, a.stage.code().to_string()), (&mut by_case, a.case_id.to_string())] {
            let slot = map.entry((key, a.currency.clone())).or_default();
            slot.0 += 1;
            slot.1 = slot.1.saturating_add(a.estimated_value_minor);
        }
    }
    let list = |map: std::collections::BTreeMap<(String, String), (i64, i64)>, cases: bool| {
        let mut out: Vec<Total> = map
            .into_iter()
            .map(|((key, currency), (n, v))| Total {
                label: if cases { key.parse::<Uuid>().ok().and_then(|u| references.get(&u).cloned()) } else { None },
                key,
                currency,
                assets: n,
                estimated_value_minor: v,
            })
            .collect();
        out.sort_by(|a, b| b.estimated_value_minor.cmp(&a.estimated_value_minor).then(a.key.cmp(&b.key)));
        out
    };
    Ok((list(by_stage, false), list(by_case, true)))
}
