"""`make bench`: every bench/bench_*.py in turn, then the cold build time of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_benchmarks() -> None:
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        print(f"\n## {script.stem}\n", flush=True)
        subprocess.run([sys.executable, str(script)], cwd=ROOT, check=True)


def cold_build_seconds() -> float:
    """A strict build with no figure cache, into a fresh folder (keeping the wheels that
    `make env` downloaded for /check/)."""
    for cache in (ROOT / ".cache").glob("*"):
        if cache.name != "pyodide-wheels":
            shutil.rmtree(cache, ignore_errors=True)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", out],
            cwd=ROOT,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        return time.perf_counter() - start


if __name__ == "__main__":
    run_benchmarks()
    print(f"\n## build\n\ncold `mkdocs build --strict`: {cold_build_seconds():.1f} s")
