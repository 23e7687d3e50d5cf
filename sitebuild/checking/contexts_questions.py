r"""Checking contexts of the "next questions" pages (linear-regression connection, convexity,
regularization, Newton, softmax, mistakes).

Built on :class:`~sitebuild.checking.context.Context` with one extension,
:class:`ExampleContext`, that lets a page write the same quantity per example *and* as a
vector, as the pages do:

- ``x`` is declared per example as an n x 1 vector: ``x^{(i)}`` is example i, ``x_j^{(i)}`` its
  entry j; ``X`` is the m x n matrix whose row i is ``(x^{(i)})^\top``;
- a vector symbol with a subscript is its entry: ``w_j`` is entry j of ``w``;
- a per-example scalar written without ``^{(i)}`` outside a sum over examples is the m x 1 vector
  of its values: ``y``, ``f``, ``s`` are the columns (y^{(1)}, ..., y^{(m)})^T, ...;
- ``indexed`` names (softmax's ``p_k``) are symbols with a definition per subscript, so
  ``\frac{\partial L}{\partial p_l}`` works like any defined name.

Sizes are small and concrete (m = 3 examples, n = 2 or 3 features, K = 3 or 2 classes);
j, k, l are bound to particular indices.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy as sp

from .context import SIGMOID, Context, EvalError, Evaluator

LOSS = r"-\left(y \log f + (1 - y) \log(1 - f)\right)"


@dataclass
class ExampleContext(Context):
    """A Context with per-example vectors, their stacked matrix and vector entries."""

    stacked: dict[str, str] = field(default_factory=dict)  # matrix name -> per-example row name
    indexed: dict[str, str] = field(default_factory=dict)  # name -> LaTeX with {k} placeholder
    fixed: dict[tuple, str] = field(default_factory=dict)  # (name, sub) -> LaTeX (constraints)

    def _rows(self):
        return range(1, self.sizes["m"] + 1)

    def base_symbol(self, base, sub, example):
        key = (base, sub, example)
        if key in self._base:
            return self._base[key]
        if base in self.stacked:  # X: row i is x^{(i)} transposed
            rows = [
                super(ExampleContext, self).base_symbol(self.stacked[base], None, i).T
                for i in self._rows()
            ]
            val = sp.Matrix.vstack(*rows)
        elif base in self.indexed or (base, sub) in self.fixed:
            if sub is None:
                raise EvalError(f"{base} needs a subscript")
            val = sp.Symbol(self.symbol_name(base, sub, example), real=True)
            src = self.fixed.get((base, sub)) or self.indexed[base].replace("{k}", str(sub))
            self.definitions[val] = Evaluator(self).eval(self.parse(src), {})
        else:
            spec = self.symbols[base]
            if isinstance(spec, tuple) and sub is not None:  # entry of a vector: w_j
                vec = self.base_symbol(base, None, example)
                if 1 not in vec.shape:
                    raise EvalError(f"{base} is a matrix; write its entries another way")
                if not (isinstance(sub, int) and 1 <= sub <= len(vec)):
                    raise EvalError(f"index {sub} of {base} is not in 1..{len(vec)}")
                val = list(vec)[sub - 1]
            elif example is None and base in self.per_example and spec in (None, "sub"):
                val = sp.Matrix([self.base_symbol(base, sub, i) for i in self._rows()])
            elif example is None and base in self.per_example:
                raise EvalError(f"{base} needs an example index ^{{(i)}}")
            else:
                val = super().base_symbol(base, sub, example)
        self._base[key] = val
        return val

    def defined(self, base, example):
        if example is None and base in self.per_example:
            key = (base, None)
            if key not in self._defined:
                vals = [super(ExampleContext, self).defined(base, i) for i in self._rows()]
                self._defined[key] = sp.Matrix(vals)
            return self._defined[key]
        return super().defined(base, example)


def examples(
    n: int = 2,
    *,
    lam: bool = False,
    bias: bool = True,
    name: str = "examples",
    extra: dict[str, str] | None = None,
):
    """m = 3 examples as vectors x^{(i)} (n x 1), weights w (n x 1), bias b, labels y^{(i)}.

    Definitions: z = w^T x + b, f = sigma(z), L (cross-entropy), s = f (1 - f) per example;
    J = mean of L (+ lambda/(2m) sum_k w_k^2 when ``lam``), S = diag(s),
    H = d/dw^T of the gradient (1/m) X^T (f - y) (+ (lambda/m) w), the Hessian over w;
    r = w^T x - (f - y)/s, the IRLS working response. ``extra``: more per-example definitions.
    """
    symbols = {"x": ("n", 1), "X": "stacked", "y": None, "w": ("n", 1), "v": ("n", 1)}
    symbols["u"] = ("n", 1)
    if bias:
        symbols["b"] = None
    if lam:
        symbols[r"\lambda"] = None
    data = r"\frac{1}{m} \sum_{i=1}^{m} L^{(i)}"
    defs = {
        "z": r"w^\top x + b" if bias else r"w^\top x",
        "f": r"\sigma(z)",
        "L": LOSS,
        "s": r"f (1 - f)",
        "J": data + (r" + \frac{\lambda}{2m} \sum_{k=1}^{n} w_k^2" if lam else ""),
        "S": r"\operatorname{diag}(s)",
        # The Hessian as the Jacobian of the gradient (1/m) X^T (f - y) [+ (lambda/m) w], whose
        # form the derivation pages prove; differentiating J twice here makes SymPy slow.
        "H": r"\frac{\partial}{\partial w^\top} \left(\frac{1}{m} X^\top (f - y)"
        + (r" + \frac{\lambda}{m} w" if lam else "")
        + r"\right)",
        "r": r"w^\top x - \frac{f - y}{s}",
        **(extra or {}),
    }
    return ExampleContext(
        name,
        symbols=symbols,
        defs=defs,
        sizes={"m": 2, "n": n},
        bindings={"j": 1, "k": 2} if n == 2 else {"j": 2},
        per_example=frozenset({"x", "y", "z", "f", "L", "s", "r", *(extra or {})}),
        stacked={"X": "x"},
    )


def one_example(activation: str, loss: str, name: str) -> Context:
    """One example, n = 3 features: z = sum_k w_k x_k + b, f = activation(z), L = loss."""
    return Context(
        name,
        symbols={"b": None, "w": "sub", "x": "sub", "y": None},
        defs={"z": r"\sum_{k=1}^{n} w_k x_k + b", "f": activation, "L": loss},
        sizes={"n": 3},
        bindings={"j": 2},
    )


def softmax(K: int = 3, name: str = "softmax") -> ExampleContext:
    """One example, K classes: logits z_k, one-hot-like labels y_k with sum 1 (y_K = 1 - rest),
    p_k = e^{z_k} / sum_l e^{z_l}, L = -sum_k y_k log p_k. k = 1 and l = 2 are bound."""
    rest = " - ".join(f"y_{c}" for c in range(1, K))
    return ExampleContext(
        name,
        symbols={"z": "sub", "y": "sub", "p": "sub"},
        defs={"L": r"-\sum_{c=1}^{K} y_c \log p_c"},
        sizes={"K": K},
        bindings={"k": 1, "l": 2},
        indexed={"p": r"\frac{e^{z_{k}}}{\sum_{c=1}^{K} e^{z_c}}"},
        fixed={("y", K): f"1 - {rest}"},
    )


def likelihood() -> ExampleContext:
    """Maximum likelihood: m = 2 examples, n = 3 features; the Bernoulli probability of each
    label p = f^y (1 - f)^(1 - y) and the log-likelihood ell = sum_i log p^{(i)} (CS229).
    Outside a sum, example i is bound to the second example."""
    ctx = examples(3, name="likelihood", extra={"p": r"f^{y} (1 - f)^{1 - y}"})
    return replace(
        ctx,
        defs={**ctx.defs, r"\ell": r"\sum_{i=1}^{m} \log p^{(i)}"},
        bindings={**ctx.bindings, "i": 2},  # example i outside a sum: the second one
    )


def sgd(lam: bool = False, name: str = "sgd") -> ExampleContext:
    """Per-example gradients: m = 2, n = 3, a learning rate alpha; g^{(i)} is the data gradient
    (f - y) x of example i. With ``lam``: J has the L2 penalty, and R^{(i)} is the loss of
    example i plus an m-th share of the penalty."""
    extra = {"g": r"(f - y) x"}
    if lam:
        extra["R"] = LOSS + r" + \frac{\lambda}{2m} \sum_{k=1}^{n} w_k^2"
    ctx = examples(3, lam=lam, name=name, extra=extra)
    return replace(ctx, symbols={**ctx.symbols, r"\alpha": None}, bindings={"i": 2, "j": 2})


def network() -> Context:
    """A two-layer network, examples in columns (Deep Learning Specialization): X is n x m,
    a hidden layer of h units with activation g (here the sigmoid, so that g' can be checked),
    one sigmoid output unit. m = 2, n = 3, h = 4.

    Layer names are written as on the page, ``W^{[1]}``, ``dZ^{[2]}`` (multi-letter names).
    dZ^{[2]} = A^{[2]} - Y is the course's definition, dZ^{[1]} is m dJ/dZ^{[1]}; dW and db are
    the true derivatives of J.
    """
    layer = {
        "Z^{[1]}": r"W^{[1]} X + b^{[1]} \mathbf{1}^\top",
        "A^{[1]}": r"\sigma(Z^{[1]})",
        "Z^{[2]}": r"W^{[2]} A^{[1]} + b^{[2]} \mathbf{1}^\top",
        "A^{[2]}": r"\sigma(Z^{[2]})",
        "J": r"-\frac{1}{m}\left(Y \left(\log A^{[2]}\right)^\top"
        r" + (1 - Y)\left(\log(1 - A^{[2]})\right)^\top\right)",
        "dZ^{[2]}": r"A^{[2]} - Y",
        "dA^{[2]}": r"-\frac{Y}{A^{[2]}} + \frac{1 - Y}{1 - A^{[2]}}",
        "dW^{[2]}": r"\frac{\partial J}{\partial W^{[2]}}",
        "db^{[2]}": r"\frac{\partial J}{\partial b^{[2]}}",
        "dZ^{[1]}": r"m \frac{\partial J}{\partial Z^{[1]}}",
        "dW^{[1]}": r"\frac{\partial J}{\partial W^{[1]}}",
        "db^{[1]}": r"\frac{\partial J}{\partial b^{[1]}}",
    }
    symbols = {
        "X": ("n", "m"),
        "Y": (1, "m"),
        "W^{[1]}": ("h", "n"),
        "b^{[1]}": ("h", 1),
        "W^{[2]}": (1, "h"),
        "b^{[2]}": None,
    }
    return Context(
        "network",
        symbols=symbols,
        defs=layer,
        sizes={"m": 2, "n": 3, "h": 4},
        functions={"g": SIGMOID},  # the hidden activation g: the sigmoid, as in A^{[1]}
        multi_letter=frozenset(n for n in {**symbols, **layer} if len(n) > 1),
    )


def bernoulli() -> Context:
    """One example's Bernoulli probability of its label: p = f^y (1 - f)^(1 - y), f = sigma(z)."""
    return Context(
        "bernoulli",
        symbols={"z": None, "y": None},
        defs={"f": r"\sigma(z)", "p": r"f^{y} (1 - f)^{1 - y}", "L": LOSS},
    )


def l1() -> ExampleContext:
    """L1-regularized cost: m = 2, n = 3, J = mean of L + (lambda/m) sum_k |w_k|."""
    ctx = examples(3, lam=True, name="l1")
    data = r"\frac{1}{m} \sum_{i=1}^{m} L^{(i)}"
    return replace(
        ctx, defs={**ctx.defs, "J": data + r" + \frac{\lambda}{m} \sum_{k=1}^{n} \lvert w_k \rvert"}
    )


def weighted() -> ExampleContext:
    """Sample weights omega^{(i)}: m = 2, n = 3; J = (1/m) sum omega L; C and c (scikit-learn's
    C, a common factor of the weights) are numbers."""
    ctx = examples(3, name="weighted")
    return replace(
        ctx,
        symbols={**ctx.symbols, r"\omega": None, "C": None, "c": None},
        defs={**ctx.defs, "J": r"\frac{1}{m} \sum_{i=1}^{m} \omega^{(i)} L^{(i)}"},
        per_example=ctx.per_example | {r"\omega"},
        bindings={"j": 2},
    )


def prox() -> Context:
    """The one-weight problems of the proximal step: u the new weight, v the point after the
    data step, t the threshold, s the L2 part of elastic net."""
    return Context("prox", symbols={"u": None, "v": None, "t": None, "s": None})


def logit() -> Context:
    """One example's loss as a function of its logit z (what the frameworks' losses take)."""
    return Context("logit", symbols={"z": None, "y": None}, defs={"f": r"\sigma(z)", "L": LOSS})


def pm_one() -> Context:
    """Labels in {-1, +1}: one logit z, a label t (checked for every real t where the page's
    identity holds for every t; the two codings' cases are separate steps)."""
    return Context("pm-one", symbols={"z": None, "t": None}, defs={"f": r"\sigma(z)"})


QUESTION_CONTEXTS = {
    # linear-regression connection: one example, three (activation, loss) pairings
    "logistic": lambda: one_example(r"\sigma(z)", LOSS, "logistic"),
    "linear": lambda: one_example(r"z", r"\frac{1}{2} (f - y)^2", "linear"),
    "squared-sigmoid": lambda: one_example(
        r"\sigma(z)", r"\frac{1}{2} (f - y)^2", "squared-sigmoid"
    ),
    # convexity, Newton, mistakes: m = 3 examples, n = 2 features
    "examples": lambda: examples(2),
    "examples-nobias": lambda: examples(2, bias=False, name="examples-nobias"),
    # regularization: n = 3 so that w_j (j = 2) sits among other weights
    "regularized": lambda: examples(3, lam=True, name="regularized"),
    "softmax": lambda: softmax(3),
    "softmax-2": lambda: softmax(2, "softmax-2"),
    # maximum likelihood: m = 2, n = 3
    "likelihood": likelihood,
    "bernoulli": bernoulli,
    "pm-one": pm_one,
    # stochastic gradient: m = 2, n = 3
    "sgd": sgd,
    "sgd-l2": lambda: sgd(lam=True, name="sgd-l2"),
    "network": network,
    "logit": logit,
    "l1": l1,
    "prox": prox,
    "weighted": weighted,
}


def question_contexts() -> dict[str, Context]:
    return {name: make() for name, make in QUESTION_CONTEXTS.items()}
