# Explorable figures: a snippet's grid of settings, computed at build time, quantised
# to compact JSON (cached by the module digest like figures), and the controls markup
# that the site's script (overrides/assets/javascripts/explorable.js) brings to life.
from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from vaultsite.snippet_source import dependency_digest, lookup
from vaultsite.strings import text

DATA_VERSION = "3"  # bump when the JSON below changes
LEVELS = 1000  # quantisation steps across an axis: finer than the pixels it is drawn on
CLIP = (-LEVELS, 2 * LEVELS)  # off-axis points are kept, clipped, so lines leave the box


@dataclass(frozen=True)
class ExplorableFile:
    """Where an explorable's JSON lives in the cache and in the site."""

    cache_path: Path
    site_path: str


def explorable_key(name: str) -> str:
    """Hash of the snippet sources, the function and the numpy version."""
    parts = [DATA_VERSION, dependency_digest(name.partition(".")[0]), name, np.__version__]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def spec_of(name: str) -> Any:
    """The ``Explorable`` that ``module.function()`` returns; TypeError for anything else."""
    _, function = lookup(name)
    if not callable(function):
        msg = f"{name} is not a function"
        raise TypeError(msg)
    spec = function()
    if type(spec).__name__ != "Explorable":  # snippets.core is imported from the checkout
        msg = f"{name}() returned {type(spec).__name__}, not snippets.core.Explorable"
        raise TypeError(msg)
    return spec


def quantise(values: Any, lo: float, hi: float, *, log: bool) -> list[int | None]:
    """Each value as an integer step across the axis ``lo..hi`` (a log axis by decades).

    ``None`` where a value cannot be drawn (not finite, or not positive on a log axis).
    """
    v = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if log:
            v = np.where(v > 0, np.log10(np.where(v > 0, v, 1.0)), np.nan)
            lo, hi = math.log10(lo), math.log10(hi)
        steps = np.clip(np.round((v - lo) / (hi - lo) * LEVELS), *CLIP)
    return [int(s) if np.isfinite(s) else None for s in steps]


def encode_points(points: Any, panel: Any) -> list[int | None]:
    """``x0, y0, x1, y1, …`` quantised, each pair a difference from the pair before.

    A pair after a gap (``None, None``) is absolute again; differences compress well.
    """
    xs = quantise(points[:, 0], *panel.xlim, log=panel.xlog)
    ys = quantise(points[:, 1], *panel.ylim, log=panel.ylog)
    flat: list[int | None] = []
    last: tuple[int, int] | None = None
    for x, y in zip(xs, ys, strict=True):
        if x is None or y is None:
            flat += [None, None]
            last = None
            continue
        flat += [x, y] if last is None else [x - last[0], y - last[1]]
        last = (x, y)
    return flat


def _number(value: float | str) -> float | str:
    return value if isinstance(value, str) else float(f"{value:.4g}")


def _ticks(ticks: tuple[float, ...], *, log: bool) -> list[list[float | str]]:
    """Each tick's value and what it says, as the static figure names it."""
    _, tick_labels = lookup("core.tick_labels")  # the checkout's own snippets
    labels = tick_labels(ticks, log=log)  # type: ignore[operator]
    return [[_number(v), label] for v, label in zip(ticks, labels, strict=True)]


def _series(series: Any, panels: Any) -> list[Any]:
    return [series.panel, series.color, series.style, encode_points(series.points,
                                                                    panels[series.panel])]


def explorable_json(name: str) -> bytes:
    """Every grid point of ``name``'s explorable, quantised, as compact deterministic JSON."""
    spec = spec_of(name)
    panels = spec.panels
    data = {
        "levels": LEVELS,
        "sliders": [{"name": s.name, "values": list(s.values)} for s in spec.sliders],
        "panels": [{"x": list(p.xlim), "y": list(p.ylim), "xlog": p.xlog, "ylog": p.ylog,
                    "xticks": _ticks(p.xticks, log=p.xlog), "yticks": _ticks(p.yticks, log=p.ylog)}
                   for p in panels],
        "background": [_series(s, panels) for s in spec.background],
        "frames": [{"s": [_series(s, panels) for s in frame.series],
                    "n": {k: _number(v) for k, v in frame.numbers.items()}}
                   for frame in spec.frames()],
    }
    return json.dumps(data, separators=(",", ":"), sort_keys=True).encode()


