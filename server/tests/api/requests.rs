//! Requests, matching and offers: a request of a gebruiker, the ranked suggestions with their
//! reasons, an offer (one-off or a weekly series) answered on the phone, a declined offer back
//! with its reason, a withdrawn one; always inside the bemiddelaar's own organisation.

use app::assignments::AssignmentStatus;
use app::assignments::MyAssignments;
use app::error::{AppError, Field};
use app::ids::{ActivityId, AssignmentId, RequestId};
use app::requests::{Reason, RequestFacts, RequestStatus, RequestView, Suggestion, WorkChoices};
use chrono::{Datelike, Duration};
use serde_json::json;

use crate::harness::{TestApp, User};

async fn activity(app: &TestApp, name: &str, org: i64) -> ActivityId {
    let sql = format!("SELECT id FROM activity WHERE name = '{name}' AND organisation_id = $1");
    ActivityId(app.scalar(&sql, org).await)
}

fn slots() -> serde_json::Value {
    json!([{ "weekday": 1, "part": "Morning" }, { "weekday": 2, "part": "Morning" }])
}

pub async fn garden_request(app: &TestApp, sofie: &User, recurrence: &str) -> RequestId {
    let garden = activity(app, "Tuinonderhoud", app.a.organisation_id.0).await;
    sofie
        .call_json(
            "create_request",
            &json!({ "request": {
                "client_id": app.a.clients["maria"],
                "work": {
                    "activity_id": garden,
                    "description": "De haag snoeien en het gras maaien",
                    "recurrence": recurrence,
                    "planned_minutes": 180,
                    "slots": slots(),
                },
            }}),
        )
        .await
        .unwrap()
}

async fn profile(sofie: &User, worker: app::ids::WorkerId, skills: &[ActivityId], available: bool) {
    let availability = if available { slots() } else { json!([]) };
    sofie
        .call_json::<()>(
            "set_matching_profile",
            &json!({ "worker_id": worker, "profile": { "skills": skills, "availability": availability } }),
        )
        .await
        .unwrap();
}

pub async fn suggestions_rank_by_municipality_skill_availability_and_hours(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let org = app.a.organisation_id.0;
    let garden = activity(app, "Tuinonderhoud", org).await;
    let request = garden_request(app, &sofie, "Once").await;
    let w = &app.a.workers;
    // Fatima lives in Maria's municipality, gardens and is free on both mornings; Kevin gardens
    // and is free but lives elsewhere; Ahmed lives next door but has neither; Jozef has almost
    // no hours left this month.
    profile(&sofie, w["fatima"], &[garden], true).await;
    profile(&sofie, w["kevin"], &[garden], true).await;
    profile(&sofie, w["jozef"], &[garden], true).await;
    let ranked: Vec<Suggestion> = sofie
        .call("suggestions", &[("request_id", &request.to_string())])
        .await
        .unwrap();
    let names: Vec<&str> = ranked.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names[..2], ["Fatima Ouali", "Kevin Desmet"], "{ranked:#?}");
    assert!(
        !names.contains(&"Jozef Vermeulen"),
        "1 h 30 left, 3 h asked"
    );
    assert!(names.contains(&"Ahmed El Amrani"));
    assert_eq!(
        ranked[0].reasons[..3],
        [
            Reason::SameMunicipality,
            Reason::HasSkill,
            Reason::Available {
                available: 2,
                requested: 2
            }
        ]
    );
    assert_eq!(ranked[1].reasons[0], Reason::OtherMunicipality);
    let ahmed = ranked.iter().find(|s| s.name == "Ahmed El Amrani").unwrap();
    assert!(ahmed.reasons.contains(&Reason::NoSkill));

    // Organisation B sees nothing of it; a worker may not ask.
    let sofie_b = app.login("sofie@b.test").await;
    let other = sofie_b
        .call::<Vec<Suggestion>>("suggestions", &[("request_id", &request.to_string())])
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
    let ahmed_user = app.login("ahmed@a.test").await;
    let refused = ahmed_user
        .call::<RequestView>("request", &[("request_id", &request.to_string())])
        .await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
}

