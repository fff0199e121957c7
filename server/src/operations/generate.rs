//! `server generate <workers>`: a large, consistent data set for benchmarks. One organisation
//! (the demo's, with its accounts) gets `workers` wijk-werkers in 10 municipalities, half as
//! many gebruikers, two assignments per worker and 150 prestaties per worker spread over three
//! years (2024-01-01 … 2026-11-30): 10 000 workers make 1.5 million prestaties. Every confirmed
//! prestatie is paid once and every gebruiker bought enough cheques, so `server check` passes.
//!
//! Written as one `INSERT … SELECT` per table over a run of numbers, in the SQL both backends
//! share: millions of rows in seconds, not hours of single inserts.

use std::time::Instant;

use app::db::Db;
use app::ids::OrganisationId;

/// Ids of generated rows start here, clear of the demo's own.
pub const BASE: i64 = 1_000_000;
pub const MUNICIPALITIES: i64 = 10;
/// 2024-01-01 … 2026-11-30.
const DAYS: i64 = 1065;

/// How much to generate, from the number of wijk-werkers.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub workers: i64,
}

impl Size {
    pub fn clients(self) -> i64 {
        (self.workers / 2).max(1)
    }
    pub fn assignments(self) -> i64 {
        self.workers * 2
    }
    pub fn entries(self) -> i64 {
        self.workers * 150
    }
}

/// The SQL that differs: a run of numbers `s.i` from 0, and a day `n` days after 2024-01-01.
#[derive(Clone, Copy, PartialEq)]
enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    fn numbers(self, count: i64) -> String {
        match self {
            Dialect::Sqlite => format!(
                "(WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {}) \
                 SELECT i FROM n) AS s",
                count - 1
            ),
            Dialect::Postgres => format!("generate_series(0::bigint, {}) AS s(i)", count - 1),
        }
    }

    fn day(self, n: &str) -> String {
        match self {
            Dialect::Sqlite => format!("date('2024-01-01', '+' || ({n}) || ' days')"),
            Dialect::Postgres => format!("(DATE '2024-01-01' + ({n})::int)"),
        }
    }

    fn instant(self, n: &str, time: &str) -> String {
        match self {
            Dialect::Sqlite => format!("({} || 'T{time}:00+00:00')", self.day(n)),
            Dialect::Postgres => format!("(({} + TIME '{time}') AT TIME ZONE 'UTC')", self.day(n)),
        }
    }
}

