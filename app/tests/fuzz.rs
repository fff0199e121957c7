//! Fuzzing of every parser of outside input, for a fixed time each (`make fuzz`): date and time
//! fields, amounts and codes as typed, the phone's offline sync batch, the server functions'
//! form arguments, passwords and second-factor codes. There is no CSV import (the app only
//! writes CSV), so no CSV reader to fuzz.
//!
//! cargo-fuzz needs a nightly compiler, which these machines do not have: each target is a loop
//! of proptest's generators (random inputs, shaped like the real ones and plain random) on
//! stable, checking that nothing panics and that what the parser accepts is right. A failure
//! prints the input and the seed; `WIJKWERK_FUZZ_SEED=<seed>` repeats the run.
//!
//! The targets are `#[ignore]`d: `cargo test` skips them, `make fuzz` runs them with
//! `--ignored` and `WIJKWERK_FUZZ_SECONDS` (seconds per target, default 20).
#![cfg(feature = "ssr")]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Feed `check` values of `strategy` until the time is up; a panic fails with the input.
fn fuzz<S>(name: &str, strategy: S, check: impl Fn(&S::Value))
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let seconds: u64 = std::env::var("WIJKWERK_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("WIJKWERK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos() as u64),
            );
            h.finish()
        });
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs: u64 = 0;
    while Instant::now() < deadline {
        let value = strategy.new_tree(&mut runner).expect("a value").current();
        if catch_unwind(AssertUnwindSafe(|| check(&value))).is_err() {
            panic!("{name}: failed on {value:?} (WIJKWERK_FUZZ_SEED={seed})");
        }
        runs += 1;
    }
    println!("{name}: {runs} inputs in {seconds} s, no failure (seed {seed})");
    assert!(runs > 0);
}

/// Text as people type it in a field (digits, separators, letters, spaces, accents) or
/// anything at all.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9 ,.:€/-]{0,12}",
        "[0-9a-zA-Z -]{0,14}",
        any::<String>(),
        "\\PC{0,40}",
    ]
}

#[test]
#[ignore = "a fuzz target: make fuzz"]
fn fuzz_amounts_months_and_codes_as_typed() {
    use app::allowances::rules::Month;
    use app::organisations::rules::{euros_field, parse_euros};
    fuzz("typed fields", typed(), |text| {
        if let Some(cents) = parse_euros(text) {
            assert!(cents >= 0);
            // What the field shows again reads back as the same amount.
            assert_eq!(parse_euros(&euros_field(cents)), Some(cents));
        }
        if let Some(month) = Month::parse(text) {
            assert_eq!(Month::parse(&month.to_string()), Some(month));
            assert!(month.first_day().is_some());
        }
        if let Some(code) = app::auth::normalise_code(text) {
            assert_eq!(
                app::auth::normalise_code(&code).as_deref(),
                Some(code.as_str())
            );
        }
        if let Some(code) = app::auth::second_factor::normalise_recovery_code(text) {
            assert_eq!(
                app::auth::second_factor::normalise_recovery_code(&code).as_deref(),
                Some(code.as_str())
            );
        }
        let _ = app::i18n::Lang::parse(text);
    });
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // Around the app's years, and the extremes chrono allows.
    prop_oneof![
        (2017i32..2040, 1u32..=12, 1u32..=31),
        (-262_000i32..262_000, 1u32..=12, 1u32..=31),
    ]
    // A day that does not exist (31 February) becomes the 28th: no input is thrown away.
    .prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))
            .expect("the 28th exists")
    })
}

fn any_time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

#[test]
#[ignore = "a fuzz target: make fuzz"]
fn fuzz_dates_and_times_in_brussels() {
    use app::rules::Span;
    let hours = (
        any_date(),
        any_time(),
        any_time(),
        -100i64..1000,
        -10i64..10_000,
        any::<i64>(),
    );
    fuzz(
        "date and time fields",
        hours,
        |(date, start, end, pause, km, now_ms)| {
            let start_ms = app::brussels::instant_ms(*date, *start);
            let end_ms = app::brussels::instant_ms(*date, *end);
            // A Brussels time that exists reads back as itself (in the spring gap it cannot).
            let back = app::brussels::local(app::clock::from_ms(start_ms));
            if back.date() == *date {
                assert!(
                    back.time() == *start
                        || start_ms == app::brussels::instant_ms(*date, back.time())
                );
            }
            let span = Span {
                start_ms,
                end_ms: Some(end_ms),
            };
            if let Ok(minutes) = app::rules::check_entry(span, *pause, *km, *now_ms, &[]) {
                assert!((0..=24 * 60).contains(&minutes), "{minutes}");
                assert!(end_ms > start_ms && end_ms <= *now_ms);
            }
        },
    );
}

