"""Minibatches on Hung-yi Lee's N = 20 picture: a line fitted to 20 points.

The model is ``ŷ = w·x + b`` with ``θ = (w, b)`` and the mean squared error.
A batch of ``B`` examples gives the mean of their per-example gradients; each
epoch reshuffles the data and cuts it into ``⌈N/B⌉`` batches.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

from snippets.core import Array, Explorable, Frame, Key, Panel, Series, Slider, as_point
from snippets.plotting import (
    COLORS,
    CONTOUR_COLOR,
    contour,
    new_figure,
    path_line,
    show_panel,
    tr,
)

N_EXAMPLES = 20
THETA0 = np.array([-1.0, 2.0])


def dataset(n: int = N_EXAMPLES) -> tuple[Array, Array]:
    """``x = linspace(−1, 1, n)`` and ``y = 3x + 0.5 + 0.3·sin 9x``: a line plus a wiggle."""
    x = np.linspace(-1.0, 1.0, n)
    return x, 3.0 * x + 0.5 + 0.3 * np.sin(9.0 * x)


def loss(w: Array, b: Array, x: Array, y: Array) -> Array:
    """Mean squared error of ``w·x + b`` over all examples; ``w``, ``b`` may be grids."""
    residuals = np.multiply.outer(w, x) + np.multiply.outer(b, np.ones_like(x)) - y
    return np.mean(residuals**2, axis=-1)


def example_grads(theta: Array, x: Array, y: Array) -> Array:
    """Gradient of each example's loss ``(w·xᵢ + b − yᵢ)²``, shape ``(n, 2)``."""
    residual = theta[0] * x + theta[1] - y
    return 2.0 * np.stack([residual * x, residual], axis=1)


def epoch_batches(
    n: int, *, batch_size: int, rng: np.random.Generator
) -> list[NDArray[np.int64]]:
    """One epoch: a fresh shuffle of ``range(n)`` cut into consecutive batches.

    The last batch is smaller when ``batch_size`` does not divide ``n``.
    """
    order = rng.permutation(n)
    return [order[start:start + batch_size] for start in range(0, n, batch_size)]


def updates_per_epoch(n: int, *, batch_size: int) -> int:
    """Parameter updates in one epoch: ``⌈n / B⌉``."""
    return math.ceil(n / batch_size)


def minibatch_path(
    theta0: Array, x: Array, y: Array, *, batch_size: int, lr: float, epochs: int, seed: int = 0
) -> Array:
    """Iterates of minibatch gradient descent, one row per update (plus the start).

    Args:
        theta0: starting ``(w, b)``.
        x: inputs.
        y: targets.
        batch_size: examples per update ``B``.
        lr: learning rate ``η``.
        epochs: passes over the data, each with a new shuffle.
        seed: seed of the shuffles, so a path can be redrawn.

    Returns:
        Array of shape ``(epochs·⌈N/B⌉ + 1, 2)``.
    """
    rng = np.random.default_rng(seed)
    theta = as_point(theta0)
    points = [theta]
    for _ in range(epochs):
        for batch in epoch_batches(x.size, batch_size=batch_size, rng=rng):
            theta = theta - lr * example_grads(theta, x[batch], y[batch]).mean(axis=0)
            points.append(theta)
    return np.array(points)


def gradient_spread(grads: Array) -> float:
    """``σ² = (1/N)·Σ‖gᵢ − ḡ‖²``: how far single-example gradients stray from the full one."""
    return float(np.mean(np.sum((grads - grads.mean(axis=0)) ** 2, axis=1)))


def batch_variance_formula(grads: Array, *, batch_size: int) -> float:
    """``E‖g_B − ḡ‖² = (N − B)/(N − 1) · σ²/B`` for a batch drawn without replacement."""
    n = len(grads)
    return (n - batch_size) / (n - 1) * gradient_spread(grads) / batch_size


def batch_variance_exact(grads: Array, *, batch_size: int) -> float:
    """``E‖g_B − ḡ‖²`` averaged over every one of the ``C(N, B)`` possible batches."""
    batches = np.array(list(combinations(range(len(grads)), batch_size)))
    batch_means = grads[batches].mean(axis=1)
    return float(np.mean(np.sum((batch_means - grads.mean(axis=0)) ** 2, axis=1)))


# --- figures ---

PATH_LR = 0.1
PATH_EPOCHS = 8
ENUMERATION_LIMIT = 20_000  # C(20, 10) = 184 756 batches would slow the build


def batch_paths(*, epochs: int = PATH_EPOCHS) -> dict[int, Array]:
    """Paths for B = 1 and B = 20 from ``THETA0`` with η = 0.1, both over ``epochs`` epochs."""
    x, y = dataset()
    return {size: minibatch_path(THETA0, x, y, batch_size=size, lr=PATH_LR,
                                 epochs=epochs, seed=1)
            for size in (1, N_EXAMPLES)}


