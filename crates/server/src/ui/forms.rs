//! Creating cases, adding people with search-before-create, notes and tasks.

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
