//! Storage: one set of SQL statements, two backends.
//!
//! Every statement is written once, in the SQL that SQLite and PostgreSQL share (`$1`
//! placeholders, `RETURNING`, `CAST(... AS BIGINT)` around sums). The [`on!`] macro compiles
//! each query twice, once against each backend's own driver, so chrono types and integers are
//! carried natively (never through `sqlx::Any`). Schemas differ only where the databases do, in
//! `migrations/sqlite` and `migrations/postgres`. The same test suite runs on both.
//!
//! ## Check-then-write is atomic on both backends
//!
//! A use case that reads something and then writes depending on it (the cheque balance before
//! a debit, the month and year hours before a stop, "no clock running" before a start) must
//! not let a second transaction slip in between. We **lock the owning row** first:
//!
//! - PostgreSQL runs READ COMMITTED: two transactions can read the same old balance. Each such
//!   use case therefore starts with [`lock_owner`] on the row that owns what is checked (the
//!   `client` row for its cheques, the `worker` row for its hours and clock): `SELECT … FOR
//!   UPDATE`. The second transaction waits there until the first commits, and then reads the
//!   new balance. We chose this over SERIALIZABLE (which would need a retry loop around every
//!   use case and fails under load with serialisation errors people would see) and over
//!   guarded `UPDATE … WHERE balance >= n` (our balance is a sum over an append-only ledger, not
//!   a column that can be guarded).
//! - SQLite has one writer at a time: write transactions begin `IMMEDIATE` ([`Db::begin`]),
//!   which takes the database's write lock before the first read, so the check and the write
//!   see no other writer. `FOR UPDATE` does not exist there; [`lock_owner`] does nothing.
//!
//! Unique indexes stay as the last line of defence (one running clock per worker, one payment
//! per prestatie), and their violations are mapped to the same refusals.

use std::str::FromStr;
use std::time::Duration;

use sqlx::TransactionManager;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::SqliteTransactionManager;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqliteDb),
    Postgres(PgPool),
}

/// SQLite allows one writer at a time. Pooled connections that all try to write wait for its
/// lock in SQLite's busy handler, which sleeps with a growing back-off: under load the unlucky
/// ones waited most of a second (measured: p99 880 ms at 725 requests/s). So every write
/// transaction goes through **one** writer connection, handed out in arrival order by its
/// pool's fair queue, and reads run beside it on their own pool (WAL: readers never wait for
/// the writer).
#[derive(Clone, Debug)]
pub struct SqliteDb {
    /// Reads, in parallel.
    pub read: SqlitePool,
    /// The one connection that writes.
    pub write: SqlitePool,
}

/// A connection or transaction of either backend, borrowed for one store call.
pub enum DbConn<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// Run the same statement on whichever backend `conn` is: `on!(conn, c => query.fetch_one(c))`.
#[macro_export]
macro_rules! on {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::db::DbConn::Sqlite($c) => $body,
            $crate::db::DbConn::Postgres($c) => $body,
        }
    };
}

/// A pooled connection for reads.
pub enum Conn {
    Sqlite(sqlx::pool::PoolConnection<Sqlite>),
    Postgres(sqlx::pool::PoolConnection<Postgres>),
}

impl Conn {
    pub fn c(&mut self) -> DbConn<'_> {
        match self {
            Conn::Sqlite(c) => DbConn::Sqlite(c),
            Conn::Postgres(c) => DbConn::Postgres(c),
        }
    }
}

/// What a use case that only reads can run on: a pooled connection, or the transaction of a
/// use case that goes on to write (which then reads its own state).
pub trait Connection: Send {
    fn c(&mut self) -> DbConn<'_>;
}

impl Connection for Conn {
    fn c(&mut self) -> DbConn<'_> {
        Conn::c(self)
    }
}

impl Connection for Tx {
    fn c(&mut self) -> DbConn<'_> {
        Tx::c(self)
    }
}

