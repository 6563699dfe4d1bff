//! Tampering trials: someone with direct SQL access to the database (but not the signing key)
//! changes, removes, inserts, reorders or cuts off audit entries, or forges a checkpoint. Each
//! trial starts from a fresh, verified chain of 20 entries, on every backend, and must be caught
//! by `Store::verify_audit` and by `counternet audit verify`, both naming the first bad entry.

use std::sync::Arc;

use diesel::prelude::*;

use counternet_store::audit::{AuditEntry, ChainBroken, Checkpoint, GENESIS_HASH};
use counternet_store::schema::{audit_checkpoints, audit_log};
use counternet_store::{data_dir, AuditEvent, Store, SystemClock};

use crate::support::{backends, Backend, TestDb};

/// Entries per write transaction: 20 entries, with a signed checkpoint after entries
/// 2, 5, 6, 9, 11, 12, 16, 17 and 20.
const BATCHES: [i64; 9] = [2, 3, 1, 3, 2, 1, 4, 1, 3];
const ENTRIES: i64 = 20;
const CHECKPOINTS: [i64; 9] = [2, 5, 6, 9, 11, 12, 16, 17, 20];

/// A fresh database holding a verified chain of [`ENTRIES`] entries. The store is declared
/// first so that it is dropped (its connections closed) before the database is removed.
struct Chain {
    store: Store,
    db: TestDb,
}

impl Chain {
    fn new(backend: Backend) -> Chain {
        let db = TestDb::new(backend);
        let store = db.open(Arc::new(SystemClock));
        let mut n = 0i64;
        for batch in BATCHES {
            store
                .write(None, |tx| {
                    for _ in 0..batch {
                        n += 1;
                        tx.audit(
                            AuditEvent::new("test.write", "test", n)
                                .in_case(format!("case-{}", n % 3))
                                .detail(serde_json::json!({"n": n, "note": "it's a test"})),
                        );
                    }
                    Ok(())
                })
                .expect("audited write");
        }
        let chain = Chain { store, db };
        let verified = chain.verify().unwrap_or_else(|b| panic!("{backend:?}: a fresh chain is broken: {b}"));
        assert_eq!(verified.entries, ENTRIES, "{backend:?}");
        assert_eq!(verified.head_seq, ENTRIES, "{backend:?}");
        assert_eq!(verified.checkpoints, CHECKPOINTS.len() as i64, "{backend:?}");
        assert_eq!(chain.checkpoint_seqs(), CHECKPOINTS, "{backend:?}");
        chain
    }

    fn backend(&self) -> Backend {
        self.db.backend
    }

    fn verify(&self) -> Result<counternet_store::audit::Verified, ChainBroken> {
        self.store.verify_audit().expect("verify runs")
    }

    /// Runs raw SQL statements, one at a time, as an attacker with database access would.
    fn sql(&self, statements: &[String]) {
        let mut conn = self.store.connection().expect("connection");
        for s in statements {
            diesel::sql_query(s.as_str())
                .execute(&mut *conn)
                .unwrap_or_else(|e| panic!("{:?}: {s}: {e}", self.backend()));
        }
    }

    fn entries(&self) -> Vec<AuditEntry> {
        let mut conn = self.store.connection().expect("connection");
        audit_log::table
            .order(audit_log::seq.asc())
            .select(AuditEntry::as_select())
            .load(&mut *conn)
            .expect("load entries")
    }

    fn entry(&self, seq: i64) -> AuditEntry {
        self.entries().into_iter().find(|e| e.seq == seq).unwrap_or_else(|| panic!("no entry {seq}"))
    }

    fn checkpoint_seqs(&self) -> Vec<i64> {
        let mut conn = self.store.connection().expect("connection");
        audit_checkpoints::table
            .order(audit_checkpoints::seq.asc())
            .select(audit_checkpoints::seq)
            .load(&mut *conn)
            .expect("load checkpoints")
    }

