# The vault → site path: ordered lists of small transforms over one explicit context.
#
# Every step is ``(text, page) -> (text, problems)``: Markdown steps before
# Python-Markdown, HTML steps after it, output steps on the finished page. No
# step knows MkDocs; vaultsite/plugin.py only wires MkDocs' events to ``run``.
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from vaultsite import graphs as graphs_of
from vaultsite import theme
from vaultsite.blocks import find_blocks
from vaultsite.callouts import convert_callouts
from vaultsite.embed import expand_blocks, narrow_pictures
from vaultsite.errors import VaultProblem
from vaultsite.explorables import explorable_url_key
from vaultsite.figures import FigureFile
from vaultsite.glossary import Glossary, glossary_step
from vaultsite.headings import normalize_headings
from vaultsite.links import Backlink, anchor_links, backlinks_markdown, note_links
from vaultsite.mathml import arithmatex_to_mathml, math_problems, math_to_tokens, tokens_to_mathml
from vaultsite.narrow import notebook_phone_pictures
from vaultsite.notebooks import NO_ALT
from vaultsite.provenance import add_source_line
from vaultsite.rawsource import raw_source_problems
from vaultsite.segments import Segment, map_kind
from vaultsite.snippet_source import SnippetNameError, dependency_digest
from vaultsite.strings import text
from vaultsite.tags import extract_tags
from vaultsite.transclude import (
    Embed,
    block,
    find_embeds,
    headings_as_text,
    section,
    strip_block_ids,
)
from vaultsite.vault import DEFAULT_LANGUAGE, Note, Vault, body, note_path
from vaultsite.wikilinks import WIKILINK, LinkProblem, normalize, resolve_concept, rewrite_wikilinks
from vaultsite.zoom import add_zoom_dialog


@dataclass(frozen=True)
class Language:
    """What every page of one language may read: the vault and the renders it points at."""

    lang: str
    vault: Vault
    index: Mapping[str, set[str]]
    figures: Mapping[str, FigureFile]  # "module.function" → its SVG in this language
    notebooks: Mapping[str, str]  # notebook name → rendered HTML
    heading_slug: Callable[[str], str]
    tag_anchor: Callable[[str], str]  # a tag's anchor on the tags page (Material's setting)
    backlinks: Mapping[str, tuple[Backlink, ...]] = field(default_factory=dict)  # concept →
    links: tuple[tuple[str, str], ...] = ()  # (linking concept, linked concept), sorted
    glossary: Glossary = field(default_factory=Glossary)  # docs/glossary.yml
    explorables: Mapping[str, str] = field(default_factory=dict)  # "module.function" → its data
    # (module.function, lang) called by a notebook cell → that figure's phone layout
    notebook_phones: Mapping[tuple[str, str], FigureFile] = field(default_factory=dict)


@dataclass(frozen=True)
class PageContext:
    """One page: its note, where its neighbours are, and the language around it."""

    language: Language
    note: Note
    notes_meta: tuple[str, ...] = ()  # the `notes:` of its front matter
    # "tags", "notes", "jupyter_css", "explorable module.function" → URL from the page
    urls: Mapping[str, str] = field(default_factory=dict)
    embedding: tuple[str, ...] = ()  # for embedded content: the page, then each note embedded

    @property
    def lang(self) -> str:
        return self.language.lang


Step = Callable[[str, PageContext], tuple[str, list[VaultProblem]]]


