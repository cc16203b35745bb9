//! The app under test: `drydock-app <project folder>` started by WebKitWebDriver, and the
//! WebDriver session that reads and drives its window.

use crate::driver::DriverProcess;
use crate::failure::{Failure, Result};
use crate::project::Project;
use serde_json::{json, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use thirtyfour::prelude::*;
use thirtyfour::{Capabilities, TypingData};

const APP_BINARY: &str = "drydock-app";
const POLL: Duration = Duration::from_millis(50);

/// A JavaScript expression: the editor's text as CodeMirror shows it, one `.cm-line` per line
/// (short documents are rendered whole).
pub const EDITOR_TEXT: &str =
    "[...document.querySelectorAll('#editor .cm-line')].map(line => line.textContent).join('\\n')";

/// What a failure report shows of the page: the window title, the editor's text, and each
/// element of the app's DOM contract that exists, with its data attributes, title (the daemon
/// status puts its hint there) and text.
const PAGE_STATE: &str = r##"
const ids = ["project-name", "daemon-status", "error-banner", "dirty-marker", "problem-count",
  "problems", "quick-fix-menu", "build-status", "timeline", "build-summary", "build-log",
  "test-status", "health", "probes", "checks", "history-size-chart", "reload-prompt",
  "close-prompt"];
const elements = {};
for (const id of ids) {
  const el = document.getElementById(id);
  if (!el) continue;
  elements[id] = {
    data: { ...el.dataset },
    title: el.getAttribute("title") ?? undefined,
    visible: el.getClientRects().length > 0,
    text: (el.innerText ?? el.textContent ?? "").trim().slice(0, 600),
  };
}
const squiggles = [...document.querySelectorAll("[class*='cm-lintRange-']")]
  .map(el => `${el.className}: ${el.textContent}`);
const editor = [...document.querySelectorAll("#editor .cm-line")].map(l => l.textContent);
return { title: document.title, editor, squiggles, elements,
  missing: ids.filter(id => !document.getElementById(id)) };
"##;

pub struct App {
    pub driver: WebDriver,
    process: DriverProcess,
    /// Wall-clock time just before the session (and so the app) was requested.
    pub requested_at: SystemTime,
    /// How long the driver took to start the app and hand back a session.
    pub session_time: Duration,
}

/// Where to find the app, and what to open.
pub struct Launch<'a> {
    pub binary: PathBuf,
    pub project: &'a Project,
}

impl Launch<'_> {
    /// The app built next to this executable (`target/<profile>/drydock-app`; tests run from
    /// `target/<profile>/deps`), unless `DRYDOCK_APP` names one.
    pub fn app_binary() -> Result<PathBuf> {
        if let Some(path) = std::env::var_os("DRYDOCK_APP") {
            return Ok(PathBuf::from(path));
        }
        let exe = std::env::current_exe()?;
        exe.ancestors()
            .skip(1)
            .take(2)
            .map(|dir| dir.join(APP_BINARY))
            .find(|path| path.is_file())
            .ok_or_else(|| {
                Failure::new(format!(
                    "no {APP_BINARY} next to {}: build it first (`cargo build -p drydock-app`, \
                     after `npm --prefix ui run build`) or set DRYDOCK_APP",
                    exe.display()
                ))
            })
    }
}

impl App {
    /// Starts the driver, which starts the app on the project; returns once the session is up.
    pub async fn launch(launch: Launch<'_>) -> Result<App> {
        let project = launch.project;
        let process = DriverProcess::start(&project.app_env(), &project.log())?;
        let mut capabilities = Capabilities::new();
        capabilities.set(
            "webkitgtk:browserOptions",
            json!({ "binary": launch.binary, "args": [project.folder()] }),
        )?;
        let requested_at = SystemTime::now();
        let started = Instant::now();
        let driver = WebDriver::new(process.url(), capabilities)
            .await
            .map_err(|e| {
                Failure::new(format!(
                    "no session with {}: {e}\n{}",
                    launch.binary.display(),
                    process.log_tail()
                ))
            })?;
        Ok(App {
            driver,
            process,
            requested_at,
            session_time: started.elapsed(),
        })
    }

    /// Runs `body` (a function body: `return ...`) in the page and returns its result.
    pub async fn js(&self, body: &str) -> Result<Value> {
        Ok(self
            .driver
            .execute(body, Vec::<Value>::new())
            .await?
            .json()
            .clone())
    }

    /// Polls `body` until it returns something truthy, and returns that. On timeout the
    /// error names `what` and the last value (or script error) seen.
    pub async fn wait_for(&self, what: &str, timeout: Duration, body: &str) -> Result<Value> {
        let started = Instant::now();
        loop {
            let last = match self.js(body).await {
                Ok(value) if truthy(&value) => return Ok(value),
                Ok(value) => value.to_string(),
                Err(error) => error.to_string(),
            };
            if started.elapsed() > timeout {
                return Err(Failure::new(format!(
                    "timed out after {timeout:?} waiting for {what} (last seen: {last})"
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    pub async fn editor_text(&self) -> Result<String> {
        let text = self.js(&format!("return {EDITOR_TEXT};")).await?;
        Ok(text.as_str().unwrap_or_default().to_owned())
    }

    /// Types into the editor (keys and chords such as `Key::Control + "s"`); the app's
    /// shortcuts are heard there too.
    pub async fn type_in_editor(&self, keys: impl Into<TypingData>) -> Result<()> {
        let editor = self.driver.find(By::Css("#editor .cm-content")).await?;
        editor.send_keys(keys).await?;
        Ok(())
    }

    /// Presses keys in whatever has the focus (a menu the app opened, say).
    pub async fn press(&self, keys: impl Into<TypingData>) -> Result<()> {
        self.driver.active_element().await?.send_keys(keys).await?;
        Ok(())
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        self.driver
            .find(By::Css(css))
            .await
            .map_err(|e| Failure::new(format!("no {css} to click: {e}")))?
            .click()
            .await?;
        Ok(())
    }

    /// Saves a PNG of the window's page as `path`.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, self.driver.screenshot_as_png().await?)?;
        Ok(())
    }

    /// The page as a failure report shows it, and the last lines the app printed.
    pub async fn page_state(&self) -> String {
        let page = match self.js(PAGE_STATE).await {
            Ok(state) => serde_json::to_string_pretty(&state).unwrap_or_default(),
            Err(error) => format!("(cannot read the page: {error})"),
        };
        format!(
            "page state:\n{page}\napp and driver output:\n{}",
            self.process.log_tail()
        )
    }

    /// The app's process: the driver's child.
    pub fn app_pid(&self) -> Option<u32> {
        children(self.process.pid()).into_iter().next()
    }

    /// Ends the session (closing the app), then stops the driver.
    pub async fn quit(self) -> Result<()> {
        let quit = self.driver.quit().await;
        drop(self.process);
        Ok(quit?)
    }
}

/// As JavaScript sees it: `null`, `false`, `0`, `""` and an empty array are not ready yet.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(_) => true,
    }
}

/// The pids of a process's children, from every thread's `/proc/PID/task/TID/children`.
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|pid| pid.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}
