//! Revealing a survivor's identity on purpose, and a case's own audit history.

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
