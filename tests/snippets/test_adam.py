"""Adam: first steps, bias correction, the β₁ = 0 limit and the "spray" after silence."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, adam, rmsprop
from snippets.core import trajectory
from snippets.plotting import COLORS, LANGUAGES
from snippets.surfaces import ravine_grad
from tests.snippets.fed import steps_on_gradients

LR = 0.01


@pytest.fixture
def spray() -> dict[str, np.ndarray]:
    """Step lengths of the four methods on the brief's silence sequence, η = 0.1."""
    return adam.spray_steps(adam.silence_gradients(), lr=0.1)


def first_step(update_fn: Callable[..., adam.State], g: float, **hyper: float) -> float:
    """Signed first step of an Adam variant fed the scalar gradient ``g``."""
    return steps_on_gradients(adam.init, partial(update_fn, **hyper), adam.params,
                                   np.array([[g]]))[0, 0]


@pytest.mark.parametrize("g", [1e-3, 1e3])
def test_first_step_is_lr_times_sign(g: float) -> None:
    """The first bias-corrected step is −lr·sign(g) (0.0099999 long) whatever the scale."""
    assert first_step(adam.update, g, lr=LR) == pytest.approx(-LR, rel=2e-5)
    assert first_step(adam.update, -g, lr=LR) == pytest.approx(LR, rel=2e-5)


def test_first_step_at_small_gradient_matches_brief() -> None:
    """For g = 1e-3 the first step is 0.0099999: ε = 1e-8 shortens it by 1e-5 relative."""
    assert abs(first_step(adam.update, 1e-3, lr=LR)) == pytest.approx(0.0099999, rel=1e-6)


def test_first_step_without_bias_correction_is_sqrt10_lr() -> None:
    """Without bias correction the first step is (1−β₁)/√(1−β₂)·lr = 3.162·lr."""
    step = abs(first_step(adam.update_uncorrected, 1.0, lr=LR))
    assert step / LR == pytest.approx(np.sqrt(10.0), rel=1e-6)
    assert step / LR == pytest.approx(3.162, rel=1e-4)


def test_constant_gradient_gives_steps_of_exactly_lr() -> None:
    """Under a constant gradient every corrected step has length lr."""
    steps = steps_on_gradients(adam.init, partial(adam.update, lr=LR), adam.params,
                                    np.full((200, 1), 2.0))
    assert np.abs(steps[:, 0]) == pytest.approx(np.full(200, LR), rel=1e-6)


def test_uncorrected_steps_follow_the_bias_factor() -> None:
    """Without correction the step under constant g is lr·(1−β₁ᵗ)/√(1−β₂ᵗ)."""
    t = np.arange(1, 201)
    steps = steps_on_gradients(adam.init, partial(adam.update_uncorrected, lr=LR),
                                    adam.params, np.full((200, 1), 2.0))
    expected = LR * (1 - 0.9**t) / np.sqrt(1 - 0.999**t)
    assert np.abs(steps[:, 0]) == pytest.approx(expected, rel=1e-6)


def test_beta1_zero_is_rmsprop_with_bias_corrected_v() -> None:
    """With β₁ = 0 Adam steps lr·g/(√(v/(1−β₂ᵗ)) + ε), v being torch RMSprop's accumulator."""
    grads = np.random.default_rng(0).normal(size=(50, 3)) * [1e-2, 1.0, 1e2]
    adam_steps = steps_on_gradients(adam.init, partial(adam.update, lr=LR, beta1=0.0),
                                         adam.params, grads)
    state = rmsprop.init(np.zeros(3))
    expected = []
    for t, g in enumerate(grads, start=1):
        state = rmsprop.update_torch(state, g, lr=LR, alpha=0.999)
        v_hat = state.mean_square / (1 - 0.999**t)
        expected.append(-LR * g / (np.sqrt(v_hat) + 1e-8))
    assert adam_steps == pytest.approx(np.array(expected), rel=1e-9)


