"""AdaGrad against RMSprop: a sum of squared gradients that only grows vs one that forgets.

Both pages run the same experiments, so they live here, once: the weight each
past gradient keeps, the step after a gentle slope turns steep, and the two
paths on the ravine (AdaGrad's step vanishes, RMSprop's does not).
"""

from __future__ import annotations

from functools import partial

import numpy as np
from matplotlib.figure import Figure

from snippets import adagrad, rmsprop
from snippets.core import (
    Array,
    Explorable,
    Frame,
    Key,
    Panel,
    Series,
    Slider,
    distances,
    fed_path,
    step_lengths,
    trajectory,
)
from snippets.plotting import COLORS, new_figure, path_line, show_panel, tr
from snippets.surfaces import RAVINE_START, ravine_contour, ravine_grad

# --- what the accumulator remembers ---


def memory_weights(*, alpha: float, t: int) -> Array:
    """Weight of each ``(gⁱ)²``, i = 0 … t, inside Hung-yi's RMSprop ``(σᵗ)²``.

    Unrolling ``σ² ← α·σ² + (1−α)·g²`` from ``σ⁰ = |g⁰|`` gives ``αᵗ`` for the
    first gradient and ``(1−α)·α^(t−i)`` for the others; they sum to 1.
    """
    ages = np.arange(t, -1, -1, dtype=np.float64)
    weights = (1 - alpha) * alpha**ages
    weights[0] = alpha**t
    return weights


def mean_weights(*, t: int) -> Array:
    """Weight of each ``(gⁱ)²`` in Hung-yi's AdaGrad ``(σᵗ)²``: all equal, ``1/(t+1)``."""
    return np.full(t + 1, 1.0 / (t + 1))


def memory_figure(lang: str) -> Figure:
    """How much each past squared gradient counts after 40 steps: AdaGrad vs RMSprop."""
    t = 40
    fig, (ax,) = new_figure(width=6.4, height=3.4)
    ax.plot(np.arange(t + 1), mean_weights(t=t), "o-", color=COLORS["adagrad"], markersize=3,
            label=tr(lang, en="AdaGrad: 1/(t+1) each", ru="AdaGrad: каждому 1/(t+1)",
                     zh="AdaGrad：每项 1/(t+1)"))
    for alpha, dash in ((0.9, "-"), (0.5, "--")):
        ax.plot(np.arange(t + 1), memory_weights(alpha=alpha, t=t), "o" + dash,
                color=COLORS["rmsprop"], markersize=3, label=f"RMSprop α = {alpha}")
    ax.set_yscale("log")
    ax.set_ylim(1e-5, 1.0)
    ax.set_xlabel(tr(lang, en="index i of the gradient gⁱ", ru="номер i градиента gⁱ",
                     zh="梯度 gⁱ 的序号 i"))
    ax.set_ylabel(tr(lang, en="weight of (gⁱ)² in (σᵗ)²", ru="вес (gⁱ)² в (σᵗ)²",
                     zh="(gⁱ)² 在 (σᵗ)² 中的权重"))
    ax.set_title(tr(lang, en="t = 40: the last gradient is on the right",
                    ru="t = 40: последний градиент справа", zh="t = 40：最近的梯度在右侧"))
    ax.legend(loc="upper left")
    return fig


# --- the brake: a gentle slope turns steep ---


def gentle_then_steep(*, gentle_steps: int = 100, steep_steps: int = 40) -> Array:
    """Gradient 0.1 for ``gentle_steps`` steps, then 10, shape ``(steps, 1)``."""
    return np.concatenate([np.full(gentle_steps, 0.1), np.full(steep_steps, 10.0)])[:, None]


def brake_steps(grads: Array, *, lr: float = 0.1) -> dict[str, Array]:
    """Step lengths of Hung-yi's AdaGrad and of RMSprop (α = 0.9, 0.5) fed ``grads``."""
    runs = {"adagrad": step_lengths(fed_path(adagrad.init, partial(adagrad.update_mean, lr=lr),
                                             adagrad.params, grads))}
    for alpha in (0.9, 0.5):
        runs[f"rmsprop {alpha}"] = step_lengths(fed_path(
            rmsprop.init, partial(rmsprop.update, lr=lr, alpha=alpha), rmsprop.params, grads))
    return runs


