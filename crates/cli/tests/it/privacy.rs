//! A planted survivor identity (a distinctive name and ID number) must appear nowhere it must
//! not: in no API response but the one deliberate reveal, in no file of the data folder (the
//! database is encrypted, its WAL and shared-memory files too), and in no log line.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

use counternet_domain::Role;
use counternet_store::data_dir;

use crate::support::{backends, files_under, spawn_app, Backend, TestDb, PASSWORD};

const GIVEN: &str = "Zawlinthiri";
const FAMILY: &str = "Kyawswarnaing";
const ID_NUMBER: &str = "12/KaMaNa(N)731904";
/// A Thai national ID number, sent as a JSON number where a string belongs.
const NATIONAL_ID: i64 = 1_103_702_345_678;
const NATIONAL_ID_TEXT: &str = "1103702345678";

/// What must never leak.
fn planted() -> [&'static str; 4] {
    [GIVEN, FAMILY, ID_NUMBER, NATIONAL_ID_TEXT]
}

/// The planted values found in `text` (case-insensitively).
fn leaked_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    planted().into_iter().filter(|p| lower.contains(&p.to_lowercase())).collect()
}

/// How a request is meant to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Ordinary use: never shows the planted identity.
    Flow,
    /// The one deliberate reveal.
    Reveal,
    /// A bad request whose body or query carries the planted value in the wrong place.
    Trap,
}

/// One request and what came back (status line, headers and body, as text).
#[derive(Debug)]
struct Exchange {
    kind: Kind,
    label: String,
    status: u16,
    text: String,
}

