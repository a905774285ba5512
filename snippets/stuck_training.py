"""A convex canyon where training stalls although the gradient stays large.

``f(x, y) = ½·10⁻⁴·x² + 10·log cosh(10y)`` is flat along x and steep along y.
Its log-cosh walls have slope at most 100, so a step that is too large bounces
from wall to wall instead of diverging: the loss stops falling while ‖∇f‖ stays
near 100 (Hung-yi Lee's "training stuck ≠ small gradient").
"""

from __future__ import annotations

from functools import cache, partial
from typing import TYPE_CHECKING

import numpy as np

from snippets import adagrad, adam, gradient_descent
from snippets.core import Array, Optimizer, trajectory
from snippets.plotting import COLORS, contour, new_figure, tr

if TYPE_CHECKING:
    from matplotlib.figure import Figure

START = np.array([800.0, 0.5])
STEPS = 100_000
TABLE_LRS = (1e-2, 3e-3, 1e-3, 1e-5, 1e-7)
# Plain gradient descent is blue on every figure; one shade per learning rate.
GD_SHADES = {1e-2: "#08306b", 3e-3: "#2171b5", 1e-3: "#4292c6", 1e-5: "#6baed6", 1e-7: "#17becf"}


def canyon(x: Array, y: Array) -> Array:
    """The loss ``½·10⁻⁴·x² + 10·log cosh(10y)``; ``logaddexp`` keeps it exact far out."""
    return 0.5e-4 * x**2 + 10.0 * (np.logaddexp(10.0 * y, -10.0 * y) - np.log(2.0))


# ∂f/∂x = 10⁻⁴·x and ∂f/∂y = 100·tanh(10y), written as one expression over the
# last axis (x, y): it runs 100 000 times per path, and np.stack is three times slower.
_FLAT_SLOPE = np.array([1e-4, 0.0])
_WALL_SLOPE = np.array([0.0, 100.0])
_WALL_SHARPNESS = np.array([0.0, 10.0])


def canyon_grad(p: Array) -> Array:
    """Gradient ``(10⁻⁴·x, 100·tanh(10y))`` at points ``p[..., :2]``."""
    return _FLAT_SLOPE * p + _WALL_SLOPE * np.tanh(_WALL_SHARPNESS * p)


def losses(path: Array) -> Array:
    """Loss at every iterate of a path (any leading shape, last axis = (x, y))."""
    return canyon(path[..., 0], path[..., 1])


def gradient_norms(path: Array) -> Array:
    """‖∇f‖ at every iterate of a path."""
    return np.linalg.norm(canyon_grad(path), axis=-1)


def _frozen(a: Array) -> Array:
    # Results are cached and shared between figures, so nobody may edit them.
    a.flags.writeable = False
    return a


@cache
def gd_paths(*, lrs: tuple[float, ...] = TABLE_LRS, steps: int = STEPS) -> Array:
    """Plain GD from (800, 0.5) for every lr at once, shape ``(steps + 1, len(lrs), 2)``.

    The learning rates form a column, so one loop of ``steps`` array updates
    runs all of them; the result is cached because 100 000 steps take a while.
    """
    starts = np.tile(START, (len(lrs), 1))
    update = partial(gradient_descent.update, lr=np.array(lrs)[:, None])
    return _frozen(trajectory(gradient_descent.init, update, gradient_descent.params,
                              canyon_grad, starts, steps=steps))


def final_stats(path: Array) -> Array:
    """Rows ``(final loss, ‖∇f‖, distance to the minimum)``, one per run of a batched path."""
    end = path[-1].reshape(-1, 2)
    return np.column_stack([losses(end), gradient_norms(end), np.linalg.norm(end, axis=1)])


def linear_decay(t: int, *, start: float, total: int) -> float:
    """Learning rate falling linearly from ``start`` at t = 0 to 0 at t = ``total``."""
    return start * (1.0 - t / total)


ADAPTIVE_METHODS = ("adagrad", "adagrad_decay", "adam")


@cache
def adaptive_path(method: str, *, steps: int = STEPS) -> Array:
    """Path from (800, 0.5) of one of :data:`ADAPTIVE_METHODS`, shape ``(steps + 1, 2)``.

    ``adagrad``: Hung-yi Lee's AdaGrad with η = 0.1; ``adagrad_decay``: the same
    with η falling linearly from 0.1 to 0 over the run; ``adam``: Adam, lr = 0.01.
    """
    decayed = partial(linear_decay, start=0.1, total=steps)
    optimizers: dict[str, Optimizer] = {
        "adagrad": (adagrad.init, partial(adagrad.update_mean, lr=0.1), adagrad.params),
        "adagrad_decay": (adagrad.init, partial(adagrad.update_mean, lr=decayed),
                          adagrad.params),
        "adam": (adam.init, partial(adam.update, lr=0.01), adam.params),
    }
    return _frozen(trajectory(*optimizers[method], canyon_grad, START, steps=steps))


def log_spaced_steps(steps: int, *, count: int = 400) -> Array:
    """Steps 1..``steps`` spaced evenly on a log axis, to keep the SVGs small."""
    return np.unique(np.geomspace(1, steps, count).astype(int))


