//! The history against real SQLite files in temporary folders. One test binary, so the crash
//! test can run this same executable as its child.

mod concurrency;
#[cfg(unix)]
mod crash;
mod masking;
mod open;
mod queries;
mod record;
mod support;
