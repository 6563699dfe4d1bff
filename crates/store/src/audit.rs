//! The tamper-evident audit trail.
//!
//! Every entry's hash covers its fields and the previous entry's hash, so changing, removing,
//! inserting or reordering an entry breaks the chain from there on. At the end of every write
//! transaction the store signs a checkpoint (sequence, head hash) with the installation's Ed25519
//! key, in the same transaction; the latest checkpoint is also kept in `audit-head.json` outside
//! the database so that cutting entries off the end (with their checkpoints) is noticed too.

use std::path::Path;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use counternet_domain::Actor;

use crate::clock::fmt_time;
use crate::db::DbConnection;
use crate::error::{StoreError, StoreResult};
use crate::schema::{audit_checkpoints, audit_head, audit_log};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How an audited action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Ok,
    Denied,
    Failed,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

/// An audit entry before it is chained. `detail` holds no personal data: field names, codes,
/// counts, a reveal's stated reason.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    pub action: &'static str,
    pub entity_kind: &'static str,
    pub entity_id: Option<String>,
    pub case_id: Option<String>,
    pub outcome: Outcome,
    pub detail: serde_json::Value,
}

impl AuditEvent {
    pub fn new(action: &'static str, entity_kind: &'static str, entity_id: impl ToString) -> Self {
        AuditEvent {
            action,
            entity_kind,
            entity_id: Some(entity_id.to_string()),
            case_id: None,
            outcome: Outcome::Ok,
            detail: serde_json::Value::Object(Default::default()),
        }
    }

    pub fn in_case(mut self, case_id: impl ToString) -> Self {
        self.case_id = Some(case_id.to_string());
        self
    }

    pub fn outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Self {
        self.detail = detail;
        self
    }
}

/// A stored audit entry.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize, utoipa::ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor_id: Option<String>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: Option<String>,
    pub case_id: Option<String>,
    pub outcome: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The hash this entry must carry, given its fields (the stored `hash` is not an input).
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"counternet-audit-v1\0");
        let mut field = |v: Option<&str>| match v {
            Some(s) => {
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
            None => h.update(u64::MAX.to_le_bytes()),
        };
        field(Some(&self.prev_hash));
        field(Some(&self.seq.to_string()));
        field(Some(&self.at));
        field(self.actor_id.as_deref());
        field(self.actor_role.as_deref());
        field(Some(&self.action));
        field(Some(&self.entity_kind));
        field(self.entity_id.as_deref());
        field(self.case_id.as_deref());
        field(Some(&self.outcome));
        field(Some(&self.detail));
        hex::encode(h.finalize())
    }
}

/// A signed checkpoint.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = audit_checkpoints)]
pub struct Checkpoint {
    pub seq: i64,
    pub head_hash: String,
    pub signed_at: String,
    pub key_id: String,
    pub signature: String,
}

impl Checkpoint {
    fn message(seq: i64, head_hash: &str, signed_at: &str) -> Vec<u8> {
        format!("counternet-audit-checkpoint-v1\n{seq}\n{head_hash}\n{signed_at}").into_bytes()
    }

    pub fn verify(&self, key: &VerifyingKey) -> bool {
        let Ok(bytes) = hex::decode(&self.signature) else {
            return false;
        };
        let Ok(sig) = Signature::from_slice(&bytes) else {
            return false;
        };
        key.verify(&Self::message(self.seq, &self.head_hash, &self.signed_at), &sig).is_ok()
    }
}

/// Signs checkpoints with the installation's key.
pub struct AuditSigner {
    key: SigningKey,
    key_id: String,
}

