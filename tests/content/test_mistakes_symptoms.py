"""The symptom sections added to /mistakes/: each right snippet against snippets/logreg.py, each
wrong one showing the symptom its heading names."""

from __future__ import annotations

import numpy as np
from logreg import cost, gradient, make_data, sigmoid
from questions import mistakes as mk

X, Y = make_data(60, seed=9)
W, B = np.array([0.6, -0.8]), 0.25


def test_negative_cost():
    f = sigmoid(X @ W + B)
    assert np.isclose(mk.cost_right(f, Y), cost(X, Y, W, B)) and mk.cost_right(f, Y) > 0
    assert np.isclose(mk.cost_negative(f, Y), -cost(X, Y, W, B)) and mk.cost_negative(f, Y) < 0


def test_scalar_gradient():
    right = mk.gradient_vector(X, Y, W, B)
    np.testing.assert_allclose(right, gradient(X, Y, W, B)[0])
    wrong = mk.gradient_scalar(X, Y, W, B)
    assert np.ndim(wrong) == 0 and np.isclose(wrong, right.sum())


def test_one_over_m_twice():
    np.testing.assert_allclose(mk.dw_once(X, Y, W, B), gradient(X, Y, W, B)[0])
    np.testing.assert_allclose(mk.dw_twice(X, Y, W, B) * len(Y), gradient(X, Y, W, B)[0])


def test_theta_form_leaves_the_intercept_unpenalized():
    X1 = np.hstack([np.ones((len(Y), 1)), X])
    theta, lam = np.append(B, W), 3.0
    dw, db = gradient(X, Y, W, B, lam)  # b is not penalized there
    np.testing.assert_allclose(mk.theta_gradient_right(X1, Y, theta, lam), np.append(db, dw))
    wrong = mk.theta_gradient_wrong(X1, Y, theta, lam)
    np.testing.assert_allclose(wrong[1:], dw)
    assert np.isclose(wrong[0], db + lam / len(Y) * B) and not np.isclose(wrong[0], db)
