//! The issuer's cheques: its statement read in from CSV or XLSX (columns chosen at import),
//! once, whole or not at all; paper cheques recorded per prestatie, each number once in the
//! installation, also when two requests race; the month's hand-in list and the
//! reconciliation; an order that extends the validity of older batches.

use app::cheques::Wallet;
use app::error::{AppError, Field};
use app::ids::{AssignmentId, ClientId, EntryId};
use app::issuer::{ChequesDesk, ImportOutcome, LineProblem, Mapping, UploadView};
use chrono::NaiveDate;
use serde_json::json;

use crate::harness::{TestApp, User};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Upload a statement file: the id of the upload (from where the answer sends the browser).
async fn upload(user: &User, name: &str, bytes: &[u8]) -> Result<i64, u16> {
    let answer = user
        .upload("/coordinator/cheques/statement", "statement", name, bytes)
        .await;
    let to = answer.header("location").unwrap_or_default().to_string();
    match to.strip_prefix("/coordinator/cheques/statement/") {
        Some(id) => Ok(id.parse().unwrap()),
        None => Err(if answer.status == 303 {
            422
        } else {
            answer.status
        }),
    }
}

async fn import(user: &User, id: i64, m: Mapping) -> Result<ImportOutcome, (u16, AppError)> {
    let col = |c: Option<usize>| c.map_or("-1".to_string(), |c| c.to_string());
    user.call(
        "import_statement",
        &[
            ("upload_id", &id.to_string()),
            ("date", &m.date.to_string()),
            ("client_number", &m.client_number.to_string()),
            ("cheques", &m.cheques.to_string()),
            ("price", &m.price.to_string()),
            ("valid_until", &col(m.valid_until)),
            ("reference", &col(m.reference)),
        ],
    )
    .await
}

async fn view(user: &User, id: i64) -> Result<UploadView, (u16, AppError)> {
    user.call("statement_upload", &[("upload_id", &id.to_string())])
        .await
}

async fn wallet(sofie: &User, client: ClientId) -> Wallet {
    sofie
        .call("client_cheques", &[("client_id", &client.to_string())])
        .await
        .unwrap()
}

fn batches(app: &TestApp) -> impl std::future::Future<Output = i64> + '_ {
    app.scalar(
        "SELECT COUNT(*) FROM cheque_batch WHERE organisation_id = $1",
        app.a.organisation_id.0,
    )
}

