"""The page does not jump while it loads, and a link to a step lands on that step (issue 9).

Math fonts: hooks/math_fonts.py subsets them and adds the two that decide the layout before
the first layout. A reader who follows a link to one step of a long page lands on that step.
"""

from __future__ import annotations

import pytest
from test_site_browser import PAGES, PHONE

MATH_BOXES = """() => [...document.querySelectorAll('mjx-container')].map(el => {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + scrollX), Math.round(r.top + scrollY), Math.round(r.width),
          Math.round(r.height)];
})"""

RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({type: 'layout-shift', buffered: true});
"""


def new_phone_page(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    return context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_math_does_not_move_when_its_fonts_arrive(browser, site_url, path):
    """Every math box is where it will stay while the font files are still on their way."""
    page = new_phone_page(browser)
    held, holding = [], [True]
    page.route("**/*.woff2", lambda route: held.append(route) if holding else route.continue_())
    page.goto(site_url + path, wait_until="domcontentloaded")  # "load" would wait for the fonts
    page.wait_for_function("() => document.fonts.status === 'loading'")
    before = page.evaluate(MATH_BOXES)
    assert held, "no math font was requested: the test holds nothing back"
    holding.clear()
    for route in held:
        route.continue_()
    page.evaluate("() => document.fonts.ready")
    page.wait_for_function("() => [...document.fonts].every(f => f.status !== 'loading')")
    after = page.evaluate(MATH_BOXES)
    page.context.close()

    assert len(before) == len(after) > 0
    moved = [(i, a, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert moved == [], f"{len(moved)} formulas moved when the fonts loaded, e.g. {moved[:3]}"


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_loading_shifts_nothing(browser, site_url, path):
    """Cumulative layout shift while the page loads, as a phone shows it: the budget is 0.02."""
    page = new_phone_page(browser)
    page.add_init_script(RECORD_SHIFTS)
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    shifts = page.evaluate("() => window.__shifts")
    page.context.close()
    assert sum(shifts) <= 0.02, f"layout shifts {shifts}"


@pytest.mark.browser
def test_every_math_glyph_is_drawn_with_the_math_fonts(browser, site_url):
    """No character falls back to a system font (the subset fonts lack nothing)."""
    glyphs_checked = 0
    for path in PAGES:
        page = new_phone_page(browser)
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate("() => document.fonts.ready")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
        system_fonts = {}
        for node in math_text_elements(root):
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            for font in fonts:
                glyphs_checked += font["glyphCount"]
                if not font["isCustomFont"]:
                    system_fonts[font["familyName"]] = node["children"][0]["nodeValue"]
        page.context.close()
        assert system_fonts == {}, f"{path}: math drawn with system fonts {system_fonts}"
    assert glyphs_checked > 5000


def math_text_elements(node, inside_math=False):
    """The mjx-* elements (outside the assistive MathML) whose own text is drawn."""
    name = node.get("localName", "")
    if name == "mjx-assistive-mml":
        return
    inside_math = inside_math or name == "mjx-math"
    children = node.get("children", [])
    if inside_math and name.startswith("mjx-") and name != "mjx-break":
        if any(c["nodeType"] == 3 and c["nodeValue"].strip() for c in children):
            yield node
    for child in children:
        yield from math_text_elements(child, inside_math)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/matrix/", "/chain-rule/", "/substitution/"])
def test_link_to_a_late_step_lands_on_it(browser, site_url, path):
    """A pasted link to a step far down a long page shows that step at the top, and it stays."""
    page = new_phone_page(browser)
    page.goto(site_url + path, wait_until="networkidle")
    # Far down the page, but not so near its end that the page cannot scroll the step to the top.
    steps = page.evaluate("() => [...document.querySelectorAll('.step[id]')].map(s => s.id)")
    last = steps[-4]
    page.context.close()

    page = new_phone_page(browser)
    page.goto(f"{site_url}{path}#{last}", wait_until="networkidle")
    page.wait_for_timeout(1000)
    where = page.evaluate(
        """id => ({
          top: document.getElementById(id).getBoundingClientRect().top,
          header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          scrolled: scrollY,
        })""",
        last,
    )
    page.context.close()
    assert where["scrolled"] > 1000, f"the page did not scroll to #{last}"
    assert where["header"] - 2 <= where["top"] <= where["header"] + 48, (
        f"#{last} is at {where['top']:.0f} px, the header ends at {where['header']:.0f} px"
    )


def test_palette_switch_restyles_nothing_on_load(site_dir):
    """hooks/site_hooks.py drops material's rule that restyles every element on each load."""
    (css,) = (site_dir / "assets" / "stylesheets").glob("palette.*.min.css")
    text = css.read_text(encoding="utf-8")
    assert "[data-md-color-switching] *" not in text


@pytest.mark.browser
def test_palette_toggle_still_switches(browser, site_url):
    page = new_phone_page(browser)
    page.goto(site_url + "/matrix/", wait_until="networkidle")
    before = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.click("label.md-header__button[for^='__palette']:not([hidden])")
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme !== '{before}'")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.context.close()
    assert before == "default"
    assert background != "rgb(255, 255, 255)", "the dark palette did not apply"
