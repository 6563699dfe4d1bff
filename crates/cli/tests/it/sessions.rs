//! Sessions: cookies, expiry by an injected clock, logout, disabling, throttling.

use chrono::Duration;
use reqwest::Method;
use serde_json::json;

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, PASSWORD};

#[tokio::test]
async fn the_session_cookie_is_httponly_and_strict() {
    let app = spawn_app(Backend::Sqlite).await;
    let u = app.user("lawyer1", Role::Lawyer, None).await;
    let r = app
        .client()
        .post(app.url("/api/v1/session"))
        .json(&json!({"username": "lawyer1", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["user_id"], json!(u.id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_expire_when_idle_and_after_the_absolute_limit() {
    for backend in backends() {
        let app = spawn_app(backend).await;
        let u = app.user("inv", Role::Investigator, None).await;
        let c = app.login(&u).await;
        let whoami = |c: reqwest::Client, url: String| async move { call(&c, Method::GET, url, None).await.0 };
        assert_eq!(whoami(c.clone(), app.url("/api/v1/session")).await, 200);
        app.clock.advance(Duration::minutes(29));
        assert_eq!(whoami(c.clone(), app.url("/api/v1/session")).await, 200, "29 idle minutes are allowed");
        app.clock.advance(Duration::minutes(30));
        assert_eq!(whoami(c.clone(), app.url("/api/v1/session")).await, 401, "30 idle minutes end the session");

        // Kept busy, a session still ends after 12 hours.
        let c = app.login(&u).await;
        for _ in 0..30 {
            app.clock.advance(Duration::minutes(29));
            if whoami(c.clone(), app.url("/api/v1/session")).await == 401 {
                break;
            }
        }
        let (s, _) = call(&c, Method::GET, app.url("/api/v1/session"), None).await;
        assert_eq!(s, 401, "{backend:?}: a session outlived the absolute limit");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_and_disabling_end_sessions_at_once() {
    let app = spawn_app(Backend::Sqlite).await;
    let admin = app.user("admin", Role::Administrator, None).await;
    let u = app.user("sw", Role::SocialWorker, None).await;
    let a = app.login(&admin).await;
    let c1 = app.login(&u).await;
    let c2 = app.login(&u).await;
    let (s, _) = call(&c1, Method::DELETE, app.url("/api/v1/session"), None).await;
    assert_eq!(s, 204);
    assert_eq!(call(&c1, Method::GET, app.url("/api/v1/session"), None).await.0, 401);
    assert_eq!(call(&c2, Method::GET, app.url("/api/v1/session"), None).await.0, 200);
    let (s, body) = call(&a, Method::POST, app.url(&format!("/api/v1/users/{}/disable", u.id)), None).await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(call(&c2, Method::GET, app.url("/api/v1/session"), None).await.0, 401);
    let (s, _) = call(
        &app.client(),
        Method::POST,
        app.url("/api/v1/session"),
        Some(json!({"username": "sw", "password": PASSWORD})),
    )
    .await;
    assert_eq!(s, 401, "a disabled user cannot sign in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_are_throttled_per_username() {
    let app = spawn_app(Backend::Sqlite).await;
    app.user("target", Role::Manager, None).await;
    let c = app.client();
    let attempt = |pw: &'static str| {
        let c = c.clone();
        let url = app.url("/api/v1/session");
        async move { call(&c, Method::POST, url, Some(json!({"username": "target", "password": pw}))).await }
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong password 123").await.0, 401);
    }
    let (s, e) = attempt(PASSWORD).await;
    assert_eq!(s, 429, "even the right password waits once throttled: {e}");
    assert_eq!(e["error"], "too_many_attempts");
    app.clock.advance(Duration::minutes(16));
    assert_eq!(attempt(PASSWORD).await.0, 200);
    // Unknown users get the same answer as wrong passwords.
    let (s, e) =
        call(&c, Method::POST, app.url("/api/v1/session"), Some(json!({"username": "nobody", "password": "x"}))).await;
    assert_eq!((s, e["error"].as_str()), (401, Some("invalid_credentials")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_from_one_address_are_throttled_across_usernames() {
    let app = spawn_app(Backend::Sqlite).await;
    let victim = app.user("careful", Role::Lawyer, None).await;
    let c = app.client();
    // 30 failures from this address, spread over usernames so no single username hits its limit.
    for i in 0..30 {
        let (s, _) = call(
            &c,
            Method::POST,
            app.url("/api/v1/session"),
            Some(json!({"username": format!("guess{}", i % 10), "password": "not it at all"})),
        )
        .await;
        assert_eq!(s, 401);
    }
    let (s, e) = call(
        &c,
        Method::POST,
        app.url("/api/v1/session"),
        Some(json!({"username": victim.username, "password": PASSWORD})),
    )
    .await;
    assert_eq!((s, e["error"].as_str()), (429, Some("too_many_attempts")), "the address is throttled");
}
