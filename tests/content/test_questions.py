"""The "next questions" pages: their wrong lines, display math and snippets.

Their steps are checked with every other page's by tests/content/test_derivations.py (contexts
in sitebuild/checking/contexts_questions.py); here: the displayed wrong lines really are wrong,
and the snippets in snippets/questions/ agree with independent oracles (finite differences,
closed forms, scikit-learn).
"""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest
from helpers import ROOT, printed_output, shown_output

from sitebuild.checking import page_contexts
from sitebuild.checking.contexts_questions import question_contexts

PAGES = [
    "linear-regression-connection",
    "convexity",
    "regularization",
    "newton",
    "softmax",
    "mistakes",
    "maximum-likelihood",
    "stochastic-gradient",
    "neural-network",
    "frameworks",
    "l1-regularization",
    "weighted-loss",
]
CONTEXTS = {**page_contexts(), **question_contexts()}


def page(slug):
    return (ROOT / "docs" / f"{slug}.md").read_text()


def test_mistakes_page_shows_its_wrong_lines():
    """Its wrong lines are ``wrong`` fences, checked by tests/test_derivations.py."""
    from sitebuild.steps import steps_in_markdown

    assert sum(f.kind == "wrong" for f in steps_in_markdown(page("mistakes"))) >= 4


# ---------------------------------------------------------------- printed output on the pages


@pytest.mark.parametrize(
    "module, name",
    [
        ("convexity", "counterexample"),
        ("convexity", "separable_descent"),
        ("newton_vs_gd", "compare"),
        ("regularization_sklearn", "demo"),
        ("likelihood", "demo"),
        ("sgd", "demo"),
        ("network", "demo"),
        ("frameworks", "demo"),
        ("l1", "demo"),
        ("weighted", "demo"),
        ("softmax", "demo"),
    ],
)
def test_printed_output_matches_page(module, name):
    func = getattr(importlib.import_module(f"questions.{module}"), name)
    assert printed_output(func) == shown_output(func)


def test_every_snippet_is_included_by_a_page():
    pages = "".join(p.read_text() for p in (ROOT / "docs").glob("*.md"))
    for path in (ROOT / "snippets" / "questions").glob("*.py"):
        if path.name != "__init__.py":
            assert f"snippets/questions/{path.name}" in pages, path.name


# ---------------------------------------------------------------- oracles


def test_counterexample_is_not_convex_but_cross_entropy_is():
    from questions.convexity import cross_entropy, squared_error

    ws = np.linspace(-6, 6, 241)
    h = ws[1] - ws[0]
    sq = np.array([squared_error(w) for w in ws])
    ce = np.array([cross_entropy(w) for w in ws])
    assert (np.diff(sq, 2) / h**2).min() < -0.05  # bends down somewhere
    assert (np.diff(ce, 2) / h**2).min() > 0  # never bends down
    # the closed form of the second derivative on the page, f^2 (1 - f) (2 - 3f) for y = 0
    f = 1 / (1 + np.exp(-ws[1:-1]))
    np.testing.assert_allclose(np.diff(sq, 2) / h**2, f**2 * (1 - f) * (2 - 3 * f), atol=1e-4)


def test_hessian_psd_and_matches_finite_differences():
    from logreg import gradient, hessian, make_data

    X, y = make_data(50, seed=3)
    w, b = np.array([0.3, -0.7]), 0.2
    H = hessian(X, w, b)
    assert np.linalg.eigvalsh(H).min() >= 0
    eps = 1e-6
    theta = np.append(w, b)
    cols = []
    for k in range(3):
        d = np.zeros(3)
        d[k] = eps
        gp = np.append(*gradient(X, y, (theta + d)[:2], (theta + d)[2]))
        gm = np.append(*gradient(X, y, (theta - d)[:2], (theta - d)[2]))
        cols.append((gp - gm) / (2 * eps))
    np.testing.assert_allclose(np.array(cols).T, H, atol=1e-7)


