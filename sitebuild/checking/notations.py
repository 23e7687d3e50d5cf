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


@dataclass(frozen=True)
class Notation:
    title: str
    make_context: Callable[[], Context]
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    example: str = ""  # a correct result in this notation (used by the tests)


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
        ],
        r"\frac{\partial J(\mathbf{w}, b)}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} "
        r"\left(f_{\mathbf{w}, b}\left(\mathbf{x}^{(i)}\right) - y^{(i)}\right)",
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
            (r"h_\\theta" + _ARG.format(x="x"), r"f^{(\1)}"),
            (r"h_\{\\theta\}" + _ARG.format(x="x"), r"f^{(\1)}"),
            (r"\\theta_", "w_"),
        ],
        r"\frac{\partial \ell(\theta)}{\partial \theta_j} = \sum_{i=1}^{m} "
        r"\left(y^{(i)} - h_\theta\left(x^{(i)}\right)\right) x_j^{(i)}",
    ),
    "prml": Notation(
        "Bishop, PRML: y_n, t_n, phi_n, error E(w) (a sum, no 1/N)",
        lambda variant=0: scalar("prml", {"E": "-" + LOG_LIKELIHOOD}, variant),
        [
            (r"\\sum_\{n=1\}\^\{N\}", r"\\sum_{i=1}^{m}"),
            (r"\\sum_\{n=1\}\^N", r"\\sum_{i=1}^{m}"),
            (r"(?<![\\\w])y_n\b", r"f^{(i)}"),
            (r"(?<![\\\w])t_n\b", r"y^{(i)}"),
            (r"\\phi_\{nj\}", r"x_j^{(i)}"),
        ],
        r"\frac{\partial E}{\partial w_j} = \sum_{n=1}^{N} \left(y_n - t_n\right) \phi_{nj}",
    ),
}


@cache
def notation_context(name: str) -> Context:
    return sized(NOTATIONS[name].make_context)


def to_context_names(tex: str, notation: str) -> str:
    """Apply the notation's renaming table (KeyError for an unknown notation)."""
    for pattern, repl in NOTATIONS[notation].rewrites:
        tex = re.sub(pattern, repl, tex)
    return tex


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
