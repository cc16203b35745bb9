//! Drydock's Docker engine client: connect to the daemon the way the docker CLI does, build
//! images with one stream of typed events for both builders, inspect images as plain domain
//! types, and test images in throw-away containers (`run`). bollard stays inside this crate;
//! every text a build reports is masked with `drydock_mask` first.

pub mod build;
pub mod connect;
pub mod inspect;
pub mod run;

pub use build::{BuildEvent, BuildOptions, BuildSink, BuildSummary};
pub use connect::{ConnectError, ConnectErrorKind, DaemonInfo, Endpoint, Engine, Environment};
pub use inspect::ImageDetails;