impl AuditSigner {
    pub fn new(key: SigningKey) -> Self {
        let key_id = key_id(&key.verifying_key());
        AuditSigner { key, key_id }
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    fn sign(&self, seq: i64, head_hash: &str, at: DateTime<Utc>) -> Checkpoint {
        let signed_at = fmt_time(at);
        let sig = self.key.sign(&Checkpoint::message(seq, head_hash, &signed_at));
        Checkpoint {
            seq,
            head_hash: head_hash.to_string(),
            signed_at,
            key_id: self.key_id.clone(),
            signature: hex::encode(sig.to_bytes()),
        }
    }
}

/// A short, stable name for a public key.
pub fn key_id(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    hex::encode(digest).chars().take(16).collect()
}

/// Takes the audit lock: the first statement of every write transaction. On PostgreSQL it locks
/// the single audit_head row until commit; on SQLite it takes the database's write lock at once.
pub(crate) fn lock(conn: &mut DbConnection) -> StoreResult<()> {
    diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
        .set(audit_head::seq.eq(audit_head::seq))
        .execute(conn)?;
    Ok(())
}

/// Appends events to the chain and signs a checkpoint; returns it. Runs inside the caller's
/// transaction, after [`lock`].
pub(crate) fn append(
    conn: &mut DbConnection,
    actor: Option<&Actor>,
    at: DateTime<Utc>,
    events: Vec<AuditEvent>,
    signer: &AuditSigner,
) -> StoreResult<Option<Checkpoint>> {
    if events.is_empty() {
        return Ok(None);
    }
    let (mut seq, mut prev): (i64, String) =
        audit_head::table.filter(audit_head::id.eq(1)).select((audit_head::seq, audit_head::hash)).first(conn)?;
    let at_text = fmt_time(at);
    let (actor_id, actor_role) = match actor {
        Some(a) if a.is_system() => (Some("system".to_string()), Some(a.role.code().to_string())),
        Some(a) => (Some(a.user_id.to_string()), Some(a.role.code().to_string())),
        None => (None, None),
    };
    let mut rows = Vec::with_capacity(events.len());
    for e in events {
        seq += 1;
        let mut entry = AuditEntry {
            seq,
            at: at_text.clone(),
            actor_id: actor_id.clone(),
            actor_role: actor_role.clone(),
            action: e.action.to_string(),
            entity_kind: e.entity_kind.to_string(),
            entity_id: e.entity_id,
            case_id: e.case_id,
            outcome: e.outcome.code().to_string(),
            detail: e.detail.to_string(),
            prev_hash: prev.clone(),
            hash: String::new(),
        };
        entry.hash = entry.compute_hash();
        prev = entry.hash.clone();
        rows.push(entry);
    }
    for row in &rows {
        diesel::insert_into(audit_log::table).values(row).execute(conn)?;
    }
    diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
        .set((audit_head::seq.eq(seq), audit_head::hash.eq(&prev)))
        .execute(conn)?;
    let cp = signer.sign(seq, &prev, at);
    diesel::insert_into(audit_checkpoints::table).values(&cp).execute(conn)?;
    Ok(Some(cp))
}

/// Writes the latest checkpoint to the head file if it is newer than what the file holds.
pub(crate) fn publish_head(path: &Path, cp: &Checkpoint) -> StoreResult<()> {
    if let Some(existing) = read_head_file(path)? {
        if existing.seq >= cp.seq {
            return Ok(());
        }
    }
    let json = serde_json::to_vec_pretty(cp).map_err(|e| StoreError::Config(e.to_string()))?;
    crate::data_dir::replace_file(path, &json, 0o600)
}

pub fn read_head_file(path: &Path) -> StoreResult<Option<Checkpoint>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|_| StoreError::Config(format!("{} is not a checkpoint", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StoreError::io(format!("cannot read {}", path.display()), e)),
    }
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub entries: i64,
    pub checkpoints: i64,
    pub head_seq: i64,
    pub head_hash: String,
}

/// The first problem `audit verify` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("audit entry {seq}: {problem}")]
pub struct ChainBroken {
    /// The first bad entry's sequence number.
    pub seq: i64,
    pub problem: String,
}

fn broken(seq: i64, problem: impl Into<String>) -> ChainBroken {
    ChainBroken { seq, problem: problem.into() }
}

/// Recomputes the whole chain and checks every checkpoint's signature.
///
/// `head_file` is the checkpoint last published outside the database, if any.
pub fn verify(
    conn: &mut DbConnection,
    key: &VerifyingKey,
    head_file: Option<&Checkpoint>,
) -> StoreResult<Result<Verified, ChainBroken>> {
    let checkpoints: Vec<Checkpoint> =
        audit_checkpoints::table.order(audit_checkpoints::seq.asc()).select(Checkpoint::as_select()).load(conn)?;
    // Keep only the hashes something will be compared with: checkpoint positions and the
    // published head, not the whole chain.
    let mut wanted: std::collections::HashSet<i64> = checkpoints.iter().map(|c| c.seq).collect();
    if let Some(h) = head_file {
        wanted.insert(h.seq);
    }
    let mut expected_seq = 1i64;
    let mut prev = GENESIS_HASH.to_string();
    let mut last_seq = 0i64;
    let mut hashes: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    // Page through the log so a long chain does not have to fit in memory at once.
    let mut after = i64::MIN;
    loop {
        let page: Vec<AuditEntry> = audit_log::table
            .filter(audit_log::seq.gt(after))
            .order(audit_log::seq.asc())
            .limit(5000)
            .select(AuditEntry::as_select())
            .load(conn)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for e in page {
            if e.seq != expected_seq {
                return Ok(Err(if e.seq > expected_seq {
                    broken(expected_seq, format!("missing: the next entry present is {}", e.seq))
                } else {
                    broken(e.seq, "out of sequence")
                }));
            }
            if e.prev_hash != prev {
                return Ok(Err(broken(e.seq, "does not follow the entry before it (previous hash differs)")));
            }
            if e.compute_hash() != e.hash {
                return Ok(Err(broken(e.seq, "has been altered (its hash does not match its content)")));
            }
            if wanted.contains(&e.seq) {
                hashes.insert(e.seq, e.hash.clone());
            }
            prev = e.hash;
            last_seq = e.seq;
            expected_seq += 1;
        }
    }
    let checkpoints: Vec<Checkpoint> =
        audit_checkpoints::table.order(audit_checkpoints::seq.asc()).select(Checkpoint::as_select()).load(conn)?;
    let mut last_cp = 0i64;
    for cp in &checkpoints {
        if !cp.verify(key) {
            return Ok(Err(broken(cp.seq, "its checkpoint signature is not valid")));
        }
        match hashes.get(&cp.seq) {
            None => return Ok(Err(broken(cp.seq, "is missing: a signed checkpoint covers it"))),
            Some(h) if *h != cp.head_hash => {
                return Ok(Err(broken(cp.seq, "differs from the signed checkpoint at that point")))
            }
            Some(_) => {}
        }
        last_cp = cp.seq;
    }
    if last_cp != last_seq {
        return Ok(Err(broken(
            last_cp + 1,
            format!("entries {}..={last_seq} are not covered by a signed checkpoint", last_cp + 1),
        )));
    }
    let head: (i64, String) =
        audit_head::table.filter(audit_head::id.eq(1)).select((audit_head::seq, audit_head::hash)).first(conn)?;
    if head.0 != last_seq || head.1 != prev {
        return Ok(Err(broken(last_seq.max(1), "the recorded chain head does not match the last entry")));
    }
    if let Some(file) = head_file {
        if !file.verify(key) {
            return Ok(Err(broken(file.seq, "the published head checkpoint's signature is not valid")));
        }
        if file.seq > last_seq {
            return Ok(Err(broken(
                last_seq + 1,
                format!("missing: the log ends at {last_seq} but a published checkpoint covers {}", file.seq),
            )));
        }
        if hashes.get(&file.seq) != Some(&file.head_hash) {
            return Ok(Err(broken(file.seq, "differs from the published head checkpoint")));
        }
    }
    Ok(Ok(Verified { entries: last_seq, checkpoints: checkpoints.len() as i64, head_seq: last_seq, head_hash: prev }))
}

