//! Privacy: every look at a person's file by someone else is recorded (who, whose, what, when;
//! append-only), coordinators see it on the person's page and the worker on Profiel.

use app::allowances::AllowanceMonth;
use app::clients::ClientFile;
use app::error::AppError;
use app::file_views::{FileView, Seen};
use app::workers::{Profile, WorkerFile};

use crate::harness::TestApp;

pub async fn a_look_at_a_file_is_recorded_and_the_worker_sees_it(app: &TestApp) {
    let kevin_id = app.a.workers["kevin"];
    let kevin_arg = kevin_id.to_string();
    let views_of_kevin = || {
        app.scalar(
            "SELECT COUNT(*) FROM file_view WHERE worker_id = $1",
            kevin_id.0,
        )
    };
    assert_eq!(views_of_kevin().await, 0);

    // Kevin looking at his own Profiel is no look at his file by someone else.
    let kevin = app.login("kevin@a.test").await;
    let profile: Profile = kevin.call("my_profile", &[]).await.unwrap();
    assert_eq!(profile.views, vec![]);
    assert_eq!(views_of_kevin().await, 0);

    // Sofie opens Kevin's page: one row, with her, Kevin, what and when.
    let sofie = app.login("sofie@a.test").await;
    let _: WorkerFile = sofie
        .call("worker_file", &[("worker_id", &kevin_arg)])
        .await
        .unwrap();
    assert_eq!(views_of_kevin().await, 1);
    let sofie_account = app.a.accounts["sofie"];
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM file_view WHERE viewer_account_id = $1 \
             AND what = 'worker_file' AND client_id IS NULL",
            sofie_account.0
        )
        .await,
        1
    );

    // Kevin sees who looked and when (the server's clock, in Brussels).
    app.advance(chrono::Duration::minutes(5));
    let profile: Profile = kevin.call("my_profile", &[]).await.unwrap();
    assert_eq!(profile.views.len(), 1);
    let FileView {
        viewed_at,
        viewer,
        what,
    } = &profile.views[0];
    assert_eq!(*what, Seen::WorkerFile);
    assert!(viewer.contains("Sofie"), "{viewer}");
    assert_eq!(*viewed_at, crate::harness::start());

    // The next look shows the earlier one on the page itself.
    let file: WorkerFile = sofie
        .call("worker_file", &[("worker_id", &kevin_arg)])
        .await
        .unwrap();
    assert_eq!(file.views.len(), 1);
    assert_eq!(views_of_kevin().await, 2);

    // Another organisation's coordinator gets nothing, and leaves no row.
    let sofie_b = app.login("sofie@b.test").await;
    let refused = sofie_b
        .call::<WorkerFile>("worker_file", &[("worker_id", &kevin_arg)])
        .await;
    assert_eq!(refused.unwrap_err(), (404, AppError::NotFound));
    // Nor does a worker asking for a colleague's file.
    let lien = app.login("lien@a.test").await;
    let refused = lien
        .call::<WorkerFile>("worker_file", &[("worker_id", &kevin_arg)])
        .await;
    assert_eq!(refused.unwrap_err().0, 403);
    assert_eq!(views_of_kevin().await, 2);

    // A gebruiker's page and cheques: a row each.
    let roger = app.a.clients["roger"];
    let _: ClientFile = sofie
        .call("client_file", &[("client_id", &roger.to_string())])
        .await
        .unwrap();
    let _: app::cheques::Wallet = sofie
        .call("client_cheques", &[("client_id", &roger.to_string())])
        .await
        .unwrap();
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM file_view WHERE client_id = $1 \
             AND what IN ('client_file', 'client_cheques')",
            roger.0
        )
        .await,
        2
    );

    // The allowance list names workers: a row for each worker on it, on screen and as a file.
    let month: AllowanceMonth = sofie
        .call("allowance_month", &[("month", "2026-11")])
        .await
        .unwrap();
    assert!(!month.lines.is_empty());
    let on_list = month.lines.len() as i64;
    let count = "SELECT COUNT(*) FROM file_view WHERE what = 'allowance_month' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(count, app.a.organisation_id.0).await, on_list);
    let csv = sofie.get("/coordinator/allowances/2026-11.csv").await;
    assert_eq!(csv.status, 200);
    let count = "SELECT COUNT(*) FROM file_view WHERE what = 'allowance_export' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(count, app.a.organisation_id.0).await, on_list);

    // Rapport per gemeente: the organisation's own version names its workers (a row each,
    // on screen and as a file); the version for outside names nobody (no row).
    let named: serde_json::Value = sofie.call("municipality_report", &[]).await.unwrap();
    let listed = named["workers"].as_array().unwrap().len() as i64;
    assert!(listed > 0);
    let count = "SELECT COUNT(*) FROM file_view WHERE what = 'report' AND organisation_id = $1";
    assert_eq!(app.scalar(count, app.a.organisation_id.0).await, listed);
    let outside: serde_json::Value = sofie
        .call("municipality_report", &[("anonymous", "true")])
        .await
        .unwrap();
    assert!(outside["workers"].as_array().unwrap().is_empty());
    assert_eq!(app.scalar(count, app.a.organisation_id.0).await, listed);
    let csv = sofie.get("/coordinator/reports/rapport.csv").await;
    assert_eq!(csv.status, 200);
    let count = "SELECT COUNT(*) FROM file_view WHERE what = 'report_export' \
        AND organisation_id = $1";
    assert_eq!(app.scalar(count, app.a.organisation_id.0).await, listed);

    // Append-only, like the audit trail.
    assert!(
        app.execute_raw("UPDATE file_view SET what = 'x'")
            .await
            .is_err()
    );
    assert!(app.execute_raw("DELETE FROM file_view").await.is_err());
    // His page twice, the report with names on screen and as a file.
    assert_eq!(views_of_kevin().await, 4);
}

