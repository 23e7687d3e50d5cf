"""Lighthouse's deterministic audits (accessibility, SEO, best practices) on representative pages.

Performance is measured by `make bench` (bench/bench_lighthouse.py), not tested: its numbers
depend on the machine. Needs Chromium and `npm ci` (lighthouse); without them the test skips
(fails with REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import pytest
from helpers import LIGHTHOUSE, failed_audits, find_chromium, missing_browser, run_lighthouse

CATEGORIES = ["accessibility", "best-practices", "seo"]
# The home page (tabs), the longest derivation (underbraces), the notebook (mkdocs-jupyter).
PAGES = ["/", "/matrix/", "/notebook/"]


@pytest.fixture(scope="session")
def lighthouse_ready():
    if find_chromium() is None or not LIGHTHOUSE.exists():
        missing_browser("Lighthouse needs Chromium (apt-get install chromium) and `npm ci`")


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_scores_100(lighthouse_ready, site_url, path):
    lhr = run_lighthouse(site_url + path, CATEGORIES)
    failures = {c: failed_audits(lhr, c) for c in CATEGORIES if lhr["categories"][c]["score"] < 1}
    assert failures == {}, f"{path}: audits that lose points: {failures}"
