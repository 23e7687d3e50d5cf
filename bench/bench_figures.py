"""Seconds each figure script takes to draw its figure (a timing: here, never in a test)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "scripts" / "figures"


def main() -> None:
    print("| figure script | seconds |\n| --- | ---: |")
    for script in sorted(p for p in FIGURES.glob("*.py") if not p.name.startswith("_")):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, str(script), out], cwd=ROOT, check=True)
            print(f"| {script.stem} | {time.perf_counter() - start:.2f} |", flush=True)


if __name__ == "__main__":
    main()
