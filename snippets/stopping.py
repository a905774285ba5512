"""The six stopping conditions of note 001, each a mask over a recorded run.

A condition is checked after every iteration, so each function returns a boolean
array with one entry per iterate ``t = 0 .. T``; the run stops at the first
``True`` of the conditions in use. Condition 6 compares with the loss
``window`` steps back, which is this site's reading of the note's ``x_m``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from snippets import gradient_descent
from snippets.core import Array, Mask, descend_1d, trajectory
from snippets.plotting import COLORS, new_figure, tr

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class Run(NamedTuple):
    """Everything a stopping rule may look at, one row per iterate ``t = 0 .. T``."""

    params: Array
    loss: Array
    metric: Array


# --- the demo run: a straight line y ≈ w·x + b fitted by plain GD ---


def line_data(*, n: int = 50) -> tuple[Array, Array]:
    """Inputs on [0, 1] and targets ``2x + 1`` with a small wiggle ``0.1·sin 37x``."""
    x = np.linspace(0.0, 1.0, n)
    return x, 2.0 * x + 1.0 + 0.1 * np.sin(37.0 * x)


def mse(theta: Array, x: Array, y: Array) -> float:
    """Mean squared error of the line ``theta = (w, b)``."""
    return float(np.mean((theta[0] * x + theta[1] - y) ** 2))


def mse_grad(theta: Array, x: Array, y: Array) -> Array:
    """Gradient of :func:`mse` with respect to ``(w, b)``."""
    residual = theta[0] * x + theta[1] - y
    return np.array([2.0 * np.mean(residual * x), 2.0 * np.mean(residual)])


def r_squared(theta: Array, x: Array, y: Array) -> float:
    """Coefficient of determination ``1 − SS_res / SS_tot``; 1 is a perfect fit."""
    residual = theta[0] * x + theta[1] - y
    return float(1.0 - np.sum(residual**2) / np.sum((y - np.mean(y)) ** 2))


def fit_line(*, lr: float = 0.5, steps: int = 500) -> Run:
    """Plain GD on the line data from ``(w, b) = (0, 0)``, with loss and R² per iterate."""
    x, y = line_data()
    path = trajectory(gradient_descent.init, partial(gradient_descent.update, lr=lr),
                      gradient_descent.params, lambda theta: mse_grad(theta, x, y),
                      np.zeros(2), steps=steps)
    loss = np.array([mse(theta, x, y) for theta in path])
    metric = np.array([r_squared(theta, x, y) for theta in path])
    return Run(path, loss, metric)


# --- the six conditions ---


def iteration_limit(length: int, *, t_max: int) -> Mask:
    """(1) ``t ≥ T_max``, for a run of ``length`` iterates."""
    return np.arange(length) >= t_max


def metric_reached(metric: Array, *, target: float) -> Mask:
    """(2) the quality metric has reached ``target`` (here R², higher is better)."""
    return metric >= target


def small_step(params: Array, *, eps: float) -> Mask:
    """(3) ``‖x_t − x_{t−1}‖ ≤ ε``; never true at t = 0, where there is no step yet."""
    lengths = np.linalg.norm(np.diff(params, axis=0), axis=1)
    return np.concatenate([[False], lengths <= eps])


def small_loss(loss: Array, *, eps: float) -> Mask:
    """(4) ``L(x_t) ≤ ε``."""
    return loss <= eps


def small_change(loss: Array, *, eps: float) -> Mask:
    """(5) ``|L(x_t) − L(x_{t−1})| ≤ ε``."""
    return np.concatenate([[False], np.abs(np.diff(loss)) <= eps])


def no_progress(loss: Array, *, window: int, eps: float) -> Mask:
    """(6) ``|L(x_{t−m}) − L(x_t)| ≤ ε`` with ``m = window``: no progress over m steps."""
    change = np.abs(loss[window:] - loss[:-window])
    return np.concatenate([np.zeros(window, dtype=bool), change <= eps])


def demo_conditions(
    run: Run,
    *,
    t_max: int = 500,
    target_r2: float = 0.95,
    step_eps: float = 1e-3,
    loss_eps: float = 0.02,
    change_eps: float = 1e-5,
    window: int = 10,
    window_eps: float = 1e-5,
) -> dict[int, Mask]:
    """The masks of conditions 1–6 with the thresholds of the page's demo, keyed by number."""
    return {
        1: iteration_limit(len(run.loss), t_max=t_max),
        2: metric_reached(run.metric, target=target_r2),
        3: small_step(run.params, eps=step_eps),
        4: small_loss(run.loss, eps=loss_eps),
        5: small_change(run.loss, eps=change_eps),
        6: no_progress(run.loss, window=window, eps=window_eps),
    }


def first_firing(mask: Mask) -> int | None:
    """The first iteration at which a condition holds, or ``None`` if it never does."""
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def stopping_iteration(masks: list[Mask]) -> int | None:
    """When a run that checks all ``masks`` together stops: the first t where any holds."""
    return first_firing(np.logical_or.reduce(masks))


# --- condition 5 stopping too early ---


def exponential_run(*, steps: int = 10_098) -> tuple[Array, Array]:
    """``L(x) = e^{−x}`` (no minimiser) from x = 0 with h = 1: iterates and losses."""
    xs = descend_1d(lambda x: -np.exp(-x), 0.0, lr=1.0, steps=steps)
    return xs, np.exp(-xs)


