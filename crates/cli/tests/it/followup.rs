//! Follow-up with survivors (issue 8): support plans, services, visits across borders and outcome
//! assessments for a victim of a case, seen only by those who see the case; overdue follow-ups
//! listed once the (injected) clock passes their due date; and a case proposed for closure only when
//! every victim's latest assessment allows it, closed by a manager other than the proposer.

use chrono::Duration;
use reqwest::{Client, Method};
use serde_json::{json, Value};
use uuid::Uuid;

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::{api_case, api_party};

async fn audit_actions(app: &TestApp, case_id: &str) -> Vec<String> {
    let auditor = app.user(&format!("aud-{}", &Uuid::new_v4().to_string()[..8]), Role::Auditor, None).await;
    let c = app.login(&auditor).await;
    let (s, page) = call(&c, Method::GET, app.url(&format!("/api/v1/audit?case_id={case_id}&limit=1000")), None).await;
    assert_eq!(s, 200, "{page}");
    let items = page["items"].as_array().or(page.as_array()).cloned().unwrap_or_default();
    items.iter().filter_map(|e| e["action"].as_str().map(String::from)).collect()
}

fn scores(n: i64) -> Value {
    json!({"safety": n, "legal_protection": n, "mental_wellbeing": n, "economic_empowerment": n,
           "social_support": n, "physical_wellbeing": n})
}

