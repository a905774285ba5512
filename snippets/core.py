"""Shared types and the one loop every optimizer trajectory runs through."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]
GradFn = Callable[[Array], Array]
State = TypeVar("State")


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


def step_lengths(path: Array) -> Array:
    """Euclidean length of each step of a trajectory, shape ``(steps,)``."""
    return np.linalg.norm(np.diff(path, axis=0), axis=1)


def distances(path: Array, target: ArrayLike) -> Array:
    """Distance of every iterate to ``target``, shape ``(steps + 1,)``."""
    return np.linalg.norm(path - as_point(target), axis=1)
