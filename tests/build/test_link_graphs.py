"""Which nodes and edges a page's local graph and the whole map hold, from a small vault."""

from __future__ import annotations

import pytest
from pymdownx.slugs import slugify

from vaultsite.graph import GraphNode
from vaultsite.graphs import concepts, global_graph, local_graph, page_url, relative_url
from vaultsite.links import edges, language_backlinks
from vaultsite.vault import Note, Vault, parse_note
from vaultsite.wikilinks import name_index

_slug = slugify(case="lower")
NOTES = {
    "adagrad.md": "---\ntitle: AdaGrad\nnotes: ['002']\n---\n# AdaGrad\n\n[[RMSprop]] #optimizer\n",
    "rmsprop.md": "---\ntitle: RMSprop\nnotes: ['002']\n---\n# RMSprop\n\n[[Adam]] and [[AdaGrad]].\n",
    "adam.md": "---\ntitle: Adam\nnotes: ['003']\n---\n# Adam\n\nNo links. #optimizer #ML\n",
    "index.md": "---\ntitle: Home\n---\n# Home\n\n[[AdaGrad]], [[RMSprop]], [[Adam]]\n",
    "lab/race.md": "---\ntitle: Race\n---\n# Race\n\n[[Adam]]\n",
}


@pytest.fixture
def vault() -> Vault:
    """Three concepts (they have `notes:`), a home page and a lab page."""
    return Vault(tuple(parse_note(p, t) for p, t in NOTES.items()))


def _note(vault: Vault, path: str) -> Note:
    return next(n for n in vault.notes if n.path == path)


def test_concepts_are_the_notes_made_from_notes(vault: Vault) -> None:
    """Home and lab pages are not concepts; the list is sorted by concept."""
    assert [n.path for n in concepts(vault, "en")] == ["adagrad.md", "adam.md", "rmsprop.md"]
    assert vault.note("adam", "en") is not None and vault.note("adam", "ru") is None


def test_local_graph_is_the_page_and_its_own_links(vault: Vault) -> None:
    """AdaGrad's graph: itself and RMSprop (linked both ways); not Adam, not the home page."""
    backlinks = language_backlinks(vault, "en", index=name_index(vault), slugify=lambda h: _slug(h, "-"))
    nodes, pairs = local_graph(_note(vault, "adagrad.md"), vault, tuple(edges(backlinks, vault)))
    assert nodes == (GraphNode("adagrad", "AdaGrad", "./", current=True),
                     GraphNode("rmsprop", "RMSprop", "../rmsprop/"))
    assert pairs == (("adagrad", "rmsprop"), ("rmsprop", "adagrad"))


def test_local_graph_leaves_out_links_between_neighbours(vault: Vault) -> None:
    """Adam's graph has RMSprop only: AdaGrad does not link to Adam, nor Adam to it."""
    backlinks = language_backlinks(vault, "en", index=name_index(vault), slugify=lambda h: _slug(h, "-"))
    nodes, pairs = local_graph(_note(vault, "adam.md"), vault, tuple(edges(backlinks, vault)))
    assert [n.id for n in nodes] == ["adam", "rmsprop"] and pairs == (("rmsprop", "adam"),)


def test_global_graph_with_tags(vault: Vault) -> None:
    """Every concept, the links among concepts only, and each tag linked from its pages."""
    backlinks = language_backlinks(vault, "en", index=name_index(vault), slugify=lambda h: _slug(h, "-"))
    nodes, pairs = global_graph(_note(vault, "index.md"), vault, tuple(edges(backlinks, vault)),
                                with_tags=True, tags_url="tags/", tag_anchor=lambda t: f"tag:{t}")
    assert [(n.id, n.href, n.kind) for n in nodes] == [
        ("adagrad", "adagrad/", "concept"), ("adam", "adam/", "concept"),
        ("rmsprop", "rmsprop/", "concept"),
        ("tag:ML", "tags/#tag:ML", "tag"), ("tag:optimizer", "tags/#tag:optimizer", "tag")]
    assert pairs == (("adagrad", "rmsprop"), ("rmsprop", "adagrad"), ("rmsprop", "adam"),
                     ("adagrad", "tag:optimizer"), ("adam", "tag:optimizer"), ("adam", "tag:ML"))


@pytest.mark.parametrize(("target", "page", "url"), [
    ("rmsprop.ru.md", "adagrad.ru.md", "../rmsprop/"),
    ("index.zh.md", "adagrad.zh.md", "../"),
    ("adagrad.md", "lab/race.md", "../../adagrad/"),
    ("lab/index.md", "index.md", "lab/"),
    ("index.md", "index.md", "./"),
])
def test_relative_urls(target: str, page: str, url: str) -> None:
    """Links between pages as MkDocs' directory URLs place them, in any language."""
    assert relative_url(target, page) == url
    assert page_url("lab/race.ru.md") == "lab/race/"
