"""Equality checks for displayed equations, chains of steps, and mutations of them.

``equal`` first evaluates both sides at random points with mpmath (40 digits): a mismatch is a
proof of inequality and ends the check quickly. When the values agree, SymPy is asked to prove
it: ``simplify(a - b) == 0``. When SymPy cannot close it, the step passes on the numeric
evidence and the returned method says ``"numeric"`` so the report can list it.
"""

from __future__ import annotations

import math
import random
import re
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
    fn = sp.lambdify(plain, renamed, modules="mpmath", dummify=False, cse=True)
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


def numerically_equal_staged(ctx: Context, a, b, seed=0, points=POINTS) -> bool:
    """numerically_equal for values too large to expand (a matrix inverse): the defined symbols
    are evaluated at the point first, then the unexpanded values from them."""
    exprs = [sp.sympify(e) for e in _entries(a) + _entries(b)]
    defined = sorted({s for e in exprs for s in e.free_symbols if s in ctx.definitions}, key=str)
    expanded = [ctx.expand(s) for s in defined]
    base = sorted({s for e in exprs + expanded for s in e.free_symbols} - set(defined), key=str)
    def_fn = sp.lambdify(base, expanded, modules="mpmath", cse=True)
    fn = sp.lambdify(base + defined, exprs, modules="mpmath", cse=True)
    rng = random.Random(seed)
    half = len(exprs) // 2
    with mpmath.workdps(DIGITS):
        for _ in range(points):
            vals = [mpmath.mpf(rng.uniform(-1.5, 1.5)) for _ in base]
            try:
                out = fn(*vals, *def_fn(*vals))
            except (ZeroDivisionError, ValueError):
                continue
            for x, y in zip(out[:half], out[half:], strict=True):
                if abs(x - y) > RTOL * max(mpmath.mpf(1), abs(x), abs(y)):
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
    if d == 0:
        return True
    try:  # before expand(), which multiplies out every exp of a sum (slow for softmax)
        if sp.cancel(sp.together(_exp_free(d))) == 0:
            return True
    except sp.PolynomialError:
        pass
    return sp.expand(d) == 0 or sp.simplify(d) == 0


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
    if a is None:  # a matrix inverse: numeric evidence only
        method = "numeric"
    else:
        method = "symbolic" if symbolically_equal(a, b) else "numeric"
    _CACHE[key] = method
    return method


def _values(ctx: Context, left: str, right: str):
    """Both sides expanded to base symbols; CheckFailed unless they agree numerically."""
    ctx.inverse_used = False
    try:
        a, b = ctx.value(left), ctx.value(right)
    except (ParseError, EvalError) as exc:
        raise CheckFailed(f"cannot read: {exc}") from exc
    if shape(a) != shape(b):
        raise CheckFailed(f"shapes differ: {shape(a)} vs {shape(b)}\n  {left}\n  {right}")
    if ctx.inverse_used:
        same = numerically_equal_staged(ctx, a, b)
        a = b = None
    else:
        a, b = ctx.expand(a), ctx.expand(b)
        same = numerically_equal(a, b)
    if not same:
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


def check_update(ctx: Context, tex: str) -> str:
    r"""Check an update ``v \leftarrow E`` as the equation it applies: some rule of the context
    for v holds with E in place of {new}. Return the method or raise CheckFailed."""
    target, sep, expr = tex.partition(r"\leftarrow")
    if not sep or not expr.strip():
        raise CheckFailed(f"not an update: {tex!r}")
    rules = [eq for v, eq in ctx.rules.values() if v == target.strip()]
    if not rules:
        raise CheckFailed(f"cannot read: no update rule for {target.strip()!r} in {ctx.name!r}")
    errors = []
    for rule in rules:
        try:
            return check_equation(ctx, rule.replace("{new}", r"\left(" + expr + r"\right)"))
        except CheckFailed as exc:
            errors.append(str(exc))
    raise CheckFailed("no rule holds:\n" + "\n".join(errors))


def check_wrong(ctx: Context, tex: str) -> None:
    r"""A wrong line ``A \neq B``: raise CheckFailed unless A = B fails in ``ctx``."""
    left, sep, right = tex.partition(r"\neq")
    if not sep:
        raise CheckFailed(rf"a wrong line states A \neq B: {tex!r}")
    try:
        equal(ctx, left.strip(), right.strip())
    except CheckFailed as exc:
        if str(exc).startswith("cannot read"):
            raise
        return
    raise CheckFailed(f"the wrong line is right in {ctx.name!r}: {tex!r}")


def check_equation(ctx: Context, tex: str) -> str:
    """Check a full equation ``A = B (= C ...)``; return the method or raise CheckFailed."""
    sides = split_equation(tex)
    if len(sides) < 2 or any(not s for s in sides):
        raise CheckFailed(f"not an equation: {tex!r}")
    methods = [equal(ctx, a, b) for a, b in zip(sides, sides[1:], strict=False)]
    return "numeric" if "numeric" in methods else "symbolic"


