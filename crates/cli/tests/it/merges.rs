//! Merging and unmerging person records through the API: a merge keeps every record with its
//! provenance and case roles, unmerging restores them exactly, both are audited without names;
//! a user who cannot see a record cannot merge it; the auto-merge threshold is an administrator's,
//! validated, and never by default.

use reqwest::{Client, Method};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};

async fn post(app: &TestApp, c: &Client, path: &str, body: Value, want: u16) -> Value {
    let (s, v) = call(c, Method::POST, app.url(path), Some(body)).await;
    assert_eq!(s, want, "POST {path}: {v}");
    v
}

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    call(c, Method::GET, app.url(path), None).await
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}")).to_string()
}

/// Everything a merge must leave as it was: each record with its links, and the case's people.
async fn snapshot(app: &TestApp, c: &Client, parties: &[&str], case: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for p in parties {
        out.push(get(app, c, &format!("/api/v1/parties/{p}")).await.1);
        out.push(get(app, c, &format!("/api/v1/parties/{p}/links")).await.1);
        out.push(get(app, c, &format!("/api/v1/parties/{p}/records")).await.1["records"].clone());
    }
    out.push(get(app, c, &format!("/api/v1/cases/{case}/parties")).await.1);
    out
}

/// The audit entries of `action`, as an auditor reads them.
async fn audit(app: &TestApp, action: &str) -> Vec<Value> {
    let auditor = app.user(&format!("auditor-{}", uuid::Uuid::new_v4().simple()), Role::Auditor, None).await;
    let c = app.login(&auditor).await;
    let (s, page) = get(app, &c, "/api/v1/audit?limit=1000").await;
    assert_eq!(s, 200, "{page}");
    let items = page["items"].as_array().or(page.as_array()).cloned().unwrap_or_default();
    items
        .into_iter()
        .filter(|e| e["action"] == action)
        .map(|mut e| {
            e["detail"] = serde_json::from_str(e["detail"].as_str().unwrap_or("null")).unwrap_or(Value::Null);
            e
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_keeps_every_record_and_unmerging_restores_them_exactly() {
    for backend in backends() {
        merge_story(backend).await;
    }
}

async fn merge_story(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let sw = app.user("sw", Role::SocialWorker, None).await;
    let analyst = app.user("analyst", Role::Analyst, None).await;
    let i = app.login(&inv).await;
    let s = app.login(&sw).await;
    let a = app.login(&analyst).await;

    // The investigator's case: a recruiter and his phone.
    let case = id(&post(
        &app,
        &i,
        "/api/v1/cases",
        json!({"title": "Fishing boat, Songkhla", "tactics": ["perpetrator_identification"]}),
        201,
    )
    .await);
    post(&app, &i, &format!("/api/v1/cases/{case}/team"), json!({"user_id": analyst.id}), 200).await;
    let first = id(&post(
        &app,
        &i,
        "/api/v1/parties",
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee", "date_of_birth": "1979-04-12"}),
        201,
    )
    .await);
    post(
        &app,
        &i,
        &format!("/api/v1/cases/{case}/parties"),
        json!({"party_id": first, "role": "perpetrator", "role_in_process": ["recruiter_or_intermediary"]}),
        201,
    )
    .await;
    let phone = id(&post(&app, &i, "/api/v1/parties", json!({"kind": "phone", "number": "081 234 5678"}), 201).await);
    post(
        &app,
        &i,
        "/api/v1/links",
        json!({"from": first, "to": phone, "kind": "uses_phone", "source": "call_record", "confidence": "high"}),
        201,
    )
    .await;
    // The investigator's second record of him, as a witness in the same case.
    let second = id(&post(
        &app,
        &i,
        "/api/v1/parties",
        json!({"kind": "person", "full_name": "Somchay Jaidee", "nationality": "THA"}),
        201,
    )
    .await);
    post(&app, &i, &format!("/api/v1/cases/{case}/parties"), json!({"party_id": second, "role": "witness"}), 201).await;
    // The social worker's own record, which the investigator cannot see.
    let hidden =
        id(&post(&app, &s, "/api/v1/parties", json!({"kind": "person", "full_name": "Somchai J."}), 201).await);

    let before = snapshot(&app, &i, &[&first, &second, &phone], &case).await;

    // Not an analyst (read-only), and nothing changes.
    let (st, v) =
        call(&a, Method::POST, app.url("/api/v1/parties/merges"), Some(json!({"party_a": first, "party_b": second})))
            .await;
    assert_eq!(st, 403, "{v}");
    // A record the investigator cannot see is "not found", exactly like one that does not exist.
    let (st, refused) =
        call(&i, Method::POST, app.url("/api/v1/parties/merges"), Some(json!({"party_a": first, "party_b": hidden})))
            .await;
    assert_eq!(st, 404, "{refused}");
    let (st, unknown) = call(
        &i,
        Method::POST,
        app.url("/api/v1/parties/merges"),
        Some(json!({"party_a": first, "party_b": uuid::Uuid::now_v7()})),
    )
    .await;
    assert_eq!((st, &unknown), (404, &refused));
    // Not a person; the same record twice; a made-up field code in the explanation.
    let (st, v) =
        call(&i, Method::POST, app.url("/api/v1/parties/merges"), Some(json!({"party_a": first, "party_b": phone})))
            .await;
    assert_eq!((st, v["field"].as_str()), (422, Some("party_b")), "{v}");
    let (st, _) =
        call(&i, Method::POST, app.url("/api/v1/parties/merges"), Some(json!({"party_a": first, "party_b": first})))
            .await;
    assert_eq!(st, 422);
    let (st, v) = call(
        &i,
        Method::POST,
        app.url("/api/v1/parties/merges"),
        Some(json!({"party_a": first, "party_b": second, "why": [{"field": "Somchai", "level": "exact", "weight": 1.0}]})),
    )
    .await;
    assert_eq!((st, v["field"].as_str()), (422, Some("why[0].field")), "{v}");
    assert!(!v.to_string().contains("Somchai"), "{v}");
    assert_eq!(snapshot(&app, &i, &[&first, &second, &phone], &case).await, before, "refusals changed nothing");

    // Merged: both records, each with who recorded it where, and its roles.
    let merge = post(
        &app,
        &i,
        "/api/v1/parties/merges",
        json!({"party_a": first, "party_b": second, "probability": 0.93,
               "why": [{"field": "name", "level": "close", "weight": 4.2}, {"field": "date_of_birth", "level": "missing", "weight": 0.0}]}),
        201,
    )
    .await;
    assert_eq!(
        (merge["decision"].as_str(), merge["active"].as_bool(), merge["auto"].as_bool()),
        (Some("merged"), Some(true), Some(false))
    );
    assert_eq!(merge["explanation"][0]["field"], "name");
    let (st, person) = get(&app, &i, &format!("/api/v1/parties/{second}/records")).await;
    assert_eq!(st, 200, "{person}");
    let records = person["records"].as_array().unwrap();
    assert_eq!(
        records.iter().map(|r| r["party"]["id"].as_str().unwrap()).collect::<Vec<_>>(),
        [first.as_str(), second.as_str()]
    );
    for r in records {
        assert_eq!(r["organisation_name"], "Test Foundation");
        assert_eq!(r["recorded_by_name"], "inv");
        assert_eq!(r["party"]["created_by"], inv.id.to_string());
        assert_eq!(r["roles"][0]["case_id"], case);
    }
    assert_eq!(records[0]["roles"][0]["role"], "perpetrator");
    assert_eq!(records[0]["roles"][0]["role_in_process"], json!(["recruiter_or_intermediary"]));
    assert_eq!(records[1]["roles"][0]["role"], "witness");
    assert_eq!(person["decisions"].as_array().unwrap().len(), 1);
    // The analyst on the case sees the same person; the social worker does not see these records.
    let (st, seen) = get(&app, &a, &format!("/api/v1/parties/{first}/records")).await;
    assert_eq!((st, seen["records"].as_array().map(Vec::len)), (200, Some(2)));
    let (st, _) = get(&app, &s, &format!("/api/v1/parties/{first}/records")).await;
    assert_eq!(st, 404);
    // Already one person.
    let (st, v) =
        call(&i, Method::POST, app.url("/api/v1/parties/merges"), Some(json!({"party_a": second, "party_b": first})))
            .await;
    assert_eq!((st, v["error"].as_str()), (409, Some("already_same_person")));
    let (st, v) =
        call(&i, Method::POST, app.url("/api/v1/parties/distinct"), Some(json!({"party_a": second, "party_b": first})))
            .await;
    assert_eq!((st, v["error"].as_str()), (409, Some("same_person")));

    // Undone: everything is as before; the decision stays, undone.
    let merge_id = id(&merge);
    let (st, _) = call(&a, Method::POST, app.url(&format!("/api/v1/parties/merges/{merge_id}/undo")), None).await;
    assert_eq!(st, 403);
    let (st, _) = call(&s, Method::POST, app.url(&format!("/api/v1/parties/merges/{merge_id}/undo")), None).await;
    assert_eq!(st, 404);
    let undone = post(&app, &i, &format!("/api/v1/parties/merges/{merge_id}/undo"), json!({}), 200).await;
    assert_eq!(
        (undone["active"].as_bool(), undone["undone_by"].as_str()),
        (Some(false), Some(inv.id.to_string().as_str()))
    );
    let (st, v) = call(&i, Method::POST, app.url(&format!("/api/v1/parties/merges/{merge_id}/undo")), None).await;
    assert_eq!((st, v["error"].as_str()), (409, Some("already_undone")));
    assert_eq!(snapshot(&app, &i, &[&first, &second, &phone], &case).await, before);

    // Not the same person: recorded, and can be undone too.
    let distinct = post(&app, &i, "/api/v1/parties/distinct", json!({"party_a": first, "party_b": second}), 201).await;
    assert_eq!(distinct["decision"], "distinct");
    let (st, v) =
        call(&i, Method::POST, app.url("/api/v1/parties/merges"), Some(json!({"party_a": first, "party_b": second})))
            .await;
    assert_eq!((st, v["error"].as_str()), (409, Some("marked_distinct")));
    post(&app, &i, &format!("/api/v1/parties/merges/{}/undo", id(&distinct)), json!({}), 200).await;

    // Audited, with ids and no names.
    for action in ["party.merge", "party.unmerge", "party.distinct"] {
        let entries = audit(&app, action).await;
        assert!(!entries.is_empty(), "no {action} entry");
        for e in &entries {
            let text = e.to_string();
            for name in ["Somchai", "Somchay", "Jaidee"] {
                assert!(!text.contains(name), "{action}: {text}");
            }
        }
    }
    let merged = &audit(&app, "party.merge").await[0];
    assert_eq!(merged["detail"]["party_b"], second);
    assert_eq!(merged["detail"]["probability"], 0.93);
    assert_eq!(merged["detail"]["auto"], false);
    let refused = audit(&app, "access.refused").await;
    assert!(refused.iter().any(|e| e["entity_id"] == hidden), "the refused merge is audited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_auto_merge_threshold_is_set_by_an_administrator_and_validated() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let ad = app.login(&admin).await;
    let i = app.login(&inv).await;
    let path = "/api/v1/admin/settings/matching";

    let (st, v) = get(&app, &i, path).await;
    assert_eq!((st, &v), (200, &json!({"auto_merge_threshold": null})), "never by default");
    let (st, _) = call(&i, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": 0.9}))).await;
    assert_eq!(st, 403);
    for bad in [json!(0.3), json!(1.2), json!(-1), json!("high")] {
        let (st, v) = call(&ad, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": bad}))).await;
        assert_eq!((st, v["field"].as_str()), (422, Some("auto_merge_threshold")), "{bad}: {v}");
    }
    let (st, v) = call(&ad, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": 0.97}))).await;
    assert_eq!((st, &v), (200, &json!({"auto_merge_threshold": 0.97})));
    assert_eq!(get(&app, &i, path).await.1, json!({"auto_merge_threshold": 0.97}));
    let (st, _) = call(&ad, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": null}))).await;
    assert_eq!(st, 200);
    assert_eq!(get(&app, &ad, path).await.1, json!({"auto_merge_threshold": null}));
    let changes = audit(&app, "settings.auto_merge_threshold").await;
    assert_eq!(changes.len(), 2);
    assert!(changes.iter().any(|e| e["detail"] == json!({"from": 0.97, "to": null})), "{changes:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_queue_suggests_duplicates_and_auto_merge_waits_for_a_threshold() {
    for backend in backends() {
        queue_story(backend).await;
    }
}

async fn queue_story(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let i = app.login(&inv).await;
    let ad = app.login(&admin).await;
    let somchai =
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee", "date_of_birth": "1979-04-12"});
    let records_of = |p: String| {
        let (app, i) = (&app, &i);
        async move { get(app, i, &format!("/api/v1/parties/{p}/records")).await.1["records"].as_array().unwrap().len() }
    };

    // Never by default: a second record of the same man stays on its own, and is suggested.
    let a = id(&post(&app, &i, "/api/v1/parties", somchai.clone(), 201).await);
    let b = id(&post(
        &app,
        &i,
        "/api/v1/parties",
        json!({"kind": "person", "full_name": "Somchay Jaidee", "date_of_birth": "1979-04-12"}),
        201,
    )
    .await);
    post(
        &app,
        &i,
        "/api/v1/parties",
        json!({"kind": "person", "full_name": "Mya Thandar", "date_of_birth": "2001-01-01"}),
        201,
    )
    .await;
    assert_eq!(records_of(b.clone()).await, 1);
    let (st, queue) = get(&app, &i, "/api/v1/parties/duplicates?min=0.9").await;
    assert_eq!(st, 200, "{queue}");
    let pairs = queue.as_array().unwrap();
    assert_eq!(pairs.len(), 1, "{queue}");
    let pair = &pairs[0];
    let ids = [pair["a"]["id"].as_str().unwrap(), pair["b"]["id"].as_str().unwrap()];
    assert!(ids.contains(&a.as_str()) && ids.contains(&b.as_str()), "{pair}");
    let p = pair["probability"].as_f64().unwrap();
    assert!(p > 0.9 && p < 1.0, "{p}");
    let fields: Vec<&str> = pair["why"].as_array().unwrap().iter().map(|w| w["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"name") && fields.contains(&"date_of_birth"), "{fields:?}");
    // Bad filters; roles without records get an empty queue.
    assert_eq!(get(&app, &i, "/api/v1/parties/duplicates?min=2").await.0, 422);
    assert_eq!(get(&app, &i, "/api/v1/parties/duplicates?limit=0").await.0, 422);
    assert_eq!(get(&app, &ad, "/api/v1/parties/duplicates").await, (200, json!([])));

    // Not the same person: the pair leaves the queue, and comes back when that is undone.
    let distinct =
        post(&app, &i, "/api/v1/parties/distinct", json!({"party_a": a, "party_b": b, "probability": p}), 201).await;
    assert_eq!(get(&app, &i, "/api/v1/parties/duplicates?min=0.9").await.1, json!([]));
    post(&app, &i, &format!("/api/v1/parties/merges/{}/undo", id(&distinct)), json!({}), 200).await;
    assert_eq!(get(&app, &i, "/api/v1/parties/duplicates?min=0.9").await.1.as_array().unwrap().len(), 1);

    // Above the threshold only: at 0.999 the third record stays apart; at 0.99 the fourth joins
    // its best match, in the transaction that recorded it, in the creator's name.
    let path = "/api/v1/admin/settings/matching";
    let (st, _) = call(&ad, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": 0.999}))).await;
    assert_eq!(st, 200);
    let c = id(&post(&app, &i, "/api/v1/parties", somchai.clone(), 201).await);
    assert_eq!(records_of(c.clone()).await, 1, "below the threshold");
    let (st, _) = call(&ad, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": 0.99}))).await;
    assert_eq!(st, 200);
    let d = id(&post(&app, &i, "/api/v1/parties", somchai.clone(), 201).await);
    assert_eq!(records_of(d.clone()).await, 2, "merged automatically");
    let autos = audit(&app, "party.merge").await;
    assert_eq!(autos.len(), 1, "{autos:?}");
    assert_eq!(autos[0]["detail"]["auto"], true);
    assert_eq!(autos[0]["detail"]["party_a"], d);
    assert_eq!(autos[0]["actor_id"], inv.id.to_string());
    let person = get(&app, &i, &format!("/api/v1/parties/{d}/records")).await.1;
    assert_eq!(person["decisions"][0]["auto"], true);
    assert!(person["decisions"][0]["probability"].as_f64().unwrap() >= 0.99);
    // A phone is never merged.
    let phone = id(&post(&app, &i, "/api/v1/parties", json!({"kind": "phone", "number": "0812345678"}), 201).await);
    assert_eq!(records_of(phone).await, 1);

    // A survivor and a record with her name are suggested with both masked.
    let s = json!({"kind": "person", "given_name": "Nang", "family_name": "Noon", "date_of_birth": "2003-05-06", "survivor": true});
    post(&app, &i, "/api/v1/parties", s, 201).await;
    let (st, _) = call(&ad, Method::PUT, app.url(path), Some(json!({"auto_merge_threshold": null}))).await;
    assert_eq!(st, 200);
    post(
        &app,
        &i,
        "/api/v1/parties",
        json!({"kind": "person", "full_name": "Nang Noon", "date_of_birth": "2003-05-06"}),
        201,
    )
    .await;
    let queue = get(&app, &i, "/api/v1/parties/duplicates?min=0.5").await.1;
    let theirs: Vec<&Value> =
        queue.as_array().unwrap().iter().filter(|p| p["a"]["name"] == "N. N." || p["b"]["name"] == "N. N.").collect();
    assert_eq!(theirs.len(), 1, "{queue}");
    assert_eq!((&theirs[0]["a"]["name"], &theirs[0]["b"]["name"]), (&json!("N. N."), &json!("N. N.")));
    assert!(!queue.to_string().contains("Noon"), "{queue}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_merged_with_a_survivor_s_is_masked_wherever_it_shows_until_unmerged() {
    for backend in backends() {
        merged_survivor(backend).await;
    }
}

async fn merged_survivor(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = crate::web::api_case(&app, &inv, "Shelter intake, Chiang Rai").await;
    let c = app.login(&inv).await;
    let victim = crate::web::api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "full_name": "Naw Htoo Paw", "date_of_birth": "2007-05-01"}),
        "victim",
    )
    .await;
    // The same woman, recorded again as a witness in another case: not protected on its own.
    let other_case = crate::web::api_case(&app, &inv, "Garment workshop, Mae Sot").await;
    let again = crate::web::api_party(
        &app,
        &inv,
        &other_case,
        json!({"kind": "person", "full_name": "Naw Htoo Paw", "date_of_birth": "2007-05-01"}),
        "witness",
    )
    .await;
    let shows_name = |v: &Value| v.to_string().contains("Htoo");
    let (_, before) = get(&app, &c, &format!("/api/v1/parties/{again}")).await;
    assert!(shows_name(&before), "{before}");

    let merge = post(&app, &c, "/api/v1/parties/merges", json!({"party_a": victim, "party_b": again}), 201).await;
    let (_, party) = get(&app, &c, &format!("/api/v1/parties/{again}")).await;
    assert!(!shows_name(&party) && party["masked"] == true, "{party}");
    let (_, people) = get(&app, &c, &format!("/api/v1/cases/{other_case}/parties")).await;
    assert!(!shows_name(&people), "{people}");
    let (_, found) =
        call(&c, Method::POST, app.url("/api/v1/parties/search"), Some(json!({"q": "Naw Htoo Paw"}))).await;
    assert!(!shows_name(&found), "{found}");

    post(&app, &c, &format!("/api/v1/parties/merges/{}/undo", id(&merge)), json!({}), 200).await;
    let (_, after) = get(&app, &c, &format!("/api/v1/parties/{again}")).await;
    assert_eq!(after, before, "unmerging restores the record exactly");
}
