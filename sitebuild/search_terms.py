"""The names each course uses for the quantities of the site: the one list search is built from.

Each entry is one quantity (or one idea) of the site. ``found_by`` is a regular expression over
the readable text of an index entry (lower case, math already turned into text, e.g. "∂j/∂b",
"f − y", "xᵀ"); wherever it matches, the entry gets ``names`` in its hidden ``keywords`` field, so
a learner who types their course's symbol (θ, h_θ, dZ, t_n, logit ...) lands on the same page
and step as one who types the site's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Quantity:
    site: str  # how this site writes it
    found_by: str  # regular expression over an entry's lower-case readable text
    names: tuple[str, ...]  # what the courses, books and frameworks call it


QUANTITIES: tuple[Quantity, ...] = (
    Quantity(
        "z, the score",
        r"\bscores?\b|\blinear part\b|\bz = w",
        (
            "logit",
            "logits",
            "log-odds",
            "log odds",
            "linear part",
            "pre-activation",
            "Z",
            "theta^T x",
            "w^T x + b",
            "net input",
        ),
    ),
    Quantity(
        "f = σ(z), the prediction",
        r"\bpredictions?\b|\bf = σ\(z\)|\bpredicted probabilit",
        (
            "h_theta",
            "h_theta(x)",
            "hypothesis",
            "y_hat",
            "y hat",
            "ŷ",
            "activation",
            "A",
            "f_wb",
            "f_w,b(x)",
            "p",
            "y_n",
            "predicted probability",
        ),
    ),
    Quantity(
        "y, the label",
        r"\blabels?\b",
        ("y", "t_n", "target", "targets", "ground truth", "class label"),
    ),
    Quantity(
        "labels in {−1, +1}",
        r"±1|\{−1, \+1\}|−1 and \+1|−tz|− ?t ?z\b",
        (
            "labels -1 +1",
            "-1 +1",
            "±1",
            "y in {-1, 1}",
            "t_n",
            "log(1 + e^-tz)",
            "e^(-t z)",
            "margin",
            "yz",
            "SVM labels",
        ),
    ),
    Quantity(
        "w, the weights",
        r"\bweights?\b|∂w_j|∂w\b",
        ("theta", "θ", "theta_j", "parameters", "coefficients", "beta", "w", "W"),
    ),
    Quantity(
        "b, the bias",
        r"\bbias\b|∂j/∂b|∂l/∂b|∂b\b",
        (
            "intercept",
            "b",
            "db",
            "dJ/db",
            "theta_0",
            "θ_0",
            "w_0",
            "bias term",
            "offset",
            "derivative of the cost with respect to b",
        ),
    ),
    Quantity(
        "x, the features",
        r"\bfeatures?\b|\bdesign matrix\b",
        ("x", "x_j", "X", "phi", "phi_n", "φ_n", "Phi", "design matrix", "inputs", "input vector"),
    ),
    Quantity(
        "f − y, the error of the score",
        r"\bf − y\b|\bf^\(i\) − y|\bprediction minus (?:the )?label|\berror signal\b|"
        r"∂l/∂z|\bdz\b",
        (
            "dZ",
            "dz",
            "A - Y",
            "dZ = A - Y",
            "y - p",
            "p - y",
            "y_n - t_n",
            "h_theta(x) - y",
            "y - h_theta(x)",
            "residual",
            "error",
            "delta",
            "dL/dz",
            "prediction minus label",
        ),
    ),
    Quantity(
        "∂L/∂f, the derivative of the loss in the prediction",
        r"∂l/∂f|\bd/df\b|−y/f|y/f\b|\bloss changes with the prediction|"
        r"\bloss against the predictions",
        ("dA", "da", "dL/da", "dL/df", "dL/dyhat", "-y/a + (1-y)/(1-a)"),
    ),
    Quantity(
        "∂J/∂w, the gradient",
        r"∂j/∂w|∂l/∂w|∇_?w|\bgradient\b",
        (
            "dw",
            "dW",
            "dJ/dw",
            "dJ/dtheta",
            "dtheta",
            "grad",
            "nabla",
            "∇J",
            "derivative of cost with respect to w",
            "partial derivative",
        ),
    ),
    Quantity(
        "J, the cost",
        r"\bcost\b",
        (
            "J",
            "J(theta)",
            "J(w,b)",
            "E(w)",
            "error function",
            "objective",
            "risk",
            "empirical risk",
            "average loss",
        ),
    ),
    Quantity(
        "ℓ = −mJ, the log-likelihood",
        r"\blog-likelihood\b|\blikelihood\b|ℓ",
        (
            "negative cost",
            "l(theta)",
            "ℓ(θ)",
            "log likelihood",
            "maximize",
            "maximise",
            "gradient ascent",
            "MLE",
            "maximum likelihood",
        ),
    ),
    Quantity(
        "1/m, the average",
        r"1/m\b|\baverage\b|\bm examples\b",
        ("-1/m", "1/m", "1/N", "mean", "average", "batch average"),
    ),
    Quantity(
        "Xᵀ, the transpose",
        r"ᵀ|\btranspose",
        (
            "transpose",
            "X^T",
            "X.T",
            "X transpose",
            "W^T X",
            "w^T x",
            "np.dot",
            "matrix product",
            "X transpose times sigmoid minus y",
        ),
    ),
    Quantity(
        "H, the Hessian",
        r"\bhessian\b|\bnewton",
        (
            "H",
            "H^-1",
            "inverse Hessian",
            "Newton step",
            "second derivative",
            "X^T S X",
            "X^T W X",
            "X^T R X",
            "d2J/dw2",
        ),
    ),
    Quantity(
        "squared error, the cost that is not convex here",
        r"\bsquared error\b|\bmean squared\b",
        ("(f - y)^2", "(y - f)^2", "MSE", "squared loss", "least squares", "quadratic loss"),
    ),
    Quantity(
        "σ, the sigmoid",
        r"σ|\bsigmoid\b",
        ("sigma", "g(z)", "g", "logistic function", "expit", "1/(1+e^-z)", "e^-z", "exp"),
    ),
    Quantity(
        "the cross-entropy loss",
        r"\bcross-entropy\b|\blog loss\b|\blogistic loss\b",
        (
            "binary cross-entropy",
            "binary cross-entropy with logits",
            "BCE",
            "BCEWithLogitsLoss",
            "sigmoid_cross_entropy_with_logits",
            "log_loss",
            "log(1+e^-z)",
            "softplus",
        ),
    ),
    Quantity(
        "λ, the L2 penalty",
        r"\bregulari[sz]\w*|λ|\bpenalty\b",
        ("weight decay", "L2", "ridge", "lambda", "shrinkage", "lambda/m w", "λ/2m"),
    ),
    Quantity(
        "log 0, the numerical failure",
        r"\blog\(0\)|\bnan\b|\boverflow\b|\blog of zero\b|−inf\b",
        (
            "log of zero",
            "log 0",
            "log(0)",
            "divide by zero",
            "-inf",
            "NaN",
            "clip",
            "epsilon",
            "overflow",
            "numerical stability",
        ),
    ),
)

# The notation page: every name of every quantity it lists is its keyword.
CROSSWALK = "notation/"

_FOUND_BY = [(re.compile(q.found_by), q.names) for q in QUANTITIES]


def course_names(text: str) -> list[str]:
    """The courses' names for every quantity that ``text`` (readable, any case) mentions.

    A name of one letter (A, g, H ...) is left to the formulas themselves: as a keyword it would
    make every entry answer every query that contains that letter.
    """
    lowered = text.lower()
    names: dict[str, None] = {}
    for pattern, group in _FOUND_BY:
        if pattern.search(lowered):
            names.update(dict.fromkeys(name for name in group if len(name) > 1))
    return list(names)
