"""Batch, mini-batch and per-example (stochastic) gradients; the L2 penalty as weight decay."""

import numpy as np
from logreg import gradient, make_data, sigmoid


# --8<-- [start:per_example]
def per_example_gradients(X, y, w, b):
    """Row i: the gradient of example i's loss, (f_i - y_i) x_i; and (f_i - y_i) for b."""
    r = sigmoid(X @ w + b) - y  # shape (m,)
    return r[:, None] * X, r  # shapes (m, n) and (m,)


# --8<-- [end:per_example]


# --8<-- [start:minibatch]
def minibatch_gradient(X, y, w, b, batch, lambda_=0.0):
    """The mean gradient over the rows in ``batch``, plus the penalty's (lambda_/m) w.

    m is the number of examples in the whole training set, not in the batch: the penalty
    belongs to J, which each example carries an m-th of.
    """
    m = X.shape[0]
    g_w, g_b = per_example_gradients(X[batch], y[batch], w, b)
    return g_w.mean(axis=0) + (lambda_ / m) * w, float(g_b.mean())


def sgd(X, y, w, b, alpha, batch_size, epochs, lambda_=0.0, seed=0):
    """Mini-batch gradient descent; returns the (w, b) after every step (the path)."""
    rng = np.random.default_rng(seed)
    m = X.shape[0]
    path = [(w.copy(), b)]
    for _ in range(epochs):
        order = rng.permutation(m)  # each epoch visits every example once
        for start in range(0, m, batch_size):
            dw, db = minibatch_gradient(X, y, w, b, order[start : start + batch_size], lambda_)
            w, b = w - alpha * dw, b - alpha * db
            path.append((w.copy(), b))
    return path


# --8<-- [end:minibatch]


# --8<-- [start:decay]
def sgd_step_decay(x, y, w, b, alpha, lambda_, m):
    """One per-example step written as weight decay: shrink w, then the data step."""
    r = sigmoid(x @ w + b) - y
    return (1 - alpha * lambda_ / m) * w - alpha * r * x, b - alpha * r


# --8<-- [end:decay]


# --8<-- [start:demo]
def demo():
    X, y = make_data()  # m = 200 examples
    w, b = np.array([0.5, 0.5]), 0.0
    g_w, g_b = per_example_gradients(X, y, w, b)
    dw, db = gradient(X, y, w, b)
    print(np.allclose(g_w.mean(axis=0), dw), np.isclose(g_b.mean(), db))  # mean = batch
    # > True True
    print(np.allclose(g_w.sum(axis=0), 200 * dw))  # a sum is m times bigger
    # > True
    everything = np.arange(200)  # one batch of all the examples: the batch gradient
    mb_w, _ = minibatch_gradient(X, y, w, b, everything, lambda_=0.7)
    print(np.allclose(mb_w, gradient(X, y, w, b, 0.7)[0]))
    # > True


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
