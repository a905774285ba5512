# The link graphs of one language: which notes are concepts, where their pages are,
# and the nodes and edges of a page's local graph and of the whole map.
from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable

from vaultsite.graph import GLOBAL_SIZE, LOCAL_SIZE, Edge, GraphNode, graph_svg
from vaultsite.tags import tag_names
from vaultsite.vault import Note, Vault, body, concept_and_language

Graph = tuple[tuple[GraphNode, ...], tuple[Edge, ...]]


@functools.lru_cache(maxsize=8)  # every page of a language asks for the same list
def concepts(vault: Vault, lang: str) -> tuple[Note, ...]:
    """The concept pages of ``lang``: the notes made from the student's notes (``notes:``)."""
    return tuple(sorted((n for n in vault.notes if n.lang == lang and "notes" in n.meta),
                        key=lambda n: n.concept))


def page_url(path: str) -> str:
    """A note's page under its language's root: ``rmsprop.ru.md`` → ``rmsprop/``."""
    stem, _ = concept_and_language(path)
    folder, _, name = stem.rpartition("/")
    if name == "index":
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def relative_url(target: str, page: str) -> str:
    """The link from one note's page to another's (directory URLs, as MkDocs makes them)."""
    here, there = page_url(page) or ".", page_url(target) or "."
    return posixpath.relpath(there, here) + "/"


def local_graph(note: Note, vault: Vault, pairs: tuple[Edge, ...]) -> Graph:
    """The page, the concepts it links to and those that link to it, and those links."""
    known = {n.concept: n for n in concepts(vault, note.lang)}
    near = {note.concept} | {b for a, b in pairs if a == note.concept} | {
        a for a, b in pairs if b == note.concept}
    shown = sorted(c for c in near if c in known)
    if len(shown) < 2:
        return (), ()
    nodes = tuple(_node(known[c], note, current=c == note.concept) for c in shown)
    # only the page's own links: edges between its neighbours would hide them in a tangle
    return nodes, tuple((a, b) for a, b in pairs
                        if note.concept in (a, b) and a in shown and b in shown)


def global_graph(page: Note, vault: Vault, pairs: tuple[Edge, ...], *,
                 with_tags: bool, tags_url: str, tag_anchor: Callable[[str], str]) -> Graph:
    """Every concept of the page's language and their links; with its tags if asked."""
    notes = concepts(vault, page.lang)
    names = {n.concept for n in notes}
    nodes = [_node(n, page, current=False) for n in notes]
    links = [(a, b) for a, b in pairs if a in names and b in names]
    if with_tags:
        tagged = {n.concept: tag_names(body(n.text)) for n in notes}
        for tag in sorted({t for ts in tagged.values() for t in ts}):
            nodes.append(GraphNode(f"tag:{tag}", f"#{tag}", kind="tag",
                                   href=f"{tags_url}#{tag_anchor(tag)}"))
        links += [(c, f"tag:{t}") for c, ts in sorted(tagged.items()) for t in ts]
    return tuple(nodes), tuple(links)


def _node(note: Note, page: Note, *, current: bool) -> GraphNode:
    return GraphNode(note.concept, note.title or note.concept,
                     "./" if current else relative_url(note.path, page.path), current=current)


def draw(graph: Graph, *, title: str, prefix: str, size: str) -> str:
    """The graph as inline SVG, or nothing for an empty one."""
    nodes, links = graph
    if not nodes:
        return ""
    width, height = LOCAL_SIZE if size == "local" else GLOBAL_SIZE
    return graph_svg(nodes, links, title=title, width=width, height=height, id_prefix=prefix)
