//! The authorisation matrix (`app::auth::matrix`), walked: every server function, called by
//! nobody, a wijk-werker, a gebruiker, a bemiddelaar and an admin, on their own object, a
//! colleague's in the same organisation and one of another organisation. Exactly what the
//! table allows gets through; the rest is refused (401, 403 or 404) and changes nothing in the
//! database. An endpoint the table does not list fails the test.
//!
//! Each endpoint gets a fresh database, and each further caller allowed to change something a
//! fresh one again, so no call sees what another allowed call did.

use std::collections::BTreeSet;

use app::auth::Role;
use app::auth::matrix::{MATRIX, Owner, Rule, rule_of};
use app::demo::Demo;
use app::ids::AccountId;
use serde_json::{Value, json};

use crate::harness::{Backend, TestApp, User};

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Nobody,
    /// Kevin, a wijk-werker of organisation A.
    Worker,
    /// Maria, a private person of organisation A.
    Client,
    /// Sofie, bemiddelaar of organisation A.
    Coordinator,
    /// An admin of organisation A.
    Admin,
}

const CALLERS: [Caller; 5] = [
    Caller::Nobody,
    Caller::Worker,
    Caller::Client,
    Caller::Coordinator,
    Caller::Admin,
];

impl Caller {
    fn role(self) -> Option<Role> {
        match self {
            Caller::Nobody => None,
            Caller::Worker => Some(Role::Worker),
            Caller::Client => Some(Role::Client),
            Caller::Coordinator => Some(Role::Coordinator),
            Caller::Admin => Some(Role::Admin),
        }
    }
}

/// Whose object a call names. From every caller's side: Kevin's and Maria's are their own
/// (and their organisation's), Lien's and the school's a colleague's of the same organisation,
/// Kevin's and Maria's of organisation B another organisation's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Own,
    Colleague,
    Foreign,
}

const TARGETS: [Target; 3] = [Target::Own, Target::Colleague, Target::Foreign];

/// Does the table let `caller` through on `target`?
fn lets(rule: &Rule, caller: Caller, target: Target) -> bool {
    if !rule.allows(caller.role()) {
        return false;
    }
    match rule.owner {
        Owner::Nothing => true,
        Owner::Own => target == Target::Own,
        Owner::Organisation => target != Target::Foreign,
    }
}

/// What an endpoint needs to exist before it is called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setup {
    Nothing,
    /// A running clock of Kevin, Lien and B's Kevin.
    Running,
    /// The same, paused.
    Paused,
    /// Hours entered afterwards by Kevin and B's Kevin (Lien's: the demo's).
    Entered,
    /// A purchase of cheques for Maria, the school and B's Maria.
    Purchase,
    /// A request for Maria, the school and B's Maria.
    Request,
    /// A disputed prestatie each (the school disputes Lien's).
    Disputed,
    /// A phone action the rules refused, in A (two) and in B.
    Refused,
    /// A prestatie waiting for cheques (Kevin's at Roger's), two in A and one in B; `made` is
    /// "entry:cheques".
    Waiting,
    /// The same for Kevin's own phone: his in A and B, and Lien's prestatie as the colleague's.
    MyWaiting,
    /// An issuer's statement uploaded by the target's organisation (two in A, one in B).
    Upload,
}

fn setup_of(endpoint: &str) -> Setup {
    match endpoint {
        "pause_clock" | "stop_clock" | "cancel_clock" => Setup::Running,
        "resume_clock" => Setup::Paused,
        "change_entry" => Setup::Entered,
        "undo_purchase" => Setup::Purchase,
        "request" | "suggestions" | "offer_request" | "reject_request" => Setup::Request,
        "confirm_on_behalf" | "confirm_all_on_behalf" | "correct_entry" | "reject_entry" => {
            Setup::Disputed
        }
        "handle_refusal" => Setup::Refused,
        "record_paper_cheques" => Setup::Waiting,
        "record_my_paper_cheques" => Setup::MyWaiting,
        "statement_upload" | "import_statement" => Setup::Upload,
        _ => Setup::Nothing,
    }
}

