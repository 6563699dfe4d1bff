//! Users, passwords, sessions, login throttling and the one-time set-up link.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;
use zeroize::Zeroizing;

use counternet_domain::org::{validate_password, validate_username, User, UserInput};
use counternet_domain::{Actor, Role, ValidationError};

use crate::audit::{AuditEvent, Outcome};
use crate::clock::{fmt_time, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{LoginFailureRow, SessionRow, SetupTokenRow, UserRow};
use crate::schema::{login_failures, sessions, setup_tokens, users};
use crate::{new_id, orgs, parse_uuid, Store, Tx};

/// Argon2id with the OWASP minimum: m = 19 MiB, t = 2, p = 1.
fn argon2() -> StoreResult<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| StoreError::Config(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password (slow on purpose: call it off the async threads).
pub fn hash_password(password: &str) -> StoreResult<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Config(format!("cannot hash a password: {e}")))
}

/// Checks a password against a stored hash; a malformed hash never matches.
pub fn verify_password(hash: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    argon2().map(|a| a.verify_password(password.as_bytes(), &parsed).is_ok()).unwrap_or(false)
}

/// A hash of a random password, verified against when the username is unknown so that an
/// unknown user costs the same time as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut pw = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut pw);
        hash_password(&hex::encode(pw)).unwrap_or_default()
    })
}

/// Computes the dummy hash ahead of the first sign-in, so that the first attempt with an unknown
/// username is not slower than later ones.
pub fn warm_up() {
    let _ = dummy_hash();
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> Zeroizing<String> {
    let mut raw = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(raw.as_mut_slice());
    Zeroizing::new(hex::encode(raw.as_slice()))
}

pub(crate) fn to_domain(r: UserRow) -> StoreResult<User> {
    Ok(User {
        id: parse_uuid(&r.id)?,
        org_id: parse_uuid(&r.org_id)?,
        role: Role::from_code(&r.role).ok_or_else(|| StoreError::corrupt("unknown role"))?,
        username: r.username,
        display_name: r.display_name,
        disabled: r.disabled,
        created_at: parse_time(&r.created_at)?,
    })
}

/// A new user, validated and with the password already hashed (hash outside the transaction).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub role: Role,
    pub password_hash: String,
    pub display_name: Option<String>,
    pub org_id: Option<Uuid>,
}

impl NewUser {
    /// Validates the input and hashes the password (slow: call off the async threads).
    pub fn prepare(input: UserInput) -> StoreResult<NewUser> {
        let username = validate_username(&input.username)?;
        validate_password(&input.password)?;
        let display_name =
            counternet_domain::validation::optional_text("display_name", input.display_name.as_deref(), 200)?;
        Ok(NewUser {
            username,
            role: input.role,
            password_hash: hash_password(&input.password)?,
            display_name,
            org_id: input.org_id,
        })
    }
}

fn require_admin(actor: &Actor) -> StoreResult<()> {
    if actor.role == Role::Administrator {
        Ok(())
    } else {
        Err(StoreError::Forbidden("only an administrator manages users"))
    }
}

/// Creates a user (administrators, or the local `counternet users` command).
pub fn create(tx: &mut Tx<'_>, actor: &Actor, new: NewUser) -> StoreResult<User> {
    require_admin(actor)?;
    let org = match new.org_id {
        Some(id) => orgs::get(tx, id)
            .map_err(|_| ValidationError::new("org_id", "unknown_organisation", "no such organisation"))?,
        None => orgs::own(tx)?.ok_or_else(|| StoreError::Config("the own organisation is not set up yet".into()))?,
    };
    if !org.is_own && !matches!(new.role, Role::PartnerLiaison) {
        return Err(ValidationError::new(
            "role",
            "partner_role",
            "a partner organisation's users are partner liaisons",
        )
        .into());
    }
    let exists: i64 = users::table.filter(users::username.eq(&new.username)).count().get_result(tx.conn)?;
    if exists > 0 {
        return Err(StoreError::Conflict { code: "username_taken", message: "that username is already in use".into() });
    }
    let now = fmt_time(tx.now);
    let row = UserRow {
        id: new_id().to_string(),
        org_id: org.id.to_string(),
        username: new.username,
        display_name: new.display_name,
        role: new.role.code().into(),
        password_hash: new.password_hash,
        disabled: false,
        created_at: now.clone(),
        updated_at: now,
        locale: None,
        buddhist_era: false,
    };
    diesel::insert_into(users::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("user.create", "user", &row.id).detail(serde_json::json!({"role": row.role})));
    to_domain(row)
}

