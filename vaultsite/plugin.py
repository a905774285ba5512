# MkDocs wiring only: each event hands its text to vaultsite.pipeline and logs the problems.
# mkdocs-static-i18n builds one language after another with this same instance.
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from vaultsite.checkout import use_checkout

log = logging.getLogger("mkdocs.plugins.vaultsite")


class VaultsiteConfig(Config):
    cache_dir = c.Type(str, default=".cache")  # relative to mkdocs.yml
    figures = c.Type(bool, default=True)  # False leaves figure blocks as code (for timing)
    workers = c.Type(int, default=0)  # processes drawing figures and running notebooks; 0: cores


class VaultsitePlugin(BasePlugin[VaultsiteConfig]):
    site: Any = None
    site_inputs: Any = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that ``mkdocs serve`` keeps this instance, and its page cache, between
        rebuilds."""

    def on_config(self, config: Any) -> None:
        # mkdocs-static-i18n calls on_config again for each language: one Site for all
        inputs = (config.config_file_path, config.docs_dir, dict(self.config))
        if self.site is None or inputs != self.site_inputs:
            self.site_inputs = inputs
            self.site = use_checkout(Path(config.config_file_path)).Site(
                Path(config.config_file_path), Path(config.docs_dir), self.config)

    @event_priority(-200)  # after mkdocs-static-i18n chose this language's files
    def on_files(self, files: Files, config: Any) -> Files:
        self._fail(self.site.start_language(_lang(config), _tag_anchor(config)))
        for site_path, source, content in self.site.generated_files():
            files.append(File.generated(config, site_path, abs_src_path=source) if source
                         else File.generated(config, site_path, content=content or ""))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        urls = {name: _url(files, page, path) for name, path in self.site.neighbours().items()}
        markdown, tags = self.site.page_markdown(markdown, page.file.src_uri, page.meta, urls)
        if tags:
            page.meta["tags"] = [*page.meta.get("tags", []), *tags]
        if self.site.from_cache(page.file.src_uri):  # its search entries come from the cache
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    @event_priority(50)  # before Material's typeset plugin copies headings into the toc
    def on_page_content(self, html: str, page: Page, config: Any, files: Files) -> str:
        cached = self.site.from_cache(page.file.src_uri)
        if cached:  # what MkDocs would have read from the page's Markdown
            page.toc = TableOfContents([_anchor(item) for item in cached.toc])
            page.present_anchor_ids = set(cached.anchors)
            return self.site.page_html(html, page.file.src_uri)
        for item in _toc_items(page.toc.items):  # plain-text uses of a title: aria-label
            item.title = self.site.plain_title(item.title)
        html = self.site.page_html(html, page.file.src_uri)
        self.site.keep(page.file.src_uri, html, [_item(i) for i in page.toc.items],
                       sorted(page.present_anchor_ids or ()))
        return html

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        self._fail(self.site.page_problems())  # every page was read: report them all
        # each language's build compiles the theme's templates again; keep their bytecode
        env.bytecode_cache = FileSystemBytecodeCache(str(self.site.template_cache()))
        return env

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        return self.site.page_output(output, page.file.src_uri, page.url)

    @event_priority(-200)  # after mkdocs-static-i18n merged the languages' search indexes
    def on_post_build(self, config: Any) -> None:
        self._fail(self.site.output_problems())
        self.site.write_language_indexes(Path(config.site_dir), config.site_url)

    def _fail(self, problems: list[Any]) -> None:
        """Log every problem as an error (``-q`` cannot hide them) and stop the build."""
        for problem in problems:
            log.error("%s", problem)
        if problems:
            msg = f"{len(problems)} problem(s) in the vault; see above"
            raise PluginError(msg)


def _lang(config: Any) -> str:
    return str(config.theme.get("language") or "en")


def _tag_anchor(config: Any) -> Any:
    """How Material's tags plugin names a tag's anchor, from its own settings."""
    tags = config.plugins["material/tags"].config
    return lambda name: tags.tags_slugify_format.format(
        slug=tags.tags_slugify(name, tags.tags_slugify_separator))


def _url(files: Files, page: Page, src_uri: str) -> str:
    target = files.get_file_from_path(src_uri)
    return target.url_relative_to(page.file) if target else src_uri


def _item(link: AnchorLink) -> list[Any]:
    return [link.title, link.id, link.level, [_item(child) for child in link.children]]


def _anchor(item: list[Any]) -> AnchorLink:
    link = AnchorLink(item[0], item[1], item[2])
    link.children = [_anchor(child) for child in item[3]]
    return link


def _toc_items(items: list[Any]) -> list[Any]:
    return [i for item in items for i in (item, *_toc_items(item.children))]
