#!/usr/bin/env bash
# The desktop app's benchmark (e2e/src/bin/app-bench.rs): keystroke to diagnostics on a
# 500-line Dockerfile, launch to interactive, idle memory. Builds the UI and the release app,
# then drives the app over WebDriver on a virtual X server. Arguments go to app-bench:
# `--strict` (exit 1 when a target is missed), `--keystrokes N`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/.ci/lib.sh"
require_tools cargo
ensure_packages "${RUST_BUILD_PACKAGES[@]}" "${APP_BUILD_PACKAGES[@]}" "${APP_HEADLESS_PACKAGES[@]}"
build_ui "$repo/ui"
log "building the release app and the benchmark"
cargo build --locked --release --manifest-path "$repo/Cargo.toml" -p drydock-app -p drydock-e2e
exec xvfb-run -a -s "-screen 0 1280x800x24" "$CARGO_TARGET_DIR/release/app-bench" "$@"
