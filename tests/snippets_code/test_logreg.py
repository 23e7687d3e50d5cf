"""snippets/logreg.py against independent oracles.

Oracles: 4th-order finite differences, SymPy, scikit-learn (public API; private loss classes
only under a pinned version), mpmath at 50 digits, and the outputs printed in the Machine
Learning Specialization's optional labs. No expected value here was produced by logreg itself.
"""

import warnings

import logreg
import mpmath
import numpy as np
import pytest
import sklearn
import sympy as sp
from logreg import cost, gradient, hessian, log1pexp, loss, predict_proba, sigmoid
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

mpmath.mp.dps = 50


def random_problem(seed, m=30, n=4, scale=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * scale
    y = (rng.random(m) < 0.5).astype(float)
    w = rng.normal(size=n)
    b = float(rng.normal())
    return X, y, w, b


def params_vector(w, b):
    return np.append(w, b)


# ---------------------------------------------------------------- the contract: types, shapes


def test_return_types_and_shapes():
    X, y, w, b = random_problem(0, m=7, n=3)
    J = cost(X, y, w, b, 0.3)
    dj_dw, dj_db = gradient(X, y, w, b, 0.3)
    H = hessian(X, w, b, 0.3)
    assert type(J) is float
    assert isinstance(dj_dw, np.ndarray) and dj_dw.shape == (3,) and dj_dw.dtype == np.float64
    assert type(dj_db) is float
    assert H.shape == (4, 4)
    np.testing.assert_allclose(H, H.T, rtol=0, atol=1e-15)
    assert predict_proba(X, w, b).shape == (7,)


def test_accepts_lists_ints_and_bools():
    X = [[1, 2], [3, 4], [5, 7]]
    y = [True, False, True]
    J = cost(X, y, [0, 0], 0)
    assert J == pytest.approx(np.log(2), rel=1e-15)
    dj_dw, dj_db = gradient(X, y, [0, 0], 0)
    # at w = 0, b = 0: f = 1/2 everywhere, so the gradient is mean((1/2 - y) x)
    expected_dw = np.mean((0.5 - np.array([1, 0, 1]))[:, None] * np.array(X), axis=0)
    np.testing.assert_allclose(dj_dw, expected_dw, rtol=1e-15)
    assert dj_db == pytest.approx(0.5 - 2 / 3, rel=1e-15)


def test_sigmoid_scalar_and_array():
    assert sigmoid(0) == 0.5
    assert isinstance(sigmoid(0.0), float)
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)
    assert log1pexp(np.zeros((2, 3))).shape == (2, 3)
    assert log1pexp(0.0) == pytest.approx(np.log(2), rel=1e-16)


def test_b_is_not_regularized():
    X, y, w, b = random_problem(1, m=10, n=3)
    lam, m = 2.5, 10
    assert cost(X, y, w, b, lam) - cost(X, y, w, b) == pytest.approx(lam / (2 * m) * (w @ w))
    g0, g1 = gradient(X, y, w, b), gradient(X, y, w, b, lam)
    np.testing.assert_allclose(g1[0] - g0[0], lam / m * w, rtol=1e-12)
    assert g1[1] == g0[1]
    H0, H1 = hessian(X, w, b), hessian(X, w, b, lam)
    np.testing.assert_allclose(H1 - H0, np.diag([lam / m] * 3 + [0.0]), atol=1e-15)


# ---------------------------------------------------------------- 4th-order finite differences


def fd4(f, x, h):
    """4th-order central difference of f at x along each coordinate (f returns array or float)."""
    out = []
    for k in range(x.size):
        e = np.zeros_like(x)
        e[k] = h
        out.append((-f(x + 2 * e) + 8 * f(x + e) - 8 * f(x - e) + f(x - 2 * e)) / (12 * h))
    return np.array(out)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lambda_", [0.0, 0.7, 10.0])
