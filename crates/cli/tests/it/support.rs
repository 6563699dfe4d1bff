//! The test harness: a fresh database per test on SQLite, and on PostgreSQL when
//! COUNTERNET_TEST_DATABASE_URL names an admin connection (scripts/test starts one); the app on
//! port 0; signed-in HTTP clients; users of every role.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use diesel::{Connection, PgConnection, RunQueryDsl};
use uuid::Uuid;

use counternet_domain::org::Organisation;
use counternet_domain::vocab::OrganisationType;
use counternet_domain::{Actor, Role};
use counternet_server::{AppState, ServerConfig};
use counternet_store::users::{self, NewUser};
use counternet_store::{orgs, Clock, ManualClock, Store, StoreConfig};

pub const PASSWORD: &str = "a long enough test password";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to run each storage test on: SQLite always, PostgreSQL when configured.
pub fn backends() -> Vec<Backend> {
    let mut v = vec![Backend::Sqlite];
    if pg_admin_url().is_some() {
        v.push(Backend::Postgres);
    } else if std::env::var_os("CI").is_some() {
        panic!("CI must set COUNTERNET_TEST_DATABASE_URL so that every storage test also runs on PostgreSQL");
    }
    v
}

fn pg_admin_url() -> Option<String> {
    std::env::var("COUNTERNET_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())
}

/// A fresh, empty database for one test, removed when dropped.
pub struct TestDb {
    pub backend: Backend,
    pub dir: PathBuf,
    pub database_url: Option<String>,
    pg_name: Option<String>,
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        let dir = std::env::temp_dir().join(format!("counternet-it-{}", Uuid::now_v7()));
        let (database_url, pg_name) = match backend {
            Backend::Sqlite => (None, None),
            Backend::Postgres => {
                let admin = pg_admin_url().expect("COUNTERNET_TEST_DATABASE_URL");
                let name = format!("cn_it_{}", Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin).expect("connect to the PostgreSQL admin database");
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn).expect("create database");
                let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin.clone());
                (Some(format!("{base}/{name}")), Some(name))
            }
        };
        TestDb { backend, dir, database_url, pg_name }
    }

    pub fn config(&self) -> StoreConfig {
        StoreConfig { data_dir: self.dir.clone(), database_url: self.database_url.clone(), create: true, pool_size: 8 }
    }

    pub fn open(&self, clock: Arc<dyn Clock>) -> Store {
        Store::open(&self.config(), clock).expect("open store")
    }

    /// Arguments that point a `counternet` command at this database.
    pub fn cli_args(&self) -> Vec<String> {
        let mut v = vec!["--data".to_string(), self.dir.display().to_string()];
        if let Some(url) = &self.database_url {
            v.push("--database-url".into());
            v.push(url.clone());
        }
        v
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let (Some(name), Some(admin)) = (&self.pg_name, pg_admin_url()) {
            if let Ok(mut conn) = PgConnection::establish(&admin) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
            }
        }
    }
}

/// A clock that starts at a fixed, recent time and moves only when told.
pub fn manual_clock() -> Arc<ManualClock> {
    Arc::new(ManualClock::new(Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).single().expect("valid time")))
}

/// The app, served on a free port over its own fresh database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub store: Arc<Store>,
    pub clock: Arc<ManualClock>,
    pub db: TestDb,
    pub own_org: Organisation,
    pub partner_org: Organisation,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, ServerConfig::default()).await
}

pub async fn spawn_app_with(backend: Backend, config: ServerConfig) -> TestApp {
    let db = TestDb::new(backend);
    let clock = manual_clock();
    let store_db = db.config();
    let c: Arc<dyn Clock> = clock.clone();
    let store =
        tokio::task::spawn_blocking(move || Store::open(&store_db, c).expect("open store")).await.expect("join");
    let store = Arc::new(store);
    let s = store.clone();
    let (own_org, partner_org) = tokio::task::spawn_blocking(move || {
        s.write(None, |tx| {
            let own = orgs::ensure_own(tx, "Test Foundation")?;
            let system = Actor::system(own.id);
            let partner = orgs::create_partner(
                tx,
                &system,
                counternet_domain::org::NewOrganisation {
                    name: "Provincial Police Unit".into(),
                    org_type: OrganisationType::LawEnforcement,
                    country: "THA".into(),
                },
            )?;
            Ok((own, partner))
        })
        .expect("organisations")
    })
    .await
    .expect("join");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let state = AppState::new(store.clone(), config);
    tokio::spawn(async move {
        let _ = counternet_server::serve(listener, state, async {
            let _ = rx.await;
        })
        .await;
    });
    TestApp { addr, store, clock, db, own_org, partner_org, shutdown: Some(tx) }
}

/// A user made for a test.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub username: String,
    pub role: Role,
    pub org_id: Uuid,
}

#[allow(dead_code)]
impl TestUser {
    pub fn actor(&self) -> Actor {
        Actor { user_id: self.id, org_id: self.org_id, role: self.role }
    }
}

/// A password hash made once per test binary (Argon2id is slow on purpose).
fn password_hash() -> String {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| users::hash_password(PASSWORD).expect("hash")).clone()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Creates a user with [`PASSWORD`] in the given organisation (default: own).
    pub async fn user(&self, name: &str, role: Role, org: Option<Uuid>) -> TestUser {
        let store = self.store.clone();
        let own = self.own_org.id;
        let new = NewUser {
            username: name.to_string(),
            role,
            password_hash: password_hash(),
            display_name: None,
            org_id: org,
        };
        let user = tokio::task::spawn_blocking(move || {
            let system = Actor::system(own);
            store.write(Some(&system), |tx| users::create(tx, &system, new)).expect("create user")
        })
        .await
        .expect("join");
        TestUser { id: user.id, username: user.username, role: user.role, org_id: user.org_id }
    }

    /// An HTTP client with a cookie jar, not signed in.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder().cookie_store(true).build().expect("client")
    }

    /// An HTTP client signed in as `user`.
    pub async fn login(&self, user: &TestUser) -> reqwest::Client {
        let c = self.client();
        let r = c
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"username": user.username, "password": PASSWORD}))
            .send()
            .await
            .expect("login request");
        assert_eq!(r.status(), 200, "login of {} failed: {}", user.username, r.text().await.unwrap_or_default());
        c
    }

    /// Runs a blocking closure against the store.
    pub async fn with_store<T: Send + 'static>(&self, f: impl FnOnce(&Store) -> T + Send + 'static) -> T {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store)).await.expect("join")
    }
}

/// Sends a JSON request and returns (status, body as JSON or Null).
pub async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut req = client.request(method, url);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.expect("request");
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
}

/// Every file under a folder, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
