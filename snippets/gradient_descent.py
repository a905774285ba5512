"""Plain gradient descent: ``x_t = x_{t-1} − h·∇L(x_{t-1})``.

Besides the optimizer triple, the module holds the one-dimensional examples of
the gradient-descent page: a parabola walked with several step sizes, the
descent condition ``f(x − α·f'(x)) < f(x)``, and the second-order check with
its counterexamples ``x³`` and ``x⁴``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from snippets.core import Array, descend_1d
from snippets.plotting import COLORS, new_figure, tr

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ScalarFn = Callable[[float], float]

# Step sizes of the page's parabola figures: slow, fast, zigzag, divergent (f = x², f' = 2x)
PARABOLA_STEP_SIZES = (0.1, 0.25, 0.8, 1.1)
STEP_SIZE_COLORS = ("#1f77b4", "#2ca02c", "#ff7f0e", "#d62728")


def init(x0: Array) -> Array:
    """Plain GD keeps no state besides the parameters."""
    return x0


def update(x: Array, g: Array, *, lr: float | Array) -> Array:
    """One step against the gradient; a column of step sizes takes several steps at once."""
    return x - lr * g


def params(x: Array) -> Array:
    """The current parameters."""
    return x


# --- f(x) = x²: the smallest loss on which every step size shows its character ---


def parabola(x: ArrayLike) -> Array:
    """The loss ``f(x) = x²``, minimum 0 at ``x = 0``."""
    return np.asarray(x, dtype=np.float64) ** 2


def parabola_grad(x: Array) -> Array:
    """Its derivative ``f'(x) = 2x``."""
    return 2.0 * x


def parabola_iterates(*, lr: float, x0: float = 2.0, steps: int) -> Array:
    """Iterates ``x_0 .. x_steps`` of plain GD on ``x²``; a step multiplies x by ``1 − 2h``."""
    return descend_1d(parabola_grad, x0, lr=lr, steps=steps)


def loss_after_step(alphas: ArrayLike, *, x: float) -> Array:
    """``f(x − α·f'(x))`` for ``f = x²``: the loss one step of size α away from x."""
    return parabola(x - np.asarray(alphas, dtype=np.float64) * parabola_grad(np.asarray(x, dtype=np.float64)))


# --- second-order check in one dimension ---


def second_derivative(f: ScalarFn, x: float, *, h: float = 1e-4) -> float:
    """Central finite difference ``(f(x+h) − 2f(x) + f(x−h)) / h²``."""
    return (f(x + h) - 2.0 * f(x) + f(x - h)) / h**2


def note_rule_accepts(f: ScalarFn, x: float, *, tol: float = 1e-6) -> bool:
    """Note 001's rule as written: a critical point with ``f''(x) ≥ 0`` is a minimum."""
    return second_derivative(f, x) >= -tol


def second_order_verdict(f: ScalarFn, x: float, *, tol: float = 1e-6) -> str:
    """``"minimum"`` if ``f'' > 0``, ``"maximum"`` if ``f'' < 0``, else ``"inconclusive"``."""
    curvature = second_derivative(f, x)
    if curvature > tol:
        return "minimum"
    if curvature < -tol:
        return "maximum"
    return "inconclusive"


def is_sampled_minimum(f: ScalarFn, x: float, *, radius: float = 0.1, samples: int = 201) -> bool:
    """Whether ``f(x)`` is no larger than f at evenly spaced points within ``radius``."""
    neighbours = x + np.linspace(-radius, radius, samples)
    return bool(all(f(x) <= f(float(p)) for p in neighbours))


# --- figures ---


def _step_size_label(lang: str, lr: float) -> str:
    """Legend text ``h = …`` with the behaviour of that step on ``x²``."""
    ratio = 1.0 - 2.0 * lr
    if abs(ratio) >= 1.0:
        kind = tr(lang, en="diverges", ru="расходится", zh="发散")
    elif ratio < 0.0:
        kind = tr(lang, en="zigzag", ru="зигзаг", zh="来回振荡")
    elif ratio > 0.5:
        kind = tr(lang, en="slow", ru="медленно", zh="缓慢")
    else:
        kind = tr(lang, en="fast", ru="быстро", zh="快速")
    return f"h = {lr:g}: {kind}"


