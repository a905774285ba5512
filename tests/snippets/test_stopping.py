"""The six stopping conditions and condition 5 stopping too early (brief C2)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import stopping
from snippets.core import descend_1d

LANGS = ("en", "ru", "zh")
DEMO_FIRINGS = {4: 14, 2: 16, 5: 53, 3: 64, 6: 74, 1: 500}


@pytest.fixture
def run() -> stopping.Run:
    """The demo run: 500 GD steps with h = 0.5 on the line data."""
    return stopping.fit_line()


def test_run_starts_at_origin(run: stopping.Run) -> None:
    """The run starts at θ = (0, 0) and records T + 1 iterates."""
    assert np.array_equal(run.params[0], [0.0, 0.0])
    assert run.params.shape == (501, 2)
    assert run.loss.shape == run.metric.shape == (501,)


def test_gradient_matches_finite_differences() -> None:
    """mse_grad agrees with central differences of mse."""
    x, y = stopping.line_data()
    theta, h = np.array([0.7, -0.3]), 1e-6
    numeric = [(stopping.mse(theta + h * e, x, y) - stopping.mse(theta - h * e, x, y)) / (2 * h)
               for e in np.eye(2)]
    assert stopping.mse_grad(theta, x, y) == pytest.approx(numeric, rel=1e-6)


def test_run_converges_to_least_squares(run: stopping.Run) -> None:
    """After 500 steps θ is the least-squares line (to 1e-6)."""
    x, y = stopping.line_data()
    exact, *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    assert run.params[-1] == pytest.approx(exact, rel=1e-6)


@pytest.mark.parametrize(("number", "expected"), sorted(DEMO_FIRINGS.items()))
def test_condition_fires_at_brief_iteration(run: stopping.Run, number: int, expected: int) -> None:
    """Each condition first holds at the iteration the brief lists (14, 16, 53, 64, 74, 500)."""
    assert stopping.first_firing(stopping.demo_conditions(run)[number]) == expected


def test_demo_firings_are_not_on_a_knife_edge(run: stopping.Run) -> None:
    """At t and t − 1 each watched value is ≥ 0.3 % from its threshold (R² taken as 1 − R²)."""
    change = np.abs(np.diff(run.loss))
    steps = np.linalg.norm(np.diff(run.params, axis=0), axis=1)
    window = np.abs(run.loss[10:] - run.loss[:-10])
    watched = [  # (value at t − 1, value at t, threshold)
        (run.loss[13], run.loss[14], 0.02),
        (1 - run.metric[15], 1 - run.metric[16], 0.05),  # R² itself is only 0.22 % off 0.95
        (change[51], change[52], 1e-5),
        (steps[62], steps[63], 1e-3),
        (window[63], window[64], 1e-5),
    ]
    for before, at, threshold in watched:
        assert abs(before - threshold) >= 3e-3 * threshold
        assert abs(at - threshold) >= 3e-3 * threshold
        assert (before - threshold) * (at - threshold) < 0


def test_all_six_together_stop_at_the_earliest(run: stopping.Run) -> None:
    """Checking all six, the run stops at 14, when the loss threshold is met."""
    assert stopping.stopping_iteration(list(stopping.demo_conditions(run).values())) == 14


def test_unreachable_threshold_never_fires(run: stopping.Run) -> None:
    """L ≤ 0.001 is below the best line's loss 0.004916, so condition 4 never fires."""
    assert run.loss.min() == pytest.approx(0.004916053694, rel=1e-6)
    assert stopping.first_firing(stopping.small_loss(run.loss, eps=1e-3)) is None


def test_best_line_r2_is_below_099(run: stopping.Run) -> None:
    """The least-squares line reaches R² = 0.98561 only, so R² ≥ 0.99 is out of reach."""
    assert run.metric.max() == pytest.approx(0.9856065881, rel=1e-6)


def test_iteration_limit_is_the_backstop(run: stopping.Run) -> None:
    """With only unreachable conditions besides it, condition 1 is what stops the run."""
    masks = [stopping.small_loss(run.loss, eps=1e-3),
             stopping.metric_reached(run.metric, target=0.99),
             stopping.iteration_limit(len(run.loss), t_max=500)]
    assert stopping.stopping_iteration(masks) == 500


