"""Numbers stated in the prose come from a computation: each is recomputed here independently
and looked up on its page, so a page that states another number (or a computation that gives
another) fails."""

from __future__ import annotations

import contextlib
import io
import math
import re

import numpy as np
import sympy as sp
from helpers import DOCS


def page(slug: str) -> str:
    return (DOCS / f"{slug}.md").read_text(encoding="utf-8")


def first_float_where(predicate, lo: float, hi: float) -> float:
    """Bisection on doubles: the boundary between predicate false (at lo) and true (at hi)."""
    assert not predicate(lo) and predicate(hi)
    while np.nextafter(lo, hi) != hi:
        mid = (lo + hi) / 2
        if predicate(mid):
            hi = mid
        else:
            lo = mid
    return hi


def test_exp_overflow_threshold():
    """np.exp(-z) overflows below -709.78: log of the largest double, with math (not numpy)."""
    assert round(math.log(np.finfo(float).max), 2) == 709.78
    with np.errstate(over="ignore"):
        z = first_float_where(lambda z: np.isinf(np.exp(-z)), 0.0, -800.0)
    assert round(z, 2) == -709.78
    assert "$-709.78$" in page("code")


def test_sigmoid_rounds_to_one_above_36_74():
    """1 + e^{-z} rounds to 1 once e^{-z} is below half an ulp of 1: z > 53 ln 2."""
    z = first_float_where(lambda z: 1 / (1 + np.exp(-z)) == 1.0, 0.0, 60.0)
    assert round(z, 2) == round(53 * math.log(2), 2) == 36.74
    assert "$36.74$" in page("code")
    assert "every loss at $-\\log c$, about 36 for" in page("code")
    assert round(-math.log(2.0**-52)) == 36


def test_f_reaches_zero_only_below_745():
    """e^z underflows to 0 below half the smallest subnormal, 2^-1075: z = -745.13."""
    with np.errstate(under="ignore"):
        z = first_float_where(lambda z: np.exp(z) == 0.0, 0.0, -800.0)
    assert round(z) == round(-1075 * math.log(2)) == -745
    assert "$z = -745$" in page("code")


def test_squared_error_bends_down_above_two_thirds():
    f = sp.Symbol("f")
    second = sp.diff((f - 0) * f * (1 - f), f) * f * (1 - f)  # d/dz of (f - y) f (1 - f), y = 0
    assert sp.factor(second) == sp.factor(f**2 * (1 - f) * (2 - 3 * f))
    assert sp.solve(2 - 3 * f, f) == [sp.Rational(2, 3)]
    assert "f > \\frac{2}{3}" in page("convexity")


def test_newton_and_descent_iteration_counts():
    from questions.newton_vs_gd import compare

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        compare()
    counts = dict(line.split(": ") for line in out.getvalue().splitlines())
    text = " ".join(page("newton").split())
    assert f"Newton needs {counts['newton']} steps" in text
    assert f"gradient descent {counts['descent']} (learning rate 1)" in text
    assert f"and {counts['descent, scaled']} once one feature" in text
    assert counts["newton, scaled"] == counts["newton"]


def test_gradient_check_best_step_and_passing_range():
    """The figure's error curve: smallest near h = 3e-5; below 1e-7 from about 1e-9 to 1e-3."""
    from figures.gradient_check_error import errors

    h, err = errors()
    best = h[int(err.argmin())]
    assert 1e-5 < best < 1e-4
    passing = h[err < 1e-7]
    assert 10**-9.5 < passing.min() < 10**-8.5 and 10**-3.5 < passing.max() < 10**-2.5
    text = " ".join(page("code").split())
    assert "$h \\approx 3 \\times 10^{-5}$" in text
    assert re.search(r"from about \$10\^\{-9\}\$ to \$10\^\{-3\}\$", text)
    assert abs(math.log10(best) - math.log10(3e-5)) < 0.3
