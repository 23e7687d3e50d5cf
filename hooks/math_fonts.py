"""The math fonts: cut to the characters the site draws, and the two that decide layout first.

MathJax 4's CHTML output gives every character box an explicit size, but where a character
box puts its baseline comes from the first font of its font-family, MJX-NCM-ZERO, and the
width of a space where inline math may break from MJX-BRK. While those load, the browser lays
the math out with a fallback font, then again when they arrive: the page jumps (layout shift;
0.23 on /chain-rule/). An @font-face rule cannot prevent it, even with a ``data:`` URL, which is
decoded after the first layout. A FontFace built from bytes is ready at once, so a small script
in the head of every page adds those two fonts (2 KB) before the body is laid out. The other
fonts only draw glyphs: they change no size, so they load as files, each subset (fontTools) to
the characters drawn with it anywhere on the site (about 25 KB in all instead of 275 KB).
@font-face rules for fonts no formula uses are dropped; without JavaScript the rules still load
MJX-NCM-ZERO and MJX-BRK as files.

Which font draws a character is decided as MathJax's stylesheet decides it: the nearest
``NCM-<variant>`` class on the character's element or an ancestor selects ``MJX-NCM-<variant>``
(``mjx-ncm-<variant>.woff2``); ``mjx-break`` uses ``MJX-BRK``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

# fontTools reports every table it leaves out of a subset (MathJax's fonts carry an 'ltag').
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

FONT_FACE = re.compile(
    r"@font-face /\* [\w-]+ \*/ \{\s*font-family: (?P<family>[\w-]+);\s*"
    r'src: url\("woff2/(?P<file>[\w-]+)\.woff2"\) format\("woff2"\);\s*\}\s*'
)
VARIANT_CLASS = re.compile(r"\bNCM-(\w+(?:-a)?)\b")
# Drawn by every formula whatever its characters: MJX-NCM-ZERO (a zero-width space, the first
# font of every character) and MJX-BRK (the breakable space).
ALWAYS = ("mjx-ncm-zero", "mjx-ncm-brk")


class _CharsByFont(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []  # (tag, font) of the open mjx-* elements
        self.chars: dict[str, set[str]] = {}

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag.startswith("mjx-"):
            variant = VARIANT_CLASS.search(dict(attrs).get("class") or "")
            self.open.append((tag, f"mjx-ncm-{variant[1].lower()}" if variant else None))

    def handle_endtag(self, tag: str) -> None:
        if tag.startswith("mjx-") and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.open or not data.strip():
            return
        tag = self.open[-1][0]
        if tag in ("mjx-assistive-mml", "mjx-break"):  # MathML for screen readers; MJX-BRK
            return
        font = next((font for _, font in reversed(self.open) if font), None)
        if font is None:
            raise ValueError(f"no NCM variant class around {data!r} in <{tag}>")
        self.chars.setdefault(font, set()).update(data)


def chars_by_font(formulas: list[str]) -> dict[str, set[str]]:
    """{'mjx-ncm-n': {'x', '𝑤', ...}, ...}: the characters each font draws in these formulas."""
    parser = _CharsByFont()
    for markup in formulas:
        parser.feed(markup)
        parser.close()
        parser.reset()
        parser.open.clear()
    return parser.chars


def subset_woff2(path: Path, chars: set[str] | None) -> bytes:
    """The font at path, keeping only chars (all of it when chars is None), as woff2 bytes."""
    if chars is None:
        return path.read_bytes()
    font = TTFont(path)
    cmap = font.getBestCmap()
    # Spaces, line ends and invisible operators (U+2061 function application) draw nothing.
    chars = {c for c in chars if ord(c) in cmap or unicodedata.category(c)[0] not in "ZC"}
    missing = sorted(c for c in chars if ord(c) not in cmap)
    if missing:
        raise ValueError(f"{path.name} has no glyph for {missing}")
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # MathJax places every glyph itself: no kerning, no ligatures
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence names
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, chars)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def publish_fonts(css: str, formulas: list[str], font_dir: Path, out_dir: Path) -> tuple[str, str]:
    """Writes the fonts the formulas use, subset, into out_dir; drops the other @font-face rules.

    Returns MathJax's stylesheet with its font URLs pointing at those files (named by their
    content, so they can be cached for ever) and a <script> for the head of every page that
    makes the layout fonts (ALWAYS) available before the first layout.
    """
    used = chars_by_font(formulas)
    declared = [match["file"] for match in FONT_FACE.finditer(css)]
    if len(declared) != css.count("@font-face"):
        raise ValueError("MathJax's @font-face rules no longer have the expected form")
    unknown = set(used) - set(declared)
    if unknown:
        raise ValueError(f"formulas use fonts the stylesheet does not declare: {sorted(unknown)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    layout_fonts = {}

    def publish(match: re.Match) -> str:
        name = match["file"]
        if name not in used and name not in ALWAYS:
            return ""
        data = subset_woff2(font_dir / f"{name}.woff2", used.get(name))
        if name in ALWAYS:
            layout_fonts[match["family"]] = base64.b64encode(data).decode("ascii")
        file_name = f"{name}.{hashlib.sha256(data).hexdigest()[:10]}.woff2"
        (out_dir / file_name).write_bytes(data)
        return match[0].replace(f"{name}.woff2", file_name)

    css = FONT_FACE.sub(publish, css)
    return css, layout_font_script(layout_fonts)


def layout_font_script(fonts: dict[str, str]) -> str:
    """A FontFace made from bytes is loaded at once, unlike an @font-face rule (even a data:
    URL), which the browser decodes after it has laid the page out once with a fallback font."""
    faces = json.dumps(list(fonts.items()), separators=(",", ":"))
    return (
        "<script>"
        f"for(const[n,b]of {faces})"
        "document.fonts.add(new FontFace(n,Uint8Array.from(atob(b),c=>c.charCodeAt(0))))"
        "</script>"
    )
