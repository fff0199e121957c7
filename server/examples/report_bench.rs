//! `make bench`: Rapport per gemeente on a generated organisation of 10 000 wijk-werkers,
//! 5 000 gebruikers and 1.5 million prestaties (three years), on SQLite and on PostgreSQL. Each
//! report is asked 5 times through the use case the screen calls; the median must stay under a
//! second (issue 10), or the bench fails.

use std::str::FromStr;
use std::time::{Duration, Instant};

use app::auth::{Caller, Principal};
use app::db::Db;
use app::ids::MunicipalityId;
use app::reports::ReportQuery;
use app::request::Ctx;
use chrono::{NaiveDate, TimeZone, Utc};

const WORKERS: i64 = 10_000;
const CLIENTS: i64 = 5_000;
const ASSIGNMENTS: i64 = 20_000;
const ENTRIES: i64 = 1_500_000;
const MUNICIPALITIES: i64 = 10;
/// 2024-01-01 … 2026-11-30.
const DAYS: i64 = 1065;
const BASE: i64 = 1_000_000;
const TARGET: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, PartialEq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// The SQL that differs: a run of numbers `s.i` from 0, and a day `n` days after 2024-01-01.
impl Backend {
    fn numbers(self, count: i64) -> String {
        match self {
            Backend::Sqlite => format!(
                "(WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {}) \
                 SELECT i FROM n) AS s",
                count - 1
            ),
            Backend::Postgres => format!("generate_series(0::bigint, {}) AS s(i)", count - 1),
        }
    }

    fn day(self, n: &str) -> String {
        match self {
            Backend::Sqlite => format!("date('2024-01-01', '+' || ({n}) || ' days')"),
            Backend::Postgres => format!("(DATE '2024-01-01' + ({n})::int)"),
        }
    }

    fn instant(self, n: &str, time: &str) -> String {
        match self {
            Backend::Sqlite => format!("({} || 'T{time}:00+00:00')", self.day(n)),
            Backend::Postgres => format!("(({} + TIME '{time}') AT TIME ZONE 'UTC')", self.day(n)),
        }
    }
}

async fn generate(db: &Db, backend: Backend, org: i64) {
    let b = backend;
    let nums = |n| b.numbers(n);
    let start = "(s.i * 37 % 900)";
    let entry_day = "(s.i * 7919 % 1065)";
    let steps = [
        format!(
            "INSERT INTO municipality (id, organisation_id, name) \
             SELECT {BASE} + s.i, {org}, 'Gemeente ' || s.i FROM {}",
            nums(MUNICIPALITIES)
        ),
        format!(
            "INSERT INTO account (id, organisation_id, email, password_hash, role, display_name, \
             created_at) SELECT {BASE} + s.i, {org}, 'w' || s.i || '@bench.test', 'x', 'worker', \
             'W' || s.i, '2024-01-01T00:00:00+00:00' FROM {}",
            nums(WORKERS)
        ),
        format!(
            "INSERT INTO worker (id, organisation_id, account_id, municipality_id, first_name, \
             last_name, trajectory_start, trajectory_planned_end, created_at, ended_on, outcome) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i, {BASE} + s.i % {MUNICIPALITIES}, 'W', \
             'Nr ' || s.i, {}, {}, '2024-01-01T00:00:00+00:00', \
             CASE WHEN s.i % 3 = 0 THEN {} END, \
             CASE WHEN s.i % 3 = 0 THEN (CASE s.i % 4 WHEN 0 THEN 'work' WHEN 1 THEN 'training' \
               WHEN 2 THEN 'other_measure' ELSE 'stopped' END) END \
             FROM {}",
            b.day(start),
            b.day(&format!("{start} + 364")),
            b.day(&format!("{start} + 200")),
            nums(WORKERS)
        ),
        format!(
            "INSERT INTO client (id, organisation_id, municipality_id, kind, client_number, name, \
             street, postcode, city, created_at) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i % {MUNICIPALITIES}, \
             CASE s.i % 5 WHEN 0 THEN 'private_person' WHEN 1 THEN 'local_authority' \
               WHEN 2 THEN 'non_profit' WHEN 3 THEN 'school' ELSE 'agriculture' END, \
             'B' || s.i, 'Gebruiker ' || s.i, 'Straat 1', '9000', 'Gent', \
             '2024-01-01T00:00:00+00:00' FROM {}",
            nums(CLIENTS)
        ),
        format!(
            "INSERT INTO assignment (id, organisation_id, client_id, worker_id, activity_id, \
             status, planned_date, planned_minutes, created_at) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i * 7 % {CLIENTS}, {BASE} + s.i % {WORKERS}, \
             x.id, 'accepted', '2024-01-01', 120, '2024-01-01T00:00:00+00:00' FROM {} \
             JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM activity \
               WHERE organisation_id = {org}) x ON x.n = s.i % 16",
            nums(ASSIGNMENTS)
        ),
        format!(
            "INSERT INTO time_entry (id, organisation_id, assignment_id, worker_id, work_date, \
             started_at, ended_at, minutes, status, source, created_at) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i % {ASSIGNMENTS}, \
             {BASE} + s.i % {ASSIGNMENTS} % {WORKERS}, {}, {}, {}, 60 + s.i % 180, \
             CASE s.i % 20 WHEN 0 THEN 'rejected' WHEN 1 THEN 'disputed' \
               WHEN 2 THEN 'submitted' ELSE 'confirmed' END, 'clock', {} FROM {}",
            b.day(entry_day),
            b.instant(entry_day, "08:00"),
            b.instant(entry_day, "11:00"),
            b.instant(entry_day, "11:00"),
            nums(ENTRIES)
        ),
        format!(
            "INSERT INTO cheque_ledger (id, organisation_id, client_id, change, reason, \
             time_entry_id, created_at, revision) \
             SELECT {BASE} + s.i, {org}, {BASE} + (s.i % {ASSIGNMENTS}) * 7 % {CLIENTS}, -2, \
             'prestatie', {BASE} + s.i, {}, 0 FROM {} WHERE s.i % 3 = 0",
            b.instant(&format!("{entry_day} + 1"), "12:00"),
            nums(ENTRIES)
        ),
        // PostgreSQL reads an index alone once VACUUM has marked the pages all-visible.
        if b == Backend::Postgres {
            "VACUUM ANALYZE"
        } else {
            "ANALYZE"
        }
        .to_string(),
    ];
    for sql in steps {
        // PostgreSQL hands out its ids itself unless told otherwise.
        let sql = if b == Backend::Postgres {
            sql.replacen(") SELECT ", ") OVERRIDING SYSTEM VALUE SELECT ", 1)
        } else {
            sql
        };
        let began = Instant::now();
        let done = match db {
            Db::Sqlite(pool) => sqlx::query(&sql)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
            Db::Postgres(pool) => sqlx::query(&sql)
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
        };
        let rows = done.unwrap_or_else(|e| panic!("{e}: {sql}"));
        let what: String = sql.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        println!(
            "  {what:<28} {rows:>9} rows  {:>6.1} s",
            began.elapsed().as_secs_f64()
        );
    }
}

