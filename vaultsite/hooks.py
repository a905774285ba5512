# MkDocs wiring: each event hands text to the plain functions of this package.
#
# mkdocs-static-i18n runs one build per language; every event below therefore
# sees one language at a time (``config.theme.language``).
from __future__ import annotations

import sys
from pathlib import Path

# This checkout's vaultsite/ and snippets/, whatever another checkout installed
# (an editable install from a worktree would otherwise be imported instead).
_CHECKOUT = Path(__file__).resolve().parent.parent
if sys.path[:1] != [str(_CHECKOUT)]:
    sys.path.insert(0, str(_CHECKOUT))
for _module in [m for m in sys.modules if m.partition(".")[0] in ("vaultsite", "snippets")]:
    if not Path(getattr(sys.modules[_module], "__file__", None) or "/").resolve().is_relative_to(
            _CHECKOUT):
        del sys.modules[_module]

import functools
import json
import logging
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from pymdownx.slugs import slugify

from vaultsite import mathfont, notebooks, theme
from vaultsite.blocks import find_blocks
from vaultsite.callouts import convert_callouts
from vaultsite.embed import expand_blocks, ipynb_site_path
from vaultsite.errors import VaultProblem
from vaultsite.figures import FigureFile, cached_figure
from vaultsite.headings import normalize_headings
from vaultsite.images import image_problems
from vaultsite.mathml import (arithmatex_to_mathml, formulas, math_as_text, math_problems,
                              math_to_tokens, tokens_to_mathml)
from vaultsite.provenance import add_source_line
from vaultsite.rawsource import raw_source_problems
from vaultsite.search import add_lemmas, language_sitemap, split_search_index
from vaultsite.snippet_source import SnippetNameError, forget_changed_modules, where
from vaultsite.strings import text
from vaultsite.tags import extract_tags
from vaultsite.vault import (DEFAULT_LANGUAGE, LANGUAGES, Note, Vault, load_vault,
                             markdown_offset, missing_translations, note_path)
from vaultsite.wikilinks import name_index, rewrite_wikilinks

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.vaultsite")
heading_slug = slugify(case="lower")
_NOTEBOOK_PLACEHOLDER = re.compile(r'<div class="vault-notebook" data-notebook="([\w-]+)"></div>')


@dataclass
class BuildState:
    """What one language's build has learned so far."""

    vault: Vault = field(default_factory=lambda: Vault(()))
    index: dict[str, set[str]] = field(default_factory=dict)
    figures: dict[str, FigureFile] = field(default_factory=dict)
    notebooks: dict[str, str] = field(default_factory=dict)  # name → rendered HTML
    problems: list[VaultProblem] = field(default_factory=list)
    drawn: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    snippet_mtimes: dict[str, float] = field(default_factory=dict)
    output_problems: list[VaultProblem] = field(default_factory=list)


state = BuildState()


def _cache_dir(config: MkDocsConfig) -> Path:
    # VAULTSITE_CACHE lets tests and benchmarks build from an empty cache
    default = Path(config.config_file_path).parent / ".cache"
    return Path(os.environ.get("VAULTSITE_CACHE", default))


def _figures_enabled() -> bool:
    # VAULTSITE_FIGURES=off leaves figure blocks as code: for timing the rest of the build
    return os.environ.get("VAULTSITE_FIGURES", "on") != "off"


def _language(config: MkDocsConfig) -> str:
    return str(config.theme.get("language") or DEFAULT_LANGUAGE)