#[test]
#[ignore = "a fuzz target: make fuzz"]
fn fuzz_the_offline_sync_batch() {
    use app::sync::{Action, Batch};
    // Bytes as they might arrive: a real batch, cut or altered, or anything.
    let real = |n: i64| {
        serde_json::json!({ "batch": {
            "sent_at_ms": 1_764_576_000_000i64 + n,
            "actions": [
                { "id": "01900000-0000-7000-8000-000000000001", "tapped_at_ms": n,
                  "kind": "start", "assignment_id": 3 },
                { "id": "01900000-0000-7000-8000-000000000002", "tapped_at_ms": n + 1,
                  "kind": "stop", "clock": { "start": "01900000-0000-7000-8000-000000000001" },
                  "cap_at_limit": false },
            ],
        }})
        .to_string()
    };
    let bytes = prop_oneof![
        (any::<i64>(), any::<usize>(), any::<u8>()).prop_map(move |(n, at, b)| {
            let mut bytes = real(n).into_bytes();
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] = b;
            }
            bytes
        }),
        (any::<i64>(), any::<usize>()).prop_map(move |(n, cut)| {
            let bytes = real(n).into_bytes();
            bytes[..cut % (bytes.len() + 1)].to_vec()
        }),
        proptest::collection::vec(any::<u8>(), 0..300),
    ];
    #[derive(serde::Deserialize)]
    struct Args {
        batch: Batch,
    }
    // The real batch reads: the altered ones start from something the server accepts.
    assert_eq!(
        serde_json::from_str::<Args>(&real(0))
            .unwrap()
            .batch
            .actions
            .len(),
        2
    );
    let now: DateTime<Utc> = "2026-12-01T08:00:00Z".parse().unwrap();
    fuzz("sync batch", bytes, |bytes| {
        if let Ok(args) = serde_json::from_slice::<Args>(bytes) {
            for action in &args.batch.actions {
                let action: &Action = action;
                // The time a tap counts at: within the bounds, never after now.
                if let Some(at) = app::sync::service::tap_time(action.tapped_at_ms, 0, now) {
                    assert!(at <= now);
                }
                let _ = app::sync::service::tap_time(
                    action.tapped_at_ms,
                    args.batch.sent_at_ms.wrapping_neg(),
                    now,
                );
            }
        }
    });
}

