"""/weighted-loss/: the weighted cost and gradient against finite differences and scikit-learn
(sample_weight, class_weight="balanced", C), and the scaling of all weights with and without a
penalty."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from logreg import cost, gradient
from questions.weighted import (
    balanced_weights,
    make_imbalanced_data,
    sklearn_weighted,
    weighted_cost,
    weighted_gradient,
)
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_sample_weight

X, Y = make_imbalanced_data()
S = np.random.default_rng(3).uniform(0.2, 3.0, size=len(Y))


def test_weighted_gradient_matches_finite_differences():
    w, b, lam, eps = np.array([0.7, -0.4]), -1.1, 1.5, 1e-6
    theta = np.append(w, b)

    def J(th):
        return weighted_cost(X, Y, th[:2], th[2], S, lam)

    fd = [(J(theta + eps * e) - J(theta - eps * e)) / (2 * eps) for e in np.eye(3)]
    np.testing.assert_allclose(np.append(*weighted_gradient(X, Y, w, b, S, lam)), fd, atol=1e-8)


def test_unit_weights_are_the_unweighted_cost_and_gradient():
    w, b, ones = np.array([0.3, 0.2]), 0.5, np.ones(len(Y))
    assert weighted_cost(X, Y, w, b, ones, 0.8) == pytest.approx(cost(X, Y, w, b, 0.8))
    ours, theirs = weighted_gradient(X, Y, w, b, ones, 0.8), gradient(X, Y, w, b, 0.8)
    np.testing.assert_allclose(np.append(*ours), np.append(*theirs))


def test_gradient_vanishes_at_scikit_learns_weighted_fit():
    for lam in (0.5, 4.0):
        w, b = sklearn_weighted(X, Y, S, lam)
        assert np.abs(np.append(*weighted_gradient(X, Y, w, b, S, lam))).max() < 1e-7


def test_balanced_weights_are_scikit_learns_and_give_the_same_model():
    s = balanced_weights(Y)
    np.testing.assert_allclose(s, compute_sample_weight("balanced", Y))
    assert s[Y == 1].sum() == pytest.approx(len(Y) / 2) == s[Y == 0].sum()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        clf = LogisticRegression(C=0.5, class_weight="balanced", tol=1e-12).fit(X, Y)
    w, b = sklearn_weighted(X, Y, s, 2.0)
    np.testing.assert_allclose(clf.coef_[0], w, atol=1e-6)
    assert clf.intercept_[0] == pytest.approx(b, abs=1e-6)


def test_scaling_all_weights_is_dividing_lambda_not_a_no_op():
    w1, b1 = sklearn_weighted(X, Y, S, 2.0)
    w10, b10 = sklearn_weighted(X, Y, 10 * S, 2.0)
    assert np.abs(w10 - w1).max() > 0.05  # another model
    w_div, b_div = sklearn_weighted(X, Y, S, 0.2)  # lambda / 10
    np.testing.assert_allclose(w10, w_div, atol=1e-6)
    # without a penalty a common factor changes nothing: the same stationary point
    w, b = w_div, b_div
    g1 = weighted_gradient(X, Y, w, b, S)
    g10 = weighted_gradient(X, Y, w, b, 10 * S)
    np.testing.assert_allclose(np.append(*g10), 10 * np.append(*g1), rtol=1e-12, atol=1e-15)
