"""The map of note 003's §5: from gradient descent to Adam, plus learning-rate scheduling.

The map is data (nodes, edges, box geometry) plus one figure function that draws
boxes and arrows. Box titles are the concept pages' titles, so the drawing and
the site's links name things the same way.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from snippets.core import Array
from snippets.plotting import COLORS, new_figure, tr


class Node(NamedTuple):
    """A box of the map: the concept page it stands for, its centre and its colour key."""

    stem: str
    center: tuple[float, float]
    color: str


NODES: dict[str, Node] = {
    "gd": Node("gradient-descent", (1.6, 3.4), "gd"),
    "momentum": Node("momentum", (5.5, 5.3), "momentum"),
    "adagrad": Node("adagrad", (3.9, 1.6), "adagrad"),
    "rmsprop": Node("rmsprop", (7.5, 1.6), "rmsprop"),
    "adam": Node("adam", (10.4, 3.4), "adam"),
    "scheduling": Node("lr-scheduling", (10.4, 0.6), "neutral"),
}

# (from, to, dashed): scheduling is drawn dashed because it combines with any method
EDGES: tuple[tuple[str, str, bool], ...] = (
    ("gd", "momentum", False),
    ("gd", "adagrad", False),
    ("adagrad", "rmsprop", False),
    ("momentum", "adam", False),
    ("rmsprop", "adam", False),
    ("scheduling", "adam", True),
)

BOX_HALF_WIDTH = 1.45
BOX_HALF_HEIGHT = 0.62


def node_title(lang: str, key: str) -> str:
    """The box title: the title of the node's concept page in ``lang``."""
    titles = {
        "gd": tr(lang, en="Gradient descent", ru="Градиентный спуск", zh="梯度下降"),
        "momentum": tr(lang, en="Momentum", ru="Градиентный спуск с инерцией", zh="动量法"),
        "adagrad": "AdaGrad",
        "rmsprop": tr(lang, en="RMSprop", ru="RMSprop", zh="RMSprop"),
        "adam": "Adam",
        "scheduling": tr(lang, en="Learning-rate decay and warmup",
                         ru="Затухание и разогрев шага", zh="学习率调度：衰减与预热"),
    }
    return titles[key]


def node_role(lang: str, key: str) -> str:
    """What the node adds, in the words of note 003's technology stack."""
    roles = {
        "gd": "θ ← θ − η·g",
        "momentum": tr(lang, en="history of directions: m", ru="история направлений: m",
                       zh="历史方向：m"),
        "adagrad": tr(lang, en="history of magnitudes: σ", ru="история величин: σ",
                      zh="历史幅度：σ"),
        "rmsprop": tr(lang, en="recent gradients weigh more: α", ru="свежие градиенты весомее: α",
                      zh="动态权重：α"),
        "adam": tr(lang, en="momentum + RMSprop", ru="инерция + RMSprop", zh="Momentum + RMSprop"),
        "scheduling": tr(lang, en="η depends on t: ηᵗ", ru="η зависит от t: ηᵗ",
                         zh="η 随 t 变化：ηᵗ"),
    }
    return roles[key]


def parents(key: str) -> list[str]:
    """The nodes with an arrow into ``key``."""
    return [source for source, target, _ in EDGES if target == key]


def reachable_from(key: str) -> set[str]:
    """Every node that a chain of arrows leads to from ``key`` (``key`` included)."""
    seen = {key}
    frontier = [key]
    while frontier:
        current = frontier.pop()
        for source, target, _ in EDGES:
            if source == current and target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def box_exit(center: Array, toward: Array, *, half_width: float = BOX_HALF_WIDTH,
             half_height: float = BOX_HALF_HEIGHT) -> Array:
    """Where the segment from a box's ``center`` to ``toward`` crosses the box's edge.

    Arrows start and end there, so they touch the boxes instead of hiding under them.
    """
    direction = np.asarray(toward, dtype=float) - np.asarray(center, dtype=float)
    # the smallest scale that brings the direction onto a vertical or horizontal side
    scales = [half / abs(d)
              for half, d in zip((half_width, half_height), direction, strict=True) if d != 0]
    return np.asarray(center, dtype=float) + min(scales) * direction


def map_figure(lang: str) -> Figure:
    """Boxes for the methods and scheduling, arrows for what each one adds."""
    fig, (ax,) = new_figure(width=9.0, height=4.6)
    for key, node in NODES.items():
        x, y = node.center
        ax.add_patch(FancyBboxPatch(
            (x - BOX_HALF_WIDTH, y - BOX_HALF_HEIGHT), 2 * BOX_HALF_WIDTH, 2 * BOX_HALF_HEIGHT,
            boxstyle="round,pad=0,rounding_size=0.2", facecolor="white",
            edgecolor=COLORS[node.color], linewidth=2.0))
        title = textwrap.fill(node_title(lang, key), 18)
        ax.text(x, y + 0.12, title, ha="center", va="center", fontsize=9.5, fontweight="bold")
        ax.text(x, y - 0.4, node_role(lang, key), ha="center", va="center", fontsize=8,
                color=COLORS["neutral"])
    for source, target, dashed in EDGES:
        start_center = np.array(NODES[source].center)
        end_center = np.array(NODES[target].center)
        ax.add_patch(FancyArrowPatch(
            tuple(box_exit(start_center, end_center)), tuple(box_exit(end_center, start_center)),
            arrowstyle="-|>", mutation_scale=14, color=COLORS["neutral"], linewidth=1.3,
            linestyle="--" if dashed else "-"))
    ax.text(6.0, 3.4, tr(lang, en="all together (HY):\nθ ← θ − (ηᵗ/σᵗ)·mᵗ",
                         ru="всё вместе (Хун-И Ли):\nθ ← θ − (ηᵗ/σᵗ)·mᵗ",
                         zh="全部合在一起（李宏毅）：\nθ ← θ − (ηᵗ/σᵗ)·mᵗ"),
            ha="center", va="center", fontsize=10, color=COLORS["adam"], linespacing=1.6)
    ax.set_xlim(0, 12)
    ax.set_ylim(-0.2, 6.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
