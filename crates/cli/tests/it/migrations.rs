//! Every migration is proven up, down, up: the schema after the second "up" equals the first.

use std::sync::Arc;

use diesel::prelude::*;
use diesel::sql_types::Text;

use counternet_store::db::{revert_all_migrations, run_migrations, DbConnection};
use counternet_store::schema::TABLES;
use counternet_store::SystemClock;

use crate::support::{backends, Backend, TestDb};

#[derive(QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

fn schema(conn: &mut DbConnection, backend: Backend) -> Vec<String> {
    let sql = match backend {
        Backend::Sqlite => {
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') AS line FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%' ORDER BY type, name"
        }
        Backend::Postgres => {
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__diesel%' \
             UNION ALL SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' \
             AND tablename NOT LIKE '__diesel%' ORDER BY 1"
        }
    };
    let mut lines: Vec<Line> = diesel::sql_query(sql).load(conn).unwrap();
    lines.sort();
    lines.into_iter().map(|l| l.line).collect()
}

#[test]
fn migrations_go_up_down_and_up_again_to_the_same_schema() {
    for backend in backends() {
        let db = TestDb::new(backend);
        let store = db.open(Arc::new(SystemClock));
        let mut conn = store.connection().unwrap();
        let first = schema(&mut conn, backend);
        assert!(!first.is_empty());
        for table in TABLES {
            assert!(first.iter().any(|l| l.contains(table)), "{backend:?}: table {table} missing");
        }
        let reverted = revert_all_migrations(&mut conn).unwrap();
        assert!(reverted >= 1);
        assert!(schema(&mut conn, backend).is_empty(), "{backend:?}: down left tables behind");
        run_migrations(&mut conn).unwrap();
        assert_eq!(schema(&mut conn, backend), first, "{backend:?}: up after down differs");
    }
}

#[test]
fn the_sqlite_file_is_encrypted_and_needs_its_key() {
    let db = TestDb::new(Backend::Sqlite);
    drop(db.open(Arc::new(SystemClock)));
    let bytes = std::fs::read(db.dir.join("counternet.db")).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"), "the database file has a plaintext SQLite header");
    assert!(!bytes.windows(b"CREATE TABLE".len()).any(|w| w == b"CREATE TABLE"));
    // Another key does not open it.
    std::fs::write(db.dir.join("database.key"), "00".repeat(32)).unwrap();
    let err = counternet_store::Store::open(&db.config(), Arc::new(SystemClock)).err().expect("wrong key refused");
    assert!(err.to_string().contains("key"), "{err}");
}