def test_gradient_matches_finite_differences_of_cost(seed, lambda_):
    X, y, w, b = random_problem(seed, scale=1.5)

    def J(p):
        return cost(X, y, p[:-1], p[-1], lambda_)

    numeric = fd4(J, params_vector(w, b), h=1e-3)
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)
    np.testing.assert_allclose(params_vector(dj_dw, dj_db), numeric, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("lambda_", [0.0, 3.0])
def test_hessian_matches_finite_differences_of_gradient(seed, lambda_):
    X, y, w, b = random_problem(seed, scale=1.5)

    def g(p):
        dj_dw, dj_db = gradient(X, y, p[:-1], p[-1], lambda_)
        return params_vector(dj_dw, dj_db)

    numeric = fd4(g, params_vector(w, b), h=1e-3)  # row k = d(gradient)/d p_k
    np.testing.assert_allclose(hessian(X, w, b, lambda_), numeric, rtol=1e-8, atol=1e-10)


def test_gradient_at_extreme_logits_matches_finite_differences():
    # |z| around 30-60: the regime where a naive log(f) breaks.
    X, y, w, b = random_problem(5, m=12, n=3, scale=20.0)

    def J(p):
        return cost(X, y, p[:-1], p[-1])

    numeric = fd4(J, params_vector(w, b), h=1e-4)
    np.testing.assert_allclose(params_vector(*gradient(X, y, w, b)), numeric, rtol=1e-7, atol=1e-9)


# ---------------------------------------------------------------- SymPy


def test_cost_gradient_hessian_match_sympy():
    X_ = [[sp.Rational(1, 2), sp.Integer(-2)], [sp.Integer(3), sp.Rational(1, 4)], [-1, 1]]
    y_ = [1, 0, 1]
    w1, w2, bb, lam = sp.symbols("w1 w2 b lambda", real=True)
    m = 3
    J = 0
    for (x1, x2), yi in zip(X_, y_, strict=True):
        f = 1 / (1 + sp.exp(-(w1 * x1 + w2 * x2 + bb)))
        J += (-yi * sp.log(f) - (1 - yi) * sp.log(1 - f)) / m
    J += lam / (2 * m) * (w1**2 + w2**2)
    variables = [w1, w2, bb]
    point = {w1: sp.Rational(3, 10), w2: sp.Rational(-7, 10), bb: sp.Rational(1, 5), lam: 2}

    def ev(expr):
        return float(sp.N(expr.subs(point), 30))

    X = np.array(X_, dtype=float)
    y = np.array(y_, dtype=float)
    w, b = np.array([0.3, -0.7]), 0.2
    assert cost(X, y, w, b, 2.0) == pytest.approx(ev(J), rel=1e-14)
    dj_dw, dj_db = gradient(X, y, w, b, 2.0)
    expected = [ev(sp.diff(J, v)) for v in variables]
    np.testing.assert_allclose(params_vector(dj_dw, dj_db), expected, rtol=1e-13)
    H_expected = [[ev(sp.diff(J, u, v)) for v in variables] for u in variables]
    np.testing.assert_allclose(hessian(X, w, b, 2.0), H_expected, rtol=1e-13)


def test_sigmoid_derivative_identity_sympy():
    z = sp.symbols("z", real=True)
    s = 1 / (1 + sp.exp(-z))
    assert sp.simplify(sp.diff(s, z) - s * (1 - s)) == 0
    # and the Hessian's weight s(1-s) = sigmoid(z) * sigmoid(-z), as logreg computes it
    assert sp.simplify(s * (1 - s) - s * s.subs(z, -z)) == 0


# ---------------------------------------------------------------- published course values


def test_values_printed_in_the_course_labs():
    # Machine Learning Specialization, course 1 week 3 optional labs (cost function, gradient
    # descent, regularization): the expected outputs printed in the notebooks.
    X = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
    y = np.array([0, 0, 0, 1, 1, 1])
    assert cost(X, y, np.array([1.0, 1.0]), -3) == pytest.approx(0.36686678640551745, rel=1e-14)
    assert cost(X, y, np.array([1.0, 1.0]), -4) == pytest.approx(0.5036808636748461, rel=1e-14)
    dj_dw, dj_db = gradient(X, y, np.array([2.0, 3.0]), 1.0)
    assert dj_db == pytest.approx(0.49861806546328574, rel=1e-14)
    np.testing.assert_allclose(dj_dw, [0.498333393278696, 0.49883942983996693], rtol=1e-14)
    rng = np.random.RandomState(1)
    X = rng.rand(5, 6)
    w = rng.rand(6) - 0.5
    J = cost(X, np.array([0, 1, 0, 1, 0]), w, 0.5, 0.7)
    assert J == pytest.approx(0.6850849138741673, rel=1e-14)


# ---------------------------------------------------------------- scikit-learn, public API


@pytest.mark.parametrize("seed", range(3))
def test_cost_matches_sklearn_log_loss(seed):
    X, y, w, b = random_problem(seed, m=50, n=3)
    p = 1 / (1 + np.exp(-(X @ w + b)))  # moderate logits: log_loss's clipping is not reached
    assert cost(X, y, w, b) == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-12)