pub async fn a_request_is_checked_and_stays_in_the_organisation(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let garden = activity(app, "Tuinonderhoud", app.a.organisation_id.0).await;
    let garden_b = activity(app, "Tuinonderhoud", app.b.organisation_id.0).await;
    let base = |client: i64, activity: ActivityId, minutes: i64, description: &str| {
        json!({ "request": { "client_id": client, "work": {
            "activity_id": activity, "description": description,
            "recurrence": "Once", "planned_minutes": minutes, "slots": slots(),
        }}})
    };
    let maria = app.a.clients["maria"].0;
    let cases = [
        (
            base(maria, garden_b, 60, "x"),
            (422, AppError::Invalid(Field::Activity)),
        ),
        (
            base(maria, garden, 10, "x"),
            (422, AppError::Invalid(Field::PlannedMinutes)),
        ),
        (
            base(maria, garden, 60, "   "),
            (422, AppError::Invalid(Field::Description)),
        ),
        (
            base(app.b.clients["maria"].0, garden, 60, "x"),
            (404, AppError::NotFound),
        ),
    ];
    for (body, expected) in cases {
        let answer = sofie.call_json::<RequestId>("create_request", &body).await;
        assert_eq!(answer.unwrap_err(), expected, "{body}");
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM request WHERE id > $1", 0)
            .await,
        0,
        "nothing written"
    );
    // Skills from another organisation's list are refused too.
    let refused = sofie
        .call_json::<()>(
            "set_matching_profile",
            &json!({ "worker_id": app.a.workers["ahmed"], "profile": { "skills": [garden_b], "availability": [] } }),
        )
        .await;
    assert_eq!(
        refused.unwrap_err(),
        (422, AppError::Invalid(Field::Activity))
    );
}

pub async fn an_offer_is_answered_on_the_phone_and_a_decline_comes_back(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let today = app::clock::local_date(app.clock.now());
    // The next Monday.
    let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    let once = garden_request(app, &sofie, "Once").await;
    let fatima = app.a.workers["fatima"];
    let offer = |request: RequestId, weeks: &'static str, date: chrono::NaiveDate| {
        let sofie = &sofie;
        async move {
            sofie
                .call::<Vec<AssignmentId>>(
                    "offer_request",
                    &[
                        ("request_id", &request.to_string()),
                        ("worker_id", &fatima.to_string()),
                        ("first_date", &date.to_string()),
                        ("start", "09:00:00"),
                        ("weeks", weeks),
                    ],
                )
                .await
        }
    };
    // A one-off request gets one date; never in the past.
    assert_eq!(
        offer(once, "3", monday).await.unwrap_err(),
        (422, AppError::Invalid(Field::Weeks))
    );
    assert_eq!(
        offer(once, "1", today - Duration::days(1))
            .await
            .unwrap_err(),
        (422, AppError::Invalid(Field::OfferDate))
    );
    let first = offer(once, "1", monday).await.unwrap();
    assert_eq!(first.len(), 1);
    // Fatima declines with a reason: it comes back to the bemiddelaar.
    let fatima_user = app.login("fatima@a.test").await;
    fatima_user
        .call::<()>(
            "decline_offer",
            &[
                ("assignment_id", &first[0].to_string()),
                ("reason", "Maandag kan ik niet"),
            ],
        )
        .await
        .unwrap();
    let view: RequestView = sofie
        .call("request", &[("request_id", &once.to_string())])
        .await
        .unwrap();
    assert_eq!(view.offers.len(), 1);
    assert_eq!(view.offers[0].status, AssignmentStatus::Declined);
    assert_eq!(
        view.offers[0].decline_reason.as_deref(),
        Some("Maandag kan ik niet")
    );

    // A weekly request: four Mondays, offered at once; Fatima accepts the first on her phone,
    // the bemiddelaar withdraws the last; a withdrawn or answered offer stays as it is.
    let weekly = garden_request(app, &sofie, "Weekly").await;
    let series = offer(weekly, "4", monday).await.unwrap();
    assert_eq!(series.len(), 4);
    fatima_user
        .call::<()>("accept_offer", &[("assignment_id", &series[0].to_string())])
        .await
        .unwrap();
    sofie
        .call::<()>(
            "withdraw_offer",
            &[("assignment_id", &series[3].to_string())],
        )
        .await
        .unwrap();
    let again = sofie
        .call::<()>(
            "withdraw_offer",
            &[("assignment_id", &series[0].to_string())],
        )
        .await;
    assert_eq!(again.unwrap_err(), (409, AppError::OfferNotOpen));
    let late = fatima_user
        .call::<()>("accept_offer", &[("assignment_id", &series[3].to_string())])
        .await;
    assert_eq!(late.unwrap_err(), (409, AppError::OfferNotOpen));
    let view: RequestView = sofie
        .call("request", &[("request_id", &weekly.to_string())])
        .await
        .unwrap();
    let statuses: Vec<_> = view.offers.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        [
            AssignmentStatus::Accepted,
            AssignmentStatus::Offered,
            AssignmentStatus::Offered,
            AssignmentStatus::Cancelled
        ]
    );
    let dates: Vec<_> = view.offers.iter().map(|o| o.planned_date).collect();
    assert_eq!(
        dates,
        (0..4)
            .map(|w| monday + Duration::weeks(w))
            .collect::<Vec<_>>()
    );
    // The list of requests: the declined one comes back to the bemiddelaar there.
    let lines: Vec<app::requests::RequestLine> = sofie.call("list_requests", &[]).await.unwrap();
    let counts = |id: RequestId| {
        let l = lines.iter().find(|l| l.id == id).unwrap();
        (l.open_offers, l.accepted, l.declined)
    };
    assert_eq!(counts(weekly), (2, 1, 0));
    assert_eq!(counts(once), (0, 0, 1));
    // Organisation B cannot withdraw A's offer, nor see A's requests.
    let sofie_b = app.login("sofie@b.test").await;
    let lines_b: Vec<app::requests::RequestLine> =
        sofie_b.call("list_requests", &[]).await.unwrap();
    assert!(lines_b.iter().all(|l| l.id != weekly && l.id != once));
    let other = sofie_b
        .call::<()>(
            "withdraw_offer",
            &[("assignment_id", &series[1].to_string())],
        )
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'offer_made' AND subject_id = $1",
            weekly.0
        )
        .await,
        1
    );
}

