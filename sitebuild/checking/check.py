"""Equality checks for displayed equations, chains of steps, and mutations of them.

``equal`` first evaluates both sides at random points with mpmath (40 digits): a mismatch is a
proof of inequality and ends the check quickly. When the values agree, SymPy is asked to prove
it: ``simplify(a - b) == 0``. When SymPy cannot close it, the step passes on the numeric
evidence and the returned method says ``"numeric"`` so the report can list it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import mpmath
import sympy as sp

from .context import Context, EvalError, is_matrix, shape
from .latex import ParseError, split_equation

DIGITS = 40
POINTS = 4
RTOL = mpmath.mpf(10) ** -30


class CheckFailed(AssertionError):
    pass


def _entries(v):
    return list(v) if is_matrix(v) else [v]


def numerically_equal(a, b, seed=0, points=POINTS) -> bool:
    """Compare a and b entry by entry at ``points`` random points, with 40-digit mpmath."""
    ea, eb = _entries(a), _entries(b)
    exprs = [sp.sympify(e) for e in ea + eb]
    syms = sorted(set().union(*[e.free_symbols for e in exprs]), key=str)
    plain = [sp.Symbol(f"s{k}") for k in range(len(syms))]
    renamed = [e.xreplace(dict(zip(syms, plain, strict=True))) for e in exprs]
    fn = sp.lambdify(plain, renamed, modules="mpmath", dummify=False)
    rng = random.Random(seed)
    with mpmath.workdps(DIGITS):
        for _ in range(points):
            vals = [mpmath.mpf(rng.uniform(-1.5, 1.5)) for _ in plain]
            try:
                out = fn(*vals)
            except (ZeroDivisionError, ValueError):
                continue
            for x, y in zip(out[: len(ea)], out[len(ea) :], strict=True):
                scale = max(mpmath.mpf(1), abs(x), abs(y))
                if abs(x - y) > RTOL * scale:
                    return False
    return True


def _exp_free(d):
    """Replace each exp(a) by a positive symbol t_a (exp(-a) by 1/t_a), then expand logs.

    Sound as a proof of zero: an identity in independent positive t_a stays true when each t_a
    is specialised back to exp(a). It turns the sigmoid algebra into rational functions, which
    cancel() decides quickly.
    """
    mapping = {}
    names = {}
    for e in sorted(d.atoms(sp.exp), key=sp.default_sort_key):
        arg = sp.expand(e.args[0])
        neg = sp.expand(-arg)
        key = min(arg, neg, key=sp.default_sort_key)
        if key not in names:
            names[key] = sp.Symbol(f"t{len(names)}", positive=True)
        mapping[e] = names[key] if key == arg else 1 / names[key]
    d = d.xreplace(mapping)
    return sp.expand_log(d, deep=True)


def _is_zero(d) -> bool:
    d = sp.sympify(d)
    if d == 0 or sp.expand(d) == 0:
        return True
    try:
        if sp.cancel(sp.together(_exp_free(d))) == 0:
            return True
    except sp.PolynomialError:
        pass
    return sp.simplify(d) == 0


def symbolically_equal(a, b) -> bool:
    return all(_is_zero(x - y) for x, y in zip(_entries(a), _entries(b), strict=True))


_CACHE: dict[tuple, str] = {}


def equal(ctx: Context, left: str, right: str) -> str:
    """Check that two displayed sides are equal in ``ctx``; return "symbolic" or "numeric"."""
    key = (ctx.name, left, right)
    if key in _CACHE:
        return _CACHE[key]
    # Numerically at every size tuple (sizes.py), so that sizes cannot coincide; the proof at
    # the smallest tuple, where SymPy is fastest.
    contexts = (ctx, *ctx.variants)
    values = [_values(c, left, right) for c in contexts]
    a, b = values[min(range(len(contexts)), key=lambda k: math.prod(contexts[k].sizes.values()))]
    method = "symbolic" if symbolically_equal(a, b) else "numeric"
    _CACHE[key] = method
    return method


def _values(ctx: Context, left: str, right: str):
    """Both sides expanded to base symbols; CheckFailed unless they agree numerically."""
    try:
        a, b = ctx.value(left), ctx.value(right)
    except (ParseError, EvalError) as exc:
        raise CheckFailed(f"cannot read: {exc}") from exc
    if shape(a) != shape(b):
        raise CheckFailed(f"shapes differ: {shape(a)} vs {shape(b)}\n  {left}\n  {right}")
    a, b = ctx.expand(a), ctx.expand(b)
    if not numerically_equal(a, b):
        sizes = ", ".join(f"{k} = {v}" for k, v in {**ctx.sizes, **ctx.bindings}.items())
        raise CheckFailed(f"not equal ({sizes}):\n  {left}\n  {right}")
    return a, b


@dataclass
class StepCheck:
    label: str  # e.g. "step-3"
    pairs: list[tuple[str, str]]
    method: str = ""  # "symbolic", "numeric" or "" when failed
    error: str = ""


def check_chain(steps, contexts: dict[str, Context], default: str | None) -> list[StepCheck]:
    """Check every ``step`` of a page: chain starts and asides as equations, continuations
    against the previous chain step's last side."""
    out = []
    prev: tuple[str, str] | None = None  # (context name, last side)
    for step in steps:
        if step.kind != "step":
            continue
        label = step.id or f"line {step.line}"
        name = step.context or default
        res = StepCheck(label, [])
        out.append(res)
        if name not in contexts:
            res.error = f"no checking context {name!r} (set front matter 'derivation:')"
            continue
        ctx = contexts[name]
        sides = split_equation(step.tex)
        if step.is_continuation:
            if prev is None or prev[0] != name:
                res.error = "continuation '= ...' with no previous step in the same context"
                continue
            sides[0] = prev[1]
        if len(sides) < 2 or any(not s for s in sides):
            res.error = f"not an equation: {step.tex!r}"
            continue
        res.pairs = list(zip(sides, sides[1:], strict=False))
        methods = []
        try:
            for left, right in res.pairs:
                methods.append(equal(ctx, left, right))
        except CheckFailed as exc:
            res.error = str(exc)
        else:
            res.method = "numeric" if "numeric" in methods else "symbolic"
        if not step.aside:
            prev = (name, sides[-1])
    return out


