"""The search index: one entry per step, the courses' names, formula words (no browser)."""

from __future__ import annotations

import json
import re

from sitebuild.search_index import tex_to_text
from sitebuild.search_steps import formula_words, step_entries
from sitebuild.search_terms import QUANTITIES, course_names

PAGE = """
```step
id: step-1
tex: f = \\frac{1}{1 + e^{-z}}
why: the sigmoid of the [score](#step-0), $z = w^\\top x + b$
```

```step
id: step-2
tex: = \\sigma(z)
why: definition
```
"""


def test_each_step_is_an_entry_at_its_anchor_with_readable_math():
    entries = step_entries("chain-rule/", PAGE, tex_to_text)
    assert [e["location"] for e in entries] == ["chain-rule/#step-1", "chain-rule/#step-2"]
    assert entries[0]["title"] == "(1) f = 1/(1 + e^(−z))"
    assert entries[0]["text"] == "the sigmoid of the score, z = wᵀ x + b"
    assert entries[1]["title"] == "(2) f = σ(z)"  # a continuation keeps its left side


def test_a_course_name_is_found_by_the_quantity_a_title_names():
    assert {"intercept", "theta_0", "db"} <= set(course_names("The bias"))
    assert {"logit", "log-odds"} <= set(course_names("First the score"))
    assert {"dZ", "A - Y"} <= set(course_names("Where the routes meet: dL/dz = f − y"))
    assert "weight decay" in course_names("Gradient of the L2-regularized cost")
    assert course_names("Run it yourself") == []


def test_no_name_of_one_letter_is_a_keyword():
    every = course_names(" ".join(q.found_by for q in QUANTITIES) + " bias score label")
    assert every and all(len(name) > 1 for name in every)


def test_formula_words_name_the_symbols():
    words = formula_words("σ(z) = 1/(1 + e^(−z)), ∂J/∂w = Xᵀ(f − y)")
    assert set(words) == {"exp", "sigma", "transpose", "dJ", "dw"}


def test_the_built_index_has_steps_names_and_no_tex(site_dir):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text())["docs"]
    by_location = {d["location"]: d for d in docs}
    assert "chain-rule/#step-4" in by_location and "#cost" in by_location
    assert "intercept" in by_location["chain-rule/#the-bias"]["keywords"]
    tex = re.compile(r"\\[A-Za-z]{2,}|\b(underbrace|leftarrow|lVert|mathbf|frac)\b")
    code = re.compile(r"<code>.*?</code>", re.S)  # TeX shown as code (the /check/ page) is meant
    shown = [(d["location"], code.sub("", d["title"] + d["text"])) for d in docs]
    assert [location for location, text in shown if tex.search(text)] == []


def test_a_step_title_leaves_out_the_labels_under_braces():
    page = (
        "```step\nid: step-1\ntex: g = \\underbrace{f(1 - f)}_{\\text{step 9}} x_j\nwhy: w\n```\n"
    )
    assert step_entries("p/", page, tex_to_text)[0]["title"] == "(1) g = f(1 − f) x_j"
