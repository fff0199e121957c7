//! De maandelijkse uitbetaling: IBANs checked, a month's run reckoned with the rates of each
//! prestatie's day, closed once (also when two bemiddelaars close at once) into a bank file
//! that is valid against the ISO 20022 pain.001.001.09 schema and adds up to the lines; a late
//! confirmation and a correction after payment land in the next run; the worker's statement.

use std::process::Command;

use app::error::{AppError, Field};
use app::payments::{CloseBlock, LineStatus, PaymentRun, RunLine};
use app::workers::MyHours;

use crate::harness::{TestApp, User};

async fn run(user: &User, month: &str) -> PaymentRun {
    user.call("payment_run", &[("month", month)]).await.unwrap()
}

async fn close(user: &User, month: &str, total: i64) -> Result<(), (u16, AppError)> {
    user.call(
        "close_payment_run",
        &[("month", month), ("total_cents", &total.to_string())],
    )
    .await
}

async fn set_iban(
    user: &User,
    worker: app::ids::WorkerId,
    iban: &str,
) -> Result<(), (u16, AppError)> {
    user.call(
        "set_worker_iban",
        &[("worker_id", &worker.to_string()), ("iban", iban)],
    )
    .await
}

fn line<'a>(run: &'a PaymentRun, first_name: &str) -> &'a RunLine {
    run.lines
        .iter()
        .find(|l| l.first_name == first_name)
        .unwrap_or_else(|| panic!("{first_name} in {:?}", run.lines))
}

/// The bank file, valid against the schema kept with the tests (`schemas/README.md`).
fn assert_valid_pain001(xml: &str) {
    let dir = std::env::temp_dir().join(format!("wijkwerk-sepa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.xml", xml.len()));
    std::fs::write(&file, xml).unwrap();
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/api/schemas/pain.001.001.09.xsd"
    );
    let out = Command::new("xmllint")
        .args(["--noout", "--schema", schema])
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; scripts/ensure-test-services.sh installs it)");
    assert!(
        out.status.success(),
        "{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text between `<tag>` and `</tag>`, every time it stands in `xml`.
fn all(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(v, _)| v.to_string()))
        .collect()
}

fn cents(amount: &str) -> i64 {
    let (euros, cents) = amount.split_once('.').unwrap();
    euros.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap()
}

/// The transfers' amounts (the `InstdAmt` elements carry an attribute).
fn transfer_cents(xml: &str) -> Vec<i64> {
    xml.split("<InstdAmt Ccy=\"EUR\">")
        .skip(1)
        .map(|rest| cents(rest.split_once("</InstdAmt>").unwrap().0))
        .collect()
}

