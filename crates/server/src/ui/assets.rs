//! The case page's assets section (issue 7): the case's assets with their value, owner and where
//! each stands in the AMLO procedure, the 90-day clock of a provisional seizure, the stages each
//! went through, and the forms to register an asset and to move one to its next stage.
//!
//! Like the other case-page forms: POST with the CSRF token, then a 303 redirect to
//! `/cases/{id}#assets`. A form that does not validate answers 422 with the section again: the
//! message next to the field at fault and what the user typed kept; nothing is stored.

use askama::Template;
use axum::extract::{Path, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Router;
use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use counternet_domain::assets::{currency, seizure_clock, AssetInput, AssetKind, AssetStage, SeizureClock, StageInput};
use counternet_domain::{Actor, ValidationError};
use counternet_store::assets::{self, StageRecord};
use counternet_store::{cases, parties, StoreError, StoreResult, Tx};

use super::common::{render_status, take_ctx};
use super::forms::{
    case_form, choice, error_text, not_found, optional_id, parse_uuid, present, refuse, required_date, with_store,
    Failed, Fields, SectionForm,
};
use super::{Ctx, UiRequest};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cases/{id}/assets", post(add_asset))
        .route("/cases/{id}/assets/{asset_id}/stages", post(move_asset))
}

// ---------------------------------------------------------------------------------------------
// Money: minor units as the store keeps them, and the amounts people type

pub use counternet_domain::money::{decimals, format_minor};

/// Whole units as typed: digits, optionally grouped by commas in threes ("1,250,000").
fn whole_units_ok(text: &str) -> bool {
    let mut groups = text.split(',');
    let first = groups.next().unwrap_or_default();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !text.contains(',') {
        return digits(first);
    }
    digits(first) && first.len() <= 3 && groups.all(|g| g.len() == 3 && digits(g))
}

/// An amount typed in a currency's major unit ("1,250,000.50", "฿ 1250000", Thai digits too) as
/// minor units; anything else is refused with the field's error.
pub fn parse_amount(field: &str, text: &str, currency: &str) -> Result<i64, ValidationError> {
    let invalid =
        || ValidationError::new(field, "invalid_amount", "digits, commas between thousands and at most two decimals");
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '๐'..='๙' => char::from_digit(u32::from(c) - u32::from('๐'), 10).unwrap_or(c),
            c => c,
        })
        .collect();
    let cleaned = cleaned.strip_prefix('฿').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err(ValidationError::new(field, "required", "must not be empty"));
    }
    if cleaned.starts_with('-') {
        return Err(ValidationError::new(field, "negative", "a value is zero or more"));
    }
    let (whole, fraction) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned, ""),
    };
    let places = decimals(currency) as usize;
    if !whole_units_ok(whole)
        || (cleaned.contains('.') && (fraction.is_empty() || fraction.len() > places))
        || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(invalid());
    }
    let too_large = || ValidationError::new(field, "too_large", "the value is too large");
    let whole: i64 = whole.replace(',', "").parse().map_err(|_| too_large())?;
    let mut minor_part: i64 = 0;
    for (i, b) in fraction.bytes().enumerate() {
        let digit = i64::from(b - b'0');
        minor_part += digit * 10i64.pow((places - 1 - i) as u32);
    }
    whole.checked_mul(10i64.pow(places as u32)).and_then(|v| v.checked_add(minor_part)).ok_or_else(too_large)
}

// ---------------------------------------------------------------------------------------------
// What the section shows

/// A party of the case the owner select offers (survivors masked, as the store gives them).
pub struct OwnerOpt {
    pub id: String,
    pub label: String,
}

/// The register form as typed.
#[derive(Default, Clone)]
pub struct AssetForm {
    pub kind: String,
    pub description: String,
    pub owner_party_id: String,
    pub value: String,
    pub currency: String,
    pub evidence: String,
    pub identified_on: String,
}

impl AssetForm {
    fn from_fields(f: &Fields) -> AssetForm {
        AssetForm {
            kind: f.get("kind"),
            description: f.get("description"),
            owner_party_id: f.get("owner_party_id"),
            value: f.get("value"),
            currency: f.get("currency"),
            evidence: f.get("evidence"),
            identified_on: f.get("identified_on"),
        }
    }

    pub fn is_kind(&self, code: &str) -> bool {
        self.kind == code
    }

    pub fn is_owner(&self, id: &str) -> bool {
        self.owner_party_id == id
    }
}

/// A move form as typed.
#[derive(Default, Clone)]
pub struct StageForm {
    pub stage: String,
    pub on_date: String,
    pub reference: String,
    pub official: String,
    pub notes: String,
}

impl StageForm {
    fn from_fields(f: &Fields) -> StageForm {
        StageForm {
            stage: f.get("stage"),
            on_date: f.get("on_date"),
            reference: f.get("reference"),
            official: f.get("official"),
            notes: f.get("notes"),
        }
    }

