#!/usr/bin/env bash
# Makes sure a Docker daemon answers on /var/run/docker.sock. When none does, starts Debian's
# dockerd in the background, listening on that socket and on a loopback TLS endpoint
# (tcp://127.0.0.1:2376, client certificates required; see docker-tls.sh for the files), and
# waits until it answers. Its log goes to $DRYDOCK_CACHE/dockerd.log.
#
# Environment: DRYDOCK_DOCKERD_TIMEOUT, seconds to wait for the daemon (default 60).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/lib.sh"

socket=/var/run/docker.sock
tls_host=tcp://127.0.0.1:2376
timeout="${DRYDOCK_DOCKERD_TIMEOUT:-60}"
log_file="$DRYDOCK_CACHE/dockerd.log"

socket_answers() { docker -H "unix://$socket" version >/dev/null 2>&1; }

tls_answers() {
    docker --tlsverify -H "$tls_host" --tlscacert "$tls_dir/ca.pem" \
        --tlscert "$tls_dir/cert.pem" --tlskey "$tls_dir/key.pem" version >/dev/null 2>&1
}

# A daemon that was killed leaves its pid file behind, and dockerd refuses to start while any
# process has that pid, which after a reboot or a long while may be an unrelated one.
remove_stale_pid_file() {
    local pid_file=/var/run/docker.pid
    [ -f "$pid_file" ] || return 0
    [ "$(cat "/proc/$(cat "$pid_file")/comm" 2>/dev/null)" = dockerd ] || rm -f "$pid_file"
}

fail_with_log() {
    log "error: $*; last lines of $log_file:"
    tail -n 30 "$log_file" >&2 || true
    exit 1
}

ensure_packages docker.io openssl
tls_dir="$(bash "$here/docker-tls.sh")"

if socket_answers; then
    log "docker daemon already answers on $socket"
    tls_answers || log "warning: $tls_host does not accept the certificates in $tls_dir" \
        "(the running daemon was not started by this script)"
    exit 0
fi

log "starting dockerd (log: $log_file)"
mkdir -p "$DRYDOCK_CACHE"
remove_stale_pid_file
# A session of its own and no inherited descriptors, so the daemon outlives this script and
# does not hold CI's output pipe open.
setsid dockerd \
    --host "unix://$socket" \
    --host "$tls_host" --tlsverify \
    --tlscacert "$tls_dir/ca.pem" \
    --tlscert "$tls_dir/server-cert.pem" \
    --tlskey "$tls_dir/server-key.pem" \
    </dev/null >"$log_file" 2>&1 &
pid=$!

deadline=$((SECONDS + timeout))
until socket_answers; do
    kill -0 "$pid" 2>/dev/null || fail_with_log "dockerd exited during start-up"
    [ "$SECONDS" -lt "$deadline" ] || fail_with_log "dockerd did not answer within ${timeout}s"
    sleep 0.5
done
tls_answers || fail_with_log "dockerd answers on $socket but not on $tls_host"
log "dockerd is up (pid $pid)"
