# Which page links to which, per language: the data behind backlinks and the graph.
#
# Links are read from a note's Markdown after its [[wikilinks]] became Markdown
# links, so a wikilink and a hand-written ``[text](note.md)`` count the same. Each
# link to another note gets an id (``link-rmsprop``, ``link-rmsprop-2``) that the
# linked page's "Linked from" section points at.
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from vaultsite.segments import split
from vaultsite.tags import INLINE_TAG
from vaultsite.vault import Note, Vault, body
from vaultsite.wikilinks import rewrite_wikilinks

# [text](href) but not ![image](…), and not a link that already has an {attribute list}
_LINK = re.compile(r"(?<![!\\\]])\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]"
                   r"\((?P<href>[^()\s]+)\)(?!\{)")
# a full stop, then space, then not a lower-case letter (so "e.g. x" and "см. x" stay whole)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)]*\s+(?=[^\sa-zа-яё])|(?<=[。！？；])")
_ABBREVIATION = re.compile(  # a full stop that ends no sentence: "e.g. x", "см. x", "et al. x"
    r"(?<!\w)(?:e\.g|i\.e|cf|vs|al|approx|см|ср|т\.\s?е|т\.\s?к|напр|рис|гл|стр)\.[\"”»)]*\s*$",
    re.IGNORECASE)
SHORT_SENTENCE = 40  # characters: a sentence this short gets the one before it as well
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")
_LINE_START = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+][ \t]+|\d+\.[ \t]+|#{1,6}[ \t]+)?"
                         r"(?:\[![\w-]+\][-+]?[ \t]*)?", re.MULTILINE)
_BLOCK_START = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d+\.|#{1,6}|\|)[ \t]")
_NOISE = re.compile(r"\[\^[^\]\n]+\]|<[^>\n]+>|\*\*|__|\{:?[ \t]*[#.][^}\n]*\}")


@dataclass(frozen=True)
class NoteLink:
    """A Markdown link from one note to another, as it stands in the Markdown."""

    start: int
    end: int
    target: str  # the linked concept
    anchor: str  # the id the link gets on its page


@dataclass(frozen=True)
class Backlink:
    """One place that links to a page: where it is and the sentence around it."""

    source: str  # the linking note's vault path
    title: str
    anchor: str
    context: str  # Markdown: the sentence holding the link, the link itself in bold


def note_links(markdown: str, *, source: Note, vault: Vault) -> list[NoteLink]:
    """Links in prose (not code, math or headings) from ``source`` to another note."""
    paths = {n.path: n.concept for n in vault.notes}
    here = posixpath.dirname(source.path)
    found: list[NoteLink] = []
    counts: dict[str, int] = {}
    offset = 0
    for segment in split(markdown):
        if segment.kind == "text":
            for match in _LINK.finditer(segment.text):
                start = offset + match.start()
                if markdown.startswith("{", offset + match.end()):
                    continue  # its attribute list is the author's; an id there would clash
                line_start = markdown.rfind("\n", 0, start) + 1
                if re.match(r"[ \t]*#{1,6}[ \t]", markdown[line_start:start]):
                    continue  # an id there would name the heading, not the link
                path = match.group("href").partition("#")[0]
                concept = paths.get(posixpath.normpath(posixpath.join(here, path))) if path else None
                if concept is None or concept == source.concept:
                    continue
                counts[concept] = counts.get(concept, 0) + 1
                number = "" if counts[concept] == 1 else f"-{counts[concept]}"
                anchor = "link-" + re.sub(r"[^\w-]", "-", concept) + number
                found.append(NoteLink(start, offset + match.end(), concept, anchor))
        offset += len(segment.text)
    return found


def anchor_links(markdown: str, links: list[NoteLink]) -> str:
    """Each link followed by its id, as an attribute list: ``[x](y.md){#link-y}``."""
    for link in reversed(links):
        markdown = f"{markdown[:link.end]}{{#{link.anchor}}}{markdown[link.end:]}"
    return markdown


