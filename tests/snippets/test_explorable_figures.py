"""Each explorable redraws its static figure's axes, and its legend names exactly what it draws."""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from snippets import adagrad_vs_rmsprop, adam, batch_size, momentum, schedules, step_size
from snippets.core import tick_labels
from snippets.plotting import LANGUAGES

# explorable, its static figure, and which of the figure's axes each panel redraws
CASES: list[tuple[Callable[[], Any], Callable[[str], Any], tuple[int, ...]]] = [
    (step_size.too_large_explorable, step_size.too_large_figure, (0, 1)),
    (momentum.escape_explorable, momentum.escape_figure, (1,)),
    (adagrad_vs_rmsprop.brake_explorable, adagrad_vs_rmsprop.brake_figure, (0,)),
    (adam.bias_correction_explorable, adam.bias_correction_figure, (0,)),
    (schedules.warmup_cosine_explorable, schedules.schedules_figure, (2,)),
    (batch_size.paths_explorable, batch_size.paths_figure, (0,)),
]
IDS = [explorable.__name__ for explorable, _, _ in CASES]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("explorable", "figure", "axes"), CASES, ids=IDS)
def test_panels_are_the_static_figures_axes(explorable: Callable[[], Any],
                                            figure: Callable[[str], Any],
                                            axes: tuple[int, ...], lang: str) -> None:
    """Limits, scales and axis labels of every panel equal those of the figure's axes."""
    drawn = figure(lang).axes
    for panel, index in zip(explorable().panels, axes, strict=True):
        ax = drawn[index]
        assert ax.get_xlim() == pytest.approx(panel.xlim, rel=1e-12)
        assert ax.get_ylim() == pytest.approx(panel.ylim, rel=1e-12)
        assert (ax.get_xscale(), ax.get_yscale()) == (
            "log" if panel.xlog else "linear", "log" if panel.ylog else "linear")
        assert (ax.get_xlabel(), ax.get_ylabel()) == (panel.xlabel[lang], panel.ylabel[lang])


@pytest.mark.parametrize(("explorable", "figure", "axes"), CASES, ids=IDS)
def test_panels_tick_where_the_static_figure_ticks(explorable: Callable[[], Any],
                                                   figure: Callable[[str], Any],
                                                   axes: tuple[int, ...]) -> None:
    """Each panel's ticks, inside its limits, are the figure's major ticks, with the same words."""
    drawn = figure("en").axes
    for panel, index in zip(explorable().panels, axes, strict=True):
        ax = drawn[index]
        for axis, ticks, lim in ((ax.xaxis, panel.xticks, panel.xlim),
                                 (ax.yaxis, panel.yticks, panel.ylim)):
            assert len(ticks) >= 2 and all(lim[0] <= t <= lim[1] for t in ticks)
            shown = [t for t in axis.get_majorticklocs() if lim[0] <= t <= lim[1]]
            assert shown == pytest.approx(ticks, rel=1e-12)
            words = [label.get_text() for label in axis.get_majorticklabels()]
            assert words == list(tick_labels(ticks, log=axis.get_scale() == "log"))
            assert {label.get_text() for label in axis.get_minorticklabels()} <= {""}


@pytest.mark.parametrize(("explorable", "figure", "axes"), CASES, ids=IDS)
def test_the_legend_names_every_series_drawn_at_the_grid_corners(
        explorable: Callable[[], Any], figure: Callable[[str], Any],
        axes: tuple[int, ...]) -> None:
    """At each grid corner every series (and the background) has a key; each key is drawn."""
    del figure, axes
    spec = explorable()
    keys = {(key.color, key.style) for key in spec.legend}
    assert len(keys) == len(spec.legend)
    assert all(set(key.label) == set(LANGUAGES) and all(key.label.values()) for key in spec.legend)
    drawn = {(series.color, series.style) for series in spec.background}
    for corner in itertools.product(*((s.values[0], s.values[-1]) for s in spec.sliders)):
        frame = spec.compute(**dict(zip((s.name for s in spec.sliders), corner, strict=True)))
        shown = {(series.color, series.style) for series in frame.series}
        assert shown <= keys
        drawn |= shown
    assert drawn == keys


@pytest.mark.parametrize(("explorable", "figure", "axes"), CASES, ids=IDS)
def test_every_label_is_in_three_languages_and_every_number_is_named(
        explorable: Callable[[], Any], figure: Callable[[str], Any],
        axes: tuple[int, ...]) -> None:
    """Sliders, units, panels, numbers and keys say something in en, ru and zh; the numbers
    named are those the frame computes; the sliders are the frame's keywords, starting on
    their grid."""
    del figure, axes
    spec = explorable()
    labels = [s.label for s in spec.sliders] + [s.unit for s in spec.sliders if s.unit]
    labels += [p.xlabel for p in spec.panels] + [p.ylabel for p in spec.panels]
    labels += list(spec.numbers.values()) + [key.label for key in spec.legend]
    for label in labels:
        assert sorted(label) == sorted(LANGUAGES) and all(label.values()), label
    first = {s.name: s.initial if s.initial is not None else s.values[0] for s in spec.sliders}
    assert all(first[s.name] in s.values for s in spec.sliders)
    assert set(spec.compute(**first).numbers) == set(spec.numbers)
    assert list(inspect.signature(spec.compute).parameters)[:len(spec.sliders)] == [
        s.name for s in spec.sliders]
    assert all(len(s.values) == 2 if s.toggle else 20 <= len(s.values) <= 40 for s in spec.sliders)
