# Build-time figures: call a snippet's figure function, save a deterministic SVG,
# cache it by a hash of everything it depends on.
from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np

from vaultsite.snippet_source import dependency_digest, lookup

RENDER_VERSION = "1"  # bump when the rendering below changes
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


@dataclass(frozen=True)
class FigureFile:
    """Where a rendered figure lives in the cache and in the site, and its size in px."""

    cache_path: Path
    site_path: str
    width: int
    height: int


def figure_key(name: str, lang: str) -> str:
    """Hash of the snippet sources, function, language and library versions."""
    parts = [RENDER_VERSION, dependency_digest(name.partition(".")[0]), name, lang,
             matplotlib.__version__, np.__version__]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def render_svg(name: str, lang: str, *, salt: str) -> bytes:
    """Call ``name(lang)`` and return its figure as SVG bytes, identical on every run."""
    _, function = lookup(name)
    if not callable(function):
        msg = f"{name} is not a function"
        raise TypeError(msg)
    settings: dict[str, Any] = {"svg.fonttype": "none", "svg.hashsalt": salt, "font.size": 10,
                "axes.spines.top": False, "axes.spines.right": False}
    with matplotlib.rc_context(settings), warnings.catch_warnings():  # type: ignore[arg-type]
        # DejaVu Sans lacks CJK glyphs: the browser draws them, text stays text
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure = function(lang)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_size(svg: bytes) -> tuple[int, int]:
    """Width and height in CSS pixels of an SVG matplotlib wrote (in points)."""
    match = _SVG_SIZE.search(svg)
    if match is None:
        return 640, 400
    return round(float(match.group("w")) * 4 / 3), round(float(match.group("h")) * 4 / 3)


def cached_figure(name: str, lang: str, *, cache_dir: Path) -> tuple[FigureFile, bool]:
    """The figure's file, rendered only if no cached file has its key; and whether it was drawn."""
    key = figure_key(name, lang)
    cache_path = cache_dir / f"{key}.svg"
    drawn = not cache_path.exists()
    if drawn:
        svg = render_svg(name, lang, salt=key[:16])
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = cache_path.with_suffix(".tmp")
        temporary.write_bytes(svg)
        temporary.replace(cache_path)
    width, height = svg_size(cache_path.read_bytes())
    site_path = f"assets/figures/{name}.{lang}.{key[:10]}.svg"
    return FigureFile(cache_path, site_path, width, height), drawn
