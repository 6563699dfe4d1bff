//! Money alerts in the web interface (issue 7): a statement with payments just below the reporting
//! threshold raises a structuring alert, which the analyst on the case sees on the money alerts page
//! (the rule named and explained, the amounts in baht) and counted on the home page; dismissing it
//! needs a reason (422 and the message by the note), confirming does not, and it is then listed
//! under "confirmed"; someone off the case sees none of it; "Scan now" says what it raised. An
//! administrator changes a threshold on the money rules page (a bad value is refused with its
//! field's message) and an investigator may not open that page.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend, TestApp};
use crate::web::{alert, api_case, csrf, get, post, sign_in};

/// A bank account recorded through the API; returns its id.
async fn account(app: &TestApp, api: &reqwest::Client, number: &str) -> String {
    let (s, v) = call(
        api,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "bank_account", "account_number": number, "bank": "Demo Bank"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    v["id"].as_str().unwrap().to_string()
}

/// The section of the page that shows alert `id`, if it is listed.
fn section<'a>(page: &'a str, id: &str) -> Option<&'a str> {
    let start = page.find(&format!("<section id=\"alert-{id}\""))?;
    let rest = &page[start..];
    Some(&rest[..rest.find("</section>").unwrap_or(rest.len())])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn money_alerts_are_seen_decided_and_the_thresholds_changed_through_the_pages() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let ana = app.user("ana", Role::Analyst, None).await;
    let outsider = app.user("out", Role::Investigator, None).await;
    let admin = app.user("adm", Role::Administrator, None).await;
    let api = app.login(&inv).await;
    let case = api_case(&app, &inv, "Recruitment fees laundered").await;
    let (s, v) =
        call(&api, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": ana.id})))
            .await;
    assert_eq!(s, 200, "{v}");
    let mapping = json!({"date": "date", "amount": "amount", "counterparty_account": "other"});
    let (s, v) = call(&api, Method::PUT, app.url("/api/v1/statement-mappings/Signed"), Some(mapping)).await;
    assert_eq!(s, 200, "{v}");
    let a = account(&app, &api, "111-1-11111-1").await;
    // Three payments just below the 2,000,000 THB reporting threshold within a week.
    let csv = "date,amount,other\n\
               2026-05-03 09:00,-1950000.00,555-5-55555-5\n\
               2026-05-04 09:15,-1960000.00,666-6-66666-6\n\
               2026-05-05 09:30,-1940000.00,777-7-77777-7\n";
    let r = api
        .post(app.url(&format!("/api/v1/cases/{case}/statements?account={a}&mapping=Signed")))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let imported: Value = r.json().await.unwrap();
    assert!(imported["alerts"]["raised"].as_u64().unwrap() >= 1, "{imported}");

    let an_api = app.login(&ana).await;
    let (_, open) = call(&an_api, Method::GET, app.url("/api/v1/money/alerts?status=open"), None).await;
    let open = open.as_array().unwrap().clone();
    let id = open.iter().find(|x| x["rule"] == "structuring").unwrap()["id"].as_str().unwrap().to_string();

    // The analyst's list: the rule named and explained, the account, the case, the amounts in baht.
    let c = sign_in(&app, &ana).await;
    let token = csrf(&app, &c).await;
    let (s, page) = get(&c, app.url("/money/alerts")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"nav-money-alerts\""), "the main navigation links to the alerts");
    let sec = section(&page, &id).unwrap_or_else(|| panic!("the structuring alert is listed: {page}"));
    for want in [
        "Structuring",
        "Repeated payments just below the reporting threshold.",
        "1111111111",
        "-1,950,000.00 THB",
        "-1,960,000.00 THB",
        "-1,940,000.00 THB",
        "3 May 2026 09:00",
        "5555555555",
        "Open",
    ] {
        assert!(sec.contains(want), "{want}: {sec}");
    }
    assert!(sec.contains(&format!("href=\"/cases/{case}\"")), "the case is a link: {sec}");
    assert!(!sec.contains("more payments in cases you do not see"), "{sec}");
    // The home page counts the open alerts and links to them.
    let (_, home) = get(&c, app.url("/")).await;
    assert!(home.contains(&format!("Open money alerts: {}", open.len())), "{home}");
    assert!(home.contains("href=\"/money/alerts\""));

    // Dismissing needs a reason: 422, the message by the note, nothing changed.
    let decide = app.url(&format!("/money/alerts/{id}/decision"));
    let (s, _, body) =
        post(&c, decide.clone(), &[("csrf", &token), ("decision", "dismiss"), ("note", "  "), ("status", "open")])
            .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(alert(&body).contains("say why you dismiss or reopen"), "{}", alert(&body));
    let sec = section(&body, &id).unwrap();
    assert!(sec.contains("aria-invalid=\"true\""), "{sec}");
    let (_, v) = call(&an_api, Method::GET, app.url(&format!("/api/v1/money/alerts/{id}")), None).await;
    assert_eq!(v["status"], "open");
    // Without the CSRF token: refused.
    let (s, _, _) = post(&c, decide.clone(), &[("decision", "confirm"), ("status", "open")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Confirmed: back to the list with a notice; listed under "confirmed", with who and when.
    let (s, location, body) =
        post(&c, decide.clone(), &[("csrf", &token), ("decision", "confirm"), ("note", ""), ("status", "open")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/money/alerts?status=open&done=confirm"), "{body}");
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("The alert was confirmed."), "{page}");
    assert!(section(&page, &id).is_none(), "no longer open");
    let (_, page) = get(&c, app.url("/money/alerts?status=confirmed")).await;
    let sec = section(&page, &id).expect("listed under confirmed");
    assert!(sec.contains("Confirmed") && sec.contains("confirmed by ana on 1 Jun 2026"), "{sec}");
    let (_, page) = get(&c, app.url(&format!("/money/alerts?status=all&case={case}"))).await;
    assert!(section(&page, &id).is_some() && page.contains("Only the alerts of case"), "{page}");

    // Reopened with a reason: the note is shown.
    let (s, _, _) = post(
        &c,
        decide.clone(),
        &[("csrf", &token), ("decision", "reopen"), ("note", "The deed was forged"), ("status", "all")],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, page) = get(&c, app.url("/money/alerts")).await;
    assert!(section(&page, &id).unwrap().contains("The deed was forged"));

    // Scan now: nothing new.
    let (s, location, _) = post(&c, app.url("/money/scan"), &[("csrf", &token), ("status", "open")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/money/alerts?status=open&scanned=0"));
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("Scan finished: 0 new alerts."), "{page}");

    // Someone off the case sees none of it, and may not decide it.
    let o = sign_in(&app, &outsider).await;
    let o_token = csrf(&app, &o).await;
    let (s, page) = get(&o, app.url("/money/alerts?status=all")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(section(&page, &id).is_none() && page.contains("No alerts here."), "{page}");
    assert!(!page.contains("1,950,000.00"));
    let (_, home) = get(&o, app.url("/")).await;
    assert!(!home.contains("Open money alerts"), "nothing to count");
    let (s, _, _) = post(&o, decide.clone(), &[("csrf", &o_token), ("decision", "confirm")]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // An administrator does not work cases: no alerts page, no scan.
    let ad = sign_in(&app, &admin).await;
    let ad_token = csrf(&app, &ad).await;
    let (s, _) = get(&ad, app.url("/money/alerts")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = post(&ad, app.url("/money/scan"), &[("csrf", &ad_token)]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The money rules page: every setting with its value, range, label and help.
    let (s, page) = get(&ad, app.url("/admin/settings/money")).await;
    assert_eq!(s, StatusCode::OK);
    for want in [
        "id=\"admin-nav-money\"",
        "Reporting threshold (baht)",
        "Payments just below this many baht count towards structuring.",
        "name=\"structuring_threshold_thb\"",
        "value=\"2000000\"",
        "Allowed: 1 to 1,000,000,000,000.",
        "name=\"structuring_margin\"",
        "value=\"0.1\"",
    ] {
        assert!(page.contains(want), "{want}: {page}");
    }
    let ad_api = app.login(&admin).await;
    let (_, current) = call(&ad_api, Method::GET, app.url("/api/v1/admin/settings/money"), None).await;
    let form = |changes: &[(&str, &str)]| -> Vec<(String, String)> {
        let mut f = vec![("csrf".to_string(), ad_token.clone())];
        for (k, v) in current.as_object().unwrap() {
            let v = changes.iter().find(|(ck, _)| ck == k).map(|(_, cv)| cv.to_string()).unwrap_or(v.to_string());
            f.push((k.clone(), v));
        }
        f
    };
    let send = |f: Vec<(String, String)>| {
        let ad = ad.clone();
        let url = app.url("/admin/settings/money");
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            post(&ad, url, &pairs).await
        }
    };
    // Out of range: refused with the field's message, what was typed kept, nothing saved.
    let (s, _, body) = send(form(&[("cycle_min_len", "7"), ("structuring_threshold_thb", "1500000")])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(alert(&body).contains("Shortest cycle (payments): enter a whole number from 2 to 6."), "{}", alert(&body));
    let field = &body[body.find("id=\"ms-cycle_min_len\"").unwrap()..];
    let field = &field[..field.find('>').unwrap()];
    assert!(field.contains("value=\"7\"") && field.contains("aria-invalid=\"true\""), "{field}");
    // Settings that do not agree: the field's own message.
    let (s, _, body) = send(form(&[("wage_min_thb", "40000")])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("Smallest wage (baht): the smallest wage must be below the largest."));
    let (s, _, body) = send(form(&[("structuring_margin", "abc")])).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("Just below&#34; margin: enter a number from 0 to 1"), "{}", alert(&body));
    let (_, v) = call(&ad_api, Method::GET, app.url("/api/v1/admin/settings/money"), None).await;
    assert_eq!(v, current, "nothing saved");
    // Saved: a whole number and a fraction typed as a decimal.
    let (s, location, body) =
        send(form(&[("structuring_threshold_thb", "1500000"), ("structuring_margin", "0.15")])).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/admin/settings/money?done=saved"), "{body}");
    let (_, page) = get(&ad, app.url(&location)).await;
    assert!(page.contains("The thresholds were saved."), "{page}");
    assert!(page.contains("value=\"1500000\"") && page.contains("value=\"0.15\""), "{page}");
    let (_, v) = call(&ad_api, Method::GET, app.url("/api/v1/admin/settings/money"), None).await;
    assert_eq!(
        (v["structuring_threshold_thb"].as_i64(), v["structuring_margin"].as_f64()),
        (Some(1_500_000), Some(0.15))
    );

    // An investigator may not open or post the page.
    let i = sign_in(&app, &inv).await;
    let i_token = csrf(&app, &i).await;
    let (s, _) = get(&i, app.url("/admin/settings/money")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let pairs = [("csrf", i_token.as_str()), ("structuring_threshold_thb", "1")];
    let (s, _, _) = post(&i, app.url("/admin/settings/money"), &pairs).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
