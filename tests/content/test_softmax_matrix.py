"""/softmax/: the matrix gradient and the multiclass gradient check, against scikit-learn's
multinomial fit, a check that fails for a Jacobian without its off-diagonal terms, and the
two-class reduction to logistic regression (w and b as differences)."""

from __future__ import annotations

import numpy as np
from logreg import sigmoid
from questions.softmax import gradient_check, softmax_cost, softmax_grads, softmax_rows
from sklearn.linear_model import LogisticRegression

RNG = np.random.default_rng(5)
M, N, K = 40, 3, 4
X = RNG.normal(size=(M, N))
LABELS = RNG.integers(0, K, size=M)
Y = np.eye(K)[LABELS]


def test_gradient_check_passes_for_every_entry():
    W, b = RNG.normal(size=(N, K)), RNG.normal(size=K)
    assert gradient_check(X, Y, W, b) < 1e-8


def test_gradient_vanishes_at_scikit_learns_multinomial_fit():
    """scikit-learn minimizes C sum_i L_i + |W|^2 / 2 (intercepts not penalized)."""
    C = 2.0
    clf = LogisticRegression(C=C, tol=1e-12, max_iter=10_000).fit(X, LABELS)
    W, b = clf.coef_.T, clf.intercept_
    dW, db = softmax_grads(X, Y, W, b)
    np.testing.assert_allclose(dW + W / (C * M), 0, atol=1e-7)
    np.testing.assert_allclose(db, 0, atol=1e-7)
    np.testing.assert_allclose(softmax_rows(X @ W + b), clf.predict_proba(X), atol=1e-12)


def test_dropping_the_off_diagonal_terms_gives_another_gradient():
    W, b = RNG.normal(size=(N, K)), RNG.normal(size=K)
    P = softmax_rows(X @ W + b)
    diagonal_only = X.T @ (-(1 - P) * Y) / M  # the l = k term of the chain rule alone
    dW, _ = softmax_grads(X, Y, W, b)
    assert np.abs(diagonal_only - dW).max() > 0.05


def test_two_classes_are_logistic_regression_with_differences():
    W, b = RNG.normal(size=(N, 2)), RNG.normal(size=2)
    w, b0 = W[:, 0] - W[:, 1], b[0] - b[1]
    np.testing.assert_allclose(softmax_rows(X @ W + b)[:, 0], sigmoid(X @ w + b0))
    y = (LABELS % 2 == 0).astype(float)  # class 0 is the positive class
    Y2 = np.stack([y, 1 - y], axis=1)
    from logreg import cost

    assert np.isclose(softmax_cost(X, Y2, W, b), cost(X, y, w, b0))
