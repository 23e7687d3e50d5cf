"""What a screen reader gets: Chromium's accessibility tree holds the whole page (issue 9).

A screen reader reads the browser's accessibility tree, not the DOM, so axe (Lighthouse's
accessibility audit, which reads the DOM) cannot see content the browser leaves out of it.
Every heading of the article must be there with its words as its name and every formula as
math (the page's MathML is both what is drawn and what is read), from the top of the page to
the bottom, whether or not the reader has scrolled there.
"""

from __future__ import annotations

import re

import pytest
from helpers import PAGES, new_phone_page

HEADING = re.compile(r"h[1-6]")
MATH_ROLE = "MathMLMath"  # Chromium's role for a <math> element
# checkVisibility() is false under display: none and content-visibility: hidden (a closed
# <details>), true for content merely scrolled out of view.
SHOWN = """() => ({
  headings: [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]
    .map(el => el.checkVisibility()),
  formulas: [...document.querySelectorAll('article math')].map(el => el.checkVisibility()),
})"""


def text_of(node) -> str:
    """The text of a node, leaving out formulas (their name comes from MathML)."""
    if node["nodeType"] == 3:
        return node["nodeValue"]
    if node.get("localName") == "math":
        return " "
    return "".join(text_of(child) for child in node.get("children", []))


def walk(node, inside_article=False):
    inside_article = inside_article or node.get("localName") == "article"
    if inside_article:
        yield node
    for child in node.get("children", []):
        yield from walk(child, inside_article)


def words(text: str) -> str:
    return " ".join(text.replace("¶", " ").split())


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_screen_readers_get_every_heading_and_formula(browser, site_url, path):
    page = new_phone_page(browser)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")  # as when a screen reader runs: before the page loads
    page.goto(site_url + path, wait_until="networkidle")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    # Content in a closed <details> or an unselected tab is hidden from everyone until opened.
    shown = page.evaluate(SHOWN)
    exposed = {
        node["backendDOMNodeId"]: node
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]
        if "backendDOMNodeId" in node and not node.get("ignored")
    }
    page.context.close()

    article = list(walk(root))
    headings = [n for n in article if HEADING.fullmatch(n.get("localName", ""))]
    formulas = [n for n in article if n.get("localName") == "math"]
    headings = [n for n, on in zip(headings, shown["headings"], strict=True) if on]
    formulas = [n for n, on in zip(formulas, shown["formulas"], strict=True) if on]
    assert headings and formulas, "nothing to check"

    unnamed = []
    for heading in headings:
        node = exposed.get(heading["backendNodeId"])
        name = words((node or {}).get("name", {}).get("value", ""))
        said = all(word in name for word in words(text_of(heading)).split())
        if not node or node["role"]["value"] != "heading" or not name or not said:
            unnamed.append(words(text_of(heading)))
    assert unnamed == [], f"{path}: headings a screen reader cannot read: {unnamed}"

    missing = []
    for i, formula in enumerate(formulas):
        node = exposed.get(formula["backendNodeId"], {})
        if node.get("role", {}).get("value") != MATH_ROLE or not node.get("childIds"):
            missing.append(i)
    assert missing == [], f"{path}: {len(missing)} of {len(formulas)} formulas not exposed as math"