enum Body {
    None,
    Json(Value),
    Raw(&'static str, String),
}

async fn send(client: &reqwest::Client, kind: Kind, label: &str, method: Method, url: String, body: Body) -> Exchange {
    let mut req = client.request(method, url);
    req = match body {
        Body::None => req,
        Body::Json(v) => req.json(&v),
        Body::Raw(content_type, text) => req.header("content-type", content_type).body(text),
    };
    let resp = req.send().await.unwrap_or_else(|e| panic!("{label}: {e}"));
    let status = resp.status().as_u16();
    let mut text = String::new();
    for (name, value) in resp.headers() {
        text.push_str(&format!("{name}: {}\n", String::from_utf8_lossy(value.as_bytes())));
    }
    text.push('\n');
    text.push_str(&resp.text().await.unwrap_or_default());
    Exchange { kind, label: label.to_string(), status, text }
}

fn body_json(e: &Exchange) -> Value {
    let body = e.text.split_once("\n\n").map(|(_, b)| b).unwrap_or("");
    serde_json::from_str(body).unwrap_or(Value::Null)
}

/// Drives a survivor's record through the API as an investigator (and the audit log as an
/// auditor): creates the person, makes them a victim in a case, reveals them once, and sends bad
/// requests that carry the planted values. Returns every exchange.
async fn drive(base: &str, inv: &reqwest::Client, auditor: &reqwest::Client) -> Vec<Exchange> {
    let url = |p: &str| format!("{base}{p}");
    let mut out = Vec::new();

    let e = send(
        inv,
        Kind::Flow,
        "create the survivor",
        Method::POST,
        url("/api/v1/parties"),
        Body::Json(json!({"kind": "person", "given_name": GIVEN, "family_name": FAMILY, "id_number": ID_NUMBER,
                          "date_of_birth": "2009-04-17", "gender": "feminine", "nationality": "MMR", "survivor": true})),
    )
    .await;
    assert_eq!(e.status, 201, "{}", e.text);
    let victim = body_json(&e);
    assert_eq!(victim["masked"], true, "{victim}");
    let pid = victim["id"].as_str().expect("party id").to_string();
    out.push(e);

    let e = send(
        inv,
        Kind::Flow,
        "create a perpetrator",
        Method::POST,
        url("/api/v1/parties"),
        Body::Json(json!({"kind": "person", "full_name": "Ko Htet Boss"})),
    )
    .await;
    assert_eq!(e.status, 201, "{}", e.text);
    let perp = body_json(&e)["id"].as_str().expect("party id").to_string();
    out.push(e);

    // A second record of her, from another source that did not know she is a survivor (her name
    // written in three words): the review queue and her person show both records masked.
    let e = send(
        inv,
        Kind::Flow,
        "create a second record of her",
        Method::POST,
        url("/api/v1/parties"),
        Body::Json(json!({"kind": "person", "full_name": "Zawlin Kyaw Swar Naing", "date_of_birth": "2009-04-17"})),
    )
    .await;
    assert_eq!(e.status, 201, "{}", e.text);
    let second = body_json(&e)["id"].as_str().expect("party id").to_string();
    out.push(e);

    let e = send(
        inv,
        Kind::Flow,
        "create a case",
        Method::POST,
        url("/api/v1/cases"),
        Body::Json(json!({"title": "Karaoke bar, Mae Sot", "tactics": ["victim_identification"],
                          "exploitation_types": ["sexual_exploitation"]})),
    )
    .await;
    assert_eq!(e.status, 201, "{}", e.text);
    let case = body_json(&e)["id"].as_str().expect("case id").to_string();
    out.push(e);

    let flow: Vec<(&str, Method, String, Body, u16)> = vec![
        (
            "make them a victim",
            Method::POST,
            url(&format!("/api/v1/cases/{case}/parties")),
            Body::Json(json!({"party_id": pid, "role": "victim"})),
            201,
        ),
        (
            "add the perpetrator",
            Method::POST,
            url(&format!("/api/v1/cases/{case}/parties")),
            Body::Json(
                json!({"party_id": perp, "role": "perpetrator", "role_in_process": ["recruiter_or_intermediary"]}),
            ),
            201,
        ),
        (
            "link them",
            Method::POST,
            url("/api/v1/links"),
            Body::Json(json!({"from": perp, "to": pid, "kind": "recruited", "source": "interview",
                              "confidence": "high", "case_id": case})),
            201,
        ),
        ("the case", Method::GET, url(&format!("/api/v1/cases/{case}")), Body::None, 200),
        ("the case's parties", Method::GET, url(&format!("/api/v1/cases/{case}/parties")), Body::None, 200),
        ("the party", Method::GET, url(&format!("/api/v1/parties/{pid}")), Body::None, 200),
        ("the party, reveal=false", Method::GET, url(&format!("/api/v1/parties/{pid}?reveal=false")), Body::None, 200),
        ("the party's links", Method::GET, url(&format!("/api/v1/parties/{pid}/links")), Body::None, 200),
        ("the perpetrator's links", Method::GET, url(&format!("/api/v1/parties/{perp}/links")), Body::None, 200),
        ("the review queue", Method::GET, url("/api/v1/parties/duplicates?min=0.5"), Body::None, 200),
        (
            "merge her two records",
            Method::POST,
            url("/api/v1/parties/merges"),
            Body::Json(json!({"party_a": pid, "party_b": second})),
            201,
        ),
        ("her person's records", Method::GET, url(&format!("/api/v1/parties/{second}/records")), Body::None, 200),
        ("the case list", Method::GET, url("/api/v1/cases"), Body::None, 200),
        ("a search for the name", Method::GET, url(&format!("/api/v1/cases?q={GIVEN}")), Body::None, 200),
        (
            "a note",
            Method::POST,
            url(&format!("/api/v1/cases/{case}/notes")),
            Body::Json(json!({"body": "Interviewed at the shelter."})),
            201,
        ),
        // Errors the brief names: a wrong type next to the value, or the value in a typed field.
        (
            "a name as date_of_birth",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": GIVEN, "date_of_birth": GIVEN})),
            422,
        ),
        (
            "an ID number as date_of_birth",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": GIVEN, "date_of_birth": ID_NUMBER})),
            422,
        ),
        (
            "a wrong type beside the name",
            Method::PATCH,
            url(&format!("/api/v1/cases/{case}")),
            Body::Json(json!({"title": 5, "summary": GIVEN})),
            422,
        ),
        (
            "a name as a number",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": 5, "family_name": FAMILY})),
            422,
        ),
        (
            "a name as nationality",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": "A", "nationality": GIVEN})),
            422,
        ),
        (
            "a name as a phone number",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "phone", "number": GIVEN})),
            422,
        ),
        (
            "an ID number on a phone",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "phone", "number": "0812345678", "id_number": ID_NUMBER})),
            422,
        ),
        (
            "a name too long",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": GIVEN.repeat(30)})),
            422,
        ),
        (
            "a survivor born in the future",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": GIVEN, "date_of_birth": "2099-01-01"})),
            422,
        ),
        (
            "malformed JSON holding the name",
            Method::POST,
            url("/api/v1/parties"),
            Body::Raw("application/json", format!("{{\"kind\": \"person\", \"given_name\": \"{GIVEN}\",\n oops}}")),
            400,
        ),
        (
            "the name as plain text",
            Method::POST,
            url("/api/v1/parties"),
            Body::Raw("text/plain", format!("{GIVEN} {FAMILY} {ID_NUMBER}")),
            415,
        ),
        ("the name as a party id", Method::GET, url(&format!("/api/v1/parties/{GIVEN}")), Body::None, 404),
        ("the name as a path", Method::GET, url(&format!("/{GIVEN}")), Body::None, 404),
        ("the name as reveal", Method::GET, url(&format!("/api/v1/parties/{pid}?reveal={GIVEN}")), Body::None, 400),
    ];
    for (label, method, u, body, status) in flow {
        let e = send(inv, Kind::Flow, label, method, u, body).await;
        assert_eq!(e.status, status, "{label}: {}", e.text);
        out.push(e);
    }

    // A masked view says who without saying who.
    let parties = out.iter().find(|e| e.label == "the case's parties").map(body_json).unwrap_or(Value::Null);
    let shown = parties
        .as_array()
        .and_then(|a| a.iter().find(|cp| cp["party"]["id"] == json!(pid)))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(shown["party"]["name"], "Z. K.", "{parties}");
    assert_eq!(shown["party"]["masked"], true);

    // Her two records are suggested, and then one person, masked in both.
    let queue = out.iter().find(|e| e.label == "the review queue").map(body_json).unwrap_or(Value::Null);
    assert!(queue.to_string().contains(&second), "the pair is in the review queue: {queue}");
    let person = out.iter().find(|e| e.label == "her person's records").map(body_json).unwrap_or(Value::Null);
    let records = person["records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 2, "{person}");
    assert!(records.iter().all(|r| r["party"]["masked"] == true), "{person}");

    // The one deliberate reveal.
    let e = send(
        inv,
        Kind::Reveal,
        "reveal",
        Method::GET,
        url(&format!("/api/v1/parties/{pid}?reveal=true&reason=court%20preparation")),
        Body::None,
    )
    .await;
    assert_eq!(e.status, 200, "{}", e.text);
    let shown = body_json(&e);
    assert_eq!((shown["given_name"].as_str(), shown["masked"].as_bool()), (Some(GIVEN), Some(false)), "{shown}");
    assert_eq!(shown["id_number"], ID_NUMBER);
    out.push(e);

    // A sign-in attempt with the name as username and the ID number as password.
    let anon = reqwest::Client::new();
    let e = send(
        &anon,
        Kind::Flow,
        "sign in as the name",
        Method::POST,
        url("/api/v1/session"),
        Body::Json(json!({"username": GIVEN, "password": format!("{ID_NUMBER}{ID_NUMBER}")})),
    )
    .await;
    assert_eq!(e.status, 401, "{}", e.text);
    out.push(e);

    for (label, method, u, body) in trap_requests(&url, &pid, &perp, &case) {
        let e = send(inv, Kind::Trap, label, method, u, body).await;
        assert!((400..500).contains(&e.status), "{label}: {} {}", e.status, e.text);
        out.push(e);
    }

    // The audit trail, as an auditor: ids and codes, no identity.
    for (label, path) in [("the audit log", "/api/v1/audit?limit=1000"), ("audit verify", "/api/v1/audit/verify")] {
        let e = send(auditor, Kind::Flow, label, Method::GET, url(path), Body::None).await;
        assert_eq!(e.status, 200, "{label}: {}", e.text);
        out.push(e);
    }
    let log = out.iter().find(|e| e.label == "the audit log").map(body_json).unwrap_or(Value::Null);
    let reveals = log
        .as_array()
        .map(|a| a.iter().filter(|x| x["action"] == "party.reveal" && x["entity_id"] == json!(pid)).count())
        .unwrap_or(0);
    assert_eq!(reveals, 1, "the reveal is not audited exactly once: {log}");
    out
}

