"""RMSprop: first steps, forgetting weights, the brake, the comparison with AdaGrad (C10, C11)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from snippets import rmsprop
from snippets.core import trajectory
from snippets.surfaces import ravine_grad

START = np.array([-4.0, 1.0])


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e3])
def test_hung_yi_first_step_is_eta(scale: float) -> None:
    """Hung-yi's σ⁰ = |g⁰| makes the first step exactly η, whatever the gradient's scale."""
    state = rmsprop.update(rmsprop.init(np.zeros(2)), np.array([scale, -scale]), lr=0.1, alpha=0.9)
    np.testing.assert_allclose(np.abs(state.x), 0.1, rtol=1e-12)


@pytest.mark.parametrize("scale", [1.0, 1e3])
def test_torch_first_step_is_ten_lr(scale: float) -> None:
    """torch's v₀ = 0 makes the first step lr/√(1−α) = 10·lr for α = 0.99."""
    state = rmsprop.update_torch(rmsprop.init(np.zeros(1)), np.array([scale]), lr=0.01)
    assert -state.x[0] == pytest.approx(10 * 0.01, rel=1e-6)


def test_torch_first_step_for_alpha_09() -> None:
    """For α = 0.9 torch's first step is lr/√0.1 ≈ 3.162·lr."""
    state = rmsprop.update_torch(rmsprop.init(np.zeros(1)), np.array([1.0]), lr=0.01, alpha=0.9)
    assert -state.x[0] == pytest.approx(0.01 / np.sqrt(0.1), rel=1e-6)
    assert -state.x[0] / 0.01 == pytest.approx(3.162, abs=5e-4)


def test_hung_yi_is_torch_with_prefilled_accumulator() -> None:
    """Hung-yi's form is torch's with ε = 0 and v started at (g⁰)² instead of 0."""
    hung_yi = trajectory(rmsprop.init, partial(rmsprop.update, lr=0.05, alpha=0.9),
                         rmsprop.params, ravine_grad, START, steps=100)
    state = rmsprop.State(START, ravine_grad(START) ** 2, 0)
    torch = [state.x]
    for _ in range(100):
        state = rmsprop.update_torch(state, ravine_grad(state.x), lr=0.05, alpha=0.9, eps=0.0)
        torch.append(state.x)
    np.testing.assert_allclose(hung_yi, np.array(torch), rtol=1e-12, atol=1e-15)


def test_alpha_zero_is_sign_descent() -> None:
    """With α = 0 Hung-yi's RMSprop steps by η·sign(g), as in note 000's normalised gradient."""
    grads = np.random.default_rng(3).normal(size=(20, 3)) * 10.0 ** np.arange(-3, 3, 2)
    state = rmsprop.init(np.zeros(3))
    for g in grads:
        before = state.x
        state = rmsprop.update(state, g, lr=0.1, alpha=0.0)
        np.testing.assert_allclose(state.x, before - 0.1 * np.sign(g), rtol=1e-15, atol=1e-15)


def test_init_has_seen_no_gradient() -> None:
    """init keeps x₀, a float zero mean square of its shape and t = 0."""
    state = rmsprop.init(np.array([1.0, 2.0]))
    assert (state.mean_square.dtype, state.mean_square.tolist(), state.t) == (
        np.float64, [0.0, 0.0], 0)


def test_hung_yi_two_steps_by_hand() -> None:
    """g = 3 then 4, η = 1, α = 0.75: σ² = 9, x¹ = −1; σ² = 0.75·9 + 0.25·16 = 10.75,
    x² = −1 − 4/√10.75 = −2.2199886."""
    state = rmsprop.update(rmsprop.init(np.zeros(1)), np.array([3.0]), lr=1.0, alpha=0.75)
    assert (state.x[0], state.mean_square[0], state.t) == (-1.0, 9.0, 1)
    state = rmsprop.update(state, np.array([4.0]), lr=1.0, alpha=0.75)
    assert (state.x[0], state.mean_square[0], state.t) == (
        pytest.approx(-2.2199885627, rel=1e-10), 10.75, 2)


def test_torch_two_steps_by_hand() -> None:
    """g = 3 then 4, lr = 1, α = 0.75, ε = 0: v = 2.25, x¹ = −3/1.5 = −2; v = 0.75·2.25 + 4
    = 5.6875, x² = −2 − 4/√5.6875 = −3.6772557."""
    state = rmsprop.update_torch(rmsprop.init(np.zeros(1)), np.array([3.0]), lr=1.0,
                                 alpha=0.75, eps=0.0)
    assert (state.x[0], state.mean_square[0], state.t) == (-2.0, 2.25, 1)
    state = rmsprop.update_torch(state, np.array([4.0]), lr=1.0, alpha=0.75, eps=0.0)
    assert (state.x[0], state.mean_square[0], state.t) == (
        pytest.approx(-3.6772557388, rel=1e-10), 5.6875, 2)


def test_torch_epsilon_is_outside_the_root() -> None:
    """Defaults α = 0.99, ε = 1e-8 and g = 1e-8: v = 1e-18, so the step is
    lr·1e-8/(1e-9 + 1e-8) = lr/1.1 (ε inside the root would give about 1e-4·lr)."""
    state = rmsprop.update_torch(rmsprop.init(np.zeros(1)), np.array([1e-8]), lr=1.1)
    assert state.x[0] == pytest.approx(-1.0, rel=1e-9)


