//! The desktop app end to end: the real window (WebKitWebDriver starts `drydock-app` on a copy
//! of the fixture project `tests/fixtures/projects/web`) and the real Docker daemon. One ordered
//! scenario: edit with live lint and a quick fix, save, see an edit made outside the app, build,
//! rebuild from the cache, build and test, and read the history chart. A failing step is named,
//! with the page's state and a `failure.png` screenshot.
//!
//! Needs an X display (`xvfb-run -a -s "-screen 0 1280x800x24"`, as `.ci/test` runs it), the
//! app built (`cargo build -p drydock-app`), and a daemon with the base image
//! (`.ci/dockerd.sh`, `.ci/busybox-image.sh`). `DRYDOCK_SKIP_DOCKER_TESTS=1` stops it after
//! the editor's steps. Screenshots of the main views go to `$DRYDOCK_SCREENSHOTS`, else to
//! `screenshots/` in the test's target dir.

use drydock_e2e::app::EDITOR_TEXT;
use drydock_e2e::{App, Failure, Launch, Project, Result};
use serde_json::Value;
use std::fs;
use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;
use thirtyfour::Key;

/// A debug build on a busy machine takes a few seconds to bring WebKit up.
const LAUNCH: Duration = Duration::from_secs(60);
const LINT: Duration = Duration::from_secs(10);
const UI: Duration = Duration::from_secs(10);
const BUILD: Duration = Duration::from_secs(180);
const TEST: Duration = Duration::from_secs(180);

const BROKEN_LINE: &str = "RUNN echo broken";
const LEGACY_ENV: &str = "ENV GREETING hello";
const FIXED_ENV: &str = "ENV GREETING=hello";

#[tokio::test(flavor = "multi_thread")]
async fn edits_builds_tests_and_charts_the_web_fixture() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs an X display: run under `xvfb-run -a -s \"-screen 0 1280x800x24\"` as .ci/test does"
    );
    let project = Project::web("app").unwrap_or_else(|e| panic!("{e}"));
    let binary = Launch::app_binary().unwrap_or_else(|e| panic!("{e}"));
    let app = App::launch(Launch {
        binary,
        project: &project,
    })
    .await
    .unwrap_or_else(|e| panic!("launching the app: {e}"));

    let scenario = Scenario {
        app: &app,
        project: &project,
        shots: screenshots_dir(),
    };
    let report = match scenario.run().await {
        Ok(()) => None,
        Err(failure) => {
            let shot = scenario.shots.join("failure.png");
            let _ = app.screenshot(&shot).await;
            Some(format!(
                "{failure}\n(screenshot: {})\n{}",
                shot.display(),
                app.page_state().await
            ))
        }
    };
    let quit = app.quit().await;
    drop(project);
    if let Some(report) = report {
        panic!("{report}");
    }
    quit.unwrap_or_else(|e| panic!("quitting the session: {e}"));
}

/// `$DRYDOCK_SCREENSHOTS` (`.ci/test` passes `docs/screenshots` when asked to update them),
/// else a folder in the test's target dir, so a plain run leaves the tree clean.
fn screenshots_dir() -> PathBuf {
    std::env::var_os("DRYDOCK_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots"))
}

struct Scenario<'a> {
    app: &'a App,
    project: &'a Project,
    shots: PathBuf,
}

/// Runs one step, naming it on stderr as it starts and in its failure.
async fn step<T>(name: &str, work: impl Future<Output = Result<T>>) -> Result<T> {
    eprintln!("step: {name}");
    work.await
        .map_err(|failure| failure.context(&format!("step `{name}` failed")))
}

