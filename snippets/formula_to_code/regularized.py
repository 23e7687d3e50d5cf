"""The L2-regularized cost and gradient: one extra term, and b is left alone."""

import numpy as np
from logreg import cost, gradient


# --8<-- [start:regularized]
def regularized_gradient(X, y, w, b, lambda_):
    """Unregularized gradient plus (lambda_/m) w; dJ/db does not change."""
    m = X.shape[0]
    dj_dw, dj_db = gradient(X, y, w, b)  # lambda_ = 0: the data term only
    return dj_dw + (lambda_ / m) * w, dj_db


# --8<-- [end:regularized]


# --8<-- [start:demo]
def demo():
    # The example of the Machine Learning Specialization's regularization lab (course 1, week 3).
    rng = np.random.RandomState(1)  # the lab's np.random.seed(1)
    X = rng.rand(5, 6)
    y = np.array([0, 1, 0, 1, 0])
    w = rng.rand(6) - 0.5
    b, lambda_ = 0.5, 0.7
    print(f"J = {cost(X, y, w, b):.6f} without, {cost(X, y, w, b, lambda_):.6f} with lambda_ = 0.7")
    # > J = 0.653643 without, 0.685085 with lambda_ = 0.7
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)
    plain_dw, plain_db = gradient(X, y, w, b)
    print(np.allclose(dj_dw - plain_dw, lambda_ / 5 * w), dj_db == plain_db)  # m = 5
    # > True True
    mine_dw, mine_db = regularized_gradient(X, y, w, b, lambda_)
    print(np.allclose(mine_dw, dj_dw), mine_db == dj_db)
    # > True True


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