pub async fn the_week_plan_shows_the_week_per_worker_and_municipality(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let today = app::clock::local_date(app.clock.now());
    let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    let request = garden_request(app, &sofie, "Weekly").await;
    let fatima = app.a.workers["fatima"];
    let offered: Vec<AssignmentId> = sofie
        .call(
            "offer_request",
            &[
                ("request_id", &request.to_string()),
                ("worker_id", &fatima.to_string()),
                ("first_date", &(monday + Duration::days(2)).to_string()),
                ("weeks", "2"),
            ],
        )
        .await
        .unwrap();
    let fatima_user = app.login("fatima@a.test").await;
    fatima_user
        .call::<()>(
            "accept_offer",
            &[("assignment_id", &offered[0].to_string())],
        )
        .await
        .unwrap();
    // Any day of the week shows the week from its Monday.
    let plan: app::assignments::WeekPlan = sofie
        .call(
            "week_plan",
            &[("day", &(monday + Duration::days(4)).to_string())],
        )
        .await
        .unwrap();
    assert_eq!(plan.monday, monday);
    let ours: Vec<_> = plan
        .items
        .iter()
        .filter(|i| i.worker_id == fatima)
        .collect();
    assert_eq!(ours.len(), 1, "the second date is next week");
    assert_eq!(ours[0].id, offered[0]);
    assert_eq!(ours[0].status, AssignmentStatus::Accepted);
    assert_eq!(ours[0].planned_date, monday + Duration::days(2));
    assert!(
        plan.items
            .iter()
            .all(|i| i.planned_date >= monday && i.planned_date < monday + Duration::days(7))
    );
    // Only Zulte: Fatima (Gavere) is not in it.
    let zulte = app.a.municipalities["zulte"].to_string();
    let plan: app::assignments::WeekPlan = sofie
        .call(
            "week_plan",
            &[("day", &monday.to_string()), ("municipality_id", &zulte)],
        )
        .await
        .unwrap();
    assert!(plan.items.iter().all(|i| i.municipality == "Zulte"));
    assert!(plan.items.iter().all(|i| i.worker_id != fatima));
    // Not for workers, and B sees none of A's.
    let refused = fatima_user
        .call::<app::assignments::WeekPlan>("week_plan", &[])
        .await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
    let sofie_b = app.login("sofie@b.test").await;
    let plan_b: app::assignments::WeekPlan = sofie_b
        .call("week_plan", &[("day", &monday.to_string())])
        .await
        .unwrap();
    assert!(plan_b.items.iter().all(|i| i.id != offered[0]));
}

