"""Numerical gradient check: central differences, and how to read the relative error."""

import numpy as np
from logreg import cost, gradient


# --8<-- [start:check]
def numerical_gradient(X, y, w, b, lambda_=0.0, eps=1e-6):
    """Central differences (J(p + eps) - J(p - eps)) / (2 eps) for each parameter p."""
    params = np.append(np.asarray(w, dtype=float), b)  # (w_1, ..., w_n, b), a copy
    grad = np.zeros_like(params)
    for k in range(params.size):
        plus, minus = params.copy(), params.copy()
        plus[k] += eps
        minus[k] -= eps
        J_plus = cost(X, y, plus[:-1], plus[-1], lambda_)
        J_minus = cost(X, y, minus[:-1], minus[-1], lambda_)
        grad[k] = (J_plus - J_minus) / (2 * eps)  # error O(eps^2)
    return grad[:-1], grad[-1]


def relative_error(analytic, numeric):
    """||a - n|| / (||a|| + ||n||): about 1e-7 or less means the gradient is right."""
    a = np.append(*analytic)
    n = np.append(*numeric)
    return np.linalg.norm(a - n) / (np.linalg.norm(a) + np.linalg.norm(n))


# --8<-- [end:check]


# --8<-- [start:demo]
def demo():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3))
    y = (rng.random(20) < 0.5).astype(float)
    w, b = rng.normal(size=3), 0.5
    numeric = numerical_gradient(X, y, w, b)

    right = gradient(X, y, w, b)
    print(relative_error(right, numeric) < 1e-7)
    # > True

    dj_dw, dj_db = right
    sign_flipped = (-dj_dw, -dj_db)  # used y - f instead of f - y
    print(f"{relative_error(sign_flipped, numeric):.2f}")
    # > 1.00
    no_mean = (dj_dw * 20, dj_db * 20)  # forgot to divide by m = 20
    print(f"{relative_error(no_mean, numeric):.2f}")  # (20 - 1) / (20 + 1)
    # > 0.90


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
