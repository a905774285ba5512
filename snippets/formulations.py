"""The adaptive methods as the notes, the lectures and torch write them, side by side.

Every formulation keeps a per-coordinate record of squared gradients; they differ
in how it is accumulated (sum, mean, moving average), where ε goes, and therefore
in the size of the very first step. This module adds the form the concept modules
lack (torch's Adagrad) and measures first steps.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from matplotlib.figure import Figure

from snippets import adagrad, adam, gradient_descent, rmsprop
from snippets.core import Array, Optimizer, fed_path
from snippets.plotting import COLORS, new_figure, tr


def init_torch_adagrad(x0: Array, *, initial_accumulator_value: float = 0.0) -> adagrad.State:
    """torch.optim.Adagrad may start its sum of squares above zero."""
    return adagrad.State(x0, np.full_like(x0, initial_accumulator_value), 0)


def update_torch_adagrad(
    state: adagrad.State, g: Array, *, lr: float = 0.01, lr_decay: float = 0.0,
    eps: float = 1e-10,
) -> adagrad.State:
    """torch.optim.Adagrad: ``G ← G + g²``, ``x ← x − lr/(1+(t−1)·decay) · g/(√G + ε)``."""
    t = state.t + 1
    current_lr = lr / (1 + (t - 1) * lr_decay)
    total = state.sum_squares + g**2
    return adagrad.State(state.x - current_lr * g / (np.sqrt(total) + eps), total, t)


# --- the first step as a function of the gradient's scale ---

NOTE_GAMMA = 4.0  # any γ works; 4 makes note 002's line h/√γ = h/2 stand apart


def first_step_optimizers(*, lr: float) -> dict[str, Optimizer]:
    """Each formulation as an ``(init, update, params)`` triple, all with step size ``lr``."""
    return {
        "gd": (gradient_descent.init, partial(gradient_descent.update, lr=lr),
               gradient_descent.params),
        "adagrad_note": (adagrad.init, partial(adagrad.update_note, lr=lr, gamma=NOTE_GAMMA),
                         adagrad.params),
        "adagrad_torch": (init_torch_adagrad, partial(update_torch_adagrad, lr=lr),
                          adagrad.params),
        "adagrad_hy": (adagrad.init, partial(adagrad.update_mean, lr=lr), adagrad.params),
        "rmsprop_hy": (rmsprop.init, partial(rmsprop.update, lr=lr, alpha=0.9), rmsprop.params),
        "rmsprop_torch": (rmsprop.init, partial(rmsprop.update_torch, lr=lr), rmsprop.params),
        "adam": (adam.init, partial(adam.update, lr=lr), adam.params),
        "adam_uncorrected": (adam.init, partial(adam.update_uncorrected, lr=lr), adam.params),
    }


def first_steps(grad_scales: Array, *, lr: float) -> dict[str, Array]:
    """Length of the first step of every formulation for each gradient ``g`` in ``grad_scales``."""
    result = {}
    for name, (init_fn, update_fn, params_fn) in first_step_optimizers(lr=lr).items():
        result[name] = np.array([
            abs(np.diff(fed_path(init_fn, update_fn, params_fn, np.array([[g]]))[:, 0])[0])
            for g in grad_scales
        ])
    return result


def first_step_figure(lang: str) -> Figure:
    """First-step length against gradient scale: GD is proportional, the adaptive forms flat."""
    lr = 0.01
    scales = np.logspace(-12, 4, 161)
    steps = first_steps(scales, lr=lr)
    # (panel, colour, line style, width, label); widths keep coinciding lines visible
    styles = {
        "adagrad_torch": (0, COLORS["adagrad"], "-", 4.0,
                          tr(lang, en="Duchi / torch (ε = 1e-10)", ru="Duchi / torch (ε = 1e-10)",
                             zh="Duchi / torch（ε = 1e-10）")),
        "adagrad_hy": (0, COLORS["neutral"], ":", 2.5,
                       tr(lang, en="HY, mean of g²", ru="Хун-И Ли, среднее g²",
                          zh="李宏毅，g² 的均值")),
        "adagrad_note": (0, COLORS["adagrad"], "--", 1.5,
                         tr(lang, en="note 002, γ = 4: h/√γ", ru="заметка 002, γ = 4: h/√γ",
                            zh="笔记 002，γ = 4：h/√γ")),
        "rmsprop_torch": (1, COLORS["rmsprop"], "-", 2.0,
                          tr(lang, en="torch RMSprop (α = 0.99)", ru="torch RMSprop (α = 0.99)",
                             zh="torch RMSprop（α = 0.99）")),
        "rmsprop_hy": (1, COLORS["rmsprop"], ":", 3.0,
                       tr(lang, en="HY RMSprop (σ⁰ = |g⁰|)", ru="RMSprop Хун-И Ли (σ⁰ = |g⁰|)",
                          zh="李宏毅 RMSprop（σ⁰ = |g⁰|）")),
        "adam": (1, COLORS["adam"], "-", 1.2, "Adam (ε = 1e-8)"),
    }
    fig, axes = new_figure(2, width=8.6, height=3.8)
    gd_label = tr(lang, en="gradient descent: lr·g", ru="градиентный спуск: lr·g",
                  zh="梯度下降：lr·g")
    for ax in axes:
        ax.loglog(scales, steps["gd"], color=COLORS["gd"], label=gd_label)
        ax.set_ylim(1e-6, 100)  # headroom above the curves for the legend
        ax.set_xlabel(tr(lang, en="gradient g", ru="градиент g", zh="梯度 g"))
    for name, (panel, color, style, width, label) in styles.items():
        axes[panel].loglog(scales, steps[name], color=color, linestyle=style, linewidth=width,
                           label=label)
    axes[0].set_ylabel(tr(lang, en="length of the first step (lr = h = η = 0.01)",
                          ru="длина первого шага (lr = h = η = 0.01)",
                          zh="第一步的步长（lr = h = η = 0.01）"))
    axes[0].set_title(tr(lang, en="AdaGrad: sum or mean of g²", ru="AdaGrad: сумма или среднее g²",
                         zh="Adagrad：g² 的和或均值"))
    axes[1].set_title(tr(lang, en="moving averages of g²", ru="скользящие средние g²",
                         zh="g² 的滑动平均"))
    for ax in axes:
        ax.legend(loc="upper left", fontsize=7.5)
    return fig
