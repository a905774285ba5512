"""Loss surfaces the pages share, each with its analytic gradient, start and drawing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from snippets.core import Array
from snippets.plotting import contour

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# f(x, y) = 0.5 (x^2 + RAVINE_STEEPNESS y^2): the elongated bowl of the AdaGrad page
RAVINE_STEEPNESS = 50.0
# Every ravine run starts here: far along the flat axis, a little up the steep one.
RAVINE_START = np.array([-4.0, 1.0])


def ravine(x: Array, y: Array) -> Array:
    """Elongated quadratic bowl, 50 times steeper along y than along x."""
    return 0.5 * (x**2 + RAVINE_STEEPNESS * y**2)


def ravine_grad(p: Array) -> Array:
    """Gradient of :func:`ravine` at the point ``p = (x, y)``."""
    return np.array([p[0], RAVINE_STEEPNESS * p[1]])


def ravine_contour(ax: Axes) -> None:
    """The ravine's contour lines over the box every ravine figure shows."""
    contour(ax, ravine, xlim=(-4.5, 0.5), ylim=(-1.2, 1.2),
            levels=[0.05, 0.2, 0.5, 1, 2, 4, 8, 12, 20, 30])
