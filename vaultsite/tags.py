# Inline #tags, as Obsidian writes them, → Material tags plus a link to the tags index.
from __future__ import annotations

import re
from collections.abc import Callable

from vaultsite.segments import Segment, join, split

# Obsidian: '#' after white space, then letters, digits, '_', '-', '/', not digits only
INLINE_TAG = re.compile(r"(?<!\S)#(?P<name>(?!\d+(?![\w/-]))[\w][\w/-]*)")


def tag_name(raw: str) -> str:
    """The tag as readers see it: ``Градиентный_спуск`` → ``Градиентный спуск``."""
    return raw.replace("_", " ")


def extract_tags(
    markdown: str, *, tags_url: str, anchor: Callable[[str], str]
) -> tuple[str, list[str]]:
    """Turn inline tags in prose into links to their entry on the tags index.

    Returns the new Markdown and the tag names, for Material's tags plugin.

    A tag at the start of a line would otherwise become an ``<h1>`` in
    Python-Markdown, so every tag is rewritten, wherever it stands.
    """
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = tag_name(match.group("name"))
        if name not in found:
            found.append(name)
        return f'<a class="vault-tag" href="{tags_url}#{anchor(name)}">#{match.group("name")}</a>'

    segments = [Segment(s.kind, INLINE_TAG.sub(replace, s.text), s.line)
                if s.kind == "text" else s for s in split(markdown)]
    return join(segments), found


def tag_names(markdown: str) -> list[str]:
    """The names of the inline tags in a page's prose, in order, each once."""
    return extract_tags(markdown, tags_url="", anchor=str)[1]
