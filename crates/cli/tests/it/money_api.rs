//! Following the money over stored payments (issue 7): statements of several accounts in a case,
//! a trace forward and backward through them (one payment both sides' statements hold counted
//! once), saved to the case as evidence; alerts raised by the import's scan, seen only through the
//! case, confirmed and dismissed by an analyst; the rules' thresholds as an administrator's setting.

use reqwest::{Client, Method};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::api_case;

async fn account(app: &TestApp, c: &Client, number: &str) -> String {
    let (s, v) = call(
        c,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "bank_account", "account_number": number, "bank": "Demo Bank"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    v["id"].as_str().unwrap().to_string()
}

async fn import(app: &TestApp, c: &Client, case: &str, account: &str, csv: &str) -> Value {
    let r = c
        .post(app.url(&format!("/api/v1/cases/{case}/statements?account={account}&mapping=Signed")))
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let v: Value = r.json().await.unwrap();
    assert_eq!(status, 200, "{v}");
    v
}

/// Statement rows: date and time (local), signed amount, other side's account.
fn statement(rows: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("date,amount,other\n");
    for (at, amount, other) in rows {
        s.push_str(&format!("{at},{amount},{other}\n"));
    }
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_is_traced_saved_as_evidence_and_alerts_are_decided() {
    for backend in backends() {
        money(backend).await;
    }
}

async fn money(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let outsider = app.user("out", Role::Investigator, None).await;
    let admin = app.user("adm", Role::Administrator, None).await;
    let c = app.login(&inv).await;
    let case = api_case(&app, &inv, "Recruitment fees laundered").await;
    let (s, v) =
        call(&c, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": analyst.id})))
            .await;
    assert_eq!(s, 200, "{v}");
    let mapping = json!({"date": "date", "amount": "amount", "counterparty_account": "other"});
    let (s, v) = call(&c, Method::PUT, app.url("/api/v1/statement-mappings/Signed"), Some(mapping)).await;
    assert_eq!(s, 200, "{v}");

    let a = account(&app, &c, "111-1-11111-1").await;
    let b = account(&app, &c, "222-2-22222-2").await;
    let c_account = account(&app, &c, "333-3-33333-3").await;
    let d = account(&app, &c, "444-4-44444-4").await;
    // A's statement: 100,000 to B, and three payments just below the 2,000,000 THB reporting
    // threshold within a week (structuring).
    let a_csv = statement(&[
        ("2026-05-01 10:00", "-100000.00", "222-2-22222-2"),
        ("2026-05-03 09:00", "-1950000.00", "555-5-55555-5"),
        ("2026-05-04 09:00", "-1960000.00", "666-6-66666-6"),
        ("2026-05-05 09:00", "-1940000.00", "777-7-77777-7"),
    ]);
    let first = import(&app, &c, &case, &a, &a_csv).await;
    assert_eq!(first["payments_added"], 4, "{first}");
    assert!(
        first["alerts"]["raised"].as_u64().unwrap() >= 1,
        "the import's scan raised the structuring alert: {first}"
    );
    // B's statement holds the same 100,000 (from A, same minute), 98,000 on to C within hours, and
    // 5,000 to E (not similar: not followed). C's: 97,000 on to D the next day.
    let b_csv = statement(&[
        ("2026-05-01 10:00", "100000.00", "111-1-11111-1"),
        ("2026-05-01 15:00", "-98000.00", "333-3-33333-3"),
        ("2026-05-01 16:00", "-5000.00", "888-8-88888-8"),
    ]);
    import(&app, &c, &case, &b, &b_csv).await;
    let c_csv = statement(&[
        ("2026-05-01 15:00", "98000.00", "222-2-22222-2"),
        ("2026-05-02 11:00", "-97000.00", "444-4-44444-4"),
    ]);
    import(&app, &c, &case, &c_account, &c_csv).await;

    // Forward from A: A→B, B→C, C→D (each within 10 %, later, within a week); not B→E; the
    // structuring payments go to accounts with no statement, one hop each.
    let (s, flow) = call(&c, Method::GET, app.url(&format!("/api/v1/money/trace?account={a}&hops=4")), None).await;
    assert_eq!(s, 200, "{flow}");
    let hop_of = |flow: &Value, id: &str| {
        flow["accounts"].as_array().unwrap().iter().find(|x| x["key"] == id).map(|x| x["hop"].as_u64().unwrap())
    };
    assert_eq!(hop_of(&flow, &a), Some(0));
    assert_eq!(hop_of(&flow, &b), Some(1));
    assert_eq!(hop_of(&flow, &c_account), Some(2));
    assert_eq!(hop_of(&flow, &d), Some(3));
    let payments = flow["payments"].as_array().unwrap();
    assert_eq!(
        payments.len(),
        6,
        "A's four payments, B→C and C→D, each once although two statements hold them: {flow}"
    );
    assert!(payments.iter().all(|p| p["amount_minor"] != 500_000), "B→E is not similar: not followed");
    let edge = flow["edges"].as_array().unwrap().iter().find(|e| e["from"] == b.as_str()).unwrap().clone();
    assert_eq!((edge["to"].as_str(), edge["total_minor"].as_i64()), (Some(c_account.as_str()), Some(9_800_000)));
    let named = flow["accounts"].as_array().unwrap().iter().find(|x| x["key"] == b.as_str()).unwrap();
    assert_eq!(named["name"], "2222222222", "an account is named by its number");
    // Two hops stop at C; backward from D finds A.
    let (_, short) = call(&c, Method::GET, app.url(&format!("/api/v1/money/trace?account={a}&hops=2")), None).await;
    assert_eq!(hop_of(&short, &d), None);
    let (_, back) =
        call(&c, Method::GET, app.url(&format!("/api/v1/money/trace?account={d}&direction=backward")), None).await;
    assert_eq!(hop_of(&back, &a), Some(3), "{back}");
    // Bad questions are refused, naming the field.
    let (s, e) = call(&c, Method::GET, app.url(&format!("/api/v1/money/trace?account={a}&hops=9")), None).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("hops")), "{e}");
    let (s, e) = call(&c, Method::GET, app.url("/api/v1/money/trace"), None).await;
    assert_eq!(s, 422, "{e}");

    // Saved to the case as evidence; seen with the case.
    let (s, saved) = call(
        &c,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case}/traces")),
        Some(json!({"title": "Recruitment fees from A", "trace": {"account": a, "hops": 4}})),
    )
    .await;
    assert_eq!(s, 201, "{saved}");
    assert_eq!(saved["flow"]["payments"].as_array().unwrap().len(), 6);
    let (_, listed) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/traces")), None).await;
    assert_eq!(listed[0]["title"], "Recruitment fees from A");
    let (s, e) = call(
        &c,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case}/traces")),
        Some(json!({"title": " ", "trace": {"account": a}})),
    )
    .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("title")), "{e}");

    // Someone off the case sees none of it.
    let o = app.login(&outsider).await;
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/money/trace?account={a}")), None).await;
    assert_eq!(s, 404);
    let (s, _) =
        call(&o, Method::GET, app.url(&format!("/api/v1/traces/{}", saved["id"].as_str().unwrap())), None).await;
    assert_eq!(s, 404);
    let (_, none) = call(&o, Method::GET, app.url("/api/v1/money/alerts"), None).await;
    assert_eq!(none, json!([]));

    // The structuring alert: A, its three payments, a score; seen by the analyst on the case.
    let an = app.login(&analyst).await;
    let (_, alerts) = call(&an, Method::GET, app.url("/api/v1/money/alerts?status=open"), None).await;
    let alert = alerts
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["rule"] == "structuring")
        .unwrap_or_else(|| panic!("a structuring alert: {alerts}"))
        .clone();
    assert_eq!(alert["accounts"][0]["party_id"], a.as_str());
    let amounts: Vec<i64> =
        alert["payments"].as_array().unwrap().iter().map(|p| p["amount_minor"].as_i64().unwrap()).collect();
    assert_eq!(amounts, vec![-195_000_000, -196_000_000, -194_000_000], "{alert}");
    assert!(alert["score"].as_f64().unwrap() >= 0.5);
    assert_eq!(alert["cases"][0]["id"], case.as_str());
    let id = alert["id"].as_str().unwrap().to_string();
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/money/alerts/{id}")), None).await;
    assert_eq!(s, 404, "an alert off one's cases is not there");
    let (s, _) = call(
        &o,
        Method::POST,
        app.url(&format!("/api/v1/money/alerts/{id}/decision")),
        Some(json!({"decision": "confirm"})),
    )
    .await;
    assert_eq!(s, 404);

    // Dismissing needs a reason; confirming does not; a decision stands through later scans.
    let decide = |body: Value| {
        let an = an.clone();
        let url = app.url(&format!("/api/v1/money/alerts/{id}/decision"));
        async move { call(&an, Method::POST, url, Some(body)).await }
    };
    let (s, e) = decide(json!({"decision": "dismiss"})).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("note")), "{e}");
    let (s, v) = decide(json!({"decision": "confirm"})).await;
    assert_eq!((s, v["status"].as_str()), (200, Some("confirmed")), "{v}");
    assert_eq!(v["decided_by"], analyst.id.to_string());
    let (s, _) = decide(json!({"decision": "confirm"})).await;
    assert_eq!(s, 409, "already confirmed");
    let (s, scan) = call(&an, Method::POST, app.url("/api/v1/money/scan"), None).await;
    assert_eq!(s, 200, "{scan}");
    assert_eq!(scan["raised"], 0, "nothing new: {scan}");
    assert!(scan["already_decided"].as_u64().unwrap() >= 1);
    let (_, v) = call(&an, Method::GET, app.url(&format!("/api/v1/money/alerts/{id}")), None).await;
    assert_eq!(v["status"], "confirmed");
    let (s, v) = decide(json!({"decision": "dismiss", "note": "Payments for a land sale, deed seen"})).await;
    assert_eq!((s, v["status"].as_str()), (200, Some("dismissed")), "{v}");

    // The thresholds: anyone working cases reads them, only an administrator sets them, in range.
    let (s, settings) = call(&an, Method::GET, app.url("/api/v1/admin/settings/money"), None).await;
    assert_eq!((s, settings["structuring_threshold_thb"].as_i64()), (200, Some(2_000_000)), "{settings}");
    let (s, _) = call(&an, Method::PUT, app.url("/api/v1/admin/settings/money"), Some(json!({}))).await;
    assert_eq!(s, 403);
    let ad = app.login(&admin).await;
    let (s, e) =
        call(&ad, Method::PUT, app.url("/api/v1/admin/settings/money"), Some(json!({"cycle_min_len": 7}))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("cycle_min_len")), "{e}");
    let (s, e) = call(&ad, Method::PUT, app.url("/api/v1/admin/settings/money"), Some(json!({"no_such": 1}))).await;
    assert_eq!(s, 422, "{e}");
    let (s, v) = call(
        &ad,
        Method::PUT,
        app.url("/api/v1/admin/settings/money"),
        Some(json!({"structuring_threshold_thb": 1_000_000, "trace_hops": 2})),
    )
    .await;
    assert_eq!((s, v["structuring_threshold_thb"].as_i64(), v["fan_hours"].as_i64()), (200, Some(1_000_000), Some(72)));
    // The trace's default hops follow the setting.
    let (_, short) = call(&c, Method::GET, app.url(&format!("/api/v1/money/trace?account={a}")), None).await;
    assert_eq!((short["query"]["hops"].as_u64(), hop_of(&short, &d)), (Some(2), None), "{short}");
}
