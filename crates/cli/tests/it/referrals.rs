//! Consent and referrals through the API: a case referred to a police unit, refused without the
//! survivor's consent, overridden only by a manager with a reason, accepted by the unit's liaison,
//! who sees exactly the shared parts and whose note comes back into the case; withdrawal of consent
//! and revocation take effect at once.

use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use counternet_domain::org::NewOrganisation;
use counternet_domain::vocab::OrganisationType;
use counternet_domain::{Actor, Role};
use counternet_store::orgs;

use crate::support::{backends, call, spawn_app, Backend, TestApp};

async fn second_partner(app: &TestApp) -> Uuid {
    let own = app.own_org.id;
    app.with_store(move |s| {
        s.write(None, |tx| {
            orgs::create_partner(
                tx,
                &Actor::system(own),
                NewOrganisation {
                    name: "Shelter in Chiang Rai".into(),
                    org_type: OrganisationType::Ngo,
                    country: "THA".into(),
                },
            )
        })
        .unwrap()
        .id
    })
    .await
}

async fn audit_actions(app: &TestApp, case_id: &str) -> Vec<String> {
    let auditor = app.user(&format!("aud-{}", &Uuid::new_v4().to_string()[..8]), Role::Auditor, None).await;
    let c = app.login(&auditor).await;
    let (s, page) = call(&c, Method::GET, app.url(&format!("/api/v1/audit?case_id={case_id}&limit=1000")), None).await;
    assert_eq!(s, 200, "{page}");
    let items = page["items"].as_array().or(page.as_array()).cloned().unwrap_or_default();
    items.iter().filter_map(|e| e["action"].as_str().map(String::from)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_goes_to_the_police_with_consent_and_comes_back_with_their_note() {
    for backend in backends() {
        referral_story(backend).await;
    }
}

async fn referral_story(backend: Backend) {
    let app = spawn_app(backend).await;
    let police = app.partner_org.id;
    let shelter = second_partner(&app).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let mgr = app.user("mgr", Role::Manager, None).await;
    let liaison = app.user("pol", Role::PartnerLiaison, Some(police)).await;
    let other_liaison = app.user("shel", Role::PartnerLiaison, Some(shelter)).await;
    let i = app.login(&inv).await;
    let post = Method::POST;

    let (_, case) = call(
        &i,
        post.clone(),
        app.url("/api/v1/cases"),
        Some(json!({"title": "Begging ring at the night market", "tactics": ["victim_identification"],
                    "exploitation_types": ["forced_begging"], "opened_on": "2026-05-01",
                    "summary": "Three children made to beg"})),
    )
    .await;
    let case_id = case["id"].as_str().unwrap().to_string();
    let (_, victim) = call(
        &i,
        post.clone(),
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "given_name": "Noi", "family_name": "Keomany", "date_of_birth": "2015-03-02",
                    "survivor": true})),
    )
    .await;
    let victim_id = victim["id"].as_str().unwrap().to_string();
    let (s, _) = call(
        &i,
        post.clone(),
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": victim_id, "role": "victim"})),
    )
    .await;
    assert_eq!(s, 201);
    call(
        &i,
        post.clone(),
        app.url(&format!("/api/v1/cases/{case_id}/events")),
        Some(json!({"stage": "exploitation", "occurred_on": "2026-04-10", "place": "Night market, Udon Thani"})),
    )
    .await;
    call(
        &i,
        post.clone(),
        app.url(&format!("/api/v1/cases/{case_id}/notes")),
        Some(json!({"body": "Internal: mother may be involved"})),
    )
    .await;
    let refer = |body: Value| {
        let i = i.clone();
        let url = app.url(&format!("/api/v1/cases/{case_id}/referrals"));
        async move { call(&i, Method::POST, url, Some(body)).await }
    };

    // Identities without consent: refused, naming the field, and nothing stored.
    let revealed = json!({"organisation_id": police, "parts": ["events", "people"], "identity": "revealed",
                          "message": "Please take the victims' statements"});
    let (s, e) = refer(revealed.clone()).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!((e["error"].as_str(), e["field"].as_str()), (Some("consent_missing"), Some("identity")), "{e}");
    assert!(!e.to_string().contains("Noi"), "the refusal names no one: {e}");
    let (_, list) = call(&i, Method::GET, app.url(&format!("/api/v1/cases/{case_id}/referrals")), None).await;
    assert_eq!(list, json!([]));

    // An investigator may not override; a manager may, with a reason, and it is audited.
    let mut with_reason = revealed.clone();
    with_reason["override_reason"] = json!("Child in immediate danger; police must identify her today");
    let (s, _) = refer(with_reason.clone()).await;
    assert_eq!(s, 403);
    let m = app.login(&mgr).await;
    let (s, overridden) =
        call(&m, post.clone(), app.url(&format!("/api/v1/cases/{case_id}/referrals")), Some(with_reason)).await;
    assert_eq!(s, 201, "{overridden}");
    assert_eq!(overridden["override_reason"], "Child in immediate danger; police must identify her today");
    assert!(audit_actions(&app, &case_id).await.contains(&"referral.consent_override".to_string()));
    let (s, _) = call(
        &m,
        post.clone(),
        app.url(&format!("/api/v1/referrals/{}/revoke", overridden["id"].as_str().unwrap())),
        None,
    )
    .await;
    assert_eq!(s, 200);

    // With the guardian's consent to sharing with this unit, the investigator refers it.
    let (s, consent) = call(
        &i,
        post.clone(),
        app.url(&format!("/api/v1/cases/{case_id}/consents")),
        Some(json!({"party_id": victim_id, "given_by": "guardian", "guardian_name": "Aunt (legal guardian)",
                    "purpose": "sharing", "organisation_id": police, "given_on": "2026-05-20"})),
    )
    .await;
    assert_eq!(s, 201, "{consent}");
    assert_eq!(consent["active"], true);
    let (s, referral) = refer(revealed.clone()).await;
    assert_eq!(s, 201, "{referral}");
    assert_eq!((referral["status"].as_str(), referral["override_reason"].clone()), (Some("sent"), Value::Null));
    let rid = referral["id"].as_str().unwrap().to_string();

    // The police liaison: the case is not theirs to browse, only the referral.
    let p = app.login(&liaison).await;
    let (s, _) = call(&p, Method::GET, app.url(&format!("/api/v1/cases/{case_id}")), None).await;
    assert_eq!(s, 404, "no way into the case but the referral");
    let (s, shared) = call(&p, Method::GET, app.url("/api/v1/shared"), None).await;
    assert_eq!(s, 200);
    let shared = shared.as_array().unwrap();
    assert_eq!(shared.len(), 1, "the revoked referral is gone: {shared:?}");
    assert_eq!(shared[0]["id"], rid.as_str());

    // Before accepting: the overview and the request, nothing else.
    let (s, view) = call(&p, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    assert_eq!(s, 200, "{view}");
    assert_eq!(view["overview"]["summary"], "Three children made to beg");
    assert_eq!(view["referral"]["message"], "Please take the victims' statements");
    assert_eq!(
        (view["events"].clone(), view["people"].clone(), view["notes"].clone()),
        (Value::Null, Value::Null, Value::Null)
    );

    // Another partner sees nothing of it.
    let o = app.login(&other_liaison).await;
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    assert_eq!(s, 404);
    let (s, _) =
        call(&o, post.clone(), app.url(&format!("/api/v1/referrals/{rid}/answer")), Some(json!({"accept": true})))
            .await;
    assert_eq!(s, 404);

    // Accepted two hours later, with the unit's own reference.
    app.clock.advance(chrono::Duration::hours(2));
    let p = app.login(&liaison).await;
    let i = app.login(&inv).await;
    let (s, answered) = call(
        &p,
        post.clone(),
        app.url(&format!("/api/v1/referrals/{rid}/answer")),
        Some(json!({"accept": true, "their_reference": "UDN-POL-2026-117"})),
    )
    .await;
    assert_eq!(s, 200, "{answered}");
    assert_eq!(answered["status"], "accepted");
    assert_eq!(answered["response_hours"], 2.0);
    let (s, _) =
        call(&p, post.clone(), app.url(&format!("/api/v1/referrals/{rid}/answer")), Some(json!({"accept": false})))
            .await;
    assert_eq!(s, 409, "answered once");

    // Now the shared parts: events and people (named, with consent), not the internal notes.
    let (_, view) = call(&p, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    assert_eq!(view["events"][0]["place"], "Night market, Udon Thani");
    let person = &view["people"][0]["party"];
    assert_eq!((person["name"].as_str(), person["masked"].as_bool()), (Some("Noi Keomany"), Some(false)), "{person}");
    assert_eq!(view["notes"], json!([]), "internal notes are not shared");

    // What the police add comes back into the case.
    let (s, _) = call(
        &p,
        post.clone(),
        app.url(&format!("/api/v1/shared/{rid}/notes")),
        Some(json!({"body": "Statement taken on 2 June; suspect identified"})),
    )
    .await;
    assert_eq!(s, 201);
    let (_, notes) = call(&i, Method::GET, app.url(&format!("/api/v1/cases/{case_id}/notes")), None).await;
    assert!(notes.to_string().contains("Statement taken on 2 June"), "{notes}");
    let (_, view) = call(&p, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    assert_eq!(view["notes"][0]["from_partner"], true);
    assert_eq!(view["notes"].as_array().unwrap().len(), 1);

    // The consent is withdrawn: the survivor is masked for the police at once.
    let (s, _) = call(
        &i,
        post.clone(),
        app.url(&format!("/api/v1/consents/{}/withdraw", consent["id"].as_str().unwrap())),
        Some(json!({})),
    )
    .await;
    assert_eq!(s, 200);
    let (_, view) = call(&p, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    let person = &view["people"][0]["party"];
    assert_eq!((person["name"].as_str(), person["masked"].as_bool()), (Some("N. K."), Some(true)), "{person}");
    assert!(!view.to_string().contains("Keomany"));

    // Revoked: gone for the partner.
    let (s, _) = call(&i, post.clone(), app.url(&format!("/api/v1/referrals/{rid}/revoke")), None).await;
    assert_eq!(s, 200);
    let (s, _) = call(&p, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    assert_eq!(s, 404);
    let (_, shared) = call(&p, Method::GET, app.url("/api/v1/shared"), None).await;
    assert_eq!(shared, json!([]));
    let (s, _) =
        call(&p, post.clone(), app.url(&format!("/api/v1/shared/{rid}/notes")), Some(json!({"body": "late"}))).await;
    assert_eq!(s, 404);

    let actions = audit_actions(&app, &case_id).await;
    for a in
        ["referral.create", "referral.accept", "referral.view", "referral.revoke", "consent.record", "consent.withdraw"]
    {
        assert!(actions.iter().any(|x| x == a), "{a} in the case's audit trail: {actions:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_masked_referral_needs_no_consent_and_shows_initials() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let liaison = app.user("pol", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let i = app.login(&inv).await;
    let (_, case) = call(&i, Method::POST, app.url("/api/v1/cases"), Some(json!({"title": "Fishing boat"}))).await;
    let case_id = case["id"].as_str().unwrap();
    let (_, v) = call(
        &i,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "full_name": "Aung Ko Ko", "survivor": true})),
    )
    .await;
    call(
        &i,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": v["id"], "role": "victim"})),
    )
    .await;
    let (s, r) = call(
        &i,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case_id}/referrals")),
        Some(json!({"organisation_id": app.partner_org.id, "parts": ["people"]})),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["identity"], "masked");
    let p = app.login(&liaison).await;
    let rid = r["id"].as_str().unwrap();
    call(&p, Method::POST, app.url(&format!("/api/v1/referrals/{rid}/answer")), Some(json!({"accept": true}))).await;
    let (_, view) = call(&p, Method::GET, app.url(&format!("/api/v1/shared/{rid}")), None).await;
    assert_eq!(view["people"][0]["party"]["name"], "A. K. K.");
    assert!(!view.to_string().contains("Aung"));
    assert_eq!(view["events"], Value::Null, "events were not shared");

    // Bad input: unknown part, own organisation, unknown organisation.
    for (body, field) in [
        (json!({"organisation_id": app.partner_org.id, "parts": ["bank_records"]}), None),
        (json!({"organisation_id": app.own_org.id}), Some("organisation_id")),
        (json!({"organisation_id": Uuid::new_v4()}), Some("organisation_id")),
        (json!({"organisation_id": app.partner_org.id, "identity": "revealed"}), Some("identity")),
    ] {
        let (s, e) = call(&i, Method::POST, app.url(&format!("/api/v1/cases/{case_id}/referrals")), Some(body)).await;
        assert!(s == 400 || s == 422, "{s} {e}");
        if let Some(f) = field {
            assert_eq!(e["field"], f, "{e}");
        }
    }
}
