//! The `counternet` command line, run as a real process: help, users, backup and restore, demo,
//! and serve's one-time set-up link.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;

use counternet_domain::org::NewOrganisation;
use counternet_domain::vocab::OrganisationType;
use counternet_domain::{Actor, Role};
use counternet_store::audit::AuditEntry;
use counternet_store::schema::{self, audit_log};
use counternet_store::users::{self, SessionPolicy};
use counternet_store::{data_dir, orgs, AuditEvent, Store, StoreConfig, StoreError, SystemClock};

use crate::support::{backends, files_under, Backend, TestDb, PASSWORD};

/// What a finished command did.
#[derive(Debug)]
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `counternet ARGS`, with `stdin` on its standard input, isolated from the caller's
/// COUNTERNET_* settings.
fn run<I, S>(args: I, stdin: Option<&str>) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = assert_cmd::Command::cargo_bin("counternet").expect("the counternet binary");
    cmd.args(args)
        .env_remove("COUNTERNET_DATA")
        .env_remove("COUNTERNET_DATABASE_URL")
        .env_remove("COUNTERNET_BIND")
        .env_remove("COUNTERNET_LOG")
        .timeout(Duration::from_secs(60));
    match stdin {
        Some(s) => cmd.write_stdin(s.to_string()),
        None => cmd.write_stdin(""),
    };
    let out = cmd.output().expect("run counternet");
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn args(parts: &[&str], extra: &[String]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).chain(extra.iter().cloned()).collect()
}

fn path_arg(p: &Path) -> String {
    p.display().to_string()
}

/// `counternet users add` with the password on standard input.
fn add_user(data: &[String], username: &str, role: &str, password: &str) -> Run {
    run(
        args(&["users", "add", "--username", username, "--role", role, "--password-stdin"], data),
        Some(&format!("{password}\n")),
    )
}

/// (username, role, status) of every user `users list` shows.
fn list_users(data: &[String]) -> Vec<(String, String, String)> {
    let r = run(args(&["users", "list"], data), None);
    assert!(r.ok, "users list failed: {}", r.stderr);
    r.stdout
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?.to_string(), f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect()
}

/// `audit verify`: the (seq, hash) of the verified head.
fn verified_head(data: &[String]) -> (i64, String) {
    let r = run(args(&["audit", "verify"], data), None);
    assert!(r.ok, "audit verify failed: {} {}", r.stdout, r.stderr);
    let rest = r.stdout.split(" head ").nth(1).unwrap_or_else(|| panic!("no head in {:?}", r.stdout));
    let mut f = rest.split_whitespace();
    let seq = f.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no head seq in {:?}", r.stdout));
    let hash = f.next().unwrap_or_else(|| panic!("no head hash in {:?}", r.stdout)).to_string();
    assert_eq!(hash.len(), 64, "{}", r.stdout);
    (seq, hash)
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode() & 0o777
}

/// Signs in through the store, as the server would.
fn login_works(config: &StoreConfig, username: &str, password: &str) -> bool {
    let store = Store::open(config, Arc::new(SystemClock)).expect("open store");
    login_works_in(&store, username, password)
}

