//! The files: an issuer's statement read from CSV (`;` or `,`, UTF-8 with or without a
//! byte-order mark, or Windows-1252 as older spreadsheets save it) or XLSX (its first sheet),
//! uploaded as a plain form; and a month's hand-in list as PDF and CSV.

use axum::extract::{Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::service::Rows;
use crate::allowances::rules::Month;
use crate::error::{AppError, Field};
use crate::export::Download;
use crate::i18n::{self, Lang, M, message};

/// At most this many lines in a statement (a year of a large organisation's purchases).
const MOST_ROWS: usize = 20_000;

/// A statement's rows, the header first; `None` when the file is neither a workbook nor text.
pub fn read(file_name: &str, bytes: &[u8]) -> Option<Rows> {
    let rows = if bytes.starts_with(b"PK") || file_name.to_lowercase().ends_with(".xlsx") {
        read_xlsx(bytes)?
    } else {
        read_csv(bytes)?
    };
    let rows: Rows = rows
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .take(MOST_ROWS + 1)
        .collect();
    (!rows.is_empty()).then_some(rows)
}

fn read_csv(bytes: &[u8]) -> Option<Rows> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
        // Windows-1252 (Excel's "CSV" on a Belgian Windows): Latin-1 is close enough for names
        // and numbers.
        Err(_) => bytes.iter().map(|b| *b as char).collect(),
    };
    let first = text.lines().next()?;
    let delimiter = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        rows.push(record.ok()?.iter().map(str::to_string).collect());
    }
    Some(rows)
}

fn read_xlsx(bytes: &[u8]) -> Option<Rows> {
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).ok()?;
    let range = book.worksheet_range_at(0)?.ok()?;
    Some(
        range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Data::Empty => String::new(),
                        Data::String(s) => s.clone(),
                        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                        Data::Float(f) => format!("{f}"),
                        Data::Int(i) => i.to_string(),
                        Data::Bool(b) => b.to_string(),
                        // A date cell: its day number, which `rules::parse_date` reads.
                        Data::DateTime(d) => format!("{}", d.as_f64().trunc() as i64),
                        Data::DateTimeIso(s) => s.chars().take(10).collect(),
                        Data::DurationIso(s) => s.clone(),
                        Data::Error(_) => String::new(),
                    })
                    .collect()
            })
            .collect(),
    )
}

/// `POST /coordinator/cheques/statement` (a form with the file): the statement is kept and the
/// bemiddelaar goes on to choose its columns (`/coordinator/cheques/statement/<id>`). A file
/// that cannot be read comes back to the Cheques page with the reason in the address.
pub async fn upload(
    State(state): State<crate::AppState>,
    session: tower_sessions::Session,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let _ = headers;
    let now = state.clock.now();
    let caller = match crate::request::caller_in(&session, &state.db, now).await {
        Ok(Some(caller)) => caller,
        _ => return Redirect::to("/login").into_response(),
    };
    let ctx = crate::request::Ctx { caller, now };
    let answer: Result<i64, AppError> = async {
        let mut file = None;
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some("statement") {
                let name = field.file_name().unwrap_or("afrekening.csv").to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::Invalid(Field::Statement))?;
                file = Some((name, bytes));
            }
        }
        let (name, bytes) = file.ok_or(AppError::Invalid(Field::Statement))?;
        let rows = read(&name, &bytes).ok_or(AppError::Invalid(Field::Statement))?;
        let mut tx = state.db.begin().await?;
        let id = super::service::upload(&ctx, &mut tx, &name, &bytes, rows).await?;
        tx.commit().await?;
        Ok(id)
    }
    .await;
    match answer {
        Ok(id) => Redirect::to(&format!("/coordinator/cheques/statement/{id}")).into_response(),
        Err(AppError::Forbidden) => axum::http::StatusCode::FORBIDDEN.into_response(),
        Err(_) => Redirect::to("/coordinator/cheques?error=statement").into_response(),
    }
}

/// `GET /coordinator/cheques/hand-in/2026-12.pdf` (or `.csv`): a month's hand-in list.
pub async fn hand_in(
    State(state): State<crate::AppState>,
    session: tower_sessions::Session,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    crate::export::serve(state, session, headers, |ctx, db, lang| async move {
        let organisation = ctx.caller.staff()?;
        let (month, extension) = file.split_once('.').ok_or(AppError::NotFound)?;
        let month = Month::parse(month)
            .and_then(Month::first_day)
            .ok_or(AppError::NotFound)?;
        let today = crate::clock::local_date(ctx.now);
        let list = {
            let mut conn = db.conn().await?;
            super::service::hand_in(&mut conn, organisation, month, today).await?
        };
        let file_name = format!("borderel-{}.{extension}", Month::of(month));
        match extension {
            "pdf" => Ok(Download {
                content_type: "application/pdf",
                file_name,
                body: hand_in_pdf(&list, lang),
            }),
            "csv" => Ok(Download {
                content_type: crate::export::CSV,
                file_name,
                body: hand_in_csv(&list, lang)?,
            }),
            _ => Err(AppError::NotFound),
        }
    })
    .await
}

fn hand_in_pdf(list: &super::HandIn, lang: Lang) -> Vec<u8> {
    let m = Month::of(list.month);
    let title = message(
        lang,
        M::HandInTitle,
        &[("month", i18n::month_name(lang, m.year, m.month).into())],
    );
    let mut lines: Vec<(f32, String)> = vec![
        (16.0, title.clone()),
        (11.0, list.organisation.clone()),
        (11.0, String::new()),
        (
            12.0,
            message(
                lang,
                M::HandInTotal,
                &[
                    ("n", list.cheques.into()),
                    ("total", i18n::money(lang, list.amount_cents).into()),
                ],
            ),
        ),
        (11.0, String::new()),
    ];
    for l in &list.lines {
        lines.push((
            9.0,
            format!(
                "{} · {} · {} ({}) · {} · {}",
                l.number,
                i18n::short_date(lang, l.work_date),
                l.client_name,
                l.client_number,
                l.worker_name,
                i18n::money(lang, l.price_cents)
            ),
        ));
    }
    crate::export::pdf(&title, &lines)
}

fn hand_in_csv(list: &super::HandIn, lang: Lang) -> Result<Vec<u8>, AppError> {
    use crate::export::euros_cell;
    let fail = |e: csv::Error| AppError::unavailable("csv", e);
    let mut out = crate::export::belgian_csv();
    out.write_record(message(lang, M::HandInCsvHeader, &[]).split(';'))
        .map_err(fail)?;
    for l in &list.lines {
        out.write_record([
            l.number.clone(),
            l.work_date.to_string(),
            l.client_number.clone(),
            l.client_name.clone(),
            l.worker_name.clone(),
            euros_cell(l.price_cents),
        ])
        .map_err(fail)?;
    }
    out.write_record([
        i18n::T::TotalRow.text(lang).to_string(),
        String::new(),
        String::new(),
        String::new(),
        list.cheques.to_string(),
        euros_cell(list.amount_cents),
    ])
    .map_err(fail)?;
    crate::export::finish_csv(out)
}
