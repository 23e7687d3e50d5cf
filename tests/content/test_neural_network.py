"""/neural-network/: the two-layer network's backward pass against finite differences, the
output unit against logistic regression (snippets/logreg.py), and the 1/m-twice bug."""

from __future__ import annotations

import numpy as np
from logreg import gradient
from questions.network import (
    backward,
    backward_1_over_m_twice,
    cost,
    forward,
    init,
    numerical_gradient,
    relative_error,
)

RNG = np.random.default_rng(7)
N, H, M = 3, 5, 11
X = RNG.normal(size=(N, M))
Y = (RNG.random((1, M)) < 0.5).astype(float)


def test_backward_matches_finite_differences_and_shapes():
    p = init(N, H, seed=2)
    grads = backward(X, Y, p)
    numeric = numerical_gradient(X, Y, p)
    assert relative_error(grads, numeric) < 1e-7
    for name in p:
        assert grads[name].shape == p[name].shape
        np.testing.assert_allclose(grads[name], numeric[name], atol=1e-7)


def test_output_unit_is_logistic_regression_on_the_hidden_activations():
    """dW2 and db2 are logreg.gradient with the examples in rows: X = A1.T, y = Y[0]."""
    p = init(N, H, seed=3)
    grads = backward(X, Y, p)
    _, A1, _, _ = forward(X, p)
    dw, db = gradient(A1.T, Y[0], p["W2"][0], p["b2"][0, 0])
    np.testing.assert_allclose(grads["W2"][0], dw)
    assert np.isclose(grads["b2"][0, 0], db)


def test_cost_is_the_cross_entropy_of_the_output():
    p = init(N, H, seed=4)
    A2 = forward(X, p)[3]
    expected = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    assert np.isclose(cost(X, Y, p), expected)


def test_one_over_m_twice_is_m_times_too_small():
    p = init(N, H, seed=5)
    twice = backward_1_over_m_twice(X, Y, p)
    numeric = numerical_gradient(X, Y, p)["W2"]
    np.testing.assert_allclose(twice * M, numeric, atol=1e-7)
    assert not np.allclose(twice, numeric, atol=1e-4)
