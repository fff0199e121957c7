//! SQL of the payment runs (`payment_run`, `payment_run_line`, `payment_run_entry`, owned
//! here, all append-only), and the reads of prestaties and workers a run is reckoned from.

use chrono::{DateTime, NaiveDate, Utc};

use super::MyPayment;
use super::rules::EntryPay;
use crate::allowances::rules::Sums;
use crate::db::DbConn;
use crate::ids::{AccountId, EntryId, OrganisationId, WorkerId};
use crate::on;

/// The organisation's row, locked until the transaction ends: one run closes at a time.
pub async fn lock(c: DbConn<'_>, organisation: OrganisationId) -> Result<bool, sqlx::Error> {
    crate::db::lock_owner(c, crate::db::Owner::Organisation, organisation.0).await
}

/// A prestatie that counts for the allowance now, with what a run needs to pay it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Counting {
    pub id: EntryId,
    pub revision: i64,
    pub worker_id: WorkerId,
    pub work_date: NaiveDate,
    pub minutes: i64,
    pub km: i64,
}

/// The organisation's prestaties that count for the allowance (confirmed, or corrected with the
/// gebruiker's agreement) with a work day in [from, until), whose revision no closed run paid.
pub async fn unpaid(
    c: DbConn<'_>,
    organisation: OrganisationId,
    (from, until): (NaiveDate, NaiveDate),
) -> Result<Vec<Counting>, sqlx::Error> {
    const SQL: &str = "SELECT e.id, e.revision, e.worker_id, e.work_date, e.minutes, e.km \
        FROM time_entry e \
        WHERE e.organisation_id = $1 AND e.work_date >= $2 AND e.work_date < $3 \
          AND e.status IN ('confirmed', 'corrected') \
          AND NOT EXISTS (SELECT 1 FROM payment_run_entry p WHERE p.time_entry_id = e.id \
            AND p.revision = e.revision AND p.sign = 1) \
        ORDER BY e.worker_id, e.work_date, e.id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).bind(from).bind(until).fetch_all(c).await)
}

#[derive(sqlx::FromRow)]
struct PaidRow {
    time_entry_id: EntryId,
    revision: i64,
    worker_id: WorkerId,
    work_date: NaiveDate,
    minutes: i64,
    cheques: i64,
    km: i64,
    paid_km: i64,
    work_cents: i64,
    km_cents: i64,
}

impl From<PaidRow> for EntryPay {
    fn from(r: PaidRow) -> EntryPay {
        EntryPay {
            entry: r.time_entry_id,
            revision: r.revision,
            worker: r.worker_id,
            work_date: r.work_date,
            sums: Sums {
                entries: 1,
                minutes: r.minutes,
                cheques: r.cheques,
                km: r.km,
                paid_km: r.paid_km,
                per_minute_cents: 0,
            },
            work_cents: r.work_cents,
            km_cents: r.km_cents,
        }
    }
}

/// What closed runs paid for prestaties that no longer count as they were paid: rejected,
/// sent back to the gebruiker, or corrected into a new revision (and not taken back yet).
pub async fn changed_since_paid(
    c: DbConn<'_>,
    organisation: OrganisationId,
) -> Result<Vec<EntryPay>, sqlx::Error> {
    const SQL: &str = "SELECT p.time_entry_id, p.revision, p.worker_id, p.work_date, p.minutes, \
          p.cheques, p.km, p.paid_km, p.work_cents, p.km_cents \
        FROM payment_run_entry p JOIN time_entry e ON e.id = p.time_entry_id \
        WHERE e.organisation_id = $1 AND p.sign = 1 \
          AND (e.revision <> p.revision OR e.status NOT IN ('confirmed', 'corrected')) \
          AND NOT EXISTS (SELECT 1 FROM payment_run_entry q \
            WHERE q.time_entry_id = p.time_entry_id AND q.revision = p.revision AND q.sign = -1) \
        ORDER BY p.worker_id, p.work_date, p.time_entry_id";
    let rows: Vec<PaidRow> =
        on!(c, c => sqlx::query_as(SQL).bind(organisation).fetch_all(c).await)?;
    Ok(rows.into_iter().map(EntryPay::from).collect())
}

