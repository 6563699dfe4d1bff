//! The case forms over plain HTTP: opening a case, adding people with search before create, notes
//! and tasks (the browser test in browser.rs drives the same pages in Chromium).

use reqwest::StatusCode;
use serde_json::json;

use counternet_domain::Role;

use crate::support::{backends, spawn_app, Backend};
use crate::web::{alert, api_case, api_party, csrf, csrf_of, get, post, sign_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investigator_opens_a_case_through_the_form() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let c = sign_in(&app, &inv).await;

    let (s, form) = get(&c, app.url("/cases/new")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("id=\"new-case\""));
    assert!(form.contains("<label for=\"tactic-asset_seizure\">Asset seizure</label>"), "tactics are translated");
    assert!(form.contains("value=\"2026-06-01\""), "opened on starts as today");
    let token = csrf_of(&form);

    // A missing title names the field and keeps what was typed.
    let (s, _, page) = post(
        &c,
        app.url("/cases/new"),
        &[("csrf", &token), ("title", "  "), ("summary", "Boat crew held at sea"), ("tactics", "asset_seizure")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Title is required."), "{}", alert(&page));
    assert!(page.contains("Boat crew held at sea"), "the summary is kept");
    assert!(page.contains("value=\"asset_seizure\" checked"), "the ticked tactic stays ticked");
    assert!(page.contains("aria-invalid=\"true\""));

    let (s, location, _) = post(
        &c,
        app.url("/cases/new"),
        &[
            ("csrf", &token),
            ("title", "Fishing boat crew"),
            ("summary", "Boat crew held at sea"),
            ("status", "active"),
            ("tactics", "victim_identification"),
            ("tactics", "asset_seizure"),
            ("exploitation_types", "forced_labour"),
            ("opened_on", "2026-05-20"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let id = location.strip_prefix("/cases/").expect("redirected to the case");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{location}");

    let (s, page) = get(&c, app.url(&location)).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Fishing boat crew"));
    assert!(page.contains("Victim identification") && page.contains("Asset seizure") && page.contains("Forced labour"));
    let (_, list) = get(&c, app.url("/cases")).await;
    assert!(list.contains("Fishing boat crew"), "the new case is listed");
    assert!(list.contains(&format!("/cases/{id}")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_opened_in_the_future_is_refused_and_nothing_is_created() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;

    let (s, _, page) = post(
        &c,
        app.url("/cases/new"),
        &[
            ("csrf", &token),
            ("title", "Karaoke bar"),
            ("opened_on", "2026-06-05"),
            ("exploitation_types", "prostitution"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let a = alert(&page);
    assert!(a.contains("Opened on") && a.contains("The date cannot be in the future."), "{a}");
    assert!(page.contains("value=\"Karaoke bar\""), "the title is kept");
    assert!(page.contains("value=\"2026-06-05\""), "the date is kept");

    let (s, _, page) =
        post(&c, app.url("/cases/new"), &[("csrf", &token), ("title", "Karaoke bar"), ("opened_on", "2026-13-40")])
            .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Enter a valid date."), "{}", alert(&page));

    let (s, _, _) =
        post(&c, app.url("/cases/new"), &[("csrf", &token), ("title", "Karaoke bar"), ("tactics", "not_a_tactic")])
            .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    let (_, list) = get(&c, app.url("/cases")).await;
    assert!(!list.contains("Karaoke bar"), "nothing was created");
    assert!(list.contains("No cases match"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_may_not_open_cases_or_add_people() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let analyst = app.user("pim", Role::Analyst, None).await;
    let case_id = api_case(&app, &inv, "Construction site").await;
    let c = sign_in(&app, &analyst).await;
    let (_, home) = get(&c, app.url("/")).await;
    assert!(!home.contains("id=\"nav-new-case\""), "no link to a form the analyst may not use");
    let token = csrf_of(&home);

    let (s, page) = get(&c, app.url("/cases/new")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(page.contains("You are not allowed to do this."));
    assert!(!page.contains("id=\"new-case\""));
    let (s, _, _) = post(&c, app.url("/cases/new"), &[("csrf", &token), ("title", "Analyst's case")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let (s, _) = get(&c, app.url(&format!("/cases/{case_id}/people/new"))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) =
        post(&c, app.url(&format!("/cases/{case_id}/people/new")), &[("csrf", &token), ("q", "somchai")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = post(
        &c,
        app.url(&format!("/cases/{case_id}/people/create")),
        &[("csrf", &token), ("full_name", "Somchai"), ("role", "witness")],
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    let inv_c = sign_in(&app, &inv).await;
    let (_, list) = get(&inv_c, app.url("/cases")).await;
    assert!(!list.contains("Analyst's case"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_refuse_a_missing_csrf_token() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let case_id = api_case(&app, &inv, "Garment workshop").await;
    let c = sign_in(&app, &inv).await;

    let (s, _, page) = post(&c, app.url("/cases/new"), &[("title", "No token")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(page.contains("This form has expired."));
    let (s, _, _) = post(&c, app.url("/cases/new"), &[("csrf", "0".repeat(64).as_str()), ("title", "No token")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "a wrong token is refused too");
    for (path, form) in [
        ("notes", vec![("body", "A note without a token")]),
        ("tasks", vec![("title", "A task without a token")]),
        ("people/create", vec![("full_name", "Tokenless Person"), ("role", "witness")]),
    ] {
        let (s, _, _) = post(&c, app.url(&format!("/cases/{case_id}/{path}")), &form).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{path}");
    }
    let (_, list) = get(&c, app.url("/cases")).await;
    assert!(!list.contains("No token"));
    let (_, page) = get(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(!page.contains("without a token") && !page.contains("Tokenless"), "nothing was written");
}

/// The search is new SQL in the store: it runs on PostgreSQL too when configured.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_before_create_finds_the_people_the_user_may_see() {
    for backend in backends() {
        search_before_create_on(backend).await;
    }
}

async fn search_before_create_on(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let stranger = app.user("dao", Role::Investigator, None).await;
    let earlier = api_case(&app, &inv, "Earlier case").await;
    api_party(
        &app,
        &inv,
        &earlier,
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Kaewkla", "id_number": "1-1020-30405-06-7"}),
        "perpetrator",
    )
    .await;
    api_party(&app, &inv, &earlier, json!({"kind": "phone", "number": "+66812345678"}), "subject").await;
    api_party(&app, &inv, &earlier, json!({"kind": "person", "full_name": "Nang Noi Hseng"}), "victim").await;
    let theirs = api_case(&app, &stranger, "Another team's case").await;
    api_party(&app, &stranger, &theirs, json!({"kind": "person", "full_name": "Boonmee Srisuk"}), "witness").await;

    let case_id = api_case(&app, &inv, "New case").await;
    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let url = app.url(&format!("/cases/{case_id}/people/new"));
    // The search is a POST: what was searched for never sits in a URL.
    let search = |c: &reqwest::Client, token: &str, q: &str| {
        let (c, url, token, q) = (c.clone(), url.clone(), token.to_string(), q.to_string());
        async move {
            let (s, _, page) = post(&c, url, &[("csrf", token.as_str()), ("q", q.as_str())]).await;
            (s, page)
        }
    };

    let (s, page) = get(&c, app.url(&format!("/cases/{case_id}/people/new"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"person-search\"") && page.contains("<label for=\"person-q\">"));
    assert!(!page.contains("id=\"create-person\""), "search first: no create form before a search");

    // Given name, family name, and across them in the full name.
    for q in ["somchai", "KAEWKLA", "chai kae"] {
        let (s, page) = search(&c, &token, q).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains("Somchai Kaewkla"), "{q}: found by name, case-insensitively");
        assert!(page.contains("id=\"create-person\""), "the create form follows the results");
        assert!(page.contains("class=\"add-match\""));
    }
    let (_, page) = search(&c, &token, "081 234 5678").await;
    assert!(page.contains("+66812345678"), "a local phone number finds its E.164 form");
    for q in ["1102030405067", "1-1020-30405-06-7", "1-1020"] {
        let (_, page) = search(&c, &token, q).await;
        assert!(page.contains("Somchai Kaewkla"), "{q}: found by ID number");
    }
    let (_, page) = search(&c, &token, "hseng").await;
    assert!(page.contains("N. N. H."), "a survivor found by name shows as initials");
    assert!(!page.contains("Nang Noi"), "and is not revealed");

    let (_, page) = search(&c, &token, "Boonmee").await;
    assert!(page.contains("id=\"no-matches\""), "another team's person is not found");
    assert!(!page.contains("Boonmee Srisuk"));
    let (_, page) = search(&c, &token, "%%").await;
    assert!(page.contains("id=\"no-matches\""), "LIKE wildcards are searched as text");
    let (_, page) = search(&c, &token, "s").await;
    assert!(page.contains("id=\"search-too-short\""), "one character is too short to search");

    // The other investigator does not see this case at all.
    let other = sign_in(&app, &stranger).await;
    let other_token = csrf(&app, &other).await;
    let (s, _) = search(&other, &other_token, "somchai").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Without the CSRF token the search is refused.
    let (s, _, _) = post(&c, url.clone(), &[("q", "somchai")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_are_added_from_the_search_or_created_and_a_new_victim_is_masked() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let stranger = app.user("dao", Role::Investigator, None).await;
    let earlier = api_case(&app, &inv, "Earlier case").await;
    let somchai =
        api_party(&app, &inv, &earlier, json!({"kind": "person", "full_name": "Somchai Kaewkla"}), "witness").await;
    let case_id = api_case(&app, &inv, "Shrimp peeling shed").await;
    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let people = app.url(&format!("/cases/{case_id}/people"));
    let create = app.url(&format!("/cases/{case_id}/people/create"));

    // An existing person, found by the search, added with a role.
    let (s, _, page) = post(&c, people.clone(), &[("csrf", &token), ("party_id", &somchai), ("q", "somchai")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "a role must be chosen");
    assert!(alert(&page).contains("Role in this case is required."), "{}", alert(&page));
    let (s, location, _) =
        post(&c, people.clone(), &[("csrf", &token), ("party_id", &somchai), ("role", "perpetrator")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#people").as_str()));
    let (s, _, page) = post(
        &c,
        people.clone(),
        &[("csrf", &token), ("party_id", &somchai), ("role", "perpetrator"), ("q", "somchai")],
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(alert(&page).contains("already has this role"), "{}", alert(&page));
    assert!(page.contains("<span class=\"tag\">Perpetrator</span>"), "the match shows its role in this case");

    // A new person: some name is needed, and the input is kept.
    let (s, _, page) = post(
        &c,
        create.clone(),
        &[("csrf", &token), ("q", "mya"), ("nationality", "MMR"), ("id_number", "MA-123456"), ("role", "victim")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Enter a given name, a family name or a full name."), "{}", alert(&page));
    assert!(page.contains("value=\"MA-123456\""), "what was typed is kept");
    let (s, _, page) = post(
        &c,
        create.clone(),
        &[("csrf", &token), ("full_name", "Mya Thida Aung"), ("date_of_birth", "2030-01-01"), ("role", "victim")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let a = alert(&page);
    assert!(a.contains("Date of birth") && a.contains("The date cannot be in the future."), "{a}");
    let (s, _, page) = post(
        &c,
        create.clone(),
        &[("csrf", &token), ("full_name", "Mya Thida Aung"), ("nationality", "Myanmar"), ("role", "victim")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Nationality"), "{}", alert(&page));

    let (s, location, _) = post(
        &c,
        create.clone(),
        &[
            ("csrf", &token),
            ("q", "mya"),
            ("full_name", "Mya Thida Aung"),
            ("date_of_birth", "2010-03-15"),
            ("gender", "feminine"),
            ("nationality", "mmr"),
            ("id_number", "MA-123456"),
            ("role", "victim"),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#people").as_str()));
    let (_, page) = get(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(page.contains("M. T. A."), "the new victim appears by initials");
    assert!(page.contains("15-17"), "with an age band");
    assert!(!page.contains("Mya Thida"), "the victim's name is masked from the start");
    assert!(page.contains("Somchai Kaewkla"), "the added perpetrator is listed");

    // Someone who may not see the case gets 404, and nothing is half-written.
    let other = sign_in(&app, &stranger).await;
    let other_token = csrf(&app, &other).await;
    let (s, _, _) =
        post(&other, create.clone(), &[("csrf", &other_token), ("full_name", "Ghost Person"), ("role", "witness")])
            .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let theirs = api_case(&app, &stranger, "Their case").await;
    let (_, _, page) =
        post(&other, app.url(&format!("/cases/{theirs}/people/new")), &[("csrf", &other_token), ("q", "ghost")]).await;
    assert!(page.contains("id=\"no-matches\""), "the refused person was not recorded");
    let (s, _, _) =
        post(&other, people.clone(), &[("csrf", &other_token), ("party_id", &somchai), ("role", "witness")]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = get(&other, app.url("/cases/not-a-uuid/people/new")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_and_tasks_are_added_from_the_case_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("anong", Role::Investigator, None).await;
    let stranger = app.user("dao", Role::Investigator, None).await;
    let case_id = api_case(&app, &inv, "Orchard workers").await;
    let c = sign_in(&app, &inv).await;
    let (_, page) = get(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(page.contains("id=\"add-note\"") && page.contains("id=\"add-task\""));
    let token = csrf_of(&page);
    let notes = app.url(&format!("/cases/{case_id}/notes"));
    let tasks = app.url(&format!("/cases/{case_id}/tasks"));

    let (s, location, _) = post(&c, notes.clone(), &[("csrf", &token), ("body", "Met the labour inspector")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#notes").as_str()));
    let (s, _, page) = post(&c, notes.clone(), &[("csrf", &token), ("body", "   ")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Note is required."), "{}", alert(&page));
    assert!(page.contains(&format!("href=\"/cases/{case_id}#notes\"")), "a link back to the case");

    let (s, location, _) =
        post(&c, tasks.clone(), &[("csrf", &token), ("title", "Request payroll records"), ("due_on", "2026-06-10")])
            .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#tasks").as_str()));
    let (s, _, _) = post(&c, tasks.clone(), &[("csrf", &token), ("title", "Visit the orchard"), ("due_on", "")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "the due date is optional");
    let (s, _, page) = post(&c, tasks.clone(), &[("csrf", &token), ("title", "")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Task is required."), "{}", alert(&page));
    let (s, _, page) = post(&c, tasks.clone(), &[("csrf", &token), ("title", "Bad date"), ("due_on", "soon")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&page).contains("Enter a valid date."), "{}", alert(&page));

    let (_, page) = get(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(page.contains("Met the labour inspector"));
    assert!(page.contains("Request payroll records") && page.contains("Visit the orchard"));
    assert!(!page.contains("Bad date"));

    let other = sign_in(&app, &stranger).await;
    let other_token = csrf(&app, &other).await;
    let (s, _, _) = post(&other, notes, &[("csrf", &other_token), ("body", "Not my case")]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = post(&other, tasks, &[("csrf", &other_token), ("title", "Not my case")]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, page) = get(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(!page.contains("Not my case"));
}
