r"""Inline math that states a relation is checked in the page's context, or marked as a claim.

A page's inline ``$...$`` with ``=``, ``\neq``, ``<``, ``\le``, ``\ge``, ``\leftarrow`` (or the
like) is one of:

- a *naming*: a bare name set to something (``$y = 1$``, ``$u = 1 - f$``, ``$K = 2$``,
  ``$f > \frac{2}{3}$`` as a condition): it states no fact. A name the context does not know
  becomes a local definition for the rest of the same line or reason (``$u = 1 + e^{-z}$`` then
  ``$\frac{du}{dz} = -e^{-z}$``);
- *checked*: some context (the page's, then the site's general ones) reads both sides and the
  relation holds there, at both sizes;
- *wrong*: every context that reads it finds it false (a test failure);
- *unread*: no context reads it. It must then be marked on the page as a claim in words,
  ``<span class="claim">$...$</span>``, which the reader sees
  (tests/content/test_inline_math.py counts the marks).
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass, replace

import mpmath
import sympy as sp

from .check import CheckFailed, check_equation, check_update, check_wrong
from .context import Context, EvalError, is_matrix, shape
from .latex import ParseError

RELATION = re.compile(r"\\neq|\\ne\b|\\leq?\b|\\geq?\b|\\leftarrow|\\propto|\\approx|<|>|(?<![:])=")
INEQUALITY = {"<": "<", ">": ">", r"\le": "<=", r"\leq": "<=", r"\ge": ">=", r"\geq": ">="}
NAME = re.compile(
    r"(\\mathbf\{)?(\\?[A-Za-z]+)(\})?(_\{?[A-Za-z0-9]+\}?)?(\^\{\([a-z0-9]\)\})?(\([a-z]\))?"
)
NUMBER = re.compile(
    r"-?\s*(\d+(\.\d+)?|\\frac\{\d+\}\{\d+\}|\d*\\times\s*10\^\{-?\d+\}|10\^\{-?\d+\})"
)
CLAIM = re.compile(r'<span class="claim">\$(?P<tex>[^$]+)\$</span>')
MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$\n]+?)\$(?!\$)")


@dataclass
class Statement:
    tex: str
    line: int
    status: str = ""  # naming, checked, wrong, unread, claim
    detail: str = ""


def relations(tex: str) -> list[str]:
    return RELATION.findall(tex)


def is_bare_name(side: str) -> bool:
    side = side.strip()
    return bool(side) and NAME.fullmatch(side) is not None and side not in (r"\log", r"\sigma")


def is_number(side: str) -> bool:
    return NUMBER.fullmatch(side.strip()) is not None


def _sides(tex: str):
    """Split at every top-level relation: [side, rel, side, rel, side, ...]."""
    parts, depth, last = [], 0, 0
    for m in re.finditer(r"[{}()]|\\left(?![A-Za-z])|\\right(?![A-Za-z])|" + RELATION.pattern, tex):
        tok = m.group(0)
        if tok in "{(":
            depth += 1
        elif tok in "})":
            depth -= 1
        elif tok not in (r"\left", r"\right") and depth == 0:
            parts += [tex[last : m.start()].strip(), tok]
            last = m.end()
    parts.append(tex[last:].strip())
    return parts


def _known(ctx: Context, name_tex: str) -> bool:
    try:
        ctx.value(name_tex)
    except (ParseError, EvalError, KeyError, CheckFailed, TypeError):
        return False
    return True


def with_local(ctx: Context, name: str, tex: str) -> Context:
    """ctx with one more definition (a naming such as u = 1 + e^{-z} in the same sentence)."""
    new = replace(ctx, name=f"{ctx.name}+{name}:={tex}", defs={**ctx.defs, name: tex})
    new.variants = [with_local(v, name, tex) for v in ctx.variants]
    return new


def _holds(ctx: Context, left: str, rel: str, right: str) -> None:
    """Raise CheckFailed unless ``left rel right`` holds in ctx ("cannot read" if unread)."""
    if rel == r"\approx":
        _approximately(ctx, left, right)
    elif rel == "=":
        check_equation(ctx, f"{left} = {right}")
    elif rel in (r"\neq", r"\ne"):
        check_wrong(ctx, rf"{left} \neq {right}")
    elif rel == r"\leftarrow":
        check_update(ctx, rf"{left} \leftarrow {right}")
    elif rel in INEQUALITY:
        _inequality(ctx, left, INEQUALITY[rel], right)
    else:
        raise CheckFailed(f"cannot read: relation {rel}")


def _approximately(ctx: Context, left: str, right: str) -> None:
    """A number stated to as many digits as it shows: 4.2 means within 0.05 of 4.2, relatively."""
    try:
        a, b = ctx.value(left), ctx.value(right)
    except (ParseError, EvalError) as exc:
        raise CheckFailed(f"cannot read: {exc}") from exc
    if getattr(a, "free_symbols", True) or getattr(b, "free_symbols", True):
        raise CheckFailed(f"cannot read: {left} is not a number")
    digits = len(re.sub(r"\\times.*", "", right).replace(".", "").strip("-0 "))
    if abs(sp.N(a - b, 30)) > 5 * sp.Float(10) ** -digits * abs(sp.N(b, 30)):
        raise CheckFailed(f"not approximately equal: {left} and {right}")


def _inequality(ctx: Context, left: str, op: str, right: str, points: int = 8) -> None:
    try:
        a, b = ctx.expand(ctx.value(left)), ctx.expand(ctx.value(right))
    except (ParseError, EvalError) as exc:
        raise CheckFailed(f"cannot read: {exc}") from exc
    if shape(a) != shape(b):
        raise CheckFailed(f"shapes differ: {shape(a)} vs {shape(b)}")
    entries = list(zip(*(list(v) if is_matrix(v) else [v] for v in (a, b)), strict=True))
    syms = sorted(set().union(*(sp.sympify(x - y).free_symbols for x, y in entries)), key=str)
    fn = sp.lambdify(syms, [x - y for x, y in entries], modules="mpmath")
    rng = random.Random(0)
    for _ in range(points):
        for d in fn(*[mpmath.mpf(rng.uniform(-3, 3)) for _ in syms]):
            if not {"<": d < 0, ">": d > 0, "<=": d <= 0, ">=": d >= 0}[op]:
                raise CheckFailed(f"{left} {op} {right} fails at a sample point")


def classify(tex: str, contexts: list[Context], local: dict[str, str]) -> tuple[str, str]:
    """(status, detail) of one inline formula; ``local`` collects the unit's namings."""
    parts = _sides(tex)
    if len(parts) < 3:
        return "", ""
    sides, rels = parts[::2], parts[1::2]
    if any(not s for s in sides):  # "$\le 0$", "$= 1$": a fragment of a sentence
        return "unread", "a fragment"
    first = contexts[0]
    if len(rels) == 1 and is_bare_name(sides[0]):
        name = sides[0]
        if is_number(sides[1]) or rels[0] in INEQUALITY and is_number(sides[1]):
            return "naming", "a condition or a value"
        if not _known(first, name) and rels[0] == "=" and re.fullmatch(r"[A-Za-z]", name):
            local[name] = sides[1]
            return "naming", "a local definition"
    if len(rels) == 1 and is_bare_name(sides[1]) and is_number(sides[0]):
        return "naming", "a condition"
    if len(rels) == 1 and all(re.fullmatch(r"[ijkl]", s) for s in sides):
        return "naming", "a condition on indices"
    read_any, errors = False, []
    for ctx in contexts:
        for name, definition in local.items():
            if not _known(ctx, name):
                ctx = with_local(ctx, name, definition)
        try:
            for left, rel, right in zip(sides, rels, sides[1:], strict=False):
                _holds(ctx, left, rel, right)
        except CheckFailed as exc:
            if not str(exc).startswith("cannot read"):
                read_any = True
                errors.append(f"{ctx.name}: {exc}")
            continue
        return "checked", ctx.name
    return ("wrong" if read_any else "unread"), "; ".join(errors)


