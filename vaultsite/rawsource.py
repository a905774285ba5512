# The last gate: a rendered page must show its reader no source text (TeX,
# $$, [[links]], ![[embeds]], code fences) outside code.
from __future__ import annotations

import functools
import html
import re

from vaultsite.errors import VaultProblem

# Elements whose text is not prose: code is shown as code, MathML is math
_NOT_PROSE = re.compile(
    r"<(pre|code|script|style|math|svg|textarea|kbd)\b.*?</\1\s*>|<!--.*?-->",
    re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_RAW = re.compile(
    r"(?P<tex>\\[A-Za-z]+)|(?P<dollars>\$\$)|(?P<link>!?\[\[[^\]\n]*\]\])"
    r"|^[ \t]*(?P<fence>`{3,}|~{3,})",
    re.MULTILINE)
_WHAT = {"tex": "a TeX command", "dollars": "math delimiters $$", "link": "a wikilink",
         "fence": "a code fence line"}
_HELP = {
    "tex": "put the formula between $…$ or $$…$$ (on lines of their own for display math)",
    "dollars": "close each formula on the same block, and keep $$ lines inside the callout",
    "link": "check the link's brackets and that it is not inside a construct that keeps text",
    "fence": "close the fence, and indent it like the block it belongs to",
}


def prose_text(page_html: str) -> str:
    """The text a reader sees as prose: the page without code, math, scripts and tags."""
    return html.unescape(_TAG.sub(" ", _NOT_PROSE.sub(" ", page_html)))


@functools.lru_cache(maxsize=512)  # `mkdocs serve` checks the same unchanged pages again
def raw_source(page_html: str) -> tuple[tuple[str, str], ...]:
    """``(kind, excerpt)`` for every piece of Markdown or TeX source left in the prose."""
    prose = prose_text(page_html)
    if not any(mark in prose for mark in ("\\", "$$", "[[", "```", "~~~")):
        return ()  # the common case, found by fast substring search instead of the regex
    found = []
    for match in _RAW.finditer(prose):
        kind = match.lastgroup or "tex"
        rest = prose[match.start(kind):].split("\n", 1)[0]
        found.append((kind, rest[:60].strip()))
    return tuple(found)


def source_line(excerpt: str, source: str) -> int:
    """The 1-based line of ``source`` holding the longest start of ``excerpt``; 1 if none."""
    lines = source.splitlines()
    for length in range(len(excerpt), 1, -1):
        for number, line in enumerate(lines, start=1):
            if excerpt[:length] in line:
                return number
    return 1


def raw_source_problems(page_html: str, *, path: str, source: str) -> list[VaultProblem]:
    """One problem per distinct piece of source left in a page, at its line in the note."""
    problems: dict[tuple[int, str], VaultProblem] = {}
    for kind, excerpt in raw_source(page_html):
        line = source_line(excerpt, source)
        message = (f"the page shows {_WHAT[kind]} as text: {excerpt!r}; {_HELP[kind]}")
        problems.setdefault((line, kind), VaultProblem(path, line, message))
    return list(problems.values())
