//! What every view of a test run (live, plain lines, JSON lines) is told.

use drydock_engine::run::{RunEvent, TestReport};

pub(crate) trait TestView {
    fn event(&mut self, event: &RunEvent);
    /// Called a few times a second while the run goes, for the health line's clock.
    fn tick(&mut self) {}
    /// The run ended with a report; the container is gone.
    fn finish(&mut self, report: &TestReport);
}
