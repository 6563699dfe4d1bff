//! The conformance story: the same user journey on every backend.

use reqwest::Method;
use serde_json::json;

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_from_opening_to_links_on_every_backend() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let inv = app.user("somsri", Role::Investigator, None).await;
        let colleague = app.user("anong", Role::SocialWorker, None).await;
        let c = app.login(&inv).await;

        // Open a case with a trafficking event.
        let (s, case) = call(
            &c,
            Method::POST,
            app.url("/api/v1/cases"),
            Some(json!({
                "title": "Fishing boat, Songkhla",
                "tactics": ["victim_identification", "asset_seizure"],
                "exploitation_types": ["forced_labour"],
                "events": [{"stage": "recruitment", "occurred_on": "2025-03-01", "country": "mmr",
                            "recruitment_method": "online_social_networks", "apps": ["Facebook"]}]
            })),
        )
        .await;
        assert_eq!(s, 201, "{backend:?}: {case}");
        let case_id = case["id"].as_str().unwrap().to_string();
        assert!(case["reference"].as_str().unwrap().starts_with("CN-2026-"));

        // The team grows; the case shows its team and event.
        let (s, team) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case_id}/team")),
            Some(json!({"user_id": colleague.id})),
        )
        .await;
        assert_eq!(s, 200, "{team}");
        assert_eq!(team.as_array().unwrap().len(), 2);
        let (s, detail) = call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case_id}")), None).await;
        assert_eq!(s, 200);
        assert_eq!(detail["events"][0]["country"], "MMR");
        assert_eq!(detail["team"].as_array().unwrap().len(), 2);

        // A victim and a perpetrator with a phone.
        let (s, victim) = call(
            &c,
            Method::POST,
            app.url("/api/v1/parties"),
            Some(
                json!({"kind": "person", "given_name": "Mya", "family_name": "Thandar", "date_of_birth": "2010-02-03"}),
            ),
        )
        .await;
        assert_eq!(s, 201, "{victim}");
        let victim_id = victim["id"].as_str().unwrap().to_string();
        let (_, perp) = call(
            &c,
            Method::POST,
            app.url("/api/v1/parties"),
            Some(json!({"kind": "person", "full_name": "Boss Chai"})),
        )
        .await;
        let perp_id = perp["id"].as_str().unwrap().to_string();
        let (s, phone) = call(
            &c,
            Method::POST,
            app.url("/api/v1/parties"),
            Some(json!({"kind": "phone", "number": "081 234 5678"})),
        )
        .await;
        assert_eq!(s, 201);
        assert_eq!(phone["identifier"], "+66812345678");
        let phone_id = phone["id"].as_str().unwrap().to_string();

        let (s, role) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case_id}/parties")),
            Some(json!({"party_id": victim_id, "role": "victim"})),
        )
        .await;
        assert_eq!(s, 201, "{role}");
        // From now on the victim's identity is masked: initials and an age band.
        assert_eq!(role["party"]["name"], "M. T.");
        assert_eq!(role["party"]["given_name"], serde_json::Value::Null);
        assert_eq!(role["party"]["age_band"], "15-17");
        let (s, _) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case_id}/parties")),
            Some(json!({"party_id": perp_id, "role": "perpetrator", "role_in_process": ["recruiter_or_intermediary"]})),
        )
        .await;
        assert_eq!(s, 201);
        let (s, again) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case_id}/parties")),
            Some(json!({"party_id": perp_id, "role": "perpetrator"})),
        )
        .await;
        assert_eq!(s, 409, "{again}");

        // Links: the perpetrator uses the phone and recruited the victim.
        for (from, to, kind) in [(&perp_id, &phone_id, "uses_phone"), (&perp_id, &victim_id, "recruited")] {
            let (s, link) = call(
                &c,
                Method::POST,
                app.url("/api/v1/links"),
                Some(json!({"from": from, "to": to, "kind": kind, "source": "interview", "confidence": "high",
                            "starts_on": "2025-03-01", "case_id": case_id})),
            )
            .await;
            assert_eq!(s, 201, "{link}");
        }
        let (s, links) = call(&c, Method::GET, app.url(&format!("/api/v1/parties/{perp_id}/links")), None).await;
        assert_eq!(s, 200);
        assert_eq!(links.as_array().unwrap().len(), 2);

        // Reveal shows the name, and is audited.
        let (s, shown) =
            call(&c, Method::GET, app.url(&format!("/api/v1/parties/{victim_id}?reveal=true")), None).await;
        assert_eq!(s, 200);
        assert_eq!(shown["given_name"], "Mya");
        assert_eq!(shown["masked"], false);

        // Notes and tasks.
        let (s, _) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case_id}/notes")),
            Some(json!({"body": "Met at shelter."})),
        )
        .await;
        assert_eq!(s, 201);
        let (s, task) = call(
            &c,
            Method::POST,
            app.url(&format!("/api/v1/cases/{case_id}/tasks")),
            Some(json!({"title": "Request bank records", "due_on": "2026-06-15", "assignee_id": colleague.id})),
        )
        .await;
        assert_eq!(s, 201, "{task}");
        let task_id = task["id"].as_str().unwrap();
        let (s, done) = call(
            &c,
            Method::PATCH,
            app.url(&format!("/api/v1/cases/{case_id}/tasks/{task_id}")),
            Some(json!({"done": true})),
        )
        .await;
        assert_eq!(s, 200);
        assert!(done["done_at"].is_string());

        // The colleague sees their open tasks across cases, dated ones first.
        for (title, due) in [("Undated follow-up", None), ("Visit the shelter", Some("2026-06-03"))] {
            let (s, _) = call(
                &c,
                Method::POST,
                app.url(&format!("/api/v1/cases/{case_id}/tasks")),
                Some(json!({"title": title, "due_on": due, "assignee_id": colleague.id})),
            )
            .await;
            assert_eq!(s, 201);
        }
        let cc = app.login(&colleague).await;
        let (s, mine) = call(&cc, Method::GET, app.url("/api/v1/tasks"), None).await;
        assert_eq!(s, 200);
        let titles: Vec<&str> = mine.as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Visit the shelter", "Undated follow-up"], "{backend:?}: done tasks are not listed");

        // Update, list and filter.
        let (s, upd) =
            call(&c, Method::PATCH, app.url(&format!("/api/v1/cases/{case_id}")), Some(json!({"status": "follow_up"})))
                .await;
        assert_eq!(s, 200, "{upd}");
        assert_eq!(upd["status"], "follow_up");
        let (s, page) =
            call(&c, Method::GET, app.url("/api/v1/cases?status=follow_up&tactic=asset_seizure"), None).await;
        assert_eq!(s, 200);
        assert_eq!(page["total"], 1);
        let (_, page) = call(&c, Method::GET, app.url("/api/v1/cases?status=closed"), None).await;
        assert_eq!(page["total"], 0);
        let (_, page) = call(&c, Method::GET, app.url("/api/v1/cases?q=songkhla"), None).await;
        assert_eq!(page["total"], 1);

        // Everything above is in a verifiable audit chain, including the reveal.
        let verified = app.with_store(|s| s.verify_audit().unwrap()).await.expect("chain verifies");
        assert!(verified.entries >= 12, "{verified:?}");
        let reveals = app
            .with_store(move |s| {
                use counternet_store::schema::audit_log;
                use diesel::prelude::*;
                let mut conn = s.connection().unwrap();
                audit_log::table
                    .filter(audit_log::action.eq("party.reveal"))
                    .filter(audit_log::entity_id.eq(victim_id))
                    .count()
                    .get_result::<i64>(&mut *conn)
                    .unwrap()
            })
            .await;
        assert_eq!(reveals, 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_names_the_field_and_leaves_nothing_behind() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let inv = app.user("somchai", Role::Investigator, None).await;
        let c = app.login(&inv).await;

        let (s, e) = call(&c, Method::POST, app.url("/api/v1/cases"), Some(json!({"summary": "no title"}))).await;
        assert_eq!((s, e["error"].as_str(), e["field"].as_str()), (422, Some("validation_failed"), Some("title")));

        let (s, e) = call(
            &c,
            Method::POST,
            app.url("/api/v1/cases"),
            Some(json!({"title": "t", "exploitation_types": ["forced_labour", "slavery_typo"]})),
        )
        .await;
        assert_eq!((s, e["field"].as_str()), (422, Some("exploitation_types[1]")));
        // The unknown code is not echoed (a value can be anything); the expected codes are listed.
        assert!(!e["message"].as_str().unwrap().contains("slavery_typo"));
        assert!(e["message"].as_str().unwrap().contains("forced_labour"), "{e}");

        // An event in the future: the case itself must not be half-created.
        let (s, e) = call(
            &c,
            Method::POST,
            app.url("/api/v1/cases"),
            Some(json!({"title": "t", "events": [{"stage": "transit", "occurred_on": "2099-01-01"}]})),
        )
        .await;
        assert_eq!((s, e["field"].as_str()), (422, Some("events[0].occurred_on")));
        assert_eq!(count_cases(&app).await, 0);

        let r = c
            .post(app.url("/api/v1/cases"))
            .header("content-type", "application/json")
            .body("{\"title\": \"t\",\n  oops}")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let e: serde_json::Value = r.json().await.unwrap();
        assert_eq!(e["error"], "invalid_json");
        assert!(e["message"].as_str().unwrap().contains("line 2"), "{e}");

        // Values never come back in an error body.
        let (s, e) = call(
            &c,
            Method::POST,
            app.url("/api/v1/parties"),
            Some(json!({"kind": "person", "given_name": "Nang Seng", "date_of_birth": "Nang Seng"})),
        )
        .await;
        assert_eq!((s, e["field"].as_str()), (422, Some("date_of_birth")));
        assert!(!e.to_string().contains("Nang Seng"), "{e}");

        let (s, e) = call(
            &c,
            Method::POST,
            app.url("/api/v1/parties"),
            Some(json!({"kind": "person", "given_name": "Aye", "date_of_birth": "2027-01-01"})),
        )
        .await;
        assert_eq!((s, e["field"].as_str()), (422, Some("date_of_birth")), "{e}");

        let (s, e) =
            call(&c, Method::POST, app.url("/api/v1/links"), Some(json!({"to": inv.id, "kind": "family"}))).await;
        assert_eq!((s, e["field"].as_str()), (422, Some("from")), "{e}");
        assert_eq!(count_cases(&app).await, 0);
    }
}

async fn count_cases(app: &crate::support::TestApp) -> i64 {
    app.with_store(|s| {
        use diesel::prelude::*;
        let mut conn = s.connection().unwrap();
        counternet_store::schema::cases::table.count().get_result::<i64>(&mut *conn).unwrap()
    })
    .await
}