/// The tables that have `column`, from the database's own catalogue.
async fn tables_with(app: &TestApp, column: &str) -> Vec<String> {
    use app::on;
    let mut conn = app.db.conn().await.unwrap();
    let sql = if app.database_url.starts_with("sqlite") {
        "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND p.name = $1 ORDER BY 1"
    } else {
        "SELECT table_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND column_name = $1 ORDER BY 1"
    };
    on!(conn.c(), c => sqlx::query_scalar(sql).bind(column).fetch_all(c).await).unwrap()
}

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        out.insert(file.name().unwrap().to_string(), content);
    }
    out
}

/// Every table that refers to the person by `column`: the export has exactly the person's rows.
async fn check_every_row(
    app: &TestApp,
    data: &serde_json::Map<String, serde_json::Value>,
    column: &str,
    id: i64,
) {
    let tables = tables_with(app, column).await;
    assert!(tables.len() >= 4, "{tables:?}");
    for table in tables {
        let rows = data
            .get(&table)
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| panic!("the export has no `{table}`, which refers to the person"));
        let in_db = app
            .scalar(
                &format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"),
                id,
            )
            .await;
        let theirs = rows
            .iter()
            .filter(|r| r[column].as_i64() == Some(id))
            .count() as i64;
        assert_eq!(theirs, in_db, "{table}: the person's rows");
        let others: Vec<_> = rows
            .iter()
            .filter(|r| {
                r.get(column)
                    .is_some_and(|v| !v.is_null() && v.as_i64() != Some(id))
            })
            .collect();
        assert!(
            others.is_empty(),
            "{table}: someone else's rows: {others:?}"
        );
    }
}