def link_context(markdown: str, link: NoteLink) -> str:
    """The sentence (or table cell, or list item) that holds ``link``, as one line."""
    line_start = markdown.rfind("\n", 0, link.start) + 1
    line_end = markdown.find("\n", link.end) % (len(markdown) + 1)
    line = markdown[line_start:line_end]
    if line.lstrip().startswith("|"):  # a table row: the cell
        bars = [0, *_cell_bars(line), len(line)]
        cell_start = max(b for b in bars if b < link.start - line_start) + 1
        cell_end = min(b for b in bars if b >= link.end - line_start)
        return _clean(line[cell_start:cell_end], link.start - line_start - cell_start,
                      link.end - line_start - cell_start)
    lines = markdown.split("\n")
    first, last = markdown.count("\n", 0, link.start), markdown.count("\n", 0, link.end)
    while first > 0 and _joins(lines[first - 1], lines[first]):
        first -= 1
    while last + 1 < len(lines) and _joins(lines[last], lines[last + 1]):
        last += 1
    block_start = sum(len(ln) + 1 for ln in lines[:first])
    block = "\n".join(lines[first:last + 1])
    start, end = link.start - block_start, link.end - block_start
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(block)
                 if not _ABBREVIATION.search(block, 0, m.start())), len(block)]
    begin = max(c for c in cuts if c <= start)
    finish = min(c for c in cuts if c >= end)
    # "That is RMSprop." alone does not say what "that" is: a short sentence brings the last
    if len(_plain(block[begin:finish]).strip()) < SHORT_SENTENCE and begin > 0:
        begin = max(c for c in cuts if c < begin)
    return _clean(block[begin:finish], start - begin, end - begin)


def _cell_bars(line: str) -> list[int]:
    """Where the cells of a table row are divided: | outside code and math, not escaped."""
    bars: list[int] = []
    offset = 0
    for segment in split(line):
        if segment.kind == "text":
            bars += [offset + m.start() for m in re.finditer(r"(?<!\\)\|", segment.text)]
        offset += len(segment.text)
    return bars


def _joins(line: str, following: str) -> bool:
    """Whether ``following`` continues the paragraph or list item of ``line``."""
    def prose(ln: str) -> bool:
        bare = ln.strip().lstrip(">").strip()
        return bool(bare) and not bare.startswith(("```", "$$", "#", "|"))
    callout_title = re.match(r"[ \t]*>[ \t]*\[![\w-]+\]", line)
    return (prose(line) and prose(following) and not callout_title
            and not _BLOCK_START.match(following))


def _clean(text: str, start: int, end: int) -> str:
    """Markup that means nothing out of place goes; the link at ``start:end`` turns bold."""
    link = _LINK.match(text, start)
    label = _plain(link.group("text")) if link else _plain(text[start:end])
    marked = _plain(f"{text[:start]}\x00{text[end:]}")  # \x00 holds the link's place
    one_line = " ".join(marked.replace("\x00", f"**{label}**").split())
    return _CJK_SPACE.sub("", one_line)  # a line break between Chinese characters is no space


def _plain(text: str) -> str:
    pieces = []
    for segment in split(_LINE_START.sub("", text)):
        if segment.kind != "text":
            pieces.append(segment.text if segment.kind in ("code", "math") else "")
            continue
        part = _NOISE.sub("", INLINE_TAG.sub("", segment.text))
        pieces.append(_LINK.sub(lambda m: m.group("text"), part))
    return "".join(pieces)


def language_backlinks(vault: Vault, lang: str, *, index: dict[str, set[str]],
                       slugify: Callable[[str], str]) -> dict[str, tuple[Backlink, ...]]:
    """Concept → the places in ``lang``'s pages that link to it, by linking page then position."""
    found: dict[str, list[Backlink]] = {}
    for note in sorted((n for n in vault.notes if n.lang == lang), key=lambda n: n.path):
        markdown, _ = rewrite_wikilinks(body(note.text), source=note, vault=vault, index=index,
                                        slugify=slugify)
        title = note.title or (note.headings[0] if note.headings else note.concept)
        seen: set[tuple[str, str]] = set()
        for link in note_links(markdown, source=note, vault=vault):
            context = link_context(markdown, link)
            if (link.target, context) not in seen:
                seen.add((link.target, context))
                found.setdefault(link.target, []).append(
                    Backlink(note.path, title, link.anchor, context))
    return {concept: tuple(links) for concept, links in found.items()}


def backlinks_markdown(backlinks: tuple[Backlink, ...], *, page: Note, heading: str) -> str:
    """The "Linked from" section: one item per place, linking to the exact spot."""
    if not backlinks:
        return ""
    here = posixpath.dirname(page.path)
    items = [f"- [{b.title}]({posixpath.relpath(b.source, here)}#{b.anchor}): {b.context}"
             for b in backlinks]
    # the sentences are other pages' text: searching for them should find those pages
    return (f"\n\n## {heading} {{ #linked-from .vault-backlinks data-search-exclude }}\n\n"
            + "\n".join(items) + "\n")


def edges(backlinks: Mapping[str, tuple[Backlink, ...]], vault: Vault) -> list[tuple[str, str]]:
    """Every (linking concept, linked concept) pair, sorted, each once."""
    concept_of = {n.path: n.concept for n in vault.notes}
    return sorted({(concept_of[b.source], target)
                   for target, links in backlinks.items() for b in links})
