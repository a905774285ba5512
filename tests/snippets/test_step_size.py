"""Step-size behaviour, the selfedu sign rule and the running-loss average (brief C1, C6, C7)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import step_size
from snippets.core import descend_1d
from snippets.step_size import (
    ema_rate,
    mean_age,
    plateau,
    plateau_grad,
    quadratic_path,
    recent_weight,
    running_loss,
    selfedu_steps,
    sign_descent_path,
    wavy_slope_grad,
)


def test_quadratic_path_by_hand() -> None:
    """On ½·25·x² from the default x₀ = 1 with h = 0.01 each step multiplies x by 0.75."""
    assert quadratic_path(curvature=25.0, lr=0.01, steps=2).tolist() == pytest.approx(
        [1.0, 0.75, 0.5625], rel=1e-15)


def test_plateau_and_wavy_slope_by_hand() -> None:
    """plateau(1) = 1 − e⁻¹, plateau(−2) = 1 − e⁻⁴; plateau'(1) = 2e⁻¹; wavy(π/2) = 1 + π/4."""
    assert plateau(np.array([0.0, 1.0, -2.0])).tolist() == pytest.approx(
        [0.0, 1 - np.exp(-1), 1 - np.exp(-4)], rel=1e-15)
    assert plateau_grad(np.array([1.0, -2.0])).tolist() == pytest.approx(
        [2 * np.exp(-1), -4 * np.exp(-4)], rel=1e-15)
    assert step_size.wavy_slope(np.array([np.pi / 2])).tolist() == pytest.approx([1 + np.pi / 4])
    assert wavy_slope_grad(np.array([np.pi, 0.0])).tolist() == pytest.approx([-0.5, 1.5])


def test_sign_descent_by_hand() -> None:
    """From 0 (f' = 1.5 > 0) with mn = 2: steps 1, ½, ½ downhill: 0, −1, −1.5, −2."""
    path = sign_descent_path(wavy_slope_grad, 0.0, steps=3, max_divisor=2)
    assert path.tolist() == [0.0, -1.0, -1.5, -2.0]


def test_sign_descent_stays_where_the_slope_is_zero() -> None:
    """sgn 0 = 0: on a flat function the walk never moves."""
    assert sign_descent_path(np.zeros_like, 1.5, steps=3, max_divisor=2).tolist() == [1.5] * 4


def test_sgd_sample_losses_by_hand() -> None:
    """Four SGD steps redone by hand from the same seed: the loss εₖ = (w·xᵢ + b − yᵢ)² is
    recorded before w ← w − 2η·e·xᵢ, b ← b − 2η·e; the full loss at start is mean(y²)."""
    rng = np.random.default_rng(0)
    x = rng.uniform(-1.0, 1.0, 200)
    y = 2.0 * x + 1.0 + 0.3 * rng.standard_normal(200)
    w = b = 0.0
    expected = []
    for i in rng.integers(0, 200, 4):  # 106, 198, 167, 52
        e = w * x[i] + b - y[i]
        expected.append(e**2)
        w, b = w - 0.1 * e * x[i], b - 0.1 * e
    losses, initial = step_size.sgd_sample_losses(steps=4, lr=0.05)
    assert losses.tolist() == pytest.approx(expected, rel=1e-12)
    assert initial == pytest.approx(np.mean(y**2), rel=1e-12)


def test_overshoot_alternates_and_converges() -> None:
    """h = 0.9 on x² jumps to the other side every step and still shrinks |x| by 0.8."""
    path = quadratic_path(curvature=2.0, lr=0.9, steps=10)
    assert path[1:] / path[:-1] == pytest.approx(np.full(10, -0.8), rel=1e-12)


def test_critical_step_oscillates_forever() -> None:
    """h = 1 on x² bounces between +1 and −1 without getting closer."""
    path = quadratic_path(curvature=2.0, lr=1.0, steps=10)
    assert np.array_equal(path, (-1.0) ** np.arange(11))


