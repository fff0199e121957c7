//! The files of a closed run: the bank file (SEPA XML, as it was made at the closing) for the
//! bemiddelaar, and each worker's statement (PDF, in the worker's language) for the worker on
//! Mijn uren and for the bemiddelaar.

use chrono::NaiveDate;

use super::store::{self, StatementRow};
use crate::allowances::rules::Month;
use crate::error::AppError;
use crate::export::Download;
use crate::i18n::{self, Lang, M, message};
use crate::ids::WorkerId;

/// A worker's statement of one run.
pub struct Statement {
    pub organisation: String,
    pub worker_name: String,
    pub iban: String,
    pub month: Month,
    pub total_cents: i64,
    pub rows: Vec<StatementRow>,
}

impl Statement {
    pub fn file_name(&self) -> String {
        format!(
            "uitbetaling-{}-{}.pdf",
            crate::export::slug(&self.worker_name),
            self.month
        )
    }

    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        let month = i18n::month_name(lang, self.month.year, self.month.month);
        let title = message(lang, M::StatementTitle, &[("month", month.into())]);
        let mut lines: Vec<(f32, String)> = vec![
            (16.0, title.clone()),
            (11.0, self.organisation.clone()),
            (11.0, String::new()),
            (11.0, self.worker_name.clone()),
            (
                11.0,
                message(
                    lang,
                    M::StatementAccount,
                    &[("iban", super::rules::masked(&self.iban).into())],
                ),
            ),
            (11.0, String::new()),
            (
                13.0,
                message(
                    lang,
                    M::StatementTotal,
                    &[("total", i18n::money(lang, self.total_cents).into())],
                ),
            ),
            (11.0, String::new()),
        ];
        for r in &self.rows {
            lines.push((9.0, row_text(lang, r)));
        }
        crate::export::pdf(&title, &lines)
    }
}

/// "ma 2/11 · Maria Peeters · Tuinonderhoud · 1 u 15 min · 2 cheques · 11 km · € 9,85", a
/// taken-back prestatie marked as such with a minus.
fn row_text(lang: Lang, r: &StatementRow) -> String {
    let cents = r.sign * (r.work_cents + r.km_cents);
    let mut parts = vec![
        i18n::short_date(lang, r.work_date),
        r.client_name.clone(),
        r.activity.clone(),
        i18n::duration(lang, r.minutes),
        message(lang, M::ChequesCount, &[("n", r.cheques.into())]),
    ];
    if r.km > 0 {
        parts.push(message(
            lang,
            M::KmPaidOf,
            &[("km", r.km.into()), ("paid", r.paid_km.into())],
        ));
    }
    parts.push(i18n::money(lang, cents));
    let text = parts.join(" · ");
    if r.sign < 0 {
        message(lang, M::StatementTakenBack, &[("line", text.into())])
    } else {
        text
    }
}

async fn statement(
    db: &crate::db::Db,
    organisation: crate::ids::OrganisationId,
    worker: WorkerId,
    month: Month,
) -> Result<Statement, AppError> {
    let mut conn = db.conn().await?;
    let first: NaiveDate = month.first_day().ok_or(AppError::NotFound)?;
    let (run, iban, total_cents) = store::worker_run(conn.c(), worker, first)
        .await?
        .ok_or(AppError::NotFound)?;
    let (first_name, last_name) = crate::workers::store::name(conn.c(), worker).await?;
    Ok(Statement {
        organisation: crate::organisations::name(conn.c(), organisation).await?,
        worker_name: format!("{first_name} {last_name}"),
        iban,
        month,
        total_cents,
        rows: store::statement_rows(conn.c(), run, worker).await?,
    })
}

/// `GET /worker/payments/2026-11.pdf`: the calling worker's statement of that month's run.
pub async fn mine(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    crate::export::serve(state, session, headers, |ctx, db, _| async move {
        let worker = ctx.caller.worker()?;
        let month = file
            .strip_suffix(".pdf")
            .and_then(Month::parse)
            .ok_or(AppError::NotFound)?;
        let lang = {
            let mut conn = db.conn().await?;
            crate::workers::store::language(conn.c(), worker).await?
        };
        let s = statement(&db, ctx.caller.organisation, worker, month).await?;
        Ok(Download {
            content_type: "application/pdf",
            file_name: s.file_name(),
            body: s.pdf(lang),
        })
    })
    .await
}

/// `GET /coordinator/payments/2026-11.xml` (the bank file) and
/// `/coordinator/payments/2026-11-<worker>.pdf` (a worker's statement, in their language).
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    crate::export::serve(state, session, headers, |ctx, db, _| async move {
        let organisation = ctx.caller.staff()?;
        if let Some(month) = file.strip_suffix(".xml").and_then(Month::parse) {
            let first = month.first_day().ok_or(AppError::NotFound)?;
            let run = {
                let mut conn = db.conn().await?;
                store::closed(conn.c(), organisation, first).await?
            }
            .ok_or(AppError::NotFound)?;
            let paid: Vec<crate::file_views::Whose> = {
                let mut conn = db.conn().await?;
                store::closed_lines(conn.c(), run.id)
                    .await?
                    .into_iter()
                    .map(|l| crate::file_views::Whose::Worker(l.worker_id))
                    .collect()
            };
            let seen = crate::file_views::Seen::PaymentFile;
            crate::file_views::service::seen(&ctx, &db, &paid, seen).await?;
            return Ok(Download {
                content_type: "application/xml",
                file_name: format!("betalingen-{month}.xml"),
                body: run.sepa_xml.into_bytes(),
            });
        }
        let stem = file.strip_suffix(".pdf").ok_or(AppError::NotFound)?;
        let (month, worker) = stem.rsplit_once('-').ok_or(AppError::NotFound)?;
        let month = Month::parse(month).ok_or(AppError::NotFound)?;
        let worker = WorkerId(worker.parse().map_err(|_| AppError::NotFound)?);
        let lang = {
            let mut conn = db.conn().await?;
            // Another organisation's worker is not found.
            crate::workers::store::by_id(conn.c(), worker)
                .await?
                .filter(|w| w.organisation_id == organisation)
                .ok_or(AppError::NotFound)?;
            crate::workers::store::language(conn.c(), worker).await?
        };
        let s = statement(&db, organisation, worker, month).await?;
        let whose = crate::file_views::Whose::Worker(worker);
        crate::file_views::service::seen(&ctx, &db, &whose, crate::file_views::Seen::PaymentFile)
            .await?;
        Ok(Download {
            content_type: "application/pdf",
            file_name: s.file_name(),
            body: s.pdf(lang),
        })
    })
    .await
}
