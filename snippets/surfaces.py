"""Loss surfaces the pages share, each with its analytic gradient."""

from __future__ import annotations

import numpy as np

from snippets.core import Array

# f(x, y) = 0.5 (x^2 + RAVINE_STEEPNESS y^2): the elongated bowl of the AdaGrad page
RAVINE_STEEPNESS = 50.0


def ravine(x: Array, y: Array) -> Array:
    """Elongated quadratic bowl, 50 times steeper along y than along x."""
    return 0.5 * (x**2 + RAVINE_STEEPNESS * y**2)


def ravine_grad(p: Array) -> Array:
    """Gradient of :func:`ravine` at the point ``p = (x, y)``."""
    return np.array([p[0], RAVINE_STEEPNESS * p[1]])
