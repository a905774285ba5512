# Heading levels: one h1, then no skipped level, whatever depth the note started at.
from __future__ import annotations

import re

from vaultsite.segments import Segment, join, split

_ATX = re.compile(r"^(?P<hashes>#{1,6})(?=[ \t])", re.MULTILINE)


def normalize_headings(markdown: str) -> str:
    """Shift headings so the first is h1 (if it is one) and the rest start at h2.

    Notes written in Obsidian often start their sections at ``####``; a page
    needs h1 > h2 > h3 without gaps for its outline and for screen readers.
    A heading deeper than the one before it goes down one level at most.
    """
    segments = split(markdown)
    levels = [len(m.group("hashes")) for s in segments if s.kind == "text"
              for m in _ATX.finditer(s.text)]
    if not levels:
        return markdown
    has_title = levels[0] == 1
    section_levels = levels[1:] if has_title else levels
    previous = 1
    new_levels: list[int] = [1] if has_title else []
    for level in section_levels:
        wanted = max(2, level - min(section_levels) + 2) if section_levels else 2
        previous = min(wanted, previous + 1)
        new_levels.append(previous)
    remaining = iter(new_levels)

    def shift(segment: Segment) -> str:
        return _ATX.sub(lambda _m: "#" * next(remaining), segment.text)

    return join([Segment(s.kind, shift(s), s.line) if s.kind == "text" else s
                 for s in segments])