def check_equation(ctx: Context, tex: str) -> str:
    """Check a full equation ``A = B (= C ...)``; return the method or raise CheckFailed."""
    sides = split_equation(tex)
    if len(sides) < 2 or any(not s for s in sides):
        raise CheckFailed(f"not an equation: {tex!r}")
    methods = [equal(ctx, a, b) for a, b in zip(sides, sides[1:], strict=False)]
    return "numeric" if "numeric" in methods else "symbolic"


def mutations(tex: str) -> list[tuple[str, str]]:
    """Wrong copies of a displayed equation: (description, mutated tex).

    Every '+' and '-' flipped one at a time, every 1/m dropped, every transpose dropped. A step
    with none of these gets its last side negated. Descriptions quote the text just before the
    change, so they stay the same when other parts of the step are edited.
    """
    out = []

    def where(i: int) -> str:
        return "after '" + tex[max(0, i - 30) : i].lstrip() + "'"

    for i, c in enumerate(tex):
        if c in "+-" and (i == 0 or tex[i - 1] != "\\"):
            flipped = tex[:i] + ("-" if c == "+" else "+") + tex[i + 1 :]
            out.append((f"flip '{c}' {where(i)}", flipped))
    for pat in (r"\frac{1}{m}", r"\dfrac{1}{m}"):
        start = 0
        while (i := tex.find(pat, start)) >= 0:
            out.append((f"drop {pat} {where(i)}", tex[:i] + tex[i + len(pat) :]))
            start = i + 1
    for pat in (r"^{\top}", r"^\top", "^T"):
        start = 0
        while (i := tex.find(pat, start)) >= 0:
            out.append((f"drop transpose {where(i)}", tex[:i] + tex[i + len(pat) :]))
            start = i + 1
    if not out:
        sides = split_equation(tex)
        sides[-1] = r"-\left(" + sides[-1] + r"\right)"
        out.append(("negate the last side", (" = ".join(sides)).lstrip()))
    return out
