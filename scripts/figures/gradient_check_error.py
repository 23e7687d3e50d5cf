"""Code page: error of the central-difference gradient check against the step size h."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Log-log plot of the relative error between the analytic gradient and the central-difference "
    "estimate, against the step size h from 1e-13 to 1e-1. The curve is V-shaped: for large h "
    "the error falls in proportion to h squared (truncation error, parallel to a dashed guide of "
    "slope 2), for small h it grows roughly as 1/h and is jagged (rounding error, parallel to a "
    "guide of slope -1). The bottom of the V, an error near 1e-11, is at h of about 3e-5. A "
    "dotted line at 1e-7 marks the usual pass threshold: the check passes for h from about "
    "1e-9 to 1e-3."
)
CAPTION = (
    "Too large a step and the difference quotient misses the curvature; too small and "
    "floating-point rounding in J(p + h) - J(p - h) dominates. Central differences do best "
    "around h = 1e-5, far below the usual 1e-7 threshold."
)

H = (1e-13, 1e-1)
N = 49
EPS = 2.0**-52  # double-precision machine epsilon


def data():
    """The gradient-check demo's data (20 examples, 3 features, seed 0) and parameters."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 3))
    y = (rng.random(20) < 0.5).astype(float)
    w, b = rng.normal(size=3), 0.5
    return X, y, w, b


def errors():
    """h and the relative error of gradient_check.numerical_gradient(eps=h) vs logreg.gradient."""
    logreg = _style.snippet("logreg")
    check = _style.snippet("formula_to_code.gradient_check")
    X, y, w, b = data()
    analytic = logreg.gradient(X, y, w, b)
    h = np.logspace(np.log10(H[0]), np.log10(H[1]), N)
    err = np.array(
        [check.relative_error(analytic, check.numerical_gradient(X, y, w, b, eps=hi)) for hi in h]
    )
    return h, err


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    h, err = errors()
    i = int(err.argmin())
    with _style.context():
        fig, ax = _style.figure(height=4.6)
        # Guide lines of slope 2 and -1, fitted to the arms and drawn a factor 30 below them.
        right = h > 1e-3
        c2 = np.median(err[right] / h[right] ** 2) / 30
        left = h < 1e-9
        c1 = np.median(err[left] * h[left]) / 30
        guide = {"color": _style.MUTED, "linewidth": 1.2, "linestyle": (0, (4, 3))}
        hr = h[h > 1e-5]
        ax.loglog(hr, c2 * hr**2, **guide)
        hl = h[h < 1e-6]
        ax.loglog(hl, c1 / hl, **guide)
        ax.text(
            3e-9,
            c1 / 3e-9 / 2,
            "slope −1",
            color=_style.MUTED,
            fontsize=11,
            rotation=0,
            ha="right",
            va="top",
        )
        ax.text(
            3e-3, c2 * 3e-3**2 / 2, "slope 2", color=_style.MUTED, fontsize=11, ha="left", va="top"
        )
        ax.axhline(1e-7, color=_style.GREEN, linewidth=1.2, linestyle=(0, (1, 2)))
        ax.text(
            3e-6,
            1.6e-7,
            r"pass: below $10^{-7}$",
            color=_style.GREEN,
            fontsize=11,
            ha="center",
            va="bottom",
        )
        ax.loglog(h, err, "o-", color=_style.BLUE, markersize=3.5, linewidth=1.6)
        ax.plot(h[i], err[i], "o", color=_style.VERMILLION, markersize=8, zorder=5)

        ax.text(
            2e-11, 3e-2, "rounding error " + r"$\approx \varepsilon / h$", fontsize=12, va="center"
        )
        ax.text(
            3e-3,
            3e-2,
            "truncation\nerror " + r"$\approx h^2$",
            fontsize=12,
            ha="right",
            va="center",
        )
        mant, expo = f"{h[i]:.0e}".split("e")
        ax.annotate(
            rf"best: $h \approx {mant} \times 10^{{{int(expo)}}}$",
            xy=(h[i], err[i]),
            xytext=(0, -34),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=12,
            color=_style.VERMILLION,
            arrowprops={
                "arrowstyle": "->",
                "color": _style.VERMILLION,
                "linewidth": 1,
                "shrinkB": 6,
            },
        )
        ax.set_xlim(H[0] / 2, H[1] * 2)
        ax.set_ylim(1e-15, 1)
        ax.set_xticks([1e-12, 1e-9, 1e-6, 1e-3])
        ax.set_yticks([1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1])
        ax.minorticks_off()
        ax.set_xlabel(r"step size $h$")
        ax.set_ylabel("relative error")
        return [_style.save(fig, out_dir / "gradient_check_error.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
