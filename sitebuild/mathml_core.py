"""MathJax's MathML, made into the MathML Core that browsers draw natively.

- Bold and bold-italic letters become the Unicode mathematical letters (``w`` in bold is
  U+1D430): MathML Core dropped ``mathvariant`` except ``normal`` on ``<mi>``.
- MathJax's own attributes (``data-latex``, ``data-mjx-*``), the namespace (implied in HTML)
  and the indentation between tags are dropped: they do nothing in the page but weigh.
- An ``<mtable>`` needs its ``columnalign`` as CSS, which MathML Core reads instead. The site has
  none; should one appear, the build stops rather than mis-align it.
"""

from __future__ import annotations

import html
import re

# First code point of each alphabet in the Mathematical Alphanumeric Symbols block.
ALPHABETS = {
    "bold": {"A": 0x1D400, "a": 0x1D41A, "Α": 0x1D6A8, "α": 0x1D6C2, "0": 0x1D7CE},
    "italic": {"A": 0x1D434, "a": 0x1D44E, "Α": 0x1D6E2, "α": 0x1D6FC},
    "bold-italic": {"A": 0x1D468, "a": 0x1D482, "Α": 0x1D71C, "α": 0x1D736},
}
RANGES = {"A": 26, "a": 26, "Α": 25, "α": 25, "0": 10}  # Α..Ω and α..ω include a gap, kept
# Greek letters that follow ω (and ∇ after Ω) in each Greek alphabet of the block.
AFTER_OMEGA = "∂ϵϑϰϕϱϖ"
HOLES = {0x1D455: "\u210e"}  # italic h is the older ℎ (U+210E)

IGNORED_ATTRIBUTE = re.compile(r' (?:data-[\w-]+|xmlns)="[^"]*"')
BETWEEN_TAGS = re.compile(r">\n\s*<")
VARIANT = re.compile(
    r'<(?P<tag>mi|mn|mo|mtext)(?P<before>[^>]*?) mathvariant="(?P<variant>[\w-]+)"(?P<after>[^>]*)>'
    r"(?P<text>[^<]*)</(?P=tag)>"
)
UNSUPPORTED = re.compile(r"<(mtable|mlabeledtr|menclose|maction|mfenced)\b")


def styled(char: str, variant: str) -> str:
    """char in the given mathematical alphabet; unchanged when the alphabet lacks it."""
    starts = ALPHABETS[variant]
    for first, count in RANGES.items():
        offset = ord(char) - ord(first)
        if first in starts and 0 <= offset < count:
            code = starts[first] + offset
            return HOLES.get(code, chr(code))
    if char == "∇" and "Α" in starts:
        return chr(starts["Α"] + 25)
    if char in AFTER_OMEGA and "α" in starts:
        return chr(starts["α"] + 25 + AFTER_OMEGA.index(char))
    return char


def italic(char: str) -> str:
    return styled(char, "italic")


def _apply_variant(match: re.Match) -> str:
    tag, variant = match["tag"], match["variant"]
    if variant == "normal":
        return match[0]
    if variant not in ALPHABETS:
        raise ValueError(f"mathvariant={variant!r} has no MathML Core equivalent: {match[0]}")
    text = "".join(styled(char, variant) for char in html.unescape(match["text"]))
    return f"<{tag}{match['before']}{match['after']}>{html.escape(text, quote=False)}</{tag}>"


def to_core(mathml: str) -> str:
    """MathJax's serialized MathML -> compact MathML Core."""
    if unsupported := UNSUPPORTED.search(mathml):
        raise ValueError(f"<{unsupported[1]}> is not drawn by MathML Core: {mathml[:200]}")
    compact = BETWEEN_TAGS.sub("><", IGNORED_ATTRIBUTE.sub("", mathml))
    return VARIANT.sub(_apply_variant, compact)
