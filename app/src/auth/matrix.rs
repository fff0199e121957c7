//! Who may call which server function: one table, the rule of every endpoint. The use cases
//! enforce it (`Caller::worker`, `Caller::client`, `Caller::staff` and the `managed` lookups);
//! the matrix test (`server/tests/api/matrix.rs`) calls every endpoint as every role on their
//! own object, a colleague's and another organisation's, checks that exactly what this table
//! allows gets through and the rest is refused without changing anything, and fails when an
//! endpoint exists that the table does not list.

use super::Role;

/// Who may call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Anybody, logged in or not (logging in, the language).
    Anyone,
    /// Anybody logged in.
    LoggedIn,
    /// Only these roles.
    Roles(&'static [Role]),
}

/// Which objects an allowed caller may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The endpoint names no object: it works on the caller's own data or organisation.
    Nothing,
    /// Only the caller's own: the worker's assignments and prestaties, the gebruiker's
    /// prestaties.
    Own,
    /// Anything of the caller's organisation; another organisation's does not exist (404).
    Organisation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub endpoint: &'static str,
    pub who: Who,
    pub owner: Owner,
}

const STAFF: Who = Who::Roles(&[Role::Coordinator, Role::Admin]);
const WORKER: Who = Who::Roles(&[Role::Worker]);
const CLIENT: Who = Who::Roles(&[Role::Client]);

const fn rule(endpoint: &'static str, who: Who, owner: Owner) -> Rule {
    Rule {
        endpoint,
        who,
        owner,
    }
}

use Owner::{Nothing, Organisation, Own};

