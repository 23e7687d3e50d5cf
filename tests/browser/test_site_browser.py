"""Every page of the built site, loaded in real headless Chromium as a reader would."""

from __future__ import annotations

import pytest
from helpers import DESKTOP, PAGES, PHONE, open_page

# Lazy images load only near the viewport: load them all, so a broken one cannot hide.
LOAD_ALL_IMAGES = """async () => {
  await Promise.all([...document.querySelectorAll('img')].map(img => {
    img.loading = 'eager';
    return img.decode().catch(() => null);
  }));
}"""

PAGE_REPORT = """() => ({
  mathBlocks: document.querySelectorAll('.arithmatex').length,
  untypeset: [...document.querySelectorAll('.arithmatex')]
    .filter(el => !el.querySelector(':scope > math, :scope > .lb'))
    .map(el => el.textContent.slice(0, 80)),
  merrors: [...document.querySelectorAll('merror')].map(el => el.textContent.slice(0, 80)),
  brokenImages: [...document.querySelectorAll('img')]
    .filter(img => !img.complete || img.naturalWidth === 0)
    .map(img => img.getAttribute('src')),
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  // Drawn as MathML: a numerator sits above its denominator (an unknown element lays them flat).
  flatFractions: [...document.querySelectorAll('mfrac')]
    .filter(el => el.checkVisibility())
    .filter(el => el.children[0].getBoundingClientRect().bottom
                  > el.children[1].getBoundingClientRect().top + 1).length,
})"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_cleanly(browser, site_url, path, viewport):
    page, problems = open_page(browser, site_url + path, viewport)
    page.evaluate(LOAD_ALL_IMAGES)
    report = page.evaluate(PAGE_REPORT)
    page.context.close()

    assert problems["foreign_requests"] == [], "the page loads from another host"
    assert problems["console_errors"] == []
    assert report["merrors"] == [], "MathJax could not typeset some math"
    assert report["untypeset"] == [], "math left as raw TeX"
    assert report["flatFractions"] == 0, "fractions laid flat: the MathML is not drawn as math"
    assert report["brokenImages"] == []
    assert report["scrollWidth"] <= report["clientWidth"], "the page scrolls sideways"