def test_path_does_not_depend_on_gradient_scale() -> None:
    """Multiplying the loss by 1000 leaves Adam's path unchanged (up to ε)."""
    run = partial(trajectory, adam.init, partial(adam.update, lr=0.1), adam.params,
                  x0=[-4.0, 1.0], steps=100)
    path = run(ravine_grad)
    scaled = run(lambda p: 1e3 * ravine_grad(p))
    assert scaled == pytest.approx(path, rel=1e-6, abs=1e-7)


def test_step_never_exceeds_kingma_ba_bound() -> None:
    """On sparse random gradients no step is longer than lr·(1−β₁)/√(1−β₂)."""
    rng = np.random.default_rng(1)
    grads = rng.normal(size=(3000, 4)) * (rng.random((3000, 4)) < 0.01)
    steps = steps_on_gradients(adam.init, partial(adam.update, lr=LR), adam.params, grads)
    assert np.abs(steps).max() <= LR * 0.1 / np.sqrt(0.001)


def test_first_step_on_ravine_is_diagonal() -> None:
    """On the ravine Adam's first step is (lr, −lr): 45°, whatever the slopes."""
    path = adam.ravine_paths(steps=1)["adam"]
    assert path[1] - path[0] == pytest.approx([0.1, -0.1], rel=1e-6)


def test_spray_of_mean_form_adagrad(spray: dict[str, np.ndarray]) -> None:
    """After 100 steps of g = 1 and 9 900 of g = 0, HY's AdaGrad steps 0.995 (η = 0.1)."""
    last = spray["adagrad_mean"][-1]
    assert last == pytest.approx(0.1 * np.sqrt(10001 / 101), rel=1e-9)
    assert last == pytest.approx(0.995, rel=1e-3)


def test_duchi_adagrad_does_not_spray(spray: dict[str, np.ndarray]) -> None:
    """Duchi's sum form takes 0.00995 there: η/√101."""
    last = spray["adagrad_duchi"][-1]
    assert last == pytest.approx(0.1 / np.sqrt(101), rel=1e-9)
    assert last == pytest.approx(0.00995, rel=1e-3)


def test_rmsprop_spray_is_eta_over_sqrt_one_minus_alpha(spray: dict[str, np.ndarray]) -> None:
    """RMSprop (α = 0.9) has forgotten everything: its step is η/√(1−α) = 0.316."""
    last = spray["rmsprop"][-1]
    assert last == pytest.approx(0.1 / np.sqrt(0.1), rel=1e-6)


def test_adam_spray_reaches_but_respects_its_bound(spray: dict[str, np.ndarray]) -> None:
    """Adam's step after silence is 0.3154724, just below its bound 0.1·0.1/√0.001 = 0.316228.

    m = 0.9⁹⁹⁰¹(1 − 0.9¹⁰⁰) + 0.1, v = 0.999⁹⁹⁰¹(1 − 0.999¹⁰⁰) + 0.001, both then divided by
    their bias factors 1 − β¹⁰⁰⁰¹.
    """
    m = 0.9**9901 * (1 - 0.9**100) + 0.1
    v = 0.999**9901 * (1 - 0.999**100) + 0.001
    expected = 0.1 * (m / (1 - 0.9**10001)) / (np.sqrt(v / (1 - 0.999**10001)) + 1e-8)
    assert spray["adam"][-1] == pytest.approx(expected, rel=1e-9)
    assert spray["adam"][-1] == pytest.approx(0.3154724, rel=1e-6)
    assert spray["adam"][-1] < 0.1 * 0.1 / np.sqrt(0.001)


def test_spray_of_mean_form_grows_with_silence() -> None:
    """The longer the flat stretch, the larger HY's AdaGrad step: it has no upper bound."""
    update = partial(adagrad.update_mean, lr=0.1)
    lasts = [-steps_on_gradients(adagrad.init, update, adagrad.params,
                                     adam.silence_gradients(quiet=quiet))[-1, 0]
             for quiet in (100, 1000, 5000)]
    assert lasts[0] < lasts[1] < lasts[2]