def test_newton_reaches_the_optimum_of_descent():
    from logreg import make_data
    from questions.newton_vs_gd import iterations_to_converge

    X, y = make_data()
    assert iterations_to_converge(X, y, "newton") < 10 < iterations_to_converge(X, y, "descent")


def test_sklearn_C_is_one_over_lambda():
    from logreg import gradient, make_data
    from sklearn.linear_model import LogisticRegression

    X, y = make_data()
    for lambda_ in (0.5, 2.0, 10.0):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            clf = LogisticRegression(C=1 / lambda_, tol=1e-12, max_iter=10_000).fit(X, y)
        dw, db = gradient(X, y, clf.coef_[0], clf.intercept_[0], lambda_)
        assert np.linalg.norm(np.append(dw, db)) < 1e-7
        dw2, _ = gradient(X, y, clf.coef_[0], clf.intercept_[0], lambda_ * 2)
        assert np.linalg.norm(dw2) > 1e-3  # another lambda is not a stationary point


def test_softmax_gradient_and_two_classes():
    from logreg import sigmoid
    from questions.softmax import softmax_gradient, softmax_probs

    rng = np.random.default_rng(0)
    z, y = rng.normal(size=4), np.eye(4)[2]

    def loss(z):
        return -np.log(softmax_probs(z)[2])

    eps = 1e-6
    fd = np.array([(loss(z + eps * e) - loss(z - eps * e)) / (2 * eps) for e in np.eye(4)])
    np.testing.assert_allclose(softmax_gradient(z, y), fd, atol=1e-8)
    z2 = np.array([1.3, -0.4])
    np.testing.assert_allclose(softmax_probs(z2)[0], sigmoid(z2[0] - z2[1]))


def test_mistakes_wrong_lines_are_wrong_and_right_lines_right():
    from logreg import cost, gradient, make_data, sigmoid
    from questions import mistakes as mk

    X, y = make_data(40)
    w, b = np.array([0.4, -0.2]), 0.1
    dw, _ = gradient(X, y, w, b)
    np.testing.assert_allclose(mk.gradient_right_sign(X, y, w, b), dw)
    np.testing.assert_allclose(mk.gradient_wrong_sign(X, y, w, b), -dw)
    f = sigmoid(X @ w + b)
    np.testing.assert_allclose(mk.cost_ln(f, y), cost(X, y, w, b))
    np.testing.assert_allclose(mk.cost_log10(f, y), cost(X, y, w, b) / np.log(10))
    Xbig = np.array([[40.0], [-40.0]])
    ybig = np.array([1.0, 0.0])  # right and confident: f rounds to exactly 1.0 and 0.0
    with np.errstate(all="ignore"):
        assert np.isnan(mk.cost_naive(Xbig, ybig, np.ones(1), 0.0))  # 0 * log(0)
        assert np.isinf(mk.cost_naive(Xbig, 1 - ybig, np.ones(1), 0.0))  # confidently wrong
    assert mk.cost_stable(Xbig, ybig, np.ones(1), 0.0) == pytest.approx(np.exp(-40))
    assert mk.cost_stable(Xbig, 1 - ybig, np.ones(1), 0.0) == pytest.approx(40.0)
    Xc, Yc, wc = X.T, y[None, :], w[:, None]
    with pytest.raises(ValueError):
        mk.dw_columns_wrong(Xc, Yc, wc, b)
    np.testing.assert_allclose(mk.dw_columns_right(Xc, Yc, wc, b)[:, 0], dw)
    wr, br = mk.update_right(X, y, w, b, 0.1, 1.0)
    g = gradient(X, y, w, b, 1.0)
    np.testing.assert_allclose(wr, w - 0.1 * g[0])
    assert br == pytest.approx(b - 0.1 * g[1])
    assert mk.update_wrong(X, y, w, b, 0.1, 1.0)[1] != pytest.approx(br)
    pen = gradient(X, y, w, b, 1.0)[0] - dw
    np.testing.assert_allclose(mk.penalty_gradient_right(w, 1.0, len(y)), pen)
    assert not np.allclose(mk.penalty_gradient_wrong(w, 1.0, len(y)), pen)
