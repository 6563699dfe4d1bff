//! counternet's integration tests: one test binary (see STYLE.md), one module per concern.
//! Storage tests run on SQLite and, when COUNTERNET_TEST_DATABASE_URL is set, on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod assets;
mod authz;
mod browser;
mod calls;
mod cli;
mod compensation;
mod engagement;
mod followup;
mod ftm;
mod identification;
mod merges;
mod migrations;
mod money_api;
mod money_cli;
mod network;
mod openapi;
mod privacy;
mod proceedings;
mod referrals;
mod resolve;
mod screening;
mod search;
mod sessions;
mod statements;
mod story;
mod support;
mod tamper;
mod ui;
mod ui_admin;
mod ui_alerts;
mod ui_assets;
mod ui_cases;
mod ui_engagement;
mod ui_forms;
mod ui_merges;
mod ui_money;
mod ui_network;
mod ui_referrals;
mod ui_reveal;
mod web;
