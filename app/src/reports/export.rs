//! Rapport per gemeente as files: CSV for a Belgian spreadsheet and XLSX, with the
//! organisation, the municipality, the period and the version on top; the figures as the
//! screen shows them (shielded ones as "afgeschermd"), and in the organisation's own version
//! the wijk-werkers of the period.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::{Figure, MunicipalityReport, ReportQuery};
use crate::error::AppError;
use crate::export::{csv_or_xlsx, hours_cell, hours_number};
use crate::i18n::{Lang, T};
use crate::ui::coordinator::{clients::kind_key, organisation::category_key, workers::outcome_key};

/// One cell of a figure's row.
enum Value {
    Count(i64),
    Hours(i64),
    Shielded,
}

impl Value {
    fn of(f: Figure) -> Value {
        match f {
            Figure::Count(n) => Value::Count(n),
            Figure::Shielded => Value::Shielded,
        }
    }

    fn text(&self, lang: Lang) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Hours(minutes) => hours_cell(*minutes),
            Value::Shielded => T::Shielded.text(lang).to_string(),
        }
    }
}

/// A figure: its words, its value and, for a group of hours, the workers behind it.
struct Line {
    label: String,
    value: Value,
    workers: Option<Value>,
}

fn category_words(category: &str, lang: Lang) -> String {
    category_key(category).map_or(category.to_string(), |key| key.text(lang).to_string())
}

impl MunicipalityReport {
    pub fn file_name(&self, extension: &str) -> String {
        let place = self
            .municipality
            .as_deref()
            .map_or("alle-gemeenten".to_string(), crate::export::slug);
        let version = if self.anonymous { "-extern" } else { "" };
        format!(
            "rapport-{}-{place}-{}-{}{version}.{extension}",
            crate::export::slug(&self.organisation),
            self.from,
            self.until
        )
    }

    fn lines(&self, lang: Lang) -> Vec<Line> {
        let line = |label: String, value: Value| Line {
            label,
            value,
            workers: None,
        };
        let mut out = vec![
            line(
                T::ActiveWorkers.text(lang).into(),
                Value::of(self.active_workers),
            ),
            line(
                T::WorkingWorkers.text(lang).into(),
                Value::of(self.working_workers),
            ),
            line(
                T::TrajectoriesStarted.text(lang).into(),
                Value::of(self.trajectories_started),
            ),
            line(
                T::TrajectoriesEnded.text(lang).into(),
                Value::of(self.trajectories_ended_total),
            ),
        ];
        for (outcome, figure) in &self.trajectories_ended {
            let label = format!(
                "{} – {}",
                T::TrajectoriesEnded.text(lang),
                outcome_key(*outcome).text(lang)
            );
            out.push(line(label, Value::of(*figure)));
        }
        out.push(line(
            T::HoursWorked.text(lang).into(),
            Value::Hours(self.minutes),
        ));
        for g in &self.by_group {
            out.push(Line {
                label: format!(
                    "{} – {}",
                    T::HoursWorked.text(lang),
                    category_words(&g.category, lang)
                ),
                value: g.minutes.map_or(Value::Shielded, Value::Hours),
                workers: Some(Value::of(g.workers)),
            });
        }
        out.push(line(
            T::ClientsByKind.text(lang).into(),
            Value::of(self.clients_total),
        ));
        for (kind, figure) in &self.clients {
            let label = format!(
                "{} – {}",
                T::ClientsByKind.text(lang),
                kind_key(*kind).text(lang)
            );
            out.push(line(label, Value::of(*figure)));
        }
        out.push(line(
            T::ReportChequesUsed.text(lang).into(),
            Value::Count(self.cheques_used),
        ));
        out
    }

    fn worker_columns(lang: Lang) -> [&'static str; 5] {
        [
            T::ColWorker,
            T::FieldMunicipality,
            T::ColTrajectory,
            T::ColOutcome,
            T::ColHours,
        ]
        .map(|key| key.text(lang))
    }

    /// The worker's trajectory as written in the files: "2026-01-05 – 2027-01-04".
    fn trajectory(w: &super::ReportWorker) -> String {
        let end = w.ended_on.unwrap_or(w.trajectory_planned_end);
        format!("{} – {end}", w.trajectory_start)
    }

    fn outcome(w: &super::ReportWorker, lang: Lang) -> String {
        w.outcome
            .map_or(String::new(), |o| outcome_key(o).text(lang).to_string())
    }

