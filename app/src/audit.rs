//! The audit trail: who did what to which record, and when. Append-only (the database refuses
//! updates and deletes on both backends).

use chrono::{DateTime, Utc};

use crate::db::DbConn;
use crate::ids::{AccountId, OrganisationId};
use crate::on;

crate::text_enum! {
    /// Every kind of event the trail records.
    pub enum Action {
        Login = "login",
        LoginFailed = "login_failed",
        ClockStart = "clock_start",
        ClockStop = "clock_stop",
        /// A mistaken Start, cancelled in its first minutes: no prestatie.
        ClockCancel = "clock_cancel",
        /// A clock that ran too long was stopped and held for a coordinator.
        ClockHeldForReview = "clock_held_for_review",
        ClockPause = "clock_pause",
        ClockResume = "clock_resume",
        /// The server closed a clock nobody stopped, at the planned end, for review.
        ClockClosedForgotten = "clock_closed_forgotten",
        /// Hours entered afterwards by the worker.
        EntryEntered = "prestatie_entered",
        /// The worker changed an own prestatie (the detail keeps before and after).
        EntryChanged = "prestatie_changed",
        // The stored words predate the code's one word per concept ("entry"); the trail is
        // append-only, so they stay.
        EntryConfirm = "prestatie_confirm",
        /// Nobody answered in the organisation's days: confirmed by the server.
        EntryAutoConfirm = "prestatie_auto_confirm",
        EntryDispute = "prestatie_dispute",
        /// A bemiddelaar confirmed a disputed or held prestatie for the gebruiker (the detail:
        /// the reason and the payment).
        EntryConfirmedOnBehalf = "prestatie_confirmed_on_behalf",
        /// A bemiddelaar corrected a prestatie (the detail: before, after, the reason and what
        /// the cheques did).
        EntryCorrected = "prestatie_corrected",
        /// A bemiddelaar rejected a prestatie (the detail: the reason and any refund).
        EntryRejected = "prestatie_rejected",
        /// A bemiddelaar handled a phone action the rules refused (the detail: its UUID).
        PhoneActionHandled = "phone_action_handled",
        OfferAccepted = "offer_accepted",
        OfferDeclined = "offer_declined",
        OrganisationCreated = "organisation_created",
        AccountCreated = "account_created",
        AccountDeactivated = "account_deactivated",
        PasswordChanged = "password_changed",
        /// A bemiddelaar or admin set up a second factor (confirmed with a first code).
        SecondFactorEnrolled = "second_factor_enrolled",
        /// A login completed with a code of the second factor.
        SecondFactorUsed = "second_factor_used",
        /// A login completed with one of the recovery codes (each works once).
        RecoveryCodeUsed = "recovery_code_used",
        /// A wijk-werker or gebruiker past the organisation's retention was anonymised.
        PersonAnonymised = "person_anonymised",
        /// A coordinator made a (new) activation code for an account.
        ActivationCodeIssued = "activation_code_issued",
        /// The person chose a password with their activation code.
        AccountActivated = "account_activated",
        WorkerCreated = "worker_created",
        /// The detail keeps the fields before and after.
        WorkerChanged = "worker_changed",
        /// The trajectory ended, with its outcome.
        TrajectoryEnded = "trajectory_ended",
        RequestCreated = "request_created",
        /// A request turned down (the detail: the reason the gebruiker reads).
        RequestRejected = "request_rejected",
        /// A request offered to a worker (the detail: who, how many dates, from when).
        OfferMade = "offer_made",
        OfferWithdrawn = "offer_withdrawn",
        ClientCreated = "client_created",
        /// The detail keeps the fields before and after.
        ClientChanged = "client_changed",
        /// A yearly registration fee recorded as paid.
        FeeRecorded = "fee_recorded",
        /// A purchase of cheques, recorded after payment (the detail: how many, price, day).
        ChequesBought = "cheques_bought",
        /// A purchase recorded by mistake, undone by a reversing row.
        PurchaseUndone = "purchase_undone",
        /// What was left of a batch at the end of its year.
        ChequesExpired = "cheques_expired",
        /// A prestatie that waited for cheques is paid from a purchase.
        EntryPaidLate = "prestatie_paid_late",
        ActivityAdded = "activity_added",
        /// A municipality added or changed (the detail: before and after).
        MunicipalityChanged = "municipality_changed",
        /// An activity allowed or no longer allowed in a municipality or for a kind of gebruiker.
        ActivityRuleChanged = "activity_rule_changed",
        /// The organisation's settings (the detail: before and after).
        SettingsChanged = "settings_changed",
        /// A cheque price from a day on (the detail: the day, the price before and after).
        ChequePriceChanged = "cheque_price_changed",
        /// The allowance rates from a day on (the detail: the day, the rates before and after).
        AllowanceRatesChanged = "allowance_rates_changed",
        /// A month's payment run closed (the detail: transfers, total, lines left waiting).
        PaymentRunClosed = "payment_run_closed",
        /// A worker's IBAN set or changed (the detail: masked before and after).
        IbanChanged = "iban_changed",
        /// The organisation's bank account set or changed.
        BankAccountChanged = "bank_account_changed",
        /// An order extends the validity of cheques issued up to a day.
        ValidityExtended = "validity_extended",
        /// An issuer's statement imported (the detail: the file, batches, cheques).
        StatementImported = "statement_imported",
        /// Paper cheques recorded for a prestatie (the detail: their numbers).
        PaperChequesRecorded = "paper_cheques_recorded",
        /// A month's hand-in list closed (sent to the issuer).
        HandInClosed = "hand_in_closed",
        /// What the issuer paid for a month.
        IssuerPaymentRecorded = "issuer_payment_recorded",
    }
}

