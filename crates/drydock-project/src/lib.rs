//! `drydock.toml`: a project's build, run and smoke-test settings.
//!
//! [`parse`] takes the file's text and returns the [`Project`] or every problem found, each
//! with its dotted key, 1-based line and reason. Unknown keys are errors, so a typo never
//! passes silently; nothing should run on a file that does not parse. Every key is optional:
//! the defaults live in [`defaults`], and `Project::default()` is a project without the file.
//!
//! ```toml
//! [image]
//! dockerfile = "Dockerfile"   # relative to the project folder
//! context = "."
//! tag = "myapp:dev"
//! target = "production"
//! build_args = { NODE_ENV = "production" }
//! [budget]
//! max_size_mb = 150           # > 0, megabytes of 10^6 bytes
//! max_build_seconds = 120     # > 0
//! [run]
//! env = { PORT = "3000" }
//! ports = [3000]              # TCP, published on 127.0.0.1 only
//! memory_mb = 256             # MiB, 6..=1048576
//! cpus = 0.5                  # > 0
//! pids = 256                  # 1..=4194304
//! startup_timeout_s = 60      # 1..=600
//! [[smoke.http]]
//! port = 3000                 # required, one of run.ports
//! path = "/health"            # starts with /
//! expect_status = 200         # 100..=599
//! expect_body_contains = "ok"
//! timeout_s = 10              # 1..=600, retried until then
//! [[smoke.exec]]
//! command = ["node", "--version"]   # required
//! expect_exit = 0             # 0..=255
//! expect_stdout_contains = "v20"
//! timeout_s = 30              # 1..=600
//! [smoke.expect]
//! user_not_root = true
//! healthcheck = "healthy"     # healthy | none | any
//! exposed_ports = [3000]      # the image must EXPOSE these
//! ```
//!
//! Pure: no IO, the caller reads the file.

mod error;
mod model;
mod read;
mod sections;

pub use error::{ConfigError, ConfigErrors};
pub use model::{
    defaults, Budget, ExecCheck, Expectations, HealthExpectation, HttpCheck, ImageSettings,
    Project, RunSettings, Smoke,
};

use toml::de::DeTable;

use read::{Reader, Table};

/// The usual name of the file, in the project folder.
pub const FILE_NAME: &str = "drydock.toml";

/// Parses the text of a `drydock.toml`.
pub fn parse(text: &str) -> Result<Project, ConfigErrors> {
    let mut reader = Reader::new(text);
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            reader.error("", span, e.message().trim_end().to_owned());
            return Err(ConfigErrors(reader.into_errors()));
        }
    };
    let project = project(
        &mut reader,
        Table::new("", document.get_ref(), document.span()),
    );
    let errors = reader.into_errors();
    if errors.is_empty() {
        Ok(project)
    } else {
        Err(ConfigErrors(errors))
    }
}

fn project(r: &mut Reader, mut top: Table) -> Project {
    let mut project = Project::default();
    let mut used_ports = Vec::new();
    if let Some(f) = top.get("image") {
        project.image = sections::image(r, &f);
    }
    if let Some(f) = top.get("budget") {
        project.budget = sections::budget(r, &f);
    }
    if let Some(f) = top.get("run") {
        project.run = sections::run(r, &f);
    }
    if let Some(f) = top.get("smoke") {
        project.smoke = sections::smoke(r, &f, &mut used_ports);
    }
    top.finish(r);
    for used in used_ports {
        if !project.run.ports.contains(&used.port) {
            let reason = format!(
                "port {} is not in run.ports, so it is not published: add it there",
                used.port
            );
            r.error(&used.key, used.span, reason);
        }
    }
    project
}
