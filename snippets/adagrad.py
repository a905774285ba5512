"""AdaGrad in the three forms the notes and their sources use.

* note 002: ``v ← v + γ·g²``, ``x ← x − h·g/√v``;
* Duchi et al. (2011): ``G ← G + g²``, ``x ← x − η·g/√G``;
* Hung-yi Lee: ``σ = √(mean of g²)``, ``θ ← θ − (η/σ)·g``.

All keep a per-coordinate sum of squared gradients, so the step of a coordinate
with large gradients shrinks and the first step is ``±h/√γ`` (or ``±η``)
whatever the gradient's scale.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import numpy as np

from snippets import gradient_descent, momentum, rmsprop
from snippets.core import Array, distances, step_lengths, trajectory
from snippets.plotting import COLORS, contour, new_figure, path_line, tr
from snippets.surfaces import ravine, ravine_grad

Schedule = Callable[[int], float]


class State(NamedTuple):
    """Parameters, the running sum of squared gradients, and the step count."""

    x: Array
    sum_squares: Array
    t: int


def init(x0: Array) -> State:
    """Nothing accumulated yet."""
    return State(x0, np.zeros_like(x0), 0)


def params(state: State) -> Array:
    """The current parameters."""
    return state.x


def update_note(state: State, g: Array, *, lr: float, gamma: float = 1.0) -> State:
    """Note 002's form: ``v ← v + γ·g²``, then ``x ← x − h·g/√v``."""
    v = state.sum_squares + gamma * g**2
    return State(state.x - lr * g / np.sqrt(v), v, state.t + 1)


def update_duchi(state: State, g: Array, *, lr: float, eps: float = 0.0) -> State:
    """Duchi et al. and torch.optim.Adagrad: ``G ← G + g²``, ``x ← x − η·g/(√G + ε)``."""
    total = state.sum_squares + g**2
    return State(state.x - lr * g / (np.sqrt(total) + eps), total, state.t + 1)


def update_mean(state: State, g: Array, *, lr: float | Schedule) -> State:
    """Hung-yi Lee's form: ``σᵗ = √(Σ g²/(t+1))``, ``θ ← θ − (ηᵗ/σᵗ)·g``.

    ``lr`` is a constant η or a schedule ``t ↦ ηᵗ``; with ``ηᵗ = η/√(t+1)``
    this is exactly Duchi's form.
    """
    total = state.sum_squares + g**2
    sigma = np.sqrt(total / (state.t + 1))
    eta = lr(state.t) if callable(lr) else lr
    return State(state.x - eta / sigma * g, total, state.t + 1)


def note_states(grads: Array, *, lr: float, gamma: float = 1.0) -> list[State]:
    """Every state of note 002's AdaGrad fed a fixed sequence of gradients."""
    states = [init(np.zeros_like(grads[0]))]
    for g in grads:
        states.append(update_note(states[-1], g, lr=lr, gamma=gamma))
    return states


# --- "units" problem: one scale for all coordinates vs one per coordinate ---

START = np.array([-4.0, 1.0])


def units_paths(*, steps: int = 60) -> dict[str, Array]:
    """Paths of GD (lr 0.02), momentum and AdaGrad (h = 0.1) on the ravine from (−4, 1)."""
    return {
        "gd": trajectory(gradient_descent.init, partial(gradient_descent.update, lr=0.02),
                         gradient_descent.params, ravine_grad, START, steps=steps),
        "momentum": trajectory(momentum.init, partial(momentum.update, lr=0.005, decay=0.8),
                               momentum.params, ravine_grad, START, steps=steps),
        "adagrad": trajectory(init, partial(update_note, lr=0.1), params,
                              ravine_grad, START, steps=steps),
    }


def units_figure(lang: str) -> object:
    """GD and momentum follow the steep axis first; AdaGrad heads off at 45°.

    Note 002's routes are marked: (0) the straight line to the minimum, and on the
    gradient-descent path (1) the drop along the steep axis and (2) the crawl after the bend.
    """
    paths = units_paths()
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    contour(ax, ravine, xlim=(-4.5, 0.5), ylim=(-1.2, 1.2),
            levels=[0.05, 0.2, 0.5, 1, 2, 4, 8, 12, 20, 30])
    ax.plot([START[0], 0.0], [START[1], 0.0], "--", color="0.45", linewidth=1.0,
            label=tr(lang, en="(0) the ideal route", ru="(0) оптимальный маршрут",
                     zh="(0) 理想路线"))
    names = {
        "gd": tr(lang, en="gradient descent: (1), then (2)",
                 ru="градиентный спуск: (1), затем (2)", zh="梯度下降：先 (1)，后 (2)"),
        "momentum": tr(lang, en="momentum", ru="с инерцией", zh="动量法"),
        "adagrad": "AdaGrad",
    }
    for method, path in paths.items():
        path_line(ax, path, method=method, label=names[method])
    bend = paths["gd"][1]
    label_style = {"fontsize": 10, "fontweight": "bold", "ha": "center", "va": "center"}
    ax.text(-2.0, 0.62, "(0)", color="0.3", **label_style)
    ax.text(bend[0] + 0.22, (START[1] + bend[1]) / 2, "(1)", color=COLORS["gd"], **label_style)
    ax.text(paths["gd"][-1][0] - 0.4, -0.14, "(2)", color=COLORS["gd"], **label_style)
    ax.plot(0, 0, "k*", markersize=10)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(tr(lang, en="f = ½(x² + 50y²), 60 steps from (−4, 1)",
                    ru="f = ½(x² + 50y²), 60 шагов из (−4, 1)",
                    zh="f = ½(x² + 50y²)，从 (−4, 1) 出发 60 步"))
    ax.legend(loc="upper right", fontsize=8)
    return fig


# --- the vanishing step: AdaGrad's sum only grows, RMSprop forgets ---


def vanishing_step(*, lr: float, steps: int) -> dict[str, tuple[Array, Array]]:
    """Distance to the minimum and step length per iteration, AdaGrad vs RMSprop (α = 0.9)."""
    runs = {
        "adagrad": trajectory(init, partial(update_note, lr=lr), params,
                              ravine_grad, START, steps=steps),
        "rmsprop": trajectory(rmsprop.init, partial(rmsprop.update, lr=lr, alpha=0.9),
                              rmsprop.params, ravine_grad, START, steps=steps),
    }
    return {name: (distances(path, [0.0, 0.0]), step_lengths(path))
            for name, path in runs.items()}


def vanishing_step_figure(lang: str) -> object:
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
