//! Wijk-werkers: the people who do the work, each with a trajectory. Their screens live with
//! the prestaties (`time_entries`) for now; their own use cases come with the coordinator's
//! workspace.

#[cfg(feature = "ssr")]
pub mod store;
