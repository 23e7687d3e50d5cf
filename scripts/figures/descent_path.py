"""Code page: gradient descent on the contours of J(w, b), with the gradient field."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Contour map of the cross-entropy cost J(w, b) for the first feature of the code page's "
    "data set: tilted oval contours around a single minimum near w = 2, b = 0.4. Grey arrows at "
    "grid points point along the negative gradient, downhill and across the contour lines. "
    "The path of 60 gradient-descent steps starts at w = 4.5, b = -2.5, heads up and to the "
    "left, crossing each contour line at a right angle, curves into the valley and settles at "
    "the minimum, the steps getting shorter as the gradient shrinks."
)
CAPTION = (
    "Each step moves against the gradient, across the contour lines, by the learning rate times "
    "the gradient; steps shrink as the gradient vanishes at the minimum."
)

START = (4.5, -2.5)  # (w, b)
ALPHA = 1.5
STEPS = 60
W_RANGE = (-1.8, 5.2)
B_RANGE = (-3.0, 3.0)
N = 41


def data():
    """The code page's data set (logreg.make_data), first feature only: one weight, one bias."""
    logreg = _style.snippet("logreg")
    X, y = logreg.make_data()
    return X[:, :1], y


def path():
    """(w, b) after 0, 1, ..., STEPS steps of descent.gradient_descent from START."""
    descent = _style.snippet("formula_to_code.descent")
    X, y = data()
    w, b = np.array([START[0]]), START[1]
    points = [(float(w[0]), float(b))]
    for _ in range(STEPS):
        w, b, _ = descent.gradient_descent(X, y, w, b, alpha=ALPHA, num_iters=1)
        points.append((float(w[0]), float(b)))
    return np.array(points)


def main(out_dir: Path) -> list[Path]:
    logreg = _style.snippet("logreg")
    out_dir = Path(out_dir)
    X, y = data()
    w = np.linspace(*W_RANGE, N)
    b = np.linspace(*B_RANGE, N)
    J = np.array([[logreg.cost(X, y, np.array([wi]), bi) for wi in w] for bi in b])
    p = path()

    # The gradient field on a coarse grid, drawn as unit arrows pointing downhill.
    gw = np.linspace(W_RANGE[0] + 0.5, W_RANGE[1] - 0.5, 8)
    gb = np.linspace(B_RANGE[0] + 0.5, B_RANGE[1] - 0.5, 7)
    GW, GB = np.meshgrid(gw, gb)
    U, V = np.zeros_like(GW), np.zeros_like(GB)
    for idx in np.ndindex(GW.shape):
        dj_dw, dj_db = logreg.gradient(X, y, np.array([GW[idx]]), GB[idx])
        norm = np.hypot(dj_dw[0], dj_db)
        U[idx], V[idx] = -dj_dw[0] / norm, -dj_db / norm

    with _style.context():
        fig, ax = _style.figure(height=5.4)
        box = {
            "boxstyle": "round,pad=0.15",
            "facecolor": _style.CARD,
            "edgecolor": "none",
            "alpha": 0.85,
        }
        t = np.linspace(0, 1, 14)[1:]
        levels = J.min() + (J.max() - J.min()) * t**2
        ax.contour(w, b, J, levels=levels, colors=_style.BLUE, linewidths=1.0, alpha=0.7)
        ax.quiver(
            GW,
            GB,
            U,
            V,
            color=_style.MUTED,
            angles="xy",
            scale_units="xy",
            scale=2.6,
            width=0.005,
            headwidth=4,
            headlength=4,
            alpha=0.8,
        )
        ax.plot(p[:, 0], p[:, 1], "-", color=_style.VERMILLION, linewidth=1.6)
        ax.plot(p[:, 0], p[:, 1], "o", color=_style.VERMILLION, markersize=4)
        ax.plot(*p[0], "o", color=_style.VERMILLION, markersize=8)
        ax.annotate(
            "start",
            xy=p[0],
            xytext=(-10, -4),
            textcoords="offset points",
            color=_style.VERMILLION,
            fontsize=12,
            va="top",
            ha="right",
            bbox=box,
        )
        ax.plot(*p[-1], "*", color=_style.INK, markersize=13, zorder=6)
        ax.annotate(
            f"after {STEPS} steps",
            xy=p[-1],
            xytext=(-8, 10),
            textcoords="offset points",
            fontsize=12,
            ha="right",
            bbox=box,
        )
        ax.set_title(
            rf"gradient descent on $J(w, b)$, learning rate $\alpha = {ALPHA:g}$",
            loc="left",
            fontsize=12,
        )
        ax.set_xlim(*W_RANGE)
        ax.set_ylim(*B_RANGE)
        ax.set_aspect("equal")
        ax.grid(False)
        ax.set_xlabel(r"weight $w$")
        ax.set_ylabel(r"bias $b$")
        return [_style.save(fig, out_dir / "descent_path.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
