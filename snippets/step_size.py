"""The step size of gradient descent: too large, too small, shrinking, sign-only.

* too large: on ``f = x²`` the step ``h`` multiplies ``x`` by ``1 − 2h``, so it
  overshoots (h > ½), oscillates (h = 1) or diverges (h > 1);
* too small: on a plateau or next to a shallow minimum, the walk crawls or stops;
* the selfedu rule ``λᵢ = 1/min(i+1, mn)`` with ``x ← x − λᵢ·sgn f′(x)``;
* the running loss of SGD, ``Q ← λ·εₖ + (1−λ)·Q`` with ``λ = 2/(N+1)``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from snippets.core import (
    Array,
    Explorable,
    Frame,
    GradFn,
    Key,
    Panel,
    Series,
    Slider,
    descend_1d,
)
from snippets.local_minima import decimal, two_minima, two_minima_grad
from snippets.plotting import COLORS, new_figure, show_panel, tr

PALETTE = (COLORS["gd"], COLORS["momentum"], COLORS["rmsprop"])


def quadratic_path(*, curvature: float, lr: float, x0: float = 1.0, steps: int) -> Array:
    """Gradient descent on ``f = ½·c·x²``; each step multiplies x by ``1 − lr·c``."""
    return descend_1d(lambda x: curvature * x, x0, lr=lr, steps=steps)


def plateau(x: Array) -> Array:
    """``1 − exp(−x²)``: a narrow bowl at 0 and an almost flat shelf beyond |x| ≈ 2."""
    return 1 - np.exp(-(x**2))


def plateau_grad(x: Array) -> Array:
    """Derivative of :func:`plateau`."""
    return 2 * x * np.exp(-(x**2))


# --- selfedu: a shrinking step and the sign of the derivative ---


def wavy_slope(x: Array) -> Array:
    """``sin x + 0.5x``, with local minima at ``−2π/3 + 2πk``."""
    return np.sin(x) + 0.5 * x


def wavy_slope_grad(x: Array) -> Array:
    """Derivative of :func:`wavy_slope`."""
    return np.cos(x) + 0.5


def selfedu_steps(steps: int, *, max_divisor: int) -> Array:
    """``λᵢ = 1/min(i+1, mn)`` for ``i = 0 .. steps−1``: shrinks as 1/i, then freezes at 1/mn."""
    i = np.arange(steps)
    return 1.0 / np.minimum(i + 1, max_divisor)


def sign_descent_path(grad: GradFn, x0: float, *, steps: int, max_divisor: int) -> Array:
    """``x ← x − λᵢ·sgn f′(x)``: only the sign of the derivative is used, never its size."""
    path = [float(x0)]
    for lr in selfedu_steps(steps, max_divisor=max_divisor):
        path.append(path[-1] - lr * float(np.sign(grad(np.array(path[-1])))))
    return np.array(path)


# --- the running loss of SGD: an exponential moving average ---


def ema_rate(window: float) -> float:
    """``λ = 2/(N+1)``: the forgetting rate that averages roughly the last N values."""
    return 2.0 / (window + 1.0)


def recent_weight(window: int) -> float:
    """Total weight the average puts on its last N values, ``1 − (1−λ)^N``."""
    return 1.0 - (1.0 - ema_rate(window)) ** window


def mean_age(rate: float) -> float:
    """Mean age ``Σ k·λ(1−λ)^k = (1−λ)/λ`` of the averaged values; (N−1)/2 for λ = 2/(N+1)."""
    return (1.0 - rate) / rate


def running_loss(losses: Array, *, rate: float, initial: float) -> Array:
    """``Q ← λ·εₖ + (1−λ)·Q`` after every loss ``εₖ``, starting from ``initial``."""
    averages = np.empty(len(losses))
    q = initial
    for k, loss in enumerate(losses):
        q = rate * loss + (1.0 - rate) * q
        averages[k] = q
    return averages


def sgd_sample_losses(*, steps: int, lr: float, seed: int = 0) -> tuple[Array, float]:
    """Per-sample losses of SGD fitting ``y = wx + b`` to noisy data, and the full loss at start.

    One random example per step; its squared error ``εₖ`` is recorded before the step.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, 200)
    y = 2.0 * x + 1.0 + 0.3 * rng.standard_normal(x.size)
    w, b = 0.0, 0.0
    losses = np.empty(steps)
    for k, i in enumerate(rng.integers(0, x.size, steps)):
        error = w * x[i] + b - y[i]
        losses[k] = error**2
        w, b = w - lr * 2 * error * x[i], b - lr * 2 * error
    return losses, float(np.mean(y**2))


