//! The JSON API under /api/v1. Every handler's first line authenticates; every store call takes
//! the actor; the OpenAPI document is generated from these handlers.

pub mod admin;
pub mod assets;
pub mod audit;
pub mod calls;
pub mod cases;
pub mod compensation;
pub mod engagement;
pub mod followup;
pub mod identification;
pub mod merges;
pub mod money;
pub mod network;
pub mod parties;
pub mod proceedings;
pub mod referrals;
pub mod screening;
pub mod session;
pub mod statements;

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "counternet",
        description = "Case management and network intelligence against human trafficking. \
                       Errors are JSON {\"error\": code, \"message\": text, \"field\"?: path}. \
                       A record you may not see answers 404, exactly as if it did not exist."
    ),
    tags(
        (name = "session", description = "Signing in and out"),
        (name = "cases", description = "Cases, teams, trafficking events, notes and tasks"),
        (name = "parties", description = "Parties, their roles in cases, and links"),
        (name = "admin", description = "Users and organisations"),
        (name = "audit", description = "The audit trail (auditors only)"),
        (name = "referrals", description = "Consent, referrals to and from partners, and what partners see"),
        (name = "screening", description = "The legal test for trafficking: advice with its reasons, never a verdict"),
        (name = "assets", description = "Traffickers' assets and their way through the AMLO stages, the 90-day clock of provisional seizures, totals"),
        (name = "money", description = "Bank statements (column mappings per source, imports into a case, payments), traces saved to cases as evidence, and alerts from the money rules"),
        (name = "engagement", description = "The organisation's trainings of judges, prosecutors, attorneys and police with their knowledge tests, community education events, and the summary of a period"),
        (name = "compensation", description = "Compensation claims per victim and route, their steps, the ledger of money received for victims and paid to them (second approval above a set amount), and reports"),
        (name = "proceedings", description = "Criminal and civil proceedings, charges, defendants, hearings, depositions, verdicts, sentences and appeals; hearings to come; the calendar feed"),
        (name = "network", description = "The network across cases: neighbourhoods, paths, connected networks, key players, communities, and connections between cases"),
        (name = "identification", description = "How a case came in, screenings and identification decisions on a case, and perpetrators' standing"),
        (name = "follow-up", description = "Follow-up with survivors: support plans and goals, services delivered, visits, the six-domain outcome assessment, what is overdue, and closing a case"),
    )
)]
struct ApiDoc;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(session::login, session::logout, session::whoami))
        .routes(routes!(cases::create_case, cases::list_cases))
        .routes(routes!(cases::get_case, cases::update_case))
        .routes(routes!(cases::add_team_member))
        .routes(routes!(cases::add_event))
        .routes(routes!(cases::add_note, cases::list_notes))
        .routes(routes!(cases::add_task, cases::list_tasks))
        .routes(routes!(cases::update_task))
        .routes(routes!(calls::import_calls, calls::list_calls))
        .routes(routes!(cases::my_tasks))
        .routes(routes!(parties::add_case_party, parties::list_case_parties))
        .routes(routes!(parties::create_party))
        .routes(routes!(parties::search_parties))
        .routes(routes!(parties::get_party))
        .routes(routes!(parties::party_links))
        .routes(routes!(parties::create_link))
        .routes(routes!(merges::merge))
        .routes(routes!(merges::mark_distinct))
        .routes(routes!(merges::undo))
        .routes(routes!(merges::records))
        .routes(routes!(merges::duplicates))
        .routes(routes!(merges::get_matching, merges::set_matching))
        .routes(routes!(parties::get_link))
        .routes(routes!(admin::create_user, admin::list_users))
        .routes(routes!(admin::disable_user))
        .routes(routes!(admin::enable_user))
        .routes(routes!(admin::set_role))
        .routes(routes!(admin::reset_password))
        .routes(routes!(admin::create_organisation, admin::list_organisations))
        .routes(routes!(admin::vocabularies))
        .routes(routes!(audit::list_audit))
        .routes(routes!(audit::verify_audit))
        .routes(routes!(referrals::record_consent, referrals::list_consents))
        .routes(routes!(referrals::withdraw_consent))
        .routes(routes!(referrals::create_referral, referrals::list_referrals))
        .routes(routes!(referrals::answer_referral))
        .routes(routes!(referrals::referral_done))
        .routes(routes!(referrals::revoke_referral))
        .routes(routes!(referrals::shared_with_me))
        .routes(routes!(referrals::shared_case))
        .routes(routes!(referrals::add_shared_note))
        .routes(routes!(assets::create_asset, assets::list_assets))
        .routes(routes!(assets::deadlines))
        .routes(routes!(assets::totals))
        .routes(routes!(assets::get_asset))
        .routes(routes!(assets::move_stage))
        .routes(routes!(engagement::create_training, engagement::list_trainings))
        .routes(routes!(engagement::get_training, engagement::update_training))
        .routes(routes!(engagement::create_event, engagement::list_events))
        .routes(routes!(engagement::get_event))
        .routes(routes!(engagement::summary))
        .routes(routes!(statements::list_mappings))
        .routes(routes!(statements::save_mapping))
        .routes(routes!(statements::import_statement))
        .routes(routes!(statements::list_payments))
        .routes(routes!(money::trace))
        .routes(routes!(money::save_case_trace, money::case_traces))
        .routes(routes!(money::get_trace))
        .routes(routes!(money::list_alerts))
        .routes(routes!(money::get_alert))
        .routes(routes!(money::decide_alert))
        .routes(routes!(money::scan_now))
        .routes(routes!(money::get_settings, money::set_settings))
        .routes(routes!(compensation::create_claim, compensation::list_claims))
        .routes(routes!(compensation::get_claim))
        .routes(routes!(compensation::add_step))
        .routes(routes!(compensation::receive))
        .routes(routes!(compensation::pay))
        .routes(routes!(compensation::reverse))
        .routes(routes!(compensation::pending_approvals))
        .routes(routes!(compensation::decide_payment))
        .routes(routes!(compensation::report))
        .routes(routes!(compensation::get_settings, compensation::set_settings))
        .routes(routes!(proceedings::create_proceeding, proceedings::list_proceedings))
        .routes(routes!(proceedings::get_proceeding, proceedings::update_proceeding))
        .routes(routes!(proceedings::add_event))
        .routes(routes!(proceedings::set_outcome))
        .routes(routes!(proceedings::upcoming))
        .routes(routes!(proceedings::new_calendar_token, proceedings::revoke_calendar_token))
        .routes(routes!(network::neighbourhood))
        .routes(routes!(network::paths))
        .routes(routes!(network::components))
        .routes(routes!(network::key_players))
        .routes(routes!(network::communities))
        .routes(routes!(network::recorded_connections))
        .routes(routes!(network::connections_of_case))
        .routes(routes!(screening::screen))
        .routes(routes!(identification::record_intake, identification::list_intakes))
        .routes(routes!(identification::record_screening, identification::list_screenings))
        .routes(routes!(identification::record_decision, identification::list_decisions))
        .routes(routes!(identification::record_perpetrator_status, identification::list_perpetrator_statuses))
        .routes(routes!(followup::get_follow_up))
        .routes(routes!(followup::create_plan))
        .routes(routes!(followup::add_goal))
        .routes(routes!(followup::set_goal_status))
        .routes(routes!(followup::add_service))
        .routes(routes!(followup::add_visit))
        .routes(routes!(followup::add_assessment))
        .routes(routes!(followup::overdue))
        .routes(routes!(followup::get_closure, followup::propose_closure))
        .routes(routes!(followup::decide_closure))
}

