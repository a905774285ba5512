# The math font: STIX Two Math from the ziamath package, cut down to what formulas use.
#
# Chromium draws MathML with any font, but stretchy brackets (a 2x2 matrix) need
# an OpenType MATH table; readers may have no math font installed, so we ship one.
from __future__ import annotations

import hashlib
import html
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset

SITE_PATH = "assets/fonts/stix-two-math.woff2"
FONT_VERSION = b"2"  # bump when the subsetting options below change

# Always kept: ASCII, radicals (msqrt draws U+221A without it being in the text),
# the bracket pieces, and the italic letters that MathML substitutes for
# single-letter identifiers (U+210E is the italic h)
BASE_RANGES = ((0x20, 0x7E), (0x221A, 0x221C), (0x239B, 0x23B3), (0x210E, 0x210E),
               (0x1D434, 0x1D467), (0x1D6E2, 0x1D71B))
_TEXT = re.compile(r">([^<]+)<")


def source_font() -> Path:
    """The STIX Two Math file that ships inside the ziamath wheel."""
    # located, not imported: importing ziamath loads the font and warns
    spec = importlib.util.find_spec("ziamath")
    if spec is None or spec.origin is None:
        msg = "the ziamath package is missing; run `pip install -e .`"
        raise ModuleNotFoundError(msg)
    return Path(spec.origin).parent / "fonts" / "STIXTwoMath-Regular.ttf"


def characters(mathml: Iterable[str]) -> list[int]:
    """Sorted code points of the MathML text, plus the ones every page may need."""
    found = {ord(c) for m in mathml for t in _TEXT.findall(m) for c in html.unescape(t)}
    found.update(c for lo, hi in BASE_RANGES for c in range(lo, hi + 1))
    return sorted(found)


def build_font(codepoints: list[int], cache_dir: Path) -> Path:
    """A WOFF2 subset of STIX Two Math for ``codepoints``, cached by its inputs."""
    source = source_font()
    key = hashlib.sha256(source.read_bytes() + repr(codepoints).encode() + FONT_VERSION).hexdigest()
    target = cache_dir / f"stix-two-math.{key[:16]}.woff2"
    if target.exists():
        return target
    options = subset.Options()
    options.flavor = "woff2"
    # the MATH table (stretchy brackets, radicals) is kept whole; of the layout
    # features only the math ones: script-size glyphs, flattened accents, dotless i/j.
    # Without hinting and other features the file is 55 KB instead of 77 KB.
    options.layout_features = ["ssty", "flac", "dtls"]
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    subset.save_font(font, str(temporary), options)
    temporary.replace(target)
    return target
