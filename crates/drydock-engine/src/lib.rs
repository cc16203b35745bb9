//! Drydock's Docker engine client: connect to the daemon the way the docker CLI does, build
//! images with one stream of typed events for both builders, and inspect images as plain
//! domain types. bollard stays inside this crate.

pub mod connect;
pub mod run;

pub use connect::{ConnectError, ConnectErrorKind, DaemonInfo, Endpoint, Engine, Environment};
