"""Benchmark (not a test): how long /check/ takes to give its verdicts in headless Chromium.

- first check: the reader presses Check on a fresh page; Pyodide, the wheels and the checker
  are downloaded and started, then the steps are checked (the chain-rule route, 20 steps);
- later check: another derivation on the same page (the checker already running);
- first check after a reload: the same as the first, with the files in the browser's cache.

Served as a static host would (gzip for text, Cache-Control: max-age=600). Prints the times and
the bytes fetched for the first check.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from bench.bench_lighthouse import build, find_chromium, serve  # noqa: E402
from sitebuild.check_page import CONTEXT_NOTATION, route_texts  # noqa: E402
from sitebuild.checking.learner_input import address  # noqa: E402
from sitebuild.steps import steps_in_markdown  # noqa: E402

DONE = """() => !document.querySelector('#check-results [data-verdict=pending]')
  && document.querySelectorAll('#check-results [data-verdict]').length > 0
  && !document.querySelector('#check-form button').disabled"""


def route_text(page: str) -> str:
    steps = steps_in_markdown((ROOT / "docs" / page).read_text(encoding="utf-8"))
    texts = route_texts(steps, "scalar")
    return next(text for notation, text in texts.values() if notation == CONTEXT_NOTATION["scalar"])


def timed_check(page, text: str) -> tuple[float, int, dict]:
    page.evaluate("hash => { location.hash = hash }", address("site", text, page=""))
    start = time.perf_counter()
    page.click("#check-form button[type=submit]")
    page.wait_for_function(DONE, timeout=600_000)
    seconds = time.perf_counter() - start
    verdicts = page.eval_on_selector_all(
        "#check-results li", "rows => rows.map(row => row.dataset.verdict)"
    )
    counts = {v: verdicts.count(v) for v in set(verdicts)}
    load_ms = int(page.get_attribute("#check-status", "data-load-ms") or 0)
    if load_ms:
        counts["load stages (ms)"] = page.get_attribute("#check-status", "data-load-stages")
    return seconds, load_ms, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, help="an existing build (default: build now)")
    args = parser.parse_args()
    executable = find_chromium()
    if executable is None:
        print("no Chromium found: install one with `apt-get install chromium`")
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            build(site_dir)
        server, base = serve(site_dir)
        chain, substitution = route_text("chain-rule.md"), route_text("substitution.md")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable)
            context = browser.new_context()
            page = context.new_page()
            fetched: list[int] = []
            page.on("requestfinished", lambda r: fetched.append(r.sizes()["responseBodySize"]))
            page.goto(base + "/check/")
            before = sum(fetched)
            first = timed_check(page, chain)
            first_bytes = sum(fetched) - before
            later = timed_check(page, substitution)
            page.reload()
            cached = timed_check(page, chain)
            browser.close()
        server.shutdown()

    print("| check | seconds | of which loading the checker | verdicts |")
    print("| --- | ---: | ---: | --- |")
    for name, (seconds, load_ms, counts) in (
        ("first (chain rule, 20 steps)", first),
        ("later, same page (substitution, 25 steps)", later),
        ("first after a reload (files cached)", cached),
    ):
        print(f"| {name} | {seconds:.1f} | {load_ms / 1000:.1f} | {counts} |")
    print(f"\nfetched for the first check: {first_bytes / 1e6:.1f} MB (compressed where text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
