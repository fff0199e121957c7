//! `migrations/sqlite` and `migrations/postgres` describe one schema in two dialects. This test
//! migrates a fresh database of each kind, reads back what they hold — tables, columns and
//! their nullability, indexes, unique constraints, triggers — and fails when they drift apart.
//! Column types are not compared: they differ by design (TEXT dates in SQLite).

use std::collections::BTreeSet;
use std::str::FromStr;

use app::db::Db;

use crate::harness::postgres_url;

#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    /// (table, column, not null)
    columns: BTreeSet<(String, String, bool)>,
    /// Index names created with CREATE INDEX (not those behind constraints).
    indexes: BTreeSet<String>,
    /// (table, comma-separated columns) of every unique constraint.
    uniques: BTreeSet<(String, String)>,
    /// (table, event) every trigger refuses or handles.
    triggers: BTreeSet<(String, String)>,
}

const IGNORED: &str = "_sqlx_migrations";

/// A name of its own for each shape read (tests run at the same time in one process).
fn scratch_name() -> String {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    format!("wwt_schema_{}_{n}", std::process::id())
}

async fn sqlite_shape() -> Shape {
    let path = std::env::temp_dir().join(format!("{}.db", scratch_name()));
    let db = Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let Db::Sqlite(sqlite) = &db else {
        unreachable!()
    };
    let pool = &sqlite.read;
    let mut shape = Shape::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> $1",
    )
    .bind(IGNORED)
    .fetch_all(pool)
    .await
    .unwrap();
    for table in &tables {
        let columns: Vec<(String, bool, i64)> =
            sqlx::query_as("SELECT name, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(table)
                .fetch_all(pool)
                .await
                .unwrap();
        for (column, not_null, pk) in columns {
            shape
                .columns
                .insert((table.clone(), column, not_null || pk > 0));
        }
        let uniques: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_index_list($1) WHERE origin = 'u'")
                .bind(table)
                .fetch_all(pool)
                .await
                .unwrap();
        for index in uniques {
            let cols: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&index)
                    .fetch_all(pool)
                    .await
                    .unwrap();
            shape.uniques.insert((table.clone(), cols.join(",")));
        }
    }
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    shape.indexes.extend(indexes);
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(pool)
            .await
            .unwrap();
    for (table, sql) in triggers {
        // The head only (`… AFTER UPDATE OF a, b ON t WHEN … BEGIN`): the body has statements.
        let sql = sql.to_uppercase();
        let head = sql.split("BEGIN").next().unwrap_or_default();
        for event in ["INSERT", "UPDATE", "DELETE"] {
            if [
                format!(" {event} ON "),
                format!(" {event} OF "),
                format!(" OR {event}"),
            ]
            .iter()
            .any(|p| head.contains(p.as_str()))
            {
                shape.triggers.insert((table.clone(), event.to_string()));
            }
        }
    }
    db.close().await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    shape
}

async fn postgres_shape() -> Shape {
    let url = postgres_url();
    let schema = scratch_name();
    let admin = Db::connect(&url).await.unwrap();
    let Db::Postgres(admin_pool) = &admin else {
        unreachable!()
    };
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(admin_pool)
        .await
        .unwrap();
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(admin_pool)
        .await
        .unwrap();
    let options = sqlx::postgres::PgConnectOptions::from_str(&url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let db = Db::connect_postgres(options).await.unwrap();
    db.migrate().await.unwrap();
    let Db::Postgres(pool) = &db else {
        unreachable!()
    };
    let mut shape = Shape::default();
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text \
         FROM information_schema.columns WHERE table_schema = $1 AND table_name <> $2",
    )
    .bind(&schema)
    .bind(IGNORED)
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column, nullable) in columns {
        shape.columns.insert((table, column, nullable == "NO"));
    }
    let uniques: Vec<(String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, \
           (SELECT string_agg(a.attname, ',' ORDER BY k.ord) \
              FROM unnest(c.conkey) WITH ORDINALITY AS k(num, ord) \
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) \
         FROM pg_constraint c \
         JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = cl.relnamespace \
         WHERE c.contype = 'u' AND n.nspname = $1",
    )
    .bind(&schema)
    .fetch_all(pool)
    .await
    .unwrap();
    shape.uniques.extend(uniques);
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT i.relname::text FROM pg_index x \
         JOIN pg_class i ON i.oid = x.indexrelid \
         JOIN pg_class t ON t.oid = x.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = $1 AND t.relname <> $2 \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
    )
    .bind(&schema)
    .bind(IGNORED)
    .fetch_all(pool)
    .await
    .unwrap();
    shape.indexes.extend(indexes);
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT event_object_table::text, event_manipulation::text \
         FROM information_schema.triggers WHERE trigger_schema = $1",
    )
    .bind(&schema)
    .fetch_all(pool)
    .await
    .unwrap();
    shape.triggers.extend(triggers);
    db.close().await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(admin_pool)
        .await
        .unwrap();
    admin.close().await;
    shape
}

