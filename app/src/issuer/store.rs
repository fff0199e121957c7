//! SQL of what goes between the organisation and the issuer: `statement_upload`,
//! `statement_import`, `paper_cheque`, `hand_in_list`, `issuer_payment` (owned here); and the
//! reads of prestaties and the ledger the reconciliation and the hand-in list are made of.

use chrono::{DateTime, NaiveDate, Utc};

use super::{ImportLine, PaperLine, WaitingEntry};
use crate::db::DbConn;
use crate::ids::{AccountId, ClientId, EntryId, OrganisationId};
use crate::on;

pub async fn insert_upload(
    c: DbConn<'_>,
    organisation: OrganisationId,
    (file_name, file_hash, rows_json): (&str, &str, &str),
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO statement_upload (organisation_id, file_name, file_hash, \
        rows_json, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation)
        .bind(file_name)
        .bind(file_hash)
        .bind(rows_json)
        .bind(by)
        .bind(now)
        .fetch_one(c)
        .await)
}

/// An upload of the organisation: (file name, hash, rows as JSON).
pub async fn upload(
    c: DbConn<'_>,
    organisation: OrganisationId,
    id: i64,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    const SQL: &str = "SELECT file_name, file_hash, rows_json FROM statement_upload \
        WHERE id = $1 AND organisation_id = $2";
    on!(c, c => sqlx::query_as(SQL).bind(id).bind(organisation).fetch_optional(c).await)
}

/// When the file with this hash was imported, if it was.
pub async fn imported_at(
    c: DbConn<'_>,
    organisation: OrganisationId,
    file_hash: &str,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    const SQL: &str =
        "SELECT imported_at FROM statement_import WHERE organisation_id = $1 AND file_hash = $2";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation).bind(file_hash).fetch_optional(c).await)
}

pub async fn insert_import(
    c: DbConn<'_>,
    organisation: OrganisationId,
    (file_name, file_hash): (&str, &str),
    (lines, cheques): (i64, i64),
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "INSERT INTO statement_import (organisation_id, file_name, file_hash, \
        lines, cheques, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
        RETURNING id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation)
        .bind(file_name)
        .bind(file_hash)
        .bind(lines)
        .bind(cheques)
        .bind(by)
        .bind(now)
        .fetch_one(c)
        .await)
}

pub async fn imports(
    c: DbConn<'_>,
    organisation: OrganisationId,
) -> Result<Vec<ImportLine>, sqlx::Error> {
    const SQL: &str = "SELECT file_name, lines, cheques, imported_at FROM statement_import \
        WHERE organisation_id = $1 ORDER BY imported_at DESC, id DESC LIMIT 12";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).fetch_all(c).await)
}

/// The organisation's gebruikers by gebruikersnummer.
pub async fn clients_by_number(
    c: DbConn<'_>,
    organisation: OrganisationId,
) -> Result<Vec<(String, ClientId, crate::ids::MunicipalityId)>, sqlx::Error> {
    const SQL: &str =
        "SELECT client_number, id, municipality_id FROM client WHERE organisation_id = $1";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).fetch_all(c).await)
}

/// Is an issuer's reference known already (a batch of the organisation carries it)?
pub async fn reference_known(
    c: DbConn<'_>,
    organisation: OrganisationId,
    reference: &str,
) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "SELECT COUNT(*) FROM cheque_batch WHERE organisation_id = $1 AND reference = $2";
    let n: i64 =
        on!(c, c => sqlx::query_scalar(SQL).bind(organisation).bind(reference).fetch_one(c).await)?;
    Ok(n > 0)
}

/// The organisation's prestaties confirmed and waiting for cheques, oldest work first.
pub async fn waiting(
    c: DbConn<'_>,
    organisation: OrganisationId,
) -> Result<Vec<WaitingEntry>, sqlx::Error> {
    const SQL: &str = "SELECT e.id, e.work_date, w.first_name || ' ' || w.last_name AS worker_name, \
          cl.name AS client_name, e.minutes, e.cheques_owed \
        FROM time_entry e \
        JOIN worker w ON w.id = e.worker_id \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN client cl ON cl.id = a.client_id \
        WHERE e.organisation_id = $1 AND e.cheques_owed > 0 \
          AND e.status IN ('confirmed', 'corrected') \
        ORDER BY e.work_date, e.id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).fetch_all(c).await)
}

pub struct NewPaper<'a> {
    pub number: &'a str,
    pub organisation: OrganisationId,
    pub entry: EntryId,
    pub price_cents: i64,
    pub month: NaiveDate,
    pub by: AccountId,
}

