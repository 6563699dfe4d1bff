//! Engagement (issue 8): trainings with their knowledge tests and community education events are
//! the organisation's records. Lawyers, investigators and managers record them; every role that
//! works cases reads them; administrators, auditors and partner liaisons are refused (403); another
//! organisation sees none of them; the summary adds them up.

use reqwest::Method;
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trainings_and_events_are_recorded_read_and_summed_up() {
    for backend in backends() {
        engagement(backend).await;
    }
}

fn training(partner: &str) -> Value {
    json!({
        "title": "ATIPA and victim identification for the provincial court",
        "starts_on": "2026-05-12", "ends_on": "2026-05-13", "place": "Chiang Rai provincial court",
        "audience": {"judges": 12, "prosecutors": 6, "attorneys": 4, "police": 0, "social_workers": 2, "other": 1},
        "topics": ["trafficking_law", "victim_identification"],
        "trainers": ["Khun Suda (lawyer)", "Judge Anan (partner)"],
        "materials": [{"title": "ATIPA handbook", "link": "https://example.org/atipa.pdf"}, {"title": "Slides"}],
        "scores": [{"pre": 40, "post": 70}, {"pre": 55, "post": 80}, {"pre": 60, "post": 55}, {"pre": 45, "post": 75}],
        "partner_org_ids": [partner],
    })
}

