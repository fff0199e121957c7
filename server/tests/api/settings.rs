//! Organisatie-instellingen and Vergoedingen: the settings are checked, audited and the
//! organisation's own; the month's allowance export adds up the confirmed prestaties per cheque
//! earned and travel over 10 km — on screen, in the CSV and in the XLSX read back — checked
//! against figures worked out by hand below. (The rates with their history, the cheque price
//! per municipality: `money.rs`.)

use app::allowances::AllowanceMonth;
use app::error::{AppError, Field};
use app::ids::EntryId;
use app::organisations::OrganisationSettings;
use calamine::{Data, Reader};

use crate::harness::{TestApp, User};

async fn settings(user: &User) -> OrganisationSettings {
    user.call("organisation_settings", &[]).await.unwrap()
}

async fn update(user: &User, form: [&str; 3]) -> Result<(), (u16, AppError)> {
    let [days, reminder, close] = form;
    user.call(
        "update_settings",
        &[
            ("auto_confirm_days", days),
            ("forgotten_reminder_minutes", reminder),
            ("forgotten_close_hours", close),
        ],
    )
    .await
}

async fn audits(app: &TestApp, action: &str, organisation: i64) -> i64 {
    let sql = format!(
        "SELECT COUNT(*) FROM audit_event WHERE action = '{action}' AND organisation_id = $1"
    );
    app.scalar(&sql, organisation).await
}

pub async fn settings_are_checked_audited_and_stay_in_the_organisation(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let org = app.a.organisation_id.0;
    let before = settings(&sofie).await;
    assert_eq!(before.name, "Organisatie A");
    let s = &before.settings;
    // DOMAIN.md's defaults.
    assert_eq!(
        (
            s.auto_confirm_days,
            s.forgotten_reminder_minutes,
            s.forgotten_close_minutes
        ),
        (4, 30, 600)
    );
    assert_eq!(before.price_today_cents, 745);

    // Each wrong field is named, and nothing changes.
    for (form, field) in [
        (["0", "30", "10"], Field::AutoConfirmDays),
        (["31", "30", "10"], Field::AutoConfirmDays),
        (["4", "241", "10"], Field::ForgottenReminder),
        (["4", "30", "13"], Field::ForgottenClose),
        (["4", "30", "0"], Field::ForgottenClose),
    ] {
        assert_eq!(
            update(&sofie, form).await.unwrap_err(),
            (422, AppError::Invalid(field)),
            "{form:?}"
        );
    }
    assert_eq!(settings(&sofie).await, before);
    assert_eq!(audits(app, "settings_changed", org).await, 0);

    // A worker and a gebruiker may not look or change.
    for who in ["kevin@a.test", "maria@a.test"] {
        let user = app.login(who).await;
        let seen = user
            .call::<OrganisationSettings>("organisation_settings", &[])
            .await;
        assert_eq!(seen.unwrap_err(), (403, AppError::Forbidden), "{who}");
        let changed = update(&user, ["9", "9", "9"]).await;
        assert_eq!(changed.unwrap_err(), (403, AppError::Forbidden), "{who}");
    }

    update(&sofie, ["5", "20", "8"]).await.unwrap();
    let after = settings(&sofie).await.settings;
    assert_eq!(
        (
            after.auto_confirm_days,
            after.forgotten_reminder_minutes,
            after.forgotten_close_minutes
        ),
        (5, 20, 480)
    );
    // Audited with before and after; the same form again changes nothing and audits nothing.
    assert_eq!(audits(app, "settings_changed", org).await, 1);
    let detail: String = {
        let mut conn = app.db.conn().await.unwrap();
        app::on!(conn.c(), c => sqlx::query_scalar(
            "SELECT detail FROM audit_event WHERE action = 'settings_changed'")
            .fetch_one(c).await)
        .unwrap()
    };
    assert!(detail.contains("auto_confirm_days: 4"), "{detail}");
    assert!(detail.contains("auto_confirm_days: 5"), "{detail}");
    update(&sofie, ["5", "20", "8"]).await.unwrap();
    assert_eq!(audits(app, "settings_changed", org).await, 1);

    // Organisation B keeps its own.
    let sofie_b = app.login("sofie@b.test").await;
    assert_eq!(settings(&sofie_b).await.settings, before.settings);
}

async fn export(user: &User, month: Option<&str>) -> Result<AllowanceMonth, (u16, AppError)> {
    match month {
        Some(m) => user.call("allowance_month", &[("month", m)]).await,
        None => user.call("allowance_month", &[]).await,
    }
}