    fn checkpoint(&self, seq: i64) -> Checkpoint {
        let mut conn = self.store.connection().expect("connection");
        audit_checkpoints::table
            .filter(audit_checkpoints::seq.eq(seq))
            .select(Checkpoint::as_select())
            .first(&mut *conn)
            .expect("load checkpoint")
    }

    fn head_file(&self) -> std::path::PathBuf {
        self.db.dir.join(data_dir::HEAD_FILE)
    }

    /// Asserts that both the library and the command find the chain broken first at `seq`;
    /// returns the problem the library reported.
    fn assert_broken_at(&self, seq: i64, trial: &str) -> String {
        let backend = self.backend();
        let broken = match self.verify() {
            Ok(v) => panic!("{backend:?} {trial}: tampering not detected: {v:?}"),
            Err(b) => b,
        };
        assert_eq!(broken.seq, seq, "{backend:?} {trial}: wrong first bad entry: {broken}");
        let (ok, _out, err) = cli_verify(&self.db);
        assert!(!ok, "{backend:?} {trial}: `audit verify` exited 0 on a tampered chain");
        assert!(
            err.contains(&format!("BROKEN at entry {seq}:")),
            "{backend:?} {trial}: `audit verify` does not name entry {seq}: {err}"
        );
        broken.problem
    }
}

