"""Plain gradient descent, the descent condition and the second-order check (brief C1, C3)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import gradient_descent as gd

LANGS = ("en", "ru", "zh")


def cube(x: float) -> float:
    """x³: flat at 0, yet lower on the left."""
    return x**3


def quartic(x: float) -> float:
    """x⁴: flat at 0 and a true minimum there."""
    return x**4


def square(x: float) -> float:
    """x²: the textbook minimum."""
    return x**2


def test_update_steps_against_the_gradient() -> None:
    """One update is x − h·g, coordinate by coordinate."""
    x = gd.update(np.array([1.0, -2.0]), np.array([0.5, 4.0]), lr=0.1)
    assert x == pytest.approx([0.95, -2.4], rel=1e-12)


def test_params_of_init_round_trips() -> None:
    """params(init(x0)) is x0: plain GD has no hidden state."""
    x0 = np.array([3.0, -1.0])
    assert np.array_equal(gd.params(gd.init(x0)), x0)


def test_first_step_on_parabola_is_one_minus_two_alpha() -> None:
    """On f = x² from x = 1, one step of size α lands at 1 − 2α."""
    for alpha in (0.1, 0.25, 0.5, 1.0, 1.5):
        assert gd.parabola_iterates(lr=alpha, x0=1.0, steps=1)[1] == pytest.approx(1 - 2 * alpha)


@pytest.mark.parametrize(("alpha", "loss"), [(0.25, 0.25), (0.5, 0.0), (1.0, 1.0), (1.5, 4.0)])
def test_loss_after_one_step(alpha: float, loss: float) -> None:
    """f(x − α f'(x)) at x = 1 is 0.25, 0, 1 and 4 for α = 0.25, 0.5, 1, 1.5 (brief C1)."""
    assert gd.loss_after_step(alpha, x=1.0) == pytest.approx(loss, rel=1e-6, abs=1e-12)


def test_some_but_not_every_step_size_descends() -> None:
    """A descending α exists (the condition holds), yet α = 1 and α = 1.5 do not descend."""
    alphas = np.array([0.25, 0.5, 1.0, 1.5])
    descends = gd.loss_after_step(alphas, x=1.0) < 1.0  # f(1) = 1
    assert descends.tolist() == [True, True, False, False]


def test_small_enough_steps_always_descend() -> None:
    """Every α in (0, 1) lowers x² from x = 1; that is the note's "sufficiently small step"."""
    alphas = np.linspace(1e-3, 1 - 1e-3, 999)
    assert np.all(gd.loss_after_step(alphas, x=1.0) < 1.0)


def test_parabola_iterates_by_hand() -> None:
    """From the default x₀ = 2 with h = 0.25 each step halves x (1 − 2h = 0.5): 2, 1, 0.5, 0.25."""
    assert gd.parabola_iterates(lr=0.25, steps=3).tolist() == [2.0, 1.0, 0.5, 0.25]


def test_parabola_and_its_gradient() -> None:
    """f(−3) = 9 and f'(−3) = −6; a list input gives an array."""
    assert gd.parabola([-3.0, 0.5]).tolist() == [9.0, 0.25]
    assert gd.parabola(3).dtype == np.float64
    assert gd.parabola_grad(np.array([-3.0, 0.5])).tolist() == [-6.0, 1.0]


def test_step_above_one_makes_the_loss_shoot_up() -> None:
    """With h = 1.1 the loss grows by (1.2)² = 1.44 every step: the "loss shoots up" symptom."""
    losses = gd.parabola(gd.parabola_iterates(lr=1.1, steps=30))
    assert losses[1:] / losses[:-1] == pytest.approx(np.full(30, 1.44), rel=1e-9)


def test_steps_below_one_converge() -> None:
    """The other step sizes of the figures all bring x² below 1e-5 within 30 steps."""
    for lr in gd.PARABOLA_STEP_SIZES[:-1]:
        assert gd.parabola(gd.parabola_iterates(lr=lr, steps=30)[-1]) < 1e-5


def test_second_derivative_of_square() -> None:
    """The finite difference gives f''(0) = 2 for x²."""
    assert gd.second_derivative(square, 0.0) == pytest.approx(2.0, rel=1e-6)


def test_cube_and_quartic_are_flat_to_second_order() -> None:
    """x³ and x⁴ both have f''(0) = 0 (to 1e-6)."""
    assert gd.second_derivative(cube, 0.0) == pytest.approx(0.0, abs=1e-6)
    assert gd.second_derivative(quartic, 0.0) == pytest.approx(0.0, abs=1e-6)


def test_note_rule_accepts_the_cube_which_is_no_minimum() -> None:
    """Note 001's f'' ≥ 0 rule accepts x³ at 0, yet f(−0.1) < f(0): the rule is not sufficient."""
    assert gd.note_rule_accepts(cube, 0.0)
    assert not gd.is_sampled_minimum(cube, 0.0)


def test_quartic_is_a_minimum_the_strict_test_cannot_see() -> None:
    """x⁴ has a minimum at 0, yet f''(0) = 0 leaves the second-order test inconclusive."""
    assert gd.is_sampled_minimum(quartic, 0.0)
    assert gd.second_order_verdict(quartic, 0.0) == "inconclusive"


def test_verdicts_of_strict_curvature() -> None:
    """f'' > 0 is reported as a minimum and f'' < 0 as a maximum."""
    assert gd.second_order_verdict(square, 0.0) == "minimum"
    assert gd.second_order_verdict(lambda x: -(x**2), 0.0) == "maximum"


def test_loss_after_step_away_from_one() -> None:
    """From x = 3 the step α = 0.25 lands at 3 − 0.25·6 = 1.5, so f = 2.25."""
    assert gd.loss_after_step([0.25, 0.0], x=3.0).tolist() == [2.25, 9.0]


def test_second_derivative_away_from_zero() -> None:
    """For x⁴ + 3 at x = 1 (f = 4) the difference is (12h² + 2h⁴)/h² = 12 + 2h², h = 1e-4."""
    assert gd.second_derivative(lambda x: x**4 + 3.0, 1.0) == pytest.approx(12.0, rel=1e-6)


def test_second_derivative_uses_the_given_step() -> None:
    """With h = 0.5 the difference for x⁴ at 1 is 12 + 2·0.25 = 12.5 exactly."""
    assert gd.second_derivative(lambda x: x**4, 1.0, h=0.5) == 12.5


# f(±1e-4) = ∓… chosen so that (f(h) − 2f(0) + f(−h))/h² is exactly ±1e-6 = ±tol in floats
AT_MINUS_TOL = {1e-4: -5e-15, 0.0: 0.0, -1e-4: -5e-15}.__getitem__
AT_PLUS_TOL = {1e-4: 5e-15, 0.0: 0.0, -1e-4: 5e-15}.__getitem__


def test_curvature_at_minus_tol_is_accepted_and_inconclusive() -> None:
    """f'' = −tol exactly: the note's rule (f'' ≥ −tol) accepts, the strict test cannot decide."""
    assert gd.second_derivative(AT_MINUS_TOL, 0.0) == -1e-6
    assert gd.note_rule_accepts(AT_MINUS_TOL, 0.0)
    assert gd.second_order_verdict(AT_MINUS_TOL, 0.0) == "inconclusive"


def test_curvature_at_plus_tol_is_inconclusive() -> None:
    """f'' = +tol exactly is not yet a minimum."""
    assert gd.second_order_verdict(AT_PLUS_TOL, 0.0) == "inconclusive"


def test_default_tolerance_is_1e_minus_6() -> None:
    """f'' = ±0.5 is far outside tol = 1e-6: −¼x² is rejected and a maximum, ¼x² a minimum."""
    assert not gd.note_rule_accepts(lambda x: -0.25 * x**2, 0.0)
    assert gd.second_order_verdict(lambda x: -0.25 * x**2, 0.0) == "maximum"
    assert gd.second_order_verdict(lambda x: 0.25 * x**2, 0.0) == "minimum"


def test_note_rule_rejects_a_maximum() -> None:
    """−x² has f'' = −2 < −tol: the note's rule rejects it."""
    assert not gd.note_rule_accepts(lambda x: -(x**2), 0.0)


def test_sampled_minimum_on_a_flat_function() -> None:
    """A constant has no lower neighbour, so every point counts as a sampled minimum."""
    assert gd.is_sampled_minimum(lambda x: 1.0, 0.0)


def test_sampled_minimum_looks_within_radius_0_1() -> None:
    """A drop beyond x = 0.15 is outside the default radius 0.1, inside radius 0.2."""
    def f(x: float) -> float:
        return -1.0 if x > 0.15 else 0.0
    assert gd.is_sampled_minimum(f, 0.0)
    assert not gd.is_sampled_minimum(f, 0.0, radius=0.2)


@pytest.mark.parametrize(("lr", "label"), [
    (0.1, "h = 0.1: slow"),        # 1 − 2h = 0.8
    (0.25, "h = 0.25: fast"),      # 0.5 exactly: not above 0.5
    (0.5, "h = 0.5: fast"),        # 0 exactly: not below 0
    (0.8, "h = 0.8: zigzag"),      # −0.6
    (1.0, "h = 1: diverges"),      # |−1| ≥ 1
    (1.1, "h = 1.1: diverges"),    # −1.2
])
def test_step_size_labels(lr: float, label: str) -> None:
    """The legend names the behaviour of x ← (1 − 2h)·x."""
    assert gd._step_size_label("en", lr) == label


def test_step_size_labels_are_translated() -> None:
    """Russian and Chinese legends name the same behaviours."""
    assert [gd._step_size_label("ru", lr) for lr in (0.1, 0.25, 0.8, 1.1)] == [
        "h = 0.1: медленно", "h = 0.25: быстро", "h = 0.8: зигзаг", "h = 1.1: расходится"]
    assert [gd._step_size_label("zh", lr) for lr in (0.1, 0.25, 0.8, 1.1)] == [
        "h = 0.1: 缓慢", "h = 0.25: 快速", "h = 0.8: 来回振荡", "h = 1.1: 发散"]


@pytest.mark.parametrize("lang", LANGS)
def test_step_sizes_figure(lang: str) -> None:
    """Four panels, each with the parabola, the iterates and the start marker."""
    fig = gd.step_sizes_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [3, 3, 3, 3]


@pytest.mark.parametrize("lang", LANGS)
def test_loss_curves_figure(lang: str) -> None:
    """One loss curve per step size."""
    fig = gd.loss_curves_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == len(gd.PARABOLA_STEP_SIZES)


@pytest.mark.parametrize("lang", LANGS)
def test_descent_condition_figure(lang: str) -> None:
    """The curve, the no-step level and the marked step sizes, over a shaded band."""
    fig = gd.descent_condition_figure(lang)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert (len(ax.lines), len(ax.patches)) == (3, 1)


@pytest.mark.parametrize("lang", LANGS)
def test_second_order_figure(lang: str) -> None:
    """Three curves, the critical point and the zero line."""
    fig = gd.second_order_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].lines) == 5