fn login_works_in(store: &Store, username: &str, password: &str) -> bool {
    match users::login(store, username, password, "127.0.0.1", &SessionPolicy::default()) {
        Ok(_) => true,
        Err(StoreError::InvalidCredentials) => false,
        Err(e) => panic!("login of {username}: {e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Help

#[test]
fn help_explains_every_command() {
    let top = run(["--help"], None);
    assert!(top.ok, "{}", top.stderr);
    assert!(
        top.stdout.contains("case management and network intelligence against human trafficking"),
        "{}",
        top.stdout
    );
    for sub in ["serve", "demo", "users", "backup", "restore", "audit", "openapi"] {
        assert!(top.stdout.contains(sub), "--help does not list {sub}: {}", top.stdout);
    }
    let cases: &[(&[&str], &str)] = &[
        (&["serve"], "Run the server"),
        (&["demo"], "fictional demo organisation"),
        (&["users"], "Manage user accounts"),
        (&["users", "add"], "Create a user"),
        (&["users", "disable"], "Disable a user"),
        (&["users", "enable"], "Enable a disabled user"),
        (&["users", "reset-password"], "Set a new password"),
        (&["users", "list"], "List users"),
        (&["backup"], "consistent, encrypted backup"),
        (&["restore"], "Restore a backup"),
        (&["audit"], "audit trail"),
        (&["audit", "verify"], "Recompute the hash chain"),
        (&["openapi"], "OpenAPI"),
    ];
    for (sub, purpose) in cases {
        let mut a: Vec<&str> = sub.to_vec();
        a.push("--help");
        let r = run(&a, None);
        assert!(r.ok, "{a:?}: {}", r.stderr);
        assert!(r.stdout.contains(purpose), "{a:?} does not say {purpose:?}: {}", r.stdout);
        assert!(r.stdout.contains("Usage: counternet"), "{a:?}: {}", r.stdout);
    }
    // The options users must know about are documented.
    let r = run(["users", "add", "--help"], None);
    for opt in ["--data", "--database-url", "--username", "--role", "--password-stdin"] {
        assert!(r.stdout.contains(opt), "users add --help lacks {opt}: {}", r.stdout);
    }
    let r = run(["restore", "--help"], None);
    assert!(r.stdout.contains("--key-file"), "{}", r.stdout);

    // No subcommand, or an unknown one, is a usage error.
    assert!(!run(Vec::<String>::new(), None).ok);
    let r = run(["frobnicate"], None);
    assert!(!r.ok);
    assert!(r.stderr.contains("frobnicate"), "{}", r.stderr);
}

#[test]
fn openapi_prints_the_api_document() {
    let r = run(["openapi"], None);
    assert!(r.ok, "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("openapi prints JSON");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
    assert!(doc["paths"]["/api/v1/session"].is_object());
}

// ---------------------------------------------------------------------------------------------
// Users

#[test]
fn users_are_added_listed_disabled_and_given_new_passwords() {
    let db = TestDb::new(Backend::Sqlite);
    let data = db.cli_args();

    let r = add_user(&data, "Somsri", "investigator", PASSWORD);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains("created user somsri"), "{}", r.stdout);
    assert!(!r.stdout.contains(PASSWORD), "the password given on stdin is echoed: {}", r.stdout);
    let list = list_users(&data);
    assert_eq!(list, vec![("somsri".into(), "investigator".into(), "active".into())]);

    // The data folder and its secrets are private.
    assert_eq!(mode(&db.dir), 0o700, "data folder");
    for secret in [data_dir::DB_KEY_FILE, data_dir::SIGNING_KEY_FILE, data_dir::HEAD_FILE] {
        assert_eq!(mode(&db.dir.join(secret)), 0o600, "{secret}");
    }

    // Disable and enable.
    let r = run(args(&["users", "disable", "--username", "somsri"], &data), None);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(list_users(&data), vec![("somsri".into(), "investigator".into(), "disabled".into())]);
    let r = run(args(&["users", "enable", "--username", "somsri"], &data), None);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(list_users(&data), vec![("somsri".into(), "investigator".into(), "active".into())]);

    // A new password: the old one stops working, the new one works.
    let new_password = "another long enough password";
    let r = run(
        args(&["users", "reset-password", "--username", "somsri", "--password-stdin"], &data),
        Some(&format!("{new_password}\n")),
    );
    assert!(r.ok, "{}", r.stderr);
    assert!(!r.stdout.contains(new_password), "{}", r.stdout);
    assert!(login_works(&db.config(), "somsri", new_password));
    assert!(!login_works(&db.config(), "somsri", PASSWORD));

    // A generated password is printed once and works.
    let r = run(args(&["users", "add", "--username", "aung", "--role", "social_worker"], &data), None);
    assert!(r.ok, "{}", r.stderr);
    let generated = r
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .unwrap_or_else(|| panic!("no generated password in {}", r.stdout))
        .trim()
        .to_string();
    assert!(generated.len() >= 12, "{generated}");
    assert!(login_works(&db.config(), "aung", &generated));

    // Refusals.
    let r = add_user(&data, "kanya", "wizard", PASSWORD);
    assert!(!r.ok);
    assert!(r.stderr.contains("unknown role"), "{}", r.stderr);
    for role in Role::ALL {
        assert!(r.stderr.contains(role.code()), "the message does not list {}: {}", role.code(), r.stderr);
    }
    let r = add_user(&data, "kanya", "lawyer", "short");
    assert!(!r.ok);
    assert!(r.stderr.contains("password"), "{}", r.stderr);
    let r = add_user(&data, "somsri", "lawyer", PASSWORD);
    assert!(!r.ok, "a duplicate username was accepted");
    assert!(r.stderr.contains("already in use"), "{}", r.stderr);
    let r = add_user(&data, "SOMSRI", "lawyer", PASSWORD);
    assert!(!r.ok, "a username differing only in case was accepted");
    let r = run(args(&["users", "add", "--username", "kanya", "--role", "lawyer", "--password-stdin"], &data), None);
    assert!(!r.ok, "an empty standard input was accepted as a password");
    let r = run(args(&["users", "reset-password", "--username", "somsri", "--password-stdin"], &data), Some("short\n"));
    assert!(!r.ok);
    assert!(r.stderr.contains("password"), "{}", r.stderr);
    let r = run(args(&["users", "disable", "--username", "nobody"], &data), None);
    assert!(!r.ok);
    assert!(r.stderr.contains("nobody"), "{}", r.stderr);
    assert_eq!(list_users(&data).len(), 2);

    // Every change above is in a verifiable audit trail.
    verified_head(&data);

    // Commands that need an installation do not make one.
    let empty = TestDb::new(Backend::Sqlite);
    let r = run(args(&["users", "list"], &empty.cli_args()), None);
    assert!(!r.ok);
    let r = run(args(&["audit", "verify"], &empty.cli_args()), None);
    assert!(!r.ok);
    assert!(!empty.dir.join(data_dir::DB_FILE).exists());
}

#[test]
fn users_are_managed_on_postgres_too() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let db = TestDb::new(Backend::Postgres);
    let data = db.cli_args();
    let r = add_user(&data, "malee", "manager", PASSWORD);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(list_users(&data), vec![("malee".into(), "manager".into(), "active".into())]);
    assert!(!db.dir.join(data_dir::DB_FILE).exists(), "a SQLite database was made beside PostgreSQL");
    assert_eq!(mode(&db.dir), 0o700);
    assert_eq!(mode(&db.dir.join(data_dir::SIGNING_KEY_FILE)), 0o600);
    assert_eq!(mode(&db.dir.join(data_dir::DB_KEY_FILE)), 0o600);
    verified_head(&data);
}

// ---------------------------------------------------------------------------------------------
// Backup and restore

/// A folder for backup files, removed when dropped.
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

fn backup(data: &[String], output: &Path) -> Run {
    run(args(&["backup", "--output", &path_arg(output)], data), None)
}

fn restore(target: &[String], file: &Path) -> Run {
    let mut a = args(&["restore"], target);
    a.push(path_arg(file));
    run(a, None)
}

fn flip_byte(file: &Path, at: usize) {
    let mut bytes = std::fs::read(file).expect("read backup");
    let b = bytes.get_mut(at).expect("offset inside the file");
    *b ^= 0x01;
    std::fs::write(file, bytes).expect("write backup");
}

/// The length of the backup's plaintext header line, newline included.
fn header_len(file: &Path) -> usize {
    let bytes = std::fs::read(file).expect("read backup");
    bytes.iter().position(|b| *b == b'\n').expect("a header line") + 1
}

#[test]
fn a_backup_restores_into_a_new_folder_with_the_same_audit_head() {
    let source = TestDb::new(Backend::Sqlite);
    let data = source.cli_args();
    for (u, role) in [("somsri", "investigator"), ("anong", "social_worker"), ("preecha", "auditor")] {
        assert!(add_user(&data, u, role, PASSWORD).ok);
    }
    assert!(run(args(&["users", "disable", "--username", "anong"], &data), None).ok);
    let head = verified_head(&data);
    let users_before = list_users(&data);

    let dir = scratch();
    let file = dir.path().join("counternet.backup");
    let r = backup(&data, &file);
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains(&format!("head {} {}", head.0, head.1)), "{}", r.stdout);
    assert_eq!(mode(&file), 0o600, "the backup file is readable by others");
    // It never overwrites.
    let r = backup(&data, &file);
    assert!(!r.ok);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);

    // verify reads the data; it wrote nothing new (same head as before the backup).
    assert_eq!(verified_head(&data), head);

    let target = TestDb::new(Backend::Sqlite);
    let r = restore(&target.cli_args(), &file);
    assert!(r.ok, "{} {}", r.stdout, r.stderr);
    assert_eq!(verified_head(&target.cli_args()), head, "the restored chain has another head");
    assert_eq!(mode(&target.dir), 0o700);
    for secret in [data_dir::DB_KEY_FILE, data_dir::SIGNING_KEY_FILE] {
        assert_eq!(mode(&target.dir.join(secret)), 0o600, "{secret}");
    }
    // The restored installation works: its users and their passwords are there.
    assert_eq!(list_users(&target.cli_args()), users_before);
    assert!(login_works(&target.config(), "somsri", PASSWORD));

    // Restoring over an installation is refused.
    let r = restore(&target.cli_args(), &file);
    assert!(!r.ok);
    assert!(r.stderr.contains("already holds"), "{}", r.stderr);

    // A flipped byte in the body, or in the header, is refused and leaves nothing behind.
    let len = std::fs::metadata(&file).expect("backup").len() as usize;
    let hl = header_len(&file);
    for (what, at) in [("body", hl + (len - hl) / 2), ("last byte", len - 1), ("header", created_at_digit(&file))] {
        let damaged = dir.path().join(format!("damaged-{}.backup", what.replace(' ', "-")));
        std::fs::copy(&file, &damaged).expect("copy backup");
        flip_byte(&damaged, at);
        let bad_target = TestDb::new(Backend::Sqlite);
        let r = restore(&bad_target.cli_args(), &damaged);
        assert!(!r.ok, "a backup with a flipped {what} byte was restored");
        assert!(r.stderr.contains("damaged or has been altered"), "{what}: {}", r.stderr);
        assert!(!bad_target.dir.join(data_dir::DB_FILE).exists(), "{what}: a database was left behind");
        assert!(
            files_under(&bad_target.dir).is_empty(),
            "{what}: files were left behind: {:?}",
            files_under(&bad_target.dir)
        );
    }
    // A truncated backup too.
    let cut = dir.path().join("cut.backup");
    let bytes = std::fs::read(&file).expect("read");
    std::fs::write(&cut, bytes.get(..bytes.len() - 100).expect("long enough")).expect("write");
    let bad_target = TestDb::new(Backend::Sqlite);
    let r = restore(&bad_target.cli_args(), &cut);
    assert!(!r.ok);
    assert!(!bad_target.dir.join(data_dir::DB_FILE).exists());
    // Something that is not a backup at all.
    let r = restore(&bad_target.cli_args(), &source.dir.join(data_dir::DB_KEY_FILE));
    assert!(!r.ok);
    assert!(r.stderr.contains("not a counternet backup"), "{}", r.stderr);
}

