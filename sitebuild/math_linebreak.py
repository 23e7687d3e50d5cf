"""Wide formulas cut, at build time, where TeX would break them, so a phone's column can wrap them.

MathML Core has no automatic line breaking, and WebKit and Firefox lay out a ``<math>``
element's children as MathML whatever CSS ``display`` they are given. So a display formula too
wide for a phone becomes a few complete ``<math displaystyle="true">`` pieces, each in a
``<span class="lb-p">``, inside nested flex boxes (``lb``, ``lb-eq``, ``lb-rhs``, ``lb-w``; the
CSS is in docs/stylesheets/site.css). The browser wraps the boxes only where the column is too
narrow: on a wide column the pieces sit on one line and look like the single formula. The break
points, the first kind first (an inner box wraps only when it cannot fit on a line by itself):

``punct``  after a comma followed by a quad: two formulas side by side;
``rel``    after a top-level relation (=, ≠, ≤ ...): the right-hand side continues aligned after
           the left-hand side when it fits beside it, below and 1em in otherwise;
``bin``    after a top-level binary operator (+, −, ⋅ ...), as MathJax spaced it (a sign after
           ``=`` is not one); continuations 0.5em in;
``mul``    between factors, the last resort: after a bracketed factor, before one that follows a
           power, before a function's name (log, diag), between two underbraced factors (the
           matrix route's annotations stack).

Never inside a fraction, a root, a script or a bracket pair, except that a ``\\left( \\right)``
pair wider than a phone column opens when nothing outside it can break: its opening delimiter
goes with the first line, its closing one with the last (TeX cannot break there; a phone must).

Formulas estimated to fit every phone column come back unchanged. A cut formula keeps its whole
``<math class="lb-whole">`` too, shown instead of the pieces above a phone's width (the CSS hides
one or the other by a media query): a wide column gets exactly the formula as MathJax made it
and screen readers one tree; on a phone they read the pieces one after the other, each a
MathML tree of its own.
A long inline formula becomes inline ``<math>`` pieces with a ``<wbr>`` after each relation and
operator, so it never widens its line.

:func:`break_lines` is a pure function over one formula's MathML Core markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Rough widths in em of the math font (a step's equation gets about 11 em at 320 px): formulas
# below these are left whole. Too low costs nothing but a cut formula; the browser tests catch
# one left whole that overflows.
DISPLAY_FITS = 9.0
INLINE_FITS = 12.0
BRACKET_FITS = 8.0

LEVELS = ["punct", "rel", "bin", "mul"]
RELATIONS = set("=≠≤≥<>≈≡≃∼∝←→↦⇒⇔⟹⟺⟵⟶∈∉⊂⊆")
OPENING = set("([{⟨⌊⌈")
CLOSING = set(")]}⟩⌋⌉")
TOGGLING = set("|‖")  # |x|, ‖x‖: the same character opens and closes
BINARY_SPACE = "0.2222em"  # TeX's medium space: tools/typeset.mjs writes it before a binary op
UNDERBRACE = "⏟"
PRIME = "′"
INVISIBLE = set("\u2061\u2062\u2063\u2064")
SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover"}
EM = re.compile(r"(-?[\d.]+)em\Z")


def _em(value: str | None) -> float:
    match = EM.match(value or "")
    return float(match[1]) if match else 0.0


def width(el: ET.Element) -> float:
    """Rough natural width of a MathML element, in em."""
    tag, kids, text = el.tag, list(el), el.text or ""
    if tag in ("mi", "mn", "mtext", "ms"):
        return 0.5 * len(text)
    if tag == "mo":
        glyph = 0.0 if text in INVISIBLE else 0.75 * len(text)
        return glyph + _em(el.get("lspace")) + _em(el.get("rspace"))
    if tag == "mspace":
        return _em(el.get("width"))
    if tag == "mfrac":
        return max(map(width, kids)) + 0.2
    if tag in ("msub", "msup"):
        return width(kids[0]) + 0.7 * width(kids[1]) + 0.05
    if tag == "msubsup":
        return width(kids[0]) + 0.7 * max(width(kids[1]), width(kids[2])) + 0.05
    if tag in ("munder", "mover", "munderover"):
        return max([width(kids[0])] + [0.7 * width(k) for k in kids[1:]])
    if tag == "msqrt":
        return 1.0 + sum(map(width, kids))
    if tag == "mroot":
        return 1.0 + width(kids[0]) + 0.5 * width(kids[1])
    return sum(map(width, kids))


def _operator(el: ET.Element) -> str:
    return el.text or "" if el.tag == "mo" else ""


def _base(el: ET.Element) -> ET.Element:
    """What a scripted element is built on: the ``)`` of ``(Xv)^\\top``."""
    while el.tag in SCRIPTED and len(el):
        el = el[0]
    return el


def _is_bracket_pair(el: ET.Element) -> bool:
    """An <mrow> that MathJax made of ``\\left ... \\right``: delimiters first and last."""
    return (
        el.tag == "mrow"
        and len(el) >= 3
        and _operator(el[0]) in OPENING | TOGGLING
        and _operator(el[-1]) in CLOSING | TOGGLING
    )


def _is_wide_bracket_pair(el: ET.Element) -> bool:
    return _is_bracket_pair(el) and width(el) > BRACKET_FITS


def _is_underbrace(el: ET.Element) -> bool:
    return el.tag == "munder" and any(_operator(mo) == UNDERBRACE for mo in el.iter("mo"))


def _is_power(el: ET.Element) -> bool:
    """``s^{(i)}`` or a fraction, not ``f'`` nor ``\\nabla_u``: no function's name."""
    if el.tag == "mfrac":
        return True
    return el.tag in ("msup", "msubsup") and PRIME not in "".join(el[-1].itertext())


def _names_function(row: list[ET.Element]) -> bool:
    """``\\log x``, ``\\operatorname{diag}(d)``: a name MathJax applies with U+2061."""
    return len(row) > 1 and row[0].tag == "mi" and _operator(row[1]) == "\u2061"


def _is_operator(el: ET.Element) -> bool:
    return el.tag == "mo" or (el.tag == "mrow" and len(el) == 1 and el[0].tag == "mo")


def _breaks(row: list[ET.Element]) -> list[str | None]:
    """For each element of a row, the kind of break allowed after it (one of ``LEVELS``) or
    None. Only at the row's own level: never between a pair of bracket characters."""
    kinds: list[str | None] = [None] * len(row)
    depth, toggled = 0, set()
    for i, el in enumerate(row):
        char = _operator(_base(el))
        closes = char in CLOSING or char in toggled
        if closes:
            depth -= 1
            toggled.discard(char)
        elif char in OPENING | TOGGLING:
            depth += 1
            toggled |= {char} & TOGGLING
        following = [k for k in row[i + 1 :] if k.tag != "mspace"]
        if depth or not following:
            continue
        char, after = _operator(el), following[0]
        if char in RELATIONS:
            kinds[i] = "rel"
        elif char == "," and row[i + 1].tag == "mspace" and _em(row[i + 1].get("width")) >= 1:
            kinds[i] = "punct"
        elif char and el.get("lspace") == BINARY_SPACE:
            kinds[i] = "bin"
        elif _is_underbrace(el) and _is_underbrace(after):
            kinds[i] = "mul"
        elif (closes or _is_bracket_pair(_base(el))) and not _is_operator(after):
            kinds[i] = "mul"
        elif _is_bracket_pair(_base(after)) and _is_power(el):
            kinds[i] = "mul"
        elif _names_function(following) and not _is_operator(el):
            kinds[i] = "mul"
    return kinds


