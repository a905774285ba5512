"""The two-minima function and the chasm of the local-minima page (brief C4)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import local_minima
from snippets.core import descend_1d
from snippets.local_minima import chasm, chasm_grad, two_minima, two_minima_grad


@pytest.fixture
def chasm_ends() -> tuple[np.ndarray, np.ndarray]:
    """The full run of the brief: 2001 starts, h = 0.005, 20 000 steps (about a second)."""
    return local_minima.chasm_run()


def test_two_minima_critical_points() -> None:
    """x⁴ − 4x² − x has critical points −1.347, −0.126 and 1.473."""
    assert local_minima.two_minima_critical_points() == pytest.approx(
        [-1.347, -0.126, 1.473], abs=5e-4)


def test_two_minima_values() -> None:
    """The left minimum has f = −2.62, the right (global) one f = −5.44."""
    low, _, high = local_minima.two_minima_critical_points()
    assert [two_minima(low), two_minima(high)] == pytest.approx([-2.62, -5.44], abs=5e-3)


def test_critical_points_are_a_minimum_a_maximum_a_minimum() -> None:
    """The second derivative 12x² − 8 is positive, negative, positive at the three points."""
    assert np.sign(12 * local_minima.two_minima_critical_points() ** 2 - 8).tolist() == [1, -1, 1]


def test_small_step_stops_in_the_near_minimum() -> None:
    """GD with h = 0.01 from −2 ends at the local minimum −1.347."""
    low, _, _ = local_minima.two_minima_critical_points()
    end = descend_1d(two_minima_grad, -2.0, lr=0.01, steps=2000)[-1]
    assert end == pytest.approx(low, rel=1e-6)


def test_large_step_jumps_the_hump() -> None:
    """GD with h = 0.08 from −2.2 reaches the global minimum 1.473."""
    _, _, high = local_minima.two_minima_critical_points()
    end = descend_1d(two_minima_grad, -2.2, lr=0.08, steps=2000)[-1]
    assert end == pytest.approx(high, rel=1e-6)


def test_large_step_result_depends_on_start() -> None:
    """The same h = 0.08 from −2.1 stays in the local minimum."""
    low, _, _ = local_minima.two_minima_critical_points()
    end = descend_1d(two_minima_grad, -2.1, lr=0.08, steps=2000)[-1]
    assert end == pytest.approx(low, rel=1e-6)


def test_from_minus_two_no_step_jumps() -> None:
    """From −2, every h in 0.005, 0.010, …, 0.095 ends in the local minimum."""
    low, _, _ = local_minima.two_minima_critical_points()
    ends = [descend_1d(two_minima_grad, -2.0, lr=lr, steps=2000)[-1]
            for lr in np.arange(1, 20) * 0.005]
    assert ends == pytest.approx(np.full(19, low), rel=1e-6)


def test_chasm_minimum_values() -> None:
    """The chasm has f(0) = −2 and its wide valleys f(±6) = −1 (to within e^−800)."""
    assert chasm(np.array([0.0, -6.0, 6.0])) == pytest.approx([-2.0, -1.0, -1.0], rel=1e-6)


def test_chasm_grad_matches_finite_differences() -> None:
    """chasm_grad agrees with a central difference of chasm, well included."""
    xs = np.array([-9.3, -6.1, -0.4, -0.07, 0.02, 0.3, 2.0, 7.7])
    step = 1e-6
    numeric = (chasm(xs + step) - chasm(xs - step)) / (2 * step)
    assert chasm_grad(xs) == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_chasm_share_of_starts(chasm_ends: tuple[np.ndarray, np.ndarray]) -> None:
    """Only 5.25% of the 2001 starts end in the chasm."""
    _, ends = chasm_ends
    assert local_minima.in_chasm(ends).mean() == pytest.approx(0.0525, abs=5e-5)


def test_chasm_is_reached_only_from_close_starts(chasm_ends: tuple[np.ndarray, np.ndarray]) -> None:
    """The starts that reach the chasm are exactly those with |x₀| ≤ 0.52."""
    starts, ends = chasm_ends
    assert np.array_equal(local_minima.in_chasm(ends), np.abs(starts) <= 0.52 + 1e-9)


def test_other_starts_end_in_the_wide_valleys(chasm_ends: tuple[np.ndarray, np.ndarray]) -> None:
    """Every start that misses the chasm ends at −6 or +6."""
    _, ends = chasm_ends
    missed = ends[~local_minima.in_chasm(ends)]
    assert np.abs(np.abs(missed) - 6.0).max() < 1e-6


def test_vectorised_endpoints_match_single_paths() -> None:
    """Running all starts at once gives the same end points as one path per start."""
    starts = np.array([-7.5, -0.3, 0.6, 4.0])
    together = local_minima.gd_endpoints(chasm_grad, starts, lr=0.005, steps=500)
    alone = [descend_1d(chasm_grad, x0, lr=0.005, steps=500)[-1] for x0 in starts]
    assert together == pytest.approx(alone, rel=1e-12)


def test_two_minima_by_hand() -> None:
    """f(2) = 16 − 16 − 2 = −2 and f'(2) = 32 − 16 − 1 = 15."""
    two = np.asarray(2.0)
    assert (two_minima(two), two_minima_grad(two)) == (-2.0, 15.0)