/// The offset of a digit inside the header's `created_at` value.
fn created_at_digit(file: &Path) -> usize {
    let bytes = std::fs::read(file).expect("read backup");
    let key = b"\"created_at\":\"";
    let start = bytes.windows(key.len()).position(|w| w == key).expect("created_at in the header") + key.len();
    start + 3 // the last digit of the year
}

#[test]
fn restore_needs_the_key_file_once_the_source_folder_is_gone() {
    let source = TestDb::new(Backend::Sqlite);
    assert!(add_user(&source.cli_args(), "somsri", "investigator", PASSWORD).ok);
    let head = verified_head(&source.cli_args());
    let dir = scratch();
    let file = dir.path().join("b.backup");
    assert!(backup(&source.cli_args(), &file).ok);
    let key_copy = dir.path().join("database.key");
    std::fs::copy(source.dir.join(data_dir::DB_KEY_FILE), &key_copy).expect("copy key");
    std::fs::remove_dir_all(&source.dir).expect("remove the source folder");

    let target = TestDb::new(Backend::Sqlite);
    let r = restore(&target.cli_args(), &file);
    assert!(!r.ok, "restored without a key");
    assert!(r.stderr.contains("--key-file"), "{}", r.stderr);
    assert!(!target.dir.join(data_dir::DB_FILE).exists());

    // Another installation's key is told apart from damage.
    let other = TestDb::new(Backend::Sqlite);
    drop(other.open(Arc::new(SystemClock)));
    let mut a = args(&["restore", "--key-file", &path_arg(&other.dir.join(data_dir::DB_KEY_FILE))], &target.cli_args());
    a.push(path_arg(&file));
    let r = run(a, None);
    assert!(!r.ok);
    assert!(r.stderr.contains("another installation"), "{}", r.stderr);

    let mut a = args(&["restore", "--key-file", &path_arg(&key_copy)], &target.cli_args());
    a.push(path_arg(&file));
    let r = run(a, None);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(verified_head(&target.cli_args()), head);
}

