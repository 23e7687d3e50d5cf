"""Inline math that states a relation is checked in its page's context, or visibly marked.

See sitebuild/checking/inline.py for how a formula is classified. Here: no page states an inline
relation that is wrong or unread without the claim mark, and the marks are counted (printed with
``-s``), so their number is visible and can only fall on purpose.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from helpers import DOCS, ROOT, front_matter

from sitebuild.checking.inline import page_statements, unchecked
from sitebuild.hooks import NOTEBOOK_CONTEXT
from sitebuild.notebook_page import markdown_cells

FILES = sorted(
    [*(ROOT / "docs").glob("*.md"), *(ROOT / "includes").glob("*.md"), *DOCS.glob("*.ipynb")]
)
# The number of formulas marked as claims in words: lower it when a mark goes.
MARKED_CLAIMS = 75


def _statements(path: Path):
    if path.suffix == ".ipynb":  # read as the build reads it (sitebuild/hooks.py)
        text = "\n\n".join(markdown_cells(path))
        return page_statements(text, NOTEBOOK_CONTEXT)
    text = path.read_text(encoding="utf-8")
    return page_statements(text, front_matter(text).get("derivation"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_inline_relations_are_checked_or_marked(path):
    bad = unchecked(_statements(path))
    assert not bad, 'mark as <span class="claim">$...$</span> or fix:\n' + "\n".join(bad)


def test_claims_in_words_are_counted():
    counts = collections.Counter()
    for path in FILES:
        for s in _statements(path):
            counts[s.status] += 1
    print(dict(counts))
    assert counts["checked"] > 0
    assert counts["claim"] == MARKED_CLAIMS, counts


def test_the_build_stops_on_an_inline_relation_no_context_checks():
    """sitebuild/steps.py check_inline_relations, which `mkdocs build` runs on every page and
    include: a wrong relation and an unread one stop it; the same marked as claims do not."""
    from sitebuild.steps import StepError, check_inline_relations

    wrong = r"so $\sigma'(z) = \sigma(z)\,(1 + \sigma(z))$ here"
    unread = r"and $\mathcal{Q}(\theta) = \Xi$ there"
    for line in (wrong, unread):
        with pytest.raises(StepError, match="line 1"):
            check_inline_relations(line + "\n", None, "page.md")
        check_inline_relations(
            line.replace("$", '<span class="claim">$', 1).replace("$ ", "$</span> ", 1) + "\n",
            None,
            "page.md",
        )
    check_inline_relations(r"with $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$" + "\n", None, "p.md")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_display_math_outside_the_fences(path):
    """Pages, includes and the notebook's Markdown cells show displayed equations only as
    checked fences (the notebook, which has none, states its formulas inline)."""
    from sitebuild.steps import unfenced_display_math

    texts = markdown_cells(path) if path.suffix == ".ipynb" else [path.read_text("utf-8")]
    assert [found for text in texts if (found := unfenced_display_math(text))] == []


def test_an_update_rule_and_a_formula_broken_across_lines_are_read():
    """A descent step is checked as the step it takes (a sign or the gradient swapped is
    wrong), and inline math that a line break cuts in two is read whole."""
    right = (
        "descent ($w \\leftarrow w - \\alpha\n\\nabla_w J$) and "
        "$b \\leftarrow b -\n\\alpha \\frac{\\partial J}{\\partial b}$"
    )
    assert [s.status for s in page_statements(right, "logistic")] == ["checked", "checked"]
    for wrong in (right.replace("w -", "w +"), right.replace("\\nabla_w J", "\\nabla_w L")):
        assert "wrong" in [s.status for s in page_statements(wrong, "logistic")]


def test_rules_of_algebra_in_letters_of_their_own_are_checked():
    """The prose's log rules and quotients (a, c positive; u real): right as stated, wrong
    with a slip."""
    for right, wrong in [
        (r"$\log\frac{a}{c} = \log a - \log c$", r"$\log\frac{a}{c} = \log a + \log c$"),
        (r"$\log e^{u} = u$", r"$\log e^{u} = -u$"),
        (r"$\frac{d}{du}u^{-1} = -u^{-2}$", r"$\frac{d}{du}u^{-1} = u^{-2}$"),
    ]:
        assert [s.status for s in page_statements(right, "scalar")] == ["checked"]
        assert [s.status for s in page_statements(wrong, "scalar")] == ["wrong"]
