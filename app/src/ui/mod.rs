//! The screens, one module per role, and the pieces they share.

pub mod client;
pub mod coordinator;
pub mod icons;
pub mod layout;
pub mod login;
pub mod worker;
