"""Shared types and the loops every optimizer run goes through.

An optimizer is the jax-style triple ``init / update / params`` over an explicit
state. It runs in one of two ways: against a loss, where each gradient depends on
where it is (:func:`trajectory`), or fed a fixed sequence of gradients
(:func:`fed_path`). :func:`descend_1d` is plain gradient descent on a
one-variable loss, the walk most pages start from.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
Mask = NDArray[np.bool_]  # one True/False per iterate or per start
GradFn = Callable[[Array], Array]
State = TypeVar("State")
# An optimizer as a triple (init, update with its hyperparameters bound, params);
# the state type differs from one optimizer to the next, hence Any.
Optimizer = tuple[Callable[[Array], Any], Callable[[Any, Array], Any], Callable[[Any], Array]]


def as_point(x: ArrayLike) -> Array:
    """A float64 copy of ``x`` as a 1-D array, so scalars and vectors share code."""
    return np.atleast_1d(np.array(x, dtype=np.float64))


def trajectory(
    init: Callable[[Array], State],
    update: Callable[[State, Array], State],
    params: Callable[[State], Array],
    grad_fn: GradFn,
    x0: ArrayLike,
    *,
    steps: int,
) -> Array:
    """Iterates ``x_0 .. x_steps`` of an optimizer, shape ``(steps + 1, dim)``.

    The optimizer is the jax-style triple ``init / update / params``; bind its
    hyperparameters with ``functools.partial`` before passing ``update``.
    """
    state = init(as_point(x0))
    points = [params(state)]
    for _ in range(steps):
        state = update(state, grad_fn(params(state)))
        points.append(params(state))
    return np.array(points)


def fed_path(
    init: Callable[[Array], State],
    update: Callable[..., State],
    params: Callable[[State], Array],
    grads: Array,
    *,
    lrs: Iterable[float] | None = None,
) -> Array:
    """Iterates ``x_0 .. x_T`` of an optimizer fed ``grads`` in order, shape ``(T + 1, dim)``.

    The run starts from ``init(0)``; ``grads`` holds one gradient per row, whatever
    the iterates are. ``update`` has its hyperparameters bound; given ``lrs``, it
    also gets ``lr=lrs[t]`` at step t (a learning-rate schedule, one per gradient).
    ``params`` may return any array the state holds, not only the parameters.
    """
    state = init(np.zeros_like(grads[0]))
    points = [params(state)]
    if lrs is None:
        for g in grads:
            state = update(state, g)
            points.append(params(state))
    else:
        for g, lr in zip(grads, lrs, strict=True):
            state = update(state, g, lr=lr)
            points.append(params(state))
    return np.array(points)


def descend_1d(grad: GradFn, x0: float, *, lr: float, steps: int) -> Array:
    """Iterates ``x_0 .. x_steps`` of plain gradient descent ``x ← x − lr·f′(x)`` in 1-D."""
    path = [as_point(x0)]
    for _ in range(steps):
        path.append(path[-1] - lr * grad(path[-1]))
    return np.array(path)[:, 0]


def step_lengths(path: Array) -> Array:
    """Euclidean length of each step of a trajectory, shape ``(steps,)``."""
    return np.linalg.norm(np.diff(path, axis=0), axis=1)


def distances(path: Array, target: ArrayLike) -> Array:
    """Distance of every iterate to ``target``, shape ``(steps + 1,)``."""
    return np.linalg.norm(path - as_point(target), axis=1)


# --- explorable figures: a grid of settings computed at build time, drawn by the page ---


@dataclass(frozen=True)
class Slider:
    """One setting of an explorable figure: its keyword, grid values and labels by language.

    ``toggle`` marks an on/off setting (values 0 and 1), shown as a checkbox.
    """

    name: str
    values: tuple[float, ...]
    label: dict[str, str]
    unit: dict[str, str] = field(default_factory=dict)  # by language; none: a pure number
    toggle: bool = False
    initial: float | None = None  # the static figure's setting; None: the first value


@dataclass(frozen=True)
class Panel:
    """The axes one set of series is drawn on; the static figure shows them too
    (``plotting.show_panel``), so the reader compares like with like."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xlabel: dict[str, str]
    ylabel: dict[str, str]
    xlog: bool = False
    ylog: bool = False
    xticks: tuple[float, ...] = ()  # within the limits; a log axis takes powers of ten
    yticks: tuple[float, ...] = ()


SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def tick_labels(ticks: Iterable[float], *, log: bool) -> tuple[str, ...]:
    """What each tick of an axis says, on the static figure and the explorable alike.

    A power of ten on a log axis is 10ᵏ; other ticks all get as many decimals as the
    finest of them needs (0.0, 0.5, 1.0), and negative ones a true minus sign.
    """
    values = [float(t) for t in ticks]
    if log and all(v > 0 and float(np.log10(v)).is_integer() for v in values):
        return tuple("10" + str(round(float(np.log10(v)))).translate(SUPERSCRIPTS) for v in values)
    shortest = [np.format_float_positional(v, trim="-") for v in values]
    decimals = max((len(s.partition(".")[2]) for s in shortest), default=0)
    return tuple(f"{v:.{decimals}f}".replace("-", "−") for v in values)


@dataclass(frozen=True)
class Series:
    """Points ``(n, 2)`` drawn on panel ``panel`` as a line, markers, or both."""

    panel: int
    points: Array
    color: str
    style: str = "line"  # "line", "dashed", "dotted", "markers" or "both" (line and markers)


@dataclass(frozen=True)
class Key:
    """A legend entry: the colour and style of the series it names, and its name by language."""

    color: str
    style: str
    label: dict[str, str]


@dataclass(frozen=True)
class Frame:
    """What one grid point draws, and the numbers shown beside it.

    A number is a value, or a word: ``"diverged"`` or ``"never"``.
    """

    series: tuple[Series, ...]
    numbers: dict[str, float | str]


@dataclass(frozen=True)
class Explorable:
    """An explorable figure: its sliders, panels, numbers' labels and the function of a setting."""

    sliders: tuple[Slider, ...]
    panels: tuple[Panel, ...]
    numbers: dict[str, dict[str, str]]  # key → label by language
    compute: Callable[..., Frame]  # keyword per slider → Frame
    legend: tuple[Key, ...] = ()  # one entry per colour and style a frame may draw
    background: tuple[Series, ...] = ()  # drawn under every frame (a loss's contours), shipped once

    def frames(self) -> list[Frame]:
        """The frame of every grid point, the last slider varying fastest."""
        grid = itertools.product(*(s.values for s in self.sliders))
        return [self.compute(**dict(zip((s.name for s in self.sliders), point, strict=True)))
                for point in grid]