/// A worker a run names: who, and the account on file.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Payee {
    pub id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub iban: Option<String>,
}

pub async fn payees(
    c: DbConn<'_>,
    organisation: OrganisationId,
) -> Result<Vec<Payee>, sqlx::Error> {
    const SQL: &str = "SELECT id, first_name, last_name, iban FROM worker \
        WHERE organisation_id = $1 ORDER BY last_name, first_name, id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).fetch_all(c).await)
}

/// A closed run.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RunRow {
    pub id: i64,
    pub month: NaiveDate,
    pub total_cents: i64,
    pub transfers: i64,
    pub sepa_xml: String,
    pub closed_at: DateTime<Utc>,
    pub closed_by: Option<String>,
}

const RUN: &str = "SELECT r.id, r.month, r.total_cents, r.transfers, r.sepa_xml, r.closed_at, \
    a.display_name AS closed_by \
    FROM payment_run r LEFT JOIN account a ON a.id = r.closed_by";

pub async fn closed(
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: NaiveDate,
) -> Result<Option<RunRow>, sqlx::Error> {
    let sql = format!("{RUN} WHERE r.organisation_id = $1 AND r.month = $2");
    on!(c, c => sqlx::query_as(&sql).bind(organisation).bind(month).fetch_optional(c).await)
}

/// The month of the organisation's first and of its last closed run.
pub async fn first_and_last(
    c: DbConn<'_>,
    organisation: OrganisationId,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), sqlx::Error> {
    const SQL: &str = "SELECT MIN(month), MAX(month) FROM payment_run WHERE organisation_id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).fetch_one(c).await)
}

pub struct NewRun<'a> {
    pub organisation: OrganisationId,
    pub month: NaiveDate,
    pub total_cents: i64,
    pub transfers: i64,
    pub message_id: &'a str,
    pub sepa_xml: &'a str,
    pub closed_by: AccountId,
}

pub async fn insert_run(
    c: DbConn<'_>,
    run: &NewRun<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO payment_run (organisation_id, month, total_cents, transfers, \
        message_id, sepa_xml, closed_by, closed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
        RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(run.organisation)
        .bind(run.month)
        .bind(run.total_cents)
        .bind(run.transfers)
        .bind(run.message_id)
        .bind(run.sepa_xml)
        .bind(run.closed_by)
        .bind(now)
        .fetch_one(c)
        .await)
}

pub async fn insert_line(
    c: DbConn<'_>,
    run: i64,
    worker: WorkerId,
    iban: &str,
    line: &super::LineSums,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO payment_run_line (run_id, worker_id, iban, entries, minutes, \
        cheques, km, paid_km, work_cents, km_cents, total_cents) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    let s = &line.sums;
    on!(c, c => sqlx::query(SQL)
        .bind(run)
        .bind(worker)
        .bind(iban)
        .bind(line.entries)
        .bind(s.minutes)
        .bind(s.cheques)
        .bind(s.km)
        .bind(s.paid_km)
        .bind(line.work_cents)
        .bind(line.km_cents)
        .bind(line.total_cents)
        .execute(c)
        .await
        .map(|_| ()))
}

pub async fn insert_entry(
    c: DbConn<'_>,
    run: i64,
    pay: &EntryPay,
    sign: i64,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO payment_run_entry (run_id, time_entry_id, revision, sign, \
        worker_id, work_date, minutes, cheques, km, paid_km, work_cents, km_cents) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    let s = &pay.sums;
    on!(c, c => sqlx::query(SQL)
        .bind(run)
        .bind(pay.entry)
        .bind(pay.revision)
        .bind(sign)
        .bind(pay.worker)
        .bind(pay.work_date)
        .bind(s.minutes)
        .bind(s.cheques)
        .bind(s.km)
        .bind(s.paid_km)
        .bind(pay.work_cents)
        .bind(pay.km_cents)
        .execute(c)
        .await
        .map(|_| ()))
}

