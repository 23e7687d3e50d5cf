"""The /code/ page's snippets (snippets/formula_to_code/*.py): they compute the right things,
and every output printed on the page (the `# >` lines) is the real output."""

import contextlib
import importlib
import inspect
import io
import warnings

import logreg
import numpy as np
import pytest
from helpers import OUTPUT_LINE, ROOT, printed_output, shown_output
from sklearn.linear_model import LogisticRegression

CODE_DIR = ROOT / "snippets" / "formula_to_code"


def load(stem):
    return importlib.import_module(f"formula_to_code.{stem}")


MODULES = sorted(p.stem for p in CODE_DIR.glob("*.py") if p.name != "__init__.py")


def demos(stem):
    module = load(stem)
    return [
        f
        for name, f in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("demo") and f.__module__ == module.__name__
    ]


# ---------------------------------------------------------------- printed outputs


DEMOS = [pytest.param(stem, f.__name__, id=f"{stem}.{f.__name__}") for stem in MODULES
         for f in demos(stem)]  # fmt: skip


@pytest.mark.parametrize(("stem", "name"), DEMOS)
def test_printed_output_is_what_the_page_shows(stem, name):
    func = getattr(load(stem), name)
    expected = shown_output(func)
    assert expected, f"{stem}.{name} prints nothing that the page shows"
    assert printed_output(func) == expected


@pytest.mark.parametrize("stem", MODULES)
def test_every_module_has_a_demo_and_no_unchecked_output_lines(stem):
    assert demos(stem), f"snippets/formula_to_code/{stem}.py has no demo*() function"
    source = (CODE_DIR / f"{stem}.py").read_text().splitlines()
    in_file = sum(bool(OUTPUT_LINE.match(line)) for line in source)
    in_demos = sum(len(shown_output(f)) for f in demos(stem))
    assert in_file == in_demos, "`#>` lines outside a demo*() function are never checked"


@pytest.mark.parametrize("stem", MODULES)
def test_importing_prints_nothing(stem):
    module = load(stem)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        importlib.reload(module)  # runs the file again, as a first import does
    assert out.getvalue() == ""


# ---------------------------------------------------------------- what the snippets compute


def problem(seed, m=25, n=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n))
    y = (rng.random(m) < 0.5).astype(float)
    return X, y, rng.normal(size=n), float(rng.normal())


@pytest.mark.parametrize("seed", range(3))
def test_loop_sum_vectorized_agree(seed):
    loops = load("loops")
    X, y, w, b = problem(seed)
    ref_dw, ref_db = logreg.gradient(X, y, w, b)
    for grad in (loops.gradient_loop, loops.gradient_sum, loops.gradient_vectorized):
        dj_dw, dj_db = grad(X, y, w, b)
        np.testing.assert_allclose(dj_dw, ref_dw, rtol=1e-12, atol=1e-15)
        assert dj_db == pytest.approx(ref_db, rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("seed", range(3))
def test_chain_rule_factors(seed):
    crf = load("chain_rule_factors")
    X, y, w, b = problem(seed)
    for x_i, y_i in zip(X, y, strict=True):
        dL_df, df_dz, dz_dw, dz_db = crf.chain_rule_factors(x_i, y_i, w, b)
        f = 1 / (1 + np.exp(-(x_i @ w + b)))
        assert dL_df * df_dz == pytest.approx(f - y_i, rel=1e-12)
        np.testing.assert_array_equal(dz_dw, x_i)
        assert dz_db == 1.0
    dj_dw, dj_db = crf.gradient_from_factors(X, y, w, b)
    ref_dw, ref_db = logreg.gradient(X, y, w, b)
    np.testing.assert_allclose(dj_dw, ref_dw, rtol=1e-12)
    assert dj_db == pytest.approx(ref_db, rel=1e-12)


@pytest.mark.parametrize("lambda_", [0.0, 1.5])
def test_gradient_check(lambda_):
    gc = load("gradient_check")
    X, y, w, b = problem(4)
    w_before = w.copy()
    numeric = gc.numerical_gradient(X, y, w, b, lambda_)
    np.testing.assert_array_equal(w, w_before)
    analytic = logreg.gradient(X, y, w, b, lambda_)
    assert gc.relative_error(analytic, numeric) < 1e-7
    # forgetting the regularization term is caught too
    if lambda_:
        assert gc.relative_error(logreg.gradient(X, y, w, b), numeric) > 1e-3


def sklearn_optimum(X, y, lambda_=0.0):
    C = np.inf if lambda_ == 0 else 1 / lambda_
    clf = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)
    return clf.coef_.ravel(), float(clf.intercept_[0])


@pytest.mark.parametrize("lambda_", [0.0, 20.0])
def test_descent_reaches_the_optimum(lambda_):
    descent = load("descent")
    X, y = logreg.make_data()
    w0 = np.zeros(2)
    w, b, history = descent.gradient_descent(X, y, w0, 0.0, 1.0, 500, lambda_)
    np.testing.assert_array_equal(w0, 0.0)
    assert len(history) == 500
    assert np.all(np.diff(history) <= 1e-15)  # the cost never goes up
    w_opt, b_opt = sklearn_optimum(X, y, lambda_)
    np.testing.assert_allclose(np.append(w, b), np.append(w_opt, b_opt), atol=1e-7)


