"""Shared look and plumbing for the build-time figures in scripts/figures/.

Every figure script does::

    with _style.context():
        fig, ax = _style.figure()
        ...
        return [_style.save(fig, out_dir / "name.svg", ALT)]

What this module guarantees:

* Agg backend, no display needed.
* Byte-identical SVG from run to run: fixed ``svg.hashsalt``, no ``Date`` metadata, glyphs
  drawn as paths (``svg.fonttype = "path"``) so the file does not depend on installed fonts and
  the page loads no web font for it.
* Readable in the light and the dark site palette: each figure is drawn on its own white
  rounded card with dark text, so the page background never touches the ink.
* Phone-sized: 6 in wide (the SVG scales down), text at 11 pt or more.
* ``snippet(name)`` imports a module from snippets/, so that figures are computed from
  the same code the pages show and the tests check.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SNIPPETS = REPO / "snippets"

WIDTH = 6.0  # inches; the SVG scales to the column, this fixes the text-to-plot ratio

# Okabe-Ito hues (colour-blind safe); blue, vermillion, green and purple darkened so that text
# in them keeps a contrast of at least 4.5:1 on the white card. Orange and sky: lines only.
BLUE = "#0072B2"
VERMILLION = "#B84D00"
GREEN = "#00795A"
PURPLE = "#A4407C"
ORANGE = "#E69F00"
SKY = "#56B4E9"
INK = "#1f2328"  # text, axes
MUTED = "#5b6470"  # secondary text, annotations
GRID = "#d8dce2"
CARD = "#ffffff"
CARD_EDGE = "#c9ced6"

RC = {
    "svg.hashsalt": "logreg-gradient-figures",
    "svg.fonttype": "path",
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 13,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 12,
    "mathtext.fontset": "cm",
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.facecolor": "none",
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=[BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY]),
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "lines.linewidth": 2.2,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "legend.edgecolor": GRID,
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": False,
    "path.simplify": True,
    "contour.linewidth": 1.2,
}


def snippet(name: str) -> ModuleType:
    """Import a module of snippets/ (the code the pages show), from anywhere: ``"logreg"`` is
    snippets/logreg.py, ``"formula_to_code.descent"`` snippets/formula_to_code/descent.py."""
    if str(SNIPPETS) not in sys.path:
        sys.path.insert(0, str(SNIPPETS))
    return importlib.import_module(name)


@contextlib.contextmanager
def context() -> Iterator[None]:
    """Apply the figure style for the duration of one script's ``main`` (no global change)."""
    with plt.rc_context(RC):
        yield


def figure(height: float = 4.0, *, diagram: bool = False, **subplots_kw) -> tuple[Figure, object]:
    """A ``WIDTH`` x ``height`` inch figure on a white rounded card; returns ``(fig, axes)``.

    ``diagram=True`` gives one axes covering the card, without ticks or grid, in inch units
    (x from 0 to WIDTH, y from 0 to height) for drawing boxes and arrows.
    """
    if diagram:
        fig = plt.figure(figsize=(WIDTH, height))
        axes = fig.add_axes((0, 0, 1, 1))
        axes.set_axis_off()
        axes.set_xlim(0, WIDTH)
        axes.set_ylim(0, height)
    else:
        fig, axes = plt.subplots(figsize=(WIDTH, height), layout="constrained", **subplots_kw)
        fig.get_layout_engine().set(w_pad=0.2, h_pad=0.2)
    card = FancyBboxPatch(
        (0.03, 0.03),
        WIDTH - 0.06,
        height - 0.06,
        boxstyle="round,pad=0,rounding_size=0.14",
        transform=fig.dpi_scale_trans,
        facecolor=CARD,
        edgecolor=CARD_EDGE,
        linewidth=0.8,
        zorder=-10,
    )
    fig.patches.append(card)
    return fig, axes


def save(fig: Figure, path: Path, alt: str) -> Path:
    """Write ``fig`` as a deterministic SVG (alt text as its <title>) and close it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A whole number of CSS px (96 per inch) each way: the page's <img width height> then give
    # exactly the drawing's aspect ratio, so the space reserved before the lazy image arrives is
    # the space it takes (a fraction of a pixel otherwise moves everything below it).
    width, height = fig.get_size_inches()
    fig.set_size_inches(round(width * 96) / 96, round(height * 96) / 96)
    fig.savefig(
        path,
        format="svg",
        metadata={"Date": None, "Creator": None, "Title": alt},
    )
    plt.close(fig)
    return path


def run(main) -> None:
    """Command-line entry: ``python scripts/figures/<name>.py OUTDIR``."""
    if len(sys.argv) != 2:
        raise SystemExit(f"usage: python {sys.argv[0]} OUTDIR")
    for written in main(Path(sys.argv[1])):
        print(written)
