"""Math is typeset at build time (hooks/prerender_math.py): pages ship MathJax's output only."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from css_trim import page_classes, trim_css
from math_fonts import chars_by_font

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
    published = {font.name for font in fonts_dir.iterdir()}
    assert published == fonts, "fonts published but never used, or used but missing"
    # Subset to the site's characters: the whole New Computer Modern set is 2.4 MB.
    assert sum((fonts_dir / font).stat().st_size for font in fonts) < 60_000


def test_layout_fonts_are_added_before_the_page_is_laid_out(site_dir):
    """The FontFace script comes before the stylesheet and the body, and carries real fonts."""
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        if "mjx-container" not in text:
            continue
        head = text[: text.index("</head>")]
        script = re.search(r"<script>for\(const\[n,b\]of (\[.*?\]\])\)", head)
        assert script, f"{path.relative_to(site_dir)}: no layout-font script in the head"
        assert script.start() < STYLESHEET.search(head).start()
        faces = dict(json.loads(script.group(1)))
        assert set(faces) == {"MJX-NCM-ZERO", "MJX-BRK"}
        assert all(base64.b64decode(data)[:4] == b"wOF2" for data in faces.values())


def test_chars_by_font_follows_the_nearest_variant_class():
    markup = (
        '<mjx-container><mjx-math class="NCM-N"><mjx-mi><mjx-c>x</mjx-c></mjx-mi>'
        '<mjx-mo class="NCM-S3"><mjx-c>(</mjx-c></mjx-mo><mjx-break> </mjx-break>'
        '<mjx-mi class="NCM-B-a"><mjx-c class="NCM-LO">\u2211</mjx-c><mjx-c>y</mjx-c></mjx-mi>'
        "</mjx-math><mjx-assistive-mml><math><mi>q</mi></math></mjx-assistive-mml>"
        "</mjx-container>"
    )
    assert chars_by_font([markup]) == {
        "mjx-ncm-n": {"x"},
        "mjx-ncm-s3": {"("},
        "mjx-ncm-lo": {"\u2211"},
        "mjx-ncm-b-a": {"y"},
    }


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
