"""Code page: the decision boundary of the model trained by gradient descent, over its data."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Scatter plot of the code page's 200 examples over two features x1 and x2, label 1 as blue "
    "circles and label 0 as orange crosses, the two classes overlapping along a diagonal band. "
    "A solid straight line, the decision boundary where the predicted probability is 1/2, "
    "separates the mostly-blue lower right from the mostly-orange upper left; dashed lines on "
    "either side mark predicted probabilities 0.1 and 0.9, and the background is shaded light "
    "orange where the model predicts 0 and light blue where it predicts 1."
)
CAPTION = (
    "The model trained by gradient descent predicts f = 1/2 on the line w1 x1 + w2 x2 + b = 0. "
    "Logistic regression's boundary is always a straight line (a hyperplane) in the features."
)

ALPHA = 1.0
ITERS = 500
LIM = 3.2
N = 41
SHADES = ["#f8dcc8", "#fbe8da", "#fdf4ec", "#eef4fa", "#dde9f4", "#cbdff0"]


def train():
    """X, y = logreg.make_data(); w, b from descent.gradient_descent, as on the code page."""
    logreg = _style.snippet("logreg")
    descent = _style.snippet("formula_to_code.descent")
    X, y = logreg.make_data()
    w, b, _ = descent.gradient_descent(X, y, np.zeros(2), 0.0, alpha=ALPHA, num_iters=ITERS)
    return X, y, w, b


def main(out_dir: Path) -> list[Path]:
    logreg = _style.snippet("logreg")
    out_dir = Path(out_dir)
    X, y, w, b = train()
    g = np.linspace(-LIM, LIM, N)
    G1, G2 = np.meshgrid(g, g)
    F = logreg.predict_proba(np.column_stack([G1.ravel(), G2.ravel()]), w, b).reshape(G1.shape)

    with _style.context():
        fig, ax = _style.figure(height=5.6)
        # Light orange where the model predicts 0, light blue where it predicts 1.
        ax.contourf(G1, G2, F, levels=[0, 0.1, 0.3, 0.5, 0.7, 0.9, 1], colors=SHADES)
        ax.contour(
            G1,
            G2,
            F,
            levels=[0.1, 0.9],
            colors=_style.MUTED,
            linewidths=1.2,
            linestyles=[(0, (4, 3))],
        )
        ax.contour(G1, G2, F, levels=[0.5], colors=_style.INK, linewidths=2.2)
        ones, zeros = y == 1, y == 0
        ax.scatter(
            X[ones, 0],
            X[ones, 1],
            s=26,
            marker="o",
            facecolors="none",
            edgecolors=_style.BLUE,
            linewidths=1.4,
            label=r"$y = 1$",
        )
        ax.scatter(
            X[zeros, 0],
            X[zeros, 1],
            s=30,
            marker="x",
            color=_style.VERMILLION,
            linewidths=1.4,
            label=r"$y = 0$",
        )
        ax.legend(loc="upper left", framealpha=0.95)
        ax.text(
            0.98,
            0.03,
            rf"$f = \frac{{1}}{{2}}$ where ${w[0]:.2f}\,x_1 {w[1]:+.2f}\,x_2 {b:+.2f} = 0$",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=12,
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": _style.CARD,
                "edgecolor": _style.GRID,
                "alpha": 0.95,
            },
        )
        ax.set_xlim(-LIM, LIM)
        ax.set_ylim(-LIM, LIM)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel(r"feature $x_1$")
        ax.set_ylabel(r"feature $x_2$")
        return [_style.save(fig, out_dir / "decision_boundary.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
