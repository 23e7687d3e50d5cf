"""The three data-matrix conventions of the matrix page (snippets/questions/conventions.py) and
the one-liners it and /mistakes/ say go wrong: the same numbers as snippets/logreg.py on the same
data laid out three ways, and each wrong line failing the way the page says."""

from __future__ import annotations

import numpy as np
import pytest
from logreg import gradient, make_data, sigmoid
from questions import conventions as cv
from questions import mistakes as mk

X, Y = make_data(30, seed=4)  # examples in rows: (m, n) = (30, 2)
W, B = np.array([0.7, -0.3]), -0.2
DW, DB = gradient(X, Y, W, B)


def test_examples_in_rows():
    dw, db = cv.gradient_examples_in_rows(X, Y, W, B)
    assert dw.shape == W.shape
    np.testing.assert_allclose(dw, DW)
    assert db == pytest.approx(DB)


@pytest.mark.parametrize("layout", [cv.gradient_examples_in_columns, cv.gradient_features_in_rows])
def test_examples_in_columns_under_either_letters(layout):
    dw, db = layout(X.T, Y[None, :], W[:, None], B)
    assert dw.shape == (len(W), 1)
    np.testing.assert_allclose(dw[:, 0], DW)
    assert db == pytest.approx(DB)


def test_a_square_data_matrix_hides_the_wrong_transpose():
    """The page: with examples in rows, X @ (f - y) is a shape error unless X is square, and
    then it is wrong numbers with no error."""
    Xs, ys = X[:2], Y[:2]
    f = sigmoid(Xs @ W + B)
    wrong = Xs @ (f - ys) / 2
    assert wrong.shape == W.shape
    assert not np.allclose(wrong, gradient(Xs, ys, W, B)[0])
    with pytest.raises(ValueError):
        X @ (sigmoid(X @ W + B) - Y)


def test_a_full_sum_collapses_the_gradient_to_a_number():
    A = sigmoid(W @ X.T + B)[None, :]
    collapsed = np.sum(X.T * (A - Y[None, :])) / len(Y)
    assert np.ndim(collapsed) == 0 and collapsed == pytest.approx(DW.sum())


def test_a_column_minus_a_flat_array_makes_the_weights_a_matrix():
    m, n = X.shape
    right = mk.gradient_one_shape(X, Y, W[:, None], B)
    assert right.shape == (n, 1)
    np.testing.assert_allclose(right[:, 0], DW)
    assert mk.gradient_mixed_shapes(X, Y, W[:, None], B).shape == (n, m)
    row = mk.dw_row(X.T, Y[None, :], W[:, None], B)
    assert row.shape == (1, n)
    np.testing.assert_allclose(row[0], DW)
    assert (W[:, None] - 0.1 * row).shape == (n, n)
