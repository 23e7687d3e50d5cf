"""Learners' queries typed into the real search box in Chromium: formulas, course symbols, words.

Each query names the page that should come first (or, with an anchor, the step or section of
that page that its result should link to). One page load, one browser; every query is typed key
by key. The test fails when fewer than 95% put the right page among the first three results,
or when any query finds nothing, and lists the misses.
"""

from __future__ import annotations

import pytest
from helpers import COUNT_SEARCHES, DESKTOP, open_page, search_results

FORMULA, COURSE, WORDS = "formula", "course", "words"

# (what a learner types, where it should land, what kind of query it is)
QUERIES = [
    # formulas, as typed in a forum post or copied from a course
    ("e^-z", "/sigmoid-derivative/", FORMULA),
    ("1/(1+e^-z)", "/sigmoid-derivative/", FORMULA),
    ("σ'(z) = σ(z)(1 − σ(z))", "/sigmoid-derivative/", FORMULA),
    ("sigmoid(z) * (1 - sigmoid(z))", "/sigmoid-derivative/", FORMULA),
    ("log(1+e^-z)", "/substitution/", FORMULA),
    ("log(1 + e^z) - yz", "/substitution/", FORMULA),
    ("-y log(h) - (1-y) log(1-h)", "/#cost", FORMULA),
    ("dL/dz = f - y", "/chain-rule/#where-the-routes-meet-dldz-f-y", FORMULA),
    ("dJ/dw", "/", FORMULA),
    ("∂J/∂w_j", "/", FORMULA),
    ("dJ/db", "/chain-rule/#the-bias", FORMULA),
    ("W^T X + b", "/matrix/", FORMULA),
    ("X^T (f - y)", "/matrix/", FORMULA),
    ("1/m X.T @ (sigmoid(X @ w) - y)", "/matrix/", FORMULA),
    ("dZ = A - Y", "/matrix/", FORMULA),
    ("dw = 1/m X dZ^T", "/matrix/", FORMULA),
    ("X^T S X", "/newton/", FORMULA),
    ("w := w - H^-1 g", "/newton/", FORMULA),
    ("λ/m w_j", "/regularization/", FORMULA),
    ("J + lambda/(2m) ||w||^2", "/regularization/", FORMULA),
    ("nλ/m", "/mistakes/", FORMULA),
    ("log(0)", "/mistakes/", FORMULA),
    ("np.log(1 - h)", "/code/", FORMULA),
    ("(f - y)^2", "/convexity/", FORMULA),
    ("softmax(z)_k - y_k", "/softmax/", FORMULA),
    ("log(1 + e^(-t z))", "/notation/", FORMULA),
    ("-1/m", "/#cost", FORMULA),
    ("f(1-f) in the denominator", "/mistakes/", FORMULA),
    # a course's own symbols and names
    ("theta", "/notation/", COURSE),
    ("h_theta(x)", "/notation/", COURSE),
    ("h_θ(x) - y", "/notation/", COURSE),
    ("t_n phi_n", "/notation/", COURSE),
    ("f_wb(x)", "/notation/", COURSE),
    ("logit", "/maximum-likelihood/", COURSE),
    ("log-odds", "/notation/", COURSE),
    ("dZ", "/matrix/", COURSE),
    ("dA", "/neural-network/", COURSE),
    ("dw db", "/notation/", COURSE),
    ("y - p", "/chain-rule/", COURSE),
    ("intercept", "/notation/", COURSE),
    ("weight decay", "/regularization/", COURSE),
    ("binary cross-entropy with logits", "/", COURSE),
    ("gradient ascent log-likelihood", "/maximum-likelihood/", COURSE),
    ("negative cost", "/maximum-likelihood/", COURSE),
    # words
    ("derivative of sigmoid", "/sigmoid-derivative/", WORDS),
    ("power rule sigmoid", "/sigmoid-derivative/", WORDS),
    ("derivative of cost with respect to b", "/#gradient-b", WORDS),
    ("X transpose times sigmoid minus y", "/matrix/", WORDS),
    ("log of zero", "/mistakes/", WORDS),
    ("labels -1 +1", "/notation/", WORDS),
    ("why no 1/m in Bishop", "/notation/", WORDS),
    ("examples in columns", "/matrix/", WORDS),
    ("shapes not aligned", "/mistakes/", WORDS),
    ("cost goes up gradient descent", "/mistakes/", WORDS),
    ("log base 10", "/mistakes/", WORDS),
    ("why not mean squared error", "/convexity/", WORDS),
    ("positive semi-definite hessian", "/convexity/", WORDS),
    ("separable data", "/convexity/", WORDS),
    ("IRLS", "/newton/", WORDS),
    ("multiclass", "/softmax/", WORDS),
    ("bias not regularized", "/regularization/", WORDS),
    ("scikit-learn C", "/regularization/", WORDS),
    ("numerically stable", "/code/", WORDS),
    ("gradient check", "/code/", WORDS),
    ("feature scaling", "/code/", WORDS),
    ("when to stop gradient descent", "/code/", WORDS),
    ("weights became a matrix", "/mistakes/", WORDS),
    ("same as linear regression", "/linear-regression-connection/", WORDS),
    ("substitution", "/substitution/", WORDS),
    ("jupyter notebook", "/notebook/", WORDS),
]


def rank_of(expected: str, results: list[list[str]]) -> int | None:
    """0-based rank of the expected page; a step or section must also be linked in its result."""
    path, _, anchor = expected.partition("#")
    for rank, links in enumerate(results):
        if links and links[0] == path:
            return rank if not anchor or f"{path}#{anchor}" in links else None
    return None


def test_the_query_set_covers_formulas_and_course_symbols():
    kinds = [kind for _, _, kind in QUERIES]
    assert len(QUERIES) >= 60
    assert kinds.count(FORMULA) >= 20 and kinds.count(COURSE) >= 10
    assert len({q for q, _, _ in QUERIES}) == len(QUERIES)


@pytest.mark.browser
def test_learners_queries_find_the_right_page_in_the_top_three(browser, site_url):
    page, problems = open_page(browser, site_url + "/", DESKTOP)
    page.evaluate(COUNT_SEARCHES)
    page.locator("input.md-search__input").click()
    empty, misses, first = [], [], 0
    for query, expected, _ in QUERIES:
        results = search_results(page, query)
        rank = rank_of(expected, results)
        if not results:
            empty.append(query)
        elif rank is None or rank > 2:
            misses.append(f"{query!r}: want {expected}, got {[r[0] for r in results[:3]]}")
        first += rank == 0
    page.context.close()
    top3 = len(QUERIES) - len(empty) - len(misses)
    report = f"{top3}/{len(QUERIES)} in the top three, {first} first; misses:\n" + "\n".join(misses)
    assert empty == [], f"no results for {empty}"
    assert top3 >= 0.95 * len(QUERIES), report
    assert problems["foreign_requests"] == [] and problems["console_errors"] == []
