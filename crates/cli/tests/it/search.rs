//! Searching for a person before recording them (POST /api/v1/parties/search and the add-person
//! page): names across scripts and romanisations, phones and ID numbers in any form, ranked with
//! why; only what the user may see; survivors masked.

use reqwest::Method;
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp, TestUser};
use crate::web::{api_case, api_party, csrf_of, post, sign_in};

async fn search(app: &TestApp, user: &TestUser, q: &str) -> Vec<Value> {
    let c = app.login(user).await;
    let (s, body) = call(&c, Method::POST, app.url("/api/v1/parties/search"), Some(json!({"q": q}))).await;
    assert_eq!(s, 200, "{body}");
    body.as_array().cloned().unwrap_or_default()
}

fn ids(found: &[Value]) -> Vec<&str> {
    found.iter().filter_map(|m| m["party"]["id"].as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_romanised_name_a_phone_or_an_id_number_finds_the_person_with_why() {
    for backend in backends() {
        romanised(backend).await;
    }
}

async fn romanised(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let stranger = app.user("stranger", Role::Investigator, None).await;
    let case_id = api_case(&app, &inv, "Fishing boat, Samut Sakhon").await;
    let recruiter = api_party(
        &app,
        &inv,
        &case_id,
        json!({"kind": "person", "full_name": "นายสมชาย ใจดี", "date_of_birth": "1997-03-14",
               "id_number": "1-1017-00203-45-1"}),
        "perpetrator",
    )
    .await;
    let victim =
        api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "Aung Kyaw Moe"}), "victim").await;
    for other in ["Somsak Jaiyen", "Malee Srisuk", "Wichai Thongdee"] {
        api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": other}), "witness").await;
    }

    for q in ["Somchai Jaidee", "somchay chaidee", "Mr. Somchaai Jaidee 14/03/2540"] {
        let found = search(&app, &inv, q).await;
        assert_eq!(ids(&found).first(), Some(&recruiter.as_str()), "{q}: {found:?}");
        let first = &found[0];
        assert_ne!(first["strength"], "text", "{q}: found by the matcher, not the text search");
        let name = first["why"].as_array().unwrap().iter().find(|w| w["field"] == "name").expect("name compared");
        assert!(name["weight"].as_f64().unwrap() > 0.0, "{first}");
        assert!(!ids(&found).contains(&"Wichai Thongdee"));
    }
    let dated = search(&app, &inv, "Somchai Jaidee 14/03/2540").await;
    let why = dated[0]["why"].as_array().unwrap();
    assert!(why.iter().any(|w| w["field"] == "date_of_birth" && w["level"] == "exact"), "{why:?}");

    for q in ["1101700203451", "1 1017 00203 45 1"] {
        assert_eq!(ids(&search(&app, &inv, q).await).first(), Some(&recruiter.as_str()), "{q}");
    }

    // A survivor found by a romanised variant stays masked.
    let found = search(&app, &inv, "Aung Kyaw Moe").await;
    assert_eq!(ids(&found).first(), Some(&victim.as_str()));
    assert_eq!(found[0]["party"]["masked"], true);
    assert_ne!(found[0]["party"]["name"], "Aung Kyaw Moe");

    // Someone who may not see the case finds nothing of it, and the answer is the same shape.
    assert!(search(&app, &stranger, "Somchai Jaidee").await.is_empty());
    assert!(search(&app, &stranger, "1101700203451").await.is_empty());

    // Bad input is refused with the field named.
    let c = app.login(&inv).await;
    let (s, body) =
        call(&c, Method::POST, app.url("/api/v1/parties/search"), Some(json!({"q": "Somchai", "limit": 0}))).await;
    assert_eq!((s, body["field"].as_str()), (422, Some("limit")), "{body}");
    let (s, body) =
        call(&c, Method::POST, app.url("/api/v1/parties/search"), Some(json!({"q": "x".repeat(201)}))).await;
    assert_eq!((s, body["field"].as_str()), (422, Some("q")), "{body}");
    assert!(search(&app, &inv, "   ").await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_recorded_after_the_index_loaded_is_found_and_the_page_says_why() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case_id = api_case(&app, &inv, "Karaoke bar, Hat Yai").await;
    api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "Malee Srisuk"}), "witness").await;
    // The index has loaded (this search) before the next person is recorded.
    assert_eq!(search(&app, &inv, "Malee Srisuk").await.len(), 1);
    let later = api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "ບຸນມີ ພົມມາ"}), "witness").await;
    assert_eq!(ids(&search(&app, &inv, "Bunmi Phomma").await).first(), Some(&later.as_str()));

    let web = sign_in(&app, &inv).await;
    let (_, page) = crate::web::get(&web, app.url(&format!("/cases/{case_id}/people/new"))).await;
    let token = csrf_of(&page);
    let (status, _, html) =
        post(&web, app.url(&format!("/cases/{case_id}/people/new")), &[("csrf", &token), ("q", "Bounmy Phomma")]).await;
    assert_eq!(status, 200);
    assert!(html.contains("ບຸນມີ ພົມມາ"), "{html}");
    assert!(html.contains("class=\"why-list\""), "the match explains itself");
    assert!(html.contains("Name: "), "{html}");
}

