//! Demo data: one wijk-werkorganisatie with invented (but plausible) people, placed around
//! today so that every screen has something to show. Loaded by `make run` on the first start,
//! and by the tests (twice, with another email domain, to have a second organisation).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

use crate::assignments::AssignmentStatus;
use crate::assignments::store::{self as assignments, NewAssignment};
use crate::auth::store::NewAccount;
use crate::auth::{Role, password, store as accounts};
use crate::cheques::store::{self as cheques, Change, NewBatch};
use crate::clients::ClientKind;
use crate::clients::store::{self as clients, NewClient};
use crate::db::{Db, Tx};
use crate::ids::{
    AccountId, AssignmentId, ClientId, EntryId, MunicipalityId, OrganisationId, WorkerId,
};
use crate::on;
use crate::time_entries::store::{self as entries, NewEntry};
use crate::time_entries::{EntrySource, EntryStatus};
use crate::workers::store::{self as workers, NewWorker};
use crate::{organisations, rules};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "wijkwerk";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("password hashing failed")]
    Hash,
    #[error("demo rule: {0}")]
    Rule(#[from] crate::error::AppError),
}

/// Is there any organisation yet? Demo data is loaded only into an empty database.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let mut conn = db.conn().await?;
    let n: i64 = on!(conn.c(), c => sqlx::query_scalar("SELECT COUNT(*) FROM organisation").fetch_one(c).await)?;
    Ok(n == 0)
}

/// What was loaded, by name, so tests never look rows up by e-mail in SQL. Names are the
/// people's first names (`"ahmed"`, `"maria"`); emails are `ahmed@<domain>`.
#[derive(Clone, Debug)]
pub struct Demo {
    pub organisation_id: OrganisationId,
    pub domain: String,
    pub municipalities: BTreeMap<&'static str, MunicipalityId>,
    pub accounts: BTreeMap<&'static str, AccountId>,
    pub workers: BTreeMap<&'static str, WorkerId>,
    pub clients: BTreeMap<&'static str, ClientId>,
    pub assignments: DemoAssignments,
    pub entries: DemoEntries,
}

/// The demo's assignments (`<worker>_<gebruiker>`).
#[derive(Clone, Copy, Debug)]
pub struct DemoAssignments {
    /// Today, accepted.
    pub ahmed_maria: AssignmentId,
    /// Today, accepted.
    pub lien_school: AssignmentId,
    /// Today, accepted; Jozef is close to his 60 hours.
    pub jozef_gemeente: AssignmentId,
    /// Three days ago, accepted.
    pub kevin_vzw: AssignmentId,
    /// In two days, offered to Kevin.
    pub kevin_roger: AssignmentId,
    /// Five days ago, finished.
    pub fatima_hoeve: AssignmentId,
    /// Roger's, accepted by Kevin for today (Roger has one cheque).
    pub kevin_roger_today: AssignmentId,
    /// In three days, offered to Fatima.
    pub fatima_gemeente: AssignmentId,
}

/// The demo's prestaties worth naming.
#[derive(Clone, Copy, Debug)]
pub struct DemoEntries {
    /// Two days ago, 2 hours, waiting for Maria.
    pub ahmed_submitted: EntryId,
    /// Yesterday, 2 hours, waiting for the school (with another of 1 u 30 four days ago).
    pub lien_submitted: EntryId,
    /// Disputed by the vzw.
    pub kevin_disputed: EntryId,
}

impl Demo {
    pub fn email(&self, who: &str) -> String {
        format!("{who}@{}", self.domain)
    }
}

struct Loader {
    org: OrganisationId,
    hash: String,
    domain: String,
    today: NaiveDate,
    now: DateTime<Utc>,
}

impl Loader {
    async fn account(
        &self,
        tx: &mut Tx,
        who: &str,
        role: Role,
        name: &str,
    ) -> Result<AccountId, DemoError> {
        let email = format!("{who}@{}", self.domain);
        let account = NewAccount {
            organisation_id: self.org,
            email: &email,
            password_hash: &self.hash,
            role,
            display_name: name,
        };
        Ok(accounts::insert(tx.c(), account, self.now).await?)
    }
}

