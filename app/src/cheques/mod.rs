//! Wijk-werkcheques: prepaid, one pays one hour. Kept as an append-only ledger per gebruiker;
//! the balance is the sum of its changes.

#[cfg(feature = "ssr")]
pub mod store;