def _lr_label(lr: float) -> str:
    mantissa, exponent = f"{lr:.0e}".split("e")
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    prefix = "" if mantissa == "1" else f"{mantissa}·"
    return f"η = {prefix}10{superscript}"


def stuck_curves_figure(lang: str) -> Figure:
    """Loss and ‖∇f‖ against the step: η = 10⁻² stalls with ‖∇f‖ ≈ 100, η = 10⁻³ with ≈ 0.08."""
    paths = gd_paths()
    shown = log_spaced_steps(STEPS)
    fig, (ax_loss, ax_grad) = new_figure(2, width=7.5, height=3.4)
    for lr in (1e-2, 1e-3):
        column = TABLE_LRS.index(lr)
        run = paths[shown, column]
        ax_loss.semilogx(shown, losses(run), color=GD_SHADES[lr], label=_lr_label(lr))
        ax_grad.loglog(shown, gradient_norms(run), color=GD_SHADES[lr])
    step = tr(lang, en="step t", ru="шаг t", zh="步数 t")
    ax_loss.set_xlabel(step)
    ax_grad.set_xlabel(step)
    ax_loss.set_title(tr(lang, en="loss", ru="функция потерь", zh="损失"))
    ax_grad.set_title(tr(lang, en="gradient norm ‖∇f‖", ru="норма градиента ‖∇f‖",
                         zh="梯度范数 ‖∇f‖"))
    ax_loss.legend()
    return fig


def bounce_steps(steps: int, *, count: int = 120) -> Array:
    """Steps 0..10, then log-spaced pairs (k − 1, k) with k even, up to ``steps``.

    Thinning a path that hops between the walls at every step would join
    arbitrary iterates; keeping whole (odd, even) pairs draws each kept hop as it was.
    """
    even = np.unique(2 * np.geomspace(1, steps // 2, count).astype(int))
    return np.union1d(np.arange(11), np.ravel(np.column_stack([even - 1, even])))


def canyon_paths_figure(lang: str) -> Figure:
    """Contours of the canyon with GD paths: none gets near the minimum in 100 000 steps."""
    paths = gd_paths()
    shown = bounce_steps(STEPS)
    fig, (ax_all, ax_zoom) = new_figure(2, width=8.0, height=3.6)
    for ax, xlim in ((ax_all, (-60.0, 860.0)), (ax_zoom, (700.0, 810.0))):
        contour(ax, canyon, xlim=xlim, ylim=(-0.8, 0.8), levels=[1, 4, 10, 20, 32, 40, 50, 60])
        # The bouncing run is drawn thin and pale so the two crawling ones stay visible.
        for lr, width, alpha in ((1e-2, 0.6, 0.7), (1e-3, 2.5, 1.0), (1e-7, 2.5, 1.0)):
            run = paths[shown, TABLE_LRS.index(lr)]
            ax.plot(run[:, 0], run[:, 1], "-", color=GD_SHADES[lr],
                    linewidth=width, alpha=alpha, label=_lr_label(lr))
        ax.plot(0, 0, "k*", markersize=10)
        ax.set_xlabel("x")
    ax_all.set_ylabel("y")
    ax_all.set_title(tr(lang, en="the whole canyon", ru="всё ущелье", zh="整个峡谷"))
    ax_zoom.set_title(tr(lang, en="near the start (800, 0.5)",
                         ru="вблизи старта (800, 0.5)", zh="起点 (800, 0.5) 附近"))
    ax_zoom.legend(loc="lower left", fontsize=8, framealpha=0.95)
    return fig


def adaptive_figure(lang: str) -> Figure:
    """Distance to the minimum: best GD, AdaGrad with constant and decayed η, Adam."""
    shown = log_spaced_steps(STEPS)
    curves = [
        (gd_paths()[shown, TABLE_LRS.index(1e-3)], COLORS["gd"], "-",
         tr(lang, en="GD, η = 10⁻³", ru="ГС, η = 10⁻³", zh="梯度下降，η = 10⁻³")),
        (adaptive_path("adagrad")[shown], COLORS["adagrad"], "--",
         tr(lang, en="AdaGrad, η = 0.1", ru="AdaGrad, η = 0.1", zh="AdaGrad，η = 0.1")),
        (adaptive_path("adagrad_decay")[shown], COLORS["adagrad"], "-",
         tr(lang, en="AdaGrad, η: 0.1 → 0", ru="AdaGrad, η: 0.1 → 0", zh="AdaGrad，η：0.1 → 0")),
        (adaptive_path("adam")[shown], COLORS["adam"], "-",
         tr(lang, en="Adam, lr = 0.01", ru="Adam, lr = 0.01", zh="Adam，lr = 0.01")),
    ]
    fig, (ax,) = new_figure(width=6.4, height=3.8)
    for path, color, style, label in curves:
        ax.loglog(shown, np.linalg.norm(path, axis=1), style, color=color, label=label)
    ax.set_xlabel(tr(lang, en="step t", ru="шаг t", zh="步数 t"))
    ax.set_ylabel(tr(lang, en="distance to the minimum", ru="расстояние до минимума",
                     zh="到最小值的距离"))
    ax.legend(loc="lower left", fontsize=8)
    return fig
