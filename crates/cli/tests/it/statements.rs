//! Bank statements into a case (issue 7): a column mapping saved per source, a Thai bank's export
//! with its account details above the table, debit and credit columns and Buddhist-era dates; the
//! other side's account becomes a party joined by a dated, totalled `paid` link; importing again
//! adds nothing; a bad row refuses the whole file, naming line and column.

use reqwest::{Client, Method};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::api_case;

async fn import(app: &TestApp, c: &Client, case: &str, account: &str, mapping: &str, body: &str) -> (u16, Value) {
    let r = c
        .post(app.url(&format!("/api/v1/cases/{case}/statements?account={account}&mapping={mapping}")))
        .header("content-type", "text/csv")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

const STATEMENT: &str = "ธนาคารตัวอย่าง จำกัด,,,,,\n\
    เลขที่บัญชี,123-4-56789-0,,,,\n\
    วันที่,เวลา,รายการ,ถอน,ฝาก,คงเหลือ,บัญชีคู่โอน\n\
    01/05/2569,22:15,โอนเงิน,\"1,500.00\",,\"8,500.00\",987-6-54321-0\n\
    02/05/2569,09:00,รับโอน,,\"12,000.00\",\"20,500.00\",987-6-54321-0\n\
    1 พ.ค. 2569,23:40,ถอนเงินสด ATM,\"2,000.00\",,\"6,500.00\",\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thai_bank_statement_becomes_payments_and_dated_links_once() {
    for backend in backends() {
        statements(backend).await;
    }
}

