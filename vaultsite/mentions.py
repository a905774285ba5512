# Unlinked mentions (as Obsidian calls them): places where a page names another
# concept by its title or an alias without linking it. An author's to-do list,
# printed by scripts/unlinked.py; the build does not fail on them.
from __future__ import annotations

import contextlib
import posixpath
import re
from dataclasses import dataclass

from vaultsite.prose import own_words, page_lines
from vaultsite.vault import Note, Vault, concept_and_language
from vaultsite.wikilinks import WIKILINK, LinkProblem, name_index, resolve_concept

_LETTER = r"A-Za-z0-9À-ɏЀ-ӿ"  # a name is a whole word among these; CJK needs no spaces
_MARKDOWN_LINK = re.compile(r"\]\((?P<href>[^()\s#]+\.md)(?:#[^()\s]*)?\)")
_HEADING = re.compile(r"^[ \t]*(?:>[ \t]*)*#{1,6}[ \t]")
_SHORTEST_NAME = 3  # shorter aliases ("GD") would match too much
# pages about the site, not concepts: their names ("notes", "tags") are ordinary words
SITE_PAGES = ("index", "notes", "tags", "glossary")


@dataclass(frozen=True)
class Mention:
    """A page naming a concept without a link: where, the words used, which concept."""

    path: str
    line: int
    text: str
    concept: str


def unlinked_mentions(vault: Vault, lang: str, *, every: bool = False) -> list[Mention]:
    """Unlinked mentions in the pages of ``lang``, by page and line.

    By default only the first mention of a concept on a page that never links
    to it (the link to add); with ``every``, each mention outside a link.
    Headings, code, math and quotations are not searched; a name matches as a
    whole word, in any case; the longest name wins where names overlap.
    """
    index = name_index(vault)
    names = _names(vault, lang)
    found: list[Mention] = []
    for note in sorted((n for n in vault.notes if n.lang == lang), key=lambda n: n.path):
        linked = _linked_concepts(note, vault, index)
        seen: set[str] = set()
        for number, text in own_words(page_lines(note.text, link_text=False)).items():
            if _HEADING.match(text):
                continue
            for start, name, concept in _matches(text, names):
                if concept == note.concept:
                    continue
                if every or (concept not in linked and concept not in seen):
                    found.append(Mention(note.path, number, text[start:start + len(name)],
                                         concept))
                    seen.add(concept)
    return found


def _names(vault: Vault, lang: str) -> list[tuple[str, str]]:
    """(name, concept) for every title and alias of the notes in ``lang``, longest first."""
    pairs = {(name, note.concept) for note in vault.notes if note.lang == lang
             if is_concept(note.concept) for name in (note.title, *note.aliases)
             if name and "/" not in name and len(name) >= _SHORTEST_NAME}
    return sorted(pairs, key=lambda p: (-len(p[0]), p))


def is_concept(concept: str) -> bool:
    """Whether a note is a concept page (not a page about the site, not a Lab page)."""
    return concept not in SITE_PAGES and not concept.startswith("lab/")


def _matches(text: str, names: list[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(start, name, concept) of every name in ``text``; a span is taken once."""
    taken = [False] * len(text)
    found: list[tuple[int, str, str]] = []
    for name, concept in names:
        pattern = re.compile(rf"(?<![{_LETTER}]){re.escape(name)}(?![{_LETTER}])", re.IGNORECASE)
        for match in pattern.finditer(text):
            if not any(taken[match.start():match.end()]):
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
                found.append((match.start(), name, concept))
    return sorted(found)


def _linked_concepts(note: Note, vault: Vault, index: dict[str, set[str]]) -> set[str]:
    """The concepts a note links to, by [[wikilink]] or by a Markdown link to a note."""
    linked: set[str] = set()
    for match in WIKILINK.finditer(note.text):
        target = match.group("target").strip()
        if target and not match.group("embed"):
            with contextlib.suppress(LinkProblem):  # the build reports it; it links nothing
                linked.add(resolve_concept(target, vault, index))
    here = posixpath.dirname(note.path)
    for match in _MARKDOWN_LINK.finditer(note.text):
        path = posixpath.normpath(posixpath.join(here, match.group("href")))
        linked.add(concept_and_language(path)[0])
    return linked
