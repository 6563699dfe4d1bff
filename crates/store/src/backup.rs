//! Consistent, encrypted, logical backups, and restoring them into a new installation.
//!
//! A backup holds every row of every table in [`schema::TABLES`], read in one read transaction
//! (a consistent snapshot while the server keeps writing), the audit signing key and the published
//! audit head checkpoint. It is one file:
//!
//! ```text
//! {"format":"counternet-backup","version":1,...}\n     plaintext JSON header (see BackupHeader)
//! <ciphertext>                                          XChaCha20-Poly1305 of the JSON payload
//! ```
//!
//! The key is SHA-256("counternet-backup-v1\0" || the 32 bytes of the data folder's
//! `database.key`), so the same key file that opens the database opens its backups. The header
//! line (with its newline) is the associated data: changing a byte of the header or of the body
//! makes decryption fail.
//!
//! Restoring writes the rows in one transaction, without new audit entries, and checks the audit
//! chain before committing, so the restored log is the original one, still verifiable with the
//! original public key.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::audit::{self, AuditEntry, Checkpoint};
use crate::clock::{fmt_time, Clock};
use crate::data_dir::{self, DataDir};
use crate::db::{self, BackendKind, DbConnection};
use crate::error::{StoreError, StoreResult};
use crate::rows::*;
use crate::schema::{self, TABLES};
use crate::{Store, StoreConfig};

/// The `format` field of every backup header.
pub const FORMAT: &str = "counternet-backup";
/// The backup format version this code writes and reads.
pub const VERSION: u32 = 1;

/// Domain separation for the backup key derivation.
const KEY_CONTEXT: &[u8] = b"counternet-backup-v1\0";
/// A header line longer than this is not ours.
const MAX_HEADER: usize = 64 * 1024;
const NONCE_LEN: usize = 24;
const KEY_LEN: usize = 32;

const ALTERED: &str = "the backup file is damaged or has been altered (authentication failed)";

/// The plaintext first line of a backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupHeader {
    /// Always [`FORMAT`].
    pub format: String,
    pub version: u32,
    /// When the backup was taken (RFC 3339, UTC).
    pub created_at: String,
    /// "sqlite" or "postgres": the backend it was taken from (it restores into either).
    pub backend: String,
    /// The absolute path of the data folder it came from (where restore looks for the key).
    pub source_data_dir: String,
    /// The first 16 hex characters of SHA-256 of the backup key: tells a wrong key from damage.
    pub key_id: String,
    /// The XChaCha20-Poly1305 nonce, hex.
    pub nonce: String,
    /// Audit entries in the backup.
    pub entries: i64,
    pub head_seq: i64,
    pub head_hash: String,
}

/// What [`backup`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    pub path: PathBuf,
    pub bytes: u64,
    pub tables: usize,
    pub rows: usize,
    pub audit_entries: i64,
    pub head_seq: i64,
    pub head_hash: String,
}

/// What [`restore`] restored (after verifying the audit chain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreSummary {
    pub rows: usize,
    pub audit_entries: i64,
    pub head_seq: i64,
    pub head_hash: String,
}

/// The encrypted part of a backup.
#[derive(Serialize, Deserialize)]
struct BackupPayload {
    /// Table name -> its rows, each as the row struct serialises.
    tables: BTreeMap<String, Vec<serde_json::Value>>,
    /// The Ed25519 seed of the audit signing key, hex.
    signing_key: String,
    /// The published audit head checkpoint (`audit-head.json`), if there was one.
    head: Option<Checkpoint>,
}