/// Runs `counternet audit verify` against the database: (exit status 0?, stdout, stderr).
fn cli_verify(db: &TestDb) -> (bool, String, String) {
    let out = assert_cmd::Command::cargo_bin("counternet")
        .expect("the counternet binary")
        .args(["audit", "verify"])
        .args(db.cli_args())
        .env_remove("COUNTERNET_DATABASE_URL")
        .env_remove("COUNTERNET_DATA")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run counternet audit verify");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A SQL literal: NULL or a single-quoted string.
fn lit(v: Option<&str>) -> String {
    match v {
        Some(s) => format!("'{}'", s.replace('\'', "''")),
        None => "NULL".to_string(),
    }
}

fn insert_sql(e: &AuditEntry) -> String {
    format!(
        "INSERT INTO audit_log (seq, at, actor_id, actor_role, action, entity_kind, entity_id, case_id, outcome, \
         detail, prev_hash, hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
        e.seq,
        lit(Some(&e.at)),
        lit(e.actor_id.as_deref()),
        lit(e.actor_role.as_deref()),
        lit(Some(&e.action)),
        lit(Some(&e.entity_kind)),
        lit(e.entity_id.as_deref()),
        lit(e.case_id.as_deref()),
        lit(Some(&e.outcome)),
        lit(Some(&e.detail)),
        lit(Some(&e.prev_hash)),
        lit(Some(&e.hash)),
    )
}

/// Rewrites every column of the entry with `e.seq`.
fn update_sql(e: &AuditEntry) -> String {
    format!(
        "UPDATE audit_log SET at = {}, actor_id = {}, actor_role = {}, action = {}, entity_kind = {}, \
         entity_id = {}, case_id = {}, outcome = {}, detail = {}, prev_hash = {}, hash = {} WHERE seq = {}",
        lit(Some(&e.at)),
        lit(e.actor_id.as_deref()),
        lit(e.actor_role.as_deref()),
        lit(Some(&e.action)),
        lit(Some(&e.entity_kind)),
        lit(e.entity_id.as_deref()),
        lit(e.case_id.as_deref()),
        lit(Some(&e.outcome)),
        lit(Some(&e.detail)),
        lit(Some(&e.prev_hash)),
        lit(Some(&e.hash)),
        e.seq,
    )
}

fn set_head_sql(seq: i64, hash: &str) -> String {
    format!("UPDATE audit_head SET seq = {seq}, hash = {} WHERE id = 1", lit(Some(hash)))
}

/// Flips one hex digit.
fn flip_hex(c: char) -> char {
    if c == '0' {
        '1'
    } else {
        '0'
    }
}

fn flip_hex_at(s: &str, i: usize) -> String {
    s.chars().enumerate().map(|(j, c)| if j == i { flip_hex(c) } else { c }).collect()
}

#[test]
fn an_untouched_chain_verifies_through_the_command() {
    for backend in backends() {
        let chain = Chain::new(backend);
        let (ok, out, err) = cli_verify(&chain.db);
        assert!(ok, "{backend:?}: `audit verify` failed on an untouched chain: {out} {err}");
        let head = chain.entry(ENTRIES).hash;
        assert!(out.contains(&format!("{ENTRIES} entries")), "{backend:?}: {out}");
        assert!(out.contains(&format!("{} signed checkpoints", CHECKPOINTS.len())), "{backend:?}: {out}");
        assert!(out.contains(&format!("head {ENTRIES} {head}")), "{backend:?}: {out}");
        assert!(!err.contains("BROKEN"), "{backend:?}: {err}");
    }
}

#[test]
fn editing_a_field_of_an_entry_is_caught_at_that_entry() {
    for backend in backends() {
        for (what, sql) in [
            ("detail", r#"UPDATE audit_log SET detail = '{"n":7,"note":"nothing happened"}' WHERE seq = 7"#),
            ("actor_id", "UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 7"),
            ("at", "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 7"),
            ("action", "UPDATE audit_log SET action = 'test.read' WHERE seq = 7"),
            ("entity_id", "UPDATE audit_log SET entity_id = NULL WHERE seq = 7"),
            ("case_id", "UPDATE audit_log SET case_id = '' WHERE seq = 7"),
            ("outcome", "UPDATE audit_log SET outcome = 'denied' WHERE seq = 7"),
        ] {
            let chain = Chain::new(backend);
            chain.sql(&[sql.to_string()]);
            let problem = chain.assert_broken_at(7, &format!("edit {what}"));
            assert!(problem.contains("altered"), "{backend:?} {what}: {problem}");
        }
    }
}

#[test]
fn an_edit_with_a_recomputed_hash_is_caught_at_the_next_entry_and_a_rewritten_tail_at_a_checkpoint() {
    for backend in backends() {
        // The entry's own hash is made consistent: the next entry no longer follows it.
        let chain = Chain::new(backend);
        let mut e = chain.entry(7);
        e.detail = r#"{"n":7,"note":"nothing happened"}"#.into();
        e.hash = e.compute_hash();
        chain.sql(&[update_sql(&e)]);
        let problem = chain.assert_broken_at(8, "edit 7 and rehash it");
        assert!(problem.contains("previous hash"), "{backend:?}: {problem}");

        // The whole rest of the chain and the head row are rewritten consistently: only the
        // signed checkpoints (which need the key) show it, from the first one at or after 7.
        let chain = Chain::new(backend);
        let mut prev = chain.entry(6).hash;
        let mut statements = Vec::new();
        for mut e in chain.entries().into_iter().filter(|e| e.seq >= 7) {
            if e.seq == 7 {
                e.detail = r#"{"n":7,"note":"nothing happened"}"#.into();
            }
            e.prev_hash = prev.clone();
            e.hash = e.compute_hash();
            prev = e.hash.clone();
            statements.push(update_sql(&e));
        }
        statements.push(set_head_sql(ENTRIES, &prev));
        chain.sql(&statements);
        let first_cp = CHECKPOINTS.iter().copied().find(|s| *s >= 7).expect("a checkpoint after 7");
        assert_eq!(first_cp, 9);
        let problem = chain.assert_broken_at(first_cp, "rewrite 7..=20 consistently");
        assert!(problem.contains("checkpoint"), "{backend:?}: {problem}");

        // The same, with the rewritten checkpoints' head hashes updated too: their signatures
        // no longer match.
        let chain = Chain::new(backend);
        let mut prev = chain.entry(6).hash;
        let mut statements = Vec::new();
        for mut e in chain.entries().into_iter().filter(|e| e.seq >= 7) {
            if e.seq == 7 {
                e.detail = r#"{"n":7,"note":"nothing happened"}"#.into();
            }
            e.prev_hash = prev.clone();
            e.hash = e.compute_hash();
            prev = e.hash.clone();
            if CHECKPOINTS.contains(&e.seq) {
                statements.push(format!(
                    "UPDATE audit_checkpoints SET head_hash = {} WHERE seq = {}",
                    lit(Some(&e.hash)),
                    e.seq
                ));
            }
            statements.push(update_sql(&e));
        }
        statements.push(set_head_sql(ENTRIES, &prev));
        chain.sql(&statements);
        let problem = chain.assert_broken_at(9, "rewrite 7..=20 and the checkpoints' hashes");
        assert!(problem.contains("signature"), "{backend:?}: {problem}");
    }
}

#[test]
fn deleting_an_entry_is_caught_at_that_entry() {
    for backend in backends() {
        let chain = Chain::new(backend);
        chain.sql(&["DELETE FROM audit_log WHERE seq = 7".into()]);
        let problem = chain.assert_broken_at(7, "delete 7");
        assert!(problem.contains("missing"), "{backend:?}: {problem}");

        // Deleting the first entry.
        let chain = Chain::new(backend);
        chain.sql(&["DELETE FROM audit_log WHERE seq = 1".into()]);
        chain.assert_broken_at(1, "delete 1");

        // Deleting 7 and renumbering the rest down to close the gap.
        let chain = Chain::new(backend);
        chain.sql(&[
            "DELETE FROM audit_log WHERE seq = 7".into(),
            "UPDATE audit_log SET seq = -seq WHERE seq > 7".into(),
            "UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0".into(),
        ]);
        chain.assert_broken_at(7, "delete 7 and renumber");
    }
}

/// Moves entries after `after` one place up (descending renumbering through negative numbers,
/// so no primary key ever clashes on either backend).
fn make_room_after(after: i64) -> Vec<String> {
    vec![
        format!("UPDATE audit_log SET seq = -seq WHERE seq > {after}"),
        "UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0".to_string(),
    ]
}

#[test]
fn inserting_a_forged_entry_in_the_middle_is_caught() {
    for backend in backends() {
        // A forged entry 11 that does not carry a valid hash: caught at 11.
        let chain = Chain::new(backend);
        let ten = chain.entry(10);
        let forged = AuditEntry {
            seq: 11,
            action: "party.reveal".into(),
            detail: "{}".into(),
            prev_hash: ten.hash.clone(),
            hash: "ab".repeat(32),
            ..ten.clone()
        };
        let mut statements = make_room_after(10);
        statements.push(insert_sql(&forged));
        chain.sql(&statements);
        assert_eq!(chain.entries().len() as i64, ENTRIES + 1);
        chain.assert_broken_at(11, "insert a forged 11");

        // A forged entry 11 with a consistent hash: it cannot be told from a real one, but the
        // entry after it (the old 11) no longer follows it: caught at 12.
        let chain = Chain::new(backend);
        let ten = chain.entry(10);
        let mut forged = AuditEntry {
            seq: 11,
            action: "party.reveal".into(),
            detail: "{}".into(),
            prev_hash: ten.hash.clone(),
            hash: String::new(),
            ..ten.clone()
        };
        forged.hash = forged.compute_hash();
        let mut statements = make_room_after(10);
        statements.push(insert_sql(&forged));
        chain.sql(&statements);
        chain.assert_broken_at(12, "insert a consistent forged 11");

        // The forger also re-chains everything after it and moves the head: the signed
        // checkpoint at 11 no longer matches.
        let chain = Chain::new(backend);
        let ten = chain.entry(10);
        let mut forged = AuditEntry {
            seq: 11,
            action: "party.reveal".into(),
            detail: "{}".into(),
            prev_hash: ten.hash.clone(),
            hash: String::new(),
            ..ten.clone()
        };
        forged.hash = forged.compute_hash();
        let mut prev = forged.hash.clone();
        let mut statements = make_room_after(10);
        statements.push(insert_sql(&forged));
        for mut e in chain.entries().into_iter().filter(|e| e.seq > 10) {
            e.seq += 1;
            e.prev_hash = prev.clone();
            e.hash = e.compute_hash();
            prev = e.hash.clone();
            statements.push(update_sql(&e));
        }
        statements.push(set_head_sql(ENTRIES + 1, &prev));
        chain.sql(&statements);
        chain.assert_broken_at(11, "insert 11 and re-chain the rest");
    }
}

#[test]
fn reordering_two_entries_is_caught_at_the_first() {
    for backend in backends() {
        let chain = Chain::new(backend);
        let (five, six) = (chain.entry(5), chain.entry(6));
        // Swap their content, keeping the sequence numbers where they are.
        chain.sql(&[
            "UPDATE audit_log SET seq = -5 WHERE seq = 5".into(),
            "UPDATE audit_log SET seq = 5 WHERE seq = 6".into(),
            "UPDATE audit_log SET seq = 6 WHERE seq = -5".into(),
        ]);
        let swapped = chain.entries();
        assert_eq!(swapped.get(4).map(|e| &e.hash), Some(&six.hash));
        assert_eq!(swapped.get(5).map(|e| &e.hash), Some(&five.hash));
        chain.assert_broken_at(5, "swap 5 and 6");

        // Swapping only the payloads (detail), hashes left where they were.
        let chain = Chain::new(backend);
        let (mut five, mut six) = (chain.entry(5), chain.entry(6));
        std::mem::swap(&mut five.detail, &mut six.detail);
        std::mem::swap(&mut five.entity_id, &mut six.entity_id);
        chain.sql(&[update_sql(&five), update_sql(&six)]);
        chain.assert_broken_at(5, "swap the details of 5 and 6");
    }
}

#[test]
fn cutting_off_the_end_is_caught_by_the_published_head() {
    for backend in backends() {
        // The last 3 entries go, with their checkpoints, and the head row is moved back: the
        // database alone is a consistent, shorter chain; audit-head.json still covers 20.
        let chain = Chain::new(backend);
        assert!(chain.head_file().is_file(), "{backend:?}: no published head");
        let last_kept = ENTRIES - 3;
        assert!(CHECKPOINTS.contains(&last_kept));
        let kept = chain.entry(last_kept);
        chain.sql(&[
            format!("DELETE FROM audit_log WHERE seq > {last_kept}"),
            format!("DELETE FROM audit_checkpoints WHERE seq > {last_kept}"),
            set_head_sql(last_kept, &kept.hash),
        ]);
        let problem = chain.assert_broken_at(last_kept + 1, "truncate 18..=20 with checkpoints and head");
        assert!(problem.contains("published"), "{backend:?}: {problem}");

        // Documented limit (0002): without the head file, that truncation is a consistent
        // earlier state. This pins why audit-head.json exists.
        std::fs::remove_file(chain.head_file()).expect("remove the head file");
        let v = chain.verify().expect("a consistent shorter chain without a head file verifies");
        assert_eq!(v.entries, last_kept, "{backend:?}");

        // Entries cut off (and the head row moved back) but their checkpoints left behind, with
        // no head file: a signed checkpoint covers an entry that is missing.
        let chain = Chain::new(backend);
        let kept = chain.entry(last_kept);
        std::fs::remove_file(chain.head_file()).expect("remove the head file");
        chain.sql(&[format!("DELETE FROM audit_log WHERE seq > {last_kept}"), set_head_sql(last_kept, &kept.hash)]);
        let broken = chain.verify().expect_err("truncation under a checkpoint must be caught");
        assert!(
            broken.seq > last_kept && broken.seq <= ENTRIES,
            "{backend:?}: the reported entry {} is not one of the missing ones: {broken}",
            broken.seq
        );
        assert!(broken.problem.contains("missing"), "{backend:?}: {broken}");
        let (ok, _, err) = cli_verify(&chain.db);
        assert!(!ok, "{backend:?}: `audit verify` passed a truncated chain");
        assert!(err.contains(&format!("BROKEN at entry {}:", broken.seq)), "{backend:?}: {err}");

        // Only the entries cut off, nothing else touched: the head row no longer matches, or a
        // checkpoint covers a missing entry.
        let chain = Chain::new(backend);
        chain.sql(&[format!("DELETE FROM audit_log WHERE seq > {last_kept}")]);
        let broken = chain.verify().expect_err("a plain truncation must be caught");
        assert!(broken.seq > last_kept && broken.seq <= ENTRIES, "{backend:?}: {broken}");
    }
}

#[test]
fn an_unsigned_entry_appended_at_the_end_is_caught() {
    for backend in backends() {
        let chain = Chain::new(backend);
        let last = chain.entry(ENTRIES);
        let mut extra = AuditEntry { seq: ENTRIES + 1, prev_hash: last.hash.clone(), ..last.clone() };
        extra.hash = extra.compute_hash();
        chain.sql(&[insert_sql(&extra), set_head_sql(extra.seq, &extra.hash)]);
        let problem = chain.assert_broken_at(ENTRIES + 1, "append an unsigned 21");
        assert!(problem.contains("not covered by a signed checkpoint"), "{backend:?}: {problem}");
    }
}

#[test]
fn a_forged_checkpoint_signature_is_caught() {
    for backend in backends() {
        for seq in [ENTRIES, 9] {
            let chain = Chain::new(backend);
            let cp = chain.checkpoint(seq);
            let forged = flip_hex_at(&cp.signature, 10);
            assert_ne!(forged, cp.signature);
            chain.sql(&[format!("UPDATE audit_checkpoints SET signature = {} WHERE seq = {seq}", lit(Some(&forged)))]);
            let problem = chain.assert_broken_at(seq, &format!("forge the signature of checkpoint {seq}"));
            assert!(problem.contains("signature"), "{backend:?}: {problem}");
        }

        // A signature that is not even hex, and a checkpoint moved to another entry.
        let chain = Chain::new(backend);
        chain.sql(&["UPDATE audit_checkpoints SET signature = 'not hex' WHERE seq = 5".into()]);
        chain.assert_broken_at(5, "a non-hex signature");
        let chain = Chain::new(backend);
        chain.sql(&["UPDATE audit_checkpoints SET signed_at = '2020-01-01T00:00:00Z' WHERE seq = 12".into()]);
        chain.assert_broken_at(12, "a checkpoint's time changed");
    }
}

#[test]
fn a_forged_published_head_is_caught() {
    for backend in backends() {
        let chain = Chain::new(backend);
        let path = chain.head_file();
        let mut head: Checkpoint =
            serde_json::from_slice(&std::fs::read(&path).expect("read the head file")).expect("a checkpoint");
        assert_eq!(head.seq, ENTRIES, "{backend:?}: the head file is not the latest checkpoint");
        head.signature = flip_hex_at(&head.signature, 3);
        std::fs::write(&path, serde_json::to_vec(&head).expect("json")).expect("write the head file");
        let problem = chain.assert_broken_at(ENTRIES, "forge the head file's signature");
        assert!(problem.contains("published"), "{backend:?}: {problem}");
    }
}

#[test]
fn a_first_entry_that_does_not_start_from_genesis_is_caught() {
    for backend in backends() {
        let chain = Chain::new(backend);
        let mut first = chain.entry(1);
        assert_eq!(first.prev_hash, GENESIS_HASH);
        first.prev_hash = "11".repeat(32);
        first.hash = first.compute_hash();
        chain.sql(&[update_sql(&first)]);
        chain.assert_broken_at(1, "a first entry with another prev_hash");
    }
}
