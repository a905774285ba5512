"""Adam: momentum on the gradient plus RMSprop on its square, both bias-corrected."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure

from snippets import adagrad, momentum, rmsprop
from snippets.core import (
    Array,
    Explorable,
    Frame,
    Key,
    Panel,
    Series,
    Slider,
    fed_path,
    trajectory,
)
from snippets.plotting import COLORS, LINESTYLES, new_figure, path_line, show_panel, tr
from snippets.surfaces import RAVINE_START, ravine_contour, ravine_grad


class State(NamedTuple):
    """Parameters, first and second moment estimates, and the step count."""

    x: Array
    m: Array
    v: Array
    t: int


def init(x0: Array) -> State:
    """Both moments start at zero, which is why they need bias correction."""
    return State(x0, np.zeros_like(x0), np.zeros_like(x0), 0)


def update(
    state: State,
    g: Array,
    *,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> State:
    """One Adam step with torch's defaults (Kingma & Ba, Algorithm 1)."""
    t = state.t + 1
    m = beta1 * state.m + (1 - beta1) * g
    v = beta2 * state.v + (1 - beta2) * g**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return State(state.x - lr * m_hat / (np.sqrt(v_hat) + eps), m, v, t)


def params(state: State) -> Array:
    """The current parameters."""
    return state.x


# --- bias correction: what the first steps would be without it ---


