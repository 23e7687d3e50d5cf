r"""/check/ in Python: a learner's pasted steps checked by the site's own checker.

The same modules (sitebuild/checking/learner_*.py) run in the browser under Pyodide. Here: every
route's steps, as the "try it yourself" links fill them in, are right; every mutant of a step (the
mutations the derivation tests make) is wrong, and the slip is named where it was made; forum TeX
(``*``, ``ln``, ``sigmoid(z)``, ``e^-z``, ``$...$``, ``\eqalign``, ``aligned``) reads; garbage is
unreadable with a message; long pastes and a spent time budget are reported, not hung on.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from helpers import DOCS, ROUTE_PAGES, as_block, front_matter, route_cases, route_groups

from sitebuild.checking import check_chain, mutations, page_contexts, split_equation
from sitebuild.checking.learner_check import (
    CHECK_NOTATIONS,
    check_derivation,
    check_step,
    first_wrong,
)
from sitebuild.checking.learner_input import MAX_STEPS, address, read_address, read_steps
from sitebuild.checking.notations import SPELLED, in_notation, to_context_names
from sitebuild.steps import steps_in_markdown

CONTEXTS = page_contexts()


ROUTE_CASES = [pytest.param(notation, text, id=label) for label, notation, text in route_cases()]


def test_every_route_step_has_a_link_text():
    for name in ROUTE_PAGES:
        steps = [s for s in steps_in_markdown((DOCS / name).read_text()) if s.kind == "step"]
        covered = {sid for _, _, ids in route_groups(name) for sid in ids}
        assert covered == {s.id for s in steps}, name


@pytest.mark.parametrize(("notation", "text"), ROUTE_CASES)
def test_route_steps_are_right(notation, text):
    """Every route in each notation its links use, and in each course's letters."""
    verdicts = check_derivation(notation, text)
    assert len(verdicts) == len(text.splitlines()) >= 3
    wrong = [(v.number, v.verdict, v.message, v.source) for v in verdicts if v.verdict != "right"]
    assert not wrong


def _mutated_cases():
    for name in ROUTE_PAGES:
        source = (DOCS / name).read_text(encoding="utf-8")
        page_steps = steps_in_markdown(source)
        default = front_matter(source)["derivation"]
        for notation, body, ids in route_groups(name):
            lines = body.splitlines()
            chain = [s for s in page_steps if s.id in ids and not s.aside]
            for k, line in enumerate(lines):
                for what, tex in mutations(line):
                    yield name, notation, lines, k, what, tex, (page_steps, chain[k], default)


def page_accepts(page_steps, step, default, tex) -> bool:
    """Whether the page's own check passes with ``step`` mutated to ``tex`` (an equivalent
    mutant: the derivation tests list each one with its reason)."""
    index = page_steps.index(step)
    mutated = [*page_steps[:index], dataclasses.replace(step, tex=tex)]
    return not check_chain(mutated, CONTEXTS, default)[-1].error


@pytest.mark.parametrize("name", ROUTE_PAGES)
def test_route_step_mutants_are_wrong_and_the_slip_is_named(name):
    """Each mutant line (every kind the derivation tests make) is wrong; a sign, 1/m or
    transpose slip in the last side is named (the kinds the slip finder knows)."""
    survivors, unnamed, count = [], [], 0
    kinds = {
        "flip": "sign",
        "negate": "sign",
        "drop \\frac": "one-over-m",
        "drop \\dfrac": "one-over-m",
        "drop transpose": "transpose",
    }
    for page, notation, lines, k, what, tex, (page_steps, step, default) in _mutated_cases():
        if page != name:
            continue
        count += 1
        steps = read_steps("\n".join([*lines[:k], tex]))
        verdict = check_step(notation, steps, k)
        if verdict.verdict != "wrong":
            if what.startswith("swap") and _names_the_swapped_in_letter(what, verdict):
                continue  # a letter this notation lacks (m where n counts the examples)
            if not (verdict.verdict == "right" and page_accepts(page_steps, step, default, tex)):
                survivors.append(f"line {k + 1}: {what}: {verdict.verdict} {verdict.message}")
            continue
        sides = split_equation(lines[k])
        in_last_side = tex.startswith(lines[k][: len(lines[k]) - len(sides[-1])].rstrip())
        expected = next((v for key, v in kinds.items() if what.startswith(key)), None)
        if expected and in_last_side and len(sides) == 2 and verdict.slip != expected:
            unnamed.append(f"line {k + 1}: {what}: slip {verdict.slip!r}, {verdict.message}")
    assert count > 20
    assert not survivors, "\n".join(survivors)
    assert not unnamed, "\n".join(unnamed)


