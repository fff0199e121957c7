//! The Jaaroverzicht of a private person: the fiscal attest (a one-page PDF, for the tax
//! reduction on wijk-werkcheques) and a CSV of the same year's prestaties. Both are made from
//! the same lines, so the CSV adds up to the attest.

use chrono::NaiveDate;

use super::PaidLine;
use crate::i18n::{self, Lang, M, message};

/// A year of a gebruiker's paid prestaties, with who is who.
pub struct Year {
    pub organisation: String,
    pub client_name: String,
    pub client_number: String,
    pub address: String,
    pub year: i32,
    pub lines: Vec<PaidLine>,
    /// The Brussels day it was made.
    pub made_on: NaiveDate,
}

impl Year {
    pub fn cheques(&self) -> i64 {
        self.lines.iter().map(|l| l.cheques).sum()
    }

    pub fn amount_cents(&self) -> i64 {
        self.lines.iter().map(|l| l.amount_cents).sum()
    }

    pub fn file_name(&self, extension: &str) -> String {
        format!("wijkwerk-{}-{}.{extension}", self.client_number, self.year)
    }

    /// The fiscal attest: the organisation, the gebruiker, the year, the cheques used and the
    /// amount paid for them; the prestaties below.
    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        let title = message(
            lang,
            M::AttestTitle,
            &[("year", i64::from(self.year).into())],
        );
        let mut lines: Vec<(f32, String)> = vec![
            (16.0, title.clone()),
            (11.0, self.organisation.clone()),
            (11.0, String::new()),
            (
                11.0,
                message(
                    lang,
                    M::AttestClient,
                    &[("name", self.client_name.clone().into())],
                ),
            ),
            (
                11.0,
                message(
                    lang,
                    M::AttestClientNumber,
                    &[("number", self.client_number.clone().into())],
                ),
            ),
            (11.0, self.address.clone()),
            (11.0, String::new()),
            (
                12.0,
                message(lang, M::AttestCheques, &[("n", self.cheques().into())]),
            ),
            (
                12.0,
                message(
                    lang,
                    M::AttestAmount,
                    &[("amount", i18n::money(lang, self.amount_cents()).into())],
                ),
            ),
            (11.0, String::new()),
        ];
        for l in &self.lines {
            lines.push((9.0, self.line_text(lang, l)));
        }
        lines.push((9.0, String::new()));
        lines.push((
            9.0,
            message(
                lang,
                M::AttestMadeOn,
                &[("day", i18n::written_date(lang, self.made_on).into())],
            ),
        ));

        crate::export::pdf(&title, &lines)
    }

    /// The year's prestaties, one per line, with a header in the gebruiker's language, for a
    /// spreadsheet set to Belgium (`crate::export`).
    pub fn csv(&self, lang: Lang) -> Result<Vec<u8>, crate::error::AppError> {
        use crate::export::{euros_cell, hours_cell};
        let fail = |e: csv::Error| crate::error::AppError::unavailable("csv", e);
        let mut out = crate::export::belgian_csv();
        out.write_record(i18n::message(lang, M::AttestCsvHeader, &[]).split(';'))
            .map_err(fail)?;
        for l in &self.lines {
            out.write_record([
                crate::brussels::local_date(l.paid_at).to_string(),
                l.work_date.to_string(),
                l.worker_name.clone(),
                l.activity.clone(),
                hours_cell(l.minutes.unwrap_or(0)),
                l.cheques.to_string(),
                euros_cell(l.amount_cents),
            ])
            .map_err(fail)?;
        }
        crate::export::finish_csv(out)
    }

    fn line_text(&self, lang: Lang, l: &PaidLine) -> String {
        format!(
            "{} · {} · {} · {} · {}",
            i18n::short_date(lang, l.work_date),
            l.worker_name,
            l.activity,
            i18n::duration(lang, l.minutes.unwrap_or(0)),
            message(lang, M::ChequesCount, &[("n", l.cheques.into())]),
        )
    }
}

/// `GET /client/attest/2026.pdf` (or `.csv`): the calling private person's Jaaroverzicht as a
/// download.
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use crate::error::AppError;
    use crate::export::{CSV, Download};
    crate::export::serve(state, session, headers, |ctx, db, lang| async move {
        let (year, extension) = file.split_once('.').ok_or(AppError::NotFound)?;
        let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
        if !matches!(extension, "pdf" | "csv") {
            return Err(AppError::NotFound);
        }
        let mut conn = db.conn().await?;
        let overview = super::service::year_overview(&ctx, &mut conn, year).await?;
        let file_name = overview.file_name(extension);
        Ok(if extension == "pdf" {
            Download {
                content_type: "application/pdf",
                file_name,
                body: overview.pdf(lang),
            }
        } else {
            Download {
                content_type: CSV,
                file_name,
                body: overview.csv(lang)?,
            }
        })
    })
    .await
}
