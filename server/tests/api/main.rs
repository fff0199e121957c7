//! Black-box tests of the server over real HTTP against a real database, one file per feature
//! (the zero2prod way). Every test runs twice: `sqlite::<name>` on a fresh SQLite file and
//! `postgres::<name>` in a fresh PostgreSQL schema.

mod auth;
mod cheques;
mod cli;
mod clients;
mod clock;
mod confirm;
mod harness;
mod isolation;
mod issuer;
mod matrix;
mod money;
mod offers;
mod operations;
mod pages;
mod passwords;
mod payments;
mod people;
mod phone;
mod privacy;
mod process;
mod reports;
mod requests;
mod review;
mod schema;
mod second_factor;
mod security;
mod settings;
mod shedding;
mod sync;

use harness::{Backend, TestApp};

macro_rules! on_both_backends {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let app = super::TestApp::spawn(super::Backend::Sqlite).await;
                    super::$module::$name(&app).await;
                    app.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    let app = super::TestApp::spawn(super::Backend::Postgres).await;
                    super::$module::$name(&app).await;
                    app.finish().await;
                }
            )*
        }
    };
}

on_both_backends!(
    shedding::a_rush_is_answered_busy_at_once_and_every_action_counts_once,
    sync::a_batch_that_does_not_parse_is_refused_as_bad_input,
    privacy::anonymisation_after_the_retention_keeps_the_report_totals,
    privacy::the_export_holds_every_row_about_the_person_and_nothing_else,
    second_factor::a_coordinator_enrols_and_logs_in_with_a_code_once,
    second_factor::an_organisation_makes_the_second_factor_mandatory,
    privacy::a_look_at_a_file_is_recorded_and_the_worker_sees_it,
    passwords::a_common_password_is_refused_in_dutch,
    passwords::an_older_hash_is_made_again_at_login,
    operations::backup_and_check_guard_the_data,
    operations::generate_makes_a_large_consistent_data_set,
    operations::health_and_graceful_shutdown,
    operations::two_servers_share_sessions_throttle_and_jobs,
    operations::a_killed_server_loses_no_answered_request,
    operations::phones_that_give_up_never_block_the_next_write,
    review::a_dispute_is_confirmed_on_behalf_of_the_gebruiker_with_a_reason,
    review::a_dispute_is_settled_by_a_correction_and_corrected_again_after_payment,
    review::a_rejected_prestatie_frees_the_hours_and_refunds_its_cheques,
    review::simple_cases_are_confirmed_on_behalf_together,
    reports::the_report_per_municipality_adds_up_to_the_hand_computed_fixture,
    settings::settings_are_checked_audited_and_stay_in_the_organisation,
    payments::a_month_is_paid_once_into_a_valid_bank_file_and_changes_go_to_the_next,
    issuer::the_issuers_statement_is_read_in_once_whole_or_not_at_all,
    issuer::paper_cheques_pay_a_prestatie_once_and_go_on_the_hand_in_list,
    issuer::an_order_extends_the_validity_of_older_batches_only,
    money::the_allowance_follows_the_rates_of_each_day,
    money::a_correction_goes_back_to_the_gebruiker_unless_they_agreed,
    money::no_path_passes_sixty_hours_in_a_month,
    money::the_cheque_price_is_the_gebruikers_municipality_from_a_first_of_january,
    settings::the_allowance_export_adds_up_confirmed_hours_and_km,
    cheques::a_purchase_is_dated_priced_and_paid_from_oldest_first,
    cheques::a_purchase_recorded_by_mistake_is_undone_by_a_reversing_row,
    cheques::cheques_expire_after_their_year_and_never_pay,
    cheques::a_purchase_pays_what_waited_for_cheques_longest_first,
    cheques::random_histories_keep_the_ledger_exact,
    cheques::a_private_person_downloads_the_fiscal_attest_and_the_years_csv,
    confirm::an_unanswered_prestatie_is_confirmed_after_the_organisations_days,
    confirm::without_cheques_it_is_confirmed_and_waits_for_cheques,
    confirm::the_automatic_confirmation_races_the_gebruiker_and_another_process,
    clients::a_school_with_two_logins_and_its_fee,
    clients::a_gebruiker_is_checked_and_stays_in_the_organisation,
    requests::suggestions_rank_by_municipality_skill_availability_and_hours,
    requests::a_request_is_checked_and_stays_in_the_organisation,
    requests::an_offer_is_answered_on_the_phone_and_a_decline_comes_back,
    requests::the_week_plan_shows_the_week_per_worker_and_municipality,
    requests::only_activities_allowed_for_the_gebruiker_can_be_asked,
    requests::a_gebruiker_asks_for_work_and_follows_it,
    requests::a_request_is_turned_down_once_with_a_reason,
    requests::municipalities_are_added_and_renamed_in_the_own_organisation,
    requests::the_activity_list_and_a_workers_skills_stay_in_the_organisation,
    people::a_new_worker_activates_with_the_code_once,
    people::an_expired_or_replaced_code_does_not_work,
    people::a_worker_is_checked_and_stays_in_the_organisation,
    people::an_ended_trajectory_and_a_deactivated_account_stop_the_worker,
    sync::an_offline_morning_arrives_once_at_its_tap_times,
    sync::one_outbox_from_two_tabs_and_two_servers_at_once_counts_once,
    sync::refused_and_suspect_actions_are_kept_for_worker_and_coordinator,
    sync::random_replays_end_as_if_each_action_arrived_once,
    pages::every_worker_screen_renders_for_the_worker_only,
    pages::the_chosen_language_follows_the_account,
    phone::a_pause_does_not_count_and_stop_ends_it,
    phone::hours_entered_afterwards_wait_for_the_gebruiker,
    phone::hours_that_cannot_be_right_are_refused_and_change_nothing,
    phone::an_ended_trajectory_refuses_hours,
    phone::the_61st_hour_is_refused_with_what_is_left,
    phone::a_worker_changes_own_hours_until_they_are_confirmed,
    phone::a_forgotten_clock_is_closed_once_at_the_planned_end,
    phone::opdrachten_shows_offers_planned_and_done,
    phone::the_password_changes_after_the_current_one,
    phone::random_hours_get_the_same_verdict_from_the_server_and_the_rules,
    auth::wrong_logins_are_refused_without_saying_which_part_is_wrong,
    auth::every_demo_login_works,
    auth::ten_wrong_passwords_make_even_the_right_one_wait,
    auth::an_unknown_email_is_throttled_the_same,
    auth::the_session_cookie_is_host_bound_and_renewed_at_login,
    auth::a_session_ends_at_logout_and_its_cookie_is_worthless,
    auth::a_deactivated_account_is_logged_out_at_once,
    auth::sessions_expire_when_idle_and_after_their_lifetime,
    cli::the_command_line_starts_a_real_organisation,
    cli::demo_data_is_refused_on_a_public_address,
    clock::an_hour_is_clocked_confirmed_paid_once_and_reported,
    clock::the_month_limit_refuses_work_past_sixty_hours,
    clock::concurrent_taps_never_count_twice,
    clock::a_clock_starts_only_around_the_planned_day,
    clock::a_clock_forgotten_overnight_is_held_for_review,
    clock::a_mistaken_start_is_cancelled_without_a_prestatie,
    clock::the_worker_sees_both_limits_and_the_end_of_the_trajectory,
    confirm::too_few_cheques_confirm_and_wait_for_cheques,
    confirm::a_dispute_needs_a_reason_and_uses_no_cheques,
    confirm::simultaneous_confirmations_never_overdraw_the_cheques,
    confirm::the_ledger_and_audit_trail_are_append_only,
    confirm::alles_bevestigen_confirms_what_was_shown,
    isolation::roles_are_checked_on_the_server,
    isolation::one_organisation_never_touches_another,
    isolation::people_of_one_organisation_cannot_touch_each_other,
    offers::a_worker_accepts_an_offer_once,
    offers::a_worker_declines_an_offer_with_or_without_a_reason,
    offers::an_offer_is_answered_only_by_its_worker_while_it_is_open,
    offers::two_devices_answering_one_offer_at_once_one_wins,
    pages::pages_are_served_to_the_right_people,
    security::cross_site_changes_are_refused_before_anything_runs,
    security::every_response_carries_the_security_headers,
    security::an_internal_error_says_nothing_about_the_internals,
);
