//! The pages: sign-in, home, cases list, case page, language choice.

use askama::Template;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::case::{Case, CaseDetail, CaseFilter, Note, Task};
use counternet_domain::vocab::{CaseStatus, ExploitationType, Tactic};
use counternet_store::users::{self, Session};
use counternet_store::{cases, parties, StoreError};

use super::common::{csrf_failed, error_page, render, take_ctx};
use super::i18n::{FluentArg, Lang, Translations};
use super::{to_login, Ctx, UiRequest, LANG_COOKIE};
use crate::auth::{clear_cookie, session_cookie};
use crate::{blocking, ApiError, AppState};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Ctx,
    error: Option<String>,
    notice: Option<String>,
    username: String,
}

pub async fn login_form(State(state): State<AppState>, req: UiRequest) -> Response {
    if req.ctx.signed_in() {
        return Redirect::to("/").into_response();
    }
    let page = LoginPage { c: take_ctx(&req), error: None, notice: None, username: String::new() };
    req.respond(render(&page), state.config.secure_cookies)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

pub async fn login_submit(
    State(state): State<AppState>,
    crate::api::session::ClientAddress(address): crate::api::session::ClientAddress,
    req: UiRequest,
    Form(form): Form<LoginForm>,
) -> Response {
    let secure = state.config.secure_cookies;
    if !req.csrf_ok(&form.csrf) {
        return csrf_failed(&req, secure);
    }
    let policy = state.config.sessions;
    let username = form.username.clone();
    let result = blocking(&state, move |store| {
        users::login(store, &form.username, &form.password, &address, &policy).map_err(ApiError::from)
    })
    .await;
    match result {
        Ok(logged_in) => {
            let mut resp = Redirect::to("/").into_response();
            if let Ok(v) = HeaderValue::from_str(&session_cookie(&logged_in.token, secure)) {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
            resp
        }
        Err(e) => {
            let c = take_ctx(&req);
            let key = if e.status == StatusCode::TOO_MANY_REQUESTS { "login-throttled" } else { "login-failed" };
            let status = if e.status == StatusCode::TOO_MANY_REQUESTS { e.status } else { StatusCode::UNAUTHORIZED };
            let error = Some(c.t(key));
            let mut resp = render(&LoginPage { c, error, notice: None, username });
            *resp.status_mut() = status;
            req.respond(resp, secure)
        }
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout(State(state): State<AppState>, req: UiRequest, Form(form): Form<CsrfForm>) -> Response {
    let secure = state.config.secure_cookies;
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !req.csrf_ok(&form.csrf) {
        return csrf_failed(&req, secure);
    }
    let _ = blocking(&state, move |store| {
        store.write(Some(&session.actor), |tx| users::logout(tx, &session)).map_err(ApiError::from)
    })
    .await;
    let mut resp = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&clear_cookie(secure)) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

/// Switches the interface language: kept on the user when signed in, in a cookie otherwise.
pub async fn set_language(State(state): State<AppState>, req: UiRequest, Form(form): Form<LanguageForm>) -> Response {
    let secure = state.config.secure_cookies;
    if !req.csrf_ok(&form.csrf) {
        return csrf_failed(&req, secure);
    }
    let Some(lang) = Lang::from_code(&form.lang) else {
        return csrf_failed(&req, secure);
    };
    if let Some(session) = req.ctx.session.clone() {
        let era = session.buddhist_era;
        let code = lang.code();
        let saved = blocking(&state, move |store| {
            store
                .write(Some(&session.actor), |tx| users::set_preferences(tx, &session.actor, Some(code), era))
                .map_err(ApiError::from)
        })
        .await;
        if let Err(e) = saved {
            return error_page(take_ctx(&req), &e);
        }
    }
    // Only a path on this site: never an open redirect.
    let back = if form.back.starts_with('/') && !form.back.starts_with("//") { form.back.as_str() } else { "/" };
    let mut resp = Redirect::to(back).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Strict; Max-Age=31536000{}",
        lang.code(),
        if secure { "; Secure" } else { "" }
    );
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// A task on the home page.
pub struct TaskView {
    pub title: String,
    pub due_on: Option<chrono::NaiveDate>,
    pub overdue: bool,
    pub case_id: Uuid,
    pub case_reference: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Ctx,
    tasks: Vec<TaskView>,
    cases: Vec<Case>,
    /// For a partner liaison: the live referrals to their organisation (they have no cases).
    shared: Option<Vec<counternet_store::referrals::SharedReferral>>,
    /// New connections between the user's cases (`connections.html`).
    connections: Vec<NoticeView>,
    this_case: Option<Uuid>,
    /// Provisional seizures whose 90-day clock runs.
    seizures: Vec<counternet_store::assets::SeizureDeadline>,
    /// Open money alerts the user sees.
    money_alerts: usize,
    /// Court events of the user's cases in the next 30 days.
    hearings: Vec<super::court::HearingView>,
    /// Overdue follow-up visits and assessments of the user's cases, the longest overdue first.
    follow_ups: Vec<counternet_store::followup::OverdueFollowUp>,
}

/// A connection between two cases, as the home and case pages tell it.
pub struct NoticeView {
    pub notice: crate::api::network::ConnectionNotice,
    pub found_on: Option<chrono::NaiveDate>,
    /// Name each end that is not the case whose page this is.
    pub show_a: bool,
    pub show_b: bool,
}

/// How many connections the home and case pages list.
const NOTICES_SHOWN: i64 = 10;

/// The connections recorded between cases `actor` may both see (of `case`, when given), after
/// bringing the network up to date. A failure leaves the list empty (and is logged): the page
/// itself still shows.
async fn notices(state: &AppState, actor: &counternet_domain::Actor, case: Option<Uuid>) -> Vec<NoticeView> {
    let actor = actor.clone();
    let network = state.network.clone();
    let found = blocking(state, move |store| {
        crate::api::network::notices_now(store, &network, &actor, case, NOTICES_SHOWN).map_err(ApiError::from)
    })
    .await;
    match found {
        Ok(list) => list
            .into_iter()
            .map(|notice| NoticeView {
                found_on: chrono::DateTime::parse_from_rfc3339(&notice.found_at).ok().map(|t| t.date_naive()),
                show_a: case != Some(notice.case_a.id),
                show_b: case != Some(notice.case_b.id),
                notice,
            })
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e.code, "connections between cases not shown");
            Vec::new()
        }
    }
}

fn signed_in(req: &UiRequest) -> Option<Session> {
    req.ctx.session.clone()
}

pub async fn home(State(state): State<AppState>, req: UiRequest) -> Response {
    let Some(session) = signed_in(&req) else { return to_login() };
    let today = state.store.now().date_naive();
    let local_today = crate::api::proceedings::local_today(&state);
    let actor = session.actor.clone();
    if actor.role == counternet_domain::Role::PartnerLiaison {
        let shared = blocking(&state, move |store| {
            store
                .read(Some(&actor), |tx| counternet_store::referrals::shared_with_me(tx, &actor))
                .map_err(ApiError::from)
        })
        .await;
        return match shared {
            Ok(s) => render(&HomePage {
                c: take_ctx(&req),
                tasks: Vec::new(),
                cases: Vec::new(),
                shared: Some(s),
                connections: Vec::new(),
                this_case: None,
                seizures: Vec::new(),
                money_alerts: 0,
                hearings: Vec::new(),
                follow_ups: Vec::new(),
            }),
            Err(e) => error_page(take_ctx(&req), &e),
        };
    }
    let data = blocking(&state, move |store| {
        store
            .read(Some(&actor), |tx| {
                let tasks = cases::my_open_tasks(tx, &actor, 50)?;
                let ids: Vec<Uuid> = tasks.iter().map(|t| t.case_id).collect();
                let references = cases::references(tx, &actor, &ids)?;
                let views = tasks
                    .into_iter()
                    .map(|t| TaskView {
                        overdue: t.due_on.is_some_and(|d| d < today),
                        case_reference: references.get(&t.case_id).cloned().unwrap_or_default(),
                        title: t.title,
                        due_on: t.due_on,
                        case_id: t.case_id,
                    })
                    .collect::<Vec<_>>();
                let filter = CaseFilter { member: Some(actor.user_id), per_page: Some(20), ..CaseFilter::default() };
                let mine = cases::list(tx, &actor, &filter)?;
                let seizures = counternet_store::assets::seizure_deadlines(tx, &actor, today)?;
                let hearings = super::court::home_hearings(tx, &actor, local_today)?;
                Ok((views, mine.items, (seizures, hearings)))
            })
            .map_err(ApiError::from)
    })
    .await;
    match data {
        Ok((tasks, cases, (seizures, hearings))) => {
            let connections = notices(&state, &session.actor, None).await;
            let money_alerts = super::alerts::open_count(&state, &session.actor).await;
            let follow_ups = super::followup::overdue_for_home(&state, &session.actor).await;
            render(&HomePage {
                c: take_ctx(&req),
                tasks,
                cases,
                shared: None,
                connections,
                this_case: None,
                seizures,
                money_alerts,
                hearings,
                follow_ups,
            })
        }
        Err(e) => error_page(take_ctx(&req), &e),
    }
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    c: Ctx,
    cases: Vec<Case>,
    statuses: Vec<&'static str>,
    tactics: Vec<&'static str>,
    exploitation_types: Vec<&'static str>,
    q: String,
    status: String,
    tactic: String,
    exploitation_type: String,
    opened_from: String,
    opened_to: String,
    /// The team-member filter as submitted ("me", a user id, or empty) and the colleagues to choose.
    member: String,
    members: Vec<(String, String)>,
    count_text: String,
    page_text: String,
    prev_href: Option<String>,
    next_href: Option<String>,
    error: Option<String>,
}

/// The cases list. Filters arrive as plain query strings (empty means "any").
pub async fn cases(
    State(state): State<AppState>,
    req: UiRequest,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Response {
    let Some(session) = signed_in(&req) else { return to_login() };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
        .into_owned()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    let get = |k: &str| pairs.iter().find(|(kk, _)| kk == k).map(|(_, v)| v.clone()).unwrap_or_default();
    let c = take_ctx(&req);
    let mut error = None;
    let mut filter = CaseFilter {
        status: CaseStatus::from_code(&get("status")),
        tactic: Tactic::from_code(&get("tactic")),
        exploitation_type: ExploitationType::from_code(&get("exploitation_type")),
        q: Some(get("q")).filter(|q| !q.is_empty()),
        page: get("page").parse().ok(),
        per_page: Some(25),
        ..CaseFilter::default()
    };
    for (key, slot) in [("opened_from", &mut filter.opened_from), ("opened_to", &mut filter.opened_to)] {
        let v = get(key);
        if !v.is_empty() {
            match v.parse() {
                Ok(d) => *slot = Some(d),
                Err(_) => error = Some(c.t("error-invalid-date")),
            }
        }
    }
    filter.member = match get("member").as_str() {
        "" => None,
        "me" => Some(session.actor.user_id),
        other => match Uuid::parse_str(other) {
            Ok(id) => Some(id),
            Err(_) => {
                error = Some(c.t("error-invalid-choice"));
                None
            }
        },
    };
    let actor = session.actor.clone();
    let f = filter.clone();
    let found = blocking(&state, move |store| {
        store
            .read(Some(&actor), |tx| {
                let page = cases::list(tx, &actor, &f)?;
                // Colleagues who work cases, to filter by team member.
                let members: Vec<(String, String)> = users::list(tx, &actor)?
                    .into_iter()
                    .filter(|u| !u.disabled && u.role.works_cases() && u.org_id == actor.org_id)
                    .map(|u| (u.id.to_string(), u.username))
                    .collect();
                Ok::<_, StoreError>((page, members))
            })
            .map_err(ApiError::from)
    })
    .await;
    let (page, members) = match found {
        Ok(p) => p,
        Err(e) => return error_page(c, &e),
    };
    let pages = page.total.div_ceil(u64::from(page.per_page)).max(1);
    let href = |n: u32| {
        let mut q: Vec<(String, String)> = pairs.iter().filter(|(k, _)| k != "page").cloned().collect();
        q.push(("page".into(), n.to_string()));
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &q {
            ser.append_pair(k, v);
        }
        format!("/cases?{}", ser.finish())
    };
    let tr = Translations::global();
    let count_text = tr.get_args(c.lang, "cases-count", &[("count", FluentArg::Num(page.total as i64))]);
    let page_text = tr.get_args(
        c.lang,
        "page-of",
        &[("page", FluentArg::Num(i64::from(page.page))), ("pages", FluentArg::Num(pages as i64))],
    );
    let view = CasesPage {
        statuses: CaseStatus::ALL.iter().map(|s| s.code()).collect(),
        tactics: Tactic::ALL.iter().map(|s| s.code()).collect(),
        exploitation_types: ExploitationType::ALL.iter().map(|s| s.code()).collect(),
        q: get("q"),
        status: get("status"),
        tactic: get("tactic"),
        exploitation_type: get("exploitation_type"),
        opened_from: get("opened_from"),
        opened_to: get("opened_to"),
        member: get("member"),
        members,
        count_text,
        page_text,
        prev_href: (page.page > 1).then(|| href(page.page - 1)),
        next_href: (u64::from(page.page) < pages).then(|| href(page.page + 1)),
        cases: page.items,
        error,
        c,
    };
    render(&view)
}

/// A person or other party on the case page (already masked by the store).
pub struct PersonView {
    pub party_id: Uuid,
    pub name: String,
    pub masked: bool,
    pub kind: &'static str,
    pub role: &'static str,
    pub age_band: Option<String>,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    c: Ctx,
    /// The actor's role may change the case (analysts read only).
    can_edit: bool,
    detail: CaseDetail,
    people: Vec<PersonView>,
    tasks: Vec<Task>,
    notes: Vec<Note>,
    links: Vec<LinkView>,
    stages: Vec<&'static str>,
    recruitment_methods: Vec<&'static str>,
    /// Intake, screening and identification, perpetrators (`case_identification.html`).
    ident: super::identification::Section,
    /// The case's assets and their AMLO stages (`case_assets.html`).
    assets: super::assets::Section,
    /// The case's proceedings (`case_court.html`).
    court: super::court::Section,
    /// The case's compensation claims (`case_claims.html`).
    claims: super::claims::Section,
    /// The victims' follow-up pages and the closure (`case_followup.html`).
    followup: super::followup::CaseSection,
    /// Connections the network made to other cases (`connections.html`).
    connections: Vec<NoticeView>,
    this_case: Option<Uuid>,
}

/// A link between two parties of the case, as the case page shows it.
pub struct LinkView {
    pub from: String,
    pub kind: &'static str,
    pub to: String,
    pub starts_on: Option<chrono::NaiveDate>,
    pub source: &'static str,
    pub confidence: &'static str,
}

pub async fn case_page(
    State(state): State<AppState>,
    req: UiRequest,
    axum::extract::Path(raw_id): axum::extract::Path<String>,
) -> Response {
    let Some(session) = signed_in(&req) else { return to_login() };
    let Ok(id) = Uuid::parse_str(&raw_id) else { return error_page(take_ctx(&req), &ApiError::not_found()) };
    let actor = session.actor.clone();
    let data = blocking(&state, move |store| {
        store
            .read(Some(&actor), |tx| {
                let detail = cases::get(tx, &actor, id)?;
                let people = parties::list_for_case(tx, &actor, id)?;
                let tasks = cases::list_tasks(tx, &actor, id)?;
                let notes = cases::list_notes(tx, &actor, id)?;
                let links = parties::links_in_case(tx, &actor, id)?;
                let ident = super::identification::section(tx, &actor, id)?;
                let assets = super::assets::section(tx, &actor, id)?;
                let court = super::court::section(tx, &actor, id)?;
                let claims = super::claims::section(tx, &actor, id)?;
                let followup = super::followup::case_section(tx, &actor, id)?;
                Ok::<_, StoreError>((detail, people, tasks, notes, links, (ident, assets, court, followup), claims))
            })
            .map_err(ApiError::from)
    })
    .await;
    match data {
        Ok((mut detail, people, tasks, notes, links, (ident, assets, court, followup), claims)) => {
            // The timeline: dated events in order (recruitment before transit before exploitation
            // on the same day), undated ones after them in the order they were recorded.
            let stage_rank = |s: counternet_domain::vocab::EventStage| {
                counternet_domain::vocab::EventStage::ALL.iter().position(|x| *x == s).unwrap_or(usize::MAX)
            };
            detail.events.sort_by_key(|e| (e.occurred_on.is_none(), e.occurred_on, stage_rank(e.stage), e.created_at));
            let links = links
                .into_iter()
                .map(|l| LinkView {
                    from: l.from.name,
                    kind: l.link.kind.code(),
                    to: l.to.name,
                    starts_on: l.link.starts_on,
                    source: l.link.source.code(),
                    confidence: l.link.confidence.code(),
                })
                .collect();
            let people = people
                .into_iter()
                .map(|p| PersonView {
                    party_id: p.party.id,
                    age_band: p
                        .party
                        .age_band
                        .and_then(|b| serde_json::to_value(b).ok())
                        .and_then(|v| v.as_str().map(String::from)),
                    name: p.party.name,
                    masked: p.party.masked,
                    kind: p.party.kind.code(),
                    role: p.role.code(),
                })
                .collect();
            let can_edit = session.actor.role.may_edit_cases();
            let connections = notices(&state, &session.actor, Some(id)).await;
            render(&CasePage {
                c: take_ctx(&req),
                can_edit,
                detail,
                people,
                tasks,
                notes,
                links,
                stages: counternet_domain::vocab::EventStage::ALL.iter().map(|s| s.code()).collect(),
                recruitment_methods: counternet_domain::vocab::RecruitmentMethod::ALL
                    .iter()
                    .map(|m| m.code())
                    .collect(),
                ident,
                assets,
                court,
                claims,
                followup,
                connections,
                this_case: Some(id),
            })
        }
        Err(e) => error_page(take_ctx(&req), &e),
    }
}