# --- figures ---


# The two panels of the too-large figure, which the explorable redraws: the
# parabola with the iterates, and |xₜ| down to where fast runs leave the axes
CURVE_PANEL = Panel((-2.8, 2.8), (-0.3, 7.0), {"en": "x", "ru": "x", "zh": "x"},
                    {"en": "f(x) = x²", "ru": "f(x) = x²", "zh": "f(x) = x²"},
                    xticks=(-2.0, -1.0, 0.0, 1.0, 2.0), yticks=(0.0, 2.0, 4.0, 6.0))
DISTANCE_PANEL = Panel((-0.5, 10.5), (1e-4, 1e2),
                       {"en": "iteration t", "ru": "итерация t", "zh": "迭代 t"},
                       {"en": "|xₜ|", "ru": "|xₜ|", "zh": "|xₜ|"}, ylog=True,
                       xticks=(0.0, 2.0, 4.0, 6.0, 8.0, 10.0), yticks=(1e-4, 1e-2, 1.0, 1e2))


def too_large_figure(lang: str) -> Figure:
    """On f = x², h = 0.9 overshoots, h = 1 oscillates, h = 1.1 diverges."""
    fig, (ax_curve, ax_dist) = new_figure(2, width=8.0, height=3.6)
    xs = np.linspace(-2.6, 2.6, 200)
    ax_curve.plot(xs, xs**2, color=COLORS["neutral"], linewidth=1.2)
    names = (tr(lang, en="overshoot", ru="перескок", zh="越过最小值"),
             tr(lang, en="oscillation", ru="колебания", zh="振荡"),
             tr(lang, en="divergence", ru="расходимость", zh="发散"))
    for lr, name, color in zip((0.9, 1.0, 1.1), names, PALETTE, strict=True):
        path = quadratic_path(curvature=2.0, lr=lr, steps=10)
        label = f"h = {decimal(lang, lr, 1)}: {name}"
        ax_curve.plot(path, path**2, "o-", color=color, markersize=3, linewidth=0.9, label=label)
        ax_dist.plot(np.abs(path), "o-", color=color, markersize=3, label=label)
    show_panel(ax_curve, CURVE_PANEL, lang)
    ax_curve.set_title(tr(lang, en="f(x) = x², start x₀ = 1", ru="f(x) = x², старт x₀ = 1",
                          zh="f(x) = x²，起点 x₀ = 1"))
    ax_curve.legend(loc="upper center", fontsize=8)
    show_panel(ax_dist, DISTANCE_PANEL, lang)
    ax_dist.set_title(tr(lang, en="distance to the minimum |xₜ|", ru="расстояние до минимума |xₜ|",
                         zh="到最小值的距离 |xₜ|"))
    return fig


def too_small_figure(lang: str) -> Figure:
    """A small step crawls on a plateau and stays in the near one of two minima."""
    fig, (ax_flat, ax_stuck) = new_figure(2, width=8.4, height=3.6)
    for lr, color in zip((0.5, 0.1, 0.01), PALETTE, strict=True):
        path = descend_1d(plateau_grad, 2.5, lr=lr, steps=2000)
        ax_flat.plot(plateau(path), color=color, label=f"h = {decimal(lang, lr, 2)}")
    ax_flat.set_xscale("symlog", linthresh=10)
    ax_flat.set_title(tr(lang, en="slow: f = 1 − exp(−x²) from x₀ = 2.5",
                         ru="медленно: f = 1 − exp(−x²) из x₀ = 2.5",
                         zh="缓慢：f = 1 − exp(−x²)，从 x₀ = 2.5 出发"), fontsize=10)
    runs = ((0.01, -2.2), (0.08, -2.2), (0.08, -2.1))
    for (lr, x0), color in zip(runs, PALETTE, strict=True):
        path = descend_1d(two_minima_grad, x0, lr=lr, steps=200)
        ax_stuck.plot(two_minima(path), color=color,
                      label=f"h = {decimal(lang, lr, 2)}, x₀ = {decimal(lang, x0, 1)}")
    ax_stuck.set_xscale("symlog", linthresh=10)
    ax_stuck.set_title(tr(lang, en="stuck: f = x⁴ − 4x² − x", ru="застревание: f = x⁴ − 4x² − x",
                          zh="卡住：f = x⁴ − 4x² − x"), fontsize=10)
    for ax in (ax_flat, ax_stuck):
        ax.set_xlabel(tr(lang, en="iteration t", ru="итерация t", zh="迭代 t"))
        ax.set_ylabel("f(xₜ)")
        ax.legend(fontsize=8)
    return fig


