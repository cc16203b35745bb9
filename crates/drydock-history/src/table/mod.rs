//! One module per table: its row types and the SQL that reads and writes it. Transactions are
//! the caller's ([`crate::History`]), so a build and its children commit together.

pub mod builds;
pub mod checks;
pub mod layers;
pub mod projects;
pub mod steps;
pub mod test_runs;