def best_fit() -> Array:
    """The minimum θ* = (w*, b*) of L on the whole data set: least squares."""
    x, y = dataset()
    design = np.stack([x, np.ones_like(x)], axis=1)
    return np.asarray(np.linalg.lstsq(design, y, rcond=None)[0], dtype=np.float64)


def excess_loss(path: Array) -> Array:
    """``L(θ) − min L`` on the whole data set for every iterate of ``path``."""
    x, y = dataset()
    best = best_fit()
    return loss(path[:, 0], path[:, 1], x, y) - loss(best[0], best[1], x, y)


def level_set(level: float, *, points: int = 73) -> Array:
    """The closed curve of (w, b) where L = ``level``, shape ``(points, 2)``.

    L is quadratic: L(θ) = L(θ*) + (θ − θ*)ᵀ M (θ − θ*) with
    M = [[mean x², mean x], [mean x, 1]], so the curve is an ellipse around θ*.
    """
    x, y = dataset()
    best = best_fit()
    second_moments = np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])
    radius = np.sqrt(level - loss(best[0], best[1], x, y))
    values, vectors = np.linalg.eigh(second_moments)
    turn = np.linspace(0.0, 2.0 * np.pi, points)
    circle = np.stack([np.cos(turn), np.sin(turn)])
    return best + radius * (vectors @ (circle / np.sqrt(values)[:, None])).T


# The (w, b) plane of the paths figure's left panel, which the explorable redraws
PLANE_PANEL = Panel((-1.5, 4.0), (-0.5, 2.5), {"en": "w", "ru": "w", "zh": "w"},
                    {"en": "b", "ru": "b", "zh": "b"},
                    xticks=(-1.0, 0.0, 1.0, 2.0, 3.0, 4.0),
                    yticks=(-0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5))
# the loss levels its contours show, in both
PLANE_LEVELS = tuple(round(0.8 * k, 1) for k in range(1, 16))


def paths_figure(lang: str) -> Figure:
    """Paths over (w, b) for equal epochs; the excess loss for equal numbers of updates."""
    x, y = dataset()
    paths = batch_paths()
    fig, (ax, ax_loss) = new_figure(2, width=9.5, height=4.0)
    contour(ax, lambda w, b: loss(w, b, x, y), xlim=PLANE_PANEL.xlim, ylim=PLANE_PANEL.ylim,
            levels=list(PLANE_LEVELS))
    path_line(ax, paths[1], method="momentum", alpha=0.8,
              label=tr(lang, en="B = 1: 20 updates per epoch", ru="B = 1: 20 шагов за эпоху",
                       zh="B = 1：每轮更新 20 次"))
    path_line(ax, paths[N_EXAMPLES], method="gd",
              label=tr(lang, en="B = 20 (full batch): 1 update per epoch",
                       ru="B = 20 (весь набор): 1 шаг за эпоху",
                       zh="B = 20（全批量）：每轮更新 1 次"))
    ax.plot(*best_fit(), "k*", markersize=10)
    show_panel(ax, PLANE_PANEL, lang)
    ax.set_title(tr(lang, en=f"{PATH_EPOCHS} epochs each from (−1, 2), η = {PATH_LR}",
                    ru=f"по {PATH_EPOCHS} эпох из (−1, 2), η = {PATH_LR}",
                    zh=f"从 (−1, 2) 出发，各 {PATH_EPOCHS} 轮，η = {PATH_LR}"))
    ax.legend(loc="upper right", fontsize=8)

    updates = PATH_EPOCHS * N_EXAMPLES
    long_full_batch = batch_paths(epochs=updates)[N_EXAMPLES]
    ax_loss.semilogy(excess_loss(paths[1]), color=COLORS["momentum"],
                     label=tr(lang, en=f"B = 1 ({PATH_EPOCHS} epochs)",
                              ru=f"B = 1 ({PATH_EPOCHS} эпох)", zh=f"B = 1（{PATH_EPOCHS} 轮）"))
    ax_loss.semilogy(excess_loss(long_full_batch), color=COLORS["gd"],
                     label=tr(lang, en=f"B = 20 ({updates} epochs)", ru=f"B = 20 ({updates} эпох)",
                              zh=f"B = 20（{updates} 轮）"))
    ax_loss.axvline(PATH_EPOCHS, color=COLORS["neutral"], linestyle=":", linewidth=1,
                    label=tr(lang, en=f"{PATH_EPOCHS} updates: where B = 20 stops on the left",
                             ru=f"{PATH_EPOCHS} шагов: здесь B = 20 кончается слева",
                             zh=f"{PATH_EPOCHS} 次更新：左图 B = 20 的终点"))
    ax_loss.set_xlabel(tr(lang, en="number of updates", ru="число шагов", zh="更新次数"))
    ax_loss.set_title(tr(lang, en="L − min L over the same number of updates",
                         ru="L − min L при равном числе шагов",
                         zh="相同更新次数下的 L − min L"))
    ax_loss.legend(loc="upper right")
    return fig


