//! Intake, screening and identification, and perpetrators, through the API and the case page: how
//! a case came in (each route, each refusal naming its field), screenings recorded with their advice
//! that never change the deciding body's decision, and perpetrators' standing with the law.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp, TestUser};
use crate::web::{alert, api_case, api_party, csrf, get, post, sign_in};

async fn add_to_team(app: &TestApp, by: &TestUser, case_id: &str, user: &TestUser) {
    let c = app.login(by).await;
    let (s, body) =
        call(&c, Method::POST, app.url(&format!("/api/v1/cases/{case_id}/team")), Some(json!({"user_id": user.id})))
            .await;
    assert_eq!(s, 200, "{body}");
}

async fn post_json(app: &TestApp, c: &reqwest::Client, path: &str, body: Value) -> (u16, Value) {
    call(c, Method::POST, app.url(path), Some(body)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intakes_record_each_route_and_refuse_naming_the_field() {
    for backend in backends() {
        intakes(backend).await;
    }
}

async fn intakes(backend: Backend) {
    let app = spawn_app(backend).await;
    let police = app.partner_org.id;
    let inv = app.user("inv", Role::Investigator, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let case_id = api_case(&app, &inv, "Karaoke bar in Hat Yai").await;
    add_to_team(&app, &inv, &case_id, &analyst).await;
    let i = app.login(&inv).await;
    let path = format!("/api/v1/cases/{case_id}/intakes");

    let (s, r) = post_json(
        &app,
        &i,
        &path,
        json!({"route": "police_referral", "received_on": "2026-05-02", "organisation_id": police,
               "officer_name": "Pol. Lt. Somchai", "their_reference": "HY-2026-118"}),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["organisation_name"], "Provincial Police Unit");
    let (s, r) = post_json(
        &app,
        &i,
        &path,
        json!({"route": "own_investigation", "received_on": "2026-05-03", "passed_to_org_id": police,
               "passed_on": "2026-05-10"}),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["passed_to_name"], "Provincial Police Unit");
    let (s, r) = post_json(&app, &i, &path, json!({"route": "hotline", "received_on": "2026-05-04"})).await;
    assert_eq!(s, 201, "{r}");
    let (s, r) = post_json(
        &app,
        &i,
        &path,
        json!({"route": "partner_ngo", "received_on": "2026-05-05", "organisation_id": police,
               "notes": "Came through the shelter's outreach"}),
    )
    .await;
    assert_eq!(s, 201, "{r}");

    // Each refusal names its field.
    for (body, field, code) in [
        (json!({"route": "police_referral", "received_on": "2026-05-02"}), "organisation_id", "names the police unit"),
        (json!({"route": "partner_ngo", "received_on": "2026-05-02"}), "organisation_id", "names the police unit"),
        (
            json!({"route": "hotline", "received_on": "2026-05-02", "organisation_id": police}),
            "organisation_id",
            "only a police or partner referral",
        ),
        (json!({"route": "hotline", "received_on": "2026-06-05"}), "received_on", "future"),
        (
            json!({"route": "own_investigation", "received_on": "2026-05-02", "passed_to_org_id": police}),
            "passed_on",
            "say when",
        ),
        (
            json!({"route": "own_investigation", "received_on": "2026-05-02", "passed_on": "2026-05-03"}),
            "passed_to_org_id",
            "name the unit",
        ),
        (
            json!({"route": "own_investigation", "received_on": "2026-05-02", "passed_to_org_id": police,
                   "passed_on": "2026-05-01"}),
            "passed_on",
            "before the day the case came in",
        ),
        (
            json!({"route": "police_referral", "received_on": "2026-05-02", "organisation_id": app.own_org.id}),
            "organisation_id",
            "must be a partner organisation",
        ),
        (
            json!({"route": "police_referral", "received_on": "2026-05-02",
                   "organisation_id": "00000000-0000-0000-0000-000000000001"}),
            "organisation_id",
            "not a registered organisation",
        ),
    ] {
        let (s, e) = post_json(&app, &i, &path, body.clone()).await;
        assert_eq!(s, 422, "{body} -> {e}");
        assert_eq!(
            (e["field"].as_str(), e["error"].as_str()),
            (Some(field), Some("validation_failed")),
            "{body} -> {e}"
        );
        assert!(e["message"].as_str().unwrap().contains(code), "{body} -> {e}");
    }

    let (_, v) = call(&i, Method::GET, app.url("/api/v1/vocabularies"), None).await;
    assert_eq!(v["intake_routes"], json!(["police_referral", "own_investigation", "hotline", "partner_ngo"]));
    assert_eq!(v["trafficking_statuses"], json!(["possible", "actual", "not"]));
    let (s, list) = call(&i, Method::GET, app.url(&path), None).await;
    assert_eq!(s, 200);
    let routes: Vec<&str> = list.as_array().unwrap().iter().map(|x| x["route"].as_str().unwrap()).collect();
    assert_eq!(routes, ["police_referral", "own_investigation", "hotline", "partner_ngo"]);

    // Someone outside the team sees nothing, as if there were no case; an analyst reads, not writes.
    let o = app.login(&other).await;
    let (s, _) = call(&o, Method::GET, app.url(&path), None).await;
    assert_eq!(s, 404);
    let (s, _) = post_json(&app, &o, &path, json!({"route": "hotline", "received_on": "2026-05-04"})).await;
    assert_eq!(s, 404);
    let a = app.login(&analyst).await;
    let (s, _) = call(&a, Method::GET, app.url(&path), None).await;
    assert_eq!(s, 200);
    let (s, _) = post_json(&app, &a, &path, json!({"route": "hotline", "received_on": "2026-05-04"})).await;
    assert_eq!(s, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_screening_never_changes_the_deciding_bodys_decision() {
    for backend in backends() {
        screening_and_decision(backend).await;
    }
}

async fn screening_and_decision(backend: Backend) {
    let app = spawn_app(backend).await;
    let sw = app.user("sw", Role::SocialWorker, None).await;
    let other = app.user("other", Role::SocialWorker, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let case_id = api_case(&app, &sw, "Fishing boat off Songkhla").await;
    add_to_team(&app, &sw, &case_id, &analyst).await;
    let victim = api_party(
        &app,
        &sw,
        &case_id,
        json!({"kind": "person", "given_name": "Aung", "family_name": "Min", "date_of_birth": "2008-09-01",
               "survivor": true}),
        "victim",
    )
    .await;
    let w = app.login(&sw).await;
    let (s, _) = post_json(
        &app,
        &w,
        &format!("/api/v1/cases/{case_id}/events"),
        json!({"stage": "exploitation", "occurred_on": "2026-03-01", "place": "Songkhla"}),
    )
    .await;
    assert_eq!(s, 201);
    let screenings = format!("/api/v1/cases/{case_id}/screenings");
    let decisions = format!("/api/v1/cases/{case_id}/decisions");

    // The age comes from the date of birth and the exploitation's date: 17, a child, no means needed.
    let (s, first) = post_json(
        &app,
        &w,
        &screenings,
        json!({"party_id": victim, "age_at_exploitation": 25, "acts": ["recruitment", "transportation"],
               "purposes": ["forced_labour"], "indicators": ["debt_bondage", "isolation"]}),
    )
    .await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first["age_source"], "date_of_birth");
    assert_eq!(first["age_at_exploitation"], 17.0, "whole years: {first}");
    assert_eq!(first["result"]["trafficking_indicated"], true, "{first}");
    assert_eq!(first["result"]["child"], true);
    assert_eq!(first["answers"]["acts"], json!(["recruitment", "transportation"]));
    assert!(first["answers"].get("age_source").is_none());

    // The deciding body decides.
    let (s, d) = post_json(
        &app,
        &w,
        &decisions,
        json!({"party_id": victim, "status": "actual", "deciding_body": "government",
               "decided_by": "Songkhla provincial MDT", "mdt_date": "2026-05-20", "decided_on": "2026-05-20"}),
    )
    .await;
    assert_eq!(s, 201, "{d}");
    assert_eq!(d["current"], true);

    // A later screening with other answers (an estimate, no person) advises otherwise...
    let (s, later) =
        post_json(&app, &w, &screenings, json!({"age_at_exploitation": 30, "acts": ["recruitment"]})).await;
    assert_eq!(s, 201, "{later}");
    assert_eq!(later["age_source"], "estimate");
    assert_eq!(later["result"]["trafficking_indicated"], false);
    // ...and the decision stands, unchanged; the first advice too.
    let (_, list) = call(&w, Method::GET, app.url(&decisions), None).await;
    assert_eq!(list, json!([d]));
    let (_, all) = call(&w, Method::GET, app.url(&screenings), None).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(all[1], first, "the first advice is kept as it was given");

    // A later decision supersedes: history kept, the latest is current.
    let (s, d2) = post_json(
        &app,
        &w,
        &decisions,
        json!({"party_id": victim, "status": "not", "deciding_body": "court_or_prosecution",
               "decided_by": "Songkhla Provincial Court", "decided_on": "2026-05-28"}),
    )
    .await;
    assert_eq!(s, 201, "{d2}");
    let (_, list) = call(&w, Method::GET, app.url(&decisions), None).await;
    let current: Vec<(&str, bool)> =
        list.as_array().unwrap().iter().map(|x| (x["status"].as_str().unwrap(), x["current"] == true)).collect();
    assert_eq!(current, [("not", true), ("actual", false)]);

    // Refusals name their field.
    for (path, body, field, code) in [
        (
            &decisions,
            json!({"party_id": victim, "status": "actual", "deciding_body": "police", "decided_by": " ",
                            "decided_on": "2026-05-20"}),
            "decided_by",
            "must not be empty",
        ),
        (
            &decisions,
            json!({"party_id": victim, "status": "actual", "deciding_body": "police", "decided_by": "X",
                            "decided_on": "2026-06-09"}),
            "decided_on",
            "future",
        ),
        (
            &decisions,
            json!({"party_id": victim, "status": "actual", "deciding_body": "police", "decided_by": "X",
                            "mdt_date": "2026-06-09", "decided_on": "2026-05-09"}),
            "mdt_date",
            "future",
        ),
        (
            &decisions,
            json!({"party_id": victim, "status": "actual", "deciding_body": "police", "decided_by": "X",
                            "mdt_date": "2026-05-10", "decided_on": "2026-05-09"}),
            "mdt_date",
            "before or on the day of the decision",
        ),
        (
            &decisions,
            json!({"party_id": "00000000-0000-0000-0000-000000000001", "status": "actual",
                            "deciding_body": "police", "decided_by": "X", "decided_on": "2026-05-09"}),
            "party_id",
            "not a person in this case",
        ),
        (&screenings, json!({"means": ["bribery"]}), "means[0]", "unknown means code \"bribery\""),
        (&screenings, json!({"age_at_exploitation": -1}), "age_at_exploitation", "negative"),
        (&screenings, json!({"party_id": "nope"}), "party_id", "must be a party id"),
    ] {
        let (s, e) = post_json(&app, &w, path, body.clone()).await;
        assert_eq!(s, 422, "{body} -> {e}");
        assert_eq!(
            (e["field"].as_str(), e["error"].as_str()),
            (Some(field), Some("validation_failed")),
            "{body} -> {e}"
        );
        assert!(e["message"].as_str().unwrap().contains(code), "{body} -> {e}");
    }
    let (s, e) = post_json(&app, &w, &screenings, json!({"secret_name": "Aung"})).await;
    assert_eq!(s, 422);
    assert!(!e.to_string().contains("secret_name"), "an unknown field's name is withheld: {e}");

    // Outside the team: 404; an analyst reads but may not screen or decide.
    let o = app.login(&other).await;
    for path in [&screenings, &decisions] {
        let (s, _) = call(&o, Method::GET, app.url(path), None).await;
        assert_eq!(s, 404);
    }
    let a = app.login(&analyst).await;
    let (s, _) = call(&a, Method::GET, app.url(&screenings), None).await;
    assert_eq!(s, 200);
    let (s, _) = post_json(&app, &a, &screenings, json!({"acts": ["recruitment"]})).await;
    assert_eq!(s, 403);
    let (s, _) = post_json(
        &app,
        &a,
        &decisions,
        json!({"party_id": victim, "status": "actual", "deciding_body": "police", "decided_by": "X",
               "decided_on": "2026-05-09"}),
    )
    .await;
    assert_eq!(s, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_perpetrators_standing_is_a_history_with_the_unit_handling_them() {
    for backend in backends() {
        perpetrators(backend).await;
    }
}

async fn perpetrators(backend: Backend) {
    let app = spawn_app(backend).await;
    let police = app.partner_org.id;
    let inv = app.user("inv", Role::Investigator, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let case_id = api_case(&app, &inv, "Recruiter in Mae Sot").await;
    add_to_team(&app, &inv, &case_id, &analyst).await;
    let broker = api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "Ko Zaw"}), "perpetrator").await;
    let witness = api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "Ma Hla"}), "witness").await;
    let i = app.login(&inv).await;
    let path = format!("/api/v1/cases/{case_id}/perpetrator-statuses");

    let (s, first) = post_json(
        &app,
        &i,
        &path,
        json!({"party_id": broker, "roles": ["recruiter_or_intermediary", "transporter"], "status": "suspected",
               "on_date": "2026-04-01"}),
    )
    .await;
    assert_eq!(s, 201, "{first}");
    let (s, arrested) = post_json(
        &app,
        &i,
        &path,
        json!({"party_id": broker, "roles": ["recruiter_or_intermediary"], "status": "arrested",
               "unit_org_id": police, "on_date": "2026-05-15"}),
    )
    .await;
    assert_eq!(s, 201, "{arrested}");
    assert_eq!(arrested["unit_name"], "Provincial Police Unit");
    let (_, list) = call(&i, Method::GET, app.url(&path), None).await;
    let history: Vec<(&str, bool)> =
        list.as_array().unwrap().iter().map(|x| (x["status"].as_str().unwrap(), x["current"] == true)).collect();
    assert_eq!(history, [("arrested", true), ("suspected", false)]);

    for (body, field, code) in [
        (
            json!({"party_id": broker, "status": "arrested", "on_date": "2026-05-15"}),
            "unit_org_id",
            "name the law-enforcement unit",
        ),
        (json!({"party_id": broker, "status": "charged", "on_date": "2026-06-15"}), "on_date", "future"),
        (json!({"party_id": witness, "status": "suspected", "on_date": "2026-05-15"}), "party_id", "not a perpetrator"),
        (
            json!({"party_id": broker, "status": "charged", "on_date": "2026-05-15", "unit_org_id": app.own_org.id}),
            "unit_org_id",
            "must be a partner organisation",
        ),
    ] {
        let (s, e) = post_json(&app, &i, &path, body.clone()).await;
        assert_eq!(s, 422, "{body} -> {e}");
        assert_eq!(
            (e["field"].as_str(), e["error"].as_str()),
            (Some(field), Some("validation_failed")),
            "{body} -> {e}"
        );
        assert!(e["message"].as_str().unwrap().contains(code), "{body} -> {e}");
    }

    let o = app.login(&other).await;
    let (s, _) = call(&o, Method::GET, app.url(&path), None).await;
    assert_eq!(s, 404);
    let a = app.login(&analyst).await;
    let (s, _) =
        post_json(&app, &a, &path, json!({"party_id": broker, "status": "suspected", "on_date": "2026-05-01"})).await;
    assert_eq!(s, 403);
}

// ---------------------------------------------------------------------------------------------
// The case page

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_page_records_intake_screening_decision_and_perpetrators() {
    let app = spawn_app(Backend::Sqlite).await;
    let police = app.partner_org.id.to_string();
    let inv = app.user("inv", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let case_id = api_case(&app, &inv, "Seafood factory in Samut Sakhon").await;
    add_to_team(&app, &inv, &case_id, &analyst).await;
    let victim = api_party(
        &app,
        &inv,
        &case_id,
        json!({"kind": "person", "given_name": "Thida", "family_name": "Win", "survivor": true}),
        "victim",
    )
    .await;
    let broker =
        api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "Ko Aung"}), "perpetrator").await;
    let b = sign_in(&app, &inv).await;
    let token = csrf(&app, &b).await;
    let page = app.url(&format!("/cases/{case_id}"));

    let (s, html) = get(&b, page.clone()).await;
    assert_eq!(s, 200);
    for id in ["aria-labelledby=\"intake\"", "aria-labelledby=\"identification\"", "aria-labelledby=\"perpetrators\""] {
        assert!(html.contains(id), "{id} on the case page");
    }
    assert!(html.contains("id=\"add-intake\""));
    assert!(html.contains("Provincial Police Unit"), "partners offered in the select");

    // Intake: recorded, or refused naming the field.
    let intakes = app.url(&format!("/cases/{case_id}/intakes"));
    let (s, location, _) = post(
        &b,
        intakes.clone(),
        &[
            ("csrf", &token),
            ("route", "police_referral"),
            ("received_on", "2026-05-02"),
            ("organisation_id", &police),
            ("officer_name", "Pol. Capt. Anan"),
            ("their_reference", "SK-118"),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#intake").as_str()));
    let (_, html) = get(&b, page.clone()).await;
    assert!(html.contains("Police referral") && html.contains("SK-118"), "the intake is listed");
    let (s, _, html) =
        post(&b, intakes.clone(), &[("csrf", &token), ("route", "partner_ngo"), ("received_on", "2026-05-02")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&html).contains("Referring police unit or partner organisation"), "{}", alert(&html));
    let (s, _, html) =
        post(&b, intakes.clone(), &[("csrf", &token), ("route", "hotline"), ("received_on", "2026-07-02")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&html).contains("Received on"), "{}", alert(&html));
    let (s, _, html) = post(
        &b,
        intakes.clone(),
        &[
            ("csrf", &token),
            ("route", "own_investigation"),
            ("received_on", "2026-05-02"),
            ("passed_to_org_id", &police),
            ("passed_on", "2026-05-01"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&html).contains("Passed on: this cannot be before the day the case came in"), "{}", alert(&html));

    // Screening: the form, then the advice with its reasons.
    let (s, form) = get(&b, app.url(&format!("/cases/{case_id}/screening"))).await;
    assert_eq!(s, 200);
    assert!(form.contains("name=\"indicators\"") && form.contains("Debt bondage"));
    // The case's types of exploitation start ticked.
    let api = app.login(&inv).await;
    let (s, _) = call(
        &api,
        Method::PATCH,
        app.url(&format!("/api/v1/cases/{case_id}")),
        Some(json!({"exploitation_types": ["forced_labour"]})),
    )
    .await;
    assert_eq!(s, 200);
    let (_, form) = get(&b, app.url(&format!("/cases/{case_id}/screening"))).await;
    assert!(form.contains("value=\"forced_labour\" checked"), "forced labour ticked");
    assert!(!form.contains("value=\"prostitution\" checked"));
    let (s, location, _) = post(
        &b,
        app.url(&format!("/cases/{case_id}/screenings")),
        &[
            ("csrf", &token),
            ("party_id", &victim),
            ("age_at_exploitation", "24"),
            ("acts", "recruitment"),
            ("means", "deception"),
            ("purposes", "forced_labour"),
            ("indicators", "debt_bondage"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(location.starts_with(&format!("/cases/{case_id}/screenings/")), "{location}");
    let (s, advice) = get(&b, app.url(&location)).await;
    assert_eq!(s, 200);
    assert!(advice.contains("Trafficking indicated"), "the advice");
    assert!(advice.contains("Deception") && advice.contains("Recruitment"), "the answers that meet the elements");
    assert!(advice.contains("Palermo Protocol"), "the legal basis");
    assert!(advice.contains("id=\"add-decision\""), "the decision is a separate form");

    // The formal decision, from the advice page's form.
    let decisions = app.url(&format!("/cases/{case_id}/decisions"));
    let (s, location, _) = post(
        &b,
        decisions.clone(),
        &[
            ("csrf", &token),
            ("party_id", &victim),
            ("status", "actual"),
            ("deciding_body", "government"),
            ("decided_by", "Samut Sakhon MDT"),
            ("mdt_date", "2026-05-20"),
            ("decided_on", "2026-05-20"),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#identification").as_str()));
    let (s, _, html) = post(
        &b,
        decisions.clone(),
        &[
            ("csrf", &token),
            ("party_id", &victim),
            ("status", "actual"),
            ("deciding_body", "police"),
            ("decided_on", "2026-05-20"),
        ],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&html).contains("Decided by"), "{}", alert(&html));

    // A later screening advises otherwise; the decision stands.
    let (s, _, _) = post(
        &b,
        app.url(&format!("/cases/{case_id}/screenings")),
        &[("csrf", &token), ("age_at_exploitation", "30"), ("acts", "recruitment")],
    )
    .await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, html) = get(&b, page.clone()).await;
    assert!(html.contains("Trafficking not indicated"), "the later screening is listed");
    let decided = &html[html.find("id=\"decisions\"").unwrap()..];
    assert!(decided.contains("Victim of trafficking") && decided.contains("Current"), "the decision stands");

    // Perpetrators.
    let (s, location, _) = post(
        &b,
        app.url(&format!("/cases/{case_id}/perpetrators")),
        &[
            ("csrf", &token),
            ("party_id", &broker),
            ("roles", "recruiter_or_intermediary"),
            ("roles", "exploiter"),
            ("status", "arrested"),
            ("unit_org_id", &police),
            ("on_date", "2026-05-25"),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{case_id}#perpetrators").as_str()));
    let (_, html) = get(&b, page.clone()).await;
    let listed = &html[html.find("id=\"perpetrator-statuses\"").unwrap()..];
    assert!(listed.contains("Arrested") && listed.contains("Recruiter or intermediary"), "the status is listed");
    let (s, _, html) = post(
        &b,
        app.url(&format!("/cases/{case_id}/perpetrators")),
        &[("csrf", &token), ("party_id", &victim), ("status", "suspected"), ("on_date", "2026-05-25")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(alert(&html).contains("Perpetrator: this person is not a perpetrator"), "{}", alert(&html));

    // Without the CSRF token nothing is recorded; an analyst reads, with no forms, and may not write.
    let (s, _, _) = post(&b, intakes.clone(), &[("route", "hotline"), ("received_on", "2026-05-02")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let a = sign_in(&app, &analyst).await;
    let (_, html) = get(&a, page.clone()).await;
    assert!(html.contains("Police referral") && !html.contains("id=\"add-intake\""));
    let token = csrf(&app, &a).await;
    let (s, _, _) =
        post(&a, intakes.clone(), &[("csrf", &token), ("route", "hotline"), ("received_on", "2026-05-02")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = get(&a, app.url(&format!("/cases/{case_id}/screening"))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
