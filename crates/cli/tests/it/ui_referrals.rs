//! The sharing page of a case over plain HTTP: recording consent, referring with identities
//! (refused without consent, explained), the override only offered to managers, revoking.

use reqwest::{Method, StatusCode};
use serde_json::json;

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend};
use crate::web::{csrf, get, post, sign_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consent_is_recorded_and_a_referral_with_identities_needs_it() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let mgr = app.user("mgr", Role::Manager, None).await;
    let api = app.login(&inv).await;
    let (_, case) =
        call(&api, Method::POST, app.url("/api/v1/cases"), Some(json!({"title": "Domestic servitude, Bangkok"}))).await;
    let id = case["id"].as_str().unwrap().to_string();
    let (_, victim) = call(
        &api,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "full_name": "Phonsavanh Inthavong", "survivor": true})),
    )
    .await;
    let victim_id = victim["id"].as_str().unwrap().to_string();
    call(
        &api,
        Method::POST,
        app.url(&format!("/api/v1/cases/{id}/parties")),
        Some(json!({"party_id": victim_id, "role": "victim"})),
    )
    .await;
    let police = app.partner_org.id.to_string();

    let c = sign_in(&app, &inv).await;
    let token = csrf(&app, &c).await;
    let (s, page) = get(&c, app.url(&format!("/cases/{id}/sharing"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("P. I.") && !page.contains("Phonsavanh"), "the survivor is offered masked");
    assert!(page.contains("Provincial Police Unit"), "partners to choose");
    assert!(!page.contains("id=\"referral-override\""), "no override for an investigator");

    let refer = [
        ("csrf", token.as_str()),
        ("direction", "out"),
        ("organisation_id", police.as_str()),
        ("parts", "people"),
        ("identity", "revealed"),
        ("message", "Statement needed"),
    ];
    let (s, _, refused) = post(&c, app.url(&format!("/cases/{id}/referrals")), &refer).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("consented"), "the refusal says why");
    assert!(!refused.contains("Phonsavanh"));

    // A guardian's consent needs the guardian's name.
    let (s, _, _) = post(
        &c,
        app.url(&format!("/cases/{id}/consents")),
        &[("csrf", &token), ("party_id", &victim_id), ("given_by", "guardian"), ("purpose", "services")],
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, location, _) = post(
        &c,
        app.url(&format!("/cases/{id}/consents")),
        &[
            ("csrf", &token),
            ("party_id", &victim_id),
            ("given_by", "survivor"),
            ("purpose", "sharing"),
            ("organisation_id", &police),
        ],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, format!("/cases/{id}/sharing#consents").as_str()));

    let (s, _, _) = post(&c, app.url(&format!("/cases/{id}/referrals")), &refer).await;
    assert_eq!(s, StatusCode::SEE_OTHER, "with consent the referral goes");
    let (_, page) = get(&c, app.url(&format!("/cases/{id}/sharing"))).await;
    assert!(page.contains("Referred to: Provincial Police Unit"), "listed");
    assert!(page.contains("Revealed (with consent)"));
    let (_, referrals) = call(&api, Method::GET, app.url(&format!("/api/v1/cases/{id}/referrals")), None).await;
    let rid = referrals[0]["id"].as_str().unwrap();
    let (s, _, _) = post(&c, app.url(&format!("/cases/{id}/referrals/{rid}/revoke")), &[("csrf", &token)]).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    let (_, referrals) = call(&api, Method::GET, app.url(&format!("/api/v1/cases/{id}/referrals")), None).await;
    assert_eq!(referrals[0]["status"], "revoked");

    // A manager is offered the override.
    let m = sign_in(&app, &mgr).await;
    let (_, page) = get(&m, app.url(&format!("/cases/{id}/sharing"))).await;
    assert!(page.contains("id=\"referral-override\""));
}
