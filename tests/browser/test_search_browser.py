"""Learners' words in the real search box, step links that copy, the 404 page: in Chromium."""

from __future__ import annotations

import re

import helpers
import pytest
from helpers import COUNT_SEARCHES, DESKTOP, PHONE, open_page, search_results

from sitebuild.permalinks import built_pages

SITE_URL = helpers.site_url()

# (what a learner types, the page that must come first)
QUERIES = [
    ("derivative of sigmoid", "/sigmoid-derivative/"),
    ("sigmoid derivative proof", "/sigmoid-derivative/"),
    ("why not mean squared error", "/convexity/"),
    ("is the cost function convex", "/convexity/"),
    ("vectorized gradient", "/matrix/"),
    ("matrix jacobian", "/matrix/"),
    ("canonical link", "/linear-regression-connection/"),
    ("same as linear regression", "/linear-regression-connection/"),
    ("cost is nan", "/mistakes/"),
    ("chain rule", "/chain-rule/"),
    ("without chain rule substitution", "/substitution/"),
    ("softmax gradient", "/softmax/"),
    ("hessian", "/newton/"),
    ("newton's method", "/newton/"),
    ("l2 regularization gradient", "/regularization/"),
    ("gradient check", "/code/"),
    ("notation theta", "/notation/"),
    ("log loss derivative", "/"),
    ("binary cross entropy gradient", "/"),
    ("dJ/dw", "/"),
    ("jupyter notebook", "/notebook/"),
]


def _search(page, query: str) -> str | None:
    """The page of the first result, once the search worker has answered the last keystroke."""
    results = search_results(page, query)
    return results[0][0] if results and results[0] else None


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    page, problems = open_page(browser, site_url + "/", DESKTOP)
    page.evaluate(COUNT_SEARCHES)
    page.locator("input.md-search__input").click()
    yield page, site_url
    page.context.close()
    assert problems["foreign_requests"] == []


@pytest.mark.browser
@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_learner_query_puts_the_right_page_first(search_page, query, expected):
    page, site_url = search_page
    top = _search(page, query)
    page.keyboard.press("Escape")
    assert top == expected, f"{query!r}: first result {top}, expected {expected}"


@pytest.mark.browser
def test_search_previews_show_no_raw_latex(search_page):
    page, _ = search_page
    _search(page, "sigmoid derivative")
    texts = page.eval_on_selector_all(  # TeX shown as code (the /check/ page) is meant
        ".md-search-result__article",
        """els => els.map(el => {
          const copy = el.cloneNode(true);
          copy.querySelectorAll("code").forEach(code => code.remove());
          return copy.textContent;
        })""",
    )
    page.keyboard.press("Escape")
    assert texts
    assert not [t for t in texts if re.search(r"\\(frac|left|right|partial|sigma|\(|\[)", t)]


def _page_with_steps(site_dir) -> str | None:
    for page in built_pages(site_dir):
        path = site_dir / page.lstrip("/") / "index.html"
        if 'class="step"' in path.read_text(encoding="utf-8"):
            return page
    return None


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_step_link_icon_shows_on_hover_and_copies_the_full_url(
    browser, site_dir, site_url, viewport, tmp_path
):
    target = _page_with_steps(site_dir)
    if target is None:
        pytest.skip("no derivation page with steps built yet")
    page, problems = open_page(browser, site_url + target, viewport)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    step = page.locator(".step").nth(1)
    step_id = step.get_attribute("id")
    link = step.locator(".headerlink")
    step.hover()
    page.wait_for_timeout(300)
    assert float(link.evaluate("el => getComputedStyle(el).opacity")) >= 0.5, "icon hidden"
    link.hover()
    page.wait_for_timeout(300)
    assert float(link.evaluate("el => getComputedStyle(el).opacity")) == 1
    box = link.bounding_box()
    assert box and 8 <= box["width"] <= 48 and 8 <= box["height"] <= 48, box
    page.screenshot(path=str(tmp_path / "step-hover.png"))
    link.click()
    dialog = page.locator(".md-dialog")
    dialog.wait_for(state="visible", timeout=3000)
    assert "Copied" in dialog.inner_text()
    page.screenshot(path=str(tmp_path / "step-copied.png"))
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{SITE_URL}{target}#{step_id}"
    page.mouse.wheel(0, 200)  # the address bar keeps the step the reader clicked, scrolled or not
    page.wait_for_timeout(500)
    assert page.url.endswith(f"#{step_id}"), "the address bar lost the step's anchor"
    page.context.close()
    assert problems["foreign_requests"] == [] and problems["console_errors"] == []


@pytest.mark.browser
def test_heading_link_copies_after_following_a_link(browser, site_url):
    page, problems = open_page(browser, site_url + "/", DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.evaluate("() => document.querySelector('a[href$=\"sigmoid-derivative/\"]').click()")
    page.wait_for_url("**/sigmoid-derivative/")
    page.wait_for_load_state("networkidle")
    heading = page.locator(".md-content h2[id]").first
    heading.hover()
    heading.locator(".headerlink").click()
    page.locator(".md-dialog").wait_for(state="visible", timeout=3000)
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == f"{SITE_URL}/sigmoid-derivative/#{heading.get_attribute('id')}"
    page.context.close()
    assert problems["foreign_requests"] == [] and problems["console_errors"] == []


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_404_page_searches_and_maps_the_site(browser, site_dir, site_url, viewport, tmp_path):
    page, problems = open_page(browser, site_url + "/404.html", viewport)
    links = page.eval_on_selector_all(
        ".not-found-sitemap a", "els => els.map(a => new URL(a.href).pathname)"
    )
    assert sorted(links) == sorted(built_pages(site_dir))
    report = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert report[0] <= report[1], "the 404 page scrolls sideways"
    page.screenshot(path=str(tmp_path / "404.png"), full_page=True)
    page.fill("#not-found-query", "derivative of sigmoid")
    page.press("#not-found-query", "Enter")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__item') !== null", timeout=5000
    )
    assert page.locator("input.md-search__input").input_value() == "derivative of sigmoid"
    page.context.close()
    assert problems["foreign_requests"] == [] and problems["console_errors"] == []
