"""Every component of material a reader uses still mounts on the built site (the theme boundary,
sitebuild/theme_material/, is tested in tests/site_build/test_theme_material.py)."""

from __future__ import annotations

import json

import pytest
from helpers import new_phone_page


@pytest.mark.browser
def test_every_component_still_mounts(browser, site_url):
    """What material's script does for a reader."""
    page = new_phone_page(browser)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/matrix/", wait_until="networkidle")
    tables = page.evaluate(
        "() => [...document.querySelectorAll('article table')]"
        ".map(t => t.closest('.md-typeset__scrollwrap').querySelectorAll('table').length)"
    )
    linked_tabs = page.locator(".tabbed-labels--linked").count()
    active_toc = """() => [...document.querySelectorAll(
      '.md-sidebar--secondary .md-nav__link--active')]
      .map(a => a.getAttribute('href')).pop() ?? null"""
    at_top = page.evaluate(active_toc)
    page.mouse.wheel(0, 4000)
    page.wait_for_function(f"() => ({active_toc})() !== {json.dumps(at_top)}")  # toc.follow
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")  # navigation.top
    header = page.locator("[data-md-component=header-title]").get_attribute("class")
    page.context.close()

    assert tables and set(tables) == {1}, "a table is wrapped twice, or not at all"
    assert linked_tabs > 0, "content.tabs.link did not mount"
    assert "md-header__title--active" in header, "the header does not show the page title"


@pytest.mark.browser
def test_materials_script_starts_once_the_page_is_parsed_and_drawn(browser, site_url):
    """main.html's loader: when material's script first runs (it sets window.document$ as it
    finishes), the document is parsed and its first paint is past; its components mount all the same
    (the DOMContentLoaded it listens for is sent again)."""
    page = new_phone_page(browser)
    page.add_init_script(
        """Object.defineProperty(window, "document$", {
          configurable: true,
          set(value) {
            window.__materialStarted = {
              readyState: document.readyState,
              at: performance.now(),
            };
            Object.defineProperty(window, "document$", {value, writable: true});
          },
        });"""
    )
    page.goto(site_url + "/newton/", wait_until="networkidle")
    page.wait_for_function("() => window.__materialStarted")
    started = page.evaluate("window.__materialStarted")
    first_paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"
    )
    page.locator("label[for=__search]").first.click()
    page.locator("[data-md-component=search-query]").press_sequentially("hessian")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    page.context.close()
    assert started["readyState"] in ("interactive", "complete"), started
    assert first_paint is not None and first_paint < started["at"], (first_paint, started)