def test_gd_endpoints_by_hand() -> None:
    """f' = 2x with h = 0.25 halves every start: 8 → 2 and −4 → −1 in two steps."""
    ends = local_minima.gd_endpoints(lambda x: 2 * x, np.array([8.0, -4.0]), lr=0.25,
                                    steps=2)
    assert ends.tolist() == [2.0, -1.0]
    assert local_minima.gd_endpoints(chasm_grad, np.array([1, 2]), lr=0.1, steps=0).dtype == np.float64


def test_in_chasm_radius_is_strict() -> None:
    """|x| < 0.5 by default: 0.49 is in, ±0.5 are out; radius 1 takes 0.5 in."""
    assert local_minima.in_chasm(np.array([0.49, 0.5, -0.5])).tolist() == [True, False, False]
    assert local_minima.in_chasm(np.array([0.5]), radius=1.0).tolist() == [True]


def test_chasm_grad_by_hand() -> None:
    """chasm'(3) = −(π/6)·sin(π/2) (the well is e^(−200) away); chasm'(0.15) adds
    (3/0.15²)·0.15·e^(−½) to −(π/6)·sin(π/40)."""
    assert chasm_grad(np.array([3.0])).tolist() == pytest.approx([-np.pi / 6], rel=1e-12)
    expected = 3.0 / 0.15 * np.exp(-0.5) - np.pi / 6 * np.sin(np.pi / 40)
    assert chasm_grad(np.array([0.15])).tolist() == pytest.approx([expected], rel=1e-12)


def test_chasm_run_first_start_and_count() -> None:
    """2001 starts from −10 to 10 by 0.01; a 3-start, 1-step run moves each by −h·f'."""
    starts, ends = local_minima.chasm_run(count=3, lr=0.5, steps=1)
    assert starts.tolist() == [-10.0, 0.0, 10.0]
    assert ends.tolist() == pytest.approx(
        [-10.0 + 0.5 * np.pi / 6 * np.sin(-10 * np.pi / 6), 0.0,
         10.0 + 0.5 * np.pi / 6 * np.sin(10 * np.pi / 6)], rel=1e-12)


@pytest.mark.parametrize(("value", "digits", "text"), [
    (-1.2345, 2, "−1.23"), (0.5, 1, "0.5"), (5.25, 2, "5.25"), (-0.001, 3, "−0.001")])
def test_decimal_labels(value: float, digits: int, text: str) -> None:
    """Labels round to the given digits and use a true minus sign."""
    assert local_minima.decimal("ru", value, digits) == text


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_two_minima_figure(lang: str) -> None:
    """The two-minima figure draws the curve and the two paths."""
    fig = local_minima.two_minima_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [3]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_chasm_figure(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chasm figure draws f with the basin band, and an 80-bin histogram."""
    small_run = local_minima.chasm_run(count=201, steps=3000)
    monkeypatch.setattr(local_minima, "chasm_run", lambda: small_run)
    fig = local_minima.chasm_figure(lang)
    assert isinstance(fig, Figure)
    curve, hist = fig.axes
    assert (len(curve.lines), len(curve.patches), len(hist.patches)) == (1, 1, 81)