pub async fn insert_paper(
    c: DbConn<'_>,
    p: &NewPaper<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO paper_cheque (number, organisation_id, time_entry_id, \
        price_cents, month, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on!(c, c => sqlx::query(SQL)
        .bind(p.number)
        .bind(p.organisation)
        .bind(p.entry)
        .bind(p.price_cents)
        .bind(p.month)
        .bind(p.by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// Which of these numbers are recorded already, anywhere.
pub async fn known_numbers(c: DbConn<'_>, numbers: &[String]) -> Result<Vec<String>, sqlx::Error> {
    let mut known = Vec::new();
    const SQL: &str = "SELECT COUNT(*) FROM paper_cheque WHERE number = $1";
    match c {
        DbConn::Sqlite(c) => {
            for n in numbers {
                let found: i64 = sqlx::query_scalar(SQL).bind(n).fetch_one(&mut *c).await?;
                if found > 0 {
                    known.push(n.clone());
                }
            }
        }
        DbConn::Postgres(c) => {
            for n in numbers {
                let found: i64 = sqlx::query_scalar(SQL).bind(n).fetch_one(&mut *c).await?;
                if found > 0 {
                    known.push(n.clone());
                }
            }
        }
    }
    Ok(known)
}

/// The paper cheques of a month's hand-in list, by number.
pub async fn paper_of_month(
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: NaiveDate,
) -> Result<Vec<PaperLine>, sqlx::Error> {
    const SQL: &str = "SELECT p.number, e.work_date, \
          w.first_name || ' ' || w.last_name AS worker_name, cl.name AS client_name, \
          cl.client_number, p.price_cents \
        FROM paper_cheque p \
        JOIN time_entry e ON e.id = p.time_entry_id \
        JOIN worker w ON w.id = e.worker_id \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN client cl ON cl.id = a.client_id \
        WHERE p.organisation_id = $1 AND p.month = $2 ORDER BY p.number";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).bind(month).fetch_all(c).await)
}

/// When the month's hand-in list was closed, if it was.
pub async fn hand_in_closed(
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: NaiveDate,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    const SQL: &str =
        "SELECT closed_at FROM hand_in_list WHERE organisation_id = $1 AND month = $2";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation).bind(month).fetch_optional(c).await)
}

pub async fn close_hand_in(
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: NaiveDate,
    (cheques, amount_cents): (i64, i64),
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO hand_in_list (organisation_id, month, cheques, amount_cents, \
        closed_by, closed_at) VALUES ($1, $2, $3, $4, $5, $6)";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation)
        .bind(month)
        .bind(cheques)
        .bind(amount_cents)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The electronic cheques that paid prestaties in [from, until) (less those refunded), and
/// their value at their batches' prices.
pub async fn electronic_used(
    c: DbConn<'_>,
    organisation: OrganisationId,
    (from, until): (DateTime<Utc>, DateTime<Utc>),
) -> Result<(i64, i64), sqlx::Error> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(u.cheques), 0) AS BIGINT), \
          CAST(COALESCE(SUM(u.cheques * b.price_cents), 0) AS BIGINT) \
        FROM cheque_use u \
        JOIN cheque_ledger l ON l.id = u.ledger_id \
        JOIN cheque_batch b ON b.id = u.batch_id \
        WHERE l.organisation_id = $1 AND l.created_at >= $2 AND l.created_at < $3 \
          AND l.reason IN ('prestatie', 'refund')";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).bind(from).bind(until).fetch_one(c).await)
}

/// The paper cheques of a month's list: how many and their value.
pub async fn paper_total(
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: NaiveDate,
) -> Result<(i64, i64), sqlx::Error> {
    const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT), \
          CAST(COALESCE(SUM(price_cents), 0) AS BIGINT) \
        FROM paper_cheque WHERE organisation_id = $1 AND month = $2";
    on!(c, c => sqlx::query_as(SQL).bind(organisation).bind(month).fetch_one(c).await)
}

/// What the issuer paid for a month.
pub async fn paid_for(
    c: DbConn<'_>,
    organisation: OrganisationId,
    month: NaiveDate,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) FROM issuer_payment \
        WHERE organisation_id = $1 AND month = $2";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation).bind(month).fetch_one(c).await)
}

pub async fn insert_issuer_payment(
    c: DbConn<'_>,
    organisation: OrganisationId,
    (month, amount_cents, paid_on, reference): (NaiveDate, i64, NaiveDate, &str),
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO issuer_payment (organisation_id, month, amount_cents, paid_on, \
        reference, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on!(c, c => sqlx::query(SQL)
        .bind(organisation)
        .bind(month)
        .bind(amount_cents)
        .bind(paid_on)
        .bind(reference)
        .bind(by)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}