#[test]
fn a_backup_taken_while_writes_go_on_is_a_consistent_snapshot() {
    for backend in backends() {
        live_backup(backend);
    }
}

/// Backs up (through the command) a store that another thread keeps writing to: each write
/// transaction adds a partner organisation and 3 audit entries. Every restored backup must hold
/// a prefix of the chain ending on a transaction boundary, and exactly the organisations that
/// chain records.
fn live_backup(backend: Backend) {
    let source = TestDb::new(backend);
    let store = Arc::new(source.open(Arc::new(SystemClock)));
    let own = store.write(None, |tx| orgs::ensure_own(tx, "Test Foundation")).expect("own organisation");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, stop) = (store.clone(), stop.clone());
        std::thread::spawn(move || {
            let system = Actor::system(own.id);
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                store
                    .write(Some(&system), |tx| {
                        let org = orgs::create_partner(
                            tx,
                            &system,
                            NewOrganisation {
                                name: format!("Partner {n}"),
                                org_type: OrganisationType::Ngo,
                                country: "THA".into(),
                            },
                        )?;
                        for i in 0..2 {
                            tx.audit(AuditEvent::new("test.write", "organisation", format!("{}-{i}", org.id)));
                        }
                        Ok(())
                    })
                    .expect("write");
                n += 1;
            }
            n
        })
    };
    // Let the writer get going, then back up under it (twice, to widen the window).
    std::thread::sleep(Duration::from_millis(200));
    let dir = scratch();
    let files: Vec<PathBuf> = (0..2).map(|i| dir.path().join(format!("live-{i}.backup"))).collect();
    for f in &files {
        let r = backup(&source.cli_args(), f);
        assert!(r.ok, "{backend:?}: {}", r.stderr);
    }
    stop.store(true, Ordering::Relaxed);
    let transactions = writer.join().expect("writer thread");
    assert!(transactions > 5, "{backend:?}: the writer barely ran ({transactions} transactions)");

    let source_entries: Vec<AuditEntry> = {
        let mut conn = store.connection().expect("connection");
        audit_log::table.order(audit_log::seq.asc()).select(AuditEntry::as_select()).load(&mut *conn).expect("load")
    };
    for f in &files {
        let target = TestDb::new(Backend::Sqlite);
        let r = restore(&target.cli_args(), f);
        assert!(r.ok, "{backend:?}: a live backup does not restore: {}", r.stderr);
        let (seq, hash) = verified_head(&target.cli_args());
        // A prefix of the source's chain, ending on a transaction boundary.
        assert!(seq > 1 && seq % 3 == 1, "{backend:?}: head {seq} is not on a transaction boundary");
        let at = source_entries.iter().find(|e| e.seq == seq).expect("the head is in the source");
        assert_eq!(at.hash, hash, "{backend:?}");
        // The rows are those of the same moment as the chain.
        let restored = target.open(Arc::new(SystemClock));
        let mut conn = restored.connection().expect("connection");
        let organisations: i64 = schema::organisations::table.count().get_result(&mut *conn).expect("count");
        let created: i64 = audit_log::table
            .filter(audit_log::action.eq("organisation.create"))
            .count()
            .get_result(&mut *conn)
            .expect("count");
        assert_eq!(organisations, created, "{backend:?}: rows and audit trail are of different moments");
        assert_eq!(created, (seq - 1) / 3 + 1, "{backend:?}");
    }
    assert!(store.verify_audit().expect("verify").is_ok(), "{backend:?}");
}