    pub fn csv(&self, lang: Lang) -> Result<Vec<u8>, AppError> {
        let fail = |e: csv::Error| AppError::unavailable("csv", e);
        let mut out = crate::export::belgian_csv();
        out.write_record([
            self.organisation.as_str(),
            &self.title(lang),
            self.version(lang),
        ])
        .map_err(fail)?;
        out.write_record([
            T::ColFigure.text(lang),
            T::ColValue.text(lang),
            T::ColWorkers.text(lang),
        ])
        .map_err(fail)?;
        for l in self.lines(lang) {
            let workers = l.workers.map(|w| w.text(lang)).unwrap_or_default();
            out.write_record([l.label, l.value.text(lang), workers])
                .map_err(fail)?;
        }
        if self.anonymous {
            out.write_record([T::ShieldedNote.text(lang)])
                .map_err(fail)?;
        } else {
            out.write_record([""]).map_err(fail)?;
            out.write_record(Self::worker_columns(lang)).map_err(fail)?;
            for w in &self.workers {
                out.write_record([
                    format!("{} {}", w.first_name, w.last_name),
                    w.municipality.clone(),
                    Self::trajectory(w),
                    Self::outcome(w, lang),
                    hours_cell(w.minutes),
                ])
                .map_err(fail)?;
            }
        }
        crate::export::finish_csv(out)
    }

    /// One sheet of figures (numbers as numbers, hours to the hundredth) and, in the
    /// organisation's own version, one of the wijk-werkers.
    pub fn xlsx(&self, lang: Lang) -> Result<Vec<u8>, AppError> {
        self.workbook(lang)
            .map_err(|e| AppError::unavailable("xlsx", e))
    }

    fn workbook(&self, lang: Lang) -> Result<Vec<u8>, XlsxError> {
        let bold = Format::new().set_bold();
        let count = Format::new().set_num_format("0");
        let hours = Format::new().set_num_format("0.00");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(T::ColFigure.text(lang))?;
        sheet.write_string_with_format(0, 0, &self.organisation, &bold)?;
        sheet.write_string(1, 0, self.title(lang))?;
        sheet.write_string(2, 0, self.version(lang))?;
        let heads = [T::ColFigure, T::ColValue, T::ColWorkers];
        for (col, key) in (0u16..).zip(heads) {
            sheet.write_string_with_format(4, col, key.text(lang), &bold)?;
        }
        let write = |sheet: &mut rust_xlsxwriter::Worksheet, row: u32, col: u16, v: &Value| {
            match v {
                Value::Count(n) => sheet.write_number_with_format(row, col, *n as f64, &count),
                Value::Hours(m) => {
                    sheet.write_number_with_format(row, col, hours_number(*m), &hours)
                }
                Value::Shielded => sheet.write_string(row, col, T::Shielded.text(lang)),
            }
            .map(|_| ())
        };
        let mut row = 5u32;
        for l in self.lines(lang) {
            sheet.write_string(row, 0, &l.label)?;
            write(sheet, row, 1, &l.value)?;
            if let Some(w) = &l.workers {
                write(sheet, row, 2, w)?;
            }
            row += 1;
        }
        if self.anonymous {
            sheet.write_string(row + 1, 0, T::ShieldedNote.text(lang))?;
        }
        sheet.set_column_width(0, 52)?;
        sheet.set_column_width(1, 14)?;
        sheet.set_column_width(2, 14)?;
        if !self.anonymous {
            let people = book.add_worksheet();
            people.set_name(T::ColWorkers.text(lang))?;
            for (col, name) in (0u16..).zip(Self::worker_columns(lang)) {
                people.write_string_with_format(0, col, name, &bold)?;
            }
            for (row, w) in (1u32..).zip(&self.workers) {
                people.write_string(row, 0, format!("{} {}", w.first_name, w.last_name))?;
                people.write_string(row, 1, &w.municipality)?;
                people.write_string(row, 2, Self::trajectory(w))?;
                people.write_string(row, 3, Self::outcome(w, lang))?;
                people.write_number_with_format(row, 4, hours_number(w.minutes), &hours)?;
            }
            people.set_column_width(0, 28)?;
            people.set_column_width(1, 16)?;
            people.set_column_width(2, 26)?;
            people.set_column_width(3, 18)?;
        }
        book.save_to_buffer()
    }
}

/// `GET /coordinator/reports/rapport.csv?municipality_id=…&from=…&until=…&anonymous=true` (or
/// `.xlsx`): the report as on the screen, for the organisation's bemiddelaars.
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(file): axum::extract::Path<String>,
    axum::extract::Query(query): axum::extract::Query<ReportQuery>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    crate::export::serve(state, session, headers, |ctx, db, lang| async move {
        let extension = match file.as_str() {
            "rapport.csv" => "csv",
            "rapport.xlsx" => "xlsx",
            _ => return Err(AppError::NotFound),
        };
        let report = {
            let mut conn = db.conn().await?;
            super::service::municipality_report(&ctx, &mut conn, query).await?
        };
        let seen = crate::file_views::Seen::ReportExport;
        crate::file_views::service::seen(&ctx, &db, &report, seen).await?;
        let file_name = report.file_name(extension);
        csv_or_xlsx(
            extension,
            file_name,
            || report.csv(lang),
            || report.xlsx(lang),
        )
    })
    .await
}