/// The text a PDF shows (`export::pdf` writes each line as one string, literal or hex, in
/// WinAnsi: Latin-1 is near enough for the letters looked for).
fn pdf_text(pdf: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pdf.len() {
        match pdf[i] {
            b'<' if pdf.get(i + 1) != Some(&b'<') => {
                let end = pdf[i..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(pdf.len(), |e| i + e);
                let hex: Vec<u8> = pdf[i + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                for pair in hex.chunks(2) {
                    if let Ok(b) = u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("3f"), 16)
                    {
                        out.push(b as char);
                    }
                }
                out.push('\n');
                i = end + 1;
            }
            b'(' => {
                let mut j = i + 1;
                while j < pdf.len() && pdf[j] != b')' {
                    if pdf[j] == b'\\' {
                        j += 1;
                    }
                    out.push(pdf[j] as char);
                    j += 1;
                }
                out.push('\n');
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

pub async fn a_month_is_paid_once_into_a_valid_bank_file_and_changes_go_to_the_next(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let w = &app.a.workers;
    let org = app.a.organisation_id.0;
    // 1 December 2026. A bad IBAN is refused in words and changes nothing.
    for bad in ["BE68 5390 0754 7035", "NL91 ABNA 0417 1643 00", "BE68"] {
        assert_eq!(
            set_iban(&sofie, w["fatima"], bad).await.unwrap_err(),
            (422, AppError::Invalid(Field::Iban)),
            "{bad}"
        );
    }
    let words = app::i18n::error_message(app::i18n::Lang::Nl, &AppError::Invalid(Field::Iban));
    assert!(
        words.contains("geen geldig Belgisch rekeningnummer"),
        "{words}"
    );
    let kevin = app.login("kevin@a.test").await;
    let refused = set_iban(&kevin, w["fatima"], "BE68 5390 0754 7034").await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
    set_iban(&sofie, w["fatima"], "be68 5390 0754 7034")
        .await
        .unwrap();
    let file: app::workers::WorkerFile = sofie
        .call("worker_file", &[("worker_id", &w["fatima"].to_string())])
        .await
        .unwrap();
    assert_eq!(file.iban_masked.as_deref(), Some("BE68 •••• •••• 7034"));
    let stored = app
        .scalar(
            "SELECT COUNT(*) FROM worker WHERE id = $1 AND iban = 'BE68539007547034'",
            w["fatima"].0,
        )
        .await;
    assert_eq!(stored, 1);
    let sofie_b = app.login("sofie@b.test").await;
    let foreign = set_iban(&sofie_b, w["fatima"], "BE68 5390 0754 7034").await;
    assert_eq!(foreign.unwrap_err(), (404, AppError::NotFound));

    // November: Lien and Ahmed have no IBAN yet, Fatima's 4 u (4 cheques × €4.10) is the one
    // transfer. Without the organisation's own account the run cannot close.
    let november = run(&sofie, "2026-11").await;
    assert_eq!(november.blocked, Some(CloseBlock::NoOrganisationAccount));
    assert_eq!(line(&november, "Fatima").status, LineStatus::Transfer);
    assert_eq!(line(&november, "Fatima").total.total_cents, 1640);
    assert_eq!(line(&november, "Ahmed").status, LineStatus::NoIban);
    assert_eq!(line(&november, "Lien").status, LineStatus::NoIban);
    assert_eq!((november.transfers, november.transfer_cents), (1, 1640));
    assert_eq!(
        close(&sofie, "2026-11", 1640).await.unwrap_err(),
        (422, AppError::Invalid(Field::OrganisationIban))
    );
    let bank = |iban: &'static str, bic: &'static str| {
        let sofie = &sofie;
        async move {
            sofie
                .call::<()>("set_bank_account", &[("iban", iban), ("bic", bic)])
                .await
        }
    };
    assert_eq!(
        bank("BE71 0961 2345 6769", "GKCC").await.unwrap_err(),
        (422, AppError::Invalid(Field::Bic))
    );
    bank("BE71 0961 2345 6769", "gkccbebb").await.unwrap();
    // December is not over: its run cannot close yet.
    let december = run(&sofie, "2026-12").await;
    assert_eq!(december.blocked, Some(CloseBlock::MonthNotOver));
    assert_eq!(
        close(&sofie, "2026-12", december.transfer_cents)
            .await
            .unwrap_err(),
        (422, AppError::Invalid(Field::Month))
    );

    // A total that is not the one the run has now is refused; two bemiddelaars closing at once:
    // one closes it, the other is told it is done.
    assert_eq!(
        close(&sofie, "2026-11", 1641).await.unwrap_err(),
        (409, AppError::AlreadyDecided)
    );
    let other = app.login("sofie@a.test").await;
    let (a, b) = tokio::join!(
        close(&sofie, "2026-11", 1640),
        close(&other, "2026-11", 1640)
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    for r in [a, b] {
        if let Err(e) = r {
            assert_eq!(e, (409, AppError::AlreadyDecided));
        }
    }
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM payment_run WHERE organisation_id = $1",
            org
        )
        .await,
        1
    );
    let closed = run(&sofie, "2026-11").await;
    assert!(closed.closed.is_some());
    assert_eq!((closed.transfers, closed.transfer_cents), (1, 1640));
    assert_eq!(closed.lines.len(), 1);

    // The bank file: valid against the schema, one transfer from the organisation's account
    // to Fatima's, adding up to the lines; downloaded again, the same bytes.
    let file = sofie.get("/coordinator/payments/2026-11.xml").await;
    assert_eq!(file.status, 200);
    let xml = file.body.clone();
    assert_valid_pain001(&xml);
    assert_eq!(all(&xml, "NbOfTxs"), vec!["1", "1"]);
    assert_eq!(all(&xml, "CtrlSum"), vec!["16.40", "16.40"]);
    assert_eq!(
        all(&xml, "IBAN"),
        vec!["BE71096123456769", "BE68539007547034"]
    );
    assert_eq!(all(&xml, "BICFI"), vec!["GKCCBEBB"]);
    assert_eq!(
        transfer_cents(&xml).iter().sum::<i64>(),
        closed
            .lines
            .iter()
            .map(|l| l.total.total_cents)
            .sum::<i64>()
    );
    assert_eq!(
        all(&xml, "Ustrd"),
        vec!["Vergoeding wijk-werk november 2026"]
    );
    assert_eq!(
        sofie.get("/coordinator/payments/2026-11.xml").await.body,
        xml
    );
    assert_eq!(
        kevin.get("/coordinator/payments/2026-11.xml").await.status,
        403
    );
    assert_eq!(
        sofie_b
            .get("/coordinator/payments/2026-11.xml")
            .await
            .status,
        404
    );
    // A closed run cannot change: the tables refuse it, and closing again is refused.
    assert!(
        app.execute_raw("UPDATE payment_run SET total_cents = 1")
            .await
            .is_err()
    );
    assert!(
        app.execute_raw("DELETE FROM payment_run_entry")
            .await
            .is_err()
    );
    assert_eq!(
        close(&sofie, "2026-11", 1640).await.unwrap_err(),
        (409, AppError::AlreadyDecided)
    );

    // After the closing: Maria confirms Ahmed's 2 u of 29 November (late), Ahmed gets an
    // IBAN, and Fatima's paid 4 u of 26 November is corrected to 5 u (the farm agreed at the
    // office). Fatima reads her statements in French.
    let maria = app.login("maria@a.test").await;
    let _: app::time_entries::Confirmed = maria
        .call(
            "confirm_entry",
            &[("entry_id", &app.a.entries.ahmed_submitted.to_string())],
        )
        .await
        .unwrap();
    set_iban(&sofie, w["ahmed"], "BE46 0631 2345 6789")
        .await
        .unwrap();
    let fatima_entry = app
        .scalar(
            "SELECT id FROM time_entry WHERE worker_id = $1 AND status = 'confirmed'",
            w["fatima"].0,
        )
        .await;
    let corrected: app::time_entries::Corrected = sofie
        .call(
            "correct_entry",
            &[
                ("entry_id", &fatima_entry.to_string()),
                ("revision", "0"),
                ("start", "09:00"),
                ("end", "14:00"),
                ("pause_minutes", "0"),
                ("km", "0"),
                ("reason", "Vijf uur volgens de boerderij"),
                ("agreement", "Office"),
            ],
        )
        .await
        .unwrap();
    assert!(!corrected.awaits_client);
    let fatima = app.login("fatima@a.test").await;
    fatima
        .call::<()>("set_language", &[("lang", "fr")])
        .await
        .unwrap();

    // January: December's run. Ahmed's November 1 u 30 (waited for his IBAN) and his late
    // 2 u: corrections, 2 + 2 cheques. Fatima: her paid 4 cheques taken back, 5 paid: +€4.10.
    // Jozef and Lien still have no IBAN: their lines wait.
    app.clock.set("2027-01-02T09:00:00Z".parse().unwrap());
    let sofie = app.login("sofie@a.test").await;
    let december = run(&sofie, "2026-12").await;
    assert_eq!(december.blocked, None);
    let ahmed = line(&december, "Ahmed");
    assert_eq!(
        (ahmed.status, ahmed.total.total_cents),
        (LineStatus::Transfer, 1640)
    );
    assert_eq!((ahmed.corrections.entries, ahmed.month.entries), (2, 0));
    let fatima_line = line(&december, "Fatima");
    assert_eq!(fatima_line.total.total_cents, 410);
    assert_eq!(fatima_line.corrections.sums.cheques, 1);
    assert_eq!(line(&december, "Jozef").status, LineStatus::NoIban);
    assert_eq!(line(&december, "Jozef").month.total_cents, 63 * 410);
    assert_eq!(line(&december, "Lien").status, LineStatus::NoIban);
    assert_eq!((december.transfers, december.transfer_cents), (2, 2050));
    close(&sofie, "2026-12", 2050).await.unwrap();
    let xml = sofie.get("/coordinator/payments/2026-12.xml").await.body;
    assert_valid_pain001(&xml);
    assert_eq!(transfer_cents(&xml).iter().sum::<i64>(), 2050);
    assert_eq!(all(&xml, "CtrlSum"), vec!["20.50", "20.50"]);
    // The French worker's transfer says so in French.
    assert!(
        all(&xml, "Ustrd").contains(&"Indemnite wijk-werk decembre 2026".to_string()),
        "{xml}"
    );
    // November stays as it was closed.
    let november_again = run(&sofie, "2026-11").await;
    assert_eq!(
        (november_again.closed, november_again.lines),
        (closed.closed.clone(), closed.lines.clone())
    );
    // What was taken back is not taken back twice: the next run has nothing of it.
    app.clock.set("2027-02-02T09:00:00Z".parse().unwrap());
    let sofie = app.login("sofie@a.test").await;
    let january = run(&sofie, "2027-01").await;
    assert!(
        january
            .lines
            .iter()
            .all(|l| l.first_name != "Fatima" && l.first_name != "Ahmed")
    );

    // Fatima sees both payments on Mijn uren, and her statement of December in French, with
    // the prestatie taken back.
    let fatima = app.login("fatima@a.test").await;
    let mine: MyHours = fatima.call("my_hours", &[]).await.unwrap();
    let paid: Vec<i64> = mine.payments.iter().map(|p| p.total_cents).collect();
    assert_eq!(paid, vec![410, 1640]);
    let pdf = fatima.get("/worker/payments/2026-12.pdf").await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    let text = pdf_text(&pdf.bytes);
    assert!(
        text.contains("Paiement de l"),
        "the statement is in French: {text}"
    );
    assert!(
        text.contains("Repris"),
        "the correction is on the statement: {text}"
    );
    assert!(text.contains("Hoeve Ter Linde"), "{text}");
    // Another worker's statement, or a month without a payment, is not found.
    assert_eq!(fatima.get("/worker/payments/2026-10.pdf").await.status, 404);
    let lien = app.login("lien@a.test").await;
    assert_eq!(lien.get("/worker/payments/2026-12.pdf").await.status, 404);
    // The bemiddelaar downloads it too; organisation B cannot.
    let sofie_b = app.login("sofie@b.test").await;
    let path = format!("/coordinator/payments/2026-12-{}.pdf", w["fatima"]);
    assert_eq!(sofie.get(&path).await.status, 200);
    assert_eq!(sofie_b.get(&path).await.status, 404);
    // Closing and looking are audited.
    let audits = "SELECT COUNT(*) FROM audit_event WHERE action = 'payment_run_closed' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(audits, org).await, 2);
}