    pub fn is_stage(&self, code: &str) -> bool {
        self.stage == code
    }
}

/// A form's error: the field at fault (the form's name for it) and the message, translated.
pub struct FieldError {
    pub field: String,
    pub text: String,
}

/// An asset as the section shows it.
pub struct AssetView {
    pub id: Uuid,
    pub kind: &'static str,
    pub description: String,
    pub evidence: Option<String>,
    pub owner: Option<String>,
    /// The estimated value, formatted ("1,250,000.50").
    pub value: String,
    pub currency: String,
    pub stage: &'static str,
    pub since: NaiveDate,
    /// While the 90-day clock of a provisional seizure runs: the day it lapses.
    pub lapses_on: Option<NaiveDate>,
    pub days_left: i64,
    /// Within 30 days of lapsing, or lapsed.
    pub warn: bool,
    pub lapsed: bool,
    pub stages: Vec<StageRecord>,
    pub next: Vec<&'static str>,
    pub form: StageForm,
    pub error: Option<FieldError>,
}

impl AssetView {
    pub fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }

    /// The message to show next to `field`, when it is the one at fault.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == field).map(|e| e.text.as_str())
    }
}

/// The total estimated value of the case's assets in one currency.
pub struct TotalView {
    pub currency: String,
    pub value: String,
    pub count: usize,
}

/// Everything the assets section needs (`case_assets.html`).
pub struct Section {
    pub case_id: Uuid,
    /// The user's role may register and move assets.
    pub can_edit: bool,
    pub items: Vec<AssetView>,
    pub totals: Vec<TotalView>,
    pub owners: Vec<OwnerOpt>,
    pub kinds: Vec<&'static str>,
    pub form: AssetForm,
    pub error: Option<FieldError>,
    /// The latest day a date field accepts (today somewhere on Earth).
    pub max_date: String,
}

impl Section {
    /// Whether `field` of the register form is the one at fault.
    pub fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|e| e.field == field)
    }

    /// The message to show next to `field` of the register form, when it is the one at fault.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.error.as_ref().filter(|e| e.field == field).map(|e| e.text.as_str())
    }
}

/// The fields of the register form and of a move form (an error about anything else is shown
/// next to the first).
const ASSET_FIELDS: [&str; 7] =
    ["kind", "description", "owner_party_id", "value", "currency", "evidence", "identified_on"];
const STAGE_FIELDS: [&str; 5] = ["stage", "on_date", "reference", "official", "notes"];

/// Loads the section (through the case's scope, like every read): the assets with their stages,
/// the clock of each seizure on the day of `tx`, and the case's parties for the owner select.
pub fn section(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Section> {
    let today = tx.now.date_naive();
    let local_today = (tx.now + Duration::hours(7)).date_naive();
    let max_date = (tx.now + Duration::hours(14)).date_naive();
    let listed = assets::list_for_case(tx, actor, case_id)?;
    let mut items = Vec::with_capacity(listed.len());
    let mut totals: Vec<(String, i64, usize)> = Vec::new();
    for asset in listed {
        let detail = assets::get(tx, actor, asset.id)?;
        let a = detail.asset;
        match totals.iter_mut().find(|(c, _, _)| *c == a.currency) {
            Some(t) => {
                t.1 = t.1.saturating_add(a.estimated_value_minor);
                t.2 += 1;
            }
            None => totals.push((a.currency.clone(), a.estimated_value_minor, 1)),
        }
        let clock = a.seized_on.filter(|_| a.seizure_lapses_on.is_some()).map(|s| seizure_clock(s, today));
        items.push(AssetView {
            id: a.id,
            kind: a.kind.code(),
            value: format_minor(a.estimated_value_minor, &a.currency),
            description: a.description,
            evidence: a.evidence,
            owner: a.owner,
            currency: a.currency,
            stage: a.stage.code(),
            since: a.stage_on,
            lapses_on: a.seizure_lapses_on,
            days_left: clock.map(|(_, d)| d).unwrap_or_default(),
            warn: clock.is_some_and(|(c, _)| c != SeizureClock::Running),
            lapsed: clock.is_some_and(|(c, _)| c == SeizureClock::Lapsed),
            stages: detail.stages,
            next: detail.next.iter().map(|s| s.code()).collect(),
            form: StageForm { on_date: local_today.to_string(), ..StageForm::default() },
            error: None,
        });
    }
    let mut owners: Vec<OwnerOpt> = Vec::new();
    for cp in parties::list_for_case(tx, actor, case_id)? {
        let id = cp.party.id.to_string();
        if !owners.iter().any(|o| o.id == id) {
            owners.push(OwnerOpt { id, label: cp.party.name });
        }
    }
    Ok(Section {
        case_id,
        can_edit: actor.role.may_edit_cases(),
        items,
        totals: totals
            .into_iter()
            .map(|(currency, v, count)| TotalView { value: format_minor(v, &currency), currency, count })
            .collect(),
        owners,
        kinds: AssetKind::ALL.iter().map(|k| k.code()).collect(),
        form: AssetForm { currency: "THB".into(), identified_on: local_today.to_string(), ..AssetForm::default() },
        error: None,
        max_date: max_date.to_string(),
    })
}

// ---------------------------------------------------------------------------------------------
// The section again, with a form's error

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"{% extends "base.html" %}
{% block title %}{{ c.t("assets-title") }} · {{ reference }}{% endblock %}
{% block content %}
<h1>{{ reference }} · {{ c.t("assets-title") }}</h1>
<p><a id="back-to-case" href="/cases/{{ assets.case_id }}">{{ c.t("back-to-case") }}</a></p>
{% include "case_assets.html" %}
{% endblock %}"#
)]
struct AssetsPage {
    c: Ctx,
    reference: String,
    assets: Section,
}

