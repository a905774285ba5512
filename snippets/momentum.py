"""Gradient descent with momentum (heavy ball), as pure init/update functions.

Three forms that give the same path at a constant learning rate:

* Hung-yi Lee (and Sutskever et al., 2013): ``m ← λm − ηg``, ``θ ← θ + m``;
* torch.optim.SGD: ``b ← μb + g``, ``θ ← θ − lr·b``;
* Sutskever as torch's documentation writes it: ``v ← μv + lr·g``, ``θ ← θ − v``.

They part ways when the learning rate changes: torch's buffer holds no learning
rate, so a new one acts in full on the very next step (pytorch/pytorch#1099).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import NamedTuple

import numpy as np
from matplotlib.figure import Figure

from snippets.core import (
    Array,
    Explorable,
    Frame,
    Key,
    Panel,
    Series,
    Slider,
    as_point,
    fed_path,
    step_lengths,
    trajectory,
)
from snippets.plotting import COLORS, new_figure, show_panel, tr


class State(NamedTuple):
    """Parameters and the accumulated movement."""

    x: Array
    m: Array


def init(x0: Array) -> State:
    """Start at rest: no movement accumulated yet."""
    return State(x0, np.zeros_like(x0))


def update(state: State, g: Array, *, lr: float, momentum: float) -> State:
    """Hung-yi Lee's form: ``m ← λ·m − η·g``, then ``θ ← θ + m`` (``momentum`` is λ)."""
    m = momentum * state.m - lr * g
    return State(state.x + m, m)


def update_torch(state: State, g: Array, *, lr: float, momentum: float) -> State:
    """torch.optim.SGD's form: ``b ← μ·b + g``, then ``θ ← θ − lr·b`` (``momentum`` is μ)."""
    b = momentum * state.m + g
    return State(state.x - lr * b, b)


def update_sutskever(state: State, g: Array, *, lr: float, momentum: float) -> State:
    """Sutskever's form as torch's docs write it: ``v ← μ·v + lr·g``, then ``θ ← θ − v``."""
    v = momentum * state.m + lr * g
    return State(state.x - v, v)


def params(state: State) -> Array:
    """The current parameters."""
    return state.x


def unrolled_movement(grads: Array, *, lr: float, momentum: float) -> Array:
    """``mᵗ = −η·Σᵢ λ^(t−1−i)·gⁱ`` (sum over i < t), each term summed afresh.

    Args:
        grads: the gradients ``g⁰ … g^(T−1)``, shape ``(T, dim)``.
        lr: the step η.
        momentum: the coefficient λ.

    Returns:
        The movements ``m¹ … m^T``, shape ``(T, dim)``.
    """
    movements = []
    for t in range(1, len(grads) + 1):
        weights = momentum ** np.arange(t - 1, -1, -1, dtype=np.float64)
        movements.append(-lr * weights @ grads[:t])
    return np.array(movements)


def momentum_forms(grads: Array, *, lrs: Iterable[float], momentum: float) -> dict[str, Array]:
    """Positions of the three forms fed the same gradients and the same lr at each step.

    Args:
        grads: one gradient per step, shape ``(steps, dim)``.
        lrs: the learning rate used at each step, shape ``(steps,)``.
        momentum: the coefficient (Hung-yi's λ, torch's μ).

    Returns:
        ``x_1 .. x_steps`` for ``"hy"``, ``"sutskever"`` and ``"torch"``.
    """
    forms = {"hy": update, "sutskever": update_sutskever, "torch": update_torch}
    return {name: fed_path(init, partial(form, momentum=momentum), params, grads, lrs=lrs)[1:]
            for name, form in forms.items()}


# --- a small pit before the real minimum: f = 0.1x² − 0.5·exp(−(x+3)²/(2·0.3²)) ---

PIT_CENTER = -3.0
PIT_WIDTH = 0.3
PIT_DEPTH = 0.5
STARTS = (-7.0, -6.0, -5.0, -4.5, -4.0)
LRS = (0.01, 0.05, 0.1)


def pit(x: Array) -> Array:
    """A wide bowl with its minimum at 0 and a narrow pit near −3 on its left wall."""
    bump = np.exp(-((x - PIT_CENTER) ** 2) / (2 * PIT_WIDTH**2))
    return 0.1 * x**2 - PIT_DEPTH * bump


def pit_grad(x: Array) -> Array:
    """Derivative of :func:`pit`, element by element.

    Each coordinate of ``x`` is its own 1-D problem, so one vector run holds
    as many independent runs as it has coordinates.
    """
    bump = np.exp(-((x - PIT_CENTER) ** 2) / (2 * PIT_WIDTH**2))
    return 0.2 * x + PIT_DEPTH * (x - PIT_CENTER) / PIT_WIDTH**2 * bump


