"""AdaGrad against RMSprop: memory weights, the brake, the paths on the ravine (C10, C11)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, adagrad_vs_rmsprop, rmsprop
from snippets.core import distances, step_lengths
from snippets.plotting import COLORS


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


# --- the brake, explorable: α on a slider ---

ALPHA_GRID = tuple((50 + 2 * k) / 100 for k in range(25))  # 0.50, 0.52, …, 0.98


def rmsprop_steep_steps(alpha: float, lr: float = 0.1) -> np.ndarray:
    """RMSprop's 40 steps after the jump, in closed form.

    σ² stays 0.1² over the 100 gentle steps (σ⁰ = |g⁰|, then α·0.01 + (1 − α)·0.01), so after
    k + 1 steep gradients σ² = α^(k+1)·0.01 + (1 − α^(k+1))·100 and the step is η·10/σ.
    """
    decay = alpha ** np.arange(1.0, 41.0)
    return lr * 10 / np.sqrt(decay * 0.01 + (1 - decay) * 100)


def hand_settled(alpha: float, lr: float = 0.1) -> float | str:
    """101 + the first k ≥ 1 with a steep step ≤ 1.1·η, from :func:`rmsprop_steep_steps`."""
    back = [k for k, step in enumerate(rmsprop_steep_steps(alpha, lr)) if k and step <= 1.1 * lr]
    return float(101 + back[0]) if back else "never"


def test_brake_explorable_grid() -> None:
    """α = 0.50, 0.52, …, 0.98, starting at the figure's 0.9."""
    (slider,) = adagrad_vs_rmsprop.brake_explorable().sliders
    assert (slider.name, slider.values, slider.initial) == ("alpha", ALPHA_GRID, 0.9)


@pytest.mark.parametrize("alpha", [0.5, 0.9, 0.98])
def test_brake_frame_rmsprop_series(alpha: float) -> None:
    """The RMSprop line is (t, step) for t = 80 … 140: η = 0.1 up to t = 100, then the closed
    form of σ² after the jump."""
    points = adagrad_vs_rmsprop.brake_frame(alpha=alpha).series[2].points
    assert points[:, 0].tolist() == list(range(80, 141))
    assert points[:21, 1] == pytest.approx(np.full(21, 0.1), rel=1e-12)
    assert points[21:, 1] == pytest.approx(rmsprop_steep_steps(alpha), rel=1e-12)


def test_brake_frame_adagrad_series() -> None:
    """The AdaGrad line: η = 0.1 up to t = 100; at t = 101 + k, σ² = (100·0.01 + (k + 1)·100)
    / (101 + k), so 1.0 at t = 101 (page: "AdaGrad's step jumps to 1.0") and decaying."""
    points = adagrad_vs_rmsprop.brake_frame(alpha=0.7).series[1].points
    k = np.arange(40.0)
    steep = 0.1 * 10 / np.sqrt((1 + (k + 1) * 100) / (101 + k))
    assert points[:, 0].tolist() == list(range(80, 141))
    assert points[:21, 1] == pytest.approx(np.full(21, 0.1), rel=1e-12)
    assert points[21:, 1] == pytest.approx(steep, rel=1e-12)
    assert points[21, 1] == pytest.approx(1.0, rel=1e-12)


def test_brake_frame_draws_the_jump() -> None:
    """A dotted vertical line at t = 100.5 across the panel; AdaGrad, then RMSprop, as lines;
    all on the one panel."""
    frame = adagrad_vs_rmsprop.brake_frame(alpha=0.5)
    jump = frame.series[0].points
    assert jump[:, 0].tolist() == [100.5, 100.5]
    assert tuple(jump[:, 1]) == adagrad_vs_rmsprop.brake_explorable().panels[0].ylim
    assert [(s.panel, s.style, s.color) for s in frame.series] == [
        (0, "dotted", COLORS["neutral"]), (0, "line", COLORS["adagrad"]),
        (0, "line", COLORS["rmsprop"])]


@pytest.mark.parametrize("alpha", ALPHA_GRID)
def test_brake_frame_numbers(alpha: float) -> None:
    """The box's first steep step is 1/√(α·0.01 + (1 − α)·100) and its "settled" t the
    closed form's, or "never"."""
    numbers = adagrad_vs_rmsprop.brake_frame(alpha=alpha).numbers
    assert numbers["first"] == pytest.approx(1 / np.sqrt(alpha * 0.01 + (1 - alpha) * 100),
                                             rel=1e-12)
    assert numbers["settled"] == hand_settled(alpha)


@pytest.mark.parametrize("alpha", [0.5, 0.9, 0.96])
def test_brake_frame_scales_with_lr(alpha: float) -> None:
    """With η = 0.2 every step doubles, AdaGrad's too, and the threshold 1.1·η with them."""
    frame = adagrad_vs_rmsprop.brake_frame(alpha=alpha, lr=0.2)
    assert frame.numbers["first"] == pytest.approx(rmsprop_steep_steps(alpha, 0.2)[0], rel=1e-12)
    assert frame.numbers["settled"] == hand_settled(alpha, 0.2) == hand_settled(alpha)
    assert frame.series[1].points[21, 1] == pytest.approx(2.0, rel=1e-12)
    assert frame.series[2].points[0, 1] == pytest.approx(0.2, rel=1e-12)


def test_brake_frame_settled_is_after_the_first_steep_step() -> None:
    """α = 0.5: the steps after the jump are 0.1414, 0.1155, 0.1069: the first ≤ 0.11 is t = 103
    (page: "back under 1.1·η at t = 103")."""
    steps = rmsprop_steep_steps(0.5)[:3]
    assert steps.round(4).tolist() == [0.1414, 0.1155, 0.1069]
    assert adagrad_vs_rmsprop.brake_frame(alpha=0.5).numbers["settled"] == 103.0


@pytest.mark.parametrize(("alpha", "first", "settled"), [(0.5, 0.14, 103.0), (0.9, 0.32, 117.0)])
def test_brake_frame_page_values(alpha: float, first: float, settled: float) -> None:
    """Page: "At α = 0.5 the first steep step is 0.14 and the step is back under 1.1·η at
    t = 103; at α = 0.9 it is 0.32 and back at t = 117"."""
    numbers = adagrad_vs_rmsprop.brake_frame(alpha=alpha).numbers
    assert (round(float(numbers["first"]), 2), numbers["settled"]) == (first, settled)


def test_brake_frame_never_from_096() -> None:
    """Page: "from α = 0.96 it does not get back within the 40 steep steps": "never" exactly
    for α ≥ 0.96 on the grid (α = 0.94 is back at t = 129)."""
    never = [a for a in ALPHA_GRID
             if adagrad_vs_rmsprop.brake_frame(alpha=a).numbers["settled"] == "never"]
    assert never == [0.96, 0.98]
    assert adagrad_vs_rmsprop.brake_frame(alpha=0.94).numbers["settled"] == 129.0


def test_brake_frame_closer_to_one_brakes_less() -> None:
    """Page: "the closer it is to 1, the larger the step after the jump and the longer it takes
    to shrink back": the first step grows with α, the settled t never decreases."""
    numbers = [adagrad_vs_rmsprop.brake_frame(alpha=a).numbers for a in ALPHA_GRID]
    first = [float(n["first"]) for n in numbers]
    settled = [n["settled"] for n in numbers if n["settled"] != "never"]
    assert np.all(np.diff(first) > 0)
    assert settled == sorted(settled) and len(settled) == 23