JUMP_AT = 100.5  # between the last gentle step and the first steep one
# step length against t around the jump, on the static figure and the explorable
BRAKE_PANEL = Panel((78.0, 142.0), (0.08, 1.5),
                    {"en": "iteration t", "ru": "итерация t", "zh": "迭代 t"},
                    {"en": "step length", "ru": "длина шага", "zh": "步长"}, ylog=True,
                    xticks=(80.0, 90.0, 100.0, 110.0, 120.0, 130.0, 140.0), yticks=(0.1, 1.0))


def brake_figure(lang: str) -> Figure:
    """Step length when the gradient jumps from 0.1 to 10 at step 101."""
    runs = brake_steps(gentle_then_steep())
    fig, (ax,) = new_figure(width=6.4, height=3.4)
    styles = {"adagrad": (COLORS["adagrad"], "-", "AdaGrad"),
              "rmsprop 0.9": (COLORS["rmsprop"], "-", "RMSprop α = 0.9"),
              "rmsprop 0.5": (COLORS["rmsprop"], "--", "RMSprop α = 0.5")}
    for name, lengths in runs.items():
        color, dash, label = styles[name]
        ax.semilogy(np.arange(1, len(lengths) + 1), lengths, dash, color=color, label=label,
                    linewidth=1.6)
    ax.axvline(JUMP_AT, color=COLORS["neutral"], linewidth=0.7, linestyle=":")
    show_panel(ax, BRAKE_PANEL, lang)
    ax.set_title(tr(lang, en="η = 0.1; gradient 0.1 for 100 steps, then 10",
                    ru="η = 0.1; градиент 0.1 первые 100 шагов, затем 10",
                    zh="η = 0.1；前 100 步梯度为 0.1，之后为 10"))
    ax.legend(loc="upper right")
    return fig


# --- on the ravine: AdaGrad's step vanishes, RMSprop keeps moving ---


def forgetting_paths(*, lr: float = 1e-3, steps: int = 6000) -> dict[str, Array]:
    """Paths of note 002's AdaGrad and of RMSprop (α = 0.9) on the ravine, same step h."""
    return {
        "adagrad": trajectory(adagrad.init, partial(adagrad.update_note, lr=lr), adagrad.params,
                              ravine_grad, RAVINE_START, steps=steps),
        "rmsprop": trajectory(rmsprop.init, partial(rmsprop.update, lr=lr, alpha=0.9),
                              rmsprop.params, ravine_grad, RAVINE_START, steps=steps),
    }


def vanishing_step(*, lr: float, steps: int) -> dict[str, tuple[Array, Array]]:
    """Distance to the minimum and step length per iteration of :func:`forgetting_paths`."""
    return {name: (distances(path, [0.0, 0.0]), step_lengths(path))
            for name, path in forgetting_paths(lr=lr, steps=steps).items()}


def vanishing_step_figure(lang: str) -> Figure:
    """Distance and step length on a log scale: AdaGrad stalls, RMSprop keeps moving."""
    runs = vanishing_step(lr=0.1, steps=500)
    fig, (ax_dist, ax_step) = new_figure(2, width=7.5, height=3.4)
    for method, (dist, steps) in runs.items():
        ax_dist.semilogy(dist, color=COLORS[method], label=method.replace("adagrad", "AdaGrad")
                         .replace("rmsprop", "RMSprop (α = 0.9)"))
        ax_step.semilogy(np.arange(1, len(steps) + 1), steps, color=COLORS[method])
    iteration = tr(lang, en="iteration t", ru="итерация t", zh="迭代 t")
    ax_dist.set_xlabel(iteration)
    ax_step.set_xlabel(iteration)
    ax_dist.set_title(tr(lang, en="distance to the minimum", ru="расстояние до минимума",
                         zh="到最小值的距离"))
    ax_step.set_title(tr(lang, en="step length", ru="длина шага", zh="步长"))
    ax_dist.legend()
    return fig