# The usual slips, each a regular expression and what replaces one match of it at a time.
_NAME = r"(?<![\\A-Za-z]){}(?![A-Za-z])"
SLIPS = [
    # m and n swapped, in factors and in summation bounds
    ("swap m for n", _NAME.format("m"), "n"),
    ("swap n for m", _NAME.format("n"), "m"),
    # a constant for 1/m (and for lambda/m)
    ("constant for m", r"(?<=\}\{)m(?=\})", "2"),
    # one index for another, in subscripts and example superscripts
    ("index j for k", r"(?<=_)j\b|(?<=_\{)j(?=\})", "k"),
    ("index k for j", r"(?<=_)k\b|(?<=_\{)k(?=\})", "j"),
    ("index k for l", r"(?<=_)k\b|(?<=_\{)k(?=\})", "l"),
    ("index l for k", r"(?<=_)l\b|(?<=_\{)l(?=\})", "k"),
    ("index i for j", r"(?<=\^\{\()i(?=\)\})|(?<=_)i\b|(?<=_\{)i(?=\})", "j"),
    # an exponent changed, and an inverse dropped (H for H^{-1})
    ("exponent 2 to 3", r"(?<=\^)2|(?<=\^\{)2(?=\})", "3"),
    ("exponent -2 to -1", r"(?<=\^\{)-2(?=\})", "-1"),
    ("exponent -1 to -2", r"(?<=\^\{)-1(?=\})", "-2"),
    ("drop inverse", r"\^\{-1\}", ""),
    # a factor of 2 dropped or added
    ("drop factor 2", r"(?<=\\frac\{)\\lambda\}\{2(?=m\})|(?<=\\frac\{1\}\{)2(?=\})", None),
    ("add factor 2", r"\\frac\{1\}\{m\}", r"\frac{2}{m}"),
]


def _drop_two(match: re.Match) -> str:
    text = match.group(0)
    return text[:-1] if text.endswith("{2") else "1"


def _sigma_args(tex: str):
    r"""(start, end) of each argument of \sigma / \sigma' in its parentheses, brackets included."""
    # Not sigma': it is even, so sigma'(-u) = sigma'(u) is no slip.
    for m in re.finditer(r"\\sigma\s*(\\left|\\bigl|\\big|\\Bigl|\\Big)?\s*\(", tex):
        depth, k = 1, m.end()
        while k < len(tex) and depth:
            depth += {"(": 1, ")": -1}.get(tex[k], 0)
            k += 1
        close = k - 1
        closer = re.search(r"(\\right|\\bigr|\\big|\\Bigr|\\Big)\s*$", tex[m.end() : close])
        inner_end = m.end() + closer.start() if closer else close
        if tex[m.end() : inner_end].strip() != "0":  # sigma(-0) = sigma(0)
            yield m.end(), inner_end


def mutations(tex: str) -> list[tuple[str, str]]:
    """Wrong copies of a displayed equation: (description, mutated tex).

    Every '+' and '-' flipped one at a time, every 1/m dropped, every transpose dropped; and the
    usual slips of SLIPS (m and n swapped, a constant for 1/m, one index for another, an exponent
    changed, an inverse dropped, a factor of 2 dropped or added), sigma(-u) for sigma(u), and the
    last side doubled. Descriptions quote the text just before the change, so they stay the same
    when other parts of the step are edited; the first word names the kind (see ``kind``).
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
    for what, pattern, repl in SLIPS:
        for m in re.finditer(pattern, tex):
            new = _drop_two(m) if repl is None else repl
            out.append((f"{what} {where(m.start())}", tex[: m.start()] + new + tex[m.end() :]))
    for start, end in _sigma_args(tex):
        wrapped = tex[:start] + r"-\left(" + tex[start:end] + r"\right)" + tex[end:]
        out.append((f"sigma of minus {where(start)}", wrapped))
    sides = split_equation(tex)
    if len(sides) > 1 and sides[-1]:
        doubled = [*sides[:-1], r"2\left(" + sides[-1] + r"\right)"]
        out.append(("double the last side", (" = ".join(doubled)).lstrip()))
    return out


KINDS = {
    "flip": "a sign flipped",
    "drop \\frac": "1/m dropped",
    "drop \\dfrac": "1/m dropped",
    "drop transpose": "a transpose dropped",
    "swap": "m and n swapped",
    "constant": "a constant for m",
    "index": "one index for another",
    "exponent": "an exponent changed",
    "drop inverse": "an inverse dropped (H for H^{-1})",
    "drop factor": "a factor of 2 dropped",
    "add factor": "a factor of 2 added",
    "double": "a factor of 2 added",
    "sigma": "sigma(-z) for sigma(z)",
}


def kind(description: str) -> str:
    """The slip a mutation's description names (a key of KINDS' values)."""
    for prefix, name in KINDS.items():
        if description.startswith(prefix):
            return name
    raise KeyError(description)