def _names_the_swapped_in_letter(what: str, verdict) -> bool:
    """A swap brought in a letter the notation does not have, and the reader is told so."""
    letter = what.split()[3]  # "swap n for m after ...": m
    return (
        verdict.verdict == "unreadable"
        and re.search(rf"unknown (name|dimension) '{re.escape(letter)}'", verdict.message)
        is not None
    )


SUBSTITUTION = route_groups("substitution.md")[0][1]


@pytest.mark.parametrize(
    ("begin", "end"),
    [(r"\eqalign{", "}"), (r"$$\begin{aligned}", r"\end{aligned}$$")],
    ids=["eqalign", "aligned"],
)
def test_substitution_route_as_one_pasted_block_is_right(begin, end):
    block = as_block(SUBSTITUTION, begin, end)
    assert block.count("\n") == len(SUBSTITUTION.splitlines()) - 1
    verdicts = check_derivation("site", block.replace("\n", " "))  # pasted as one line
    assert len(verdicts) == len(SUBSTITUTION.splitlines())
    assert [v.verdict for v in verdicts] == ["right"] * len(verdicts)


def test_forum_tex_reads():
    """A derivation as learners type it on forums; right and wrong decided by hand."""
    text = "\n".join(
        [
            r"$\frac{d}{dz} sigmoid(z) = \frac{d}{dz} (1 + e^-z)^{-1}$",
            r"= -(1+e^{-z})^{-2} * (-e^{-z})",
            r"= \frac{e^{-z}}{(1 + e^{-z})^2}",
            r"= \frac{1}{1+e^{-z}} * \frac{e^{-z}}{1+e^{-z}} \\",
            r"= σ(z)(1 − σ(z)).",
            r"\frac{d}{dz} ln(1 + exp(-z)) = \frac{e^{-z}}{1 + e^{-z}}",
        ]
    )
    verdicts = check_derivation("sigmoid", text)
    assert [v.verdict for v in verdicts] == ["right"] * 5 + ["wrong"]
    assert verdicts[-1].slip == "sign"
    assert first_wrong(verdicts) == 6


def test_slashes_read_as_a_forum_reader_reads_them():
    """``/`` takes the group or atom on each side; dL/dz is a derivative (decided by hand)."""
    text = "\n".join(
        [
            r"d/dz sigmoid(z) = e^-z/(1 + e^-z)^2",
            r"= 1/(1+e^{-z}) * e^{-z}/(1+e^{-z})",
            r"dL/dz = -y/f * f(1-f) + (1-y)/(1-f) * f(1-f)",
            r"= f - y",
            r"\partial L/\partial w_j = (f - y) x_j/m",
        ]
    )
    verdicts = check_derivation("site", text)
    assert [v.verdict for v in verdicts] == ["right"] * 4 + ["wrong"]
    assert verdicts[-1].slip == "one-over-m"


