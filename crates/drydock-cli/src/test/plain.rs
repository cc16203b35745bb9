//! Appended lines for a test run: the health as it changes, each probe, each check.

use std::io::{self, Write};

use drydock_api::test::RunWatcher;
use drydock_engine::run::{RunEvent, TestReport};

use super::text;
use super::view::TestView;
use crate::term::Paint;

pub(crate) struct PlainView {
    pub(crate) has_healthcheck: bool,
}

fn print(line: &str) {
    let mut out = io::stdout().lock();
    // A reader that has gone cannot be told.
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

impl RunWatcher for PlainView {
    fn event(&mut self, event: &RunEvent) {
        match event {
            RunEvent::Starting { .. } if self.has_healthcheck => print("health: starting"),
            RunEvent::ProbeResult { exit_code, output } => print(&format!(
                "health: probe {}",
                text::probe(*exit_code, output)
            )),
            RunEvent::Healthy => print("health: healthy"),
            RunEvent::Unhealthy { failing_streak } => print(&format!(
                "health: unhealthy after {failing_streak} failed probes in a row"
            )),
            RunEvent::Exited { code, oom } => print(&text::exited(*code, *oom)),
            RunEvent::Check(check) => print(&text::check(check, Paint(false), None)),
            RunEvent::Starting { .. } | RunEvent::Cancelled => {}
        }
    }
}

impl TestView for PlainView {
    fn finish(&mut self, report: &TestReport) {
        print(&text::verdict(report, Paint(false)));
    }
}
