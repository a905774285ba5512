"""Backlinks and graph edges, from a small vault: which page links where, with which sentence."""

from __future__ import annotations

import pytest
from pymdownx.slugs import slugify

from vaultsite.links import (
    Backlink,
    NoteLink,
    anchor_links,
    backlinks_markdown,
    edges,
    language_backlinks,
    link_context,
    note_links,
)
from vaultsite.vault import Vault, parse_note
from vaultsite.wikilinks import name_index

_slug = slugify(case="lower")

NOTES = {
    "adagrad.md": ("---\ntitle: AdaGrad\n---\n# AdaGrad\n\nThe sum only grows. Forgetting it is "
                   "[[RMSprop]]. Compare [[Momentum|heavy ball]].\n\n"
                   "## Next\n\n- see [[RMSprop#The brake]]\n- and [the brake](rmsprop.md)\n"),
    "adagrad.ru.md": ("---\ntitle: AdaGrad\n---\n# AdaGrad\n\n"
                      "См. [[RMSprop]], т. е. забывание. Конец.\n"),
    "rmsprop.md": ("---\ntitle: RMSprop\n---\n# RMSprop\n\n## The brake\n\n"
                   "| method | note |\n|---|---|\n| [[AdaGrad]] | sums $g^2$ |\n\n"
                   "`[[AdaGrad]]` in code is no link.\n"),
    "rmsprop.ru.md": "---\ntitle: Градиентный спуск RmsProp\naliases: [RMSprop]\n---\n# RmsProp\n",
    "lab/momentum.md": ("---\ntitle: Momentum\n---\n# Momentum\n\n> [!note] Why\n"
                        "> Like **[[AdaGrad]]**, it has\n> a memory #optimizer.\n"),
}


@pytest.fixture
def vault() -> Vault:
    """Two concepts in two languages and one note in a folder."""
    return Vault(tuple(parse_note(p, t) for p, t in NOTES.items()))


def _backlinks(vault: Vault, lang: str) -> dict[str, tuple[Backlink, ...]]:
    return language_backlinks(vault, lang, index=name_index(vault),
                              slugify=lambda h: _slug(h, "-"))


def test_backlinks_of_english_pages(vault: Vault) -> None:
    """Each link in prose, once per sentence, with its sentence and the link's id; code is skipped."""
    assert _backlinks(vault, "en") == {
        "rmsprop": (
            Backlink("adagrad.md", "AdaGrad", "link-rmsprop",
                     "The sum only grows. Forgetting it is **RMSprop**."),
            Backlink("adagrad.md", "AdaGrad", "link-rmsprop-2", "see **RMSprop › The brake**"),
            Backlink("adagrad.md", "AdaGrad", "link-rmsprop-3", "and **the brake**"),
        ),
        "lab/momentum": (
            Backlink("adagrad.md", "AdaGrad", "link-lab-momentum",
                     "Forgetting it is RMSprop. Compare **heavy ball**."),
        ),
        "adagrad": (
            Backlink("lab/momentum.md", "Momentum", "link-adagrad",
                     "Like **AdaGrad**, it has a memory ."),
            Backlink("rmsprop.md", "RMSprop", "link-adagrad", "**AdaGrad**"),
        ),
    }


def test_backlinks_stay_in_their_language(vault: Vault) -> None:
    """A Russian link shows on the Russian page only; "См." and "т. е." end no sentence."""
    assert _backlinks(vault, "ru") == {
        "rmsprop": (Backlink("adagrad.ru.md", "AdaGrad", "link-rmsprop",
                             "См. **RMSprop**, т. е. забывание."),),
    }


def test_edges_are_sorted_pairs_of_concepts(vault: Vault) -> None:
    """The graph's edges: linking concept → linked concept, each pair once, sorted."""
    assert edges(_backlinks(vault, "en"), vault) == [
        ("adagrad", "lab/momentum"), ("adagrad", "rmsprop"),
        ("lab/momentum", "adagrad"), ("rmsprop", "adagrad")]


def test_note_links_skip_images_headings_and_links_with_attributes(vault: Vault) -> None:
    """Only prose links to notes count: not images, heading links, attributed or outside links."""
    note = next(n for n in vault.notes if n.path == "adagrad.md")
    markdown = ("![x](rmsprop.md)\n## [RMSprop](rmsprop.md)\n[a](rmsprop.md){ .big } "
                "[b](https://x.org/rmsprop.md) [c](adagrad.md) [d](lab/momentum.md#why)")
    start = markdown.index("[d]")
    assert note_links(markdown, source=note, vault=vault) == [
        NoteLink(start, len(markdown), "lab/momentum", "link-lab-momentum")]


def test_anchor_links_puts_the_id_after_each_link() -> None:
    """The ids go in as attribute lists right after the links they name."""
    markdown = "[a](rmsprop.md) and [b](rmsprop.md)."
    links = [NoteLink(0, 15, "rmsprop", "link-rmsprop"),
             NoteLink(20, 35, "rmsprop", "link-rmsprop-2")]
    assert (markdown[0:15], markdown[20:35]) == ("[a](rmsprop.md)", "[b](rmsprop.md)")
    assert anchor_links(markdown, links) == (
        "[a](rmsprop.md){#link-rmsprop} and [b](rmsprop.md){#link-rmsprop-2}.")


CONTEXTS = [
    # (Markdown, the context of its first link)
    ("One. Two [x](a.md) three and more words to pass forty! Four.",
     "Two **x** three and more words to pass forty!"),
    ("The sum only grows. That is [x](a.md). Next.", "The sum only grows. That is **x**."),
    ("- item one\n- item [x](a.md)\n  continues\n- item three", "item **x** continues"),
    ("| a | b |\n|---|---|\n| left | [x](a.md) $|g|$ |", "**x** $|g|$"),
    ("# Title\nText with [x](a.md).", "Text with **x**."),
    ("梯度很大。用 [x](a.md)\n来处理。下一句。", "梯度很大。用 **x** 来处理。"),
    ("梯度很大，\n需要 [x](a.md)。", "梯度很大，需要 **x**。"),
    ("A footnote[^1] and <b>html</b> [x](a.md) #tag `code` $m$.",
     "A footnote and html **x** `code` $m$."),
]


@pytest.mark.parametrize(("markdown", "expected"), CONTEXTS)
def test_link_context(markdown: str, expected: str) -> None:
    """The sentence, list item or table cell around the link, on one line, the link in bold."""
    start = markdown.index("[x](a.md)")
    assert link_context(markdown, NoteLink(start, start + 9, "a", "link-a")) == expected


def test_backlinks_section_links_to_each_spot(vault: Vault) -> None:
    """The section is a heading with its id and one item per place, relative to the page."""
    page = next(n for n in vault.notes if n.path == "lab/momentum.md")
    found = (Backlink("adagrad.md", "AdaGrad", "link-lab-momentum", "Compare **heavy ball**."),)
    assert backlinks_markdown(found, page=page, heading="Linked from") == (
        "\n\n## Linked from { #linked-from .vault-backlinks data-search-exclude }\n\n"
        "- [AdaGrad](../adagrad.md#link-lab-momentum): Compare **heavy ball**.\n")


def test_no_backlinks_no_section(vault: Vault) -> None:
    """A page nobody links to gets no empty section."""
    page = next(n for n in vault.notes if n.path == "rmsprop.md")
    assert backlinks_markdown((), page=page, heading="Linked from") == ""
