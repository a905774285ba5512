"""Plain gradient descent, the descent condition and the second-order check (brief C1, C3)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import gradient_descent as gd
from snippets.core import trajectory

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
    descends = gd.loss_after_step(alphas, x=1.0) < gd.parabola(1.0)
    assert descends.tolist() == [True, True, False, False]


def test_small_enough_steps_always_descend() -> None:
    """Every α in (0, 1) lowers x² from x = 1; that is the note's "sufficiently small step"."""
    alphas = np.linspace(1e-3, 1 - 1e-3, 999)
    assert np.all(gd.loss_after_step(alphas, x=1.0) < 1.0)


def test_parabola_iterates_match_trajectory() -> None:
    """parabola_iterates is core.trajectory with the plain GD triple on 2x."""
    path = trajectory(gd.init, partial(gd.update, lr=0.3), gd.params, gd.parabola_grad,
                      2.0, steps=12)
    assert gd.parabola_iterates(lr=0.3, x0=2.0, steps=12) == pytest.approx(path[:, 0])


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
    assert cube(-0.1) < cube(0.0)
    assert not gd.is_sampled_minimum(cube, 0.0)


def test_quartic_is_a_minimum_the_strict_test_cannot_see() -> None:
    """x⁴ has a minimum at 0, yet f''(0) = 0 leaves the second-order test inconclusive."""
    assert gd.is_sampled_minimum(quartic, 0.0)
    assert gd.second_order_verdict(quartic, 0.0) == "inconclusive"


def test_verdicts_of_strict_curvature() -> None:
    """f'' > 0 is reported as a minimum and f'' < 0 as a maximum."""
    assert gd.second_order_verdict(square, 0.0) == "minimum"
    assert gd.second_order_verdict(lambda x: -(x**2), 0.0) == "maximum"


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