async fn post(app: &TestApp, c: &Client, path: &str, body: Value) -> (u16, Value) {
    call(c, Method::POST, app.url(path), Some(body)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_survivor_is_followed_up_and_the_case_closes_when_the_outcomes_allow() {
    for backend in backends() {
        follow_up_story(backend).await;
    }
}

async fn follow_up_story(backend: Backend) {
    let app = spawn_app(backend).await;
    let sw = app.user("sw", Role::SocialWorker, None).await;
    let colleague = app.user("sw2", Role::SocialWorker, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let manager = app.user("mgr", Role::Manager, None).await;
    let c = app.login(&sw).await;
    let case = api_case(&app, &sw, "Fishing boat, Songkhla").await;
    let victim = api_party(
        &app,
        &sw,
        &case,
        json!({"kind": "person", "given_name": "Noy", "family_name": "Phommachanh"}),
        "victim",
    )
    .await;
    let perpetrator =
        api_party(&app, &sw, &case, json!({"kind": "person", "full_name": "Boat owner"}), "perpetrator").await;
    let base = format!("/api/v1/cases/{case}/victims/{victim}");

    // A plan with a goal; validation names the field.
    let (s, e) = post(&app, &c, &format!("{base}/plans"), json!({"title": " ", "started_on": "2026-05-01"})).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("title")), "{e}");
    let (s, plan) =
        post(&app, &c, &format!("{base}/plans"), json!({"title": "Return home", "started_on": "2026-05-01"})).await;
    assert_eq!(s, 201, "{plan}");
    let plan_id = plan["id"].as_str().unwrap().to_string();
    let (s, e) = post(
        &app,
        &c,
        &format!("{base}/goals"),
        json!({"plan_id": plan_id, "plan_type": "astrology", "description": "x"}),
    )
    .await;
    assert_eq!(s, 422, "an unknown support-plan type: {e}");
    let (s, goal) = post(
        &app,
        &c,
        &format!("{base}/goals"),
        json!({"plan_id": plan_id, "plan_type": "livelihood", "description": "Vocational training in sewing",
               "target_on": "2026-12-31"}),
    )
    .await;
    assert_eq!(s, 201, "{goal}");
    assert_eq!(goal["status"], "open");
    let goal_id = goal["id"].as_str().unwrap().to_string();

    // A service by a partner organisation, for the goal; an unknown provider is named.
    let (s, e) = post(
        &app,
        &c,
        &format!("{base}/services"),
        json!({"delivered_on": "2026-05-10", "kind": "job_training", "provider_org_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("provider_org_id")), "{e}");
    let (s, service) = post(
        &app,
        &c,
        &format!("{base}/services"),
        json!({"delivered_on": "2026-05-10", "kind": "job_training", "provider_org_id": app.partner_org.id,
               "goal_id": goal_id}),
    )
    .await;
    assert_eq!(s, 201, "{service}");
    assert_eq!(service["provider"], app.partner_org.name.as_str());

    // A visit across the border; a bad country or score is named.
    let visit = json!({"visited_on": "2026-05-20", "country": "LAO", "place": "Savannakhet province",
                       "visitor_ids": [sw.id, colleague.id], "travel_from": "2026-05-19", "travel_to": "2026-05-21",
                       "next_due_on": "2026-06-20"});
    let mut bad = visit.clone();
    bad["country"] = json!("Laos");
    let (s, e) = post(&app, &c, &format!("{base}/visits"), bad).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("country")), "{e}");
    let (s, v) = post(&app, &c, &format!("{base}/visits"), visit).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["visitors"].as_array().unwrap().len(), 2);
    let (s, e) = post(
        &app,
        &c,
        &format!("{base}/assessments"),
        json!({"kind": "intake", "assessed_on": "2026-05-01", "scores": {"safety": 5, "legal_protection": 1,
               "mental_wellbeing": 1, "economic_empowerment": 1, "social_support": 1, "physical_wellbeing": 1}}),
    )
    .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("scores.safety")), "{e}");
    let (s, a) = post(
        &app,
        &c,
        &format!("{base}/assessments"),
        json!({"kind": "intake", "assessed_on": "2026-05-01", "scores": scores(2)}),
    )
    .await;
    assert_eq!(s, 201, "{a}");

    // The follow-up: what is due next.
    let (s, f) = call(&c, Method::GET, app.url(&format!("{base}/follow-up")), None).await;
    assert_eq!(s, 200, "{f}");
    assert_eq!(f["victim"], "N. P.", "masked, as everywhere");
    assert_eq!(f["plans"][0]["goals"][0]["plan_type"], "livelihood");
    assert_eq!(f["next_visit"]["due_on"], "2026-06-20");
    assert_eq!(f["next_assessment"]["due_on"], "2026-11-01", "six months after intake");
    assert_eq!(f["next_visit"]["overdue"], false);
    // Not a victim of the case: not found.
    let (s, _) =
        call(&c, Method::GET, app.url(&format!("/api/v1/cases/{case}/victims/{perpetrator}/follow-up")), None).await;
    assert_eq!(s, 404);

    // Someone off the case sees nothing and changes nothing.
    let o = app.login(&other).await;
    let (s, _) = call(&o, Method::GET, app.url(&format!("{base}/follow-up")), None).await;
    assert_eq!(s, 404);
    let (s, _) = post(&app, &o, &format!("{base}/plans"), json!({"title": "Hijack", "started_on": "2026-05-01"})).await;
    assert_eq!(s, 404);
    let (_, list) = call(&o, Method::GET, app.url("/api/v1/follow-ups/overdue"), None).await;
    assert_eq!(list, json!([]));

    // Overdue once the clock passes the visit's due date (sessions end when idle: sign in again).
    let (_, list) = call(&c, Method::GET, app.url("/api/v1/follow-ups/overdue"), None).await;
    assert_eq!(list, json!([]));
    app.clock.advance(Duration::days(25));
    let c = app.login(&sw).await;
    let (_, list) = call(&c, Method::GET, app.url("/api/v1/follow-ups/overdue"), None).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!((list[0]["kind"].as_str(), list[0]["due_on"].as_str()), (Some("visit"), Some("2026-06-20")));
    assert_eq!(list[0]["days_overdue"], 6);
    assert_eq!(list[0]["victim"], "N. P.");
    // After the six-month assessment's day as well: both, the longest overdue first.
    app.clock.advance(Duration::days(140));
    let c = app.login(&sw).await;
    let (_, list) = call(&c, Method::GET, app.url("/api/v1/follow-ups/overdue"), None).await;
    let kinds: Vec<&str> = list.as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["visit", "assessment"], "{list}");
    // A later visit settles the visit.
    let (s, v) = post(
        &app,
        &c,
        &format!("{base}/visits"),
        json!({"visited_on": "2026-11-10", "country": "THA", "next_due_on": "2027-02-10"}),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["visitors"][0]["user_id"], sw.id.to_string(), "no one named: who recorded it went");
    let (_, list) = call(&c, Method::GET, app.url("/api/v1/follow-ups/overdue"), None).await;
    let kinds: Vec<&str> = list.as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["assessment"], "{list}");

    // Closure: refused while a score is below 3, then allowed.
    let closure = format!("/api/v1/cases/{case}/closure");
    let (s, e) = post(&app, &c, &closure, json!({"reason": "Thriving at home"})).await;
    assert_eq!((s, e["error"].as_str()), (409, Some("closure_not_allowed")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("safety"), "{e}");
    let mut six = scores(4);
    six["social_support"] = json!(2);
    let (s, _) = post(
        &app,
        &c,
        &format!("{base}/assessments"),
        json!({"kind": "six_months", "assessed_on": "2026-11-10",
                                                               "scores": six}),
    )
    .await;
    assert_eq!(s, 201);
    let (s, e) = post(&app, &c, &closure, json!({"reason": "Thriving at home"})).await;
    assert_eq!(s, 409, "social support is still 2: {e}");
    assert!(e["message"].as_str().unwrap().contains("social_support"), "{e}");
    let (s, _) = post(
        &app,
        &c,
        &format!("{base}/assessments"),
        json!({"kind": "other", "assessed_on": "2026-11-12", "scores": scores(3)}),
    )
    .await;
    assert_eq!(s, 201);
    let (_, state) = call(&c, Method::GET, app.url(&closure), None).await;
    assert_eq!(state["allowed"], true, "{state}");
    let (s, proposal) = post(&app, &c, &closure, json!({"reason": "Thriving at home, working"})).await;
    assert_eq!(s, 201, "{proposal}");
    assert_eq!(proposal["status"], "pending");
    let (s, e) = post(&app, &c, &closure, json!({"reason": "again"})).await;
    assert_eq!((s, e["error"].as_str()), (409, Some("already_proposed")));

    // The social worker may not decide; a manager decides, and approval closes the case.
    let (s, _) = post(&app, &c, &format!("{closure}/decision"), json!({"approve": true})).await;
    assert_eq!(s, 403);
    let m = app.login(&manager).await;
    let (s, e) = post(&app, &m, &format!("{closure}/decision"), json!({"approve": false})).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("note")), "a rejection says why: {e}");
    let (s, decided) = post(&app, &m, &format!("{closure}/decision"), json!({"approve": true})).await;
    assert_eq!(s, 200, "{decided}");
    assert_eq!(decided["status"], "approved");
    assert_eq!(decided["decided_by"], manager.id.to_string());
    let (_, got) = call(&m, Method::GET, app.url(&format!("/api/v1/cases/{case}")), None).await;
    assert_eq!(got["case"]["status"].as_str().or(got["status"].as_str()), Some("closed"), "{got}");
    // A closed case's follow-ups are no longer overdue.
    let (_, list) = call(&c, Method::GET, app.url("/api/v1/follow-ups/overdue"), None).await;
    assert_eq!(list, json!([]));

    let actions = audit_actions(&app, &case).await;
    for a in [
        "followup.plan",
        "followup.goal",
        "followup.service",
        "followup.visit",
        "followup.assessment",
        "closure.propose",
        "closure.decide",
        "case.update",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in the case's audit trail: {actions:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proposer_may_not_approve_their_own_closure() {
    let app = spawn_app(Backend::Sqlite).await;
    let m1 = app.user("m1", Role::Manager, None).await;
    let m2 = app.user("m2", Role::Manager, None).await;
    let c = app.login(&m1).await;
    let case = api_case(&app, &m1, "Karaoke bar, Hat Yai").await;
    let victim = api_party(&app, &m1, &case, json!({"kind": "person", "full_name": "Mya Mya"}), "victim").await;
    let (s, _) = post(
        &app,
        &c,
        &format!("/api/v1/cases/{case}/victims/{victim}/assessments"),
        json!({"kind": "intake", "assessed_on": "2026-05-01", "scores": scores(3)}),
    )
    .await;
    assert_eq!(s, 201);
    let closure = format!("/api/v1/cases/{case}/closure");
    let (s, _) = post(&app, &c, &closure, json!({"reason": "Safe and working"})).await;
    assert_eq!(s, 201);
    let (s, e) = post(&app, &c, &format!("{closure}/decision"), json!({"approve": true})).await;
    assert_eq!((s, e["error"].as_str()), (409, Some("same_person")), "{e}");
    let c2 = app.login(&m2).await;
    let (s, e) =
        post(&app, &c2, &format!("{closure}/decision"), json!({"approve": false, "note": "Visit first"})).await;
    assert_eq!(s, 200, "{e}");
    assert_eq!(e["status"], "rejected");
    let (_, got) = call(&c2, Method::GET, app.url(&format!("/api/v1/cases/{case}")), None).await;
    assert_ne!(got["case"]["status"].as_str().or(got["status"].as_str()), Some("closed"), "{got}");
}

