"""Learning-rate schedules and the first steps that motivate warmup (content brief C13)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import adam, formulations
from snippets import schedules as sc
from snippets.core import fed_path

WARMUP_FORMS = ("rmsprop_torch", "adam", "adam_uncorrected")


def first_steps(*, lr: float, g: float = 1.0) -> dict[str, float]:
    """First step of torch RMSprop (α = 0.99), Adam and Adam without bias correction."""
    steps = formulations.first_steps(np.array([g]), lr=lr)
    return {name: float(steps[name][0]) for name in WARMUP_FORMS}

TRANSFORMER_PEAK = 6.98771e-4
PEAK_WITH_DOUBLED_D_OR_W = 4.94106e-4


def test_transformer_peak_value() -> None:
    """At s = 4000 the Transformer rate is (512·4000)^−0.5 = 6.98771e-4."""
    assert sc.transformer_lr(4000) == pytest.approx(TRANSFORMER_PEAK, rel=1e-6)


def test_transformer_peak_is_at_warmup() -> None:
    """Over steps 1..100 000 the Transformer rate is largest at s = warmup = 4000."""
    steps = np.arange(1, 100_001)
    assert steps[np.argmax(sc.transformer_lr(steps))] == 4000


def test_transformer_rises_linearly() -> None:
    """lr(2000) is half the peak: the warmup is linear in s."""
    assert sc.transformer_lr(2000) / sc.transformer_lr(4000) == pytest.approx(0.5, rel=1e-6)


def test_transformer_decays_as_inverse_sqrt() -> None:
    """lr(16000) is half the peak: after warmup the rate falls as s^−0.5."""
    assert sc.transformer_lr(16_000) / sc.transformer_lr(4000) == pytest.approx(0.5, rel=1e-6)


def test_transformer_peak_for_larger_model() -> None:
    """With d_model = 1024 the peak is 4.94106e-4."""
    assert sc.transformer_lr(4000, d_model=1024) == pytest.approx(PEAK_WITH_DOUBLED_D_OR_W,
                                                                 rel=1e-6)


def test_transformer_peak_for_longer_warmup() -> None:
    """With warmup = 8000 the peak, at s = 8000, is 4.94106e-4."""
    assert sc.transformer_lr(8000, warmup=8000) == pytest.approx(PEAK_WITH_DOUBLED_D_OR_W,
                                                                 rel=1e-6)


def test_transformer_values_by_hand() -> None:
    """s = 1: 512^−0.5·4000^−1.5 = 1.74693e-7; s = 40 000: (512·40 000)^−0.5 = 2.20971e-4."""
    assert sc.transformer_lr([1, 40_000]).tolist() == pytest.approx(
        [512**-0.5 * 4000**-1.5, (512 * 40_000) ** -0.5], rel=1e-12)


def test_resnet_custom_arguments() -> None:
    """base 1, warmup 0.5 for 10 iterations, one milestone at 20: 0.5, 1, then 0.1."""
    values = sc.resnet110_lr([9, 10, 19, 20], base=1.0, warmup_lr=0.5, warmup_iterations=10,
                             milestones=(20,))
    assert values.tolist() == pytest.approx([0.5, 1.0, 1.0, 0.1], rel=1e-12)


def test_cosine_quarter_points() -> None:
    """peak 2, warmup 2, total 6: 0, 1, 2, then 2·½(1 + cos(π/4)), 1, 2·½(1 + cos(3π/4)), 0, 0."""
    values = sc.warmup_cosine_lr(np.arange(8), peak=2.0, warmup=2, total=6)
    c = np.cos(np.pi / 4)
    assert values.tolist() == pytest.approx([0.0, 1.0, 2.0, 1 + c, 1.0, 1 - c, 0.0, 0.0],
                                            abs=1e-15)


def test_resnet_warmup_phase() -> None:
    """ResNet-110 uses 0.01 for the first 400 iterations."""
    assert np.all(sc.resnet110_lr(np.arange(400)) == 0.01)


@pytest.mark.parametrize(
    ("iteration", "expected"),
    [(400, 0.1), (31_999, 0.1), (32_000, 0.01), (47_999, 0.01), (48_000, 0.001), (64_000, 0.001)],
)
def test_resnet_steps(iteration: int, expected: float) -> None:
    """ResNet-110 runs at 0.1 after warmup and divides by 10 at 32k and 48k."""
    assert float(sc.resnet110_lr(iteration)) == pytest.approx(expected, rel=1e-6)


def test_resnet_warmup_is_smaller_than_base() -> None:
    """The warmup rate is ten times below the rate that follows it."""
    assert sc.resnet110_lr(400) / sc.resnet110_lr(399) == pytest.approx(10.0, rel=1e-6)


def test_cosine_warmup_is_linear() -> None:
    """Halfway through the warmup the rate is half the peak."""
    assert sc.warmup_cosine_lr(500, peak=1e-3, warmup=1000, total=10_000) == pytest.approx(
        5e-4, rel=1e-6)


def test_cosine_reaches_peak_then_zero() -> None:
    """The rate equals the peak at the end of warmup and 0 at the last step."""
    values = sc.warmup_cosine_lr([1000, 10_000], peak=1e-3, warmup=1000, total=10_000)
    assert values == pytest.approx([1e-3, 0.0], abs=1e-15)


def test_cosine_is_half_peak_midway_through_decay() -> None:
    """Midway between warmup and the end the cosine has fallen to half the peak."""
    assert sc.warmup_cosine_lr(5500, peak=1e-3, warmup=1000, total=10_000) == pytest.approx(
        5e-4, rel=1e-6)


def test_cosine_rises_then_falls() -> None:
    """The rate increases during warmup and never increases afterwards."""
    steps = np.arange(10_001)
    lr = sc.warmup_cosine_lr(steps, peak=1e-3, warmup=1000, total=10_000)
    assert np.all(np.diff(lr[:1001]) > 0)
    assert np.all(np.diff(lr[1000:]) <= 0)


def test_first_steps_of_the_three_optimizers() -> None:
    """lr = 0.01, g = 1: torch RMSprop 0.01/(0.1 + 1e-8), Adam 0.01/(1 + 1e-8), uncorrected Adam
    0.01·0.1/(√0.001 + 1e-8)."""
    steps = first_steps(lr=0.01)
    assert steps == {
        "rmsprop_torch": pytest.approx(0.01 / (0.1 + 1e-8), rel=1e-12),
        "adam": pytest.approx(0.01 / (1 + 1e-8), rel=1e-12),
        "adam_uncorrected": pytest.approx(0.001 / (np.sqrt(0.001) + 1e-8), rel=1e-12),
    }


def test_first_steps_at_a_tiny_gradient() -> None:
    """g = 1e-8 puts ε = 1e-8 on a par with the root: lr·g/(√(1−α)·g + ε) and so on."""
    steps = first_steps(lr=1.0, g=1e-8)
    assert steps == {
        "rmsprop_torch": pytest.approx(1e-8 / (1e-9 + 1e-8), rel=1e-9),
        "adam": pytest.approx(0.5, rel=1e-9),
        "adam_uncorrected": pytest.approx(0.1 / (np.sqrt(0.001) + 1.0), rel=1e-9),
    }


def test_first_step_length_is_unsigned() -> None:
    """A negative gradient gives the same length: |x¹|."""
    path = fed_path(lambda x: x, lambda s, g: s - 2.0 * g, lambda s: s, np.array([[-1.5]]))
    assert abs(np.diff(path[:, 0])[0]) == 3.0


def test_uncorrected_adam_two_steps_by_hand() -> None:
    """g = 1 then 3, lr = 1, ε = 0: m = 0.1, v = 0.001, x¹ = −0.1/√0.001; then m = 0.39,
    v = 0.009999, x² = x¹ − 0.39/√0.009999; t counts 1, 2."""
    state = adam.update_uncorrected(adam.init(np.zeros(1)), np.array([1.0]), lr=1.0, eps=0.0)
    state = adam.update_uncorrected(state, np.array([3.0]), lr=1.0, eps=0.0)
    assert (state.m[0], state.v[0], state.t) == (pytest.approx(0.39), pytest.approx(0.009999), 2)
    assert state.x[0] == pytest.approx(-0.1 / np.sqrt(0.001) - 0.39 / np.sqrt(0.009999), rel=1e-12)


def test_uncorrected_adam_defaults() -> None:
    """Defaults lr = 1e-3, β₁ = 0.9, β₂ = 0.999, ε = 1e-8: g = 2 moves 1e-3·0.2/(√0.004 + 1e-8)."""
    state = adam.update_uncorrected(adam.init(np.zeros(1)), np.array([2.0]))
    assert state.x[0] == pytest.approx(-1e-3 * 0.2 / (np.sqrt(0.004) + 1e-8), rel=1e-12)


@pytest.mark.parametrize("g", [1e-3, 1.0, 1e3])
def test_uncorrected_adam_first_step_ignores_gradient_scale(g: float) -> None:
    """The oversized first step is the same for tiny and huge gradients (up to ε)."""
    expected = 0.01 * 0.1 / np.sqrt(0.001)
    assert first_steps(lr=0.01, g=g)["adam_uncorrected"] == pytest.approx(expected, rel=1e-3)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_schedules_figure(lang: str) -> None:
    """Three panels: two Transformer curves, the ResNet steps, the cosine schedule."""
    fig = sc.schedules_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [2, 1, 1]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_adagrad_decay_figure(lang: str) -> None:
    """Two panels, each with the constant and the decayed run."""
    fig = sc.adagrad_decay_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [2, 2]


# --- the explorable: any warmup and peak of linear warmup + cosine decay ---

WARMUP_GRID = tuple(250.0 * k for k in range(1, 21))  # 250, 500, …, 5000 steps
PEAK_GRID = tuple(k / 10_000 for k in range(1, 21))  # 0.0001, 0.0002, …, 0.002


def warmup_cosine_by_hand(s: int, *, warmup: float, peak: float) -> float:
    """η(s) of the page's formula with T = 10 000: η_max·s/w below w, then
    η_max·½(1 + cos(π(s − w)/(T − w)))."""
    if s < warmup:
        return peak * s / warmup
    return peak * 0.5 * (1 + math.cos(math.pi * (s - warmup) / (10_000 - warmup)))


def test_warmup_cosine_explorable_grid() -> None:
    """Warmup 250, 500, …, 5000 steps and peak 0.0001 … 0.002, starting at the figure's 1000
    and 0.001."""
    sliders = sc.warmup_cosine_explorable().sliders
    assert [(s.name, s.values, s.initial) for s in sliders] == [
        ("warmup", WARMUP_GRID, 1000.0), ("peak", PEAK_GRID, 0.001)]


@pytest.mark.parametrize(("warmup", "peak"), [(250.0, 0.0001), (1000.0, 0.001),
                                              (3750.0, 0.0013), (5000.0, 0.002)])
def test_warmup_cosine_frame_series(warmup: float, peak: float) -> None:
    """The line is (s, η(s)) at every 100th step s = 0, 100, …, 10 000 of the formula, on the
    one panel."""
    (series,) = sc.warmup_cosine_frame(warmup=warmup, peak=peak).series
    assert series.panel == 0
    steps = list(range(0, 10_001, 100))
    assert series.points[:, 0].tolist() == steps
    expected = [warmup_cosine_by_hand(s, warmup=warmup, peak=peak) for s in steps]
    assert series.points[:, 1] == pytest.approx(expected, rel=1e-12, abs=1e-18)


@pytest.mark.parametrize("peak", PEAK_GRID)
def test_warmup_cosine_frame_mean(peak: float) -> None:
    """Over s = 0 … 10 000 the warmup sums to η_max(w − 1)/2 and the cosine part to
    η_max(T − w + 1)/2 (its cosines cancel in pairs), so the mean is η_max·5000/10 001 for
    every warmup."""
    for warmup in WARMUP_GRID:
        mean = sc.warmup_cosine_frame(warmup=warmup, peak=peak).numbers["mean"]
        assert mean == pytest.approx(peak * 5000 / 10_001, rel=1e-12)


def test_warmup_cosine_frame_half_the_peak_counts_at_the_figures_setting() -> None:
    """w = 1000, η_max = 0.001: s = 500 … 999 of the warmup and s = 1000 … 5500 of the cosine,
    both ends at η_max/2 exactly and counted: 5001 steps."""
    assert sc.warmup_cosine_frame(warmup=1000.0, peak=0.001).numbers["above_half"] == 5001.0


def test_warmup_cosine_frame_steps_at_or_above_half_the_peak() -> None:
    """At or above η_max/2: s = w/2 … w − 1 of the warmup (w/2 steps, w even on the grid) and
    the first (T − w)/2 + 1 of the cosine: 5001 steps for every warmup and peak on the grid,
    s = w/2 included, where η = η_max/2 exactly."""
    counts = {(w, p): sc.warmup_cosine_frame(warmup=w, peak=p).numbers["above_half"]
              for w in WARMUP_GRID for p in PEAK_GRID}
    assert {key: count for key, count in counts.items() if count != 5001.0} == {}


def test_warmup_cosine_frame_peak_moves_with_the_warmup() -> None:
    """Page: "the warmup only moves the peak along the steps": for every warmup the drawn line
    tops out within 100 steps of s = w, at η_max to 0.03 %, exactly at w when 100 divides w."""
    for warmup in WARMUP_GRID:
        (series,) = sc.warmup_cosine_frame(warmup=warmup, peak=0.001).series
        top = int(np.argmax(series.points[:, 1]))
        assert abs(series.points[top, 0] - warmup) < 100
        assert series.points[top, 1] == pytest.approx(0.001, rel=3e-4)
        if warmup % 100 == 0:
            assert (series.points[top, 0], series.points[top, 1]) == (warmup, 0.001)


def test_warmup_cosine_frame_page_claims() -> None:
    """Page: "The mean learning rate stays half the peak, and about half of the 10 000 steps
    run at half the peak or more, whatever the warmup": mean/peak = 0.49995 and 5000 or 5001
    steps, at every grid point."""
    for warmup in WARMUP_GRID:
        for peak in PEAK_GRID:
            numbers = sc.warmup_cosine_frame(warmup=warmup, peak=peak).numbers
            assert round(float(numbers["mean"]) / peak, 4) == 0.5
            assert abs(float(numbers["above_half"]) - 5000) <= 1


def test_warmup_cosine_frame_matches_the_caption() -> None:
    """Caption: "linear warmup to 0.001 over 1000 steps followed by a cosine decay to 0 at step
    10 000": the initial setting's line rises from 0, is 0.001 at 1000 and 0 at 10 000."""
    (series,) = sc.warmup_cosine_frame(warmup=1000.0, peak=0.001).series
    assert series.points[[0, 10, 100], 1] == pytest.approx([0.0, 0.001, 0.0], abs=1e-18)
    assert np.all(np.diff(series.points[:11, 1]) > 0) and np.all(np.diff(series.points[10:, 1]) < 0)
