//! Working on a case from the browser, over plain HTTP: editing its fields and classification (with
//! the history kept), marking tasks done, the timeline of trafficking events, and the case list's
//! team-member filter.

use reqwest::{Method, StatusCode};
use serde_json::json;

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend, TestApp, TestUser};
use crate::web::{alert, csrf, get, post, sign_in};

async fn api_case_with(app: &TestApp, user: &TestUser, body: serde_json::Value) -> String {
    let api = app.login(user).await;
    let (s, case) = call(&api, Method::POST, app.url("/api/v1/cases"), Some(body)).await;
    assert_eq!(s, 201, "{case}");
    case["id"].as_str().unwrap().to_string()
}

async fn api_get(app: &TestApp, user: &TestUser, path: &str) -> serde_json::Value {
    let api = app.login(user).await;
    let (s, v) = call(&api, Method::GET, app.url(path), None).await;
    assert_eq!(s, 200, "{v}");
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csam_case_becomes_a_trafficking_case_and_the_history_shows_what_it_was() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("niran", Role::Investigator, None).await;
    let id = api_case_with(
        &app,
        &inv,
        json!({"title": "Livestreamed abuse, Pattaya", "tactics": ["victim_identification"],
               "exploitation_types": ["remote_interactive_services"], "opened_on": "2026-02-01"}),
    )
    .await;
    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;

    // The form starts from what the case is now.
    let (s, form) = get(&c, app.url(&format!("/cases/{id}/edit"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("value=\"Livestreamed abuse, Pattaya\""), "the title as it is");
    assert!(form.contains("id=\"exploitation-remote_interactive_services\" name=\"exploitation_types\" value=\"remote_interactive_services\" checked"));
    assert!(!form.contains(
        "id=\"exploitation-sexual_exploitation\" name=\"exploitation_types\" value=\"sexual_exploitation\" checked"
    ));

    // A blank title is refused, naming the field, and nothing changes.
    let (s, _, page) = post(
        &c,
        app.url(&format!("/cases/{id}/edit")),
        &[("csrf", &token), ("title", "  "), ("status", "active"), ("exploitation_types", "forced_labour")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Title"), "{}", alert(&page));
    assert!(page.contains("value=\"forced_labour\" checked"), "what was typed is kept");
    let case = api_get(&app, &inv, &format!("/api/v1/cases/{id}")).await;
    assert_eq!(case["title"], "Livestreamed abuse, Pattaya");
    assert_eq!(case["exploitation_types"], json!(["remote_interactive_services"]));

    // An unknown status is refused too.
    let (s, _, _) = post(
        &c,
        app.url(&format!("/cases/{id}/edit")),
        &[("csrf", &token), ("title", "Livestreamed abuse, Pattaya"), ("status", "archived")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // The case becomes a trafficking case.
    let (s, location, _) = post(
        &c,
        app.url(&format!("/cases/{id}/edit")),
        &[
            ("csrf", &token),
            ("title", "Livestreamed abuse and trafficking, Pattaya"),
            ("summary", "Children moved from Sa Kaeo"),
            ("status", "active"),
            ("tactics", "victim_identification"),
            ("tactics", "perpetrator_identification"),
            ("exploitation_types", "remote_interactive_services"),
            ("exploitation_types", "sexual_exploitation"),
            ("control_methods", "threats_to_children_or_family"),
            ("control_methods", "psychological_abuse"),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{id}").as_str()));
    let case = api_get(&app, &inv, &format!("/api/v1/cases/{id}")).await;
    assert_eq!(case["title"], "Livestreamed abuse and trafficking, Pattaya");
    assert_eq!(case["summary"], "Children moved from Sa Kaeo");
    assert_eq!(case["exploitation_types"], json!(["remote_interactive_services", "sexual_exploitation"]));
    assert_eq!(case["control_methods"], json!(["threats_to_children_or_family", "psychological_abuse"]));
    let (_, page) = get(&c, app.url(&format!("/cases/{id}"))).await;
    assert!(page.contains("Sexual exploitation"), "the case page shows the new classification");
    let controls = &page[page.find("id=\"control-methods\"").expect("the methods of control")..];
    assert!(controls.contains("Threats to children or family") && controls.contains("Psychological abuse"));

    // Saving the same values again is not a change: the history gets no second entry.
    let (s, _, _) = post(
        &c,
        app.url(&format!("/cases/{id}/edit")),
        &[
            ("csrf", &token),
            ("title", "Livestreamed abuse and trafficking, Pattaya"),
            ("summary", "Children moved from Sa Kaeo"),
            ("status", "active"),
            ("tactics", "perpetrator_identification"),
            ("tactics", "victim_identification"),
            ("exploitation_types", "sexual_exploitation"),
            ("exploitation_types", "remote_interactive_services"),
            ("control_methods", "psychological_abuse"),
            ("control_methods", "threats_to_children_or_family"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);

    let (_, history) = get(&c, app.url(&format!("/cases/{id}/history"))).await;
    let changes: Vec<&str> = history
        .match_indices("<span class=\"change\">")
        .map(|(i, _)| &history[i..])
        .map(|rest| &rest[..rest.find("</span>").unwrap()])
        .collect();
    let types_change = changes.iter().find(|s| s.contains("Types of exploitation")).expect("the classification change");
    assert!(
        types_change.contains("(remote interactive services) →")
            && types_change.ends_with("(remote interactive services), Sexual exploitation"),
        "what it was and what it became: {types_change}"
    );
    assert_eq!(history.matches("Types of exploitation:").count(), 1, "one change, not two");
    assert!(
        changes.iter().any(|c| c.contains("Methods of control: — → ") && c.contains("Psychological abuse")),
        "the methods of control, from none: {changes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_those_who_may_change_a_case_get_its_edit_form() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("pim", Role::Investigator, None).await;
    let other = app.user("dao", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let id = api_case_with(&app, &inv, json!({"title": "Orchard workers", "opened_on": "2026-03-01"})).await;

    // Not on the team: as if the case did not exist, for the form and for the change.
    let c = sign_in(&app, &other).await;
    let token = csrf(&app, &c).await;
    assert_eq!(get(&c, app.url(&format!("/cases/{id}/edit"))).await.0, StatusCode::NOT_FOUND);
    let (s, _, _) = post(&c, app.url(&format!("/cases/{id}/edit")), &[("csrf", &token), ("title", "Renamed")]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Analysts read; they do not change cases.
    let c = sign_in(&app, &analyst).await;
    let token = csrf(&app, &c).await;
    assert_eq!(get(&c, app.url(&format!("/cases/{id}/edit"))).await.0, StatusCode::FORBIDDEN);
    let (s, _, _) = post(&c, app.url(&format!("/cases/{id}/edit")), &[("csrf", &token), ("title", "Renamed")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Without the CSRF token nothing happens.
    let c = sign_in(&app, &inv).await;
    let (s, _, _) = post(&c, app.url(&format!("/cases/{id}/edit")), &[("title", "Renamed")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let case = api_get(&app, &inv, &format!("/api/v1/cases/{id}")).await;
    assert_eq!(case["title"], "Orchard workers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_is_marked_done_and_reopened_from_the_case_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("som", Role::Investigator, None).await;
    let id = api_case_with(&app, &inv, json!({"title": "Karaoke bar", "opened_on": "2026-03-01"})).await;
    let api = app.login(&inv).await;
    let (s, task) = call(
        &api,
        Method::POST,
        app.url(&format!("/api/v1/cases/{id}/tasks")),
        Some(json!({"title": "Call the shelter in Nong Khai", "due_on": "2026-12-01", "assignee_id": inv.id})),
    )
    .await;
    assert_eq!(s, 201, "{task}");
    let task_id = task["id"].as_str().unwrap().to_string();
    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let (_, home) = get(&c, app.url("/")).await;
    assert!(home.contains("Call the shelter in Nong Khai"), "an open task is on the home page");

    let url = app.url(&format!("/cases/{id}/tasks/{task_id}"));
    let (s, location, _) = post(&c, url.clone(), &[("csrf", &token), ("done", "true")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{id}#tasks").as_str()));
    let (_, page) = get(&c, app.url(&format!("/cases/{id}"))).await;
    assert!(page.contains(&format!("<s id=\"task-{task_id}\">Call the shelter in Nong Khai</s>")), "shown as done");
    assert!(page.contains("name=\"done\" value=\"false\""), "with a way to reopen it");
    let (_, home) = get(&c, app.url("/")).await;
    assert!(!home.contains("Call the shelter in Nong Khai"), "a done task leaves the home page");

    let (s, _, _) = post(&c, url.clone(), &[("csrf", &token), ("done", "false")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let tasks = api_get(&app, &inv, &format!("/api/v1/cases/{id}/tasks")).await;
    assert_eq!(tasks[0]["done_at"], serde_json::Value::Null, "open again");

    let (s, _, _) = post(&c, url, &[("csrf", &token), ("done", "perhaps")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = app.url(&format!("/cases/{id}/tasks/{}", uuid::Uuid::new_v4()));
    assert_eq!(post(&c, missing, &[("csrf", &token), ("done", "true")]).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_timeline_puts_events_in_the_order_they_happened() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("lek", Role::Investigator, None).await;
    let id = api_case_with(&app, &inv, json!({"title": "Construction site", "opened_on": "2026-03-01"})).await;
    let api = app.login(&inv).await;
    // Recorded out of order, as investigators learn them.
    for event in [
        json!({"stage": "exploitation", "occurred_on": "2026-02-20", "place": "Building site in Rayong"}),
        json!({"stage": "transit", "place": "A van with no windows"}),
        json!({"stage": "recruitment", "occurred_on": "2026-01-05", "place": "Pakse market",
               "recruitment_method": "friends", "apps": ["LINE"]}),
        json!({"stage": "transit", "occurred_on": "2026-01-09", "place": "Chong Mek border crossing"}),
    ] {
        let (s, e) = call(&api, Method::POST, app.url(&format!("/api/v1/cases/{id}/events")), Some(event)).await;
        assert_eq!(s, 201, "{e}");
    }
    let c = sign_in(&app, &inv).await;
    let (_, page) = get(&c, app.url(&format!("/cases/{id}"))).await;
    let timeline = &page[page.find("id=\"timeline\"").expect("a timeline")..];
    let at = |s: &str| timeline.find(s).unwrap_or_else(|| panic!("{s} on the timeline"));
    assert!(at("Pakse market") < at("Chong Mek border crossing"));
    assert!(at("Chong Mek border crossing") < at("Building site in Rayong"));
    assert!(at("Building site in Rayong") < at("A van with no windows"), "undated events come last");
    assert!(at("datetime=\"2026-01-05\"") < at("Pakse market"));
    assert!(timeline.contains("Date not known"));
    assert!(timeline.contains("LINE"), "the apps used to recruit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_list_filters_by_team_member() {
    let app = spawn_app(Backend::Sqlite).await;
    let a = app.user("arun", Role::Investigator, None).await;
    let b = app.user("busaba", Role::Investigator, None).await;
    let mgr = app.user("manee", Role::Manager, None).await;
    api_case_with(&app, &a, json!({"title": "Arun fishing case", "opened_on": "2026-03-01"})).await;
    api_case_with(&app, &b, json!({"title": "Busaba begging case", "opened_on": "2026-03-01"})).await;

    let c = sign_in(&app, &a).await;
    let (_, mine) = get(&c, app.url("/cases?member=me")).await;
    assert!(mine.contains("Arun fishing case"), "own case listed");
    assert!(!mine.contains("Busaba"), "and only that");
    assert!(mine.contains("<option value=\"me\" selected>"), "the choice is kept");

    let c = sign_in(&app, &mgr).await;
    let (_, all) = get(&c, app.url("/cases")).await;
    assert!(all.contains(">arun</option>") && all.contains(">busaba</option>"), "colleagues to choose from");
    let (_, busaba) = get(&c, app.url(&format!("/cases?member={}", b.id))).await;
    assert!(busaba.contains("begging case") && !busaba.contains("fishing case"), "only Busaba's cases");
    let (s, bad) = get(&c, app.url("/cases?member=someone")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(bad.contains("role=\"alert\""), "an unknown member is explained, not ignored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_screening_advice_is_said_in_the_users_language() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kanya", Role::Investigator, None).await;
    let id = api_case_with(&app, &inv, json!({"title": "Forced begging, Pattaya", "opened_on": "2026-03-01"})).await;
    let api = app.login(&inv).await;
    // An adult with no means (so means and questions are listed), indicators, and two purposes.
    let (s, screening) = call(
        &api,
        Method::POST,
        app.url(&format!("/api/v1/cases/{id}/screenings")),
        Some(
            json!({"age_at_exploitation": 30, "acts": ["recruitment"], "purposes": ["forced_begging", "forced_labour"],
                    "indicators": ["debt_bondage", "isolation", "deception"]}),
        ),
    )
    .await;
    assert_eq!(s, 201, "{screening}");
    let sid = screening["id"].as_str().unwrap();
    let id = id.as_str();
    let page_in = |lang: &'static str| {
        let app = &app;
        let inv = &inv;
        async move {
            let c = sign_in(app, inv).await;
            let token = csrf(app, &c).await;
            let (s, _, _) = post(&c, app.url("/language"), &[("csrf", &token), ("lang", lang), ("back", "/")]).await;
            assert_eq!(s, StatusCode::SEE_OTHER);
            let (s, page) = get(&c, app.url(&format!("/cases/{id}/screenings/{sid}"))).await;
            assert_eq!(s, StatusCode::OK);
            page
        }
    };
    let en = page_in("en").await;
    assert!(en.contains("causing a person to beg"), "the s.4 category in words");
    assert!(en.contains("How was the person brought or kept there?"), "the question about means");
    for lang in ["th", "lo", "my"] {
        let page = page_in(lang).await;
        for english in ["Palermo Protocol", "causing a person to beg", "How was the person", "Trafficking indicated"] {
            assert!(!page.contains(english), "{lang}: English left on the advice page: {english}");
        }
        for key in ["legal-basis-", "atipa-s4-", "screening-question-", "screening-reason-"] {
            assert!(!page.contains(key), "{lang}: an untranslated message id {key}");
        }
    }
    let th = page_in("th").await;
    assert!(th.contains("การนำคนมาขอทาน"), "the s.4 category in Thai");
}