def test_too_large_step_diverges() -> None:
    """h = 1.1 on x² multiplies |x| by 1.2 every step."""
    path = quadratic_path(curvature=2.0, lr=1.1, steps=10)
    assert np.abs(path[1:] / path[:-1]) == pytest.approx(np.full(10, 1.2), rel=1e-12)


def test_order_of_magnitude_search() -> None:
    """On f = 12.5x², h = 0.1 diverges, 0.01 converges fast and 0.001 crawls within 60 steps."""
    ends = [abs(quadratic_path(curvature=25.0, lr=lr, steps=60)[-1]) for lr in (0.1, 0.01, 0.001)]
    assert ends[0] > 1e9 and ends[1] < 1e-6 and 0.1 < ends[2] < 1.0


def test_moderate_step_leaves_the_plateau() -> None:
    """From 2.5 on 1 − exp(−x²), h = 0.5 is at the bottom within 100 steps."""
    assert plateau(descend_1d(plateau_grad, 2.5, lr=0.5, steps=100))[-1] < 1e-6


def test_small_step_crawls_on_the_plateau() -> None:
    """From 2.5 on 1 − exp(−x²), h = 0.01 is still on the shelf (f > 0.98) after 2000 steps."""
    assert plateau(descend_1d(plateau_grad, 2.5, lr=0.01, steps=2000))[-1] > 0.98


def test_selfedu_steps_shrink_then_freeze() -> None:
    """λᵢ = 1/(i+1) for the first mn steps and 1/mn after that."""
    steps = selfedu_steps(30, max_divisor=10)
    assert np.array_equal(steps, 1.0 / np.r_[np.arange(1, 11), np.full(20, 10)])


def test_sign_descent_from_zero() -> None:
    """20 sign steps (mn = 100) from 0 end at −2.094583."""
    end = sign_descent_path(wavy_slope_grad, 0.0, steps=20, max_divisor=100)[-1]
    assert end == pytest.approx(-2.094583, rel=1e-6)


def test_sign_descent_from_zero_misses_minimum_by_little() -> None:
    """That end point is 1.9e-4 from the minimum −2π/3."""
    end = sign_descent_path(wavy_slope_grad, 0.0, steps=20, max_divisor=100)[-1]
    assert abs(end + 2 * np.pi / 3) == pytest.approx(1.9e-4, abs=5e-6)


def test_sign_descent_from_two_and_a_half() -> None:
    """20 sign steps from 2.5 end at 4.168771, near the minimum 4π/3."""
    end = sign_descent_path(wavy_slope_grad, 2.5, steps=20, max_divisor=100)[-1]
    assert end == pytest.approx(4.168771, rel=1e-6)


@pytest.mark.parametrize(("max_divisor", "band"), [(10, 0.0933), (100, 0.0099998)])
def test_frozen_step_keeps_the_tail_in_a_band(max_divisor: int, band: float) -> None:
    """Over the last 50 of 1000 steps from 0, max |x − x*| is 0.0933 (mn 10), 0.0099998 (mn 100)."""
    path = sign_descent_path(wavy_slope_grad, 0.0, steps=1000, max_divisor=max_divisor)
    worst = np.abs(path[-50:] + 2 * np.pi / 3).max()
    assert worst == pytest.approx(band, rel=5e-4)


@pytest.mark.parametrize("max_divisor", [10, 100])
def test_frozen_step_bounds_the_error(max_divisor: int) -> None:
    """Once the step has frozen at 1/mn, the iterates never leave x* ± 1/mn."""
    path = sign_descent_path(wavy_slope_grad, 0.0, steps=1000, max_divisor=max_divisor)
    assert np.abs(path[2 * max_divisor:] + 2 * np.pi / 3).max() <= 1.0 / max_divisor


def scaled_grad(x: np.ndarray) -> np.ndarray:
    """Derivative of 1000·(sin x + 0.5x)."""
    return 1000.0 * wavy_slope_grad(x)