def lr_search_figure(lang: str) -> Figure:
    """The 0.1 → 0.01 → 0.001 search on f = 12.5x²: diverges, converges, crawls."""
    fig, (ax,) = new_figure(width=6.0, height=3.6)
    for lr, color in zip((0.1, 0.01, 0.001), PALETTE, strict=True):
        path = quadratic_path(curvature=25.0, lr=lr, steps=60)
        ax.semilogy(12.5 * path**2, color=color, label=f"h = {decimal(lang, lr, 3).rstrip('0')}")
    ax.set_ylim(1e-12, 1e8)
    ax.set_xlabel(tr(lang, en="iteration t", ru="итерация t", zh="迭代 t"))
    ax.set_ylabel("f(xₜ)")
    ax.set_title(tr(lang, en="f = 12.5x², x₀ = 1: stable only for h < 0.08",
                    ru="f = 12.5x², x₀ = 1: устойчиво только при h < 0.08",
                    zh="f = 12.5x²，x₀ = 1：仅当 h < 0.08 时稳定"), fontsize=10)
    ax.legend()
    return fig


def sign_descent_figure(lang: str) -> Figure:
    """Sign descent on sin x + 0.5x from 0 and 2.5, and how the step bounds the error."""
    fig, (ax_curve, ax_step) = new_figure(2, width=8.4, height=3.6)
    xs = np.linspace(-4.0, 6.0, 400)
    ax_curve.plot(xs, wavy_slope(xs), color=COLORS["neutral"], linewidth=1.2)
    for x0, color in zip((0.0, 2.5), PALETTE, strict=False):
        path = sign_descent_path(wavy_slope_grad, x0, steps=20, max_divisor=100)
        ax_curve.plot(path, wavy_slope(path), "o-", color=color, markersize=3, linewidth=0.8,
                      label=f"x₀ = {decimal(lang, x0, 1)} → {decimal(lang, path[-1], 4)}")
    ax_curve.set_xlabel("x")
    ax_curve.set_title(tr(lang, en="f(x) = sin x + 0.5x, N = 20, mn = 100",
                          ru="f(x) = sin x + 0.5x, N = 20, mn = 100",
                          zh="f(x) = sin x + 0.5x，N = 20，mn = 100"), fontsize=10)
    ax_curve.legend(fontsize=8, loc="upper left")
    target = -2 * np.pi / 3
    for mn, color in zip((10, 100), PALETTE, strict=False):
        i = np.arange(1, 1001)
        ax_step.loglog(i, selfedu_steps(1000, max_divisor=mn), color=color,
                       label=tr(lang, en=f"step λᵢ, mn = {mn}", ru=f"шаг λᵢ, mn = {mn}",
                                zh=f"步长 λᵢ，mn = {mn}"))
        error = np.abs(sign_descent_path(wavy_slope_grad, 0.0, steps=1000, max_divisor=mn) - target)
        # The error itself flickers towards 0 at every crossing; its worst value
        # from i on is the band the iterates stay in.
        worst_ahead = np.maximum.accumulate(error[:0:-1])[::-1]
        ax_step.loglog(i, worst_ahead, "--", color=color,
                       label=tr(lang, en=f"max |xⱼ − x*| for j ≥ i, mn = {mn}",
                                ru=f"max |xⱼ − x*| при j ≥ i, mn = {mn}",
                                zh=f"j ≥ i 时的 max |xⱼ − x*|，mn = {mn}"))
    ax_step.set_ylim(3e-3, 1.5)
    ax_step.set_xlabel(tr(lang, en="iteration i", ru="итерация i", zh="迭代 i"))
    ax_step.set_title(tr(lang, en="x₀ = 0, x* = −2π/3", ru="x₀ = 0, x* = −2π/3",
                         zh="x₀ = 0，x* = −2π/3"), fontsize=10)
    ax_step.legend(fontsize=7, loc="lower left")
    return fig