fn differences<T: Ord + std::fmt::Debug>(
    what: &str,
    sqlite: &BTreeSet<T>,
    postgres: &BTreeSet<T>,
) -> Vec<String> {
    let mut out = Vec::new();
    for only in sqlite.difference(postgres) {
        out.push(format!("{what} only in SQLite: {only:?}"));
    }
    for only in postgres.difference(sqlite) {
        out.push(format!("{what} only in PostgreSQL: {only:?}"));
    }
    out
}

/// Words a column holding a national register number (rijksregisternummer, INSZ/NISS, SSIN)
/// would be named with. Wijk-werken needs none: the VDAB/OCMW keep it, we keep the person's
/// name and our own ids (GDPR art. 87 and the Belgian law of 8 August 1983 restrict its use).
const NATIONAL_NUMBER_WORDS: &[&str] = &[
    "rijksregister",
    "national",
    "insz",
    "niss",
    "ssin",
    "nrn",
    "register_number",
    "registry",
    "social_security",
    "identity",
    "eid",
];

fn national_number_columns(shape: &Shape) -> Vec<String> {
    shape
        .columns
        .iter()
        .filter(|(table, column, _)| {
            let name = format!("{table}.{column}").to_lowercase();
            name.split(['.', '_'])
                .any(|word| NATIONAL_NUMBER_WORDS.contains(&word))
                || NATIONAL_NUMBER_WORDS
                    .iter()
                    .any(|w| w.contains('_') && name.contains(w))
        })
        .map(|(table, column, _)| format!("{table}.{column}"))
        .collect()
}

#[test]
fn the_national_number_words_find_such_a_column() {
    let mut shape = Shape::default();
    shape
        .columns
        .insert(("worker".into(), "insz".into(), false));
    shape
        .columns
        .insert(("client".into(), "national_register_number".into(), false));
    shape
        .columns
        .insert(("worker".into(), "first_name".into(), false));
    assert_eq!(
        national_number_columns(&shape),
        ["client.national_register_number", "worker.insz"]
    );
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_national_register_number_is_stored() {
        let shape = super::sqlite_shape().await;
        assert!(shape.columns.len() > 50);
        assert_eq!(super::national_number_columns(&shape), Vec::<String>::new());
    }
}

// In a module named `postgres`, so `make test-postgres` runs it (it needs PostgreSQL).
mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_national_register_number_is_stored() {
        let shape = super::postgres_shape().await;
        assert!(shape.columns.len() > 50);
        assert_eq!(super::national_number_columns(&shape), Vec::<String>::new());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_sqlite_and_postgres_schemas_match() {
        let sqlite = super::sqlite_shape().await;
        let postgres = super::postgres_shape().await;
        assert!(sqlite.columns.len() > 50, "{:?}", sqlite.columns);
        assert!(!sqlite.triggers.is_empty());
        let mut problems = super::differences("column", &sqlite.columns, &postgres.columns);
        problems.extend(super::differences(
            "index",
            &sqlite.indexes,
            &postgres.indexes,
        ));
        problems.extend(super::differences(
            "unique",
            &sqlite.uniques,
            &postgres.uniques,
        ));
        problems.extend(super::differences(
            "trigger",
            &sqlite.triggers,
            &postgres.triggers,
        ));
        assert!(
            problems.is_empty(),
            "the schemas drifted apart:\n{}",
            problems.join("\n")
        );
    }
}
