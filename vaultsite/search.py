# One search index and one sitemap per language, cut from the merged ones
# mkdocs-static-i18n writes at the root.
#
# A reader on /zh/ should get Chinese results and stemming, not a mix of three
# languages matched with three stemmers.
from __future__ import annotations

import re
from collections.abc import Callable
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


_LASTMOD = re.compile(r"[ \t]*<lastmod>[^<]*</lastmod>\n?")


def without_build_dates(sitemap: str) -> str:
    """The sitemap without ``<lastmod>``: MkDocs writes the build's date there for every
    page, which says nothing true of a page and makes two days' builds differ."""
    return _LASTMOD.sub("", sitemap)


_TAG = re.compile(r"<[^>]+>")
_CYRILLIC_WORD = re.compile(r"[а-яё]+")


def add_lemmas(index: SearchIndex, lemmatize: Callable[[str], str]) -> SearchIndex:
    """Give each title and text the dictionary forms of its Russian words, hidden.

    Material appends ``*`` to every query term, and lunr skips stemming for
    such terms, so a stemmed index cannot match a whole word: «сходимость»
    would miss a page that says «сходимости». Indexing lemmas lets a query in
    dictionary form find every inflection. The span is ``hidden``: search
    previews do not show it.
    """
    def with_lemmas(html: str) -> str:
        words = set(_CYRILLIC_WORD.findall(_TAG.sub(" ", html).lower()))
        lemmas = sorted({lemmatize(word) for word in words} - words)
        return html + (f'<span hidden>{" ".join(lemmas)}</span>' if lemmas else "")

    docs = [{**doc, "title": with_lemmas(doc["title"]), "text": with_lemmas(doc["text"])}
            for doc in index["docs"]]
    return {**index, "docs": docs}


# A run of Chinese words, as Material's search plugin writes it: jieba's words
# joined by U+200B, with no space, punctuation or Latin letter between them
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_HAN_RUN = re.compile(f"[{_HAN}]+(?:\u200b[{_HAN}]+)*")


def chinese_compounds(html: str, *, longest: int = 3) -> list[str]:
    """New index terms for the jieba-cut ``html``: neighbouring words joined, long terms cut short.

    Material's plugin indexes jieba's words (自 / 适应), so a compound a reader
    types (自适应) is no term of the index. Its worker cuts a Chinese query
    greedily into the longest index terms that end before the query's last
    character, then matches each as a prefix: with every run of 2 to
    ``longest`` neighbouring words indexed whole (自适应, 学习率衰减), and every
    term of three or more characters also without its last character (自适,
    学习率衰), the query 自适应 becomes the prefix 自适, which only compounds
    of 自适应 extend. Returns the new terms only, sorted.
    """
    words: set[str] = set()
    terms: set[str] = set()
    for run in _HAN_RUN.findall(_TAG.sub(" ", html)):
        run_words = run.split("\u200b")
        words.update(run_words)
        terms.update("".join(run_words[start:start + size])
                     for size in range(2, longest + 1)
                     for start in range(len(run_words) - size + 1))
    terms |= {term[:-1] for term in terms | words if len(term) >= 3}
    return sorted(terms - words)


def add_chinese_compounds(index: SearchIndex) -> SearchIndex:
    """Give each title and text its Chinese compound terms (see chinese_compounds), hidden."""
    def with_compounds(html: str) -> str:
        terms = chinese_compounds(html)
        return html + (f'<span hidden>{" ".join(terms)}</span>' if terms else "")

    docs = [{**doc, "title": with_compounds(doc["title"]), "text": with_compounds(doc["text"])}
            for doc in index["docs"]]
    return {**index, "docs": docs}
