//! The store's error type. Messages never carry personal data: they name fields and codes, never
//! submitted values.

use counternet_domain::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist, or the actor may not see it (the two look the same outside).
    #[error("not found")]
    NotFound,
    /// The record exists but is out of the actor's scope. Internal: the store writes a refusal
    /// audit entry and turns it into `NotFound` before it leaves the store.
    #[error("access refused to {entity_kind}")]
    Denied { entity_kind: &'static str, entity_id: String, case_id: Option<String> },
    /// An attempt to record in the audit trail before failing with `then` (the transaction that
    /// made the attempt rolls back, so the store writes `event` in a transaction of its own).
    #[error("{then}")]
    Refused { event: Box<crate::audit::AuditEvent>, then: Box<StoreError> },
    /// The actor's role may not do this at all (not tied to a record they could not see).
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error(transparent)]
    Validation(#[from] ValidationError),
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("too many failed attempts; try again later")]
    Throttled,
    #[error("wrong username or password")]
    InvalidCredentials,
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("database connection error: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("database connection error: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    /// Stored data that does not decode (an unknown code, a malformed time).
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Config(String),
    #[error("backup: {0}")]
    Backup(String),
}

impl StoreError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        StoreError::Io { context: context.into(), source }
    }

    pub fn corrupt(what: impl Into<String>) -> Self {
        StoreError::Corrupt(what.into())
    }

    /// True for a unique-constraint violation from either backend.
    pub fn is_unique_violation(&self) -> bool {
        matches!(
            self,
            StoreError::Database(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        )
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