@pytest.mark.parametrize("lambda_", [0.0, 20.0])
def test_newton_reaches_the_optimum(lambda_):
    newton = load("newton_step")
    X, y = logreg.make_data()
    w, b = np.zeros(2), 0.0
    for _ in range(8):
        w, b = newton.newton_step(X, y, w, b, lambda_)
    w_opt, b_opt = sklearn_optimum(X, y, lambda_)
    np.testing.assert_allclose(np.append(w, b), np.append(w_opt, b_opt), atol=1e-9)


def test_newton_step_is_exact_for_the_quadratic_model():
    # one Newton step from (w, b) lands where the local quadratic model has zero gradient:
    # H (p_new - p) = -g
    newton = load("newton_step")
    X, y, w, b = problem(7)
    w1, b1 = newton.newton_step(X, y, w, b, 0.5)
    H = logreg.hessian(X, w, b, 0.5)
    g = np.append(*logreg.gradient(X, y, w, b, 0.5))
    np.testing.assert_allclose(H @ np.append(w1 - w, b1 - b), -g, rtol=1e-10, atol=1e-14)


def test_regularized_gradient():
    reg = load("regularized")
    X, y, w, b = problem(8)
    dj_dw, dj_db = reg.regularized_gradient(X, y, w, b, 3.0)
    ref_dw, ref_db = logreg.gradient(X, y, w, b, 3.0)
    np.testing.assert_allclose(dj_dw, ref_dw, rtol=1e-13)
    assert dj_db == ref_db


def test_naive_agrees_with_stable_in_the_safe_range():
    nv = load("naive_vs_stable")
    z = np.linspace(-20, 20, 81)
    np.testing.assert_allclose(nv.sigmoid_naive(z), logreg.sigmoid(z), rtol=1e-14)
    for label in (0.0, 1.0):
        y = np.full_like(z, label)
        np.testing.assert_allclose(nv.loss_naive(z, y), logreg.loss(z, y), rtol=1e-6)


def test_naive_breaks_where_the_page_says():
    nv = load("naive_vs_stable")
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        nv.sigmoid_naive(np.array([-800.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.isnan(nv.loss_naive(np.array([40.0]), np.array([1.0]))[0])
        assert np.isinf(nv.loss_naive(np.array([40.0]), np.array([0.0]))[0])


@pytest.mark.parametrize("seed", range(4))
def test_the_safe_learning_rate_bounds_the_curvature(seed):
    """The page: sigma' <= 1/4, so H <= A.T A / (4m) with A = [X, 1]; 1/alpha is the largest
    eigenvalue of that bound, hence at least the Hessian's largest at every (w, b)."""
    step_size = load("step_size")
    X, y, w, b = problem(seed)
    A = np.hstack([X, np.ones((len(y), 1))])
    bound = A.T @ A / (4 * len(y))
    assert np.linalg.eigvalsh(bound - logreg.hessian(X, 5 * w, 5 * b)).min() > -1e-12
    alpha = step_size.safe_learning_rate(X)
    assert 1 / alpha == pytest.approx(np.linalg.eigvalsh(bound).max(), rel=1e-12)
    assert 1 / alpha >= np.linalg.eigvalsh(logreg.hessian(X, w, b)).max()


def test_descent_at_the_safe_rate_never_raises_the_cost():
    step_size, descent = load("step_size"), load("descent")
    X, y = logreg.make_data()
    X = X * np.array([1.0, 10.0])
    _, _, history = descent.gradient_descent(
        X, y, np.zeros(2), 0.0, step_size.safe_learning_rate(X), 300
    )
    assert np.all(np.diff(history) <= 1e-15)


def test_standardized_descent_stops_at_the_raw_optimum():
    step_size = load("step_size")
    X, y = logreg.make_data()
    X_cm = X * np.array([1.0, 10.0])
    X_std, mean, std = step_size.standardize(X_cm)
    np.testing.assert_allclose(X_std.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(X_std.std(axis=0), 1.0)
    w, b, _ = step_size.descend_until_small(X_std, y, step_size.safe_learning_rate(X_std), 1e-10)
    w_raw, b_raw = step_size.original_units(w, b, mean, std)
    np.testing.assert_allclose(X_cm @ w_raw + b_raw, X_std @ w + b, atol=1e-12)
    np.testing.assert_allclose(np.append(w_raw, b_raw), np.append(*sklearn_optimum(X_cm, y)),
                               atol=1e-7)  # fmt: skip


def test_descent_that_cannot_reach_the_tolerance_says_so():
    step_size = load("step_size")
    X, y = logreg.make_data()
    with pytest.raises(RuntimeError, match="scale the features"):
        step_size.descend_until_small(X * np.array([1.0, 10.0]), y, 0.0394, max_iter=100)
