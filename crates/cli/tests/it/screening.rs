//! Screening against the legal test for trafficking (decision 0005): `counternet screen` as a real
//! process, and POST /api/v1/screening as signed-in users of every role.

use std::path::Path;
use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use counternet_domain::screening::{Act, ForcedLabourIndicator, Means};
use counternet_domain::vocab::ExploitationType;
use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend};

/// What a finished `counternet screen` did.
struct Run {
    ok: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn screen_cli(args: &[&str], stdin: &str) -> Run {
    let mut cmd = assert_cmd::Command::cargo_bin("counternet").expect("the counternet binary");
    cmd.args(args).env_remove("COUNTERNET_LOG").timeout(Duration::from_secs(60)).write_stdin(stdin.to_string());
    let out = cmd.output().expect("run counternet");
    Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn screen_prints_the_advice_for_a_file_and_exits_0_either_way() {
    let dir = tempfile::tempdir().unwrap();
    let child = write(
        dir.path(),
        "child.json",
        r#"{"age_at_exploitation": 14, "acts": ["recruitment", "transportation"], "means": [],
            "purposes": ["forced_begging"], "indicators": ["isolation", "withholding_of_wages"]}"#,
    );
    let r = screen_cli(&["screen", &child], "");
    assert!(r.ok, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("the result is JSON");
    assert_eq!(v["trafficking_indicated"], json!(true));
    assert_eq!(v["child"], json!(true));
    assert_eq!(v["age_band"], json!("under_15"));
    assert_eq!(v["missing"], json!([]));
    assert_eq!(v["elements"]["act"]["by"], json!(["recruitment", "transportation"]));
    assert_eq!(v["elements"]["means"]["required"], json!(false));
    let basis: Vec<&str> = v["legal_basis"].as_array().unwrap().iter().filter_map(|b| b["code"].as_str()).collect();
    assert_eq!(basis, ["palermo_art3", "palermo_art3_c", "atipa_s4", "atipa_s6_2", "atipa_s6_1_forced_labour"]);
    assert_eq!(v["legal_basis"][2]["category"], json!("causing_a_person_to_beg"));
    assert_eq!(v["forced_labour_indicators"]["count"], json!(2));

    // An adult without any means: not indicated, still exit 0, the means is missing.
    let adult = write(
        dir.path(),
        "adult.json",
        r#"{"age_at_exploitation": 31, "acts": ["harbouring"], "purposes": ["forced_labour"],
            "indicators": ["deception"]}"#,
    );
    let r = screen_cli(&["screen", &adult], "");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["trafficking_indicated"], json!(false));
    assert_eq!(v["missing"], json!(["means"]));
    assert_eq!(v["elements"]["means"]["required"], json!(true));
    let suggested: Vec<&str> =
        v["suggested_means"].as_array().unwrap().iter().filter_map(|s| s["means"].as_str()).collect();
    assert_eq!(suggested, ["fraud", "deception"], "the indicator points to means to ask about, not counted");
}

