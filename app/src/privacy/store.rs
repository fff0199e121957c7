//! Reading a person's rows of every table, as JSON objects, whatever the table's columns.

use serde_json::{Map, Value};

use crate::db::DbConn;

/// One table's part of a person's data: the rows `filter` selects (with `$1` the person's
/// id), without the columns that are secrets rather than data (password and code hashes).
pub struct Part {
    pub table: &'static str,
    pub filter: &'static str,
}

/// Columns never exported: hashes of passwords and codes are keys, not data about a person.
const SECRETS: &[&str] = &["password_hash", "code_hash", "secret"];

/// The rows of `part` for the person `id`, each a JSON object keyed by column, in id order.
pub async fn rows(
    c: DbConn<'_>,
    part: &Part,
    id: i64,
) -> Result<Vec<Map<String, Value>>, sqlx::Error> {
    let text: String = match c {
        DbConn::Sqlite(c) => {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(part.table)
                    .fetch_all(&mut *c)
                    .await?;
            let object = columns
                .iter()
                .filter(|col| !SECRETS.contains(&col.as_str()))
                .map(|col| format!("'{col}', \"{col}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT COALESCE(json_group_array(json(o)), '[]') FROM \
                 (SELECT json_object({object}) AS o FROM \"{}\" WHERE {} ORDER BY 1)",
                part.table, part.filter
            );
            sqlx::query_scalar(&sql).bind(id).fetch_one(&mut *c).await?
        }
        DbConn::Postgres(c) => {
            let sql = format!(
                "SELECT COALESCE(json_agg(to_jsonb(t) - $2::text[])::text, '[]') \
                 FROM \"{}\" t WHERE {}",
                part.table, part.filter
            );
            let secrets: Vec<&str> = SECRETS.to_vec();
            sqlx::query_scalar(&sql)
                .bind(id)
                .bind(secrets)
                .fetch_one(&mut *c)
                .await?
        }
    };
    let rows: Vec<Map<String, Value>> =
        serde_json::from_str(&text).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(rows)
}

// ---- Retention ----

use chrono::{DateTime, NaiveDate, Utc};

use crate::ids::{ClientId, OrganisationId, WorkerId};
use crate::on;

/// What stands where a name or a free text was.
pub const ANONYMISED: &str = "[geanonimiseerd]";

pub async fn retention_months(c: DbConn<'_>, id: OrganisationId) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT retention_months FROM organisation WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(id).fetch_one(c).await)
}

pub async fn set_retention_months(
    c: DbConn<'_>,
    id: OrganisationId,
    months: i64,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "UPDATE organisation SET retention_months = $2 WHERE id = $1";
    on!(c, c => sqlx::query(SQL).bind(id).bind(months).execute(c).await.map(|_| ()))
}

/// Every organisation with its retention.
pub async fn retentions(c: DbConn<'_>) -> Result<Vec<(OrganisationId, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT id, retention_months FROM organisation ORDER BY id";
    on!(c, c => sqlx::query_as(SQL).fetch_all(c).await)
}

/// Workers whose trajectory ended before `ended_before`, not anonymised yet.
pub async fn workers_due(
    c: DbConn<'_>,
    organisation: OrganisationId,
    ended_before: NaiveDate,
) -> Result<Vec<WorkerId>, sqlx::Error> {
    const SQL: &str = "SELECT id FROM worker WHERE organisation_id = $1 \
        AND anonymised_at IS NULL AND ended_on IS NOT NULL AND ended_on < $2 ORDER BY id";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation).bind(ended_before).fetch_all(c).await)
}

/// Gebruikers with nothing since `since` (no work planned, no request, no purchase, no fee)
/// and nothing open (no valid cheques on `today`, no prestatie waiting for an answer or for
/// cheques), not anonymised yet.
pub async fn clients_due(
    c: DbConn<'_>,
    organisation: OrganisationId,
    since: NaiveDate,
    since_instant: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Vec<ClientId>, sqlx::Error> {
    const SQL: &str = "SELECT c.id FROM client c WHERE c.organisation_id = $1 \
        AND c.anonymised_at IS NULL AND c.created_at < $3 \
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.client_id = c.id \
                        AND a.planned_date >= $2) \
        AND NOT EXISTS (SELECT 1 FROM request r WHERE r.client_id = c.id AND r.created_at >= $3) \
        AND NOT EXISTS (SELECT 1 FROM cheque_batch b WHERE b.client_id = c.id \
                        AND (b.bought_on >= $2 OR b.valid_until >= $4)) \
        AND NOT EXISTS (SELECT 1 FROM client_fee f WHERE f.client_id = c.id AND f.paid_on >= $2) \
        AND NOT EXISTS (SELECT 1 FROM time_entry e JOIN assignment a ON a.id = e.assignment_id \
                        WHERE a.client_id = c.id \
                          AND (e.status IN ('running', 'submitted', 'disputed', 'review') \
                               OR e.cheques_owed > 0)) \
        ORDER BY c.id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(organisation)
        .bind(since)
        .bind(since_instant)
        .bind(today)
        .fetch_all(c)
        .await)
}

