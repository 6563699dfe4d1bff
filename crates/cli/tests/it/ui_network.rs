//! The network view: the page shell over plain HTTP (who may open it, the links to it from a
//! person's and a case's page), and the drawing itself in a browser.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::json;

use counternet_domain::Role;

use crate::browser::{browser_test, Browser, BrowserOptions, WAIT};
use crate::support::{call, spawn_app, Backend, TestApp, PASSWORD};
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

// ---------------------------------------------------------------------------------------------
// The drawing, in a browser

/// Signs `username` in through the form in the browser.
async fn browser_sign_in(b: &Browser, app: &TestApp, username: &str) {
    b.goto(&app.url("/login")).await;
    b.fill("form#login input#username", username).await;
    b.fill("form#login input#password", PASSWORD).await;
    b.click("form#login button#login-submit").await;
    b.wait_for_path("/").await;
    b.wait_for("form#logout", WAIT).await;
}

/// Waits until `script` (a JavaScript expression) is true in the page.
async fn wait_until(b: &Browser, what: &str, script: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        if b.execute(&format!("return !!({script});")).await == json!(true) {
            return;
        }
        if Instant::now() >= deadline {
            panic!("browser: still not {what} after {WAIT:?} ({script})");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn drawn(id: &str) -> String {
    format!("document.querySelector('#network-svg g.node[data-id=\"{id}\"]')")
}

fn line_between(a: &str, b: &str) -> String {
    format!(
        "document.querySelector('#network-svg line[data-a=\"{a}\"][data-b=\"{b}\"], #network-svg line[data-a=\"{b}\"][data-b=\"{a}\"]')"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_investigator_explores_a_survivors_network_in_the_browser() {
    const TEST: &str = "an_investigator_explores_a_survivors_network_in_the_browser";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Fishing boat, Songkhla").await;
    let survivor = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "full_name": "Mya Mya Win", "date_of_birth": "2004-01-02", "survivor": true}),
        "victim",
    )
    .await;
    let phone = api_party(&app, &inv, &case, json!({"kind": "phone", "number": "+66 81 234 5678"}), "subject").await;
    let skipper =
        api_party(&app, &inv, &case, json!({"kind": "person", "full_name": "Somchai Jaidee"}), "perpetrator").await;
    let api = app.login(&inv).await;
    for (from, to, starts) in [(&survivor, &phone, Some("2026-03-01")), (&skipper, &phone, None)] {
        let mut body = json!({"from": from, "to": to, "kind": "uses_phone", "source": "interview", "case_id": case});
        if let Some(d) = starts {
            body["starts_on"] = json!(d);
        }
        let (s, v) = call(&api, Method::POST, app.url("/api/v1/links"), Some(body)).await;
        assert_eq!(s, 201, "{v}");
    }

    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        browser_sign_in(&b, &app, "inv").await;
        // From the person's page, by its link.
        b.goto(&app.url(&format!("/people/{survivor}"))).await;
        b.click("a#person-network").await;
        b.wait_for_path("/network").await;
        wait_until(&b, "drawn", &format!("{} && {}", drawn(&survivor), drawn(&phone))).await;
        assert!(b.current_url().await.query().unwrap_or_default() == format!("node={survivor}"), "only the id");
        wait_until(&b, "drawn", &drawn(&skipper)).await;
        assert_eq!(b.attr("#network-svg", "role").await.as_deref(), Some("img"));
        let name = b.attr("#network-svg", "aria-label").await.unwrap_or_default();
        assert!(name.starts_with("Drawing of the network: 4 records"), "{name}");
        let list = b.text("#network-nodes").await;
        assert!(list.contains("Phone number") && list.contains("Somchai Jaidee"), "{list}");
        assert!(b.exists(&format!("#network-nodes button.network-pick[data-id=\"{phone}\"]")).await);
        // The survivor is selected first: masked, with a link to the person's page.
        assert_eq!(b.attr("#network-open", "href").await.as_deref(), Some(format!("/people/{survivor}").as_str()));

        // One step out, then expand the phone: the skipper comes back.
        b.execute("document.getElementById('network-k').value = '1'; return null;").await;
        b.click("#network-show").await;
        wait_until(&b, "one step out", &format!("!{}", drawn(&skipper))).await;
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{phone}\"]")).await;
        wait_until(&b, "the phone selected", &format!("{}.classList.contains('selected')", drawn(&phone))).await;
        b.click("#network-expand").await;
        wait_until(&b, "expanded", &drawn(&skipper)).await;
        assert!(b.text("#network-status").await.contains("added"), "{}", b.text("#network-status").await);

        // Switching "Uses phone" off takes the survivor's phone link out of the drawing and the list.
        wait_until(&b, "a line", &line_between(&survivor, &phone)).await;
        b.click("#network-kind-uses_phone").await;
        wait_until(&b, "the link gone", &format!("!{}", line_between(&survivor, &phone))).await;
        assert!(!b.text("#network-links").await.contains("Uses phone"));
        b.click("#network-kind-uses_phone").await;
        wait_until(&b, "the link back", &line_between(&survivor, &phone)).await;

        // A path from the survivor to the skipper, highlighted.
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{survivor}\"]")).await;
        b.click("#network-path-from").await;
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{skipper}\"]")).await;
        b.click("#network-path-to").await;
        wait_until(&b, "a path", "document.querySelectorAll('#network-svg line.on-path').length >= 2").await;
        assert!(b.text("#network-status").await.contains("Shortest path: 2 steps"));
        assert!(b.exists(&format!("#network-svg g.node.on-path[data-id=\"{skipper}\"]")).await);

        // Pin the skipper; lay out again: it stays where it was.
        let at = b.attr(&format!("#network-svg g.node[data-id=\"{skipper}\"]"), "transform").await;
        b.click("#network-pin").await;
        wait_until(&b, "pinned", &format!("{}.classList.contains('pinned')", drawn(&skipper))).await;
        b.click("#network-relayout").await;
        assert_eq!(b.attr(&format!("#network-svg g.node[data-id=\"{skipper}\"]"), "transform").await, at);

        // Exports: a standalone SVG, and a PNG through a canvas.
        let svg = b.execute("return window.counternetNetwork.exportSvg();").await;
        let svg = svg.as_str().unwrap_or_default().to_string();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{svg}");
        assert!(svg.contains("Somchai Jaidee") && svg.ends_with("</svg>"));
        b.execute(
            "window.__blobs = []; const make = URL.createObjectURL; \
             URL.createObjectURL = function (blob) { window.__blobs.push({ type: blob.type, size: blob.size }); return make.call(URL, blob); }; \
             HTMLAnchorElement.prototype.click = function () {}; return null;",
        )
        .await;
        b.click("#network-export-png").await;
        wait_until(&b, "a PNG", "window.__blobs.some(function (x) { return x.type === 'image/png' && x.size > 1000; })")
            .await;

        // The survivor's name is nowhere: not in the page, not in the export.
        let source = b.execute("return document.documentElement.outerHTML;").await;
        assert!(!source.as_str().unwrap_or_default().contains("Mya"), "the survivor's name leaked");
        assert!(!svg.contains("Mya"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_sees_pseudonyms_on_a_phone() {
    const TEST: &str = "an_analyst_sees_pseudonyms_on_a_phone";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    app.user("ana", Role::Analyst, None).await;
    let case = api_case(&app, &inv, "Fishing boat, Songkhla").await;
    let skipper =
        api_party(&app, &inv, &case, json!({"kind": "person", "full_name": "Somchai Jaidee"}), "perpetrator").await;
    let phone = api_party(&app, &inv, &case, json!({"kind": "phone", "number": "+66 81 234 5678"}), "subject").await;
    let api = app.login(&inv).await;
    let body = json!({"from": skipper, "to": phone, "kind": "uses_phone", "source": "interview", "case_id": case});
    assert_eq!(call(&api, Method::POST, app.url("/api/v1/links"), Some(body)).await.0, 201);

    browser_test(TEST, BrowserOptions::mobile(), move |b| async move {
        browser_sign_in(&b, &app, "ana").await;
        b.goto(&app.url(&format!("/network?node={skipper}"))).await;
        wait_until(&b, "drawn", &format!("{} && {}", drawn(&skipper), drawn(&phone))).await;
        // Not on the case: pseudonyms, and no page to open.
        let list = b.text("#network-nodes").await;
        assert!(list.contains("pseudonym"), "{list}");
        assert!(!b.exists("#network-open").await, "a pseudonymous record has no page link");
        let source = b.execute("return document.documentElement.outerHTML;").await;
        assert!(!source.as_str().unwrap_or_default().contains("Somchai"), "no name outside the analyst's cases");
        // The drawing fits the phone, and nothing is wider than the window.
        let fits = b
            .execute(
                "const r = document.getElementById('network-svg').getBoundingClientRect(); \
                 return r.width > 200 && r.right <= window.innerWidth && \
                 document.documentElement.scrollWidth <= window.innerWidth;",
            )
            .await;
        assert_eq!(fits, json!(true), "the drawing scales to 360 pixels");
        // Keyboard: the records are buttons; choosing one selects it in the drawing.
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{phone}\"]")).await;
        wait_until(&b, "selected", &format!("{}.classList.contains('selected')", drawn(&phone))).await;
        assert_eq!(b.focused().await.tag, "button");
    })
    .await;
}
