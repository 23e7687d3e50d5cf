r"""Checking a ``result`` fence written in a course's own notation.

Each notation is a checking context plus a renaming table: regular expressions that rewrite the
course's symbols into the names of the context (e.g. CS229's ``h_\theta(x^{(i)})`` into
``f^{(i)}`` and ``\theta_j`` into ``w_j``). The left side of a result is then differentiated
honestly in the context, so a result is checked against the gradient of the cost, not against a
stored answer.

    >>> check_result(
    ...     r"\frac{\partial \ell(\theta)}{\partial \theta_j} = "
    ...     r"\sum_{i=1}^{m} \left(y^{(i)} - h_\theta\left(x^{(i)}\right)\right) x_j^{(i)}",
    ...     "cs229",
    ... )
    'symbolic'

A notation whose symbols are not in a table yet: add an entry to NOTATIONS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from .check import CheckFailed, check_equation
from .context import Context
from .contexts import columns, features_in_rows, matrix, scalar, sized

LOG_LIKELIHOOD = (
    r"\sum_{i=1}^{m}\left(y^{(i)} \log f^{(i)} + (1 - y^{(i)}) \log(1 - f^{(i)})\right)"
)
_ARG = r"\s*(?:\\left|\\big|\\bigl)?\(\s*{x}\^\{{\((\w)\)\}}\s*(?:\\right|\\big|\\bigr)?\)"
_ONE = r"\s*(?:\\left)?\(\s*{x}\s*(?:\\right)?\)"  # the argument of one example's prediction


def _alone(letter: str) -> str:
    """``letter`` as a symbol of its own: not part of a command or a word, no subscript or
    superscript after it (``d`` before it is kept, as in ``\\frac{d}{dz}``)."""
    return rf"(?<![\\A-Za-ce-z])(d?){letter}(?![\w_^'])"


def _one_error(m: re.Match) -> str:
    """PRML's E_n: one example's loss, L^{(i)} inside a sum over the examples, L outside one."""
    inside_sum = re.search(r"\\sum_\{n=1\}", m.string[: m.start()])
    return "L^{(i)}" if inside_sum else "L"


@dataclass(frozen=True)
class Notation:
    title: str
    make_context: Callable[[], Context]
    rewrites: list[tuple[str, str | Callable[[re.Match], str]]] = field(default_factory=list)
    example: str = ""  # a correct result in this notation (used by the tests)
    # How this notation writes a text in the site's scalar names (the routes, for the tests that
    # check every route in every course's letters); the rewrites read it back.
    spelling: list[tuple[str, str]] = field(default_factory=list)


NOTATIONS: dict[str, Notation] = {
    "site": Notation(
        "This site (scalar, one weight)",
        scalar,
        [(r"J\s*\(\s*w\s*,\s*b\s*\)", "J")],
        r"\frac{\partial J}{\partial w_j} = \frac{1}{m} \sum_{i=1}^{m} "
        r"\left(f^{(i)} - y^{(i)}\right) x_j^{(i)}",
    ),
    "matrix": Notation(
        "This site, matrix form: X is m x n (one example per row)",
        matrix,
        [(r"J\s*\(\s*w\s*,\s*b\s*\)", "J")],
        r"\nabla_w J = \frac{1}{m} X^\top \left(\sigma(Xw + b\mathbf{1}) - y\right)",
    ),
    "mls": Notation(
        "Machine Learning Specialization: f_wb(x), w, b, J(w, b)",
        scalar,
        [
            (r"J\s*\(\s*\\mathbf\{w\}\s*,\s*b\s*\)", "J"),
            (r"f_\{\\mathbf\{w\}\s*,\s*b\}" + _ARG.format(x=r"\\mathbf\{x\}"), r"f^{(\1)}"),
            (r"f_\{\\mathbf\{w\}\s*,\s*b\}" + _ONE.format(x=r"\\mathbf\{x\}"), "f"),
        ],
        r"\frac{\partial J(\mathbf{w}, b)}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} "
        r"\left(f_{\mathbf{w}, b}\left(\mathbf{x}^{(i)}\right) - y^{(i)}\right)",
        [
            (r"f\^\{\((\w)\)\}", r"f_{\\mathbf{w}, b}\\left(\\mathbf{x}^{(\1)}\\right)"),
            (_alone("f"), r"\1f_{\\mathbf{w}, b}(\\mathbf{x})"),
            (r"(?<![\\\w])J(?![\w(])", r"J(\\mathbf{w}, b)"),
        ],
    ),
    "dls": Notation(
        "Deep Learning Specialization: examples in columns, dw, db, dZ = A - Y",
        columns,
        [],
        r"dw = \frac{1}{m} X \, dZ^\top",
    ),
    "features-in-rows": Notation(
        "Features in rows, other letters: X is k x n (n examples, one per column), W, beta",
        features_in_rows,
        [],
        r"\frac{\partial J}{\partial W} = \frac{1}{n} X (A - Y)^\top",
    ),
    "cs229": Notation(
        "CS229: theta, h_theta, log-likelihood l(theta) (maximised)",
        lambda variant=0: scalar("cs229", {r"\ell": LOG_LIKELIHOOD}, variant),
        [
            (r"\\ell\s*\(\s*\\theta\s*\)", r"\\ell"),
            (r"h_(?:\\theta|\{\\theta\})" + _ARG.format(x="x"), r"f^{(\1)}"),
            (r"h_(?:\\theta|\{\\theta\})" + _ONE.format(x="x"), "f"),
            (r"\\theta_(?:0|\{0\})(?!\w)", "b"),
            (r"\\theta_", "w_"),
            (r"(?<![\\\w])g(?=\s*'?\s*(?:\\left)?\()", r"\\sigma"),
            (r"\{d\s*g\}", r"{d\\sigma}"),
        ],
        r"\frac{\partial \ell(\theta)}{\partial \theta_j} = \sum_{i=1}^{m} "
        r"\left(y^{(i)} - h_\theta\left(x^{(i)}\right)\right) x_j^{(i)}",
        [
            (r"f\^\{\((\w)\)\}", r"h_\\theta\\left(x^{(\1)}\\right)"),
            (_alone("f"), r"\1h_\\theta(x)"),
            (r"(?<![\\\w])w_", r"\\theta_"),
            (_alone("b"), r"\1\\theta_0"),
            (r"\\sigma(?![A-Za-z])", "g"),
        ],
    ),
    "prml": Notation(
        "Bishop, PRML: y_n, t_n, phi_n, error E(w) (a sum, no 1/N)",
        lambda variant=0: scalar("prml", {"E": "-" + LOG_LIKELIHOOD}, variant),
        [
            (r"(?<![\\\w])E_(?:n|\{n\})(?!\w)", _one_error),
            (r"\\sum_\{n=1\}\^(?:\{N\}|N)", r"\\sum_{i=1}^{m}"),
            (r"\\frac\{1\}\{N\}", r"\\frac{1}{m}"),
            (_alone("y"), r"\1f"),
            (r"(?<![\\\w])y_n\b", r"f^{(i)}"),
            (r"(?<![\\\w])t_n\b", r"y^{(i)}"),
            (_alone("t"), r"\1y"),
            (r"\\phi_\{n(\w)\}", r"x_\1^{(i)}"),
            (r"\\phi_(\w)", r"x_\1"),
            (_alone("a"), r"\1z"),
            (r"(?<![\\\w])w_(?:0|\{0\})(?!\w)", "b"),
        ],
        r"\frac{\partial E}{\partial w_j} = \sum_{n=1}^{N} \left(y_n - t_n\right) \phi_{nj}",
        [
            (r"\\frac\{1\}\{m\}", r"\\frac{1}{N}"),
            (r"\\sum_\{i=1\}\^\{m\}", r"\\sum_{n=1}^{N}"),
            (r"L\^\{\(i\)\}", "E_n"),
            (_alone("L"), r"\1E_n"),
            (r"x_(\w)\^\{\(i\)\}", r"\\phi_{n\1}"),
            (r"(?<![\\\w])x_(\w)", r"\\phi_\1"),
            (r"y\^\{\(i\)\}", "t_n"),
            (_alone("y"), r"\1t"),
            (r"f\^\{\(i\)\}", "y_n"),
            (_alone("f"), r"\1y"),
            (_alone("z"), r"\1a"),
            (_alone("b"), r"\1w_0"),
            (r"\\log(?![A-Za-z])", r"\\ln"),
        ],
    ),
}


@cache
def notation_context(name: str) -> Context:
    return sized(NOTATIONS[name].make_context)


def _renamed(tex: str, table: list) -> str:
    for pattern, repl in table:
        tex = re.sub(pattern, repl, tex)
    return tex


def to_context_names(tex: str, notation: str) -> str:
    """Apply the notation's renaming table (KeyError for an unknown notation)."""
    return _renamed(tex, NOTATIONS[notation].rewrites)


def in_notation(tex: str, notation: str) -> str:
    """A text in the site's scalar names, written in ``notation``'s letters (its spelling)."""
    return _renamed(tex, NOTATIONS[notation].spelling)


SPELLED = tuple(name for name, n in NOTATIONS.items() if n.spelling)  # the scalar courses


DEFAULT_NOTATIONS = ("site", "matrix")


def check_result(tex: str, notation: str | None) -> str:
    """Check a result equation written in ``notation``; return "symbolic" or "numeric".

    ``notation=None`` means this site's own symbols: scalar ("site") or, when the scalar
    reading cannot read it (``w`` as a vector, ``X``), the matrix form ("matrix").
    Raises KeyError for an unknown notation and CheckFailed when the equation is wrong or uses
    symbols the notation's table does not know.
    """
    if notation is None:
        for name in DEFAULT_NOTATIONS[:-1]:
            try:
                return check_result(tex, name)
            except CheckFailed as exc:
                if not str(exc).startswith("cannot read"):
                    raise
        notation = DEFAULT_NOTATIONS[-1]
    return check_equation(notation_context(notation), to_context_names(tex, notation))
