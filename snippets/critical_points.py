"""Critical points of Hung-yi Lee's smallest network: ``y = w₁·w₂·x``.

With one training example ``x = 1, ŷ = 1`` the loss is ``L = (1 − w₁w₂)²``.
Its gradient vanishes at the origin, a saddle point, and on the valley
``w₁w₂ = 1``, where the loss is zero. The Hessian tells the two apart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from snippets import gradient_descent
from snippets.core import Array, as_point, trajectory
from snippets.plotting import COLORS, contour, new_figure, path_line, tr


def loss(w1: Array, w2: Array) -> Array:
    """``L(w₁, w₂) = (1 − w₁w₂)²``, elementwise so it also evaluates a grid."""
    return (1.0 - w1 * w2) ** 2


def loss_grad(w: Array) -> Array:
    """Gradient ``(−2w₂(1 − w₁w₂), −2w₁(1 − w₁w₂))`` at ``w = (w₁, w₂)``."""
    residual = 1.0 - w[0] * w[1]
    return np.array([-2.0 * w[1] * residual, -2.0 * w[0] * residual])


def loss_hessian(w: Array) -> Array:
    """Hessian ``[[2w₂², 4w₁w₂ − 2], [4w₁w₂ − 2, 2w₁²]]`` at ``w``."""
    cross = 4.0 * w[0] * w[1] - 2.0
    return np.array([[2.0 * w[1] ** 2, cross], [cross, 2.0 * w[0] ** 2]])


def finite_difference_hessian(
    f: Callable[[Array], float], point: ArrayLike, *, step: float = 1e-4
) -> Array:
    """Hessian of ``f`` at ``point`` from central differences of function values.

    Args:
        f: scalar function of a 1-D parameter vector.
        point: where to differentiate.
        step: the difference step ``h``; the error is ``O(h²)``.

    Returns:
        A symmetric ``(dim, dim)`` matrix.
    """
    p = as_point(point)
    basis = np.eye(p.size) * step
    hessian = np.empty((p.size, p.size))
    for i in range(p.size):
        for j in range(p.size):
            ei, ej = basis[i], basis[j]
            hessian[i, j] = (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej)
                             + f(p - ei - ej)) / (4.0 * step**2)
    return hessian


def taylor_models(point: ArrayLike, delta: ArrayLike) -> tuple[float, float]:
    """First- and second-order Taylor models of ``L(point + delta)`` around ``point``."""
    p, d = as_point(point), as_point(delta)
    first = float(loss(*p) + d @ loss_grad(p))
    return first, first + 0.5 * float(d @ loss_hessian(p) @ d)


def taylor_errors(point: ArrayLike, direction: ArrayLike, radii: ArrayLike) -> Array:
    """``|L − model|`` at ``point + r·direction`` for each ``r``, shape ``(len(radii), 2)``.

    Column 0 is the error of the linear model (``O(r²)``), column 1 that of the
    quadratic model with the Hessian (``O(r³)``).
    """
    p, u = as_point(point), as_point(direction)
    rows = []
    for r in np.asarray(radii, dtype=np.float64):
        exact = float(loss(*(p + r * u)))
        rows.append([abs(exact - model) for model in taylor_models(p, r * u)])
    return np.array(rows)


def classify_critical_point(hessian: ArrayLike, *, tol: float = 1e-9) -> str:
    """The second-order test: ``"minimum"``, ``"maximum"``, ``"saddle"`` or ``"inconclusive"``.

    An eigenvalue within ``tol`` of zero makes the test inconclusive unless the
    other eigenvalues already have both signs.
    """
    eigenvalues = np.linalg.eigvalsh(np.atleast_2d(np.asarray(hessian, dtype=np.float64)))
    if eigenvalues.min() < -tol and eigenvalues.max() > tol:
        return "saddle"
    if np.any(np.abs(eigenvalues) <= tol):
        return "inconclusive"
    return "minimum" if eigenvalues.min() > 0 else "maximum"


def escape_direction(hessian: ArrayLike) -> tuple[float, Array]:
    """The most negative eigenvalue ``λ`` and its unit eigenvector ``u``.

    At a critical point ``L(θ′ + u) ≈ L(θ′) + ½λ‖u‖²``, so a step along ``u``
    lowers the loss when ``λ < 0``. The sign is fixed so the first nonzero
    component is positive.
    """
    eigenvalues, eigenvectors = np.linalg.eigh(np.asarray(hessian, dtype=np.float64))
    u = eigenvectors[:, 0]
    first = u[np.flatnonzero(np.abs(u) > 1e-12)[0]]
    return float(eigenvalues[0]), u * np.sign(first)


def gd_path(start: ArrayLike, *, lr: float, steps: int) -> Array:
    """Plain gradient descent on ``L``, iterates ``θ⁰ .. θ^steps``."""
    return trajectory(gradient_descent.init, partial(gradient_descent.update, lr=lr),
                      gradient_descent.params, loss_grad, start, steps=steps)


def first_step_below(path: Array, threshold: float) -> int:
    """Index of the first iterate with ``L < threshold``; ``-1`` if none."""
    below = np.flatnonzero(loss(path[:, 0], path[:, 1]) < threshold)
    return int(below[0]) if below.size else -1


# --- figures ---

SADDLE_LR = 0.1
SADDLE_STEPS = 100
TAYLOR_POINT = np.array([0.5, 0.3])
TAYLOR_DIRECTION = np.array([0.6, -0.8])


def saddle_paths() -> dict[str, Array]:
    """GD from the saddle itself, from 10⁻³·u (escapes) and from (1.5, −1.5) (falls in)."""
    _, u = escape_direction(loss_hessian(np.zeros(2)))
    return {
        "at_saddle": gd_path([0.0, 0.0], lr=SADDLE_LR, steps=SADDLE_STEPS),
        "escape": gd_path(1e-3 * u, lr=SADDLE_LR, steps=SADDLE_STEPS),
        "stable": gd_path([1.5, -1.5], lr=SADDLE_LR, steps=SADDLE_STEPS),
    }


def saddle_figure(lang: str) -> Figure:
    """Contours of L with the saddle, the valley w₁w₂ = 1 and GD paths; slices along u and v."""
    paths = saddle_paths()
    fig, (ax, ax_slice) = new_figure(2, width=9.0, height=4.2)
    contour(ax, loss, xlim=(-2, 2), ylim=(-2, 2),
            levels=[0.05, 0.25, 0.6, 1, 1.5, 2.5, 4, 6, 9, 13, 18, 25])
    branch = np.linspace(0.5, 2.0, 100)
    valley = tr(lang, en="valley w₁w₂ = 1 (L = 0)", ru="долина w₁w₂ = 1 (L = 0)",
                zh="谷底 w₁w₂ = 1（L = 0）")
    ax.plot(branch, 1 / branch, color=COLORS["adagrad"], linewidth=2, label=valley)
    ax.plot(-branch, -1 / branch, color=COLORS["adagrad"], linewidth=2)
    path_line(ax, paths["escape"], method="gd",
              label=tr(lang, en="GD from 10⁻³·u: escapes", ru="спуск из 10⁻³·u: уходит",
                       zh="从 10⁻³·u 出发：逃离"))
    path_line(ax, paths["stable"], method="rmsprop",
              label=tr(lang, en="GD from (1.5, −1.5): stuck", ru="спуск из (1.5, −1.5): застревает",
                       zh="从 (1.5, −1.5) 出发：卡住"))
    ax.plot(*paths["at_saddle"][-1], "kx", markersize=10, markeredgewidth=2,
            label=tr(lang, en="saddle (0, 0): GD stays", ru="седло (0, 0): спуск стоит",
                     zh="鞍点 (0, 0)：梯度下降不动"))
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_aspect("equal")
    ax.set_title(tr(lang, en="L = (1 − w₁w₂)², GD with η = 0.1",
                    ru="L = (1 − w₁w₂)², спуск с η = 0.1", zh="L = (1 − w₁w₂)²，η = 0.1"))
    ax.legend(loc="upper left", fontsize=7.5)

    t = np.linspace(-1.5, 1.5, 200)
    u, v = np.array([1.0, 1.0]) / np.sqrt(2), np.array([1.0, -1.0]) / np.sqrt(2)
    ax_slice.plot(t, loss(t * u[0], t * u[1]), color=COLORS["gd"],
                  label=tr(lang, en="along u = (1, 1)/√2, λ = −2",
                           ru="вдоль u = (1, 1)/√2, λ = −2", zh="沿 u = (1, 1)/√2，λ = −2"))
    ax_slice.plot(t, loss(t * v[0], t * v[1]), color=COLORS["rmsprop"],
                  label=tr(lang, en="along v = (1, −1)/√2, λ = 2",
                           ru="вдоль v = (1, −1)/√2, λ = 2", zh="沿 v = (1, −1)/√2，λ = 2"))
    ax_slice.plot(t, 1 - t**2, "--", color=COLORS["gd"], linewidth=0.9)
    ax_slice.plot(t, 1 + t**2, "--", color=COLORS["rmsprop"], linewidth=0.9,
                  label=tr(lang, en="quadratic model 1 + ½λt²", ru="квадратичная модель 1 + ½λt²",
                           zh="二次近似 1 + ½λt²"))
    ax_slice.set_ylim(0, 3)
    ax_slice.set_xlabel(tr(lang, en="distance t from the saddle", ru="расстояние t от седла",
                           zh="离鞍点的距离 t"))
    ax_slice.set_title(tr(lang, en="L(t·direction) through the saddle",
                          ru="L(t·направление) через седло", zh="过鞍点的剖面 L(t·方向)"))
    ax_slice.legend(loc="upper center", fontsize=7.5)
    return fig


def taylor_error_figure(lang: str) -> Figure:
    """Error of the linear and quadratic Taylor models at (0.5, 0.3) against r, log-log."""
    radii = 0.2 * 0.5 ** np.arange(8)
    errors = taylor_errors(TAYLOR_POINT, TAYLOR_DIRECTION, radii)
    fig, (ax,) = new_figure(width=6.0, height=3.8)
    ax.loglog(radii, errors[:, 0], "o-", color=COLORS["momentum"],
              label=tr(lang, en="linear model (gradient only)",
                       ru="линейная модель (только градиент)", zh="一阶近似（只用梯度）"))
    ax.loglog(radii, errors[:, 1], "o-", color=COLORS["gd"],
              label=tr(lang, en="quadratic model (gradient + Hessian)",
                       ru="квадратичная модель (градиент + Гессе)",
                       zh="二阶近似（梯度 + 海森矩阵）"))
    for power, column in ((2, 0), (3, 1)):
        # reference slope drawn a little below the data so both stay visible
        scale = 0.2 * errors[-1, column] / radii[-1] ** power
        ax.loglog(radii, scale * radii**power, ":", color=COLORS["neutral"], linewidth=1.2)
        middle = radii[len(radii) // 2]
        ax.annotate(f"∝ r{'²' if power == 2 else '³'}", (middle, scale * middle**power),
                    textcoords="offset points", xytext=(4, -12), fontsize=9,
                    color=COLORS["neutral"])
    ax.set_xlabel(tr(lang, en="step length r", ru="длина шага r", zh="步长 r"))
    ax.set_ylabel(tr(lang, en="|L − model|", ru="|L − модель|", zh="|L − 近似|"))
    ax.set_title(tr(lang, en="Taylor models at θ′ = (0.5, 0.3), direction (0.6, −0.8)",
                    ru="Модели Тейлора в θ′ = (0.5, 0.3), направление (0.6, −0.8)",
                    zh="θ′ = (0.5, 0.3) 处的泰勒近似，方向 (0.6, −0.8)"))
    ax.legend(loc="lower right")
    return fig