def run(steps: Sequence[Step], text_in: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Pass ``text_in`` through ``steps`` in order; collect every step's problems."""
    problems: list[VaultProblem] = []
    for step in steps:
        text_in, found = step(text_in, page)
        problems.extend(found)
    return text_in, problems


# --- Markdown steps: lines in their problems count from the Markdown's first line -------

def tags(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """#tags become links to their entry on the tags page."""
    markdown, _ = extract_tags(markdown, tags_url=page.urls["tags"],
                               anchor=page.language.tag_anchor)
    return markdown, []


def wikilinks(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """[[links]] and ![[images]] become relative links in the page's language."""
    return rewrite_wikilinks(markdown, source=page.note, vault=page.language.vault,
                             index=dict(page.language.index), slugify=page.language.heading_slug)


def link_ids(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Each link to another note gets an id, for that note's "Linked from" list to point at."""
    return anchor_links(markdown, note_links(markdown, source=page.note,
                                             vault=page.language.vault)), []


def backlinks(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """At the end, every place in this language's pages that links here, with its sentence."""
    found = page.language.backlinks.get(page.note.concept, ())
    return markdown.rstrip("\n") + backlinks_markdown(
        found, page=page.note, heading=text("linked_from", page.lang)), []


_GRAPH_FENCE = re.compile(r"\A[ \t]*(`{3,}|~{3,})graph[ \t]*\n(?P<body>.*?)\n?[ \t]*\1[ \t]*\Z", re.DOTALL)


def graphs(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """A concept page ends with its local link graph; a ```graph fence shows them all."""
    language, note = page.language, page.note
    def fence(segment: Segment) -> str:
        match = _GRAPH_FENCE.match(segment.text)
        if match is None:
            return segment.text
        plain = graphs_of.draw(_global(page, with_tags=False), title=text("whole_graph", page.lang),
                               prefix="graph", size="global")
        tagged = graphs_of.draw(_global(page, with_tags=True), title=text("with_tags", page.lang),
                                prefix="graph-tags", size="global")
        return (f'{plain}\n\n<details class="vault-graph-tags"><summary>{text("with_tags", page.lang)}'
                f"</summary>\n{tagged}\n</details>")
    markdown = map_kind(markdown, "fence", fence)
    if "notes" not in note.meta:  # not a concept page: no local graph, so no layout either
        return markdown, []
    svg = graphs_of.draw(graphs_of.local_graph(note, language.vault, language.links),
                         title=text("link_graph_of", page.lang).format(note.title or note.concept),
                         prefix="local-graph", size="local")
    if not svg:
        return markdown, []
    whole = page.urls.get("graph", ".md")  # a URL, or the file's name if the vault has none
    more = "" if whole.endswith(".md") else (
        f'\n\n<p><a href="{whole}">{text("whole_graph", page.lang)}</a></p>')
    return (markdown.rstrip("\n") + f"\n\n## {text('link_graph', page.lang)} "
            f"{{ #link-graph data-search-exclude }}\n\n{svg}{more}\n"), []


def _global(page: PageContext, *, with_tags: bool) -> graphs_of.Graph:
    return graphs_of.global_graph(page.note, page.language.vault, page.language.links,
                                  with_tags=with_tags, tags_url=page.urls["tags"],
                                  tag_anchor=page.language.tag_anchor)


def callouts(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Obsidian callouts become admonitions; headings skip no level."""
    return normalize_headings(convert_callouts(markdown)), []


def math(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Every formula is checked, then hidden in a token no Markdown container can break."""
    problems = [VaultProblem(page.note.path, line, message)
                for line, message in math_problems(markdown)]
    return math_to_tokens(markdown), problems


def blocks(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """```figure, ```explorable, ```snippet and ```notebook fences show tested code and its
    output."""
    return expand_blocks(markdown, page_path=page.note.path, lang=page.lang,
                         figures=page.language.figures, notebooks=page.language.notebooks,
                         explorables={name: page.urls[explorable_url_key(name)]
                                      for name in page.language.explorables
                                      if explorable_url_key(name) in page.urls})


class _EmbedCycle(Exception):
    """A note embeds itself through others; raised up to the page that started it."""

    def __init__(self, chain: tuple[str, ...]) -> None:
        self.chain = chain
        super().__init__(" → ".join(chain))


def transclusions(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """![[Note]], ![[Note#Heading]] and ![[Note#^block]] show that content, with its source."""
    problems: list[VaultProblem] = []
    for embed in reversed(find_embeds(markdown)):
        try:
            shown, missing = _embedded(embed, page)
        except _EmbedCycle as cycle:
            if page.embedding:
                raise
            shown, missing = None, (f"embed cycle: {' → '.join(cycle.chain)}; a note cannot "
                                    "show itself, remove one of these embeds")
        if missing:
            problems.append(VaultProblem(page.note.path, embed.line, missing))
        if shown is not None:
            markdown = markdown[:embed.start] + shown + markdown[embed.end:]
    return strip_block_ids(markdown), problems[::-1]


def _embedded(embed: Embed, page: PageContext) -> tuple[str | None, str]:
    """The embed's content through the page steps, or ``None`` and what is missing."""
    written = f"![[{embed.target}{'#' + embed.part if embed.part else ''}]]"
    if not embed.own_line:
        return None, f"{written} stands inside a line; put the embed on a line of its own"
    language = page.language
    try:
        concept = resolve_concept(embed.target, language.vault, dict(language.index))
    except LinkProblem as problem:
        return None, str(problem).replace("wikilink [[", "embed ![[")
    note = language.vault.note(concept, page.lang)
    if note is None:
        return None, f"{concept} has no {page.lang} page; add {note_path(concept, page.lang)}"
    chain = (*(page.embedding or (page.note.path,)), note.path)
    if note.path in chain[:-1]:
        raise _EmbedCycle(chain)
    source = body(note.text)
    if embed.part.startswith("^"):
        part = block(source, embed.part[1:])
        if part is None:
            return None, (f"{written}: {note.path} has no block {embed.part}; mark one with "
                          f"{embed.part} at the end of its last line")
    elif embed.part:
        part = section(source, embed.part)
        if part is None:
            listed = "; ".join(note.headings) or "none"
            return None, f"{written}: {note.path} has no heading “{embed.part}”. Its headings: {listed}"
    else:
        part = source
    inner = PageContext(language, note, urls=page.urls, embedding=chain)
    shown, _ = run(EMBED_STEPS, headings_as_text(part), inner)  # its own page reports these
    here = PurePosixPath(chain[0]).parent
    heading = embed.part if embed.part and not embed.part.startswith("^") else ""
    href = posixpath.relpath(note.path, here) + (f"#{language.heading_slug(heading)}" if heading else "")
    label = f"{text('embedded_from', page.lang)} {note.title or concept}" + (f" › {heading}" if heading else "")
    lines = ['<div class="vault-embed" markdown>', "", shown.strip("\n"), "",
             f"[{label}]({href}){{ .vault-embed-source }}", "", "</div>"]
    return "\n".join(embed.indent + ln if ln else ln for ln in "\n".join(lines).split("\n")), ""


def provenance(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """A line under the title names the original notes the page comes from."""
    try:
        return add_source_line(markdown, list(page.notes_meta), lang=page.lang,
                               notes_page=page.urls["notes"]), []
    except ValueError as error:
        return markdown, [VaultProblem(page.note.path, 1, str(error))]


MARKDOWN_STEPS: tuple[Step, ...] = (glossary_step, tags, wikilinks, link_ids, backlinks, graphs,
                                    callouts, math, blocks, transclusions, provenance)
# embedded content: its links get no ids (the page has its own) and it has no backlinks
EMBED_STEPS: tuple[Step, ...] = (tags, wikilinks, callouts, math, blocks, transclusions)


# --- HTML steps: after Python-Markdown ----------------------------------------------------

def mathml(html: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Formulas become MathML (failures were reported, with lines, by the math step)."""
    html, _ = tokens_to_mathml(html)
    html, _ = arithmatex_to_mathml(html)
    return html, []


def phone_figures(html: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Figures with a phone layout serve it to phones (a ``<picture>``)."""
    return narrow_pictures(html, page.language.figures.values()), []


HTML_STEPS: tuple[Step, ...] = (mathml, phone_figures)


# --- Output steps: the finished page; lines count from the note's first line ----------------

_NOTEBOOK_PLACEHOLDER = re.compile(r'<div class="vault-notebook" data-notebook="([\w-]+)"></div>')


def phone_url_key(name: str, lang: str) -> str:
    """The key under which a page finds the URL of a notebook figure's phone layout."""
    return f"phone {name} {lang}"


def notebooks(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Each notebook placeholder becomes the rendered notebook and its stylesheet.

    Done on the finished page, after Material's search indexed it: notebook
    outputs are large and excluded from search anyway.
    """
    alt = f'alt="{text("notebook_figure", page.lang)}"'

    phones = {call: (page.urls[phone_url_key(*call)], phone.width, phone.height)
              for call, phone in page.language.notebook_phones.items()}

    def notebook(match: re.Match[str]) -> str:
        rendered = page.language.notebooks[match.group(1)].replace(NO_ALT, alt)
        return (f'<link rel="stylesheet" href="{page.urls["jupyter_css"]}">\n'
                + notebook_phone_pictures(rendered, phones))

    return _NOTEBOOK_PLACEHOLDER.sub(notebook, output), []


def material(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Material's page, adjusted: search in the page's language, on first use; a named dialog."""
    try:
        output = theme.search_in_language(output, lang=page.lang, default=DEFAULT_LANGUAGE)
        output = theme.load_search_index_on_first_use(output)
        return theme.name_search_dialog(theme.drop_language_alternates(output)), []
    except theme.ThemeChanged as error:
        return output, [VaultProblem(page.note.path, 1, f"{error}: the installed Material "
                                     "changed; update vaultsite/theme.py")]


def figure_zoom(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """A page with figures gets the dialog that shows one full size, labelled in its language."""
    return add_zoom_dialog(output, page.lang), []


def unused_assets(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """The explorable script, the graph style and the zoom script only on pages that use them."""
    try:
        return theme.drop_unused_assets(output, theme.PAGE_ASSETS), []
    except theme.ThemeChanged as error:
        return output, [VaultProblem(page.note.path, 1, f"{error}: keep mkdocs.yml's extra_css "
                                     "and extra_javascript in step with theme.PAGE_ASSETS")]


def no_source_shown(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """The last gate: no TeX, $$, [[links]] or fence lines in what a reader sees."""
    return output, raw_source_problems(output, path=page.note.path, source=page.note.text)


OUTPUT_STEPS: tuple[Step, ...] = (notebooks, material, figure_zoom, unused_assets,
                                  no_source_shown)


def page_inputs(page: PageContext) -> list[str]:
    """Everything a page's Markdown and HTML steps read, for the page cache's key.

    The note itself; for each link, the notes it resolves to in the page's
    language with their titles and headings (a link shows the title, an anchor
    needs the heading); the figures, snippet code and notebooks it shows; the
    list of notes (Markdown links to them are checked).
    """
    language, note = page.language, page.note
    parts = [language.lang, note.path, note.text, repr(sorted(page.urls.items())),
             repr(page.notes_meta), repr(sorted(n.path for n in language.vault.notes)),
             repr(language.vault.assets), language.glossary.text]
    for match in WIKILINK.finditer(note.text):
        target = match.group("target").strip()
        names = {target, PurePosixPath(target).name}
        concepts = sorted({c for name in names for c in language.index.get(normalize(name), ())})
        parts.append(f"link {target} → {concepts}")
        for concept in concepts:
            linked = language.vault.note(concept, language.lang)
            parts.append(repr((linked.path, linked.title, linked.headings)) if linked else "none")
    parts.append(repr(language.backlinks.get(note.concept, ())))
    parts.append(repr(graphs_of.local_graph(note, language.vault, language.links)))
    if "```graph" in note.text:  # the whole map: every concept's title, links and tags
        parts.append(repr(_global(page, with_tags=True)))
    parts.extend(_embedded_texts(note, language, seen={note.path}))
    for fence in find_blocks(note.text, "figure"):
        figure = language.figures.get(fence.names[0]) if fence.names else None
        narrow = figure.narrow if figure else None
        parts.append(repr((figure.site_path, figure.width, figure.height, figure.scrolls_on_phones,
                           narrow and (narrow.site_path, narrow.width, narrow.height)))
                     if figure else "none")
    for fence in find_blocks(note.text, "explorable"):
        # its data's path holds the digest of the snippet code, labels included
        named = fence.names[0] if fence.names else ""
        parts.append(f"explorable {named} {language.explorables.get(named)}")
    for fence in find_blocks(note.text, "snippet"):
        for name in fence.names:
            try:
                parts.append(dependency_digest(name.partition(".")[0]))
            except SnippetNameError:
                parts.append(f"unknown {name}")
    for fence in find_blocks(note.text, "notebook"):
        shown = bool(fence.names) and fence.names[0] in language.notebooks
        parts.append(f"notebook {fence.names[:1]} {shown}")
    return parts


def _embedded_texts(note: Note, language: Language, *, seen: set[str]) -> list[str]:
    """The text of every note ``note`` embeds, and of those they embed, each once."""
    texts: list[str] = []
    for embed in find_embeds(note.text):
        try:
            concept = resolve_concept(embed.target, language.vault, dict(language.index))
        except LinkProblem:
            continue
        embedded = language.vault.note(concept, language.lang)
        if embedded is not None and embedded.path not in seen:
            seen.add(embedded.path)
            texts += [embedded.path, embedded.text, *_embedded_texts(embedded, language, seen=seen)]
    return texts


def shift(problems: list[VaultProblem], offset: int) -> list[VaultProblem]:
    """Problems of Markdown steps, with lines counted from the note's first line."""
    return [VaultProblem(p.path, p.line + offset, p.message) for p in problems]


def note_for(vault: Vault, path: str) -> Note | None:
    """The note of a vault path, if it is one."""
    return next((n for n in vault.notes if n.path == path), None)


def project_root(config_file: str | Path) -> Path:
    """The folder that holds mkdocs.yml: its snippets/ and notebooks/ are the ones built."""
    return Path(config_file).resolve().parent
