//! counternet's persistence: one query code path over SQLite (SQLCipher, the embedded default)
//! and PostgreSQL, repositories that take the actor's access scope, and the audit chain.
//!
//! Every write goes through [`Store::write`]: one transaction that takes the audit lock, makes the
//! change, appends its audit entries and signs a checkpoint. Every read of case content goes
//! through a repository method that takes the [`Actor`] and carries the need-to-know predicate in
//! its query; a record out of scope comes back as [`StoreError::NotFound`], and the refusal is
//! itself audited.

pub mod assets;
pub mod audit;
pub mod backup;
pub mod calls;
pub mod cases;
pub mod clock;
pub mod compensation;
pub mod data_dir;
pub mod db;
pub mod engagement;
pub mod error;
pub mod followup;
pub mod ftm;
pub mod identification;
pub mod merges;
pub mod money;
pub mod network;
pub mod orgs;
pub mod parties;
pub mod payments;
pub mod proceedings;
pub mod referrals;
pub mod rows;
pub mod schema;
pub mod scope;
pub mod settings;
pub mod users;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use diesel::Connection;

use counternet_domain::Actor;

pub use audit::{AuditEvent, Outcome};
pub use clock::{Clock, ManualClock, SystemClock};
pub use data_dir::DataDir;
pub use db::{BackendKind, DbConnection};
pub use error::{StoreError, StoreResult};

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// The data folder: the SQLite database and its key, and the audit signing key on either backend.
    pub data_dir: PathBuf,
    /// `postgres://...` to use PostgreSQL instead of the embedded SQLite database.
    pub database_url: Option<String>,
    /// Create the data folder, keys and database when missing (serve, demo); false for commands
    /// that must find an existing installation (audit verify, backup).
    pub create: bool,
    pub pool_size: u32,
}

impl StoreConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        StoreConfig { data_dir: data_dir.into(), database_url: None, create: true, pool_size: 8 }
    }
}

/// The store: a connection pool, the data folder and the audit signer.
pub struct Store {
    pool: db::Pool,
    backend: BackendKind,
    data: DataDir,
    signer: audit::AuditSigner,
    clock: Arc<dyn Clock>,
    head_lock: Mutex<()>,
    /// On SQLite, writers queue here rather than polling the database's lock (whose busy handler
    /// sleeps in growing steps and makes write latency spiky). PostgreSQL queues on the audit row.
    sqlite_writer: Mutex<()>,
}

/// What a repository works with inside a transaction.
pub struct Tx<'c> {
    pub conn: &'c mut DbConnection,
    pub now: DateTime<Utc>,
    events: Vec<AuditEvent>,
}

impl Tx<'_> {
    /// Records an audit entry, written in this transaction.
    pub fn audit(&mut self, event: AuditEvent) {
        self.events.push(event);
    }
}