def on_pre_build(config: MkDocsConfig) -> None:
    """Start a build of all languages with no output problems (nested builds add theirs)."""
    i18n = config.plugins.get("i18n")
    if i18n is None or not getattr(i18n, "building", False):
        state.output_problems = []


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Index the vault, check translations, render figures and the math font."""
    lang = _language(config)
    state.vault, unreadable = load_vault(Path(config.docs_dir))
    unreadable += image_problems(Path(config.docs_dir), state.vault.assets)
    if unreadable:  # MkDocs would stop on these files with a traceback
        _fail(unreadable, f"{len(unreadable)} file(s) of the vault cannot be read")
    state.index = name_index(state.vault)
    state.problems = [  # reported once, by the first (default-language) build
        VaultProblem(note_path(concept, DEFAULT_LANGUAGE), 1,
                     f"missing translation ({concept}: {missing}): add the file "
                     f"{note_path(concept, missing)}")
        for concept, missing in missing_translations(state.vault)
    ] if lang == DEFAULT_LANGUAGE else []
    state.figures, state.drawn, state.notebooks, state.executed = {}, [], {}, []
    state.snippet_mtimes = forget_changed_modules(state.snippet_mtimes)
    notes = [n for n in state.vault.notes if n.lang == lang]
    if _figures_enabled():
        for note in notes:
            _render_figures(note, files, config, lang)
    for note in notes:
        _render_notebooks(note, files, config)
    if state.notebooks:
        files.append(File.generated(config, notebooks.CSS_SITE_PATH, content=notebooks.jupyter_css()))
    font = mathfont.build_font(_font_characters(tuple(n.text for n in state.vault.notes)),
                               _cache_dir(config) / "fonts")
    files.append(File.generated(config, mathfont.SITE_PATH, abs_src_path=str(font)))
    return files


def _render_figures(note: Note, files: Files, config: MkDocsConfig, lang: str) -> None:
    for block in find_blocks(note.text, "figure"):
        name = block.names[0] if block.names else ""
        if not name or name in state.figures:
            continue
        try:
            figure, drawn = cached_figure(name, lang, cache_dir=_cache_dir(config) / "figures")
        except SnippetNameError as error:
            state.problems.append(VaultProblem(note.path, block.line, str(error)))
            continue
        except Exception as error:  # a figure function may raise anything
            state.problems.append(VaultProblem(
                note.path, block.line, f"figure {name}('{lang}') raised {where(error)}; "
                f"call it in Python to see the whole traceback"))
            continue
        state.figures[name] = figure
        if drawn:
            state.drawn.append(f"{name}.{lang}")
        files.append(File.generated(config, figure.site_path, abs_src_path=str(figure.cache_path)))


def _render_notebooks(note: Note, files: Files, config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    for block in find_blocks(note.text, "notebook"):
        name = block.names[0] if block.names else ""
        path = notebooks.notebook_path(root, name)
        if name in state.notebooks:
            continue
        if not path.exists():
            state.problems.append(VaultProblem(
                note.path, block.line, f"no notebook {notebooks.NOTEBOOK_DIR}/{name}.py"))
            continue
        try:
            html, executed = notebooks.cached_notebook(path, _cache_dir(config) / "notebooks")
        except ValueError as error:  # the file is not a notebook we can read
            state.problems.append(VaultProblem(note.path, block.line, str(error)))
            continue
        except Exception as error:  # a cell may raise anything
            raised = (f"{error.ename}: {error.evalue}" if hasattr(error, "ename")
                      else f"{type(error).__name__}: {error}")
            state.problems.append(VaultProblem(
                note.path, block.line, f"notebook {notebooks.NOTEBOOK_DIR}/{name}.py raised "
                f"{raised}; run `python {notebooks.NOTEBOOK_DIR}/{name}.py` to see where"))
            continue
        state.notebooks[name] = html
        if executed:
            state.executed.append(name)
        files.append(File.generated(config, ipynb_site_path(name),
                                    content=notebooks.ipynb_text(path)))


@functools.lru_cache(maxsize=4)
def _font_characters(texts: tuple[str, ...]) -> list[int]:
    """Characters of every formula in every language, so all builds share one font file."""
    return mathfont.characters(m for text in texts for m in formulas(text))


def _relative_url(files: Files, page: Page, src_uri: str) -> str:
    target = files.get_file_from_path(src_uri)
    if target is None:
        msg = f"the vault needs {src_uri}"
        raise PluginError(msg)
    return target.url_relative_to(page.file)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Run a page's Markdown through the vault transforms, in order."""
    lang = _language(config)
    note = next(n for n in state.vault.notes if n.path == page.file.src_uri)
    offset = markdown_offset(note.text, markdown)
    suffix = "" if lang == DEFAULT_LANGUAGE else f".{lang}"
    # raw HTML: MkDocs cannot validate anchors the tags plugin adds after rendering
    markdown, tags = extract_tags(markdown, tags_url=_relative_url(files, page, f"tags{suffix}.md"),
                                  slugify=lambda t: heading_slug(t, "-"))
    markdown, link_problems = rewrite_wikilinks(markdown, source=note, vault=state.vault,
                                                index=state.index,
                                                slugify=lambda h: heading_slug(h, "-"))
    markdown = normalize_headings(convert_callouts(markdown))
    math_lines = math_problems(markdown)
    markdown = math_to_tokens(markdown)
    markdown, block_problems = expand_blocks(markdown, page_path=note.path, lang=lang,
                                             figures=state.figures, notebooks=state.notebooks)
    notes = [str(n) for n in page.meta.get("notes", [])]
    try:
        markdown = add_source_line(markdown, notes, lang=lang,
                                   notes_page=_relative_url(files, page, f"notes{suffix}.md"))
    except ValueError as error:
        block_problems.append(VaultProblem(note.path, 1, str(error)))
    block_problems.extend(VaultProblem(note.path, line, message) for line, message in math_lines)
    state.problems.extend(VaultProblem(p.path, p.line + offset, p.message)
                          for p in link_problems + block_problems)
    if tags:
        page.meta["tags"] = [*page.meta.get("tags", []), *tags]
    return markdown


