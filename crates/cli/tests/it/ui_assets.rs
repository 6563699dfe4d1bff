//! The case page's assets section (issue 7): an investigator registers an asset through the form
//! (the value typed in baht), moves it to reported and to provisionally seized (a seizure without
//! its order's reference is refused, said next to the field, and nothing is kept), and sees the day
//! the seizure lapses on the case page and the home page; an analyst sees the section without
//! forms; and the same in Chromium.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::browser::{browser_test, Browser, BrowserOptions, WAIT};
use crate::support::{call, spawn_app, Backend, TestApp, PASSWORD};
use crate::web::{alert, api_case, api_party, csrf, get, post, sign_in};

/// The assets of a case, through the API.
async fn listed(app: &TestApp, api: &reqwest::Client, case: &str) -> Value {
    let (s, v) = call(api, Method::GET, app.url(&format!("/api/v1/cases/{case}/assets")), None).await;
    assert_eq!(s, 200, "{v}");
    v
}

/// The case page's assets section.
fn section(page: &str) -> &str {
    let start = page.find("<section id=\"assets\"").expect("the case page has the assets section");
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_asset_is_registered_and_moved_through_the_case_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let ana = app.user("ana", Role::Analyst, None).await;
    let api = app.login(&inv).await;
    let case = api_case(&app, &inv, "Karaoke bar, Mae Sot").await;
    let (s, v) =
        call(&api, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": ana.id})))
            .await;
    assert_eq!(s, 200, "{v}");
    let owner = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee"}),
        "perpetrator",
    )
    .await;
    api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "full_name": "Mya Mya Win", "date_of_birth": "2004-01-02", "survivor": true}),
        "victim",
    )
    .await;

    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let (s, page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    assert_eq!(s, StatusCode::OK);
    let sec = section(&page);
    assert!(sec.contains("No assets recorded.") && sec.contains("id=\"add-asset\""), "{sec}");
    assert!(sec.contains("Somchai Jaidee"), "the owner select offers the case's people: {sec}");
    assert!(!sec.contains("Mya Mya Win"), "a survivor is offered masked: {sec}");
    assert!(sec.contains("value=\"THB\"") && sec.contains("value=\"2026-06-01\""), "THB and today to start");

    // A value that is not an amount: refused next to the field, what was typed kept, nothing stored.
    let url = app.url(&format!("/cases/{case}/assets"));
    let form = |value: &'static str| {
        vec![
            ("csrf", token.clone()),
            ("kind", "real_estate".to_string()),
            ("description", "Land title deed 1234, Mae Sot".to_string()),
            ("owner_party_id", owner.clone()),
            ("value", value.to_string()),
            ("currency", "THB".to_string()),
            ("evidence", "Bought with cash from the bar's takings".to_string()),
            ("identified_on", "2026-05-01".to_string()),
        ]
    };
    let send = |f: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = url.clone();
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(&c, url, &pairs).await
        }
    };
    let (s, _, body) = send(form("1,25,000")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let said = alert(&body);
    assert!(said.contains("Estimated value: type the amount with digits only"), "{said}");
    assert!(body.contains("id=\"asset-value\" name=\"value\""), "{body}");
    let field = &body[body.find("id=\"asset-value\"").unwrap()..];
    let field = &field[..field.find('>').unwrap()];
    assert!(field.contains("value=\"1,25,000\"") && field.contains("aria-invalid=\"true\""), "{field}");
    assert!(body.contains("value=\"Land title deed 1234, Mae Sot\""), "the description is kept");
    assert!(body.find("role=\"alert\"").unwrap() > body.find("for=\"asset-value\"").unwrap(), "next to the field");
    assert_eq!(body.matches("<h1>").count(), 1);
    assert_eq!(listed(&app, &api, &case).await, json!([]), "nothing stored");
    let (s, _, body) = send(form("-5")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("Estimated value: the value cannot be below zero."), "{}", alert(&body));
    let mut future = form("1000");
    future[7].1 = "2027-01-01".into();
    let (s, _, body) = send(future).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("Identified on"), "{}", alert(&body));
    assert_eq!(listed(&app, &api, &case).await, json!([]), "nothing stored");

    // Without the CSRF token: refused.
    let mut no_token = form("1000");
    no_token[0].1 = String::new();
    let (s, _, _) = send(no_token).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Registered: the value typed in baht is kept in satang.
    let (s, location, body) = send(form("1,250,000.50")).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case}#assets").as_str()), "{body}");
    let assets = listed(&app, &api, &case).await;
    assert_eq!(assets[0]["estimated_value_minor"], 125_000_050, "{assets}");
    assert_eq!(assets[0]["owner"], "Somchai Jaidee");
    let asset = assets[0]["id"].as_str().unwrap().to_string();
    let (_, page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    let sec = section(&page);
    for want in ["Real estate", "Land title deed 1234, Mae Sot", "Somchai Jaidee", "1,250,000.50 THB", "Identified"] {
        assert!(sec.contains(want), "{want}: {sec}");
    }
    assert!(sec.contains("1 May 2026"), "since the day it was identified: {sec}");
    assert!(sec.contains(&format!("id=\"move-{asset}\"")), "a form to move it");

    // Reported to AMLO.
    let stages = app.url(&format!("/cases/{case}/assets/{asset}/stages"));
    let (s, location, body) = post(
        &c,
        stages.clone(),
        &[("csrf", &token), ("stage", "reported_to_amlo"), ("on_date", "2026-05-10"), ("official", "AMLO Region 6")],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case}#assets").as_str()), "{body}");

    // A seizure without its order's reference: refused next to the reference, nothing kept.
    let (s, _, body) = post(
        &c,
        stages.clone(),
        &[
            ("csrf", &token),
            ("stage", "provisionally_seized"),
            ("on_date", "2026-05-20"),
            ("official", "Transaction Committee"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let said = alert(&body);
    assert!(
        said.contains(
            "Reference (order or court case): give the order&#39;s or the court case&#39;s reference for this stage."
        ),
        "{said}"
    );
    assert!(body.find("role=\"alert\"").unwrap() > body.find(&format!("for=\"move-{asset}-reference\"")).unwrap());
    assert!(body.contains("value=\"Transaction Committee\"") && body.contains("value=\"2026-05-20\""), "typed kept");
    assert!(body.contains("<details class=\"asset-move\" open>"), "the form with the error is open");
    let (_, detail) = call(&api, Method::GET, app.url(&format!("/api/v1/assets/{asset}")), None).await;
    assert_eq!(detail["asset"]["stage"], "reported_to_amlo", "{detail}");
    assert_eq!(detail["stages"].as_array().unwrap().len(), 2);
    // Skipping a stage is said too.
    let (s, _, body) = post(
        &c,
        stages.clone(),
        &[("csrf", &token), ("stage", "forfeited"), ("on_date", "2026-05-20"), ("reference", "x")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("the asset cannot move to that stage"), "{}", alert(&body));

    let (s, location, _) = post(
        &c,
        stages.clone(),
        &[
            ("csrf", &token),
            ("stage", "provisionally_seized"),
            ("on_date", "2026-05-20"),
            ("reference", "Seizure order 45/2569"),
            ("official", "Transaction Committee"),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case}#assets").as_str()));
    let (_, page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    let sec = section(&page);
    assert!(sec.contains("Provisionally seized (s.48)") && sec.contains("20 May 2026"), "{sec}");
    assert!(sec.contains("<span class=\"seizure-lapse\">18 Aug 2026</span>"), "78 days left: no warning yet: {sec}");
    let history = &sec[sec.find("<details class=\"asset-history\">").unwrap()..];
    for want in ["Seizure order 45/2569", "AMLO Region 6", "Transaction Committee", "10 May 2026", "(3)"] {
        assert!(history.contains(want), "{want}: {history}");
    }

    // 24 days before the lapse: a warning on the case page and the deadline on the home page.
    app.clock.set(Utc.with_ymd_and_hms(2026, 7, 25, 9, 0, 0).unwrap());
    let c = sign_in(&app, &inv).await;
    let (_, page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    let sec = section(&page);
    assert!(sec.contains("<span class=\"seizure-lapse overdue\">18 Aug 2026 · Days left: 24</span>"), "{sec}");
    let (_, home) = get(&c, app.url("/")).await;
    let seizures = home.split("id=\"seizures\"").nth(1).expect("the home page lists the seizure");
    assert!(seizures.contains("Land title deed 1234") && seizures.contains("18 Aug 2026"), "{seizures}");
    assert!(seizures.contains(&format!("href=\"/cases/{case}#assets\"")));
    app.clock.set(Utc.with_ymd_and_hms(2026, 8, 20, 9, 0, 0).unwrap());
    let c = sign_in(&app, &inv).await;
    let (_, page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    assert!(section(&page).contains("18 Aug 2026 · Lapsed"), "{}", section(&page));

    // The total per currency, with a second asset in baht and one in dollars.
    let token = csrf(&app, &c).await;
    for (kind, value, currency) in [("vehicle", "2,000,000", "THB"), ("bank_balance", "10,000.25", "usd")] {
        let (s, _, body) = post(
            &c,
            app.url(&format!("/cases/{case}/assets")),
            &[
                ("csrf", &token),
                ("kind", kind),
                ("description", "Second"),
                ("value", value),
                ("currency", currency),
                ("identified_on", "2026-08-01"),
            ],
        )
        .await;
        assert_eq!(s, StatusCode::SEE_OTHER, "{body}");
    }
    let (_, page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    let totals = &page[page.find("id=\"asset-totals\"").unwrap()..];
    assert!(totals.contains("3,250,000.50 THB") && totals.contains("10,000.25 USD"), "{totals}");

    // Another case's asset cannot be moved through this case's address.
    let other = api_case(&app, &inv, "Another case").await;
    let (s, _, _) = post(
        &c,
        app.url(&format!("/cases/{other}/assets/{asset}/stages")),
        &[("csrf", &token), ("stage", "referred_to_prosecutor"), ("on_date", "2026-08-20")],
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // In Thai: the stages and the message are in the user's language.
    let th = crate::web::browser_in("th");
    crate::web::sign_in_with(&app, &th, &inv).await;
    let th_token = csrf(&app, &th).await;
    let (_, page) = get(&th, app.url(&format!("/cases/{case}"))).await;
    assert!(section(&page).contains("ยึดหรืออายัดชั่วคราว (มาตรา 48)"), "{}", section(&page));
    let (s, _, body) = post(
        &th,
        app.url(&format!("/cases/{case}/assets")),
        &[
            ("csrf", &th_token),
            ("kind", "cash"),
            ("description", "เงินสด"),
            ("value", "หนึ่งล้าน"),
            ("identified_on", "2026-08-01"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&body).contains("มูลค่าประมาณ: พิมพ์จำนวนเงินเป็นตัวเลข"), "{}", alert(&body));

    // The analyst sees the section, without forms, and may not post them.
    let a = sign_in(&app, &ana).await;
    let (s, page) = get(&a, app.url(&format!("/cases/{case}"))).await;
    assert_eq!(s, StatusCode::OK);
    let sec = section(&page);
    assert!(sec.contains("Land title deed 1234, Mae Sot") && sec.contains("1,250,000.50 THB"), "{sec}");
    assert!(sec.contains("Seizure order 45/2569"), "the stages too");
    assert!(!sec.contains("<form") && !sec.contains("id=\"add-asset\""), "no forms for an analyst: {sec}");
    let a_token = csrf(&app, &a).await;
    let (s, _, _) =
        post(&a, stages.clone(), &[("csrf", &a_token), ("stage", "referred_to_prosecutor"), ("on_date", "2026-08-20")])
            .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let api = app.login(&inv).await;
    let (_, detail) = call(&api, Method::GET, app.url(&format!("/api/v1/assets/{asset}")), None).await;
    assert_eq!(detail["asset"]["stage"], "provisionally_seized", "nothing moved: {detail}");
}

/// Waits until the element matching `css` holds `want` (read in the page: the content may be
/// swapped while a test looks), and returns its text.
async fn wait_text(b: &Browser, css: &str, want: &str) -> String {
    let script = format!("var e = document.querySelector({}); return e ? e.textContent : '';", json!(css));
    let deadline = Instant::now() + WAIT;
    loop {
        let text = b.execute(&script).await.as_str().unwrap_or_default().to_string();
        if text.contains(want) {
            return text;
        }
        assert!(Instant::now() < deadline, "{css} never held {want:?}: {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What the page gets wrong for a screen reader or a phone: controls without a label, ids used
/// twice or referred to and missing, other than one h1, anything wider than the window.
const AUDIT: &str = r#"
const problems = [];
for (const e of document.querySelectorAll('input, select, textarea')) {
  if (e.type === 'hidden') continue;
  if (!(e.id && document.querySelector('label[for="' + CSS.escape(e.id) + '"]'))) problems.push('unlabelled ' + e.name);
  for (const ref of (e.getAttribute('aria-describedby') || '').split(' ').filter(Boolean)) {
    if (!document.getElementById(ref)) problems.push('described by a missing id: ' + ref);
  }
}
const ids = {};
for (const e of document.querySelectorAll('[id]')) {
  if (ids[e.id]) problems.push('id used twice: ' + e.id);
  ids[e.id] = true;
}
if (document.querySelectorAll('h1').length !== 1) problems.push(document.querySelectorAll('h1').length + ' h1 elements');
for (const e of document.querySelectorAll('#content *')) {
  if (e.getBoundingClientRect().right > document.documentElement.clientWidth + 1) {
    problems.push('wider than the window: ' + e.tagName + '#' + e.id);
    break;
  }
}
return problems;
"#;

async fn audit(b: &Browser, when: &str) {
    let found = b.execute(AUDIT).await;
    assert_eq!(found, json!([]), "{when}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investigator_registers_an_asset_and_moves_it_in_a_browser() {
    const TEST: &str = "an_investigator_registers_an_asset_and_moves_it_in_a_browser";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Fishing boat, Songkhla").await;
    api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee"}),
        "perpetrator",
    )
    .await;
    browser_test(TEST, BrowserOptions::mobile(), move |b| async move {
        b.goto(&app.url("/login")).await;
        b.fill("form#login input#username", "inv").await;
        b.fill("form#login input#password", PASSWORD).await;
        b.click("form#login button#login-submit").await;
        b.wait_for_path("/").await;
        b.wait_for("form#logout", WAIT).await;
        b.goto(&app.url(&format!("/cases/{case}#assets"))).await;
        b.wait_for("form#add-asset", WAIT).await;

        // A value that is not an amount first: said next to the field.
        b.click("#asset-kind option[value=\"vehicle\"]").await;
        b.fill("#asset-description", "Toyota Fortuner 1กข 1234").await;
        b.click("#asset-owner option:nth-child(2)").await;
        b.fill("#asset-value", "1.250.000").await;
        b.click("form#add-asset button[type=submit]").await;
        let said = b.wait_for("#asset-error", WAIT).await.text().await.unwrap();
        assert!(said.contains("Estimated value"), "{said}");
        assert_eq!(b.attr("#asset-description", "value").await.as_deref(), Some("Toyota Fortuner 1กข 1234"));
        audit(&b, "the form shown again with its error").await;

        b.fill("#asset-value", "1,200,000").await;
        b.click("form#add-asset button[type=submit]").await;
        let row = wait_text(&b, "#asset-list tbody tr", "Identified").await;
        for want in ["Vehicle", "Toyota Fortuner 1กข 1234", "Somchai Jaidee", "1,200,000.00 THB"] {
            assert!(row.contains(want), "{want}: {row}");
        }

        // Moved to reported, through the form in its <details>.
        b.click("details.asset-move summary").await;
        audit(&b, "the case page with an asset and its move form open").await;
        b.fill("form[id^=\"move-\"] input[name=official]", "AMLO Region 6").await;
        b.click("form[id^=\"move-\"] button[type=submit]").await;
        wait_text(&b, "#asset-list tbody tr", "Reported to AMLO").await;
        b.click("details.asset-history summary").await;
        let history = b.text("details.asset-history").await;
        assert!(history.contains("AMLO Region 6") && history.contains("(2)"), "{history}");
        let width = b.inner_width().await;
        let wide = b
            .execute("return Array.from(document.querySelectorAll('#assets *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '#' + e.id).slice(0, 5);")
            .await;
        assert_eq!(wide, json!([]), "nothing in the section is wider than the window ({width} px)");
    })
    .await;
}