def test_a_learners_own_symbol():
    """``u := ...`` declares a symbol; later steps use it; a taken name is refused."""
    text = "\n".join(
        [
            r"u := 1 + e^{-z}",
            r"\frac{d}{dz} u^{-1} = -u^{-2} \cdot (-e^{-z})",
            r"= \sigma(z)(1 - \sigma(z))",
            r"\frac{d}{dz} u = e^{-z}",
            r"z := 3",
            r"v \coloneqq 2u",
            r"v = 2 + 2e^{-z}",
        ]
    )
    verdicts = check_derivation("sigmoid", text)
    assert [v.verdict for v in verdicts] == [
        "right",
        "right",
        "right",
        "wrong",
        "unreadable",
        "right",
        "right",
    ]
    assert verdicts[0].method == verdicts[5].method == "definition"
    assert "already means something" in verdicts[4].message
    assert [v.verdict for v in check_derivation("sigmoid", "u = 1")] == ["unreadable"]


def test_a_wrong_step_and_the_ones_after_it():
    """The first wrong step is marked; later steps are judged against the line before them."""
    text = "\n".join(
        [
            r"\frac{\partial L}{\partial w_j} = \frac{\partial L}{\partial z} \cdot x_j",
            r"= (y - f) x_j",
            r"= -(f - y) x_j",
        ]
    )
    verdicts = check_derivation("site", text)
    assert [v.verdict for v in verdicts] == ["right", "wrong", "right"]
    assert first_wrong(verdicts) == 2
    assert verdicts[1].slip == "sign" and verdicts[1].link == "../mistakes/#step-2"


SIGN, ONE_OVER_M = "../mistakes/#step-2", "../chain-rule/#step-18"
INNER_X, INNER_F, TRANSPOSE = "../chain-rule/#step-10", "../mistakes/#step-1", "../matrix/#step-4"
DJ_DB = r"\frac{\partial J}{\partial b} = "
DL_DW = r"\frac{\partial L}{\partial w_j} = "
DJ_DW = r"\frac{\partial J}{\partial w} = "
SLIPS = [
    ("site", DL_DW + "f - y", "inner-derivative", INNER_X),
    ("site", DL_DW + r"\frac{f - y}{f(1 - f)} x_j", "inner-derivative", INNER_F),
    ("site", DJ_DB + r"\sum_{i=1}^{m} (f^{(i)} - y^{(i)})", "one-over-m", ONE_OVER_M),
    ("site", DJ_DB + r"\frac{1}{m} \sum_{i=1}^{m} (y^{(i)} - f^{(i)})", "sign", SIGN),
    ("matrix", DJ_DW + r"\frac{1}{m} (f - y)^\top X", "transpose", TRANSPOSE),
    ("matrix", DJ_DW + r"\frac{1}{m} X (f - y)", "transpose", TRANSPOSE),
    ("dls", r"dw = \frac{1}{m} X (A - Y)", "transpose", TRANSPOSE),
]


@pytest.mark.parametrize(("notation", "line", "slip", "link"), SLIPS)
def test_common_slips_are_named(notation, line, slip, link):
    (verdict,) = check_derivation(notation, line)
    assert (verdict.verdict, verdict.slip, verdict.link) == ("wrong", slip, link), verdict.message
    assert "likely slip" in verdict.message


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (r"\frac{\partial L}{\partial w_j} = \foo{x}", r"'\\foo'"),
        (r"L = (f - y", "expected"),
        (r"L = q + 1", "unknown name 'q'"),
        (r"\frac{\partial L}{\partial w} = (f - y) x", "w needs a subscript here (write w_j)"),
        ("the chain rule gives", "not an equation"),
        (r"L =", "nothing after it"),
        ("= f - y", "no step before it"),
        ("x" * 700 + " = 1", "longer than"),
    ],
)
def test_garbage_is_unreadable_with_a_message(line, says):
    (verdict,) = check_derivation("site", line)
    assert verdict.verdict == "unreadable"
    assert says in verdict.message


def test_a_step_after_an_unreadable_one_is_not_guessed():
    verdicts = check_derivation("site", "L = \\foo\n= f - y")
    assert [v.verdict for v in verdicts] == ["unreadable", "unreadable"]
    assert "continues step 1" in verdicts[1].message


