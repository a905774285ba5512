"""How the AdaGrad, RMSprop, Adam and momentum formulations relate to one another."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adagrad, formulations, momentum
from snippets.plotting import LANGUAGES
from tests.snippets.fed import steps_on_gradients

GRADS = np.random.default_rng(0).normal(size=(60, 3)) * [1e-3, 1.0, 1e3]
SCALES = np.array([1e-3, 1.0, 1e3])


def adagrad_steps(update_fn: Callable[..., adagrad.State], **hyper: object) -> np.ndarray:
    """Steps of an AdaGrad form fed ``GRADS``."""
    return steps_on_gradients(adagrad.init, partial(update_fn, **hyper), adagrad.params, GRADS)


def test_torch_adagrad_two_steps_by_hand() -> None:
    """g = 3 then 4, lr = 1, ε = 0, lr_decay = 0.5: x¹ = −3/3 = −1; lr² = 1/(1 + 0.5) and
    G = 25, so x² = −1 − (2/3)·4/5 = −1.5333333; t counts 1, 2."""
    state = formulations.init_torch_adagrad(np.zeros(1))
    for g in (3.0, 4.0):
        state = formulations.update_torch_adagrad(state, np.array([g]), lr=1.0, lr_decay=0.5,
                                                  eps=0.0)
    assert (state.x[0], state.sum_squares[0], state.t) == (
        pytest.approx(-1.0 - (2 / 3) * 0.8, rel=1e-15), 25.0, 2)


def test_torch_adagrad_defaults() -> None:
    """lr = 0.01, ε = 1e-10 outside the root: g = 1e-10 moves 0.01·1e-10/(1e-10 + 1e-10) = 0.005."""
    state = formulations.update_torch_adagrad(formulations.init_torch_adagrad(np.zeros(1)),
                                              np.array([1e-10]))
    assert state.x[0] == pytest.approx(-0.005, rel=1e-12)
    assert formulations.init_torch_adagrad(np.zeros(2)).sum_squares.tolist() == [0.0, 0.0]


def test_sutskever_by_hand() -> None:
    """g = 2 then 1, lr = 0.1, μ = 0.25: v = 0.2, then 0.05 + 0.1 = 0.15; x = −0.2, −0.35."""
    state = momentum.update_sutskever(momentum.init(np.zeros(1)), np.array([2.0]),
                                      lr=0.1, momentum=0.25)
    state = momentum.update_sutskever(state, np.array([1.0]), lr=0.1, momentum=0.25)
    assert (state.x[0], state.m[0]) == (pytest.approx(-0.35), pytest.approx(0.15))


def test_momentum_forms_by_hand() -> None:
    """g = 1, 1 with lr 0.1 then 0.01 and μ = 0.5: HY and Sutskever reach −0.1, −0.16
    (m = −0.05 − 0.01); torch reaches −0.1, −0.1 − 0.01·1.5 = −0.115."""
    paths = momentum.momentum_forms(np.ones((2, 1)), lrs=np.array([0.1, 0.01]), momentum=0.5)
    assert {name: path[:, 0].tolist() for name, path in paths.items()} == {
        "hy": pytest.approx([-0.1, -0.16], rel=1e-12),
        "sutskever": pytest.approx([-0.1, -0.16], rel=1e-12),
        "torch": pytest.approx([-0.1, -0.115], rel=1e-12),
    }


def test_momentum_forms_of_one_float_step() -> None:
    """One gradient 4 with lr 0.5: every form lands at −2, as a float array of shape (1, 1)."""
    paths = momentum.momentum_forms(np.array([[4.0]]), lrs=np.array([0.5]), momentum=0.9)
    for path in paths.values():
        assert (path.dtype, path.tolist()) == (np.float64, [[-2.0]])


def test_momentum_forms_need_one_lr_per_gradient() -> None:
    """Two gradients with one learning rate are refused, not silently cut short."""
    with pytest.raises(ValueError, match="zip"):
        momentum.momentum_forms(np.ones((2, 1)), lrs=np.array([0.1]), momentum=0.9)


def test_torch_adagrad_without_extras_is_duchi() -> None:
    """torch's Adagrad with ε = 0, no lr decay and a zero accumulator is Duchi's form."""
    torch_steps = steps_on_gradients(
        formulations.init_torch_adagrad,
        partial(formulations.update_torch_adagrad, lr=0.1, eps=0.0), adagrad.params, GRADS)
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


@pytest.fixture
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
    assert steps[0] < 0.01
    assert steps[2] > 0.099


def test_first_steps_at_unit_gradient_by_hand(first: dict[str, np.ndarray]) -> None:
    """g = 1, lr = 0.01: note 002 with γ = 4 steps 0.005; torch Adagrad 0.01/(1 + 1e-10);
    torch RMSprop 0.01/(0.1 + 1e-8); Adam 0.01/(1 + 1e-8); GD, HY AdaGrad and HY RMSprop 0.01."""
    assert {name: value[1] for name, value in first.items()} == {
        "gd": pytest.approx(0.01, rel=1e-15),
        "adagrad_note": pytest.approx(0.005, rel=1e-15),
        "adagrad_torch": pytest.approx(0.01 / (1 + 1e-10), rel=1e-15),
        "adagrad_hy": pytest.approx(0.01, rel=1e-15),
        "rmsprop_hy": pytest.approx(0.01, rel=1e-15),
        "rmsprop_torch": pytest.approx(0.01 / (0.1 + 1e-8), rel=1e-12),
        "adam": pytest.approx(0.01 / (1 + 1e-8), rel=1e-12),
        "adam_uncorrected": pytest.approx(0.001 / (np.sqrt(0.001) + 1e-8), rel=1e-12),
    }


def test_every_formulation_takes_the_given_lr() -> None:
    """With lr = 0.1 and g = 1 the ε-free first steps are 0.1 (note 002: 0.05), not a default."""
    steps = formulations.first_steps(np.array([1.0]), lr=0.1)
    assert {name: value[0] for name, value in steps.items()} == {
        "gd": pytest.approx(0.1, rel=1e-15),
        "adagrad_note": pytest.approx(0.05, rel=1e-15),
        "adagrad_torch": pytest.approx(0.1 / (1 + 1e-10), rel=1e-15),
        "adagrad_hy": pytest.approx(0.1, rel=1e-15),
        "rmsprop_hy": pytest.approx(0.1, rel=1e-15),
        "rmsprop_torch": pytest.approx(0.1 / (0.1 + 1e-8), rel=1e-12),
        "adam": pytest.approx(0.1 / (1 + 1e-8), rel=1e-12),
        "adam_uncorrected": pytest.approx(0.01 / (np.sqrt(0.001) + 1e-8), rel=1e-12),
    }


def test_rmsprop_hy_second_step_uses_alpha_09() -> None:
    """The HY RMSprop entry has α = 0.9: fed g = 1 then 2 its second step is 0.01·2/√(0.9 + 0.4)."""
    init_fn, update_fn, params_fn = formulations.first_step_optimizers(lr=0.01)["rmsprop_hy"]
    steps = steps_on_gradients(init_fn, update_fn, params_fn, np.array([[1.0], [2.0]]))
    assert steps[1, 0] == pytest.approx(-0.02 / np.sqrt(1.3), rel=1e-12)


def test_gd_first_step_is_proportional_to_gradient(first: dict[str, np.ndarray]) -> None:
    """Plain gradient descent's first step is lr·g: a million times longer for 1e3 than 1e-3."""
    assert first["gd"] == pytest.approx(0.01 * SCALES, rel=1e-12)


def test_momentum_forms_agree_at_constant_lr() -> None:
    """HY, Sutskever and torch momentum give the same path when lr is constant."""
    paths = momentum.momentum_forms(GRADS, lrs=np.full(len(GRADS), 0.01), momentum=0.9)
    assert paths["sutskever"] == pytest.approx(paths["hy"], rel=1e-12, abs=1e-15)
    assert paths["torch"] == pytest.approx(paths["hy"], rel=1e-9, abs=1e-12)


def test_momentum_forms_split_when_lr_changes() -> None:
    """After an lr cut torch's path differs from HY's, while Sutskever's still equals HY's."""
    lrs = np.where(np.arange(len(GRADS)) < 30, 0.01, 0.001)
    paths = momentum.momentum_forms(GRADS, lrs=lrs, momentum=0.9)
    assert paths["sutskever"] == pytest.approx(paths["hy"], rel=1e-12, abs=1e-15)
    assert np.abs(paths["torch"][-1] - paths["hy"][-1]).max() > 1e-3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_step_figure(lang: str) -> None:
    """The first-step figure draws GD plus three formulations in each of its two panels."""
    fig = formulations.first_step_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [4, 4]
