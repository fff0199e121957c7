//! SQL for the `time_entry` table.

use chrono::{DateTime, NaiveDate, Utc};

use super::{EntryLine, EntrySource, EntryStatus, MyEntry, ReviewItem};
use crate::db::DbConn;
use crate::ids::{AccountId, AssignmentId, ClientId, EntryId, OrganisationId, WorkerId};
use crate::on;

const LINE: &str = "SELECT e.id, e.work_date, c.name AS client_name, w.first_name AS worker_name, \
    act.name AS activity, e.minutes, e.status, e.auto_confirmed, e.cheques_owed, e.submitted_at, \
    e.started_at, e.ended_at, e.note, e.revision \
    FROM time_entry e \
    JOIN assignment a ON a.id = e.assignment_id \
    JOIN client c ON c.id = a.client_id \
    JOIN worker w ON w.id = e.worker_id \
    JOIN activity act ON act.id = a.activity_id";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Entry {
    pub id: EntryId,
    pub organisation_id: OrganisationId,
    pub assignment_id: AssignmentId,
    pub worker_id: WorkerId,
    pub client_id: ClientId,
    pub work_date: NaiveDate,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub minutes: Option<i64>,
    pub pause_minutes: i64,
    pub paused_at: Option<DateTime<Utc>>,
    pub km: i64,
    pub note: String,
    pub status: EntryStatus,
    /// The bemiddelaar's corrections so far (a guard against two at once).
    pub revision: i64,
}

impl Entry {
    pub fn span(&self) -> crate::rules::Span {
        crate::rules::Span {
            start_ms: self.started_at.timestamp_millis(),
            end_ms: self.ended_at.map(|e| e.timestamp_millis()),
        }
    }
}

const ENTRY: &str = "SELECT e.id, e.organisation_id, e.assignment_id, e.worker_id, a.client_id, \
    e.work_date, e.started_at, e.ended_at, e.minutes, e.pause_minutes, e.paused_at, e.km, \
    e.note, e.status, e.revision \
    FROM time_entry e JOIN assignment a ON a.id = e.assignment_id";

pub async fn running_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.worker_id = $1 AND e.status = 'running'");
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).fetch_optional(c).await)
}

pub async fn for_worker(
    c: DbConn<'_>,
    entry_id: EntryId,
    worker_id: WorkerId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.id = $1 AND e.worker_id = $2");
    on!(c, c => sqlx::query_as(&sql).bind(entry_id).bind(worker_id).fetch_optional(c).await)
}

pub async fn for_client(
    c: DbConn<'_>,
    entry_id: EntryId,
    client_id: ClientId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.id = $1 AND a.client_id = $2");
    on!(c, c => sqlx::query_as(&sql).bind(entry_id).bind(client_id).fetch_optional(c).await)
}

/// A prestatie of the organisation (for its bemiddelaars).
pub async fn in_organisation(
    c: DbConn<'_>,
    entry_id: EntryId,
    organisation_id: OrganisationId,
) -> Result<Option<Entry>, sqlx::Error> {
    let sql = format!("{ENTRY} WHERE e.id = $1 AND e.organisation_id = $2");
    on!(c, c => sqlx::query_as(&sql).bind(entry_id).bind(organisation_id).fetch_optional(c).await)
}

