# shellcheck shell=bash
# Sourced by the other .ci scripts.
# Everything Drydock's CI keeps between runs lives under one cache directory, outside the clone.

DRYDOCK_CACHE="${DRYDOCK_CACHE:-$HOME/.cache/drydock}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$DRYDOCK_CACHE/target}"

log() { printf 'ci: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs the Debian packages that are missing; apt is not touched when all are present.
ensure_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] ||
            missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]} (run as root to install them)"
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# What every cargo build needs besides the toolchain: a C linker and libc's objects.
# shellcheck disable=SC2034 # read by the scripts that source this file
RUST_BUILD_PACKAGES=(gcc libc6-dev)

# What the desktop app needs to build (WebKitGTK and the -sys crates' pkg-config) and to run
# headless in CI (a virtual X server; xauth is only a Recommends of xvfb; xwininfo for the
# launch test; WebKitGTK's WebDriver for the end-to-end suite and the app benchmark).
# shellcheck disable=SC2034
APP_BUILD_PACKAGES=(pkg-config libwebkit2gtk-4.1-dev)
# shellcheck disable=SC2034
APP_HEADLESS_PACKAGES=(xvfb xauth x11-utils webkit2gtk-driver)

# Node and npm for the UI build: any recent ones will do, so apt's only when none is there.
ensure_node() {
    command -v node >/dev/null && command -v npm >/dev/null && return 0
    ensure_packages nodejs npm
}

# Installs ui/'s locked dependencies (npm's cache kept with the others) unless node_modules is
# already newer than the lock file, then builds ui/dist, which the app embeds at compile time.
build_ui() {
    local ui="$1"
    ensure_node
    export npm_config_cache="$DRYDOCK_CACHE/npm"
    if [ ! "$ui/node_modules/.package-lock.json" -nt "$ui/package-lock.json" ]; then
        log "npm ci in $ui"
        npm --prefix "$ui" ci --no-audit --no-fund
    fi
    log "building the UI"
    npm --prefix "$ui" run build
}

# The Rust toolchain is not installed here (rustup's servers are not reachable from CI), so say
# which tool is missing instead of failing halfway through a build.
require_tools() {
    local tool
    for tool in "$@"; do
        "$tool" --version >/dev/null 2>&1 ||
            die "$tool not found: install a Rust toolchain with rustfmt and clippy (rustup.rs)"
    done
}