/// Bad requests that put the planted value where a vocabulary code, a field name or a query
/// parameter belongs: the server's own rule (crates/server/src/error.rs) is that error messages
/// never echo submitted values.
fn trap_requests(
    url: &dyn Fn(&str) -> String,
    pid: &str,
    perp: &str,
    case: &str,
) -> Vec<(&'static str, Method, String, Body)> {
    vec![
        (
            "the name as kind",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": GIVEN, "given_name": GIVEN})),
        ),
        (
            "the name as gender",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": "A", "gender": GIVEN})),
        ),
        (
            "the name as a field name",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": "A", GIVEN: FAMILY})),
        ),
        (
            "the name as a case role",
            Method::POST,
            url(&format!("/api/v1/cases/{case}/parties")),
            Body::Json(json!({"party_id": pid, "role": GIVEN})),
        ),
        (
            "the ID number as a case role",
            Method::POST,
            url(&format!("/api/v1/cases/{case}/parties")),
            Body::Json(json!({"party_id": pid, "role": ID_NUMBER})),
        ),
        (
            "the name as a case status",
            Method::PATCH,
            url(&format!("/api/v1/cases/{case}")),
            Body::Json(json!({"status": GIVEN})),
        ),
        (
            "the name as a tactic",
            Method::POST,
            url("/api/v1/cases"),
            Body::Json(json!({"title": "t", "tactics": [GIVEN]})),
        ),
        (
            "the name as a link kind",
            Method::POST,
            url("/api/v1/links"),
            Body::Json(json!({"from": perp, "to": pid, "kind": GIVEN})),
        ),
        (
            "a national ID number as a number",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": "A", "id_number": NATIONAL_ID})),
        ),
        (
            "the name in lower case as kind",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": GIVEN.to_lowercase(), "given_name": "A"})),
        ),
        (
            "a national ID number as a case role",
            Method::POST,
            url(&format!("/api/v1/cases/{case}/parties")),
            Body::Json(json!({"party_id": pid, "role": NATIONAL_ID_TEXT})),
        ),
        (
            "the name in lower case as a field name",
            Method::POST,
            url("/api/v1/parties"),
            Body::Json(json!({"kind": "person", "given_name": "A", GIVEN.to_lowercase(): 1})),
        ),
        ("the name as a query parameter", Method::GET, url(&format!("/api/v1/parties/{pid}?{GIVEN}=1")), Body::None),
        ("the name as a case filter", Method::GET, url(&format!("/api/v1/cases?status={GIVEN}")), Body::None),
    ]
}

