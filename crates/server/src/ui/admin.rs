//! Administration: users, roles, partner organisations; case teams; the account page.
//!
//! Every form posts, then redirects (post/redirect/get); a form the store refuses comes back with
//! status 422, the user's input (passwords aside) and an alert that names the field. What a user
//! may not see is a 404 page, exactly like a record that does not exist; a role that may not use a
//! page at all gets a 403 page, recorded in the audit trail.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use counternet_domain::org::{validate_password, Organisation, OrganisationInput, User, UserInput, PASSWORD_MIN};
use counternet_domain::vocab::OrganisationType;
use counternet_domain::Role;
use counternet_store::users::{self, NewUser, Session};
use counternet_store::{cases, orgs, Store, StoreError, StoreResult};

use super::common::{csrf_page, error_page, render, render_status, take_ctx};
use super::i18n::{FluentArg, Translations};
use super::{to_login, Ctx, UiRequest};
use crate::auth::clear_cookie;
use crate::{blocking, ApiError, AppState};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(users_page).post(create_user))
        .route("/admin/users/{id}/disable", post(disable_user))
        .route("/admin/users/{id}/enable", post(enable_user))
        .route("/admin/users/{id}/role", post(change_role))
        .route("/admin/users/{id}/password", post(reset_password))
        .route("/admin/organisations", get(organisations_page).post(create_organisation))
        .route("/cases/{id}/team", get(team_page).post(change_team))
        .route("/account", get(account_page))
        .route("/account/password", post(change_password))
        .route("/account/preferences", post(save_preferences))
        .route("/account/password-changed", get(password_changed))
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/// A message with arguments, in the page's language.
fn msg(c: &Ctx, key: &str, args: &[(&str, FluentArg)]) -> String {
    Translations::global().get_args(c.lang, key, args)
}

/// The sentence for a field the user must correct: `code` is the store's (or the form's) error
/// code, `label_key` the id of the field's visible label.
fn field_error(c: &Ctx, label_key: &str, code: &str) -> String {
    let field = || ("field", FluentArg::Str(c.t(label_key)));
    match code {
        "required" => msg(c, "error-required-field", &[field()]),
        "too_short" => msg(c, "admin-error-too-short", &[field(), ("min", FluentArg::from(PASSWORD_MIN))]),
        "too_long" => msg(c, "admin-error-too-long", &[field()]),
        "invalid_username" => msg(c, "admin-error-username", &[field()]),
        "username_taken" => msg(c, "admin-error-username-taken", &[field()]),
        "partner_role" => msg(c, "admin-error-partner-role", &[field()]),
        "invalid_country" => msg(c, "admin-error-country", &[field()]),
        "mismatch" => msg(c, "admin-error-password-mismatch", &[field()]),
        "wrong_password" => msg(c, "admin-error-wrong-password", &[field()]),
        "self" => c.t("admin-error-disable-self"),
        "self_role" => c.t("admin-error-role-self"),
        "last_member" => c.t("admin-error-last-member"),
        "choice" | "unknown_organisation" | "unknown_user" | "disabled_user" | "not_eligible" | "not_on_team" => {
            msg(c, "admin-error-choice", &[field()])
        }
        _ => msg(c, "admin-error-invalid", &[field()]),
    }
}

/// What became of a store call made for a form.
enum Done<T> {
    Ok(T),
    /// The input was refused: the alert's text, naming the field.
    Invalid(String),
    /// Anything else (not found, forbidden, internal): an error page.
    Failed(ApiError),
}

