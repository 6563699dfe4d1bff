//! Revealing a survivor's identity on purpose in the web interface, and a case's own history.

use reqwest::{Method, StatusCode};
use serde_json::json;

use counternet_domain::Role;
use counternet_store::audit::{self, AuditEntry, AuditFilter};

use crate::support::{call, spawn_app, Backend, TestApp, TestUser};
use crate::web::{browser, csrf_of, get_full, post_full, sign_in};

/// A case opened by `inv` with a victim, Sengphet Vongsa (masked as "S. V."): (case id, party id).
async fn case_with_victim(app: &TestApp, inv: &TestUser) -> (String, String) {
    let api = app.login(inv).await;
    let (s, case) = call(
        &api,
        Method::POST,
        app.url("/api/v1/cases"),
        Some(json!({"title": "Begging ring at the night market", "tactics": ["exploitation_spectrum"],
                    "exploitation_types": ["forced_begging"], "opened_on": "2026-05-01"})),
    )
    .await;
    assert_eq!(s, 201, "{case}");
    let case_id = case["id"].as_str().unwrap().to_string();
    let (s, victim) = call(
        &api,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "given_name": "Sengphet", "family_name": "Vongsa",
                    "date_of_birth": "2016-04-01", "gender": "feminine", "nationality": "LAO",
                    "id_number": "P1234567", "notes": "Speaks Lao and some Thai"})),
    )
    .await;
    assert_eq!(s, 201, "{victim}");
    let party_id = victim["id"].as_str().unwrap().to_string();
    let (s, body) = call(
        &api,
        Method::POST,
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": party_id, "role": "victim"})),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    (case_id, party_id)
}

/// The audit entries about a party, read by an auditor.
async fn entries_about(app: &TestApp, auditor: &TestUser, party_id: &str) -> Vec<AuditEntry> {
    let actor = auditor.actor();
    let filter = AuditFilter { entity_id: Some(party_id.to_string()), ..AuditFilter::default() };
    app.with_store(move |s| s.write(Some(&actor), |tx| audit::list(tx, &actor, &filter)).unwrap()).await
}

