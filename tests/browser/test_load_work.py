"""What a phone's browser does while a page loads (issue 9; `make bench` measures the time).

mkdocs-material's start-up made Chromium restyle every element of the page up to four times
after the first full style: a <meta name="color-scheme"> added and then changed (removed by
the palette group of sitebuild/theme_material/asset_edits.py), instant navigation rewriting every
link and stylesheet address (off in mkdocs.yml), tables moved into their scroll wrappers straight
out of the article and the copy buttons added to each code block (both written at build time:
sitebuild/theme_material/markup.py). The tests add up, from a trace, how many
elements the browser styles while the page loads: once each, when nothing restyles them.
"""

from __future__ import annotations

import json

import pytest
from helpers import new_phone_page

# Pages with a table, tabs and code blocks. Not the notebook: JupyterLab's CSS gives its elements
# so many ::before and ::after boxes that its element count is no yardstick for the work.
HEAVY_PAGES = ["/code/", "/matrix/", "/mistakes/"]


def style_recalcs(browser, url: str, color_scheme: str = "light") -> tuple[list[int], dict]:
    """Loads url on a phone with a trace; returns the element count of every style recalc and a
    few facts about the loaded page."""
    page = new_phone_page(browser, color_scheme)
    browser.start_tracing(page=page, categories=["devtools.timeline"])
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)
    trace = json.loads(browser.stop_tracing())
    facts = page.evaluate(
        """() => ({
          elements: document.getElementsByTagName('*').length,
          colorSchemeMetas: document.querySelectorAll('meta[name="color-scheme"]').length,
          rootScheme: getComputedStyle(document.documentElement).colorScheme,
        })"""
    )
    page.context.close()
    counts = [
        event["args"]["elementCount"]
        for event in trace["traceEvents"]
        if event.get("name") == "UpdateLayoutTree" and "elementCount" in event.get("args", {})
    ]
    return counts, facts


@pytest.mark.browser
@pytest.mark.parametrize(
    "path,color_scheme",
    [(path, "light") for path in HEAVY_PAGES + ["/"]] + [("/code/", "dark")],
)
def test_the_page_is_styled_about_once(browser, site_url, path, color_scheme):
    """Before the fixes these pages styled 2 to 4.4 times their element count as they loaded
    (/code/: 24,000 for 5,465 elements); styled once, they stay near 1 (parsing styles the
    elements in chunks; ::before and ::after count too). In the dark palette too: it is set
    before the page has elements, not switched to after."""
    counts, facts = style_recalcs(browser, site_url + path, color_scheme)
    elements = facts["elements"]
    assert counts, "the trace recorded no style recalculation"
    assert sum(counts) <= 1.5 * elements, (
        f"{sum(counts)} element styles for {elements} elements; the big recalcs: "
        f"{[n for n in counts if n >= elements / 4]}"
    )


@pytest.mark.browser
def test_the_palette_adds_no_color_scheme_meta(browser, site_url):
    """Chromium restyles the whole document each time such a meta is added or changed."""
    _, facts = style_recalcs(browser, site_url + "/matrix/")
    assert facts["colorSchemeMetas"] == 0
    assert facts["rootScheme"] == "light dark", "the root no longer follows the reader's scheme"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/code/", "/mistakes/"])
def test_every_code_block_has_one_copy_button_that_copies_it(browser, site_url, path):
    page = new_phone_page(browser)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + path, wait_until="networkidle")
    blocks = page.evaluate(
        "() => [...document.querySelectorAll('pre > code')].map(code => "
        "code.parentElement.querySelectorAll('.md-code__button').length)"
    )
    visible = page.locator("pre:has(> code) .md-code__button:visible")
    last = visible.count() - 1
    visible.nth(last).click()
    page.locator(".md-dialog").wait_for(state="visible", timeout=3000)
    dialog = page.locator(".md-dialog").inner_text()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    shown = visible.nth(last).evaluate("b => b.closest('pre').querySelector('code').innerText")
    page.context.close()

    assert blocks and set(blocks) == {1}, f"copy buttons per code block: {blocks}"
    assert "Copied" in dialog
    assert copied == shown.rstrip() and copied.strip()


@pytest.mark.browser
def test_the_keyboard_reaches_every_copy_button(browser, site_url):
    """Tab from the top of /code/ to the footer passes every copy button a reader can see."""
    page = new_phone_page(browser)
    page.goto(site_url + "/code/", wait_until="networkidle")
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.md-code__button')]"
        ".filter(b => b.offsetParent !== null).length"
    )
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => { const el = document.activeElement;
              return {button: el.matches('.md-code__button') ? el.dataset.clipboardTarget : null,
                      footer: el.closest('.md-footer') !== null}; }"""
        )
        if where["button"]:
            reached.add(where["button"])
        if where["footer"]:
            break
    page.context.close()
    assert shown > 20
    assert len(reached) == shown, f"Tab reached {len(reached)} of {shown} copy buttons"


@pytest.mark.browser
def test_without_javascript_no_copy_button_shows(browser, site_url):
    """The buttons are in the HTML, but only material's script makes them copy."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/code/", wait_until="load")
    buttons = page.locator(".md-code__button")
    count, shown = buttons.count(), page.locator(".md-code__button:visible").count()
    context.close()
    assert count > 20 and shown == 0


def test_no_tab_rule_is_tried_on_every_element(site_dir):
    """The tabs group of sitebuild/theme_material/asset_edits.py names the label and the block
    at the end of material's per-position tab rules, so the browser tries them on those
    elements only."""
    (css,) = (site_dir / "assets" / "stylesheets").glob("main.*.min.css")
    text = css.read_text(encoding="utf-8")
    assert ".tabbed-labels>:" not in text and ".tabbed-content>:" not in text
    assert text.count(".tabbed-content>.tabbed-block:nth-child(") >= 19


@pytest.mark.browser
def test_each_tab_shows_its_own_block(browser, site_url):
    """Every position of the five-tab notation set: its block alone shows, its label is marked."""
    page = new_phone_page(browser)
    page.goto(site_url + "/notation/", wait_until="networkidle")
    tab_set = page.locator(".tabbed-set:has(.tabbed-labels > label:nth-child(5))").first
    labels = tab_set.locator(".tabbed-labels > label")
    states = []
    for n in range(labels.count()):
        labels.nth(n).click()
        page.mouse.move(0, 0)  # a hovered label has the marked label's colour
        page.wait_for_timeout(400)  # the labels' colours fade in 0.25 s
        states.append(
            tab_set.evaluate(
                """set => ({
                  shown: [...set.querySelectorAll(':scope > .tabbed-content > .tabbed-block')]
                    .map(block => getComputedStyle(block).display !== 'none'),
                  marked: [...set.querySelectorAll(':scope > .tabbed-labels > label')]
                    .map(label => getComputedStyle(label).color),
                })"""
            )
        )
    page.context.close()
    assert len(states) == 5
    for n, state in enumerate(states):
        assert state["shown"] == [i == n for i in range(5)], f"tab {n + 1}: {state['shown']}"
        others = {color for i, color in enumerate(state["marked"]) if i != n}
        assert len(others) == 1 and state["marked"][n] not in others, f"tab {n + 1}: {state}"
