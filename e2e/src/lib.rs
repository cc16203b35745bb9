//! Drives the real desktop app over WebDriver: WebKitGTK's own driver (`WebKitWebDriver`, Debian
//! package webkit2gtk-driver) starts `drydock-app` on a project folder, and the end-to-end
//! tests and the app benchmark talk to its window through the W3C WebDriver protocol.

pub mod app;
pub mod driver;
pub mod failure;
pub mod project;

pub use app::{App, Launch};
pub use failure::{Failure, Result};
pub use project::Project;