fn successful_reveals(entries: &[AuditEntry]) -> usize {
    entries.iter().filter(|e| e.action == "party.reveal" && e.outcome == "ok").count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investigator_on_the_team_reveals_a_victim_and_the_history_lists_it() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kiet", Role::Investigator, None).await;
    let auditor = app.user("aud", Role::Auditor, None).await;
    let (case_id, party_id) = case_with_victim(&app, &inv).await;
    let c = sign_in(&app, &inv).await;
    let reveal_url = app.url(&format!("/cases/{case_id}/people/{party_id}/reveal"));

    // The case page links to the reveal page from the masked row.
    let (_, case_page, _) = get_full(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(case_page.contains(&format!("/cases/{case_id}/people/{party_id}/reveal")));

    let (s, form, _) = get_full(&c, reveal_url.clone()).await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("S. V."), "the person appears masked");
    assert!(form.contains("0-14"), "with the age band");
    assert!(!form.contains("Sengphet") && !form.contains("Vongsa"), "and not by name");
    assert!(form.contains("<label for=\"reveal-reason\">Reason for revealing (optional)</label>"), "{form}");
    assert!(!form.contains(" required aria-required"), "an investigator need not give a reason");

    // Without the form's token nothing is revealed.
    let (s, page, _) = post_full(&c, reveal_url.clone(), &[("reason", "")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(!page.contains("Sengphet"));
    assert_eq!(successful_reveals(&entries_about(&app, &auditor, &party_id).await), 0);

    let (s, shown, headers) = post_full(&c, reveal_url.clone(), &[("csrf", &csrf_of(&form)), ("reason", "")]).await;
    assert_eq!(s, StatusCode::OK, "the identity comes in the response, not behind a redirect");
    assert!(headers["cache-control"].to_str().unwrap().contains("no-store"));
    assert!(shown.contains("Sengphet Vongsa"), "the full name");
    assert!(shown.contains("1 Apr 2016") || shown.contains("1 April 2016"), "the date of birth: {shown}");
    assert!(shown.contains("Female") && shown.contains("LAO") && shown.contains("P1234567"));
    assert!(shown.contains("Speaks Lao and some Thai"), "the attributes");
    assert!(shown.contains("recorded in the audit log"), "the reveal says it was recorded");
    assert!(shown.contains(&format!("href=\"/cases/{case_id}\"")), "a link back to the case");
    assert_eq!(successful_reveals(&entries_about(&app, &auditor, &party_id).await), 1);

    // Per request, not sticky: the case page and the form are masked again.
    let (_, case_page, _) = get_full(&c, app.url(&format!("/cases/{case_id}"))).await;
    assert!(case_page.contains("S. V.") && !case_page.contains("Sengphet"));
    let (_, form_again, _) = get_full(&c, reveal_url.clone()).await;
    assert!(!form_again.contains("Sengphet"));

    let (s, history, _) = get_full(&c, app.url(&format!("/cases/{case_id}/history"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(history.contains("Revealed a protected identity"), "{history}");
    assert!(history.contains("Opened the case") && history.contains("Added a person to the case"));
    assert!(history.contains("kiet"), "who revealed");
    assert!(history.contains("1 Jun 2026, 09:00 UTC"), "when: {history}");
    assert!(history.contains("S. V."), "whom, masked");
    assert!(!history.contains("Sengphet") && !history.contains("Vongsa"), "never by name");
    // Newest first: the reveal comes before the opening of the case.
    assert!(history.find("Revealed a protected identity").unwrap() < history.find("Opened the case").unwrap());

    // A party that has no role in this case cannot be revealed through it; nor can nonsense ids.
    let api = app.login(&inv).await;
    let (_, stranger) = call(
        &api,
        Method::POST,
        app.url("/api/v1/parties"),
        Some(json!({"kind": "person", "full_name": "Mon Aye", "survivor": true})),
    )
    .await;
    let stranger_id = stranger["id"].as_str().unwrap();
    let (s, _, _) = get_full(&c, app.url(&format!("/cases/{case_id}/people/{stranger_id}/reveal"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, page, _) = post_full(
        &c,
        app.url(&format!("/cases/{case_id}/people/{stranger_id}/reveal")),
        &[("csrf", &csrf_of(&form)), ("reason", "")],
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(!page.contains("Mon Aye"));
    assert_eq!(successful_reveals(&entries_about(&app, &auditor, stranger_id).await), 0);
    let (s, _, _) = get_full(&c, app.url(&format!("/cases/{case_id}/people/not-a-uuid/reveal"))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = get_full(&c, app.url("/cases/not-a-uuid/history")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Signed out: to the sign-in page.
    let (s, _, h) = get_full(&browser(), reveal_url).await;
    assert_eq!((s, h["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/login"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_must_give_a_reason_and_the_reason_is_in_the_history() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kiet", Role::Investigator, None).await;
    let manager = app.user("malee", Role::Manager, None).await;
    let auditor = app.user("aud", Role::Auditor, None).await;
    let (case_id, party_id) = case_with_victim(&app, &inv).await;
    let c = sign_in(&app, &manager).await;
    let reveal_url = app.url(&format!("/cases/{case_id}/people/{party_id}/reveal"));

    let (s, form, _) = get_full(&c, reveal_url.clone()).await;
    assert_eq!(s, StatusCode::OK, "a manager sees the organisation's cases");
    assert!(form.contains("Reason for revealing (required)"), "{form}");
    assert!(form.contains(" required aria-required=\"true\""));

    let (s, page, _) = post_full(&c, reveal_url.clone(), &[("csrf", &csrf_of(&form)), ("reason", "   ")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("Reason for revealing is required."), "the alert names the field: {page}");
    assert!(!page.contains("Sengphet"), "nothing revealed");
    assert!(page.contains("S. V."), "the form again");
    assert_eq!(successful_reveals(&entries_about(&app, &auditor, &party_id).await), 0, "no reveal recorded");

    let reason = "Court hearing on 3 June needs the full name";
    let (s, shown, _) = post_full(&c, reveal_url, &[("csrf", &csrf_of(&page)), ("reason", reason)]).await;
    assert_eq!(s, StatusCode::OK);
    assert!(shown.contains("Sengphet Vongsa"));
    assert!(shown.contains(reason), "the page repeats the stated reason");
    let entries = entries_about(&app, &auditor, &party_id).await;
    assert_eq!(successful_reveals(&entries), 1);
    assert!(entries.iter().any(|e| e.action == "party.reveal" && e.detail.contains("Court hearing")));

    let (s, history, _) = get_full(&c, app.url(&format!("/cases/{case_id}/history"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(history.contains(reason), "the reason is in the history");
    assert!(history.contains("malee"), "with who revealed");
    assert!(!history.contains("Sengphet"));

    // The team sees the manager's reveal too.
    let team = sign_in(&app, &inv).await;
    let (_, history, _) = get_full(&team, app.url(&format!("/cases/{case_id}/history"))).await;
    assert!(history.contains("malee") && history.contains(reason));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_outside_the_team_gets_not_found_for_the_reveal_and_the_history() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("kiet", Role::Investigator, None).await;
    let outsider = app.user("dao", Role::Investigator, None).await;
    let partner = app.user("pl", Role::PartnerLiaison, Some(app.partner_org.id)).await;
    let auditor = app.user("aud", Role::Auditor, None).await;
    let (case_id, party_id) = case_with_victim(&app, &inv).await;

    for user in [&outsider, &partner] {
        let c = sign_in(&app, user).await;
        let (_, home, _) = get_full(&c, app.url("/")).await;
        let csrf = csrf_of(&home);
        let reveal_url = app.url(&format!("/cases/{case_id}/people/{party_id}/reveal"));
        let (s, page, _) = get_full(&c, reveal_url.clone()).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{}", user.username);
        assert!(!page.contains("S. V.") && !page.contains("Sengphet"));
        let (s, page, _) = post_full(&c, reveal_url, &[("csrf", &csrf), ("reason", "curious")]).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{}", user.username);
        assert!(!page.contains("Sengphet"));
        let (s, page, _) = get_full(&c, app.url(&format!("/cases/{case_id}/history"))).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{}", user.username);
        assert!(!page.contains("kiet"));
    }
    assert_eq!(successful_reveals(&entries_about(&app, &auditor, &party_id).await), 0);

    // The refusals are recorded, and the team sees them in the case's history.
    let team = sign_in(&app, &inv).await;
    let (_, history, _) = get_full(&team, app.url(&format!("/cases/{case_id}/history"))).await;
    assert!(history.contains("Tried to open a record outside their access"), "{history}");
    assert!(history.contains("dao"));
    assert!(history.contains("Refused"));
}
