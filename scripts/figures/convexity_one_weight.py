"""Convexity page: squared error through a sigmoid vs cross-entropy, as functions of one weight."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Two plots over the same weight w from -6 to 6, for a seven-point data set with b = 0. "
    "Top: the squared-error cost of the sigmoid's output is not convex. It is flat near 0.36 "
    "for all negative w, drops steeply just left of w = 0 to a minimum near w = 0.75, then "
    "rises slowly towards another flat level near 0.14; a dashed chord from w = -5 to w = 0 "
    "runs below the curve. Bottom: the cross-entropy cost is convex, a single bowl, falling "
    "almost linearly from about 10 at w = -6 to its minimum 0.42 at w = 1 and rising slowly "
    "after; a dashed chord from w = -5 to w = 4 runs above the curve."
)
CAPTION = (
    "Same data, same model, two costs. Squared error through a sigmoid has flat stretches where "
    "the gradient almost vanishes, and a chord that dips below the curve; cross-entropy is "
    "convex: every chord lies on or above it."
)

# One feature, seven examples, one of each class on the wrong side: not separable.
X = [[-3.0], [-2.0], [-1.0], [0.5], [1.0], [2.0], [3.5]]
Y = [0, 0, 1, 0, 1, 1, 1]
W_RANGE = (-6.0, 6.0)


def data():
    return np.array(X), np.array(Y, dtype=float)


def squared_error(X, y, w, b):
    """J_sq = (1/2m) sum (sigmoid(X w + b) - y)^2: the counter-example, not in the snippets.

    Vectorized over any leading shape of w (..., n) and b (...).
    """
    logreg = _style.snippet("logreg")
    w = np.asarray(w, dtype=float)
    b = np.asarray(b, dtype=float)
    f = logreg.sigmoid(np.einsum("...j,ij->...i", w, X) + b[..., None])
    return 0.5 * np.mean((f - y) ** 2, axis=-1)


def curves(n: int = 241):
    """w, squared-error cost and cross-entropy cost (logreg.cost) along w, with b = 0."""
    logreg = _style.snippet("logreg")
    X, y = data()
    w = np.linspace(*W_RANGE, n)
    sq = squared_error(X, y, w[:, None], np.zeros_like(w))
    ce = np.array([logreg.cost(X, y, np.array([wi]), 0.0) for wi in w])
    return w, sq, ce


def chord(w, c, w0: float, w1: float):
    """The straight segment between the curve's points at w0 and w1, sampled on w in [w0, w1].

    A function is convex exactly when every such chord lies on or above its graph.
    Returns (w, chord values, curve values) on that interval.
    """
    i0, i1 = int(np.abs(w - w0).argmin()), int(np.abs(w - w1).argmin())
    ws, cs = w[i0 : i1 + 1], c[i0 : i1 + 1]
    line = cs[0] + (cs[-1] - cs[0]) * (ws - ws[0]) / (ws[-1] - ws[0])
    return ws, line, cs


SQ_CHORD = (-5.0, 0.0)  # a chord that passes below the squared-error curve
CE_CHORD = (-5.0, 4.0)  # a wide chord over the cross-entropy bowl


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    w, sq, ce = curves()
    with _style.context():
        fig, (top, bottom) = _style.figure(height=5.6, nrows=2, sharex=True)
        chord_kw = {"color": _style.INK, "linewidth": 1.3, "linestyle": (0, (4, 3))}

        top.plot(w, sq, color=_style.VERMILLION)
        ws, line, _ = chord(w, sq, *SQ_CHORD)
        top.plot(ws, line, **chord_kw)
        top.plot(ws[[0, -1]], line[[0, -1]], "o", color=_style.INK, markersize=5)
        top.set_title("squared error of the sigmoid: not convex", loc="left", fontsize=12)
        top.annotate(
            "flat: gradient ≈ 0",
            xy=(-5.5, sq[10]),
            xytext=(-5.8, 0.43),
            fontsize=12,
            va="center",
            arrowprops={"arrowstyle": "->", "color": _style.INK, "linewidth": 1},
        )
        top.text(
            -3.0,
            0.2,
            "chord below\nthe curve",
            fontsize=12,
            ha="center",
            va="top",
            color=_style.INK,
        )
        top.set_ylim(0, 0.5)
        top.set_yticks([0, 0.1, 0.2, 0.3, 0.4])
        top.set_ylabel(r"$J_{\mathrm{sq}}(w)$")

        bottom.plot(w, ce, color=_style.BLUE)
        ws, line, _ = chord(w, ce, *CE_CHORD)
        bottom.plot(ws, line, **chord_kw)
        bottom.plot(ws[[0, -1]], line[[0, -1]], "o", color=_style.INK, markersize=5)
        bottom.set_title("cross-entropy: convex", loc="left", fontsize=12)
        bottom.text(
            0.9,
            5.0,
            "chord above\nthe curve",
            fontsize=12,
            ha="left",
            va="bottom",
            color=_style.INK,
        )
        bottom.set_ylim(0, ce.max() * 1.05)
        bottom.set_ylabel(r"$J(w)$")
        bottom.set_xlabel(r"weight $w$   ($b = 0$)")
        bottom.set_xlim(*W_RANGE)
        return [_style.save(fig, out_dir / "convexity_one_weight.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
