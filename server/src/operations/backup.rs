//! `server backup <file>`: a consistent copy of a running SQLite database.
//!
//! `VACUUM INTO` writes the database as one read transaction sees it, so the server keeps
//! serving (and writing) meanwhile and the copy is never half a transaction. The copy is then
//! opened on its own and checked with `PRAGMA integrity_check` before we call it a backup.
//! PostgreSQL has its own tool for this, made for each server version: see [`postgres_advice`].

use std::path::Path;
use std::str::FromStr;

use app::db::Db;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists: choose a new file name (a backup never overwrites one)")]
    Exists(String),
    #[error("the backup could not be written: {0}")]
    Write(sqlx::Error),
    #[error("the copy in {file} is damaged ({answer}); keep the previous backup")]
    Damaged { file: String, answer: String },
    #[error("{0}")]
    Postgres(String),
}

/// How large the copy is, in bytes, once written and checked.
pub async fn backup(db: &Db, database_url: &str, file: &Path) -> Result<u64, BackupError> {
    let shown = file.display().to_string();
    let Db::Sqlite(pool) = db else {
        return Err(BackupError::Postgres(postgres_advice(database_url, &shown)));
    };
    if file.exists() {
        return Err(BackupError::Exists(shown));
    }
    sqlx::query("VACUUM INTO $1")
        .bind(&shown)
        .execute(&pool.read)
        .await
        .map_err(BackupError::Write)?;
    let mut copy = SqliteConnectOptions::from_str(&format!("sqlite://{shown}"))
        .map_err(BackupError::Write)?
        .read_only(true)
        .connect()
        .await
        .map_err(BackupError::Write)?;
    let answers: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut copy)
        .await
        .map_err(BackupError::Write)?;
    copy.close().await.map_err(BackupError::Write)?;
    if answers != ["ok"] {
        return Err(BackupError::Damaged {
            file: shown,
            answer: answers.join("; "),
        });
    }
    Ok(std::fs::metadata(file).map(|m| m.len()).unwrap_or(0))
}

/// We do not copy a PostgreSQL database ourselves: `pg_dump` takes a consistent snapshot while
/// the servers keep running, knows every object type of the server version it ships with, and
/// its custom format restores selectively with `pg_restore`. Its password stays in the
/// operator's `~/.pgpass`, not in our logs.
pub fn postgres_advice(database_url: &str, file: &str) -> String {
    let without_password = match database_url.split_once('@') {
        Some((scheme_user, host)) => {
            let user = scheme_user.split(':').take(2).collect::<Vec<_>>().join(":");
            format!("{user}@{host}")
        }
        None => database_url.to_string(),
    };
    format!(
        "PostgreSQL is backed up with its own tool, pg_dump (a consistent snapshot while the \
         servers keep running; restore with pg_restore):\n\n    \
         pg_dump --format=custom --file={file} '{without_password}'\n\n\
         Then check the copy: pg_restore --list {file} > /dev/null"
    )
}
