# The vault → site path: ordered lists of small transforms over one explicit context.
#
# Every step is ``(text, page) -> (text, problems)``: Markdown steps before
# Python-Markdown, HTML steps after it, output steps on the finished page. No
# step knows MkDocs; vaultsite/plugin.py only wires MkDocs' events to ``run``.
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from vaultsite import theme
from vaultsite.blocks import find_blocks
from vaultsite.callouts import convert_callouts
from vaultsite.embed import expand_blocks, narrow_pictures
from vaultsite.errors import VaultProblem
from vaultsite.figures import FigureFile
from vaultsite.headings import normalize_headings
from vaultsite.mathml import arithmatex_to_mathml, math_problems, math_to_tokens, tokens_to_mathml
from vaultsite.notebooks import NO_ALT
from vaultsite.provenance import add_source_line
from vaultsite.rawsource import raw_source_problems
from vaultsite.snippet_source import SnippetNameError, dependency_digest
from vaultsite.strings import text
from vaultsite.tags import extract_tags
from vaultsite.vault import DEFAULT_LANGUAGE, Note, Vault
from vaultsite.wikilinks import WIKILINK, normalize, rewrite_wikilinks
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


@dataclass(frozen=True)
class PageContext:
    """One page: its note, where its neighbours are, and the language around it."""

    language: Language
    note: Note
    notes_meta: tuple[str, ...] = ()  # the `notes:` of its front matter
    urls: Mapping[str, str] = field(default_factory=dict)  # "tags", "notes", "jupyter_css"

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


def callouts(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Obsidian callouts become admonitions; headings skip no level."""
    return normalize_headings(convert_callouts(markdown)), []


def math(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Every formula is checked, then hidden in a token no Markdown container can break."""
    problems = [VaultProblem(page.note.path, line, message)
                for line, message in math_problems(markdown)]
    return math_to_tokens(markdown), problems


def blocks(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """```figure, ```snippet and ```notebook fences show tested code and its output."""
    return expand_blocks(markdown, page_path=page.note.path, lang=page.lang,
                         figures=page.language.figures, notebooks=page.language.notebooks)


def provenance(markdown: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """A line under the title names the original notes the page comes from."""
    try:
        return add_source_line(markdown, list(page.notes_meta), lang=page.lang,
                               notes_page=page.urls["notes"]), []
    except ValueError as error:
        return markdown, [VaultProblem(page.note.path, 1, str(error))]


MARKDOWN_STEPS: tuple[Step, ...] = (tags, wikilinks, callouts, math, blocks, provenance)


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


def notebooks(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """Each notebook placeholder becomes the rendered notebook and its stylesheet.

    Done on the finished page, after Material's search indexed it: notebook
    outputs are large and excluded from search anyway.
    """
    alt = f'alt="{text("notebook_figure", page.lang)}"'

    def notebook(match: re.Match[str]) -> str:
        return (f'<link rel="stylesheet" href="{page.urls["jupyter_css"]}">\n'
                + page.language.notebooks[match.group(1)].replace(NO_ALT, alt))

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


def no_source_shown(output: str, page: PageContext) -> tuple[str, list[VaultProblem]]:
    """The last gate: no TeX, $$, [[links]] or fence lines in what a reader sees."""
    return output, raw_source_problems(output, path=page.note.path, source=page.note.text)


OUTPUT_STEPS: tuple[Step, ...] = (notebooks, material, figure_zoom, no_source_shown)


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
             repr(language.vault.assets)]
    for match in WIKILINK.finditer(note.text):
        target = match.group("target").strip()
        names = {target, PurePosixPath(target).name}
        concepts = sorted({c for name in names for c in language.index.get(normalize(name), ())})
        parts.append(f"link {target} → {concepts}")
        for concept in concepts:
            linked = language.vault.note(concept, language.lang)
            parts.append(repr((linked.path, linked.title, linked.headings)) if linked else "none")
    for block in find_blocks(note.text, "figure"):
        figure = language.figures.get(block.names[0]) if block.names else None
        narrow = figure.narrow if figure else None
        parts.append(repr((figure.site_path, figure.width, figure.height, figure.scrolls_on_phones,
                           narrow and (narrow.site_path, narrow.width, narrow.height)))
                     if figure else "none")
    for block in find_blocks(note.text, "snippet"):
        for name in block.names:
            try:
                parts.append(dependency_digest(name.partition(".")[0]))
            except SnippetNameError:
                parts.append(f"unknown {name}")
    for block in find_blocks(note.text, "notebook"):
        shown = bool(block.names) and block.names[0] in language.notebooks
        parts.append(f"notebook {block.names[:1]} {shown}")
    return parts


def shift(problems: list[VaultProblem], offset: int) -> list[VaultProblem]:
    """Problems of Markdown steps, with lines counted from the note's first line."""
    return [VaultProblem(p.path, p.line + offset, p.message) for p in problems]


def note_for(vault: Vault, path: str) -> Note | None:
    """The note of a vault path, if it is one."""
    return next((n for n in vault.notes if n.path == path), None)


def project_root(config_file: str | Path) -> Path:
    """The folder that holds mkdocs.yml: its snippets/ and notebooks/ are the ones built."""
    return Path(config_file).resolve().parent
