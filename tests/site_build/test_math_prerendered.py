"""Math is typeset at build time (sitebuild/typeset_math.py): pages ship MathML Core only."""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from sitebuild import typeset_math
from sitebuild.css_trim import page_classes, trim_css
from sitebuild.math_fonts import FAMILY, FILE_FAMILY, FONT, math_chars
from sitebuild.mathml_core import styled, to_core

ARITHMATEX = re.compile(
    r'<(span|div) class="(?:[^"]* )?arithmatex(?: [^"]*)?"[^>]*>(.*?)</\1>', re.S
)
LINE_PIECES = re.compile(
    r'(?:<math class="lb-whole"(?: display="block")?>.*?</math>)?'
    r'(?:<span class="lb[\w-]*">|</span>|<wbr>|<math(?: displaystyle="true")?>.*?</math>)+',
    re.S,
)
CLIENT_MATHJAX = re.compile(r"tex-chtml\.js|tex-mml-chtml|data-mkdocs-jupyter-mathjax|MathJax\s*=")
FONT_SCRIPT = re.compile(r'<script src="([^"]*assets/math/font\.\w+\.js)"></script>')
FONT_FILE = re.compile(r'src:url\("([^"]*assets/math/stix-two-math\.\w+\.woff2)"\)')


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def test_no_page_ships_mathjax_client(site_dir):
    offenders = [
        str(p.relative_to(site_dir))
        for p in html_pages(site_dir)
        if CLIENT_MATHJAX.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "these pages still load MathJax in the browser"
    assert not (site_dir / "assets" / "mathjax").exists()


def test_every_formula_is_mathml_core(site_dir):
    total = 0
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        opened = len(re.findall(r'class="(?:[^"]* )?arithmatex(?: [^"]*)?"', text))
        typeset = ARITHMATEX.findall(text)
        name = path.relative_to(site_dir)
        assert len(typeset) == opened, f"{name}: math left as raw TeX"
        for tag, markup in typeset:
            # A div holds display math, or a notebook output typeset by SymPy as \displaystyle.
            display = '( display="block")?' if tag == "div" else ""
            whole = re.fullmatch(f"<math{display}>.*</math>", markup, re.S)
            # or cut into pieces a phone's column can wrap (hooks/math_linebreak.py)
            assert whole or LINE_PIECES.fullmatch(markup), f"{name}: {markup[:80]}"
            assert "<merror" not in markup, f"{name}: MathJax error"
            assert "\\(" not in markup and "\\[" not in markup, f"{name}: TeX delimiters left"
            assert not re.search(r'mathvariant="(?!normal")|data-|mjx-', markup), markup[:200]
        total += len(typeset)
    assert total > 100


def test_every_page_loads_the_math_font_in_its_head(site_dir):
    """The script that adds the font, then a fallback @font-face rule, both in the head."""
    scripts, files = set(), set()
    for path in html_pages(site_dir):
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        name = path.relative_to(site_dir)
        script, font = FONT_SCRIPT.search(head), FONT_FILE.search(head)
        assert script and font, f"{name}: no math font in the head"
        if path.name != "404.html":  # the 404 page uses absolute paths
            assert (path.parent / script[1]).resolve().is_file()
            assert (path.parent / font[1]).resolve().is_file()
        scripts.add(script[1].rsplit("/", 1)[1])
        files.add(font[1].rsplit("/", 1)[1])
    assert len(scripts) == len(files) == 1, "every page loads the same font"
    published = {p.name for p in (site_dir / "assets" / "math").iterdir()}
    assert published == scripts | files

    script = (site_dir / "assets" / "math" / scripts.pop()).read_text(encoding="utf-8")
    font_bytes = (site_dir / "assets" / "math" / files.pop()).read_bytes()
    family, encoded = re.fullmatch(
        r"\(function\(s\)\{var b=atob\(s\),a=new Uint8Array\(b\.length\);"
        r"for\(var i=0;i<b\.length;i\+\+\)a\[i\]=b\.charCodeAt\(i\);"
        r'document\.fonts\.add\(new FontFace\("(\w+)",a\)\)\}\)\("([\w+/=]+)"\);\n',
        script,
    ).groups()
    assert family == FAMILY
    assert base64.b64decode(encoded) == font_bytes, "the script and the file hold different fonts"
    # Cut to the site's characters: the whole STIX Two Math is 400 KB.
    assert len(font_bytes) < 40_000


def test_the_font_draws_every_character_of_every_formula(site_dir):
    formulas = [
        markup
        for path in html_pages(site_dir)
        for _, markup in ARITHMATEX.findall(path.read_text(encoding="utf-8"))
    ]
    font_file = next((site_dir / "assets" / "math").glob("*.woff2"))
    font = TTFont(io.BytesIO(font_file.read_bytes()))
    cmap = font.getBestCmap()
    drawn = {c for c in math_chars(formulas) if unicodedata.category(c)[0] not in "ZC"}
    assert sorted(c for c in drawn if ord(c) not in cmap) == []
    assert "MATH" in font, "the MATH table (sizes of delimiters, script shifts) was dropped"
    # Stamped with the source font's date, not the build's: the same file name every build.
    assert font["head"].modified == TTFont(FONT)["head"].modified
    assert {"\u2211", "\u03c3", "\U0001d70e"} <= drawn  # sum, sigma, and italic sigma as drawn


def test_math_chars_adds_the_italic_letters_the_browser_draws():
    chars = math_chars(["<math><mi>x</mi><mi>&#x3C3;</mi><mi>log</mi><mo>=</mo></math>"])
    assert chars == {"x", "σ", "l", "o", "g", "=", "\U0001d465", "\U0001d70e"}


LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρςστυφχψω"
VARIANT_NAMES = {"bold": "BOLD", "italic": "ITALIC", "bold-italic": "BOLD ITALIC"}


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_styled_letters_are_the_unicode_mathematical_letters(variant):
    """Checked against the Unicode character names, not against the code's own offsets."""
    for char in LATIN + GREEK + "0123456789∇∂ϵϑϰϕϱϖ":
        result = styled(char, variant)
        if char.isdigit() and variant != "bold":
            assert result == char  # Unicode has bold digits only
            continue
        if variant == "italic" and char == "h":
            assert result == "\u210e"  # PLANCK CONSTANT stands in for the italic h
            continue
        base = unicodedata.name(char)
        for prefix in ("LATIN ", "GREEK ", "LETTER ", "LUNATE "):
            base = base.replace(prefix, "")
        expected = f"MATHEMATICAL {VARIANT_NAMES[variant]} {base}"
        assert unicodedata.name(result) == expected, (char, variant)


def test_to_core_keeps_only_what_mathml_core_draws():
    mathjax = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML" data-latex="\\mathbf{w}^\\top x">\n'
        '  <msup data-latex="\\mathbf{w}^\\top">\n'
        '    <mi mathvariant="bold" data-latex="w">w</mi>\n'
        '    <mi mathvariant="normal" data-latex="\\top">&#x22A4;</mi>\n'
        "  </msup>\n"
        '  <mtext data-latex="\\text{if }">if&#xA0;</mtext>\n'
        "</math>"
    )
    assert to_core(mathjax) == (
        '<math><msup><mi>\U0001d430</mi><mi mathvariant="normal">&#x22A4;</mi></msup>'
        "<mtext>if&#xA0;</mtext></math>"
    )
    with pytest.raises(ValueError, match="mtable"):
        to_core('<math><mtable columnalign="right left"></mtable></math>')
    with pytest.raises(ValueError, match="fraktur"):
        to_core('<math><mi mathvariant="fraktur">g</mi></math>')


def operators(mathml: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<mo[^>]*? lspace="([^"]*)" rspace="([^"]*)"[^>]*>([^<]*)</mo>', mathml)


def test_typeset_writes_out_tex_spacing():
    """TeX's spacing (The TeXbook, chapter 18): thick space (5/18 em) around a relation, medium
    (4/18 em) around a binary operator, and a minus right after a relation is a sign, unspaced
    on its right; MathML's operator dictionary would space all three minus signs alike."""
    result = typeset_math.typeset(
        [("a-b", False), ("a=-b", False), ("\\frac{1}{", False), ("\\nope", False)]
    )
    thick, medium = "0.2778em", "0.2222em"
    binary, relation = result["mathml"][0], result["mathml"][1]
    assert operators(binary) == [(medium, "0", "&#x2212;")]
    assert f'<mspace width="{medium}"></mspace>' in binary
    assert operators(relation) == [(thick, "0", "="), (thick, "0", "&#x2212;")]
    assert "<mspace" not in relation
    assert [index for index, _ in result["errors"]] == [2, 3], "TeX errors must be reported"


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


def test_fallback_family_differs_from_the_scripted_one():
    """Two names, so a browser with the scripted font never fetches the file as well."""
    assert FAMILY != FILE_FAMILY
