"""/stochastic-gradient/: per-example, mini-batch and summed gradients, the penalty as weight
decay, and the paths of the page's figure, against finite differences, the batch gradient of
snippets/logreg.py, plain gradient descent and scikit-learn's optimum."""

from __future__ import annotations

import importlib
import sys

import numpy as np
from helpers import ROOT
from logreg import cost, gradient, loss, make_data
from questions.sgd import minibatch_gradient, per_example_gradients, sgd, sgd_step_decay
from sklearn.linear_model import LogisticRegression

EPS = 1e-6
W, B = np.array([0.5, -1.2]), 0.3


def fd_gradient(func, theta):
    return np.array(
        [(func(theta + EPS * e) - func(theta - EPS * e)) / (2 * EPS) for e in np.eye(len(theta))]
    )


def test_per_example_gradients_match_finite_differences():
    X, y = make_data(7, seed=2)
    g_w, g_b = per_example_gradients(X, y, W, B)
    for i in range(7):
        fd = fd_gradient(lambda th, i=i: loss(X[i] @ th[:2] + th[2], y[i]), np.append(W, B))
        np.testing.assert_allclose(np.append(g_w[i], g_b[i]), fd, atol=1e-8)


def test_minibatches_of_a_partition_average_to_the_batch_gradient():
    X, y = make_data(60, seed=4)
    batches = np.random.default_rng(0).permutation(60).reshape(6, 10)
    mean = np.mean([minibatch_gradient(X, y, W, B, idx, 0.9)[0] for idx in batches], axis=0)
    np.testing.assert_allclose(mean, gradient(X, y, W, B, 0.9)[0])


def test_sum_of_losses_has_m_times_the_gradient():
    X, y = make_data(30, seed=1)
    fd = fd_gradient(lambda th: np.sum(loss(X @ th[:2] + th[2], y)), np.append(W, B))
    np.testing.assert_allclose(fd, 30 * np.append(*gradient(X, y, W, B)), rtol=1e-6)


def test_decay_step_is_a_step_on_the_example_share_of_the_regularized_cost():
    X, y = make_data(25, seed=3)
    alpha, lambda_, m, i = 0.3, 2.0, 25, 4

    def share(th):  # R_i: loss of example i plus the whole penalty lambda/(2m) |w|^2
        return loss(X[i] @ th[:2] + th[2], y[i]) + lambda_ / (2 * m) * th[:2] @ th[:2]

    step = np.append(W, B) - alpha * fd_gradient(share, np.append(W, B))
    w1, b1 = sgd_step_decay(X[i], y[i], W, B, alpha, lambda_, m)
    np.testing.assert_allclose(np.append(w1, b1), step, atol=1e-8)
    # the average of the shares is the regularized cost
    shares = [loss(X[k] @ W + B, y[k]) + lambda_ / (2 * m) * W @ W for k in range(m)]
    np.testing.assert_allclose(np.mean(shares), cost(X, y, W, B, lambda_))


def test_full_batch_sgd_is_gradient_descent():
    X, y = make_data(50, seed=6)
    path = sgd(X, y, W, B, 0.5, batch_size=50, epochs=5)
    w, b = W, B
    for k in range(5):
        dw, db = gradient(X, y, w, b)
        w, b = w - 0.5 * dw, b - 0.5 * db
        np.testing.assert_allclose(path[k + 1][0], w)
        assert np.isclose(path[k + 1][1], b)


def test_figure_paths_say_what_the_caption_says():
    sys.path.insert(0, str(ROOT / "scripts" / "figures"))
    fig = importlib.import_module("batch_vs_minibatch")
    X, y = fig.data()
    clf = LogisticRegression(C=1e12, tol=1e-12, max_iter=10_000).fit(X, y)
    optimum = np.array([clf.coef_[0, 0], clf.intercept_[0]])
    batch, mini = fig.paths()
    assert len(batch) - 1 == fig.EPOCHS == 10
    assert len(mini) - 1 == fig.EPOCHS * len(y) // fig.BATCH == 100
    assert np.linalg.norm(batch[-1] - optimum) > 1.0  # still on its way
    last_pass = mini[-len(y) // fig.BATCH :]
    dist = np.linalg.norm(last_pass - optimum, axis=1)
    assert dist.max() < 0.4 and dist.min() > 0  # near the minimum, never settled on it
    assert np.ptp(last_pass, axis=0).max() > 0.05  # still moving
