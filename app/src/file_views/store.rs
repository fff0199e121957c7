//! The `file_view` table.

use chrono::{DateTime, Utc};

use super::{FileView, Seen, Whose};
use crate::db::DbConn;
use crate::ids::{AccountId, OrganisationId};
use crate::on;

pub async fn insert(
    c: DbConn<'_>,
    organisation: OrganisationId,
    viewer: AccountId,
    whose: Whose,
    what: Seen,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO file_view \
        (organisation_id, viewer_account_id, worker_id, client_id, what, viewed_at) \
        VALUES ($1, $2, $3, $4, $5, $6)";
    let (worker, client) = match whose {
        Whose::Worker(w) => (Some(w), None),
        Whose::Client(c) => (None, Some(c)),
    };
    on!(c, c => sqlx::query(SQL)
        .bind(organisation)
        .bind(viewer)
        .bind(worker)
        .bind(client)
        .bind(what)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The latest `limit` looks at one person's file, newest first, with the name of who looked.
pub async fn of(c: DbConn<'_>, whose: Whose, limit: i64) -> Result<Vec<FileView>, sqlx::Error> {
    const WORKER: &str = "SELECT v.viewed_at, a.display_name AS viewer, v.what \
        FROM file_view v JOIN account a ON a.id = v.viewer_account_id \
        WHERE v.worker_id = $1 ORDER BY v.viewed_at DESC, v.id DESC LIMIT $2";
    const CLIENT: &str = "SELECT v.viewed_at, a.display_name AS viewer, v.what \
        FROM file_view v JOIN account a ON a.id = v.viewer_account_id \
        WHERE v.client_id = $1 ORDER BY v.viewed_at DESC, v.id DESC LIMIT $2";
    match whose {
        Whose::Worker(w) => {
            on!(c, c => sqlx::query_as(WORKER).bind(w).bind(limit).fetch_all(c).await)
        }
        Whose::Client(id) => {
            on!(c, c => sqlx::query_as(CLIENT).bind(id).bind(limit).fetch_all(c).await)
        }
    }
}