/// Is this answer a refusal? 401, 403 and 404; and for the clock's Start and hours entered
/// afterwards the phone's own word, "not an assignment you can work on" (`Invalid(Assignment)`),
/// the same whether it is another's, not accepted or not there at all, so it confirms nothing.
fn refused(endpoint: &str, status: u16, answer: &str) -> bool {
    matches!(status, 401 | 403 | 404)
        || (matches!(endpoint, "start_clock" | "enter_hours")
            && status == 422
            && answer.contains("\"Assignment\""))
}

/// What an allowed call answers when 200 is not the point: `login_code` needs the half login
/// of a password first (second_factor.rs), so without one it is 401 for everybody.
fn allowed_status(endpoint: &str) -> u16 {
    match endpoint {
        "login_code" => 401,
        _ => 200,
    }
}

/// The objects of one target.
struct Objects<'a> {
    demo: &'a Demo,
    worker: i64,
    worker_account: AccountId,
    /// A worker's login for setting things up (kevin, lien, kevin of B).
    worker_email: String,
    client: i64,
    municipality: i64,
    /// An assignment of the worker, accepted, today.
    today: i64,
    /// An assignment of the worker, accepted, in the past.
    past: i64,
    past_date: chrono::NaiveDate,
    /// An offer open for an answer (Kevin's; for Lien: Fatima's of the same organisation).
    offer: i64,
    /// A prestatie waiting for the client.
    submitted: i64,
    /// A disputed prestatie (after [`Setup::Disputed`]).
    disputed: i64,
    activity: i64,
    /// What [`Setup`] made for this target (an id), or a code made just before the call.
    made: Option<String>,
}

async fn objects<'a>(app: &'a TestApp, target: Target) -> Objects<'a> {
    let demo = match target {
        Target::Foreign => &app.b,
        _ => &app.a,
    };
    let today = app::clock::local_date(app.clock.now());
    // What each gebruiker may ask for: a garden for Maria, help in the school for the school.
    let activity_name = match target {
        Target::Colleague => "Hulp in de school",
        _ => "Tuinonderhoud",
    };
    let activity = app
        .scalar(
            &format!(
                "SELECT id FROM activity WHERE name = '{activity_name}' AND organisation_id = $1"
            ),
            demo.organisation_id.0,
        )
        .await;
    let second_municipality = app
        .scalar(
            "SELECT MAX(id) FROM municipality WHERE organisation_id = $1",
            demo.organisation_id.0,
        )
        .await;
    match target {
        Target::Own | Target::Foreign => Objects {
            demo,
            worker: demo.workers["kevin"].0,
            worker_account: demo.accounts["kevin"],
            worker_email: demo.email("kevin"),
            client: demo.clients["maria"].0,
            municipality: demo.municipalities["gavere"].0,
            today: demo.assignments.kevin_roger_today.0,
            past: demo.assignments.kevin_vzw.0,
            past_date: today - chrono::Duration::days(3),
            offer: demo.assignments.kevin_roger.0,
            submitted: demo.entries.ahmed_submitted.0,
            disputed: demo.entries.kevin_disputed.0,
            activity,
            made: None,
        },
        Target::Colleague => Objects {
            demo,
            worker: demo.workers["lien"].0,
            worker_account: demo.accounts["lien"],
            worker_email: demo.email("lien"),
            client: demo.clients["school"].0,
            municipality: second_municipality,
            today: demo.assignments.lien_school.0,
            past: demo.assignments.lien_school.0,
            past_date: today,
            offer: demo.assignments.fatima_gemeente.0,
            submitted: demo.entries.lien_submitted.0,
            disputed: demo.entries.lien_submitted.0,
            activity,
            made: None,
        },
    }
}

