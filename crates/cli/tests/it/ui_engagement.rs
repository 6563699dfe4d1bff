//! The engagement pages (issue 8): a lawyer records a training through the form (audience counts,
//! topics, trainers, materials, the knowledge test one line per participant), sees the change on
//! the training's page and the summary on the engagement page; a bad line of scores or a negative
//! count is refused next to its field (422) and nothing is kept; an event is recorded; a social
//! worker reads without forms; an administrator is refused.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use counternet_domain::Role;

use crate::support::{call, spawn_app, Backend};
use crate::web::{csrf, get, post, sign_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_training_is_recorded_through_the_form_and_its_change_shown() {
    let app = spawn_app(Backend::Sqlite).await;
    let lawyer = app.user("lawyer", Role::Lawyer, None).await;
    let social = app.user("social", Role::SocialWorker, None).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let c = sign_in(&app, &lawyer).await;
    let token = csrf(&app, &c).await;
    let partner = app.partner_org.id.to_string();

    // The navigation leads to the page; the form offers the partner organisation, not the own.
    let (s, home) = get(&c, app.url("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(home.contains("id=\"nav-engagement\""));
    let (s, form) = get(&c, app.url("/engagement/trainings/new")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(form.contains("Provincial Police Unit") && !form.contains("Test Foundation</label>"), "{form}");

    let good: Vec<(&str, &str)> = vec![
        ("csrf", token.as_str()),
        ("title", "ATIPA for the provincial court"),
        ("starts_on", "2026-05-12"),
        ("ends_on", "2026-05-13"),
        ("place", "Chiang Rai"),
        ("judges", "12"),
        ("prosecutors", "6"),
        ("attorneys", "4"),
        ("police", ""),
        ("social_workers", "2"),
        ("other", "1"),
        ("topics", "trafficking_law"),
        ("topics", "victim_identification"),
        ("trainers", "Khun Suda\nJudge Anan"),
        ("materials", "ATIPA handbook | https://example.org/atipa.pdf\nSlides"),
        ("scores", "40 70\n55 80\n60 55\n45 75\n"),
        ("partners", partner.as_str()),
        ("notes", ""),
    ];
    let with = |field: &str, value: &'static str| -> Vec<(String, String)> {
        good.iter().map(|(k, v)| (k.to_string(), if *k == field { value.to_string() } else { v.to_string() })).collect()
    };
    let url = app.url("/engagement/trainings/new");

    // Refused next to the field, with what was typed kept.
    for (field, value, id) in
        [("scores", "40 70\n55\n", "scores"), ("judges", "-2", "judges"), ("scores", "40 170", "scores")]
    {
        let form = with(field, value);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (s, _, page) = post(&c, url.clone(), &form).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}");
        assert!(page.contains(&format!("id=\"{id}-error\"")), "{field}={value}: {page}");
        assert!(page.contains(&format!("id=\"{id}\"")) && page.contains("aria-invalid=\"true\""));
        assert!(page.contains("ATIPA for the provincial court"), "what was typed is kept");
    }
    let api = app.login(&lawyer).await;
    let (_, listed) = call(&api, Method::GET, app.url("/api/v1/trainings"), None).await;
    assert_eq!(listed, Value::Array(vec![]), "nothing kept");

    // Without the CSRF token: refused.
    let no_csrf: Vec<(&str, &str)> = good.iter().filter(|(k, _)| *k != "csrf").copied().collect();
    let (s, _, _) = post(&c, url.clone(), &no_csrf).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Recorded: to the training's page, which shows the change.
    let (s, location, _) = post(&c, url.clone(), &good).await;
    assert_eq!(s, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/engagement/trainings/"), "{location}");
    let (s, page) = get(&c, app.url(&location)).await;
    assert_eq!(s, StatusCode::OK);
    for shown in [
        "id=\"participants\">25<",
        "id=\"tested\">4<",
        "id=\"mean-pre\">50.0%<",
        "id=\"mean-post\">70.0%<",
        "+20.0",
        "id=\"improved\">3<",
        "-5.0",
        "href=\"https://example.org/atipa.pdf\"",
        "Provincial Police Unit",
        "Judge Anan",
    ] {
        assert!(page.contains(shown), "{shown} not on the training's page:\n{page}");
    }

    // The scores changed later (the test after is marked late): a bad line is refused next to the
    // field with what was typed kept, then the change is recomputed.
    let scores_url = app.url(&format!("{location}/scores"));
    let (s, _, page) = post(&c, scores_url.clone(), &[("csrf", token.as_str()), ("scores", "40 70\n55")]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"edit-scores-error\"") && page.contains("55</textarea>"), "{page}");
    let five = "40 70\n55 80\n60 55\n45 75\n30 90\n";
    let (s, back, _) = post(&c, scores_url.clone(), &[("csrf", token.as_str()), ("scores", five)]).await;
    assert_eq!((s, back), (StatusCode::SEE_OTHER, format!("{location}#knowledge")));
    let (_, page) = get(&c, app.url(&location)).await;
    // Changes 30, 25, -5, 30, 60: 140 / 5 = 28.
    assert!(page.contains("id=\"tested\">5<") && page.contains("+28.0"), "{page}");

    // An event, then the engagement page with its summary and a period.
    let event: Vec<(&str, &str)> = vec![
        ("csrf", token.as_str()),
        ("title", "Safe migration talk"),
        ("held_on", "2026-05-20"),
        ("place", "Ban Huay Khrai school"),
        ("audience", "students"),
        ("audience", "parents"),
        ("topics", "safe_migration"),
        ("people_reached", "140"),
        ("online_reach", ""),
    ];
    let mut bad = event.clone();
    bad.retain(|(k, _)| *k != "audience");
    let (s, _, page) = post(&c, app.url("/engagement/events/new"), &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"audience-error\""), "{page}");
    let (s, location, _) = post(&c, app.url("/engagement/events/new"), &event).await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/engagement#events"));
    let (s, page) = get(&c, app.url("/engagement?from=2026-01-01&to=2026-12-31")).await;
    assert_eq!(s, StatusCode::OK);
    for shown in [
        "id=\"sum-trainings\">1<",
        "id=\"sum-people-trained\">25<",
        "id=\"sum-events\">1<",
        "id=\"sum-reached\">140<",
        "+28.0",
        "Safe migration talk",
        "ATIPA for the provincial court",
        "id=\"record-training\"",
    ] {
        assert!(page.contains(shown), "{shown} not on the engagement page");
    }
    let (_, page) = get(&c, app.url("/engagement?from=2026-06-01")).await;
    assert!(page.contains("id=\"sum-trainings\">0<"));
    let (s, page) = get(&c, app.url("/engagement?from=2026-06-01&to=2026-01-01")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"period-error\""));

    // A social worker reads, without forms; an administrator is refused.
    let sw = sign_in(&app, &social).await;
    let (s, page) = get(&sw, app.url("/engagement")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("ATIPA for the provincial court") && !page.contains("id=\"record-training\""));
    let (s, _) = get(&sw, app.url("/engagement/trainings/new")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let sw_token = csrf(&app, &sw).await;
    let mut as_sw = good.clone();
    as_sw[0] = ("csrf", sw_token.as_str());
    let (s, _, _) = post(&sw, url.clone(), &as_sw).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = post(&sw, scores_url, &[("csrf", sw_token.as_str()), ("scores", "0 100")]).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let ad = sign_in(&app, &admin).await;
    let (s, home) = get(&ad, app.url("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!home.contains("id=\"nav-engagement\""));
    let (s, _) = get(&ad, app.url("/engagement")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = get(&ad, app.url(&location_of_training(&page_training_link(&page)))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

/// The first training link on the engagement page.
fn page_training_link(page: &str) -> String {
    page.split("href=\"/engagement/trainings/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(String::from)
        .unwrap_or_default()
}

fn location_of_training(id: &str) -> String {
    format!("/engagement/trainings/{id}")
}
