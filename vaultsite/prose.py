# The site's own words on a page, line by line: what the glossary check and the
# unlinked-mentions list read. Left out: front matter, code, math, comments, link
# targets, HTML tags, URLs and quotations (a plain `>` block, or text between
# quotation marks), which keep the words of the person quoted.
from __future__ import annotations

import re

from vaultsite.blocks import parse_block
from vaultsite.segments import split

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_WIKILINK_TARGET = re.compile(r"!?\[\[[^\[\]|\n]*\|")  # [[target| … ]]: only the label shows
_HIDDEN = re.compile(
    r"!?\[\[|\]\]"  # the brackets of a [[link]] (its text is the name as written)
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)"  # a Markdown link's target
    r"|<[^<>\n]*>"  # an HTML tag
    r"|https?://\S+"  # a bare address
    r"|(?<!\S)#[^\s#]+"  # a #tag: the student's tag names
)
_GLOSS = re.compile(r"（[A-Za-z][A-Za-z0-9 .,'-]*）")
_INSIDE = r"(?:[^{marks}\n]|\n(?![ \t]*\n)){{0,300}}"  # up to 300 characters, no blank line
_LINK = re.compile(r"!?\[\[[^\]\n]*\]\]|!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^)\n]*\)")
_QUOTED = re.compile("|".join(f"{o}{_INSIDE.format(marks=o + c)}{c}"
                              for o, c in (("“", "”"), ("«", "»"), ("„", "“"), ('"', '"'))))


def page_lines(markdown: str, *, link_text: bool = True) -> dict[int, str]:
    """Each 1-based line of ``markdown`` → its prose, with quotations still in.

    ``link_text=False`` also blanks the text of links (for what is not linked yet).
    """
    front = _FRONT_MATTER.match(markdown)
    if front:  # keep the line count, drop the names and settings
        markdown = "\n" * front.group(0).count("\n") + markdown[front.end():]
    quoted = blockquote_lines(markdown)
    lines: dict[int, str] = {}
    for segment in split(markdown):
        if segment.kind == "text":
            for offset, piece in enumerate(segment.text.split("\n")):
                number = segment.line + offset
                lines[number] = lines.get(number, "") + piece
        elif segment.kind == "fence":
            lines.update(_caption_lines(segment.text, segment.line))
        else:  # code or math in the middle of a sentence: a gap, not glued words
            lines[segment.line] = lines.get(segment.line, "") + " "
    if not link_text:
        lines = {number: _LINK.sub(" ", text) for number, text in lines.items()}
    return {number: _HIDDEN.sub(" ", _WIKILINK_TARGET.sub("[[", text))
            for number, text in sorted(lines.items()) if number not in quoted}


def own_words(lines: dict[int, str]) -> dict[int, str]:
    """The same lines with quoted words blanked (a quotation may span lines), and
    glosses: a name in Latin letters in full-width brackets after a Chinese term,
    动量法（Momentum), gives the original, it does not use it."""
    numbers = sorted(lines)
    joined = "\n".join(lines[n] for n in numbers)
    blanked = _QUOTED.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), joined)
    blanked = _GLOSS.sub(lambda m: " " * len(m.group(0)), blanked)
    return dict(zip(numbers, blanked.split("\n"), strict=True))


def blockquote_lines(markdown: str) -> set[int]:
    """Lines of plain `>` quotations (a `> [!callout]` is the site's own text)."""
    quoted: set[int] = set()
    previous, in_quote = "", False
    for number, line in enumerate(markdown.split("\n"), start=1):
        if line.startswith(">") and not previous.startswith(">"):  # a block starts
            in_quote = not re.match(r">\s*\[!", line)
        if line.startswith(">") and in_quote:
            quoted.add(number)
        previous = line
    return quoted


def _caption_lines(fence: str, line: int) -> list[tuple[int, str]]:
    """The alt text and caption lines of a ```figure fence (readers see them)."""
    block = parse_block(fence, line)
    if block is None or block.kind != "figure":
        return []
    body = fence.split("\n")[1:-1]
    named = next((i for i, text in enumerate(body) if text.strip()), len(body))
    return [(line + 1 + i, text) for i, text in enumerate(body) if i > named]
