"""Contrast in both palettes: axe-core's colour rules on every page, light and dark (issue 9).

Lighthouse's accessibility audit (tests/browser/test_lighthouse.py) sees the light palette only.
axe-core is the engine Lighthouse runs, pinned in package.json; here it checks every page as a
reader with either system preference gets it.
"""

from __future__ import annotations

import pytest
from helpers import DESKTOP, PAGES, ROOT, open_page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["color-contrast", "link-in-text-block"]

RUN_AXE = """async rules => {
  const result = await axe.run(document, {runOnly: {type: 'rule', values: rules}});
  return result.violations.map(v => ({
    rule: v.id,
    nodes: v.nodes.slice(0, 5)
      .map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n')[1]),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("color_scheme,palette", [("light", "default"), ("dark", "slate")])
@pytest.mark.parametrize("path", PAGES)
def test_every_colour_has_enough_contrast(
    browser, site_url, axe_source, path, color_scheme, palette
):
    page, problems = open_page(browser, site_url + path, DESKTOP, color_scheme)
    scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(RUN_AXE, RULES)
    page.context.close()
    assert scheme == palette
    assert violations == [], f"{path} ({palette}): {violations}"
