"""Every displayed derivation step is checked by SymPy, exactly as the page displays it.

The steps are parsed out of the Markdown by sitebuild/steps.py, the same code that renders
them, and their LaTeX is read by sitebuild/checking (a parser for the LaTeX subset the pages use).
A step fence that cannot be parsed, a page with steps but no checking context, a continuation
with nothing before it, or a wrong equation: each fails here. Mutating any displayed step (a
sign, a 1/m, a transpose) must make its check fail, so the checker cannot be vacuous.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import helpers
import markdown
import pytest
from helpers import ROOT

from sitebuild import steps as ds
from sitebuild.checking import CheckFailed, check_chain, mutations, page_contexts, split_equation
from sitebuild.checking.check import KINDS, check_equation, check_update, check_wrong, kind
from sitebuild.checking.notations import NOTATIONS, check_result, notation_context
from sitebuild.checking.sizes import coincidences, differ
from sitebuild.steps import StepError, fence_format, steps_in_markdown

DOCS = ROOT / "docs"
STEP_PAGES = sorted(p for p in DOCS.rglob("*.md") if "```step" in p.read_text(encoding="utf-8"))
RESULT_FILES = sorted(
    p
    for folder in (DOCS, ROOT / "includes")
    for p in folder.rglob("*.md")
    if "```result" in p.read_text(encoding="utf-8")
)
ROUTES = ["chain-rule.md", "substitution.md", "matrix.md"]
DERIVATION_PAGES = ["sigmoid-derivative.md", *ROUTES]
CONTEXTS = page_contexts()


def all_context_names() -> set[str]:
    """Contexts of this module plus those other pages register in checking/contexts_*.py."""
    names = set(CONTEXTS)
    for path in (ROOT / "sitebuild" / "checking").glob("contexts_*.py"):
        module = importlib.import_module(f"sitebuild.checking.{path.stem}")
        for attr in dir(module):
            if attr.endswith("_contexts") and callable(getattr(module, attr)):
                names |= set(getattr(module, attr)())
    return names


# Contexts checked at one size only, with the reason.
ONE_SIZE = {
    "sigmoid": "one real variable z, no sizes",
    "identities": "rules of algebra in letters of their own, no sizes",
    "softmax-2": "the two-class reduction: K = 2 is what it states",
    "bernoulli": "one example's label and logit, no sizes",
    "logit": "one example's loss as a function of its logit, no sizes",
    "pm-one": "one logit and one label in {-1, +1}, no sizes",
    "prox": "the one-weight problems of the proximal step, no sizes",
}


@pytest.mark.parametrize(
    "ctx",
    [*CONTEXTS.values(), *(notation_context(n) for n in NOTATIONS)],
    ids=lambda c: c.name,
)
def test_sizes_cannot_coincide(ctx):
    """Pairwise-distinct sizes (no m = n, m = 2n, m = n + 1) at two tuples, so a wrong size,
    bound or index fails in at least one of them."""
    if ctx.name in ONE_SIZE:
        assert not ctx.variants
        return
    tuples = [(c.sizes, c.bindings) for c in (ctx, *ctx.variants)]
    assert len(tuples) == 2
    for sizes, bindings in tuples:
        assert not coincidences(sizes, bindings), (sizes, bindings)
        for name, value in bindings.items():
            assert 1 <= value <= max(sizes.values()), (name, value)
    assert not differ(tuples)
    assert all(a != b for a, b in zip(tuples[0][1].values(), tuples[1][1].values(), strict=True))


def page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def load(path: Path):
    text = path.read_text(encoding="utf-8")
    return helpers.front_matter(text), steps_in_markdown(text)


# The pages checked here: those whose context is defined in sitebuild/checking/contexts.py.
# Pages with contexts of their own (sitebuild/checking/contexts_*.py) are checked by their own
# tests; the test below makes sure no page with steps is left without a context.
PAGES = [p for p in STEP_PAGES if load(p)[0].get("derivation") in CONTEXTS]


@pytest.mark.parametrize("path", STEP_PAGES, ids=page_id)
def test_every_page_with_steps_names_a_checking_context(path):
    meta, steps = load(path)
    assert meta.get("derivation") in all_context_names(), (
        f"{path.name}: front matter 'derivation:' must name a checking context"
    )
    for s in steps:
        if s.context:
            assert s.context in all_context_names(), f"{s.id}: unknown context {s.context}"


def test_derivation_pages_have_steps():
    names = {p.name for p in PAGES}
    assert set(DERIVATION_PAGES) <= names


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_step_ids_run_in_order(path):
    meta, steps = load(path)
    ids = [s.id for s in steps if s.kind == "step"]
    assert ids == [f"step-{k}" for k in range(1, len(ids) + 1)], ids
    all_ids = ids + [a for s in steps for a in s.aliases] + [s.id for s in steps if s.id]
    assert len(set(all_ids)) == len(set(ids + [a for s in steps for a in s.aliases]))
    for s in steps:
        if s.kind == "step":
            assert s.why, f"{s.id} has no reason"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_step_is_checked(path):
    meta, steps = load(path)
    assert meta.get("derivation") in CONTEXTS, f"front matter 'derivation:' of {path.name}"
    results = check_chain(steps, CONTEXTS, meta["derivation"])
    assert len(results) == sum(s.kind == "step" for s in steps)
    failures = [f"{r.label}: {r.error}" for r in results if r.error]
    assert not failures, "\n".join(failures)
    assert all(r.method in ("symbolic", "numeric") for r in results)
    numeric = [r.label for r in results if r.method == "numeric"]
    print(f"{path.name}: {len(results)} steps checked; numeric only: {numeric or 'none'}")


# Mutations that leave a step mathematically true, each with the reason. Kept short on purpose:
# better to rewrite a step so that every mutation of it is wrong. An entry that no longer
# survives fails the test too, so the list cannot go stale.
EQUIVALENT_MUTANTS = {
    ("matrix.md", "step-4", r"drop transpose after '\partial f}{\partial z}\right)'"): (
        "the Jacobian of the elementwise sigmoid is diagonal, hence symmetric"
    ),
    ("matrix.md", "step-13", r"drop transpose after '\partial f}{\partial z}\right)'"): (
        "the Jacobian of the elementwise sigmoid is diagonal, hence symmetric"
    ),
    ("convexity.md", "step-2", r"flip '-' after '\frac{\partial}{\partial z}(f '"): (
        "y is a constant: f + y and f - y have the same derivative"
    ),
    ("convexity.md", "step-4", r"flip '-' after '} \left(\frac{1}{m} X^\top (f '"): (
        "y is a constant: X^T (f + y) and X^T (f - y) have the same Jacobian"
    ),
    ("convexity.md", "step-4", r"drop transpose after 'H = \frac{\partial}{\partial w'"): (
        "the Hessian is symmetric, so both layouts of the Jacobian of the gradient agree"
    ),
}


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_wrong_displayed_step_fails(path):
    """Each mutation of each step's displayed LaTeX makes that step's check fail."""
    meta, steps = load(path)
    survivors, allowed = [], set()
    count = 0
    originals = check_chain(steps, CONTEXTS, meta["derivation"])
    assert not any(r.error for r in originals), "the page's own steps must pass first"
    for k, step in enumerate(steps):
        if step.kind != "step":
            continue
        for what, tex in mutations(step.tex):
            count += 1
            mutated = [*steps[:k], _replace(step, tex), *steps[k + 1 :]]
            upto = check_chain(mutated[: k + 1], CONTEXTS, meta["derivation"])
            if not upto[-1].error:
                key = (path.name, step.id, what)
                if key in EQUIVALENT_MUTANTS:
                    allowed.add(key)
                else:
                    survivors.append(f"{step.id}: {what}: {tex}")
    assert count >= sum(s.kind == "step" for s in steps)
    assert not survivors, "mutations that still pass:\n" + "\n".join(survivors)
    stale = {k for k in EQUIVALENT_MUTANTS if k[0] == path.name} - allowed
    assert not stale, f"EQUIVALENT_MUTANTS entries that no longer survive: {stale}"
    print(f"{path.name}: {count} mutations, all fail except {len(allowed)} listed")


def test_every_kind_of_slip_is_tried():
    """Each slip of checking.check.KINDS is made somewhere on the site (counts printed)."""
    counts = dict.fromkeys(sorted(set(KINDS.values())), 0)
    for path in sorted({*PAGES, *RESULT_FILES}):
        for fence in load(path)[1]:
            for what, _ in mutations(fence.tex):
                counts[kind(what)] += 1
    print("\n".join(f"{n:5d}  {k}" for k, n in counts.items()))
    assert all(counts.values()), counts


def _replace(step, tex):
    new = ds.Step(**{**step.__dict__, "tex": tex})
    new.aliases = list(step.aliases)
    return new


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_links_in_reasons_resolve(path):
    _, steps = load(path)
    for s in steps:
        for url in re.findall(r"\]\(([^)\s]+)\)", s.why):
            page, _, frag = url.partition("#")
            target = DOCS / page if page else path
            assert target.is_file(), f"{s.id}: link to missing page {url}"
            if frag.startswith("step-"):
                ids = {t.id for t in steps_in_markdown(target.read_text(encoding="utf-8"))}
                assert frag in ids, f"{s.id}: link to missing step {url}"


MARKDOWN_FILES = sorted([*DOCS.rglob("*.md"), *(ROOT / "includes").rglob("*.md")])


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=page_id)
def test_no_display_math_outside_checked_fences(path):
    """Every displayed equation is a step, result, wrong or update fence (the build stops on
    the pages too, sitebuild/steps.py prepare_page; includes are checked here)."""
    assert not ds.unfenced_display_math(path.read_text(encoding="utf-8"))


def test_unfenced_display_math_is_found():
    text = "a\n\n$$\nx = 1\n$$\n\n```step\nid: step-1\ntex: $$ = 1\n```\n\\[ y \\]\n"
    assert ds.unfenced_display_math(text) == ["line 3: $$", "line 5: $$", "line 11: \\[ y \\]"]
    shown_as_code = "type `\\begin{aligned} a &= b \\end{aligned}` or ``$$ x $$`` in the box\n"
    assert ds.unfenced_display_math(shown_as_code) == []
    assert ds.unfenced_display_math("`code` then \\[ y \\]\n") == ["line 1: `code` then \\[ y \\]"]


def _fences(kind):
    return [
        pytest.param(path, f, id=f"{page_id(path)}:{f.line}")
        for path in MARKDOWN_FILES
        for f in load(path)[1]
        if f.kind == kind
    ]


@pytest.mark.parametrize("path, fence", _fences("wrong"))
def test_wrong_lines_are_wrong_in_their_context(path, fence):
    """A wrong line A \\neq B: A = B fails in its named context (at both sizes)."""
    check_wrong(CONTEXTS[fence.context], fence.tex)


@pytest.mark.parametrize("path, fence", _fences("update"))
def test_update_rules_apply_their_equation(path, fence):
    """An update v \\leftarrow E is checked as the equation it applies, and every mutation of
    it (H for H^{-1}, a sign, ...) fails."""
    ctx = CONTEXTS[fence.context or load(path)[0]["derivation"]]
    check_update(ctx, fence.tex)
    survivors = []
    for what, tex in mutations(fence.tex):
        try:
            check_update(ctx, tex)
        except CheckFailed:
            continue
        survivors.append(f"{what}: {tex}")
    assert not survivors


def test_a_right_line_marked_wrong_fails():
    with pytest.raises(CheckFailed):
        check_wrong(CONTEXTS["logistic"], r"\frac{\partial L}{\partial w_j} \neq (f - y) x_j")


@pytest.mark.parametrize("name", ROUTES)
def test_routes_end_with_the_gradient_tabs(name):
    lines = (DOCS / name).read_text(encoding="utf-8").rstrip().splitlines()
    assert lines[-1] == '--8<-- "includes/gradient-tabs.md"'


@pytest.mark.parametrize("name", ROUTES)
def test_routes_show_where_they_meet(name):
    """Each route displays a checked step whose right side is f - y (or (1/m)(f - y))."""
    _, steps = load(DOCS / name)
    ends = {ds_side(s.tex) for s in steps if s.kind == "step"}
    assert ends & {"f - y", r"\frac{1}{m}\,\underbrace{(f - y)}_{m \times 1}"}


def ds_side(tex: str) -> str:
    return split_equation(tex)[-1]


# ----------------------------------------------------------------------------- result fences


@pytest.mark.parametrize("path", RESULT_FILES, ids=page_id)
def test_result_fences_are_checked(path):
    meta, steps = load(path)
    failures = []
    for s in steps:
        if s.kind != "result":
            continue
        try:
            _check_result_fence(meta, s, s.tex)
        except (CheckFailed, KeyError) as exc:
            failures.append(f"line {s.line} ({s.notation}): {exc!r}")
    assert not failures, "\n".join(failures)


def _check_result_fence(meta, fence, tex):
    """A result is checked in its page's context, or else in its notation (none: this site's)."""
    if fence.notation is None and meta.get("derivation"):
        check_equation(CONTEXTS[meta["derivation"]], tex)
    else:
        check_result(tex, fence.notation)


@pytest.mark.parametrize("path", RESULT_FILES, ids=page_id)
def test_a_wrong_displayed_result_fails(path):
    """Each mutation of a displayed result (sign, 1/m, transpose) makes its check fail."""
    meta, fences = load(path)
    survivors = []
    for fence in (f for f in fences if f.kind == "result"):
        for what, tex in mutations(fence.tex):
            try:
                _check_result_fence(meta, fence, tex)
            except CheckFailed:
                continue
            survivors.append(f"line {fence.line}: {what}: {tex}")
    assert not survivors, "mutations that still pass:\n" + "\n".join(survivors)


@pytest.mark.parametrize("notation", sorted(NOTATIONS))
def test_result_checks_reject_wrong_gradients(notation):
    right = NOTATIONS[notation].example
    assert check_result(right, notation)
    for what, tex in mutations(right):
        with pytest.raises(CheckFailed):
            check_result(tex, notation)
            pytest.fail(f"{notation}: mutation {what} passed: {tex}")


def test_unknown_notation_is_an_error():
    with pytest.raises(KeyError):
        check_result("x = x", "no-such-course")


# ----------------------------------------------------------------------------- rendering


def render(source: str) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.superfences", "pymdownx.arithmatex"],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [
                    {"name": n, "class": n, "format": fence_format} for n in ds.FENCE_NAMES
                ]
            },
            "pymdownx.arithmatex": {"generic": True},
        },
    )
    return md.convert(source)


STEP = """```step
id: step-3
tex: = -\\left(1 + e^{-z}\\right)^{-2} \\cdot \\frac{d}{dz}\\left(1 + e^{-z}\\right) < a & b
why: power rule $\\frac{d}{du}u^{-1} = -u^{-2}$, see [step 2](#step-2) and
  [the sigmoid](sigmoid-derivative.md#step-8) <b>
alias: step-2b
```
"""


def test_rendered_step_has_anchor_number_link_math_and_reason():
    out = render(STEP)
    assert '<div class="step" id="step-3">' in out
    assert '<span class="step-alias" id="step-2b"></span>' in out
    assert '<span class="step-no">(3)</span>' in out
    assert '<a class="headerlink" href="#step-3" title="Link to this step"' in out
    assert '<div class="arithmatex step-eq">\\[' in out
    assert "\\right)^{-2}" in out and "&lt; a &amp; b" in out
    assert '<span class="arithmatex">\\(\\frac{d}{du}u^{-1} = -u^{-2}\\)</span>' in out
    assert '<a href="#step-2">step 2</a>' in out
    assert '<a href="../sigmoid-derivative/#step-8">the sigmoid</a>' in out
    assert "&lt;b&gt;" in out and "<b>" not in out


def test_rendered_result_has_no_number():
    out = render("```result\nnotation: cs229\ntex: a = b\n```\n")
    assert 'class="derivation-result" data-notation="cs229"' in out
    assert "step-no" not in out and "\\[\na = b\n\\]" in out


def test_parser_is_the_renderers_parser():
    steps = steps_in_markdown(
        "Text\n\n" + STEP + "\n!!! note\n    ```step\n    id: step-4\n"
        "    tex: = 1\n    why: x\n    ```\n\n````md\n```step\nbad\n```\n````\n"
    )
    assert [s.id for s in steps] == ["step-3", "step-4"]
    assert steps[0].tex.startswith("= -\\left(1") and steps[0].is_continuation
    assert "sigmoid-derivative.md#step-8" in steps[0].why


@pytest.mark.parametrize(
    "source",
    [
        "tex: a = b\nwhy: x",  # no id
        "id: step-1\nwhy: x",  # no tex
        "id: step-1\ntex: a = b",  # no reason
        "id: step-01\ntex: a = b\nwhy: x",  # bad id
        "id: eq-1\ntex: a = b\nwhy: x",  # bad id
        "id: step-1\ntex: a + b\nwhy: x",  # not an equation
        "id: step-1\ntex: a = b\nwhy: x\ncolour: red",  # unknown key
        "id: step-1\ntex: a = b\nwhy: see [x](https:evil)",  # unsupported link
        "id: step-1\ntex: a = b\nwhy: see [x](../chain-rule/)",  # not a page.md link
    ],
)
def test_bad_step_source_raises(source):
    with pytest.raises(StepError):
        fence_format(source, "step", "step", {}, None)


def test_bad_step_fails_a_markdown_build():
    """StepError is a SuperFencesException, which superfences re-raises (strict build fails)."""
    with pytest.raises(StepError):
        render("```step\nid: step-1\ntex: a = b\n```\n")


def test_link_url_for_directory_urls():
    assert ds.link_url("#step-2") == "#step-2"
    assert ds.link_url("chain-rule.md#step-2") == "../chain-rule/#step-2"
    assert ds.link_url("index.md") == "../"


def test_wrong_and_update_fences_render_labelled():
    out = render("```wrong\ncontext: logistic\ntex: a \\neq b\n```\n")
    assert '<span class="derivation-label">Wrong</span>' in out and "a \\neq b" in out
    assert "derivation-update" in render("```update\ntex: w \\leftarrow w\n```\n")
    with pytest.raises(StepError):  # a wrong line without its context
        render("```wrong\ntex: a \\neq b\n```\n")


def test_a_claim_mark_in_a_reason_renders_as_a_claim():
    """The mark is kept whether or not the build has already added its title."""
    for mark in ('<span class="claim">', ds.CLAIM_OPEN):
        out = ds.render_inline(f"{mark}$a = b$</span> and $c$")
        assert out.startswith(ds.CLAIM_OPEN + '<span class="arithmatex">\\(a = b\\)</span></span>')
        assert "&lt;span" not in out
