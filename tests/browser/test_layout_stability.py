"""The page does not jump while it loads, and a link to a step lands on that step (issue 9).

The math font: sitebuild/math_fonts.py subsets it and adds it from its bytes before the first
layout. A reader who follows a link to one step of a long page lands on that step.
"""

from __future__ import annotations

import pytest
from helpers import PAGES, PHONE, new_phone_page

from sitebuild.math_fonts import FAMILY

MATH_BOXES = """() => [...document.querySelectorAll('.arithmatex math')].map(el => {
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


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_math_is_laid_out_once_with_its_font(browser, site_url, path):
    """The math font is there before the first layout: no font file is fetched, and every math
    box is where it will stay as soon as the document is parsed."""
    page = new_phone_page(browser)
    fonts_fetched = []
    page.on("request", lambda r: fonts_fetched.append(r.url) if r.resource_type == "font" else 0)
    page.goto(site_url + path, wait_until="domcontentloaded")
    before = page.evaluate(MATH_BOXES)
    ready_at_parse = page.evaluate(f"() => document.fonts.check('16px {FAMILY}')")
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.fonts.ready")
    after = page.evaluate(MATH_BOXES)
    page.context.close()

    assert ready_at_parse, "the math font was not ready when the document was parsed"
    assert fonts_fetched == [], "a font file was fetched: something draws with a font it lacks"
    assert len(before) == len(after) > 0
    moved = [(i, a, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert moved == [], f"{len(moved)} formulas moved while the page loaded, e.g. {moved[:3]}"


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


def math_fonts_used(page) -> dict[str, set[str]]:
    """{font family: characters drawn with it} over every token element of every formula."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    used: dict[str, set[str]] = {}
    for node in math_tokens(root):
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]:
            key = font["familyName"] if font["isCustomFont"] else f"system: {font['familyName']}"
            used.setdefault(key, set()).update(node["children"][0]["nodeValue"])
    return used


def math_tokens(node):
    """The <mi>, <mn>, <mo> and <mtext> elements whose own text is drawn."""
    children = node.get("children", [])
    if node.get("localName") in ("mi", "mn", "mo", "mtext"):
        if any(c["nodeType"] == 3 and c["nodeValue"].strip() for c in children):
            yield node
    for child in children:
        yield from math_tokens(child)


@pytest.mark.browser
def test_every_math_glyph_is_drawn_with_the_math_font(browser, site_url):
    """No character falls back to a system font (the subset font lacks nothing)."""
    drawn = set()
    for path in PAGES:
        page = new_phone_page(browser)
        page.goto(site_url + path, wait_until="networkidle")
        page.evaluate("() => document.fonts.ready")
        used = math_fonts_used(page)
        page.context.close()
        assert set(used) == {"STIX Two Math"}, f"{path}: math drawn with {used}"
        drawn |= used["STIX Two Math"]
    assert {"∑", "σ", "∂", "⊤", "𝐰", "=", "−"} <= drawn


@pytest.mark.browser
def test_without_javascript_the_math_font_comes_from_its_file(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/matrix/", wait_until="networkidle")
    page.evaluate("() => document.fonts.ready")
    used = math_fonts_used(page)
    context.close()
    assert set(used) == {"STIX Two Math"}, used


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
    """The palette group of sitebuild/theme_material/asset_edits.py drops material's rule that
    restyles every element on load."""
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


FIRST_FRAME_SCHEME = """
requestAnimationFrame(() => { window.__firstFrameScheme = document.body.dataset.mdColorScheme; });
"""


@pytest.mark.browser
@pytest.mark.parametrize("color_scheme,palette", [("light", "default"), ("dark", "slate")])
def test_the_first_frame_has_the_readers_palette(browser, site_url, color_scheme, palette):
    """On a first visit (nothing stored) the page is drawn in the palette the reader's system
    prefers from its first frame: no flash of the light palette for a dark-mode reader."""
    page = new_phone_page(browser, color_scheme)
    page.add_init_script(FIRST_FRAME_SCHEME)
    page.goto(site_url + "/matrix/", wait_until="networkidle")
    first, last = page.evaluate(
        "() => [window.__firstFrameScheme, document.body.dataset.mdColorScheme]"
    )
    page.context.close()
    assert (first, last) == (palette, palette)


@pytest.mark.browser
def test_a_stored_palette_beats_the_system_preference(browser, site_url):
    """A dark-mode reader who picked the light palette gets it on the next page, from its first
    frame (material's own script applies the stored choice)."""
    page = new_phone_page(browser, "dark")
    page.add_init_script(FIRST_FRAME_SCHEME)
    page.goto(site_url + "/matrix/", wait_until="networkidle")
    page.click("label.md-header__button[for^='__palette']:not([hidden])")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    page.goto(site_url + "/newton/", wait_until="networkidle")
    first, last = page.evaluate(
        "() => [window.__firstFrameScheme, document.body.dataset.mdColorScheme]"
    )
    page.context.close()
    assert (first, last) == ("default", "default")
