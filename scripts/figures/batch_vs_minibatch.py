"""Stochastic-gradient page: batch and mini-batch descent paths on the same contours of J(w, b)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402
from descent_path import data  # noqa: E402  (the same data set: one weight, one bias)

ALT = (
    "Contour map of the cross-entropy cost J(w, b) for one feature of the code page's data set, "
    "with a single minimum near w = 2, b = 0.4. Two paths start at w = 4.5, b = -2.5 and use "
    "the same learning rate for 10 passes over the 200 examples. The batch path (blue, one "
    "step per pass, 10 steps) is a smooth curve across the contours and is still far from the "
    "minimum at the end. The mini-batch path (vermillion, batches of 20 examples, 100 steps) "
    "zigzags down the same valley, reaches the minimum and keeps wandering around it."
)
CAPTION = (
    "The same learning rate and the same 10 passes over the data: batch descent takes 10 exact "
    "steps and is still on its way; mini-batch descent takes 100 noisy steps, reaches the "
    "minimum and jitters around it."
)

START = (4.5, -2.5)  # (w, b)
ALPHA = 1.5
EPOCHS = 10
BATCH = 20
W_RANGE = (-0.3, 5.2)
B_RANGE = (-3.0, 2.0)
N = 41


def paths():
    """(batch path, mini-batch path): arrays of (w, b), from sgd.sgd with the same alpha."""
    sgd = _style.snippet("questions.sgd")
    X, y = data()
    w0, b0 = np.array([START[0]]), START[1]
    out = []
    for batch_size in (len(y), BATCH):
        path = sgd.sgd(X, y, w0, b0, ALPHA, batch_size, EPOCHS, seed=1)
        out.append(np.array([(float(w[0]), float(b)) for w, b in path]))
    return out


def main(out_dir: Path) -> list[Path]:
    logreg = _style.snippet("logreg")
    X, y = data()
    w = np.linspace(*W_RANGE, N)
    b = np.linspace(*B_RANGE, N)
    J = np.array([[logreg.cost(X, y, np.array([wi]), bi) for wi in w] for bi in b])
    batch, mini = paths()
    with _style.context():
        fig, ax = _style.figure(height=5.0)
        t = np.linspace(0, 1, 14)[1:]
        levels = J.min() + (J.max() - J.min()) * t**2
        ax.contour(w, b, J, levels=levels, colors=_style.MUTED, linewidths=0.9, alpha=0.6)
        ax.plot(
            mini[:, 0],
            mini[:, 1],
            "-",
            color=_style.VERMILLION,
            linewidth=1.0,
            label=f"mini-batch ({BATCH} examples), {len(mini) - 1} steps",
        )
        ax.plot(
            batch[:, 0],
            batch[:, 1],
            "o-",
            color=_style.BLUE,
            linewidth=2.0,
            markersize=4,
            label=f"batch (all {len(y)}), {len(batch) - 1} steps",
        )
        ax.plot(*batch[0], "o", color=_style.INK, markersize=8)
        ax.annotate(
            "start",
            xy=batch[0],
            xytext=(-10, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=12,
        )
        ax.set_title(
            rf"{EPOCHS} passes over the data, learning rate $\alpha = {ALPHA:g}$",
            loc="left",
            fontsize=12,
        )
        ax.set_xlim(*W_RANGE)
        ax.set_ylim(*B_RANGE)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel(r"weight $w$")
        ax.set_ylabel(r"bias $b$")
        ax.legend(loc="lower left")
        return [_style.save(fig, Path(out_dir) / "batch_vs_minibatch.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
