//! Possible duplicates, a person's page and the auto-merge threshold over plain HTTP: a pair is
//! shown masked with its probability and why, merged with one button and unmerged from the
//! person's page; "not the same" takes it out of the queue; the threshold is an administrator's.

use reqwest::{Method, StatusCode};
use serde_json::json;

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend};
use crate::web::{alert, api_case, api_party, csrf, get, post, sign_in};

/// The value of the first hidden field `name` after `from` in a page.
fn field_after(html: &str, from: usize, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let i = html[from..].find(&marker).expect("the field") + from + marker.len();
    html[i..].split('"').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pair_is_merged_from_the_queue_and_unmerged_from_the_persons_page() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let analyst = app.user("analyst", Role::Analyst, None).await;
    let case = api_case(&app, &inv, "Karaoke bar, Mae Sai").await;
    let victim = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "given_name": "Nang", "family_name": "Noon", "date_of_birth": "2003-05-06"}),
        "victim",
    )
    .await;
    let again = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "full_name": "Nang Noon", "date_of_birth": "2003-05-06", "nationality": "MMR"}),
        "witness",
    )
    .await;

    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let (s, home) = get(&c, app.url("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(home.contains("id=\"nav-duplicates\""), "in the navigation of those who edit cases");
    let (s, queue) = get(&c, app.url("/people/duplicates")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(queue.contains("Possible duplicates"));
    assert!(queue.contains(&victim) && queue.contains(&again), "both records of the pair");
    assert!(queue.contains("N. N.") && !queue.contains("Noon"), "masked: one is a survivor's");
    assert!(queue.contains("Date of birth: exact"), "why, readably");
    assert!(queue.contains("Same person — merge") && queue.contains("Not the same"));
    assert!(queue.contains('%'));

    // "Same person": the two records become one person, whose page shows both.
    let at = queue.find("action=\"/people/merges\"").unwrap();
    let a = field_after(&queue, at, "party_a");
    let b = field_after(&queue, at, "party_b");
    let probability = field_after(&queue, at, "probability");
    let (fa, la, wa) = (
        field_after(&queue, at, "why_field"),
        field_after(&queue, at, "why_level"),
        field_after(&queue, at, "why_weight"),
    );
    let (s, location, _) = post(
        &c,
        app.url("/people/merges"),
        &[
            ("csrf", token.as_str()),
            ("party_a", &a),
            ("party_b", &b),
            ("probability", &probability),
            ("why_field", &fa),
            ("why_level", &la),
            ("why_weight", &wa),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/people/duplicates?done=merged"), "{location}");
    let (_, after) = get(&c, app.url(&location)).await;
    assert!(
        after.contains("role=\"status\"") && !after.contains(&format!("value=\"{again}\"")),
        "the pair left the queue"
    );

    let (_, case_page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    assert!(case_page.contains(&format!("href=\"/people/{again}\"")), "the case page links to the person");
    let (s, person) = get(&c, app.url(&format!("/people/{again}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(person.contains(&format!("id=\"record-{victim}\"")) && person.contains(&format!("id=\"record-{again}\"")));
    assert!(person.contains("Test Foundation") && person.contains("inv"), "where each record came from");
    assert!(
        person.contains(&format!("href=\"/cases/{case}\"")) && person.contains("Victim") && person.contains("Witness")
    );
    assert!(!person.contains("Noon") && !person.contains("2003"), "masked in every record");
    assert!(person.contains("Unmerge"));

    // The analyst reads the person but gets no button, and no queue.
    let api = app.login(&inv).await;
    call(&api, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": analyst.id})))
        .await;
    let ca = sign_in(&app, &analyst).await;
    let (s, theirs) = get(&ca, app.url(&format!("/people/{victim}"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!theirs.contains("Unmerge"));
    assert_eq!(get(&ca, app.url("/people/duplicates")).await.0, StatusCode::FORBIDDEN);

    // Unmerge: back to two records.
    let at = person.find("/undo\"").unwrap();
    let start = person[..at].rfind("action=\"/people/merges/").unwrap() + "action=\"".len();
    let undo = person[start..at + "/undo".len()].to_string();
    let (s, _, _) = post(&c, app.url(&undo), &[("csrf", "wrong"), ("person", &again)]).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the CSRF token is checked");
    let (s, location, _) = post(&c, app.url(&undo), &[("csrf", token.as_str()), ("person", &again)]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/people/{again}?done=unmerged").as_str()));
    let (_, person) = get(&c, app.url(&location)).await;
    assert!(!person.contains(&format!("id=\"record-{victim}\"")), "one record again");
    assert!(person.contains("undone"));
    let (s, _, page) = post(&c, app.url(&undo), &[("csrf", token.as_str()), ("person", &again)]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("already undone"));
    assert!(page.contains(&format!("href=\"/people/{again}\"")) && page.contains(">Back<"), "the way back");

    // "Not the same": the pair leaves the queue.
    let (_, queue) = get(&c, app.url("/people/duplicates")).await;
    assert!(queue.contains(&format!("value=\"{again}\"")), "back in the queue");
    let (s, location, _) =
        post(&c, app.url("/people/distinct"), &[("csrf", token.as_str()), ("party_a", &victim), ("party_b", &again)])
            .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/people/duplicates?done=distinct"));
    let (_, queue) = get(&c, app.url(&location)).await;
    assert!(queue.contains("id=\"no-duplicates\""), "{queue}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_sets_the_auto_merge_threshold() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let c = sign_in(&app, &admin).await;
    let token = csrf(&app, &c).await;
    let (s, page) = get(&c, app.url("/admin/matching")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"admin-nav-matching\"") && page.contains("id=\"threshold\""));
    assert!(page.contains("value=\"\""), "never by default");

    let (s, _, refused) = post(&c, app.url("/admin/matching"), &[("csrf", token.as_str()), ("threshold", "30")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&refused).contains("50 to 100"));
    assert!(refused.contains("aria-invalid=\"true\"") && refused.contains("value=\"30\""));
    let (s, location, _) =
        post(&c, app.url("/admin/matching"), &[("csrf", token.as_str()), ("threshold", "97.5")]).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/admin/matching?done=saved"));
    let (_, page) = get(&c, app.url(&location)).await;
    assert!(page.contains("value=\"97.5\"") && page.contains("role=\"status\""));
    let api = app.login(&admin).await;
    let (_, v) = call(&api, Method::GET, app.url("/api/v1/admin/settings/matching"), None).await;
    assert_eq!(v, json!({"auto_merge_threshold": 0.975}));
    let (s, location, _) = post(&c, app.url("/admin/matching"), &[("csrf", token.as_str()), ("threshold", "")]).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "{location}");
    let (_, v) = call(&api, Method::GET, app.url("/api/v1/admin/settings/matching"), None).await;
    assert_eq!(v, json!({"auto_merge_threshold": null}));

    // Not for anyone else.
    let ci = sign_in(&app, &inv).await;
    assert_eq!(get(&ci, app.url("/admin/matching")).await.0, StatusCode::FORBIDDEN);
    let token = csrf(&app, &ci).await;
    let (s, _, _) = post(&ci, app.url("/admin/matching"), &[("csrf", token.as_str()), ("threshold", "90")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_added_on_the_case_page_joins_their_record_only_above_the_threshold() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Construction site, Chonburi").await;
    let first = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee", "date_of_birth": "1979-04-12"}),
        "perpetrator",
    )
    .await;
    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let add = |name: &'static str, born: &'static str| {
        let (c, token, url) = (c.clone(), token.clone(), app.url(&format!("/cases/{case}/people/create")));
        async move {
            let form = [("csrf", token.as_str()), ("full_name", name), ("date_of_birth", born), ("role", "witness")];
            let (s, location, _) = post(&c, url, &form).await;
            assert_eq!(s, StatusCode::SEE_OTHER, "{location}");
        }
    };
    let records = || async { get(&c, app.url(&format!("/people/{first}"))).await.1.matches("id=\"record-").count() };

    // Never by default (a day apart, so that below it is not the better match).
    add("Somchay Jaidee", "1979-04-13").await;
    assert_eq!(records().await, 1);
    // Above the administrator's threshold, the new record joins his person.
    let api = app.login(&admin).await;
    let (s, _) = call(
        &api,
        Method::PUT,
        app.url("/api/v1/admin/settings/matching"),
        Some(json!({"auto_merge_threshold": 0.99})),
    )
    .await;
    assert_eq!(s, 200);
    add("Somchai Jaidee", "1979-04-12").await;
    let (_, person) = get(&c, app.url(&format!("/people/{first}"))).await;
    assert_eq!(person.matches("id=\"record-").count(), 2, "{person}");
    assert!(person.contains("automatic") && person.contains("Unmerge"));
}