impl Store {
    /// Opens (and with `config.create`, creates) the store and runs pending migrations.
    pub fn open(config: &StoreConfig, clock: Arc<dyn Clock>) -> StoreResult<Store> {
        let data = DataDir::open(&config.data_dir, config.create)?;
        let target = match &config.database_url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                db::Target::Postgres { url: url.clone() }
            }
            Some(_) => {
                return Err(StoreError::Config("--database-url must start with postgres:// or postgresql://".into()))
            }
            None => {
                if !config.create && !data.has_database() {
                    return Err(StoreError::Config(format!("no counternet database in {}", data.root().display())));
                }
                db::Target::Sqlite { path: data.path(data_dir::DB_FILE), key_hex: data.database_key(config.create)? }
            }
        };
        // The database key also encrypts backups, so it exists on either backend.
        let _ = data.database_key(config.create)?;
        let signer = audit::AuditSigner::new(data.signing_key(config.create)?);
        let backend = target.kind();
        let mut first = target.connect()?;
        db::run_migrations(&mut first)?;
        drop(first);
        if backend == BackendKind::Sqlite {
            // SQLite creates the file with the process umask; the folder is 0700 already, and the
            // file is encrypted, but keep it private too.
            use std::os::unix::fs::PermissionsExt;
            let path = data.path(data_dir::DB_FILE);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| StoreError::io(format!("cannot set the mode of {}", path.display()), e))?;
        }
        let pool = r2d2::Pool::builder()
            .max_size(config.pool_size.max(1))
            .connection_timeout(Duration::from_secs(30))
            .build(db::Manager { target })?;
        Ok(Store { pool, backend, data, signer, clock, head_lock: Mutex::new(()), sqlite_writer: Mutex::new(()) })
    }

    pub fn backend(&self) -> BackendKind {
        self.backend
    }

    pub fn data_dir(&self) -> &Path {
        self.data.root()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    /// A raw pooled connection, for maintenance commands and tests (not for case content).
    pub fn connection(&self) -> StoreResult<r2d2::PooledConnection<db::Manager>> {
        Ok(self.pool.get()?)
    }

    /// Runs `f` in one write transaction: the audit lock first, then the change, then its audit
    /// entries and a signed checkpoint. Nothing is kept if any step fails.
    pub fn write<T>(&self, actor: Option<&Actor>, f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut conn = self.pool.get()?;
        let queue = match self.backend {
            BackendKind::Sqlite => Some(self.sqlite_writer.lock().unwrap_or_else(|p| p.into_inner())),
            BackendKind::Postgres => None,
        };
        let now = self.clock.now();
        let result = conn.transaction::<_, StoreError, _>(|c| {
            audit::lock(c)?;
            let mut tx = Tx { conn: c, now, events: Vec::new() };
            let value = f(&mut tx)?;
            let events = std::mem::take(&mut tx.events);
            let cp = audit::append(c, actor, now, events, &self.signer)?;
            Ok((value, cp))
        });
        drop(queue);
        drop(conn);
        match result {
            Ok((value, cp)) => {
                if let Some(cp) = cp {
                    self.publish(&cp);
                }
                Ok(value)
            }
            Err(e) => Err(self.refused(actor, e)),
        }
    }

    /// Runs `f` in one read transaction (a consistent snapshot). Writes nothing, except the
    /// audit entry of a refused access.
    pub fn read<T>(&self, actor: Option<&Actor>, f: impl FnOnce(&mut Tx<'_>) -> StoreResult<T>) -> StoreResult<T> {
        let mut conn = self.pool.get()?;
        let now = self.clock.now();
        let backend = self.backend;
        let result = conn.transaction::<_, StoreError, _>(|c| {
            snapshot(c, backend)?;
            let mut tx = Tx { conn: c, now, events: Vec::new() };
            f(&mut tx)
        });
        drop(conn);
        result.map_err(|e| self.refused(actor, e))
    }

    /// Records a refusal in the audit trail and returns the error the caller sees: `Denied`
    /// becomes `NotFound`, exactly as if the record did not exist.
    fn refused(&self, actor: Option<&Actor>, e: StoreError) -> StoreError {
        let (event, then) = match e {
            StoreError::Denied { entity_kind, entity_id, case_id } => {
                let mut event = AuditEvent::new("access.refused", entity_kind, entity_id).outcome(Outcome::Denied);
                event.case_id = case_id;
                (event, StoreError::NotFound)
            }
            StoreError::Refused { event, then } => (*event, *then),
            StoreError::Forbidden(why) => (
                AuditEvent {
                    action: "access.forbidden",
                    entity_kind: "request",
                    entity_id: None,
                    case_id: None,
                    outcome: Outcome::Denied,
                    detail: serde_json::json!({ "reason": why }),
                },
                StoreError::Forbidden(why),
            ),
            other => return other,
        };
        if let Err(err) = self.write(actor, |tx| {
            tx.audit(event);
            Ok(())
        }) {
            tracing::error!(error = %err, "could not record a refused access in the audit trail");
        }
        then
    }

    /// Records a refusal decided outside the store (a handler's role check), for the audit trail.
    pub fn record_forbidden(&self, actor: &Actor, why: &'static str) -> StoreError {
        self.refused(Some(actor), StoreError::Forbidden(why))
    }

    fn publish(&self, cp: &audit::Checkpoint) {
        let _guard = self.head_lock.lock();
        if let Err(e) = audit::publish_head(&self.data.path(data_dir::HEAD_FILE), cp) {
            tracing::error!(error = %e, "could not publish the audit head checkpoint");
        }
    }

    /// Recomputes the audit chain and checks its signatures against the data folder's public key.
    pub fn verify_audit(&self) -> StoreResult<Result<audit::Verified, audit::ChainBroken>> {
        let key = self.data.verifying_key()?;
        let head = audit::read_head_file(&self.data.path(data_dir::HEAD_FILE))?;
        let mut conn = self.pool.get()?;
        let backend = self.backend;
        conn.transaction(|c| {
            snapshot(c, backend)?;
            audit::verify(c, &key, head.as_ref())
        })
    }
}

/// Turns an out-of-scope reference into `then` (a validation error naming the field), keeping the
/// refusal for the audit trail; a reference to nothing becomes `then` as it is.
pub(crate) fn refused_as(e: StoreError, then: StoreError) -> StoreError {
    match e {
        StoreError::Denied { entity_kind, entity_id, case_id } => {
            let mut event = AuditEvent::new("access.refused", entity_kind, entity_id).outcome(Outcome::Denied);
            event.case_id = case_id;
            StoreError::Refused { event: Box::new(event), then: Box::new(then) }
        }
        StoreError::NotFound => then,
        other => other,
    }
}

/// Makes the current transaction one consistent snapshot. SQLite in WAL mode reads from one
/// snapshot per transaction already; PostgreSQL needs REPEATABLE READ (the only backend branch
/// outside the connection set-up).
pub(crate) fn snapshot(conn: &mut DbConnection, backend: BackendKind) -> StoreResult<()> {
    if backend == BackendKind::Postgres {
        use diesel::RunQueryDsl;
        diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute(conn)?;
    }
    Ok(())
}

/// A fresh UUIDv7 as stored text.
pub(crate) fn new_id() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// A stored id as a UUID (a stored id that is not one is corrupt data).
pub fn parse_uuid(s: &str) -> StoreResult<uuid::Uuid> {
    uuid::Uuid::parse_str(s).map_err(|_| StoreError::corrupt("a stored id is not a UUID"))
}