def cached_explorable(name: str, *, cache_dir: Path) -> tuple[ExplorableFile, bool]:
    """The explorable's JSON file, computed only if no cached file has its key; and whether
    it was."""
    key = explorable_key(name)
    cache_path = cache_dir / f"{key}.json"
    made = not cache_path.exists()
    if made:
        data = explorable_json(name)
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = cache_path.with_suffix(".tmp")
        temporary.write_bytes(data)
        temporary.replace(cache_path)
    return ExplorableFile(cache_path, f"assets/explorables/{name}.{key[:10]}.json"), made


def explorable_url_key(name: str) -> str:
    """The key under which a page finds the URL of an explorable's data, relative to itself."""
    return f"explorable {name}"


def _value(value: float) -> str:
    return f"{value:g}"


def _attribute(value: object) -> str:
    return html.escape(json.dumps(value, ensure_ascii=False), quote=True)


def legend_html(keys: Any, lang: str) -> list[str]:
    """One list item per ``Key``: a sample of the line or marker, and what it shows.

    ``data-key`` is the colour and style, as each series in the data names them,
    so the script can hide the entries the chosen setting does not draw.
    """
    if not keys:
        return []
    items = ['<ul class="vault-explorable__legend">']
    for key in keys:
        sample = []
        if key.style != "markers":
            line_class = "vault-explorable__line" + (
                f" vault-explorable__line--{key.style}" if key.style in ("dashed", "dotted") else "")
            sample.append(f'<path d="M1 6H27" class="{line_class}" stroke="{key.color}"/>')
        if key.style in ("markers", "both"):
            sample.append(f'<path d="M14 6h0" class="vault-explorable__markers" '
                          f'stroke="{key.color}"/>')
        items.append(f'<li data-key="{html.escape(key.color)} {key.style}">'
                     '<svg viewBox="0 0 28 12" width="28" height="12" aria-hidden="true">'
                     f'{"".join(sample)}</svg>{html.escape(key.label[lang])}</li>')
    items.append("</ul>")
    return items


def controls_html(name: str, prose: str, src: str, *, lang: str) -> str:
    """The explorable's box: what to try, sliders and number fields, the chart's place, numbers.

    Hidden until the script has loaded the data: without JavaScript only the static figure shows.
    """
    spec = spec_of(name)
    base = "x-" + name.replace(".", "-").replace("_", "-")
    axes = [{"x": p.xlabel[lang], "y": p.ylabel[lang]} for p in spec.panels]
    words = {w: text(w, lang) for w in ("diverged", "never")}
    lines = [f'<div class="vault-explorable" data-src="{html.escape(src)}" '
             f'data-axes="{_attribute(axes)}" data-words="{_attribute(words)}" hidden>',
             f'<p class="vault-explorable__title">{html.escape(text("explore", lang))}</p>',
             f'<p>{html.escape(prose)}</p>',
             '<div class="vault-explorable__controls">']
    for slider in spec.sliders:
        values = list(slider.values)
        start = values.index(slider.initial) if slider.initial in values else 0
        title = html.escape(slider.label[lang])
        unit = html.escape(slider.unit.get(lang, ""), quote=True)
        ident = f"{base}-{slider.name.replace('_', '-')}"
        if slider.toggle:
            checked = " checked" if values[start] else ""
            lines.append(f'<label class="vault-explorable__toggle"><input type="checkbox" '
                         f'id="{ident}" data-slider="{slider.name}"{checked}> {title}</label>')
            continue
        shown = _value(values[start])
        lines.append(
            f'<div class="vault-explorable__control"><label for="{ident}">{title}</label>'
            f'<input type="range" id="{ident}" data-slider="{slider.name}" min="0" '
            f'max="{len(values) - 1}" step="1" value="{start}" data-unit="{unit}" '
            f'aria-valuetext="{shown}{" " + unit if unit else ""}">'
            f'<input type="number" data-for="{ident}" min="{_value(values[0])}" '
            f'max="{_value(values[-1])}" step="any" value="{shown}" aria-label="{title}">'
            f'{f"<span>{unit}</span>" if unit else ""}</div>')
    lines.append("</div>")
    lines.append('<div class="vault-explorable__chart"></div>')
    lines += legend_html(spec.legend, lang)
    lines.append('<dl class="vault-explorable__numbers" aria-live="polite">')
    for key, labels in spec.numbers.items():
        lines.append(f'<div><dt>{html.escape(labels[lang])}</dt>'
                     f'<dd data-number="{key}"></dd></div>')
    lines.append("</dl>\n</div>\n")
    return "\n".join(lines)
