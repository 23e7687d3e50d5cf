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

Sizes are small and concrete, at the two tuples of sizes.py (m = 5, n = 3 and m = 2, n = 5;
K = 3 and K = 5 classes; K = 2 for the two-class reduction); j, k, l are bound to particular
indices.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy as sp

from .context import SIGMOID, Context, EvalError, Evaluator
from .sizes import CLASSES, EXAMPLE_INDEX, FEATURES, HESSIAN, NETWORK, SOFTMAX_ROWS

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
    *,
    lam: bool = False,
    bias: bool = True,
    name: str = "examples",
    variant: int = 0,
    extra: dict[str, str] | None = None,
):
    """m examples as vectors x^{(i)} (n x 1), weights w (n x 1), bias b, labels y^{(i)}.

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
        sizes=HESSIAN[variant][0],
        bindings=HESSIAN[variant][1],
        per_example=frozenset({"x", "y", "z", "f", "L", "s", "r", *(extra or {})}),
        stacked={"X": "x"},
        # Newton's step goes to the stationary point of the quadratic model of J at w.
        rules={"newton": ("w", r"H \left({new} - w\right) = -\nabla_w J")},
    )


def one_example(activation: str, loss: str, name: str, variant: int = 0) -> Context:
    """One example, n features: z = sum_k w_k x_k + b, f = activation(z), L = loss."""
    return Context(
        name,
        symbols={"b": None, "w": "sub", "x": "sub", "y": None},
        defs={"z": r"\sum_{k=1}^{n} w_k x_k + b", "f": activation, "L": loss},
        sizes=FEATURES[variant][0],
        bindings=FEATURES[variant][1],
    )


def softmax(K: int | None = None, name: str = "softmax", variant: int = 0) -> ExampleContext:
    """One example, K classes: logits z_k, one-hot-like labels y_k with sum 1 (y_K = 1 - rest),
    p_k = e^{z_k} / sum_l e^{z_l}, L = -sum_k y_k log p_k. k = 1 and l = 2 are bound."""
    sizes, bindings = CLASSES[variant]
    K = K or sizes["K"]
    rest = " - ".join(f"y_{c}" for c in range(1, K))
    return ExampleContext(
        name,
        symbols={"z": "sub", "y": "sub", "p": "sub"},
        defs={"L": r"-\sum_{c=1}^{K} y_c \log p_c"},
        sizes={"K": K},
        bindings=bindings if K == sizes["K"] else {"k": 1, "l": 2},
        indexed={"p": r"\frac{e^{z_{k}}}{\sum_{c=1}^{K} e^{z_c}}"},
        fixed={("y", K): f"1 - {rest}"},
    )


@dataclass
class SoftmaxRowsContext(Context):
    """Labels Y with rows that sum to 1 (one-hot-like): the last column is 1 minus the others."""

    def base_symbol(self, base, sub, example):
        key = (base, sub, example)
        if base != "Y" or key in self._base:
            return super().base_symbol(base, sub, example)
        labels = super().base_symbol(base, sub, example).copy()
        last = labels.shape[1] - 1
        for r in range(labels.shape[0]):
            labels[r, last] = 1 - sum(labels[r, :last])
        self._base[key] = labels
        return labels


def softmax_rows(variant: int = 0) -> SoftmaxRowsContext:
    """Softmax regression over m examples, one per row: X is m x n, W is n x K, b is K x 1,
    Z = XW + 1 b^T, P the softmax of each row of Z, Y labels with rows summing to 1."""
    return SoftmaxRowsContext(
        "softmax-matrix",
        symbols={"X": ("m", "n"), "W": ("n", "K"), "b": ("K", 1), "Y": ("m", "K")},
        defs={
            "Z": r"XW + \mathbf{1}_m b^\top",
            "P": r"\frac{\exp(Z)}{\exp(Z)\,\mathbf{1}_K \mathbf{1}_K^\top}",
            "J": r"-\frac{1}{m}\,\mathbf{1}_m^\top\left(Y \odot \log P\right)\mathbf{1}_K",
        },
        sizes=SOFTMAX_ROWS[variant][0],
    )


def likelihood(variant: int = 0) -> ExampleContext:
    """Maximum likelihood: the Bernoulli probability of each label p = f^y (1 - f)^(1 - y) and
    the log-likelihood ell = sum_i log p^{(i)} (CS229). Outside a sum, example i is bound to
    one example inside the range (sizes.EXAMPLE_INDEX)."""
    ctx = examples(name="likelihood", extra={"p": r"f^{y} (1 - f)^{1 - y}"}, variant=variant)
    return replace(
        ctx,
        defs={**ctx.defs, r"\ell": r"\sum_{i=1}^{m} \log p^{(i)}"},
        bindings={**ctx.bindings, "i": EXAMPLE_INDEX[variant]},
    )


def sgd(lam: bool = False, name: str = "sgd", variant: int = 0) -> ExampleContext:
    """Per-example gradients with a learning rate alpha; g^{(i)} is the data gradient
    (f - y) x of example i. With ``lam``: J has the L2 penalty, and R^{(i)} is the loss of
    example i plus an m-th share of the penalty."""
    extra = {"g": r"(f - y) x"}
    if lam:
        extra["R"] = LOSS + r" + \frac{\lambda}{2m} \sum_{k=1}^{n} w_k^2"
    ctx = examples(lam=lam, name=name, extra=extra, variant=variant)
    bindings = {**ctx.bindings, "i": EXAMPLE_INDEX[variant]}
    return replace(ctx, symbols={**ctx.symbols, r"\alpha": None}, bindings=bindings)


def network(variant: int = 0) -> Context:
    """A two-layer network, examples in columns (Deep Learning Specialization): X is n x m,
    a hidden layer of h units with activation g (here the sigmoid, so that g' can be checked),
    one sigmoid output unit; sizes m, n, h from sizes.NETWORK.

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
        sizes=NETWORK[variant][0],
        bindings=NETWORK[variant][1],
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


def l1(variant: int = 0) -> ExampleContext:
    """L1-regularized cost: J = mean of L + (lambda/m) sum_k |w_k|."""
    ctx = examples(lam=True, name="l1", variant=variant)
    data = r"\frac{1}{m} \sum_{i=1}^{m} L^{(i)}"
    return replace(
        ctx, defs={**ctx.defs, "J": data + r" + \frac{\lambda}{m} \sum_{k=1}^{n} \lvert w_k \rvert"}
    )


def weighted(variant: int = 0) -> ExampleContext:
    """Sample weights omega^{(i)}: J = (1/m) sum omega L; C and c (scikit-learn's C, a common
    factor of the weights) are numbers."""
    ctx = examples(name="weighted", variant=variant)
    return replace(
        ctx,
        symbols={**ctx.symbols, r"\omega": None, "C": None, "c": None},
        defs={**ctx.defs, "J": r"\frac{1}{m} \sum_{i=1}^{m} \omega^{(i)} L^{(i)}"},
        per_example=ctx.per_example | {r"\omega"},
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
    "logistic": lambda variant=0: one_example(r"\sigma(z)", LOSS, "logistic", variant),
    "linear": lambda variant=0: one_example(r"z", r"\frac{1}{2} (f - y)^2", "linear", variant),
    "squared-sigmoid": lambda variant=0: one_example(
        r"\sigma(z)", r"\frac{1}{2} (f - y)^2", "squared-sigmoid", variant
    ),
    # convexity, Newton, mistakes
    "examples": lambda variant=0: examples(variant=variant),
    "examples-nobias": lambda variant=0: examples(
        bias=False, name="examples-nobias", variant=variant
    ),
    # regularization
    "regularized": lambda variant=0: examples(lam=True, name="regularized", variant=variant),
    "softmax": lambda variant=0: softmax(variant=variant),
    # the two-class reduction: K = 2 is what it states
    "softmax-2": lambda: softmax(2, "softmax-2"),
    "softmax-matrix": softmax_rows,
    # maximum likelihood
    "likelihood": likelihood,
    "bernoulli": bernoulli,
    "pm-one": pm_one,
    # stochastic gradient
    "sgd": sgd,
    "sgd-l2": lambda variant=0: sgd(lam=True, name="sgd-l2", variant=variant),
    "network": network,
    "logit": logit,
    "l1": l1,
    "prox": prox,
    "weighted": weighted,
}


def question_contexts() -> dict[str, Context]:
    from .contexts import sized

    return {name: sized(make) for name, make in QUESTION_CONTEXTS.items()}
