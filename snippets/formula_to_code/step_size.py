"""Choosing the learning rate, scaling the features, and when to stop gradient descent."""

import numpy as np
from logreg import gradient, make_data


# --8<-- [start:safe-rate]
def safe_learning_rate(X):
    """1 / L, where L = largest eigenvalue of A.T @ A / (4m), A = [X, 1], bounds the curvature
    of J (sigma' <= 1/4); with this rate every step lowers the cost."""
    m = X.shape[0]
    A = np.hstack([X, np.ones((m, 1))])
    return 4 * m / np.linalg.eigvalsh(A.T @ A)[-1]


# --8<-- [end:safe-rate]


# --8<-- [start:until-small]
def descend_until_small(X, y, alpha, tol=1e-6, max_iter=20_000):
    """Gradient descent from w = 0, b = 0 until |grad J| < tol; returns (w, b, steps taken)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for step in range(max_iter):
        dj_dw, dj_db = gradient(X, y, w, b)
        if np.sqrt(dj_dw @ dj_dw + dj_db**2) < tol:
            return w, b, step
        w, b = w - alpha * dj_dw, b - alpha * dj_db
    raise RuntimeError(f"|grad J| >= {tol} after {max_iter} steps: scale the features")


# --8<-- [end:until-small]


# --8<-- [start:standardize]
def standardize(X):
    """Each feature shifted to mean 0 and divided by its standard deviation."""
    mean, std = X.mean(axis=0), X.std(axis=0)
    return (X - mean) / std, mean, std


def original_units(w, b, mean, std):
    """The same model for unscaled x: w . (x - mean) / std + b = (w / std) . x + b'."""
    return w / std, b - w @ (mean / std)


# --8<-- [end:standardize]


# --8<-- [start:demo]
def demo():
    X, y = make_data()
    X_cm = X * np.array([1.0, 10.0])  # the second feature in other units (cm, not dm)
    for name, data in (("raw", X_cm), ("standardized", standardize(X_cm)[0])):
        alpha = safe_learning_rate(data)
        _, _, steps = descend_until_small(data, y, alpha)
        print(f"{name:>12}: alpha = {alpha:.4f}, {steps} steps")
    # >          raw: alpha = 0.0394, 6823 steps
    # > standardized: alpha = 3.7967, 74 steps
    X_std, mean, std = standardize(X_cm)
    w, b, _ = descend_until_small(X_std, y, safe_learning_rate(X_std))
    w, b = original_units(w, b, mean, std)
    print(f"w = {np.round(w, 4)}, b = {b:.4f}")  # the model of the raw data, in its units
    # > w = [ 2.4707 -0.1245], b = 0.4788


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