@event_priority(50)  # before Material's typeset plugin copies headings into the toc
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace every formula by MathML and every notebook placeholder by the notebook."""
    # failures were already reported, with their lines, by math_problems
    html, _failures = tokens_to_mathml(html)
    html, _failures = arithmatex_to_mathml(html)
    for item in _toc_items(page.toc.items):
        item.title = math_as_text(item.title)  # plain-text uses of a title: aria-label, search
    return _NOTEBOOK_PLACEHOLDER.sub(lambda m: _notebook_html(m.group(1), page, files, config),
                                     html)


def _toc_items(items: list[Any]) -> list[Any]:
    return [i for item in items for i in (item, *_toc_items(item.children))]


def _notebook_html(name: str, page: Page, files: Files, config: MkDocsConfig) -> str:
    css = _relative_url(files, page, notebooks.CSS_SITE_PATH)
    alt = f'alt="{text("notebook_figure", _language(config))}"'
    return (f'<link rel="stylesheet" href="{css}">\n'
            + state.notebooks[name].replace(notebooks.NO_ALT, alt))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Fail the build, after every page was read, if the vault has problems."""
    if state.drawn:
        log.info("vaultsite: drew %d figure(s): %s", len(state.drawn), ", ".join(state.drawn))
    if state.executed:
        log.info("vaultsite: executed %d notebook(s): %s", len(state.executed),
                 ", ".join(state.executed))
    if state.problems:
        _fail(state.problems,
              f"{len(state.problems)} problem(s) in the vault ({_language(config)})")
    return env


def _fail(problems: list[VaultProblem], summary: str) -> None:
    """Log every problem as an error (``-q`` cannot hide them) and stop the build."""
    for problem in problems:
        log.error("%s", problem)
    msg = f"{summary}; see above"
    raise PluginError(msg)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Adjust Material's page; then no source text (TeX, [[links]], fences) may reach a reader."""
    note = next((n for n in state.vault.notes if n.path == page.file.src_uri), None)
    path = note.path if note else page.file.src_uri
    try:
        output = theme.search_in_language(output, lang=_language(config), default=DEFAULT_LANGUAGE)
        output = theme.name_search_dialog(theme.drop_language_alternates(output))
    except theme.ThemeChanged as error:
        state.output_problems.append(VaultProblem(path, 1, f"{error}: the installed Material "
                                                  "changed; update vaultsite/theme.py"))
    if note is not None:
        state.output_problems.extend(raw_source_problems(output, path=note.path,
                                                         source=note.text))
    return output


@functools.lru_cache(maxsize=65536)
def _russian_lemma(word: str) -> str:
    return _morphology().parse(word)[0].normal_form


@functools.lru_cache(maxsize=1)
def _morphology() -> Any:
    import pymorphy3  # loaded only when an index is written: 0.1 s and 15 MB

    return pymorphy3.MorphAnalyzer(lang="ru")


@event_priority(-200)  # after mkdocs-static-i18n built every language and merged the index
def on_post_build(config: MkDocsConfig) -> None:
    """Fail on pages that show source; cut the merged search index and sitemap per language."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested build of one language: i18n merges the index after the last one
    if state.output_problems:  # every language's pages, checked by on_post_page
        _fail(state.output_problems, f"{len(state.output_problems)} page(s) show source to readers")
    if i18n is None:
        return
    merged_path = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    for lang, index in split_search_index(merged, LANGUAGES, DEFAULT_LANGUAGE).items():
        if lang == "ru":
            index = add_lemmas(index, _russian_lemma)
        if lang == "zh":
            from vaultsite.search import add_chinese_compounds
            index = add_chinese_compounds(index)
        root = Path(config.site_dir) if lang == DEFAULT_LANGUAGE else Path(config.site_dir) / lang
        (root / "search").mkdir(parents=True, exist_ok=True)
        (root / "search" / "search_index.json").write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if sitemap.exists() and config.site_url:
        for lang in LANGUAGES:
            if lang != DEFAULT_LANGUAGE:
                (Path(config.site_dir) / lang / "sitemap.xml").write_text(
                    language_sitemap(sitemap.read_text(encoding="utf-8"), lang=lang,
                                     site_url=config.site_url), encoding="utf-8")