def test_epsilon_is_outside_the_root() -> None:
    """g = 1e-8 with the default ε = 1e-8, lr = 1: the first step is g/(|g| + ε) = 0.5
    (ε inside the root would give about 1e-4)."""
    assert first_step(adam.update, 1e-8, lr=1.0) == pytest.approx(-0.5, rel=1e-9)


def test_uncorrected_epsilon_is_outside_the_root() -> None:
    """Uncorrected, g = 1e-8: m = 1e-9, √v = √0.001·1e-8, step = 0.1/(√0.001 + 1) = 0.0969347."""
    assert first_step(adam.update_uncorrected, 1e-8, lr=1.0) == pytest.approx(
        -0.1 / (np.sqrt(0.001) + 1.0), rel=1e-9)


def test_second_step_by_hand() -> None:
    """g = 1 then 3, lr = 1, ε = 0: m = 0.9·0.1 + 0.3 = 0.39, v = 0.999·0.001 + 0.009 = 0.009999;
    the step is (0.39/(1 − 0.81)) / √(0.009999/(1 − 0.998001)) = 0.917781."""
    steps = steps_on_gradients(adam.init, partial(adam.update, lr=1.0, eps=0.0), adam.params,
                                    np.array([[1.0], [3.0]]))
    second = -(0.39 / 0.19) / np.sqrt(0.009999 / 0.001999)
    assert steps[:, 0].tolist() == pytest.approx([-1.0, second], rel=1e-12)
    assert steps[1, 0] == pytest.approx(-0.9177811, rel=1e-7)


def test_uncorrected_second_step_by_hand() -> None:
    """Same gradients without correction: steps 0.1/√0.001 = 3.162278, then 0.39/√0.009999."""
    steps = steps_on_gradients(adam.init, partial(adam.update_uncorrected, lr=1.0, eps=0.0),
                                    adam.params, np.array([[1.0], [3.0]]))
    assert steps[:, 0].tolist() == pytest.approx([-0.1 / np.sqrt(0.001), -0.39 / np.sqrt(0.009999)],
                                                 rel=1e-12)


def test_init_starts_both_moments_at_float_zero() -> None:
    """init keeps x₀ and starts m and v as float zeros of its shape, t = 0."""
    state = adam.init(np.array([1.0, 2.0]))
    assert [(a.dtype, a.tolist()) for a in state[:3]] == [
        (np.float64, [1.0, 2.0]), (np.float64, [0.0, 0.0]), (np.float64, [0.0, 0.0])]
    assert state.t == 0


def test_state_keeps_moments_and_count() -> None:
    """After g = 2: m = 0.2, v = 0.004, t = 1, and x moved by −lr (default lr = 1e-3)."""
    state = adam.update(adam.init(np.zeros(1)), np.array([2.0]))
    assert (state.m[0], state.v[0], state.t) == (pytest.approx(0.2), pytest.approx(0.004), 1)
    assert state.x[0] == pytest.approx(-1e-3, rel=1e-6)
    uncorrected = adam.update_uncorrected(adam.init(np.zeros(1)), np.array([2.0]))
    assert (uncorrected.m[0], uncorrected.v[0], uncorrected.t) == (
        pytest.approx(0.2), pytest.approx(0.004), 1)
    # default lr 1e-3 and ε 1e-8: 1e-3·0.2/(√0.004 + 1e-8)
    assert uncorrected.x[0] == pytest.approx(-1e-3 * 0.2 / (np.sqrt(0.004) + 1e-8), rel=1e-12)


def test_steps_on_gradients_are_signed() -> None:
    """x ← x − g fed (1, −2) and (0.5, 0): the steps are (−1, 2) and (−0.5, 0)."""
    steps = steps_on_gradients(lambda x: x + 3.0, lambda x, g: x - g, lambda x: x,
                                    np.array([[1.0, -2.0], [0.5, 0.0]]))
    assert steps.tolist() == [[-1.0, 2.0], [-0.5, 0.0]]


