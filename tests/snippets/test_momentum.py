"""Momentum: the three forms, the unrolled sum, and escaping the small pit (brief C9, C14)."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import gradient_descent, momentum
from snippets.core import fed_path, trajectory
from snippets.surfaces import ravine_grad

START = np.array([-4.0, 1.0])


def buffer(state: momentum.State) -> np.ndarray:
    """The accumulated movement (torch's buffer b) of a momentum state."""
    return state.m


def _path(update: Callable[..., momentum.State], steps: int = 200) -> np.ndarray:
    return trajectory(momentum.init, update, momentum.params, ravine_grad, START, steps=steps)


def test_unrolled_sum_equals_recursion() -> None:
    """mᵗ = −η Σ λ^(t−1−i) gⁱ gives the same movements as m ← λm − ηg."""
    grads = np.random.default_rng(0).normal(size=(50, 3))
    states = [momentum.init(np.zeros(3))]
    for g in grads:
        states.append(momentum.update(states[-1], g, lr=0.07, momentum=0.8))
    recursive = np.array([s.m for s in states[1:]])
    np.testing.assert_allclose(momentum.unrolled_movement(grads, lr=0.07, momentum=0.8),
                               recursive, rtol=1e-12, atol=1e-15)


def test_torch_form_matches_hung_yi_on_a_trajectory() -> None:
    """torch's b = μb + g, θ −= lr·b retraces Hung-yi's path to about 1e-15."""
    hung_yi = _path(partial(momentum.update, lr=0.01, momentum=0.9))
    torch = _path(partial(momentum.update_torch, lr=0.01, momentum=0.9))
    assert np.abs(hung_yi - torch).max() <= 2e-15


def test_sutskever_form_matches_hung_yi_on_a_trajectory() -> None:
    """Sutskever's v = μv + lr·g, θ −= v retraces Hung-yi's path to about 1e-15."""
    hung_yi = _path(partial(momentum.update, lr=0.01, momentum=0.9))
    sutskever = _path(partial(momentum.update_sutskever, lr=0.01, momentum=0.9))
    assert np.abs(hung_yi - sutskever).max() <= 2e-15


def test_buffers_differ_only_by_the_factor_minus_lr() -> None:
    """At constant lr, Hung-yi's m equals −lr·b (torch) and −v (Sutskever)."""
    grads = np.random.default_rng(1).normal(size=(30, 2))
    hy, to, su = momentum.init(np.zeros(2)), momentum.init(np.zeros(2)), momentum.init(np.zeros(2))
    for g in grads:
        hy = momentum.update(hy, g, lr=0.03, momentum=0.9)
        to = momentum.update_torch(to, g, lr=0.03, momentum=0.9)
        su = momentum.update_sutskever(su, g, lr=0.03, momentum=0.9)
        np.testing.assert_allclose(hy.m, -0.03 * to.m, rtol=1e-12)
        np.testing.assert_allclose(hy.m, -su.m, rtol=1e-12)


def test_zero_momentum_is_plain_gradient_descent() -> None:
    """With λ = 0 the update is exactly x ← x − ηg."""
    with_momentum = _path(partial(momentum.update, lr=0.02, momentum=0.0), steps=50)
    plain = trajectory(gradient_descent.init, partial(gradient_descent.update, lr=0.02),
                       gradient_descent.params, ravine_grad, START, steps=50)
    np.testing.assert_array_equal(with_momentum, plain)


def test_constant_slope_gives_terminal_velocity() -> None:
    """On a constant gradient g the movement tends to −ηg/(1−λ), ten steps' worth for λ = 0.9."""
    state = momentum.init(np.zeros(1))
    for _ in range(500):
        state = momentum.update(state, np.array([2.0]), lr=0.01, momentum=0.9)
    assert state.m[0] == pytest.approx(-0.01 * 2.0 / (1 - 0.9), rel=1e-6)


def test_pit_gradient_matches_finite_differences() -> None:
    """pit_grad is the derivative of pit (central differences, tol 1e-6)."""
    xs = np.linspace(-6.0, 1.0, 29)
    h = 1e-6
    numeric = (momentum.pit(xs + h) - momentum.pit(xs - h)) / (2 * h)
    np.testing.assert_allclose(momentum.pit_grad(xs), numeric, atol=1e-6)


def test_pit_critical_points() -> None:
    """Local minimum −2.889 (f 0.368), barrier top −2.414 (f 0.509), global minimum 0."""
    points = momentum.pit_critical_points()
    np.testing.assert_allclose(points, [-2.889, -2.414, 0.0], atol=5e-4)
    np.testing.assert_allclose(momentum.pit(points), [0.368, 0.509, 0.0], atol=5e-4)


def test_pit_critical_points_on_coarse_grids() -> None:
    """A 2-point grid on [−7, 2] sees one sign change (pit' goes − to +) and bisects to −2.889;
    a 4-point grid on [−3.5, −2] (step 0.5) brackets the pit and the barrier separately."""
    assert momentum.pit_critical_points(resolution=2).tolist() == pytest.approx([-2.8885867],
                                                                                 abs=1e-7)
    assert momentum.pit_critical_points(lo=-3.5, hi=-2.0, resolution=4).tolist() == pytest.approx(
        [-2.8885867, -2.4138269], abs=1e-7)


def test_plain_gd_stops_in_the_pit_for_every_step_and_start() -> None:
    """GD with h ∈ {0.01, 0.05, 0.1} from each x₀ ∈ {−7, −6, −5, −4.5, −4} ends at −2.889."""
    local_minimum = momentum.pit_critical_points()[0]
    ends = momentum.sweep(momentum=0.0)
    assert ends.shape == (3, 5)
    np.testing.assert_allclose(ends, local_minimum, rtol=1e-6)


def test_momentum_09_reaches_the_global_minimum_for_every_step_and_start() -> None:
    """Momentum λ = 0.9 with η ∈ {0.01, 0.05, 0.1} ends at 0 from every start."""
    np.testing.assert_allclose(momentum.sweep(momentum=0.9), 0.0, atol=1e-6)


def test_momentum_05_stays_in_the_pit() -> None:
    """Momentum λ = 0.5 is too short-lived: every run ends at −2.889."""
    local_minimum = momentum.pit_critical_points()[0]
    np.testing.assert_allclose(momentum.sweep(momentum=0.5), local_minimum, rtol=1e-6)


def test_torch_buffer_ignores_the_learning_rate() -> None:
    """torch's b depends on the gradients only, so any lr schedule leaves it unchanged."""
    grads = np.random.default_rng(2).normal(size=(20, 2))

    torch = partial(momentum.update_torch, momentum=0.9)
    slow = fed_path(momentum.init, torch, buffer, grads, lrs=[0.001] * 20)
    fast = fed_path(momentum.init, torch, buffer, grads, lrs=np.linspace(0.5, 0.01, 20))
    np.testing.assert_array_equal(slow, fast)


def test_torch_step_takes_the_new_lr_at_once() -> None:
    """After η drops tenfold, every torch step is exactly a tenth of the undropped one."""
    dropped = momentum.lr_drop_steps(steps=60, drop_at=30)["torch"]
    kept = momentum.lr_drop_steps(steps=60, drop_at=60)["torch"]
    np.testing.assert_allclose(dropped[30:], 0.1 * kept[30:], rtol=1e-12)


def test_hung_yi_step_still_carries_the_old_lr() -> None:
    """Right after the drop Hung-yi's step is over 5× torch's: m still holds η = 0.1."""
    steps = momentum.lr_drop_steps(steps=60, drop_at=30)
    np.testing.assert_allclose(steps["hung-yi"][:30], steps["torch"][:30], rtol=1e-12)
    assert steps["hung-yi"][30] > 5 * steps["torch"][30]


def test_init_starts_at_rest() -> None:
    """init keeps x₀ and starts the movement as float zeros of its shape."""
    state = momentum.init(np.array([1.0, 2.0]))
    assert (state.m.dtype, state.m.tolist(), state.x.tolist()) == (np.float64, [0.0, 0.0],
                                                                   [1.0, 2.0])


def test_three_forms_two_steps_by_hand() -> None:
    """g = 2 then 1, η = 0.1, λ = μ = 0.5: HY m = −0.2, −0.2; torch b = 2, 2; Sutskever v = 0.2,
    0.2; every form moves x to −0.2, then −0.4."""
    forms = {
        "hy": (partial(momentum.update, lr=0.1, momentum=0.5), [-0.2, -0.2]),
        "torch": (partial(momentum.update_torch, lr=0.1, momentum=0.5), [2.0, 2.0]),
        "sutskever": (partial(momentum.update_sutskever, lr=0.1, momentum=0.5), [0.2, 0.2]),
    }
    for update, buffers in forms.values():
        first = update(momentum.init(np.zeros(1)), np.array([2.0]))
        second = update(first, np.array([1.0]))
        assert [first.m[0], second.m[0]] == pytest.approx(buffers, rel=1e-15)
        assert [first.x[0], second.x[0]] == pytest.approx([-0.2, -0.4], rel=1e-15)


def test_forms_weigh_the_old_buffer_by_lambda() -> None:
    """g = 1 then 0, η = 1, λ = μ = 0.25: the second movement is a quarter of the first."""
    for update in (partial(momentum.update, lr=1.0, momentum=0.25),
                   partial(momentum.update_torch, lr=1.0, momentum=0.25),
                   partial(momentum.update_sutskever, lr=1.0, momentum=0.25)):
        first = update(momentum.init(np.zeros(1)), np.array([1.0]))
        second = update(first, np.array([0.0]))
        assert [first.x[0], second.x[0]] == pytest.approx([-1.0, -1.25], rel=1e-15)


def test_unrolled_movement_by_hand() -> None:
    """g = 1, 2, 4 with η = 1, λ = 0.5: m = −1, −(0.5 + 2) = −2.5, −(0.25 + 1 + 4) = −5.25."""
    movements = momentum.unrolled_movement(np.array([[1.0], [2.0], [4.0]]), lr=1.0, momentum=0.5)
    assert movements[:, 0].tolist() == [-1.0, -2.5, -5.25]


def test_pit_values_by_hand() -> None:
    """pit(−3) = 0.1·9 − 0.5 = 0.4; pit(−2.7) = 0.729 − 0.5·e^(−0.5); pit'(−6) = −1.2 (the bump
    is e^(−50) there); pit'(−2.7) = −0.54 + 0.5·0.3/0.09·e^(−0.5) = 0.470877."""
    assert momentum.pit(np.array([-3.0, -2.7])).tolist() == pytest.approx(
        [0.4, 0.729 - 0.5 * np.exp(-0.5)], rel=1e-12)
    assert momentum.pit_grad(np.array([-6.0, -2.7])).tolist() == pytest.approx(
        [-1.2, -0.54 + 0.5 * 0.3 / 0.09 * np.exp(-0.5)], rel=1e-12)


def test_escape_paths_first_steps() -> None:
    """From x₀ = −6 with η = 0.05: x¹ = −6 + 0.05·1.2 = −5.94 for every λ; then
    x² = −5.94 + 0.06λ + 0.05·1.188, i.e. −5.8806 (λ 0), −5.8506 (λ 0.5), −5.8266 (λ 0.9)."""
    paths = momentum.escape_paths(steps=2)
    assert {name: path.tolist() for name, path in paths.items()} == {
        "gd": pytest.approx([-6.0, -5.94, -5.8806], rel=1e-12),
        "momentum_weak": pytest.approx([-6.0, -5.94, -5.8506], rel=1e-12),
        "momentum": pytest.approx([-6.0, -5.94, -5.8266], rel=1e-12),
    }


def test_escape_paths_end_where_the_caption_says() -> None:
    """After the figure's 120 steps λ = 0 and λ = 0.5 sit in the pit at −2.889, λ = 0.9 near 0."""
    paths = momentum.escape_paths()
    assert {name: len(path) for name, path in paths.items()} == {
        "gd": 121, "momentum_weak": 121, "momentum": 121}
    assert paths["gd"][-1] == pytest.approx(-2.8886, abs=1e-4)
    assert paths["momentum_weak"][-1] == pytest.approx(-2.8886, abs=1e-4)
    assert abs(paths["momentum"][-1]) < 0.01


def test_fed_path_with_a_schedule_by_hand() -> None:
    """One gradient 2 with lr 0.25 and λ = 0.5: states at 0, then −0.5; lengths must match."""
    step = partial(momentum.update, momentum=0.5)
    path = fed_path(momentum.init, step, momentum.params, np.array([[2.0]]), lrs=[0.25])
    assert path.tolist() == [[0.0], [-0.5]]
    with pytest.raises(ValueError, match="zip"):
        fed_path(momentum.init, step, momentum.params, np.array([[2.0], [1.0]]), lrs=[0.25])


def test_lr_drop_steps_by_hand() -> None:
    """Under g = 1 with λ = μ = 0.9 the steps are 0.1, 0.19, …; step 31 is 0.1·(1 − 0.9³¹)
    for torch and 0.9·(1 − 0.9³⁰) + 0.01 for Hung-yi's form."""
    steps = momentum.lr_drop_steps()
    assert {name: len(value) for name, value in steps.items()} == {"hung-yi": 60, "torch": 60}
    for name in ("hung-yi", "torch"):
        assert steps[name][:2].tolist() == pytest.approx([0.1, 0.19], rel=1e-12)
        assert steps[name][29] == pytest.approx(1 - 0.9**30, rel=1e-12)
    assert steps["torch"][30] == pytest.approx(0.1 * (1 - 0.9**31), rel=1e-12)
    assert steps["hung-yi"][30] == pytest.approx(0.9 * (1 - 0.9**30) + 0.01, rel=1e-12)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_escape_figure(lang: str) -> None:
    """The escape figure has the curve with two iterate sets, and three runs plus two levels."""
    fig = momentum.escape_figure(lang)
    ax_f, ax_x = fig.axes
    assert isinstance(fig, Figure)
    assert (len(ax_f.lines), len(ax_x.lines)) == (3, 5)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_lr_drop_figure(lang: str) -> None:
    """The lr-drop figure has the two forms' step lengths and the drop marker."""
    fig = momentum.lr_drop_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 3


# --- the explorable: any λ and η from x₀ = −6 on the pit ---

MOMENTUM_GRID = tuple(k / 20 for k in range(20))  # 0, 0.05, …, 0.95
LR_GRID = tuple(k / 200 for k in range(1, 21))  # 0.005, 0.010, …, 0.1


def pit_slope(x: float) -> float:
    """f′ of f = 0.1x² − 0.5·exp(−(x + 3)²/0.18), written out: 0.2x + 0.5(x + 3)/0.09·bump."""
    return 0.2 * x + 0.5 * (x + 3) / 0.3**2 * math.exp(-((x + 3) ** 2) / (2 * 0.3**2))


def hand_escape(lam: float, lr: float, steps: int = 120) -> list[float]:
    """x₀ … x_steps of m ← λm − ηf′(x), x ← x + m from x₀ = −6, m = 0, one float at a time."""
    x, m, path = -6.0, 0.0, [-6.0]
    for _ in range(steps):
        m = lam * m - lr * pit_slope(x)
        x += m
        path.append(x)
    return path


def pit_bottom() -> float:
    """The pit's local minimum by bisection of f′ on [−3, −2.6], where f′ goes from − to +."""
    lo, hi = -3.0, -2.6
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if pit_slope(mid) < 0 else (lo, mid)
    return (lo + hi) / 2


# The real minimum x* of the bowl: f′(0) = 0.5·3/0.09·e⁻⁵⁰ ≈ 3.2·10⁻²¹ and f″ ≈ 0.2 there, so
# x* ≈ −1.6·10⁻²⁰: 0 to every digit a distance of the box can show.
REAL_MINIMUM = 0.0


def hand_arrived(path: list[float]) -> float | str:
    """The step from which every xₜ stays within 0.1 of x*; "never" if x₁₂₀ is not."""
    far = [t for t, x in enumerate(path) if not abs(x - REAL_MINIMUM) < 0.1]
    return "never" if far[-1] == len(path) - 1 else float(far[-1] + 1)


def test_escape_explorable_grid() -> None:
    """λ = 0, 0.05, …, 0.95 and η = 0.005, 0.010, …, 0.1, starting at the figure's 0.9, 0.05."""
    sliders = momentum.escape_explorable().sliders
    assert [(s.name, s.values, s.initial) for s in sliders] == [
        ("momentum", MOMENTUM_GRID, 0.9), ("lr", LR_GRID, 0.05)]


def test_pit_bottom_by_bisection() -> None:
    """The bisection in this file puts the pit's bottom at −2.889 and the hump's top is no
    minimum: f′ < 0 left of −2.889 and > 0 right of it."""
    bottom = pit_bottom()
    assert bottom == pytest.approx(-2.88858667, abs=1e-8)
    assert pit_slope(bottom - 1e-6) < 0 < pit_slope(bottom + 1e-6)


def test_escape_frame_first_steps_by_hand() -> None:
    """λ = 0.9, η = 0.05 from −6 (f′ = 0.2x there: the bump is below e⁻⁴⁷): m¹ = 0.06,
    x¹ = −5.94; m² = 0.054 + 0.0594, x² = −5.8266; m³ = 0.10206 + 0.058266, x³ = −5.666274."""
    path = momentum.escape_frame(momentum=0.9, lr=0.05).series[-1].points
    assert path[:4] == pytest.approx(
        np.array([[0.0, -6.0], [1.0, -5.94], [2.0, -5.8266], [3.0, -5.666274]]), rel=1e-12)


@pytest.mark.parametrize(("lam", "lr"), [(0.0, 0.05), (0.5, 0.1), (0.9, 0.05), (0.95, 0.005),
                                         (0.95, 0.1), (0.75, 0.055)])
def test_escape_frame_path_is_the_hand_loop(lam: float, lr: float) -> None:
    """The drawn path is (t, xₜ), t = 0 … 120, of the loop in this file."""
    path = momentum.escape_frame(momentum=lam, lr=lr).series[-1].points
    assert path[:, 0].tolist() == list(range(121))
    assert path[:, 1] == pytest.approx(hand_escape(lam, lr), rel=1e-9, abs=1e-12)


def test_escape_frame_draws_both_minima() -> None:
    """Two dotted levels across the panel: the pit's bottom −2.889 and the real minimum 0;
    the path is a plain line; all three on the one panel."""
    frame = momentum.escape_frame(momentum=0.5, lr=0.05)
    levels, path = frame.series[:2], frame.series[2]
    xlim = momentum.escape_explorable().panels[0].xlim
    assert [s.style for s in levels] == ["dotted", "dotted"] and path.style == "line"
    assert [s.panel for s in frame.series] == [0, 0, 0]
    assert [tuple(s.points[:, 0]) for s in levels] == [xlim, xlim]
    assert levels[0].points[:, 1] == pytest.approx([pit_bottom()] * 2, rel=1e-12)
    assert levels[1].points[:, 1] == pytest.approx([REAL_MINIMUM] * 2, abs=1e-19)
    assert len(frame.series) == 3


@pytest.mark.parametrize("lam", MOMENTUM_GRID)
def test_escape_frame_numbers_at_eta_005(lam: float) -> None:
    """At η = 0.05 the box shows |x₁₂₀ − x*| and the step of arrival of the hand loop."""
    path = hand_escape(lam, 0.05)
    numbers = momentum.escape_frame(momentum=lam, lr=0.05).numbers
    assert numbers["distance"] == pytest.approx(abs(path[-1] - REAL_MINIMUM), rel=1e-9)
    assert numbers["arrived"] == hand_arrived(path)


@pytest.mark.parametrize(("lam", "lr"), [(0.7, 0.08), (0.8, 0.03), (0.85, 0.02), (0.9, 0.015),
                                         (0.95, 0.025), (0.95, 0.065), (0.75, 0.1)])
def test_escape_frame_arrival_elsewhere_on_the_grid(lam: float, lr: float) -> None:
    """Off η = 0.05 too the step of arrival is the hand loop's (118 and 119 for λ = 0.95)."""
    assert momentum.escape_frame(momentum=lam, lr=lr).numbers["arrived"] == hand_arrived(
        hand_escape(lam, lr))


def test_escape_frame_arrival_counts_from_the_last_far_step() -> None:
    """λ = 0.8, η = 0.05: x₆₇ is still 0.1 or more from 0 and x₆₈ … x₁₂₀ are not, so 68."""
    path = hand_escape(0.8, 0.05)
    assert abs(path[67]) >= 0.1 and max(abs(x) for x in path[68:]) < 0.1
    assert momentum.escape_frame(momentum=0.8, lr=0.05).numbers["arrived"] == 68.0


def test_escape_frame_diverged() -> None:
    """Off the grid, η = 5000 multiplies |x| by about 0.2η = 1000 a step, which overflows
    within 120 steps: the distance is "diverged" and the run never arrives."""
    with np.errstate(over="ignore", invalid="ignore"):
        numbers = momentum.escape_frame(momentum=0.9, lr=5000.0).numbers
    assert numbers == {"distance": "diverged", "arrived": "never"}


def test_escape_frame_diverged_at_the_last_step() -> None:
    """η = 1880 multiplies |x| by about 370 a step: x₁₁₉ ≈ 9·10³⁰⁶ is still finite, x₁₂₀ is
    not, and that alone makes the box say "diverged"."""
    with np.errstate(over="ignore", invalid="ignore"):
        frame = momentum.escape_frame(momentum=0.9, lr=1880.0)
    x = frame.series[-1].points[:, 1]
    assert np.all(np.isfinite(x[:120])) and not np.isfinite(x[120])
    assert frame.numbers["distance"] == "diverged"


def test_escape_frame_arrives_at_the_very_last_step() -> None:
    """λ = 0.95, η = 0.0435 (off the grid): x₁₁₉ = 0.108 is still far, x₁₂₀ = 0.081 is within
    0.1, so the box says 120, not "never"."""
    path = hand_escape(0.95, 0.0435)
    assert abs(path[119]) >= 0.1 > abs(path[120])
    assert momentum.escape_frame(momentum=0.95, lr=0.0435).numbers["arrived"] == 120.0


@pytest.mark.parametrize("lam", [lam for lam in MOMENTUM_GRID if lam <= 0.75])
def test_escape_frame_small_momentum_stays_in_the_pit(lam: float) -> None:
    """Page: "with η = 0.05, every λ up to 0.75 leaves x in the pit at −2.889": x₁₂₀ rounds to
    −2.889, the box shows a distance 2.89 and "never"."""
    frame = momentum.escape_frame(momentum=lam, lr=0.05)
    assert round(frame.series[-1].points[-1, 1], 3) == -2.889
    assert round(float(frame.numbers["distance"]), 2) == 2.89
    assert frame.numbers["arrived"] == "never"


@pytest.mark.parametrize(("lam", "arrived"), [(0.8, 68.0), (0.85, 37.0), (0.9, 79.0)])
def test_escape_frame_large_momentum_escapes(lam: float, arrived: float) -> None:
    """Page: "from λ = 0.8 it escapes to the real minimum": λ = 0.8, 0.85, 0.9 stay within 0.1
    of it from steps 68, 37, 79 on (the hand loop's steps)."""
    numbers = momentum.escape_frame(momentum=lam, lr=0.05).numbers
    assert numbers["arrived"] == arrived == hand_arrived(hand_escape(lam, 0.05))
    assert float(numbers["distance"]) < 0.01


def test_escape_frame_095_still_swings() -> None:
    """Page: "at λ = 0.95 it is still swinging around it after 120 steps": past the hump
    (−2.414) from step 13 on, it crosses 0 twice in the last 40 steps, ends 0.150 away,
    "never" within 0.1."""
    frame = momentum.escape_frame(momentum=0.95, lr=0.05)
    x = frame.series[-1].points[:, 1]
    assert np.all(x[13:] > -2.414) and x[12] < -2.414
    assert np.count_nonzero(np.diff(np.sign(x[-40:]))) == 2
    assert round(float(frame.numbers["distance"]), 3) == 0.150
    assert frame.numbers["arrived"] == "never"


def test_escape_frame_matches_the_caption() -> None:
    """Caption: "from x₀ = −6 with η = 0.05: gradient descent and momentum λ = 0.5 settle at
    −2.889, momentum λ = 0.9 overshoots past 0 and settles there": it reaches x = 0.86 and is
    within 0.1 of 0 from step 79 on."""
    ends = [momentum.escape_frame(momentum=lam, lr=0.05).series[-1].points[-1, 1]
            for lam in (0.0, 0.5)]
    assert [round(x, 3) for x in ends] == [-2.889, -2.889]
    frame = momentum.escape_frame(momentum=0.9, lr=0.05)
    assert round(frame.series[-1].points[:, 1].max(), 2) == 0.86
    assert frame.numbers["arrived"] == 79.0
