"""Inline math that states a relation is checked in its page's context, or visibly marked.

See sitebuild/checking/inline.py for how a formula is classified. Here: no page states an inline
relation that is wrong or unread without the claim mark, and the marks are counted (printed with
``-s``), so their number is visible and can only fall on purpose.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from helpers import ROOT, front_matter

from sitebuild.checking.inline import page_statements, unchecked

FILES = sorted([*(ROOT / "docs").glob("*.md"), *(ROOT / "includes").glob("*.md")])
# The number of formulas marked as claims in words: lower it when a mark goes.
MARKED_CLAIMS = 95


def _statements(path: Path):
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