/// Users the actor may list: administrators and auditors see everyone, others their organisation.
pub fn list(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<User>> {
    let mut q = users::table.into_boxed();
    if !matches!(actor.role, Role::Administrator | Role::Auditor) {
        q = q.filter(users::org_id.eq(actor.org_id.to_string()));
    }
    q.order(users::username.asc()).select(UserRow::as_select()).load(tx.conn)?.into_iter().map(to_domain).collect()
}

pub fn get(tx: &mut Tx<'_>, id: Uuid) -> StoreResult<User> {
    users::table
        .find(id.to_string())
        .select(UserRow::as_select())
        .first(tx.conn)
        .optional()?
        .map(to_domain)
        .transpose()?
        .ok_or(StoreError::NotFound)
}

pub fn find_by_username(tx: &mut Tx<'_>, username: &str) -> StoreResult<Option<User>> {
    users::table
        .filter(users::username.eq(username.trim().to_lowercase()))
        .select(UserRow::as_select())
        .first(tx.conn)
        .optional()?
        .map(to_domain)
        .transpose()
}

/// Disables or re-enables a user; disabling ends every session of theirs at once.
pub fn set_disabled(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, disabled: bool) -> StoreResult<User> {
    require_admin(actor)?;
    if !actor.is_system() && actor.user_id == id && disabled {
        return Err(ValidationError::new("user_id", "self", "you cannot disable yourself").into());
    }
    let n = diesel::update(users::table.find(id.to_string()))
        .set((users::disabled.eq(disabled), users::updated_at.eq(fmt_time(tx.now))))
        .execute(tx.conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let ended = end_sessions(tx, id)?;
    tx.audit(
        AuditEvent::new(if disabled { "user.disable" } else { "user.enable" }, "user", id)
            .detail(serde_json::json!({"sessions_ended": ended})),
    );
    get(tx, id)
}

/// Gives a user another role (administrators). A partner organisation's users stay partner
/// liaisons and the own organisation's users cannot become one; an administrator cannot change
/// their own role (so there is always one left). The user's sessions end, so the new permissions
/// apply from their next sign-in.
pub fn set_role(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, role: Role) -> StoreResult<User> {
    require_admin(actor)?;
    if !actor.is_system() && actor.user_id == id {
        return Err(ValidationError::new("role", "self_role", "you cannot change your own role").into());
    }
    let user = get(tx, id)?;
    if user.role == role {
        return Ok(user);
    }
    let org = orgs::get(tx, user.org_id)?;
    if org.is_own == (role == Role::PartnerLiaison) {
        return Err(ValidationError::new(
            "role",
            "partner_role",
            "partner liaisons belong to partner organisations, and a partner's users are partner liaisons",
        )
        .into());
    }
    diesel::update(users::table.find(id.to_string()))
        .set((users::role.eq(role.code()), users::updated_at.eq(fmt_time(tx.now))))
        .execute(tx.conn)?;
    let ended = end_sessions(tx, id)?;
    tx.audit(AuditEvent::new("user.role", "user", id).detail(serde_json::json!({
        "from": user.role.code(), "to": role.code(), "sessions_ended": ended,
    })));
    get(tx, id)
}

/// Checks the actor's own current password against the stored hash, as when they change it.
/// Slow on purpose (Argon2id): call it off the async threads. A wrong password is recorded in the
/// audit trail (without the password) and counts as a failed sign-in for the user, so that a
/// session left open cannot be used to guess the password: after as many failures as sign-in
/// allows, the check is refused (`Throttled`) for the same window.
pub fn verify_own_password(store: &Store, actor: &Actor, password: &str, policy: &SessionPolicy) -> StoreResult<bool> {
    let since = fmt_time(store.now() - policy.window);
    let (row, failures) = store.read(Some(actor), |tx| {
        let row: Option<(String, String)> = users::table
            .find(actor.user_id.to_string())
            .select((users::username, users::password_hash))
            .first(tx.conn)
            .optional()?;
        let failures: i64 = match &row {
            Some((username, _)) => login_failures::table
                .filter(login_failures::username.eq(username))
                .filter(login_failures::at.ge(&since))
                .count()
                .get_result(tx.conn)?,
            None => 0,
        };
        Ok((row, failures))
    })?;
    let Some((username, hash)) = row else { return Err(StoreError::NotFound) };
    if failures >= policy.max_failures_per_user {
        store.write(Some(actor), |tx| {
            tx.audit(
                AuditEvent::new("user.password_check", "user", actor.user_id)
                    .outcome(Outcome::Denied)
                    .detail(serde_json::json!({"reason": "throttled"})),
            );
            Ok(())
        })?;
        return Err(StoreError::Throttled);
    }
    let ok = verify_password(&hash, password);
    if !ok {
        store.write(Some(actor), |tx| {
            diesel::insert_into(login_failures::table)
                .values(&LoginFailureRow {
                    id: new_id().to_string(),
                    username: username.clone(),
                    address: "account-page".into(),
                    at: fmt_time(tx.now),
                })
                .execute(tx.conn)?;
            tx.audit(
                AuditEvent::new("user.password_check", "user", actor.user_id)
                    .outcome(Outcome::Failed)
                    .detail(serde_json::json!({"reason": "wrong_password"})),
            );
            Ok(())
        })?;
    }
    Ok(ok)
}

/// Sets a new password (already hashed); ends every session of the user.
pub fn reset_password(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, password_hash: String) -> StoreResult<()> {
    if !(actor.role == Role::Administrator || actor.user_id == id) {
        return Err(StoreError::Forbidden("only an administrator resets another user's password"));
    }
    let n = diesel::update(users::table.find(id.to_string()))
        .set((users::password_hash.eq(password_hash), users::updated_at.eq(fmt_time(tx.now))))
        .execute(tx.conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    let ended = end_sessions(tx, id)?;
    tx.audit(AuditEvent::new("user.password_reset", "user", id).detail(serde_json::json!({"sessions_ended": ended})));
    Ok(())
}

fn end_sessions(tx: &mut Tx<'_>, user: Uuid) -> StoreResult<usize> {
    Ok(diesel::delete(sessions::table.filter(sessions::user_id.eq(user.to_string()))).execute(tx.conn)?)
}

/// Session lifetimes and login throttling.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
    /// Failed logins for one username within `window` before further attempts are refused.
    pub max_failures_per_user: i64,
    /// Failed logins from one address within `window` before further attempts are refused.
    pub max_failures_per_address: i64,
    pub window: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::minutes(30),
            absolute: Duration::hours(12),
            max_failures_per_user: 5,
            max_failures_per_address: 30,
            window: Duration::minutes(15),
        }
    }
}

