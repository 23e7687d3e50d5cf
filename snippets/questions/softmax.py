"""Softmax regression: probabilities and the gradient p - y with respect to the logits."""

import numpy as np


# --8<-- [start:softmax]
def softmax_probs(z):
    """p_k = e^{z_k} / sum_l e^{z_l}, computed after subtracting max(z) (no overflow)."""
    e = np.exp(z - np.max(z))
    return e / e.sum()


def softmax_gradient(z, y):
    """dL/dz for L = -sum_k y_k log p_k with one-hot y: p - y, as for the sigmoid."""
    return softmax_probs(z) - y


# --8<-- [end:softmax]


# --8<-- [start:matrix]
def softmax_rows(Z):
    """Softmax of each row of Z (m, K): one example per row."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def softmax_cost(X, Y, W, b):
    """J = -(1/m) sum_i sum_k Y_ik log P_ik; X (m, n), Y one-hot (m, K), W (n, K), b (K,)."""
    Z = X @ W + b
    log_P = Z - Z.max(axis=1, keepdims=True)
    log_P -= np.log(np.exp(log_P).sum(axis=1, keepdims=True))
    return float(-np.sum(Y * log_P) / X.shape[0])


def softmax_grads(X, Y, W, b):
    """dJ/dW = (1/m) X.T @ (P - Y), shape (n, K) like W; dJ/db = mean of P - Y, shape (K,)."""
    R = softmax_rows(X @ W + b) - Y  # (m, K): p_k - y_k for every example and class
    return X.T @ R / X.shape[0], R.mean(axis=0)


# --8<-- [end:matrix]


# --8<-- [start:check]
def gradient_check(X, Y, W, b, eps=1e-6):
    """Largest difference between softmax_grads and central differences of softmax_cost, over
    every entry of W and b: all n K + K of them must match, not only the true class's column."""
    dW, db = softmax_grads(X, Y, W, b)
    worst = 0.0
    for P, G in ((W, dW), (b, db)):
        for idx in np.ndindex(P.shape):
            old = P[idx]
            P[idx] = old + eps
            plus = softmax_cost(X, Y, W, b)
            P[idx] = old - eps
            minus = softmax_cost(X, Y, W, b)
            P[idx] = old
            worst = max(worst, abs((plus - minus) / (2 * eps) - G[idx]))
    return worst


# --8<-- [end:check]


# --8<-- [start:demo]
def demo():
    rng = np.random.default_rng(0)
    m, n, K = 20, 3, 4
    X, W, b = rng.normal(size=(m, n)), rng.normal(size=(n, K)), rng.normal(size=K)
    Y = np.eye(K)[rng.integers(0, K, size=m)]  # one-hot labels
    print(gradient_check(X, Y, W, b) < 1e-8)
    # > True


# --8<-- [end:demo]
