"""Edits of Material's rendered pages: exact results, and a loud failure when Material changes."""

from __future__ import annotations

import pytest

from vaultsite.theme import (ThemeChanged, drop_language_alternates, name_search_dialog,
                             search_in_language)

CONFIG = ('<script id="__config" type="application/json">{"annotate": null, "base": "../..", '
          '"features": [], "search": "../../assets/javascripts/workers/search.x.min.js"}</script>')


@pytest.mark.parametrize(("lang", "base"),
                         [("en", "../../"), ("ru", "../../ru/"), ("zh", "../../zh/")])
def test_search_base_is_the_language_root(lang: str, base: str) -> None:
    """The base Material searches under becomes the reader's language root."""
    edited = search_in_language(CONFIG, lang=lang, default="en")
    assert edited == CONFIG.replace('"base": "../.."', f'"base": "{base}"')


def test_search_base_of_the_home_page() -> None:
    """A page at the root ("base": ".") gets "./" or "./ru/"."""
    page = CONFIG.replace('"../.."', '"."')
    assert '"base": "./ru/"' in search_in_language(page, lang="ru", default="en")


def test_drop_language_alternates_keeps_the_rest() -> None:
    """Head hreflang links go; canonical, the body's language menu links stay."""
    page = ('<head>\n  <link rel="canonical" href="https://x/a/">\n'
            '      <link rel="alternate" href="../ru/a/" hreflang="ru">\n</head>\n'
            '<body><a href="../ru/a/" hreflang="ru" class="md-select__link">ru</a></body>')
    assert drop_language_alternates(page) == (
        '<head>\n  <link rel="canonical" href="https://x/a/">\n</head>\n'
        '<body><a href="../ru/a/" hreflang="ru" class="md-select__link">ru</a></body>')


def test_search_dialog_gets_the_search_label() -> None:
    """The dialog is named with the label of Material's search options, in the page's language."""
    page = ('<div class="md-search" data-md-component="search" role="dialog">'
            '<nav class="md-search__options" aria-label="查找"></nav></div>')
    assert name_search_dialog(page) == page.replace('role="dialog">',
                                                    'role="dialog" aria-label="查找">')


@pytest.mark.parametrize("edit", [
    lambda page: search_in_language(page, lang="en", default="en"),
    name_search_dialog,
])
def test_a_changed_theme_fails_loudly(edit: object) -> None:
    """Without Material's anchor in the page, the edit raises instead of doing nothing."""
    with pytest.raises(ThemeChanged):
        edit("<html><body>no Material here</body></html>")  # type: ignore[operator]
