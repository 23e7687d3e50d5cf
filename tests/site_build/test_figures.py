"""The build-time figures: every script in scripts/figures/ draws what it claims, deterministically.

Each script is run (its ``main(out_dir)``) twice into temporary folders; the SVGs must be valid,
small, phone-sized, font-independent and byte-identical. Then the numbers behind each figure are
checked against independent computations (closed forms, finite differences, Newton's method).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from helpers import ROOT

FIGURES = ROOT / "scripts" / "figures"
SCRIPTS = sorted(p for p in FIGURES.glob("*.py") if not p.name.startswith("_"))
NAMES = [p.stem for p in SCRIPTS]
SVG = "{http://www.w3.org/2000/svg}"


def _style():
    """The `_style` module the figure scripts import (scripts/figures/ on sys.path)."""
    if str(FIGURES) not in sys.path:
        sys.path.append(str(FIGURES))
    return importlib.import_module("_style")


def _load(name: str):
    """Import scripts/figures/<name>.py by path, as the build hook may."""
    module_name = f"figure_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, FIGURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{name: (paths of run 1, paths of run 2, figures drawn in run 1)}."""
    style = _style()
    drawn: dict[str, list] = {}
    original_save = style.save

    def capturing_save(fig, path, alt):
        drawn.setdefault(Path(path).stem, []).append(fig)
        return original_save(fig, path, alt)

    style.save = capturing_save
    try:
        results = {}
        for name in NAMES:
            module = _load(name)
            first, second = (tmp_path_factory.mktemp(f"{name}-{i}") for i in (1, 2))
            paths1 = module.main(first)
            paths2 = module.main(second)
            results[name] = (paths1, paths2, drawn.get(name, []))
        return results
    finally:
        style.save = original_save


def test_there_are_figures():
    assert len(SCRIPTS) >= 7, NAMES


# --- every script: output files -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_writes_one_svg_named_after_the_script(rendered, name):
    paths1, _, _ = rendered[name]
    assert [Path(p).name for p in paths1] == [f"{name}.svg"]
    out_dir = Path(paths1[0]).parent
    assert sorted(p.name for p in out_dir.iterdir()) == [f"{name}.svg"], "stray files written"


@pytest.mark.parametrize("name", NAMES)
def test_svg_is_valid_small_phone_sized_and_font_independent(rendered, name):
    path = Path(rendered[name][0][0])
    size = path.stat().st_size
    assert 10_000 < size < 150_000, f"{path.name}: {size} bytes"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    width, height = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert width <= 6.5 * 72, "wider than 6.5 in: text gets too small on a phone"
    assert 0.5 <= height / width <= 1.0, "aspect ratio unsuited to a phone column"
    # The page's <img width height> are whole CSS px (4/3 of a pt); the drawing must be too, or
    # the lazy image, once loaded, is a fraction of a pixel taller or shorter than its placeholder.
    assert (width * 4 / 3).is_integer() and (height * 4 / 3).is_integer(), (width, height)
    # svg.fonttype = "path": glyphs are outlines, so no <text> needs a font on the reader's side.
    assert root.find(f".//{SVG}text") is None
    # Alt text is also the SVG's own <title>, for readers who open the file by itself.
    assert root.find(f"{SVG}title").text == _load(name).ALT
    text = path.read_text(encoding="utf-8")
    assert "<dc:date>" not in text, "a date makes the build non-reproducible"
    assert not re.search(r'href="(https?:)?//', text), "the figure must load nothing external"
    assert len(root.findall(f".//{SVG}path")) + len(root.findall(f".//{SVG}use")) > 20


@pytest.mark.parametrize("name", NAMES)
def test_two_runs_are_byte_identical(rendered, name):
    paths1, paths2, _ = rendered[name]
    for a, b in zip(paths1, paths2, strict=True):
        assert Path(a).read_bytes() == Path(b).read_bytes(), f"{Path(a).name} differs"


@pytest.mark.parametrize("name", NAMES)
def test_alt_text_and_caption_are_real_sentences(name):
    module = _load(name)
    for attr in ("ALT", "CAPTION"):
        text = getattr(module, attr)
        assert isinstance(text, str), attr
        words = text.split()
        assert len(words) >= (25 if attr == "ALT" else 10), f"{attr} too short: {text!r}"
        assert text[0].isupper() and text.rstrip().endswith("."), f"{attr}: {text!r}"
        assert "TODO" not in text and "  " not in text
        unsafe = set(text) & set('"[]*_`<>\\')
        assert not unsafe, f"{attr} must be plain inside ![...](...): {unsafe}"