/// Sorts a store result for a form: validation errors and conflicts become the field's sentence
/// (`labels` maps the store's field names to label ids), everything else an error page.
fn done<T>(c: &Ctx, r: Result<StoreResult<T>, ApiError>, labels: &[(&str, &'static str)]) -> Done<T> {
    let label = |field: &str| label_of(labels, field);
    match r {
        Ok(Ok(v)) => Done::Ok(v),
        Ok(Err(StoreError::Validation(v))) => Done::Invalid(field_error(c, label(&v.field), v.code)),
        Ok(Err(StoreError::Conflict { code: "username_taken", .. })) => {
            Done::Invalid(field_error(c, label("username"), "username_taken"))
        }
        Ok(Err(e)) => Done::Failed(ApiError::from(e)),
        Err(e) => Done::Failed(e),
    }
}

/// Runs `f` off the async threads, keeping the store's own error for [`done`].
async fn call<T, F>(state: &AppState, f: F) -> Result<StoreResult<T>, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> StoreResult<T> + Send + 'static,
{
    blocking(state, move |store| Ok(f(store))).await
}

/// Administrators only: anyone else gets a 403 page, and the refusal is audited.
async fn require_admin(state: &AppState, session: &Session) -> Result<(), ApiError> {
    if session.actor.role == Role::Administrator {
        return Ok(());
    }
    let actor = session.actor.clone();
    let refused =
        blocking(state, move |store| Ok(store.record_forbidden(&actor, "only an administrator manages users"))).await;
    Err(match refused {
        Ok(e) => ApiError::from(e),
        Err(e) => e,
    })
}

/// One parameter of a query string.
fn query_param(query: &Option<String>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

// ---------------------------------------------------------------------------------------------
// Users

pub struct UserView {
    pub id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub role: &'static str,
    pub org_name: String,
    pub disabled: bool,
    pub is_me: bool,
    /// The reset-password form is open (it came back with an error).
    pub reset_open: bool,
}

pub struct OrgOption {
    pub id: Uuid,
    pub name: String,
    pub is_own: bool,
    pub selected: bool,
}

/// What the new-user form keeps when it comes back (never the passwords).
#[derive(Default)]
pub struct KeptUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub org_id: String,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct UsersPage {
    c: Ctx,
    users: Vec<UserView>,
    orgs: Vec<OrgOption>,
    roles: Vec<&'static str>,
    kept: KeptUser,
    notice: Option<String>,
    /// An action on a listed user was refused.
    error: Option<String>,
    /// The new-user form was refused.
    create_error: Option<String>,
    password_hint: String,
}

/// What the users page shows besides the lists.
#[derive(Default)]
struct UsersState {
    kept: KeptUser,
    notice: Option<String>,
    error: Option<String>,
    create_error: Option<String>,
    reset_open: Option<Uuid>,
}

async fn load_users(state: &AppState, session: &Session) -> Result<(Vec<User>, Vec<Organisation>), ApiError> {
    let actor = session.actor.clone();
    blocking(state, move |store| {
        store
            .read(Some(&actor), |tx| {
                let users = users::list(tx, &actor)?;
                let orgs = orgs::list(tx)?;
                Ok((users, orgs))
            })
            .map_err(ApiError::from)
    })
    .await
}

/// Renders the users page with `status`, loading the lists afresh.
async fn show_users(state: &AppState, c: Ctx, session: &Session, st: UsersState, status: StatusCode) -> Response {
    let (list, orgs) = match load_users(state, session).await {
        Ok(v) => v,
        Err(e) => return error_page(c, &e),
    };
    let org_name = |id: Uuid| orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()).unwrap_or_default();
    let users = list
        .into_iter()
        .map(|u| UserView {
            org_name: org_name(u.org_id),
            is_me: u.id == session.actor.user_id,
            reset_open: st.reset_open == Some(u.id),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.code(),
            disabled: u.disabled,
        })
        .collect();
    let own = orgs.iter().find(|o| o.is_own).map(|o| o.id.to_string()).unwrap_or_default();
    let chosen = if st.kept.org_id.is_empty() { own } else { st.kept.org_id.clone() };
    let orgs = orgs
        .into_iter()
        .map(|o| OrgOption { selected: o.id.to_string() == chosen, id: o.id, name: o.name, is_own: o.is_own })
        .collect();
    let password_hint = msg(&c, "admin-password-hint", &[("min", FluentArg::from(PASSWORD_MIN))]);
    let page = UsersPage {
        users,
        orgs,
        roles: Role::ALL.iter().map(|r| r.code()).collect(),
        kept: st.kept,
        notice: st.notice,
        error: st.error,
        create_error: st.create_error,
        password_hint,
        c,
    };
    render_status(&page, status)
}

pub async fn users_page(State(state): State<AppState>, req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if let Err(e) = require_admin(&state, &session).await {
        return error_page(take_ctx(&req), &e);
    }
    let c = take_ctx(&req);
    // A notice after a redirect: what was done, and to whom (looked up, never echoed).
    let mut notice = None;
    if let Some(done) = query_param(&query, "done") {
        let who = query_param(&query, "user").and_then(|u| Uuid::parse_str(&u).ok());
        let name = match who {
            Some(id) => {
                let actor = session.actor.clone();
                blocking(&state, move |store| store.read(Some(&actor), |tx| users::get(tx, id)).map_err(ApiError::from))
                    .await
                    .ok()
                    .map(|u| u.username)
            }
            None => None,
        };
        let key = match done.as_str() {
            "created" => Some("admin-user-created"),
            "disabled" => Some("admin-user-disabled"),
            "enabled" => Some("admin-user-enabled"),
            "role" => Some("admin-role-changed"),
            "password" => Some("admin-password-was-reset"),
            _ => None,
        };
        if let (Some(key), Some(name)) = (key, name) {
            notice = Some(msg(&c, key, &[("username", FluentArg::Str(name))]));
        }
    }
    show_users(&state, c, &session, UsersState { notice, ..UsersState::default() }, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    org_id: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_repeat: String,
}

const USER_LABELS: &[(&str, &str)] = &[
    ("username", "admin-username"),
    ("display_name", "admin-display-name"),
    ("role", "admin-role"),
    ("org_id", "admin-organisation"),
    ("password", "admin-password"),
    ("password_repeat", "admin-password-repeat"),
    ("user_id", "admin-username"),
];

fn label_of(labels: &[(&str, &'static str)], field: &str) -> &'static str {
    labels.iter().find(|(f, _)| *f == field).map(|(_, l)| *l).unwrap_or("error-title")
}

pub async fn create_user(State(state): State<AppState>, req: UiRequest, Form(form): Form<NewUserForm>) -> Response {
    let (session, c) = match admin_form(&state, &req, &form.csrf).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let kept = KeptUser {
        username: form.username.clone(),
        display_name: form.display_name.clone(),
        role: form.role.clone(),
        org_id: form.org_id.clone(),
    };
    let invalid = |c: Ctx, kept: KeptUser, text: String| {
        let st = UsersState { kept, create_error: Some(text), ..UsersState::default() };
        show_users(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY)
    };
    let Some(role) = Role::from_code(&form.role) else {
        let text = field_error(&c, label_of(USER_LABELS, "role"), "choice");
        return invalid(c, kept, text).await;
    };
    let org_id = match Uuid::parse_str(form.org_id.trim()) {
        Ok(id) => Some(id),
        Err(_) if form.org_id.trim().is_empty() => None,
        Err(_) => {
            let text = field_error(&c, label_of(USER_LABELS, "org_id"), "choice");
            return invalid(c, kept, text).await;
        }
    };
    if form.password.is_empty() {
        let text = field_error(&c, label_of(USER_LABELS, "password"), "required");
        return invalid(c, kept, text).await;
    }
    if form.password != form.password_repeat {
        let text = field_error(&c, label_of(USER_LABELS, "password_repeat"), "mismatch");
        return invalid(c, kept, text).await;
    }
    let input = UserInput {
        username: form.username,
        role,
        password: form.password,
        display_name: Some(form.display_name).filter(|d| !d.trim().is_empty()),
        org_id,
    };
    // Validation and the slow hash first, off the async threads; then the insert.
    let actor = session.actor.clone();
    let created = call(&state, move |store| {
        let new = NewUser::prepare(input)?;
        store.write(Some(&actor), |tx| users::create(tx, &actor, new))
    })
    .await;
    match done(&c, created, USER_LABELS) {
        Done::Ok(user) => see_other(&format!("/admin/users?done=created&user={}", user.id)),
        Done::Invalid(text) => invalid(c, kept, text).await,
        Done::Failed(e) => error_page(c, &e),
    }
}

/// The administrator behind a posted form and the page's context, once the form's CSRF token is
/// right; or the page that refuses (sign in, a stale form, not an administrator).
async fn admin_form(state: &AppState, req: &UiRequest, csrf: &str) -> Result<(Session, Ctx), Response> {
    let Some(session) = req.ctx.session.clone() else { return Err(to_login()) };
    if !req.csrf_ok(csrf) {
        return Err(csrf_page(take_ctx(req)));
    }
    if let Err(e) = require_admin(state, &session).await {
        return Err(error_page(take_ctx(req), &e));
    }
    Ok((session, take_ctx(req)))
}

async fn set_disabled(state: AppState, req: UiRequest, raw_id: String, csrf: String, disabled: bool) -> Response {
    let (session, c) = match admin_form(&state, &req, &csrf).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let Ok(id) = Uuid::parse_str(&raw_id) else { return error_page(c, &ApiError::not_found()) };
    let actor = session.actor.clone();
    let result =
        call(&state, move |store| store.write(Some(&actor), |tx| users::set_disabled(tx, &actor, id, disabled))).await;
    match done(&c, result, USER_LABELS) {
        Done::Ok(user) => {
            let what = if disabled { "disabled" } else { "enabled" };
            see_other(&format!("/admin/users?done={what}&user={}", user.id))
        }
        Done::Invalid(text) => {
            let st = UsersState { error: Some(text), ..UsersState::default() };
            show_users(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Done::Failed(e) => error_page(c, &e),
    }
}

pub async fn disable_user(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    set_disabled(state, req, raw_id, form.csrf, true).await
}

pub async fn enable_user(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    set_disabled(state, req, raw_id, form.csrf, false).await
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
}

/// An administrator gives another user a different role; that user's sessions end.
pub async fn change_role(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Response {
    let (session, c) = match admin_form(&state, &req, &form.csrf).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let Ok(id) = Uuid::parse_str(&raw_id) else { return error_page(c, &ApiError::not_found()) };
    let Some(role) = Role::from_code(&form.role) else {
        let st = UsersState { error: Some(field_error(&c, "admin-role", "choice")), ..UsersState::default() };
        return show_users(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let actor = session.actor.clone();
    let result = call(&state, move |store| store.write(Some(&actor), |tx| users::set_role(tx, &actor, id, role))).await;
    match done(&c, result, USER_LABELS) {
        Done::Ok(user) => see_other(&format!("/admin/users?done=role&user={}", user.id)),
        Done::Invalid(text) => {
            let st = UsersState { error: Some(text), ..UsersState::default() };
            show_users(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Done::Failed(e) => error_page(c, &e),
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_repeat: String,
}

/// An administrator sets another user's password; every session of that user ends.
pub async fn reset_password(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Response {
    let (session, c) = match admin_form(&state, &req, &form.csrf).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let Ok(id) = Uuid::parse_str(&raw_id) else { return error_page(c, &ApiError::not_found()) };
    let labels: &[(&str, &'static str)] =
        &[("password", "admin-new-password"), ("password_repeat", "admin-password-repeat")];
    let refused = if form.password.is_empty() {
        Some(field_error(&c, "admin-new-password", "required"))
    } else if form.password != form.password_repeat {
        Some(field_error(&c, "admin-password-repeat", "mismatch"))
    } else {
        validate_password(&form.password).err().map(|v| field_error(&c, label_of(labels, &v.field), v.code))
    };
    if let Some(text) = refused {
        let st = UsersState { error: Some(text), reset_open: Some(id), ..UsersState::default() };
        return show_users(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let actor = session.actor.clone();
    let password = form.password;
    let result = call(&state, move |store| {
        let hash = users::hash_password(&password)?;
        store.write(Some(&actor), |tx| users::reset_password(tx, &actor, id, hash))
    })
    .await;
    match done(&c, result, labels) {
        // Their own: this session has ended too.
        Done::Ok(()) if id == session.actor.user_id => signed_out_to(&state, "/account/password-changed"),
        Done::Ok(()) => see_other(&format!("/admin/users?done=password&user={id}")),
        Done::Invalid(text) => {
            let st = UsersState { error: Some(text), reset_open: Some(id), ..UsersState::default() };
            show_users(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Done::Failed(e) => error_page(c, &e),
    }
}

// ---------------------------------------------------------------------------------------------
// Organisations

pub struct OrgView {
    pub name: String,
    pub org_type: &'static str,
    pub country: String,
    pub is_own: bool,
}

#[derive(Template)]
#[template(path = "admin_organisations.html")]
struct OrganisationsPage {
    c: Ctx,
    orgs: Vec<OrgView>,
    types: Vec<&'static str>,
    name: String,
    org_type: String,
    country: String,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Default)]
struct OrgFormState {
    name: String,
    org_type: String,
    country: String,
    notice: Option<String>,
    error: Option<String>,
}

async fn show_organisations(
    state: &AppState,
    c: Ctx,
    session: &Session,
    st: OrgFormState,
    status: StatusCode,
) -> Response {
    let actor = session.actor.clone();
    let list = blocking(state, move |store| store.read(Some(&actor), orgs::list).map_err(ApiError::from)).await;
    let list = match list {
        Ok(l) => l,
        Err(e) => return error_page(c, &e),
    };
    let page = OrganisationsPage {
        orgs: list
            .into_iter()
            .map(|o| OrgView { name: o.name, org_type: o.org_type.code(), country: o.country, is_own: o.is_own })
            .collect(),
        types: OrganisationType::ALL.iter().map(|t| t.code()).collect(),
        name: st.name,
        org_type: st.org_type,
        country: if st.country.is_empty() { "THA".into() } else { st.country },
        notice: st.notice,
        error: st.error,
        c,
    };
    render_status(&page, status)
}

pub async fn organisations_page(State(state): State<AppState>, req: UiRequest, RawQuery(query): RawQuery) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if let Err(e) = require_admin(&state, &session).await {
        return error_page(take_ctx(&req), &e);
    }
    let c = take_ctx(&req);
    let notice = match query_param(&query, "created").and_then(|v| Uuid::parse_str(&v).ok()) {
        Some(id) => {
            let actor = session.actor.clone();
            blocking(&state, move |store| store.read(Some(&actor), |tx| orgs::get(tx, id)).map_err(ApiError::from))
                .await
                .ok()
                .map(|o| msg(&c, "admin-org-created", &[("name", FluentArg::Str(o.name))]))
        }
        None => None,
    };
    show_organisations(&state, c, &session, OrgFormState { notice, ..OrgFormState::default() }, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    org_type: String,
    #[serde(default)]
    country: String,
}

const ORG_LABELS: &[(&str, &str)] =
    &[("name", "admin-organisation-name"), ("org_type", "admin-org-type"), ("country", "admin-country")];

pub async fn create_organisation(
    State(state): State<AppState>,
    req: UiRequest,
    Form(form): Form<OrganisationForm>,
) -> Response {
    let (session, c) = match admin_form(&state, &req, &form.csrf).await {
        Ok(v) => v,
        Err(refused) => return refused,
    };
    let kept = |error: String| OrgFormState {
        name: form.name.clone(),
        org_type: form.org_type.clone(),
        country: form.country.clone(),
        notice: None,
        error: Some(error),
    };
    let Some(org_type) = OrganisationType::from_code(&form.org_type) else {
        let st = kept(field_error(&c, label_of(ORG_LABELS, "org_type"), "choice"));
        return show_organisations(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let input = OrganisationInput { name: form.name.clone(), org_type, country: Some(form.country.clone()) };
    let new = match input.validate() {
        Ok(n) => n,
        Err(v) => {
            let st = kept(field_error(&c, label_of(ORG_LABELS, &v.field), v.code));
            return show_organisations(&state, c, &session, st, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let actor = session.actor.clone();
    let result = call(&state, move |store| store.write(Some(&actor), |tx| orgs::create_partner(tx, &actor, new))).await;
    match done(&c, result, ORG_LABELS) {
        Done::Ok(org) => see_other(&format!("/admin/organisations?created={}", org.id)),
        Done::Invalid(text) => {
            show_organisations(&state, c, &session, kept(text), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Done::Failed(e) => error_page(c, &e),
    }
}

// ---------------------------------------------------------------------------------------------
// Case teams

pub struct MemberView {
    pub user_id: Uuid,
    pub username: String,
    pub role: &'static str,
    pub added_on: NaiveDate,
    pub is_me: bool,
    /// The remove button's accessible name, naming the member.
    pub remove_label: String,
}

pub struct CandidateView {
    pub id: Uuid,
    pub username: String,
    pub display_name: Option<String>,
    pub role: &'static str,
}

#[derive(Template)]
#[template(path = "admin_team.html")]
struct TeamPage {
    c: Ctx,
    case_id: Uuid,
    heading: String,
    case_title: String,
    members: Vec<MemberView>,
    candidates: Vec<CandidateView>,
    notice: Option<String>,
    error: Option<String>,
}

fn parse_case_id(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw).ok()
}

/// The team page: a case the user may see (404 otherwise) and may change (403 for analysts).
async fn show_team(
    state: &AppState,
    c: Ctx,
    session: &Session,
    case_id: Uuid,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let actor = session.actor.clone();
    let data = blocking(state, move |store| {
        store
            .read(Some(&actor), |tx| {
                let detail = cases::get(tx, &actor, case_id)?;
                let candidates = cases::team_candidates(tx, &actor, case_id)?;
                Ok((detail, candidates))
            })
            .map_err(ApiError::from)
    })
    .await;
    let (detail, candidates) = match data {
        Ok(d) => d,
        Err(e) => return error_page(c, &e),
    };
    let me = session.actor.user_id;
    let page = TeamPage {
        heading: msg(&c, "team-title", &[("reference", FluentArg::Str(detail.case.reference.clone()))]),
        case_title: detail.case.title,
        case_id,
        members: detail
            .team
            .into_iter()
            .map(|m| MemberView {
                remove_label: msg(&c, "team-remove-member", &[("username", FluentArg::Str(m.username.clone()))]),
                is_me: m.user_id == me,
                user_id: m.user_id,
                username: m.username,
                role: m.role.code(),
                added_on: m.added_at.date_naive(),
            })
            .collect(),
        candidates: candidates
            .into_iter()
            .map(|u| CandidateView {
                id: u.id,
                username: u.username,
                display_name: u.display_name,
                role: u.role.code(),
            })
            .collect(),
        notice,
        error,
        c,
    };
    render_status(&page, status)
}

pub async fn team_page(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    let c = take_ctx(&req);
    let Some(case_id) = parse_case_id(&raw_id) else { return error_page(c, &ApiError::not_found()) };
    let notice = match query_param(&query, "done").as_deref() {
        Some("added") => Some(c.t("team-added")),
        Some("removed") => Some(c.t("team-removed")),
        _ => None,
    };
    show_team(&state, c, &session, case_id, notice, None, StatusCode::OK).await
}

#[derive(Deserialize)]
pub struct TeamForm {
    #[serde(default)]
    csrf: String,
    /// "add" (the default) or "remove".
    #[serde(default)]
    action: String,
    #[serde(default)]
    user_id: String,
}

/// Adds a colleague to the team, or takes one off it (`action=remove`).
pub async fn change_team(
    State(state): State<AppState>,
    req: UiRequest,
    Path(raw_id): Path<String>,
    Form(form): Form<TeamForm>,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !req.csrf_ok(&form.csrf) {
        return csrf_page(take_ctx(&req));
    }
    let c = take_ctx(&req);
    let Some(case_id) = parse_case_id(&raw_id) else { return error_page(c, &ApiError::not_found()) };
    let labels: &[(&str, &'static str)] = &[("user_id", "team-colleague")];
    let remove = form.action == "remove";
    let user_id = match Uuid::parse_str(form.user_id.trim()) {
        Ok(id) => id,
        Err(_) => {
            let code = if form.user_id.trim().is_empty() { "required" } else { "choice" };
            let text = field_error(&c, "team-colleague", code);
            return show_team(&state, c, &session, case_id, None, Some(text), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let actor = session.actor.clone();
    let result = call(&state, move |store| {
        store.write(Some(&actor), |tx| {
            if remove {
                cases::remove_team_member(tx, &actor, case_id, user_id)
            } else {
                cases::add_team_member(tx, &actor, case_id, user_id)
            }
        })
    })
    .await;
    match done(&c, result, labels) {
        // Off the team themself: the case may be out of sight now.
        Done::Ok(_) if remove && user_id == session.actor.user_id => see_other("/cases"),
        Done::Ok(_) => see_other(&format!("/cases/{case_id}/team?done={}", if remove { "removed" } else { "added" })),
        Done::Invalid(text) => {
            show_team(&state, c, &session, case_id, None, Some(text), StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Done::Failed(e) => error_page(c, &e),
    }
}

// ---------------------------------------------------------------------------------------------
// The account page

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Ctx,
    password_hint: String,
    notice: Option<String>,
    password_error: Option<String>,
}

fn show_account(c: Ctx, notice: Option<String>, password_error: Option<String>, status: StatusCode) -> Response {
    let password_hint = msg(&c, "account-password-hint", &[("min", FluentArg::from(PASSWORD_MIN))]);
    render_status(&AccountPage { password_hint, notice, password_error, c }, status)
}

pub async fn account_page(req: UiRequest, RawQuery(query): RawQuery) -> Response {
    if req.ctx.session.is_none() {
        return to_login();
    }
    let c = take_ctx(&req);
    let notice = match query_param(&query, "done").as_deref() {
        Some("saved") => Some(c.t("saved")),
        _ => None,
    };
    show_account(c, notice, None, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct ChangePasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_repeat: String,
}

/// A redirect that also drops the (now dead) session cookie.
fn signed_out_to(state: &AppState, path: &str) -> Response {
    let mut resp = see_other(path);
    if let Ok(v) = HeaderValue::from_str(&clear_cookie(state.config.secure_cookies)) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// Changes one's own password: the current one is checked first; every session ends after.
pub async fn change_password(
    State(state): State<AppState>,
    req: UiRequest,
    Form(form): Form<ChangePasswordForm>,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !req.csrf_ok(&form.csrf) {
        return csrf_page(take_ctx(&req));
    }
    let c = take_ctx(&req);
    let refused = if form.current_password.is_empty() {
        Some(field_error(&c, "account-current-password", "required"))
    } else if form.new_password.is_empty() {
        Some(field_error(&c, "account-new-password", "required"))
    } else if form.new_password != form.new_password_repeat {
        Some(field_error(&c, "account-new-password-repeat", "mismatch"))
    } else {
        validate_password(&form.new_password).err().map(|v| field_error(&c, "account-new-password", v.code))
    };
    if let Some(text) = refused {
        return show_account(c, None, Some(text), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let actor = session.actor.clone();
    let policy = state.config.sessions;
    let result = call(&state, move |store| {
        if !users::verify_own_password(store, &actor, &form.current_password, &policy)? {
            return Ok(false);
        }
        let hash = users::hash_password(&form.new_password)?;
        let me = actor.user_id;
        store.write(Some(&actor), |tx| users::reset_password(tx, &actor, me, hash))?;
        Ok(true)
    })
    .await;
    match done(&c, result, &[]) {
        Done::Ok(true) => signed_out_to(&state, "/account/password-changed"),
        Done::Ok(false) => {
            let text = field_error(&c, "account-current-password", "wrong_password");
            show_account(c, None, Some(text), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Done::Invalid(text) => show_account(c, None, Some(text), StatusCode::UNPROCESSABLE_ENTITY),
        Done::Failed(e) if e.status == StatusCode::TOO_MANY_REQUESTS => {
            let text = c.t("login-throttled");
            show_account(c, None, Some(text), StatusCode::TOO_MANY_REQUESTS)
        }
        Done::Failed(e) => error_page(c, &e),
    }
}

#[derive(Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    csrf: String,
    /// Present (any value) when the box is ticked.
    #[serde(default)]
    buddhist_era: Option<String>,
}

pub async fn save_preferences(
    State(state): State<AppState>,
    req: UiRequest,
    Form(form): Form<PreferencesForm>,
) -> Response {
    let Some(session) = req.ctx.session.clone() else { return to_login() };
    if !req.csrf_ok(&form.csrf) {
        return csrf_page(take_ctx(&req));
    }
    let era = form.buddhist_era.is_some();
    let actor = session.actor.clone();
    let locale = session.locale.clone();
    let saved = blocking(&state, move |store| {
        store
            .write(Some(&actor), |tx| users::set_preferences(tx, &actor, locale.as_deref(), era))
            .map_err(ApiError::from)
    })
    .await;
    match saved {
        Ok(()) => see_other("/account?done=saved"),
        Err(e) => error_page(take_ctx(&req), &e),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct SignInAgainPage {
    c: Ctx,
    error: Option<String>,
    notice: Option<String>,
    username: String,
}

/// The sign-in page with a notice that the password was changed (every session ended with it).
pub async fn password_changed(State(state): State<AppState>, req: UiRequest) -> Response {
    if req.ctx.signed_in() {
        return see_other("/");
    }
    let c = take_ctx(&req);
    let notice = Some(c.t("account-password-changed"));
    let resp = render(&SignInAgainPage { c, error: None, notice, username: String::new() });
    req.respond(resp, state.config.secure_cookies)
}
