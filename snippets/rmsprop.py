"""RMSprop: AdaGrad's accumulator with exponential forgetting.

Hung-yi Lee's σ form starts from ``σ⁰ = |g⁰|``; torch starts from ``v₀ = 0``
and adds ε outside the root, so its first step is ``lr/√(1−α)``. Hinton's
lecture 6e writes the same recurrence as ``MeanSquare ← 0.9·MeanSquare + 0.1·g²``.
How it differs from AdaGrad is measured in :mod:`snippets.adagrad_vs_rmsprop`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from snippets.core import Array


class State(NamedTuple):
    """Parameters, the running mean square of gradients, and the step count."""

    x: Array
    mean_square: Array
    t: int


def init(x0: Array) -> State:
    """No gradient seen yet."""
    return State(x0, np.zeros_like(x0), 0)


def update(state: State, g: Array, *, lr: float, alpha: float) -> State:
    """Hung-yi Lee's form: ``σ² ← α·σ² + (1−α)·g²`` (``σ⁰ = |g⁰|``), ``θ ← θ − η·g/σ``."""
    if state.t == 0:
        mean_square = g**2
    else:
        mean_square = alpha * state.mean_square + (1 - alpha) * g**2
    return State(state.x - lr * g / np.sqrt(mean_square), mean_square, state.t + 1)


def update_torch(
    state: State, g: Array, *, lr: float, alpha: float = 0.99, eps: float = 1e-8
) -> State:
    """torch.optim.RMSprop: ``v ← α·v + (1−α)·g²`` from ``v₀ = 0``, ``θ ← θ − lr·g/(√v + ε)``."""
    mean_square = alpha * state.mean_square + (1 - alpha) * g**2
    step = lr * g / (np.sqrt(mean_square) + eps)
    return State(state.x - step, mean_square, state.t + 1)


def params(state: State) -> Array:
    """The current parameters."""
    return state.x
