"""Logistic regression: cost, gradient and Hessian, numerically stable.

The reference implementation the site shows and the tests check.

Notation (Andrew Ng's courses): X has shape (m, n), one example per row;
y has shape (m,) with labels in {0, 1}; w has shape (n,); b is a number.

    z = X @ w + b                 the logits
    f = sigmoid(z)                the predicted probabilities
    L = -y log f - (1 - y) log(1 - f)
    J = (1/m) sum L + (lambda_ / (2m)) ||w||^2      (b is not regularized)

    dJ/dw = (1/m) X.T @ (f - y) + (lambda_/m) w
    dJ/db = (1/m) sum (f - y)
"""

import numpy as np

__all__ = [
    "cost",
    "gradient",
    "hessian",
    "log1pexp",
    "loss",
    "make_data",
    "predict_proba",
    "sigmoid",
    "validate",
]


# --8<-- [start:sigmoid]
def sigmoid(z):
    """sigma(z) = 1 / (1 + exp(-z)), elementwise, without overflow.

    exp(-|z|) is always in (0, 1], so it never overflows:
    for z >= 0:  1 / (1 + exp(-z))
    for z <  0:  exp(z) / (1 + exp(z))     (the same value, multiplied by exp(z)/exp(z))
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))[()]


# --8<-- [end:sigmoid]


# --8<-- [start:log1pexp]
def log1pexp(x):
    """log(1 + exp(x)), elementwise, accurate and without overflow.

    The piecewise form scikit-learn uses (sklearn/_loss/_loss.pyx):
      x <= -37        exp(x)          (log1p(t) = t to double precision for tiny t)
      -37 < x <= -2   log1p(exp(x))
      -2 < x <= 18    log(1 + exp(x))
      18 < x <= 33.3  x + exp(-x)
      x > 33.3        x               (exp(-x) is below half an ulp of x)
    """
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    a = x <= -37
    c = (x > -37) & (x <= -2)
    d = (x > -2) & (x <= 18)
    e = (x > 18) & (x <= 33.3)
    f = x > 33.3
    out[a] = np.exp(x[a])
    out[c] = np.log1p(np.exp(x[c]))
    out[d] = np.log(1.0 + np.exp(x[d]))
    out[e] = x[e] + np.exp(-x[e])
    out[f] = x[f]
    return out[()]


# --8<-- [end:log1pexp]


# --8<-- [start:loss]
def loss(z, y):
    """Per-example cross-entropy L = -y log sigma(z) - (1 - y) log(1 - sigma(z)).

    -log sigma(z)     = log(1 + exp(-z)) = log1pexp(-z)    (used when y = 1)
    -log(1 - sigma(z)) = log(1 + exp(z)) = log1pexp(z)     (used when y = 0)
    so L = log1pexp(-z) if y == 1 else log1pexp(z): no log(0), no subtraction.
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return log1pexp(np.where(y == 1, -z, z))


# --8<-- [end:loss]


# --8<-- [start:validate]
def _as_float_array(a, name):
    try:
        return np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {type(a).__name__}: {exc}") from None


def validate(X, y, w, b, lambda_=0.0):
    """Check the inputs and return (X, y, w, b, lambda_) as float64 (y may be None).

    Raises ValueError naming the problem. Nothing passed in is modified.
    NaN/inf in X is detected cheaply later, from the logits (see _logits).
    """
    X = _as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D with shape (m, n), got {X.ndim}-D shape {X.shape}")
    m, n = X.shape
    if m == 0:
        raise ValueError(f"X has no examples (m = 0, shape {X.shape})")
    if y is not None:
        y = _as_float_array(y, "y")
        if y.shape != (m,):
            raise ValueError(f"y must have shape (m,) = ({m},) to match X {X.shape}, got {y.shape}")
        if not np.isfinite(y).all():
            raise ValueError("y contains NaN or inf")
        if not ((y == 0) | (y == 1)).all():
            bad = np.unique(y[(y != 0) & (y != 1)])[:5]
            raise ValueError(f"y must contain only labels 0 and 1, found {bad.tolist()}")
    w = _as_float_array(w, "w")
    if w.shape != (n,):
        raise ValueError(f"w must have shape (n,) = ({n},) to match X {X.shape}, got {w.shape}")
    if not np.isfinite(w).all():
        raise ValueError("w contains NaN or inf")
    b = _as_float_array(b, "b")
    if b.ndim != 0:
        raise ValueError(f"b must be a single number, got shape {b.shape}")
    if not np.isfinite(b):
        raise ValueError("b is NaN or inf")
    lambda_ = _as_float_array(lambda_, "lambda_")
    if lambda_.ndim != 0 or not np.isfinite(lambda_):
        raise ValueError(f"lambda_ must be a finite number, got {lambda_!r}")
    if lambda_ < 0:
        raise ValueError(f"lambda_ must be >= 0, got {float(lambda_)}")
    return X, y, w, float(b), float(lambda_)


