//! counternet's HTTP server: the JSON API under /api/v1 with its OpenAPI document, sessions and
//! security headers. Store calls are blocking and run on Tokio's blocking pool.

mod access_log;
pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
mod headers;
pub mod matching;
pub mod money;
pub mod network;
mod setup;
pub mod ui;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;

use counternet_store::users::SessionPolicy;
use counternet_store::Store;

pub use error::{ApiError, ApiResult};

/// Server settings.
#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    pub sessions: SessionPolicy,
    /// Mark cookies Secure (set when counternet is served over TLS, e.g. behind a TLS proxy).
    pub secure_cookies: bool,
    /// Take the client address from X-Forwarded-For (only behind a proxy you run).
    pub trust_proxy: bool,
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    pub config: Arc<ServerConfig>,
    /// The live matching index (search and suggested duplicates).
    pub matcher: Arc<matching::Matcher>,
    /// The network projection (graph queries and connections between cases).
    pub network: Arc<network::Network>,
}

impl AppState {
    /// The state of a server over `store`.
    pub fn new(store: Arc<Store>, config: ServerConfig) -> AppState {
        use chrono::Datelike;
        let year = u16::try_from(store.now().year()).unwrap_or(2026);
        AppState {
            store,
            config: Arc::new(config),
            matcher: Arc::new(matching::Matcher::new(year)),
            network: Arc::new(network::Network::new()),
        }
    }
}

/// Runs a blocking store operation off the async threads.
pub async fn blocking<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || f(&store)).await {
        Ok(r) => r,
        Err(join) => Err(ApiError::internal(&join)),
    }
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let (api_router, openapi) = api::router().split_for_parts();
    let openapi = Arc::new(openapi);
    Router::new()
        .merge(api_router)
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .merge(setup::router())
        .merge(ui::router())
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        .fallback(|| async { ApiError::not_found() })
        .with_state(state)
        .layer(axum::middleware::from_fn(headers::security_headers))
        .route_layer(axum::middleware::from_fn(access_log::access_log))
}

/// The OpenAPI document (for snapshots and `counternet openapi`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router().split_for_parts().1
}

/// How often the server brings its network projection up to date when no request has.
const NETWORK_REFRESH_SECONDS: u64 = 5;

/// Serves until the future `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Fill the matching index in the background, so the first search does not wait for it.
    let warm = state.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        match warm.store.read(None, |tx| warm.matcher.sync(tx)) {
            Ok(n) => tracing::info!(persons = n, seconds = started.elapsed().as_secs_f64(), "matching index loaded"),
            Err(e) => tracing::warn!(error = %e, "matching index not loaded; it loads on first search"),
        }
    });
    // Load the network projection, then keep it current (and find new connections between
    // cases) even when nobody asks: every few seconds, from the store's feed, until shutdown.
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let net = state.clone();
    let refresher = tokio::spawn(async move {
        let mut first = true;
        loop {
            let store = net.store.clone();
            let network = net.network.clone();
            let started = std::time::Instant::now();
            let done = tokio::task::spawn_blocking(move || network.refresh(&store)).await;
            match done {
                Ok(Ok(s)) if first => tracing::info!(
                    nodes = s.graph.node_count(),
                    links = s.graph.link_count(),
                    seconds = started.elapsed().as_secs_f64(),
                    "network projection loaded"
                ),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::warn!(error = %e, "network projection not refreshed; trying again"),
                Err(e) => tracing::warn!(error = %e, "network projection refresh stopped; trying again"),
            }
            first = false;
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(NETWORK_REFRESH_SECONDS)) => {}
                _ = stopped.changed() => break,
            }
        }
    });
    let served = axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await;
    // The refresher holds the store: it ends (after any refresh under way) before serve returns.
    let _ = stop.send(true);
    let _ = refresher.await;
    served
}
