//! Writes every IPC type into `ui/src/bindings.ts` and fails when the committed file differs:
//! the UI's type check then catches any drift between the two sides.
//! `DRYDOCK_BLESS=1 cargo test -p drydock-api bindings` rewrites the file.

use std::path::Path;

use ts_rs::{Config, TS};

/// `export type` declarations of the listed types, in order.
macro_rules! declarations {
    ($config:expr; $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($config))),*]
    };
}

fn generated() -> String {
    let config = Config::new().with_large_int("number");
    let declarations: Vec<String> = declarations![&config;
        crate::ApiError,
        crate::ProjectView,
        crate::RecentProject,
        crate::FileVersion,
        crate::FileText,
        crate::Severity,
        crate::TextEdit,
        crate::QuickFix,
        crate::Diagnostic,
        crate::LintResult,
        crate::RuleDoc,
        crate::ChangeKind,
        crate::FileChange,
        crate::daemon::DaemonStatus,
        crate::build::StepView,
        crate::build::LayerView,
        crate::build::Builder,
        crate::build::BuildUpdate,
        crate::build::BuildStatus,
        crate::build::BuildOutcome,
        crate::test::Health,
        crate::test::CheckOutcome,
        crate::test::CheckView,
        crate::test::TestUpdate,
        crate::test::TestOutcome,
        crate::history::HistoryPoint,
        crate::history::HistoryView,
    ];
    format!(
        "// Generated from the Rust types in crates/drydock-api by its `bindings` test; do not \
         edit.\n\n{}\n",
        declarations.join("\n\n")
    )
}

#[test]
fn bindings_ts_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
    let expected = generated();
    if std::env::var("DRYDOCK_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "ui/src/bindings.ts is stale: run `DRYDOCK_BLESS=1 cargo test -p drydock-api bindings`"
    );
}
