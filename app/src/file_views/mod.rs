//! Who looked at whose file: every time someone else sees a wijk-werker's or a gebruiker's page,
//! or a list or export with their name, a row says who, whose, what and when (append-only).
//! Coordinators see them on the person's page; the wijk-werker sees them on Profiel (GDPR
//! art. 15: the person may know who had their data).

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

crate::text_enum! {
    /// What was seen.
    pub enum Seen {
        /// The worker's page of a bemiddelaar.
        WorkerFile = "worker_file",
        /// The gebruiker's page of a bemiddelaar.
        ClientFile = "client_file",
        /// The gebruiker's cheques, by a bemiddelaar.
        ClientCheques = "client_cheques",
        /// The month's allowance list on screen (every worker on it).
        AllowanceMonth = "allowance_month",
        /// The month's allowance list downloaded as CSV or XLSX.
        AllowanceExport = "allowance_export",
        /// All of the person's data, downloaded on their request.
        DataExport = "data_export",
        /// Rapport per gemeente in the organisation's own version (with the workers' names).
        Report = "report",
        /// The same, downloaded as CSV or XLSX.
        ReportExport = "report_export",
        /// A month's payment run on screen (every worker on it).
        PaymentRun = "payment_run",
        /// A run's bank file or a worker's statement downloaded.
        PaymentFile = "payment_file",
    }
}

/// Whose file was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    Worker(crate::ids::WorkerId),
    Client(crate::ids::ClientId),
}

/// One look at a person's file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct FileView {
    pub viewed_at: chrono::DateTime<chrono::Utc>,
    /// The name of who looked.
    pub viewer: String,
    pub what: Seen,
}