impl Scenario<'_> {
    async fn run(&self) -> Result<()> {
        let original = fs::read_to_string(self.project.dockerfile())?;
        step("open the fixture project", self.open(&original)).await?;
        step("type a broken instruction", self.break_the_file()).await?;
        step("remove it", self.unbreak_the_file(&original)).await?;
        step("apply a quick fix with Ctrl+.", self.quick_fix(&original)).await?;
        let saved = format!("{original}{FIXED_ENV}");
        step("save with Ctrl+S", self.save(&saved)).await?;
        let edited = format!("# edited outside the app: {}\n{saved}", self.project.marker);
        step(
            "see an edit made outside the app",
            self.external_edit(&edited),
        )
        .await?;
        if std::env::var("DRYDOCK_SKIP_DOCKER_TESTS").as_deref() == Ok("1") {
            eprintln!("the build, test and history steps: skipped, DRYDOCK_SKIP_DOCKER_TESTS=1");
            return Ok(());
        }
        let steps = step("build with Ctrl+B", self.first_build(&edited)).await?;
        step("rebuild from the cache", self.rebuild(steps)).await?;
        step("build and test with Ctrl+Shift+B", self.build_and_test()).await?;
        step("see the builds in the history", self.history()).await
    }

    /// The project's name in the header and its Dockerfile, as on disk, in the editor.
    async fn open(&self, original: &str) -> Result<()> {
        let name = self.project.name();
        self.app
            .wait_for(
                &format!("the project name `{name}` and its Dockerfile in the editor"),
                LAUNCH,
                &format!(
                    "return document.getElementById('project-name')?.textContent === {} \
                     && {EDITOR_TEXT} === {};",
                    js(name),
                    js(original)
                ),
            )
            .await?;
        Ok(())
    }

    /// An unknown instruction on the last line: an error squiggle on it in the editor, and a
    /// DD000 row for that line in the Problems panel.
    async fn break_the_file(&self) -> Result<()> {
        // The fixture ends with a newline: Ctrl+End lands on an empty last line.
        self.app.type_in_editor(Key::Control + Key::End).await?;
        self.app.type_in_editor(BROKEN_LINE).await?;
        self.app
            .wait_for(
                "an error squiggle on the broken line",
                LINT,
                &format!(
                    "return !![...document.querySelectorAll('#editor .cm-line')]
                       .find(line => line.textContent === {})
                       ?.querySelector('.cm-lintRange-error');",
                    js(BROKEN_LINE)
                ),
            )
            .await?;
        let line = self.app.editor_text().await?.lines().count();
        self.app.click("#tab-problems").await?;
        self.app
            .wait_for(
                &format!("a DD000 problem on line {line}"),
                LINT,
                &format!(
                    "return !!document.querySelector('#problems .problem[data-code=\"DD000\"][data-line=\"{line}\"]');"
                ),
            )
            .await?;
        self.app.screenshot(&self.shots.join("editor.png")).await
    }

    /// Shift+Home and Backspace empty the last line: the text is the original again, and DD000
    /// is gone.
    async fn unbreak_the_file(&self, original: &str) -> Result<()> {
        self.app.type_in_editor(Key::Shift + Key::Home).await?;
        self.app.type_in_editor(Key::Backspace).await?;
        self.app
            .wait_for(
                "the original text, with no error squiggle and no DD000 problem",
                LINT,
                &format!(
                    "return {EDITOR_TEXT} === {}
                       && !document.querySelector('#editor .cm-lintRange-error')
                       && !document.querySelector('#problems .problem[data-code=\"DD000\"]');",
                    js(original)
                ),
            )
            .await?;
        Ok(())
    }

    /// A legacy `ENV key value` (DD022, safe fix), the cursor inside it, Ctrl+. and Enter.
    async fn quick_fix(&self, original: &str) -> Result<()> {
        self.app.type_in_editor(LEGACY_ENV).await?;
        self.app
            .wait_for(
                "a DD022 problem for the legacy ENV",
                LINT,
                "return !!document.querySelector('#problems .problem[data-code=\"DD022\"]');",
            )
            .await?;
        self.app.type_in_editor(Key::Left).await?;
        self.app.type_in_editor(Key::Control + ".").await?;
        let title = self
            .app
            .wait_for(
                "the quick fix menu",
                UI,
                "const fix = document.querySelector('#quick-fix-menu .quick-fix');
                 return fix && fix.getClientRects().length > 0 && fix.textContent;",
            )
            .await?;
        if !title
            .as_str()
            .unwrap_or_default()
            .contains("GREETING=hello")
        {
            return Err(Failure::new(format!(
                "the first quick fix is {title}, not DD022's `GREETING=hello`"
            )));
        }
        self.app.press(Key::Enter).await?;
        self.app
            .wait_for(
                "the fixed ENV in the editor, and DD022 gone",
                LINT,
                &format!(
                    "return {EDITOR_TEXT} === {}
                       && !document.querySelector('#problems .problem[data-code=\"DD022\"]');",
                    js(&format!("{original}{FIXED_ENV}"))
                ),
            )
            .await?;
        Ok(())
    }

    async fn save(&self, saved: &str) -> Result<()> {
        self.app
            .wait_for(
                "the unsaved-changes marker",
                UI,
                &format!("return {};", visible("#dirty-marker")),
            )
            .await?;
        self.app.type_in_editor(Key::Control + "s").await?;
        self.app
            .wait_for(
                "the unsaved-changes marker to go",
                UI,
                &format!("return !{};", visible("#dirty-marker")),
            )
            .await?;
        let on_disk = fs::read_to_string(self.project.dockerfile())?;
        if on_disk != saved {
            return Err(Failure::new(format!(
                "the Dockerfile on disk is not the editor's text:\n{on_disk}"
            )));
        }
        Ok(())
    }

    /// A cold build: it succeeds, with one bar per step in order, the FROM, COPY and RUN lines
    /// each among them, and the COPY of the project's own marker file not cached.
    async fn first_build(&self, saved: &str) -> Result<Vec<StepBar>> {
        self.app
            .wait_for(
                "the daemon status `connected`",
                UI,
                "return document.querySelector('#daemon-status')?.dataset.state === 'connected';",
            )
            .await?;
        self.app.click("#tab-build").await?;
        let bars = self
            .build("#build-status", Start::Keys(Key::Control + "b"))
            .await?;
        for keyword in ["FROM", "COPY", "RUN"] {
            let line = instruction_line(saved, keyword)?;
            let Some(bar) = bars.iter().find(|bar| bar.line == Some(line)) else {
                return Err(Failure::new(format!(
                    "no step bar for the {keyword} on line {line}: {bars:?}"
                )));
            };
            if !bar.text.contains(keyword) {
                return Err(Failure::new(format!(
                    "the bar of line {line} does not show its instruction: {bar:?}"
                )));
            }
            if keyword == "COPY" && bar.cached {
                return Err(Failure::new(format!(
                    "the COPY of a new marker file is cached: {bar:?}"
                )));
            }
        }
        self.app.screenshot(&self.shots.join("build.png")).await?;
        Ok(bars)
    }

    /// The same steps again, every one from the cache.
    async fn rebuild(&self, first: Vec<StepBar>) -> Result<()> {
        let bars = self
            .build("#build-status", Start::Click("#build-btn"))
            .await?;
        let uncached = |bar: &StepBar| !bar.cached || !bar.text.contains("CACHED");
        if bars.len() != first.len() || bars.iter().any(uncached) {
            return Err(Failure::new(format!(
                "the rebuild's steps are not the first build's, all cached: {bars:?}"
            )));
        }
        Ok(())
    }

    /// The container becomes healthy and every check passes.
    async fn build_and_test(&self) -> Result<()> {
        self.app.click("#tab-test").await?;
        let start = Start::Keys(Key::Control + Key::Shift + "b");
        self.run_until_done("#test-status", start, TEST).await?;
        self.app
            .wait_for(
                "health `healthy`",
                UI,
                "return document.querySelector('#health')?.dataset.health === 'healthy';",
            )
            .await?;
        let outcomes = self
            .app
            .js("return [...document.querySelectorAll('#checks .check')]
                   .map(check => check.dataset.outcome);")
            .await?;
        let outcomes = outcomes.as_array().cloned().unwrap_or_default();
        if outcomes.is_empty() || outcomes.iter().any(|outcome| outcome != "passed") {
            return Err(Failure::new(format!(
                "not every check passed: {outcomes:?}"
            )));
        }
        self.app.screenshot(&self.shots.join("test.png")).await
    }

    /// One bar per build in the size chart: the build, the rebuild and the test's build.
    async fn history(&self) -> Result<()> {
        self.app.click("#tab-history").await?;
        let ids = self
            .app
            .wait_for(
                "two or more bars in the size chart",
                UI,
                "const ids = [...document.querySelectorAll('#history-size-chart .bar')]
                   .map(bar => bar.dataset.buildId);
                 return ids.length >= 2 && ids;",
            )
            .await?;
        let ids = ids.as_array().cloned().unwrap_or_default();
        let mut distinct = ids.clone();
        distinct.sort_by_key(Value::to_string);
        distinct.dedup();
        if distinct.len() != ids.len() {
            return Err(Failure::new(format!(
                "bars with the same build id: {ids:?}"
            )));
        }
        self.app.screenshot(&self.shots.join("history.png")).await
    }

    /// The buffer is saved, so the disk's text replaces it without a prompt.
    async fn external_edit(&self, edited: &str) -> Result<()> {
        fs::write(self.project.dockerfile(), edited)?;
        self.app
            .wait_for(
                "the edited file in the editor",
                UI,
                &format!("return {EDITOR_TEXT} === {};", js(edited)),
            )
            .await?;
        let prompt = self
            .app
            .js(&format!("return {};", visible("#reload-prompt")))
            .await?;
        if prompt == true {
            return Err(Failure::new("a reload prompt for a buffer with no changes"));
        }
        Ok(())
    }

    /// Starts a build and returns its step bars once it succeeded.
    async fn build(&self, status: &str, start: Start) -> Result<Vec<StepBar>> {
        self.run_until_done(status, start, BUILD).await?;
        let bars = self
            .app
            .js(
                "return [...document.querySelectorAll('#timeline .step-bar')].map(bar => ({
                   index: Number(bar.dataset.index), cached: bar.dataset.cached,
                   line: bar.dataset.line ? Number(bar.dataset.line) : null,
                   text: bar.textContent }));",
            )
            .await?;
        let bars: Vec<StepBar> = bars
            .as_array()
            .into_iter()
            .flatten()
            .map(StepBar::from_json)
            .collect();
        let indexes: Vec<i64> = bars.iter().map(|bar| bar.index).collect();
        if bars.is_empty() || indexes != (1..=bars.len() as i64).collect::<Vec<_>>() {
            return Err(Failure::new(format!(
                "the step bars are not numbered 1 to n: {bars:?}"
            )));
        }
        Ok(bars)
    }

    /// Watches `status`'s `data-status`, starts the run, and waits until it was `running` and
    /// then ended; a run that did not succeed fails with what the page says. Every value the
    /// attribute held is kept (old values too: a fast run may pass `running` between two
    /// polls, or between two observer callbacks).
    async fn run_until_done(&self, status: &str, start: Start, timeout: Duration) -> Result<()> {
        let selector = js(status);
        self.app
            .js(&format!(
                "const el = document.querySelector({selector});
                 window.e2eStatusWatch?.disconnect();
                 const seen = window.e2eStatuses = [el.dataset.status];
                 window.e2eStatusWatch = new MutationObserver(changes => {{
                   for (const change of changes) seen.push(change.oldValue);
                   seen.push(el.dataset.status);
                 }});
                 window.e2eStatusWatch.observe(el,
                   {{ attributes: true, attributeFilter: ['data-status'], attributeOldValue: true }});
                 return true;"
            ))
            .await
            .map_err(|e| e.context(&format!("watching {status}")))?;
        match start {
            Start::Keys(keys) => self.app.type_in_editor(keys).await?,
            Start::Click(css) => self.app.click(css).await?,
        }
        let ended = self
            .app
            .wait_for(
                &format!("{status} to go `running` and then end"),
                timeout,
                &format!(
                    "const now = document.querySelector({selector}).dataset.status;
                     return window.e2eStatuses.includes('running') && now !== 'running' && now;"
                ),
            )
            .await?;
        if ended != "succeeded" {
            return Err(Failure::new(format!("{status} ended {ended}")));
        }
        Ok(())
    }
}

