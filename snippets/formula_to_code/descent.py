"""Batch gradient descent on a small seeded data set, run until it reaches the optimum."""

import numpy as np
from logreg import cost, gradient, make_data


# --8<-- [start:descent]
def gradient_descent(X, y, w, b, alpha, num_iters, lambda_=0.0):
    """Repeat w <- w - alpha dJ/dw, b <- b - alpha dJ/db (all m examples each step)."""
    w = np.array(w, dtype=float)  # a copy: the caller's w is not changed
    history = []
    for _ in range(num_iters):
        history.append(cost(X, y, w, b, lambda_))
        dj_dw, dj_db = gradient(X, y, w, b, lambda_)
        w = w - alpha * dj_dw
        b = b - alpha * dj_db
    return w, b, history


# --8<-- [end:descent]


# --8<-- [start:demo]
def demo():
    X, y = make_data()
    w, b, history = gradient_descent(X, y, np.zeros(2), 0.0, alpha=1.0, num_iters=500)
    for i in (0, 10, 100, 499):
        print(f"iteration {i:3}: J = {history[i]:.6f}")
    # > iteration   0: J = 0.693147
    # > iteration  10: J = 0.420693
    # > iteration 100: J = 0.384272
    # > iteration 499: J = 0.384246
    print(f"w = {np.round(w, 4)}, b = {b:.4f}")
    # > w = [ 2.4707 -1.2445], b = 0.4788
    dj_dw, dj_db = gradient(X, y, w, b)
    print(np.linalg.norm(np.append(dj_dw, dj_db)) < 1e-8)  # at the optimum the gradient is 0
    # > True


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