def _split(row: list[ET.Element], kinds: list[str | None], at: str) -> list[list[ET.Element]]:
    """The row cut after each break of kind ``at``; the space after a break stays on the line
    it ends (TeX drops it there)."""
    parts: list[list[ET.Element]] = [[]]
    cut = False
    for el, kind in zip(row, kinds, strict=True):
        if cut and el.tag != "mspace":
            parts.append([])
            cut = False
        parts[-1].append(el)
        cut = cut or kind == at
    return parts


def _markup(nodes: list[ET.Element]) -> str:
    return "".join(ET.tostring(n, encoding="unicode", short_empty_elements=False) for n in nodes)


def _piece(nodes: list[ET.Element]) -> str:
    return f'<span class="lb-p"><math displaystyle="true">{_markup(nodes)}</math></span>'


def _lines(nodes: list[ET.Element], levels: list[str]) -> str:
    """A row as one flex item that wraps at its breaks of the first of ``levels`` it has, each
    part in turn at the next levels; a part with no break left may open a wide bracket pair."""
    kinds = _breaks(nodes)
    for n, level in enumerate(levels):
        if level in kinds:
            parts = [_lines(part, levels[n + 1 :]) for part in _split(nodes, kinds, level)]
            return f'<span class="lb-w">{"".join(parts)}</span>'
    wide = [i for i, el in enumerate(nodes) if _is_wide_bracket_pair(el)]
    if not wide:
        return _piece(nodes)
    i = wide[0]
    opening, *content, closing = nodes[i]
    if not any(_breaks(content)) and not any(map(_is_wide_bracket_pair, content)):
        return _piece(nodes)
    # Each delimiter in an <mrow> of its own: it stays with its line and stretches to it, and
    # no longer counts as a bracket in the opened row.
    opened = [_wrapped(opening), *content, _wrapped(closing)]
    return _lines(nodes[:i] + opened + nodes[i + 1 :], LEVELS)


