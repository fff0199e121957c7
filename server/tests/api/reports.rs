//! Rapport per gemeente against a small fixture computed by hand: a municipality of its own
//! ("Testdorp") with eight wijk-werkers, five gebruikers (one elsewhere), prestaties of every
//! status around the period, and cheques paid, refunded and paid again. The figures, the
//! version for outside (no names, small groups shielded), the files (CSV, XLSX read back) and
//! the refusals, on both backends.

use app::clients::ClientKind;
use app::error::{AppError, Field};
use app::reports::{Figure, MunicipalityReport};
use app::workers::Outcome;
use calamine::{Data, Reader};

use crate::harness::{TestApp, User};

const TESTDORP: i64 = 900_001;
const ELSEWHERE: i64 = 900_002;
const FROM: &str = "2026-01-01";
const UNTIL: &str = "2026-06-30";

/// (n, last name, trajectory start, planned end, ended on, outcome)
type FixtureWorker = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// Fills Testdorp. Dates and times are literals, which both databases read as their types.
async fn fixture(app: &TestApp) {
    let org = app.a.organisation_id.0;
    let mut sql = vec![format!(
        "INSERT INTO municipality (id, organisation_id, name) VALUES \
             ({TESTDORP}, {org}, 'Testdorp'), ({ELSEWHERE}, {org}, 'Elders')"
    )];
    let workers: [FixtureWorker; 8] = [
        (
            1,
            "Aerts",
            "2025-06-01",
            "2026-05-31",
            Some("2026-03-15"),
            Some("work"),
        ),
        (2, "Bauwens", "2026-02-01", "2027-01-31", None, None),
        (3, "Later", "2026-07-10", "2027-07-09", None, None),
        (
            4,
            "Vroeger",
            "2024-01-01",
            "2024-12-31",
            Some("2024-12-31"),
            Some("stopped"),
        ),
        (
            5,
            "Claes",
            "2026-01-10",
            "2027-01-09",
            Some("2026-06-01"),
            Some("training"),
        ),
        (6, "Dewulf", "2026-03-01", "2027-02-28", None, None),
        (7, "Engels", "2026-03-01", "2027-02-28", None, None),
        (8, "Fransen", "2026-03-01", "2027-02-28", None, None),
    ];
    let q = |v: Option<&str>| v.map_or("NULL".to_string(), |v| format!("'{v}'"));
    for (n, last, start, end, ended, outcome) in workers {
        let id = 900_000 + n;
        sql.push(format!(
            "INSERT INTO account (id, organisation_id, email, password_hash, role, \
             display_name, created_at) VALUES ({id}, {org}, 'w{n}@testdorp.test', 'x', 'worker', \
             'W{n}', '2026-01-01T00:00:00+00:00')"
        ));
        sql.push(format!(
            "INSERT INTO worker (id, organisation_id, account_id, municipality_id, first_name, \
             last_name, trajectory_start, trajectory_planned_end, created_at, ended_on, outcome) \
             VALUES ({id}, {org}, {id}, {TESTDORP}, 'Test', '{last}', '{start}', '{end}', \
             '2026-01-01T00:00:00+00:00', {}, {})",
            q(ended),
            q(outcome)
        ));
    }
    // (n, kind, municipality)
    let clients = [
        (1, "private_person", TESTDORP),
        (2, "school", TESTDORP),
        (3, "school", TESTDORP),
        (4, "non_profit", TESTDORP),
        (5, "private_person", ELSEWHERE),
    ];
    for (n, kind, m) in clients {
        sql.push(format!(
            "INSERT INTO client (id, organisation_id, municipality_id, kind, client_number, name, \
             street, postcode, city, created_at) VALUES ({}, {org}, {m}, '{kind}', 'T{n}', \
             'Gebruiker {n}', 'Straat 1', '9999', 'Testdorp', '2026-01-01T00:00:00+00:00')",
            900_000 + n
        ));
    }
    // (n, worker, client, group, day, minutes, status)
    let entries = [
        (1, 1, 1, "garden", "2026-02-10", 120, "confirmed"),
        (2, 2, 2, "garden", "2026-03-05", 90, "confirmed"),
        (3, 2, 2, "repairs", "2026-03-06", 60, "submitted"),
        (4, 5, 3, "garden", "2026-04-01", 30, "corrected"),
        (5, 6, 4, "household", "2026-05-01", 45, "disputed"),
        (6, 7, 5, "garden", "2026-05-02", 100, "confirmed"),
        (7, 8, 1, "garden", "2026-06-30", 60, "confirmed"),
        (8, 8, 1, "garden", "2026-07-01", 600, "confirmed"),
        (9, 6, 4, "garden", "2026-05-03", 200, "rejected"),
        (10, 2, 2, "garden", "2025-12-31", 50, "confirmed"),
    ];
    for (n, w, c, group, day, minutes, status) in entries {
        let id = 900_000 + n;
        let (w, c) = (900_000 + w, 900_000 + c);
        sql.push(format!(
            "INSERT INTO assignment (id, organisation_id, client_id, worker_id, activity_id, \
             status, planned_date, planned_minutes, created_at) VALUES ({id}, {org}, {c}, {w}, \
             (SELECT MIN(id) FROM activity WHERE organisation_id = {org} AND category = \
             '{group}'), 'accepted', '{day}', {minutes}, '2026-01-01T00:00:00+00:00')"
        ));
        sql.push(format!(
            "INSERT INTO time_entry (id, organisation_id, assignment_id, worker_id, work_date, \
             started_at, ended_at, minutes, status, source, created_at) VALUES ({id}, {org}, \
             {id}, {w}, '{day}', '{day}T08:00:00+00:00', '{day}T18:00:00+00:00', {minutes}, \
             '{status}', 'clock', '{day}T18:00:00+00:00')"
        ));
    }
    // (n, client, change, reason, entry, revision, when)
    let ledger = [
        (1, 1, -2, "prestatie", 1, 0, "2026-02-11T10:00:00+00:00"),
        (2, 2, -2, "prestatie", 2, 0, "2026-03-06T10:00:00+00:00"),
        (3, 2, 2, "refund", 2, 0, "2026-03-10T10:00:00+00:00"),
        (4, 2, -1, "prestatie", 2, 1, "2026-03-10T10:00:01+00:00"),
        (5, 5, -2, "prestatie", 6, 0, "2026-05-03T10:00:00+00:00"),
        (6, 1, -1, "prestatie", 8, 0, "2026-07-02T10:00:00+00:00"),
    ];
    for (n, c, change, reason, e, revision, at) in ledger {
        sql.push(format!(
            "INSERT INTO cheque_ledger (id, organisation_id, client_id, change, reason, \
             time_entry_id, created_at, revision) VALUES ({}, {org}, {}, {change}, '{reason}', \
             {}, '{at}', {revision})",
            900_000 + n,
            900_000 + c,
            900_000 + e
        ));
    }
    // PostgreSQL hands out its ids itself unless told otherwise.
    let postgres = matches!(app.db, app::db::Db::Postgres(_));
    for s in sql {
        let s = if postgres {
            s.replacen(") VALUES (", ") OVERRIDING SYSTEM VALUE VALUES (", 1)
        } else {
            s
        };
        app.execute_raw(&s)
            .await
            .unwrap_or_else(|e| panic!("{e}: {s}"));
    }
}