/// A form body built from `fields` with random values, or random text.
fn form_body(fields: &'static [&'static str]) -> impl Strategy<Value = String> {
    let value = prop_oneof![
        "[0-9]{1,4}",
        "2026-1[0-2]-[0-3][0-9]",
        "[0-2][0-9]:[0-5][0-9]",
        "true|false",
        typed(),
        "-?[0-9]{1,25}",
    ];
    prop_oneof![
        proptest::collection::vec(value, fields.len()).prop_map(move |values| {
            fields
                .iter()
                .zip(values)
                .map(|(k, v)| format!("{k}={}", urlencode(&v)))
                .collect::<Vec<_>>()
                .join("&")
        }),
        any::<String>(),
        "[a-z_\\[\\]=&%0-9]{0,80}",
    ]
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decode `body` as the server does a form server function's arguments (serde_qs, as
/// server_fn's `PostUrl` reads them); an error is fine, a panic is not.
fn decode<T: serde::de::DeserializeOwned>(body: &str) -> Option<T> {
    serde_qs::Config::new(5, false)
        .deserialize_str::<T>(body)
        .ok()
}

#[test]
#[ignore = "a fuzz target: make fuzz"]
fn fuzz_server_function_arguments() {
    const ENTER: &[&str] = &[
        "assignment_id",
        "date",
        "start",
        "end",
        "pause_minutes",
        "km",
        "note",
    ];
    const CHANGE: &[&str] = &[
        "entry_id",
        "date",
        "start",
        "end",
        "pause_minutes",
        "km",
        "note",
        "reason",
    ];
    const WORKER: &[&str] = &[
        "form[first_name]",
        "form[last_name]",
        "form[email]",
        "form[phone]",
        "form[municipality_id]",
        "form[referrer]",
        "form[trajectory_start]",
        "form[trajectory_planned_end]",
        "form[ex_pwa]",
    ];
    const CLIENT: &[&str] = &[
        "client_id",
        "form[kind]",
        "form[name]",
        "form[street]",
        "form[postcode]",
        "form[city]",
        "form[phone]",
        "form[municipality_id]",
        "form[agreement_date]",
    ];
    const OFFER: &[&str] = &["request_id", "worker_id", "first_date", "start", "weeks"];
    const SETTINGS: &[&str] = &[
        "auto_confirm_days",
        "forgotten_reminder_minutes",
        "forgotten_close_hours",
    ];
    const RATES: &[&str] = &[
        "allowance",
        "basis",
        "km_rate",
        "km_threshold",
        "valid_from",
    ];
    const REPORT: &[&str] = &["municipality_id", "from", "until", "anonymous"];
    const PURCHASE: &[&str] = &["client_id", "cheques", "paid_on"];
    let bodies = prop_oneof![
        form_body(ENTER),
        form_body(CHANGE),
        form_body(WORKER),
        form_body(CLIENT),
        form_body(OFFER),
        form_body(SETTINGS),
        form_body(RATES),
        form_body(REPORT),
        form_body(PURCHASE),
    ];
    fuzz("server function arguments", bodies, |body| {
        if let Some(args) = decode::<app::time_entries::EnterHours>(body) {
            // What decodes is what the rules then judge: no panic there either.
            let hours = app::time_entries::Hours {
                date: args.date,
                start: args.start,
                end: args.end,
                pause_minutes: args.pause_minutes,
                km: args.km,
                note: args.note,
            };
            let _ = hours.check(1_764_576_000_000, &[]);
        }
        let _ = decode::<app::time_entries::ChangeEntry>(body);
        let _ = decode::<app::workers::CreateWorker>(body);
        let _ = decode::<app::clients::UpdateClient>(body);
        let _ = decode::<app::requests::OfferRequest>(body);
        let _ = decode::<app::organisations::UpdateSettings>(body);
        if let Some(rates) = decode::<app::allowances::SetAllowanceRates>(body) {
            // What decodes is what the rules then judge: no panic there either.
            let amount = app::organisations::rules::parse_euros;
            if let (Some(allowance_cents), Some(km_rate_cents)) =
                (amount(&rates.allowance), amount(&rates.km_rate))
            {
                let rates = app::allowances::Rates {
                    valid_from: rates.valid_from,
                    allowance_cents,
                    basis: rates.basis,
                    km_rate_cents,
                    km_threshold: rates.km_threshold,
                };
                let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
                let _ = app::allowances::rules::check_rates(&rates, today);
            }
        }
        let _ = decode::<app::reports::GetMunicipalityReport>(body);
        let _ = decode::<app::cheques::RecordPurchase>(body);
        let _ = decode::<app::auth::Login>(body);
        let _ = decode::<app::auth::Activate>(body);
    });
}

#[test]
#[ignore = "a fuzz target: make fuzz"]
fn fuzz_passwords_and_second_factor_codes() {
    let input = (typed(), "[A-Z2-7]{16,40}", any::<i64>());
    fuzz("passwords and codes", input, |(text, secret, at)| {
        use app::auth::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, check_new};
        if check_new(text).is_ok() {
            let n = text.chars().count();
            assert!((MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&n));
        }
        let at = DateTime::from_timestamp(at.rem_euclid(4_000_000_000), 0).unwrap();
        let _ = app::auth::second_factor::matching_step(secret, text, at);
        if let Some(code) = app::auth::second_factor::code_at(secret, at) {
            assert_eq!(
                app::auth::second_factor::matching_step(secret, &code, at),
                Some(app::auth::second_factor::step_of(at))
            );
        }
    });
}
