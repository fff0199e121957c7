//! The bemiddelaar's gebruikers: create (next free number), find, change (audited), the yearly
//! fee once per year, several logins for one gebruiker; inside the own organisation only.

use app::auth::{ActivationCode, Role};
use app::clients::{ClientFile, ClientLine, ClientOverview};
use app::error::{AppError, Field};
use app::ids::ClientId;

use crate::harness::{TestApp, User};

fn form<'a>(name: &'a str, postcode: &'a str, municipality: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form[kind]", "School"),
        ("form[name]", name),
        ("form[street]", "Schoolstraat 1"),
        ("form[postcode]", postcode),
        ("form[city]", "Gavere"),
        ("form[phone]", "09 389 00 00"),
        ("form[municipality_id]", municipality),
        ("form[agreement_date]", "2026-09-01"),
    ]
}

async fn activate(app: &TestApp, code: &str, password: &str) -> User {
    let phone = app.anonymous();
    let role: Role = phone
        .call("activate", &[("code", code), ("password", password)])
        .await
        .unwrap();
    assert_eq!(role, Role::Client);
    phone
}

pub async fn a_school_with_two_logins_and_its_fee(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let gavere = app.a.municipalities["gavere"].to_string();
    let school: ClientId = sofie
        .call(
            "create_client",
            &form("GO! Basisschool De Linde", "9890", &gavere),
        )
        .await
        .unwrap();
    let file: ClientFile = sofie
        .call("client_file", &[("client_id", &school.to_string())])
        .await
        .unwrap();
    assert_eq!(
        file.form.client_number, "G00007",
        "the next free number after six"
    );
    assert_eq!(file.cheque_balance, 0);
    assert!(file.logins.is_empty());

    // Two people of the school each get a login; both act for the same gebruiker.
    let mut phones = Vec::new();
    for (email, name) in [
        ("directie@linde.test", "An Directie"),
        ("zorg@linde.test", "Bart Zorg"),
    ] {
        let code: ActivationCode = sofie
            .call(
                "add_client_login",
                &[
                    ("client_id", &school.to_string()),
                    ("email", email),
                    ("name", name),
                ],
            )
            .await
            .unwrap();
        phones.push(activate(app, &code.code, "een lang wachtwoord").await);
    }
    for phone in &phones {
        let overview: ClientOverview = phone.call("client_overview", &[]).await.unwrap();
        assert_eq!(overview.name, "GO! Basisschool De Linde");
    }
    let file: ClientFile = sofie
        .call("client_file", &[("client_id", &school.to_string())])
        .await
        .unwrap();
    let names: Vec<_> = file.logins.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["An Directie", "Bart Zorg"]);
    assert!(
        file.logins
            .iter()
            .all(|l| l.active && !l.waiting_for_activation)
    );

    // The fee of 2026 once; a second time is refused; a year in the future too.
    let fee = |year: &'static str, day: &'static str| {
        let sofie = &sofie;
        async move {
            sofie
                .call::<()>(
                    "record_fee",
                    &[
                        ("client_id", &school.to_string()),
                        ("year", year),
                        ("paid_on", day),
                    ],
                )
                .await
        }
    };
    fee("2026", "2026-10-15").await.unwrap();
    assert_eq!(
        fee("2026", "2026-11-01").await.unwrap_err(),
        (409, AppError::FeeAlreadyRecorded)
    );
    assert_eq!(
        fee("2030", "2026-11-01").await.unwrap_err(),
        (422, AppError::Invalid(Field::FeeYear))
    );
    let file: ClientFile = sofie
        .call("client_file", &[("client_id", &school.to_string())])
        .await
        .unwrap();
    assert_eq!(file.fees_paid.len(), 1);
    assert_eq!(file.fees_paid[0].0, 2026);

    // Found by name and by kind; a changed name is audited before and after.
    let found: Vec<ClientLine> = sofie
        .call("list_clients", &[("search", "linde"), ("kind", "School")])
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let mut change = form("Basisschool De Linde", "9890", &gavere);
    change.push(("client_id", "0"));
    let id = school.to_string();
    change.last_mut().unwrap().1 = &id;
    sofie.call::<()>("update_client", &change).await.unwrap();
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'client_changed' AND subject_id = $1 \
             AND detail LIKE '%before: GO! Basisschool De Linde%after: Basisschool De Linde%'",
            school.0
        )
        .await,
        1
    );
}

pub async fn a_gebruiker_is_checked_and_stays_in_the_organisation(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let gavere = app.a.municipalities["gavere"].to_string();
    let gavere_b = app.b.municipalities["gavere"].to_string();
    let cases = [
        (
            form("De Linde", "98", &gavere),
            AppError::Invalid(Field::Postcode),
        ),
        (form(" ", "9890", &gavere), AppError::Invalid(Field::Name)),
        (
            form("De Linde", "9890", &gavere_b),
            AppError::Invalid(Field::Municipality),
        ),
    ];
    for (fields, expected) in cases {
        let answer = sofie.call::<ClientId>("create_client", &fields).await;
        assert_eq!(answer.unwrap_err(), (422, expected));
    }
    let mut taken = form("De Linde", "9890", &gavere);
    taken.push(("form[client_number]", "G00001"));
    let answer = sofie.call::<ClientId>("create_client", &taken).await;
    assert_eq!(
        answer.unwrap_err(),
        (422, AppError::Invalid(Field::ClientNumber))
    );
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM client WHERE organisation_id = $1",
            app.a.organisation_id.0
        )
        .await,
        6,
        "nothing written"
    );

    // Organisation B's bemiddelaar finds nothing of A's; a gebruiker may not list gebruikers.
    let maria = app.a.clients["maria"].to_string();
    let sofie_b = app.login("sofie@b.test").await;
    let file = sofie_b
        .call::<ClientFile>("client_file", &[("client_id", &maria)])
        .await;
    assert_eq!(file.unwrap_err(), (404, AppError::NotFound));
    let login = sofie_b
        .call::<ActivationCode>(
            "add_client_login",
            &[("client_id", &maria), ("email", "x@x.test"), ("name", "X")],
        )
        .await;
    assert_eq!(login.unwrap_err(), (404, AppError::NotFound));
    let listed: Vec<ClientLine> = sofie_b.call("list_clients", &[]).await.unwrap();
    assert!(listed.iter().all(|c| c.id != app.a.clients["maria"]));
    let maria_user = app.login("maria@a.test").await;
    let refused = maria_user
        .call::<Vec<ClientLine>>("list_clients", &[])
        .await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
}