async fn open(backend: Backend) -> Option<Db> {
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join("wijkwerk-bench.db");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            Some(
                Db::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .expect("sqlite"),
            )
        }
        Backend::Postgres => {
            let url = std::env::var("TEST_DATABASE_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
            let Ok(admin) = Db::connect(&url).await else {
                println!("PostgreSQL not reachable at {url}: skipped");
                return None;
            };
            if let Db::Postgres(pool) = &admin {
                for sql in [
                    "DROP SCHEMA IF EXISTS wijkwerk_bench CASCADE",
                    "CREATE SCHEMA wijkwerk_bench",
                ] {
                    sqlx::query(sql).execute(pool).await.expect(sql);
                }
            }
            admin.close().await;
            let options = sqlx::postgres::PgConnectOptions::from_str(&url)
                .expect("url")
                .options([("search_path", "wijkwerk_bench")]);
            Some(Db::connect_postgres(options).await.expect("schema"))
        }
    }
}

#[tokio::main]
async fn main() {
    let mut over = Vec::new();
    for (backend, name) in [
        (Backend::Sqlite, "SQLite"),
        (Backend::Postgres, "PostgreSQL"),
    ] {
        let Some(db) = open(backend).await else {
            continue;
        };
        db.migrate().await.expect("migrate");
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        println!(
            "{name}: generating {WORKERS} wijk-werkers, {ENTRIES} prestaties over {DAYS} days"
        );
        let demo = app::demo::load(&db, "Bench", "bench.test", now)
            .await
            .expect("demo");
        let org = demo.organisation_id;
        generate(&db, backend, org.0).await;
        let ctx = Ctx {
            caller: Caller {
                account: demo.accounts["sofie"],
                organisation: org,
                principal: Principal::Coordinator,
            },
            now,
        };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases = [
            (
                "2026, all municipalities, for outside",
                None,
                day(2026, 1, 1),
                true,
            ),
            (
                "2026, one municipality, with names",
                Some(MunicipalityId(BASE)),
                day(2026, 1, 1),
                false,
            ),
            (
                "2024-2026, all municipalities, with names",
                None,
                day(2024, 1, 1),
                false,
            ),
        ];
        for (label, municipality_id, from, anonymous) in cases {
            let query = ReportQuery {
                municipality_id,
                from,
                until: day(2026, 11, 30),
                anonymous,
            };
            let mut times = Vec::new();
            let mut report = None;
            for _ in 0..5 {
                let mut conn = db.conn().await.expect("conn");
                let began = Instant::now();
                let r = app::reports::service::municipality_report(&ctx, &mut conn, query.clone())
                    .await
                    .expect("report");
                times.push(began.elapsed());
                report = Some(r);
            }
            times.sort();
            let median = times[times.len() / 2];
            let r = report.expect("ran");
            println!(
                "  {label:<44} median {:>6.0} ms (best {:.0} ms): {} min, {} workers listed",
                median.as_secs_f64() * 1000.0,
                times[0].as_secs_f64() * 1000.0,
                r.minutes,
                r.workers.len()
            );
            if median > TARGET {
                over.push(format!("{name}: {label}"));
            }
        }
        db.close().await;
    }
    if !over.is_empty() {
        eprintln!("over the 1 s target: {over:?}");
        std::process::exit(1);
    }
    println!("every report under 1 s");
}
