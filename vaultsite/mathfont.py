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

from vaultsite.mathml import styled_character

SITE_PATH = "assets/fonts/stix-two-math.woff2"
FONT_VERSION = b"3"  # bump when the subsetting options below change

# Always kept: the space, radicals (msqrt draws U+221A without it being in the
# text) and the pieces that tall brackets are built from
BASE_RANGES = ((0x20, 0x20), (0x221A, 0x221C), (0x239B, 0x23B3))
_TEXT = re.compile(r">([^<]+)<")
# a one-letter <mi> is drawn in its italic form (text-transform: math-auto)
_IDENTIFIER = re.compile(r"<mi>([^<]+)</mi>")


def source_font() -> Path:
    """The STIX Two Math file that ships inside the ziamath wheel."""
    # located, not imported: importing ziamath loads the font and warns
    spec = importlib.util.find_spec("ziamath")
    if spec is None or spec.origin is None:
        msg = "the ziamath package is missing; run `pip install -e .`"
        raise ModuleNotFoundError(msg)
    return Path(spec.origin).parent / "fonts" / "STIXTwoMath-Regular.ttf"


def characters(mathml: Iterable[str]) -> list[int]:
    """Sorted code points the MathML shows, plus the ones every page may need."""
    found: set[int] = set()
    for formula in mathml:
        found.update(ord(c) for t in _TEXT.findall(formula) for c in html.unescape(t))
        letters = (html.unescape(name) for name in _IDENTIFIER.findall(formula))
        found.update(ord(styled_character(c, "italic")) for c in letters if len(c) == 1)
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
    # The MATH table (stretchy brackets, radicals) is kept whole. No layout
    # features: Chromium 156 draws the same pixels with and without the math
    # ones (script-size glyphs, flattened accents, dotless i/j), which would
    # triple the glyphs, 39 KB instead of 20; Firefox scales the plain glyphs.
    # Names: the family, the copyright and the licence
    options.layout_features = []
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    subset.save_font(font, str(temporary), options)
    font.close()
    temporary.replace(target)
    return target
