r"""Verdicts on a learner's derivation, one per step, from the checker that proves the site's pages.

A step ``A = B = C`` is checked as an equation (A = B and B = C) in the chosen notation; a step
``= D`` continues the step before it (its left side is that step's last side). Each step gets

- ``right``: SymPy proves it (or, where SymPy cannot close it, 40-digit values at random points
  agree: ``method == "numeric"``),
- ``wrong``: the sides differ (values at random points, or shapes), with the likely slip when one
  of :mod:`.learner_slips`' undoings makes it right,
- ``unreadable``: the TeX is outside what the checker reads, or a name means nothing in the
  notation; the message says what.

The same functions run in the browser (Pyodide) on the /check/ page and in the tests.

    >>> [v.verdict for v in check_derivation("site", "L = -(y ln f + (1-y) ln(1-f))\n= -y*ln(f)")]
    ['right', 'wrong']
"""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache

from .check import CheckFailed, equal
from .context import Context, EvalError
from .contexts import sigmoid
from .latex import ParseError, split_equation
from .learner_input import LearnerStep, read_steps
from .learner_slips import diagnose, shape_slip
from .notations import NOTATIONS, notation_context, to_context_names

_SHAPE_ERROR = re.compile(r"(product|adding|odot|division) of shapes|annotated shape")


@dataclass(frozen=True)
class CheckNotation:
    key: str
    title: str
    context: Callable[[], Context]
    rewrite: Callable[[str], str]
    symbols: str  # what the names mean, in a sentence for the page


def _course(key: str, symbols: str) -> CheckNotation:
    return CheckNotation(
        key,
        NOTATIONS[key].title,
        lambda: notation_context(key),
        lambda tex: to_context_names(tex, key),
        symbols,
    )


CHECK_NOTATIONS: dict[str, CheckNotation] = {
    n.key: n
    for n in (
        _course(
            "site",
            "one example at a time: z = Σ_k w_k x_k + b, f = σ(z), "
            "L = −(y log f + (1 − y) log(1 − f)); x_j^{(i)}, f^{(i)}, y^{(i)} for example i, "
            "J = (1/m) Σ_i L^{(i)}; j is one feature, m examples, n features",
        ),
        _course(
            "matrix",
            "X is m × n (one example per row), y and f are m × 1, z = Xw + b1, f = σ(z), "
            "J = −(1/m)(yᵀ log f + (1 − y)ᵀ log(1 − f))",
        ),
        _course(
            "mls",
            "f_{w,b}(x^{(i)}) = σ(w · x^{(i)} + b), f_{w,b}(x) for one example, J(w, b) averaged "
            "over m examples; otherwise as this site's scalar notation",
        ),
        _course(
            "dls",
            "X is n × m (one example per column), Z = wᵀX + b1ᵀ, A = σ(Z), "
            "dZ = A − Y, dw = ∂J/∂w, db = ∂J/∂b",
        ),
        _course(
            "features-in-rows",
            "X is k × n (k features, n examples, one per column), Z = WᵀX + β1ₙᵀ, A = σ(Z), "
            "J = −(1/n)(Y (log A)ᵀ + (1 − Y)(log(1 − A))ᵀ); n counts the examples",
        ),
        _course(
            "cs229",
            "θ_j, intercept θ_0, h_θ(x^{(i)}) = g(θᵀx^{(i)}) with g the sigmoid, h_θ(x) for one "
            "example, log-likelihood ℓ(θ) = Σ_i (y log h + (1 − y) log(1 − h))",
        ),
        _course(
            "prml",
            "y_n = σ(a_n), a_n = wᵀφ_n with bias w_0, targets t_n, φ_{nj}, "
            "E(w) = −Σ_n (t_n ln y_n + (1 − t_n) ln(1 − y_n)); for one example a, y, t, φ_j and "
            "its error E_n",
        ),
        CheckNotation(
            "sigmoid",
            "The sigmoid alone: one variable z",
            cache(sigmoid),
            lambda tex: tex,
            "σ(z) = 1/(1 + e^{−z}) and its derivative σ'(z); the only variable is z",
        ),
    )
}


@dataclass
class Verdict:
    number: int
    source: str
    verdict: str  # "right", "wrong", "unreadable" (or "pending": not checked yet)
    message: str = ""
    method: str = ""  # "symbolic" or "numeric" when right
    slip: str = ""  # kind of the likely slip when wrong
    link: str = ""
    link_text: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def check_step(notation: str, steps: list[LearnerStep], k: int) -> Verdict:
    """The verdict on ``steps[k]`` (0-based), given the steps before it."""
    step = steps[k]
    out = Verdict(step.number, step.source, "unreadable")
    if step.problem:
        out.message = step.problem
        return out
    spec = CHECK_NOTATIONS[notation]
    ctx = _declared(notation, _declarations(spec, steps[:k]))
    if step.defines:
        problem = _declaration_problem(ctx, step.defines, spec.rewrite(step.tex))
        if problem:
            out.message = problem
            return out
        out.verdict, out.method = "right", "definition"
        out.message = f"defines {step.defines}: the steps after it may use it"
        return out
    sides = split_equation(spec.rewrite(step.tex))
    if step.is_continuation:
        if k == 0:
            out.message = "it starts with '=', but there is no step before it"
            return out
        before = steps[k - 1]
        if before.problem:
            out.message = f"it continues step {before.number}, which could not be read"
            return out
        sides[0] = split_equation(spec.rewrite(before.tex))[-1]
        try:
            ctx.value(sides[0])
        except (ParseError, EvalError):
            out.message = f"it continues step {before.number}, which could not be read"
            return out
    methods = []
    for n, (left, right) in enumerate(zip(sides, sides[1:], strict=False)):
        which = f" (at the {_ordinal(n + 1)} '=')" if len(sides) > 2 else ""
        try:
            methods.append(equal(ctx, left, right))
        except CheckFailed as exc:
            _judge_failure(out, ctx, left, right, str(exc), which)
            return out
        except (ArithmeticError, TypeError, ValueError, RecursionError, AttributeError) as exc:
            out.message = f"the checker could not evaluate it ({type(exc).__name__})" + which
            return out
    out.verdict = "right"
    out.method = "numeric" if "numeric" in methods else "symbolic"
    out.message = (
        "equal (proved by SymPy)"
        if out.method == "symbolic"
        else "equal at random points to 40 digits (SymPy could not simplify it)"
    )
    return out