def _logits(X, w, b):
    """z = X @ w + b, and the NaN/inf check on X without a separate pass over X.

    If every w_j != 0, a NaN or inf anywhere in X makes some z_i NaN or inf, so checking
    the m logits is enough. When w has zeros (e.g. w = 0 at the start of gradient descent)
    we scan X itself.
    """
    with np.errstate(all="ignore"):  # non-finite results are reported just below
        z = X @ w + b
    if not (np.isfinite(z).all() and np.all(w != 0)) and not np.isfinite(X).all():
        raise ValueError("X contains NaN or inf")
    if not np.isfinite(z).all():
        raise ValueError("X @ w + b overflows float64; rescale the features")
    return z


# --8<-- [end:validate]


def predict_proba(X, w, b):
    """f = sigmoid(X @ w + b), the probability that y = 1 for each row of X."""
    X, _, w, b, _ = validate(X, None, w, b)
    return sigmoid(_logits(X, w, b))


# --8<-- [start:cost]
def cost(X, y, w, b, lambda_=0.0):
    """J(w, b) = (1/m) sum_i L_i + (lambda_ / (2m)) ||w||^2, as a float."""
    X, y, w, b, lambda_ = validate(X, y, w, b, lambda_)
    m = X.shape[0]
    z = _logits(X, w, b)
    penalty = lambda_ / (2 * m) * (w @ w) if lambda_ > 0 else 0.0
    return float(np.mean(loss(z, y)) + penalty)


# --8<-- [end:cost]


# --8<-- [start:gradient]
def gradient(X, y, w, b, lambda_=0.0):
    """(dJ/dw, dJ/db): dJ/dw = (1/m) X.T @ (f - y) + (lambda_/m) w, dJ/db = mean(f - y)."""
    X, y, w, b, lambda_ = validate(X, y, w, b, lambda_)
    m = X.shape[0]
    z = _logits(X, w, b)
    r = sigmoid(z) - y  # the error f - y, shape (m,)
    dj_dw = (X.T @ r) / m + (lambda_ / m) * w
    dj_db = float(np.mean(r))
    return dj_dw, dj_db


# --8<-- [end:gradient]


# --8<-- [start:hessian]
def hessian(X, w, b, lambda_=0.0):
    """The (n+1) x (n+1) Hessian of J over (w_1, ..., w_n, b).

    H = (1/m) A.T @ diag(f (1 - f)) @ A + (lambda_/m) diag(1, ..., 1, 0),
    where A = [X, 1] (a column of ones for b, which is not regularized).
    f (1 - f) is computed as sigmoid(z) * sigmoid(-z): no cancellation when f is near 1.
    """
    X, _, w, b, lambda_ = validate(X, None, w, b, lambda_)
    m, n = X.shape
    z = _logits(X, w, b)
    s = sigmoid(z) * sigmoid(-z)  # sigma'(z), shape (m,)
    A = np.hstack([X, np.ones((m, 1))])
    H = (A.T * s) @ A / m
    H[:n, :n] += (lambda_ / m) * np.eye(n)
    return H


# --8<-- [end:hessian]


# --8<-- [start:data]
def make_data(m=200, seed=0):
    """m examples, 2 features; labels drawn from a known logistic model (not separable)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 2))
    y = (rng.random(m) < sigmoid(X @ np.array([2.0, -1.0]) + 0.5)).astype(float)
    return X, y


# --8<-- [end:data]