pub async fn the_export_holds_every_row_about_the_person_and_nothing_else(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let kevin = app.a.workers["kevin"];
    let path = format!("/coordinator/data/worker-{}.zip", kevin.0);
    // Only the organisation's bemiddelaars make it: not the worker, not organisation B.
    let kevin_himself = app.login("kevin@a.test").await;
    assert_eq!(kevin_himself.get(&path).await.status, 403);
    assert_eq!(app.login("sofie@b.test").await.get(&path).await.status, 404);
    assert_eq!(
        sofie.get("/coordinator/data/worker-x.zip").await.status,
        404
    );
    assert_eq!(
        sofie.get("/coordinator/data/someone-1.zip").await.status,
        404
    );
    let views = "SELECT COUNT(*) FROM file_view WHERE worker_id = $1";
    assert_eq!(app.scalar(views, kevin.0).await, 0);

    // Hours Kevin enters himself (the trail then holds what was done about his prestaties),
    // and a look at his file, so the export has one.
    let past = (app::clock::local_date(app.clock.now()) - chrono::Duration::days(3)).to_string();
    let _: app::ids::EntryId = kevin_himself
        .call(
            "enter_hours",
            &[
                ("assignment_id", &app.a.assignments.kevin_vzw.to_string()),
                ("date", &past),
                ("start", "06:00"),
                ("end", "07:00"),
                ("pause_minutes", "0"),
                ("km", "0"),
                ("note", "Vroeg begonnen"),
            ],
        )
        .await
        .unwrap();
    let _: WorkerFile = sofie
        .call("worker_file", &[("worker_id", &kevin.to_string())])
        .await
        .unwrap();
    let answer = sofie.get(&path).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/zip"));
    assert!(
        answer
            .header("content-disposition")
            .unwrap()
            .contains("gegevens-kevin-"),
        "{:?}",
        answer.header("content-disposition")
    );
    let files = unzip(&answer.bytes);
    let json = String::from_utf8(files["gegevens.json"].clone()).unwrap();
    let data: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
    check_every_row(app, &data, "worker_id", kevin.0).await;
    assert_eq!(data["worker"].as_array().unwrap().len(), 1);
    assert_eq!(data["worker"][0]["id"].as_i64(), Some(kevin.0));
    assert_eq!(data["account"][0]["email"].as_str(), Some("kevin@a.test"));
    assert!(!json.contains("password_hash") && !json.contains("$argon2"));
    // What was done about his prestaties is all there.
    let about_entries = app
        .scalar(
            "SELECT COUNT(*) FROM audit_event WHERE subject = 'time_entry' \
             AND subject_id IN (SELECT id FROM time_entry WHERE worker_id = $1)",
            kevin.0,
        )
        .await;
    let exported = data["audit_event"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["subject"] == "time_entry")
        .count() as i64;
    assert!(about_entries > 0);
    assert_eq!(exported, about_entries);
    // Nobody else's: no colleague's name or e-mail anywhere.
    for other in ["lien", "ahmed", "jozef", "fatima"] {
        assert!(!json.contains(&format!("{other}@")), "{other}");
    }
    // And each table as CSV for a spreadsheet: a header and a line per row.
    let entries_csv = String::from_utf8(files["time_entry.csv"].clone()).unwrap();
    let lines = entries_csv.lines().count();
    assert_eq!(lines, 1 + data["time_entry"].as_array().unwrap().len());
    assert!(entries_csv.starts_with('\u{feff}'));
    assert!(entries_csv.lines().next().unwrap().contains(";worker_id"));
    // The download is a look at his file, which he sees.
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM file_view WHERE worker_id = $1 AND what = 'data_export'",
            kevin.0
        )
        .await,
        1
    );

    // A gebruiker's: every table that refers to gebruikers, only Maria's rows.
    let maria = app.a.clients["maria"];
    let answer = sofie
        .get(&format!("/coordinator/data/client-{}.zip", maria.0))
        .await;
    assert_eq!(answer.status, 200);
    let files = unzip(&answer.bytes);
    let json = String::from_utf8(files["gegevens.json"].clone()).unwrap();
    let data: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
    check_every_row(app, &data, "client_id", maria.0).await;
    assert_eq!(data["client"][0]["id"].as_i64(), Some(maria.0));
    assert!(!json.contains("school@") && !json.contains("roger@"));
}

/// The report with the workers' names blanked (and so in the order of their ids, not of
/// their names): the figures alone.
fn without_names(report: &serde_json::Value) -> serde_json::Value {
    let mut report = report.clone();
    if let Some(workers) = report["workers"].as_array_mut() {
        for w in workers.iter_mut() {
            w["first_name"] = serde_json::Value::Null;
            w["last_name"] = serde_json::Value::Null;
        }
        workers.sort_by_key(|w| w["worker_id"].as_i64());
    }
    report
}

/// The report of 2026 and the allowance list of December as the bemiddelaar gets them.
async fn figures(sofie: &crate::harness::User) -> (serde_json::Value, AllowanceMonth) {
    let report: serde_json::Value = sofie
        .call(
            "municipality_report",
            &[("from", "2026-01-01"), ("until", "2026-12-31")],
        )
        .await
        .unwrap();
    let month: AllowanceMonth = sofie
        .call("allowance_month", &[("month", "2026-12")])
        .await
        .unwrap();
    (report, month)
}