def update_uncorrected(
    state: State,
    g: Array,
    *,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> State:
    """Adam without bias correction: steps with the zero-biased ``m`` and ``v`` directly."""
    m = beta1 * state.m + (1 - beta1) * g
    v = beta2 * state.v + (1 - beta2) * g**2
    return State(state.x - lr * m / (np.sqrt(v) + eps), m, v, state.t + 1)


def step_bound(*, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999) -> float:
    """Kingma & Ba's bound on one step, ``lr·(1−β₁)/√(1−β₂)``, if it exceeds ``lr``.

    The large case (``1−β₁ > √(1−β₂)``, e.g. the defaults: ``3.16·lr``) is reached
    only when the gradient was zero at every earlier step.
    """
    return max(lr, lr * (1 - beta1) / np.sqrt(1 - beta2))


# How the static figure and the explorable draw and name the two runs, and their axes
CORRECTED = Key(COLORS["adam"], "line", {"en": "Adam (bias-corrected)", "ru": "Adam (с коррекцией смещения)",
                                         "zh": "Adam（有偏差修正）"})
UNCORRECTED = Key(COLORS["neutral"], "dashed", {"en": "without bias correction",
                                                "ru": "без коррекции смещения", "zh": "无偏差修正"})
BIAS_PANEL = Panel((0.67, 4500.0), (0.0, 7.0),
                   {"en": "iteration t", "ru": "итерация t", "zh": "迭代 t"},
                   {"en": "step length / lr", "ru": "длина шага / lr", "zh": "步长 / lr"},
                   xlog=True, xticks=(1.0, 10.0, 100.0, 1000.0),
                   yticks=(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0))


def bias_correction_figure(lang: str) -> Figure:
    """Step length under a constant gradient, with and without bias correction."""
    grads = np.ones((3000, 1))
    t = np.arange(1, len(grads) + 1)
    fig, (ax,) = new_figure(width=6.4, height=3.4)
    for key, update_fn in ((CORRECTED, update), (UNCORRECTED, update_uncorrected)):
        steps = np.diff(fed_path(init, partial(update_fn, lr=1.0), params, grads), axis=0)
        ax.plot(t, np.abs(steps[:, 0]), color=key.color, linestyle=LINESTYLES[key.style],
                label=key.label[lang])
    show_panel(ax, BIAS_PANEL, lang)
    ax.set_title(tr(lang, en="constant gradient g = 1, β₁ = 0.9, β₂ = 0.999",
                    ru="постоянный градиент g = 1, β₁ = 0.9, β₂ = 0.999",
                    zh="恒定梯度 g = 1，β₁ = 0.9，β₂ = 0.999"))
    ax.legend()
    return fig


# --- paths on the ravine of the AdaGrad page ---


def ravine_paths(*, steps: int = 80) -> dict[str, Array]:
    """Momentum (η 0.005, λ 0.8), RMSprop (η 0.1, α 0.9) and Adam (lr 0.1) from (−4, 1)."""
    return {
        "momentum": trajectory(momentum.init, partial(momentum.update, lr=0.005, momentum=0.8),
                               momentum.params, ravine_grad, RAVINE_START, steps=steps),
        "rmsprop": trajectory(rmsprop.init, partial(rmsprop.update, lr=0.1, alpha=0.9),
                              rmsprop.params, ravine_grad, RAVINE_START, steps=steps),
        "adam": trajectory(init, partial(update, lr=0.1), params, ravine_grad, RAVINE_START,
                           steps=steps),
    }


def ravine_figure(lang: str) -> Figure:
    """Momentum swings along the steep axis; RMSprop and Adam head off at 45°."""
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    ravine_contour(ax)
    names = {"momentum": tr(lang, en="momentum", ru="с инерцией", zh="动量法"),
             "rmsprop": "RMSprop", "adam": "Adam"}
    for method, path in ravine_paths().items():
        path_line(ax, path, method=method, label=names[method])
    ax.plot(0, 0, "k*", markersize=10)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(tr(lang, en="f = ½(x² + 50y²), 80 steps from (−4, 1)",
                    ru="f = ½(x² + 50y²), 80 шагов из (−4, 1)",
                    zh="f = ½(x² + 50y²)，从 (−4, 1) 出发 80 步"))
    ax.legend(loc="lower right")
    return fig


# --- "does it spray?": a long flat stretch, then the gradient returns ---


def silence_gradients(*, loud: int = 100, quiet: int = 9900) -> Array:
    """``loud`` gradients of 1, ``quiet`` zeros, then a single 1; shape ``(steps, 1)``."""
    return np.concatenate([np.ones(loud), np.zeros(quiet), np.ones(1)])[:, None]


def spray_steps(grads: Array, *, lr: float) -> dict[str, Array]:
    """Step length per iteration of four methods fed ``grads``, all with the same η.

    HY's mean-form AdaGrad, Duchi's AdaGrad, HY's RMSprop (α = 0.9) and Adam
    (torch defaults except ``lr``).
    """
    paths = {
        "adagrad_mean": fed_path(adagrad.init, partial(adagrad.update_mean, lr=lr),
                                 adagrad.params, grads),
        "adagrad_duchi": fed_path(adagrad.init, partial(adagrad.update_duchi, lr=lr),
                                  adagrad.params, grads),
        "rmsprop": fed_path(rmsprop.init, partial(rmsprop.update, lr=lr, alpha=0.9),
                            rmsprop.params, grads),
        "adam": fed_path(init, partial(update, lr=lr), params, grads),
    }
    return {name: np.abs(np.diff(path[:, 0])) for name, path in paths.items()}


def spray_figure(lang: str) -> Figure:
    """Step length against t: after 9 900 silent steps HY's AdaGrad jumps ten times η."""
    lr = 0.1
    grads = silence_gradients()
    t = np.arange(1, len(grads) + 1)
    # (colour, line style, width, label); the widths keep coinciding lines visible
    styles = {
        "adagrad_mean": (COLORS["adagrad"], "-", 5.0, tr(lang, en="AdaGrad, mean form (HY)",
                                                         ru="AdaGrad, среднее (Хун-И Ли)",
                                                         zh="Adagrad，均方根形式（李宏毅）")),
        "adagrad_duchi": (COLORS["adagrad"], ":", 1.5, tr(lang, en="AdaGrad, sum form (Duchi)",
                                                          ru="AdaGrad, сумма (Duchi)",
                                                          zh="Adagrad，求和形式（Duchi）")),
        "rmsprop": (COLORS["rmsprop"], "-", 3.0, "RMSprop (α = 0.9)"),
        "adam": (COLORS["adam"], "-", 1.2, "Adam"),
    }
    fig, (ax,) = new_figure(width=6.8, height=3.8)
    runs = spray_steps(grads, lr=lr)
    for name, steps in runs.items():
        color, style, width, label = styles[name]
        visible = np.where(steps > 0, steps, np.nan)  # zero steps have no place on a log axis
        ax.loglog(t, visible, color=color, linestyle=style, linewidth=width, label=label)
        ax.plot(t[-1], steps[-1], "o", color=color, markersize=6)
    # Adam's last step nearly coincides with RMSprop's, so they share one value label
    last = {name: f"{steps[-1]:.3g}" for name, steps in runs.items()}
    for name, text in (("adagrad_mean", last["adagrad_mean"]),
                       ("adagrad_duchi", last["adagrad_duchi"]),
                       ("rmsprop", f"RMSprop {last['rmsprop']}, Adam {last['adam']}")):
        ax.annotate(text, (t[-1], runs[name][-1]), xytext=(-8, 0), textcoords="offset points",
                    ha="right", va="center", color=COLORS["neutral"])
    ax.axhline(lr, color=COLORS["neutral"], linewidth=0.8, linestyle="--")
    ax.axvspan(101, len(grads), color="#eeeeee")
    ax.text(1000, 2e-3, tr(lang, en="g = 0", ru="g = 0", zh="g = 0"), ha="center")
    ax.set_ylim(1e-3, 2.0)
    ax.set_xlabel(tr(lang, en="iteration t (g = 1, then 0, then 1 again)",
                     ru="итерация t (g = 1, затем 0, затем снова 1)",
                     zh="迭代 t（g = 1，然后为 0，最后再为 1）"))
    ax.set_ylabel(tr(lang, en="step length (η = 0.1, dashed)", ru="длина шага (η = 0.1, пунктир)",
                     zh="步长（η = 0.1，虚线）"))
    ax.legend(loc="lower left", fontsize=8)
    return fig


# --- explorable: any β₁, β₂, with or without bias correction ---

EXPLORE_STEPS = 3000
# the iterations drawn: about 120, evenly spread on the log axis, draw a smooth line
EXPLORE_SHOWN = np.unique(np.round(np.geomspace(1, EXPLORE_STEPS, 160)).astype(int))


def bias_correction_frame(*, beta1: float, beta2: float, corrected: float) -> Frame:
    """Step length / lr under the constant gradient g = 1, as on :func:`bias_correction_figure`.

    Numbers: the first step / lr, and the largest step / lr with the t it is first taken at.
    """
    update_fn = update if corrected else update_uncorrected
    grads = np.ones((EXPLORE_STEPS, 1))
    path = fed_path(init, partial(update_fn, lr=1.0, beta1=beta1, beta2=beta2), params, grads)
    lengths = np.abs(np.diff(path, axis=0)[:, 0])
    t = np.arange(1, EXPLORE_STEPS + 1, dtype=np.float64)
    shown = EXPLORE_SHOWN - 1
    # the first step as long as the largest, to a part in a million: where the steps level
    # off (every corrected step is lr) argmax would pick a last-digit wobble far along
    first_largest = int(np.flatnonzero(lengths >= lengths.max() * (1 - 1e-6))[0])
    key = CORRECTED if corrected else UNCORRECTED
    return Frame((Series(0, np.column_stack([t[shown], lengths[shown]]), key.color, key.style),),
                 {"first": float(lengths[0]), "largest": float(lengths.max()),
                  "largest_at": float(t[first_largest])})


def bias_correction_explorable() -> Explorable:
    """β₁ from 0.5 to 0.975, 1 − β₂ from 10⁻¹ to about 10⁻⁴, correction on or off."""
    return Explorable(
        sliders=(Slider("beta1", tuple(round(0.5 + 0.025 * k, 3) for k in range(20)),
                        {"en": "β₁", "ru": "β₁", "zh": "β₁"}, initial=0.9),
                 Slider("beta2", tuple(round(1 - 10 ** -(1 + k / 6), 6) for k in range(20)),
                        {"en": "β₂", "ru": "β₂", "zh": "β₂"}, initial=0.999),
                 Slider("corrected", (0.0, 1.0),
                        {"en": "bias correction", "ru": "коррекция смещения", "zh": "偏差修正"},
                        toggle=True, initial=0.0)),
        panels=(BIAS_PANEL,),
        numbers={"first": {"en": "first step / lr", "ru": "первый шаг / lr",
                           "zh": "第一步 / lr"},
                 "largest": {"en": "largest step / lr", "ru": "наибольший шаг / lr",
                             "zh": "最大步长 / lr"},
                 "largest_at": {"en": "first taken at step t", "ru": "впервые сделан на шаге t",
                                "zh": "首次出现在第 t 步"}},
        compute=bias_correction_frame,
        legend=(CORRECTED, UNCORRECTED))