/// Fill organisation `org` (which has the demo's 16 activities). Prints a line per table.
pub async fn generate(db: &Db, org: OrganisationId, size: Size) -> Result<(), sqlx::Error> {
    let b = match db {
        Db::Sqlite(_) => Dialect::Sqlite,
        Db::Postgres(_) => Dialect::Postgres,
    };
    let org = org.0;
    let (workers, clients, assignments, entries) = (
        size.workers,
        size.clients(),
        size.assignments(),
        size.entries(),
    );
    let nums = |n| b.numbers(n);
    let start = "(s.i * 37 % 900)";
    let entry_day = format!("(s.i * 7919 % {DAYS})");
    let entry_day = entry_day.as_str();
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
            nums(workers)
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
            nums(workers)
        ),
        format!(
            "INSERT INTO client (id, organisation_id, municipality_id, kind, client_number, name, \
             street, postcode, city, created_at) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i % {MUNICIPALITIES}, \
             CASE s.i % 5 WHEN 0 THEN 'private_person' WHEN 1 THEN 'local_authority' \
               WHEN 2 THEN 'non_profit' WHEN 3 THEN 'school' ELSE 'agriculture' END, \
             'B' || s.i, 'Gebruiker ' || s.i, 'Straat 1', '9000', 'Gent', \
             '2024-01-01T00:00:00+00:00' FROM {}",
            nums(clients)
        ),
        format!(
            "INSERT INTO assignment (id, organisation_id, client_id, worker_id, activity_id, \
             status, planned_date, planned_minutes, created_at) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i * 7 % {clients}, {BASE} + s.i % {workers}, \
             x.id, 'accepted', '2024-01-01', 120, '2024-01-01T00:00:00+00:00' FROM {} \
             JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS n FROM activity \
               WHERE organisation_id = {org}) x ON x.n = s.i % 16",
            nums(assignments)
        ),
        format!(
            "INSERT INTO time_entry (id, organisation_id, assignment_id, worker_id, work_date, \
             started_at, ended_at, minutes, status, source, created_at) \
             SELECT {BASE} + s.i, {org}, {BASE} + s.i % {assignments}, \
             {BASE} + s.i % {assignments} % {workers}, {}, {}, {}, 60 + s.i % 180, \
             CASE s.i % 20 WHEN 0 THEN 'rejected' WHEN 1 THEN 'disputed' \
               WHEN 2 THEN 'submitted' ELSE 'confirmed' END, 'clock', {} FROM {}",
            b.day(entry_day),
            b.instant(entry_day, "08:00"),
            b.instant(entry_day, "11:00"),
            b.instant(entry_day, "11:00"),
            nums(entries)
        ),
        // Each confirmed prestatie paid once, by its assignment's gebruiker, the day after.
        format!(
            "INSERT INTO cheque_ledger (id, organisation_id, client_id, change, reason, \
             time_entry_id, created_at, revision) \
             SELECT {BASE} + s.i, {org}, {BASE} + (s.i % {assignments}) * 7 % {clients}, -2, \
             'prestatie', {BASE} + s.i, {}, 0 FROM {} WHERE s.i % 20 >= 3",
            b.instant(&format!("{entry_day} + 1"), "12:00"),
            nums(entries)
        ),
        // What each gebruiker paid with, bought in one batch at the start, ten to spare.
        format!(
            "INSERT INTO cheque_batch (id, organisation_id, client_id, bought_on, cheques, \
             price_cents, valid_until, created_at) \
             SELECT client_id, {org}, client_id, '2024-01-01', 10 - SUM(change), 790, \
             '2027-12-31', '2024-01-01T00:00:00+00:00' FROM cheque_ledger \
             WHERE organisation_id = {org} AND reason = 'prestatie' AND id >= {BASE} \
             GROUP BY client_id"
        ),
        format!(
            "INSERT INTO cheque_ledger (id, organisation_id, client_id, change, reason, batch_id, \
             created_at) \
             SELECT {entries} + id, {org}, client_id, cheques, 'purchase', id, created_at \
             FROM cheque_batch WHERE organisation_id = {org} AND id >= {BASE}"
        ),
        // Which batch each payment took its cheques from, as the app records it.
        format!(
            "INSERT INTO cheque_use (ledger_id, batch_id, cheques) \
             SELECT id, client_id, -change FROM cheque_ledger \
             WHERE organisation_id = {org} AND reason = 'prestatie' AND id >= {BASE}"
        ),
        // Each statement above updated a report summary row thousands of times in one
        // transaction (the triggers): PostgreSQL keeps every version until the end, a bloat no
        // live system has (between transactions its updates reclaim their own pages). Written
        // compactly, as a restore would.
        if b == Dialect::Postgres {
            "VACUUM FULL report_worker_month, report_client_month"
        } else {
            ""
        }
        .to_string(),
        // PostgreSQL reads an index alone once VACUUM has marked the pages all-visible.
        if b == Dialect::Postgres {
            "VACUUM ANALYZE"
        } else {
            "ANALYZE"
        }
        .to_string(),
    ];
    for sql in steps.into_iter().filter(|sql| !sql.is_empty()) {
        // PostgreSQL hands out its ids itself unless told otherwise.
        let sql = if b == Dialect::Postgres && !sql.starts_with("INSERT INTO cheque_use") {
            sql.replacen(") SELECT ", ") OVERRIDING SYSTEM VALUE SELECT ", 1)
        } else {
            sql
        };
        let began = Instant::now();
        let rows = match db {
            Db::Sqlite(pool) => sqlx::query(&sql)
                .execute(&pool.write)
                .await?
                .rows_affected(),
            Db::Postgres(pool) => sqlx::query(&sql).execute(pool).await?.rows_affected(),
        };
        let what: String = sql.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        println!(
            "  {what:<28} {rows:>9} rows  {:>6.1} s",
            began.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
