//! The web interface over plain HTTP (the browser tests drive the same pages in Chromium).

use reqwest::StatusCode;
use serde_json::json;

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend, PASSWORD};
use crate::web::{browser_in, csrf_of, get_full, sign_in_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_and_out_through_the_forms() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("nok", Role::SocialWorker, None).await;
    let c = browser_in("en-GB,en;q=0.9");

    let (s, _, h) = get_full(&c, app.url("/")).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert_eq!(h["location"], "/login");

    let (s, html, h) = get_full(&c, app.url("/login")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(h["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert!(!html.contains("<script>"), "no inline script");
    // Quick exit is the first link of the page.
    let first_link = html.find("<a ").unwrap();
    assert!(html[first_link..].starts_with("<a id=\"quick-exit\""), "{}", &html[first_link..first_link + 60]);

    // A form without the CSRF token is refused.
    let r = c
        .post(app.url("/login"))
        .form(&[("username", user.username.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A wrong password says so, in an alert.
    let r = c
        .post(app.url("/login"))
        .form(&[("csrf", csrf_of(&html).as_str()), ("username", &user.username), ("password", "wrong password!!")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("role=\"alert\""));

    sign_in_with(&app, &c, &user).await;
    let (s, home, _) = get_full(&c, app.url("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(home.contains("id=\"logout\""));

    let r = c.post(app.url("/logout")).form(&[("csrf", csrf_of(&home).as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, _, h) = get_full(&c, app.url("/")).await;
    assert_eq!((s, h["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/login"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_follows_the_browser_then_the_users_choice() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("ploy", Role::Investigator, None).await;

    let thai = browser_in("th-TH,th;q=0.9,en;q=0.8");
    let (_, html, _) = get_full(&thai, app.url("/login")).await;
    assert!(html.contains("<html lang=\"th\">"));

    let c = browser_in("en");
    sign_in_with(&app, &c, &user).await;
    let (_, home, _) = get_full(&c, app.url("/")).await;
    assert!(home.contains("<html lang=\"en\">"));
    let r = c
        .post(app.url("/language"))
        .form(&[("csrf", csrf_of(&home).as_str()), ("lang", "lo"), ("back", "/cases")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/cases");
    // The choice sticks to the user: a new browser that prefers English still gets Lao.
    let other = browser_in("en");
    sign_in_with(&app, &other, &user).await;
    let (_, page, _) = get_full(&other, app.url("/cases")).await;
    assert!(page.contains("<html lang=\"lo\">"));

    // Only paths on this site are followed back.
    let r = c
        .post(app.url("/language"))
        .form(&[("csrf", csrf_of(&home).as_str()), ("lang", "my"), ("back", "//evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_pages_show_only_what_the_user_may_see_and_mask_survivors() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kiet", Role::Investigator, None).await;
    let other = app.user("dao", Role::Investigator, None).await;
    let api = app.login(&inv).await;
    let (_, case) = call(
        &api,
        reqwest::Method::POST,
        app.url("/api/v1/cases"),
        Some(json!({"title": "Begging ring at the night market", "tactics": ["exploitation_spectrum"],
                    "exploitation_types": ["forced_begging"], "opened_on": "2026-05-01"})),
    )
    .await;
    let case_id = case["id"].as_str().unwrap().to_string();
    let (_, victim) = call(
        &api,
        reqwest::Method::POST,
        app.url("/api/v1/parties"),
        Some(
            json!({"kind": "person", "given_name": "Sengphet", "family_name": "Vongsa", "date_of_birth": "2016-04-01"}),
        ),
    )
    .await;
    call(
        &api,
        reqwest::Method::POST,
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": victim["id"], "role": "victim"})),
    )
    .await;

    let (_, boss) = call(
        &api,
        reqwest::Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "full_name": "Uncle Bounmy"})),
    )
    .await;
    let (s, _) = call(
        &api,
        reqwest::Method::POST,
        app.url("/api/v1/links"),
        Some(json!({"from": boss["id"], "to": victim["id"], "kind": "exploited", "case_id": case_id,
                    "source": "interview", "starts_on": "2026-04-01"})),
    )
    .await;
    assert_eq!(s, 201);

    let c = browser_in("en");
    sign_in_with(&app, &c, &inv).await;
    let (s, list, _) = get_full(&c, app.url("/cases?tactic=exploitation_spectrum&status=")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(list.contains("Begging ring at the night market"));
    let (_, none, _) = get_full(&c, app.url("/cases?status=closed")).await;
    assert!(!none.contains("Begging ring"));
    let (s, page, _) = get_full(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("S. V."), "the victim appears by initials");
    assert!(!page.contains("Sengphet"), "the victim's name is masked");
    // The links recorded in the case, with the survivor masked there too.
    assert!(page.contains("Uncle Bounmy") && page.contains("Exploited"), "the link is listed");

    // A partner liaison sees nothing that was not shared with their organisation (no sharing yet).
    let liaison = app.user("police.one", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let lc = browser_in("en");
    sign_in_with(&app, &lc, &liaison).await;
    let (_, list, _) = get_full(&lc, app.url("/cases")).await;
    assert!(!list.contains("Begging ring"));
    let (s, _, _) = get_full(&lc, app.url(&format!("/cases/{case_id}"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let outsider = browser_in("en");
    sign_in_with(&app, &outsider, &other).await;
    let (s, _, _) = get_full(&outsider, app.url(&format!("/cases/{case_id}"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = get_full(&outsider, app.url("/cases/not-a-uuid")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list, _) = get_full(&outsider, app.url("/cases")).await;
    assert!(!list.contains("Begging ring"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_htmx_request_gets_the_fragment_and_navigation_the_whole_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.user("mali", Role::Lawyer, None).await;
    let c = browser_in("en");
    sign_in_with(&app, &c, &user).await;
    let (_, whole, _) = get_full(&c, app.url("/cases")).await;
    assert!(whole.starts_with("<!doctype html>") && whole.contains("id=\"quick-exit\""));
    let r = c.get(app.url("/cases")).header("HX-Request", "true").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let fragment = r.text().await.unwrap();
    assert!(!fragment.contains("<html"), "a fragment has no layout");
    assert!(fragment.contains("<h1>"), "but has the page's content");
    assert!(fragment.starts_with("<title>Cases · "), "and its title, for the tab: {}", &fragment[..60]);
    assert!(whole.contains(r#"<script src="/static/enhance.js" defer></script>"#), "the page loads the enhancer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripts_styles_and_the_fonts_for_thai_lao_and_burmese_come_from_the_binary() {
    let app = spawn_app(Backend::Sqlite).await;
    let c = browser_in("en");
    let css = c.get(app.url("/static/app.css")).send().await.unwrap().text().await.unwrap();
    for (face, script) in [("Thai", "Thai"), ("Lao", "Lao"), ("Myanmar", "Myanmar")] {
        for weight in ["Regular", "Bold"] {
            let path = format!("/static/fonts/NotoSans{face}-{weight}.woff2");
            assert!(css.contains(&format!("url(\"{path}\")")), "the stylesheet uses {path}");
            let r = c.get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            assert_eq!(r.headers()["content-type"], "font/woff2");
            assert!(r.headers()["cache-control"].to_str().unwrap().contains("immutable"));
            let body = r.bytes().await.unwrap();
            assert_eq!(&body[..4], b"wOF2", "{path} is a WOFF2 font");
            assert!(body.len() > 5_000, "{path} is a whole font, not a stub");
        }
        assert!(css.contains(&format!("font-family: \"counternet {script}\"")), "the {script} face is declared");
    }
    for (path, mime) in [("/static/enhance.js", "text/javascript"), ("/static/quick-exit.js", "text/javascript")] {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with(mime));
    }
    assert_eq!(c.get(app.url("/static/nothing.js")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trafficking_events_are_recorded_from_the_case_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("wan", Role::Investigator, None).await;
    let api = app.login(&inv).await;
    let (_, case) =
        call(&api, reqwest::Method::POST, app.url("/api/v1/cases"), Some(json!({"title": "Factory in Samut Sakhon"})))
            .await;
    let case_id = case["id"].as_str().unwrap().to_string();
    let c = browser_in("en");
    sign_in_with(&app, &c, &inv).await;
    let (_, page, _) = get_full(&c, app.url(&format!("/cases/{case_id}"))).await;
    let csrf = csrf_of(&page);
    let post = |form: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = app.url(&format!("/cases/{case_id}/events"));
        async move { c.post(url).form(&form).send().await.unwrap() }
    };
    let r = post(vec![
        ("csrf", csrf.clone()),
        ("stage", "recruitment".into()),
        ("occurred_on", "2026-03-02".into()),
        ("place", "Savannakhet bus station".into()),
        ("country", "lao".into()),
        ("recruitment_method", "online_social_networks".into()),
        ("apps", "Facebook, LINE ,, Facebook".into()),
        ("notes", "Offered a restaurant job in Bangkok".into()),
    ])
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page, _) = get_full(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(page.contains("Savannakhet bus station") && page.contains("(LAO)"), "the event is on the case page");
    assert!(page.contains("Facebook, LINE"), "with the apps, once each");
    assert!(page.contains("Offered a restaurant job in Bangkok"));

    let r = post(vec![("csrf", csrf.clone()), ("stage", "transit".into()), ("occurred_on", "2099-01-01".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a future date is refused");
    let r = post(vec![("csrf", csrf.clone()), ("occurred_on", "2026-01-01".into())]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a stage is required");
    let r = post(vec![("stage", "transit".into())]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no CSRF token, no change");
    let (_, detail) = call(&api, reqwest::Method::GET, app.url(&format!("/api/v1/cases/{case_id}")), None).await;
    assert_eq!(detail["events"].as_array().unwrap().len(), 1);
    assert_eq!(detail["events"][0]["apps"], json!(["Facebook", "LINE"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choosing_a_language_on_the_set_up_page_keeps_the_set_up_link_working() {
    let app = spawn_app(Backend::Sqlite).await;
    let token =
        app.with_store(|s| counternet_store::users::issue_setup_token(s).unwrap().expect("no administrator yet")).await;
    let c = browser_in("en");
    let setup = format!("/setup?token={}", token.as_str());
    let (s, page, _) = get_full(&c, app.url(&setup)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"setup\""), "the set-up form");
    let r = c
        .post(app.url("/language"))
        .form(&[("csrf", csrf_of(&page).as_str()), ("lang", "th"), ("back", &setup)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(back, setup, "back to the same link");
    assert!(page.contains(&format!("name=\"back\" value=\"{setup}\"")), "the language form carries the link");
    let (s, thai, _) = get_full(&c, app.url(&back)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(thai.contains("lang=\"th\"") && thai.contains("id=\"setup\""), "the form again, in Thai");
}
