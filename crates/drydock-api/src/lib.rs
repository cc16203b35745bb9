//! Drydock's use cases as the desktop app calls them, and the types that cross its IPC
//! boundary. No Tauri here: `src-tauri` holds one-line adapters over these functions, and the
//! CLI shares the same flows. Every DTO derives `ts_rs::TS`; `bindings.rs` writes them all into
//! `ui/src/bindings.ts`, and a test fails when the committed file is stale.

pub mod error;

#[cfg(test)]
mod bindings;

pub use error::ApiError;