/// Te bekijken: the organisation's disputed and held prestaties, oldest work first.
pub async fn to_review(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<ReviewItem>, sqlx::Error> {
    const SQL: &str = "SELECT e.id, e.status, e.work_date, e.started_at, e.ended_at, e.minutes, \
        e.pause_minutes, e.km, e.note, e.dispute_reason, w.first_name AS worker_first_name, \
        w.last_name AS worker_last_name, c.name AS client_name, act.name AS activity, \
        e.revision \
        FROM time_entry e \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN client c ON c.id = a.client_id \
        JOIN worker w ON w.id = e.worker_id \
        JOIN activity act ON act.id = a.activity_id \
        WHERE e.organisation_id = $1 AND e.status IN ('disputed', 'review') \
        ORDER BY e.work_date, e.started_at, e.id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

/// A disputed or held prestatie confirmed by a bemiddelaar. False when it was settled (or
/// changed by the worker) meanwhile.
pub async fn settle_confirmed(
    c: DbConn<'_>,
    entry_id: EntryId,
    cheques_owed: i64,
    by_account: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET status = 'confirmed', cheques_owed = $2, \
        decided_by = $3, decided_at = $4 WHERE id = $1 AND status IN ('disputed', 'review')";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(cheques_owed)
        .bind(by_account)
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// The statuses a bemiddelaar settles from: in Te bekijken (disputed, held) or settled before
/// (confirmed, corrected), e.g. a mistake found after payment.
pub const SETTLEABLE: &str = "('disputed', 'review', 'confirmed', 'corrected')";

/// A bemiddelaar's correction of one revision of a prestatie.
pub struct Correction<'a> {
    /// The revision the bemiddelaar saw.
    pub revision: i64,
    pub hours: &'a NewEntry,
    /// `Corrected` when the gebruiker agreed already (`agreed_via`), else `Submitted`: back to
    /// the gebruiker, whose days for the automatic confirmation start now.
    pub status: EntryStatus,
    pub cheques_owed: i64,
    pub agreed_via: Option<super::Agreement>,
}

/// Write a correction as the next revision: the new times, pause and km. False when the
/// prestatie changed meanwhile.
pub async fn correct(
    c: DbConn<'_>,
    entry_id: EntryId,
    change: Correction<'_>,
    by_account: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "UPDATE time_entry SET started_at = $3, ended_at = $4, minutes = $5, \
           pause_minutes = $6, km = $7, status = $8, cheques_owed = $9, agreed_via = $10, \
           revision = revision + 1, auto_confirmed = FALSE, dispute_reason = NULL, \
           decided_by = $11, decided_at = $12, submitted_at = $13, updated_at = $14 \
         WHERE id = $1 AND revision = $2 AND status IN {SETTLEABLE}"
    );
    let h = change.hours;
    let agreed = change.agreed_via.is_some();
    // Sent back, nobody has decided it yet; agreed, the bemiddelaar did, for the gebruiker.
    let decided = agreed.then_some((by_account, now));
    let submitted_at = (!agreed).then_some(now);
    on!(c, c => sqlx::query(&sql)
        .bind(entry_id)
        .bind(change.revision)
        .bind(h.started_at)
        .bind(h.ended_at)
        .bind(h.minutes)
        .bind(h.pause_minutes)
        .bind(h.km)
        .bind(change.status)
        .bind(change.cheques_owed)
        .bind(change.agreed_via.map(|a| a.as_str()))
        .bind(decided.map(|d| d.0))
        .bind(decided.map(|d| d.1))
        .bind(submitted_at)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// A bemiddelaar rejects revision `revision`: it no longer counts and owes nothing. False when
/// it changed meanwhile.
pub async fn reject(
    c: DbConn<'_>,
    entry_id: EntryId,
    revision: i64,
    by_account: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "UPDATE time_entry SET status = 'rejected', cheques_owed = 0, decided_by = $3, \
           decided_at = $4, updated_at = $4 \
         WHERE id = $1 AND revision = $2 AND status IN {SETTLEABLE}"
    );
    on!(c, c => sqlx::query(&sql)
        .bind(entry_id)
        .bind(revision)
        .bind(by_account)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// Lines for a list: `filter` uses `$1` (whose list) and the order; `$2` is the limit.
async fn lines(
    c: DbConn<'_>,
    filter: &str,
    id: i64,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let sql = format!("{LINE} WHERE {filter} LIMIT $2");
    on!(c, c => sqlx::query_as(&sql).bind(id).bind(limit).fetch_all(c).await)
}

pub async fn recent_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let filter = "e.worker_id = $1 AND e.status <> 'running' \
        ORDER BY e.work_date DESC, e.started_at DESC";
    lines(c, filter, worker_id.0, limit).await
}

/// The gebruiker's prestaties waiting for confirmation, oldest first.
pub async fn pending_for_client(
    c: DbConn<'_>,
    client_id: ClientId,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let filter = "a.client_id = $1 AND e.status = 'submitted' \
        ORDER BY e.work_date, e.started_at, e.id";
    lines(c, filter, client_id.0, limit).await
}

/// The gebruiker's confirmed or disputed prestaties, most recent work first.
pub async fn decided_for_client(
    c: DbConn<'_>,
    client_id: ClientId,
    limit: i64,
) -> Result<Vec<EntryLine>, sqlx::Error> {
    let filter = "a.client_id = $1 \
        AND e.status IN ('confirmed', 'disputed', 'corrected', 'rejected') \
        ORDER BY e.work_date DESC, e.started_at DESC, e.id DESC";
    lines(c, filter, client_id.0, limit).await
}

/// Cheques the gebruiker's prestaties still wait for (confirmed without enough of them).
pub async fn owed_by_client(c: DbConn<'_>, client_id: ClientId) -> Result<(i64, i64), sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*), CAST(COALESCE(SUM(e.cheques_owed), 0) AS BIGINT) \
        FROM time_entry e JOIN assignment a ON a.id = e.assignment_id \
        WHERE a.client_id = $1 AND e.cheques_owed > 0";
    on!(c, c => sqlx::query_as(SQL).bind(client_id).fetch_one(c).await)
}

/// "Wacht op cheques", for the bemiddelaar: the organisation's gebruikers with confirmed
/// prestaties their cheques did not cover, the longest waiting first.
pub async fn owing_clients(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<crate::clients::OwingClient>, sqlx::Error> {
    const SQL: &str = "SELECT a.client_id, cl.client_number, cl.name, COUNT(*) AS entries, \
        CAST(SUM(e.cheques_owed) AS BIGINT) AS cheques \
        FROM time_entry e \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN client cl ON cl.id = a.client_id \
        WHERE e.organisation_id = $1 AND e.cheques_owed > 0 \
        GROUP BY a.client_id, cl.client_number, cl.name \
        ORDER BY MIN(e.decided_at), a.client_id";
    on!(c, c => sqlx::query_as(SQL).bind(organisation_id).fetch_all(c).await)
}

/// The gebruiker's prestaties waiting for cheques, the longest waiting first: (id, cheques).
pub async fn owed_for_client(
    c: DbConn<'_>,
    client_id: ClientId,
) -> Result<Vec<(EntryId, i64)>, sqlx::Error> {
    const SQL: &str = "SELECT e.id, e.cheques_owed FROM time_entry e \
        JOIN assignment a ON a.id = e.assignment_id \
        WHERE a.client_id = $1 AND e.cheques_owed > 0 ORDER BY e.decided_at, e.id";
    on!(c, c => sqlx::query_as(SQL).bind(client_id).fetch_all(c).await)
}

/// A prestatie that waited for cheques is paid: it owes nothing more. Returns false when it
/// owed nothing (paid meanwhile).
pub async fn settle_owed(c: DbConn<'_>, entry_id: EntryId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET cheques_owed = 0 WHERE id = $1 AND cheques_owed > 0";
    on!(c, c => sqlx::query(SQL).bind(entry_id).execute(c).await
        .map(|r| r.rows_affected() == 1))
}

pub struct NewEntry {
    pub organisation_id: OrganisationId,
    pub assignment_id: AssignmentId,
    pub worker_id: WorkerId,
    pub work_date: NaiveDate,
    pub started_at: DateTime<Utc>,
    /// `None` for a running clock.
    pub ended_at: Option<DateTime<Utc>>,
    pub minutes: Option<i64>,
    pub pause_minutes: i64,
    pub km: i64,
    pub note: String,
    pub status: EntryStatus,
    pub source: EntrySource,
}

pub async fn insert(
    c: DbConn<'_>,
    e: NewEntry,
    now: DateTime<Utc>,
) -> Result<EntryId, sqlx::Error> {
    const SQL: &str = "INSERT INTO time_entry (organisation_id, assignment_id, worker_id, \
        work_date, started_at, ended_at, minutes, status, source, created_at, pause_minutes, km, \
        note, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
        RETURNING id";
    // Hours entered afterwards go to the gebruiker now: their days start now.
    let submitted_at = (e.status == EntryStatus::Submitted).then_some(now);
    on!(c, c => sqlx::query_scalar(SQL)
        .bind(e.organisation_id)
        .bind(e.assignment_id)
        .bind(e.worker_id)
        .bind(e.work_date)
        .bind(e.started_at)
        .bind(e.ended_at)
        .bind(e.minutes)
        .bind(e.status)
        .bind(e.source)
        .bind(now)
        .bind(e.pause_minutes)
        .bind(e.km)
        .bind(e.note)
        .bind(submitted_at)
        .fetch_one(c)
        .await)
}

/// Stop a running entry as `status` (submitted, or held for review), with its pauses in
/// `pause_minutes`. Returns false when it was not running any more (stopped on another device,
/// or by the forgotten-clock job).
pub async fn stop(
    c: DbConn<'_>,
    entry_id: EntryId,
    ended_at: DateTime<Utc>,
    minutes: i64,
    pause_minutes: i64,
    status: EntryStatus,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET status = $4, ended_at = $2, minutes = $3, \
        pause_minutes = $5, paused_at = NULL, submitted_at = $6 \
        WHERE id = $1 AND status = 'running'";
    // Stopped, it goes to the gebruiker at the Stop (one held for review does not, yet).
    let submitted_at = (status == EntryStatus::Submitted).then_some(ended_at);
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(ended_at)
        .bind(minutes)
        .bind(status)
        .bind(pause_minutes)
        .bind(submitted_at)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// Pauze: a running, unpaused clock is paused from `since`. Returns false when it was not
/// running or already paused.
pub async fn pause(
    c: DbConn<'_>,
    entry_id: EntryId,
    since: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET paused_at = $2 \
        WHERE id = $1 AND status = 'running' AND paused_at IS NULL";
    on!(c, c => sqlx::query(SQL).bind(entry_id).bind(since).execute(c).await
        .map(|r| r.rows_affected() == 1))
}

/// Verder: the pause ends and its `minutes` are added. Returns false when the clock was not
/// running or not paused.
pub async fn resume(c: DbConn<'_>, entry_id: EntryId, minutes: i64) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET paused_at = NULL, \
        pause_minutes = pause_minutes + $2 \
        WHERE id = $1 AND status = 'running' AND paused_at IS NOT NULL";
    on!(c, c => sqlx::query(SQL).bind(entry_id).bind(minutes).execute(c).await
        .map(|r| r.rows_affected() == 1))
}

/// The worker's change to an own prestatie: its times, pause, km and note; it goes back to
/// the gebruiker ("wacht op bevestiging"). Only while the worker may still change it; returns
/// false otherwise (confirmed meanwhile).
pub async fn change_hours(
    c: DbConn<'_>,
    entry_id: EntryId,
    h: &NewEntry,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET work_date = $2, started_at = $3, ended_at = $4, \
        minutes = $5, pause_minutes = $6, km = $7, note = $8, status = 'submitted', \
        dispute_reason = NULL, decided_by = NULL, decided_at = NULL, updated_at = $9, \
        submitted_at = $9 \
        WHERE id = $1 AND status IN ('submitted', 'disputed')";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(h.work_date)
        .bind(h.started_at)
        .bind(h.ended_at)
        .bind(h.minutes)
        .bind(h.pause_minutes)
        .bind(h.km)
        .bind(&h.note)
        .bind(now)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// The worker's prestaties that could share time with one on `day`: those of the days around
/// it, plus every running or held one (those can be longer than a day). `except` leaves out
/// the prestatie being changed. In the order they were made: an overlap names the oldest, on
/// both databases, whatever index the sum of hours reads.
pub async fn spans_near(
    c: DbConn<'_>,
    worker_id: WorkerId,
    day: NaiveDate,
    except: Option<EntryId>,
) -> Result<Vec<crate::rules::Span>, sqlx::Error> {
    const SQL: &str = "SELECT started_at, ended_at FROM time_entry \
        WHERE worker_id = $1 AND id <> $2 \
          AND ((work_date >= $3 AND work_date <= $4) OR status IN ('running', 'review')) \
        ORDER BY id";
    let rows: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)> = on!(c, c => sqlx::query_as(SQL)
        .bind(worker_id)
        .bind(except.map_or(0, |e| e.0))
        .bind(day - chrono::Duration::days(2))
        .bind(day + chrono::Duration::days(1))
        .fetch_all(c)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(s, e)| crate::rules::Span {
            start_ms: s.timestamp_millis(),
            end_ms: e.map(|e| e.timestamp_millis()),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct MyEntryRow {
    id: EntryId,
    assignment_id: AssignmentId,
    work_date: NaiveDate,
    client_name: String,
    activity: String,
    started_at: DateTime<Utc>,
    ended_at: Option<DateTime<Utc>>,
    minutes: Option<i64>,
    pause_minutes: i64,
    km: i64,
    note: String,
    status: EntryStatus,
    source: EntrySource,
    dispute_reason: Option<String>,
    revision: i64,
    cheques_owed: i64,
}

const MINE: &str = "SELECT e.id, e.assignment_id, e.work_date, c.name AS client_name, \
    act.name AS activity, e.started_at, e.ended_at, e.minutes, e.pause_minutes, e.km, e.note, \
    e.status, e.source, e.dispute_reason, e.revision, e.cheques_owed \
    FROM time_entry e \
    JOIN assignment a ON a.id = e.assignment_id \
    JOIN client c ON c.id = a.client_id \
    JOIN activity act ON act.id = a.activity_id \
    WHERE e.worker_id = $1";

const MINE_ORDER: &str = "ORDER BY e.work_date DESC, e.started_at DESC, e.id DESC";

/// The worker's own prestaties from `from` on, most recent first.
pub async fn mine(
    c: DbConn<'_>,
    worker_id: WorkerId,
    from: NaiveDate,
    limit: i64,
) -> Result<Vec<MyEntry>, sqlx::Error> {
    let sql = format!("{MINE} AND e.work_date >= $2 {MINE_ORDER} LIMIT $3");
    let rows: Vec<MyEntryRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(worker_id)
        .bind(from)
        .bind(limit)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(MyEntryRow::into_entry).collect())
}

/// The worker's own prestaties on one assignment, most recent first.
pub async fn mine_on_assignment(
    c: DbConn<'_>,
    worker_id: WorkerId,
    assignment_id: AssignmentId,
) -> Result<Vec<MyEntry>, sqlx::Error> {
    let sql = format!("{MINE} AND e.assignment_id = $2 {MINE_ORDER}");
    let rows: Vec<MyEntryRow> = on!(c, c => sqlx::query_as(&sql)
        .bind(worker_id)
        .bind(assignment_id)
        .fetch_all(c)
        .await)?;
    Ok(rows.into_iter().map(MyEntryRow::into_entry).collect())
}

impl MyEntryRow {
    fn into_entry(self) -> MyEntry {
        let r = self;
        MyEntry {
            id: r.id,
            assignment_id: r.assignment_id,
            work_date: r.work_date,
            client_name: r.client_name,
            activity: r.activity,
            started_at_ms: r.started_at.timestamp_millis(),
            ended_at_ms: r.ended_at.map(|e| e.timestamp_millis()),
            start: crate::brussels::local_time(r.started_at),
            end: r.ended_at.map(crate::brussels::local_time),
            minutes: r.minutes,
            pause_minutes: r.pause_minutes,
            km: r.km,
            note: r.note,
            status: r.status,
            source: r.source,
            dispute_reason: r.dispute_reason,
            revision: r.revision,
            cheques_owed: r.cheques_owed,
        }
    }
}

/// A running clock with what the forgotten-clock job needs to judge and close it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RunningClockRow {
    pub id: EntryId,
    pub assignment_id: AssignmentId,
    pub organisation_id: OrganisationId,
    pub worker_id: WorkerId,
    pub started_at: DateTime<Utc>,
    pub pause_minutes: i64,
    pub paused_at: Option<DateTime<Utc>>,
    pub planned_date: NaiveDate,
    pub planned_start: Option<chrono::NaiveTime>,
    pub planned_minutes: i64,
    pub forgotten_reminder_minutes: i64,
    pub forgotten_close_minutes: i64,
}

const RUNNING: &str = "SELECT e.id, e.assignment_id, e.organisation_id, e.worker_id, e.started_at, \
    e.pause_minutes, e.paused_at, a.planned_date, a.planned_start, a.planned_minutes, \
    o.forgotten_reminder_minutes, o.forgotten_close_minutes \
    FROM time_entry e \
    JOIN assignment a ON a.id = e.assignment_id \
    JOIN organisation o ON o.id = e.organisation_id \
    WHERE e.status = 'running'";

/// Every running clock that started before `before` (the job narrows further per organisation).
pub async fn running_since_before(
    c: DbConn<'_>,
    before: DateTime<Utc>,
) -> Result<Vec<RunningClockRow>, sqlx::Error> {
    let sql = format!("{RUNNING} AND e.started_at <= $1 ORDER BY e.id");
    on!(c, c => sqlx::query_as(&sql).bind(before).fetch_all(c).await)
}

/// The worker's running clock with its plan and settings.
pub async fn running_row_for_worker(
    c: DbConn<'_>,
    worker_id: WorkerId,
) -> Result<Option<RunningClockRow>, sqlx::Error> {
    let sql = format!("{RUNNING} AND e.worker_id = $1");
    on!(c, c => sqlx::query_as(&sql).bind(worker_id).fetch_optional(c).await)
}

/// Remove a running entry (a mistaken Start; the audit trail keeps that it happened). Returns
/// false when it was not running any more.
pub async fn delete_running(c: DbConn<'_>, entry_id: EntryId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "DELETE FROM time_entry WHERE id = $1 AND status = 'running'";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// A prestatie nobody answered, for the automatic confirmation: with its gebruiker and the
/// organisation's rules.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Unanswered {
    pub id: EntryId,
    pub organisation_id: OrganisationId,
    pub client_id: ClientId,
    pub minutes: i64,
    pub submitted_at: DateTime<Utc>,
    pub auto_confirm_days: i64,
}

/// Prestaties waiting for their gebruiker since before `before`, oldest first.
pub async fn unanswered_since_before(
    c: DbConn<'_>,
    before: DateTime<Utc>,
) -> Result<Vec<Unanswered>, sqlx::Error> {
    const SQL: &str = "SELECT e.id, e.organisation_id, a.client_id, e.minutes, e.submitted_at, \
        o.auto_confirm_days \
        FROM time_entry e \
        JOIN assignment a ON a.id = e.assignment_id \
        JOIN organisation o ON o.id = e.organisation_id \
        WHERE e.status = 'submitted' AND e.submitted_at < $1 \
        ORDER BY e.submitted_at, e.id";
    on!(c, c => sqlx::query_as(SQL).bind(before).fetch_all(c).await)
}

/// Automatische bevestiging of a prestatie still waiting; `cheques_owed` when the gebruiker's
/// cheques did not cover it. Returns false when it was decided already (by the gebruiker, or
/// by this job in another server process).
pub async fn confirm_automatically(
    c: DbConn<'_>,
    entry_id: EntryId,
    cheques_owed: i64,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET status = 'confirmed', auto_confirmed = TRUE, \
        cheques_owed = $2, decided_at = $3 WHERE id = $1 AND status = 'submitted'";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(cheques_owed)
        .bind(at)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// How the gebruiker answered a submitted prestatie.
pub struct Decision<'a> {
    pub status: EntryStatus,
    pub dispute_reason: Option<&'a str>,
    /// Confirmed without enough cheques: what it waits for ("wacht op cheques").
    pub cheques_owed: i64,
}

/// Confirm or dispute a submitted entry. Returns false when it was decided already.
pub async fn decide(
    c: DbConn<'_>,
    entry_id: EntryId,
    decision: Decision<'_>,
    by_account: AccountId,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str = "UPDATE time_entry SET status = $2, dispute_reason = $3, decided_by = $4, \
        decided_at = $5, cheques_owed = $6 WHERE id = $1 AND status = 'submitted'";
    on!(c, c => sqlx::query(SQL)
        .bind(entry_id)
        .bind(decision.status)
        .bind(decision.dispute_reason)
        .bind(by_account)
        .bind(at)
        .bind(decision.cheques_owed)
        .execute(c)
        .await
        .map(|r| r.rows_affected() == 1))
}

/// What a prestatie waits for ("wacht op cheques"): 0 when paid or not confirmed.
pub async fn cheques_owed(c: DbConn<'_>, entry_id: EntryId) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT cheques_owed FROM time_entry WHERE id = $1";
    on!(c, c => sqlx::query_scalar(SQL).bind(entry_id).fetch_one(c).await)
}

/// Was it paid with paper cheques (handed in, on a hand-in list)?
pub async fn paid_on_paper(c: DbConn<'_>, entry_id: EntryId) -> Result<bool, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM paper_cheque WHERE time_entry_id = $1";
    let n: i64 = on!(c, c => sqlx::query_scalar(SQL).bind(entry_id).fetch_one(c).await)?;
    Ok(n > 0)
}