pub async fn only_activities_allowed_for_the_gebruiker_can_be_asked(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let org = app.a.organisation_id.0;
    let farm = activity(app, "Hulp op de boerderij", org).await;
    let garden = activity(app, "Tuinonderhoud", org).await;
    let ask = |client: app::ids::ClientId, activity: ActivityId| {
        let sofie = &sofie;
        async move {
            sofie
                .call_json::<RequestId>(
                    "create_request",
                    &json!({ "request": { "client_id": client, "work": {
                        "activity_id": activity, "description": "Helpen",
                        "recurrence": "Once", "planned_minutes": 120, "slots": [],
                    }}}),
                )
                .await
        }
    };
    // The demo allows farm work only for farms: Maria (a private person) cannot ask for it.
    assert_eq!(
        ask(app.a.clients["maria"], farm).await.unwrap_err(),
        (422, AppError::Invalid(Field::Activity))
    );
    ask(app.a.clients["hoeve"], farm).await.unwrap();
    // Garden work switched off in Gavere (Maria's municipality): refused, also for an offer on
    // a request taken before; switched on again: allowed.
    let request = ask(app.a.clients["maria"], garden).await.unwrap();
    let gavere = app.a.municipalities["gavere"].to_string();
    let set = |allowed: &'static str| {
        let sofie = &sofie;
        let gavere = gavere.clone();
        async move {
            sofie
                .call::<()>(
                    "set_activity_allowed",
                    &[
                        ("activity_id", &garden.to_string()),
                        ("municipality_id", &gavere),
                        ("allowed", allowed),
                    ],
                )
                .await
        }
    };
    set("false").await.unwrap();
    assert_eq!(
        ask(app.a.clients["maria"], garden).await.unwrap_err(),
        (422, AppError::Invalid(Field::Activity))
    );
    let today = app::clock::local_date(app.clock.now());
    let offer = sofie
        .call::<Vec<AssignmentId>>(
            "offer_request",
            &[
                ("request_id", &request.to_string()),
                ("worker_id", &app.a.workers["fatima"].to_string()),
                ("first_date", &(today + Duration::days(3)).to_string()),
            ],
        )
        .await;
    assert_eq!(
        offer.unwrap_err(),
        (422, AppError::Invalid(Field::Activity))
    );
    set("true").await.unwrap();
    ask(app.a.clients["maria"], garden).await.unwrap();
    // Another organisation's activity or municipality cannot be switched.
    let sofie_b = app.login("sofie@b.test").await;
    let other = sofie_b
        .call::<()>(
            "set_activity_allowed",
            &[
                ("activity_id", &garden.to_string()),
                ("kind", "School"),
                ("allowed", "false"),
            ],
        )
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'activity_rule_changed' AND subject_id = $1",
            garden.0
        )
        .await,
        2
    );
}

pub async fn municipalities_are_added_and_renamed_in_the_own_organisation(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let id: app::ids::MunicipalityId = sofie
        .call(
            "add_municipality",
            &[("name", "Deinze"), ("joined_on", "2024-01-01")],
        )
        .await
        .unwrap();
    let twice = sofie
        .call::<app::ids::MunicipalityId>("add_municipality", &[("name", "Deinze")])
        .await;
    assert_eq!(twice.unwrap_err(), (422, AppError::Invalid(Field::Name)));
    sofie
        .call::<()>(
            "update_municipality",
            &[
                ("municipality_id", &id.to_string()),
                ("name", "Deinze (Petegem)"),
                ("joined_on", "2024-02-01"),
            ],
        )
        .await
        .unwrap();
    let list: Vec<app::municipalities::Municipality> =
        sofie.call("municipalities", &[]).await.unwrap();
    let deinze = list.iter().find(|m| m.id == id).unwrap();
    assert_eq!(deinze.name, "Deinze (Petegem)");
    assert_eq!(
        deinze.joined_on.map(|d| d.to_string()).as_deref(),
        Some("2024-02-01")
    );
    let sofie_b = app.login("sofie@b.test").await;
    let other = sofie_b
        .call::<()>(
            "update_municipality",
            &[("municipality_id", &id.to_string()), ("name", "X")],
        )
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
    let ahmed = app.login("ahmed@a.test").await;
    let refused = ahmed
        .call::<app::ids::MunicipalityId>("add_municipality", &[("name", "Nevele")])
        .await;
    assert_eq!(refused.unwrap_err(), (403, AppError::Forbidden));
}

