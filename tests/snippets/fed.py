"""A helper the snippet tests share: the signed steps of an optimizer fed fixed gradients."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from snippets.core import fed_path


def steps_on_gradients(
    init_fn: Callable[[np.ndarray], object],
    update_fn: Callable[..., object],
    params_fn: Callable[..., np.ndarray],
    grads: np.ndarray,
) -> np.ndarray:
    """Signed steps ``x_t − x_{t−1}`` of an optimizer fed ``grads``."""
    return np.diff(fed_path(init_fn, update_fn, params_fn, grads), axis=0)
