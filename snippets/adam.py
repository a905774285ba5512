"""Adam: momentum on the gradient plus RMSprop on its square, both bias-corrected."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from snippets.core import Array


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