/// A signed-in session.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: Uuid,
    pub actor: Actor,
    pub username: String,
    pub created_at: DateTime<Utc>,
    /// The user's interface language code, once chosen.
    pub locale: Option<String>,
    /// Show years in the Buddhist era.
    pub buddhist_era: bool,
}

/// A successful login: the session and its secret token (only its hash is stored).
pub struct LoggedIn {
    pub session: Session,
    pub token: Zeroizing<String>,
}

/// Checks a username and password; on success opens a session. Every attempt is audited; too
/// many failures for a username or from an address refuse further attempts for a while.
///
/// Slow on purpose (Argon2id): call it off the async threads.
pub fn login(
    store: &Store,
    username: &str,
    password: &str,
    address: &str,
    policy: &SessionPolicy,
) -> StoreResult<LoggedIn> {
    let username = username.trim().to_lowercase();
    let since = fmt_time(store.now() - policy.window);
    let (user, throttled) = store.read(None, |tx| {
        let by_user: i64 = login_failures::table
            .filter(login_failures::username.eq(&username))
            .filter(login_failures::at.ge(&since))
            .count()
            .get_result(tx.conn)?;
        let by_address: i64 = login_failures::table
            .filter(login_failures::address.eq(address))
            .filter(login_failures::at.ge(&since))
            .count()
            .get_result(tx.conn)?;
        let user = users::table
            .filter(users::username.eq(&username))
            .select(UserRow::as_select())
            .first(tx.conn)
            .optional()?;
        Ok((user, by_user >= policy.max_failures_per_user || by_address >= policy.max_failures_per_address))
    })?;
    let user_id = user.as_ref().map(|u| u.id.clone());
    if throttled {
        store.write(None, |tx| {
            tx.audit(login_event(user_id.as_deref(), &username, Outcome::Denied, "throttled"));
            Ok(())
        })?;
        return Err(StoreError::Throttled);
    }
    // Always run one Argon2 verification, against a dummy hash for an unknown user.
    let hash = user.as_ref().map(|u| u.password_hash.as_str()).unwrap_or_else(|| dummy_hash());
    let password_ok = verify_password(hash, password);
    let active = user.as_ref().is_some_and(|u| !u.disabled);
    match user {
        Some(u) if password_ok && active => {
            let token = new_token();
            let actor = Actor {
                user_id: parse_uuid(&u.id)?,
                org_id: parse_uuid(&u.org_id)?,
                role: Role::from_code(&u.role).ok_or_else(|| StoreError::corrupt("unknown role"))?,
            };
            let session = store.write(Some(&actor), |tx| {
                diesel::delete(login_failures::table.filter(login_failures::username.eq(&username)))
                    .execute(tx.conn)?;
                let row = SessionRow {
                    id: new_id().to_string(),
                    token_hash: token_hash(&token),
                    user_id: u.id.clone(),
                    created_at: fmt_time(tx.now),
                    last_seen_at: fmt_time(tx.now),
                };
                diesel::insert_into(sessions::table).values(&row).execute(tx.conn)?;
                tx.audit(
                    AuditEvent::new("session.login", "session", &row.id).detail(serde_json::json!({"user_id": u.id})),
                );
                Ok(Session {
                    id: parse_uuid(&row.id)?,
                    actor: actor.clone(),
                    username: u.username.clone(),
                    created_at: tx.now,
                    locale: u.locale.clone(),
                    buddhist_era: u.buddhist_era,
                })
            })?;
            Ok(LoggedIn { session, token })
        }
        _ => {
            let reason = match (&user_id, password_ok, active) {
                (None, _, _) => "unknown_user",
                (Some(_), true, false) => "disabled",
                _ => "wrong_password",
            };
            store.write(None, |tx| {
                diesel::insert_into(login_failures::table)
                    .values(&LoginFailureRow {
                        id: new_id().to_string(),
                        username: username.clone(),
                        address: address.to_string(),
                        at: fmt_time(tx.now),
                    })
                    .execute(tx.conn)?;
                tx.audit(login_event(user_id.as_deref(), &username, Outcome::Failed, reason));
                Ok(())
            })?;
            Err(StoreError::InvalidCredentials)
        }
    }
}

