//! What every view of a test run (live, plain lines, JSON lines) is told.

use drydock_api::test::RunWatcher;
use drydock_engine::run::TestReport;

/// Sees the events as they come (a [`RunWatcher`]), then the report.
pub(crate) trait TestView: RunWatcher {
    /// The run ended with a report; the container is gone.
    fn finish(&mut self, report: &TestReport);
}
