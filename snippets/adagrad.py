"""AdaGrad in the three forms the notes and their sources use.

* note 002: ``v ← v + γ·g²``, ``x ← x − h·g/√v``;
* Duchi et al. (2011): ``G ← G + g²``, ``x ← x − η·g/√G``;
* Hung-yi Lee: ``σ = √(mean of g²)``, ``θ ← θ − (η/σ)·g``.

All keep a per-coordinate sum of squared gradients, so the step of a coordinate
with large gradients shrinks and the first step is ``±h/√γ`` (or ``±η``)
whatever the gradient's scale. How AdaGrad's growing sum compares with RMSprop's
forgetting average is in :mod:`snippets.adagrad_vs_rmsprop`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

import numpy as np
from matplotlib.figure import Figure

from snippets import gradient_descent, momentum
from snippets.core import Array, trajectory
from snippets.plotting import COLORS, new_figure, path_line, tr
from snippets.surfaces import RAVINE_START, ravine_contour, ravine_grad

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


# --- "units" problem: one scale for all coordinates vs one per coordinate ---


def units_paths(*, steps: int = 60) -> dict[str, Array]:
    """Paths of GD (lr 0.02), momentum and AdaGrad (h = 0.1) on the ravine from (−4, 1)."""
    return {
        "gd": trajectory(gradient_descent.init, partial(gradient_descent.update, lr=0.02),
                         gradient_descent.params, ravine_grad, RAVINE_START, steps=steps),
        "momentum": trajectory(momentum.init, partial(momentum.update, lr=0.005, momentum=0.8),
                               momentum.params, ravine_grad, RAVINE_START, steps=steps),
        "adagrad": trajectory(init, partial(update_note, lr=0.1), params,
                              ravine_grad, RAVINE_START, steps=steps),
    }


def units_figure(lang: str) -> Figure:
    """GD and momentum follow the steep axis first; AdaGrad heads off at 45°.

    Note 002's routes are marked: (0) the straight line to the minimum, and on the
    gradient-descent path (1) the drop along the steep axis and (2) the crawl after the bend.
    """
    paths = units_paths()
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    ravine_contour(ax)
    ax.plot([RAVINE_START[0], 0.0], [RAVINE_START[1], 0.0], "--", color="0.45", linewidth=1.0,
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
    label_style: dict[str, Any] = {"fontsize": 10, "fontweight": "bold", "ha": "center",
                                   "va": "center"}
    ax.text(-2.0, 0.62, "(0)", color="0.3", **label_style)
    ax.text(bend[0] + 0.22, (RAVINE_START[1] + bend[1]) / 2, "(1)", color=COLORS["gd"],
            **label_style)
    ax.text(paths["gd"][-1][0] - 0.4, -0.14, "(2)", color=COLORS["gd"], **label_style)
    ax.plot(0, 0, "k*", markersize=10)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title(tr(lang, en="f = ½(x² + 50y²), 60 steps from (−4, 1)",
                    ru="f = ½(x² + 50y²), 60 шагов из (−4, 1)",
                    zh="f = ½(x² + 50y²)，从 (−4, 1) 出发 60 步"))
    ax.legend(loc="upper right", fontsize=8)
    return fig
