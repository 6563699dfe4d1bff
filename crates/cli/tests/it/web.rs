//! What the tests of the web pages over plain HTTP share: a cookie-keeping client that does not
//! follow redirects (so a test sees each 303), signing in through the form, the CSRF token, and
//! cases and parties recorded through the API.

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{call, TestApp, TestUser, PASSWORD};

pub fn browser() -> reqwest::Client {
    browser_in("en")
}

/// A client whose browser asks for `accept_language` (e.g. "th,en").
pub fn browser_in(accept_language: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("accept-language", accept_language.parse().unwrap());
    reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).default_headers(headers).build().unwrap()
}

/// A GET's status, body and headers.
pub async fn get_full(c: &reqwest::Client, url: String) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let r = c.get(url).send().await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    (status, r.text().await.unwrap(), headers)
}

/// The value of the hidden `csrf` field of the first form on a page.
pub fn csrf_of(html: &str) -> String {
    let i = html.find("name=\"csrf\" value=\"").expect("a csrf field");
    html[i + 19..].split('"').next().unwrap().to_string()
}

pub async fn get(c: &reqwest::Client, url: String) -> (StatusCode, String) {
    let r = c.get(url).send().await.unwrap();
    let status = r.status();
    (status, r.text().await.unwrap())
}

/// Posts a form; returns the status, the body and the headers.
pub async fn post_full(
    c: &reqwest::Client,
    url: String,
    form: &[(&str, &str)],
) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let r = c.post(url).form(form).send().await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    (status, r.text().await.unwrap(), headers)
}

/// Posts a form; returns the status, the Location header (if any) and the body.
pub async fn post(c: &reqwest::Client, url: String, form: &[(&str, &str)]) -> (StatusCode, String, String) {
    let r = c.post(url).form(form).send().await.unwrap();
    let status = r.status();
    let location = r.headers().get("location").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location, r.text().await.unwrap())
}

pub async fn sign_in(app: &TestApp, user: &TestUser) -> reqwest::Client {
    let c = browser();
    sign_in_with(app, &c, user).await;
    c
}

/// Signs `c` in as `user` through the form (keeping the client's language and cookies).
pub async fn sign_in_with(app: &TestApp, c: &reqwest::Client, user: &TestUser) {
    let c = c.clone();
    let (_, html) = get(&c, app.url("/login")).await;
    let (s, location, _) = post(
        &c,
        app.url("/login"),
        &[("csrf", csrf_of(&html).as_str()), ("username", &user.username), ("password", PASSWORD)],
    )
    .await;
    assert_eq!((s, location.as_str()), (StatusCode::SEE_OTHER, "/"), "sign-in of {} failed", user.username);
}

/// The CSRF token of the signed-in user (the same on every page of the session).
pub async fn csrf(app: &TestApp, c: &reqwest::Client) -> String {
    let (_, home) = get(c, app.url("/")).await;
    csrf_of(&home)
}

/// The text of the page's alert.
pub fn alert(html: &str) -> &str {
    let i = html.find("role=\"alert\"").expect("an alert on the page");
    let rest = &html[i..];
    &rest[..rest.find("</p>").unwrap_or(rest.len())]
}

/// A case opened through the JSON API by `user`; returns its id.
pub async fn api_case(app: &TestApp, user: &TestUser, title: &str) -> String {
    let api = app.login(user).await;
    let (s, case) = call(
        &api,
        reqwest::Method::POST,
        app.url("/api/v1/cases"),
        Some(json!({"title": title, "opened_on": "2026-05-01"})),
    )
    .await;
    assert_eq!(s, 201, "{case}");
    case["id"].as_str().unwrap().to_string()
}

/// A party recorded through the JSON API by `user` and given `role` in `case_id`; returns its id.
pub async fn api_party(app: &TestApp, user: &TestUser, case_id: &str, party: Value, role: &str) -> String {
    let api = app.login(user).await;
    let (s, p) = call(&api, reqwest::Method::POST, app.url("/api/v1/parties"), Some(party)).await;
    assert_eq!(s, 201, "{p}");
    let (s, cp) = call(
        &api,
        reqwest::Method::POST,
        app.url(&format!("/api/v1/cases/{case_id}/parties")),
        Some(json!({"party_id": p["id"], "role": role})),
    )
    .await;
    assert_eq!(s, 201, "{cp}");
    p["id"].as_str().unwrap().to_string()
}