def _judge_failure(
    out: Verdict, ctx: Context, left: str, right: str, failure: str, where: str
) -> None:
    """Turn the checker's failure into a verdict: unreadable, or wrong with the likely slip."""
    if failure.startswith("cannot read") and not _SHAPE_ERROR.search(failure):
        out.message = _readable_problem(failure) + where
        return
    out.verdict = "wrong"
    if failure.startswith("cannot read"):  # a product or sum whose shapes do not fit
        problem = _readable_problem(failure).removeprefix("cannot read it: ")
        out.message = f"the shapes do not fit: {problem}{where}"
        slip = shape_slip()
    else:
        differ = "have different shapes" if failure.startswith("shapes differ") else "are not equal"
        out.message = f"the two sides {differ}{where}"
        slip = diagnose(ctx, left, right) or (shape_slip() if "shapes" in differ else None)
    if slip:
        out.message += f"; likely slip: {slip.message}"
        out.slip, out.link, out.link_text = slip.kind, slip.link, slip.link_text


def _declarations(spec: CheckNotation, steps: list[LearnerStep]) -> tuple[tuple[str, str], ...]:
    """The learner's own symbols declared in ``steps`` ("u := ..."), those that can be used."""
    found: tuple[tuple[str, str], ...] = ()
    for step in steps:
        if step.defines and not step.problem:
            tex = spec.rewrite(step.tex)
            if not _declaration_problem(_declared(spec.key, found), step.defines, tex):
                found += ((step.defines, tex),)
    return found


@cache
def _declared(notation: str, declarations: tuple[tuple[str, str], ...]) -> Context:
    """The notation's context with the learner's own definitions added."""
    ctx = CHECK_NOTATIONS[notation].context()
    if not declarations:
        return ctx
    name = ctx.name + "".join(f"; {n} := {tex}" for n, tex in declarations)
    return dataclasses.replace(ctx, name=name, defs={**ctx.defs, **dict(declarations)})


def _declaration_problem(ctx: Context, name: str, tex: str) -> str:
    if name in ctx.symbols or name in ctx.defs or name in ctx.sizes or name in ctx.bindings:
        return f"{name} already means something in this notation; choose another letter"
    if name == "e" or name in ctx.multi_letter:
        return f"{name} already means something; choose another letter"
    try:
        dataclasses.replace(ctx, name=ctx.name + "?", defs={**ctx.defs, name: tex}).value(name)
    except (ParseError, EvalError) as exc:
        return _readable_problem(f"cannot read: {exc}")
    except (ArithmeticError, TypeError, ValueError, RecursionError) as exc:
        return f"the checker could not evaluate it ({type(exc).__name__})"
    return ""


def check_derivation(notation: str, text: str, seconds: float | None = None) -> list[Verdict]:
    """Every step of a pasted derivation, checked in ``notation`` (KeyError if unknown).

    With ``seconds``, the steps not started within that time are left ``pending`` (the page
    checks one step per call instead, and stops a step that takes too long).
    """
    if notation not in CHECK_NOTATIONS:
        raise KeyError(f"unknown notation {notation!r}; one of {sorted(CHECK_NOTATIONS)}")
    steps = read_steps(text)
    stop = None if seconds is None else time.monotonic() + seconds
    out = []
    for k, step in enumerate(steps):
        if stop is not None and time.monotonic() >= stop:
            out.append(Verdict(step.number, step.source, "pending", "not checked: out of time"))
        else:
            out.append(check_step(notation, steps, k))
    return out


def first_wrong(verdicts: list[Verdict]) -> int | None:
    """The number of the first wrong step, or None."""
    return next((v.number for v in verdicts if v.verdict == "wrong"), None)


def _readable_problem(text: str) -> str:
    """The checker's "cannot read: ..." message, without the repeated TeX at its end."""
    text = text.removeprefix("cannot read: ")
    if " in '" in text:
        text = text[: text.index(" in '")]
    if " in context " in text:
        text = text[: text.index(" in context ")] + " in this notation"
    if text.endswith(" needs a subscript"):
        name = text.removesuffix(" needs a subscript")
        text += f" here (write {name}_j), or choose a notation where {name} is a vector"
    return "cannot read it: " + text


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


# The /check/ page's calls (docs/javascripts/check-worker.js): JSON in and out, one step per call
# so that the page shows each verdict as it comes and can stop a step that takes too long.


def page_steps(text: str) -> str:
    """The steps the page will check, as JSON: [{"number", "source"}, ...]."""
    return json.dumps([{"number": s.number, "source": s.source} for s in read_steps(text)])


def page_verdict(notation: str, text: str, k: int) -> str:
    """The verdict on step k (0-based) of ``text``, as JSON."""
    return json.dumps(check_step(notation, read_steps(text), int(k)).as_dict())