/// Load one demo organisation around `now`; `domain` makes its emails unique (`demo.test` for
/// `make run`).
pub async fn load(
    db: &Db,
    name: &str,
    domain: &str,
    now: DateTime<Utc>,
) -> Result<Demo, DemoError> {
    // One hash for all demo accounts: they share a password, and hashing is slow on purpose.
    let hash = password::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(|_| DemoError::Hash)?;
    let mut tx = db.begin().await?;
    let org = organisations::insert(tx.c(), name, now).await?;
    let cx = Loader {
        org,
        hash,
        domain: domain.to_string(),
        today: crate::clock::local_date(now),
        now,
    };
    let gavere = organisations::insert_municipality(tx.c(), org, "Gavere").await?;
    let zulte = organisations::insert_municipality(tx.c(), org, "Zulte").await?;
    let nazareth = organisations::insert_municipality(tx.c(), org, "Nazareth").await?;

    let garden = assignments::insert_activity(tx.c(), org, "garden", "Tuinonderhoud").await?;
    let repairs =
        assignments::insert_activity(tx.c(), org, "repairs", "Kleine herstellingen").await?;
    let school =
        assignments::insert_activity(tx.c(), org, "logistics", "Hulp in de school").await?;
    let farm =
        assignments::insert_activity(tx.c(), org, "agriculture", "Hulp op de boerderij").await?;
    let green =
        assignments::insert_activity(tx.c(), org, "garden", "Groenonderhoud gemeente").await?;
    let shop =
        assignments::insert_activity(tx.c(), org, "logistics", "Hulp in de buurtwinkel").await?;
    // The rest of the Flemish list, and the demo's one rule: farm work only for farms.
    crate::activities::service::seed(&mut tx, org).await?;
    for kind in crate::clients::ClientKind::ALL {
        if *kind != crate::clients::ClientKind::Agriculture {
            for farm in [
                farm,
                crate::activities::store::insert_or_find(tx.c(), org, "agriculture", "Oogsthulp")
                    .await?,
            ] {
                crate::activities::store::set_for_kind(tx.c(), farm, *kind, false).await?;
            }
        }
    }

    let mut account_ids = BTreeMap::new();
    let sofie = cx
        .account(&mut tx, "sofie", Role::Coordinator, "Sofie Van den Broeck")
        .await?;
    account_ids.insert("sofie", sofie);

    // Gebruikers: the five kinds, with a cheque balance each (Roger's is nearly empty).
    let clients_spec = [
        (
            "maria",
            ClientKind::PrivatePerson,
            "Maria Peeters",
            "Kerkstraat 12",
            "9890",
            "Gavere",
            gavere,
            10,
        ),
        (
            "gemeente",
            ClientKind::LocalAuthority,
            "Gemeente Zulte",
            "Staatsbaan 20",
            "9870",
            "Zulte",
            zulte,
            200,
        ),
        (
            "vzw",
            ClientKind::NonProfit,
            "vzw De Buurtwinkel",
            "Dorp 3",
            "9810",
            "Nazareth",
            nazareth,
            40,
        ),
        (
            "school",
            ClientKind::School,
            "Basisschool De Regenboog",
            "Schoolstraat 8",
            "9870",
            "Zulte",
            zulte,
            120,
        ),
        (
            "hoeve",
            ClientKind::Agriculture,
            "Hoeve Ter Linde",
            "Lindeweg 41",
            "9890",
            "Gavere",
            gavere,
            60,
        ),
        (
            "roger",
            ClientKind::PrivatePerson,
            "Roger Van Damme",
            "Molenstraat 5",
            "9810",
            "Nazareth",
            nazareth,
            1,
        ),
    ];
    let mut client_ids = Vec::new();
    for (i, (who, kind, name, street, postcode, city, municipality, balance)) in
        clients_spec.into_iter().enumerate()
    {
        let account = cx.account(&mut tx, who, Role::Client, name).await?;
        account_ids.insert(who, account);
        let number = format!("G{:05}", i + 1);
        let id = clients::insert(
            &mut tx,
            NewClient {
                organisation_id: org,
                account_id: Some(account),
                municipality_id: municipality,
                kind,
                client_number: &number,
                name,
                street,
                postcode,
                city,
                // Maria and Roger gave a number; the school did not.
                phone: match who {
                    "maria" => Some("0470 12 34 56"),
                    "roger" => Some("09 385 12 34"),
                    _ => None,
                },
                agreement_date: Some(cx.today - Duration::days(400)),
            },
            now,
        )
        .await?;
        // Bought a month ago; Maria also has what was left of a purchase of last year, expired.
        buy(
            &mut tx,
            org,
            id,
            cx.today - Duration::days(30),
            balance,
            now,
        )
        .await?;
        if who == "maria" {
            buy(&mut tx, org, id, cx.today - Duration::days(400), 3, now).await?;
            crate::cheques::service::expire_due(&mut tx, org, id, now).await?;
        }
        client_ids.push(id);
    }
    let [maria, gemeente, vzw, school_client, hoeve, roger] = client_ids[..] else {
        unreachable!("six demo gebruikers")
    };

    // Wijk-werkers; Jozef is an ex-PWA worker close to his 60 hours this month.
    let today = cx.today;
    let workers_spec = [
        ("ahmed", "Ahmed", "El Amrani", gavere, false),
        ("lien", "Lien", "Claeys", zulte, false),
        ("kevin", "Kevin", "Desmet", nazareth, false),
        ("fatima", "Fatima", "Ouali", gavere, false),
        ("jozef", "Jozef", "Vermeulen", zulte, true),
    ];
    let mut worker_ids = Vec::new();
    for (who, first, last, municipality, ex_pwa) in workers_spec {
        let account = cx
            .account(&mut tx, who, Role::Worker, &format!("{first} {last}"))
            .await?;
        account_ids.insert(who, account);
        let id = workers::insert(
            tx.c(),
            NewWorker {
                organisation_id: org,
                account_id: account,
                municipality_id: municipality,
                first_name: first,
                last_name: last,
                phone: None,
                trajectory_start: today - Duration::days(120),
                trajectory_planned_end: today + Duration::days(240),
                ex_pwa,
                referrer: crate::workers::Referrer::Vdab,
            },
            now,
        )
        .await?;
        worker_ids.push(id);
    }
    let [ahmed, lien, kevin, fatima, jozef] = worker_ids[..] else {
        unreachable!("five demo workers")
    };

    let nine = NaiveTime::from_hms_opt(9, 0, 0);
    let assign =
        |client_id, worker_id, activity_id, status, day, start, minutes, what| NewAssignment {
            organisation_id: org,
            client_id,
            worker_id,
            activity_id,
            description: what,
            status,
            planned_date: day,
            planned_start: start,
            planned_minutes: minutes,
        };
    use AssignmentStatus::*;
    let ahmed_maria = assignments::insert(
        tx.c(),
        assign(
            maria,
            Some(ahmed),
            garden,
            Accepted,
            today,
            nine,
            180,
            "Haag snoeien en blad ruimen",
        ),
        now,
    )
    .await?;
    let lien_school = assignments::insert(
        tx.c(),
        assign(
            school_client,
            Some(lien),
            school,
            Accepted,
            today,
            NaiveTime::from_hms_opt(12, 0, 0),
            120,
            "Toezicht middagpauze",
        ),
        now,
    )
    .await?;
    let jozef_gemeente = assignments::insert(
        tx.c(),
        assign(
            gemeente,
            Some(jozef),
            green,
            Accepted,
            today,
            NaiveTime::from_hms_opt(8, 30, 0),
            240,
            "Perken onderhouden",
        ),
        now,
    )
    .await?;
    let kevin_vzw = assignments::insert(
        tx.c(),
        assign(
            vzw,
            Some(kevin),
            shop,
            Accepted,
            today - Duration::days(3),
            nine,
            180,
            "Rekken aanvullen",
        ),
        now,
    )
    .await?;
    let kevin_roger = assignments::insert(
        tx.c(),
        assign(
            roger,
            Some(kevin),
            repairs,
            Offered,
            today + Duration::days(2),
            NaiveTime::from_hms_opt(14, 0, 0),
            120,
            "Lekkende kraan en een deur die klemt",
        ),
        now,
    )
    .await?;
    let fatima_hoeve = assignments::insert(
        tx.c(),
        assign(
            hoeve,
            Some(fatima),
            farm,
            Finished,
            today - Duration::days(5),
            nine,
            240,
            "Hulp bij het oogsten",
        ),
        now,
    )
    .await?;
    let kevin_roger_today = assignments::insert(
        tx.c(),
        assign(
            roger,
            Some(kevin),
            repairs,
            Accepted,
            today,
            NaiveTime::from_hms_opt(14, 0, 0),
            120,
            "Rolluik herstellen",
        ),
        now,
    )
    .await?;
    let fatima_gemeente = assignments::insert(
        tx.c(),
        assign(
            gemeente,
            Some(fatima),
            green,
            Offered,
            today + Duration::days(3),
            NaiveTime::from_hms_opt(9, 30, 0),
            180,
            "Bloembakken op het dorpsplein vullen",
        ),
        now,
    )
    .await?;
    assignments::insert(
        tx.c(),
        assign(
            maria,
            None,
            repairs,
            Offered,
            today + Duration::days(7),
            None,
            60,
            "Lamp ophangen",
        ),
        now,
    )
    .await?;

    let entry = async |tx: &mut Tx,
                       assignment_id,
                       worker_id,
                       client_id,
                       day: NaiveDate,
                       minutes,
                       status|
           -> Result<EntryId, DemoError> {
        let started_at =
            crate::clock::instant(day, NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
        let id = entries::insert(
            tx.c(),
            NewEntry {
                organisation_id: org,
                assignment_id,
                worker_id,
                work_date: day,
                started_at,
                ended_at: Some(started_at + Duration::minutes(minutes)),
                minutes: Some(minutes),
                pause_minutes: 0,
                km: 0,
                note: String::new(),
                status,
                source: EntrySource::Clock,
            },
            now,
        )
        .await?;
        if status == EntryStatus::Confirmed {
            let cheques = rules::cheques_for(minutes);
            crate::cheques::service::pay(tx, org, client_id, id, cheques, None, now).await?;
        }
        Ok(id)
    };
    let ago = |days: i64| today - Duration::days(days);
    use EntryStatus::*;
    entry(&mut tx, ahmed_maria, ahmed, maria, ago(9), 90, Confirmed).await?;
    let ahmed_submitted = entry(&mut tx, ahmed_maria, ahmed, maria, ago(2), 120, Submitted).await?;
    entry(
        &mut tx,
        lien_school,
        lien,
        school_client,
        ago(7),
        120,
        Confirmed,
    )
    .await?;
    let lien_submitted = entry(
        &mut tx,
        lien_school,
        lien,
        school_client,
        ago(1),
        120,
        Submitted,
    )
    .await?;
    // A school secretary has more than one to confirm (Alles bevestigen).
    entry(
        &mut tx,
        lien_school,
        lien,
        school_client,
        ago(4),
        90,
        Submitted,
    )
    .await?;
    let kevin_disputed = entry(&mut tx, kevin_vzw, kevin, vzw, ago(3), 150, Disputed).await?;
    entry(&mut tx, fatima_hoeve, fatima, hoeve, ago(5), 240, Confirmed).await?;
    // Jozef: 9 x 6 u 30 = 58 u 30 this month, spread over the days of the month so far.
    let (month_start, _) = rules::month_bounds(today);
    for i in 0..9 {
        let day = (today - Duration::days(9 - i)).max(month_start);
        entry(
            &mut tx,
            jozef_gemeente,
            jozef,
            gemeente,
            day,
            390,
            Confirmed,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Demo {
        organisation_id: org,
        domain: domain.to_string(),
        municipalities: BTreeMap::from([
            ("gavere", gavere),
            ("zulte", zulte),
            ("nazareth", nazareth),
        ]),
        accounts: account_ids,
        workers: BTreeMap::from([
            ("ahmed", ahmed),
            ("lien", lien),
            ("kevin", kevin),
            ("fatima", fatima),
            ("jozef", jozef),
        ]),
        clients: BTreeMap::from([
            ("maria", maria),
            ("gemeente", gemeente),
            ("vzw", vzw),
            ("school", school_client),
            ("hoeve", hoeve),
            ("roger", roger),
        ]),
        assignments: DemoAssignments {
            ahmed_maria,
            lien_school,
            jozef_gemeente,
            kevin_vzw,
            kevin_roger,
            fatima_hoeve,
            kevin_roger_today,
            fatima_gemeente,
        },
        entries: DemoEntries {
            ahmed_submitted,
            lien_submitted,
            kevin_disputed,
        },
    })
}

/// A demo purchase: a batch at the organisation's price, and its ledger row.
async fn buy(
    tx: &mut Tx,
    org: OrganisationId,
    client_id: ClientId,
    bought_on: NaiveDate,
    count: i64,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let municipality = crate::clients::store::by_id(tx.c(), client_id)
        .await?
        .map(|c| c.municipality_id);
    let price_cents =
        crate::organisations::cheque_price_on(tx.c(), org, municipality, bought_on).await?;
    let batch = NewBatch {
        organisation_id: org,
        client_id,
        bought_on,
        cheques: count,
        price_cents,
        valid_until: crate::cheques::rules::valid_until_for(bought_on),
        created_by: None,
        import_id: None,
        reference: None,
    };
    let batch_id = cheques::insert_batch(tx.c(), &batch, now).await?;
    let change = Change {
        organisation_id: org,
        client_id,
        change: count,
        reason: crate::cheques::LedgerReason::Purchase,
        time_entry_id: None,
        batch_id: Some(batch_id),
        created_by: None,
    };
    cheques::append(tx.c(), change, now).await?;
    Ok(())
}
