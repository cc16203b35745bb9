use std::path::PathBuf;

use drydock_history::{BuildStatus, Builder, History, Layer, LintCounts, NewBuild, Step};
use tempfile::TempDir;

pub const MB: u64 = 1_000_000;

/// A history in a fresh folder; the folder lives as long as the returned guard.
pub fn temp_history() -> (TempDir, PathBuf, History) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("history.sqlite3");
    let history = History::open(&path).expect("a fresh history opens");
    (dir, path, history)
}

/// A successful BuildKit build of `/work/app`'s `Dockerfile`, three steps (one cached) and
/// two layers.
pub fn sample_build(started_at_ms: i64) -> NewBuild {
    NewBuild {
        project_path: "/work/app".into(),
        project_name: "app".into(),
        dockerfile_path: "Dockerfile".into(),
        dockerfile_text: "FROM alpine:3.20\nRUN apk add curl\nCOPY . /app\n".into(),
        build_args: Vec::new(),
        tag: Some("app:dev".into()),
        target: None,
        platform: Some("linux/amd64".into()),
        builder: Builder::BuildKit,
        started_at_ms,
        duration_ms: 10_000,
        status: BuildStatus::Succeeded,
        error: None,
        image_id: Some(format!("sha256:{started_at_ms:064}")),
        size_bytes: Some(100 * MB),
        lint: LintCounts {
            error: 0,
            warning: 2,
            info: 1,
            style: 0,
        },
        image_config: None,
        steps: vec![
            step("FROM alpine:3.20", 1, true),
            step("RUN apk add curl", 2, false),
            step("COPY . /app", 3, false),
        ],
        layers: vec![
            Layer {
                digest: Some("sha256:base".into()),
                size_bytes: 8 * MB,
                created_by: "ADD rootfs.tar /".into(),
            },
            Layer {
                digest: Some("sha256:curl".into()),
                size_bytes: 92 * MB,
                created_by: "RUN apk add curl".into(),
            },
        ],
    }
}

pub fn step(instruction: &str, line: u32, cached: bool) -> Step {
    Step {
        instruction: instruction.into(),
        line: Some(line),
        cached,
        duration_ms: 1_000,
        size_bytes: MB,
    }
}
