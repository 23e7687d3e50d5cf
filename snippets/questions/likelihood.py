"""Maximum likelihood: the product of Bernoulli probabilities, its log, and labels in {-1, +1}."""

import numpy as np
from logreg import cost, gradient, log1pexp, make_data, sigmoid


# --8<-- [start:likelihood]
def likelihood(X, y, w, b):
    """The product over examples of p = f^y (1 - f)^(1 - y): underflows for large m."""
    f = sigmoid(X @ w + b)
    return float(np.prod(f**y * (1 - f) ** (1 - y)))


def log_likelihood(X, y, w, b):
    """ell = sum_i log p_i = -m J, computed from the stable cost."""
    return -len(y) * cost(X, y, w, b)


# --8<-- [end:likelihood]


# --8<-- [start:pm_one]
def loss_pm_one(z, t):
    """log(1 + e^(-t z)) for labels t in {-1, +1}: the same number as the 0/1 cross-entropy."""
    return log1pexp(-t * z)


def gradient_pm_one(X, t, w, b):
    """(dJ/dw, dJ/db) of the mean of log(1 + e^(-t z)): the factor is -t sigma(-t z)."""
    r = -t * sigmoid(-t * (X @ w + b))  # equals f - y when t = 2y - 1
    return X.T @ r / len(t), float(np.mean(r))


# --8<-- [end:pm_one]


# --8<-- [start:demo]
def demo():
    X, y = make_data(2000)
    w, b = np.array([1.5, -0.5]), 0.2
    print(likelihood(X, y, w, b))  # the product of 2000 numbers below 1
    # > 0.0
    print(round(log_likelihood(X, y, w, b), 2))  # its log is an ordinary number
    # > -903.44
    t = 2 * y - 1  # labels {0, 1} -> {-1, +1}
    dw, db = gradient(X, y, w, b)
    dw_pm, db_pm = gradient_pm_one(X, t, w, b)
    print(np.allclose(dw, dw_pm), np.isclose(db, db_pm))
    # > True True


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
