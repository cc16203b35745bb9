#!/usr/bin/env bash
# Creates the local base image drydock-test/busybox:latest that Docker tests build FROM.
# No registry is reachable from CI, so nothing is pulled: the image is a `docker import` of a
# rootfs made from Debian's busybox-static. Does nothing when the image exists.
#
# The rootfs has busybox's applets as symlinks, /tmp, and users root, nobody and app (uid 10001)
# so tests can exercise USER.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

image=drydock-test/busybox:latest

if docker image inspect "$image" >/dev/null 2>&1; then
    log "image $image exists"
    exit 0
fi
ensure_packages busybox-static

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,home/app,tmp}
cp /bin/busybox "$root/bin/busybox"
# Inside the chroot the links point at /bin/busybox, not at this machine's path.
chroot "$root" /bin/busybox --install -s
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
chown 10001:10001 "$root/home/app"
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
app:x:10001:10001:app:/home/app:/bin/sh
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
app:x:10001:
GROUP

log "importing $image"
tar --numeric-owner -C "$root" -c . |
    docker import \
        --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["sh"]' \
        - "$image" >/dev/null
