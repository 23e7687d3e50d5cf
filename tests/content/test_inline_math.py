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

from sitebuild.checking import page_contexts
from sitebuild.checking.inline import statements

FILES = sorted([*(ROOT / "docs").glob("*.md"), *(ROOT / "includes").glob("*.md")])
CONTEXTS = page_contexts()
# Tried after the page's own context: a formula holds if a context that reads it agrees.
GENERAL = [
    "scalar",
    "matrix",
    "sigmoid",
    "logistic",
    "linear",
    "squared-sigmoid",
    "examples",
    "regularized",
    "softmax-2",
]
# The number of formulas marked as claims in words: lower it when a mark goes.
MARKED_CLAIMS = 95


def _statements(path: Path):
    text = path.read_text(encoding="utf-8")
    own = front_matter(text).get("derivation")
    names = list(dict.fromkeys([own, *GENERAL] if own else GENERAL))
    return statements(text, [CONTEXTS[n] for n in names])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_inline_relations_are_checked_or_marked(path):
    bad = [
        f"line {s.line}: {s.status}: ${s.tex}$ {s.detail[:200]}"
        for s in _statements(path)
        if s.status in ("wrong", "unread")
    ]
    assert not bad, 'mark as <span class="claim">$...$</span> or fix:\n' + "\n".join(bad)


def test_claims_in_words_are_counted():
    counts = collections.Counter()
    for path in FILES:
        for s in _statements(path):
            counts[s.status] += 1
    print(dict(counts))
    assert counts["checked"] > 0
    assert counts["claim"] == MARKED_CLAIMS, counts