def test_window_condition_compares_m_steps_back() -> None:
    """Condition 6 holds at t only when |L(t − m) − L(t)| ≤ ε, and never before t = m."""
    loss = np.array([5.0, 4.0, 3.9, 3.85, 3.849, 3.8489])
    assert stopping.no_progress(loss, window=2, eps=0.06).tolist() == [
        False, False, False, False, True, True]


def test_exponential_stops_at_98() -> None:
    """On e^{−x} with ε = 1e-4, condition 5 fires at t = 98, x = 4.621, L = 0.00984."""
    xs, loss = stopping.exponential_run()
    stop = stopping.first_firing(stopping.small_change(loss, eps=1e-4))
    assert stop == 98
    assert xs[stop] == pytest.approx(4.621034855, rel=1e-6)
    assert loss[stop] == pytest.approx(0.009842605, rel=1e-6)


def test_exponential_keeps_falling_after_the_stop() -> None:
    """10 000 more steps take e^{−x} from 0.00984 to 9.9e-5, about 100 times lower."""
    _, loss = stopping.exponential_run()
    assert loss[98 + 10_000] == pytest.approx(9.897e-5, rel=1e-3)
    assert loss[98] / loss[98 + 10_000] > 99


def test_flat_parabola_stops_after_one_step() -> None:
    """On 0.0005·x² from 30 with ε = 1e-3, condition 5 fires at t = 1, with L₁/L₀ = 0.998."""
    _, loss = stopping.flat_parabola_run()
    assert stopping.first_firing(stopping.small_change(loss, eps=1e-3)) == 1
    assert loss[1] / loss[0] == pytest.approx(0.998001, rel=1e-6)


def test_flat_parabola_needs_3054_steps_for_small_loss() -> None:
    """Reaching L ≤ 1e-3 on the flat parabola takes 3054 iterations."""
    _, loss = stopping.flat_parabola_run()
    assert stopping.first_firing(loss <= 1e-3) == 3054


def test_iteration_limit_at_equality() -> None:
    """(1) with T_max = 2 on 4 iterates: t = 0, 1 go on, t = 2 (equality) and 3 stop."""
    assert stopping.iteration_limit(4, t_max=2).tolist() == [False, False, True, True]


def test_metric_reached_at_equality() -> None:
    """(2) with target 0.75: 0.5 goes on, 0.75 (equality) and 0.875 stop."""
    mask = stopping.metric_reached(np.array([0.5, 0.75, 0.875]), target=0.75)
    assert mask.tolist() == [False, True, True]


def test_small_step_at_equality() -> None:
    """(3) steps of 5, 0.5 and 0.25 with ε = 0.5: never at t = 0, then no, yes (equality), yes."""
    params = np.array([[0.0, 0.0], [3.0, 4.0], [3.0, 4.5], [3.25, 4.5]])
    assert stopping.small_step(params, eps=0.5).tolist() == [False, False, True, True]


def test_small_loss_at_equality() -> None:
    """(4) with ε = 0.25: 0.5 goes on, 0.25 (equality) and 0.125 stop."""
    assert stopping.small_loss(np.array([0.5, 0.25, 0.125]), eps=0.25).tolist() == [
        False, True, True]


def test_small_change_at_equality() -> None:
    """(5) losses 1, 0.5, 0.25, 0.5 change by 0.5, 0.25, 0.25 (up): ε = 0.25 stops the last two."""
    mask = stopping.small_change(np.array([1.0, 0.5, 0.25, 0.5]), eps=0.25)
    assert mask.tolist() == [False, False, True, True]


def test_no_progress_at_equality() -> None:
    """(6) m = 2, ε = 0.25: |L(t) − L(t−2)| is 0.5, 0.25, 0.25 at t = 2, 3, 4 (the last upward)."""
    mask = stopping.no_progress(np.array([1.0, 0.75, 0.5, 0.5, 0.75]), window=2, eps=0.25)
    assert (mask.dtype, mask.tolist()) == (np.bool_, [False, False, False, True, True])


