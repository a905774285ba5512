# ![[Note]], ![[Note#Heading]] and ![[Note#^block-id]]: another note's content, shown here.
#
# Obsidian marks a block with `^id` at the end of its last line, or on a line of
# its own after it. The embedded Markdown goes through the same steps as a page;
# these functions only find it and say what is missing.
from __future__ import annotations

import re
from dataclasses import dataclass

from vaultsite.segments import Segment, join, split
from vaultsite.wikilinks import IMAGE_SUFFIXES, normalize

_EMBED = re.compile(r"!\[\[(?P<target>[^\[\]|#\n]*)(?:#(?P<part>[^\[\]|\n]*))?(?:\|[^\[\]\n]*)?\]\]")
_OWN_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<embed>!\[\[[^\n]*\]\])[ \t]*$")
_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<text>.+?)[ \t#]*$")
_BLOCK_ID_AT_END = re.compile(r"[ \t]+\^(?P<id>[A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)
_BLOCK_ID_LINE = re.compile(r"^[ \t]*\^(?P<id>[A-Za-z0-9-]+)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Embed:
    """An embed of a note (not of an image) in a page's prose."""

    target: str
    part: str  # "" (the whole note), a heading, or "^block-id"
    line: int
    start: int
    end: int
    indent: str
    own_line: bool


def find_embeds(markdown: str) -> list[Embed]:
    """Note embeds in prose, in order; image embeds are links' business."""
    found: list[Embed] = []
    offset = 0
    for segment in split(markdown):
        if segment.kind == "text":
            for match in _EMBED.finditer(segment.text):
                target = match.group("target").strip()
                if target.lower().endswith(IMAGE_SUFFIXES):
                    continue
                start = offset + match.start()
                line_start = markdown.rfind("\n", 0, start) + 1
                line_end = markdown.find("\n", start) % (len(markdown) + 1)
                own = _OWN_LINE.match(markdown[line_start:line_end])
                found.append(Embed(target, (match.group("part") or "").strip(),
                                   segment.line + segment.text.count("\n", 0, match.start()),
                                   line_start if own else start,
                                   line_end if own else offset + match.end(),
                                   own.group("indent") if own else "", own is not None))
        offset += len(segment.text)
    return found


def section(markdown: str, heading: str) -> str | None:
    """The lines under ``heading`` up to the next heading of its level or above."""
    level = 0
    kept: list[str] = []
    for line, kind in _lines_outside_code(markdown):
        match = _HEADING.match(line) if kind == "text" else None
        if level and match and len(match.group("level")) <= level:
            break
        if level:
            kept.append(line)
        elif match and normalize(match.group("text")) == normalize(heading):
            level = len(match.group("level"))
    return "\n".join(kept).strip("\n") if level else None


def block(markdown: str, block_id: str) -> str | None:
    """The paragraph, list or formula that ``^block_id`` marks, without the mark."""
    paragraphs = re.split(r"\n[ \t]*\n", markdown)
    for number, paragraph in enumerate(paragraphs):
        own = _BLOCK_ID_LINE.fullmatch(paragraph.strip())
        if own and own.group("id") == block_id and number > 0:
            return paragraphs[number - 1].strip("\n")
        marked = _BLOCK_ID_LINE.search(paragraph) or _BLOCK_ID_AT_END.search(paragraph)
        if marked and marked.group("id") == block_id and not own:
            return strip_block_ids(paragraph).strip("\n")
    return None


def strip_block_ids(markdown: str) -> str:
    """The ``^block-id`` marks, gone from prose: readers never see them."""
    def strip(segment: Segment) -> str:
        return _BLOCK_ID_AT_END.sub("", _BLOCK_ID_LINE.sub("", segment.text))
    return join([Segment(s.kind, strip(s), s.line) if s.kind == "text" else s
                 for s in split(markdown)])


def headings_as_text(markdown: str) -> str:
    """Headings of embedded content become bold lines: they belong to another page's outline."""
    return "\n".join(f"**{m.group('text')}**" if kind == "text" and (m := _HEADING.match(line))
                     else line for line, kind in _lines_outside_code(markdown))


def _lines_outside_code(markdown: str) -> list[tuple[str, str]]:
    """Each line, with ``fence`` if it is part of a code fence and ``text`` if not."""
    fenced = {s.line + n for s in split(markdown) if s.kind == "fence"
              for n in range(s.text.count("\n") + 1)}
    return [(line, "fence" if number in fenced else "text")
            for number, line in enumerate(markdown.split("\n"), start=1)]
