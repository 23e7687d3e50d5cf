"""The chain rule as code: dL/dw_j = dL/df * df/dz * dz/dw_j, one factor per line."""

import numpy as np
from logreg import gradient, sigmoid


# --8<-- [start:factors]
def chain_rule_factors(x, y, w, b):
    """The three factors of route 1 for one example x (shape (n,)) with label y."""
    z = x @ w + b
    f = sigmoid(z)
    dL_df = -y / f + (1 - y) / (1 - f)  # derivative of -y log f - (1 - y) log(1 - f)
    df_dz = f * (1 - f)  # the sigmoid derivative
    dz_dw = x  # z = w . x + b is linear in w
    dz_db = 1.0
    return dL_df, df_dz, dz_dw, dz_db


def gradient_from_factors(X, y, w, b):
    """Multiply the factors for each example, then average: the chain rule, literally."""
    m = X.shape[0]
    dj_dw, dj_db = np.zeros_like(w, dtype=float), 0.0
    for x_i, y_i in zip(X, y, strict=True):
        dL_df, df_dz, dz_dw, dz_db = chain_rule_factors(x_i, y_i, w, b)
        dj_dw += dL_df * df_dz * dz_dw / m
        dj_db += dL_df * df_dz * dz_db / m
    return dj_dw, dj_db


# --8<-- [end:factors]


# --8<-- [start:demo]
def demo():
    x, y, w, b = np.array([1.5, 0.5]), 1.0, np.array([1.0, -1.0]), 0.0
    dL_df, df_dz, dz_dw, dz_db = chain_rule_factors(x, y, w, b)
    print(f"dL/df = {dL_df:.4f}, df/dz = {df_dz:.4f}, dz/dw = {dz_dw}, dz/db = {dz_db}")
    # > dL/df = -1.3679, df/dz = 0.1966, dz/dw = [1.5 0.5], dz/db = 1.0
    f = sigmoid(x @ w + b)
    print(f"dL/df * df/dz = {dL_df * df_dz:.4f}, f - y = {f - y:.4f}")  # the 1/f cancels
    # > dL/df * df/dz = -0.2689, f - y = -0.2689
    print(f"dL/dw = {np.round(dL_df * df_dz * dz_dw, 4)}, (f - y) x = {np.round((f - y) * x, 4)}")
    # > dL/dw = [-0.4034 -0.1345], (f - y) x = [-0.4034 -0.1345]
    w, b = np.array([2.0, 3.0]), 1.0
    X = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
    Y = np.array([0, 0, 0, 1, 1, 1])
    (dw1, db1), (dw2, db2) = gradient_from_factors(X, Y, w, b), gradient(X, Y, w, b)
    print(np.allclose(dw1, dw2) and np.isclose(db1, db2))  # same as the vectorized gradient
    # > True


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
