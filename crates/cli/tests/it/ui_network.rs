//! The network view: the page shell over plain HTTP (who may open it, the links to it from a
//! person's and a case's page), and the drawing itself in a browser.

use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
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

/// Drags the element matching `css` by (`x`, `y`) pixels with the mouse.
async fn drag(b: &Browser, css: &str, x: f64, y: f64) {
    let element = b.find(css).await;
    let actions = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: Some(Duration::from_millis(150)), x, y })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    b.client().perform_actions(actions).await.expect("drag");
    b.client().release_actions().await.expect("release");
}

/// Presses the element matching `css` twice in quick succession.
async fn double_press(b: &Browser, css: &str) {
    let element = b.find(css).await;
    let actions = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    b.client().perform_actions(actions).await.expect("double press");
    b.client().release_actions().await.expect("release");
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

        // Nothing goes to the console (where a name could be kept).
        b.execute(
            "window.__console = []; ['log', 'info', 'warn', 'error', 'debug'].forEach(function (k) { \
             const was = console[k]; console[k] = function () { window.__console.push(k); return was.apply(console, arguments); }; }); \
             return null;",
        )
        .await;

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

        // Links dated after "Linked until" are not followed: the survivor's phone (used from March).
        b.execute("document.getElementById('network-k').value = '2'; document.getElementById('network-to').value = '2026-02-01'; return null;").await;
        b.click("#network-show").await;
        wait_until(&b, "the dated link gone", &format!("!{}", line_between(&survivor, &phone))).await;
        wait_until(&b, "the undated link kept", &line_between(&skipper, &phone)).await;
        // A period that ends before it starts is said, and not asked for.
        b.execute("document.getElementById('network-from').value = '2026-03-01'; return null;").await;
        b.click("#network-show").await;
        assert!(b.text("#network-status").await.contains("is after"), "{}", b.text("#network-status").await);
        b.execute("document.getElementById('network-from').value = ''; document.getElementById('network-to').value = ''; return null;").await;
        b.click("#network-show").await;
        wait_until(&b, "the dated link back", &line_between(&survivor, &phone)).await;

        // A path from the survivor to the skipper, highlighted.
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{survivor}\"]")).await;
        b.click("#network-path-from").await;
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{skipper}\"]")).await;
        b.click("#network-path-to").await;
        wait_until(&b, "a path", "document.querySelectorAll('#network-svg line.on-path').length >= 2").await;
        assert!(b.text("#network-status").await.contains("Shortest path: 2 steps"));
        assert!(b.exists(&format!("#network-svg g.node.on-path[data-id=\"{skipper}\"]")).await);

        // Drag the skipper: it stays where it is dropped (pinned), also when laid out again.
        let before = b.attr(&format!("#network-svg g.node[data-id=\"{skipper}\"]"), "transform").await;
        drag(&b, &format!("#network-svg g.node[data-id=\"{skipper}\"] circle:not([fill=\"none\"])"), 60.0, 40.0).await;
        wait_until(&b, "pinned", &format!("{}.classList.contains('pinned')", drawn(&skipper))).await;
        let at = b.attr(&format!("#network-svg g.node[data-id=\"{skipper}\"]"), "transform").await;
        assert_ne!(at, before, "moved");
        assert_eq!(b.attr("#network-pin", "aria-pressed").await.as_deref(), Some("true"));
        assert!(b.text("#network-nodes").await.contains("pinned"));
        b.click("#network-relayout").await;
        assert_eq!(b.attr(&format!("#network-svg g.node[data-id=\"{skipper}\"]"), "transform").await, at);
        b.click("#network-pin").await;
        wait_until(&b, "unpinned", &format!("!{}.classList.contains('pinned')", drawn(&skipper))).await;

        // Two quick presses on a record expand it too.
        b.click("#network-path-clear").await;
        b.execute("document.getElementById('network-k').value = '1'; return null;").await;
        b.click("#network-show").await;
        wait_until(&b, "one step out again", &format!("!{}", drawn(&skipper))).await;
        double_press(&b, &format!("#network-svg g.node[data-id=\"{phone}\"] polygon")).await;
        wait_until(&b, "expanded by a double press", &drawn(&skipper)).await;

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

        // The survivor's name is nowhere: not in the page, not in the export, not in the address, and
        // nothing was written to the console.
        assert_eq!(b.current_url().await.query(), Some(format!("node={survivor}").as_str()));
        assert_eq!(b.execute("return window.__console.length;").await, json!(0));

        // Dates in numbers, year first; in the Buddhist era once the user chose it.
        assert!(b.text("#network-links").await.contains("2026-03-01"));
        b.goto(&app.url("/account")).await;
        b.click("#buddhist-era").await;
        b.click("#save-preferences").await;
        b.wait_for_url("saved", |u| u.query() == Some("done=saved")).await;
        b.goto(&app.url(&format!("/network?node={survivor}"))).await;
        wait_until(&b, "drawn", &drawn(&phone)).await;
        assert!(b.text("#network-links").await.contains("2569-03-01"), "{}", b.text("#network-links").await);
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

    browser_test(TEST, BrowserOptions::mobile().accept_language("th,en"), move |b| async move {
        browser_sign_in(&b, &app, "ana").await;
        b.goto(&app.url(&format!("/network?node={skipper}"))).await;
        wait_until(&b, "drawn", &format!("{} && {}", drawn(&skipper), drawn(&phone))).await;
        // Not on the case: pseudonyms, and no page to open. In Thai, the script's words too.
        let list = b.text("#network-nodes").await;
        assert!(list.contains("นามแฝง") && list.contains("หมายเลขโทรศัพท์"), "{list}");
        let name = b.attr("#network-svg", "aria-label").await.unwrap_or_default();
        assert!(name.starts_with("ภาพเครือข่าย: 3 ระเบียน"), "{name}");
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
        // Drawn, the page still names every control, uses each id once and fits the phone.
        let problems = b
            .execute(
                "const p = []; \
                 for (const e of document.querySelectorAll('input:not([type=hidden]), select')) { \
                   if (!(e.id && document.querySelector('label[for=\"' + e.id + '\"]')) && !e.getAttribute('aria-label')) p.push('unlabelled ' + e.id); } \
                 for (const e of document.querySelectorAll('button, a[href]')) { if (!e.textContent.trim()) p.push('no text ' + e.id); } \
                 const ids = {}; for (const e of document.querySelectorAll('[id]')) { if (ids[e.id]) p.push('twice ' + e.id); ids[e.id] = 1; } \
                 if (document.documentElement.scrollWidth > window.innerWidth) p.push('wider than the window'); \
                 return p;",
            )
            .await;
        assert_eq!(problems, json!([]), "accessibility and layout problems");

        // A record that does not exist (or may not be seen) is said, not drawn.
        b.goto(&app.url(&format!("/network?node={}", uuid::Uuid::now_v7()))).await;
        wait_until(&b, "refused", "document.getElementById('network-status').textContent.length > 0 && document.getElementById('network').getAttribute('data-state') === 'ready'").await;
        assert!(b.text("#network-status").await.contains("ไม่มีสิ่งที่จะแสดง"), "{}", b.text("#network-status").await);
        assert!(!b.exists("#network-svg g.node").await);
        b.goto(&app.url(&format!("/network?node={skipper}"))).await;
        wait_until(&b, "drawn", &drawn(&phone)).await;
        // Keyboard: the records are buttons; choosing one selects it in the drawing.
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{phone}\"]")).await;
        wait_until(&b, "selected", &format!("{}.classList.contains('selected')", drawn(&phone))).await;
        assert_eq!(b.focused().await.tag, "button");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_is_drawn_and_said_but_not_expanded_and_a_capped_view_says_so() {
    const TEST: &str = "a_hub_is_drawn_and_said_but_not_expanded_and_a_capped_view_says_so";
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case = api_case(&app, &inv, "Call centre scam compound").await;
    let api = app.login(&inv).await;
    // 320 phones each calling one number: the number is a hub, and its own view is more than fits.
    let mut csv = String::from("caller,callee,start,duration\n");
    for i in 0..320 {
        csv.push_str(&format!("0812{i:06},0899999999,2026-05-01 10:{:02}:00,30\n", i % 60));
    }
    let r = api
        .post(app.url(&format!("/api/v1/cases/{case}/call-records")))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, people) = call(&api, Method::GET, app.url(&format!("/api/v1/cases/{case}/parties")), None).await;
    let id_of = |number: &str| {
        people.as_array().unwrap().iter().find(|p| p["party"]["identifier"] == number).unwrap()["party"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (one, two, hub) = (id_of("+66812000001"), id_of("+66812000002"), id_of("+66899999999"));

    browser_test(TEST, BrowserOptions::desktop(), move |b| async move {
        browser_sign_in(&b, &app, "inv").await;
        b.goto(&app.url(&format!("/network?node={one}"))).await;
        wait_until(&b, "drawn", &format!("{} && {}", drawn(&one), drawn(&hub))).await;
        assert!(b.exists(&format!("#network-svg g.node.hub[data-id=\"{hub}\"]")).await);
        assert!(!b.exists(&format!("#network-svg g.node[data-id=\"{two}\"]")).await, "nothing through the hub");
        assert!(b.text("#network-nodes").await.contains("321 links, not shown"), "{}", b.text("#network-nodes").await);
        assert!(b.attr("#network-truncated", "hidden").await.is_some(), "not capped");
        b.click(&format!("#network-nodes button.network-pick[data-id=\"{hub}\"]")).await;
        wait_until(&b, "the hub's note", "document.getElementById('network-hub-note')").await;
        assert!(b.text("#network-hub-note").await.contains("321 links, not shown"));
        assert!(b.attr("#network-expand", "disabled").await.is_some(), "a hub is not expanded");

        // The hub's own view is capped at 300 records, and says so.
        b.goto(&app.url(&format!("/network?node={hub}&k=1"))).await;
        wait_until(&b, "drawn", &drawn(&hub)).await;
        wait_until(&b, "capped", "!document.getElementById('network-truncated').hidden").await;
        let shown = b.execute("return window.counternetNetwork.shown().nodes;").await;
        assert_eq!(shown, json!(300), "the cap");
        assert_eq!(b.execute("return document.querySelectorAll('#network-nodes tbody tr').length;").await, json!(300));
    })
    .await;
}