def test_a_200_line_paste_checks_the_first_steps_and_says_so():
    lines = [r"\frac{\partial L}{\partial z} = f - y"] + ["= f - y"] * 199
    verdicts = check_derivation("site", "\n".join(lines))
    assert len(verdicts) == 200
    assert {v.verdict for v in verdicts[:MAX_STEPS]} == {"right"}
    assert {v.verdict for v in verdicts[MAX_STEPS:]} == {"unreadable"}
    assert f"first {MAX_STEPS} steps" in verdicts[-1].message


def test_out_of_time_leaves_steps_pending():
    verdicts = check_derivation("site", "f = \\sigma(z)\n= f", seconds=0)
    assert [v.verdict for v in verdicts] == ["pending", "pending"]


def test_notations_are_the_courses_and_the_sigmoid():
    assert set(CHECK_NOTATIONS) == {
        "site",
        "matrix",
        "mls",
        "dls",
        "features-in-rows",
        "cs229",
        "prml",
        "sigmoid",
    }
    with pytest.raises(KeyError):
        check_derivation("no-such-course", "x = x")


@pytest.mark.parametrize(
    ("notation", "line"),
    [
        (
            "mls",
            r"\frac{\partial J(\mathbf{w}, b)}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} "
            r"\left(f_{\mathbf{w}, b}\left(\mathbf{x}^{(i)}\right) - y^{(i)}\right)",
        ),
        (
            "cs229",
            r"\frac{\partial \ell(\theta)}{\partial \theta_j} = \sum_{i=1}^{m} "
            r"(y^{(i)} - h_\theta(x^{(i)})) x_j^{(i)}",
        ),
        ("prml", r"\frac{\partial E}{\partial w_j} = \sum_{n=1}^{N} (y_n - t_n) \phi_{nj}"),
        ("dls", r"dw = \frac{1}{m} X dZ^\top"),
    ],
)
def test_course_notations_read_their_symbols(notation, line):
    assert [v.verdict for v in check_derivation(notation, line)] == ["right"]
    flipped = (
        line.replace("- y", "+ y")
        .replace("- h", "+ h")
        .replace("- t", "+ t")
        .replace("dZ^\\top", "dZ")
    )
    assert [v.verdict for v in check_derivation(notation, flipped)] == ["wrong"]


def test_address_round_trip_keeps_plus_and_newlines():
    text = "L = a + b\n= c & d"
    link = address("site", text)
    assert link.startswith("../check/#n=site&s=") and "+" not in link and "\n" not in link
    assert read_address(link.split("#", 1)[1]) == ("site", text)


@pytest.mark.parametrize("notation", SPELLED)
def test_a_route_in_a_courses_letters_reads_back_as_the_route(notation):
    """A course's spelling of the site's names, read back by its rewrites, is the route again
    (up to \\ln for \\log): the course letters are a renaming, nothing is lost or changed."""
    _, text, _ = next(g for g in route_groups("chain-rule.md") if g[0] == "site")
    spelled = in_notation(text, notation)
    assert spelled != text
    assert to_context_names(spelled, notation).replace(r"\ln", r"\log") == text


@pytest.mark.parametrize(
    ("notation", "line"),
    [
        ("mls", r"\frac{\partial L}{\partial z} = f_{\mathbf{w}, b}(\mathbf{x}) - y"),
        ("cs229", r"\frac{\partial L}{\partial \theta_0} = h_\theta(x) - y"),
        ("cs229", r"g'(z) = g(z)(1 - g(z))"),
        ("prml", r"\frac{\partial E_n}{\partial a} = y - t"),
        ("prml", r"\frac{\partial E_n}{\partial w_j} = (y - t)\, \phi_j"),
    ],
)
def test_one_examples_letters_in_each_course(notation, line):
    assert [v.verdict for v in check_derivation(notation, line)] == ["right"]
    swapped = line.replace("- y", "+ y").replace("- t", "+ t").replace("(1 - g(z))", "(1 + g(z))")
    assert [v.verdict for v in check_derivation(notation, swapped)] == ["wrong"]