pub struct Event<'a> {
    /// `None` only for a failed login with an unknown email.
    pub organisation_id: Option<OrganisationId>,
    pub account_id: Option<AccountId>,
    pub action: Action,
    pub subject: &'a str,
    pub subject_id: Option<i64>,
    pub detail: String,
}

pub async fn record(c: DbConn<'_>, e: Event<'_>, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO audit_event \
        (organisation_id, account_id, action, subject, subject_id, detail, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on!(c, c => sqlx::query(SQL)
        .bind(e.organisation_id)
        .bind(e.account_id)
        .bind(e.action)
        .bind(e.subject)
        .bind(e.subject_id)
        .bind(&e.detail)
        .bind(now)
        .execute(c)
        .await
        .map(|_| ()))
}

/// The bemiddelaars' settlements of a worker's prestaties, newest first.
pub async fn settlements_of_worker(
    c: DbConn<'_>,
    worker_id: crate::ids::WorkerId,
    limit: i64,
) -> Result<Vec<crate::time_entries::Settlement>, sqlx::Error> {
    const SQL: &str = "SELECT a.created_at AS at, a.action, e.work_date, \
        acc.display_name AS decided_by, a.detail \
        FROM audit_event a \
        JOIN time_entry e ON e.id = a.subject_id AND a.subject = 'time_entry' \
        LEFT JOIN account acc ON acc.id = a.account_id \
        WHERE e.worker_id = $1 AND a.organisation_id = e.organisation_id \
          AND a.action IN ('prestatie_corrected', 'prestatie_rejected', \
            'prestatie_confirmed_on_behalf') \
        ORDER BY a.id DESC LIMIT $2";
    on!(c, c => sqlx::query_as(SQL).bind(worker_id).bind(limit).fetch_all(c).await)
}

/// The actions of one organisation, newest first (for tests and, later, the coordinator).
pub async fn actions(
    c: DbConn<'_>,
    organisation_id: OrganisationId,
) -> Result<Vec<Action>, sqlx::Error> {
    const SQL: &str = "SELECT action FROM audit_event WHERE organisation_id = $1 ORDER BY id DESC";
    on!(c, c => sqlx::query_scalar(SQL).bind(organisation_id).fetch_all(c).await)
}

/// How often `action` was recorded about one subject (tests).
pub async fn count(
    c: DbConn<'_>,
    action: Action,
    subject_id: Option<i64>,
) -> Result<i64, sqlx::Error> {
    const SQL: &str = "SELECT COUNT(*) FROM audit_event WHERE action = $1 \
        AND (subject_id = $2 OR ($2 IS NULL AND subject_id IS NULL))";
    on!(c, c => sqlx::query_scalar(SQL).bind(action).bind(subject_id).fetch_one(c).await)
}
