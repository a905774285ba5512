"""Plain gradient descent: ``x_t = x_{t-1} − h·∇L(x_{t-1})``."""

from __future__ import annotations

from snippets.core import Array


def init(x0: Array) -> Array:
    """Plain GD keeps no state besides the parameters."""
    return x0


def update(x: Array, g: Array, *, lr: float) -> Array:
    """One step against the gradient."""
    return x - lr * g


def params(x: Array) -> Array:
    """The current parameters."""
    return x
