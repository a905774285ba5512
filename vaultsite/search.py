# One search index per language, cut from the merged index mkdocs-static-i18n writes.
#
# A reader on /zh/ should get Chinese results and stemming, not a mix of three
# languages matched with three stemmers.
from __future__ import annotations

from typing import Any

SearchIndex = dict[str, Any]


def language_of_location(location: str, languages: tuple[str, ...], default: str) -> str:
    """``"ru/adagrad/#x"`` → ``"ru"``; a location without a language prefix is the default's."""
    first = location.split("/", 1)[0]
    return first if first in languages and first != default else default


def split_search_index(merged: SearchIndex, languages: tuple[str, ...],
                       default: str) -> dict[str, SearchIndex]:
    """Per-language indexes, locations relative to each language's root, ``lang`` set to it."""
    split: dict[str, SearchIndex] = {
        lang: {**merged, "config": {**merged["config"], "lang": [lang]}, "docs": []}
        for lang in languages
    }
    for doc in merged["docs"]:
        lang = language_of_location(doc["location"], languages, default)
        location = doc["location"] if lang == default else doc["location"][len(lang) + 1:]
        split[lang]["docs"].append({**doc, "location": location})
    return split
