"""AdaGrad against RMSprop: memory weights, the brake, the paths on the ravine (C10, C11)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, adagrad_vs_rmsprop, rmsprop
from snippets.core import distances, step_lengths


def test_adagrad_stalls_far_from_the_minimum() -> None:
    """With h = 0.1 over 500 steps AdaGrad ends 0.793 away with a last step of 1.9e-3."""
    distance, steps = adagrad_vs_rmsprop.vanishing_step(lr=0.1, steps=500)["adagrad"]
    assert (distance[-1], steps[-1]) == (pytest.approx(0.793, abs=5e-4),
                                         pytest.approx(1.9e-3, abs=5e-5))


def test_rmsprop_settles_in_a_two_cycle() -> None:
    """With the same h RMSprop (α = 0.9) ends in a 2-cycle at distance h/√2."""
    distance, _ = adagrad_vs_rmsprop.vanishing_step(lr=0.1, steps=500)["rmsprop"]
    assert distance[-2:] == pytest.approx([0.1 / np.sqrt(2)] * 2, rel=1e-6)


def test_vanishing_step_first_two_steps() -> None:
    """h = 0.1: both start 0.1·(1, −1) (length 0.1√2); RMSprop's second step uses α = 0.9:
    0.1·(3.9/√(0.9·16 + 0.1·3.9²), 45/√(0.9·2500 + 0.1·45²)) = (0.0977416, 0.0908674)."""
    runs = adagrad_vs_rmsprop.vanishing_step(lr=0.1, steps=2)
    distance, steps = runs["rmsprop"]
    assert distance.tolist() == pytest.approx([np.sqrt(17.0), np.sqrt(3.9**2 + 0.9**2),
                                               np.hypot(3.9 - 0.0977416, 0.9 - 0.0908674)],
                                              rel=1e-6)
    assert steps.tolist() == pytest.approx([0.1 * np.sqrt(2), np.hypot(0.0977416, 0.0908674)],
                                           rel=1e-6)
    # AdaGrad's second step: 0.1·(3.9/√(16 + 3.9²), 45/√(2500 + 45²))
    assert runs["adagrad"][1][1] == pytest.approx(
        np.hypot(0.39 / np.sqrt(16 + 3.9**2), 4.5 / np.sqrt(2500 + 45**2)), rel=1e-12)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_vanishing_step_figure_has_two_panels(lang: str) -> None:
    """The vanishing-step figure shows distance and step length, two curves each."""
    figure = adagrad_vs_rmsprop.vanishing_step_figure(lang)
    assert [len(ax.lines) for ax in figure.axes] == [2, 2]
    assert all(ax.get_yscale() == "log" for ax in figure.axes)


@pytest.mark.parametrize(("alpha", "t"), [(0.9, 40), (0.5, 7), (0.99, 300)])
def test_memory_weights_sum_to_one(alpha: float, t: int) -> None:
    """The unrolled weights of (σᵗ)² form a weighted mean: they sum to 1."""
    weights = adagrad_vs_rmsprop.memory_weights(alpha=alpha, t=t)
    assert weights.sum() == pytest.approx(1.0, rel=1e-12)


def test_memory_weights_reproduce_the_recursion() -> None:
    """Weights · (gⁱ)² equals the mean square the update keeps."""
    grads = np.random.default_rng(4).normal(size=(25, 2))
    state = rmsprop.init(np.zeros(2))
    for g in grads:
        state = rmsprop.update(state, g, lr=0.1, alpha=0.8)
    weights = adagrad_vs_rmsprop.memory_weights(alpha=0.8, t=len(grads) - 1)
    np.testing.assert_allclose(weights @ grads**2, state.mean_square, rtol=1e-12)


def test_mean_weights_reproduce_hung_yi_adagrad() -> None:
    """Equal weights 1/(t+1) give Hung-yi's AdaGrad (σᵗ)², the mean of the squares."""
    grads = np.random.default_rng(5).normal(size=(25, 2))
    state = adagrad.init(np.zeros(2))
    for g in grads:
        state = adagrad.update_mean(state, g, lr=0.1)
    weights = adagrad_vs_rmsprop.mean_weights(t=len(grads) - 1)
    np.testing.assert_allclose(weights @ grads**2, state.sum_squares / state.t, rtol=1e-12)


@pytest.mark.parametrize(("alpha", "t", "weights"), [
    (0.5, 2, [0.25, 0.25, 0.5]),
    (0.9, 2, [0.81, 0.09, 0.1]),   # α², (1−α)·α, 1−α
    (0.9, 0, [1.0]),
])
def test_memory_weights_by_hand(alpha: float, t: int, weights: list[float]) -> None:
    """The first gradient weighs αᵗ, gⁱ weighs (1−α)·α^(t−i)."""
    unrolled = adagrad_vs_rmsprop.memory_weights(alpha=alpha, t=t)
    assert unrolled.tolist() == pytest.approx(weights, rel=1e-12)


def test_mean_weights_by_hand() -> None:
    """At t = 3 each of the four squared gradients weighs 1/4."""
    assert adagrad_vs_rmsprop.mean_weights(t=3).tolist() == [0.25, 0.25, 0.25, 0.25]


def test_gentle_then_steep_sequence() -> None:
    """Two gentle steps and one steep give the column (0.1, 0.1, 10); the default is 100 + 40."""
    assert adagrad_vs_rmsprop.gentle_then_steep(gentle_steps=2, steep_steps=1).tolist() == [
        [0.1], [0.1], [10.0]]
    grads = adagrad_vs_rmsprop.gentle_then_steep()
    assert (grads.shape, grads[99, 0], grads[100, 0]) == ((140, 1), 0.1, 10.0)


def _brake() -> dict[str, np.ndarray]:
    grads = adagrad_vs_rmsprop.gentle_then_steep(gentle_steps=100, steep_steps=40)
    return adagrad_vs_rmsprop.brake_steps(grads)


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
    return adagrad_vs_rmsprop.forgetting_paths()


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
    path = adagrad_vs_rmsprop.forgetting_paths(steps=2)["rmsprop"]
    assert path[1].tolist() == pytest.approx([-3.999, 0.999], rel=1e-15)
    assert path[2][0] - path[1][0] == pytest.approx(
        1e-3 * 3.999 / np.sqrt(0.9 * 16 + 0.1 * 3.999**2), rel=1e-12)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_memory_figure(lang: str) -> None:
    """The memory figure draws AdaGrad's weights and RMSprop's for two α."""
    fig = adagrad_vs_rmsprop.memory_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 3


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_brake_figure(lang: str) -> None:
    """The brake figure draws three step-length curves and the jump marker."""
    fig = adagrad_vs_rmsprop.brake_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 4


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_forgetting_figure(lang: str) -> None:
    """The comparison figure has contours, two paths and the minimum, then two distance curves."""
    fig = adagrad_vs_rmsprop.forgetting_figure(lang)
    ax_path, ax_dist = fig.axes
    assert isinstance(fig, Figure)
    assert len(ax_path.collections) >= 1
    assert (len(ax_path.lines), len(ax_dist.lines)) == (3, 2)
