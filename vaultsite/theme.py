# Small edits to the HTML Material renders, instead of copies of its templates
# (a copied block pins a hashed file name and breaks on the next release).
# Each edit finds a documented anchor in the page; if Material's markup
# changes, the edit reports the missing anchor instead of doing nothing.
from __future__ import annotations

import re

_CONFIG_BASE = re.compile(
    r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")', re.DOTALL)
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = re.compile(r'<nav class="md-search__options" aria-label="([^"]*)">')
_BUNDLE = re.compile(r'<script src="([^"]*)bundle\.[0-9a-f]+\.min\.js"></script>')
_SEARCH_WORKER = re.compile(r'<script id="__config" type="application/json">\{[^<]*"search": "')
# What overrides/assets/javascripts/lazy-search-index.js listens to: the search
# toggle and the dialog holding the search box
_SEARCH_TRIGGERS = ('data-md-toggle="search"', 'data-md-component="search"')
LAZY_SEARCH_SCRIPT = "lazy-search-index.js"
# The site's scripts and styles that only some pages use (mkdocs.yml lists them for
# every page), and the mark in a page that uses each
PAGE_ASSETS = {"explorable.js": 'class="vault-explorable"',
               "explorable.css": 'class="vault-explorable"',
               "graph.css": 'class="vault-graph"', "figure-zoom.js": '<dialog class="vault-zoom"'}


class ThemeChanged(ValueError):
    """Material's output no longer has what an edit anchors on."""


def search_in_language(page_html: str, *, lang: str, default: str) -> str:
    """Point Material's search at the reader's language root (``base`` of ``__config``).

    Each language has its own index under its root (see ``search.py``); Material
    looks for ``search/search_index.json`` under ``base``.
    """
    match = _CONFIG_BASE.search(page_html)
    if match is None:
        msg = "Material's <script id=\"__config\"> with a \"base\" was not found"
        raise ThemeChanged(msg)
    base = match.group(2).rstrip("/") or "."
    root = f"{base}/" if lang == default else f"{base}/{lang}/"
    return page_html[:match.start(2)] + root + page_html[match.end(2):]


def drop_language_alternates(page_html: str) -> str:
    """Remove the ``<link rel="alternate" hreflang>`` lines from the head.

    Material's script fetches ``sitemap.xml`` beside each of them, expecting
    language roots; mkdocs-static-i18n points them at the same page in each
    language, so every page load made failed requests. The language menu keeps
    its links.
    """
    head_end = page_html.find("</head>")
    return _ALTERNATE.sub("", page_html[:head_end]) + page_html[head_end:]


def name_search_dialog(page_html: str) -> str:
    """Give the search dialog an accessible name: the label Material gives its search options."""
    label = _SEARCH_LABEL.search(page_html)
    if _SEARCH_DIALOG not in page_html or label is None:
        msg = "Material's search dialog (div.md-search[role=dialog]) was not found"
        raise ThemeChanged(msg)
    named = _SEARCH_DIALOG.replace('role="dialog">',
                                   f'role="dialog" aria-label="{label.group(1)}">')
    return page_html.replace(_SEARCH_DIALOG, named, 1)


def load_search_index_on_first_use(page_html: str) -> str:
    """Run ``lazy-search-index.js`` just before Material's bundle: the index loads on first use.

    The script sits beside the bundle (``overrides/assets/javascripts/``) and holds
    back the bundle's request for ``search/search_index.json`` until the reader
    focuses or opens the search box; it listens to the search toggle and dialog,
    so those must be in the page too.
    """
    bundle = _BUNDLE.search(page_html)
    if bundle is None or _SEARCH_WORKER.search(page_html) is None \
            or not all(trigger in page_html for trigger in _SEARCH_TRIGGERS):
        msg = ("Material's bundle <script>, search worker in __config, search toggle or "
               "search dialog was not found")
        raise ThemeChanged(msg)
    script = f'<script src="{bundle.group(1)}{LAZY_SEARCH_SCRIPT}"></script>\n'
    return page_html[:bundle.start()] + script + page_html[bundle.start():]


def drop_unused_assets(page_html: str, uses: dict[str, str]) -> str:
    """Remove the ``<script>`` or stylesheet ``<link>`` of each asset whose mark the page lacks."""
    for name, mark in uses.items():
        # found by its file name first: a pattern tried at every offset of a Lab page
        # (megabytes of notebook output) cost a second per build
        at = page_html.find(f'/{name}"')
        start = page_html.rfind("<", 0, at) if at >= 0 else -1
        tag = re.compile(r'<(?:script src|link rel="stylesheet" href)="(?:[^"]*/)?'
                         + re.escape(name) + r'"[^>]*>(?:</script>)?\n?')
        found = tag.match(page_html, start) if start >= 0 else None
        if found is None:
            msg = f"the <script> or <link> of {name} was not found (mkdocs.yml lists it)"
            raise ThemeChanged(msg)
        if mark not in page_html:
            line_start = len(page_html[:start].rstrip(" \t"))  # the tag's indent goes too
            page_html = page_html[:line_start] + page_html[found.end():]
    return page_html
