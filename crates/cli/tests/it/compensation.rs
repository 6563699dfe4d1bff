//! Compensation to the last baht (issue 8): a claim for a victim, its order, money received once
//! however often the request is retried, payments only to the claim's victim and only from what is
//! held, a second, different approver above the set amount, reversals instead of edits, and the
//! reports (API and command line) of claimed, ordered, received, paid and still owed.

use std::time::Duration;

use reqwest::{Client, Method};
use serde_json::json;

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::api_case;

async fn victim_of(app: &TestApp, c: &Client, case: &str, name: &str) -> String {
    let (s, p) =
        call(c, Method::POST, app.url("/api/v1/parties"), Some(json!({"kind": "person", "full_name": name}))).await;
    assert_eq!(s, 201, "{p}");
    let id = p["id"].as_str().unwrap().to_string();
    let (s, v) = call(
        c,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case}/parties")),
        Some(json!({"party_id": id, "role": "victim"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compensation_is_counted_to_the_last_satang() {
    for backend in backends() {
        compensation(backend).await;
    }
}

async fn compensation(backend: Backend) {
    let app = spawn_app(backend).await;
    let lawyer = app.user("law", Role::Lawyer, None).await;
    let manager = app.user("mgr", Role::Manager, None).await;
    let manager2 = app.user("mgr2", Role::Manager, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let outsider = app.user("out", Role::Investigator, None).await;
    let c = app.login(&lawyer).await;
    let case = api_case(&app, &lawyer, "Fishing boat wages").await;
    let (s, v) =
        call(&c, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": analyst.id})))
            .await;
    assert_eq!(s, 200, "{v}");
    let victim = victim_of(&app, &c, &case, "Aung Ko").await;
    let other_victim = victim_of(&app, &c, &case, "Min Thu").await;
    let (_, bystander) =
        call(&c, Method::POST, app.url("/api/v1/parties"), Some(json!({"kind": "person", "full_name": "Somchai B"})))
            .await;

    // A claim is for a victim of the case.
    let claims = app.url(&format!("/api/v1/cases/{case}/claims"));
    let (s, e) = call(
        &c,
        Method::POST,
        claims.clone(),
        Some(json!({"victim_party_id": bystander["id"], "route": "atipa_s35", "claimed_minor": 50_000_000})),
    )
    .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("victim_party_id")), "{e}");
    let (s, claim) = call(
        &c,
        Method::POST,
        claims.clone(),
        Some(json!({"victim_party_id": victim, "route": "atipa_s35", "claimed_minor": 80_000_000,
                    "debtor": "The boat owner"})),
    )
    .await;
    assert_eq!(s, 201, "{claim}");
    let id = claim["claim"]["id"].as_str().unwrap().to_string();
    assert!(claim["claim"]["victim_ref"].as_str().unwrap().starts_with("V-"));
    let url = |p: &str| app.url(&format!("/api/v1/claims/{id}/{p}"));

    // The order needs its amount and the judgment's reference.
    let (s, e) = call(
        &c,
        Method::POST,
        url("steps"),
        Some(json!({"kind": "ordered", "on_date": "2026-05-02", "amount_minor": 50_000_000})),
    )
    .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("reference")), "{e}");
    let (s, v) = call(
        &c,
        Method::POST,
        url("steps"),
        Some(json!({"kind": "ordered", "on_date": "2026-05-02", "amount_minor": 50_000_000, "reference": "Red case 123/2569"})),
    )
    .await;
    assert_eq!((s, v["claim"]["figures"]["ordered_minor"].as_i64()), (201, Some(50_000_000)), "{v}");
    let (s, _) = call(
        &c,
        Method::POST,
        url("steps"),
        Some(json!({"kind": "execution_requested", "on_date": "2026-05-10", "reference": "LED 77/2569"})),
    )
    .await;
    assert_eq!(s, 201);

    // 200,000 THB received; the retry records nothing more; the key reused for another amount is refused.
    let receipt = json!({"amount_minor": 20_000_000, "on_date": "2026-05-20", "reference": "LED receipt 9", "idempotency_key": "r-1"});
    let (s, first) = call(&c, Method::POST, url("receipts"), Some(receipt.clone())).await;
    assert_eq!(s, 201, "{first}");
    let (s, again) = call(&c, Method::POST, url("receipts"), Some(receipt)).await;
    assert_eq!((s, &again["id"]), (201, &first["id"]), "a retry answers the same movement");
    let (s, e) = call(
        &c,
        Method::POST,
        url("receipts"),
        Some(json!({"amount_minor": 1, "on_date": "2026-05-20", "idempotency_key": "r-1"})),
    )
    .await;
    assert_eq!((s, e["error"].as_str()), (409, Some("idempotency_key_reused")), "{e}");

    // Paid only to the claim's victim, only from what is held.
    let pay = |amount: i64, to: &str, key: &str| json!({"amount_minor": amount, "victim_party_id": to, "on_date": "2026-05-21", "idempotency_key": key});
    let (s, e) = call(&c, Method::POST, url("payments"), Some(pay(1_000_000, &other_victim, "p-x"))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("victim_party_id")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("only to that victim"), "{e}");
    let (s, small) = call(&c, Method::POST, url("payments"), Some(pay(3_000_000, &victim, "p-1"))).await;
    assert_eq!((s, small["outcome"].as_str()), (201, Some("recorded")), "{small}");
    let (s, e) = call(&c, Method::POST, url("payments"), Some(pay(18_000_000, &victim, "p-2"))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("amount_minor")), "170,000 THB held: {e}");

    // Above 50,000 THB a second, different person approves.
    let (s, big) = call(&c, Method::POST, url("payments"), Some(pay(10_000_000, &victim, "p-3"))).await;
    assert_eq!((s, big["outcome"].as_str()), (202, Some("awaiting_approval")), "{big}");
    let approval = big["approval"]["id"].as_str().unwrap().to_string();
    let (s, again) = call(&c, Method::POST, url("payments"), Some(pay(10_000_000, &victim, "p-3"))).await;
    assert_eq!(
        (s, again["approval"]["id"].as_str()),
        (202, Some(approval.as_str())),
        "a retry waits on the same approval"
    );
    let decide = app.url(&format!("/api/v1/payment-approvals/{approval}/decision"));
    let (s, _) = call(&c, Method::POST, decide.clone(), Some(json!({"approve": true}))).await;
    assert_eq!(s, 403, "managers approve disbursements");
    let an = app.login(&analyst).await;
    let (s, _) = call(&an, Method::POST, decide.clone(), Some(json!({"approve": true}))).await;
    assert_eq!(s, 403, "an analyst reads claims but does not move money");
    let m = app.login(&manager).await;
    let (_, pending) = call(&m, Method::GET, app.url("/api/v1/payment-approvals"), None).await;
    assert_eq!(pending.as_array().map(Vec::len), Some(1), "{pending}");
    let (s, done) = call(&m, Method::POST, decide.clone(), Some(json!({"approve": true}))).await;
    assert_eq!((s, done["status"].as_str()), (200, Some("approved")), "{done}");
    let (s, _) = call(&m, Method::POST, decide, Some(json!({"approve": true}))).await;
    assert_eq!(s, 409, "decided once");
    // A manager who asks for a payment does not approve it too; another rejects it, saying why.
    let (s, own) = call(&m, Method::POST, url("payments"), Some(pay(6_000_000, &victim, "p-4"))).await;
    assert_eq!(s, 202, "{own}");
    let own_decide =
        app.url(&format!("/api/v1/payment-approvals/{}/decision", own["approval"]["id"].as_str().unwrap()));
    let (s, e) = call(&m, Method::POST, own_decide.clone(), Some(json!({"approve": true}))).await;
    assert_eq!((s, e["error"].as_str()), (409, Some("same_approver")), "{e}");
    let m2 = app.login(&manager2).await;
    let (s, e) = call(&m2, Method::POST, own_decide.clone(), Some(json!({"approve": false}))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("note")), "{e}");
    let (s, v) =
        call(&m2, Method::POST, own_decide, Some(json!({"approve": false, "note": "Bank details not verified"}))).await;
    assert_eq!((s, v["status"].as_str()), (200, Some("rejected")), "{v}");

    // Entries are reversed, never edited: the receipt's money was partly paid out.
    let (s, e) = call(
        &c,
        Method::POST,
        url("reversals"),
        Some(
            json!({"movement_id": first["id"], "on_date": "2026-05-22", "notes": "Bounced", "idempotency_key": "x-1"}),
        ),
    )
    .await;
    assert_eq!((s, e["error"].as_str()), (422, Some("validation_failed")), "{e}");
    let (s, rev) = call(
        &c,
        Method::POST,
        url("reversals"),
        Some(
            json!({"movement_id": small["movement"]["id"], "on_date": "2026-05-22", "notes": "Sent to a wrong account",
                    "idempotency_key": "x-2"}),
        ),
    )
    .await;
    assert_eq!((s, rev["kind"].as_str()), (201, Some("reversal")), "{rev}");
    let (s, e) = call(
        &c,
        Method::POST,
        url("reversals"),
        Some(json!({"movement_id": small["movement"]["id"], "on_date": "2026-05-22", "notes": "Again", "idempotency_key": "x-3"})),
    )
    .await;
    assert_eq!((s, e["error"].as_str()), (409, Some("already_reversed")), "{e}");

    // The claim: 800,000 claimed, 500,000 ordered, 200,000 received, 100,000 paid, 400,000 owed.
    let (_, detail) = call(&c, Method::GET, app.url(&format!("/api/v1/claims/{id}")), None).await;
    let f = &detail["claim"]["figures"];
    assert_eq!(
        (
            f["claimed_minor"].as_i64(),
            f["ordered_minor"].as_i64(),
            f["received_minor"].as_i64(),
            f["paid_minor"].as_i64()
        ),
        (Some(80_000_000), Some(50_000_000), Some(20_000_000), Some(10_000_000)),
        "{detail}"
    );
    assert_eq!(detail["claim"]["owed_minor"], 40_000_000);
    assert_eq!(detail["claim"]["held_minor"], 10_000_000);
    assert_eq!(detail["movements"].as_array().unwrap().len(), 4, "receipt, payment, approved payment, reversal");
    assert_eq!(detail["steps"].as_array().unwrap().len(), 2);
    let (_, report) = call(&m, Method::GET, app.url("/api/v1/reports/compensation"), None).await;
    assert_eq!(report["overall"]["received_share"], 0.4, "{report}");
    assert_eq!(report["victims"].as_array().unwrap().len(), 1);
    assert!(!report.to_string().contains("Aung Ko"), "reports name no victim");

    // Off the case: nothing.
    let o = app.login(&outsider).await;
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/claims/{id}")), None).await;
    assert_eq!(s, 404);
    let (_, r) = call(&o, Method::GET, app.url("/api/v1/reports/compensation"), None).await;
    assert_eq!(r["overall"]["claims"], 0);

    // The command-line report.
    let out = assert_cmd::Command::cargo_bin("counternet")
        .unwrap()
        .args(["report", "compensation"])
        .args(app.db.cli_args())
        .env_remove("COUNTERNET_DATA")
        .env_remove("COUNTERNET_DATABASE_URL")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{csv} {}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.first(), Some(&"claim_id,victim_ref,route,claimed,ordered,received,paid,owed"));
    let victim_ref = claim["claim"]["victim_ref"].as_str().unwrap();
    assert_eq!(
        lines.get(1).copied(),
        Some(format!("{id},{victim_ref},atipa_s35,800000.00,500000.00,200000.00,100000.00,400000.00").as_str())
    );
    assert!(!csv.contains("Aung"));
}