#[test]
fn backups_move_between_postgres_and_sqlite() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let pg = TestDb::new(Backend::Postgres);
    for (u, role) in [("somsri", "investigator"), ("malee", "manager")] {
        let r = add_user(&pg.cli_args(), u, role, PASSWORD);
        assert!(r.ok, "{}", r.stderr);
    }
    let head = verified_head(&pg.cli_args());
    let dir = scratch();
    let file = dir.path().join("pg.backup");
    let r = backup(&pg.cli_args(), &file);
    assert!(r.ok, "{}", r.stderr);
    let first_line = {
        let mut line = String::new();
        BufReader::new(std::fs::File::open(&file).expect("open")).read_line(&mut line).expect("read");
        line
    };
    assert!(first_line.contains("\"backend\":\"postgres\""), "{first_line}");

    // PostgreSQL -> a new SQLite folder.
    let sqlite = TestDb::new(Backend::Sqlite);
    let r = restore(&sqlite.cli_args(), &file);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(verified_head(&sqlite.cli_args()), head);
    assert_eq!(list_users(&sqlite.cli_args()), list_users(&pg.cli_args()));

    // ... and back into an empty PostgreSQL database, through a backup of the SQLite copy.
    let file2 = dir.path().join("sqlite.backup");
    assert!(backup(&sqlite.cli_args(), &file2).ok);
    let pg2 = TestDb::new(Backend::Postgres);
    let r = restore(&pg2.cli_args(), &file2);
    assert!(r.ok, "{}", r.stderr);
    assert_eq!(verified_head(&pg2.cli_args()), head);
    assert!(login_works(&pg2.config(), "malee", PASSWORD));
    // A non-empty PostgreSQL database is refused.
    let again = TestDb::new(Backend::Sqlite);
    let mut target = pg2.cli_args();
    if let Some(d) = target.get_mut(1) {
        *d = path_arg(&again.dir);
    }
    let r = restore(&target, &file2);
    assert!(!r.ok);
    assert!(r.stderr.contains("already holds"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// Demo

#[test]
fn demo_seeds_a_verifiable_installation_with_a_user_of_every_role() {
    let db = TestDb::new(Backend::Sqlite);
    let r = run(["demo", "--data", &path_arg(&db.dir), "--no-serve"], None);
    assert!(r.ok, "{} {}", r.stdout, r.stderr);
    let demo_users: Vec<(String, String, String)> = r
        .stdout
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (u, role, pw) = (f.next()?, f.next()?, f.next()?);
            Role::from_code(role).map(|_| (u.to_string(), role.to_string(), pw.to_string()))
        })
        .collect();
    for role in Role::ALL {
        assert!(demo_users.iter().any(|(_, r, _)| r == role.code()), "no demo user for {}: {}", role.code(), r.stdout);
    }
    let store = db.open(Arc::new(SystemClock));
    for (u, _, pw) in &demo_users {
        assert!(login_works_in(&store, u, pw), "the printed password of {u} does not work");
    }
    drop(store);
    verified_head(&db.cli_args());
}

