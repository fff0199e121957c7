//! What an operator runs beside `serve`: `backup`, `check`, `generate` (see `main.rs`).

pub mod backup;
pub mod check;
pub mod generate;
