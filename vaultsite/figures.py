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

from vaultsite import narrow as phone_layout
from vaultsite.narrow import can_stack, needs_narrow_variant, stack_for_phone
from vaultsite.snippet_source import dependency_digest, lookup

RENDER_VERSION = "3"  # bump when the rendering below changes
_SVG_SIZE = re.compile(rb'<svg[^>]*?width="(?P<w>[\d.]+)pt" height="(?P<h>[\d.]+)pt"')


@dataclass(frozen=True)
class FigureFile:
    """Where a rendered figure lives in the cache and in the site, and its size in px.

    ``narrow`` is its phone layout, when its labels are too small on a phone;
    ``scrolls_on_phones`` says they are, and it has none (a diagram): phones
    show it at its natural size, scrolled sideways.
    """

    cache_path: Path
    site_path: str
    width: int
    height: int
    narrow: FigureFile | None = None
    scrolls_on_phones: bool = False


def figure_key(name: str, lang: str) -> str:
    """Hash of the snippet sources, function, language, library versions and phone layout."""
    parts = [RENDER_VERSION, dependency_digest(name.partition(".")[0]), name, lang,
             matplotlib.__version__, np.__version__, _phone_layout_digest()]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _phone_layout_digest() -> str:
    """Hash of vaultsite/narrow.py: how a figure is re-laid out for phones."""
    return hashlib.sha256(Path(phone_layout.__file__).read_bytes()).hexdigest()


def render_svgs(name: str, lang: str, *, salt: str) -> tuple[bytes, bytes | None]:
    """Call ``name(lang)``; its figure as SVG bytes, and its phone layout when it needs one.

    The same bytes on every run. The phone layout is the same figure re-laid out
    (vaultsite/narrow.py), made when its labels would be too small on a phone.
    """
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
        wide = _svg(figure)
        if not (needs_narrow_variant(wide.decode()) and can_stack(figure)):
            return wide, None
        stack_for_phone(figure)
        return wide, _svg(figure)


def _svg(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return round_coordinates(buffer.getvalue())


_PLACED = re.compile(rb'(\s(?:d|x|y|points)=")([^"]*)"')
_LONG_DECIMAL = re.compile(rb"-?\d+\.\d{2,}")


def _one_decimal(number: re.Match[bytes]) -> bytes:
    return b"%.1f" % float(number.group())


def round_coordinates(svg: bytes) -> bytes:
    """Paths and positions to a tenth of a point.

    Matplotlib writes six decimals; a tenth of a point is a seventh of a pixel, a third
    at the figure dialog's largest, and the extra digits were a third of the figures'
    gzip weight.
    """
    return _PLACED.sub(lambda m: m.group(1) + _LONG_DECIMAL.sub(_one_decimal, m.group(2)) + b'"',
                       svg)


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
    narrow_path = cache_dir / f"{key}.narrow.svg"
    drawn = not cache_path.exists()
    if drawn:
        wide, narrow = render_svgs(name, lang, salt=key[:16])
        cache_dir.mkdir(parents=True, exist_ok=True)
        if narrow is not None:
            _write(narrow_path, narrow)
        _write(cache_path, wide)  # last: the wide file says both are there
    site_stem = f"assets/figures/{name}.{lang}.{key[:10]}"
    narrow_file = None
    if narrow_path.exists():
        narrow_width, narrow_height = svg_size(narrow_path.read_bytes())
        narrow_file = FigureFile(narrow_path, f"{site_stem}.narrow.svg", narrow_width,
                                 narrow_height)
    wide_svg = cache_path.read_bytes()
    width, height = svg_size(wide_svg)
    scrolls = narrow_file is None and needs_narrow_variant(wide_svg.decode())
    return FigureFile(cache_path, f"{site_stem}.svg", width, height, narrow_file, scrolls), drawn


def _write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a build stopped midway leaves no half file."""
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