def sklearn_data(seed, m=200, n=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    w_true = rng.normal(size=n)
    y = (rng.random(m) < 1 / (1 + np.exp(-(X @ w_true + 0.3)))).astype(float)
    return X, y


@pytest.mark.parametrize("lambda_", [0.0, 0.1, 5.0, 50.0])
def test_gradient_is_zero_at_sklearn_optimum(lambda_):
    """sklearn minimizes sum(L) + ||w||^2 / (2C) (1.9 computes mean(L) + ||w||^2 / (2 C m): the
    same minimizer), so J = mean(L) + lambda_/(2m) ||w||^2 has the same optimum when C = 1/lambda_.
    """
    X, y = sklearn_data(1)
    C = np.inf if lambda_ == 0 else 1 / lambda_
    clf = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)
    w, b = clf.coef_.ravel(), float(clf.intercept_[0])
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)
    assert np.linalg.norm(params_vector(dj_dw, dj_db)) < 1e-9
    if lambda_ > 0:
        # the test can tell a wrong mapping apart: with C = m/lambda_ the gradient is not 0
        dj_dw, _ = gradient(X, y, w, b, lambda_ / X.shape[0])
        assert np.linalg.norm(dj_dw) > 1e-4


def test_predict_proba_matches_sklearn():
    X, y = sklearn_data(2)
    clf = LogisticRegression(C=1.0).fit(X, y)
    p = predict_proba(X, clf.coef_.ravel(), float(clf.intercept_[0]))
    np.testing.assert_allclose(p, clf.predict_proba(X)[:, 1], rtol=1e-12)


# ---------------------------------------------------------------- scikit-learn, private classes

SKLEARN_PINNED = sklearn.__version__.startswith("1.9.")


@pytest.mark.skipif(not SKLEARN_PINNED, reason="private sklearn loss API checked on 1.9.x only")
@pytest.mark.parametrize("lambda_", [0.0, 2.0])
def test_matches_sklearn_linear_model_loss(lambda_):
    from sklearn._loss.loss import HalfBinomialLoss
    from sklearn.linear_model._linear_loss import LinearModelLoss

    X, y, w, b = random_problem(3, m=40, n=5)
    m = X.shape[0]
    lml = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)
    # 1.9: loss_gradient returns mean(loss) + l2_reg_strength/2 ||w||^2
    J, grad = lml.loss_gradient(np.append(w, b), X, y, l2_reg_strength=lambda_ / m)
    assert cost(X, y, w, b, lambda_) == pytest.approx(J, rel=1e-13)
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)
    np.testing.assert_allclose(params_vector(dj_dw, dj_db), grad, rtol=1e-12, atol=1e-15)
    # sklearn's gradient_hessian_product, applied to each unit vector, gives the Hessian
    _, hessp = lml.gradient_hessian_product(np.append(w, b), X, y, l2_reg_strength=lambda_ / m)
    H = np.column_stack([hessp(e) for e in np.eye(X.shape[1] + 1)])
    np.testing.assert_allclose(hessian(X, w, b, lambda_), H, rtol=1e-12, atol=1e-15)


@pytest.mark.skipif(not SKLEARN_PINNED, reason="private sklearn loss API checked on 1.9.x only")
def test_per_example_loss_matches_sklearn_half_binomial():
    from sklearn._loss.loss import HalfBinomialLoss

    z = np.linspace(-30, 30, 121)
    for label in (0.0, 1.0):
        y = np.full_like(z, label)
        expected = HalfBinomialLoss().loss(y_true=y, raw_prediction=z)
        # sklearn subtracts y*z, so it loses relative accuracy where the loss is tiny:
        # compare with an absolute tolerance there
        np.testing.assert_allclose(loss(z, y), expected, rtol=1e-13, atol=1e-14)


# ---------------------------------------------------------------- extreme logits vs mpmath

