//! Organisatie-instellingen and Vergoedingen: the settings are checked, audited and the
//! organisation's own; a cheque price applies from its day; the month's allowance export adds
//! up the confirmed prestaties at the organisation's rates — on screen, in the CSV and in the
//! XLSX read back — checked against figures worked out by hand below.

use app::allowances::AllowanceMonth;
use app::error::{AppError, Field};
use app::ids::EntryId;
use app::organisations::{OrganisationSettings, PriceChange};
use app::rules::ChequeRounding;
use calamine::{Data, Reader};
use chrono::NaiveDate;

use crate::harness::{TestApp, User};

async fn settings(user: &User) -> OrganisationSettings {
    user.call("organisation_settings", &[]).await.unwrap()
}

async fn update(user: &User, form: [&str; 6]) -> Result<(), (u16, AppError)> {
    let [allowance, km, rounding, days, reminder, close] = form;
    user.call(
        "update_settings",
        &[
            ("allowance_per_hour", allowance),
            ("km_rate", km),
            ("cheque_rounding", rounding),
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
    // The decree's and DOMAIN.md's defaults.
    assert_eq!(
        (
            s.allowance_cents_per_hour,
            s.km_rate_cents,
            s.auto_confirm_days
        ),
        (410, 15, 4)
    );
    assert_eq!(s.cheque_rounding, ChequeRounding::StartedHour);
    assert_eq!(
        (s.forgotten_reminder_minutes, s.forgotten_close_minutes),
        (30, 600)
    );
    assert_eq!(before.price_today_cents, 745);
    assert_eq!(before.next_price_from.to_string(), "2027-01-01");

    // Each wrong field is named, and nothing changes.
    for (form, field) in [
        (
            ["410", "0,15", "StartedHour", "4", "30", "10"],
            Field::AllowanceRate,
        ),
        (
            ["vier", "0,15", "StartedHour", "4", "30", "10"],
            Field::AllowanceRate,
        ),
        (["4,10", "2", "StartedHour", "4", "30", "10"], Field::KmRate),
        (
            ["4,10", "0,15", "StartedHour", "0", "30", "10"],
            Field::AutoConfirmDays,
        ),
        (
            ["4,10", "0,15", "StartedHour", "4", "241", "10"],
            Field::ForgottenReminder,
        ),
        (
            ["4,10", "0,15", "StartedHour", "4", "30", "13"],
            Field::ForgottenClose,
        ),
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
        let changed = update(&user, ["9", "0,50", "NearestHour", "9", "9", "9"]).await;
        assert_eq!(changed.unwrap_err(), (403, AppError::Forbidden), "{who}");
    }

    update(&sofie, ["4,50", "0.20", "NearestHour", "5", "20", "8"])
        .await
        .unwrap();
    let after = settings(&sofie).await.settings;
    assert_eq!(
        (
            after.allowance_cents_per_hour,
            after.km_rate_cents,
            after.auto_confirm_days
        ),
        (450, 20, 5)
    );
    assert_eq!(after.cheque_rounding, ChequeRounding::NearestHour);
    assert_eq!(
        (
            after.forgotten_reminder_minutes,
            after.forgotten_close_minutes
        ),
        (20, 480)
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
    assert!(detail.contains("allowance_cents_per_hour: 410"), "{detail}");
    assert!(detail.contains("allowance_cents_per_hour: 450"), "{detail}");
    update(&sofie, ["4,50", "0,20", "NearestHour", "5", "20", "8"])
        .await
        .unwrap();
    assert_eq!(audits(app, "settings_changed", org).await, 1);

    // The worker's phone reckons with the new rate.
    let kevin = app.login("kevin@a.test").await;
    let hours: app::workers::MyHours = kevin.call("my_hours", &[]).await.unwrap();
    assert_eq!(
        (hours.allowance_cents_per_hour, hours.km_rate_cents),
        (450, 20)
    );

    // Organisation B keeps its own.
    let sofie_b = app.login("sofie@b.test").await;
    assert_eq!(settings(&sofie_b).await.settings, before.settings);
}

pub async fn a_new_cheque_price_applies_from_its_day(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let roger = app.a.clients["roger"];
    let org = app.a.organisation_id.0;
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let set = async |price: &str, from: &str| {
        sofie
            .call::<()>(
                "set_cheque_price",
                &[("price_cents", price), ("valid_from", from)],
            )
            .await
    };
    // Only the four prices; not from a day gone by (today is 1 December 2026).
    assert_eq!(
        set("700", "2027-01-01").await.unwrap_err(),
        (422, AppError::Invalid(Field::ChequePrice))
    );
    assert_eq!(
        set("695", "2026-11-30").await.unwrap_err(),
        (422, AppError::Invalid(Field::PriceFrom))
    );
    let kevin = app.login("kevin@a.test").await;
    let refused = kevin
        .call::<()>(
            "set_cheque_price",
            &[("price_cents", "595"), ("valid_from", "2027-01-01")],
        )
        .await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
    assert_eq!(audits(app, "cheque_price_changed", org).await, 0);

    // Planned for 1 January: today's price stays; a second choice for that day replaces it.
    set("645", "2027-01-01").await.unwrap();
    set("695", "2027-01-01").await.unwrap();
    let now = settings(&sofie).await;
    assert_eq!(now.price_today_cents, 745);
    assert_eq!(
        now.price_changes,
        vec![PriceChange {
            valid_from: day("2027-01-01"),
            price_cents: 695
        }]
    );
    assert_eq!(audits(app, "cheque_price_changed", org).await, 2);
    let bought = crate::cheques::purchase(&sofie, roger, 3, day("2026-12-01"))
        .await
        .unwrap();

    // On 2 January the new price is in force; a purchase paid on 31 December keeps the old one.
    app.clock.set("2027-01-02T09:00:00Z".parse().unwrap());
    let sofie = app.login("sofie@a.test").await;
    assert_eq!(settings(&sofie).await.price_today_cents, 695);
    let late = crate::cheques::purchase(&sofie, roger, 2, day("2026-12-31"))
        .await
        .unwrap();
    let new = crate::cheques::purchase(&sofie, roger, 2, day("2027-01-02"))
        .await
        .unwrap();
    let wallet: app::cheques::Wallet = sofie
        .call("client_cheques", &[("client_id", &roger.to_string())])
        .await
        .unwrap();
    assert_eq!(wallet.price_cents, 695);
    let price = |id| {
        wallet
            .batches
            .iter()
            .find(|b| b.id == id)
            .unwrap()
            .price_cents
    };
    assert_eq!(price(bought.batch_id), 745);
    assert_eq!(price(late.batch_id), 745);
    assert_eq!(price(new.batch_id), 695);
    // Organisation B's price did not move.
    let sofie_b = app.login("sofie@b.test").await;
    let b = settings(&sofie_b).await;
    assert_eq!((b.price_today_cents, b.price_changes.len()), (745, 0));
}

async fn export(user: &User, month: Option<&str>) -> Result<AllowanceMonth, (u16, AppError)> {
    match month {
        Some(m) => user.call("allowance_month", &[("month", m)]).await,
        None => user.call("allowance_month", &[]).await,
    }
}

/// (worker's first name, entries, minutes, km, hours cents, km cents, total cents)
fn lines(export: &AllowanceMonth) -> Vec<(String, i64, i64, i64, i64, i64, i64)> {
    export
        .lines
        .iter()
        .map(|l| {
            let w = &l.work;
            (
                w.first_name.clone(),
                w.entries,
                w.minutes,
                w.km,
                l.hours_cents,
                l.km_cents,
                l.total_cents,
            )
        })
        .collect()
}

fn line(
    name: &str,
    entries: i64,
    minutes: i64,
    km: i64,
    hours: i64,
    kms: i64,
) -> (String, i64, i64, i64, i64, i64, i64) {
    (
        name.to_string(),
        entries,
        minutes,
        km,
        hours,
        kms,
        hours + kms,
    )
}

pub async fn the_allowance_export_adds_up_confirmed_hours_and_km(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    // Today is 1 December 2026: without a month, November (the month to pay).
    let november = export(&sofie, None).await.unwrap();
    assert_eq!(november.month.to_string(), "2026-11");
    assert_eq!(november.organisation, "Organisatie A");
    // The demo's confirmed prestaties of November, at €4.10 an hour, by last name: Lien
    // (Claeys) 2 u = €8.20, Ahmed (El Amrani) 1 u 30 = €6.15, Fatima (Ouali) 4 u = €16.40.
    // Kevin's disputed and the waiting ones do not count; Jozef's are in December.
    assert_eq!(
        lines(&november),
        vec![
            line("Lien", 1, 120, 0, 820, 0),
            line("Ahmed", 1, 90, 0, 615, 0),
            line("Fatima", 1, 240, 0, 1640, 0),
        ]
    );
    assert_eq!(november.totals.total_cents, 615 + 1640 + 820);
    assert_eq!(november.totals.minutes, 450);

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
    // Ahmed: 3 u 30 × €4.10 = €14.35. Kevin: 2 u 45 × €4.10 = €11.275 → €11.28, 12 km ×
    // €0.15 = €1.80.
    let november = export(&sofie, Some("2026-11")).await.unwrap();
    let by_name =
        |e: &AllowanceMonth, name: &str| lines(e).into_iter().find(|l| l.0 == name).unwrap();
    assert_eq!(
        by_name(&november, "Ahmed"),
        line("Ahmed", 2, 210, 0, 1435, 0)
    );
    assert_eq!(
        by_name(&november, "Kevin"),
        line("Kevin", 1, 165, 12, 1128, 180)
    );
    let t = &november.totals;
    // 210 + 120 + 240 + 165 minutes.
    assert_eq!((t.workers, t.entries, t.minutes, t.km), (4, 5, 735, 12));
    assert_eq!(t.total_cents, 1435 + 820 + 1640 + 1128 + 180);
    assert_eq!(
        t.total_cents,
        november.lines.iter().map(|l| l.total_cents).sum::<i64>()
    );

    // The hourly allowance goes to €4.50: the export follows. Ahmed 3 u 30 = €15.75.
    update(&sofie, ["4,50", "0,15", "StartedHour", "4", "30", "10"])
        .await
        .unwrap();
    let november = export(&sofie, Some("2026-11")).await.unwrap();
    assert_eq!(november.allowance_cents_per_hour, 450);
    assert_eq!(
        by_name(&november, "Ahmed"),
        line("Ahmed", 2, 210, 0, 1575, 0)
    );

    // December: Jozef's nine days of 6 u 30 (58 u 30 × €4.50 = €263.25).
    let december = export(&sofie, Some("2026-12")).await.unwrap();
    assert_eq!(lines(&december), vec![line("Jozef", 9, 3510, 0, 26325, 0)]);

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
    assert_eq!(rows[1][0], "wijk-werker");
    let kevin_row = rows.iter().find(|r| r[0].starts_with("Kevin")).unwrap();
    assert_eq!(
        kevin_row[2..],
        ["1", "2,75", "12", "12,38", "1,80", "14,18"]
    );
    let total = rows.last().unwrap();
    assert_eq!(total[0], "Totaal");
    let expected_total = 1575 + 900 + 1800 + 1238 + 180;
    assert_eq!(total[7], app::export::euros_cell(expected_total));
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
    assert_eq!(number(kevin_at, 4), 12.0);
    assert_eq!(number(kevin_at, 7), 14.18);
    assert_eq!(text(9, 0).as_deref(), Some("Totaal"));
    assert_eq!(number(9, 2), 5.0);
    assert!((number(9, 7) - expected_total as f64 / 100.0).abs() < 1e-9);

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
    assert_eq!(b.totals.minutes, 450);
    let a_workers: Vec<_> = app.a.workers.values().collect();
    assert!(
        b.lines
            .iter()
            .all(|l| !a_workers.contains(&&l.work.worker_id))
    );
}
