//! Assets and the AMLO stages (issue 7): an asset moves one stage at a time with the officials'
//! references, the 90-day clock of a provisional seizure runs under the (injected) clock and shows on
//! the home page, and the totals add up by stage, by case and by network.

use chrono::{Duration, TimeZone, Utc};
use reqwest::{Client, Method};
use serde_json::{json, Value};

use counternet_domain::Role;

use crate::support::{backends, call, spawn_app, Backend, TestApp};
use crate::web::{self, api_case, api_party, sign_in};

async fn stage(app: &TestApp, c: &Client, asset: &str, body: Value) -> (u16, Value) {
    call(c, Method::POST, app.url(&format!("/api/v1/assets/{asset}/stages")), Some(body)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_asset_moves_through_the_amlo_stages_and_its_seizure_clock_is_watched() {
    for backend in backends() {
        asset_stages(backend).await;
    }
}

async fn asset_stages(backend: Backend) {
    let app = spawn_app(backend).await;
    let inv = app.user("inv", Role::Investigator, None).await;
    let analyst = app.user("ana", Role::Analyst, None).await;
    let other = app.user("other", Role::Investigator, None).await;
    let c = app.login(&inv).await;
    let case = api_case(&app, &inv, "Karaoke bar, Mae Sot").await;
    let (s, v) =
        call(&c, Method::POST, app.url(&format!("/api/v1/cases/{case}/team")), Some(json!({"user_id": analyst.id})))
            .await;
    assert_eq!(s, 200, "{v}");
    let owner = api_party(
        &app,
        &inv,
        &case,
        json!({"kind": "person", "given_name": "Somchai", "family_name": "Jaidee"}),
        "perpetrator",
    )
    .await;

    // Registering: bad input names the field; nothing is kept.
    let url = app.url(&format!("/api/v1/cases/{case}/assets"));
    let land = json!({"kind": "real_estate", "description": "Land title deed 1234, Mae Sot", "owner_party_id": owner,
                      "estimated_value_minor": 500_000_000, "evidence": "Bought with cash from the bar's takings",
                      "identified_on": "2026-05-01"});
    let mut bad = land.clone();
    bad["estimated_value_minor"] = json!(-5);
    let (s, e) = call(&c, Method::POST, url.clone(), Some(bad)).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("estimated_value_minor")), "{e}");
    let (_, listed) = call(&c, Method::GET, url.clone(), None).await;
    assert_eq!(listed, json!([]));
    let (s, created) = call(&c, Method::POST, url.clone(), Some(land)).await;
    assert_eq!(s, 201, "{created}");
    assert_eq!(created["asset"]["stage"], "identified");
    assert_eq!(created["asset"]["owner"], "Somchai Jaidee");
    assert_eq!(created["asset"]["currency"], "THB");
    assert_eq!(created["next"], json!(["reported_to_amlo"]));
    let asset = created["asset"]["id"].as_str().unwrap().to_string();

    // No skipping a stage; the seizure needs its order's reference.
    let (s, e) =
        stage(&app, &c, &asset, json!({"stage": "provisionally_seized", "on_date": "2026-05-20", "reference": "x"}))
            .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("stage")), "{e}");
    assert!(e["message"].as_str().unwrap().contains("reported_to_amlo"), "{e}");
    let (s, v) = stage(
        &app,
        &c,
        &asset,
        json!({"stage": "reported_to_amlo", "on_date": "2026-05-10", "official": "AMLO Region 6"}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let (s, e) = stage(&app, &c, &asset, json!({"stage": "provisionally_seized", "on_date": "2026-05-20"})).await;
    assert_eq!((s, e["field"].as_str()), (422, Some("reference")), "{e}");
    let (s, e) =
        stage(&app, &c, &asset, json!({"stage": "provisionally_seized", "on_date": "2026-05-01", "reference": "x"}))
            .await;
    assert_eq!((s, e["field"].as_str()), (422, Some("on_date")), "before the stage before: {e}");
    let (s, v) = stage(
        &app,
        &c,
        &asset,
        json!({"stage": "provisionally_seized", "on_date": "2026-05-20", "reference": "Seizure order 45/2569"}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["asset"]["seizure_lapses_on"], "2026-08-18", "90 days after the seizure");

    // The clock, under the injected clock (today is 2026-06-01): running, then a reminder, then lapsed.
    let (_, d) = call(&c, Method::GET, app.url("/api/v1/assets/deadlines"), None).await;
    assert_eq!(d.as_array().unwrap().len(), 1, "{d}");
    assert_eq!((d[0]["clock"].as_str(), d[0]["days_left"].as_i64()), (Some("running"), Some(78)));
    // (Sessions end when idle: sign in again after each jump of the clock.)
    app.clock.set(Utc.with_ymd_and_hms(2026, 7, 25, 9, 0, 0).unwrap());
    let c = app.login(&inv).await;
    let (_, d) = call(&c, Method::GET, app.url("/api/v1/assets/deadlines"), None).await;
    assert_eq!((d[0]["clock"].as_str(), d[0]["days_left"].as_i64()), (Some("reminder"), Some(24)));
    let page = sign_in(&app, &inv).await;
    let (_, home) = web::get(&page, app.url("/")).await;
    let section = home.split("id=\"seizures\"").nth(1).expect("the home page shows the seizure's deadline");
    assert!(section.contains("Land title deed 1234") && section.contains("24"), "{section}");
    app.clock.advance(Duration::days(30));
    let c = app.login(&inv).await;
    let (_, d) = call(&c, Method::GET, app.url("/api/v1/assets/deadlines"), None).await;
    assert_eq!((d[0]["clock"].as_str(), d[0]["days_left"].as_i64()), (Some("lapsed"), Some(-6)));

    // Referred, then the petition stops the clock; claims, then forfeiture, and nothing after.
    for (next, on, reference) in [
        ("referred_to_prosecutor", "2026-08-01", None),
        ("petition_filed", "2026-08-10", Some("Civil court Or 12/2569")),
        ("claims_period", "2026-08-15", None),
    ] {
        let (s, v) = stage(&app, &c, &asset, json!({"stage": next, "on_date": on, "reference": reference})).await;
        assert_eq!(s, 200, "{next}: {v}");
    }
    let (_, d) = call(&c, Method::GET, app.url("/api/v1/assets/deadlines"), None).await;
    assert_eq!(d, json!([]), "the petition stops the clock");
    let (s, v) =
        stage(&app, &c, &asset, json!({"stage": "forfeited", "on_date": "2026-08-20", "reference": "Order 77/2569"}))
            .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["next"], json!([]));
    let (s, e) = stage(&app, &c, &asset, json!({"stage": "returned", "on_date": "2026-08-21"})).await;
    assert_eq!((s, e["error"].as_str(), e["field"].as_str()), (422, Some("validation_failed"), Some("stage")), "{e}");
    let (_, detail) = call(&c, Method::GET, app.url(&format!("/api/v1/assets/{asset}")), None).await;
    let stages: Vec<&str> = detail["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(
        stages,
        vec![
            "identified",
            "reported_to_amlo",
            "provisionally_seized",
            "referred_to_prosecutor",
            "petition_filed",
            "claims_period",
            "forfeited"
        ]
    );
    assert_eq!(detail["stages"][2]["reference"], "Seizure order 45/2569");

    // A second asset, returned: the totals by stage, case and network.
    let car = json!({"kind": "vehicle", "description": "Toyota Fortuner", "owner_party_id": owner,
                     "estimated_value_minor": 120_000_000, "identified_on": "2026-06-01"});
    let (_, car) = call(&c, Method::POST, url.clone(), Some(car)).await;
    let car = car["asset"]["id"].as_str().unwrap().to_string();
    stage(&app, &c, &car, json!({"stage": "reported_to_amlo", "on_date": "2026-06-02"})).await;
    let (s, v) = stage(&app, &c, &car, json!({"stage": "returned", "on_date": "2026-06-03"})).await;
    assert_eq!(s, 200, "{v}");
    let (s, t) = call(&c, Method::GET, app.url("/api/v1/assets/totals"), None).await;
    assert_eq!(s, 200, "{t}");
    let of = |list: &Value, key: &str| list.as_array().unwrap().iter().find(|x| x["key"] == key).cloned();
    assert_eq!(of(&t["by_stage"], "forfeited").unwrap()["estimated_value_minor"], 500_000_000);
    assert_eq!(of(&t["by_stage"], "returned").unwrap()["estimated_value_minor"], 120_000_000);
    let by_case = of(&t["by_case"], &case).unwrap();
    assert_eq!((by_case["assets"].as_i64(), by_case["estimated_value_minor"].as_i64()), (Some(2), Some(620_000_000)));
    assert_eq!(t["by_network"][0]["estimated_value_minor"], 620_000_000);
    assert_eq!(t["by_network"][0]["network"]["label"], "Somchai Jaidee");

    // The analyst on the team reads but does not change; another team does not see it at all.
    let a = app.login(&analyst).await;
    let (s, _) = call(&a, Method::GET, app.url(&format!("/api/v1/assets/{asset}")), None).await;
    assert_eq!(s, 200);
    let (s, _) = stage(&app, &a, &car, json!({"stage": "forfeited", "on_date": "2026-06-03"})).await;
    assert_eq!(s, 403);
    let o = app.login(&other).await;
    let (s, _) = call(&o, Method::GET, app.url(&format!("/api/v1/assets/{asset}")), None).await;
    assert_eq!(s, 404);
    let (_, d) = call(&o, Method::GET, app.url("/api/v1/assets/totals"), None).await;
    assert_eq!(d["by_case"], json!([]));
}