pub async fn the_issuers_statement_is_read_in_once_whole_or_not_at_all(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let (roger, maria) = (app.a.clients["roger"], app.a.clients["maria"]);
    let roger_before = wallet(&sofie, roger).await.balance;
    // The plain format (README), with a byte-order mark as a Belgian spreadsheet saves it.
    let csv = "\u{feff}aankoopdatum;gebruikersnummer;aantal;prijs;referentie\n\
        30/11/2026;G00006;5;7,45;UIT-1\n\
        2026-11-29;G00001;2;7,45;UIT-2\n";
    let id = upload(&sofie, "afrekening-november.csv", csv.as_bytes())
        .await
        .unwrap();
    let seen = view(&sofie, id).await.unwrap();
    assert_eq!(seen.lines, 2);
    assert_eq!(seen.header[1], "gebruikersnummer");
    let plain = Mapping {
        date: 0,
        client_number: 1,
        cheques: 2,
        price: 3,
        valid_until: None,
        reference: Some(4),
    };
    assert_eq!(seen.mapping, plain);
    assert_eq!(seen.imported_at, None);
    // Another organisation's upload does not exist there; a worker may not upload.
    let sofie_b = app.login("sofie@b.test").await;
    assert_eq!(view(&sofie_b, id).await.unwrap_err().0, 404);
    assert_eq!(import(&sofie_b, id, plain).await.unwrap_err().0, 404);
    let kevin = app.login("kevin@a.test").await;
    assert_eq!(
        upload(&kevin, "x.csv", csv.as_bytes()).await.unwrap_err(),
        403
    );

    let before = batches(app).await;
    let done = import(&sofie, id, plain).await.unwrap();
    assert_eq!(
        done,
        ImportOutcome::Imported {
            batches: 2,
            cheques: 7,
            known: 0,
            settled: 0
        }
    );
    assert_eq!(batches(app).await, before + 2);
    let w = wallet(&sofie, roger).await;
    assert_eq!(w.balance, roger_before + 5);
    let new = w
        .batches
        .iter()
        .find(|b| b.bought_on == day("2026-11-30"))
        .unwrap();
    assert_eq!((new.cheques, new.price_cents), (5, 745));
    assert_eq!(new.valid_until, day("2027-11-30"), "12 months by default");
    assert!(
        wallet(&sofie, maria)
            .await
            .batches
            .iter()
            .any(|b| b.bought_on == day("2026-11-29"))
    );

    // The same file again, uploaded anew: it is recognised, and nothing is added.
    let again = upload(&sofie, "kopie.csv", csv.as_bytes()).await.unwrap();
    assert!(view(&sofie, again).await.unwrap().imported_at.is_some());
    assert!(matches!(
        import(&sofie, again, plain).await.unwrap(),
        ImportOutcome::AlreadyImported { .. }
    ));
    // A later statement that repeats a line (its reference) adds only the new ones.
    let december = "aankoopdatum;gebruikersnummer;aantal;prijs;referentie\n\
        30/11/2026;G00006;5;7,45;UIT-1\n\
        2026-12-01;G00004;20;7,45;UIT-3\n";
    let id3 = upload(&sofie, "december.csv", december.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        import(&sofie, id3, plain).await.unwrap(),
        ImportOutcome::Imported {
            batches: 1,
            cheques: 20,
            known: 1,
            settled: 0
        }
    );
    assert_eq!(batches(app).await, before + 3);
    assert_eq!(wallet(&sofie, roger).await.balance, roger_before + 5);

    // Wrong lines: each named by its line, and nothing of the file is applied (its good line
    // neither).
    let bad = "aankoopdatum;gebruikersnummer;aantal;prijs;referentie\n\
        2026-11-28;G00002;10;7,45;UIT-4\n\
        2026-11-28;G00099;10;7,45;UIT-5\n\
        2026-11-28;G00002;10;7,00;UIT-6\n\
        31/11/2026;G00002;10;7,45;UIT-7\n\
        2026-11-28;G00002;0;7,45;UIT-8\n\
        2026-11-28;G00002;3;7,45;UIT-4\n";
    let id4 = upload(&sofie, "fouten.csv", bad.as_bytes()).await.unwrap();
    assert_eq!(
        import(&sofie, id4, plain).await.unwrap(),
        ImportOutcome::Refused {
            problems: vec![
                (3, LineProblem::UnknownClient("G00099".into())),
                (4, LineProblem::Price),
                (5, LineProblem::Date),
                (6, LineProblem::Cheques),
                (7, LineProblem::Reference),
            ]
        }
    );
    assert_eq!(batches(app).await, before + 3);
    let imports = "SELECT COUNT(*) FROM statement_import WHERE organisation_id = $1";
    assert_eq!(app.scalar(imports, app.a.organisation_id.0).await, 2);
    // A file that is not a statement is refused in words.
    assert_eq!(
        upload(&sofie, "leeg.csv", b"alleen een kopregel\n")
            .await
            .unwrap_err(),
        422
    );

    // An XLSX in the issuer's own layout: other names, other order, a validity of its own;
    // the bemiddelaar chooses the columns.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in [
        "Klant",
        "Aantal cheques",
        "Eenheidsprijs",
        "Datum aankoop",
        "Vervalt",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "G00005").unwrap();
    sheet.write_number(1, 1, 12.0).unwrap();
    sheet.write_number(1, 2, 7.45).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 27).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_datetime_with_format(1, 3, &date, &format)
        .unwrap();
    sheet.write_string(1, 4, "2027-12-31").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let id5 = upload(&sofie, "uitgever.xlsx", &bytes).await.unwrap();
    let seen = view(&sofie, id5).await.unwrap();
    assert_eq!(seen.header[3], "Datum aankoop");
    let chosen = Mapping {
        date: 3,
        client_number: 0,
        cheques: 1,
        price: 2,
        valid_until: Some(4),
        reference: None,
    };
    assert!(matches!(
        import(&sofie, id5, chosen).await.unwrap(),
        ImportOutcome::Imported {
            batches: 1,
            cheques: 12,
            ..
        }
    ));
    let hoeve = wallet(&sofie, app.a.clients["hoeve"]).await;
    let from_xlsx = hoeve
        .batches
        .iter()
        .find(|b| b.bought_on == day("2026-11-27"))
        .unwrap();
    assert_eq!(
        (from_xlsx.cheques, from_xlsx.valid_until),
        (12, day("2027-12-31"))
    );
    // Audited.
    let audits = "SELECT COUNT(*) FROM audit_event WHERE action = 'statement_imported' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(audits, app.a.organisation_id.0).await, 3);
}

