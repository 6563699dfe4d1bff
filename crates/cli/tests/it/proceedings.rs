//! Proceedings (issue 8): a criminal proceeding with its charges and defendants, hearings to come
//! and their outcomes, the hearings listed for the user, and the calendar feed: iCalendar with
//! the case reference and the court, no party's name, readable with its token alone and gone when
//! the token is replaced or stopped.

use reqwest::Method;
use serde_json::json;

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend};
use crate::web::api_case;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proceedings_hearings_and_the_calendar_feed() {
    for backend in backends() {
        proceedings(backend).await;
    }
}

async fn proceedings(backend: Backend) {
    let app = spawn_app(backend).await;
    let lawyer = app.user("law", Role::Lawyer, None).await;
    let outsider = app.user("out", Role::Investigator, None).await;
    let c = app.login(&lawyer).await;
    let case = api_case(&app, &lawyer, "Boat crew held at sea").await;
    let person = |name: &str| json!({"kind": "person", "full_name": name});
    let (_, boss) = call(&c, Method::POST, app.url("/api/v1/parties"), Some(person("Captain Somsak Wongdee"))).await;
    let (_, victim) = call(&c, Method::POST, app.url("/api/v1/parties"), Some(person("Ko Ko Naing"))).await;
    for (p, role) in [(&boss, "perpetrator"), (&victim, "victim")] {
        let (s, v) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case}/parties")),
            Some(json!({"party_id": p["id"], "role": role})),
        )
        .await;
        assert_eq!(s, 201, "{v}");
    }
    let url = app.url(&format!("/api/v1/cases/{case}/proceedings"));

    // A defendant is a perpetrator of the case; a charge names its section.
    let body = |defendant: &serde_json::Value, section: &str| {
        json!({"kind": "criminal", "court": "Songkhla Provincial Court", "black_case_number": "อ.55/2569",
               "prosecutor": "Songkhla Provincial Prosecutor", "defendants": [defendant],
               "charges": [{"law": "atipa", "section": section}, {"law": "penal_code", "section": "312 bis"}]})
    };
    let (s, e) = call(&c, Method::POST, url.clone(), Some(body(&victim["id"], "6"))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("defendants[0]")), "{e}");
    let (s, e) = call(&c, Method::POST, url.clone(), Some(body(&boss["id"], " "))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("charges[0].section")), "{e}");
    let (s, p) = call(&c, Method::POST, url.clone(), Some(body(&boss["id"], "6"))).await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["defendants"][0]["party_id"], boss["id"]);
    assert_eq!(p["charges"].as_array().map(Vec::len), Some(2));
    let pid = p["id"].as_str().unwrap().to_string();

    // Hearings: a year typed in the Buddhist era is caught; one in ten days, one held last week.
    let events = app.url(&format!("/api/v1/proceedings/{pid}/events"));
    let (s, e) =
        call(&c, Method::POST, events.clone(), Some(json!({"kind": "hearing", "starts_at": "2569-06-11T09:30:00"})))
            .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("starts_at")), "{e}");
    let (s, next) = call(
        &c,
        Method::POST,
        events.clone(),
        Some(json!({"kind": "hearing", "starts_at": "2026-06-11T09:30:00", "place": "Courtroom 2"})),
    )
    .await;
    assert_eq!(s, 201, "{next}");
    let (s, held) = call(
        &c,
        Method::POST,
        events.clone(),
        Some(json!({"kind": "pretrial_deposition", "starts_at": "2026-05-25T10:00:00"})),
    )
    .await;
    assert_eq!(s, 201, "{held}");
    let (s, v) = call(
        &c,
        Method::PATCH,
        app.url(&format!("/api/v1/court-events/{}", held["id"].as_str().unwrap())),
        Some(json!({"outcome": "Deposition taken; the witness may go home"})),
    )
    .await;
    assert_eq!((s, v["outcome"].as_str()), (200, Some("Deposition taken; the witness may go home")), "{v}");
    let (s, v) =
        call(&c, Method::PATCH, app.url(&format!("/api/v1/proceedings/{pid}")), Some(json!({"status": "trial"}))).await;
    assert_eq!((s, v["status"].as_str(), v["events"].as_array().map(Vec::len)), (200, Some("trial"), Some(2)), "{v}");

    // To come: only the hearing ahead (the test clock stands on 2026-06-01).
    let (_, upcoming) = call(&c, Method::GET, app.url("/api/v1/hearings/upcoming"), None).await;
    let list = upcoming.as_array().unwrap();
    assert_eq!(list.len(), 1, "{upcoming}");
    assert_eq!(list[0]["event"]["id"], next["id"]);
    assert_eq!(list[0]["court"], "Songkhla Provincial Court");

    // Off the case: nothing.
    let o = app.login(&outsider).await;
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/proceedings/{pid}")), None).await;
    assert_eq!(s, 404);
    let (_, none) = call(&o, Method::GET, app.url("/api/v1/hearings/upcoming"), None).await;
    assert_eq!(none, json!([]));
    let (s, _) =
        call(&o, Method::POST, events, Some(json!({"kind": "hearing", "starts_at": "2026-06-12T09:00:00"}))).await;
    assert_eq!(s, 404);

    // A follow-up visit due in three weeks goes into the feed too.
    let (s, v) = call(
        &c,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case}/victims/{}/visits", victim["id"].as_str().unwrap())),
        Some(json!({"visited_on": "2026-05-20", "country": "MMR", "next_due_on": "2026-06-20"})),
    )
    .await;
    assert_eq!(s, 201, "{v}");

    // The calendar feed: the token is the credential; no names in it.
    let (s, feed) = call(&c, Method::POST, app.url("/api/v1/calendar/token"), None).await;
    assert_eq!(s, 201, "{feed}");
    let path = feed["path"].as_str().unwrap().to_string();
    let anonymous = reqwest::Client::new();
    let r = anonymous.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let ics = r.text().await.unwrap();
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("BEGIN:VEVENT") && unfolded.contains("DTSTART;TZID=Asia/Bangkok:20260611T093000"),
        "{ics}"
    );
    assert!(unfolded.contains("Songkhla Provincial Court"), "{ics}");
    assert!(unfolded.contains("Follow-up visit due") && unfolded.contains("DTSTART;VALUE=DATE:20260620"), "{ics}");
    for name in ["Somsak", "Ko Ko", "Naing", "Wongdee"] {
        assert!(!ics.contains(name), "the feed names no party: {ics}");
    }
    // Replaced: the old address is gone; stopped: so is the new one.
    let (_, again) = call(&c, Method::POST, app.url("/api/v1/calendar/token"), None).await;
    assert_eq!(anonymous.get(app.url(&path)).send().await.unwrap().status().as_u16(), 404);
    let newer = again["path"].as_str().unwrap().to_string();
    assert_eq!(anonymous.get(app.url(&newer)).send().await.unwrap().status().as_u16(), 200);
    let (s, _) = call(&c, Method::DELETE, app.url("/api/v1/calendar/token"), None).await;
    assert_eq!(s, 204);
    assert_eq!(anonymous.get(app.url(&newer)).send().await.unwrap().status().as_u16(), 404);
    assert_eq!(anonymous.get(app.url("/calendar/not-a-token.ics")).send().await.unwrap().status().as_u16(), 404);
}
