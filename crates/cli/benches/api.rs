//! API throughput and latency under a mixed read/write load on the demo data.
//!
//!     cargo bench -p counternet --bench api -- [--requests N] [--concurrency C]
//!
//! Seeds the fictional demo organisation into a temporary folder (SQLite), serves it on a free
//! loopback port, signs in the demo case workers, and sends N requests from C concurrent clients:
//! 80 % reads (API: case list, case detail, case parties, tasks; HTML pages: home, cases list, case
//! page) and 20 % writes (note, case update, new party). Prints throughput and p50/p99 latency per
//! kind and overall, as one JSON object.
//! Set COUNTERNET_BENCH_DATABASE_URL=postgres://... to run it on PostgreSQL instead.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use counternet::demo;
use counternet_domain::Role;
use counternet_server::{AppState, ServerConfig};
use counternet_store::{Store, StoreConfig, SystemClock};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(idx).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let requests = arg("--requests", 4000);
    let concurrency = arg("--concurrency", 16);
    let dir = std::env::temp_dir().join(format!("counternet-bench-{}", uuid::Uuid::now_v7()));
    let config = StoreConfig {
        data_dir: dir.clone(),
        database_url: std::env::var("COUNTERNET_BENCH_DATABASE_URL").ok(),
        create: true,
        pool_size: 16,
    };
    let backend = if config.database_url.is_some() { "postgres" } else { "sqlite" };
    let store = Arc::new(Store::open(&config, Arc::new(SystemClock)).expect("open store"));
    let seeded = {
        let s = store.clone();
        tokio::task::spawn_blocking(move || demo::seed(&s, 2551)).await.expect("join").expect("seed demo data")
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let state = AppState::new(store.clone(), ServerConfig::default());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(counternet_server::serve(listener, state, async {
        let _ = stop_rx.await;
    }));
    let base = format!("http://{addr}");

    // Sign in every case worker; each client keeps to the cases it can see.
    let mut clients = Vec::new();
    for u in seeded
        .users
        .iter()
        .filter(|u| matches!(u.role, Role::Investigator | Role::Lawyer | Role::SocialWorker | Role::Manager))
    {
        let c = reqwest::Client::builder().cookie_store(true).build().expect("client");
        let r = c
            .post(format!("{base}/api/v1/session"))
            .json(&json!({"username": u.username, "password": u.password}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), 200, "login {}", u.username);
        let page: Value =
            c.get(format!("{base}/api/v1/cases?per_page=200")).send().await.expect("list").json().await.expect("json");
        let ids: Vec<String> = page["items"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c["id"].as_str().map(String::from)).collect())
            .unwrap_or_default();
        if !ids.is_empty() {
            clients.push((c, Arc::new(ids)));
        }
    }
    assert!(!clients.is_empty(), "no demo user sees any case");

    // Page render times without load: one client, one request at a time (what a user waits for
    // when the server is not busy). The bar is 50 ms per page at the demo data's size.
    let mut render = serde_json::Map::new();
    {
        let (client, ids) = clients[0].clone();
        for (kind, path) in [("page_home", None), ("page_cases", Some("/cases")), ("page_case", Some("case"))] {
            let mut d = Vec::new();
            for i in 0..200 {
                let url = match path {
                    None => format!("{base}/"),
                    Some("case") => format!("{base}/cases/{}", ids[i % ids.len()]),
                    Some(p) => format!("{base}{p}"),
                };
                let t = Instant::now();
                let r = client.get(url).send().await.expect("page");
                assert!(r.status().is_success(), "{kind}: {}", r.status());
                let _ = r.bytes().await;
                d.push(t.elapsed());
            }
            d.sort();
            render.insert(kind.into(), json!({"p50_ms": percentile(&d, 0.50), "p99_ms": percentile(&d, 0.99)}));
        }
    }

    let per_worker = requests.div_ceil(concurrency);
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..concurrency {
        let (client, ids) = clients[w % clients.len()].clone();
        let base = base.clone();
        workers.push(tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(w as u64);
            let mut samples: Vec<(&'static str, Duration, u16)> = Vec::with_capacity(per_worker);
            for _ in 0..per_worker {
                let case = ids.choose(&mut rng).cloned().unwrap_or_default();
                let roll: f64 = rng.gen();
                let t = Instant::now();
                let (kind, resp) = if roll < 0.15 {
                    ("list_cases", client.get(format!("{base}/api/v1/cases?per_page=50")).send().await)
                } else if roll < 0.30 {
                    ("get_case", client.get(format!("{base}/api/v1/cases/{case}")).send().await)
                } else if roll < 0.40 {
                    ("case_parties", client.get(format!("{base}/api/v1/cases/{case}/parties")).send().await)
                } else if roll < 0.55 {
                    ("page_case", client.get(format!("{base}/cases/{case}")).send().await)
                } else if roll < 0.65 {
                    ("page_cases", client.get(format!("{base}/cases")).send().await)
                } else if roll < 0.70 {
                    ("page_home", client.get(format!("{base}/")).send().await)
                } else if roll < 0.80 {
                    ("list_tasks", client.get(format!("{base}/api/v1/cases/{case}/tasks")).send().await)
                } else if roll < 0.90 {
                    (
                        "add_note",
                        client
                            .post(format!("{base}/api/v1/cases/{case}/notes"))
                            .json(&json!({"body": "Benchmark note: follow-up call made."}))
                            .send()
                            .await,
                    )
                } else if roll < 0.95 {
                    (
                        "update_case",
                        client
                            .patch(format!("{base}/api/v1/cases/{case}"))
                            .json(&json!({"summary": format!("Benchmark update {}", rng.gen::<u32>())}))
                            .send()
                            .await,
                    )
                } else {
                    (
                        "create_party",
                        client
                            .post(format!("{base}/api/v1/parties"))
                            .json(&json!({"kind": "phone", "number": format!("08{:08}", rng.gen_range(0..100_000_000u32))}))
                            .send()
                            .await,
                    )
                };
                let status = match resp {
                    Ok(r) => {
                        let s = r.status().as_u16();
                        let _ = r.bytes().await;
                        s
                    }
                    Err(_) => 0,
                };
                samples.push((kind, t.elapsed(), status));
            }
            samples
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.expect("worker"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let _ = stop_tx.send(());

    let errors = all.iter().filter(|(_, _, s)| !(200..300).contains(s)).count();
    let mut by_kind = serde_json::Map::new();
    let mut kinds: Vec<&str> = all.iter().map(|(k, _, _)| *k).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let mut d: Vec<Duration> = all.iter().filter(|(kk, _, _)| *kk == k).map(|(_, d, _)| *d).collect();
        d.sort();
        by_kind.insert(
            k.to_string(),
            json!({"requests": d.len(), "p50_ms": percentile(&d, 0.50), "p99_ms": percentile(&d, 0.99)}),
        );
    }
    let mut every: Vec<Duration> = all.iter().map(|(_, d, _)| *d).collect();
    every.sort();
    let writes = all.iter().filter(|(k, _, _)| matches!(*k, "add_note" | "update_case" | "create_party")).count();
    let report = json!({
        "backend": backend,
        "cases": seeded.cases,
        "parties": seeded.parties,
        "requests": all.len(),
        "concurrency": concurrency,
        "write_share": writes as f64 / all.len().max(1) as f64,
        "errors": errors,
        "seconds": elapsed,
        "throughput_rps": all.len() as f64 / elapsed,
        "p50_ms": percentile(&every, 0.50),
        "p99_ms": percentile(&every, 0.99),
        "by_kind": by_kind,
        "pages_without_load": render,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