def test_sign_descent_ignores_the_scale_of_f() -> None:
    """Multiplying f by 1000 leaves the sign-descent trajectory identical."""
    plain = sign_descent_path(wavy_slope_grad, 0.7, steps=200, max_divisor=50)
    assert np.array_equal(plain, sign_descent_path(scaled_grad, 0.7, steps=200, max_divisor=50))


@pytest.mark.parametrize(("window", "rate"), [(199, 0.01), (7, 0.25)])
def test_ema_rate(window: int, rate: float) -> None:
    """λ = 2/(N+1) gives 0.01 for N = 199 and 0.25 for N = 7."""
    assert ema_rate(window) == pytest.approx(rate, rel=1e-6)


def test_recent_weight_for_199() -> None:
    """The last 199 values carry 0.8647 of the weight when N = 199."""
    assert recent_weight(199) == pytest.approx(0.8647, abs=5e-5)


def test_recent_weight_tends_to_one_minus_e_squared() -> None:
    """For large N the weight on the last N values tends to 1 − e⁻²."""
    assert recent_weight(10**6) == pytest.approx(1 - np.exp(-2), rel=1e-5)


@pytest.mark.parametrize(("window", "age"), [(7, 3.0), (199, 99.0)])
def test_mean_age_matches_simple_average(window: int, age: float) -> None:
    """The mean age (N−1)/2 is 3.0 for N = 7 and 99.0 for N = 199, as for an N-point mean."""
    assert mean_age(ema_rate(window)) == pytest.approx(age, rel=1e-6)


@pytest.mark.parametrize("rate", [0.25, 0.01])
def test_mean_age_formula_matches_the_weights(rate: float) -> None:
    """(1−λ)/λ equals the mean age Σ k·λ(1−λ)^k of the actual weights."""
    k = np.arange(20_000)
    assert mean_age(rate) == pytest.approx(np.sum(k * rate * (1 - rate) ** k), rel=1e-6)


def test_running_loss_is_a_weighted_sum() -> None:
    """Q after n losses equals λ·Σ(1−λ)^j·ε_{n−j} + (1−λ)^n·Q₀."""
    losses = np.random.default_rng(2).exponential(size=40)
    rate, initial = 0.1, 5.0
    weights = rate * (1 - rate) ** np.arange(40)[::-1]
    explicit = weights @ losses + (1 - rate) ** 40 * initial
    average = running_loss(losses, rate=rate, initial=initial)[-1]
    assert average == pytest.approx(explicit, rel=1e-12)


def test_running_loss_by_hand() -> None:
    """λ = 0.5 from Q₀ = 0 with losses 4, 2: Q = 2, then 2."""
    assert running_loss(np.array([4.0, 2.0]), rate=0.5, initial=0.0).tolist() == [2.0, 2.0]
    assert running_loss(np.array([4.0, 0.0]), rate=0.25, initial=8.0).tolist() == [7.0, 5.25]


def test_running_loss_of_a_constant() -> None:
    """A constant loss started from the same constant keeps the average there."""
    assert running_loss(np.full(50, 0.3), rate=0.2, initial=0.3) == pytest.approx(np.full(50, 0.3))


def test_longer_window_is_smoother() -> None:
    """On SGD's noisy losses the N = 199 average moves less per step than the N = 19 one."""
    losses, initial = step_size.sgd_sample_losses(steps=1500, lr=0.05)
    jitter = [np.abs(np.diff(running_loss(losses, rate=ema_rate(n), initial=initial)[500:])).mean()
              for n in (19, 199)]
    assert jitter[1] < jitter[0] / 5