/// Kevin's hours on Roger's assignment of today (1 December, 09:00): (start, end).
async fn kevin_at_roger(app: &TestApp, kevin: &User, (start, end): (&str, &str)) -> EntryId {
    crate::phone::enter(
        kevin,
        app.a.assignments.kevin_roger_today,
        "2026-12-01",
        start,
        end,
        "0",
        "0",
    )
    .await
    .unwrap()
}

async fn paper(
    user: &User,
    endpoint: &str,
    entry: EntryId,
    numbers: &[&str],
) -> Result<(), (u16, AppError)> {
    user.call_json(endpoint, &json!({ "entry_id": entry, "numbers": numbers }))
        .await
}

async fn owed(app: &TestApp, entry: EntryId) -> i64 {
    app.scalar("SELECT cheques_owed FROM time_entry WHERE id = $1", entry.0)
        .await
}

pub async fn paper_cheques_pay_a_prestatie_once_and_go_on_the_hand_in_list(app: &TestApp) {
    // What December's reconciliation counts before: the demo's payments of today.
    let sofie = app.login("sofie@a.test").await;
    let desk: ChequesDesk = sofie.call("cheques_desk", &[]).await.unwrap();
    let start = desk
        .reconciliation
        .iter()
        .find(|r| r.month == day("2026-12-01"))
        .unwrap()
        .clone();
    // Roger has one cheque. Kevin worked 05:00–06:00, 06:00–08:30 and 08:30–09:00 for him;
    // Roger confirms all: the cheque pays the first, the others wait for 3 and 1 cheques.
    let kevin = app.login("kevin@a.test").await;
    let first = kevin_at_roger(app, &kevin, ("05:00", "06:00")).await;
    let second = kevin_at_roger(app, &kevin, ("06:00", "08:30")).await;
    let third = kevin_at_roger(app, &kevin, ("08:30", "09:00")).await;
    let roger = app.login("roger@a.test").await;
    let _: app::time_entries::ConfirmedAll = roger
        .call_json(
            "confirm_all",
            &json!({ "entry_ids": [first, second, third] }),
        )
        .await
        .unwrap();
    assert_eq!((owed(app, first).await, owed(app, second).await), (0, 3));
    assert_eq!(owed(app, third).await, 1);

    // On his phone Kevin types the three numbers of Roger's paper cheques. Too few, a number
    // that is not one, the same number twice: refused in words, nothing kept.
    let mine = "record_my_paper_cheques";
    for (numbers, error) in [
        (
            &["10000001", "10000002"][..],
            AppError::Invalid(Field::ChequeCount),
        ),
        (
            &["10000001", "12", "10000003"][..],
            AppError::Invalid(Field::ChequeNumber),
        ),
        (
            &["10000001", "1000 0001", "10000003"][..],
            AppError::ChequeNumberUsed {
                number: "10000001".into(),
            },
        ),
    ] {
        let refused = paper(&kevin, mine, second, numbers).await.unwrap_err();
        assert_eq!(refused.1, error, "{numbers:?}");
    }
    let paper_rows = "SELECT COUNT(*) FROM paper_cheque WHERE organisation_id = $1";
    assert_eq!(app.scalar(paper_rows, app.a.organisation_id.0).await, 0);
    // Someone else's prestatie: not found; the gebruiker may not.
    let lien = app.login("lien@a.test").await;
    assert_eq!(
        paper(&lien, mine, second, &["1", "2", "3"])
            .await
            .unwrap_err()
            .0,
        404
    );
    assert_eq!(
        paper(&roger, mine, second, &["10000001"])
            .await
            .unwrap_err()
            .0,
        403
    );
    paper(
        &kevin,
        mine,
        second,
        &["1000 0001", "1000-0002", "10000003"],
    )
    .await
    .unwrap();
    assert_eq!(owed(app, second).await, 0);
    let hours: app::workers::MyHours = kevin.call("my_hours", &[]).await.unwrap();
    let line = hours.entries.iter().find(|e| e.id == second).unwrap();
    assert_eq!(line.cheques_owed, 0);
    // Paid: once.
    assert_eq!(
        paper(&kevin, mine, second, &["10000004", "10000005", "10000006"])
            .await
            .unwrap_err(),
        (409, AppError::AlreadyDecided)
    );

    // A number is accepted once in the whole installation, ever: not again here, not in
    // organisation B.
    assert_eq!(
        paper(&kevin, mine, third, &["10000002"]).await.unwrap_err(),
        (
            409,
            AppError::ChequeNumberUsed {
                number: "10000002".into()
            }
        )
    );
    let b_kevin = app.login("kevin@b.test").await;
    let b_entry = crate::phone::enter(
        &b_kevin,
        app.b.assignments.kevin_roger_today,
        "2026-12-01",
        "05:00",
        "07:30",
        "0",
        "0",
    )
    .await
    .unwrap();
    let b_roger = app.login("roger@b.test").await;
    let _: app::time_entries::Confirmed = b_roger
        .call("confirm_entry", &[("entry_id", &b_entry.to_string())])
        .await
        .unwrap();
    assert_eq!(
        paper(
            &b_kevin,
            mine,
            b_entry,
            &["10000003", "30000002", "30000003"]
        )
        .await
        .unwrap_err()
        .1,
        AppError::ChequeNumberUsed {
            number: "10000003".into()
        }
    );

    // Two requests at once with one new number, for two waiting prestaties (B's Kevin's phone
    // and A's bemiddelaar): one is kept, the other refused.
    let sofie = app.login("sofie@a.test").await;
    let (a, b) = tokio::join!(
        paper(&sofie, "record_paper_cheques", third, &["20000001"]),
        paper(
            &b_kevin,
            mine,
            b_entry,
            &["20000001", "30000002", "30000003"]
        ),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    for r in [&a, &b] {
        if let Err(e) = r {
            assert_eq!(
                e.1,
                AppError::ChequeNumberUsed {
                    number: "20000001".into()
                }
            );
        }
    }
    let once = {
        let mut conn = app.db.conn().await.unwrap();
        app::on!(conn.c(), c => sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM paper_cheque WHERE number = '20000001'")
            .fetch_one(c).await)
        .unwrap()
    };
    assert_eq!(once, 1);
    if b.is_ok() {
        // B's Kevin had it; A's third prestatie still waits: the bemiddelaar records another.
        paper(&sofie, "record_paper_cheques", third, &["20000009"])
            .await
            .unwrap();
    }

    // December's hand-in list: A's four paper cheques at Nazareth's €7.45, adding up.
    let desk: ChequesDesk = sofie.call("cheques_desk", &[]).await.unwrap();
    let december = desk
        .hand_ins
        .iter()
        .find(|h| h.month == day("2026-12-01"))
        .unwrap();
    assert_eq!((december.cheques, december.amount_cents), (4, 4 * 745));
    assert_eq!(
        december.amount_cents,
        december.lines.iter().map(|l| l.price_cents).sum::<i64>()
    );
    assert!(!december.closable, "December is not over");
    let csv = sofie.get("/coordinator/cheques/hand-in/2026-12.csv").await;
    assert_eq!(csv.status, 200);
    let rows: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(rows.len(), 1 + 4 + 1);
    assert!(
        rows.last().unwrap().ends_with(";4;29,80"),
        "{}",
        rows.last().unwrap()
    );
    let pdf = sofie.get("/coordinator/cheques/hand-in/2026-12.pdf").await;
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert_eq!(
        kevin
            .get("/coordinator/cheques/hand-in/2026-12.csv")
            .await
            .status,
        403
    );
    let close = async |user: &User, month: &str| {
        user.call::<()>("close_hand_in", &[("month", month)]).await
    };
    assert_eq!(
        close(&sofie, "2026-12").await.unwrap_err(),
        (422, AppError::Invalid(Field::Month))
    );

    // In January the list is closed (sent), once.
    app.clock.set("2027-01-04T09:00:00Z".parse().unwrap());
    let sofie = app.login("sofie@a.test").await;
    close(&sofie, "2026-12").await.unwrap();
    assert_eq!(
        close(&sofie, "2026-12").await.unwrap_err(),
        (409, AppError::AlreadyDecided)
    );
    let desk: ChequesDesk = sofie.call("cheques_desk", &[]).await.unwrap();
    let december = desk
        .hand_ins
        .iter()
        .find(|h| h.month == day("2026-12-01"))
        .unwrap();
    assert!(december.closed_at.is_some());

    // Reconciliation of December: the electronic cheque that paid Kevin's first hour (at its
    // batch's €7.45) and the four paper cheques, beside what the issuer paid.
    let recon = |desk: &ChequesDesk| {
        desk.reconciliation
            .iter()
            .find(|r| r.month == day("2026-12-01"))
            .unwrap()
            .clone()
    };
    let r = recon(&desk);
    assert_eq!(
        (r.electronic_cheques, r.electronic_cents),
        (start.electronic_cheques + 1, start.electronic_cents + 745)
    );
    assert_eq!((r.paper_cheques, r.paper_cents), (4, 4 * 745));
    let should = r.electronic_cents + 4 * 745;
    assert_eq!(
        (r.should_cents, r.paid_cents, r.difference_cents),
        (should, 0, -should)
    );
    let pay = async |amount: &str, on: &str| {
        sofie
            .call::<()>(
                "record_issuer_payment",
                &[
                    ("month", "2026-12"),
                    ("amount", amount),
                    ("paid_on", on),
                    ("reference", "UIT/2026/12"),
                ],
            )
            .await
    };
    assert_eq!(
        pay("0", "2027-01-03").await.unwrap_err(),
        (422, AppError::Invalid(Field::Amount))
    );
    assert_eq!(
        pay("10,00", "2027-01-05").await.unwrap_err(),
        (422, AppError::Invalid(Field::PaidOn))
    );
    pay("30,00", "2027-01-03").await.unwrap();
    let rest = app::export::euros_cell(should - 3000);
    pay(&rest, "2027-01-04").await.unwrap();
    let r = recon(&sofie.call("cheques_desk", &[]).await.unwrap());
    assert_eq!((r.paid_cents, r.difference_cents), (should, 0));
}

/// Jozef (ex-PWA, no end) works 1 u for Maria on `date`, planned the day before; Maria confirms.
async fn jozef_for_maria(app: &TestApp, date: NaiveDate) -> EntryId {
    let assignment: AssignmentId = crate::money::planned(app, "jozef", date).await;
    app.clock.set(format!("{date}T16:00:00Z").parse().unwrap());
    let jozef = app.login("jozef@a.test").await;
    let entry = crate::phone::enter(
        &jozef,
        assignment,
        &date.to_string(),
        "09:00",
        "10:00",
        "0",
        "0",
    )
    .await
    .unwrap();
    let maria = app.login("maria@a.test").await;
    let _: app::time_entries::Confirmed = maria
        .call("confirm_entry", &[("entry_id", &entry.to_string())])
        .await
        .unwrap();
    entry
}

pub async fn an_order_extends_the_validity_of_older_batches_only(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let maria = app.a.clients["maria"];
    // Maria: 10 cheques bought 1 November 2026 (and last year's 3, expired). She buys 2 more
    // today, 1 December.
    crate::cheques::purchase(&sofie, maria, 2, day("2026-12-01"))
        .await
        .unwrap();
    let w = wallet(&sofie, maria).await;
    let november = w
        .batches
        .iter()
        .find(|b| b.bought_on == day("2026-11-01"))
        .unwrap()
        .clone();
    let expired_before: i64 = w.batches.iter().map(|b| b.expired).sum();
    assert_eq!(november.valid_until, day("2027-11-01"));

    // Refused in words: no reason, too long, a day to come.
    let extend = async |up_to: &str, months: &str, reason: &str| {
        sofie
            .call::<()>(
                "extend_validity",
                &[
                    ("issued_up_to", up_to),
                    ("valid_months", months),
                    ("reason", reason),
                ],
            )
            .await
    };
    assert_eq!(
        extend("2026-11-15", "15", "").await.unwrap_err(),
        (422, AppError::Invalid(Field::ExtensionReason))
    );
    assert_eq!(
        extend("2026-11-15", "48", "MB 2021").await.unwrap_err(),
        (422, AppError::Invalid(Field::Extension))
    );
    assert_eq!(
        extend("2026-12-02", "15", "Besluit").await.unwrap_err(),
        (422, AppError::Invalid(Field::Extension))
    );
    // The order: cheques issued up to 15 November 2026 are valid 15 months.
    extend("2026-11-15", "15", "Ministerieel besluit (test)")
        .await
        .unwrap();
    let w = wallet(&sofie, maria).await;
    let valid = |d: &str| {
        w.batches
            .iter()
            .find(|b| b.bought_on == day(d))
            .unwrap()
            .valid_until
    };
    assert_eq!(valid("2026-11-01"), day("2028-02-01"));
    assert_eq!(
        valid("2026-12-01"),
        day("2027-12-01"),
        "issued after: its own 12 months"
    );
    // What expired stays expired.
    assert_eq!(
        w.batches.iter().map(|b| b.expired).sum::<i64>(),
        expired_before
    );
    // 10 of November less the 2 that paid Ahmed's 1 u 30, and today's 2.
    assert_eq!(w.balance, 10);
    // A fact of its own: the table refuses a change.
    assert!(
        app.execute_raw("UPDATE validity_extension SET valid_months = 36")
            .await
            .is_err()
    );

    // 15 November 2027: November 2026's batch is past its own 12 months, but the order keeps
    // it valid, so first in, first out takes it before December's.
    let entry = jozef_for_maria(app, day("2027-11-15")).await;
    let used: Vec<(i64, i64)> = {
        let mut conn = app.db.conn().await.unwrap();
        app::on!(conn.c(), c => sqlx::query_as(
            "SELECT u.batch_id, CAST(u.cheques AS BIGINT) FROM cheque_use u \
             JOIN cheque_ledger l ON l.id = u.ledger_id WHERE l.time_entry_id = $1")
            .bind(entry).fetch_all(c).await)
        .unwrap()
    };
    assert_eq!(used, vec![(november.id.0, 1)]);
}