/// The audit entry of a login attempt. An unknown username is recorded only as a hash prefix:
/// people sometimes type their password into the username field.
fn login_event(user_id: Option<&str>, username: &str, outcome: Outcome, reason: &str) -> AuditEvent {
    let mut e = AuditEvent::new("session.login", "user", user_id.unwrap_or("")).outcome(outcome);
    if user_id.is_none() {
        e.entity_id = None;
        let h: String = token_hash(username).chars().take(12).collect();
        e.detail = serde_json::json!({"reason": reason, "username_sha256_prefix": h});
    } else {
        e.detail = serde_json::json!({"reason": reason});
    }
    e
}

/// Finds the live session for a token; expired sessions are removed. Refreshes `last_seen_at`
/// at most once a minute.
pub fn authenticate(store: &Store, token: &str, policy: &SessionPolicy) -> StoreResult<Option<Session>> {
    let hash = token_hash(token);
    let now = store.now();
    let found = store.read(None, |tx| {
        sessions::table
            .inner_join(users::table)
            .filter(sessions::token_hash.eq(&hash))
            .select((SessionRow::as_select(), UserRow::as_select()))
            .first::<(SessionRow, UserRow)>(tx.conn)
            .optional()
            .map_err(StoreError::from)
    })?;
    let Some((s, u)) = found else { return Ok(None) };
    let created = parse_time(&s.created_at)?;
    let last_seen = parse_time(&s.last_seen_at)?;
    let expired = u.disabled || now - last_seen >= policy.idle || now - created >= policy.absolute;
    let mut conn = store.connection()?;
    if expired {
        diesel::delete(sessions::table.find(&s.id)).execute(&mut *conn)?;
        return Ok(None);
    }
    if now - last_seen >= Duration::seconds(60) {
        diesel::update(sessions::table.find(&s.id))
            .set(sessions::last_seen_at.eq(fmt_time(now)))
            .execute(&mut *conn)?;
    }
    Ok(Some(Session {
        id: parse_uuid(&s.id)?,
        actor: Actor {
            user_id: parse_uuid(&u.id)?,
            org_id: parse_uuid(&u.org_id)?,
            role: Role::from_code(&u.role).ok_or_else(|| StoreError::corrupt("unknown role"))?,
        },
        username: u.username,
        created_at: created,
        locale: u.locale,
        buddhist_era: u.buddhist_era,
    }))
}

