"""Chain-rule page: the computation graph x, w, b -> z -> f -> L with local derivatives."""

from __future__ import annotations

import sys
from pathlib import Path

from matplotlib.patches import Circle
from matplotlib.transforms import offset_copy

if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))
import _style  # noqa: E402

ALT = (
    "Computation graph of logistic regression for one example: the inputs x, w and b feed "
    "z = wx + b, which feeds f = sigma(z), which together with the label y feeds the loss L. "
    "Each edge carries its local derivative: dz/dw = x, dz/db = 1, df/dz = f(1 - f) and "
    "dL/df = -y/f + (1 - y)/(1 - f). Multiplying them along the path from L back to w gives "
    "dL/dw = (f - y) x, and along the path to b gives dL/db = f - y."
)
CAPTION = (
    "Forward pass left to right; the backward pass multiplies the local derivatives on the "
    "edges from L back to the parameter. Each coloured factor in the product is the edge of "
    "the same colour."
)

# Node centres, in inches on the card.
NODES = {
    "x": (2.15, 4.75, r"$x$"),
    "w": (0.55, 3.55, r"$w$"),
    "b": (0.55, 2.45, r"$b$"),
    "z": (2.15, 3.55, r"$z$"),
    "f": (3.75, 3.55, r"$f$"),
    "L": (5.35, 3.55, r"$L$"),
    "y": (5.35, 4.75, r"$y$"),
}
SUBLABELS = {
    "z": r"$wx+b$",
    "f": r"$\sigma(z)$",
}
RADIUS = 0.27


def _node(ax, key: str, data: bool) -> None:
    cx, cy, label = NODES[key]
    ax.add_patch(
        Circle(
            (cx, cy),
            RADIUS,
            facecolor="#eef1f5" if data else "#ffffff",
            edgecolor=_style.MUTED if data else _style.INK,
            linewidth=1.4,
            linestyle=(0, (3, 2)) if data else "-",
        )
    )
    ax.text(cx, cy, label, ha="center", va="center", fontsize=16)
    if key in SUBLABELS:
        ax.text(
            cx,
            cy - RADIUS - 0.08,
            SUBLABELS[key],
            ha="center",
            va="top",
            fontsize=11,
            color=_style.MUTED,
        )


def _edge(ax, a: str, b: str, color: str) -> None:
    (ax0, ay0, _), (bx0, by0, _) = NODES[a], NODES[b]
    ax.annotate(
        "",
        xy=(bx0, by0),
        xytext=(ax0, ay0),
        arrowprops={
            "arrowstyle": "-|>,head_length=0.5,head_width=0.25",
            "color": color,
            "linewidth": 1.8,
            "shrinkA": RADIUS * 72 + 1,
            "shrinkB": RADIUS * 72 + 1,
        },
    )


def _row(fig, ax, x: float, y: float, parts: list[tuple[str, str]], fontsize: float = 13) -> None:
    """Draw ``parts`` ((mathtext, colour), ...) side by side on one baseline from ``x``."""
    renderer = fig.canvas.get_renderer()
    dx = 0.0
    for text, color in parts:
        trans = offset_copy(ax.transData, fig=fig, x=dx, y=0, units="points")
        t = ax.text(
            x, y, text, color=color, fontsize=fontsize, va="baseline", ha="left", transform=trans
        )
        dx += t.get_window_extent(renderer).width * 72 / fig.dpi


def main(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    c_w, c_b, c_z, c_f = _style.BLUE, _style.GREEN, _style.PURPLE, _style.VERMILLION
    with _style.context():
        fig, ax = _style.figure(height=5.3, diagram=True)
        ink = _style.INK

        _edge(ax, "x", "z", _style.MUTED)
        _edge(ax, "w", "z", c_w)
        _edge(ax, "b", "z", c_b)
        _edge(ax, "z", "f", c_z)
        _edge(ax, "f", "L", c_f)
        _edge(ax, "y", "L", _style.MUTED)
        for key in NODES:
            _node(ax, key, data=key in ("x", "y"))

        # Local derivatives on the edges.
        kw = {"ha": "center", "fontsize": 14}
        ax.text(1.35, 3.67, r"$\dfrac{\partial z}{\partial w} = x$", color=c_w, va="bottom", **kw)
        ax.text(1.75, 2.75, r"$\dfrac{\partial z}{\partial b} = 1$", color=c_b, va="center", **kw)
        ax.text(2.95, 3.67, r"$\dfrac{\partial f}{\partial z}$", color=c_z, va="bottom", **kw)
        ax.text(2.95, 3.43, r"$f\,(1-f)$", color=c_z, va="top", **kw)
        ax.text(4.55, 3.67, r"$\dfrac{\partial L}{\partial f}$", color=c_f, va="bottom", **kw)
        ax.text(4.55, 3.43, r"$-\dfrac{y}{f} + \dfrac{1-y}{1-f}$", color=c_f, va="top", **kw)
        ax.text(
            5.75,
            2.45,
            r"$L = -y\,\log f - (1-y)\,\log(1-f)$",
            color=_style.MUTED,
            ha="right",
            va="center",
            fontsize=12,
        )

        # The backward pass: product of the local derivatives.
        ax.plot([0.25, _style.WIDTH - 0.25], [2.02, 2.02], color=_style.GRID, linewidth=1)
        ax.text(
            0.3,
            1.85,
            "Backward: multiply the edge derivatives from L back to w (or b)",
            color=_style.MUTED,
            fontsize=11,
            va="top",
        )
        _row(
            fig,
            ax,
            0.3,
            1.0,
            [
                (r"$\dfrac{\partial L}{\partial w} = $", ink),
                (r"$\left(-\dfrac{y}{f} + \dfrac{1-y}{1-f}\right)$", c_f),
                (r"$\,f\,(1-f)$", c_z),
                (r"$\,x$", c_w),
                (r"$\;=\;(f-y)\,x$", ink),
            ],
        )
        _row(
            fig,
            ax,
            0.3,
            0.36,
            [
                (r"$\dfrac{\partial L}{\partial b} = $", ink),
                (r"$\left(-\dfrac{y}{f} + \dfrac{1-y}{1-f}\right)$", c_f),
                (r"$\,f\,(1-f)$", c_z),
                (r"$\,\cdot\,1$", c_b),
                (r"$\;=\;f-y$", ink),
            ],
        )
        return [_style.save(fig, out_dir / "chain_rule_graph.svg", ALT)]


if __name__ == "__main__":
    _style.run(main)