/// Filters for reading the audit log.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    /// Only entries after this sequence number (for paging forwards).
    pub after: Option<i64>,
    /// Only entries about this record (a case, party, user, ...).
    pub entity_id: Option<String>,
    /// Only entries within this case.
    pub case_id: Option<String>,
    /// Only entries by this user id.
    pub actor_id: Option<String>,
    /// At most this many entries (1 to 1000, default 100).
    pub limit: Option<i64>,
}

/// Reads the audit log: auditors only, and the read is itself recorded.
pub fn list(tx: &mut crate::Tx<'_>, actor: &Actor, filter: &AuditFilter) -> StoreResult<Vec<AuditEntry>> {
    if actor.role != counternet_domain::Role::Auditor {
        return Err(StoreError::Refused {
            event: Box::new(AuditEvent::new("audit.read", "audit_log", "").outcome(Outcome::Denied)),
            then: Box::new(StoreError::Forbidden("only auditors read the audit trail")),
        });
    }
    let mut q = audit_log::table.into_boxed();
    if let Some(after) = filter.after {
        q = q.filter(audit_log::seq.gt(after));
    }
    if let Some(e) = &filter.entity_id {
        q = q.filter(audit_log::entity_id.eq(e.clone()));
    }
    if let Some(c) = &filter.case_id {
        q = q.filter(audit_log::case_id.eq(c.clone()));
    }
    if let Some(a) = &filter.actor_id {
        q = q.filter(audit_log::actor_id.eq(a.clone()));
    }
    let entries = q
        .order(audit_log::seq.asc())
        .limit(filter.limit.unwrap_or(100).clamp(1, 1000))
        .select(AuditEntry::as_select())
        .load(tx.conn)?;
    tx.audit(AuditEvent::new("audit.read", "audit_log", "").detail(serde_json::json!({"entries": entries.len()})));
    Ok(entries)
}

/// A case's own audit history, for anyone who may see the case (its team, its organisation's
/// managers): the entries made within the case, and those about the parties that have a role in it
/// (so a reveal of one of its people shows up, though a reveal carries no case). Newest first.
///
/// Entries hold ids, codes and a reveal's stated reason, never names. Reading is not itself
/// recorded: the case team reads its own case.
pub fn case_history(
    tx: &mut crate::Tx<'_>,
    actor: &Actor,
    case_id: uuid::Uuid,
    limit: i64,
) -> StoreResult<Vec<AuditEntry>> {
    use crate::schema::case_parties;

    crate::cases::visible(tx, actor, case_id)?;
    let id = case_id.to_string();
    let party_ids =
        case_parties::table.filter(case_parties::case_id.eq(id.clone())).select(case_parties::party_id.nullable());
    let entries = audit_log::table
        .filter(
            audit_log::case_id
                .eq(id.clone())
                .or(audit_log::entity_id.eq(id))
                .or(audit_log::entity_id.eq_any(party_ids)),
        )
        .order(audit_log::seq.desc())
        .limit(limit.clamp(1, 1000))
        .select(AuditEntry::as_select())
        .load(tx.conn)?;
    Ok(entries)
}

/// The usernames of the given user ids (ids that name no user, such as "system", are left out).
pub fn usernames(tx: &mut crate::Tx<'_>, ids: &[String]) -> StoreResult<std::collections::HashMap<String, String>> {
    use crate::schema::users;

    let rows: Vec<(String, String)> =
        users::table.filter(users::id.eq_any(ids)).select((users::id, users::username)).load(tx.conn)?;
    Ok(rows.into_iter().collect())
}