/// Keeps a user's interface preferences (language code, Buddhist-era years).
pub fn set_preferences(tx: &mut Tx<'_>, actor: &Actor, locale: Option<&str>, buddhist_era: bool) -> StoreResult<()> {
    if let Some(l) = locale {
        if l.len() > 16 || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(ValidationError::new("locale", "invalid_locale", "must be a language code such as th").into());
        }
    }
    diesel::update(users::table.find(actor.user_id.to_string()))
        .set((users::locale.eq(locale), users::buddhist_era.eq(buddhist_era)))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("user.preferences", "user", actor.user_id)
            .detail(serde_json::json!({"locale": locale, "buddhist_era": buddhist_era})),
    );
    Ok(())
}

/// Ends one session.
pub fn logout(tx: &mut Tx<'_>, session: &Session) -> StoreResult<()> {
    diesel::delete(sessions::table.find(session.id.to_string())).execute(tx.conn)?;
    tx.audit(AuditEvent::new("session.logout", "session", session.id));
    Ok(())
}

/// Whether an enabled administrator exists.
pub fn has_administrator(tx: &mut Tx<'_>) -> StoreResult<bool> {
    let n: i64 = users::table
        .filter(users::role.eq(Role::Administrator.code()))
        .filter(users::disabled.eq(false))
        .count()
        .get_result(tx.conn)?;
    Ok(n > 0)
}

/// Issues the one-time set-up token for the first administrator, valid for 24 hours, if no
/// administrator exists yet. Earlier unused tokens stop working.
pub fn issue_setup_token(store: &Store) -> StoreResult<Option<Zeroizing<String>>> {
    store.write(None, |tx| {
        if has_administrator(tx)? {
            return Ok(None);
        }
        diesel::delete(setup_tokens::table).execute(tx.conn)?;
        let token = new_token();
        diesel::insert_into(setup_tokens::table)
            .values(&SetupTokenRow {
                token_hash: token_hash(&token),
                created_at: fmt_time(tx.now),
                expires_at: fmt_time(tx.now + Duration::hours(24)),
                used_at: None,
            })
            .execute(tx.conn)?;
        tx.audit(AuditEvent::new("setup.token_issued", "setup", ""));
        Ok(Some(token))
    })
}

/// Whether a set-up token is valid now.
pub fn setup_token_valid(store: &Store, token: &str) -> StoreResult<bool> {
    let hash = token_hash(token);
    let now = fmt_time(store.now());
    store.read(None, |tx| {
        let n: i64 = setup_tokens::table
            .filter(setup_tokens::token_hash.eq(&hash))
            .filter(setup_tokens::used_at.is_null())
            .filter(setup_tokens::expires_at.gt(&now))
            .count()
            .get_result(tx.conn)?;
        Ok(n > 0)
    })
}

/// Uses the set-up token: creates the own organisation (if needed) and the first administrator.
pub fn complete_setup(store: &Store, token: &str, organisation_name: &str, new: NewUser) -> StoreResult<User> {
    let hash = token_hash(token);
    let org_name = counternet_domain::validation::required_text("organisation_name", organisation_name, 200)?;
    store
        .write(None, |tx| {
            let now = fmt_time(tx.now);
            let used = diesel::update(
                setup_tokens::table
                    .filter(setup_tokens::token_hash.eq(&hash))
                    .filter(setup_tokens::used_at.is_null())
                    .filter(setup_tokens::expires_at.gt(&now)),
            )
            .set(setup_tokens::used_at.eq(&now))
            .execute(tx.conn)?;
            if used == 0 {
                tx.audit(AuditEvent::new("setup.complete", "setup", "").outcome(Outcome::Denied));
                return Ok(None);
            }
            let org = orgs::ensure_own(tx, &org_name)?;
            // The own organisation may exist already under a placeholder name (a `counternet users`
            // command ran first): the first administrator names it.
            let org = if org.name != org_name { orgs::rename(tx, org.id, &org_name)? } else { org };
            let system = Actor::system(org.id);
            let user = create(tx, &system, NewUser { role: Role::Administrator, org_id: Some(org.id), ..new.clone() })?;
            tx.audit(AuditEvent::new("setup.complete", "user", user.id));
            Ok(Some(user))
        })?
        .ok_or(StoreError::Forbidden("the set-up link is not valid (used, expired or unknown)"))
}