async fn statements(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let c = app.login(&inv).await;
    let case = api_case(&app, &inv, "Karaoke bar wages").await;
    let (s, v) =
        call(&c, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": analyst.id})))
            .await;
    assert_eq!(s, 200, "{v}");
    let (s, account) = call(
        &c,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "bank_account", "account_number": "123-4-56789-0", "bank": "Demo Bank A"})),
    )
    .await;
    assert_eq!(s, 201, "{account}");
    let account = account["id"].as_str().unwrap().to_string();

    // The mapping of this bank's export, saved once.
    let mapping = json!({"date": "วันที่", "time": "เวลา", "description": "รายการ", "debit": "ถอน", "credit": "ฝาก",
                         "balance": "คงเหลือ", "counterparty_account": "บัญชีคู่โอน"});
    let (s, saved) = call(&c, Method::PUT, app.url("/api/v1/statement-mappings/Demo%20Bank%20A"), Some(mapping)).await;
    assert_eq!(s, 200, "{saved}");
    let (_, listed) = call(&c, Method::GET, app.url("/api/v1/statement-mappings"), None).await;
    assert_eq!(listed[0]["name"], "Demo Bank A");
    let mapping_name = "Demo%20Bank%20A";

    // A bad row refuses the whole file, naming where, never the value.
    let bad = format!("{STATEMENT}03/05/2569,10:00,ค่าแรง,,12x,,\n");
    let (s, e) = import(&app, &c, &case, &account, mapping_name, &bad).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("file")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("line 7, column 5"), "{e}");
    assert!(!e.to_string().contains("12x"));
    let (_, none) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/payments")), None).await;
    assert_eq!(none, json!([]), "nothing of a refused file is kept");
    let (s, e) = import(&app, &c, &case, &account, "Nobody", STATEMENT).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("mapping")), "{e}");

    // A statement that prints another account's number is refused whole: the wrong account was
    // chosen. The error names neither number.
    let wrong = STATEMENT.replace("123-4-56789-0", "555-0-12345-6");
    let (s, e) = import(&app, &c, &case, &account, mapping_name, &wrong).await;
    assert_eq!((s, e["field"].as_str(), e["error"].as_str()), (422, Some("account"), Some("account_mismatch")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("different bank account than the one chosen"), "{e}");
    for number in ["555", "12345", "6789", "1234567890"] {
        assert!(!e.to_string().contains(number), "{e}");
    }
    let (s, masked_wrong) =
        import(&app, &c, &case, &account, mapping_name, &STATEMENT.replace("123-4-56789-0", "xxx-x-x5678-x")).await;
    assert_eq!(
        (s, masked_wrong["field"].as_str()),
        (422, Some("account")),
        "the visible digits differ: {masked_wrong}"
    );
    let (_, none) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/payments")), None).await;
    assert_eq!(none, json!([]), "nothing of a statement of another account is kept");

    let (s, summary) = import(&app, &c, &case, &account, mapping_name, STATEMENT).await;
    assert_eq!(s, 200, "{summary}");
    assert_eq!(summary["lines_read"], 3);
    assert_eq!(summary["payments_added"], 3);
    assert_eq!(summary["accounts_added"], 1);
    assert_eq!(summary["links_added"], 2, "money out to the other account and money in from it");
    // Again: nothing twice.
    let (_, again) = import(&app, &c, &case, &account, mapping_name, STATEMENT).await;
    assert_eq!((again["payments_added"].as_u64(), again["already_imported"].as_u64()), (Some(0), Some(3)), "{again}");
    // The same statement printing the account's number masked, without separators, or not at all:
    // the account is the chosen one (and nothing is added twice).
    for printed in ["เลขที่บัญชี: xxx-x-x6789-x,", "Account No.,1234567890", "A/C No,***-*-*6789-*", ","]
    {
        let same = STATEMENT.replace("เลขที่บัญชี,123-4-56789-0,", printed);
        let (s, again) = import(&app, &c, &case, &account, mapping_name, &same).await;
        assert_eq!((s, again["already_imported"].as_u64()), (200, Some(3)), "{printed}: {again}");
    }

    let (_, payments) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/payments")), None).await;
    let amounts: Vec<i64> = payments.as_array().unwrap().iter().map(|p| p["amount_minor"].as_i64().unwrap()).collect();
    assert_eq!(amounts, vec![-150_000, -200_000, 1_200_000], "oldest first, signed as the account saw them");
    assert_eq!(payments[0]["paid_at"], "2026-05-01T22:15:00");
    assert_eq!(payments[1]["counterparty_party_id"], Value::Null, "a cash withdrawal has no other side");

    // The other side's account is a party of the case, joined by dated `paid` links.
    let (_, links) = call(&c, Method::GET, app.url(&format!("/api/v1/parties/{account}/links")), None).await;
    let paid: Vec<&Value> = links.as_array().unwrap().iter().filter(|l| l["kind"] == "paid").collect();
    assert_eq!(paid.len(), 2, "{links}");
    let out = paid.iter().find(|l| l["from"] == account.as_str()).expect("a link from the account");
    assert_eq!(out["starts_on"], "2026-05-01");
    assert_eq!(out["notes"], "1 payment, 1,500.00 THB");
    let (s, hood) =
        call(&c, Method::GET, app.url(&format!("/api/v1/network/neighbourhood?node={account}&k=1&kinds=paid")), None)
            .await;
    assert_eq!(s, 200, "{hood}");
    assert_eq!(hood["nodes"].as_array().unwrap().len(), 2, "the account and the other side: {hood}");

    // The analyst on the team reads, does not import; another team sees nothing.
    let a = app.login(&analyst).await;
    let (s, _) = call(&a, Method::GET, app.url(&format!("/api/v1/cases/{case}/payments")), None).await;
    assert_eq!(s, 200);
    let (s, _) = import(&app, &a, &case, &account, mapping_name, STATEMENT).await;
    assert_eq!(s, 403);
    let o = app.login(&other).await;
    let (s, _) = import(&app, &o, &case, &account, mapping_name, STATEMENT).await;
    assert_eq!(s, 404);
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/cases/{case}/payments")), None).await;
    assert_eq!(s, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_statements_page_saves_a_mapping_imports_a_file_and_lists_the_payments() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Statements page").await;
    let account = crate::web::api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "bank_account", "account_number": "123-4-56789-0", "bank": "Demo Bank A"}),
        "subject",
    )
    .await;
    let web = crate::web::sign_in(&app, &inv).await;
    let (s, page) = crate::web::get(&web, app.url(&format!("/cases/{case}"))).await;
    assert_eq!(s, 200);
    assert!(page.contains(&format!("href=\"/cases/{case}/statements\"")), "the case page links to the statements");
    let (s, page) = crate::web::get(&web, app.url(&format!("/cases/{case}/statements"))).await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"no-payments\"") && page.contains("id=\"mapping-details\" open"), "{page}");
    let token = crate::web::csrf_of(&page);

    // A mapping needs the date and the amounts; then it is saved.
    let url = app.url(&format!("/cases/{case}/statements/mapping"));
    let (s, _, html) =
        crate::web::post(&web, url.clone(), &[("csrf", &token), ("name", "Demo Bank A"), ("date", "วันที่")]).await;
    assert_eq!(s, 422);
    assert!(html.contains("role=\"alert\""), "{html}");
    let fields = [
        ("csrf", token.as_str()),
        ("name", "Demo Bank A"),
        ("date", "วันที่"),
        ("time", "เวลา"),
        ("description", "รายการ"),
        ("debit", "ถอน"),
        ("credit", "ฝาก"),
        ("balance", "คงเหลือ"),
        ("counterparty_account", "บัญชีคู่โอน"),
    ];
    let (s, _, html) = crate::web::post(&web, url, &fields).await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("id=\"mapping-saved\"") && html.contains("<option value=\"Demo Bank A\">"), "{html}");

    let send = |body: String, token: String| {
        let (web, url, account) = (web.clone(), app.url(&format!("/cases/{case}/statements")), account.clone());
        async move {
            let form = reqwest::multipart::Form::new()
                .text("csrf", token)
                .text("account", account)
                .text("mapping", "Demo Bank A")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(body.into_bytes())
                        .file_name("statement.csv")
                        .mime_str("text/csv")
                        .unwrap(),
                );
            let r = web.post(url).multipart(form).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let (s, html) = send(format!("{STATEMENT}03/05/2569,10:00,x,,12x,,\n"), token.clone()).await;
    assert_eq!(s, 422);
    assert!(html.contains("line 7, column 5") && html.contains("id=\"no-payments\""), "{html}");
    let (s, html) = send(STATEMENT.replace("123-4-56789-0", "555-0-12345-6"), token.clone()).await;
    assert_eq!(s, 422);
    assert!(
        html.contains("different bank account than the one chosen")
            && html.contains("id=\"no-payments\"")
            && !html.contains("555-0-12345-6"),
        "{html}"
    );
    let (s, html) = send(STATEMENT.to_string(), token.clone()).await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("id=\"statement-imported\""), "{html}");
    assert_eq!(html.matches("<tr>").count(), 1 + 3, "the header and three payments");
    assert!(html.contains("-1,500.00 THB") && html.contains("12,000.00 THB") && html.contains("2026-05-01 22:15:00"));
    let (s, _) = send(STATEMENT.to_string(), "wrong".into()).await;
    assert_ne!(s, 200);
}
