"""Phone-first equations (sitebuild/math_linebreak.py) in Chromium, WebKit and Firefox.

At 320 and 375 px (and at desktop width) no display equation is wider than its column, no line
of text is widened by an inline formula, every formula is laid out with a box, the page does not
scroll sideways and loads nothing from another host. Formulas hidden in an unselected content
tab are shown for the count (they share the column of the selected one).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from engines import (
    VirtualScreen,
    firefox_missing,
    firefox_profile,
    firefox_screenshot,
    open_in_frame,
    start_webkit,
    webkit_missing,
)
from helpers import PAGES, missing_browser
from PIL import Image, ImageStat

PHONES = [320, 375]
NARROWEST_DESKTOP = 720  # material's layout for phones ends at 44.984375em
DESKTOP = 1280
LOOKED_AT = ["/", "/sigmoid-derivative/", "/substitution/", "/matrix/"]

# One function for every engine: what a reader would see cut off, widened or missing.
LAYOUT = """() => {
  const shown = el => el.getClientRects().length > 0;
  for (const block of document.querySelectorAll('.tabbed-content > .tabbed-block')) {
    block.style.display = 'block';
  }
  const where = el => {
    const step = el.closest('[id]');
    return (step ? '#' + step.id + ' ' : '') + el.textContent.slice(0, 50);
  };
  const report = {displays: 0, wide: [], widened: [], empty: [], cut: [], apart: []};
  for (const box of document.querySelectorAll('div.arithmatex')) {
    if (!shown(box)) continue;
    report.displays += 1;
    const edges = box.getBoundingClientRect();
    const maths = [...box.querySelectorAll('math')].filter(shown)
      .map(m => m.getBoundingClientRect());
    const over = Math.max(box.scrollWidth - box.clientWidth,
      Math.max(...maths.map(r => r.right)) - edges.right,
      edges.left - Math.min(...maths.map(r => r.left)));
    if (over > 0.5) report.wide.push([where(box), Math.round(over)]);
  }
  for (const math of document.querySelectorAll('span.arithmatex > math')) {
    if (!shown(math) || math.closest('.md-typeset__table')) continue;
    const block = math.closest('p, li, td, th, dd, dt, .step-why, .admonition-title, article');
    const style = getComputedStyle(block);
    const right = block.getBoundingClientRect().right - parseFloat(style.paddingRight)
      - parseFloat(style.borderRightWidth);
    const over = math.getBoundingClientRect().right - right;
    if (over > 0.5) report.widened.push([where(block), Math.round(over)]);
  }
  for (const math of document.querySelectorAll('math')) {
    const r = math.getBoundingClientRect();
    if (shown(math) && (r.width === 0 || r.height === 0)) report.empty.push(where(math));
  }
  // One of a cut formula's two forms is shown: its pieces on a phone, else the whole.
  for (const box of document.querySelectorAll('div.arithmatex:has(> .lb)')) {
    if (!shown(box)) continue;
    report.cut.push([shown(box.querySelector(':scope > .lb')),
                     shown(box.querySelector(':scope > .lb-whole'))]);
  }
  // A step's number and link icon stay beside its equation and reason.
  for (const step of document.querySelectorAll('.step')) {
    if (!shown(step)) continue;
    const body = step.querySelector('.step-body').getBoundingClientRect();
    const number = step.querySelector('.step-no').getBoundingClientRect();
    const link = step.querySelector('.headerlink').getBoundingClientRect();
    const beside = number.right <= body.left + 1 && link.left >= body.right - 1
      && [number, link].every(r => r.bottom > body.top && r.top < body.bottom);
    if (!beside) report.apart.push(step.id);
  }
  report.pageOverflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  report.requests = performance.getEntriesByType('resource').map(e => e.name);
  return report;
}"""


def foreign(urls: list[str], origin: str) -> list[str]:
    return [u for u in urls if urlsplit(u).scheme in ("http", "https") and origin not in u]


def check(report: dict, origin: str, width: int) -> None:
    assert report["wide"] == [], (
        f"{len(report['wide'])} of {report['displays']} display equations wider than their "
        f"column at {width} px: {report['wide']}"
    )
    assert report["widened"] == [], f"inline math widens its line: {report['widened']}"
    assert report["empty"] == [], f"formulas laid out without a box: {report['empty']}"
    assert report["apart"] == [], f"step number or link icon not beside: {report['apart']}"
    assert report["pageOverflow"] <= 0, "the page scrolls sideways"
    assert foreign(report["requests"], origin) == [], "the page loads from another host"
    phone = width < NARROWEST_DESKTOP
    shown = "the pieces" if phone else "the whole formula"
    assert all(c == [phone, not phone] for c in report["cut"]), f"{shown} not shown alone"


@pytest.mark.browser
@pytest.mark.parametrize("width", [*PHONES, NARROWEST_DESKTOP, DESKTOP])
@pytest.mark.parametrize("path", PAGES)
def test_chromium_fits_every_equation(browser, site_url, path, width):
    phone = width < NARROWEST_DESKTOP
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path, wait_until="networkidle")
    page.evaluate("() => document.fonts.ready")
    report = page.evaluate(LAYOUT)
    context.close()
    report["requests"] += requests
    check(report, urlsplit(site_url).netloc, width)


@pytest.fixture(scope="session")
def webkit():
    """WebKitGTK, one for the session; skips (fails with REQUIRE_BROWSER=1) without it."""
    if reason := webkit_missing():
        missing_browser(reason)
    screen = VirtualScreen()
    driver = start_webkit(screen.display)
    yield driver
    driver.quit()
    screen.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [*PHONES, DESKTOP])
@pytest.mark.parametrize("path", PAGES)
def test_webkit_fits_every_equation(webkit, site_url, path, width):
    open_in_frame(webkit, site_url + "/404.html", site_url + path, width)
    assert webkit.execute_script("return innerWidth") == width
    assert "AppleWebKit" in webkit.execute_script("return navigator.userAgent")
    report = webkit.execute_script(f"return ({LAYOUT})()")
    check(report, urlsplit(site_url).netloc, width)


def screenshot_dir(tmp_path_factory) -> Path:
    """$SCREENSHOT_DIR to keep the pictures and look at them, else a temporary directory."""
    if os.environ.get("SCREENSHOT_DIR"):
        path = Path(os.environ["SCREENSHOT_DIR"])
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


def drawn(png: Path, width: int) -> bool:
    """A picture of the page, not an empty window: the right width and many colours."""
    image = Image.open(png).convert("RGB")
    return image.width == width and len(image.getcolors(maxcolors=1 << 24)) > 50


@pytest.fixture(scope="session")
def firefox_profiles(tmp_path_factory):
    if reason := firefox_missing():
        missing_browser(reason)
    base = tmp_path_factory.mktemp("firefox")
    return {
        scheme: firefox_profile(base / scheme, dark=scheme == "dark")
        for scheme in ("light", "dark")
    }


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_firefox_draws_every_page_at_375(firefox_profiles, site_url, path, tmp_path_factory):
    out = screenshot_dir(tmp_path_factory) / f"firefox-{path.strip('/') or 'home'}-375-light.png"
    firefox_screenshot(firefox_profiles["light"], site_url + path, out, 375, 2400)
    assert drawn(out, 375), f"Firefox drew nothing for {path}"


@pytest.mark.browser
@pytest.mark.parametrize("path", LOOKED_AT)
def test_firefox_draws_the_dark_palette(firefox_profiles, site_url, path, tmp_path_factory):
    out = screenshot_dir(tmp_path_factory) / f"firefox-{path.strip('/') or 'home'}-375-dark.png"
    firefox_screenshot(firefox_profiles["dark"], site_url + path, out, 375, 2400)
    assert drawn(out, 375)
    top = Image.open(out).convert("L").crop((0, 200, 375, 600))
    assert ImageStat.Stat(top).mean[0] < 100, "the dark palette is not dark"
