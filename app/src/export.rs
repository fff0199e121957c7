//! Files people download (a fiscal attest, an allowance export): one way to write numbers for a
//! Belgian spreadsheet, one way to answer a download. Server only.

use std::future::Future;

use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::request::Ctx;

/// A file to send.
pub struct Download {
    pub content_type: &'static str,
    pub file_name: String,
    pub body: Vec<u8>,
}

pub const CSV: &str = "text/csv; charset=utf-8";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A CSV writer for a spreadsheet set to Belgium: `;` between fields, and a byte-order mark so
/// accents in names survive the opening.
pub fn belgian_csv() -> csv::Writer<Vec<u8>> {
    let bom = "\u{feff}".as_bytes().to_vec();
    csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(bom)
}

pub fn finish_csv(out: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, AppError> {
    out.into_inner()
        .map_err(|e| AppError::unavailable("csv", e.into_error()))
}

/// Hours with a decimal comma, to the hundredth (rounded): 90 minutes are "1,50".
pub fn hours_cell(minutes: i64) -> String {
    let hundredths = (minutes.max(0) * 100 + 30) / 60;
    format!("{},{:02}", hundredths / 100, hundredths % 100)
}

/// Hours as a number, for a spreadsheet cell: the same rounding as [`hours_cell`].
pub fn hours_number(minutes: i64) -> f64 {
    ((minutes.max(0) * 100 + 30) / 60) as f64 / 100.0
}

/// Euro with a decimal comma and no sign: 1230 cents are "12,30".
pub fn euros_cell(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// The same figures as a CSV or an XLSX file, by the extension asked for (already checked to be
/// one of the two).
pub fn csv_or_xlsx(
    extension: &str,
    file_name: String,
    csv: impl FnOnce() -> Result<Vec<u8>, AppError>,
    xlsx: impl FnOnce() -> Result<Vec<u8>, AppError>,
) -> Result<Download, AppError> {
    Ok(if extension == "csv" {
        Download {
            content_type: CSV,
            file_name,
            body: csv()?,
        }
    } else {
        Download {
            content_type: XLSX,
            file_name,
            body: xlsx()?,
        }
    })
}

/// A name as part of a file name: lower case letters, digits and dashes.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Answer a download for the logged-in caller: `make` gets the caller, the database and the
/// request's language; a refusal is the app's error in that language, with its status.
pub async fn serve<F, Fut>(
    state: crate::AppState,
    session: tower_sessions::Session,
    headers: axum::http::HeaderMap,
    make: F,
) -> axum::response::Response
where
    F: FnOnce(Ctx, crate::db::Db, Lang) -> Fut,
    Fut: Future<Output = Result<Download, AppError>>,
{
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let lang = i18n::lang_of(&headers);
    let answer = async {
        let now = state.clock.now();
        let caller = crate::request::caller_in(&session, &state.db, now)
            .await?
            .ok_or(AppError::NotLoggedIn)?;
        make(Ctx { caller, now }, state.db.clone(), lang).await
    }
    .await;
    match answer {
        Ok(file) => (
            [
                (header::CONTENT_TYPE, file.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", file.file_name),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            file.body,
        )
            .into_response(),
        Err(e) => {
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, i18n::error_message(lang, &e)).into_response()
        }
    }
}

/// A plain document as PDF: lines of text (font size, text) in a standard font on A4 pages of
/// at most 60 lines each, for the fiscal attest, a worker's statement and a hand-in list.
pub fn pdf(title: &str, lines: &[(f32, String)]) -> Vec<u8> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
    let (catalog, tree, font, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.document_info(info).title(TextStr(title));
    pdf.type1_font(font)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    let pages: Vec<&[(f32, String)]> = lines.chunks(60).collect();
    let page_refs: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(10 + 2 * i as i32))
        .collect();
    pdf.pages(tree)
        .kids(page_refs.iter().copied())
        .count(pages.len() as i32);
    for (i, chunk) in pages.iter().enumerate() {
        let (page_id, content_id) = (page_refs[i], Ref::new(11 + 2 * i as i32));
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(Name(b"F1"), font);
        page.finish();
        let mut content = Content::new();
        let mut y = 790.0;
        for (size, text) in chunk.iter() {
            if !text.is_empty() {
                content.begin_text();
                content.set_font(Name(b"F1"), *size);
                content.next_line(56.0, y);
                content.show(Str(&win_ansi(text)));
                content.end_text();
            }
            y -= size * 1.5;
        }
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

/// Text for the PDF's standard font (Helvetica, WinAnsiEncoding): Latin-1 as it is, the euro
/// sign and typographic quotes and dashes at their places, anything else as "?".
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '·' => 0xB7,
            '–' => 0x96,
            '—' => 0x97,
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_for_a_belgian_spreadsheet() {
        assert_eq!(hours_cell(90), "1,50");
        assert_eq!(hours_cell(10), "0,17");
        assert_eq!(hours_cell(0), "0,00");
        assert_eq!(hours_number(150), 2.5);
        assert_eq!(euros_cell(1230), "12,30");
        assert_eq!(euros_cell(5), "0,05");
        assert_eq!(euros_cell(-745), "-7,45");
        assert_eq!(
            slug("Wijk-werken Leie & Schelde"),
            "wijk-werken-leie-schelde"
        );
        assert_eq!(slug("Zuid-Oost Vlaanderen (é)"), "zuid-oost-vlaanderen-e");
    }

    #[test]
    fn dutch_and_french_letters_keep_their_place_in_the_pdf_font() {
        assert_eq!(
            win_ansi("Café € 7,50 – ‘x’"),
            b"Caf\xe9 \x80 7,50 \x96 \x91x\x92"
        );
        assert_eq!(win_ansi("日"), b"?");
    }
}