def test_first_firing_and_stopping_iteration() -> None:
    """The first True is found, None when there is none, and the run stops at the earliest mask."""
    assert stopping.first_firing(np.array([False, False, True, True])) == 2
    assert stopping.first_firing(np.array([True, False])) == 0
    assert stopping.first_firing(np.zeros(3, dtype=bool)) is None
    masks = [np.array([False, False, False, True]), np.array([False, True, False, False])]
    assert stopping.stopping_iteration(masks) == 1


def test_line_data_by_hand() -> None:
    """50 inputs from 0 to 1; y(0) = 1 and y(1) = 3 + 0.1·sin 37 = 2.9356462."""
    x, y = stopping.line_data()
    assert (x.shape, x[0], x[-1]) == ((50,), 0.0, 1.0)
    assert y[0] == 1.0
    assert y[-1] == pytest.approx(3.0 + 0.1 * np.sin(37.0), rel=1e-15)
    assert y[-1] == pytest.approx(2.9356462, rel=1e-7)
    assert stopping.line_data(n=3)[0].tolist() == [0.0, 0.5, 1.0]


def test_mse_gradient_and_r2_by_hand() -> None:
    """x = (0, 1), y = (1, 3), θ = (1, 0): residuals (−1, −2), MSE 2.5, ∇ = (−2, −3),
    R² = 1 − 5/2 = −1.5; the exact line θ = (2, 1) has MSE 0 and R² 1."""
    x, y = np.array([0.0, 1.0]), np.array([1.0, 3.0])
    theta = np.array([1.0, 0.0])
    assert stopping.mse(theta, x, y) == 2.5
    assert stopping.mse_grad(theta, x, y).tolist() == [-2.0, -3.0]
    assert stopping.r_squared(theta, x, y) == -1.5
    exact = np.array([2.0, 1.0])
    assert (stopping.mse(exact, x, y), stopping.r_squared(exact, x, y)) == (0.0, 1.0)


def test_fit_line_first_step() -> None:
    """From (0, 0) with h = 0.5 the first step is −0.5·∇ = (mean(x·y), mean(y))."""
    x, y = stopping.line_data()
    run = stopping.fit_line(steps=1)
    assert run.params[1].tolist() == pytest.approx([np.mean(x * y), np.mean(y)], rel=1e-12)
    assert run.loss[0] == pytest.approx(np.mean(y**2), rel=1e-12)
    assert run.metric[0] == pytest.approx(1 - np.sum(y**2) / np.sum((y - y.mean()) ** 2),
                                          rel=1e-12)


def test_descend_1d_by_hand() -> None:
    """GD on f' = 2x from 1 with h = 0.25 halves x: 1, 0.5, 0.25."""
    assert descend_1d(lambda x: 2 * x, 1.0, lr=0.25, steps=2).tolist() == [1.0, 0.5, 0.25]


def test_exponential_and_flat_runs_first_steps() -> None:
    """e^{−x} from 0 with h = 1: x¹ = 1, L¹ = e^{−1}; 0.0005x² from 30: x¹ = 30 − 0.03 = 29.97."""
    xs, loss = stopping.exponential_run(steps=1)
    assert xs.tolist() == [0.0, 1.0]
    assert loss.tolist() == pytest.approx([1.0, np.exp(-1.0)], rel=1e-15)
    xs, loss = stopping.flat_parabola_run(steps=1)
    assert xs.tolist() == pytest.approx([30.0, 29.97], rel=1e-15)
    assert loss.tolist() == pytest.approx([0.45, 0.0005 * 29.97**2], rel=1e-15)
    assert len(stopping.exponential_run()[0]) == 10_099
    assert len(stopping.flat_parabola_run()[0]) == 3_501


@pytest.mark.parametrize("lang", LANGS)
def test_six_conditions_figure(lang: str) -> None:
    """The loss curve plus one vertical line per condition."""
    fig = stopping.six_conditions_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 7


@pytest.mark.parametrize("lang", LANGS)
def test_early_stop_figure(lang: str) -> None:
    """Left: curve, iterates and two markers; right: loss and two vertical lines."""
    fig = stopping.early_stop_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [4, 3]