pub async fn the_activity_list_and_a_workers_skills_stay_in_the_organisation(app: &TestApp) {
    let sofie = app.login("sofie@a.test").await;
    let list: Vec<app::activities::Activity> = sofie.call("activities", &[]).await.unwrap();
    let categories: std::collections::BTreeSet<_> =
        list.iter().map(|a| a.category.as_str()).collect();
    assert_eq!(categories.len(), 8, "the Flemish list's 8 main groups");
    // A new activity in one of the groups; a group that does not exist is refused.
    let id: ActivityId = sofie
        .call(
            "add_activity",
            &[("category", "household"), ("name", "Strijken")],
        )
        .await
        .unwrap();
    let bad = sofie
        .call::<ActivityId>(
            "add_activity",
            &[("category", "cooking"), ("name", "Koken")],
        )
        .await;
    assert_eq!(bad.unwrap_err(), (422, AppError::Invalid(Field::Form)));
    let rules: Vec<app::activities::ActivityRules> =
        sofie.call("activity_rules", &[]).await.unwrap();
    let farm = rules
        .iter()
        .find(|r| r.activity.name == "Hulp op de boerderij")
        .unwrap();
    assert_eq!(farm.not_for.len(), 4, "farm work only for farms");
    assert!(
        rules
            .iter()
            .any(|r| r.activity.id == id && r.not_for.is_empty() && r.not_in.is_empty())
    );

    // Skills and available moments, read back; another organisation cannot read or set them.
    let fatima = app.a.workers["fatima"];
    sofie
        .call_json::<()>(
            "set_matching_profile",
            &json!({ "worker_id": fatima, "profile": { "skills": [id, id], "availability": slots() } }),
        )
        .await
        .unwrap();
    let profile: app::requests::MatchingProfile = sofie
        .call("matching_profile", &[("worker_id", &fatima.to_string())])
        .await
        .unwrap();
    assert_eq!(profile.skills, [id], "once, however often it was sent");
    assert_eq!(profile.availability.len(), 2);
    let sofie_b = app.login("sofie@b.test").await;
    let read = sofie_b
        .call::<app::requests::MatchingProfile>(
            "matching_profile",
            &[("worker_id", &fatima.to_string())],
        )
        .await;
    assert_eq!(read.unwrap_err(), (404, AppError::NotFound));
    let set = sofie_b
        .call_json::<()>(
            "set_matching_profile",
            &json!({ "worker_id": fatima, "profile": { "skills": [], "availability": [] } }),
        )
        .await;
    assert_eq!(set.unwrap_err(), (404, AppError::NotFound));
    let added = sofie_b
        .call::<ActivityId>(
            "add_activity",
            &[("category", "household"), ("name", "Strijken")],
        )
        .await
        .unwrap();
    assert_ne!(added, id, "each organisation its own list");
    let fatima_user = app.login("fatima@a.test").await;
    let own = fatima_user
        .call::<Vec<app::activities::Activity>>("activities", &[])
        .await;
    assert_eq!(own.unwrap_err(), (403, AppError::Forbidden));
}

/// What the gebruiker's form sends: garden work, at `address` (`None`: at home).
fn work(activity: ActivityId, address: Option<serde_json::Value>) -> serde_json::Value {
    json!({ "work": {
        "activity_id": activity, "description": "De haag snoeien",
        "recurrence": "Weekly", "planned_minutes": 120, "slots": slots(),
        "address": address,
    }})
}