def running_loss_figure(lang: str) -> Figure:
    """Noisy per-sample SGD losses and their running averages for N = 19 and N = 199."""
    losses, initial = sgd_sample_losses(steps=1500, lr=0.05)
    fig, (ax,) = new_figure(width=6.4, height=3.8)
    steps = np.arange(1, losses.size + 1)
    ax.semilogy(steps, losses, ".", color="#aaaaaa", markersize=2,
                label=tr(lang, en="loss εₖ on the sampled example",
                         ru="потеря εₖ на выбранном примере", zh="所抽样本上的损失 εₖ"))
    for window, color in zip((19, 199), (COLORS["momentum"], COLORS["gd"]), strict=True):
        rate = ema_rate(window)
        ax.semilogy(steps, running_loss(losses, rate=rate, initial=initial), color=color,
                    linewidth=1.6, label=f"Q, N = {window}, λ = {decimal(lang, rate, 2)}")
    ax.set_ylim(1e-6, 30)
    ax.set_xlabel(tr(lang, en="SGD step k", ru="шаг SGD k", zh="SGD 步数 k"))
    ax.set_title(tr(lang, en="Running loss Q ← λεₖ + (1 − λ)Q, λ = 2/(N + 1)",
                    ru="Скользящая оценка Q ← λεₖ + (1 − λ)Q, λ = 2/(N + 1)",
                    zh="滑动损失 Q ← λεₖ + (1 − λ)Q，λ = 2/(N + 1)"), fontsize=10)
    ax.legend(fontsize=8, loc="lower left")
    return fig


# --- explorable: any step size on f = x² ---

EXPLORE_STEPS = 10
EXPLORE_STOP = 1e-2  # the stopping condition |xₜ| < 0.01


def too_large_frame(*, lr: float) -> Frame:
    """GD on f = x² from x₀ = 1 with step ``lr``: the curve, the iterates on it, |xₜ|, the numbers.

    Numbers: |x₁₀| ("diverged" when it grew past |x₀|) and the first t with |xₜ| < 0.01.
    """
    path = quadratic_path(curvature=2.0, lr=lr, steps=EXPLORE_STEPS)
    distance = np.abs(path)
    # below by more than rounding: at h = 0.45 |x₂| is 0.01 exactly, which floats make 0.00999…
    below = np.flatnonzero(distance < EXPLORE_STOP * (1 - 1e-9))
    numbers: dict[str, float | str] = {
        "distance": "diverged" if distance[-1] > distance[0] else float(distance[-1]),
        "stop": float(below[0]) if below.size else "never",
    }
    t = np.arange(path.size, dtype=np.float64)
    xs = np.linspace(-2.6, 2.6, 53)  # the parabola, as the static figure draws it
    threshold = np.column_stack([DISTANCE_PANEL.xlim, [EXPLORE_STOP, EXPLORE_STOP]])
    return Frame((Series(0, np.column_stack([xs, xs**2]), COLORS["neutral"]),
                  Series(0, np.column_stack([path, path**2]), COLORS["gd"], "both"),
                  Series(1, threshold, COLORS["neutral"], "dotted"),
                  Series(1, np.column_stack([t, distance]), COLORS["gd"], "both")), numbers)


def too_large_explorable() -> Explorable:
    """The step h from 0.05 to 1.2 on the figure of f = x²."""
    return Explorable(
        sliders=(Slider("lr", tuple(round(0.05 * k, 2) for k in range(1, 25)),
                        {"en": "step h", "ru": "шаг h", "zh": "步长 h"}, initial=0.9),),
        panels=(CURVE_PANEL, DISTANCE_PANEL),
        numbers={"distance": {"en": "distance to the minimum after 10 steps, |x₁₀|",
                              "ru": "расстояние до минимума через 10 шагов, |x₁₀|",
                              "zh": "10 步后到最小值的距离 |x₁₀|"},
                 "stop": {"en": "first t ≤ 10 with |xₜ| < 0.01", "ru": "первое t ≤ 10, где |xₜ| < 0.01",
                          "zh": "10 步内首次 |xₜ| < 0.01 的 t"}},
        compute=too_large_frame,
        legend=(Key(COLORS["neutral"], "line", {"en": "f(x) = x²", "ru": "f(x) = x²",
                                                "zh": "f(x) = x²"}),
                Key(COLORS["gd"], "both", {"en": "x₀, x₁, …, x₁₀ with the chosen h",
                                           "ru": "x₀, x₁, …, x₁₀ при выбранном h",
                                           "zh": "所选 h 下的 x₀, x₁, …, x₁₀"}),
                Key(COLORS["neutral"], "dotted", {"en": "the stopping condition |xₜ| < 0.01",
                                                   "ru": "условие остановки |xₜ| < 0.01",
                                                   "zh": "停止条件 |xₜ| < 0.01"})))
