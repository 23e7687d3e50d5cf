r"""The likely slip behind a wrong step, found by undoing the slips the site's tests make.

The derivation tests mutate every displayed step (a flipped sign, a dropped 1/m, a dropped
transpose, see :func:`.check.mutations`) and require each mutant to fail. Here the same
mutations are applied to a learner's wrong side: when one of them makes the step right, that is
the slip, located in the text. Then whole-side slips are tried: the sign of everything, a 1/m too
many or too few, a transpose, and a missing inner derivative of the chain rule (x_j from
dz/dw_j, f(1 - f) from df/dz). Each slip links to the place on the site that explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .check import CheckFailed, equal, mutations, numerically_equal
from .context import Context, EvalError, is_matrix, mul, shape
from .latex import ParseError

MAX_MUTANTS = 24


@dataclass(frozen=True)
class Slip:
    kind: str  # "sign", "one-over-m", "transpose", "inner-derivative"
    message: str
    link: str  # relative to /check/
    link_text: str


SIGN = ("../mistakes/#step-2", "Common mistakes: a flipped sign")
ONE_OVER_M = ("../chain-rule/#step-18", "Chain rule, step 18: the 1/m of the average")
TRANSPOSE = ("../matrix/#step-4", "Matrix form, step 4: where the transposes come from")
INNER_X = ("../chain-rule/#step-10", "Chain rule, step 10: dz/dw_j = x_j")
INNER_SIGMOID = ("../mistakes/#step-1", "Common mistakes: f(1 - f) left in the gradient")

# Inner derivatives a learner forgets, as TeX in the checking contexts' names.
INNER_FACTORS = (
    (r"x_j", "the inner derivative dz/dw_j = x_j", INNER_X),
    (r"f(1 - f)", "the inner derivative df/dz = f(1 - f)", INNER_SIGMOID),
    (r"\sigma(z)(1 - \sigma(z))", "the derivative of the sigmoid, σ(z)(1 − σ(z))", INNER_SIGMOID),
)


def _slip(kind: str, message: str, where: tuple[str, str]) -> Slip:
    return Slip(kind, message, *where)


def diagnose(ctx: Context, left: str, right: str) -> Slip | None:
    """The likely slip in ``left = right`` (known to be false), or None."""
    return _located(ctx, left, right) or _whole_side(ctx, left, right)


def shape_slip() -> Slip:
    """Sides whose shapes cannot be equal, or a product whose shapes do not fit."""
    return _slip("transpose", "a transpose or the order of a product", TRANSPOSE)


def _located(ctx: Context, left: str, right: str) -> Slip | None:
    for what, mutant in mutations(right)[:MAX_MUTANTS]:
        try:
            equal(ctx, left, mutant)
        except CheckFailed:
            continue
        except (ArithmeticError, TypeError, ValueError, RecursionError):
            continue
        place = what.split(" after ", 1)[1] if " after " in what else "''"
        place = " at the start" if place == "''" else f" (after {place})"
        if what.startswith("flip"):
            sign = what.split("'")[1]
            other = "-" if sign == "+" else "+"
            return _slip("sign", f"a sign: this '{sign}'{place} should be '{other}'", SIGN)
        if what.startswith("drop transpose"):
            return _slip("transpose", f"a transpose too many{place}", TRANSPOSE)
        if what.startswith("drop"):
            return _slip("one-over-m", f"a 1/m too many{place}", ONE_OVER_M)
        if what.startswith("negate"):
            return _slip("sign", "the sign of the whole side", SIGN)
    return None


def _whole_side(ctx: Context, left: str, right: str) -> Slip | None:
    try:
        a = ctx.expand(ctx.value(left))
        b = ctx.expand(ctx.value(right))
    except (ParseError, EvalError, ArithmeticError, TypeError):
        return None
    m = ctx.sizes.get("m")

    def same(candidate) -> bool:
        try:
            return shape(candidate) == shape(a) and numerically_equal(a, ctx.expand(candidate))
        except (EvalError, ArithmeticError, TypeError, ValueError):
            return False

    if is_matrix(b) and shape(b) == shape(a)[::-1] and same(b.T):
        return _slip(
            "transpose", "a transpose: this is the transpose of the side before", TRANSPOSE
        )
    if same(-b):
        return _slip("sign", "the sign of the whole side", SIGN)
    if m and same(b / m if not is_matrix(b) else b.applyfunc(lambda e: e / m)):
        return _slip("one-over-m", "a missing 1/m", ONE_OVER_M)
    if m and same(b * m if not is_matrix(b) else b.applyfunc(lambda e: e * m)):
        return _slip("one-over-m", "a 1/m too many", ONE_OVER_M)
    if is_matrix(b):
        return None
    for tex, what, where in INNER_FACTORS:
        try:
            factor = ctx.value(tex)
        except (ParseError, EvalError, KeyError):
            continue
        if is_matrix(factor):
            continue
        if same(mul(factor, b)):
            return _slip("inner-derivative", f"a missing factor: {what}", where)
        if same(sp.Mul(b, 1 / factor)):
            return _slip("inner-derivative", f"a factor too many: {what}", where)
    return None