FIGURES = [
    ("too_large_figure", [4, 3]),
    ("too_small_figure", [3, 3]),
    ("lr_search_figure", [3]),
    ("sign_descent_figure", [3, 4]),
    ("running_loss_figure", [3]),
]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
@pytest.mark.parametrize(("name", "lines"), FIGURES)
def test_figures(name: str, lines: list[int], lang: str) -> None:
    """Each figure function returns a Figure with the expected lines on each axes."""
    fig = getattr(step_size, name)(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == lines


# --- the explorable: any step h on f = x² ---

H_GRID = tuple(k / 20 for k in range(1, 25))  # 0.05, 0.10, …, 1.20


def too_large_numbers(h: float) -> dict[str, float | str]:
    """|x₁₀| and the first t ≤ 10 with |xₜ| < 0.01, in exact rational arithmetic.

    xₜ = (1 − 2h)ᵗ with h = k/20 taken as the fraction it stands for; |x₁₀| > |x₀| = 1 is
    "diverged", no such t is "never".
    """
    factor = abs(1 - 2 * Fraction(round(20 * h), 20))
    below = [t for t in range(11) if factor**t < Fraction(1, 100)]
    return {"distance": "diverged" if factor > 1 else float(factor**10),
            "stop": float(below[0]) if below else "never"}


def test_too_large_explorable_grid() -> None:
    """The slider offers h = k/20 for k = 1 … 24 (0.05 to 1.2) and starts at the figure's 0.9."""
    (slider,) = step_size.too_large_explorable().sliders
    assert (slider.name, slider.values, slider.initial) == ("lr", H_GRID, 0.9)


@pytest.mark.parametrize("h", H_GRID)
def test_too_large_frame_iterates_are_powers_of_the_factor(h: float) -> None:
    """The iterates drawn on the parabola are (xₜ, xₜ²) with xₜ = (1 − 2h)ᵗ, t = 0 … 10, and
    the distance panel draws (t, |1 − 2h|ᵗ)."""
    frame = step_size.too_large_frame(lr=h)
    x = (1 - 2 * h) ** np.arange(11.0)
    on_curve, distance = frame.series[1].points, frame.series[3].points
    assert on_curve[:, 0] == pytest.approx(x, rel=1e-12, abs=1e-300)
    assert on_curve[:, 1] == pytest.approx(x**2, rel=1e-12, abs=1e-300)
    assert distance[:, 0].tolist() == list(range(11))
    assert distance[:, 1] == pytest.approx(np.abs(x), rel=1e-12, abs=1e-300)


def test_too_large_frame_draws_the_parabola_and_the_threshold() -> None:
    """The curve is f = x² at x = −2.6, −2.5, …, 2.6; the stopping line is |xₜ| = 0.01 across
    the whole distance panel; the iterates are drawn as line and markers."""
    frame = step_size.too_large_frame(lr=0.3)
    curve, threshold = frame.series[0].points, frame.series[2].points
    assert curve[:, 0] == pytest.approx(np.arange(-26, 27) / 10, rel=1e-12, abs=1e-15)
    assert curve[:, 1] == pytest.approx(curve[:, 0] ** 2, rel=1e-15, abs=0)
    assert threshold[:, 1].tolist() == [0.01, 0.01]
    assert tuple(threshold[:, 0]) == step_size.too_large_explorable().panels[1].xlim
    assert [(s.panel, s.style) for s in frame.series] == [
        (0, "line"), (0, "both"), (1, "dotted"), (1, "both")]


@pytest.mark.parametrize("h", H_GRID)
def test_too_large_frame_distance_after_ten_steps(h: float) -> None:
    """The box's |x₁₀| is |1 − 2h|¹⁰, or "diverged" where |1 − 2h| > 1, i.e. from h = 1.05."""
    expected = too_large_numbers(h)["distance"]
    distance = step_size.too_large_frame(lr=h).numbers["distance"]
    if isinstance(expected, str):
        assert distance == expected
    else:
        assert distance == pytest.approx(expected, rel=1e-10, abs=1e-300)


@pytest.mark.parametrize("h", H_GRID)
def test_too_large_frame_stop_is_the_first_t_below_one_hundredth(h: float) -> None:
    """The box's first t with |xₜ| = |1 − 2h|ᵗ < 0.01 within the 10 steps, else "never",
    counted exactly: at h = 0.45 and 0.55 |x₂| is exactly 0.01, not below it, so t = 3."""
    assert step_size.too_large_frame(lr=h).numbers["stop"] == too_large_numbers(h)["stop"]


def test_too_large_frame_words_switch_at_h_one() -> None:
    """h = 1 keeps |x₁₀| = |x₀| = 1 (not "diverged", yet "never" below 0.01); h = 1.05 grows."""
    assert step_size.too_large_frame(lr=1.0).numbers == {"distance": 1.0, "stop": "never"}
    assert step_size.too_large_frame(lr=1.05).numbers == {"distance": "diverged",
                                                          "stop": "never"}


def test_too_large_frame_stop_switches_between_h_015_and_02() -> None:
    """h = 0.2: |x₁₀| = 0.6¹⁰ = 0.006 < 0.01 but |x₉| = 0.6⁹ = 0.0101, so t = 10; h = 0.15:
    0.7¹⁰ = 0.028, so "never"."""
    assert step_size.too_large_frame(lr=0.2).numbers["stop"] == 10.0
    assert step_size.too_large_frame(lr=0.15).numbers["stop"] == "never"


@pytest.mark.parametrize("h", [h for h in H_GRID if h < 0.5])
def test_too_large_frame_small_steps_creep_from_one_side(h: float) -> None:
    """Page: "below h = 0.5 the path creeps to the minimum from one side": every xₜ > 0, and
    |xₜ| shrinks."""
    x = step_size.too_large_frame(lr=h).series[1].points[:, 0]
    assert np.all(x > 0) and np.all(np.diff(x) < 0)


@pytest.mark.parametrize("h", [h for h in H_GRID if h > 0.5])
def test_too_large_frame_large_steps_zigzag(h: float) -> None:
    """Page: "above it it zigzags": every step lands on the other side of the minimum."""
    x = step_size.too_large_frame(lr=h).series[1].points[:, 0]
    assert np.all(x[1:] * x[:-1] < 0)


def test_too_large_frame_half_lands_in_one_step() -> None:
    """Page: "h = 0.5 lands on the minimum in one step": x₁ = … = x₁₀ = 0, stop at t = 1."""
    frame = step_size.too_large_frame(lr=0.5)
    assert frame.series[1].points[:, 0].tolist() == [1.0] + [0.0] * 10
    assert frame.numbers == {"distance": 0.0, "stop": 1.0}


def test_too_large_frame_one_jumps_between_plus_and_minus_one() -> None:
    """Page: "h = 1 jumps between 1 and −1": xₜ = (−1)ᵗ exactly."""
    x = step_size.too_large_frame(lr=1.0).series[1].points[:, 0]
    assert x.tolist() == [(-1.0) ** t for t in range(11)]


@pytest.mark.parametrize("h", H_GRID)
def test_too_large_frame_diverges_from_105(h: float) -> None:
    """Page: "from h = 1.05 on the distance grows and the box says the run diverged": |xₜ|
    grows at every step and the box says "diverged" exactly for h ≥ 1.05."""
    frame = step_size.too_large_frame(lr=h)
    grows = bool(np.all(np.diff(frame.series[3].points[:, 1]) > 0))
    assert (grows, frame.numbers["distance"] == "diverged") == (h >= 1.05, h >= 1.05)


@pytest.mark.parametrize(("h", "factor"), [(0.9, -0.8), (1.0, -1.0), (1.1, -1.2)])
def test_too_large_frame_factor_of_the_caption(h: float, factor: float) -> None:
    """Page: "the factor is 1 − 2h: −0.8 for h = 0.9, exactly −1 for h = 1, −1.2 for h = 1.1"."""
    x = step_size.too_large_frame(lr=h).series[1].points[:, 0]
    assert x[1:] / x[:-1] == pytest.approx(np.full(10, factor), rel=1e-12)