def variance_figure(lang: str) -> Figure:
    """Variance of the minibatch gradient against B: enumeration, formula, and σ²/B."""
    x, y = dataset()
    grads = example_grads(THETA0, x, y)
    sizes = np.arange(1, N_EXAMPLES + 1)
    formula = [batch_variance_formula(grads, batch_size=int(b)) for b in sizes]
    enumerable = [int(b) for b in sizes if math.comb(N_EXAMPLES, int(b)) <= ENUMERATION_LIMIT]
    exact = [batch_variance_exact(grads, batch_size=b) for b in enumerable]
    fig, (ax,) = new_figure(width=6.4, height=3.8)
    ax.plot(sizes, gradient_spread(grads) / sizes, "--", color=COLORS["neutral"],
            label=tr(lang, en="σ²/B (with replacement)", ru="σ²/B (с возвращением)",
                     zh="σ²/B（有放回抽样）"))
    ax.plot(sizes, formula, "-", color=COLORS["gd"],
            label=tr(lang, en="(N − B)/(N − 1) · σ²/B", ru="(N − B)/(N − 1) · σ²/B",
                     zh="(N − B)/(N − 1) · σ²/B"))
    ax.plot(enumerable, exact, "o", color=COLORS["rmsprop"],
            label=tr(lang, en="exact: mean over all C(N, B) batches",
                     ru="точно: среднее по всем C(N, B) батчам",
                     zh="精确值：对全部 C(N, B) 个小批量求平均"))
    ax.set_xticks([1, 2, 5, 10, 15, 20])
    ax.set_xlabel(tr(lang, en="batch size B", ru="размер батча B", zh="批次大小 B"))
    ax.set_ylabel(r"$E\,\|g_B - \bar{g}\|^2$")
    ax.set_title(tr(lang, en="How noisy is a batch gradient? N = 20, θ = (−1, 2)",
                    ru="Насколько шумный градиент по батчу? N = 20, θ = (−1, 2)",
                    zh="小批量梯度的噪声有多大？N = 20，θ = (−1, 2)"))
    ax.legend()
    return fig


# --- explorable: any batch size B ---


def path_frame(*, batch_size: float) -> Frame:
    """The path of batch size B over 8 epochs from ``THETA0``, η = 0.1, and the best θ.

    Numbers: the number of updates and ``L − min L`` at the end of the 8 epochs.
    """
    x, y = dataset()
    path = minibatch_path(THETA0, x, y, batch_size=int(batch_size), lr=PATH_LR,
                          epochs=PATH_EPOCHS, seed=1)
    return Frame((Series(0, path, COLORS["momentum"], "both"),
                  Series(0, best_fit()[None, :], COLORS["neutral"], "markers")),
                 {"updates": float(len(path) - 1), "excess": float(excess_loss(path)[-1])})


def paths_explorable() -> Explorable:
    """B from 1 to 20 on the left panel of :func:`paths_figure`."""
    return Explorable(
        sliders=(Slider("batch_size", tuple(float(b) for b in range(1, N_EXAMPLES + 1)),
                        {"en": "batch size B", "ru": "размер батча B", "zh": "批次大小 B"}),),
        panels=(PLANE_PANEL,),
        numbers={"updates": {"en": f"updates in {PATH_EPOCHS} epochs",
                             "ru": f"шагов за {PATH_EPOCHS} эпох",
                             "zh": f"{PATH_EPOCHS} 轮中的更新次数"},
                 "excess": {"en": f"L − min L after {PATH_EPOCHS} epochs",
                            "ru": f"L − min L после {PATH_EPOCHS} эпох",
                            "zh": f"{PATH_EPOCHS} 轮后的 L − min L"}},
        compute=path_frame,
        background=tuple(Series(0, level_set(level), CONTOUR_COLOR) for level in PLANE_LEVELS),
        legend=(Key(CONTOUR_COLOR, "line", {"en": "contours L = 0.8, 1.6, …, 12",
                                            "ru": "линии уровня L = 0.8, 1.6, …, 12",
                                            "zh": "L = 0.8, 1.6, …, 12 的等高线"}),
                Key(COLORS["momentum"], "both", {"en": f"the path with the chosen B, {PATH_EPOCHS} epochs",
                                                 "ru": f"путь при выбранном B, {PATH_EPOCHS} эпох",
                                                 "zh": f"所选 B 下的路径（{PATH_EPOCHS} 轮）"}),
                Key(COLORS["neutral"], "markers", {"en": "the minimum of L", "ru": "минимум L",
                                                   "zh": "L 的最小值"})))