def units(text: str):
    """(line, text) of each unit that inline math is read in: a paragraph outside code fences
    (its lines joined, so that a formula broken across lines is read whole), the ``why`` of a
    step fence (claims' marks included)."""
    fence, paragraph, start = None, [], 0
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        m = re.match(r"(`{3,}|~{3,})\s*([\w-]*)", stripped)
        if fence is None and not m and stripped:
            start = start or n
            paragraph.append(stripped)
            continue
        if paragraph:
            yield start, " ".join(paragraph)
            paragraph, start = [], 0
        if fence is None and m:
            fence = (m.group(1), m.group(2))
        elif fence is not None:
            if stripped == fence[0]:
                fence = None
            elif fence[1] == "step" and stripped.startswith("why:"):
                yield n, stripped[4:]
    if paragraph:
        yield start, " ".join(paragraph)


def statements(text: str, contexts: list[Context]) -> list[Statement]:
    """Every inline formula with a relation in a page, classified."""
    out = []
    for n, unit in units(text):
        local: dict[str, str] = {}
        claims = {m.start("tex") for m in CLAIM.finditer(unit)}
        for m in MATH.finditer(unit):
            tex = m.group("tex")
            if not relations(tex) or r"\to" in tex and "=" not in tex:
                continue
            if m.start("tex") in claims:
                out.append(Statement(tex, n, "claim"))
                continue
            status, detail = classify(tex, contexts, local)
            if status:
                out.append(Statement(tex, n, status, detail))
    return out


# Tried after the page's own context: a formula holds if a context that reads it agrees.
GENERAL = [
    "scalar",
    "matrix",
    "sigmoid",
    "logistic",
    "linear",
    "squared-sigmoid",
    "examples",
    "regularized",
    "softmax-2",
    "columns",
    "identities",
]


def page_statements(text: str, derivation: str | None = None) -> list[Statement]:
    """The statements of a page (or an include) whose front matter names `derivation`, read in
    that context first, then in the general ones."""
    contexts = _contexts()
    names = list(dict.fromkeys([derivation, *GENERAL] if derivation else GENERAL))
    return statements(text, [contexts[name] for name in names])


@functools.cache
def _contexts() -> dict[str, Context]:
    from .contexts import page_contexts

    return page_contexts()


def unchecked(found: list[Statement]) -> list[str]:
    """The wrong and the unread statements, each quoted with its line."""
    return [
        f"line {s.line}: {s.status}: ${s.tex}$ {s.detail[:200]}"
        for s in found
        if s.status in ("wrong", "unread")
    ]