def pit_critical_points(*, lo: float = -7.0, hi: float = 2.0, resolution: int = 9001) -> Array:
    """Every zero of ``pit'`` in ``[lo, hi]``: sign changes on a grid, then bisection."""
    grid = np.linspace(lo, hi, resolution)
    signs = np.sign(pit_grad(grid))
    left = grid[:-1][signs[:-1] * signs[1:] < 0]
    right = left + (grid[1] - grid[0])
    for _ in range(60):
        middle = (left + right) / 2
        same_side = np.sign(pit_grad(middle)) == np.sign(pit_grad(left))
        left, right = np.where(same_side, middle, left), np.where(same_side, right, middle)
    return (left + right) / 2


def end_points(
    starts: Sequence[float], *, lr: float, momentum: float, steps: int = 1000
) -> Array:
    """Where momentum ends on :func:`pit` from each start; ``momentum = 0`` is plain GD."""
    path = trajectory(init, partial(update, lr=lr, momentum=momentum), params, pit_grad,
                      as_point(starts), steps=steps)
    return path[-1]


def sweep(*, momentum: float, lrs: Sequence[float] = LRS,
          starts: Sequence[float] = STARTS, steps: int = 1000) -> Array:
    """End points for every step size (rows) and start (columns)."""
    return np.array([end_points(starts, lr=lr, momentum=momentum, steps=steps) for lr in lrs])


ESCAPE_RUNS = {"gd": 0.0, "momentum_weak": 0.5, "momentum": 0.9}


def escape_paths(*, x0: float = -6.0, lr: float = 0.05, steps: int = 120) -> dict[str, Array]:
    """Iterates ``x₀ … x_steps`` on :func:`pit` for λ = 0 (plain GD), 0.5 and 0.9."""
    return {name: trajectory(init, partial(update, lr=lr, momentum=momentum), params, pit_grad,
                             x0, steps=steps)[:, 0]
            for name, momentum in ESCAPE_RUNS.items()}


def escape_figure(lang: str) -> Figure:
    """The iterates on the loss curve, and x against the iteration."""
    paths = escape_paths()
    minimum_local, _, minimum_global = pit_critical_points()
    fig, (ax_f, ax_x) = new_figure(2, width=8.0, height=3.6)
    xs = np.linspace(-6.5, 2.5, 600)
    ax_f.plot(xs, pit(xs), color=COLORS["neutral"], linewidth=1.0)
    names = {
        "gd": tr(lang, en="gradient descent (λ = 0)", ru="градиентный спуск (λ = 0)",
                 zh="梯度下降 (λ = 0)"),
        "momentum_weak": tr(lang, en="momentum λ = 0.5", ru="инерция λ = 0.5", zh="动量 λ = 0.5"),
        "momentum": tr(lang, en="momentum λ = 0.9", ru="инерция λ = 0.9", zh="动量 λ = 0.9"),
    }
    styles = {"gd": ("gd", "-"), "momentum_weak": ("momentum", "--"),
              "momentum": ("momentum", "-")}
    for name, path in paths.items():
        color, dash = styles[name]
        ax_x.plot(path, dash, color=COLORS[color], label=names[name], linewidth=1.4)
        if name != "momentum_weak":
            ax_f.plot(path, pit(path), "o", color=COLORS[color], markersize=3, alpha=0.6,
                      zorder=3 if name == "gd" else 2)
    for level in (minimum_local, minimum_global):
        ax_x.axhline(level, color=COLORS["neutral"], linewidth=0.7, linestyle=":")
    ax_f.set_ylim(-0.3, 4.5)
    ax_f.set_xlabel("x")
    ax_f.set_title("f = 0.1x² − 0.5·exp(−(x+3)²/0.18)")
    show_panel(ax_x, ESCAPE_PANEL, lang)
    ax_x.set_title(tr(lang, en="from x₀ = −6 with η = 0.05", ru="из x₀ = −6 при η = 0.05",
                      zh="从 x₀ = −6 出发，η = 0.05"))
    ax_x.legend(loc="lower right")
    return fig


# --- changing the learning rate: where the forms differ ---

def lr_drop_steps(
    *, steps: int = 60, drop_at: int = 30, momentum: float = 0.9
) -> dict[str, Array]:
    """Step lengths on a slope of gradient 1 when η drops from 0.1 to 0.01 at ``drop_at``."""
    grads = np.ones((steps, 1))
    lrs = [0.1 if t < drop_at else 0.01 for t in range(steps)]
    forms = {"hung-yi": update, "torch": update_torch}
    return {name: step_lengths(fed_path(init, partial(form, momentum=momentum), params, grads,
                                        lrs=lrs))
            for name, form in forms.items()}