/// (worker's first name, entries, minutes, cheques, km, work cents, km cents, total cents)
type Line = (String, i64, i64, i64, i64, i64, i64, i64);

fn lines(export: &AllowanceMonth) -> Vec<Line> {
    export
        .lines
        .iter()
        .map(|l| {
            let (e, s) = (&l.earned, &l.earned.sums);
            (
                l.first_name.clone(),
                s.entries,
                s.minutes,
                s.cheques,
                s.km,
                e.work_cents,
                e.km_cents,
                e.total_cents,
            )
        })
        .collect()
}

fn line(
    name: &str,
    (entries, minutes, cheques, km): (i64, i64, i64, i64),
    work: i64,
    kms: i64,
) -> Line {
    (
        name.to_string(),
        entries,
        minutes,
        cheques,
        km,
        work,
        kms,
        work + kms,
    )
}

pub async fn the_allowance_export_adds_up_confirmed_hours_and_km(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    // Today is 1 December 2026: without a month, November (the month to pay).
    let november = export(&sofie, None).await.unwrap();
    assert_eq!(november.month.to_string(), "2026-11");
    assert_eq!(november.organisation, "Organisatie A");
    // The demo's confirmed prestaties of November, at €4.10 per cheque earned (one per started
    // hour), by last name: Lien (Claeys) 2 u = 2 cheques = €8.20, Ahmed (El Amrani) 1 u 30 =
    // 2 cheques = €8.20, Fatima (Ouali) 4 u = 4 cheques = €16.40. Kevin's disputed and the
    // waiting ones do not count; Jozef's are in December.
    assert_eq!(
        lines(&november),
        vec![
            line("Lien", (1, 120, 2, 0), 820, 0),
            line("Ahmed", (1, 90, 2, 0), 820, 0),
            line("Fatima", (1, 240, 4, 0), 1640, 0),
        ]
    );
    assert_eq!(november.totals.total_cents, 820 + 820 + 1640);
    assert_eq!(november.totals.sums.minutes, 450);

    // Maria confirms Ahmed's 2 hours of 29 November; Kevin enters 2 u 45 with 12 km on
    // 28 November, which the vzw confirms.
    let maria = app.login("maria@a.test").await;
    let _: app::time_entries::Confirmed = maria
        .call(
            "confirm_entry",
            &[("entry_id", &app.a.entries.ahmed_submitted.to_string())],
        )
        .await
        .unwrap();
    let kevin = app.login("kevin@a.test").await;
    let entry: EntryId = kevin
        .call(
            "enter_hours",
            &[
                ("assignment_id", &app.a.assignments.kevin_vzw.to_string()),
                ("date", "2026-11-28"),
                ("start", "13:00"),
                ("end", "16:00"),
                ("pause_minutes", "15"),
                ("km", "12"),
                ("note", ""),
            ],
        )
        .await
        .unwrap();
    let vzw = app.login("vzw@a.test").await;
    let _: app::time_entries::Confirmed = vzw
        .call("confirm_entry", &[("entry_id", &entry.to_string())])
        .await
        .unwrap();
    // Ahmed: 1 u 30 and 2 u = 2 + 2 cheques × €4.10 = €16.40. Kevin: 2 u 45 = 3 cheques =
    // €12.30, and his 12 km round trip is over 10 km: 12 × €0.15 = €1.80.
    let november = export(&sofie, Some("2026-11")).await.unwrap();
    let by_name =
        |e: &AllowanceMonth, name: &str| lines(e).into_iter().find(|l| l.0 == name).unwrap();
    assert_eq!(
        by_name(&november, "Ahmed"),
        line("Ahmed", (2, 210, 4, 0), 1640, 0)
    );
    assert_eq!(
        by_name(&november, "Kevin"),
        line("Kevin", (1, 165, 3, 12), 1230, 180)
    );
    let t = &november.totals;
    // 210 + 120 + 240 + 165 minutes; 4 + 2 + 4 + 3 cheques.
    let s = t.sums;
    assert_eq!(
        (t.workers, s.entries, s.minutes, s.cheques, s.km),
        (4, 5, 735, 13, 12)
    );
    let expected_total = 1640 + 820 + 1640 + 1230 + 180;
    assert_eq!(t.total_cents, expected_total);
    assert_eq!(
        t.total_cents,
        november
            .lines
            .iter()
            .map(|l| l.earned.total_cents)
            .sum::<i64>()
    );

    // December: Jozef's nine prestaties of 6 u 30, 7 cheques each: 63 × €4.10 = €258.30.
    let december = export(&sofie, Some("2026-12")).await.unwrap();
    assert_eq!(
        lines(&december),
        vec![line("Jozef", (9, 3510, 63, 0), 25830, 0)]
    );

    // The CSV: organisation and month on top, a line per worker, the totals last.
    let csv = sofie.get("/coordinator/allowances/2026-11.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("vergoedingen-organisatie-a-2026-11.csv"),
    );
    let rows: Vec<Vec<String>> = csv
        .body
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|r| r.split(';').map(str::to_string).collect())
        .collect();
    assert_eq!(rows[0][0], "Organisatie A");
    assert_eq!(rows[0][1], "Vergoedingen november 2026");
    assert_eq!(
        rows[0][2],
        "€ 4,10 per cheque · € 0,15 per km als de rit heen en terug meer dan 10 km is"
    );
    assert_eq!(rows[1][0], "wijk-werker");
    assert_eq!(rows[1][4], "cheques");
    let kevin_row = rows.iter().find(|r| r[0].starts_with("Kevin")).unwrap();
    assert_eq!(
        kevin_row[2..],
        ["1", "2,75", "3", "12", "12", "12,30", "1,80", "14,10"]
    );
    let total = rows.last().unwrap();
    assert_eq!(total[0], "Totaal");
    assert_eq!(total[4], "13");
    assert_eq!(total[9], app::export::euros_cell(expected_total));
    assert_eq!(rows.len(), 2 + 4 + 1);

    // The XLSX, read back as a spreadsheet would: the same figures, as numbers.
    let xlsx = sofie.get("/coordinator/allowances/2026-11.xlsx").await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(xlsx.header("content-type"), Some(app::export::XLSX));
    assert!(
        xlsx.header("content-disposition")
            .unwrap()
            .contains("vergoedingen-organisatie-a-2026-11.xlsx"),
    );
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let sheet = book.worksheet_range("2026-11").unwrap();
    let text = |r: u32, c: u32| sheet.get_value((r, c)).map(|d| d.to_string());
    let number = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        other => panic!("({r}, {c}): {other:?}"),
    };
    assert_eq!(text(0, 0).as_deref(), Some("Organisatie A"));
    assert_eq!(text(1, 0).as_deref(), Some("Vergoedingen november 2026"));
    let names: Vec<String> = (5..9).map(|r| text(r, 0).unwrap()).collect();
    let kevin_at = 5 + names.iter().position(|n| n.starts_with("Kevin")).unwrap() as u32;
    assert_eq!(number(kevin_at, 3), 2.75);
    assert_eq!(number(kevin_at, 4), 3.0);
    assert_eq!(number(kevin_at, 5), 12.0);
    assert_eq!(number(kevin_at, 6), 12.0);
    assert_eq!(number(kevin_at, 9), 14.10);
    assert_eq!(text(9, 0).as_deref(), Some("Totaal"));
    assert_eq!(number(9, 2), 5.0);
    assert_eq!(number(9, 4), 13.0);
    assert!((number(9, 9) - expected_total as f64 / 100.0).abs() < 1e-9);

    // Months outside 2018 … this one, and other files, are refused; others may not look.
    for wrong in ["2027-01", "2017-12", "2026-1", "november"] {
        assert_eq!(
            export(&sofie, Some(wrong)).await.unwrap_err(),
            (422, AppError::Invalid(Field::Month)),
            "{wrong}"
        );
    }
    assert_eq!(
        sofie
            .get("/coordinator/allowances/2027-01.csv")
            .await
            .status,
        422
    );
    assert_eq!(
        sofie
            .get("/coordinator/allowances/2026-11.pdf")
            .await
            .status,
        404
    );
    assert_eq!(
        kevin
            .get("/coordinator/allowances/2026-11.xlsx")
            .await
            .status,
        403
    );
    assert_eq!(
        maria
            .get("/coordinator/allowances/2026-11.csv")
            .await
            .status,
        403
    );
    assert_eq!(
        app.anonymous()
            .get("/coordinator/allowances/2026-11.csv")
            .await
            .status,
        401
    );
    assert_eq!(
        export(&kevin, None).await.unwrap_err(),
        (403, AppError::Forbidden)
    );
    // Organisation B sees its own month, none of A's new prestaties.
    let sofie_b = app.login("sofie@b.test").await;
    let b = export(&sofie_b, Some("2026-11")).await.unwrap();
    assert_eq!(b.organisation, "Organisatie B");
    assert_eq!(b.totals.sums.minutes, 450);
    let a_workers: Vec<_> = app.a.workers.values().collect();
    assert!(b.lines.iter().all(|l| !a_workers.contains(&&l.worker_id)));
}
