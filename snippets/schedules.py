"""Learning-rate schedules: decay, warmup, and why the first steps need warmup.

* Transformer (Vaswani et al., 2017): ``d^−0.5 · min(s^−0.5, s·w^−1.5)``;
* ResNet-110 on CIFAR-10 (He et al., 2016): 0.01, then 0.1, ÷10 at 32k and 48k;
* linear warmup followed by cosine decay.

The adaptive optimizers divide by a statistic σ of past gradients that rests
on one gradient at the first step; :func:`snippets.formulations.first_steps`
shows how far off it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from snippets import stuck_training
from snippets.core import Array, Explorable, Frame, Key, Panel, Series, Slider
from snippets.plotting import COLORS, new_figure, show_panel, tr

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def transformer_lr(step: ArrayLike, *, d_model: int = 512, warmup: int = 4000) -> Array:
    """``d_model^−0.5 · min(s^−0.5, s·warmup^−1.5)`` for steps s ≥ 1: linear rise, then ∝ 1/√s."""
    s = np.asarray(step, dtype=np.float64)
    return d_model**-0.5 * np.minimum(s**-0.5, s * warmup**-1.5)


def resnet110_lr(
    iteration: ArrayLike,
    *,
    base: float = 0.1,
    warmup_lr: float = 0.01,
    warmup_iterations: int = 400,
    milestones: tuple[int, ...] = (32_000, 48_000),
) -> Array:
    """He et al.'s ResNet-110 schedule: ``warmup_lr``, then ``base`` ÷ 10 at each milestone.

    The paper switches to 0.1 once the training error is below 80 %, "about
    400 iterations"; here that moment is the fixed ``warmup_iterations``.
    """
    i = np.asarray(iteration)
    drops = sum((i >= m).astype(int) for m in milestones)
    return np.where(i < warmup_iterations, warmup_lr, base * 0.1**drops)


def warmup_cosine_lr(step: ArrayLike, *, peak: float, warmup: int, total: int) -> Array:
    """Linear rise from 0 to ``peak`` over ``warmup`` steps, then a half cosine to 0.

    The cosine reaches 0 at step ``total``.
    """
    s = np.asarray(step, dtype=np.float64)
    progress = np.clip((s - warmup) / (total - warmup), 0.0, 1.0)
    return np.where(s < warmup, peak * (s / warmup), peak * 0.5 * (1.0 + np.cos(np.pi * progress)))


# --- figures ---

# The third panel of the schedules figure, which the explorable redraws: room for a
# peak up to 0.002
WARMUP_COSINE_PANEL = Panel((-500.0, 10_500.0), (-1e-4, 2.1e-3),
                            {"en": "step", "ru": "шаг", "zh": "步数"},
                            {"en": "learning rate", "ru": "скорость обучения", "zh": "学习率"},
                            xticks=(0.0, 2500.0, 5000.0, 7500.0, 10_000.0),
                            yticks=(0.0, 0.0005, 0.001, 0.0015, 0.002))
WARMUP_COSINE_KEY = Key(COLORS["momentum"], "line", {"en": "linear warmup + cosine decay",
                                                     "ru": "разогрев + косинус",
                                                     "zh": "线性预热 + 余弦衰减"})


def schedules_figure(lang: str) -> Figure:
    """The Transformer, ResNet-110 and warmup-plus-cosine schedules side by side."""
    fig, (ax_tf, ax_resnet, ax_cos) = new_figure(3, width=9.6, height=3.2)
    steps = np.arange(1, 40_001)
    for warmup, color in ((4000, COLORS["adam"]), (8000, COLORS["neutral"])):
        ax_tf.plot(steps, transformer_lr(steps, warmup=warmup), color=color,
                   label=f"w = {warmup}")
    ax_tf.set_title(tr(lang, en="Transformer, d = 512", ru="Transformer, d = 512",
                       zh="Transformer，d = 512"))
    ax_tf.legend()
    iterations = np.arange(64_001)
    ax_resnet.semilogy(iterations, resnet110_lr(iterations), color=COLORS["gd"])
    ax_resnet.set_title("ResNet-110, CIFAR-10")
    ax_resnet.set_xticks([0, 32_000, 48_000, 64_000], ["0", "32k", "48k", "64k"])
    total = 10_000
    cosine_steps = np.arange(total + 1)
    ax_cos.plot(cosine_steps, warmup_cosine_lr(cosine_steps, peak=1e-3, warmup=1000,
                                               total=total), color=WARMUP_COSINE_KEY.color)
    ax_cos.set_title(WARMUP_COSINE_KEY.label[lang])
    show_panel(ax_cos, WARMUP_COSINE_PANEL, lang)
    for ax in (ax_tf, ax_resnet):
        ax.set_xlabel(tr(lang, en="step", ru="шаг", zh="步数"))
    ax_tf.set_ylabel(tr(lang, en="learning rate", ru="скорость обучения", zh="学习率"))
    return fig


def adagrad_decay_figure(lang: str) -> Figure:
    """AdaGrad on the canyon with η = 0.1 constant vs decayed linearly to 0: η and the loss."""
    steps = stuck_training.STEPS
    shown = np.arange(0, steps + 1, 250)
    decayed = [stuck_training.linear_decay(int(t), start=0.1, total=steps) for t in shown]
    labels = {
        "adagrad": tr(lang, en="constant η = 0.1", ru="постоянный η = 0.1", zh="固定 η = 0.1"),
        "adagrad_decay": tr(lang, en="η: 0.1 → 0 linearly", ru="η: 0.1 → 0 линейно",
                            zh="η：0.1 → 0 线性衰减"),
    }
    fig, (ax_eta, ax_loss) = new_figure(2, width=7.5, height=3.3)
    ax_eta.plot(shown, np.full(shown.shape, 0.1), "--", color=COLORS["adagrad"],
                label=labels["adagrad"])
    ax_eta.plot(shown, decayed, color=COLORS["adagrad"], label=labels["adagrad_decay"])
    for method, style in (("adagrad", "--"), ("adagrad_decay", "-")):
        path = stuck_training.adaptive_path(method)[shown]
        ax_loss.semilogy(shown, stuck_training.losses(path), style, color=COLORS["adagrad"])
    step = tr(lang, en="step t", ru="шаг t", zh="步数 t")
    ax_eta.set_xlabel(step)
    ax_loss.set_xlabel(step)
    ax_eta.set_title(tr(lang, en="learning rate ηᵗ", ru="скорость обучения ηᵗ", zh="学习率 ηᵗ"))
    ax_loss.set_title(tr(lang, en="loss on the canyon", ru="потери в ущелье", zh="峡谷上的损失"))
    ax_eta.legend(loc="lower left")
    return fig


# --- explorable: any warmup length and peak of warmup + cosine ---

EXPLORE_TOTAL = 10_000


def warmup_cosine_frame(*, warmup: float, peak: float) -> Frame:
    """:func:`warmup_cosine_lr` over 10 000 steps, every 100th step drawn.

    Numbers: the mean learning rate over the run and how many steps are at or
    above half the peak.
    """
    steps = np.arange(EXPLORE_TOTAL + 1, dtype=np.float64)
    lr = warmup_cosine_lr(steps, peak=peak, warmup=int(warmup), total=EXPLORE_TOTAL)
    shown = slice(None, None, 100)
    return Frame((Series(0, np.column_stack([steps[shown], lr[shown]]), WARMUP_COSINE_KEY.color),),
                 {"mean": float(np.mean(lr)), "above_half": float(np.sum(lr >= peak / 2))})


def warmup_cosine_explorable() -> Explorable:
    """Warmup from 250 to 5000 steps and peak from 0.0001 to 0.002, on the third panel."""
    return Explorable(
        sliders=(Slider("warmup", tuple(250.0 * k for k in range(1, 21)),
                        {"en": "warmup", "ru": "разогрев", "zh": "预热"},
                        {"en": "steps", "ru": "шагов", "zh": "步"}, initial=1000.0),
                 Slider("peak", tuple(round(1e-4 * k, 4) for k in range(1, 21)),
                        {"en": "peak", "ru": "пик", "zh": "峰值"}, initial=1e-3)),
        panels=(WARMUP_COSINE_PANEL,),
        numbers={"mean": {"en": "mean learning rate over the 10 000 steps",
                          "ru": "средняя скорость обучения за 10 000 шагов",
                          "zh": "10 000 步内的平均学习率"},
                 "above_half": {"en": "steps at or above half the peak",
                                "ru": "шагов со скоростью не ниже половины пика",
                                "zh": "学习率不低于峰值一半的步数"}},
        compute=warmup_cosine_frame,
        legend=(WARMUP_COSINE_KEY,))