/// Make what `setup` needs, for each target, as the people themselves would.
async fn set_up(app: &TestApp, setup: Setup, all: &mut [Objects<'_>]) {
    for o in all.iter_mut() {
        let staff = |o: &Objects<'_>| o.demo.email("sofie");
        o.made = match setup {
            Setup::Nothing => None,
            Setup::Running | Setup::Paused => {
                let worker = app.login(&o.worker_email).await;
                let entry: app::ids::EntryId = worker
                    .call("start_clock", &[("assignment_id", &o.today.to_string())])
                    .await
                    .unwrap();
                if setup == Setup::Paused {
                    app.advance(chrono::Duration::minutes(1));
                    worker
                        .call::<()>("pause_clock", &[("entry_id", &entry.to_string())])
                        .await
                        .unwrap();
                }
                Some(entry.to_string())
            }
            Setup::Entered if o.worker_email.starts_with("lien") => Some(o.submitted.to_string()),
            Setup::Entered => {
                let worker = app.login(&o.worker_email).await;
                let entry: app::ids::EntryId = worker
                    .call(
                        "enter_hours",
                        &[
                            ("assignment_id", &o.past.to_string()),
                            ("date", &o.past_date.to_string()),
                            ("start", "13:00"),
                            ("end", "15:00"),
                            ("pause_minutes", "0"),
                            ("km", "0"),
                            ("note", ""),
                        ],
                    )
                    .await
                    .unwrap();
                Some(entry.to_string())
            }
            Setup::Purchase => {
                let sofie = app.login(&staff(o)).await;
                let today = app::clock::local_date(app.clock.now()).to_string();
                let bought: app::cheques::Purchased = sofie
                    .call(
                        "record_purchase",
                        &[
                            ("client_id", &o.client.to_string()),
                            ("cheques", "3"),
                            ("paid_on", &today),
                        ],
                    )
                    .await
                    .unwrap();
                Some(bought.batch_id.to_string())
            }
            Setup::Request => {
                let sofie = app.login(&staff(o)).await;
                let id: app::ids::RequestId = sofie
                    .call_json("create_request", &new_request(o))
                    .await
                    .unwrap();
                Some(id.to_string())
            }
            Setup::Disputed => {
                if o.disputed == o.submitted {
                    let school = app.login(&o.demo.email("school")).await;
                    school
                        .call::<()>(
                            "dispute_entry",
                            &[
                                ("entry_id", &o.disputed.to_string()),
                                ("reason", "Er was niemand te zien"),
                            ],
                        )
                        .await
                        .unwrap();
                }
                None
            }
            Setup::Refused => None,
            Setup::MyWaiting if o.worker_email.starts_with("lien") => {
                Some(format!("{}:1", o.submitted))
            }
            Setup::Waiting | Setup::MyWaiting => {
                // Kevin at Roger's (one cheque): 2 u 30 waits for 3; the colleague's target, a
                // second prestatie of Kevin's from 07:30, for 2.
                let colleague = o.worker_email.starts_with("lien");
                let kevin = app.login(&o.demo.email("kevin")).await;
                let (start, end, owed) = if colleague {
                    ("07:30", "09:00", 2)
                } else {
                    ("05:00", "07:30", 3)
                };
                let entry: app::ids::EntryId = kevin
                    .call(
                        "enter_hours",
                        &[
                            (
                                "assignment_id",
                                &o.demo.assignments.kevin_roger_today.to_string(),
                            ),
                            ("date", &app::clock::local_date(app.clock.now()).to_string()),
                            ("start", start),
                            ("end", end),
                            ("pause_minutes", "0"),
                            ("km", "0"),
                            ("note", ""),
                        ],
                    )
                    .await
                    .unwrap();
                let roger = app.login(&o.demo.email("roger")).await;
                let _: app::time_entries::Confirmed = roger
                    .call("confirm_entry", &[("entry_id", &entry.to_string())])
                    .await
                    .unwrap();
                Some(format!("{entry}:{owed}"))
            }
            Setup::Upload => {
                let sofie = app.login(&staff(o)).await;
                let csv = "aankoopdatum;gebruikersnummer;aantal;prijs\n2026-11-30;G00001;2;7,45\n";
                let answer = sofie
                    .upload(
                        "/coordinator/cheques/statement",
                        "statement",
                        "a.csv",
                        csv.as_bytes(),
                    )
                    .await;
                answer
                    .header("location")
                    .and_then(|l| l.rsplit('/').next())
                    .map(str::to_string)
            }
        };
    }
    if setup == Setup::Refused {
        // Kevin's phone starts a clock on an assignment that is not his: kept as refused, for
        // his organisation's bemiddelaars. Twice in A (own and colleague), once in B.
        for (n, o) in all.iter_mut().enumerate() {
            let demo = o.demo;
            let kevin = app.login(&demo.email("kevin")).await;
            let batch = json!({ "batch": {
                "sent_at_ms": app.clock.now().timestamp_millis(),
                "actions": [{
                    "id": uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0000 | n as u128),
                    "tapped_at_ms": app.clock.now().timestamp_millis(),
                    "kind": "start",
                    "assignment_id": demo.assignments.fatima_hoeve,
                }],
            }});
            let answer: Result<app::sync::SyncAnswer, _> = kevin.call_json("sync", &batch).await;
            answer.unwrap_or_else(|e| panic!("a refused action for target {n}: {e:?}"));
        }
        // Own and colleague each get one of A's two, the foreign target B's.
        for (n, o) in all.iter_mut().enumerate() {
            let sofie = app.login(&o.demo.email("sofie")).await;
            let refused: Vec<app::sync::RefusedAction> =
                sofie.call("refused_actions", &[]).await.unwrap();
            let index = if n == Target::Colleague as usize {
                1
            } else {
                0
            };
            o.made = refused.get(index).map(|r| r.id.to_string());
        }
    }
}