@pytest.mark.parametrize(("kwargs", "bound"), [
    ({}, 1e-3 * 0.1 / np.sqrt(0.001)),              # defaults: 3.16·lr
    ({"lr": 0.1}, 0.1 * 0.1 / np.sqrt(0.001)),
    ({"lr": 0.5, "beta1": 0.99}, 0.5),                # 0.01/√0.001 < 1: the bound is lr
    ({"lr": 1.0, "beta1": 0.8, "beta2": 0.96}, 1.0),  # 0.2/√0.04 = 1 exactly
    ({"lr": 1.0, "beta1": 0.5, "beta2": 0.75}, 1.0),  # 0.5/√0.25 = 1
    ({"lr": 2.0, "beta1": 0.5, "beta2": 0.9375}, 4.0),  # 2·0.5/√0.0625 = 4
])
def test_step_bound_by_hand(kwargs: dict[str, float], bound: float) -> None:
    """The bound is max(lr, lr·(1−β₁)/√(1−β₂))."""
    assert adam.step_bound(**kwargs) == pytest.approx(bound, rel=1e-12)


def test_ravine_paths_hyperparameters() -> None:
    """Second steps on the ravine pin the runs: momentum (η 0.005, λ 0.8) moves (0.0359, −0.3875);
    RMSprop (η 0.1, α 0.9) moves 0.1·3.9/√(0.9·16 + 0.1·3.9²) along x; Adam (lr 0.1) starts with
    (0.1, −0.1); each path has 81 iterates."""
    paths = adam.ravine_paths()
    assert {name: path.shape for name, path in paths.items()} == {
        "momentum": (81, 2), "rmsprop": (81, 2), "adam": (81, 2)}
    np.testing.assert_allclose(np.diff(paths["momentum"][:3], axis=0),
                               [[0.02, -0.25], [0.0359, -0.3875]], rtol=1e-12)
    assert paths["rmsprop"][2, 0] - paths["rmsprop"][1, 0] == pytest.approx(
        0.1 * 3.9 / np.sqrt(0.9 * 16 + 0.1 * 3.9**2), rel=1e-12)


def test_silence_gradients() -> None:
    """loud = 2, quiet = 3 gives 1, 1, 0, 0, 0, 1 as a column; the default has 10 001 rows."""
    assert adam.silence_gradients(loud=2, quiet=3)[:, 0].tolist() == [1, 1, 0, 0, 0, 1]
    grads = adam.silence_gradients()
    assert (grads.shape, grads[99, 0], grads[100, 0], grads[-2, 0], grads[-1, 0]) == (
        (10_001, 1), 1.0, 0.0, 0.0, 1.0)


def test_spray_rmsprop_first_two_steps() -> None:
    """Fed g = 1, 0.5 with η = 0.1, HY's RMSprop steps 0.1, then 0.1·0.5/√(0.9 + 0.1·0.25)."""
    steps = adam.spray_steps(np.array([[1.0], [0.5]]), lr=0.1)["rmsprop"]
    assert steps.tolist() == pytest.approx([0.1, 0.05 / np.sqrt(0.925)], rel=1e-12)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bias_correction_figure(lang: str) -> None:
    """The bias-correction figure has two curves, with and without correction."""
    fig = adam.bias_correction_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 2


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ravine_figure(lang: str) -> None:
    """The ravine figure has three paths and the minimum's star."""
    fig = adam.ravine_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 4


@pytest.mark.parametrize("lang", LANGUAGES)
def test_spray_figure(lang: str) -> None:
    """The spray figure has four step curves, four end dots and the η line."""
    fig = adam.spray_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 9


# --- explorable: any β₁, β₂, with or without bias correction ---

BETA1_GRID = tuple((500 + 25 * k) / 1000 for k in range(20))  # 0.5, 0.525, …, 0.975
EPS = 1e-8  # torch's ε, which the frame keeps


