r"""The checking contexts of the derivation pages (front matter ``derivation: <name>``).

Setting (issue 3): X is m x n, one example per row; y in {0,1}^m; w in R^n; b scalar;
z = Xw + b; f = sigma(z); L = -[y log f + (1 - y) log(1 - f)]; J = (1/m) sum of L.

Sizes are concrete and small with symbolic entries, and every context is built at the two size
tuples of sizes.py (m = 5, n = 3 and m = 2, n = 5); the feature index j is bound to a weight
strictly inside 1..n, so that ``w_j`` is one particular weight among the others.
"""

from __future__ import annotations

import inspect

from .context import Context
from .sizes import EXAMPLES

LOSS = r"-\left(y \log f + (1 - y) \log(1 - f)\right)"


def sigmoid() -> Context:
    """The sigmoid page: one real variable z."""
    return Context("sigmoid", symbols={"z": None})


def identities() -> Context:
    """Rules of algebra the prose states in letters of their own (the log rules, a quotient):
    a and c stand for any positive numbers, u and v for any real ones."""
    return Context(
        "identities",
        symbols={"p": None, "q": None, "u": None, "v": None},
        defs={"a": r"e^{p}", "c": r"e^{q}"},
    )


def scalar(
    name: str = "scalar", extra_defs: dict[str, str] | None = None, variant: int = 0
) -> Context:
    """One example at a time (chain rule and substitution routes), plus the average over m."""
    return Context(
        name,
        symbols={"b": None, "w": "sub", "x": "sub", "y": None},
        defs={
            "z": r"\sum_{k=1}^{n} w_k x_k + b",
            "f": r"\sigma(z)",
            "L": LOSS,
            "J": r"\frac{1}{m} \sum_{i=1}^{m} L^{(i)}",
            **(extra_defs or {}),
        },
        sizes=EXAMPLES[variant][0],
        bindings={"j": EXAMPLES[variant][1]["j"]},
        per_example=frozenset({"x", "y", "z", "f", "L"}),
    )


def matrix(variant: int = 0) -> Context:
    """Matrix route: X is m x n (rows are examples), vectors are columns."""
    return Context(
        "matrix",
        symbols={"X": ("m", "n"), "y": ("m", 1), "w": ("n", 1), "b": None, r"\alpha": None},
        defs={
            "z": r"Xw + b\mathbf{1}",
            "f": r"\sigma(z)",
            "L": LOSS,
            "J": r"-\frac{1}{m}\left(y^\top \log f + (1 - y)^\top \log(1 - f)\right)",
        },
        sizes=EXAMPLES[variant][0],
        # A gradient-descent step moves each parameter against the cost's gradient, alpha times it.
        rules={
            "descent-w": ("w", r"\frac{w - {new}}{\alpha} = \nabla_w J"),
            "descent-b": ("b", r"\frac{b - {new}}{\alpha} = \frac{\partial J}{\partial b}"),
        },
    )


def columns(variant: int = 0) -> Context:
    """Examples in columns (Deep Learning Specialization): X is n x m, Y and A are 1 x m."""
    return Context(
        "columns",
        symbols={"X": ("n", "m"), "Y": (1, "m"), "w": ("n", 1), "b": None},
        defs={
            "Z": r"w^\top X + b\mathbf{1}^\top",
            "A": r"\sigma(Z)",
            "J": r"-\frac{1}{m}\left(Y \left(\log A\right)^\top"
            r" + (1 - Y)\left(\log(1 - A)\right)^\top\right)",
            "dZ": r"A - Y",
            "dw": r"\frac{\partial J}{\partial w}",
            "db": r"\frac{\partial J}{\partial b}",
        },
        sizes=EXAMPLES[variant][0],
        multi_letter=frozenset({"dZ", "dw", "db"}),
    )


def features_in_rows(variant: int = 0) -> Context:
    r"""A tutorial's letters: X is k x n (k features, n examples, one per column), weights W and
    bias \beta; n counts the examples here."""
    sizes = EXAMPLES[variant][0]
    return Context(
        "features-in-rows",
        symbols={"X": ("k", "n"), "Y": (1, "n"), "W": ("k", 1), r"\beta": None},
        defs={
            "Z": r"W^\top X + \beta\mathbf{1}_n^\top",
            "A": r"\sigma(Z)",
            "J": r"-\frac{1}{n}\left(Y \left(\log A\right)^\top"
            r" + (1 - Y)\left(\log(1 - A)\right)^\top\right)",
        },
        sizes={"k": sizes["n"], "n": sizes["m"]},
    )


PAGE_CONTEXTS = {
    "sigmoid": sigmoid,
    "identities": identities,
    "scalar": scalar,
    "matrix": matrix,
    "columns": columns,
    "features-in-rows": features_in_rows,
}


def sized(make) -> Context:
    """``make(variant=0)`` with ``make(variant=1)`` as its variant: checked at both sizes."""
    ctx = make()
    if "variant" in inspect.signature(make).parameters:  # not the sigmoid's, nor K = 2 softmax
        ctx.variants.append(make(variant=1))
    return ctx


def page_contexts() -> dict[str, Context]:
    """Every checking context a page may name: the routes' and the follow-up questions'."""
    from .contexts_questions import QUESTION_CONTEXTS

    return {name: sized(make) for name, make in {**PAGE_CONTEXTS, **QUESTION_CONTEXTS}.items()}
