"""AdaGrad's three forms and the properties the AdaGrad page states (brief C10)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad
from snippets.core import step_lengths, trajectory
from snippets.surfaces import ravine_grad

RNG_GRADS = np.random.default_rng(0).normal(scale=3.0, size=(200, 3))


def run_grads(update: object, grads: np.ndarray) -> list[adagrad.State]:
    """Every state of an AdaGrad form fed a fixed sequence of gradients."""
    states = [adagrad.init(np.zeros(grads.shape[1]))]
    for g in grads:
        states.append(update(states[-1], g))  # type: ignore[operator]
    return states


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e3])
def test_first_step_is_h_over_sqrt_gamma_at_any_scale(scale: float) -> None:
    """The first step moves every coordinate by exactly h/√γ, whatever the gradient scale."""
    g = scale * np.array([1.0, -2.0, 0.5])
    state = adagrad.update_note(adagrad.init(np.zeros(3)), g, lr=0.3, gamma=4.0)
    assert state.x == pytest.approx(-np.sign(g) * 0.3 / 2.0, rel=1e-12)


def test_accumulator_never_decreases() -> None:
    """v only grows, so the per-coordinate step h/√v never grows."""
    sums = np.array([s.sum_squares for s in run_grads(partial(adagrad.update_note, lr=0.1), RNG_GRADS)])
    assert np.all(np.diff(sums, axis=0) >= 0)


def test_note_form_is_duchi_with_scaled_rate() -> None:
    """Note 002's form with (h, γ) equals Duchi's with η = h/√γ."""
    note = run_grads(partial(adagrad.update_note, lr=0.2, gamma=9.0), RNG_GRADS)
    duchi = run_grads(partial(adagrad.update_duchi, lr=0.2 / 3.0), RNG_GRADS)
    assert np.allclose([s.x for s in note], [s.x for s in duchi], rtol=0, atol=1e-14)


def test_mean_form_with_decayed_rate_is_duchi() -> None:
    """Hung-yi Lee's mean form with η/√(t+1) equals Duchi's sum form."""
    mean = run_grads(partial(adagrad.update_mean, lr=lambda t: 0.1 / np.sqrt(t + 1)), RNG_GRADS)
    duchi = run_grads(partial(adagrad.update_duchi, lr=0.1), RNG_GRADS)
    assert np.max(np.abs(np.array([s.x for s in mean]) - [s.x for s in duchi])) < 1e-15


def test_mean_form_first_step_is_eta() -> None:
    """Hung-yi Lee's form also starts with a step of exactly ±η."""
    state = adagrad.update_mean(adagrad.init(np.zeros(2)), np.array([1e3, -1e-3]), lr=0.05)
    assert state.x == pytest.approx([-0.05, 0.05], rel=1e-12)


def test_units_first_steps() -> None:
    """On the ravine GD's first step is (0.08, −1.0) and AdaGrad's is (0.1, −0.1)."""
    paths = adagrad.units_paths(steps=1)
    assert (paths["gd"][1] - paths["gd"][0]) == pytest.approx([0.08, -1.0], rel=1e-12)
    assert (paths["adagrad"][1] - paths["adagrad"][0]) == pytest.approx([0.1, -0.1], rel=1e-12)


def test_adagrad_stalls_far_from_the_minimum() -> None:
    """With h = 0.1 over 500 steps AdaGrad ends 0.793 away with a last step of 1.9e-3."""
    distance, steps = adagrad.vanishing_step(lr=0.1, steps=500)["adagrad"]
    assert (distance[-1], steps[-1]) == (pytest.approx(0.793, abs=5e-4),
                                         pytest.approx(1.9e-3, abs=5e-5))


def test_rmsprop_settles_in_a_two_cycle() -> None:
    """With the same h RMSprop (α = 0.9) ends in a 2-cycle at distance h/√2."""
    distance, _ = adagrad.vanishing_step(lr=0.1, steps=500)["rmsprop"]
    assert distance[-2:] == pytest.approx([0.1 / np.sqrt(2)] * 2, rel=1e-6)


def test_small_step_barely_moves_adagrad() -> None:
    """With h = 1e-3 over 6000 steps AdaGrad gets from 4.12 only to 3.94; RMSprop below 1e-3."""
    runs = adagrad.vanishing_step(lr=1e-3, steps=6000)
    adagrad_distance, adagrad_steps = runs["adagrad"]
    assert (adagrad_distance[0], adagrad_distance[-1], adagrad_steps[-1]) == (
        pytest.approx(4.123, abs=5e-4), pytest.approx(3.94, abs=5e-3), pytest.approx(1.8e-5, abs=5e-7))
    assert runs["rmsprop"][0][-1] == pytest.approx(7.07e-4, abs=5e-6)


def test_no_coordinate_ever_moves_more_than_h() -> None:
    """Along AdaGrad's path every coordinate's step is at most h/√γ = h, since |g| ≤ √Σg²."""
    path = trajectory(adagrad.init, partial(adagrad.update_note, lr=0.1), adagrad.params,
                      ravine_grad, adagrad.START, steps=300)
    assert np.max(np.abs(np.diff(path, axis=0))) <= 0.1 + 1e-15
    assert step_lengths(path)[-1] < step_lengths(path)[0]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_units_figure_draws_three_paths(lang: str) -> None:
    """The units figure is one axes with route (0), the GD, momentum and AdaGrad paths and the minimum."""
    figure = adagrad.units_figure(lang)
    assert isinstance(figure, Figure) and len(figure.axes) == 1
    assert len(figure.axes[0].lines) == 5 and len(figure.axes[0].get_legend().texts) == 4


@pytest.mark.parametrize(
    ("lang", "ideal", "gd"),
    [("en", "(0) the ideal route", "gradient descent: (1), then (2)"),
     ("ru", "(0) оптимальный маршрут", "градиентный спуск: (1), затем (2)"),
     ("zh", "(0) 理想路线", "梯度下降：先 (1)，后 (2)")],
)
def test_units_figure_labels_note_routes(lang: str, ideal: str, gd: str) -> None:
    """Note 002's routes (0), (1) and (2) are named in the legend and marked on the plot."""
    ax = adagrad.units_figure(lang).axes[0]
    legend = [text.get_text() for text in ax.get_legend().texts]
    assert legend[:2] == [ideal, gd]
    assert sorted(text.get_text() for text in ax.texts) == ["(0)", "(1)", "(2)"]


def test_gd_beats_adagrad_on_the_bowl_after_500_steps() -> None:
    """After 500 steps GD (lr 0.02) is 1.6e-4 from the minimum, AdaGrad (h = 0.1) 0.793."""
    paths = adagrad.units_paths(steps=500)
    assert np.linalg.norm(paths["gd"][-1]) == pytest.approx(1.64e-4, rel=5e-3)
    assert np.linalg.norm(paths["adagrad"][-1]) == pytest.approx(0.793, abs=5e-4)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_vanishing_step_figure_has_two_panels(lang: str) -> None:
    """The vanishing-step figure shows distance and step length, two curves each."""
    figure = adagrad.vanishing_step_figure(lang)
    assert [len(ax.lines) for ax in figure.axes] == [2, 2]
    assert all(ax.get_yscale() == "log" for ax in figure.axes)