/// A write transaction. Dropped without [`Tx::commit`], it rolls back: nothing half-done stays.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn c(&mut self) -> DbConn<'_> {
        match self {
            Tx::Sqlite(t) => DbConn::Sqlite(t),
            Tx::Postgres(t) => DbConn::Postgres(t),
        }
    }

    /// Mark a point the transaction can return to ([`Tx::rollback_to_savepoint`]): the phone's
    /// sync keeps an action's record even when the rules refuse its effect.
    pub async fn savepoint(&mut self) -> Result<(), sqlx::Error> {
        self.execute("SAVEPOINT effect").await
    }

    /// Done with the savepoint. (Left open until the commit, it costs more than this round
    /// trip: measured, SQLite keeps the pages each later write changes for it.)
    pub async fn release_savepoint(&mut self) -> Result<(), sqlx::Error> {
        self.execute("RELEASE SAVEPOINT effect").await
    }

    /// Undo everything since [`Tx::savepoint`] (on PostgreSQL also an error that aborted it).
    pub async fn rollback_to_savepoint(&mut self) -> Result<(), sqlx::Error> {
        self.execute("ROLLBACK TO SAVEPOINT effect").await?;
        self.release_savepoint().await
    }

    async fn execute(&mut self, sql: &'static str) -> Result<(), sqlx::Error> {
        on!(self.c(), c => sqlx::query(sql).execute(c).await.map(|_| ()))
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// Tables whose rows own a check-then-write (see the module's documentation).
#[derive(Clone, Copy, Debug)]
pub enum Owner {
    /// A gebruiker: its cheque balance.
    Client,
    /// A wijk-werker: its hours against the limits, its running clock.
    Worker,
    /// An organisation: its payment runs (one closes at a time).
    Organisation,
}

/// Lock the owning row until the transaction ends (PostgreSQL); SQLite's `BEGIN IMMEDIATE`
/// already holds the only write lock. Returns false when the row does not exist.
pub async fn lock_owner(c: DbConn<'_>, owner: Owner, id: i64) -> Result<bool, sqlx::Error> {
    let table = match owner {
        Owner::Client => "client",
        Owner::Worker => "worker",
        Owner::Organisation => "organisation",
    };
    let lock = match c {
        DbConn::Postgres(_) => " FOR UPDATE",
        DbConn::Sqlite(_) => "",
    };
    let sql = format!("SELECT id FROM {table} WHERE id = $1{lock}");
    on!(c, c => sqlx::query_scalar::<_, i64>(&sql)
        .bind(id)
        .fetch_optional(c)
        .await
        .map(|row| row.is_some()))
}

/// [`lock_owner`] for a row the transaction has just read (so it exists). On SQLite, where
/// `BEGIN IMMEDIATE` already holds the only write lock, no statement at all: each one is a
/// round trip to the writer connection's thread, and the lock would be one per tap.
pub async fn lock_known_owner(c: DbConn<'_>, owner: Owner, id: i64) -> Result<(), sqlx::Error> {
    match c {
        DbConn::Sqlite(_) => Ok(()),
        DbConn::Postgres(_) => lock_owner(c, owner, id).await.map(|_| ()),
    }
}

impl Db {
    /// `sqlite://path/to/file.db` (created when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Self::connect_postgres(PgConnectOptions::from_str(url)?).await
        } else {
            Self::connect_sqlite(SqliteConnectOptions::from_str(url)?).await
        }
    }

    pub async fn connect_sqlite(options: SqliteConnectOptions) -> Result<Db, sqlx::Error> {
        let options = options
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // The writer first: it creates the file and switches it to WAL (which the file then
        // keeps). Readers do not ask for WAL again: that statement needs a lock of its own, and
        // a reader opening while the writer is busy would wait for it, and make it wait.
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(
                options
                    .clone()
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: a clocked hour survives a power cut the moment the worker saw "saved".
                    .synchronous(SqliteSynchronous::Full),
            )
            .await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(SqliteDb { read, write }))
    }

    pub async fn connect_postgres(options: PgConnectOptions) -> Result<Db, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Db::Postgres(pool))
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(&p.write).await,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await,
        }
    }

    /// The migrations this build knows that the database has not run (`/readyz`: a server
    /// started before an upgrade finished is not ready). An error when the database does not
    /// answer.
    pub async fn pending_migrations(&self) -> Result<usize, sqlx::Error> {
        const APPLIED: &str = "SELECT version FROM _sqlx_migrations WHERE success";
        let (migrator, applied): (&Migrator, Vec<i64>) = match self {
            Db::Sqlite(p) => (
                &SQLITE_MIGRATIONS,
                sqlx::query_scalar(APPLIED).fetch_all(&p.read).await?,
            ),
            Db::Postgres(p) => (
                &POSTGRES_MIGRATIONS,
                sqlx::query_scalar(APPLIED).fetch_all(p).await?,
            ),
        };
        Ok(migrator
            .iter()
            .filter(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version))
            .count())
    }

    pub async fn conn(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => Conn::Sqlite(p.read.acquire().await?),
            Db::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    /// Begin a write transaction. On SQLite it runs on the one writer connection, and is `BEGIN
    /// IMMEDIATE`: it holds the write lock from the start (a command-line process or a second
    /// server on the same file is the only other writer, and waits in the busy timeout).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p) => {
                let mut conn = p.write.acquire().await?;
                // sqlx runs a custom BEGIN, then checks that it took; a request dropped between
                // the two (a phone that gave up waiting) leaves the transaction open on the
                // connection, with nothing to roll it back. On the one writer that would refuse
                // every later write: roll it back here.
                while SqliteTransactionManager::get_transaction_depth(&conn) > 0 {
                    tracing::warn!("a write left its transaction open: rolled back");
                    SqliteTransactionManager::rollback(&mut conn).await?;
                }
                Tx::Sqlite(Transaction::begin(conn, Some("BEGIN IMMEDIATE".into())).await?)
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => {
                p.read.close().await;
                p.write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}