async fn engagement(backend: Backend) {
    let app = spawn_app(backend).await;
    let lawyer = app.user("lawyer", Role::Lawyer, None).await;
    let social = app.user("social", Role::SocialWorker, None).await;
    let analyst = app.user("analyst", Role::Analyst, None).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let auditor = app.user("auditor", Role::Auditor, None).await;
    let partner_user = app.user("liaison", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let partner = app.partner_org.id.to_string();
    let c = app.login(&lawyer).await;

    // Bad input names the field, and nothing is kept.
    let url = app.url("/api/v1/trainings");
    for (change, field) in [
        (json!({"audience": {"judges": -1}}), "audience.judges"),
        (json!({"scores": [{"pre": 40, "post": 101}]}), "scores[0].post"),
        (json!({"starts_on": "2026-07-01", "ends_on": null}), "starts_on"),
        (json!({"ends_on": "2026-05-01"}), "ends_on"),
        (json!({"topics": []}), "topics"),
        (json!({"topics": ["astrology"]}), "topics[0]"),
        (json!({"partner_org_ids": [app.own_org.id]}), "partner_org_ids"),
        (json!({"partner_org_ids": [uuid::Uuid::now_v7()]}), "partner_org_ids"),
        (json!({"materials": [{"title": "x", "link": "ftp://example.org"}]}), "materials[0].link"),
    ] {
        let mut body = training(&partner);
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (s, e) = call(&c, Method::POST, url.clone(), Some(body)).await;
        assert_eq!((s, e["field"].as_str()), (422, Some(field)), "{change}: {e}");
    }
    let (s, listed) = call(&c, Method::GET, url.clone(), None).await;
    assert_eq!((s, listed), (200, json!([])));

    // Recorded: the change is computed from the pairs.
    let (s, t) = call(&c, Method::POST, url.clone(), Some(training(&partner))).await;
    assert_eq!(s, 201, "{t}");
    assert_eq!(t["participants"], 25);
    assert_eq!(t["partners"][0]["name"], "Provincial Police Unit");
    assert_eq!(t["scores"][2]["change"], -5.0);
    let k = &t["knowledge"];
    assert_eq!(
        (k["tested"].as_i64(), k["mean_pre"].as_f64(), k["mean_post"].as_f64()),
        (Some(4), Some(50.0), Some(70.0))
    );
    assert_eq!(
        (k["mean_change"].as_f64(), k["improved"].as_i64(), k["declined"].as_i64()),
        (Some(20.0), Some(3), Some(1))
    );
    let id = t["id"].as_str().unwrap().to_string();

    // A training recorded before its test after: no change yet; the scores are added later.
    let mut police = training(&partner);
    police["title"] = json!("Victim identification for the provincial police");
    police["starts_on"] = json!("2026-03-02");
    police["ends_on"] = json!(null);
    police["audience"] = json!({"police": 30, "other": 2});
    police["topics"] = json!(["victim_identification", "forced_labour"]);
    police["scores"] = json!([]);
    police["partner_org_ids"] = json!([]);
    let i = app.login(&inv).await;
    let (s, p) = call(&i, Method::POST, url.clone(), Some(police)).await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["knowledge"], Value::Null);
    assert_eq!(p["ends_on"], "2026-03-02");
    let pid = p["id"].as_str().unwrap().to_string();
    let purl = app.url(&format!("/api/v1/trainings/{pid}"));
    let (s, e) = call(&i, Method::PATCH, purl.clone(), Some(json!({"scores": [{"pre": -3, "post": 50}]}))).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("scores[0].pre")), "{e}");
    let (s, p) = call(
        &i,
        Method::PATCH,
        purl.clone(),
        Some(json!({"scores": [{"pre": 30, "post": 60}, {"pre": 50, "post": 70}]})),
    )
    .await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["knowledge"]["mean_change"], 25.0);
    assert_eq!(p["title"], "Victim identification for the provincial police", "the rest is kept");

    // A community event.
    let eurl = app.url("/api/v1/community-events");
    let event = json!({"title": "Safe migration talk", "held_on": "2026-05-20", "place": "Ban Huay Khrai school",
                       "audience": ["students", "parents"], "topics": ["safe_migration", "online_exploitation"],
                       "people_reached": 140, "online_reach": 2500, "partner_org_ids": [partner]});
    let mut bad = event.clone();
    bad["people_reached"] = json!(-4);
    let (s, e) = call(&c, Method::POST, eurl.clone(), Some(bad)).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("people_reached")), "{e}");
    let mut bad = event.clone();
    bad["audience"] = json!(["aliens"]);
    let (s, e) = call(&c, Method::POST, eurl.clone(), Some(bad)).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("audience[0]")), "{e}");
    let (s, ev) = call(&c, Method::POST, eurl.clone(), Some(event)).await;
    assert_eq!(s, 201, "{ev}");
    let ev_id = ev["id"].as_str().unwrap().to_string();
    let old = json!({"title": "Village meeting", "held_on": "2025-11-02", "place": "Mae Sai",
                     "audience": ["community"], "topics": ["trafficking_law"], "people_reached": 60});
    let (s, _) = call(&i, Method::POST, eurl.clone(), Some(old)).await;
    assert_eq!(s, 201);

    // The summary of 2026: two trainings (57 people), the pooled knowledge gain, one event.
    let (s, sum) =
        call(&c, Method::GET, app.url("/api/v1/engagement/summary?from=2026-01-01&to=2026-12-31"), None).await;
    assert_eq!(s, 200, "{sum}");
    assert_eq!((sum["trainings"].as_i64(), sum["people_trained_total"].as_i64()), (Some(2), Some(57)));
    assert_eq!(sum["people_trained"]["police"], 30);
    assert_eq!(sum["people_trained"]["judges"], 12);
    // Six participants tested: (30 + 25 - 5 + 30 + 30 + 20) / 6 = 130 / 6 = 21.7.
    assert_eq!((sum["knowledge"]["tested"].as_i64(), sum["knowledge"]["mean_change"].as_f64()), (Some(6), Some(21.7)));
    assert_eq!(
        (sum["events"].as_i64(), sum["people_reached"].as_i64(), sum["online_reach"].as_i64()),
        (Some(1), Some(140), Some(2500))
    );
    let topic = |name: &str| sum["by_topic"].as_array().unwrap().iter().find(|t| t["topic"] == name).cloned();
    let vi = topic("victim_identification").unwrap();
    assert_eq!((vi["trainings"].as_i64(), vi["people_trained"].as_i64()), (Some(2), Some(57)));
    assert_eq!(topic("safe_migration").unwrap()["people_reached"], 140);
    assert!(topic("trafficking_law").unwrap()["events"] == 0, "the 2025 event is outside the period");
    // The whole time, and a period the wrong way round.
    let (_, all) = call(&c, Method::GET, app.url("/api/v1/engagement/summary"), None).await;
    assert_eq!((all["events"].as_i64(), all["people_reached"].as_i64()), (Some(2), Some(200)));
    let (s, e) = call(&c, Method::GET, app.url("/api/v1/engagement/summary?from=2026-05-01&to=2026-04-01"), None).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("to")), "{e}");
    let (_, may) = call(&c, Method::GET, app.url("/api/v1/trainings?from=2026-05-01"), None).await;
    assert_eq!(may.as_array().unwrap().len(), 1);

    // Social workers and analysts read, and may not record.
    for u in [&social, &analyst] {
        let r = app.login(u).await;
        let (s, got) = call(&r, Method::GET, app.url(&format!("/api/v1/trainings/{id}")), None).await;
        assert_eq!((s, got["knowledge"]["mean_change"].as_f64()), (200, Some(20.0)), "{}", u.username);
        let (s, _) = call(&r, Method::GET, app.url(&format!("/api/v1/community-events/{ev_id}")), None).await;
        assert_eq!(s, 200);
        let (s, _) = call(&r, Method::POST, url.clone(), Some(training(&partner))).await;
        assert_eq!(s, 403, "{}", u.username);
        let (s, _) = call(&r, Method::PATCH, purl.clone(), Some(json!({"title": "x"}))).await;
        assert_eq!(s, 403, "{}", u.username);
    }
    // Administrators, auditors and partner liaisons: 403, reading too.
    for u in [&admin, &auditor, &partner_user] {
        let r = app.login(u).await;
        for path in
            ["/api/v1/trainings".to_string(), format!("/api/v1/trainings/{id}"), "/api/v1/engagement/summary".into()]
        {
            let (s, e) = call(&r, Method::GET, app.url(&path), None).await;
            assert_eq!((s, e["error"].as_str()), (403, Some("forbidden")), "{} {path}", u.username);
        }
        let body = json!({"title": "Talk", "held_on": "2026-05-20", "place": "Mae Sai", "audience": ["community"],
                          "topics": ["other"], "people_reached": 10});
        let (s, _) = call(&r, Method::POST, eurl.clone(), Some(body)).await;
        assert_eq!(s, 403, "{}", u.username);
    }

    // Another organisation: sees nothing, and a record of ours is "not found" (and audited).
    let elsewhere = app.user("elsewhere", Role::Manager, None).await;
    let own = app.own_org.id;
    let moved = elsewhere.id;
    app.with_store(move |s| {
        use counternet_domain::org::NewOrganisation;
        use counternet_domain::vocab::OrganisationType;
        use counternet_store::schema::users;
        use diesel::prelude::*;
        let system = counternet_domain::Actor::system(own);
        let org = s
            .write(Some(&system), |tx| {
                counternet_store::orgs::create_partner(
                    tx,
                    &system,
                    NewOrganisation {
                        name: "Mekong Survivors Network".into(),
                        org_type: OrganisationType::Ngo,
                        country: "LAO".into(),
                    },
                )
            })
            .unwrap();
        let mut conn = s.connection().unwrap();
        diesel::update(users::table.find(moved.to_string()))
            .set(users::org_id.eq(org.id.to_string()))
            .execute(&mut *conn)
            .unwrap();
    })
    .await;
    let o = app.login(&elsewhere).await;
    let (s, list) = call(&o, Method::GET, url.clone(), None).await;
    assert_eq!((s, list), (200, json!([])));
    let (s, list) = call(&o, Method::GET, eurl.clone(), None).await;
    assert_eq!((s, list), (200, json!([])));
    let (_, sum) = call(&o, Method::GET, app.url("/api/v1/engagement/summary"), None).await;
    assert_eq!(
        (sum["trainings"].as_i64(), sum["events"].as_i64(), sum["knowledge"].clone()),
        (Some(0), Some(0), Value::Null)
    );
    let (s, e) = call(&o, Method::GET, app.url(&format!("/api/v1/trainings/{id}")), None).await;
    let (s2, e2) = call(&o, Method::GET, app.url(&format!("/api/v1/trainings/{}", uuid::Uuid::now_v7())), None).await;
    assert_eq!((s, &e), (s2, &e2), "refused exactly like a training that does not exist");
    assert_eq!(s, 404);
    let (s, _) = call(&o, Method::PATCH, purl.clone(), Some(json!({"title": "Ours now"}))).await;
    assert_eq!(s, 404);

    // Audited: each record and change, and the refusals.
    let actions: Vec<String> = app
        .with_store(|s| {
            use counternet_store::schema::audit_log;
            use diesel::prelude::*;
            let mut conn = s.connection().unwrap();
            audit_log::table.select(audit_log::action).order(audit_log::seq.asc()).load(&mut *conn).unwrap()
        })
        .await;
    let n = |a: &str| actions.iter().filter(|x| *x == a).count();
    assert_eq!((n("training.create"), n("training.update"), n("community_event.create")), (2, 1, 2));
    assert!(n("access.refused") >= 2, "{actions:?}");
    assert!(n("access.forbidden") >= 9);
    assert!(app.with_store(|s| s.verify_audit().unwrap()).await.is_ok());
}