def _wrapped(el: ET.Element) -> ET.Element:
    row = ET.Element("mrow")
    row.append(el)
    return row


def _clause(nodes: list[ET.Element]) -> str:
    """One equation or chain ``a = b = c``: the left side, then the rest beside or below it."""
    kinds = _breaks(nodes)
    if "rel" not in kinds:
        return _lines(nodes, LEVELS[2:])
    left, *sides = _split(nodes, kinds, "rel")
    right = "".join(_lines(side, LEVELS[2:]) for side in sides)
    right = f'<span class="lb-rhs">{right}</span>'
    return f'<span class="lb-eq">{_lines(left, LEVELS[2:])}{right}</span>'


def _top_row(math: ET.Element) -> list[ET.Element]:
    row = list(math)
    while len(row) == 1 and row[0].tag in ("mrow", "mstyle") and not _is_bracket_pair(row[0]):
        row = list(row[0])
    return row


def _is_display(math: ET.Element) -> bool:
    """Display math, or an inline formula all in \\displaystyle (a notebook's output)."""
    return math.get("display") == "block" or (
        len(math) == 1 and math[0].tag == "mstyle" and math[0].get("displaystyle") == "true"
    )


def break_lines(mathml: str) -> str:
    """One formula's MathML Core markup -> markup that wraps where the column is too narrow.

    A formula estimated to fit every phone column, or with nowhere to break, comes back as it
    was.
    """
    math = ET.fromstring(mathml)
    display = _is_display(math)
    if width(math) <= (DISPLAY_FITS if display else INLINE_FITS):
        return mathml
    row = _top_row(math)
    kinds = _breaks(row)
    if not display:
        pieces = [row]
        for level in LEVELS[:3]:
            pieces = [p for piece in pieces for p in _split(piece, _breaks(piece), level)]
        if len(pieces) == 1:
            return mathml
        return "<wbr>".join(f"<math>{_markup(piece)}</math>" for piece in pieces)
    if not any(kinds) and not any(map(_is_wide_bracket_pair, row)):
        return mathml
    clauses = "".join(_clause(clause) for clause in _split(row, kinds, "punct"))
    whole = mathml.replace("<math", '<math class="lb-whole"', 1)
    return f'{whole}<span class="lb">{clauses}</span>'
