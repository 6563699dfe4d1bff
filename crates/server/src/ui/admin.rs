//! Administration: users, roles, partner organisations, teams; the account page.

use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
}