#[test]
fn screen_reads_standard_input_and_asks_for_an_unknown_age() {
    let r = screen_cli(&["screen", "-"], r#"{"acts": ["receipt"], "purposes": ["organ_removal"]}"#);
    assert!(r.ok, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["trafficking_indicated"], json!(false));
    assert_eq!(v["child"], json!(false));
    assert_eq!(v["age_band"], Value::Null);
    assert_eq!(v["missing"], json!(["means", "age_at_exploitation"]));
    assert!(v["next_questions"][0]["question"].as_str().unwrap().contains("under 18"));
}

#[test]
fn screen_refuses_bad_answers_naming_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("unknown.json", r#"{"means": ["threat", "force", "bribery"]}"#, r#"unknown means code "bribery" at means[2]"#),
        ("act.json", r#"{"acts": ["recruitment", "kidnap"]}"#, r#"unknown act code "kidnap" at acts[1]"#),
        ("malformed.json", "{\n  \"acts\": [\"recruitment\"\n  \"means\": []\n}", "(line 3, column 3)"),
        ("empty.json", "", "not valid JSON (line 1, column 0)"),
        ("negative.json", r#"{"age_at_exploitation": -2}"#, "age_at_exploitation: must not be negative"),
        ("old.json", r#"{"age_at_exploitation": 200}"#, "age_at_exploitation: must be at most 130"),
        ("typo.json", r#"{"mean": ["threat"]}"#, r#"unknown field "mean""#),
        ("type.json", r#"{"purposes": "prostitution"}"#, "purposes: must be a list of codes"),
    ];
    for (name, text, expected) in cases {
        let path = write(dir.path(), name, text);
        let r = screen_cli(&["screen", &path], "");
        assert!(!r.ok, "{name} was accepted: {}", r.stdout);
        assert_ne!(r.code, Some(0));
        assert!(r.stdout.is_empty(), "{name}: nothing on standard output: {}", r.stdout);
        assert!(r.stderr.contains(expected), "{name}: expected {expected:?} in {}", r.stderr);
        assert!(r.stderr.contains(name), "{name}: the file is named: {}", r.stderr);
    }
    let r = screen_cli(&["screen", "/no/such/answers.json"], "");
    assert!(!r.ok);
    assert!(r.stderr.contains("cannot read /no/such/answers.json"), "{}", r.stderr);
}

#[test]
fn screen_help_explains_the_test_and_lists_every_code() {
    let r = screen_cli(&["screen", "--help"], "");
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.contains("Usage: counternet screen"), "{}", r.stdout);
    assert!(r.stdout.contains("never a verdict"), "{}", r.stdout);
    assert!(r.stdout.contains("Consent"), "{}", r.stdout);
    let codes = Act::ALL
        .iter()
        .map(|c| c.code())
        .chain(Means::ALL.iter().map(|c| c.code()))
        .chain(ExploitationType::ALL.iter().map(|c| c.code()))
        .chain(ForcedLabourIndicator::ALL.iter().map(|c| c.code()));
    for code in codes {
        assert!(r.stdout.contains(code), "screen --help does not list {code}");
    }
    let top = screen_cli(&["--help"], "");
    assert!(top.stdout.contains("screen"), "{}", top.stdout);
}

#[tokio::test]
async fn any_signed_in_role_can_screen_and_nothing_is_recorded() {
    let app = spawn_app(Backend::Sqlite).await;
    let answers = json!({"age_at_exploitation": 22, "acts": ["recruitment"], "means": ["deception"],
                         "purposes": ["prostitution"], "indicators": []});
    for (i, role) in Role::ALL.iter().enumerate() {
        let user = app.user(&format!("screener{i}"), *role, None).await;
        let client = app.login(&user).await;
        let entries_before = app.with_store(|s| s.verify_audit().unwrap().unwrap().entries).await;
        let (status, v) = call(&client, Method::POST, app.url("/api/v1/screening"), Some(answers.clone())).await;
        assert_eq!(status, 200, "{role:?}: {v}");
        assert_eq!(v["trafficking_indicated"], json!(true));
        assert_eq!(v["elements"]["means"]["by"], json!(["deception"]));
        let basis: Vec<&str> = v["legal_basis"].as_array().unwrap().iter().filter_map(|b| b["code"].as_str()).collect();
        assert_eq!(basis, ["palermo_art3", "palermo_art3_b", "atipa_s4", "atipa_s6_1"]);
        assert!(v["disclaimer"].as_str().unwrap().contains("not a verdict"));
        let entries_after = app.with_store(|s| s.verify_audit().unwrap().unwrap().entries).await;
        assert_eq!(entries_before, entries_after, "{role:?}: a screening is neither stored nor audited");
    }
}

#[tokio::test]
async fn screening_needs_a_signed_in_user() {
    let app = spawn_app(Backend::Sqlite).await;
    let (status, v) =
        call(&app.client(), Method::POST, app.url("/api/v1/screening"), Some(json!({"acts": ["recruitment"]}))).await;
    assert_eq!(status, 401, "{v}");
    assert_eq!(v["error"], json!("unauthenticated"));
}

#[tokio::test]
async fn bad_answers_are_400_naming_the_field() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("worker", Role::SocialWorker, None).await;
    let client = app.login(&user).await;
    let url = app.url("/api/v1/screening");

    let (status, v) =
        call(&client, Method::POST, url.clone(), Some(json!({"means": ["threat", "force", "bribery"]}))).await;
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["error"], json!("unknown_code"));
    assert_eq!(v["field"], json!("means[2]"));
    assert!(v["message"].as_str().unwrap().starts_with(r#"unknown means code "bribery" at means[2]"#), "{v}");

    for (body, field) in [
        (json!({"age_at_exploitation": -1}), "age_at_exploitation"),
        (json!({"age_at_exploitation": 131}), "age_at_exploitation"),
        (json!({"age_at_exploitation": "16"}), "age_at_exploitation"),
        (json!({"indicators": [true]}), "indicators[0]"),
        (json!({"acts": {"recruitment": true}}), "acts"),
    ] {
        let (status, v) = call(&client, Method::POST, url.clone(), Some(body.clone())).await;
        assert_eq!(status, 400, "{body}: {v}");
        assert_eq!(v["error"], json!("invalid_value"), "{body}: {v}");
        assert_eq!(v["field"], json!(field), "{body}: {v}");
    }

    // An unknown field is refused without echoing its name (it could be anything).
    let (status, v) = call(&client, Method::POST, url.clone(), Some(json!({"Somchai Jaidee": ["threat"]}))).await;
    assert_eq!(status, 400, "{v}");
    assert_eq!(v["error"], json!("unknown_field"));
    assert!(!v.to_string().contains("Somchai"), "{v}");

    // Consent is accepted and never used.
    let (status, v) = call(
        &client,
        Method::POST,
        url.clone(),
        Some(
            json!({"age_at_exploitation": 30, "acts": ["recruitment"], "purposes": ["prostitution"], "consent": true}),
        ),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["trafficking_indicated"], json!(false));
    assert!(v["notes"][0].as_str().unwrap().contains("consent"), "{v}");

    let r = client
        .post(url.clone())
        .header("content-type", "application/json")
        .body("{\n  \"acts\": [\"recruitment\",\n}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], json!("invalid_json"));
    assert!(v["message"].as_str().unwrap().contains("line 3, column 1"), "{v}");

    let r = client.post(url).body("{}").send().await.unwrap();
    assert_eq!(r.status(), 415);
}