def flat_parabola_run(*, steps: int = 3_500) -> tuple[Array, Array]:
    """``L(x) = 0.0005·x²`` from x = 30 with h = 1: iterates and losses."""
    xs = descend_1d(lambda x: 0.001 * x, 30.0, lr=1.0, steps=steps)
    return xs, 0.0005 * xs**2


# --- figures ---


def six_conditions_figure(lang: str) -> Figure:
    """The demo's loss on log axes with the iteration at which each condition fires."""
    run = fit_line()
    fired = {number: first_firing(mask) for number, mask in demo_conditions(run).items()}
    names = [tr(lang, en=en, ru=ru, zh=zh) for en, ru, zh in (
        ("(1) limit t ≥ 500", "(1) лимит t ≥ 500", "(1) 上限 t ≥ 500"),
        ("(2) metric R² ≥ 0.95", "(2) метрика R² ≥ 0.95", "(2) 指标 R² ≥ 0.95"),
        ("(3) step ‖Δx‖ ≤ 1e-3", "(3) шаг ‖Δx‖ ≤ 1e-3", "(3) 步长 ‖Δx‖ ≤ 1e-3"),
        ("(4) loss L ≤ 0.02", "(4) потери L ≤ 0.02", "(4) 损失 L ≤ 0.02"),
        ("(5) change |ΔL| ≤ 1e-5", "(5) изменение |ΔL| ≤ 1e-5", "(5) 变化 |ΔL| ≤ 1e-5"),
        ("(6) over 10 steps |ΔL| ≤ 1e-5", "(6) за 10 шагов |ΔL| ≤ 1e-5",
         "(6) 10 步内 |ΔL| ≤ 1e-5"),
    )]
    colors = ("#555555", "#9467bd", "#2ca02c", "#d62728", "#ff7f0e", "#8c564b")
    fig, (ax,) = new_figure(width=8.6, height=3.8)
    iterations = np.arange(1, len(run.loss))
    ax.loglog(iterations, run.loss[1:], color=COLORS["gd"], linewidth=1.6,
              label=tr(lang, en="loss L(t)", ru="потери L(t)", zh="损失 L(t)"))
    for (number, t), color in zip(sorted(fired.items()), colors, strict=True):
        if t is not None:
            ax.axvline(t, color=color, linestyle="--", linewidth=1.1,
                       label=f"{names[number - 1]}: t = {t}")
    ax.set_xlabel(tr(lang, en="iteration t (log scale)",
                     ru="итерация t (лог. шкала)", zh="迭代 t（对数刻度）"))
    ax.set_ylabel(tr(lang, en="MSE loss (log scale)", ru="MSE (лог. шкала)",
                     zh="均方误差（对数刻度）"))
    # outside the axes: the lines at t = 14, 16 and 53–74 leave no empty corner inside
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    return fig


def early_stop_figure(lang: str) -> Figure:
    """Condition 5 (ε = 1e-4 and 1e-3) stops long before the loss is small."""
    fig, (ax_exp, ax_flat) = new_figure(2, width=9.0, height=3.6)
    stop_label = tr(lang, en="condition 5 stops", ru="условие 5 останавливает",
                    zh="条件 5 停止")

    xs, loss = exponential_run()
    stop = first_firing(small_change(loss, eps=1e-4))
    assert stop is not None, "condition 5 fires on this run"
    curve = np.linspace(0.0, 10.0, 300)
    ax_exp.plot(curve, np.exp(-curve), color=COLORS["neutral"], linewidth=1.0)
    ax_exp.plot(xs[: stop + 1], loss[: stop + 1], "o", color=COLORS["gd"], markersize=2)
    ax_exp.plot(xs[stop], loss[stop], "o", color=COLORS["rmsprop"], markersize=7,
                label=f"{stop_label}: t = {stop}, L = {loss[stop]:.4f}")
    ax_exp.plot(xs[-1], loss[-1], "s", color=COLORS["adagrad"], markersize=7,
                label=tr(lang, en="10 000 steps later", ru="через 10 000 шагов",
                         zh="再走 10 000 步") + f": L = {loss[-1]:.1e}")
    ax_exp.set_xlabel("x")
    ax_exp.set_title("$L(x) = e^{-x}$, h = 1, ε = 1e-4", fontsize=10)
    ax_exp.set_ylabel("L(x)")
    ax_exp.legend(loc="upper right", fontsize=8)

    _, loss = flat_parabola_run()
    stop = first_firing(small_change(loss, eps=1e-3))
    reached = first_firing(loss <= 1e-3)
    assert stop is not None and reached is not None, "both fire on this run"
    ax_flat.plot(loss, color=COLORS["gd"])
    ax_flat.axvline(stop, color=COLORS["rmsprop"], linestyle="--",
                    label=f"{stop_label}: t = {stop}, L = {loss[stop]:.3f}")
    ax_flat.axvline(reached, color=COLORS["adagrad"], linestyle="--",
                    label=tr(lang, en="L ≤ 1e-3 reached", ru="достигнуто L ≤ 1e-3",
                             zh="达到 L ≤ 1e-3") + f": t = {reached}")
    ax_flat.set_xlabel(tr(lang, en="iteration t", ru="итерация t", zh="迭代 t"))
    ax_flat.set_ylabel("L(x_t)")
    ax_flat.set_title("L(x) = 0.0005·x², x₀ = 30, h = 1, ε = 1e-3", fontsize=10)
    ax_flat.legend(loc="upper right", fontsize=8)
    return fig
