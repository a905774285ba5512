"""The ravine f = ½(x² + 50y²) that the AdaGrad, RMSprop and Adam pages share."""

from __future__ import annotations

import numpy as np

from snippets import surfaces


def test_ravine_values() -> None:
    """f(2, 1) = ½(4 + 50) = 27 and f(−4, 1) = ½(16 + 50) = 33: the ½ is there."""
    assert surfaces.ravine(np.array([2.0, -4.0]), np.array([1.0, 1.0])).tolist() == [27.0, 33.0]


def test_ravine_gradient() -> None:
    """∇f(−4, 1) = (−4, 50), and ∇f(2, −0.5) = (2, −25)."""
    assert surfaces.ravine_grad(np.array([-4.0, 1.0])).tolist() == [-4.0, 50.0]
    assert surfaces.ravine_grad(np.array([2.0, -0.5])).tolist() == [2.0, -25.0]


def test_ravine_gradient_is_the_derivative() -> None:
    """ravine_grad agrees with central differences of ravine (h = 1e-6)."""
    x, y, h = np.asarray(0.7), np.asarray(-0.3), 1e-6
    numeric = [(surfaces.ravine(x + h, y) - surfaces.ravine(x - h, y)) / (2 * h),
               (surfaces.ravine(x, y + h) - surfaces.ravine(x, y - h)) / (2 * h)]
    np.testing.assert_allclose(surfaces.ravine_grad(np.array([x, y])), numeric, rtol=1e-7)
