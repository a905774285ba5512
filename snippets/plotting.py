"""Figure helpers shared by the concept modules: languages, colours, axes.

Only matplotlib's object API is used (``Figure``, never ``pyplot``), so a
figure function has no global state to reset.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

from snippets.core import tick_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from snippets.core import Array, Panel

LANGUAGES = ("en", "ru", "zh")

# One colour per method on every figure of the site, so readers can compare.
COLORS = {
    "gd": "#1f77b4",
    "momentum": "#ff7f0e",
    "adagrad": "#2ca02c",
    "rmsprop": "#d62728",
    "adam": "#9467bd",
    "neutral": "#555555",
}

CONTOUR_COLOR = "#bbbbbb"  # light lines of a loss surface, behind the paths on it
# An explorable series' style as a matplotlib line style, for the static figure it redraws
LINESTYLES = {"line": "-", "dashed": "--", "dotted": ":"}


def tr(lang: str, *, en: str, ru: str, zh: str) -> str:
    """The label for ``lang``; an unknown language is an error, not English."""
    labels = {"en": en, "ru": ru, "zh": zh}
    if lang not in labels:
        msg = f"unknown language {lang!r}; expected one of {LANGUAGES}"
        raise ValueError(msg)
    return labels[lang]


def new_figure(
    ncols: int = 1, *, width: float = 6.4, height: float = 4.0
) -> tuple[Figure, list[Axes]]:
    """A white-backed figure with ``ncols`` axes side by side.

    The opaque background keeps lines legible when the site is in dark mode.
    """
    fig = Figure(figsize=(width, height), layout="constrained", facecolor="white")
    axes = [fig.add_subplot(1, ncols, i + 1) for i in range(ncols)]
    return fig, axes


def contour(
    ax: Axes,
    f: Callable[[Array, Array], Array],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    levels: int | list[float] = 20,
    resolution: int = 200,
) -> None:
    """Draw light contour lines of ``f(x, y)`` over the given box."""
    xs = np.linspace(*xlim, resolution)
    ys = np.linspace(*ylim, resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    ax.contour(grid_x, grid_y, f(grid_x, grid_y), levels=levels, colors=CONTOUR_COLOR,
               linewidths=0.7)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)


def path_line(ax: Axes, path: Array, *, method: str, label: str, **kwargs: Any) -> None:
    """Draw a 2-D optimizer path with a dot on every iterate."""
    ax.plot(path[:, 0], path[:, 1], "o-", color=COLORS[method], label=label,
            markersize=2.5, linewidth=1.2, **kwargs)


def show_panel(ax: Axes, panel: Panel, lang: str) -> None:
    """Scales, limits, ticks and axis labels of an explorable's ``panel`` on the static
    figure's ``ax``, so the figure and the explorable read alike."""
    ax.set_xscale("log" if panel.xlog else "linear")
    ax.set_yscale("log" if panel.ylog else "linear")
    for axis, ticks, log in ((ax.xaxis, panel.xticks, panel.xlog),
                             (ax.yaxis, panel.yticks, panel.ylog)):
        axis.set_ticks(ticks, tick_labels(ticks, log=log))
        axis.set_minor_formatter(NullFormatter())  # only the ticks the explorable draws are named
    ax.set_xlim(*panel.xlim)
    ax.set_ylim(*panel.ylim)
    ax.set_xlabel(panel.xlabel[lang])
    ax.set_ylabel(panel.ylabel[lang])
