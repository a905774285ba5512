"""Gradient descent with momentum (heavy ball), as pure init/update functions.

Two equivalent forms: Hung-yi Lee's ``m = λm − ηg, θ += m`` and torch's
``b = μb + g, θ −= lr·b``. At a constant learning rate they give the same path.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from snippets.core import Array


class State(NamedTuple):
    """Parameters and the accumulated movement."""

    x: Array
    m: Array


def init(x0: Array) -> State:
    """Start at rest: no movement accumulated yet."""
    return State(x0, np.zeros_like(x0))


def update(state: State, g: Array, *, lr: float, decay: float) -> State:
    """Hung-yi Lee's form: ``m ← λ·m − η·g``, then ``θ ← θ + m``."""
    m = decay * state.m - lr * g
    return State(state.x + m, m)


def update_torch(state: State, g: Array, *, lr: float, momentum: float) -> State:
    """torch.optim.SGD's form: ``b ← μ·b + g``, then ``θ ← θ − lr·b``."""
    b = momentum * state.m + g
    return State(state.x - lr * b, b)


def params(state: State) -> Array:
    """The current parameters."""
    return state.x
