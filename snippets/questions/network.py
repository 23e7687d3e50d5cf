"""A two-layer network whose output unit is logistic regression; examples in columns."""

import numpy as np
from logreg import log1pexp, sigmoid


def init(n, h, seed=0):
    """Small random weights: W1 (h, n), b1 (h, 1), W2 (1, h), b2 (1, 1)."""
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(size=(h, n)),
        "b1": rng.normal(size=(h, 1)),
        "W2": rng.normal(size=(1, h)),
        "b2": rng.normal(size=(1, 1)),
    }


# --8<-- [start:forward]
def forward(X, p):
    """X is (n, m), one example per column; tanh hidden units, one sigmoid output unit."""
    Z1 = p["W1"] @ X + p["b1"]  # (h, m)
    A1 = np.tanh(Z1)  # (h, m)
    Z2 = p["W2"] @ A1 + p["b2"]  # (1, m)
    return Z1, A1, Z2, sigmoid(Z2)


def cost(X, Y, p):
    """J = mean cross-entropy, from the logits Z2 (stable)."""
    Z2 = forward(X, p)[2]
    return float(np.mean(log1pexp(Z2) - Y * Z2))


# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(X, Y, p):
    """The gradient of J: dZ2 = A2 - Y without 1/m; the 1/m goes into dW and db, once."""
    m = X.shape[1]
    Z1, A1, Z2, A2 = forward(X, p)
    dZ2 = A2 - Y  # (1, m)
    dW2 = dZ2 @ A1.T / m  # (1, m) @ (m, h) -> (1, h)
    db2 = dZ2.sum(axis=1, keepdims=True) / m  # (1, 1)
    dZ1 = (p["W2"].T @ dZ2) * (1 - A1**2)  # (h, 1) @ (1, m) -> (h, m), times tanh'(Z1)
    dW1 = dZ1 @ X.T / m  # (h, m) @ (m, n) -> (h, n)
    db1 = dZ1.sum(axis=1, keepdims=True) / m  # (h, 1)
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}


# --8<-- [end:backward]


# --8<-- [start:twice]
def backward_1_over_m_twice(X, Y, p):
    """The bug: dZ2 = (A2 - Y) / m, and then dW2 divides by m again."""
    m = X.shape[1]
    _, A1, _, A2 = forward(X, p)
    dZ2 = (A2 - Y) / m  # this is already dJ/dZ2 ...
    return dZ2 @ A1.T / m  # ... so this is dJ/dW2 / m


# --8<-- [end:twice]


# --8<-- [start:check]
def numerical_gradient(X, Y, p, eps=1e-6):
    """Central differences of cost, one parameter entry at a time."""
    grads = {}
    for name, value in p.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            old = value[idx]
            value[idx] = old + eps
            plus = cost(X, Y, p)
            value[idx] = old - eps
            minus = cost(X, Y, p)
            value[idx] = old
            g[idx] = (plus - minus) / (2 * eps)
        grads[name] = g
    return grads


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||) over all the parameters."""
    va = np.concatenate([a[k].ravel() for k in sorted(a)])
    vb = np.concatenate([b[k].ravel() for k in sorted(a)])
    return np.linalg.norm(va - vb) / (np.linalg.norm(va) + np.linalg.norm(vb))


# --8<-- [end:check]


# --8<-- [start:demo]
def demo():
    rng = np.random.default_rng(1)
    n, h, m = 3, 4, 10
    X = rng.normal(size=(n, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    p = init(n, h)
    numeric = numerical_gradient(X, Y, p)
    print(relative_error(backward(X, Y, p), numeric) < 1e-7)  # the gradient check passes
    # > True
    print({k: v.shape for k, v in backward(X, Y, p).items()})  # each the shape of its parameter
    # > {'W1': (4, 3), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    twice = backward_1_over_m_twice(X, Y, p)
    print(np.allclose(twice * m, numeric["W2"]))  # 1/m twice: m times too small
    # > True


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