CUTOFFS = [-37.0, -2.0, 18.0, 33.3]
EXTREME_Z = sorted(
    {z for c in CUTOFFS for z in (c, np.nextafter(c, -np.inf), np.nextafter(c, np.inf), c - 1e-6)}
    | {c + 1e-6 for c in CUTOFFS}
    | {-1e4, -1000.0, -745.0, -740.0, -709.0, -100.0, -40.0, -36.0, -19.0, -1e-10, 0.0}
    | {1e-10, 0.5, 19.0, 36.0, 37.0, 40.0, 100.0, 709.0, 740.0, 745.0, 1000.0, 1e4}
)


def mp_log1pexp(x):
    return mpmath.log1p(mpmath.exp(mpmath.mpf(float(x))))


def mp_sigmoid(z):
    return 1 / (1 + mpmath.exp(-mpmath.mpf(float(z))))


def assert_close_to_mp(ours, exact, rtol=4e-16):
    """Relative error within rtol, except in the subnormal range (absolute error < 1 ulp)."""
    exact_f = float(exact)
    tiny = 2.0**-1022
    assert abs(mpmath.mpf(float(ours)) - exact) <= rtol * abs(exact) + tiny * 2.0**-51, (
        ours,
        exact_f,
    )


@pytest.mark.parametrize("x", EXTREME_Z)
def test_log1pexp_against_mpmath(x):
    assert_close_to_mp(log1pexp(x), mp_log1pexp(x), rtol=1e-15)


@pytest.mark.parametrize("z", EXTREME_Z)
def test_loss_against_mpmath(z):
    # L(z, y=1) = log(1 + exp(-z)), L(z, y=0) = log(1 + exp(z))
    assert_close_to_mp(loss(z, 1.0), mp_log1pexp(-z), rtol=1e-15)
    assert_close_to_mp(loss(z, 0.0), mp_log1pexp(z), rtol=1e-15)


@pytest.mark.parametrize("z", EXTREME_Z)
def test_sigmoid_against_mpmath(z):
    assert_close_to_mp(sigmoid(z), mp_sigmoid(z), rtol=4e-16)
    assert 0.0 <= sigmoid(z) <= 1.0


def test_cost_where_the_loss_is_tiny():
    exact = float(mp_log1pexp(-40))  # about 4.25e-18
    assert cost(np.array([[1.0]]), np.array([1]), np.array([40.0]), 0.0) == pytest.approx(
        exact, rel=1e-15
    )
    assert 4.2e-18 < exact < 4.3e-18


def test_no_warning_and_finite_at_huge_logits():
    X = np.array([[1.0], [-1.0], [1.0], [-1.0]])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every warning, not only RuntimeWarning
        for w in (1e4, 1e6, 1e300):
            J = cost(X, y, np.array([w]), 0.0)
            assert J == pytest.approx(w / 2, rel=1e-15)  # two examples with loss w, two with ~0
            dj_dw, dj_db = gradient(X, y, np.array([w]), 0.0)
            assert np.isfinite(dj_dw).all() and np.isfinite(dj_db)
            # f = 1, 0, 1, 0 so f - y = 0, -1, 1, 0 and X.T @ (f - y) / m = (1 + 1) / 4
            np.testing.assert_allclose(dj_dw, [0.5])
            assert dj_db == 0.0
            assert np.isfinite(hessian(X, np.array([w]), 0.0)).all()
        s = sigmoid(np.array([-1e308, -1e4, -800.0, 800.0, 1e4, 1e308]))
        np.testing.assert_array_equal(s, [0, 0, 0, 1, 1, 1])


# ---------------------------------------------------------------- bad input

X0 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
Y0 = np.array([0.0, 1.0, 1.0])
W0 = np.array([0.5, -0.5])


def with_nan(a, index, value=np.nan):
    a = np.array(a, dtype=float)
    a[index] = value
    return a