/// Statements run with `$1` the person's id, and `$2` [`ANONYMISED`] where they use it.
async fn run_all(c: DbConn<'_>, statements: &[&str], id: i64) -> Result<(), sqlx::Error> {
    on!(c, c => {
        for sql in statements {
            let query = sqlx::query(sql).bind(id);
            let query = if sql.contains("$2") { query.bind(ANONYMISED) } else { query };
            query.execute(&mut *c).await?;
        }
        Ok(())
    })
}

/// An account can no longer log in and says nothing about who it was; its codes and second
/// factor go, its trail keeps the events without their details.
pub async fn anonymise_account(c: DbConn<'_>, account: i64) -> Result<(), sqlx::Error> {
    run_all(
        c,
        &[
            "UPDATE account SET email = 'anoniem-' || id || '@invalid', display_name = $2, \
             password_hash = '!', active = FALSE, language = NULL WHERE id = $1",
            "DELETE FROM activation_code WHERE account_id = $1",
            "DELETE FROM recovery_code WHERE account_id = $1",
            "DELETE FROM second_factor WHERE account_id = $1",
            "UPDATE audit_event SET detail = $2 WHERE detail <> '' AND detail <> $2 \
             AND (account_id = $1 OR (subject = 'account' AND subject_id = $1))",
        ],
        account,
    )
    .await
}

/// The wijk-werker's name and phone go (`None` when another process did it first): the row
/// with municipality, trajectory and outcome stays for the reports. Answers the account.
pub async fn anonymise_worker_row(
    c: DbConn<'_>,
    worker: WorkerId,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    const SQL: &str = "UPDATE worker SET first_name = $2, last_name = '', phone = NULL, \
        iban = NULL, anonymised_at = $3 WHERE id = $1 AND anonymised_at IS NULL \
        RETURNING account_id";
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(worker)
        .bind(ANONYMISED)
        .bind(now)
        .fetch_optional(c)
        .await)
}

/// What the wijk-werker wrote or was written about them: skills, availability, notes, reasons,
/// the phone's taps, the trail's details of their file, assignments and prestaties.
pub async fn clear_worker_texts(c: DbConn<'_>, worker: WorkerId) -> Result<(), sqlx::Error> {
    run_all(
        c,
        &[
            "DELETE FROM worker_skill WHERE worker_id = $1",
            "DELETE FROM worker_availability WHERE worker_id = $1",
            "UPDATE time_entry SET note = '', dispute_reason = NULL WHERE worker_id = $1",
            "UPDATE assignment SET decline_reason = NULL WHERE worker_id = $1",
            "UPDATE sync_action SET payload = '{}' WHERE worker_id = $1",
            "UPDATE audit_event SET detail = $2 WHERE detail <> '' AND detail <> $2 \
             AND ((subject = 'worker' AND subject_id = $1) \
               OR (subject = 'time_entry' AND subject_id IN \
                   (SELECT id FROM time_entry WHERE worker_id = $1)) \
               OR (subject = 'assignment' AND subject_id IN \
                   (SELECT id FROM assignment WHERE worker_id = $1)))",
        ],
        worker.0,
    )
    .await
}

/// A private person's name, street and phone go (a school's or a municipality's name is not
/// a person's and stays); postcode, city and municipality stay for the reports. Answers the
/// gebruiker's accounts (`None`: done already by another process).
pub async fn anonymise_client_row(
    c: DbConn<'_>,
    client: ClientId,
    now: DateTime<Utc>,
) -> Result<Option<Vec<i64>>, sqlx::Error> {
    const ROW: &str = "UPDATE client SET \
        name = CASE WHEN kind = 'private_person' THEN $2 ELSE name END, \
        street = CASE WHEN kind = 'private_person' THEN '' ELSE street END, \
        phone = NULL, anonymised_at = $3 WHERE id = $1 AND anonymised_at IS NULL RETURNING id";
    const ACCOUNTS: &str = "SELECT account_id FROM client_login WHERE client_id = $1 \
        UNION SELECT account_id FROM client WHERE id = $1 AND account_id IS NOT NULL";
    on!(c, c => {
        let done: Option<i64> = sqlx::query_scalar(ROW)
            .bind(client)
            .bind(ANONYMISED)
            .bind(now)
            .fetch_optional(&mut *c)
            .await?;
        if done.is_none() {
            return Ok(None);
        }
        let accounts: Vec<i64> = sqlx::query_scalar(ACCOUNTS).bind(client).fetch_all(&mut *c).await?;
        Ok(Some(accounts))
    })
}

/// What the gebruiker wrote or was written about them: request texts and addresses, the work's
/// descriptions, dispute reasons, the trail's details of their file.
pub async fn clear_client_texts(c: DbConn<'_>, client: ClientId) -> Result<(), sqlx::Error> {
    run_all(
        c,
        &[
            "UPDATE request SET description = '', street = NULL, rejected_reason = NULL \
             WHERE client_id = $1",
            "UPDATE assignment SET description = '' WHERE client_id = $1",
            "UPDATE time_entry SET dispute_reason = NULL, note = '' WHERE assignment_id IN \
             (SELECT id FROM assignment WHERE client_id = $1)",
            "UPDATE audit_event SET detail = $2 WHERE detail <> '' AND detail <> $2 \
             AND subject = 'client' AND subject_id = $1",
        ],
        client.0,
    )
    .await
}
