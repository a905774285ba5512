"""Wikilinks resolve by title, alias or file name, to the reader's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from vaultsite.vault import Vault
from vaultsite.wikilinks import rewrite_wikilinks

# (source page, Markdown in, Markdown out), grouped by source page
RESOLVED = [
    # from adagrad.ru.md: the note's own links
    ("adagrad.ru.md", "[[Градиентный спуск RmsProp]]",
     "[Градиентный спуск RmsProp](rmsprop.ru.md)"),
    ("adagrad.ru.md", "[[Atomic Notes/Градиентный спуск RmsProp]]",
     "[Градиентный спуск RmsProp](rmsprop.ru.md)"),
    ("adagrad.ru.md", "[[Градиентный спуск с инерцией]]",
     "[Градиентный спуск с инерцией](basics/momentum.ru.md)"),
    ("adagrad.ru.md", "[[RMSprop|затухание]]", "[затухание](rmsprop.ru.md)"),
    ("adagrad.ru.md", "[[rmsprop#Тормоз]]", "[rmsprop › Тормоз](rmsprop.ru.md#тормоз)"),
    ("adagrad.ru.md", "[[#Проблема алгоритма]]", "[Проблема алгоритма](#проблема-алгоритма)"),
    # from adagrad.md: a Russian name lands on the English page, titled in English
    ("adagrad.md", "[[Градиентный спуск RmsProp]]", "[RMSprop](rmsprop.md)"),
    ("adagrad.md", "[[momentum]]", "[momentum](basics/momentum.md)"),
    ("adagrad.md", "[[动量法|heavy ball]]", "[heavy ball](basics/momentum.md)"),
    ("adagrad.md", "see [[RMSPROP#the brake]].", "see [RMSPROP › the brake](rmsprop.md#the-brake)."),
    # from basics/momentum.zh.md: paths are relative to the page's folder
    ("basics/momentum.zh.md", "[[AdaGrad]]", "[AdaGrad](../adagrad.zh.md)"),
    ("basics/momentum.zh.md", "![[loss.png]]", "![loss](../images/loss.png)"),
    ("basics/momentum.zh.md", "![[loss.png|300]]", '![loss](../images/loss.png){ width="300" }'),
    # a note's embed is left for the transclusion step
    ("adagrad.md", "![[RMSprop#^block]]", "![[RMSprop#^block]]"),
    # code and math stay untouched
    ("adagrad.md", "`[[RMSprop]]` and $[[x]]$", "`[[RMSprop]]` and $[[x]]$"),
    ("adagrad.md", "```\n[[Nowhere]]\n```", "```\n[[Nowhere]]\n```"),
]


@pytest.mark.parametrize(("source", "markdown", "expected"), RESOLVED)
def test_resolved(vault: Vault, index: dict[str, set[str]], slug: Callable[[str], str],
                  source: str, markdown: str, expected: str) -> None:
    """A link in ``source`` becomes the expected relative Markdown link."""
    note = next(n for n in vault.notes if n.path == source)
    out, problems = rewrite_wikilinks(markdown, source=note, vault=vault, index=index,
                                      slugify=slug)
    assert (out, problems) == (expected, [])


# (source page, Markdown in, start of the problem message)
BROKEN = [
    ("adagrad.md", "[[Adamm]]", "unresolved wikilink [[Adamm]]: no note has this title"),
    ("adagrad.md", "[[RMSprop#Nothing]]", "wikilink [[RMSprop#Nothing]]: rmsprop.md has no heading"),
    ("adagrad.md", "![[missing.png]]", "missing file ![[missing.png]]"),
    ("adagrad.md", "![[dup.png]]", "ambiguous embed ![[dup.png]]"),
]


@pytest.mark.parametrize(("source", "markdown", "message"), BROKEN)
def test_broken(vault: Vault, index: dict[str, set[str]], slug: Callable[[str], str],
                source: str, markdown: str, message: str) -> None:
    """A bad link is kept as written and reported with its file and line."""
    note = next(n for n in vault.notes if n.path == source)
    out, problems = rewrite_wikilinks("intro\n\n" + markdown, source=note, vault=vault,
                                      index=index, slugify=slug)
    assert out == "intro\n\n" + markdown
    assert [(p.path, p.line) for p in problems] == [(source, 3)]
    assert problems[0].message.startswith(message)


def test_unknown_title_suggests_closest(vault: Vault, index: dict[str, set[str]],
                                        slug: Callable[[str], str]) -> None:
    """An unresolved link names the closest existing titles."""
    note = vault.notes[0]
    _, problems = rewrite_wikilinks("[[RMSprob]]", source=note, vault=vault, index=index,
                                    slugify=slug)
    assert "Closest: [[rmsprop]]" in problems[0].message


def test_two_notes_with_one_title_are_ambiguous(vault: Vault, slug: Callable[[str], str]) -> None:
    """Two concepts sharing a title make a link to it an error naming both files."""
    from vaultsite.vault import parse_note
    from vaultsite.wikilinks import name_index

    twin = parse_note("other.md", "---\ntitle: RMSprop\n---\n# RMSprop\n")
    crowded = Vault((*vault.notes, twin), vault.assets)
    _, problems = rewrite_wikilinks("[[RMSprop]]", source=crowded.notes[0], vault=crowded,
                                    index=name_index(crowded), slugify=slug)
    assert problems[0].message.startswith(
        "ambiguous wikilink [[RMSprop]]: the name belongs to other.md, rmsprop.md")
