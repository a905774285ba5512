"""AdaGrad's three forms and the properties the AdaGrad page states (brief C10)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad
from snippets.core import fed_path, step_lengths, trajectory
from snippets.surfaces import RAVINE_START, ravine_grad

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
    states = run_grads(partial(adagrad.update_note, lr=0.1), RNG_GRADS)
    sums = np.array([s.sum_squares for s in states])
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


def test_no_coordinate_ever_moves_more_than_h() -> None:
    """Along AdaGrad's path every coordinate's step is at most h/√γ = h, since |g| ≤ √Σg²."""
    path = trajectory(adagrad.init, partial(adagrad.update_note, lr=0.1), adagrad.params,
                      ravine_grad, RAVINE_START, steps=300)
    assert np.max(np.abs(np.diff(path, axis=0))) <= 0.1 + 1e-15
    assert step_lengths(path)[-1] < step_lengths(path)[0]


def test_init_has_accumulated_nothing() -> None:
    """init keeps x₀, a float zero sum of squares of its shape and t = 0."""
    state = adagrad.init(np.array([1.0, 2.0]))
    assert (state.sum_squares.dtype, state.sum_squares.tolist(), state.t) == (
        np.float64, [0.0, 0.0], 0)


def test_note_form_two_steps_by_hand() -> None:
    """g = 3 then 4, h = 1: γ = 1 gives v = 9, 25 and x = −1, −1.8; γ = 4 gives x = −0.5, −0.9."""
    for gamma, expected_x, expected_v in ((1.0, [-1.0, -1.8], [9.0, 25.0]),
                                          (4.0, [-0.5, -0.9], [36.0, 100.0])):
        update = partial(adagrad.update_note, lr=1.0, gamma=gamma)
        grads = np.array([[3.0], [4.0]])
        xs = fed_path(adagrad.init, update, adagrad.params, grads)
        sums = fed_path(adagrad.init, update, lambda s: s.sum_squares, grads)
        counts = fed_path(adagrad.init, update, lambda s: np.array([s.t]), grads)
        assert xs[:, 0].tolist() == pytest.approx([0.0, *expected_x], rel=1e-15)
        assert sums[:, 0].tolist() == [0.0, *expected_v]
        assert counts[:, 0].tolist() == [0, 1, 2]


def test_note_form_fed_one_gradient_with_default_gamma() -> None:
    """One gradient 2 with h = 0.5 and the default γ = 1: states x = 0, then −0.5."""
    path = fed_path(adagrad.init, partial(adagrad.update_note, lr=0.5), adagrad.params,
                    np.array([[2.0]]))
    assert path.tolist() == [[0.0], [-0.5]]


def test_note_form_default_gamma_is_one() -> None:
    """Without γ the first step is h·g/√g² = h: from 0 with g = 2 and h = 0.1, x = −0.1."""
    state = adagrad.update_note(adagrad.init(np.zeros(1)), np.array([2.0]), lr=0.1)
    assert state.x[0] == pytest.approx(-0.1, rel=1e-15)


def test_duchi_form_two_steps_by_hand() -> None:
    """g = 3 then 4, η = 1, ε = 0: G = 9, 25 and x = −3/3 = −1, then −1 − 4/5 = −1.8."""
    state = adagrad.update_duchi(adagrad.init(np.zeros(1)), np.array([3.0]), lr=1.0)
    state = adagrad.update_duchi(state, np.array([4.0]), lr=1.0)
    assert (state.x[0], state.sum_squares[0], state.t) == (pytest.approx(-1.8, rel=1e-15), 25.0, 2)


def test_duchi_epsilon_is_outside_the_root() -> None:
    """g = 0.01, ε = 0.01, η = 1: the step is 0.01/(√1e-4 + 0.01) = 0.5 (inside: 0.0995)."""
    state = adagrad.update_duchi(adagrad.init(np.zeros(1)), np.array([0.01]), lr=1.0, eps=0.01)
    assert state.x[0] == pytest.approx(-0.5, rel=1e-12)


def test_duchi_default_epsilon_is_zero() -> None:
    """By default ε = 0, so even g = 1e-12 moves by exactly η."""
    state = adagrad.update_duchi(adagrad.init(np.zeros(1)), np.array([1e-12]), lr=0.3)
    assert state.x[0] == pytest.approx(-0.3, rel=1e-12)


def test_mean_form_two_steps_by_hand() -> None:
    """g = 3 then 4, η = 1: σ⁰ = 3, x¹ = −1; σ¹ = √(25/2), x² = −1 − 4/√12.5 = −2.1313708."""
    state = adagrad.update_mean(adagrad.init(np.zeros(1)), np.array([3.0]), lr=1.0)
    state = adagrad.update_mean(state, np.array([4.0]), lr=1.0)
    assert (state.x[0], state.sum_squares[0], state.t) == (
        pytest.approx(-2.1313708499, rel=1e-10), 25.0, 2)


def test_mean_form_reads_the_schedule_at_t() -> None:
    """With ηᵗ = 0.5, 0.25 at t = 0, 1: x¹ = −0.5, x² = −0.5 − 0.25·4/√12.5 = −0.7828427."""
    schedule = [0.5, 0.25].__getitem__
    state = adagrad.update_mean(adagrad.init(np.zeros(1)), np.array([3.0]), lr=schedule)
    assert state.x[0] == pytest.approx(-0.5, rel=1e-15)
    state = adagrad.update_mean(state, np.array([4.0]), lr=schedule)
    assert state.x[0] == pytest.approx(-0.7828427125, rel=1e-10)


def test_mean_form_with_constant_eta_is_sqrt_t_longer_than_duchi() -> None:
    """With a constant η the mean form's step t (from 0) is √(t+1) times Duchi's."""
    mean = run_grads(partial(adagrad.update_mean, lr=0.1), RNG_GRADS)
    duchi = run_grads(partial(adagrad.update_duchi, lr=0.1), RNG_GRADS)
    mean_steps = np.diff([s.x for s in mean], axis=0)
    duchi_steps = np.diff([s.x for s in duchi], axis=0)
    t = np.arange(len(RNG_GRADS))[:, None]
    np.testing.assert_allclose(mean_steps, duchi_steps * np.sqrt(t + 1), rtol=1e-12)


def test_units_momentum_is_eta_0005_lambda_08() -> None:
    """Momentum's first steps on the ravine: m¹ = −0.005·(−4, 50) = (0.02, −0.25), then
    m² = 0.8·m¹ − 0.005·(−3.98, 37.5) = (0.0359, −0.3875)."""
    path = adagrad.units_paths(steps=2)["momentum"]
    np.testing.assert_allclose(np.diff(path, axis=0), [[0.02, -0.25], [0.0359, -0.3875]],
                               rtol=1e-12)


def test_units_paths_default_to_60_steps() -> None:
    """The figure's paths hold 61 iterates each, starting at (−4, 1)."""
    paths = adagrad.units_paths()
    assert sorted(paths) == ["adagrad", "gd", "momentum"]
    for path in paths.values():
        assert path.shape == (61, 2)
        assert path[0].tolist() == [-4.0, 1.0]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_units_figure_draws_three_paths(lang: str) -> None:
    """The units figure: one axes with route (0), the GD, momentum and AdaGrad paths, the star."""
    figure = adagrad.units_figure(lang)
    assert isinstance(figure, Figure) and len(figure.axes) == 1
    legend = figure.axes[0].get_legend()
    assert legend is not None
    assert len(figure.axes[0].lines) == 5 and len(legend.texts) == 4