async fn report(
    user: &User,
    municipality: Option<i64>,
    anonymous: bool,
) -> Result<MunicipalityReport, (u16, AppError)> {
    let m = municipality.map(|m| m.to_string());
    let anonymous = anonymous.to_string();
    let mut args = vec![
        ("from", FROM),
        ("until", UNTIL),
        ("anonymous", anonymous.as_str()),
    ];
    if let Some(m) = &m {
        args.push(("municipality_id", m));
    }
    user.call("municipality_report", &args).await
}

pub async fn the_report_per_municipality_adds_up_to_the_hand_computed_fixture(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let everywhere_before = report(&sofie, None, false).await.unwrap();
    fixture(app).await;
    let r = report(&sofie, Some(TESTDORP), false).await.unwrap();
    assert_eq!(r.municipality.as_deref(), Some("Testdorp"));
    // Active: in a trajectory on a day of the first half of 2026 (not Later, not Vroeger).
    assert_eq!(r.active_workers, Figure::Count(6));
    assert_eq!(r.working_workers, Figure::Count(6));
    assert_eq!(r.trajectories_started, Figure::Count(5));
    assert_eq!(r.trajectories_ended_total, Figure::Count(2));
    assert_eq!(
        r.trajectories_ended,
        vec![
            (Outcome::Work, Figure::Count(1)),
            (Outcome::Training, Figure::Count(1)),
            (Outcome::OtherMeasure, Figure::Count(0)),
            (Outcome::Stopped, Figure::Count(0)),
        ]
    );
    // 120 + 90 + 60 + 30 + 45 + 100 + 60: not the rejected, not the days outside.
    assert_eq!(r.minutes, 505);
    let group = |name: &str| r.by_group.iter().find(|g| g.category == name).unwrap();
    assert_eq!(
        (group("garden").minutes, group("garden").workers),
        (Some(400), Figure::Count(5))
    );
    assert_eq!(group("repairs").minutes, Some(60));
    assert_eq!(group("household").minutes, Some(45));
    assert_eq!(group("prevention").minutes, Some(0));
    assert_eq!(
        r.by_group.iter().filter_map(|g| g.minutes).sum::<i64>(),
        r.minutes
    );
    // Gebruikers there with counted work (not Gebruiker 5, who lives elsewhere).
    assert_eq!(
        r.clients,
        vec![
            (ClientKind::PrivatePerson, Figure::Count(1)),
            (ClientKind::LocalAuthority, Figure::Count(0)),
            (ClientKind::NonProfit, Figure::Count(1)),
            (ClientKind::School, Figure::Count(2)),
            (ClientKind::Agriculture, Figure::Count(0)),
        ]
    );
    assert_eq!(r.clients_total, Figure::Count(4));
    // 2 + 2 - 2 (refunded) + 1; not Gebruiker 5's, not July's.
    assert_eq!(r.cheques_used, 3);
    let people: Vec<(&str, i64)> = r
        .workers
        .iter()
        .map(|w| (w.last_name.as_str(), w.minutes))
        .collect();
    assert_eq!(
        people,
        vec![
            ("Aerts", 120),
            ("Bauwens", 150),
            ("Claes", 30),
            ("Dewulf", 45),
            ("Engels", 100),
            ("Fransen", 60)
        ]
    );

    // A period that starts and ends inside a month: its days from the prestaties, April from
    // the monthly summary. 6 March up to 1 May: entries 3, 4 and 5, not 2 (5 March).
    let testdorp = TESTDORP.to_string();
    let r: MunicipalityReport = sofie
        .call(
            "municipality_report",
            &[
                ("from", "2026-03-06"),
                ("until", "2026-05-01"),
                ("municipality_id", testdorp.as_str()),
            ],
        )
        .await
        .unwrap();
    assert_eq!(r.minutes, 60 + 30 + 45);
    let named: Vec<(&str, i64)> = r
        .workers
        .iter()
        .filter(|w| w.minutes > 0)
        .map(|w| (w.last_name.as_str(), w.minutes))
        .collect();
    assert_eq!(named, vec![("Bauwens", 60), ("Claes", 30), ("Dewulf", 45)]);
    assert_eq!(r.clients_total, Figure::Count(3));
    // 2 on 6 March, 2 given back and 1 paid again on 10 March.
    assert_eq!(r.cheques_used, 1);

    // All municipalities: the fixture adds exactly its figures (Gebruiker 5 included now).
    let everywhere = report(&sofie, None, false).await.unwrap();
    let count = |f: Figure| f.count().unwrap();
    assert_eq!(
        count(everywhere.active_workers) - count(everywhere_before.active_workers),
        6
    );
    assert_eq!(everywhere.minutes - everywhere_before.minutes, 505);
    assert_eq!(everywhere.cheques_used - everywhere_before.cheques_used, 5);
    assert_eq!(
        count(everywhere.clients_total) - count(everywhere_before.clients_total),
        5
    );

    // For outside: no names; groups under 5 people shielded; zero is zero.
    let outside = report(&sofie, Some(TESTDORP), true).await.unwrap();
    assert!(outside.workers.is_empty());
    assert_eq!(outside.active_workers, Figure::Count(6));
    assert_eq!(outside.trajectories_started, Figure::Count(5));
    assert_eq!(outside.trajectories_ended_total, Figure::Shielded);
    assert_eq!(
        outside.trajectories_ended[..2],
        [
            (Outcome::Work, Figure::Shielded),
            (Outcome::Training, Figure::Shielded)
        ]
    );
    let group = |name: &str| {
        outside
            .by_group
            .iter()
            .find(|g| g.category == name)
            .unwrap()
    };
    assert_eq!(group("garden").minutes, Some(400));
    assert_eq!(
        (group("repairs").minutes, group("repairs").workers),
        (None, Figure::Shielded)
    );
    assert_eq!(group("household").minutes, None);
    assert_eq!(outside.clients_total, Figure::Shielded);
    assert_eq!(
        outside.clients[1],
        (ClientKind::LocalAuthority, Figure::Count(0))
    );
    assert_eq!(outside.clients[3], (ClientKind::School, Figure::Shielded));

    // The files: the same figures, for a Belgian spreadsheet.
    let query = format!("municipality_id={TESTDORP}&from={FROM}&until={UNTIL}");
    let csv = sofie
        .get(&format!("/coordinator/reports/rapport.csv?{query}"))
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.header("content-disposition")
            .unwrap()
            .contains("rapport-organisatie-a-testdorp-2026-01-01-2026-06-30.csv")
    );
    assert!(
        csv.body.contains("Actieve wijk-werkers (in traject);6"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("Gewerkte uren;8,42"), "{}", csv.body);
    assert!(
        csv.body
            .contains("Gewerkte uren – Klein tuinonderhoud;6,67;5")
    );
    assert!(
        csv.body
            .contains("Test Bauwens;Testdorp;2026-02-01 – 2027-01-31;;2,50")
    );
    let outside_csv = sofie
        .get(&format!(
            "/coordinator/reports/rapport.csv?{query}&anonymous=true"
        ))
        .await;
    assert_eq!(outside_csv.status, 200);
    assert!(!outside_csv.body.contains("Bauwens"));
    assert!(
        outside_csv
            .body
            .contains("Beëindigde trajecten;afgeschermd")
    );
    let xlsx = sofie
        .get(&format!("/coordinator/reports/rapport.xlsx?{query}"))
        .await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(xlsx.header("content-type"), Some(app::export::XLSX));
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
    let figures = book.worksheet_range("cijfer").unwrap();
    let row_of = |label: &str| {
        (0..figures.height() as u32)
            .find(|r| figures.get_value((*r, 0)).map(|d| d.to_string()).as_deref() == Some(label))
            .unwrap_or_else(|| panic!("{label}"))
    };
    let number = |r: u32, c: u32| match figures.get_value((r, c)) {
        Some(Data::Float(f)) => *f,
        other => panic!("({r}, {c}): {other:?}"),
    };
    assert_eq!(number(row_of("Gewerkte uren"), 1), 8.42);
    assert_eq!(number(row_of("Gebruikte cheques"), 1), 3.0);
    assert_eq!(number(row_of("Actieve wijk-werkers (in traject)"), 1), 6.0);
    let people = book.worksheet_range("wijk-werkers").unwrap();
    assert_eq!(people.height(), 7, "a header and six wijk-werkers");

    // Refused: a wrong period, another organisation's municipality, a worker, a gebruiker.
    for (from, until) in [
        ("2026-06-30", "2026-01-01"),
        ("2017-12-31", "2018-06-30"),
        ("2018-01-01", "2026-06-30"),
    ] {
        let refused: Result<MunicipalityReport, _> = sofie
            .call("municipality_report", &[("from", from), ("until", until)])
            .await;
        assert_eq!(
            refused.unwrap_err(),
            (422, AppError::Invalid(Field::Period)),
            "{from}"
        );
    }
    let theirs: i64 = app
        .scalar(
            "SELECT MIN(id) FROM municipality WHERE organisation_id = $1",
            app.b.organisation_id.0,
        )
        .await;
    assert_eq!(
        report(&sofie, Some(theirs), false).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let other = app.login("sofie@b.test").await;
    assert_eq!(
        report(&other, Some(TESTDORP), false).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    for who in ["kevin@a.test", "vzw@a.test"] {
        let user = app.login(who).await;
        assert_eq!(report(&user, None, true).await.unwrap_err().0, 403, "{who}");
        let file = user
            .get(&format!("/coordinator/reports/rapport.csv?{query}"))
            .await;
        assert_eq!(file.status, 403, "{who}");
    }
    let b_everywhere = report(&other, None, false).await.unwrap();
    assert!(
        b_everywhere
            .workers
            .iter()
            .all(|w| w.last_name != "Bauwens")
    );

    // Cheques count in the Brussels month of their instant, summer and winter time alike (on
    // SQLite the summary's trigger has its own rule for it; `finish` recomputes every month
    // with the app's clock).
    let postgres = matches!(app.db, app::db::Db::Postgres(_));
    for (revision, at, month) in [
        (10, "2026-03-31T22:30:00+00:00", "2026-04-01"),
        (11, "2026-06-30T21:59:00+00:00", "2026-06-01"),
        (12, "2026-10-31T22:30:00+00:00", "2026-10-01"),
        (13, "2026-12-31T23:30:00+00:00", "2027-01-01"),
    ] {
        let insert = format!(
            "INSERT INTO cheque_ledger (organisation_id, client_id, change, reason, \
             time_entry_id, created_at, revision) VALUES ({}, 900005, -1, 'prestatie', 900006, \
             '{at}', {revision})",
            app.a.organisation_id.0
        );
        app.execute_raw(&insert).await.unwrap();
        let month = if postgres {
            format!("DATE '{month}'")
        } else {
            format!("'{month}'")
        };
        let used = app
            .scalar(
                &format!(
                    "SELECT CAST(cheques_used AS BIGINT) FROM report_client_month \
                     WHERE client_id = $1 AND month = {month}"
                ),
                900_005,
            )
            .await;
        assert_eq!(used, 1, "{at} counts in {month}");
    }
}
