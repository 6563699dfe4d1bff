//! The network view: the page shell over plain HTTP (who may open it, the links to it from a
//! person's and a case's page), and the drawing itself in a browser.

use reqwest::StatusCode;
use serde_json::json;

use counternet_domain::Role;

use crate::support::{spawn_app, Backend};
use crate::web::{api_case, api_party, get, sign_in};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_page_is_linked_from_a_person_and_a_case_and_only_for_those_who_work_cases() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let case = api_case(&app, &inv, "Fishing boat, Songkhla").await;
    let person = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "full_name": "Mya Mya Win", "date_of_birth": "2004-01-02", "survivor": true}),
        "victim",
    )
    .await;

    let c = sign_in(&app, &inv).await;
    let (_, case_page) = get(&c, app.url(&format!("/cases/{case}"))).await;
    assert!(case_page.contains(&format!("href=\"/network?node={case}\"")), "the case links to its network");
    let (_, person_page) = get(&c, app.url(&format!("/people/{person}"))).await;
    assert!(person_page.contains(&format!("href=\"/network?node={person}\"")), "the person links to theirs");

    let (s, page) = get(&c, app.url(&format!("/network?node={person}&k=3&from=2026-01-01&to=nonsense"))).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("data-node=\"{person}\"")) && page.contains("data-strings=\""));
    assert!(page.contains("<script src=\"/static/network.js\" defer></script>"));
    assert!(page.contains("<option value=\"3\" selected>"), "the steps out come from the address");
    assert!(page.contains("value=\"2026-01-01\"") && !page.contains("nonsense"), "only a date is kept");
    assert!(page.contains("role=\"img\""));
    assert!(!page.contains("Mya"), "the page shell holds no name");
    // An htmx request gets the whole page: its script runs only on a whole-page load.
    let r = c.get(app.url(&format!("/network?node={case}"))).header("hx-request", "true").send().await.unwrap();
    assert!(r.text().await.unwrap().contains("<header class=\"top\">"));
    // The language form comes back to the same node.
    assert!(page.contains(&format!("name=\"back\" value=\"/network?node={person}\"")));

    let (s, script) = get(&c, app.url("/static/network.js")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!script.is_empty());

    assert_eq!(get(&c, app.url("/network?node=not-a-uuid")).await.0, StatusCode::NOT_FOUND);
    let (s, page) = get(&c, app.url("/network")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("id=\"network-no-node\""));

    let a = sign_in(&app, &admin).await;
    assert_eq!(get(&a, app.url(&format!("/network?node={case}"))).await.0, StatusCode::FORBIDDEN);
    let anonymous = crate::web::browser();
    let r = anonymous.get(app.url(&format!("/network?node={case}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}
