//! Throw-away project folders for the app to open: a copy of the fixture project with a tag and
//! a marker of its own (so its builds share no cached layer with any other test or run), or a
//! folder holding one given Dockerfile. Each has its own history file and data dir, and is
//! removed, with the images it was tagged as, when dropped.

use crate::failure::{Failure, Result};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const WEB_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/projects/web"
);
const WEB_FIXTURE_TAG: &str = "tag = \"drydock-test/web:dev\"";
/// The folder name, which the app shows as the project's name.
const FOLDER: &str = "web";

pub struct Project {
    root: PathBuf,
    pub marker: String,
    /// The image tag its drydock.toml gives, removed on drop.
    pub tag: Option<String>,
}

impl Project {
    /// A copy of `tests/fixtures/projects/web` tagged `drydock-e2e/<marker>:latest`, with a
    /// `site/marker.txt` that its `COPY site/` takes into the image.
    pub fn web(purpose: &str) -> Result<Project> {
        let mut project = Project::empty(purpose)?;
        copy_dir(Path::new(WEB_FIXTURE), &project.folder())?;
        let tag = format!("drydock-e2e/{}:latest", project.marker);
        let toml = project.folder().join("drydock.toml");
        let text = fs::read_to_string(&toml)?;
        if !text.contains(WEB_FIXTURE_TAG) {
            return Err(Failure::new(format!(
                "the fixture's drydock.toml no longer has `{WEB_FIXTURE_TAG}`"
            )));
        }
        fs::write(
            &toml,
            text.replace(WEB_FIXTURE_TAG, &format!("tag = \"{tag}\"")),
        )?;
        fs::write(project.folder().join("site/marker.txt"), &project.marker)?;
        project.tag = Some(tag);
        Ok(project)
    }

    /// A project folder holding only `Dockerfile` with this text.
    pub fn with_dockerfile(purpose: &str, text: &str) -> Result<Project> {
        let project = Project::empty(purpose)?;
        fs::create_dir_all(project.folder())?;
        fs::write(project.dockerfile(), text)?;
        Ok(project)
    }

    fn empty(purpose: &str) -> Result<Project> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let marker = format!(
            "{purpose}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let root = std::env::temp_dir().join(format!("drydock-e2e-{marker}"));
        fs::create_dir_all(root.join("data"))?;
        Ok(Project {
            root,
            marker,
            tag: None,
        })
    }

    /// The folder the app opens.
    pub fn folder(&self) -> PathBuf {
        self.root.join(FOLDER)
    }

    pub fn name(&self) -> &'static str {
        FOLDER
    }

    pub fn dockerfile(&self) -> PathBuf {
        self.folder().join("Dockerfile")
    }

    /// Where the driver and the app write their output.
    pub fn log(&self) -> PathBuf {
        self.root.join("app.log")
    }

    /// The app's environment: a history and a data dir of its own.
    pub fn app_env(&self) -> Vec<(String, OsString)> {
        vec![
            (
                "DRYDOCK_HISTORY".into(),
                self.root.join("history.sqlite3").into(),
            ),
            ("DRYDOCK_DATA_DIR".into(), self.root.join("data").into()),
        ]
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        if let Some(tag) = &self.tag {
            // Every build of the project is tagged so; none happened when it is missing.
            let _ = Command::new("docker").args(["rmi", "-f", tag]).output();
        }
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