def lr_drop_figure(lang: str) -> Figure:
    """Step length per iteration: torch's form takes the new η at once, Hung-yi's drifts to it."""
    lengths = lr_drop_steps()
    fig, (ax,) = new_figure(width=6.4, height=3.4)
    labels = {
        "hung-yi": tr(lang, en="m ← λm − ηg, θ ← θ + m (Hung-yi Lee)",
                      ru="m ← λm − ηg, θ ← θ + m (Хун-И Ли)",
                      zh="m ← λm − ηg, θ ← θ + m（李宏毅）"),
        "torch": "b ← μb + g, θ ← θ − η·b (torch)",
    }
    styles = {"hung-yi": ("-", COLORS["momentum"]), "torch": ("--", COLORS["neutral"])}
    for name, length in lengths.items():
        dash, color = styles[name]
        ax.semilogy(np.arange(1, len(length) + 1), length, dash, color=color,
                    label=labels[name], linewidth=1.6)
    ax.axvline(30.5, color=COLORS["neutral"], linewidth=0.7, linestyle=":")
    ax.set_ylim(0.01, 2.0)
    ax.set_xlabel(tr(lang, en="iteration t", ru="итерация t", zh="迭代 t"))
    ax.set_ylabel(tr(lang, en="step length", ru="длина шага", zh="步长"))
    ax.set_title(tr(lang, en="gradient 1, λ = μ = 0.9; η: 0.1 → 0.01 after step 30",
                    ru="градиент 1, λ = μ = 0.9; η: 0.1 → 0.01 после шага 30",
                    zh="梯度恒为 1，λ = μ = 0.9；第 30 步后 η：0.1 → 0.01"))
    ax.legend(loc="lower right", fontsize=8)
    return fig


# --- explorable: any λ and η from x₀ = −6 on the pit ---

EXPLORE_STEPS = 120
EXPLORE_NEAR = 0.1  # "arrived": within 0.1 of the real minimum from then on
# x against t, on the static figure's right panel and the explorable
ESCAPE_PANEL = Panel((-6.0, 126.0), (-7.0, 4.0),
                     {"en": "iteration t", "ru": "итерация t", "zh": "迭代 t"},
                     {"en": "x", "ru": "x", "zh": "x"},
                     xticks=(0.0, 25.0, 50.0, 75.0, 100.0, 125.0),
                     yticks=(-6.0, -4.0, -2.0, 0.0, 2.0, 4.0))


def escape_frame(*, momentum: float, lr: float) -> Frame:
    """x against t from x₀ = −6 on :func:`pit` with momentum λ = ``momentum`` and step ``lr``.

    Numbers: |x₁₂₀ − x*| to the real minimum x* ("diverged" if not finite), and the
    iteration from which every xₜ stays within 0.1 of x* ("never" within 120 steps).
    """
    path = trajectory(init, partial(update, lr=lr, momentum=momentum), params, pit_grad, -6.0,
                      steps=EXPLORE_STEPS)[:, 0]
    minimum = pit_critical_points()[-1]
    far = np.flatnonzero(~(np.abs(path - minimum) < EXPLORE_NEAR))
    numbers: dict[str, float | str] = {
        "distance": float(abs(path[-1] - minimum)) if np.isfinite(path[-1]) else "diverged",
        "arrived": float(far[-1] + 1) if far[-1] + 1 < path.size else "never",
    }
    t = np.arange(path.size, dtype=np.float64)
    ends = np.array(ESCAPE_PANEL.xlim)
    minima = tuple(Series(0, np.column_stack([ends, [level, level]]), COLORS["neutral"], "dotted")
                   for level in pit_critical_points()[[0, -1]])
    return Frame((*minima, Series(0, np.column_stack([t, path]), COLORS["momentum"])), numbers)


def escape_explorable() -> Explorable:
    """λ from 0 to 0.95 and η from 0.005 to 0.1 on the right panel of :func:`escape_figure`."""
    return Explorable(
        sliders=(Slider("momentum", tuple(round(0.05 * k, 2) for k in range(20)),
                        {"en": "momentum λ", "ru": "инерция λ", "zh": "动量 λ"}, initial=0.9),
                 Slider("lr", tuple(round(0.005 * k, 3) for k in range(1, 21)),
                        {"en": "step η", "ru": "шаг η", "zh": "步长 η"}, initial=0.05)),
        panels=(ESCAPE_PANEL,),
        numbers={"distance": {"en": "distance to the real minimum after 120 steps",
                              "ru": "расстояние до настоящего минимума через 120 шагов",
                              "zh": "120 步后到真正最小值的距离"},
                 "arrived": {"en": "within 0.1 of it from step",
                             "ru": "в пределах 0.1 от него начиная с шага",
                             "zh": "从第几步起始终距其 0.1 以内"}},
        compute=escape_frame,
        legend=(Key(COLORS["momentum"], "line", {"en": "xₜ with the chosen λ and η",
                                                 "ru": "xₜ при выбранных λ и η",
                                                 "zh": "所选 λ 和 η 下的 xₜ"}),
                Key(COLORS["neutral"], "dotted", {"en": "the pit's minimum and the real minimum",
                                                   "ru": "минимум ямы и настоящий минимум",
                                                   "zh": "坑底的极小值和真正的最小值"})))
