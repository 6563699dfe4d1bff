//! The OpenAPI document is generated from the handlers and snapshotted: every API change shows
//! up as a diff in tests/it/snapshots.

#[test]
fn openapi_document_matches_the_snapshot() {
    let doc = serde_json::to_value(counternet_server::openapi()).unwrap();
    assert_eq!(doc["openapi"].as_str().map(|v| v.starts_with("3.")), Some(true));
    for path in [
        "/api/v1/session",
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/team",
        "/api/v1/parties",
        "/api/v1/parties/{id}",
        "/api/v1/cases/{id}/parties",
        "/api/v1/links",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
    }
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn the_server_serves_the_same_document() {
    let app = crate::support::spawn_app(crate::support::Backend::Sqlite).await;
    let served: serde_json::Value = reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap().json().await.unwrap();
    assert_eq!(served, serde_json::to_value(counternet_server::openapi()).unwrap());
}
