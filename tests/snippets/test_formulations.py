"""How the AdaGrad, RMSprop, Adam and momentum formulations relate to one another."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, formulations
from snippets.adam import steps_on_gradients
from snippets.plotting import LANGUAGES

GRADS = np.random.default_rng(0).normal(size=(60, 3)) * [1e-3, 1.0, 1e3]
SCALES = np.array([1e-3, 1.0, 1e3])


def adagrad_steps(update_fn: Callable[..., adagrad.State], **hyper: object) -> np.ndarray:
    """Steps of an AdaGrad form fed ``GRADS``."""
    return steps_on_gradients(adagrad.init, partial(update_fn, **hyper), adagrad.params, GRADS)


def test_note_form_is_duchi_with_rescaled_lr() -> None:
    """Note 002's AdaGrad (h, γ) is Duchi's with lr = h/√γ."""
    h, gamma = 0.3, 7.0
    note = adagrad_steps(adagrad.update_note, lr=h, gamma=gamma)
    duchi = adagrad_steps(adagrad.update_duchi, lr=h / np.sqrt(gamma))
    assert note == pytest.approx(duchi, rel=1e-12)


def test_mean_form_with_decaying_eta_is_duchi() -> None:
    """HY's mean form with ηᵗ = η/√(t+1) is Duchi's form, to 1e-17."""
    eta = 0.1
    mean = adagrad_steps(adagrad.update_mean, lr=lambda t: eta / np.sqrt(t + 1))
    duchi = adagrad_steps(adagrad.update_duchi, lr=eta)
    assert np.abs(mean - duchi).max() <= 1e-17 + 1e-15 * np.abs(duchi).max()


def test_mean_form_with_constant_eta_differs_from_duchi() -> None:
    """With a constant η the mean form is not Duchi's: its steps are √(t+1) times longer."""
    mean = adagrad_steps(adagrad.update_mean, lr=0.1)
    duchi = adagrad_steps(adagrad.update_duchi, lr=0.1)
    t = np.arange(len(GRADS))[:, None]
    assert mean == pytest.approx(duchi * np.sqrt(t + 1), rel=1e-12)


def test_torch_adagrad_without_extras_is_duchi() -> None:
    """torch's Adagrad with ε = 0, no lr decay and a zero accumulator is Duchi's form."""
    torch_steps = steps_on_gradients(
        formulations.init_torch_adagrad, partial(formulations.update_torch_adagrad, lr=0.1, eps=0.0),
        adagrad.params, GRADS)
    assert torch_steps == pytest.approx(adagrad_steps(adagrad.update_duchi, lr=0.1), rel=1e-12)


def test_torch_adagrad_lr_decay_divides_by_one_plus_t_minus_one_decay() -> None:
    """With lr_decay d, torch's step t under constant g is lr/(1+(t−1)·d)/√t."""
    d = 0.5
    steps = steps_on_gradients(
        formulations.init_torch_adagrad,
        partial(formulations.update_torch_adagrad, lr=0.1, lr_decay=d, eps=0.0),
        adagrad.params, np.ones((20, 1)))
    t = np.arange(1, 21)
    assert -steps[:, 0] == pytest.approx(0.1 / (1 + (t - 1) * d) / np.sqrt(t), rel=1e-12)


def test_initial_accumulator_shortens_the_first_step() -> None:
    """A starting sum a makes the first step lr·g/√(g² + a) instead of lr."""
    init = partial(formulations.init_torch_adagrad, initial_accumulator_value=3.0)
    step = steps_on_gradients(init, partial(formulations.update_torch_adagrad, lr=0.1, eps=0.0),
                              adagrad.params, np.array([[1.0]]))[0, 0]
    assert -step == pytest.approx(0.1 / 2.0, rel=1e-12)


@pytest.fixture(scope="module")
def first() -> dict[str, np.ndarray]:
    """First-step lengths of every formulation at g = 1e-3, 1, 1e3 with lr = 0.01."""
    return formulations.first_steps(SCALES, lr=0.01)


@pytest.mark.parametrize(("method", "expected"), [
    ("adagrad_note", 0.01 / np.sqrt(formulations.NOTE_GAMMA)),
    ("adagrad_hy", 0.01),
    ("rmsprop_hy", 0.01),
])
def test_epsilon_free_first_steps_ignore_scale(
    first: dict[str, np.ndarray], method: str, expected: float
) -> None:
    """Forms without ε take h/√γ or η as first step at every gradient scale."""
    assert first[method] == pytest.approx(np.full(3, expected), rel=1e-12)


@pytest.mark.parametrize(("method", "expected"), [
    ("adagrad_torch", 0.01),
    ("rmsprop_torch", 0.1),
    ("adam", 0.01),
])
def test_epsilon_first_steps_at_unit_and_large_gradients(
    first: dict[str, np.ndarray], method: str, expected: float
) -> None:
    """With ε the first step is lr (torch Adagrad, Adam) or 10·lr (torch RMSprop) for g ≥ 1."""
    assert first[method][1:] == pytest.approx(np.full(2, expected), rel=1e-6)


def test_torch_rmsprop_first_step_formula() -> None:
    """torch RMSprop's first step is lr·g/(√(1−α)·g + ε), which is 10·lr for g ≫ ε."""
    g = np.array([1e-9, 1e-6, 1.0])
    steps = formulations.first_steps(g, lr=0.01)["rmsprop_torch"]
    assert steps == pytest.approx(0.01 * g / (0.1 * g + 1e-8), rel=1e-9)
    assert steps[0] < 0.01 < 0.099 < steps[2]


def test_gd_first_step_is_proportional_to_gradient(first: dict[str, np.ndarray]) -> None:
    """Plain gradient descent's first step is lr·g: a million times longer for 1e3 than 1e-3."""
    assert first["gd"] == pytest.approx(0.01 * SCALES, rel=1e-12)


def test_momentum_forms_agree_at_constant_lr() -> None:
    """HY, Sutskever and torch momentum give the same path when lr is constant."""
    paths = formulations.momentum_forms(GRADS, lrs=np.full(len(GRADS), 0.01), mu=0.9)
    assert paths["sutskever"] == pytest.approx(paths["hy"], rel=1e-12, abs=1e-15)
    assert paths["torch"] == pytest.approx(paths["hy"], rel=1e-9, abs=1e-12)


def test_momentum_forms_split_when_lr_changes() -> None:
    """After an lr cut torch's path differs from HY's, while Sutskever's still equals HY's."""
    lrs = np.where(np.arange(len(GRADS)) < 30, 0.01, 0.001)
    paths = formulations.momentum_forms(GRADS, lrs=lrs, mu=0.9)
    assert paths["sutskever"] == pytest.approx(paths["hy"], rel=1e-12, abs=1e-15)
    assert np.abs(paths["torch"][-1] - paths["hy"][-1]).max() > 1e-3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_step_figure(lang: str) -> None:
    """The first-step figure draws GD plus three formulations in each of its two panels."""
    fig = formulations.first_step_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [4, 4]
