"""Adam: first steps, bias correction, the β₁ = 0 limit and the "spray" after silence."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, adam, rmsprop
from snippets.core import trajectory
from snippets.plotting import LANGUAGES
from snippets.surfaces import ravine_grad

LR = 0.01


@pytest.fixture(scope="module")
def spray() -> dict[str, np.ndarray]:
    """Step lengths of the four methods on the brief's silence sequence, η = 0.1."""
    return adam.spray_steps(adam.silence_gradients(), lr=0.1)


def first_step(update_fn: Callable[..., adam.State], g: float, **hyper: float) -> float:
    """Signed first step of an Adam variant fed the scalar gradient ``g``."""
    return adam.steps_on_gradients(adam.init, partial(update_fn, **hyper), adam.params,
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
    steps = adam.steps_on_gradients(adam.init, partial(adam.update, lr=LR), adam.params,
                                    np.full((200, 1), 2.0))
    assert np.abs(steps[:, 0]) == pytest.approx(np.full(200, LR), rel=1e-6)


def test_uncorrected_steps_follow_the_bias_factor() -> None:
    """Without correction the step under constant g is lr·(1−β₁ᵗ)/√(1−β₂ᵗ)."""
    t = np.arange(1, 201)
    steps = adam.steps_on_gradients(adam.init, partial(adam.update_uncorrected, lr=LR),
                                    adam.params, np.full((200, 1), 2.0))
    expected = LR * (1 - 0.9**t) / np.sqrt(1 - 0.999**t)
    assert np.abs(steps[:, 0]) == pytest.approx(expected, rel=1e-6)


def test_beta1_zero_is_rmsprop_with_bias_corrected_v() -> None:
    """With β₁ = 0 Adam steps lr·g/(√(v/(1−β₂ᵗ)) + ε), v being torch RMSprop's accumulator."""
    grads = np.random.default_rng(0).normal(size=(50, 3)) * [1e-2, 1.0, 1e2]
    adam_steps = adam.steps_on_gradients(adam.init, partial(adam.update, lr=LR, beta1=0.0),
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
    steps = adam.steps_on_gradients(adam.init, partial(adam.update, lr=LR), adam.params, grads)
    assert np.abs(steps).max() <= adam.step_bound(lr=LR)


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
    """Adam's step after silence is within 1% below its bound 3.16·lr."""
    last = spray["adam"][-1]
    bound = adam.step_bound(lr=0.1)
    assert 0.99 * bound < last <= bound


def test_spray_of_mean_form_grows_with_silence() -> None:
    """The longer the flat stretch, the larger HY's AdaGrad step: it has no upper bound."""
    update = partial(adagrad.update_mean, lr=0.1)
    lasts = [-adam.steps_on_gradients(adagrad.init, update, adagrad.params,
                                     adam.silence_gradients(quiet=quiet))[-1, 0]
             for quiet in (100, 1000, 5000)]
    assert lasts[0] < lasts[1] < lasts[2]


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
