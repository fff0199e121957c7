//! Wijk-werkers: the people who do the work, each with a trajectory.

#[cfg(feature = "ssr")]
pub mod store;