def test_script_runs_from_the_command_line(tmp_path):
    """The build hook runs `python scripts/figures/<name>.py OUTDIR`; one script is enough here
    (this one imports a sibling script and the snippets, the hardest case for sys.path)."""
    script = FIGURES / "convexity_contours.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the repository: nothing may depend on the working directory
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "convexity_contours.svg").is_file()
    assert result.stdout.strip() == str(tmp_path / "convexity_contours.svg")


# --- what each figure shows ---------------------------------------------------------------------


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _newton_optimum(X, y, steps=30):
    """Minimizer of the cross-entropy by plain Newton iterations written out here."""
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        f = _sigmoid(A @ theta)
        g = A.T @ (f - y) / len(y)
        H = (A.T * (f * (1 - f))) @ A / len(y)
        theta -= np.linalg.solve(H, g)
    return theta


def test_sigmoid_figure_marks_the_maximum_at_0_quarter(rendered):
    fig = _load("sigmoid_derivative")
    z0, d0 = fig.peak()
    # Independently: sigma'(z) = e^-z / (1 + e^-z)^2 is 1/4 at z = 0 and smaller elsewhere.
    assert z0 == pytest.approx(0.0, abs=1e-12)
    assert d0 == pytest.approx(0.25, abs=1e-12)
    z, s, ds = fig.curves()
    np.testing.assert_allclose(s, _sigmoid(z), rtol=1e-12)
    np.testing.assert_allclose(ds, np.exp(-z) / (1 + np.exp(-z)) ** 2, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(ds, np.gradient(s, z), atol=2e-4)  # it is the slope of sigma
    # The marker drawn on the plot is that point.
    mpl_fig = rendered["sigmoid_derivative"][2][0]
    markers = [
        line.get_xydata()
        for line in mpl_fig.axes[0].get_lines()
        if line.get_marker() == "o" and len(line.get_xdata()) == 1
    ]
    assert len(markers) == 1
    np.testing.assert_allclose(markers[0][0], [0.0, 0.25], atol=1e-12)


def test_loss_figure_is_minus_log_f_and_minus_log_one_minus_f():
    f, loss1, loss0 = _load("loss_per_example").curves()
    np.testing.assert_allclose(loss1, -np.log(f), rtol=1e-9)
    np.testing.assert_allclose(loss0, -np.log1p(-f), rtol=1e-9)


def test_chain_rule_edge_derivatives_multiply_to_the_gradient(rendered):
    logreg = _style().snippet("logreg")
    for x, y, w, b in [(2.0, 1, 0.5, -0.3), (-1.5, 0, 1.2, 0.4), (0.7, 1, -2.0, 1.0)]:
        f = _sigmoid(w * x + b)
        dz_dw, dz_db, df_dz, dL_df = x, 1.0, f * (1 - f), -y / f + (1 - y) / (1 - f)
        dj_dw, dj_db = logreg.gradient(np.array([[x]]), np.array([y]), np.array([w]), b)
        assert dL_df * df_dz * dz_dw == pytest.approx(dj_dw[0], rel=1e-10)
        assert dL_df * df_dz * dz_db == pytest.approx(dj_db, rel=1e-10)
        assert (f - y) * x == pytest.approx(dj_dw[0], rel=1e-10)
    # The diagram shows exactly these local derivatives.
    mpl_fig = rendered["chain_rule_graph"][2][0]
    texts = " ".join(t.get_text() for t in mpl_fig.axes[0].texts)
    for piece in [r"\partial w} = x", r"\partial b} = 1", r"f\,(1-f)", r"\dfrac{1-y}{1-f}"]:
        assert piece in texts, piece
    assert r"=\;(f-y)\,x" in texts and r"=\;f-y" in texts


def test_squared_error_is_not_convex_and_cross_entropy_is():
    one = _load("convexity_one_weight")
    X, y = one.data()
    w, sq, ce = one.curves()
    # The squared error is what it claims to be.
    for wi, si in zip(w[::40], sq[::40], strict=True):
        assert si == pytest.approx(0.5 * np.mean((_sigmoid(wi * X[:, 0]) - y) ** 2), rel=1e-12)
    # Convex: second differences never negative, and the drawn chord lies above the curve.
    assert (ce[:-2] - 2 * ce[1:-1] + ce[2:]).min() > -1e-12
    _, line, curve = one.chord(w, ce, *one.CE_CHORD)
    assert (line - curve).min() > -1e-12
    # Not convex: the drawn chord lies strictly below the curve inside the interval.
    _, line, curve = one.chord(w, sq, *one.SQ_CHORD)
    assert (curve - line)[1:-1].min() > 0 and (curve - line).max() > 0.05
    # Flat: for w < -4 the squared error's slope is under 1/500 of the cross-entropy's there.
    flat = w < -4
    assert (
        np.abs(np.gradient(sq, w)[flat]).max() < 2e-3 < 1.0 < np.abs(np.gradient(ce, w)[flat]).min()
    )


def test_contours_minima_are_where_they_should_be():
    contours = _load("convexity_contours")
    W, B, sq, ce = contours.surfaces()
    X, y = _load("convexity_one_weight").data()
    w_star, b_star = _newton_optimum(X, y)
    i = np.unravel_index(ce.argmin(), ce.shape)
    step = W[0, 1] - W[0, 0]
    assert abs(W[i] - w_star) <= step and abs(B[i] - b_star) <= step


def test_descent_path_goes_downhill_to_the_optimum():
    fig = _load("descent_path")
    X, y = fig.data()
    p = fig.path()
    assert p.shape == (fig.STEPS + 1, 2)
    np.testing.assert_allclose(p[0], fig.START)
    # Each step is -alpha times the gradient, computed here independently.
    for k in (0, 1, fig.STEPS - 1):
        f = _sigmoid(p[k, 0] * X[:, 0] + p[k, 1])
        grad = np.array([np.mean((f - y) * X[:, 0]), np.mean(f - y)])
        np.testing.assert_allclose(p[k + 1] - p[k], -fig.ALPHA * grad, rtol=1e-9, atol=1e-15)

    def J(w, b):
        f = _sigmoid(w * X[:, 0] + b)
        return -np.mean(y * np.log(f) + (1 - y) * np.log1p(-f))

    costs = [J(*q) for q in p]
    assert all(b < a for a, b in zip(costs, costs[1:], strict=False)), "cost must decrease"
    np.testing.assert_allclose(p[-1], _newton_optimum(X, y), atol=0.05)
    assert fig.W_RANGE[0] < p[:, 0].min() and p[:, 0].max() < fig.W_RANGE[1]
    assert fig.B_RANGE[0] < p[:, 1].min() and p[:, 1].max() < fig.B_RANGE[1]


def test_gradient_check_error_is_v_shaped():
    h, err = _load("gradient_check_error").errors()
    best = h[err.argmin()]
    assert 1e-7 < best < 1e-3  # central differences: about eps^(1/3) ~ 6e-6
    assert err.min() < 1e-9
    right = h > 1e-3  # truncation error ~ h^2
    slope_right = np.polyfit(np.log10(h[right]), np.log10(err[right]), 1)[0]
    assert slope_right == pytest.approx(2.0, abs=0.2)
    left = h < 1e-9  # rounding error ~ eps / h
    slope_left = np.polyfit(np.log10(h[left]), np.log10(err[left]), 1)[0]
    assert slope_left == pytest.approx(-1.0, abs=0.3)


def test_decision_boundary_is_the_trained_models_half_line(rendered):
    fig = _load("decision_boundary")
    X, y, w, b = fig.train()
    theta = _newton_optimum(X, y)
    np.testing.assert_allclose(np.append(w, b), theta, atol=1e-6)  # descent reached the optimum
    assert np.mean((X @ w + b > 0) == (y == 1)) > 0.75
    # The solid contour drawn at f = 1/2 lies on w . x + b = 0.
    mpl_fig = rendered["decision_boundary"][2][0]
    ax = mpl_fig.axes[0]
    halves = [c for c in ax.collections if list(getattr(c, "levels", [])) == [0.5]]
    assert len(halves) == 1
    vertices = np.concatenate([p.vertices for p in halves[0].get_paths() if len(p.vertices)])
    assert len(vertices) > 2
    distance = np.abs(vertices @ w + b) / np.linalg.norm(w)  # from each vertex to the line
    assert distance.max() < 0.01


def test_newton_converges_in_a_few_steps_descent_in_hundreds():
    gd, nt = _load("newton_vs_descent").histories()
    assert np.argmax(nt < 1e-12) <= 6
    assert np.all(np.diff(gd) < 0) and 1e-10 < gd[-1] < 1e-8


def test_every_figure_is_shown_on_a_page_and_every_shown_figure_exists():
    """Pages show figures as `![](figures/<name>.svg)`; the build fills in ALT and CAPTION."""
    from sitebuild import figures

    pages = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")}
    shown = {m.group("name") for text in pages.values() for m in figures.FIGURE_REF.finditer(text)}
    assert shown == set(NAMES)
    for name in NAMES:
        texts = figures.figure_texts(FIGURES / f"{name}.py")
        assert texts["ALT"] and texts["CAPTION"]


def test_a_finished_builds_figure_folder_is_removed(tmp_path):
    """`mkdocs build` draws into .cache/figures-build/<pid>; the next build removes the folders
    of builds that have ended, and leaves those of builds still running."""
    from sitebuild import figures

    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    running = str(os.getppid())
    for pid in (ended, running):
        (tmp_path / pid).mkdir()
        (tmp_path / pid / "sigmoid.svg").write_text("<svg/>")
    figures._remove_finished_builds(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [running]