fn as_refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follow_up_page_its_forms_and_the_home_page() {
    use crate::web::{csrf_of, get, post as post_form, sign_in};
    let app = spawn_app(Backend::Sqlite).await;
    let sw = app.user("sw", Role::SocialWorker, None).await;
    let other = app.user("other", Role::SocialWorker, None).await;
    let case = api_case(&app, &sw, "Fishing boat, Songkhla").await;
    let victim = api_party(
        &app,
        &sw,
        &case,
        json!({"kind": "person", "given_name": "Noy", "family_name": "Phommachanh"}),
        "victim",
    )
    .await;
    let page = sign_in(&app, &sw).await;
    let (s, html) = get(&page, app.url(&format!("/cases/{case}"))).await;
    assert_eq!(s, 200);
    let url = format!("/cases/{case}/victims/{victim}/follow-up");
    assert!(html.contains(&url), "the case page links the victim's follow-up page");
    let (s, html) = get(&page, app.url(&url)).await;
    assert_eq!(s, 200);
    assert!(!html.contains("Phommachanh"), "the name is masked");
    let token = csrf_of(&html);

    // Without the token: refused, nothing stored.
    let form = |csrf: &str, safety: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("kind".into(), "intake".into()),
            ("assessed_on".into(), "2026-05-01".into()),
            ("score_safety".into(), safety.to_string()),
            ("score_legal_protection".into(), "1".into()),
            ("score_mental_wellbeing".into(), "2".into()),
            ("score_economic_empowerment".into(), "1".into()),
            ("score_social_support".into(), "3".into()),
            ("score_physical_wellbeing".into(), "2".into()),
        ]
    };
    let action = app.url(&format!("{url}/assessments"));
    let (s, _, _) = post_form(&page, action.clone(), &as_refs(&form("", "2"))).await;
    assert_eq!(s, 403);
    // A score left out: 422, the message names the domain.
    let (s, _, body) = post_form(&page, action.clone(), &as_refs(&form(&token, ""))).await;
    assert_eq!(s, 422);
    assert!(body.contains("assessment-error") && body.contains("Safety"), "the error names the domain");
    let (s, location, _) = post_form(&page, action.clone(), &as_refs(&form(&token, "2"))).await;
    assert_eq!((s.as_u16(), location.as_str()), (303, format!("{url}#outcomes").as_str()));
    let (_, html) = get(&page, app.url(&url)).await;
    assert!(html.contains("id=\"outcome-chart\"") && html.contains("role=\"img\""), "the chart is drawn");
    assert_eq!(html.matches("<polyline").count(), 6, "a line per domain");
    assert!(html.contains("id=\"assessment-table\""), "and a table of the same numbers");

    // A visit whose next one is due, then overdue on the home page after the clock moves.
    let visit = [
        ("csrf", token.as_str()),
        ("visited_on", "2026-05-20"),
        ("country", "lao"),
        ("place", "Savannakhet"),
        ("visitor_ids", &sw.id.to_string()),
        ("next_due_on", "2026-06-10"),
    ];
    let (s, _, _) = post_form(&page, app.url(&format!("{url}/visits")), &visit).await;
    assert_eq!(s.as_u16(), 303);
    let (_, html) = get(&page, app.url(&url)).await;
    assert!(html.contains("LAO") && html.contains("Savannakhet"));
    let (_, home) = get(&page, app.url("/")).await;
    assert!(!home.contains("id=\"overdue-follow-ups\""));
    app.clock.advance(Duration::days(12));
    let page = sign_in(&app, &sw).await;
    let (_, home) = get(&page, app.url("/")).await;
    let section = home.split("id=\"overdue-follow-ups\"").nth(1).expect("overdue follow-ups on the home page");
    assert!(section.contains(&url) && section.contains("N. P.") && !section.contains("Phommachanh"), "{section}");

    // Someone off the case: not found, and nothing on their home page.
    let off = sign_in(&app, &other).await;
    let (s, _) = get(&off, app.url(&url)).await;
    assert_eq!(s, 404);
    let (_, home) = get(&off, app.url("/")).await;
    assert!(!home.contains("id=\"overdue-follow-ups\""));
}