def uncorrected_steps(beta1: float, beta2: float) -> np.ndarray:
    """Steps / lr t = 1 … 3000 under g = 1 without correction, in closed form: m = 1 − β₁ᵗ and
    v = 1 − β₂ᵗ, so the step is (1 − β₁ᵗ)/(√(1 − β₂ᵗ) + ε)."""
    t = np.arange(1.0, 3001.0)
    return (1 - beta1**t) / (np.sqrt(1 - beta2**t) + EPS)


def beta2_grid() -> tuple[float, ...]:
    """β₂ from the slider, checked against its end points in the grid test."""
    return adam.bias_correction_explorable().sliders[1].values


def test_bias_correction_explorable_grid() -> None:
    """β₁ = 0.5, 0.525, …, 0.975; 20 values of β₂ with 1 − β₂ = 10⁻¹ … 10^(−1−19/6), among
    them 0.99 and 0.999; correction a 0/1 toggle, off at first, as in the static figure."""
    beta1, beta2, corrected = adam.bias_correction_explorable().sliders
    assert (beta1.name, beta1.values, beta1.initial) == ("beta1", BETA1_GRID, 0.9)
    assert (beta2.name, beta2.initial, len(beta2.values)) == ("beta2", 0.999, 20)
    assert (beta2.values[0], beta2.values[-1]) == (0.9, round(1 - 10 ** (-1 - 19 / 6), 6))
    assert {0.99, 0.999} <= set(beta2.values) and list(beta2.values) == sorted(beta2.values)
    assert (corrected.name, corrected.values, corrected.toggle, corrected.initial) == (
        "corrected", (0.0, 1.0), True, 0.0)


def test_bias_correction_frame_uncorrected_series() -> None:
    """Without correction (β₁ = 0.9, β₂ = 0.999) the dashed line is (t, (1 − 0.9ᵗ)/(√(1 −
    0.999ᵗ) + ε)) at t = 1 … 20 (every step near the peak) and on, up to t = 3000."""
    (series,) = adam.bias_correction_frame(beta1=0.9, beta2=0.999, corrected=0.0).series
    t = series.points[:, 0]
    assert t[:20].tolist() == list(range(1, 21)) and t[-1] == 3000.0
    assert np.all(np.diff(t) >= 1) and np.all(t == np.round(t)) and len(t) <= 160
    assert series.points[:, 1] == pytest.approx(uncorrected_steps(0.9, 0.999)[t.astype(int) - 1],
                                                rel=1e-10)
    assert (series.panel, series.style, series.color) == (0, "dashed", COLORS["neutral"])


def test_bias_correction_frame_corrected_series() -> None:
    """With correction the line is Adam's solid line at 1/(1 + ε) for every t drawn."""
    (series,) = adam.bias_correction_frame(beta1=0.9, beta2=0.999, corrected=1.0).series
    assert series.points[:, 1] == pytest.approx(np.full(len(series.points), 1 / (1 + EPS)),
                                                rel=1e-12)
    assert series.points[-1, 0] == 3000.0
    assert (series.panel, series.style, series.color) == (0, "line", COLORS["adam"])


@pytest.mark.parametrize(("beta1", "beta2_index"),
                         [(0.9, k) for k in range(1, 20)] + [(b, 12) for b in BETA1_GRID])
def test_bias_correction_frame_uncorrected_numbers(beta1: float, beta2_index: int) -> None:
    """Without correction: first step (1 − β₁)/(√(1 − β₂) + ε), and the closed form's largest
    step and its t, for β₂ > β₁, where the steps overshoot 1 and peak (β₂[12] = 0.999)."""
    beta2 = beta2_grid()[beta2_index]
    steps = uncorrected_steps(beta1, beta2)
    numbers = adam.bias_correction_frame(beta1=beta1, beta2=beta2, corrected=0.0).numbers
    assert numbers["first"] == pytest.approx((1 - beta1) / (np.sqrt(1 - beta2) + EPS), rel=1e-12)
    assert numbers["largest"] == pytest.approx(steps.max(), rel=1e-10)
    assert numbers["largest_at"] == float(np.argmax(steps) + 1)


