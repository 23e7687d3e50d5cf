"""Property tests (hypothesis) for snippets/logreg.py: identities and invariances that must hold
for every input, not only for the examples someone thought of."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from logreg import cost, gradient, hessian, log1pexp, loss, sigmoid

settings.register_profile("logreg", max_examples=60, deadline=None)
settings.load_profile("logreg")

finite = st.floats(allow_nan=False, allow_infinity=False)
logits = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)
ELEMENT = st.floats(min_value=-5, max_value=5, allow_nan=False)


@st.composite
def problems(draw, max_m=12, max_n=4):
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    X = draw(hnp.arrays(np.float64, (m, n), elements=ELEMENT))
    y = draw(hnp.arrays(np.float64, (m,), elements=st.sampled_from([0.0, 1.0])))
    w = draw(hnp.arrays(np.float64, (n,), elements=st.floats(-3, 3)))
    b = draw(st.floats(-3, 3))
    lambda_ = draw(st.sampled_from([0.0, 0.1, 1.0, 10.0]))
    return X, y, w, b, lambda_


def close(a, b, rtol=1e-12, atol=1e-14):
    np.testing.assert_allclose(a, b, rtol=rtol, atol=atol)


# ---------------------------------------------------------------- sigmoid and log1pexp


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=finite))
def test_sigmoid_keeps_shape_and_stays_in_unit_interval(z):
    s = sigmoid(z)
    assert np.shape(s) == z.shape
    assert np.all((s >= 0) & (s <= 1))


@given(finite)
def test_sigmoid_symmetry(z):
    # sigma(-z) = 1 - sigma(z), up to the rounding of the two sigmoids (a few ulps of 1)
    assert abs(sigmoid(-z) - (1 - sigmoid(z))) <= 2**-51


@given(hnp.arrays(np.float64, st.integers(2, 20), elements=finite))
def test_sigmoid_is_monotone(z):
    z = np.sort(z)
    assert np.all(np.diff(sigmoid(z)) >= 0)


@given(st.floats(min_value=-700, max_value=700))
def test_log1pexp_is_log_of_one_plus_exp(x):
    close(log1pexp(x), np.log1p(np.exp(x)), rtol=1e-14, atol=0)


@given(st.floats(min_value=-1e300, max_value=1e300))
def test_softplus_difference_is_identity(x):
    # log(1 + e^x) - log(1 + e^-x) = x
    assert abs((log1pexp(x) - log1pexp(-x)) - x) <= 4 * np.spacing(max(abs(x), 1.0))


@given(logits, st.sampled_from([0.0, 1.0]))
def test_loss_is_nonnegative_finite_and_label_symmetric(z, y):
    L = loss(z, y)
    assert np.isfinite(L) and L >= 0
    assert loss(-z, 1 - y) == L  # flipping the label and the sign of z is the same example


# ---------------------------------------------------------------- cost, gradient, hessian


@given(problems())
def test_shapes_and_types(p):
    X, y, w, b, lambda_ = p
    m, n = X.shape
    J = cost(X, y, w, b, lambda_)
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)
    assert isinstance(J, float) and np.isfinite(J) and J >= 0
    assert dj_dw.shape == (n,) and isinstance(dj_db, float)
    assert hessian(X, w, b, lambda_).shape == (n + 1, n + 1)


@given(problems(), st.randoms(use_true_random=False))
def test_permuting_examples_changes_nothing(p, rnd):
    X, y, w, b, lambda_ = p
    order = list(range(X.shape[0]))
    rnd.shuffle(order)
    close(cost(X[order], y[order], w, b, lambda_), cost(X, y, w, b, lambda_))
    g1, g2 = gradient(X[order], y[order], w, b, lambda_), gradient(X, y, w, b, lambda_)
    close(g1[0], g2[0])
    close(g1[1], g2[1])
    close(hessian(X[order], w, b, lambda_), hessian(X, w, b, lambda_))


@given(problems())
def test_duplicating_the_data_with_twice_the_lambda_changes_nothing(p):
    # J averages the losses, and its penalty is lambda_/(2m): doubling m needs doubling lambda_
    X, y, w, b, lambda_ = p
    X2, y2 = np.vstack([X, X]), np.concatenate([y, y])
    close(cost(X2, y2, w, b, 2 * lambda_), cost(X, y, w, b, lambda_))
    g1, g2 = gradient(X2, y2, w, b, 2 * lambda_), gradient(X, y, w, b, lambda_)
    close(g1[0], g2[0])
    close(g1[1], g2[1])
    close(hessian(X2, w, b, 2 * lambda_), hessian(X, w, b, lambda_))


@given(problems())
def test_flipping_labels_and_parameters(p):
    # y -> 1 - y with (w, b) -> (-w, -b) is the same model: J equal, gradient negated
    X, y, w, b, lambda_ = p
    close(cost(X, 1 - y, -w, -b, lambda_), cost(X, y, w, b, lambda_))
    g1, g2 = gradient(X, 1 - y, -w, -b, lambda_), gradient(X, y, w, b, lambda_)
    close(g1[0], -g2[0])
    close(g1[1], -g2[1])


@given(problems())
def test_hessian_is_symmetric_positive_semidefinite(p):
    X, y, w, b, lambda_ = p
    H = hessian(X, w, b, lambda_)
    close(H, H.T, atol=1e-15)
    assert np.linalg.eigvalsh(H).min() >= -1e-12 * max(1.0, np.abs(H).max())


@given(problems(), st.floats(-1, 1), st.floats(-1, 1))
def test_cost_is_convex_along_a_line(p, t, s):
    # J(mid) <= average of J at the ends (convexity, up to rounding)
    X, y, w, b, lambda_ = p
    d = np.ones_like(w)
    a = (w + t * d, b + t)
    c = (w + s * d, b + s)
    mid = ((a[0] + c[0]) / 2, (a[1] + c[1]) / 2)
    J_mid = cost(X, y, *mid, lambda_)
    bound = (cost(X, y, *a, lambda_) + cost(X, y, *c, lambda_)) / 2
    assert J_mid <= bound + 1e-12 * max(1.0, bound)


@given(problems())
def test_gradient_matches_per_example_sum(p):
    # the definition: dJ/dw = (1/m) sum_i (f_i - y_i) x_i + (lambda_/m) w, written out
    X, y, w, b, lambda_ = p
    m = X.shape[0]
    f = 1 / (1 + np.exp(-(X @ w + b)))
    terms = [(f_i - y_i) * np.append(x_i, 1.0) for x_i, f_i, y_i in zip(X, f, y, strict=True)]
    expected = np.sum(terms, axis=0) / m + np.append(lambda_ / m * w, 0.0)
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)
    close(np.append(dj_dw, dj_db), expected, rtol=1e-10, atol=1e-13)
