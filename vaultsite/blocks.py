# ```figure, ```explorable, ```snippet and ```notebook fences: how a page points at tested code.
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vaultsite.segments import split

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)\n?[ \t]*(?P=mark)[ \t]*$",
                    re.DOTALL)


BLOCK_KINDS = ("figure", "explorable", "snippet", "notebook")


@dataclass(frozen=True)
class Block:
    """A ``figure``, ``explorable``, ``snippet`` or ``notebook`` fence: names, text, position."""

    kind: str
    names: tuple[str, ...]
    text: str
    indent: str
    line: int


def parse_block(fence: str, line: int) -> Block | None:
    """Read a fence; ``None`` if it is ordinary code.

    A figure fence holds ``module.function`` on its first line and alt text after, an
    explorable fence the same and what to try; a snippet fence holds one ``module.function`` (or ``module``) per line; a
    notebook fence holds the name of a file in ``notebooks/``.
    """
    match = _FENCE.match(fence)
    if match is None or match.group("info").strip() not in BLOCK_KINDS:
        return None
    kind = match.group("info").strip()
    lines = [ln.strip() for ln in match.group("body").splitlines() if ln.strip()]
    if kind in ("figure", "explorable"):
        names, text = tuple(lines[:1]), " ".join(lines[1:])
    else:
        names, text = tuple(lines), ""
    return Block(kind, names, text, match.group("indent"), line)


def find_blocks(markdown: str, kind: str) -> list[Block]:
    """Every block of ``kind`` in a page, in order."""
    return [b for b in _blocks(markdown) if b.kind == kind]


@functools.lru_cache(maxsize=1024)  # a build asks for the same note's blocks many times
def _blocks(markdown: str) -> tuple[Block, ...]:
    blocks = (parse_block(s.text, s.line) for s in split(markdown) if s.kind == "fence")
    return tuple(b for b in blocks if b is not None)
