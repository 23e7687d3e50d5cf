"""The gradient in each data-matrix convention of the matrix page, with the shape of every
factor; the same numbers in three layouts."""

import numpy as np
from logreg import sigmoid


# --8<-- [start:rows]
def gradient_examples_in_rows(X, y, w, b):
    """X (m, n): one example per row; y (m,); w (n,)."""
    m = X.shape[0]
    f = sigmoid(X @ w + b)  # (m,)
    dw = X.T @ (f - y) / m  # (n, m) @ (m,): (n,) like w
    db = np.sum(f - y) / m
    return dw, db


# --8<-- [end:rows]


# --8<-- [start:columns]
def gradient_examples_in_columns(X, Y, w, b):
    """X (n, m): one example per column; Y (1, m); w (n, 1)."""
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)  # (1, n) @ (n, m): (1, m)
    dw = X @ (A - Y).T / m  # (n, m) @ (m, 1): (n, 1) like w
    db = np.sum(A - Y) / m
    return dw, db


# --8<-- [end:columns]


# --8<-- [start:features-in-rows]
def gradient_features_in_rows(X, Y, W, beta):
    """X (k, n): k features, n examples; Y (1, n); W (k, 1)."""
    n = X.shape[1]  # the examples, whatever their letter
    A = sigmoid(W.T @ X + beta)  # (1, k) @ (k, n): (1, n)
    dW = X @ (A - Y).T / n  # (k, n) @ (n, 1): (k, 1) like W
    dbeta = np.sum(A - Y) / n
    return dW, dbeta


# --8<-- [end:features-in-rows]
