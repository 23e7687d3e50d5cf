"""/l1-regularization/: soft-thresholding, the proximal gradient method and subgradient descent,
against the optimality conditions of the L1 problem, finite differences and scikit-learn's L1
and elastic-net solvers (saga, liblinear)."""

from __future__ import annotations

import numpy as np
import pytest
from logreg import cost, gradient
from questions.l1 import (
    make_sparse_data,
    proximal_gradient,
    sklearn_l1,
    soft_threshold,
    subgradient_descent,
)

LAMBDA = 30.0


@pytest.fixture(scope="module")
def data():
    return make_sparse_data()


@pytest.fixture(scope="module")
def prox_solution(data):
    X, y = data
    return proximal_gradient(X, y, np.full(5, 0.1), 0.0, 0.5, LAMBDA, 3000)


def test_soft_threshold_minimizes_its_one_weight_problem():
    us = np.linspace(-4, 4, 80001)
    for v in (-2.5, -0.3, 0.0, 0.2, 1.7):
        for t in (0.0, 0.5, 1.0):
            best = us[np.argmin(0.5 * (us - v) ** 2 + t * np.abs(us))]
            assert soft_threshold(v, t) == pytest.approx(best, abs=1e-4)


def test_proximal_solution_satisfies_the_l1_optimality_conditions(data, prox_solution):
    X, y = data
    w, b = prox_solution
    m = len(y)
    dw, db = gradient(X, y, w, b)
    assert abs(db) < 1e-9
    zero = w == 0.0
    assert zero.tolist() == [False, False, True, True, True]
    np.testing.assert_allclose(dw[~zero], -(LAMBDA / m) * np.sign(w[~zero]), atol=1e-9)
    assert np.all(np.abs(dw[zero]) <= LAMBDA / m)  # the subgradient at 0 can cancel it


def test_proximal_solution_is_scikit_learns(data, prox_solution):
    X, y = data
    w, b = prox_solution
    w_saga, b_saga = sklearn_l1(X, y, LAMBDA)
    np.testing.assert_allclose(w, w_saga, atol=1e-6)
    assert b == pytest.approx(b_saga, abs=1e-6)
    assert np.array_equal(w == 0, w_saga == 0)
    w_lib, b_lib = sklearn_l1(X, y, LAMBDA, "liblinear", intercept_scaling=1e4)
    np.testing.assert_allclose(w, w_lib, atol=1e-3)
    w_lib1, b_lib1 = sklearn_l1(X, y, LAMBDA, "liblinear")  # the intercept is penalized
    assert b_lib1 == 0.0 and np.abs(w_lib1 - w).max() > 0.01


def test_subgradient_descent_gets_near_but_has_no_zeros(data, prox_solution):
    X, y = data
    w_sub, b_sub = subgradient_descent(X, y, np.full(5, 0.1), 0.0, 0.5, LAMBDA, 3000)
    assert np.count_nonzero(w_sub == 0.0) == 0
    m = len(y)

    def J(w, b):
        return cost(X, y, w, b) + LAMBDA / m * np.abs(w).sum()

    assert J(w_sub, b_sub) - J(*prox_solution) < 1e-2  # close in cost, not sparse
    assert J(w_sub, b_sub) > J(*prox_solution)


def test_subgradient_away_from_zero_matches_finite_differences(data):
    X, y = data
    m, w, b, eps = len(y), np.array([0.4, -0.3, 0.2, -0.1, 0.5]), 0.1, 1e-6
    dw, _ = gradient(X, y, w, b)
    fd = []
    for e in np.eye(5):
        plus = cost(X, y, w + eps * e, b) + LAMBDA / m * np.abs(w + eps * e).sum()
        minus = cost(X, y, w - eps * e, b) + LAMBDA / m * np.abs(w - eps * e).sum()
        fd.append((plus - minus) / (2 * eps))
    np.testing.assert_allclose(dw + LAMBDA / m * np.sign(w), fd, atol=1e-7)


def test_elastic_net_matches_scikit_learn(data):
    from sklearn.linear_model import LogisticRegression

    X, y = data
    l1, l2 = 20.0, 10.0
    w, b = proximal_gradient(X, y, np.full(5, 0.1), 0.0, 0.5, l1, 4000, lambda2=l2)
    clf = LogisticRegression(
        l1_ratio=l1 / (l1 + l2), C=1 / (l1 + l2), solver="saga", tol=1e-10, max_iter=100_000
    ).fit(X, y)
    np.testing.assert_allclose(w, clf.coef_[0], atol=1e-6)
    assert b == pytest.approx(clf.intercept_[0], abs=1e-6)