/// Asserts that no exchange but the reveal shows a planted value.
fn assert_no_leaks(exchanges: &[Exchange], kinds: &[Kind]) {
    let leaks: Vec<String> = exchanges
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .filter_map(|e| {
            let found = leaked_in(&e.text);
            (!found.is_empty()).then(|| format!("{} ({}): {:?} in {}", e.label, e.status, found, e.text))
        })
        .collect();
    assert!(leaks.is_empty(), "planted identity in responses:\n{}", leaks.join("\n---\n"));
}

/// Little-endian UTF-16 bytes of `s`.
fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every (file, encoding of a planted value) found in the folder.
fn planted_in_files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in files_under(dir) {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        for p in planted() {
            for (enc, needle) in [
                ("UTF-8", p.as_bytes().to_vec()),
                ("UTF-8 lower case", p.to_lowercase().into_bytes()),
                ("UTF-16LE", utf16le(p)),
            ] {
                if contains(&bytes, &needle) {
                    found.push(format!("{p:?} ({enc}) in {}", file.display()));
                }
            }
        }
    }
    found
}

/// Ordinary use and the errors that carry the value beside a wrong type: only the reveal shows the
/// survivor. (The traps are sent too, so that the files hold them, but their bodies are checked by
/// `error_responses_never_echo_a_submitted_value`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_survivor_is_shown_only_by_the_reveal_and_is_in_no_data_file() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let aud = app.user("aud", Role::Auditor, None).await;
    let (ci, ca) = (app.login(&inv).await, app.login(&aud).await);
    let exchanges = drive(&app.url(""), &ci, &ca).await;

    assert_eq!(exchanges.iter().filter(|e| e.kind == Kind::Reveal).count(), 1);
    assert_no_leaks(&exchanges, &[Kind::Flow]);

    // The data folder while the server runs: the WAL has not been checkpointed, and it, the
    // shared-memory file and the database are all encrypted.
    let wal = app.db.dir.join(format!("{}-wal", data_dir::DB_FILE));
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert!(wal_len > 0, "no write-ahead log to look into at {}", wal.display());
    let files = files_under(&app.db.dir);
    assert!(files.iter().any(|f| f.ends_with(format!("{}-shm", data_dir::DB_FILE))), "{files:?}");
    let found = planted_in_files(&app.db.dir);
    assert!(found.is_empty(), "planted identity in the data folder of a running server:\n{}", found.join("\n"));

    // After the app is dropped. Dropping it removes the folder, so keep hard links to its files
    // first: whatever the store writes while closing (the WAL checkpointed into the database)
    // lands in the same files.
    let kept = tempfile::tempdir().expect("temporary folder");
    for f in &files {
        let name = f.file_name().expect("a file name");
        std::fs::hard_link(f, kept.path().join(name)).expect("hard link");
    }
    let store = std::sync::Arc::downgrade(&app.store);
    drop((ci, ca));
    drop(app);
    let deadline = Instant::now() + Duration::from_secs(15);
    while store.upgrade().is_some() {
        assert!(Instant::now() < deadline, "the store was not closed after the app was dropped");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let found = planted_in_files(kept.path());
    assert!(found.is_empty(), "planted identity in the data files after the store closed:\n{}", found.join("\n"));
}

