"""Sigmoid-derivative page: sigma(z) and sigma'(z) = sigma(z)(1 - sigma(z)), peak 1/4 at z = 0."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Plot of the sigmoid sigma(z), an S-shaped curve rising from 0 to 1 and passing through 0.5 "
    "at z = 0, together with its derivative sigma(z)(1 - sigma(z)), a bell-shaped curve that "
    "is largest at z = 0, where it equals 1/4, and falls towards 0 on both sides."
)
CAPTION = (
    "The slope of the sigmoid is never more than 1/4, reached at z = 0; far from 0 the sigmoid "
    "saturates and its slope vanishes."
)

Z = (-7.0, 7.0)


def curves(n: int = 281):
    """z, sigma(z) and sigma'(z) = sigma(z) (1 - sigma(z)), all from logreg.sigmoid."""
    logreg = _style.snippet("logreg")
    z = np.linspace(*Z, n)
    s = logreg.sigmoid(z)
    return z, s, s * (1.0 - s)


def peak() -> tuple[float, float]:
    """The marked maximum of sigma'(z): where the sampled derivative is largest."""
    z, _, ds = curves()
    i = int(ds.argmax())
    return float(z[i]), float(ds[i])


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    z, s, ds = curves()
    z0, d0 = peak()
    with _style.context():
        fig, ax = _style.figure(height=4.0)
        ax.plot(z, s, color=_style.BLUE, label=r"$\sigma(z)$")
        ax.plot(z, ds, color=_style.VERMILLION, label=r"$\sigma'(z) = \sigma(z)\,(1-\sigma(z))$")
        ax.axhline(0.5, color=_style.MUTED, linewidth=0.8, linestyle=(0, (4, 3)), zorder=1)
        ax.vlines(z0, 0, d0, color=_style.VERMILLION, linewidth=1, linestyle=(0, (2, 2)))
        ax.plot([z0], [d0], "o", color=_style.VERMILLION, markersize=7, zorder=5)
        ax.annotate(
            r"maximum $\sigma'(0) = 1/4$",
            xy=(z0, d0),
            xytext=(1.6, 0.32),
            color=_style.VERMILLION,
            fontsize=13,
            va="center",
            arrowprops={
                "arrowstyle": "->",
                "color": _style.VERMILLION,
                "linewidth": 1.2,
                "shrinkB": 5,
            },
        )
        ax.annotate(
            r"$\sigma(0) = 1/2$", xy=(0, 0.5), xytext=(-6.6, 0.56), color=_style.BLUE, fontsize=13
        )
        ax.set_xlim(*Z)
        ax.set_ylim(-0.03, 1.05)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_xlabel(r"$z$")
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, 0.98))
        return [_style.save(fig, out_dir / "sigmoid_derivative.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
