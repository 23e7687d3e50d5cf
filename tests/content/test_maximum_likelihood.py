"""/maximum-likelihood/: the likelihood, its log and the {-1, +1} coding against independent
computations (scikit-learn's log_loss, finite differences)."""

from __future__ import annotations

import numpy as np
from logreg import loss, make_data, sigmoid
from questions.likelihood import gradient_pm_one, likelihood, log_likelihood, loss_pm_one
from sklearn.metrics import log_loss

W, B = np.array([1.5, -0.5]), 0.2


def test_log_likelihood_is_minus_sklearn_log_loss_summed():
    X, y = make_data(2000)
    f = sigmoid(X @ W + B)
    expected = -log_loss(y, f, normalize=False)
    np.testing.assert_allclose(log_likelihood(X, y, W, B), expected, rtol=1e-12)
    assert round(expected, 2) == -903.44  # the number printed on the page


def test_product_underflows_but_matches_its_log_for_few_examples():
    X, y = make_data(2000)
    assert likelihood(X, y, W, B) == 0.0
    X, y = make_data(30)
    np.testing.assert_allclose(np.log(likelihood(X, y, W, B)), log_likelihood(X, y, W, B))


def test_pm_one_loss_is_the_cross_entropy():
    z = np.linspace(-40, 40, 81)
    for y in (0.0, 1.0):
        np.testing.assert_allclose(loss_pm_one(z, 2 * y - 1), loss(z, np.full_like(z, y)))


def test_pm_one_gradient_matches_finite_differences():
    X, y = make_data(40, seed=5)
    t = 2 * y - 1
    theta = np.append(W, B)

    def mean_loss(th):
        return np.mean(loss_pm_one(X @ th[:2] + th[2], t))

    eps = 1e-6
    fd = [(mean_loss(theta + eps * e) - mean_loss(theta - eps * e)) / (2 * eps) for e in np.eye(3)]
    dw, db = gradient_pm_one(X, t, W, B)
    np.testing.assert_allclose(np.append(dw, db), fd, atol=1e-8)