pub async fn anonymisation_after_the_retention_keeps_the_report_totals(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    // Six months, the shortest allowed; less or more than ten years is refused.
    for refused in ["5", "121", "x"] {
        let answer = sofie
            .call::<()>("set_retention", &[("months", refused)])
            .await;
        assert_eq!(answer.unwrap_err().0, 422, "{refused}");
    }
    sofie
        .call::<()>("set_retention", &[("months", "6")])
        .await
        .unwrap();
    assert_eq!(sofie.call::<i64>("retention", &[]).await.unwrap(), 6);
    let jozef = app.a.workers["jozef"];
    // Jozef's trajectory ends today: his 58 u 30 of December count in the figures.
    sofie
        .call::<()>(
            "end_trajectory",
            &[
                ("worker_id", &jozef.to_string()),
                ("ended_on", "2026-12-01"),
                ("outcome", "Work"),
            ],
        )
        .await
        .unwrap();
    let (report_before, month_before) = figures(&sofie).await;
    assert!(month_before.lines.iter().any(|l| l.first_name == "Jozef"));

    // Within the six months nothing happens.
    app.advance(chrono::Duration::days(150));
    let none = app::privacy::service::anonymise_due(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!((none.workers, none.clients), (0, 0));

    // Past them, and past the year of every cheque bought: Jozef and the gebruikers with
    // nothing since and nothing open.
    app.advance(chrono::Duration::days(250));
    let done = app::privacy::service::anonymise_due(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!(done.workers, 1);
    assert!(done.clients >= 1, "{done:?}");
    let named = |sql: &'static str, id: i64| app.scalar(sql, id);
    assert_eq!(
        named(
            "SELECT COUNT(*) FROM worker WHERE id = $1 AND first_name = '[geanonimiseerd]' \
             AND last_name = '' AND phone IS NULL AND anonymised_at IS NOT NULL",
            jozef.0
        )
        .await,
        1
    );
    let login = app
        .anonymous()
        .call::<app::auth::Role>(
            "login",
            &[("email", "jozef@a.test"), ("password", "wijkwerk")],
        )
        .await;
    assert_eq!(login.unwrap_err().1, AppError::WrongLogin);
    // His trail keeps the events, not their details.
    assert!(
        named(
            "SELECT COUNT(*) FROM audit_event WHERE subject = 'worker' AND subject_id = $1",
            jozef.0
        )
        .await
            > 0
    );
    assert_eq!(
        named(
            "SELECT COUNT(*) FROM audit_event WHERE subject = 'worker' AND subject_id = $1 \
             AND detail <> '' AND detail <> '[geanonimiseerd]' AND action <> 'person_anonymised'",
            jozef.0
        )
        .await,
        0
    );
    // A private person is anonymised; a school keeps its name (not a person's), its logins not.
    let private = app
        .scalar(
            "SELECT COUNT(*) FROM client WHERE organisation_id = $1 AND anonymised_at IS NOT NULL \
             AND kind = 'private_person' AND name = '[geanonimiseerd]' AND street = ''",
            app.a.organisation_id.0,
        )
        .await;
    let anonymised = app
        .scalar(
            "SELECT COUNT(*) FROM client WHERE organisation_id = $1 AND anonymised_at IS NOT NULL",
            app.a.organisation_id.0,
        )
        .await;
    assert_eq!(anonymised, done.clients);
    assert!(private >= 1);
    // Maria still has a prestatie to answer: kept.
    assert_eq!(
        named(
            "SELECT COUNT(*) FROM client WHERE id = $1 AND anonymised_at IS NULL",
            app.a.clients["maria"].0
        )
        .await,
        1
    );

    // The figures are the same, to the minute and the cent; only the names are gone.
    let sofie = app.login("sofie@a.test").await;
    let (report_after, month_after) = figures(&sofie).await;
    assert_eq!(without_names(&report_after), without_names(&report_before));
    assert_ne!(
        report_after, report_before,
        "Jozef's name is gone from the list"
    );
    assert_eq!(month_after.totals, month_before.totals);
    assert!(month_after.lines.iter().all(|l| l.first_name != "Jozef"));

    // Once: a second run, in another process as well, finds nothing more.
    let again = app::privacy::service::anonymise_due(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!((again.workers, again.clients), (0, 0));
    assert_eq!(
        named(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'person_anonymised' \
             AND organisation_id = $1",
            app.a.organisation_id.0
        )
        .await,
        1 + done.clients
    );
    // Organisation B keeps 24 months: nothing of theirs is touched.
    assert_eq!(
        named(
            "SELECT COUNT(*) FROM worker WHERE organisation_id = $1 AND anonymised_at IS NOT NULL",
            app.b.organisation_id.0
        )
        .await
            + named(
                "SELECT COUNT(*) FROM client WHERE organisation_id = $1 AND anonymised_at IS NOT NULL",
                app.b.organisation_id.0
            )
            .await,
        0
    );
}