use counternet_domain::Actor;
use counternet_store::{StoreResult, Tx};

use crate::error::ApiError;

/// Runs `f` in a write transaction as `actor`, off the async threads.
pub(crate) async fn write<T, F>(state: &AppState, actor: &Actor, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Tx<'_>, &Actor) -> StoreResult<T> + Send + 'static,
{
    let actor = actor.clone();
    crate::blocking(state, move |store| store.write(Some(&actor), |tx| f(tx, &actor)).map_err(ApiError::from)).await
}

/// Runs `f` in a read transaction as `actor`, off the async threads.
pub(crate) async fn read<T, F>(state: &AppState, actor: &Actor, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Tx<'_>, &Actor) -> StoreResult<T> + Send + 'static,
{
    let actor = actor.clone();
    crate::blocking(state, move |store| store.read(Some(&actor), |tx| f(tx, &actor)).map_err(ApiError::from)).await
}

/// Records a refusal decided in a handler (before any work) in the audit trail, and answers 403.
pub(crate) async fn forbidden(state: &AppState, auth: &crate::auth::Authed, why: &'static str) -> ApiError {
    let actor = auth.actor().clone();
    match crate::blocking(state, move |store| Ok(store.record_forbidden(&actor, why))).await {
        Ok(store_error) => ApiError::from(store_error),
        Err(api_error) => api_error,
    }
}

/// The latest calendar date anywhere on Earth right now (UTC+14). "Not in the future" checks use
/// it, so that a date entered in local time east of UTC (Thailand is UTC+7) is never refused.
pub(crate) fn latest_today(state: &AppState) -> chrono::NaiveDate {
    (state.store.now() + chrono::Duration::hours(14)).date_naive()
}