pub async fn a_gebruiker_asks_for_work_and_follows_it(app: &TestApp) {
    let org = app.a.organisation_id.0;
    let garden = activity(app, "Tuinonderhoud", org).await;
    let farm = activity(app, "Hulp op de boerderij", org).await;
    let maria = app.login("maria@a.test").await;

    // The form offers only what Maria (a private person in Gavere) may ask for, at her address.
    let choices: WorkChoices = maria.call("work_choices", &[]).await.unwrap();
    assert!(choices.activities.iter().any(|a| a.id == garden));
    assert!(choices.activities.iter().all(|a| a.id != farm));
    assert_eq!(choices.own_address.postcode.len(), 4);

    // Refused, and nothing written: farm work, a bad postcode, half an address.
    let before = app
        .scalar("SELECT COUNT(*) FROM request WHERE id > $1", 0)
        .await;
    let half = json!({ "street": "Dorp 1", "postcode": "9890", "city": " " });
    let bad_postcode = json!({ "street": "Dorp 1", "postcode": "98", "city": "Gavere" });
    let cases = [
        (work(farm, None), AppError::Invalid(Field::Activity)),
        (
            work(garden, Some(bad_postcode)),
            AppError::Invalid(Field::Postcode),
        ),
        (work(garden, Some(half)), AppError::Invalid(Field::Address)),
    ];
    for (body, expected) in cases {
        let answer = maria.call_json::<RequestId>("ask_for_work", &body).await;
        assert_eq!(answer.unwrap_err(), (422, expected), "{body}");
    }
    assert_eq!(
        app.scalar("SELECT COUNT(*) FROM request WHERE id > $1", 0)
            .await,
        before
    );

    // At her own address (left empty) and at her daughter's garden.
    let at_home = maria
        .call_json::<RequestId>("ask_for_work", &work(garden, None))
        .await
        .unwrap();
    let elsewhere = json!({ "street": " Dorpstraat 5 ", "postcode": "9890", "city": "Baaigem" });
    let away = maria
        .call_json::<RequestId>("ask_for_work", &work(garden, Some(elsewhere)))
        .await
        .unwrap();
    let mine: Vec<RequestFacts> = maria.call("my_requests", &[]).await.unwrap();
    assert_eq!(
        mine.iter().map(|r| r.id).collect::<Vec<_>>()[..2],
        [away, at_home],
        "newest first"
    );
    assert_eq!(mine[0].address, "Dorpstraat 5, 9890 Baaigem");
    assert_eq!(mine[1].address, choices.own_address.line());
    assert!(mine.iter().all(|r| r.status == RequestStatus::New));

    // The bemiddelaar sees it (with its address), another organisation does not; workers and
    // other gebruikers cannot ask or look.
    let sofie = app.login("sofie@a.test").await;
    let view: RequestView = sofie
        .call("request", &[("request_id", &away.to_string())])
        .await
        .unwrap();
    assert_eq!(view.request.address, "Dorpstraat 5, 9890 Baaigem");
    assert_eq!(view.request.status, RequestStatus::New);
    let sofie_b = app.login("sofie@b.test").await;
    let other = sofie_b
        .call::<RequestView>("request", &[("request_id", &away.to_string())])
        .await;
    assert_eq!(other.unwrap_err(), (404, AppError::NotFound));
    let ahmed = app.login("ahmed@a.test").await;
    assert_eq!(
        ahmed
            .call_json::<RequestId>("ask_for_work", &work(garden, None))
            .await
            .unwrap_err(),
        (403, AppError::Forbidden)
    );
    assert_eq!(
        ahmed
            .call::<Vec<RequestFacts>>("my_requests", &[])
            .await
            .unwrap_err(),
        (403, AppError::Forbidden)
    );
    let school = app.login("school@a.test").await;
    let theirs: Vec<RequestFacts> = school.call("my_requests", &[]).await.unwrap();
    assert!(theirs.iter().all(|r| r.id != away && r.id != at_home));

    // Offered: in behandeling; the worker's card shows the address of the work.
    let today = app::clock::local_date(app.clock.now());
    let offered = sofie
        .call::<Vec<AssignmentId>>(
            "offer_request",
            &[
                ("request_id", &away.to_string()),
                ("worker_id", &app.a.workers["fatima"].to_string()),
                ("first_date", &(today + Duration::days(2)).to_string()),
                ("weeks", "2"),
            ],
        )
        .await
        .unwrap();
    let mine: Vec<RequestFacts> = maria.call("my_requests", &[]).await.unwrap();
    assert_eq!(mine[0].status, RequestStatus::InProgress);
    let fatima = app.login("fatima@a.test").await;
    let list: MyAssignments = fatima.call("my_assignments", &[]).await.unwrap();
    let card = list.offers.iter().find(|c| c.id == offered[0]).unwrap();
    assert_eq!(card.address(), "Dorpstraat 5, 9890 Baaigem");

    // Accepted: ingepland, with its day.
    fatima
        .call::<()>(
            "accept_offer",
            &[("assignment_id", &offered[0].to_string())],
        )
        .await
        .unwrap();
    let mine: Vec<RequestFacts> = maria.call("my_requests", &[]).await.unwrap();
    assert_eq!(mine[0].status, RequestStatus::Planned);
    assert_eq!(mine[0].planned_dates, [today + Duration::days(2)]);
}