BAD_INPUTS = {
    "X 1-D": (dict(X=np.ones(3)), r"X must be 2-D.*1-D"),
    "X 3-D": (dict(X=np.ones((3, 2, 1))), r"X must be 2-D.*3-D"),
    "X not numeric": (dict(X=[["a", "b"]] * 3), r"X must be numeric"),
    "no examples": (dict(X=np.ones((0, 2)), y=np.ones(0)), r"no examples \(m = 0"),
    "y too short": (dict(y=np.array([0.0, 1.0])), r"y must have shape \(m,\) = \(3,\).*\(2,\)"),
    "y column": (dict(y=Y0.reshape(-1, 1)), r"y must have shape \(m,\).*\(3, 1\)"),
    "y labels -1/1": (dict(y=np.array([-1.0, 1.0, 1.0])), r"labels 0 and 1, found \[-1.0\]"),
    "y label 2": (dict(y=np.array([0, 2, 1])), r"labels 0 and 1, found \[2.0\]"),
    "y probability": (dict(y=np.array([0.0, 0.5, 1.0])), r"labels 0 and 1, found \[0.5\]"),
    "y NaN": (dict(y=with_nan(Y0, 1)), r"y contains NaN or inf"),
    "w wrong length": (dict(w=np.zeros(3)), r"w must have shape \(n,\) = \(2,\).*\(3,\)"),
    "w column": (dict(w=W0.reshape(-1, 1)), r"w must have shape \(n,\).*\(2, 1\)"),
    "w inf": (dict(w=with_nan(W0, 0, np.inf)), r"w contains NaN or inf"),
    "b array": (dict(b=np.array([0.0, 1.0])), r"b must be a single number"),
    "b NaN": (dict(b=np.nan), r"b is NaN or inf"),
    "b inf": (dict(b=-np.inf), r"b is NaN or inf"),
    "X NaN": (dict(X=with_nan(X0, (1, 1))), r"X contains NaN or inf"),
    "X inf": (dict(X=with_nan(X0, (2, 0), np.inf)), r"X contains NaN or inf"),
    "X NaN, w = 0": (dict(X=with_nan(X0, (0, 1)), w=np.zeros(2)), r"X contains NaN or inf"),
    "X inf, w has a 0": (
        dict(X=with_nan(X0, (0, 1), -np.inf), w=np.array([1.0, 0.0])),
        r"X contains NaN or inf",
    ),
    "lambda_ negative": (dict(lambda_=-0.1), r"lambda_ must be >= 0"),
    "lambda_ NaN": (dict(lambda_=np.nan), r"lambda_ must be a finite number"),
    "lambda_ array": (dict(lambda_=np.ones(2)), r"lambda_ must be a finite number"),
    "overflowing logits": (dict(X=X0 * 1e300, w=np.array([1e10, 1e10])), r"overflows float64"),
}


def call(func, X=X0, y=Y0, w=W0, b=0.1, lambda_=0.0):
    if func is hessian:
        return hessian(X, w, b, lambda_)
    if func is predict_proba:
        return predict_proba(X, w, b)
    return func(X, y, w, b, lambda_)


def applicable(func, kwargs):
    if func in (hessian, predict_proba) and set(kwargs) == {"y"}:
        return False  # takes no y
    return not (func is predict_proba and "lambda_" in kwargs)  # takes no lambda_


BAD_CALLS = [
    pytest.param(func, case, id=f"{func.__name__}-{case}")
    for func in (cost, gradient, hessian, predict_proba)
    for case, (kwargs, _) in BAD_INPUTS.items()
    if applicable(func, kwargs)
]


@pytest.mark.parametrize(("func", "case"), BAD_CALLS)
def test_bad_input_raises_value_error_naming_the_problem(func, case):
    kwargs, message = BAD_INPUTS[case]
    with pytest.raises(ValueError, match=message):
        call(func, **kwargs)


@pytest.mark.parametrize("func", [cost, gradient, hessian, predict_proba])
def test_inputs_are_not_modified(func):
    X, y, w = X0.copy(), Y0.copy(), W0.copy()
    for a in (X, y, w):
        a.setflags(write=False)  # any in-place write would raise
    call(func, X, y, w, 0.1, 0.5)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, Y0)
    np.testing.assert_array_equal(w, W0)
    Xl, yl, wl = X0.tolist(), Y0.tolist(), W0.tolist()
    call(func, Xl, yl, wl, 0.1, 0.5)
    assert (Xl, yl, wl) == (X0.tolist(), Y0.tolist(), W0.tolist())


def test_returned_gradient_does_not_alias_inputs():
    w = W0.copy()
    dj_dw, _ = gradient(X0, Y0, w, 0.0)
    dj_dw += 1
    np.testing.assert_array_equal(w, W0)


def test_make_data_is_seeded_and_not_separable():
    X, y = logreg.make_data()
    X2, y2 = logreg.make_data()
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert X.shape == (200, 2) and set(np.unique(y)) == {0.0, 1.0}
    # not separable: the unregularized optimum is finite (Newton converges)
    clf = LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-12).fit(X, y)
    assert np.all(np.abs(clf.coef_) < 10)