/// Every server function (its endpoint under `/api/`), grouped by who calls it.
pub const MATRIX: &[Rule] = &[
    // Logging in and out, the language: before there is a caller.
    rule("current_user", Who::Anyone, Nothing),
    rule("login", Who::Anyone, Nothing),
    rule("logout", Who::Anyone, Nothing),
    rule("activate", Who::Anyone, Nothing),
    rule("login_code", Who::Anyone, Nothing),
    rule("set_language", Who::Anyone, Nothing),
    rule("change_password", Who::LoggedIn, Nothing),
    // The wijk-werker: own data, own assignments and prestaties.
    rule("worker_day", WORKER, Nothing),
    rule("my_hours", WORKER, Nothing),
    rule("my_profile", WORKER, Nothing),
    rule("my_assignments", WORKER, Nothing),
    rule("my_assignment", WORKER, Own),
    rule("accept_offer", WORKER, Own),
    rule("decline_offer", WORKER, Own),
    rule("start_clock", WORKER, Own),
    rule("pause_clock", WORKER, Own),
    rule("resume_clock", WORKER, Own),
    rule("stop_clock", WORKER, Own),
    rule("cancel_clock", WORKER, Own),
    rule("enter_hours", WORKER, Own),
    rule("change_entry", WORKER, Own),
    rule("record_my_paper_cheques", WORKER, Own),
    // Each action of the batch is checked as its own endpoint is (start_clock, accept_offer,
    // …); another's assignment is an action refused in the answer (sync.rs), not a 404.
    rule("sync", WORKER, Nothing),
    // The gebruiker: own cheques, requests and prestaties.
    rule("client_overview", CLIENT, Nothing),
    rule("my_cheques", CLIENT, Nothing),
    rule("my_requests", CLIENT, Nothing),
    rule("work_choices", CLIENT, Nothing),
    rule("ask_for_work", CLIENT, Nothing),
    rule("confirm_entry", CLIENT, Own),
    rule("confirm_all", CLIENT, Own),
    rule("dispute_entry", CLIENT, Own),
    // Bemiddelaars and admins: their organisation.
    rule("second_factor_enrolment", STAFF, Nothing),
    rule("confirm_second_factor", STAFF, Nothing),
    rule("second_factor_status", STAFF, Nothing),
    rule("set_second_factor_required", STAFF, Nothing),
    rule("list_workers", STAFF, Nothing),
    rule("create_worker", STAFF, Nothing),
    rule("worker_file", STAFF, Organisation),
    rule("update_worker", STAFF, Organisation),
    rule("end_trajectory", STAFF, Organisation),
    rule("matching_profile", STAFF, Organisation),
    rule("set_matching_profile", STAFF, Organisation),
    rule("new_activation_code", STAFF, Organisation),
    rule("deactivate_account", STAFF, Organisation),
    rule("list_clients", STAFF, Nothing),
    rule("create_client", STAFF, Nothing),
    rule("client_file", STAFF, Organisation),
    rule("update_client", STAFF, Organisation),
    rule("record_fee", STAFF, Organisation),
    rule("add_client_login", STAFF, Organisation),
    rule("client_cheques", STAFF, Organisation),
    rule("record_purchase", STAFF, Organisation),
    rule("undo_purchase", STAFF, Organisation),
    rule("waiting_for_cheques", STAFF, Nothing),
    rule("list_requests", STAFF, Nothing),
    rule("create_request", STAFF, Organisation),
    rule("request", STAFF, Organisation),
    rule("suggestions", STAFF, Organisation),
    rule("offer_request", STAFF, Organisation),
    rule("withdraw_offer", STAFF, Organisation),
    rule("reject_request", STAFF, Organisation),
    rule("week_plan", STAFF, Nothing),
    rule("review_queue", STAFF, Nothing),
    rule("confirm_on_behalf", STAFF, Organisation),
    rule("confirm_all_on_behalf", STAFF, Organisation),
    rule("correct_entry", STAFF, Organisation),
    rule("reject_entry", STAFF, Organisation),
    rule("refused_actions", STAFF, Nothing),
    rule("handle_refusal", STAFF, Organisation),
    rule("municipalities", STAFF, Nothing),
    rule("add_municipality", STAFF, Nothing),
    rule("update_municipality", STAFF, Organisation),
    rule("activities", STAFF, Nothing),
    rule("activity_rules", STAFF, Nothing),
    rule("add_activity", STAFF, Nothing),
    rule("set_activity_allowed", STAFF, Organisation),
    rule("organisation_settings", STAFF, Nothing),
    rule("update_settings", STAFF, Nothing),
    rule("set_cheque_price", STAFF, Nothing),
    rule("set_municipality_cheque_price", STAFF, Organisation),
    rule("set_bank_account", STAFF, Nothing),
    rule("set_worker_iban", STAFF, Organisation),
    rule("payment_run", STAFF, Nothing),
    rule("cheques_desk", STAFF, Nothing),
    rule("statement_upload", STAFF, Organisation),
    rule("import_statement", STAFF, Organisation),
    rule("close_hand_in", STAFF, Nothing),
    rule("record_paper_cheques", STAFF, Organisation),
    rule("record_issuer_payment", STAFF, Nothing),
    rule("extend_validity", STAFF, Nothing),
    rule("close_payment_run", STAFF, Nothing),
    rule("allowance_month", STAFF, Nothing),
    rule("allowance_rates", STAFF, Nothing),
    rule("set_allowance_rates", STAFF, Nothing),
    rule("municipality_report", STAFF, Nothing),
    rule("month_hours", STAFF, Nothing),
    rule("cheque_year", STAFF, Nothing),
    rule("retention", STAFF, Nothing),
    rule("set_retention", STAFF, Nothing),
];

/// The rule of `endpoint`, if the table lists it.
pub fn rule_of(endpoint: &str) -> Option<&'static Rule> {
    MATRIX.iter().find(|r| r.endpoint == endpoint)
}

impl Rule {
    /// May `role` (`None`: nobody logged in) call this endpoint at all?
    pub fn allows(&self, role: Option<Role>) -> bool {
        match (self.who, role) {
            (Who::Anyone, _) => true,
            (Who::LoggedIn, role) => role.is_some(),
            (Who::Roles(roles), Some(role)) => roles.contains(&role),
            (Who::Roles(_), None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for r in MATRIX {
            assert!(seen.insert(r.endpoint), "{} twice", r.endpoint);
        }
        assert!(rule_of("worker_file").is_some());
        assert!(!rule_of("worker_file").unwrap().allows(Some(Role::Worker)));
        assert!(rule_of("login").unwrap().allows(None));
        assert!(!rule_of("change_password").unwrap().allows(None));
    }
}
