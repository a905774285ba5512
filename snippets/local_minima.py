"""Where plain gradient descent stops: the nearest minimum, not the lowest one.

* ``x⁴ − 4x² − x``: two minima; a small step settles in the one next to the
  start, a large first step can jump the hump (note 001's "known problem");
* the "chasm" ``cos(πx/6) − 3·exp(−x²/(2·0.15²))``: the deepest minimum is so
  narrow that only about 5% of evenly spread starts fall into it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.core import Array, GradFn, Mask, descend_1d
from snippets.plotting import COLORS, new_figure, tr

# --- two minima: x⁴ − 4x² − x ---


def two_minima(x: Array) -> Array:
    """A quartic with a shallow minimum on the left and a deep one on the right."""
    return x**4 - 4 * x**2 - x


def two_minima_grad(x: Array) -> Array:
    """Derivative of :func:`two_minima`: ``4x³ − 8x − 1``."""
    return 4 * x**3 - 8 * x - 1


def two_minima_critical_points() -> Array:
    """The three roots of ``4x³ − 8x − 1``, ascending: minimum, maximum, minimum."""
    return np.sort(np.roots([4.0, 0.0, -8.0, -1.0]).real)


# --- the chasm: a deep, narrow well between two wide, shallow valleys ---

CHASM_WIDTH = 0.15
CHASM_DEPTH = 3.0


def chasm(x: Array) -> Array:
    """Wide valleys at ±6 (f = −1) and a narrow well at 0 (f = −2)."""
    return np.cos(np.pi * x / 6) - CHASM_DEPTH * np.exp(-(x**2) / (2 * CHASM_WIDTH**2))


def chasm_grad(x: Array) -> Array:
    """Derivative of :func:`chasm`."""
    # Far from the well exp() underflows through slow subnormals; e^−700 is
    # already nothing next to the cosine term, so stop there (same result, 1.5× faster).
    exponent = np.maximum(-(x * x) / (2 * CHASM_WIDTH**2), -700.0)
    well = CHASM_DEPTH / CHASM_WIDTH**2 * x * np.exp(exponent)
    return well - np.pi / 6 * np.sin(np.pi / 6 * x)


def gd_endpoints(grad: GradFn, starts: Array, *, lr: float, steps: int) -> Array:
    """Where gradient descent ends from every start at once.

    The starts are one array, so each step is a handful of numpy calls for all
    of them; only the current points are kept, not the paths.
    """
    x = np.array(starts, dtype=np.float64)
    for _ in range(steps):
        x = x - lr * grad(x)
    return x


def chasm_run(*, count: int = 2001, lr: float = 0.005, steps: int = 20_000) -> tuple[Array, Array]:
    """Evenly spaced starts on [−10, 10] and where each one ends on :func:`chasm`."""
    starts = np.linspace(-10.0, 10.0, count)
    return starts, gd_endpoints(chasm_grad, starts, lr=lr, steps=steps)


def in_chasm(ends: Array, *, radius: float = 0.5) -> Mask:
    """True for end points inside the narrow well around 0."""
    return np.abs(ends) < radius


# --- figures ---


def decimal(lang: str, value: float, digits: int) -> str:
    """``value`` rounded for a label, with a true minus sign.

    Every language uses the decimal point, as the pages do; ``lang`` is kept so the
    callers stay language-aware.
    """
    del lang
    return f"{value:.{digits}f}".replace("-", "−")


def two_minima_figure(lang: str) -> Figure:
    """A small step stops in the near minimum; one large first step jumps the hump."""
    xs = np.linspace(-2.3, 2.0, 400)
    runs = {
        "gd": (-2.0, 0.01, tr(lang, en="h = 0.01 from −2", ru="h = 0.01 из −2",
                              zh="h = 0.01，从 −2 出发")),
        "momentum": (-2.2, 0.08, tr(lang, en="h = 0.08 from −2.2", ru="h = 0.08 из −2.2",
                                    zh="h = 0.08，从 −2.2 出发")),
    }
    fig, (ax,) = new_figure(width=6.4, height=3.8)
    ax.plot(xs, two_minima(xs), color=COLORS["neutral"], linewidth=1.5)
    for method, (x0, lr, label) in runs.items():
        path = descend_1d(two_minima_grad, x0, lr=lr, steps=200)[:40]
        ax.plot(path, two_minima(path), "o-", color=COLORS[method], label=label,
                markersize=3.5, linewidth=1.0, alpha=0.85)
    low, _, high = two_minima_critical_points()
    for x_min, text in ((low, tr(lang, en="local minimum", ru="локальный минимум",
                                 zh="局部最小值")),
                        (high, tr(lang, en="global minimum", ru="глобальный минимум",
                                  zh="全局最小值"))):
        ax.annotate(f"{text}\nx = {decimal(lang, x_min, 3)}", (x_min, two_minima(x_min)),
                    xytext=(0, -34), textcoords="offset points", ha="center", fontsize=8)
    ax.set_ylim(-7.5, 12)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x) = x⁴ − 4x² − x")
    ax.set_title(tr(lang, en="Gradient descent stops in the first minimum it meets",
                    ru="Градиентный спуск останавливается в первом встреченном минимуме",
                    zh="梯度下降停在它遇到的第一个最小值"))
    ax.legend(loc="upper center")
    return fig


def chasm_figure(lang: str) -> Figure:
    """The chasm function with the basin of the well, and a histogram of end points."""
    starts, ends = chasm_run()
    hits = in_chasm(ends)
    share = decimal(lang, 100 * hits.mean(), 2)
    xs = np.linspace(-10, 10, 2001)
    fig, (ax_f, ax_hist) = new_figure(2, width=8.0, height=3.6)
    ax_f.plot(xs, chasm(xs), color=COLORS["neutral"], linewidth=1.3)
    reach = np.abs(starts[hits]).max()
    ax_f.axvspan(-reach, reach, color=COLORS["rmsprop"], alpha=0.25,
                 label=tr(lang, en=f"starts that reach the chasm ({share}%)",
                          ru=f"старты, попавшие в пропасть ({share} %)",
                          zh=f"能落入深谷的起点（{share}%）"))
    ax_f.set_xlabel("x")
    ax_f.set_ylabel("f(x)")
    ax_f.set_title(tr(lang, en="f = cos(πx/6) − 3·exp(−x²/(2·0.15²))",
                      ru="f = cos(πx/6) − 3·exp(−x²/(2·0.15²))",
                      zh="f = cos(πx/6) − 3·exp(−x²/(2·0.15²))"), fontsize=10)
    ax_f.legend(loc="upper center", fontsize=8)
    # Bins centred on multiples of 0.25, so each minimum falls inside one bin.
    bins = np.arange(-10.125, 10.2, 0.25).tolist()
    counts, _, _ = ax_hist.hist(ends, bins=bins, color=COLORS["gd"])
    for x_min in (-6.0, 0.0, 6.0):
        count = int(np.sum(np.abs(ends - x_min) < 0.5))
        ax_hist.annotate(f"{decimal(lang, 100 * count / ends.size, 2)}%", (x_min, count),
                         xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    ax_hist.set_ylim(0, np.max(counts) * 1.12)
    ax_hist.set_xlabel(tr(lang, en="end point x", ru="конечная точка x", zh="终点 x"))
    ax_hist.set_ylabel(tr(lang, en="number of starts", ru="число стартов", zh="起点个数"))
    ax_hist.set_title(tr(lang, en="2001 starts, h = 0.005, 20 000 steps",
                         ru="2001 старт, h = 0.005, 20 000 шагов",
                         zh="2001 个起点，h = 0.005，20 000 步"), fontsize=10)
    return fig
