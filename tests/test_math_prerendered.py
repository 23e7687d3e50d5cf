"""Math is typeset at build time (hooks/prerender_math.py): pages ship MathJax's output only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from css_trim import page_classes, trim_css

ARITHMATEX = re.compile(
    r'<(span|div) class="(?:[^"]* )?arithmatex(?: [^"]*)?"[^>]*>(.*?)</mjx-container>', re.S
)
CLIENT_MATHJAX = re.compile(r"tex-chtml\.js|tex-mml-chtml|data-mkdocs-jupyter-mathjax|MathJax\s*=")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*assets/mathjax/chtml\.\w+\.css)"')


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_no_page_ships_mathjax_client(site_dir):
    offenders = [
        str(p.relative_to(site_dir))
        for p in html_pages(site_dir)
        if CLIENT_MATHJAX.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "these pages still load MathJax in the browser"
    assert not (site_dir / "assets" / "mathjax" / "tex-chtml.js").exists()


def test_every_formula_is_typeset_with_assistive_mathml(site_dir):
    total = 0
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        opened = len(re.findall(r'class="(?:[^"]* )?arithmatex(?: [^"]*)?"', text))
        typeset = ARITHMATEX.findall(text)
        name = path.relative_to(site_dir)
        assert len(typeset) == opened, f"{name}: math left as raw TeX"
        for _, markup in typeset:
            assert markup.lstrip().startswith("<mjx-container"), f"{name}: {markup[:80]}"
            assert "<mjx-assistive-mml" in markup and "<math " in markup, f"{name}: no MathML"
            assert "mjx-merror" not in markup, f"{name}: MathJax error"
            assert "\\(" not in markup and "\\[" not in markup, f"{name}: TeX delimiters left"
        total += len(typeset)
    assert total > 100


def test_stylesheet_and_fonts_are_served(site_dir):
    fonts_dir = site_dir / "assets" / "mathjax" / "woff2"
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        if "mjx-container" not in text:
            continue
        href = STYLESHEET.search(text)
        assert href, f"{path.relative_to(site_dir)} does not link MathJax's stylesheet"
        if path.name != "404.html":
            css_path = (path.parent / href.group(1)).resolve()
            assert css_path.is_file(), href.group(1)
    css = next((site_dir / "assets" / "mathjax").glob("chtml.*.css")).read_text(encoding="utf-8")
    fonts = set(re.findall(r'url\("woff2/([^"]+)"\)', css))
    assert fonts and all((fonts_dir / font).is_file() for font in fonts)


@pytest.mark.parametrize(
    ("css", "classes", "expected"),
    [
        (".a{x:1}.b{y:2}", {"a"}, ".a{x:1}"),
        (".a,.b .c{x:1}", {"b", "c"}, ".b .c{x:1}"),
        (".a:not(.z){x:1}", {"a"}, ".a:not(.z){x:1}"),
        ("@media (x){.a{x:1}.b{y:1}}@media (y){.b{y:1}}", {"a"}, "@media (x){.a{x:1}}"),
        ('@charset "UTF-8";p{c:"}"}.q{x:1}', set(), 'p{c:"}"}'),
        ("/* c */.a{x:1}", {"a"}, ".a{x:1}"),
    ],
)
def test_trim_css(css, classes, expected):
    assert trim_css(css, classes) == expected


def test_page_classes():
    assert page_classes('<p class="a b"><i class="c">') == {"a", "b", "c"}