#[test]
fn search_bench_prints_its_figures_and_finds_the_other_record() {
    let dir = tempfile::tempdir().unwrap();
    let persons = dir.path().join("persons.csv");
    let truth = dir.path().join("truth.csv");
    let mut p = String::from("id,given_name,family_name,date_of_birth,phone\n");
    let mut t = String::from("id,entity_id\n");
    let names = ["Aung Kyaw", "Malee Srisuk", "Nattapong Rattana", "Khin Thida", "Suda Boonma", "Wichai Thongdee"];
    for (k, name) in names.iter().enumerate() {
        let (g, f) = name.split_once(' ').unwrap();
        let dob = format!("19{}-0{}-1{}", 70 + k, 1 + k, k);
        p.push_str(&format!("a{k},{g},{f},{dob},08123456{k:02}\n"));
        p.push_str(&format!("b{k},{},{},{dob},+668123456{k:02}\n", f.to_uppercase(), g));
        t.push_str(&format!("a{k},E{k}\nb{k},E{k}\n"));
    }
    std::fs::write(&persons, p).unwrap();
    std::fs::write(&truth, t).unwrap();
    let out = assert_cmd::Command::cargo_bin("counternet")
        .unwrap()
        .args(["search-bench", "--queries", "4", "--input"])
        .arg(&persons)
        .arg("--truth")
        .arg(&truth)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let figures: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(figures["queries"], 4);
    assert_eq!(figures["records_indexed"], 8);
    assert_eq!(figures["recall_at_limit"], 1.0, "{figures}");
    for key in ["build_s", "median_ms", "p99_ms", "max_ms", "peak_rss_mib"] {
        assert!(figures[key].is_number(), "{key} in {figures}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_identifier_is_one_party_within_what_the_user_may_see() {
    for backend in backends() {
        identifiers(backend).await;
    }
}

async fn identifiers(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let other_team = app.user("other", Role::Investigator, None).await;
    let c = app.login(&inv).await;
    let create = |c: reqwest::Client, body: Value| {
        let url = app.url("/api/v1/parties");
        async move {
            let (s, p) = call(&c, Method::POST, url, Some(body)).await;
            assert!(s == 201, "{s} {p}");
            p["id"].as_str().unwrap().to_string()
        }
    };
    let phone = create(c.clone(), json!({"kind": "phone", "number": "081 234 5678"})).await;
    assert_eq!(create(c.clone(), json!({"kind": "phone", "number": "+66812345678"})).await, phone);
    let mail = create(c.clone(), json!({"kind": "email", "email": "Boss.Chai@example.com"})).await;
    assert_eq!(create(c.clone(), json!({"kind": "email", "email": "boss.chai@EXAMPLE.com"})).await, mail);
    let account =
        create(c.clone(), json!({"kind": "bank_account", "account_number": "123-4-56789-0", "bank": "KBank"})).await;
    assert_eq!(
        create(c.clone(), json!({"kind": "bank_account", "account_number": "1234567890", "bank": "kbank"})).await,
        account
    );
    assert_ne!(
        create(c.clone(), json!({"kind": "bank_account", "account_number": "1234567890", "bank": "SCB"})).await,
        account,
        "the same number at another bank is another account"
    );
    let plate = create(c.clone(), json!({"kind": "vehicle", "plate": "1กข 1234"})).await;
    assert_eq!(create(c.clone(), json!({"kind": "vehicle", "plate": "1กข  1234"})).await, plate);

    // Another team's investigator cannot see the phone: they get a party of their own, and learn
    // nothing of the other.
    let theirs = create(app.login(&other_team).await, json!({"kind": "phone", "number": "0812345678"})).await;
    assert_ne!(theirs, phone);
    // Persons are never joined by this rule (that is the matcher's and the review queue's work).
    let a = create(c.clone(), json!({"kind": "person", "full_name": "Somchai Jaidee"})).await;
    assert_ne!(create(c.clone(), json!({"kind": "person", "full_name": "Somchai Jaidee"})).await, a);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_page_finds_a_person_and_where_they_appear() {
    let app = spawn_app(Backend::Sqlite).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let admin = app.user("adm", Role::Administrator, None).await;
    let case_id = api_case(&app, &inv, "Fishing boat, Samut Sakhon").await;
    let victim = api_party(
        &app,
        &inv,
        &case_id,
        json!({"kind": "person", "full_name": "นางสาวมาลี ศรีสุข", "date_of_birth": "2008-02-11"}),
        "victim",
    )
    .await;
    let phone = api_party(&app, &inv, &case_id, json!({"kind": "phone", "number": "+66 81 999 0000"}), "subject").await;

    let web = sign_in(&app, &inv).await;
    let (s, page) = crate::web::get(&web, app.url("/search")).await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"nav-search\"") && page.contains("<label for=\"search-q\">"));
    let token = csrf_of(&page);
    let (s, _, html) = post(&web, app.url("/search"), &[("csrf", &token), ("q", "Malee Srisuk")]).await;
    assert_eq!(s, 200);
    let row = html.split("<tr class=\"result\">").nth(1).expect("a result");
    assert!(row.contains(&format!("/people/{victim}")), "{row}");
    assert!(!html.contains("มาลี"), "a survivor stays masked in the search");
    assert!(row.contains("class=\"why-list\"") && row.contains(&format!("/cases/{case_id}")), "{row}");
    let (_, _, html) = post(&web, app.url("/search"), &[("csrf", &token), ("q", "0819990000")]).await;
    assert!(html.contains("+66819990000"), "a phone is found by its number in another form: {html}");
    let _ = phone;

    // Another team sees nothing of the case; an administrator may not search case content.
    let theirs = sign_in(&app, &other).await;
    let (_, page) = crate::web::get(&theirs, app.url("/search")).await;
    let (_, _, html) = post(&theirs, app.url("/search"), &[("csrf", &csrf_of(&page)), ("q", "Malee Srisuk")]).await;
    assert!(html.contains("id=\"no-matches\""), "{html}");
    let adm = sign_in(&app, &admin).await;
    let (s, _) = crate::web::get(&adm, app.url("/search")).await;
    assert_eq!(s, 403);
    // Without the form's token nothing is searched.
    let (s, _, html) = post(&web, app.url("/search"), &[("csrf", "wrong"), ("q", "Malee Srisuk")]).await;
    assert_ne!(s, 200);
    assert!(!html.contains("result"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_or_an_address_linked_to_a_person_counts_in_the_match() {
    for backend in backends() {
        linked_contacts(backend).await;
    }
}

async fn linked_contacts(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let case_id = api_case(&app, &inv, "Construction site, Chon Buri").await;
    let c = app.login(&inv).await;
    let person =
        api_party(&app, &inv, &case_id, json!({"kind": "person", "full_name": "Kyaw Min Htet"}), "perpetrator").await;
    // The index has loaded before the phone is linked: the link alone brings the person up to date.
    assert_eq!(ids(&search(&app, &inv, "Kyaw Min Htet").await).first(), Some(&person.as_str()));
    let (s, phone) =
        call(&c, Method::POST, app.url("/api/v1/parties"), Some(json!({"kind": "phone", "number": "089 765 4321"})))
            .await;
    assert_eq!(s, 201, "{phone}");
    let (s, link) = call(
        &c,
        Method::POST,
        app.url("/api/v1/links"),
        Some(json!({"from": person, "to": phone["id"], "kind": "uses_phone", "source": "interview",
                    "confidence": "confirmed", "case_id": case_id})),
    )
    .await;
    assert_eq!(s, 201, "{link}");

    let found = search(&app, &inv, "+66897654321").await;
    let hit = found.iter().find(|m| m["party"]["id"] == person.as_str()).expect("the person who uses the phone");
    assert!(hit["why"].as_array().unwrap().iter().any(|w| w["field"] == "phone" && w["level"] == "same"), "{hit}");
    // A name and the phone together make a stronger match than the name alone.
    let both = search(&app, &inv, "Kyaw Min 0897654321").await;
    let alone = search(&app, &inv, "Kyaw Min").await;
    let strength = |v: &[Value]| v.first().and_then(|m| m["evidence"].as_f64()).unwrap();
    assert!(strength(&both) > strength(&alone), "{both:?} {alone:?}");
}
