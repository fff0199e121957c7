//! The Jaaroverzicht of a private person: the fiscal attest (a one-page PDF, for the tax
//! reduction on wijk-werkcheques) and a CSV of the same year's prestaties. Both are made from
//! the same lines, so the CSV adds up to the attest.

use chrono::NaiveDate;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

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

        let (catalog, tree, font, info) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree);
        pdf.document_info(info).title(TextStr(&title));
        pdf.type1_font(font)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        // A4 pages of at most 60 lines.
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
    fn dutch_and_french_letters_keep_their_place_in_the_pdf_font() {
        assert_eq!(
            win_ansi("Café € 7,50 – ‘x’"),
            b"Caf\xe9 \x80 7,50 \x96 \x91x\x92"
        );
        assert_eq!(win_ansi("日"), b"?");
    }
}
