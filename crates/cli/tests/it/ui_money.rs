//! A case's "Follow the money" page (issue 7): statements of two accounts imported, a trace asked
//! through the GET form (a shareable address) and drawn as an inline SVG with the same answer in
//! tables, bad questions refused next to their field, the trace saved to the case as evidence and
//! shown again from its own page; someone off the case finds neither page.

use reqwest::{Client, Method, StatusCode};
use serde_json::json;

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend, TestApp};
use crate::web::{alert, api_case, csrf, get, post, sign_in};

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

async fn import(app: &TestApp, c: &Client, case: &str, account: &str, csv: &str) {
    let r = c
        .post(app.url(&format!("/api/v1/cases/{case}/statements?account={account}&mapping=Signed")))
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
}

/// The part of a page from the element with `id` to the end of its table, figure or section.
fn part<'a>(page: &'a str, id: &str, end: &str) -> &'a str {
    let start = page.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("{id} on the page: {page}"));
    let rest = &page[start..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_is_traced_drawn_saved_and_shown_again_on_the_case_s_money_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let outsider = app.user("out", Role::Investigator, None).await;
    let api = app.login(&inv).await;
    let case = api_case(&app, &inv, "Recruitment fees laundered").await;
    let mapping = json!({"date": "date", "amount": "amount", "counterparty_account": "other"});
    let (s, v) = call(&api, Method::PUT, app.url("/api/v1/statement-mappings/Signed"), Some(mapping)).await;
    assert_eq!(s, 200, "{v}");
    let a = account(&app, &api, "111-1-11111-1").await;
    let b = account(&app, &api, "222-2-22222-2").await;
    // A pays 100,000 to B, and 60,000 in cash (no other side: an unknown account). B's statement
    // holds the same 100,000, and 98,000 on to C (no statement of its own) the same afternoon.
    import(
        &app,
        &api,
        &case,
        &a,
        "date,amount,other\n2026-05-01 10:00,-100000.00,222-2-22222-2\n2026-05-02 09:00,-60000.00,\n",
    )
    .await;
    import(
        &app,
        &api,
        &case,
        &b,
        "date,amount,other\n2026-05-01 10:00,100000.00,111-1-11111-1\n2026-05-01 15:00,-98000.00,333-3-33333-3\n",
    )
    .await;

    let c = sign_in(&app, &inv).await;
    let (s, case_page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(case_page.contains(&format!("id=\"case-money\" href=\"/cases/{case}/money\"")), "linked from the case");

    // The bare page: the form with the case's accounts and the settings' defaults, no answer.
    let money = app.url(&format!("/cases/{case}/money"));
    let (s, page) = get(&c, money.clone()).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let form = part(&page, "trace-form", "</form>");
    assert!(form.contains("method=\"get\""), "a shareable address: {form}");
    for want in
        [format!("<option value=\"{a}\">1111111111</option>"), format!("<option value=\"{b}\">2222222222</option>")]
    {
        assert!(form.contains(&want), "{want}: {form}");
    }
    assert!(form.contains("name=\"hops\"") && form.contains("value=\"4\""), "the default hops: {form}");
    assert!(form.contains("name=\"tolerance\"") && form.contains("value=\"10\""), "10 %: {form}");
    assert!(form.contains("value=\"168\""), "a week: {form}");
    assert!(!page.contains("id=\"flow-diagram\"") && page.contains("id=\"no-saved-traces\""));

    // A trace forward from A.
    let question = format!("account={a}&direction=forward&hops=4&tolerance=10&window_hours=168");
    let (s, page) = get(&c, format!("{money}?{question}")).await;
    assert_eq!(s, StatusCode::OK, "{page}");
    let svg = part(&page, "flow-diagram", "</svg>");
    assert!(
        svg.contains("role=\"img\"") && svg.contains("aria-label=\"Money flow diagram: Forward: 1111111111"),
        "{svg}"
    );
    assert!(svg.contains("<title id=\"flow-title\">") && svg.contains("<desc id=\"flow-desc\">4 accounts"), "{svg}");
    for want in ["1111111111", "2222222222", "3333333333", "Unknown account", "Start"] {
        assert!(svg.contains(want), "{want} drawn: {svg}");
    }
    // Each arrow with its total, the number of payments and the day; once although both
    // statements hold the 100,000.
    for want in ["100,000.00 THB", "98,000.00 THB", "60,000.00 THB", "1 payment", "1 May 2026", "2 May 2026"] {
        assert!(svg.contains(want), "{want} on an arrow: {svg}");
    }
    assert_eq!(svg.matches("class=\"flow-edge\"").count(), 3, "{svg}");
    assert!(svg.contains("1111111111 → 2222222222: 100,000.00 THB, 1 payment, 1 May 2026"), "{svg}");
    let accounts = part(&page, "flow-accounts", "</table>");
    for want in ["1111111111", "160,000.00 THB", "2222222222", "98,000.00 THB", "3333333333", "Unknown account"] {
        assert!(accounts.contains(want), "{want}: {accounts}");
    }
    let payments = part(&page, "flow-payments", "</table>");
    assert_eq!(payments.matches("<tr>").count(), 4, "a header and three payments: {payments}");
    for want in ["1 May 2026, 10:00", "100,000.00 THB", "1 May 2026, 15:00", "98,000.00 THB", "2 May 2026, 09:00"] {
        assert!(payments.contains(want), "{want}: {payments}");
    }
    assert!(!page.contains("id=\"trace-truncated\""), "not truncated");
    let summary = part(&page, "trace-summary", "</p>");
    assert!(
        summary.contains("4 hops") && summary.contains("within 10 %") && summary.contains("168 hours"),
        "{summary}"
    );

    // Backward from C: B, then A, drawn right to left.
    let (s, back) = get(&c, format!("{money}?account={}&direction=backward", party_of(&page, "3333333333"))).await;
    assert_eq!(s, StatusCode::OK, "{back}");
    let svg = part(&back, "flow-diagram", "</svg>");
    assert!(svg.contains("aria-label=\"Money flow diagram: Backward: 3333333333"), "{svg}");
    assert!(svg.contains("98,000.00 THB") && svg.contains("100,000.00 THB"), "{svg}");

    // Bad questions: the field's error on the page, never a crash; nothing run.
    for (q, field, said) in [
        (format!("account={a}&hops=9"), "trace-hops", "Hops (payments in a row, 1 to 8): a whole number from 1 to 8."),
        (format!("account={a}&tolerance=abc"), "trace-tolerance", "Tolerance (percent): a number from 0 to 100."),
        (format!("account={a}&window_hours=0"), "trace-window", "Window (hours): a whole number of hours"),
        ("payment=12345".to_string(), "trace-payment", "not a payment id"),
        ("account=&payment=".to_string(), "trace-account", "choose an account, or give a payment"),
        (format!("payment={}", uuid::Uuid::new_v4()), "trace-payment", "no such payment in the cases you may see."),
    ] {
        let (s, body) = get(&c, format!("{money}?{q}")).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {body}");
        assert!(alert(&body).contains(said), "{q}: {}", alert(&body));
        let input = part(&body, field, ">");
        assert!(input.contains("aria-invalid=\"true\""), "{q}: {input}");
        assert!(!body.contains("id=\"flow-diagram\""), "{q}: nothing run");
    }
    let (s, body) = get(&c, format!("{money}?account={}", uuid::Uuid::new_v4())).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("no such account in the cases you may see."), "{}", alert(&body));

    // Saved to the case as evidence: an empty title is refused on the page, nothing saved.
    let token = csrf(&app, &c).await;
    let save_url = app.url(&format!("/cases/{case}/money/traces"));
    let save = |title: &'static str, token: String| {
        let c = c.clone();
        let url = save_url.clone();
        let a = a.clone();
        async move {
            let form = [
                ("csrf", token.as_str()),
                ("account", a.as_str()),
                ("payment", ""),
                ("direction", "forward"),
                ("hops", "4"),
                ("tolerance", "10"),
                ("window_hours", "168"),
                ("title", title),
            ];
            post(&c, url, &form).await
        }
    };
    let (s, _, body) = save("  ", token.clone()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(alert(&body).contains("Title is required."), "{}", alert(&body));
    assert!(part(&body, "save-trace-title", ">").contains("aria-invalid=\"true\""));
    assert!(body.contains("id=\"flow-diagram\""), "the answer is shown again with the form");
    assert!(body.contains("id=\"no-saved-traces\""), "nothing saved");
    let (s, _, _) = save("Fees from A", String::new()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "without the CSRF token");
    let (s, location, body) = save("Fees from A", token.clone()).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    let prefix = format!("/cases/{case}/money/traces/");
    assert!(location.starts_with(&prefix), "{location}");
    let (s, saved) = get(&c, app.url(&location)).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert!(saved.contains("<h1>Fees from A</h1>"), "{saved}");
    let meta = part(&saved, "saved-trace-meta", "</p>");
    assert!(meta.contains("saved by inv") && meta.contains("1 Jun 2026"), "who saved it and when: {meta}");
    let svg = part(&saved, "flow-diagram", "</svg>");
    assert!(svg.contains("2222222222") && svg.contains("98,000.00 THB") && svg.contains("Unknown account"), "{svg}");
    assert!(part(&saved, "flow-payments", "</table>").contains("100,000.00 THB"));
    assert!(
        saved.contains(&format!("href=\"/cases/{case}/money?{}\"", question.replace('&', "&#38;"))),
        "run it again: {saved}"
    );
    // ... and listed on the money page, newest first.
    app.clock.advance(chrono::Duration::minutes(1));
    let (s, _, _) = save("Second look", token.clone()).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page) = get(&c, money.clone()).await;
    let list = part(&page, "saved-trace-list", "</ul>");
    assert!(list.contains(&format!("href=\"{location}\">Fees from A</a>")), "{list}");
    assert!(list.find("Second look").unwrap() < list.find("Fees from A").unwrap(), "newest first: {list}");
    assert!(list.contains("saved by inv"), "{list}");

    // A case's trace under another case's address is not found; nor is either page off the case.
    let other_case = api_case(&app, &inv, "Another case").await;
    let (s, _) = get(&c, app.url(&location.replace(&case, &other_case))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let o = sign_in(&app, &outsider).await;
    let (s, body) = get(&o, format!("{money}?{question}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{body}");
    assert!(!body.contains("1111111111"));
    let (s, body) = get(&o, app.url(&location)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!body.contains("Fees from A"));
}

/// The party id of an account on a trace's page (from the start account select).
fn party_of(page: &str, name: &str) -> String {
    let end = page.find(&format!("\">{name}</option>")).unwrap_or_else(|| panic!("{name} offered: {page}"));
    let start = page[..end].rfind("value=\"").unwrap() + 7;
    page[start..end].to_string()
}
