"""Explorable blocks: parsed, expanded into controls, data quantised, cached, shipped exactly."""

from __future__ import annotations

import gzip
import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from snippets.core import tick_labels
from vaultsite.blocks import find_blocks
from vaultsite.embed import expand_blocks
from vaultsite.explorables import LEVELS, cached_explorable, encode_points, quantise, spec_of
from vaultsite.renders import compute_explorable
from vaultsite.snippet_source import lookup

NAME = "step_size.too_large_explorable"
EXPLORABLES = ("step_size.too_large_explorable", "momentum.escape_explorable",
               "adagrad_vs_rmsprop.brake_explorable", "adam.bias_correction_explorable",
               "schedules.warmup_cosine_explorable", "batch_size.paths_explorable")


def test_explorable_block_is_parsed() -> None:
    """An explorable fence gives its function name, what to try, and its line."""
    (block,) = find_blocks(f"x\n\n```explorable\n{NAME}\nMove h.\nSee.\n```\n", "explorable")
    assert (block.names, block.text, block.line) == ((NAME,), "Move h. See.", 3)


def test_explorable_expands_to_hidden_controls_in_the_pages_language() -> None:
    """The fence becomes a hidden box: the data's URL, Russian labels, sliders, number fields."""
    out, problems = expand_blocks(f"```explorable\n{NAME}\nПодвигайте h.\n```", page_path="a.ru.md",
                                  lang="ru", figures={},
                                  explorables={NAME: "../assets/explorables/x.json"})
    assert problems == []
    assert out.startswith('<div class="vault-explorable" data-src="../assets/explorables/x.json" ')
    assert ' hidden>\n<p class="vault-explorable__title">Попробуйте другие настройки</p>\n' \
           "<p>Подвигайте h.</p>\n" in out
    assert ('<label for="x-step-size-too-large-explorable-lr">шаг h</label><input type="range" '
            'id="x-step-size-too-large-explorable-lr" data-slider="lr" min="0" max="23" step="1" '
            'value="17" data-unit="" aria-valuetext="0.9">') in out  # 0.9 is the 18th of 0.05…1.2
    assert '<input type="number" data-for="x-step-size-too-large-explorable-lr" min="0.05" ' \
           'max="1.2" step="any" value="0.9" aria-label="шаг h">' in out
    assert re.findall(r'data-number="(\w+)"', out) == ["distance", "stop"]
    assert "&quot;diverged&quot;: &quot;расходится&quot;" in out


def test_the_legend_samples_each_line_in_its_colour_and_style() -> None:
    """Step size, in Chinese: the parabola, the iterates (line and dots), the dotted stopping line."""
    out, _ = expand_blocks(f"```explorable\n{NAME}\n试试。\n```", page_path="a.zh.md", lang="zh",
                           figures={}, explorables={NAME: "x.json"})
    legend = out[out.index('<ul class="vault-explorable__legend">'):out.index("</ul>") + 5]
    svg = '<svg viewBox="0 0 28 12" width="28" height="12" aria-hidden="true">'
    assert legend == (
        '<ul class="vault-explorable__legend">\n'
        f'<li data-key="#555555 line">{svg}<path d="M1 6H27" class="vault-explorable__line" '
        'stroke="#555555"/></svg>f(x) = x²</li>\n'
        f'<li data-key="#1f77b4 both">{svg}<path d="M1 6H27" class="vault-explorable__line" '
        'stroke="#1f77b4"/><path d="M14 6h0" class="vault-explorable__markers" stroke="#1f77b4"/>'
        "</svg>所选 h 下的 x₀, x₁, …, x₁₀</li>\n"
        f'<li data-key="#555555 dotted">{svg}<path d="M1 6H27" class="vault-explorable__line '
        'vault-explorable__line--dotted" stroke="#555555"/></svg>停止条件 |xₜ| &lt; 0.01</li>\n'
        "</ul>")


def test_explorable_without_prose_is_reported() -> None:
    """An explorable must tell the reader what to try."""
    _, problems = expand_blocks(f"```explorable\n{NAME}\n```", page_path="a.md", lang="en",
                                figures={}, explorables={NAME: "x.json"})
    assert [p.message for p in problems] == [
        f"explorable {NAME} says nothing: on the next lines, tell the reader what to try"]