def forgetting_figure(lang: str) -> Figure:
    """Paths on the ravine and distance to the minimum: AdaGrad stalls, RMSprop arrives."""
    paths = forgetting_paths()
    fig, (ax_path, ax_dist) = new_figure(2, width=8.0, height=3.4)
    ravine_contour(ax_path)
    labels = {"adagrad": "AdaGrad", "rmsprop": "RMSprop (α = 0.9)"}
    for method, path in paths.items():
        path_line(ax_path, path, method=method, label=labels[method], markevery=200)
        ax_dist.semilogy(distances(path, [0.0, 0.0]), color=COLORS[method], label=labels[method])
    ax_path.plot(0, 0, "k*", markersize=10)
    ax_path.set_xlabel("x")
    ax_path.set_ylabel("y")
    ax_path.set_title(tr(lang, en="f = ½(x² + 50y²), h = 0.001", ru="f = ½(x² + 50y²), h = 0.001",
                         zh="f = ½(x² + 50y²)，h = 0.001"))
    ax_dist.set_xlabel(tr(lang, en="iteration t", ru="итерация t", zh="迭代 t"))
    ax_dist.set_title(tr(lang, en="distance to the minimum", ru="расстояние до минимума",
                         zh="到最小值的距离"))
    ax_dist.legend(loc="lower left")
    return fig


# --- the brake, explorable: α on a slider ---

EXPLORE_SHOWN = (80, 140)  # the iterations the brake figure shows
EXPLORE_SETTLED = 1.1  # "settled": a step no longer than 1.1·η


def brake_frame(*, alpha: float, lr: float = 0.1) -> Frame:
    """Step lengths of RMSprop with ``alpha`` and of AdaGrad around the jump of the gradient.

    Numbers: RMSprop's first steep step (t = 101) and the first t after the jump with
    a step no longer than 1.1·η ("never" within the 40 steep steps).
    """
    grads = gentle_then_steep()
    lengths = step_lengths(fed_path(rmsprop.init, partial(rmsprop.update, lr=lr, alpha=alpha),
                                    rmsprop.params, grads))
    reference = brake_steps(grads, lr=lr)["adagrad"]
    t = np.arange(1, len(lengths) + 1, dtype=np.float64)
    shown = (t >= EXPLORE_SHOWN[0]) & (t <= EXPLORE_SHOWN[1])
    jump = int(np.argmax(grads[:, 0] > grads[0, 0]))  # the index of the first steep step
    settled = np.flatnonzero(lengths[jump + 1:] <= EXPLORE_SETTLED * lr)
    numbers: dict[str, float | str] = {
        "first": float(lengths[jump]),
        "settled": float(t[jump + 1 + settled[0]]) if settled.size else "never",
    }
    jump_line = np.column_stack([[JUMP_AT, JUMP_AT], BRAKE_PANEL.ylim])
    return Frame((Series(0, jump_line, COLORS["neutral"], "dotted"),
                  Series(0, np.column_stack([t[shown], reference[shown]]), COLORS["adagrad"]),
                  Series(0, np.column_stack([t[shown], lengths[shown]]), COLORS["rmsprop"])),
                 numbers)


def brake_explorable() -> Explorable:
    """α from 0.5 to 0.98 on :func:`brake_figure`."""
    return Explorable(
        sliders=(Slider("alpha", tuple(round(0.5 + 0.02 * k, 2) for k in range(25)),
                        {"en": "forgetting α", "ru": "забывание α", "zh": "衰减系数 α"},
                        initial=0.9),),
        panels=(BRAKE_PANEL,),
        numbers={"first": {"en": "RMSprop's first step on the steep part (t = 101)",
                           "ru": "первый шаг RMSprop на крутом участке (t = 101)",
                           "zh": "RMSprop 在陡坡上的第一步（t = 101）"},
                 "settled": {"en": "first t with a step ≤ 1.1·η again",
                             "ru": "первое t, где шаг снова ≤ 1.1·η",
                             "zh": "步长重新 ≤ 1.1·η 的首个 t"}},
        compute=brake_frame,
        legend=(Key(COLORS["adagrad"], "line", {"en": "AdaGrad", "ru": "AdaGrad", "zh": "AdaGrad"}),
                Key(COLORS["rmsprop"], "line", {"en": "RMSprop with the chosen α",
                                                "ru": "RMSprop с выбранным α",
                                                "zh": "所选 α 下的 RMSprop"}),
                Key(COLORS["neutral"], "dotted", {"en": "the gradient jumps from 0.1 to 10",
                                                   "ru": "градиент скачком растёт с 0.1 до 10",
                                                   "zh": "梯度从 0.1 跳到 10"})))
