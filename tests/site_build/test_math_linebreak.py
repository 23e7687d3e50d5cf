"""Where a wide formula may break on a phone (sitebuild/math_linebreak.py), on MathJax's own output.

The TeX goes through tools/typeset.mjs and sitebuild/mathml_core.py as in the build, so which minus
is a binary operator is MathJax's decision, not the module's.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from helpers import ROOT

from sitebuild import typeset_math
from sitebuild.math_linebreak import break_lines
from sitebuild.mathml_core import to_core
from sitebuild.steps import steps_in_markdown

PIECE = re.compile(r"<math(?: displaystyle=\"true\")?>.*?</math>", re.S)
COST = (
    r"J(w, b) = -\frac{1}{m}\sum_{i=1}^{m}\left[y^{(i)}\log f^{(i)}"
    r" + (1 - y^{(i)})\log\left(1 - f^{(i)}\right)\right]"
)
MATRIX = (
    r"\frac{\partial J}{\partial w} = \underbrace{X^\top}_{n \times m}\,"
    r"\underbrace{\operatorname{diag}\left(f \odot (1 - f)\right)}_{m \times m}\,"
    r"\underbrace{\frac{1}{m}\,\frac{f - y}{f \odot (1 - f)}}_{m \times 1}"
)


def typeset(items: list[tuple[str, bool]]) -> list[str]:
    return [to_core(markup) for markup in typeset_math.typeset(items)["mathml"]]


def pieces(markup: str) -> list[ET.Element]:
    return [ET.fromstring(piece) for piece in PIECE.findall(markup)]


def tokens(elements: list[ET.Element]) -> list[str]:
    """The drawn characters, in order (the delimiter wrappers an opened bracket gets aside)."""
    return [el.text or "" for root in elements for el in root.iter() if el.text]


def ends(piece: ET.Element) -> str:
    """The last operator or identifier a piece draws (spaces aside)."""
    drawn = [el for el in piece if el.tag != "mspace"]
    return "".join(drawn[-1].itertext())


@pytest.fixture(scope="module")
def cut():
    """TeX (display) -> the markup break_lines makes of MathJax's MathML."""
    cases = {
        "short": r"\sigma(z) = \frac{1}{1 + e^{-z}}",
        "cost": COST,
        "signs": r"L = -y \log f - (1 - y)\log(1 - f) + a b c d e + x_1 x_2 x_3",
        "matrix": MATRIX,
        "chain": r"a_1 + a_2 + a_3 = b_1 b_2 b_3 b_4 b_5 = c_1 c_2 c_3 c_4 c_5 c_6",
        "quad": r"z = w_1 x_1 + w_2 x_2 + b, \qquad f = \sigma(z) = \frac{1}{1 + e^{-z}}",
    }
    typeset_cases = typeset([(tex, True) for tex in cases.values()])
    return {
        name: (mathml, break_lines(mathml))
        for name, mathml in zip(cases, typeset_cases, strict=True)
    }


def test_a_formula_that_fits_every_phone_is_left_whole(cut):
    mathml, markup = cut["short"]
    assert markup == mathml


def test_nothing_is_lost_or_reordered(cut):
    for name, (mathml, markup) in cut.items():
        if markup != mathml:
            assert tokens(pieces(markup)) == tokens([ET.fromstring(mathml)]), name
            whole, cut_markup = markup.split('<span class="lb">', 1)
            assert whole == mathml.replace("<math", '<math class="lb-whole"', 1), name
            assert cut_markup.endswith("</span>")


def test_breaks_after_the_relation_first(cut):
    _, markup = cut["cost"]
    first = pieces(markup)[0]
    assert ends(first) == "=", "the left-hand side is a piece of its own"
    assert '<span class="lb-eq">' in markup and '<span class="lb-rhs">' in markup


def test_a_sign_after_a_relation_is_not_a_break(cut):
    """-y after "=" is a sign (MathJax spaces it as an ordinary atom); the second minus and the
    plus are binary operators."""
    _, markup = cut["signs"]
    cut_pieces = pieces(markup)
    ended = [ends(piece) for piece in cut_pieces]
    assert ended[0] == "=", ended
    assert "".join(cut_pieces[1].itertext()).startswith("\u2212y"), "the sign starts the side"
    assert ended.count("\u2212") == 1 and "+" in ended, ended


def test_never_inside_a_fraction_script_or_small_bracket_pair(cut):
    for name, (mathml, markup) in cut.items():
        if markup == mathml:
            continue
        whole = ET.fromstring(mathml)
        cut_pieces = pieces(markup)
        for tag in ("mfrac", "msup", "msub", "msubsup", "munder", "munderover"):
            assert sum(len(p.findall(f".//{tag}")) for p in cut_pieces) == len(
                whole.findall(f".//{tag}")
            ), f"{name}: a <{tag}> was cut"
        for piece in cut_pieces:
            text = "".join(piece.itertext())
            if name != "cost":  # the cost's wide \left[ \right] opens, its ( ) do not
                assert text.count("(") == text.count(")"), f"{name}: {text}"


def test_a_wide_bracket_pair_opens_with_one_delimiter_per_line(cut):
    _, markup = cut["cost"]
    texts = ["".join(p.itertext()) for p in pieces(markup)]
    assert sum(text.count("[") for text in texts) == 1
    assert texts[-1].endswith("]")
    assert all(text.count("(") == text.count(")") for text in texts)


def test_underbraced_factors_may_stack(cut):
    _, markup = cut["matrix"]
    braced = [p for p in pieces(markup) if p.find(".//munder") is not None]
    assert len(braced) == 3, "each annotated factor is a piece"


def test_a_chain_of_relations_breaks_before_its_products(cut):
    _, markup = cut["chain"]
    # a_1 + a_2 + a_3 = | b_1 ... b_5 = | c_1 ... c_6: the products have nowhere to break
    assert [ends(p) for p in pieces(markup)] == ["+", "+", "=", "=", "c6"]


def test_two_formulas_side_by_side_break_between_them(cut):
    _, markup = cut["quad"]
    ended = [ends(p) for p in pieces(markup)]
    assert "," in ended[:4], ended
    assert markup.count('<span class="lb-eq">') == 2


def test_a_long_inline_formula_gets_break_opportunities():
    long, short = typeset(
        [
            (r"L^{(i)} = -y^{(i)}\log f^{(i)} - (1 - y^{(i)})\log(1 - f^{(i)})", False),
            (r"f - y", False),
        ]
    )
    assert break_lines(short) == short
    markup = break_lines(long)
    assert markup.count("<wbr>") == 2
    assert markup.startswith("<math><msup>") and "<span" not in markup
    assert tokens(pieces(markup)) == tokens([ET.fromstring(long)])


def test_every_step_on_the_site_keeps_its_tokens():
    """Every displayed step of every page, cut or not: the same characters in the same order,
    every piece a well-formed MathML tree."""
    texs = sorted(
        {
            step.tex
            for page in sorted((ROOT / "docs").glob("*.md"))
            for step in steps_in_markdown(page.read_text(encoding="utf-8"))
        }
    )
    assert len(texs) > 100
    cut_count = 0
    for tex, mathml in zip(texs, typeset([(tex, True) for tex in texs]), strict=True):
        markup = break_lines(mathml)
        if markup != mathml:
            cut_count += 1
            assert tokens(pieces(markup)) == tokens([ET.fromstring(mathml)]), tex
    assert cut_count > 20