pub async fn a_request_is_turned_down_once_with_a_reason(app: &TestApp) {
    let org = app.a.organisation_id.0;
    let garden = activity(app, "Tuinonderhoud", org).await;
    let maria = app.login("maria@a.test").await;
    let sofie = app.login("sofie@a.test").await;
    let request = maria
        .call_json::<RequestId>("ask_for_work", &work(garden, None))
        .await
        .unwrap();
    let today = app::clock::local_date(app.clock.now());
    let offer = || {
        let sofie = &sofie;
        async move {
            sofie
                .call::<Vec<AssignmentId>>(
                    "offer_request",
                    &[
                        ("request_id", &request.to_string()),
                        ("worker_id", &app.a.workers["fatima"].to_string()),
                        ("first_date", &(today + Duration::days(2)).to_string()),
                    ],
                )
                .await
        }
    };
    let open = offer().await.unwrap();
    let reject = |who: &'static str, reason: &'static str| async move {
        let user = app.login(who).await;
        user.call::<()>(
            "reject_request",
            &[("request_id", &request.to_string()), ("reason", reason)],
        )
        .await
    };
    // No reason, another organisation, the gebruiker themselves: refused, nothing changes.
    assert_eq!(
        reject("sofie@a.test", "  ").await.unwrap_err(),
        (422, AppError::Invalid(Field::RejectReason))
    );
    assert_eq!(
        reject("sofie@b.test", "Nee").await.unwrap_err(),
        (404, AppError::NotFound)
    );
    assert_eq!(
        reject("maria@a.test", "Nee").await.unwrap_err(),
        (403, AppError::Forbidden)
    );
    let view: RequestView = sofie
        .call("request", &[("request_id", &request.to_string())])
        .await
        .unwrap();
    assert_eq!(view.request.status, RequestStatus::InProgress);

    // Turned down: the open offer is withdrawn, the gebruiker reads why, once only, and nothing
    // more can be offered for it.
    reject("sofie@a.test", "Geen wijk-werker vrij in december.")
        .await
        .unwrap();
    let mine: Vec<RequestFacts> = maria.call("my_requests", &[]).await.unwrap();
    let it = mine.iter().find(|r| r.id == request).unwrap();
    assert_eq!(it.status, RequestStatus::Rejected);
    assert_eq!(
        it.rejected_reason.as_deref(),
        Some("Geen wijk-werker vrij in december.")
    );
    let fatima = app.login("fatima@a.test").await;
    let list: MyAssignments = fatima.call("my_assignments", &[]).await.unwrap();
    assert!(list.offers.iter().all(|c| c.id != open[0]));
    assert_eq!(
        reject("sofie@a.test", "Nog eens").await.unwrap_err(),
        (409, AppError::RequestClosed)
    );
    assert_eq!(offer().await.unwrap_err(), (409, AppError::RequestClosed));
    assert_eq!(
        app.scalar(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'request_rejected' AND subject_id = $1",
            request.0
        )
        .await,
        1
    );
}