@pytest.mark.parametrize(("beta1", "beta2"), [(0.9, 0.9), (0.975, 0.9), (0.975, 0.968377)])
def test_bias_correction_frame_largest_without_overshoot(beta1: float, beta2: float) -> None:
    """For β₂ ≤ β₁ the uncorrected steps rise to 1/(1 + ε) without passing it: that is the
    largest step."""
    numbers = adam.bias_correction_frame(beta1=beta1, beta2=beta2, corrected=0.0).numbers
    assert numbers["largest"] == pytest.approx(1 / (1 + EPS), rel=1e-12)
    assert np.all(np.diff(uncorrected_steps(beta1, beta2)[:300]) > 0)


def test_bias_correction_frame_plateau_is_first_reached_where_it_levels_off() -> None:
    """β₁ = β₂ = 0.9: the steps (1 − 0.9ᵗ)/√(1 − 0.9ᵗ) = √(1 − 0.9ᵗ) rise to 1 with no peak;
    the box names the first t within a millionth of it, √(1 − q) ≥ 1 − 10⁻⁶ for q = 0.9ᵗ below
    about 2·10⁻⁶: t = 125, not a last-digit wobble near t = 1000."""
    assert 0.9**124 > 2e-6 > 0.9**125
    numbers = adam.bias_correction_frame(beta1=0.9, beta2=0.9, corrected=0.0).numbers
    assert numbers["largest_at"] == 125.0


@pytest.mark.parametrize(("beta1", "beta2_index"),
                         [(0.9, k) for k in range(20)] + [(b, 0) for b in BETA1_GRID]
                         + [(b, 19) for b in BETA1_GRID])
def test_bias_correction_frame_corrected_numbers(beta1: float, beta2_index: int) -> None:
    """Page: "Turn the correction on and every step is lr, whatever β₁ and β₂": m̂ = v̂ = 1, so
    the first and the largest step are 1/(1 + ε), 1 to the box's three digits."""
    beta2 = beta2_grid()[beta2_index]
    numbers = adam.bias_correction_frame(beta1=beta1, beta2=beta2, corrected=1.0).numbers
    assert numbers["first"] == pytest.approx(1 / (1 + EPS), rel=1e-12)
    assert numbers["largest"] == pytest.approx(1 / (1 + EPS), rel=1e-12)


def test_bias_correction_frame_corrected_largest_is_the_first() -> None:
    """With correction all 3000 steps are 1/(1 + ε) exactly in real arithmetic, so the
    largest is already the first: the box should say t = 1, not a t picked by rounding."""
    numbers = adam.bias_correction_frame(beta1=0.9, beta2=0.999, corrected=1.0).numbers
    assert numbers["largest_at"] == 1.0


def test_bias_correction_frame_page_values() -> None:
    """Page: "without bias correction and β₁ = 0.9, the first step is 3.16 lr with β₂ = 0.999
    but exactly lr with β₂ = 0.99, whose largest step is then 2.13 lr at step 13": √10 = 3.16;
    0.1/(0.1 + ε) = 1 − 10⁻⁷, which the box prints as 1."""
    default = adam.bias_correction_frame(beta1=0.9, beta2=0.999, corrected=0.0).numbers
    assert round(float(default["first"]), 2) == 3.16
    numbers = adam.bias_correction_frame(beta1=0.9, beta2=0.99, corrected=0.0).numbers
    assert numbers["first"] == pytest.approx(1 - 1e-7, rel=1e-12)
    assert (round(float(numbers["largest"]), 2), numbers["largest_at"]) == (2.13, 13.0)


def test_bias_correction_frame_matches_the_caption() -> None:
    """Caption and text: without correction the steps "peak near 6.6 lr around iteration 12"
    (6.57 at t = 12) "and return to lr after a few thousand": t = 3000 is within 3 % of lr."""
    frame = adam.bias_correction_frame(beta1=0.9, beta2=0.999, corrected=0.0)
    numbers = frame.numbers
    assert (round(float(numbers["largest"]), 1), numbers["largest_at"]) == (6.6, 12.0)
    assert 1 < frame.series[0].points[-1, 1] < 1.03