impl Drop for BackupPayload {
    fn drop(&mut self) {
        self.signing_key.zeroize();
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

/// Declares, once, which row struct moves each table. Generates [`HANDLED`], [`dump_table`] and
/// [`insert_rows`]; a name not listed here is an error, and a compile-time check below makes sure
/// the list is exactly `schema::TABLES`.
macro_rules! tables {
    ($($table:ident => $row:ty),+ $(,)?) => {
        /// Every table backup and restore move, in the order of `schema::TABLES`.
        const HANDLED: &[&str] = &[$(stringify!($table)),+];

        /// Reads every row of one table.
        fn dump_table(conn: &mut DbConnection, name: &str) -> StoreResult<Vec<serde_json::Value>> {
            $(
                if name == stringify!($table) {
                    let rows: Vec<$row> = schema::$table::table.select(<$row>::as_select()).load(conn)?;
                    return rows_to_json(name, &rows);
                }
            )+
            Err(unknown_table(name))
        }

        /// Inserts rows into one table, one at a time (MultiConnection has no batch insert).
        fn insert_rows(conn: &mut DbConnection, name: &str, rows: &[serde_json::Value]) -> StoreResult<usize> {
            $(
                if name == stringify!($table) {
                    for value in rows {
                        let row = <$row as Deserialize>::deserialize(value).map_err(|_| {
                            StoreError::Backup(format!(
                                "a row of table {name} in the backup does not match this version's schema"
                            ))
                        })?;
                        diesel::insert_into(schema::$table::table).values(&row).execute(conn)?;
                    }
                    return Ok(rows.len());
                }
            )+
            Err(unknown_table(name))
        }
    };
}

tables! {
    organisations => OrganisationRow,
    users => UserRow,
    sessions => SessionRow,
    login_failures => LoginFailureRow,
    setup_tokens => SetupTokenRow,
    counters => CounterRow,
    cases => CaseRow,
    case_team => TeamRow,
    trafficking_events => EventRow,
    parties => PartyRow,
    case_parties => CasePartyRow,
    links => LinkRow,
    notes => NoteRow,
    tasks => TaskRow,
    consents => ConsentRow,
    referrals => ReferralRow,
    intakes => IntakeRow,
    screenings => ScreeningRow,
    identification_decisions => DecisionRow,
    perpetrator_statuses => PerpetratorStatusRow,
    party_merges => MergeRow,
    settings => SettingRow,
    ftm_ids => FtmIdRow,
    call_records => CallRecordRow,
    case_connections => CaseConnectionRow,
    trainings => TrainingRow,
    community_events => CommunityEventRow,
    assets => AssetRow,
    asset_stages => AssetStageRow,
    payments => PaymentRow,
    statement_mappings => MappingRow,
    money_alerts => AlertRow,
    money_alert_cases => AlertCaseRow,
    money_traces => TraceRow,
    compensation_claims => ClaimRow,
    claim_steps => ClaimStepRow,
    ledger_movements => MovementRow,
    ledger_entries => EntryRow,
    payment_approvals => ApprovalRow,
    proceedings => ProceedingRow,
    proceeding_defendants => DefendantRow,
    court_events => CourtEventRow,
    calendar_tokens => CalendarTokenRow,
    support_plans => PlanRow,
    support_goals => GoalRow,
    services_delivered => ServiceRow,
    follow_up_visits => VisitRow,
    outcome_assessments => AssessmentRow,
    case_closures => ClosureRow,
    audit_log => AuditEntry,
    audit_head => AuditHeadRow,
    audit_checkpoints => Checkpoint,
}

/// True when both lists hold the same names in the same order.
#[allow(clippy::indexing_slicing)] // const evaluation: every index is checked by its loop bound
const fn same_names(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        let (x, y) = (a[i].as_bytes(), b[i].as_bytes());
        if x.len() != y.len() {
            return false;
        }
        let mut j = 0;
        while j < x.len() {
            if x[j] != y[j] {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

// A table added to schema::TABLES must be added to `tables!` above (in the same order), or
// backups would silently leave it out.
const _: () = assert!(same_names(HANDLED, TABLES), "backup.rs: tables! must list exactly schema::TABLES");

fn unknown_table(name: &str) -> StoreError {
    StoreError::Backup(format!("table {name} is not known to this version's backup code"))
}

fn rows_to_json<R: Serialize>(name: &str, rows: &[R]) -> StoreResult<Vec<serde_json::Value>> {
    rows.iter()
        .map(|row| {
            serde_json::to_value(row)
                .map_err(|_| StoreError::Backup(format!("a row of table {name} cannot be written to the backup")))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Keys

/// Decodes a 64-hex database key and derives the backup key from it.
fn backup_key(database_key_hex: &str) -> StoreResult<Zeroizing<[u8; KEY_LEN]>> {
    let mut raw = Zeroizing::new([0u8; KEY_LEN]);
    hex::decode_to_slice(database_key_hex.trim().as_bytes(), raw.as_mut_slice())
        .map_err(|_| StoreError::Backup("the database key is not 32 bytes of hex".into()))?;
    let mut h = Sha256::new();
    h.update(KEY_CONTEXT);
    h.update(raw.as_slice());
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    key.copy_from_slice(h.finalize().as_slice());
    Ok(key)
}

fn key_id(key: &[u8; KEY_LEN]) -> String {
    hex::encode(Sha256::digest(key)).chars().take(16).collect()
}

fn cipher(key: &[u8; KEY_LEN]) -> StoreResult<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key).map_err(|_| StoreError::Backup("the backup key has the wrong length".into()))
}

fn is_hex_key(s: &str) -> bool {
    s.len() == 2 * KEY_LEN && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// Reads a key file holding 64 hex characters (a `database.key`).
fn read_key_file(path: &Path) -> StoreResult<Zeroizing<String>> {
    let text = Zeroizing::new(
        fs::read_to_string(path).map_err(|e| StoreError::io(format!("cannot read {}", path.display()), e))?,
    );
    let key = Zeroizing::new(text.trim().to_string());
    if !is_hex_key(&key) {
        return Err(StoreError::Backup(format!(
            "{} is not a database key (expected the 64 hex characters of a database.key)",
            path.display()
        )));
    }
    Ok(key)
}

/// The database key that opens `header`'s backup: the given key file, else the original data
/// folder's `database.key` when it is still there.
fn restore_key(header: &BackupHeader, key_file: Option<&Path>) -> StoreResult<Zeroizing<String>> {
    if let Some(path) = key_file {
        return read_key_file(path);
    }
    let original = Path::new(&header.source_data_dir).join(data_dir::DB_KEY_FILE);
    if original.is_file() {
        return read_key_file(&original);
    }
    Err(StoreError::Backup(format!(
        "no key to open this backup: {} is not here; pass --key-file with the original installation's {}",
        original.display(),
        data_dir::DB_KEY_FILE
    )))
}

// ---------------------------------------------------------------------------------------------
// Backup

/// One consistent read of every table.
struct Snapshot {
    tables: BTreeMap<String, Vec<serde_json::Value>>,
    rows: usize,
    entries: i64,
    head_seq: i64,
    head_hash: String,
}

/// Makes the transaction just begun a consistent snapshot. The one backend-specific step: SQLite
/// (WAL) already reads from one snapshot for the whole transaction; PostgreSQL's default (READ
/// COMMITTED) takes a new snapshot per statement, so ask for REPEATABLE READ before any query.
fn begin_snapshot(conn: &mut DbConnection) -> StoreResult<()> {
    match conn {
        DbConnection::Pg(pg) => pg.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?,
        DbConnection::Sqlite(_) => {}
    }
    Ok(())
}

fn read_snapshot(conn: &mut DbConnection) -> StoreResult<Snapshot> {
    conn.transaction::<_, StoreError, _>(|c| {
        begin_snapshot(c)?;
        let mut tables = BTreeMap::new();
        let mut rows = 0usize;
        for name in TABLES {
            let table_rows = dump_table(c, name)?;
            rows += table_rows.len();
            tables.insert((*name).to_string(), table_rows);
        }
        let entries: i64 = schema::audit_log::table.count().get_result(c)?;
        let (head_seq, head_hash): (i64, String) = schema::audit_head::table
            .filter(schema::audit_head::id.eq(1))
            .select((schema::audit_head::seq, schema::audit_head::hash))
            .first(c)?;
        Ok(Snapshot { tables, rows, entries, head_seq, head_hash })
    })
}

/// Writes an encrypted backup of `store` to `output`, which must not exist yet.
pub fn backup(store: &Store, output: &Path) -> StoreResult<BackupSummary> {
    if output.symlink_metadata().is_ok() {
        return Err(exists_error(output));
    }
    let data = DataDir::open(store.data_dir(), false)?;
    let key = backup_key(&data.database_key(false)?)?;
    let signing_key = Zeroizing::new(hex::encode(data.signing_key(false)?.to_bytes()));
    // Read the published head before the snapshot: it is written after each commit, so what it
    // holds now is covered by the snapshot taken next.
    let head = audit::read_head_file(&data.path(data_dir::HEAD_FILE))?;
    let snapshot = {
        let mut conn = store.connection()?;
        read_snapshot(&mut conn)?
    };

    let source = fs::canonicalize(data.root())
        .or_else(|_| std::path::absolute(data.root()))
        .map_err(|e| StoreError::io(format!("cannot resolve {}", data.root().display()), e))?;
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let header = BackupHeader {
        format: FORMAT.to_string(),
        version: VERSION,
        created_at: fmt_time(store.now()),
        backend: match store.backend() {
            BackendKind::Sqlite => "sqlite",
            BackendKind::Postgres => "postgres",
        }
        .to_string(),
        source_data_dir: source.to_string_lossy().into_owned(),
        key_id: key_id(&key),
        nonce: hex::encode(nonce),
        entries: snapshot.entries,
        head_seq: snapshot.head_seq,
        head_hash: snapshot.head_hash.clone(),
    };
    let mut header_line =
        serde_json::to_vec(&header).map_err(|_| StoreError::Backup("cannot write the backup header".into()))?;
    header_line.push(b'\n');

    let table_count = snapshot.tables.len();
    let payload = BackupPayload { tables: snapshot.tables, signing_key: signing_key.to_string(), head };
    let plaintext = Zeroizing::new(
        serde_json::to_vec(&payload).map_err(|_| StoreError::Backup("cannot write the backup contents".into()))?,
    );
    drop(payload);
    let body = cipher(&key)?
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &plaintext, aad: &header_line })
        .map_err(|_| StoreError::Backup("encryption failed".into()))?;
    drop(plaintext);

    write_backup_file(output, &header_line, &body)?;
    let bytes = (header_line.len() + body.len()) as u64;
    tracing::info!(
        path = %output.display(),
        bytes,
        tables = table_count,
        rows = snapshot.rows,
        audit_entries = snapshot.entries,
        head_seq = snapshot.head_seq,
        "backup written"
    );
    Ok(BackupSummary {
        path: output.to_path_buf(),
        bytes,
        tables: table_count,
        rows: snapshot.rows,
        audit_entries: snapshot.entries,
        head_seq: snapshot.head_seq,
        head_hash: snapshot.head_hash,
    })
}

fn exists_error(path: &Path) -> StoreError {
    StoreError::Backup(format!(
        "{} already exists; a backup never overwrites a file, choose a new name",
        path.display()
    ))
}

/// Writes the file beside its final name (mode 0600, fsynced), then puts it in place without
/// overwriting anything: a hard link fails if the name is taken, where a rename would replace.
fn write_backup_file(output: &Path, header: &[u8], body: &[u8]) -> StoreResult<()> {
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name =
        output.file_name().ok_or_else(|| StoreError::Backup(format!("{} is not a file name", output.display())))?;
    let tmp = dir.join(format!(".{}.{}.partial", name.to_string_lossy(), uuid::Uuid::new_v4().simple()));
    let written = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp).and_then(|mut f| {
        f.write_all(header)?;
        f.write_all(body)?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(StoreError::io(format!("cannot write {}", tmp.display()), e));
    }
    let placed = match fs::hard_link(&tmp, output) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists_error(output)),
        // A file system without hard links: check, then rename.
        Err(_) if output.symlink_metadata().is_ok() => Err(exists_error(output)),
        Err(_) => fs::rename(&tmp, output)
            .map_err(|e| StoreError::io(format!("cannot move the backup into place at {}", output.display()), e)),
    };
    let _ = fs::remove_file(&tmp);
    placed?;
    if let Err(e) = File::open(&dir).and_then(|d| d.sync_all()) {
        tracing::warn!(error = %e, dir = %dir.display(), "could not sync the backup's folder");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading a backup

/// Reads and checks the plaintext header of a backup file.
pub fn read_header(file: &Path) -> StoreResult<BackupHeader> {
    let f = File::open(file).map_err(|e| StoreError::io(format!("cannot read {}", file.display()), e))?;
    let mut line = Vec::new();
    BufReader::new(f)
        .take(MAX_HEADER as u64)
        .read_until(b'\n', &mut line)
        .map_err(|e| StoreError::io(format!("cannot read {}", file.display()), e))?;
    parse_header(file, &line).map(|(header, _)| header)
}

/// Parses the header at the start of `bytes`; returns it and its length including the newline.
fn parse_header(file: &Path, bytes: &[u8]) -> StoreResult<(BackupHeader, usize)> {
    let not_backup = || StoreError::Backup(format!("{} is not a counternet backup", file.display()));
    let end = bytes.iter().take(MAX_HEADER).position(|b| *b == b'\n').ok_or_else(not_backup)?;
    let line = bytes.get(..end).ok_or_else(not_backup)?;
    let value: serde_json::Value = serde_json::from_slice(line).map_err(|_| not_backup())?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_backup());
    }
    let version = value.get("version").and_then(|v| v.as_u64());
    if version != Some(u64::from(VERSION)) {
        return Err(StoreError::Backup(format!(
            "{} is a backup of format version {}; this counternet reads version {VERSION}",
            file.display(),
            version.map_or_else(|| "?".to_string(), |v| v.to_string())
        )));
    }
    let header: BackupHeader = serde_json::from_value(value)
        .map_err(|_| StoreError::Backup(format!("{} has a damaged backup header", file.display())))?;
    Ok((header, end + 1))
}

/// Checks the key and decrypts the payload.
fn open_backup(file: &Path, key_file: Option<&Path>) -> StoreResult<(BackupHeader, Zeroizing<String>, BackupPayload)> {
    let bytes = fs::read(file).map_err(|e| StoreError::io(format!("cannot read {}", file.display()), e))?;
    let (header, header_len) = parse_header(file, &bytes)?;
    let (header_line, body) = bytes.split_at_checked(header_len).ok_or_else(|| StoreError::Backup(ALTERED.into()))?;
    let database_key = restore_key(&header, key_file)?;
    let key = backup_key(&database_key)?;
    if key_id(&key) != header.key_id {
        return Err(StoreError::Backup(
            "this key does not open this backup (it was made with another installation's database.key)".into(),
        ));
    }
    let mut nonce = [0u8; NONCE_LEN];
    hex::decode_to_slice(header.nonce.as_bytes(), &mut nonce).map_err(|_| StoreError::Backup(ALTERED.into()))?;
    let plaintext = Zeroizing::new(
        cipher(&key)?
            .decrypt(XNonce::from_slice(&nonce), Payload { msg: body, aad: header_line })
            .map_err(|_| StoreError::Backup(ALTERED.into()))?,
    );
    let payload: BackupPayload = serde_json::from_slice(&plaintext)
        .map_err(|_| StoreError::Backup("the backup's contents do not have the expected layout".into()))?;
    if let Some(name) = payload.tables.keys().find(|name| !TABLES.contains(&name.as_str())) {
        return Err(unknown_table(name));
    }
    if !is_hex_key(&payload.signing_key) {
        return Err(StoreError::Backup("the backup's audit signing key is not 32 bytes of hex".into()));
    }
    Ok((header, database_key, payload))
}

// ---------------------------------------------------------------------------------------------
// Restore

/// Restores a backup into a new installation: a data folder with no database (SQLite), or an
/// empty PostgreSQL database (`target.database_url`). The target gets the backup's database key
/// and audit signing key, so its audit trail verifies as the original did.
///
/// `key_file` is the original installation's `database.key`; without it, restore looks in the
/// data folder the backup was taken from.
pub fn restore(
    file: &Path,
    key_file: Option<&Path>,
    target: &StoreConfig,
    clock: Arc<dyn Clock>,
) -> StoreResult<RestoreSummary> {
    let (header, database_key, payload) = open_backup(file, key_file)?;
    check_target(target)?;
    let before = TargetFiles::before(&target.data_dir);
    match restore_into(target, clock, &header, &database_key, &payload) {
        Ok(summary) => {
            tracing::info!(
                rows = summary.rows,
                audit_entries = summary.audit_entries,
                head_seq = summary.head_seq,
                "backup restored and its audit trail verified"
            );
            Ok(summary)
        }
        Err(e) => {
            before.remove_created();
            Err(e)
        }
    }
}

/// Refuses a target that already holds an installation.
fn check_target(target: &StoreConfig) -> StoreResult<()> {
    match &target.database_url {
        None => {
            let root = &target.data_dir;
            if root.join(data_dir::DB_FILE).exists() || root.join(format!("{}-wal", data_dir::DB_FILE)).exists() {
                return Err(StoreError::Backup(format!(
                    "{} already holds a counternet database; restore into a new folder",
                    root.display()
                )));
            }
            Ok(())
        }
        Some(url) => {
            if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                return Err(StoreError::Config("--database-url must start with postgres:// or postgresql://".into()));
            }
            let mut conn = db::Target::Postgres { url: url.clone() }.connect()?;
            db::run_migrations(&mut conn)?;
            let entries: i64 = schema::audit_log::table.count().get_result(&mut conn)?;
            let organisations: i64 = schema::organisations::table.count().get_result(&mut conn)?;
            if entries > 0 || organisations > 0 {
                return Err(StoreError::Backup(
                    "the target database already holds counternet data; restore into an empty database".into(),
                ));
            }
            Ok(())
        }
    }
}

/// Writes a key file, or accepts one already there with the same key.
fn put_secret(data: &DataDir, file: &str, hex_key: &str) -> StoreResult<()> {
    let path = data.path(file);
    if path.exists() {
        let existing = Zeroizing::new(
            fs::read_to_string(&path).map_err(|e| StoreError::io(format!("cannot read {}", path.display()), e))?,
        );
        if existing.trim() == hex_key {
            return Ok(());
        }
        return Err(StoreError::Backup(format!(
            "{} already holds a different key; restore into a new folder",
            path.display()
        )));
    }
    data.write_secret(file, hex_key.as_bytes())
}

fn restore_into(
    target: &StoreConfig,
    clock: Arc<dyn Clock>,
    header: &BackupHeader,
    database_key: &str,
    payload: &BackupPayload,
) -> StoreResult<RestoreSummary> {
    let data = DataDir::open(&target.data_dir, true)?;
    put_secret(&data, data_dir::DB_KEY_FILE, database_key)?;
    put_secret(&data, data_dir::SIGNING_KEY_FILE, &payload.signing_key)?;
    if let Some(head) = &payload.head {
        let json = serde_json::to_vec_pretty(head)
            .map_err(|_| StoreError::Backup("cannot write the audit head checkpoint".into()))?;
        data_dir::replace_file(&data.path(data_dir::HEAD_FILE), &json, 0o600)?;
    }
    let mut config = target.clone();
    config.create = true;
    let store = Store::open(&config, clock)?;
    // The same checks as Store::verify_audit, but inside the restoring transaction, so a backup
    // whose chain does not verify leaves nothing behind on either backend.
    let verifying_key = data.verifying_key()?;
    let head_file = audit::read_head_file(&data.path(data_dir::HEAD_FILE))?;
    let mut conn = store.connection()?;
    let (rows, verified) = conn.transaction::<_, StoreError, _>(|c| {
        // The migration seeds the head row; the backup has its own.
        diesel::delete(schema::audit_head::table).execute(c)?;
        let mut rows = 0usize;
        for name in TABLES {
            let table_rows = payload.tables.get(*name).map(Vec::as_slice).unwrap_or_default();
            rows += insert_rows(c, name, table_rows)?;
        }
        match audit::verify(c, &verifying_key, head_file.as_ref())? {
            Ok(verified) => Ok((rows, verified)),
            Err(broken) => Err(StoreError::Backup(format!(
                "the restored audit trail does not verify ({broken}); nothing was restored"
            ))),
        }
    })?;
    if verified.head_seq != header.head_seq || verified.head_hash != header.head_hash {
        // Unreachable unless the payload was made by something else than `backup` (the header is
        // authenticated with it), but cheap to check.
        return Err(StoreError::Backup("the restored audit head does not match the backup's header".into()));
    }
    Ok(RestoreSummary {
        rows,
        audit_entries: verified.entries,
        head_seq: verified.head_seq,
        head_hash: verified.head_hash,
    })
}

/// The files restore may create in the target folder, and whether each was there before, so a
/// failed restore leaves the folder as it found it.
struct TargetFiles {
    root: PathBuf,
    root_existed: bool,
    files: Vec<(PathBuf, bool)>,
}

impl TargetFiles {
    fn before(root: &Path) -> TargetFiles {
        let names = [
            data_dir::DB_FILE.to_string(),
            format!("{}-wal", data_dir::DB_FILE),
            format!("{}-shm", data_dir::DB_FILE),
            format!("{}-journal", data_dir::DB_FILE),
            data_dir::DB_KEY_FILE.to_string(),
            data_dir::SIGNING_KEY_FILE.to_string(),
            data_dir::VERIFYING_KEY_FILE.to_string(),
            data_dir::HEAD_FILE.to_string(),
            // replace_file's temporary name
            Path::new(data_dir::HEAD_FILE).with_extension("tmp").to_string_lossy().into_owned(),
        ];
        let files = names
            .iter()
            .map(|name| {
                let path = root.join(name);
                let existed = path.symlink_metadata().is_ok();
                (path, existed)
            })
            .collect();
        TargetFiles { root: root.to_path_buf(), root_existed: root.symlink_metadata().is_ok(), files }
    }

    fn remove_created(&self) {
        for (path, existed) in &self.files {
            if !existed && path.symlink_metadata().is_ok() {
                if let Err(e) = fs::remove_file(path) {
                    tracing::warn!(error = %e, path = %path.display(), "could not remove a file of the failed restore");
                }
            }
        }
        if !self.root_existed && self.root.exists() {
            if let Err(e) = fs::remove_dir(&self.root) {
                tracing::warn!(error = %e, path = %self.root.display(), "could not remove the folder of the failed restore");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AuditEvent, SystemClock};

    /// A folder under the system temp folder, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            let path = std::env::temp_dir().join(format!("counternet-backup-test-{}", uuid::Uuid::new_v4()));
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn open(dir: &Path) -> Store {
        Store::open(&StoreConfig::new(dir), Arc::new(SystemClock)).unwrap()
    }

    /// `n` audited writes; the first also adds an organisation, so there is content besides the log.
    fn write_some(store: &Store, n: usize) {
        for i in 0..n {
            store
                .write(None, |tx| {
                    if i == 0 {
                        diesel::insert_into(schema::organisations::table)
                            .values(&OrganisationRow {
                                id: uuid::Uuid::new_v4().to_string(),
                                name: "Test organisation".into(),
                                org_type: "ngo".into(),
                                country: "TH".into(),
                                is_own: true,
                                created_at: fmt_time(tx.now),
                            })
                            .execute(tx.conn)?;
                    }
                    tx.audit(AuditEvent::new("test.write", "test", i));
                    Ok(())
                })
                .unwrap();
        }
    }

    fn verified(store: &Store) -> audit::Verified {
        store.verify_audit().unwrap().unwrap()
    }

    /// Every table's rows, sorted, for comparing two installations.
    fn contents(store: &Store) -> BTreeMap<&'static str, Vec<String>> {
        let mut conn = store.connection().unwrap();
        TABLES
            .iter()
            .map(|name| {
                let mut rows: Vec<String> =
                    dump_table(&mut conn, name).unwrap().iter().map(|v| v.to_string()).collect();
                rows.sort();
                (*name, rows)
            })
            .collect()
    }

    fn err_text<T: std::fmt::Debug>(r: StoreResult<T>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn every_table_is_handled() {
        assert!(same_names(HANDLED, TABLES));
        assert!(!same_names(HANDLED, &TABLES[1..]));
        let dir = TempDir::new();
        let store = open(&dir.path().join("data"));
        let mut conn = store.connection().unwrap();
        conn.transaction::<_, StoreError, _>(|c| {
            for name in TABLES {
                dump_table(c, name).unwrap();
                assert_eq!(insert_rows(c, name, &[]).unwrap(), 0);
            }
            Ok(())
        })
        .unwrap();
        assert!(err_text(dump_table(&mut conn, "no_such_table")).contains("not known"));
        assert!(err_text(insert_rows(&mut conn, "no_such_table", &[])).contains("not known"));
    }

    #[test]
    fn backup_and_restore_round_trip() {
        let dir = TempDir::new();
        let source_dir = dir.path().join("source");
        let store = open(&source_dir);
        write_some(&store, 3);
        let before = verified(&store);
        assert_eq!(before.entries, 3);

        let file = dir.path().join("backup.cnb");
        let summary = backup(&store, &file).unwrap();
        assert_eq!(summary.tables, TABLES.len());
        assert_eq!(summary.audit_entries, 3);
        assert_eq!(summary.head_seq, before.head_seq);
        assert_eq!(summary.head_hash, before.head_hash);
        assert_eq!(summary.bytes, fs::metadata(&file).unwrap().len());
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        // No temporary file left beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);

        let header = read_header(&file).unwrap();
        assert_eq!(header.format, FORMAT);
        assert_eq!(header.version, VERSION);
        assert_eq!(header.backend, "sqlite");
        assert_eq!(header.entries, 3);
        assert_eq!(header.head_seq, before.head_seq);
        assert_eq!(header.head_hash, before.head_hash);
        assert_eq!(Path::new(&header.source_data_dir), fs::canonicalize(&source_dir).unwrap());
        // The content is not readable in the file.
        let raw = fs::read(&file).unwrap();
        assert!(!raw.windows(17).any(|w| w == b"Test organisation"));
        assert!(!raw.windows(10).any(|w| w == b"test.write"));

        // Never overwrites.
        let again = err_text(backup(&store, &file));
        assert!(again.contains("already exists"), "{again}");

        // Restore into a folder that does not exist yet, with the key found in the source folder.
        let target_dir = dir.path().join("restored");
        let restored = restore(&file, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)).unwrap();
        assert_eq!(restored.rows, summary.rows);
        assert_eq!(restored.audit_entries, 3);
        assert_eq!(restored.head_seq, before.head_seq);
        assert_eq!(restored.head_hash, before.head_hash);

        let target = open(&target_dir);
        let after = verified(&target);
        assert_eq!(after, before);
        assert_eq!(contents(&target), contents(&store));
        for key in [data_dir::DB_KEY_FILE, data_dir::SIGNING_KEY_FILE, data_dir::VERIFYING_KEY_FILE] {
            assert_eq!(
                fs::read_to_string(source_dir.join(key)).unwrap().trim(),
                fs::read_to_string(target_dir.join(key)).unwrap().trim(),
                "{key}"
            );
        }
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(target_dir.join(data_dir::DB_KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }

        // The restored installation keeps working, and its chain keeps verifying.
        write_some(&target, 1);
        let later = verified(&target);
        assert_eq!(later.entries, 4);
    }

    #[test]
    fn an_altered_backup_is_refused_and_leaves_nothing() {
        let dir = TempDir::new();
        let store = open(&dir.path().join("source"));
        write_some(&store, 2);
        let file = dir.path().join("backup.cnb");
        backup(&store, &file).unwrap();
        let original = fs::read(&file).unwrap();
        let header_len = original.iter().position(|b| *b == b'\n').unwrap() + 1;

        // One flipped byte in the body.
        let mut body_flipped = original.clone();
        let i = header_len + (original.len() - header_len) / 2;
        body_flipped[i] ^= 0x01;
        let bad = dir.path().join("body.cnb");
        fs::write(&bad, &body_flipped).unwrap();
        let target_dir = dir.path().join("target-body");
        let e = err_text(restore(&bad, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("damaged or has been altered"), "{e}");
        assert!(!target_dir.join(data_dir::DB_FILE).exists());
        assert!(!target_dir.exists());

        // A changed header (a different head_seq) fails authentication too.
        let text = String::from_utf8(original[..header_len].to_vec()).unwrap();
        let header = read_header(&file).unwrap();
        let changed = text
            .replace(&format!("\"head_seq\":{}", header.head_seq), &format!("\"head_seq\":{}", header.head_seq + 1));
        assert_ne!(changed, text);
        let mut header_changed = changed.into_bytes();
        header_changed.extend_from_slice(&original[header_len..]);
        let bad = dir.path().join("header.cnb");
        fs::write(&bad, &header_changed).unwrap();
        let target_dir = dir.path().join("target-header");
        let e = err_text(restore(&bad, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("damaged or has been altered"), "{e}");
        assert!(!target_dir.exists());

        // A truncated body as well.
        let bad = dir.path().join("short.cnb");
        fs::write(&bad, &original[..original.len() - 5]).unwrap();
        let target_dir = dir.path().join("target-short");
        let e = err_text(restore(&bad, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("damaged or has been altered"), "{e}");

        // An existing, empty target folder is left empty (and in place).
        let target_dir = dir.path().join("target-existing");
        fs::create_dir_all(&target_dir).unwrap();
        let bad = dir.path().join("body.cnb");
        let e = err_text(restore(&bad, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("damaged or has been altered"), "{e}");
        assert_eq!(fs::read_dir(&target_dir).unwrap().count(), 0);
    }

    #[test]
    fn a_failure_after_the_database_is_created_removes_it() {
        let dir = TempDir::new();
        let store = open(&dir.path().join("source"));
        write_some(&store, 2);
        let file = dir.path().join("backup.cnb");
        backup(&store, &file).unwrap();

        // A stale head file in the target that the restored chain cannot match: the key files
        // and the database are created, then verification fails inside the transaction.
        let (header, key, mut payload) = open_backup(&file, None).unwrap();
        let mut head = payload.head.clone().unwrap();
        head.seq += 10;
        payload.head = Some(head);
        let target_dir = dir.path().join("target");
        let target = StoreConfig::new(&target_dir);
        let before = TargetFiles::before(&target_dir);
        let e = restore_into(&target, Arc::new(SystemClock), &header, &key, &payload).unwrap_err();
        assert!(e.to_string().contains("does not verify"), "{e}");
        assert!(target_dir.join(data_dir::DB_FILE).exists());
        before.remove_created();
        assert!(!target_dir.exists());
    }

    #[test]
    fn restoring_over_an_existing_database_is_refused() {
        let dir = TempDir::new();
        let store = open(&dir.path().join("source"));
        write_some(&store, 2);
        let file = dir.path().join("backup.cnb");
        backup(&store, &file).unwrap();

        let existing_dir = dir.path().join("existing");
        let existing = open(&existing_dir);
        write_some(&existing, 1);
        let existing_before = verified(&existing);
        drop(existing);
        let e = err_text(restore(&file, None, &StoreConfig::new(&existing_dir), Arc::new(SystemClock)));
        assert!(e.contains("already holds a counternet database"), "{e}");
        assert_eq!(verified(&open(&existing_dir)), existing_before);

        // The source folder itself is refused too.
        let e = err_text(restore(&file, None, &StoreConfig::new(dir.path().join("source")), Arc::new(SystemClock)));
        assert!(e.contains("already holds a counternet database"), "{e}");
    }

    #[test]
    fn the_key_must_be_the_original_one() {
        let dir = TempDir::new();
        let source_dir = dir.path().join("source");
        let store = open(&source_dir);
        write_some(&store, 2);
        let expected = verified(&store);
        let file = dir.path().join("backup.cnb");
        backup(&store, &file).unwrap();
        drop(store);

        // Another installation's key.
        let other = open(&dir.path().join("other"));
        drop(other);
        let other_key = dir.path().join("other").join(data_dir::DB_KEY_FILE);
        let target_dir = dir.path().join("target");
        let e = err_text(restore(&file, Some(&other_key), &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("this key does not open this backup"), "{e}");
        assert!(!target_dir.exists());

        // Not a key at all.
        let junk = dir.path().join("junk.key");
        fs::write(&junk, "not a key").unwrap();
        let e = err_text(restore(&file, Some(&junk), &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("is not a database key"), "{e}");

        // The original folder is gone: the key must be given.
        let moved = dir.path().join("moved");
        fs::rename(&source_dir, &moved).unwrap();
        let e = err_text(restore(&file, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)));
        assert!(e.contains("--key-file"), "{e}");
        let restored = restore(
            &file,
            Some(&moved.join(data_dir::DB_KEY_FILE)),
            &StoreConfig::new(&target_dir),
            Arc::new(SystemClock),
        )
        .unwrap();
        assert_eq!(restored.head_seq, expected.head_seq);
        assert_eq!(verified(&open(&target_dir)), expected);
    }

    #[test]
    fn read_header_refuses_other_files() {
        let dir = TempDir::new();
        let cases: [(&str, &[u8]); 4] = [
            ("empty", b""),
            ("text", b"hello world\n"),
            ("json", b"{\"format\":\"something-else\",\"version\":1}\nxyz"),
            ("no-newline", b"{\"format\":\"counternet-backup\",\"version\":1}"),
        ];
        for (name, bytes) in cases {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            let e = err_text(read_header(&path));
            assert!(e.contains("not a counternet backup"), "{name}: {e}");
        }
        let path = dir.path().join("future");
        fs::write(&path, b"{\"format\":\"counternet-backup\",\"version\":9}\nxyz").unwrap();
        let e = err_text(read_header(&path));
        assert!(e.contains("version 9"), "{e}");
    }

    /// Takes three backups while another thread keeps writing (two entries per transaction), and
    /// checks each restores into a new SQLite folder with a verifying chain.
    fn backups_during_writes(store: &Store, dir: &Path) {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let stop = AtomicBool::new(false);
        let done = AtomicUsize::new(0);
        let wait_for_writes = |at_least: usize| {
            while done.load(Ordering::SeqCst) < at_least {
                std::thread::yield_now();
            }
        };
        let files: Vec<PathBuf> = std::thread::scope(|s| {
            s.spawn(|| {
                let mut i = 0usize;
                while !stop.load(Ordering::SeqCst) && i < 100_000 {
                    store
                        .write(None, |tx| {
                            tx.audit(AuditEvent::new("test.write", "test", i));
                            tx.audit(AuditEvent::new("test.write.more", "test", i));
                            Ok(())
                        })
                        .unwrap();
                    i += 1;
                    done.store(i, Ordering::SeqCst);
                }
            });
            let mut files = Vec::new();
            for n in 0..3 {
                // Some writes between backups, so each snapshot is a different point.
                wait_for_writes(done.load(Ordering::SeqCst) + 2);
                let file = dir.join(format!("backup-{n}.cnb"));
                backup(store, &file).unwrap();
                files.push(file);
            }
            stop.store(true, Ordering::SeqCst);
            files
        });
        let mut last_seq = 0;
        for (n, file) in files.iter().enumerate() {
            let header = read_header(file).unwrap();
            assert_eq!(header.entries, header.head_seq);
            assert!(header.head_seq > last_seq, "backup {n} is not later than the one before");
            last_seq = header.head_seq;
            let target_dir = dir.join(format!("restored-{n}"));
            let restored = restore(file, None, &StoreConfig::new(&target_dir), Arc::new(SystemClock)).unwrap();
            assert_eq!(restored.head_seq, header.head_seq);
            assert_eq!(restored.head_hash, header.head_hash);
            assert_eq!(verified(&open(&target_dir)).head_seq, header.head_seq);
        }
    }

    #[test]
    fn a_backup_taken_during_writes_is_consistent() {
        let dir = TempDir::new();
        let store = open(&dir.path().join("source"));
        write_some(&store, 2);
        backups_during_writes(&store, dir.path());
    }

    /// A fresh PostgreSQL database for one test, dropped afterwards; `None` (the test is skipped)
    /// when COUNTERNET_TEST_DATABASE_URL (an admin connection) is not set.
    struct PgDb {
        admin: String,
        name: String,
        url: String,
    }

    impl PgDb {
        fn new() -> Option<PgDb> {
            let admin = std::env::var("COUNTERNET_TEST_DATABASE_URL").ok()?;
            let name = format!("counternet_backup_{}", uuid::Uuid::new_v4().simple());
            let mut conn = diesel::PgConnection::establish(&admin).unwrap();
            conn.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
            let (base, query) = match admin.split_once('?') {
                Some((base, query)) => (base, format!("?{query}")),
                None => (admin.as_str(), String::new()),
            };
            let (server, _) = base.rsplit_once('/').unwrap();
            let url = format!("{server}/{name}{query}");
            Some(PgDb { admin, name, url })
        }

        fn config(&self, data_dir: &Path) -> StoreConfig {
            StoreConfig { database_url: Some(self.url.clone()), pool_size: 4, ..StoreConfig::new(data_dir) }
        }
    }

    impl Drop for PgDb {
        fn drop(&mut self) {
            if let Ok(mut conn) = diesel::PgConnection::establish(&self.admin) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
            }
        }
    }

    #[test]
    fn postgres_backup_and_restore() {
        let (Some(source_db), Some(target_db), Some(from_sqlite_db)) = (PgDb::new(), PgDb::new(), PgDb::new()) else {
            eprintln!("COUNTERNET_TEST_DATABASE_URL is not set: the PostgreSQL backup test is skipped");
            return;
        };
        let dir = TempDir::new();
        let source = Store::open(&source_db.config(&dir.path().join("source")), Arc::new(SystemClock)).unwrap();
        write_some(&source, 3);
        let expected = verified(&source);
        let file = dir.path().join("backup.cnb");
        let summary = backup(&source, &file).unwrap();
        assert_eq!(summary.head_seq, expected.head_seq);
        assert_eq!(read_header(&file).unwrap().backend, "postgres");

        // Into an empty PostgreSQL database.
        let restored =
            restore(&file, None, &target_db.config(&dir.path().join("target")), Arc::new(SystemClock)).unwrap();
        assert_eq!(restored.head_hash, expected.head_hash);
        let target = Store::open(&target_db.config(&dir.path().join("target")), Arc::new(SystemClock)).unwrap();
        assert_eq!(verified(&target), expected);
        assert_eq!(contents(&target), contents(&source));
        drop(target);

        // Not into a database that already holds data; nothing is created for the attempt.
        let refused_dir = dir.path().join("refused");
        let e = err_text(restore(&file, None, &source_db.config(&refused_dir), Arc::new(SystemClock)));
        assert!(e.contains("already holds counternet data"), "{e}");
        assert!(!refused_dir.exists());
        assert_eq!(verified(&source), expected);

        // Into SQLite: the backup is logical, so it moves between backends.
        let sqlite_dir = dir.path().join("sqlite");
        restore(&file, None, &StoreConfig::new(&sqlite_dir), Arc::new(SystemClock)).unwrap();
        let sqlite = open(&sqlite_dir);
        assert_eq!(verified(&sqlite), expected);
        assert_eq!(contents(&sqlite), contents(&source));

        // And from SQLite into PostgreSQL.
        let sqlite_file = dir.path().join("from-sqlite.cnb");
        write_some(&sqlite, 1);
        let sqlite_expected = verified(&sqlite);
        backup(&sqlite, &sqlite_file).unwrap();
        restore(&sqlite_file, None, &from_sqlite_db.config(&dir.path().join("from-sqlite")), Arc::new(SystemClock))
            .unwrap();
        let pg = Store::open(&from_sqlite_db.config(&dir.path().join("from-sqlite")), Arc::new(SystemClock)).unwrap();
        assert_eq!(verified(&pg), sqlite_expected);
        drop(pg);

        // Consistent snapshots (REPEATABLE READ) while another connection writes.
        let busy_dir = dir.path().join("busy");
        fs::create_dir_all(&busy_dir).unwrap();
        backups_during_writes(&source, &busy_dir);
    }
}
