"""Newton page: size of the gradient per iteration, Newton's method vs gradient descent."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Plot of the length of the gradient, on a logarithmic scale from 1 down to 1e-17, against "
    "the iteration number from 0 to 500, for the code page's data set starting from w = 0, "
    "b = 0. Gradient descent with learning rate 1 falls along a nearly straight line, a constant "
    "factor per step, and is at about 2e-9 after 500 steps. Newton's method plunges almost "
    "vertically at the left edge, faster and faster, and is below 1e-12 after 6 steps."
)
CAPTION = (
    "Gradient descent gains a roughly constant number of digits per step (linear convergence); "
    "Newton's method, using the Hessian, doubles the number of correct digits per step near the "
    "optimum (quadratic convergence)."
)

ITERS = 500
NEWTON_STEPS = 7
ALPHA = 1.0


def histories():
    """|gradient| after each iteration: descent.gradient_descent and newton_step.newton_step."""
    logreg = _style.snippet("logreg")
    descent = _style.snippet("formula_to_code.descent")
    newton = _style.snippet("formula_to_code.newton_step")
    X, y = logreg.make_data()

    def norm(w, b):
        dj_dw, dj_db = logreg.gradient(X, y, w, b)
        return float(np.linalg.norm(np.append(dj_dw, dj_db)))

    w, b = np.zeros(2), 0.0
    gd = [norm(w, b)]
    for _ in range(ITERS):
        w, b, _ = descent.gradient_descent(X, y, w, b, alpha=ALPHA, num_iters=1)
        gd.append(norm(w, b))
    w, b = np.zeros(2), 0.0
    nt = [norm(w, b)]
    for _ in range(NEWTON_STEPS):
        w, b = newton.newton_step(X, y, w, b)
        nt.append(norm(w, b))
    return np.array(gd), np.array(nt)


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    gd, nt = histories()
    floor = 1e-17
    with _style.context():
        fig, ax = _style.figure(height=4.2)
        ax.semilogy(
            np.arange(gd.size),
            gd,
            "-",
            color=_style.BLUE,
            linewidth=2.2,
            label=rf"gradient descent, $\alpha = {ALPHA:g}$",
        )
        ax.semilogy(
            np.arange(nt.size),
            np.maximum(nt, floor),
            "s-",
            color=_style.VERMILLION,
            markersize=6,
            linewidth=1.8,
            label="Newton's method",
        )
        ax.set_xlim(-8, ITERS + 5)
        ax.set_ylim(1e-17, 1)
        ax.set_yticks([1e-16, 1e-12, 1e-8, 1e-4, 1])
        ax.minorticks_off()
        ax.set_xlabel("iteration")
        ax.set_ylabel(r"$\|\nabla J\|$")
        ax.legend(loc="lower right")
        ax.annotate(
            f"Newton: {int(np.argmax(nt < 1e-12))} steps to reach $10^{{-12}}$",
            xy=(np.argmax(nt < 1e-12), nt[np.argmax(nt < 1e-12)]),
            xytext=(60, 1e-13),
            fontsize=12,
            color=_style.VERMILLION,
            va="center",
            arrowprops={
                "arrowstyle": "->",
                "color": _style.VERMILLION,
                "linewidth": 1,
                "shrinkB": 6,
            },
        )
        mant, expo = f"{gd[-1]:.0e}".split("e")
        ax.annotate(
            rf"descent after {ITERS} steps: ${mant} \times 10^{{{int(expo)}}}$",
            xy=(ITERS, gd[-1]),
            xytext=(ITERS, 1e-4),
            ha="right",
            va="bottom",
            fontsize=12,
            color=_style.BLUE,
            arrowprops={"arrowstyle": "->", "color": _style.BLUE, "linewidth": 1, "shrinkB": 4},
        )
        return [_style.save(fig, out_dir / "newton_vs_descent.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
