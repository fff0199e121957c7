//! A person's complete data, on request (GDPR art. 15 and 20): every row about a wijk-werker or
//! a gebruiker, table by table, as `gegevens.json` and as one CSV per table, in one zip. Only
//! the organisation's bemiddelaars make it; the look is recorded like any look at the file.

use std::io::Write;

use serde_json::{Map, Value};

use super::store::{self, Part};
use crate::db::Db;
use crate::error::AppError;
use crate::export::Download;
use crate::file_views::{Seen, Whose};
use crate::ids::{ClientId, WorkerId};
use crate::request::Ctx;

/// A wijk-werker's rows (`$1`: the worker's id). The trail of what was done about them: their
/// own actions, and what was done to their file, account, assignments and prestaties.
const WORKER: &[Part] = &[
    Part {
        table: "worker",
        filter: "id = $1",
    },
    Part {
        table: "account",
        filter: "id = (SELECT account_id FROM worker WHERE id = $1)",
    },
    Part {
        table: "activation_code",
        filter: "account_id = (SELECT account_id FROM worker WHERE id = $1)",
    },
    Part {
        table: "worker_skill",
        filter: "worker_id = $1",
    },
    Part {
        table: "worker_availability",
        filter: "worker_id = $1",
    },
    Part {
        table: "assignment",
        filter: "worker_id = $1",
    },
    Part {
        table: "time_entry",
        filter: "worker_id = $1",
    },
    Part {
        table: "sync_action",
        filter: "worker_id = $1",
    },
    Part {
        table: "file_view",
        filter: "worker_id = $1",
    },
    Part {
        table: "payment_run_line",
        filter: "worker_id = $1",
    },
    Part {
        table: "payment_run_entry",
        filter: "worker_id = $1",
    },
    // The report's monthly sums of their minutes: derived, but about them.
    Part {
        table: "report_worker_month",
        filter: "worker_id = $1",
    },
    Part {
        table: "audit_event",
        filter: "account_id = (SELECT account_id FROM worker WHERE id = $1) \
            OR (subject = 'worker' AND subject_id = $1) \
            OR (subject = 'account' AND subject_id = (SELECT account_id FROM worker WHERE id = $1)) \
            OR (subject = 'assignment' AND subject_id IN (SELECT id FROM assignment WHERE worker_id = $1)) \
            OR (subject = 'time_entry' AND subject_id IN (SELECT id FROM time_entry WHERE worker_id = $1))",
    },
];

/// A gebruiker's rows (`$1`: the gebruiker's id): their logins, requests, the work done for
/// them, their cheques and fees.
const CLIENT: &[Part] = &[
    Part {
        table: "client",
        filter: "id = $1",
    },
    Part {
        table: "client_login",
        filter: "client_id = $1",
    },
    Part {
        table: "account",
        filter: "id IN (SELECT account_id FROM client_login WHERE client_id = $1) \
            OR id = (SELECT account_id FROM client WHERE id = $1)",
    },
    Part {
        table: "activation_code",
        filter: "account_id IN (SELECT account_id FROM client_login WHERE client_id = $1) \
            OR account_id = (SELECT account_id FROM client WHERE id = $1)",
    },
    Part {
        table: "client_fee",
        filter: "client_id = $1",
    },
    Part {
        table: "request",
        filter: "client_id = $1",
    },
    Part {
        table: "request_slot",
        filter: "request_id IN (SELECT id FROM request WHERE client_id = $1)",
    },
    Part {
        table: "assignment",
        filter: "client_id = $1",
    },
    Part {
        table: "time_entry",
        filter: "assignment_id IN (SELECT id FROM assignment WHERE client_id = $1)",
    },
    Part {
        table: "cheque_batch",
        filter: "client_id = $1",
    },
    Part {
        table: "cheque_ledger",
        filter: "client_id = $1",
    },
    Part {
        table: "cheque_use",
        filter: "ledger_id IN (SELECT id FROM cheque_ledger WHERE client_id = $1)",
    },
    Part {
        table: "report_client_month",
        filter: "client_id = $1",
    },
    Part {
        table: "file_view",
        filter: "client_id = $1",
    },
    Part {
        table: "audit_event",
        filter: "account_id IN (SELECT account_id FROM client_login WHERE client_id = $1) \
            OR account_id = (SELECT account_id FROM client WHERE id = $1) \
            OR (subject = 'client' AND subject_id = $1)",
    },
];

