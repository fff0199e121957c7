//! The allowance export as files: CSV for a Belgian spreadsheet and XLSX, both with the
//! organisation's name and the month in the file name and in the first lines.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::AllowanceMonth;
use super::rules::Sums;
use crate::error::AppError;
use crate::export::{euros_cell, hours_cell, hours_number};
use crate::i18n::{Lang, T};

fn columns(lang: Lang) -> [&'static str; 10] {
    [
        T::ColWorker,
        T::FieldMunicipality,
        T::ColEntries,
        T::ColHours,
        T::ColCheques,
        T::ColKm,
        T::ColPaidKm,
        T::ColWorkAllowance,
        T::ColKmAllowance,
        T::ColTotalAllowance,
    ]
    .map(|key| key.text(lang))
}

impl AllowanceMonth {
    pub fn file_name(&self, extension: &str) -> String {
        format!(
            "vergoedingen-{}-{}.{extension}",
            crate::export::slug(&self.organisation),
            self.month
        )
    }

    /// A row per worker, then the totals (the last, `true`).
    fn rows(&self, lang: Lang) -> Vec<(Row, bool)> {
        let mut rows: Vec<(Row, bool)> = self
            .lines
            .iter()
            .map(|l| {
                let e = &l.earned;
                let row = Row {
                    name: format!("{} {}", l.first_name, l.last_name),
                    municipality: l.municipality.clone(),
                    sums: e.sums,
                    work_cents: e.work_cents,
                    km_cents: e.km_cents,
                    total_cents: e.total_cents,
                };
                (row, false)
            })
            .collect();
        let t = &self.totals;
        let total = Row {
            name: T::TotalRow.text(lang).to_string(),
            municipality: String::new(),
            sums: t.sums,
            work_cents: t.work_cents,
            km_cents: t.km_cents,
            total_cents: t.total_cents,
        };
        rows.push((total, true));
        rows
    }

    pub fn csv(&self, lang: Lang) -> Result<Vec<u8>, AppError> {
        let fail = |e: csv::Error| AppError::unavailable("csv", e);
        let (title, rates) = self.title(lang);
        let mut out = crate::export::belgian_csv();
        out.write_record([self.organisation.as_str(), &title, &rates])
            .map_err(fail)?;
        out.write_record(columns(lang)).map_err(fail)?;
        for (r, _) in self.rows(lang) {
            out.write_record([
                r.name,
                r.municipality,
                r.sums.entries.to_string(),
                hours_cell(r.sums.minutes),
                r.sums.cheques.to_string(),
                r.sums.km.to_string(),
                r.sums.paid_km.to_string(),
                euros_cell(r.work_cents),
                euros_cell(r.km_cents),
                euros_cell(r.total_cents),
            ])
            .map_err(fail)?;
        }
        crate::export::finish_csv(out)
    }

    /// One sheet: the organisation and the month on top, a row per worker, the totals row.
    /// Numbers are numbers (hours to the hundredth, euro in a currency format), not text.
    pub fn xlsx(&self, lang: Lang) -> Result<Vec<u8>, AppError> {
        self.workbook(lang)
            .map_err(|e| AppError::unavailable("xlsx", e))
    }

    fn workbook(&self, lang: Lang) -> Result<Vec<u8>, XlsxError> {
        let (title, rates) = self.title(lang);
        // (text, count, hours, euro), plain and bold (the totals).
        let formats = |bold: bool| {
            let f = |num: &str| {
                let format = Format::new().set_num_format(num);
                if bold { format.set_bold() } else { format }
            };
            (f("@"), f("0"), f("0.00"), f("€ #,##0.00"))
        };
        let mut book = Workbook::new();
        // Made "on" the month's first day rather than now: the same month exported again is
        // the same file, byte for byte.
        let month = u8::try_from(self.month.month).unwrap_or(1);
        let made =
            ExcelDateTime::from_ymd(u16::try_from(self.month.year).unwrap_or(2018), month, 1)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&made));
        let sheet = book.add_worksheet();
        sheet.set_name(self.month.to_string())?;
        let bold = Format::new().set_bold();
        sheet.write_string_with_format(0, 0, &self.organisation, &bold)?;
        sheet.write_string(1, 0, &title)?;
        sheet.write_string(2, 0, &rates)?;
        for (col, name) in (0u16..).zip(columns(lang)) {
            sheet.write_string_with_format(4, col, name, &bold)?;
        }
        for (row, (r, total)) in (5u32..).zip(self.rows(lang)) {
            let (text, count, hours, euro) = formats(total);
            sheet.write_string_with_format(row, 0, &r.name, &text)?;
            sheet.write_string_with_format(row, 1, &r.municipality, &text)?;
            sheet.write_number_with_format(row, 2, r.sums.entries as f64, &count)?;
            sheet.write_number_with_format(row, 3, hours_number(r.sums.minutes), &hours)?;
            sheet.write_number_with_format(row, 4, r.sums.cheques as f64, &count)?;
            sheet.write_number_with_format(row, 5, r.sums.km as f64, &count)?;
            sheet.write_number_with_format(row, 6, r.sums.paid_km as f64, &count)?;
            sheet.write_number_with_format(row, 7, cents(r.work_cents), &euro)?;
            sheet.write_number_with_format(row, 8, cents(r.km_cents), &euro)?;
            sheet.write_number_with_format(row, 9, cents(r.total_cents), &euro)?;
        }
        sheet.set_column_width(0, 28)?;
        sheet.set_column_width(1, 16)?;
        for col in 2..10 {
            sheet.set_column_width(col, 14)?;
        }
        book.save_to_buffer()
    }
}

/// One row of the files: a worker's, or the totals.
struct Row {
    name: String,
    municipality: String,
    sums: Sums,
    work_cents: i64,
    km_cents: i64,
    total_cents: i64,
}

fn cents(c: i64) -> f64 {
    c as f64 / 100.0
}

/// `GET /coordinator/allowances/2026-11.csv` (or `.xlsx`): the month's export for the
/// organisation's bemiddelaars.
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    crate::export::serve(state, session, headers, |ctx, db, lang| async move {
        let (month, extension) = file.split_once('.').ok_or(AppError::NotFound)?;
        if !matches!(extension, "csv" | "xlsx") {
            return Err(AppError::NotFound);
        }
        let export = {
            let mut conn = db.conn().await?;
            super::service::month(&ctx, &mut conn, Some(month.to_string())).await?
        };
        let seen = crate::file_views::Seen::AllowanceExport;
        crate::file_views::service::seen(&ctx, &db, &export, seen).await?;
        let file_name = export.file_name(extension);
        crate::export::csv_or_xlsx(
            extension,
            file_name,
            || export.csv(lang),
            || export.xlsx(lang),
        )
    })
    .await
}
