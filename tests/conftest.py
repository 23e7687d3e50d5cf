"""Shared fixtures: the built site, a local server for it, and headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import ROOT, find_chromium, missing_browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Timing-sensitive browser tests (Lighthouse's blocking time, layout measured while loading).
BROWSER_LAST = ("test_lighthouse.py", "test_layout_stability.py")


def pytest_collection_modifyitems(config, items):
    """The timing-sensitive browser tests come last, once the other worker is idle."""
    items.sort(key=lambda item: item.path.name in BROWSER_LAST)


# /check/ in WebKit drives a browser of its own and measures no time: it runs on the other
# worker, beside the Chromium tests (collected early, so long before the timing-sensitive ones).
OWN_BROWSER = "tests/browser/test_check_webkit.py"


def pytest_xdist_make_scheduler(config, log):
    """`make test` runs two pytest-xdist workers: tests/browser/ goes to one of them as one unit
    (one browser for the session, the tests in collection order) while the other runs the
    CPU-bound checks and OWN_BROWSER; every other test is a unit of its own."""
    from xdist.scheduler import LoadScopeScheduling

    class BrowserTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.startswith(OWN_BROWSER):
                return OWN_BROWSER
            return "tests/browser/" if nodeid.startswith("tests/browser/") else nodeid

    return BrowserTestsTogether(config, log)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The built site: $SITE_DIR when `make test` has just built it, else a fresh strict build."""
    if os.environ.get("SITE_DIR"):
        path = Path(os.environ["SITE_DIR"]).resolve()
        assert (path / "index.html").is_file(), f"SITE_DIR={path} holds no built site"
        return path
    path = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(path)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly."""

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Serves the built site on 127.0.0.1 and returns its base URL (no trailing slash)."""
    handler = functools.partial(_SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium via Playwright; without one, skips (fails with REQUIRE_BROWSER=1)."""
    executable = find_chromium()
    if executable is None:
        missing_browser("no Chromium found: install one with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