/// Which form failed, with what was typed.
enum Typed {
    Register(AssetForm),
    Move(Uuid, StageForm),
}

/// The label of a field of the register form, or of a move form.
fn label_of(field: &str) -> &'static str {
    match field {
        "kind" => "assets-kind",
        "description" => "assets-description",
        "owner_party_id" => "assets-owner",
        "estimated_value_minor" | "value" => "assets-value",
        "currency" => "assets-currency",
        "evidence" => "assets-evidence",
        "identified_on" => "assets-identified-on",
        "on_date" => "assets-on-date",
        "reference" => "assets-reference",
        "official" => "assets-official",
        "notes" => "assets-notes",
        _ => "assets-next-stage",
    }
}

/// The message for a validation error, in the user's language.
fn message(c: &Ctx, e: &ValidationError) -> String {
    let label = c.t(label_of(&e.field));
    let key = match (e.field.as_str(), e.code) {
        ("reference", "required") => "assets-error-reference",
        (_, "invalid_amount") => "assets-error-amount",
        (_, "negative") => "assets-error-negative",
        (_, "too_large") => "assets-error-too-large",
        (_, "invalid_currency") => "assets-error-currency",
        (_, "skips_a_stage" | "backwards" | "final_stage") => "assets-error-stage",
        (_, "before_current_stage") => "assets-error-before-stage",
        (_, code) => return error_text(c, code, &label),
    };
    format!("{label}: {}", c.t(key))
}

/// The form's field an error is about (the value is typed in `value`, stored in minor units).
fn form_field(field: &str, fields: &[&str]) -> String {
    let field = if field == "estimated_value_minor" { "value" } else { field };
    if fields.contains(&field) { field } else { fields.first().copied().unwrap_or_default() }.to_string()
}

/// The section again (422), with the error next to its field and what was typed.
async fn refused(state: &AppState, req: &UiRequest, case_id: Uuid, typed: Typed, e: &ValidationError) -> Response {
    let Some(session) = req.ctx.session.clone() else { return super::to_login() };
    let actor = session.actor.clone();
    let loaded = with_store(state, move |store| {
        store.read(Some(&actor), |tx| {
            let reference = cases::visible(tx, &actor, case_id)?.reference;
            Ok((reference, section(tx, &actor, case_id)?))
        })
    })
    .await;
    let (reference, mut sec) = match loaded {
        Ok(v) => v,
        Err(f) => return f.page(take_ctx(req)),
    };
    let c = take_ctx(req);
    let text = message(&c, e);
    match typed {
        Typed::Register(form) => {
            sec.form = form;
            sec.error = Some(FieldError { field: form_field(&e.field, &ASSET_FIELDS), text });
        }
        Typed::Move(asset_id, form) => {
            if let Some(item) = sec.items.iter_mut().find(|i| i.id == asset_id) {
                item.form = form;
                item.error = Some(FieldError { field: form_field(&e.field, &STAGE_FIELDS), text });
            }
        }
    }
    render_status(&AssetsPage { c, reference, assets: sec }, StatusCode::UNPROCESSABLE_ENTITY)
}

/// Back to the section, or why not.
async fn done<T>(
    state: &AppState,
    req: &UiRequest,
    case_id: Uuid,
    typed: Typed,
    result: Result<T, Failed>,
) -> Response {
    match result {
        Ok(_) => Redirect::to(&format!("/cases/{case_id}#assets")).into_response(),
        Err(Failed::Store(StoreError::Validation(e))) => refused(state, req, case_id, typed, &e).await,
        Err(f) => f.page(take_ctx(req)),
    }
}

// ---------------------------------------------------------------------------------------------
// The forms