/// A closed run's lines, by name.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClosedLine {
    pub worker_id: WorkerId,
    pub first_name: String,
    pub last_name: String,
    pub iban: String,
}

pub async fn closed_lines(c: DbConn<'_>, run: i64) -> Result<Vec<ClosedLine>, sqlx::Error> {
    const SQL: &str = "SELECT l.worker_id, w.first_name, w.last_name, l.iban \
        FROM payment_run_line l JOIN worker w ON w.id = l.worker_id \
        WHERE l.run_id = $1 ORDER BY w.last_name, w.first_name, w.id";
    on!(c, c => sqlx::query_as(SQL).bind(run).fetch_all(c).await)
}

/// A closed run's prestaties (paid and taken back), for its lines and statements.
pub async fn closed_entries(c: DbConn<'_>, run: i64) -> Result<Vec<(EntryPay, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT time_entry_id, revision, worker_id, work_date, minutes, cheques, km, \
        paid_km, work_cents, km_cents, sign FROM payment_run_entry WHERE run_id = $1 \
        ORDER BY worker_id, work_date, time_entry_id, sign";
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        paid: PaidRow,
        sign: i64,
    }
    let rows: Vec<Row> = on!(c, c => sqlx::query_as(SQL).bind(run).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|r| (r.paid.into(), r.sign)).collect())
}

/// One line of a worker's statement: a prestatie a run paid or took back, with what it was.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StatementRow {
    pub work_date: NaiveDate,
    pub client_name: String,
    pub activity: String,
    pub minutes: i64,
    pub cheques: i64,
    pub km: i64,
    pub paid_km: i64,
    pub work_cents: i64,
    pub km_cents: i64,
    pub sign: i64,
}

pub async fn statement_rows(
    c: DbConn<'_>,
    run: i64,
    worker: WorkerId,
) -> Result<Vec<StatementRow>, sqlx::Error> {
    const SQL: &str = "SELECT p.work_date, cl.name AS client_name, act.name AS activity, \
          p.minutes, p.cheques, p.km, p.paid_km, p.work_cents, p.km_cents, p.sign \
        FROM payment_run_entry p \
        JOIN time_entry e ON e.id = p.time_entry_id \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN client cl ON cl.id = a.client_id \
        JOIN activity act ON act.id = a.activity_id \
        WHERE p.run_id = $1 AND p.worker_id = $2 \
        ORDER BY p.work_date, p.time_entry_id, p.sign";
    on!(c, c => sqlx::query_as(SQL).bind(run).bind(worker).fetch_all(c).await)
}

/// The runs that paid the worker, newest first.
pub async fn of_worker(c: DbConn<'_>, worker: WorkerId) -> Result<Vec<MyPayment>, sqlx::Error> {
    const SQL: &str = "SELECT r.month, l.total_cents, r.closed_at FROM payment_run_line l \
        JOIN payment_run r ON r.id = l.run_id WHERE l.worker_id = $1 ORDER BY r.month DESC";
    on!(c, c => sqlx::query_as(SQL).bind(worker).fetch_all(c).await)
}

/// The worker's line in the run of `month`, with the run's id, if that run paid them.
pub async fn worker_run(
    c: DbConn<'_>,
    worker: WorkerId,
    month: NaiveDate,
) -> Result<Option<(i64, String, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT r.id, l.iban, l.total_cents FROM payment_run_line l \
        JOIN payment_run r ON r.id = l.run_id WHERE l.worker_id = $1 AND r.month = $2";
    on!(c, c => sqlx::query_as(SQL).bind(worker).bind(month).fetch_optional(c).await)
}