@pytest.mark.parametrize(
    ("lang", "ideal", "gd"),
    [("en", "(0) the ideal route", "gradient descent: (1), then (2)"),
     ("ru", "(0) оптимальный маршрут", "градиентный спуск: (1), затем (2)"),
     ("zh", "(0) 理想路线", "梯度下降：先 (1)，后 (2)")],
)
def test_units_figure_labels_note_routes(lang: str, ideal: str, gd: str) -> None:
    """Note 002's routes (0), (1) and (2) are named in the legend and marked on the plot."""
    ax = adagrad.units_figure(lang).axes[0]
    shown = ax.get_legend()
    assert shown is not None
    legend = [text.get_text() for text in shown.texts]
    assert legend[:2] == [ideal, gd]
    assert sorted(text.get_text() for text in ax.texts) == ["(0)", "(1)", "(2)"]


def test_gd_beats_adagrad_on_the_bowl_after_500_steps() -> None:
    """After 500 steps GD (lr 0.02) is 1.6e-4 from the minimum, AdaGrad (h = 0.1) 0.793."""
    paths = adagrad.units_paths(steps=500)
    assert np.linalg.norm(paths["gd"][-1]) == pytest.approx(1.64e-4, rel=5e-3)
    assert np.linalg.norm(paths["adagrad"][-1]) == pytest.approx(0.793, abs=5e-4)