/// The parts a person's data has; the test of the export reads them too.
pub fn parts(whose: Whose) -> &'static [Part] {
    match whose {
        Whose::Worker(_) => WORKER,
        Whose::Client(_) => CLIENT,
    }
}

/// Every part's rows, by table.
pub async fn collect(db: &Db, whose: Whose) -> Result<Map<String, Value>, AppError> {
    let id = match whose {
        Whose::Worker(w) => w.0,
        Whose::Client(c) => c.0,
    };
    let mut conn = db.conn().await?;
    let mut out = Map::new();
    for part in parts(whose) {
        let rows = store::rows(conn.c(), part, id).await?;
        out.insert(
            part.table.to_string(),
            Value::Array(rows.into_iter().map(Value::Object).collect()),
        );
    }
    Ok(out)
}

fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One table's rows as CSV for a Belgian spreadsheet; the columns of the first row.
fn table_csv(rows: &[Value]) -> Result<Vec<u8>, AppError> {
    let mut out = crate::export::belgian_csv();
    let columns: Vec<String> = rows
        .first()
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let failed = |e: csv::Error| AppError::unavailable("csv", e);
    out.write_record(&columns).map_err(failed)?;
    for row in rows.iter().filter_map(Value::as_object) {
        out.write_record(
            columns
                .iter()
                .map(|c| cell(row.get(c).unwrap_or(&Value::Null))),
        )
        .map_err(failed)?;
    }
    crate::export::finish_csv(out)
}

/// The zip: `gegevens.json` with every table, and `<table>.csv` for each.
pub fn zip_file(data: &Map<String, Value>) -> Result<Vec<u8>, AppError> {
    let failed = |e: zip::result::ZipError| AppError::unavailable("zip", e);
    let written = |e: std::io::Error| AppError::unavailable("zip", e);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("gegevens.json", options).map_err(failed)?;
    let json = serde_json::to_vec_pretty(data).map_err(|e| AppError::unavailable("json", e))?;
    zip.write_all(&json).map_err(written)?;
    for (table, rows) in data {
        let rows = rows.as_array().map(Vec::as_slice).unwrap_or_default();
        zip.start_file(format!("{table}.csv"), options)
            .map_err(failed)?;
        zip.write_all(&table_csv(rows)?).map_err(written)?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// `GET /coordinator/data/worker-12.zip` or `/coordinator/data/client-7.zip`.
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    crate::export::serve(state, session, headers, |ctx, db, _lang| async move {
        let whose = parse(&file).ok_or(AppError::NotFound)?;
        person_zip(&ctx, &db, whose).await
    })
    .await
}

fn parse(file: &str) -> Option<Whose> {
    let stem = file.strip_suffix(".zip")?;
    let (kind, id) = stem.split_once('-')?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "worker" => Some(Whose::Worker(WorkerId(id))),
        "client" => Some(Whose::Client(ClientId(id))),
        _ => None,
    }
}

async fn person_zip(ctx: &Ctx, db: &Db, whose: Whose) -> Result<Download, AppError> {
    // The bemiddelaar's own organisation's person only (404 for another's, 403 for others).
    let name = {
        let mut conn = db.conn().await?;
        match whose {
            Whose::Worker(id) => {
                let (_, w) = crate::workers::service::managed(ctx, conn.c(), id).await?;
                format!("{} {}", w.first_name, w.last_name)
            }
            Whose::Client(id) => {
                let (_, c) = crate::clients::service::managed(ctx, conn.c(), id).await?;
                c.name
            }
        }
    };
    // The download is a look at the file too, and part of what it holds.
    crate::file_views::service::seen(ctx, db, &whose, Seen::DataExport).await?;
    let data = collect(db, whose).await?;
    let body = zip_file(&data)?;
    Ok(Download {
        content_type: "application/zip",
        file_name: format!("gegevens-{}.zip", crate::export::slug(&name)),
        body,
    })
}