def test_explorable_that_raises_names_the_snippet_line(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A spec that raises is reported with its snippets/ file and line, not a traceback."""
    module, _ = lookup("step_size.quadratic_path")

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(module, "too_large_explorable", broken)
    data, made, message = compute_explorable(NAME, tmp_path)
    assert (data, made) == (None, False)
    assert message.startswith(f"explorable {NAME}() raised ")
    assert message.endswith("ZeroDivisionError: division by zero; call it in Python to see the "
                            "whole traceback")


def test_quantise_steps_across_linear_and_log_axes() -> None:
    """0, ½ and 1 of an axis are 0, 500 and 1000; log axes count decades; undrawable is None."""
    assert quantise([0.0, 0.5, 1.0, 0.0004], 0.0, 1.0, log=False) == [0, 500, 1000, 0]
    assert quantise([1e-10, 1e-4, 1e2, 0.0, -1.0, math.nan], 1e-10, 1e2, log=True) == [
        0, 500, 1000, None, None, None]
    assert quantise([-5.0, 9.0], 0.0, 1.0, log=False) == [-1000, 2000]  # clipped


def test_points_are_differences_after_the_first() -> None:
    """Each pair after the first is the step from the one before; a gap restarts absolutely."""
    spec = spec_of(NAME)
    panel = spec.panels[0]  # x in −2.8…2.8, y in −0.3…7
    points = np.array([[-2.8, -0.3], [0.0, 3.35], [math.nan, 1.0], [2.8, 7.0], [0.0, 7.0]])
    assert encode_points(points, panel) == [0, 0, 500, 500, None, None, 1000, 1000, -500, 0]


def test_cached_explorable_is_computed_once(tmp_path: Path) -> None:
    """The second call reads the cache: same file, nothing computed."""
    first, made_first = cached_explorable("batch_size.paths_explorable", cache_dir=tmp_path)
    second, made_second = cached_explorable("batch_size.paths_explorable", cache_dir=tmp_path)
    assert (made_first, made_second) == (True, False)
    assert first == second
    assert re.fullmatch(r"assets/explorables/batch_size\.paths_explorable\.[0-9a-f]{10}\.json",
                        first.site_path)


# --- the data the real site ships -------------------------------------------------------


def _decode(flat: list[int | None]) -> list[tuple[int, int] | None]:
    """Undo the differences: absolute quantised pairs, None for a gap."""
    pairs: list[tuple[int, int] | None] = []
    last: tuple[int, int] | None = None
    for x, y in zip(flat[::2], flat[1::2], strict=True):
        if x is None or y is None:
            pairs.append(None)
            last = None
            continue
        last = (x, y) if last is None else (last[0] + x, last[1] + y)
        pairs.append(last)
    return pairs


def _fraction(value: float, lo: float, hi: float, log: bool) -> float:
    if log:
        return (math.log10(value) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    return (value - lo) / (hi - lo)


def _shipped(site: Path) -> dict[str, Any]:
    files = sorted((site / "assets" / "explorables").glob("*.json"))
    return {f.name.rsplit(".", 2)[0]: f for f in files}


def test_every_explorable_is_shipped_once_and_small(clean_build: tuple[Path, Path, str]) -> None:
    """One data file per explorable, shared by all languages, each ≤ 40 KiB gzipped."""
    site = clean_build[0]
    shipped = _shipped(site)
    assert sorted(shipped) == sorted(EXPLORABLES)
    for name, path in shipped.items():
        size = len(gzip.compress(path.read_bytes(), 9))
        print(f"{name}: {path.stat().st_size} B, {size} B gzip")
        assert size <= 40 * 1024, name
    assert not (site / "ru" / "assets" / "explorables").exists() or sorted(
        p.name for p in (site / "ru" / "assets" / "explorables").glob("*.json")) == sorted(
        p.name for p in shipped.values())


@pytest.mark.parametrize("name", EXPLORABLES)
def test_shipped_data_equals_the_snippet_at_every_grid_point(
        clean_build: tuple[Path, Path, str], name: str) -> None:
    """Each point of each frame and of the background is the snippet's to half a quantum; numbers
    to 4 digits."""
    data = json.loads(_shipped(clean_build[0])[name].read_text(encoding="utf-8"))
    spec = spec_of(name)
    frames = spec.frames()
    assert [s["values"] for s in data["sliders"]] == [list(s.values) for s in spec.sliders]
    assert [(p["xticks"], p["yticks"]) for p in data["panels"]] == [
        ([[t, w] for t, w in zip(p.xticks, tick_labels(p.xticks, log=p.xlog), strict=True)],
         [[t, w] for t, w in zip(p.yticks, tick_labels(p.yticks, log=p.ylog), strict=True)])
        for p in spec.panels]
    assert len(data["frames"]) == len(frames) == math.prod(len(s.values) for s in spec.sliders)
    shipped_series = [series for frame in data["frames"] for series in frame["s"]]
    computed_series = [series for frame in frames for series in frame.series]
    assert [len(f["s"]) for f in data["frames"]] == [len(f.series) for f in frames]
    assert len(data["background"]) == len(spec.background)
    for (panel_index, color, style, flat), series in zip(
            data["background"] + shipped_series, [*spec.background, *computed_series], strict=True):
        assert (panel_index, color, style) == (series.panel, series.color, series.style)
        panel = spec.panels[panel_index]
        decoded = _decode(flat)
        assert len(decoded) == len(series.points)
        for pair, (x, y) in zip(decoded, series.points, strict=True):
            drawable = (math.isfinite(x) and math.isfinite(y)
                        and (x > 0 or not panel.xlog) and (y > 0 or not panel.ylog))
            assert (pair is not None) == drawable
            if pair is None:
                continue
            for step, value, lim, log in ((pair[0], x, panel.xlim, panel.xlog),
                                          (pair[1], y, panel.ylim, panel.ylog)):
                expected = min(max(_fraction(value, lim[0], lim[1], log) * LEVELS, -LEVELS), 2 * LEVELS)
                assert abs(step - expected) <= 0.5 + 1e-9
    for shipped, frame in zip(data["frames"], frames, strict=True):
        for key, value in frame.numbers.items():
            if isinstance(value, str):
                assert shipped["n"][key] == value
            else:
                assert shipped["n"][key] == pytest.approx(value, rel=5e-4, abs=1e-300)
