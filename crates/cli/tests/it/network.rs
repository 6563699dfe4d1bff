//! The network across cases (issue 6): neighbourhoods with kind and date filters, shortest paths,
//! connected networks, key players and communities, each within the asking user's scope (an
//! analyst sees pseudonyms outside their cases, survivors stay masked), and the connections a new
//! record or merge makes between two cases, told with the path.

use reqwest::{Client, Method};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::{self, api_case, api_party, sign_in};

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    call(c, Method::GET, app.url(path), None).await
}

async fn link(app: &TestApp, c: &Client, from: &str, to: &str, kind: &str, starts_on: Option<&str>) {
    let mut body = json!({"from": from, "to": to, "kind": kind, "source": "interview"});
    if let Some(d) = starts_on {
        body["starts_on"] = json!(d);
        body["ends_on"] = json!(d);
    }
    let (s, v) = call(c, Method::POST, app.url("/api/v1/links"), Some(body)).await;
    assert_eq!(s, 201, "{v}");
}

fn ids(v: &Value) -> Vec<String> {
    v["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_string()).collect()
}

fn node<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap_or_else(|| panic!("{id} not in {v}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_network_answers_within_scope_and_tells_when_cases_connect() {
    for backend in backends() {
        network(backend).await;
    }
}

async fn network(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let c = app.login(&inv).await;

    // Case A: a recruiter with a phone, who recruited a survivor in March.
    let case_a = api_case(&app, &inv, "Karaoke bar, Mae Sot").await;
    let recruiter = api_party(
        &app,
        &inv,
        &case_a,
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee"}),
        "perpetrator",
    )
    .await;
    let survivor = api_party(
        &app,
        &inv,
        &case_a,
        json!({"kind": "person", "given_name": "Nang", "family_name": "Seng Hom", "survivor": true}),
        "victim",
    )
    .await;
    let phone = api_party(&app, &inv, &case_a, json!({"kind": "phone", "number": "081 234 5678"}), "subject").await;
    link(&app, &c, &recruiter, &phone, "uses_phone", None).await;
    link(&app, &c, &recruiter, &survivor, "recruited", Some("2026-03-01")).await;

    // The recruiter's 1-hop neighbourhood: the phone, the survivor (masked), the case.
    let (s, hood) = get(&app, &c, &format!("/api/v1/network/neighbourhood?node={recruiter}&k=1")).await;
    assert_eq!(s, 200, "{hood}");
    let found = ids(&hood);
    for id in [&recruiter, &survivor, &phone, &case_a] {
        assert!(found.contains(id), "{id} missing from {hood}");
    }
    assert_eq!(node(&hood, &recruiter)["depth"], 0);
    assert_eq!(node(&hood, &phone)["kind"], "phone");
    assert_eq!(node(&hood, &case_a)["kind"], "case");
    assert_eq!(node(&hood, &survivor)["masked"], true);
    assert!(!hood.to_string().contains("Seng Hom"), "a survivor's name never leaves masked: {hood}");
    assert_eq!(node(&hood, &recruiter)["label"], "Somchai Jaidee");
    let recruited = hood["links"].as_array().unwrap().iter().find(|l| l["kinds"] == json!(["recruited"])).unwrap();
    assert_eq!(recruited["from"], "2026-03-01");
    assert!(hood["link_kinds"].as_array().unwrap().iter().any(|k| k["code"] == "uses_phone"));

    // Filters: by kind, and by date (the recruitment in March is outside April).
    let (_, only_phones) =
        get(&app, &c, &format!("/api/v1/network/neighbourhood?node={recruiter}&k=1&kinds=uses_phone")).await;
    assert_eq!(ids(&only_phones).len(), 2, "{only_phones}");
    let (_, april) =
        get(&app, &c, &format!("/api/v1/network/neighbourhood?node={recruiter}&k=1&from=2026-04-01&to=2026-04-30"))
            .await;
    assert!(!ids(&april).contains(&survivor), "{april}");
    assert!(ids(&april).contains(&phone), "undated links are always followed: {april}");

    // Bad filters say which and why.
    let (s, e) = get(&app, &c, &format!("/api/v1/network/neighbourhood?node={recruiter}&k=5")).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("k")), "{e}");
    let (s, e) = get(&app, &c, &format!("/api/v1/network/neighbourhood?node={recruiter}&kinds=gossip")).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("kinds")), "{e}");
    let (s, e) = get(&app, &c, &format!("/api/v1/network/paths?a={recruiter}&b={phone}&limit=0")).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("limit")), "{e}");

    // Case B: a driver who uses the same phone. The network now joins A and B.
    let case_b = api_case(&app, &inv, "Fishing boat, Songkhla").await;
    let driver = api_party(
        &app,
        &inv,
        &case_b,
        json!({"kind": "person", "given_name": "Arun", "family_name": "Wongsa"}),
        "perpetrator",
    )
    .await;
    link(&app, &c, &driver, &phone, "uses_phone", None).await;

    // Shortest path from the survivor to the driver: through the recruiter and the phone.
    let (s, p) =
        get(&app, &c, &format!("/api/v1/network/paths?a={survivor}&b={driver}&kinds=recruited,uses_phone")).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["length"], 3, "{p}");
    assert_eq!(p["paths"], json!([[survivor, recruiter, phone, driver]]));
    assert_eq!(p["links"].as_array().unwrap().len(), 3);

    // Which of my cases connect to A, and through what.
    let (s, conn) = get(&app, &c, &format!("/api/v1/cases/{case_a}/connections")).await;
    assert_eq!(s, 200, "{conn}");
    assert_eq!(conn.as_array().unwrap().len(), 1, "{conn}");
    assert_eq!(conn[0]["case"]["id"], case_b.as_str());
    assert_eq!(conn[0]["length"], 3, "the phone is in case A, the driver who uses it in B");
    let through: Vec<&str> = conn[0]["path"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(through, vec![case_a.as_str(), phone.as_str(), driver.as_str(), case_b.as_str()]);

    // The server told: one recorded connection between A and B, with the path.
    let (s, told) = get(&app, &c, "/api/v1/network/connections").await;
    assert_eq!(s, 200, "{told}");
    assert_eq!(told.as_array().unwrap().len(), 1, "{told}");
    let pair = [told[0]["case_a"]["id"].as_str().unwrap(), told[0]["case_b"]["id"].as_str().unwrap()];
    assert!(pair.contains(&case_a.as_str()) && pair.contains(&case_b.as_str()), "{told}");
    assert_eq!(told[0]["cause"], "record");
    assert_eq!(told[0]["path"].as_array().unwrap().len(), 4);
    let (_, told_a) = get(&app, &c, &format!("/api/v1/network/connections?case={case_a}")).await;
    assert_eq!(told_a.as_array().unwrap().len(), 1);

    // The home page and both case pages tell it, with the path; the survivor stays masked.
    let page = sign_in(&app, &inv).await;
    let (s, home) = web::get(&page, app.url("/")).await;
    assert_eq!(s, 200);
    let section = home.split("id=\"connections\"").nth(1).expect("a connections section on the home page");
    assert!(section.contains("Karaoke bar, Mae Sot") && section.contains("Fishing boat, Songkhla"), "{section}");
    assert!(section.contains("Arun Wongsa"), "the path names the driver: {section}");
    let (_, page_a) = web::get(&page, app.url(&format!("/cases/{case_a}"))).await;
    let section = page_a.split("id=\"connections\"").nth(1).expect("a connections section on case A");
    assert!(section.contains(&format!("/cases/{case_b}")), "{section}");
    let (_, page_b) = web::get(&page, app.url(&format!("/cases/{case_b}"))).await;
    assert!(page_b.contains(&format!("href=\"/cases/{case_a}\"")), "case B names case A");
    assert!(!home.contains("Seng Hom") && !page_a.contains("Seng Hom"));

    // A merge ties case C to A: recorded with cause "merge".
    let case_c = api_case(&app, &inv, "Online recruitment").await;
    let alias = api_party(
        &app,
        &inv,
        &case_c,
        json!({"kind": "person", "given_name": "Somchay", "family_name": "Jaidee"}),
        "perpetrator",
    )
    .await;
    let (s, m) = call(
        &c,
        Method::POST,
        app.url("/api/v1/parties/merges"),
        Some(json!({"party_a": recruiter, "party_b": alias})),
    )
    .await;
    assert!(s == 200 || s == 201, "{m}");
    let (_, told) = get(&app, &c, &format!("/api/v1/network/connections?case={case_c}")).await;
    assert!(told.as_array().unwrap().iter().any(|t| t["cause"] == "merge"), "{told}");

    // Whole-network questions, on what the investigator may see.
    let (s, comps) = get(&app, &c, "/api/v1/network/components").await;
    assert_eq!(s, 200, "{comps}");
    assert_eq!(comps["count"], 1, "{comps}");
    assert_eq!(comps["largest"][0]["size"], comps["nodes"]);
    let (s, top) = get(&app, &c, "/api/v1/network/key-players?by=degree&limit=3").await;
    assert_eq!(s, 200, "{top}");
    assert_eq!(top[0]["node"]["id"], recruiter.as_str(), "the recruiter has the most links: {top}");
    for by in ["pagerank", "betweenness"] {
        let (s, top) = get(&app, &c, &format!("/api/v1/network/key-players?by={by}&limit=3")).await;
        assert_eq!(s, 200, "{top}");
        assert_eq!(top.as_array().unwrap().len(), 3);
    }
    let (s, e) = get(&app, &c, "/api/v1/network/key-players?by=fame").await;
    assert_eq!((s, e["field"].as_str()), (422, Some("by")), "{e}");
    let (s, comm) = get(&app, &c, "/api/v1/network/communities").await;
    assert_eq!(s, 200, "{comm}");
    assert!(comm["count"].as_u64().unwrap() >= 1);

    // The analysis page: the same answers, as a plain page.
    let (s, analysis) = web::get(&page, app.url("/network/analysis?by=pagerank")).await;
    assert_eq!(s, 200);
    assert!(analysis.contains("id=\"analysis-players\"") && analysis.contains("Somchai Jaidee"), "{analysis}");
    assert!(analysis.contains("<option value=\"pagerank\" selected>"));
    assert!(!analysis.contains("Seng Hom"));

    // Another team's investigator: not found, exactly like nothing; no connections told.
    let o = app.login(&other).await;
    let (s, _) = get(&app, &o, &format!("/api/v1/network/neighbourhood?node={recruiter}")).await;
    assert_eq!(s, 404);
    let (s, _) = get(&app, &o, &format!("/api/v1/network/paths?a={survivor}&b={driver}")).await;
    assert_eq!(s, 404);
    let (_, told) = get(&app, &o, "/api/v1/network/connections").await;
    assert_eq!(told, json!([]));
    let (_, comps) = get(&app, &o, "/api/v1/network/components").await;
    assert_eq!(comps["nodes"], 0);

    // An analyst works across cases: the network, pseudonymous outside their cases.
    let a = app.login(&analyst).await;
    let (s, hood) = get(&app, &a, &format!("/api/v1/network/neighbourhood?node={recruiter}&k=2")).await;
    assert_eq!(s, 200, "{hood}");
    assert!(ids(&hood).contains(&driver));
    for n in hood["nodes"].as_array().unwrap() {
        assert_eq!(n["pseudonymous"], true, "{n}");
        assert_eq!(n["url"], Value::Null);
    }
    let analyst_page = sign_in(&app, &analyst).await;
    let (s, analysis) = web::get(&analyst_page, app.url("/network/analysis")).await;
    assert_eq!(s, 200);
    // The phone in any form ("081 234 5678", "0812345678", "+66812345678"): not "081" alone,
    // which a random id can hold ("...-35081e0d...").
    for name in ["Somchai", "Seng Hom", "Arun", "Karaoke", "234 5678", "812345678"] {
        assert!(!hood.to_string().contains(name), "{name} shown to an analyst off the case: {hood}");
        assert!(!analysis.contains(name), "{name} on an analyst's analysis page");
    }
    assert!(analysis.contains("person #"), "pseudonyms instead");

    // Roles that do not work cases are refused.
    let admin = app.user("adm", Role::Administrator, None).await;
    let ad = app.login(&admin).await;
    let (s, _) = get(&app, &ad, &format!("/api/v1/network/neighbourhood?node={recruiter}")).await;
    assert_eq!(s, 403);
    let admin_page = sign_in(&app, &admin).await;
    let (s, _) = web::get(&admin_page, app.url("/network/analysis")).await;
    assert_eq!(s, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hub_is_shown_and_counted_but_never_expanded_or_passed_through() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let c = app.login(&inv).await;
    let case = api_case(&app, &inv, "Call centre scam compound").await;
    // 250 phones each calling one number: the number is a hub (and so is the case, which holds
    // all 251 phones).
    let mut csv = String::from("caller,callee,start,duration\n");
    for i in 0..250 {
        csv.push_str(&format!("0812{i:06},0899999999,2026-05-01 10:{:02}:00,30\n", i % 60));
    }
    let r = c
        .post(app.url(&format!("/api/v1/cases/{case}/call-records")))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
    let (_, people) = get(&app, &c, &format!("/api/v1/cases/{case}/parties")).await;
    let id_of = |number: &str| {
        people.as_array().unwrap().iter().find(|p| p["party"]["identifier"] == number).unwrap()["party"]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (one, two, hub) = (id_of("+66812000001"), id_of("+66812000002"), id_of("+66899999999"));

    let (s, hood) = get(&app, &c, &format!("/api/v1/network/neighbourhood?node={one}&k=3")).await;
    assert_eq!(s, 200, "{hood}");
    assert_eq!(hood["hub_degree"], 200);
    let found = ids(&hood);
    assert_eq!(found.len(), 3, "the phone, the hub and the case; nothing through them: {found:?}");
    assert!(!found.contains(&two));
    let hubs = hood["hubs"].as_array().unwrap();
    let listed = hubs.iter().find(|h| h["id"] == hub.as_str()).expect("the hub is said");
    assert_eq!(listed["degree"], 251, "its 250 callers and the case");
    assert_eq!(node(&hood, &hub)["hub"], true);
    assert_eq!(hood["truncated"], false);

    // A hub's own neighbourhood is expanded (it is where the user asked to look), up to the cap.
    let (_, around) = get(&app, &c, &format!("/api/v1/network/neighbourhood?node={hub}&k=1&cap=100")).await;
    assert_eq!(around["nodes"].as_array().unwrap().len(), 100);
    assert_eq!(around["truncated"], true);

    // No path between two callers except through hubs: none, and the hubs avoided are said.
    let (s, p) = get(&app, &c, &format!("/api/v1/network/paths?a={one}&b={two}")).await;
    assert_eq!(s, 200, "{p}");
    assert_eq!(p["length"], Value::Null, "{p}");
    assert!(p["hubs_avoided"].as_array().unwrap().iter().any(|h| h == hub.as_str()), "{p}");
}
