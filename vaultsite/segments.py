# Splits Markdown into prose and the spans no transform may touch: code, math,
# comments and attribute lists ({ #id .class }).
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_PROTECTED = re.compile(
    r"(?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,})[^\n]*\n(?:.*?\n)??[ \t]*(?P=mark)[ \t]*$)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<attributes>\{:?[ \t]*[#.][^}\n]*\})"
    r"|(?P<code>(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<display_math>(?<!\\)\$\$.+?(?<!\\)\$\$)"
    r"|(?P<math>(?<![\\$])\$(?![\s$])[^$\n]+?(?<![\s\\])\$(?!\d))",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Segment:
    """A run of the source: ``kind`` is ``text`` or the name of a protected span."""

    kind: str
    text: str
    line: int


def split(markdown: str) -> list[Segment]:
    """Cut ``markdown`` into segments, each with the 1-based line it starts on."""
    segments: list[Segment] = []
    position, line = 0, 1
    for match in _PROTECTED.finditer(markdown):
        if match.start() > position:
            text = markdown[position : match.start()]
            segments.append(Segment("text", text, line))
            line += text.count("\n")
        kind = next(k for k in ("fence", "comment", "attributes", "code", "display_math", "math")
                    if match.group(k) is not None)
        segments.append(Segment(kind, match.group(0), line))
        line += match.group(0).count("\n")
        position = match.end()
    if position < len(markdown):
        segments.append(Segment("text", markdown[position:], line))
    return segments


def join(segments: list[Segment]) -> str:
    """The Markdown the segments were cut from (after any edits)."""
    return "".join(s.text for s in segments)


def map_kind(markdown: str, kind: str, edit: Callable[[Segment], str]) -> str:
    """Replace every segment of ``kind`` by ``edit(segment)``; leave the rest as it is."""
    return join([Segment(s.kind, edit(s), s.line) if s.kind == kind else s
                 for s in split(markdown)])
