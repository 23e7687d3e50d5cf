r"""Checking contexts: what the names on a page mean, and the evaluator that uses them.

A context declares base symbols (independent variables), definitions written in LaTeX and
parsed by the same parser as the pages (``f := \sigma(z)``), concrete sizes (m, n) and index
bindings (j). Every defined name becomes a SymPy symbol with a recorded definition, so a
derivative ``\frac{\partial A}{\partial v}`` can expand A's definitions fully *except* v,
differentiate, and the comparison can then expand everything down to base symbols.

\sigma(u) is always its definition 1/(1 + e^{-u}); \sigma'(u) is SymPy's derivative of that
definition. The identity sigma' = sigma (1 - sigma) is never given to SymPy: it is what the
sigmoid page proves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from .latex import ParseError, parse

_t = sp.Symbol("t", real=True)
SIGMOID = sp.Lambda(_t, 1 / (1 + sp.exp(-_t)))
SIGMOID_PRIME = sp.Lambda(_t, sp.diff(1 / (1 + sp.exp(-_t)), _t))


class EvalError(ValueError):
    """The parsed expression is meaningless in its context (unknown name, shape mismatch...)."""


def is_matrix(v) -> bool:
    return isinstance(v, sp.MatrixBase)


def shape(v) -> tuple[int, int]:
    return v.shape if is_matrix(v) else (1, 1)


def elementwise(v, fn):
    return v.applyfunc(fn) if is_matrix(v) else fn(v)


def scalarize(v):
    return v[0, 0] if is_matrix(v) and v.shape == (1, 1) else v


@dataclass
class Context:
    r"""Meaning of the names in one derivation.

    symbols:  base name -> None (scalar), "sub" (scalar family w_k, subscript required) or a
              shape ("m", "n") / ("m", 1) with sizes looked up in ``sizes``.
    defs:     defined name -> LaTeX definition (parsed with the same parser as the pages).
    per_example: names that take an example superscript x^{(i)}; inside the definition of
              f^{(i)} every per-example name without a superscript means example i.
    functions: extra function names (e.g. CS229's g) -> callable on SymPy values.
    multi_letter: multi-letter names such as "dw" (otherwise "dw" is d times w).
    rules:    update rules ``v \leftarrow E``: the equation an update of v applies, with {new}
              standing for E (Newton: H (E - w) = -grad J).
    """

    name: str
    symbols: dict[str, object] = field(default_factory=dict)
    defs: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    bindings: dict[str, int] = field(default_factory=dict)
    per_example: frozenset[str] = frozenset()
    functions: dict[str, Callable] = field(default_factory=dict)
    multi_letter: frozenset[str] = frozenset()
    # update rules: name -> (variable, the equation the update applies, {new} for its result)
    rules: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self):
        self.variants: list[Context] = []  # the same context at other sizes (see sizes.py)
        self.inverse_used = False  # set when a value holds a matrix inverse
        self._defined: dict[tuple, object] = {}
        self.definitions: dict[sp.Symbol, sp.Expr] = {}
        self._base: dict[tuple, object] = {}
        self._parsed_defs = {k: parse(v, self.multi_letter) for k, v in self.defs.items()}

    # -- parsing and evaluation
    def parse(self, tex: str):
        return parse(tex, self.multi_letter)

    def value(self, tex: str):
        """Evaluate one side of an equation (unexpanded: defined names stay symbols)."""
        return Evaluator(self).eval(self.parse(tex), {})

    # -- names
    def symbol_name(self, base: str, sub, example) -> str:
        s = base.lstrip("\\")
        if sub is not None:
            s += f"_{sub}"
        if example is not None:
            s += f"^({example})"
        return s

    def base_symbol(self, base: str, sub, example):
        key = (base, sub, example)
        if key in self._base:
            return self._base[key]
        spec = self.symbols[base]
        if spec == "sub":
            if sub is None:
                raise EvalError(f"{base} needs a subscript")
        elif sub is not None:
            raise EvalError(f"{base} takes no subscript (got {sub})")
        if spec in (None, "sub"):
            val = sp.Symbol(self.symbol_name(base, sub, example), real=True)
        else:
            rows, cols = (self.sizes.get(d, d) for d in spec)
            nm = self.symbol_name(base, None, example)
            if cols == 1:
                val = sp.Matrix(rows, 1, lambda r, c: sp.Symbol(f"{nm}[{r + 1}]", real=True))
            elif rows == 1:
                val = sp.Matrix(1, cols, lambda r, c: sp.Symbol(f"{nm}[{c + 1}]", real=True))
            else:
                val = sp.Matrix(
                    rows, cols, lambda r, c: sp.Symbol(f"{nm}[{r + 1},{c + 1}]", real=True)
                )
        self._base[key] = val
        return val

    def defined(self, base: str, example):
        key = (base, example)
        if key in self._defined:
            return self._defined[key]
        env = {"__example__": example} if example is not None else {}
        val = Evaluator(self).eval(self._parsed_defs[base], env)
        nm = self.symbol_name(base, None, example)
        if is_matrix(val):
            syms = sp.Matrix(
                val.shape[0],
                val.shape[1],
                lambda r, c: sp.Symbol(f"{nm}[{r * val.shape[1] + c + 1}]", real=True),
            )
            for s, v in zip(syms, val, strict=True):
                self.definitions[s] = v
            out = syms
        else:
            out = sp.Symbol(nm, real=True)
            self.definitions[out] = val
        self._defined[key] = out
        return out

    # -- expansion
    def expand(self, v, keep=frozenset()):
        """Replace defined symbols by their definitions until only base symbols and keep remain."""
        defs = {s: d for s, d in self.definitions.items() if s not in keep}
        for _ in range(50):
            new = v.xreplace(defs)
            if new == v:
                return new
            v = new
        raise EvalError("definitions do not terminate")


class Evaluator:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def eval(self, node, env):
        method = getattr(self, "e_" + node[0])
        return method(node, env)

    def e_group(self, node, env):
        return self.eval(node[1], env)

    def e_num(self, node, env):
        return sp.Rational(node[1])

    def e_add(self, node, env):
        total = None
        for sign, term in node[1]:
            v = self.eval(term, env)
            v = -v if sign < 0 else v
            total = v if total is None else add(total, v)
        return total

    def e_neg(self, node, env):
        return -self.eval(node[1], env)

    def e_mul(self, node, env):
        return mul(self.eval(node[1], env), self.eval(node[2], env))

    def e_odot(self, node, env):
        a, b = self.eval(node[1], env), self.eval(node[2], env)
        if is_matrix(a) and is_matrix(b):
            if a.shape != b.shape:
                raise EvalError(f"odot of shapes {a.shape} and {b.shape}")
            return a.multiply_elementwise(b)
        return mul(a, b)

    def e_div(self, node, env):
        a, b = self.eval(node[1], env), self.eval(node[2], env)
        if is_matrix(b):
            if is_matrix(a):
                if a.shape != b.shape:
                    raise EvalError(f"elementwise division of shapes {a.shape} and {b.shape}")
                return sp.Matrix(a.shape[0], a.shape[1], lambda r, c: a[r, c] / b[r, c])
            return b.applyfunc(lambda e: a / e)
        return a / b

    def e_pow(self, node, env):
        base, ex = self.eval(node[1], env), self.eval(node[2], env)
        if is_matrix(ex):
            raise EvalError("matrix exponent")
        if is_matrix(base) and base.shape[0] == base.shape[1] and ex == -1:
            # H^{-1}: the inverse of a square matrix, of its (unexpanded) defined symbols; its
            # expansion is too large for SymPy, so such a check is numeric (check.py).
            self.ctx.inverse_used = True
            return base.inv(method="ADJ")
        return elementwise(base, lambda e: e**ex)

    def e_T(self, node, env):
        v = self.eval(node[1], env)
        return v.T if is_matrix(v) else v

    def e_ones(self, node, env):
        n = self.ctx.sizes.get("m") if node[1] is None else self.eval(node[1], env)
        if n is None:
            raise EvalError("ones vector of unknown size")
        return sp.ones(int(n), 1)

    def e_shape(self, node, env):
        v = self.eval(node[1], env)
        annot = node[2]
        if r"\times" in annot:
            dims = []
            for part in annot.split(r"\times"):
                part = part.replace("{", "").replace("}", "").strip()
                if part.isdigit():
                    dims.append(int(part))
                elif part in self.ctx.sizes:
                    dims.append(self.ctx.sizes[part])
                else:
                    raise EvalError(f"unknown dimension {part!r} in shape annotation")
            if tuple(dims) != shape(v):
                raise EvalError(f"annotated shape {annot!r} but the value is {shape(v)}")
        return v

    def e_sum(self, node, env):
        _, var, lo, hi, body = node
        lo, hi = self.eval(lo, env), self.eval(hi, env)
        if not (lo.is_Integer and hi.is_Integer):
            raise EvalError("sum limits must be concrete")
        total = None
        for k in range(int(lo), int(hi) + 1):
            v = self.eval(body, {**env, var: k})
            total = v if total is None else add(total, v)
        return total

    def e_prod(self, node, env):
        _, var, lo, hi, body = node
        lo, hi = self.eval(lo, env), self.eval(hi, env)
        if not (lo.is_Integer and hi.is_Integer):
            raise EvalError("product limits must be concrete")
        total = sp.Integer(1)
        for k in range(int(lo), int(hi) + 1):
            v = self.eval(body, {**env, var: k})
            if is_matrix(v):
                raise EvalError("product of matrices over an index")
            total = total * v
        return total

    def e_call(self, node, env):
        _, fname, prime, arg = node
        u = self.eval(arg, env)
        if fname == r"\sigma":
            fn = SIGMOID_PRIME if prime else SIGMOID
            return elementwise(u, fn)
        if prime:
            if isinstance(fname, tuple) and fname[0] == "name":
                key = fname[1] + ("_" + "".join(fname[2]) if fname[2] else "")
                if key in self.ctx.functions:
                    f = self.ctx.functions[key]
                    return elementwise(u, lambda e: sp.diff(f(_t), _t).subs(_t, e))
            raise EvalError(f"unsupported derivative of {fname}")
        if fname in (r"\log", r"\ln"):
            return elementwise(u, sp.log)
        if fname == r"\exp":
            return elementwise(u, sp.exp)
        if fname == r"\lvert":
            return elementwise(u, sp.Abs)
        if fname == "sign":
            return elementwise(u, sp.sign)
        if fname == "diag":
            if not is_matrix(u) or 1 not in u.shape:
                raise EvalError("diag of a non-vector")
            return sp.diag(*list(u))
        raise EvalError(f"unknown function {fname}")

    def e_deriv(self, node, env):
        a = self.eval(node[1], env)
        v = self.eval(node[2], env)
        vs = list(v) if is_matrix(v) else [v]
        if not all(isinstance(s, sp.Symbol) for s in vs):
            raise EvalError(f"cannot differentiate with respect to {v}")
        a = self.ctx.expand(a, keep=frozenset(vs))
        if not is_matrix(v):
            return elementwise(a, lambda e: sp.diff(e, v))
        if not is_matrix(a):  # gradient of a scalar: same shape as v (a vector or a matrix)
            return v.applyfunc(lambda s: sp.diff(a, s))
        if 1 not in v.shape:
            raise EvalError("derivative of a non-scalar with respect to a matrix")
        if 1 not in a.shape:
            raise EvalError("derivative of a matrix")
        # Jacobian, numerator layout: rows follow a, columns follow v.
        return sp.Matrix(len(a), len(vs), lambda r, c: sp.diff(list(a)[r], vs[c]))

    def e_name(self, node, env):
        _, base, sub_toks, example_node = node
        ctx = self.ctx
        if sub_toks is None and example_node is None:
            if base in env:
                return sp.Integer(env[base])
            if base in ctx.bindings:
                return sp.Integer(ctx.bindings[base])
            if base in ctx.sizes:
                return sp.Integer(ctx.sizes[base])
            if base == "e" and "e" not in ctx.symbols:
                return sp.E
        sub = None
        if sub_toks is not None:
            s = "".join(sub_toks)
            if s in env:
                sub = env[s]
            elif s in ctx.bindings:
                sub = ctx.bindings[s]
            elif s.isdigit():
                sub = int(s)
            else:
                sub = s
        example = None
        if example_node is not None:
            ex = self.eval(example_node, env)
            if not getattr(ex, "is_Integer", False):
                raise EvalError(f"example index of {base} is not a concrete integer")
            example = int(ex)
        elif base in ctx.per_example:
            example = env.get("__example__")
        if example is not None and base not in ctx.per_example:
            raise EvalError(f"{base} takes no example superscript")
        if base in ctx.defs:
            if sub is not None:
                raise EvalError(f"defined name {base} takes no subscript")
            return ctx.defined(base, example)
        if base in ctx.symbols:
            return ctx.base_symbol(base, sub, example)
        raise EvalError(f"unknown name {base!r} in context {ctx.name!r}")


def add(a, b):
    if is_matrix(a) and is_matrix(b):
        if a.shape != b.shape:
            raise EvalError(f"adding shapes {a.shape} and {b.shape}")
        return a + b
    if is_matrix(a):  # scalar broadcast: 1 - f means 1 minus each entry
        return a.applyfunc(lambda e: e + b)
    if is_matrix(b):
        return b.applyfunc(lambda e: a + e)
    return a + b


def mul(a, b):
    if is_matrix(a) and is_matrix(b):
        if a.shape[1] != b.shape[0]:
            raise EvalError(f"product of shapes {a.shape} and {b.shape}")
        return scalarize(a * b)
    return a * b


__all__ = ["Context", "EvalError", "ParseError", "SIGMOID", "shape", "is_matrix"]
