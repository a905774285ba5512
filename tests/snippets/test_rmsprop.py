"""RMSprop: first steps, forgetting weights, the brake, the comparison with AdaGrad (C10, C11)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, rmsprop
from snippets.core import distances, step_lengths, trajectory
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


@pytest.mark.parametrize(("alpha", "t"), [(0.9, 40), (0.5, 7), (0.99, 300)])
def test_memory_weights_sum_to_one(alpha: float, t: int) -> None:
    """The unrolled weights of (σᵗ)² form a weighted mean: they sum to 1."""
    assert rmsprop.memory_weights(alpha=alpha, t=t).sum() == pytest.approx(1.0, rel=1e-12)


def test_memory_weights_reproduce_the_recursion() -> None:
    """Weights · (gⁱ)² equals the mean square the update keeps."""
    grads = np.random.default_rng(4).normal(size=(25, 2))
    state = rmsprop.init(np.zeros(2))
    for g in grads:
        state = rmsprop.update(state, g, lr=0.1, alpha=0.8)
    weights = rmsprop.memory_weights(alpha=0.8, t=len(grads) - 1)
    np.testing.assert_allclose(weights @ grads**2, state.mean_square, rtol=1e-12)


def test_mean_weights_reproduce_hung_yi_adagrad() -> None:
    """Equal weights 1/(t+1) give Hung-yi's AdaGrad (σᵗ)², the mean of the squares."""
    grads = np.random.default_rng(5).normal(size=(25, 2))
    state = adagrad.init(np.zeros(2))
    for g in grads:
        state = adagrad.update_mean(state, g, lr=0.1)
    weights = rmsprop.mean_weights(t=len(grads) - 1)
    np.testing.assert_allclose(weights @ grads**2, state.sum_squares / state.t, rtol=1e-12)


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


@pytest.mark.parametrize(("alpha", "t", "weights"), [
    (0.5, 2, [0.25, 0.25, 0.5]),
    (0.9, 2, [0.81, 0.09, 0.1]),   # α², (1−α)·α, 1−α
    (0.9, 0, [1.0]),
])
def test_memory_weights_by_hand(alpha: float, t: int, weights: list[float]) -> None:
    """The first gradient weighs αᵗ, gⁱ weighs (1−α)·α^(t−i)."""
    assert rmsprop.memory_weights(alpha=alpha, t=t).tolist() == pytest.approx(weights, rel=1e-12)


def test_mean_weights_by_hand() -> None:
    """At t = 3 each of the four squared gradients weighs 1/4."""
    assert rmsprop.mean_weights(t=3).tolist() == [0.25, 0.25, 0.25, 0.25]


def test_fed_step_lengths_of_plain_steps() -> None:
    """x ← x − 0.5·g fed g = (3, 4), then (0, −2): steps of length 2.5, then 1."""
    def halve(x: np.ndarray, g: np.ndarray) -> np.ndarray:
        return x - 0.5 * g
    lengths = rmsprop.fed_step_lengths(np.array([[3.0, 4.0], [0.0, -2.0]]),
                                       lambda x: x + 1.0, halve, lambda x: x)
    assert lengths.tolist() == [2.5, 1.0]
    one = rmsprop.fed_step_lengths(np.array([[0.0, 2.0]]), lambda x: x, halve, lambda x: x)
    assert one.tolist() == [1.0]


def test_gentle_then_steep_sequence() -> None:
    """Two gentle steps and one steep give the column (0.1, 0.1, 10); the default is 100 + 40."""
    assert rmsprop.gentle_then_steep(gentle_steps=2, steep_steps=1).tolist() == [
        [0.1], [0.1], [10.0]]
    grads = rmsprop.gentle_then_steep()
    assert (grads.shape, grads[99, 0], grads[100, 0]) == ((140, 1), 0.1, 10.0)


def _brake() -> dict[str, np.ndarray]:
    return rmsprop.brake_steps(rmsprop.gentle_then_steep(gentle_steps=100, steep_steps=40))