async fn add_asset(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not register assets").await;
    }
    let form = AssetForm::from_fields(&f);
    let input = (|| {
        let code = currency("currency", Some(&form.currency))?;
        Ok::<_, ValidationError>(AssetInput {
            kind: choice("kind", &form.kind, AssetKind::from_code)?,
            description: form.description.clone(),
            owner_party_id: optional_id("owner_party_id", &form.owner_party_id)?,
            estimated_value_minor: parse_amount("value", &form.value, &code)?,
            currency: Some(code),
            evidence: present(&form.evidence),
            identified_on: required_date("identified_on", &form.identified_on)?,
        })
    })();
    let new = match input.and_then(|i| i.validate(crate::api::latest_today(&state))) {
        Ok(n) => n,
        Err(e) => return refused(&state, &req, case_id, Typed::Register(form), &e).await,
    };
    let actor = session.actor.clone();
    let result =
        with_store(&state, move |store| store.write(Some(&actor), |tx| assets::create(tx, &actor, case_id, new))).await;
    done(&state, &req, case_id, Typed::Register(form), result).await
}

async fn move_asset(
    State(state): State<AppState>,
    req: UiRequest,
    Path((raw_id, raw_asset)): Path<(String, String)>,
    RawForm(body): RawForm,
) -> Response {
    let (session, case_id, f) = match case_form(&state, &req, &raw_id, &body) {
        SectionForm::Pass(s, id, f) => (s, id, f),
        SectionForm::Stop(r) => return r,
    };
    let Some(asset_id) = parse_uuid(&raw_asset) else { return not_found(&req) };
    if !session.actor.role.may_edit_cases() {
        return refuse(&state, &req, &session, "your role may not move assets").await;
    }
    let form = StageForm::from_fields(&f);
    let input = (|| {
        Ok::<_, ValidationError>(StageInput {
            stage: choice("stage", &form.stage, AssetStage::from_code)?,
            on_date: required_date("on_date", &form.on_date)?,
            reference: present(&form.reference),
            official: present(&form.official),
            notes: present(&form.notes),
        })
    })();
    let input = match input {
        Ok(i) => i,
        Err(e) => return refused(&state, &req, case_id, Typed::Move(asset_id, form), &e).await,
    };
    let today = crate::api::latest_today(&state);
    let actor = session.actor.clone();
    let result = with_store(&state, move |store| {
        store.write(Some(&actor), |tx| {
            // The asset must be this case's: another case's is "not found" here.
            if assets::get(tx, &actor, asset_id)?.asset.case_id != case_id {
                return Err(StoreError::NotFound);
            }
            assets::move_stage(tx, &actor, asset_id, input, today)
        })
    })
    .await;
    done(&state, &req, case_id, Typed::Move(asset_id, form), result).await
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn amounts_are_formatted_with_thousands_and_two_decimals() {
        assert_eq!(format_minor(125_000_050, "THB"), "1,250,000.50");
        assert_eq!(format_minor(0, "THB"), "0.00");
        assert_eq!(format_minor(5, "THB"), "0.05");
        assert_eq!(format_minor(100_000, "THB"), "1,000.00");
        assert_eq!(format_minor(99_999, "THB"), "999.99");
        assert_eq!(format_minor(-123_456_789, "USD"), "-1,234,567.89");
        assert_eq!(format_minor(1_500_000, "JPY"), "1,500,000");
    }

    #[test]
    fn typed_amounts_become_minor_units_and_bad_text_is_refused() {
        let ok = |s: &str| parse_amount("value", s, "THB").unwrap();
        assert_eq!(ok("1,250,000.50"), 125_000_050);
        assert_eq!(ok("1250000.5"), 125_000_050);
        assert_eq!(ok(" ฿ 1,000 "), 100_000);
        assert_eq!(ok("๑,๒๕๐"), 125_000);
        assert_eq!(ok("0"), 0);
        let code = |s: &str| parse_amount("value", s, "THB").unwrap_err().code;
        assert_eq!(code(""), "required");
        assert_eq!(code("-5"), "negative");
        for bad in ["abc", "1,25,000", "1.234", "1.", "12,34", "1,000,00", ",100", "1e5", "1.2.3", "1,0000"] {
            assert_eq!(code(bad), "invalid_amount", "{bad}");
        }
        assert_eq!(code("99999999999999999999"), "too_large");
        assert_eq!(code("92,233,720,368,547,758.08"), "too_large");
        assert_eq!(parse_amount("value", "1,500", "JPY").unwrap(), 1500);
        assert_eq!(parse_amount("value", "1.5", "JPY").unwrap_err().code, "invalid_amount");
        // What is formatted is read back the same.
        for v in [0, 1, 99, 100, 123_456_789, i64::MAX] {
            assert_eq!(parse_amount("value", &format_minor(v, "THB"), "THB").unwrap(), v);
        }
    }
}
