"""Common mistakes: each wrong line next to the right one, so the tests can tell them apart."""

import numpy as np
from logreg import sigmoid


# --8<-- [start:sign-wrong]
def gradient_wrong_sign(X, y, w, b):
    f = sigmoid(X @ w + b)
    return X.T @ (y - f) / len(y)  # the gradient of the log-likelihood, not of the cost


# --8<-- [end:sign-wrong]


# --8<-- [start:sign-right]
def gradient_right_sign(X, y, w, b):
    f = sigmoid(X @ w + b)
    return X.T @ (f - y) / len(y)  # prediction minus truth: the gradient of the cost


# --8<-- [end:sign-right]


# --8<-- [start:log10-wrong]
def cost_log10(f, y):
    return -np.mean(y * np.log10(f) + (1 - y) * np.log10(1 - f))


# --8<-- [end:log10-wrong]


# --8<-- [start:log10-right]
def cost_ln(f, y):
    return -np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))  # natural log


# --8<-- [end:log10-right]


# --8<-- [start:nan-wrong]
def cost_naive(X, y, w, b):
    f = 1 / (1 + np.exp(-(X @ w + b)))  # rounds to exactly 1.0 once z > 37
    return -np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))  # 0 * log(0) = nan


# --8<-- [end:nan-wrong]


# --8<-- [start:nan-right]
def cost_stable(X, y, w, b):
    z = X @ w + b
    # -log(f) = log(1 + e^-z) and -log(1 - f) = log(1 + e^z), never log(0)
    return np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))


# --8<-- [end:nan-right]


# --8<-- [start:columns-wrong]
def dw_columns_wrong(X, Y, w, b):  # X is n x m (examples in columns), Y is 1 x m
    A = sigmoid(w.T @ X + b)
    return X.T @ (A - Y).T / X.shape[1]  # shapes do not even match: X.T is m x n


# --8<-- [end:columns-wrong]


# --8<-- [start:columns-right]
def dw_columns_right(X, Y, w, b):  # X is n x m (examples in columns), Y is 1 x m
    A = sigmoid(w.T @ X + b)  # 1 x m
    return X @ (A - Y).T / X.shape[1]  # n x m times m x 1: n x 1, the shape of w


# --8<-- [end:columns-right]


# --8<-- [start:bias-wrong]
def update_wrong(X, y, w, b, alpha, lambda_):
    m = len(y)
    r = sigmoid(X @ w + b) - y
    w_new = w - alpha * (X.T @ r / m + lambda_ / m * w)
    b_new = b - alpha * (np.mean(r) + lambda_ / m * b)  # WRONG: the penalty shrinks b too
    return w_new, b_new


# --8<-- [end:bias-wrong]


# --8<-- [start:bias-right]
def update_right(X, y, w, b, alpha, lambda_):
    m = len(y)
    r = sigmoid(X @ w + b) - y
    w_new = w - alpha * (X.T @ r / m + lambda_ / m * w)
    b_new = b - alpha * np.mean(r)  # no lambda term for b
    return w_new, b_new


# --8<-- [end:bias-right]


# --8<-- [start:lambda-wrong]
def penalty_gradient_wrong(w, lambda_, m):
    n = len(w)
    return n * lambda_ / m * w  # counts every weight's penalty in every partial derivative


# --8<-- [end:lambda-wrong]


# --8<-- [start:lambda-right]
def penalty_gradient_right(w, lambda_, m):
    return lambda_ / m * w  # only the w_j^2 term depends on w_j


# --8<-- [end:lambda-right]


# --8<-- [start:negative-right]
def cost_right(f, y):
    return -np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))  # minus: logs of f are negative


# --8<-- [end:negative-right]


# --8<-- [start:negative-wrong]
def cost_negative(f, y):
    return np.mean(y * np.log(f) + (1 - y) * np.log(1 - f))  # the log-likelihood: <= 0


# --8<-- [end:negative-wrong]


# --8<-- [start:scalar-right]
def gradient_vector(X, y, w, b):
    f = 1 / (1 + np.exp(-(X @ w + b)))
    return X.T @ (f - y) / len(y)  # shape (n,): one number per weight


# --8<-- [end:scalar-right]


# --8<-- [start:scalar-wrong]
def gradient_scalar(X, y, w, b):
    f = 1 / (1 + np.exp(-(X @ w + b)))
    return np.sum((f - y)[:, None] * X) / len(y)  # sums over the features too: one number


# --8<-- [end:scalar-wrong]


# --8<-- [start:twice-right]
def dw_once(X, y, w, b):
    dz = 1 / (1 + np.exp(-(X @ w + b))) - y  # per example: no 1/m here
    return X.T @ dz / len(y)  # the average, once


# --8<-- [end:twice-right]


# --8<-- [start:twice-wrong]
def dw_twice(X, y, w, b):
    dz = (1 / (1 + np.exp(-(X @ w + b))) - y) / len(y)  # already dJ/dz ...
    return X.T @ dz / len(y)  # ... divided by m again: m times too small


# --8<-- [end:twice-wrong]


# --8<-- [start:theta-right]
def theta_gradient_right(X1, y, theta, lambda_):
    """X1: a first column of ones; theta[0] is the intercept, not penalized."""
    m = len(y)
    h = 1 / (1 + np.exp(-(X1 @ theta)))
    penalty = (lambda_ / m) * theta
    penalty[0] = 0.0  # the theta_0 row of the penalty is zero
    return X1.T @ (h - y) / m + penalty


# --8<-- [end:theta-right]


# --8<-- [start:theta-wrong]
def theta_gradient_wrong(X1, y, theta, lambda_):
    m = len(y)
    h = 1 / (1 + np.exp(-(X1 @ theta)))
    return X1.T @ (h - y) / m + (lambda_ / m) * theta  # penalizes the intercept too


# --8<-- [end:theta-wrong]


# --8<-- [start:broadcast-right]
def gradient_one_shape(X, y, w, b):  # w of shape (n, 1): y must be a column too
    y = y.reshape(-1, 1)  # (m,) -> (m, 1)
    f = sigmoid(X @ w + b)  # (m, 1)
    return X.T @ (f - y) / len(y)  # (n, 1), the shape of w


# --8<-- [end:broadcast-right]


# --8<-- [start:broadcast-wrong]
def gradient_mixed_shapes(X, y, w, b):  # w of shape (n, 1), y of shape (m,)
    f = sigmoid(X @ w + b)  # (m, 1)
    return X.T @ (f - y) / len(y)  # WRONG: f - y broadcasts to (m, m); the result is (n, m)


def dw_row(X, Y, w, b):  # examples in columns: X is (n, m), Y is (1, m)
    A = sigmoid(w.T @ X + b)
    return (A - Y) @ X.T / X.shape[1]  # WRONG: (1, n), a row; w - alpha * dw is then (n, n)


# --8<-- [end:broadcast-wrong]