def test_gentle_steps_are_eta_for_all() -> None:
    """During the 100 steps with g = 0.1 every method moves exactly η = 0.1 per step."""
    for lengths in _brake().values():
        np.testing.assert_allclose(lengths[:100], 0.1, rtol=1e-12)


@pytest.mark.parametrize(("name", "rounded"),
                         [("adagrad", 1.0), ("rmsprop 0.9", 0.316), ("rmsprop 0.5", 0.141)])
def test_brake_first_steep_step(name: str, rounded: float) -> None:
    """After 100 steps with g = 0.1, g = 10 moves 1.0 (AdaGrad), 0.316 (α 0.9), 0.141 (α 0.5)."""
    assert _brake()[name][100] == pytest.approx(rounded, abs=5e-4)


@pytest.mark.parametrize("alpha", [0.9, 0.5])
def test_brake_step_closed_form(alpha: float) -> None:
    """The first steep step is η·10/√(α·0.1² + (1−α)·10²)."""
    expected = 0.1 * 10 / np.sqrt(alpha * 0.01 + (1 - alpha) * 100)
    assert _brake()[f"rmsprop {alpha}"][100] == pytest.approx(expected, rel=1e-12)


def test_rmsprop_recovers_while_adagrad_lags() -> None:
    """40 steps into the steep part RMSprop α = 0.9 is back to η; AdaGrad still steps over 1.5η."""
    lengths = _brake()
    assert lengths["rmsprop 0.9"][-1] == pytest.approx(0.1, rel=1e-2)
    assert lengths["adagrad"][-1] > 0.15


@pytest.fixture
def forgetting() -> dict[str, np.ndarray]:
    """The figure's two runs (defaults: h = 1e-3, 6000 steps)."""
    return rmsprop.forgetting_paths()


def test_adagrad_barely_moves_with_small_h(forgetting: dict[str, np.ndarray]) -> None:
    """h = 1e-3, 6000 steps: AdaGrad goes from 4.12 to 3.94 from the minimum, last step 1.8e-5."""
    dist = distances(forgetting["adagrad"], [0.0, 0.0])
    assert (dist[0], dist[-1]) == pytest.approx((4.123, 3.940), abs=5e-4)
    assert step_lengths(forgetting["adagrad"])[-1] == pytest.approx(1.8e-5, abs=5e-7)


def test_rmsprop_reaches_the_two_cycle(forgetting: dict[str, np.ndarray]) -> None:
    """RMSprop with the same h ends h/√2 = 7.07e-4 from the minimum, in its 2-cycle."""
    dist = distances(forgetting["rmsprop"], [0.0, 0.0])
    assert forgetting["rmsprop"].shape == (6001, 2)
    assert dist[-1] == pytest.approx(1e-3 / np.sqrt(2), rel=1e-6)


def test_forgetting_rmsprop_second_step_uses_alpha_09() -> None:
    """From (−4, 1) with h = 1e-3 RMSprop's second x step is 1e-3·3.999/√(0.9·16 + 0.1·3.999²)."""
    path = rmsprop.forgetting_paths(steps=2)["rmsprop"]
    assert path[1].tolist() == pytest.approx([-3.999, 0.999], rel=1e-15)
    assert path[2][0] - path[1][0] == pytest.approx(
        1e-3 * 3.999 / np.sqrt(0.9 * 16 + 0.1 * 3.999**2), rel=1e-12)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_memory_figure(lang: str) -> None:
    """The memory figure draws AdaGrad's weights and RMSprop's for two α."""
    fig = rmsprop.memory_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 3


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_brake_figure(lang: str) -> None:
    """The brake figure draws three step-length curves and the jump marker."""
    fig = rmsprop.brake_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 4


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_forgetting_figure(lang: str) -> None:
    """The comparison figure has contours, two paths and the minimum, then two distance curves."""
    fig = rmsprop.forgetting_figure(lang)
    ax_path, ax_dist = fig.axes
    assert isinstance(fig, Figure)
    assert len(ax_path.collections) >= 1
    assert (len(ax_path.lines), len(ax_dist.lines)) == (3, 2)
