# One build of the vault into pages, language after language, without MkDocs types:
# the plugin hands over text and paths, the pipeline's steps do the work.
from __future__ import annotations

import functools
import gzip
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pymdownx.slugs import slugify

from vaultsite import notebooks, pipeline, search
from vaultsite.embed import ipynb_site_path
from vaultsite.errors import VaultProblem
from vaultsite.explorables import explorable_url_key
from vaultsite.figures import FigureFile
from vaultsite.glossary import load_glossary
from vaultsite.images import image_problems
from vaultsite.links import edges, language_backlinks
from vaultsite.mathfont import SITE_PATH as FONT_SITE_PATH
from vaultsite.mathml import math_as_text
from vaultsite.narrow import notebook_figure_calls
from vaultsite.pagecache import PLACEHOLDER, CachedPage, PageCache, environment_digest, page_key
from vaultsite.renders import Renders, render_all
from vaultsite.snippet_source import forget_changed_modules
from vaultsite.tags import tag_names
from vaultsite.vault import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    load_vault,
    markdown_offset,
    missing_translations,
    note_path,
)
from vaultsite.wikilinks import name_index

log = logging.getLogger("mkdocs.plugins.vaultsite")
_heading_slug = slugify(case="lower")


class Site:
    """The vault, its renders, and the problems found so far, for one build of every language."""

    def __init__(self, config_file: Path, docs_dir: Path, options: Mapping[str, Any]) -> None:
        self.root = pipeline.project_root(config_file)
        self.config_file = Path(config_file)
        self.docs_dir = docs_dir
        self.cache_dir = self.root / str(options["cache_dir"])
        self.figures = bool(options["figures"])
        self.workers = int(options["workers"])
        self.environment = ""  # the build code and config, hashed when a build starts
        self.cache = PageCache(self.cache_dir / "pages")
        self.cached: dict[str, CachedPage] = {}  # this language's pages taken from the cache
        self.keys: dict[str, str] = {}  # this language's other pages → their cache key
        self.tags: dict[str, list[str]] = {}  # inline #tags of this language's fresh pages
        # lang → (url, cache key of a fresh page, search entries of a cached page), as built
        self.order: dict[str, list[tuple[str, str | None, list[dict[str, Any]] | None]]] = {}
        self.renders: Renders | None = None
        self.lemmas = Lemmas(self.cache_dir / "lemmas.ru.json")
        self.language: pipeline.Language | None = None
        self.pages: dict[str, pipeline.PageContext] = {}
        self.problems: list[VaultProblem] = []
        # found on finished pages, of every language so far: the default language's
        # build ends after the others (mkdocs-static-i18n builds them inside it)
        self.shown: list[VaultProblem] = []

    def start_language(self, lang: str, tag_anchor: Callable[[str], str]) -> list[VaultProblem]:
        """Read the vault for ``lang``; the problems returned stop the build at once."""
        vault, unreadable = load_vault(self.docs_dir)
        unreadable += image_problems(self.docs_dir, vault.assets)
        glossary, glossary_problems = load_glossary(self.docs_dir, vault)
        unreadable += glossary_problems
        if unreadable:  # MkDocs would stop on these files with a traceback
            return unreadable
        self.problems, self.pages, self.cached, self.keys, self.tags = [], {}, {}, {}, {}
        if lang == DEFAULT_LANGUAGE:  # a build starts with it; the others follow inside it
            self.renders, self.shown, self.order = None, [], {}
            self.environment = environment_digest(Path(__file__).parent, self.config_file)
        self.order[lang] = []
        if self.renders is None:  # everything, for every language, at once
            forget_changed_modules()
            self.renders = render_all(vault, root=self.root, cache_dir=self.cache_dir,
                                      figures=self.figures, workers=self.workers)
            self.problems += self.renders.problems + [
                VaultProblem(note_path(concept, DEFAULT_LANGUAGE), 1,
                             f"missing translation ({concept}: {missing}): add the file "
                             f"{note_path(concept, missing)}")
                for concept, missing in missing_translations(vault)]
            _log_renders(self.renders)
        figures = {name: f for (name, figure_lang), f in self.renders.figures.items()
                   if figure_lang == lang}
        index, heading_slug = name_index(vault), functools.partial(_heading_slug, sep="-")
        backlinks = language_backlinks(vault, lang, index=index, slugify=heading_slug)
        self.language = pipeline.Language(
            lang, vault, index, figures, self.renders.notebooks, heading_slug=heading_slug,
            tag_anchor=tag_anchor, backlinks=backlinks, links=tuple(edges(backlinks, vault)),
            glossary=glossary,
            explorables={name: e.site_path for name, e in self.renders.explorables.items()},
            notebook_phones=notebook_phones(self.renders))
        return []

    def generated_files(self) -> list[tuple[str, str | None, str | None]]:
        """(site path, file or None, text or None) of what this language's pages point at."""
        assert self.renders is not None and self.language is not None
        figures = [*self.language.figures.values(),
                   *(f.narrow for f in self.language.figures.values() if f.narrow),
                   *(phone for call, phone in self.language.notebook_phones.items()
                     if call[1] != self.language.lang)]  # the others are in the line above
        files: list[tuple[str, str | None, str | None]] = [
            (f.site_path, str(f.cache_path), None) for f in figures]
        for data in self.renders.explorables.values():
            files.append((data.site_path, str(data.cache_path), None))
        for name, ipynb in self.renders.ipynb.items():
            files.append((ipynb_site_path(name), str(ipynb), None))
        if self.renders.notebooks:
            files.append((notebooks.CSS_SITE_PATH, None, notebooks.jupyter_css()))
        if self.renders.font is not None:
            files.append((FONT_SITE_PATH, str(self.renders.font), None))
        return files

    def neighbours(self) -> dict[str, str]:
        """Vault paths of the pages and files every page links to."""
        assert self.language is not None
        suffix = "" if self.language.lang == DEFAULT_LANGUAGE else f".{self.language.lang}"
        assert self.renders is not None
        return {"tags": f"tags{suffix}.md", "notes": f"notes{suffix}.md", "graph": f"graph{suffix}.md",
                "jupyter_css": notebooks.CSS_SITE_PATH,
                **{explorable_url_key(name): data.site_path
                   for name, data in self.renders.explorables.items()},
                **{pipeline.phone_url_key(*call): phone.site_path
                   for call, phone in self.language.notebook_phones.items()}}

    def page_markdown(self, markdown: str, path: str, meta: Mapping[str, Any],
                      urls: Mapping[str, str]) -> tuple[str, list[str]]:
        """The page's Markdown through the Markdown steps; and the tags it carries."""
        assert self.language is not None
        note = pipeline.note_for(self.language.vault, path)
        if note is None:
            return markdown, []
        page = pipeline.PageContext(self.language, note, tuple(str(n) for n in
                                                               meta.get("notes", [])), urls)
        self.pages[path] = page
        key = page_key([self.environment, *pipeline.page_inputs(page)])
        # a page with a Material plugin marker (the tags listing) is always read by that plugin
        cached = self.cache.get(key) if "<!-- material/" not in markdown else None
        if cached is not None:
            self.cached[path] = cached
            return PLACEHOLDER, cached.tags
        self.keys[path] = key
        offset = markdown_offset(note.text, markdown)
        tags = self.tags[path] = tag_names(markdown)
        markdown, problems = pipeline.run(pipeline.MARKDOWN_STEPS, markdown, page)
        self.problems += pipeline.shift(problems, offset)
        if problems:
            del self.keys[path]  # a page with problems is not kept
        return markdown, tags

    def from_cache(self, path: str) -> CachedPage | None:
        """The cached page, if this page was taken from the cache (its Markdown is a placeholder)."""
        return self.cached.get(path)

    def keep(self, path: str, html: str, toc: list[Any], anchors: list[str]) -> None:
        """Remember a freshly rendered page; it is cached once the search has indexed it."""
        if path in self.keys:
            self.cache.put(self.keys[path], CachedPage(html, toc, anchors, self.tags[path]))

    def plain_title(self, title: str) -> str:
        """A heading's text with its formulas read out as symbols."""
        return math_as_text(title)

    def page_html(self, html: str, path: str) -> str:
        """The page's HTML through the HTML steps (or as the cache kept it)."""
        if path in self.cached:
            return self.cached[path].html
        if path not in self.pages:
            return html
        html, problems = pipeline.run(pipeline.HTML_STEPS, html, self.pages[path])
        self.problems += problems
        return html

    def page_output(self, output: str, path: str, url: str) -> str:
        """The finished page through the output steps, the last gate among them."""
        if path not in self.pages:
            return output
        cached = self.cached.get(path)
        self.order[self.pages[path].lang].append(
            (url, self.keys.get(path), cached.search if cached else None))
        output, problems = pipeline.run(pipeline.OUTPUT_STEPS, output, self.pages[path])
        self.shown += problems
        return output

    def template_cache(self) -> Path:
        """A folder for the compiled theme templates."""
        folder = self.cache_dir / "templates"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def page_problems(self) -> list[VaultProblem]:
        """The problems of this language's pages; logs which pages were rendered afresh."""
        if self.keys or self.problems:
            fresh = sorted(set(self.pages) - set(self.cached))
            log.info("vaultsite: rendered %d page(s) afresh: %s", len(fresh), ", ".join(fresh))
        return self.problems

    def output_problems(self) -> list[VaultProblem]:
        return self.shown

    def write_language_indexes(self, site_dir: Path, site_url: str | None) -> None:
        """Cut the merged search index and sitemap into one per language, under its root;
        the sitemap loses MkDocs' build dates.

        mkdocs-static-i18n merges the index after its last language; an earlier
        call writes indexes the last one overwrites.
        """
        merged_path = site_dir / "search" / "search_index.json"
        if not merged_path.exists():
            return
        merged = json.loads(merged_path.read_text(encoding="utf-8"))
        merged = {**merged, "docs": self._with_cached_entries(merged["docs"])}
        for lang, split in search.split_search_index(merged, LANGUAGES, DEFAULT_LANGUAGE).items():
            index = split
            if lang == "ru":
                index = search.add_lemmas(index, self.lemmas.lemma)
            if lang == "zh":
                index = search.add_chinese_compounds(index)
            root = site_dir if lang == DEFAULT_LANGUAGE else site_dir / lang
            (root / "search").mkdir(parents=True, exist_ok=True)
            (root / "search" / "search_index.json").write_text(
                json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self.lemmas.save()
        sitemap_path = site_dir / "sitemap.xml"
        if not sitemap_path.exists():
            return
        sitemap = search.without_build_dates(sitemap_path.read_text(encoding="utf-8"))
        sitemap_path.write_text(sitemap, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode(), mtime=0))
        if site_url:
            for lang in LANGUAGES:
                if lang != DEFAULT_LANGUAGE:
                    (site_dir / lang / "sitemap.xml").write_text(search.language_sitemap(
                        sitemap, lang=lang, site_url=site_url), encoding="utf-8")


    def _with_cached_entries(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Every page's entries in build order: cached pages' from the cache, others' as
        Material indexed them now (and those are kept with their pages in the cache)."""
        by_page: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            by_page.setdefault(doc["location"].partition("#")[0], []).append(doc)
        entries: list[dict[str, Any]] = []
        built = [page for lang in LANGUAGES for page in self.order.get(lang, [])]
        for url, key, cached in built:
            if cached is not None:
                entries += cached
                continue
            fresh = by_page.get(url, [])
            entries += fresh
            kept = self.cache.pages.get(key) if key else None
            if key and kept is not None and fresh:  # indexed now: the page is complete
                self.cache.put(key, CachedPage(kept.html, kept.toc, kept.anchors, kept.tags,
                                               fresh))
        return entries


def notebook_phones(renders: Renders) -> dict[tuple[str, str], FigureFile]:
    """The phone layout of each figure a notebook cell draws, where the site drew one."""
    calls = {call for html in renders.notebooks.values() for call in notebook_figure_calls(html)}
    return {call: figure.narrow for call in sorted(calls)
            if (figure := renders.figures.get(call)) is not None and figure.narrow is not None}


def _log_renders(renders: Renders) -> None:
    if renders.drawn:
        log.info("vaultsite: drew %d figure(s): %s", len(renders.drawn), ", ".join(renders.drawn))
    if renders.computed:
        log.info("vaultsite: computed %d explorable(s): %s", len(renders.computed),
                 ", ".join(renders.computed))
    if renders.executed:
        log.info("vaultsite: executed %d notebook(s): %s", len(renders.executed),
                 ", ".join(renders.executed))


class Lemmas:
    """Russian dictionary forms, kept on disk: pymorphy3 takes about 1 ms a word."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known: dict[str, str] = (json.loads(path.read_text(encoding="utf-8"))
                                      if path.exists() else {})
        self.added = False

    def lemma(self, word: str) -> str:
        if word not in self.known:
            self.known[word] = _morphology().parse(word)[0].normal_form
            self.added = True
        return self.known[word]

    def save(self) -> None:
        if self.added:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.known, ensure_ascii=False, sort_keys=True),
                                 encoding="utf-8")
            self.added = False


@functools.lru_cache(maxsize=1)
def _morphology() -> Any:
    import pymorphy3  # loaded only when a word is new: 0.1 s and 15 MB

    return pymorphy3.MorphAnalyzer(lang="ru")
