//! Smoke test of the real binary: started with a project folder, it opens its window (titled
//! after the folder) and is still running a few seconds later. Needs an X display and
//! `xwininfo`: `.ci/test` runs it under `xvfb-run`.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Generous: a debug build on a busy machine takes a few seconds to bring WebKit up.
const WINDOW_DEADLINE: Duration = Duration::from_secs(60);
const STAYS_UP_FOR: Duration = Duration::from_secs(3);

/// Kills the app when the test ends, however it ends.
struct App(Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl App {
    fn has_exited(&mut self) -> bool {
        self.0.try_wait().expect("cannot poll the app").is_some()
    }
}

/// The title of every window on the display, one per line as `xwininfo` prints them.
fn window_tree() -> String {
    let output = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .expect("xwininfo not found (Debian package x11-utils)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn has_window(title_parts: &[&str]) -> bool {
    window_tree()
        .lines()
        .any(|line| title_parts.iter().all(|part| line.contains(part)))
}

#[test]
fn starts_with_a_project_and_keeps_its_window_open() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs an X display: run under `xvfb-run -a` as .ci/test does"
    );
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("launch-stderr.log");
    // The app remembers the project among the recent ones: in the test's own data dir.
    let data_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("launch-data");
    let mut app = App(Command::new(env!("CARGO_BIN_EXE_drydock-app"))
        .arg(&project)
        .env("DRYDOCK_DATA_DIR", &data_dir)
        .stdout(Stdio::null())
        .stderr(File::create(&log).unwrap())
        .spawn()
        .expect("cannot start drydock-app"));
    let stderr = || fs::read_to_string(&log).unwrap_or_default();

    let started = Instant::now();
    while !has_window(&["project", "Drydock"]) {
        assert!(!app.has_exited(), "the app exited early:\n{}", stderr());
        assert!(
            started.elapsed() < WINDOW_DEADLINE,
            "no Drydock window after {WINDOW_DEADLINE:?}:\n{}",
            window_tree()
        );
        sleep(Duration::from_millis(200));
    }
    sleep(STAYS_UP_FOR);
    assert!(
        !app.has_exited(),
        "the app exited after opening its window:\n{}",
        stderr()
    );
    assert!(!stderr().contains("panicked"), "{}", stderr());
}
