//! Connections: one Diesel code path over SQLite (SQLCipher) and PostgreSQL.

use std::path::PathBuf;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::{PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use zeroize::Zeroizing;

use crate::error::{StoreError, StoreResult};

/// A connection to either backend. Queries are written once against this type.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

/// The backend type queries are boxed for.
pub type Db = <DbConnection as diesel::Connection>::Backend;

/// The schema migrations. The SQL is the subset both backends share (docs/decisions/0001-storage.md).
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

/// Where the database is.
#[derive(Clone)]
pub enum Target {
    Sqlite { path: PathBuf, key_hex: Zeroizing<String> },
    Postgres { url: String },
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Sqlite { path, .. } => write!(f, "sqlite:{}", path.display()),
            Target::Postgres { .. } => f.write_str("postgres:[url withheld]"),
        }
    }
}

impl Target {
    pub fn kind(&self) -> BackendKind {
        match self {
            Target::Sqlite { .. } => BackendKind::Sqlite,
            Target::Postgres { .. } => BackendKind::Postgres,
        }
    }

    /// Opens one connection, with the SQLCipher key as its very first statement.
    pub fn connect(&self) -> Result<DbConnection, diesel::ConnectionError> {
        match self {
            Target::Sqlite { path, key_hex } => {
                let path_str = path.to_str().ok_or_else(|| {
                    diesel::ConnectionError::InvalidConnectionUrl("database path is not UTF-8".into())
                })?;
                let mut conn = SqliteConnection::establish(path_str)?;
                let pragmas = Zeroizing::new(format!(
                    "PRAGMA key = \"x'{}'\";\n\
                     PRAGMA foreign_keys = ON;\n\
                     PRAGMA busy_timeout = 15000;",
                    key_hex.as_str()
                ));
                conn.batch_execute(&pragmas)
                    .map_err(|e| diesel::ConnectionError::BadConnection(format!("cannot set the database key: {e}")))?;
                // The first real read proves the key opens the file.
                conn.batch_execute("SELECT count(*) FROM sqlite_master;").map_err(|_| {
                    diesel::ConnectionError::BadConnection(
                        "the database key does not open this database (wrong database.key, or not a counternet database)".into(),
                    )
                })?;
                conn.batch_execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;").map_err(|e| {
                    diesel::ConnectionError::BadConnection(format!("cannot configure the database: {e}"))
                })?;
                Ok(DbConnection::Sqlite(conn))
            }
            Target::Postgres { url } => PgConnection::establish(url).map(DbConnection::Pg),
        }
    }
}

/// The r2d2 connection manager for [`Target`].
#[derive(Debug)]
pub struct Manager {
    pub target: Target,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::ConnectionError;

    fn connect(&self) -> Result<DbConnection, diesel::ConnectionError> {
        self.target.connect()
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), diesel::ConnectionError> {
        conn.batch_execute("SELECT 1").map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))
    }

    fn has_broken(&self, _conn: &mut DbConnection) -> bool {
        false
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// Runs the pending migrations on either backend.
pub fn run_migrations(conn: &mut DbConnection) -> StoreResult<usize> {
    let applied = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(MIGRATIONS).map(|v| v.len()),
        DbConnection::Pg(c) => c.run_pending_migrations(MIGRATIONS).map(|v| v.len()),
    };
    applied.map_err(|e| StoreError::Migration(e.to_string()))
}

/// Reverts every migration (used by the up-down-up test and by nothing in production).
pub fn revert_all_migrations(conn: &mut DbConnection) -> StoreResult<usize> {
    let reverted = match conn {
        DbConnection::Sqlite(c) => c.revert_all_migrations(MIGRATIONS).map(|v| v.len()),
        DbConnection::Pg(c) => c.revert_all_migrations(MIGRATIONS).map(|v| v.len()),
    };
    reverted.map_err(|e| StoreError::Migration(e.to_string()))
}
