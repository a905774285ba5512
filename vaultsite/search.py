# One search index and one sitemap per language, cut from the merged ones
# mkdocs-static-i18n writes at the root.
#
# A reader on /zh/ should get Chinese results and stemming, not a mix of three
# languages matched with three stemmers.
from __future__ import annotations

import re
from typing import Any

SearchIndex = dict[str, Any]


def language_of_location(location: str, languages: tuple[str, ...], default: str) -> str:
    """``"ru/adagrad/#x"`` → ``"ru"``; a location without a language prefix is the default's."""
    first = location.split("/", 1)[0]
    return first if first in languages and first != default else default


def split_search_index(merged: SearchIndex, languages: tuple[str, ...],
                       default: str) -> dict[str, SearchIndex]:
    """Per-language indexes, locations relative to each language's root.

    Each index stems its own language and the default one: Russian and Chinese
    pages are full of English terms (AdaGrad, learning rate), which a
    Russian-only lunr pipeline would trim away.
    """
    split: dict[str, SearchIndex] = {
        lang: {**merged, "config": {**merged["config"], "lang": sorted({default, lang})},
               "docs": []}
        for lang in languages
    }
    for doc in merged["docs"]:
        lang = language_of_location(doc["location"], languages, default)
        location = doc["location"] if lang == default else doc["location"][len(lang) + 1:]
        split[lang]["docs"].append({**doc, "location": location})
    return split


_URL_ENTRY = re.compile(r"[ \t]*<url>.*?</url>\n?", re.DOTALL)
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def language_sitemap(sitemap: str, *, lang: str, site_url: str) -> str:
    """The sitemap entries of one language's pages, for ``<lang>/sitemap.xml``.

    Material's script fetches ``sitemap.xml`` at the base of the page's
    language; mkdocs-static-i18n writes only the root one.
    """
    prefix = site_url.rstrip("/") + f"/{lang}/"
    head_end = sitemap.index("<url>") if "<url>" in sitemap else sitemap.index("</urlset>")
    head = sitemap[:head_end].rstrip(" \t")
    entries = [e for e in _URL_ENTRY.findall(sitemap) if _LOC.search(e)
               and _LOC.search(e).group(1).startswith(prefix)]  # type: ignore[union-attr]
    return head + "".join(entries) + "</urlset>\n"
