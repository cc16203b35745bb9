//! The live view of a test run on a terminal: each check's line as it finishes and, while
//! the container starts, a health line below them that counts the time and shows the last
//! probe's output, until it turns healthy or unhealthy.

use std::time::Instant;

use drydock_api::test::RunWatcher;
use drydock_engine::run::{RunEvent, TestReport};

use super::text;
use super::view::TestView;
use crate::term::{self, fit, Paint, Screen, DIM, FAIL, PASS};

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SPINNER_FRAME_MS: u128 = 100;

pub(crate) struct LiveView {
    screen: Screen,
    paint: Paint,
    has_healthcheck: bool,
    /// While the container is starting: since when, and the last probe.
    starting: Option<Starting>,
}

struct Starting {
    since: Instant,
    probes: usize,
    last_probe: Option<String>,
}

impl LiveView {
    pub(crate) fn new(screen: Screen, paint: Paint, has_healthcheck: bool) -> LiveView {
        LiveView {
            screen,
            paint,
            has_healthcheck,
            starting: None,
        }
    }

    /// Prints `lines` for good, with the health line (if still starting) below them.
    fn draw(&mut self, lines: &[String]) {
        let (width, _) = self.screen.size();
        let region: Vec<String> = self
            .starting
            .as_ref()
            .map(|starting| {
                let elapsed = starting.since.elapsed().as_millis();
                let spinner = SPINNER[(elapsed / SPINNER_FRAME_MS) as usize % SPINNER.len()];
                let mut line = format!(
                    "{spinner} health: starting {}",
                    term::duration(elapsed as u64)
                );
                if let Some(probe) = &starting.last_probe {
                    line.push_str(&format!(" · probe {}", starting.probes));
                    line.push_str(&format!(" {probe}"));
                }
                self.paint.apply(DIM, &fit(&line, width.saturating_sub(1)))
            })
            .into_iter()
            .collect();
        self.screen.draw(lines, &region);
    }

    /// The health line's end: how long it took and with which probe.
    fn settled(&mut self) -> String {
        let Some(starting) = self.starting.take() else {
            return String::new();
        };
        let mut text = format!(
            " after {}",
            term::duration(starting.since.elapsed().as_millis() as u64)
        );
        if let Some(probe) = starting.last_probe {
            text.push_str(&format!(" (probe {}: {probe})", starting.probes));
        }
        text
    }
}

impl RunWatcher for LiveView {
    fn event(&mut self, event: &RunEvent) {
        let paint = self.paint;
        let lines = match event {
            RunEvent::Starting { .. } if self.has_healthcheck => {
                self.starting = Some(Starting {
                    since: Instant::now(),
                    probes: 0,
                    last_probe: None,
                });
                Vec::new()
            }
            RunEvent::ProbeResult { exit_code, output } => {
                if let Some(starting) = &mut self.starting {
                    starting.probes += 1;
                    starting.last_probe = Some(text::probe(*exit_code, output));
                }
                Vec::new()
            }
            RunEvent::Healthy => {
                let settled = self.settled();
                vec![format!(
                    "{} health: healthy{settled}",
                    paint.apply(PASS, "✓")
                )]
            }
            RunEvent::Unhealthy { failing_streak } => {
                let settled = self.settled();
                vec![format!(
                    "{} health: unhealthy{settled}, {failing_streak} failed probes in a row",
                    paint.apply(FAIL, "✗")
                )]
            }
            RunEvent::Exited { code, oom } => {
                self.starting = None;
                vec![format!(
                    "{} {}",
                    paint.apply(FAIL, "✗"),
                    text::exited(*code, *oom)
                )]
            }
            RunEvent::Check(check) => vec![text::check(check, paint, Some(self.screen.size().0))],
            RunEvent::Starting { .. } | RunEvent::Cancelled => Vec::new(),
        };
        self.draw(&lines);
    }

    fn tick(&mut self) {
        if self.starting.is_some() {
            self.draw(&[]);
        }
    }
}

impl TestView for LiveView {
    fn finish(&mut self, report: &TestReport) {
        self.starting = None;
        self.draw(&[text::verdict(report, self.paint)]);
    }
}