/// How a run is started: a shortcut typed in the editor, or a button.
enum Start {
    Keys(thirtyfour::TypingData),
    Click(&'static str),
}

#[derive(Debug)]
struct StepBar {
    index: i64,
    cached: bool,
    line: Option<u64>,
    text: String,
}

impl StepBar {
    fn from_json(bar: &Value) -> StepBar {
        StepBar {
            index: bar["index"].as_i64().unwrap_or(-1),
            cached: bar["cached"] == "true",
            line: bar["line"].as_u64(),
            text: bar["text"].as_str().unwrap_or_default().trim().to_owned(),
        }
    }
}

/// The 1-based line of the first instruction with this keyword.
fn instruction_line(dockerfile: &str, keyword: &str) -> Result<u64> {
    dockerfile
        .lines()
        .position(|line| line.split_whitespace().next() == Some(keyword))
        .map(|index| index as u64 + 1)
        .ok_or_else(|| Failure::new(format!("no {keyword} in the Dockerfile")))
}

/// A JavaScript string literal.
fn js(text: &str) -> String {
    serde_json::to_string(text).expect("a string serializes")
}

/// A JavaScript expression: whether the element exists and is shown.
fn visible(css: &str) -> String {
    format!(
        "((document.querySelector({})?.getClientRects().length ?? 0) > 0)",
        js(css)
    )
}
