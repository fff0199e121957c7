//! `server check`: is the database whole, and do the cheques add up? Run it after a crash, a
//! restore or an upgrade; it changes nothing, and exits non-zero when anything is wrong.
//!
//! - the file itself (SQLite: `PRAGMA integrity_check` and `foreign_key_check`; PostgreSQL
//!   keeps its own pages checked and has no such statement without extensions);
//! - every gebruiker's balance, the sum of their ledger, is zero or more;
//! - no batch gave out more cheques than it held, and every payment or refund took from (or
//!   gave back to) batches exactly what it says;
//! - no revision of a prestatie paid twice, and nothing is charged for a prestatie that is not
//!   (or no longer) confirmed;
//! - every confirmed prestatie is paid (electronic or paper cheques), or waits for cheques;
//! - no clock runs longer than its organisation's maximum (plus the job's minute);
//! - the report's monthly summaries hold what the prestaties and the ledger add up to.

use app::db::Db;
use app::on;
use chrono::{DateTime, Utc};

/// One rule checked, and how many rows break it.
#[derive(Debug)]
pub struct Finding {
    pub rule: &'static str,
    pub broken: i64,
}

/// Counting statements: each answers the number of rows that break its rule.
const COUNTS: &[(&str, &str)] = &[
    (
        "balances below zero",
        "SELECT COUNT(*) FROM (SELECT client_id FROM cheque_ledger GROUP BY client_id \
         HAVING SUM(change) < 0) x",
    ),
    (
        "batches that gave out more than they held",
        "SELECT COUNT(*) FROM (SELECT b.id FROM cheque_batch b \
         JOIN cheque_use u ON u.batch_id = b.id GROUP BY b.id, b.cheques \
         HAVING SUM(u.cheques) > b.cheques OR SUM(u.cheques) < 0) x",
    ),
    (
        "payments or refunds whose batches do not add up",
        "SELECT COUNT(*) FROM cheque_ledger l WHERE l.reason IN ('prestatie', 'refund') \
         AND -l.change <> COALESCE((SELECT SUM(u.cheques) FROM cheque_use u \
         WHERE u.ledger_id = l.id), 0)",
    ),
    (
        "prestaties paid twice",
        "SELECT COUNT(*) FROM (SELECT time_entry_id, revision FROM cheque_ledger \
         WHERE reason = 'prestatie' GROUP BY time_entry_id, revision HAVING COUNT(*) > 1) x",
    ),
    (
        "prestaties charged but not confirmed",
        "SELECT COUNT(*) FROM (SELECT e.id FROM time_entry e \
         JOIN cheque_ledger l ON l.time_entry_id = e.id \
         WHERE e.status NOT IN ('confirmed', 'corrected') GROUP BY e.id \
         HAVING SUM(l.change) <> 0) x",
    ),
    (
        "confirmed prestaties neither paid nor waiting for cheques",
        "SELECT COUNT(*) FROM time_entry e WHERE e.status IN ('confirmed', 'corrected') \
         AND e.cheques_owed = 0 AND e.minutes > 0 AND NOT EXISTS (SELECT 1 FROM cheque_ledger l \
         WHERE l.time_entry_id = e.id AND l.reason = 'prestatie' AND l.revision = e.revision) \
         AND NOT EXISTS (SELECT 1 FROM paper_cheque p WHERE p.time_entry_id = e.id)",
    ),
];

/// Every rule, with what breaks it (zero when all is well).
pub async fn check(db: &Db, now: DateTime<Utc>) -> Result<Vec<Finding>, sqlx::Error> {
    let mut conn = db.conn().await?;
    let mut findings = Vec::new();
    if let Db::Sqlite(_) = db {
        let c = conn.c();
        let answers: Vec<String> = on!(c, c => sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(c)
            .await)?;
        findings.push(Finding {
            rule: "database file damaged (integrity_check)",
            broken: answers.iter().filter(|a| a.as_str() != "ok").count() as i64,
        });
        let dangling: Vec<sqlx::sqlite::SqliteRow> = match conn.c() {
            app::db::DbConn::Sqlite(c) => {
                sqlx::query("PRAGMA foreign_key_check").fetch_all(c).await?
            }
            app::db::DbConn::Postgres(_) => Vec::new(),
        };
        findings.push(Finding {
            rule: "references to missing rows (foreign_key_check)",
            broken: dangling.len() as i64,
        });
    }
    for (rule, sql) in COUNTS {
        let broken: i64 = on!(conn.c(), c => sqlx::query_scalar(sql).fetch_one(c).await)?;
        findings.push(Finding { rule, broken });
    }
    let (workers_off, clients_off) = app::reports::service::summaries_off(&mut conn).await?;
    findings.push(Finding {
        rule: "report months of wijk-werkers that differ from their prestaties",
        broken: workers_off as i64,
    });
    findings.push(Finding {
        rule: "report months of gebruikers that differ from their prestaties and cheques",
        broken: clients_off as i64,
    });
    // The forgotten-clock job closes a clock at its organisation's maximum, every minute.
    let running: Vec<(DateTime<Utc>, i64)> = on!(conn.c(), c => sqlx::query_as(
        "SELECT e.started_at, CAST(o.forgotten_close_minutes AS BIGINT) FROM time_entry e \
         JOIN organisation o ON o.id = e.organisation_id WHERE e.status = 'running'",
    )
    .fetch_all(c)
    .await)?;
    let slack = chrono::Duration::minutes(5);
    findings.push(Finding {
        rule: "clocks running past their maximum",
        broken: running
            .iter()
            .filter(|(started, max)| now - *started > chrono::Duration::minutes(*max) + slack)
            .count() as i64,
    });
    Ok(findings)
}
