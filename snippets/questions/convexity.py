"""Convexity page: squared error through a sigmoid is not convex; cross-entropy is."""

import numpy as np
from logreg import cost, gradient, sigmoid


# --8<-- [start:counterexample]
def squared_error(w):
    """J_sq(w) = (1/2) sigmoid(w)^2: one example x = 1, y = 0, no bias."""
    return 0.5 * sigmoid(w) ** 2


def cross_entropy(w):
    """J_ce(w) = -log(1 - sigmoid(w)) for the same example."""
    return cost(np.array([[1.0]]), np.array([0.0]), np.array([w]), 0.0)


def counterexample():
    w1, w2 = 1.0, 5.0
    mid = (w1 + w2) / 2
    for name, J in (("squared error", squared_error), ("cross-entropy", cross_entropy)):
        chord = (J(w1) + J(w2)) / 2
        print(f"{name}: J(3) = {J(mid):.4f}, chord midpoint = {chord:.4f}")
    # > squared error: J(3) = 0.4537, chord midpoint = 0.3803
    # > cross-entropy: J(3) = 3.0486, chord midpoint = 3.1600


# --8<-- [end:counterexample]


# --8<-- [start:separable]
def separable_descent():
    """Gradient descent on data a single threshold separates: the weight never settles."""
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    for lambda_ in (0.0, 0.1):
        w, b = np.zeros(1), 0.0
        for it in range(1, 3001):
            dj_dw, dj_db = gradient(X, y, w, b, lambda_)
            w, b = w - 1.0 * dj_dw, b - 1.0 * dj_db
            if it in (30, 300, 3000):
                print(f"lambda = {lambda_}: after {it:>4} steps w = {w[0]:.3f}")
    # > lambda = 0.0: after   30 steps w = 2.958
    # > lambda = 0.0: after  300 steps w = 5.056
    # > lambda = 0.0: after 3000 steps w = 7.320
    # > lambda = 0.1: after   30 steps w = 2.224
    # > lambda = 0.1: after  300 steps w = 2.277
    # > lambda = 0.1: after 3000 steps w = 2.277


# --8<-- [end:separable]


if __name__ == "__main__":
    counterexample()
    separable_descent()
