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
use server::operations::generate::{BASE, Size};

const SIZE: Size = Size { workers: 10_000 };
const TARGET: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, PartialEq)]
enum Backend {
    Sqlite,
    Postgres,
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
            "{name}: generating {} wijk-werkers, {} prestaties over three years",
            SIZE.workers,
            SIZE.entries()
        );
        let demo = app::demo::load(&db, "Bench", "bench.test", now)
            .await
            .expect("demo");
        let org = demo.organisation_id;
        server::operations::generate::generate(&db, org, SIZE)
            .await
            .expect("generate");
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
        // The allowance export of November 2026: every wijk-werker's confirmed hours and km.
        let mut times = Vec::new();
        let mut lines = 0;
        for _ in 0..5 {
            let mut conn = db.conn().await.expect("conn");
            let began = Instant::now();
            let month =
                app::allowances::service::month(&ctx, &mut conn, Some("2026-11".to_string()))
                    .await
                    .expect("allowances");
            times.push(began.elapsed());
            lines = month.lines.len();
        }
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "  {:<44} median {:>6.0} ms (best {:.0} ms): {lines} wijk-werkers",
            "allowance export, November 2026",
            median.as_secs_f64() * 1000.0,
            times[0].as_secs_f64() * 1000.0,
        );
        if median > TARGET {
            over.push(format!("{name}: allowance export"));
        }
        db.close().await;
    }
    if !over.is_empty() {
        eprintln!("over the 1 s target: {over:?}");
        std::process::exit(1);
    }
    println!("every report under 1 s");
}
