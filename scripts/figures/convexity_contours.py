"""Convexity page: squared error through a sigmoid vs cross-entropy over (w, b), as contours."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402
import convexity_one_weight as one  # noqa: E402  (same data set and squared-error cost)

ALT = (
    "Two shaded contour maps over the weight w (horizontal, -4 to 6) and the bias b (vertical, "
    "-5 to 5), for the same seven-point data set. Left, squared error through the sigmoid: a "
    "small pocket around the minimum near w = 0.75, b = 0.25, contour lines crowded into a "
    "band along w = 0 and bent like a bean, and wide almost-flat plateaus on the left and the "
    "right. Right, cross-entropy: nested oval contours around a single minimum near w = 1, "
    "b = 0.5, rising steadily in every direction like a bowl."
)
CAPTION = (
    "The same two costs over (w, b), darker where the cost is higher. Squared error has "
    "plateaus, where the gradient nearly vanishes and gradient descent crawls; cross-entropy is "
    "one bowl."
)

W_RANGE = (-4.0, 6.0)
B_RANGE = (-5.0, 5.0)
N = 41  # grid points per axis: smooth enough, and a small SVG


def surfaces():
    """w, b grids and both costs on them: squared error, and logreg.cost (cross-entropy)."""
    logreg = _style.snippet("logreg")
    X, y = one.data()
    w = np.linspace(*W_RANGE, N)
    b = np.linspace(*B_RANGE, N)
    W, B = np.meshgrid(w, b)
    sq = one.squared_error(X, y, W[..., None], B)
    ce = np.array([[logreg.cost(X, y, np.array([wi]), bi) for wi in w] for bi in b])
    return W, B, sq, ce


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    W, B, sq, ce = surfaces()
    with _style.context():
        fig, axes = _style.figure(height=3.4, ncols=2, sharey=True)
        panels = [
            (axes[0], sq, "squared error", "not convex", "Oranges"),
            (axes[1], ce, "cross-entropy", "convex", "Blues"),
        ]
        for ax, J, title, verdict, cmap in panels:
            # Levels at equal steps of sqrt(J - min): even spacing near the minimum too.
            t = np.linspace(0, 1, 11)[1:]
            levels = J.min() + (J.max() - J.min()) * t**2
            ax.contourf(
                W, B, J, levels=np.r_[J.min(), levels], cmap=cmap, alpha=0.55, antialiased=True
            )
            ax.contour(W, B, J, levels=levels[:-1], colors=_style.INK, linewidths=0.6, alpha=0.6)
            i = np.unravel_index(J.argmin(), J.shape)
            ax.plot(W[i], B[i], "o", color=_style.INK, markersize=6, zorder=5)
            ax.set_title(f"{title}: {verdict}", loc="left", fontsize=12)
            ax.set_xlim(W.min(), W.max())
            ax.set_ylim(B.min(), B.max())
            ax.set_xticks([-4, -2, 0, 2, 4, 6])
            ax.set_xticklabels(["−4", "", "0", "", "4", ""])
            ax.grid(False)
            ax.set_xlabel(r"$w$")
        axes[0].set_ylabel(r"$b$")
        for w_, b_ in ((-2.5, 3.9), (4.4, -0.4)):
            axes[0].text(w_, b_, "plateau", ha="center", va="center", fontsize=11, color=_style.INK)
        return [_style.save(fig, out_dir / "convexity_contours.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