#[test]
fn demo_refuses_a_folder_that_is_not_a_demo_folder() {
    let db = TestDb::new(Backend::Sqlite);
    assert!(add_user(&db.cli_args(), "somsri", "investigator", PASSWORD).ok);
    let r = run(["demo", "--data", &path_arg(&db.dir), "--no-serve"], None);
    assert!(!r.ok, "demo wiped a real installation");
    assert!(r.stderr.contains("not empty"), "{}", r.stderr);
    assert_eq!(list_users(&db.cli_args()).len(), 1, "the installation was touched");
}

// ---------------------------------------------------------------------------------------------
// serve and the set-up link

/// A running `counternet serve`, killed when dropped (also when a test fails).
struct Server {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
    stderr: Arc<Mutex<String>>,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

impl Server {
    fn start(data: &[String]) -> Server {
        let port = free_port();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("counternet"))
            .arg("serve")
            .args(data)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env_remove("COUNTERNET_DATA")
            .env_remove("COUNTERNET_DATABASE_URL")
            .env_remove("COUNTERNET_BIND")
            .env_remove("COUNTERNET_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start counternet serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr_pipe = child.stderr.take().expect("stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let (Ok(mut s), Some(chunk)) = (sink.lock(), buf.get(..n)) {
                    s.push_str(&String::from_utf8_lossy(chunk));
                }
            }
        });
        Server { child, lines, seen: Vec::new(), stderr, base: format!("http://127.0.0.1:{port}") }
    }

    /// Waits for a stdout line containing `needle`.
    fn wait_for_line(&mut self, needle: &str, timeout: Duration) -> Option<String> {
        if let Some(l) = self.seen.iter().find(|l| l.contains(needle)) {
            return Some(l.clone());
        }
        let deadline = Instant::now() + timeout;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return Some(line);
                    }
                }
                Err(_) => break,
            }
        }
        None
    }

    /// Waits for the listening line and for /healthz to answer; then gives stdout a moment and
    /// returns everything it printed.
    async fn ready(&mut self) -> Vec<String> {
        let listening = self.wait_for_line("is listening on", Duration::from_secs(30));
        let stderr = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        assert!(listening.is_some(), "the server did not start: {stderr}");
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = client.get(format!("{}/healthz", self.base)).send().await {
                if r.status() == 200 {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "the server never answered /healthz");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
        self.seen.clone()
    }

    /// The set-up link, if the server printed one.
    fn setup_link(&self) -> Option<String> {
        self.seen.iter().find(|l| l.contains("/setup?token=")).map(|l| l.trim().to_string())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_prints_a_one_time_setup_link_until_an_administrator_exists() {
    let db = TestDb::new(Backend::Sqlite);
    let data = db.cli_args();
    let http = reqwest::Client::new();

    // First start: a new data folder and a set-up link that opens the form.
    let mut s1 = Server::start(&data);
    s1.ready().await;
    let link1 = s1.setup_link().unwrap_or_else(|| panic!("no set-up link in {:?}", s1.seen));
    assert!(link1.starts_with(&format!("{}/setup?token=", s1.base)), "{link1}");
    assert_eq!(mode(&db.dir), 0o700);
    let r = http.get(&link1).send().await.expect("GET set-up");
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    assert!(page.contains("<form") && page.contains("organisation_name"), "{page}");
    drop(s1);

    // Second start, still no administrator: a new link; the old one no longer works.
    let mut s2 = Server::start(&data);
    s2.ready().await;
    let link2 = s2.setup_link().unwrap_or_else(|| panic!("no set-up link on restart in {:?}", s2.seen));
    assert_ne!(link1, link2, "the restart printed the same link");
    let token = link2.split("token=").nth(1).expect("a token").to_string();
    let old = link1.replace(&s1_base(&link1), &s2.base);
    assert_eq!(http.get(&old).send().await.expect("GET").status(), 404, "the first link still works");
    assert_eq!(http.get(&link2).send().await.expect("GET").status(), 200);
    assert_eq!(http.get(format!("{}/setup?token=wrong", s2.base)).send().await.expect("GET").status(), 404);

    // Passwords that differ are sent back to the form.
    let form = |pw2: &str| {
        vec![
            ("token", token.clone()),
            ("organisation_name", "Mekong Freedom Foundation".to_string()),
            ("username", "founder".to_string()),
            ("password", PASSWORD.to_string()),
            ("password_again", pw2.to_string()),
        ]
    };
    let r = http.post(format!("{}/setup", s2.base)).form(&form("something else entirely")).send().await.expect("POST");
    assert_eq!(r.status(), 422);
    let r = http.post(format!("{}/setup", s2.base)).form(&form(PASSWORD)).send().await.expect("POST");
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("page");
    assert!(page.contains("founder"), "{page}");
    assert!(!page.contains(PASSWORD), "the password is echoed: {page}");
    // The link is single-use.
    let r = http.post(format!("{}/setup", s2.base)).form(&form(PASSWORD)).send().await.expect("POST");
    assert_eq!(r.status(), 404);
    assert_eq!(http.get(&link2).send().await.expect("GET").status(), 404);

    // The administrator signs in.
    let login = |base: String| {
        let http = http.clone();
        async move {
            http.post(format!("{base}/api/v1/session"))
                .json(&serde_json::json!({"username": "founder", "password": PASSWORD}))
                .send()
                .await
                .expect("POST session")
        }
    };
    let r = login(s2.base.clone()).await;
    assert_eq!(r.status(), 200);
    let who: serde_json::Value = r.json().await.expect("json");
    assert_eq!(who["role"], "administrator");
    drop(s2);

    // A restart prints no link any more.
    let mut s3 = Server::start(&data);
    let out = s3.ready().await;
    assert!(s3.setup_link().is_none(), "a set-up link after the administrator exists: {out:?}");
    assert!(!out.iter().any(|l| l.contains("No administrator")), "{out:?}");
    assert_eq!(login(s3.base.clone()).await.status(), 200);
    drop(s3);

    assert_eq!(list_users(&data), vec![("founder".to_string(), "administrator".to_string(), "active".to_string())]);
    verified_head(&data);
}

/// The scheme, host and port of a link.
fn s1_base(link: &str) -> String {
    link.split("/setup").next().unwrap_or(link).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_setup_form_names_the_organisation_even_after_users_were_added_from_the_command_line() {
    // An installation where a colleague's account was made with `users add` before the first
    // administrator: the set-up page still asks for the organisation's name, so it must be used.
    let db = TestDb::new(Backend::Sqlite);
    let data = db.cli_args();
    assert!(add_user(&data, "somsri", "investigator", PASSWORD).ok);
    let mut server = Server::start(&data);
    server.ready().await;
    let link = server.setup_link().unwrap_or_else(|| panic!("no set-up link without an administrator"));
    let token = link.split("token=").nth(1).expect("a token").to_string();
    let http = reqwest::Client::builder().cookie_store(true).build().expect("client");
    let r = http
        .post(format!("{}/setup", server.base))
        .form(&[
            ("token", token.as_str()),
            ("organisation_name", "Mekong Freedom Foundation"),
            ("username", "founder"),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
        ])
        .send()
        .await
        .expect("POST set-up");
    assert_eq!(r.status(), 200);
    let r = http
        .post(format!("{}/api/v1/session", server.base))
        .json(&serde_json::json!({"username": "founder", "password": PASSWORD}))
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 200);
    let orgs: serde_json::Value = http
        .get(format!("{}/api/v1/organisations", server.base))
        .send()
        .await
        .expect("GET")
        .json()
        .await
        .expect("json");
    let own = orgs.as_array().and_then(|a| a.iter().find(|o| o["is_own"] == true)).cloned().unwrap_or_default();
    assert_eq!(own["name"], "Mekong Freedom Foundation", "the name given on the set-up page was dropped: {orgs}");
}

#[test]
fn a_backup_of_a_tampered_installation_does_not_restore_and_leaves_nothing_behind() {
    let source = TestDb::new(Backend::Sqlite);
    for (u, role) in [("somsri", "investigator"), ("malee", "manager")] {
        assert!(add_user(&source.cli_args(), u, role, PASSWORD).ok);
    }
    {
        let store = source.open(Arc::new(SystemClock));
        let mut conn = store.connection().expect("connection");
        diesel::sql_query("UPDATE audit_log SET detail = '{}' WHERE seq = 2").execute(&mut *conn).expect("tamper");
    }
    let r = run(args(&["audit", "verify"], &source.cli_args()), None);
    assert!(!r.ok && r.stderr.contains("entry 2"), "{}", r.stderr);

    let dir = scratch();
    let file = dir.path().join("tampered.backup");
    // Taking the backup is allowed (it preserves the evidence as it is) ...
    let r = backup(&source.cli_args(), &file);
    assert!(r.ok, "{}", r.stderr);
    // ... but it restores nowhere, and leaves nothing behind.
    let target = TestDb::new(Backend::Sqlite);
    let r = restore(&target.cli_args(), &file);
    assert!(!r.ok, "a backup with a broken audit chain was restored");
    assert!(r.stderr.contains("does not verify") && r.stderr.contains("entry 2"), "{}", r.stderr);
    assert!(files_under(&target.dir).is_empty(), "left behind: {:?}", files_under(&target.dir));
    if backends().contains(&Backend::Postgres) {
        let pg = TestDb::new(Backend::Postgres);
        let r = restore(&pg.cli_args(), &file);
        assert!(!r.ok, "a backup with a broken audit chain was restored into PostgreSQL");
        assert!(r.stderr.contains("does not verify"), "{}", r.stderr);
        assert!(files_under(&pg.dir).is_empty(), "left behind: {:?}", files_under(&pg.dir));
        // The database is still empty: a good backup restores into it.
        let good = TestDb::new(Backend::Sqlite);
        assert!(add_user(&good.cli_args(), "anong", "lawyer", PASSWORD).ok);
        let head = verified_head(&good.cli_args());
        let good_file = dir.path().join("good.backup");
        assert!(backup(&good.cli_args(), &good_file).ok);
        let r = restore(&pg.cli_args(), &good_file);
        assert!(r.ok, "{}", r.stderr);
        assert_eq!(verified_head(&pg.cli_args()), head);
    }
}