def step_sizes_figure(lang: str) -> Figure:
    """Six steps on ``x²`` from x = 2 for four step sizes, one panel each."""
    fig, axes = new_figure(len(PARABOLA_STEP_SIZES), width=10.0, height=3.0)
    for ax, lr, color in zip(axes, PARABOLA_STEP_SIZES, STEP_SIZE_COLORS, strict=True):
        xs = parabola_iterates(lr=lr, steps=6)
        # each panel zooms to its own iterates; the divergent one needs a wider view
        half_width = 1.15 * float(np.max(np.abs(xs)))
        curve_x = np.linspace(-half_width, half_width, 300)
        ax.plot(curve_x, parabola(curve_x), color=COLORS["neutral"], linewidth=1.0)
        ax.plot(xs, parabola(xs), "o-", color=color, markersize=4, linewidth=1.0)
        ax.plot(xs[0], parabola(xs[0]), "ks", markersize=5)
        ax.set_title(_step_size_label(lang, lr), fontsize=10)
        ax.set_xlim(-half_width, half_width)
        ax.set_xlabel("x")
    axes[0].set_ylabel("f(x) = x²")
    return fig


def loss_curves_figure(lang: str) -> Figure:
    """``f(x_t)`` on a log scale: three step sizes converge, the largest blows up."""
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    for lr, color in zip(PARABOLA_STEP_SIZES, STEP_SIZE_COLORS, strict=True):
        xs = parabola_iterates(lr=lr, steps=30)
        ax.semilogy(parabola(xs), "o-", color=color, markersize=3,
                    label=_step_size_label(lang, lr))
    ax.set_xlabel(tr(lang, en="iteration t", ru="итерация t", zh="迭代 t"))
    ax.set_ylabel(tr(lang, en="loss f(x_t)", ru="потери f(x_t)", zh="损失 f(x_t)"))
    ax.legend(loc="lower left", fontsize=9)
    return fig


def descent_condition_figure(lang: str) -> Figure:
    """``f(1 − 2α)`` against α for ``f = x²``: every α in (0, 1) lowers the loss."""
    alphas = np.linspace(0.0, 1.6, 321)
    marked = np.array([0.25, 0.5, 1.0, 1.5])
    fig, (ax,) = new_figure(width=6.4, height=3.8)
    ax.axvspan(0.0, 1.0, color=COLORS["adagrad"], alpha=0.12,
               label=tr(lang, en="loss decreases", ru="потери уменьшаются",
                        zh="损失下降"))
    ax.plot(alphas, loss_after_step(alphas, x=1.0), color=COLORS["gd"],
            label=tr(lang, en="f(x − α·f′(x)), x = 1", ru="f(x − α·f′(x)), x = 1",
                     zh="f(x − α·f′(x))，x = 1"))
    ax.axhline(float(parabola(1.0)), color=COLORS["neutral"], linestyle="--", linewidth=1.0,
               label=tr(lang, en="f(x) = 1: no step", ru="f(x) = 1: без шага",
                        zh="f(x) = 1：不迈步"))
    values = loss_after_step(marked, x=1.0)
    ax.plot(marked, values, "ko", markersize=5)
    for alpha, value in zip(marked, values, strict=True):
        ax.annotate(f"α = {alpha:g}\nf = {value:g}", (alpha, value), textcoords="offset points",
                    xytext=(-48 if alpha > 1.2 else 6, 4), fontsize=8)
    ax.set_xlabel(tr(lang, en="step size α", ru="шаг α", zh="步长 α"))
    ax.set_ylabel(tr(lang, en="loss after one step", ru="потери после шага",
                     zh="一步之后的损失"))
    ax.set_xlim(0.0, 1.6)
    ax.set_ylim(-0.2, 5.0)
    ax.legend(loc="upper left", fontsize=9)
    return fig


def second_order_figure(lang: str) -> Figure:
    """``x²``, ``x³`` and ``x⁴`` near 0: the last two share ``f''(0) = 0`` but differ."""
    cases: list[tuple[str, ScalarFn, str]] = [
        ("x²", lambda v: v**2, "#1f77b4"),
        ("x³", lambda v: v**3, "#d62728"),
        ("x⁴", lambda v: v**4, "#2ca02c"),
    ]
    xs = np.linspace(-1.0, 1.0, 201)
    fig, (ax,) = new_figure(width=6.4, height=3.8)
    minimum = tr(lang, en="minimum", ru="минимум", zh="最小值")
    not_minimum = tr(lang, en="not a minimum", ru="не минимум", zh="不是最小值")
    for name, f, color in cases:
        verdict = minimum if is_sampled_minimum(f, 0.0) else not_minimum
        curvature = second_derivative(f, 0.0)
        ax.plot(xs, [f(float(v)) for v in xs], color=color,
                label=f"{name}: f″(0) = {round(curvature)}, {verdict}")
    ax.plot(0.0, 0.0, "ko", markersize=5)
    ax.axhline(0.0, color=COLORS["neutral"], linewidth=0.6)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.set_ylim(-1.05, 1.05)
    ax.legend(loc="lower right", fontsize=9)
    return fig
