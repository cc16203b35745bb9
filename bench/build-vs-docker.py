#!/usr/bin/env python3
"""Times `drydock build` against `docker build` on the same generated context and daemon, for
each builder (BuildKit, classic), cold (`--no-cache`) and cached, and prints the median of
each and the ratio drydock/docker per case. Target: <= 1.05 (within 5%).

Run by hand, not in CI: `python3 bench/build-vs-docker.py [RUNS]` with dockerd up and the
base image `drydock-test/busybox:latest` (`.ci/busybox-image.sh`). The docker CLI builds with
BuildKit through its buildx plugin, or (before 23.0) with its built-in BuildKit client, as Debian's
docker.io CLI (/usr/bin/docker 20.10) does; with neither, that builder's case is left out, saying so.

The two tools alternate run by run, so a slow spell of the machine costs both alike. drydock
records every build in a throw-away history, as it would in use; both print to /dev/null.
"""
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", pathlib.Path.home() / ".cache/drydock/target"))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
# Cached builds take tens of milliseconds: more runs steady their median.
CACHED_RUNS = RUNS * 3
BASE = "drydock-test/busybox:latest"
BUILDERS = {"buildkit": "1", "classic": "0"}


def make_context(root):
    """A multi-step build: files to send and COPY, RUNs that write and read, metadata steps.
    A marker of this run makes the first build of it cold for both tools."""
    src = root / "src"
    src.mkdir()
    for i in range(200):
        (src / f"module{i:03}.txt").write_text(f"module {i}\n" * 50)
    (root / "blob.bin").write_bytes(os.urandom(4 * 1024 * 1024))
    marker = f"{os.getpid()}-{time.time_ns()}"
    (root / "Dockerfile").write_text(
        f"""FROM {BASE}
ARG VERSION=1
ENV APP_HOME=/app MARKER={marker}
WORKDIR /app
COPY src/ ./src/
RUN cat src/*.txt | wc -l > lines.txt
COPY blob.bin /data/blob.bin
RUN dd if=/dev/zero of=/data/zeros bs=64k count=32 2>/dev/null && sha1sum /data/blob.bin > /data/sum
RUN for i in 1 2 3 4 5 6 7 8; do echo "step $i" >> steps.log; done
RUN adduser -D -H svc 2>/dev/null || true
LABEL org.opencontainers.image.title=bench
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s CMD test -f /app/lines.txt
CMD ["cat", "/app/lines.txt"]
"""
    )


def timed(cmd, env):
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stderr.decode(errors='replace')}")
    return elapsed


def buildkit_cli():
    """A docker CLI that can build with BuildKit, or None."""
    for cli in dict.fromkeys(filter(None, [shutil.which("docker"), "/usr/bin/docker"])):
        if not os.path.exists(cli):
            continue
        if subprocess.run([cli, "buildx", "version"], capture_output=True).returncode == 0:
            return cli
        version = subprocess.run([cli, "version", "--format", "{{.Client.Version}}"],
                                 capture_output=True, text=True).stdout.strip()
        if version.split(".")[0].isdigit() and int(version.split(".")[0]) < 23:
            return cli
    return None


def main():
    if not shutil.which("docker"):
        sys.exit("the docker CLI is not on PATH")
    if subprocess.run(["docker", "image", "inspect", BASE], capture_output=True).returncode != 0:
        sys.exit(f"no {BASE}: run .ci/busybox-image.sh")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "drydock-cli"], cwd=ROOT, check=True,
                   env=dict(os.environ, CARGO_TARGET_DIR=str(TARGET)))
    drydock = TARGET / "release" / "drydock"

    work = pathlib.Path(tempfile.mkdtemp(prefix="drydock-bench-"))
    context = work / "context"
    context.mkdir()
    make_context(context)
    tags = {"drydock": "drydock-bench/drydock:latest", "docker": "drydock-bench/docker:latest"}
    env = dict(os.environ, DRYDOCK_HISTORY=str(work / "history.sqlite3"), DOCKER_API_VERSION="1.41")
    print(f"context: {sum(1 for _ in context.rglob('*'))} files, "
          f"{sum(p.stat().st_size for p in context.rglob('*') if p.is_file()) / 1e6:.1f} MB; "
          f"median of {RUNS} cold and {CACHED_RUNS} cached runs each")
    print(f"{'case':<18} {'drydock':>10} {'docker':>10} {'ratio':>7}")
    try:
        for builder, buildkit in BUILDERS.items():
            cli = "docker" if builder == "classic" else buildkit_cli()
            if cli is None:
                print(f"{builder:<18} skipped: no docker CLI here can build with BuildKit "
                      "(no buildx plugin, and no CLI older than 23.0)")
                continue
            docker_env = dict(env, DOCKER_BUILDKIT=buildkit)
            for mode, runs in (("cold", RUNS), ("cached", CACHED_RUNS)):
                flags = ["--no-cache"] if mode == "cold" else []
                commands = {
                    "drydock": [str(drydock), "build", "--json", "--builder", builder, *flags,
                                "-t", tags["drydock"], str(context)],
                    "docker": [cli, "build", *flags, "-t", tags["docker"], str(context)],
                }
                times = {"drydock": [], "docker": []}
                # A first build of each fills the cache (cached) or warms the daemon (cold).
                for tool, cmd in commands.items():
                    timed(cmd, env if tool == "drydock" else docker_env)
                for _ in range(runs):
                    for tool, cmd in commands.items():
                        times[tool].append(timed(cmd, env if tool == "drydock" else docker_env))
                ours, theirs = (statistics.median(times[t]) for t in ("drydock", "docker"))
                print(f"{builder + ' ' + mode:<18} {ours * 1000:8.0f}ms {theirs * 1000:8.0f}ms "
                      f"{ours / theirs:7.3f}")
    finally:
        subprocess.run(["docker", "rmi", "-f", *tags.values()], capture_output=True)
        subprocess.run(["docker", "image", "prune", "-f", "--filter", "label=org.opencontainers.image.title=bench"],
                       capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    print("target: ratio <= 1.05")


if __name__ == "__main__":
    main()
