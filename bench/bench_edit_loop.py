"""The edit loop of `make serve`: from saving a file to "Reloading browsers" in the serve log.

Edits a page (a line of prose, then a line with a new formula), a snippet the notebook imports
and the notebook, each undone after its reload, and prints the wall time and the CPU time the
rebuild took (the serve process and the children it waited for: node, the notebook's kernel,
figure scripts) with the load average. On a busy machine the wall time grows with the load; the
CPU time is close to what an idle one needs.

    .venv/bin/python bench/bench_edit_loop.py [--rounds N] [--pages-only] [--no-cache]

--no-cache: the same loop with serve's caches off (SITEBUILD_NO_SERVE_CACHE), to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = Path(tempfile.gettempdir()) / f"bench-edit-loop-{os.getpid()}.log"
TICK = os.sysconf("SC_CLK_TCK")
RUN = f"{os.getpid()}-{int(time.time())}"  # every edit new: no cache of an earlier run hits


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """CPU time of the serve process and its waited-for children (node, the kernel)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / TICK


def log_text() -> str:
    return LOG.read_text(errors="replace")


def reloads() -> int:
    return log_text().count("Reloading browsers")


def wait_reload(before: int, serve: subprocess.Popen, limit: float = 900) -> None:
    start = time.perf_counter()
    while reloads() <= before:
        if serve.poll() is not None or time.perf_counter() - start > limit:
            raise RuntimeError(f"no reload; the serve log ends:\n{log_text()[-3000:]}")
        time.sleep(0.02)


def write(path: Path, text: str) -> None:
    tmp = ROOT / ".edit-loop.tmp"  # outside the watched folders, same file system
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def edit_prose(text: str, n: int) -> str:
    return text + f"\n\nAn added line of prose, number {n} of run {RUN}.\n"


def edit_formula(text: str, n: int) -> str:
    return text + f"\n\nAn added line, with a new formula \\(x_{{{n}}} + {time.time_ns()}\\).\n"


def edit_snippet(text: str, n: int) -> str:
    return text + f"\n# an added comment {n} of run {RUN}\n"


def edit_notebook(text: str, n: int) -> str:
    nb = json.loads(text)
    cell = next(c for c in nb["cells"] if c.get("id") == "plot-md")
    cell["source"][-1] += f" (edit {n} of run {RUN})"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


PAGE_EDITS = [
    ("page edit (prose)", ROOT / "docs" / "chain-rule.md", edit_prose),
    ("page edit (new formula)", ROOT / "docs" / "chain-rule.md", edit_formula),
]
OTHER_EDITS = [
    (
        "snippet edit (the notebook imports it)",
        ROOT / "snippets" / "formula_to_code" / "loops.py",
        edit_snippet,
    ),
    ("notebook edit", ROOT / "docs" / "notebook.ipynb", edit_notebook),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="page edits of each kind")
    parser.add_argument("--pages-only", action="store_true", help="no snippet or notebook edit")
    parser.add_argument("--no-cache", action="store_true", help="serve's caches off, to compare")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "REPO_URL", "SITEBUILD_NO_SERVE_CACHE"):
        env.pop(name, None)
    if args.no_cache:
        env["SITEBUILD_NO_SERVE_CACHE"] = "1"
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr"]
    with LOG.open("w") as log:
        serve = subprocess.Popen(
            [*command, f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    plan = [(n, edit) for n in range(args.rounds) for edit in PAGE_EDITS]
    if not args.pages_only:
        plan += [(0, edit) for edit in OTHER_EDITS]
    results: dict[str, list] = {}
    try:
        start = time.perf_counter()
        while "Serving on" not in log_text():
            if serve.poll() is not None:
                raise RuntimeError(log_text()[-3000:])
            time.sleep(0.2)
        print(f"first build and serve: {time.perf_counter() - start:.1f} s", flush=True)
        time.sleep(2)
        for n, (name, path, edit) in plan:
            original = path.read_text(encoding="utf-8")
            try:
                before, cpu_before = reloads(), cpu_seconds(serve.pid)
                write(path, edit(original, n))
                saved = time.perf_counter()
                wait_reload(before, serve)
                wall = time.perf_counter() - saved
                cpu = cpu_seconds(serve.pid) - cpu_before
            finally:
                before = reloads()
                write(path, original)
            wait_reload(before, serve)  # the undo rebuilds too
            load = os.getloadavg()[0]
            results.setdefault(name, []).append({"wall": round(wall, 2), "cpu": round(cpu, 2)})
            print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU (load {load:.1f})", flush=True)
            time.sleep(1.5)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait()
    print(f"load average (1, 5, 15 min) at the end: {os.getloadavg()}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
