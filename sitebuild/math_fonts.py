"""The math font: STIX Two Math, cut to the characters the site draws, ready before layout.

The browser draws the MathML itself, with the sizes, stretchy delimiters and spacing that the
font's OpenType MATH table gives. Laid out first with a fallback font and again when the right
one arrives, the math would move (layout shift). An @font-face rule cannot prevent that; a
FontFace built from bytes is ready at once. So every page's head loads one small script
(``assets/math/font.<hash>.js``, cached once for the whole site) that adds the font from its
bytes before the body is laid out. Without JavaScript, an @font-face rule loads the same font
as a file.

The font (npm ``@fontsource/stix-two-math``, pinned in package-lock.json, SIL Open Font
License) is subset with fontTools to the characters of every formula on the site, plus the
italic letter a browser draws for a one-letter ``<mi>`` (CSS ``text-transform: math-auto``).
The MATH table keeps the larger sizes and pieces of each delimiter kept.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import logging
import re
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from sitebuild import ROOT
from sitebuild.mathml_core import italic

# fontTools reports every table it leaves out of a subset.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

FONT = ROOT / "node_modules/@fontsource/stix-two-math/files/stix-two-math-latin-400-normal.woff2"
FAMILY = "SiteMath"  # the FontFace added by script
FILE_FAMILY = "SiteMathFile"  # the same font as an @font-face rule, for pages without script

TEXT = re.compile(r">([^<]+)<")
ONE_LETTER_MI = re.compile(r"<mi>([^<&]|&[^;<]+;)</mi>")


def math_chars(formulas: list[str]) -> set[str]:
    """Every character the formulas draw, and the italic form of each one-letter <mi>."""
    chars = set()
    for markup in formulas:
        chars.update(*(html.unescape(text) for text in TEXT.findall(markup)))
        chars.update(italic(html.unescape(letter)) for letter in ONE_LETTER_MI.findall(markup))
    return chars


def subset_woff2(path: Path, chars: set[str]) -> bytes:
    """The font at path, keeping only chars (and their MATH variants), as woff2 bytes."""
    font = TTFont(path, recalcTimestamp=False)  # the same bytes, and file name, every build
    cmap = font.getBestCmap()
    # Spaces, line ends and invisible operators (U+2061 function application) draw nothing.
    chars = {c for c in chars if ord(c) in cmap or unicodedata.category(c)[0] not in "ZC"}
    missing = sorted(c for c in chars if ord(c) not in cmap)
    if missing:
        raise ValueError(f"{path.name} has no glyph for {missing}")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["ssty", "dtls", "flac"]  # script-size, dotless and flat-accent forms
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence names
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def publish_font(formulas: list[str], out_dir: Path) -> tuple[str, str]:
    """Writes the subset font and its loading script into out_dir; returns their file names."""
    data = subset_woff2(FONT, math_chars(formulas))
    out_dir.mkdir(parents=True, exist_ok=True)
    font_name = f"stix-two-math.{hashlib.sha256(data).hexdigest()[:10]}.woff2"
    (out_dir / font_name).write_bytes(data)
    script = font_script(data)
    script_name = f"font.{hashlib.sha256(script.encode()).hexdigest()[:10]}.js"
    (out_dir / script_name).write_text(script, encoding="utf-8")
    return font_name, script_name


def font_script(data: bytes) -> str:
    """Adds the font from its bytes, decoded with a plain loop: on a phone, Uint8Array.from with
    a function per byte took about four times as long (a 90 ms task in Chromium at 4x slowdown)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        "(function(s){var b=atob(s),a=new Uint8Array(b.length);"
        "for(var i=0;i<b.length;i++)a[i]=b.charCodeAt(i);"
        f'document.fonts.add(new FontFace("{FAMILY}",a))}})("{encoded}");\n'
    )


def head_markup(assets_href: str, font_name: str, script_name: str) -> str:
    """The <script> and <style> for a page's head; assets_href is the assets folder's URL."""
    return (
        f'<script src="{assets_href}/{script_name}"></script>\n'
        f"<style>@font-face{{font-family:{FILE_FAMILY};"
        f'src:url("{assets_href}/{font_name}") format("woff2")}}'
        f"math{{font-family:{FAMILY},{FILE_FAMILY},math}}</style>"
    )