/// The traps on their own: a value typed into the wrong place (a vocabulary code, a field name,
/// a query parameter, a number where a string belongs) must not come back in the error body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_responses_never_echo_a_submitted_value() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let aud = app.user("aud", Role::Auditor, None).await;
    let (ci, ca) = (app.login(&inv).await, app.login(&aud).await);
    let exchanges = drive(&app.url(""), &ci, &ca).await;
    assert_no_leaks(&exchanges, &[Kind::Flow, Kind::Trap]);
}

// ---------------------------------------------------------------------------------------------
// The real binary: its logs and its data folder after it stops.

/// A `counternet serve` child process; killed when dropped (also when a test fails).
struct Serve {
    child: std::process::Child,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Stops the server as Ctrl-C would (SIGINT, graceful shutdown); kills it after 15 s.
    fn stop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = std::process::Command::new("kill").args(["-INT", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn counternet(args: &[String], stdin: Option<&str>) -> std::process::Output {
    let mut cmd = assert_cmd::Command::cargo_bin("counternet").expect("the counternet binary");
    cmd.args(args)
        .env_remove("COUNTERNET_DATA")
        .env_remove("COUNTERNET_DATABASE_URL")
        .env_remove("COUNTERNET_LOG")
        .timeout(Duration::from_secs(60))
        .write_stdin(stdin.unwrap_or("").to_string());
    cmd.output().expect("run counternet")
}

async fn sign_in(base: &str, username: &str) -> reqwest::Client {
    let c = reqwest::Client::builder().cookie_store(true).build().expect("client");
    let r = c
        .post(format!("{base}/api/v1/session"))
        .json(&json!({"username": username, "password": PASSWORD}))
        .send()
        .await
        .expect("sign in");
    assert_eq!(r.status(), 200, "sign-in of {username}");
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_survivor_is_in_no_log_line_and_in_no_data_file_after_shutdown() {
    for backend in backends() {
        let db = TestDb::new(backend);
        for (user, role) in [("admin", "administrator"), ("inv", "investigator"), ("aud", "auditor")] {
            let mut args: Vec<String> = ["users", "add", "--username", user, "--role", role, "--password-stdin"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            args.extend(db.cli_args());
            let out = counternet(&args, Some(&format!("{PASSWORD}\n")));
            assert!(out.status.success(), "{backend:?}: {}", String::from_utf8_lossy(&out.stderr));
        }

        let logs = tempfile::tempdir().expect("temporary folder");
        let (out_path, err_path) = (logs.path().join("stdout.log"), logs.path().join("stderr.log"));
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
            l.local_addr().expect("addr").port()
        };
        let base = format!("http://127.0.0.1:{port}");
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("counternet"))
            .arg("serve")
            .args(db.cli_args())
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env_remove("COUNTERNET_DATA")
            .env_remove("COUNTERNET_DATABASE_URL")
            .env("COUNTERNET_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(Stdio::from(std::fs::File::create(&out_path).expect("stdout file")))
            .stderr(Stdio::from(std::fs::File::create(&err_path).expect("stderr file")))
            .spawn()
            .expect("start counternet serve");
        let mut server = Serve { child };

        let probe = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(r) = probe.get(format!("{base}/healthz")).send().await {
                if r.status() == 200 {
                    break;
                }
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "{backend:?}: serve exited with {status}: {}",
                    std::fs::read_to_string(&err_path).unwrap_or_default()
                );
            }
            assert!(Instant::now() < deadline, "{backend:?}: the server never answered");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let (ci, ca) = (sign_in(&base, "inv").await, sign_in(&base, "aud").await);
        let exchanges = drive(&base, &ci, &ca).await;
        assert_no_leaks(&exchanges, &[Kind::Flow]);

        // The data folder while it runs (on PostgreSQL it holds only keys and the head).
        let found = planted_in_files(&db.dir);
        assert!(found.is_empty(), "{backend:?}: planted identity in the data folder:\n{}", found.join("\n"));

        server.stop();
        let stdout = std::fs::read_to_string(&out_path).expect("stdout log");
        let stderr = std::fs::read_to_string(&err_path).expect("stderr log");
        assert!(stdout.contains("is listening on"), "{backend:?}: {stdout}");
        assert!(!stdout.contains("/setup?token="), "{backend:?}: a set-up link although an administrator exists");
        let found: Vec<&str> = leaked_in(&stdout).into_iter().chain(leaked_in(&stderr)).collect();
        assert!(found.is_empty(), "{backend:?}: {found:?} in the server's output:\n{stdout}\n{stderr}");

        // And after it has stopped (the WAL checkpointed or left behind, either way encrypted).
        let found = planted_in_files(&db.dir);
        assert!(
            found.is_empty(),
            "{backend:?}: planted identity in the data folder after shutdown:\n{}",
            found.join("\n")
        );
        let found = planted_in_files(logs.path());
        assert!(found.is_empty(), "{backend:?}: {}", found.join("\n"));
    }
}

#[test]
fn the_file_scan_finds_a_planted_value_in_every_encoding_it_looks_for() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(dir.path().join("sub")).expect("sub folder");
    std::fs::write(dir.path().join("sub").join("a"), format!("xx{}yy", GIVEN.to_lowercase())).expect("write");
    std::fs::write(dir.path().join("b"), [b"xx".as_slice(), &utf16le(FAMILY), b"yy"].concat()).expect("write");
    std::fs::write(dir.path().join("c"), "nothing here").expect("write");
    let found = planted_in_files(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().any(|f| f.contains("UTF-8 lower case") && f.ends_with("/sub/a")), "{found:?}");
    assert!(found.iter().any(|f| f.contains("UTF-16LE") && f.ends_with("/b")), "{found:?}");
}
