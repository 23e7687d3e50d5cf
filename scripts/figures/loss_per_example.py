"""Per-example cross-entropy loss against the prediction f, for y = 1 and y = 0."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Plot of the loss of one example against the predicted probability f from 0 to 1. "
    "For a label y = 1 the loss is -log f: zero at f = 1 and rising steeply towards infinity as "
    "f goes to 0. For y = 0 the loss is -log(1 - f), its mirror image: zero at f = 0 and rising "
    "steeply as f goes to 1. The two curves cross at f = 1/2, where both equal log 2."
)
CAPTION = (
    "Cross-entropy punishes a confident wrong prediction without limit, and costs nothing for a "
    "confident right one."
)

YMAX = 4.6


def curves(n: int = 241):
    """f and the one-example cost for y = 1 and y = 0, from logreg.cost on a single example."""
    logreg = _style.snippet("logreg")
    f = np.linspace(0.004, 0.996, n)
    z = np.log(f) - np.log1p(-f)  # the logit, so that sigmoid(z) = f

    def one(zi: float, y: int) -> float:
        return logreg.cost(np.array([[zi]]), np.array([y]), np.array([1.0]), 0.0)

    loss1 = np.array([one(zi, 1) for zi in z])
    loss0 = np.array([one(zi, 0) for zi in z])
    return f, loss1, loss0


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    f, loss1, loss0 = curves()
    with _style.context():
        fig, ax = _style.figure(height=4.0)
        ax.plot(f, loss1, color=_style.BLUE)
        ax.plot(f, loss0, color=_style.VERMILLION)
        ax.text(
            0.16,
            3.3,
            "label $y = 1$:\n" + r"$L = -\log f$",
            color=_style.BLUE,
            fontsize=13,
            va="center",
            linespacing=1.4,
        )
        ax.text(
            0.84,
            3.3,
            "label $y = 0$:\n" + r"$L = -\log(1-f)$",
            color=_style.VERMILLION,
            fontsize=13,
            va="center",
            ha="right",
            linespacing=1.4,
            multialignment="right",
        )
        ax.plot([0.5], [np.log(2)], "o", color=_style.INK, markersize=6, zorder=5)
        ax.annotate(
            r"$\log 2 \approx 0.69$",
            xy=(0.5, np.log(2)),
            xytext=(0.5, 1.55),
            ha="center",
            fontsize=13,
            arrowprops={"arrowstyle": "->", "color": _style.INK, "linewidth": 1, "shrinkB": 5},
        )
        ax.set_xlim(0, 1)
        ax.set_ylim(0, YMAX)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_xlabel(r"prediction $f = \sigma(z)$")
        ax.set_ylabel(r"loss $L$")
        return [_style.save(fig, out_dir / "loss_per_example.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