fn new_request(o: &Objects<'_>) -> Value {
    json!({ "request": {
        "client_id": o.client,
        "work": {
            "activity_id": o.activity,
            "description": "De haag snoeien",
            "recurrence": "Once",
            "planned_minutes": 120,
            "slots": [],
        },
    }})
}

/// The request body of a call.
enum Body {
    Form(Vec<(String, String)>),
    Json(Value),
}

fn form(pairs: &[(&str, String)]) -> Body {
    Body::Form(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// Valid arguments for `endpoint` naming `o`'s objects; `n` makes names and e-mails unique.
fn args(app: &TestApp, endpoint: &str, o: &Objects<'_>, caller: Caller, n: usize) -> Body {
    let today = app::clock::local_date(app.clock.now());
    let id = |v: i64| v.to_string();
    let made = || o.made.clone().unwrap_or_default();
    let worker_form = |email: String| -> Vec<(&'static str, String)> {
        vec![
            ("form[first_name]", "Tom".into()),
            ("form[last_name]", "Peeters".into()),
            ("form[email]", email),
            ("form[phone]", "09 123 45 67".into()),
            ("form[municipality_id]", id(o.municipality)),
            ("form[referrer]", "Ocmw".into()),
            ("form[trajectory_start]", "2026-11-01".into()),
            ("form[trajectory_planned_end]", "2027-10-31".into()),
        ]
    };
    let client_form = |name: String| -> Vec<(&'static str, String)> {
        vec![
            ("form[kind]", "School".into()),
            ("form[name]", name),
            ("form[street]", "Schoolstraat 1".into()),
            ("form[postcode]", "9890".into()),
            ("form[city]", "Gavere".into()),
            ("form[phone]", "09 389 00 00".into()),
            ("form[municipality_id]", id(o.municipality)),
            ("form[agreement_date]", "2026-09-01".into()),
        ]
    };
    let own_email = match caller {
        Caller::Worker => o.demo.email("kevin"),
        Caller::Client => o.demo.email("maria"),
        _ => o.demo.email("sofie"),
    };
    match endpoint {
        "current_user"
        | "logout"
        | "worker_day"
        | "my_hours"
        | "my_profile"
        | "my_assignments"
        | "client_overview"
        | "my_cheques"
        | "my_requests"
        | "work_choices"
        | "second_factor_enrolment"
        | "second_factor_status"
        | "list_workers"
        | "list_clients"
        | "waiting_for_cheques"
        | "list_requests"
        | "week_plan"
        | "review_queue"
        | "refused_actions"
        | "municipalities"
        | "activities"
        | "activity_rules"
        | "organisation_settings"
        | "allowance_month"
        | "allowance_rates"
        | "cheques_desk"
        | "payment_run"
        | "municipality_report"
        | "month_hours"
        | "cheque_year"
        | "retention" => form(&[]),
        "set_retention" => form(&[("months", "36".into())]),
        "login" => form(&[("email", own_email), ("password", "wijkwerk".into())]),
        "activate" => form(&[("code", made()), ("password", "een lang wachtwoord".into())]),
        "login_code" | "confirm_second_factor" => form(&[("code", made())]),
        "set_language" => form(&[("lang", "fr".into())]),
        "change_password" => form(&[
            ("current", "wijkwerk".into()),
            ("new", "een lang nieuw wachtwoord".into()),
        ]),
        "my_assignment" => form(&[("assignment_id", id(o.today))]),
        "accept_offer" => form(&[("assignment_id", id(o.offer))]),
        "decline_offer" => form(&[("assignment_id", id(o.offer)), ("reason", String::new())]),
        "start_clock" => form(&[("assignment_id", id(o.today))]),
        "pause_clock" | "resume_clock" | "cancel_clock" => form(&[("entry_id", made())]),
        "stop_clock" => form(&[("entry_id", made()), ("cap_at_limit", "false".into())]),
        "enter_hours" => form(&[
            ("assignment_id", id(o.past)),
            ("date", o.past_date.to_string()),
            ("start", "06:00".into()),
            ("end", "07:00".into()),
            ("pause_minutes", "0".into()),
            ("km", "0".into()),
            ("note", String::new()),
        ]),
        "change_entry" => form(&[
            ("entry_id", made()),
            ("date", o.past_date.to_string()),
            ("start", "13:00".into()),
            ("end", "14:30".into()),
            ("pause_minutes", "0".into()),
            ("km", "0".into()),
            ("note", String::new()),
            ("reason", "Vroeger gestopt".into()),
        ]),
        "sync" => Body::Json(json!({ "batch": {
            "sent_at_ms": app.clock.now().timestamp_millis(),
            "actions": [{
                "id": uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0001_0000 | n as u128),
                "tapped_at_ms": app.clock.now().timestamp_millis(),
                "kind": "accept",
                "assignment_id": o.offer,
            }],
        }})),
        "ask_for_work" => Body::Json(json!({ "work": {
            "activity_id": o.activity, "description": "De haag snoeien",
            "recurrence": "Once", "planned_minutes": 120, "slots": [], "address": null,
        }})),
        "confirm_entry" => form(&[("entry_id", id(o.submitted))]),
        "confirm_all" => Body::Json(json!({ "entry_ids": [o.submitted] })),
        "dispute_entry" => form(&[
            ("entry_id", id(o.submitted)),
            ("reason", "Er was niemand te zien".into()),
        ]),
        "set_second_factor_required" => form(&[("required", "false".into())]),
        "create_worker" => {
            let email = format!("nieuw{n}@{}", o.demo.domain);
            Body::Form(
                worker_form(email)
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            )
        }
        "worker_file" | "matching_profile" => form(&[("worker_id", id(o.worker))]),
        "update_worker" => {
            let mut pairs: Vec<(String, String)> = worker_form(String::new())
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            pairs.push(("worker_id".into(), id(o.worker)));
            Body::Form(pairs)
        }
        "end_trajectory" => form(&[
            ("worker_id", id(o.worker)),
            ("ended_on", today.to_string()),
            ("outcome", "Work".into()),
        ]),
        "set_matching_profile" => Body::Json(json!({
            "worker_id": o.worker,
            "profile": { "skills": [o.activity], "availability": [] },
        })),
        "new_activation_code" | "deactivate_account" => {
            form(&[("account_id", o.worker_account.0.to_string())])
        }
        "create_client" => Body::Form(
            client_form(format!("Basisschool {n}"))
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        ),
        "client_file" | "client_cheques" => form(&[("client_id", id(o.client))]),
        "update_client" => {
            let mut pairs: Vec<(String, String)> = client_form("Basisschool De Linde".into())
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            pairs.push(("client_id".into(), id(o.client)));
            Body::Form(pairs)
        }
        "record_fee" => form(&[
            ("client_id", id(o.client)),
            ("year", "2027".into()),
            ("paid_on", today.to_string()),
        ]),
        "add_client_login" => form(&[
            ("client_id", id(o.client)),
            ("email", format!("login{n}@{}", o.demo.domain)),
            ("name", "Een tweede login".into()),
        ]),
        "record_purchase" => form(&[
            ("client_id", id(o.client)),
            ("cheques", "2".into()),
            ("paid_on", today.to_string()),
        ]),
        "undo_purchase" => form(&[("client_id", id(o.client)), ("batch_id", made())]),
        "create_request" => Body::Json(new_request(o)),
        "request" | "suggestions" => form(&[("request_id", made())]),
        "offer_request" => form(&[
            ("request_id", made()),
            ("worker_id", id(o.worker)),
            (
                "first_date",
                (today + chrono::Duration::days(7)).to_string(),
            ),
            ("start", "09:00".into()),
        ]),
        "reject_request" => form(&[
            ("request_id", made()),
            ("reason", "Geen wijk-werker vrij".into()),
        ]),
        "withdraw_offer" => form(&[("assignment_id", id(o.offer))]),
        "confirm_on_behalf" => form(&[
            ("entry_id", id(o.disputed)),
            ("reason", "Nagevraagd bij de gebruiker".into()),
        ]),
        "confirm_all_on_behalf" => Body::Json(json!({
            "entry_ids": [o.disputed], "reason": "Nagevraagd bij de gebruiker",
        })),
        "correct_entry" => form(&[
            ("entry_id", id(o.disputed)),
            ("revision", "0".into()),
            ("start", "09:00".into()),
            ("end", "10:00".into()),
            ("pause_minutes", "0".into()),
            ("km", "0".into()),
            ("reason", "Nagevraagd bij de gebruiker".into()),
            ("agreement", "Phone".into()),
        ]),
        "reject_entry" => form(&[
            ("entry_id", id(o.disputed)),
            ("revision", "0".into()),
            ("reason", "Niet gewerkt".into()),
        ]),
        "handle_refusal" => form(&[("action_id", made())]),
        "add_municipality" => form(&[("name", format!("Gemeente {n}"))]),
        "update_municipality" => form(&[
            ("municipality_id", id(o.municipality)),
            ("name", format!("Gemeente {n}")),
        ]),
        "add_activity" => form(&[
            ("category", "household".into()),
            ("name", format!("Strijken {n}")),
        ]),
        "set_activity_allowed" => form(&[
            ("activity_id", id(o.activity)),
            ("municipality_id", id(o.municipality)),
            ("allowed", "false".into()),
        ]),
        "update_settings" => form(&[
            ("auto_confirm_days", "14".into()),
            ("forgotten_reminder_minutes", "30".into()),
            ("forgotten_close_hours", "4".into()),
        ]),
        "set_cheque_price" => form(&[
            ("price_cents", "695".into()),
            ("valid_from", "2027-01-01".into()),
        ]),
        "set_municipality_cheque_price" => form(&[
            ("municipality_id", id(o.municipality)),
            ("price_cents", "595".into()),
            ("valid_from", "2027-01-01".into()),
        ]),
        "record_paper_cheques" | "record_my_paper_cheques" => {
            let made = made();
            let (entry, owed) = made.split_once(':').unwrap_or(("0", "1"));
            let numbers: Vec<String> = (0..owed.parse::<usize>().unwrap_or(1))
                .map(|i| format!("4{n:03}{}{i:02}", caller as usize))
                .collect();
            Body::Json(json!({ "entry_id": entry.parse::<i64>().unwrap_or(0), "numbers": numbers }))
        }
        "statement_upload" => form(&[("upload_id", made())]),
        "import_statement" => form(&[
            ("upload_id", made()),
            ("date", "0".into()),
            ("client_number", "1".into()),
            ("cheques", "2".into()),
            ("price", "3".into()),
            ("valid_until", "-1".into()),
            ("reference", "-1".into()),
        ]),
        "close_hand_in" => form(&[("month", "2026-11".into())]),
        "record_issuer_payment" => form(&[
            ("month", "2026-11".into()),
            ("amount", "10,00".into()),
            ("paid_on", today.to_string()),
            ("reference", "UIT".into()),
        ]),
        "extend_validity" => form(&[
            ("issued_up_to", "2026-11-15".into()),
            ("valid_months", "15".into()),
            ("reason", "MB test".into()),
        ]),
        "set_bank_account" => form(&[
            ("iban", "BE71 0961 2345 6769".into()),
            ("bic", "GKCCBEBB".into()),
        ]),
        "set_worker_iban" => form(&[
            ("worker_id", id(o.worker)),
            ("iban", "BE68 5390 0754 7034".into()),
        ]),
        // The total the run has (`prepare_call`); for a refused caller any number.
        "close_payment_run" => form(&[
            ("month", "2026-11".into()),
            ("total_cents", o.made.clone().unwrap_or_else(|| "0".into())),
        ]),
        "set_allowance_rates" => form(&[
            ("allowance", "4,20".into()),
            ("basis", "PerCheque".into()),
            ("km_rate", "0,16".into()),
            ("km_threshold", "10".into()),
            ("valid_from", "2027-01-01".into()),
        ]),
        other => panic!("the matrix test has no arguments for `{other}`: add them"),
    }
}

async fn call(user: &User, endpoint: &str, body: &Body) -> (u16, String) {
    let answer = match body {
        Body::Form(pairs) => {
            let pairs: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            user.post(endpoint, &pairs).await
        }
        Body::Json(value) => user.post_json(endpoint, value).await,
    };
    (answer.status, answer.body)
}

/// Everything the database holds, as text (the session store aside: being logged in is not
/// data), to see that a refused call changed nothing.
async fn everything(app: &TestApp) -> String {
    use app::on;
    let mut conn = app.db.conn().await.unwrap();
    let tables: Vec<String> = if app.database_url.starts_with("sqlite") {
        on!(conn.c(), c => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE '%session%' ORDER BY name")
            .fetch_all(c).await)
        .unwrap()
    } else {
        on!(conn.c(), c => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name NOT LIKE '%session%' \
             ORDER BY 1")
            .fetch_all(c).await)
        .unwrap()
    };
    let mut out = String::new();
    for table in tables {
        let sql = if app.database_url.starts_with("sqlite") {
            let columns: Vec<String> = on!(conn.c(), c => sqlx::query_scalar(
                "SELECT name FROM pragma_table_info($1)").bind(&table).fetch_all(c).await)
            .unwrap();
            let row = columns
                .iter()
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            format!(
                "SELECT COALESCE(group_concat(r, '|'), '') FROM (SELECT {row} AS r FROM \"{table}\" ORDER BY 1)"
            )
        } else {
            format!(
                "SELECT COALESCE(string_agg(t::text, '|' ORDER BY t::text), '') FROM \"{table}\" t"
            )
        };
        let rows: String = on!(conn.c(), c => sqlx::query_scalar(&sql).fetch_one(c).await).unwrap();
        out.push_str(&format!("{table}: {rows}\n"));
    }
    out
}

/// The first line where two pictures of the database differ.
fn first_difference(before: &str, after: &str) -> String {
    before
        .lines()
        .zip(after.lines())
        .find(|(b, a)| b != a)
        .map(|(b, a)| format!("before: {b}\nafter:  {a}"))
        .unwrap_or_else(|| "a table appeared or went".into())
}

async fn logged_in(app: &TestApp, caller: Caller) -> User {
    match caller {
        Caller::Nobody => app.anonymous(),
        Caller::Worker => app.login("kevin@a.test").await,
        Caller::Client => app.login("maria@a.test").await,
        Caller::Coordinator => app.login("sofie@a.test").await,
        Caller::Admin => app.login("admin@a.test").await,
    }
}

/// An admin account in organisation A (the demo has none), with the demo password.
async fn add_admin(app: &TestApp) -> AccountId {
    let hash = app::auth::password::hash_blocking(app::demo::DEMO_PASSWORD).unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let id = app::auth::service::create_account(
        tx.c(),
        app::auth::store::NewAccount {
            organisation_id: app.a.organisation_id,
            email: "admin@a.test",
            password_hash: &hash,
            role: Role::Admin,
            display_name: "Beheerder A",
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Before an allowed call that needs it, what only that moment can make: a code.
async fn prepare_call(app: &TestApp, endpoint: &str, user: &User, o: &mut Objects<'_>) {
    match endpoint {
        "confirm_second_factor" => {
            let e: app::auth::Enrolment = user.call("second_factor_enrolment", &[]).await.unwrap();
            let secret = e.secret.replace(' ', "");
            o.made = app::auth::second_factor::code_at(&secret, app.clock.now());
        }
        "close_payment_run" => {
            // The organisation's account and one worker's: November has a transfer to close.
            let bank = [("iban", "BE71 0961 2345 6769"), ("bic", "GKCCBEBB")];
            user.call::<()>("set_bank_account", &bank).await.unwrap();
            let fatima = o.demo.workers["fatima"].to_string();
            let iban = [
                ("worker_id", fatima.as_str()),
                ("iban", "BE68 5390 0754 7034"),
            ];
            user.call::<()>("set_worker_iban", &iban).await.unwrap();
            let run: app::payments::PaymentRun = user
                .call("payment_run", &[("month", "2026-11")])
                .await
                .unwrap();
            o.made = Some(run.transfer_cents.to_string());
        }
        "activate" => {
            let sofie = app.login("sofie@a.test").await;
            let code: app::auth::ActivationCode = sofie
                .call(
                    "new_activation_code",
                    &[("account_id", &o.worker_account.0.to_string())],
                )
                .await
                .unwrap();
            o.made = Some(code.code);
        }
        _ => {}
    }
}

/// One endpoint walked: a fresh database; every refused case first (nothing changes), then the
/// allowed ones, each further allowed caller on a fresh database of its own.
async fn walk(backend: Backend, rule: &Rule, failures: &mut Vec<String>) {
    let endpoint = rule.endpoint;
    let setup = setup_of(endpoint);
    let targets: &[Target] = match rule.owner {
        Owner::Nothing => &[Target::Own],
        _ => &TARGETS,
    };
    let mut first = true;
    for allowed_caller in CALLERS
        .iter()
        .copied()
        .filter(|c| rule.allows(c.role()))
        .map(Some)
        .chain([None])
    {
        // One run for the refused cases and the first allowed caller, then one per caller.
        if !first && allowed_caller.is_none() {
            break;
        }
        let app = TestApp::spawn(backend).await;
        add_admin(&app).await;
        let mut all = Vec::new();
        for t in TARGETS {
            all.push(objects(&app, t).await);
        }
        set_up(&app, setup, &mut all).await;
        if first {
            // Logged in before the picture is taken: a login is written down.
            let mut users = Vec::new();
            for caller in CALLERS {
                users.push(logged_in(&app, caller).await);
            }
            let before = everything(&app).await;
            for (caller, user) in CALLERS.iter().zip(&users) {
                for &target in targets {
                    if lets(rule, *caller, target) {
                        continue;
                    }
                    let o = &all[target as usize];
                    let body = args(&app, endpoint, o, *caller, 0);
                    let (status, answer) = call(user, endpoint, &body).await;
                    if !refused(endpoint, status, &answer) {
                        failures.push(format!(
                            "{endpoint} as {caller:?} on {target:?}: expected a refusal, got \
                             {status} {answer}"
                        ));
                    }
                }
            }
            let after = everything(&app).await;
            if before != after {
                failures.push(format!(
                    "{endpoint}: a refused call changed the database:\n{}",
                    first_difference(&before, &after)
                ));
            }
        }
        if let Some(caller) = allowed_caller {
            let user = logged_in(&app, caller).await;
            for &target in targets {
                if !lets(rule, caller, target) {
                    continue;
                }
                let mut o = objects(&app, target).await;
                o.made = all[target as usize].made.clone();
                prepare_call(&app, endpoint, &user, &mut o).await;
                let body = args(&app, endpoint, &o, caller, target as usize + 1);
                let (status, answer) = call(&user, endpoint, &body).await;
                let expected = allowed_status(endpoint);
                if status != expected {
                    failures.push(format!(
                        "{endpoint} as {caller:?} on {target:?}: allowed, expected {expected}, \
                         got {status} {answer}"
                    ));
                }
            }
        }
        app.finish().await;
        first = false;
    }
}

/// Every endpoint the server has, from Leptos' registry of server functions.
fn registered_endpoints() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .filter_map(|(path, _)| path.strip_prefix("/api/").map(str::to_string))
        .collect()
}

pub async fn every_server_function_is_in_the_matrix_and_walked(backend: Backend) {
    let registered = registered_endpoints();
    assert!(registered.len() > 70, "{registered:?}");
    let listed: BTreeSet<String> = MATRIX.iter().map(|r| r.endpoint.to_string()).collect();
    let unlisted: Vec<_> = registered.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "server functions missing from app::auth::matrix::MATRIX: {unlisted:?}"
    );
    let gone: Vec<_> = listed.difference(&registered).collect();
    assert!(
        gone.is_empty(),
        "the matrix lists endpoints that do not exist: {gone:?}"
    );

    let mut failures = Vec::new();
    for rule in MATRIX {
        assert_eq!(rule_of(rule.endpoint), Some(rule));
        walk(backend, rule, &mut failures).await;
    }
    assert!(
        failures.is_empty(),
        "{} cases break the matrix:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_server_function_is_in_the_matrix_and_walked() {
        super::every_server_function_is_in_the_matrix_and_walked(super::Backend::Sqlite).await;
    }
}

mod postgres {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn every_server_function_is_in_the_matrix_and_walked() {
        super::every_server_function_is_in_the_matrix_and_walked(super::Backend::Postgres).await;
    }
}
